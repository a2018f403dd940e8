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

from collections import Counter
from functools import lru_cache
from operator import attrgetter

from textclean.filters.base import BlockFilter
from textclean.model import PROSE_CHARS, PROSE_MAX_LINK_DENSITY, Block, Document
from textclean.registry import register

# Checked in this order, so the reason names the most telling container.
_REMOVE: tuple[str, ...] = (
    "cookie", "newsletter", "comment", "share", "social", "breadcrumb", "ad", "promo",
    "related", "tags", "srtext", "nav", "menu", "footer", "sidebar", "aside",
)
_CONTENT = frozenset({"article", "main"})
# A comment box holding most of the prose is a long thread under a short
# article, not a misnamed wrapper: it is never excused.
_NEVER_EXCUSED = frozenset({"comment"})
_EXCUSABLE = frozenset(_REMOVE) | {"header"}
_TAG = attrgetter("tag")
# When the containers would leave less than this share of the page's prose,
# the one holding the most of it wraps the article.
MIN_KEPT_PROSE = 0.1


@register("dom")
class DomHints(BlockFilter):
    """Removes lines in boilerplate containers, figure captions and long
    all-link lines."""

    name = "dom"

    def __init__(self, max_link_density: float = 0.85, min_link_chars: int = 150) -> None:
        self.max_link_density = max_link_density
        self.min_link_chars = min_link_chars
        self.excused: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        if not any(map(_TAG, blocks)):
            return  # not HTML: nothing here applies
        self.excused = _wrapper_hint(blocks)
        # The lines share a few dozen hint sets (one per container chain):
        # each is judged once a page, not once a line.
        by_hints: dict[frozenset[str], str | None] = {}
        max_density, min_chars = self.max_link_density, self.min_link_chars
        for block in blocks:
            if block.removed_by is None:
                hints = block.hints
                if hints in by_hints:
                    reason = by_hints[hints]
                else:
                    reason = by_hints[hints] = self._hint_reason(hints)
                # `_link_reason`'s test first: most lines have few links.
                if reason is None and block.link_density >= max_density \
                        and len(block.text) >= min_chars:
                    reason = self._link_reason(block)
                if reason:
                    block.remove(self.name, reason)

    def check(self, block: Block, doc: Document) -> str | None:
        return self._hint_reason(block.hints) or self._link_reason(block)

    def _hint_reason(self, hints: frozenset[str]) -> str | None:
        """Why a line with these hints goes, if they say it does."""
        if hints:
            hint = _container_hint(hints - self.excused if self.excused else hints)
            if hint is not None:
                return "inside the page header" if hint == "header" \
                    else f"inside a {hint} container"
            if "figcaption" in hints:
                # A figcaption is a caption by definition, even when it reads
                # like a sentence and the captions filter would keep it.
                return "caption"
        return None

    def _link_reason(self, block: Block) -> str | None:
        if block.link_density >= self.max_link_density and len(block.text) >= self.min_link_chars:
            return f"link text ({block.link_density:.0%} of a long line)"
        return None


# A page's lines share a few dozen hint sets (the reader makes one per
# container chain): each set is judged once.
@lru_cache(maxsize=4096)
def _container_hint(hints: frozenset[str]) -> str | None:
    """The boilerplate container a line is in (the most telling one)."""
    for hint in _REMOVE:
        if hint in hints:
            return hint
    if "header" in hints and not hints & _CONTENT:
        return "header"
    return None


def _wrapper_hint(blocks: list[Block]) -> frozenset[str]:
    """The boilerplate words that name the article's own wrapper, if any.

    Blog templates put their tags and categories into the article's class
    ("post tag-news category-promo"), and some wrap the story in a "sidebar"
    column: believed, such a word removes the whole article and leaves the
    body finder only scraps. When the boilerplate containers hold nearly all
    of the page's prose, the words on the lines that hold the most of it
    (inside an <article> element, if any is) are not believed.
    """
    total = kept = 0
    removed: Counter[frozenset[str]] = Counter()
    in_article: Counter[frozenset[str]] = Counter()  # of that, in an article element
    for block in blocks:
        # (`Block.prose_chars` and `Block.removed`, without the properties' calls)
        prose = len(block.text)
        if prose < PROSE_CHARS or block.link_density >= PROSE_MAX_LINK_DENSITY \
                or block.removed_by is not None:
            continue
        total += prose
        hint = _container_hint(block.hints)
        if hint is None:
            kept += prose
        elif not block.hints & _NEVER_EXCUSED:
            words = block.hints & _EXCUSABLE
            removed[words] += prose
            if "article" in block.hints:
                in_article[words] += prose
    if not removed or kept >= MIN_KEPT_PROSE * total:
        return frozenset()
    return (in_article or removed).most_common(1)[0][0]
