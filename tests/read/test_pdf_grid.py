"""Ruled tables found from their rules and read cell by cell."""

from citetrack.read.pdf.grid import find_grids, split_cells
from citetrack.read.pdf.lines import Glyph


def _word(text: str, x: float, top: float) -> list[Glyph]:
    return [Glyph(c, x + 6 * i, x + 6 * (i + 1), top, top + 10, 10.0) for i, c in enumerate(text)]


# a table of two columns (x 50-200-350) and two rows (y 100-130-160), rules drawn as segments
VERTICALS = [(50, 100, 130), (200, 100, 130), (350, 100, 130), (50, 130, 160), (200, 130, 160), (350, 130, 160)]
HORIZONTALS = [(100, 50, 350), (130, 50, 350), (160, 50, 350)]


def test_three_vertical_rules_make_a_grid_with_its_rows_from_the_horizontal_ones():
    (grid,) = find_grids(VERTICALS, HORIZONTALS)
    assert (grid.top, grid.bottom, grid.columns, grid.rows) == (100, 160, [50, 200, 350], [100, 130, 160])


def test_two_vertical_rules_or_none_make_no_grid():
    assert find_grids([(50, 100, 160), (350, 100, 160)], HORIZONTALS) == []
    assert find_grids([], HORIZONTALS) == []


def test_cells_are_read_row_by_row_and_text_around_the_table_keeps_its_place():
    glyphs = (
        _word("Before", 50, 80)
        + _word("right1", 210, 105) + _word("left1", 60, 105)  # one baseline across the row
        + _word("left2", 60, 135) + _word("right2", 210, 135)
        + _word("After", 50, 170)
    )
    pieces = split_cells(glyphs, find_grids(VERTICALS, HORIZONTALS))
    texts = ["".join(g.text for g in (piece.glyphs if kind == "cell" else piece)) for kind, piece in pieces]
    assert texts == ["Before", "left1", "right1", "left2", "right2", "After"]
    assert [kind for kind, _ in pieces] == ["text", "cell", "cell", "cell", "cell", "text"]
    assert pieces[1][1].cell[:2] == (50, 200) and pieces[2][1].cell[:2] == (200, 350)
