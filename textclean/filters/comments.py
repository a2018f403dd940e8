"""Reader comment sections: the heading that opens them, and thread metadata.

Comments read like prose, so classification alone keeps them. Two cues give
them away: a section heading ("Comments (12)", "Leave a reply"), after which
everything is removed, and the metadata lines of a thread ("Reply",
"Jane — July 10th, 2012, 1:38 am", "Posted by: Jane at May 1, 2012", "3 votes",
"Re: (Score:3)"). A page with several such lines has a thread; they are
removed and marked as boundaries, so the body region cannot run across them
into the comments.
"""

from __future__ import annotations

import re
from itertools import accumulate

from textclean.dates.parse import find_dates
from textclean.filters.base import Filter
from textclean.filters.widgets import control_line
from textclean.model import Block, Document
from textclean.registry import register

_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:reader |user |your )?(?:comments?|responses?|replies|discussion)"
    r"(?:\s*\(\d+\))?\s*:?$"
    r"|^(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)"
    r"|^join the (?:conversation|discussion)|^what do you think\??$"
    r"|^(?:\d+|no) (?:comments?|responses?|replies)(?: so far)?(?: yet)?"
    r"|^(?:comments are closed|comments for this (?:article|story) (?:are|have been) closed)"
    r"|^you must be logged in to post a comment|^have your say"
    r"|the following comments are owned by",
    re.IGNORECASE,
)
# Headings that only a thread has, never a menu or a link to one: they open
# the section wherever it starts (a long thread starts above the middle),
# once some prose, the article, is above them.
_THREAD_NOTICE = re.compile(
    r"the following comments are owned by|^comments are closed|^comments for this"
    r"|^you must be logged in to post a comment|^(?:\d+|no) (?:comments?|responses?|replies)"
    r" so far|^join the (?:conversation|discussion)|^have your say|^what do you think",
    re.IGNORECASE,
)
# Words every heading and every thread marker contains (lower case), so that
# the patterns only run on the few lines that have one.
_HEADING_CUES = ("comment", "respons", "repl", "discussion", "join the", "what do you think",
                 "have your say")
_CELLS = frozenset({"td", "th"})
_MARKER = re.compile(
    r"^(?:reply|report(?: abuse| comment)?|flag|permalink|quote|reply to this(?: comment| post)?"
    r"|recommend"
    r"|like|dislike)(?:\s*[|·•]\s*\w+){0,4}$"
    # "Jane — July 10th, 2012, 1:38 am": a name, then a date (not "Pandora
    # streaming - in 2012 Hyundai Veloster", a caption).
    r"|^[\w .'-]{1,40} [—–-] (?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[,\s]).{0,40}\b(?:19|20)\d{2}\b.{0,25}$"
    r"|\(score:\s?-?\d"
    r"|^re: "
    r"|^\d+ (?:votes?|likes?|points?|upvotes?|replies|recommendations?)$"
    r"|^#\d+(?:\.\d+)* [—–-] "
    r"|^[\w .'-]{1,40} (?:says|said|wrote|writes|commented)\s?:?$"
    r"|^by [\w.-]{1,40} \(\d+\)$"
    # Movable Type and TypePad sign each comment off: "Posted by: Ann at May 1, 2012 11:40 AM".
    r"|^posted by: [^\n]{1,60}? (?:on|at|\|) [^\n]{0,40}?\b(?:19|20)\d{2}\b"
    r"|^(?:\d+|an?) (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago$",
    re.IGNORECASE,
)
_MARKER_CUES = ("repl", "report", "flag", "permalink", "quote", "recommend", "like", " - ",
                " – ", " — ", "(score", "re: ", "vote", "point", "#", "says", "said", "wrote",
                "writes", "commented", "by ", "posted by:", "ago")


# What may surround the date and clock time of a timestamp line.
_TIMESTAMP_REST = re.compile(
    r"(?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\bat\b|\bon\b|[ap]\.?m\b\.?"
    r"|\b(?:gmt|utc|et|est|edt|cst|cdt|pst|pdt|bst|cet|cest)\b|[\s,|·•()\[\]/@-])*",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d:[0-5]\d")


# A one-word user name before a post's stamp ("by oldsoftee July 24, 2012
# 6:16 PM EDT"); an article's byline names a person, in more words.
_SIGNED = re.compile(r"(?:posted )?by [\w.-]{1,40} (?:on |at |- )?", re.IGNORECASE)


def _timestamp(block: Block) -> bool:
    """A line that is only a date with a clock time ("05-06-2005, 05:48 PM",
    "August 4th, 2012 at 8:03 pm"), maybe signed with a user name: the
    stamp of a comment or forum post. An article has one such line, its
    dateline; a thread has one for each post."""
    text = block.text
    if block.words > 10 or len(text) > 120 or not _CLOCK.search(text):
        return False
    signed = _SIGNED.match(text)
    if signed:
        text = text[signed.end():]
    dates = find_dates(text)
    if not dates:
        return False
    rest = "".join(text[a:b] for a, b in zip([0] + [d.end for d in dates],
                                               [d.start for d in dates] + [len(text)],
                                               strict=True))
    return _TIMESTAMP_REST.fullmatch(rest) is not None


# Prose above the first of a thread's timestamps, in characters and as a
# share of the page's: the article the thread is under.
PROSE_ABOVE_THREAD = 500
PROSE_ABOVE_STAMPS_SHARE = 0.2
# Marked article-body prose after a heading, as a share of all there is,
# that says the article goes on past it.
ARTICLE_AFTER_SHARE = 0.3


def _article_goes_on(blocks: list[Block], i: int) -> bool:
    """Whether a heading-like line sits inside the marked article body with
    much of the article still below it: a "Comment" label inside a table
    set in paragraphs, not the thread under the story."""
    if "articlebody" not in blocks[i].hints:
        return False
    prose = [b.prose_chars if "articlebody" in b.hints else 0 for b in blocks]
    return sum(prose[i + 1:]) > ARTICLE_AFTER_SHARE * sum(prose)


def _in_share_bar(blocks: list[Block], i: int) -> bool:
    """A "Comment" button with a count and "Tweet" under it: a line of the
    share bar, which often sits above the story, not the thread's heading."""
    return (blocks[i].removed_by == "widgets" and i + 1 < len(blocks)
            and control_line(blocks[i + 1]))


class _ShortLines:
    """The page's lines of up to 20 words, searchable for cue words.

    Only short lines can be a heading or a thread marker, and they are a
    small part of the page's text: searching them alone for the cues is
    several times faster than searching the whole page. Both of the step's
    searches share them, so they are lower-cased once.
    """

    def __init__(self, blocks: list[Block]) -> None:
        self.indexes = [i for i, b in enumerate(blocks) if b.words <= HEADING_MAX_WORDS]
        self.lines = Document(blocks=[blocks[i] for i in self.indexes])

    def containing(self, cues: tuple[str, ...]) -> list[int]:
        """The page indexes, in order, of the lines holding one of `cues`
        (see `Document.indexes_containing`)."""
        indexes = self.indexes
        return [indexes[j] for j in self.lines.indexes_containing(cues)]


HEADING_MAX_WORDS = 20
MARKER_MAX_WORDS = 14
MARKER_MAX_CHARS = 120


def _marker_sized(block: Block) -> bool:
    """Short enough to be a thread's metadata line (a signature, a stamp)."""
    return block.words <= MARKER_MAX_WORDS and len(block.text) <= MARKER_MAX_CHARS


@register("comments")
class Comments(Filter):
    """Removes comment sections and the metadata lines of comment threads.

    Only a heading in the second half of the page's text opens a section:
    a "Comments" link in the top menu must not swallow the article.
    """

    name = "comments"

    def __init__(self, min_position: float = 0.5, min_markers: int = 3) -> None:
        self.min_position = min_position
        self.min_markers = min_markers

    def __call__(self, doc: Document) -> None:
        short = _ShortLines(doc.blocks)
        self._thread_markers(doc, short)
        self._section(doc, short)

    def _thread_markers(self, doc: Document, lines: _ShortLines) -> None:
        blocks = doc.blocks
        short = [i for i in lines.indexes if _marker_sized(blocks[i])]
        markers = [blocks[i] for i in lines.containing(_MARKER_CUES)
                   if _marker_sized(blocks[i]) and _MARKER.search(blocks[i].text)]
        markers += self._thread_stamps(blocks, short)
        if len(markers) < self.min_markers:
            return
        for block in markers:
            block.remove(self.name, "comment thread metadata")
            block.boundary = True

    def _thread_stamps(self, blocks: list[Block], short: list[int]) -> list[Block]:
        """Timestamp lines of a thread below the article: several, the first
        under a good part of the page's prose. (A forum's posts or a live
        blog's entries are stamped from the top; those are the page.)"""
        # Reading the dates is the costly part: lines without a clock time
        # (a colon first, the cheapest test) are passed over before it, and
        # the rest only once the first stamp is found low enough.
        clocked = [i for i in short if ":" in blocks[i].text and _CLOCK.search(blocks[i].text)]
        if len(clocked) < self.min_markers:
            return []
        first = next((n for n, i in enumerate(clocked) if _timestamp(blocks[i])), None)
        if first is None:
            return []
        before = sum(b.prose_chars for b in blocks[:clocked[first]])
        total = sum(b.prose_chars for b in blocks)
        if before < max(PROSE_ABOVE_THREAD, PROSE_ABOVE_STAMPS_SHARE * total):
            return []
        stamps = [clocked[first], *(i for i in clocked[first + 1:] if _timestamp(blocks[i]))]
        if len(stamps) < self.min_markers:
            return []
        return [blocks[i] for i in stamps]

    def _section(self, doc: Document, lines: _ShortLines) -> None:
        blocks = doc.blocks
        ends = list(accumulate(len(b.text) for b in blocks))  # text up to each line's end
        total = ends[-1] if ends and ends[-1] else 1
        for i in lines.containing(_HEADING_CUES):
            block = blocks[i]
            # A table's "Comment" column header opens no thread.
            if block.tag not in _CELLS and _HEADING.search(block.text) \
                    and not _article_goes_on(blocks, i) and not _in_share_bar(blocks, i):
                if ends[i] / total < self.min_position and not (
                        _THREAD_NOTICE.search(block.text)
                        and sum(b.prose_chars for b in blocks[:i]) >= PROSE_ABOVE_THREAD):
                    block.remove(self.name, "comment link")
                    continue
                for rest in blocks[i:]:
                    rest.remove(self.name, f"comment section under {block.text!r}")
                return
