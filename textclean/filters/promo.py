"""Related, most-read, recommended and promo link lists.

Such a list starts with a label ("Related stories", "Most read", "More from
the BBC", "You may also like"); the label and the headline-like lines under
it go, up to the next line of prose.
"""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.filters.vocabulary import vocabulary
from textclean.model import Block, Document
from textclean.registry import register

_LABELS = (
    r"(?:the )?most (?:read|popular|viewed|shared|emailed|commented|watched)"
    r"|most (?:read|popular|viewed) (?:on|in) [\w ]{1,25}|also in (?:this section|the news)"
    r"|related(?: stories| articles| content| news| posts| links| topics| coverage| reading)?"
    r"|(?:you )?(?:may|might|will) (?:also )?(?:like|want|enjoy|be interested)"
    r"(?: to read| reading| in)?"
    r"|also (?:read|see)|(?:readers|people) (?:also|who read this)[\w ]{0,30}"
    r"|(?:read|see) (?:more|also)|more (?:news|stories|articles|like this|to explore)"
    r"|more (?:from|on|in)(?: [\w ]{1,25})?|next up(?: in [\w ]{1,25})?"
    r"|next article(?: in [\w ]{1,25})?"
    r"|recommended(?: for you| stories| articles| reading)?|trending(?: now| stories| topics)?"
    r"|popular(?: now| stories| articles| posts)?|top stories|latest(?: news| stories| articles)?"
    r"|editor'?s? picks|don'?t miss|elsewhere on .{1,40}|around the web|from around the web"
    r"|promoted stories|sponsored stories|in other news|what to read next|read next|up next"
    r"|tags?|topics?|filed under|categories|keep reading|more stories|other stories"
    r"|recent posts|recent articles|similar articles|featured(?: stories| articles)?"
    r"|news from .{1,30}|top (?:news|headlines)|headlines"
)
_LABEL = re.compile(rf"^(?:{_LABELS})\s*[:»›]?$", re.IGNORECASE)
# Most short lines hold a word no label has (see filters/vocabulary.py).
_VOCABULARY = vocabulary(_LABELS)
_PROSE_END = re.compile(r"[.!?]['\"”’)]?$")


@register("promo")
class Promo(Filter):
    """Removes link lists under a related/most-read/promo label."""

    name = "promo"

    def __init__(self, max_items: int = 30) -> None:
        self.max_items = max_items

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            if block.words > 8 or _VOCABULARY is not None and not _VOCABULARY.may_match(block) \
                    or not _LABEL.match(block.text):
                continue
            block.remove(self.name, f"promo label {block.text!r}")
            for item in blocks[i + 1:i + 1 + self.max_items]:
                if _is_prose(item):
                    break
                item.remove(self.name, f"item of the list under {block.text!r}")


def _is_prose(block: Block) -> bool:
    return block.words >= 25 or (block.words >= 12 and bool(_PROSE_END.search(block.text))
                                 and block.link_density < 0.5)
