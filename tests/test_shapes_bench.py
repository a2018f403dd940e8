"""The input-shape benchmark leaves renderer failures out, like for like."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import metrics  # noqa: E402
from benchmarks.shapes import PageResult, gold_coverage, shape_table  # noqa: E402

GOLD = "The harbour council voted on Tuesday to approve a new ferry timetable."


def test_coverage_counts_gold_word_types_present() -> None:
    assert gold_coverage(GOLD, GOLD) == 1.0
    assert gold_coverage("Home | News | Sport", GOLD) == 0.0
    assert 0.4 < gold_coverage("The harbour council voted on Tuesday", GOLD) < 0.6


def _result(page: str, shape: str, predicted: str, failed: bool = False) -> PageResult:
    return PageResult(page, "set", shape, metrics.score_body(predicted, GOLD), None, 0.0,
                      renderer_failed=failed)


def test_failed_renderings_are_left_out_and_text_compared_on_same_pages() -> None:
    results = [_result("a", "text", GOLD), _result("b", "text", "nothing like it"),
               _result("a", "md", GOLD), _result("b", "md", "", failed=True)]
    rows = {line.split(" | ")[0].strip("| "): line for line in
            shape_table(results, ["text", "md"]).splitlines()[2:]}
    cells = [c.strip() for c in rows["md"].split("|")[1:-1]]
    assert cells[1:4] == ["1", "1", "1.000"]  # pages, left out, body F1
    assert cells[7:9] == ["1.000", "+0.000"]  # text F1 on page a only, ΔF1
