"""Tables over pages: repeated header rows dropped, cells cut by a page break rejoined."""

from citetrack.read.pdf.lines import Line, Page
from citetrack.read.pdf.tables import carry_cut_cells, drop_repeated_heads

NAME = (72.0, 180.0)  # two columns of a table, as `Line.frame`
CHANGES = (300.0, 460.0)


def _line(page: int, top: float, x0: float, text: str, frame=None) -> Line:
    return Line(page, top, top + 10, x0, x0 + 6 * len(text), 12.0, text, [], frame=frame)


def _texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def test_a_header_row_printed_again_on_the_next_page_is_dropped_there_only():
    first = Page(0, 842, [_line(0, 70, 72, "Ship", NAME), _line(0, 70, 300, "Changes", CHANGES),
                          _line(0, 90, 300, "and", CHANGES)], [])
    second = Page(1, 842, [_line(1, 70, 72, "Ship", NAME), _line(1, 70, 300, "Changes", CHANGES),
                           _line(1, 90, 300, "and", CHANGES)], [])
    drop_repeated_heads([first, second])
    assert _texts(first.lines) == ["Ship", "Changes", "and"]
    assert _texts(second.lines) == []  # the whole page repeats the first: all of it is the head


def test_a_repeated_line_below_the_first_new_row_stays():
    first = Page(0, 842, [_line(0, 70, 72, "Ship", NAME), _line(0, 110, 300, "and", CHANGES)], [])
    second = Page(1, 842, [_line(1, 70, 72, "Ship", NAME), _line(1, 90, 300, "hull plates", CHANGES),
                           _line(1, 110, 300, "and", CHANGES)], [])
    drop_repeated_heads([first, second])
    assert _texts(second.lines) == ["hull plates", "and"]


def test_a_cell_that_ends_its_sentence_at_the_page_foot_is_not_carried_on():
    lines = [
        _line(0, 500, 300, "new seats.", CHANGES),
        _line(1, 90, 72, "Vessel 5", NAME),
        _line(1, 90, 300, "Radar upgraded", CHANGES),
    ]
    assert _texts(carry_cut_cells(lines, 14.0)) == ["new seats.", "Vessel 5", "Radar upgraded"]


def test_a_cell_cut_mid_sentence_goes_on_before_the_next_pages_other_cells():
    lines = [
        _line(0, 500, 300, "A sheltered", CHANGES),
        _line(1, 90, 72, "Vessel 12", NAME),
        _line(1, 90, 300, "walkway to the", CHANGES),
        _line(1, 104, 300, "pier.", CHANGES),
        _line(1, 140, 300, "Toilets rebuilt", CHANGES),
    ]
    assert _texts(carry_cut_cells(lines, 14.0)) == [
        "A sheltered", "walkway to the", "pier.", "Vessel 12", "Toilets rebuilt",
    ]


def test_a_page_of_prose_after_a_cut_sentence_is_left_in_its_order():
    lines = [
        _line(0, 500, 72, "the crossing links", None),
        _line(1, 90, 72, "the two towns.", None),
        _line(1, 104, 72, "Fares rose.", None),
    ]
    assert _texts(carry_cut_cells(lines, 14.0)) == ["the crossing links", "the two towns.", "Fares rose."]


def test_two_text_columns_go_on_at_the_top_of_the_first_column():
    """In a two-column layout, a sentence cut at the foot of the right column goes on at the
    top of the next page's left column, which runs beside the right one for its whole length."""
    left, right = (56.0, 295.0), (302.0, 540.0)
    lines = [
        _line(0, 560, 302, "The short, frequent", right),
        _line(1, 58, 56, "crossings suit batteries,", left),
        _line(1, 70, 56, "since each leg is short.", left),
        _line(1, 58, 302, "The ferries charge at", right),
        _line(1, 70, 302, "each pier in ten minutes.", right),
    ]
    assert _texts(carry_cut_cells(lines, 12.0)) == _texts(lines)


def test_a_ruled_header_row_repeated_higher_on_the_next_page_is_dropped_there():
    """The first page's header stands under the text before the table; on the next page it is
    printed at the top, elsewhere: in ruled cells its text in the same columns makes it a repeat,
    even when the columns' edges moved by a point."""
    name, changes = (67.0, 145.0, 200.0, 0), (301.0, 535.0, 200.0, 0)
    first = Page(0, 842, [_line(0, 200, 72, "Ship name"), _line(0, 200, 306, "Changes"),
                          _line(0, 220, 306, "New hull paint")], [])
    for line, cell in zip(first.lines, (name, changes, changes)):
        line.cell = cell
    second = Page(1, 842, [_line(1, 72, 72, "Ship name"), _line(1, 72, 306, "Changes"),
                           _line(1, 92, 306, "season.")], [])
    for line, cell in zip(second.lines, ((66.0, 144.0, 70.0, 0), (300.0, 535.0, 70.0, 0), (300.0, 535.0, 70.0, 1))):
        line.cell = cell
    drop_repeated_heads([first, second])
    assert _texts(first.lines) == ["Ship name", "Changes", "New hull paint"]
    assert _texts(second.lines) == ["season."]
