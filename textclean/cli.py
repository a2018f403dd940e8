"""The `textclean` command (first cut: stdin to stdout)."""

from __future__ import annotations

import sys

import textclean


def main(argv: list[str] | None = None) -> int:
    article = textclean.clean(sys.stdin.read())
    parts = [article.headline, article.dateline.text if article.dateline else "", article.body]
    sys.stdout.write("\n\n".join(p for p in parts if p) + "\n")
    return 0
