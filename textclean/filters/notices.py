"""Browser-upgrade, enable-JavaScript and cookie notices.

These are sentences, often long ones, so length-based classification keeps
them; only their wording gives them away.
"""

from __future__ import annotations

import re

from textclean.filters.base import BlockFilter
from textclean.model import Block, Document
from textclean.registry import register

_NOTICE = re.compile(
    r"best viewed (?:in|with)|upgrad(?:e|ing) your (?:web )?browser|update your browser"
    r"|(?:enable|turn on|activate) (?:javascript|cookies|style ?sheets)"
    r"|javascript (?:is|has been) (?:disabled|turned off|required)"
    r"|your browser (?:does not|doesn't|is not|isn't) (?:support|supported|up to date)"
    r"|(?:we|this (?:site|website)) uses? cookies|use of cookies|accept (?:all )?cookies"
    r"|cookie (?:policy|settings|preferences|consent)|by continuing to (?:use|browse)"
    r"|(?:ad|content) ?blocker|disable your ad ?block|whitelist (?:us|our site)"
    r"|unsupported browser|outdated browser|full visual experience",
    re.IGNORECASE,
)




@register("notices")
class Notices(BlockFilter):
    """Removes notices about the reader's browser, scripts, cookies or ad blocker."""

    name = "notices"
    # Every notice contains one of these words.
    cues = ("browser", "javascript", "cookie", "block", "style", "visual", "by continuing")

    def __init__(self, max_words: int = 120) -> None:
        self.max_words = max_words

    def check(self, block: Block, doc: Document) -> str | None:
        if block.words > self.max_words:
            return None
        if _NOTICE.search(block.text[:2000]):
            return "browser, script or cookie notice"
        return None
