"""Each filter family on lines of our own: what it removes, and what it must keep."""

from __future__ import annotations

import pytest

import textclean
from textclean.filters import promo, widgets
from textclean.filters.code import Code
from textclean.filters.legal import Legal
from textclean.filters.notices import Notices
from textclean.filters.vocabulary import vocabulary
from textclean.filters.widgets import Widgets
from textclean.model import Block, Document

PROSE = [
    "The regional water authority said on Tuesday that reservoir levels had fallen to their "
    "lowest point in a decade after an unusually dry spring.",
    "Officials asked residents to limit garden watering to the evening hours and said that "
    "further restrictions could follow if the dry weather continued into the summer.",
    "Farmers in the valley said they had already begun to reduce the area they planted, "
    "and several of them warned that prices for vegetables would rise later in the year.",
    "The authority has spent more than it planned on repairing leaking pipes, which it says "
    "lose almost a fifth of the water that leaves its treatment plants every day.",
]


def _block(text: str) -> Block:
    doc_blocks = textclean.Pipeline([]).run(text).blocks
    return doc_blocks[0]


@pytest.mark.parametrize(("step", "line"), [
    (Notices(), "This page is best viewed in an up-to-date web browser with style sheets enabled."),
    (Notices(), "We use cookies to improve your experience. By continuing to browse you agree."),
    (Notices(), "Please enable JavaScript to view the comments."),
    (Legal(), "Copyright © 2024 Example Media Ltd. All rights reserved."),
    (Legal(), "The site is not responsible for the content of external internet sites"),
    (Legal(), "Stock quotes are delayed at least 15 minutes. Market data provided by Example."),
    (Legal(), "Reproduction of material from these pages without written permission is prohibited."),
    (Legal(), "Disclaimer: this blog has no affiliation with any camera maker named on it."),
    (Legal(), "The content of this site does not constitute medical or legal advice."),
    (Legal(), "© 2023 Example Media. " + "Use of this site constitutes acceptance of our "
              "User Agreement and Privacy Policy and Cookie Statement. " * 6),
    (Widgets(), "Share this article"),
    (Widgets(), "Print Sponsor"),
    (Widgets(), "Sign in | Register"),
    (Widgets(), "Comments (12)"),
    (Widgets(), "My account | Sign out"),
    (Widgets(), "Forgot your password?"),
    (Widgets(), "Jump to: navigation, search"),
    (Widgets(), "Skip to main content"),
    (Widgets(), "Jump to navigation Jump to search"),
    (Widgets(), "Fullscreen"),
    (Widgets(), "Share this on:"),
    (Widgets(), "Sign Up!"),
    (Widgets(), "Story Tools"),
    (Widgets(), "Back to Gallery"),
    (Widgets(), "Advertisement - Continue Reading Below"),
    (Widgets(), "Reader comments 191"),
    (Widgets(), "Enlarge This Image"),
    (Widgets(), "Printer-friendly version Email-a-friend Respond"),
    (Widgets(), "View the Full Gallery »"),
    (Widgets(), "23 Photos"),
    (Widgets(), "Comment On This Story"),
    (Widgets(), "No spam, we promise. You can unsubscribe at any time."),
    (Widgets(), "Follow me on Twitter or LinkedIn. Check out my website."),
    (Widgets(), "Printer Friendly Version | E-mail to a Colleague"),
    (Widgets(), "Get the latest science news and stargazing tips delivered to your inbox."),
    (Widgets(), "Save over 50% off the newsstand price. Click here to subscribe to The Times."),
    (Widgets(), "Sign up for our Morning Brief newsletter to get the day's top stories."),
    (Code(), "var adSlot = googletag.defineSlot('/123/news', [300, 250]);"),
    (Code(), ".article-body p { margin: 0 0 1em; font-size: 16px; }"),
    (Code(), "pattern=regex.compile(regex.escape(needle),regex.IGNORECASE|regex.FULLCASE)"),
])
def test_line_is_removed(step: textclean.BlockFilter, line: str) -> None:
    assert step.check(_block(line), Document(blocks=[])) is not None


@pytest.mark.parametrize(("step", "line"), [
    (Notices(), "The court heard that the company had tracked users with cookies for years "
                "without asking them, in breach of the rules that came into force in 2018."),
    (Legal(), "The judge ruled that the band had not breached copyright when it recorded the "
              "song, ending a dispute that had run for more than five years in three courts."),
    (Legal(), "Shares fell after the exchange said the quotes were delayed by a network fault "
              "that took more than an hour to repair on Tuesday morning."),
    (Legal(), "Copyright law was written for printed books, the judge said, and the court "
              + "would not stretch it to cover the recordings that the band made. " * 5),
    (Widgets(), "She said she would share the prize with her brother."),
    (Widgets(), "Jump to the recipe"),
    (Widgets(), "Fans who follow me on Twitter know that I have written about the dam for years."),
    (Widgets(), "Readers who signed up for the newsletter last year were told their e-mail "
                "addresses had leaked."),
    (Code(), "Let's see whether the plan works: costs = revenue minus spending, she said."),
    (Code(), "P = 20 mg; A = 100 mg"),
    (Code(), "True Labor Cost = ($35 + $3.50 + $5.25) × 1 hour = $43.75/hour"),
])
def test_sentence_is_kept(step: textclean.BlockFilter, line: str) -> None:
    assert step.check(_block(line), Document(blocks=[])) is None


def _explain(lines: list[str]) -> dict[str, textclean.Decision]:
    _, decisions = textclean.explain("\n\n".join(lines))
    return {d.text: d for d in decisions}


def test_menu_run_is_navigation() -> None:
    menu = ["World", "Business", "Sport", "Weather", "Travel"]
    by_text = _explain(menu + ["Dry spring empties reservoirs"] + PROSE)
    assert {by_text[m].removed_by for m in menu} == {"navigation"}


def test_select_box_flattened_onto_one_line_is_navigation() -> None:
    # html2text writes a <select>'s options as one long line of names.
    options = ("Select Film The Long Dry Summer Rivers of Stone Night Train to Lisbon "
               "The Farmer and the Sea Blue Valley Days Return of the Water Queen "
               "Under the Old Bridge Harvest Moon Rising The Last Well Red River Diaries")
    by_text = _explain(["Dry spring empties reservoirs", options] + PROSE)
    assert by_text[options].removed_by == "navigation"
    assert all(by_text[p].kept for p in PROSE)


def test_long_sentence_in_title_case_is_not_a_flattened_list() -> None:
    sentence = ("The Regional Water Authority, The Valley Farmers Union And The National "
                "Rivers Trust Signed The Agreement On Tuesday After Months Of Talks, Saying "
                "That The Reservoirs Would Be Refilled Before The Start Of Next Summer.")
    by_text = _explain(["Dry spring empties reservoirs", sentence] + PROSE)
    assert by_text[sentence].removed_by != "navigation"


@pytest.mark.parametrize("label", ["More From Forbes", "MORE IN SCIENCE", "Next Up In Gaming",
                                   "Most Read on Forbes", "MOST READ IN NEWS", "Also In The News"])
def test_more_from_label_opens_a_promo_list(label: str) -> None:
    items = ["Ten ways to see the harbour this summer", "The best boats of the year"]
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE + [label] + items)
    assert by_text[label].removed_by == "promo"
    assert all(by_text[item].removed_by == "promo" for item in items)


def test_a_long_more_from_line_is_not_a_label() -> None:
    line = "More from the county council on the drought and the gardens:"
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE[:2] + [line] + PROSE[2:])
    assert by_text[line].removed_by != "promo"


def test_pointer_to_another_article_goes() -> None:
    pointers = ["Main article: History of the harbour", "See also: Ferries of the northern isles"]
    sentence = "See also: the council's answer to the strike, which came on Monday."
    page = (["Dry spring empties reservoirs"] + PROSE[:2] + pointers + [PROSE[2], sentence]
            + PROSE[3:])
    by_text = _explain(page)
    assert all(by_text[p].removed_by == "navigation" for p in pointers)
    assert by_text[sentence].kept


def test_promo_list_under_label_goes() -> None:
    promo = ["Related stories", "Floods close roads in the north", "New dam plan approved"]
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE + promo)
    assert [by_text[p].removed_by for p in promo] == ["promo"] * 3
    assert all(by_text[p].kept for p in PROSE)


def test_comment_section_goes_to_the_end() -> None:
    comments = ["Leave a comment",
                "I think the authority should have fixed the pipes years ago, frankly, "
                "instead of asking us to stop watering our gardens."]
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE + comments)
    assert [by_text[c].removed_by for c in comments] == ["comments", "comments"]


def test_a_comment_count_in_the_share_bar_does_not_open_a_comment_section() -> None:
    # A long list of other stories first puts the share bar past the middle
    # of the page, where a comment heading would open the thread.
    others = [f"Council number {n} approves a new plan for the harbour and the old fish market"
              for n in range(30)]
    page = others + ["Dry spring empties reservoirs", "Comment", "0", "Tweet"] + PROSE
    by_text = _explain(page)
    assert all(by_text[p].kept for p in PROSE)


def test_a_newsletter_pitch_after_the_comment_heading_does_not_hide_the_thread() -> None:
    # The heading is a control word too; only more control words after it
    # (a share bar) say it is a count on a button, not a sign-up form.
    comments = ["Comments",
                "Sign up for our Morning Brief newsletter!",
                "I think the authority should have fixed the pipes years ago, frankly, "
                "instead of asking us to stop watering our gardens."]
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE + comments)
    assert not any(by_text[c].kept for c in comments)
    assert by_text[comments[2]].removed_by == "comments"


COMMENTS = [
    "I think the authority should have fixed the pipes years ago, frankly, instead of "
    "asking the rest of us to stop watering our gardens every summer.",
    "We have had a hosepipe ban in our town since May and the river is lower than I have "
    "ever seen it in the forty years I have lived here.",
    "Farmers get the water first and pay the least for it, which nobody at the authority "
    "ever seems willing to talk about in public.",
]


def test_a_thread_notice_above_the_middle_still_opens_a_long_thread() -> None:
    notice = "The following comments are owned by whoever posted them."
    thread = [f"In my town, {town}, we have had no rain since {month} and the council says the "
              f"reservoir will last {weeks} more weeks, which nobody here believes any more."
              for town in ("Ashford", "Barton", "Carlow", "Dunmore", "Elmsley", "Fenwick")
              for month in ("March", "April", "May") for weeks in (3, 5)]
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE + [notice] + thread)
    assert all(by_text[p].kept for p in PROSE)
    assert by_text[notice].removed_by == "comments"
    assert not any(by_text[c].kept for c in thread)


def test_a_thread_notice_with_no_article_above_removes_only_itself() -> None:
    notice = "Have your say"
    by_text = _explain(["Dry spring empties reservoirs", notice] + PROSE + COMMENTS * 3)
    assert all(by_text[p].kept for p in PROSE)


def test_timestamped_replies_under_the_article_are_a_thread() -> None:
    stamps = ["August 4th, 2012 at 8:03 pm", "August 5th, 2012 at 9:41 am",
              "08-06-2012, 07:26 AM"]
    thread = [line for pair in zip(stamps, COMMENTS, strict=True) for line in pair]
    by_text = _explain(["Dry spring empties reservoirs", "August 4, 2012"] + PROSE + thread)
    assert all(by_text[p].kept for p in PROSE)
    assert {by_text[s].removed_by for s in stamps} == {"comments"}
    assert not any(by_text[c].kept for c in COMMENTS)


def test_replies_signed_by_user_and_stamp_are_a_thread() -> None:
    signatures = ["by oldsoftee July 24, 2012 6:16 PM EDT", "by jalderwood July 24, 2012 5:28 PM EDT",
                  "by rtyurty July 24, 2012 3:24 PM EDT"]
    thread = [line for pair in zip(signatures, COMMENTS, strict=True)
              for line in (*pair, "Reply to this comment")]
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE + thread)
    assert all(by_text[p].kept for p in PROSE)
    assert not any(by_text[s].kept for s in signatures)
    assert not any(by_text[c].kept for c in COMMENTS)


def test_captions_with_a_year_after_a_dash_are_not_comment_signatures() -> None:
    captions = ["Pandora audio streaming - in 2012 Hyundai Veloster",
                "Bluetooth audio - in 2012 Hyundai Veloster",
                "Pandora warning screen - in 2012 Hyundai Veloster"]
    page = ["Dry spring empties reservoirs"]
    for caption, paragraph in zip(captions, PROSE, strict=False):
        page += [caption, paragraph]
    by_text = _explain(page + PROSE[3:])
    assert all(by_text[p].kept for p in PROSE)
    assert not any(by_text[c].removed_by == "comments" for c in captions)


def test_a_forum_stamped_from_the_top_keeps_its_posts() -> None:
    stamps = ["05-06-2005, 05:48 PM", "05-06-2005, 08:06 PM", "05-07-2005, 07:26 AM"]
    posts = [line for pair in zip(stamps, COMMENTS, strict=True) for line in pair]
    by_text = _explain(["Hosepipe ban thread"] + posts)
    assert all(by_text[c].kept for c in COMMENTS)


def test_movable_type_comment_signatures_mark_a_thread() -> None:
    replies = ["I think the authority should have fixed the pipes years ago, frankly, instead of "
               "asking all of us to stop watering our gardens every summer.",
               "Posted by: Ann at May 29, 2005 10:19 PM",
               "We collect rain in barrels and have not used the hose once this year, which the "
               "authority might want to suggest to everyone before it brings in a ban.",
               "Posted by: Bob at May 29, 2005 11:02 PM",
               "Prices for vegetables are already up at our market, and the farmers there say "
               "that it is only going to get worse as the summer goes on, sadly.",
               "Posted by: Cy at May 30, 2005 8:24 AM"]
    by_text = _explain(["Dry spring empties reservoirs"] + PROSE + replies)
    assert all(by_text[p].kept for p in PROSE)
    # The signature follows its comment, so the thread's boundary comes one
    # reply late: the replies after the first signature go.
    assert not any(by_text[r].kept for r in replies[2:])


def test_caption_between_paragraphs_goes_but_subheading_stays() -> None:
    page = (["Dry spring empties reservoirs"] + PROSE[:2]
            + ["A farmer inspects a dried-up irrigation channel near the river"]
            + [PROSE[2], "Leaking pipes", PROSE[3]])
    article, decisions = textclean.explain("\n\n".join(page))
    by_text = {d.text: d for d in decisions}
    assert by_text["A farmer inspects a dried-up irrigation channel near the river"].removed_by \
        == "captions"
    assert article.headings == ["Leaking pipes"]


def test_sentence_case_subheading_stays_as_a_heading() -> None:
    """A short unpunctuated line between paragraphs is today's subheading style
    ("How the ban will work"), not a caption: up to nine words it is kept."""
    page = (["Dry spring empties reservoirs"] + PROSE[:2]
            + ["How the hosepipe ban will work this summer"] + PROSE[2:])
    article, _ = textclean.explain("\n\n".join(page))
    assert article.headings == ["How the hosepipe ban will work this summer"]


@pytest.mark.parametrize("video", [
    "Damage in downtown reservoirs (4:09)",
    "Farmers describe the dry spring 02:29",
])
def test_video_title_with_running_time_is_a_caption(video: str) -> None:
    page = ["Dry spring empties reservoirs"] + PROSE[:2] + [video] + PROSE[2:]
    assert _explain(page)[video].removed_by == "captions"


def test_clock_time_is_not_a_running_time() -> None:
    line = "Water authority statement updated at 10:30"
    page = ["Dry spring empties reservoirs"] + PROSE[:2] + [line] + PROSE[2:]
    assert _explain(page)[line].reason != "video title with its running time"


def test_lines_of_a_hard_wrapped_paragraph_are_not_captions() -> None:
    wrapped = ["For many people, walking into a gym for the first time can be an intimidating",
               "experience, especially if they are new to fitness or to the machines.",
               "Finding a friend to train with or joining a group class can",
               "make the first weeks easier."]
    page = ["Dry spring empties reservoirs"] + PROSE[:2] + ["\n".join(wrapped)] + PROSE[2:]
    article, decisions = textclean.explain("\n\n".join(page))
    assert all(line in article.body for line in wrapped)


def test_pull_quote_and_attribution_go_once() -> None:
    quote = "Further restrictions could follow if the dry weather continued"
    page = (["Dry spring empties reservoirs"] + PROSE[:1]
            + [quote, "Jane Doe, water authority"] + PROSE[1:])
    by_text = _explain(page)
    assert by_text[quote].removed_by == "pullquotes"
    assert by_text["Jane Doe, water authority"].removed_by == "pullquotes"
    assert by_text[PROSE[1]].kept


def test_a_paragraph_repeated_inside_a_longer_repetition_stays() -> None:
    sentence = "The council approved the plan on Monday, and the mayor said it would stay."
    page = [" ".join([sentence] * n) for n in (2, 2, 3)]
    article = textclean.clean("\n\n".join(page), input="text")
    assert [p.text for p in article.paragraphs] == page


def test_byline_at_the_top_goes() -> None:
    by_text = _explain(["Dry spring empties reservoirs", "By Jane Doe"] + PROSE)
    assert not by_text["By Jane Doe"].kept


_TOOLBAR = ["Wayback Machine", "Mar APR Sep", "Previous capture 16 Next capture", "2004 2005 2007",
            "20 captures", "13 Apr 2005 - 12 Apr 2011", "About this capture", "COLLECTED BY",
            "Collection: news_crawl",
            "Crawl performed by a web archive. This data is currently not publicly accessible."]


def test_web_archive_toolbar_goes_and_never_names_the_page() -> None:
    article, decisions = textclean.explain(
        "\n".join([*_TOOLBAR, "Dry spring empties reservoirs", *PROSE]), input="text")
    assert [d.removed_by for d in decisions[:len(_TOOLBAR)]] == ["archive"] * len(_TOOLBAR)
    assert article.headline == "Dry spring empties reservoirs"
    assert article.dateline is None or "2005" not in article.dateline.text
    assert article.body == "\n\n".join(PROSE)


def test_a_collection_notice_printed_in_the_toolbar_group_goes_with_it() -> None:
    # A crawl collection's description is the curators' free text: it is known
    # only by standing in the toolbar's paragraph, closed by a blank line.
    notice = ["Collection: storm_news", "Pages related to the spring storms.", "from an encyclopedia:",
              "The spring storms were the wettest on record across the region, flooding "
              "towns and farms along both rivers for several weeks."]
    toolbar = "\n".join([*_TOOLBAR[:-2], *notice])
    page = "\n\n".join([toolbar, "Dry spring empties reservoirs", *PROSE])
    article, decisions = textclean.explain(page, input="text")
    assert {d.removed_by for d in decisions if d.text in notice} == {"archive"}
    assert article.headline == "Dry spring empties reservoirs"
    assert article.body == "\n\n".join(PROSE)


def test_toolbar_lines_that_match_only_case_insensitively_still_count() -> None:
    """The step looks for its words in the lower-cased top of the page before
    running its patterns; IGNORECASE reads a dotless i and a long s as 'i'
    and 's', which lower() leaves alone, so such lines must still be found."""
    toolbar = ["WAYBACK MACH\u0130NE", "Tımestamps", "About thi\u017f capture"]
    _, decisions = textclean.explain(
        "\n".join([*toolbar, "Dry spring empties reservoirs", *PROSE]), input="text")
    assert [d.removed_by for d in decisions[:3]] == ["archive"] * 3


def test_toolbar_words_low_on_the_page_remove_nothing_above_them() -> None:
    # A toolbar starts in the first dozen lines; these are lines 13 and 18.
    page = ["Dry spring empties reservoirs", *PROSE, *PROSE, *PROSE, "Wayback Machine", *PROSE,
            "3 captures", *PROSE]
    article, decisions = textclean.explain("\n".join(page), input="text")
    assert "archive" not in {d.removed_by for d in decisions}
    assert article.headline == "Dry spring empties reservoirs"


def test_a_story_about_the_web_archive_is_not_its_toolbar() -> None:
    story = ["Wayback Machine passes a trillion captures",
             "The web archive said on Tuesday that its Wayback Machine now holds more than a "
             "trillion captures of web pages, gathered by its crawlers since 1996.",
             *PROSE]
    article = textclean.clean("\n\n".join(story), input="text")
    assert article.headline == story[0]
    assert article.body.startswith("The web archive said")


@pytest.mark.parametrize("line", [
    "Share on Facebook", "E-mail this article", "Email", "12 comments", "Comments (3)",
    "Subscribers only", "A+ A-", "Follow us on Instagram", "Print | Email | Share",
    "Sign up for our newsletter", "Skip to the main content", "1 2 3 Next"])
def test_control_lines_pass_the_word_shortcut(line: str) -> None:
    """The widgets step rules lines out by their words before its pattern;
    every line the pattern takes must get through (the shortcut reads the
    words off the pattern itself, so it must stay able to)."""
    assert widgets._VOCABULARY is not None
    assert widgets._CONTROL_LINE.match(line)
    assert widgets._VOCABULARY.may_match(_block(line))
    assert Widgets().check(_block(line), Document(blocks=[])) is not None


@pytest.mark.parametrize("line", [
    "Most read", "The most popular", "Related stories:", "You may also like", "Editors picks",
    "Editor's picks", "Dont miss", "Readers also liked these", "Elsewhere on the Example Post",
    "News from Springfield", "Tags", "Top headlines"])
def test_promo_labels_pass_the_word_shortcut(line: str) -> None:
    assert promo._VOCABULARY is not None
    assert promo._LABEL.match(line)
    assert promo._VOCABULARY.may_match(_block(line))


def test_word_shortcut_rules_out_other_lines_and_leaves_non_ascii_to_the_pattern() -> None:
    shortcut = vocabulary("share|e-?mail|comments?|editor'?s? picks|\\d+|follow us on \\w+")
    assert shortcut is not None
    assert shortcut.words == {"share", "e", "mail", "email", "comment", "comments", "editor",
                              "editors", "s", "picks", "follow", "us", "on"}
    assert shortcut.triggers == {"follow", "us", "on"}
    assert not shortcut.may_match(_block("Share the prize"))
    assert shortcut.may_match(_block("Share | 12 comments"))
    assert shortcut.may_match(_block("Follow them on Mastodon"))  # left to the pattern
    assert shortcut.may_match(_block("\u017fhare"))  # long s: IGNORECASE reads it as 's'


@pytest.mark.parametrize("pattern", [
    "sign(?:ed)? in", "top\\d+", "[a-z]+ news", "share|.*", "(?:more )?.{1,20}"])
def test_word_shortcut_turns_off_for_syntax_it_does_not_read(pattern: str) -> None:
    assert vocabulary(pattern) is None
