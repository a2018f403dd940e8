"""Per-block features that every filter may read.

Computed once per block, here, so that filters stay cheap and never repeat
tokenisation on the hot path.
"""

from __future__ import annotations

import re

from textclean.language import STOPWORDS, guess_language
from textclean.model import Block

_WORD = re.compile(r"\w+")
# Scripts written without spaces: count characters, two to a word, so that
# length thresholds mean roughly the same thing in Chinese or Japanese.
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def count_words(text: str) -> int:
    tokens = _WORD.findall(text)
    dense = len(_DENSE_SCRIPT.findall(text)) if not text.isascii() else 0
    if dense:
        return max(len(tokens), dense // 2)
    return len(tokens)


def annotate(blocks: list[Block], language: str | None = None) -> str:
    """Fill word counts and stop-word density; return the page's language."""
    tokens = [_WORD.findall(b.text.lower()) for b in blocks]
    if language is None or language not in STOPWORDS:
        language = guess_language(w for ts in tokens for w in ts)
    stops = STOPWORDS.get(language, STOPWORDS["en"])
    for block, words in zip(blocks, tokens, strict=True):
        block.words = count_words(block.text) if not block.text.isascii() else len(words)
        if words:
            block.stopword_density = sum(1 for w in words if w in stops) / len(words)
    return language
