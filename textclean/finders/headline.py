"""The headline: the title line just above the article body.

Site names, section labels, captions and menus also sit above the body, so
candidates are scored: a marked-up top-level heading or a line matching the
page's own title metadata wins outright; otherwise a title-shaped line alone
in its group, close to the body, does.
"""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.model import Block, Document
from textclean.registry import register

_NON_WORD = re.compile(r"\W+")
_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b")
_UNLIKELY = frozenset({"widgets", "notices", "legal", "comments", "captions", "bylines"})


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def _title_match(text: str, titles: list[str]) -> float:
    """1.0 when the line is one of the page's titles, partial when it is inside one."""
    norm = _norm(text)
    if not norm:
        return 0.0
    best = 0.0
    for title in titles:
        t = _norm(title)
        if norm == t:
            return 1.0
        if len(norm) >= 15 and norm in t:
            best = max(best, len(norm) / len(t))
    return best


@register("headline")
class Headline(Filter):
    """Finds the headline above (or at the top of) the body region."""

    name = "headline"

    def __init__(self, look_back: int = 25, look_ahead: int = 2) -> None:
        self.look_back = look_back
        self.look_ahead = look_ahead

    def _score(self, block: Block, distance: int, doc: Document, group_size: int) -> float:
        if block.removed_by in _UNLIKELY or not 2 <= block.words <= 40 or len(block.text) > 300:
            return -1.0
        if block.link_density > 0.6 and block.heading_level != 1:
            return -1.0
        score = 1.0
        titles = doc.meta.headlines + ([doc.meta.title] if doc.meta.title else [])
        score += 6.0 * _title_match(block.text, titles)
        if block.heading_level == 1:
            score += 4.0
        elif block.heading_level:
            score += 1.0
        if group_size == 1:
            score += 1.0
        if 4 <= block.words <= 25:
            score += 1.0
        if block.text.endswith(".") or _DATE_LIKE.search(block.text):
            score -= 1.5
        return score - 0.08 * distance

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        if not blocks or doc.body_end <= doc.body_start:
            return
        group_sizes: dict[int, int] = {}
        for b in blocks:
            group_sizes[b.group] = group_sizes.get(b.group, 0) + 1
        lo = max(0, doc.body_start - self.look_back)
        hi = min(len(blocks), doc.body_start + self.look_ahead)
        best_score, best_index = 0.0, None
        for i in range(lo, hi):
            block = blocks[i]
            if i >= doc.body_start and block.role != "heading":
                continue
            score = self._score(block, abs(doc.body_start - i), doc, group_sizes[block.group])
            if score > best_score:
                best_score, best_index = score, i
        if best_index is not None:
            chosen = blocks[best_index]
            chosen.removed_by, chosen.reason = self.name, "the headline"
            chosen.role = "headline"
            doc.headline_index = best_index
