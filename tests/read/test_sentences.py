"""Sentence splitting: abbreviations, initials, decimals, quotes and markers."""

import pytest

from citetrack.read.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_plain_sentences_split_at_full_stops_and_question_marks():
    assert sentences("One fish. Two fish? Red fish! Blue fish.") == [
        "One fish.",
        "Two fish?",
        "Red fish!",
        "Blue fish.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Moreau arrived late.",
        "Troops left the U.S. base in May.",
        "Some herbs, e.g. Basil and Thyme, grow fast.",
        "A port, i.e. Dakar, was closed.",
        "The report by J. R. Tolkien was long.",
        "Growth reached 1.5 percent in 2023.",
        "The site example.com went down.",
        "See Fig. 3 for the map.",
        "It happened on Jan. 5 at noon.",
        "Smith et al. (2020) reported it first.",
        "The ruling, p. 44 of the file, was clear.",
        "It cost approx. 5 dollars.",
    ],
)
def test_abbreviations_initials_and_numbers_do_not_split(text):
    assert sentences(text) == [text]


def test_a_doubled_full_stop_after_an_abbreviation_ends_the_sentence():
    """`U.S..`: the abbreviation's dot, then the sentence's own (a paragraph that a PDF's
    column break joined to the next one is still two sentences)."""
    assert sentences("Gaps of the river in the U.S.. Café and harbour grew.") == [
        "Gaps of the river in the U.S..",
        "Café and harbour grew.",
    ]
    assert sentences("He paused.. then went on.") == ["He paused.. then went on."]


def test_marker_after_full_stop_stays_with_the_sentence_before():
    text = "The army left in the future.⁴ The town fell."
    assert sentences(text) == ["The army left in the future.⁴", "The town fell."]


def test_bracket_and_caret_markers_after_full_stop_stay_before():
    assert sentences("It rained.[12] Then it snowed.^13 End.") == [
        "It rained.[12]",
        "Then it snowed.^13",
        "End.",
    ]


def test_closing_quote_after_full_stop_belongs_to_the_sentence():
    assert sentences('He said "stop." Then he left.') == ['He said "stop."', "Then he left."]


def test_quote_before_full_stop_then_marker():
    text = 'It means "our country".¹⁰ Next one.'
    assert sentences(text) == ['It means "our country".¹⁰', "Next one."]


def test_paragraph_break_ends_a_sentence_without_punctuation():
    assert sentences("A heading\n\nThe text. More") == ["A heading", "The text.", "More"]


def test_single_newline_does_not_split():
    assert sentences("The long line\nwraps here.") == ["The long line\nwraps here."]


def test_number_abbreviation_ends_a_sentence_before_a_capital():
    assert sentences("They voted no. The bill failed.") == ["They voted no.", "The bill failed."]


def test_lowercase_after_full_stop_does_not_split():
    assert sentences("About approx. five men came.") == ["About approx. five men came."]


def test_empty_text_has_no_sentences():
    assert split_sentences("   \n\n ") == []


def test_a_list_run_into_one_paragraph_splits_at_each_bullet_or_number():
    """A PDF's list rejoined into one paragraph: each item (after its bullet or number) is a
    sentence of its own, and so is the lead-in; a semicolon in running prose splits nothing."""
    assert sentences(
        "The board found that: • fares rose by a fifth; • crossings fell; 2. review the fleet; 3. publish counts."
    ) == ["The board found that:", "• fares rose by a fifth;", "• crossings fell;", "2. review the fleet;", "3. publish counts."]
    assert sentences("Fares rose; 2 ferries were sold.") == ["Fares rose; 2 ferries were sold."]
