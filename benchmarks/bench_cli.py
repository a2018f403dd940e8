"""Throughput of `textclean --jsonl` against a plain Python loop over clean().

    python benchmarks/bench_cli.py                       # 100 pages of 3 dev files
    python benchmarks/bench_cli.py --pages 100 --files msv-chaos,dragnet --slim

The baseline is the smallest script a user would write for the same job:
read each JSON line, clean its text, write a JSON line. The command's
overhead per page is the extra wall time it needs (interpreter start,
workers, chunking, error handling) divided by the pages. The jobs-2/jobs-1
ratio says how well the process pool uses a second core.

The page texts are measured once more with clean() alone, so the report
also shows how much of the baseline is JSON reading and writing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "eval" / "dev"
DEFAULT_FILES = "msv-chaos,dragnet,foley-2026"


def collect(files: list[str], pages: int, slim: bool, target: Path) -> int:
    """Write the first `pages` lines of each dev file into one plain JSONL file."""
    count = 0
    with target.open("wb") as out:
        for name in files:
            with gzip.open(DEV / f"{name}.jsonl.gz", "rb") as source:
                for number, line in enumerate(source):
                    if number >= pages:
                        break
                    if slim:
                        record = json.loads(line)
                        line = json.dumps({"id": record["id"], "text": record["text"]}
                                          ).encode() + b"\n"
                    out.write(line)
                    count += 1
    return count


def baseline_loop(path: Path, output: Path) -> None:
    """What a user would write instead of the command."""
    import textclean

    with path.open("rb") as source, output.open("wb") as out:
        for line in source:
            record = json.loads(line)
            article = textclean.clean(record.pop("text"))
            record["textclean"] = article.to_dict()
            out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")


def clean_only(path: Path) -> Callable[[], None]:
    """clean() alone over texts already in memory (no JSON, no I/O)."""
    import textclean

    with path.open("rb") as source:
        texts = [json.loads(line)["text"] for line in source]

    def run() -> None:
        for text in texts:
            textclean.clean(text)

    return run


def cpu_seconds() -> float:
    """CPU time of this process and of every finished child (workers included)."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


def best_of(repeats: int, run: Callable[[], None]) -> tuple[float, float]:
    """Best wall time of `repeats` runs, and the CPU time of that run.

    CPU time is the steadier number on a shared machine: other processes
    stretch the wall clock but not the work done.
    """
    best = (float("inf"), 0.0)
    for _ in range(repeats):
        start, cpu = time.perf_counter(), cpu_seconds()
        run()
        wall = time.perf_counter() - start
        if wall < best[0]:
            best = (wall, cpu_seconds() - cpu)
    return best


def command(path: Path, output: Path, jobs: int) -> Callable[[], None]:
    args = [sys.executable, "-m", "textclean", "--jsonl", "-q", "-j", str(jobs),
            "--input-field", "text", str(path), "-o", str(output)]

    def run() -> None:
        subprocess.run(args, check=True)

    return run


def pool_split(path: Path, jobs: int) -> tuple[float, float]:
    """CPU seconds of the pool's parent and of its workers, run in this process.

    The parent is the part that cannot be parallelised; with its share known,
    the speed-up on idle cores can be estimated even on a busy machine, where
    wall-clock ratios mean little.
    """
    from textclean import batch
    from textclean.config import Config

    job = batch.JsonlJob(config=Config(timeout=30), input_field="text")
    results: list[batch.Result] = []
    own, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    with path.open("rb") as source:
        batch.run_parallel(job, batch.chunks(batch.open_lines(source), None),
                           results.append, jobs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return time.process_time() - own, workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", default=DEFAULT_FILES,
                        help="dev datasets, comma-separated (default: %(default)s)")
    parser.add_argument("--pages", type=int, default=100, help="first N pages of each file")
    parser.add_argument("--repeats", type=int, default=2, help="best of N runs")
    parser.add_argument("--slim", action="store_true",
                        help="keep only id and text in the records (no HTML to carry)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        data, output = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        pages = collect(args.files.split(","), args.pages, args.slim, data)
        megabytes = data.stat().st_size / 1e6
        print(f"{pages} pages, {megabytes:.1f} MB of JSONL ({'slim' if args.slim else 'full'}"
              f" records), {os.cpu_count()} cores, best of {args.repeats}")

        clean_run = clean_only(data)
        clean_run()  # warm up imports and caches, as the command's workers do too
        pure = best_of(args.repeats, clean_run)
        loop = best_of(args.repeats, lambda: baseline_loop(data, output))
        one = best_of(args.repeats, command(data, output, 1))
        two = best_of(args.repeats, command(data, output, 2))
        parent_cpu, worker_cpu = pool_split(data, 2)

    rows = [("clean() only, in memory", pure), ("plain Python loop (baseline)", loop),
            ("textclean --jsonl -j 1", one), ("textclean --jsonl -j 2", two)]
    print(f"  {'':<30} {'wall s':>8} {'pages/s':>8} {'ms/page':>8} {'cpu s':>8} "
          f"{'cpu ms/page':>12}")
    for label, (wall, cpu) in rows:
        print(f"  {label:<30} {wall:8.2f} {pages / wall:8.1f} {1000 * wall / pages:8.2f} "
              f"{cpu:8.2f} {1000 * cpu / pages:12.2f}")
    for name, (wall, cpu) in (("-j 1", one), ("-j 2", two)):
        print(f"overhead of {name} over the loop: wall {100 * (wall - loop[0]) / loop[0]:+.1f}%"
              f", cpu {100 * (cpu - loop[1]) / loop[1]:+.1f}% "
              f"({1000 * (cpu - loop[1]) / pages:+.2f} cpu ms/page; "
              "includes interpreter start)")
    print(f"jobs-2 / jobs-1 throughput ratio (wall): {one[0] / two[0]:.2f}")
    # On 2 idle cores the workers do the serial work in parallel while the
    # parent's own CPU time (reading, dispatch, writing) takes a share of the
    # cores: 2 / (1 + parent/workers). It leaves out the tail of the last chunk.
    estimate = 2 * worker_cpu / (worker_cpu + parent_cpu)
    print(f"pool parent cpu {1000 * parent_cpu / pages:.2f} ms/page, workers "
          f"{1000 * worker_cpu / pages:.2f} ms/page; estimated ratio on 2 idle cores: "
          f"{estimate:.2f}")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")

if __name__ == "__main__":
    main()
