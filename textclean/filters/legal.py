"""Copyright, rights and legal lines, and "not responsible for external sites".

Also the site's other standing disclaimers: delayed stock quotes, "has no
affiliation with", "reproduction without permission is prohibited", "does
not constitute advice". Disclaimers that articles quote or keep (a bare
"Disclaimer:", affiliate-link notes, "for informational purposes only") are
left to the body finder: gold bodies keep them about as often as not.
"""

from __future__ import annotations

import re

from textclean.filters.base import BlockFilter
from textclean.model import Block, Document
from textclean.registry import register

_LEGAL = re.compile(
    r"(?:^|\W)(?:copyright|\(c\)|©)\s*(?:\d{4}|(?-i:[A-Z]))|all rights reserved"
    r"|not responsible for (?:the |any )?(?:of the )?(?:content|opinions|views|accuracy)"
    r"|\bquotes? (?:are |is )?delayed\b"
    r"|\b(?:quote|market) data (?:is )?(?:provided|delayed|supplied)"
    r"|delayed (?:by )?(?:at least )?\d{1,2} minutes|\bhas no affiliation with\b"
    r"|\b(?:reproduction|redistribution|republication)\b.{0,40}?\b(?:prohibited"
    r"|without (?:the )?(?:prior )?(?:written )?(?:permission|consent))"
    r"|\b(?:does not|do not|is not intended to) constitute\b.{0,40}?\badvice\b"
    r"|\bnot (?:intended as|a substitute for) (?:professional )?"
    r"(?:medical |legal |financial )?advice\b"
    r"|may not be (?:published|reproduced|copied|redistributed)"
    r"|terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice|statement)"
    r"|^(?:copyright|©)",
    re.IGNORECASE,
)


@register("legal")
class Legal(BlockFilter):
    """Removes copyright and legal notices.

    Limited to lines of modest length: an article about a copyright case
    mentions copyright in long sentences, a footer does it in short ones.
    """

    name = "legal"
    cues = ("copyright", "(c)", "©", "rights reserved", "not responsible", "may not be",
            "terms of", "terms and", "privacy", "delayed", "quote data", "market data",
            "affiliation", "reproduction",
            "redistribution", "republication", "advice")

    def __init__(self, max_words: int = 60) -> None:
        self.max_words = max_words

    def check(self, block: Block, doc: Document) -> str | None:
        if block.words <= self.max_words and _LEGAL.search(block.text[:1000]):
            return "copyright or legal notice"
        if block.words <= LONG_FOOTER_WORDS and _COPYRIGHT_FIRST.match(block.text):
            return "copyright or legal notice"
        return None


# A line that opens with the copyright sign and a year or owner is the
# site's footer however long it runs on ("© 2023 Condé Nast. All rights
# reserved. Use of this site constitutes acceptance of ..."), up to this many words.
LONG_FOOTER_WORDS = 150
_COPYRIGHT_FIRST = re.compile(r"(?:©|\(c\)|copyright\s*(?:©|\(c\)))\s*(?:\d{4}|(?-i:[A-Z]))",
                              re.IGNORECASE)
