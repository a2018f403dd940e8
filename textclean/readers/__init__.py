"""Readers: turn the page as given (text or HTML, str or bytes) into blocks."""

from __future__ import annotations

import re

from textclean.config import Config
from textclean.model import Document
from textclean.readers.decode import decode_bytes
from textclean.readers.features import annotate
from textclean.readers.text import read_text

_HTML_START = re.compile(
    r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|article)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|li|td|h[1-6])\b[^>]{0,200}>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True for markup: a document start, or many tags in the first 20 kB."""
    head = text[:20000]
    if _HTML_START.match(head[:2000]):
        return True
    return len(_HTML_TAGS.findall(head)) >= 10


def read(page: str | bytes, config: Config) -> Document:
    """Decode, detect the kind of input, split into blocks and annotate them."""
    if isinstance(page, (bytes, bytearray, memoryview)):
        text = decode_bytes(bytes(page))
    elif isinstance(page, str):
        text = page
    else:
        raise TypeError(f"textclean reads str or bytes, not {type(page).__name__}")
    text = _sanitise(text[: config.max_input_chars], config.max_line_chars)
    kind = config.input
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
    if kind == "html":
        from textclean.readers.html import read_html

        blocks, meta = read_html(text)
        doc = Document(blocks=blocks, meta=meta)
    else:
        doc = Document(blocks=read_text(text))
    doc.reference_date = config.reference_date
    doc.language = annotate(doc.blocks, config.language or doc.meta.language)
    return doc


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _sanitise(text: str, max_line: int) -> str:
    """Drop control characters and lone surrogates; cut absurdly long lines."""
    text = _CONTROL.sub("", text)
    if len(text) > max_line and any(len(line) > max_line for line in text.split("\n")):
        text = "\n".join(line[:max_line] for line in text.split("\n"))
    return text
