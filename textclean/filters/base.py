"""The two shapes of filter: per block, or over the whole page.

Most boilerplate can be recognised one line at a time (datatrove's model:
keep, or remove with a reason); a few families need to see the page, such as
pull quotes that repeat a body sentence or runs of short menu lines.
"""

from __future__ import annotations

from typing import ClassVar

from textclean.model import Block, Document


class Filter:
    """A named unit that marks the blocks it removes, with a reason."""

    name: ClassVar[str] = ""

    def __call__(self, doc: Document) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<filter {self.name}>"


class BlockFilter(Filter):
    """A filter that judges each block on its own.

    `check` returns None to keep the block, or the reason to remove it.
    Already removed blocks are skipped so the first filter's reason stands.

    A filter whose every removal needs some word or symbol in the line sets
    `cues`, lower-case strings: the page is searched for them once and only
    the lines that contain one are checked. Cues are a necessary condition
    (a line without any is always kept), never a sufficient one.
    """

    cues: ClassVar[tuple[str, ...]] = ()

    def check(self, block: Block, doc: Document) -> str | None:
        raise NotImplementedError

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks_containing(self.cues) if self.cues else doc.blocks
        for block in blocks:
            if block.removed_by is None:
                reason = self.check(block, doc)
                if reason:
                    block.remove(self.name, reason)

