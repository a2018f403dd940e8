"""The HTML reader, its metadata and the dom filter, on small handmade pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import textclean
from textclean.filters.dom import DomHints
from textclean.model import Block, Document
from textclean.readers import html as html_reader
from textclean.readers.html import class_hints, read_html
from textclean.readers.html_meta import clean_title
from textclean.readers.text import read_text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "html" / "news-article.html"


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def texts(markup: str) -> list[str]:
    return [b.text for b in read_html(markup)[0]]


def block(markup: str, text: str) -> Block:
    return next(b for b in read_html(markup)[0] if b.text == text)


# -- rendering -------------------------------------------------------------------


def test_paragraphs_are_lines_in_their_own_groups() -> None:
    blocks, _ = read_html(page("<p>One two.</p><p>Three <b>four</b>.</p>"))
    assert [b.text for b in blocks] == ["One two.", "Three four."]
    assert blocks[0].group != blocks[1].group
    assert [b.index for b in blocks] == [0, 1]
    assert blocks[0].line_no < blocks[1].line_no


def test_br_breaks_a_line_inside_the_same_group() -> None:
    blocks, _ = read_html(page("<p>Quay Street<br>Porthaven</p>"))
    assert [b.text for b in blocks] == ["Quay Street", "Porthaven"]
    assert blocks[0].group == blocks[1].group


def test_two_brs_make_a_blank_line() -> None:
    blocks, _ = read_html(page("<div>First<br><br>Second</div>"))
    assert blocks[0].group != blocks[1].group


def test_divs_are_lines_without_a_blank_between() -> None:
    blocks, _ = read_html(page("<div>Alpha</div><div>Beta</div>"))
    assert [b.text for b in blocks] == ["Alpha", "Beta"]
    assert blocks[0].group == blocks[1].group


def test_inline_elements_join_without_extra_spaces() -> None:
    assert texts(page("<p>bl<span>ack</span>bird and <i>wren</i></p>")) == ["blackbird and wren"]


def test_lists_and_tables_are_separated_from_paragraphs() -> None:
    blocks, _ = read_html(page(
        "<p>Intro.</p><ul><li>one</li><li>two</li></ul>"
        "<table><tr><td>a</td><td>b</td></tr></table><p>Outro.</p>"))
    groups = {b.text: b.group for b in blocks}
    assert groups["one"] == groups["two"]
    assert len({groups["Intro."], groups["one"], groups["a"], groups["Outro."]}) == 4


def test_entities_and_nbsp_are_decoded() -> None:
    assert texts(page("<p>Fish&nbsp;&amp;&nbsp;chips &eacute;t&eacute;</p>")) == [
        "Fish & chips été"]


def test_pre_keeps_its_line_breaks() -> None:
    assert texts(page("<pre>line one\nline two</pre>")) == ["line one", "line two"]


@pytest.mark.parametrize("hidden", [
    "<script>var x = 1;</script>", "<style>p { color: red }</style>",
    "<noscript>Enable JavaScript</noscript>", "<template><p>later</p></template>",
    "<!-- a comment -->", "<span hidden>secret</span>", "<span aria-hidden='true'>icon</span>",
    "<span style='display: none'>gone</span>", "<span style='Visibility : hidden'>x</span>",
    "<button>Share</button>", "<select><option>One</option></select>",
    "<input value='search'>", "<svg><text>chart</text></svg>", "<iframe>frame</iframe>",
])
def test_invisible_and_widget_elements_are_dropped(hidden: str) -> None:
    assert texts(page(f"<p>Before {hidden}after.</p>")) == ["Before after."]


def test_head_text_is_not_rendered() -> None:
    assert texts(page("<p>Body text.</p>", head="<title>Title</title>")) == ["Body text."]


# -- features --------------------------------------------------------------------


def test_link_density_is_the_share_of_link_text() -> None:
    b = block(page("<p><a href='/x'>abcde</a>fghij</p>"), "abcdefghij")
    assert b.link_density == pytest.approx(0.5)
    assert block(page("<p>no links here</p>"), "no links here").link_density == 0.0


def test_anchor_without_href_is_not_a_link() -> None:
    assert block(page("<p><a name='top'>anchor</a> text</p>"), "anchor text").link_density == 0.0


def test_heading_level_tag_and_list_item() -> None:
    markup = page("<h2>Sub <span>head</span></h2><ul><li><a href='/'>Item</a></li></ul><p>P</p>")
    heading, item, para = read_html(markup)[0]
    assert (heading.heading_level, heading.tag, heading.list_item) == (2, "h2", False)
    assert (item.heading_level, item.tag, item.list_item) == (0, "li", True)
    assert (para.heading_level, para.tag, para.list_item) == (0, "p", False)


def test_text_reader_blocks_have_no_dom_features() -> None:
    blocks = read_text("A line of text.\n\nAnother line.")
    assert all(b.tag == "" and not b.hints for b in blocks)


# -- hints -----------------------------------------------------------------------


@pytest.mark.parametrize(("words", "hint"), [
    ("socialShareBar", "share"), ("site-footer", "footer"), ("main_navigation", "nav"),
    ("topnav", "nav"), ("breadcrumbs", "breadcrumb"), ("cookie-consent", "cookie"),
    ("newsletter-signup", "newsletter"), ("related-posts", "related"), ("ad-slot", "ad"),
    ("advertisement", "ad"), ("comments-area", "comment"), ("articleBody", "articlebody"),
    ("entry-content", "main"), ("byline", "byline"), ("sr-only", "srtext"),
    ("right-rail", "sidebar"), ("wp-caption-text", "caption"), ("post-tags", "tags"),
])
def test_class_words_map_to_hints(words: str, hint: str) -> None:
    assert hint in class_hints(words)


@pytest.mark.parametrize("words", ["header-image", "shadow", "loaded", "navy-blue",
                                   "commentary", "read", "badge"])
def test_class_words_that_only_look_like_hints(words: str) -> None:
    assert not class_hints(words) & {"ad", "nav", "comment"}


def test_the_quick_rejection_of_class_tokens_never_loses_a_hint() -> None:
    """Tokens are first searched for the words any hint needs; the search
    must only ever reject tokens the full word table would reject too."""
    assert html_reader._MATCH_NEEDS is not None
    pattern = html_reader._CLASS_RE
    words = ["article", "body", "main", "content", "sr", "only", "ad", "slot", "nav", "y",
             "tag", "cloud", "see", "also", "top", "bar", "side", "col", "date", "time",
             "x", "1", "post", "entry", "h", "crumb", "comment", "ary", "site", "info"]
    tokens = [a + b for a in words for b in words] + words
    for token in tokens:
        full = {html_reader._GROUP_HINT[m.lastgroup or ""] for m in pattern.finditer(token)}
        if full:
            assert html_reader._MATCH_NEEDS.search(token), token
    html_reader._token_cache.clear()
    assert "articlebody" in html_reader._token_hints("articlebody")
    assert html_reader._token_hints("xyz123") == frozenset()


@pytest.mark.parametrize(("words", "hint"), [
    ("article body", "articlebody"), ("x sr only", "srtext"), ("tag -- cloud", "tags"),
    ("main\u00a0content", "main"), ("postContent", "articlebody")])
def test_runs_of_two_class_words_read_together(words: str, hint: str) -> None:
    assert hint in class_hints(words)


def test_class_hints_work_without_the_quick_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "_sre", None)
    assert html_reader._needs_search(html_reader._CLASS_RE) is None
    monkeypatch.setattr(html_reader, "_MATCH_NEEDS", None)
    for cache in (html_reader._class_cache, html_reader._word_cache, html_reader._token_cache):
        cache.clear()
    assert "articlebody" in class_hints("articleBody")
    assert class_hints("xyz-123") == frozenset()
    for cache in (html_reader._class_cache, html_reader._word_cache, html_reader._token_cache):
        cache.clear()


@pytest.mark.parametrize("words", ["ad1", "ad-2 x", "comment-128290", "menu-item-10464",
                                   "advert1234567890123456789", "ad 9", "x1Y2 nav3"])
def test_class_strings_that_differ_only_in_digits_share_hints(words: str) -> None:
    """class_hints caches a class string under its digits made zeros, which
    is only right while the word table reads every digit alike."""
    assert html_reader._DIGITS_ALIKE
    zeroed = words.translate(html_reader._ZERO_DIGITS)
    for cache in (html_reader._word_cache, html_reader._token_cache):
        cache.clear()
    assert html_reader._string_hints(words) == html_reader._string_hints(zeroed)
    assert class_hints(words) == html_reader._string_hints(words)


def test_hints_are_inherited_from_every_container() -> None:
    markup = page("<footer><div class='social'><p>Follow us on the socials</p></div></footer>")
    assert {"footer", "social"} <= block(markup, "Follow us on the socials").hints


def test_semantic_tags_and_roles_give_hints() -> None:
    markup = page("<div role='navigation'><p>Go there</p></div><aside><p>Aside</p></aside>")
    assert "nav" in block(markup, "Go there").hints
    assert "aside" in block(markup, "Aside").hints


def test_inline_element_hint_covers_a_line_only_when_it_holds_all_of_it() -> None:
    markup = page("<p><span class='byline'>By Ann Lee</span></p>"
                  "<p>Text with <span class='ad'>an ad word</span> inside it.</p>")
    assert "byline" in block(markup, "By Ann Lee").hints
    assert "ad" not in block(markup, "Text with an ad word inside it.").hints


def test_slug_ids_are_not_read_as_roles() -> None:
    markup = page("<div id='sharing-with-a-single-developer'><p>Prose here.</p></div>")
    assert "share" not in block(markup, "Prose here.").hints


def test_main_content_cancels_boilerplate_words_of_its_wrappers() -> None:
    markup = page("<div class='nav-open'><div class='article-body'><p>Story.</p>"
                  "<div class='share-tools'><p>Share this</p></div></div></div>")
    assert "nav" not in block(markup, "Story.").hints
    assert "share" in block(markup, "Share this").hints


def test_a_line_has_the_hints_of_its_own_containers_whatever_came_before() -> None:
    # Lines in the same containers share their hints, worked out once: a
    # deeper line read first must not lend its content words to a shallower one.
    markup = page("<div class='sidebar'><div class='widget'><main><p>Deep story.</p></main>"
                  "</div><p>Widget note.</p></div><div class='sidebar'><p>Other note.</p></div>")
    assert "sidebar" not in block(markup, "Deep story.").hints
    assert "main" in block(markup, "Deep story.").hints
    assert block(markup, "Widget note.").hints == {"sidebar"}
    assert block(markup, "Other note.").hints == {"sidebar"}


def test_a_boilerplate_wrapper_holding_most_of_the_prose_is_not_believed() -> None:
    prose = "".join(f"<p>{'This is a long sentence of real article prose. ' * 4}{i}</p>"
                    for i in range(6))
    markup = page(f"<div class='page-sidebar-layout'>{prose}</div>"
                  "<div class='sidebar'><p>Small widget text that is short</p></div>")
    blocks = read_html(markup)[0]
    assert not any("sidebar" in b.hints for b in blocks[:6])
    assert "sidebar" in block(markup, "Small widget text that is short").hints


def test_subscriber_wrappers_are_not_newsletter_boxes() -> None:
    assert "newsletter" not in class_hints("subscriber-preview")
    assert "newsletter" in class_hints("subscribe-box")
    assert "newsletter" in class_hints("newsletter-signup")


PROSE = "This is a long sentence of real article prose about the council vote. " * 3


def test_a_widget_word_wrapping_most_of_an_article_body_is_not_believed() -> None:
    paragraphs = "".join(f"<p>{PROSE}{i}</p>" for i in range(4))
    markup = page("<div class='article-body'>"
                  f"<div class='ad-wrapper'>{paragraphs}</div>"
                  "<div class='share-tools'><p>Share this</p></div></div>"
                  f"<div class='comments'>{paragraphs}{paragraphs}</div>")
    assert "ad" not in read_html(markup)[0][0].hints
    assert "share" in block(markup, "Share this").hints


def test_a_small_main_content_box_inside_a_newsletter_form_is_the_form() -> None:
    article = "".join(f"<p>{PROSE}{i}</p>" for i in range(4))
    markup = page(f"<article>{article}</article><div class='newsletter'>"
                  f"<div class='mainContent'><p>{PROSE}</p></div></div>")
    hints = read_html(markup)[0][-1].hints
    assert "newsletter" in hints and "main" not in hints


def test_a_short_marked_article_beats_longer_boilerplate_prose() -> None:
    legal = "".join(f"<p>{'You agree to these terms of use of the website and its content. ' * 3}"
                    f"{i}</p>" for i in range(3))
    markup = page("<h1>Man stabbed in Berlin</h1><div class='article-body'>"
                  f"<p>{PROSE}</p></div><div><p>Short</p><p>Menu</p><p>Links</p>"
                  f"<p>More</p><p>Other</p></div><div class='terms'>{legal}</div>")
    body = textclean.clean(markup).body
    assert PROSE.strip() in body
    assert "terms of use" not in body


# -- metadata --------------------------------------------------------------------


def test_fixture_metadata() -> None:
    _, meta = read_html(FIXTURE.read_text(encoding="utf-8"))
    assert meta.title == "Harbour bridge reopens after repairs"
    assert meta.headlines[:2] == ["Harbour bridge reopens after two years of repairs",
                                  "Harbour bridge reopens after repairs"]
    assert meta.dates == ["2024-05-02T08:30:00+01:00", "2024-05-03T10:00:00+01:00"]
    assert meta.url == "https://courier.example/news/harbour-bridge-reopens"
    assert meta.site_name == "The Coastal Courier"
    assert meta.language == "en"
    assert meta.authors == ["Maria Lindqvist", "Tom Okafor"]


@pytest.mark.parametrize(("title", "clean"), [
    ("Bridge reopens after repairs - The Courier", "Bridge reopens after repairs"),
    ("Bridge reopens after repairs | Courier", "Bridge reopens after repairs"),
    ("Bridge reopens | News | The Courier", "Bridge reopens"),
    ("Courier | Bridge reopens after long repairs", "Bridge reopens after long repairs"),
    ("Brexit: what happens next for the ports", "Brexit: what happens next for the ports"),
    ("Plain title", "Plain title"),
])
def test_title_loses_its_site_name(title: str, clean: str) -> None:
    assert clean_title(title) == clean


def test_modified_dates_come_after_published_ones() -> None:
    head = ("<meta property='article:modified_time' content='2021-03-04'>"
            "<meta name='pubdate' content='2021-03-01'>")
    _, meta = read_html(page("<p>x</p><time datetime='2021-03-02'>2 March</time>", head))
    assert meta.dates == ["2021-03-01", "2021-03-02", "2021-03-04"]


def test_microdata_and_h1_give_headlines_and_dates() -> None:
    body = ("<h1>Visible headline</h1><span itemprop='headline'>Micro headline</span>"
            "<meta itemprop='datePublished' content='2019-07-01T10:00'>"
            "<span itemprop='author'>Jo Bloggs</span>")
    _, meta = read_html(page(body))
    assert meta.headlines == ["Micro headline", "Visible headline"]
    assert meta.dates == ["2019-07-01T10:00"]
    assert meta.authors == ["Jo Bloggs"]


def test_metadata_text_is_the_whole_text_inside_the_element() -> None:
    # The parser reports text in pieces (split at entities and tags): the
    # metadata reads them joined, as lxml's itertext would give them.
    head = "<title>Rock &amp; roll is back</title>"
    body = ("<h1>Big <em>news</em> &ndash; today</h1>"
            "<span itemprop='author'>By <a rel='author' href='/a'>Ann &amp; Bo</a></span>")
    _, meta = read_html(page(body, head))
    assert meta.title == "Rock & roll is back"
    assert meta.headlines == ["Big news \u2013 today"]
    assert meta.authors == ["By Ann & Bo", "Ann & Bo"]  # in document order


def test_an_h1_open_at_the_element_cap_gives_its_whole_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "MAX_ELEMENTS", 6)
    body = "<h1>One <b>two</b> <i>three</i> <b>four</b> five</h1><p>After.</p>"
    blocks, meta = read_html(page(body))
    assert meta.headlines == ["One two three four five"]
    assert [b.text for b in blocks] == ["One two"]


def test_text_split_at_entities_is_judged_whole() -> None:
    b = block(page("<p><a href='/x'>Tom &amp; Jerry</a> run</p>"), "Tom & Jerry run")
    assert b.link_density == pytest.approx(len("Tom & Jerry") / len("Tom & Jerry run"))


def test_text_before_nesting_deeper_than_the_tree_limit_is_kept() -> None:
    depth = 2100  # past the 2,048 levels of libxml2's tree
    deep = "<div>" * depth + "deep" + "</div>" * depth
    assert texts(page("<p>Before the deep part.</p>" + deep))[0] == "Before the deep part."


def test_a_page_is_read_whole_after_one_cut_short_or_unreadable() -> None:
    # The reader and its parser serve one page after another.
    markup = page("<h1>Title</h1><div class='share'><p>Share it</p></div><p>Text.</p>",
                  "<title>Page</title>")
    first = read_html(markup)
    cut_short = page("<p>Before.</p>" + "<div>" * 2100 + "deep" + "</div>" * 2100)
    for other in (cut_short, "", "<<<>>>", "<html><body><p>x" + "<b>" * 300, markup):
        read_html(other)
        again = read_html(markup)
        assert [(b.text, b.hints, b.tag) for b in again[0]] == \
            [(b.text, b.hints, b.tag) for b in first[0]]
        assert again[1] == first[1]


def test_pages_read_in_several_threads_at_once_are_read_as_in_one() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pages = [page(f"<h1>Page {i}</h1>" + "<div class='nav'><a href='/'>Home</a></div>"
                  + "".join(f"<p>Paragraph {j} of page {i}.</p>" for j in range(i % 7 + 1)))
             for i in range(60)]

    def read(markup: str) -> list[tuple[str, frozenset[str]]]:
        return [(b.text, b.hints) for b in read_html(markup)[0]]

    expected = [read(markup) for markup in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(read, pages * 3)) == expected * 3


def test_og_url_is_used_without_canonical_and_language_is_two_letters() -> None:
    markup = ("<html lang='PT-br'><head><meta property='og:url' content='https://x.example/a'>"
              "</head><body><p>x</p></body></html>")
    _, meta = read_html(markup)
    assert (meta.url, meta.language) == ("https://x.example/a", "pt")


def test_broken_json_ld_is_ignored() -> None:
    head = "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", </script>"
    _, meta = read_html(page("<p>Text.</p>", head))
    assert meta.headlines == [] and meta.dates == []


# -- safety ----------------------------------------------------------------------


def test_entities_declared_in_a_doctype_are_not_expanded() -> None:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    markup = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>'
              "<html><body><p>&lol9;</p></body></html>")
    blocks, _ = read_html(markup)
    assert sum(len(b.text) for b in blocks) < 1000


def test_very_deep_nesting_still_gives_the_text() -> None:
    markup = page("<div>" * 5000 + "<p>Deep down.</p>" + "</div>" * 5000 + "<p>After.</p>")
    assert texts(markup) == ["Deep down.", "After."]


def test_rendering_stops_at_the_element_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "MAX_ELEMENTS", 50)
    blocks, _ = read_html(page("".join(f"<p>para {i}</p>" for i in range(200))))
    assert 0 < len(blocks) < 50


def test_a_20_megabyte_page_gives_a_result() -> None:
    markup = page("<p>" + "word " * 4_000_000 + "</p>")
    blocks, _ = read_html(markup)
    assert len(blocks) == 1


@pytest.mark.parametrize("junk", ["", "   ", "<" * 1000, "<p", "</div></div>text",
                                  "<html><body></body></html>", "\ufeff<p>bom</p>"])
def test_junk_markup_never_raises(junk: str) -> None:
    blocks, _ = read_html(junk)
    assert all(b.text for b in blocks)


@pytest.mark.parametrize("prefix", ["", "\ufeff"])
def test_controls_and_a_byte_order_mark_never_reach_the_lines(prefix: str) -> None:
    markup = prefix + page("<h1>Head\x07line</h1><p>Caf\u00e9 prose\x00 here.</p>")
    doc = textclean.explain(markup, input="html")[1]
    assert [d.text for d in doc] == ["Headline", "Caf\u00e9 prose here."]


def test_empty_elements_leave_the_hints_of_lines_alone() -> None:
    markup = page("<div class='article-body'><span class='share-icon'></span>"
                  "<p>Story text.<i class='ad'></i></p></div>")
    hints = block(markup, "Story text.").hints
    assert "articlebody" in hints
    assert not hints & {"share", "ad"}


# -- dom filter ------------------------------------------------------------------


def run_dom(blocks: list[Block]) -> list[Block]:
    DomHints()(Document(blocks=blocks))
    return blocks


def test_dom_filter_removes_boilerplate_containers_and_keeps_the_article() -> None:
    blocks = run_dom(read_html(FIXTURE.read_text(encoding="utf-8"))[0])
    kept = {b.text for b in blocks if not b.removed}
    reasons: dict[str, str | None] = {}
    for b in blocks:
        if b.removed_by == "dom":
            reasons.setdefault(b.text, b.reason)
    assert "Costs rose sharply" in kept
    assert any(t.startswith("The harbour bridge reopened") for t in kept)
    assert "Harbour bridge reopens after two years of repairs" in kept  # article header
    assert reasons["News"] == "inside a nav container"
    assert reasons["Most read"] == "inside a sidebar container"
    assert reasons["Privacy | Terms"] == "inside a footer container"
    assert reasons["Share on Facebook Share by email"] == "inside a share container"
    assert reasons["The Coastal Courier"] == "inside the page header"
    assert reasons["Porthaven"] == "inside a footer container"
    assert reasons["The bridge at dawn on its first day back in use"] == "caption"


def test_dom_filter_removes_long_all_link_lines() -> None:
    links = " ".join(f"<a href='/{i}'>Another story headline number {i}</a>" for i in range(8))
    blocks = run_dom(read_html(page(f"<p>{links}</p><p>Prose that stays.</p>"))[0])
    assert blocks[0].removed_by == "dom" and not blocks[1].removed


def test_dom_filter_leaves_text_input_alone() -> None:
    text = "Home\n\n* [News](/news)\n* [Sport](/sport)\n\n" + "[A long link line](/x) " * 20
    blocks = run_dom(read_text(text))
    assert not any(b.removed for b in blocks)


def test_dom_step_runs_first_by_default() -> None:
    assert textclean.DEFAULT_STEPS[0] == "dom"


# -- end to end ------------------------------------------------------------------


def test_fixture_cleans_to_its_article() -> None:
    article = textclean.clean(FIXTURE.read_text(encoding="utf-8"), input="html")
    assert article.headline == "Harbour bridge reopens after two years of repairs"
    body = article.body
    for sentence in ("The harbour bridge reopened to traffic", "Drivers queued from before dawn",
                     "The repairs cost almost twice", "Local businesses on both sides"):
        assert sentence in body
    for junk in ("Sport", "cookies", "Share on Facebook", "Council approves", "Storm warning",
                 "All rights reserved", "hidden and must not", "not text", "JavaScript"):
        assert junk not in body
    assert article.url == "https://courier.example/news/harbour-bridge-reopens"
    assert article.site_name == "The Coastal Courier"


def test_a_date_in_the_canonical_url_is_the_last_resort() -> None:
    head = ("<link rel='canonical' href='https://x.example/news/2018/11/05/storm-story'>"
            "<meta name='date' content='2018-11-06'>")
    assert read_html(page("<p>x</p>", head))[1].dates == ["2018-11-06", "2018-11-05"]
    no_day = "<link rel='canonical' href='https://x.example/2018/11/storm'>"
    assert read_html(page("<p>x</p>", no_day))[1].dates == []



def test_short_list_inside_the_article_body_is_not_a_menu() -> None:
    items = "".join(f"<li>{n} cups of flour</li>" for n in ("Two", "Three", "Four", "Five"))
    prose = ("<p>The council voted on Tuesday to approve the plan for the harbour after a "
             "long debate that drew a large crowd to the town hall.</p>") * 4
    html = (f'<html><body><nav><ul><li><a href="/">Home</a></li></ul></nav>'
            f'<div itemprop="articleBody">{prose}<ul>{items}</ul>{prose}</div></body></html>')
    article, decisions = textclean.explain(html)
    assert "Three cups of flour" in article.body
    assert all(d.removed_by != "navigation" for d in decisions if "flour" in d.text)


# -- body on HTML ------------------------------------------------------------------

_PROSE = ("The council met on Tuesday evening to discuss the plan for the new library, "
          "and most of the members said that they would support it if the costs were "
          "shared with the county and the work could start before the end of the year.")


def test_a_paragraph_dense_with_links_stays_in_the_article() -> None:
    linked = ("<p>The plan follows <a href='/a'>the report that the county published in "
              "the spring</a> and <a href='/b'>an earlier survey of the readers who use "
              "the old building</a>, and it is the first of its kind in the region.</p>")
    markup = page(
        "<ul><li><a href='/n'>News</a></li><li><a href='/s'>Sport</a></li></ul>"
        f"<div><p>{_PROSE}</p>{linked}<p>{_PROSE.replace('council', 'board')}</p></div>"
    )
    linked_block = next(b for b in read_html(markup)[0] if b.text.startswith("The plan"))
    assert linked_block.link_density > 0.5  # the links alone would make it boilerplate
    body = textclean.clean(markup, input="html").body
    assert "the first of its kind in the region." in body
    assert "Sport" not in body


def test_a_list_of_linked_headlines_is_not_taken_for_linked_prose() -> None:
    teasers = "".join(f"<li><a href='/{i}'>Residents of the town say the new bridge is a "
                      f"welcome change for everyone who drives to work number {i}</a>.</li>"
                      for i in range(4))
    markup = page(f"<div><p>{_PROSE}</p><p>{_PROSE}</p></div><ul>{teasers}</ul>")
    body = textclean.clean(markup, input="html").body
    assert "bridge" not in body


def test_a_long_linked_paragraph_without_a_full_stop_stays_in_the_article() -> None:
    linked = ("<p>Read <a href='/r'>the full report of the committee on the library plan and "
              "the costs of the new building</a> and <a href='/s'>the summary that the county "
              "sent to the members of the board last week</a>, which lists the dates of the "
              "meetings where the public can speak about it</p>")
    markup = page(f"<div><p>{_PROSE}</p>{linked}<p>{_PROSE.replace('council', 'board')}</p></div>")
    body = textclean.clean(markup, input="html").body
    assert "where the public can speak about it" in body


def test_a_short_sentence_in_the_article_body_is_kept() -> None:
    markup = page(f"<div class='article-body'><p>{_PROSE}</p><p>It opens in May.</p></div>"
                  "<div class='share'><a href='/t'>Tweet</a></div>"
                  "<footer><p>About us</p></footer>")
    body = textclean.clean(markup, input="html").body
    assert body.endswith("It opens in May.")


def test_a_standfirst_cut_off_by_a_video_player_is_kept() -> None:
    standfirst = ("The town's old library will close next spring, and its books will move to a "
                  "new building by the river that the council approved on Tuesday.")
    player = "".join(f"<li class='promo'><a href='/v{i}'>Watch next: a video about the town "
                     f"and its people, part {i}</a></li>" for i in range(12))
    player = f"<ul>{player}</ul>"
    markup = page("<article><div class='article-body'>"
                  f"<h2>{standfirst}</h2>{player}"
                  + "".join(f"<p>{_PROSE.replace('council', w)}</p>"
                            for w in ("council", "board", "mayor", "panel"))
                  + "</div></article>")
    body = textclean.clean(markup, input="html").body
    assert body.startswith(standfirst)
    assert "Watch next" not in body


def test_linked_list_items_in_the_article_body_are_kept() -> None:
    items = "".join(f"<li>The team fixed <a href='/b{i}'>bug {i} in the print dialog</a> "
                    f"this week</li>" for i in range(4))
    markup = page(f"<div class='article-body'><p>{_PROSE}</p><ul>{items}</ul>"
                  f"<p>{_PROSE.replace('council', 'board')}</p>"
                  "<ul><li><a href='/x'>Read the whole story about the library</a></li></ul>"
                  "</div>")
    body = textclean.clean(markup, input="html").body
    assert "bug 2 in the print dialog this week" in body
    assert "Read the whole story" not in body


def test_linked_lines_in_a_main_container_are_not_vouched_for() -> None:
    authors = "".join(f"<p>Guest writer: <a href='/a{i}'>Anna Smith of the weekly column "
                      f"{i}</a> | editor</p>" for i in range(6))
    markup = page(f"<main><div><p>{_PROSE}</p><p>{_PROSE}</p></div>"
                  f"<div class='list'>{authors}</div></main>")
    body = textclean.clean(markup, input="html").body
    assert "Guest writer" not in body


_POLL = ("<form action='/vote'><table>"
         + "".join(f"<tr><td><input type='radio' name='v'>{a}</td></tr>" for a in (
             "Yes, and the council should have done it years ago when the costs were lower.",
             "No, the money would be better spent on the roads and the schools of the town.",
             "Only if the county pays for most of it and the work is finished by next year.",
             "I do not know enough about the plan yet to say whether it is a good idea."))
         + "</table><button>Vote</button></form>")


def test_a_poll_form_beside_a_short_story_is_not_the_article() -> None:
    story = ("<p>The mayor said on Monday that the old library would close in the spring.</p>"
             f"<p>{_PROSE}</p>")
    markup = page(f"<table><tr><td>{story}</td></tr><tr><td>{_POLL}</td></tr></table>")
    body = textclean.clean(markup, input="html").body
    assert "old library would close" in body
    assert "roads and the schools" not in body


def test_a_form_wrapping_the_whole_page_is_not_a_widget() -> None:
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    markup = page(f"<form action='/page'><div>{story}</div></form>")
    body = textclean.clean(markup, input="html").body
    assert "The board met on Tuesday evening" in body


def test_teaser_blurbs_after_the_marked_article_body_are_left_out() -> None:
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>"
                    for w in ("council", "board", "mayor", "panel"))
    teasers = "".join(
        f"<h5><a href='/t{i}'>Another story about the town number {i}</a></h5>"
        f"<div>Staff writer</div><div>Tuesday</div>"
        f"<div>The residents of the town have been asking for a new bridge for many years, "
        f"and the county has now agreed to pay for part {i} of the work on it, which is "
        f"expected to start in the summer and to take most of the next two years.</div>"
        for i in range(6))
    markup = page(f"<article><h1>Library plan</h1><div class='article-body'>{story}</div>"
                  f"<div class='more'>{teasers}</div></article>")
    body = textclean.clean(markup, input="html").body
    assert "The panel met on Tuesday evening" in body
    assert "new bridge" not in body


_DISCLAIMER = ("Disclaimer: this news article is copyrighted by the agency and published "
               "here with its permission; the site is not responsible for its content, "
               "and any questions about it should be sent to the agency, which holds all "
               "of the rights to it and to the photographs that go with it.")


@pytest.mark.parametrize("paragraphs", [
    ("The council voted on Tuesday to close the old library in the spring, the mayor said.",
     "Most of the members said they would support the plan if the county paid its share.",
     "The new building by the river is expected to open to the public early next year."),
    ("The council voted on Tuesday to close the old library in the spring, the mayor said.",
     "The new building by the river is expected to open to the public early next year."),
], ids=["three", "two"])
def test_a_story_in_short_paragraphs_beats_a_long_disclaimer(paragraphs: tuple[str, ...]) -> None:
    markup = page("<ul><li><a href='/n'>News</a></li><li><a href='/s'>Sport</a></li></ul>"
                  + "".join(f"<p>{p}</p>" for p in paragraphs)
                  + "<div><a href='/alerts'>Sign up for alerts</a></div>"
                  f"<table><tr><td>{_DISCLAIMER}</td></tr></table>")
    body = textclean.clean(markup, input="html").body
    assert body.startswith("The council voted on Tuesday")
    assert "open to the public early next year." in body


def test_unpunctuated_article_paragraphs_and_list_items_are_not_captions() -> None:
    def prose(word: str) -> str:
        return f"<p>{_PROSE.replace('council', word)}</p>"

    markup = page("<div class='article-body'>"
                  f"{prose('council')}"
                  "<p>The members will vote on the plan again at their next meeting in May</p>"
                  f"{prose('board')}"
                  "<ul><li>A reading room for the schools of the town and the county</li></ul>"
                  f"{prose('mayor')}"
                  "<div>A view of the old library from the river bank at dusk</div>"
                  f"{prose('panel')}</div>")
    body = textclean.clean(markup, input="html").body
    assert "at their next meeting in May" in body
    assert "A reading room for the schools" in body
    assert "A view of the old library" not in body  # a caption outside any list or <p>


def _table_hints(token: str) -> frozenset[str]:
    """What the whole word table finds in a token, the way it reads."""
    hints = [html_reader._GROUP_HINT[m.lastgroup or ""]
             for m in html_reader._CLASS_RE.finditer(token)]
    return frozenset().union(*(html_reader._IMPLIED.get(h, {h}) for h in hints))


@pytest.mark.parametrize("word", ["col-md-6", "flex-items-center", "side-bar", "site-info",
                                  "sr-only-x", "art-icle", "na-v", "x-y-z", "more-from-us"])
def test_a_class_word_has_the_hints_of_its_runs_and_run_pairs(word: str) -> None:
    """A word whose runs written together hold no needed string is passed
    over whole; that must give what the table gives run by run."""
    runs = word.split("-")
    tokens = runs + [a + b for a, b in zip(runs, runs[1:], strict=False)]
    expected = frozenset().union(*map(_table_hints, tokens))
    assert html_reader._runs_hints(runs) == expected


def test_the_row_scan_finds_what_the_word_table_finds() -> None:
    """Only the rows whose needed strings a token contains are scanned; the
    hints must be those of the whole table, whichever rows overlap."""
    words = ["article", "body", "ad", "2", "slot", "nav", "y", "comment", "ary", "side",
             "bar", "x", "crumbs", "sign", "up", "entry", "content", "top", "i", "l",
             "date", "line", "advert", "main", "post", "s", "share", "most", "read"]
    tokens = [a + b for a in words for b in words] + words
    tokens += [a + b + c for a in words[:12] for b in words for c in words[:12]]
    assert html_reader._ROW_NEEDS is not None
    for token in tokens:
        assert html_reader._scan_hints(token) == _table_hints(token), token


def test_the_row_scan_works_without_row_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "_ROW_NEEDS", None)
    for token in ("articlebody", "adslot", "navigation", "xyz"):
        assert html_reader._scan_hints(token) == _table_hints(token)


def test_the_needed_strings_search_finds_the_longest_at_each_position() -> None:
    pattern = re.compile(f"(?=({html_reader._longest_trie(['ad', 'adv', 'advert', 'dv'])}))")
    assert pattern.findall("xadvertx") == ["advert", "dv"]
    assert pattern.findall("adve") == ["adv", "dv"]


def test_an_article_whose_class_names_its_tags_is_still_the_article() -> None:
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    replies = "".join(f"<p>{_PROSE.replace('council', f'reader {i}')}</p>" for i in range(3))
    markup = page("<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                  f"<article class='post tag-library tag-promo'><h1>Library plan</h1>{story}"
                  f"</article><div class='comments'>{replies}</div>"
                  "<footer><p>About us</p></footer>")
    blocks = read_html(markup)[0]
    assert {"tags", "promo"} <= next(b for b in blocks if b.text.startswith("The board")).hints
    body = textclean.clean(markup, input="html").body
    assert "The board met on Tuesday evening" in body
    assert "reader 1" not in body and "About us" not in body


def test_the_author_box_under_the_article_is_left_out() -> None:
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>"
                    for w in ("council", "board", "mayor", "panel"))
    bio = ("<div class='author-bio'><h4>About Jane Doe</h4><p>Jane has written about the "
           "town and its people for the paper for twenty years, and she lives by the river "
           "with her two dogs.</p></div>")
    markup = page(f"<article><div class='article-body'>{story}{bio}</div></article>")
    body = textclean.clean(markup, input="html").body
    assert "The panel met on Tuesday evening" in body
    assert "About Jane Doe" not in body and "two dogs" not in body
    wrapped = page(f"<article><div class='author-content'>{story}</div></article>")
    assert "The panel met on Tuesday evening" in textclean.clean(wrapped, input="html").body


_WRAPPED = "".join(f"{line}\n" for line in (
    'This memo describes a way for the programs that run in a web',
    'browser to keep the notes of their users on a server of the',
    "user's own choice, so that the people who write such a",
    'program do not also have to run a place to keep the data. It',
    'is a draft, and it will change as the work on it goes on',
    'over the next months; the authors would be glad of any',
    'comments that you may have.',
))


def test_hard_wrapped_prose_in_pre_is_the_body() -> None:
    """A plain-text document in <pre> is wrapped at 60-72 columns, so no
    line of it is long enough to be a paragraph on its own."""
    blurb = ("<div class='blurb'><p>Our friends at the other site have written a long and "
             "careful piece on the history of the river and the town that grew by it.</p></div>")
    markup = page(f"{blurb}<pre>Abstract\n\n{_WRAPPED}\nStatus of this memo\n\n{_WRAPPED}</pre>")
    body = textclean.clean(markup, input="html").body
    assert "the notes of their users on a server" in body
    assert "Status of this memo" in body


def test_code_and_command_output_in_pre_are_not_menus_or_captions() -> None:
    config = "<pre>[phases]\npublish = false\n[extensions]\nevolve =\nrebase =</pre>"
    output = "<pre>0 files updated, 0 files merged, 0 files removed</pre>"
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    markup = page(f"<article>{story}{config}<p>{_PROSE}</p>{output}{story}</article>")
    body = textclean.clean(markup, input="html").body
    assert "publish = false" in body and "[extensions]" in body
    assert "0 files updated, 0 files merged" in body


def test_command_output_repeated_in_a_later_sample_is_no_pull_quote() -> None:
    # Terminal sessions repeat their output; a pull quote repeats prose.
    first = "<pre>build finished with two warnings and no errors in the source tree</pre>"
    later = ("<pre>$ make all; build finished with two warnings and no errors in the source "
             "tree</pre>")
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    markup = page(f"<article>{story}{first}<p>{_PROSE}</p>{later}{story}</article>")
    body = textclean.clean(markup, input="html").body
    assert body.count("build finished with two warnings") == 2


def test_a_comment_column_in_a_table_opens_no_comment_section() -> None:
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>"
                    for w in ("council", "board", "mayor"))
    table = ("<table><tr><th>State</th><th>Comment</th></tr>"
             "<tr><td>new</td><td>Waiting for a worker to pick the task up.</td></tr></table>")
    tail = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("panel", "jury"))
    markup = page(f"<article>{story}{table}{tail}</article>")
    body = textclean.clean(markup, input="html").body
    assert "The jury met on Tuesday evening" in body


_TABLE = ("<table><tr><th>Branch</th><th>Opened</th><th>Books</th><th>Notes</th></tr>"
          "<tr><td>North</td><td>1947</td><td>~12k</td><td>Yes</td></tr>"
          "<tr><td>River</td><td>1964</td><td>~8k</td><td>No</td></tr>"
          "<tr><td>Old Town</td><td>1990</td><td>~30k</td><td>Closed on Mondays</td></tr>"
          "</table>")


def test_a_data_table_between_paragraphs_is_kept_whole() -> None:
    """Its cells are short lines ("1947", "Yes"): not a menu run, not share
    counts, and not scraps that follow whichever neighbour is nearest."""
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    tail = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("mayor", "panel"))
    body = textclean.clean(page(f"<article>{story}{_TABLE}{tail}</article>"),
                           input="html").body
    lines = body.splitlines()
    for cell in ("Branch", "North", "1947", "~12k", "Yes", "Old Town", "Closed on Mondays"):
        assert cell in lines
    assert "The panel met on Tuesday evening" in body


def test_a_table_of_links_is_still_a_menu() -> None:
    links = "".join(f"<td><a href='/{w}'>{w.title()}</a></td>"
                    for w in ("news", "sport", "weather", "music", "films"))
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    body = textclean.clean(page(f"<table><tr>{links}</tr></table><article>{story}</article>"),
                           input="html").body
    assert "Sport" not in body.splitlines()


def test_unpunctuated_cells_of_a_data_table_are_not_captions() -> None:
    rows = "".join(f"<tr><th><a href='/f{i}'>Film {i}</a></th><td>{1990 + i}</td>"
                   f"<td>A man relives the same day in the town of {w} until he learns "
                   "to be kind to the people around him</td></tr>"
                   for i, w in enumerate(("Oakley", "Bramford", "Kestle")))
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    markup = page(f"<article>{story}<table>{rows}</table>{story}</article>")
    body = textclean.clean(markup, input="html").body
    assert "in the town of Bramford until he learns" in body


def test_a_comment_label_inside_the_article_body_opens_no_comment_section() -> None:
    """A table set in paragraphs has a "Comment" column; the article goes on
    under it, so it is no thread heading. The thread below the marked body
    is still cut."""
    head = "".join(f"<p>{_PROSE.replace('council', w)}</p>"
                   for w in ("council", "board", "club", "guild", "union", "court"))
    rest = "".join(f"<p>{_PROSE.replace('council', w)}</p>"
                   for w in ("mayor", "panel", "jury", "press"))
    markup = page(f"<article><div class='article-body'>{head}<p>State</p><p>Comment</p>"
                  f"<p>new</p><p>Waiting for a worker.</p>{rest}</div>"
                  f"<h3>Comments</h3><p>{_PROSE.replace('council', 'reader')}</p></article>")
    body = textclean.clean(markup, input="html").body
    assert "The press met on Tuesday evening" in body
    assert "The reader met" not in body


def test_a_run_of_unlinked_short_list_items_is_not_a_menu() -> None:
    """Menus link their items; an article's own short list (pros and cons)
    does not. A run of linked items is still a menu."""
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    pros = "<ul>" + "".join(f"<li>{w}</li>" for w in (
        "Quick service", "Careful handling", "Polite staff", "Fair prices", "Clear quotes")) + "</ul>"
    menu = "<ul>" + "".join(f"<li><a href='/{w}'>{w.title()}</a></li>" for w in (
        "news", "sport", "weather", "music", "films")) + "</ul>"
    markup = page(f"{menu}<article>{story}<h3>Pros</h3>{pros}{story}</article>")
    lines = textclean.clean(markup, input="html").body.splitlines()
    assert "Careful handling" in lines and "Clear quotes" in lines
    assert "Sport" not in lines


def test_short_fact_lines_of_the_article_body_before_a_promo_box_are_kept() -> None:
    """Between a good paragraph and a removed promo box the short lines'
    neighbours disagree; the article-body markup breaks the tie."""
    section = ("<h2>{name}</h2><p>" + _PROSE + "</p><ul><li>Location: {name}</li>"
               "<li>Class size: 930</li><li>Opened: 1921</li></ul>"
               "<div class='related'><a href='/more'>Learn more about the {name} plan "
               "and what it costs</a></div>")
    sections = "".join(section.format(name=n) for n in ("Boston", "Austin", "Denver"))
    markup = page(f"<article><div class='article-body'>{sections}</div></article>")
    lines = textclean.clean(markup, input="html").body.splitlines()
    assert "Location: Austin" in lines and "Class size: 930" in lines
    assert not any(line.startswith("Learn more about") for line in lines)


def test_a_story_set_as_a_list_of_short_items_beats_a_long_disclaimer() -> None:
    items = (
        "The council voted on Tuesday to close the old library in the spring, the mayor said.",
        "Most of the members said they would support the plan if the county paid its share.",
        "The new building by the river is expected to open to the public early next year.",
    )
    story = "<article><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul></article>"
    markup = page("<ul><li><a href='/n'>News</a></li><li><a href='/s'>Sport</a></li></ul>"
                  f"{story}<div><a href='/alerts'>Sign up for alerts</a></div>"
                  f"<table><tr><td>{_DISCLAIMER}</td></tr></table>")
    body = textclean.clean(markup, input="html").body
    assert body.startswith("The council voted on Tuesday")
    assert "open to the public early next year." in body
    popup = markup.replace("<article>", "<div class='whats-new'>").replace("</article>", "</div>")
    assert "The council voted" not in textclean.clean(popup, input="html").body


def test_linked_items_of_a_list_the_article_keeps_are_kept() -> None:
    """A changelog links every bug it names: such an item alone reads as a
    link, but its list is the article's."""
    prose = "".join(f"<li>The team made the {w} dialog faster and fixed its layout on small "
                    "screens, which users had asked for since the spring</li>"
                    for w in ("print", "save"))
    linked = "".join(f"<li><a href='/b{i}'>Bug {i} - the {w} window opens on top of "
                     "another</a></li>" for i, w in enumerate(("video", "player", "audio")))
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    markup = page(f"<div class='article-body'>{story}<ul>{prose}{linked}</ul>{story}</div>")
    body = textclean.clean(markup, input="html").body
    assert "Bug 1 - the player window opens on top of another" in body


def test_a_code_sample_between_paragraphs_is_kept_whole() -> None:
    code = ("<pre>const sizes = {\n  small: 1,\n  large: 9,\n};\n"
            "function size(n) {\n  return n &gt; 5 ? sizes.large : sizes.small;\n}</pre>")
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    markup = page(f"<article>{story}{code}{story}</article>")
    lines = textclean.clean(markup, input="html").body.splitlines()
    for line in ("small: 1,", "};", "}"):
        assert line in lines


def test_unpunctuated_lines_outside_figure_and_article_markup_are_not_captions() -> None:
    """A list item among punctuated ones, a layout table's cell or an old
    page's paragraph that just stops: the markup says nothing of a figure."""
    def prose(word: str) -> str:
        return f"<p>{_PROSE.replace('council', word)}</p>"

    item = "<li>Bring the plan for the reading room to the county office in May</li>"
    cell = "<td>The members will vote on the plan again at their next meeting</td>"
    stop = "<p>Letters about the library can be sent to the council office by post</p>"
    markup = page(f"<div>{prose('council')}<ul><li>{_PROSE}</li>{item}<li>{_PROSE}</li></ul>"
                  f"{prose('board')}<table><tr>{cell}</tr></table>{prose('mayor')}"
                  f"{stop}{prose('panel')}</div>")
    body = textclean.clean(markup, input="html").body
    for line in ("reading room to the county office", "at their next meeting",
                 "can be sent to the council office"):
        assert line in body
    figure = markup.replace(stop, "<figure><div>A view of the old library from the river "
                                  "bank at dusk</div></figure>")
    assert "A view of the old library" not in textclean.clean(figure, input="html").body


def test_a_short_line_introducing_a_code_sample_is_kept() -> None:
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    # The section's heading is a link to itself: a bad line above the steps.
    steps = ("<h3><a href='#setup'>Setting up the server</a></h3>"
             "<p>Then open the settings:</p><pre>$ tool config --edit</pre>"
             "<p>and add:</p><pre>[server]\nport = 8080</pre>")
    markup = page(f"<article>{story}{steps}{story}</article>")
    lines = textclean.clean(markup, input="html").body.splitlines()
    assert "Then open the settings:" in lines and "and add:" in lines


def test_a_short_paragraph_between_two_scraps_inside_the_article_is_kept() -> None:
    """On a page with no article markup, a one-sentence paragraph between two
    label lines is near-good and follows its bad neighbours, though the
    article runs on past it."""
    scrap = ("<p>Politics Economy Council Library Budget County Mayor Town Hall Vote "
             "Plan Schools</p>")
    quote = ("<p>He said that the vote was close and that two of the members had changed "
             "their minds at the last minute.</p>")
    story = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("council", "board"))
    tail = "".join(f"<p>{_PROSE.replace('council', w)}</p>" for w in ("mayor", "panel"))
    body = textclean.clean(page(f"<div>{story}{scrap}{quote}{scrap}{tail}</div>"),
                           input="html").body
    assert "two of the members had changed their minds" in body
    assert "The panel met on Tuesday evening" in body


def test_skip_link_in_a_nav_box_is_never_the_headline() -> None:
    """A "Jump to: navigation, search" line goes as navigation first (its box is
    marked nav), but it is still a page control, never a title."""
    story = "".join(
        f"<p>The harbour lantern festival drew {n} thousand visitors this year, and the "
        f"organisers said the quieter streets made room for families to stay longer.</p>"
        for n in range(3, 9))
    page = ("<html><head><title>Lanterns light the old harbour - Coast Times</title></head><body>"
            '<div id="siteSub">From the Coast Times archive</div>'
            '<div id="jump-to-nav" class="mw-jump">Jump to: <a href="#head">navigation</a>, '
            '<a href="#search">search</a></div>'
            f'<div id="content">{story}</div></body></html>')
    article = textclean.clean(page, input="html")
    assert article.headline != "Jump to: navigation, search"
    assert article.body.startswith("The harbour lantern festival")


def test_data_table_ending_the_article_keeps_its_linked_cells() -> None:
    """A list of films set as a table (linked title, year, synopsis a row) is
    the article's text: its linked titles are not a menu, and a table that
    ends the article needs good text on one side only."""
    intro = ("<p>The list gives the names and short synopses of films in which a time loop is "
             "the main plot device, in the order of their release. A time loop is a plot in "
             "which a character lives through the same stretch of time again and again, "
             "often remembering what happened before, and must find a way out of it.</p>")
    rows = "".join(
        f'<tr><th><a href="/wiki/film{n}">The Lantern Night {n}</a></th><td>{1990 + n}</td>'
        f"<td>A harbour keeper relives the night of the festival again and again until he "
        f"finds out who put out the lanterns, in part {n} of the story.</td></tr>"
        for n in range(1, 7))
    page = ("<html><head><title>Films with time loops</title></head><body><h1>Films with time "
            f'loops</h1><div id="content">{intro}<table class="wikitable"><tr><th>Film</th>'
            f"<th>Year</th><th>Description</th></tr>{rows}</table></div>"
            '<div class="footer"><a href="/a">About</a> <a href="/b">Contact</a></div>'
            "</body></html>")
    article = textclean.clean(page, input="html")
    assert "The Lantern Night 3" in article.body
    assert "relives the night of the festival" in article.body
    assert "Contact" not in article.body


def test_a_cleaned_page_is_freed_without_the_cycle_collector() -> None:
    # lxml's parser and its context form a reference cycle that holds the
    # parser target: a page's blocks must not hang from it until the cyclic
    # collector runs (in a long batch, that collector then walks them all).
    import gc

    markup = FIXTURE.read_text(encoding="utf-8")
    textclean.clean(markup, input="html")  # imports and caches settle first
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        article = textclean.clean(markup, input="html")
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, (Block, list, dict))]
        assert article.body
        assert not [o for o in left if isinstance(o, Block)]
        assert len(left) < 20  # the parser's own few objects, not the page
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


@pytest.mark.parametrize(("opener", "first_line"), [
    ('<span class="roofline">Energy crisis</span>', "Energy crisis"),
    ('<span class="entry-title__toptitle">Energy crisis</span> ', "Energy crisis"),
    ('<span class="headline headline--topline">Energy crisis</span><span>: </span>',
     "Energy crisis"),
    # A date opening the heading, even inside its link.
    ('<time datetime="2025-12-18">Dec 18 2025</time> ', "Dec 18 2025"),
])
def test_a_kicker_or_date_opening_the_headline_is_a_line_of_its_own(
        opener: str, first_line: str) -> None:
    title = "Grid operator asks factories to cut their use at peak hours"
    markup = page(f'<h1><a href="/grid">{opener}{title}</a></h1>'
                  "<p>The operator said on Monday that the measure would last until the end "
                  "of the month, when two new power lines are due to open.</p>",
                  head=f"<title>{title} | Example News</title>")
    assert texts(markup)[:2] == [first_line, title]
    assert textclean.clean(markup).headline == title


def test_a_date_ending_a_byline_heading_stays_on_its_line() -> None:
    byline = "Updated by Ann Lee on April 9, 2017 at 12:23AM"
    markup = page('<h3>Updated by <a href="/ann">Ann Lee</a> on '
                  '<time datetime="2017-04-09">April 9, 2017 at 12:23AM</time></h3>'
                  "<p>The operator said on Monday that the measure would last until the end "
                  "of the month, when two new power lines are due to open.</p>")
    assert texts(markup)[0] == byline


def test_the_page_goes_on_after_a_stray_end_of_html() -> None:
    # A page that pastes in a whole document (an ad or an include) closes the
    # root early; browsers show what follows, and so does the reader.
    story = ("NEW YORK - The chip maker said on Tuesday that its new processor would "
             "reach shops in the autumn, a year later than it had promised investors.")
    markup = ("<html><head><title>Chips</title></head><body><p>Markets</p>"
              "<html><head></head></body></html>"
              f"<h1>Chip maker delays new processor</h1><p>{story}</p></body></html>")
    assert texts(markup)[-2:] == ["Chip maker delays new processor", story]
    assert textclean.clean(markup).body == story
