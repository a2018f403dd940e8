"""The public API: results, configuration and pluggable steps."""

from __future__ import annotations

import json

import pytest

import textclean
from textclean.model import Block, Document

PAGE = """Home
News
Sport
Weather
Contact

Council approves new bridge over the river

The city council voted on Monday to approve the construction of a new bridge over the river, ending a debate that has lasted for more than ten years.

Supporters said the bridge would cut travel times for thousands of commuters and bring new business to the eastern districts of the city.

Opponents argued that the cost had been underestimated and that the money would be better spent on public transport and on repairing existing roads.

Share this article

Copyright 2024 Example News. All rights reserved.
"""


def test_clean_finds_headline_and_body() -> None:
    article = textclean.clean(PAGE)
    assert article.headline == "Council approves new bridge over the river"
    assert article.paragraphs[0].text.startswith("The city council voted on Monday")
    assert len(article.paragraphs) == 3
    assert "Copyright" not in article.body and "Share this" not in article.body


def test_empty_input_gives_empty_article() -> None:
    for page in ("", "   \n\n  ", b""):
        article = textclean.clean(page)
        assert article.body == "" and article.headline == "" and article.dateline is None


def test_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        textclean.clean(42)  # type: ignore[arg-type]


def test_to_dict_is_json_ready() -> None:
    data = textclean.clean(PAGE).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["paragraphs"][0]["kind"] == "paragraph"


def test_disable_a_filter_by_keyword() -> None:
    article = textclean.clean(PAGE, disable=["legal", "widgets"])
    _, decisions = textclean.explain(PAGE, disable=["legal"])
    assert all(d.removed_by != "legal" for d in decisions)
    assert article.headline == "Council approves new bridge over the river"


def test_explain_names_the_filter_for_each_removed_line() -> None:
    _, decisions = textclean.explain(PAGE)
    by_text = {d.text: d for d in decisions}
    assert by_text["Copyright 2024 Example News. All rights reserved."].removed_by == "legal"
    assert by_text["Share this article"].removed_by == "widgets"
    assert all(d.reason for d in decisions if not d.kept)


def test_custom_step_in_a_pipeline() -> None:
    class DropMonday:
        name = "drop-monday"

        def __call__(self, doc: Document) -> None:
            for block in doc.blocks:
                if "Monday" in block.text:
                    block.remove(self.name, "mentions Monday")

    pipeline = textclean.Pipeline([DropMonday(), *textclean.DEFAULT_STEPS])
    article = pipeline.clean(PAGE)
    assert "Monday" not in article.body
    assert "Supporters said" in article.body


def test_registered_step_by_name() -> None:
    @textclean.register("test-upper-drop")
    class UpperDrop(textclean.BlockFilter):
        name = "test-upper-drop"

        def check(self, block: Block, doc: Document) -> str | None:
            return "shouting" if block.text.isupper() else None

    assert "test-upper-drop" in textclean.available()
    loud = "THE COUNCIL WILL ALSO VOTE ON THE NEW LIBRARY, THE MAYOR SAID ON MONDAY EVENING."
    page = PAGE.replace("Supporters said", loud + "\n\nSupporters said")
    assert loud in textclean.clean(page).body
    _, decisions = textclean.explain(page, enable=["test-upper-drop"])
    assert {d.text: d.removed_by for d in decisions}[loud] == "test-upper-drop"


def test_unknown_step_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown step"):
        textclean.clean(PAGE, enable=["no-such-step"])
