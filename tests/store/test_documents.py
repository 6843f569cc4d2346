"""Saving documents in place (store/documents.py): stable ids, shared URLs, removal."""

from __future__ import annotations

import datetime as dt

import pytest

from citetrack.errors import NotFoundError
from citetrack.models import Citation, Claim, DocumentFormat, Flag, FlagKind, Note, ParsedDocument, Severity, Source, UrlRef
from citetrack.store.documents import DocumentRecord, list_citations, list_claims, list_documents, remove_document, save_document


def _record(path: str, urls: list[str], title: str = "T") -> DocumentRecord:
    notes = tuple(Note(label=str(i + 1), text=f"note {i + 1} {u}", position=i) for i, u in enumerate(urls))
    claims = tuple(Claim(text=f"Claim {i + 1}.", labels=(str(i + 1),), position=i) for i in range(len(urls)))
    citations = tuple(
        Citation(footnote=str(i + 1), index=0, note_position=i,
                 source=Source(text=f"source {i}", title=title, urls=(UrlRef(written=u, normalized=u),)))
        for i, u in enumerate(urls)
    )
    flags = (Flag(FlagKind.REPEATED_URL, Severity.INFO, "m", subject="s", footnote="1", citation_key="1#0"),)
    parsed = ParsedDocument(path=path, format=DocumentFormat.TEXT, title=title, published=None, claims=claims,
                            notes=notes, markers=tuple(n.label for n in notes))
    return DocumentRecord(path=path, sha256="0", parsed=parsed, citations=citations, flags=flags,
                          explanatory=frozenset(), title=title, published=dt.date(2024, 1, 16), published_source="option")


def test_reingest_updates_in_place_and_keeps_ids(store):
    first = save_document(store, _record("/a.txt", ["https://a.example/1", "https://a.example/2"]))
    claims, citations = list_claims(store), list_citations(store)
    again = save_document(store, _record("/a.txt", ["https://a.example/1", "https://a.example/2"], title="T2"))
    assert again == first
    assert [c.id for c in list_claims(store)] == [c.id for c in claims]
    assert [c.id for c in list_citations(store)] == [c.id for c in citations]
    assert list_documents(store)[0].title == "T2"


def test_url_is_one_row_for_every_document_and_survives_removal_of_one(store):
    one = save_document(store, _record("/a.txt", ["https://shared.example/x", "https://only-a.example/"]))
    save_document(store, _record("/b.txt", ["https://shared.example/x"]))
    assert store.query("SELECT count(*) n FROM urls")[0]["n"] == 2
    remove_document(store, one)
    assert [r["url"] for r in store.query("SELECT url FROM urls")] == ["https://shared.example/x"]
    assert [d.path for d in list_documents(store)] == ["/b.txt"]
    assert store.query("SELECT count(*) n FROM flags WHERE document_id = ?", [one])[0]["n"] == 0


def test_removed_citation_disappears_and_its_flag_is_resolved(store):
    save_document(store, _record("/a.txt", ["https://a.example/1", "https://a.example/2"]))
    record = _record("/a.txt", ["https://a.example/1"])
    save_document(store, DocumentRecord(**{**record.__dict__, "flags": ()}))
    assert len(list_citations(store)) == 1
    assert store.query("SELECT status FROM flags")[0]["status"] == "resolved"


def test_unknown_document_is_not_found(store):
    with pytest.raises(NotFoundError):
        remove_document(store, 42)
    with pytest.raises(NotFoundError):
        list_claims(store, 42)


def test_removing_a_document_says_what_went(store):
    one = save_document(store, _record("/a.txt", ["https://shared.example/x", "https://only-a.example/"]))
    save_document(store, _record("/b.txt", ["https://shared.example/x"]))
    removed = remove_document(store, one)
    assert (removed.id, removed.path, removed.urls_removed) == (one, "/a.txt", 1)
