"""The dateline: the publication line near the headline.

A page carries many dates: the article's own, those of related stories,
comments and the copyright year. The article's is told apart by where it
sits (between the headline and the body, just above the headline, or
opening the body), by what surrounds it (`Published` before it, little else
on the line, no other dates next to it) and, for HTML, by agreeing with the
page's metadata. Lines far from the article count only when nothing near it
has a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from textclean.dates import DateMatch, find_dates, find_relative, parse_date, parse_wire
from textclean.dates.names import WEEKDAYS
from textclean.filters.base import Filter
from textclean.model import Block, Dateline, Document
from textclean.readers.html_meta import url_date
from textclean.registry import register

_PUBLISHED = re.compile(
    r"(?<![^\W\d_])(?:published|posted|created|publi(?:é|e)e?|publicad[oa]|pubblicato|"
    r"ver(?:ö|oe)ffentlicht|erschienen|erstellt|gepubliceerd|opublikowano|publikováno|"
    r"publicerad|julkaistu|опубликовано|опубліковано|yayınlanma|yayınlandı|نشر|نشرت|نشره|"
    r"date|datum|fecha|data)(?![^\W\d_])"
    # Scripts without spaces: no word boundary to look for.
    r"|发布|發布|发表|發表|公開|掲載|投稿|게재|입력",
    re.IGNORECASE,
)
# Prepositions that often precede a publication date, but any other date too.
_PREPOSITION = re.compile(r"(?<![^\W\d_])(?:on|am|le|el|il|vom)\s{1,3}[^\W\d]{0,12},?\s{0,2}$",
                          re.IGNORECASE)
_UPDATED = re.compile(
    r"(?<![^\W\d_])(?:updated|update|modified|aktualisiert|aktualisierung|stand|mis à jour|"
    r"actualizad[oa]|actualización|aggiornato|atualizad[oa]|bijgewerkt|zaktualizowano|"
    r"edited|revised|обновлено|оновлено|güncelleme|güncellendi|تحديث)(?![^\W\d_])"
    r"|更新|수정",
    re.IGNORECASE,
)
# Dates that are not the article's: deadlines, citations, account ages.
_NOT_PUBLICATION = re.compile(
    r"(?<![^\W\d_])(?:until|till|bis|through|expires?|deadline|retrieved|accessed|"
    r"abgerufen|consulté|registriert|registered|joined|seit|since|member)(?![^\W\d_])"
    r"[^\d]{0,12}$",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
# An embedded post (tweet signature, "a post shared by ... (@name)") or a
# comment's reply link: its date is someone else's.
_EMBED_OR_COMMENT = re.compile(
    r"\(@\w{1,30}\)|(?<![^\W\d_])(?:reply|antwort(?:en)?|répondre|responder|rispondi|"
    r"zitieren|quote|permalink)(?![^\W\d_])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_TRAILING_SEPARATOR = re.compile(r"\s{0,3}(?:--?|—|–|:|\||·)?")
_UNLIKELY = {"legal": -4.0, "comments": -2.5, "promo": -1.2, "navigation": -0.8,
             "captions": -1.5, "widgets": -0.3, "archive": -10.0}
# Menus sweep up the short date line under a headline with the links round it.
_DIGIT = re.compile(r"\d")
# A date opening a paragraph, set off by a dash: "Feb. 23, 2015 -- Peanut ...".
_LEAD_DASH = re.compile(r"\s{0,3}(?:--?|—|–)\s")
LEAD_PROSE_WORDS = 6
_UNLIKELY_DATE_ONLY = {"legal": -4.0, "comments": -2.5, "promo": -0.8, "captions": -1.0,
                       "archive": -10.0}


@dataclass(slots=True)
class Candidate:
    index: int
    match: DateMatch | None
    score: float
    date: dt.date | None = None
    prefix_end: int | None = None  # the dateline opens a body paragraph
    in_prose: bool = False  # the date is printed inside a body paragraph
    updated: bool = False  # `Updated` stands before the date
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
    return max(-5.0, -0.06 * min(abs(i - ref), abs(i - start)))


_UPDATED_CUE = 0.3


def _cue_score(before: str) -> float:
    """`Published` before a date is strong; `Updated` only says it is a page stamp."""
    tail = before[-40:]
    if _UPDATED.search(tail):
        return _UPDATED_CUE
    if _PUBLISHED.search(tail):
        return 2.0
    if _PREPOSITION.search(tail):
        return 0.5
    return 0.0


def _residue(text: str, matches: list[DateMatch]) -> int:
    """How many words the line has besides its dates, cues and weekday names."""
    pieces, last = [], 0
    for m in matches:
        pieces.append(text[last:m.start])
        last = m.end
    pieces.append(text[last:])
    words = _WORD.findall(" ".join(pieces))
    return sum(1 for w in words if w.lower() not in WEEKDAYS
               and not _PUBLISHED.fullmatch(w) and not _UPDATED.fullmatch(w))


def _residue_score(residue: int, text: str) -> float:
    if residue <= 3:
        return 1.0
    if residue <= 8:
        return 0.3
    score = -0.7 if residue <= 20 else -2.0
    if text.rstrip().endswith((".", "!", "?")):
        score -= 0.8  # a sentence with a date in it: a caption or prose
    return score


def _line_scores(block: Block, text: str, matches: list[DateMatch],
                 prev: Block | None) -> list[tuple[float, bool]]:
    """A score for each date on the line, from the line alone, and whether
    `Updated` introduces it."""
    residue = _residue(text, matches)
    base = _residue_score(residue, text)
    if _NEGATIVE.search(text):
        base -= 3.0
    if _EMBED_OR_COMMENT.search(text):
        base -= 2.5
    unlikely = _UNLIKELY_DATE_ONLY if residue <= 3 else _UNLIKELY
    base += unlikely.get(block.removed_by or "", 0.0)
    scores = []
    last_end = 0
    for k, m in enumerate(matches):
        before = text[last_end:m.start]
        cue = _cue_score(before)
        updated = cue == _UPDATED_CUE
        if cue == 0.0 and k == 0 and prev is not None and len(prev.text) <= 30:
            cue = 0.8 * _cue_score(prev.text)
            updated = cue == 0.8 * _UPDATED_CUE
        score = base + cue + (0.3 if k == 0 else -0.3)
        if m.hour is not None:
            score += 0.5
        if _NOT_PUBLICATION.search(before[-30:]) or k == 0 and not before.strip() \
                and prev is not None and len(prev.text) <= 30 \
                and _NOT_PUBLICATION.search(prev.text):
            score -= 2.0  # `Joined` on the line above: a profile's date
        if before.endswith("("):
            score -= 1.0  # "(3 March 2009)" closing a caption
        if m.year is None:
            score -= 1.5
        scores.append((score, updated))
        last_end = m.end
    return scores


@dataclass(slots=True)
class _Scan:
    """The blocks to look at: a window round the headline and body start."""

    window: range
    head: int | None
    start: int

    @classmethod
    def of(cls, doc: Document, before: int, after: int) -> _Scan:
        head = doc.headline_index
        anchors = [doc.body_start] + ([head] if head is not None else [])
        lo = max(0, min(anchors) - before)
        hi = min(len(doc.blocks), max(anchors) + after)
        return cls(range(lo, hi), head, doc.body_start)


@register("dateline")
class DatelineFinder(Filter):
    """Finds the publication line and marks it; a standalone line leaves the body.

    `month_first` forces the reading of numeric dates like 04/08/17 when the
    page itself does not settle it (None: day-first except on English pages,
    which stay undecided). `metadata_fallback` uses the page's metadata date
    when no date is printed near the article. A best candidate scoring below
    `min_score` (a lone date far from the article, in a copyright line or a
    comment) is not trusted: on the dev pages such picks were wrong 11 times
    in 13. When the page's metadata states dates and the best printed date
    agrees with none of them, the metadata's published date wins unless the
    printed one scores at least `metadata_override_below` (a cue-backed line
    right under the headline): printed dates that disagree with the metadata
    are more often a related story's than a correction of the metadata.
    """

    name = "dateline"

    def __init__(self, before: int = 25, after: int = 15, max_line: int = 300,
                 fallback_max_len: int = 120, month_first: bool | None = None,
                 metadata_fallback: bool = True, min_score: float = -4.0,
                 metadata_override_below: float = 3.0) -> None:
        self.before = before
        self.after = after
        self.max_line = max_line
        self.fallback_max_len = fallback_max_len
        self.month_first = month_first
        self.metadata_fallback = metadata_fallback
        self.min_score = min_score
        self.metadata_override_below = metadata_override_below

    def __call__(self, doc: Document) -> None:
        if not doc.blocks:
            return
        scan = _Scan.of(doc, self.before, self.after)
        meta_order = _metadata_dates(doc.meta.dates)
        meta = set(meta_order)
        candidates = self._candidates(doc, scan.window, scan)
        _settle(candidates, doc, meta, self.month_first)
        if not any(c.date is not None for c in candidates):
            outside = [i for i in range(len(doc.blocks)) if i not in scan.window
                       and len(doc.blocks[i].text) <= self.fallback_max_len]
            candidates += self._candidates(doc, outside, scan)
            _settle(candidates, doc, meta, self.month_first)
        _context(candidates, meta_order)
        best = _best(candidates)
        agreeing, confirmed = _agreeing(doc, meta_order, best)
        if best is not None and meta_order and best.date not in agreeing \
                and (best.score < self.metadata_override_below or confirmed):
            best = _best([c for c in candidates if c.date == meta_order[0]])
        if best is not None and best.score >= self.min_score:
            self._apply(doc, best)
        elif self.metadata_fallback and doc.meta.dates:
            doc.dateline = _from_metadata(doc.meta.dates)

    def _candidates(self, doc: Document, indices: range | list[int],
                    scan: _Scan) -> list[Candidate]:
        out: list[Candidate] = []
        for i in indices:
            block = doc.blocks[i]
            text = block.text[: self.max_line]
            wire_slot = scan.start <= i < scan.start + 3 and not block.removed
            # Every printed date has a digit; only relative dates ("yesterday")
            # and wire datelines need a look at the other lines.
            if not wire_slot and doc.reference_date is None and not _DIGIT.search(text):
                continue
            pos = _position_score(i, scan.head, scan.start)
            if wire_slot:
                wire = parse_wire(text)
                if wire is not None:
                    out.append(Candidate(i, wire.date, pos + 2.0, prefix_end=len(wire.text),
                                         place=wire.place, source=wire.source))
                    continue
            matches = find_dates(text, yearless=i in scan.window and len(text) <= 60)
            if doc.reference_date is not None and len(text) <= 80:
                matches += _relative(text, doc)
            if not matches:
                continue
            prev = doc.blocks[i - 1] if i > 0 else None
            prose = not block.removed and (len(block.text) > 160 or _leads_prose(text, matches[0]))
            scores = _line_scores(block, text, matches, prev)
            for match, (score, updated) in zip(matches, scores, strict=True):
                cand = Candidate(i, match, pos + score, updated=updated)
                if prose and match.start <= 3:
                    cand.prefix_end = _prefix_end(text, match.end)
                elif prose:
                    cand.in_prose = True
                    cand.score -= 1.5
                out.append(cand)
        return out

    def _apply(self, doc: Document, best: Candidate) -> None:
        block = doc.blocks[best.index]
        match = best.match
        datetime = None
        if match is not None and best.date is not None:
            datetime = match.datetime(best.date.year)
        title = (doc.headline_text or "") if best.index == doc.headline_index else ""
        # A date printed at the start of the headline's line: the line stays
        # the headline's (see `Headline`), the date is the dateline.
        on_title_line = bool(title) and block.text.endswith(title) \
            and len(block.text) > len(title)
        if on_title_line:
            text = block.text[:-len(title)].rstrip(_TITLE_JOINERS)
        elif best.prefix_end is not None and best.prefix_end < len(block.text.rstrip()):
            text = block.text[: best.prefix_end].rstrip()
        elif best.in_prose and match is not None:
            text = block.text[match.start:match.end]
        else:
            text = block.text
            block.removed_by, block.reason = self.name, "the dateline"
        if not best.in_prose and not on_title_line:
            block.role = "dateline"
        doc.dateline = Dateline(text=text, datetime=datetime, date=best.date,
                                place=best.place, source=best.source)
        doc.dateline_index = best.index


# What joins a date to the title printed after it on one line.
_TITLE_JOINERS = " ,|:–—-"


def _relative(text: str, doc: Document) -> list[DateMatch]:
    assert doc.reference_date is not None
    out = []
    for rel in find_relative(text, doc.language):
        d = rel.resolve(doc.reference_date)
        out.append(DateMatch(rel.start, rel.end, d.year, d.month, d.day, "relative"))
    return out


def _leads_prose(text: str, match: DateMatch) -> bool:
    """The date is the dateline of the paragraph it opens, which stays in the body.

    Long lines count as prose anyway; this catches a short first paragraph,
    which would otherwise go whole as the dateline.
    """
    if match.start > 3:
        return False
    dash = _LEAD_DASH.match(text, match.end)
    return dash is not None and len(_WORD.findall(text, dash.end())) >= LEAD_PROSE_WORDS


def _prefix_end(text: str, end: int) -> int:
    m = _TRAILING_SEPARATOR.match(text, end)
    return m.end() if m else end


def _metadata_dates(values: list[str]) -> list[dt.date]:
    """The metadata's dates in its order: the published date comes first."""
    out: list[dt.date] = []
    for value in values[:10]:
        d = _metadata_date(value)
        if d is not None and d not in out:
            out.append(d)
    return out


@lru_cache(maxsize=1024)
def _metadata_date(value: str) -> dt.date | None:
    """Metadata writes `10.12.2022` day-first like the rest of the dotted world.

    (Kept: the published and modified dates are among the page's dates too,
    and each list is read more than once a page.)
    """
    m = parse_date(value)
    if m is None or m.ambiguous and m.style != "dot":
        return None
    return m.date()


def _agreeing(doc: Document, meta_order: list[dt.date],
              best: Candidate | None) -> tuple[set[dt.date], bool]:
    """The metadata dates a printed date may agree with to be the article's,
    and whether the published date is confirmed by the URL.

    The published date and the URL's day, when the page names one; a
    modified date or a related story's <time> element agreeing says nothing.
    A published date that the URL repeats is the first day beyond doubt
    (right on 88 of 91 dev pages): a different printed date under the
    headline is then the day of an update.
    """
    published = _metadata_dates(doc.meta.published)
    modified = set(_metadata_dates(doc.meta.modified)) - set(published)
    if not published:
        return set(meta_order) - modified, False
    in_url = _metadata_date(url_date(doc.meta.url) or "")
    if in_url == published[0]:
        return set(published), True
    agreeing = set(published) | ({in_url} if in_url else set())
    if best is None or not best.updated:
        agreeing |= modified  # a page's only printed date may be its last revision
    return agreeing, False


def _month_first(candidates: list[Candidate], language: str, known: set[dt.date],
                 default: bool | None) -> bool | None:
    """How the page writes numeric dates like 04/08/17.

    A page is consistent with itself, so `25/03/2024` elsewhere settles it,
    and so does one reading matching a date the page states unambiguously
    (or its metadata). Otherwise other languages are day-first, and English
    pages follow how they write named dates (`March 5, 2024` is American),
    or stay unsettled: the US and the rest of the English-speaking world
    disagree, and a wrong date is worse than none.
    """
    votes = sum(1 if c.match.order == "mdy" else -1 for c in candidates
                if c.match is not None and c.match.order and not c.match.ambiguous)
    if votes:
        return votes > 0
    for c in candidates:
        m = c.match
        if m is not None and m.ambiguous:
            if m.date() in known:
                return False
            if m.swapped().date() in known:
                return True
    if default is not None:
        return default
    if language != "en":
        return False
    named = sum(1 if c.match.style == "mdy" else -1 for c in candidates
                if c.match is not None and c.match.style in ("mdy", "dmy"))
    return None if named == 0 else named > 0


def _settle(candidates: list[Candidate], doc: Document, meta: set[dt.date],
            default: bool | None) -> None:
    """Give every candidate its date: settle day/month order and missing years."""
    full = [c for c in candidates
            if c.match is not None and c.match.year is not None and not c.match.ambiguous]
    known = meta | {d for c in full if (d := c.match.date() if c.match else None)}
    month_first = _month_first(candidates, doc.language, known, default)
    best_full = max(full, key=lambda c: c.score) if full else None
    latest = (doc.reference_date.date() if doc.reference_date else dt.date.today()) \
        + dt.timedelta(days=1)
    page_year = best_full.match.year if best_full and best_full.match else None
    if page_year is None and doc.reference_date is None \
            and any(c.match and c.match.year is None for c in candidates):
        page_year = _copyright_year(doc, latest)
    for c in candidates:
        m = c.match
        if m is None:
            continue
        if m.ambiguous:
            if month_first is None and m.style != "dot":
                continue
            # Unsettled dots read day-first: 9 of 15 English dev pages agree.
            m = c.match = m.swapped() if month_first else m
        if m.year is not None:
            c.date = m.date()
        else:
            c.date = _complete_year(m, known, page_year, doc.reference_date)
        if c.date is not None and c.date > latest:
            c.date = None  # a page cannot be published after it was read


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _copyright_year(doc: Document, latest: dt.date) -> int | None:
    """The latest year in the page's copyright lines: the year it was last built,
    which is the best guess left for a yearless `Apr 12` under the headline."""
    years = [int(y) for b in doc.blocks if len(b.text) <= 300 and _NEGATIVE.search(b.text)
             for y in _YEAR_IN_TEXT.findall(b.text) if int(y) <= latest.year]
    return max(years) if years else None


def _complete_year(m: DateMatch, known: set[dt.date], page_year: int | None,
                   reference: dt.datetime | None) -> dt.date | None:
    """A yearless date (`PARIS, April 8 -`) takes its year from the page.

    First from a full date on the page with the same day and month, then
    from the page's most likely publication date, then from the reference
    date (the latest such day not after it), else from the copyright year.
    """
    same = [d for d in known if (d.month, d.day) == (m.month, m.day)]
    if same:
        return max(same)
    if page_year is not None:
        return m.date(page_year)
    if reference is not None:
        this_year = m.date(reference.year)
        if this_year is not None and this_year > reference.date() + dt.timedelta(days=1):
            return m.date(reference.year - 1)
        return this_year
    return None


def _context(candidates: list[Candidate], meta: list[dt.date]) -> None:
    """Scores from the other candidates: agreement, repetition, lists of dates."""
    counts = Counter(c.date for c in candidates if c.date is not None)
    by_index: dict[int, set[dt.date]] = {}
    for c in candidates:
        if c.date is not None:
            by_index.setdefault(c.index, set()).add(c.date)
    for c in candidates:
        if c.date is None:
            continue
        if meta and c.date == meta[0]:
            c.score += 4.0
        elif c.date in meta:
            c.score += 2.0
        c.score += 0.3 * min(3, counts[c.date] - 1)
        near = set()
        for j in range(c.index - 4, c.index + 5):
            if j != c.index:
                near |= by_index.get(j, set())
        if len(near - {c.date}) >= 2:
            c.score -= 1.2  # one of a list of dated links


def _best(candidates: list[Candidate]) -> Candidate | None:
    dated = [c for c in candidates if c.date is not None]
    if dated:
        return max(dated, key=lambda c: (c.score, -c.index))
    wires = [c for c in candidates if c.place is not None]
    return max(wires, key=lambda c: c.score) if wires else None


def _from_metadata(values: list[str]) -> Dateline | None:
    """No date printed near the article: the page's metadata still states one."""
    for value in values:
        m = parse_date(value)
        d = _metadata_date(value)
        if m is not None and d is not None:
            return Dateline(text=value.strip(), datetime=None if m.ambiguous else m.datetime(),
                            date=d)
    return None
