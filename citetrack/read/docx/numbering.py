"""Word's note numbers: formats, and numbering that restarts per section or per page.

w:numRestart (in settings.xml, or per section in w:sectPr) makes Word number footnotes again
from the start in each section or on each page, so two notes show the same number. As in
PDF-extracted text (`text.series_label`), each run of numbering after the first is a series of
its own, labelled `2.1`, `2.2`...; the first keeps its plain numbers. Pages are known only from
Word's last layout (w:lastRenderedPageBreak) and explicit page breaks, so per-page labels follow
that layout; without such hints the numbering stays continuous.
"""

from __future__ import annotations

from dataclasses import dataclass

from citetrack import settings
from citetrack.read.labels import series_label

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KINDS = ("footnote", "endnote")
DEFAULT_FORMATS = {"footnote": ("decimal", 1), "endnote": ("lowerRoman", 1)}
CONTINUOUS, EACH_SECTION, EACH_PAGE = "continuous", "eachSect", "eachPage"
# Section types that begin on a new page (w:sectPr/w:type; absent means nextPage).
NEW_PAGE_SECTIONS = frozenset({None, "nextPage", "oddPage", "evenPage"})
# Endnotes restart per section only when they are printed at each section's end.
ENDNOTES_AT_SECTION_END = "sectEnd"


def _roman(number: int) -> str:
    out = ""
    for value, digits in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):
        while number >= value:
            out += digits
            number -= value
    return out


def format_number(number: int, fmt: str) -> str:
    """A note number as Word displays it in the given w:numFmt."""
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt == "chicago":
        symbols = "*†‡§"
        return symbols[(number - 1) % 4] * ((number - 1) // 4 + 1)
    return str(number)


@dataclass(frozen=True)
class NoteNumbering:
    """How Word numbers one kind of note in one section: format, first number, restart rule."""

    fmt: str
    start: int
    restart: str = CONTINUOUS


def note_numbering(kind: str, *sources) -> NoteNumbering:
    """One kind's numbering from the w:footnotePr/w:endnotePr of `sources` (settings.xml, then
    a section's w:sectPr): each later source overrides what it sets."""
    fmt, start = DEFAULT_FORMATS[kind]
    restart = position = None
    for source in sources:
        properties = source.find(f"{W}{kind}Pr") if source is not None else None
        if properties is None:
            continue
        fmt = _value(properties, "numFmt") or fmt
        digits = _value(properties, "numStart") or ""
        if digits.isascii() and digits.isdigit() and 1 <= int(digits) <= settings.DOCX_MAX_NOTE_START:
            start = int(digits)
        restart = _value(properties, "numRestart") or restart
        position = _value(properties, "pos") or position
    if kind == "endnote" and not (restart == EACH_SECTION and position == ENDNOTES_AT_SECTION_END):
        restart = CONTINUOUS
    return NoteNumbering(fmt, start, restart if restart in (EACH_SECTION, EACH_PAGE) else CONTINUOUS)


def _value(properties, name: str) -> str | None:
    element = properties.find(W + name)
    return element.get(W + "val") if element is not None else None


class _Counter:
    """One kind of note: the running number, its series, and the labels the series gave."""

    def __init__(self, sections: list[NoteNumbering]):
        self.sections = sections
        self.section = 0
        self.number = sections[0].start - 1
        self.series = 0
        self.restarted = True  # the start of the document opens the first series
        self.given: set[str] = set()  # plain labels of the current series

    @property
    def numbering(self) -> NoteNumbering:
        return self.sections[min(self.section, len(self.sections) - 1)]

    def next_label(self) -> str:
        if self.restarted:  # a series opens at its first note: restarts with no note between count once
            self.series += 1
            self.restarted = False
            self.given = set()
        self.number += 1
        plain = format_number(self.number, self.numbering.fmt)
        self.given.add(plain)
        return series_label(plain, self.series)

    def enter_section(self, index: int) -> None:
        self.section = index
        if self.numbering.restart == EACH_SECTION:
            self._restart()

    def new_page(self) -> None:
        if self.numbering.restart == EACH_PAGE:
            self._restart()

    def _restart(self) -> None:
        self.number = self.numbering.start - 1
        self.restarted = True


class NoteNumbers:
    """Labels Word's automatically numbered notes in body order, section and page breaks included."""

    def __init__(self, settings_xml, sections: list):
        """`settings_xml`: word/settings.xml's root, if any; `sections`: each section's w:sectPr
        in body order (the last is the body's own)."""
        sections = sections or [None]
        self.counters = {
            kind: _Counter([note_numbering(kind, settings_xml, section) for section in sections]) for kind in KINDS
        }
        self.new_page_sections = [
            _value(section, "type") in NEW_PAGE_SECTIONS if section is not None else True for section in sections
        ]
        self.section = 0

    def label(self, kind: str) -> str:
        return self.counters[kind].next_label()

    def section_break(self) -> None:
        """The next section begins (on a new page unless its type says otherwise)."""
        self.section += 1
        for counter in self.counters.values():
            counter.enter_section(self.section)
        if self.new_page_sections[min(self.section, len(self.new_page_sections) - 1)]:
            self.page_break()

    def page_break(self) -> None:
        for counter in self.counters.values():
            counter.new_page()

    def typed(self, label: str) -> str:
        """A hand-typed marker (a note's number typed again): in a restarted series it names the
        note of that series, not the first series' note with the same number."""
        for counter in self.counters.values():
            if label in counter.given:
                return series_label(label, counter.series)
        return label
