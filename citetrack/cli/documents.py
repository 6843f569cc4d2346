"""Commands about documents: ingest, documents, remove, claims, citations."""

from __future__ import annotations

import datetime as dt
import functools
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import List, Optional

import typer

from citetrack.cli import app
from citetrack.cli.context import state
from citetrack.cli.render import emit_json, note, table


def _iso_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _with_stdin(files: List[Path], format: Optional[str], title: Optional[str], scratch: Path):
    """`-` among the files is standard input, copied to a scratch file: it needs `--format`, and
    is stored as the document `<stdin>` (`<stdin:TITLE>` with `--title`), so piping a new
    version updates it in place."""
    from citetrack import settings  # start-up: loaded when the command runs

    paths: list[Path] = []
    names: list[Optional[str]] = []
    for file in files:
        if str(file) != "-":
            paths.append(file)
            names.append(None)
            continue
        if not format:
            raise typer.BadParameter("reading standard input (-) needs --format txt, md, html, pdf, docx or odt",
                                     param_hint="--format")
        if names.count("<stdin>" if not title else f"<stdin:{title}>"):
            raise typer.BadParameter("standard input (-) can be read once", param_hint="FILES")
        data = sys.stdin.buffer.read(settings.MAX_DOCUMENT_BYTES + 1)
        if not data.strip():
            raise typer.BadParameter("standard input (-) is empty", param_hint="FILES")
        copy = scratch / f"stdin.{format.lower().lstrip('.')}"
        copy.write_bytes(data)
        paths.append(copy)
        names.append("<stdin>" if not title else f"<stdin:{title}>")
    return paths, names


@app.command()
def ingest(
    ctx: typer.Context,
    files: List[Path] = typer.Argument(..., help="Documents: .txt (from a PDF), .md, .html, .pdf, .docx; - for standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="The document's date, YYYY-MM-DD."),
    title: Optional[str] = typer.Option(None, "--title", help="The document's title."),
    format: Optional[str] = typer.Option(None, "--format", help="Read as txt, md, html, pdf or docx."),
    markers: str = typer.Option(
        "auto", "--markers",
        help="Note markers of text copied out of a PDF: auto, superscript (¹), bracket ([1]), caret (^1), plain (1).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Read documents into claims, notes, citations and URLs, and flag what the text shows."""
    from citetrack.read.text import MARKER_STYLES  # start-up: loaded when the command runs
    from citetrack.workflows.ingest import IngestOptions, ingest_files  # start-up: loaded when the command runs

    if markers not in MARKER_STYLES:
        raise typer.BadParameter(f"{markers!r} is not one of {', '.join(MARKER_STYLES)}", param_hint="--markers")
    opts = IngestOptions(published=_iso_date(published), title=title, format=format, markers=markers)
    with tempfile.TemporaryDirectory(prefix="citetrack-stdin-") as scratch:
        paths, names = _with_stdin(files, format, title, Path(scratch))
        reports = ingest_files(functools.partial(state(ctx).store, create=True), paths, opts, names)
    if as_json:
        emit_json({"documents": [asdict(r) for r in reports]})
        return
    table("Documents ingested", ["id", "path", "claims", "notes", "citations", "URLs", "open flags"],
          [(r.document_id, r.path, r.claims, r.footnotes, r.citations, r.urls, r.flags) for r in reports])


@app.command()
def documents(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the documents with their counts."""
    from citetrack.store.documents import list_documents  # start-up: loaded when the command runs

    rows = list_documents(state(ctx).store())
    if as_json:
        emit_json([r.to_json() for r in rows])
        return
    table("Documents", ["id", "title", "published", "claims", "citations", "URLs", "open flags", "path"],
          [(r.id, r.title, r.published, r.claims, r.citations, r.urls, r.open_flags, r.path) for r in rows])


@app.command()
def remove(ctx: typer.Context, document_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Delete a document with its claims, notes, citations and flags (URLs others cite stay)."""
    from citetrack.store.documents import remove_document  # start-up: loaded when the command runs

    removed = remove_document(state(ctx).store(), document_id)
    note(f"Removed document {removed.id} ({removed.path}); {removed.urls_removed} URL(s) no longer cited.")


@app.command()
def claims(
    ctx: typer.Context,
    document: Optional[int] = typer.Option(None, "--document", help="Only this document's claims."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Every sentence that carries a note marker, with the labels of its notes."""
    from citetrack.store.documents import list_claims  # start-up: loaded when the command runs

    rows = list_claims(state(ctx).store(), document)
    if as_json:
        emit_json([r.to_json() for r in rows])
        return
    table("Claims", ["id", "doc", "notes", "claim"], [(r.id, r.document_id, ", ".join(r.footnotes), r.text) for r in rows])


@app.command()
def citations(
    ctx: typer.Context,
    document: Optional[int] = typer.Option(None, "--document", help="Only this document's citations."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One entry per cited source; a note can hold several."""
    from citetrack.store.documents import list_citations  # start-up: loaded when the command runs

    rows = list_citations(state(ctx).store(), document)
    if as_json:
        emit_json([r.to_json() for r in rows])
        return
    table("Citations", ["id", "doc", "note", "title", "outlet", "date", "URLs"],
          [(r.id, r.document_id, r.footnote or "—", r.title, r.outlet, r.date or r.date_raw, "\n".join(r.urls))
           for r in rows])
