"""Copyright, rights and legal lines, and "not responsible for external sites"."""

from __future__ import annotations

import re

from textclean.filters.base import BlockFilter
from textclean.model import Block, Document
from textclean.registry import register

_LEGAL = re.compile(
    r"(?:^|\W)(?:copyright|\(c\)|©)\s*(?:\d{4}|(?-i:[A-Z]))|all rights reserved"
    r"|not responsible for the content of external"
    r"|may not be (?:published|reproduced|copied|redistributed)"
    r"|terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice|statement)"
    r"|^(?:copyright|©)",
    re.IGNORECASE,
)


@register("legal")
class Legal(BlockFilter):
    """Removes copyright and legal notices.

    Limited to lines of modest length: an article about a copyright case
    mentions copyright in long sentences, a footer does it in short ones.
    """

    name = "legal"
    cues = ("copyright", "(c)", "©", "rights reserved", "not responsible", "may not be",
            "terms of", "terms and", "privacy")

    def __init__(self, max_words: int = 60) -> None:
        self.max_words = max_words

    def check(self, block: Block, doc: Document) -> str | None:
        if block.words <= self.max_words and _LEGAL.search(block.text[:1000]):
            return "copyright or legal notice"
        return None
