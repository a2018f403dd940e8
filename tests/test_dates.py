"""The date parser on each printed form, on its own (no pipeline)."""

from __future__ import annotations

import datetime as dt

import pytest

from textclean.dates import find_dates, find_relative, parse_date, parse_wire, zone

UTC = dt.timezone.utc


def tz(hours: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


def only(line: str) -> tuple[dt.date | None, dt.datetime | None]:
    found = find_dates(line)
    assert len(found) == 1, found
    return found[0].date(), found[0].datetime()


@pytest.mark.parametrize(("line", "date", "datetime"), [
    ("Page last updated at 15:58 GMT, Tuesday, 3 March 2009",
     dt.date(2009, 3, 3), dt.datetime(2009, 3, 3, 15, 58, tzinfo=UTC)),
    ("Published 3 March 2009", dt.date(2009, 3, 3), None),
    ("Updated 4:12 PM EST, Tue March 5, 2024",
     dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 16, 12, tzinfo=tz(-5))),
    ("05.03.2024, 14:30 Uhr", dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 14, 30)),
    ("2024-03-05T14:30:00Z", dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
    ("2024-03-05T14:30:00+01:00", dt.date(2024, 3, 5),
     dt.datetime(2024, 3, 5, 14, 30, tzinfo=tz(1))),
    ("March 5, 2024", dt.date(2024, 3, 5), None),
    ("5 March 2024", dt.date(2024, 3, 5), None),
    ("Mar. 5, 2024", dt.date(2024, 3, 5), None),
    ("Sept 5th, 2024", dt.date(2024, 9, 5), None),
    ("www.example-news.cn 2007-11-24 16:23:08",
     dt.date(2007, 11, 24), dt.datetime(2007, 11, 24, 16, 23, 8)),
    ("Posted: Fri, 11 Jan 2008 11:01:23 GMT", dt.date(2008, 1, 11),
     dt.datetime(2008, 1, 11, 11, 1, 23, tzinfo=UTC)),
    ("Nov 09, 2023 at 4:14 AM EDT", dt.date(2023, 11, 9),
     dt.datetime(2023, 11, 9, 4, 14, tzinfo=tz(-4))),
    ("Mon, 25 Aug 2025 08:00:00 +0100", dt.date(2025, 8, 25),
     dt.datetime(2025, 8, 25, 8, 0, tzinfo=tz(1))),
    ("2. Mai 2019, 9.45 Uhr", dt.date(2019, 5, 2), dt.datetime(2019, 5, 2, 9, 45)),
    ("le 14 juillet 2021 à 14h30", dt.date(2021, 7, 14), dt.datetime(2021, 7, 14, 14, 30)),
    ("12 de octubre de 2022", dt.date(2022, 10, 12), None),
    ("3 settembre 2020", dt.date(2020, 9, 3), None),
    ("7 de março de 2018", dt.date(2018, 3, 7), None),
    ("21 augustus 2017", dt.date(2017, 8, 21), None),
    ("9 listopada 2016", dt.date(2016, 11, 9), None),
    ("30 сентября 2015 г.", dt.date(2015, 9, 30), None),
    ("2019. április 2.", dt.date(2019, 4, 2), None),
    ("2021年6月19日", dt.date(2021, 6, 19), None),
    ("19. 5. 2014", dt.date(2014, 5, 19), None),
    ("17 Oct ’21", dt.date(2021, 10, 17), None),
    ("Jun 092011", dt.date(2011, 6, 9), None),
    ("4 PM IST, 6 June 2022", dt.date(2022, 6, 6),
     dt.datetime(2022, 6, 6, 16, 0, tzinfo=tz(5.5))),
    # a byline and a date rendered without a space between them
    ("By Jane DoeMar 5, 2025 | 6 comments", dt.date(2025, 3, 5), None),
    # two names for April, Levantine and Egyptian
    ("الجمعة 24 نيسان / أبريل 2020", dt.date(2020, 4, 24), None),
])
def test_printed_forms(line: str, date: dt.date, datetime: dt.datetime | None) -> None:
    assert only(line) == (date, datetime)


def test_datetime_is_naive_without_a_printed_zone() -> None:
    found = find_dates("2007-11-24 16:23:08")[0].datetime()
    assert found is not None and found.tzinfo is None


def test_ambiguous_numeric_date_keeps_both_readings() -> None:
    m = find_dates("04/08/17 08:08 AM")[0]
    assert m.ambiguous
    assert {m.date(), m.swapped().date()} == {dt.date(2017, 8, 4), dt.date(2017, 4, 8)}
    assert m.datetime() == dt.datetime(2017, 8, 4, 8, 8)


@pytest.mark.parametrize(("line", "date", "order"), [
    ("25/03/2024", dt.date(2024, 3, 25), "dmy"),
    ("03/25/2024", dt.date(2024, 3, 25), "mdy"),
])
def test_numeric_date_settled_by_a_day_over_twelve(line: str, date: dt.date,
                                                   order: str) -> None:
    m = find_dates(line)[0]
    assert not m.ambiguous and m.date() == date and m.order == order


def test_dotted_numeric_dates_hold_both_readings_day_first() -> None:
    # Dots are day-first in most of the world but some US sites use them too,
    # so the parser leaves it open with the day-first reading in front.
    m = find_dates("04.08.2017")[0]
    assert m.ambiguous and m.order == "dmy" and m.date() == dt.date(2017, 8, 4)
    assert not find_dates("24.08.2017")[0].ambiguous


def test_month_abbreviation_between_dashes() -> None:
    assert only("04-ago-2021 5:11:10") == (dt.date(2021, 8, 4),
                                           dt.datetime(2021, 8, 4, 5, 11, 10))


def test_a_month_inside_a_word_is_not_a_month() -> None:
    assert find_dates("Tramadol 5, 2025") == []
    assert find_dates("premarch 5, 2025") == []


@pytest.mark.parametrize("line", [
    "version 1.2.3 released", "call 555-12-34", "score 3/4/5", "31/02/2020",
    "the 2020-13-45 build", "pages 12-14", "in 2024", "may 2024", "IP 10.1.1.2024",
])
def test_non_dates_are_not_read_as_dates(line: str) -> None:
    assert find_dates(line) == []


def test_several_dates_on_a_line_come_in_order() -> None:
    found = find_dates("April 21, 2020 at 5:52 pm Updated April 22, 2020 at 7:07 am")
    assert [m.date() for m in found] == [dt.date(2020, 4, 21), dt.date(2020, 4, 22)]
    assert [m.hour for m in found] == [17, 7]


def test_yearless_dates_only_on_request_and_capitalised() -> None:
    assert find_dates("Updated March 5") == []
    m = find_dates("Updated March 5", yearless=True)[0]
    assert (m.year, m.month, m.day) == (None, 3, 5)
    assert m.date() is None and m.date(2024) == dt.date(2024, 3, 5)
    assert find_dates("you may 5 times", yearless=True) == []


def test_parse_date_reads_metadata_values() -> None:
    m = parse_date("2019-06-24T09:15:00.000+09:00")
    assert m is not None
    assert m.datetime() == dt.datetime(2019, 6, 24, 9, 15, tzinfo=tz(9))


def test_parse_date_reads_basic_iso_metadata() -> None:
    for value in ("20200316T130000Z", "20200316T13:00:00Z", "20200316"):
        m = parse_date(value)
        assert m is not None and m.date() == dt.date(2020, 3, 16), value
    assert parse_date("2020123") is None
    assert parse_date("20201332") is None


@pytest.mark.parametrize(("name", "hours"), [
    ("GMT", 0), ("UTC", 0), ("Z", 0), ("CET", 1), ("CEST", 2), ("EST", -5), ("PDT", -7),
    ("+01:00", 1), ("-0530", -5.5), ("GMT+2", 2), ("UTC-05:00", -5),
])
def test_zones(name: str, hours: float) -> None:
    z = zone(name)
    assert z is not None and z.utcoffset(None) == dt.timedelta(hours=hours)


def test_unknown_zone() -> None:
    assert zone("XYZT") is None


@pytest.mark.parametrize(("line", "place", "source", "month_day"), [
    ("LONDON, March 5 (Reuters) - The central bank said", "LONDON", "Reuters", (3, 5)),
    ("WASHINGTON (AP) — Senators agreed on", "WASHINGTON", "AP", None),
    ("MANILA, Nov. 24 (Xinhua) -- The government", "MANILA", "Xinhua", (11, 24)),
    ("SPRINGFIELD, Ill., Feb. 2, 2019", "SPRINGFIELD, Ill.", None, (2, 2)),
    ("NEW YORK -- Shares rose", "NEW YORK", None, None),
    ("Berlin (dpa) - Die Regierung", "Berlin", "dpa", None),
])
def test_wire_datelines(line: str, place: str, source: str | None,
                        month_day: tuple[int, int] | None) -> None:
    wire = parse_wire(line)
    assert wire is not None
    assert (wire.place, wire.source) == (place, source)
    got = (wire.date.month, wire.date.day) if wire.date else None
    assert got == month_day
    assert line.startswith(wire.text)


def test_wire_prefix_text() -> None:
    wire = parse_wire("LONDON, March 5 (Reuters) - The central bank said")
    assert wire is not None and wire.text == "LONDON, March 5 (Reuters) -"


@pytest.mark.parametrize("line", [
    "The report (PDF) - download it here", "I said - no", "LONDON: a city",
    "Once upon a time, in a land (far away) - there",
])
def test_not_wire_datelines(line: str) -> None:
    assert parse_wire(line) is None


REF = dt.datetime(2024, 3, 5, 12, 0)


@pytest.mark.parametrize(("line", "language", "date"), [
    ("2 hours ago", "en", dt.date(2024, 3, 5)),
    ("Posted 3 days ago", "en", dt.date(2024, 3, 2)),
    ("yesterday at 14:00", "en", dt.date(2024, 3, 4)),
    ("vor 3 Tagen", "de", dt.date(2024, 3, 2)),
    ("gestern, 10:15 Uhr", "de", dt.date(2024, 3, 4)),
    ("il y a 2 jours", "fr", dt.date(2024, 3, 3)),
    ("hace una semana", "es", dt.date(2024, 2, 27)),
])
def test_relative_dates(line: str, language: str, date: dt.date) -> None:
    found = find_relative(line, language)
    assert len(found) == 1 and found[0].resolve(REF) == date


def test_relative_day_words_follow_the_language() -> None:
    assert find_relative("hier", "de") == []  # German "hier" is "here"
    assert find_relative("hier", "fr")[0].resolve(REF) == dt.date(2024, 3, 4)
    assert find_relative("5 years ago", "en") == []  # too coarse for a day


def test_hostile_lines_are_rejected() -> None:
    # Guards against catastrophic backtracking: with it these would hang.
    lines = ["1" * 5000, "1/" * 2000, "Jan " * 1000, "(" * 3000 + "A" * 3000,
             "A" * 100 + " (" + "B" * 100, "12:" * 2000, "5 " * 3000 + "March"]
    for line in lines:
        assert find_dates(line, yearless=True) == []
        assert parse_wire(line) is None
        assert find_relative(line) == []


def test_every_month_name_is_recognised_in_full() -> None:
    import re

    from textclean.dates.names import MONTHS, alternation
    pattern = re.compile(f"(?:{alternation(set(MONTHS))})", re.IGNORECASE)
    for name, number in MONTHS.items():
        assert pattern.fullmatch(name), name
        assert find_dates(f"7 {name} 2021")[0].month == number, name


def test_digit_first_patterns_find_what_the_written_ones_do() -> None:
    """The patterns rewritten to open with their first digit (for speed) match
    exactly where, and with the same groups as, the patterns as written."""
    import random
    import re

    from textclean.dates import parse

    written = parse._NAMED_PATTERNS + parse._YEARLESS_PATTERNS + parse._NUMERIC_PATTERNS
    compiled = parse._COMPILED_NAMED + parse._COMPILED_YEARLESS + parse._COMPILED_NUMERIC
    assert sum(p.pattern != w for (_, w), (_, p) in zip(written, compiled, strict=True)) >= 8
    rng = random.Random(7)
    pieces = ["0", "1", "2", "3", "9", "19", "20", "2024", "05", " ", ".", ",", "/", "-", ":",
              "年", "月", "日", "Mar", "mar", "5th", "de ", "of ", "x", "’24"]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    lines += ["On 05.03.2024 at 10:00", "x2024-03-05", "1 2 2019/12/31", "31/12/2019", "0412-2021"]
    for (_, source), (_, fast) in zip(written, compiled, strict=True):
        slow = re.compile(source, re.IGNORECASE)
        for line in lines:
            assert [(m.span(), m.groupdict()) for m in fast.finditer(line)] == \
                [(m.span(), m.groupdict()) for m in slow.finditer(line)], (source, line)
