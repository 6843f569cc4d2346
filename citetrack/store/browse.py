"""Read models for browsing the store (the web app): the flag queue, a page at a time, with
facet counts; documents with their health and open flags by kind; one claim with everything a
reviewer weighs; one snapshot with its neighbours. Nothing here writes.

Each function answers one page, so the web surface makes one call per request.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from citetrack import settings
from citetrack.errors import NotFoundError
from citetrack.store import Store, dumps, loads
from citetrack.store.archive import (
    SNAPSHOT_COLUMNS, ClaimFlag, ClaimSources, StoredSnapshot, claim_sources, decode_snapshot,
)
from citetrack.store.documents import ClaimListing, DocumentListing, list_claims, list_documents
from citetrack.store.flags import FLAG_COLUMNS, FlagEvent, FlagFilter, StoredFlag, flag_history, list_flags, stored_flag
from citetrack.store.links import CheckRecord, DocumentLinkHealth, StoredRun, document_link_health, url_history
from citetrack.store.views import RunHealth, link_health

# How the queue can be ordered: name -> ORDER BY (ties broken by id so pages never overlap).
QUEUE_SORTS = {
    "document": "f.document_id, coalesce(c.position, 1e9), f.footnote, f.kind, f.id",
    "severity": "CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.document_id, f.id",
    "kind": "f.kind, f.document_id, f.id",
    "newest": "f.created_at DESC, f.id DESC",
    "decided": "f.decided_at IS NULL, f.decided_at DESC, f.id DESC",
}


@dataclass(frozen=True)
class QueueQuery:
    """One page of the flag queue: the filters of `flags` plus a text search, an order, a page."""

    document_id: int | None = None
    kind: str | None = None
    severity: str | None = None
    status: str | None = "open"  # None or "all" = every status
    text: str | None = None
    sort: str = "document"
    page: int = 1
    per_page: int = settings.WEB_QUEUE_PAGE_SIZE


@dataclass(frozen=True)
class QueuedFlag(StoredFlag):
    """A flag as the queue lists it: the stored flag, its document's title and the claim citing its note."""

    document_title: str
    claim_id: int | None


@dataclass(frozen=True)
class ReviewedFlag(StoredFlag):
    """A flag as the claim page shows it: the stored flag with its history of decisions."""

    history: list[FlagEvent]


@dataclass(frozen=True)
class DocumentTitle:
    """A document's id and title (its path when it has none), for a filter's choices."""

    id: int
    title: str


@dataclass
class QueuePage:
    query: QueueQuery
    flags: list[QueuedFlag]
    total: int  # flags matching every filter
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> count
    documents: list[DocumentTitle] = field(default_factory=list)  # every document, for the filter

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def _queue_where(query: QueueQuery, skip: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause of the queue's filters, leaving out `skip` (for that facet's counts)."""
    clauses, params = ["1 = 1"], []
    if query.document_id is not None and skip != "document":
        clauses.append("f.document_id = ?")
        params.append(query.document_id)
    if query.kind and skip != "kind":
        clauses.append("f.kind = ?")
        params.append(query.kind)
    if query.severity and skip != "severity":
        clauses.append("f.severity = ?")
        params.append(query.severity)
    if query.status and query.status != "all" and skip != "status":
        clauses.append("f.status = ?")
        params.append(query.status)
    if query.text and query.text.strip():
        needle = query.text.strip().lower()
        clauses.append(
            """(instr(lower(f.message), ?) OR instr(lower(coalesce(f.url, '')), ?) OR instr(lower(f.kind), ?)
                OR instr(lower(coalesce(f.note, '')), ?) OR instr(lower(coalesce(c.text, '')), ?)
                OR coalesce(f.footnote, '') = ?)"""
        )
        params.extend([needle] * 5 + [query.text.strip()])
    return " AND ".join(clauses), params


_QUEUE_FROM = "FROM flags f LEFT JOIN citations c ON c.id = f.citation_id"


def queue_ids(store: Store, query: QueueQuery) -> list[int]:
    """The ids of every flag matching the queue's filters (for a bulk decision on all of them)."""
    where, params = _queue_where(query)
    return [row["id"] for row in store.query(f"SELECT f.id {_QUEUE_FROM} WHERE {where} ORDER BY f.id", params)]


def queue_counts(store: Store, query: QueueQuery) -> dict[str, dict[str, int]]:
    """Facet counts: per status, kind and severity, each under the other filters."""
    counts: dict[str, dict[str, int]] = {}
    for facet, column in (("status", "f.status"), ("kind", "f.kind"), ("severity", "f.severity")):
        where, params = _queue_where(query, skip=facet)
        rows = store.query(f"SELECT {column} AS value, count(*) AS n {_QUEUE_FROM} WHERE {where} GROUP BY {column}", params)
        counts[facet] = {row["value"]: row["n"] for row in rows}
    return counts


def flag_queue(store: Store, query: QueueQuery) -> QueuePage:
    """One page of flags in the queue's order, with the total and the facet counts."""
    if query.sort not in QUEUE_SORTS:
        query = replace(query, sort="document")
    where, params = _queue_where(query)
    total = store.query(f"SELECT count(*) AS n {_QUEUE_FROM} WHERE {where}", params)[0]["n"]
    page = max(1, min(query.page, max(1, -(-total // query.per_page))))
    query = replace(query, page=page)
    # The page's ids first (sorting narrow rows), then their details: the claim lookup runs for
    # the rows shown, not for every row sorted (10,000 flags: page 100 in ms, not seconds).
    page_ids = [row["id"] for row in store.query(
        f"SELECT f.id {_QUEUE_FROM} WHERE {where} ORDER BY {QUEUE_SORTS[query.sort]} LIMIT ? OFFSET ?",
        [*params, query.per_page, (page - 1) * query.per_page],
    )]
    details = {row["id"]: row for row in store.query(
        f"""SELECT {FLAG_COLUMNS}, d.title AS document_title, d.path AS document_path,
               (SELECT cl.id FROM claims cl JOIN claim_notes cn ON cn.claim_id = cl.id
                 WHERE cl.document_id = f.document_id AND cn.label = f.footnote ORDER BY cl.position LIMIT 1) AS claim_id
            FROM flags f JOIN documents d ON d.id = f.document_id WHERE f.id IN (SELECT value FROM json_each(?))""",
        [dumps(page_ids)],
    )}
    rows = [details[flag_id] for flag_id in page_ids]
    flags = [
        QueuedFlag(**vars(stored_flag(row)), document_title=row["document_title"] or row["document_path"],
                   claim_id=row["claim_id"])
        for row in rows
    ]
    titles = store.query("SELECT id, coalesce(title, path) AS title FROM documents ORDER BY id")
    documents = [DocumentTitle(**row) for row in titles]
    return QueuePage(query, flags, total, queue_counts(store, query), documents)


# ---------------------------------------------------------------- documents


def recent_runs(store: Store) -> dict[str, StoredRun | None]:
    """The latest run of each long step (`check`, `archive`): when it ran and what it found."""
    out: dict[str, StoredRun | None] = {}
    for kind in ("check", "archive"):
        rows = store.query(
            "SELECT id, started_at, finished_at, counts FROM runs WHERE kind = ? ORDER BY id DESC LIMIT 1", [kind]
        )
        out[kind] = StoredRun(**{**rows[0], "counts": loads(rows[0]["counts"], {})}) if rows else None
    return out


def open_flags_by_kind(store: Store, document_id: int | None = None) -> dict[int, dict[str, int]]:
    """Per document, its open flags counted by kind."""
    scope, params = ("AND document_id = ?", [document_id]) if document_id is not None else ("", [])
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in store.query(
        f"""SELECT document_id, kind, count(*) AS n FROM flags WHERE status = 'open' {scope}
            GROUP BY document_id, kind ORDER BY document_id, n DESC, kind""",
        params,
    ):
        counts[row["document_id"]][row["kind"]] = row["n"]
    return counts


@dataclass(frozen=True)
class DocumentOverview(DocumentListing):
    """A document with its counts, its link health now (None without links) and its open flags by kind."""

    health: DocumentLinkHealth | None
    open_by_kind: dict[str, int]


@dataclass(frozen=True)
class ClaimOverview(ClaimListing):
    """A claim with the number of open flags on its notes."""

    open_flags: int


@dataclass
class DocumentsOverview:
    documents: list[DocumentOverview]
    runs: dict[str, StoredRun | None]  # the latest check and archive runs


def documents_overview(store: Store) -> DocumentsOverview:
    """Every document with its counts, link health, open flags by kind; the last check and archive runs."""
    health = {row.document_id: row for row in document_link_health(store)}
    by_kind = open_flags_by_kind(store)
    documents = [
        DocumentOverview(**vars(doc), health=health.get(doc.id), open_by_kind=by_kind.get(doc.id, {}))
        for doc in list_documents(store)
    ]
    return DocumentsOverview(documents, recent_runs(store))


@dataclass
class DocumentPage:
    document: DocumentOverview
    runs_over_time: list[RunHealth]  # link health per check run, oldest first (the chart)
    claims: list[ClaimOverview]
    runs: dict[str, StoredRun | None]


def document_page(store: Store, document_id: int) -> DocumentPage:
    """One document: its counts and health, the health over time, its claims with their open flags."""
    overview = documents_overview(store)
    found = [doc for doc in overview.documents if doc.id == document_id]
    if not found:
        raise NotFoundError(f"no document with id {document_id}")
    open_by_label = {
        row["footnote"]: row["n"]
        for row in store.query(
            "SELECT footnote, count(*) AS n FROM flags WHERE document_id = ? AND status = 'open' GROUP BY footnote",
            [document_id],
        )
    }
    claims = [
        ClaimOverview(**vars(claim), open_flags=sum(open_by_label.get(label, 0) for label in claim.footnotes))
        for claim in list_claims(store, document_id)
    ]
    return DocumentPage(found[0], link_health(store, document_id), claims, overview.runs)


# ---------------------------------------------------------------- claims


@dataclass(frozen=True)
class DocumentRef:
    """A document's id, title and path."""

    id: int
    title: str | None
    path: str


@dataclass(frozen=True)
class ClaimPosition:
    """A claim's id, text and place in its document."""

    id: int
    text: str
    position: int


@dataclass(frozen=True)
class ClaimDetail(ClaimSources):
    """What the claim page shows: `claim_sources` (each link with its archived text) plus the document,
    the note labels, the neighbouring claims, each link's recent checks, and the flags with decisions."""

    document: DocumentRef
    labels: list[str]
    around: list[ClaimPosition]  # the claim and its neighbours, in document order
    history: dict[str, list[CheckRecord]]  # URL -> its latest checks, oldest first
    flag_rows: list[ReviewedFlag]
    previous_id: int | None
    next_id: int | None


def claim_detail(store: Store, claim_id: int) -> ClaimDetail:
    """What `show` gives for a claim (with each source's archived text, for the passage), plus the
    document, the neighbouring claims, each link's check history, and the flags with decisions."""
    view = claim_sources(store, claim_id)
    claim = view.claim
    document = store.query("SELECT id, title, path FROM documents WHERE id = ?", [claim.document_id])[0]
    labels = [row["label"] for row in store.query(
        "SELECT label FROM claim_notes WHERE claim_id = ? ORDER BY position", [claim_id])]
    around = [ClaimPosition(**row) for row in store.query(
        """SELECT id, text, position FROM claims WHERE document_id = ? AND position BETWEEN
             (SELECT position FROM claims WHERE id = ?) - 1 AND (SELECT position FROM claims WHERE id = ?) + 1
           ORDER BY position""",
        [claim.document_id, claim_id, claim_id],
    )]
    history: dict[str, list[CheckRecord]] = {}
    for citation in view.citations:
        for url in citation.urls:
            if url.url and url.url not in history:
                found = url_history(store, url.url, limit=settings.WEB_HISTORY_CHECKS)
                history[url.url] = found.checks if found else []
    here = next(row.position for row in around if row.id == claim_id)
    return ClaimDetail(
        **vars(view), document=DocumentRef(**document), labels=labels, around=around, history=history,
        flag_rows=_reviewed_flags(store, claim_id, view.flags),
        previous_id=next((row.id for row in around if row.position < here), None),
        next_id=next((row.id for row in around if row.position > here), None),
    )


def _reviewed_flags(store: Store, claim_id: int, on_sources: list[ClaimFlag]) -> list[ReviewedFlag]:
    """The flags of the claim's notes, then those on its sources not already among them, each with its history."""
    flags = list_flags(store, FlagFilter(status="all", claim_id=claim_id))
    shown = {flag.id for flag in flags}
    flags += [stored_flag(row) for row in store.query(
        f"SELECT {FLAG_COLUMNS} FROM flags f WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.id",
        [dumps([flag.id for flag in on_sources if flag.id not in shown])],
    )]
    return [ReviewedFlag(**vars(flag), history=flag_history(store, flag.id)) for flag in flags]


# ---------------------------------------------------------------- snapshots


def get_snapshot(store: Store, snapshot_id: int, *, with_text: bool = False) -> StoredSnapshot:
    """One snapshot row with its URL (and main text)."""
    text = ", s.text" if with_text else ""
    rows = store.query(
        f"SELECT {SNAPSHOT_COLUMNS}{text}, u.url FROM snapshots s JOIN urls u ON u.id = s.url_id WHERE s.id = ?",
        [snapshot_id],
    )
    if not rows:
        raise NotFoundError(f"no snapshot with id {snapshot_id}")
    return decode_snapshot(rows[0])


@dataclass(frozen=True)
class SnapshotVersion:
    """One snapshot of a URL, in brief: when it was fetched and last seen, its digest and HTTP status."""

    id: int
    fetched_at: str
    last_seen_at: str
    sha256: str | None
    http_status: int | None


@dataclass(frozen=True)
class LiveState:
    """A URL's state by its last check."""

    last_status: str | None
    last_checked_at: str | None
    last_http_status: int | None


@dataclass(frozen=True)
class ClaimText:
    """A claim's id, document and text."""

    id: int
    document_id: int
    text: str


@dataclass(frozen=True)
class SnapshotPage:
    """A snapshot with its text, its URL's other snapshots (oldest first; `index` is this one's place),
    the previous one (for the drift diff), the URL's live state and the claims citing it."""

    snapshot: StoredSnapshot
    versions: list[SnapshotVersion]
    index: int
    previous: StoredSnapshot | None
    live: LiveState
    claims: list[ClaimText]


def snapshot_page(store: Store, snapshot_id: int) -> SnapshotPage:
    """A snapshot with its text, every snapshot of the same URL, the previous one's text (for the
    drift diff), the URL's live state and the claims that cite it."""
    snap = get_snapshot(store, snapshot_id, with_text=True)
    versions = [SnapshotVersion(**row) for row in store.query(
        "SELECT id, fetched_at, last_seen_at, sha256, http_status FROM snapshots WHERE url_id = ? ORDER BY fetched_at, id",
        [snap.url_id],
    )]
    index = next(i for i, version in enumerate(versions) if version.id == snapshot_id)
    previous = get_snapshot(store, versions[index - 1].id, with_text=True) if index else None
    live = store.query("SELECT last_status, last_checked_at, last_http_status FROM urls WHERE id = ?", [snap.url_id])[0]
    claims = store.query(
        """SELECT DISTINCT cl.id, cl.document_id, cl.text FROM citation_urls cu JOIN citations ci ON ci.id = cu.citation_id
           JOIN claim_notes cn ON cn.label = ci.footnote
           JOIN claims cl ON cl.id = cn.claim_id AND cl.document_id = ci.document_id
           WHERE cu.url_id = ? ORDER BY cl.document_id, cl.position""",
        [snap.url_id],
    )
    return SnapshotPage(snap, versions, index, previous, LiveState(**live), [ClaimText(**row) for row in claims])
