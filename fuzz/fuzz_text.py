"""Fuzz clean()/explain() on text input, as str and as bytes.

    python fuzz/fuzz_text.py --seconds 60 [corpus_dir]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import check, main  # noqa: E402


def target(data: bytes) -> None:
    # The first byte picks the form, so one engine covers str and bytes paths.
    if not data:
        return
    mode, body = data[0] % 3, data[1:]
    if mode == 0:
        check(body, "text")
    elif mode == 1:
        check(body.decode("utf-8", "surrogateescape"), "text")
    else:
        check(body.decode("latin-1"), "auto")


if __name__ == "__main__":
    sys.exit(main(target))
