"""Per-block features that every filter may read.

Computed once per block, here, so that filters stay cheap and never repeat
tokenisation on the hot path.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter

from textclean.language import STOPWORDS, guess_language
from textclean.model import Block

_WORD = re.compile(r"\w+")
_SEPARATOR = "\0"
_TEXT = attrgetter("text")
_WORD_OR_SEPARATOR = re.compile(r"\w+|\0")
# Indic, Tibetan, Myanmar and Khmer write vowel signs as combining marks,
# which `\w` does not match: "\w+" would cut a Hindi word in two or three,
# and no stop word would ever be found whole. The dandas (U+0964-5) end
# sentences and stay out.
_MARKED_RANGES = r"\u0900-\u0963\u0966-\u0dff\u0f00-\u109f\u1780-\u17ff"
_MARKED_SCRIPT = re.compile(f"[{_MARKED_RANGES}]")
_MARKED_WORD = re.compile(rf"[\w{_MARKED_RANGES}]+")
_MARKED_WORD_OR_SEPARATOR = re.compile(rf"[\w{_MARKED_RANGES}]+|\0")
# Scripts written without spaces: count characters, two to a word, so that
# length thresholds mean roughly the same thing in Chinese or Japanese.
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Every ASCII character that is neither a word character nor the separator.
_ASCII_NON_WORD_TO_SPACE = {c: " " for c in range(128)
                            if not _WORD.match(chr(c)) and chr(c) != _SEPARATOR}
# The same for UTF-8 bytes; bytes of other characters stay.
_UTF8_NON_WORD_TO_SPACE = bytes(0x20 if c in _ASCII_NON_WORD_TO_SPACE else c
                                for c in range(256))
# Past this many distinct characters outside ASCII (or at the first word
# character of a script with thousands, from U+3000 on) one regex call over
# the page is cheaper than a pass over it for each.
MAX_DISTINCT_CHARACTERS = 100
_LARGE_SCRIPTS = "\u3000"


def page_tokens(page: str) -> list[str]:
    """`_WORD_OR_SEPARATOR.findall(page)`: the words of `line_tokens`, each
    line's followed by the separator but the last."""
    tokens: list[str] = []
    for words in line_tokens(page):
        tokens += words
        tokens.append(_SEPARATOR)
    tokens.pop()
    return tokens


def line_tokens(page: str) -> list[list[str]]:
    """The \\w runs of each NUL-separated line of `page`, found the fast way:
    each distinct character outside ASCII that is not a word character
    (curly quotes, dashes) is blanked by one `replace` over the page, every
    other non-word character by a table, and each line is split at spaces.
    The regex costs a Python object and a reset of the engine per token,
    which on a long page adds up to more than all this.

    Word characters outside ASCII ("é") stay; to find the next character
    still to judge, a copy of the page has them replaced by "a" too.
    """
    lines = _line_tokens(page, False)
    assert lines is not None  # (only a search for marked scripts gives None)
    return lines


def _line_tokens(page: str, unless_marked: bool) -> list[list[str]] | None:
    """`line_tokens`; with `unless_marked`, None for a page in a marked
    script (see `_MARKED_SCRIPT`). The pass over the page's distinct
    characters meets every one of them, so it tells that for a fraction of
    a regex search over the whole page."""
    scan, out, start, distinct = page, page, 0, 0
    while not scan.isascii():
        found = _NON_ASCII.search(scan, start)
        if found is None:
            break  # (a str is ASCII exactly when the regex finds nothing)
        char, start = found.group(), found.start()
        if unless_marked and _MARKED_SCRIPT.match(char):
            return None
        distinct += 1
        if _WORD.match(char):
            if char >= _LARGE_SCRIPTS or distinct > MAX_DISTINCT_CHARACTERS:
                if unless_marked and _MARKED_SCRIPT.search(page):
                    return None  # (a character not met yet)
                return _split_lines(_WORD_OR_SEPARATOR.findall(page))
            scan = scan.replace(char, "a")
        else:
            scan, out = scan.replace(char, " "), out.replace(char, " ")
    if out.isascii():
        out = out.translate(_ASCII_NON_WORD_TO_SPACE)
    else:  # only word characters are left outside ASCII: bytes >= 0x80 stay
        out = out.encode("utf-8").translate(_UTF8_NON_WORD_TO_SPACE).decode("utf-8")
    return [line.split() for line in out.split(_SEPARATOR)]


def _split_lines(tokens: list[str]) -> list[list[str]]:
    """Tokens with separators between lines, as one list of tokens a line."""
    lines: list[list[str]] = []
    next_separator = tokens.index
    tokens.append(_SEPARATOR)
    start, last = 0, len(tokens)
    while start < last:
        end = next_separator(_SEPARATOR, start)
        lines.append(tokens[start:end])
        start = end + 1
    return lines


def count_words(text: str) -> int:
    if not text.isascii() and _MARKED_SCRIPT.search(text):
        return len(_MARKED_WORD.findall(text))
    tokens = _WORD.findall(text)
    if text.isascii() or not _DENSE_SCRIPT.search(text):
        return len(tokens)
    return max(len(tokens), len(_DENSE_SCRIPT.findall(text)) // 2)


def _word_count(text: str, lowered: str, n: int, marked: bool) -> int:
    """`count_words(text)`, given the `n` \\w runs of its lower-cased form.

    Lower-casing a character never turns a word character into another kind
    (tests check every code point); only U+0130 becomes two characters. So a
    line whose length lower-casing kept has the same \\w runs as its
    lower-cased form, and only dense scripts, U+0130 and pages in a marked
    script (whose words were read another way) need counting again.
    """
    if not marked and len(lowered) == len(text) and not _DENSE_SCRIPT.search(text):
        return n
    return count_words(text)


def annotate(blocks: list[Block], language: str | None = None) -> str:
    """Fill word counts, stop-word density and the lower-cased words (kept
    for later steps, see `Block.lower_words`, unless the words of a marked
    script were read whole); return the page's language."""
    return annotate_lowered(blocks, language)[0]


def annotate_lowered(blocks: list[Block],
                     language: str | None = None) -> tuple[str, list[str] | None]:
    """`annotate`, also giving the lower-cased lines it made (None when a
    line held a NUL), which `Document.blocks_containing` needs as well.

    The page is tokenised in one pass, lines joined by NUL, rather than one
    regex call per line: Python calls, not the matching, are the cost of a
    page of short lines.
    """
    lowered = list(map(str.lower, map(_TEXT, blocks)))
    page = _SEPARATOR.join(lowered)
    if page.count(_SEPARATOR) != len(blocks) - 1:  # NUL in a line: not from a reader
        return _annotate_each(blocks, language), None
    found = _line_tokens(page, True)
    marked = found is None
    lines = _split_lines(_MARKED_WORD_OR_SEPARATOR.findall(page)) if found is None else found
    if language is None or language not in STOPWORDS:
        language = guess_language(chain.from_iterable(lines))
    is_stop = STOPWORDS.get(language, STOPWORDS["en"]).__contains__
    for block, low, words in zip(blocks, lowered, lines, strict=True):
        text = block.text
        n = len(words)
        if not marked:  # the words `Block.lower_words` gives
            block.tokens = (text, words)
        block.words = n if text.isascii() else _word_count(text, low, n, marked)
        if n:
            block.stopword_density = sum(map(is_stop, words)) / n
    return language, lowered


def _annotate_each(blocks: list[Block], language: str | None) -> str:
    marked = [_MARKED_SCRIPT.search(b.text) is not None for b in blocks]
    tokens = [(_MARKED_WORD if m else _WORD).findall(b.text.lower())
              for b, m in zip(blocks, marked, strict=True)]
    if language is None or language not in STOPWORDS:
        language = guess_language(chain.from_iterable(tokens))
    is_stop = STOPWORDS.get(language, STOPWORDS["en"]).__contains__
    for block, words, m in zip(blocks, tokens, marked, strict=True):
        if not m:
            block.tokens = (block.text, words)
        block.words = len(words) if block.text.isascii() else count_words(block.text)
        if words:
            block.stopword_density = sum(map(is_stop, words)) / len(words)
    return language
