"""Compare textclean with peer extractors on the evaluation data, in one run.

    python benchmarks/evaluate.py --systems textclean,everything,words10 --mode text --limit 100

Every (system, mode) pair runs in its own worker subprocess, a few at a time:
a peer that leaks memory, hangs in C code or segfaults only loses that page,
CPU time and peak memory are measured per system without interference, and
each worker streams the data itself. The parent only schedules workers,
restarts them after a crash, and turns their per-page records into tables.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import glob  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from types import FrameType  # noqa: E402
from typing import IO, Any  # noqa: E402

from benchmarks import metrics, report  # noqa: E402
from benchmarks.data import DEFAULT_DATA, Page, iter_pages  # noqa: E402
from benchmarks.peers import MODES, SYSTEMS, Prediction, System, version_of  # noqa: E402

# Rough relative cost per page, to start the slowest workers first so two
# cores stay busy until the end.
_COST = {"newspaper4k": 9, "goose3": 8, "trafilatura": 7, "readability": 6, "textclean": 5,
         "justext": 4, "boilerpy3": 3, "resiliparse": 1, "everything": 0, "words10": 0}


# --- worker ------------------------------------------------------------------------


class PageTimeoutError(Exception):
    """Raised by the alarm handler inside a worker when one page takes too long."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise PageTimeoutError


def scoreable(page: Page, system: System) -> bool:
    """Whether any metric can be computed for this system on this page."""
    return (page.gold.body is not None or page.snippets is not None
            or (page.gold.headline is not None and system.gives_headline)
            or (page.gold.date is not None and system.gives_date))


def score_page(page: Page, pred: Prediction, system: System) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    if page.gold.body is not None:
        scores["body"] = metrics.score_body(pred.body, page.gold.body).to_dict()
    if page.snippets is not None:
        with_, without = page.snippets
        scores["snippets"] = metrics.score_snippets(pred.body, with_, without).to_dict()
    if page.gold.headline is not None and system.gives_headline:
        scores["headline"] = metrics.score_headline(pred.headline, page.gold.headline).to_dict()
    if page.gold.date is not None and system.gives_date:
        scores["date"] = metrics.score_date(pred.date, page.gold.date)
    return scores


def _write(handle: IO[str], record: dict[str, Any]) -> None:
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    handle.flush()


def _extract(extractor: Any, page: Page, mode: str, timeout: float) -> tuple[Prediction, str]:
    # A CPU-time timer, not a wall-clock one: on a loaded machine a wall-clock
    # limit would time out pages that are merely waiting for a core.
    signal.setitimer(signal.ITIMER_PROF, timeout)
    try:
        return extractor(page, mode), "ok"
    except PageTimeoutError:
        return Prediction(), "timeout"
    except Exception as exc:  # a peer failing on one page must not stop the run
        return Prediction(), f"error: {type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def _record(page: Page, index: int, pred: Prediction, status: str, cpu: float, wall: float,
            system: System) -> dict[str, Any]:
    return {
        "kind": "page", "i": index, "id": page.id, "dataset": page.source,
        "status": status, "cpu": cpu, "wall": wall, "crashed": status == "crash",
        "scores": score_page(page, pred, system),
        "pred": {"body": pred.body, "headline": pred.headline, "date": pred.date},
    }


def run_worker(system_name: str, mode: str, data: str, limit: int | None, out: Path,
               skip: int, timeout: float, crashed: int = -1) -> int:
    """Run one system over the data, appending one JSON record per page to `out`.

    A "begin" record is flushed before each page so that, if the process
    dies, the parent knows which page killed it and restarts after it; the
    restarted worker scores that page as an empty extraction (`crashed`).
    """
    system = SYSTEMS[system_name]
    signal.signal(signal.SIGPROF, _on_alarm)
    with out.open("a", encoding="utf-8") as handle:
        try:
            extractor = system.load()
        except Exception as exc:
            _write(handle, {"kind": "unavailable", "error": f"{type(exc).__name__}: {exc}"})
            return 0
        for index, page in enumerate(iter_pages(data, limit)):
            if index == crashed:
                _write(handle, _record(page, index, Prediction(), "crash", 0.0, 0.0, system))
            if index < skip or not scoreable(page, system):
                continue
            _write(handle, {"kind": "begin", "i": index, "id": page.id})
            cpu, wall = time.process_time(), time.perf_counter()
            pred, status = _extract(extractor, page, mode, timeout)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            _write(handle, _record(page, index, pred, status, cpu, wall, system))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        _write(handle, {"kind": "end", "maxrss_kb": usage.ru_maxrss,
                        "cpu_total": usage.ru_utime + usage.ru_stime})
    return 0


# --- parent: scheduling ------------------------------------------------------------


@dataclass
class Job:
    system: str
    mode: str
    path: Path
    skip: int = 0
    crashed: int = -1
    restarts: int = 0
    proc: subprocess.Popen[bytes] | None = None
    last_size: int = -1
    last_change: float = field(default_factory=time.monotonic)
    notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.system}/{self.mode}"


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:  # a line cut short by a crash
                continue
    return out


def _start(job: Job, args: argparse.Namespace) -> None:
    command = [
        sys.executable, str(Path(__file__).resolve()), "--worker", job.system,
        "--worker-mode", job.mode, "--worker-out", str(job.path), "--skip", str(job.skip),
        "--crashed", str(job.crashed),
        "--data", args.data, "--timeout", str(args.timeout),
    ]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    job.proc = subprocess.Popen(command, cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL if args.quiet else None)
    job.last_change = time.monotonic()


def _recover(job: Job, reason: str) -> bool:
    """After a worker died, mark the page it was on and say whether to restart."""
    records = _records(job.path)
    if any(r.get("kind") in ("end", "unavailable") for r in records):
        return False
    done = {r["i"] for r in records if r.get("kind") == "page"}
    pending = [r for r in records if r.get("kind") == "begin" and r["i"] not in done]
    if not pending or job.restarts >= 50:
        job.notes.append(f"worker stopped ({reason}); no restart")
        return False
    culprit = pending[-1]
    job.crashed, job.skip, job.restarts = culprit["i"], culprit["i"] + 1, job.restarts + 1
    job.notes.append(f"{culprit['id']}: {reason}")
    return True


def _poll(job: Job, args: argparse.Namespace) -> bool:
    """True while the job still runs; restarts a dead or stuck worker."""
    assert job.proc is not None
    code = job.proc.poll()
    if code is None:
        size = job.path.stat().st_size if job.path.exists() else 0
        if size != job.last_size:
            job.last_size, job.last_change = size, time.monotonic()
            return True
        if time.monotonic() - job.last_change < args.timeout * 6 + 60:
            return True
        job.proc.kill()  # stuck where the alarm cannot reach (C code)
        job.proc.wait()
        code = -9
        reason = "stuck, killed"
    else:
        reason = f"exit {code}"
    if code != 0 and _recover(job, reason):
        _start(job, args)
        return True
    return False


def run_jobs(jobs: list[Job], args: argparse.Namespace) -> None:
    queue = sorted(jobs, key=lambda j: -_COST.get(j.system, 5))
    running: list[Job] = []
    while queue or running:
        while queue and len(running) < args.jobs:
            job = queue.pop(0)
            job.path.unlink(missing_ok=True)
            _start(job, args)
            running.append(job)
            _log(args, f"started {job.key}")
        time.sleep(0.5)
        for job in list(running):
            if not _poll(job, args):
                running.remove(job)
                _log(args, f"finished {job.key}")


def _log(args: argparse.Namespace, message: str) -> None:
    if not args.quiet:
        print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- parent: results ----------------------------------------------------------------


def to_run(system: str, mode: str, records: list[dict[str, Any]],
           notes: list[str]) -> report.Run:
    pages, maxrss, unavailable, cpu_total = [], None, None, 0.0
    for record in records:
        kind = record.get("kind")
        if kind == "page":
            pages.append(record)
        elif kind == "end":
            maxrss = record["maxrss_kb"] if maxrss is None else max(maxrss, record["maxrss_kb"])
            cpu_total += record.get("cpu_total", 0.0)
        elif kind == "unavailable":
            unavailable = record["error"]
    return report.Run(system, mode, pages, maxrss, unavailable, notes, cpu_total)


def collect(job: Job) -> report.Run:
    """One worker's records as a Run; its raw file is compressed alongside."""
    run = to_run(job.system, job.mode, _records(job.path), job.notes)
    with job.path.open("rb") as src, gzip.open(f"{job.path}.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    job.path.unlink()
    return run


def rescore(out: Path, worst: int, plots: bool) -> int:
    """Score a finished run's saved predictions again, with the current metrics.

    Extraction is the slow part; this lets a metric or report fix be applied
    to an existing run without running any extractor again.
    """
    meta = json.loads((out / "scores.json").read_text(encoding="utf-8"))["meta"]
    loaded = []
    for path in sorted((out / "raw").glob("*.jsonl.gz")):
        system, mode = path.name[: -len(".jsonl.gz")].rsplit("-", 1)
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            loaded.append((system, mode, [json.loads(line) for line in handle]))
    wanted = {r["id"] for _, _, recs in loaded for r in recs if r.get("kind") == "page"}
    pages = {p.id: p for p in iter_pages(meta["data"], meta["limit"]) if p.id in wanted}
    runs = []
    for system, mode, records in loaded:
        for record in records:
            if record.get("kind") == "page" and record["id"] in pages:
                pred = Prediction(**(record.get("pred") or {}))
                record["scores"] = score_page(pages[record["id"]], pred, SYSTEMS[system])
        notes = json.loads((out / "scores.json").read_text(encoding="utf-8"))["runs"].get(
            f"{system}/{mode}", {}).get("notes", [])
        runs.append(to_run(system, mode, records, notes))
    order = {name: i for i, name in enumerate(meta["versions"])}
    runs.sort(key=lambda r: (r.mode, order.get(r.system, 99)))
    meta["rescored"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    report.write_all(runs, meta, out, worst=worst, plots=plots)
    return 0


def versions(systems: list[str]) -> dict[str, str]:
    return {name: version_of(SYSTEMS[name].package) for name in systems}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Score textclean and peer extractors on the evaluation data "
                    "(body, headline, date, snippets; CPU time and peak memory).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--data", default=DEFAULT_DATA,
                        help="glob of JSON Lines eval files (.jsonl or .jsonl.gz), "
                             "relative to the repo root or absolute")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated systems to run, from: {', '.join(SYSTEMS)} "
                             "(the baselines everything and words10 read the page's visible "
                             "text in both modes)")
    parser.add_argument("--mode", choices=["text", "html", "both"], default="both",
                        help="text: tools get the page's visible text (HTML-only tools get it "
                             "as one <p> per line); html: tools get the original HTML")
    parser.add_argument("--limit", type=int, default=None,
                        help="score only the first N pages of each dataset")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"),
                        help="output directory: summary.md, scores.json, PNG plots, "
                             "raw per-system records (raw/*.jsonl.gz)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="worker processes run at the same time (one per system and mode)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="CPU seconds one tool may spend on one page before it is stopped "
                             "and scored as an empty extraction (a worker that makes no "
                             "progress for 6x this plus 60 s of wall time is killed and "
                             "restarted after the page)")
    parser.add_argument("--worst", type=int, default=10,
                        help="list the N pages where textclean's body F1 trails the best peer "
                             "most, with the lines it wrongly kept or dropped (0: off)")
    parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    parser.add_argument("--rescore", action="store_true",
                        help="run no extractor: score the predictions saved in --out "
                             "again with the current metrics and rewrite the report")
    parser.add_argument("--quiet", action="store_true", help="no progress or worker stderr")
    # Internal: how the parent starts a worker.
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--worker-mode", help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--crashed", type=int, default=-1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not os.path.isabs(args.data):
        # Relative to where the user stands, or failing that to the repo root.
        here = os.path.join(os.getcwd(), args.data)
        args.data = here if glob.glob(here) else str(REPO_ROOT / args.data)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return run_worker(args.worker, args.worker_mode, args.data, args.limit,
                          args.worker_out, args.skip, args.timeout, args.crashed)
    if args.rescore:
        return rescore(args.out, args.worst, not args.no_plots)
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        print(f"unknown systems: {', '.join(unknown)}; known: {', '.join(SYSTEMS)}",
              file=sys.stderr)
        return 2
    modes = list(MODES) if args.mode == "both" else [args.mode]
    raw = args.out / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.timezone.utc)
    jobs = [Job(n, m, raw / f"{n}-{m}.jsonl") for m in modes for n in names]
    run_jobs(jobs, args)
    runs = [collect(job) for job in jobs]
    meta = {
        "command": "python benchmarks/evaluate.py " + " ".join(sys.argv[1:]),
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "data": args.data, "limit": args.limit, "timeout": args.timeout,
        "versions": versions(names), "python": sys.version.split()[0],
        "cpus": os.cpu_count(), "jobs": args.jobs,
    }
    report.write_all(runs, meta, args.out, worst=args.worst, plots=not args.no_plots)
    _log(args, f"wrote {args.out / 'summary.md'}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        traceback.print_exc()
        sys.exit(130)
