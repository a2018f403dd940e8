"""The dateline: the publication line near the headline.

A page carries many dates: the article's own, those of related stories,
comments and the copyright year. The article's is told apart by where it
sits (between the headline and the body, just above the headline, or
opening the body), by the words printed before it (`Published`, `Stand:`)
and, for HTML, by agreeing with the page's metadata. Lines far from the
article count only when nothing near it has a date, and then weakly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from textclean.dates import DateMatch, find_dates, find_relative, parse_date, parse_wire
from textclean.filters.base import Filter
from textclean.model import Block, Dateline, Document
from textclean.registry import register

_PUBLISHED = re.compile(
    r"(?<![^\W\d_])(?:published|posted|publi(?:é|e)e?|publicad[oa]|pubblicato|"
    r"ver(?:ö|oe)ffentlicht|erschienen|gepubliceerd|opublikowano|publikováno|"
    r"publicerad|julkaistu|опубликовано|date|datum|fecha|data|on)(?![^\W\d_])",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"(?<![^\W\d_])(?:updated|update|modified|aktualisiert|stand|mis à jour|"
    r"actualizad[oa]|aggiornato|atualizad[oa]|bijgewerkt|zaktualizowano|edited|revised|"
    r"обновлено)(?![^\W\d_])",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"©|\(c\)|copyright|all rights reserved|rights reserved|\breply\b|\bcomments?\b|"
    r"\bwrote\b|\bjoined\b|member since|\bexpires?\b|\bdeadline\b",
    re.IGNORECASE,
)
_TRAILING_SEPARATOR = re.compile(r"\s{0,3}(?:--?|—|–|:|\||·)?")
_UNLIKELY = {"legal": -4.0, "comments": -3.0, "promo": -1.5, "navigation": -1.5,
             "captions": -1.5, "widgets": -0.5}


@dataclass(slots=True)
class Candidate:
    index: int
    match: DateMatch | None
    score: float
    date: dt.date | None = None
    prefix_end: int | None = None  # set when the dateline opens a body paragraph
    place: str | None = None
    source: str | None = None


def _position_score(i: int, head: int | None, start: int) -> float:
    """Where publication lines sit: under the headline, just above it, at the body's top."""
    if head is not None and head < i < start:
        return 3.0
    if head is not None and head - 4 <= i <= head:
        return 2.5 - 0.3 * (head - i)
    if start <= i < start + 6:
        return 2.0 - 0.3 * (i - start)
    if start - 4 <= i < start:
        return 1.5
    ref = head if head is not None else start
    return max(-3.0, -0.06 * min(abs(i - ref), abs(i - start)))


def _cue_score(before: str) -> float:
    tail = before[-40:]
    if _UPDATED.search(tail):
        return 1.2
    if _PUBLISHED.search(tail):
        return 2.0
    return 0.0


def _line_score(block: Block, match: DateMatch, prev: Block | None) -> float:
    text = block.text
    score = _cue_score(text[: match.start])
    if score == 0.0 and prev is not None and len(prev.text) <= 30:
        score = _cue_score(prev.text) * 0.8
    if match.hour is not None:
        score += 0.5
    if len(text) <= 80:
        score += 1.0
    elif len(text) > 160 and match.start > 20:
        score -= 2.5  # a date mentioned in prose
    if _NEGATIVE.search(text[:300]):
        score -= 3.0
    if text[max(0, match.start - 1): match.start] == "(":
        score -= 1.0  # "(3 March 2009)" at the end of a caption
    if match.year is None:
        score -= 1.0
    score += _UNLIKELY.get(block.removed_by or "", 0.0)
    return score


class _Scan:
    """The blocks to look at: a window round the headline and body start."""

    def __init__(self, doc: Document, before: int, after: int) -> None:
        n = len(doc.blocks)
        head = doc.headline_index
        anchors = [doc.body_start] + ([head] if head is not None else [])
        lo = max(0, min(anchors) - before)
        hi = min(n, max(anchors) + after)
        self.window = range(lo, hi)
        self.head = head
        self.start = doc.body_start


@register("dateline")
class DatelineFinder(Filter):
    """Finds the publication line and marks it; a standalone line leaves the body."""

    name = "dateline"

    def __init__(self, before: int = 25, after: int = 15, max_line: int = 300,
                 fallback_max_len: int = 120, month_first_default: bool | None = None,
                 metadata_fallback: bool = True) -> None:
        self.before = before
        self.after = after
        self.max_line = max_line
        self.fallback_max_len = fallback_max_len
        self.month_first_default = month_first_default
        self.metadata_fallback = metadata_fallback

    def __call__(self, doc: Document) -> None:
        if not doc.blocks:
            return
        scan = _Scan(doc, self.before, self.after)
        meta = _metadata_dates(doc)
        latest = _latest_plausible(doc)
        candidates = self._candidates(doc, scan.window, scan, latest)
        if not any(c.date for c in candidates):
            outside = [i for i in range(len(doc.blocks)) if i not in scan.window
                       and len(doc.blocks[i].text) <= self.fallback_max_len]
            candidates += self._candidates(doc, outside, scan, latest)
        order = _month_first(candidates, doc.language, self.month_first_default, meta)
        _settle(candidates, order, meta, doc.reference_date)
        best = _best(candidates, meta)
        if best is None:
            if self.metadata_fallback and meta:
                doc.dateline = _from_metadata(doc.meta.dates)
            return
        self._apply(doc, best)

    def _candidates(self, doc: Document, indices: range | list[int], scan: _Scan,
                    latest: dt.date) -> list[Candidate]:
        out: list[Candidate] = []
        blocks = doc.blocks
        for i in indices:
            block = blocks[i]
            text = block.text[: self.max_line]
            pos = _position_score(i, scan.head, scan.start)
            if scan.start <= i < scan.start + 3 and not block.removed:
                wire = parse_wire(text)
                if wire is not None:
                    out.append(Candidate(i, wire.date, pos + 3.0, prefix_end=len(wire.text),
                                         place=wire.place, source=wire.source))
                    continue
            prev = blocks[i - 1] if i > 0 else None
            for match in find_dates(text, yearless=i in scan.window):
                cand = Candidate(i, match, pos + _line_score(block, match, prev))
                if _prose(block) and match.start <= 3:
                    cand.prefix_end = _prefix_end(text, match.end)
                elif _prose(block):
                    continue
                out.append(cand)
            if doc.reference_date is not None and len(text) <= 80:
                for rel in find_relative(text, doc.language):
                    d = rel.resolve(doc.reference_date)
                    rel_match = DateMatch(rel.start, rel.end, d.year, d.month, d.day, "relative")
                    out.append(Candidate(i, rel_match, pos + _line_score(block, rel_match, prev)))
        return [c for c in out if c.match is None or _plausible(c.match, latest)]

    def _apply(self, doc: Document, best: Candidate) -> None:
        block = doc.blocks[best.index]
        match = best.match
        year = best.date.year if best.date else None
        datetime = match.datetime(year) if match is not None and best.date else None
        if best.prefix_end is not None:
            text = block.text[: best.prefix_end].rstrip()
        else:
            text = block.text
            block.removed_by, block.reason = self.name, "the dateline"
        block.role = "dateline"
        doc.dateline = Dateline(text=text, datetime=datetime, date=best.date,
                                place=best.place, source=best.source)
        doc.dateline_index = best.index


def _prose(block: Block) -> bool:
    """A body paragraph: a dateline can only be its opening words."""
    return not block.removed and len(block.text) > 160


def _prefix_end(text: str, end: int) -> int:
    m = _TRAILING_SEPARATOR.match(text, end)
    return m.end() if m else end


def _latest_plausible(doc: Document) -> dt.date:
    ref = doc.reference_date.date() if doc.reference_date else dt.date.today()
    return ref + dt.timedelta(days=1)


def _plausible(match: DateMatch, latest: dt.date) -> bool:
    d = match.date(latest.year)
    return d is None or d <= latest or match.ambiguous


def _metadata_dates(doc: Document) -> set[dt.date]:
    out: set[dt.date] = set()
    for value in doc.meta.dates[:10]:
        m = parse_date(value)
        if m is not None and not m.ambiguous:
            d = m.date()
            if d is not None:
                out.add(d)
    return out


def _month_first(candidates: list[Candidate], language: str, default: bool | None,
                 meta: set[dt.date]) -> bool | None:
    """How the page writes numeric dates, from its own unambiguous ones.

    A page is consistent with itself, so `25/03/2024` elsewhere settles
    `04/08/17`; so does metadata. Otherwise other languages are day-first,
    and English pages follow how they write named dates (`March 5, 2024`
    is American), or stay unsettled: the US and the rest of the
    English-speaking world disagree.
    """
    votes = 0
    for c in candidates:
        m = c.match
        if m is not None and m.order and not m.ambiguous:
            votes += 1 if m.order == "mdy" else -1
    if votes:
        return votes > 0
    for c in candidates:
        m = c.match
        if m is not None and m.ambiguous:
            if m.date() in meta:
                return False
            if m.swapped().date() in meta:
                return True
    if default is not None:
        return default
    if language != "en":
        return False
    # An English page that writes "March 5, 2024" elsewhere is American.
    named = sum(1 if c.match.style == "mdy" else -1 for c in candidates
                if c.match is not None and c.match.style in ("mdy", "dmy"))
    return None if named == 0 else named > 0


def _settle(candidates: list[Candidate], month_first: bool | None, meta: set[dt.date],
            reference: dt.datetime | None) -> None:
    """Give every candidate its date: settle day/month order and missing years."""
    years = [c.match.year for c in candidates
             if c.match is not None and c.match.year is not None and not c.match.ambiguous]
    for c in candidates:
        m = c.match
        if m is None:
            continue
        if m.ambiguous:
            if month_first is None:
                continue
            m = c.match = m.swapped() if month_first else m
        if m.year is None:
            c.date = _complete_year(m, years, meta, reference)
        else:
            c.date = m.date()
        if c.date is not None and c.date in meta:
            c.score += 4.0


def _complete_year(m: DateMatch, years: list[int], meta: set[dt.date],
                   reference: dt.datetime | None) -> dt.date | None:
    for d in meta:
        if (d.month, d.day) == (m.month, m.day):
            return d
    if years:
        return m.date(max(set(years), key=years.count))
    if reference is not None:
        this_year = m.date(reference.year)
        if this_year is not None and this_year > reference.date() + dt.timedelta(days=1):
            return m.date(reference.year - 1)
        return this_year
    return None


def _best(candidates: list[Candidate], meta: set[dt.date]) -> Candidate | None:
    dated = [c for c in candidates if c.date is not None]
    if dated:
        return max(dated, key=lambda c: (c.score, -c.index))
    wires = [c for c in candidates if c.place is not None]
    return max(wires, key=lambda c: c.score) if wires else None


def _from_metadata(values: list[str]) -> Dateline | None:
    """No date printed near the article: the page's metadata still states one."""
    for value in values:
        m = parse_date(value)
        if m is not None and not m.ambiguous and m.date() is not None:
            return Dateline(text=value.strip(), datetime=m.datetime(), date=m.date())
    return None
