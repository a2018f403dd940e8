"""Dates and times as printed in a line of text, without guessing.

Every pattern is a single pass with bounded repetition (no nested
quantifiers), so a hostile line costs linear time. A numeric date whose day
and month could be swapped (`04/08/17`) is returned as ambiguous with both
readings, because only the rest of the page can settle it; the caller
decides rather than this module guessing silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from textclean.dates.names import MONTHS, WEEKDAYS, alternation, month_number
from textclean.dates.zones import ZONE_NAMES, zone

MAX_LINE = 300

# Not preceded by a letter, except a capitalised month glued to the end of
# a lower-case word ("By Jane DoeMar 5, 2025"): adjacent elements rendered
# without a space.
_LB = r"(?:(?<![^\W\d_])|(?-i:(?<=[a-z])(?=[A-Z])))"
_RB = r"(?![^\W\d_])"  # not followed by a letter
# A second name for the same month may follow a slash, as Arabic pages print
# the Levantine and the Egyptian names together ("نيسان / أبريل").
_MONTH = (rf"{_LB}(?P<m>{alternation(set(MONTHS))}){_RB}\.?"
          rf"(?:\s?/\s?(?:{alternation(set(MONTHS))}){_RB}\.?)?")
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?(?!\d)"
# A year may be glued to a following time ("202010:43") when the page's
# markup put them in separate elements; "’20" is the short form.
_YEAR = r"(?P<y>(?:19|20)\d{2}(?:(?!\d)|(?=\d{1,2}:\d{2}))|[’'‘]\d{2}(?!\d))"
_YEAR4 = r"(?P<y>(?:19|20)\d{2})(?!\d)"

_NAMED_PATTERNS: tuple[tuple[str, str], ...] = (
    # 5 March 2024, 5. März 2024, 5 de marzo de 2024, 05 Jan. 2008, 5 марта 2024
    ("dmy", rf"(?<!\d){_DAY}\.?\s{{0,3}}(?:de\s{{1,3}}|of\s{{1,3}})?{_MONTH},?\s{{0,3}}"
            rf"(?:de\s{{1,3}}|del\s{{1,3}})?{_YEAR}"),
    # March 5, 2024, Mar. 5th 2024
    ("mdy", rf"{_MONTH}\s{{0,3}}{_DAY},?\s{{0,3}}{_YEAR}"),
    # Feb 182009: day and year from separate elements of a calendar badge
    ("mdy", rf"{_MONTH}\s{{0,3}}(?P<d>[0-3]\d)(?P<y>(?:19|20)\d{{2}})(?!\d)"),
    # 04-ago-2021, 15/Jan/2008
    ("dmy", rf"(?<![\d-]){_DAY}(?P<sep>[-/]){_MONTH}(?P=sep){_YEAR4}"),
    # 2024. március 5., 2024 Mar 05
    ("ymd", rf"(?<!\d){_YEAR4}\.?,?\s{{0,2}}{_MONTH}\s{{0,2}}(?P<d>[0-3]?\d)\.?(?!\d)"),
)
_YEARLESS_PATTERNS: tuple[tuple[str, str], ...] = (
    ("dm", rf"(?<!\d){_DAY}\.?\s{{0,3}}(?:de\s{{1,3}})?{_MONTH}(?!\s{{0,3}}\d)"),
    ("md", rf"{_MONTH}\s{{0,3}}{_DAY}(?!,?\s{{0,3}}\d)"),
)
_NUMERIC_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?<![\d.,/-])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)"
            r"(?P<d>[0-3]?\d)(?!\d|[-/.]\d)"),
    # 2020. 06. 04. (Hungarian)
    ("iso", r"(?<![\d.,/-])(?P<y>(?:19|20)\d{2})\.\s(?P<m>[01]?\d)\.\s(?P<d>[0-3]?\d)\.?(?!\d)"),
    ("cjk", r"(?P<y>(?:19|20)\d{2})\s?[年년]\s?(?P<m>[01]?\d)\s?[月월]\s?"
            r"(?P<d>[0-3]?\d)\s?[日일]?"),
    # 05.03.2024 and 5. 3. 2024: day-first nearly everywhere, but not on every US site.
    ("dot", r"(?<![\d.,:/-])(?P<a>[0-3]?\d)\.\s?(?P<b>[0-3]?\d)\.\s?"
            r"(?P<y>(?:19|20)\d{2}|\d{2})(?!\d|\.\d)"),
    ("slash", r"(?<![\d.,:/-])(?P<a>[0-3]?\d)\s?/\s?(?P<b>[0-3]?\d)\s?/\s?"
              r"(?P<y>(?:19|20)\d{2}|\d{2})(?!\d|/\d)"),
    ("dash", r"(?<![\d.,:/-])(?P<a>[0-3]?\d)-(?P<b>[0-3]?\d)-(?P<y>(?:19|20)\d{2})(?!\d|-\d)"),
)

# A cheap test first: most lines with digits hold no year at all, and the
# month-name patterns are the costly ones.
_MAY_HAVE_DATE = re.compile(r"(?:19|20)\d\d|\d[./-]\s?\d{1,2}\s?[./-]\s?\d\d|[’'‘]\d\d")
_MAY_HAVE_YEARLESS = re.compile(r"\d")
# Every numeric pattern has two numbers joined by a separator, and every named
# one a month name standing as a whole run of letters: a line without either
# skips that family of patterns.
_MAY_BE_NUMERIC = re.compile(r"\d\s?[-/.年년]\s?\d")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_GLUED_MONTH = re.compile(r"(?<=[a-z])[A-Z][a-z]+")
_MONTH_NAMES = frozenset(MONTHS)

_FLAGS = re.IGNORECASE

# A pattern opening with "not after a digit (or a separator), then a day or a
# year" is rewritten to open with the digit and check what precedes it just
# after: a pattern whose first item is a character class lets the regex engine
# skip to the next digit in C, where otherwise it tries a match at every
# position of the line. The matches are the same: the digit that opens the
# match is the one the lookbehind was checked against.
_NOT_AFTER_THEN_NUMBER = re.compile(
    r"\A\(\?<!(\\d|\[[^\]]{1,20}\])\)\(\?P<(\w{1,10})>(\[0-3\]\?\\d|\(\?:19\|20\)\\d\{2\})\)")


def _digit_first(pattern: str) -> str:
    """`pattern`, opened by its first digit when it opens as described above."""
    m = _NOT_AFTER_THEN_NUMBER.match(pattern)
    if m is None:
        return pattern
    not_after, group, number = m.groups()
    if number.startswith("[0-3]"):  # [0-3]?\d: a digit, then another after a 0-3
        opening = rf"(?P<{group}>\d(?<!{not_after}\d)(?:(?<=[0-3])\d)?)"
    else:  # (?:19|20)\d{2}
        opening = rf"(?P<{group}>(?:19|20)(?<!{not_after}\d\d)\d{{2}})"
    return opening + pattern[m.end():]


def _compiled(patterns: tuple[tuple[str, str], ...]) -> list[tuple[str, re.Pattern[str]]]:
    return [(s, re.compile(_digit_first(p), _FLAGS)) for s, p in patterns]


_COMPILED_NAMED = _compiled(_NAMED_PATTERNS)
_COMPILED_YEARLESS = _compiled(_YEARLESS_PATTERNS)
_COMPILED_NUMERIC = _compiled(_NUMERIC_PATTERNS)

_ZONE = (rf"(?-i:{alternation([n.upper() for n in ZONE_NAMES])})"
         r"(?:\s?[+−-]\d{1,2}(?::?\d{2})?)?")
_TIME = re.compile(
    r"(?<![\d:.,])(?P<h>[0-2]?\d)"
    r"(?:[:h](?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d{1,9})?)?"
    r"|\.(?P<mi2>[0-5]\d)(?=\s?(?:uhr|h\b|[ap]\.?\s?m\b))"
    r"|(?=\s?[ap]\.?\s?m\.?(?![^\W\d_])))"
    r"(?!\d)"
    r"(?:\s?(?P<ampm>[ap])\.?\s?m\.?(?![^\W\d_]))?"
    r"(?:\s?(?:uhr|h)(?![^\W\d_]))?"
    rf"(?:(?P<z>(?-i:Z))|\s{{0,2}}\(?(?P<tz>{_ZONE}|[+−-][01]\d:?[0-5]\d)\)?(?![^\W\d_]))?",
    _FLAGS,
)
_GAP_AFTER = re.compile(
    r"[\s,;|/·•@(–—-]{0,6}(?:(?:at|um|à|a las|alle|às|om|kl|klo|ore|o|u|в|T)\.?[\s,]{0,3})?"
    r"[\s,;|/·•(–—-]{0,4}", _FLAGS)
_GAP_WORD = re.compile(r"[^\W\d_]+\.?")
_GAP_JUNK = re.compile(r"[\s,;|/·•@()–—-]+")
_GAP_FILLERS = WEEKDAYS | {"on", "le", "am", "el", "il", "the", "de"}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date (and maybe time) found in a line.

    When `ambiguous` is set, `month`/`day` hold the day-first reading and
    `swapped()` gives the month-first one. `year` is None for yearless forms
    (`March 5`), which only a wire dateline or the rest of the page can
    complete.
    """

    start: int
    end: int
    year: int | None
    month: int
    day: int
    style: str
    ambiguous: bool = False
    hour: int | None = None
    minute: int | None = None
    second: int = 0
    tz: dt.tzinfo | None = None
    has_zone: bool = False
    order: str = ""  # "dmy" or "mdy" as printed, for numeric dates with a free order

    def swapped(self) -> DateMatch:
        order = {"dmy": "mdy", "mdy": "dmy"}.get(self.order, self.order)
        return replace(self, month=self.day, day=self.month, ambiguous=False, order=order)

    def date(self, year: int | None = None) -> dt.date | None:
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None

    def datetime(self, year: int | None = None) -> dt.datetime | None:
        """Aware when the page printed a zone, naive when it printed none."""
        d = self.date(year)
        if d is None or self.hour is None or self.minute is None:
            return None
        return dt.datetime(d.year, d.month, d.day, self.hour, self.minute, self.second,
                           tzinfo=self.tz if self.has_zone else None)


def _two_digit_year(text: str) -> int:
    year = int(text)
    if len(text) == 4:
        return year
    return 2000 + year if year < 70 else 1900 + year


def _valid(year: int | None, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if year is None:
        return day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return 1990 <= year <= 2100


def _numeric(style: str, m: re.Match[str]) -> DateMatch | None:
    if style in ("iso", "cjk"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        return DateMatch(m.start(), m.end(), y, mo, d, style) if _valid(y, mo, d) else None
    a, b, y = int(m.group("a")), int(m.group("b")), _two_digit_year(m.group("y"))
    day_first, month_first = _valid(y, b, a), _valid(y, a, b)
    if day_first and month_first and a != b:
        return DateMatch(m.start(), m.end(), y, b, a, style, ambiguous=True, order="dmy")
    if day_first:
        return DateMatch(m.start(), m.end(), y, b, a, style, order="dmy" if a != b else "")
    if month_first:
        return DateMatch(m.start(), m.end(), y, a, b, style, order="mdy")
    return None


def _named(style: str, m: re.Match[str]) -> DateMatch | None:
    month = month_number(m.group("m"))
    if month is None:
        return None
    if style in ("dm", "md") and not m.group("m")[:1].isupper():
        return None  # "may 5" in prose; a yearless date must look like one
    year_text = m.group("y").lstrip("’'‘") if "y" in m.re.groupindex else None
    year = _two_digit_year(year_text) if year_text else None
    day = int(m.group("d"))
    if not _valid(year, month, day):
        return None
    return DateMatch(m.start(), m.end(), year, month, day, style)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _gap_ok_before(gap: str) -> bool:
    """Between a time and a later date only separators and weekday names may sit."""
    if len(gap) > 25:
        return False
    rest = _GAP_JUNK.sub(" ", gap)
    return all(w.lower().rstrip(".") in _GAP_FILLERS for w in _GAP_WORD.findall(rest)) \
        and not any(c.isdigit() for c in rest)


def _time_fields(m: re.Match[str]) -> tuple[int, int, int] | None:
    hour = int(m.group("h"))
    minute = int(m.group("mi") or m.group("mi2") or 0)
    second = int(m.group("s") or 0)
    if m.group("ampm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group("ampm").lower() == "p" else 0)
    elif m.group("mi") is None and m.group("mi2") is None:
        return None
    if hour > 23:
        return None
    return hour, minute, second


def _attach_time(text: str, match: DateMatch, times: list[re.Match[str]]) -> DateMatch:
    after = [t for t in times if t.start() >= match.end
             and _GAP_AFTER.fullmatch(text[match.end:t.start()]) is not None]
    before = [t for t in times if t.end() <= match.start
              and _gap_ok_before(text[t.end():match.start])]
    for t in after[:1] + before[-1:]:
        fields = _time_fields(t)
        if fields is None:
            continue
        zone_text = "Z" if t.group("z") else t.group("tz")
        tz = zone(zone_text) if zone_text else None
        return replace(match, start=min(match.start, t.start()), end=max(match.end, t.end()),
                       hour=fields[0], minute=fields[1], second=fields[2], tz=tz,
                       has_zone=tz is not None)
    return match


def find_dates(line: str, *, yearless: bool = False) -> list[DateMatch]:
    """Every date in the line, in order, each with its adjacent time if any.

    Only the first MAX_LINE characters are read: a dateline is short, and the
    cap bounds the cost of a long paragraph.
    """
    text = line[:MAX_LINE]
    if not (_MAY_HAVE_YEARLESS if yearless else _MAY_HAVE_DATE).search(text):
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    groups = []
    if _MAY_BE_NUMERIC.search(text):
        groups.append((_COMPILED_NUMERIC, _numeric))
    if _may_name_month(text):
        groups.append((_COMPILED_NAMED, _named))
        if yearless:
            groups.append((_COMPILED_YEARLESS, _named))
    for patterns, build in groups:
        for style, pattern in patterns:
            for m in pattern.finditer(text):
                if _overlaps(m.span(), taken):
                    continue
                dm = build(style, m)
                if dm is not None:
                    found.append(dm)
                    taken.append(m.span())
    if not found:
        return []
    found.sort(key=lambda d: d.start)
    times = [t for t in _TIME.finditer(text) if not _overlaps(t.span(), taken)]
    return [_attach_time(text, d, times) for d in found] if times else found


def _may_name_month(text: str) -> bool:
    if not _MONTH_NAMES.isdisjoint(_LETTER_RUN.findall(text.lower())):
        return True
    return any(m.lower() in _MONTH_NAMES for m in _GLUED_MONTH.findall(text))


# Basic ISO 8601 as some metadata writes it: 20200316T130000Z, 20200316.
_COMPACT_ISO = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?=T\d|\s|$)")


def parse_date(text: str) -> DateMatch | None:
    """The first date in a string, e.g. a metadata value like `2024-03-05T14:30:00Z`."""
    found = find_dates(text)
    if found:
        return found[0]
    m = _COMPACT_ISO.match(text.strip()[:20])
    return _numeric("iso", m) if m else None
