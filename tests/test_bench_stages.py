"""The per-stage timing benchmark covers every stage clean() runs, once each."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_stages import stage_times, table  # noqa: E402
from textclean.pipeline import DEFAULT_STEPS  # noqa: E402

PAGE = ("Home\nWorld\nSport\n\nCouncil approves ferry timetable\n\n"
        "The harbour council voted on Tuesday to approve a new ferry timetable, ending "
        "a dispute that had run for most of the year.\n")


def test_every_pipeline_stage_is_timed_in_order() -> None:
    times = stage_times([PAGE, "<p>Short page.</p>"], "text", repeats=1)
    assert list(times) == ["read", *DEFAULT_STEPS, "assemble"]
    assert all(seconds >= 0 for seconds in times.values())


def test_table_has_a_row_per_stage_and_a_total() -> None:
    times = {"text": {"read": 0.002, "body": 0.001}}
    rows = table(times).splitlines()
    assert rows[2] == "| read | 2.000 | 67% |"
    assert rows[-1] == "| total | 3.000 | 100% |"
