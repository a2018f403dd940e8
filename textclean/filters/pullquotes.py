"""Pull quotes: lines that repeat a sentence of the body, and their attribution.

Magazines and the BBC print a striking sentence again in large type, often
followed by a line naming the speaker. The repeat is removed and the
sentence stays once, where the body quotes it.
"""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.model import Block, Document
from textclean.registry import register

_NON_WORD = re.compile(r"\W+")
_SENTENCE_END = re.compile(r"[.!?。！？]['\"”’]?$")


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def _is_attribution(block: Block) -> bool:
    return (1 <= block.words <= 10 and not _SENTENCE_END.search(block.text)
            and block.text[:1].isupper())


@register("pullquotes")
class PullQuotes(Filter):
    """Removes kept lines whose words all appear inside a longer kept line."""

    name = "pullquotes"

    def __init__(self, min_words: int = 6, max_words: int = 80, max_blocks: int = 5000) -> None:
        self.min_words = min_words
        self.max_words = max_words
        self.max_blocks = max_blocks

    def __call__(self, doc: Document) -> None:
        kept = doc.kept()
        if len(kept) > self.max_blocks:
            return  # not an article page; the index below would only cost memory
        normed = [_norm(b.text) for b in kept]
        containing = _index_by_word(normed)
        for i, block in enumerate(kept):
            if not self.min_words <= block.words <= self.max_words or block.role == "heading":
                continue
            needle = normed[i]
            rarest = min(needle.split(), key=lambda w: len(containing.get(w, ())), default="")
            if any(j != i and len(normed[j]) > len(needle) and needle in normed[j]
                   for j in containing.get(rarest, ())):
                block.remove(self.name, "pull quote repeating a body sentence")
                nxt = kept[i + 1] if i + 1 < len(kept) else None
                if nxt is not None and _is_attribution(nxt):
                    nxt.remove(self.name, "attribution of a pull quote")


def _index_by_word(normed: list[str]) -> dict[str, list[int]]:
    """The lines each word occurs in.

    A pull quote's rarest word must occur in the line it repeats, so only
    those few lines are compared: near-linear in the page, not quadratic.
    """
    index: dict[str, list[int]] = {}
    for j, text in enumerate(normed):
        for word in set(text.split()):
            index.setdefault(word, []).append(j)
    return index
