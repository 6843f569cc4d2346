"""Tables in `pdftotext -layout` text rewritten cell by cell (citetrack.read.layout_tables).

The pages are typed here as pdftotext -layout prints tables: every printed line runs across
the columns, a word processor's rows top-aligned, a browser's cells centred in their rows.
"""

from __future__ import annotations

from citetrack.read import parse_text
from citetrack.read.layout_tables import unfold_tables

INTRO = (
    "The survey of the four harbours was made in the spring by the two engineers who had\n"
    "measured them ten years before, and the quay walls, the entrance channels and the\n"
    "berths were measured again in the same order, so that the figures can be compared;\n"
    "what it found at each harbour is shown below, with the follow-up that was agreed."
)
TOP_ALIGNED = """\
Harbour            Berths             Finding               Follow-up
Eastport           Twelve berths The quay wall was          Repairs were
                                  found cracked along       booked for the
                                  its northern end.1        autumn.
Westhaven          Six berths    Silt had narrowed the      None was needed.2
                                  entrance channel by
                                  a third.
Old Mill           Four berths   Nothing was found.        Dredging goes on
                                                            every second
                                                            year.3
"""
CENTRED = """\
      Harbour              Berths            Finding                Follow-up
                                        The quay wall was
                                                                 Repairs were booked
                                        found cracked along
 Eastport             Twelve berths                              for the autumn.
                                        its northern end.1
                                        Silt had narrowed the
 Westhaven            Six berths                                 None was needed.2
                                        entrance channel by
                                        a third.
 Old Mill             Four berths       Nothing was found.       Dredging goes on.
                                        The harbour wall was     The wall is to be
 Northgate            Nine berths
                                        sound all round.         watched yearly.
"""


def _page(table: str) -> str:
    return f"{INTRO}\n\n{table}\nThe harbour master will repeat the survey in two years.\n"


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def test_top_aligned_rows_are_read_cell_by_cell():
    paragraphs = _paragraphs(unfold_tables(_page(TOP_ALIGNED)))
    assert paragraphs[0] == " ".join(INTRO.split())
    assert paragraphs[1:5] == ["Harbour", "Berths", "Finding", "Follow-up"]
    assert "The quay wall was found cracked along its northern end.1" in paragraphs
    assert "Repairs were booked for the autumn." in paragraphs
    assert "Silt had narrowed the entrance channel by a third." in paragraphs
    assert "Dredging goes on every second year.3" in paragraphs
    # a row's cells in order, although "Twelve berths The quay wall" shares one run of text
    assert paragraphs.index("Twelve berths") + 1 == paragraphs.index("The quay wall was found cracked along its northern end.1")
    assert paragraphs[-1] == "The harbour master will repeat the survey in two years."


def test_cells_centred_in_their_rows_are_read_whole():
    """A browser centres cells: a short cell sits beside the middle of a tall one, and
    pdftotext gives lines half a line apart lines of their own."""
    paragraphs = _paragraphs(unfold_tables(_page(CENTRED)))
    assert "The quay wall was found cracked along its northern end.1" in paragraphs
    assert "Repairs were booked for the autumn." in paragraphs
    assert "Silt had narrowed the entrance channel by a third." in paragraphs
    assert {"Eastport", "Twelve berths", "Westhaven", "Six berths", "None was needed.2"} <= set(paragraphs)


def test_each_cell_sentence_is_its_footnote_claim():
    for table, markers in ((TOP_ALIGNED, 3), (CENTRED, 2)):
        notes = "\n".join(
            f"{number}\n Harbour Office, “Survey sheet {number}”, 2023, https://harbours.example.org/survey/{number}."
            for number in range(1, markers + 1)
        )
        parsed = parse_text(_page(table) + "\n\n" + notes + "\n")
        claims = {label: claim.text for claim in parsed.claims for label in claim.labels}
        assert claims["1"] == "The quay wall was found cracked along its northern end."
        assert claims["2"] == "None was needed."
        assert [note.label for note in parsed.notes] == [str(number) for number in range(1, markers + 1)]


def test_figures_stay_with_their_row_and_a_note_label_below_is_left_alone():
    page = """\
Measure                                   2021        2023
Ships calling at the harbour             1,240       1,410
Share of ships waiting for a              18%         11%
berth more than a day
Average stay (hours)4                    31.5        27.0
    4
      Harbour Office, yearly figures, https://harbours.example.org/figures.
"""
    paragraphs = _paragraphs(unfold_tables(page))
    assert "Ships calling at the harbour 1,240 1,410" in paragraphs
    assert "Share of ships waiting for a berth more than a day 18% 11%" in paragraphs
    assert "Average stay (hours)4 31.5 27.0" in paragraphs
    assert paragraphs[-1] == "4 Harbour Office, yearly figures, https://harbours.example.org/figures."


def test_short_tokens_such_as_n_a_still_open_a_row():
    page = """\
Harbour        Opened         Berths      Change
Eastport       1911           12          +2 since the
                                          last survey
Westhaven      1887           6           n/a
Old Mill       1902           4           -1 after the
                                          storm
"""
    paragraphs = _paragraphs(unfold_tables(page))
    assert "+2 since the last survey" in paragraphs
    assert "-1 after the storm" in paragraphs
    assert "Westhaven 1887 6" in paragraphs and "n/a" in paragraphs


def test_prose_justified_with_runs_of_spaces_is_not_a_table():
    page = """\
The  survey  of  the  four  harbours  was  made  in  the  spring,  and  the  quay
walls,   the   entrance   channels   and   the   berths   were   measured   again
by  the  same  two  engineers  who  had  measured  them  ten  years  before,  so
that  the  figures  of  both  surveys  can  be  compared  line  by  line  below.
"""
    assert unfold_tables(page) == page


def test_a_table_of_one_line_cells_is_left_as_it_is():
    page = """\
Harbour            Berths        Depth (m)      Opened
Eastport           12            8.5            1911
Westhaven          6             4.0            1887
Old Mill           4             3.2            1902
"""
    assert unfold_tables(page) == page


def test_more_columns_than_a_printed_table_has_is_no_table():
    """Text spaced into dozens of aligned columns (a hostile or machine-made file) is left as it is."""
    line = "  ".join(["ab"] * 40)
    page = "\n".join([line, "      going on here", line, "      and going on", line]) + "\n"
    assert unfold_tables(page) == page


CENTRED_FIGURES = """\
      Harbour          Finding                  Remark               Boats
                                                Counted again after
 Eastport              Wall cracked.1           the spring tides of  12
                                                that year.2
                                                Fewer berths were
 Westhaven             Channel silted.          usable after the     6
                                                winter storm.3
 Old Mill              Nothing found.           None.                4
"""


def test_centred_rows_keep_their_markers_in_order_and_figures_off_a_cells_end():
    """A taller cell starts above its row's other cells: the row is still read left to right
    (marker 1 before marker 2), and a row's figures never follow a cell ending in a marker."""
    paragraphs = _paragraphs(unfold_tables(_page(CENTRED_FIGURES)))
    assert paragraphs.index("Wall cracked.1") < paragraphs.index("Counted again after the spring tides of that year.2")
    assert any(paragraph.endswith("usable after the winter storm.3") for paragraph in paragraphs)
    notes = "\n".join(
        f"{number}\n Harbour Office, “Survey sheet {number}”, 2023, https://harbours.example.org/survey/{number}."
        for number in (1, 2, 3)
    )
    parsed = parse_text(_page(CENTRED_FIGURES) + "\n\n" + notes + "\n")
    claims = {label: claim.text for claim in parsed.claims for label in claim.labels}
    assert claims == {
        "1": "Wall cracked.",
        "2": "Counted again after the spring tides of that year.",
        "3": "Fewer berths were usable after the winter storm.",
    }


ROW_NUMBERED = """\
No.  Harbour        Berths   Finding
3    Eastport       12       The quay wall was found cracked
                             along its northern end.3
4    Westhaven      16       Silt had narrowed the entrance
                             channel by a third.4
5    Old Mill       14       Nothing was found.
     Quay
6    Northgate      19       The harbour wall was sound all
                             round, and the lights worked.5
7    Saltness       23       The slipway was rebuilt in 2022.
     Slip
"""


def test_a_column_numbering_the_rows_gives_no_note_labels():
    """A first column numbering the rows (3, 4, 5... each a line or two apart) on a page whose
    notes are printed later (LaTeX sets a long table's notes after it): the row numbers are
    no labels, so notes 3 to 5 keep their own text and the cells' sentences cite them."""
    first = (
        "The harbours were surveyed in the spring.1 The engineers used the old method.2\n"
        + "\n".join([INTRO] * 2)
        + "\n\n    1\n      Harbour Office, survey plan, 2023, https://harbours.example.org/plan.\n"
        "    2\n      Harbour Office, method note, 2013, https://harbours.example.org/method.\n"
    )
    second = f"{ROW_NUMBERED}\n"
    third = (
        "The harbour master will repeat the survey in two years.6\n"
        + INTRO
        + "\n\n    3\n      Eastport survey sheet, 2023, https://harbours.example.org/sheets/eastport.\n"
        "    4\n      Westhaven survey sheet, 2023, https://harbours.example.org/sheets/westhaven.\n"
        "    5\n      Northgate survey sheet, 2023, https://harbours.example.org/sheets/northgate.\n"
        "    6\n      Harbour Office, survey calendar, https://harbours.example.org/calendar.\n"
    )
    parsed = parse_text(f"{first}\f{second}\f{third}")
    found = {note.label: note.text for note in parsed.notes}
    assert sorted(found, key=int) == ["1", "2", "3", "4", "5", "6"]
    assert found["3"] == "Eastport survey sheet, 2023, https://harbours.example.org/sheets/eastport."
    assert found["5"] == "Northgate survey sheet, 2023, https://harbours.example.org/sheets/northgate."
    claims = {label: claim.text for claim in parsed.claims for label in claim.labels}
    assert claims["4"] == "Silt had narrowed the entrance channel by a third."
    assert claims["5"] == "The harbour wall was sound all round, and the lights worked."


def test_whole_numbers_on_lines_apart_in_one_column_are_cells_of_their_own():
    """Row numbers one line apart are two cells, not one cell of two lines (`9` then `10`)."""
    paragraphs = _paragraphs(unfold_tables(_page(ROW_NUMBERED)))
    assert "Eastport 12" in paragraphs and "Westhaven 16" in paragraphs
    assert not any(paragraph.split()[0].isdigit() for paragraph in paragraphs)
