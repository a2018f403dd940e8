"""Author lines ("By Jane Smith", "Written by", "Reporting by") at the body's edges."""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.model import Document
from textclean.registry import register

_BYLINE = re.compile(
    r"^(?:by|from|written by|posted by|words by|story by|von|par|por|di|door|av|autor|author"
    r"|reporting by|additional reporting by|editing by|compiled by|reported by)\s*:?\s+"
    r"[\w\u00c0-\u024f.'’-]+(?:\s+[\w\u00c0-\u024f.'’,&-]+){0,12}$"
    r"|^(?:follow|email|contact) (?:him|her|them|the author|@)"
    r"|^[\w.-]+@[\w-]+\.[\w.]+$|^@\w+$",
    re.IGNORECASE,
)


@register("bylines")
class Bylines(Filter):
    """Removes author lines near the start or the end of the body.

    Only the edges are looked at: "by" opens many ordinary sentences, but an
    author line sits next to the headline or under the last paragraph.
    """

    name = "bylines"

    def __init__(self, edge: int = 4, max_words: int = 15) -> None:
        self.edge = edge
        self.max_words = max_words

    def __call__(self, doc: Document) -> None:
        kept = doc.kept()
        edges = kept[: self.edge] + kept[-self.edge:]
        for block in edges:
            if block.words <= self.max_words and _BYLINE.match(block.text):
                block.remove(self.name, "byline or author contact")
