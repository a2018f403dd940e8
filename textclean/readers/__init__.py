"""Readers: turn the page as given (text or HTML, str or bytes) into blocks.

This is the one gate every page passes, so the guarantees about hostile
input live here: only text types are accepted; size is bounded before any
parsing or matching; control characters, lone surrogates and mojibake are
dealt with once, so no later step needs to care.

Limits (from `Config`), applied silently because a news article is far
below them and a best-effort result beats an error on a bloated page:

* `max_input_chars`: the page is cut to this many characters (bytes are cut
  to four bytes a character before decoding, so memory stays bounded too).
* `max_line_chars`: text input lines are cut to this length before they are
  read; for HTML, whose source is often one minified line, the rendered
  lines (blocks) are cut instead.

A limit of 0 or less means no limit. A cut is logged at INFO level on the
`textclean` logger.
"""

from __future__ import annotations

import logging
import re

from textclean.config import Config
from textclean.model import Block, Document, PageMeta
from textclean.readers.decode import decode_bytes, fix_mojibake, looks_binary
from textclean.readers.features import annotate_lowered
from textclean.readers.tables import mark_data_tables
from textclean.readers.text import read_text
from textclean.readers.titles import title_from_first_line

PageInput = str | bytes | bytearray | memoryview

log = logging.getLogger("textclean")

_HTML_START_TAG = re.compile(
    r"<(?:!doctype\s{1,20}html|\?xml\b|html|head|body|meta|title|link|script|style|div|p"
    r"|article|section|header|main|table|span|h[1-6]|ul|center|font)\b",
    re.IGNORECASE,
)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|li|td|h[1-6])\b[^<>]{0,200}>", re.IGNORECASE)
_LEADING_JUNK_LIMIT = 2000
_TAG_SCAN_WINDOW = 20_000
_TAGS_FOR_HTML = 10


def looks_like_html(text: str) -> bool:
    """True for markup: a document start, or many tags in the first 20 kB.

    A document start is a known tag after any leading BOM, whitespace and
    comments; the tag count catches fragments and pages with junk before
    `<html>`, while a text page that quotes a tag or two stays text.
    """
    start = _skip_leading_junk(text[:_LEADING_JUNK_LIMIT])
    if _HTML_START_TAG.match(text, start):
        return True
    head = text[:_TAG_SCAN_WINDOW]
    count = 0
    for _ in _HTML_TAGS.finditer(head):
        count += 1
        if count >= _TAGS_FOR_HTML:
            return True
    return False


def _skip_leading_junk(head: str) -> int:
    """Index of the first character after BOMs, whitespace and whole comments."""
    i = 0
    while i < len(head):
        if head[i].isspace() or head[i] == "\ufeff":
            i += 1
        elif head.startswith("<!--", i):
            end = head.find("-->", i + 4)
            if end < 0:
                return i
            i = end + 3
        else:
            break
    return i


def to_text(page: object, max_chars: int) -> str:
    """The page as a str of at most `max_chars` characters.

    Raises TypeError for anything but str, bytes, bytearray or memoryview:
    silently cleaning `str(None)` would hide a caller's bug.
    """
    if isinstance(page, str):
        text = page
    elif isinstance(page, (bytes, bytearray, memoryview)):
        data = bytes(page if max_chars <= 0 else page[: 4 * max_chars])
        text = decode_bytes(data)
    else:
        raise TypeError(f"textclean reads str or bytes, not {type(page).__name__}")
    if 0 < max_chars < len(text):
        log.info("page cut from %d to %d characters (max_input_chars)", len(text), max_chars)
        text = text[:max_chars]
    return text


# C0 controls but tab and line breaks, DEL, and lone surrogates (which cannot
# even be encoded to UTF-8 for output). NUL goes with them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_CONTROL_SINGLES = tuple(bytes([b]) for b in _CONTROL_BYTES)
# Below this size one translate costs less than looking for each control first.
SCAN_FIRST_BYTES = 20_000
# C1 controls in text almost always are Windows-1252 bytes read as Latin-1.
# The five bytes Windows-1252 leaves undefined stay until mojibake repair
# (which needs them: "Ã\x81" is "Á"), and are dropped after it.
_C1_TO_CP1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in b"\x81\x8d\x8f\x90\x9d"
}
_C1 = re.compile(r"[\x80-\x9f]")
# The same in UTF-8: a pattern that opens with a fixed byte is searched for
# that byte, several times faster than testing a class at every character.
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def sanitise(text: str) -> str:
    """The page text every reader sees: no controls, no mojibake.

    Drops C0 control characters (NUL included; tab and line breaks stay),
    DEL and lone surrogates; reads C1 controls as the Windows-1252 characters
    they almost always were; repairs UTF-8 read as Windows-1252 ("â€™" for
    "’"); drops a leading byte-order mark.
    """
    return repair(drop_controls(text)).removeprefix("\ufeff")


def drop_controls(text: str) -> str:
    """Drop C0 controls but tab and line breaks, DEL and lone surrogates."""
    return _drop_controls(text)[0]


def _drop_controls(text: str) -> tuple[str, bytes | None]:
    """The text without controls, and its UTF-8 bytes (None with surrogates).

    Done on the UTF-8 bytes, where deleting bytes is a table lookup, rather
    than by a regex over the characters: ten times faster on a 200 kB page.
    (C0 bytes never occur inside a multi-byte UTF-8 sequence.) The HTML
    parser reads the bytes, so they are handed on rather than made again.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the regex drops them too
        return _CONTROL.sub("", text), None
    if len(data) > SCAN_FIRST_BYTES and not any(map(data.__contains__, _CONTROL_SINGLES)):
        return text, data  # most pages: 29 memchr scans cost less than one translate
    kept = data.translate(None, _CONTROL_BYTES)
    return (text if len(kept) == len(data) else kept.decode("utf-8")), kept


def repair(text: str, utf8: bytes | None = None) -> str:
    """Read C1 controls as Windows-1252 and undo mojibake. `utf8`, the text's
    UTF-8 bytes where the caller has them, is searched for C1 controls
    instead of the text."""
    if not text.isascii():
        had_c1 = (_C1.search(text) if utf8 is None else _C1_UTF8.search(utf8)) is not None
        if had_c1:  # translate() is slow; C1 controls are rare
            text = text.translate(_C1_TO_CP1252)
        fixed = fix_mojibake(text)
        # Without C1 controls to begin with, only a repair can have made one.
        text = _C1.sub("", fixed) if had_c1 or fixed is not text else fixed
    return text


def _repair_html(blocks: list[Block], meta: PageMeta) -> None:
    """Repair what the HTML reader rendered: a tenth of the page's size."""
    for block in blocks:
        if not block.text.isascii():
            block.text = repair(block.text)
    meta.title = repair(meta.title)
    meta.headlines = [repair(h) for h in meta.headlines]
    meta.authors = [repair(a) for a in meta.authors]
    if meta.site_name:
        meta.site_name = repair(meta.site_name)


def cut_long_lines(text: str, max_line: int) -> str:
    """Cut every line to `max_line` characters (0 or less: no cut)."""
    if max_line <= 0 or len(text) <= max_line:
        return text
    lines = text.split("\n")
    if all(len(line) <= max_line for line in lines):
        return text
    log.info("lines cut to %d characters (max_line_chars)", max_line)
    return "\n".join(line[:max_line] for line in lines)


def _cap_blocks(blocks: list[Block], max_line: int) -> None:
    if max_line <= 0:
        return
    for block in blocks:
        if len(block.text) > max_line:
            block.text = block.text[:max_line]


def read(page: PageInput, config: Config) -> Document:
    """Decode, bound, sanitise, detect the kind of input, split into blocks.

    Never raises for any str or bytes (the readers fall back to plain text
    when markup cannot be parsed); raises TypeError for other types. Binary
    data reads as an empty page.
    """
    raw = to_text(page, config.max_input_chars)
    if looks_binary(raw):
        log.info("input looks like binary data, not text or HTML: read as empty")
        raw = ""
    text, encoded = _drop_controls(raw)
    kind = config.input
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
    if kind == "html":
        from textclean.readers.html import read_html

        # Mojibake is repaired in the rendered text, not in all the markup.
        if text.startswith("\ufeff"):
            text, encoded = text[1:], None
        # Searched in the UTF-8 bytes when there are any: ten times faster.
        if not text.isascii() and (_C1.search(text) if encoded is None
                                   else _C1_UTF8.search(encoded)):
            # The rendering would turn U+0085 into a space and lose the
            # Windows-1252 byte the repair needs ("Ã\x85" is "Å").
            text, encoded = text.translate(_C1_TO_CP1252), None
        blocks, meta = read_html(text, encoded)
        _repair_html(blocks, meta)
        mark_data_tables(blocks)
        doc = Document(blocks=blocks, meta=meta)
    else:
        text = repair(text, encoded).removeprefix("\ufeff")
        blocks = read_text(cut_long_lines(text, config.max_line_chars))
        doc = Document(blocks=blocks, meta=title_from_first_line(blocks) or PageMeta())
    _cap_blocks(doc.blocks, config.max_line_chars)
    doc.reference_date = config.reference_date
    doc.language, lowered = annotate_lowered(doc.blocks, config.language or doc.meta.language)
    if lowered is not None:
        doc.remember_lowered(lowered)
    return doc
