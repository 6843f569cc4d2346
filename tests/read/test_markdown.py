"""Markdown with Pandoc footnotes."""

import datetime as dt
import textwrap

from citetrack.models import DocumentFormat
from citetrack.read import parse_markdown


def doc(text: str):
    return parse_markdown(textwrap.dedent(text).strip("\n"), "t.md")


def test_markers_definitions_and_claims():
    parsed = doc(
        """
        # Rivers

        The river rose quickly.[^1] Engineers built a levee, e.g. near the mill.[^2][^b]

        [^1]: Water board, 2021.
        [^2]: Smith, J. Levee collapse.
        [^b]: A lettered note.
        """
    )
    assert parsed.format == DocumentFormat.MARKDOWN
    assert parsed.title == "Rivers"
    assert parsed.markers == ("1", "2", "b")
    assert [(claim.labels, claim.text) for claim in parsed.claims] == [
        (("1",), "The river rose quickly."),
        (("2", "b"), "Engineers built a levee, e.g. near the mill."),
    ]
    assert [(note.label, note.text) for note in parsed.notes] == [
        ("1", "Water board, 2021."),
        ("2", "Smith, J. Levee collapse."),
        ("b", "A lettered note."),
    ]
    assert "[^" not in parsed.body and "Water board" not in parsed.body


def test_multi_paragraph_note_with_indented_continuation_and_lazy_line():
    parsed = doc(
        """
        Claim one.[^long] Claim two.[^lazy]

        [^long]: First paragraph of the note
            continues on an indented line.

            Second paragraph, still the note.

        [^lazy]: Starts here
        and continues lazily.

        Body resumes here.
        """
    )
    assert [note.text for note in parsed.notes] == [
        "First paragraph of the note continues on an indented line. "
        "Second paragraph, still the note.",
        "Starts here and continues lazily.",
    ]
    assert parsed.body.endswith("Body resumes here.")


def test_markers_in_code_spans_and_blocks_are_ignored():
    parsed = doc(
        """
        Write `[^1]` to cite.[^2]

        ```
        fenced [^3]
        ```

            indented [^4]

        ~~~python
        tilde [^5]
        ~~~

        [^2]: Real note.
        """
    )
    assert parsed.markers == ("2",)
    assert parsed.claims[0].text == "Write [^1] to cite."


def test_links_in_notes_keep_their_url_visible():
    parsed = doc(
        """
        Fact.[^1] Other.[^2] Third.[^3]

        [^1]: Roe, [Mayor steps down](https://post.example.com/m), *City Post*, 2023.
        [^2]: See <https://auto.example.org/x> and [the report][rep].
        [^3]: Already visible [https://v.example.org](https://v.example.org).

        [rep]: https://rep.example.org/r "Report"
        """
    )
    assert [note.text for note in parsed.notes] == [
        "Roe, Mayor steps down (https://post.example.com/m), City Post, 2023.",
        "See https://auto.example.org/x and the report (https://rep.example.org/r).",
        "Already visible https://v.example.org.",
    ]
    assert "rep.example.org" not in parsed.body


def test_body_links_emphasis_and_lists_are_flattened():
    parsed = doc(
        """
        Some **bold** and [a link](https://x.example.com) claim.[^1]

        - A list item claim.[^2]
        - Plain item.

        > A quoted claim.[^3]

        [^1]: n1
        [^2]: n2
        [^3]: n3
        """
    )
    assert [claim.text for claim in parsed.claims] == [
        "Some bold and a link claim.",
        "A list item claim.",
        "A quoted claim.",
    ]


def test_front_matter_title_and_date():
    parsed = doc(
        """
        ---
        title: "Dams of the *North*"
        date: 2024-02-03
        ---

        # Another heading

        Text.[^1]

        [^1]: n
        """
    )
    assert parsed.title == "Dams of the North"
    assert parsed.published == dt.date(2024, 2, 3)
    assert "title:" not in parsed.body


def test_setext_title_and_no_date():
    parsed = doc(
        """
        Big Title
        =========

        Text without notes.
        """
    )
    assert parsed.title == "Big Title"
    assert parsed.published is None
    assert parsed.claims == () and parsed.notes == ()


def test_marker_without_definition_and_definition_without_marker_are_both_kept():
    parsed = doc(
        """
        Claim.[^9]

        [^1]: Unused definition.
        """
    )
    assert parsed.markers == ("9",)
    assert [note.label for note in parsed.notes] == ["1"]


def test_marker_mid_sentence_after_word():
    parsed = doc(
        """
        The agency[^1] said so in 2020. Next sentence.

        [^1]: n
        """
    )
    (claim,) = parsed.claims
    assert claim.text == "The agency said so in 2020."


def test_inline_notes_take_the_number_pandoc_prints():
    parsed = doc(
        """
        The ferry stopped in 2019.^[Port Authority, *Annual report*, 2019, <https://port.example/ar-2019>.]
        Fares doubled.[^fares] The new bridge^[See [the plan](https://roads.example/plan.pdf), which
        cites `^[not a note]` on p. 4.] opened in 2023.

        [^fares]: Transit Weekly, 2 May 2020.
        """
    )
    assert parsed.markers == ("1", "fares", "3")
    assert [(claim.labels, claim.text) for claim in parsed.claims] == [
        (("1",), "The ferry stopped in 2019."),
        (("fares",), "Fares doubled."),
        (("3",), "The new bridge opened in 2023."),
    ]
    notes = {note.label: note.text for note in parsed.notes}
    assert notes["1"] == "Port Authority, Annual report, 2019, https://port.example/ar-2019."
    assert notes["3"] == "See the plan (https://roads.example/plan.pdf), which cites ^[not a note] on p. 4."
    assert "^[" not in parsed.body and "Port Authority" not in parsed.body


def test_inline_note_label_never_takes_a_written_one():
    parsed = doc(
        """
        First.[^2] Second.^[An inline note.] Third.[^1]

        [^1]: One.
        [^2]: Two.
        """
    )
    assert parsed.markers == ("2", "inline-2", "1")
    assert sorted(note.label for note in parsed.notes) == ["1", "2", "inline-2"]


def test_what_only_looks_like_an_inline_note_stays_text():
    parsed = doc(
        r"""
        Code `x^[y]` and ``a ` b^[c]`` are code. Escaped \^[no] is text. An open ^[ is text.
        """
    )
    assert parsed.notes == () and parsed.markers == ()
    assert "x^[y]" in parsed.body and "^[no]" in parsed.body and "An open ^[ is text." in parsed.body


def test_link_targets_keep_balanced_parentheses():
    parsed = doc(
        """
        See [the dam](https://en.wikipedia.org/wiki/Dam_(river)) here.[^1]

        [^1]: Encyclopedia, [Dam (river)](https://en.wikipedia.org/wiki/Dam_(river)), 2020.
        """
    )
    assert parsed.claims[0].text == "See the dam here."
    assert parsed.notes[0].text == "Encyclopedia, Dam (river) (https://en.wikipedia.org/wiki/Dam_(river)), 2020."


def test_code_spans_open_and_close_on_whole_backtick_runs():
    parsed = doc("Use ``a ` b`` and `c` but not ```d`` here.[^1]\n\n[^1]: A note.")
    assert parsed.claims[0].text == "Use a ` b and c but not ```d`` here."


def test_urls_in_notes_keep_underscores_parentheses_and_escapes():
    """Issue 13: emphasis stripping never reaches inside a URL, bare or as a link label."""
    parsed = doc(
        r"""
        Mercury is small.[^1] Bars close early.[^2]

        [^1]: "Mercury", Wikipedia, https://en.wikipedia.org/wiki/Mercury_(planet) and https://example.org/foo_bar_baz.
        [^2]: *See https://example.org/a_b_c* and [https://example.org/x_y_](https://example.org/x_y_), also https://en.wikipedia.org/wiki/Mercury\_(planet).
        """
    )
    first, second = (n.text for n in parsed.notes)
    assert "https://en.wikipedia.org/wiki/Mercury_(planet) and https://example.org/foo_bar_baz." in first
    assert second == (
        "See https://example.org/a_b_c and https://example.org/x_y_, also https://en.wikipedia.org/wiki/Mercury_(planet)."
    )


def test_a_quoted_linked_title_keeps_its_outlet_in_the_same_citation():
    """Issue 13: `"[Title](url)" OCLC (date)` is one citation, not a second one `" OCLC`."""
    from citetrack.analyse import analyse

    parsed = doc(
        """
        A record was set.[^1]

        [^1]: "[Harbour library adds 63 millionth record](http://www.oclc.example/news/200618.htm)" OCLC (2006-02-03). Retrieved 2007-07-08.
        """
    )
    assert parsed.notes[0].text.startswith('"Harbour library adds 63 millionth record" (http://www.oclc.example/')
    result = analyse(parsed, dt.date(2010, 1, 1))
    [citation] = result.citations
    assert citation.source.title == "Harbour library adds 63 millionth record"
    assert citation.source.date.raw == "2006-02-03" and citation.source.accessed.raw == "2007-07-08"
    assert result.flags == ()
