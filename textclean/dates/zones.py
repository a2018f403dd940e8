"""Time-zone names as printed on news pages, to fixed UTC offsets.

Pages print abbreviations, not IANA names, and an abbreviation already says
whether summer time applies (EST vs EDT), so a fixed offset is exactly what
the page states. Ambiguous ones take the news-world reading: IST is India,
CST is US Central.
"""

from __future__ import annotations

import datetime as dt
import re

_OFFSETS_MINUTES: dict[str, int] = {
    "z": 0, "utc": 0, "gmt": 0, "ut": 0, "wet": 0, "bst": 60, "ist": 330,
    "cet": 60, "mez": 60, "cest": 120, "mesz": 120, "west": 60, "eet": 120,
    "eest": 180, "msk": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "akst": -540,
    "akdt": -480, "hst": -600, "ast": -240, "adt": -180, "nst": -210,
    "ndt": -150, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "pht": 480,
    "wib": 420, "ict": 420, "pkt": 300, "gst": 240, "sast": 120, "wat": 60,
    "cat": 120, "eat": 180, "aest": 600, "aedt": 660, "acst": 570, "acdt": 630,
    "awst": 480, "nzst": 720, "nzdt": 780, "brt": -180, "art": -180,
}

ZONE_NAMES: tuple[str, ...] = tuple(sorted(_OFFSETS_MINUTES, key=len, reverse=True))
_NUMERIC = re.compile(r"(?:utc|gmt)?\s?([+-−])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def zone(name: str) -> dt.tzinfo | None:
    """The fixed offset a printed zone means, or None when it is unknown.

    Accepts abbreviations (`EST`), `Z`, and numeric offsets with or without
    a prefix (`+01:00`, `+0100`, `GMT+2`, `UTC-05:30`).
    """
    key = name.strip().strip("()").lower()
    if key in _OFFSETS_MINUTES:
        minutes = _OFFSETS_MINUTES[key]
    else:
        m = _NUMERIC.match(key)
        if not m:
            return None
        hours, mins = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or mins >= 60:
            return None
        minutes = (hours * 60 + mins) * (-1 if m.group(1) in "-−" else 1)
    if minutes == 0:
        return dt.timezone.utc
    return dt.timezone(dt.timedelta(minutes=minutes))
