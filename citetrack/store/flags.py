"""Flags in the store: stable identity, reviewers' decisions that survive re-runs, history.

A flag is identified by (document, kind, subject). Each step that raises flags (ingest, check,
archive) reconciles what it found with what it owns through `sync_flags`: new flags open,
a decided flag stays decided while its evidence is the same and reopens when it changes, and
an open flag whose condition is gone is resolved automatically, noted as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from citetrack.errors import NotFoundError
from citetrack.models import Flag, FlagStatus
from citetrack.store import Store, dumps, loads, now

AUTOMATIC = "citetrack"  # the `by` of decisions the tool takes itself


@dataclass(frozen=True)
class FoundFlag:
    """A flag a step found, placed in the store: its document and citation row."""

    document_id: int
    flag: Flag
    citation_id: int | None = None


@dataclass
class SyncSummary:
    opened: int = 0
    reopened: int = 0
    auto_resolved: int = 0
    kept: int = 0


def _insert(db, table: str, values: dict[str, Any]) -> int:
    """Insert one row with plain SQL and return its id. sqlite-utils' `Table.insert` reads the
    table's schema on every call: a link check writing hundreds of flags spent most of its store
    time there, on the thread that also hands out work to the checker."""
    columns = list(values)
    cursor = db.conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", list(values.values())
    )
    return cursor.lastrowid


def _update(db, table: str, row_id: int, values: dict[str, Any]) -> None:
    """Update one row by id with plain SQL (see `_insert`)."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])


def _event(db, flag_id: int, action: str, status: str, by: str | None, note: str | None, evidence_hash: str | None) -> None:
    _insert(db, "flag_events",
        {"flag_id": flag_id, "at": now(), "action": action, "status": status, "by": by, "note": note,
         "evidence_hash": evidence_hash}
    )


def sync_flags(
    store: Store,
    origin: str,
    found: Iterable[FoundFlag],
    *,
    scope_sql: str,
    scope_params: list[Any],
    resolve_note: str,
) -> SyncSummary:
    """Reconcile the flags `origin` found within a scope (e.g. `document_id = ?`) with the store.

    Call inside a transaction. Flags of the scope that were not found again are auto-resolved.
    """
    db = store.db
    summary = SyncSummary()
    existing = {
        (row["document_id"], row["kind"], row["subject"]): row
        for row in db.query(f"SELECT * FROM flags WHERE origin = ? AND ({scope_sql})", [origin, *scope_params])
    }
    stamp = now()
    seen: set[tuple[int, str, str]] = set()
    for item in found:
        flag = item.flag
        key = (item.document_id, str(flag.kind), flag.subject)
        if key in seen:
            continue
        seen.add(key)
        values = {
            "severity": str(flag.severity), "footnote": flag.footnote, "citation_id": item.citation_id,
            "url": flag.url, "message": flag.message, "evidence": dumps(flag.evidence),
            "evidence_hash": flag.evidence_hash, "updated_at": stamp,
        }
        row = existing.get(key)
        if row is None:
            row = db.query(
                "SELECT * FROM flags WHERE document_id = ? AND kind = ? AND subject = ?", list(key)
            )
            row = next(iter(row), None)
        if row is None:
            flag_id = _insert(db, "flags",
                {"document_id": item.document_id, "kind": str(flag.kind), "subject": flag.subject,
                 "origin": origin, "status": FlagStatus.OPEN.value, "created_at": stamp, **values}
            )
            _event(db, flag_id, "opened", FlagStatus.OPEN.value, AUTOMATIC, None, flag.evidence_hash)
            summary.opened += 1
            continue
        reopen = row["status"] != FlagStatus.OPEN.value and (
            row["decided_by"] == AUTOMATIC or row["evidence_hash"] != flag.evidence_hash
        )
        if reopen:
            values.update(status=FlagStatus.OPEN.value, decided_by=None, decided_at=None, note=None)
            why = "the condition is back" if row["decided_by"] == AUTOMATIC else "its evidence changed"
            _event(db, row["id"], "reopened", FlagStatus.OPEN.value, AUTOMATIC, f"Reopened: {why}.", flag.evidence_hash)
            summary.reopened += 1
        else:
            summary.kept += 1
        _update(db, "flags", row["id"], {"origin": origin, **values})
    for key, row in existing.items():
        if key in seen or row["status"] != FlagStatus.OPEN.value:
            continue
        _update(
            db, "flags", row["id"],
            {"status": FlagStatus.RESOLVED.value, "decided_by": AUTOMATIC, "decided_at": stamp,
             "note": resolve_note, "updated_at": stamp},
        )
        _event(db, row["id"], "auto-resolved", FlagStatus.RESOLVED.value, AUTOMATIC, resolve_note, row["evidence_hash"])
        summary.auto_resolved += 1
    return summary


@dataclass(frozen=True)
class StoredFlag:
    """A flag as the store keeps it: what was found, where, and the reviewer's decision."""

    id: int
    document_id: int
    kind: str
    severity: str
    footnote: str | None
    citation_id: int | None
    url: str | None
    message: str
    evidence: dict[str, Any]
    status: str
    note: str | None
    decided_by: str | None
    decided_at: str | None

    def to_json(self) -> dict[str, Any]:
        """The interface's JSON shape of a flag (plus the reviewer's note and decision), in this key order."""
        return {
            "id": self.id, "document_id": self.document_id, "kind": self.kind, "severity": self.severity,
            "footnote": self.footnote, "citation_id": self.citation_id, "url": self.url,
            "message": self.message, "evidence": self.evidence, "status": self.status,
            "note": self.note, "decided_by": self.decided_by, "decided_at": self.decided_at,
        }


@dataclass(frozen=True)
class FlagEvent:
    """One step of a flag's history: opened, decided, reopened or auto-resolved, when and by whom."""

    at: str
    action: str
    status: str
    by: str | None
    note: str | None

    def to_json(self) -> dict[str, Any]:
        """The event as a JSON object, keys in column order."""
        return {"at": self.at, "action": self.action, "status": self.status, "by": self.by, "note": self.note}


def decide_flag(store: Store, flag_id: int, status: FlagStatus, note: str, by: str) -> StoredFlag:
    """Record a reviewer's decision (resolve, dismiss, reopen) on one flag, with its history."""
    with store.transaction() as db:
        rows = list(db.query("SELECT id FROM flags WHERE id = ?", [flag_id]))
        if not rows:
            raise NotFoundError(f"no flag with id {flag_id}")
        stamp = now()
        db["flags"].update(
            flag_id,
            {"status": status.value, "decided_by": by, "decided_at": stamp, "note": note, "updated_at": stamp},
        )
        action = {"resolved": "resolved", "dismissed": "dismissed", "open": "reopened"}[status.value]
        _event(db, flag_id, action, status.value, by, note, None)
    return get_flag(store, flag_id)


FLAG_COLUMNS = """f.id, f.document_id, f.kind, f.severity, f.footnote, f.citation_id, f.url, f.message,
    f.evidence, f.status, f.subject, f.origin, f.note, f.decided_by, f.decided_at, f.created_at, f.updated_at"""


def stored_flag(row: dict[str, Any]) -> StoredFlag:
    """A `FLAG_COLUMNS` row as a `StoredFlag` (the evidence decoded from its JSON column)."""
    return StoredFlag(
        id=row["id"], document_id=row["document_id"], kind=row["kind"], severity=row["severity"],
        footnote=row["footnote"], citation_id=row["citation_id"], url=row["url"], message=row["message"],
        evidence=loads(row["evidence"], {}), status=row["status"], note=row["note"],
        decided_by=row["decided_by"], decided_at=row["decided_at"],
    )


def get_flag(store: Store, flag_id: int) -> StoredFlag:
    """One flag by id; NotFoundError when there is none."""
    rows = store.query(f"SELECT {FLAG_COLUMNS} FROM flags f WHERE f.id = ?", [flag_id])
    if not rows:
        raise NotFoundError(f"no flag with id {flag_id}")
    return stored_flag(rows[0])


@dataclass(frozen=True)
class FlagFilter:
    """Which flags a listing shows; None means any."""

    document_id: int | None = None
    kind: str | None = None
    status: str | None = FlagStatus.OPEN.value  # None or "all" = every status
    severity: str | None = None
    claim_id: int | None = None


def list_flags(store: Store, where: FlagFilter = FlagFilter()) -> list[StoredFlag]:
    """Flags in document and note order."""
    clauses, params = ["1 = 1"], []
    if where.document_id is not None:
        clauses.append("f.document_id = ?")
        params.append(where.document_id)
    if where.kind:
        clauses.append("f.kind = ?")
        params.append(where.kind)
    if where.status and where.status != "all":
        clauses.append("f.status = ?")
        params.append(where.status)
    if where.severity:
        clauses.append("f.severity = ?")
        params.append(where.severity)
    if where.claim_id is not None:
        clauses.append(
            """f.footnote IN (SELECT cn.label FROM claim_notes cn JOIN claims c ON c.id = cn.claim_id
               WHERE c.id = ? AND c.document_id = f.document_id)"""
        )
        params.append(where.claim_id)
    sql = f"""SELECT {FLAG_COLUMNS} FROM flags f LEFT JOIN citations c ON c.id = f.citation_id
        WHERE {' AND '.join(clauses)}
        ORDER BY f.document_id, coalesce(c.position, 1e9), f.footnote, f.kind, f.id"""
    return [stored_flag(row) for row in store.db.query(sql, params)]


def flag_history(store: Store, flag_id: int) -> list[FlagEvent]:
    """A flag's events, oldest first."""
    rows = store.query("SELECT at, action, status, by, note FROM flag_events WHERE flag_id = ? ORDER BY id", [flag_id])
    return [FlagEvent(**row) for row in rows]
