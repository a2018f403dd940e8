"""Scores for extracted articles, shared by the benchmark and the regression tests.

The body metric is the scrapinghub article-extraction-benchmark one, restated
in shared/data/eval/README.md, so our figures sit next to published peer
scores. Each page is scored on its own (`score_body`, `score_snippets`, ...)
and the per-page results are aggregated afterwards (`aggregate_body`, ...):
the benchmark keeps every per-page score, and the corpus figures are a pure
function of them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokens(text: str | None) -> list[str]:
    """Word tokens as the scrapinghub metric sees them: case kept, punctuation dropped."""
    return _TOKEN.findall(text) if text else []


def shingles(toks: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of consecutive `size`-grams.

    A text shorter than `size` still gives one (shorter) shingle, so a short
    but correct body is not scored as empty.
    """
    if not toks:
        return Counter()
    if len(toks) < size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + size]) for i in range(len(toks) - size + 1))


@dataclass(frozen=True, slots=True)
class BodyScore:
    """One page's body score.

    tp/fp/fn are shingle counts divided by their sum, so every page weighs the
    same in the corpus means; bow_* are the bag-of-words counterparts.
    """

    tp: float
    fp: float
    fn: float
    exact: bool
    bow_tp: float
    bow_fp: float
    bow_fn: float

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp, self.fp, self.fn)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn, self.fp, self.fn)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def bow_precision(self) -> float:
        return _ratio(self.bow_tp, self.bow_tp + self.bow_fp, self.bow_fp, self.bow_fn)

    @property
    def bow_recall(self) -> float:
        return _ratio(self.bow_tp, self.bow_tp + self.bow_fn, self.bow_fp, self.bow_fn)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(p=self.precision, r=self.recall, f1=self.f1)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BodyScore:
        return cls(data["tp"], data["fp"], data["fn"], bool(data["exact"]),
                   data["bow_tp"], data["bow_fp"], data["bow_fn"])


def _ratio(num: float, den: float, fp: float, fn: float) -> float:
    """Page P or R with the README's conventions: 1 when nothing is wrong, else 0 on 0/0."""
    if fp == 0 and fn == 0:
        return 1.0
    return num / den if den > 0 else 0.0


def f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total > 0 else 0.0


def _normalised_counts(pred: Counter[Any], gold: Counter[Any]) -> tuple[float, float, float]:
    tp = sum(min(count, pred[key]) for key, count in gold.items())
    fp = sum(max(0, count - gold[key]) for key, count in pred.items())
    fn = sum(max(0, count - pred[key]) for key, count in gold.items())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score_body(predicted: str | None, gold: str) -> BodyScore:
    """Score one page's extracted body against its gold body."""
    pred_toks, gold_toks = tokens(predicted), tokens(gold)
    tp, fp, fn = _normalised_counts(shingles(pred_toks), shingles(gold_toks))
    btp, bfp, bfn = _normalised_counts(Counter(pred_toks), Counter(gold_toks))
    return BodyScore(tp, fp, fn, pred_toks == gold_toks, btp, bfp, bfn)


@dataclass(frozen=True, slots=True)
class CorpusScore:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def aggregate_body(scores: Iterable[BodyScore], bag_of_words: bool = False) -> CorpusScore:
    """Corpus P/R/F1 as the scrapinghub evaluate.py computes them.

    P is averaged only over pages that predicted something, so an empty
    prediction costs recall but not precision; F1 comes from the corpus P
    and R, not from averaging page F1.
    """
    items = list(scores)
    if bag_of_words:
        triples = [(s.bow_tp, s.bow_fp, s.bow_fn, s) for s in items]
        precisions = [s.bow_precision for tp, fp, _, s in triples if tp + fp > 0]
        recalls = [s.bow_recall for tp, _, fn, s in triples if tp + fn > 0]
    else:
        precisions = [s.precision for s in items if s.tp + s.fp > 0]
        recalls = [s.recall for s in items if s.tp + s.fn > 0]
    p, r = _mean(precisions), _mean(recalls)
    accuracy = _mean([1.0 if s.exact else 0.0 for s in items])
    return CorpusScore(p, r, f1(p, r), accuracy, len(items))


# --- with/without snippets (trafilatura-eval, foley-2026) -------------------


@dataclass(frozen=True, slots=True)
class SnippetScore:
    """trafilatura's convention: counts, summed over pages before P/R/F."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SnippetScore) -> SnippetScore:
        return SnippetScore(self.tp + other.tp, self.fn + other.fn,
                            self.fp + other.fp, self.tn + other.tn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    def to_dict(self) -> dict[str, int]:
        return {"tp": self.tp, "fn": self.fn, "fp": self.fp, "tn": self.tn}


def score_snippets(predicted: str | None, with_: Iterable[str],
                   without: Iterable[str]) -> SnippetScore:
    """Plain substring tests, as in trafilatura's tests/comparison.py.

    Unlike trafilatura's script, an empty extraction is not skipped: it
    misses every 'with' snippet (FN) and avoids every 'without' one (TN),
    so a tool cannot gain by giving up on hard pages.
    """
    text = predicted or ""
    with_list, without_list = list(with_), list(without)
    tp = sum(1 for s in with_list if s in text)
    fp = sum(1 for s in without_list if s in text)
    return SnippetScore(tp, len(with_list) - tp, fp, len(without_list) - fp)


def aggregate_snippets(scores: Iterable[SnippetScore]) -> SnippetScore:
    return sum(scores, SnippetScore())


# --- headline and date -------------------------------------------------------

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
})
_SPACE = re.compile(r"\s+")


def normalise_headline(text: str | None) -> str:
    """Whitespace collapsed, curly quotes made straight, surrounding quotes/space dropped.

    Gold headlines come from several tools and annotators that disagree on
    exactly these details, which say nothing about extraction quality. HTML
    entities are decoded too: some gold files keep them escaped ("&#8217;").
    """
    if not text:
        return ""
    flat = _SPACE.sub(" ", html.unescape(text).translate(_QUOTES))
    return flat.strip(" \"'")


@dataclass(frozen=True, slots=True)
class HeadlineScore:
    exact: bool
    f1: float

    def to_dict(self) -> dict[str, Any]:
        return {"exact": self.exact, "f1": self.f1}


def score_headline(predicted: str | None, gold: str) -> HeadlineScore:
    """Exact match after normalising, and bag-of-tokens F1 (case kept, as for bodies)."""
    exact = normalise_headline(predicted) == normalise_headline(gold)
    pred, ref = Counter(tokens(predicted)), Counter(tokens(gold))
    common = sum((pred & ref).values())
    if not pred and not ref:
        return HeadlineScore(exact, 1.0)
    p = common / sum(pred.values()) if pred else 0.0
    r = common / sum(ref.values()) if ref else 0.0
    return HeadlineScore(exact, f1(p, r))


def score_date(predicted: str | None, gold: str) -> bool:
    """Day-level match: only the YYYY-MM-DD part of the prediction counts."""
    return bool(predicted) and str(predicted)[:10] == gold[:10]
