"""Property tests: the pure functions never raise on odd text and keep their invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citetrack.cite.dates import find_dates, parse_date, tweet_date, url_date
from citetrack.cite.urls import extract_urls, normalize_url, registered_domain
from citetrack.models import Note
from citetrack.read.notes import parse_note

# Text built from the pieces that notes are made of, so that the interesting paths are reached.
PIECES = st.sampled_from(
    [
        "https://", "http//", "htps://", "www.", "news.example", ".com", "/a/2023-12-13/", "?s=20",
        "twitter.com/u/status/1739564501798629818", " ", ";", ".", ",", "(", ")", "<", ">", '"', "“",
        "”", "'", "…", "13.1.2023", "December 22, 2023", "1er janvier 2024", "31.02.2023", "2023",
        "Reuters", "AP", "See the link:", "Jane Roe", "Title words here", "(france24.com)", ":",
        "Smith, J. (2021). ", "é", "\n", "#frag", "%20", "[", "]",
    ]
)
NOTE_TEXT = st.lists(PIECES, max_size=30).map("".join) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(NOTE_TEXT)
def test_extract_urls_spans_are_the_written_form(text: str) -> None:
    previous_end = -1
    for (start, end), ref in extract_urls(text):
        assert text[start:end] == ref.written
        assert start >= previous_end
        previous_end = end
        assert normalize_url(ref.normalized) == ref.normalized
        registered_domain(ref.normalized)


@settings(max_examples=300, deadline=None)
@given(NOTE_TEXT)
def test_find_dates_spans_are_ordered_and_disjoint(text: str) -> None:
    previous_end = -1
    for (start, end), stated in find_dates(text):
        assert start >= previous_end
        previous_end = end
        assert text[start:end].strip() == stated.raw
        assert stated.precision in {"day", "month"}


@settings(max_examples=300, deadline=None)
@given(NOTE_TEXT)
def test_parsers_never_raise(text: str) -> None:
    parse_date(text)
    url_date(text)
    tweet_date(text)
    written = {ref.normalized for _, ref in extract_urls(text)}
    for source in parse_note(Note(label="1", text=text, position=0)):
        assert {ref.normalized for ref in source.urls} <= written
