"""How well textclean does when the same pages reach it in other text shapes.

    python benchmarks/shapes.py --limit 60

Real input text is not always the dev set's `text` field: crawls give WET
records (no blank lines), scrapers give html2text markdown (wrapped at 78
columns or not at all) or `lynx -dump` output (indented, wrapped, with `[n]`
link numbers and a References list). Each dev page with a gold body is
rendered into those shapes from its HTML, cleaned with `input="text"`, and
scored with the scrapinghub body metric, headline exact match and date
accuracy (the day; sets with body and date gold only), so a gap
between a shape and the plain `text` shape points at the reader (or at a
finder that leans on blank-line groups).

A renderer sometimes loses the article itself (html2text stops at a broken
script on some old pages), which no reader can make up for. A rendering
holding fewer than half of the gold body's word types (`--min-coverage`)
counts as a renderer failure: that page is left out of that shape's scores,
and the shape's "text F1" column is the `text` shape's F1 on the same pages
it kept, so the ΔF1 compares like with like. The `text` and `wet` shapes
are the reference and never leave a page out.

Rendering is slow next to cleaning, so rendered shapes are cached on disk
(`--cache`); rerunning after a reader change only re-cleans. Needs the
`html2text` package and the `lynx` binary; a shape whose renderer is
missing is skipped with a note.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import gzip  # noqa: E402
import hashlib  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

import textclean  # noqa: E402
from benchmarks import metrics  # noqa: E402
from benchmarks.data import DEFAULT_DATA, Page, data_files, dataset_name, iter_file  # noqa: E402

# Datasets without a full-body gold: nothing to score a body against.
NO_BODY_GOLD = ("trafilatura-eval", "htmldate-eval")
SHAPES = ("text", "wet", "md", "md0", "lynx", "lynx0", "nodes")
SHAPE_HELP = {
    "text": "dev `text` field (blank lines between groups)",
    "wet": "Common Crawl WET: `text` with blank lines dropped",
    "md": "html2text, default 78-column wrap",
    "md0": "html2text --body-width 0",
    "lynx": "lynx -dump (76 columns, [n] links, References)",
    "lynx0": "lynx -dump -nolist (76 columns, no link numbers, no References)",
    "nodes": "BeautifulSoup get_text('\\n', strip=True): one line per text node",
}
_META_CHARSET = re.compile(r"""(<meta\b[^>]{0,300}?charset\s*=\s*["']?)[\w.:-]{1,40}""",
                           re.IGNORECASE)


# --- rendering ---------------------------------------------------------------------


def render_wet(text: str) -> str:
    """WET records keep one line per block but drop every blank line."""
    return "\n".join(line for line in text.splitlines() if line.strip())


def render_html2text(html: str, width: int) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = width
    return str(converter.handle(html))


def render_nodes(html: str) -> str:
    """What a script using BeautifulSoup gets: every text node on its own line,
    so a sentence breaks before and after each link."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for element in soup(["script", "style", "noscript", "template"]):
        element.decompose()
    return str(soup.get_text("\n", strip=True))


def render_lynx(html: str, timeout: float = 20.0, links: bool = True) -> str:
    """`lynx -dump` of the page, fed as UTF-8 whatever its <meta> charset said.

    The page is already decoded, so its charset declaration is rewritten to
    UTF-8; otherwise lynx would decode our UTF-8 bytes as, say, Latin-1.
    """
    data = _META_CHARSET.sub(r"\g<1>utf-8", html).encode("utf-8", "replace")
    cmd = ["lynx", "-dump", "-stdin", "-force_html", "-nocolor",
           "-assume_charset=utf-8", "-display_charset=utf-8", *([] if links else ["-nolist"])]
    try:
        done = subprocess.run(cmd, input=data, capture_output=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return ""
    return done.stdout.decode("utf-8", "replace")


def available_shapes(wanted: list[str]) -> list[str]:
    shapes = []
    for shape in wanted:
        if shape in ("md", "md0"):
            try:
                import html2text  # noqa: F401
            except ImportError:
                print(f"note: shape {shape} skipped, `pip install html2text`", file=sys.stderr)
                continue
        if shape.startswith("lynx") and shutil.which("lynx") is None:
            print("note: shape lynx skipped, `apt-get install lynx`", file=sys.stderr)
            continue
        shapes.append(shape)
    return shapes


def render(page_text: str, html: str, shape: str) -> str:
    if shape == "text":
        return page_text
    if shape == "wet":
        return render_wet(page_text)
    if shape == "md":
        return render_html2text(html, 78)
    if shape == "md0":
        return render_html2text(html, 0)
    if shape == "lynx":
        return render_lynx(html)
    if shape == "lynx0":
        return render_lynx(html, links=False)
    if shape == "nodes":
        return render_nodes(html)
    raise ValueError(f"unknown shape {shape!r}")


def _render_job(job: tuple[str, str, str, str]) -> tuple[str, str, str]:
    page_id, page_text, html, shape = job
    try:
        return page_id, shape, render(page_text, html, shape)
    except Exception as exc:  # a renderer crash loses one page, not the run
        print(f"render {shape} failed on {page_id}: {exc!r}", file=sys.stderr)
        return page_id, shape, ""


# --- cache -------------------------------------------------------------------------


@dataclass
class ShapeCache:
    """Rendered shapes by page id, one gzip JSON file per dataset."""

    directory: Path | None
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    dirty: bool = False

    def path(self, dataset: str) -> Path | None:
        return self.directory / f"{dataset}.json.gz" if self.directory else None

    def load(self, dataset: str) -> None:
        path = self.path(dataset)
        self.entries, self.dirty = {}, False
        if path is not None and path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                self.entries = json.load(handle)

    def save(self, dataset: str) -> None:
        path = self.path(dataset)
        if path is None or not self.dirty:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(self.entries, handle, ensure_ascii=False)


def _html_key(page: Page) -> str:
    return hashlib.sha1(page.html.encode("utf-8", "replace")).hexdigest()[:16]


def rendered_pages(pages: list[Page], shapes: list[str], cache: ShapeCache,
                   jobs: int) -> dict[str, dict[str, str]]:
    """Every page's text in every shape, rendering only what the cache lacks."""
    todo: list[tuple[str, str, str, str]] = []
    for page in pages:
        entry = cache.entries.get(page.id)
        if entry is None or entry.get("_html") != _html_key(page):
            entry = cache.entries[page.id] = {"_html": _html_key(page)}
        for shape in shapes:
            if shape in ("text", "wet"):
                entry[shape] = render(page.text, page.html, shape)
            elif shape not in entry:
                todo.append((page.id, page.text, page.html, shape))
    if todo:
        cache.dirty = True
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for page_id, shape, text in pool.map(_render_job, todo, chunksize=4):
                cache.entries[page_id][shape] = text
    return cache.entries


# --- scoring -----------------------------------------------------------------------


@dataclass
class PageResult:
    page_id: str
    dataset: str
    shape: str
    body: metrics.BodyScore
    headline: metrics.HeadlineScore | None
    seconds: float
    date: bool | None = None
    renderer_failed: bool = False


class _CleanTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _CleanTimeout


REFERENCE_SHAPES = ("text", "wet")


def gold_coverage(rendered: str, gold_body: str) -> float:
    """The share of the gold body's word types that the rendering holds at all."""
    gold = set(metrics.tokens(gold_body))
    if not gold:
        return 1.0
    return len(gold.intersection(metrics.tokens(rendered))) / len(gold)


def score_shape(page: Page, shape: str, text: str,
                clean: Callable[[str], textclean.Article],
                timeout: int = 10, min_coverage: float = 0.5) -> PageResult:
    """Clean and score one page; a page stuck past `timeout` s scores as empty.

    A rendered shape holding under `min_coverage` of the gold body's word
    types is marked as a renderer failure (scored all the same, for --json).
    """
    start = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    try:
        article = clean(text)
    except _CleanTimeout:
        print(f"timeout: {page.id} in shape {shape}", file=sys.stderr)
        article = textclean.Article()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    seconds = time.perf_counter() - start
    assert page.gold.body is not None
    body = metrics.score_body(article.body, page.gold.body)
    headline = (metrics.score_headline(article.headline, page.gold.headline)
                if page.gold.headline is not None else None)
    date = (metrics.score_date(_article_day(article), page.gold.date)
            if page.gold.date is not None else None)
    failed = (shape not in REFERENCE_SHAPES
              and gold_coverage(text, page.gold.body) < min_coverage)
    return PageResult(page.id, page.source, shape, body, headline, seconds, date, failed)


def _article_day(article: textclean.Article) -> str | None:
    dateline = article.dateline
    when = dateline and (dateline.datetime or dateline.date)
    return when.isoformat()[:10] if when else None


def _clean_text(text: str) -> textclean.Article:
    return textclean.clean(text, input="text")


def run(data: str, limit: int, shapes: list[str], cache: ShapeCache,
        jobs: int, start: int = 0, min_coverage: float = 0.5) -> Iterator[PageResult]:
    for path in data_files(data):
        dataset = dataset_name(path)
        if dataset in NO_BODY_GOLD:
            continue
        pages = [p for p in itertools.islice(iter_file(path), start, start + limit)
                 if p.gold.body is not None]
        if not pages:
            continue
        cache.load(dataset)
        texts = rendered_pages(pages, shapes, cache, jobs)
        cache.save(dataset)
        for page in pages:
            for shape in shapes:
                yield score_shape(page, shape, texts[page.id][shape], _clean_text,
                                  min_coverage=min_coverage)


# --- report ------------------------------------------------------------------------


def _headline_exact(results: list[PageResult]) -> tuple[float, int]:
    scored = [r.headline.exact for r in results if r.headline is not None]
    return (sum(scored) / len(scored) if scored else 0.0), len(scored)


def _date_accuracy(results: list[PageResult]) -> tuple[float, int]:
    scored = [r.date for r in results if r.date is not None]
    return (sum(scored) / len(scored) if scored else 0.0), len(scored)


def shape_table(results: list[PageResult], shapes: list[str]) -> str:
    """One row per shape over the pages its renderer did not fail on."""
    text_f1 = {r.page_id: r.body for r in results if r.shape == "text"}
    lines = ["| shape | pages | left out | body F1 | P | R | exact | text F1 | ΔF1 vs text "
             "| headline exact | date | ms/page |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for shape in shapes:
        every = [r for r in results if r.shape == shape]
        rows = [r for r in every if not r.renderer_failed]
        if not rows:
            continue
        corpus = metrics.aggregate_body(r.body for r in rows)
        same = [text_f1[r.page_id] for r in rows if r.page_id in text_f1]
        base = metrics.aggregate_body(same).f1 if same else float("nan")
        head, n_head = _headline_exact(rows)
        date, n_date = _date_accuracy(rows)
        ms = 1000 * sum(r.seconds for r in rows) / len(rows)
        lines.append(f"| {shape} | {corpus.pages} | {len(every) - len(rows)} "
                     f"| {corpus.f1:.3f} | {corpus.precision:.3f} "
                     f"| {corpus.recall:.3f} | {corpus.accuracy:.3f} | {base:.3f} "
                     f"| {corpus.f1 - base:+.3f} | {head:.3f} ({n_head}) "
                     f"| {date:.3f} ({n_date}) | {ms:.1f} |")
    return "\n".join(lines)


def dataset_table(results: list[PageResult], shapes: list[str]) -> str:
    datasets = sorted({r.dataset for r in results})
    lines = ["| dataset | " + " | ".join(shapes) + " |",
             "|---|" + "---|" * len(shapes)]
    for dataset in datasets:
        cells = []
        for shape in shapes:
            rows = [r.body for r in results if r.dataset == dataset and r.shape == shape
                    and not r.renderer_failed]
            cells.append(f"{metrics.aggregate_body(rows).f1:.3f}" if rows else "-")
        lines.append(f"| {dataset} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def worst_pages(results: list[PageResult], shapes: list[str], count: int) -> str:
    """The pages that lose most F1 in each shape against the plain text shape."""
    base = {r.page_id: r.body.f1 for r in results if r.shape == "text"}
    lines = []
    for shape in shapes:
        if shape == "text":
            continue
        drops = sorted(((base.get(r.page_id, 0.0) - r.body.f1, r.page_id)
                        for r in results if r.shape == shape and not r.renderer_failed),
                       reverse=True)[:count]
        lines.append(f"{shape}: " + ", ".join(f"{pid} ({d:+.2f})" for d, pid in drops if d > 0))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO_ROOT / DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=60, help="pages per dataset")
    parser.add_argument("--start", type=int, default=0,
                        help="skip this many pages per dataset (a held-out slice)")
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help="comma-separated, from: " + ", ".join(SHAPES))
    parser.add_argument("--cache", default="/tmp/textclean-shapes-cache",
                        help="directory for rendered shapes ('' for none)")
    parser.add_argument("--jobs", type=int, default=2, help="renderer processes")
    parser.add_argument("--worst", type=int, default=0,
                        help="list the N pages losing most F1 per shape")
    parser.add_argument("--json", help="write per-page scores to this file")
    parser.add_argument("--min-coverage", type=float, default=0.5,
                        help="a rendering holding less than this share of the gold body's "
                             "word types is a renderer failure, left out of its shape "
                             "(0: keep all)")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)}")
    shapes = available_shapes(wanted)
    cache = ShapeCache(Path(args.cache) if args.cache else None)
    results = list(run(args.data, args.limit, shapes, cache, args.jobs, args.start,
                       args.min_coverage))
    for shape in shapes:
        print(f"- {shape}: {SHAPE_HELP[shape]}")
    print()
    print(shape_table(results, shapes))
    print(f"\nleft out: renderer failures, renderings holding < {args.min_coverage:.0%} of "
          "the gold body's word types; text F1 is the text shape on the pages kept.")
    print()
    print("Body F1 per dataset:")
    print(dataset_table(results, shapes))
    if args.worst:
        print()
        print(worst_pages(results, shapes, args.worst))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            for r in results:
                handle.write(json.dumps({
                    "id": r.page_id, "dataset": r.dataset, "shape": r.shape,
                    "body": r.body.to_dict(),
                    "headline": r.headline.to_dict() if r.headline else None,
                    "date": r.date, "seconds": r.seconds,
                    "renderer_failed": r.renderer_failed}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
