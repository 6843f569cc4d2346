"""Document generators for the PDF/DOCX/ODT reader tests: a small spec rendered to real files.

A `DocSpec` holds a title, paragraphs of text with note markers, and notes. `render_pdf` lays
it out like a printed paper (raised, smaller markers; notes at the foot of each page, a note
continued on the next page; running heads and page numbers; hyphenated line ends), and
`render_docx` / `render_odt` write real footnotes. The PDF may be set in two or more columns,
with notes at the foot of each column or spanning the page, and full-width paragraphs (an
abstract) before the columns. Nothing here is part of citetrack itself.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

# ---------------------------------------------------------------- the spec


@dataclass(frozen=True)
class Mark:
    """A note marker in the body."""

    label: str


@dataclass(frozen=True)
class PageBreak:
    """Where a page begins in a .docx body: Word's last layout (w:lastRenderedPageBreak), or a
    break the author typed (w:br w:type="page"). Only `render_docx` writes it."""

    explicit: bool = False


Segment = str | Mark | PageBreak


@dataclass(frozen=True)
class Section:
    """A Word section's note numbering (w:footnotePr / w:endnotePr); None leaves a property unset."""

    restart: str | None = None  # "continuous", "eachSect" or "eachPage"
    num_fmt: str | None = None
    num_start: int | None = None
    position: str | None = None  # endnotes: "sectEnd" prints them at each section's end


@dataclass(frozen=True)
class Paragraph:
    segments: tuple[Segment, ...]
    heading: bool = False
    section_end: Section | None = None  # .docx: this paragraph ends a section with these properties
    spans: bool = False  # set across all columns (an abstract); only before the first column paragraph


@dataclass(frozen=True)
class NoteSpec:
    """A note; `links` are (visible text in the note, link target) pairs."""

    label: str
    text: str
    links: tuple[tuple[str, str], ...] = ()


@dataclass
class DocSpec:
    title: str
    paragraphs: list[Paragraph]
    notes: list[NoteSpec]
    published: dt.date | None = None
    running_head: str | None = None  # defaults to the title
    # PDF layout knobs: raised label in the notes or a plain one; hyphenate long words.
    note_label_raised: bool = True
    hyphenate: bool = True
    page_numbers: bool = True
    max_note_zone: float = 0.3  # share of the text block the notes may take on one page
    # Draw each line as text runs with real space characters, in Liberation Serif (as word
    # processors do), instead of one text object per word in DejaVu Serif.
    whole_lines: bool = False
    # Print the notes as a "Notes" section after the body, in the body's font, not per page.
    endnotes_section: bool = False
    endnotes_per_chapter: bool = False  # ... one such section before each heading, for its chapter
    running_foot: str | None = None  # printed as "<foot> | <page>" instead of the bare number
    glued_markers: bool = False  # adjacent markers printed "12" instead of "1,2"
    # Text columns (the title and `spans` paragraphs stay full width), `column_gap` points
    # apart; notes at the foot of each column, or under all columns across the page; the
    # first `one_column_pages` pages set in one column.
    columns: int = 1
    column_gap: float = 18.0
    column_notes: bool = True
    one_column_pages: int = 0
    extra: dict = field(default_factory=dict)


_MARK = re.compile(r"\[\[([^\]]+)\]\]|\f")


def para(text: str, heading: bool = False, section_end: Section | None = None, spans: bool = False) -> Paragraph:
    """A paragraph from text with `[[label]]` markers; a form feed is a page of Word's layout
    ending there (`PageBreak()`)."""
    segments: list[Segment] = []
    position = 0
    for match in _MARK.finditer(text):
        if match.start() > position:
            segments.append(text[position : match.start()])
        segments.append(Mark(match.group(1)) if match.group(1) else PageBreak())
        position = match.end()
    if position < len(text):
        segments.append(text[position:])
    return Paragraph(tuple(segments), heading, section_end, spans)


def plain_text(paragraph: Paragraph) -> str:
    return "".join(s for s in paragraph.segments if isinstance(s, str))


def spec_from_parsed(doc, title: str | None = None) -> DocSpec:
    """A spec from a ParsedDocument: its body paragraphs, markers after each claim, its notes.

    Marker positions are not kept by ParsedDocument, so each claim's labels go right after
    the claim's sentence; repeated markers go after the claim that first carried the label.
    Notes numbered per chapter are printed as numbered in their chapter: `2.1` as `1`.
    """
    from citetrack.read.claims import normalize_space

    paragraphs_text = [normalize_space(p) for p in re.split(r"\n[ \t]*\n", doc.body)]
    paragraphs_text = [p for p in paragraphs_text if p]
    inserts: dict[int, dict[int, list[str]]] = {}
    cursor_par, cursor_off = 0, 0
    placed: Counter = Counter()
    last_place: dict[str, tuple[int, int]] = {}
    for claim in doc.claims:
        found = None
        for index in range(cursor_par, len(paragraphs_text)):
            start = paragraphs_text[index].find(claim.text, cursor_off if index == cursor_par else 0)
            if start >= 0:
                found = (index, start + len(claim.text))
                break
        if found is None:
            continue
        cursor_par, cursor_off = found
        inserts.setdefault(found[0], {}).setdefault(found[1], []).extend(claim.labels)
        for label in claim.labels:
            placed[label] += 1
            last_place.setdefault(label, found)
    leftovers = Counter(doc.markers) - placed
    for label, count in leftovers.items():
        where = last_place.get(label)
        if where is None:
            where = (len(paragraphs_text) - 1, len(paragraphs_text[-1])) if paragraphs_text else (0, 0)
            if not paragraphs_text:
                paragraphs_text.append("")
        inserts.setdefault(where[0], {}).setdefault(where[1], []).extend([label] * count)
    paragraphs = []
    for index, text in enumerate(paragraphs_text):
        segments: list[Segment] = []
        position = 0
        for offset in sorted(inserts.get(index, {})):
            if offset > position:
                segments.append(text[position:offset])
            segments.extend(Mark(_as_printed(label)) for label in inserts[index][offset])
            position = offset
        if position < len(text):
            segments.append(text[position:])
        paragraphs.append(Paragraph(tuple(segments)))
    notes = []
    for note in doc.notes:
        links = tuple((href, href) for href in note.hrefs if href not in note.text)
        notes.append(NoteSpec(_as_printed(note.label or ""), note.text, links))
    return DocSpec(
        title=title or doc.title or "Untitled document",
        paragraphs=paragraphs,
        notes=notes,
        published=doc.published,
    )


def _as_printed(label: str) -> str:
    """A label as printed: the number within its series (`2.1` is note 1 of chapter 2)."""
    return label.rpartition(".")[2]


# ---------------------------------------------------------------- PDF

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 72.0, 72.0, 72.0
BODY_SIZE, BODY_LEADING = 11.0, 14.0
SUP_SIZE, SUP_LIFT = 7.0, 4.0
NOTE_SIZE, NOTE_LEADING = 8.0, 10.0
NOTE_SUP_SIZE, NOTE_SUP_LIFT = 5.5, 3.0
HEAD_SIZE = 8.0
TITLE_SIZE, HEADING_SIZE = 16.0, 13.0
PARAGRAPH_GAP = 7.0
FONT_PATHS = {
    "": ["/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"],
    "B": ["/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"],
    "I": ["/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"],
}
LINE_FONT_PATHS = {
    "": ["/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"],
    "B": ["/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"],
    "I": ["/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf"],
}


def unicode_font_available(whole_lines: bool = False) -> bool:
    paths = LINE_FONT_PATHS if whole_lines else FONT_PATHS
    return all(any(Path(p).is_file() for p in options) for options in paths.values())


@dataclass
class _Piece:
    text: str
    raised: bool
    span: tuple[int, int] | None = None  # char range in the note text, for link rectangles


@dataclass
class _Word:
    pieces: list[_Piece]
    space_before: bool = True
    joins: str | None = None  # the tail of a word cut at a line end: what the cut added to the head

    def width(self, pdf, size: float, sup: float) -> float:
        total = 0.0
        for piece in self.pieces:
            pdf.set_font_size(sup if piece.raised else size)
            total += pdf.get_string_width(piece.text)
        return total


@dataclass
class _Line:
    words: list[_Word]
    size: float
    sup: float
    lift: float
    style: str = ""
    gap_before: float = 0.0
    labels: tuple[str, ...] = ()
    links: list[tuple[tuple[int, int], str]] = field(default_factory=list)
    width: float = 0.0  # the measure it was wrapped to


def _unwrap(lines: list[_Line]) -> list[_Word]:
    """The words of wrapped lines, hyphenated words made whole again (to wrap them anew)."""
    words: list[_Word] = []
    for word in (w for line in lines for w in line.words):
        if words and word.joins is not None:
            head, tail = words[-1].pieces[-1], word.pieces[0]
            span = (head.span[0], tail.span[1]) if head.span and tail.span else None
            text = head.text[: len(head.text) - len(word.joins)] + tail.text
            words[-1] = _Word([_Piece(text, False, span), *word.pieces[1:]], words[-1].space_before)
        else:
            words.append(_Word(list(word.pieces), word.space_before))
    return words


def _words(segments, with_spans: bool = False, glued: bool = False) -> list[_Word]:
    """Split segments into words; a marker sticks to the word before it (and to the marker
    before it, after a comma unless `glued`)."""
    words: list[_Word] = []
    offset = 0
    pending_space = False
    for segment in segments:
        if isinstance(segment, Mark):
            piece = _Piece(segment.label, True)
            if words and not pending_space:
                if words[-1].pieces[-1].raised and not glued:  # adjacent markers: "5,6" as printed
                    words[-1].pieces.append(_Piece(",", True))
                words[-1].pieces.append(piece)
            else:
                words.append(_Word([piece], space_before=bool(words)))
            pending_space = False
            continue
        for token in re.split(r"(\s+)", segment):
            if not token:
                continue
            if token.isspace():
                pending_space = True
            else:
                span = (offset, offset + len(token)) if with_spans else None
                if words and not pending_space:
                    words[-1].pieces.append(_Piece(token, False, span))
                else:
                    words.append(_Word([_Piece(token, False, span)], space_before=bool(words)))
                pending_space = False
            offset += len(token)
    return words


class _PdfWriter:
    def __init__(self, spec: DocSpec):
        from fpdf import FPDF

        self.spec = spec
        pdf = FPDF(unit="pt", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        fonts = LINE_FONT_PATHS if spec.whole_lines else FONT_PATHS
        if unicode_font_available(spec.whole_lines):
            for style, paths in fonts.items():
                pdf.add_font("Body", style, next(p for p in paths if Path(p).is_file()))
            self.family = "Body"
        else:
            self.family = "Times"
        pdf.set_title(spec.title)
        created = spec.published or dt.date(2024, 1, 15)
        pdf.set_creation_date(dt.datetime(created.year, created.month, created.day, 12, tzinfo=dt.UTC))
        self.pdf = pdf
        self.width = PAGE_W - 2 * MARGIN_X  # of the current column (the page's text block in one column)
        self.x = MARGIN_X  # left edge of the current column
        self.columns_now = 1  # columns on this page
        self.column = 0
        self.in_columns = False  # past the title and full-width paragraphs
        self.frame_top = MARGIN_TOP  # where the columns start on this page
        self.floor = 0.0  # lowest line of this page's finished columns (notes under all columns stay below it)
        self.text_bottom = PAGE_H - MARGIN_BOTTOM
        self.zone_cap = spec.max_note_zone * (PAGE_H - MARGIN_TOP - MARGIN_BOTTOM)
        self.page_notes: list[_Line] = []
        self.carried: list[_Line] = []
        self.y = MARGIN_TOP
        self.page_no = 0

    # -- lines
    def wrap(self, words: list[_Word], size, sup, lift, style="", hyphenate=False, width=None) -> list[_Line]:
        width = width or self.width
        pdf = self.pdf
        pdf.set_font(self.family, style, size)
        space = pdf.get_string_width(" ")
        lines: list[_Line] = []
        current: list[_Word] = []
        used = 0.0
        queue = list(words)
        while queue:
            word = queue.pop(0)
            w = word.width(pdf, size, sup)
            if not current and w > width and width < PAGE_W - 2 * MARGIN_X and not word.pieces[0].raised:
                word, tail = self.cut_word(word, size, width)
                if tail is not None:
                    queue.insert(0, tail)
                    w = word.width(pdf, size, sup)
            extra = (space if current and word.space_before else 0.0) + w
            if not current or used + extra <= width:
                current.append(word)
                used += extra
                continue
            text = "".join(p.text for p in word.pieces)
            room = width - used - space
            if hyphenate and len(word.pieces) == 1 and re.fullmatch(r"[a-z]{8,}", text):
                pdf.set_font_size(size)
                cut = 0
                for k in range(3, len(text) - 2):
                    if pdf.get_string_width(text[:k] + "-") <= room:
                        cut = k
                if cut:
                    span = word.pieces[0].span
                    head_span = (span[0], span[0] + cut) if span else None
                    tail_span = (span[0] + cut, span[1]) if span else None
                    current.append(_Word([_Piece(text[:cut] + "-", False, head_span)], True))
                    queue.insert(0, _Word([_Piece(text[cut:], False, tail_span)], False, "-"))
                    lines.append(_Line(current, size, sup, lift, style, width=width))
                    current, used = [], 0.0
                    continue
            lines.append(_Line(current, size, sup, lift, style, width=width))
            current, used = [], 0.0
            queue.insert(0, word)
        if current:
            lines.append(_Line(current, size, sup, lift, style, width=width))
        return lines

    def cut_word(self, word: _Word, size: float, width: float) -> tuple[_Word, _Word | None]:
        """A word wider than a column (a URL) cut where it fits: after the last character URLs
        break at, or anywhere; the tail goes on the next line. (Across the page it overflows.)"""
        self.pdf.set_font_size(size)
        piece = word.pieces[0]
        fits = [k for k in range(1, len(piece.text)) if self.pdf.get_string_width(piece.text[:k]) <= width]
        if not fits:
            return word, None
        breaks = [k for k in fits if piece.text[k - 1] in "/-_.=&?#"]
        cut = (breaks or fits)[-1]
        span = piece.span
        head = _Piece(piece.text[:cut], False, (span[0], span[0] + cut) if span else None)
        rest = _Piece(piece.text[cut:], False, (span[0] + cut, span[1]) if span else None)
        return _Word([head], word.space_before), _Word([rest, *word.pieces[1:]], False, "")

    def rewrap(self, lines: list[_Line], width: float, hyphenate: bool = False) -> list[_Line]:
        """Lines wrapped anew to another measure (a page with another number of columns), note
        by note (a line with labels starts one)."""
        groups: list[list[_Line]] = []
        for line in lines:
            if line.labels or not groups:
                groups.append([line])
            else:
                groups[-1].append(line)
        out: list[_Line] = []
        for group in groups:
            first = group[0]
            wrapped = self.wrap(_unwrap(group), first.size, first.sup, first.lift, first.style, hyphenate, width)
            wrapped[0].gap_before, wrapped[0].labels = first.gap_before, first.labels
            for line in wrapped:
                line.links = first.links
            out.extend(wrapped)
        return out

    def draw_line(self, line: _Line, baseline: float, center: bool = False, left: float | None = None) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, line.style, line.size)
        space = pdf.get_string_width(" ")
        total = sum(w.width(pdf, line.size, line.sup) for w in line.words) + space * sum(
            1 for i, w in enumerate(line.words) if i and w.space_before
        )
        x = (self.x if left is None else left) + ((self.width - total) / 2 if center else 0.0)
        run: list = []  # whole-lines mode: [x, raised, text] drawn as one string

        def flush() -> None:
            if run:
                pdf.set_font(self.family, line.style, line.sup if run[1] else line.size)
                pdf.text(run[0], baseline - (line.lift if run[1] else 0.0), run[2])
                run.clear()

        for index, word in enumerate(line.words):
            if index and word.space_before:
                if self.spec.whole_lines:
                    if run and not run[1]:
                        run[2] += " "
                    else:
                        flush()
                        run.extend([x, False, " "])
                x += space
            for piece in word.pieces:
                size = line.sup if piece.raised else line.size
                pdf.set_font(self.family, line.style, size)
                y = baseline - (line.lift if piece.raised else 0.0)
                if not self.spec.whole_lines:
                    pdf.text(x, y, piece.text)
                elif run and run[1] == piece.raised:
                    run[2] += piece.text
                else:
                    flush()
                    run.extend([x, piece.raised, piece.text])
                pdf.set_font(self.family, line.style, size)
                width = pdf.get_string_width(piece.text)
                if piece.span:
                    for (start, end), url in line.links:
                        if piece.span[0] < end and start < piece.span[1]:
                            pdf.link(x, y - size, width, size * 1.2, url)
                x += width
        flush()

    # -- pages and columns
    def new_page(self) -> None:
        self.finish_page()
        self.pdf.add_page()
        self.page_no += 1
        self.y = MARGIN_TOP
        self.frame_top = MARGIN_TOP
        self.floor = 0.0
        columns = self.spec.columns if self.in_columns and self.page_no > self.spec.one_column_pages else 1
        self.set_columns(columns)
        head = self.spec.running_head or self.spec.title
        if self.page_no > 1 and head:
            self.pdf.set_font(self.family, "I", HEAD_SIZE)
            self.pdf.text(MARGIN_X, 45, head)
        if self.spec.page_numbers:
            self.pdf.set_font(self.family, "", 9)
            number = str(self.page_no)
            if self.spec.running_foot:
                number = f"{self.spec.running_foot} | {number}"
            self.pdf.text((PAGE_W - self.pdf.get_string_width(number)) / 2, PAGE_H - 40, number)
        self.restart_notes()

    def set_columns(self, columns: int, column: int = 0) -> None:
        self.columns_now, self.column = columns, column
        gap = self.spec.column_gap
        self.width = (PAGE_W - 2 * MARGIN_X - (columns - 1) * gap) / columns
        self.x = MARGIN_X + column * (self.width + gap)

    def start_columns(self) -> None:
        """The first column paragraph: the columns start below what was set across the page."""
        self.in_columns = True
        if self.spec.columns > 1 and self.page_no > self.spec.one_column_pages:
            self.frame_top = self.y
            self.set_columns(self.spec.columns)
            self.page_notes = self.rewrap(self.page_notes, self.note_width) if self.page_notes else []

    def next_frame(self) -> None:
        """Move on to the next column, or to a new page after the last one."""
        if self.column + 1 >= self.columns_now:
            self.new_page()
            return
        if self.spec.column_notes:
            self.finish_page()
        self.floor = max(self.floor, self.y)
        self.set_columns(self.columns_now, self.column + 1)
        self.y = self.frame_top
        if self.spec.column_notes:
            self.restart_notes()

    @property
    def note_width(self) -> float:
        return self.width if self.spec.column_notes else PAGE_W - 2 * MARGIN_X

    def restart_notes(self) -> None:
        carried, self.carried = self.carried, []
        self.page_notes = []
        self.add_note_lines(carried)

    def notes_height(self, lines) -> float:
        return sum(NOTE_LEADING + line.gap_before for line in lines) + (12.0 if lines else 0.0)

    def add_note_lines(self, lines: list[_Line]) -> None:
        """Put note lines on this page (column) up to the zone cap; the rest continue on the next."""
        if lines and lines[0].width != self.note_width:
            lines = self.rewrap(lines, self.note_width)
        room = self.zone_cap
        if self.columns_now > 1:  # never over a line already set
            room = min(room, self.text_bottom - max(self.floor, self.y) - 3)
        for index, line in enumerate(lines):
            if self.carried or self.notes_height(self.page_notes + [line]) > room:
                self.carried.extend(lines[index:])
                return
            self.page_notes.append(line)

    def finish_page(self) -> None:
        """Draw the notes of the page (or of the column, when notes sit under each column)."""
        if self.page_no == 0 or not self.page_notes:
            return
        left = self.x if self.spec.column_notes else MARGIN_X
        top = self.text_bottom - self.notes_height(self.page_notes)
        self.pdf.set_line_width(0.5)
        self.pdf.line(left, top + 2, left + 120, top + 2)
        y = top + 12.0
        for index, line in enumerate(self.page_notes):
            y += NOTE_LEADING + (line.gap_before if index else 0.0)
            self.draw_line(line, y - 2.0, left=left)

    def place_body_line(self, line: _Line, new_notes: list[_Line]) -> bool:
        """Draw a body line (its new notes at the foot), moving on to the next column or page as
        needed; False when that one has another measure (the rest must be wrapped anew)."""
        while True:
            needed = line.gap_before + (BODY_LEADING if self.y > MARGIN_TOP else line.size)
            first_lines = [n for n in new_notes if n.labels]  # each note's first line must fit
            if self.carried:  # new notes wait for the next page anyway
                first_lines = []
            notes_after = self.notes_height(self.page_notes + first_lines)
            if self.text_bottom - notes_after < self.floor + 3:  # not under the finished columns
                notes_after = self.notes_height(self.page_notes)  # the new notes go on the next page
            if self.y + needed + 3 <= self.text_bottom - notes_after:
                self.y += needed
                self.draw_line(line, self.y, center=line.style == "B" and line.size == TITLE_SIZE)
                self.add_note_lines(new_notes)
                return True
            if self.y <= self.frame_top + 1 and not self.page_notes:  # nothing fits: force it
                self.y += needed
                self.draw_line(line, self.y)
                self.add_note_lines(new_notes)
                return True
            self.next_frame()
            if self.width != line.width:
                return False

    def note_lines(self, note: NoteSpec) -> list[_Line]:
        label = _Piece(note.label, self.spec.note_label_raised)
        words = _words([note.text], with_spans=True)
        if not note.label:  # a citation whose number was lost: a block set apart by a blank line
            lines = self.wrap(words, NOTE_SIZE, NOTE_SUP_SIZE, NOTE_SUP_LIFT, width=self.note_width)
            lines[0].gap_before = NOTE_LEADING
            lines[0].labels = ("",)
            return lines
        if self.spec.note_label_raised:
            if words:
                words[0].pieces.insert(0, label)
            else:
                words = [_Word([label], False)]
        else:
            words.insert(0, _Word([label], False))
            if len(words) > 1:
                words[1].space_before = True
        lines = self.wrap(words, NOTE_SIZE, NOTE_SUP_SIZE, NOTE_SUP_LIFT, width=self.note_width)
        links = []
        for visible, url in note.links:
            start = note.text.find(visible)
            if start >= 0:
                links.append(((start, start + len(visible)), url))
            else:  # the target is not shown: link the last word
                links.append(((max(0, len(note.text) - 1), len(note.text)), url))
        for line in lines:
            line.links = links
        lines[0].labels = (note.label,)
        return lines

    def notes_section(self, notes: list[NoteSpec]) -> None:
        """A "Notes" heading, then the notes in the body's font, each as a paragraph."""
        heading = self.wrap(_words(["Notes"]), HEADING_SIZE, SUP_SIZE, SUP_LIFT, "B")
        heading[0].gap_before = PARAGRAPH_GAP * 2
        self.place_paragraph(heading, [], False)
        for note in notes:
            lines = self.wrap(_words([f"{note.label} {note.text}"]), BODY_SIZE, SUP_SIZE, SUP_LIFT)
            lines[0].gap_before = PARAGRAPH_GAP
            self.place_paragraph(lines, [], False)

    def notes_called(self, line: _Line, remaining: list[NoteSpec]) -> list[NoteSpec]:
        """The notes a body line brings in: those its markers name, and unreferenced ones before
        them (notes are printed in order)."""
        taken: list[NoteSpec] = []
        for piece in (p for word in line.words for p in word.pieces if p.raised):
            rest = remaining[len(taken):]
            match = next((n for n in rest if n.label == piece.text), None)
            if match is not None:
                taken.extend(rest[: rest.index(match) + 1])
        return taken

    def place_paragraph(
        self, lines: list[_Line], remaining: list[NoteSpec], hyphenate: bool, pending: list[NoteSpec] | None = None
    ) -> None:
        """Set the lines with the notes they call at the foot; with `pending` (notes printed as
        sections), the notes called are set aside there instead."""
        index = 0
        while index < len(lines):
            taken = self.notes_called(lines[index], remaining)
            foot = [] if pending is not None else [note_line for note in taken for note_line in self.note_lines(note)]
            if not self.place_body_line(lines[index], foot):
                lines[index:] = self.rewrap(lines[index:], self.width, hyphenate)
                continue
            del remaining[: len(taken)]
            if pending is not None:
                pending.extend(taken)
            index += 1

    def render(self, path: Path) -> Path:
        spec = self.spec
        self.new_page()
        title = self.wrap(_words([spec.title]), TITLE_SIZE, SUP_SIZE, SUP_LIFT, style="B")
        for line in title:
            self.place_body_line(line, [])
        self.y += 10
        remaining = list(spec.notes)
        pending: list[NoteSpec] | None = [] if spec.endnotes_section else None  # notes called since the last Notes section
        for paragraph in spec.paragraphs:
            if paragraph.heading and spec.endnotes_per_chapter and pending:
                self.notes_section(pending)
                pending.clear()
            if not paragraph.spans and not self.in_columns:
                self.start_columns()
            if paragraph.heading:
                lines = self.wrap(_words(paragraph.segments), HEADING_SIZE, SUP_SIZE, SUP_LIFT, "B")
            else:
                lines = self.wrap(
                    _words(paragraph.segments, glued=spec.glued_markers),
                    BODY_SIZE, SUP_SIZE, SUP_LIFT, hyphenate=spec.hyphenate,
                )
            lines[0].gap_before = PARAGRAPH_GAP
            self.place_paragraph(lines, remaining, spec.hyphenate and not paragraph.heading, pending)
        if pending is not None:
            self.notes_section(pending + remaining)
            remaining = []
        tail: list[_Line] = []
        for note in remaining:
            tail.extend(self.note_lines(note))
        self.add_note_lines(tail)
        while self.carried:
            self.next_frame()
        self.finish_page()
        self.pdf.output(str(path))
        return path


def render_pdf(spec: DocSpec, path: Path) -> Path:
    """Lay `spec` out as a printed paper and write it to `path`."""
    return _PdfWriter(spec).render(Path(path))


# ---------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _w_run(text: str, superscript: bool = False) -> str:
    props = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if superscript else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _docx_note_xml(note_id: int, note: NoteSpec, custom: bool, rels: list[str], tag: str) -> str:
    ref = (
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{escape(note.label)}</w:t></w:r>'
        if custom
        else f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:{tag}Ref/></w:r>'
    )
    parts = [ref, _w_run(" ")]
    text = note.text
    position = 0
    for visible, url in note.links:
        rels.append(url)
        rid = f"rIdL{len(rels)}"
        start = text.find(visible, position)
        if start < 0:  # link not visible: put it on the last word
            start = max(text.rfind(" ") + 1, position)
            visible = text[start:]
        if start > position:
            parts.append(_w_run(text[position:start]))
        parts.append(f'<w:hyperlink r:id="{rid}">{_w_run(visible)}</w:hyperlink>')
        position = start + len(visible)
    if position < len(text):
        parts.append(_w_run(text[position:]))
    return (
        f'<w:{tag} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        + "".join(parts)
        + f"</w:p></w:{tag}>"
    )


def _rels_xml(targets: list[str]) -> str:
    rels = "".join(
        f'<Relationship Id="rIdL{i}" Type="{HYPERLINK_REL}" Target="{escape(url, {chr(34): "&quot;"})}" '
        'TargetMode="External"/>'
        for i, url in enumerate(targets, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + rels
        + "</Relationships>"
    )


_RENDERED_PAGE_BREAK = "<w:r><w:lastRenderedPageBreak/></w:r>"


def _word_number(number: int, fmt: str) -> str:
    """A note number as Word shows it, in the formats the tests use."""
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(number) if fmt == "lowerRoman" else _roman(number).upper()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[number - 1]
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(number)


def _word_numbering(tag: str, settings: Section | None, section: Section | None) -> tuple[str, int, str]:
    """(format, first number, restart) Word uses in a section: its own properties, else settings.xml."""

    def pick(name: str, default):
        for source in (section, settings):
            if source is not None and getattr(source, name) is not None:
                return getattr(source, name)
        return default

    restart = pick("restart", "continuous")
    if tag == "endnote" and (restart != "eachSect" or pick("position", None) != "sectEnd"):
        restart = "continuous"  # Word restarts endnotes only per section, and only printed there
    return pick("num_fmt", "lowerRoman" if tag == "endnote" else "decimal"), pick("num_start", 1), restart


def _note_properties(tag: str, section: Section | None) -> str:
    """A w:footnotePr / w:endnotePr element (empty when nothing is set)."""
    if section is None:
        return ""
    parts = [
        f'<w:pos w:val="{section.position}"/>' if section.position else "",
        f'<w:numFmt w:val="{section.num_fmt}"/>' if section.num_fmt else "",
        f'<w:numStart w:val="{section.num_start}"/>' if section.num_start is not None else "",
        f'<w:numRestart w:val="{section.restart}"/>' if section.restart else "",
    ]
    return f"<w:{tag}Pr>{''.join(parts)}</w:{tag}Pr>" if any(parts) else ""


def render_docx(
    spec: DocSpec, path: Path, endnotes: bool = False, settings: Section | None = None,
    last_section: Section | None = None,
) -> Path:
    """Write `spec` as a .docx with real footnotes (or endnotes), numbered as Word does.

    A note whose label is not Word's automatic number gets a custom mark; a marker with no
    note, or a second marker for the same note, is a superscript run (as typed by hand).
    `settings` numbers the notes document-wide (settings.xml), `last_section` in the body's
    final section; paragraphs with `section_end` close the sections before it.
    """
    tag = "endnote" if endnotes else "footnote"
    remaining = list(enumerate(spec.notes))
    ids: dict[int, int] = {}  # spec note index -> footnote id
    body: list[str] = []
    sections = [p.section_end for p in spec.paragraphs if p.section_end is not None] + [last_section]
    numbering = [_word_numbering(tag, settings, section) for section in sections]
    section = 0
    auto = numbering[0][1] - 1  # the last automatic number shown
    referenced: set[int] = set()
    custom_notes: set[int] = set()
    body.append(f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_w_run(spec.title)}</w:p>')
    for paragraph in spec.paragraphs:
        runs = []
        properties = '<w:pStyle w:val="Heading1"/>' if paragraph.heading else ""
        if paragraph.section_end is not None:
            properties += f"<w:sectPr>{_note_properties(tag, paragraph.section_end)}</w:sectPr>"
        if properties:
            runs.append(f"<w:pPr>{properties}</w:pPr>")
        for segment in paragraph.segments:
            if isinstance(segment, str):
                runs.append(_w_run(segment))
                continue
            if isinstance(segment, PageBreak):
                runs.append('<w:r><w:br w:type="page"/></w:r>' if segment.explicit else _RENDERED_PAGE_BREAK)
                if numbering[section][2] == "eachPage":
                    auto = numbering[section][1] - 1
                continue
            index = next(
                (i for i, n in enumerate(spec.notes) if n.label == segment.label and i not in referenced),
                None,
            )
            if index is None:
                runs.append(_w_run(segment.label, superscript=True))
                continue
            referenced.add(index)
            note_id = len(ids) + 1
            ids[index] = note_id
            if segment.label == _word_number(auto + 1, numbering[section][0]):
                auto += 1
                runs.append(
                    f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:{tag}Reference w:id="{note_id}"/></w:r>'
                )
            else:
                custom_notes.add(index)
                runs.append(
                    f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:{tag}Reference w:customMarkFollows="1" w:id="{note_id}"/>'
                    f"<w:t>{escape(segment.label)}</w:t></w:r>"
                )
        body.append("<w:p>" + "".join(runs) + "</w:p>")
        if paragraph.section_end is not None:
            section += 1
            if numbering[section][2] != "continuous":  # each section begins on a new page
                auto = numbering[section][1] - 1
    for index, _ in remaining:  # notes no marker refers to: present in the part, never shown
        if index not in ids:
            ids[index] = len(ids) + 1
            custom_notes.add(index)
    rels: list[str] = []
    notes_xml = [
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>',
    ]
    for index in sorted(ids, key=ids.get):
        notes_xml.append(_docx_note_xml(ids[index], spec.notes[index], index in custom_notes, rels, tag))
    ns = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>'
        + "".join(body)
        + f"<w:sectPr>{_note_properties(tag, last_section)}</w:sectPr></w:body></w:document>"
    )
    notes_part = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag}s {ns}>'
        + "".join(notes_xml)
        + f"</w:{tag}s>"
    )
    created = (
        f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{spec.published.isoformat()}T09:00:00Z</dcterms:created>"
        if spec.published
        else ""
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(spec.title)}</dc:title>{created}</cp:coreProperties>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        f'<Override PartName="/word/{tag}s.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{tag}s+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{tag}s" Target="{tag}s.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", doc_rels)
        archive.writestr(f"word/{tag}s.xml", notes_part)
        archive.writestr(f"word/_rels/{tag}s.xml.rels", _rels_xml(rels))
        archive.writestr("docProps/core.xml", core)
        if settings is not None:
            archive.writestr(
                "word/settings.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {ns}>'
                f"{_note_properties(tag, settings)}</w:settings>",
            )
    return Path(path)


def _roman(number: int) -> str:
    out = ""
    for value, digits in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += digits
            number -= value
    return out


# ---------------------------------------------------------------- ODT


def render_odt(spec: DocSpec, path: Path) -> Path:
    """Write `spec` as a LibreOffice .odt with text:note footnotes."""
    remaining = list(spec.notes)
    paragraphs = [f'<text:h text:outline-level="1">{escape(spec.title)}</text:h>']
    for paragraph in spec.paragraphs:
        parts = []
        for segment in paragraph.segments:
            if isinstance(segment, str):
                parts.append(escape(segment))
                continue
            note = next((n for n in remaining if n.label == segment.label), None)
            if note is None:
                parts.append(f'<text:span text:style-name="Sup">{escape(segment.label)}</text:span>')
                continue
            remaining.remove(note)
            body = escape(note.text)
            for visible, url in note.links:
                body = body.replace(
                    escape(visible),
                    f'<text:a xlink:type="simple" xlink:href="{escape(url, {chr(34): "&quot;"})}">{escape(visible)}</text:a>',
                    1,
                )
            parts.append(
                f'<text:note text:note-class="footnote"><text:note-citation>{escape(segment.label)}'
                f"</text:note-citation><text:note-body><text:p>{body}</text:p></text:note-body></text:note>"
            )
        tag = "text:h" if paragraph.heading else "text:p"
        paragraphs.append(f"<{tag}>{''.join(parts)}</{tag}>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">'
        '<office:automatic-styles><style:style style:name="Sup" style:family="text">'
        '<style:text-properties style:text-position="super 58%"/></style:style></office:automatic-styles>'
        "<office:body><office:text>" + "".join(paragraphs) + "</office:text></office:body></office:document-content>"
    )
    created = (
        f"<meta:creation-date>{spec.published.isoformat()}T09:00:00</meta:creation-date>" if spec.published else ""
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'office:version="1.3"><office:meta><dc:title>{escape(spec.title)}</dc:title>{created}'
        "</office:meta></office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
    return Path(path)


# ---------------------------------------------------------------- a ready-made paper

FILLER = (
    "The regional authorities published their annual review of the water supply, and the "
    "figures were discussed at length by the committee during the following weeks. "
    "Observers noted that the reservoirs had been refilled faster than anticipated, which "
    "surprised the engineers responsible for the northern catchment. "
)


def sample_spec(**knobs) -> DocSpec:
    """A three-page paper with every layout feature the PDF reader must survive."""
    paragraphs = [
        para("Introduction", heading=True),
        para(
            "The reservoir levels rose by twelve percent in the spring of 2023.[[1]] "
            + FILLER
            + "Farmers in the valley reported a second harvest for the first time in a decade.[[2]]"
        ),
        para(FILLER * 2 + "An independent survey confirmed the improvement in groundwater quality.[[3]]"),
        para("Findings", heading=True),
        para(
            FILLER
            + "The ministry announced a new irrigation programme with a budget of four million "
            "euros, covering the southern districts and the coastal plain.[[4]] "
            + FILLER * 2
        ),
        para(
            FILLER * 3
            + "Critics argued that the programme neglected the smallest municipalities entirely.[[5]][[6]] "
            + FILLER
        ),
        para(FILLER * 2 + "The committee will publish its next report in the autumn.[[7]]"),
    ]
    notes = [
        NoteSpec("1", 'Water Agency, "Annual Reservoir Review," Regional Gazette, 12 March 2023, https://gazette.example.org/reservoirs-2023.'),
        NoteSpec("2", "Interview with the valley cooperative, April 2023."),
        NoteSpec(
            "3",
            'Hydrology Institute, "Groundwater Survey 2023," Science Weekly (14.06.2023). '
            + "The survey covered three hundred wells across the region and compared them with the "
            "measurements of the previous decade, using the same laboratory methods and the same "
            "sampling calendar, so that the figures can be compared directly. " * 4,
            links=(("Science Weekly", "https://science.example.com/groundwater-survey-2023"),),
        ),
        NoteSpec(
            "4",
            'Ministry of Agriculture, "Irrigation Programme," press release, 2 May 2023, bit.ly/irr23.',
            links=(("bit.ly/irr23", "https://agriculture.example.gov/press/irrigation-programme"),),
        ),
        NoteSpec("5", 'M. Durand, "Small Towns Left Behind," The Courier, 9 May 2023.'),
        NoteSpec("6", "See also the opposition's statement of 10 May 2023, https://opposition.example.net/statement."),
        NoteSpec("7", "Committee calendar, https://committee.example.org/calendar."),
    ]
    return DocSpec(
        title="Water Supply in the Northern Region",
        paragraphs=paragraphs,
        notes=notes,
        published=dt.date(2024, 1, 15),
        **{"max_note_zone": 0.15, **knobs},
    )
