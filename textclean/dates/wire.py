"""Wire-service datelines: `LONDON, March 5 (Reuters) -` at the start of a story.

The place is printed in capitals (news style since the telegraph), then an
optional region and date, then the agency in brackets and a dash. Without an
agency the capitals and the dash (or a full date closing the line, as in
`BEVERLY HILLS, Calif., Jan. 8, 2008`) must carry the evidence alone, so the
place must then be all capitals.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from textclean.dates.parse import DateMatch, find_dates

_WIRE = regex.compile(
    r"^(?P<place>\p{Lu}[\p{L}'’.\- ]{1,40}?)"
    r"(?P<mid>,\s{1,2}[^()\n]{1,50}?)?"
    r"(?:\s{0,2}\((?P<src>\p{L}[\p{L}&.'/ -]{0,30})\))?"
    r"(?:\s{0,2}(?P<dash>--?|—|–|:)(?=\s|$)|\s*$)",
)
# A wire dateline's place is in capitals unless a known agency follows in
# brackets: the first two letters of the line tell most lines are not one,
# sparing them the costlier pattern above.
_OPENING = regex.compile(r"\p{Lu}['’.\- ]*(\p{L})")
# Parts are stripped before the match; the bounded edges keep the pattern
# linear even where it is searched rather than fullmatched.
_REGION = regex.compile(r"\s{0,3}\p{Lu}[\p{L}.'’]{0,20}(?:\s\p{Lu}[\p{L}.'’]{0,20}){0,2}\s{0,3}")
_MAX_PREFIX = 120
# Agencies whose datelines are sometimes printed with the place in title case.
_AGENCIES = frozenset("""ap afp reuters xinhua dpa upi ians pti ani cnn bloomberg efe ansa
    apa sda kna epd tass ria yonhap kyodo bernama antara aa anadolu""".split())


@dataclass(frozen=True, slots=True)
class WireDateline:
    """The opening of a wire story; `date` may be yearless or absent."""

    text: str
    place: str
    source: str | None
    date: DateMatch | None


def _split_mid(mid: str) -> tuple[str, DateMatch | None] | None:
    """The region and date between the place and the agency, or None if it is prose."""
    dates = find_dates(mid, yearless=True)
    if len(dates) > 1:
        return None
    rest = mid
    if dates:
        rest = mid[: dates[0].start] + mid[dates[0].end:]
    parts = [p for p in (s.strip() for s in rest.split(",")) if p]
    if len(parts) > 1 or any(_REGION.fullmatch(p) is None for p in parts):
        return None
    return (parts[0] if parts else ""), (dates[0] if dates else None)


def parse_wire(line: str) -> WireDateline | None:
    """The wire dateline opening `line`, if it opens with one."""
    if not _may_open_wire(line):
        return None
    m = _WIRE.match(line[:_MAX_PREFIX], timeout=0.05)
    if m is None:
        return None
    place = m.group("place").strip()
    source = m.group("src")
    region, date = "", None
    if m.group("mid"):
        split = _split_mid(m.group("mid")[1:])
        if split is None:
            return None
        region, date = split
    caps = sum(1 for c in place if c.isupper())
    letters = sum(1 for c in place if c.isalpha())
    known_agency = source is not None and source.strip().lower() in _AGENCIES
    if letters < 2 or (caps < letters and not known_agency):
        return None
    if source is None and m.group("dash") is None and (date is None or date.year is None):
        return None
    if source is None and date is None and m.group("dash") not in ("--", "—", "–", "-"):
        return None
    full_place = f"{place}, {region}" if region else place
    text = line[: m.end()].rstrip()
    return WireDateline(text=text, place=full_place, source=source, date=date)


def _may_open_wire(line: str) -> bool:
    if "(" in line[:_MAX_PREFIX]:
        return True
    m = _OPENING.match(line)
    return m is not None and m.group(1).isupper()
