"""Data tables inside the article: which lines are their cells.

A table of figures or a list of films renders one cell a line, and every
cell is short ("1947", "Yes", "~4.8M"): line by line it looks like a menu,
a share count or a link list, and the filters and the body finder would cut
it into scraps. A menu set as a table is link after link; a data table has
words of its own in most of its cells. The reader marks the cells once
(`Block.table_cell`); the filters and the body step decide what to do with
them.
"""

from __future__ import annotations

from textclean.model import Block

CELLS = frozenset({"td", "th"})
# A data table has at least this many cells...
MIN_CELLS = 4
# ...and at most this share of its text in links (menus are nearly all link).
MAX_LINK_SHARE = 0.5


def mark_data_tables(blocks: list[Block]) -> None:
    """Set `table_cell` on every line that is a cell of a data table.

    A table is a run of consecutive cell lines in one paragraph group (the
    reader separates tables by a blank line).
    """
    tags = [b.tag for b in blocks]
    if "td" not in tags and "th" not in tags:
        return
    i = 0
    while i < len(blocks):
        if tags[i] not in CELLS:
            i += 1
            continue
        j = i
        while j < len(blocks) and tags[j] in CELLS and blocks[j].group == blocks[i].group:
            j += 1
        if j - i >= MIN_CELLS and _few_links(blocks[i:j]):
            for block in blocks[i:j]:
                block.table_cell = True
        i = j


def _few_links(cells: list[Block]) -> bool:
    chars = sum(len(b.text) for b in cells)
    linked = sum(b.link_density * len(b.text) for b in cells)
    return chars > 0 and linked <= MAX_LINK_SHARE * chars
