"""Properties of clean() and explain() that hold for every input.

Hypothesis generates arbitrary text, bytes, markup-ish text and realistic
prose; the properties are the API's promises: no exception for any text,
the same answer twice, nothing in the body that the page did not say, a
result that survives JSON, and a clean article left as it is.
"""

from __future__ import annotations

import json
import re

import lxml.html
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import textclean
from textclean.readers import drop_controls, sanitise

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
_WORD = re.compile(r"\w+")

NOUNS = """council city mayor plan people year government police report minister week
    officials school water budget health workers court judge election party leader country
    state money hospital road bridge river station train service company market price
    energy weather storm spokesman statement interview residents teachers farmers""".split()
VERBS = """approved rejected announced discussed criticised supported delayed reviewed
    changed proposed questioned welcomed""".split()
PLACES = """in the north|across the region|at the town hall|in the capital|on the coast
    |near the border|in the suburbs|at the station""".split("|")
TEMPLATES = [
    "The {n1} {v} the {n2} on {day}, and the {n3} said it would not change the {n4}.",
    "According to the {n1}, the {n2} {v} a new {n3} {place} after a long {n4}.",
    "It was the first time that the {n1} had {v} a {n2} of this kind {place}.",
    "Some of the {n1} said they were worried that the {n2} would cost more than the {n3}.",
    "A {n1} for the {n2} told reporters that the {n3} was expected to {v2} by the end of "
    "the {n4}.",
    "The {n1} and the {n2} have {v} the {n3} {place} since the {n4} began.",
]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A sentence shaped like news prose: about half function words."""
    template = draw(st.sampled_from(TEMPLATES))
    nouns = draw(st.lists(st.sampled_from(NOUNS), min_size=4, max_size=4, unique=True))
    return template.format(
        n1=nouns[0], n2=nouns[1], n3=nouns[2], n4=nouns[3], v=draw(st.sampled_from(VERBS)),
        v2="be " + draw(st.sampled_from(VERBS)), day=draw(st.sampled_from(DAYS)),
        place=draw(st.sampled_from(PLACES)).strip())


@st.composite
def prose_paragraphs(draw: st.DrawFn) -> list[str]:
    return draw(st.lists(
        st.lists(sentences(), min_size=2, max_size=5).map(" ".join), min_size=3, max_size=8))


# Text made of the characters pages are made of, line breaks included.
page_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "S", "Cc"]) |
    st.sampled_from("\n\n\n\t  <>/=\"'&;#[]()*_-|"),
    max_size=1500)
# Text without markdown or markup, so a body paragraph must be a verbatim
# (whitespace-normalised) stretch of the input.
plain_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"],
                           exclude_characters="\u00a0") |
    st.sampled_from("\n\n\n.,;:!?'\"-"),
    max_size=1500)


_TAGS = ["p", "div", "span", "a", "b", "i", "li", "ul", "h1", "h2", "table", "tr", "td",
         "article", "nav", "footer", "section", "br", "script", "style", "figure", "em"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(
        st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(_TAGS).map(lambda t: f'<{t} class="share">'),
        sentences(),
        st.text(max_size=40),
        st.sampled_from(["&amp;", "&lt;", "&#8217;", "&nbsp;", "<!-- c -->", "<![CDATA[x]]>",
                         "<!DOCTYPE html>", "<meta charset=utf-8>", "&bogus;"]),
    ), max_size=80))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _roundtrips(page: str | bytes, **kwargs: object) -> None:
    article, decisions = textclean.explain(page, **kwargs)  # type: ignore[arg-type]
    data = {"article": article.to_dict(), "decisions": [d.to_dict() for d in decisions]}
    assert json.loads(json.dumps(data)) == data


@SETTINGS
@given(page_text)
def test_text_never_raises_and_is_deterministic(page: str) -> None:
    first = textclean.clean(page)
    assert textclean.clean(page) == first
    assert textclean.explain(page)[0] == first


@SETTINGS
@given(st.binary(max_size=3000))
def test_bytes_never_raise(page: bytes) -> None:
    assert textclean.clean(page) == textclean.clean(page)


@SETTINGS
@given(html_pages())
def test_html_never_raises_and_is_deterministic(page: str) -> None:
    first = textclean.clean(page, input="html")
    assert textclean.clean(page, input="html") == first
    assert textclean.clean(page.encode("utf-8", "surrogatepass"), input="html") == first


@SETTINGS
@given(page_text)
def test_result_json_roundtrips(page: str) -> None:
    _roundtrips(page)


@SETTINGS
@given(html_pages())
def test_html_result_json_roundtrips(page: str) -> None:
    _roundtrips(page, input="html")


@SETTINGS
@given(plain_text)
def test_text_body_paragraphs_are_in_the_input(page: str) -> None:
    source = _norm(sanitise(page))
    for paragraph in textclean.clean(page, input="text").paragraphs:
        assert _norm(paragraph.text) in source


@SETTINGS
@given(page_text)
def test_any_text_body_words_are_in_the_input(page: str) -> None:
    source = _tokens(sanitise(page))
    article = textclean.clean(page, input="text")
    assert _tokens(article.body) <= source
    assert _tokens(article.headline) <= source


_BLOCK_TAGS = ["p", "div", "li", "ul", "h1", "h2", "table", "tr", "td", "article", "nav",
               "footer", "section", "figure", "body", "br"]


def _page_words(page: str) -> set[str]:
    """Every word of the page's text and attributes, as a parser sees them.

    The reader repairs mojibake in the text it renders, after entities are
    decoded ("Î&#8211;" is "Î–", UTF-8 "Ζ" read as Windows-1252), so each
    rendering counts both as parsed and as repaired; and the page is read both
    sanitised and only rid of control characters, since a repair the whole page
    invites ("Î\xa0" is "Π") may not apply once the reader has made the
    no-break space a space.
    """
    words = _tokens(sanitise(page))
    for source in (sanitise(page), drop_controls(page)):
        try:
            words |= _rendered_words(lxml.html.document_fromstring(source))
        except Exception:
            continue
    return words


def _rendered_words(root: lxml.html.HtmlElement) -> set[str]:
    words = _rendered(root.text_content())
    for el in root.iter():
        for value in el.attrib.values():
            words |= _tokens(value)
    # A browser shows "0<script>x</script>The" as "0The": the text around a
    # dropped script joins, so the page's words include that rendering too.
    for el in list(root.iter("script", "style")):
        el.drop_tree()
    words |= _rendered(root.text_content())
    # And "0<p>0<span>The" as "0" and "0The": a block element breaks the line,
    # which text_content() ("00The") does not show.
    for el in root.iter(*_BLOCK_TAGS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    words |= _rendered(root.text_content())
    return words


def _rendered(text: str) -> set[str]:
    return _tokens(text) | _tokens(sanitise(text))


def test_text_around_a_dropped_script_joins_as_a_browser_shows_it() -> None:
    page = ("<html><body><p>0<script>x</script>The council approved the plan on Monday, "
            "and the mayor said it would not change the budget.</p></body></html>")
    body = textclean.clean(page, input="html").body
    assert body.startswith("0The council approved")
    assert _tokens(body) <= _page_words(page)


def test_text_before_a_block_stays_on_its_own_line() -> None:
    page = ("<html><body>0<p>0<span>The council approved the plan on Monday, and the mayor "
            "said it would not change the budget.</span></p></body></html>")
    body = textclean.clean(page, input="html").body
    assert "00The" not in body and "0The council approved" in body
    assert _tokens(body) <= _page_words(page)


@SETTINGS
@given(html_pages())
@example("<html><body>Î&#8211The council approved the plan on Monday, and the mayor said "
         "it would not change the budget.</body></html>")
@example("<html><body>The council approved the city on Monday, and the mayor said it would "
         "not change the plan.\u00ce\u00a0:</body></html>")
@example("<html><body>The council approved the city on Monday, and the mayor said it would "
         "not change the plan.\x1f\u00ce\u00a0:</body></html>")
def test_html_body_words_are_in_the_page(page: str) -> None:
    words = _page_words(page)
    article = textclean.clean(page, input="html")
    assert _tokens(article.body) <= words


@SETTINGS
@given(prose_paragraphs())
def test_a_clean_body_is_kept(paragraphs: list[str]) -> None:
    article = textclean.clean("\n\n".join(paragraphs), input="text")
    assert [p.text for p in article.paragraphs] == paragraphs


@SETTINGS
@given(prose_paragraphs())
def test_a_clean_html_body_is_kept(paragraphs: list[str]) -> None:
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + \
        "</article></body></html>"
    article = textclean.clean(page, input="html")
    assert [p.text for p in article.paragraphs] == paragraphs
