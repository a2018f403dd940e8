"""Shared fuzz driver: atheris when installed, hypothesis otherwise.

A crash is any exception from clean()/explain() on str or bytes input, or a
result that does not survive JSON. Both engines stop after `--seconds`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

Target = Callable[[bytes], None]


def check(page: str | bytes, kind: str) -> None:
    """The invariants every fuzz input must satisfy."""
    import textclean

    article, decisions = textclean.explain(page, input=kind)
    data = {"a": article.to_dict(), "d": [d.to_dict() for d in decisions]}
    if json.loads(json.dumps(data)) != data:
        raise AssertionError("result does not round-trip through JSON")
    if textclean.clean(page, input=kind) != article:
        raise AssertionError("clean() and explain() disagree")


def run(target: Target, seconds: float, corpus: list[str], engine: str = "auto") -> int:
    try:
        if engine == "hypothesis":
            raise ImportError("hypothesis engine requested")
        import atheris
    except ImportError:
        return _run_hypothesis(target, seconds)
    with atheris.instrument_imports():
        import textclean  # noqa: F401
    args = [sys.argv[0], f"-max_total_time={int(seconds)}", "-rss_limit_mb=4096",
            "-max_len=65536", "-timeout=20", *corpus]
    atheris.Setup(args, target)
    atheris.Fuzz()
    return 0


def _run_hypothesis(target: Target, seconds: float) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    runs = 0

    @settings(max_examples=200, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=20_000))
    def fuzz(data: bytes) -> None:
        nonlocal runs
        runs += 1
        target(data)

    # Rounds of 200 random examples (a fresh seed each) until time is up;
    # a failure is shrunk and re-raised by hypothesis, which exits non-zero.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fuzz()
    print(f"hypothesis fuzzing: {runs} inputs, no crash")
    return 0


def main(target: Target) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    parser.add_argument("corpus", nargs="*", help="libFuzzer corpus directories (atheris)")
    args, libfuzzer_flags = parser.parse_known_args()
    return run(target, args.seconds, args.corpus + libfuzzer_flags, args.engine)
