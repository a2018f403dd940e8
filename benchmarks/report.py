"""Tables, plots and the worst-page listing, from the workers' per-page records.

Everything here is a function of the per-page scores the workers wrote, so a
table can be re-made from scores.json without running any extractor again.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import metrics
from benchmarks.data import Page, iter_pages

BASELINES = ("everything", "words10")
SNIPPET_DATASETS = ("trafilatura-eval", "foley-2026")
Record = dict[str, Any]


@dataclass
class Run:
    """One system in one mode: its per-page records as the worker wrote them."""

    system: str
    mode: str
    pages: list[Record]
    maxrss_kb: int | None = None
    unavailable: str | None = None
    notes: list[str] = field(default_factory=list)
    # Whole-worker CPU time (imports and data reading included), for the run budget.
    cpu_total: float = 0.0

    @property
    def key(self) -> str:
        return f"{self.system}/{self.mode}"


# --- aggregation ---------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetScore:
    """What one run scored on one dataset; None where the metric does not apply."""

    pages: int
    failures: int
    cpu: float
    body: metrics.CorpusScore | None
    bow: metrics.CorpusScore | None
    snippets: metrics.SnippetScore | None
    headline_em: float | None
    headline_f1: float | None
    date_acc: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages, "failures": self.failures, "cpu_s": self.cpu,
            "body": self.body.to_dict() if self.body else None,
            "bow": self.bow.to_dict() if self.bow else None,
            "snippets": (dict(self.snippets.to_dict(), p=self.snippets.precision,
                              r=self.snippets.recall, f1=self.snippets.f1)
                         if self.snippets else None),
            "headline_em": self.headline_em, "headline_f1": self.headline_f1,
            "date_acc": self.date_acc,
        }


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_dataset(pages: Sequence[Record]) -> DatasetScore:
    bodies = [metrics.BodyScore.from_dict(p["scores"]["body"])
              for p in pages if "body" in p["scores"]]
    snippets = [metrics.SnippetScore(**p["scores"]["snippets"])
                for p in pages if "snippets" in p["scores"]]
    headlines = [p["scores"]["headline"] for p in pages if "headline" in p["scores"]]
    dates = [p["scores"]["date"] for p in pages if "date" in p["scores"]]
    return DatasetScore(
        pages=len(pages),
        failures=sum(1 for p in pages if p["status"] != "ok"),
        cpu=sum(p["cpu"] for p in pages),
        body=metrics.aggregate_body(bodies) if bodies else None,
        bow=metrics.aggregate_body(bodies, bag_of_words=True) if bodies else None,
        snippets=metrics.aggregate_snippets(snippets) if snippets else None,
        headline_em=_mean([1.0 if h["exact"] else 0.0 for h in headlines]),
        headline_f1=_mean([h["f1"] for h in headlines]),
        date_acc=_mean([1.0 if d else 0.0 for d in dates]),
    )


def by_dataset(run: Run) -> dict[str, DatasetScore]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for page in run.pages:
        groups[page["dataset"]].append(page)
    return {name: score_dataset(pages) for name, pages in sorted(groups.items())}


@dataclass(frozen=True)
class Summary:
    body_f1: float | None
    body_datasets: int
    headline_em: float | None
    headline_f1: float | None
    date_acc: float | None
    snippet_f1: dict[str, float]
    pages: int
    cpu: float
    cpu_vs_textclean: float | None
    maxrss_mb: float | None
    failures: int

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.cpu if self.cpu > 0 else None

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["pages_per_s"] = self.pages_per_s
        return out


def _cpu_ratio(run: Run, reference: Run | None) -> float | None:
    """CPU time relative to textclean, over the pages both ran (so the mix is the same)."""
    if reference is None or not reference.pages:
        return None
    ref_cpu = {p["id"]: p["cpu"] for p in reference.pages if not p.get("crashed")}
    common = [p for p in run.pages if p["id"] in ref_cpu and not p.get("crashed")]
    ref_total = sum(ref_cpu[p["id"]] for p in common)
    return sum(p["cpu"] for p in common) / ref_total if ref_total > 0 else None


def summarise(run: Run, datasets: dict[str, DatasetScore], reference: Run | None) -> Summary:
    body = [d.body.f1 for d in datasets.values() if d.body]
    measured = [p for p in run.pages if not p.get("crashed")]
    return Summary(
        body_f1=_mean(body), body_datasets=len(body),
        headline_em=_mean([d.headline_em for d in datasets.values()
                           if d.headline_em is not None]),
        headline_f1=_mean([d.headline_f1 for d in datasets.values()
                           if d.headline_f1 is not None]),
        date_acc=_mean([d.date_acc for d in datasets.values() if d.date_acc is not None]),
        snippet_f1={name: d.snippets.f1 for name, d in datasets.items() if d.snippets},
        pages=len(measured), cpu=sum(p["cpu"] for p in measured),
        cpu_vs_textclean=_cpu_ratio(run, reference),
        maxrss_mb=run.maxrss_kb / 1024 if run.maxrss_kb else None,
        failures=sum(1 for p in run.pages if p["status"] != "ok"),
    )


# --- Markdown ----------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _ratio(value: float | None) -> str:
    return _fmt(value, 2 if value is None or value >= 0.1 else 4)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def dataset_table(name: str, scores: dict[str, DatasetScore]) -> list[str]:
    """One dataset in one mode: a row per system, columns only for the gold it has."""
    any_body = any(s.body for s in scores.values())
    any_snip = any(s.snippets for s in scores.values())
    any_head = any(s.headline_em is not None for s in scores.values())
    any_date = any(s.date_acc is not None for s in scores.values())
    header = ["system", "pages"]
    header += ["body F1", "P", "R", "exact", "BoW F1"] if any_body else []
    header += ["snippet F", "P", "R"] if any_snip else []
    header += ["headline EM", "headline F1"] if any_head else []
    header += ["date acc"] if any_date else []
    header += ["ms/page", "failures"]
    rows = []
    for system, s in scores.items():
        row = [system, str(s.pages)]
        if any_body:
            b, w = s.body, s.bow
            row += [_fmt(b.f1 if b else None), _fmt(b.precision if b else None),
                    _fmt(b.recall if b else None), _fmt(b.accuracy if b else None),
                    _fmt(w.f1 if w else None)]
        if any_snip:
            n = s.snippets
            row += [_fmt(n.f1 if n else None), _fmt(n.precision if n else None),
                    _fmt(n.recall if n else None)]
        if any_head:
            row += [_fmt(s.headline_em), _fmt(s.headline_f1)]
        if any_date:
            row += [_fmt(s.date_acc)]
        row += [_fmt(1000 * s.cpu / s.pages if s.pages else None, 1), str(s.failures)]
        rows.append(row)
    return [f"### {name}", "", *_table(header, rows), ""]


def summary_table(summaries: dict[str, Summary]) -> list[str]:
    header = ["system", "body F1 (mean of datasets)", "headline EM", "headline F1",
              "date acc", *[f"snippet F {n}" for n in SNIPPET_DATASETS],
              "pages", "CPU ms/page", "pages/s", "CPU × textclean", "peak MB", "failures"]
    rows = []
    for system, s in summaries.items():
        rows.append([
            system, f"{_fmt(s.body_f1)} ({s.body_datasets})", _fmt(s.headline_em),
            _fmt(s.headline_f1), _fmt(s.date_acc),
            *[_fmt(s.snippet_f1.get(n)) for n in SNIPPET_DATASETS],
            str(s.pages), _fmt(1000 * s.cpu / s.pages if s.pages else None, 1),
            _fmt(s.pages_per_s, 1), _ratio(s.cpu_vs_textclean), _fmt(s.maxrss_mb, 0),
            str(s.failures),
        ])
    return _table(header, rows)


def _budget_line(runs: Sequence[Run], meta: dict[str, Any]) -> str:
    """Total worker CPU, which bounds the run's length on an idle machine.

    Wall time says little on a shared machine; CPU seconds divided by the
    number of workers is what the run would take with the cores to itself.
    """
    total = sum(r.cpu_total for r in runs)
    jobs = max(1, int(meta.get("jobs", 1)))
    return (f"- worker CPU: {total:.0f} s in all, about {total / jobs / 60:.1f} min "
            f"with {jobs} workers on otherwise idle cores")


def markdown(runs: Sequence[Run], meta: dict[str, Any],
             per_dataset: dict[str, dict[str, DatasetScore]],
             summaries: dict[str, Summary], plots: Sequence[str], worst: Sequence[str]) -> str:
    lines = ["# textclean benchmark", "",
             f"- command: `{meta['command']}`",
             f"- run: {meta['started']} to {meta['finished']} (UTC), python {meta['python']}, "
             f"{meta['jobs']} workers on {meta['cpus']} CPUs",
             f"- data: `{meta['data']}`, limit per dataset: {meta['limit']}, "
             f"page timeout: {meta['timeout']} s",
             "- versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()),
             _budget_line(runs, meta), "",
             "Body F1 is the scrapinghub shingle metric; snippet F is trafilatura's "
             "with/without convention; CPU time is process time inside each worker, "
             "around the extraction call only; peak MB is the worker's max RSS, so the "
             "baselines' figure is the harness's own floor. Datasets with only date gold "
             "are not run for tools that give no date.", ""]
    for mode in sorted({r.mode for r in runs}, reverse=True):
        keys = [r.key for r in runs if r.mode == mode and r.unavailable is None]
        lines += [f"## Summary, {mode} mode", ""]
        lines += summary_table({k.split("/")[0]: summaries[k] for k in keys}) + [""]
    for run in runs:
        if run.unavailable:
            lines.append(f"- {run.key} skipped: {run.unavailable}")
        for note in run.notes:
            lines.append(f"- {run.key} worker restarted after {note}")
    lines += [""] + [f"![{p}]({p})" for p in plots] + [""]
    for mode in sorted({r.mode for r in runs}, reverse=True):
        lines += [f"## Per dataset, {mode} mode", ""]
        datasets = sorted({d for r in runs if r.mode == mode for d in per_dataset[r.key]})
        for name in datasets:
            scores = {r.system: per_dataset[r.key][name] for r in runs
                      if r.mode == mode and name in per_dataset[r.key]}
            lines += dataset_table(name, scores)
    if worst:
        lines += ["## Worst pages for textclean", "", *worst]
    return "\n".join(lines) + "\n"


# --- worst pages -----------------------------------------------------------------------


def _page_f1(record: Record) -> float | None:
    body = record["scores"].get("body") if record.get("scores") else None
    return metrics.BodyScore.from_dict(body).f1 if body else None


def _covered(line: str, reference: set[tuple[str, ...]]) -> bool:
    grams = metrics.shingles(metrics.tokens(line))
    return bool(grams) and sum(c for g, c in grams.items() if g in reference) * 2 >= sum(
        grams.values())


def line_diff(page: Page, kept_body: str, peer_body: str, max_lines: int = 40) -> list[str]:
    """Input lines textclean got wrong: '-' gold lines it dropped, '+' junk it kept.

    A line counts as in a text when at least half its shingles are there, which
    tolerates the gold's own re-wrapping and punctuation.
    """
    gold = set(metrics.shingles(metrics.tokens(page.gold.body)))
    kept = set(metrics.shingles(metrics.tokens(kept_body)))
    peer = set(metrics.shingles(metrics.tokens(peer_body)))
    out: list[str] = []
    for line in page.text.splitlines():
        if not metrics.tokens(line):
            continue
        in_gold, in_kept = _covered(line, gold), _covered(line, kept)
        if in_gold == in_kept:
            continue
        peer_mark = "peer kept" if _covered(line, peer) else "peer dropped"
        short = line.strip()[:160]
        out.append(f"{'-' if in_gold else '+'} [{peer_mark}] {short}")
        if len(out) >= max_lines:
            out.append("  ...")
            break
    return out


def worst_pages(runs: Sequence[Run], data: str, limit: int | None, count: int) -> list[str]:
    """The pages where the best peer beats textclean's body F1 by the most."""
    candidates: list[tuple[float, str, Record, Record]] = []
    for mode in sorted({r.mode for r in runs}):
        ours = next((r for r in runs if r.system == "textclean" and r.mode == mode), None)
        peers = [r for r in runs if r.mode == mode and r.system not in ("textclean", *BASELINES)]
        if ours is None or not peers:
            continue
        best: dict[str, tuple[float, Record, str]] = {}
        for peer in peers:
            for rec in peer.pages:
                f = _page_f1(rec)
                if f is not None and (rec["id"] not in best or f > best[rec["id"]][0]):
                    best[rec["id"]] = (f, rec, peer.system)
        for rec in ours.pages:
            f = _page_f1(rec)
            if f is not None and rec["id"] in best:
                peer_f, peer_rec, peer_name = best[rec["id"]]
                candidates.append((peer_f - f, mode, rec, dict(peer_rec, system=peer_name)))
    return _worst_listing(candidates, data, limit, count)


def _worst_listing(candidates: list[tuple[float, str, Record, Record]], data: str,
                   limit: int | None, count: int) -> list[str]:
    candidates.sort(key=lambda c: -c[0])
    chosen = [c for c in candidates if c[0] > 0][:count]
    wanted = {c[2]["id"] for c in chosen}
    pages = {p.id: p for p in iter_pages(data, limit) if p.id in wanted}
    lines: list[str] = []
    for loss, mode, rec, peer_rec in chosen:
        page = pages.get(rec["id"])
        lines += [f"### {rec['id']} ({mode} mode)", "",
                  f"textclean F1 {_fmt(_page_f1(rec))}, best peer {peer_rec['system']} "
                  f"F1 {_fmt(_page_f1(peer_rec))} (loss {loss:.3f}); "
                  f"url {page.url if page else '?'}",
                  ""]
        if page is not None and page.gold.body is not None:
            ours_body = (rec.get("pred") or {}).get("body") or ""
            peer_body = (peer_rec.get("pred") or {}).get("body") or ""
            if not ours_body.strip():
                lines += ["textclean returned an empty body.", ""]
            else:
                lines += ["```diff", *line_diff(page, ours_body, peer_body), "```", ""]
    return lines


# --- plots ---------------------------------------------------------------------------------


def plot_f1(per_dataset: dict[str, dict[str, DatasetScore]], runs: Sequence[Run], mode: str,
            path: Path) -> None:
    """Body F1 (snippet F for snippet-only datasets) per dataset, one bar per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mode_runs = [r for r in runs if r.mode == mode and r.unavailable is None]
    datasets = sorted({d for r in mode_runs for d, s in per_dataset[r.key].items()
                       if s.body or s.snippets})
    fig, ax = plt.subplots(figsize=(max(8, 1.3 * len(datasets)), 5.5))
    width = 0.8 / max(1, len(mode_runs))
    for i, run in enumerate(mode_runs):
        values = []
        for name in datasets:
            s = per_dataset[run.key].get(name)
            score = s.body.f1 if s and s.body else (s.snippets.f1 if s and s.snippets else 0.0)
            values.append(score)
        ax.bar([x + i * width for x in range(len(datasets))], values, width, label=run.system)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(datasets))])
    ax.set_xticklabels(datasets, rotation=30, ha="right")
    ax.set_ylabel("body F1 (snippet F where no body gold)")
    ax.set_ylim(0, 1)
    ax.set_title(f"F1 per dataset, {mode} mode")
    ax.legend(ncol=5, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.06))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_speed(summaries: dict[str, Summary], path: Path) -> None:
    """Mean body F1 against pages per CPU second (log scale), per system and mode."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5.5))
    for key, s in summaries.items():
        if s.body_f1 is None or not s.pages_per_s:
            continue
        system, mode = key.split("/")
        ax.scatter(s.pages_per_s, s.body_f1, marker="o" if mode == "text" else "s",
                   color="tab:red" if system == "textclean" else "tab:blue")
        ax.annotate(key, (s.pages_per_s, s.body_f1), fontsize=7, xytext=(3, 3),
                    textcoords="offset points")
    ax.set_xscale("log")
    ax.set_xlabel("pages per CPU second (log)")
    ax.set_ylabel("mean body F1 over datasets")
    ax.set_title("Accuracy against speed (circle: text mode, square: html mode)")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --- all outputs -----------------------------------------------------------------------------


def write_all(runs: Sequence[Run], meta: dict[str, Any], out: Path, worst: int = 0,
              plots: bool = True) -> None:
    per_dataset = {r.key: by_dataset(r) for r in runs}
    summaries = {}
    for run in runs:
        reference = next((r for r in runs if r.system == "textclean" and r.mode == run.mode),
                         None)
        summaries[run.key] = summarise(run, per_dataset[run.key], reference)
    images: list[str] = []
    if plots:
        try:
            for mode in sorted({r.mode for r in runs}):
                plot_f1(per_dataset, runs, mode, out / f"f1_{mode}.png")
                images.append(f"f1_{mode}.png")
            plot_speed({k: v for k, v in summaries.items()
                        if next(r for r in runs if r.key == k).unavailable is None},
                       out / "speed_accuracy.png")
            images.append("speed_accuracy.png")
        except ImportError as exc:
            meta["plots"] = f"skipped: {exc}"
    worst_lines = worst_pages(runs, meta["data"], meta["limit"], worst) if worst else []
    (out / "summary.md").write_text(
        markdown(runs, meta, per_dataset, summaries, images, worst_lines), encoding="utf-8")
    scores = {
        "meta": meta,
        "summary": {k: v.to_dict() for k, v in summaries.items()},
        "datasets": {k: {d: s.to_dict() for d, s in v.items()} for k, v in per_dataset.items()},
        "runs": {r.key: {"system": r.system, "mode": r.mode, "maxrss_kb": r.maxrss_kb,
                         "cpu_total": r.cpu_total,
                         "unavailable": r.unavailable, "notes": r.notes,
                         "pages": [{k: v for k, v in p.items() if k != "pred"}
                                   for p in r.pages]}
                 for r in runs},
    }
    (out / "scores.json").write_text(json.dumps(scores), encoding="utf-8")
