"""Plain text, html2text markdown and `lynx -dump` output into blocks.

All three shapes reach the same blocks: markdown link syntax and lynx's
`[12]` link numbers are turned into link density (the strongest boilerplate
signal there is) instead of being left as noise, and hard-wrapped paragraphs
are joined back so that a paragraph is one block whatever the renderer did.
"""

from __future__ import annotations

import re

from textclean.model import Block

_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{0,500})\]\((?:[^)\s]{0,2000})(?: \"[^\"\n]{0,500}\")?\)")
_MD_REF_LINK = re.compile(r"\[([^\]\n]{1,500})\]\[\d{1,5}\]")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,1000}?)\1")
_LIST_ITEM = re.compile(r"^(?:[*+\-\u2022\u00b7]|\d{1,3}[.)])\s+(?=\S)")
_LYNX_LINK = re.compile(r"\[(\d{1,5})\]")
_LYNX_REFERENCES = re.compile(r"^\s*(?:References|Visible links|Hidden links):?\s*$")
_LYNX_REF_LINE = re.compile(r"^\s*\d{1,5}\.\s+\S+://\S*\s*$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_QUOTE_PREFIX = re.compile(r"^(?:>\s?)+")


def _unwrap_width(lines: list[str]) -> int:
    """The column a renderer wrapped at, or 0 when lines were not wrapped.

    html2text wraps at 78 columns and lynx at about 76; text with one block
    per line has many lines far longer than that.
    """
    lengths = [len(line) for line in lines if line.strip()]
    if len(lengths) < 8:
        return 0
    long_lines = sum(1 for n in lengths if n > 100)
    if long_lines > len(lengths) * 0.01:
        return 0
    near_edge = sum(1 for n in lengths if n >= 60)
    if near_edge < len(lengths) * 0.15:
        return 0
    return max(lengths)


def _join_wrapped(lines: list[str], width: int) -> list[str]:
    """Join a line to the next when the next line's first word would have fit."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if out and out[-1] and stripped and not _LIST_ITEM.match(stripped) \
                and not stripped.startswith("#"):
            prev = out[-1]
            first_word = stripped.split(" ", 1)[0]
            if len(prev) + 1 + len(first_word) > width - 3 and len(prev) >= width * 0.6:
                out[-1] = prev.rstrip() + " " + stripped
                continue
        out.append(line.rstrip())
    return out


def _strip_markup(line: str) -> tuple[str, int, int, bool]:
    """Return (text, link chars, heading level, list item) for one line."""
    heading = 0
    m = _MD_HEADING.match(line)
    if m:
        heading, line = len(m.group(1)), m.group(2)
    list_item = False
    m2 = _LIST_ITEM.match(line)
    if m2:
        list_item = True
        if not line[0].isdigit():
            line = line[m2.end():]
    line = _QUOTE_PREFIX.sub("", line) if line.startswith(">") else line
    link_chars = 0
    if "[" in line:
        line = _MD_IMAGE.sub(lambda m: m.group(1), line)

        def _link(m: re.Match[str]) -> str:
            nonlocal link_chars
            link_chars += len(m.group(1))
            return m.group(1)

        line = _MD_LINK.sub(_link, line)
        line = _MD_REF_LINK.sub(_link, line)
        if _LYNX_LINK.search(line):
            line, link_chars = _strip_lynx_links(line, link_chars)
    if "**" in line or "__" in line:
        line = _MD_EMPHASIS.sub(lambda m: m.group(2), line)
    return _SPACES.sub(" ", line).strip(), link_chars, heading, list_item


def _strip_lynx_links(line: str, link_chars: int) -> tuple[str, int]:
    """lynx puts `[n]` before each link's text; the text up to the next link
    marker or the end of the line is counted as link text (lynx does not mark
    where a link ends, so this over-counts slightly inside prose)."""
    parts = _LYNX_LINK.split(line)
    text = parts[0]
    for i in range(1, len(parts), 2):
        segment = parts[i + 1]
        if i + 2 >= len(parts):
            # Last link on the line: count only its first few words.
            words = segment.split()
            link_chars += len(" ".join(words[:4]))
        else:
            link_chars += len(segment.strip())
        text += segment
    return text, link_chars


def read_text(text: str) -> list[Block]:
    """Split page text into line blocks, grouped by blank lines."""
    lines = text.splitlines()
    lines = _drop_lynx_references(lines)
    width = _unwrap_width(lines)
    if width:
        lines = _join_wrapped(lines, width)
    blocks: list[Block] = []
    group = 0
    for line_no, raw in enumerate(lines, start=1):
        if not raw.strip():
            if blocks and blocks[-1].group == group:
                group += 1
            continue
        clean, link_chars, heading, list_item = _strip_markup(raw.strip())
        if not clean:
            continue
        block = Block(index=len(blocks), text=clean, group=group, line_no=line_no,
                      heading_level=heading, list_item=list_item)
        block.link_density = min(1.0, link_chars / len(clean)) if clean else 0.0
        blocks.append(block)
    return blocks


def _drop_lynx_references(lines: list[str]) -> list[str]:
    """lynx ends its dump with a numbered list of every link's URL."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 5000), -1):
        if _LYNX_REFERENCES.match(lines[i]):
            tail = [line for line in lines[i + 1:] if line.strip()]
            if tail and sum(1 for line in tail if _LYNX_REF_LINE.match(line)) >= 0.8 * len(tail):
                return lines[:i]
            break
    return lines
