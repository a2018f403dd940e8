"""Script and style text that leaked into the page's text.

Old pages and some renderers (html2text on pages with unquoted scripts) put
JavaScript or CSS among the visible text; it is long and punctuated, so it
can pass for prose. Its symbols give it away: braces, semicolons and `=`
are rare in any language's prose.
"""

from __future__ import annotations

import re

from textclean.filters.base import BlockFilter
from textclean.model import Block, Document
from textclean.registry import register

_CODE_START = re.compile(
    r"^(?:(?:var|let|const) [\w$]{1,40} ?=|function ?[\w$]{0,40} ?\(|document\.|window\."
    r"|\$\(|/\*|<!--|//-->|@media|@import|[.#][\w-]{1,40} ?\{)")
_SYMBOLS = frozenset("{};=<>()[]$\\")


@register("code")
class Code(BlockFilter):
    """Removes lines of JavaScript or CSS."""

    name = "code"
    # Both rules need one of these: a line start above, or `{`/`=`.
    cues = ("{", "=", "function", "document.", "window.", "$(", "/*", "<!--", "@media",
            "@import")

    def __init__(self, min_symbol_share: float = 0.06) -> None:
        self.min_symbol_share = min_symbol_share

    def check(self, block: Block, doc: Document) -> str | None:
        text = block.text
        symbols = sum(1 for c in text if c in _SYMBOLS)
        share = symbols / len(text)
        if _CODE_START.match(text) and (symbols >= 2 or len(text) < 20):
            return "script or style text"
        if share >= self.min_symbol_share and symbols >= 4 and ("{" in text or "=" in text) \
                and not _formula(text):
            return f"script or style text ({share:.0%} code symbols)"
        return None


# Symbols a worked sum in prose uses ("Base Cost = $60 + $43.75 = $103.75"),
# spaced around its equals signs; code has others, or packs `a=b`.
_FORMULA_SYMBOLS = frozenset("=()$")


def _formula(text: str) -> bool:
    return " = " in text and all(c in _FORMULA_SYMBOLS for c in text if c in _SYMBOLS)
