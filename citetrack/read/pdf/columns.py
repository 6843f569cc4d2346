"""Columns of a PDF page found from its geometry, so that two- and n-column pages read in order.

A gutter is a vertical strip that no glyph crosses down a tall run of the page's lines, with
text on both sides, and columns beside it that look like text columns (wide; the left one's
lines often reaching the gutter). The page is cut there into blocks read one after another
(an XY cut): what lies above the run, the left column, the right one (cut again for a third
column), what lies below. A page with no gutter stays one block and reads as before.
"""

from __future__ import annotations

import math
import re
from statistics import median

from citetrack import settings
from citetrack.read.pdf.grid import Segment, find_grids, split_cells
from citetrack.read.pdf.lines import Block, Glyph, Line, Page, glyph_rows
from citetrack.read.pdf.unruled import find_unruled


_FREE_RUN = re.compile(rb"\x00+")  # rows in a row that leave a bin free


def page_blocks(
    glyphs: list[Glyph], height: float, verticals: list[Segment] = (), horizontals: list[Segment] = ()
) -> list[Block]:
    """The page's glyphs as blocks in reading order (one block when it has no gutter); the
    cells of a ruled table (`grid`) are blocks of their own, row by row."""
    visible = [g for g in glyphs if not g.space]
    if not visible:
        return [Block(glyphs)]
    zone = settings.PDF_MARGIN_ZONE * height  # running heads and page numbers do not count
    inner = [g for g in visible if g.bottom >= zone and g.top <= height - zone] or visible
    text_height = max(g.bottom for g in inner) - min(g.top for g in inner)
    text_width = max(g.x1 for g in visible) - min(g.x0 for g in visible)
    blocks: list[Block] = []
    for kind, piece in split_cells(glyphs, find_grids(list(verticals), list(horizontals))):
        if kind == "cell":
            blocks.append(piece)
        elif any(not g.space for g in piece):
            blocks += _cut(piece, text_height, text_width, column=False)
    return blocks or [Block(glyphs)]


def _cut(glyphs: list[Glyph], text_height: float, text_width: float, column: bool) -> list[Block]:
    grouped = glyph_rows(glyphs)
    rows = sorted((row for row in grouped if not all(g.space for g in row.glyphs)), key=lambda row: row.top)
    gutter = _gutter(rows, text_height, text_width)
    if gutter is None:
        grids = find_unruled(rows)
        text = next((grid for grid in grids if grid.text_columns), None)
        if text is not None:  # short columns of text (`unruled`): cut at their gutter, as below
            inside = [index for index, row in enumerate(rows) if text.top <= row.top <= text.bottom]
            gutter = (text.columns[1], inside[0], inside[-1])
        elif not grids:
            return [Block(glyphs, column, grouped)]
        else:
            return [
                piece if kind == "cell" else Block(piece, column)
                for kind, piece in split_cells(glyphs, grids)
            ]
    middle, first, last = gutter
    run = [g for row in rows[first : last + 1] for g in row.glyphs]
    above = [g for row in rows[:first] for g in row.glyphs]
    below = [g for row in rows[last + 1 :] for g in row.glyphs]
    left = [g for g in run if g.x0 + g.x1 < 2 * middle]
    right = [g for g in run if g.x0 + g.x1 >= 2 * middle]
    blocks = _cut(above, text_height, text_width, column) if above else []
    for side in (left, right):  # a column is measured on its own: its gutters run down most of it
        if side:
            blocks += _cut(side, max(g.bottom for g in side) - min(g.top for g in side), text_width, True)
    return blocks + (_cut(below, text_height, text_width, column) if below else [])


def _trimmed(rows, middle: float, first: int, last: int) -> tuple[int, int]:
    """The run without what only seems to be in a column: a title set larger on one side of
    the gutter above where the other side starts (a centred title above three columns), and
    one-sided lines set well below the rest (a centred page number)."""
    def side(row) -> str:
        left = any(g.x0 + g.x1 < 2 * middle for g in row.glyphs if not g.space)
        right = any(g.x0 + g.x1 >= 2 * middle for g in row.glyphs if not g.space)
        return "both" if left and right else "left" if left else "right"

    size = median(row.size for row in rows[first : last + 1])
    while first < last and side(rows[first]) != "both" and rows[first].size > size + 0.5:
        other = next((row for row in rows[first + 1 : last + 1] if side(row) != side(rows[first])), None)
        if other is None or rows[first].bottom > other.top:
            break
        first += 1
    while last > first and side(rows[last]) != "both":
        above = max(row.bottom for row in rows[first:last])
        if rows[last].top - above < 2 * rows[last].size:
            break
        last -= 1
    return first, last


def _gutter(rows, text_height: float, text_width: float) -> tuple[float, int, int] | None:
    """The tallest strip that is a gutter: its middle, and the first and last row of its run."""
    inked = [[g for g in row.glyphs if not g.space] for row in rows]
    if len(rows) < 2:
        return None
    left_edge = min(g.x0 for ink in inked for g in ink)
    # One bin a point; coarser when text spreads wider than any real page (a hostile MediaBox),
    # so time and memory stay bounded.
    scale = max(1.0, (max(g.x1 for ink in inked for g in ink) - left_edge) / settings.PDF_GUTTER_MAX_BINS)
    lo = math.floor(left_edge / scale)
    bins = math.ceil(max(g.x1 for ink in inked for g in ink) / scale) - lo
    covered = []  # per row, per bin of the page's width: does a glyph cross it?
    for ink in inked:
        mask = bytearray(bins)
        for g in ink:
            start, end = math.floor(g.x0 / scale) - lo, math.ceil(g.x1 / scale) - lo
            mask[start:end] = b"\x01" * (end - start)
        covered.append(mask)
    starts = [min(g.x0 for g in ink) for ink in inked]
    ends = [max(g.x1 for g in ink) for ink in inked]
    free_rows = [bytes(column) for column in zip(*covered)]  # per bin: 0 where a row leaves it free
    runs = []  # (height, bin, first row, last row): successive rows that leave the bin free
    for b, column in enumerate(free_rows):
        x = (lo + b) * scale
        for run in _FREE_RUN.finditer(column):
            i, j = run.start(), run.end() - 1
            height = rows[j].bottom - rows[i].top
            if (
                height >= settings.PDF_GUTTER_MIN_HEIGHT * text_height
                and any(starts[k] < x for k in range(i, j + 1))
                and any(ends[k] > x + scale for k in range(i, j + 1))
            ):
                runs.append((height, b, i, j))
    tried: set[tuple[int, int, int]] = set()
    for _, b, run_first, run_last in sorted(runs, key=lambda run: -run[0]):
        if (b, run_first, run_last) in tried:
            continue
        # The strip is measured on the rows really in columns: a centred page number below
        # them would narrow it to the width of the number's side bearing.
        i, j = _trimmed(rows, (lo + b + 0.5) * scale, run_first, run_last)
        left, right = b, b  # widened to the strip those rows leave free
        while left > 0 and not any(free_rows[left - 1][i : j + 1]):
            left -= 1
        while right + 1 < bins and not any(free_rows[right + 1][i : j + 1]):
            right += 1
        tried.update((point, run_first, run_last) for point in range(left, right + 1))
        if _columns_beside(inked[i : j + 1], (lo + left) * scale, (lo + right + 1) * scale, text_width):
            middle = (lo + (left + right + 1) / 2) * scale
            first, last = _trimmed(rows, middle, run_first, run_last)
            # Only rows that leave the whole strip free are in columns: a note line set across
            # the page below them, ending inside the strip, would be cut in two.
            while last > first and any(covered[last][left : right + 1]):
                last -= 1
            while first < last and any(covered[first][left : right + 1]):
                first += 1
            return middle, first, last
    return None


def _columns_beside(inked: list[list[Glyph]], gap_left: float, gap_right: float, text_width: float) -> bool:
    """Whether the strip [gap_left, gap_right] parts text columns: wide enough itself, a wide
    column on its left whose lines often run up to it (as lines of prose do, justified or
    ragged, and a table's cells do not), text on its right not much narrower (the last lines
    of a paper may fill only the top of the right column)."""
    size = median(g.size for ink in inked for g in ink)
    if gap_right - gap_left < settings.PDF_GUTTER_MIN_EMS * size:
        return False
    left = [[g for g in ink if g.x1 <= gap_left] for ink in inked]
    right = [g for ink in inked for g in ink if g.x0 >= gap_right]
    if not right or not any(left):
        return False
    left_edge = min(g.x0 for part in left for g in part)
    width = gap_left - left_edge
    if width < max(settings.PDF_COLUMN_MIN_EMS * size, settings.PDF_COLUMN_MIN_WIDTH * text_width):
        return False
    if max(g.x1 for g in right) - gap_right < settings.PDF_COLUMN_MIN_NEXT * width:
        return False
    line_ends = [max(g.x1 for g in part) for part in left if part]
    reach = max(line_ends) - settings.PDF_COLUMN_FILL_SLACK * width
    reaching = sum(end >= reach for end in line_ends)
    return reaching >= settings.PDF_COLUMN_MIN_LINES and reaching >= settings.PDF_COLUMN_FILL * len(line_ends)


def column_pages(pages: list[Page], body_size: float = 0.0) -> list[Page]:
    """Each page cut where its reading order goes back up the page (a new column), so that
    every column's foot is read for notes as a page's is."""
    frames = {line.frame for page in pages for line in page.lines if line.frame is not None}
    pieces = []
    for page in pages:
        if not page.lines:
            pieces.append(page)
        elif frames and all(line.frame is None for line in page.lines):
            _frame_lone_column(page.lines, frames, body_size)
        start = 0
        for index in range(1, len(page.lines) + 1):
            if index == len(page.lines) or page.lines[index].top < page.lines[index - 1].top:
                pieces.append(_piece(page, page.lines[start:index]))
                start = index
    return pieces


def _frame_lone_column(lines: list[Line], frames: set[tuple[float, float]], body_size: float) -> None:
    """A page with no gutter whose text all sits in a column of other pages (a last page that
    only fills its left column) is that column: its lines get the column's edges. Notes set
    across the page under it (smaller than the body) neither count nor get the edges."""
    slack = max(line.size for line in lines)
    body = [line for line in lines if line.size > settings.PDF_NOTE_MAX_SIZE_RATIO * body_size] or lines

    def inside(line: Line, left: float, right: float) -> bool:
        return left - slack <= line.x0 and line.x1 <= right + slack

    fitting = [(left, right) for left, right in frames if all(inside(line, left, right) for line in body)]
    if fitting:
        frame = max(fitting, key=lambda edges: edges[1] - edges[0])
        for line in lines:
            if inside(line, *frame):
                line.frame = frame


def _piece(page: Page, lines: list[Line]) -> Page:
    """A column of the page as a page of its own, with only the rules drawn over it: the
    separator over another column's notes is no edge of this column's (its body may run on
    below it)."""
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    spans = [(top, x0, x1) for top, x0, x1 in page.rule_spans if x0 < right and x1 > left]
    return Page(page.number, page.height, lines, spans)
