"""Plain text, WET records, html2text markdown and `lynx -dump` output into blocks.

Every shape must reach the same blocks, one per paragraph or line, holding
only the visible words: the body we output is compared token for token with
what a reader saw, so a stray `*`, `_em_`, `[12]` or `](http://...)` costs as
much as a missing word. Link syntax is not thrown away but turned into link
density, the strongest boilerplate signal a text input has. Hard-wrapped
paragraphs (html2text wraps at 78 columns, lynx at about 76) are joined back,
but only when the document is demonstrably wrapped, so one-block-per-line
text is never merged.

The shape is decided once per document (`_detect`), because some marks are
ambiguous out of context: `[12]` is a lynx link number but a citation in
plain text, and `_word_` is emphasis only in markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from textclean.model import Block

Shape = Literal["plain", "markdown", "lynx"]

# --- patterns (all bounded, no nested quantifiers over overlapping classes) ----------

# Link text cannot hold an unescaped `[` (html2text escapes it), so on a
# line of brackets every attempt stops at the next one.
_MD_LINK_TEXT = r"((?:\\.|[^\[\]\\\n]){0,500})"
_MD_URL = r"(?:<[^>\n]{0,2000}>|[^\s()]{0,2000}(?:\([^\s()]{0,500}\)[^\s()]{0,500}){0,3})"
_MD_TITLE = r"""(?:\s{1,5}(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'))?"""
_MD_IMAGE = re.compile(r"!\[" + _MD_LINK_TEXT + r"\]\(" + _MD_URL + _MD_TITLE + r"\)")
_MD_LINK = re.compile(r"\[" + _MD_LINK_TEXT + r"\]\(" + _MD_URL + _MD_TITLE + r"\)")
# html2text leaves spaces unescaped inside some URLs (mailto: subjects, share
# links); such a link closes at the first parenthesis.
_MD_SPACED_LINK = re.compile(
    r"\[" + _MD_LINK_TEXT + r"\]\((?:mailto:|https?://|/)[^()\n]{0,2000}\)")
_MD_REF_LINK = re.compile(r"\[" + _MD_LINK_TEXT + r"\]\[[^\]\n]{0,50}\]")
_MD_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]{1,100}\]:\s{0,5}\S")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#{1,10})?[ \t]*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_MD_TABLE_RULE = re.compile(
    r"^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*){0,100}\|?[ \t]*$")
_MD_HR = re.compile(r"^(?:[*\-_][ \t]{0,3}){3,100}$")
# Emphasis marks at the edge of a word; a `_` inside a word (snake_case) and an
# escaped `\*` stay.
_MD_EMPHASIS = re.compile(
    r"(?<![\w*\\])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_\\])[*_]{1,3}(?![\w*])")
# Inline code only when the backticks pair up: a lone one is an old-style
# opening quote (`like this').
_MD_CODE = re.compile(r"(`{1,3})([^`\n]{1,500}?)\1")
# Emphasis or bullet marks standing alone: the emphasis of an empty element
# (an icon), the bullets of nested lists with no text of their own.
_MD_LONE_MARKS = re.compile(r"(?<!\S)[*_+]{1,3}(?!\S)")
_BULLET = re.compile(r"^([*+\-\u2022\u00b7\u25aa\u25cf\u2013])[ \t]+(?=\S)")
_NUMBERED = re.compile(r"^(\d{1,3})[.)][ \t]+(?=\S)")
_BULLET_START = frozenset("*+-\u2022\u00b7\u25aa\u25cf\u2013")
_QUOTE_PREFIX = re.compile(r"^(?:>[ \t]?){1,10}")

_LYNX_LINK = re.compile(r"\[(\d{1,5})\]")
_LYNX_REFERENCES = re.compile(r"^(?:References|Visible links|Hidden links):?[ \t]*$")
_LYNX_REF_LINE = re.compile(r"^[ \t]*\d{1,5}\.[ \t]+[A-Za-z][\w+.-]{0,30}:")
_LYNX_IFRAME = re.compile(r"^[ \t]*I?FRAME:")
# Images and form controls as lynx prints them: [pic.jpg], [INLINE], (BUTTON),
# [ ], (*), ____ text fields, [Choice____] menus.
_LYNX_CONTROL = re.compile(
    r"\[[^\[\]\n]{0,80}_{2,}\]|"
    r"\[(?:[^\]\s]{1,200}\.(?:jpe?g|png|gif|svg|webp|bmp|ico)(?:\?[^\]\s]{0,200})?|"
    r"https?://[^\]\s]{1,500}|INLINE|LINK|IMAGE|USEMAP(?::[^\]\s]{0,200})?|image|spacer"
    r"|[ Xx*]?)\]"
    r"|\((?:BUTTON|RADIO|CHECKBOX|Submit|submit|[ *])\)|_{3,}",
)
# Any bracketed run without spaces; `_url_like_to_space` judges it.
_LYNX_BRACKETED = re.compile(r"\[[^\[\]\s]{2,3000}\]")
_URL_MARKS = frozenset("?=&%/")


def _url_like_to_space(match: re.Match[str]) -> str:
    """lynx names an image without alt text by the last part of its URL,
    query and all ("[dims?thumbnail=30%2C30&amp;image_uri=...]"): no word
    has these marks, and a link number or a citation has none of them."""
    token = match.group()
    return " " if not _URL_MARKS.isdisjoint(token) else token


# CJK characters: text in them wraps between any two and joins without a space.
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                   r"\uff00-\uff60\uffe0-\uffe6]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_INDENT = re.compile(r"^[ \t]*")


@dataclass(frozen=True, slots=True)
class _Line:
    """One logical line after unwrapping: its text, source line and grouping."""

    text: str
    line_no: int
    group: int
    indent: int


# --- shape detection -----------------------------------------------------------------


def _detect(lines: list[str], had_references: bool) -> Shape:
    """Markdown when link or heading syntax is common; lynx when its link
    numbers run 1, 2, 3... (citations repeat and restart) or a References
    list closed the dump."""
    sample = lines[:3000]
    md_marks = 0
    numbers: list[int] = []
    for line in sample:
        if "](" in line or (line.startswith("#") and _MD_HEADING.match(line)):
            md_marks += 1
        if "[" in line and len(numbers) < 200:
            numbers.extend(int(n) for n in _LYNX_LINK.findall(line))
    if had_references:
        return "lynx"
    if md_marks >= 2:
        return "markdown"
    return "lynx" if _ascending(numbers) or _lynx_margin(sample) else "plain"


# After a newline (see `_CLOSING_LINE`).
_MARGIN_LINE = re.compile(r"\n   [^ \t\n]")
_INDENTED_LINE = re.compile(r"\n   [ ]*[^ \t\n]")


def _lynx_margin(lines: list[str]) -> bool:
    """Most lines start at lynx's three-column margin, or most are indented
    and some start there: a dump made with -nolist, which prints no link
    numbers and no References list. Its list items ("     * Home") and
    nested blocks sit right of the margin, so on a page of menus few lines
    are at exactly three columns; plain text that indents most lines (a
    <pre> block, an RFC) has none or almost none there. (Counted by C-level
    calls over all the lines: a Python loop per line costs more than the
    rest of the detection.)"""
    counted = len(lines) - lines.count("") - sum(map(str.isspace, lines))
    if counted < 10:
        return False
    text = "\n" + "\n".join(lines)
    # Every line the patterns count starts with three spaces: most plain
    # text has too few such lines for either to matter.
    if text.count("\n   ") < 0.6 * counted:
        return False
    at_margin = len(_MARGIN_LINE.findall(text))
    if at_margin >= 0.6 * counted:
        return True
    indented = len(_INDENTED_LINE.findall(text))
    return indented >= (0.6 if at_margin >= 0.1 * counted else 0.85) * counted


def _ascending(numbers: list[int]) -> bool:
    if len(numbers) < 5 or numbers[0] > 3:
        return False
    steps = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1)
    return steps >= 0.8 * (len(numbers) - 1)


# --- unwrapping ----------------------------------------------------------------------


# The narrowest wrap width `_wrap_width` can find (a column of 40 that the
# histogram's three-wide window settles two lower), and the widest.
_MIN_WIDTH, _MAX_WIDTH = 38, 120


def _wrap_width(lines: list[str], shape: Shape) -> int:
    """The column the text was wrapped at, or 0 when it was not wrapped.

    A wrapped text piles its lines up just below the width, so the width is
    the longest length shared by several lines; and it has almost no line
    beyond it that could have been broken at a space. Text with one block
    per line has a smooth spread of lengths and many long lines. html2text
    leaves lines indented by four spaces (code) unwrapped, so those are not
    held against it.
    """
    markdown = shape == "markdown"
    if _plainly_unwrapped(lines, markdown):
        return 0
    histogram = [0] * 122
    spans: list[tuple[int, int]] = []
    for line in lines:
        body = line.strip()
        if not body or "|" in body:
            continue
        first = body[0]
        if (first in _BULLET_START or first.isdigit()) and _is_item(body):
            continue
        space = body.find(" ")
        if space < 0:
            # CJK text breaks between any two characters; other text without
            # a space is one unbreakable word.
            if body.isascii() or not _WIDE.search(body):
                continue
            space = 1
        n = len(line.rstrip())
        indent = n - len(body)  # the leading whitespace
        if markdown and (indent >= 4 or line.startswith("\t")):
            continue
        histogram[n if n < 121 else 121] += 1
        spans.append((n, indent + space))
    if len(spans) < 8:
        return 0
    floor = max(3, len(spans) // 50)
    width = next((n for n in range(_MAX_WIDTH, _MIN_WIDTH + 1, -1)
                  if sum(histogram[n - 2:n + 1]) >= floor), 0)
    if not width:
        return 0
    width = max(n for n in range(width - 2, width + 1) if histogram[n])
    near = sum(histogram[width - 12:width + 1])
    below = sum(histogram[width - 25:width - 12])
    # Lines longer than the width that had a space before it were not wrapped.
    breakable = sum(1 for n, first_space in spans if n > width and 0 <= first_space <= width)
    if near < 5 or breakable > 0.06 * len(spans):
        return 0
    # Plain text has no renderer marks to vouch for wrapping: it needs more
    # of its lines at the edge, and more there than just below.
    if shape == "plain" and (near < 0.10 * len(spans) or near < 1.5 * below
                             or _sentences_at_edge(lines, width)):
        return 0
    return width




def _plainly_unwrapped(lines: list[str], markdown: bool) -> bool:
    """A shortcut for most pages: more lines longer than any wrap width,
    with a space early on, than a wrapped text allows (see `_wrap_width`).

    Only the few long lines are looked at; each one counted here is one
    `_wrap_width` would count as breakable whatever width it found, and the
    non-empty lines are at least as many as it weighs them against, so this
    says yes only where `_wrap_width` would give 0.
    """
    long = [line for line in lines if len(line) > _MAX_WIDTH]
    if not long:
        return False
    breakable = 0
    for line in long:
        body = line.strip()
        if len(line.rstrip()) <= _MAX_WIDTH or "|" in body:
            continue
        first = body[0]
        if first in _BULLET_START or first.isdigit():
            continue
        indent = len(line) - len(line.lstrip())
        if markdown and (indent >= 4 or line.startswith("\t")):
            continue
        space = body.find(" ")
        if 0 <= space and indent + space <= _MIN_WIDTH:
            breakable += 1
    return breakable > 0.06 * (len(lines) - lines.count(""))


_SENTENCE_STOPS = (".", "!", "?", '"', "”", "…", "。")


def _sentences_at_edge(lines: list[str], width: int) -> bool:
    """Most lines near the width end a sentence: a sentence a line that
    happen to be alike in length, not prose wrapped at a column, whose lines
    stop mid-sentence."""
    edge = [n for line in lines if width - 12 <= len(n := line.rstrip()) <= width]
    return sum(1 for n in edge if n.endswith(_SENTENCE_STOPS)) > 0.5 * len(edge)


def _is_item(body: str) -> bool:
    """A bulleted or numbered list item (the first character decides most lines)."""
    first = body[0]
    return (first in _BULLET_START and _BULLET.match(body) is not None) or (
        first.isdigit() and _NUMBERED.match(body) is not None)


def _first_chunk(line: str, split_hyphens: bool) -> int:
    body = line.lstrip()
    if _WIDE.match(body):
        return 1
    end = body.find(" ")
    word = body if end < 0 else body[:end]
    if split_hyphens and "-" in word:
        return _textwrap_chunk(word)
    return len(word)


def _textwrap_chunk(word: str) -> int:
    """How much of a hyphenated word textwrap could have put on the line
    before: it breaks after a hyphen only between letters, with two letters
    before it ("well-" of "well-known", never "219-" of "219-seat")."""
    hyphen = word.find("-")
    while 0 < hyphen < len(word) - 2:
        before, after = word[hyphen - 2:hyphen], word[hyphen + 1:hyphen + 3]
        if len(before) == 2 and before.isalpha() and after[0].isalpha() \
                and (after[1].isalpha() or after[1] == "-"):
            return hyphen + 1
        hyphen = word.find("-", hyphen + 1)
    return len(word)


def _starts_item(body: str, shape: Shape) -> bool:
    if _is_item(body):
        return True
    return shape == "markdown" and (body.startswith(("#", "|", ">")) or "|" in body)


def _unwrap(lines: list[str], width: int, shape: Shape,
            base_indent: int = 0) -> list[tuple[str, int]]:
    """Join each line to the previous one when its first word would not have
    fitted there: the renderer broke it, not the author.

    textwrap (html2text) breaks inside hyphenated words and is exact; lynx
    moves whole words and leaves a few columns of slack. lynx also keeps a
    paragraph's first-line indent, so a paragraph's second line may start
    left of its first, at the page's usual margin.
    """
    slack = 0 if shape == "markdown" else 6
    # Each line's pieces are joined once at the end: adding to a growing
    # string would copy it again for every wrapped line.
    out: list[tuple[list[str], int]] = []
    cont_indent = -1
    prev_raw = ""
    in_quote = False
    for line_no, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        body = line.lstrip()
        indent = len(line) - len(body)
        if in_quote and body.startswith(">"):
            # html2text repeats "> " on every wrapped line of a blockquote.
            body = _QUOTE_PREFIX.sub("", body)
        aligned = indent == cont_indent or shape == "lynx" and (
            _centred(line) and _centred(prev_raw.rstrip())
            or indent == base_indent < cont_indent)
        if out and body and prev_raw.strip() and not prev_raw.endswith(("  ", "...", "\u2026")) \
                and aligned and not _starts_item(body, shape) \
                and len(prev_raw.rstrip()) + 1 + _first_chunk(body, shape == "markdown") \
                > width - slack:
            pieces = out[-1][0]
            pieces.append(_separator(pieces[-1], body, width, shape))
            pieces.append(body)
            prev_raw, cont_indent = raw, indent
            continue
        out.append(([line], line_no))
        prev_raw = raw
        in_quote = shape == "markdown" and body.startswith(">")
        cont_indent = _continuation_indent(body, indent, shape)
    return [("".join(pieces), line_no) for pieces, line_no in out]


def _separator(text: str, body: str, width: int, shape: Shape) -> str:
    """No space where the renderer cut inside a word: after a hyphen
    (textwrap) or through a word longer than half a line (lynx).

    `text` is the previous line, not all of the paragraph so far: looking
    back through the whole paragraph for a space made long paragraphs of
    Chinese quadratic."""
    if _WIDE.match(text[-1:]) and _WIDE.match(body[:1]):
        return ""
    if shape == "markdown":
        return "" if text.endswith("-") and text[-2:-1].isalnum() and body[:1].isalnum() \
            else " "
    last_space = text.rfind(" ")
    return "" if len(text) - last_space > width // 2 else " "


def _continuation_indent(body: str, indent: int, shape: Shape) -> int:
    """Where a wrapped continuation of this line starts: under the item text
    for a lynx list item, four spaces in for an html2text one."""
    m = _BULLET.match(body) or _NUMBERED.match(body)
    if m:
        return indent + 4 if shape == "markdown" else indent + m.end()
    return indent


# --- markup ------------------------------------------------------------------------


@dataclass(slots=True)
class _Stripped:
    text: str
    link_chars: int = 0
    heading: int = 0
    list_item: bool = False


def _counted_link_chars(links: list[str], line: str) -> int:
    """All of each link's text on a short line; in prose (more than
    fifteen words), only its first three words, as for lynx: a sentence
    citing a source by a long linked name is still the article's."""
    if len(line.split()) <= 15:
        return sum(map(len, links))
    return sum(len(" ".join(text.split()[:3])) for text in links)


def _strip_markdown(line: str, out: _Stripped) -> str:
    m = _MD_HEADING.match(line)
    if m:
        out.heading, line = len(m.group(1)), m.group(2)
    line = _QUOTE_PREFIX.sub("", line) if line.startswith(">") else line
    if "[" in line:
        line = _MD_IMAGE.sub("", line)

        links: list[str] = []

        def _link(match: re.Match[str]) -> str:
            text = _MD_ESCAPE.sub(r"\1", match.group(1)).strip()
            links.append(text)
            return text

        line = _MD_LINK.sub(_link, line)
        # A link around a block that holds a link ("[teaser [More](u)](u)")
        # only matches once the inner one is gone.
        for _ in range(2):
            if "](" not in line:
                break
            line = _MD_LINK.sub(_link, line)
        if "](" in line:
            line = _MD_SPACED_LINK.sub(_link, line)
        line = _MD_REF_LINK.sub(_link, line)
        out.link_chars += _counted_link_chars(links, line)
    if "|" in line:
        line = line.replace("|", " ")
    if "*" in line or "_" in line:
        line = _MD_EMPHASIS.sub("", _MD_LONE_MARKS.sub("", line))
    if "`" in line:
        line = _MD_CODE.sub(r"\2", line)
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)
    return line


def _strip_lynx(line: str, out: _Stripped) -> str:
    """lynx puts `[n]` before a link's text and never marks its end: on a
    short line the text up to the next link counts, in prose only a few
    words after each number do."""
    line = _LYNX_CONTROL.sub(" ", line)
    if "[" not in line:
        return line
    line = _LYNX_BRACKETED.sub(_url_like_to_space, line)
    parts = _LYNX_LINK.split(line)
    if len(parts) == 1:
        return line
    short = len(line.split()) <= 15
    text = parts[0]
    for i in range(2, len(parts), 2):
        segment = parts[i]
        words = segment.split()
        out.link_chars += len(" ".join(words if short else words[:3]))
        text += segment
    return text


# Spaces `_SPACES` folds besides "  " and tabs (which `in` finds faster).
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200b\u3000]")
_HAS_WORD = re.compile(r"[^\W_]")


def _has_marks(body: str) -> bool:
    """Whether a stripped plain-text line needs `_strip`: most lines are just words."""
    first = body[0]
    return (first in _BULLET_START or first.isdigit() or first == "#" or "](" in body
            or "  " in body or "\t" in body
            or (not body.isascii() and _ODD_SPACE.search(body) is not None))


def _strip(line: str, shape: Shape) -> _Stripped:
    out = _Stripped("")
    body = line.strip()
    first = body[:1]
    if first in _BULLET_START and (m := _BULLET.match(body)) is not None:
        out.list_item, body = True, body[m.end():]
    elif first.isdigit() and (m := _NUMBERED.match(body)) is not None:
        out.list_item = True
        if shape != "plain":
            body = body[m.end():]
    if shape == "markdown":
        body = _strip_markdown(body, out)
    elif shape == "lynx":
        body = _strip_lynx(body, out)
    elif "](" in body:
        body = _strip_markdown(body, out)
    elif body.startswith("#") and (m2 := _MD_HEADING.match(body)) is not None:
        out.heading, body = len(m2.group(1)), m2.group(2)
    odd_space = "  " in body or "\t" in body or (
        not body.isascii() and _ODD_SPACE.search(body) is not None)
    out.text = _SPACES.sub(" ", body).strip() if odd_space else body.strip()
    return out


# --- the reader ----------------------------------------------------------------------


def _skip(raw: str, shape: Shape) -> bool:
    """Lines that carry no visible text: rules, link definitions, frames."""
    body = raw.strip()
    if shape == "markdown":
        return bool(_MD_HR.match(body) or _MD_TABLE_RULE.match(body)
                    or _MD_REF_DEF.match(raw))
    if shape == "lynx":
        return bool(_LYNX_IFRAME.match(raw) or _MD_HR.match(body))
    return False


def _centred(line: str) -> bool:
    """lynx centres h1 headings in its 79 columns."""
    body = line.lstrip()
    return len(body) >= 3 and abs(len(line) - len(body) - (79 - len(body)) // 2) <= 2


def _lynx_heading(raw: str, base_indent: int) -> int:
    """A heading is a line lynx prints at the margin, left of the indented text.

    lynx centres only an <h1> that sits right under <body>; most pages nest it
    in a <div>, which puts it at the margin too. Centred lines are mostly
    banners, ad labels and <center> menus, and a first line indented by
    leading spaces can look centred, so centring is not taken as a heading.
    """
    indent = len(raw) - len(raw.lstrip())
    if indent == 0 and base_indent > 0:
        return 2
    return 0


def _base_indent(lines: list[str]) -> int:
    counts: dict[int, int] = {}
    for line in lines[:2000]:
        if line.strip():
            n = len(_INDENT.match(line).group())  # type: ignore[union-attr]
            counts[n] = counts.get(n, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else 0


def read_text(text: str) -> list[Block]:
    """Split page text into blocks, one per (unwrapped) line, grouped by blank lines."""
    lines = text.splitlines()
    lines, had_references = _drop_lynx_references(lines)
    # Neither markdown nor lynx marks anywhere: plain, without a line scan.
    plain = (not had_references and "[" not in text and "#" not in text
             and "\n   " not in text)
    shape: Shape = "plain" if plain else _detect(lines, had_references)
    if shape == "lynx":
        lines = _drop_lynx_head_links(lines)
    # Lines wrapped in the page's source are joined first: they would pass
    # for a renderer's fixed-width wrapping.
    numbers = None
    if shape == "plain" and _SOURCE_WRAP.search(text):
        lines, numbers = _join_source_wraps(lines)
    width = _wrap_width(lines, shape)
    base_indent = _base_indent(lines) if shape == "lynx" else 0
    joined = _unwrap(lines, width, shape, base_indent) if width else [
        (line, n) for n, line in enumerate(lines, start=1)]
    if numbers is not None:
        joined = [(line, numbers[n - 1]) for line, n in joined]
    if shape == "plain" and (_node_per_line(text) or _soft_wrapped(text)):
        joined = _join_fragments(joined)
    elif shape == "markdown" and "\n](" in text:
        joined = _join_split_links(joined)
    blocks: list[Block] = []
    group = 0
    plain = shape == "plain"
    for raw, line_no in joined:
        body = raw.strip()
        if not body:
            if blocks and blocks[-1].group == group:
                group += 1
            continue
        if plain and not _has_marks(body):
            # Most lines: words only, no features to read off the marks.
            if body[0].isalnum() or _HAS_WORD.search(body):
                blocks.append(Block(len(blocks), body, group, line_no))
            continue
        if not plain and _skip(raw, shape):
            continue
        stripped = _strip(raw, shape)
        clean = stripped.text
        if not clean[:1].isalnum() and not _HAS_WORD.search(clean):
            continue
        heading = stripped.heading
        if shape == "lynx" and not heading:
            heading = _lynx_heading(lines[line_no - 1], base_indent)
        blocks.append(Block(
            index=len(blocks), text=clean, group=group, line_no=line_no,
            heading_level=heading, list_item=stripped.list_item,
            link_density=min(1.0, stripped.link_chars / len(clean)),
        ))
    return blocks


_SENTENCE_CLOSERS = frozenset(".!?:;…。！？।\"”’'»)]")
_CONTINUES = re.compile(r"[a-z,.;:!?)\]’”]")
# A URL is not prose; "by" opens a byline under a title, not the title's
# last words.
_NEVER_CONTINUES = ("http:", "https:", "www.", "by ")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]’”")
# A line opening with a comma or a full stop (not an ellipsis), after the
# newline before it: a pattern that starts with a fixed character is searched
# for that character, far faster than trying `^` at every position.
_CLOSING_LINE = re.compile(r"\n[ \t]*(?:[,;:)]|\.(?!\.))")


# A line ending in a space and the next opening with indentation: one text
# node of the page's source, wrapped and indented there, that a DOM walk
# (BeautifulSoup's get_text("\n", strip=True)) passes on with its line break.
# Renderers that lay text out themselves strip both ends of every line.
_SOURCE_WRAP = re.compile(r"\S[ \t]\n(?:\t|  )[ \t]*\S")


def _join_source_wraps(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with a text node wrapped in the page's source put back
    together, and the input line number each one starts on."""
    pieces: list[list[str]] = []  # each output line's pieces, joined once at the end
    numbers: list[int] = []
    for n, line in enumerate(lines, start=1):
        if pieces and line.startswith(("\t", "  ")) and not line.isspace():
            last = pieces[-1][-1]
            if last.endswith((" ", "\t")) and not (len(pieces[-1]) == 1 and last.isspace()):
                pieces[-1][-1] = last.rstrip()
                pieces[-1].append(" " + line.lstrip())
                continue
        pieces.append([line])
        numbers.append(n)
    return ["".join(p) for p in pieces], numbers


def _node_per_line(text: str) -> bool:
    """A text taken node by node from the DOM (BeautifulSoup's
    get_text("\n")): two lines that open with the rest of a sentence after a
    link (", who said") are almost never seen in rendered text."""
    found = _CLOSING_LINE.finditer("\n" + text)
    return next(found, None) is not None and next(found, None) is not None


# Words a sentence cannot stop at (articles, prepositions, conjunctions in
# the commonest Latin-script languages): a line ending in one was cut by a
# link or emphasis that comes next, whatever case that next line starts in.
_OPEN_WORDS = frozenset("""
a an the of to in on at by for from with into onto about and or but nor than that
as if via per de del della di da du des la le les el los las un una une et und
der die das den dem ein eine einen von zu mit im ist y o e en het een van op
""".split())


_PARTICLES = frozenset(("in", "on"))


def _ends_open(body: str) -> bool:
    """The line stops at a comma or a word no sentence ends on."""
    if body[-1] == ",":
        return True
    space = body.rfind(" ")
    if space <= 0:
        return False
    word = body[space + 1:]
    # "Sign in", "Log on": a two-word control ends on a particle.
    return word in _OPEN_WORDS and (word not in _PARTICLES or body.count(" ") >= 2)


# A line going on in lower case, after the newline (see `_CLOSING_LINE`);
# a URL or a path is not prose.
_LOWER_START = re.compile(r"\n[ \t]*[a-z]{1,30}[ ,;]")


def _soft_wrapped(text: str) -> bool:
    """Paragraphs hard-wrapped at no one width (by an editor or a mail
    client, with a proportional font): three or more long lines that stop
    mid-sentence and go on in lower case on the next line. (Only lines
    starting in lower case are looked at, found by one C-level scan.)"""
    pairs = 0
    for found in _LOWER_START.finditer(text):
        end = found.start()
        previous = text[text.rfind("\n", 0, end) + 1:end].strip()
        if len(previous) >= 40 and _cut_mid_sentence(previous):
            pairs += 1
            if pairs >= 3:
                return True
    return False


def _cut_mid_sentence(body: str) -> bool:
    """The line stops at a comma or at a word in lower case (a title in
    title case or a menu of names ends on a capital)."""
    if body[-1] == ",":
        return True
    return body[-1].isalpha() and body[body.rfind(" ") + 1].islower()


def _join_fragments(joined: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Join a sentence that a renderer broke at every inline element.

    Text taken node by node from the DOM (BeautifulSoup's
    get_text("\n")) puts a line break before and after each link or
    emphasis, so "The council" / "voted" / "on Monday." is one sentence. A
    line that does not end a sentence, followed by one that starts in lower
    case or with closing punctuation, is its continuation; capitalised lines
    (titles, menu items, new paragraphs) are never joined.
    """
    out: list[tuple[list[str], int]] = []
    open_end = cut = False
    for i, (line, line_no) in enumerate(joined):
        body = line.strip()
        if open_end and body and (cut or _CONTINUES.match(body)
                                  or _inline_name(out[-1][0], body, joined, i)) \
                and not body.startswith(_NEVER_CONTINUES) and body != "by":
            out[-1][0].append(("" if body[0] in _NO_SPACE_BEFORE else " ") + body)
        else:
            out.append(([line.rstrip()], line_no))
        open_end = bool(body) and body[-1] not in _SENTENCE_CLOSERS
        cut = open_end and _ends_open(body)
    return [("".join(pieces), line_no) for pieces, line_no in out]


def _inline_name(pieces: list[str], body: str, joined: list[tuple[str, int]], i: int) -> bool:
    """A short capitalised line between an unfinished sentence and its lower-
    case continuation ("the council said" / "Jane Doe" / ", the mayor,") is
    a linked name inside the sentence."""
    if len(body) > 40 or body[-1] in _SENTENCE_CLOSERS or i + 1 >= len(joined):
        return False
    following = joined[i + 1][0].lstrip()
    if not following or _CONTINUES.match(following) is None:
        return False
    # The sentence so far is already pieced together from fragments, so it
    # is not a title standing alone above a byline.
    return (len(pieces) > 1 or len(pieces[0]) >= 80) and _cut_mid_sentence(pieces[-1].strip())


def _join_split_links(joined: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """html2text keeps a line break inside a link's text ("[The Deal We
    Made  " / "](/deal.html)"): a line opening with the link's close goes
    back on the line before, or both halves are left with stray marks."""
    out: list[tuple[list[str], int]] = []  # each line's pieces, joined once at the end
    for line, line_no in joined:
        pieces = out[-1][0] if out else None
        if pieces and line.startswith("](") and (len(pieces) > 1 or pieces[0].strip()):
            pieces[-1] = pieces[-1].rstrip()
            pieces.append(line)
        else:
            out.append(([line], line_no))
    return [("".join(pieces), line_no) for pieces, line_no in out]


def _drop_lynx_head_links(lines: list[str]) -> list[str]:
    """lynx opens the dump with the <link> elements of the page's <head>
    ("#alternate RSS Feed Comments Feed"), one paragraph marked by a `#`.
    Left in, it is joined to nothing but read as the page's first line, a
    headline candidate. Its lines are blanked, so line numbers still match."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip().startswith("#"):
        return lines
    end = first
    while end < len(lines) and lines[end].strip():
        end += 1
    return [*lines[:first], *([""] * (end - first)), *lines[end:]]


def _drop_lynx_references(lines: list[str]) -> tuple[list[str], bool]:
    """lynx ends its dump with a numbered list of every link's URL.

    The list may hold "Visible links" / "Hidden links" sections, image-map
    entries and unnumbered lines, so it is recognised by its heading at the
    margin and what follows it, not by its whole content.
    """
    if not lines or not any(_LYNX_REF_LINE.match(line) for line in lines[-5:]):
        return lines, False
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.startswith("References") and _LYNX_REFERENCES.match(line):
            following = next((x for x in lines[i + 1:i + 4] if x.strip()), "")
            if _LYNX_REF_LINE.match(following) or _LYNX_REFERENCES.match(following.strip()):
                return lines[:i], True
    return lines, False
