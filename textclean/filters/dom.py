"""Lines inside the page's menus, footers, sidebars and widgets (HTML only).

The DOM says outright what text heuristics must guess: a line inside <nav>,
<footer> or `class="share-bar"` is not the article, however sentence-like
it reads. The reader has already resolved conflicts between containers (the
nearest one wins, and a "sidebar" wrapping most of the page's prose is not
taken for one), so here a boilerplate hint is enough.

Plain text input has no hints and no block tags, so this step leaves it
alone; link density from markdown is the navigation filter's business.
"""

from __future__ import annotations

from textclean.filters.base import BlockFilter
from textclean.model import Block, Document
from textclean.registry import register

# Checked in this order, so the reason names the most telling container.
_REMOVE: tuple[str, ...] = (
    "cookie", "newsletter", "comment", "share", "social", "breadcrumb", "ad", "promo",
    "related", "tags", "srtext", "nav", "menu", "footer", "sidebar", "aside",
)
_CONTENT = frozenset({"article", "main"})


@register("dom")
class DomHints(BlockFilter):
    """Removes lines in boilerplate containers, figure captions and long
    all-link lines."""

    name = "dom"

    def __init__(self, max_link_density: float = 0.85, min_link_chars: int = 150) -> None:
        self.max_link_density = max_link_density
        self.min_link_chars = min_link_chars

    def __call__(self, doc: Document) -> None:
        if not any(b.tag for b in doc.blocks):
            return  # not HTML: nothing here applies
        super().__call__(doc)

    def check(self, block: Block, doc: Document) -> str | None:
        hints = block.hints
        if hints:
            for hint in _REMOVE:
                if hint in hints:
                    return f"inside a {hint} container"
            if "header" in hints and not hints & _CONTENT:
                return "inside the page header"
            if "figcaption" in hints:
                # A figcaption is a caption by definition, even when it reads
                # like a sentence and the captions filter would keep it.
                return "caption"
        if block.link_density >= self.max_link_density and len(block.text) >= self.min_link_chars:
            return f"link text ({block.link_density:.0%} of a long line)"
        return None
