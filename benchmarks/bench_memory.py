"""Peak memory and time of clean() on pathological pages.

Each case runs in its own child process (so one case's peak does not hide
another's), builds its page there, and reports the child's own peak RSS
from resource.getrusage; the baseline is the same child without cleaning.

    python benchmarks/bench_memory.py [--timeout 300] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

PROSE = ("The council voted on Tuesday to approve the new budget, which the mayor said "
         "would pay for more buses and longer library hours across the city. ")

CASES: dict[str, str] = {
    "50 MB single line (text)": f"{PROSE!r} * (50_000_000 // {len(PROSE)})",
    "50 MB single line (bytes)": f"({PROSE!r} * (50_000_000 // {len(PROSE)})).encode()",
    "20 MB HTML page": (
        f"'<html><body>' + ('<div class=\"story\"><h2>Part</h2><p>' + {PROSE!r} * 3 + "
        f"'</p><ul><li><a href=\"/x\">Related link</a></li></ul></div>\\n')"
        f" * (20_000_000 // {len(PROSE) * 3 + 90}) + '</body></html>'"),
    "20 MB HTML, one paragraph": f"'<html><body><p>' + {PROSE!r} * (20_000_000 // "
                                 f"{len(PROSE)}) + '</p></body></html>'",
    "5,000-deep nesting": f"'<html><body>' + '<div>' * 5000 + '<p>' + {PROSE!r} * 3 + "
                          f"'</p>' + '</div>' * 5000 + '</body></html>'",
    "5,000-deep inline nesting": f"'<p>' + '<b><i>' * 5000 + {PROSE!r} * 3",
    "1 MB page of short lines": "'\\n'.join(f'Short line number {i}' for i in range(50_000))",
}

_CHILD = """
    import json, resource, time
    page = {page}
    size = len(page)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {{"chars": size, "base_mb": base}}
    if {run}:
        import textclean
        start = time.perf_counter()
        try:
            article = textclean.clean(page)
            out["result"] = f"{{len(article.paragraphs)}} paragraphs"
        except Exception as exc:
            out["result"] = f"{{type(exc).__name__}}: {{str(exc)[:60]}}"
        out["seconds"] = time.perf_counter() - start
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
"""


def run_case(page_expr: str, timeout: float) -> dict[str, object]:
    code = textwrap.dedent(_CHILD.format(page=page_expr, run=True))
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"result": f"TIMEOUT after {timeout:.0f}s"}
    if proc.returncode != 0:
        return {"result": f"child died ({proc.returncode}): {proc.stderr[-120:].strip()}"}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", help="run only cases whose name contains this")
    args = parser.parse_args()
    print(f"| {'case':28} | {'chars':>11} | {'time s':>7} | {'page MB':>8} | "
          f"{'peak RSS MB':>11} | result")
    print(f"|{'-' * 30}|{'-' * 13}|{'-' * 9}|{'-' * 10}|{'-' * 13}|{'-' * 30}")
    for name, expr in CASES.items():
        if args.only and args.only.lower() not in name.lower():
            continue
        r = run_case(expr, args.timeout)
        chars = f"{r['chars']:,}" if "chars" in r else "-"
        seconds = f"{r['seconds']:.1f}" if "seconds" in r else "-"
        base = f"{r['base_mb']:.0f}" if "base_mb" in r else "-"
        peak = f"{r['peak_mb']:.0f}" if "peak_mb" in r else "-"
        print(f"| {name:28} | {chars:>11} | {seconds:>7} | {base:>8} | {peak:>11} | "
              f"{r['result']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
