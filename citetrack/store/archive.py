"""Archive queries: snapshots and their full text, public archive copies, fetch failures,
and what the source rules need to know about each document's citations and claims."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from citetrack import settings
from citetrack.errors import NotFoundError
from citetrack.models import Source, StatedDate, StoredCitation, UrlRef
from citetrack.store import Store, dumps, loads, now
from citetrack.store.runs import close_run, open_run

SNAPSHOT_COLUMNS = """s.id, s.url_id, s.run_id, s.fetched_at, s.last_seen_at, s.seen_count, s.final_url,
    s.warc_file, s.warc_offset, s.warc_length, s.http_status, s.content_type, s.sha256, s.size,
    s.truncated, s.kind, s.title, s.titles, s.site_name, s.authors, s.published, s.published_field,
    s.modified, s.language, s.note"""


@dataclass(frozen=True)
class StoredSnapshot:
    """One archived fetch of a URL: its WARC record, the page's facts, and (when asked for) its text and URL."""

    id: int
    url_id: int
    run_id: int | None
    fetched_at: str
    last_seen_at: str
    seen_count: int
    final_url: str | None
    warc_file: str | None
    warc_offset: int | None
    warc_length: int | None
    http_status: int | None
    content_type: str | None
    sha256: str | None
    size: int | None
    truncated: int
    kind: str | None
    title: str | None
    titles: list[str]
    site_name: str | None
    authors: list[str]
    published: str | None
    published_field: str | None
    modified: str | None
    language: str | None
    note: str | None
    text: str | None = None  # the main text, loaded by look-ups `with_text`
    url: str | None = None  # the URL's normalized form, loaded by look-ups that join it

    def to_json(self) -> dict[str, Any]:
        """The snapshot's columns and URL, as `snapshot --json` prints them (the text is left out)."""
        row = {name: getattr(self, name) for name in _SNAPSHOT_FIELDS}
        return {**row, "url": self.url}


_SNAPSHOT_FIELDS = tuple(f.name for f in fields(StoredSnapshot) if f.name not in ("text", "url"))


# ------------------------------------------------------------------ runs


def start_run(store: Store, options: dict[str, Any]) -> int:
    """Open an archive run; its id."""
    with store.transaction() as db:
        return open_run(db, "archive", now(), options)


def finish_run(store: Store, run_id: int, counts: dict[str, Any]) -> None:
    """Close an archive run with its counts."""
    close_run(store, run_id, counts)


# ------------------------------------------------------------------ what to archive


@dataclass(frozen=True)
class ArchiveTarget:
    """A cited URL to snapshot: its id, normalized form and last check's status (None: never checked)."""

    id: int
    url: str
    last_status: str | None


def urls_to_archive(store: Store, statuses: frozenset[str] = settings.ARCHIVE_STATUSES) -> list[ArchiveTarget]:
    """Cited URLs that answer (by their last check) or were never checked, in first-seen order."""
    marks = ",".join("?" * len(statuses))
    rows = store.query(
        f"""SELECT u.id, u.url, u.last_status FROM urls u
            WHERE EXISTS (SELECT 1 FROM citation_urls cu WHERE cu.url_id = u.id)
              AND (u.last_status IS NULL OR u.last_status IN ({marks}))
            ORDER BY u.id""",
        sorted(statuses),
    )
    return [ArchiveTarget(**row) for row in rows]


@dataclass(frozen=True)
class CopyLookup:
    """A (citation, URL) pair to find a public archive copy for, near the citation's stated date."""

    citation_id: int
    date: str | None  # the citation's date, ISO
    url_id: int
    url: str
    last_status: str | None


def citations_to_look_up(store: Store) -> list[CopyLookup]:
    """(citation, URL, stated date) pairs to find a public archive copy for."""
    rows = store.query(
        """SELECT DISTINCT c.id citation_id, c.date, u.id url_id, u.url, u.last_status
           FROM citations c JOIN citation_urls cu ON cu.citation_id = c.id JOIN urls u ON u.id = cu.url_id
           ORDER BY u.id, c.id"""
    )
    return [CopyLookup(**row) for row in rows]


# ------------------------------------------------------------------ snapshots


_ANSWERED = "AND s.http_status < 400"  # the page itself, not an error or a block page


def latest_snapshot(store: Store, url_id: int, *, with_text: bool = False, answered: bool = False) -> StoredSnapshot | None:
    """The most recently seen snapshot of a URL (`answered`: only one with a status under 400)."""
    text = ", s.text" if with_text else ""
    rows = store.query(
        f"""SELECT {SNAPSHOT_COLUMNS}{text} FROM snapshots s WHERE s.url_id = ? {_ANSWERED if answered else ''}
            ORDER BY s.last_seen_at DESC, s.id DESC LIMIT 1""",
        [url_id],
    )
    return decode_snapshot(rows[0]) if rows else None


def first_snapshot(store: Store, url_id: int, *, with_text: bool = False, answered: bool = False) -> StoredSnapshot | None:
    """The first snapshot taken of a URL (`answered`: only one with a status under 400)."""
    text = ", s.text" if with_text else ""
    rows = store.query(
        f"""SELECT {SNAPSHOT_COLUMNS}{text} FROM snapshots s WHERE s.url_id = ? {_ANSWERED if answered else ''}
            ORDER BY s.fetched_at, s.id LIMIT 1""",
        [url_id],
    )
    return decode_snapshot(rows[0]) if rows else None


def snapshot_with_body(store: Store, sha256: str) -> StoredSnapshot | None:
    """Any snapshot whose body has this digest (its WARC record and extracted facts are reused)."""
    rows = store.query(f"SELECT {SNAPSHOT_COLUMNS}, s.text FROM snapshots s WHERE s.sha256 = ? ORDER BY s.id LIMIT 1", [sha256])
    return decode_snapshot(rows[0]) if rows else None


def warc_known_end(store: Store, warc_file: str) -> int:
    """How far into a WARC file the store accounts for every record: the end of the last record
    of a finished archive run. Past it lie the records of runs still going or killed, among them
    any a killed run wrote but could not record."""
    rows = store.query(
        """SELECT max(s.warc_offset + s.warc_length) n FROM snapshots s JOIN runs r ON r.id = s.run_id
           WHERE s.warc_file = ? AND r.finished_at IS NOT NULL""",
        [warc_file],
    )
    return rows[0]["n"] or 0


def decode_snapshot(row: dict[str, Any]) -> StoredSnapshot:
    """A row of `SNAPSHOT_COLUMNS` (with text or URL, when selected) as a `StoredSnapshot`."""
    return StoredSnapshot(**{**row, "titles": loads(row["titles"], []), "authors": loads(row["authors"], [])})


def save_snapshot(store: Store, values: dict[str, Any]) -> int:
    """Insert a snapshot row (JSON columns given as lists); the FTS index follows by trigger."""
    values = dict(values)
    for key in ("titles", "authors"):
        if key in values and not isinstance(values[key], str):
            values[key] = dumps(list(values[key]))
    with store.transaction() as db:
        db.execute("DELETE FROM archive_failures WHERE url_id = ?", [values["url_id"]])
        return db["snapshots"].insert(values).last_pk


def touch_snapshot(store: Store, snapshot_id: int, seen_at: str) -> None:
    """The same body was fetched again: note when, keep one row and one WARC record."""
    with store.transaction() as db:
        row = next(iter(db.query("SELECT url_id FROM snapshots WHERE id = ?", [snapshot_id])))
        db.execute("DELETE FROM archive_failures WHERE url_id = ?", [row["url_id"]])
        db.execute(
            "UPDATE snapshots SET last_seen_at = ?, seen_count = seen_count + 1 WHERE id = ?", [seen_at, snapshot_id]
        )


def record_failure(store: Store, url_id: int, run_id: int | None, error: str) -> None:
    with store.transaction() as db:
        db["archive_failures"].upsert(
            {"url_id": url_id, "run_id": run_id, "failed_at": now(), "error": error}, pk="url_id"
        )


def snapshots_of(store: Store, url: str) -> list[StoredSnapshot]:
    """Every snapshot of a URL (normalized form or as stored), oldest first."""
    rows = store.query(
        f"""SELECT {SNAPSHOT_COLUMNS}, u.url FROM snapshots s JOIN urls u ON u.id = s.url_id
            WHERE u.url = ? OR s.final_url = ? ORDER BY s.fetched_at, s.id""",
        [url, url],
    )
    return [decode_snapshot(row) for row in rows]


def snapshot_text(store: Store, snapshot_id: int) -> str:
    rows = store.query("SELECT text FROM snapshots WHERE id = ?", [snapshot_id])
    if not rows:
        raise NotFoundError(f"no snapshot with id {snapshot_id}")
    return rows[0]["text"] or ""


# ------------------------------------------------------------------ public archives


def save_public_archive(store: Store, values: dict[str, Any]) -> None:
    """Record the lookup of one (URL, citation) pair. A failed lookup (offline, 429) never erases
    what an earlier one found (a copy, or the archive's answer that it has none): it only notes the error."""
    with store.transaction() as db:
        cid = values.get("citation_id")
        clause = "citation_id = ?" if cid is not None else "citation_id IS NULL"
        params = [values["url_id"]] + ([cid] if cid is not None else [])
        if values.get("error"):
            found = list(db.query(f"SELECT id FROM public_archives WHERE url_id = ? AND {clause} AND source IS NOT NULL", params))
            if found:
                db["public_archives"].update(found[0]["id"], {"error": values["error"], "looked_up_at": values["looked_up_at"]})
                return
        db.execute(f"DELETE FROM public_archives WHERE url_id = ? AND {clause}", params)
        db["public_archives"].insert(values)


def known_copy(store: Store, url_id: int, citation_id: int, target: str | None) -> str | None:
    """The public copy already found for this citation and date, if any: no need to ask again."""
    clause = "target = ?" if target is not None else "target IS NULL"
    rows = store.query(
        f"""SELECT archive_url FROM public_archives WHERE url_id = ? AND citation_id = ? AND {clause}
            AND archive_url IS NOT NULL LIMIT 1""",
        [url_id, citation_id, *([target] if target is not None else [])],
    )
    return rows[0]["archive_url"] if rows else None


@dataclass(frozen=True)
class PublicArchive:
    """One lookup of a URL in a public archive: the copy found (or the archive's "no-copy"), or the error."""

    citation_id: int | None
    target: str | None  # the day asked for
    archive_url: str | None
    archived_at: str | None
    source: str | None
    looked_up_at: str
    error: str | None

    def to_json(self) -> dict[str, Any]:
        """The lookup as `show --json` lists it, in field order."""
        return asdict(self)


def public_archives_of(store: Store, url_id: int) -> list[PublicArchive]:
    """Every public archive lookup of a URL, oldest copy first."""
    rows = store.query(
        """SELECT citation_id, target, archive_url, archived_at, source, looked_up_at, error
           FROM public_archives WHERE url_id = ? ORDER BY archived_at, id""",
        [url_id],
    )
    return [PublicArchive(**row) for row in rows]


# ------------------------------------------------------------------ inputs of the source rules


def document_ids(store: Store) -> list[int]:
    return [row["id"] for row in store.query("SELECT id FROM documents ORDER BY id")]


@dataclass(frozen=True)
class CitedUrl:
    """One URL of a citation: as written, normalized (None when malformed), and its last check's status."""

    url_id: int | None
    url: str | None
    written: str
    malformed: int | None
    last_status: str | None

    def to_json(self) -> dict[str, Any]:
        """The URL as `show --json` starts it, in field order."""
        return {name: getattr(self, name) for name in _CITED_URL_FIELDS}


_CITED_URL_FIELDS = ("url_id", "url", "written", "malformed", "last_status")


@dataclass(frozen=True)
class CitedSource:
    """A citation with what the source rules and `show` read of it, and its URLs (fields in `show`'s key order)."""

    id: int
    key: str
    footnote: str | None
    text: str
    title: str | None
    outlet: str | None
    date: str | None
    date_raw: str | None
    date_precision: str | None
    accessed: str | None
    accessed_raw: str | None
    accessed_precision: str | None
    authors: list[str]
    urls: list[CitedUrl]

    def to_json(self) -> dict[str, Any]:
        """The citation as `show --json` lists it, its URLs last."""
        fields_but_urls = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "urls"}
        return {**fields_but_urls, "urls": [url.to_json() for url in self.urls]}


def citations_with_urls(store: Store, document_id: int) -> list[CitedSource]:
    """Every citation of a document with its URLs (id, normalized, written, last status)."""
    rows = store.query(
        """SELECT c.id, c.key, c.footnote, c.text, c.title, c.outlet, c.date, c.date_raw, c.date_precision,
                  c.accessed, c.accessed_raw, c.accessed_precision, c.authors, cu.position, cu.written, cu.malformed, u.id url_id, u.url, u.last_status
           FROM citations c LEFT JOIN citation_urls cu ON cu.citation_id = c.id LEFT JOIN urls u ON u.id = cu.url_id
           WHERE c.document_id = ? ORDER BY c.position, cu.position""",
        [document_id],
    )
    out: dict[int, CitedSource] = {}
    for row in rows:
        item = out.setdefault(row["id"], CitedSource(**{k: row[k] for k in (
            "id", "key", "footnote", "text", "title", "outlet", "date", "date_raw", "date_precision",
            "accessed", "accessed_raw", "accessed_precision")},
            authors=loads(row["authors"], []), urls=[]))
        if row["written"] is not None:
            item.urls.append(CitedUrl(row["url_id"], row["url"], row["written"], row["malformed"], row["last_status"]))
    return list(out.values())


@dataclass(frozen=True)
class ClaimCitations:
    """A claim with the labels of its notes and the ids of the citations those notes hold."""

    id: int
    key: str
    text: str
    labels: tuple[str, ...]
    citation_ids: tuple[int, ...]


def claims_with_citations(store: Store, document_id: int) -> list[ClaimCitations]:
    """Every claim of a document with the ids of the citations in its notes, in document order."""
    rows = store.query(
        """SELECT cl.id, cl.key, cl.text, cl.position, cn.label, ci.id citation_id
           FROM claims cl JOIN claim_notes cn ON cn.claim_id = cl.id
           LEFT JOIN citations ci ON ci.document_id = cl.document_id AND ci.footnote = cn.label
           WHERE cl.document_id = ? ORDER BY cl.position, cn.position, ci.position""",
        [document_id],
    )
    found: dict[int, tuple[dict[str, Any], dict[str, None], dict[int, None]]] = {}
    for row in rows:
        claim, labels, citation_ids = found.setdefault(row["id"], (row, {}, {}))
        labels[row["label"]] = None
        if row["citation_id"] is not None:
            citation_ids[row["citation_id"]] = None
    return [ClaimCitations(claim["id"], claim["key"], claim["text"], tuple(labels), tuple(citation_ids))
            for claim, labels, citation_ids in found.values()]


def stored_citation(row: CitedSource) -> StoredCitation:
    """A citation of `citations_with_urls` as the rules read it: a citation, its URLs as normalized refs."""
    stated = None
    if row.date_raw or row.date:
        stated = StatedDate(row.date_raw or row.date,
                            dt.date.fromisoformat(row.date) if row.date else None,
                            row.date_precision or "day")
    urls = tuple(UrlRef(u.written, u.url or "", u.malformed) for u in row.urls)
    accessed = None
    if row.accessed:
        accessed = StatedDate(row.accessed_raw or row.accessed, dt.date.fromisoformat(row.accessed),
                              row.accessed_precision or "day")
    source = Source(text=row.text, authors=tuple(row.authors), title=row.title, outlet=row.outlet,
                    date=stated, urls=urls, accessed=accessed)
    return StoredCitation(row.footnote, 0, source, stored_key=row.key)


def open_flag_count(store: Store, origin: str, document_id: int) -> int:
    """How many flags of one origin ("ingest", "check", "archive") are open on a document."""
    return store.query(
        "SELECT count(*) n FROM flags WHERE origin = ? AND document_id = ? AND status = 'open'", [origin, document_id]
    )[0]["n"]


def has_public_copy(store: Store, url_id: int) -> bool:
    return bool(store.query(
        "SELECT 1 FROM public_archives WHERE url_id = ? AND archive_url IS NOT NULL LIMIT 1", [url_id]
    ))


# ------------------------------------------------------------------ search and show

_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word quoted (no syntax errors), all required."""
    words = _FTS_WORD.findall(text)
    return " ".join(f'"{word}"' for word in words)


@dataclass(frozen=True)
class CitingClaim:
    """A claim citing a URL, through the note that holds it."""

    id: int
    document_id: int
    footnote: str
    text: str


@dataclass(frozen=True)
class SnapshotHit:
    """A source whose latest archived text matches a search: where, a marked snippet, the claims citing it."""

    snapshot_id: int
    url_id: int
    url: str
    title: str | None
    fetched_at: str
    snippet: str
    claims: list[CitingClaim]


def search_snapshots(store: Store, text: str, limit: int = 50) -> list[SnapshotHit]:
    """Sources whose latest archived text mentions `text`: URL, title, a snippet, citing claims."""
    query = fts_query(text)
    if not query:
        return []
    rows = store.query(
        """SELECT s.id snapshot_id, s.url_id, u.url, s.title, s.fetched_at,
                  snippet(snapshots_fts, 1, '[', ']', '…', 12) snippet, bm25(snapshots_fts) rank
           FROM snapshots_fts JOIN snapshots s ON s.id = snapshots_fts.rowid JOIN urls u ON u.id = s.url_id
           WHERE snapshots_fts MATCH ?
             AND s.id = (SELECT s2.id FROM snapshots s2 WHERE s2.url_id = s.url_id
                         ORDER BY s2.last_seen_at DESC, s2.id DESC LIMIT 1)
           ORDER BY rank LIMIT ?""",
        [query, limit],
    )
    return [
        SnapshotHit(row["snapshot_id"], row["url_id"], row["url"], row["title"], row["fetched_at"], row["snippet"],
                    claims_citing_url(store, row["url_id"]))
        for row in rows
    ]


def claims_citing_url(store: Store, url_id: int) -> list[CitingClaim]:
    """The claims citing a URL, in document and reading order."""
    rows = store.query(
        """SELECT DISTINCT cl.id, cl.document_id, cn.label footnote, cl.text
           FROM citation_urls cu JOIN citations ci ON ci.id = cu.citation_id
           JOIN claim_notes cn ON cn.label = ci.footnote
           JOIN claims cl ON cl.id = cn.claim_id AND cl.document_id = ci.document_id
           WHERE cu.url_id = ? ORDER BY cl.document_id, cl.position""",
        [url_id],
    )
    return [CitingClaim(**row) for row in rows]


@dataclass(frozen=True)
class LastCheck:
    """The latest check of a URL, in brief."""

    checked_at: str
    status: str
    http_status: int | None
    error: str | None


@dataclass(frozen=True)
class Passage:
    """The few sentences of a source that best match a claim, and the claim's facts found in them."""

    text: str
    facts_found: list[str]


_SNAPSHOT_BRIEF = ("id", "fetched_at", "last_seen_at", "http_status", "sha256", "warc_file", "title", "site_name",
                   "published", "published_field")


@dataclass(frozen=True)
class SourceLink(CitedUrl):
    """A cited URL with what the store holds of it: last check, local snapshots, public copies and the
    latest archived text; `passage` is filled in by the review workflow. A URL the store does not
    hold (malformed: `url_id` None) has none of these, and its JSON leaves their keys out."""

    last_check: LastCheck | None = None
    snapshots: list[StoredSnapshot] = field(default_factory=list)
    public_archives: list[PublicArchive] = field(default_factory=list)  # the copies found only
    text: str | None = None
    passage: Passage | None = None

    def to_json(self) -> dict[str, Any]:
        """The URL as `show --json` prints it (the text itself left out: the passage stands for it)."""
        held = {} if self.url_id is None else {
            "last_check": asdict(self.last_check) if self.last_check else None,
            "snapshots": [{name: getattr(snap, name) for name in _SNAPSHOT_BRIEF} for snap in self.snapshots],
            "public_archives": [copy.to_json() for copy in self.public_archives],
        }
        return {**super().to_json(), **held, "passage": asdict(self.passage) if self.passage else None}


@dataclass(frozen=True)
class ClaimRecord:
    """A claim's id, document, key and text."""

    id: int
    document_id: int
    key: str
    text: str


@dataclass(frozen=True)
class NoteText:
    """A note's label and text."""

    label: str | None
    text: str


@dataclass(frozen=True)
class ClaimFlag:
    """A flag on a claim or on one of its sources, in brief."""

    id: int
    kind: str
    severity: str
    footnote: str | None
    citation_id: int | None
    url: str | None
    message: str
    status: str


@dataclass(frozen=True)
class ClaimSources:
    """A claim, its notes, each cited source with its URLs (`SourceLink`s) and the flags on them."""

    claim: ClaimRecord
    notes: list[NoteText]
    citations: list[CitedSource]
    flags: list[ClaimFlag]

    def to_json(self) -> dict[str, Any]:
        """`show --json`."""
        return {"claim": asdict(self.claim), "notes": [asdict(note) for note in self.notes],
                "citations": [citation.to_json() for citation in self.citations],
                "flags": [asdict(flag) for flag in self.flags]}


def _source_link(store: Store, url: CitedUrl) -> SourceLink:
    """A cited URL with its last check, snapshots, public copies and latest archived text."""
    if url.url_id is None:
        return SourceLink(**vars(url))
    last = store.query(
        "SELECT checked_at, status, http_status, error FROM checks WHERE url_id = ? ORDER BY checked_at DESC, id DESC LIMIT 1",
        [url.url_id],
    )
    snap = latest_snapshot(store, url.url_id, with_text=True)
    return SourceLink(
        **vars(url), last_check=LastCheck(**last[0]) if last else None, snapshots=snapshots_of(store, url.url),
        public_archives=[copy for copy in public_archives_of(store, url.url_id) if copy.archive_url],
        text=snap.text if snap else None,
    )


def claim_sources(store: Store, claim_id: int) -> ClaimSources:
    """A claim, its notes, and each cited source with its link state, copies and flags."""
    rows = store.query("SELECT id, document_id, key, text FROM claims WHERE id = ?", [claim_id])
    if not rows:
        raise NotFoundError(f"no claim with id {claim_id}")
    claim = ClaimRecord(**rows[0])
    notes = store.query(
        """SELECT n.label, n.text FROM claim_notes cn JOIN claims cl ON cl.id = cn.claim_id
           JOIN notes n ON n.document_id = cl.document_id AND n.label = cn.label
           WHERE cl.id = ? ORDER BY cn.position""",
        [claim_id],
    )
    citation_ids = next(
        (c.citation_ids for c in claims_with_citations(store, claim.document_id) if c.id == claim_id), ()
    )
    citations = [
        replace(citation, urls=[_source_link(store, url) for url in citation.urls])
        for citation in citations_with_urls(store, claim.document_id) if citation.id in citation_ids
    ]
    flags = store.query(
        """SELECT id, kind, severity, footnote, citation_id, url, message, status FROM flags
           WHERE document_id = ? AND (citation_id IN (SELECT value FROM json_each(?)) OR subject = ?)
           ORDER BY id""",
        [claim.document_id, dumps(citation_ids), f"claim:{claim.key}"],
    )
    return ClaimSources(claim, [NoteText(**note) for note in notes], citations, [ClaimFlag(**flag) for flag in flags])
