"""Word counts and stop-word density, computed once per page for every filter."""

from __future__ import annotations

from textclean.model import Block
from textclean.readers.features import annotate


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
