"""The body: classify every block alone, revise by neighbours, keep the main region.

jusText's two passes adapted to lines: first each block is labelled by its
length, stop-word density and link density; then short and near-good blocks
take the label of their good or bad neighbours. The article is the
contiguous run of blocks with the highest score (good text counts for it,
boilerplate against), so a promo list in the middle is bridged while menus
and footers far from the article are left out.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter

from textclean.filters.base import Filter
from textclean.filters.captions import looks_like_heading
from textclean.model import Block, Document
from textclean.registry import register

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"
_SENTENCE_END = re.compile(r"[.!?…。！？।][\"”’'»)]?$")


class Thresholds:
    """jusText's thresholds, re-tuned on the dev pages for line blocks.

    The near-good floor sits far below jusText's: our stop-word lists are
    short, and a line of 70+ characters with any function words is better
    judged by its neighbours than rejected alone.
    """

    def __init__(self, length_low: int = 70, length_high: int = 200,
                 stopwords_low: float = 0.09, stopwords_high: float = 0.22,
                 max_link_density: float = 0.25) -> None:
        self.length_low = length_low
        self.length_high = length_high
        self.stopwords_low = stopwords_low
        self.stopwords_high = stopwords_high
        self.max_link_density = max_link_density


_ARTICLE_HINTS = frozenset({"articlebody", "main"})
ARTICLE_WEIGHT = 3.0
# Captions and figures sit inside article bodies but do not vouch for them.
_ASIDE_HINTS = frozenset({"caption", "figcaption", "figure"})
_PROSE_PUNCT = re.compile(r"[.!?,;:。，、！？؟،।]")


# The full stops of Chinese and Japanese; a line ending in one is a whole
# sentence, and a menu item or related headline never ends so.
_HAN_FULL_STOPS = frozenset("。！？")
# A space between two Chinese or Japanese characters: informal writing
# (blogs, forums) pauses with a space where a comma would go.
_HAN_PAUSE = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff]) (?=[\u3040-\u30ff\u3400-\u9fff])")
# The pauses of a sentence are this many characters apart at least; a menu
# of section names has a space every two to four.
HAN_CLAUSE_CHARS = 10


def _prose_score(block: Block) -> float:
    """A stand-in for stop-word density where the page's language has no list:
    prose is punctuated every few words in every language, menus are not."""
    text = block.text
    marks = len(_PROSE_PUNCT.findall(text))
    if text[-1:] in _HAN_FULL_STOPS:
        marks += 1  # a whole sentence: Chinese runs long clauses without a comma
    if not marks and " " in text and not text.isascii():
        pauses = len(_HAN_PAUSE.findall(text))
        if pauses and len(text) >= HAN_CLAUSE_CHARS * (pauses + 1):
            marks = pauses
    return min(0.5, 2.0 * marks / max(1, block.words))


_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def dense_script(block: Block) -> bool:
    """Written in Chinese, Japanese or Korean (judged by its first characters)."""
    text = block.text
    return not text.isascii() and bool(_DENSE_SCRIPT.search(text[:40]))


def effective_length(block: Block) -> int:
    """Length in Latin-script characters' worth: a Chinese or Japanese
    character carries about as much as three Latin ones, so a CJK paragraph
    of 60 characters is not a 'short' line."""
    return 3 * len(block.text) if dense_script(block) else len(block.text)


def stopwords_work(blocks: list[Block]) -> bool:
    """Whether stop-word density separates prose on this page.

    With no list for the page's language, even its long prose blocks have
    almost no stop words; then punctuation has to do the job.
    """
    # (A line of under 50 characters is short in any script.)
    densities = sorted(b.stopword_density for b in blocks
                       if len(b.text) >= 150 or len(b.text) >= 50 and effective_length(b) >= 150)
    return not densities or densities[len(densities) // 2] >= 0.08


def classify(block: Block, t: Thresholds, use_stopwords: bool = True) -> str:
    """The context-free label of one block."""
    if block.removed_by is not None:
        return BAD
    if block.link_density > t.max_link_density and not _linked_article_line(block):
        return NEARGOOD if linked_prose(block, t, use_stopwords) else BAD
    if _article_line(block):
        # The page's own markup says this is the article body (HTML input
        # only): stronger evidence than stop words, and it works in every
        # language.
        return GOOD
    length = effective_length(block)
    if length < t.length_low:
        return SHORT
    # No stop-word list covers CJK, so its blocks are judged by punctuation
    # even on pages whose other (English) lines make stop words work.
    use_stopwords = use_stopwords and not dense_script(block)
    density = block.stopword_density if use_stopwords else _prose_score(block)
    if density >= t.stopwords_high:
        return GOOD if length > t.length_high else NEARGOOD
    if not use_stopwords and density >= t.stopwords_low and length > 2 * t.length_high:
        return GOOD
    if density >= t.stopwords_low:
        return NEARGOOD
    return BAD


def _article_line(block: Block) -> bool:
    """A line the markup places in the article body (not a caption) that is
    long, a heading or a short sentence."""
    return bool(block.hints & _ARTICLE_HINTS) and not block.hints & _ASIDE_HINTS \
        and bool(len(block.text) >= 40 or block.heading_level or (
            block.words >= 4 and _SENTENCE_END.search(block.text)))


# An article-body line may have this share of its characters in links.
ARTICLE_LINK_DENSITY = 0.75


def _marked_short_line(block: Block) -> bool:
    """A short line of the marked article body that is not a link (a list
    item of facts, a label): the article's, when its neighbours disagree."""
    return bool(block.hints & _ARTICLE_HINTS) and not block.hints & _ASIDE_HINTS \
        and block.link_density < 0.5 and not block.removed


def _linked_article_line(block: Block) -> bool:
    """An article-body line with links but words of its own: a list of
    changes that links every bug it names, a paragraph citing its sources.
    A line that is all link (a 'read more' teaser) is still judged as one,
    and so is a line in a "main" container only: that often wraps the
    sidebar too."""
    return block.link_density <= ARTICLE_LINK_DENSITY and "articlebody" in block.hints \
        and _article_line(block)


# Linked prose may have this share of its characters in links.
LINKED_PROSE_DENSITY = 0.8


def linked_prose(block: Block, t: Thresholds, use_stopwords: bool) -> bool:
    """A long, sentence-like paragraph of an HTML page whose links are dense
    (a post that links every product or source it names).

    Its links alone do not make it boilerplate: it is near-good, so it is
    kept between article paragraphs and dropped among menus. Menus and
    teaser lists are short lines, which this never covers.
    """
    if not block.tag or block.link_density > LINKED_PROSE_DENSITY:
        return False
    length = effective_length(block)
    if length <= t.length_low or (length <= t.length_high
                                  and not _SENTENCE_END.search(block.text)):
        return False
    use_stopwords = use_stopwords and not dense_script(block)
    density = block.stopword_density if use_stopwords else _prose_score(block)
    return density >= t.stopwords_high


# A <pre> element holding this much text with the stop words of prose is a
# hard-wrapped document (an RFC, a plain-text post), not code.
WRAPPED_PRE_CHARS = 500


def _wrapped_prose(blocks: list[Block], t: Thresholds) -> list[bool]:
    """For every line, whether it belongs to a run of <pre> lines that is
    hard-wrapped prose.

    Each wrapped line is shorter than a paragraph, so alone it is only
    "short" and a whole document in <pre> loses to a sidebar blurb; judged
    as the run it belongs to, it is prose.
    """
    out = [False] * len(blocks)
    tags = [b.tag for b in blocks]
    if "pre" not in tags:  # text input, and most pages: nothing to look at
        return out
    i = 0
    while i < len(blocks):
        if tags[i] != "pre":
            i += 1
            continue
        j = i
        while j < len(blocks) and tags[j] == "pre":
            j += 1
        chars = sum(len(b.text) for b in blocks[i:j])
        stopwords = sum(b.stopword_density * len(b.text) for b in blocks[i:j])
        # Twice the near-good floor: code has some stop words in its comments.
        if chars >= WRAPPED_PRE_CHARS and stopwords >= 2 * t.stopwords_low * chars:
            out[i:j] = [True] * (j - i)
        i = j
    return out


def _promote_wrapped(blocks: list[Block], labels: list[str], t: Thresholds) -> list[str]:
    """Sentence-like lines of hard-wrapped <pre> prose are good; its short
    lines (headings, a table of contents) follow them."""
    wrapped = _wrapped_prose(blocks, t)
    return [GOOD if w and x in (SHORT, NEARGOOD) and b.words >= 4
            and b.stopword_density >= t.stopwords_low else x
            for b, x, w in zip(blocks, labels, wrapped, strict=True)]


def _tables_as_units(blocks: list[Block], labels: list[str], initial: list[str]) -> list[str]:
    """A data table between good text is kept whole.

    Its cells are short or linked lines, so one by one they follow whatever
    neighbour is nearest and the table comes out in scraps; judged as one
    block, it follows the text around it like any short block.
    """
    out = list(labels)
    i = 0
    while i < len(blocks):
        if not blocks[i].table_cell:
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].table_cell and blocks[j].group == blocks[i].group:
            j += 1
        before = next((labels[k] for k in range(i - 1, -1, -1) if labels[k] in _DECIDED), BAD)
        after = next((labels[k] for k in range(j, len(labels)) if labels[k] in _DECIDED), BAD)
        if before == after == GOOD or GOOD in (before, after) \
                and _says_much(blocks[i:j], initial[i:j]):
            out[i:j] = [GOOD if not b.removed else x
                        for b, x in zip(blocks[i:j], labels[i:j], strict=True)]
        i = j
    return out


# A table with this share of its text in cells good or near-good on their own
# (a list of films with a synopsis a row) needs good text on one side only:
# a table that ends the article has none after it.
TABLE_TEXT_SHARE = 0.5


def _says_much(cells: list[Block], labels: list[str]) -> bool:
    """Whether a table with a header row holds text of its own. The header
    tells a data table from a layout table of teasers, which has none."""
    if cells[0].tag != "th":
        return False
    total = sum(len(b.text) for b in cells)
    text = sum(len(b.text) for b, x in zip(cells, labels, strict=True) if x in (GOOD, NEARGOOD))
    return total > 0 and text >= TABLE_TEXT_SHARE * total


# This many near-good paragraphs in a row read as an article (HTML <p>; in
# plain text, lines ending a sentence).
NEAR_RUN = 2
NEAR_RUN_TEXT = 3
PROSE_LINE_WORDS = 12
_FULL_STOP = re.compile(r"[.。][\"”’')]?$")


def _run_paragraph(block: Block) -> bool:
    """A paragraph, or a list item of an article element: a list of sentences
    in the story. A list elsewhere (a "what's new" pop-up) is not vouched for."""
    return block.tag == "p" or (block.tag == "li" and bool(
        block.hints & (_ARTICLE_HINTS | {"article"})) and not block.hints & _ASIDE_HINTS)


def _promote_runs(blocks: list[Block], labels: list[str]) -> list[str]:
    """Near-good <p> paragraphs (or list items of an article) in a run of
    NEAR_RUN or more are good; in plain text, near-good lines of a dozen
    words or more ending with a full stop, NEAR_RUN_TEXT of them in a row.

    A wire story set in short paragraphs has no block long enough to be good
    on its own; left near-good, its paragraphs follow the menus around them
    and a single long disclaimer below wins the page. Plain text has no
    paragraph markup to tell such a run from a thread of short replies or a
    list of linked titles, hence the longer run and the stricter line.
    """
    out = list(labels)
    if not _RUN_TAGS.isdisjoint(map(_TAG, blocks)):
        member, run = _run_paragraph, NEAR_RUN
    else:  # plain text: no markup, so only whole sentences, and a longer run
        member, run = _sentence_line, NEAR_RUN_TEXT
    n = len(out)
    i = _next(labels, NEARGOOD, 0)
    while i < n:
        j = i
        while j < n and labels[j] == NEARGOOD and member(blocks[j]):
            j += 1
        if j - i >= run:
            out[i:j] = [GOOD] * (j - i)
        i = _next(labels, NEARGOOD, max(j, i + 1))
    return out


_RUN_TAGS = frozenset({"p", "li"})
_TAG = attrgetter("tag")


def _next(labels: list[str], label: str, start: int) -> int:
    """The first position from `start` on holding `label`, else len(labels)."""
    try:
        return labels.index(label, start)
    except ValueError:
        return len(labels)


def _sentence_line(block: Block) -> bool:
    """A line of reported prose: a dozen words or more, ending with a full stop
    (a run of "Ann on Is this the future?" lines is a list of comment links)."""
    return block.words >= PROSE_LINE_WORDS and bool(_FULL_STOP.search(block.text))


def _nearest(labels: list[str], accept: frozenset[str], step: int) -> list[str]:
    """For every position, the nearest accepted label strictly before it
    (step 1) or after it (step -1); BAD past the page's edge. One linear
    pass, so pages of thousands of short lines stay cheap."""
    out = [BAD] * len(labels)
    last = BAD
    order = range(len(labels)) if step == 1 else range(len(labels) - 1, -1, -1)
    for i in order:
        out[i] = last
        if labels[i] in accept:
            last = labels[i]
    return out


_DECIDED = frozenset({GOOD, BAD})
_DECIDED_OR_NEAR = frozenset({GOOD, BAD, NEARGOOD})


def revise(labels: list[str], blocks: list[Block] | None = None) -> list[str]:
    """jusText's context pass: short and near-good blocks follow their neighbours.

    Short blocks are revised left to right, each seeing the revisions before
    it, as in jusText; near-good blocks then follow the revised labels. A
    short line between good and bad text that the markup places in the
    article body (judged from `blocks`, only at such a tie) is good: the
    markup breaks the tie.
    """
    out = list(labels)
    after = _nearest(labels, _DECIDED, -1)
    after_near = _nearest(labels, _DECIDED_OR_NEAR, -1)
    prev, prev_near = BAD, BAD
    for i, label in enumerate(labels):
        if label == SHORT:
            nxt = after[i]
            if prev == nxt:
                out[i] = prev
            elif blocks is not None and _marked_short_line(blocks[i]):
                out[i] = GOOD
            elif (prev == BAD and prev_near == NEARGOOD) or \
                    (nxt == BAD and after_near[i] == NEARGOOD):
                out[i] = GOOD
            else:
                out[i] = BAD
        if out[i] in _DECIDED:
            prev = out[i]
        if out[i] in _DECIDED_OR_NEAR:
            prev_near = out[i]
    before = _nearest(out, _DECIDED, 1)
    after = _nearest(out, _DECIDED, -1)
    for i, label in enumerate(labels):
        if label == NEARGOOD:
            out[i] = BAD if before[i] == after[i] == BAD else GOOD
    return out


def best_region(blocks: list[Block], labels: list[str], bad_weight: float,
                max_penalty: int = 200, article_weight: float = 1.0) -> tuple[int, int]:
    return _best_region(blocks, labels, bad_weight, max_penalty, article_weight)[1]


def _best_region(blocks: list[Block], labels: list[str], bad_weight: float,
                 max_penalty: int = 200,
                 article_weight: float = 1.0) -> tuple[float, tuple[int, int]]:
    """The contiguous run [start, end) with the highest score (Kadane).

    A single long bad block costs at most `max_penalty` characters' worth:
    one stray ad snippet must not split an article, a long menu still does.
    Good text the markup places in the article body counts `article_weight`
    times, so a short article beats a longer terms-of-use or teaser block.
    """
    best, best_span = 0.0, (0, 0)
    score, start = 0.0, 0
    weigh_article = article_weight != 1.0  # (a weight of 1.0 changes nothing)
    for i, (block, label) in enumerate(zip(blocks, labels, strict=True)):
        if block.boundary:
            score, start = 0.0, i + 1
            continue
        length = len(block.text)
        if label == GOOD and block.removed_by is None:
            weight = float(length)
            if weigh_article and not _ARTICLE_HINTS.isdisjoint(block.hints) \
                    and _ASIDE_HINTS.isdisjoint(block.hints):
                weight *= article_weight
        else:
            # min(max_penalty, max(30, length)), without two calls a line
            penalty = length if length > 30 else 30
            weight = -bad_weight * (penalty if penalty < max_penalty else max_penalty)
        if score <= 0:
            score, start = 0.0, i
        score += weight
        if score > best:
            best, best_span = score, (start, i + 1)
    return best, best_span


# A region before the first comment may be this much smaller than the best one.
BEFORE_COMMENTS_SHARE = 0.1


def before_comments(blocks: list[Block], labels: list[str], bad_weight: float,
                    start: int, end: int) -> tuple[int, int]:
    """The best region above the comment thread, when the best one is in it.

    A short article under a long thread loses to the longest run of replies
    on length alone; text above the first thread marker is the article's
    unless it is far weaker or holds no block that is good on its own (a
    listing's "2 weeks ago" lines look like thread markers too).
    """
    first = next((i for i, b in enumerate(blocks) if b.boundary), None)
    if first is None or start < first:
        return start, end
    best, _ = _best_region(blocks[start:end], labels[start:end], bad_weight)
    above, span = _best_region(blocks[:first], labels[:first], bad_weight)
    if above < BEFORE_COMMENTS_SHARE * best or \
            not any(b.initial_label == GOOD for b in blocks[span[0]:span[1]]):
        return start, end
    return span


def article_region(blocks: list[Block], labels: list[str],
                   bad_weight: float) -> tuple[int, int]:
    """The best region, chosen with article-body text weighted up, then
    trimmed with plain weights (at its head only down to the first good
    article-body paragraph).

    The extra weight is there to pick the article over longer boilerplate
    prose elsewhere on the page; left in, it would also let the region
    bridge far wider bad stretches (caption carousels, author boxes) than
    plain text can.
    """
    start, end = best_region(blocks, labels, bad_weight)
    if not any(b.hints & _ARTICLE_HINTS for b in blocks):
        return start, end  # text input, or markup that names no article body
    start, end = best_region(blocks, labels, bad_weight, article_weight=ARTICLE_WEIGHT)
    inner_start, inner_end = best_region(blocks[start:end], labels[start:end], bad_weight,
                                         article_weight=1.0)
    # The trim keeps the article's head: a standfirst the markup places in
    # the article body, cut off by a video player or a share bar.
    head = next((i for i in range(start, start + inner_start)
                 if _article_prose(blocks[i], labels[i])), start + inner_start)
    return head, _tail(blocks, labels, head, start + inner_end)


# An author box holds at most this share of the region's good text.
AUTHOR_BOX_SHARE = 0.3


def author_box(blocks: list[Block], labels: list[str], start: int, end: int) -> int | None:
    """Where the author's biography under the article starts, if it does.

    The markup names the box (class "author-bio", "about-the-author"); a
    paragraph of prose in it near the region's end is about the writer, not
    the story, and what follows it (the writer's other posts) neither. A
    short "By ..." line is left to the bylines step, and a box holding much
    of the region's text is a wrapper, not a biography.
    """
    good = [len(blocks[i].text) if labels[i] == GOOD else 0 for i in range(start, end)]
    total = sum(good)
    after = total
    for i in range(start, end):
        after -= good[i - start]
        block = blocks[i]
        if "byline" in block.hints and labels[i] == GOOD and len(block.text) >= 70 \
                and after + good[i - start] <= AUTHOR_BOX_SHARE * total:
            j = i
            while j > start and "byline" in blocks[j - 1].hints:
                j -= 1  # the box's heading ("About the author")
            # The whole box, from its heading on, must be small: a byline
            # container around the story is a wrapper.
            return j if sum(good[j - start:]) <= AUTHOR_BOX_SHARE * total else None
    return None


# The article body must hold this much before its end is trusted.
MARKED_BODY_CHARS = 500
MARKED_BODY_PARAGRAPHS = 3


def _tail(blocks: list[Block], labels: list[str], start: int, end: int) -> int:
    """The region's end, cut where a teaser list after the marked article body
    begins.

    Past the last article-body paragraph, a run of unmarked good blurbs each
    under its own linked title is a listing of other stories, not the
    article's continuation: the region stops at the first bad line after
    the marked body.
    """
    marked = [i for i in range(start, end) if _article_prose(blocks[i], labels[i])]
    if len(marked) < MARKED_BODY_PARAGRAPHS:
        return end  # too little marked to say where the article ends
    last = marked[-1]
    marked_chars = sum(len(blocks[i].text) for i in marked)
    good_chars = sum(len(blocks[i].text) for i in range(start, last + 1) if labels[i] == GOOD)
    if marked_chars < MARKED_BODY_CHARS or marked_chars < 0.5 * good_chars:
        return end  # the markup names only scattered paragraphs
    return next((i for i in range(last + 1, end) if labels[i] != GOOD), end)


def _article_prose(block: Block, label: str) -> bool:
    """A good paragraph (not a caption) inside the markup's article body."""
    return label == GOOD and not block.removed and len(block.text) >= 70 \
        and bool(block.hints & _ARTICLE_HINTS) and not block.hints & _ASIDE_HINTS


def _content(block: Block, label: str, t: Thresholds) -> bool:
    """Prose-like enough to continue an article past the region's edge."""
    if block.removed or block.link_density > t.max_link_density:
        return False
    return label in (GOOD, NEARGOOD) or (
        label == SHORT and block.words >= 4 and bool(_SENTENCE_END.search(block.text)))


def _soft(block: Block, label: str) -> bool:
    """A short line an article may contain (a subheading, a list item)."""
    return not block.removed and label == SHORT and block.link_density < 0.5


def extend(blocks: list[Block], initial: list[str], start: int, end: int,
           t: Thresholds, max_gap: int = 3, widget_forms: bool = False) -> tuple[int, int]:
    """Grow the region over adjoining prose and the short lines between it.

    Kadane stops where the labels turn bad, but lists and listicles revise
    to bad while still being the article; they continue it as long as prose
    follows within a few short lines and no filter has removed the way.
    A widget form's lines (poll answers) never continue it.
    """
    def step(edge: int, direction: int) -> int:
        while True:
            j = edge
            gap = 0
            while 0 <= j < len(blocks) and gap < max_gap and _soft(blocks[j], initial[j]):
                j += direction
                gap += 1
            if 0 <= j < len(blocks) and _content(blocks[j], initial[j], t) \
                    and not (widget_forms and _form_widget_line(blocks[j])) \
                    and not blocks[j].boundary:
                edge = j + direction
            else:
                return edge

    new_end = step(end, 1)
    new_start = step(start - 1, -1) + 1
    return new_start, new_end


def list_siblings(blocks: list[Block], labels: list[str], start: int,
                  end: int) -> list[str]:
    """Items of a list in the article region are kept when another item of
    the same list is (HTML).

    A changelog that links every bug it names, a recipe's "2 eggs": alone
    such an item reads as a link or a scrap, but the list it belongs to is
    the article's. Items the filters removed stay removed.
    """
    out = list(labels)
    kept_lists = {b.group for b, x in zip(blocks[start:end], labels[start:end], strict=True)
                  if x == GOOD and b.tag == "li" and not b.removed}
    if not kept_lists:
        return out
    for i in range(start, end):
        block = blocks[i]
        if out[i] != GOOD and block.tag == "li" and block.group in kept_lists \
                and not block.removed:
            out[i] = block.label = GOOD
    return out


def preformatted_units(blocks: list[Block], labels: list[str], start: int,
                       end: int) -> list[str]:
    """A <pre> element inside the article region is kept whole (HTML).

    A code sample or a terminal session is the article's, but its lines
    are scraps ("};", "$ cd ..") that the labels drop one by one, leaving
    half a listing. Lines the filters removed stay removed.
    """
    out = list(labels)
    i = start
    while i < end:
        if blocks[i].tag != "pre":
            i += 1
            continue
        j = i
        while j < end and blocks[j].tag == "pre" and blocks[j].group == blocks[i].group:
            j += 1
        for k in range(i, j):
            if out[k] != GOOD and not blocks[k].removed:
                out[k] = blocks[k].label = GOOD
        i = j
    return out


# An introduction to a list or a code sample is at most this many words.
INTRODUCTION_WORDS = 30


def introductions(blocks: list[Block], labels: list[str], start: int,
                  end: int) -> list[str]:
    """A short line ending in a colon, inside the article region and followed
    by kept text, is kept: it introduces the list, quote or code below it
    ("and pull that into the repository:"), though alone it is a scrap."""
    out = list(labels)
    for i in range(end - 2, start - 1, -1):
        block = blocks[i]
        if out[i] != GOOD and out[i + 1] == GOOD and not blocks[i + 1].removed \
                and block.text.endswith(":") \
                and block.words <= INTRODUCTION_WORDS and block.link_density < 0.5 \
                and not block.removed:
            out[i] = block.label = GOOD
    return out


def near_good_inside(blocks: list[Block], labels: list[str], start: int,
                     end: int) -> list[str]:
    """A near-good HTML paragraph inside the article region is kept even where
    its neighbours revised it to bad.

    The region is already the article; a prose-like paragraph between two
    scraps in it (a quote between bylines on an old page without article
    markup) is the article's. Where the markup names an article body, its
    own unmarked neighbours are not vouched for; plain text is left alone
    (its near-good lines inside the region are more often reply scraps:
    text 100-300 0.8940 -> 0.8938 when applied there too).
    """
    out = list(labels)
    for i in range(start, end):
        block = blocks[i]
        if out[i] != GOOD and block.initial_label == NEARGOOD and block.tag \
                and block.link_density < 0.3 and "articlebody" not in block.hints \
                and not block.removed:
            out[i] = block.label = GOOD
    return out


# Forms holding more than this share of the page's prose wrap the page.
FORM_WRAPPER_SHARE = 0.75


def forms_are_widgets(blocks: list[Block]) -> bool:
    """Whether the page's <form> lines are widgets (a poll, a search box, a
    sign-up), not the article.

    Some frameworks wrap the whole page in one form; then the form says
    nothing. Otherwise a poll's answers read like prose and can outweigh a
    short article.
    """
    total = in_forms = 0
    for block in blocks:
        if len(block.text) >= 70:
            total += len(block.text)
            if "form" in block.hints:
                in_forms += len(block.text)
    return 0 < in_forms <= FORM_WRAPPER_SHARE * total


def _form_widget_line(block: Block) -> bool:
    """A line of a widget form, unless the markup also places it in the
    article (an old page's story inside the form that posts its comments)."""
    return "form" in block.hints and not block.hints & _ARTICLE_HINTS \
        and "article" not in block.hints


@register("body")
class Body(Filter):
    """Keeps the main article region; removes everything outside it."""

    name = "body"

    def __init__(self, bad_weight: float = 0.5, extend: bool = True,
                 **thresholds: float) -> None:
        self.bad_weight = bad_weight
        self.extend = extend
        self.thresholds = Thresholds(**thresholds)  # type: ignore[arg-type]

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        if not blocks:
            return
        use_stopwords = stopwords_work(blocks)
        initial = [classify(b, self.thresholds, use_stopwords) for b in blocks]
        widget_forms = forms_are_widgets(blocks)
        if widget_forms:
            # Short, not bad: a widget's lines follow their neighbours, so
            # a form between two article paragraphs does not split them.
            initial = [SHORT if _form_widget_line(b) and x != BAD else x
                       for b, x in zip(blocks, initial, strict=True)]
        labels = revise(_promote_runs(blocks, _promote_wrapped(blocks, initial, self.thresholds)),
                        blocks)
        labels = _tables_as_units(blocks, labels, initial)
        if GOOD not in labels:
            # A short article has no block long enough to be "good" on its
            # own; its near-good blocks are then the best evidence there is.
            labels = revise([GOOD if x == NEARGOOD else x for x in initial])
        for block, first, final in zip(blocks, initial, labels, strict=True):
            block.initial_label, block.label = first, final
        start, end = article_region(blocks, labels, self.bad_weight)
        start, end = before_comments(blocks, labels, self.bad_weight, start, end)
        box = author_box(blocks, labels, start, end)
        if box is not None:
            end = box
        if end > start and self.extend:
            new_start, new_end = extend(blocks, initial, start, end, self.thresholds,
                                        widget_forms=widget_forms)
            if box is not None:
                new_end = end  # the biography is prose, but not the story's
            for i in (*range(new_start, start), *range(end, new_end)):
                labels[i] = blocks[i].label = GOOD
            start, end = new_start, new_end
        doc.body_start, doc.body_end = start, end
        labels = list_siblings(blocks, labels, start, end)
        labels = preformatted_units(blocks, labels, start, end)
        labels = introductions(blocks, labels, start, end)
        labels = near_good_inside(blocks, labels, start, end)
        name = self.name
        for block in chain(blocks[:start], blocks[end:]):
            if block.removed_by is None:  # (block.remove, without a call a line)
                block.removed_by, block.reason = name, "outside the article region"
        for i in range(start, end):
            block = blocks[i]
            if labels[i] != GOOD:
                block.remove(self.name, f"{labels[i]} block inside the article region")
            elif len(block.text) < 120 and not _SENTENCE_END.search(block.text) \
                    and looks_like_heading(block):
                block.role = "heading"
