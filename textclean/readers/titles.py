"""A page's <title>, from its markup or from the first line of its text.

The HTML reader takes the title from `<title>`. Some text renderers
(BeautifulSoup's `get_text()`, browsers' "save as text") print the
`<title>` as the first line, site name and all ("Storm closes schools -
Daily Courier"); the headline finder should treat that line as the page's
stated title, as it does in HTML, not as a candidate headline of its own.
"""

from __future__ import annotations

import re

from textclean.model import Block, PageMeta

# A site-name suffix: " - Site", " | Site", " :: Site", " — Site", " « Site".
# Titles are whitespace-normalised first; bounded runs keep a search over a
# long title of spaces linear.
_TITLE_SEPARATOR = re.compile(r"\s{1,3}(?:[|\-–—·•»«/:]|::)\s{1,3}")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"\W+")
# A byte table: every ASCII byte that is not a word character (NUL included) to
# a space. (features.py keeps NUL, its line separator, in its own tables.)
_NON_WORD_BYTE_TO_SPACE = bytes(0x20 if c < 128 and not re.match(r"\w", chr(c)) else c
                                for c in range(256))

# A printed <title> is one short line; its headline part has a few words
# (a two-word part is as likely a site's section name) and is repeated as
# the article's heading within the first few hundred lines.
MAX_TITLE_WORDS = 40
MIN_HEADLINE_WORDS = 4
LOOK_AHEAD = 300


def clean_title(title: str) -> str:
    """<title> without its site-name part.

    The site name is the shorter side of the last separator ("Story - Site")
    or of the first one ("Site | Story"); a title whose parts are all long is
    left whole, since a colon or dash may belong to the headline itself.
    """
    title = _SPACES.sub(" ", title).strip()
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    head, last = title[: _last_separator(title)], parts[-1]
    if len(last.split()) <= 4 and len(head.split()) >= 2:
        return clean_title(head) if len(parts) > 2 and len(parts[-2].split()) <= 4 else head
    first = parts[0]
    if len(first.split()) <= 3 and len(" ".join(parts[1:]).split()) >= 3:
        return title[len(first):].lstrip(" |-–—·•»«/:")
    return title


def _last_separator(title: str) -> int:
    start = 0
    for m in _TITLE_SEPARATOR.finditer(title):
        start = m.start()
    return start


def title_key(text: str) -> str:
    """A line as titles are compared: lower case, words only.

    The same title is printed with other punctuation and spacing in the
    `<title>`, the metadata and the page ("Storm: schools shut" and
    "Storm - Schools Shut"); the headline finder compares them this way too.
    (It does so for most lines of a page: an ASCII line goes through a byte
    table, four times faster than the regex.)
    """
    lowered = text.lower()
    if lowered.isascii():
        return b" ".join(lowered.encode("ascii").translate(_NON_WORD_BYTE_TO_SPACE)
                         .split()).decode("ascii")
    return _NON_WORD.sub(" ", lowered).strip()


def title_from_first_line(blocks: list[Block]) -> PageMeta | None:
    """The page's title when the text opens with its printed `<title>`.

    Only a first line with a site-name part counts, and only when its
    headline part comes back later as a line of its own: a site name or a
    menu at the top of a page does neither. The first line is then marked
    removed, so neither the body nor the headline finder takes it.
    """
    if not blocks:
        return None
    first = blocks[0]
    if first.words > MAX_TITLE_WORDS or len(first.text) > 400:
        return None
    title = clean_title(first.text)
    if title == _SPACES.sub(" ", first.text).strip() or len(title.split()) < MIN_HEADLINE_WORDS:
        return None
    wanted = title_key(title)
    if not any(title_key(b.text) == wanted for b in blocks[1:LOOK_AHEAD]
               if b.words <= MAX_TITLE_WORDS):
        return None
    first.remove("title", "the page's <title>, printed first by the renderer")
    return PageMeta(title=title)
