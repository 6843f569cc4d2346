"""Running heads and feet in text copied out of a PDF, found by repetition and removed.

A browser printing a page to PDF puts its own header and footer on every sheet (the date and
the page's title above; its address and "2/5" below), and many report templates repeat a
running head or foot. `pdftotext` keeps them as lines at the top and bottom of each page (pages
are separated by form feeds). Left in, they break notes apart and give the document a
`file://` "source". A line is furniture when, with its digits masked ("2/5" and "3/5" are the
same line), it stands among the first or last few lines of most pages. Text without form feeds,
or with too few pages to tell, is returned as it was.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from difflib import SequenceMatcher
from typing import TypeVar

from citetrack import settings

T = TypeVar("T")

_DIGITS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s+")
_CELL_GAP = re.compile(r"\s{4,}")  # the gap between a `-layout` running head's parts


def _key(line: str) -> str:
    """A line as furniture is compared: digits masked, spaces folded, case ignored."""
    return _SPACE.sub(" ", _DIGITS.sub("#", line)).strip().casefold()


def _zones(lines: list[str]) -> dict[str, list[int]]:
    """The indexes of a page's first and last few lines that hold text."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    depth = settings.TEXT_FURNITURE_ZONE_LINES
    return {"top": filled[:depth], "bottom": filled[-depth:]}


def _keys(line: str) -> list[tuple[str, str]]:
    """The keys a line is counted under, with the text each stands for: the whole line's, and in
    `pdftotext -layout` text, where a running head sets its title and its section far apart
    ("Flood Review        3. What residents told us"), each such part of several words (the
    section changes, the title repeats)."""
    keys = [(_key(line), line)]
    cells = _CELL_GAP.split(line.strip())
    if len(cells) >= 2:
        keys += [("\t" + _key(cell), cell) for cell in cells if len(cell.split()) >= 2]
    return keys


def _repeats(found: list[tuple[int, str]]) -> bool:
    """Whether the lines found under one key (page index, line) are one running line: the same
    text on every page, or text whose one varying number rises with the page ("2/5", "3/5")."""
    texts = {line.strip() for _, line in found}
    if len(texts) == 1:
        return True
    numbers = [[int(value) for value in _DIGITS.findall(line)] for _, line in found]
    varying = {i for row in numbers for i, value in enumerate(row) if value != numbers[0][i]}
    if len(varying) != 1:
        return False
    (position,) = varying
    values = [row[position] for row in numbers]
    return all(later > earlier for earlier, later in zip(values, values[1:]))


def rising_page_numbers(found: list[tuple[int, int, T]], printed_pages: int) -> list[T]:
    """The page numbers among candidate numbers (page index, value, what holds it): those whose
    value minus the page's index is the same, on two pages at least and on at least
    TEXT_PAGE_NUMBER_SHARE of the pages with text (a blank page has no number). Both readers
    find page numbers so, wherever the page sets them (its head, its foot, a chapter's first
    page's foot); [] when no run of numbers rises with the pages."""
    runs: dict[int, list[tuple[int, T]]] = defaultdict(list)
    for index, value, holder in found:
        runs[value - index].append((index, holder))
    hits = max(runs.values(), key=len, default=[])
    pages = {index for index, _ in hits}
    if len(hits) >= 2 and len(pages) >= settings.TEXT_PAGE_NUMBER_SHARE * printed_pages:
        return [holder for _, holder in hits]
    return []


def drop_running_lines(text: str) -> str:
    """The text without the lines that repeat at the top or bottom of most of its pages, nor a
    table's head row repeated at the top of the pages it runs over."""
    pages = [page.split("\n") for page in text.split("\f")]
    printed = [lines for lines in pages if any(line.strip() for line in lines)]
    if len(printed) >= settings.TEXT_FURNITURE_MIN_PAGES:
        _drop_running_heads_and_feet(printed)
    _drop_table_heads(printed)
    return "\f".join("\n".join(lines) for lines in pages)


def _drop_running_heads_and_feet(printed: list[list[str]]) -> None:
    """Blank the lines that repeat at the top or bottom of most of the pages holding text."""
    needed = max(settings.TEXT_FURNITURE_MIN_PAGES, math.ceil(settings.TEXT_FURNITURE_SHARE * len(printed)))
    zones = [_zones(lines) for lines in printed]  # measured once, before any line is dropped
    for zone in ("top", "bottom"):
        found: dict[str, dict[int, str]] = defaultdict(dict)
        for number, lines in enumerate(printed):
            for index in zones[number][zone]:
                for key, part in _keys(lines[index]):
                    found[key].setdefault(number, part)
        # A lone number is left to the page-number pass, which checks that it rises with the
        # page: a note's label set alone on its line at a page foot masks the same way.
        running = {
            key for key, lines_by_page in found.items()
            if len(lines_by_page) >= needed and key not in ("", "#") and _repeats(sorted(lines_by_page.items()))
        }
        for number, lines in enumerate(printed):
            for index in zones[number][zone]:
                if any(key in running for key, _ in _keys(lines[index])):
                    lines[index] = ""


def _drop_table_heads(printed: list[list[str]]) -> None:
    """Drop the head row of a table that runs over pages and that the renderer repeats at the
    top of each (Word's and LibreOffice's repeated heading rows), which pdftotext prints line
    by line, a narrow column's head broken over several (`Codena` / `me`), and may interleave
    with the first cells carried over: at least TEXT_TABLE_HEAD_MIN_LINES lines holding words,
    the same and in the same order on the page before, that open the page, each within
    TEXT_TABLE_HEAD_GAP lines of the one before, and all short, as a head's labels are (a note
    that a list of end notes repeats is no head)."""
    as_printed = [[line.strip() for line in lines if line.strip()] for lines in printed]  # before any line goes
    for earlier, page in zip(as_printed, printed[1:]):
        top = [index for index, line in enumerate(page) if line.strip()][: settings.TEXT_TABLE_HEAD_MAX_LINES]
        matcher = SequenceMatcher(None, earlier, [page[index].strip() for index in top], autojunk=False)
        matched = [block.b + offset for block in matcher.get_matching_blocks() for offset in range(block.size)]
        head: list[int] = []
        last = -1
        for position in matched:  # from the page's top, while each is near the one before
            if position - last > settings.TEXT_TABLE_HEAD_GAP:
                break
            head.append(top[position])
            last = position
        labels = all(len(page[index].strip()) <= settings.TEXT_TABLE_HEAD_MAX_CHARS for index in head)
        if labels and sum(1 for index in head if _LETTER.search(page[index])) >= settings.TEXT_TABLE_HEAD_MIN_LINES:
            for index in head:
                page[index] = ""
