"""Dates and datelines in page text, independent of the cleaning pipeline.

`find_dates` reads absolute dates (with their times and zones), `parse_wire`
the `PLACE, date (Agency) -` opening of a wire story, and `find_relative`
the `2 hours ago` kind, which only a caller's reference date can resolve.
"""

from textclean.dates.parse import DateMatch, find_dates, parse_date
from textclean.dates.relative import RelativeMatch, find_relative
from textclean.dates.wire import WireDateline, parse_wire
from textclean.dates.zones import zone

__all__ = [
    "DateMatch", "RelativeMatch", "WireDateline", "find_dates", "find_relative",
    "parse_date", "parse_wire", "zone",
]
