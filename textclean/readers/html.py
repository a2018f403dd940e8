"""HTML into the same line blocks as text, plus what only the DOM knows.

The page is rendered the way a browser would show it as text (block
elements on their own lines, a blank line between paragraphs, headings,
lists, tables and landmarks), so the filters tuned on text see the same
lines. Each line also carries DOM features: its block tag, its link
density, heading level, list membership, and `hints`, the words that its
containers (nav, footer, class="share-bar", ...) say about it.

One pass over the tree with lxml's C-level `iterwalk`: no recursion in
Python (5,000-deep nesting is fine), no XPath, no ancestor walks; hints are
inherited down a stack. Metadata is collected in the same pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from textclean.model import Block, PageMeta
from textclean.readers.html_meta import MetaCollector
from textclean.readers.text import read_text

# Larger pages are parsed without libxml2's huge-tree option, which lifts its
# limits on depth and text-node size: a hostile 20 MB page should fail fast.
HUGE_TREE_LIMIT = 5_000_000
# The BeautifulSoup fallback is pure Python; past this size it is too slow
# to be worth it and the page is read as tag-stripped text instead.
SOUP_LIMIT = 3_000_000

_DROP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "object", "embed", "canvas", "audio", "video", "map", "button", "select", "option",
    "datalist", "input", "textarea", "head", "title", "dialog",
})
# Elements that start and end a line.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul",
    "summary", "legend", "noframes", "listing", "plaintext", "xmp",
})
# Block elements separated from their neighbours by a blank line.
_SEPARATED = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "menu", "table", "header",
    "footer", "nav", "aside", "main", "article", "section", "blockquote", "pre", "hr",
    "figure", "form", "address", "details",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_PROSE_CHARS = 100


# -- hints ---------------------------------------------------------------------

# Containers whose content is not the article, whatever it looks like.
BOILERPLATE = frozenset({
    "nav", "menu", "breadcrumb", "footer", "aside", "sidebar", "share", "social", "comment",
    "cookie", "newsletter", "related", "promo", "ad", "srtext", "tags",
})
# Containers that hold the article text itself; the nearest container wins,
# so these cancel boilerplate words inherited from further out.
STRONG_CONTENT = frozenset({"main"})

_TAG_HINTS: dict[str, frozenset[str]] = {
    "nav": frozenset({"nav"}), "header": frozenset({"header"}),
    "footer": frozenset({"footer"}), "aside": frozenset({"aside"}),
    "figure": frozenset({"figure"}), "figcaption": frozenset({"figcaption", "caption"}),
    "caption": frozenset({"caption"}), "form": frozenset({"form"}),
    "menu": frozenset({"menu"}), "article": frozenset({"article"}),
    "main": frozenset({"main"}), "time": frozenset({"time"}),
}
_ROLE_HINTS = {
    "navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "aside",
    "main": "main", "article": "article", "search": "form", "menu": "menu", "menubar": "menu",
}
_ITEMPROP_HINTS = {
    "articlebody": "main", "author": "byline", "datepublished": "time", "comment": "comment",
}
# Class and id words, most specific first: the alternation is ordered, so
# "article-body" is read as main content before "article" can match.
_CLASS_WORDS: tuple[tuple[str, str], ...] = (
    ("main", r"article ?(?:body|content|text|main)|entry ?content|post ?(?:content|body|entry)"
             r"|story ?(?:body|content|text)|main ?content|body ?text|content ?body|text ?body"
             r"|rich ?text"),
    ("srtext", r"sr ?only|screen ?reader|visually ?hidden|offscreen|element ?invisible"),
    ("breadcrumb", r"breadcrumb|crumbs?\b"),
    ("cookie", r"cookie|consent|gdpr"),
    ("newsletter", r"newsletter|\bsubscribe|sign ?up\b"),
    ("comment", r"comment(?!ary)|disqus|discussion"),
    ("related", r"related|recommend|more ?stories|read ?more|see ?also|also ?read|more ?from"
                r"|further ?reading|you ?may ?like|more ?articles|next ?article"),
    ("promo", r"promo|sponsor|outbrain|taboola|trending|popular|most ?read|most ?viewed"
              r"|zergnet|plista"),
    ("share", r"share|sharing|addthis|shariff"),
    ("social", r"social|follow ?us"),
    ("ad", r"\b(?:ads?|adv|advert\w{0,20}|advertis\w{0,20}|adsense|adslot|adunit|adbox|adwrap"
           r"|adcontainer|dfp|gpt)\b|\bad ?(?:slot|unit|wrap\w{0,10}|container|\d)"),
    ("breadcrumb", r"\bcrumb"),
    ("nav", r"\bnav(?!y)|nav\b|navigation|pagination|\bpager\b|skip ?link|jump ?link"),
    ("menu", r"menu"),
    ("footer", r"footer|colophon|copyright|site ?info\b"),
    ("header", r"header|masthead|top ?bar\b"),
    ("sidebar", r"sidebar|side ?bar\b|\baside\b|\brail\b|side ?col|widget ?area"),
    ("byline", r"byline|author|contributor|\bwriter\b"),
    ("time", r"\bdate|time ?stamp|dateline|published|pubdate|\btime\b"),
    ("caption", r"caption|\bcredit"),
    ("tags", r"\btags?\b|tag ?(?:list|cloud)|keywords|\btopics\b"),
    ("article", r"\barticle|\bstory\b|\bpost\b|\bentry\b|hentry"),
)
_CLASS_RE = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(_CLASS_WORDS)))
_GROUP_HINT = {f"g{i}": hint for i, (hint, _) in enumerate(_CLASS_WORDS)}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_EMPTY: frozenset[str] = frozenset()
_class_cache: dict[str, frozenset[str]] = {}


def class_hints(words: str) -> frozenset[str]:
    """The hint words in a class/id string ("socialShareBar" -> social, share)."""
    found = _class_cache.get(words)
    if found is None:
        norm = _NON_ALNUM.sub(" ", _CAMEL.sub(" ", words).lower())
        found = frozenset(_GROUP_HINT[m.lastgroup] for m in _CLASS_RE.finditer(norm)
                          if m.lastgroup)
        if len(_class_cache) > 100_000:
            _class_cache.clear()
        _class_cache[words] = found
    return found


def element_hints(el: HtmlElement, tag: str) -> frozenset[str]:
    """What the element's tag, role, microdata and class/id say it is."""
    own = _TAG_HINTS.get(tag, _EMPTY)
    attrib = el.attrib
    if not attrib:
        return own
    cls, ident = attrib.get("class"), attrib.get("id")
    if ident and ident.count("-") + ident.count("_") >= 3:
        # A slug of the heading text ("sharing-with-a-single-developer") is
        # an anchor, not a name for the container's role.
        ident = None
    if cls or ident:
        own = own | class_hints(f"{cls or ''} {ident or ''}")
    role = attrib.get("role")
    if role and role.lower() in _ROLE_HINTS:
        own = own | {_ROLE_HINTS[role.lower()]}
    prop = attrib.get("itemprop")
    if prop and prop.lower() in _ITEMPROP_HINTS:
        own = own | {_ITEMPROP_HINTS[prop.lower()]}
    itemtype = attrib.get("itemtype")
    if itemtype and ("Article" in itemtype or "BlogPosting" in itemtype):
        own = own | {"article"}
    return own


class _Frame:
    """What an open element passes down to its content."""

    __slots__ = ("chain", "tag", "heading", "list_item", "link", "pre", "render")

    def __init__(self, chain: tuple[int, ...], tag: str, heading: int, list_item: bool,
                 link: bool, pre: bool, render: bool) -> None:
        self.chain = chain
        self.tag = tag
        self.heading = heading
        self.list_item = list_item
        self.link = link
        self.pre = pre
        self.render = render


@dataclass(slots=True)
class _Line:
    text: str
    link_density: float
    group: int
    tag: str
    heading: int
    list_item: bool
    chain: tuple[int, ...]


class _Renderer:
    """Accumulates text chunks into lines while the tree is walked."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.owner: _Frame | None = None
        self.chain: tuple[int, ...] = ()
        self.group = 0
        self.blank = False
        self.containers: list[frozenset[str]] = []
        self.prose: list[int] = []

    def add(self, text: str, frame: _Frame) -> None:
        if frame.pre and "\n" in text:
            pieces = text.split("\n")
            for piece in pieces[:-1]:
                self.add(piece, _plain(frame))
                self.flush(False)
            text = pieces[-1]
        self.parts.append(text)
        if text.isspace() or not text:
            return
        if frame.link:
            self.link_chars += len(" ".join(text.split()))
        if self.owner is None:
            self.owner, self.chain = frame, frame.chain
        elif frame.chain is not self.chain:
            self.chain = _common_prefix(self.chain, frame.chain)

    def flush(self, blank: bool) -> None:
        if self.owner is not None:
            text = " ".join("".join(self.parts).split())
            if text:
                if self.blank and self.lines:
                    self.group += 1
                self.blank = False
                owner = self.owner
                density = min(1.0, self.link_chars / len(text))
                self.lines.append(_Line(text, density, self.group, owner.tag, owner.heading,
                                        owner.list_item, self.chain))
                if len(text) >= _PROSE_CHARS and density < 0.3:
                    for ci in self.chain:
                        self.prose[ci] += len(text)
        self.parts.clear()
        self.link_chars = 0
        self.owner = None
        self.blank = self.blank or blank


def _plain(frame: _Frame) -> _Frame:
    return _Frame(frame.chain, frame.tag, frame.heading, frame.list_item, frame.link,
                  False, frame.render)


def _common_prefix(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


def _is_hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def _child_frame(el: HtmlElement, tag: str, parent: _Frame, r: _Renderer) -> _Frame:
    chain = parent.chain
    if tag not in ("html", "body"):
        hints = element_hints(el, tag)
        if hints:
            r.containers.append(hints)
            r.prose.append(0)
            chain = chain + (len(r.containers) - 1,)
    if tag in _BLOCK:
        heading = _HEADINGS.get(tag, parent.heading)
        list_item = tag == "li" or (parent.list_item and tag not in ("article", "main", "table"))
        return _Frame(chain, tag, heading, list_item, parent.link, parent.pre or tag == "pre",
                      parent.render)
    link = parent.link or (tag == "a" and el.get("href") is not None)
    return _Frame(chain, parent.tag, parent.heading, parent.list_item, link, parent.pre,
                  parent.render)


def _visit_meta(el: HtmlElement, tag: str, meta: MetaCollector) -> None:
    """Hand the metadata-bearing elements to the collector."""
    if tag == "meta":
        meta.meta(el)
    elif tag == "link":
        meta.link(el)
    elif tag == "title":
        meta.set_title(el.text_content())
    elif tag == "script":
        if "ld+json" in (el.get("type") or "") and el.text:
            meta.jsonld(el.text)
    elif tag == "time":
        meta.time(el)
    elif tag == "a":
        meta.anchor(el)
    elif tag == "html":
        meta.html(el)
    elif tag == "h1":
        meta.h1(el.text_content())
    prop = el.get("itemprop")
    if prop and tag != "meta":
        meta.itemprop(el, prop)


_META_TAGS = frozenset({"meta", "link", "title", "script", "time", "a", "html", "h1"})


def _walk(root: HtmlElement, meta: MetaCollector) -> _Renderer:
    r = _Renderer()
    stack = [_Frame((), "body", 0, False, False, False, True)]
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    dropped: list[bool] = []
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if not isinstance(tag, str):
                walker.skip_subtree()
                dropped.append(True)
                continue
            if tag in _META_TAGS or el.get("itemprop"):
                _visit_meta(el, tag, meta)
            parent = stack[-1]
            if tag in _DROP or _is_hidden(el):
                walker.skip_subtree()
                dropped.append(True)
                if tag == "head":
                    # The head holds no visible text, only metadata: walk it
                    # without rendering.
                    _walk_head(el, meta)
                continue
            dropped.append(False)
            frame = _child_frame(el, tag, parent, r)
            stack.append(frame)
            if tag in _BLOCK:
                r.flush(tag in _SEPARATED)
            if tag == "br":
                # A <br> on a line with nothing on it yet shows an empty line.
                r.flush(r.owner is None)
            elif el.text:
                r.add(el.text, frame)
        else:
            if not dropped.pop():
                stack.pop()
                if isinstance(tag, str) and tag in _BLOCK:
                    r.flush(tag in _SEPARATED)
            if el.tail:
                r.add(el.tail, stack[-1])
    r.flush(True)
    return r


def _walk_head(head: HtmlElement, meta: MetaCollector) -> None:
    for el in head.iter():
        tag = el.tag
        if isinstance(tag, str) and tag in _META_TAGS:
            _visit_meta(el, tag, meta)


def _line_hints(r: _Renderer) -> Iterator[frozenset[str]]:
    """Each line's hints, with false landmarks pruned.

    A "boilerplate" container that holds most of the page's prose is a
    wrapper with an unlucky class (`has-sidebar`, `nav-open`), not a real
    menu or footer, so its boilerplate words are dropped. A strong content
    container (<main>, articleBody) cancels the boilerplate words of its
    ancestors, so the nearest container decides.
    """
    total = sum(len(line.text) for line in r.lines
                if len(line.text) >= _PROSE_CHARS and line.link_density < 0.3)
    containers = list(r.containers)
    for ci, hints in enumerate(containers):
        if hints & BOILERPLATE and total >= 400:
            share = 0.8 if "comment" in hints else 0.5
            if r.prose[ci] > share * total:
                containers[ci] = hints - BOILERPLATE
    cache: dict[tuple[int, ...], frozenset[str]] = {}
    for line in r.lines:
        cached = cache.get(line.chain)
        if cached is None:
            acc: set[str] = set()
            for ci in line.chain:
                own = containers[ci]
                if own & STRONG_CONTENT:
                    acc -= BOILERPLATE
                acc |= own
            cached = cache[line.chain] = frozenset(acc)
        yield cached


def _blocks(r: _Renderer) -> list[Block]:
    blocks = []
    for i, (line, hints) in enumerate(zip(r.lines, _line_hints(r), strict=True)):
        blocks.append(Block(index=i, text=line.text, group=line.group,
                            line_no=i + 1 + line.group, link_density=line.link_density,
                            heading_level=line.heading, list_item=line.list_item,
                            tag=line.tag, hints=hints))
    return blocks


def _parse(markup: str) -> HtmlElement | None:
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, recover=True,
        huge_tree=len(markup) <= HUGE_TREE_LIMIT, encoding="utf-8", default_doctype=False,
    )
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError, TypeError):
        return None
    return root if isinstance(root, HtmlElement) else None


def read_html(markup: str) -> tuple[list[Block], PageMeta]:
    """Render the page into line blocks with DOM features, and read its metadata.

    Broken markup that libxml2 cannot make a tree of (or that it cuts to an
    empty one, as it does past its nesting limit) is parsed again with
    BeautifulSoup; a page too large for that is read as tag-stripped text.
    """
    root = _parse(markup)
    meta = MetaCollector()
    rendered = _walk(root, meta) if root is not None else None
    if rendered is None or (not rendered.lines and _has_text(markup)):
        if len(markup) > SOUP_LIMIT:
            return read_text(_TAG.sub("\n", markup)), meta.finish()
        meta = MetaCollector()
        rendered = _walk(_soup_tree(markup), meta)
    return _blocks(rendered), meta.finish()


def _has_text(markup: str) -> bool:
    return bool(_TAG.sub("", markup[:200_000]).strip())


# -- fallback parser -----------------------------------------------------------


def _soup_tree(markup: str) -> HtmlElement:
    """An lxml tree built from BeautifulSoup's, without recursion.

    lxml's own soupparser converts recursively and fails on the very deep
    pages this fallback exists for.
    """
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, Tag
    from bs4.element import NavigableString, ProcessingInstruction

    soup = BeautifulSoup(markup, "lxml")
    top = soup.find("html")
    source = top if isinstance(top, Tag) else soup
    root: HtmlElement = lxml.html.Element("html")
    _copy_attrs(source, root)
    todo: list[tuple[Tag, HtmlElement]] = [(source, root)]
    while todo:
        src, dst = todo.pop()
        last: HtmlElement | None = None
        for child in src.children:
            if isinstance(child, Tag):
                el = _sub_element(dst, child.name)
                _copy_attrs(child, el)
                todo.append((child, el))
                last = el
            elif isinstance(child, NavigableString) and not isinstance(
                    child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                if last is None:
                    dst.text = (dst.text or "") + str(child)
                else:
                    last.tail = (last.tail or "") + str(child)
    return root


def _sub_element(parent: HtmlElement, name: str) -> HtmlElement:
    try:
        el: HtmlElement = lxml.etree.SubElement(parent, name.lower())
    except ValueError:  # a tag name lxml will not take, such as "<3"
        el = lxml.etree.SubElement(parent, "span")
    return el


def _copy_attrs(src: object, dst: HtmlElement) -> None:
    attrs = getattr(src, "attrs", {})
    for key, value in attrs.items():
        text = " ".join(value) if isinstance(value, list) else str(value)
        try:
            dst.set(key, text)
        except (ValueError, TypeError):
            continue
