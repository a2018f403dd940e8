"""Pull quotes: lines that repeat a sentence of the body, and their attribution.

Magazines and the BBC print a striking sentence again in large type, often
followed by a line naming the speaker. The repeat is removed and the
sentence stays once, where the body quotes it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from textclean.filters.base import Filter
from textclean.model import Block, Document
from textclean.registry import register

_EDGE = ("", " ", "\n")  # what may border a whole-word match in the joined lines
_SENTENCE_END = re.compile(r"[.!?。！？।]['\"”’]?$")
# A full stop followed by a capital inside the line: the line holds two
# sentences or more, as body paragraphs do and pull quotes rarely do.
_INNER_SENTENCE = re.compile(r"[.!?]['\"”’)]?\s+['\"“‘]?[A-Z]")


def _norm(block: Block) -> str:
    """The line's words, lower-cased, one space apart."""
    return " ".join(block.lower_words())


def _is_attribution(block: Block) -> bool:
    return (1 <= block.words <= 10 and not _SENTENCE_END.search(block.text)
            and block.text[:1].isupper())


@register("pullquotes")
class PullQuotes(Filter):
    """Removes kept one-sentence lines whose words all appear inside a longer kept line.

    Only single sentences count: on the dev pages, lines of several sentences
    found inside another line were more often quoted text in comments or a
    repeated paragraph than a pull quote.
    """

    name = "pullquotes"

    def __init__(self, min_words: int = 6, max_words: int = 80, max_blocks: int = 5000) -> None:
        self.min_words = min_words
        self.max_words = max_words
        self.max_blocks = max_blocks

    def __call__(self, doc: Document) -> None:
        kept = doc.kept()
        if len(kept) > self.max_blocks:
            return  # not an article page; the search below would only cost time
        normed = [_norm(b) for b in kept]
        # One string of all lines: a repeat is found by str.find, in C, and
        # the line it lies in by bisecting the line starts.
        page = "\n".join(normed)
        starts = [0, *accumulate(len(t) + 1 for t in normed)][:-1]
        # The answer depends on the line's words alone (an identical line is
        # never "longer"), so a line repeated down the page is looked up once.
        answers: dict[str, bool] = {}
        for i, block in enumerate(kept):
            # A line taken for a subheading by its shape alone may still be a
            # pull quote; a heading the markup marks as such is not.
            if not self.min_words <= block.words <= self.max_words or block.heading_level \
                    or block.tag == "pre" or _INNER_SENTENCE.search(block.text):
                continue
            needle = normed[i]
            if needle not in answers:
                answers[needle] = _repeated_in_longer(needle, normed, page, starts)
            if answers[needle]:
                block.remove(self.name, "pull quote repeating a body sentence")
                nxt = kept[i + 1] if i + 1 < len(kept) else None
                if nxt is not None and _is_attribution(nxt):
                    nxt.remove(self.name, "attribution of a pull quote")


# A pull quote repeats a sentence once or twice; words found more often than
# this are a refrain or boilerplate, and searching on would cost time for
# nothing (quadratic on a page of one line repeated).
MAX_OCCURRENCES = 20


def _repeated_in_longer(needle: str, normed: list[str], page: str, starts: list[int]) -> bool:
    """Whether a longer line contains the needle's words, whole."""
    if not needle:
        return False
    pos = page.find(needle)
    for _ in range(MAX_OCCURRENCES):
        if pos == -1:
            return False
        j = bisect_right(starts, pos) - 1
        end = pos + len(needle)
        if len(normed[j]) > len(needle) and page[pos - 1:pos] in _EDGE \
                and page[end:end + 1] in _EDGE and _adds_words(normed[j], needle):
            return True
        pos = page.find(needle, pos + 1)
    return False


def _adds_words(longer: str, needle: str) -> bool:
    """Whether the longer line says something besides the needle.

    A body paragraph quoting a pull quote has words of its own around it; a
    line that only repeats the needle's words is a repetition, not a source,
    and removing the needle for it would lose text.
    """
    return not set(longer.split()) <= set(needle.split())
