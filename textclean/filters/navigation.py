"""Menus, breadcrumbs and other runs of short link lines.

Three shapes: a run of several consecutive short lines (a menu rendered one
item a line), a single line of many capitalised words with no function words
("Americas Africa Europe Middle East"), and breadcrumb trails joined by
separators ("Home > World > Europe").
"""

from __future__ import annotations

import re

from textclean.filters.base import Filter
from textclean.model import Block, Document
from textclean.registry import register

_SENTENCE_END = tuple(".!?:;。！？।\"'”’)")
_BREADCRUMB = re.compile(r"^[^|>»›/]{1,40}(?:\s[|>»›/·•]\s[^|>»›/]{1,40}){2,}$")
# Lines the page's markup puts in the article body (HTML only): lists of
# links there are the article's own (a table of contents, a list of sources).
_IN_ARTICLE = frozenset({"articlebody"})
_CRUMB_SEPARATOR = re.compile(r"\s[|>»›/·•]\s")
# A pointer to another page ("Main article: Firefox OS", "See also: Logan
# proves that ..."): the linked title, not text of this one.
_CROSS_REFERENCE = re.compile(r"^(?:main articles?|see also|further information)\s?:\s?\S",
                              re.IGNORECASE)
CROSS_REFERENCE_WORDS = 20
_CAPITALISED = re.compile(r"^[A-Z\u00c0-\u00de][\w'&.-]*$")


def _is_short_item(block: Block) -> bool:
    return (block.words <= 4 and len(block.text) <= 40
            and not block.text.endswith(_SENTENCE_END) and block.heading_level == 0)


def _is_word_menu(block: Block) -> bool:
    if block.stopword_density > 0.0 or block.words < 5 or block.text.endswith(_SENTENCE_END):
        return False
    tokens = block.text.split()
    if len(tokens) < 5:
        return False
    return sum(1 for t in tokens if _CAPITALISED.match(t)) >= 0.9 * len(tokens)


# A select box or menu flattened onto one line: many words, nearly all
# capitalised, with hardly any punctuation. Prose of that length has a comma
# or a full stop every twenty words; titles in a list have none.
FLAT_LIST_WORDS = 25
FLAT_LIST_CAPITALISED = 0.75
FLAT_LIST_WORDS_PER_MARK = 20
_PUNCTUATION = re.compile(r"[.,;:!?。，、]")


def _is_flat_list(block: Block) -> bool:
    if block.words < FLAT_LIST_WORDS or block.text.endswith(_SENTENCE_END):
        return False
    words = [t for t in block.text.split() if t[0].isalpha()]
    if len(words) < FLAT_LIST_WORDS:
        return False
    if sum(1 for t in words if t[0].isupper()) < FLAT_LIST_CAPITALISED * len(words):
        return False
    return len(_PUNCTUATION.findall(block.text)) * FLAT_LIST_WORDS_PER_MARK <= len(words)


# A menu run of an HTML page needs at least this share of its lines linked.
MIN_LINKED_ITEMS = 0.3


def _unlinked_html_list(run: list[Block]) -> bool:
    """A run of short HTML lines that are mostly not links: the article's own
    list (pros and cons, features, ingredients). Menus link their items;
    plain text has no links to tell, so there the run alone decides."""
    if not all(b.tag for b in run):
        return False
    return sum(1 for b in run if b.link_density > 0.5) < MIN_LINKED_ITEMS * len(run)


@register("navigation")
class Navigation(Filter):
    """Removes menus, breadcrumbs and link-dense lines."""

    name = "navigation"

    def __init__(self, min_run: int = 4, max_link_density: float = 0.6) -> None:
        self.min_run = min_run
        self.max_link_density = max_link_density

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        run: list[Block] = []
        for block in blocks + [Block(index=-1, text="", words=999)]:
            if block.hints and _IN_ARTICLE & block.hints or block.tag == "pre" or block.table_cell:
                # Never part of a menu run: it ends one. A <pre> element's
                # short lines are code or a config file, and a data table's
                # short cells are figures, not menu items.
                pass
            elif _is_short_item(block) or block.list_item and block.words <= 6:
                run.append(block)
                continue
            if len(run) >= self.min_run and not _unlinked_html_list(run):
                for item in run:
                    item.remove(self.name, f"menu: a run of {len(run)} short lines")
            run = []
        for block in blocks:
            if block.removed_by is not None or block.hints and _IN_ARTICLE & block.hints:
                continue
            if block.link_density >= self.max_link_density and block.words <= 30 \
                    and not block.table_cell:
                # A data table's linked cell (the film or the product a row is
                # about) is content: the table as a whole is mostly unlinked.
                block.remove(self.name, f"link text ({block.link_density:.0%} of the line)")
            # (Both tests below are cheap to rule out; most lines fail them.)
            elif block.stopword_density <= 0.0 and _is_word_menu(block):
                block.remove(self.name, "menu: capitalised words without function words")
            elif block.words >= FLAT_LIST_WORDS and _is_flat_list(block) \
                    and not block.table_cell:
                block.remove(self.name, "a list of names on one line, without punctuation")
            elif len(block.text) <= 200 and _CRUMB_SEPARATOR.search(block.text) \
                    and _BREADCRUMB.match(block.text):
                block.remove(self.name, "breadcrumb trail")
            elif block.words <= CROSS_REFERENCE_WORDS and _CROSS_REFERENCE.match(block.text) \
                    and not block.text.endswith("."):
                block.remove(self.name, "a pointer to another article")
