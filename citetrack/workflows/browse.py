"""Looking things up for the read-only commands (`status`, `history`, `snapshot`): link health,
which stored URL a user means, which snapshot of it, and the stored page itself.

A URL is looked up as the user wrote it, then in its normalized form (the store keeps both
shapes: the cited text and the normalized identity). Commands call these and only render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from citetrack.archive.warc import RecordRef, StoredResponse, read_response
from citetrack.cite.urls import normalize_url
from citetrack.errors import ConfigError, NotFoundError
from citetrack.store import Store
from citetrack.store.archive import StoredSnapshot, snapshot_text, snapshots_of
from citetrack.store.documents import require_document
from citetrack.store.links import (
    DocumentLinkHealth, StatusChange, StoredRun, UrlHistory, changes_in_run, document_link_health, last_runs, url_history,
)

Found = TypeVar("Found")


def as_cited_then_normalized(lookup: Callable[[str], Found], url: str) -> Found:
    """`lookup(url)`, or when that finds nothing, `lookup` of the URL's normalized form."""
    return lookup(url) or lookup(normalize_url(url))


def link_history(store: Store, url: str, limit: int | None = None) -> UrlHistory:
    """A URL's state and its checks, oldest first (the last `limit` only, when given)."""
    found = as_cited_then_normalized(lambda u: url_history(store, u), url)
    if found is None:
        raise NotFoundError(f"no such URL in the store: {url}")
    if limit:
        found = replace(found, checks=found.checks[-limit:])
    return found


@dataclass(frozen=True)
class StatusOverview:
    """What `citetrack status` shows: link health per document, the last check run, what it changed."""

    documents: list[DocumentLinkHealth]
    last_run: StoredRun | None  # None before any check run
    changes: list[StatusChange]

    def to_json(self) -> dict[str, Any]:
        """`status --json`."""
        return {
            "documents": [doc.to_json() for doc in self.documents],
            "last_run": self.last_run.to_json() if self.last_run else None,
            "changes": [change.to_json() for change in self.changes],
        }


def link_status(store: Store, document: int | None = None) -> StatusOverview:
    """Each document's link health (one document's, when given), the last check run (None before
    any) and the links whose status that run changed."""
    require_document(store, document)
    runs = last_runs(store, 1)
    last = runs[0] if runs else None
    return StatusOverview(
        documents=document_link_health(store, document),
        last_run=last,
        changes=changes_in_run(store, last.id, document) if last else [],
    )


def parse_day(value: str | None, option: str = "--date") -> dt.date | None:
    """A day written YYYY-MM-DD (None stays None); anything else is a ConfigError."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} {value!r} is not a date in the form YYYY-MM-DD") from None


def pick_snapshot(snapshots: list[StoredSnapshot], day: dt.date | None) -> StoredSnapshot:
    """The last snapshot taken on or before `day` (the first one if all are later); the
    latest without a day. `snapshots` are oldest first and not empty."""
    if day is None:
        return snapshots[-1]
    before = [s for s in snapshots if s.fetched_at[:10] <= day.isoformat()]
    return before[-1] if before else snapshots[0]


@dataclass(frozen=True)
class SnapshotChoice:
    """The snapshot chosen for a URL and every snapshot of it, oldest first."""

    chosen: StoredSnapshot
    snapshots: list[StoredSnapshot]

    def to_json(self) -> dict[str, Any]:
        """`snapshot --json`: the chosen snapshot, and every snapshot of the URL in brief."""
        listed = [{"id": s.id, "fetched_at": s.fetched_at, "sha256": s.sha256, "http_status": s.http_status}
                  for s in self.snapshots]
        return {**self.chosen.to_json(), "snapshots": listed}


def find_snapshot(store: Store, url: str, day: dt.date | None = None) -> SnapshotChoice:
    """The snapshot of `url` (as cited or normalized) taken on or before `day`."""
    found = as_cited_then_normalized(lambda u: snapshots_of(store, u), url)
    if not found:
        raise NotFoundError(f"no snapshot of {url}")
    return SnapshotChoice(pick_snapshot(found, day), found)


def snapshot_main_text(store: Store, choice: SnapshotChoice) -> str:
    """The main text extracted from the chosen snapshot."""
    return snapshot_text(store, choice.chosen.id)


def snapshot_response(store: Store, choice: SnapshotChoice) -> StoredResponse:
    """The chosen snapshot's stored HTTP response, read back from its WARC file."""
    chosen = choice.chosen
    return read_response(store.archive_dir, RecordRef(chosen.warc_file, chosen.warc_offset, chosen.warc_length))
