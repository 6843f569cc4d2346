"""The store answers with frozen dataclasses, not bare rows (issue 16, part C)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import citetrack.store
from citetrack.models import Flag, FlagKind, Severity
from citetrack.store.archive import Passage, SourceLink
from citetrack.store.documents import list_documents
from citetrack.store.flags import FlagFilter, FoundFlag, StoredFlag, flag_history, list_flags, sync_flags


def _store_functions():
    for module_info in pkgutil.iter_modules(citetrack.store.__path__):
        module = importlib.import_module(f"citetrack.store.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{module.__name__}.{name}", function


def test_no_public_store_function_returns_bare_rows():
    untyped = {
        name for name, function in _store_functions()
        if "dict[str, Any]" in str(inspect.signature(function).return_annotation)
    }
    assert untyped == set()


def _document(store) -> int:
    with store.transaction() as db:
        return db["documents"].insert({"path": "/typed.txt", "sha256": "x", "format": "txt", "ingested_at": "t",
                                       "updated_at": "t"}).last_pk


def test_a_stored_flag_is_frozen_and_its_json_keeps_the_interface_order(store):
    document_id = _document(store)
    flag = Flag(FlagKind.NO_URL, Severity.WARNING, "Note 2 has no link", "2#0", {"note": "2"}, "2")
    with store.transaction():
        sync_flags(store, "ingest", [FoundFlag(document_id, flag)], scope_sql="document_id = ?",
                   scope_params=[document_id], resolve_note="gone")
    (stored,) = list_flags(store, FlagFilter(status="all"))
    assert isinstance(stored, StoredFlag) and stored.evidence == {"note": "2"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        stored.status = "dismissed"
    assert list(stored.to_json()) == ["id", "document_id", "kind", "severity", "footnote", "citation_id", "url",
                                      "message", "evidence", "status", "note", "decided_by", "decided_at"]
    (event,) = flag_history(store, stored.id)
    assert (event.action, event.status) == ("opened", "open")
    assert list(event.to_json()) == ["at", "action", "status", "by", "note"]


def test_a_document_listing_gives_the_documents_json_shape(store):
    document_id = _document(store)
    (listed,) = list_documents(store)
    assert listed.to_json() == {"id": document_id, "path": "/typed.txt", "title": None, "published": None,
                                "claims": 0, "citations": 0, "urls": 0, "open_flags": 0}


def test_a_link_the_store_does_not_hold_leaves_its_check_and_copies_out_of_show_json():
    malformed = SourceLink(url_id=None, url=None, written="htp//broken", malformed=1, last_status=None)
    assert malformed.to_json() == {"url_id": None, "url": None, "written": "htp//broken", "malformed": 1,
                                   "last_status": None, "passage": None}
    held = SourceLink(url_id=3, url="https://a.example/", written="https://a.example/", malformed=None,
                      last_status="ok", text="the archived text", passage=Passage("a passage", ["fact"]))
    assert held.to_json() == {"url_id": 3, "url": "https://a.example/", "written": "https://a.example/",
                              "malformed": None, "last_status": "ok", "last_check": None, "snapshots": [],
                              "public_archives": [], "passage": {"text": "a passage", "facts_found": ["fact"]}}
