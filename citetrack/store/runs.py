"""Runs of `check` and `archive`: one row each in `runs`, opened with the options it used and
closed with its counts. The one shape both kinds share; what a kind adds (the check's resumable
leases) stays in its own module."""

from __future__ import annotations

from typing import Any

from citetrack.store import Store, dumps, now


def open_run(db: Any, kind: str, started_at: str, options: dict[str, Any], **columns: Any) -> int:
    """Insert a run of `kind` inside the caller's transaction `db`; its id."""
    return db["runs"].insert({"kind": kind, "started_at": started_at, "options": dumps(options), **columns}).last_pk


def close_run(store: Store, run_id: int, counts: dict[str, Any]) -> None:
    """Mark a run finished now, with its counts."""
    with store.transaction() as db:
        db["runs"].update(run_id, {"finished_at": now(), "counts": dumps(counts)})
