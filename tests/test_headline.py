"""Headline finder on tiny synthetic pages (fixtures/headline/)."""

from __future__ import annotations

from pathlib import Path

import pytest

import textclean

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "headline"


@pytest.mark.parametrize(("name", "headline"), [
    ("deck.txt", "Pier vote"),
    ("breadcrumb.txt", "Small probe finds water ice in a shaded crater"),
    ("question.txt", "Is the four-day week here to stay?"),
])
def test_headline_of_fixture(name: str, headline: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert textclean.clean(text, input="text").headline == headline


def test_standfirst_is_not_the_headline() -> None:
    """A full-stop sentence right above the body is a standfirst, not the title."""
    text = (FIXTURES / "deck.txt").read_text(encoding="utf-8")
    article = textclean.clean(text, input="text")
    assert not article.headline.endswith(".")


def test_stated_title_far_above_the_body() -> None:
    """A linked <h1> that og:title names wins even past a long gallery."""
    html = (FIXTURES / "far-title.html").read_text(encoding="utf-8")
    assert textclean.clean(html).headline == "Bridge reopens after repairs"


def test_headline_forty_lines_above_the_body() -> None:
    """A tide table and topic links between headline and story do not hide the headline."""
    text = (FIXTURES / "far-above-text.txt").read_text(encoding="utf-8")
    headline = textclean.clean(text, input="text").headline
    assert headline == "Harbour ferry fleet returns after winter repairs"


def test_byline_with_colon_is_not_the_headline() -> None:
    """'von: Name' is an author line like 'von Name', not a short title."""
    text = ("Startseite\nPolitik\nLeere Schaufenster\nvon: Anna Berger\n"
            "In der Innenstadt stehen immer mehr Geschäfte leer, weil die Mieten steigen und "
            "die Kundschaft lieber im Netz bestellt, sagen die Händler.\n"
            "Der Verband rechnet damit, dass bis zum Jahresende noch einmal jedes zehnte "
            "Geschäft aufgibt, wenn sich an den Mieten nichts ändert.\n"
            "Die Stadt will mit einem Programm für junge Gründer gegensteuern, doch die "
            "Händler halten das für zu wenig und zu spät.\n")
    assert textclean.clean(text, input="text").headline == "Leere Schaufenster"


def test_headline_above_its_deck() -> None:
    """A short headline over a longer deck and a byline: the deck is not the title."""
    text = ("Home\nNews\nSport\nMon, March 3, 2025\n"
            "Harbour ferry strike ends\n"
            "Crews accept new pay offer after three weeks of cancelled crossings\n"
            "By Staff Reporter\n"
            "The harbour ferry strike ended on Monday when crews voted to accept a new pay "
            "offer, ending three weeks of cancelled crossings for island commuters.\n"
            "The ferry company said the first crossings would run on Tuesday morning and that "
            "the full timetable would be back by the weekend.\n"
            "Commuters who bought season tickets will get a refund for the weeks of the strike, "
            "the company said in a statement.\n")
    assert textclean.clean(text, input="text").headline == "Harbour ferry strike ends"


def test_section_label_above_the_headline_is_not_the_title() -> None:
    """A short topic label over the headline stays a label."""
    text = ("Home\nNews\nLocal Transport\n"
            "Harbour ferry crews accept new pay offer after strike\n"
            "The harbour ferry strike ended on Monday when crews voted to accept a new pay "
            "offer, ending three weeks of cancelled crossings for island commuters.\n"
            "The ferry company said the first crossings would run on Tuesday morning and that "
            "the full timetable would be back by the weekend.\n")
    headline = textclean.clean(text, input="text").headline
    assert headline == "Harbour ferry crews accept new pay offer after strike"


def test_capitals_headline_over_label_lines() -> None:
    """A headline set in capitals is still a title; a 'Tags:' line is not, nor a short caption."""
    body = ("The harbour ferry strike ended on Monday when crews voted to accept a new pay "
            "offer, ending three weeks of cancelled crossings for island commuters.\n"
            "The ferry company said the first crossings would run on Tuesday morning and that "
            "the full timetable would be back by the weekend.\n")
    tags = "Tags: harbour ferry strike, island commuters, pay offer, crossings\n"
    for below in (tags, "Harbour ferry crossings\n"):
        text = "Home\nSport\nFERRY CREWS END THREE-WEEK STRIKE\n" + below + "By Staff Reporter\n"
        headline = textclean.clean(text + body, input="text").headline
        assert headline == "FERRY CREWS END THREE-WEEK STRIKE"


def test_title_printed_over_two_lines() -> None:
    """'Kicker:' and the main line as two headings make one headline when og:title says so."""
    html = ("<html><head><meta property='og:title' content='Harbour ferries: Crews end the strike'>"
            "</head><body><nav><a href='/'>Home</a></nav><article>"
            "<p>Thank you for registering. Your activation link has been sent to your e-mail.</p>"
            "<h1>Harbour ferries:</h1><h1>Crews end the strike</h1>"
            "<p>The harbour ferry strike ended on Monday when crews voted to accept a new pay "
            "offer, ending three weeks of cancelled crossings for island commuters.</p>"
            "<p>The ferry company said the first crossings would run on Tuesday morning and "
            "that the full timetable would be back by the weekend.</p></article></body></html>")
    assert textclean.clean(html).headline == "Harbour ferries: Crews end the strike"


_STORY = ("The council approved the new cycle lanes on Tuesday after a long debate about "
          "parking spaces and the cost of the works along the river road.\n"
          "Work on the cycle lanes starts in the spring and should be finished before the "
          "summer holidays, the council said in a statement.\n"
          "Shop owners along the road had asked for a delay until the autumn, but the vote "
          "went against them by a wide margin.\n")


@pytest.mark.parametrize("promo", [
    "You are not logged in", "Start your free trial today", "Read the e-paper",
    "Get in touch with us",
])
def test_account_and_promo_lines_are_not_the_headline(promo: str) -> None:
    """Site controls shaped like titles lose to a short title that shares no word with the story."""
    text = f"Home\nLocal\nOpinion\n{promo}\nLog In\nPedal power\n{_STORY}"
    assert textclean.clean(text, input="text").headline == "Pedal power"


def test_printed_date_is_never_the_headline() -> None:
    """A line that is only a date is the dateline, whatever else scores low."""
    text = f"Menu\nNovember 1, 2023\n12:30\n{_STORY}"
    assert textclean.clean(text, input="text").headline != "November 1, 2023"


def test_story_highlights_are_not_the_headline() -> None:
    """Three title-shaped bullet points in a row are a list; the line above them is the title."""
    text = ("Home\nLocal\nRiverside gets its cycle lanes at last\nStory Highlights\n"
            "Council approves new cycle lanes on the river road after a long debate\n"
            "Work on the lanes starts in spring and ends before the summer holidays\n"
            "Shop owners had asked the council for a delay until the autumn\n" + _STORY)
    assert textclean.clean(text, input="text").headline == "Riverside gets its cycle lanes at last"


_BODY_AFTER_TITLE = (
    "Daily Ledger\nSubscribe\nLog In\nToday’s Edition\nSupported by\n{title}\n"
    "Old pipes under the streets crack every winter, and the crews who fix them "
    "say the work gets harder each year as the city keeps growing.\n"
    "Last month alone the water company answered more than two hundred calls about "
    "burst mains, most of them in the older districts near the river.\n"
    "The company says it will replace forty kilometres of pipe by the end of the decade, "
    "but residents doubt the plan will be enough.\n")


@pytest.mark.parametrize("title", [
    "Burst Pipes and Flooded Cellars: Winter Hits the Old Town Hard in the U.K.",
    "Burst Pipes Flood the Old Town Again — and Nobody Is Surprised!",
])
def test_title_case_headline_ending_in_punctuation(title: str) -> None:
    """A Title Case line ending in '!' or an initialism opens the body as its headline.

    Its end is a headline's punctuation, not a sentence's: the menu line above
    ("Supported by") is not the title.
    """
    text = _BODY_AFTER_TITLE.format(title=title)
    assert textclean.clean(text, input="text").headline == title


_SHARE_BAR_PAGE = (
    "Home\nBusiness\nMarkets\nGrain prices climb as dry weather hits harvest\n"
    "Share on Facebook\nShare by email\n{controls}{author}Monday, 3 March 2025\n"
    "Wheat and maize prices rose for a third week as a long dry spell cut yields "
    "across the southern plains, traders said on Monday.\n"
    "Farmers expect the harvest to come in well below last year, and some have "
    "already sold their remaining stock to cover costs.\n"
    "Millers warned that bread prices could follow within weeks if the weather "
    "does not turn before the end of the month.\n")


@pytest.mark.parametrize(("controls", "author"), [
    ("", "Anna Keller, Harbour Times Staff\n"),
    ("View more sharing options\nFollow Following Unfollow\n", ""),
])
def test_author_role_and_share_controls_are_not_the_headline(controls: str, author: str) -> None:
    """An author line ending in a role ('..., Staff') and a share or follow control
    sit next to the date line, but neither is the title above them."""
    text = _SHARE_BAR_PAGE.format(controls=controls, author=author)
    assert (textclean.clean(text, input="text").headline
            == "Grain prices climb as dry weather hits harvest")


def test_capitals_menu_line_is_not_taken_for_the_headline_over_its_deck() -> None:
    """A line of a few words in capitals above the headline is a menu or notice.

    It shares the story's words, so it once passed for a headline over a deck.
    """
    text = ("Home\nPolitics\nWorld\nRIVER BRIDGE COUNCIL NEWS\n"
            "Lorries face a longer detour\nBy Ann Lee\n"
            "The town council approved a new budget on Tuesday to repair the old river bridge, "
            "which has been closed since the spring floods.\n"
            "Work on the bridge will start in May and should take about a year, the council "
            "said, and most of the money goes to the new steel frame.\n"
            "Residents have complained for months about the detour, which adds twenty minutes "
            "to every trip into town, according to council news.\n")
    assert textclean.clean(text, input="text").headline == "Lorries face a longer detour"


_WEIGHED_PAGE = ("Island Weekly\nHarbour news\nFerry crews end three-week strike\n"
                 "The harbour ferry strike ended on Monday when crews voted to accept a new pay "
                 "offer, ending three weeks of cancelled crossings for island commuters.\n"
                 "The ferry company said the first crossings would run on Tuesday morning and "
                 "that the full timetable would be back by the weekend.\n"
                 "Commuters who bought season tickets will get a refund for the weeks of the "
                 "strike, the company said in a statement.\n")


def test_headline_weights_can_be_given_as_step_options() -> None:
    """The scoring weights are options of the step, so a caller can refit or reweigh them.

    Weights that only reward distance from the body take the top line.
    """
    assert textclean.clean(_WEIGHED_PAGE, input="text").headline == (
        "Ferry crews end three-week strike")
    far = {"headline": {"weights": {"bias": 1.0, "distance": 1.0}}}
    assert textclean.clean(_WEIGHED_PAGE, input="text", options=far).headline == "Island Weekly"


def test_weight_tables_name_the_same_features() -> None:
    """Both weight tables weigh the same features, and every feature a line gets has a weight.

    A pasted table with a misspelt or missing name would silently weigh nothing.
    """
    from textclean.finders import headline as hl
    from textclean.pipeline import Pipeline

    doc = Pipeline(steps=["body"]).run(_WEIGHED_PAGE)
    found = hl.Headline().candidates(doc)
    assert found is not None and found[1]
    seen = {name for c in found[1] for name in c.features}
    assert seen <= set(hl.HAND_WEIGHTS)
    assert set(hl.TEXT_WEIGHTS) == set(hl.HAND_WEIGHTS)


@pytest.mark.parametrize("crumbs", [
    "Home » News » Ferry strike » Article",
    "Home > News > Harbour ferries > Strike",
    "Home>News>Harbour ferries>Strike",
    "News | Harbour ferry crews | Strike",
])
def test_breadcrumb_is_not_the_headline_over_its_deck(crumbs: str) -> None:
    """A breadcrumb right above the headline shares its words, but it is not a headline
    printed over a deck: the line under it is the title."""
    text = f"{crumbs}\nFerry crews end three-week strike over pay\n" + _WEIGHED_PAGE.split("\n", 3)[3]
    assert (textclean.clean(text, input="text").headline
            == "Ferry crews end three-week strike over pay")



@pytest.mark.parametrize("title", [
    "Mayor: «The ferry crossings will run again»",
    "Mayor says »The ferry crossings will run again«",
    "Mayor: « The ferry crossings will run again »",
])
def test_headline_quoting_with_guillemets(title: str) -> None:
    """Guillemets as quotation marks are not the menu marks "»" and "›" elsewhere are."""
    text = (f"Home\nNews\n{title}\n"
            "Crews accept new pay offer after three weeks of cancelled crossings\n"
            + _WEIGHED_PAGE.split("\n", 3)[3])
    assert textclean.clean(text, input="text").headline == title


_FERRY_BODY = ("The harbour ferry strike ended on Monday when crews voted to accept a new pay "
               "offer, ending three weeks of cancelled crossings for island commuters.\n"
               "The ferry company said the first crossings would run on Tuesday morning and "
               "that the full timetable would be back by the weekend.\n")


@pytest.mark.parametrize("title", [
    "Watch: Ferry crews vote to end the harbour strike",
    "Video of the last ferry crossing before the strike",
])
def test_headline_opening_with_a_caption_word(title: str) -> None:
    """'Watch:' or 'Video of' opens many headlines; only a short line or a credit is a caption."""
    text = f"Home\nNews\n{title}\nBy Ann Lee\n{_FERRY_BODY}"
    assert textclean.clean(text, input="text").headline == title


def test_photo_credit_is_not_the_headline() -> None:
    """'Photo: Name for Paper' and 'Photo by Name' stay credits, however long."""
    text = ("Home\nNews\nFerry strike ends\nPhoto: Ann Lee for the Island Courier\n"
            f"Photo by Ann Lee on the harbour wall\n{_FERRY_BODY}")
    assert textclean.clean(text, input="text").headline == "Ferry strike ends"


@pytest.mark.parametrize("notice", [
    "By joining our site you will be able to enter competitions, post comments and "
    "receive our regular updates.\n",
    "You are using an old browser that we no longer support, so some parts of this page "
    "may not work as they should.\nDismiss\n",
])
def test_headline_under_a_site_notice(notice: str) -> None:
    """A notice sentence above the headline is not the body's first paragraph to stop at."""
    text = (f"Home\nNews\nSport\nWeather\n{notice}Ferry crews end three-week strike\n"
            f"Monday, 3 March 2025\n{_FERRY_BODY}Union leaders said the deal protected rest "
            "breaks and overtime rates for the crews on the night crossings.\n")
    assert textclean.clean(text, input="text").headline == "Ferry crews end three-week strike"


def test_headline_words_open_the_story() -> None:
    """A headline's words are in the first paragraph; a show name nearer the body is
    only mentioned further down."""
    body = ("Ferry crews voted on Monday to end their strike and accept a new pay offer, "
            "ending three weeks of cancelled crossings for island commuters, who had been "
            "left to find places on the few private boats still running.\n"
            "The company said the first crossings would run on Tuesday morning and that the "
            "full timetable would be back by the weekend, once the boats had been checked "
            "and the crews had been given time to rest after the long dispute.\n"
            "Speaking on the Island Weekend Radio Show, the union leader said the deal "
            "protected rest breaks for the night crews.\n")
    text = f"Home\nNews\nStrike over for ferry crews\n\nListen\n\nIsland Weekend Radio Show\n\n{body}"
    assert textclean.clean(text, input="text").headline == "Strike over for ferry crews"


def test_exclaimed_headline_over_its_byline() -> None:
    """A one-sentence line ending in '!' over a byline and date is the title, not the lede."""
    title = "Island ferry crews win their three-week fight for a fair pay deal at last!"
    text = (f"Home\nNews\nAbout Us Contact\n{title}\nBy Ann Lee, 3 March 2025\n{_FERRY_BODY}"
            "Union leaders said the deal protected rest breaks and overtime rates for the crews "
            "on the night crossings.\n")
    assert textclean.clean(text, input="text").headline == title


@pytest.mark.parametrize(("line", "headline"), [
    ("Home / News / Ferry crews end three-week strike", "Ferry crews end three-week strike"),
    ("Home » Ferry crews end strike / vote on pay", "Ferry crews end strike / vote on pay"),
    ("Home Office backs ferry crews", "Home Office backs ferry crews"),
])
def test_breadcrumb_on_the_title_line_is_cut(line: str, headline: str) -> None:
    """'Home / Section / Title' on one line gives the title; a slash in the title stays."""
    text = f"About Us Contact\n{line}\nBy Ann Lee\n{_FERRY_BODY}"
    assert textclean.clean(text, input="text").headline == headline


SHORT_POST = """Lantern Makers of the Old Harbour

photos, crafts — Tags: lanterns — harbourblog @ 14:02

Mira Okafor builds paper lanterns by hand in her harbour workshop! Each one takes a week and no two share a pattern. Go and see them here

Comments (0)

Leave a comment

Name (required)

Website
"""


def test_short_post_keeps_its_only_paragraph() -> None:
    """A post whose one paragraph ends without a stop: the paragraph holds two
    sentences, so it is the body, not a title, and it is not a caption either."""
    article = textclean.clean(SHORT_POST, input="text")
    assert article.headline == "Lantern Makers of the Old Harbour"
    assert article.body.startswith("Mira Okafor builds paper lanterns")


def test_title_case_headline_with_two_sentences() -> None:
    text = ("Sitemap\n\nRobots in the Workforce? Each One Costs Six Jobs, a New Study Says\n\n"
            + "By Dana Holt\n\n"
            + "Every industrial robot added to the workforce replaces about six workers, economists "
              "reported on Monday in a study of two decades of factory data.\n\n"
            + "The effect was strongest in car plants and electronics, where robots are most common, "
              "and weakest in services, the authors said in their report.\n")
    article = textclean.clean(text, input="text")
    assert article.headline == "Robots in the Workforce? Each One Costs Six Jobs, a New Study Says"



@pytest.mark.parametrize(("junk", "feature"), [
    ("Home>Lifestyle>Travel", "nav_shape"),
    ("Settings/Services Sign In Register E-Mail Newsletters RSS Feeds Help Center", "control"),
    ("Got it", "control"),
    ("Play Video Don't Play", "control"),
])
def test_menu_and_control_lines_are_marked_as_such(junk: str, feature: str) -> None:
    """A breadcrumb without spaces, a bar of account controls and a consent or
    video button sit right above the title on some pages: the finder must see
    them for what they are, or on a page where the title's own line is weak
    (in a group, far from the body) they win."""
    text = "\n\n".join([
        "Coast Weekly", junk, "Ferry Company Has Its Best Summer",
        "The old ferry company reported its best summer in a decade on Tuesday, as visitors "
        "returned to the islands in numbers not seen since the bridge opened.",
        "Managers said bookings for the autumn season were already ahead of last year, and "
        "that two more boats would join the fleet before the winter timetable begins."])
    from textclean.finders import headline as hl
    from textclean.pipeline import Pipeline

    doc = Pipeline(steps=["body"]).run(text)
    found = hl.Headline().candidates(doc)
    assert found is not None
    features = {doc.blocks[c.index].text: c.features for c in found[1]}
    assert features[junk].get(feature) == 1.0
    assert not features["Ferry Company Has Its Best Summer"].get(feature)


@pytest.mark.parametrize("chars", [0, 5, 11, 12, 13, 24, 400, 2500])
def test_opening_words_from_kept_words_match_the_joined_text(chars: int) -> None:
    """The opening paragraphs' words, read from each line's kept words, are
    those of the lines joined and cut (mid-word too), as before."""
    from textclean.finders.headline import _content_words, _opening_words
    from textclean.model import Block
    from textclean.readers.features import annotate

    texts = ["Storm closes", "", "ΟΔΟΣ schools—across «the» county", "Ünïversity İstanbul  ok",
             "tail words here"]
    blocks = [Block(index=i, text=t) for i, t in enumerate(texts)]
    annotate(blocks)
    assert _opening_words(blocks, chars) == _content_words(" ".join(texts)[:chars])


def test_control_word_shortcut_agrees_with_the_pattern() -> None:
    """The set test that spares the control-word pattern on most lines never
    turns away a line the pattern matches."""
    import random

    from textclean.finders.headline import _CONTROL, _CONTROL_OPENERS, _names_control
    from textclean.model import Block
    from textclean.readers.features import annotate

    assert _CONTROL_OPENERS is not None and {"e", "email", "feed", "sign"} <= _CONTROL_OPENERS
    rng = random.Random(3)
    pieces = ["E-mail", "email", "e mail", "Print", "reprint", "prints", "sign in", "Sign-in",
              "free-trial", "Free Trial", "freetrial", "_share", "share_", "top of page",
              "You are here", "feeds", "Feed2", "comments", "ſhare", "the", "news", "-", " ", ":",
              "|", "»", "2024", "story"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    blocks = [Block(index=i, text=t) for i, t in enumerate(texts)]
    annotate(blocks)
    for block in blocks:
        assert _names_control(block) == (_CONTROL.search(block.text) is not None), block.text


_CLARKSON = ("The presenter said on Tuesday that a bank had taken five hundred pounds from his "
             "account after he printed his own account details in a newspaper column.")


@pytest.mark.parametrize(("line", "date_text"), [
    ("Wednesday, 09 January 2008 Jeremy Clarkson ripped off", "Wednesday, 09 January 2008"),
    ("09.01.2008 - Jeremy Clarkson ripped off", "09.01.2008"),
    ("09.01.2008Jeremy Clarkson ripped off", "09.01.2008"),
])
def test_a_date_printed_at_the_start_of_the_title_line_is_the_dateline(
        line: str, date_text: str) -> None:
    page = "\n\n".join(["Home\nNews", line, _CLARKSON, _CLARKSON.replace("Tuesday", "Monday")])
    article = textclean.clean(page, input="text")
    assert article.headline == "Jeremy Clarkson ripped off"
    assert article.dateline is not None
    assert article.dateline.text == date_text
    assert str(article.dateline.date) == "2008-01-09"


@pytest.mark.parametrize("title", ["2008 Olympic Games open in Beijing",
                                   "Super Tuesday, March 5, 2024: what every voter should watch",
                                   "What changed on 9 January 2008 for bank customers"])
def test_a_title_that_opens_with_a_year_or_names_a_date_keeps_it(title: str) -> None:
    page = "\n\n".join(["Home\nNews", title, _CLARKSON, _CLARKSON])
    assert textclean.clean(page, input="text").headline == title
