"""Text extracted from a PDF: markers, interleaved note blocks, page-break rejoining.

The extraction puts each page's footnotes where the page ends, often in the middle of a body
sentence. We cut the note blocks out and rejoin the body around them:

1. pick the document's marker style (superscript digits, `[12]` or `^12`);
2. split the lines into body paragraphs and notes — a note starts with the *next expected*
   number (after an optional bullet), and only when its marker was already seen or we are
   already inside a note block, so "2023 was..." or "90 soldiers" stay body; numbering that
   starts again at 1 (notes per chapter) opens a new series, labelled `2.1`, `2.2`... for the
   second, and each marker goes to the series whose notes follow it;
3. decide, after each note, whether the following unnumbered paragraphs continue the note
   (multi-paragraph notes) or resume the body, and which citation-like paragraphs next to
   a note block lost their number;
4. rejoin body paragraphs cut by a note block or a page break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citetrack import settings
from citetrack.cite.dates import MONTH_NUMBER
from citetrack.models import DocumentFormat, Note, ParsedDocument
from citetrack.read.body import BodyBuilder
from citetrack.read.claims import LIGATURES, normalize_space
from citetrack.read.furniture import drop_running_lines
from citetrack.read.labels import SUPERSCRIPT_DIGITS, from_superscript, is_power, series_label
from citetrack.read.layout_tables import unfold_tables
from citetrack.read.pdftext import (
    GLUED_NUMBER_LINE,
    PLAIN_CLOSE,
    PLAIN_MARKER,
    PLAIN_OPEN,
    in_narrow_column,
    is_layout_text,
    join_note_lines,
    line_width,
    normalise_plain,
    opens_numbered_paragraph,
    section_numbers,
    split_columns,
    unglued_label,
)

# How many unnumbered paragraphs after a note we inspect before deciding they are body.
MAX_NOTE_CONTINUATION_PARAGRAPHS = 4
# A numbered line of at most this many capitalised words is a section title, not a note.
MAX_HEADING_WORDS = 8
MAX_SENTENCE_HEADING_WORDS = 6  # a title in sentence case is short: longer lines are list items or notes
# A citation-like paragraph longer than this is taken for body text.
MAX_UNNUMBERED_NOTE_CHARS = 600
# A marker style seen fewer times than one per this many numbered lines is not the document's.
MIN_STYLE_MARKERS_PER_NOTE = 4
# A note is still read after up to this many missing ones ("2 ...", then "5 ...").
MAX_MISSING_NOTES = 3
# Lines at a page's foot are its notes only when at most this many markers met on the page lack
# a note among them (a note set over on the next page); else they are a numbered list.
MAX_UNANSWERED_PAGE_MARKERS = 1

SUPERSCRIPTS = SUPERSCRIPT_DIGITS  # the one table (`citetrack.read.labels`)

SUPERSCRIPT_STYLE = "superscript"
BRACKET_STYLE = "bracket"
CARET_STYLE = "caret"
PLAIN_STYLE = "plain"  # plain digits glued to the text ("scope.”1"): see citetrack.read.pdftext
AUTO_STYLE = "auto"
MARKER_STYLES = (AUTO_STYLE, SUPERSCRIPT_STYLE, BRACKET_STYLE, CARET_STYLE, PLAIN_STYLE)

_MARKER_PATTERNS = {
    SUPERSCRIPT_STYLE: re.compile(rf"(?<=\S)[{SUPERSCRIPTS}]+"),
    BRACKET_STYLE: re.compile(r"\s?\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]"),
    CARET_STYLE: re.compile(r"\^(\d{1,4})\b"),
    PLAIN_STYLE: PLAIN_MARKER,
}
_MAX_SUPERSCRIPT_DIGITS = 6  # longer superscript runs are not note numbers
_BULLET = r"[-•*–·▪◦]"
_BULLETED = re.compile(rf"^\s*{_BULLET}\s")
_LONE_BULLET = re.compile(rf"^\s*{_BULLET}\s*$")
_NOTE_START = re.compile(
    rf"^\s*(?:{_BULLET}\s*)?"
    rf"(?:\[(?P<bracket>\d{{1,4}})\]|\^(?P<caret>\d{{1,4}})|(?P<sup>[{SUPERSCRIPTS}]+)"
    r"|(?P<plain>\d{1,4})[.)]?)"
    # then a space, or a plain label glued to its note: `1Institute`, `4H. Mbeki`, `3https://`
    r"(?:\s+|(?<=\d)(?=[A-Z][a-z]|[A-Z]\.\s|[“\"«]|https?://))(?P<text>\S.*)$"
)
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
_QUOTED_TITLE = re.compile(r"[\"“][^\"”]{8,}[,.]?[\"”]")
_DATE_HINT = re.compile(
    r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
)
_REFERENCE_START = re.compile(
    r"[\"“]|<?https?://|www\.|[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|de|van|von|al|el|and|&)){0,4},"
)
_TERMINAL = re.compile(
    rf"[.!?…:][\"'”’»)\]]*(?:[{SUPERSCRIPTS}]+|\[\d[\d, ]*\]|\^\d+|{PLAIN_MARKER.pattern})?$"
)
_NOTES_HEADINGS = frozenset(
    {"notes", "endnotes", "footnotes", "references", "sources", "bibliography"}
)
# "Chapter 2", "Part II: Floods": headings that split a notes section gathered at the end by chapter.
_CHAPTER_HEADING = re.compile(
    r"(?:chapter|part|section|chapitre|partie|cap[ií]tulo|parte|kapitel|teil)\s+[\w.]+(?:\s*[:.–-]\s*\S.{0,80})?",
    re.IGNORECASE,
)


@dataclass
class _Segment:
    """A body paragraph or a note, as found on the lines, before blocks are resolved."""

    kind: str  # "body" or "note"
    lines: list[str]
    label: str | None = None
    has_markers: bool = False
    continuation: list[str] = field(default_factory=list)  # note paragraphs after the first
    role: str = ""  # after resolution: "body", "note", "unnumbered", "continuation", "drop"
    series: int = 1  # notes: which run of numbering (notes per chapter start again at 1)
    marker_runs: list[int] = field(default_factory=list)  # body: the run of numbering of each marker
    opening: str = ""  # notes: the line that opened it, label included (to give it back to the body)
    expected_before: int = 1  # notes: the note number expected before this one opened
    bulleted: bool = False  # body: opens after a bullet set on a line of its own (an item of a list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _superscript_label(raw: str) -> str:
    return str(int(from_superscript(raw)))


def find_markers(line: str, style: str) -> list[tuple[int, int, list[str]]]:
    """The markers of one body line in `style`: (start, end, labels)."""
    found = []
    for match in _MARKER_PATTERNS[style].finditer(line):
        if style == SUPERSCRIPT_STYLE:
            before = line[max(0, match.start() - 6) : match.start()]
            if is_power(match.group(0)[0], before):  # "40 km²": a square, not a marker
                continue
            if before.endswith("10") and (len(before) < 3 or not before[-3].isdigit()):
                continue  # a power of ten: "10⁵ people"
            if len(match.group(0)) > _MAX_SUPERSCRIPT_DIGITS:
                continue  # a run of superscript digits, not a note number (and int() would refuse it)
            labels = [_superscript_label(match.group(0))]
        elif style == PLAIN_STYLE:
            labels = match.group(1).split(",")
        elif style == BRACKET_STYLE:
            labels = [str(int(part)) for part in re.split(r"\s*,\s*", match.group(1))]
            if match.start() == 0 or line[: match.start()].strip() == "":
                continue  # at the start of a line it labels a note, not a claim
        else:
            labels = [str(int(match.group(1)))]
        found.append((match.start(), match.end(), labels))
    return found


def choose_marker_style(text: str) -> str:
    """The marker style the document uses: the one with the most markers in the body."""
    counts = {}
    for style, pattern in _MARKER_PATTERNS.items():
        if style == PLAIN_STYLE:
            continue
        counts[style] = sum(
            1 for match in pattern.finditer(text) if match.start() and text[match.start() - 1] != "\n"
        )
    best = max(counts.values())
    if best == 0 or counts[SUPERSCRIPT_STYLE] == best:
        return SUPERSCRIPT_STYLE
    return max(counts, key=lambda style: counts[style])


def looks_like_citation(text: str) -> bool:
    """A paragraph that reads like a reference: a URL, or a quoted title with a date."""
    if len(text) > MAX_UNNUMBERED_NOTE_CHARS:
        return False
    if _URL.search(text):
        return True
    return bool(_QUOTED_TITLE.search(text) and _DATE_HINT.search(text))


def _looks_like_heading(text: str) -> bool:
    """A numbered section title ("4. Results and Discussion"), not a note."""
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or _is_terminated(text) or _URL.search(text):
        return False
    if text.rstrip()[-1:] in ",;":  # "3 FCC," opens a note: a title does not end on a comma
        return False
    small = {"a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "at", "by", "or"}
    return all(word[:1].isupper() or word in small for word in words) and words[0][:1].isupper()


def _looks_like_sentence_case_heading(text: str) -> bool:
    """A numbered section title in sentence case ("1. Un héritage de longue durée", "3. What
    residents told us"): two to MAX_SENTENCE_HEADING_WORDS words, the first capitalised, with no
    figure, punctuation, quote or bracket a note would hold (a list item's first line runs
    longer)."""
    words = text.split()
    return (
        2 <= len(words) <= MAX_SENTENCE_HEADING_WORDS
        and words[0][:1].isupper()
        and not re.search(r"[\d.,;:!?()\[\]«»\"“”/]", text)
    )


def _starts_like_reference(text: str) -> bool:
    """Opens like a reference: a quote, a URL, or one to four names then a comma."""
    return bool(_REFERENCE_START.match(text.lstrip()))


def _is_terminated(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip("\"'“‘(- ")
    return bool(stripped) and stripped[0].islower() and not _URL.match(stripped)


def _note_start(line: str) -> tuple[int, str] | None:
    match = _NOTE_START.match(line.replace(FOOT_LABEL, "", 1))
    if not match:
        return None
    if match.group("sup"):
        if len(match.group("sup")) > _MAX_SUPERSCRIPT_DIGITS:
            return None
        number = int(from_superscript(match.group("sup")))
    else:
        number = int(match.group("bracket") or match.group("caret") or match.group("plain"))
    return number, match.group("text")


def _ends_reference(line: str) -> bool:
    """The line closes a sentence or ends on a URL: what follows may be a new note."""
    last = line.split()[-1] if line.strip() else ""
    return _is_terminated(line) or _URL.match(last.strip("<>()")) is not None


def _starts_with_month(text: str) -> bool:
    first = text.split(maxsplit=1)[0].rstrip(".,").lower() if text.strip() else ""
    return first in MONTH_NUMBER


def _is_notes_heading(line: str) -> bool:
    """A line that only names the notes section ("Notes", "ENDNOTES:", "References")."""
    return normalize_space(line).lower().rstrip(":") in _NOTES_HEADINGS


def _paragraphs(text: str) -> list[list[str]]:
    """Lines grouped into paragraphs (blank lines and form feeds separate them)."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in text.replace("\f", "\n\n").splitlines():
        if not line.strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        if _is_notes_heading(line):  # "Notes" with the first note right under it: a paragraph of its own
            paragraphs.extend(part for part in (current, [line.rstrip()]) if part)
            current = []
            continue
        current.append(line.rstrip())
    if current:
        paragraphs.append(current)
    return paragraphs


# A note's label glued to its text by the extraction ("4Working Group modelling", "1“Library
# scraps late fees,”"): LaTeX sets the raised label so close to the note that pdftotext leaves
# out the space.
_GLUED_LABEL = re.compile(r"^(\s*)(\d{1,4})(?=[A-Z“\"][a-z\s]|[“\"‘][A-Z])")


# A private-use character (never in extracted text) put before the labels of a page's notes.
FOOT_LABEL = "\ue002"


def _is_foot_label(line: str) -> bool:
    return line.lstrip().startswith(FOOT_LABEL)


def _foot_label(line: str) -> int | None:
    """The label a line of a page's notes opens with, written apart or glued to the text."""
    start = _note_start(line)
    if start is not None:
        return start[0]
    glued = _GLUED_LABEL.match(line)
    return int(glued.group(2)) if glued else None


def _foot_zone(lines: list[str], expected: int, seen: set[int], style: str) -> list[int]:
    """The lines that open the notes at the foot of one page (none when it has none).

    pdftotext sets a page's notes right under its last body line, with no blank line between,
    and that line is often cut mid-sentence (the sentence goes on over the page): the first
    line opening with the next note's label, a label whose marker the body has shown, starts
    them when that label opens no later line of the page (a body line that merely starts with
    the number, "...there were / 6 boats", is followed by the real note 6) and when the notes
    so found answer the markers of the page (`_answers_page`: a numbered list in the body,
    "1. ... 2. ...", is not a page's notes). Below it, a line opens the next note when it
    starts with the next label (or one a little further on, after a line that closes a
    reference)."""
    seen = set(seen)
    page_markers: list[int] = []  # markers met on this page, above the line
    labels = [_foot_label(line) for line in lines]
    for index, number in enumerate(labels):
        due = number is not None and expected <= number <= expected + MAX_MISSING_NOTES
        due = due and not set(range(expected, number)) & set(labels)  # skips only missing notes
        after_note = index > 0 and labels[index - 1] is not None  # a note's own line is above
        if due and not after_note and number in seen and number not in labels[index + 1 :]:
            opening = _following_labels(lines, labels, index)
            found = {labels[line] for line in opening}
            mine = [marker for marker in page_markers if marker >= expected]
            if _answers_page(found, mine) and not _carries_markers(lines[index:], style):
                return opening
        for _, _, marks in find_markers(lines[index], style):
            values = [int(label) for label in marks if label.isdigit()]
            seen.update(values)
            page_markers.extend(values)
    return []


def _following_labels(lines: list[str], labels: list[int | None], first: int) -> list[int]:
    """The lines opening the notes of a page's foot, from the first one on."""
    opening, last = [first], labels[first]
    for later in range(first + 1, len(lines)):
        label = labels[later]
        if label is None:
            continue
        skipped = set(range(last + 1, label))  # labels of notes missing between (marker 9, no note 9)
        missing = label > last + 1 and not skipped & set(labels)
        if label == last + 1 or (
            last + 1 < label <= last + 1 + MAX_MISSING_NOTES
            and (_ends_reference(lines[later - 1]) or missing)
        ):
            opening.append(later)
            last = label
    return opening


def _carries_markers(lines: list[str], style: str) -> bool:
    """Whether lines taken for a page's notes carry markers past their labels: notes do not,
    body paragraphs between notes gathered after each paragraph do."""
    for line in lines:
        start = _note_start(line)
        glued = _GLUED_LABEL.match(line)
        text = start[1] if start else (line[glued.end() :] if glued else line)
        if find_markers(text, style):
            return True
    return False


def _answers_page(found: set[int], page_markers: list[int]) -> bool:
    """Whether the notes found at a page's foot are those of the markers met on the page: at
    most one of these markers without its note there (its note may open the next page), and
    some note of the page's own when the page has markers."""
    unanswered = {marker for marker in page_markers if marker not in found}
    if len(unanswered) > MAX_UNANSWERED_PAGE_MARKERS:
        return False
    return not page_markers or bool(found & set(page_markers)) or min(found) < min(page_markers)


def _separate_foot_zones(text: str, style: str) -> str:
    """Each page's notes set off from its body by a blank line, their labels marked with
    FOOT_LABEL and written apart from their text (see `_foot_zone`), so that a body line cut
    at the page's end does not take the first note for its own next line."""
    pages = text.split("\f")
    expected, seen = 1, set()
    for number, page in enumerate(pages):
        lines = _unglue_number_labels(page.split("\n"), expected)
        opening = _foot_zone(lines, expected, seen, style)
        for line in lines[: opening[0] if opening else len(lines)]:
            for _, _, found in find_markers(line, style):
                seen.update(int(label) for label in found if label.isdigit())
        if not opening:
            continue
        expected = _foot_label(lines[opening[-1]]) + 1
        for index in opening:
            lines[index] = FOOT_LABEL + _GLUED_LABEL.sub(r"\1\2 ", lines[index], count=1).lstrip()
        if opening[0] and lines[opening[0] - 1].strip():  # the notes run on from the body's last line
            notes = _close_up(lines[opening[0] :])
            pages[number] = "\n".join([*lines[: opening[0]], "", *notes])
        else:
            pages[number] = "\n".join(lines)
    return "\f".join(pages)


def _unglue_number_labels(lines: list[str], expected: int) -> list[str]:
    """A page's lines with a note's label set apart from a number opening its text, which
    pdftotext glued to it (`317 U.S.C. § 109` is note 3 citing `17 U.S.C.`; `unglued_label`):
    a line opening with a number that is no label due. The page's first note stands under a
    blank line (LaTeX sets the notes apart from the body) and reads as a reference
    (`looks_like_citation`: a body paragraph may open with a number, `35 boats…`); a note
    after another one of the page need not (`4 Telephone interview…` / `515 U.S.C. § 1681`)."""
    labels = [_foot_label(line) for line in lines]
    present = {label for label in labels if label is not None}
    out = list(lines)
    running, first = expected, True
    for index, label in enumerate(labels):
        if label is None:
            continue
        if running <= label <= running + MAX_MISSING_NOTES:
            running, first = label + 1, False
            continue
        if (first and index and lines[index - 1].strip()) or not GLUED_NUMBER_LINE.match(lines[index]):
            continue
        if first and not looks_like_citation(_note_paragraph(lines, labels, index)):
            continue
        unglued = unglued_label(label, running, present)
        if unglued is not None:
            out[index] = re.sub(rf"^(\s*){unglued}", rf"\g<1>{unglued} ", lines[index], count=1)
            running, first = unglued + 1, False
    return out


def _note_paragraph(lines: list[str], labels: list[int | None], index: int) -> str:
    """The text of the lines from `index` down to a blank line or the next line opening with a
    label (`labels`: each line's, or None), joined."""
    note = [lines[index].strip()]
    for line, label in zip(lines[index + 1 :], labels[index + 1 :]):
        if not line.strip() or label is not None:
            break
        note.append(line.strip())
    return " ".join(note)


def _close_up(lines: list[str]) -> list[str]:
    """A page's notes without the blank lines between them (the extraction, or a short line
    taken for a paragraph's end, set them inside a note), up to a lone number closing the
    page (its page number). A blank line stays before a citation that stands apart without a
    label (`_stands_apart`): a note whose number was lost, not the note above going on."""
    last = max((index for index, line in enumerate(lines) if line.strip()), default=-1)
    end = last if last > 0 and _LONE_NUMBER_LINE.match(lines[last]) else len(lines)
    kept: list[str] = []
    for index, line in enumerate(lines[:end]):
        if line.strip() or (kept and kept[-1].strip() and _stands_apart(kept[-1], lines[index + 1 : end])):
            kept.append(line)
    if end < len(lines):
        return kept + lines[last - 1 :]
    return kept + [""]


def _stands_apart(before: str, after: list[str]) -> bool:
    """Whether the paragraph after a blank line in a page's notes is a citation of its own:
    the note above is complete (a sentence or a URL closes it), and the paragraph opens like
    a reference, without a label, and reads as a whole citation."""
    paragraph = []
    for line in after:
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line)
    if not paragraph or paragraph[0].startswith(FOOT_LABEL) or not _ends_reference(before):
        return False
    text = " ".join(line.strip() for line in paragraph)
    return _starts_like_reference(text) and looks_like_citation(text)


_LONE_NUMBER_LINE = re.compile(r"^\s*\d{1,4}\s*$")


_LABEL_LINE = re.compile(r"^\s*\d{1,4}\s+\S")


# A note opening with its number and a hanging indent: "  3. Text", its next lines set in under "Text".
_HANGING_LABEL = re.compile(r"^\s*\d{1,4}[.)]?\s+(?=\S)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _close_label_line_gaps(text: str) -> str:
    """`pdftotext -layout` sets a blank line under a note's first line (its raised label makes
    that line taller): the blank goes when the line stops mid-sentence or mid-URL and the next
    line, no label, carries the note on ("…/the-", "", "marsh-survey (accessed…)"). It also
    sets blank lines inside notes set with a hanging indent (a browser's numbered endnotes):
    a blank goes when the lines on both sides of it are set in under the note's text, past its
    number."""
    lines = text.split("\n")
    keep = []
    hang: int | None = None  # where the text of the note being read starts, when it hangs
    for index, line in enumerate(lines):
        if line.strip():
            opening = _HANGING_LABEL.match(line)
            if opening:
                hang = opening.end() if opening.end() > _indent(line) + 1 else None
            elif hang is not None and abs(_indent(line) - hang) > 1:
                hang = None
        gap = not line.strip() and 0 < index < len(lines) - 1
        if gap and hang is not None and lines[index + 1].strip() and not _HANGING_LABEL.match(lines[index + 1]):
            if abs(_indent(lines[index + 1]) - hang) <= 1:
                continue  # the note goes on under its text
        if gap and _LABEL_LINE.match(lines[index - 1]) and lines[index + 1].strip():
            above, following = lines[index - 1].strip(), lines[index + 1]
            url_goes_on = not join_note_lines([above, following]).startswith(above + " ")  # "https://ghhin." + "org/…"
            if (url_goes_on or not _is_terminated(above)) and not _LABEL_LINE.match(following):
                continue
        keep.append(line)
    return "\n".join(keep)


class _Segmenter:
    """Splits the paragraphs into body paragraphs and numbered notes (step 2), line by line.

    State: the markers seen in the body (all, and since the last note), the note number
    expected next, the series of notes (numbering again from 1) and the runs of body markers."""

    def __init__(self, style: str) -> None:
        self.style = style
        self.segments: list[_Segment] = []
        self.seen: set[int] = set()
        self.seen_since_note: set[int] = set()  # markers met in the body since the last note
        self.expected = 1
        self.series = 1
        self.first_marker: int | None = None
        self.runs, self.run_has_markers = 1, False  # runs of marker numbering ("1" again opens one)
        self.notes_opened = 0  # notes opened so far
        self.after_notes_heading = False  # a "Notes" heading line was met in the body

    def feed(self, paragraphs: list[list[str]]) -> list[_Segment]:
        after_bullet = False  # a bullet set on a line of its own, its item's text below it
        for paragraph in paragraphs:
            current: _Segment | None = None
            for line in paragraph:
                if _LONE_BULLET.match(line):
                    after_bullet = True
                    continue
                bullet_before, after_bullet = after_bullet, False
                start = _note_start(line)
                opens, restart = self._opens_note(start, line, current, bullet_before) if start else (False, False)
                line = line.replace(FOOT_LABEL, "")
                if start is not None and opens:
                    number, rest = start
                    if restart and not self._wanted(number):
                        self.series += 1
                    current = _Segment(
                        "note", [rest], label=str(number), series=self.series, opening=line, expected_before=self.expected
                    )
                    self.segments.append(current)
                    self.notes_opened += 1
                    self.expected = number + 1
                    self.seen_since_note.clear()
                    continue
                if current is not None and current.kind == "note" and self._list_item_citing(current, line):
                    self._back_to_body(current)
                elif current is not None and current.kind == "note":
                    current.lines.append(line)
                    continue
                if current is None:
                    current = _Segment("body", [], bulleted=bullet_before)
                    self.segments.append(current)
                self._add_body_line(current, line)
        return self.segments

    def _list_item_citing(self, note: _Segment, line: str) -> bool:
        """Whether a "note" still on its first paragraph is an item of a numbered list in the
        body ("1. Maps are old. … / … 15 years ago.⁴"): its next line carries a marker, which
        no note does, and no notes heading came before it."""
        return (
            self.notes_opened == 1
            and note.series == 1
            and not self.after_notes_heading
            and bool(find_markers(line, self.style))
        )

    def _back_to_body(self, note: _Segment) -> None:
        """Give a list item taken for a note back to the body, as it was written."""
        self.expected = note.expected_before
        self.notes_opened -= 1
        note.kind, note.label, note.lines = "body", None, [note.opening.replace(FOOT_LABEL, ""), *note.lines[1:]]
        for line in note.lines:
            for _, _, labels in find_markers(line, self.style):
                note.has_markers = True
                for label in labels:
                    self._count_marker(note, int(label))

    def _wanted(self, number: int) -> bool:
        return number == self.expected or (self.expected == 1 and number == self.first_marker)

    def _opens_note(
        self, start: tuple[int, str], line: str, current: _Segment | None, after_bullet: bool
    ) -> tuple[bool, bool]:
        """Whether a line opening with a number starts the next note (else it is body text or
        the current note going on), and whether it opens a new series of notes."""
        number, rest = start
        segments = self.segments
        previous = current if current is not None else (segments[-1] if segments else None)
        after_note = previous is not None and previous.kind == "note"
        in_block = after_bullet or after_note
        restart = (  # notes numbered per chapter: "1" again, after its marker was met anew
            number == 1 and self.expected > 1 and (1 in self.seen_since_note or self.series < self.runs)
            and (looks_like_citation(rest) or _URL.search(rest) is not None)
            and not _starts_with_month(rest)
        )
        if _is_foot_label(line):  # a label of a page's notes (`_separate_foot_zones`)
            ahead = self.expected <= number <= self.expected + MAX_MISSING_NOTES
            return ahead or restart or self._wanted(number), restart
        new_reference = (  # the note before is complete and this line cites afresh
            after_note
            and _ends_reference(previous.lines[-1])
            and looks_like_citation(rest)
            and not _starts_with_month(rest)  # "3 May 2023, ..." continues a note
        )
        twin = new_reference and number == self.expected - 1 and previous.label == str(number)
        skipping = (  # "2 ...", then "4 ...": note 3 is missing (its marker stays unmatched)
            new_reference and self.expected < number <= self.expected + MAX_MISSING_NOTES and number in self.seen
        )
        wrapped = (  # "...there were\n3 soldiers" is a hard-wrapped body line
            current is not None
            and current.kind == "body"
            and not _is_terminated(current.lines[-1])
            and not _BULLETED.match(line)
            and not looks_like_citation(rest)
        )
        opens = (
            (self._wanted(number) or restart or twin or skipping)
            and not wrapped
            and not find_markers(rest, self.style)  # "1. Every grant …5": a list item citing a note
            and not (_looks_like_heading(rest) and not (after_note and ", " in rest))  # "2. Carrow Borough Council, Library Service" in a notes list (a narrow column's first line)
            and not (not after_note and _looks_like_sentence_case_heading(rest))  # "1. Un héritage de longue durée" in the body
            and (number in self.seen or in_block or _URL.search(rest) is not None)
        )
        return opens, restart

    def _add_body_line(self, current: _Segment, line: str) -> None:
        current.lines.append(line)
        self.after_notes_heading = self.after_notes_heading or _is_notes_heading(line)
        for _, _, labels in find_markers(line, self.style):
            current.has_markers = True
            for label in labels:
                self._count_marker(current, int(label))

    def _count_marker(self, current: _Segment, value: int) -> None:
        if value == 1 and self.run_has_markers:
            self.runs += 1
        self.run_has_markers = True
        current.marker_runs.append(self.runs)
        self.seen.add(value)
        self.seen_since_note.add(value)
        if self.first_marker is None:
            self.first_marker = value


def _segments(paragraphs: list[list[str]], style: str) -> list[_Segment]:
    """Split the paragraphs into body paragraphs and numbered notes (step 2)."""
    return _Segmenter(style).feed(paragraphs)


def _resolve(segments: list[_Segment]) -> None:
    """Give every segment its role: body, note, continuation, unnumbered or drop (step 3)."""
    count = len(segments)
    index = 0
    last_body: _Segment | None = None
    last_note: _Segment | None = None
    while index < count:
        segment = segments[index]
        if segment.kind == "body":
            if not segment.role:
                segment.role = "body"
            if segment.role == "body":
                last_body = segment
            index += 1
            continue
        segment.role = "note"
        _claim_continuation_before(segments, index, last_note)
        last_note = segment
        stop = _claim_unnumbered_before(segments, index)
        if last_body is not None and last_body.role != "body":
            last_body = segments[stop] if stop >= 0 and segments[stop].role == "body" else None
        if last_body is not None and last_body.role == "body":
            body_open = not _is_terminated(last_body.text)
        else:
            body_open = False
        collected = []
        probe = index + 1
        while (
            probe < count
            and segments[probe].kind == "body"
            and not segments[probe].has_markers
            and not (
                _starts_lower(segments[probe].text)
                and not looks_like_citation(segments[probe].text)
            )
            and len(collected) < MAX_NOTE_CONTINUATION_PARAGRAPHS
        ):
            collected.append(probe)
            probe += 1
        if probe >= count or segments[probe].kind == "note":
            continues = True
        elif len(collected) >= MAX_NOTE_CONTINUATION_PARAGRAPHS:
            continues = False
        elif _starts_lower(segments[probe].text):
            continues = True
        else:
            continues = body_open
        if continues:
            owner = segment
            for position in collected:
                candidate = segments[position]
                if position == probe - 1 and probe < count and _is_chapter_heading(candidate):
                    candidate.role = "drop"  # "Chapter 2" between two chapters' notes
                elif looks_like_citation(candidate.text) and _starts_like_reference(candidate.text):
                    candidate.role = "unnumbered"  # a citation inside the block lost its number
                    owner = candidate
                else:
                    candidate.role = "continuation"
                    owner.continuation.append(candidate.text)
            index = probe
        else:
            for position in collected:
                if looks_like_citation(segments[position].text):
                    segments[position].role = "unnumbered"
                else:
                    break
            index += 1


def _is_chapter_heading(segment: _Segment) -> bool:
    """A one-line "Chapter 2" (or "Part II: Floods") paragraph without markers."""
    return len(segment.lines) == 1 and not segment.has_markers and _CHAPTER_HEADING.fullmatch(
        segment.lines[0].strip()
    ) is not None


def _claim_continuation_before(
    segments: list[_Segment], index: int, last_note: _Segment | None
) -> None:
    """A note cut by a page break goes on at the top of the next page's note block.

    The paragraph right before this block continues the previous note when that note stops
    mid-sentence and the paragraph starts in lower case.
    """
    if last_note is None or index == 0:
        return
    candidate = segments[index - 1]
    if candidate.kind != "body" or candidate.role not in ("", "body") or candidate.has_markers:
        return
    tail = (last_note.continuation or last_note.lines)[-1].rstrip()
    cut = bool(tail) and (tail[-1].isalpha() or tail[-1] in ",;-–") and not _URL.search(
        tail.rsplit(None, 1)[-1]
    )
    if cut and (_starts_lower(candidate.text) or _URL.match(candidate.text.lstrip())):
        candidate.role = "continuation"
        last_note.continuation.append(candidate.text)


def _claim_unnumbered_before(segments: list[_Segment], index: int) -> int:
    """Citation-like body paragraphs right before a note block are notes that lost a number.

    Returns the index of the segment where the search stopped (-1 at the start).
    """
    probe = index - 1
    while probe >= 0 and segments[probe].kind == "body" and segments[probe].role == "body":
        candidate = segments[probe]
        if normalize_space(candidate.text).lower().rstrip(":") in _NOTES_HEADINGS:
            candidate.role = "drop"
            break
        if _is_chapter_heading(candidate):  # "Notes" / "Chapter 1" above a chapter's notes
            candidate.role = "drop"
            probe -= 1
            continue
        if candidate.has_markers or not looks_like_citation(candidate.text):
            break
        candidate.role = "unnumbered"
        probe -= 1
    return probe


def _should_rejoin(before: str, after: str, across_notes: bool) -> bool:
    """Whether two body paragraphs are one paragraph cut by a page break or a note block."""
    if _is_terminated(before):
        return False
    if _starts_lower(after):
        return True
    if not across_notes:
        return False
    last_word = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    return before.rstrip()[-1:] in ",;(–-" or (last_word[:1].islower())


def _body_series(segments: list[_Segment]) -> list[list[int] | int]:
    """For each segment, the series its markers belong to. When the body's runs of marker
    numbering match the note series one for one (notes gathered per chapter at the end), each
    marker takes the series of its run; otherwise the first series whose last note comes after
    the segment (endnotes close their chapter, footnotes their page), the last one after that."""
    last_note_of: dict[int, int] = {}
    for index, segment in enumerate(segments):
        if segment.role == "note":
            last_note_of[segment.series] = index
    runs = {run for segment in segments if segment.role == "body" for run in segment.marker_runs}
    if len(last_note_of) > 1 and runs == set(last_note_of):
        return [segment.marker_runs for segment in segments]
    ends = sorted((end, series) for series, end in last_note_of.items())
    result: list[list[int] | int] = []
    pointer = 0  # the first series whose last note is still ahead (one pass: linear)
    for index in range(len(segments)):
        while pointer < len(ends) - 1 and ends[pointer][0] <= index:
            pointer += 1
        result.append(ends[pointer][1] if ends else 1)
    return result


# An item of a list: a bullet, or a number or letter with a full stop or bracket after it.
_BULLET_ITEM = re.compile(r"^\s*[•▪◦·*●■]\s*\S")
_NUMBERED_ITEM = re.compile(r"^\s*(?:[-–]|\(?(?:\d{1,2}|[a-z])[.)])\s+\S")
_ITEM_BEFORE = re.compile(r"[:;.!?,][\"'”’)\]]*\s*$")


def _opens_list_item(line: str, before: str) -> bool:
    """Whether a body line starts an item of a list: after a bullet always; after a number,
    a letter or a dash when the line before ends an item or the sentence leading into the
    list ("… found that:", "… draw on;")."""
    text = line.replace(PLAIN_OPEN, "").replace(PLAIN_CLOSE, "")
    if _BULLET_ITEM.match(text):
        return True
    return bool(_NUMBERED_ITEM.match(text)) and bool(_ITEM_BEFORE.search(_without_markers(before)))


def _lost_bullet_items(lines: list[str], style: str) -> set[int]:
    """The lines of a body paragraph that open an item of a list whose bullets the text lost
    (a browser draws them, LibreOffice sets them apart): items end a line with a semicolon,
    the first such line ending short of the paragraph's width (prose fills its lines) or
    right above another, the next ones after it whatever their length. The line after the
    lead-in ("... found that:") opens the first item."""
    ends = []
    for line in lines:
        cursor, kept = 0, []
        for start, end, _ in find_markers(line, style):
            kept.append(line[cursor:start])
            cursor = end
        ends.append(_without_markers("".join(kept) + line[cursor:]).rstrip())
    width = max((len(text) for text in ends), default=0)
    starts: set[int] = set()
    for index, text in enumerate(ends[:-1]):
        if text.endswith(";") and (
            starts or len(text) < settings.TEXT_ITEM_SHORT_LINE * width or ends[index + 1].endswith(";")
        ):
            starts.add(index + 1)
    if starts:
        first = min(starts) - 1
        for index in range(first - 1, max(first - settings.TEXT_ITEM_MAX_LINES, -1), -1):
            if ends[index].endswith(":"):
                starts.add(index + 1)
                break
            if _TERMINAL.search(ends[index]):
                break
    return starts


def _without_markers(line: str) -> str:
    """The line with the plain markers' tokens cut out (`PLAIN_MARKER`)."""
    return PLAIN_MARKER.sub("", line)


def _build_body(segments: list[_Segment], style: str) -> BodyBuilder:
    builder = BodyBuilder()
    previous_text: str | None = None
    across_notes = False
    sections = section_numbers([segment.lines for segment in segments if segment.role == "body"])
    width = line_width([line for segment in segments for line in segment.lines])
    for segment, series in zip(segments, _body_series(segments)):
        if segment.role != "body":
            if segment.role in ("note", "unnumbered", "continuation"):
                across_notes = True
            continue
        text = segment.text
        if previous_text is not None:
            if (
                _should_rejoin(previous_text, text, across_notes)
                and not segment.bulleted
                and not opens_numbered_paragraph(text, sections)
            ):
                builder.add(" ")
            else:
                builder.break_paragraph()
        marker = 0  # index into the segment's markers
        items = set() if in_narrow_column(segment.lines, width) else _lost_bullet_items(segment.lines, style)
        for line_number, line in enumerate(segment.lines):
            if line_number and (
                line_number in items
                or _opens_list_item(line, segment.lines[line_number - 1])
                or opens_numbered_paragraph(line, sections)
            ):
                builder.break_paragraph()  # each item of a list, each numbered paragraph is a claim of its own
            elif line_number:
                builder.add("\n")
            cursor = 0
            for start, end, labels in find_markers(line, style):
                builder.add(line[cursor:start])
                for label in labels:
                    builder.mark(series_label(label, series if isinstance(series, int) else series[marker]))
                    marker += 1
                cursor = end
            builder.add(line[cursor:])
        previous_text = text
        across_notes = False
    return builder


def _notes(segments: list[_Segment]) -> tuple[Note, ...]:
    notes = []
    for segment in segments:
        if segment.role == "note":
            # a note's paragraphs joined as its lines are: a URL may break across them (`-layout`
            # sets blank lines inside a note)
            paragraphs = [line for paragraph in segment.continuation for line in paragraph.split("\n")]
            text = join_note_lines([*segment.lines, *paragraphs])
            notes.append(Note(series_label(segment.label, segment.series), normalize_space(text), len(notes)))
        elif segment.role == "unnumbered":
            text = " ".join([segment.text, *segment.continuation])
            notes.append(Note(None, normalize_space(text), len(notes)))
    return tuple(notes)


def _merge_notes(found: tuple[Note, ...], cut: list[tuple[str, str]]) -> tuple[Note, ...]:
    """The notes cut out by their lone labels, in label order, with those read as `N text`
    lines whose labels they do not have."""
    taken = {label for label, _ in cut}
    notes = [(label, normalize_space(text)) for label, text in cut]
    notes += [(note.label, note.text) for note in found if note.label not in taken]
    notes.sort(key=lambda note: int(note[0]) if note[0] is not None and note[0].isdigit() else 10**9)
    return tuple(Note(label, text, position) for position, (label, text) in enumerate(notes))


def _few_markers(text: str, style: str) -> bool:
    """Whether the text shows too few markers of `style` to be read by them (under one in
    MIN_STYLE_MARKERS_PER_NOTE of its numbered note starts, or none): then plain digits are tried."""
    count = sum(len(find_markers(line, style)) for line in text.splitlines())  # not "800 m²"
    if count == 0:
        return True
    starts = sum(1 for line in text.splitlines() if _note_start(line) is not None)
    return count * MIN_STYLE_MARKERS_PER_NOTE < starts


def _title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return normalize_space(line)
    return None


def parse_text(text: str, path: str = "<string>", markers: str = AUTO_STYLE) -> ParsedDocument:
    """Parse PDF-extracted text into claims, notes and markers (pure, no I/O).

    `markers` names the marker style (`MARKER_STYLES`); `auto` picks it from the text: raised
    digits, `[n]` or `^n` where the text has them, else plain digits glued to the text when
    they run as a note sequence."""
    if markers not in MARKER_STYLES:
        raise ValueError(f"unknown marker style {markers!r}; expected one of {', '.join(MARKER_STYLES)}")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").translate(LIGATURES)
    text = text.replace(PLAIN_OPEN, "").replace(PLAIN_CLOSE, "")  # our own marker tokens
    text = re.sub("\u21a9\ufe0e?", "", text)  # back-links of notes in a web page printed to PDF
    text = drop_running_lines(text)  # a browser's print header and footer, a report's running head
    text = split_columns(text)  # `pdftotext -layout` of two-column pages: one column after the other
    if is_layout_text(text.split("\n")):
        text = unfold_tables(text)  # and its tables, cell by cell
    style = markers if markers != AUTO_STYLE else choose_marker_style(text)
    cut_notes: list[tuple[str, str]] = []
    if markers == PLAIN_STYLE or (markers == AUTO_STYLE and _few_markers(text, style)):
        plain, found, cut = normalise_plain(text)
        if found or markers == PLAIN_STYLE:
            text, style, cut_notes = plain, PLAIN_STYLE, cut
    if is_layout_text(text.split("\n")):
        text = _close_label_line_gaps(text)
    text = _separate_foot_zones(text, style)
    segments = _segments(_paragraphs(text), style)
    _resolve(segments)
    builder = _build_body(segments, style)
    notes = _notes(segments)
    if cut_notes:
        notes = _merge_notes(notes, cut_notes)
    # Plain-digit markers are raised ones flattened by a copy out of a PDF or a web page, which
    # drops every link set behind a title: the notes' missing links are no evidence then.
    return builder.document(
        path, DocumentFormat.TEXT, title=_title(text), published=None, notes=notes,
        links_hidden=style == PLAIN_STYLE,
    )
