"""Ruling a line out by its words before a pattern of many alternatives runs.

A pattern like the widgets step's list of control words, matched with
IGNORECASE against the whole line, tries every one of its hundred branches
on nearly every line of a page to reject it. Such a line almost always holds
a word that the pattern does not have: one set lookup says so. The words are
read off the pattern itself, so the shortcut follows the pattern as it is
edited, and turns itself off when the pattern holds syntax it does not read.
`vocabulary` reads a pattern matched against the whole line; `openers` one
searched for inside it, whose match must open with one of a few words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import filterfalse

from textclean.model import Block

# Syntax read: lower-case letters, spaces, `|`, groups, `?`, `+`, `*`, `-`,
# `'`, anchors, the escapes \w \d \s \( \) \+ \? and the wildcards below.
_BOUNDED_WILDCARD = r"\.\{\d{1,3},\d{1,3}\}|\[\\w \]\{\d{1,3},\d{1,3}\}"
_READABLE = re.compile(rf"(?:[a-z |()?:+*'^$-]|\\[wds()+?]|{_BOUNDED_WILDCARD})*")
_HAS_WILDCARD = re.compile(rf"\\w\+|{_BOUNDED_WILDCARD}")
# A group, \w or \d glued to a letter ("sign(?:ed)", "top\d") could join two
# words into one.
_GLUED = re.compile(r"[a-z]\(\?:[^ ]|[^ ]\)\??[a-z]|[a-z]\\[wd]|\\[wd][+*?]?[a-z]")
# An alternative with a wildcard must open with a word it always has.
_OPENING_WORD = re.compile(r"\A(?:[a-z]+|\(\?:[a-z|]+\)) ")
# Letters, each maybe optional, maybe joined by an optional "-" or "'".
_TOKEN = re.compile(r"(?<![\\a-z])(?:[a-z'-]\??)+")
_CHAR = re.compile(r"([a-z'-])(\??)")
_JOINERS = re.compile(r"['-]")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words a line a pattern matches may consist of (runs of \\w, lower
    case), besides numbers, and the words of its wildcard alternatives
    ("share on \\w+"): a line with one of those is left to the pattern."""

    words: frozenset[str]
    triggers: frozenset[str]

    def may_match(self, block: Block) -> bool:
        """False only when the pattern cannot match the line. ASCII lines
        only: IGNORECASE matches letters, like the long s, that lower-casing
        leaves alone."""
        text = block.text
        if not text.isascii():
            return True
        tokens = block.tokens  # (block.lower_words(), without the call)
        words = tokens[1] if tokens is not None and tokens[0] is text else block.lower_words()
        vocabulary = self.words
        if vocabulary.issuperset(words) or not self.triggers.isdisjoint(words):
            return True
        return "".join(filterfalse(vocabulary.__contains__, words)).isdigit()  # numbers only


def vocabulary(alternatives: str) -> Vocabulary | None:
    """The vocabulary of a `|`-separated list of alternatives, each matched
    whole between separators; None when it holds syntax this reading does not
    follow."""
    if not _READABLE.fullmatch(alternatives) or _GLUED.search(alternatives):
        return None
    triggers: set[str] = set()
    for alternative in _top_level(alternatives):
        if _HAS_WILDCARD.search(alternative):
            if not _OPENING_WORD.match(alternative):
                return None
            triggers.update(_words(alternative))
    return Vocabulary(frozenset(_words(alternatives)), frozenset(triggers))


def _words(pattern: str) -> set[str]:
    words: set[str] = set()
    for token in _TOKEN.findall(pattern):
        variants = [""]
        for char, optional in _CHAR.findall(token):
            variants = [v + char for v in variants] + (variants if optional else [])
        words.update(w for v in variants for w in _JOINERS.split(v) if w)
    return words


def _top_level(pattern: str) -> list[str]:
    """The pattern split at the `|` outside groups."""
    parts, depth, start, escaped = [], 0, 0, False
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def openers(alternatives: str) -> frozenset[str] | None:
    """The words (runs of \\w, lower case) a match of `\\b(?:alternatives)\\b`
    can open with: "e-?mail" opens with "e" or "email", "feeds?" with "feed"
    or "feeds". None when an alternative holds syntax besides letters, spaces,
    "-", "?" and a bracketed class after its first word.

    Such a match opens a word of the line, and its first word ends where a
    word of the line does; so an ASCII line none of whose words is one of
    these cannot match, and one set test spares the regex's many branches.
    (Outside ASCII, IGNORECASE matches letters that lower-casing keeps.)
    """
    found: set[str] = set()
    for alternative in alternatives.split("|"):
        head = _HEAD_WORD.match(alternative)
        if head is None or not _PLAIN_ALTERNATIVE.fullmatch(alternative):
            return None
        variants = [""]
        for char, optional in _OPTIONAL_CHAR.findall(head.group()):
            variants = [v + char for v in variants] + (variants if optional else [])
        found.update(_RUN.match(v).group() for v in variants)  # type: ignore[union-attr]
    return frozenset(found) if "" not in found else None


_HEAD_WORD = re.compile(r"[a-z][a-z?-]*")
_PLAIN_ALTERNATIVE = re.compile(r"[a-z][a-z?-]*(?: [a-z]+|\[- \][a-z]+)*")
_OPTIONAL_CHAR = re.compile(r"([a-z-])(\??)")
_RUN = re.compile(r"\w+")
