"""OpenDocument text (.odt): the body with its `text:note` citations, and the notes' bodies."""

from __future__ import annotations

from pathlib import Path

from citetrack.errors import BadInputError
from citetrack.models import DocumentFormat, Note, ParsedDocument
from citetrack.read.body import BodyBuilder
from citetrack.read.claims import normalize_space
from citetrack.read.links import hidden_hrefs
from citetrack.cite.dates import iso_date
from citetrack.read.labels import is_ordinal, is_power, marker_labels
from citetrack.read.package import Package

__all__ = ["read_odt"]

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"

_SKIPPED = frozenset(
    {OFFICE + "annotation", TEXT + "tracked-changes", TEXT + "note-citation", TEXT + "bookmark-ref"}
)
_BLOCKS = frozenset({TEXT + "p", TEXT + "h"})


def _superscript_styles(*roots) -> set[str]:
    names = set()
    for root in roots:
        if root is None:
            continue
        for style in root.iter(STYLE + "style"):
            props = style.find(STYLE + "text-properties")
            position = (props.get(STYLE + "text-position") or "") if props is not None else ""
            head = position.split()[0] if position else ""
            if head == "super" or (head.rstrip("%").replace(".", "", 1).isdigit() and float(head.rstrip("%")) > 0):
                names.add(style.get(STYLE + "name"))
    return names


class _Walker:
    def __init__(self, builder: BodyBuilder, superscript: set[str], notes: list[Note] | None):
        self.builder = builder
        self.superscript = superscript
        self.notes = notes
        self.targets: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self.builder.add(value)

    def walk(self, element) -> None:
        self.text(element.text)
        for child in element:
            self.element(child)
            self.text(child.tail)

    def element(self, child) -> None:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            return
        if tag in _BLOCKS:
            self.walk(child)
            self.builder.break_paragraph()
        elif tag == TEXT + "s":
            self.builder.add(" " * int(child.get(TEXT + "c") or 1))
        elif tag in (TEXT + "tab", TEXT + "line-break"):
            self.builder.add(" ")
        elif tag == TEXT + "soft-page-break":
            return
        elif tag == TEXT + "note":
            self.note(child)
        elif tag == TEXT + "span" and child.get(TEXT + "style-name") in self.superscript:
            raw = "".join(child.itertext())
            labels = None
            before = self.builder.tail(12)
            if self.notes is not None and not is_power(raw, before) and not is_ordinal(raw, before):
                labels = marker_labels(raw.strip())
            if labels is None:
                self.builder.add(raw)
            else:
                for label in labels:
                    self.builder.mark(label)
        else:
            if tag == TEXT + "a" and child.get(XLINK_HREF):
                self.targets.append(child.get(XLINK_HREF))
            self.walk(child)

    def note(self, element) -> None:
        if self.notes is None:  # a note inside a note: keep its text
            return
        citation = element.find(TEXT + "note-citation")
        label = None
        if citation is not None:
            label = citation.get(TEXT + "label") or normalize_space("".join(citation.itertext())) or None
        label = label or str(len(self.notes) + 1)
        self.builder.mark(label)
        body = element.find(TEXT + "note-body")
        note_builder = BodyBuilder()
        walker = _Walker(note_builder, self.superscript, None)
        if body is not None:
            walker.walk(body)
        text = normalize_space(note_builder.text())
        self.notes.append(Note(label, text, len(self.notes), hidden_hrefs(text, walker.targets)))


def read_odt(path: str | Path) -> ParsedDocument:
    """Read an .odt: body, note citations and note bodies; damaged files raise BadInputError."""
    path = Path(path)
    with Package(path, "OpenDocument text (.odt)") as package:
        content = package.xml("content.xml", required=True)
        styles = package.xml("styles.xml")
        meta = package.xml("meta.xml")
    office_text = content.find(f"{OFFICE}body/{OFFICE}text")
    if office_text is None:
        raise BadInputError(f"{path}: not an OpenDocument text (no office:text in content.xml)")
    builder = BodyBuilder()
    notes: list[Note] = []
    walker = _Walker(builder, _superscript_styles(content, styles), notes)
    walker.walk(office_text)
    title = published = None
    if meta is not None:
        title = normalize_space(meta.findtext(f".//{DC_TITLE}") or "") or None
        # the last save first (dc:date), as for Word files; then the creation date
        published = iso_date(meta.findtext(f".//{DC_DATE}")) or iso_date(
            meta.findtext(f".//{META}creation-date")
        )
    return builder.document(
        path, DocumentFormat.ODT, title=title, published=published, notes=notes
    )

