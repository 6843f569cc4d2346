"""PDF documents read by their layout: raised small markers, notes at the foot of each page.

Each page's characters (with font size and position, via pdfminer.six) become lines; a run of
digits or symbols raised above its line and smaller than it is a note marker. Running heads
and page numbers are dropped, the trailing small-font lines of a page are its notes, and the
body is rejoined across pages and hyphenated line ends. Notes numbered per chapter (a note 1
again) are read as series `2.1`, `2.2`..., each marker given its own note's series. Pages are
read one at a time and only their lines are kept, so memory follows the text, not the drawing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from citetrack.errors import BadInputError
from citetrack.models import Claim, DocumentFormat, Note, ParsedDocument
from citetrack.read.body import BodyBuilder
from citetrack.read.claims import normalize_space
from citetrack.read.links import hidden_hrefs
from citetrack.read.pdf.columns import column_pages
from citetrack.read.pdf.layout import (
    column_of,
    dominant_size,
    drop_furniture,
    fit_page_edges,
    join_lines,
    split_pages,
    split_runs,
    title_of,
)
from citetrack.read.pdf.load import load, metadata_date
from citetrack.read.pdf.series import label_series
from citetrack.read.pdf.tables import carry_cut_cells, drop_repeated_heads
from citetrack.read.labels import series_label, to_superscript
from citetrack.read.text import parse_text

__all__ = ["read_pdf"]

# A web page printed to PDF keeps its notes' back-links to the text: "↩", "↩︎".
_BACK_LINK = re.compile("\u21a9\ufe0e?")


def read_pdf(path: str | Path) -> ParsedDocument:
    """Read a PDF with a text layer; scans, encrypted and damaged files raise BadInputError."""
    path = Path(path)
    pages, metadata, xmp_date, undecodable = load(path)
    if not any(page.lines for page in pages):
        if undecodable:
            raise BadInputError(f"{path}: the PDF's text cannot be decoded (fonts without a Unicode map)")
        raise BadInputError(
            f"{path}: the PDF has no text layer (a scan?); run OCR on it first, e.g. ocrmypdf"
        )
    title = title_of(metadata, pages)
    body_size = dominant_size(pages)
    drop_furniture(pages, body_size, title)
    drop_repeated_heads(pages)
    body_lines, drafts = split_pages(column_pages(pages, body_size), body_size)
    column = column_of(body_lines, body_size)
    body_lines = carry_cut_cells(body_lines, column[2])
    fit_page_edges(body_lines, body_size, column)
    builder = BodyBuilder()
    join_lines(body_lines, column, builder)
    labels = {series_label(draft.label, draft.series) for draft in drafts if draft.label is not None}
    mark_pages = [line.page for line in body_lines for _ in line.marks]
    builder.marks = split_runs(label_series(builder.marks, mark_pages, drafts), labels)
    notes = []
    for position, draft in enumerate(drafts):
        note_builder = BodyBuilder()
        join_lines(draft.lines, column, note_builder, paragraphs=False)
        text = normalize_space(_BACK_LINK.sub("", note_builder.text()))
        uris = [uri for line in draft.lines for uri in line.uris]
        label = None if draft.label is None else series_label(draft.label, draft.series)
        notes.append(Note(label, text, position, hidden_hrefs(text, uris)))
    published = metadata_date(metadata, xmp_date)
    if not notes:
        endnotes = _endnotes_section(builder.text(), builder.marks, path)
        if endnotes is not None:
            return replace(endnotes, format=DocumentFormat.PDF, title=title, published=published)
    return builder.document(
        path, DocumentFormat.PDF, title=title, published=published, notes=notes
    )


def _endnotes_section(body: str, marks: list[tuple[int, str]], path: Path) -> ParsedDocument | None:
    """Markers but no note at any page foot: the notes are a section in the body's own font.

    The body is handed, with its markers as superscript digits, to the reader of
    PDF-extracted text, which knows such sections; None when it finds no note either.
    """
    if not marks or not all(label.isdigit() for _, label in marks):
        return None
    parts, position = [], 0
    for offset, label in sorted(marks, key=lambda mark: mark[0]):
        parts.append(body[position:offset])
        parts.append(to_superscript(label))
        position = offset
    parts.append(body[position:])
    parsed = parse_text("".join(parts), str(path))
    if not parsed.notes:
        return None
    labels = {note.label for note in parsed.notes if note.label is not None}

    def unglue(found: tuple[str, ...]) -> tuple[str, ...]:  # "⁵⁶" was markers 5 and 6
        return tuple(label for _, label in split_runs([(0, label) for label in found], labels, in_order=False))

    claims = tuple(
        Claim(claim.text, tuple(dict.fromkeys(unglue(claim.labels))), claim.position)
        for claim in parsed.claims
    )
    return replace(parsed, claims=claims, markers=unglue(parsed.markers))

