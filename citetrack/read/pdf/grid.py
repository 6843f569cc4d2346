"""Ruled tables of a PDF page read cell by cell, from the rules drawn around their cells.

Word's and LibreOffice's bordered tables (and a web page's ruled cells printed by a browser)
draw a vertical rule between every two columns. Where at least three vertical rules share a
stretch of the page, that stretch is a grid: its columns lie between consecutive rules, its
rows between the horizontal rules that cross it (one row when it has none). Each cell's glyphs
become a block of their own, read row by row and cell by cell, so that a cell's lines are not
run together with its neighbours' (a row of a table printed on one baseline), and each cell is
a paragraph (`Line.cell`). What lies above, between and below grids is read as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from citetrack import settings
from citetrack.read.pdf.lines import Block, Glyph

Segment = tuple[float, float, float]  # a rule: its position across it, and where it starts and ends along it


@dataclass
class Grid:
    top: float
    bottom: float
    columns: list[float]  # x of the vertical rules, left to right
    rows: list[float]  # y of the row boundaries, top to bottom (first = top, last = bottom)
    text_ends: list[float] | None = None  # unruled (`unruled`): where each column's text ends, its widest line's right
    text_columns: bool = False  # no table but two columns of running text, parted at columns[1] (`unruled`)

    def cell_of(self, glyph: Glyph) -> tuple[int, int] | None:
        x, y = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        if not (self.columns[0] <= x <= self.columns[-1] and self.top <= y <= self.bottom):
            return None
        column = next(i for i in range(len(self.columns) - 1) if x <= self.columns[i + 1])
        row = next((i for i in range(len(self.rows) - 1) if y <= self.rows[i + 1]), len(self.rows) - 2)
        return row, column


def _merged(values: list[float], slack: float) -> list[float]:
    """Sorted positions with those within `slack` of the one before merged into it."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > slack:
            merged.append(value)
    return merged


def find_grids(verticals: list[Segment], horizontals: list[Segment]) -> list[Grid]:
    """The page's grids, top to bottom: stretches where vertical rules overlap, with at least
    `PDF_GRID_MIN_RULES` distinct positions among them."""
    slack = settings.PDF_GRID_SLACK
    stretches: list[list[Segment]] = []
    for segment in sorted(verticals, key=lambda s: s[1]):
        if stretches and segment[1] <= max(s[2] for s in stretches[-1]) + slack:
            stretches[-1].append(segment)
        else:
            stretches.append([segment])
    grids = []
    for stretch in stretches:
        columns = _merged([x for x, _, _ in stretch], slack)
        if len(columns) < settings.PDF_GRID_MIN_RULES:
            continue
        top, bottom = min(s[1] for s in stretch), max(s[2] for s in stretch)
        crossing = [
            y for y, x0, x1 in horizontals
            if top - slack <= y <= bottom + slack and x0 <= columns[0] + slack and x1 >= columns[1] - slack
        ]
        rows = _merged([top, *crossing, bottom], 2 * slack)
        rows = [max(top, min(bottom, y)) for y in rows]
        if len(rows) < 2:
            rows = [top, bottom]
        grids.append(Grid(top, bottom, columns, rows))
    return grids


def split_cells(glyphs: list[Glyph], grids: list[Grid]) -> list[tuple[str, object]]:
    """The page's glyphs in reading order, as pieces: ("text", glyphs) for what lies outside
    the grids (above, between, below them) and ("cell", Block) for each non-empty cell, row by
    row and left to right."""
    if not grids:
        return [("text", glyphs)]
    cells: dict[tuple[int, int, int], list[Glyph]] = {}
    outside: list[list[Glyph]] = [[] for _ in range(len(grids) + 1)]  # before grid 0, ..., after the last
    for glyph in glyphs:
        for index, grid in enumerate(grids):
            place = grid.cell_of(glyph)
            if place is not None:
                cells.setdefault((index, *place), []).append(glyph)
                break
        else:
            middle = (glyph.top + glyph.bottom) / 2
            before = next((i for i, grid in enumerate(grids) if middle < grid.top), len(grids))
            outside[before].append(glyph)
    pieces: list[tuple[str, object]] = []
    for index, grid in enumerate(grids):
        if outside[index]:
            pieces.append(("text", outside[index]))
        for key in sorted(k for k in cells if k[0] == index):
            cell = cells[key]
            if all(g.space for g in cell):
                continue
            _, row, column = key
            place = (grid.columns[column], grid.columns[column + 1], grid.top, row)
            text_end = grid.text_ends[column] if grid.text_ends else None
            pieces.append(("cell", Block(cell, column=True, cell=place, text_end=text_end)))
    if outside[-1]:
        pieces.append(("text", outside[-1]))
    return pieces
