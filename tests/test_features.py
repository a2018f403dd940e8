"""Word counts and stop-word density, computed once per page for every filter."""

from __future__ import annotations

import re
import sys

import pytest

from textclean.model import Block
from textclean.readers.features import annotate, count_words, line_tokens, page_tokens


def _blocks(*lines: str) -> list[Block]:
    return [Block(index=i, text=t) for i, t in enumerate(lines)]


def test_each_line_gets_its_own_counts() -> None:
    blocks = _blocks("The cat sat on the mat.", "Home News Sport", "", "It is what it is")
    assert annotate(blocks) == "en"
    assert [b.words for b in blocks] == [6, 3, 0, 5]
    assert blocks[0].stopword_density == 3 / 6  # the, on, the
    assert blocks[1].stopword_density == 0.0
    assert blocks[2].stopword_density == 0.0


def test_a_stray_nul_inside_a_line_does_not_shift_the_counts() -> None:
    blocks = _blocks("one\0two three", "and the four")
    annotate(blocks, "en")
    assert [b.words for b in blocks] == [3, 3]
    assert blocks[1].stopword_density == 2 / 3


def test_language_is_guessed_from_the_whole_page() -> None:
    blocks = _blocks("Der Präsident hat am Montag gesagt, dass die Regierung und die",
                     "Opposition sich nicht auf den Haushalt einigen konnten, wie es hieß.")
    assert annotate(blocks) == "de"


def test_words_are_counted_as_written_not_as_lower_cased() -> None:
    # "İ" lower-cases to "i" plus a combining dot, which would split the word.
    blocks = _blocks("İstanbul bugün", "plain ascii words here", "Öl und Gas")
    annotate(blocks, "en")
    assert [b.words for b in blocks] == [2, 4, 3]


def test_dense_scripts_count_two_characters_a_word() -> None:
    blocks = _blocks("東京都の新しい知事が選ばれました", "Tokyo news")
    annotate(blocks, "en")
    assert blocks[0].words == len("東京都の新しい知事が選ばれました") // 2
    assert blocks[1].words == 2


def test_hindi_words_are_whole_words_and_its_stop_words_count() -> None:
    # Hindi vowel signs are combining marks, which a plain \w+ does not match:
    # "की" came out as "क" and no stop word was ever found.
    blocks = _blocks("परिषद ने मंगलवार को नई समय सारणी की घोषणा की।", "होम देश खेल")
    annotate(blocks, "hi")
    assert [b.words for b in blocks] == [10, 3]
    assert blocks[0].stopword_density == 4 / 10  # ने, को, की, की
    assert blocks[1].stopword_density == 0.0


@pytest.mark.parametrize("before", [
    "東京の知事",  # a script with thousands of characters comes first
    "".join(chr(c) for c in range(0xC0, 0xC0 + 120)),  # many distinct letters come first
    "",
])
def test_a_page_with_a_marked_script_anywhere_reads_its_words_whole(before: str) -> None:
    blocks = _blocks(before, "परिषद ने मंगलवार को घोषणा की")
    annotate(blocks, "hi")
    assert blocks[1].words == 6
    assert blocks[1].stopword_density == 3 / 6  # ने, को, की


def test_the_words_read_for_the_features_are_kept_for_later_steps() -> None:
    blocks = [Block(index=0, text="Mayor's PLAN, 2024: ok"), Block(index=1, text="")]
    annotate(blocks, "en")
    assert blocks[0].lower_words() == ["mayor", "s", "plan", "2024", "ok"]
    assert blocks[1].lower_words() == []
    blocks[0].text = "A new Text"  # a line edited after reading is tokenised anew
    assert blocks[0].lower_words() == ["a", "new", "text"]


def test_words_of_a_line_with_a_nul_are_kept_too() -> None:
    blocks = [Block(index=0, text="One\0Two"), Block(index=1, text="three")]
    annotate(blocks, "en")
    assert blocks[0].lower_words() == ["one", "two"]
    assert blocks[1].lower_words() == ["three"]


def test_words_kept_for_later_steps_are_plain_word_runs_on_marked_pages() -> None:
    blocks = _blocks("परिषद ने घोषणा की", "Plain words")
    annotate(blocks, "hi")
    assert blocks[0].lower_words() == re.findall(r"\w+", "परिषद ने घोषणा की")
    assert blocks[1].lower_words() == ["plain", "words"]


def test_lower_casing_never_changes_which_characters_are_word_characters() -> None:
    """annotate counts a line's words on its lower-cased form, which is only
    right while this holds for every character lower-casing keeps single."""
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        low = char.lower()
        if len(low) == 1:
            assert bool(word.match(char)) == bool(word.match(low)), hex(code)


@pytest.mark.parametrize("text", ["İstanbul'da bugün", "Ünlü ÇEVİRİ", "東京で会議が開かれた 2024",
                                  "Ελληνικά ΚΕΙΜΕΝΑ", "naïve café", "परिषद ने घोषणा की"])
def test_word_counts_of_non_ascii_lines_are_those_of_the_text_as_written(text: str) -> None:
    blocks = [Block(index=0, text=text), Block(index=1, text="Plain words")]
    annotate(blocks, "en")
    assert blocks[0].words == count_words(text)


_WORD_OR_NUL = re.compile(r"\w+|\0")


@pytest.mark.parametrize("page", [
    "", "\0", "\0\0", " \0 ", "a\0", "\0a", "plain words, and more.\0next line",
    "it\u2019s \u201cquoted\u201d \u2014 and dashed\u2026\0snake_case x2",
    "caf\u00e9 na\u00efve\0\u00a9 2024", "emoji \U0001f600 ok\0\u2019", "\u2019\u2019\0\u2013",
    "\u6771\u4eac\u3067 2024", "tab\there\u00a0nbsp"])
def test_page_tokens_are_the_word_runs_and_separators(page: str) -> None:
    assert page_tokens(page) == _WORD_OR_NUL.findall(page)


def test_page_tokens_agree_on_every_character() -> None:
    """The fast path blanks non-word characters by tables; every character,
    between words and next to a separator, must read as the regex reads it."""
    chars = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000]
    non_word = [char for char in chars if not _WORD_OR_NUL.match(char)]  # the fast path's
    for group in (chars, non_word):
        for i in range(0, len(group), 50):
            page = "\0".join(f"a{char}b{char} {char}\0{char}" for char in group[i:i + 50])
            assert page_tokens(page) == _WORD_OR_NUL.findall(page), hex(ord(group[i]))


@pytest.mark.parametrize("page", [
    "", "\0", "a\0\0b", "plain words\0it\u2019s \u201cquoted\u201d", "caf\u00e9\0na\u00efve x",
    "\u0939\u093f\u0928\u094d\u0926\u0940 \u0936\u092c\u094d\u0926\0two"])
def test_line_tokens_are_the_word_runs_of_each_line(page: str) -> None:
    assert line_tokens(page) == [re.findall(r"\w+", line) for line in page.split("\0")]
