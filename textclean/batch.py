"""Batch mode: JSON Lines in, one JSON line out per input line, in order.

The contract a pipeline can rely on: output line N always answers input
line N. A bad line (not JSON, not an object, no text field), a page that
takes too long and a worker process that dies each give an *error record*
for that line instead of stopping the run, because one odd page in a crawl
of millions must not cost the other pages.

Parallel runs use a small process pool of our own rather than
`concurrent.futures`: the standard pool cannot kill one stuck worker, and it
turns a single dead worker into a broken pool that fails every pending
record. Here each worker owns one chunk at a time and reports every record
as soon as it is done, so the parent always knows which record was running
when a worker died or hung, and resubmits only the rest of that chunk.
Input is read lazily and only a bounded number of chunks is in flight, so
memory does not grow with the length of the input.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import multiprocessing
import multiprocessing.connection as mpc
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, BinaryIO

from textclean.config import Config
from textclean.pipeline import PageTimeout, Pipeline

OK, EMPTY, ERROR = 0, 1, 2
Result = tuple[int, bytes]
"""A record's status (OK, EMPTY or ERROR) and its output line, without newline."""

DEFAULT_OUTPUT_KEY = "textclean"
DEFAULT_INPUT_FIELDS = ("text", "html")
# A chunk closes at this many records or bytes, whichever comes first: small
# enough that a retried chunk is cheap, large enough that dispatch is rare.
CHUNK_RECORDS = 16
CHUNK_BYTES = 4 << 20


class BatchError(RuntimeError):
    """The run cannot go on at all (not one bad record: those get error records)."""


class RecordTimeout(TimeoutError):
    """Raised by the alarm inside a record that ran past its time limit."""


@dataclass(frozen=True)
class JsonlJob:
    """How to turn one input line into one output line; picklable for workers."""

    config: Config = field(default_factory=Config)
    input_field: str | None = None
    output_key: str = DEFAULT_OUTPUT_KEY
    keep_input: bool = False
    drop: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()

    def pipeline(self) -> Pipeline:
        for module in self.plugins:
            importlib.import_module(module)
        return Pipeline(config=self.config)

    def process(self, pipeline: Pipeline, line: bytes, where: Where) -> Result:
        """Clean the page in one input line; never raises for a bad record."""
        text = line.decode("utf-8", errors="replace")
        members = _members(text)
        if members is None:  # not a plain object: the general path finds out why
            obj, problem = _parse(line)
            if obj is None:
                return self.failure(line, where, problem, parsed=None)
        else:
            obj = {key: value for key, value, _ in members}
        name = self._field(obj)
        if name is None:
            wanted = [self.input_field] if self.input_field else DEFAULT_INPUT_FIELDS
            return self.failure(line, where, f"no {' or '.join(map(repr, wanted))} field",
                                parsed=obj)
        page = obj[name]
        if not isinstance(page, str):
            return self.failure(line, where, f"field {name!r} is {_json_type(page)}, "
                                "not a string", parsed=obj)
        try:
            with time_limit(self.config.timeout):
                article = pipeline.clean(page)
        except (PageTimeout, RecordTimeout):
            return self.failure(line, where, f"timed out after {self.config.timeout:g}s",
                                parsed=obj)
        except Exception as exc:  # a bug on one page must not end the run
            return self.failure(line, where, f"internal error: {type(exc).__name__}: {exc}",
                                parsed=obj)
        status = OK if article.headline or article.paragraphs else EMPTY
        result = article.to_dict()
        if members is not None and len(obj) == len(members):
            return status, self._splice(text, members, name, result)
        out = self._kept_fields(obj, name)
        out[self.output_key] = result
        return status, _dump(out)

    def _splice(self, text: str, members: list[Member], used: str,
                result: dict[str, Any]) -> bytes:
        """The output line built from the input's own text for the fields it keeps.

        Re-serialising a record costs about as much as cleaning a short page
        when it carries the page's HTML; copying the kept members' text is
        nearly free. The result is the same JSON value, with the same key
        order, as `_dump` of `_kept_fields` plus the article (only escapes
        and spacing inside kept members may differ). Callers make sure the
        keys are unique: with duplicates json.loads keeps the last value.
        """
        dropped = set(self.drop)
        if not self.keep_input:
            dropped.add(used)
        article = _dump_text(result)
        key = json.dumps(self.output_key, ensure_ascii=False)
        parts: list[str] = []
        placed = False
        for name, _, span in members:
            if name in dropped:
                continue
            if name == self.output_key:  # replaced where it stood, as a dict would
                parts.append(f"{key}: {article}")
                placed = True
            else:
                parts.append(text[span[0]:span[1]])
        if not placed:
            parts.append(f"{key}: {article}")
        return _encode("{" + ", ".join(parts) + "}")

    def failure(self, line: bytes, where: Where, message: str,
                parsed: dict[str, Any] | None | bool = False) -> Result:
        """The error record for a line; `parsed=False` means parse it here."""
        obj = _parse(line)[0] if parsed is False else parsed
        error: dict[str, Any] = {"line": where.line, "message": message}
        if where.source is not None:
            error["file"] = where.source
        if not isinstance(obj, dict):
            return ERROR, _dump({"error": error})
        out = self._kept_fields(obj, self._field(obj))
        out[self.output_key] = None
        out["error"] = error
        return ERROR, _dump(out)

    def _field(self, obj: dict[str, Any]) -> str | None:
        if self.input_field is not None:
            return self.input_field if self.input_field in obj else None
        return next((f for f in DEFAULT_INPUT_FIELDS if f in obj), None)

    def _kept_fields(self, obj: dict[str, Any], used: str | None) -> dict[str, Any]:
        dropped = set(self.drop)
        if used is not None and not self.keep_input:
            dropped.add(used)
        return {k: v for k, v in obj.items() if k not in dropped}


@dataclass(frozen=True, slots=True)
class Where:
    """Where a record came from, for error records: file (None: stdin) and line."""

    source: str | None
    line: int


@dataclass
class Stats:
    """What the summary line reports."""

    pages: int = 0
    empty: int = 0
    errors: int = 0
    seconds: float = 0.0

    def add(self, status: int) -> None:
        self.pages += 1
        self.empty += status == EMPTY
        self.errors += status == ERROR

    def summary(self, jobs: int) -> str:
        rate = self.pages / self.seconds if self.seconds > 0 else 0.0
        return (f"textclean: {self.pages} pages, {self.empty} empty, {self.errors} errors, "
                f"{rate:.1f} pages/s ({jobs} job{'s' if jobs != 1 else ''}, "
                f"{self.seconds:.1f}s)")


def _parse(line: bytes) -> tuple[dict[str, Any] | None, str]:
    if not line.strip():
        return None, "blank line"
    try:
        obj = json.loads(line.decode("utf-8", errors="replace"))
    except ValueError as exc:
        return None, f"invalid JSON: {exc}"
    if not isinstance(obj, dict):
        return None, f"expected a JSON object, got {_json_type(obj)}"
    return obj, ""


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _dump(obj: dict[str, Any]) -> bytes:
    return _encode(_dump_text(obj))


def _dump_text(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _encode(text: str) -> bytes:
    """UTF-8, with lone surrogates (from \\ud800 escapes in a page) as JSON escapes.

    Only text produced by json.dumps(ensure_ascii=False) can hold a raw lone
    surrogate, and only inside a string, so escaping them there is valid JSON.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


Member = tuple[str, Any, tuple[int, int]]
"""A top-level member of a JSON object: key, value, and its span in the line's text."""

# The json module's own C scanners (what json.loads runs), which also report
# where each value ends.
_SCANSTRING: Callable[[str, int, bool], tuple[str, int]] = \
    json.decoder.scanstring  # type: ignore[attr-defined]
_SCAN_VALUE: Callable[[str, int], tuple[Any, int]] = \
    json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_SPACE = re.compile(r"[ \t\n\r]*")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _members(text: str) -> list[Member] | None:
    """The members of a line holding one JSON object, or None for anything else.

    This parses exactly what json.loads accepts (with the same C scanner,
    so it costs about the same) but also says where each member's text
    lies, so the output can copy the members it keeps instead of encoding
    them again. Anything unusual gives None and the caller's general path.
    """
    pos = _SPACE.match(text).end()  # type: ignore[union-attr]
    if text[pos:pos + 1] != "{":
        return None
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    members: list[Member] = []
    if text[pos:pos + 1] == "}":
        pos += 1
    else:
        try:
            pos = _scan_members(text, pos, members)
        except (ValueError, StopIteration):
            return None
        if pos < 0:
            return None
    if _SPACE.match(text, pos).end() != len(text):  # type: ignore[union-attr]
        return None
    return members


def _scan_members(text: str, pos: int, members: list[Member]) -> int:
    """Scan `"key": value` pairs up to the closing brace; -1 if the text is not JSON."""
    while True:
        if text[pos:pos + 1] != '"':
            return -1
        start = pos
        key, pos = _SCANSTRING(text, pos + 1, True)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos:pos + 1] != ":":
            return -1
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        value, pos = _SCAN_VALUE(text, pos)
        members.append((key, value, (start, pos)))
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        mark = text[pos:pos + 1]
        if mark == "}":
            return pos + 1
        if mark != ",":
            return -1
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt Python code running past `seconds` with RecordTimeout.

    Uses SIGALRM, so it only works in the main thread on POSIX; elsewhere it
    does nothing and the pipeline's own between-steps check still applies.
    Code stuck inside a C call is not interrupted: the pool kills such a
    worker from outside.
    """
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise RecordTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- reading input -----------------------------------------------------------

@dataclass
class Chunk:
    """Consecutive records of one input, and their results as they arrive."""

    source: str | None
    first_line: int
    lines: list[bytes]
    results: list[Result | None] = field(default_factory=list)
    retried: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.lines)

    @property
    def complete(self) -> bool:
        return all(r is not None for r in self.results)

    def where(self, index: int) -> Where:
        return Where(self.source, self.first_line + index)


def chunks(stream: Iterable[bytes], source: str | None,
           records: int = CHUNK_RECORDS, max_bytes: int = CHUNK_BYTES) -> Iterator[Chunk]:
    """Group the lines of one input into chunks, lazily."""
    lines: list[bytes] = []
    size = 0
    first = 1
    for number, raw in enumerate(stream, start=1):
        if not lines:
            first = number
        line = raw.rstrip(b"\r\n")
        lines.append(line)
        size += len(line)
        if len(lines) >= records or size >= max_bytes:
            yield Chunk(source, first, lines)
            lines, size = [], 0
    if lines:
        yield Chunk(source, first, lines)


# --- running ------------------------------------------------------------------

Emit = Callable[[Result], None]


def run_serial(job: JsonlJob, work: Iterable[Chunk], emit: Emit) -> None:
    """Process every record in this process, in order (`--jobs 1`)."""
    pipeline = job.pipeline()
    for chunk in work:
        for i, line in enumerate(chunk.lines):
            emit(job.process(pipeline, line, chunk.where(i)))


def run_parallel(job: JsonlJob, work: Iterable[Chunk], emit: Emit, jobs: int) -> None:
    """Process records in `jobs` worker processes; results are emitted in input order."""
    with _Pool(job, jobs) as pool:
        pool.run(iter(work), emit)


def _hard_limit(timeout: float | None) -> float | None:
    """How long the parent waits for one record before killing its worker.

    The worker's own alarm fires at `timeout`; the parent only steps in for
    code the alarm cannot interrupt, after a grace period.
    """
    if not timeout:
        return None
    return timeout + min(5.0, max(1.0, timeout))


def _worker_main(conn: mpc.Connection, job: JsonlJob) -> None:
    """A worker: build the pipeline once, then clean chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    parent = os.getppid()
    try:
        pipeline = job.pipeline()
    except Exception as exc:
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        # Poll rather than block, so an orphaned worker notices and exits.
        if not conn.poll(1.0):
            if os.getppid() != parent:
                return
            continue
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        source, first_line, lines = message
        for i, line in enumerate(lines):
            conn.send(job.process(pipeline, line, Where(source, first_line + i)))


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of the chosen context
    conn: mpc.Connection
    chunk: Chunk | None = None
    position: int = 0
    deadline: float | None = None


class _Pool:
    """Worker processes that each own one chunk at a time."""

    def __init__(self, job: JsonlJob, jobs: int) -> None:
        self.job = job
        self.jobs = max(1, jobs)
        self.limit = _hard_limit(job.config.timeout)
        methods = multiprocessing.get_all_start_methods()
        self.context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.workers: list[_Worker] = []
        self.pending: deque[Chunk] = deque()   # dispatched or waiting, in input order
        self.todo: deque[tuple[Chunk, int]] = deque()  # (chunk, first index) to (re)send
        self.max_pending = 3 * self.jobs

    def __enter__(self) -> _Pool:
        self.workers = [self._spawn() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=0.5 if exc[0] is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(target=_worker_main, args=(child_end, self.job),
                                       daemon=True, name="textclean-worker")
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def run(self, work: Iterator[Chunk], emit: Emit) -> None:
        exhausted = False
        while True:
            exhausted = self._dispatch(work, exhausted)
            while self.pending and self.pending[0].complete:
                for result in self.pending.popleft().results:
                    assert result is not None
                    emit(result)
            if exhausted and not self.pending:
                return
            self._wait()

    def _dispatch(self, work: Iterator[Chunk], exhausted: bool) -> bool:
        for worker in self.workers:
            if worker.chunk is not None:
                continue
            if not self.todo and not exhausted and len(self.pending) < self.max_pending:
                chunk = next(work, None)
                if chunk is None:
                    exhausted = True
                else:
                    self.pending.append(chunk)
                    self.todo.append((chunk, 0))
            if not self.todo:
                break
            self._send(worker, *self.todo.popleft())
        return exhausted

    def _send(self, worker: _Worker, chunk: Chunk, start: int) -> None:
        """Hand a chunk to an idle worker; one that died while idle is replaced."""
        worker.chunk, worker.position = chunk, start
        worker.deadline = None if self.limit is None else time.monotonic() + self.limit
        try:
            worker.conn.send((chunk.source, chunk.first_line + start, chunk.lines[start:]))
        except OSError:  # the worker died while idle: nothing of ours was lost
            self.todo.appendleft((chunk, start))
            worker.chunk = None
            self.workers[self.workers.index(worker)] = self._respawn(worker)

    def _wait(self) -> None:
        busy = [w for w in self.workers if w.chunk is not None]
        if not busy:
            # Every send just failed on a worker that died while idle: the
            # chunk is back in `todo` for the replacement, and waiting on no
            # handles would block for ever.
            return
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        mpc.wait(handles, timeout=timeout)
        for index, worker in enumerate(self.workers):
            if worker.chunk is not None:
                self.workers[index] = self._service(worker)

    def _service(self, worker: _Worker) -> _Worker:
        """Take a worker's finished records; replace it if it died or hung."""
        try:
            while worker.chunk is not None and worker.conn.poll():
                self._receive(worker, worker.conn.recv())
        except (EOFError, OSError):
            return self._replace(worker, self._death_message(worker), retry=True)
        if worker.chunk is None:
            return worker
        if not worker.process.is_alive():
            return self._replace(worker, self._death_message(worker), retry=True)
        if worker.deadline is not None and time.monotonic() > worker.deadline:
            message = (f"timed out after {self.job.config.timeout:g}s "
                       "(worker killed)")
            return self._replace(worker, message, retry=False)
        return worker

    def _receive(self, worker: _Worker, message: Any) -> None:
        if isinstance(message, tuple) and message and message[0] == "fatal":
            raise BatchError(f"worker could not start: {message[1]}")
        chunk = worker.chunk
        assert chunk is not None
        chunk.results[worker.position] = message
        worker.position += 1
        if worker.position == len(chunk.lines):
            worker.chunk, worker.deadline = None, None
        elif self.limit is not None:
            worker.deadline = time.monotonic() + self.limit

    def _death_message(self, worker: _Worker) -> str:
        worker.process.join(timeout=1.0)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                how = f"killed by {signal.Signals(-code).name}"
            except ValueError:
                how = f"killed by signal {-code}"
        else:
            how = f"exit code {code}"
        return f"worker process died ({how})"

    def _replace(self, worker: _Worker, message: str, retry: bool) -> _Worker:
        """Stop a worker; its current record is retried once, or gets an error record."""
        chunk, position = worker.chunk, worker.position
        assert chunk is not None
        if retry and position not in chunk.retried:
            chunk.retried.add(position)
            self.todo.appendleft((chunk, position))
        else:
            chunk.results[position] = self.job.failure(chunk.lines[position],
                                                       chunk.where(position), message)
            if position + 1 < len(chunk.lines):
                self.todo.appendleft((chunk, position + 1))
        return self._respawn(worker)

    def _respawn(self, worker: _Worker) -> _Worker:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        return self._spawn()


def open_lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines of a binary stream, decompressing gzip when the data starts with its magic."""
    import gzip

    peek = getattr(stream, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    if head == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
            yield from unzipped
    else:
        yield from stream
