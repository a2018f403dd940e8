"""Fit the headline finder's feature weights on the dev set (numpy only here).

The headline step scores each candidate line with a weighted sum of its
features (textclean/finders/headline.py, `_features` and friends) and takes
the best. This script runs the pipeline up to the headline step on every dev
page that has a gold headline, in the input shapes asked for (--shapes: text,
WET-shaped text with blank lines dropped, html), labels each candidate by
whether its text is the gold headline (the same normalisation as
benchmarks/metrics.py), and fits a listwise model: a softmax over each page's
candidates, L2-regularised towards the hand weights on standardised features,
by Newton's method. The selection rule it scores (best above 0, then the deck
rule with its margin) is the step's own, so the "hand" column of --cv equals
what benchmarks/evaluate.py measures.

    python benchmarks/fit_headline.py --cv --print --balance 0.5 --l2 30 --margin 3.5 \
        --fix in_list=-2.5,h1=4,overlap=3.4,overlap_first=1.2,below_prose=-4.5
        # how TEXT_WEIGHTS was made

Candidates are cached (--cache) so refits are fast; delete the cache after
changing a feature. Textclean itself never imports numpy: the fitted numbers
are pasted into headline.py as constants.
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.data import DEFAULT_DATA, data_files, dataset_name, iter_file  # noqa: E402
from benchmarks.metrics import normalise_headline  # noqa: E402
from textclean.config import DEFAULT_CONFIG  # noqa: E402
from textclean.finders import headline as hl  # noqa: E402
from textclean.pipeline import DEFAULT_STEPS, Pipeline  # noqa: E402

SHAPES = ("text", "wet", "html")
SEARCH = False
FIXED_MARGIN: float | None = None
MARGINS = (None, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)


@dataclass
class PageCands:
    """One page's candidates: features, labels, and each one's deck head (or -1)."""

    dataset: str
    shape: str
    features: list[dict[str, float]]
    labels: list[bool]
    heads: list[int]
    texts: list[str]
    gold: str


def _source(page_text: str, page_html: str, shape: str) -> str:
    if shape == "html":
        return page_html
    if shape == "wet":
        return "\n".join(line for line in page_text.splitlines() if line.strip())
    return page_text


def _page_cands(pipe: Pipeline, src: str, gold: str, name: str, shape: str) -> PageCands:
    doc = pipe.run(src)
    found = hl.Headline().candidates(doc)
    cands = found[1] if found else []
    page = found[0] if found else None
    want = normalise_headline(gold)
    pos = {c.index: k for k, c in enumerate(cands)}
    heads = []
    for c in cands:
        head = hl._deck_head(doc, page, c.index) if page is not None else None
        heads.append(pos.get(head, -1) if head is not None else -1)
    labels = [normalise_headline(doc.blocks[c.index].text) == want for c in cands]
    texts = [doc.blocks[c.index].text for c in cands]
    return PageCands(name, shape, [c.features for c in cands], labels, heads, texts, gold)


def collect(shape: str, data: str, limit: int | None) -> list[PageCands]:
    """Candidates of every dev page with a gold headline, in one input shape."""
    mode = "html" if shape == "html" else "text"
    steps = DEFAULT_STEPS[:DEFAULT_STEPS.index("headline")]
    pipe = Pipeline(steps=steps, config=replace(DEFAULT_CONFIG, input=mode))
    out = []
    for path in data_files(data):
        name = dataset_name(path)
        for n, page in enumerate(iter_file(path)):
            if limit is not None and n >= limit:
                break
            if page.gold.headline is None:
                continue
            src = _source(page.text, page.html, shape)
            out.append(_page_cands(pipe, src, page.gold.headline, name, shape))
    return out


def load(cache: Path, data: str, limit: int | None, shapes: Iterable[str]) -> list[PageCands]:
    pages: list[PageCands] = []
    for shape in shapes:
        path = cache / f"cands_{shape}_{limit}.pkl"
        if not path.exists():
            print(f"collecting {shape} ...", file=sys.stderr)
            path.write_bytes(pickle.dumps(collect(shape, data, limit)))
        pages += pickle.loads(path.read_bytes())
    return pages


@dataclass
class Matrices:
    """Pages as arrays over one feature order."""

    names: list[str]
    xs: list[np.ndarray]
    ys: list[np.ndarray]
    pages: list[PageCands]


def matrices(pages: list[PageCands], names: list[str]) -> Matrices:
    xs = [np.array([[f.get(k, 0.0) for k in names] for f in p.features]).reshape(-1, len(names))
          for p in pages]
    ys = [np.array(p.labels, dtype=bool) for p in pages]
    return Matrices(names, xs, ys, pages)


def _softmax(s: np.ndarray) -> np.ndarray:
    e = np.exp(s - s.max())
    return e / e.sum()


def fit(m: Matrices, idx: Iterable[int], l2: np.ndarray, page_weight: dict[str, float],
        prior: np.ndarray) -> np.ndarray:
    """Listwise softmax weights (no bias: a softmax cannot see one) on standardised features.

    The L2 penalty pulls the weights towards `prior` (zeros, or the hand weights).
    """
    rows = [i for i in idx if m.ys[i].any()]
    allx = np.vstack([m.xs[i] for i in rows])
    mu, sd = allx.mean(0), allx.std(0)
    sd[sd < 1e-9] = 1.0
    zs = [(m.xs[i] - mu) / sd for i in rows]
    ws = [page_weight[m.pages[i].dataset] for i in rows]
    centre = prior * sd
    w = centre.copy()

    def loss(w: np.ndarray) -> float:
        total = 0.5 * float(l2 @ (w - centre) ** 2)
        for z, y, pw in zip(zs, (m.ys[i] for i in rows), ws, strict=True):
            s = z @ w
            top = s.max()
            total += pw * (math.log(np.exp(s - top).sum()) - math.log(np.exp(s[y] - top).sum()))
        return total

    current = loss(w)
    for _ in range(40):
        grad = l2 * (w - centre)
        hess = np.diag(l2)
        for z, y, pw in zip(zs, (m.ys[i] for i in rows), ws, strict=True):
            s = z @ w
            p = _softmax(s)
            q = np.zeros_like(p)
            q[y] = _softmax(s[y])
            grad = grad + pw * (z.T @ (p - q))
            zp = z.T * p
            hess = hess + pw * (zp @ z - np.outer(zp.sum(1), zp.sum(1)))
        step = np.linalg.solve(hess, grad)
        rate = 1.0
        while rate > 1e-4:
            trial = loss(w - rate * step)
            if trial <= current:
                break
            rate /= 2
        w, previous, current = w - rate * step, current, trial
        if previous - current < 1e-7 * max(1.0, abs(previous)):
            break
    return w / sd  # on raw features; the offset mu only shifts every score on a page alike


def choose(x: np.ndarray, heads: list[int], w: np.ndarray, bias: float,
           margin: float | None) -> int | None:
    """What the headline step does with these scores: best above 0, then the deck rule."""
    if len(x) == 0:
        return None
    s = x @ w + bias
    best = int(np.argmax(s))
    if s[best] <= 0:
        return None
    head = heads[best]
    if margin is not None and head >= 0 and s[head] > 0 and s[head] >= s[best] - margin:
        return head
    return best


def em_by_dataset(m: Matrices, idx: Iterable[int], w: np.ndarray, bias: float,
                  margin: float | None) -> dict[tuple[str, str], float]:
    hits: dict[tuple[str, str], list[bool]] = {}
    for i in idx:
        p = m.pages[i]
        k = choose(m.xs[i], p.heads, w, bias, margin)
        hits.setdefault((p.dataset, p.shape), []).append(k is not None and bool(m.ys[i][k]))
    return {key: sum(v) / len(v) for key, v in hits.items()}


def macro(em: dict[tuple[str, str], float]) -> float:
    return sum(em.values()) / len(em)


def calibrate(m: Matrices, idx: list[int], w: np.ndarray, hand: np.ndarray) -> float:
    """The bias that leaves as many pages without a headline as the hand weights did."""
    none = sum(1 for i in idx if len(m.xs[i]) and (m.xs[i] @ hand).max() <= 0)
    tops = sorted(float((m.xs[i] @ w).max()) for i in idx if len(m.xs[i]))
    if none == 0:
        return -tops[0] + 1.0
    return -(tops[none - 1] + tops[min(none, len(tops) - 1)]) / 2


def train(m: Matrices, idx: list[int], hand: np.ndarray, l2: np.ndarray,
          page_weight: dict[str, float],
          prior: np.ndarray) -> tuple[np.ndarray, float, float | None]:
    w = fit(m, idx, l2, page_weight, prior)
    w[m.names.index("bias")] = 0.0
    bias = calibrate(m, idx, w, hand)
    margins = MARGINS if FIXED_MARGIN is None else (FIXED_MARGIN,)
    margin = max(margins, key=lambda g: macro(em_by_dataset(m, idx, w, bias, g)))
    if SEARCH:
        w = search(m, idx, w, bias, margin)
    return w, bias, margin


def search(m: Matrices, idx: list[int], w: np.ndarray, bias: float,
           margin: float | None, passes: int = 2) -> np.ndarray:
    """Coordinate search on the exact-match rate itself, from a starting point.

    The softmax only approximates "the best line is the gold one"; small
    moves of one weight at a time that raise the training EM (by a page in
    a few hundred at least) close part of that gap.
    """
    sd = np.vstack([m.xs[i] for i in idx]).std(0)
    sd[sd < 1e-9] = 1.0
    best = macro(em_by_dataset(m, idx, w, bias, margin))
    for _ in range(passes):
        moved = False
        for k, name in enumerate(m.names):
            if name == "bias":
                continue
            for delta in (-1.0, -0.5, -0.25, 0.25, 0.5, 1.0):
                trial = w.copy()
                trial[k] += delta / sd[k]
                em = macro(em_by_dataset(m, idx, trial, bias, margin))
                if em > best + 0.002:
                    w, best, moved = trial, em, True
        if not moved:
            break
    return w


def _weights(names: list[str], table: dict[str, float]) -> np.ndarray:
    return np.array([table.get(k, 0.0) for k in names])


def cross_validate(m: Matrices, l2: np.ndarray, page_weight: dict[str, float],
                   prior: np.ndarray, shapes: list[str]) -> None:
    hand = _weights(m.names, hl.HAND_WEIGHTS)
    datasets = sorted({p.dataset for p in m.pages})
    print(f"{'held out':22} " + " ".join(f"{s + ' hand':>10} {s + ' fit':>9}" for s in shapes))
    sums: dict[str, list[float]] = {}
    for ds in datasets:
        test = [i for i, p in enumerate(m.pages) if p.dataset == ds]
        rest = [i for i, p in enumerate(m.pages) if p.dataset != ds]
        w, bias, margin = train(m, rest, hand, l2, page_weight, prior)
        before = em_by_dataset(m, test, hand, 0.0, hl.DECK_MARGIN)
        after = em_by_dataset(m, test, w, bias, margin)
        cells = []
        for s in shapes:
            b, a = before.get((ds, s), float("nan")), after.get((ds, s), float("nan"))
            sums.setdefault(s + " hand", []).append(b)
            sums.setdefault(s + " fit", []).append(a)
            cells.append(f"{b:10.3f} {a:9.3f}")
        print(f"{ds:22} " + " ".join(cells) + f"   margin={margin}")
    print(f"{'MEAN':22} " + " ".join(
        f"{np.mean(sums[s + ' hand']):10.4f} {np.mean(sums[s + ' fit']):9.4f}" for s in shapes))


def _round(x: float) -> float:
    return float(f"{x:.2g}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / DEFAULT_DATA))
    ap.add_argument("--cache", default="/tmp/fit_headline")
    ap.add_argument("--limit", type=int, default=None, help="pages per dataset")
    ap.add_argument("--l2", type=float, default=10.0)
    ap.add_argument("--balance", type=float, default=0.0,
                    help="weight pages by n_dataset**-balance (0: every page alike)")
    ap.add_argument("--prior", choices=("zero", "hand"), default="hand",
                    help="what the L2 penalty pulls the weights towards")
    ap.add_argument("--shapes", default="text,wet",
                    help="input shapes to fit on (html pages have their own weights)")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--print", action="store_true")
    ap.add_argument("--fix", default="",
                    help="weights held at a value, as name=value,name=value")
    ap.add_argument("--drop", default="", help="comma-separated features left out")
    ap.add_argument("--margin", type=float, default=None,
                    help="the deck margin to use (default: the best on the training pages)")
    ap.add_argument("--search", action="store_true",
                    help="then move single weights to raise the training exact-match rate")
    a = ap.parse_args()
    global SEARCH, FIXED_MARGIN
    SEARCH, FIXED_MARGIN = a.search, a.margin
    cache = Path(a.cache)
    cache.mkdir(parents=True, exist_ok=True)
    shapes = a.shapes.split(",")
    pages = load(cache, a.data, a.limit, shapes)
    dropped = set(a.drop.split(",")) - {""}
    names = sorted({k for p in pages for f in p.features for k in f} - dropped)
    m = matrices(pages, names)
    counts: dict[str, int] = {}
    for p in pages:
        counts[p.dataset] = counts.get(p.dataset, 0) + 1
    page_weight = {d: (n / 3) ** -a.balance for d, n in counts.items()}
    hand = _weights(names, hl.HAND_WEIGHTS)
    prior = hand.copy() if a.prior == "hand" else np.zeros(len(names))
    prior[names.index("bias")] = 0.0
    l2 = np.full(len(names), a.l2)
    for item in a.fix.split(","):
        if item:
            name, value = item.split("=")
            prior[names.index(name)] = float(value)
            l2[names.index(name)] = 1e9  # held at this value
    if a.cv:
        cross_validate(m, l2, page_weight, prior, shapes)
    every = list(range(len(pages)))
    w, bias, margin = train(m, every, hand, l2, page_weight, prior)
    w = np.array([_round(x) for x in w])
    bias = _round(bias)
    print("whole set, hand:", {f"{d}/{s}": round(v, 3) for (d, s), v in
                               sorted(em_by_dataset(m, every, hand, 0.0, hl.DECK_MARGIN).items())})
    print("whole set, fit: ", {f"{d}/{s}": round(v, 3) for (d, s), v in
                               sorted(em_by_dataset(m, every, w, bias, margin).items())})
    if a.print:
        table = dict(zip(names, w.tolist(), strict=True)) | {"bias": bias}
        print("FITTED_WEIGHTS: dict[str, float] = {")
        for k in names:
            if table[k]:
                print(f'    "{k}": {table[k]!r},')
        print("}")
        print(f"FITTED_DECK_MARGIN = {margin!r}")


if __name__ == "__main__":
    main()
