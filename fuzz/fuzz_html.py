"""Fuzz clean()/explain() on HTML input: raw bytes, and markup built from
fuzz bytes so that the structure (nesting, unclosed tags, entities, doctype
and XML declarations) is explored, not just random characters.

    python fuzz/fuzz_html.py --seconds 60 [corpus_dir]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import check, main  # noqa: E402

PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<a href='x'>", "</a>", "<br>", "<li>", "<ul>",
    "</ul>", "<h1>", "</h1>", "<table><tr><td>", "</td></tr></table>", "<script>", "</script>",
    "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>",
    "&amp;", "&#x0;", "&#xD800;", "&bogus", "<meta charset='utf-16'>", "<nav>", "</nav>",
    "<article>", "</article>", "<b>", "</b>", "<", ">", "\"", "'", "=", "\x00", "\u2028",
    "<!ENTITY e SYSTEM 'file:///etc/passwd'>", "&e;", "<svg>", "</svg>", "<template>",
    "<meta property='og:title' content='T'>", "<time datetime='2009-03-03'>", "</time>",
    "The mayor said the council would vote on the plan next week. ",
]


def target(data: bytes) -> None:
    if not data:
        return
    if data[0] % 2 == 0:
        check(data[1:], "html")
        return
    out = []
    for i, b in enumerate(data[1:]):
        out.append(PIECES[b % len(PIECES)] if b < 200 else chr(b) * (i % 7))
    check("<html><body>" + "".join(out), "html")


if __name__ == "__main__":
    sys.exit(main(target))
