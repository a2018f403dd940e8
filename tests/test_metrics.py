"""The benchmark metrics against small cases worked out by hand.

These pin the scrapinghub conventions (shingle multiset, per-page
normalisation, corpus means over the pages where P or R is defined) because
a silent change there would make every published comparison meaningless.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import metrics  # noqa: E402
from benchmarks.metrics import (  # noqa: E402
    BodyScore,
    SnippetScore,
    aggregate_body,
    aggregate_snippets,
    normalise_headline,
    score_body,
    score_date,
    score_headline,
    score_snippets,
    shingles,
    tokens,
)


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokens("Hello, World! it's 2009-06-15.") == [
        "Hello", "World", "it", "s", "2009", "06", "15"]
    assert tokens("") == []
    assert tokens(None) == []


def test_shingles_of_long_text_are_overlapping_4grams_as_a_multiset() -> None:
    grams = shingles(["a", "b", "c", "d", "a", "b", "c", "d"])
    assert grams == Counter({
        ("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1,
    })


@pytest.mark.parametrize("toks", [["x"], ["x", "y"], ["x", "y", "z"]])
def test_short_text_gives_one_shorter_shingle(toks: list[str]) -> None:
    assert shingles(toks) == Counter([tuple(toks)])


def test_empty_text_gives_no_shingle() -> None:
    assert shingles([]) == Counter()


def test_page_counts_are_normalised_by_their_sum() -> None:
    # gold: a b c d e -> abcd, bcde; predicted: a b c d x -> abcd, bcdx.
    score = score_body("a b c d x", "a b c d e")
    assert (score.tp, score.fp, score.fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.5)
    assert not score.exact


def test_repeated_shingles_count_as_a_multiset() -> None:
    # Predicting the gold twice: 2 predicted copies of each shingle against 1 gold copy,
    # plus the three shingles that straddle the join.
    score = score_body("a b c d a b c d", "a b c d")
    # pred shingles: abcd x2, bcda, cdab, dabc; gold: abcd -> TP 1, FP 4, FN 0.
    assert (score.tp, score.fp, score.fn) == pytest.approx((0.2, 0.8, 0.0))
    assert score.recall == 1.0
    assert score.precision == pytest.approx(0.2)


def test_tokens_ignore_punctuation_and_whitespace_but_not_case() -> None:
    assert score_body("One,  two\n\nthree four.", "One two three four").exact
    lower = score_body("one two three four", "One two three four")
    assert not lower.exact
    assert lower.tp == 0.0


def test_empty_prediction_has_zero_recall_and_no_precision() -> None:
    score = score_body("", "a b c d e")
    assert (score.tp, score.fp, score.fn) == (0.0, 0.0, 1.0)
    assert score.precision == 0.0
    assert score.recall == 0.0


def test_perfect_page_has_precision_and_recall_one() -> None:
    score = score_body("a b", "a b")
    assert score.exact
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_corpus_precision_skips_empty_predictions_and_f1_uses_corpus_means() -> None:
    half = score_body("a b c d x", "a b c d e")  # P = R = 0.5
    perfect = score_body("p q r s", "p q r s")  # P = R = 1
    empty = score_body("", "m n o p")  # no prediction: R = 0, left out of P
    corpus = aggregate_body([half, perfect, empty])
    assert corpus.precision == pytest.approx(0.75)  # (0.5 + 1) / 2
    assert corpus.recall == pytest.approx(0.5)  # (0.5 + 1 + 0) / 3
    assert corpus.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert corpus.accuracy == pytest.approx(1 / 3)
    assert corpus.pages == 3


def test_corpus_recall_skips_pages_whose_gold_and_prediction_are_both_empty() -> None:
    nothing = score_body("", "")
    assert (nothing.tp, nothing.fp, nothing.fn) == (0.0, 0.0, 0.0)
    corpus = aggregate_body([nothing, score_body("a b c d x", "a b c d e")])
    assert corpus.recall == pytest.approx(0.5)
    assert corpus.precision == pytest.approx(0.5)


def test_bag_of_words_ignores_order() -> None:
    score = score_body("d c b a", "a b c d")
    assert score.f1 == 0.0
    corpus = aggregate_body([score], bag_of_words=True)
    assert corpus.f1 == pytest.approx(1.0)


def test_bag_of_words_counts_repeats() -> None:
    # pred a a b, gold a b c: TP 2 (a, b), FP 1 (extra a), FN 1 (c).
    score = score_body("a a b", "a b c")
    assert score.bow_precision == pytest.approx(2 / 3)
    assert score.bow_recall == pytest.approx(2 / 3)


def test_body_score_round_trips_through_dict() -> None:
    score = score_body("a b c d x", "a b c d e")
    data = score.to_dict()
    assert data["f1"] == pytest.approx(0.5)
    assert BodyScore.from_dict(data) == score


def test_snippets_follow_trafilatura_convention() -> None:
    text = "The mayor said the bridge will reopen. Share on Twitter"
    score = score_snippets(text, ["bridge will reopen", "the budget"],
                           ["Share on Twitter", "Subscribe now"])
    assert score == SnippetScore(tp=1, fn=1, fp=1, tn=1)


def test_empty_extraction_misses_every_with_snippet() -> None:
    assert score_snippets(None, ["a", "b"], ["c"]) == SnippetScore(tp=0, fn=2, fp=0, tn=1)


def test_snippet_scores_are_summed_before_precision_and_recall() -> None:
    total = aggregate_snippets([SnippetScore(3, 1, 0, 2), SnippetScore(1, 0, 1, 0)])
    assert total == SnippetScore(4, 1, 1, 2)
    assert total.precision == pytest.approx(0.8)
    assert total.recall == pytest.approx(0.8)
    assert total.f1 == pytest.approx(0.8)
    assert total.accuracy == pytest.approx(6 / 8)


def test_headline_normalisation_straightens_quotes_and_whitespace() -> None:
    raw = "  \u201cUS  and\nRussia\u2019s talks\u201d "
    assert normalise_headline(raw) == "US and Russia's talks"
    assert normalise_headline(None) == ""


def test_headline_normalisation_decodes_entities_left_in_gold() -> None:
    assert normalise_headline("Apple&#8217;s cash &amp; profits") == "Apple's cash & profits"


def test_headline_exact_match_after_normalising() -> None:
    assert score_headline("US and Russia\u2019s talks", "'US and Russia's talks'").exact
    assert not score_headline("US and Russia talks", "US and Russia's talks").exact


def test_headline_token_f1() -> None:
    # pred: Talks fail in Geneva (4 tokens); gold: Talks fail again (3); common 2.
    score = score_headline("Talks fail in Geneva", "Talks fail again")
    assert score.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert score_headline(None, "Talks").f1 == 0.0


def test_date_matches_at_day_level() -> None:
    assert score_date("2009-06-15T10:30:00+01:00", "2009-06-15")
    assert score_date("2009-06-15", "2009-06-15")
    assert not score_date("2009-06-16", "2009-06-15")
    assert not score_date(None, "2009-06-15")
    assert not score_date("", "2009-06-15")


def test_f1_of_zero_precision_and_recall_is_zero() -> None:
    assert metrics.f1(0.0, 0.0) == 0.0
