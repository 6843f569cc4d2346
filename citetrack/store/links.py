"""Link checks in the store: runs, due URLs streamed under leases, results, history, health.

Due URLs are read in id order, a batch at a time, and leased in the same transaction
(`lease_owner`, `lease_until`), so two processes never check the same URL; expired leases are
ignored. Results are written in small batches by the caller (`record_results`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from dataclasses import replace as dc_replace
from typing import Any

from citetrack.models import CheckResult, LinkState, LinkStatus
from citetrack.store import Store, dumps, loads, now
from citetrack.store.flags import FoundFlag, SyncSummary, sync_flags
from citetrack.store.runs import close_run, open_run

FAILING_STATUSES = tuple(status.value for status in (LinkStatus.DEAD, LinkStatus.ERROR, LinkStatus.SOFT_404))
_SUCCESS = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED})
# `store.dumps` for the evidence of every check, with one encoder made once (not one per call).
_EVIDENCE_JSON = json.JSONEncoder(sort_keys=True, default=str, ensure_ascii=False)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _precise(value: dt.datetime) -> str:
    """Check times keep microseconds: a run started in the same second as the last one still
    rechecks what that one checked (ISO strings with and without fractions sort correctly)."""
    return value.isoformat(timespec="microseconds")


def stamp(offset_seconds: float = 0.0, precise: bool = False) -> str:
    moment = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=offset_seconds)
    return _precise(moment) if precise else moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class RunInfo:
    id: int
    owner: str  # lease owner of this run
    started_at: str
    cutoff: str  # URLs checked at or after this are done for this run
    resumed_from: int | None = None


@dataclass(frozen=True)
class DueUrl:
    id: int
    url: str
    etag: str | None
    last_modified: str | None
    last_status: str | None
    state: LinkState


# ------------------------------------------------------------------ runs


def _owner_is_gone(owner: str | None) -> bool:
    """True when a lease owner is a process of this machine that no longer runs."""
    host, _, rest = (owner or "").partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def start_run(store: Store, options: dict[str, Any]) -> RunInfo:
    """Open a check run. An earlier run that was killed (unfinished, and its process gone or its
    leases expired) is resumed: its leases are freed and what it checked is not checked again."""
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    started = stamp(precise=True)
    with store.transaction() as db:
        _release_dead_owners(db)
        resumed = None
        cutoff = started
        unfinished = list(db.query(
            "SELECT id, options FROM runs WHERE kind = 'check' AND finished_at IS NULL ORDER BY id DESC"
        ))
        for row in unfinished:
            previous = loads(row["options"], {})
            previous_owner = previous.get("owner")
            gone = _owner_is_gone(previous_owner)
            live = not gone and next(iter(db.query(
                "SELECT 1 FROM urls WHERE lease_owner = ? AND lease_until >= ? LIMIT 1", [previous_owner, now()]
            )), None) is not None
            if live:
                continue  # a run at work right now: share the URLs through leases
            db.execute("UPDATE urls SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", [previous_owner])
            db["runs"].update(row["id"], {"finished_at": started, "counts": dumps({"interrupted": True})})
            if resumed is None and previous.get("cutoff"):
                resumed, cutoff = row["id"], previous["cutoff"]
        run_options = {**options, "owner": owner, "cutoff": cutoff, "resumed_from": resumed}
        run_id = open_run(db, "check", started, run_options, counts="{}")
        if resumed is not None:
            db["runs"].update(resumed, {"counts": dumps({"interrupted": True, "resumed_by": run_id})})
    return RunInfo(run_id, owner, started, cutoff, resumed)


def _owner_alive(owner: str) -> bool:
    """Whether the run that holds a lease may still be working: yes, unless it ran on this
    machine and its process is gone (killed: its leases would hide URLs until they expire)."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists (another user's process)
        return True
    return True


def _release_dead_owners(db: Any) -> None:
    """Free the leases of runs whose process died (SIGKILL, power loss of a child...)."""
    owners = [row["lease_owner"] for row in db.query("SELECT DISTINCT lease_owner FROM urls WHERE lease_owner IS NOT NULL")]
    for owner in owners:
        if not _owner_alive(owner):
            db.execute("UPDATE urls SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", [owner])


def finish_run(store: Store, run: RunInfo, counts: dict[str, Any]) -> None:
    close_run(store, run.id, counts)


# ------------------------------------------------------------------ due URLs and leases


def _due_clause(run: RunInfo, stale_before: str | None) -> tuple[str, list[Any]]:
    failing = ",".join(f"'{s}'" for s in FAILING_STATUSES)
    sql = """EXISTS (SELECT 1 FROM citation_urls cu WHERE cu.url_id = u.id)
        AND (u.last_checked_at IS NULL OR u.last_checked_at < ?)"""
    params: list[Any] = [run.cutoff]
    if stale_before is not None:
        sql += f" AND (u.last_checked_at IS NULL OR u.last_checked_at < ? OR u.last_status IN ({failing}) OR u.fail_count > 0)"
        params.append(stale_before)
    return sql, params


def count_due(store: Store, run: RunInfo, stale_before: str | None) -> int:
    """How many URLs this run has left to check (leased by others included)."""
    where, params = _due_clause(run, stale_before)
    return store.query(f"SELECT count(*) AS n FROM urls u WHERE {where}", params)[0]["n"]


def lease_due(
    store: Store, run: RunInfo, *, stale_before: str | None, after_id: int, limit: int, lease_seconds: float
) -> list[DueUrl]:
    """The next due URLs after `after_id` that nobody else holds, leased to this run."""
    where, params = _due_clause(run, stale_before)
    current = now()
    with store.transaction() as db:
        rows = list(db.query(
            f"""SELECT u.id, u.url, u.etag, u.last_modified, u.last_status, u.fail_count, u.fail_counted_at,
                   u.first_failed_at, u.confirmed_dead_at, u.fail_status, u.fail_reason, u.fail_http_status,
                   u.fail_final_url
                FROM urls u WHERE u.id > ? AND {where}
                AND (u.lease_owner IS NULL OR u.lease_until < ?)
                ORDER BY u.id LIMIT ?""",
            [after_id, *params, current, limit],
        ))
        if rows:
            ids = [row["id"] for row in rows]
            db.execute(
                f"UPDATE urls SET lease_owner = ?, lease_until = ? WHERE id IN ({','.join('?' * len(ids))})",
                [run.owner, stamp(lease_seconds), *ids],
            )
    return [
        DueUrl(
            id=row["id"], url=row["url"], etag=row["etag"], last_modified=row["last_modified"], last_status=row["last_status"],
            state=LinkState(
                fail_count=row["fail_count"] or 0, fail_counted_at=_time(row["fail_counted_at"]),
                first_failed_at=_time(row["first_failed_at"]), confirmed_dead_at=_time(row["confirmed_dead_at"]),
                fail_status=row["fail_status"], fail_reason=row["fail_reason"], fail_http_status=row["fail_http_status"],
                fail_final_url=row["fail_final_url"],
            ),
        )
        for row in rows
    ]


def renew_leases(store: Store, run: RunInfo, lease_seconds: float) -> None:
    with store.transaction() as db:
        db.execute("UPDATE urls SET lease_until = ? WHERE lease_owner = ?", [stamp(lease_seconds), run.owner])


def release_leases(store: Store, run: RunInfo) -> None:
    with store.transaction() as db:
        db.execute("UPDATE urls SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", [run.owner])


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Outcome:
    """One checked URL ready to be written: the result, the new state, and flags if to be synced."""

    due: DueUrl
    result: CheckResult
    state: LinkState
    flags: list | None  # list[Flag] to reconcile, or None to leave the URL's flags as they are
    resolve_note: str | Callable[[], str] = ""  # a callable is called only when a flag is resolved


def _citers(db, url_id: int) -> list[dict[str, Any]]:
    """One citation per document citing the URL (the first in reading order)."""
    rows = db.query(
        """SELECT c.document_id, c.id AS citation_id, c.footnote, c.key FROM citation_urls cu
           JOIN citations c ON c.id = cu.citation_id WHERE cu.url_id = ? ORDER BY c.document_id, c.position""",
        [url_id],
    )
    first: dict[int, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row["document_id"], row)
    return list(first.values())


def record_results(store: Store, run: RunInfo, outcomes: Iterable[Outcome], history: bool = True) -> SyncSummary:
    """Write a batch of results in one transaction: history rows, URL state, leases released, flags.

    `history=False`: the checks are already in the history (written earlier in the run, their
    count held back until the run knew the network was up); only state and flags are written."""
    summary = SyncSummary()
    outcomes = list(outcomes)
    with store.transaction() as db:
        checks = []
        updates: dict[str, list[list[Any]]] = {}
        flagged = _urls_with_open_check_flags(db, [o.due.url for o in outcomes if o.flags == []])
        for outcome in outcomes:
            result, state, due = outcome.result, outcome.state, outcome.due
            checked = _precise(result.checked_at)
            if history:
                checks.append({
                    "url_id": due.id, "run_id": run.id, "checked_at": checked, "status": str(result.status),
                    "http_status": result.http_status, "final_url": result.final_url, "redirects": dumps(list(result.redirects)) if result.redirects else "[]",
                    "elapsed_ms": result.elapsed_ms, "error": result.error, "reason": result.reason, "etag": result.etag,
                    "last_modified": result.last_modified, "content_type": result.content_type,
                    "content_length": result.content_length, "title": result.title, "evidence": _EVIDENCE_JSON.encode(result.evidence),
                })
            values = [
                checked, str(result.status), result.http_status, result.final_url, result.reason, result.error,
                state.fail_count, _iso(state.fail_counted_at), _iso(state.first_failed_at), _iso(state.confirmed_dead_at),
                state.fail_status, state.fail_reason, state.fail_http_status, state.fail_final_url,
            ]
            if result.etag or result.last_modified:
                validators = "etag = ?, last_modified = ?,"
                values += [result.etag, result.last_modified]
            elif not result.not_modified and result.status in _SUCCESS:
                validators = "etag = NULL, last_modified = NULL,"
            else:
                validators = ""
            updates.setdefault(validators, []).append([*values, due.id])
            if outcome.flags is None:
                continue
            if not outcome.flags and due.url not in flagged:
                continue  # nothing to open, nothing open to resolve
            found = [
                FoundFlag(citer["document_id"], dc_replace(flag, footnote=citer["footnote"], citation_key=citer["key"]), citer["citation_id"])
                for flag in outcome.flags
                for citer in _citers(db, due.id)
            ]
            note = outcome.resolve_note() if callable(outcome.resolve_note) else outcome.resolve_note
            part = sync_flags(store, "check", found, scope_sql="url = ?", scope_params=[due.url], resolve_note=note)
            summary.opened += part.opened
            summary.reopened += part.reopened
            summary.auto_resolved += part.auto_resolved
            summary.kept += part.kept
        for validators, rows in updates.items():  # one statement per shape, not one call per URL
            db.conn.executemany(
                f"""UPDATE urls SET last_checked_at = ?, last_status = ?, last_http_status = ?, last_final_url = ?,
                    last_reason = ?, last_error = ?, fail_count = ?, fail_counted_at = ?, first_failed_at = ?,
                    confirmed_dead_at = ?, fail_status = ?, fail_reason = ?, fail_http_status = ?, fail_final_url = ?,
                    {validators} lease_owner = NULL, lease_until = NULL WHERE id = ?""",
                rows,
            )
        if checks:
            columns = list(checks[0])
            db.conn.executemany(
                f"INSERT INTO checks ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [[row[c] for c in columns] for row in checks],
            )
    return summary


def _urls_with_open_check_flags(db: Any, urls: list[str]) -> set[str]:
    """Which of these URLs have an open flag from the link check (one query per batch, not per URL)."""
    found: set[str] = set()
    for start in range(0, len(urls), 500):
        part = urls[start : start + 500]
        found.update(row["url"] for row in db.query(
            f"SELECT DISTINCT url FROM flags WHERE origin = 'check' AND status = 'open' AND url IN ({','.join('?' * len(part))})",
            part,
        ))
    return found


def mark_network_down(store: Store, run: RunInfo, items: Iterable[tuple[int, dt.datetime, str]]) -> None:
    """Rewrite checks of this run made while the network was down as `error` / `network-down`
    (url id, time of the check, the error to show): they were never counted, and now say why."""
    rows = [(error, run.id, url_id, _precise(checked_at)) for url_id, checked_at, error in items]
    if not rows:
        return
    with store.transaction() as db:
        db.conn.executemany(
            "UPDATE checks SET status = 'error', reason = 'network-down', error = ? WHERE run_id = ? AND url_id = ? AND checked_at = ?",
            rows,
        )
        db.conn.executemany(
            "UPDATE urls SET last_status = 'error', last_reason = 'network-down', last_error = ? WHERE id = ? AND last_checked_at = ?",
            [(text, url_id, checked) for text, _run_id, url_id, checked in rows],
        )


# ------------------------------------------------------------------ reading: history and health


@dataclass(frozen=True)
class UrlState:
    """Where a URL stands after its last check: status, failure tally, cache validators."""

    last_status: str | None
    last_checked_at: str | None
    fail_count: int
    first_failed_at: str | None
    confirmed_dead_at: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class CitingDocument:
    """A document that cites a URL."""

    id: int
    path: str
    title: str | None


@dataclass(frozen=True)
class CheckRecord:
    """One check of a URL, as the history keeps it."""

    checked_at: str
    run_id: int | None
    status: str
    http_status: int | None
    final_url: str | None
    redirects: list[Any]
    elapsed_ms: int | None
    error: str | None
    reason: str | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    content_length: int | None
    title: str | None


_CHECK_FIELDS = ("checked_at", "run_id", "status", "http_status", "final_url", "elapsed_ms", "error", "reason",
                 "etag", "last_modified", "content_type", "content_length", "title")


@dataclass(frozen=True)
class UrlHistory:
    """A URL's state, the documents citing it and its checks, oldest first (fields in the JSON's key order)."""

    url: str
    state: UrlState
    documents: list[CitingDocument]
    checks: list[CheckRecord]

    def to_json(self) -> dict[str, Any]:
        """`history --json`: the nested objects as JSON objects, in field order."""
        return asdict(self)


def url_history(store: Store, url: str, limit: int | None = None) -> UrlHistory | None:
    """A URL's state and its checks, oldest first; None when the store does not hold it."""
    rows = store.query("SELECT * FROM urls WHERE url = ?", [url])
    if not rows:
        return None
    row = rows[0]
    sql = "SELECT * FROM checks WHERE url_id = ? ORDER BY checked_at, id"
    checks = store.query(sql, [row["id"]])
    if limit:
        checks = checks[-limit:]
    documents = store.query(
        """SELECT DISTINCT d.id, d.path, d.title FROM citation_urls cu JOIN citations c ON c.id = cu.citation_id
           JOIN documents d ON d.id = c.document_id WHERE cu.url_id = ? ORDER BY d.id""",
        [row["id"]],
    )
    return UrlHistory(
        url=row["url"],
        state=UrlState(**{name: row[name] for name in UrlState.__dataclass_fields__}),
        documents=[CitingDocument(**doc) for doc in documents],
        checks=[CheckRecord(redirects=loads(c["redirects"], []), **{name: c[name] for name in _CHECK_FIELDS})
                for c in checks],
    )


STATUSES = tuple(status.value for status in LinkStatus)


@dataclass(frozen=True)
class DocumentLinkHealth:
    """A document's distinct URLs by last status (unchecked apart), their shares, and how many are confirmed dead."""

    document_id: int
    path: str
    title: str | None
    urls: int
    counts: dict[str, int]  # status (and "unchecked") -> URLs
    share: dict[str, float]  # status -> share of the checked URLs, 4 decimals
    confirmed_dead: int

    def to_json(self) -> dict[str, Any]:
        """The document's entry in `status --json`."""
        return asdict(self)


def document_link_health(store: Store, document_id: int | None = None) -> list[DocumentLinkHealth]:
    """Per document: its distinct URLs by last status (unchecked counted apart), with shares."""
    scope, params = ("WHERE d.id = ?", [document_id]) if document_id is not None else ("", [])
    rows = store.query(
        f"""SELECT d.id AS document_id, d.path, d.title, coalesce(u.last_status, 'unchecked') AS status,
                   count(DISTINCT u.id) AS n
            FROM documents d LEFT JOIN citations c ON c.document_id = d.id
            LEFT JOIN citation_urls cu ON cu.citation_id = c.id LEFT JOIN urls u ON u.id = cu.url_id
            {scope} GROUP BY d.id, status ORDER BY d.id""",
        params,
    )
    documents: dict[int, dict[str, Any]] = {}
    for row in rows:
        doc = documents.setdefault(row["document_id"], {
            "document_id": row["document_id"], "path": row["path"], "title": row["title"], "urls": 0,
            "counts": {status: 0 for status in (*STATUSES, "unchecked")},
        })
        if row["n"]:
            doc["counts"][row["status"]] = doc["counts"].get(row["status"], 0) + row["n"]
            doc["urls"] += row["n"]
    health = []
    for doc in documents.values():
        checked = doc["urls"] - doc["counts"]["unchecked"]
        share = {s: round(doc["counts"][s] / checked, 4) if checked else 0.0 for s in STATUSES}
        confirmed_dead = store.query(
            """SELECT count(DISTINCT u.id) AS n FROM citations c JOIN citation_urls cu ON cu.citation_id = c.id
               JOIN urls u ON u.id = cu.url_id WHERE c.document_id = ? AND u.confirmed_dead_at IS NOT NULL""",
            [doc["document_id"]],
        )[0]["n"]
        health.append(DocumentLinkHealth(**doc, share=share, confirmed_dead=confirmed_dead))
    return health


@dataclass(frozen=True)
class StoredRun:
    """A run as the store records it: when it started and finished, and what it counted."""

    id: int
    started_at: str
    finished_at: str | None
    counts: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The run as a JSON object, in field order."""
        return asdict(self)


def last_runs(store: Store, count: int = 2) -> list[StoredRun]:
    """The latest `count` check runs, newest first."""
    rows = store.query(
        "SELECT id, started_at, finished_at, counts FROM runs WHERE kind = 'check' ORDER BY id DESC LIMIT ?", [count]
    )
    return [StoredRun(**{**row, "counts": loads(row["counts"], {})}) for row in rows]


@dataclass(frozen=True)
class StatusChange:
    """A URL whose status in a run differs from its previous check (`from_` is None for a first check)."""

    url: str
    to: str
    checked_at: str
    http_status: int | None
    from_: str | None

    def to_json(self) -> dict[str, Any]:
        """The change as `status --json` lists it (the previous status under "from")."""
        return {"url": self.url, "to": self.to, "checked_at": self.checked_at, "http_status": self.http_status,
                "from": self.from_}


def changes_in_run(store: Store, run_id: int, document_id: int | None = None) -> list[StatusChange]:
    """URLs whose status in this run differs from their previous check."""
    scope, params = "", [run_id]
    if document_id is not None:
        scope = """AND k.url_id IN (SELECT cu.url_id FROM citation_urls cu JOIN citations c ON c.id = cu.citation_id
                   WHERE c.document_id = ?)"""
        params.append(document_id)
    rows = store.query(
        f"""SELECT u.url, k.status AS "to", k.checked_at, k.http_status,
               (SELECT p.status FROM checks p WHERE p.url_id = k.url_id AND (p.checked_at < k.checked_at
                   OR (p.checked_at = k.checked_at AND p.id < k.id)) ORDER BY p.checked_at DESC, p.id DESC LIMIT 1) AS "from"
            FROM checks k JOIN urls u ON u.id = k.url_id WHERE k.run_id = ? {scope} ORDER BY u.url""",
        params,
    )
    return [
        StatusChange(url=row["url"], to=row["to"], checked_at=row["checked_at"], http_status=row["http_status"],
                     from_=row["from"])
        for row in rows if row["from"] != row["to"]
    ]
