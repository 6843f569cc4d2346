import datetime as dt

from citetrack.models import DocumentFormat, FlagKind, Note, ParsedDocument, StatedDate
from citetrack.rules import document_flags


def test_document_flags_composes_every_rule(cite):
    notes = (Note("1", "a", 0), Note("2", "b", 1), Note("2", "c", 2), Note("4", "d", 3))
    doc = ParsedDocument(
        path="x.md", format=DocumentFormat.MARKDOWN, title=None, published=None,
        claims=(), notes=notes, markers=("1", "2", "3"),
    )
    url = "https://news.example.org/2023-12-13/story"
    citations = [
        cite("1", 0, title="A", date="2023-01-13", urls=(url,)),
        cite("2", 0, title="B", date=StatedDate("31.02.2023", None)),
        cite("4", 0, title="C", date="2024-02-01", urls=(url,)),
        cite(None, 0, title="D", urls=("https://example.org/d",)),
    ]
    flags = document_flags(doc, citations, dt.date(2024, 1, 16))
    assert [(f.kind, f.footnote) for f in flags] == [
        (FlagKind.MISDATED, "1"),
        (FlagKind.INVALID_DATE, "2"),
        (FlagKind.NO_URL, "2"),
        (FlagKind.MISDATED, "4"),
        (FlagKind.FUTURE_DATE, "4"),
        (FlagKind.UNNUMBERED_NOTE, None),
        (FlagKind.MISSING_NOTE, "3"),
        (FlagKind.UNUSED_NOTE, "4"),
        (FlagKind.DUPLICATE_NOTE, "2"),
        (FlagKind.REPEATED_URL, "1"),
    ]
    import json

    for flag in flags:
        json.dumps(flag.evidence)  # evidence is JSON-serialisable as stored
        assert flag.message and flag.subject
