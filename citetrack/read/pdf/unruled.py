"""Tables printed without vertical rules, found from the white space between their columns.

LaTeX (booktabs, longtable), LibreOffice from a Word table without borders and a browser
printing a web page's table all set a table's columns apart by white space only. Read line by
line, a row then runs its cells together ("Extended Eleven branch libraries Evening visits
rose by a Whether staff overtime ..."), and a note marker in one cell takes the whole row for
its claim.

Here a table is a run of printed lines in one type size, without a wide vertical gap, that
all leave the same strips free (each at least `PDF_TABLE_GUTTER_EMS` wide, with text on both
sides): its columns lie between the strips, and it ends at a line that crosses one of them.
Its rows (`_row_bands`) are the bands where its cells overlap down the page. A column's cell
ends at a step wider than the usual line pitch (cell padding) or where the cells of a line
start together, none going on in lower case (rows set without space between them: a cell's
wrapped line goes on in lower case, "library hours", "stayed open until 9 p.m."); a cell
beside two cells of another column is cut between them (a browser centres a row's short
cells in its height). Not tables: a run whose only strip follows numbers or bullets (a list,
endnotes "1. …"), lines in a monospaced font (a code block whose comments line up), and a
single row. Columns of running text (lines ending flush, or stretched wide by justification)
are no table either: two of them, side by side on most lines, are text columns too short for
the page's gutter search (`columns`), which cuts them there. Each table is a `grid.Grid`,
read cell by cell like a ruled one.
"""

from __future__ import annotations

import re
from statistics import median

from citetrack import settings
from citetrack.read.pdf.grid import Grid
from citetrack.read.pdf.lines import Glyph

_LIST_LABEL = re.compile(r"^(?:\(?\d{1,4}[.)]?|\(?[a-zA-Z][.)]|[-•*–·▪◦‣]|[ivxlc]{1,5}[.)])$")


def _free(ink: list[Glyph], left: float, bins: int) -> int:
    """Per one-point bin from `left`, a byte of a big number: 1 where no glyph of the line
    crosses it (so that the bins a run of lines leaves free are one `&` away)."""
    mask = bytearray(b"\x01" * bins)
    for glyph in ink:
        start, end = max(0, int(glyph.x0 - left)), min(bins, int(glyph.x1 - left) + 1)
        if end > start:
            mask[start:end] = bytes(end - start)
    return int.from_bytes(mask, "big")


def _strips(free: int, bins: int, left: float, extents: list[tuple[float, float]], least: float) -> list[tuple[float, float]]:
    """The free strips at least `least` wide with ink left and right of them in some line of
    the run (`extents`: each line's leftmost and rightmost ink; a strip inside the run's
    text, not its margin)."""
    strips = []
    for match in re.finditer(rb"\x01+", free.to_bytes(bins, "big")):
        x0, x1 = left + match.start(), left + match.end()
        if x1 - x0 >= least and any(start < x0 and end > x1 for start, end in extents):
            strips.append((x0, x1))
    return strips


def _cells(ink: list[Glyph], edges: list[float]) -> list[str]:
    """The line's text in each column between `edges` (glyphs in x order, spaces kept)."""
    texts = [""] * (len(edges) - 1)
    for glyph in sorted(ink, key=lambda g: g.x0):
        middle = (glyph.x0 + glyph.x1) / 2
        column = next((i for i in range(len(edges) - 1) if middle <= edges[i + 1]), len(edges) - 2)
        texts[column] += glyph.text
    return [text.strip() for text in texts]


_GOES_ON = re.compile(r"^[a-zß-ÿ]{2}")  # a cell's wrapped line going on in lower case ("library hours"; not "n/a")


def _opens_row(cells: list[str]) -> bool:
    """Whether a line of a table starts a row: its first cell and at least half the others
    hold text (two at least), none goes on in lower case, and the first does not open with a
    bracket ("(Tanzania)", a label's second line)."""
    filled = [cell for cell in cells if cell]
    if not cells[0] or cells[0].startswith("(") or len(filled) < max(2, (len(cells) + 1) // 2):
        return False
    return not any(_GOES_ON.match(cell) for cell in filled)


def _is_list(cells_by_line: list[list[str]]) -> bool:
    """A run of two columns whose left one holds only numbers or bullets: a list's labels."""
    if len(cells_by_line[0]) != 2:
        return False
    labels = [cells[0] for cells in cells_by_line if cells[0]]
    return all(_LIST_LABEL.match(label) for label in labels)


def _pitch(rows, size: float) -> float:
    """The usual step down from a printed line to the next one below it that it overlaps
    across the page, among the block's lines in type of `size`: its prose's leading, or a
    column's (a label centred beside a cell's lines is not one of them)."""
    slack = settings.PDF_TABLE_SIZE_SLACK
    steps = []
    for index, row in enumerate(rows):
        if abs(row.size - size) > slack:
            continue
        below = next((other for other in rows[index + 1 :] if other.x0 < row.x1 and row.x0 < other.x1), None)
        if below is not None and abs(below.size - size) <= slack and 0 < below.top - row.top < 3 * size:
            steps.append(below.top - row.top)
    return median(steps) if steps else settings.PDF_USUAL_LEADING * size


def _table(rows, inked: list[list[Glyph]], first: int, last: int, strips: list[tuple[float, float]], pitch: float) -> Grid | None:
    """The grid of the run of lines first..last parted by `strips`, or None when it is no
    table: too few lines, a column left empty, a list, code, columns of running text, a
    stretched line of justified prose, or a single row."""
    if last - first + 1 < settings.PDF_TABLE_MIN_LINES or not strips:
        return None
    lines = inked[first : last + 1]
    left = min(g.x0 for ink in lines for g in ink)
    right = max(g.x1 for ink in lines for g in ink)
    edges = [left - 1.0, *((x0 + x1) / 2 for x0, x1 in strips), right + 1.0]
    cells_by_line = [_cells(ink, edges) for ink in lines]
    for column in range(len(edges) - 1):
        if sum(1 for cells in cells_by_line if cells[column]) < 2:
            return None
    if _is_list(cells_by_line) or _monospaced(lines):
        return None
    if _running_text(lines, edges) or any(_stretched(ink, strips) for ink in lines):
        return _text_columns(lines, cells_by_line, edges)
    bands = _row_bands(rows[first : last + 1], cells_by_line, pitch)
    if len(bands) < 2:
        return None  # one row: lines that leave a strip free by chance, not a header and its rows
    top = min(g.top for g in lines[0]) - 1.0
    bottom = max(g.bottom for g in lines[-1]) + 1.0
    bounds = [(above[1] + below[0]) / 2 for above, below in zip(bands, bands[1:])]
    return Grid(top, bottom, edges, [top, *bounds, bottom], text_ends=[x0 for x0, _ in strips] + [right])


def _row_bands(rows, cells_by_line: list[list[str]], pitch: float) -> list[tuple[float, float]]:
    """The table's rows as bands down the page (top, bottom). Each column's lines make its
    cells: a cell ends at a step wider than the usual pitch (the space between two rows) or at
    a line where cells start together (`_opens_row`, rows set without space between them).
    Cells that overlap down the page are one row: a browser centres a row's short cells in
    its height, beside the tallest one, so they start lower than the row's first line. A cell
    beside two cells of another column is two, cut at its widest step between them (rows
    padded by less than a line's leading)."""
    opening = {index for index, cells in enumerate(cells_by_line) if index and _opens_row(cells)}
    columns: list[list[list[int]]] = []  # per column, its cells as lists of line indices
    for column in range(len(cells_by_line[0])):
        cells: list[list[int]] = []
        for index, line_cells in enumerate(cells_by_line):
            if not line_cells[column]:
                continue
            if not cells or index in opening or rows[index].top - rows[cells[-1][-1]].top > settings.PDF_TABLE_ROW_STEP * pitch:
                cells.append([])
            cells[-1].append(index)
        columns.append(cells)

    while _cut_beside_two(rows, columns):
        pass
    spans = sorted((rows[cell[0]].top, rows[cell[-1]].bottom) for cells in columns for cell in cells)
    bands: list[tuple[float, float]] = []
    for top, bottom in spans:
        if bands and top < bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], bottom))
        else:
            bands.append((top, bottom))
    return bands


def _cut_beside_two(rows, columns: list[list[list[int]]]) -> bool:
    """Cut one cell that lies beside two cells of another column in two, between their
    middles: at its widest step (padding between rows), of equal ones the last above the lower
    cell's top (a row set top-aligned without padding starts on the line of its cells' first
    words); False when no cell is beside two."""
    def middle(cell: list[int]) -> float:
        return (rows[cell[0]].top + rows[cell[-1]].bottom) / 2

    for cells in columns:
        for number, cell in enumerate(cells):
            if len(cell) < 2:
                continue  # one line: nothing to cut
            top, bottom = rows[cell[0]].top, rows[cell[-1]].bottom
            for others in columns:
                beside = [other for other in others if top < middle(other) < bottom]
                for upper, lower in zip(beside, beside[1:]):
                    steps = [
                        k for k in range(1, len(cell))
                        if middle(upper) < rows[cell[k]].top and rows[cell[k - 1]].bottom < middle(lower)
                    ]
                    if steps:
                        at = max(steps, key=lambda k: (
                            round(rows[cell[k]].top - rows[cell[k - 1]].top),
                            rows[cell[k]].top <= rows[lower[0]].top + 1.0,
                            k,
                        ))
                        cells[number : number + 1] = [cell[:at], cell[at:]]
                        return True
    return False


def _monospaced(lines: list[list[Glyph]]) -> bool:
    """Whether the lines are set in a monospaced font (a code block whose comments line up),
    every glyph as wide as the others."""
    widths = [round(g.x1 - g.x0, 1) for ink in lines for g in ink if not g.raised]
    common = max(set(widths), key=widths.count)
    return widths.count(common) >= settings.PDF_TABLE_MONOSPACE_SHARE * len(widths)


def _text_columns(lines: list[list[Glyph]], cells_by_line: list[list[str]], edges: list[float]) -> Grid | None:
    """Two columns of running text too short for the page's gutter search (the two columns'
    notes under a rule, set apart by a gutter that long URLs narrow): text on both sides of
    the one strip on most lines. None for anything else (a stretched line beside one that
    stops short, in a single column)."""
    if len(edges) != 3:
        return None
    both = sum(1 for cells in cells_by_line if cells[0] and cells[1])
    if both < max(settings.PDF_TABLE_MIN_LINES, settings.PDF_TEXT_COLUMNS_SHARE * len(cells_by_line)):
        return None
    top = min(g.top for g in lines[0]) - 1.0
    bottom = max(g.bottom for g in lines[-1]) + 1.0
    return Grid(top, bottom, edges, [top, bottom], text_columns=True)


def _stretched(ink: list[Glyph], strips: list[tuple[float, float]]) -> bool:
    """Whether a line is justified prose stretched wide (an overfull LaTeX line before a long
    URL): two or more of its word gaps, away from the strips, are as wide as a strip may be.
    A table's cells keep their words at their usual spacing."""
    least = settings.PDF_TABLE_GUTTER_EMS * median(g.size for g in ink)
    ordered = sorted(ink, key=lambda g: g.x0)
    wide = 0
    for before, after in zip(ordered, ordered[1:]):
        if after.x0 - before.x1 >= least and not any(before.x1 < x1 and after.x0 > x0 for x0, x1 in strips):
            wide += 1
    return wide >= 2


def _running_text(lines: list[list[Glyph]], edges: list[float]) -> bool:
    """Whether a strip parts columns of running text rather than cells (a page's columns the
    gutter search missed, on a short stretch): the lines of the wide column left of it end
    flush at one place, as a justified column's do; a table's wrapped cells end ragged (and
    a narrow column of figures set flush right is no running text)."""
    for column in range(len(edges) - 2):
        ends = [
            max(g.x1 for g in ink if edges[column] < (g.x0 + g.x1) / 2 <= edges[column + 1])
            for ink in lines
            if any(edges[column] < (g.x0 + g.x1) / 2 <= edges[column + 1] for g in ink)
        ]
        flush = sum(end >= max(ends) - settings.PDF_TABLE_FLUSH_SLACK for end in ends)
        size = median(g.size for ink in lines for g in ink)
        wide = max(ends) - edges[column] >= settings.PDF_COLUMN_MIN_EMS * size  # not figures set flush right
        if wide and len(ends) >= settings.PDF_TABLE_MIN_LINES and flush >= settings.PDF_TABLE_RUNNING_SHARE * len(ends):
            return True
    return False


def find_unruled(rows) -> list[Grid]:
    """The tables without vertical rules among a block's printed lines (`rows`, glyph rows
    top to bottom), as grids, top to bottom."""
    inked = [[g for g in row.glyphs if not g.space] for row in rows]
    keep = [index for index, ink in enumerate(inked) if ink]
    rows = [rows[index] for index in keep]
    inked = [inked[index] for index in keep]
    if len(rows) < settings.PDF_TABLE_MIN_LINES:
        return []
    left = int(min(g.x0 for ink in inked for g in ink)) - 1
    bins = int(max(g.x1 for ink in inked for g in ink)) - left + 2
    if bins > settings.PDF_GUTTER_MAX_BINS:
        return []
    frees = [_free(ink, left, bins) for ink in inked]
    extents = [(min(g.x0 for g in ink), max(g.x1 for g in ink)) for ink in inked]
    pitches: dict[float, float] = {}  # the usual line pitch per type size, measured when needed
    grids: list[Grid] = []
    start = 0
    while start < len(rows):
        least = settings.PDF_TABLE_GUTTER_EMS * rows[start].size
        free = frees[start]
        strips = _strips(free, bins, left, extents[start : start + 1], least)
        if not strips:
            start += 1
            continue
        if rows[start].size not in pitches:
            pitches[rows[start].size] = _pitch(rows, rows[start].size)
        pitch = pitches[rows[start].size]
        end = start
        while end + 1 < len(rows):
            following = rows[end + 1]
            gap = following.top - rows[end].bottom
            if abs(following.size - rows[start].size) > settings.PDF_TABLE_SIZE_SLACK or gap > settings.PDF_TABLE_MAX_GAP_EMS * rows[start].size:
                break
            merged = free & frees[end + 1]
            kept = _strips(merged, bins, left, extents[start : end + 2], least)
            if len(kept) < len(strips):
                break  # a line across a column's strip: the table has ended (or never began)
            free, strips, end = merged, kept, end + 1
        if not grids and start:  # the block's top lines all in the table's columns: a row cut by a page break
            whole = free
            for above in frees[:start]:
                whole &= above
            widened = _strips(whole, bins, left, extents[: end + 1], least)
            if len(widened) == len(strips):
                start, strips = 0, widened
        grid = _table(rows, inked, start, end, strips, pitch)
        if grid is not None:
            grids.append(grid)
        start = end + 1  # a run that is no table is skipped whole: no table starts inside it
    return grids
