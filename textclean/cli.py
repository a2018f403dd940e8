"""The `textclean` command: a Unix filter from raw page to clean article.

By default it reads a page on stdin and writes the article on stdout, so it
composes with curl, find and xargs; `--jsonl` turns it into a batch tool
for crawls (see textclean.batch). Exit codes follow the usual conventions:
0 success, 1 an input could not be read or written, 2 a usage error,
130 interrupted, 141 output pipe closed early (as a C filter killed by
SIGPIPE would report).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import inspect
import json
import os
import stat
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, NoReturn

import textclean
from textclean import batch
from textclean.config import Config
from textclean.model import Article, Decision
from textclean.readers.decode import BINARY_WINDOW, decode_bytes, looks_binary

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141
DEFAULT_TIMEOUT = 30.0
CONFIG_KEYS = frozenset({"input", "steps", "disable", "enable", "language", "timeout",
                         "options", "plugins"})

EPILOG = """\
examples:
  textclean < page.txt                      clean one page, stdin to stdout
  curl -s https://example.com/news/1 | textclean --input html
  textclean page.html -f json | jq .headline
  textclean --field body *.txt              only the body of each file
  textclean --explain page.txt | less       every line with its decision
  textclean --jsonl crawl.jsonl.gz -o clean.jsonl.gz --jobs 4
  textclean --jsonl --input-field html --keep-input < pages.jsonl
  textclean --disable captions,bylines --config textclean.toml page.txt
  textclean --list-filters

--jsonl writes one JSON line per input line, in order: the input object
without its page field (keep it with --keep-input) plus the article under
--output-key. A line that cannot be cleaned gives {..., "error": {"line": N,
"message": ...}} instead, so output line N always answers input line N.

exit status: 0 done (error records included), 1 an input could not be read
or the output written, 2 usage error, 130 interrupted, 141 output closed early.
"""


class UsageError(Exception):
    """A mistake on the command line or in the config file: exit 2."""


class InputError(Exception):
    """An input that cannot be read, or an output that cannot be written: exit 1."""


# --- arguments ------------------------------------------------------------------

def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {text}")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse with the one-line usage errors the command promises."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="textclean",
        description="Turn the raw text or HTML of a scraped news page into its clean "
                    "headline, dateline and body.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="pages to clean, in order ('-' or none: stdin); .gz is "
                             "decompressed")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write here instead of stdout (.gz: compressed); never "
                             "one of the inputs")
    parser.add_argument("-f", "--format", choices=("text", "json", "markdown"),
                        help="output format (default: text)")
    parser.add_argument("--field", choices=("body", "headline", "dateline"),
                        help="print only this part of the article")
    parser.add_argument("--input", choices=("auto", "text", "html"),
                        help="what the pages are (default: auto)")
    parser.add_argument("--language", metavar="CODE", help="language of the pages "
                        "(default: detect)")
    parser.add_argument("--explain", action="store_true",
                        help="show every line of the page with its decision and reason")
    steps = parser.add_argument_group("pipeline")
    steps.add_argument("--list-filters", action="store_true",
                       help="list the steps (* = in the default pipeline) and exit")
    steps.add_argument("--disable", action="append", default=[], metavar="NAME",
                       help="drop a step (repeatable, or a comma list)")
    steps.add_argument("--enable", action="append", default=[], metavar="NAME",
                       help="add an optional step (repeatable, or a comma list)")
    steps.add_argument("--config", metavar="FILE", help="TOML file with Config keys "
                       "(disable, enable, steps, language, timeout, input, plugins, "
                       "[options.STEP])")
    steps.add_argument("--plugin", action="append", default=[], metavar="MODULE",
                       help="import MODULE first, so the steps it registers can be used")
    jsonl = parser.add_argument_group("batch (--jsonl)")
    jsonl.add_argument("--jsonl", action="store_true",
                       help="inputs are JSON Lines, one page per line")
    jsonl.add_argument("--input-field", metavar="NAME",
                       help="field holding the page (default: 'text', else 'html')")
    jsonl.add_argument("--output-key", metavar="NAME", default=batch.DEFAULT_OUTPUT_KEY,
                       help="key for the article in each output line (default: "
                            "%(default)s)")
    jsonl.add_argument("--keep-input", action="store_true",
                       help="keep the page field in the output (dropped by default)")
    jsonl.add_argument("--drop", action="append", default=[], metavar="NAME",
                       help="also leave this input field out of the output (repeatable, "
                            "or a comma list)")
    jsonl.add_argument("-j", "--jobs", type=_positive_int, metavar="N",
                       help="worker processes (default: all cores; 1: no workers)")
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                        help=f"time limit per page, 0 for none (default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar, summary or warnings on stderr")
    parser.add_argument("--version", action="version",
                        version=f"textclean {textclean.__version__}")
    return parser


def _names(values: Sequence[str]) -> tuple[str, ...]:
    """Flatten repeatable, comma-separated name options."""
    return tuple(n.strip() for v in values for n in v.split(",") if n.strip())


# --- configuration ------------------------------------------------------------------

def load_config_file(path: str) -> dict[str, Any]:
    """Read a TOML config; unknown keys are usage errors, not silently ignored."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
    except OSError as exc:
        raise UsageError(f"cannot read config {path!r}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"config {path!r} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - CONFIG_KEYS)
    if unknown:
        raise UsageError(f"config {path!r}: unknown key {unknown[0]!r} "
                         f"(known: {', '.join(sorted(CONFIG_KEYS))})")
    for key in ("steps", "disable", "enable", "plugins"):
        value = data.get(key)
        if isinstance(value, str):
            data[key] = [value]
        elif value is not None and not (isinstance(value, list)
                                        and all(isinstance(v, str) for v in value)):
            raise UsageError(f"config {path!r}: {key!r} must be a list of step names")
    options = data.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise UsageError(f"config {path!r}: 'options' must be tables like [options.STEP]")
    if "timeout" in data and (isinstance(data["timeout"], bool)
                              or not isinstance(data["timeout"], (int, float))):
        raise UsageError(f"config {path!r}: 'timeout' must be a number of seconds")
    for key in ("input", "language"):
        if key in data and not isinstance(data[key], str):
            raise UsageError(f"config {path!r}: {key!r} must be a string")
    if data.get("input", "auto") not in ("auto", "text", "html"):
        raise UsageError(f"config {path!r}: 'input' must be auto, text or html")
    return data


def build_config(args: argparse.Namespace) -> tuple[Config, tuple[str, ...]]:
    """The Config for this run and the plugin modules; flags override the file."""
    file = load_config_file(args.config) if args.config else {}
    plugins = tuple(file.get("plugins", ())) + tuple(args.plugin)
    for module in plugins:
        try:
            __import__(module)
        except ImportError as exc:
            raise UsageError(f"cannot import plugin {module!r}: {exc}") from None
    timeout = args.timeout if args.timeout is not None else file.get("timeout",
                                                                     DEFAULT_TIMEOUT)
    steps = file.get("steps")
    config = Config(
        input=args.input or file.get("input", "auto"),
        steps=tuple(steps) if steps is not None else None,
        disable=tuple(file.get("disable", ())) + _names(args.disable),
        enable=tuple(file.get("enable", ())) + _names(args.enable),
        options=file.get("options", {}),
        language=args.language or file.get("language"),
        timeout=float(timeout) or None,
    )
    _check_step_names(config)
    return config, plugins


def _check_step_names(config: Config) -> None:
    known = textclean.available()
    named = [*(config.steps or ()), *config.disable, *config.enable, *config.options]
    for name in named:
        if name not in known:
            raise UsageError(f"unknown step {name!r} (see textclean --list-filters)")


def list_filters(out: IO[str]) -> None:
    """Default steps in pipeline order, then the optional ones; '*' marks defaults."""
    steps = textclean.available()
    order = [n for n in textclean.DEFAULT_STEPS if n in steps]
    order += [n for n in steps if n not in order]
    width = max((len(n) for n in order), default=0)
    for name in order:
        doc = (inspect.getdoc(steps[name]) or "").strip().splitlines()
        mark = "*" if name in textclean.DEFAULT_STEPS else " "
        out.write(f"{mark} {name:<{width}}  {doc[0] if doc else ''}\n")


# --- input and output ---------------------------------------------------------------

@dataclass
class Input:
    """One named input: '-' is stdin."""

    name: str

    @property
    def label(self) -> str:
        return "<stdin>" if self.name == "-" else self.name

    @contextlib.contextmanager
    def open(self) -> Iterator[BinaryIO]:
        if self.name == "-":
            yield sys.stdin.buffer
            return
        try:
            fh = open(self.name, "rb")
        except OSError as exc:
            raise InputError(f"cannot read {self.name!r}: {exc.strerror or exc}") from None
        with fh:
            yield fh

    def read(self, limit: int = 0) -> bytes:
        """The page as bytes (textclean decodes), gunzipped when it is gzip.

        At most `limit` bytes (0: no limit) are read and unpacked: textclean
        would cut the page there anyway, and a small gzip bomb must not be
        allowed to fill memory first.
        """
        try:
            with self.open() as fh:
                data = fh.read(limit or -1)
            if data[:2] == b"\x1f\x8b":
                data = _gunzip(data, limit)
        except (OSError, EOFError, zlib.error) as exc:
            message = getattr(exc, "strerror", None) or str(exc)
            raise InputError(f"cannot read {self.label!r}: {message}") from None
        return data


def _gunzip(data: bytes, limit: int) -> bytes:
    """All gzip members of `data`, unpacked to at most `limit` bytes (0: no limit)."""
    out = bytearray()
    while data[:2] == b"\x1f\x8b" and (not limit or len(out) < limit):
        unpacker = zlib.decompressobj(wbits=31)
        out += unpacker.decompress(data, max(0, limit - len(out)) if limit else 0)
        if not unpacker.eof:
            break
        data = unpacker.unused_data
    return bytes(out)


def _check_output(output: str | None, inputs: Sequence[Input]) -> None:
    """Refuse to write over an input: the input would be gone before it is read."""
    if output is None or output == "-" or not os.path.exists(output):
        return
    target = os.stat(output)
    if not stat.S_ISREG(target.st_mode):
        return
    for item in inputs:
        try:
            source = os.fstat(0) if item.name == "-" else os.stat(item.name)
        except OSError:
            continue
        if os.path.samestat(source, target):
            raise UsageError(f"output {output!r} is also an input; refusing to overwrite it")


@contextlib.contextmanager
def open_output(output: str | None) -> Iterator[BinaryIO]:
    if output is None or output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        raw: BinaryIO = open(output, "wb")
    except OSError as exc:
        raise InputError(f"cannot write {output!r}: {exc.strerror or exc}") from None
    try:
        if output.endswith(".gz"):
            with gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=6,
                               mtime=0) as zipped:
                yield zipped  # type: ignore[misc]
        else:
            yield raw
    finally:
        raw.close()


# --- rendering one article ---------------------------------------------------------------

def render(article: Article, fmt: str, part: str | None) -> str:
    """The article (or one part of it) as text, JSON or Markdown."""
    if fmt == "json":
        return json.dumps(_json_part(article, part), ensure_ascii=False) + "\n"
    if part == "headline":
        pieces = [("# " if fmt == "markdown" else "") + article.headline
                  if article.headline else ""]
    elif part == "dateline":
        text = article.dateline.text if article.dateline else ""
        pieces = [f"*{text}*" if fmt == "markdown" and text else text]
    elif part == "body":
        pieces = _paragraphs(article, fmt)
    elif fmt == "markdown":
        dateline = article.dateline.text if article.dateline else ""
        pieces = [f"# {article.headline}" if article.headline else "",
                  f"*{dateline}*" if dateline else "", *_paragraphs(article, fmt)]
    else:
        pieces = [article.headline, article.dateline.text if article.dateline else "",
                  *_paragraphs(article, fmt)]
    text = "\n\n".join(p for p in pieces if p)
    return text + "\n" if text else ""


def _paragraphs(article: Article, fmt: str) -> list[str]:
    if fmt != "markdown":
        return [p.text for p in article.paragraphs]
    return [f"## {p.text}" if p.kind == "heading" else p.text for p in article.paragraphs]


def _json_part(article: Article, part: str | None) -> Any:
    if part == "dateline":
        return article.dateline.to_dict() if article.dateline else None
    if part is not None:
        return getattr(article, part)
    return article.to_dict()


class Colours:
    """ANSI colours for --explain, only on a terminal and never with NO_COLOR."""

    def __init__(self, terminal: bool) -> None:
        self.on = (terminal and not os.environ.get("NO_COLOR")
                   and os.environ.get("TERM") != "dumb")

    def paint(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text


LABEL_WIDTH = 30


def render_explain(decisions: Sequence[Decision], colours: Colours) -> str:
    """One line per block, jusText style: `+ role | text` or `- filter: reason | text`.

    `*` marks the lines that became the headline or dateline fields.
    """
    lines = []
    for d in decisions:
        if d.kept:
            label = d.role or "body"
            mark, code = "+", "32"
        elif d.role in ("headline", "dateline") and d.removed_by == d.role:
            label, mark, code = d.role, "*", "36"  # taken out of the body as a field
        else:
            label = f"{d.removed_by}: {d.reason}" if d.reason else str(d.removed_by)
            mark, code = "-", "31"
        if len(label) > LABEL_WIDTH:
            label = label[: LABEL_WIDTH - 1] + "…"
        text = colours.paint("2", d.text) if mark == "-" else d.text
        lines.append(f"{colours.paint(code, mark)} {colours.paint(code, label.ljust(LABEL_WIDTH))}"
                     f" | {text}")
    return "\n".join(lines) + ("\n" if lines else "")


# --- the two modes ----------------------------------------------------------------------

def run_pages(args: argparse.Namespace, config: Config, inputs: Sequence[Input],
              out: BinaryIO) -> int:
    """Filter mode: each input is one page; unreadable inputs are reported, then skipped."""
    pipeline = textclean.Pipeline(config=config)
    fmt = args.format or "text"
    colours = Colours(args.output in (None, "-") and sys.stdout.isatty())
    status = EXIT_OK
    for number, item in enumerate(inputs):
        try:
            page = item.read(max(0, 4 * config.max_input_chars))
        except InputError as exc:
            _warn(str(exc))
            status = EXIT_INPUT
            continue
        if len(inputs) > 1 and fmt != "json":
            out.write(f"{'' if number == 0 else chr(10)}==> {item.label} <==\n".encode())
        try:
            with batch.time_limit(config.timeout):
                if args.explain:
                    article, decisions = pipeline.explain(page)
                else:
                    article, decisions = pipeline.clean(page), []
        except (textclean.PageTimeout, batch.RecordTimeout):
            _warn(f"{item.label}: timed out after {config.timeout:g}s")
            status = EXIT_INPUT
            continue
        out.write(_render_page(article, decisions, args, colours).encode("utf-8"))
        if not (article.headline or article.paragraphs) and not args.quiet:
            _warn(f"{item.label}: {_why_empty(page)}")
    return status


def _why_empty(page: bytes) -> str:
    if looks_binary(decode_bytes(page[:BINARY_WINDOW])):
        return "looks like binary data, not text or HTML; nothing to clean"
    return "no article found"


def _render_page(article: Article, decisions: list[Decision], args: argparse.Namespace,
                 colours: Colours) -> str:
    fmt = args.format or "text"
    if not args.explain:
        return render(article, fmt, args.field)
    if fmt == "json":
        obj = {"article": article.to_dict(), "decisions": [d.to_dict() for d in decisions]}
        return json.dumps(obj, ensure_ascii=False) + "\n"
    return render_explain(decisions, colours)


def run_jsonl(args: argparse.Namespace, config: Config, plugins: tuple[str, ...],
              inputs: Sequence[Input], out: BinaryIO) -> int:
    """Batch mode: every input is JSON Lines; one output line per input line."""
    job = batch.JsonlJob(config=config, input_field=args.input_field,
                         output_key=args.output_key, keep_input=args.keep_input,
                         drop=_names(args.drop), plugins=plugins)
    jobs = args.jobs or _cpu_count()
    stats = batch.Stats()
    progress = Progress(enabled=not args.quiet and sys.stderr.isatty())
    started = time.monotonic()

    def emit(result: batch.Result) -> None:
        out.write(result[1] + b"\n")
        stats.add(result[0])
        progress.update(stats.pages)

    failures: list[str] = []
    work = _records(inputs, progress, failures)
    try:
        if jobs == 1:
            batch.run_serial(job, work, emit)
        else:
            batch.run_parallel(job, work, emit, jobs)
    finally:
        progress.close()
    stats.seconds = time.monotonic() - started
    if not args.quiet:
        _warn(stats.summary(jobs), prefix=False)
    return EXIT_INPUT if failures else EXIT_OK


def _records(inputs: Sequence[Input], progress: Progress,
             failures: list[str]) -> Iterator[batch.Chunk]:
    """Chunks of every input in turn; an unreadable one is reported and skipped.

    Like cat, the run goes on with the other inputs (their output is still
    wanted) and the exit status says that something was missed.
    """
    for item in inputs:
        try:
            with item.open() as fh:
                progress.track(fh)
                source = None if item.name == "-" else item.name
                yield from batch.chunks(batch.open_lines(fh), source)
        except (InputError, OSError, EOFError) as exc:
            message = str(exc) if isinstance(exc, InputError) else \
                f"cannot read {item.label!r}: {getattr(exc, 'strerror', None) or exc}"
            progress.clear()
            _warn(message)
            failures.append(item.name)


def _cpu_count() -> int:
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Progress:
    """A one-line progress display on stderr for long runs.

    It appears only after a couple of seconds, so small inputs never show
    it; with a regular file the position in the (compressed) file gives the
    percentage, otherwise it counts pages.
    """

    DELAY = 2.0
    EVERY = 0.25

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.shown = False
        self.next_draw = self.started + self.DELAY
        self.file: BinaryIO | None = None
        self.size = 0

    def track(self, fh: BinaryIO) -> None:
        """Follow the byte position of the input being read."""
        try:
            info = os.fstat(fh.fileno())
        except (OSError, ValueError, AttributeError):
            self.file = None
            return
        self.file = fh if stat.S_ISREG(info.st_mode) and info.st_size else None
        self.size = info.st_size

    def update(self, pages: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now < self.next_draw:
            return
        self.next_draw = now + self.EVERY
        rate = pages / (now - self.started)
        line = f"textclean: {pages} pages, {rate:.1f} pages/s"
        fraction = self._fraction()
        if fraction is not None:
            filled = int(fraction * 30)
            line = f"[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}  {line}"
        sys.stderr.write(f"\r{line}\033[K")
        sys.stderr.flush()
        self.shown = True

    def _fraction(self) -> float | None:
        if self.file is None:
            return None
        try:
            return min(1.0, self.file.tell() / self.size)
        except (OSError, ValueError):
            return None

    def clear(self) -> None:
        """Take the bar off the line, so a message can be printed there."""
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False

    def close(self) -> None:
        self.clear()


def _warn(message: str, prefix: bool = True) -> None:
    sys.stderr.write(f"{'textclean: ' if prefix else ''}{message}\n")
    sys.stderr.flush()


# --- entry point ----------------------------------------------------------------------------

def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.jsonl and (args.format or args.field or args.explain):
        raise UsageError("--format, --field and --explain do not apply to --jsonl")
    batch_only = {"--input-field": args.input_field, "--keep-input": args.keep_input,
                  "--drop": args.drop,
                  "--output-key": args.output_key != batch.DEFAULT_OUTPUT_KEY}
    given = [flag for flag, value in batch_only.items() if value]
    if given and not args.jsonl:
        raise UsageError(f"{given[0]} only applies to --jsonl")
    config, plugins = build_config(args)
    if args.list_filters:
        list_filters(sys.stdout)
        return EXIT_OK
    inputs = [Input(name) for name in (args.files or ["-"])]
    _check_output(args.output, inputs)
    with open_output(args.output) as out:
        if args.jsonl:
            return run_jsonl(args, config, plugins, inputs, out)
        return run_pages(args, config, inputs, out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status instead of raising."""
    try:
        code = _run(argv)
        sys.stdout.flush()
        return code
    except UsageError as exc:
        _warn(f"error: {exc}")
        return EXIT_USAGE
    except (InputError, batch.BatchError) as exc:
        _warn(str(exc))
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader went away (`textclean ... | head`): stop quietly, and point
        # stdout at /dev/null so the interpreter's final flush cannot complain.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    except OSError as exc:
        _warn(f"write error: {exc.strerror or exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
