"""Tables without vertical rules found from the white strips between their columns."""

from __future__ import annotations

from citetrack.read.pdf.columns import page_blocks
from citetrack.read.pdf.lines import Glyph, glyph_rows
from citetrack.read.pdf.unruled import find_unruled

SIZE = 10.0
PITCH = 12.0
PAGE_H = 842.0


def _text(top: float, x: float, text: str, size: float = SIZE, mono: bool = False) -> list[Glyph]:
    glyphs = []
    for char in text:
        width = 6.0 if mono else 3.0 + ord(char) % 5  # proportional type: glyphs of several widths
        glyphs.append(Glyph(char, x, x + width, top, top + size, size))
        x += width
    return glyphs


def _line(top: float, cells: list[tuple[float, str]], **kwargs) -> list[Glyph]:
    return [g for x, text in cells for g in _text(top, x, text, **kwargs)]


def _rows(glyphs: list[Glyph]):
    return sorted((row for row in glyph_rows(glyphs) if not all(g.space for g in row.glyphs)), key=lambda row: row.top)


def _cell_texts(glyphs: list[Glyph]) -> list[str]:
    """Each block's text in reading order: a cell's, or a stretch of text's around the tables."""
    texts = []
    for block in page_blocks(glyphs, PAGE_H):
        rows = _rows(block.glyphs)
        texts.append(" ".join("".join(g.text for g in sorted(row.glyphs, key=lambda g: g.x0)).strip() for row in rows))
    return texts


PROSE = "The harbour board reviewed the piers and the berthing rules over the summer months."


def _sentence_table(top: float) -> list[Glyph]:
    """A header and two rows whose sentence cells wrap onto two or three lines, top-aligned,
    with no space between the rows (LaTeX's longtable)."""
    lines = [
        [(72, "Pier"), (160, "Work done"), (330, "What users said")],
        [(72, "East pier"), (160, "Repairs to the deck"), (330, "Two berths were kept")],
        [(160, "were finished in June."), (330, "free for lifeboats.")],
        [(72, "Old quay"), (160, "The crane was removed"), (330, "Fishing boats now")],
        [(72, "and slip"), (160, "after its inspection."), (330, "unload at the slipway.")],
        [(330, "They said so twice.")],
    ]
    return [g for row, cells in enumerate(lines) for g in _line(top + row * PITCH, cells)]


def _prose(top: float, rows: int) -> list[Glyph]:
    return [g for row in range(rows) for g in _text(top + row * PITCH, 72, PROSE)]


def test_a_short_table_amid_prose_is_read_cell_by_cell():
    """Each cell is a block of its own (its lines one paragraph); the prose around keeps its place."""
    glyphs = _prose(100, 6) + _sentence_table(100 + 7 * PITCH) + _prose(100 + 14 * PITCH, 6)
    texts = _cell_texts(glyphs)
    assert "Repairs to the deck were finished in June." in texts
    assert "Fishing boats now unload at the slipway. They said so twice." in texts
    assert "Old quay and slip" in texts
    assert texts[0].startswith("The harbour board") and texts[-1].startswith("The harbour board")


def test_rows_are_cut_where_cells_start_together_or_after_a_row_gap():
    """LaTeX sets rows without space between them: a row starts where its cells start
    together; a browser pads its rows, and centres a short label in its row's height."""
    (grid,) = find_unruled(_rows(_sentence_table(100)))
    assert len(grid.columns) == 4  # three columns
    assert len(grid.rows) == 4  # the header and two rows
    glyphs = _line(100, [(72, "Pier"), (160, "Work done"), (330, "What users said")])
    for top in (122, 154):
        glyphs += _line(top, [(160, "Repairs to the deck"), (330, "Two berths were kept")])
        glyphs += _line(top + 6, [(72, "East pier")])
        glyphs += _line(top + 12, [(160, "were finished in June."), (330, "free for lifeboats.")])
    (grid,) = find_unruled(_rows(glyphs))
    assert len(grid.rows) == 4  # the header and two rows, each label inside its row's band
    assert grid.rows[1] < 122 < 128 < 144 < grid.rows[2] < 154


def test_a_cell_beside_two_centred_cells_is_cut_between_them():
    """A browser's rows padded by less than a line's leading: the two-line labels of the
    first column run down the page at one pitch, but each figure centred beside them marks
    its own row."""
    glyphs = _line(100, [(72, "Category"), (200, "Share")])
    rows_text = [("Total coliform", "and E. coli", "38%"), ("Disinfection", "by-products", "24%"), ("Lead and", "copper level", "9%")]
    top = 120.0
    for first, second, share in rows_text:
        glyphs += _line(top, [(72, first)]) + _line(top + 6, [(200, share)]) + _line(top + 12, [(72, second)])
        top += 25.0  # 12 within a cell, 13 between rows
    (grid,) = find_unruled(_rows(glyphs))
    assert len(grid.rows) == 5  # the header and three rows
    assert grid.rows[2] < 145 < grid.rows[3]


def test_a_figures_row_with_n_a_opens_a_row_and_a_wrapped_label_does_not():
    """Rows of figures set without padding (LaTeX): `n/a` is no lower-case continuation, and a
    label's bracketed second line beside the last cell's second line opens no row."""
    lines = [
        [(72, "Country"), (170, "Built"), (230, "Working"), (330, "Lead partner")],
        [(72, "Malawi"), (170, "64"), (230, "95"), (330, "Madzi Athu Trust")],
        [(72, "Kigoma pilot"), (170, "6"), (230, "n/a"), (330, "Lake Care, since")],
        [(72, "(Tanzania)"), (330, "January 2024")],
        [(72, "Total"), (170, "140"), (230, "93")],
    ]
    glyphs = [g for row, cells in enumerate(lines) for g in _line(100 + row * PITCH, cells)]
    (grid,) = find_unruled(_rows(glyphs))
    assert len(grid.rows) == 5  # the header and three rows
    assert grid.rows[2] < 100 + 2 * PITCH < 100 + 3 * PITCH + SIZE < grid.rows[3]


def test_prose_code_and_lists_are_no_table():
    assert find_unruled(_rows(_prose(100, 20))) == []
    listing = [g for row in range(6) for g in _line(100 + row * PITCH, [(72, f"{row + 1}."), (100, "Harbour Board, Pier report.")])]
    assert find_unruled(_rows(listing)) == []  # numbers then their texts: a list
    statements = ["Load(pier)", "Count(boats) + 1", "Save()", "Print(crews, boats)", "Stop"]
    code = [g for row in range(5) for g in _line(100 + row * PITCH, [(72, statements[row]), (250, "# Why")], mono=True)]
    assert find_unruled(_rows(code)) == []  # comments lined up in a code block
    lefts = ["the harbour board met", "in the spring", "and the pier was"]
    chance = [g for row in range(3) for g in _line(100 + row * PITCH, [(72, lefts[row]), (250, "and the crews agreed")])]
    assert find_unruled(_rows(chance)) == []  # lines that only go on: one row, no header
    stretched = _line(100, [(72, "12 Pier Board, “Berths,” March"), (260, "2024,")])  # a note's justified lines
    stretched += _line(112, [(72, "https://pier.example.org/b.")])
    x = 72.0
    for word in ["13", "Quay", "Trust,", "updated"]:  # a line stretched before a long URL
        stretched += _text(124, x, word)
        x = stretched[-1].x1 + 11
    stretched += _text(124, 260, "30 April")
    assert find_unruled(_rows(stretched)) == []  # word gaps stretched as wide as the strip


def _justified(top: float, x: float, text: str, right: float) -> list[Glyph]:
    """A line whose word gaps are stretched so that it ends at `right`."""
    glyphs = _text(top, x, text)
    spaces = [index for index, g in enumerate(glyphs) if g.text == " "]
    shift = (right - glyphs[-1].x1) / len(spaces)
    moved = 0.0
    for index, glyph in enumerate(glyphs):
        if index in spaces:
            moved += shift
        glyph.x0 += moved
        glyph.x1 += moved
    return glyphs


def test_justified_columns_of_text_are_no_table_but_columns():
    """Two columns of running text too short for the page's gutter search (two columns'
    notes under their rules): the left one's lines end flush at its right edge, as a table's
    cells do not, so they are read as columns, one after the other."""
    words = ["The board met at noon to hear", "Piers were old and worn by the", "Boats came in at dusk from sea"]
    glyphs = []
    for row in range(5):  # natural widths 139-142 points, set to 145
        top = 100 + row * PITCH
        glyphs += _justified(top, 72, words[row % 3], 72 + 145) + _text(top, 240, words[(row + 1) % 3])
    assert [grid.text_columns for grid in find_unruled(_rows(glyphs))] == [True]
    blocks = page_blocks(_prose(40, 3) + glyphs, PAGE_H)
    assert [(block.column, block.cell) for block in blocks] == [(False, None), (True, None), (True, None)]
    assert _cell_texts(_prose(40, 3) + glyphs)[1].startswith("The board met at noon to hear Piers were old")
    cells = ["The board met", "Piers were old and worn by the", "The harbour master agreed"]
    ragged = [g for row in range(5) for g in _text(100 + row * PITCH, 72, cells[row % 3]) + _text(100 + row * PITCH, 260, words[row % 3])]
    assert len(find_unruled(_rows(ragged))) == 1  # the same lines ending ragged: a table of one-line rows
