"""Properties every reader keeps on arbitrary input: no crash, claims only from markers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from citetrack.read import parse_html, parse_markdown, parse_text
from citetrack.read.sentences import split_sentences

PIECES = st.sampled_from(
    [
        "Word", "word", " ", "\n", "\n\n", ".", ",", "Dr.", "e.g.", "1.5", "¹", "²", "¹⁰",
        "[1]", "[^1]", "[^a]:", "^2", "1 ", "2 ", "- ", "“", "”", '"', "https://x.example.org",
        "<sup>1</sup>", '<a href="#fn1">1</a>', '<li id="fn1">', "</li>", "<ol class=footnotes>",
        "`", "```", "    ", "---", "# ",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def check(parsed) -> None:
    markers = set(parsed.markers)
    for position, claim in enumerate(parsed.claims):
        assert claim.position == position
        assert claim.labels and set(claim.labels) <= markers
        assert len(set(claim.labels)) == len(claim.labels)
        assert "\n" not in claim.text
    for position, note in enumerate(parsed.notes):
        assert note.position == position
        assert "\n" not in note.text


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_text_reader_never_crashes(text):
    check(parse_text(text))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_markdown_reader_never_crashes(text):
    check(parse_markdown(text))


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_html_reader_never_crashes(text):
    check(parse_html(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_sentence_spans_are_ordered_and_trimmed(text):
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
