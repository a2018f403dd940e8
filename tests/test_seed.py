"""The page the project was created from must come out exactly, always."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import textclean

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "bbc-2009-us-russia-iran.txt"
EXPECTED = json.loads((FIXTURES / "bbc-2009-us-russia-iran.expected.json").read_text("utf-8"))


def _article() -> textclean.Article:
    return textclean.clean(SEED.read_text("utf-8"))


def test_seed_headline() -> None:
    assert _article().headline == EXPECTED["headline"]


def test_seed_body_paragraphs_exact() -> None:
    assert _article().body.split("\n\n") == EXPECTED["body_paragraphs"]


def test_seed_headings_marked() -> None:
    article = _article()
    assert [p.text for p in article.paragraphs if p.kind == "heading"] == EXPECTED["headings"]


def test_seed_dateline() -> None:
    dateline = _article().dateline
    assert dateline is not None
    assert dateline.text == EXPECTED["dateline"]["text"]
    assert dateline.datetime == dt.datetime.fromisoformat(EXPECTED["dateline"]["datetime"])


def test_seed_removed_lines_are_explained() -> None:
    _, decisions = textclean.explain(SEED.read_text("utf-8"))
    removed = {d.text: d.removed_by for d in decisions if not d.kept}
    for family, examples in EXPECTED["removed_examples"].items():
        for example in examples:
            for line in example.split("\n"):
                assert line in removed, (family, line)
    assert removed["Russian President Dmitry Medvedev"] == "pullquotes"
    assert removed["Barack Obama outlines the content of the letter"] == "captions"


def test_seed_as_bytes_and_without_blank_lines() -> None:
    raw = SEED.read_text("utf-8")
    assert textclean.clean(raw.encode("utf-8")).body == _article().body
    wet = "\n".join(line for line in raw.splitlines() if line.strip())
    assert textclean.clean(wet).headline == EXPECTED["headline"]
