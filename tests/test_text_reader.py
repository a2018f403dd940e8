"""The text reader gives the same blocks for every shape a page's text comes in.

fixtures/shapes/article.html is a small page of our own; article.md,
article.nowrap.md and article.lynx are what html2text (default and
--body-width 0) and `lynx -dump` made of it, and article.txt is the same page
as one-block-per-line text with blank lines between groups.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from textclean.model import Block
from textclean.readers.text import read_text

SHAPES = Path(__file__).resolve().parent.parent / "fixtures" / "shapes"
WORD = re.compile(r"\w+")


def blocks(name: str) -> list[Block]:
    return read_text((SHAPES / name).read_text(encoding="utf-8"))


def texts(name: str) -> list[str]:
    return [b.text for b in blocks(name)]


def by_text(found: list[Block], start: str) -> Block:
    matches = [b for b in found if b.text.startswith(start)]
    assert len(matches) == 1, [b.text for b in found]
    return matches[0]


PLAIN = texts("article.txt")


# --- every shape reaches the plain text ---------------------------------------------


@pytest.mark.parametrize("name", ["article.md", "article.nowrap.md"])
def test_markdown_gives_the_plain_blocks(name: str) -> None:
    assert texts(name) == PLAIN


def test_lynx_gives_the_plain_blocks_plus_image_alt_text() -> None:
    # lynx prints an image's alt text as ordinary text; nothing marks it.
    assert [t for t in texts("article.lynx") if t != "A ferry leaving the harbour"] == PLAIN


def test_wet_keeps_lines_and_loses_only_groups() -> None:
    wet = "\n".join(line for line in (SHAPES / "article.txt").read_text().splitlines() if line)
    found = read_text(wet)
    assert [b.text for b in found] == PLAIN
    assert {b.group for b in found} == {0}


@pytest.mark.parametrize("name", ["article.md", "article.nowrap.md", "article.lynx"])
def test_no_markup_leftovers(name: str) -> None:
    joined = "\n".join(texts(name))
    for leftover in ("*", "#", "](", "[", "http", "_", "|", "\\", "IFRAME", "BUTTON", "---"):
        assert leftover not in joined, leftover


# --- markdown ------------------------------------------------------------------------


def test_markdown_headings_lists_and_links() -> None:
    found = blocks("article.md")
    assert by_text(found, "Harbour council").heading_level == 1
    assert by_text(found, "What changes").heading_level == 2
    assert by_text(found, "Earlier first").list_item
    assert by_text(found, "Home").link_density == 1.0
    assert by_text(found, "By Jane Doe").link_density == pytest.approx(8 / 11)
    body = by_text(found, "The harbour council")
    assert body.link_density == 0.0 and not body.list_item and body.heading_level == 0


def test_markdown_wrapped_link_and_hyphenated_word_are_joined() -> None:
    para = by_text(blocks("article.md"), "Under the plan")
    # The link's URL was broken after a hyphen; the word "well-known" was not.
    assert para.text.endswith("the well-known early service would be kept on weekdays, "
                              "according to the minutes.")
    assert 0 < para.link_density < 0.2


def test_markdown_line_break_ends_a_block() -> None:
    found = texts("article.md")
    assert "Fares are not affected by the change." in found
    assert "Tickets bought before May stay valid." in found


@pytest.mark.parametrize(("line", "expected"), [
    ('See [the report](https://example.org/r "Annual report") today.', "See the report today."),
    ("[![Logo](https://example.org/logo.png)](https://example.org/)", ""),
    ("![](https://example.org/a.jpg) Caption words here", "Caption words here"),
    ("Read the [full story][3] now.", "Read the full story now."),
    ("A **bold** and _emphatic_ and `coded` word.", "A bold and emphatic and coded word."),
    ("snake_case_names stay", "snake_case_names stay"),
    ("1\\. Not a list, and a \\*starred\\* word", "1. Not a list, and a *starred* word"),
    ("> quoted words here", "quoted words here"),
    ("### Section title ###", "Section title"),
    ("[Wiki](https://en.wikipedia.org/wiki/Foo_(bar)) page", "Wiki page"),
    ("Run `make test` before ``git push``", "Run make test before git push"),
    ("She cried `I love you' to him", "She cried `I love you' to him"),
    ("[Mail us](mailto:?subject=Rates rise again&body=https://e.org/a) now", "Mail us now"),
])
def test_markdown_inline_syntax(line: str, expected: str) -> None:
    page = f"# Title\n\n[a](https://example.org/a) [b](https://example.org/b)\n\n{line}\n"
    found = [b.text for b in read_text(page)][2:]
    assert found == ([expected] if expected else [])


def test_markdown_reference_definitions_tables_and_rules_are_dropped() -> None:
    page = ("# Title\n\nSee [one](https://e.org/1) and [two](https://e.org/2).\n\n"
            "| Team | Points |\n|---|---|\n| Reds | 12 |\n\n* * *\n\n"
            "   [1]: https://example.org/one\n")
    assert [b.text for b in read_text(page)] == [
        "Title", "See one and two.", "Team Points", "Reds 12"]


# --- lynx ----------------------------------------------------------------------------


def test_lynx_links_references_and_controls() -> None:
    found = blocks("article.lynx")
    assert by_text(found, "Home").link_density == 1.0
    assert by_text(found, "Home").list_item
    assert by_text(found, "Contact us").link_density == 1.0
    assert by_text(found, "The harbour council").link_density == 0.0
    assert not any("example.org" in b.text for b in found)
    assert by_text(found, "Search").text == "Search"


def test_lynx_headings_from_the_margin_not_from_centring() -> None:
    # lynx centres only a bare <h1>; one inside a <div> sits at the margin,
    # and centred lines are mostly banners, ad labels and <center> menus.
    found = blocks("article.lynx")
    assert by_text(found, "What changes").heading_level == 2
    assert by_text(found, "Harbour council").heading_level == 0
    assert by_text(found, "The harbour council").heading_level == 0


def test_lynx_paragraph_with_first_line_indent_is_one_block() -> None:
    # Leading spaces in a paragraph (&nbsp; indents) put its first line right of
    # the others; the rest wraps at the margin. Such a first line can also look
    # centred, which must not make the paragraph a heading.
    found = blocks("indented.lynx")
    paragraphs = [b for b in found if len(b.text.split()) >= 20]
    assert len(paragraphs) == 5
    assert all(b.text.endswith(".") and b.heading_level == 0 for b in paragraphs)
    assert by_text(found, "Harbour council").heading_level == 2
    assert by_text(found, "Fares are not affected").text == "Fares are not affected."


def test_lynx_dump_without_link_list_is_still_read_as_lynx() -> None:
    # `lynx -dump -nolist` prints no [n] numbers and no References; its
    # three-column margin is what marks it.
    found = blocks("indented.nolist.lynx")
    assert by_text(found, "Harbour council").heading_level == 2
    assert by_text(found, "The harbour council voted").text.endswith("the two islands.")


def test_lynx_numbers_in_prose_count_only_a_few_words_as_link() -> None:
    line = ("   The minister told reporters on Monday that [12]the new rules would "
            "apply from next year and that the details would follow soon.")
    page = "\n".join([f"   [{i}]Item {i}" for i in range(1, 12)] + ["", line])
    prose = read_text(page)[-1]
    assert prose.text.startswith("The minister told reporters on Monday that the new rules")
    assert 0 < prose.link_density < 0.2


# --- plain text ----------------------------------------------------------------------


def test_unwrapped_text_is_never_joined() -> None:
    lines = [
        "Short line one",
        "A medium length line that says something about the weather today.",
        "Another line of a quite different length, about sport.",
        "Tiny",
        "This line is a good deal longer than most of the others, on purpose, to vary it.",
        "Menu item",
        "The council met on Tuesday and agreed the budget for the coming year.",
        "Contact",
        "Prices rose by two per cent in March, the statistics office said.",
        "About us",
        "The mayor said the decision was long overdue and welcome news.",
        "Weather",
    ]
    assert [b.text for b in read_text("\n".join(lines))] == lines


def test_plain_text_keeps_citation_brackets_and_numbers() -> None:
    page = "Intro\n\nThe river floods most springs [1] and autumns [2].\n\n1. First point\n"
    found = read_text(page)
    assert [b.text for b in found] == [
        "Intro", "The river floods most springs [1] and autumns [2].", "1. First point"]
    assert found[2].list_item and found[1].link_density == 0.0


def test_hard_wrapped_plain_text_is_joined() -> None:
    paragraph = ("The committee published its findings on Thursday after a review that "
                 "took more than eighteen months and heard from over two hundred "
                 "witnesses, including several former ministers and officials who "
                 "had been in charge of the programme when the problems first came "
                 "to light in the spring of the previous year.")
    page = "\n\n".join(textwrap.fill(paragraph, 72) for _ in range(3))
    found = read_text(page)
    assert [b.text for b in found] == [paragraph] * 3
    assert [b.group for b in found] == [0, 1, 2]


def test_a_long_unbreakable_line_does_not_hide_the_wrapping() -> None:
    # One long line (a URL) among the wrapped ones is not a sign of unwrapped
    # text: only long lines with a space early on, and enough of them, are.
    paragraph = ("The committee published its findings on Thursday after a review that "
                 "took more than eighteen months and heard from over two hundred "
                 "witnesses, including several former ministers and officials who "
                 "had been in charge of the programme when the problems first came "
                 "to light in the spring of the previous year.")
    url = "https://example.org/" + "reports/2024/" * 12
    page = "\n\n".join([textwrap.fill(paragraph, 72)] * 3 + [url])
    assert [b.text for b in read_text(page)] == [paragraph] * 3 + [url]


@pytest.mark.parametrize("unit", ["[", "](", "[a](", "_", "*a", "[1]", "\\", "|", "#", "- "])
def test_pathological_lines_are_read(unit: str) -> None:
    page = "# T\n\n[a](b) [c](d) [e](f)\n\n" + unit * (40_000 // len(unit)) + "\n"
    found = read_text(page)
    assert found[0].text == "T"


def test_lynx_reference_list_with_visible_and_hidden_sections_is_dropped() -> None:
    page = "\n".join([
        "   The council met on Tuesday and [1]approved the plan after a long debate.",
        "   [2]Next story", "",
        "References", "", "   Visible links:",
        "   1. https://example.org/plan", "   2. https://example.org/next",
        "[USEMAP]", "file://localhost/tmp/map.html#nav",
        "   Hidden links:", "   3. javascript:void(0)",
    ])
    found = read_text(page)
    assert [b.text for b in found] == [
        "The council met on Tuesday and approved the plan after a long debate.", "Next story"]
    assert found[1].link_density == 1.0


def test_markdown_wrapped_blockquote_is_one_block() -> None:
    quote = ("The service promises a lot: the ability to play basically any game at up "
             "to full resolution on your television, phone, tablet or laptop, without "
             "a console.")
    filler = ("Reviewers spent a week with the service on several connections, from "
              "a fast office line to a crowded cafe network, and kept notes on each game.")
    page = "\n\n".join(
        ["# Review", "See [the store](https://e.org/s)."]
        + [textwrap.fill(filler, 78)] * 3
        + ["\n".join("> " + line for line in textwrap.wrap(quote, 76)), "After the quote."])
    assert [b.text for b in read_text(page)][2:] == [filler] * 3 + [quote, "After the quote."]


def test_wrapped_cjk_lines_join_without_a_space() -> None:
    sentence = "今天市议会批准了新的渡轮时刻表，结束了运营商与两岛居民之间持续了一年的争议。" * 3
    wrapped = textwrap.wrap(sentence, 70)
    paragraphs = ["\n".join("   " + w for w in wrapped)] * 6
    page = "\n\n".join(["   [1]首页", *paragraphs, "References", "   1. https://example.cn/"])
    found = [b.text for b in read_text(page)]
    assert found == ["首页"] + [sentence] * 6


def test_markdown_line_before_a_number_with_a_hyphen_is_joined() -> None:
    # textwrap never breaks "219-seat" after its hyphen (no letters before
    # it), so "219-" would have fitted only if the whole word did: the line
    # was wrapped and the paragraph is one block.
    para = ("The town council and all its allies hold a slight majority in the current "
            "219-seat chamber, and the vote on the harbour plan is expected next week.")
    wrapped = textwrap.fill(para, 78)
    assert wrapped.splitlines()[1].startswith("219-seat")
    filler = "\n\n".join(textwrap.fill(f"Paragraph {i} of filler words that runs on for "
                                       "a while so that the page is wrapped at seventy-eight "
                                       "columns like html2text output [link](https://e.org/).",
                                       78) for i in range(6))
    found = texts_of(f"# Title\n\n{filler}\n\n{wrapped}\n")
    assert para in found


def test_markdown_link_around_a_teaser_with_a_link_inside_is_all_link() -> None:
    page = ("# Title\n\n[a](https://e.org/a) [b](https://e.org/b)\n\n"
            "[The harbour council met again on Monday. [More](/news/harbour)](/news/harbour)\n")
    teaser = read_text(page)[-1]
    assert teaser.text == "The harbour council met again on Monday. More"
    assert teaser.link_density == 1.0


def texts_of(page: str) -> list[str]:
    return [b.text for b in read_text(page)]


def test_lynx_nolist_dump_of_a_menu_heavy_page_is_read_as_lynx() -> None:
    # Menus come out as list items five columns in, so few lines sit at the
    # three-column margin; most lines are still indented, which plain text
    # almost never is, and the wrapped paragraphs are joined back.
    found = blocks("menus.nolist.lynx")
    assert by_text(found, "Harbour council").heading_level == 2
    assert by_text(found, "The harbour council voted").text.endswith("the two islands.")
    assert by_text(found, "Under the plan").text.endswith("closed in April.")


def test_plain_text_indented_without_a_lynx_margin_stays_plain() -> None:
    # Indented source text (a <pre> block taken node by node) has its lines
    # deep in, none at lynx's margin: each line stays a block of its own.
    lines = [f"        Item {i}: {'a long line of the note, ' * (i % 4)}not wrapped." for i in range(12)]
    assert [b.text for b in read_text("\n".join(lines))] == [line.strip() for line in lines]


def test_paragraphs_wrapped_at_no_one_width_are_joined() -> None:
    # An editor with a proportional font wraps where the words ran out of
    # room, so line lengths vary too much for a wrap width to show.
    paragraph = [
        "The harbour council voted on Tuesday to approve a new ferry",
        "timetable, ending a dispute that had run for most of the year between",
        "operators and residents, who had complained that the last boat left",
        "too early for anyone working an evening shift on the mainland.",
    ]
    page = "\n".join(["Harbour News", "Ferry timetable approved", "", *paragraph, "",
                      "http://example.org/ferries", "Contact us"])
    assert [b.text for b in read_text(page)] == [
        "Harbour News", "Ferry timetable approved", " ".join(paragraph),
        "http://example.org/ferries", "Contact us"]


def test_lines_of_a_list_in_title_case_are_not_joined() -> None:
    lines = ["Ferry Fares Frozen For Winter As Council Agrees Budget For Next Year",
             "opinion Why The New Pier Matters More Than The Old One To Islanders",
             "opinion Crew Shortage Eases As Training College Opens New Courses",
             "opinion Residents Welcome Later Last Boat After Year Of Campaigning"]
    assert [b.text for b in read_text("\n".join(lines))] == lines


def test_lynx_head_links_paragraph_is_dropped() -> None:
    # lynx prints the <head>'s <link> elements first, marked by "#"; that
    # paragraph is not the page's first line of text.
    page = ("   #[1]Harbour News RSS Feed [2]Comments Feed [3]alternate\n"
            "   [4]alternate\n\n" + (SHAPES / "article.lynx").read_text(encoding="utf-8"))
    assert [b.text for b in read_text(page)] == texts("article.lynx")


def test_lynx_image_named_by_its_url_query_is_dropped() -> None:
    # An image without alt text is printed as the last part of its URL,
    # query string and all; link numbers stay links.
    page = "\n".join([f"   [{i}]Section {i}" for i in range(1, 8)] + [
        "", "   Starring the new cast? [11]More",
        "   [dims?thumbnail=30%2C30&amp;quality=70&amp;client=cbc79c14] [cast_2.jpg]",
        "   By A. Writer, 3h ago"])
    found = [b.text for b in read_text(page)]
    assert found[7:] == ["Starring the new cast? More", "By A. Writer, 3h ago"]


def test_markdown_prose_citing_a_long_linked_name_is_not_a_link_list() -> None:
    # A sentence naming its source by a long link is the article's own
    # text; in prose only a link's first three words count, as for lynx.
    line = ("But a report released on Monday by the [University Centre for Coastal "
            "Transport and Island Studies](http://example.org/centre) calls that into question.")
    found = read_text("\n\n".join(["[Home](/) [World](/w)", "# Ferries", line]))
    assert by_text(found, "Home").link_density > 0.8
    assert by_text(found, "But a report").link_density < 0.25


def test_markdown_stray_marks_and_links_split_by_a_line_break() -> None:
    # html2text prints nested bullets with no text of their own, the "__" of
    # an empty <i> icon, and a <br> inside a link as a hard break before "](".
    page = ("# Harbour News\n\n  *   *   * Ferries Harbour Council\n\nLatest News __\n\n"
            "[Council approves the timetable   \n](/ferries/timetable.html)\n\n"
            "The harbour council voted on Tuesday.\n")
    assert [b.text for b in read_text(page)] == [
        "Harbour News", "Ferries Harbour Council", "Latest News", "Council approves the timetable",
        "The harbour council voted on Tuesday."]


def test_sentences_of_one_length_are_not_a_wrapped_paragraph() -> None:
    """Lines that each end a sentence are not a paragraph wrapped at a
    column, however alike their lengths: each stays its own paragraph."""
    lines = [f"Harbour report {n}: the ferry left on time and the sea was calm all day."
             for n in range(10, 40)]
    blocks = read_text("Harbour log\n\n" + "\n".join(lines))
    assert [b.text for b in blocks[1:]] == lines


def test_text_node_wrapped_in_the_page_source_is_one_line() -> None:
    # BeautifulSoup's get_text("\n", strip=True) keeps the line breaks and the
    # indentation inside a text node that the page's source wraps.
    text = ("Home\nNews\nHarbour council votes to close \n\t\t\t\tthe old ferry pier\n"
            "The harbour council voted on Monday to close the old ferry pier for \n"
            "\t\t\t\trepairs over the summer, a spokesman for the council said.\n"
            "Contact us")
    blocks = read_text(text)
    assert [b.text for b in blocks] == [
        "Home", "News", "Harbour council votes to close the old ferry pier",
        "The harbour council voted on Monday to close the old ferry pier for repairs over "
        "the summer, a spokesman for the council said.",
        "Contact us"]
    assert [b.line_no for b in blocks] == [1, 2, 3, 5, 7]


def test_indented_lines_after_lines_without_a_trailing_space_stay_apart() -> None:
    text = "Harbour council votes\n\t\tMonday 3 March\nThe council voted on Monday."
    assert [b.text for b in read_text(text)] == [
        "Harbour council votes", "Monday 3 March", "The council voted on Monday."]
