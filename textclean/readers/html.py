"""HTML into the same line blocks as text, plus what only the DOM knows.

The page is rendered the way a browser would show it as text (block
elements on their own lines, a blank line between paragraphs, headings,
lists, tables and landmarks), so the filters tuned on text see the same
lines. Each line also carries DOM features: its block tag, its link
density, heading level, list membership, and `hints`, the words that its
containers (nav, footer, class="share-bar", ...) say about it.

The page is rendered from libxml2's parse events as lxml reports them to a
parser target (`_Reader`): no tree is built or walked, nothing recurses
(5,000-deep nesting is fine), no XPath, no ancestor walks; hints are
inherited down a stack. Metadata is collected in the same pass.
"""

from __future__ import annotations

import importlib
import operator
import re
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import lxml.etree
from lxml.etree import _Element

from textclean.model import PROSE_CHARS, PROSE_MAX_LINK_DENSITY, Block, PageMeta
from textclean.readers.html_meta import ITEMPROPS, MetaCollector, is_author_link
from textclean.readers.text import read_text


def _regex_parser() -> Any:
    """`re`'s own parser, private to it: None if a Python moves it again
    (the class-token search then runs without its quick rejection)."""
    for name in ("re._parser", "sre_parse"):  # Python 3.11+, then 3.10
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


_sre = _regex_parser()

# Larger pages are parsed without libxml2's huge-tree option, which lifts its
# limits on depth and text-node size: a hostile 20 MB page should fail fast.
HUGE_TREE_LIMIT = 5_000_000
# The depth (open elements) of the tree libxml2 builds, with and without the
# huge-tree option: the parse ends at an element that would go deeper. The
# reader builds no tree but keeps to the same limits, for the same output
# (and a bound on the cost of each element's container chain).
TREE_DEPTH = 2048
TREE_DEPTH_NOT_HUGE = 256
# The BeautifulSoup fallback is pure Python; past this size it is too slow
# to be worth it and the page is read as tag-stripped text instead.
SOUP_LIMIT = 1_500_000
# Rendering stops after this many elements. News pages have a few thousand;
# the cap bounds the time a hostile page (20 MB of empty divs) can take.
MAX_ELEMENTS = 250_000

_DROP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "object", "embed", "canvas", "audio", "video", "map", "button", "select", "option",
    "datalist", "input", "textarea", "head", "title", "dialog",
})
# Elements that start and end a line.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul",
    "summary", "legend", "noframes", "listing", "plaintext", "xmp",
})
# Block elements separated from their neighbours by a blank line.
_SEPARATED = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "menu", "table", "header",
    "footer", "nav", "aside", "main", "article", "section", "blockquote", "pre", "hr",
    "figure", "form", "address", "details",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
# An element's attributes, as the parser reports them.
Attrs = Mapping[str, str]


# -- hints ---------------------------------------------------------------------

# Containers whose content is not the article, whatever it looks like.
BOILERPLATE = frozenset({
    "nav", "menu", "breadcrumb", "footer", "aside", "sidebar", "share", "social", "comment",
    "cookie", "newsletter", "related", "promo", "ad", "srtext", "tags",
})
# Containers that hold the article text itself; the nearest container wins,
# so these cancel boilerplate words inherited from further out.
STRONG_CONTENT = frozenset({"main"})
_CONTENT_WORDS = frozenset({"main", "articlebody"})
# The share of the page's prose a content container needs to override the
# boilerplate container around it.
_STRONG_SHARE = 0.3

_TAG_HINTS: dict[str, frozenset[str]] = {
    "nav": frozenset({"nav"}), "header": frozenset({"header"}),
    "footer": frozenset({"footer"}), "aside": frozenset({"aside"}),
    "figure": frozenset({"figure"}), "figcaption": frozenset({"figcaption", "caption"}),
    "caption": frozenset({"caption"}), "form": frozenset({"form"}),
    "menu": frozenset({"menu"}), "article": frozenset({"article"}),
    "main": frozenset({"main"}), "time": frozenset({"time"}),
}
_ROLE_HINTS = {
    "navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "aside",
    "main": "main", "article": "article", "search": "form", "menu": "menu", "menubar": "menu",
}
_ITEMPROP_HINTS = {
    "articlebody": "articlebody", "author": "byline", "datepublished": "time", "comment": "comment",
}
# Class and id words, most specific first: the alternation is ordered, so
# "article-body" is read as main content before "article" can match.
_CLASS_WORDS: tuple[tuple[str, str], ...] = (
    ("articlebody", r"article ?(?:body|content|text|main)|entry ?content"
                    r"|post ?(?:content|body|entry)|story ?(?:body|content|text)|body ?text"
                    r"|content ?body|text ?body|rich ?text"),
    ("main", r"main ?content"),
    ("srtext", r"sr ?only|screen ?reader|visually ?hidden|offscreen|element ?invisible"),
    ("breadcrumb", r"breadcrumb|crumbs?\b"),
    ("cookie", r"cookie|consent|gdpr"),
    # "subscriber-only" and "subscriber-preview" wrap the paywalled article
    # itself, so only the verb names a sign-up box.
    ("newsletter", r"newsletter|\bsubscribe\b|subscribe ?(?:box|form|now)|sign ?up\b"),
    ("comment", r"comment(?!ary)|disqus|discussion"),
    ("related", r"related|recommend|more ?stories|read ?more|see ?also|also ?read|more ?from"
                r"|further ?reading|may ?like|more ?articles|next ?article"),
    ("promo", r"promo|sponsor|outbrain|taboola|trending|popular|most ?read|most ?viewed"
              r"|zergnet|plista"),
    ("share", r"share|sharing|addthis|shariff"),
    ("social", r"social|follow ?us"),
    ("ad", r"\b(?:ads?|adv|advert\w{0,20}|advertis\w{0,20}|adsense|adslot|adunit|adbox|adwrap"
           r"|adcontainer|dfp|gpt)\b|\bad ?(?:slot|unit|wrap\w{0,10}|container|\d)"),
    ("breadcrumb", r"\bcrumb"),
    ("nav", r"\bnav(?!y)|nav\b|navigation|pagination|\bpager\b|skip ?link|jump ?link"),
    ("menu", r"menu"),
    ("footer", r"footer|colophon|copyright|site ?info\b"),
    ("header", r"header|masthead|top ?bar\b"),
    ("sidebar", r"sidebar|side ?bar\b|\baside\b|\brail\b|side ?col|widget ?area"),
    ("byline", r"byline|author|contributor|\bwriter\b"),
    ("time", r"\bdate|time ?stamp|dateline|published|pubdate|\btime\b"),
    ("caption", r"caption|\bcredit"),
    ("tags", r"\btags?\b|tag ?(?:list|cloud)|keywords|\btopics\b"),
    ("article", r"\barticle|\bstory\b|\bpost\b|\bentry\b|hentry"),
)
_CLASS_RE = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(_CLASS_WORDS)))
_GROUP_HINT = {f"g{i}": hint for i, (hint, _) in enumerate(_CLASS_WORDS)}
# An article-body container is a main-content container too.
_IMPLIED = {"articlebody": frozenset({"articlebody", "main"})}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_ALNUM_RUN = re.compile(r"[a-z0-9]+")
_EMPTY: frozenset[str] = frozenset()
# Each distinct set of hints, kept once: the caches below map a hundred
# thousand strings to a few hundred sets, and every distinct object in them
# is one more for Python's cyclic collector to walk.
_hint_sets: dict[frozenset[str], frozenset[str]] = {}


def _interned(hints: Iterable[str]) -> frozenset[str]:
    found = frozenset(hints)
    if not found:
        return _EMPTY
    if len(_hint_sets) > _CACHE_LIMIT:  # only a hostile page makes that many
        _hint_sets.clear()
    return _hint_sets.setdefault(found, found)

_class_cache: dict[str, frozenset[str]] = {}
_ZERO_DIGITS = str.maketrans("123456789", "000000000")
# The same by regex: twice as fast as translate() on class strings.
_NONZERO_DIGIT = re.compile(r"[1-9]")
# Digits are interchangeable for the word table when no pattern in it names
# one (the {m,n} bounds aside): then \d, \w and \b treat them all alike.
_DIGITS_ALIKE = not any(re.search(r"[0-9]", re.sub(r"\{\d+,\d+\}", "", pattern))
                        for _, pattern in _CLASS_WORDS)
_token_cache: dict[str, frozenset[str]] = {}
_CACHE_LIMIT = 100_000


def _token_hints(token: str) -> frozenset[str]:
    """Hints of one class token, or of two adjacent ones run together.

    Matching per token (cached across pages) instead of over the whole class
    string keeps the big alternation off the hot path: utility-class pages
    have thousands of distinct class strings but few distinct tokens. Most
    tokens name nothing, and a search for the words every match needs
    rejects them at a fraction of the table's cost.
    """
    found = _token_cache.get(token)
    if found is None:
        found = _EMPTY
        if _MATCH_NEEDS is None or _MATCH_NEEDS.search(token):
            found = _scan_hints(token)
        if len(_token_cache) > _CACHE_LIMIT:
            _token_cache.clear()
        _token_cache[token] = found
    return found


def class_hints(words: str) -> frozenset[str]:
    """The hint words in a class/id string ("socialShareBar" -> social, share).

    Cached as given, and under the string with its digits made zeros: the
    word table cannot tell one digit from another, and a third of the class
    strings on a page differ from ones seen before only in a number
    (`comment-128290`, `menu-item-10464`).
    """
    found = _class_cache.get(words)
    if found is None:
        key = _NONZERO_DIGIT.sub("0", words) if _DIGITS_ALIKE else words
        found = _class_cache.get(key)
        if found is None:
            found = _class_cache[key] = _string_hints(key)
        if len(_class_cache) > _CACHE_LIMIT:
            _class_cache.clear()
        _class_cache[words] = found
    return found


def _string_hints(words: str) -> frozenset[str]:
    """The hints of a class/id string, read a whitespace-separated word at a
    time, each cached: a new class string mostly repeats words seen before
    (`post-163 post hentry`), and only a pair of runs across two words needs
    a lookup."""
    word_hints, token_hints = _word_cache.get, _token_cache.get
    hints: set[str] = set()
    previous = ""
    for word in words.split():
        own, first, last = word_hints(word) or _word_hints(word)
        if own:
            hints |= own
        if first:
            if previous:
                pair = previous + first
                found = token_hints(pair)
                if found is None:
                    found = _token_hints(pair)
                if found:
                    hints |= found
            previous = last
    return _interned(hints) if hints else _EMPTY


# One class word -> its hints, and its first and last alphanumeric runs.
_word_cache: dict[str, tuple[frozenset[str], str, str]] = {}


def _word_hints(word: str) -> tuple[frozenset[str], str, str]:
    """Hints of one class word: of each of its runs of letters and digits
    (split at camel case too) and of each two adjacent runs together."""
    found = _word_cache.get(word)
    if found is None:
        lowered = word.lower()
        if lowered != word:  # camel case can only split where there are capitals
            lowered = _CAMEL.sub(" ", word).lower()
        runs = _ALNUM_RUN.findall(lowered)
        found = (_runs_hints(runs), runs[0], runs[-1]) if runs else (_EMPTY, "", "")
        if len(_word_cache) > _CACHE_LIMIT:
            _word_cache.clear()
        _word_cache[word] = found
    return found


def _runs_hints(runs: list[str]) -> frozenset[str]:
    """Hints of each run and of each two adjacent runs together.

    Every such token is part of the runs written together, so when that
    holds none of the strings a match needs, no token can match: one search
    instead of a lookup (and often a search) per token, for most words.
    """
    if len(runs) == 1:  # most words: one token, no pairs
        found = _token_cache.get(runs[0])
        return _token_hints(runs[0]) if found is None else found
    if _MATCH_NEEDS is not None and not _MATCH_NEEDS.search("".join(runs)):
        return _EMPTY
    token_hints = _token_cache.get
    hints: set[str] = set()
    for token in (*runs, *map(operator.add, runs, runs[1:])):
        found = token_hints(token)
        if found is None:
            found = _token_hints(token)
        if found:
            hints |= found
    return _interned(hints) if hints else _EMPTY


def _needed_strings(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of a parsed regex sequence contains.

    Every item of a sequence must match, so any item's needs are the
    sequence's: a run of literals, a group, a repeat of at least one, or a
    branch whose every alternative has needs. The item with the longest
    shortest string is taken, as the most selective. None when no item has
    needs (a regex construct this does not know counts as having none).
    """
    options: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is _sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        needs: frozenset[str] | None = None
        if op is _sre.SUBPATTERN and not arg[1]:  # a group that sets no flags
            needs = _needed_strings(arg[-1])
        elif op is _sre.BRANCH:
            branches = [_needed_strings(alternative) for alternative in arg[1]]
            if all(branches):
                needs = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            needs = _needed_strings(arg[2])
        if needs:
            options.append(needs)
    if run:
        options.append(frozenset({run}))
    return max(options, key=lambda strings: min(map(len, strings)), default=None)


def _parsed(pattern: re.Pattern[str]) -> Any | None:
    """`pattern` as re's parser sees it; None when case-insensitive (the
    items would not say which cases match) or when the parser is missing."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        return _sre.parse(pattern.pattern)
    except Exception:  # the parser is private to `re`: callers fall back
        return None


def _needs_search(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search for the strings every match of `pattern` needs, if known.

    It is a necessary condition only: a string it does not find cannot
    match `pattern`, whatever the word tables above say.
    """
    parsed = _parsed(pattern)
    needs = None if parsed is None else _needed_strings(parsed)
    if not needs:
        return None
    # A string that contains another needed string adds nothing.
    kept = [s for s in needs if not any(o != s and o in s for o in needs)]
    return re.compile(_trie(kept))


def _trie(strings: list[str]) -> str:
    """A regex that finds any of `strings` (non-empty), with common prefixes
    factored out: the engine then tests a first letter once, not once per
    string, which makes the search three times faster. A string that ends
    where others go on is enough for a search on its own."""
    by_first: dict[str, list[str]] = {}
    for string in strings:
        by_first.setdefault(string[0], []).append(string[1:])
    branches = [re.escape(first) + ("" if "" in rests else _trie(rests))
                for first, rests in sorted(by_first.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_MATCH_NEEDS = _needs_search(_CLASS_RE)


def _longest_trie(strings: list[str]) -> str:
    """A regex that matches the longest of `strings` (non-empty) that starts
    where it is tried: a string that ends where others go on is followed by
    the rest as a greedy option, so every string stays findable."""
    by_first: dict[str, list[str]] = {}
    for string in strings:
        by_first.setdefault(string[0], []).append(string[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        longer = [rest for rest in rests if rest]
        branch = re.escape(first)
        if longer:
            branch += f"(?:{_longest_trie(longer)})?" if "" in rests else _longest_trie(longer)
        branches.append(branch)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# The word table a row at a time: a token names only the rows whose needed
# strings it contains, and a scan of those few rows is far cheaper than the
# 24-way alternation (see `_scan_rows`).
_ROW_PATTERNS = [re.compile(pattern) for _, pattern in _CLASS_WORDS]
_ROW_HINT_SETS = [_IMPLIED.get(hint, frozenset({hint})) for hint, _ in _CLASS_WORDS]


def _row_needs() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]] | None:
    """A search for every needed string of any row, the longest at each
    position (in a look-ahead, so that overlapping ones are all found), and
    for each string it can find, the rows that need it or a prefix of it
    (which it then contains too). None when a row's needs are not known."""
    needs = []
    for pattern in _ROW_PATTERNS:
        parsed = _parsed(pattern)
        row = None if parsed is None else _needed_strings(parsed)
        if not row:
            return None
        needs.append(row)
    strings = sorted(set().union(*needs))
    rows = {string: tuple(i for i, row in enumerate(needs)
                          if any(string.startswith(need) for need in row))
            for string in strings}
    return re.compile(f"(?=({_longest_trie(strings)}))"), rows


_ROW_NEEDS = _row_needs()


def _scan_hints(token: str) -> frozenset[str]:
    """The hints of the word table's matches in a token, as
    `_CLASS_RE.finditer` finds them."""
    if _ROW_NEEDS is None:
        hints = [_GROUP_HINT[m.lastgroup] for m in _CLASS_RE.finditer(token) if m.lastgroup]
        return _interned(frozenset().union(*(_IMPLIED.get(hint, {hint}) for hint in hints)))
    finder, rows_needing = _ROW_NEEDS
    needed = finder.findall(token)
    # Most tokens hold one needed string, whose rows are already in order.
    rows = (rows_needing[needed[0]] if len(needed) == 1
            else sorted(set().union(*map(rows_needing.__getitem__, needed))))
    found = [_ROW_HINT_SETS[row] for row in _scan_rows(token, rows)]
    return found[0] if len(found) == 1 else _interned(frozenset().union(*found))


def _scan_rows(token: str, rows: Sequence[int]) -> list[int]:
    """The rows of the matches `_CLASS_RE.finditer` finds in `token` (each
    at least once), given the rows, in order, that can match in it at all.

    The alternation matches at the leftmost position where any row does,
    with the first row that matches there, and goes on from the end of the
    match: so the leftmost match of each row from there on decides, ties to
    the earlier row. A row that cannot match anywhere in the token cannot
    change that, and leaving it out is what makes this fast.
    """
    if len(rows) == 1:
        return [rows[0]] if _ROW_PATTERNS[rows[0]].search(token) else []
    found: list[int] = []
    pos = 0
    while True:
        first: re.Match[str] | None = None
        row = 0
        for i in rows:
            m = _ROW_PATTERNS[i].search(token, pos)
            if m is not None and (first is None or m.start() < first.start()):
                first, row = m, i
        if first is None:
            return found
        found.append(row)
        pos = first.end()  # a match holds a needed string, so it is never empty


_HINT_KEYS = frozenset({"class", "id", "role", "itemprop", "itemtype"})


# Attributes other than class and id that name a container; most elements
# have none of them.
_ROLE_KEYS = frozenset({"role", "itemprop", "itemtype"})


def element_hints(tag: str, attrs: Attrs) -> frozenset[str]:
    """What the element's tag, role, microdata and class/id say it is."""
    own = _TAG_HINTS.get(tag, _EMPTY)
    words = attrs.get("class")
    ident = attrs.get("id")
    # A slug of the heading text ("sharing-with-a-single-developer") is an
    # anchor, not a name for the container's role.
    if ident and ident.count("-") + ident.count("_") < 3:
        words = f"{words} {ident}" if words else ident
    if words:
        found = _class_cache.get(words)  # class_hints' own cache, without the call
        if found is None:
            found = class_hints(words)
        if found:
            own = own | found if own else found
    if not _ROLE_KEYS.isdisjoint(attrs):
        own = _role_hints(attrs, own)
    return own


def _role_hints(attrs: Attrs, own: frozenset[str]) -> frozenset[str]:
    """`own` with what the element's role, itemprop and itemtype say."""
    get = attrs.get
    role = get("role")
    if role is not None:
        role = role.lower()
        if role in _ROLE_HINTS:
            own = own | {_ROLE_HINTS[role]}
    prop = get("itemprop")
    if prop is not None:
        prop = prop.lower()
        if prop in _ITEMPROP_HINTS:
            hint = _ITEMPROP_HINTS[prop]
            own = own | _IMPLIED.get(hint, {hint})
    itemtype = get("itemtype")
    if itemtype is not None and ("Article" in itemtype or "BlogPosting" in itemtype):
        own = own | {"article"}
    return own


# The kicker over a headline, set inside its heading element ("<h1><span
# class="roofline">Immobilienkrise</span> Rene Benko-Firma ...</h1>"): a
# line of its own, so that the headline's line is the title alone. So is a
# <time> that opens a heading ("<h1><time>Dec 18 2025</time> Title</h1>"); one
# later in it ends a byline ("Updated by Ann Lee on <time>...</time>").
_KICKER = re.compile(r"kicker|roof ?line|top ?title|over ?line|eyebrow|dachzeile|spitzmarke"
                     r"|super ?title|pre ?title|over ?title|top ?line", re.IGNORECASE)


# A heading's line never opens with these; after a kicker, one may be left.
_KICKER_SEPARATORS = frozenset({": ", "| ", "– ", "— ", "/ "})


def _is_kicker(attrs: Attrs) -> bool:
    cls = attrs.get("class")
    return cls is not None and _KICKER.search(cls) is not None


# What an open element passes down to its content: (chain, tag, heading,
# list_item, link, pre), the container chain of its lines, the tag of their
# block, their heading level, whether they are in a list item or a link, and
# whether spaces are kept. A plain tuple: a page opens a few hundred frames,
# and a tuple display costs a fraction of a NamedTuple's constructor (or of
# tuple.__new__ on one); the hot paths read frames by unpacking or position.
_Frame = tuple[tuple[int, ...], str, int, bool, bool, bool]
_HEADING = 2
_PRE = 5


class _Renderer:
    """Accumulates text chunks into lines while the tree is walked."""

    def __init__(self) -> None:
        # The lines as blocks; their hints come once the page is read, from
        # the chain of containers each line sits in.
        self.lines: list[Block] = []
        self.chains: list[tuple[int, ...]] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.owner: _Frame | None = None
        self.chain: tuple[int, ...] = ()
        self.group = 0
        self.blank = False
        self.containers: list[frozenset[str]] = []
        # The prose characters of the page and of each container.
        self.total_prose = 0
        self.prose: list[int] = []
        # The enclosing container of each container (-1 at the top).
        self.parents: list[int] = []

    def add(self, text: str, frame: _Frame) -> None:
        chain, _, _, _, link, pre = frame
        if pre and "\n" in text:
            pieces = text.split("\n")
            for piece in pieces[:-1]:
                self.add(piece, _plain(frame))
                self.flush(False)
            text = pieces[-1]
        self.parts.append(text)
        if text.isspace() or not text:
            return
        if link:
            self.link_chars += len(" ".join(text.split()))
        if self.owner is None:
            self.owner, self.chain = frame, chain
        elif chain is not self.chain:
            self.chain = _common_prefix(self.chain, chain)

    def flush(self, blank: bool) -> None:
        if self.owner is not None:
            text = " ".join("".join(self.parts).split())
            if text:
                lines = self.lines
                if self.blank and lines:
                    self.group += 1
                self.blank = False
                _, tag, heading, list_item, _, _ = self.owner
                if heading and text[:2] in _KICKER_SEPARATORS:
                    text = text[2:] or text  # what followed a kicker
                n = len(lines)
                length = len(text)
                # min(1.0, links / length), without the call for the many
                # lines with no link text.
                links = self.link_chars
                density = (links / length if links < length else 1.0) if links else 0.0
                # Positional arguments (index, text, group, line_no, words,
                # stopword_density, link_density, heading_level, list_item,
                # tag): keywords cost twice as much, for a few hundred lines.
                lines.append(Block(n, text, self.group, n + 1 + self.group, 0, 0.0, density,
                                   heading, list_item, tag))
                self.chains.append(self.chain)
                # The line's `Block.prose_chars`, without the property's call.
                if length >= PROSE_CHARS and density < PROSE_MAX_LINK_DENSITY:
                    self.total_prose += length
                    prose = self.prose
                    for ci in self.chain:
                        prose[ci] += length
        self.parts.clear()
        self.link_chars = 0
        self.owner = None
        self.blank = self.blank or blank


def _plain(frame: _Frame) -> _Frame:
    chain, tag, heading, list_item, link, _ = frame
    return (chain, tag, heading, list_item, link, False)


def _common_prefix(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


# Only an element with one of these attributes can be hidden.
_HIDING_KEYS = frozenset({"hidden", "aria-hidden", "style"})


def _is_hidden(attrs: Attrs) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    style = attrs.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


_META_TAGS = frozenset({"meta", "link", "title", "script", "time", "a", "html", "h1"})
# A link says something about the page only with rel (author) or itemprop:
# the reader passes over the rest, a hundred or more a page.
_BODY_META_TAGS = _META_TAGS - {"a"}
# The skip depth after the root element has ended: what libxml2 reports after
# it (content after </html>) is not in the tree lxml builds, nor rendered.
_FOREVER = 1 << 62


# The metadata collector of a reader between pages: nothing is reported to it.
_IDLE = MetaCollector()


class _Stop(Exception):
    """Ends the parse at the element cap (raised from a parser callback)."""


class _Capture:
    """The text inside an element that metadata reads (a title, an h1, an
    itemprop's value), as lxml's itertext would give it: every piece of text
    the parser reports between the element's start and end."""

    __slots__ = ("depth", "start", "text")

    def __init__(self, depth: int, start: int) -> None:
        self.depth = depth
        self.start = start
        self.text = ""


# A metadata call, its arguments but the text, and the capture holding the
# text it also takes (None: it takes none).
_MetaCall = tuple[Callable[..., None], tuple[Any, ...], _Capture | None]


class _Reader(_Renderer):
    """The parser's target: renders the page from libxml2's parse events.

    lxml calls `start`, `end` and `data` as it parses, and no tree is built
    or walked. The events are the tree's, in document order, with two
    differences this class makes up for: a text is reported in pieces (split
    at entities), so pieces are joined before a text is judged; and elements
    after the root element ends (content after </html>), which lxml's tree
    leaves out, are ignored.

    An element's own text is rendered at the next event (its first child's
    start, or its end), once it is whole. What an element passes down (its
    frame: hints, heading level, ...) is worked out only once it turns out
    to have content, since an empty element's frame is never used.

    Per open element, the stacks hold its frame and how its end closes the
    line (None for an inline element, else whether a blank line follows).
    A dropped or hidden element pushes nothing: `skip` counts the depth
    inside it, and its text is passed over.

    `start` and `end` run for every element, so the commonest work is
    written out in them rather than called.
    """

    def __init__(self, meta: MetaCollector, max_depth: int) -> None:
        # The pieces of text reported since the last start or end. `data` is
        # the list's own append, not a Python method: a page reports
        # thousands of pieces. (lxml takes the target's methods once, so the
        # list is kept from page to page.)
        self.log: list[str] = []
        self.data = self.log.append
        self.begin(meta, max_depth)

    def begin(self, meta: MetaCollector, max_depth: int) -> None:
        """Start reading a page: all but `log` (emptied) anew."""
        _Renderer.__init__(self)
        self.meta = meta
        self.log.clear()
        # The pieces dealt with while a capture is open, for its text.
        self.captured: list[str] = []
        self.frames: list[_Frame] = [((), "body", 0, False, False, False)]
        self.closes: list[bool | None] = [None]
        # The open element whose frame is not yet worked out, if any.
        self.lazy: tuple[str, Attrs] | None = None
        self.skip = 0
        # libxml2 builds a tree no deeper than this (open elements), and
        # ends the parse at an element that would go deeper.
        self.max_depth = max_depth
        self.in_head = False
        self.started = False
        self.stopped = False
        self.budget = MAX_ELEMENTS
        self.meta_calls: list[_MetaCall] = []
        self.captures: list[_Capture] = []

    def start(self, tag: str, attrs: Attrs) -> None:
        """An element starts: close the line before a block, open its frame
        if it says anything, note its metadata, or skip it."""
        skip = self.skip
        if skip:
            if not self.in_head and len(self.frames) + skip <= self.max_depth:
                self.skip = skip + 1  # (`_start_skipped` without the call)
                return
            self._start_skipped(tag, attrs)
            return
        frames = self.frames
        lazy = self.lazy
        if lazy is not None:  # the open element has content: work out its frame
            self.lazy = None
            frames[-1] = self._child_frame(lazy[0], lazy[1], frames[-1])
        log = self.log
        if log:
            if self.started:
                text = log[0] if len(log) == 1 else "".join(log)
                if self.captures:
                    self.captured += log
                log.clear()
                frame = frames[-1]
                if not text.isspace() or frame[_PRE]:
                    self.add(text, frame)
                else:
                    self.parts.append(text)  # kept: it never opens a line
            else:
                log.clear()  # before the root element: not in the tree
        if len(frames) > self.max_depth:
            self._halt()
        self.started = True
        self.budget -= 1
        if not self.budget:
            self._stop()
            return
        block = tag in _BLOCK
        # The same tests with and without attributes; most elements have some.
        if attrs:
            if tag in _BODY_META_TAGS or "itemprop" in attrs or tag == "a" and "rel" in attrs:
                self._visit_meta(tag, attrs, len(frames) + 1)
            if tag in _DROP or not _HIDING_KEYS.isdisjoint(attrs) and _is_hidden(attrs):
                self._skip_element(tag)
                return
            self.lazy = (tag, attrs)
        else:
            if tag in _BODY_META_TAGS:
                self._visit_meta(tag, attrs, len(frames) + 1)
            if tag in _DROP:
                self._skip_element(tag)
                return
            if block or tag in _TAG_HINTS:
                self.lazy = (tag, attrs)
        frame = frames[-1]
        frames.append(frame)  # the parent's frame until this one is opened
        if block or frame[_HEADING] and (attrs and _is_kicker(attrs)
                                          or tag == "time" and self.owner is None):
            close = tag in _SEPARATED
            self.closes.append(close)
            if self.owner is not None:
                self.flush(close)
            elif close:
                self.blank = True
        else:
            self.closes.append(None)
            if tag == "br":
                # A <br> on a line with nothing on it yet shows an empty line.
                if self.owner is not None:
                    self.flush(False)
                else:
                    self.blank = True

    def _skip_element(self, tag: str) -> None:
        """A dropped or hidden element starts: its content is passed over."""
        self.skip = 1
        self.in_head = tag == "head"

    def end(self, tag: str) -> None:
        """An element ends: render its last text, close its line.

        The root element's end is not the end of the page: libxml2 closes
        the root at a stray `</html>` (pages that paste in whole documents
        have several), and what follows is page content, as browsers show it.
        """
        skip = self.skip
        if skip:
            if skip > 1 and not self.captures:
                self.skip = skip - 1  # (`_end_skipped` without the call)
                return
            self._end_skipped()
            return
        frames = self.frames
        if len(frames) == 1:
            return  # no element is open: an end tag no start matched
        log = self.log
        if log:
            text = log[0] if len(log) == 1 else "".join(log)
            if self.captures:
                self.captured += log
            log.clear()
            frame = frames[-1]
            lazy = self.lazy
            if not text.isspace() or frame[_PRE] or lazy is not None and lazy[0] == "pre":
                if lazy is not None:  # (the frame goes with the element, now)
                    frame = self._child_frame(lazy[0], lazy[1], frame)
                self.add(text, frame)
            else:
                # Spaces before the end open no line: an element that holds
                # nothing else needs no frame (nor its hints worked out).
                self.parts.append(text)
        self.lazy = None
        if self.captures and self.captures[-1].depth == len(frames):
            self._end_capture()
        frames.pop()
        closing = self.closes.pop()
        if closing is not None:
            if self.owner is not None:
                self.flush(closing)
            elif closing:
                self.blank = True

    def close(self) -> None:
        """Called by lxml at the end of the parse; `finish` does the work."""

    def finish(self) -> None:
        """Close the last line and hand the metadata over, in document order."""
        self.flush(True)
        for open_capture in self.captures:  # only if the parse was cut short
            open_capture.text = self._captured_since(open_capture.start)
        for call, args, capture in self.meta_calls:
            if capture is None:
                call(*args)
            else:
                call(*args, capture.text)

    def release(self) -> None:
        """Let go of the page once its blocks are taken: the reader stays
        with its parser for the next page (see `_parser`)."""
        self.begin(_IDLE, self.max_depth)

    def _start_skipped(self, tag: str, attrs: Attrs) -> None:
        if len(self.frames) + self.skip > self.max_depth:
            self._halt()
        self.skip += 1
        if self.in_head and tag in _META_TAGS:
            # The head holds no visible text, only metadata.
            self._visit_meta(tag, attrs, len(self.frames) + self.skip)

    def _end_skipped(self) -> None:
        depth = len(self.frames) + self.skip
        if self.captures and self.captures[-1].depth == depth:
            self._end_capture()
        self.skip -= 1
        if not self.skip:
            self.in_head = False
            if self.stopped:
                self._climb()
            elif len(self.frames) == 1:
                self._done()  # the root element was hidden
            else:
                self._discard()  # the skipped element's text is not shown

    def _child_frame(self, tag: str, attrs: Attrs, parent: _Frame) -> _Frame:
        """The frame for an element; an inline element that changes nothing
        shares its parent's, which is most of them."""
        parent_chain, parent_tag, heading, list_item, parent_link, pre = parent
        chain = parent_chain
        if tag not in ("html", "body"):
            hints = (element_hints(tag, attrs) if attrs and not _HINT_KEYS.isdisjoint(attrs)
                     else _TAG_HINTS.get(tag, _EMPTY))
            if hints:
                self.containers.append(hints)
                self.prose.append(0)
                self.parents.append(chain[-1] if chain else -1)
                chain = chain + (len(self.containers) - 1,)
        if tag in _BLOCK:
            return (chain, tag, _HEADINGS.get(tag, heading),
                    tag == "li" or (list_item and tag not in ("article", "main", "table")),
                    parent_link, pre or tag == "pre")
        link = parent_link or (tag == "a" and "href" in attrs)
        if link is parent_link and chain is parent_chain:
            return parent
        return (chain, parent_tag, heading, list_item, link, pre)

    def _discard(self) -> None:
        """Pass over the text reported so far (a captured element still gets it)."""
        if self.captures:
            self.captured += self.log
        self.log.clear()

    def _captured_since(self, start: int) -> str:
        return "".join((self.captured + self.log)[start:])

    def _visit_meta(self, tag: str, attrs: Attrs, depth: int) -> None:
        """Note the metadata calls an element makes, in document order; one
        that reads the element's text gets it when the element ends."""
        calls, meta = self.meta_calls, self.meta
        capture: _Capture | None = None
        if tag == "meta":
            calls.append((meta.meta, (attrs,), None))
        elif tag == "link":
            calls.append((meta.link, (attrs,), None))
        elif tag == "title":
            capture = self._capture(depth)
            calls.append((meta.set_title, (), capture))
        elif tag == "script":
            if "ld+json" in (attrs.get("type") or ""):
                capture = self._capture(depth)
                calls.append((meta.jsonld, (), capture))
        elif tag == "time":
            calls.append((meta.time, (attrs,), None))
        elif tag == "a":
            if is_author_link(attrs):
                capture = self._capture(depth)
                calls.append((meta.anchor, (attrs,), capture))
        elif tag == "html":
            calls.append((meta.html, (attrs,), None))
        elif tag == "h1":
            capture = self._capture(depth)
            calls.append((meta.h1, (), capture))
        prop = attrs.get("itemprop")
        if prop and tag != "meta" and prop.strip().lower() in ITEMPROPS:
            capture = capture or self._capture(depth)
            calls.append((meta.itemprop, (attrs, prop), capture))

    def _capture(self, depth: int) -> _Capture:
        """Start reading an element's text: from what is reported next (the
        pieces still in the log are before the element's start)."""
        capture = _Capture(depth, len(self.captured) + len(self.log))
        self.captures.append(capture)
        return capture

    def _end_capture(self) -> None:
        capture = self.captures.pop()
        capture.text = self._captured_since(capture.start)
        if not self.captures:
            self.captured.clear()
            if self.stopped:
                raise _Stop

    def _done(self) -> None:
        """Nothing more is rendered: the root element was hidden, or the
        element cap was reached and the open elements have all ended."""
        self.skip = _FOREVER
        self.max_depth = 2 * _FOREVER

    def _halt(self) -> None:
        """An element would be deeper than libxml2's tree goes: the page
        ends here, as in that tree, and its open elements end one by one.
        (Past the element cap, only metadata was still read: that ends.)"""
        if not self.stopped:
            while self.skip and self.skip < _FOREVER:
                self._end_skipped()
            while len(self.frames) > 1:
                self.end("")
        raise _Stop

    def _stop(self) -> None:
        """The element cap is reached: render nothing more. Metadata still
        being read (an open title or h1) is read to its element's end, as
        from a tree, and then the parse is ended."""
        self.stopped = True
        self.in_head = False
        self.lazy = None
        if not self.captures:
            raise _Stop
        self.skip = 1

    def _climb(self) -> None:
        """After the cap, the open elements end one by one: each is skipped
        in turn, so that their depth still finds the captures' ends."""
        if len(self.frames) == 1:
            self._done()
            return
        self.frames.pop()
        self.closes.pop()
        self.skip = 1


def _line_hints(r: _Renderer) -> Iterator[frozenset[str]]:
    """Each line's hints, with false landmarks pruned.

    A "boilerplate" container that holds most of the page's prose is a
    wrapper with an unlucky class (`has-sidebar`, `nav-open`), not a real
    menu or footer, so its boilerplate words are dropped. A strong content
    container (<main>, articleBody) cancels the boilerplate words of its
    ancestors, so the nearest container decides; but one that holds little
    of the page's prose inside a boilerplate box (the `mainContent` div of
    a newsletter form) is part of that box and loses its content words.
    """
    total = r.total_prose
    containers = list(r.containers)
    for ci, prose in enumerate(r.prose):
        # (A container with under 200 characters of prose wraps nothing.)
        if prose >= 200 and containers[ci] & BOILERPLATE and _is_wrapper(r, ci, total):
            containers[ci] = containers[ci] - BOILERPLATE
    # A chain is its last container's ancestry, so a line's hints are those
    # of the container it ends with, worked out once from its parent's.
    folded: list[frozenset[str] | None] = [None] * len(containers)
    for chain in r.chains:
        if not chain:
            yield _EMPTY
            continue
        hints = folded[chain[-1]]
        yield _fold_hints(r, containers, folded, chain[-1], total) if hints is None else hints


def _fold_hints(r: _Renderer, containers: list[frozenset[str]],
                folded: list[frozenset[str] | None], ci: int, total: int) -> frozenset[str]:
    """The hints of container `ci`'s chain (outermost first, the nearest
    strong content container deciding), and of each of its ancestors
    not yet in `folded`, put there."""
    path = []
    while ci >= 0 and folded[ci] is None:
        path.append(ci)
        ci = r.parents[ci]
    acc = _EMPTY if ci < 0 else folded[ci] or _EMPTY
    for ci in reversed(path):
        own = containers[ci]
        if not own.isdisjoint(STRONG_CONTENT):
            if not acc.isdisjoint(BOILERPLATE) and r.prose[ci] < _STRONG_SHARE * total:
                own = own - _CONTENT_WORDS
            else:
                acc = acc - BOILERPLATE
        acc = folded[ci] = acc | own
    return acc


def _is_wrapper(r: _Renderer, ci: int, total: int) -> bool:
    """Whether a boilerplate-named container wraps the article instead.

    It does when it holds most of the page's prose, or most of the prose of
    the article-body container around it (a paywall `subscriber-preview` div
    or an `ad-wrapper` around every paragraph); a real widget inside an
    article holds little of its text.
    """
    hints, prose = r.containers[ci], r.prose[ci]
    share = 0.8 if "comment" in hints else 0.5
    if total >= 400 and prose > share * total:
        return True
    if prose < 200 or "comment" in hints:
        return False
    if hints & STRONG_CONTENT:
        return True  # the element names itself the article body, too
    parent = r.parents[ci]
    while parent >= 0:
        if "articlebody" in r.containers[parent]:
            return prose > 0.5 * r.prose[parent]
        parent = r.parents[parent]
    return False


def _blocks(r: _Renderer) -> list[Block]:
    for block, hints in zip(r.lines, _line_hints(r), strict=True):
        block.hints = hints
    return r.lines


def _render(markup: str, encoded: bytes | None, meta: MetaCollector) -> _Reader | None:
    """The page rendered from the parser's events; None when libxml2 finds
    no element in it."""
    huge = len(markup) <= HUGE_TREE_LIMIT
    parser, reader = _parser(huge)
    reader.begin(meta, TREE_DEPTH if huge else TREE_DEPTH_NOT_HUGE)
    try:
        if encoded is None:
            encoded = markup.encode("utf-8", "replace")
        lxml.etree.fromstring(encoded, parser=parser)
    except _Stop:
        pass
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError, TypeError):
        reader.release()
        return None
    if not reader.started:
        reader.release()
        return None
    reader.finish()
    return reader


# Each thread's parsers (a parser must not be used by two threads at once),
# with and without libxml2's huge-tree option, and their targets.
_parsers = threading.local()


def _parser(huge: bool) -> tuple[lxml.etree.HTMLParser, _Reader]:
    """This thread's parser for pages of this size, and its target.

    Made once a thread, not once a page: on its first parse lxml inspects
    the target's `start` method for its signature, which takes as long as
    reading a small page, and libxml2 sets up its parser context.
    """
    name = "huge" if huge else "limited"
    found: tuple[lxml.etree.HTMLParser, _Reader] | None = getattr(_parsers, name, None)
    if found is None:
        reader = _Reader(_IDLE, TREE_DEPTH if huge else TREE_DEPTH_NOT_HUGE)
        # No table of id attributes (collect_ids): nothing looks elements up
        # by id, and filling it costs a tenth of the parse.
        parser = lxml.etree.HTMLParser(
            no_network=True, remove_comments=True, remove_pis=True, recover=True,
            huge_tree=huge, encoding="utf-8", default_doctype=False,
            collect_ids=False, target=reader,
        )
        found = (parser, reader)
        setattr(_parsers, name, found)
    return found


def _replay(root: _Element, reader: _Reader) -> None:
    """Render a tree (the fallback parser's) with the parser target's events."""
    try:
        for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
            if event == "start":
                reader.start(el.tag, dict(el.attrib))
                if el.text:
                    reader.data(el.text)
            else:
                reader.end(el.tag)
                if el.tail:
                    reader.data(el.tail)
    except _Stop:
        pass
    reader.finish()


def read_html(markup: str, encoded: bytes | None = None) -> tuple[list[Block], PageMeta]:
    """Render the page into line blocks with DOM features, and read its metadata.

    Broken markup that libxml2 cannot make a tree of (or that it cuts to an
    empty one, as it does past its nesting limit) is parsed again with
    BeautifulSoup; a page too large for that is read as tag-stripped text.
    `encoded`, the markup's UTF-8 bytes when the caller has them, saves
    encoding it again for the parser.
    """
    meta = MetaCollector()
    rendered = _render(markup, encoded, meta)
    if rendered is None or (not rendered.lines and _has_text(markup)):
        if rendered is not None:
            rendered.release()
        if len(markup) > SOUP_LIMIT:
            return read_text(_TAG.sub("\n", markup)), meta.finish()
        meta = MetaCollector()
        rendered = _Reader(meta, _FOREVER)  # the fallback's tree has its own cap
        _replay(_soup_tree(markup), rendered)
    blocks = _blocks(rendered)
    rendered.release()
    return blocks, meta.finish()


def _has_text(markup: str) -> bool:
    return bool(_TAG.sub("", markup[:200_000]).strip())


# -- fallback parser -----------------------------------------------------------


# lxml checks every new element's ancestors (so a node never becomes its own
# child), which makes building a tree n deep cost n squared: 16,000 levels
# took 0.4 s, 32,000 took 11 s. Below this depth the fallback keeps text only.
MAX_FALLBACK_DEPTH = 10_000


def _soup_tree(markup: str) -> _Element:
    """An lxml tree built from BeautifulSoup's, without recursion.

    lxml's own soupparser converts recursively and fails on the very deep
    pages this fallback exists for.
    """
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, Tag
    from bs4.element import NavigableString, ProcessingInstruction

    with warnings.catch_warnings():
        # The caller asked for HTML (or auto-detection chose it): bs4's
        # "looks like XML" advice is about its own parser choice, not ours.
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(markup, "lxml")
    top = soup.find("html")
    source = top if isinstance(top, Tag) else soup
    root = lxml.etree.Element("html")
    _copy_attrs(source, root)
    todo: list[tuple[Tag, _Element, int]] = [(source, root, 0)]
    while todo:
        src, dst, depth = todo.pop()
        last: _Element | None = None
        for child in src.children:
            if isinstance(child, Tag) and depth < MAX_FALLBACK_DEPTH:
                el = _sub_element(dst, child.name)
                _copy_attrs(child, el)
                todo.append((child, el, depth + 1))
                last = el
                continue
            if isinstance(child, Tag):
                text = child.get_text()  # below the cap: the words, not the elements
            elif isinstance(child, NavigableString) and not isinstance(
                    child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                text = str(child)
            else:
                continue
            if last is None:
                dst.text = (dst.text or "") + text
            else:
                last.tail = (last.tail or "") + text
    return root


def _sub_element(parent: _Element, name: str) -> _Element:
    try:
        el = lxml.etree.SubElement(parent, name.lower())
    except ValueError:  # a tag name lxml will not take, such as "<3"
        el = lxml.etree.SubElement(parent, "span")
    return el


def _copy_attrs(src: object, dst: _Element) -> None:
    attrs = getattr(src, "attrs", {})
    for key, value in attrs.items():
        text = " ".join(value) if isinstance(value, list) else str(value)
        try:
            dst.set(key, text)
        except (ValueError, TypeError):
            continue
