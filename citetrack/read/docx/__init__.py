"""Word documents (.docx): the body with its footnote/endnote references, and the notes.

Footnotes are numbered in order of reference, as Word displays them (endnotes apart, in
their own format, lower-case roman by default; numbering that restarts per section or page
becomes series `2.1`, `2.2`..., see `citetrack.read.docx.numbering`); a custom mark keeps its own text.
Hand-typed superscript numbers count as markers too. Hyperlinks of a note that its text does
not show become `Note.hrefs`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from citetrack.errors import BadInputError
from citetrack.models import DocumentFormat, Note, ParsedDocument
from citetrack.read.body import BodyBuilder
from citetrack.read.claims import normalize_space
from citetrack.read.links import hidden_hrefs
from citetrack.cite.dates import iso_date
from citetrack.read.docx.numbering import NoteNumbers, format_number
from citetrack.read.labels import is_ordinal, is_power, marker_labels
from citetrack.read.package import Package

__all__ = ["format_number", "read_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
DC_CREATED = "{http://purl.org/dc/terms/}created"
DC_MODIFIED = "{http://purl.org/dc/terms/}modified"
# The stamp python-docx's template carries in every file it saves: no date of the document.
PYTHON_DOCX_TEMPLATE_STAMP = "2013-12-23T23:15:00Z"

_SKIPPED = frozenset(
    W + tag for tag in ("del", "moveFrom", "delText", "instrText", "rPr", "pPr", "sectPr", "footnotePr", "endnotePr")
) | {MC_FALLBACK}
_SEPARATOR_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"')
_TRUE = frozenset({"1", "true", "on"})
PAGE, SECTION = "page", "section"


class _Walker:
    """Walks WordprocessingML in document order and writes its text into a BodyBuilder."""

    def __init__(self, builder: BodyBuilder, superscript_styles: set[str], rels: dict[str, str]):
        self.builder = builder
        self.superscript_styles = superscript_styles
        self.rels = rels
        self.targets: list[str] = []
        self.on_reference: Callable[[str, str, bool], None] | None = None
        self.on_break: Callable[[str], None] | None = None  # "page" or "section", in the body
        self.typed_label: Callable[[str], str] = str  # a hand-typed marker's label
        self.custom_pending: Callable[[str], None] | None = None
        self.leading_label: str | None = None  # a note's own printed label (custom marks)
        self.in_note = False
        self._sup: list[str] = []

    def flush(self) -> None:
        """Turn buffered superscript text into markers (or plain text when it is no marker)."""
        if not self._sup:
            return
        raw, self._sup = "".join(self._sup), []
        before = self.builder.tail(12)
        labels = None if is_power(raw, before) or is_ordinal(raw, before) else marker_labels(raw.strip())
        if labels is None:
            self.builder.add(raw)
        elif self.in_note:
            if not self.builder.text().strip() and self.leading_label is None:
                self.leading_label = labels[0]
        else:
            for label in labels:
                self.builder.mark(self.typed_label(label))

    def add(self, text: str) -> None:
        self.flush()
        self.builder.add(text)

    def walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == W + "p":
                properties = child.find(W + "pPr")
                if properties is not None and _on(properties.find(W + "pageBreakBefore")):
                    self.layout_break(PAGE)
                self.walk(child)
                self.end_paragraph()
                if properties is not None and properties.find(W + "sectPr") is not None:
                    self.layout_break(SECTION)
            elif tag == W + "r":
                self.run(child)
            elif tag == W + "hyperlink":
                target = self.rels.get(child.get(R + "id") or "")
                if target:
                    self.targets.append(target)
                self.walk(child)
            elif tag == W + "fldSimple":
                self.field(child.get(W + "instr") or "")
                self.walk(child)
            else:
                self.walk(child)

    def layout_break(self, kind: str) -> None:
        self.flush()
        if self.on_break is not None:
            self.on_break(kind)

    def field(self, instruction: str) -> None:
        match = _HYPERLINK_FIELD.search(instruction)
        if match:
            self.targets.append(match.group(1))

    def end_paragraph(self) -> None:
        if self.custom_pending is not None:  # a custom mark drawn as a symbol
            self.custom_pending("*")
            self.custom_pending = None
        self.flush()
        self.builder.break_paragraph()

    def run(self, run) -> None:
        properties = run.find(W + "rPr")
        if properties is not None and _on(properties.find(W + "vanish")):
            return  # hidden text is not part of the document as read
        superscript = self._superscript(properties)
        for child in run:
            tag = child.tag
            if tag == W + "t":
                text = child.text or ""
                if self.custom_pending is not None and text.strip():
                    self.custom_pending(text.strip())
                    self.custom_pending = None
                elif superscript:
                    self._sup.append(text)
                else:
                    self.add(text)
            elif tag in (W + "tab", W + "br", W + "cr"):
                self.add(" ")
                if tag == W + "br" and child.get(W + "type") == "page":
                    self.layout_break(PAGE)
            elif tag == W + "lastRenderedPageBreak":
                self.layout_break(PAGE)
            elif tag == W + "noBreakHyphen":
                self.add("-")
            elif tag == W + "instrText":
                self.field(child.text or "")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                self.flush()
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                custom = (child.get(W + "customMarkFollows") or "").lower() in _TRUE
                if self.on_reference is not None:
                    self.on_reference(kind, child.get(W + "id") or "", custom)
            elif tag == W + "sym" and self.custom_pending is not None:
                self.custom_pending("*")
                self.custom_pending = None
            elif tag == MC_FALLBACK:
                continue
            elif tag not in _SKIPPED and len(child):
                self.walk(child)  # e.g. mc:AlternateContent, drawings with text boxes

    def _superscript(self, properties) -> bool:
        if properties is None:
            return False
        align = properties.find(W + "vertAlign")
        if align is not None:
            return align.get(W + "val") == "superscript"
        style = properties.find(W + "rStyle")
        return style is not None and style.get(W + "val") in self.superscript_styles


def _on(toggle) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return toggle is not None and (toggle.get(W + "val") or "true").lower() not in ("0", "false", "off")


def _superscript_styles(styles) -> set[str]:
    """Character styles that raise their text (Word's FootnoteReference among them)."""
    found: set[str] = set()
    if styles is None:
        return found
    for style in styles.iter(W + "style"):
        align = style.find(f"{W}rPr/{W}vertAlign")
        if align is not None and align.get(W + "val") == "superscript":
            found.add(style.get(W + "styleId") or "")
    return found


def _rels(package: Package, part: str) -> dict[str, str]:
    folder, _, name = part.rpartition("/")
    root = package.xml(f"{folder}/_rels/{name}.rels")
    if root is None:
        return {}
    return {
        rel.get("Id"): rel.get("Target")
        for rel in root.iter(PKG_REL)
        if (rel.get("Type") or "").endswith("/hyperlink") and rel.get("Id") and rel.get("Target")
    }


def _read_notes(package: Package, kind: str, styles: set[str]) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    """Note id -> (text, its own printed label if any, link targets), separators skipped."""
    part = f"word/{kind}s.xml"
    root = package.xml(part)
    if root is None:
        return {}
    rels = _rels(package, part)
    notes = {}
    for element in root.iter(W + kind):
        note_id = element.get(W + "id") or ""
        if element.get(W + "type") in _SEPARATOR_TYPES or note_id in ("-1", "0"):
            continue
        builder = BodyBuilder()
        walker = _Walker(builder, styles, rels)
        walker.in_note = True
        walker.walk(element)
        walker.flush()
        text = normalize_space(builder.text())
        notes[note_id] = (text, walker.leading_label, tuple(walker.targets))
    return notes


def _sections(body) -> list:
    """Each section's w:sectPr in body order: the one in the pPr of the paragraph that ends
    it, the body's own for the last (revision marks' old sectPr and fallbacks left out)."""
    found = []
    for properties in body.iter(W + "sectPr"):
        parent = properties.getparent()
        if parent.tag in (W + "pPr", W + "body") and not any(
            ancestor.tag == MC_FALLBACK for ancestor in properties.iterancestors()
        ):
            found.append(properties)
    return found


def _title(core, document) -> str | None:
    if core is not None:
        title = core.find(DC_TITLE)
        if title is not None and normalize_space(title.text or ""):
            return normalize_space(title.text)
    for paragraph in document.iter(W + "p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(W + "val") == "Title":
            text = normalize_space("".join(t.text or "" for t in paragraph.iter(W + "t")))
            if text:
                return text
    return None


def _published(core) -> dt.date | None:
    """The last-saved date (else the creation date) of the file.

    The last save is preferred: a file made from an old document or template keeps that
    one's creation date, which would make every later citation look "future".
    """
    if core is None:
        return None
    for tag in (DC_MODIFIED, DC_CREATED):
        stamp = (core.findtext(tag) or "").strip()
        if stamp and stamp != PYTHON_DOCX_TEMPLATE_STAMP:
            found = iso_date(stamp)
            if found is not None:
                return found
    return None


def read_docx(path: str | Path) -> ParsedDocument:
    """Read a .docx: body, markers, footnotes and endnotes; damaged files raise BadInputError."""
    path = Path(path)
    with Package(path, "Word (.docx)") as package:
        document = package.xml("word/document.xml", required=True)
        if document.find(W + "body") is None:
            raise BadInputError(f"{path}: not a Word document (no w:body in word/document.xml)")
        styles = _superscript_styles(package.xml("word/styles.xml"))
        numbers = NoteNumbers(package.xml("word/settings.xml"), _sections(document.find(W + "body")))
        notes_by_kind = {kind: _read_notes(package, kind, styles) for kind in ("footnote", "endnote")}
        core = package.xml("docProps/core.xml")

    builder = BodyBuilder()
    walker = _Walker(builder, styles, {})
    referenced: list[tuple[str, str, str]] = []  # (kind, id, label) in order of first reference
    seen: set[tuple[str, str]] = set()

    def register(kind: str, note_id: str, label: str) -> None:
        builder.mark(label)
        if (kind, note_id) not in seen:
            seen.add((kind, note_id))
            referenced.append((kind, note_id, label))

    def on_reference(kind: str, note_id: str, custom: bool) -> None:
        if custom:
            walker.custom_pending = lambda label: register(kind, note_id, label)
            return
        register(kind, note_id, numbers.label(kind))

    walker.on_reference = on_reference
    walker.on_break = lambda kind: numbers.page_break() if kind == PAGE else numbers.section_break()
    walker.typed_label = numbers.typed
    walker.walk(document.find(W + "body"))
    walker.end_paragraph()

    notes: list[Note] = []
    for kind, note_id, label in referenced:
        if note_id in notes_by_kind[kind]:
            text, own_label, targets = notes_by_kind[kind][note_id]
            notes.append(Note(label, text, len(notes), hidden_hrefs(text, targets)))
    for kind in ("footnote", "endnote"):  # notes no marker refers to (Word never shows them)
        for note_id, (text, own_label, targets) in notes_by_kind[kind].items():
            if (kind, note_id) not in seen and text:
                notes.append(Note(own_label, text, len(notes), hidden_hrefs(text, targets)))
    return builder.document(
        path, DocumentFormat.DOCX, title=_title(core, document), published=_published(core), notes=notes
    )

