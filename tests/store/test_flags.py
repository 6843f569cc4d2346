"""Flag identity and reviewers' decisions across re-runs (store/flags.py)."""

from __future__ import annotations

import pytest

from citetrack.errors import NotFoundError
from citetrack.models import Flag, FlagKind, FlagStatus, Severity
from citetrack.store.flags import AUTOMATIC, FlagFilter, FoundFlag, decide_flag, flag_history, list_flags, sync_flags


def _document(store) -> int:
    with store.transaction() as db:
        return db["documents"].insert({"path": "/x.txt", "format": "txt", "sha256": "0", "ingested_at": "t",
                                       "updated_at": "t"}).last_pk


def _flag(date: str = "2023-01-13", subject: str = "2#0:url") -> Flag:
    return Flag(kind=FlagKind.MISDATED, severity=Severity.ERROR, message=f"dated {date}", subject=subject,
                evidence={"stated": date}, footnote="2")


def _sync(store, doc: int, *flags: Flag):
    with store.transaction():
        return sync_flags(store, "ingest", [FoundFlag(doc, f) for f in flags], scope_sql="document_id = ?",
                          scope_params=[doc], resolve_note="gone")


def test_same_flag_twice_keeps_one_row_and_its_id(store):
    doc = _document(store)
    _sync(store, doc, _flag())
    first = list_flags(store)
    _sync(store, doc, _flag())
    assert list_flags(store) == first and len(first) == 1


def test_dismissal_survives_rerun_with_same_evidence(store):
    doc = _document(store)
    _sync(store, doc, _flag())
    flag_id = list_flags(store)[0].id
    decide_flag(store, flag_id, FlagStatus.DISMISSED, "the outlet misprinted it", "ana")
    _sync(store, doc, _flag())
    row = list_flags(store, FlagFilter(status="all"))[0]
    assert (row.status, row.note, row.decided_by) == ("dismissed", "the outlet misprinted it", "ana")


def test_dismissed_flag_reopens_when_evidence_changes_with_history(store):
    doc = _document(store)
    _sync(store, doc, _flag("2023-01-13"))
    flag_id = list_flags(store)[0].id
    decide_flag(store, flag_id, FlagStatus.DISMISSED, "fine", "ana")
    summary = _sync(store, doc, _flag("2023-02-13"))
    assert summary.reopened == 1
    assert list_flags(store)[0].id == flag_id
    actions = [event.action for event in flag_history(store, flag_id)]
    assert actions == ["opened", "dismissed", "reopened"]


def test_vanished_condition_is_resolved_automatically_and_comes_back_open(store):
    doc = _document(store)
    _sync(store, doc, _flag())
    flag_id = list_flags(store)[0].id
    assert _sync(store, doc).auto_resolved == 1
    row = list_flags(store, FlagFilter(status="resolved"))[0]
    assert (row.id, row.decided_by, row.note) == (flag_id, AUTOMATIC, "gone")
    _sync(store, doc, _flag())
    assert list_flags(store)[0].id == flag_id


def test_decide_unknown_flag_is_not_found(store):
    with pytest.raises(NotFoundError):
        decide_flag(store, 999, FlagStatus.RESOLVED, "x", "ana")
