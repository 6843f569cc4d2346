"""Tables in `pdftotext -layout` text, rewritten cell by cell.

`pdftotext -layout` prints a table as the page shows it: each printed line runs across every
column, so the words of one cell are interleaved with those of its neighbours, line after line
("The evening           Passenger" / "sailing was           numbers rose by"). Read as prose, a
marker in one cell ends up in a sentence made of three cells. Here a table is found by its
columns (text starting at the same character column, after a run of spaces, on many lines of a
block), each line is cut into its columns, and the cells are written out one after another as
paragraphs of their own, so that a cell's sentence is read whole.

The steps, each a function: `_blocks` (runs of lines that may be a table's), `_pieces` (a
line's runs of text apart by two spaces or more), `_columns` (the character positions where
pieces start on many lines: the table's columns; prose justified with runs of spaces has them
anywhere), `_cut` (a line's text in each column, a piece running into the next column cut at
the word starting there), `_free_cells` (each column's text split where the column is empty
for two lines, where a sentence ends before a capital, after a full header line),
`_row_starts` and `_top_aligned` (rows printed top-aligned, as word processors and LaTeX set
them, are cut where they start; a browser centres cells in their rows, and then the cells
found column by column are kept), `_without_row_numbers` (a first column numbering the rows
is left out: its numbers would read as notes' labels), `unfold_tables` (the whole text, page
by page).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from citetrack import settings

_PIECE = re.compile(r"\S+(?: \S+)*")  # words one space apart: two spaces or more part the pieces
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\d{0,3}$")  # a cell's sentence ended (a plain marker may follow)
_CELL_GAP = "   "  # pieces of one cell's line, and figures joined to their cell, stay apart as printed
_LETTER = re.compile(r"[^\W\d_]")
_SMALL_NUMBER = re.compile(r"^\d{1,3}$")  # a whole number alone in its cell: a row's number, a count
_CELL_START = re.compile(r"^[\"'“‘(\[]?[+\-−–$€£¥]?[A-ZÀ-Þ0-9]")  # a cell's text opens with a capital or a number


@dataclass
class _Block:
    """Lines of one page that may hold a table: the index of the first, the lines, their pieces."""

    first: int
    lines: list[str]
    pieces: list[list[tuple[int, str]]]


@dataclass
class _Cell:
    """A cell found column by column: its first and last line in the table, column, text lines."""

    first: int
    last: int
    column: int
    lines: list[str]

    @property
    def middle(self) -> float:
        return (self.first + self.last) / 2


def _pieces(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each run of text in the line apart from the next by two spaces."""
    return [(match.start(), match.group(0)) for match in _PIECE.finditer(line)]


def _blocks(lines: list[str], width: int) -> list[_Block]:
    """Runs of lines that look like a table's: two pieces or more, or one piece set well in
    (a later column's cell going on), or a short one at the left edge (a first column's cell),
    with single blank lines between them (rows set apart); two blank lines, a line of prose or
    a number alone on its line (a note's label, a page number) end the run."""
    blocks: list[_Block] = []
    current: _Block | None = None
    indent = settings.TEXT_TABLE_EMPTY_CELL * width
    for index, line in enumerate(lines):
        pieces = _pieces(line)
        if not pieces:
            if current is not None and current.lines[-1].strip():
                current.lines.append(line)
                current.pieces.append(pieces)
            else:
                current = None
            continue
        tabular = len(pieces) >= 2 or (
            not pieces[0][1].isdigit()
            and (pieces[0][0] >= indent or len(pieces[0][1]) < settings.TEXT_TABLE_SHORT_CELL * width)
        )
        if not tabular:
            current = None
            continue
        if current is None:
            current = _Block(index, [], [])
            blocks.append(current)
        current.lines.append(line)
        current.pieces.append(pieces)
    for block in blocks:  # a table starts with cells, not with a paragraph's short last line
        while block.pieces and (not block.pieces[0] or (len(block.pieces[0]) == 1 and block.pieces[0][0][0] < indent)):
            block.first += 1
            del block.lines[0], block.pieces[0]
        while block.lines and not block.lines[-1].strip():
            block.lines.pop()
            block.pieces.pop()
    return [block for block in blocks if sum(1 for line in block.lines if line.strip()) >= settings.TEXT_TABLE_MIN_LINES]


def _columns(block: _Block) -> list[tuple[int, int]] | None:
    """The table's columns, each the range of character positions where its pieces start:
    piece starts that recur on several lines, within a character or two (a row printed a
    little further right than the one above it still starts in the same column). None when the
    block is not a table: fewer than three columns, too few lines with three pieces, or pieces
    that start anywhere (prose justified with runs of spaces) below the first line (a header
    row's cells may be centred over their columns)."""
    slack = settings.TEXT_TABLE_ALIGN_SLACK
    starts = sorted(start for pieces in block.pieces for start, _ in pieces)
    groups: list[list[int]] = []
    for start in starts:
        if groups and start - groups[-1][-1] <= slack:
            groups[-1].append(start)
        else:
            groups.append([start])
    filled = sum(1 for pieces in block.pieces if pieces)
    support = max(2, int(settings.TEXT_TABLE_COLUMN_SUPPORT * filled))
    kept = [group for group in groups if len(group) >= support]
    columns: list[tuple[int, int]] = []
    for group in kept:  # starts a few characters apart are one column's, printed row by row
        if columns and group[0] - columns[-1][1] <= settings.TEXT_TABLE_COLUMN_DRIFT:
            columns[-1] = (columns[-1][0], group[-1])
        else:
            columns.append((group[0], group[-1]))
    if not settings.TEXT_TABLE_MIN_COLUMNS <= len(columns) <= settings.TEXT_TABLE_MAX_COLUMNS:
        return None
    # The header row's cells may be centred over their columns: the share is of the other lines.
    body = [start for pieces in block.pieces[1:] for start, _ in pieces]
    aligned = sum(1 for start in body if any(low - slack <= start <= high + slack for low, high in columns))
    if aligned < settings.TEXT_TABLE_ALIGNED_SHARE * len(body):
        return None
    if sum(1 for pieces in block.pieces if len(pieces) >= 3) < settings.TEXT_TABLE_MIN_WIDE_LINES:
        return None
    return columns


def _column_of(start: int, columns: list[tuple[int, int]]) -> int:
    """The column a piece starting at `start` belongs to: the last one starting at or before it."""
    return max(0, bisect.bisect_right(columns, (start + settings.TEXT_TABLE_ALIGN_SLACK, math.inf)) - 1)


def _cut(line: str, pieces: list[tuple[int, str]], columns: list[tuple[int, int]]) -> list[str]:
    """The line's text in each column ('' where empty). A piece that runs on into a later
    column (pdftotext left a single space between two cells) is cut at the word that starts
    where that column's pieces start."""
    slack = settings.TEXT_TABLE_ALIGN_SLACK
    cells = [""] * len(columns)
    for start, text in pieces:
        end = start + len(text)
        own = _column_of(start, columns)
        cuts = [start]
        words = None
        for low, high in columns[own + 1 :]:
            if low - slack >= end:
                break
            if words is None:
                words = [start + m.start() for m in re.finditer(r"(?<= )\S", text)]
            near = [where for where in words if low - slack <= where <= high + slack]
            if near:
                cuts.append(min(near))
        cuts.append(end)
        for left, right in zip(cuts, cuts[1:]):
            part = line[left:right].strip()
            if part:
                number = _column_of(left, columns)
                cells[number] = f"{cells[number]}{_CELL_GAP if left == start else ' '}{part}".strip()
    return cells


def _opens(cell: str) -> bool:
    """Whether a cell's text may open its row: a capital, a number, or a short token such as
    "n/a" or "–" (a sentence going on from the line above opens with a small letter)."""
    return bool(_CELL_START.match(cell)) or (len(cell) <= settings.TEXT_TABLE_TOKEN_CHARS and " " not in cell)


def _free_cells(grid: list[list[str]]) -> list[_Cell]:
    """The cells found column by column, whatever the rows. A cell
    ends where its column is empty for two lines or more (one empty line may be a neighbour's
    line set half a line apart), where a sentence ends before a capital, between a whole number
    and the next with a line between them (rows' numbers: `9`, then `10`), and after a header
    line that fills every column."""
    header = 1 if all(grid[0]) else 0
    cells: list[_Cell] = []
    for column in range(len(grid[0])):
        current: _Cell | None = None
        last = 0
        for index, line in enumerate(grid):
            text = line[column]
            if not text:
                continue
            if current is not None and (
                index - last > 2 or last < header <= index
                or (_SENTENCE_END.search(current.lines[-1]) and _CELL_START.match(text))
                or (index - last >= 2 and _next_number(current.lines[-1], text))
            ):
                current = None
            last = index
            if current is None:
                current = _Cell(index, index, column, [])
                cells.append(current)
            current.last = index
            current.lines.append(text)
    return cells


def _next_number(above: str, text: str) -> bool:
    """Whether `text` is the whole number after `above` (`9` then `10`): rows' numbers, each its
    own cell. Not digits of one number that a narrow column broke over two lines (`1` / `0`)."""
    return bool(_SMALL_NUMBER.match(above) and _SMALL_NUMBER.match(text)) and int(text) == int(above) + 1


def _row_starts(grid: list[list[str]], cells: list[_Cell]) -> set[int]:
    """Lines where a row would start were the rows top-aligned: where a first-column cell
    starts, or where every cell of three or more on the line opens with a capital or a number."""
    starts = {cell.first for cell in cells if cell.column == 0 and cell.first}
    starts |= {
        index for index, line in enumerate(grid)
        if index and line[0] and sum(1 for cell in line if cell) >= 3 and all(_opens(cell) for cell in line if cell)
    }
    return starts


def _top_aligned(cells: list[_Cell], starts: set[int]) -> bool:
    """Whether rows are printed top-aligned, as word processors and LaTeX set them: the tall
    cells (two lines or more) beside the first column start on the lines where rows start. A
    browser centres cells in their rows: a tall cell starts above its row's first-column text."""
    tall = [cell.first for cell in cells if cell.column and cell.first and len(cell.lines) >= 2]
    on_row = sum(1 for first in tall if first in starts)
    return on_row >= settings.TEXT_TABLE_TOP_ALIGNED * len(tall)


def _cells(grid: list[list[str]]) -> list[tuple[int, int, list[str]]]:
    """The table's cells, each (its first line, its column, its lines of text), in reading
    order. Rows printed top-aligned are cut where they start, and a cell is its column's text
    within the row; cells centred in their rows are those found column by column, read in the
    order their first lines come."""
    cells = _free_cells(grid)
    starts = _row_starts(grid, cells)
    if _top_aligned(cells, starts):
        bounds = [0, *sorted(starts), len(grid)]
        out = []
        for top, bottom in zip(bounds, bounds[1:]):
            for column in range(len(grid[0])):
                rows = [index for index in range(top, bottom) if grid[index][column]]
                if rows:
                    out.append((rows[0], column, [grid[index][column] for index in rows]))
        return out
    # Cells centred in one row share their middle line: read row by row, left to right.
    ordered: list[_Cell] = []
    row: list[_Cell] = []
    for cell in sorted(cells, key=lambda cell: (cell.middle, cell.column)):
        if row and cell.middle - row[0].middle > settings.TEXT_TABLE_MIDDLE_SLACK:
            ordered += sorted(row, key=lambda cell: cell.column)
            row = []
        row.append(cell)
    ordered += sorted(row, key=lambda cell: cell.column)
    return [(cell.first, cell.column, cell.lines) for cell in ordered]


def _without_row_numbers(cells: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    """The cells less the first column's when that column numbers the rows: each of its cells
    a whole number one more than the one above (a header's cells may stand above them, at
    most TEXT_TABLE_HEADER_CELLS), at least TEXT_TABLE_ROW_NUMBERS_MIN of them. Unfolded, each
    such number would stand alone on its line, where a note's label stands."""
    first = [(text[0] if len(text) == 1 else "") for _, column, text in cells if column == 0]
    numbers = [cell for cell in first if cell.isdigit()]
    for _ in range(settings.TEXT_TABLE_HEADER_CELLS):
        if first and not first[0].isdigit():
            first.pop(0)  # the header's cells
    if len(numbers) < settings.TEXT_TABLE_ROW_NUMBERS_MIN or numbers != first:
        return cells
    values = [int(number) for number in numbers]
    if any(later != earlier + 1 for earlier, later in zip(values, values[1:])):
        return cells
    return [cell for cell in cells if cell[1] != 0 or not cell[2][0].isdigit() or len(cell[2]) != 1]


def _paragraphs(cells: list[tuple[int, int, list[str]]]) -> list[list[str]]:
    """The cells as paragraphs. A figure (a cell without a letter) stays with the cell before
    it: after a text cell on the same printed line apart as in the table (`Ships calling   1,240`:
    a number alone there may be a note's marker in a table's last column), after another figure
    one space apart. A figure opening a printed line joins the paragraph before one space apart
    (a number alone on its line would read as a note's label), unless that paragraph ends in a
    digit (a marker ending a cell, `limits.17`, must still end its line)."""
    paragraphs: list[list[str]] = []
    last_first: int | None = None
    last_figures = False
    for first, _, text in cells:
        figures = not any(_LETTER.search(line) for line in text)
        joined = " ".join(text)
        if figures and paragraphs and first == last_first:
            paragraphs[-1][-1] += (" " if last_figures else _CELL_GAP) + joined
        elif figures and paragraphs and not paragraphs[-1][-1][-1:].isdigit():
            paragraphs[-1][-1] += " " + joined
        else:
            paragraphs.append(list(text))
        last_first, last_figures = first, figures
    return paragraphs


def _unfold_page(page: str) -> str:
    lines = page.split("\n")
    width = max((len(line) for line in lines), default=0)
    replaced: dict[int, tuple[int, list[str]]] = {}  # first line -> (lines taken, lines written)
    for block in _blocks(lines, width):
        columns = _columns(block)
        if columns is None:
            continue
        grid = [_cut(line, pieces, columns) for line, pieces in zip(block.lines, block.pieces)]
        cells = _without_row_numbers(_cells(grid))
        if all(len(text) == 1 for _, _, text in cells):
            continue  # one line per cell: the lines already read row by row, nothing interleaved
        written = [line for paragraph in _paragraphs(cells) for line in (*paragraph, "")]
        replaced[block.first] = (len(block.lines), ["", *written])
    if not replaced:
        return page
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index in replaced:
            taken, written = replaced[index]
            out += written
            index += taken
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)


def unfold_tables(text: str) -> str:
    """`pdftotext -layout` text with each table rewritten as its cells, one paragraph per cell
    in reading order (rows top to bottom, cells left to right); the rest is left as it is."""
    return "\f".join(_unfold_page(page) for page in text.split("\f"))
