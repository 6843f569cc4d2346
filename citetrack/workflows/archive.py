"""`archive_sources`: snapshot every reachable cited page, look up public copies, then compare
every citation and claim with its archived source and reconcile the archive's flags.

One transaction per page (a killed run keeps what it archived) and one per document's flags.
Failures (offline, refused, timeouts) are recorded per URL and never stop the run.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import asdict, dataclass, field
from typing import Any

from citetrack import settings
from citetrack.config import ARCHIVE_KEYS, ARCHIVE_RENAMED, check_archive_value
from citetrack.models import LinkStatus
from citetrack.archive import wayback
from citetrack.check.hosts import HostState, host_key
from citetrack.archive.extract import ExtractedPage, extract, page_kind
from citetrack.archive.fetch import FetchOptions, Fetched, fetch, make_session
from citetrack.archive.sandbox import BudgetExceeded, Sandbox, shared
from citetrack.archive.warc import Exchange, append_exchange, payload_digest
from citetrack.rules.source import (
    PageSummary,
    content_change,
    content_changed_flag,
    not_archived_flag,
    page_date_flag,
    site_name_flag,
    title_mismatch_flag,
)
from citetrack.rules.support import SourceText, unsupported_claim_flag
from citetrack.store import Store, now
from citetrack.store import archive as queries
from citetrack.store.flags import FoundFlag, sync_flags

ORIGIN = "archive"
RESOLVE_NOTE = "Resolved automatically: the archived source no longer shows the problem."

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ArchiveOptions:
    """What `citetrack archive` does: fetch rules, and whether to use the Wayback Machine."""

    allow_private: bool = False
    wayback: bool = True
    save: bool = False  # ask Save Page Now for pages with no public copy
    timeout: float = settings.ARCHIVE_TIMEOUT
    max_bytes: int = settings.ARCHIVE_MAX_BYTES
    user_agent: str | None = None  # None: the check's User-Agent
    extract_seconds: float = settings.ARCHIVE_EXTRACT_SECONDS  # one page's extraction, at most
    extract_memory: int = settings.ARCHIVE_EXTRACT_MEMORY_BYTES
    concurrency: int = settings.ARCHIVE_CONCURRENCY  # pages fetched at once, all hosts together
    per_host: int = settings.ARCHIVE_PER_HOST  # pages fetched at once from one host

    @classmethod
    def from_sources(cls, config: dict[str, Any], cli: dict[str, Any]) -> ArchiveOptions:
        """Defaults, then the config file's validated [archive] table (`config.archive_section`),
        then the command line's values (None: not given), each checked as the file's are."""
        given = {key: value for key, value in cli.items() if value is not None}
        for key, value in given.items():
            if key in ARCHIVE_KEYS:
                check_archive_value(f"--{key.replace('_', '-')}", key, value)
        return cls(**{ARCHIVE_RENAMED.get(key, key): value for key, value in {**config, **given}.items()})

    def fetch_options(self) -> FetchOptions:
        return FetchOptions(timeout=self.timeout, max_bytes=self.max_bytes, allow_private=self.allow_private,
                            user_agent=self.user_agent)


@dataclass
class SnapshotOutcome:
    """One URL's result in this run. status: archived, unchanged, failed."""

    url: str
    status: str
    http_status: int | None = None
    sha256: str | None = None
    warc_file: str | None = None
    title: str | None = None
    published: str | None = None
    archive_url: str | None = None
    error: str | None = None
    note: str | None = None  # why the snapshot is incomplete (body cut, extraction stopped)


@dataclass
class ArchiveReport:
    run_id: int
    snapshots: list[SnapshotOutcome] = field(default_factory=list)
    lookups: int = 0
    lookup_errors: int = 0
    flags: int = 0  # open flags of the archive step after the run

    @property
    def archived(self) -> int:
        return sum(1 for s in self.snapshots if s.status in {"archived", "unchanged"})

    def to_json(self) -> dict[str, Any]:
        return {
            "archived": self.archived,
            "snapshots": [asdict(s) for s in self.snapshots],
            "lookups": self.lookups,
            "lookup_errors": self.lookup_errors,
            "flags": self.flags,
        }


def archive_sources(store: Store, opts: ArchiveOptions = ArchiveOptions(), progress: Progress | None = None,
                    *, session=None) -> ArchiveReport:
    """Archive, look up, compare, flag: the whole `citetrack archive` run."""
    run_id = queries.start_run(store, asdict(opts))
    report = ArchiveReport(run_id)
    session = session or make_session(opts.fetch_options())
    targets = queries.urls_to_archive(store)
    order = {row.url: i for i, row in enumerate(targets)}
    sandbox = shared(opts.extract_memory)
    for done, (row, fetched) in enumerate(fetch_all(session, targets, opts), 1):
        report.snapshots.append(keep(store, row, fetched, run_id, sandbox, opts.extract_seconds))
        if progress:
            progress(done, len(targets), row.url)
    report.snapshots.sort(key=lambda s: order[s.url])
    if opts.wayback:
        find_public_copies(store, session, opts, report)
    report.flags = raise_flags(store)
    queries.finish_run(store, run_id, {"archived": report.archived, "failed": sum(
        1 for s in report.snapshots if s.status == "failed"), "lookups": report.lookups, "flags": report.flags})
    return report


# ------------------------------------------------------------------ one page


def fetch_all(session, targets: list[queries.ArchiveTarget], opts: ArchiveOptions) -> Iterator[tuple[queries.ArchiveTarget, Fetched]]:
    """Fetch the targets on a few threads, at most a few at once per host (the check's limit),
    a host that answers 429/5xx spaced out; yields as they arrive, never far ahead of the
    consumer (each fetched body waits in a spool until it is kept)."""
    hosts: dict[str, tuple[threading.Semaphore, HostState]] = {}
    lock = threading.Lock()
    fetch_opts = opts.fetch_options()

    def work(row: queries.ArchiveTarget) -> tuple[queries.ArchiveTarget, Fetched]:
        key = host_key(row.url)
        with lock:
            if key not in hosts:
                hosts[key] = (threading.Semaphore(opts.per_host), HostState(key, opts.per_host))
            slot, state = hosts[key]
        with slot:
            wait = state.wait_time()
            if wait:
                time.sleep(wait)
            fetched = fetch(session, row.url, fetch_opts)
        if fetched.http_status in (429, 502, 503, 504):
            state.penalize()
        else:
            state.relax()
        return row, fetched

    window = max(1, opts.concurrency) * 2
    with ThreadPoolExecutor(max_workers=max(1, opts.concurrency), thread_name_prefix="archive") as pool:
        pending = iter(targets)
        running = set()
        for row in itertools.islice(pending, window):
            running.add(pool.submit(work, row))
        while running:
            done, running = wait_futures(running, return_when=FIRST_COMPLETED)
            for future in done:
                next_row = next(pending, None)
                if next_row is not None:
                    running.add(pool.submit(work, next_row))
                yield future.result()


def keep(store: Store, row: queries.ArchiveTarget, fetched: Fetched, run_id: int, sandbox: Sandbox | None = None,
         extract_seconds: float = settings.ARCHIVE_EXTRACT_SECONDS) -> SnapshotOutcome:
    """Keep one fetch: a new WARC record, a reused one (same body), or a recorded failure.

    The page's facts are extracted in `sandbox` (a worker process held to `extract_seconds` and
    its memory budget); without one, in this process (tests, tools)."""
    url_id, url = row.id, row.url
    try:
        if fetched.error or fetched.sha256 is None:
            error = fetched.error or "no answer"
            queries.record_failure(store, url_id, run_id, error)
            return SnapshotOutcome(url, "failed", error=error)
        stamp = fetched.fetched_at.isoformat(timespec="seconds")
        latest = queries.latest_snapshot(store, url_id)
        if latest is not None and latest.sha256 == fetched.sha256:
            queries.touch_snapshot(store, latest.id, stamp)
            return _outcome(url, "unchanged", latest.to_json())
        same = queries.snapshot_with_body(store, fetched.sha256)
        if same is not None:  # identical body already stored: point at its record, reuse its facts
            _record_for_replay(store, fetched, same)
            values = {k: getattr(same, k) for k in ("warc_file", "warc_offset", "warc_length", "kind", "title", "titles",
                                           "site_name", "authors", "published", "published_field", "modified",
                                           "language", "text", "note")}
        else:
            values = _store_new_body(store, fetched, sandbox, extract_seconds)
        values.update(
            url_id=url_id, run_id=run_id, fetched_at=stamp, last_seen_at=stamp, final_url=fetched.final_url,
            http_status=fetched.http_status, content_type=fetched.content_type, sha256=fetched.sha256,
            size=fetched.size, truncated=int(fetched.truncated),
        )
        queries.save_snapshot(store, values)
        return _outcome(url, "archived", values)
    finally:
        fetched.close()


def _exchange(fetched: Fetched) -> Exchange:
    return Exchange(
        url=fetched.final_url or fetched.url, http_status=fetched.http_status or 0, reason=fetched.reason,
        response_headers=fetched.headers, request_headers=fetched.request_headers,
        fetched_at=fetched.fetched_at, ip_address=fetched.ip_address, truncated=fetched.truncated_reason,
    )


def _hops(fetched: Fetched) -> tuple[Exchange, ...]:
    """The redirect hops before the answer, as body-less exchanges (replay follows them)."""
    return tuple(Exchange(url=hop.url, http_status=hop.status, reason=hop.reason,
                          response_headers=hop.raw_headers or tuple(hop.headers.items()), fetched_at=fetched.fetched_at)
                 for hop in fetched.hops)


def _record_for_replay(store: Store, fetched: Fetched, same: queries.StoredSnapshot) -> None:
    """A body already stored under another URL (or reached through redirects): the redirect hops
    and a `revisit` record pointing at the stored response go to the WARC, so that a replay tool
    asked for the cited URL finds it. The snapshot keeps pointing at the stored response."""
    final = fetched.final_url or fetched.url
    if not fetched.hops and final == (same.final_url or final) or not fetched.sha1:
        return
    stored_at = dt.datetime.fromisoformat(same.fetched_at)
    append_exchange(store.archive_dir, _exchange(fetched), None, 0, redirects=_hops(fetched),
                    digest=payload_digest(fetched.sha1), revisit_of=(same.final_url or final, stored_at))


def _store_new_body(store: Store, fetched: Fetched, sandbox: Sandbox | None = None,
                    extract_seconds: float = settings.ARCHIVE_EXTRACT_SECONDS) -> dict[str, Any]:
    fetched.body.seek(0)
    ref = append_exchange(store.archive_dir, _exchange(fetched), fetched.body, fetched.size, redirects=_hops(fetched),
                          known_end=lambda name: queries.warc_known_end(store, name),
                          digest=payload_digest(fetched.sha1) if fetched.sha1 else None)
    notes = [f"body cut ({fetched.truncated_reason})"] if fetched.truncated_reason else []
    kind = page_kind(fetched.content_type, fetched.read_body(2048))
    facts = ExtractedPage(kind="other")
    if kind != "other":
        body = fetched.read_body(settings.ARCHIVE_EXTRACT_MAX_BYTES)
        try:
            if sandbox is None:
                facts = extract(body, fetched.content_type, fetched.final_url, extract_seconds)
            else:
                facts = sandbox.call("citetrack.archive.extract", "extract", body, fetched.content_type,
                                     fetched.final_url, extract_seconds, seconds=extract_seconds)
        except BudgetExceeded as exc:
            facts = ExtractedPage(kind=kind)
            notes.append(f"extraction {exc.budget}: {exc}")
        except RuntimeError as exc:  # pragma: no cover - extract catches what the parsers raise
            facts = ExtractedPage(kind=kind)
            notes.append(f"extraction failed: {exc}")
        if facts.extra.get("truncated") == "time":
            notes.append("text cut (time budget)")
    return {
        "warc_file": ref.warc_file, "warc_offset": ref.offset, "warc_length": ref.length, "kind": facts.kind,
        "title": facts.title, "titles": list(facts.titles), "site_name": facts.site_name,
        "authors": list(facts.authors), "published": facts.published, "published_field": facts.published_field,
        "modified": facts.modified, "language": facts.language, "text": facts.text,
        "note": "; ".join(notes) or None,
    }


def _outcome(url: str, status: str, values: dict[str, Any]) -> SnapshotOutcome:
    return SnapshotOutcome(url, status, values.get("http_status"), values.get("sha256"), values.get("warc_file"),
                           values.get("title"), values.get("published"), note=values.get("note"))


# ------------------------------------------------------------------ public archives


def find_public_copies(store: Store, session, opts: ArchiveOptions, report: ArchiveReport) -> None:
    """Per citation: the Wayback copy closest to its stated date; `--save` captures the rest."""
    by_url = {s.url: s for s in report.snapshots}
    cache: dict[tuple[str, str | None], wayback.WaybackCopy] = {}
    missing: dict[int, str] = {}
    found_urls: set[int] = set()
    for row in queries.citations_to_look_up(store):
        date = dt.date.fromisoformat(row.date) if row.date else None
        target = f"{date:%Y%m%d}" if date else None
        known = queries.known_copy(store, row.url_id, row.citation_id, target)
        if known:  # found on an earlier run: a public copy does not go away
            found_urls.add(row.url_id)
            if row.url in by_url and by_url[row.url].archive_url is None:
                by_url[row.url].archive_url = known
            continue
        key = (row.url, row.date)
        if key not in cache:
            cache[key] = wayback.lookup(session, row.url, date)
            report.lookups += 1
            report.lookup_errors += bool(cache[key].error)
        copy = cache[key]
        queries.save_public_archive(store, {
            "url_id": row.url_id, "citation_id": row.citation_id,
            "target": target, "archive_url": copy.archive_url,
            "archived_at": copy.archived_at, "source": _source(copy), "looked_up_at": now(), "error": copy.error,
        })
        if copy.archive_url:
            found_urls.add(row.url_id)
            if row.url in by_url and by_url[row.url].archive_url is None:
                by_url[row.url].archive_url = copy.archive_url
        elif not copy.error:
            missing[row.url_id] = row.url
    if not opts.save:
        return
    credentials = wayback.SaveCredentials.from_env()
    throttle = wayback.Throttle(settings.WAYBACK_SAVES_PER_MINUTE)
    for url_id, url in missing.items():
        if url_id in found_urls or queries.has_public_copy(store, url_id):
            continue
        copy = wayback.save_page(session, url, credentials, throttle)
        queries.save_public_archive(store, {
            "url_id": url_id, "citation_id": None, "target": None, "archive_url": copy.archive_url,
            "archived_at": copy.archived_at, "source": _source(copy), "looked_up_at": now(), "error": copy.error,
        })
        if copy.archive_url and url in by_url:
            by_url[url].archive_url = copy.archive_url


def _source(copy) -> str | None:
    """Where a copy came from; "no-copy" when the archive answered that it has none."""
    if copy.archive_url:
        return copy.source
    return None if copy.error else "no-copy"


# ------------------------------------------------------------------ flags


def _page(snapshot: queries.StoredSnapshot, url: str) -> PageSummary:
    published = None
    if snapshot.published:
        try:
            published = dt.date.fromisoformat(snapshot.published)
        except ValueError:
            published = None
    return PageSummary(url=url, title=snapshot.title, titles=tuple(snapshot.titles or ()),
                       site_name=snapshot.site_name, published=published,
                       published_field=snapshot.published_field, fetched_at=snapshot.fetched_at)


def raise_flags(store: Store) -> int:
    """Recompute the archive's flags of every document from what the store holds; sync them."""
    latest: dict[int, queries.StoredSnapshot | None] = {}
    texts: dict[int, SourceText | None] = {}
    changes: dict[int, Any] = {}

    def snapshot(url_id):
        if url_id not in latest:
            latest[url_id] = queries.latest_snapshot(store, url_id, with_text=True, answered=True)
        return latest[url_id]

    def source_text(url_id, url):
        if url_id not in texts:
            snap = snapshot(url_id)
            texts[url_id] = SourceText.of(url, snap.text) if snap and snap.text else None
        return texts[url_id]

    def change(url_id, url):
        if url_id not in changes:
            first, last = queries.first_snapshot(store, url_id, with_text=True, answered=True), snapshot(url_id)
            changes[url_id] = None
            if first and last and first.id != last.id:
                changes[url_id] = content_change(url, first.text, first.fetched_at, last.text, last.fetched_at)
        return changes[url_id]

    total_open = 0
    for document_id in queries.document_ids(store):
        found: list[FoundFlag] = []
        citations = queries.citations_with_urls(store, document_id)
        by_id = {}
        for row in citations:
            citation = queries.stored_citation(row)
            by_id[row.id] = row
            pages = []
            for u in row.urls:
                if u.url_id is None:
                    continue
                snap = snapshot(u.url_id)
                if snap is not None:
                    pages.append(_page(snap, u.url))
                    drift = change(u.url_id, u.url)
                    if drift is not None:
                        found.append(FoundFlag(document_id, content_changed_flag(drift, row.footnote, row.key), row.id))
                elif u.last_status == LinkStatus.DEAD and _nothing_preserved(store, u.url_id):
                    found.append(FoundFlag(document_id, not_archived_flag(u.url, row.footnote, row.key), row.id))
            for rule in (page_date_flag, title_mismatch_flag, site_name_flag):
                flag = rule(citation, pages)
                if flag is not None:
                    found.append(FoundFlag(document_id, flag, row.id))
        for claim in queries.claims_with_citations(store, document_id):
            sources, unarchived = [], 0
            for cid in claim.citation_ids:
                for u in (by_id[cid].urls if cid in by_id else []):
                    if u.url_id is None:
                        continue
                    text = source_text(u.url_id, u.url)
                    if text is None:
                        unarchived += 1
                    else:
                        sources.append(text)
            flag = unsupported_claim_flag(claim.key, claim.text, claim.labels, sources, unarchived)
            if flag is not None:
                found.append(FoundFlag(document_id, flag, None))
        with store.transaction():
            sync_flags(store, ORIGIN, found, scope_sql="document_id = ?", scope_params=[document_id],
                       resolve_note=RESOLVE_NOTE)
        total_open += queries.open_flag_count(store, ORIGIN, document_id)
    return total_open


def _nothing_preserved(store: Store, url_id: int) -> bool:
    """No public copy, and the archive did answer so (an offline lookup proves nothing)."""
    rows = queries.public_archives_of(store, url_id)
    return not any(r.archive_url for r in rows) and any(r.source == "no-copy" for r in rows)
