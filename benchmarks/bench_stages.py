"""Where clean()'s time goes: CPU time per pipeline stage, text and HTML input.

    python benchmarks/bench_stages.py                  # first 100 pages per dev file
    python benchmarks/bench_stages.py --limit 30 --mode text

A speed target is only worth chasing where the time is. This runs the reader
and then each step of the default pipeline by hand, timing each with the
process clock, over the same pages evaluate.py reads. Pages are loaded first,
so decompression and JSON are not counted; each page is cleaned `--repeats`
times and the mean per page is reported, with each stage's share. The sum
is what clean() costs minus the few microseconds of the Pipeline wrapper.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.data import DEFAULT_DATA, data_files, iter_file  # noqa: E402
from textclean.assemble import assemble  # noqa: E402
from textclean.config import Config  # noqa: E402
from textclean.pipeline import Pipeline  # noqa: E402
from textclean.readers import read  # noqa: E402


def stage_times(sources: list[str], mode: str, repeats: int) -> dict[str, float]:
    """Mean CPU seconds per page for reading, every step and assembly."""
    pipeline = Pipeline(config=Config().with_changes(input=mode))
    totals: dict[str, float] = {"read": 0.0, **{s.name: 0.0 for s in pipeline.steps},
                                "assemble": 0.0}
    clock = time.process_time
    for _ in range(repeats):
        for source in sources:
            start = clock()
            doc = read(source, pipeline.config)
            totals["read"] += clock() - start
            for step in pipeline.steps:
                start = clock()
                step(doc)
                totals[step.name] += clock() - start
            start = clock()
            assemble(doc)
            totals["assemble"] += clock() - start
    runs = max(1, repeats * len(sources))
    return {name: seconds / runs for name, seconds in totals.items()}


def table(times: dict[str, dict[str, float]]) -> str:
    modes = list(times)
    lines = ["| stage | " + " | ".join(f"{m} ms/page | {m} share" for m in modes) + " |",
             "|---|" + "---|---|" * len(modes)]
    names = list(dict.fromkeys(n for m in modes for n in times[m]))
    total = {m: sum(times[m].values()) for m in modes}
    for name in [*names, "total"]:
        cells = []
        for m in modes:
            value = total[m] if name == "total" else times[m].get(name, 0.0)
            cells.append(f"{value * 1000:.3f} | {value / total[m]:.0%}" if total[m] else "- | -")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO_ROOT / DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=100, help="pages per dataset")
    parser.add_argument("--mode", choices=["text", "html", "both"], default="both")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    pages = [p for path in data_files(args.data)
             for p in itertools.islice(iter_file(path), args.limit)]
    if not pages:
        parser.error(f"no pages found under {args.data}")
    modes = ["text", "html"] if args.mode == "both" else [args.mode]
    times = {}
    for mode in modes:
        sources = [p.text if mode == "text" else p.html for p in pages]
        times[mode] = stage_times(sources, mode, args.repeats)
    print(f"{len(pages)} pages, {args.repeats} runs each, CPU time (process clock)\n")
    print(table(times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
