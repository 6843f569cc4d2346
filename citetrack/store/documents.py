"""Documents and what they contain: saved in place on re-ingest, so ids and decisions survive.

Rows are matched by stable keys (a note's label, a claim's labels, a citation's note and
index) and updated rather than replaced; rows whose key vanished are deleted, and their flags
are resolved automatically by `sync_flags`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from citetrack.errors import NotFoundError
from citetrack.models import Citation, Claim, Flag, Note, ParsedDocument
from citetrack.store import Store, dumps, loads, now
from citetrack.store.flags import FoundFlag, sync_flags

REINGEST_NOTE = "No longer found when the document was ingested again."


@dataclass(frozen=True)
class DocumentRecord:
    """Everything ingest saves for one document: the reading, its analysis, its metadata."""

    path: str
    sha256: str
    parsed: ParsedDocument
    citations: Sequence[Citation]
    flags: Sequence[Flag]
    explanatory: frozenset[int]  # positions of notes that cite nothing
    title: str | None
    published: dt.date | None
    published_source: str | None
    # The registrable domain of each normalized URL, computed by the ingest workflow (the store
    # does not parse URLs); a URL missing here is stored without a domain.
    url_domains: Mapping[str, str | None] = field(default_factory=dict)


def occurrence_keys(bases: Iterable[str]) -> list[str]:
    """The store's one scheme for unique keys: a base as it is the first time it occurs, then
    `base~2`, `base~3`... (see the package docstring of citetrack.store)."""
    seen: Counter[str] = Counter()
    keys = []
    for base in bases:
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base}~{seen[base]}")
    return keys


def note_keys(notes: Sequence[Note]) -> list[str]:
    """A note's label made unique; an unnumbered note (no label) is `~N`, its place among them."""
    unnumbered = iter(range(len(notes)))
    numbered = occurrence_keys(note.label for note in notes if note.label is not None)
    labelled = iter(numbered)
    return [f"~{next(unnumbered)}" if note.label is None else next(labelled) for note in notes]


def claim_keys(claims: Sequence[Claim]) -> list[str]:
    """A claim's note labels, joined by commas, made unique."""
    return occurrence_keys(",".join(claim.labels) for claim in claims)


def _upsert_keyed(db, table: str, document_id: int, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Update rows matched by (document_id, key), insert the new ones, delete the vanished."""
    existing = {r["key"]: r["id"] for r in db.query(f"SELECT id, key FROM {table} WHERE document_id = ?", [document_id])}
    ids: dict[str, int] = {}
    for row in rows:
        row = {**row, "document_id": document_id}
        if row["key"] in existing:
            ids[row["key"]] = existing[row["key"]]
            db[table].update(existing[row["key"]], row)
        else:
            ids[row["key"]] = db[table].insert(row).last_pk
    gone = [existing[k] for k in existing.keys() - ids.keys()]
    for start in range(0, len(gone), 500):
        chunk = gone[start:start + 500]
        db.execute(f"DELETE FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
    return ids


def _url_ids(db, normalized: Iterable[str], domains: Mapping[str, str | None]) -> dict[str, int]:
    """The url row of each normalized URL, created on first sight: one row for every citer."""
    wanted = sorted(set(normalized))
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for row in db.query(f"SELECT id, url FROM urls WHERE url IN ({','.join('?' * len(chunk))})", chunk):
            ids[row["url"]] = row["id"]
    stamp = now()
    for url in wanted:
        if url not in ids:
            ids[url] = db["urls"].insert({"url": url, "domain": domains.get(url), "first_seen": stamp}).last_pk
    return ids


def delete_orphan_urls(db) -> int:
    """URLs no document cites any more go, unless an archived snapshot still needs them."""
    keep = ["SELECT url_id FROM citation_urls WHERE url_id IS NOT NULL"]
    for table in ("snapshots", "public_archives"):
        if db[table].exists() and "url_id" in db[table].columns_dict:
            keep.append(f"SELECT url_id FROM {table} WHERE url_id IS NOT NULL")
    cursor = db.execute(f"DELETE FROM urls WHERE id NOT IN ({' UNION '.join(keep)})")
    return cursor.rowcount


def save_document(store: Store, record: DocumentRecord) -> int:
    """Save one document in one transaction; return its id (the same id on re-ingest)."""
    with store.transaction() as db:
        document_id = _save_document_row(db, record)
        note_by_label, note_by_position = _save_notes(db, document_id, record)
        _save_claims(db, document_id, record.parsed.claims)
        citation_ids, key_of = _save_citations(db, document_id, record.citations, note_by_label, note_by_position)
        _save_citation_urls(db, document_id, record, citation_ids)
        sync_flags(
            store, "ingest",
            (FoundFlag(document_id, flag, citation_ids.get(key_of.get(flag.citation_key, ""))) for flag in record.flags),
            scope_sql="document_id = ?", scope_params=[document_id], resolve_note=REINGEST_NOTE,
        )
        delete_orphan_urls(db)
    return document_id


def _save_document_row(db, record: DocumentRecord) -> int:
    """Insert the document, or update it in place when its path is known; return its id."""
    stamp = now()
    found = list(db.query("SELECT id FROM documents WHERE path = ?", [record.path]))
    fields = {
        "path": record.path, "format": str(record.parsed.format), "title": record.title,
        "published": record.published.isoformat() if record.published else None,
        "published_source": record.published_source, "sha256": record.sha256, "updated_at": stamp,
    }
    if found:
        db["documents"].update(found[0]["id"], fields)
        return found[0]["id"]
    return db["documents"].insert({**fields, "ingested_at": stamp}).last_pk


def _save_notes(db, document_id: int, record: DocumentRecord) -> tuple[dict[str | None, int], dict[int, int]]:
    """Save the notes by key; return their ids by label (the first note of a repeated label) and by position."""
    notes = record.parsed.notes
    keys = note_keys(notes)
    note_ids = _upsert_keyed(db, "notes", document_id, [
        {"key": key, "label": note.label, "position": note.position, "text": note.text,
         "explanatory": int(note.position in record.explanatory)}
        for key, note in zip(keys, notes)
    ])
    by_label = {note.label: note_ids[key] for key, note in zip(reversed(keys), reversed(notes))}
    by_position = {note.position: note_ids[key] for key, note in zip(keys, notes)}
    return by_label, by_position


def _save_claims(db, document_id: int, claims: Sequence[Claim]) -> None:
    """Save the claims by key, and which note labels each one carries."""
    keys = claim_keys(claims)
    claim_ids = _upsert_keyed(db, "claims", document_id, [
        {"key": key, "position": claim.position, "text": claim.text} for key, claim in zip(keys, claims)
    ])
    db.execute("DELETE FROM claim_notes WHERE claim_id IN (SELECT id FROM claims WHERE document_id = ?)", [document_id])
    db["claim_notes"].insert_all(
        {"claim_id": claim_ids[key], "label": label, "position": i}
        for key, claim in zip(keys, claims)
        for i, label in enumerate(dict.fromkeys(claim.labels))
    )


def _citation_row(citation: Citation, key: str, position: int, note_id: int | None) -> dict[str, Any]:
    """One citation as its row: what the note says of the source, dates as written and as read."""
    source = citation.source
    return {
        "key": key, "footnote": citation.footnote, "position": position, "text": source.text, "note_id": note_id,
        "authors": dumps(list(source.authors)), "title": source.title, "outlet": source.outlet,
        "date": source.date.value.isoformat() if source.date and source.date.value else None,
        "date_raw": source.date.raw if source.date else None,
        "date_precision": source.date.precision if source.date else None,
        "named_site": source.named_site,
        "accessed": source.accessed.value.isoformat() if source.accessed and source.accessed.value else None,
        "accessed_raw": source.accessed.raw if source.accessed else None,
        "accessed_precision": source.accessed.precision if source.accessed else None,
    }


def _save_citations(
    db, document_id: int, citations: Sequence[Citation], note_by_label: dict[str | None, int],
    note_by_position: dict[int, int],
) -> tuple[dict[str, int], dict[str, str]]:
    """Save the citations by key; return their ids by stored key, and each citation's stored key."""
    keys = occurrence_keys(citation.key for citation in citations)
    rows = []
    for position, (key, citation) in enumerate(zip(keys, citations)):
        note_position = getattr(citation, "note_position", None)
        note_id = (note_by_position.get(note_position) if note_position is not None
                   else note_by_label.get(citation.footnote) if citation.footnote is not None else None)
        rows.append(_citation_row(citation, key, position, note_id))
    citation_ids = _upsert_keyed(db, "citations", document_id, rows)
    return citation_ids, {citation.key: key for citation, key in zip(citations, keys)}


def _save_citation_urls(db, document_id: int, record: DocumentRecord, citation_ids: dict[str, int]) -> None:
    """Link every citation to its URLs, in the note's order (a malformed URL has no url row)."""
    db.execute(
        "DELETE FROM citation_urls WHERE citation_id IN (SELECT id FROM citations WHERE document_id = ?)",
        [document_id],
    )
    urls = _url_ids(db, (
        ref.normalized for citation in record.citations for ref in citation.source.urls if not ref.malformed
    ), record.url_domains)
    keys = occurrence_keys(citation.key for citation in record.citations)
    db["citation_urls"].insert_all(
        {"citation_id": citation_ids[key], "position": i, "written": ref.written,
         "url_id": None if ref.malformed else urls[ref.normalized], "malformed": ref.malformed}
        for key, citation in zip(keys, record.citations)
        for i, ref in enumerate(citation.source.urls)
    )


@dataclass(frozen=True)
class RemovedDocument:
    """What `remove_document` deleted: the document, and how many URLs no one cites any more."""

    id: int
    path: str
    urls_removed: int


def remove_document(store: Store, document_id: int) -> RemovedDocument:
    """Delete a document with its claims, notes, citations and flags; URLs others cite stay."""
    with store.transaction() as db:
        rows = list(db.query("SELECT id, path FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise NotFoundError(f"no document with id {document_id}")
        db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        removed_urls = delete_orphan_urls(db)
    return RemovedDocument(id=document_id, path=rows[0]["path"], urls_removed=removed_urls)


def require_document(store: Store, document_id: int | None) -> None:
    """Raise NotFoundError unless the document exists (None means every document: nothing to check).
    The one check every command and page that takes `--document ID` uses."""
    if document_id is not None and not store.query("SELECT 1 FROM documents WHERE id = ?", [document_id]):
        raise NotFoundError(f"no document with id {document_id}")


@dataclass(frozen=True)
class DocumentCounts:
    """What one document holds, for its ingest report: numbered notes, distinct URLs, open flags."""

    claims: int
    footnotes: int
    citations: int
    urls: int
    flags: int


def document_summary(store: Store, document_id: int) -> DocumentCounts:
    """Counts for the ingest report of one document."""
    return DocumentCounts(
        claims=store.query("SELECT count(*) n FROM claims WHERE document_id = ?", [document_id])[0]["n"],
        footnotes=store.query(
            "SELECT count(*) n FROM notes WHERE document_id = ? AND label IS NOT NULL", [document_id])[0]["n"],
        citations=store.query("SELECT count(*) n FROM citations WHERE document_id = ?", [document_id])[0]["n"],
        urls=store.query(
            """SELECT count(DISTINCT cu.url_id) n FROM citation_urls cu JOIN citations c ON c.id = cu.citation_id
               WHERE c.document_id = ? AND cu.url_id IS NOT NULL""", [document_id])[0]["n"],
        flags=store.query(
            "SELECT count(*) n FROM flags WHERE document_id = ? AND status = 'open'", [document_id])[0]["n"],
    )


@dataclass(frozen=True)
class DocumentListing:
    """A document with its counts, as `documents --json` lists it (fields in the JSON's key order)."""

    id: int
    path: str
    title: str | None
    published: str | None
    claims: int
    citations: int
    urls: int
    open_flags: int

    def to_json(self) -> dict[str, Any]:
        """The interface's JSON object of a document."""
        return asdict(self)


@dataclass(frozen=True)
class ClaimListing:
    """A sentence carrying note markers, with its notes' labels in order (fields in the JSON's key order)."""

    id: int
    document_id: int
    footnotes: list[str]
    text: str

    def to_json(self) -> dict[str, Any]:
        """The interface's JSON object of a claim."""
        return asdict(self)


@dataclass(frozen=True)
class CitationListing:
    """One cited source as the store keeps it (fields in the JSON's key order)."""

    id: int
    document_id: int
    footnote: str | None
    text: str
    title: str | None
    outlet: str | None
    date: str | None
    urls: list[str]  # as written in the note
    authors: list[str]
    date_raw: str | None
    named_site: str | None
    accessed: str | None
    normalized_urls: list[str]

    def to_json(self) -> dict[str, Any]:
        """The interface's JSON object of a citation."""
        return asdict(self)


def list_documents(store: Store) -> list[DocumentListing]:
    """Every document with its counts."""
    rows = store.query(
        """SELECT d.id, d.path, d.title, d.published,
             (SELECT count(*) FROM claims WHERE document_id = d.id) AS claims,
             (SELECT count(*) FROM citations WHERE document_id = d.id) AS citations,
             (SELECT count(DISTINCT cu.url_id) FROM citation_urls cu JOIN citations c ON c.id = cu.citation_id
                WHERE c.document_id = d.id AND cu.url_id IS NOT NULL) AS urls,
             (SELECT count(*) FROM flags WHERE document_id = d.id AND status = 'open') AS open_flags
           FROM documents d ORDER BY d.id"""
    )
    return [DocumentListing(**row) for row in rows]


def list_claims(store: Store, document_id: int | None = None) -> list[ClaimListing]:
    """Every claim (of one document, or of all), in document and reading order."""
    require_document(store, document_id)
    rows = store.query(
        """SELECT c.id, c.document_id, c.text,
             (SELECT json_group_array(label) FROM (SELECT label FROM claim_notes WHERE claim_id = c.id
                ORDER BY position)) AS footnotes
           FROM claims c WHERE (? IS NULL OR c.document_id = ?) ORDER BY c.document_id, c.position""",
        [document_id, document_id],
    )
    return [ClaimListing(id=r["id"], document_id=r["document_id"], footnotes=loads(r["footnotes"], []), text=r["text"])
            for r in rows]


def list_citations(store: Store, document_id: int | None = None) -> list[CitationListing]:
    """Every citation (of one document, or of all), in document and note order."""
    require_document(store, document_id)
    rows = store.query(
        """SELECT c.id, c.document_id, c.footnote, c.text, c.title, c.outlet, c.date, c.date_raw, c.authors,
             c.named_site, c.key, c.accessed,
             (SELECT json_group_array(written) FROM (SELECT written FROM citation_urls WHERE citation_id = c.id
                ORDER BY position)) AS urls,
             (SELECT json_group_array(url) FROM (SELECT u.url FROM citation_urls cu JOIN urls u ON u.id = cu.url_id
                WHERE cu.citation_id = c.id ORDER BY cu.position)) AS normalized_urls
           FROM citations c WHERE (? IS NULL OR c.document_id = ?) ORDER BY c.document_id, c.position""",
        [document_id, document_id],
    )
    return [
        CitationListing(
            id=r["id"], document_id=r["document_id"], footnote=r["footnote"], text=r["text"], title=r["title"],
            outlet=r["outlet"], date=r["date"], urls=loads(r["urls"], []), authors=loads(r["authors"], []),
            date_raw=r["date_raw"], named_site=r["named_site"], accessed=r["accessed"],
            normalized_urls=loads(r["normalized_urls"], []),
        )
        for r in rows
    ]
