"""Throughput of `textclean --jsonl` against a plain Python loop over clean().

    python benchmarks/bench_cli.py                 # first 300 pages of 4 dev files (1,139)
    python benchmarks/bench_cli.py --pages 30 --repeats 1 --slim     # a quick look

The baseline is the smallest script a user would write for the same job:
read each JSON line, clean its text, write a JSON line. Every variant runs
as its own process, so each pays an interpreter start and the imports; that
start-up is measured apart (each run over an empty file) and the per-page
overhead is the rest: (command - its start-up) - (loop - its start-up), over
the pages. Runs are interleaved (loop, -j1, -j2, loop, ...) so that a change
in the machine's load hits all of them alike; the best of the repeats counts.
The jobs-2/jobs-1 ratio says how well the process pool uses a second core.

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
DEFAULT_FILES = "msv-chaos,dragnet,foley-2026,trafilatura-eval"


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


BASELINE = """
import json, sys, textclean
with open(sys.argv[1], "rb") as source, open(sys.argv[2], "wb") as out:
    for line in source:
        record = json.loads(line)
        article = textclean.clean(record.pop("text"))
        record["textclean"] = article.to_dict()
        out.write(json.dumps(record, ensure_ascii=False).encode() + b"\\n")
"""
"""What a user would write instead of the command, run as a script like the command."""


def baseline_loop(path: Path, output: Path) -> Callable[[], None]:
    args = [sys.executable, "-c", BASELINE, str(path), str(output)]

    def run() -> None:
        subprocess.run(args, check=True)

    return run


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


Timing = tuple[float, float]
"""Wall seconds and CPU seconds (the process and its children) of one run."""


def timed(run: Callable[[], None]) -> Timing:
    start, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - start, cpu_seconds() - cpu


def interleaved(repeats: int, runs: dict[str, Callable[[], None]]) -> dict[str, Timing]:
    """The best (lowest wall) run of each, taking turns so load changes hit all alike.

    CPU time is the steadier number on a shared machine: other processes
    stretch the wall clock but not the work done.
    """
    best: dict[str, Timing] = {name: (float("inf"), 0.0) for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            result = timed(run)
            if result[0] < best[name][0]:
                best[name] = result
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
    parser.add_argument("--pages", type=int, default=300, help="first N pages of each file")
    parser.add_argument("--repeats", type=int, default=3, help="best of N runs")
    parser.add_argument("--slim", action="store_true",
                        help="keep only id and text in the records (no HTML to carry)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        data, output = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        empty = Path(folder) / "empty.jsonl"
        empty.touch()
        pages = collect(args.files.split(","), args.pages, args.slim, data)
        megabytes = data.stat().st_size / 1e6
        print(f"{pages} pages, {megabytes:.1f} MB of JSONL ({'slim' if args.slim else 'full'}"
              f" records), {os.cpu_count()} cores, best of {args.repeats}, load average "
              f"before: {_load()}")

        clean_run = clean_only(data)
        clean_run()  # warm up imports and caches, as the command's workers do too
        pure = min((timed(clean_run) for _ in range(args.repeats)), key=lambda t: t[0])
        start = interleaved(args.repeats, {"loop": baseline_loop(empty, output),
                                           "-j 1": command(empty, output, 1),
                                           "-j 2": command(empty, output, 2)})
        full = interleaved(args.repeats, {"loop": baseline_loop(data, output),
                                          "-j 1": command(data, output, 1),
                                          "-j 2": command(data, output, 2)})
        parent_cpu, worker_cpu = pool_split(data, 2)
    report(pages, pure, start, full, parent_cpu, worker_cpu)


def report(pages: int, pure: Timing, start: dict[str, Timing], full: dict[str, Timing],
           parent_cpu: float, worker_cpu: float) -> None:
    rows = [("clean() only, in memory", pure, None), ("plain Python loop (baseline)",
            full["loop"], start["loop"]), ("textclean --jsonl -j 1", full["-j 1"],
            start["-j 1"]), ("textclean --jsonl -j 2", full["-j 2"], start["-j 2"])]
    print(f"  {'':<30} {'wall s':>7} {'pages/s':>8} {'cpu s':>7} {'start wall':>10} "
          f"{'start cpu':>9} {'steady ms/page wall':>19} {'cpu':>6}")
    for label, (wall, cpu), begin in rows:
        b_wall, b_cpu = begin or (0.0, 0.0)
        print(f"  {label:<30} {wall:7.2f} {pages / wall:8.1f} {cpu:7.2f} {b_wall:10.2f} "
              f"{b_cpu:9.2f} {1000 * (wall - b_wall) / pages:19.2f} "
              f"{1000 * (cpu - b_cpu) / pages:6.2f}")
    loop_wall = full["loop"][0] - start["loop"][0]
    loop_cpu = full["loop"][1] - start["loop"][1]
    for name in ("-j 1", "-j 2"):
        wall, cpu = (full[name][i] - start[name][i] for i in (0, 1))
        print(f"{name}: start-up {start[name][0] - start['loop'][0]:+.2f}s wall, "
              f"{start[name][1] - start['loop'][1]:+.2f}s cpu over the loop's; whole run "
              f"{100 * (full[name][0] - full['loop'][0]) / full['loop'][0]:+.1f}% wall; "
              f"steady state per page {100 * (wall - loop_wall) / loop_wall:+.1f}% wall, "
              f"{100 * (cpu - loop_cpu) / loop_cpu:+.1f}% cpu "
              f"({1000 * (cpu - loop_cpu) / pages:+.2f} cpu ms/page)")
    one, two = full["-j 1"][0], full["-j 2"][0]
    steady = (one - start["-j 1"][0]) / (two - start["-j 2"][0])
    print(f"jobs-2 / jobs-1 throughput ratio: whole run {one / two:.2f}, "
          f"without start-up {steady:.2f} (wall)")
    # The capacity of 2 cores in CPU time: -j2 spends C2 over its pages where
    # -j1 spends C1, so 2 cores do 2 * C1 / C2 times the pages of one. Steady
    # on a busy machine; it assumes the work spreads evenly over the cores.
    work_one = full["-j 1"][1] - start["-j 1"][1]
    work_two = full["-j 2"][1] - start["-j 2"][1]
    print(f"jobs-2 / jobs-1 from CPU time (2 x C1 / C2, without start-up): "
          f"{2 * work_one / work_two:.2f}")
    # On 2 idle cores the workers do the serial work in parallel while the
    # parent's own CPU time (reading, dispatch, writing) takes a share of the
    # cores: 2 / (1 + parent/workers). It leaves out the tail of the last chunk.
    estimate = 2 * worker_cpu / (worker_cpu + parent_cpu)
    print(f"pool parent cpu {1000 * parent_cpu / pages:.2f} ms/page, workers "
          f"{1000 * worker_cpu / pages:.2f} ms/page; estimated ratio on 2 idle cores: "
          f"{estimate:.2f}")
    print(f"load average after (1, 5, 15 min): {_load()}")


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
