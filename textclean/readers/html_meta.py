"""What a page says about itself: title, headline, dates, URL, authors.

The HTML reader hands the few elements that carry metadata (meta, link,
title, JSON-LD scripts, itemprops, time) to a `MetaCollector` as the parser
reports them: their attributes, and the text inside them where a value is
read from the text. Metadata costs no second pass and no XPath. Everything
here is a hint for the finders, never a verdict: pages lie in their metadata
(a section front's og:title, a modified date first), and the finders weigh
the hints against the visible lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from textclean.model import PageMeta
from textclean.readers.titles import clean_title

_SPACES = re.compile(r"\s+")
_DATE_START = re.compile(r"^\s*(?:1[89]|2[01])\d\d[-/.]?\d")
_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
    "techarticle", "liveblogposting", "posting", "socialmediaposting", "report",
})
# A page object's dates are the article's when no article object states them
# (WordPress SEO plugins describe the post as a WebPage).
_PAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage", "faqpage", "qapage"})
# Script bodies wrapped for old XHTML parsers: `<![CDATA[ ... ]]>`, `<!-- ... -->`.
_SCRIPT_WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
# meta name/property -> which list it feeds. Order inside a list is priority.
_META_PUBLISHED = (
    "article:published_time", "og:published_time", "datepublished", "article.published",
    "publish-date", "publish_date", "publishdate", "published_time", "pubdate", "date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.created",
    "dcterms.issued", "sailthru.date", "parsely-pub-date", "citation_publication_date",
    "citation_date", "original-publish-date", "cxenseparse:recs:publishtime", "release_date",
    "displaydate", "date.release", "timestamp", "created",
)
_META_MODIFIED = (
    "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
    "dcterms.modified", "last-modified", "lastmod", "modified",
)
_META_HEADLINE = ("og:title", "twitter:title", "headline", "sailthru.title",
                  "parsely-title", "dc.title", "title")
# A date in the page's own URL: /2020/05/10/, /2020-05-10/, _20200510.
_URL_DATE = re.compile(
    r"[/_-]((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_META_AUTHOR = ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author")
# Every meta name or property some branch of `MetaCollector.meta` reads.
_META_KEYS = frozenset({*_META_HEADLINE, *_META_PUBLISHED, *_META_MODIFIED, *_META_AUTHOR,
                        "og:url", "og:site_name"})
_MAX_JSONLD_CHARS = 1_000_000
# The itemprop names `MetaCollector.itemprop` reads.
ITEMPROPS = frozenset({"headline", "datepublished", "datecreated", "datemodified", "author"})
_MAX_LIST = 8


def url_date(url: str | None) -> str | None:
    """The date in a page's URL as YYYY-MM-DD: sites file stories by their first day."""
    m = _URL_DATE.search(url or "")
    return "-".join(m.groups()) if m else None


def is_author_link(attrs: Mapping[str, str]) -> bool:
    """Whether a link is marked as naming the page's author (rel=author)."""
    return "author" in (attrs.get("rel") or "").lower().split()


def _text(value: object) -> str:
    return _SPACES.sub(" ", value).strip() if isinstance(value, str) else ""


def _add(items: list[str], value: str) -> None:
    if value and value not in items and len(items) < _MAX_LIST:
        items.append(value)


class MetaCollector:
    """Accumulates metadata from the elements the reader passes it.

    An element is passed as its attributes (`attrs`) and, where a value is
    its text, the text of everything inside it (as lxml's itertext gives it).
    """

    def __init__(self) -> None:
        self.title = ""
        self.headlines: dict[str, list[str]] = {}
        self.published: dict[str, list[str]] = {}
        self.modified: list[str] = []
        self.times: list[str] = []
        self.url: str | None = None
        self.og_url: str | None = None
        self.site_name: str | None = None
        self.language: str | None = None
        self.authors: list[str] = []
        self.first_h1 = ""

    # -- elements ------------------------------------------------------------

    def html(self, attrs: Mapping[str, str]) -> None:
        lang = attrs.get("lang") or attrs.get("xml:lang") or ""
        if len(lang) >= 2 and lang[:2].isalpha():
            self.language = lang[:2].lower()

    def meta(self, attrs: Mapping[str, str]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
               or "").strip().lower()
        if key not in _META_KEYS:  # viewport, description, og:image...: most of them
            return
        content = _text(attrs.get("content"))
        if not content:
            return
        if key in _META_HEADLINE:
            _add(self.headlines.setdefault(key, []), content)
        elif key in _META_PUBLISHED:
            if _DATE_START.match(content) or key != "date":
                _add(self.published.setdefault(key, []), content)
        elif key in _META_MODIFIED:
            _add(self.modified, content)
        elif key == "og:url":
            self.og_url = self.og_url or content
        elif key == "og:site_name":
            self.site_name = self.site_name or content
        elif key in _META_AUTHOR and not content.startswith("http"):
            _add(self.authors, content)

    def link(self, attrs: Mapping[str, str]) -> None:
        rel = (attrs.get("rel") or "").lower().split()
        if "canonical" in rel and attrs.get("href"):
            self.url = self.url or attrs.get("href", "").strip()

    def anchor(self, attrs: Mapping[str, str], text: str) -> None:
        """`<a rel=author>` names an author in its text."""
        if is_author_link(attrs):
            _add(self.authors, _text(text)[:100])

    def set_title(self, text: str) -> None:
        if not self.title:
            self.title = _text(text)

    def time(self, attrs: Mapping[str, str]) -> None:
        value = _text(attrs.get("datetime"))
        if value and _DATE_START.match(value):
            _add(self.times, value)
            if attrs.get("pubdate") is not None:  # HTML5 drafts' mark of the article's own date
                _add(self.published.setdefault("pubdate", []), value)

    def itemprop(self, attrs: Mapping[str, str], prop: str, text: str) -> None:
        """Microdata: the value is in content/datetime, else the element's text
        (`text`; the caller passes no <meta>, whose text is not its value)."""
        prop = prop.strip().lower()
        if prop not in ITEMPROPS:
            return
        value = _text(attrs.get("content") or attrs.get("datetime"))
        if not value:
            value = _text(text)[:400]
        if not value:
            return
        if prop == "headline":
            _add(self.headlines.setdefault("itemprop", []), value)
        elif prop == "datemodified":
            _add(self.modified, value)
        elif prop == "author":
            if len(value) <= 80:
                _add(self.authors, value)
        elif _DATE_START.match(value):
            _add(self.published.setdefault("itemprop", []), value)

    def h1(self, text: str) -> None:
        if not self.first_h1:
            self.first_h1 = _text(text)

    def jsonld(self, source: str) -> None:
        """Article objects anywhere in a JSON-LD script (@graph, lists, nesting)."""
        if len(source) > _MAX_JSONLD_CHARS:
            return
        try:
            data = json.loads(_SCRIPT_WRAPPER.sub("", source))
        except (ValueError, RecursionError):
            return
        for obj in _objects(data):
            types = obj.get("@type")
            names = {t.lower() for t in (types if isinstance(types, list) else [types])
                     if isinstance(t, str)}
            if names & _PAGE_TYPES:
                self._jsonld_dates(obj, "jsonld-page")
            if not names & _ARTICLE_TYPES:
                continue
            _add(self.headlines.setdefault("jsonld", []), _text(obj.get("headline")))
            self._jsonld_dates(obj, "jsonld")
            for name in _person_names(obj.get("author")):
                _add(self.authors, name)

    def _jsonld_dates(self, obj: dict[str, Any], key: str) -> None:
        for name in ("datePublished", "dateCreated"):
            value = _text(obj.get(name))
            if _DATE_START.match(value):
                _add(self.published.setdefault(key, []), value)
        modified = _text(obj.get("dateModified"))
        if _DATE_START.match(modified):
            _add(self.modified, modified)

    # -- result --------------------------------------------------------------

    def finish(self) -> PageMeta:
        headlines: list[str] = []
        for key in ("og:title", "twitter:title", "jsonld", "itemprop", "headline",
                    "sailthru.title", "parsely-title", "dc.title", "title"):
            for value in self.headlines.get(key, ()):
                _add(headlines, value)
        _add(headlines, self.first_h1)
        published: list[str] = []
        for key in ("article:published_time", "og:published_time", "jsonld", "itemprop",
                    *_META_PUBLISHED, "pubdate", "jsonld-page"):
            for value in self.published.get(key, ()):
                _add(published, value)
        dates = list(published)
        for value in self.times + self.modified:
            _add(dates, value)
        url = self.url or self.og_url
        for candidate in (self.url, self.og_url):
            in_url = url_date(candidate)
            if in_url:
                # Weakest evidence, so last: URLs keep the first-published day.
                _add(dates, in_url)
                break
        return PageMeta(
            title=clean_title(self.title),
            headlines=headlines,
            dates=dates,
            published=published,
            modified=[d for d in self.modified if d not in published],
            url=url,
            site_name=self.site_name,
            language=self.language,
            authors=self.authors,
        )


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON value, iteratively (JSON-LD may nest deeply)."""
    stack = [data]
    seen = 0
    while stack and seen < 10_000:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _person_names(value: Any) -> Iterator[str]:
    items = value if isinstance(value, list) else [value]
    for item in items[:_MAX_LIST]:
        if isinstance(item, dict):
            name = _text(item.get("name"))
        else:
            name = _text(item)
        if name and len(name) <= 80 and not name.startswith("http"):
            yield name
