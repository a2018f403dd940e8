"""The dateline finder on small synthetic pages, through the whole pipeline."""

from __future__ import annotations

import datetime as dt

import textclean
from textclean.finders.dateline import DatelineFinder
from textclean.model import Block, Document, PageMeta
from textclean.readers.html import read_html

PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new plan for the harbour, "
    "after a debate that lasted well into the evening and drew a large crowd.",
    "Supporters said the plan would bring jobs and visitors to the waterfront, "
    "while critics worried about the cost and the loss of the old fish market.",
    "The mayor said that work could begin in the spring if the regional "
    "government agrees to pay its share of the bill, which is not yet certain.",
    "Residents who spoke at the meeting were divided, and several of them asked "
    "the council to hold a public consultation before any building starts.",
]


def page(*top: str, bottom: tuple[str, ...] = (), first: str | None = None) -> str:
    """Menu, the given lines above the body, the body, then the given footer lines."""
    body = ([first] if first else []) + PARAGRAPHS
    parts = ["Home", "News", "Sport", "Weather", "", *top, "", "\n\n".join(body), "",
             *bottom]
    return "\n".join(parts)


def dateline(text: str, **kw: object) -> textclean.Dateline | None:
    return textclean.clean(text, input="text", **kw).dateline


def test_seed_dateline_exact() -> None:
    text = page("Page last updated at 15:58 GMT, Tuesday, 3 March 2009", "",
                "Council backs harbour plan")
    d = dateline(text)
    assert d is not None
    assert d.text == "Page last updated at 15:58 GMT, Tuesday, 3 March 2009"
    assert d.datetime == dt.datetime(2009, 3, 3, 15, 58, tzinfo=dt.timezone.utc)
    assert d.date == dt.date(2009, 3, 3)


def test_standalone_dateline_leaves_the_body() -> None:
    text = page("Council backs harbour plan", "", "Published 12 May 2021")
    article, decisions = textclean.explain(text, input="text")
    assert article.dateline is not None and article.dateline.date == dt.date(2021, 5, 12)
    assert "Published 12 May 2021" not in article.body
    line = next(d for d in decisions if d.text == "Published 12 May 2021")
    assert (line.removed_by, line.reason, line.role) == ("dateline", "the dateline", "dateline")


def test_published_preferred_to_updated() -> None:
    text = page("Council backs harbour plan", "", "Updated: 14 May 2021 09:10",
                "Published: 12 May 2021 18:02")
    d = dateline(text)
    assert d is not None and d.date == dt.date(2021, 5, 12)
    assert d.datetime == dt.datetime(2021, 5, 12, 18, 2)


def test_published_cue_in_other_scripts() -> None:
    for line in ("发布时间：2021-05-12 18:02", "تم نشره 12 مايو 2021"):
        text = page("Council backs harbour plan", "", "14 May 2021", "", line)
        d = dateline(text)
        assert d is not None and d.date == dt.date(2021, 5, 12), line


def test_copyright_and_related_stories_are_not_the_dateline() -> None:
    related = ("Related stories", "Bridge reopens after repairs", "2 January 2020",
               "Ferry fares to rise", "15 February 2020", "New park for the old docks",
               "1 March 2020", "© 2021 Example News. All rights reserved.")
    text = page("Council backs harbour plan", "", "Friday 7 May 2021", bottom=related)
    d = dateline(text)
    assert d is not None and d.date == dt.date(2021, 5, 7)


def test_no_date_gives_no_dateline() -> None:
    assert dateline(page("Council backs harbour plan")) is None


def test_wire_dateline_stays_in_the_body() -> None:
    first = ("MANILA, Nov. 24 (Xinhua) -- The government said on Saturday that it would "
             "extend the programme for another year, citing strong demand from the regions.")
    text = page("Council backs harbour plan", "", "2007-11-24 16:23:08", first=first)
    article = textclean.clean(text, input="text")
    d = article.dateline
    assert d is not None
    assert d.date == dt.date(2007, 11, 24)
    assert first in article.body


def test_wire_dateline_takes_its_year_from_the_page() -> None:
    first = ("LONDON, March 5 (Reuters) - The central bank kept its main interest rate "
             "on hold on Thursday, as policymakers weighed signs of slowing growth.")
    text = page("Rates on hold", "", first=first, bottom=("Copyright 2015 Example Wire",
                                                          "Other news 3 March 2015"))
    article = textclean.clean(text, input="text")
    d = article.dateline
    assert d is not None
    assert d.text == "LONDON, March 5 (Reuters) -"
    assert (d.place, d.source) == ("LONDON", "Reuters")
    assert d.date == dt.date(2015, 3, 5)
    assert first in article.body


def test_wire_dateline_without_a_date() -> None:
    first = ("WASHINGTON (AP) — Senators reached a deal late on Tuesday to keep the "
             "government open for another month, avoiding a shutdown at the weekend.")
    d = dateline(page("Senate deal", first=first))
    assert d is not None
    assert (d.text, d.place, d.source, d.date) == ("WASHINGTON (AP) —", "WASHINGTON", "AP",
                                                   None)


def test_yearless_wire_date_uses_the_reference_date() -> None:
    first = ("PARIS, April 8 (AFP) - The organisers postponed the championships by a "
             "year on Wednesday, after the spread of the virus cancelled other events.")
    d = dateline(page("Championships postponed", first=first),
                 reference_date=dt.datetime(2020, 4, 9))
    assert d is not None and d.date == dt.date(2020, 4, 8)


def test_ambiguous_numeric_date_settled_by_the_page() -> None:
    text = page("Council backs harbour plan", "", "04/08/17 08:08 AM",
                bottom=("Comments closed on 25/08/17",))
    d = dateline(text)
    assert d is not None and d.date == dt.date(2017, 8, 4)


def test_ambiguous_numeric_date_unsettled_on_an_english_page() -> None:
    text = page("Council backs harbour plan", "", "04/08/17 08:08 AM")
    d = dateline(text)
    assert d is None or d.date is None


def test_ambiguous_numeric_date_day_first_in_german() -> None:
    body = ("Der Stadtrat hat am Dienstag einen neuen Plan für den Hafen beschlossen, "
            "nachdem die Debatte bis in den späten Abend gedauert hatte und viele kamen.")
    text = "\n".join(["Start", "", "Stadtrat beschließt Hafenplan", "", "04/08/17 08:08",
                      "", body, "", body.replace("Dienstag", "Mittwoch")])
    d = dateline(text)
    assert d is not None and d.date == dt.date(2017, 8, 4)


def test_relative_date_needs_a_reference_date() -> None:
    text = page("Council backs harbour plan", "", "Posted 2 days ago")
    assert dateline(text) is None
    d = dateline(text, reference_date=dt.datetime(2024, 3, 5, 10, 0))
    assert d is not None and d.date == dt.date(2024, 3, 3)


def test_future_dates_are_not_publication_dates() -> None:
    text = page("Council backs harbour plan", "", "Published 12 May 2021",
                "Event: 1 June 2021")
    d = dateline(text, reference_date=dt.datetime(2021, 5, 20))
    assert d is not None and d.date == dt.date(2021, 5, 12)
    text = page("Council backs harbour plan", "", "Event: 1 June 2021")
    assert dateline(text, reference_date=dt.datetime(2021, 5, 20)) is None


def test_date_line_in_a_short_line_near_the_headline() -> None:
    text = page("Council backs harbour plan", "", "www.example.cn 2007-11-24 16:23:08")
    d = dateline(text)
    assert d is not None
    assert d.text == "www.example.cn 2007-11-24 16:23:08"
    assert d.datetime == dt.datetime(2007, 11, 24, 16, 23, 8)


def test_date_far_away_used_only_when_nothing_is_near() -> None:
    text = page("Council backs harbour plan", bottom=("", "Posted on 3 June 2019",))
    d = dateline(text)
    assert d is not None and d.date == dt.date(2019, 6, 3)


def _doc(lines: list[str], meta_dates: list[str]) -> Document:
    blocks = [Block(index=i, text=t, line_no=i + 1, words=len(t.split()))
              for i, t in enumerate(lines)]
    doc = Document(blocks=blocks, meta=PageMeta(dates=meta_dates))
    doc.headline_index, doc.body_start, doc.body_end = 0, 3, len(blocks)
    return doc


def test_metadata_agreement_decides_between_dates() -> None:
    doc = _doc(["Headline", "3 March 2021", "5 March 2021", "Body text."],
               ["2021-03-05T10:00:00Z"])
    DatelineFinder()(doc)
    assert doc.dateline is not None and doc.dateline.date == dt.date(2021, 3, 5)
    assert doc.dateline_index == 2


def test_metadata_fallback_when_nothing_is_printed() -> None:
    doc = _doc(["Headline", "Intro", "More", "Body text."], ["2021-03-05T10:00:00+01:00"])
    DatelineFinder()(doc)
    assert doc.dateline is not None
    assert doc.dateline.datetime == dt.datetime(2021, 3, 5, 10, 0,
                                                tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert doc.dateline_index is None
    doc = _doc(["Headline", "Intro", "More", "Body text."], ["2021-03-05T10:00:00+01:00"])
    DatelineFinder(metadata_fallback=False)(doc)
    assert doc.dateline is None


def test_month_first_option() -> None:
    doc = _doc(["Headline", "04/08/17", "More", "Body text."], [])
    DatelineFinder(month_first=True)(doc)
    assert doc.dateline is not None and doc.dateline.date == dt.date(2017, 4, 8)


def test_dateline_overrides_an_earlier_removal() -> None:
    doc = _doc(["Headline", "Published 5 March 2021", "More", "Body text."], [])
    doc.blocks[1].remove("navigation", "menu")
    DatelineFinder()(doc)
    assert (doc.blocks[1].removed_by, doc.blocks[1].reason) == ("dateline", "the dateline")


def test_empty_document() -> None:
    doc = Document(blocks=[])
    DatelineFinder()(doc)
    assert doc.dateline is None


def test_dotted_date_read_day_first_on_an_english_page() -> None:
    text = page("Council backs harbour plan", "", "04.08.17 08:08")
    d = dateline(text)
    assert d is not None and d.date == dt.date(2017, 8, 4)


def test_dotted_date_month_first_when_the_page_says_so() -> None:
    text = page("Council backs harbour plan", "", "04.08.17 08:08",
                bottom=("Comments closed 12.25.17",))
    d = dateline(text)
    assert d is not None and d.date == dt.date(2017, 4, 8)


def test_yearless_date_takes_the_copyright_year_as_last_resort() -> None:
    text = page("Council backs harbour plan", "", "Apr 12",
                bottom=("© 2019 Example News",))
    d = dateline(text)
    assert d is not None and d.date == dt.date(2019, 4, 12)
    d = dateline(text, reference_date=dt.datetime(2021, 1, 5))
    assert d is not None and d.date == dt.date(2020, 4, 12)


def test_embedded_post_dates_lose_to_the_article_date() -> None:
    text = page("Council backs harbour plan", "", "8 May 2021",
                first="— Jane Doe (@janedoe) May 9, 2021")
    d = dateline(text)
    assert d is not None and d.date == dt.date(2021, 5, 8)


def test_metadata_outweighs_a_weak_disagreeing_date() -> None:
    lines = ["Headline", "Intro", "More"] + [f"Body paragraph {i}." for i in range(40)]
    doc = _doc(lines + ["Related: 9 June 2019"], ["2021-03-05T10:00:00Z"])
    DatelineFinder()(doc)
    assert doc.dateline is not None and doc.dateline.date == dt.date(2021, 3, 5)
    assert doc.dateline_index is None


def test_a_strong_printed_date_outweighs_disagreeing_metadata() -> None:
    doc = _doc(["Headline", "Published 3 March 2021", "More", "Body text."],
               ["2021-03-05T10:00:00Z"])
    DatelineFinder()(doc)
    assert doc.dateline is not None and doc.dateline.date == dt.date(2021, 3, 3)
    doc = _doc(["Headline", "Published 3 March 2021", "More", "Body text."],
               ["2021-03-05T10:00:00Z"])
    DatelineFinder(metadata_override_below=99.0)(doc)
    assert doc.dateline is not None and doc.dateline.date == dt.date(2021, 3, 5)


def test_wire_dateline_alone_on_its_line_leaves_the_body() -> None:
    doc = _doc(["Headline", "Intro", "More", "SPRINGFIELD, Ill., Feb. 2, 2019", "Body text."],
               [])
    DatelineFinder()(doc)
    d = doc.dateline
    assert d is not None and (d.place, d.date) == ("SPRINGFIELD, Ill.", dt.date(2019, 2, 2))
    assert doc.blocks[3].removed_by == "dateline"


# -- HTML pages: which metadata date a printed one must agree with ---------------

HTML_BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def html_page(head: str, top: str = "", bottom: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><title>Council backs harbour plan</title>"
            f"{head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Council backs harbour plan</h1>{top}{HTML_BODY}</article>"
            f"{bottom}</body></html>")


def html_date(markup: str) -> dt.date | None:
    d = textclean.clean(markup, input="html").dateline
    return d.date if d is not None else None


def _jsonld(obj: str, wrap: bool = False) -> str:
    body = f"<![CDATA[ {obj} ]]>" if wrap else obj
    return f'<script type="application/ld+json">{body}</script>'


ARTICLE_LD = ('{"@context": "https://schema.org", "@type": "Article", '
              '"datePublished": "2003-02-28T10:00:00Z", "dateModified": "2020-02-24T20:33:00Z"}')
FAR = "<aside>" + "<p>More from us</p>" * 30 + "</aside>"
FOOTER_EDITED = FAR + "<footer><p>This page was last edited on 24 February 2020, at 20:33 (UTC).</p></footer>"


def test_jsonld_wrapped_in_cdata_is_read() -> None:
    """A footer's last-edit line agrees only with the modified date: the published one wins."""
    markup = html_page(_jsonld(ARTICLE_LD, wrap=True), bottom=FOOTER_EDITED)
    assert html_date(markup) == dt.date(2003, 2, 28)


def test_webpage_jsonld_dates_count_when_no_article_object_has_them() -> None:
    ld = ('{"@context": "https://schema.org", "@graph": [{"@type": "WebPage", '
          '"datePublished": "2021-01-27T06:00:00+00:00", '
          '"dateModified": "2021-04-15T00:07:20+00:00"}]}')
    markup = html_page(_jsonld(ld) + '<meta property="article:modified_time" '
                       'content="2021-04-15T00:07:20+00:00">')
    assert html_date(markup) == dt.date(2021, 1, 27)


def test_a_related_storys_time_element_does_not_count_as_agreement() -> None:
    head = '<meta property="article:published_time" content="2017-02-23T17:18:13-08:00">'
    related = "".join(
        f'<div class="related"><a href="/s{i}">Another story number {i}</a>'
        f'<p>Jane Roe • <time datetime="2017-02-15T09:00:00Z">February 15, 2017</time></p></div>'
        for i in range(1))
    markup = html_page(head, bottom=FAR + related)
    assert html_date(markup) == dt.date(2017, 2, 23)


def test_time_pubdate_marks_a_published_date() -> None:
    head = '<meta property="article:published_time" content="2025-08-08T00:00:00-04:00">'
    bottom = (FAR + '<p>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></p>')
    assert html_date(html_page(head, bottom=bottom)) == dt.date(2025, 8, 13)
    _, meta = read_html(html_page(head, bottom=bottom))
    assert meta.published == ["2025-08-08T00:00:00-04:00", "2025-08-13"]
    _, meta = read_html(html_page(head, bottom=bottom.replace(" pubdate", "")))
    assert meta.published == ["2025-08-08T00:00:00-04:00"]


def test_a_printed_revision_date_stays_unless_it_says_updated() -> None:
    """A page's only printed date may be its last revision (the published
    metadata is then often a first draft); one introduced by `Updated` is
    not the publication date when the metadata states another."""
    head = ('<meta property="article:published_time" content="2024-10-15T18:50:03Z">'
            '<meta property="article:modified_time" content="2025-06-18T16:35:02Z">')
    plain = html_page(head, bottom=FAR + "<p>June 18, 2025</p>")
    assert html_date(plain) == dt.date(2025, 6, 18)
    updated = html_page(head, bottom=FAR + "<p>Updated: June 18, 2025</p>")
    assert html_date(updated) == dt.date(2024, 10, 15)


def test_a_published_date_the_url_repeats_beats_a_printed_later_day() -> None:
    head = ('<link rel="canonical" href="https://news.example/2013/11/27/travel/storm/">'
            '<meta property="article:published_time" content="2013-11-27T08:36:32Z">'
            '<meta property="article:modified_time" content="2013-11-28T02:03:23Z">')
    top = "<p>November 28, 2013 -- Updated 0203 GMT (1003 HKT)</p>"
    assert html_date(html_page(head, top=top)) == dt.date(2013, 11, 27)
    # Without the URL's word the printed line under the headline stands.
    unconfirmed = head.replace("/2013/11/27", "")
    assert html_date(html_page(unconfirmed, top=top)) == dt.date(2013, 11, 28)


def test_dotted_metadata_dates_read_day_first() -> None:
    head = '<meta name="publish-date" content="10.12.2022, 07:00:03">'
    assert html_date(html_page(head)) == dt.date(2022, 12, 10)


def test_a_date_under_a_joined_label_is_a_profiles() -> None:
    """A forum post's author box: `Joined` on its own line, the account's date below."""
    doc = _doc(["Headline", "Joined", "May 11, 2017", "Body text.", "18 March 2020"], [])
    doc.body_start = 3
    DatelineFinder()(doc)
    assert doc.dateline is not None and doc.dateline.date == dt.date(2020, 3, 18)


def test_a_date_opening_a_short_first_paragraph_stays_in_the_body() -> None:
    first = "Feb. 23, 2015 -- Peanut allergies have been rising in the past decade."
    article = textclean.clean(page("Council backs harbour plan", first=first), input="text")
    assert article.dateline is not None
    assert article.dateline.text == "Feb. 23, 2015 --"
    assert article.dateline.date == dt.date(2015, 2, 23)
    assert article.paragraphs[0].text == first


def test_a_date_line_with_a_time_after_the_dash_is_all_dateline() -> None:
    article = textclean.clean(page("Council backs harbour plan", "March 5, 2024 - 10:30 AM EST"),
                              input="text")
    assert article.dateline is not None
    assert article.dateline.text == "March 5, 2024 - 10:30 AM EST"
    assert "10:30" not in article.body
