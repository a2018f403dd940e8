"""Per-block features that every filter may read.

Computed once per block, here, so that filters stay cheap and never repeat
tokenisation on the hot path.
"""

from __future__ import annotations

import re
from itertools import chain

from textclean.language import STOPWORDS, guess_language
from textclean.model import Block

_WORD = re.compile(r"\w+")
# Scripts written without spaces: count characters, two to a word, so that
# length thresholds mean roughly the same thing in Chinese or Japanese.
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def count_words(text: str) -> int:
    tokens = _WORD.findall(text)
    if text.isascii() or not _DENSE_SCRIPT.search(text):
        return len(tokens)
    return max(len(tokens), len(_DENSE_SCRIPT.findall(text)) // 2)


def annotate(blocks: list[Block], language: str | None = None) -> str:
    """Fill word counts and stop-word density; return the page's language."""
    tokens = [_WORD.findall(b.text.lower()) for b in blocks]
    if language is None or language not in STOPWORDS:
        language = guess_language(chain.from_iterable(tokens))
    is_stop = STOPWORDS.get(language, STOPWORDS["en"]).__contains__
    for block, words in zip(blocks, tokens, strict=True):
        block.words = len(words) if block.text.isascii() else count_words(block.text)
        if words:
            block.stopword_density = sum(map(is_stop, words)) / len(words)
    return language
