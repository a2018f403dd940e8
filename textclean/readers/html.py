"""HTML into blocks: a minimal rendering until the DOM-aware reader lands."""

from __future__ import annotations

import lxml.html

from textclean.model import Block, PageMeta
from textclean.readers.text import read_text

_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br",
               "section", "article", "header", "footer", "nav", "aside", "ul", "ol",
               "table", "blockquote", "figure", "figcaption", "pre", "dd", "dt"}


def read_html(markup: str) -> tuple[list[Block], PageMeta]:
    try:
        root = lxml.html.document_fromstring(markup)
    except Exception:  # lxml raises bare ParserError/ValueError on junk
        return read_text(markup), PageMeta()
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    title = root.findtext(".//title") or ""
    return read_text(text), PageMeta(title=title.strip())
