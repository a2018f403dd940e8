"""No regular expression in textclean may backtrack catastrophically.

Every pattern is found dynamically, so patterns added later are covered
without anyone remembering to list them: compiled patterns held by a module
(directly, in a class, or in a tuple, list, set or dict), plus literal
patterns passed straight to `re.search(...)` and friends, found in the
source with `ast`. Each runs against adversarial inputs of about 20,000
characters in a worker process that is killed if it hangs: a pattern that
takes more than WATCHDOG_SECONDS on one input fails.

The bound is a watchdog, not a speed test: a linear pattern scans 20 kB in
well under a millisecond; a catastrophic one takes minutes or forever.

Run this file as a script to see the slowest patterns:
    python tests/test_regex_safety.py --report
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex

import textclean

WATCHDOG_SECONDS = 2.0
N = 20_000

# Patterns known to be unsafe, by id, with the reason; each becomes a strict
# xfail so the test starts failing (XPASS) as soon as the pattern is fixed.
_QUADRATIC = ("an unbounded leading run ({}) is retried from every start position: "
              "quadratic, minutes on a 200k-character line")
KNOWN_UNSAFE: dict[str, str] = {
}
# Linear but slow enough to sit at the watchdog bound, so they may pass or
# fail with machine load: not strict.
KNOWN_SLOW: dict[str, str] = {
}


def _repeat(unit: str, n: int = N) -> str:
    return unit * max(1, n // len(unit))


def adversarial_inputs() -> dict[str, str]:
    """Inputs that make backtracking patterns explode.

    Long runs of one class (the classic `(a+)+$` killer), repeated fragments
    of the things news patterns look for (dates, times, bylines, links), and
    each one also with a character at the end that defeats a `$` anchor.
    """
    units = {
        "spaces": " ", "tabs-spaces": " \t", "blank-lines": " \n", "digits": "1",
        "digit-groups": "12 ", "dates": "12/12/12 ", "iso-dates": "2009-03-03 ",
        "times": "12:30 ", "dots": ".", "dash-space": "- ", "stars": "*", "underscores": "_",
        "pipes": "|", "brackets": "[", "parens": "(", "link-starts": "[a](", "angles": "<",
        "comments": "<!--", "tags": "<p>", "quotes": '"', "ellipses": "\u2026", "a": "a",
        "Capital": "Word ", "share": "Share ", "http": "http://", "dotted": "a.b.",
        "backslash": "\\", "mixed": "a1 ", "cjk": "\u4e2d",
    }
    inputs: dict[str, str] = {}
    for name, unit in units.items():
        base = _repeat(unit)
        inputs[name] = base
        inputs[name + "+!"] = base + "!\u0001"
    return inputs


# ---------------------------------------------------------------- discovery

def _modules() -> Iterator[Any]:
    yield textclean
    for info in pkgutil.walk_packages(textclean.__path__, "textclean."):
        if info.name.endswith("__main__"):
            continue
        try:
            yield importlib.import_module(info.name)
        except Exception as exc:  # pragma: no cover - a broken module fails elsewhere
            print(f"cannot import {info.name}: {exc!r}", file=sys.stderr)


def _is_pattern(obj: object) -> bool:
    return isinstance(obj, (re.Pattern, regex.Pattern))


def _patterns_in(name: str, obj: object, depth: int = 0) -> Iterator[tuple[str, Any]]:
    if _is_pattern(obj):
        yield name, obj
    elif depth < 2 and isinstance(obj, (tuple, list, set, frozenset)):
        for i, item in enumerate(obj):
            yield from _patterns_in(f"{name}[{i}]", item, depth + 1)
    elif depth < 2 and isinstance(obj, dict):
        for key, item in list(obj.items()):
            yield from _patterns_in(f"{name}[{key!r}]", item, depth + 1)


def _module_patterns(module: Any) -> Iterator[tuple[str, Any]]:
    for attr, value in list(vars(module).items()):
        if isinstance(value, type) and value.__module__ == module.__name__:
            for cattr, cvalue in list(vars(value).items()):
                yield from _patterns_in(f"{module.__name__}.{attr}.{cattr}", cvalue)
        else:
            yield from _patterns_in(f"{module.__name__}.{attr}", value)


_RE_FUNCS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn",
             "split"}


def _flags(node: ast.expr | None, lib: Any) -> int | None:
    """The value of a flags argument built from `re.X | re.Y`, or None."""
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        value = getattr(lib, node.attr, None)
        return int(value) if value is not None else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flags(node.left, lib), _flags(node.right, lib)
        return None if left is None or right is None else left | right
    return None


def _literal_patterns(path: Path, module: str) -> Iterator[tuple[str, Any]]:
    """Literal patterns passed to re.*/regex.* calls, wherever they are."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex") and node.func.attr in _RE_FUNCS
                and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, (str, bytes))):
            continue
        lib: Any = regex if node.func.value.id == "regex" else re
        flag_pos = 1 if node.func.attr in ("compile",) else {
            "sub": 4, "subn": 4, "split": 3}.get(node.func.attr, 2)
        flag_node = node.args[flag_pos] if len(node.args) > flag_pos else next(
            (k.value for k in node.keywords if k.arg == "flags"), None)
        flags = _flags(flag_node, lib)
        if flags is None:
            continue
        try:
            yield f"{module}:{node.lineno}", lib.compile(node.args[0].value, flags)
        except Exception:  # pragma: no cover - an invalid pattern fails elsewhere
            continue


def discover() -> dict[str, Any]:
    """Every pattern in the package, by a stable id, without duplicates."""
    found: dict[str, Any] = {}
    seen: set[tuple[Any, int, type]] = set()
    modules = list(_modules())
    sources = [(Path(m.__file__), m.__name__) for m in modules if getattr(m, "__file__", None)]
    candidates = [p for m in modules for p in _module_patterns(m)]
    candidates += [p for path, name in sources for p in _literal_patterns(path, name)]
    for pid, pattern in candidates:
        key = (pattern.pattern, pattern.flags, type(pattern))
        if key not in seen:
            seen.add(key)
            found[pid] = pattern
    return found


# ------------------------------------------------------------------ worker

def _exercise(pattern: Any, text: str) -> float:
    subject: str | bytes = text
    if isinstance(pattern.pattern, bytes):
        subject = text.encode("utf-8")
    start = time.perf_counter()
    pattern.search(subject)
    pattern.match(subject)
    for _ in pattern.finditer(subject):
        pass
    return time.perf_counter() - start


def _worker(start: int) -> None:
    """Run patterns from index `start`, one JSON line before each input and after
    each pattern, so the parent knows exactly which pattern and input hung."""
    patterns = list(discover().items())
    inputs = adversarial_inputs()
    for i in range(start, len(patterns)):
        pid, pattern = patterns[i]
        worst, worst_input = 0.0, ""
        for name, text in inputs.items():
            print(json.dumps({"start": i, "id": pid, "input": name}), flush=True)
            seconds = _exercise(pattern, text)
            if seconds > worst:
                worst, worst_input = seconds, name
        print(json.dumps({"done": i, "id": pid, "seconds": worst, "input": worst_input}),
              flush=True)


def run_all(kill_after: float = 1.5 * WATCHDOG_SECONDS) -> dict[str, dict[str, Any]]:
    """Every pattern's worst time; a pattern still running one input after
    `kill_after` seconds is recorded as hung and the worker restarted past it."""
    results: dict[str, dict[str, Any]] = {}
    total = len(discover())
    start = 0
    while start < total:
        proc = subprocess.Popen([sys.executable, __file__, "--worker", str(start)],
                                stdout=subprocess.PIPE, text=True)
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(p: subprocess.Popen[str] = proc, q: queue.Queue[str | None] = lines) -> None:
            assert p.stdout is not None
            for line in p.stdout:
                q.put(line)
            q.put(None)

        threading.Thread(target=pump, daemon=True).start()
        current: dict[str, Any] | None = None
        while True:
            # The first line waits for the worker's imports as well.
            wait = kill_after if current is not None else 60.0
            try:
                line = lines.get(timeout=wait)
            except queue.Empty:
                proc.kill()
                proc.wait()
                assert current is not None
                results[current["id"]] = {"seconds": float("inf"),
                                          "input": current["input"] + " (hung, killed)"}
                start = current["start"] + 1
                break
            if line is None:
                proc.wait()
                start = total
                break
            msg = json.loads(line)
            if "start" in msg:
                current = msg
            else:
                results[msg["id"]] = {"seconds": msg["seconds"], "input": msg["input"]}
    return results


# ------------------------------------------------------------------- tests

PATTERNS = discover()


@pytest.fixture(scope="module")
def timings() -> dict[str, dict[str, Any]]:
    return run_all()


def test_discovery_finds_the_package_patterns() -> None:
    # The readers and the text reader hold compiled patterns; if discovery
    # found none of them the safety test below would pass vacuously.
    assert "textclean.readers._CONTROL" in PATTERNS
    assert "textclean.readers.text._MD_LINK" in PATTERNS
    assert len(PATTERNS) >= 20


def test_literal_patterns_in_calls_are_found(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text("import re\nre.sub(r'(a+)+$', '', s, flags=re.I | re.M)\n"
                      "re.search(pattern, s)\n")
    found = list(_literal_patterns(source, "mod"))
    assert [(pid, p.pattern) for pid, p in found] == [("mod:2", "(a+)+$")]


def test_watchdog_catches_catastrophic_backtracking() -> None:
    evil = regex.compile(r"(a+)+$")
    seconds = _exercise_in_subprocess(evil.pattern, timeout=WATCHDOG_SECONDS * 5)
    assert seconds is None or seconds > WATCHDOG_SECONDS


def _exercise_in_subprocess(pattern: str, timeout: float) -> float | None:
    code = (f"import re, time; p = re.compile({pattern!r}); s = 'a' * 40 + '!'; "
            "t = time.perf_counter(); p.search(s); print(time.perf_counter() - t)")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=timeout, check=True).stdout
    except subprocess.TimeoutExpired:
        return None
    return float(out)


def _param(pid: str) -> Any:
    if pid in KNOWN_UNSAFE:
        return pytest.param(pid, marks=pytest.mark.xfail(strict=True, reason=KNOWN_UNSAFE[pid]))
    if pid in KNOWN_SLOW:
        return pytest.param(pid, marks=pytest.mark.xfail(strict=False, reason=KNOWN_SLOW[pid]))
    return pid


@pytest.mark.parametrize("pattern_id", [_param(pid) for pid in PATTERNS])
def test_pattern_is_safe_on_adversarial_input(pattern_id: str,
                                              timings: dict[str, dict[str, Any]]) -> None:
    result = timings[pattern_id]
    assert result["seconds"] < WATCHDOG_SECONDS, (
        f"{pattern_id} ({PATTERNS[pattern_id].pattern!r}) took {result['seconds']:.2f}s "
        f"on input {result['input']!r}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        _worker(int(sys.argv[2]))
    else:
        ranked = sorted(run_all().items(), key=lambda kv: -kv[1]["seconds"])
        for pid, r in ranked[:25]:
            print(f"{r['seconds']:8.4f}s  {r['input']:28}  {pid}  {PATTERNS[pid].pattern!r}")
