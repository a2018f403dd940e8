"""Reader comment sections: the heading that opens them and what follows.

Comments read like prose, so classification alone keeps them; the section
heading is the reliable cue. Everything after a comment heading that closes
the article is removed, since comment threads run to the end of the page.
"""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.model import Document
from textclean.registry import register

_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:reader |user |your )?(?:comments?|responses?|replies|discussion)"
    r"(?:\s*\(\d+\))?\s*:?$"
    r"|^(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)"
    r"|^join the (?:conversation|discussion)|^what do you think\??$"
    r"|^(?:\d+|no) (?:comments?|responses?|replies)(?: so far)?(?: yet)?"
    r"|^(?:comments are closed|comments for this (?:article|story) (?:are|have been) closed)"
    r"|^you must be logged in to post a comment|^have your say",
    re.IGNORECASE,
)


@register("comments")
class Comments(Filter):
    """Removes a comment section from its heading to the end of the page.

    Only a heading in the second half of the page's text opens a section:
    a "Comments" link in the top menu must not swallow the article.
    """

    name = "comments"

    def __init__(self, min_position: float = 0.5) -> None:
        self.min_position = min_position

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        total = sum(len(b.text) for b in blocks) or 1
        seen = 0
        for i, block in enumerate(blocks):
            seen += len(block.text)
            if block.words <= 12 and _HEADING.match(block.text):
                if seen / total < self.min_position:
                    block.remove(self.name, "comment link")
                    continue
                for rest in blocks[i:]:
                    rest.remove(self.name, f"comment section under {block.text!r}")
                return
