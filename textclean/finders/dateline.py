"""The dateline: the publication line near the headline (first cut)."""

from __future__ import annotations

from textclean.filters.base import Filter
from textclean.model import Document
from textclean.registry import register


@register("dateline")
class DatelineFinder(Filter):
    """Finds the publication line; not yet implemented beyond a no-op."""

    name = "dateline"

    def __call__(self, doc: Document) -> None:
        return None
