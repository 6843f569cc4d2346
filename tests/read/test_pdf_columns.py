"""Columns found from glyph geometry: real gutters cut pages in reading order, false ones do not."""

from __future__ import annotations

from citetrack.read.pdf.columns import column_pages, page_blocks
from citetrack.read.pdf.lines import Glyph, Line, Page

PAGE_H = 842.0
SIZE = 10.0  # every glyph is SIZE / 2 wide
PITCH = 12.0
WORDS = "the harbour council reviewed its accounts and found gaps in the records of the fuel depot".split()


def _text(top: float, x: float, text: str, size: float = SIZE) -> list[Glyph]:
    glyphs = []
    for char in text:
        glyphs.append(Glyph(char, x, x + size / 2, top, top + size, size))
        x += size / 2
    return glyphs


def _filled(width: float, seed: int) -> str:
    """Words up to `width` points, starting at word `seed` (lines of a ragged prose column)."""
    words, length, index = [], -1, seed
    while True:
        word = WORDS[index % len(WORDS)]
        if (length + 1 + len(word)) * SIZE / 2 > width:
            return " ".join(words)
        words.append(word)
        length += 1 + len(word)
        index += 1


def _column(x: float, width: float, top: float, rows: int, tag: str = "") -> list[Glyph]:
    """A prose column: `rows` lines filled to `width`, the first word tagged to tell columns apart."""
    glyphs = []
    for row in range(rows):
        glyphs += _text(top + row * PITCH, x, (tag if row == 0 else "") + _filled(width - len(tag) * 5, row))
    return glyphs


def _firsts(blocks) -> list[tuple[bool, str]]:
    """Each block's column flag and the text of its first glyphs in reading order."""
    out = []
    for block in blocks:
        top = min(g.top for g in block.glyphs)
        first = sorted((g for g in block.glyphs if g.top == top), key=lambda g: g.x0)
        out.append((block.column, "".join(g.text for g in first).split(" ")[0]))
    return out


def test_two_columns_read_left_then_right():
    glyphs = _column(306, 216, 100, 50, "RIGHT") + _column(72, 216, 100, 50, "LEFT")
    assert _firsts(page_blocks(glyphs, PAGE_H)) == [(True, "LEFTthe"), (True, "RIGHTthe")]


def test_title_abstract_columns_and_notes_across_the_page_keep_their_places():
    glyphs = _text(60, 200, "TITLE of the paper", 16.0)
    glyphs += _column(72, 451, 90, 8, "ABSTRACT")
    glyphs += _column(72, 216, 200, 40, "LEFT") + _column(306, 216, 200, 40, "RIGHT")
    glyphs += [g for row in range(4) for g in _text(700 + row * 10, 72, ("NOTES " if not row else "") + _filled(440, row), 8.0)]
    glyphs += _text(800, 295, "3", 9.0)  # the page number, centred in the gutter
    assert _firsts(page_blocks(glyphs, PAGE_H)) == [
        (False, "TITLE"), (True, "LEFTthe"), (True, "RIGHTthe"), (False, "NOTES"),
    ]


def test_three_columns_and_a_short_right_column():
    three = _column(72, 140, 100, 50, "A") + _column(228, 140, 100, 50, "B") + _column(384, 140, 100, 50, "C")
    assert _firsts(page_blocks(three, PAGE_H)) == [(True, "Athe"), (True, "Bthe"), (True, "Cthe")]
    last_page = _column(72, 216, 100, 50, "LEFT") + _column(306, 216, 100, 2, "RIGHT")
    assert _firsts(page_blocks(last_page, PAGE_H)) == [(True, "LEFTthe"), (True, "RIGHTthe")]


def _one_block(glyphs) -> bool:
    return [block.column for block in page_blocks(glyphs, PAGE_H)] == [False]


def test_one_column_pages_are_one_block():
    assert _one_block(_column(72, 451, 100, 50))
    short_line = _column(72, 451, 100, 20) + _text(100 + 20 * PITCH, 72, "A short line.") + _column(72, 451, 100 + 21 * PITCH, 20)
    assert _one_block(short_line)
    heading = _column(72, 451, 100, 20) + _text(360, 250, "Centred heading", 13.0) + _column(72, 451, 380, 25)
    assert _one_block(heading)


def test_ragged_right_and_indented_quotes_are_no_gutter():
    ragged = [g for row in range(50) for g in _text(100 + row * PITCH, 72, _filled(300 + (row * 37) % 150, row))]
    assert _one_block(ragged)
    quoted = _column(72, 451, 100, 15) + _column(108, 380, 100 + 15 * PITCH, 20) + _column(72, 451, 100 + 35 * PITCH, 15)
    assert _one_block(quoted)


def _no_gutter(glyphs) -> bool:
    """No column cut: one block, or blocks that are text and a table's cells (`unruled`)."""
    return all(not block.column or block.cell is not None for block in page_blocks(glyphs, PAGE_H))


def test_tables_are_no_gutter():
    """A short table in the text, and a page-long table whose first column is narrow."""
    rows = [("Harl", "1,200 tonnes landed"), ("Brenmark harbour", "950 tonnes"), ("North quay", "2,040 tonnes")]
    table = [g for row in range(9) for g in _text(400 + row * PITCH, 72, rows[row % 3][0]) + _text(400 + row * PITCH, 300, rows[row % 3][1])]
    assert _no_gutter(_column(72, 451, 100, 24) + table + _column(72, 451, 520, 20))
    page_table = [g for row in range(50) for g in _text(100 + row * PITCH, 72, str(1970 + row)) + _text(100 + row * PITCH, 130, _filled(390, row))]
    assert _no_gutter(page_table)
    names = ["Harl", "Brenmark harbour authority", "North quay", "Ostland ferry", "Delta port trust", "Kell"]
    ragged_cells = [g for row in range(50) for g in _text(100 + row * PITCH, 72, names[row % 6]) + _text(100 + row * PITCH, 230, _filled(290, row))]
    assert _no_gutter(ragged_cells)


def test_word_gaps_lined_up_over_a_few_lines_are_no_gutter():
    lines = _column(72, 451, 100, 20)
    for row in range(3):  # three lines with a wide gap at the same place, amid full lines
        lines += _text(100 + (20 + row) * PITCH, 72, _filled(200, row)) + _text(100 + (20 + row) * PITCH, 290, _filled(230, row))
    assert _one_block(lines + _column(72, 451, 100 + 23 * PITCH, 20))


def _line(top: float, x0: float, text: str, frame=None) -> Line:
    return Line(0, top, top + 10, x0, x0 + 200, 10.0, text, [], frame=frame)


def test_column_pages_cut_where_reading_goes_back_up():
    left, right = (72.0, 288.0), (306.0, 522.0)
    page = Page(0, PAGE_H, [_line(100, 72, "a", left), _line(700, 72, "note a", left),
                            _line(100, 306, "b", right), _line(700, 306, "note b", right)], [])
    assert [[line.text for line in piece.lines] for piece in column_pages([page])] == [["a", "note a"], ["b", "note b"]]


def test_a_page_filling_only_the_left_column_gets_its_edges():
    left, right = (72.0, 288.0), (306.0, 522.0)
    full = Page(0, PAGE_H, [_line(100, 72, "a", left), _line(100, 306, "b", right)], [])
    lone = Page(1, PAGE_H, [_line(100, 72, "c"), _line(112, 72, "d")], [])
    column_pages([full, lone])
    assert [line.frame for line in lone.lines] == [left, left]


def test_a_lone_column_above_notes_across_the_page_gets_its_edges():
    """The last page fills only the left column, its notes set across the page in smaller
    type: the column's lines get the column's edges (so its short lines are not read as
    paragraph ends), the notes keep none."""
    left, right = (72.0, 288.0), (306.0, 522.0)
    full = Page(0, PAGE_H, [_line(100, 72, "a", left), _line(100, 306, "b", right)], [])
    note = Line(0, 700, 708, 72, 500, 8.0, "1 A note set across the page.", [])
    lone = Page(1, PAGE_H, [_line(100, 72, "c"), _line(112, 72, "d"), note], [])
    column_pages([full, lone], body_size=10.0)
    assert [line.frame for line in lone.lines] == [left, left, None]

def test_a_marked_line_beside_a_bigger_heading_keeps_its_text_and_marker():
    """Rows of two columns overlap: a line (with its marker) is not folded into the heading beside it."""
    from citetrack.read.pdf.lines import Block, page_lines

    heading = _text(109, 72, "Findings and costs", 13.0)
    line = _text(103.6, 205, "Million below and more.")
    marker = _text(102.6, 205 + 23 * 5, "12", 7.0)
    page = page_lines([Block(heading + line + marker)], [], [], 0, PAGE_H)
    assert sum(len(found.text.replace(" ", "")) + sum(len(label) for _, label in found.marks) for found in page.lines) == len(
        [g for g in heading + line + marker if not g.space]
    )
    assert [(found.text, found.marks) for found in page.lines if found.marks] == [("Million below and more.", [(23, "12")])]


def test_text_spread_over_a_huge_page_is_searched_in_bounded_steps():
    """A hostile MediaBox 100 million points wide: the gutter search works in coarser steps
    (at 1-point steps it would scan 10^8 positions per line, for hours) and, the text being no
    column layout (a 216-point column is nothing on that page), reads it as one block."""
    far = 100_000_000.0
    glyphs = _column(72, 216, 100, 50, "LEFT") + _column(far, 216, 100, 50, "RIGHT")
    assert _firsts(page_blocks(glyphs, PAGE_H)) == [(False, "LEFTthe")]


def test_a_line_overfull_into_a_narrow_gutter_does_not_merge_the_columns():
    """LaTeX's two columns are 10 pt apart, and a line that cannot break (a long URL) runs a few
    points into that gap: the columns are still cut apart, left read before right."""
    left = _column(72, 216, 100, 50, "LEFT")
    right = _column(298, 216, 100, 50, "RIGHT")  # the gutter: 288 to 298, ten points
    url = ("https://tides.example.org/archive/" + "x" * 44)[:44]  # 44 glyphs: 72 to 292 points
    overfull = _text(100 + 20 * PITCH, 72, url)
    left = [g for g in left if not 100 + 20 * PITCH <= g.top < 100 + 21 * PITCH] + overfull
    assert 288 < max(g.x1 for g in overfull) < 298  # six points of the gutter left free
    assert _firsts(page_blocks(left + right, PAGE_H)) == [(True, "LEFTthe"), (True, "RIGHTthe")]


def test_a_centred_page_number_does_not_narrow_the_gutter_below_the_columns_first_lines():
    """The right column starts a line higher than the left, whose first line runs two points
    into the gutter, and a page number sits in the gutter's right half at the foot: measured
    with the number, the strip is too narrow to be a gutter, and the taller run below the left
    column's first line left both first lines above the columns, read before them."""
    title = _text(60, 200, "TITLE across the middle", 16.0)
    right = _column(300, 216, 88, 41, "RIGHT")
    left = _text(100, 72, "LEFT" + "x" * 40) + _column(72, 216, 112, 39)  # the first line ends at 292
    number = _text(800, 295, "7")
    blocks = page_blocks(title + left + right + number, PAGE_H)
    assert _firsts(blocks) == [(False, "TITLE"), (True, "LEFTxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                               (True, "RIGHTthe"), (False, "7")]
