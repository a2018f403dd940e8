"""The systems the benchmark compares: textclean, peer extractors and two baselines.

Every system is wrapped to the same shape, `Extractor(page, mode) -> Prediction`,
so the evaluation loop does not know which tool it runs. Peer libraries are
imported only inside `load`, in the worker process that runs them: a missing
or broken peer is then skipped with a note instead of stopping the run.

Modes: in "html" mode a tool gets the original page; in "text" mode it gets
only the page's naive visible text (what textclean is built for). HTML-only
tools get that text with each line wrapped in an escaped <p>, which is the
fairest HTML a text input can become.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from benchmarks.data import Page

MODES = ("text", "html")


@dataclass(frozen=True, slots=True)
class Prediction:
    body: str = ""
    headline: str | None = None
    date: str | None = None


Extractor = Callable[[Page, str], Prediction]


@dataclass(frozen=True, slots=True)
class System:
    """A system the benchmark can run.

    `gives_headline` / `gives_date` say whether scoring those makes sense at
    all; pages a system cannot be scored on (date-only pages for a body-only
    tool) are not run, which keeps the full comparison within its time budget.
    """

    name: str
    package: str | None
    load: Callable[[], Extractor]
    gives_headline: bool = False
    gives_date: bool = False


# --- helpers -------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD from whatever a tool returns as a date (datetime, date or string)."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    text = str(value)
    match = _ISO_DATE.search(text[:200])
    if match:
        return str(match.group(0))
    try:
        from dateutil import parser as date_parser
    except ImportError:
        return None
    try:
        return str(date_parser.parse(text[:100], fuzzy=False).date().isoformat())
    except (ValueError, OverflowError, TypeError):
        return None


def text_as_html(text: str) -> str:
    """The page text as minimal HTML, one <p> per non-blank line."""
    paragraphs = "".join(
        f"<p>{html_lib.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f"<html><head></head><body>\n{paragraphs}</body></html>"


def tool_input(page: Page, mode: str) -> str:
    return page.html if mode == "html" else text_as_html(page.text)


_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "blockquote", "pre", "section", "article", "header", "footer", "dd",
    "dt", "figcaption", "figure", "td", "th",
})


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one line per block element."""
    if not fragment.strip():
        return ""
    import lxml.html

    root = lxml.html.fromstring(fragment)
    parts: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style"):
            return
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if element.text and tag not in ("script", "style"):
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def version_of(package: str | None) -> str:
    if package is None:
        return "-"
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


# --- textclean -------------------------------------------------------------------


def _load_textclean() -> Extractor:
    import textclean

    def run(page: Page, mode: str) -> Prediction:
        source = page.html if mode == "html" else page.text
        article = textclean.clean(source, input=mode)
        date = None
        if article.dateline is not None:
            date = iso_date(article.dateline.datetime or article.dateline.date)
        return Prediction(article.body, article.headline or None, date)

    return run


# --- baselines -------------------------------------------------------------------


def _load_everything() -> Extractor:
    """The whole visible text: recall ceiling, precision floor.

    In html mode too this is the page's visible text, not raw markup: scoring
    tag soup would only measure the markup.
    """

    def run(page: Page, mode: str) -> Prediction:
        return Prediction(page.text)

    return run


def _load_words10() -> Extractor:
    """Lines of 10+ words: the simplest boilerplate filter worth beating."""

    def run(page: Page, mode: str) -> Prediction:
        kept = [line for line in page.text.splitlines() if len(line.split()) >= 10]
        return Prediction("\n\n".join(kept))

    return run


# --- peers -----------------------------------------------------------------------


def _load_trafilatura() -> Extractor:
    import trafilatura

    def run(page: Page, mode: str) -> Prediction:
        doc = trafilatura.bare_extraction(
            tool_input(page, mode), url=page.url, with_metadata=True,
        )
        if doc is None:
            return Prediction()
        get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
        return Prediction(get("text") or "", get("title") or None, iso_date(get("date")))

    return run


def _load_readability() -> Extractor:
    from readability import Document

    def run(page: Page, mode: str) -> Prediction:
        doc = Document(tool_input(page, mode))
        body = html_fragment_text(doc.summary(html_partial=True))
        return Prediction(body, doc.short_title() or None)

    return run


_JUSTEXT_LANGUAGES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "sv": "Swedish",
    "da": "Danish", "fi": "Finnish", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal",
    "cs": "Czech", "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian", "tr": "Turkish",
    "uk": "Ukrainian", "el": "Greek", "id": "Indonesian", "ca": "Catalan", "hr": "Croatian",
    "bg": "Bulgarian", "sl": "Slovenian", "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian",
}


def _load_justext() -> Extractor:
    """jusText with the stoplist of the page's declared language (English otherwise)."""
    import justext

    available = set(justext.get_stoplists())
    cache: dict[str, frozenset[str]] = {}

    def stoplist(lang: str | None) -> frozenset[str]:
        name = _JUSTEXT_LANGUAGES.get((lang or "en").split("-")[0].lower(), "English")
        name = name if name in available else "English"
        if name not in cache:
            cache[name] = justext.get_stoplist(name)
        return cache[name]

    def run(page: Page, mode: str) -> Prediction:
        paragraphs = justext.justext(tool_input(page, mode), stoplist(page.lang))
        body = "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
        return Prediction(body)

    return run


def _load_boilerpy3() -> Extractor:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor(raise_on_failure=False)

    def run(page: Page, mode: str) -> Prediction:
        return Prediction(extractor.get_content(tool_input(page, mode)) or "")

    return run


def _load_newspaper() -> Extractor:
    import newspaper

    def run(page: Page, mode: str) -> Prediction:
        article = newspaper.Article(page.url or "http://example.invalid/", fetch_images=False)
        article.download(input_html=tool_input(page, mode))
        article.parse()
        return Prediction(article.text or "", article.title or None,
                          iso_date(article.publish_date))

    return run


def _load_goose() -> Extractor:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False, "use_meta_language": True})

    def run(page: Page, mode: str) -> Prediction:
        article = goose.extract(raw_html=tool_input(page, mode))
        return Prediction(article.cleaned_text or "", article.title or None,
                          iso_date(article.publish_date))

    return run


def _load_resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    def run(page: Page, mode: str) -> Prediction:
        body = extract_plain_text(tool_input(page, mode), main_content=True)
        return Prediction(body or "")

    return run


SYSTEMS: dict[str, System] = {
    s.name: s
    for s in (
        System("textclean", "textclean", _load_textclean, gives_headline=True, gives_date=True),
        System("trafilatura", "trafilatura", _load_trafilatura,
               gives_headline=True, gives_date=True),
        System("readability", "readability-lxml", _load_readability, gives_headline=True),
        System("justext", "jusText", _load_justext),
        System("boilerpy3", "boilerpy3", _load_boilerpy3),
        System("newspaper4k", "newspaper4k", _load_newspaper,
               gives_headline=True, gives_date=True),
        System("goose3", "goose3", _load_goose, gives_headline=True, gives_date=True),
        System("resiliparse", "resiliparse", _load_resiliparse),
        System("everything", None, _load_everything),
        System("words10", None, _load_words10),
    )
}
