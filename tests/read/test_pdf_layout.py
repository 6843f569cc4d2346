"""Where a PDF page's notes begin, told from its geometry (rules, type sizes, labels)."""

from citetrack.read.pdf.layout import column_of, fit_page_edges, split_pages
from citetrack.read.pdf.lines import Line, Page

BODY, NOTE = 12.0, 10.0


def _line(top: float, text: str, size: float = BODY, marks=None) -> Line:
    return Line(0, top, top + size, 72.0, 540.0, size, text, list(marks or []))


def _page_with_a_ruled_table_then_notes() -> Page:
    """Body with markers 1 and 2, a table between rules (its rows in the body's type; a cell
    holding only marker 3, which the page sets as a raised number on a line of its own), more
    body, then a short separator and three smaller notes."""
    lines = [
        _line(100, "Ferry fares rose twice in the decade.", marks=[(37, "1")]),
        _line(130, "Port Year Passengers"),  # the table's head, under its top rule
        _line(160, "Northport 2019 41,000"),  # under the middle rule
        _line(172, "3", 8.4),
        _line(175, "Southsea 2021 38,500"),
        _line(210, "The board froze fares after the second rise.", marks=[(44, "2")]),
        _line(600, "Harbour Board, Annual Report 2015, p. 4.", NOTE, [(0, "1")]),
        _line(614, "Minutes of the board, 3 May 2021.", NOTE, [(0, "2")]),
        _line(628, "Port statistics office, Passengers by port, 2022.", NOTE, [(0, "3")]),
    ]
    return Page(0, 792.0, lines, rule_spans=[(125.0, 72.0, 216.0), (155.0, 72.0, 216.0), (190.0, 72.0, 216.0), (590.0, 72.0, 216.0)])


def test_a_table_between_rules_stays_in_the_body_and_the_notes_start_under_the_separator():
    body, notes = split_pages([_page_with_a_ruled_table_then_notes()], BODY)
    assert [note.label for note in notes] == ["1", "2", "3"]
    texts = [line.text for line in body]
    assert "Northport 2019 41,000" in texts
    assert "The board froze fares after the second rise." in texts


def test_notes_in_the_body_type_under_a_separator_are_still_notes():
    """Word and LibreOffice may set notes as large as the body: the rule sets them off."""
    lines = [
        _line(100, "Tolls were cut in spring.", marks=[(25, "1")]),
        _line(120, "Crossings rose by a fifth.", marks=[(26, "2")]),
        _line(600, "Transport ministry, press release, 2 April 2020.", BODY, [(0, "1")]),
        _line(616, "Bridge operator, traffic counts, 2021.", BODY, [(0, "2")]),
    ]
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=[(590.0, 72.0, 216.0)])], BODY)
    assert [note.label for note in notes] == ["1", "2"]
    assert [line.text for line in body] == ["Tolls were cut in spring.", "Crossings rose by a fifth."]


def _placed(page: int, top: float, x0: float, x1: float, text: str) -> Line:
    return Line(page, top, top + BODY, x0, x1, BODY, text, [])


def test_facing_pages_of_a_two_sided_layout_get_their_own_edges():
    """A book class shifts the text block on facing pages: each page is measured on its own."""
    lines = []
    for page, left in ((0, 100.0), (1, 150.0), (2, 100.0), (3, 150.0)):
        lines += [_placed(page, 100.0 + 12 * row, left, left + 340.0, f"line {row}") for row in range(10)]
    column = column_of(lines, BODY)
    fit_page_edges(lines, BODY, column)
    assert {line.frame for line in lines if line.page == 0} == {(100.0, 440.0)}
    assert {line.frame for line in lines if line.page == 1} == {(150.0, 490.0)}


def test_pages_sharing_one_text_block_keep_the_document_edges():
    lines = [_placed(page, 100.0 + 12 * row, 100.0, 440.0 - (60.0 if row % 3 == 0 else 0.0), "text")
             for page in range(3) for row in range(10)]
    fit_page_edges(lines, BODY, column_of(lines, BODY))
    assert all(line.frame is None for line in lines)


def test_a_running_head_numbered_like_the_next_note_does_not_continue_the_notes():
    """A chapter's running head ("2. Costs", in the body's type) opens the page after a page
    that ended in its notes: it is not note 2 going on over the page."""
    first = Page(0, 792.0, [
        _line(100, "Fares were cut in 2019.", marks=[(23, "1")]),
        _line(700, "City council, budget papers, 2019.", NOTE, [(0, "1")]),
    ], rule_spans=[(690.0, 72.0, 216.0)])
    second = Page(1, 792.0, [
        _line(60, "2. Costs"),
        _line(100, "The cut cost four million a year.", marks=[(33, "2")]),
        _line(700, "Transit authority, annual report, 2020.", NOTE, [(0, "2")]),
    ], rule_spans=[(690.0, 72.0, 216.0)])
    body, notes = split_pages([first, second], BODY)
    assert [note.label for note in notes] == ["1", "2"]
    assert notes[1].lines[0].text.startswith("Transit authority")
    assert "The cut cost four million a year." in [line.text for line in body]


def test_a_markers_table_cell_just_above_the_separator_opens_no_note():
    """A table ending right above the notes, its last row's marker set alone in a cell (a
    small raised number on a line of its own), is body: the notes start under the rule."""
    lines = [
        _line(100, "Fares fell in two towns.", marks=[(24, "1")]),
        _line(120, "Ridership rose in both.", marks=[(23, "2")]),
        _line(500, "Eastport 2019 +12%"),
        _line(500, "3", 7.0),
        _line(560, "Town council, fares decision, 2018.", NOTE, [(0, "1")]),
        _line(574, "Operator figures, 2020.", NOTE, [(0, "2")]),
        _line(588, "Eastport transit office, annual count, 2020.", NOTE, [(0, "3")]),
    ]
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=[(550.0, 72.0, 216.0)])], BODY)
    assert [note.label for note in notes] == ["1", "2", "3"]
    assert notes[0].lines[0].text.startswith("Town council")


def test_a_table_border_drawn_cell_by_cell_is_no_note_separator():
    """A browser draws a table's borders cell by cell, as touching rules at one height: under
    the header's border, a cell's line that opens with a figure the body cited as a marker
    ("6 per cent; ...", marker 6 met above) opens no note in the body's type."""
    lines = [
        _line(100, "Requests rose again in 2023.", marks=[(27, "6")]),
        _line(130, "Officer response"),
        _line(160, "The rise for a first permit is held at"),
        _line(175, "6 per cent; most of the increase falls on"),
        _line(190, "second and third permits."),
    ]
    borders = [(150.0, 72.0, 200.0), (150.0, 200.0, 380.0), (150.0, 380.0, 540.0)]
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=borders)], BODY)
    assert notes == []
    assert [line.text for line in body][-1] == "second and third permits."
    one_rule = [(150.0, 72.0, 216.0)]  # the same page with one short rule: a separator
    lines = [_line(line.top, line.text, marks=line.marks) for line in lines]
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=one_rule)], BODY)
    assert [note.label for note in notes] == ["6"]
