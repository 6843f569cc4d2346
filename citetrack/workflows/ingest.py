"""Ingest: read a document, analyse its notes, save it and its flags in one transaction.

Reading and analysing happen before the store is touched, so a bad file leaves the database
exactly as it was; `ingest_files` prepares every file before saving any.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from citetrack.analyse import analyse
from citetrack.cite.dates import find_document_date
from citetrack.cite.urls import registered_domain
from citetrack.errors import BadInputError
from citetrack.read import read
from citetrack.read.text import MARKER_STYLES
from citetrack.store import Store
from citetrack.store.documents import DocumentRecord, document_summary, save_document


@dataclass(frozen=True)
class IngestOptions:
    """What the user says about the documents: overrides for what the text shows."""

    published: dt.date | None = None  # the citing document's date (`--published`)
    title: str | None = None
    format: str | None = None  # force a reader instead of the extension's
    markers: str = "auto"  # marker style of text copied out of a PDF (`--markers`): auto, superscript, bracket, caret, plain

    def __post_init__(self) -> None:
        if self.markers not in MARKER_STYLES:
            raise BadInputError(f"unknown marker style {self.markers!r}: use one of {', '.join(MARKER_STYLES)}")


@dataclass(frozen=True)
class IngestReport:
    """One ingested document, as `ingest --json` reports it."""

    document_id: int
    path: str
    claims: int
    footnotes: int
    citations: int
    urls: int
    flags: int


def prepare(path: str | Path, opts: IngestOptions = IngestOptions(), name: str | None = None) -> DocumentRecord:
    """Read and analyse one file without touching the store (raises BadInputError). `name` is
    the document's identity in the store when it is not the file's path (standard input)."""
    file = Path(path)
    parsed = read(file, opts.format, markers=opts.markers)
    published, source = opts.published, "option"
    if published is None:
        published, source = find_document_date(parsed.body), "text"
    if published is None:
        published, source = parsed.published, "metadata"
    if published is None:
        source = None
    analysis = analyse(parsed, published)
    return DocumentRecord(
        path=name or str(file.resolve()),
        sha256=hashlib.sha256(file.read_bytes()).hexdigest(),
        parsed=parsed,
        citations=analysis.citations,
        flags=analysis.flags,
        explanatory=frozenset(analysis.explanatory),
        title=opts.title or parsed.title,
        published=published,
        published_source=source,
        url_domains={
            ref.normalized: registered_domain(ref.normalized)
            for citation in analysis.citations for ref in citation.source.urls if not ref.malformed
        },
    )


def save(store: Store, record: DocumentRecord) -> IngestReport:
    document_id = save_document(store, record)
    return IngestReport(document_id=document_id, path=record.path, **asdict(document_summary(store, document_id)))


def ingest(store: Store, path: str | Path, opts: IngestOptions = IngestOptions()) -> IngestReport:
    """Ingest one document: re-ingesting the same path updates it in place."""
    return save(store, prepare(path, opts))


def ingest_files(
    store: Store | Callable[[], Store], paths: Sequence[str | Path], opts: IngestOptions = IngestOptions(),
    names: Sequence[str | None] | None = None,
) -> list[IngestReport]:
    """Ingest several documents. Every file is read first, and the store (or its opener) is
    touched only then, so one bad file writes nothing, not even a new empty database. `names`
    (one per path, None for "its path") name documents that have no path of their own."""
    records = [prepare(path, opts, name) for path, name in zip(paths, names or [None] * len(paths))]
    opened = store() if callable(store) else store
    return [save(opened, record) for record in records]
