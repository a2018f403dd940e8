"""A page's <title> printed as the first line of its text.

BeautifulSoup's get_text() and browsers' "save as text" print the <title>
first, site name and all; the headline finder should read it as the page's
stated title, as it does in HTML, and never return it as the headline.
"""

from __future__ import annotations

import re

import pytest

import textclean
from textclean.readers.titles import title_key

PARAGRAPHS = [
    "The county closed all of its schools on Tuesday after a storm brought down power lines "
    "and flooded several roads, and officials said they would decide on Wednesday morning "
    "whether pupils could return.",
    "Crews worked through the night to clear fallen trees from the main roads, and the power "
    "company said most homes should have electricity again by the end of the week.",
    "Parents were asked to keep children away from the river, which rose above its banks in "
    "two places, and to check the county's website for news of the reopening.",
]
DECK = "Officials say pupils could be back at their desks by Thursday, if the weather allows"


def _page(title: str, headline: str) -> str:
    lines = [title, "Home", "News", "Sport", "Weather", headline, DECK, "By Ann Lee", *PARAGRAPHS,
             "Copyright 2024 Daily Courier"]
    return "\n".join(lines)


def test_printed_title_names_the_headline_and_is_not_one() -> None:
    headline = "Storm closes every school in the county"
    article, decisions = textclean.explain(_page(f"{headline} - Daily Courier", headline),
                                           input="text")
    assert article.headline == headline
    first = decisions[0]
    assert (first.kept, first.removed_by) == (False, "title")
    assert article.body == "\n\n".join(PARAGRAPHS)


def test_a_first_line_that_is_not_repeated_is_not_taken_for_the_title() -> None:
    # A menu with separators at the top of a page is no <title>.
    page = _page("News | Sport | Weather | Travel Guides", "Storm closes every school in the county")
    _, decisions = textclean.explain(page, input="text")
    assert decisions[0].removed_by != "title"


@pytest.mark.parametrize("text", [
    "".join(chr(c) for c in range(1, 128)), "  Storm: schools shut!  ", "snake_case x2\0y",
    "\u201cQuoted\u201d \u2014 caf\u00e9", "\u0130stanbul \u212a", ""])
def test_title_key_is_the_lowered_word_runs_joined_by_spaces(text: str) -> None:
    assert title_key(text) == re.sub(r"\W+", " ", text.lower()).strip()
