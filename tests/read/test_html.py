"""HTML footnotes in the shapes Pandoc, WordPress, Wikipedia and hand-written pages use."""

import datetime as dt

import pytest

from citetrack.models import DocumentFormat
from citetrack.read import parse_html

PANDOC = """<!DOCTYPE html>
<html><head><title>Rivers &amp; Dams</title>
<meta name="dcterms.date" content="2023-12-01">
<script>var note = "[1] fake";</script><style>.x{}</style></head>
<body><nav><a href="#fn1"><sup>1</sup></a> menu</nav>
<h1>Main heading</h1>
<p>The river rose quickly.<a href="#fn1" class="footnote-ref" id="fnref1"
 role="doc-noteref"><sup>1</sup></a> Engineers built a levee, e.g. near the
 mill.<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
<p>A paragraph without notes.</p>
<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
<hr /><ol>
<li id="fn1"><p>Water board, <a href="https://water.example.org/levels">Annual levels</a>,
2021.</p><p>Second paragraph of the note.<a href="#fnref1" class="footnote-back"
role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>Smith, <a href="https://x.example.com/a">https://x.example.com/a</a>
<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol></section></body></html>"""


def test_pandoc_footnotes():
    parsed = parse_html(PANDOC, "p.html")
    assert parsed.format == DocumentFormat.HTML
    assert parsed.title == "Rivers & Dams"
    assert parsed.published == dt.date(2023, 12, 1)
    assert parsed.markers == ("1", "2")
    assert [(claim.labels, claim.text) for claim in parsed.claims] == [
        (("1",), "The river rose quickly."),
        (("2",), "Engineers built a levee, e.g. near the mill."),
    ]
    assert [(note.label, note.text, note.hrefs) for note in parsed.notes] == [
        (
            "1",
            "Water board, Annual levels, 2021. Second paragraph of the note.",
            ("https://water.example.org/levels",),
        ),
        ("2", "Smith, https://x.example.com/a", ()),
    ]
    assert "menu" not in parsed.body and "fake" not in parsed.body
    assert "Water board" not in parsed.body
    assert "↩" not in parsed.notes[0].text


WORDPRESS = """<html><head><meta property="article:published_time"
content="2022-05-06T10:00:00+00:00"></head><body>
<article><h1>Post title</h1>
<p>Prices rose sharply.<sup><a href="#footnote-1" id="footnote-ref-1">1</a></sup>
The bank reacted.<sup><a href="#footnote-2" id="footnote-ref-2">2</a></sup></p>
<ol class="footnotes">
<li id="footnote-1">Bank bulletin. <a href="#footnote-ref-1">↑</a></li>
<li id="footnote-2">Press release, <a href="https://bank.example.com/p">link</a>.
<a href="#footnote-ref-2">↑</a></li>
</ol></article></body></html>"""


def test_wordpress_footnotes():
    parsed = parse_html(WORDPRESS)
    assert parsed.title == "Post title"
    assert parsed.published == dt.date(2022, 5, 6)
    assert [claim.text for claim in parsed.claims] == ["Prices rose sharply.", "The bank reacted."]
    assert [(note.label, note.text, note.hrefs) for note in parsed.notes] == [
        ("1", "Bank bulletin.", ()),
        ("2", "Press release, link.", ("https://bank.example.com/p",)),
    ]


WIKIPEDIA = """<html><body>
<p>The dam opened in 1961.<sup id="cite_ref-a_1-0" class="reference"><a href="#cite_note-a-1">[1]</a></sup>
It was enlarged twice,<sup class="reference"><a href="#cite_note-2">[2]</a></sup> once in
1990.<sup class="reference"><a href="#cite_note-a-1">[1]</a></sup></p>
<div class="reflist"><ol class="references">
<li id="cite_note-a-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-a_1-0"><sup>a</sup></a>
<a href="#cite_ref-a_1-1"><sup>b</sup></a></span> <span class="reference-text">Dam history.
<a rel="nofollow" class="external text" href="https://dams.example.org/1">Dams</a></span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span>
<span class="reference-text">Output data.</span></li>
<li id="cite_note-3"><span class="reference-text">Never cited.</span></li>
</ol></div></body></html>"""


def test_wikipedia_references():
    parsed = parse_html(WIKIPEDIA)
    assert parsed.markers == ("1", "2", "1")
    assert [(claim.labels, claim.text) for claim in parsed.claims] == [
        (("1",), "The dam opened in 1961."),
        (("2", "1"), "It was enlarged twice, once in 1990."),
    ]
    assert [(note.label, note.text, note.hrefs) for note in parsed.notes] == [
        ("1", "Dam history. Dams", ("https://dams.example.org/1",)),
        ("2", "Output data.", ()),
        ("3", "Never cited.", ()),
    ]


def test_aside_notes_with_letter_labels():
    parsed = parse_html(
        """<body><p>A claim.<sup><a href="#note-a">a</a></sup> More.</p>
        <aside id="note-a" role="doc-footnote">An aside note, https://a.example.org</aside>
        <aside class="sidebar">Not a note.</aside></body>"""
    )
    assert parsed.markers == ("a",)
    assert [(note.label, note.text) for note in parsed.notes] == [
        ("a", "An aside note, https://a.example.org")
    ]
    assert "Not a note." in parsed.body


def test_bare_sup_numbers_over_a_footnote_list():
    parsed = parse_html(
        """<body><p>Rainfall dropped.<sup>1</sup> Area grew to 4 km<sup>2</sup>
        says the report.<sup>2</sup></p>
        <ol class="footnotes"><li>Weather service.</li><li>Survey.</li></ol></body>"""
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert parsed.claims[0].labels == ("1",)
    assert "Weather service." not in parsed.body


def test_hidden_hrefs_only_when_not_visible():
    parsed = parse_html(
        """<body><p>Claim.<a href="#fn1" class="footnote-ref"><sup>1</sup></a></p>
        <section class="footnotes"><ol><li id="fn1">
        <a href="https://visible.example.org/x">https://visible.example.org/x</a>
        <a href="https://hidden.example.org/y">Hidden title</a>
        <a href="mailto:a@example.org">mail</a></li></ol></section></body>"""
    )
    (note,) = parsed.notes
    assert note.hrefs == ("https://hidden.example.org/y",)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="citation_publication_date" content="2021/03/04">', dt.date(2021, 3, 4)),
        ('<meta name="date" content="2020-01-02">', dt.date(2020, 1, 2)),
        ('<meta name="date" content="soon">', None),
        ("", None),
    ],
)
def test_published_from_metadata(meta, expected):
    parsed = parse_html(f"<html><head>{meta}</head><body><p>x</p></body></html>")
    assert parsed.published == expected


def test_no_notes_no_markers_and_title_from_h1():
    parsed = parse_html("<body><h1> A  Title </h1><p>Text<sup>2</sup> only.</p></body>")
    assert parsed.title == "A Title"
    assert parsed.markers == () and parsed.notes == ()
    assert "Text2 only." in parsed.body


def test_kramdown_and_goldmark_footnotes():
    parsed = parse_html(
        """<body><p>Snow fell early.<sup id="fnref:1" role="doc-noteref"><a href="#fn:1"
        class="footnote" rel="footnote">1</a></sup> Roads closed.<sup id="fnref:2"><a
        href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup></p>
        <div class="footnotes" role="doc-endnotes"><ol>
        <li id="fn:1" role="doc-endnote"><p>Weather log. <a href="#fnref:1"
        class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>
        <li id="fn:2"><p>Road report. <a href="#fnref:2" class="footnote-backref"
        role="doc-backlink">↩︎</a></p></li></ol></div></body>"""
    )
    assert [(claim.labels, claim.text) for claim in parsed.claims] == [
        (("1",), "Snow fell early."),
        (("2",), "Roads closed."),
    ]
    assert [(note.label, note.text) for note in parsed.notes] == [
        ("1", "Weather log."),
        ("2", "Road report."),
    ]


def test_table_of_contents_link_to_a_section_is_not_a_note():
    parsed = parse_html(
        """<body><section id="main"><p>See <a href="#notes"><sup>*</sup>the notes</a>.</p>
        <p>A claim.<sup><a href="#fn1">1</a></sup></p></section>
        <section id="notes"><h2>Notes</h2><ol class="footnotes"><li id="fn1">Source.</li></ol>
        </section></body>"""
    )
    assert "A claim." in parsed.body
    assert [(note.label, note.text) for note in parsed.notes] == [("1", "Source.")]
    assert parsed.claims[0].labels == ("1",)


def test_marker_whose_note_is_missing_is_kept_for_the_missing_note_check():
    html = (
        "<html><body><p>First claim.<sup><a href='#fn1' id='fnref1'>1</a></sup> "
        "Second claim.<sup><a href='#fn2' id='fnref2'>2</a></sup></p>"
        "<ol class='footnotes'><li id='fn1'>Ann Lee, \"A title,\" Daily Example, 3 May 2024.</li></ol>"
        "</body></html>"
    )
    doc = parse_html(html)
    assert doc.markers == ("1", "2")
    assert [claim.labels for claim in doc.claims] == [("1",), ("2",)]
    assert [note.label for note in doc.notes] == ["1"]


def test_a_page_of_in_page_links_is_refused_before_the_note_finder(monkeypatch):
    from citetrack import settings
    from citetrack.errors import BadInputError

    page = ("<p>A claim.<sup><a href='#fn1'>1</a></sup></p><ol><li id='fn1'>A note. https://example.com/a</li></ol>"
            + "<a href='#fn1'>back</a>" * 50)
    assert parse_html(page).notes
    monkeypatch.setattr(settings, "HTML_MAX_IN_PAGE_LINKS", 40)
    with pytest.raises(BadInputError, match="51 in-page links"):
        parse_html(page, "page.html")
