"""The Document's page search that block filters use to skip most lines."""

from __future__ import annotations

from textclean.config import Config
from textclean.model import Block, Document
from textclean.readers import read


def _doc(*lines: str) -> Document:
    return Document(blocks=[Block(index=i, text=t) for i, t in enumerate(lines)])


def test_blocks_containing_finds_each_line_once_in_order() -> None:
    doc = _doc("Share this", "An ordinary sentence.", "COPYRIGHT 2024, copyright", "Privacy")
    found = doc.blocks_containing(("privacy", "copyright", "share"))
    assert [b.index for b in found] == [0, 2, 3]


def test_a_cue_never_matches_across_two_lines() -> None:
    doc = _doc("terms", "of use")
    assert doc.blocks_containing(("terms of",)) == []


def test_search_sees_a_line_edited_after_an_earlier_search() -> None:
    doc = _doc("first line", "second line")
    assert doc.blocks_containing(("cookie",)) == []
    doc.blocks[1].text = "We use cookies"
    assert [b.index for b in doc.blocks_containing(("cookie",))] == [1]


def test_empty_document_and_empty_cues() -> None:
    assert _doc().blocks_containing(("a",)) == []
    assert _doc("a line").blocks_containing(()) == []


def test_search_over_the_readers_lowered_lines_matches_a_fresh_one() -> None:
    """The reader hands its lower-cased lines on; the search must find what
    it finds over a page lower-cased anew, U+0130 (two characters lower-cased)
    and all, and must not trust them once a line is edited."""
    page = "\u0130stanbul news\n\nShare this\n\nA line with a COOKIE notice.\n\nLast line"
    doc = read(page, Config().with_changes(input="text"))
    fresh = Document(blocks=doc.blocks)
    for cues in (("share",), ("cookie",), ("news", "last")):
        assert doc.blocks_containing(cues) == fresh.blocks_containing(cues)
    doc.blocks[1].text = "Nothing here"
    assert doc.blocks_containing(("share",)) == []
