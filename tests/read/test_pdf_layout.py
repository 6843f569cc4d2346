"""Where a PDF page's notes begin, told from its geometry (rules, type sizes, labels)."""

from citetrack.read.pdf.layout import column_of, drop_furniture, fit_page_edges, split_pages
from citetrack.read.pdf.lines import Block, Glyph, Line, Page, page_lines

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


def test_a_number_opening_a_line_of_a_note_is_its_text_where_labels_are_raised():
    """Where every note so far opened with a raised label, a number in the notes' own type at a
    line's start ("5 October 2024).", a date wrapped from the line above) is the note's text,
    even when it is the next label: the raised 5 under it opens note 5."""
    lines = [
        _line(100, "Opening hours were cut in 2020.", marks=[(31, "1")]),
        _line(120, "Visits fell by a third.", marks=[(23, "2")]),
        _line(140, "The panel took evidence.", marks=[(24, "3")]),
        _line(600, "Council, opening hours, 2020.", NOTE, [(0, "1")]),
        _line(612, "Library statistics. Available at: https://lib.example.org/kpi.xlsx (Accessed:", NOTE, [(0, "2")]),
        _line(624, "3 October 2024).", NOTE),
        _line(636, "Evidence to the panel, 17 September 2024.", NOTE, [(0, "3")]),
    ]
    _, notes = split_pages([Page(0, 792.0, lines, rule_spans=[(590.0, 72.0, 216.0)])], BODY)
    assert [note.label for note in notes] == ["1", "2", "3"]
    assert notes[1].lines[-1].text == "3 October 2024)."


def test_a_page_of_end_notes_may_open_with_the_last_notes_next_paragraph():
    """A browser prints the notes at the end, in the body's type: a note of two paragraphs
    broken over a page goes on at the next page's top, and the next note follows it."""
    first = Page(0, 792.0, [
        _line(100, "Visits fell by a third.", marks=[(23, "1")]),
        _line(120, "Most users answered the survey.", marks=[(31, "2")]),
        _line(140, "Opening hours were cut.", marks=[(23, "3")]),
        _line(600, "1. Council, visits 2023."),
        _line(630, "2. The survey ran for six weeks. Its answers are at"),
        _line(648, "https://council.example.org/survey?format=csv."),
    ], rule_spans=[(580.0, 72.0, 216.0)])
    second = Page(1, 792.0, [
        _line(40, "Respondents chose which questions to answer."),
        _line(70, "3. Council, opening hours, 2020."),
    ], rule_spans=[])
    body, notes = split_pages([first, second], BODY)
    assert [note.label for note in notes] == ["1", "2", "3"]
    assert notes[1].lines[-1].text == "Respondents chose which questions to answer."
    assert [line.text for line in body][-1] == "Opening hours were cut."


def test_a_page_opening_with_body_text_is_no_page_of_notes():
    """Under a page that ended in its notes, body text with a marker comes first: the next
    label a few lines down ("2. Costs", a numbered heading) opens no note there."""
    first = Page(0, 792.0, [
        _line(100, "Fares were cut in 2019.", marks=[(23, "1")]),
        _line(600, "1. City council, budget papers, 2019."),
    ], rule_spans=[(580.0, 72.0, 216.0)])
    second = Page(1, 792.0, [
        _line(40, "The cut cost four million a year.", marks=[(33, "2")]),
        _line(70, "2. Costs"),
        _line(100, "Costs rose again."),
    ], rule_spans=[])
    body, notes = split_pages([first, second], BODY)
    assert [note.label for note in notes] == ["1"]
    assert [line.text for line in body][-2:] == ["2. Costs", "Costs rose again."]


def _glyphs(top: float, x: float, text: str, size: float = BODY) -> list[Glyph]:
    return [Glyph(char, x + i * size / 2, x + (i + 1) * size / 2, top, top + size, size) for i, char in enumerate(text)]


def test_a_links_underline_is_no_note_separator():
    """A browser underlines links: a rule in the lower half of a line's box, within its ends,
    is the line's underline; a rule in the blank space under the body is a separator."""
    glyphs = _glyphs(100, 72, "Data at https://data.example.org/set") + _glyphs(200, 72, "1. Council data, 2023.")
    page = page_lines([Block(glyphs)], [], [(110.0, 112.0, 250.0), (180.0, 72.0, 216.0)], 0, 792.0)
    assert page.rules == [180.0]


def test_small_notes_carried_to_a_pages_top_are_no_running_head():
    """End notes in small type going on at a later page's top run on below the top margin;
    a running head in small type is one line there, above the body."""
    def page(number: int, lines: list[Line]) -> Page:
        for line in lines:
            line.page = number
        return Page(number, 792.0, lines, rule_spans=[])

    pages = [
        page(0, [_line(100, "Tolls rose.", marks=[(11, "1")]), _line(120, "Crossings fell.", marks=[(15, "2")])]),
        page(1, [_line(30, "Bridge report", NOTE), _line(100, "Traffic is back."), _line(700, "Notes")]),
        page(2, [_line(40 + 28 * row, f"{row + 1}. Bridge office, counts {2020 + row}.", NOTE) for row in range(6)]),  # spaced apart
    ]
    drop_furniture(pages, BODY, None)
    assert [line.text for line in pages[1].lines][0] == "Traffic is back."
    assert [line.text for line in pages[2].lines][0] == "1. Bridge office, counts 2020."


def test_notes_that_begin_overleaf_under_a_separator_at_the_foot_are_notes():
    """A browser's end notes: the separator rule falls at the foot of the last body page, with
    nothing under it, and the notes, in the body's type, fill the next page from its top."""
    first = Page(0, 792.0, [
        _line(100, "Tolls were cut in spring.", marks=[(25, "1")]),
        _line(120, "Crossings rose by a fifth.", marks=[(26, "2")]),
    ], rule_spans=[(700.0, 72.0, 216.0)])
    second = Page(1, 792.0, [
        _line(40, "1. Transport ministry, press release, 2 April 2020."),
        _line(70, "2. Bridge operator, traffic counts, 2021."),
    ], rule_spans=[])
    body, notes = split_pages([first, second], BODY)
    assert [note.label for note in notes] == ["1", "2"]
    assert [line.text for line in body] == ["Tolls were cut in spring.", "Crossings rose by a fifth."]


def test_a_running_heads_rule_is_no_note_separator():
    """A book class rules its running head off the page: body lines with markers under that rule
    are body (though the page's number at its foot reads like a label met before), and the
    notes start under the real separator lower down."""
    first = Page(0, 708.0, [
        _line(100, "The board kept a ledger.", marks=[(24, "1")]),
        _line(120, "Its readers wrote twice.", marks=[(24, "2")]),
        _line(520, "Board minutes, 1952.", NOTE, [(0, "1")]),
        _line(532, "Instructions to readers, 1938.", NOTE, [(0, "2")]),
    ], rule_spans=[(511.0, 72.0, 216.0)])
    second = Page(1, 708.0, [
        _line(24, "I. The Ledger"),
        _line(62, "In 1974 the board was merged into the authority, which replaced", marks=[(48, "3")]),
        _line(76, "quarterly readings with annual ones."),
        _line(520, "Water Order 1973, art. 4.", NOTE, [(0, "3")]),
        _line(637, "2"),
    ], rule_spans=[(39.0, 72.0, 400.0), (511.0, 72.0, 216.0)])
    body, notes = split_pages([first, second], BODY)
    assert [note.label for note in notes] == ["1", "2", "3"]
    assert "quarterly readings with annual ones." in [line.text for line in body]


def test_page_numbers_above_the_foot_margin_rising_with_the_pages_are_dropped():
    """A small page (B5) sets its numbers higher than the margin zone: a lone number closing
    every page and rising with it is a page number, whatever its height."""
    pages = [
        Page(index, 708.0, [_line(100, f"Body text of page {index + 1}."), _line(600, str(index + 1))], rule_spans=[])
        for index in range(3)
    ]
    for index, page in enumerate(pages):
        for line in page.lines:
            line.page = index
    drop_furniture(pages, BODY, None)
    assert [[line.text for line in page.lines] for page in pages] == [
        ["Body text of page 1."], ["Body text of page 2."], ["Body text of page 3."]
    ]


def test_a_short_page_of_a_two_sided_layout_takes_the_edges_of_its_side():
    """A page too short to measure (a small book page full of notes) takes the edges of a
    measured page whose block starts where its lines start: its full lines are no paragraph ends."""
    lines = []
    for page, left in ((0, 100.0), (1, 150.0), (2, 100.0), (3, 150.0)):
        rows = 10 if page < 2 else 3
        lines += [_placed(page, 100.0 + 12 * row, left, left + 340.0, f"line {row}") for row in range(rows)]
    column = column_of(lines, BODY)
    fit_page_edges(lines, BODY, column)
    assert {line.frame for line in lines if line.page == 2} == {(100.0, 440.0)}
    assert {line.frame for line in lines if line.page == 3} == {(150.0, 490.0)}


def test_a_running_head_led_by_the_page_number_is_dropped():
    """A book's running head opens with the page number ("6 CHAPTER 2. THE METER"), set apart
    from the text below; chapters' first pages carry a lone number at the foot. Both rise with
    the pages and are furniture, wherever the page's margins put them."""
    pages = []
    for index in range(4):
        if index % 2:
            lines = [_line(98, f"{index + 1} CHAPTER {index}. THE METER"), _line(130, "The meter reads itself."),
                     _line(142, "It reports every quarter hour.")]
        else:
            lines = [_line(130, "The meter reads itself."), _line(142, "It reports every quarter hour."),
                     _line(490, str(index + 1))]
        for line in lines:
            line.page = index
        pages.append(Page(index, 595.0, lines, rule_spans=[]))
    drop_furniture(pages, BODY, None)
    assert all([line.text for line in page.lines] == ["The meter reads itself.", "It reports every quarter hour."] for page in pages)


def test_a_page_number_in_the_body_type_under_the_notes_leaves_them_notes():
    """A one-page note numbered `1` at its foot in the body's type, under notes in smaller
    type: no repetition shows the number as furniture, yet the notes above it are notes."""
    lines = [
        _line(100, "The footbridge has been closed since March.", marks=[(45, "1")]),
        _line(120, "The owner says the girders are worn.", marks=[(36, "2")]),
        _line(600, "1 Rail operator, closure notice, 28 February 2025.", NOTE),
        _line(614, "2 Letter to the town council, 2 April 2025.", NOTE),
        Line(0, 700.0, 712.0, 300.0, 306.0, BODY, "1", []),
    ]
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=[])], BODY)
    assert [note.label for note in notes] == ["1", "2"]
    assert [line.text for line in body] == ["The footbridge has been closed since March.", "The owner says the girders are worn."]


def _at(page: int, top: float, text: str, marks=None) -> Line:
    return Line(page, top, top + BODY, 72.0, 540.0, BODY, text, list(marks or []))


def test_notes_in_the_body_type_set_off_by_a_wide_gap_without_a_rule_are_notes():
    """A class that sets notes as large as the text, with no rule: each note opens with its
    raised label, the notes stand well below the body's last line, and the second page opens
    its notes with the rest of the note carried over from the first."""
    first = [
        _at(0, 100, "The footbridge has been closed since March.", [(45, "1")]),
        _at(0, 115, "It carried two thousand people a day to the station."),
        _at(0, 130, "The owner says the girders are worn out."),
        _at(0, 145, "Yet the inspection advised strengthening them.", [(46, "2")]),
        _at(0, 190, "Rail operator, closure notice, 28 February 2025.", [(0, "1")]),
        _at(0, 209, "Letter from the operator to the town council, 2 April", [(0, "2")]),
        _at(0, 224, "2025, published in the council's papers for"),
    ]
    second = [
        _at(1, 100, "Volunteers counted people crossing the tracks.", [(47, "3")]),
        _at(1, 115, "Strengthening would cost less than one accident."),
        _at(1, 130, "It should be done this year."),
        _at(1, 400, "14 April 2025, item 9."),
        _at(1, 419, "Walking forum, street count, 17 June 2025.", [(0, "3")]),
    ]
    body, notes = split_pages([Page(0, 595.0, first, rule_spans=[]), Page(1, 595.0, second, rule_spans=[])], BODY)
    assert [note.label for note in notes] == ["1", "2", "3"]
    assert [line.text for line in notes[1].lines][-1] == "14 April 2025, item 9."
    assert [line.text for line in body][-1] == "It should be done this year."
    assert "Yet the inspection advised strengthening them." in [line.text for line in body]


def test_a_body_line_opening_with_a_marker_after_a_paragraph_gap_is_no_note():
    """A marker the body sets at the head of a line after a paragraph's gap, with body text and
    markers under it, opens no note: every line under a note zone's first label is a note's."""
    lines = [
        _at(0, 100, "The footbridge has been closed since March.", [(45, "1")]),
        _at(0, 115, "It carried two thousand people a day."),
        _at(0, 130, "The owner says the girders are worn out."),
        _at(0, 175, "Yet the inspection advised strengthening them.", [(0, "1")]),
        _at(0, 190, "The council asked for a second survey.", [(38, "2")]),
    ]
    body, notes = split_pages([Page(0, 595.0, lines, rule_spans=[])], BODY)
    assert notes == []
    assert len(body) == 5


def test_notes_run_on_in_one_paragraph_are_cut_at_their_raised_labels():
    """`footmisc` with `para` runs a page's notes on in one paragraph: a raised label inside a
    note's line, the one after the note's own, opens the next note there."""
    lines = [
        _line(100, "The footbridge has been closed since March.", marks=[(45, "1")]),
        _line(120, "The inspection advised strengthening it.", marks=[(40, "2")]),
        _line(140, "Volunteers counted people on the tracks.", marks=[(41, "3")]),
        _line(600, "Rail operator, closure notice. Letter to the council,", NOTE, [(0, "1"), (31, "2")]),
        _line(612, "2 April 2025. Ibid., appendix B. Walking forum, count.", NOTE, [(14, "3")]),
    ]
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=[(590.0, 72.0, 216.0)])], BODY)
    assert [(note.label, " ".join(line.text for line in note.lines)) for note in notes] == [
        ("1", "Rail operator, closure notice."),
        ("2", "Letter to the council, 2 April 2025."),
        ("3", "Ibid., appendix B. Walking forum, count."),
    ]


def _cell_line(top: float, text: str, column: tuple[float, float], row: int, marks=None) -> Line:
    """A line of a table's cell (`Line.cell`: the cell's left and right edges, its row's top and
    the row) set in small type, as LaTeX sets a `longtable` in `\\small`."""
    line = Line(0, top, top + NOTE, column[0], column[1], NOTE, text, list(marks or []))
    line.cell = (column[0], column[1], 540.0, row)
    return line


def test_a_table_s_numbered_rows_in_small_type_at_the_page_s_foot_are_no_notes():
    """A table in small type reaching the page's foot, its rows numbered 1, 2 (`1` / `Pier A` /
    `The deck was mended.` on one row, the cell lines of a column read one under another):
    the cells are body however small their type, so a row's number is no note's label, and
    the notes under it keep theirs, in one series."""
    number, pier, found = (72.0, 90.0), (100.0, 160.0), (170.0, 540.0)
    lines = [
        _line(100, "The board inspected its piers.", marks=[(30, "1")]),
        _cell_line(560, "1", number, 1),
        _cell_line(560, "Pier A", pier, 1),
        _cell_line(560, "The deck was mended.", found, 1, marks=[(20, "2")]),
        _cell_line(574, "2", number, 2),
        _cell_line(574, "Pier B", pier, 2),
        _cell_line(574, "The piles were sound.", found, 2),
        _line(640, "Harbour Board, Annual report, 2024.", 9.0, [(0, "1")]),
        _line(652, "Harbour Board, Pier report A, 2024.", 9.0, [(0, "2")]),
    ]
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=[])], BODY)
    assert [(note.label, note.series) for note in notes] == [("1", 1), ("2", 1)]
    assert "The deck was mended." in [line.text for line in body]


def test_notes_in_two_columns_taken_for_a_table_s_cells_stay_notes():
    """Notes set in two columns at the page's foot line up as a table's cells do, and the table
    finder may mark them so (`Line.cell`); a row where a line opens with a raised label is
    notes, not a table's row."""
    left, right = (72.0, 300.0), (310.0, 540.0)
    lines = [
        _line(100, "The board inspected its piers.", marks=[(30, "1")]),
        _line(120, "It mended two decks.", marks=[(20, "2")]),
        _cell_line(640, "Harbour Board, Annual report, 2024.", left, 0, marks=[(0, "1")]),
        _cell_line(640, "Harbour Board, Pier report A, 2024.", right, 0, marks=[(0, "2")]),
        _cell_line(652, "https://board.example.org/annual.", left, 1),
    ]
    for line in lines[2:]:
        line.size = 8.0
    body, notes = split_pages([Page(0, 792.0, lines, rule_spans=[])], BODY)
    assert [note.label for note in notes] == ["1", "2"]
    assert [line.text for line in body] == ["The board inspected its piers.", "It mended two decks."]
