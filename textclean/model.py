"""The data that flows through textclean: blocks in, an article out.

Blocks are mutable on purpose: every pipeline step annotates the same list,
so `explain` can show each line with every decision taken on it. The
`Article` handed to users is frozen, so a result can be cached or shared
between threads without surprises.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import Any, Literal

ParagraphKind = Literal["heading", "paragraph"]

_WORD = re.compile(r"\w+")

# A line at least this long, with less than this share of link text, is
# prose: where a page's prose sits tells the article's wrapper from boilerplate.
PROSE_CHARS = 100
PROSE_MAX_LINK_DENSITY = 0.3
_TEXT = attrgetter("text")


@dataclass(slots=True)
class Block:
    """One line of the page, with its features and the decisions taken on it.

    A block is a line rather than a paragraph because scraped text rarely
    keeps paragraph structure reliably; `group` keeps the blank-line grouping
    where the input had it, so filters can still reason about paragraphs.
    """

    index: int
    text: str
    group: int = 0
    line_no: int = 0
    # Features; the HTML reader fills the DOM ones, the text reader leaves
    # them at their neutral defaults so filters can use them unconditionally.
    words: int = 0
    stopword_density: float = 0.0
    link_density: float = 0.0
    heading_level: int = 0
    list_item: bool = False
    tag: str = ""
    hints: frozenset[str] = frozenset()
    # A cell of a data table (HTML; see readers/tables.py).
    table_cell: bool = False
    # Set by filters on lines the article never runs across (the metadata
    # lines of a comment thread): the body region stops there.
    boundary: bool = False
    # Decisions.
    removed_by: str | None = None
    reason: str | None = None
    initial_label: str = ""
    label: str = ""
    role: str = ""
    # The text the reader tokenised and its words (see `lower_words`).
    tokens: tuple[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def removed(self) -> bool:
        return self.removed_by is not None

    @property
    def prose_chars(self) -> int:
        """The line's length if it reads as prose, else 0."""
        n = len(self.text)
        return n if n >= PROSE_CHARS and self.link_density < PROSE_MAX_LINK_DENSITY else 0

    def lower_words(self) -> list[str]:
        """The line's words (runs of \\w) in lower case; do not modify the list.

        The reader tokenises every line for its features and keeps the
        words here, so a step that needs them does not run the regex over
        the page again; a line whose text was replaced since is tokenised
        anew.
        """
        tokens = self.tokens
        if tokens is not None and tokens[0] is self.text:
            return tokens[1]
        words = _WORD.findall(self.text.lower())
        self.tokens = (self.text, words)
        return words

    def remove(self, by: str, reason: str) -> None:
        """Mark the block removed; the first filter to remove a block wins."""
        if self.removed_by is None:
            self.removed_by = by
            self.reason = reason

    def restore(self) -> None:
        self.removed_by = None
        self.reason = None


@dataclass(slots=True)
class PageMeta:
    """What the page states about itself: hints, never verdicts.

    Filled from the markup of HTML; from text, only the title, when the text
    opens with the page's printed <title>.
    """

    title: str = ""
    headlines: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    # Which of `dates` the page names as its publication and its last change:
    # the rest come from <time> elements and the URL.
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """The working state of one page while the pipeline runs."""

    blocks: list[Block]
    meta: PageMeta = field(default_factory=PageMeta)
    reference_date: dt.datetime | None = None
    language: str = "en"
    headline_index: int | None = None
    # The headline as the article gives it, when it is not the whole of its
    # line (a date printed at its start stays on the line, for the dateline).
    headline_text: str | None = None
    dateline: Dateline | None = None
    dateline_index: int | None = None
    body_start: int = 0
    body_end: int = 0
    options: dict[str, Any] = field(default_factory=dict)
    # The lower-cased page for `blocks_matching`, with the texts it was made
    # from, so that a step that edits a line cannot leave it stale.
    _page: tuple[list[str], str, list[int]] | None = field(default=None, repr=False)

    def kept(self) -> list[Block]:
        return [b for b in self.blocks if b.removed_by is None]

    def blocks_containing(self, words: Iterable[str]) -> list[Block]:
        """The blocks whose lower-cased text contains one of `words`, in order.

        A few substring searches over the whole page cost far less than a
        regex call per line: a page has hundreds of lines, and both Python
        calls and regex alternations of words are slow next to `str.find`.
        """
        return [self.blocks[i] for i in self.indexes_containing(words)]

    def indexes_containing(self, words: Iterable[str]) -> list[int]:
        """The positions in `blocks` of the blocks `blocks_containing` gives."""
        page, starts = self._lowered_page()
        found: set[int] = set()
        last = len(starts) - 1
        for word in words:
            pos = page.find(word)
            while pos != -1:
                i = bisect_right(starts, pos) - 1
                found.add(i)
                if i >= last:
                    break
                pos = page.find(word, starts[i + 1])
        return sorted(found)

    def lowered_prefix(self, lines: int) -> str:
        """The first `lines` blocks' texts, lower-cased and joined with NUL."""
        page, starts = self._lowered_page()
        return page[:starts[lines]] if lines < len(starts) else page

    def remember_lowered(self, lowered: list[str]) -> None:
        """Keep the blocks' lower-cased texts, in order, that the reader made
        anyway, for `blocks_containing`."""
        starts = [0, *accumulate(len(t) + 1 for t in lowered)][:-1]
        self._page = (list(map(_TEXT, self.blocks)), "\0".join(lowered), starts)

    def _lowered_page(self) -> tuple[str, list[int]]:
        """The lines lower-cased and joined with NUL (which sanitising removed
        from the text, so no cue can match across two lines), and where each
        line starts."""
        texts = list(map(_TEXT, self.blocks))
        if self._page is not None and self._page[0] == texts:
            return self._page[1], self._page[2]
        lowered = list(map(str.lower, texts))
        starts = [0, *accumulate(len(t) + 1 for t in lowered)][:-1]
        self._page = (texts, "\0".join(lowered), starts)
        return self._page[1], self._page[2]


@dataclass(frozen=True, slots=True)
class Dateline:
    """The publication line as printed, and what it means.

    `datetime` is timezone-aware only when the page states the zone; a line
    with a date but no time leaves `datetime` as None and sets `date`, so a
    user never mistakes midnight for a published time.
    """

    text: str
    datetime: dt.datetime | None = None
    date: dt.date | None = None
    place: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "datetime": self.datetime.isoformat() if self.datetime else None,
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    kind: ParagraphKind = "paragraph"


@dataclass(frozen=True, slots=True)
class Article:
    """The clean article. An empty page gives an empty Article, not an error."""

    headline: str = ""
    dateline: Dateline | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def headings(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.kind == "heading"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "body": self.body,
            "paragraphs": [{"text": p.text, "kind": p.kind} for p in self.paragraphs],
            "url": self.url,
            "site_name": self.site_name,
            "language": self.language,
            "authors": list(self.authors),
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """One line of `explain`: what happened to a block and who decided."""

    line_no: int
    text: str
    kept: bool
    role: str
    removed_by: str | None
    reason: str | None
    initial_label: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line_no,
            "text": self.text,
            "kept": self.kept,
            "role": self.role,
            "removed_by": self.removed_by,
            "reason": self.reason,
            "initial_label": self.initial_label,
            "label": self.label,
        }
