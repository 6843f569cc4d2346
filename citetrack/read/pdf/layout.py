"""From printed lines to a document: page furniture dropped, note zones cut, lines rejoined."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from citetrack import settings
from citetrack.cite.dates import find_dates
from citetrack.read.body import BodyBuilder
from citetrack.read.claims import normalize_space
from citetrack.read.furniture import rising_page_numbers
from citetrack.read.labels import split_label
from citetrack.read.pdf.lines import Line, Page
from citetrack.read.text import looks_like_citation

_PLAIN_LABEL = re.compile(r"^(\d{1,4}|[*†‡§¶]{1,3})[.)]?\s+(?=\S)")
_LONE_LABEL = re.compile(r"^(?:\d{1,4}|[*†‡§¶]{1,3})$")  # a note's label set on a line of its own
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|pág\.?)\s*)?[-–—(]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—)]?"
    r"(?:\s*(?:of|/|de|von)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# A running head or foot led or closed by the page number, in a few words: "10 CHAPTER 3. TRUST",
# "Findings 7" (taken when such numbers rise with the pages, the line set apart from the text).
_FOLIO_HEAD = re.compile(r"^(\d{1,4})\s+\S(?:\S*\s+){0,9}\S*$|^\S(?:\S*\s+){0,9}?(\d{1,4})$")
# A running foot or head carrying the page number: "Annual Report 2024 | 3", "3 · Title".
_FOLIO = re.compile(r"^\d{1,4}\s+[|·•]\s+\S|\S\s+[|·•]\s+\d{1,4}$")
# A line ending inside a URL, after a character where URLs are broken ("/", "-", "=", ...);
# _URL_MIDDLE: a whole line that carries on such a URL and is broken again (narrow columns).
_URL_BREAK = re.compile(r"(?:https?://|www\.)\S*[/\-_=&?#%~.]$|\bhttps?:/{0,2}$", re.IGNORECASE)
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)  # the line ends on a URL
_URL_PIECE = re.compile(r"^[\w\-~%]*[/#?=&][\w\-./#?=&%~+:]*$|^[\w\-~%]+\.[a-z]{2,5}(?:[#?]\S*)?$")
_URL_MIDDLE = re.compile(r"^\S*[/\-_=&?#%~.]$")
_NUMBERED_START = re.compile(r"\d+\s")  # "25 Harbour News...": a note's own number, not a URL's tail
_SENTENCE_END = re.compile(r"[.,;:]$")  # running heads and feet do not end like sentences
TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text.lower()))


def drop_furniture(pages: list[Page], body_size: float, title: str | None) -> None:
    """Remove running heads, running feet and page numbers from every page.

    Furniture is a line in the top or bottom margin that is a page number (alone, or beside a
    running title as the page's first or last line), recurs on most pages without ending like
    a sentence (the last line of a note can recur too: "records."), or (at the top of a later
    page) repeats the title or is set smaller than the body.
    """
    zone = settings.PDF_MARGIN_ZONE
    small = settings.PDF_NOTE_MAX_SIZE_RATIO * body_size
    title_key = _norm_furniture(title or "") or None
    seen: Counter = Counter()
    candidates: list[tuple[Page, Line, tuple[str, str]]] = []
    for page in pages:
        heads = [line for line in page.lines if line.bottom < zone * page.height][:2]
        feet = [line for line in page.lines if line.top > (1 - zone) * page.height][-2:]
        for where, group in (("head", heads), ("foot", feet)):
            for line in group:
                key = (where, _norm_furniture(line.text))
                if _raised_opening(line) is None:  # a note's raised label: not furniture
                    seen[key] += 1
                candidates.append((page, line, key))
    drop = set()
    repeats = max(2, math.ceil(settings.PDF_FURNITURE_REPEAT * len(pages)))
    outermost = {id(page.lines[0]) for page in pages if page.lines} | {
        id(page.lines[-1]) for page in pages if page.lines
    }
    for page, line, key in candidates:
        text = line.text.strip()
        is_number = not line.marks and bool(
            _PAGE_NUMBER.match(text) or (id(line) in outermost and _FOLIO.search(text))
        )
        lone_head = key[0] == "head" and page.number > 0 and not line.marks and (
            key[1] == title_key or (line.size <= small and not _runs_below(page, line, zone * page.height))
        )
        if is_number or lone_head or (seen[key] >= repeats and not _SENTENCE_END.search(text)):
            drop.add(id(line))
    drop.update(_page_numbers(pages))
    for page in pages:
        page.lines = [line for line in page.lines if id(line) not in drop]


def _page_numbers(pages: list[Page]) -> set[int]:
    """The ids of page numbers set outside the margin zones (a small page's foot sits higher):
    a lone number, or a running head or foot led or closed by it, set apart from the text,
    closing or opening most pages (a book's heads, its chapters' first feet), rising with
    them (its value minus the page's index the same), as in `pdftotext` text."""
    found = []
    for index, page in enumerate(pages):
        for line in {id(line): line for line in page.lines[:1] + page.lines[-1:]}.values():
            text = line.text.strip()
            if line.marks:
                continue
            if text.isdigit() and len(text) <= 4:
                found.append((index, int(text), line))
            elif (folio := _FOLIO_HEAD.match(text)) and _set_apart(page, line):
                found.append((index, int(folio.group(1) or folio.group(2)), line))
    printed = sum(1 for page in pages if page.lines)
    return {id(line) for line in rising_page_numbers(found, printed)}


def _set_apart(page: Page, line: Line) -> bool:
    """Whether a page's first or last line stands apart from the rest by more than a blank
    line's worth (a running head or foot), and reads as no sentence's end."""
    lines = page.lines
    if len(lines) < 2 or _SENTENCE_END.search(line.text.strip()):
        return False
    gap = lines[1].top - line.bottom if line is lines[0] else line.top - lines[-2].bottom
    return gap >= settings.PDF_FOLIO_GAP * line.size


def _runs_below(page: Page, line: Line, margin: float) -> bool:
    """Whether a small line at a page's top opens a block of lines in its type that runs on
    below the top margin (end notes carried over to this page), which no running head does."""
    lines = page.lines
    at = next(i for i, other in enumerate(lines) if other is line)
    for before, after in zip(lines[at:], lines[at + 1:]):
        if abs(after.size - line.size) > 0.3 or after.top - before.bottom > settings.PDF_NOTE_BLOCK_GAP * line.size:
            return False
        if after.top >= margin:
            return True
    return False


@dataclass
class NoteDraft:
    label: str | None
    lines: list[Line]
    series: int = 1  # which run of numbering (notes per chapter start again at 1)


def dominant_size(pages: list[Page]) -> float:
    """The body font size: the usual size of lines carrying markers inside their text.

    (Notes can outweigh the body in a short paper, so the plain most common size is only the
    fallback when no line carries a marker after its start.)
    """
    marked: Counter = Counter()
    sizes: Counter = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
            if any(offset > 0 for offset, _ in line.marks):
                marked[line.size] += len(line.text)
    chosen = marked or sizes
    return chosen.most_common(1)[0][0] if chosen else 10.0


def _last_label(notes: list[NoteDraft]) -> str | None:
    return next((note.label for note in reversed(notes) if note.label is not None), None)


def _may_be_label(text: str, seen: set[str], notes: list[NoteDraft]) -> bool:
    """Whether a number set alone on its line may be a note's label: a marker of the body, or
    the number after the last note's (1 for the first). A table's cell holding only a year
    (`2020`), at the foot of a page in small type, is neither."""
    if not text.isdigit() or text in seen:
        return True
    last = _last_label(notes)
    return int(text) == (int(last) + 1 if last is not None and last.isdigit() else 1)


def _plain_label(
    text: str, seen: set[str], used: set[str], notes: list[NoteDraft], ones_seen: int
) -> str | None:
    """A label printed in the note's own font: the next number, a marker with no note yet, or
    1 again where a new series may start (so a continuation line starting "2 September 2022"
    or "1 in 5" stays in its note)."""
    match = _PLAIN_LABEL.match(text)
    if not match:
        return None
    label = match.group(1)
    last = _last_label(notes)
    if label.isdigit() and last is not None and last.isdigit() and int(label) == int(last) + 1:
        return label
    if label in seen and label not in used:
        return label
    if label == "1" and _may_restart(notes, ones_seen, text):
        return label
    return None


def _raised_labels_only(openings: Counter[str]) -> bool:
    """Whether the document labels its notes with raised numbers only, so that a number in the
    notes' own type opening a line ("5 October 2024).", a date wrapped from the line above) is
    their text: one renderer sets every label of a document alike."""
    return openings["raised"] >= settings.PDF_RAISED_LABELS_SETTLE and not openings["plain"]


def _may_restart(notes: list[NoteDraft], ones_seen: int, text: str) -> bool:
    """Whether a line starting with a plain "1" may open a new series: the note before it ends
    a sentence, the line goes on neither in lower case ("... and / 1 in 5 riders") nor as a
    date ("1 June 2020"), and the body has shown more markers 1 than there are series, or the
    line reads like a citation."""
    if not notes or not TERMINAL.search(notes[-1].lines[-1].text.rstrip()):
        return False
    rest = _PLAIN_LABEL.sub("", text, count=1)
    if rest[:1].islower() or any(span[0] == 0 for span, _ in find_dates(text)):
        return False
    return ones_seen > notes[-1].series or looks_like_citation(rest)


def split_pages(pages: list[Page], body_size: float):
    """Split each page into body lines and notes; notes continue across pages."""
    small = settings.PDF_NOTE_MAX_SIZE_RATIO * body_size
    body: list[Line] = []
    notes: list[NoteDraft] = []
    seen: set[str] = set()  # marker labels met in the body so far
    used: set[str] = set()  # labels that already have a note in the current series
    ones_seen = 0  # markers "1" met in the body so far: each series opens with one
    series = 1
    numbered = False  # a numbered note was met: a note 1 after it opens a new series
    ended_in_note = False  # the page before ended in its notes
    openings: Counter[str] = Counter()  # how the notes so far were labelled: "raised" or "plain"
    for page in pages:
        lines = page.lines
        cut = end = len(lines) - (1 if _number_under_notes(lines, small) else 0)
        while cut > 0 and lines[cut - 1].size <= small:
            cut -= 1
        if cut == end:
            cut = len(lines)
        cut = _below_stray_numbers(page, cut)
        cut = min(cut, _ruled_zone_start(page, seen, bool(notes), body_size))
        set_off = False  # notes in the body's type, set off by a wide gap (a note carried over first)
        if cut == len(lines):
            cut = _set_off_zone_start(lines, seen, used)
            set_off = cut < len(lines)
        cells = _table_rows_end(lines)
        if cut < cells:  # a table's cells are body however small their type (a row's number is no label)
            cut, set_off = cells, False
        carried = _carried_over(lines, notes) if ended_in_note else None
        if carried is not None:
            cut = 0  # the notes gathered at the end go on over this page ("12. https://...")
        page_body, zone = lines[:cut], lines[cut:]
        ended_in_note = bool(zone) or _separator_at_foot(page)
        for line in page_body:
            seen.update(label for _, label in line.marks)
            ones_seen += sum(1 for _, label in line.marks if label == "1")
        ruled = set_off or bool(zone) and any(
            (page_body[-1].bottom if page_body else 0) - 2 <= rule <= zone[0].top + 2 for rule in page.rules
        )
        current: NoteDraft | None = notes[-1] if carried else None
        pitches = [b.bottom - a.bottom for a, b in zip(zone, zone[1:])]
        usual = min(pitches) if pitches else 0.0
        labelled_gap = max(
            (pitch for pitch, line in zip(pitches, zone[1:]) if _starts_note(line)), default=0.0
        )
        if zone and not zone[-1].marks and _PAGE_NUMBER.match(zone[-1].text.strip()) and (
            len(zone) > 1 and zone[-1].x0 > zone[0].x0 + 4 * zone[-1].size
        ):
            zone = zone[:-1]  # a page number set below the notes, away from their left edge
        for position, line in enumerate(zone):
            label = None
            if line.marks and line.marks[0][0] == 0:
                label = line.marks[0][1]
                line.marks = line.marks[1:]
                openings["raised"] += 1
            elif _LONE_LABEL.match(line.text) and not line.marks and position + 1 < len(zone) and (
                line.size <= small or line.text in seen
            ) and _may_be_label(line.text, seen, notes):  # a raised label set on a line of its own, above its note (a page number ends the page)
                label, line.text = line.text, ""
                openings["raised"] += 1
            elif not _hangs_in(current, line) and not _raised_labels_only(openings):
                label = _plain_label(line.text, seen, used, notes, ones_seen)
                if label is not None:
                    line.text = _PLAIN_LABEL.sub("", line.text, count=1)
                    openings["plain"] += 1
            if label is not None:
                if label == "1" and numbered:  # numbering starts again: notes per chapter
                    series += 1
                    used = set()
                numbered = numbered or label.isdigit()
                current = NoteDraft(label, [line], series)
                notes.append(current)
                used.add(label)
            elif current is not None and position and current.lines[-1].text and _lost_label(
                pitches[position - 1], usual, labelled_gap
            ):  # (not right under a label set alone on its line: its note's text)
                current = NoteDraft(None, [line], series)  # a block of its own whose number was lost
                notes.append(current)
            elif current is not None:
                current.lines.append(line)
            elif position == 0 and notes and _continues(notes[-1], line, ruled):
                current = notes[-1]
                current.lines.append(line)
            else:
                page_body.append(line)  # small text that is no note: keep it in the body
            if current is not None and current.lines[-1] is line:
                for run_in, tail in _run_in_notes(line, current.label, seen, used):
                    current = NoteDraft(run_in, [tail], series)  # notes set as one paragraph
                    notes.append(current)
                    used.add(run_in)
        body.extend(page_body)
    return body, notes


def _table_rows_end(lines: list[Line]) -> int:
    """Where a page's last table row ends (0 when it has none): the lines of its cells
    (`Line.cell`) are body, though set as small as notes at the page's foot. From the first
    row where a line opens with a raised label on, the "cells" are notes that the table finder
    took for a table (notes set in two columns line up as one)."""
    notes = [line.cell[2:] for line in lines if line.cell is not None and line.marks and line.marks[0][0] == 0]
    first_notes = min(notes, default=None)
    rows = [
        index for index, line in enumerate(lines)
        if line.cell is not None and (first_notes is None or line.cell[2:] < first_notes)
    ]
    return rows[-1] + 1 if rows else 0


def _run_in_notes(line: Line, label: str | None, seen: set[str], used: set[str]) -> list[tuple[str, Line]]:
    """The notes that open inside a note's line where notes run on in one paragraph (LaTeX's
    `footmisc` with `para`): a raised marker there whose label follows the note's own, that the
    body has marked and no note has yet. The line keeps its text up to the first of them; each
    is returned with its label and the rest of the line up to the next one."""
    if label is None or not label.isdigit():
        return []
    cuts = []
    for offset, mark in line.marks:
        if offset and mark.isdigit() and mark in seen and mark not in used and int(mark) == int(label) + 1 + len(cuts):
            cuts.append((offset, mark))
    if not cuts:
        return []
    text, marks = line.text, line.marks
    per_char = (line.x1 - line.x0) / max(len(text), 1)
    ends = [offset for offset, _ in cuts[1:]] + [len(text)]
    tails = []
    for (start, mark), end in zip(cuts, ends):
        tail_marks = [(offset - start, other) for offset, other in marks if start < offset < end]
        tails.append((mark, replace(line, x0=line.x0 + per_char * start, text=text[start:end].lstrip(), marks=tail_marks)))
    line.text = text[: cuts[0][0]].rstrip()
    line.marks = [(offset, other) for offset, other in marks if offset < cuts[0][0]]
    line.x1 = line.x0 + per_char * len(line.text)
    return tails


def _set_off_zone_start(lines: list[Line], seen: set[str], used: set[str]) -> int:
    """Where a page's notes begin when they are set in the body's own type with no rule above
    them (a LaTeX class or a word processor setting notes as large as the text): at the first
    line opening with a raised label that the body has marked and no note has yet, after which
    every line either opens with the next label or carries no marker, set off from the text
    above by a gap of PDF_SET_OFF_NOTES_GAP usual line steps; the lines right above that label
    (a note carried over from the page before, at most PDF_CARRIED_NOTE_MAX_LINES) go with it
    when the gap is above them. `len(lines)` when the page has no such notes."""
    steps = sorted(b.bottom - a.bottom for a, b in zip(lines, lines[1:]) if b.bottom > a.bottom)
    if len(steps) < settings.PDF_PITCH_MIN_SAMPLES:
        return len(lines)
    wide = settings.PDF_SET_OFF_NOTES_GAP * steps[len(steps) // 2]
    marked = set(seen)
    for index, line in enumerate(lines):
        label = _raised_opening(line)
        if index and label in marked and label not in used and _notes_from(lines[index:], label):
            start = index
            while (
                start > 0
                and lines[start].bottom - lines[start - 1].bottom < wide
                and not lines[start - 1].marks
                and index - start < settings.PDF_CARRIED_NOTE_MAX_LINES
            ):
                start -= 1
            if start > 0 and lines[start].bottom - lines[start - 1].bottom >= wide:
                return start
        marked.update(label for _, label in line.marks)
    return len(lines)


def _raised_opening(line: Line) -> str | None:
    """The label of a raised marker that opens the line (a note's label), or None."""
    return line.marks[0][1] if line.marks and line.marks[0][0] == 0 else None


def _notes_from(lines: list[Line], first: str) -> bool:
    """Whether `lines` are notes labelled from `first` on: every marker opens its line, and the
    labels run on one by one."""
    if not first.isdigit():
        return False
    expected = int(first)
    for line in lines:
        if any(offset > 0 for offset, _ in line.marks):
            return False
        label = _raised_opening(line)
        if label is not None:
            if label != str(expected):
                return False
            expected += 1
    return True


def _number_under_notes(lines: list[Line], small: float) -> bool:
    """Whether the page's last line is its number set in the body's size under small notes (a
    single page, or a short document, where no repetition showed it as furniture)."""
    return (
        len(lines) >= 2
        and not lines[-1].marks
        and lines[-1].size > small >= lines[-2].size
        and bool(_PAGE_NUMBER.match(lines[-1].text.strip()))
    )


def _separator_at_foot(page: Page) -> bool:
    """Whether the page ends in a separator rule with nothing under it, in its lower half:
    the notes gathered at the end of the document begin on the next page."""
    if not page.lines:
        return False
    lowest = max(line.bottom for line in page.lines)
    return any(rule > lowest and rule >= 0.5 * page.height for rule in set(page.rules) - _cell_borders(page))


def _carried_over(lines: list[Line], notes: list[NoteDraft]) -> int | None:
    """Whether the notes gathered at the end of a document go on over this page: it opens with
    the next note's label, or with the last note's next paragraph and then, within a few
    lines, that label; with no note yet, it opens with note 1 and has no marker at all. The
    count of lines the last note carries over; None when the page is no page of notes (a
    larger running head, "2. Costs", or body text with markers comes first)."""
    if not notes:  # under a separator at the foot of the page before: a page of notes only
        return 0 if lines and _opening_label(lines[0]) == "1" and not any(line.marks for line in lines) else None
    last = _last_label(notes)
    if not lines or last is None or not last.isdigit():
        return None
    following = str(int(last) + 1)
    size = notes[-1].lines[-1].size + 0.6
    for count, line in enumerate(lines[: settings.PDF_CARRIED_NOTE_MAX_LINES + 1]):
        if _opening_label(line) == following:
            return count if line.size <= size else None
        if line.marks or line.size > size:
            return None
    return None


def _hangs_in(note: NoteDraft | None, line: Line) -> bool:
    """Whether the line goes on a note set with a hanging indent (its label out in the margin,
    the lines after the first set further in): it starts where the note's later lines start,
    or, under its first line, a little right of where the label starts. A number opening it
    ("11 November 2020, https://...") is then the note's text, no label."""
    if note is None:
        return False
    first = note.lines[0].x0
    slack = settings.PDF_HANGING_SLACK * line.size
    hanging = lambda x: slack < x - first <= settings.PDF_HANGING_MAX_EMS * line.size  # noqa: E731 - not the next column
    if len(note.lines) >= 2:
        later = note.lines[-1].x0
        return hanging(later) and abs(line.x0 - later) <= slack
    return hanging(line.x0)  # right of the label


def _below_stray_numbers(page: Page, cut: int) -> int:
    """Where the page's small trailing lines really start: under a separator rule when all the
    small lines above it are bare numbers (markers set alone in a table's cells, just above the
    notes), which open no note there."""
    lines = page.lines
    for rule in sorted(page.rules, reverse=True):
        start = next((i for i in range(cut, len(lines)) if lines[i].top >= rule - 2), None)
        if start is not None and start > cut and all(_LONE_LABEL.match(line.text) for line in lines[cut:start]):
            return start
    return cut


def _opening_label(line: Line) -> str | None:
    """The label the line opens with: raised at its start, alone on its line, or in the
    note's own type before its text ("7 Regional Council...")."""
    raised = _raised_opening(line)
    if raised is not None:
        return raised
    if _LONE_LABEL.match(line.text):
        return line.text
    match = _PLAIN_LABEL.match(line.text)
    return match.group(1) if match else None


def _ruled_zone_start(page: Page, seen: set[str], after_notes: bool, body_size: float) -> int:
    """Where the page's notes begin when a separator rule sets them off in the body's own type
    (Word and LibreOffice can set notes as large as the body): the first line under the highest
    rule of the lower page that has a note's label under it, every line under it no larger than
    the body, the lines between the rule and that label no larger than it. On a page after
    notes, a rule with only unlabelled lines under it still counts when they sit in the page's
    lower half (a note carried over from the page before).
    `len(page.lines)` when there is no such rule."""
    lines = page.lines
    for rule in sorted(set(page.rules) - _cell_borders(page)):
        start = next((i for i, line in enumerate(lines) if line.top >= rule - 2), None)
        if start is None or start == 0 or lines[start].cell is not None:
            continue  # (a rule over a ruled table's cell is the table's own)
        under = lines[start:]
        if any(line.size > body_size + 0.6 for line in under):
            continue
        known = seen | {label for line in lines[:start] for _, label in line.marks}
        first = next((i for i, line in enumerate(under) if _opening_label(line) in known), None)
        # Between a separator and its first note there is at most the end of a note carried
        # over, set in the notes' type and citing nothing; a table's rules have rows and body
        # text under them, in the body's type, before the page's smaller notes, and a running
        # head's rule has the body, markers and all.
        labelled = first is not None and all(
            line.size <= _note_size(under, first) + 0.6 and not any(offset > 0 for offset, _ in line.marks)
            for line in under[:first]
        )
        if labelled or (after_notes and first is None and rule >= 0.5 * page.height):
            return start
    return len(lines)


def _cell_borders(page: Page) -> set[float]:
    """The tops of rules drawn as touching segments at one height: a table's borders, cell by
    cell (a browser draws them so), not a note separator, which is one short rule."""
    borders = set()
    for top, x0, x1 in page.rule_spans:
        if any(abs(other_top - top) <= 0.5 and abs(other_x0 - x1) <= 1.0 for other_top, other_x0, _ in page.rule_spans):
            borders.update(other_top for other_top, _, _ in page.rule_spans if abs(other_top - top) <= 0.5)
    return borders


def _note_size(lines: list[Line], first: int) -> float:
    """The type size of the note opening at `lines[first]`: its own, or, for a raised label set
    alone on its line, the size of the note's text under it."""
    if _LONE_LABEL.match(lines[first].text) and first + 1 < len(lines):
        return lines[first + 1].size
    return lines[first].size


def _starts_note(line: Line) -> bool:
    return _raised_opening(line) is not None or bool(_PLAIN_LABEL.match(line.text))


def _lost_label(pitch: float, usual: float, labelled_gap: float) -> bool:
    """An unnumbered block: set apart by a blank line wider than any gap before a numbered
    note on the page (so spacing between notes or paragraphs is not mistaken for one)."""
    return usual > 0 and pitch >= 1.8 * usual and pitch > labelled_gap + 2.0


def _continues(note: NoteDraft, line: Line, ruled: bool) -> bool:
    """Whether the first line of a page's note zone carries on the previous page's last note."""
    last = note.lines[-1].text.rstrip()
    return ruled or not TERMINAL.search(last) or line.text[:1].islower()


def _block_edges(lines: list[Line]) -> tuple[float, float]:
    """Left and right edge of a text block: where most lines start, and where most full lines
    end (not the widest: URLs overflow the column)."""
    lefts, rights = sorted(line.x0 for line in lines), sorted(line.x1 for line in lines)
    return lefts[len(lefts) // 10], rights[(len(rights) * 3) // 4]


def column_of(lines: list[Line], body_size: float) -> tuple[float, float, float]:
    """Left edge, right edge (most lines reach it) and usual line pitch of the body text.

    The edges are those of text set across the page; a line in one of several columns has
    its column's own (`Line.frame`).
    """
    main = [line for line in lines if abs(line.size - body_size) < 0.6]
    if not main:
        return 0.0, 1.0, body_size * settings.PDF_USUAL_LEADING
    across = [line for line in main if line.frame is None] or main
    left, right = _block_edges(across)
    pitches: Counter = Counter()
    for before, after in zip(main, main[1:]):
        if before.page == after.page and after.bottom > before.bottom:
            pitches[round(after.bottom - before.bottom, 0)] += 1
    # Too few line steps cannot tell the usual pitch from a paragraph gap: assume common leading.
    enough = sum(pitches.values()) >= settings.PDF_PITCH_MIN_SAMPLES
    pitch = pitches.most_common(1)[0][0] if enough else body_size * settings.PDF_USUAL_LEADING
    return left, right, pitch


def fit_page_edges(lines: list[Line], body_size: float, column: tuple[float, float, float]) -> None:
    """Give each page's lines that page's own text-block edges (as `Line.frame`) when the block
    moves from page to page: a two-sided layout (a book class, a report set for binding) shifts
    it left and right on facing pages, so the edges pooled over the document span both
    positions, wider than any page's block, and every full line would look short, ending its
    paragraph. A page with too few lines to measure takes the edges of a measured page whose
    block starts where its lines do. Documents whose pages share one block are left as they are."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.frame is None and abs(line.size - body_size) < 0.6:
            by_page.setdefault(line.page, []).append(line)
    edges: dict[int, tuple[float, float] | None] = {}
    for page, main in by_page.items():
        if len(main) >= settings.PDF_PAGE_EDGE_MIN_LINES:
            edges[page] = _block_edges(main)
    if len(edges) < 2:
        return
    widths = sorted(right - left for left, right in edges.values())
    usual = widths[len(widths) // 2]
    if (column[1] - column[0]) - usual <= body_size:  # one block for all pages
        return
    fitting = [found for found in edges.values() if abs((found[1] - found[0]) - usual) <= body_size]
    for page, main in by_page.items():  # a page too short to measure: the block its lines start at
        if page not in edges:
            left = min(line.x0 for line in main)
            edges[page] = next((found for found in fitting if abs(found[0] - left) <= body_size / 2), None)
    for line in lines:
        page_edges = edges.get(line.page)
        if line.frame is None and page_edges and abs((page_edges[1] - page_edges[0]) - usual) <= body_size:
            line.frame = page_edges


def _paragraph_break(before: Line, after: Line, column: tuple[float, float, float]) -> bool:
    left, right, pitch = column
    if before.cell != after.cell:
        return True  # each cell of a table is a paragraph of its own
    if abs(before.size - after.size) > 0.6 or before.bold != after.bold:
        return True
    if before.cell is not None:
        return False  # ... and one only: a narrow cell's ragged lines end short ("and E." / "coli")
    if before.page == after.page and after.bottom - before.bottom > settings.PDF_PARAGRAPH_GAP * pitch:
        return True
    if before.page != after.page and _NUMBERED_START.match(after.text) and TERMINAL.search(before.text):
        return True  # a page of notes in body type starts with the next note ("25 Harbour News...")
    if before.frame is not None:
        left, right = before.frame
    width = max(right - left, 1.0)
    room = right - before.x1 - before.size  # what was left after the line, with a margin
    if before.x1 < left + settings.PDF_SHORT_LINE * width and not before.text.endswith("-"):
        if after.first_word <= room:  # the next word would clearly have fitted: paragraph end
            return True
    indent_from = after.frame[0] if after.frame is not None else column[0]
    # an indented first line; lines set at the same indent (a table cell's) go on
    return after.x0 > indent_from + after.size and after.x0 > before.x0 + 1 and bool(TERMINAL.search(before.text))


def _word_cut(before: Line, after: Line, column) -> bool:
    """A word too long for a narrow column (a table cell) cut without a hyphen: the line is
    that one word, ending in a letter at the column's edge (the next letter would not have
    fitted), and the next line goes on in lower case."""
    word = before.text.strip()
    if not word or " " in word or not word[-1].isalpha() or not after.text[:1].islower():
        return False
    if any(offset >= len(before.text) for offset, _ in before.marks):
        return False
    right = before.frame[1] if before.frame is not None else column[1]
    head = after.text.split(None, 1)[0]
    letter = after.first_word / max(len(head), 1)
    return right - before.x1 < letter


def _url_goes_on(before: Line, after: Line, ends_on_url: bool, column) -> bool:
    """Whether the URL that ends `before` carries on at the start of `after` (a long URL is
    broken wherever the line is full: LaTeX and LibreOffice cut it anywhere, Word after a
    slash or hyphen). Decided by the link annotation when the PDF has one (the two pieces
    joined are part of its target), else by the page: the piece before does not close with
    punctuation, the next piece is no plain word, and it is URL material ("Report.html#top")
    or would not have fitted on the line before."""
    if not ends_on_url or not after.text[:1].strip():
        return False
    tail = before.text.rsplit(None, 1)[-1]
    head = after.text.split(None, 1)[0]
    for uri in (*before.uris, *after.uris):
        target = uri.lower()
        piece = tail.lower().split("://", 1)[-1]
        if piece and piece + head.lower().rstrip(".,;:)") in target:
            return True
    if tail[-1:] in ".,;:)]>\"”’'":
        return False
    right = before.frame[1] if before.frame is not None else column[1]
    if head.startswith("(") and ")" not in head:
        head = head[1:]  # "(Accessed:" opens a parenthesis no URL piece leaves open
    head = head.rstrip(".,;:)")
    if not re.search(r"[\W\d_]", head):
        return False  # a plain word ("Retrieved", "(Accessed") follows the URL
    full = after.first_word > right - before.x1
    return full or bool(_URL_PIECE.search(head))


def _emit(builder: BodyBuilder, text: str, marks: list[tuple[int, str]]) -> None:
    position = 0
    for offset, label in marks:
        builder.add(text[position:offset])
        builder.mark(label)
        position = offset
    builder.add(text[position:])


def join_lines(lines: list[Line], column, builder: BodyBuilder, paragraphs: bool = True) -> None:
    """Rejoin lines into paragraphs: spaces between lines, hyphenated words made whole."""
    previous: Line | None = None
    held_hyphen = False
    url_open = False  # the previous line ended inside a URL, at a character URLs break after
    url_tail = False  # the previous line ended on a URL (it may go on on this line)
    for line in lines:
        text, marks = line.text, list(line.marks)
        in_url = False
        if previous is not None:
            if paragraphs and _paragraph_break(previous, line, column):
                if held_hyphen:
                    builder.add("-")
                builder.break_paragraph()
            elif held_hyphen:
                before = previous.text[-2:-1]
                if not (before.islower() and text[:1].islower()):
                    builder.add("-")
            elif url_open and (text[:1].islower() or text[:1].isdigit() or text.startswith("/")) and not (
                previous.text.endswith(".") and _NUMBERED_START.match(text)
            ):
                in_url = True  # "https://example.org/reports/" + "2024/plan": one URL
            elif _url_goes_on(previous, line, url_open or url_tail, column):
                in_url = True
            elif _word_cut(previous, line, column):
                pass  # "Neuerun" + "gen:" in a narrow table cell: one word
            elif builder.length and not builder.last_char().isspace():
                builder.add(" ")
        url_open = bool(_URL_BREAK.search(text) or (in_url and _URL_MIDDLE.match(text))) and not marks
        url_tail = not marks and bool(_URL_TAIL.search(text) or (in_url and " " not in text.strip()))
        held_hyphen = (
            not url_open
            and len(text) > 1
            and text.endswith("-")
            and text[-2].isalpha()
            and not any(o >= len(text) for o, _ in marks)
        )
        if held_hyphen:
            text = text[:-1]
        if text.endswith("\u00ad"):
            text, held_hyphen = text[:-1], True
        _emit(builder, text, marks)
        previous = line
    if held_hyphen:
        builder.add("-")


def split_runs(
    marks: list[tuple[int, str]], labels: set[str], in_order: bool = True
) -> list[tuple[int, str]]:
    """Unglue adjacent markers printed without a comma: "34" -> "3", "4" where the numbering
    has reached 3 (markers run 1, 2, 3... in reading order), else "56" -> "5", "6" when only
    those labels exist; in a second series, "2.56" -> "2.5", "2.6" by that series' own labels.
    `in_order=False`: the marks are not the document's markers in reading order (no sequence)."""
    by_series: dict[str, set[str]] = {}
    for label in labels:
        prefix, _, number = label.rpartition(".")
        by_series.setdefault(prefix, set()).add(number)
    expected: dict[str, int] = {}  # per series: the number the next new marker should carry
    out = []
    marks = list(marks)
    index = 0
    while index < len(marks):
        offset, label = marks[index]
        index += 1
        prefix, _, number = label.rpartition(".")
        known = by_series.get(prefix, set())
        if in_order and index < len(marks) and _broken_run(number, marks[index], offset, prefix, expected.get(prefix, 1), known):
            number += marks[index][1].rpartition(".")[2]  # "…ours.1" / "8 And…": marker 18 broken over two lines
            label = f"{prefix}.{number}" if prefix else number
            index += 1
        parts = None
        if number.isdigit():
            if in_order:
                parts = _in_sequence(number, expected.get(prefix, 1), known)
            if parts is None and number not in known:
                parts = split_label(number, known)
        for part in parts or [number]:
            if part.isdigit():
                expected[prefix] = max(expected.get(prefix, 1), int(part) + 1)
        if parts is None:
            out.append((offset, label))
        else:
            out.extend((offset, f"{prefix}.{part}" if prefix else part) for part in parts)
    return out


def _broken_run(number: str, following: tuple[int, str], offset: int, prefix: str, expected: int, known: set[str]) -> bool:
    """Whether a marker and the next one, a line break apart (at most one character between
    them), are one marker broken over two lines: alone the first is not the number due, joined
    they are."""
    next_offset, next_label = following
    next_prefix, _, next_number = next_label.rpartition(".")
    if next_offset - offset > 1 or next_prefix != prefix or not (number.isdigit() and next_number.isdigit()):
        return False
    return int(number) != expected and int(number + next_number) == expected and number + next_number in known


def _in_sequence(number: str, expected: int, known: set[str]) -> list[str] | None:
    """`number` read as the next markers of the sequence glued together ("1112" -> 11, 12 when
    11 is expected), every one of them a known label; None when it is not."""
    if len(number) < 2 or int(number) == expected:
        return None
    parts: list[str] = []
    glued = ""
    value = expected
    while len(glued) < len(number):
        parts.append(str(value))
        glued += str(value)
        value += 1
    if glued != number or len(parts) < 2 or (known and not all(part in known for part in parts)):
        return None
    return parts


def title_of(metadata: dict, pages: list[Page]) -> str | None:
    title = metadata.get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    if isinstance(title, str):
        title = normalize_space(title)
        if title and not re.match(r"(?i)^(untitled|microsoft word|document\d*$)", title):
            return title
    if not pages or not pages[0].lines:
        return None
    biggest = max(line.size for line in pages[0].lines)
    lines = [line.text for line in pages[0].lines if line.size == biggest]
    return normalize_space(" ".join(lines[:3])) or None


