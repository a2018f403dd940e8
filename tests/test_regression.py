"""Regression guard: textclean on small synthetic news pages must not get worse.

The pages in fixtures/regression/ were written for this test (navigation,
bylines, captions, share rows, promo lists, footers around a known body), so
they can live in the repo without copying any evaluation page. The floors
below are the scores measured when the guard was recorded, minus a margin:
a drop under them means a change made cleaning worse, not noise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import textclean

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.metrics import aggregate_body, score_body, score_date, score_headline  # noqa: E402

FIXTURES = sorted((REPO_ROOT / "fixtures" / "regression").glob("*.json"))

# Recorded 2026-11-28 (text mode): corpus body F1 0.981 over 8 pages, every
# headline and date right. Per-page floors are the measured F1 minus 0.10.
CORPUS_F1_FLOOR = 0.96
PAGE_F1_FLOOR = {
    "harbour-council-vote": 0.90,
    "library-reopens": 0.90,
    "match-report-rovers": 0.87,
    "opinion-four-day-week": 0.81,
    "review-budget-laptop": 0.90,
    "science-bees-map": 0.85,
    "short-brief-road-closure": 0.90,
    "wire-drought-crops": 0.90,
}
HEADLINES_RIGHT_FLOOR = 7
DATES_RIGHT_FLOOR = 7


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _date(article: textclean.Article) -> str | None:
    if article.dateline is None:
        return None
    value = article.dateline.datetime or article.dateline.date
    return value.isoformat()[:10] if value else None


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict[str, Any], textclean.Article]]:
    out = {}
    for path in FIXTURES:
        page = _load(path)
        out[path.stem] = (page, textclean.clean(page["text"], input="text"))
    return out


def test_every_fixture_has_a_recorded_floor() -> None:
    assert {p.stem for p in FIXTURES} == set(PAGE_F1_FLOOR)


@pytest.mark.parametrize("name", sorted(PAGE_F1_FLOOR))
def test_page_body_f1_stays_above_floor(
        name: str, results: dict[str, tuple[dict[str, Any], textclean.Article]]) -> None:
    page, article = results[name]
    score = score_body(article.body, page["gold"]["body"])
    assert score.f1 >= PAGE_F1_FLOOR[name], (
        f"{name}: F1 {score.f1:.3f} (P {score.precision:.3f}, R {score.recall:.3f})")


def test_corpus_body_f1_stays_above_floor(
        results: dict[str, tuple[dict[str, Any], textclean.Article]]) -> None:
    corpus = aggregate_body(score_body(a.body, p["gold"]["body"]) for p, a in results.values())
    assert corpus.f1 >= CORPUS_F1_FLOOR


def test_headlines_and_dates_stay_found(
        results: dict[str, tuple[dict[str, Any], textclean.Article]]) -> None:
    headlines = sum(score_headline(a.headline, p["gold"]["headline"]).exact
                    for p, a in results.values())
    dates = sum(score_date(_date(a), p["gold"]["date"]) for p, a in results.values())
    assert headlines >= HEADLINES_RIGHT_FLOOR
    assert dates >= DATES_RIGHT_FLOOR
