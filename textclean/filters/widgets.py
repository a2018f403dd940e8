"""Share, print, email, sign-in, subscribe and similar page controls.

A control is a short line made only of control words ("Share", "Print
Sponsor", "Sign in", "Email this", "Comments (12)"): the whole line must be
such words, so a sentence that happens to mention sharing is never touched.
The one sentence-shaped control is the sign-up pitch, told by its phrasing.
"""

from __future__ import annotations

import re

from textclean.filters.base import BlockFilter
from textclean.filters.vocabulary import vocabulary
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
    r"|fullscreen|full screen|exit fullscreen|share this on|story tools|article tools"
    r"|article controls|back to gallery|advert|continue reading below|view all comments"
    r"|read all comments|view all|expand full story|reader comments|article continues"
    r"|article continues below|enlarge|enlarge this image|view (?:the )?(?:full )?gallery"
    r"|\d+ photos|\d+ pictures|more photos|see more photos|click to follow"
    r"|comment on this(?: story| article| post)?"
    r"|printer friendly(?: version| page)?|printer-friendly(?: version| page)?"
    r"|e-?mail a friend|e-?mail-a-friend|e-?mail to a (?:friend|colleague)|respond"
    r"|\d+ comments?|comments? \(\d+\)|\(\d+\)|\d+"
)
_SEPARATOR = r"[\s|/·•,:;>»›!-]"
# Items must be separated: with an optional separator, a run of digits could
# be split between repetitions in exponentially many ways.
_CONTROL_LINE = re.compile(
    rf"^(?:{_CONTROL_WORDS})(?:{_SEPARATOR}+(?:{_CONTROL_WORDS})){{0,7}}{_SEPARATOR}*$",
    re.IGNORECASE,
)

# Most lines hold a word no control line has (see filters/vocabulary.py).
_VOCABULARY = vocabulary(_CONTROL_WORDS)

# A sentence selling the newsletter or a subscription ("Get the latest news
# delivered to your inbox.", "Click here to subscribe to The Times."), its
# small print, or the author's "Follow me on Twitter": a widget in prose
# form, never a line of the story it interrupts.
_PITCH = re.compile(
    r"\bclick here to (?:subscribe|sign up|register)\b"
    r"|\bdelivered (?:\w+ ){0,2}to your (?:inbox|e-?mail)"
    r"|\b(?:sign up|subscribe) (?:for|to) (?:our|the) (?:[\w'’-]+ ){0,5}newsletters?\b"
    r"|\bunsubscribe (?:at )?any ?time\b|^follow me on (?:twitter|facebook|linkedin|instagram)\b",
    re.IGNORECASE,
)
# A pitch holds one of these words; most lines hold none, and a set test
# rules them out before the pattern runs.
_PITCH_WORDS = frozenset({"click", "inbox", "newsletter", "newsletters", "email", "mail",
                          "unsubscribe", "follow"})
PITCH_WORDS = 35


@register("widgets")
class Widgets(BlockFilter):
    """Removes lines made only of share, print, sign-in and subscribe controls."""

    name = "widgets"

    def check(self, block: Block, doc: Document) -> str | None:
        if block.table_cell and block.text.isdigit():
            return None  # a figure in a data table ("1947"), not a share count
        # The length test first, here and not only in control_line: this runs
        # for every line of the page, and most are longer.
        if block.words <= 12 and control_line(block):
            return "page control (share, print, sign-in, subscribe)"
        if block.words <= PITCH_WORDS and not _PITCH_WORDS.isdisjoint(block.lower_words()) \
                and _PITCH.search(block.text[:400]):
            return "newsletter or subscription pitch"
        return None


def control_line(block: Block) -> bool:
    """A line made only of control words, whichever filter removed it first:
    the headline finder asks too, since a skip link inside a nav container
    goes as navigation before this filter sees it."""
    return (block.words <= 12 and len(block.text) <= 120
            and (_VOCABULARY is None or _VOCABULARY.may_match(block))
            and _CONTROL_LINE.match(block.text) is not None)
