"""Tables that run over several pages, as Word and LibreOffice print them.

Two habits of those renderers break a page's reading order. The table's header row is
printed again at the top of every page the table runs over, so its words would land inside
the cell that goes on across the page break ("Installati… Browser Gecko-name …"); and a row
too tall for the page is cut, its last cell going on at the top of the same column on the
next page, after the other cells of that page's first row in reading order. Both are told
from the page's geometry only: a repeated header is a band of lines set at the same place
with the same text as on an earlier page, at the top of the page; a cut cell is a page's
body ending mid-sentence in one column of several, and a column on the next page starting
at its top, at the same indent, beside cells shorter than it (text columns run side by side
for their whole length).
"""

from __future__ import annotations

from citetrack import settings
from citetrack.read.pdf.layout import TERMINAL
from citetrack.read.pdf.lines import Line, Page


def _place(line: Line) -> tuple[str, int, int]:
    return line.text, round(line.x0), round(line.top)


def _rows(lines: list[Line]) -> list[list[Line]]:
    """The page's lines grouped into rows: lines whose tops lie within a point of each other."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.top):
        if rows and line.top - rows[-1][0].top <= 1.0:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def drop_repeated_heads(pages: list[Page]) -> None:
    """Drop, from the top of each page, the rows of lines printed at the same place with the
    same text on an earlier page (a table's header row repeated on each page it runs over;
    the first one is kept), or, in a ruled table, the rows of cells repeating earlier cells'
    text in the same columns (the first page's header stands lower, under the text before
    the table). Only whole rows at the very top go: the page's first row that is not such a
    repeat ends the head, so a repeated word further down stays."""
    earlier: set[tuple[str, int, int]] = set()
    earlier_cells: dict[str, list[tuple[float, float]]] = {}  # text -> the columns it stood in
    for page in pages:
        places = {_place(line) for line in page.lines}
        dropped: set[int] = set()
        for row in _rows(page.lines):
            same_place = all(_place(line) in earlier for line in row)
            same_cells = all(line.cell is not None and _seen_in_column(line, earlier_cells) for line in row)
            if not (same_place or same_cells):
                break
            dropped.update(id(line) for line in row)
        if dropped:
            page.lines = [line for line in page.lines if id(line) not in dropped]
        earlier |= places
        for line in page.lines:
            if line.cell is not None:
                earlier_cells.setdefault(line.text, []).append((line.cell[0], line.cell[1]))


def _seen_in_column(line: Line, earlier_cells: dict[str, list[tuple[float, float]]]) -> bool:
    """Whether a cell with this line's text stood in the same column on an earlier page (the
    column's edges within a couple of points: found from the ink, they move a little)."""
    assert line.cell is not None
    edges = (line.cell[0], line.cell[1])
    return any(_same_edges(edges, earlier, settings.PDF_GRID_SLACK) for earlier in earlier_cells.get(line.text, ()))


def _same_edges(one: tuple[float, ...], other: tuple[float, ...], slack: float) -> bool:
    """Whether two (left, right, ...) edges are the same within `slack` points on each side."""
    return abs(one[0] - other[0]) <= slack and abs(one[1] - other[1]) <= slack


def _same_column(line: Line, other: Line) -> bool:
    """Whether two lines stand in one column: between the same rules (ruled cells), or in the
    same text column, starting at the same indent."""
    slack = settings.PDF_CELL_INDENT_SLACK * line.size
    if line.cell is not None or other.cell is not None:  # ruled cells: the same rules left and right
        return line.cell is not None and other.cell is not None and _same_edges(line.cell, other.cell, slack)
    return (
        line.frame is not None
        and other.frame is not None
        and _same_edges(line.frame, other.frame, slack)
        and abs(line.x0 - other.x0) <= slack
    )


def carry_cut_cells(lines: list[Line], pitch: float) -> list[Line]:
    """The body lines with each cell cut by a page break made whole: when a page's body ends
    mid-sentence in a column of several, the lines that open the same column at the top of
    the next page (up to a paragraph gap) are read first on that page. Not on pages of text
    columns, where a sentence goes on at the top of the first column: there the other
    columns hold as many lines beside those as they are long, where a table row's other
    cells are short."""
    pages: list[list[Line]] = []
    for line in lines:
        if pages and pages[-1][0].page == line.page:
            pages[-1].append(line)
        else:
            pages.append([line])
    out: list[Line] = []
    for page in pages:
        last = out[-1] if out else None
        if last is None or last.frame is None or TERMINAL.search(last.text.rstrip()):
            out.extend(page)
            continue
        top = min(line.top for line in page)
        first = next((i for i, line in enumerate(page) if _same_column(line, last)), None)
        if first is None or page[first].top > top + settings.PDF_CELL_TOP_ROWS * pitch:
            out.extend(page)
            continue
        ruled = page[first].cell is not None
        if first == 0 and not ruled:
            out.extend(page)  # already read first
            continue
        end = first + 1
        if ruled:  # a ruled cell's lines: the whole of that cell
            while end < len(page) and page[end].cell == page[first].cell:
                end += 1
        else:  # the column's lines up to a paragraph gap
            while (
                end < len(page)
                and _same_column(page[end], page[end - 1])
                and 0 < page[end].top - page[end - 1].top <= settings.PDF_PARAGRAPH_GAP * pitch
            ):
                end += 1
        run, others = page[first:end], page[:first] + page[end:]
        beside = sum(1 for line in others if run[0].top - 1 <= line.top <= run[-1].bottom)
        if not ruled and 2 * beside > len(run):  # text beside it about as long as it: text columns
            out.extend(page)
            continue
        for line in run:
            line.cell = last.cell  # one cell, cut by the page break: one paragraph
        out.extend(run + others)
    return out
