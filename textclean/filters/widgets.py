"""Share, print, email, sign-in, subscribe and similar page controls.

A control is a short line made only of control words ("Share", "Print
Sponsor", "Sign in", "Email this", "Comments (12)"): the whole line must be
such words, so a sentence that happens to mention sharing is never touched.
"""

from __future__ import annotations

import re

from textclean.filters.base import BlockFilter
from textclean.model import Block, Document
from textclean.registry import register

_CONTROL_WORDS = (
    r"share|shares|sharing|share this(?: article| story| page)?|share on \w+|tweet|retweet"
    r"|e-?mail(?: this)?(?: article| story| page)?|print(?: this)?(?: article| story| page)?"
    r"|sponsor|print sponsor|save|saved|bookmark|like|pin|pin it|whatsapp|facebook|twitter|x"
    r"|linkedin|pinterest|reddit|tumblr|telegram|flipboard|messenger|copy link|copy|link"
    r"|sign in|sign up|log in|login|log out|logout|sign out|signout|log off|register"
    r"|my account|account|manage account|create (?:an )?account|my profile|edit profile"
    r"|forgot (?:your )?password\??|subscribe|subscribe now"
    r"|subscribers? only|newsletter|sign up for our newsletter|follow|follow us|follow us on \w+"
    r"|advertisement|advertising|sponsored|sponsored content|ad|ads|skip navigation"
    r"|(?:skip|jump) to(?: (?:the )?(?:main )?(?:content|navigation|search|menu|article|footer))?"
    r"|navigation|back to top|top|menu|search|close|open|next|previous|prev|more"
    r"|read more|continue reading|click here|listen|listen to this article|watch|play video"
    r"|comments?|view comments|show comments|add comment|text size|font size|a\+|a-|reprints"
    r"|permalink|rss|feedback|report|report an error|report this ad|home|options|gift this article"
    r"|\d+ comments?|comments? \(\d+\)|\(\d+\)|\d+"
)
_SEPARATOR = r"[\s|/·•,:;>»›-]"
# Items must be separated: with an optional separator, a run of digits could
# be split between repetitions in exponentially many ways.
_CONTROL_LINE = re.compile(
    rf"^(?:{_CONTROL_WORDS})(?:{_SEPARATOR}+(?:{_CONTROL_WORDS})){{0,7}}{_SEPARATOR}*$",
    re.IGNORECASE,
)

# Syntax `_vocabulary` reads: letters, spaces, `|`, `-`, groups, `?`, `+` and
# these escapes. Anything else in the pattern turns the shortcut off.
_READABLE = re.compile(r"(?:[a-z |()?:+-]|\\[wd()+?])*")


def _vocabulary(pattern: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The words (runs of \\w, lower case) a control line may consist of,
    besides numbers, and the words after which any word may come ("share on
    \\w+"); None when the pattern holds syntax this reading does not follow.

    A word is a run of letters, each letter optionally optional ("comments?",
    "e-?mail"). A group glued to a letter ("sign(?:ed)") could join words,
    so it turns the shortcut off too.
    """
    if not _READABLE.fullmatch(pattern) or re.search(r"[a-z]\(\?:[^ ]|[^ ]\)\??[a-z]", pattern):
        return None
    free = re.findall(r"(?<![a-z])([a-z]+) \\w\+", pattern)
    if len(free) != pattern.count("\\w"):
        return None
    words: set[str] = set()
    for token in re.findall(r"(?<!\\)(?:[a-z-]\??)+", pattern):
        variants = [""]
        for char, optional in re.findall(r"([a-z-])(\??)", token):
            variants = [v + char for v in variants] + (variants if optional else [])
        words.update(w for v in variants for w in v.split("-") if w)
    return frozenset(words), frozenset(free)


_VOCABULARY = _vocabulary(_CONTROL_WORDS)


def _may_be_control_line(block: Block) -> bool:
    """False when the line holds a word no control line has: most lines are
    ruled out by a set lookup instead of the pattern's hundred branches.
    (Only ASCII lines: IGNORECASE matches some other letters, like the long
    s, that lower-casing does not map.)"""
    if _VOCABULARY is None or not block.text.isascii():
        return True
    words = block.lower_words()
    vocabulary, free = _VOCABULARY
    if vocabulary.issuperset(words) or not free.isdisjoint(words):
        return True
    return all(w in vocabulary or w.isdigit() for w in words)


@register("widgets")
class Widgets(BlockFilter):
    """Removes lines made only of share, print, sign-in and subscribe controls."""

    name = "widgets"

    def check(self, block: Block, doc: Document) -> str | None:
        if block.table_cell and block.text.isdigit():
            return None  # a figure in a data table ("1947"), not a share count
        if block.words <= 12 and len(block.text) <= 120 and _may_be_control_line(block) \
                and _CONTROL_LINE.match(block.text):
            return "page control (share, print, sign-in, subscribe)"
        return None
