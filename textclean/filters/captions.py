"""Image and video captions and photo credits inside the article.

A caption sits among body paragraphs but is not one: it does not end like a
sentence, yet it is too long and too sentence-like to be a subheading. Photo
credits are recognised by their wording. Runs after the body step, so it only
judges lines that survived as body.
"""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.model import Block, Document
from textclean.registry import register

_CREDIT = re.compile(
    r"(?:^|[\s(\[|])(?:photo(?:graph)?s?|image|picture|pic|video|illustration|graphic|credit"
    r"|source|foto|bild|caption|image copyright|image caption|media caption)\s*(?::|by\b|/|©)"
    r"|\b(?:getty images|afp|ap photo|reuters/|epa|shutterstock|istock|alamy|pa wire"
    r"|pa media|dpa|bloomberg via getty)\b.{0,40}$"
    # A line that only starts with the word ("Video production covers ...",
    # "Watch out for scams!") is a caption unless it ends like a sentence.
    r"|^(?:photo|image|video|watch|gallery|slideshow|pictured)\b(?![^\n]*[.!?]$)"
    r"|\(\s*(?:photo|image|picture|video|file photo|credit)\b"
    r"|^(?:getty|afp|epa)$",
    re.IGNORECASE,
)
# Every credit contains one of these (lower case); testing them first is four
# times cheaper than the full pattern on the lines without.
_CREDIT_CUE = re.compile(
    "photo|image|pic|video|illustration|graphic|credit|source|foto|bild|caption|getty|afp"
    "|ap photo|reuters/|epa|shutterstock|istock|alamy|pa wire|pa media|dpa|bloomberg|watch"
    "|gallery|slideshow")
_DATED_CAPTION = re.compile(r"\(\d{1,2} \w{3,9} \d{4}\)\s*$")
# A video's title with its running time ("Damage in downtown Lake Charles
# (4:09)", "Neighbors describe London attacker 02:29"): no other digit, no
# quotation (a verse reference, "Hebrews 6:19"), and no word that makes the
# number a clock time ("updated 10:30", "at 11:56").
_RUNNING_TIME = re.compile(r"^[^\d\"“”@]{12,200}\s\(?\d{1,2}:[0-5]\d\)?$")
_CLOCK_TIME = re.compile(
    r"\b(?:at|um|à|a las|alle|updated|posted|published|gmt|utc|et|est|edt|pst|am|pm|uhr|h|kl"
    r"|klo)\s+\(?\d{1,2}:[0-5]\d\)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…。！？।」\"”’'»)]$")
_TITLE_WORD = re.compile(r"^[\W\d]*[A-Z\u00c0-\u00de0-9]")
HEADING_WORDS = 5
PLAIN_HEADING_WORDS = 9
_NUMBERED = re.compile(r"^(?:\d{1,2}[.):]|[IVX]{1,4}\.|step \d)", re.IGNORECASE)


def looks_like_heading(block: Block) -> bool:
    """A subheading: short, or Title Case, or a question or label, or a
    plain sentence-case phrase.

    Sentence-case subheadings ("How the ban will work this summer") are the
    web's habit now. A caption of that length nearly always names someone or
    somewhere ("Barack Obama outlines the letter"), so a line of up to nine
    words with no capital after its first word is taken for a heading.
    """
    text = block.text
    if block.heading_level:
        return True
    if block.words <= HEADING_WORDS or text.endswith(("?", ":")) or _NUMBERED.match(text):
        return True
    if block.words <= PLAIN_HEADING_WORDS and _plain_phrase(text):
        return True
    tokens = [t for t in text.split() if len(t) > 3]
    return bool(tokens) and sum(1 for t in tokens if _TITLE_WORD.match(t)) >= 0.75 * len(tokens)


def _plain_phrase(text: str) -> bool:
    """No capital letter after the first word ("I" aside): names no one."""
    return not any(word != "I" and any(c.isupper() for c in word) for word in text.split()[1:])


def _caption_shaped(block: Block) -> bool:
    """Caption length, unpunctuated, neither a heading nor preformatted text
    (a line of command output is not a caption either) nor a data table's
    cell (unpunctuated by nature)."""
    return (4 <= block.words <= 40 and block.tag != "pre" and not block.table_cell
            and not _SENTENCE_END.search(block.text) and not _unmarked_line(block)
            and not looks_like_heading(block) and not _marked_article_text(block))


_ITEM_TAGS = frozenset({"li", "td", "dd"})


def _unmarked_line(block: Block) -> bool:
    """An HTML line the markup does not place in a figure: a list item or
    table cell (an item of a list of points, a cell of a layout table,
    unpunctuated by habit; a slideshow marks its captions as such), or any
    line of a page region with neither article nor figure markup (an old
    page's unpunctuated paragraph). Unmarked captions are rarer than such
    lines on the dev pages; plain text has no markup and is judged by shape."""
    if not block.tag or block.hints & _FIGURE_HINTS:
        return False
    return block.tag in _ITEM_TAGS or not block.hints & _MARKED


_ARTICLE_HINTS = frozenset({"articlebody", "main"})
_FIGURE_HINTS = frozenset({"figure", "caption", "figcaption"})
_MARKED = _ARTICLE_HINTS | {"article"}


def _marked_article_text(block: Block) -> bool:
    """A list item or paragraph the markup places in the article body (HTML):
    an unpunctuated item of the article's own list, or a paragraph that just
    ends without a full stop, is text, not a caption. A paragraph inside a
    list item is not vouched for: slideshows set their captions that way."""
    if not block.hints & _ARTICLE_HINTS or block.hints & _FIGURE_HINTS:
        return False
    return block.tag == "li" or (block.tag == "p" and not block.list_item)


def credit_or_dated(block: Block) -> str | None:
    """The reason a line is a caption by its wording alone, whatever its place."""
    head = block.text[:300]
    if block.words <= 30 and _CREDIT_CUE.search(head.lower()) and _CREDIT.search(head):
        return "photo or video credit"
    if block.words <= 20 and _DATED_CAPTION.search(block.text):
        return "caption with a date in brackets"
    if (block.words <= 20 and ":" in block.text[-7:] and _RUNNING_TIME.match(block.text)
            and not _CLOCK_TIME.search(block.text)):
        return "video title with its running time"
    return None


@register("captions")
class Captions(Filter):
    """Removes caption-shaped lines and photo credits among the body lines."""

    name = "captions"

    def __call__(self, doc: Document) -> None:
        kept = doc.kept()
        shaped = [_caption_shaped(b) for b in kept]
        if len(kept) == 1:
            shaped = [False]  # a caption stands among paragraphs; alone, it is the text
        for i, block in enumerate(kept):
            reason = credit_or_dated(block)
            if reason:
                block.remove(self.name, reason)
            elif shaped[i] and not _in_run(kept, i) and not _wrapped(block, kept, i):
                block.remove(self.name, "caption: not a sentence, not a heading")


def _wrapped(block: Block, kept: list[Block], i: int) -> bool:
    """A line of a hard-wrapped paragraph: it ends in a comma, or the next
    line goes on in lower case. Such lines are unpunctuated only because the
    sentence goes on; a caption ends where it ends."""
    if block.text.endswith(","):
        return True
    if i + 1 < len(kept) and kept[i + 1].index == block.index + 1:
        after = kept[i + 1]
        # "msnbc" under a promo headline is a lower-case brand, not the rest of a sentence.
        goes_on = after.words >= 3 or bool(_SENTENCE_END.search(after.text))
        return after.text[:1].islower() and goes_on
    return False


def _in_run(kept: list[Block], i: int) -> bool:
    """Whether a line has an unpunctuated neighbour: lists and runs of
    subheadings come in runs, a caption stands alone between paragraphs."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(kept) and not _SENTENCE_END.search(kept[j].text) \
                and kept[j].role != "heading":
            return True
    return False
