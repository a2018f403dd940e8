"""The replay toolbar a web archive puts above an archived page.

Pages fetched from the Wayback Machine carry its toolbar in their text when
rendered by html2text, lynx or a DOM walk: the capture calendar ("Mar APR
Sep", "2004 2005 2007"), "20 captures", "About this capture", the crawl's
collection notice. It is one service's interface, the same on every archived
site, and archived news is a common source for corpora, so its wording is
worth knowing. The whole toolbar sits at the top of the page: from the top
to its last recognised line, everything goes.
"""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.model import Document
from textclean.registry import register

# Short lines of the toolbar's controls, and the sentences of its notice
# about the crawl; a story about web archives has neither in a short line.
_CONTROL = re.compile(
    r"wayback machine|\b\d[\d,]{0,12} captures?\b|about this capture|^collected by$"
    r"|previous capture|next capture|^timestamps$",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"not publicly accessible|crawl (?:data donated|performed) by"
    r"|crawl data to the internet archive",
    re.IGNORECASE,
)
# The toolbar's collection lines ("Collection: web_pop") only count once the
# toolbar itself has been recognised.
_COLLECTION = re.compile(r"^(?:collection|organization):", re.IGNORECASE)
# Every line either pattern finds holds one of these once lower-cased, or a
# letter that IGNORECASE reads as "i" or "s" and lower() does not turn into
# one (dotless i, long s; U+0130 lower-cases to "i" and a combining dot).
_CUES = ("wayback machine", "capture", "collected by", "timestamps", "not publicly accessible",
         "crawl", "\u0131", "\u017f", "\u0307")

# The toolbar starts within the first few lines of the page (after a printed
# <title> and the capture calendar) and ends within the first forty; two of
# its lines must be recognised there.
FIRST_LINES = 12
TOP_LINES = 40
MIN_LINES = 2
MAX_CONTROL_WORDS = 8
MAX_NOTICE_WORDS = 40
MAX_NOTICE_TAIL = 4


def _toolbar_lines(doc: Document) -> list[int]:
    top = doc.lowered_prefix(TOP_LINES)
    if not any(cue in top for cue in _CUES):
        return []  # most pages: a few substring searches instead of two patterns a line
    return [b.index for b in doc.blocks[:TOP_LINES]
            if b.words <= MAX_CONTROL_WORDS and _CONTROL.search(b.text)
            or b.words <= MAX_NOTICE_WORDS and _NOTICE.search(b.text)]


def _group_end(doc: Document, end: int) -> int:
    """The last line of the toolbar's paragraph group, when that group ends soon.

    A collection's notice is free text its curators wrote ("Data related to
    ... from Wikipedia: ..."), so no pattern knows it; but renderings that keep
    blank lines print the toolbar as one group, closed before the page begins.
    Without blank lines (WET) a group runs on into the page: it is only
    followed when it closes within a few lines.
    """
    blocks = doc.blocks
    group = blocks[end].group
    last = end
    while last + 1 < len(blocks) and blocks[last + 1].group == group:
        last += 1
        if last - end > MAX_NOTICE_TAIL:
            return end
    return last


@register("archive")
class ArchiveToolbar(Filter):
    """Removes a web archive's replay toolbar from the top of the page."""

    name = "archive"

    def __call__(self, doc: Document) -> None:
        found = _toolbar_lines(doc)
        if len(found) < MIN_LINES or found[0] >= FIRST_LINES:
            return
        end = found[-1]
        blocks = doc.blocks
        while end + 1 < min(len(blocks), TOP_LINES) and _COLLECTION.match(blocks[end + 1].text):
            end += 1
        end = _group_end(doc, end)
        for block in blocks[:end + 1]:
            block.remove(self.name, "web archive toolbar")
