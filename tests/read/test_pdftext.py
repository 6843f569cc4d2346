"""Text copied out of a PDF with plain-digit markers and lone labels (`citetrack.read.pdftext`).

Each layout below is one `pdftotext` gave for a real renderer (LibreOffice notes with a label
on its own line, above or below the note; notes in mid-page; URLs broken across lines), with
text written for these tests.
"""

import textwrap

import pytest

from citetrack.read import parse_text
from citetrack.read.pdftext import _restore_url_hyphens, join_note_lines, normalise_plain


def doc(text: str, markers: str = "auto"):
    return parse_text(textwrap.dedent(text).strip("\n"), "t.txt", markers)


def links(parsed) -> dict[str, str]:
    return {label: claim.text for claim in parsed.claims for label in claim.labels}


def _only_note(claim: str, filler: str, note: str):
    """The one note of a text: a sentence citing note 1, six lines of `filler` (they set the
    usual width of a line), then note 1 under its label (`note` as printed, its lines ending
    in newlines)."""
    body = "\n".join([filler] * 6)
    (only,) = doc(f"{claim}1\n{body}\n\n1\n\n{note}").notes
    return only


def notes(parsed) -> dict[str | None, str]:
    return {note.label: note.text for note in parsed.notes}


PAGE_LABELS_BELOW = """\
    The river authority counted 1,200 boats in 2019 on a basin of 40 km2.1 Its G7
    partners copied the count a year later.2 After COVID-19 the counting stopped
    for two seasons, and version 2.4 of the survey form was withdrawn.3 The
    wardens went on writing their logs by hand, as they had done since the
    Harbour Office, “Boat count,” Lakeside Gazette, 3 March 2020, accessed 5 May
    2021, https://gazette.example.org/boats/2019-count.
    1
    Delta Trust, “Copying the count,” 2020.
    2
    ibid.
    3
    \f
    first charter of the harbour was signed.
    """


def test_labels_below_their_notes_and_plain_markers_by_the_sequence():
    parsed = doc(PAGE_LABELS_BELOW)
    assert parsed.markers == ("1", "2", "3")
    assert notes(parsed) == {
        "1": "Harbour Office, “Boat count,” Lakeside Gazette, 3 March 2020, accessed 5 May 2021, "
        "https://gazette.example.org/boats/2019-count.",
        "2": "Delta Trust, “Copying the count,” 2020.",
        "3": "ibid.",
    }
    claims = links(parsed)
    assert claims["1"] == "The river authority counted 1,200 boats in 2019 on a basin of 40 km2."
    assert claims["2"] == "Its G7 partners copied the count a year later."
    # the paragraph cut by the page's notes goes on after them
    assert "by hand, as they had done since the first charter of the harbour was signed." in " ".join(parsed.body.split())


def test_labels_above_below_and_two_notes_between_two_labels():
    """A label before its note, then one after: the stretch between holds two notes."""
    parsed = doc(
        """\
        Ferries were slow that winter.1 Tickets cost more.2 The pier was closed.3

        1

        https://ferries.example.org/winter-report/
        WinterReport.html#delays
        https://tickets.example.net/prices?year=2021&route=north
        2

        3

        Pier Committee, “Closing the pier,” 4 April 2021.
        """
    )
    assert notes(parsed) == {
        "1": "https://ferries.example.org/winter-report/WinterReport.html#delays",
        "2": "https://tickets.example.net/prices?year=2021&route=north",
        "3": "Pier Committee, “Closing the pier,” 4 April 2021.",
    }
    assert links(parsed)["3"] == "The pier was closed."


def test_an_empty_note_keeps_its_label_and_the_next_note_its_own():
    parsed = doc(
        """\
        The mill burned in 1902.1 It was rebuilt.2 A museum opened there.3

        "Mill fire". County Herald. 1902.
        1

        2

        "Rebuilt mill". County Herald. 1905.
        3
        """
    )
    assert notes(parsed) == {"1": '"Mill fire". County Herald. 1902.', "2": "", "3": '"Rebuilt mill". County Herald. 1905.'}


def test_notes_set_in_mid_page_leave_the_body_after_them():
    parsed = doc(
        """\
        Here is the map, as the survey printed it in its appendix.4
        Survey Team, “Appendix maps,” 2018, https://survey.example.org/maps.
        4

        The map shows two harbours and a canal between them.
        """.replace("4", "1")
    )
    assert notes(parsed) == {"1": "Survey Team, “Appendix maps,” 2018, https://survey.example.org/maps."}
    assert parsed.body.endswith("The map shows two harbours and a canal between them.")


def test_glued_runs_spaced_markers_and_a_lost_marker():
    """"Asylum456" is markers 4, 5, 6 where 4 is due; "closed. 7" after a sentence's end is one
    too; the sequence picks up again after a marker the text garbled."""
    lines = ["A hall was built.1 A school followed.2 The court sat there.3",
             "The Asylum456 was the largest building of the town. It closed. 7",
             "Then came the railway, lost here, and the station.9 A tram came last.10", ""]
    for label in range(1, 11):
        lines += ["", str(label), "", f"Town Records, item {label}, https://records.example.org/{label}."]
    parsed = doc("\n".join(lines))
    assert parsed.markers == ("1", "2", "3", "4", "5", "6", "7", "9", "10")
    assert links(parsed)["5"] == "The Asylum was the largest building of the town."
    assert links(parsed)["10"] == "A tram came last."


def test_page_numbers_are_not_labels():
    pages = []
    for page in range(1, 4):
        pages.append(f"A line of the body on page {page} with a claim.{page}\n\nSource {page}, https://s.example.org/{page}.\n{page}\n\n{page + 10}")
    parsed = doc("\f".join(pages))
    assert [note.label for note in parsed.notes] == ["1", "2", "3"]
    assert parsed.markers == ("1", "2", "3")


def test_a_url_hyphen_dropped_by_the_extraction_is_put_back():
    """pdftotext joins "…/how-to-" and "read.html" into one overlong line, dropping the hyphen."""
    filler = "The archive keeps the letters of the harbour masters in boxes by year." * 1
    note = _only_note(
        "The letters explain how to read the old tide tables.", filler,
        "Keeper's Notes, “How to read tide tables”,\n"
        "https://keepers.example.org/articles/2014/tide-tables-explained-how-toread.html\n"
    )
    assert "https://keepers.example.org/articles/2014/tide-tables-explained-how-to-read.html" in note.text


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["Atlas, https://atlas.example.org/a/b/", "FinalMap.html#north"], "Atlas, https://atlas.example.org/a/b/FinalMap.html#north"),
        (["See https://x.example.org/reports/annual", "_2021.pdf."], "See https://x.example.org/reports/annual_2021.pdf."),
        (["https://news.example.com/2020/story.", "html?id=4 Retrieved 2021."], "https://news.example.com/2020/story.html?id=4 Retrieved 2021."),
        (["https://news.example.com/2020/story.html", "Retrieved 2021."], "https://news.example.com/2020/story.html Retrieved 2021."),
        (["Harbour News, 2020,", "https://news.example.com/a"], "Harbour News, 2020, https://news.example.com/a"),
        # LaTeX's breaks as -layout keeps them: after the scheme's colon, after a kept hyphen or
        # underscore, at the dot before the top-level domain
        (["Tide survey, 2021, https:", "//tides.example.org/survey.pdf."], "Tide survey, 2021, https://tides.example.org/survey.pdf."),
        (["at https://tides.example.org/the-", "long-survey-of-tides, and"], "at https://tides.example.org/the-long-survey-of-tides, and"),
        (["https://tides.example.org/files/Plan_", "Tides_final.pdf."], "https://tides.example.org/files/Plan_Tides_final.pdf."),
        (["Network, https://tidewatch.", "org/gauges/ (accessed 2024)."], "Network, https://tidewatch.org/gauges/ (accessed 2024)."),
        # xelatex stretches a URL's breakpoints on a justified line; -layout shows the stretch as spaces
        (["https://tides.example.org/long- term- tide-", "records- since- 1900/. Archived."], "https://tides.example.org/long-term-tide-records-since-1900/. Archived."),
        (["https://tides.example.org/high-", "water and low water."], "https://tides.example.org/high-water and low water."),
        # LibreOffice breaks a long URL anywhere, even inside its file ending or after a slash
        (["https://tides.example.org/bulletins/20211104.ht", "ml"], "https://tides.example.org/bulletins/20211104.html"),
        (["https://tides.example.org/files/gauge-survey.pd", "f Retrieved May 3, 2021."], "https://tides.example.org/files/gauge-survey.pdf Retrieved May 3, 2021."),
        (["https://tides.example.org/static/app.js", "on 3 May 2021."], "https://tides.example.org/static/app.js on 3 May 2021."),
        (["https://tides.example.org/news/high-water/", "story40217 Retrieved 2021."], "https://tides.example.org/news/high-water/story40217 Retrieved 2021."),
        (["https://tides.example.org/news/", "G20 harbour talks."], "https://tides.example.org/news/ G20 harbour talks."),
        (["https://archive.example.org/web/2014/http://www.tides.example.org/", "original-tide-tables."],
         "https://archive.example.org/web/2014/http://www.tides.example.org/original-tide-tables."),
        (["https://tides.example.org/search/Harbour+tide+tab", "les+2020/index.html"], "https://tides.example.org/search/Harbour+tide+tables+2020/index.html"),
        (["https://tides.example.org/news/", "COVID-19 closed the harbour."], "https://tides.example.org/news/ COVID-19 closed the harbour."),
        # ... inside an id's digits and commas, after an underscore or in a long number
        (["https://tides.example.org/specials/0,2233,1477210_1477215_", "1477290,00.html Retrieved 2013."],
         "https://tides.example.org/specials/0,2233,1477210_1477215_1477290,00.html Retrieved 2013."),
        (["https://tides.example.org/articles/TD1000142405274870355800", "4417"], "https://tides.example.org/articles/TD10001424052748703558004417"),
        (["https://tides.example.org/articles/10001424052748", "2013."], "https://tides.example.org/articles/10001424052748 2013."),
        # xelatex breaks a URL anywhere: inside an archived URL's scheme, after a DOI's slash
        (["Archived 2019. https://archive.example.org/web/20190916/h", "ttps://tides.example.org/gauges/ Retrieved 2024."],
         "Archived 2019. https://archive.example.org/web/20190916/https://tides.example.org/gauges/ Retrieved 2024."),
        (["Tide Quarterly, 15(4), 37–39. https://doi.org/10.5555/", "tq.2020.15.4.37"], "Tide Quarterly, 15(4), 37–39. https://doi.org/10.5555/tq.2020.15.4.37"),
        (["Tide Review, 8(1), 1–27. ht", "tps://doi.org/10.5555/tr.2021.8"], "Tide Review, 8(1), 1–27. https://doi.org/10.5555/tr.2021.8"),
        (["Tide Review, 8(1), 1–27. https://doi.org/10.5555/tr.", "2021.8.1.1"], "Tide Review, 8(1), 1–27. https://doi.org/10.5555/tr.2021.8.1.1"),
        (["See https://tides.example.org/tr.", "2021.8 was the year."], "See https://tides.example.org/tr. 2021.8 was the year."),
        # and stretches its hyphens on a justified line, up to the line's end
        (["Board, https://www.exam", "ple.org/tides- research/tables/tide_2022_high- water- and-", "low.pdf."],
         "Board, https://www.example.org/tides-research/tables/tide_2022_high-water-and-low.pdf."),
        (["Board, https://tides.example.org/news/board-calls-", "for- clarity- on- tide- gauge- safety; Harbour Trust,"],
         "Board, https://tides.example.org/news/board-calls-for-clarity-on-tide-gauge-safety; Harbour Trust,"),
        # a query cut after its `=` (no URL ends there), a year cut before its zero
        (["Register, https://tides.example.gov/firm?id=TB400&tab=", "returns; Harbour Trust."],
         "Register, https://tides.example.gov/firm?id=TB400&tab=returns; Harbour Trust."),
        (["Returns, https://tides.example.org/returns/2", "023."], "Returns, https://tides.example.org/returns/2023."),
        (["Returns, https://tides.example.org/returns/2", "2024 was the year."], "Returns, https://tides.example.org/returns/2 2024 was the year."),
        # a URL whose `#` the author escaped inside `\url` (LaTeX prints the backslash)
        (["Tide Office, How it works, https://tides.example.org/how-it-wor", "ks\\#gauges."],
         "Tide Office, How it works, https://tides.example.org/how-it-works\\#gauges."),
        # a path's last part in lower case alone on the note's last line, after a slash
        (["Order 2023, https://laws.example.gov/tides/2023/412/", "made."], "Order 2023, https://laws.example.gov/tides/2023/412/made."),
        (["Order 2023, https://laws.example.gov/tides/2023/412/", "made in May."], "Order 2023, https://laws.example.gov/tides/2023/412/ made in May."),
    ],
)
def test_note_lines_rejoin_broken_urls(lines, joined):
    assert join_note_lines(lines) == joined


def test_the_marker_style_option_overrides_the_choice():
    text = """\
        The dam held in 2019.1 The canal silted up.2

        1 Water Board, https://water.example.org/dam.

        2 Canal Trust, https://canal.example.org/silt.
        """
    assert doc(text).markers == ("1", "2")
    assert doc(text, markers="caret").markers == ()
    with pytest.raises(ValueError):
        doc(text, markers="roman")


def test_numbers_that_are_no_markers_stay_text():
    """Years, units, names and versions glued like markers are kept when no note carries them."""
    parsed = doc(
        """\
        The G7 met in 2019. CO2 rose by 4%. A 40 km2 park and the A380 plane.
        Version 2.4 came out.1 Nothing else here has a note.

        1

        Release notes, https://release.example.org/2.4.
        """
    )
    assert parsed.markers == ("1",)
    assert "The G7 met in 2019. CO2 rose by 4%. A 40 km2 park and the A380 plane." in parsed.body


def test_a_number_in_a_compound_is_no_marker_though_labels_run_there():
    """`a 0.3-metre telescope` before marker 1: its 3 is within the markers' reach (notes 1 to 4
    exist) but a number joined to a word by a hyphen is no marker; the markers after it are."""
    parsed = doc(
        """\
        The dome houses a 0.3-metre refractor and, since 2016, a 0.6-metre reflector
        used for public evenings.1 The heath around it became a reserve in 2021.2
        The refractor was bought in 1909 for £310.3 The dome opened in 1911.4
        1 Astronomical Society, “About”, https://astro.example.org/about.
        2 Dark-Sky Register, “Beacon Knoll”, https://darksky.example.org/knoll.
        3 Penhallow 1961, p. 4.
        4 Penhallow 1961, p. 12.
        """
    )
    assert parsed.markers == ("1", "2", "3", "4")
    assert links(parsed)["1"].startswith("The dome houses a 0.3-metre refractor")


def test_numbered_paragraphs_numbers_are_no_markers():
    """A council report's numbered paragraphs (`1.1 In June…`, `1.2 The panel…`): the number after
    the paragraph number's point is no marker, though notes 1 and 2 exist; the markers are later."""
    parsed = doc(
        """\
        1. Purpose of the review
        1.1 In June 2024 the panel agreed to review the opening hours of the libraries,
        which were cut by 96 hours a week in April 2020.1 It asked who was affected.
        1.2 The panel took evidence at three meetings and received 1,186 survey responses.2

        Notes
        1. Borough Council, “Budget report 2020”, https://council.example.gov/budget-2020.
        2. Communities Scrutiny Panel, survey results, 2024.
        """
    )
    assert parsed.markers == ("1", "2")
    assert links(parsed)["1"].endswith("which were cut by 96 hours a week in April 2020.")


def test_a_version_opening_a_line_keeps_the_marker_glued_to_it():
    """`12.3 The…` at a line's head is version 12 and marker 3 (a German version table had
    `52.74 Die`): with no `12.2` or `12.4` opening another line it is no numbered paragraph."""
    parsed = doc(
        """\
        The extended support line began in 2017.1 It was meant for schools and offices.2
        Its first release was version 11, which was updated until version
        12.3 The next line, version 13, followed in the autumn of that year.
        1 Release calendar, https://browser.example.org/calendar.
        2 Support policy, https://browser.example.org/support.
        3 Release notes, https://browser.example.org/notes/12.
        """
    )
    assert parsed.markers == ("1", "2", "3")


def test_a_share_or_a_degree_is_no_marker_though_its_label_is_near():
    """`fell by 3.5% for each degree` with notes 1 to 5: the 5 of the share is no marker (a
    percent, per mille or degree sign follows it), and markers 3 and 4 after it are read."""
    parsed = doc(
        """\
        One classroom in five reached 30 °C on five school days.1 No maximum applies.2
        Scores on attention tests fell by 3.5% for each degree above 25 degrees.34 Shading
        would cool most of the schools at a modest cost.5
        1 Heat survey of schools, https://heat.example.org/survey.
        2 Workplace regulations, https://law.example.gov/workplace.
        3 Attention study, https://study.example.org/attention.
        4 Ibid., p. 12.
        5 Cost model, https://heat.example.org/costs.
        """
    )
    assert parsed.markers == ("1", "2", "3", "4", "5")
    assert links(parsed)["3"] == "Scores on attention tests fell by 3.5% for each degree above 25 degrees."


def test_text_without_plain_markers_is_left_as_it_was():
    text, found, cut = normalise_plain("Nothing to see in 2020.\nNo notes at all.\n")
    assert found == 0 and cut == []


def test_two_column_layout_text_is_read_column_by_column():
    """`pdftotext -layout` of a two-column page: split at the gutter of spaces, the left
    column (with its notes under it) read before the right one."""
    left = [
        "Boats crossed the bay every hour in summer.",
        "                          1",
        "The harbour kept a log of each crossing and",
        "of the weather on the water that day.",
        "",
        "  1",
        "     Bay Office, Log, https://bay.example.org/log.",
    ]
    right = [
        "In winter only two boats ran a day.",
        "                     2",
        "The pier was mended twice in those years",
        "and reopened each spring with a new rope.",
        "",
        "  2",
        "     Pier Trust, Repairs, https://pier.example.org/r.",
    ]
    lines = [f"{a:<60}{b}" for a, b in zip(left, right)]
    parsed = parse_text("\n".join(lines), "bay.txt")
    notes = {note.label: note.text for note in parsed.notes}
    assert notes == {"1": "Bay Office, Log, https://bay.example.org/log.",
                     "2": "Pier Trust, Repairs, https://pier.example.org/r."}
    claims = {label: claim.text for claim in parsed.claims for label in claim.labels}
    assert claims == {"1": "Boats crossed the bay every hour in summer.", "2": "In winter only two boats ran a day."}


def test_three_column_layout_text_under_a_title_above_notes_is_read_column_by_column():
    """`pdftotext -layout` of a page in three columns (xelatex's multicol), a title centred
    above them and the notes set across the page under them: the columns are read one after
    another and the notes stay whole."""
    columns = [
        ["The ferry board counted the crossings of", "every boat on the bay in the summer.1 Its", "clerks wrote each one into a ledger and", "kept the ledgers in the harbour office for", "the auditors, who read them each spring."],
        ["In winter only two boats ran a day, and", "the ledgers show how few passengers came.2", "The board thought of stopping the winter", "service altogether, but the islanders", "wrote to the council and it was kept on."],
        ["The pier was mended twice in those years", "and reopened each spring with new rope.3", "The repairs were paid for by the trust,", "which raised the money from the fares of", "the summer visitors and from a fair."],
    ]
    lines = ["The Ferries of the Bay".center(150), ""]
    lines += [f"{a:<50}{b:<50}{c}" for a, b, c in zip(*columns)]
    lines += [
        "",
        "  1",
        "    Ferry Board, Summer crossings ledger, 1921, https://ferries.example.org/ledgers/1921-summer-crossings.",
        "  2",
        "    Ferry Board, Winter service minutes, 1922, https://ferries.example.org/minutes/1922-winter-service.",
        "  3",
        "    Pier Trust, Accounts of the repairs to the pier, 1923, https://pier.example.org/accounts/1923.",
    ]
    parsed = parse_text("\n".join(lines), "bay.txt")
    notes = {note.label: note.text for note in parsed.notes}
    assert notes["1"] == "Ferry Board, Summer crossings ledger, 1921, https://ferries.example.org/ledgers/1921-summer-crossings."
    assert notes["3"] == "Pier Trust, Accounts of the repairs to the pier, 1923, https://pier.example.org/accounts/1923."
    claims = {label: claim.text for claim in parsed.claims for label in claim.labels}
    assert claims == {
        "1": "The ferry board counted the crossings of every boat on the bay in the summer.",
        "2": "In winter only two boats ran a day, and the ledgers show how few passengers came.",
        "3": "The pier was mended twice in those years and reopened each spring with new rope.",
    }


def test_one_column_layout_text_is_not_split():
    """Prose set in one column has no gutter: its lines run through the middle of the page."""
    from citetrack.read.pdftext import split_columns

    text = "\n".join(["A line of prose that runs well across the whole width of the page here."] * 12)
    assert split_columns(text) == text


def test_url_cut_in_its_host_name_is_made_whole():
    from citetrack.read.pdftext import join_note_lines

    assert join_note_lines(["Port Survey, Erosion, https://", "survey.example.org/erosion."]) == (
        "Port Survey, Erosion, https://survey.example.org/erosion.")
    assert join_note_lines(["Council, Minutes, https://council.", "example.org/minutes/0602."]) == (
        "Council, Minutes, https://council.example.org/minutes/0602.")


def test_scheme_set_apart_from_its_link_goes_back_before_the_host():
    """pdftotext may set a hyperref link's "https://" on a line of its own, away from the rest."""
    lines = [
        "The ferry ran all winter.1",
        "",
        "1",
        "Harbour Office, Winter log, 2021,",
        "",
        "harbour.example.org/winter-log.",
        "",
        "https://",
    ]
    notes = {note.label: note.text for note in parse_text("\n".join(lines), "t.txt").notes}
    assert notes == {"1": "Harbour Office, Winter log, 2021, https://harbour.example.org/winter-log."}


# LaTeX's page foot as plain `pdftotext` gives it: the notes follow the body's last line with
# no blank line between (that line cut mid-sentence), one label glued to its note, the page
# number after the notes, and the sentence going on at the head of the next page.
LATEX_FOOT = """\
    Tide gauges along the estuary were read by hand until 1998.1 The new
    sensors report every six minutes,2 yet the older records were never
    digitised in full.3 Volunteers have transcribed about half of
    1 Estuary Board, “Gauge history,” 2021, https://estuary.example.org/gauges.
    2 Coastal Data Office, “Sensor network,” https://coastal.example.gov/sensors.
    3Volunteer project notes, kept by the Board’s archive.

    1

    \f
    them since 2019, working from photographs of the ledgers.4

    4 Ledger Project, “Progress report,” https://ledgers.example.net/progress.

    2
    """


def test_latex_page_foot_right_under_the_body_is_read_as_its_notes():
    parsed = doc(LATEX_FOOT)
    got = notes(parsed)
    assert list(got) == ["1", "2", "3", "4"]
    assert got["3"].startswith("Volunteer project notes")
    assert got["2"].endswith("https://coastal.example.gov/sensors.")
    assert "half of them since 2019" in parsed.body
    assert "Estuary Board" not in parsed.body
    assert links(parsed)["4"].startswith("Volunteers have transcribed about half of them")


def test_a_latex_note_label_glued_to_an_opening_quote_opens_the_page_foot():
    """pdflatex sets a note's raised label right against a title in quotes; pdftotext leaves
    out the space (`1“Gauge history,”`): still note 1, and the notes after it are its page's."""
    parsed = doc(LATEX_FOOT.replace("1 Estuary Board, “Gauge history,”", "1“Gauge history,” Estuary Board,"))
    got = notes(parsed)
    assert list(got) == ["1", "2", "3", "4"]
    assert got["1"].startswith("“Gauge history,” Estuary Board")
    assert "Gauge history" not in parsed.body


# A browser's print of numbered endnotes ("1. Text", hanging indent) in `-layout` text: blank
# lines inside a note, and a URL whose last piece, a lone digit, sits on a line of its own.
NUMBERED_ENDNOTES_LAYOUT = """    The harbour wall was raised in 1998.1 The sensors went in later,2 and the
    records of the old gauges were transcribed by volunteers over five winters.3
    The tide tables were redrawn from them in 2020.4

    Notes

     1. Estuary Board. (2021). Gauge history of the lower
        estuary. https://estuary.example.org/gauges/lower-

        estuary
     2. Coastal Data Office. (2019).

        Sensor network, phase one. https://coastal.example.gov/s

        ensors/phase-
        1
     3. Ledger Project. (2022). Progress report. https://ledger
        s.example.net/progress
     4. Tide Office. (2020). Tables for the estuary, revised edition.
    """


def test_numbered_endnotes_with_a_lone_url_digit_are_read_by_their_numbers():
    parsed = doc(NUMBERED_ENDNOTES_LAYOUT)
    got = notes(parsed)
    assert list(got) == ["1", "2", "3", "4"]
    assert got["2"] == "Coastal Data Office. (2019). Sensor network, phase one. https://coastal.example.gov/sensors/phase-1"
    assert got["1"].endswith("https://estuary.example.org/gauges/lower-estuary")
    assert links(parsed)["3"].startswith("The sensors went in later, and the records")


# LibreOffice's two columns as plain `pdftotext` gives them: the left column, its notes (each
# group's first labels printed after the group), then the right column's body, then its notes.
# The left column's last line ends on two markers printed together (`it.34`).
COLUMNS_WITH_THEIR_OWN_NOTES = """\
    The ferry to the outer islands ran twice a day until
    the spring of 2019, when the operator cut the winter
    service to a single crossing.1 The council said the cut
    would save a third of the subsidy, and that the summer
    timetable would not change.2 Islanders say the single
    crossing makes a day trip to the mainland impossible
    for most of the year, since the boat now leaves at
    seven and returns at four, which leaves no time for a
    hospital appointment and the bus after it.34 A
    Island Ferries, “Winter timetable 2019,” https://ferries.example.org/winter-2019.
    Outer Isles Council, minutes of 12 March 2019, item 4.
    3
    Interview with a crofter on the outer island, 4 May 2020.
    4
    Ibid.
    1
    2

    petition asking for the second crossing back gathered
    1,400 names in a month.5 The operator answered that
    the second crossing had carried fewer than twenty
    passengers on most winter days,6 and that a third of
    its sailings had been cancelled for weather in any case.7
    The islanders reply that a crossing that may not sail is
    one that few people book, and that the figures count a
    service nobody could plan around.
    Outer Isles Council, petition PE-2019-07, https://council.example.gov/petitions/pe-2019-07.
    6
    Island Ferries, “Passenger counts, winters 2017–2019,” https://ferries.example.org/counts.
    7
    Island Ferries, Annual report 2019, 12.
    5
    """


def test_columns_with_their_own_notes_are_read_as_two_pages():
    parsed = doc(COLUMNS_WITH_THEIR_OWN_NOTES)
    got = notes(parsed)
    assert list(got) == ["1", "2", "3", "4", "5", "6", "7"]
    assert got["5"] == "Outer Isles Council, petition PE-2019-07, https://council.example.gov/petitions/pe-2019-07."
    assert parsed.markers == ("1", "2", "3", "4", "5", "6", "7")
    assert links(parsed)["5"] == "A petition asking for the second crossing back gathered 1,400 names in a month."
    assert "Islanders reply" not in got["4"]


# A block of the body that pdftotext printed after the next one (columns read out of order):
# its markers come after later ones, and the sequence passes them by.
BLOCK_PRINTED_LATE = """\
    The harbour wall was raised in 1998, after the winter floods.1 The
    sensors went in later, once the board had found the money for them.2
    The tide tables were redrawn from the new readings in 2020,5 and since
    then the board has published them every spring with the old ones.6

    Volunteers transcribed the records of the old gauges over five winters,3
    and the harbour archive still holds the ledgers they worked from.4
    Estuary Board, “Gauge history,” https://estuary.example.org/gauges.
    2
    Coastal Data Office, “Sensor network,” 2019.
    3
    Ledger Project, “Progress report,” 2022.
    4
    Harbour archive, ledger series B.
    5
    Tide Office, Tables for the estuary, 2020.
    6
    Tide Office, Annual tables, 2021.
    1
    """


def test_markers_of_a_block_printed_out_of_order_are_found():
    parsed = doc(BLOCK_PRINTED_LATE)
    assert set(parsed.markers) == {"1", "2", "3", "4", "5", "6"}
    assert links(parsed)["3"].startswith("Volunteers transcribed the records of the old gauges")
    assert notes(parsed)["4"] == "Harbour archive, ledger series B."


# LibreOffice's notes in `-layout` text: each label on a line of its own above its note, the
# note's first line set in, a blank line under it (the raised label makes it taller) and
# sometimes inside it; each label right under the text of the note before; the last note cites
# no URL.
LAYOUT_LABELS_ABOVE_BLANKS_INSIDE = """\
    The harbour wall was raised in 1998, after the winter floods.1 The sensors went in
    later, once the board had found the money for them.2 The records of the old gauges
    were transcribed by volunteers over five winters,3 and the tide tables were redrawn
    from them in 2020.4

    1
      Estuary Board (2021). “Gauge history of the lower estuary”. Harbour Gazette.


    14 May 2021. https://gazette.example.org/estuary/gauge-history
    2
      Coastal Data Office (2019). Sensor network, phase one. Vol. 2.


    Portmoor: Coastal Data Office. pp. 14–19.
    3
      “Ledger project: progress report” (PDF). Harbour archive.

    https://archive.example.org/ledgers/progress-report_2022.pdf
    4
      Tide Office (2020). Tables for the estuary, revised edition.

    Portmoor: Tide Office Press.
    """


def test_layout_labels_above_notes_with_blank_lines_inside_them():
    got = notes(doc(LAYOUT_LABELS_ABOVE_BLANKS_INSIDE))
    assert got == {
        "1": "Estuary Board (2021). “Gauge history of the lower estuary”. Harbour Gazette. 14 May 2021. "
        "https://gazette.example.org/estuary/gauge-history",
        "2": "Coastal Data Office (2019). Sensor network, phase one. Vol. 2. Portmoor: Coastal Data Office. pp. 14–19.",
        "3": "“Ledger project: progress report” (PDF). Harbour archive. "
        "https://archive.example.org/ledgers/progress-report_2022.pdf",
        "4": "Tide Office (2020). Tables for the estuary, revised edition. Portmoor: Tide Office Press.",
    }


# xelatex's columns as plain `pdftotext` gives them: the first note's label printed alone
# between two paragraphs of the body, the second label after the notes, the page numbers last.
FIRST_LABEL_STRAYED_INTO_THE_BODY = """\
    The harbour wall was raised in 1998, after the winter floods of that
    year.1 The sensors went in later, once the board had found the money.2

    1

    The records of the old gauges were transcribed by volunteers over five
    winters,3 and the tide tables of the estuary, which had not changed since
    the war, were redrawn from them in 2020.4 Since then the board has
    published the tables every spring, with the old ones beside them.

    Estuary Board, “Gauge history,” https://estuary.example.org/gauges.
    Coastal Data Office, “Sensor network,” https://coastal.example.gov/sensors.
    3
    Ledger Project, “Progress report,” 2022.
    4
    Tide Office, Tables for the estuary, 2020.
    2

    1
    \f
    The board reviews the tables every five years.

    2
    """


def test_a_first_label_printed_in_the_body_far_above_its_note_still_takes_it():
    parsed = doc(FIRST_LABEL_STRAYED_INTO_THE_BODY)
    assert notes(parsed) == {
        "1": "Estuary Board, “Gauge history,” https://estuary.example.org/gauges.",
        "2": "Coastal Data Office, “Sensor network,” https://coastal.example.gov/sensors.",
        "3": "Ledger Project, “Progress report,” 2022.",
        "4": "Tide Office, Tables for the estuary, 2020.",
    }
    assert links(parsed)["3"].startswith("The records of the old gauges were transcribed")


# Plain digits as markers in a text that also prints units' powers raised (`800 m²`, `µg/m³`):
# two squares are no superscript markers, so the plain digits are read. French typography sets
# the marker before the full stop (`euros2.`).
PLAIN_MARKERS_BESIDE_RAISED_UNITS = """\
    La métropole a fermé son centre aux camionnettes diesel en 2023, dans le cadre
    de sa « zone à faibles émissions »1. Elle avait doté l’appel à projets de
    1 200 000 euros2. Les hubs occupent de 300 à 800 m² chacun, et la concentration
    moyenne de NO2 y est tombée à 31 µg/m³.
    Métropole de Valmont, « Zone à faibles émissions », https://metropole.example.org/zfe.
    2
    Métropole de Valmont, délibération n° 2021-0187, https://metropole.example.org/d0187.pdf.
    1
    """


def test_plain_markers_are_read_beside_raised_powers_of_units():
    parsed = doc(PLAIN_MARKERS_BESIDE_RAISED_UNITS)
    assert parsed.markers == ("1", "2")
    assert notes(parsed)["2"] == "Métropole de Valmont, délibération n° 2021-0187, https://metropole.example.org/d0187.pdf."
    assert links(parsed)["2"] == "Elle avait doté l’appel à projets de 1 200 000 euros."


# Notes gathered at the end (a browser's print) and a numbered list in the body whose items
# carry markers: the list's "1. 2. 3." must not be taken for notes 1-3.
LIST_BEFORE_ENDNOTES = """\
    The pilot ran in four valleys.1 It cost less than planned.2 Take-up was high.3
    Three rules kept the pilot honest:4
    1. Every grant named the households it would serve.5
    2. Residents could contest the list before payment.6
    3. Payment followed a tested connection.7
    Other regions have since copied them.8
    \f
    Notes
    1. Valley survey, https://pilot.example.org/valleys
    2. Cost audit, https://pilot.example.org/costs
    3. Take-up figures, https://pilot.example.org/take-up
    4. Pilot review, https://pilot.example.org/review
    5. Grant rules, https://pilot.example.org/grants
    6. Contest process, https://pilot.example.org/contest
    7. Testing guide, https://pilot.example.org/testing
    8. Regional plans, https://pilot.example.org/regions
    """


def test_numbered_list_in_the_body_is_not_a_page_foot():
    parsed = doc(LIST_BEFORE_ENDNOTES)
    got = notes(parsed)
    assert list(got) == [str(number) for number in range(1, 9)]
    assert got["2"].startswith("Cost audit")
    assert links(parsed)["6"].endswith("Residents could contest the list before payment.")
    assert "Cost audit" not in parsed.body


def test_second_of_two_adjacent_markers_set_apart_by_a_space():
    parsed = doc(
        """\
        Shade lowers street heat by several degrees.1 Trees also cut energy use.2 3 The city
        planted four thousand more.4

        1 Heat study, https://heat.example.org/a
        2 Energy study, https://energy.example.org/b
        3 Second energy study, https://energy.example.org/c
        4 Planting report, https://plant.example.org/d
        """
    )
    assert links(parsed)["3"] == "Trees also cut energy use."
    assert links(parsed)["2"] == "Trees also cut energy use."


# `pdftotext -layout` keeps the hyphen where a URL breaks and sets blank lines inside a note;
# its note lines (smaller type) run longer than the body's without any hyphen lost.
LAYOUT_NOTES = """\
    Salt marshes store carbon for centuries, as the survey of the estuary found,1 and they
    slow storm surges that would otherwise reach the town.2

       1 Estuary Trust, “Marsh survey,” https://www.estuary.example.org/reports/the-

    marsh-carbon-survey (accessed 3 May 2024); the figures are given per hectare of marsh.
       2 Coastal Office, “Surge modelling,” https://coastwatch.example.org/surgeplanning/. The

    model covers the years from 1990 to 2020.
    """


def test_layout_text_keeps_url_hyphens_and_joins_urls_across_blank_lines():
    got = notes(doc(LAYOUT_NOTES))
    assert "https://www.estuary.example.org/reports/the-marsh-carbon-survey " in got["1"]
    assert "https://coastwatch.example.org/surgeplanning/." in got["2"]


LAYOUT_URL_AFTER_LABEL_LINE = """\
    The gauges have been read since 1998.1

       1 Tide Network, “Gauge guide,” https://tidenetwork.

    org/gauge-guide/ (accessed 2 July 2024).
    """


def test_layout_url_cut_at_the_tld_dot_goes_on_after_the_blank_line():
    got = notes(doc(LAYOUT_URL_AFTER_LABEL_LINE))
    assert "https://tidenetwork.org/gauge-guide/ (accessed" in got["1"]


def test_two_column_layout_with_a_moving_gutter_and_touching_columns():
    """LaTeX two-column pages as `pdftotext -layout` gives them: the right column starts at
    another place in each block of text, and where both columns are full they are only one
    space apart; each column is still read whole, left first."""
    rows = [
        ("Ferries carried most commuters across the", "the strait in under twenty minutes.3"),
        ("sound until the bridge opened in 1964.1", ""),
        ("", "Fares"),
        ("Ridership fell by half within a decade, and", "Fares were cut in 1990 to win riders"),
        ("the last private line closed in 1972.2 The", "back, and the count rose by a third.4"),
        ("public service kept two boats that crossed", ""),
    ]
    gutters = [43, 43, 58, 58, 58, 58]  # where the right column starts, block by block
    lines = []
    for (left, right), gutter in zip(rows, gutters):
        lines.append(f"{left} {right}" if len(left) + 1 >= gutter else f"{left:<{gutter}}{right}".rstrip())
    notes_block = [
        "   1 Port Authority, “Ferry history,” https://port.example.org/history.",
        "   2 Harbour Museum, “Private lines,” https://museum.example.org/lines.",
        "   3 Transit Board, “Crossing times,” https://transit.example.org/times.",
        "   4 Transit Board, “Fare review,” https://transit.example.org/fares.",
    ]
    parsed = parse_text("\n".join([*lines, "", *notes_block]), "ferry.txt")
    got = links(parsed)
    assert got["1"].endswith("until the bridge opened in 1964.")
    assert got["3"] == "The public service kept two boats that crossed the strait in under twenty minutes."
    assert got["4"].startswith("Fares were cut in 1990")
    assert list(notes(parsed)) == ["1", "2", "3", "4"]


# LaTeX two columns as `pdftotext -layout` gives them when a table fills the right column: its
# centred cells start anywhere, so no column of starts marks the gutter; only the run of spaces
# that almost no line crosses does. Notes under each column, two of the left one's lines a
# little wider than the column.
TABLE_BESIDE_PROSE_LAYOUT = """\
            Ferries to the outer islands: a winter without the second crossing
                                       Island Transport Bulletin, issue 7

    The ferry to the outer islands ran twice a day until                    Table 1: Crossings by season
    the spring of 2019, when the operator cut the winter
    service to a single crossing.1 The council said the                 Season      Sailings   Cancelled   Source
    cut would save a third of the subsidy, and that the                  Summer 2017     730        12      Timetable4
    summer timetable would not change. Islanders say the                 Winter 2018     412        57      Notice5
    single crossing makes a day trip to the mainland                      Winter 2019     205        31      Minutes6
    impossible for most of the year, since the boat now                Summer 2019     688         9      Timetable7
    leaves the island at seven and returns at four, which                  Spring 2020     350        40      Log
    leaves no time for a hospital appointment and the                     Autumn 2020     301        22      Log
    bus that follows it.2 A petition asking for the second            Winter 2020–21     190        35      Log
    crossing back gathered 1,400 names in a month.3                        Spring 2021     362        28      Log
                                                                         Summer 2021     702        11      Log
    The operator's case rests on the winter figures. In the               Autumn 2021     318        19      Log
    two winters before the cut the second crossing carried            Winter 2021–22     187        41      Log
    fewer than twenty passengers on most days, and a third                 Spring 2022     371        25      Log
    of its sailings were cancelled for weather in any case.
    The islanders answer that the figures count a service
    nobody could plan around: a crossing that may not sail
    is one that few people book.

    The table shows the crossings by season since 2017.

       1 Island Ferries, “Winter timetable 2019,” https://ferries.    4 Island Ferries, Summer timetable 2017.
    example.org/timetables/winter-2019.                            5 Island Ferries, “Notice to passengers,” https://ferries.
       2 Interview with a crofter on the outer island, 4 May    example.org/notices/2018-winter.
    2020.                                                          6 Outer Isles Council, minutes of 12 March 2019, item 4.
       3 Outer Isles Council, petition PE-2019-07, https://council.    7 Island Ferries, Summer timetable 2019.
    example.gov/petitions/pe-2019-07.

                                                                1
    """


def test_a_layout_page_whose_right_column_starts_anywhere_is_split_at_its_river_of_spaces():
    parsed = doc(TABLE_BESIDE_PROSE_LAYOUT)
    got = notes(parsed)
    assert list(got) == ["1", "2", "3", "4", "5", "6", "7"]
    assert got["3"] == "Outer Isles Council, petition PE-2019-07, https://council.example.gov/petitions/pe-2019-07."
    assert got["6"] == "Outer Isles Council, minutes of 12 March 2019, item 4."
    assert links(parsed)["1"].endswith("when the operator cut the winter service to a single crossing.")
    assert links(parsed)["3"] == "A petition asking for the second crossing back gathered 1,400 names in a month."


def test_markers_alone_in_a_tables_last_column_of_layout_text_count():
    """`pdftotext -layout` sets a table row with its marker alone in the last cell, after a
    column's gap: in the note sequence it is a marker; the row's other numbers are data."""
    prose = [
        "The harbour office had not counted boats for two years when the new survey began,",
        "and the berth registers kept by the councils had drifted apart from what the wardens",
        "saw on the water. The office asked each council for its register and set the figures",
        "beside its own counts, harbour by harbour, before anyone drew a conclusion from them.",
    ]
    text = "\n".join([
        "Three harbours were surveyed in the spring of 2021.1",
        *prose,
        "",
        "     Harbour            Boats      Berths        Note",
        "     Eastport           412        380           2",
        "     Westhaven          96         110           3",
        "",
        *prose,
        "The survey was repeated two years later with the same form.4",
        "",
        "1 Harbour Office, “Spring survey,” 2021, https://harbour.example.org/survey.",
        "2 Eastport council, berth register, 2021, https://eastport.example.org/berths.",
        "3 Westhaven marina, annual return, 2021, https://westhaven.example.org/return.",
        "4 Harbour Office, “Survey 2023,” https://harbour.example.org/survey-2023.",
    ])
    parsed = parse_text(text, "t.txt")
    assert list(notes(parsed)) == ["1", "2", "3", "4"]
    assert parsed.markers == ("1", "2", "3", "4")
    assert "412" in links(parsed)["2"]


def test_a_decimal_going_on_in_its_sentence_is_no_marker_even_when_one_is_due():
    """`rose 2.3 per cent`: the 3 after `2.` is due as marker 3, but a number glued to a decimal
    point and followed by a word in lower case is the decimal's last digit."""
    parsed = doc(
        """\
        The levy was set in spring.1 Receipts grew fast.2 Take-up rose 2.3 per cent that year,
        and the ministry published its figures.3

        1 Finance Office, "Levy notice," 4 April 2021, https://finance.example.org/levy.
        2 Treasury, "Receipts," 3 May 2021, https://treasury.example.org/receipts.
        3 Ministry, "Figures," 9 June 2021, https://ministry.example.org/figures.
        """
    )
    assert parsed.markers == ("1", "2", "3")
    assert links(parsed)["3"].startswith("Take-up rose 2.3 per cent that year")


def test_a_decimal_closing_its_line_goes_on_in_the_next_one_and_is_no_marker():
    """`risen from 14.2` + `million to 21.7 million`: the line breaks after the decimal, and the
    word in lower case that goes on is on the next line."""
    parsed = doc(
        """        The ferries carried more riders in spring.1 The subsidy has risen from 14.2
        million to 21.7 million in five years, and the contract ends soon.2

        1 Ferry Office, "Riders," 4 April 2021, https://ferry.example.org/riders.
        2 Treasury, "Subsidy," 3 May 2021, https://treasury.example.org/subsidy.
        """
    )
    assert parsed.markers == ("1", "2")
    assert links(parsed)["2"].startswith("The subsidy has risen from 14.2")


def test_a_marker_after_a_year_and_its_comma_is_read_though_a_word_in_lower_case_follows():
    """`In 1998,2 the paper…`: a comma after a number is no decimal point in English text."""
    parsed = doc(
        """\
        The paper changed hands twice.1 In 1998,2 the group bought a stake in it.

        1 Media Desk, "Owners," 4 April 2021, https://media.example.org/owners.
        2 Trade Weekly, "The stake," 3 May 2021, https://trade.example.org/stake.
        """
    )
    assert parsed.markers == ("1", "2")
    assert links(parsed)["2"].startswith("In 1998, the group bought")


def test_seven_markers_glued_into_fourteen_digits_are_split_by_the_sequence():
    """A claim citing notes 10 to 16 at once, printed with no commas ("(12.5).10111213141516"):
    a run longer than any number of the text, split where the sequence is due."""
    lines = [f"Claim number {n} of the survey.{n}" for n in range(1, 10)]
    lines += ["The ferry carried the most riders of the network (12.5).10111213141516 Then it stopped.", ""]
    for label in range(1, 17):
        lines += ["", str(label), "", f"Lake Survey, table {label}, https://survey.example.org/{label}."]
    parsed = doc("\n".join(lines))
    assert parsed.markers == tuple(str(n) for n in range(1, 17))
    assert links(parsed)["16"] == "The ferry carried the most riders of the network (12.5)."


def test_a_layout_page_with_a_three_column_table_is_not_read_as_two_columns():
    """`pdftotext -layout` of a page holding a table of three columns (its later columns' lines
    going on under an empty first cell) and prose under it: the table's gaps are no gutter of
    a two-column page, so the prose lines stay whole and the notes after them are found."""
    table = [
        "Port               Traffic and delays                Works and outlook",
        "",
        "Northby, two       The port handled 2,100 ships,     Engineers described a dredging",
        "quays              of which 310 waited more than     plan that the harbour board has",
        "                   a day for a berth.1 Most of       not yet funded. Two quays are",
        "                   them were small coasters.         closed for repairs.",
        "Eastmouth, one     The register lists 1,385 calls,   The board bundles repairs into",
        "quay               and 148 of them were late.2       annual lots of about ten berths.",
        "                   The delays halved after the       Critics say the lots are too",
        "                   new lock opened.                  large for local firms.",
    ]
    prose = [
        "",
        "Three causes came up in almost every interview with the harbour masters of the coast.",
        "The first is silt: the channels fill faster than the dredgers can clear them each year.3",
        "",
    ]
    notes = [f"{n}. Harbour Board, report {n}, https://harbour.example.org/reports/{n}." for n in (1, 2, 3)]
    parsed = doc("\n".join(table + prose + notes))
    assert [note.label for note in parsed.notes] == ["1", "2", "3"]
    assert links(parsed)["3"] == "The first is silt: the channels fill faster than the dredgers can clear them each year."


def test_a_layout_page_with_a_two_column_table_of_figures_is_not_read_as_two_columns():
    """`pdftotext -layout` of a page that opens with a table of labels and figures, then prose
    and a browser's numbered notes: the gaps before the figures are no moving gutter of two
    prose columns (what follows them is short), so the notes' lines stay whole."""
    table = [
        " Area                            Spent",
        " Harbour works in the north        455",
        "",
        " Dredging and surveys2             212",
        "",
        " Fundraising                       318",
        " Total                           2,791",
        "",
    ]
    prose = [
        "The reserves at the end of the year stood at four months of spending, within the range",
        "that the board's policy sets for the harbour and its lighthouses.1",
        "",
    ]
    notes = [
        " 1. Harbour Board, “Reserves policy”, https://harbour.example.org/reserves.",
        "",
        " 2. Survey office, “Channel depths”, https://survey.example.org/depths.",
    ]
    parsed = doc("\n".join(table + prose + notes))
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert [note.text for note in parsed.notes] == [
        "Harbour Board, “Reserves policy”, https://harbour.example.org/reserves.",
        "Survey office, “Channel depths”, https://survey.example.org/depths.",
    ]


def _numbered_notes(count: int) -> list[str]:
    lines = [""]
    for label in range(1, count + 1):
        lines += ["", str(label), "", f"Harbour Archive, file {label}, https://archive.example.org/{label}."]
    return lines


def test_markers_the_sequence_skipped_are_found_in_their_gap_among_weaker_numbers():
    """Where markers N-1 and N+1 were read and N was not, the one number in between that can be
    N is taken: set apart ("listed below: 2"), glued to a short capitalised name ("JSON-LD4"),
    after a year ("rebuilt in 17865": 1786, then 5) or a decimal's first digit ("version 2.77")."""
    lines = [
        "The harbour kept its own ledger.1 Its entries are listed below: 2",
        "Later clerks kept a second ledger.3 Its format was JSON-LD4: one record per ship.",
        "The quay was rebuilt in 17865 and widened again.6 The toll form was version 2.77",
        "and replaced in the spring.8",
    ]
    parsed = doc("\n".join(lines + _numbered_notes(8)))
    assert parsed.markers == ("1", "2", "3", "4", "5", "6", "7", "8")
    assert links(parsed)["5"] == "The quay was rebuilt in 1786 and widened again."
    assert links(parsed)["7"] == "The toll form was version 2.7 and replaced in the spring."


def test_numbers_in_a_gap_stay_text_when_they_are_quantities_dates_or_more_than_one_fits():
    """A gap's weaker candidates exclude quantities ("2 km", "2 %"), dates and ranges ("2019-02",
    "1–2"); with two numbers that could be the lost marker, neither is taken."""
    quantities = [
        "The harbour kept its own ledger.1 The quay is 2 km long, 2 % wider since 2019-02,",
        "and 1–2 boats moor there.3",
    ]
    parsed = doc("\n".join(quantities + _numbered_notes(3)))
    assert parsed.markers == ("1", "3")
    two_fit = ["The harbour kept its own ledger.1 Pier 2 and berth 2 were rebuilt.3"]
    assert doc("\n".join(two_fit + _numbered_notes(3))).markers == ("1", "3")


def test_a_note_opening_with_its_authors_name_and_a_quoted_title_is_cut_from_the_body_above():
    """`Darin Fisher. "Bug 1 – …".` right under the body's last line, the label below it: the
    name, a full stop and a quoted title open a note (Wikipedia's citation style)."""
    parsed = doc(
        """\
        The browser first shipped in 2002.1 It later moved onto a shared runtime.2 The logo
        came from a drawing; the designer had seen no
        Mary Quill. "Bug 4521 – Build on the runtime". Bug Tracker.
        https://bugs.example.org/show_bug.cgi?id=4521 Retrieved 2014-11-09.
        1

        "Runtime". https://dev.example.org/runtime Retrieved 2014-11-09.
        2
        \f
        red panda in it at all.
        """
    )
    assert notes(parsed)["1"].startswith("Mary Quill.")
    assert notes(parsed)["2"].startswith('"Runtime"')


def test_a_lost_last_marker_is_looked_for_after_the_last_one_read_only_where_the_notes_were_cut():
    """With the notes cut out by their lone labels, the text after the last marker read is body
    only, and a last marker set apart is found there ("in the appendix 3"). With notes set as
    `N. text` after the body, a note's own number is never taken for the lost marker."""
    cut = ["The harbour kept its own ledger.1 The quay was widened.2", "Its survey is printed in the appendix 3"]
    assert doc("\n".join(cut + _numbered_notes(3))).markers == ("1", "2", "3")
    endnotes = doc(
        """\
        The harbour kept its own ledger.1 The quay was widened.2 A crane came later.

        1. Harbour Archive, file 1, https://archive.example.org/1.
        2. Harbour Archive, file 2, https://archive.example.org/2.
        3. Harbour Archive, file 3, https://archive.example.org/3.
        """
    )
    assert endnotes.markers == ("1", "2")
    assert notes(endnotes)["3"] == "Harbour Archive, file 3, https://archive.example.org/3."


def test_a_number_grouped_by_its_comma_or_opening_with_zero_is_never_a_marker():
    """`(96,073 residents)` where marker 73 is due: a group of three digits after a digit and a
    comma belongs to its number, and no label starts with 0."""
    lines = [
        f"Claim number {n} of the survey.{n}" for n in range(1, 73)
    ] + [
        "The town grew by 4% (96,073 residents) between the two counts, and by 0.73 in",
        "the index; women outnumber men in all age groups over 20.73",
    ]
    parsed = doc("\n".join(lines + _numbered_notes(73)))
    assert parsed.markers == tuple(str(n) for n in range(1, 74))
    assert links(parsed)["73"].startswith("The town grew by 4% (96,073 residents)")


def test_a_note_opening_with_an_issuer_the_kind_of_document_and_a_quoted_title_is_cut_from_the_body():
    """`Harbour Authority, press release, “Board concludes…”` right under the body's last line:
    an issuer's name, the kind of document and a quoted title open a note."""
    parsed = doc(
        """\
        The board closed its session without a code.1 The minister then opened the coast to
        surveys.2 The number of states asking for a pause has grown from a
        Harbour Authority, press release, “Board concludes the first part of its session,” 29
        March 2024, https://harbour.example.org/news/board-concludes-session/
        1

        “Minister opens the coast to surveys,” Coast Daily, 18 January 2024,
        https://coastdaily.example.com/2024/01/18/coast-surveys
        2
        \f
        handful to more than twenty.
        """
    )
    assert notes(parsed)["1"].startswith("Harbour Authority, press release,")
    assert notes(parsed)["2"].startswith("“Minister opens the coast")


def test_a_line_cut_inside_an_access_date_leaves_the_url_before_it_whole():
    """pdftotext joins "…/tidenotes/ Retrieved 2010-" and "07-25." into one overlong line,
    dropping the date's hyphen: the date gets it back, and the URL (whose words "tide" and "notes"
    are both words of the document) gets none."""
    filler = "The archive keeps the tide notes of the harbour masters in boxes by year."
    note = _only_note(
        "The letters explain how to read the old tide tables.", filler,
        "Keeper's Notes, “Tide tables”. Keepers.\n"
        "https://keepers.example.org/archive/2014/tidenotes/records/ Retrieved 201007-25.\n"
    )
    assert "https://keepers.example.org/archive/2014/tidenotes/records/ Retrieved 2010-07-25." in note.text


def test_a_url_joined_over_three_lines_gets_both_dropped_hyphens_back():
    """A URL LibreOffice broke twice, after hyphens, comes out of pdftotext as one line two
    lines long with both hyphens gone: each join is found in its own stretch of the line."""
    filler = "The archive keeps the tide charts of the harbour masters in boxes by year."
    joined = (
        "https://keepers.example.org/articles/2014/tide-tables-explained-how"
        "to-read-the-old-charts-of-the-bay-and-the-harbour-mouth-tide"
        "charts-2023.html"
    )
    note = _only_note("The letters explain how to read the old tide tables.", filler, f"Keeper's Notes, “Tide tables”.\n{joined}\n")
    assert note.text.endswith(
        "https://keepers.example.org/articles/2014/tide-tables-explained-how-to-read-the-old-charts-of-the-bay-and-the-harbour-mouth-tide-charts-2023.html"
    )


def test_letters_meeting_digits_in_an_overlong_url_line_are_no_dropped_hyphen():
    """An id such as `col412` or `R44593` where the joined line was cut stays whole: ids run
    letters and digits together."""
    filler = "The archive keeps the tide charts of the harbour masters in boxes by year."
    line = "Tide report, https://board.example.org/official-report/col412 and the rest of the record."
    note = _only_note("The letters explain how to read the old tide tables.", filler, f"{line}\n")
    assert "https://board.example.org/official-report/col412 " in note.text


def test_a_sentence_cut_by_the_pages_notes_goes_on_at_the_next_pages_top():
    """A page's last body line, full and open, goes on after the notes cut out of the page, even
    when the next page opens with a figure in brackets rather than a word in lower case."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"{body}\nThe ferries carried most riders of the lake (212.4), the trams came second\n"
        "with 98.1 riders per 1,000 people, the buses third, and the boats last\n\n"
        "Lake Survey, “Riders”, https://survey.example.org/riders.\n1\n"
        "\f(41.7).1 The counts stopped in 2020 when the survey office closed its doors.\n"
    )
    parsed = doc(text)
    assert links(parsed)["1"].startswith("The ferries carried most riders of the lake (212.4),")
    assert links(parsed)["1"].endswith("and the boats last (41.7).")


def test_a_url_cut_by_the_page_end_goes_on_above_the_next_pages_first_note():
    """LibreOffice carries the rest of a long note to the next page's foot, above that page's
    first note: the rest of a URL cut there goes back to its note."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"The first count was made in 1921.1\n{body}\n\n"
        "“Boat counts”. Harbour Board.\nhttps://board.example.org/records/pdf/1921_boat_counts_\n1\n\n12\n"
        f"\fThe second count followed in 1931.2\n{body}\n\n"
        "by_quarter.pdf Retrieved March 4, 2019.\n"
        "“Second count”. Harbour Board. https://board.example.org/records/1931 Retrieved 2019.\n2\n\n13\n"
    )
    found = notes(doc(text))
    assert "https://board.example.org/records/pdf/1921_boat_counts_by_quarter.pdf Retrieved March 4, 2019." in found["1"]
    assert found["2"].startswith("“Second count”.")


def test_a_dropped_url_hyphen_is_found_between_words_spelled_as_slugs_spell_them():
    """A slug drops apostrophes and spells out umlauts (`Google's` -> `googles`, `läuft` ->
    `laeuft`): the words of the text count in those spellings too."""
    filler = "Der Browser läuft nicht mehr auf älteren Rechnern, schrieb die Zeitung im Mai."
    note = _only_note(
        "Die Zeitung berichtete darüber.", filler,
        "Welt, “Browser läuft nicht mehr”.\n"
        "https://zeitung.example.de/wirtschaft/article158/Browser-49-laeuftnicht-mehr-auf-aelteren-Rechnern.html\n"
    )
    assert "/Browser-49-laeuft-nicht-mehr-auf-aelteren-Rechnern.html" in note.text


def test_a_note_line_past_the_usual_width_keeps_a_host_that_joins_words():
    """A domain joins its owner's words (`Halden Policy Unit`, `haldenpolicy.example.org`):
    a note's line running past the body's width puts no hyphen into its host, only into the
    path where pdftotext may have dropped one."""
    filler = "The unit counted the pupils who were eligible for free meals but never registered."
    note = _only_note(
        "About one eligible pupil in five is never registered.", filler,
        "Halden Policy Unit, Unclaimed meals, working paper 14, https://www.haldenpolicy.example.org/papers/\n"
        "wp14-unclaimed.pdf.\n"
    )
    assert "https://www.haldenpolicy.example.org/papers/wp14-unclaimed.pdf" in note.text


def test_a_hyphen_dropped_in_a_host_is_put_back_where_another_url_writes_it():
    """A host is left as printed unless the text writes it with its hyphen elsewhere: note 1's
    URL keeps `valmont-metropole`, note 2's lost the hyphen where its line broke (pdftotext
    joined the two lines)."""
    parsed = doc(
        """\
        La métropole a fermé son centre aux camionnettes diesel en janvier 2023.1 Elle avait
        voté le principe de la zone deux ans plus tôt, en mars de l’année 2021, en séance.2
        La métropole a publié depuis un bilan de la zone chaque année, en ligne et en mairie.
        Métropole de Valmont, « Zone à faibles émissions », https://www.valmont-metropole.example.org/zfe.
        1
        Métropole de Valmont, délibération n° 2021-0187, https://deliberations.valmontmetropole.example.org/seance/2021-03-12/deliberation-2021-0187.pdf.
        2
        """
    )
    assert notes(parsed)["2"].endswith(
        "https://deliberations.valmont-metropole.example.org/seance/2021-03-12/deliberation-2021-0187.pdf."
    )


def test_a_url_hyphen_dropped_where_the_line_broke_early_is_put_back():
    """Chromium breaks a URL only after a hyphen: when the part after the next hyphen is too
    long for the line, the line ends early (`…/island-household-`), and pdftotext's join puts
    `householdsurvey` well before the usual line end. The part after the cut runs past it."""
    filler = "The ferry office counted the passengers of every crossing in the island survey."
    note = _only_note(
        "The survey counted the passengers of each island household.", filler,
        "Ferry Office, “Island household survey 2024,” tables.\n"
        "Survey, https://stats.example.gov/island-householdsurvey/2024/transport_module_tables_v2.xlsx\n"
    )
    assert "https://stats.example.gov/island-household-survey/2024/transport_module_tables_v2.xlsx" in note.text


def test_a_host_hyphen_dropped_where_the_line_broke_early_is_put_back_when_another_url_writes_it():
    """Chromium broke `https://www.haute-` early (the rest of the URL would not fit), and
    pdftotext's join wrote `hautevarenne` well before the usual line end. Another URL of the
    text writes the host `haute-varenne`: the hyphen goes back. A host that joins its owner's
    words (`ashbyvale`) is left alone though a path writes them apart (`…/suppliers/ashby-vale`):
    only another URL's host is evidence for a host."""
    filler = "The county counted the school meals it served in every canteen of the valley."
    body = "\n".join([filler] * 6)
    text = (
        f"The county set up an observatory.1 It kept the old records.2 It named a supplier.3\n{body}\n\n"
        "1\nDépartement, Observatoire, p. 12, https://www.hautevarenne.example.fr/fileadmin/user_upload/restauration/observatoire_restauration_scolaire_2024.pdf.\n"
        "2\nArchives, https://archives.haute-varenne.example.fr/ark/48310, and https://contracts.example.fr/suppliers/ashby-vale.\n"
        "3\nSupplier, p. 4, https://www.ashbyvale.example.co.uk/documents/catering/school_meals_supplier_contract_2024_signed.pdf.\n"
    )
    found = notes(doc(text))
    assert found["1"].endswith(
        "https://www.haute-varenne.example.fr/fileadmin/user_upload/restauration/observatoire_restauration_scolaire_2024.pdf."
    )
    assert "https://www.ashbyvale.example.co.uk/" in found["3"]


def test_a_url_cut_at_the_hyphen_of_wordpress_s_folder_gets_it_back():
    """`wp-content` (the folder of a WordPress site's files, in many URLs) cut at its hyphen:
    pdftotext's join wrote `wpcontent`; the hyphen goes back though the text writes neither
    part, one of two letters."""
    filler = "The trust counted the visitors to the walking routes around the harbour each summer."
    note = _only_note(
        "The trust published its summer counts.", filler,
        "Harbour Walking Trust, Summer service report 2024, p. 3, https://harbourwalks.example.org.uk/wpcontent/uploads/2024/10/summer_service_report_2024.pdf.\n",
    )
    assert "https://harbourwalks.example.org.uk/wp-content/uploads/2024/10/summer_service_report_2024.pdf." in note.text


def test_a_dropped_url_hyphen_before_a_plural_of_a_word_of_the_text_is_put_back():
    """The text says `press release`; the URL's slug says `press-releases`."""
    filler = "The assembly froze the island fares for a fourth year, the press release said."
    note = _only_note(
        "The fares were frozen again.", filler,
        "Assembly, “Fares Freeze,” press release, 2024, https://www.example.gov/news/press"
        "releases/island-fares-freeze-extended-fourth-year.aspx. The release gives the costs.\n"
    )
    assert "https://www.example.gov/news/press-releases/island-fares-freeze-extended-fourth-year.aspx" in note.text


def test_short_notes_whose_labels_pdftotext_set_after_the_page_are_read_in_order():
    """LibreOffice sets each label above its note, but pdftotext may print the labels of the
    page's first notes after all the others; the first notes then stand above the first label,
    set off from the body by a blank line, and several of them share that block."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"{body}\nThe ferries were counted first.1 Then the barges.2 Then the yachts.3 Then the rafts.4\n"
        "The count of canoes is still open, and the board will print it when it\n\n"
        "Talks with owners, Kelport, May 2021 (see note 3).\n"
        "Lake Board Ltd, “Reply to the Boat Count,” June 2021, 4.\n"
        "3\nIbid., 7.\n"
        "4\nRiver Trust, “Rafts on the Lake,” July 2021,\nhttps://trust.example.org/rafts-2021.\n"
        "1\n2\n\fprints the rest of the figures.\n"
    )
    found = notes(doc(text))
    assert found["1"] == "Talks with owners, Kelport, May 2021 (see note 3)."
    assert found["2"] == "Lake Board Ltd, “Reply to the Boat Count,” June 2021, 4."
    assert found["3"] == "Ibid., 7."
    assert found["4"] == "River Trust, “Rafts on the Lake,” July 2021, https://trust.example.org/rafts-2021."


def test_a_url_line_after_a_title_closed_by_a_comma_inside_its_quotes_goes_on_the_same_note():
    """Chicago style closes a title with a comma inside the quotes (`“Key Dates,”`): the URL on
    the next line is that note's, not a new note's opening."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"{body}\nThe timetable is fixed each spring.1\n\n"
        "The timetable is set out in Lake Board, “Budget Round 2025: Key Dates,”\n"
        "https://board.example.org/budget/2025/key-dates.html. A later date would delay the count.\n"
        "1\n"
    )
    found = notes(doc(text))
    assert found["1"].startswith("The timetable is set out in Lake Board, “Budget Round 2025: Key Dates,” https://")


def test_markers_printed_together_after_a_space_are_split_by_the_sequence():
    """LibreOffice may leave a space between a sentence's full stop and the markers raised after
    it; three markers then come out as one number set apart: `pounds. 161718`."""
    lines = [f"Claim number {n} of the survey.{n}" for n in range(1, 16)]
    lines += ["The appeal raised 1.1 million pounds. 161718", "The canal reopened in 2019 to a crowd.19", ""]
    for label in range(1, 20):
        lines += ["", str(label), "", f"Canal Trust, report {label}, https://canal.example.org/{label}."]
    parsed = doc("\n".join(lines))
    assert parsed.markers == tuple(str(n) for n in range(1, 20))
    assert links(parsed)["18"] == "The appeal raised 1.1 million pounds."
    assert links(parsed)["19"] == "The canal reopened in 2019 to a crowd."


def test_a_names_decimal_is_no_marker_but_a_units_power_before_a_full_stop_keeps_one():
    """`PM2.5, the finest dust` is a name's decimal; `40 km2.1 Its` is a power, a full stop and
    marker 1."""
    parsed = doc(
        """\
        The basin covers 40 km2.1 Its ponds froze.2 The reeds died.3 The birds left.4 Fine
        dust, PM2.5, rose there in winter.5 The board measured it at three gauges.6

        1 Survey Office, "Basin," 4 April 2021, https://survey.example.org/basin.
        2 Survey Office, "Ponds," 2021, https://survey.example.org/ponds.
        3 Survey Office, "Reeds," 2021, https://survey.example.org/reeds.
        4 Survey Office, "Birds," 2021, https://survey.example.org/birds.
        5 Air Office, "Dust," 3 May 2021, https://air.example.org/dust.
        6 Air Office, "Gauges," 9 June 2021, https://air.example.org/gauges.
        """
    )
    assert parsed.markers == ("1", "2", "3", "4", "5", "6")
    assert links(parsed)["5"] == "Fine dust, PM2.5, rose there in winter."


def test_a_marker_after_a_year_closing_its_line_stays_a_marker_before_a_word_in_lower_case():
    """`reduced in 2020.12` + `in 2025, should…` (a table's cells set side by side): after a
    year, the number is a marker even though the next line goes on in lower case."""
    parsed = doc(
        """\
        The licence was set in spring.1 The grazing licence, which expires
        after grazing was reduced in 2020.2
        in 2025, should keep the lower rate.

        1 Land Office, "Licence," 4 April 2021, https://land.example.org/licence.
        2 Land Office, "Grazing," 3 May 2021, https://land.example.org/grazing.
        """
    )
    assert parsed.markers == ("1", "2")


def test_labels_above_their_notes_with_the_last_note_closing_the_page():
    """pdflatex's text sets each label above its note; the first label cuts the body
    mid-sentence and the last note ends the page: the labels are not below the text above."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"The count began in 1921.1 It went on in 1931.2 Then in 1941.3 And in 1951.4\n{body}\n\n"
        "Restoration\nThe society was founded in 1971 by residents who wanted to save the lock, and it\n"
        "1\n\n“Boat counts”. Harbour Board. https://board.example.org/counts Retrieved 2019.\n"
        "2\nPengelly, Ruth (2004). “The lock”. Canal History. https://doi.org/10.5555/lock.\n"
        "3\nHarbour Board 1931, p. 4.\n"
        "4\nHarbour Board 1941, p. 9.\n\n"
        "\fbecame a trust in 1983.\n"
    )
    found = notes(doc(text))
    assert found["1"].startswith("“Boat counts”.")
    assert found["2"].startswith("Pengelly, Ruth (2004).")
    assert found["4"] == "Harbour Board 1941, p. 9."


def test_a_notes_sentence_cut_by_the_page_end_goes_on_above_the_next_pages_notes():
    """A note cut mid-sentence at a page's foot goes on at the top of the next page's notes,
    set off by a blank line and opening in lower case; that block is no note of its own."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"The first count was made in 1921.1\n{body}\n\n"
        "1\nHarbour Board, “Boat counts,” annual report, 1922. The board's own records cover the\n\n"
        f"\fThe second count followed in 1931.2\n{body}\n\n"
        "years 1921 to 1931 and include the ferries.\n2\nLake Trust, “Ferries,” 1932.\n"
    )
    found = notes(doc(text))
    assert found["1"].endswith("The board's own records cover the years 1921 to 1931 and include the ferries.")
    assert found["2"] == "Lake Trust, “Ferries,” 1932."


@pytest.mark.parametrize(
    "line, opens",
    [
        ("Census Working Group. (2024). National tree census 2023.", True),  # APA author and year
        ("Mbeki & Harlow (2020), p. 240, make the same point.", True),  # author-date back-reference
        ("System operator, “Storage queue, quarterly data,” 2024,", True),  # an issuer in lower case, a quoted title
        ("Hendrik Van de Velde et al., “Tide Tables on the Web,” 2009,", True),  # a name with particles, et al.
        ("Then the board of the harbour said, “We count again,”", False),  # prose, not names
        ("the board said, and then it went on to say", False),
    ],
)
def test_note_openings_of_author_date_and_issuer_styles(line, opens):
    from citetrack.read.pdftext import _start_strength

    assert bool(_start_strength(line, "")) is opens


@pytest.mark.parametrize(
    ("line", "carries"),
    [
        ("a fine, more than the fine itself, keeps people away.56 A", True),  # markers 5 and 6 printed together
        ("which of our habits would survive a pause.2021", True),  # 20 and 21
        ("Wendle Partnership, memorandum of understanding (2021), clause 9", False),  # a year, not 20 and 21
        ("Van de Sompel et al., arXiv:0911.1112 (2009)", False),  # a number's decimals, not 11 and 12
    ],
)
def test_markers_printed_together_mark_a_body_line(line, carries):
    """A body line right above a page's notes, its markers printed together, stops a note's
    text from being sought above it; a year or a decimal that reads as such a run does not."""
    from citetrack.read.pdftext import _has_marker

    assert _has_marker(line, range(1, 30)) is carries


def test_a_dropped_url_hyphen_inside_a_number_the_text_writes_with_hyphens_is_put_back():
    """`…/reports/RR-2411/…` on an overlong line, while the text names report `RR-24-11`: the
    hyphen goes back where the text has it, though digits meet digits there."""
    filler = "The observatory keeps the tide reports of the harbour masters in boxes by year."
    note = _only_note(
        "Research report RR-24-11 gives the models.", filler,
        "The models are in the appendix at https://observatory.example.org/reports/RR-2411/appendix_models.pdf. More follow.\n"
    )
    assert "https://observatory.example.org/reports/RR-24-11/appendix_models.pdf" in note.text


def test_a_body_going_on_at_the_next_pages_top_stays_body_after_a_cut_note():
    """The body's sentence going on at the top of the next page, in lower case, is not taken for
    the rest of a note the page's end cut: it is no block set off above that page's notes."""
    filler = "The harbour board counted the boats that came in and out of the bay each year"
    text = (
        "The first count was made in 1921.1 The boats were counted by the harbour master, and the\n"
        + "\n".join([filler + "."] * 5)
        + "\nand the count of the ferries and the barges went on until the board had counted\n"
        "1\nHarbour Board, “Boat counts,” annual report, 1922, with the tables of the board that cover the\n"
        "\fall the boats of the bay.2 The board printed the figures every spring.\n"
        + "\n".join([filler + "."] * 5)
        + "\n2\nLake Trust, “Ferries,” 1932.\n"
    )
    parsed = doc(text)
    assert links(parsed)["2"].endswith("went on until the board had counted all the boats of the bay.")
    assert "all the boats of the bay" not in notes(parsed)["1"]


def test_labels_above_their_notes_on_a_page_opening_with_the_rest_of_a_note():
    """`-layout` text of a LaTeX page whose notes open with the rest of the last page's note:
    the last label's note closes the page (a full stop, no marker due next), so it is that
    label's, not the body's."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"The count began in 1921.1 It went on in 1931.2\n{body}\n"
        "1\n  Harbour Board, “Counts,” 1922, https://board.example.org/counts.\n\n\n\n"
        "                 7\n"
        f"\fThe ferries came later.3 The barges last.4\n{body}\n\n\n\n"
        "   example.org/board-records/counts/ Retrieved 2\n   March 2024.\n"
        "3\n  Harbour Board 1931, p. 4.\n"
        "4\n  Harbour Board 1941, p. 9.\n\n\n\n"
        "                 8\n"
    )
    found = notes(doc(text))
    assert found["3"] == "Harbour Board 1931, p. 4."
    assert found["4"] == "Harbour Board 1941, p. 9."


def test_a_url_cut_at_the_page_end_goes_on_over_two_lines_above_the_next_pages_notes():
    """LaTeX carries a long note over the page break: the rest of its URL and of its access
    date stand set off above the next page's first label, on two lines."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"The count began in 1921.1\n{body}\n"
        "1\n“Boat counts and figures”. Harbour Board of the Bay. https://www.\n\n"
        f"\fIt went on in 1931.2\n{body}\n\n"
        "example.org/harbour-board/about/boat-counts/ Retrieved 2\nMarch 2024.\n"
        "2\nHarbour Board 1931, p. 4.\n"
    )
    found = notes(doc(text))
    assert found["1"].endswith("https://www.example.org/harbour-board/about/boat-counts/ Retrieved 2 March 2024.")
    assert found["2"] == "Harbour Board 1931, p. 4."


def test_a_marker_alone_in_a_table_cell_above_the_page_s_labels_is_not_a_label():
    """pdftotext sets a table column by column, so a marker raised beside a header cell
    (`Borough` then `4`) stands alone on its line above the page's notes. It is the next
    number after the page's labels, but it stands above them with notes after them: the
    marker of a note on a later page, not a label that takes the page's first notes."""
    filler = "The ferry office kept a ledger of every crossing made in the winter months."
    body = "\n".join([filler] * 4)
    text = (
        f"The winter timetable ran from November.1 Two boats were laid up.2 A third was sold.3\n{body}\n"
        "Table 1. Crossings by borough\n\nBorough\n4\n\nEastwick\nMarlow Quay\n\n"
        "Crossings\n\n1,204\n2,310\n\n"
        "1\nPort Office, winter timetable, 2021, https://port.example.org/winter-2021.\n"
        "2\nDock register, entry 42.\n"
        "3\nHarbour sale notice, Lakeside Gazette, 5 March 2021.\n"
        "\fThe quay counts came from the borough returns.\n"
        "4\nBorough returns, 2021, https://borough.example.gov/returns.\n"
    )
    parsed = doc(text)
    assert notes(parsed) == {
        "1": "Port Office, winter timetable, 2021, https://port.example.org/winter-2021.",
        "2": "Dock register, entry 42.",
        "3": "Harbour sale notice, Lakeside Gazette, 5 March 2021.",
        "4": "Borough returns, 2021, https://borough.example.gov/returns.",
    }
    assert links(parsed)["4"] == "Borough"


def test_a_label_lost_in_mid_page_still_leaves_the_notes_after_it_their_own_labels():
    """The extraction may glue a label to another note's last line (`…/permits-2020` then `2`
    read as `permits-20202`). The labels after the lost one still stand alone: the lost one
    is skipped, and its note is cut from the note above where a note surely opens."""
    filler = "The council reviewed the parking permits of every street in the old town."
    body = "\n".join([filler] * 4)
    claims = " ".join(f"Claim number {n} was checked.{n}" for n in range(1, 5))
    text = (
        f"{claims}\n{body}\n\n"
        "1\nTown survey, 2020, p. 4.\n“Permit prices”, Council minutes, 2 June 2021.\n"
        "3\nStreet audit, 2022, https://audit.example.gov/streets.\n"
        "4\nIbid., p. 9.\n"
    )
    assert notes(doc(text)) == {
        "1": "Town survey, 2020, p. 4.",
        "2": "“Permit prices”, Council minutes, 2 June 2021.",
        "3": "Street audit, 2022, https://audit.example.gov/streets.",
        "4": "Ibid., p. 9.",
    }


def test_a_label_standing_apart_before_a_lost_label_keeps_its_note():
    """A label set off by blank lines, then its note and the next note whose label was lost:
    the label's note is not taken for empty (the label after it is not the next number), and
    the two notes are cut where the second opens."""
    filler = "The trust repaired the village pumps and kept a count of every repair it made."
    body = "\n".join([filler] * 4)
    claims = " ".join(f"Claim number {n} was checked.{n}" for n in range(1, 4))
    text = (
        f"{claims}\n{body}\n\n1\n\n"
        "Pump Trust, “Repairs”, https://pumps.example.org/repairs.\n"
        "Three of the pumps failed in the floods; see District Office, “Flood report”, https://district.example.gov/floods.\n"
        "3\nIbid., p. 2.\n"
    )
    assert notes(doc(text)) == {
        "1": "Pump Trust, “Repairs”, https://pumps.example.org/repairs.",
        "2": "Three of the pumps failed in the floods; see District Office, “Flood report”, https://district.example.gov/floods.",
        "3": "Ibid., p. 2.",
    }


def test_notes_of_two_columns_whose_groups_pdftotext_printed_out_of_order_keep_their_labels():
    """LibreOffice sets a page's notes under each column; pdftotext may print the right
    column's notes first, and in each group the first note's label after the group's last
    note. Labels then stand above their notes but out of order: a note takes the label right
    above it, and a group's first note the label printed after the group."""
    filler = "The parish council kept the minutes of every meeting about the village green."
    body = "\n".join([filler] * 4)
    claims = " ".join(f"Claim number {n} was checked.{n}" for n in range(1, 7))
    text = (
        f"{claims}\n{body}\n"
        "“Green mowing rota,” Parish Newsletter, 4 May 2021, https://parish.example.org/rota.\n"
        "5\nParish minutes, 12 June 2021, item 4.\n"
        "6\nCounty Ecology Office, Verges survey, https://county.example.gov/verges-2021.\n"
        "4\n\n"
        "Village Trust, Annual report 2020, p. 3.\n"
        "2\nIbid., p. 7.\n"
        "3\nRoads Department, Speed limits, https://roads.example.gov/limits.\n"
        "1\n"
    )
    assert notes(doc(text)) == {
        "1": "Village Trust, Annual report 2020, p. 3.",
        "2": "Ibid., p. 7.",
        "3": "Roads Department, Speed limits, https://roads.example.gov/limits.",
        "4": "“Green mowing rota,” Parish Newsletter, 4 May 2021, https://parish.example.org/rota.",
        "5": "Parish minutes, 12 June 2021, item 4.",
        "6": "County Ecology Office, Verges survey, https://county.example.gov/verges-2021.",
    }


def test_a_dropped_url_hyphen_between_two_english_words_the_text_never_writes_is_put_back():
    """pdftotext dropped the hyphen where LaTeX broke `…/data/storage-` + `connections/…`;
    the document never writes either word, but both are common English words."""
    filler = "The grid operator publishes the queue of projects waiting for a place on the network."
    joined = (
        "Grid Operator, queue data, 30 October 2024, https://www.example.org/operator/data/storage"
        "connections/quarterly?period=2024-Q3&format=html"
    )
    note = _only_note("The queue grew by a third in a year.", filler, f"{joined}\n")
    assert "https://www.example.org/operator/data/storage-connections/quarterly?period=2024-Q3&format=html" in note.text


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.org/operator/files/applicationDetails.do?id=4412&tab=summary&view=full&lang=en",
        "https://www.example.org/operator/files/archive/2024/bitstream/handle/4412/report.pdf?sequence=2",
    ],
    ids=["camel-case", "one-word"],
)
def test_english_words_run_together_in_a_long_url_line_keep_no_hyphen(url):
    """`applicationDetails` (camel case) and `bitstream` (one word of its own) in a note's
    line past the usual width: the dictionary alone puts no hyphen there."""
    filler = "The grid operator publishes the queue of projects waiting for a place on the network."
    note = _only_note("The queue grew by a third in a year.", filler, f"Grid Operator, data files, {url}\n")
    assert url in note.text


def test_a_url_line_ending_in_two_english_words_run_together_was_cut_there_not_joined():
    """A note line, wider than the body's, that ends inside a URL (`…/glenmar` then
    `row-asks…`) was cut there by the renderer: no hyphen goes between `glen` and `mar`."""
    filler = "The clinic closed in the spring, and the nearest doctor is now forty miles away."
    note = _only_note(
        "The valley asked where its clinic had gone.", filler,
        "Herald, 6 February 2025, https://www.haldaneherald.example.co.uk/news/2025/02/06/glenmar\n"
        "row-asks-where-is-our-clinic/.\n",
    )
    assert "https://www.haldaneherald.example.co.uk/news/2025/02/06/glenmarrow-asks-where-is-our-clinic/" in note.text


def test_a_note_citing_a_table_by_its_decimal_number_is_no_body_line():
    """`annex table 2.3. Available at:` in the first note (above the page's other labels, its
    own label printed after them) is no marker 3 of the body: the note is still found."""
    filler = "The harbour board counted the boats that came in and out of the bay each year."
    body = "\n".join([filler] * 5)
    text = (
        f"{body}\nThe ferries were counted first.1 Then the barges.2 Then the yachts.3\n\n"
        "Harbour Office (2021) Boat Census, annex table 2.3. Available at:\n"
        "https://harbour.example.org/census/boats-2021.xlsx.\n"
        "2\nDock Board (2020) Annual Report, p. 4.\n"
        "3\nIbid., p. 9.\n"
        "1\n"
    )
    assert notes(doc(text)) == {
        "1": "Harbour Office (2021) Boat Census, annex table 2.3. Available at: https://harbour.example.org/census/boats-2021.xlsx.",
        "2": "Dock Board (2020) Annual Report, p. 4.",
        "3": "Ibid., p. 9.",
    }


@pytest.mark.parametrize(
    ("printed", "whole"),
    [
        ("https://www.example.gov/finance/budget/2025" "26/key-dates-for-the-island-budget.html",
         "https://www.example.gov/finance/budget/2025-26/key-dates-for-the-island-budget.html"),
        ("https://democracy.example.gov.uk/meetings/housing/2021" "03-17/minutes-of-the-committee#item5",
         "https://democracy.example.gov.uk/meetings/housing/2021-03-17/minutes-of-the-committee#item5"),
    ],
    ids=["span-of-years", "date"],
)
def test_a_dropped_hyphen_of_a_date_or_span_of_years_in_a_url_path_is_put_back(printed, whole):
    """pdftotext dropped the hyphen where the line broke after `2025-` or `2021-`; in a URL's
    path, a span of two years (`2025-26`) or a date between separators gets it back."""
    filler = "The island council sets its budget every spring, after the ferry fares are agreed."
    note = _only_note("The budget was set in March.", filler, f"Island Council, Budget process papers, {printed}\n")
    assert whole in note.text


def test_a_dropped_url_hyphen_is_put_back_where_the_first_line_ended_before_a_cut_past_it():
    """Two cuts in one joined line: between two words of the text near the usual line end
    (`lake|project`), and at a change of case well past it (`Boat|Sources`). The line broke
    where full lines end, so the first wins even though a change of case ranks higher."""
    filler = "The lake project counted the boats and their sources of power on the water each summer."
    body = "\n".join([filler] * 6)
    text = (
        f"The boats were counted.1 The trust kept a list.2 Then a map.3 Then a chart.4 The list moved.5\n{body}\n\n"
        "1\nLake Trust, Boat count, https://laketrust.example.org/count/2020.\n"
        "2\nLake Trust, Sources of power, https://laketrust.example.org/power/2020.\n"
        "3\nLake Trust, Map of the moorings, https://laketrust.example.org/map/2020.\n"
        "4\nLake Trust, Chart of the depths, https://laketrust.example.org/chart/2020.\n"
        "5\nLake Trust, 2020, https://web.archive.org/web/20100226072731/http://wiki.lakeproject.org/w/BoatSources.\n"
    )
    assert notes(doc(text))["5"].endswith("http://wiki.lake-project.org/w/BoatSources.")


def test_a_first_label_that_pdftotext_set_among_a_table_s_cells_still_takes_the_first_note():
    """pdflatex with a table near the page's foot: pdftotext may print the first note's label
    among the table's cells (`1`, a blank line, cells), far from its note, which then stands
    right above the second label. Every other label stands right above its note, so the first
    note is the one no label stands above, and the cells stay in the body."""
    filler = "The council reviewed the bus routes that serve the villages north of the river."
    body = "\n".join([filler] * 5)
    text = (
        f"The routes were cut in 2021.1 Two were restored.2 One was sold.3\n{body}\n"
        "Table 1. Routes\nRoute\n\nVillages\n\n"
        "North loop\nRiver road\n\n1\n\nEvery hour\nTwice a day\n\n"
        "County Transport Office, Route review 2021, https://transport.example.gov/review-2021.\n"
        "2\nIbid., p. 12.\n"
        "3\nBus Users Group, “Selling the river road,” 4 May 2022.\n"
    )
    parsed = doc(text)
    assert notes(parsed) == {
        "1": "County Transport Office, Route review 2021, https://transport.example.gov/review-2021.",
        "2": "Ibid., p. 12.",
        "3": "Bus Users Group, “Selling the river road,” 4 May 2022.",
    }
    assert "Every hour" not in " ".join(notes(parsed).values())


def test_a_group_s_first_note_above_its_labels_is_read_even_when_a_note_goes_on_after_them():
    """Labels out of order (the group's first label printed after the group), and the group's
    last note going on after that label and a blank line: the counts of labels and blocks
    agree without the first note, yet the text right above the top label is that note, and the
    part after the blank line goes on the note before it."""
    filler = "The county counted the riders of every bus and ferry in the valley that year."
    body = "\n".join([filler] * 5)
    text = (
        f"The passes were cheap.1 The fares rose.2 The ferries ran late.3 The boats too.4\n{body}\n"
        "“Bus passes,” Transit Weekly, 2 May 2021, https://weekly.example.org/passes.\n"
        "2\nCounty Office, Fares, https://county.example.gov/fares.\n"
        "3\nRiver Trust, Ferries, 2020, https://trust.example.org/ferries.\n"
        "1\n\n"
        "the trust counts them each summer.\n"
        "4\nIbid., p. 3.\n"
    )
    found = notes(doc(text))
    assert found["1"] == "“Bus passes,” Transit Weekly, 2 May 2021, https://weekly.example.org/passes."
    assert found["2"] == "County Office, Fares, https://county.example.gov/fares."
    assert found["3"] == "River Trust, Ferries, 2020, https://trust.example.org/ferries. the trust counts them each summer."
    assert found["4"] == "Ibid., p. 3."


def test_a_camel_case_url_in_a_full_note_line_set_smaller_than_the_body_gets_no_hyphen():
    """LaTeX sets notes smaller, so a full note line runs past the body's width without any
    join. A change of case there (`…/NightNetwork/PassengerCounts`) is the URL's own spelling:
    only a line longer than the widest full line was joined where a hyphen was dropped."""
    filler = "The night buses carried more riders after the late trains were cut back."
    body = "\n".join([filler] * 6)
    notes_text = "".join(
        f"{n}\nTransport Board, Late service report {n}, https://board.example.org/reports/late-{n}.pdf, p. 4.\n"
        for n in range(1, 4)
    )
    text = (
        f"The night buses ran.1 They ran late.2 They ran full.3 The counts were kept.4\n{body}\n\n{notes_text}"
        "4\nOpen data, counts, https://opendata.example.org/NightNetwork/PassengerCounts?format=xlsx&y=2024.\n"
    )
    assert notes(doc(text))["4"].endswith("https://opendata.example.org/NightNetwork/PassengerCounts?format=xlsx&y=2024.")


def test_a_marker_glued_to_a_decimal_keeps_its_body_line_out_of_the_notes_below():
    """`from release 10.913 (`: release 10.9, then marker 13, in the body right above the page's
    notes (no blank line between). The line is body text with a marker, so the note block above
    the labels stops below it and marker 13 keeps its claim; the decimal `10.6)` on the next
    line is no marker."""
    page1 = "\n".join(f"The ferry office counted the boats of pier {n} in the spring of that year.{n}" for n in range(1, 11))
    notes1 = "\n".join(f"Harbour Office, “Pier {n},” Gazette, {n} May 2019.\n{n}" for n in range(1, 11))
    text = (
        f"{page1}\n{notes1}\n\f\n"
        "The booking page opened for the island routes in the following spring.11 It\n"
        "printed the tickets at the kiosks on the quay and at the harbour office.12\n\n"
        "Kiosks\n"
        "The page ran on the kiosks from release 10.913 (the oldest kiosks ran\n"
        "release 10.6) and the staff learnt it in a day, with\n"
        "results reported by the kiosk trust in its spring newsletter of 2019.\n11\n"
        "Harbour Office, “Bookings by kiosk,” Gazette, 4 May 2019, https://gazette.example.org/kiosks.\n12\n\f\n"
        "the help of the ferry crews, who had used it on the mainland.14\n"
        "Ferry Board, “Kiosk manual,” 2019, https://ferries.example.org/manual.\n13\n"
        "Ferry Board, “Crews,” 2020.\n14\n"
    )
    claims = links(doc(text))
    assert claims["13"].startswith("The page ran on the kiosks from release 10.9 (the oldest kiosks ran release 10.6)")


_TIMETABLE_FILLER = (
    "The harbour board kept a log of the ferry timetable, season by season, and a sailor signed it.\n"
    "Each entry in the log went to the printers in town; the northernmost landing was listed last.\n"
)


def _timetable(cells: str) -> str:
    """A page whose table has a narrow column of changes, which pdftotext prints cell by cell,
    each cell's lines one under another (`cells`), between full lines of body text."""
    return (
        _TIMETABLE_FILLER * 3 + "\nSeason\n\nChanges\n\nSpring\n2019\n\n" + cells + "\n\n" + _TIMETABLE_FILLER * 2
        + "\n1\nHarbour Board, Timetable log, 2019.\n2\nHarbour Board, Accounts, 2019.\n"
    )


def test_a_narrow_table_cell_printed_line_by_line_gives_its_whole_sentence_as_claim():
    """`The` / `Harbour` / `Board` / `moved the` / `Monday` …: short lines opening with a
    capital end no paragraph inside a narrow column's cell; the claim is the cell's sentence."""
    cells = "The\nHarbour\nBoard\nmoved the\nMonday\nsailing to\nSeven\nBridges.1\n\nSummer\n2019\n\nTwo sailings\nwere added.2"
    claims = links(doc(_timetable(cells)))
    assert claims["1"] == "The Harbour Board moved the Monday sailing to Seven Bridges."
    assert claims["2"] == "Two sailings were added."


def test_a_word_a_narrow_cell_broke_without_a_hyphen_is_joined_when_the_document_writes_it():
    """`northernmo` / `st`: the column's edge broke the word, and the body writes
    `northernmost`, so the pieces are joined; `sail` / `or` are two words, though the body
    writes `sailor`, and stay apart."""
    cells = "The\nHarbour\nBoard\nmoved the\nMonday\nsailing to\nthe\nnorthernmo\nst\nlanding.1\n\nA new sail\nor a new\nmast was\nbought.2"
    claims = links(doc(_timetable(cells)))
    assert claims["1"] == "The Harbour Board moved the Monday sailing to the northernmost landing."
    assert claims["2"] == "A new sail or a new mast was bought."


def test_a_group_s_first_note_naming_its_author_surname_first_opens_under_a_body_line_ending_in_a_name():
    """Labels out of order (the group's first label printed after it), and the first note glued
    to the body's last line, which ends on a capitalised word (`Harbour Trust`): `Okafor,
    Miriam.` names an author surname first, so the note opens there, not at the next URL."""
    filler = "The county counted the riders of every bus and ferry in the valley that year."
    body = "\n".join([filler] * 5)
    text = (
        f"The passes were cheap.1 The fares rose.2 The ferries ran late.3\n{body}\n"
        "In the spring the ferries were run by the Harbour Trust\n"
        "Okafor, Miriam. “Bus passes and the valley.” Transit Weekly.\n"
        "https://weekly.example.org/passes/valley.html\n"
        "Retrieved 2 May 2021.\n"
        "2\n“Fares”. County Office.\n"
        "https://county.example.gov/fares.html Retrieved 3 May 2021.\n"
        "3\n“Ferries”. River Trust. 2020.\n"
        "1\n"
    )
    found = notes(doc(text))
    assert found["1"] == "Okafor, Miriam. “Bus passes and the valley.” Transit Weekly. https://weekly.example.org/passes/valley.html Retrieved 2 May 2021."
    assert found["2"] == "“Fares”. County Office. https://county.example.gov/fares.html Retrieved 3 May 2021."


def test_a_narrow_cell_s_line_ending_in_a_semicolon_opens_no_list_item():
    """`refits;1` / `the` / `engines` …: in a narrow column every line is short, so a short
    line ending in a semicolon is no item of a list whose bullets were lost; the cell's
    sentence goes on after the marker and is the claim."""
    cells = "Safety\nrefits;1\nthe\nengines\nwere\nreplaced by\nrefurbished\nones in May.\n\nSummer\n2019\n\nTwo sailings\nwere added.2"
    claims = links(doc(_timetable(cells)))
    assert claims["1"] == "Safety refits; the engines were replaced by refurbished ones in May."


def test_a_narrow_cell_cut_by_the_page_s_end_before_its_sentence_ends_stays_one_paragraph():
    """The cell's lines run to the page's notes and its sentence goes on overleaf: with no
    full stop yet, its capitalised lines (`Harbour`, `Seven`) still open no paragraph."""
    cells = "The\nHarbour\nBoard\nmoved the\nMonday\nsailing1\nto the\nSeven\nBridges\npier and\nthe"
    text = (
        _TIMETABLE_FILLER * 3 + "\nSeason\n\nChanges\n\nSpring\n2019\n\n" + cells
        + "\n\n1\nHarbour Board, Timetable log, 2019.\n\f" + _TIMETABLE_FILLER * 2
    )
    claims = links(doc(text))
    assert claims["1"].startswith("The Harbour Board moved the Monday sailing to the Seven Bridges pier and the")


def test_words_a_narrow_cell_broke_are_joined_where_the_document_writes_them_nowhere_else():
    """`Refurbishm` / `ents to`, `Counterbal` / `anceweigh` / `ts and`, `Wheelhou` / `se`:
    each head fills its line alone and is no word, and what follows is no word of the
    document, so the pieces are one word; `Okafor` / `and Sons` stay apart (`and` is a word
    of the document: the cell's next word), and so do `Retrofitting` / `criteria` (a word of
    common English)."""
    cells = (
        "Refurbishm\nents to\nthe\nCounterbal\nanceweigh\nts and\nthe\nWheelhou\nse\nwindows by\nOkafor\n"
        "and Sons\nunder\nRetrofitting\ncriteria.1\n\nSummer\n2019\n\nTwo sailings\nwere added.2"
    )
    claims = links(doc(_timetable(cells)))
    assert claims["1"] == (
        "Refurbishments to the Counterbalanceweights and the Wheelhouse windows by Okafor and Sons under Retrofitting criteria."
    )


def test_a_narrow_cell_cut_by_a_page_break_goes_on_under_the_table_head_repeated_overleaf():
    """A table row cut by the page's end: the cell's sentence goes on overleaf under the table's
    head row, which the renderer repeated there; the head is dropped and the claim is the
    cell's whole sentence."""
    head = "Season\n\nChanges\nmade\nthat\nyear\n\n"
    page1 = (
        _TIMETABLE_FILLER * 3 + "\n" + head + "Spring\n2019\n\nThe\nHarbour\nBoard\nmoved\nthe\nMonday1\nsailing\nto"
        + "\n\n1\nHarbour Board, Timetable log, 2019.\n"
    )
    page2 = head + "the Seven\nBridges\npier and\nback on\nSundays.\n\n" + _TIMETABLE_FILLER * 2 + "\n2\nHarbour Board, Accounts, 2019.\n"
    claims = links(doc(page1 + "\f" + page2.replace("sailor signed it.", "sailor signed it.2", 1)))
    assert claims["1"] == "The Harbour Board moved the Monday sailing to the Seven Bridges pier and back on Sundays."


def test_a_narrow_column_of_labels_wrapped_over_lines_keeps_a_claim_per_cell():
    """`Share of boats` / `that sank` / `Average cost per` / `crossing (GBP)2`: a column of row
    labels, each wrapped over lines whose second opens in lower case, holds no sentence: each
    capitalised line opens its own cell, and marker 2 claims its own label only."""
    cells = "Boats\nlaunched1\nShare of boats\nthat sank\nAverage cost per\ncrossing (GBP)2\nPrint run of\nthe timetable"
    claims = links(doc(_timetable(cells)))
    assert claims["2"] == "Average cost per crossing (GBP)"


def test_a_line_opening_with_retrieved_is_a_note_s_tail_so_an_empty_note_keeps_its_label():
    """Labels under their notes, and note 3 empty (its label alone between blank lines): the
    line `Retrieved 3 May 2020.` under note 4's URL looks like a name and a comma, but it
    closes that note and opens none, so note 4 keeps its URL and note 3 stays empty."""
    filler = "The harbour office counted the boats in the bay every spring and every autumn."
    body = "\n".join([filler] * 5)
    text = (
        f"The count began.1 It went on.2 It stopped.3 It began again.4\n{body}\n\n"
        "“Boat census”. Harbour Office. 2019.\n1\n\n"
        "“Ferry counts”. Ferry Board. 2020.\n2\n\n3\n\n"
        "“Boats in the bay, spring and autumn counts, 2019 and 2020”. Harbour Office.\n"
        "https://harbour.example.org/census/bay/\n"
        "counts.cfm?year=2020&season=spring\n"
        "Retrieved May 3, 2020.\n4\n"
    )
    found = notes(doc(text))
    assert found["3"] == ""
    assert "https://harbour.example.org/census/bay/counts.cfm?year=2020&season=spring" in found["4"]


def test_an_issuer_whose_name_joins_its_words_opens_the_note_under_a_body_line_ending_in_a_marker():
    """A group's first note glued to the body, whose last line ends `Survey.3` (a full stop,
    then a marker): `Ministry of Transport and Ports. “…”` names an issuer with lower-case
    joining words, a surer note start than the archive URL after `Archived at` below it."""
    filler = "The county counted the riders of every bus and ferry in the valley that year."
    body = "\n".join([filler] * 5)
    text = (
        f"The passes were cheap.1 The fares rose.2\n{body}\n"
        "The ferry figures come from the Valley Travel Survey.3\n"
        "Ministry of Transport and Ports. “Valley ferries: the\n"
        "spring timetable”. 2020.\n"
        "https://transport.example.gov/ferries/valley.html\n"
        "Archived at\n"
        "https://archive.example.org/2020/https://transport.example.gov/\n"
        "ferries/valley.html. Retrieved 2 May 2021.\n"
        "2\n“Fares”. County Office. 2021.\n"
        "3\n“Ferries”. River Trust. 2020.\n"
        "1\n"
    )
    found = notes(doc(text))
    assert found["1"].startswith("Ministry of Transport and Ports. “Valley ferries: the spring timetable”. 2020.")


def test_a_number_after_a_single_letter_and_its_point_is_a_chapter_not_a_marker():
    """`(Harbours Act 1990, c. H.7)`: the 7 after `H.` numbers a chapter of the statutes. The
    note that opens with it, glued to the body's last line above its label, is still read from
    that line, and the URL cut after `_` below it is whole."""
    filler = "The harbour office counted the boats in the bay every spring and every autumn."
    body = "\n".join([filler] * 5)
    text = (
        f"The act was repealed.1 A commentary followed.2\n{body}\n"
        "The harbours have been run by the county since then.\n"
        "“Harbours Act (Revised Statutes 1990, c. H.7)”.\n"
        "https://laws.example.gov/repealed/statutes/english/rep_statut\n"
        "es_90h07_e.htm Retrieved August 2, 2013.\n"
        "1\n\n"
        "Okafor, N. “The Harbours Act: A Commentary”. 2009.\n"
        "2\n"
    )
    found = notes(doc(text))
    assert found["1"] == (
        "“Harbours Act (Revised Statutes 1990, c. H.7)”. "
        "https://laws.example.gov/repealed/statutes/english/rep_statutes_90h07_e.htm Retrieved August 2, 2013."
    )


def test_a_marker_after_a_unit_ending_a_sentence_is_kept():
    """`an accuracy of 0.15 m.23`: a unit in lower case and the sentence's full stop, then two
    markers; only a capital and its point (`c. H.7`) number a chapter."""
    filler = "The coast survey measured the cliff tops every spring with a laser from the air."
    body = "\n".join([filler] * 5)
    text = (
        f"The survey began in 2019.1 Its models have an accuracy of 0.15 m.23 The cliffs fell.4\n{body}\n\n"
        "1\nCoast Office, Survey plan, 2019.\n2\nCoast Office, Accuracy note, 2020.\n"
        "3\nAir Survey Ltd, Calibration, 2020.\n4\nCoast Office, Falls, 2021.\n"
    )
    claims = links(doc(text))
    assert claims["2"] == claims["3"] == "Its models have an accuracy of 0.15 m."


def test_a_marker_after_words_set_apart_by_slashes_is_a_marker():
    """`defunct/ignored/replaced2`: words joined by slashes are no URL (no dot, no colon), so
    the number glued to them is marker 2."""
    filler = "The ferry timetable was printed every spring and posted on every pier of the bay."
    body = "\n".join([filler] * 5)
    text = (
        f"The paper timetable began in 1990.1 It is now defunct/ignored/replaced2 by an app.\n{body}\n\n"
        "1\nFerry Board, Timetables, 1990.\n2\nFerry Board, The app, 2021.\n"
    )
    claims = links(doc(text))
    assert claims["2"] == "It is now defunct/ignored/replaced by an app."


def test_list_items_whose_bullets_the_text_lost_are_claims_of_their_own():
    """A browser draws its bullets, so the text has none: the items end their lines with a
    semicolon (the first one short of the paragraph's width), and the lead-in ends with a
    colon. A semicolon ending a full line of prose splits nothing."""
    parsed = doc(
        """\
        The harbour board met four times in 2023 and heard evidence from pilots,
        ferry crews and the coastguard about the state of the channel.1 It found that:
        silt in the outer channel rose by a third between 2019 and 2023, the most
        since the survey began;2
        dredging was cut back in each of those years;3
        the ferries' late arrivals rose as the channel silted up, with the winter
        sailings hit hardest by the low tides of January and February;4
        the pilots had asked for a new survey twice.5
        The board has not yet replied to them; its chair said that it would do so
        by the spring, once the survey is in hand.6

        1
        Harbour board, minutes, 2023.
        2
        Channel survey, 2023.
        3
        Port accounts, 2023.
        4
        Ferry operator, punctuality figures, 2023.
        5
        Pilots' association, letters, 2022.
        6
        Lakeside Gazette, 4 March 2024.
        """
    )
    assert links(parsed) == {
        "1": "The harbour board met four times in 2023 and heard evidence from pilots, ferry crews and the "
        "coastguard about the state of the channel.",
        "2": "silt in the outer channel rose by a third between 2019 and 2023, the most since the survey began;",
        "3": "dredging was cut back in each of those years;",
        "4": "the ferries' late arrivals rose as the channel silted up, with the winter sailings hit hardest "
        "by the low tides of January and February;",
        "5": "the pilots had asked for a new survey twice.",
        "6": "The board has not yet replied to them; its chair said that it would do so by the spring, once "
        "the survey is in hand.",
    }


def test_a_numbered_paragraph_is_a_claim_without_its_sections_heading():
    """A report numbers its paragraphs under numbered headings ("4. Repairs", "4.1 …"): a
    paragraph's claim starts at its number, not at the heading above it."""
    parsed = doc(
        """\
        3. Background
        3.1 The harbour wall was built in 1953 and last repaired in 1988.1
        3.2 Its condition was surveyed again in 2022.2 Its score fell from
        3.3 points to 2.1 in four years.3
        4. Repairs
        4.1 The board has set aside four million for the work.4

        1
        County record office, plans of 1953.
        2
        Coastal survey, 2022.
        3
        Coastal survey, table 2.
        4
        Harbour board, budget, 2024.
        """
    )
    assert links(parsed) == {
        "1": "3.1 The harbour wall was built in 1953 and last repaired in 1988.",
        "2": "3.2 Its condition was surveyed again in 2022.",
        "3": "Its score fell from 3.3 points to 2.1 in four years.",
        "4": "4.1 The board has set aside four million for the work.",
    }


def test_a_marker_glued_between_an_em_dash_and_the_next_word_is_read():
    """A browser prints a note after a dash with no space either side ("ink—2the pencil"); an
    ordinal after a dash ("—2nd") is no marker."""
    parsed = doc(
        """\
        The reader wrote each figure twice.1 She used pencil first, then ink—2the
        pencil for herself. The board moved her to the 3rd district—the 2nd time that
        year—3and she kept the book.

        1
        Ledger, 1961.
        2
        Interview with her niece, 2024.
        3
        Board minutes, 1962.
        """
    )
    assert parsed.markers == ("1", "2", "3")
    assert links(parsed)["2"] == "She used pencil first, then ink—the pencil for herself."
    assert "the 2nd time" in links(parsed)["3"]


def test_markers_listed_with_commas_are_read_as_a_run():
    """LaTeX's book classes print notes set together as a list ("contractor.6,7 She"); a decimal
    comma ("rose by 3,5 %", "(2,5 hours)") is no list, and a number in a compound in a note
    ("15-Minute Readings") is no marker of a lost note."""
    parsed = doc(
        """\
        The board was merged in 1974.1 It replaced the readers with a contractor.2,3 Use
        rose by 3,5 % that year (2,5 hours a day on average).4 Some of the old readers
        found other work in 2024-25,5,6 most of them in the town.
        1 Water Order 1974, art. 4.
        2 Authority, Annual Report 1979, 12.
        3 Interview with a former reader, 2024.
        4 Ruiz and Osterberg, “Inferring Routines from 15-Minute Readings,” 2021.
        5 Ledger, 1979.
        6 Ibid., 1980.
        """
    )
    assert parsed.markers == ("1", "2", "3", "4", "5", "6")
    assert links(parsed)["3"] == "It replaced the readers with a contractor."
    assert notes(parsed)["4"] == "Ruiz and Osterberg, “Inferring Routines from 15-Minute Readings,” 2021."


def test_labels_stacked_above_german_notes_keep_dates_and_statutes_apart():
    """xelatex's labels printed together above the page's notes: the notes are told apart by
    how they open. A date broken after its day ("vom 12." / "Dezember 2023") goes on; a note
    may open with a statute's section ("§ 9 Abs. 3") or "Ebd."."""
    parsed = doc(
        """\
        Die Förderung wurde 2023 neu geregelt.1 Die Städte müssen ihre Pläne abstimmen.2 Das
        Land prüft die Pläne nicht selbst.3 Die Frist wurde verlängert.4
        1

        2

        3

        4

        Ministerium für Umwelt, Richtlinie zur Förderung der Wärmeplanung vom 12.
        Dezember 2023, Nr. 5.2, https://muke.example.de/foerderung/richtlinie#nr-5-2.
        § 9 Abs. 3 KWPG; zum Verfahren vgl. die Handreichung vom 9. Februar 2024.
        Ebd., S. 6.
        Stadt Lindach, Pressemitteilung vom 3.
        März 2024, https://lindach.example.de/presse/2024-03-03.
        """
    )
    assert notes(parsed) == {
        "1": "Ministerium für Umwelt, Richtlinie zur Förderung der Wärmeplanung vom 12. Dezember 2023, Nr. 5.2, "
        "https://muke.example.de/foerderung/richtlinie#nr-5-2.",
        "2": "§ 9 Abs. 3 KWPG; zum Verfahren vgl. die Handreichung vom 9. Februar 2024.",
        "3": "Ebd., S. 6.",
        "4": "Stadt Lindach, Pressemitteilung vom 3. März 2024, https://lindach.example.de/presse/2024-03-03.",
    }


def test_a_time_is_no_marker():
    """A number after a time's colon ("until 02:10 on") is the time's minutes, whatever note
    number is due there; after a year's colon ("in 1965:11 it") it is a marker."""
    parsed = doc(
        """\
        Warnings went out in the upper valley.9 For the lower villages no warning was issued until
        02:10 on 15 November, by which time water was in the streets.10 The agency changed
        its model in 2024:11 it now reads the upper gauges.
        9 Flood agency, warnings log, 2023.
        10 Ibid.
        11 Flood agency, model review, 2024.
        """
    )
    assert links(parsed)["10"].startswith("For the lower villages no warning was issued until 02:10 on 15 November")
    assert parsed.markers == ("9", "10", "11")


def test_items_after_bullets_set_on_lines_of_their_own_are_claims_of_their_own():
    """LibreOffice's text sets each bullet on a line of its own, a blank line before its item:
    an item ending on a semicolon is not joined to the next one."""
    parsed = doc(
        """\
        We interviewed 26 farmers.1 Their main worries were:
        •

        when the water allowance is known, often after sowing;2

        •

        the cost of pumping, which doubled in 2022;3

        •

        and the lack of young farmers.4

        1
        Interviews, 2024.
        2
        Ibid.
        3
        Energy prices, 2022.
        4
        Farm census, 2023.
        """
    )
    assert links(parsed)["2"] == "when the water allowance is known, often after sowing;"
    assert links(parsed)["3"] == "the cost of pumping, which doubled in 2022;"


def test_a_figure_grouped_with_points_then_a_marker_in_a_table_cell():
    """Spanish and German group thousands with points: a table cell `6.4802` is 6.480 and
    marker 2, found where the sequence leaves a gap for it."""
    parsed = doc(
        """\
        Drip irrigation spread unevenly across the valley.1
        Community          Gravity      Sprinkler      Drip
        Canal Alto           2.150        6.4802       9.870
        Acequia Real3        7.940        1.210        3.050
        Most of the new drip lines were paid for with public money.4

        1
        Basin authority, irrigation census, 2023.
        2
        Canal Alto, annual report, 2023.
        3
        Acequia Real, register of irrigators, 2023.
        4
        Ministry of Agriculture, grants list, 2022.
        """
    )
    assert parsed.markers == ("1", "2", "3", "4")


def test_a_url_carried_over_the_page_takes_only_its_rest_from_above_the_next_notes():
    """A note's URL cut by the page's end goes on right above the next page's notes, under the
    body's last paragraph: only that rest joins the note, the paragraph stays body."""
    parsed = doc(
        """\
        The river authority set the minimum flow in 2023.1 Campaigners found it far too low
        and said so in a statement the same month, which was widely reported in the valley.

        1
        Campaigners for the River, “The minimum flow is too low”, 17 January 2023, https://river.example.org/2023/01/17/minimum-
        \f
        Drip irrigation saves water on the plot, but not always in the basin. Several studies
        show that it can raise net use when the irrigated area grows.2 The area grew by a
        tenth between 2010 and 2023.3
        flow-too-low/.
        2
        Basin authority, irrigation study, 2021.
        3
        Irrigation census, 2023.
        """
    )
    assert notes(parsed)["1"].endswith("https://river.example.org/2023/01/17/minimum-flow-too-low/.")
    assert links(parsed)["3"] == "The area grew by a tenth between 2010 and 2023."


def _page_with_first_labels_after_notes(last_body_line: str, first_notes: str) -> str:
    """A page as `pdftotext` gives LibreOffice's notes when the first two open like body text:
    the body (markers 1-5), then notes 1 and 2 with no label, notes 3-5 under their labels,
    and labels 1 and 2 printed last, after all the notes."""
    filler = "The harbour board kept a ledger of every boat that moored in the winter months."
    body = "\n".join([filler] * 5)
    return (
        f"The moorings were let early.1 The fees were set in spring.2 The quay was mended.3\n{body}\n"
        f"The ledger was kept in ink.4 {last_body_line}\n"
        f"{first_notes}"
        "3\nHarbour Board, Annual accounts 2019, https://harbour.example.org/accounts-2019.pdf.\n"
        "4\nIbid., p. 12.\n"
        "5\nCounty Archive, Harbour ledgers, https://archive.example.gov/ledgers?box=14.\n"
        "1\n2\n"
    )


def test_first_notes_opening_like_body_text_take_labels_printed_after_the_notes():
    """No line of the first two notes opens like a note (no name and comma, no quote, no URL),
    and their labels stand after all the notes: the notes start right under the body line
    carrying the page's last marker, and each note keeps its own label."""
    text = _page_with_first_labels_after_notes(
        "The ledger was lost in the flood of that year.5",
        "Names of the boat owners are left out here.\n"
        "The board used the same wording in its minutes, https://harbour.example.org/minutes#item-4.\n",
    )
    found = notes(doc(text))
    assert found["1"] == "Names of the boat owners are left out here."
    assert found["2"] == "The board used the same wording in its minutes, https://harbour.example.org/minutes#item-4."
    assert found["3"] == "Harbour Board, Annual accounts 2019, https://harbour.example.org/accounts-2019.pdf."
    assert found["5"] == "County Archive, Harbour ledgers, https://archive.example.gov/ledgers?box=14."


def test_a_note_line_ending_in_a_small_number_does_not_stop_the_first_notes_early():
    """A note's line cut after a day (`(Accessed: 4` / `May 2024).`) ends in a number that
    could be marker 4; the body line carrying the page's last marker (5) is the one the notes
    start under, so note 1 keeps its opening lines."""
    text = _page_with_first_labels_after_notes(
        "The ledger was lost in the flood of that year.5",
        "Harbour Board (2024) Moorings Register. Available at:\n"
        "https://harbour.example.org/moorings/register.xlsx (Accessed: 4\n"
        "May 2024).\n"
        "Old charts of the quay are kept by the county, https://archive.example.gov/charts.\n",
    )
    found = notes(doc(text))
    assert found["1"] == (
        "Harbour Board (2024) Moorings Register. Available at: "
        "https://harbour.example.org/moorings/register.xlsx (Accessed: 4 May 2024)."
    )
    assert found["2"] == "Old charts of the quay are kept by the county, https://archive.example.gov/charts."


def test_the_body_going_on_past_the_page_s_last_marker_stays_out_of_the_first_note():
    """The body runs on after the page's last marker (5) with a marker for the next page's
    notes, glued after a time (`06:00.6`: minutes and a full stop, not decimals): the first
    notes start under that line, not under the one carrying marker 5."""
    text = _page_with_first_labels_after_notes(
        "The ledger was lost in the flood.5\nThe ferry crews started their shifts at 06:00.6 Their wages were paid weekly by the",
        "Names of the boat owners are left out here.\n"
        "The board used the same wording in its minutes, https://harbour.example.org/minutes#item-4.\n",
    )
    text += "\fcrews' union.\n6\nFerry Union, Wage rates, https://union.example.org/wages.\n"
    parsed = doc(text)
    found = notes(parsed)
    assert found["1"] == "Names of the boat owners are left out here."
    assert "ferry crews started" in links(parsed)["6"]


@pytest.mark.parametrize("cut_note", ["Basin authority, Modernisation report 2010-2023, p. 6,", "The responses to the consultation are published at"])
def test_a_note_s_whole_url_carried_over_the_page_joins_the_note(cut_note):
    """A note cut before its URL (ending in a comma, or in `published at`) has that URL, whole,
    right above the next page's notes under the body's last line: the URL joins the note, the
    body keeps its sentence."""
    parsed = doc(
        f"""\
        The river authority set the minimum flow in 2023.1 Campaigners found it far too low
        and said so in a statement the same month, which was widely reported in the valley.

        1
        {cut_note}
        \f
        Drip irrigation saves water on the plot, but not always in the basin. Several studies
        show that it can raise net use when the irrigated area grows.2 The area grew by a
        tenth between 2010 and 2023.3
        https://basin.example.org/documents/Informe%20modernizaci%C3%B3n%
        202010-2023.pdf.
        2
        Basin authority, irrigation study, 2021.
        3
        Irrigation census, 2023.
        """
    )
    assert notes(parsed)["1"] == f"{cut_note} https://basin.example.org/documents/Informe%20modernizaci%C3%B3n%202010-2023.pdf."
    assert links(parsed)["3"] == "The area grew by a tenth between 2010 and 2023."
    assert notes(parsed)["2"] == "Basin authority, irrigation study, 2021."


def test_a_list_s_lead_in_above_a_column_of_labels_is_no_note():
    """Labels printed as a column above their notes (xelatex's hanging notes in plain
    `pdftotext`), right under the body's last lines, a heading and a list's lead-in ending in
    a colon, set off by a blank line: that block is body, and every note keeps its label."""
    filler = "The town council met each month to review the plan for the district heating."
    body = "\n".join([filler] * 5)
    text = (
        f"The plan was adopted in 2023.1 Its budget was cut.2 The pipes were ordered.3 Work began.4\n{body}\n\n"
        "4 Recommendations\nWe recommend four measures to the council:\n"
        "1\n2\n3\n\n4\n\n"
        "Talk with the town's climate officer, 8 February 2024.\n"
        "Heating Act, section 12.\n"
        "Regional statistics office, Buildings by block, dataset, 1 March 2024,\n"
        "https://stats.example.org/dataset/buildings-2024?format=csv.\n"
        "Council minutes, 3 May 2024, item 7.\n"
    )
    found = notes(doc(text))
    assert found["1"] == "Talk with the town's climate officer, 8 February 2024."
    assert found["2"] == "Heating Act, section 12."
    assert found["4"] == "Council minutes, 3 May 2024, item 7."


def test_an_edition_s_ordinal_broken_from_its_noun_stays_in_its_note():
    """A German note breaks its line after an edition's ordinal (`Leitfaden, 2.` / `Aufl.,
    Hallbergen 2023, …`): a point and a capital, yet one note, as a day does before its month.
    The labels stand in a column above the notes, so the notes are cut where they start."""
    filler = "The town council met each month to review the plan for the district heating."
    body = "\n".join([filler] * 5)
    text = (
        f"Der Plan wurde 2023 beschlossen.1 Der Leitfaden half.2\n{body}\n\n"
        "1\n2\n\n"
        "Ähnlich Institut für Stadtplanung, Leitfaden Wärme, 2.\n"
        "Aufl., Hallbergen 2023, https://doi.org/10.5555/leitfaden.2023.\n"
        "Gespräch mit der Klimaschutzmanagerin der Stadt am 8. Februar 2024.\n"
    )
    found = notes(doc(text))
    assert found["1"] == "Ähnlich Institut für Stadtplanung, Leitfaden Wärme, 2. Aufl., Hallbergen 2023, https://doi.org/10.5555/leitfaden.2023."
    assert found["2"] == "Gespräch mit der Klimaschutzmanagerin der Stadt am 8. Februar 2024."


def test_the_first_note_s_lost_label_still_leaves_the_note_its_own():
    """The extraction lost label 1 (glued to another line), so the page's labels start at 2:
    the note right above label 2, opening like a note, is note 1, not body text."""
    filler = "The town council met each month to review the plan for the district heating."
    body = "\n".join([filler] * 5)
    text = (
        f"All towns must adopt a heating plan by 2028.1 Only a few had one.2 Most lacked data.3\n{body}\n"
        "State Parliament, Printed paper 18/4471, Heating Planning Act, https://parliament.example.org/papers/18_4471.pdf.\n"
        "2\nOwn survey, see section 2.\n"
        "3\nIbid., table 7.\n"
    )
    parsed = doc(text)
    found = notes(parsed)
    assert found["1"] == "State Parliament, Printed paper 18/4471, Heating Planning Act, https://parliament.example.org/papers/18_4471.pdf."
    assert found["2"] == "Own survey, see section 2."
    assert links(parsed)["1"] == "All towns must adopt a heating plan by 2028."


def test_a_two_letter_part_of_a_hyphenated_host_written_elsewhere_gets_its_hyphen_back():
    """`harbour-ca` is written whole in one note; another note's line broke after its hyphen
    and pdftotext joined the lines, dropping it (`harbourca`): the hyphen goes back, though
    one part has only two letters."""
    filler = "The combined authority counted the repairs its landlords reported every quarter."
    body = "\n".join([filler] * 6)
    text = (
        f"The board met in January.1 It published its minutes.2\n{body}\n\n"
        "1\nHarbour Combined Authority, news, 14 January 2025, https://www.harbour-ca.example.gov.uk/news/board.\n"
        "2\nHarbour Combined Authority, Housing Board minutes, 14 January 2025, minute 7, https://www.harbourca.example.gov.uk/meetings/housing-board/2025-01-14/minutes.pdf.\n"
    )
    assert notes(doc(text))["2"].endswith("https://www.harbour-ca.example.gov.uk/meetings/housing-board/2025-01-14/minutes.pdf.")


def test_a_hyphen_dropped_between_a_host_s_second_and_third_words_comes_back_from_another_url():
    """`harbour-repairs-commission` is written whole in one note; another note's line broke
    after its second hyphen (`harbour-repairscommission`): every neighbouring pair of the
    whole host (`repairs-commission` as well as `harbour-repairs`) is evidence."""
    filler = "The commission heard what tenants said about the repairs their landlords made."
    body = "\n".join([filler] * 6)
    text = (
        f"The commission took evidence.1 It published it online.2\n{body}\n\n"
        "1\nHarbour Repairs Commission, call for evidence, https://harbour-repairs-commission.example.org/evidence.\n"
        "2\nHarbour Repairs Commission, written evidence, published with consent, https://harbour-repairscommission.example.org/evidence/written/tenants-association.pdf.\n"
    )
    assert notes(doc(text))["2"].endswith(
        "https://harbour-repairs-commission.example.org/evidence/written/tenants-association.pdf."
    )


def test_a_hyphen_dropped_in_a_host_of_two_words_of_the_text_is_put_back_on_a_joined_line():
    """A note's line that runs far past every full line was joined by pdftotext where a line
    broke after a hyphen. When the only place to cut within the rendered line's reach is in a
    host made of two words of the text (`Northline` and `infrastructure`), near where a full
    line ends, the hyphen goes back there."""
    filler = "The rail company closed the footbridge over the branch line to all walkers in the early spring."
    body = "\n".join([filler] * 6)
    text = (
        f"The footbridge has been closed since March.1 The council asked why.2\n{body}\n\n"
        "1\nNorthline, the company that owns the railway infrastructure, closure notice, https://www.northlineinfrastructure.example.co.uk/projects/footbridge/closure.\n"
        "2\nTown council, minutes, 14 April 2025.\n"
    )
    assert "https://www.northline-infrastructure.example.co.uk/projects/footbridge/closure." in notes(doc(text))["1"]


def test_lone_numbers_before_a_list_of_end_notes_are_markers_and_sentence_case_headings_no_notes():
    """A browser prints widely spaced lines with each raised marker on a line of its own,
    numbered sections in sentence case (`1. A long history`), and the notes as a list `1.`,
    `2.`... after the text. The lone numbers all stand before that list: they are markers,
    the list holds the notes, and the numbered headings open no note."""
    text = (
        "Introduction\n"
        "Since January 2022 the law has required canteens to serve local food\n1\n\n"
        "in every school, yet few rural canteens do so today .\n"
        "The gap between villages is wide\n2\n\nand it does not follow their wealth .\n\n"
        "1. A long history\n"
        "The village canteen is not new: schools served soup to children who walked in\n3\n\n"
        "from far farms .\n\n"
        "2. What the law says\n"
        "The law sets a share of organic food that few canteens reach\n4\n\n"
        "in the region .\n\n"
        "1. Law of 30 October 2018, article 24, https://laws.example.org/2018-938.\n"
        "2. County survey of school canteens, 2024, p. 12.\n"
        "3. Antoine Marel, The school and the soup (Tours, 2009), p. 45.\n"
        "4. Ibid., p. 15-19.\n"
    )
    parsed = doc(text)
    found = notes(parsed)
    assert found["1"] == "Law of 30 October 2018, article 24, https://laws.example.org/2018-938."
    assert found["4"] == "Ibid., p. 15-19."
    assert len(found) == 4
    assert links(parsed)["3"] == "The village canteen is not new: schools served soup to children who walked in from far farms ."


def test_a_host_well_before_a_joined_line_s_end_keeps_its_owner_s_words_joined():
    """A joined line (pdftotext dropped a hyphen where the line broke, further on) whose host
    joins its owner's words (`Ashby Vale`, `ashbyvale`) well before where a full line ends:
    the break was not there, so the host stays as printed."""
    filler = "The council enrolled every eligible pupil for free school meals without any application."
    body = "\n".join([filler] * 6)
    text = (
        f"The council enrols pupils itself.1 It checked the law.2\n{body}\n\n"
        "1\nAshby Vale Council, joint evaluation, 2024 pilot, https://www.ashbyvale.example.gov/education/fsmauto-enrolment-evaluation-2024.\n"
        "2\nAshby Vale Council, legal advice, 2023.\n"
    )
    assert "https://www.ashbyvale.example.gov/education/" in notes(doc(text))["1"]


def test_a_later_label_printed_after_the_notes_leaves_the_body_above_the_first_label_alone():
    """The page's first label stands above its note, right under the body's last line (no
    blank line between), and only a later label (2) was printed after the notes: the body's
    last line is no note, for no note's label was printed after them."""
    filler = "The screening companies sold reports on tenants to landlords across the whole state."
    body = "\n".join([filler] * 5)
    text = (
        f"They rarely show the records.1 Landlords trust the score.2\n{body}\n"
        "Courts disagree about what a reasonable procedure is for matching names.3 In\n"
        "a 2024 audit, testers found that eleven of forty applicants with identical files got different\n"
        "1\n\nConsumer Data Office, market report, 2023, p. 9.\n"
        "Vendor annual report, 2025, https://investors.example.com/annual-report-2025.htm.\n"
        "3\nIbid., p. 12.\n"
        "2\n\f"
        "answers from the same vendor.4\n"
        "4\nAudit project, paired tests, 2024.\n"
    )
    parsed = doc(text)
    found = notes(parsed)
    assert found["1"] == "Consumer Data Office, market report, 2023, p. 9."
    assert found["2"] == "Vendor annual report, 2025, https://investors.example.com/annual-report-2025.htm."
    assert links(parsed)["4"].startswith("In a 2024 audit")


def test_a_note_opening_with_a_number_is_cut_from_the_note_above_when_its_label_went_to_the_page_end():
    """Labels above their notes, but pdftotext printed label 3 after all the page's notes, so
    notes 2 and 3 run together under label 2. Note 3 opens with a number (a statute's volume,
    `62 Stat. 870`): once the page's labels ask for one note more than its text blocks hold,
    a line after a full stop opening with a number and a capitalised word starts that note,
    and every later note keeps its own label."""
    filler = "Harbour boards answered to the ministry and to the port users who paid the dues."
    body = "\n".join([filler] * 5)
    text = (
        f"The first harbour act passed in 1948.1 It was amended twice.2 The second amendment\n"
        f"gave the boards their borrowing powers.3 Few boards used them.4 Most still do not.5\n{body}\n"
        "1\n\n"
        "Harbours Act 1948, c. 20, s. 4, https://www.legislation.example.gov/acts/1948/20.\n"
        "2\n"
        "Harbours (Amendment) Act 1961, s. 2 (1961).\n"
        "62 Stat. 870, 872 (1964) (as amended by the Ports Act), https://laws.example.org/stat/62-870.\n"
        "4\n"
        "Ports Review Board, Annual Survey 2019, p. 14, https://www.ports-review.example.org/survey-2019.pdf.\n"
        "5\n"
        "Ibid., p. 15.\n"
        "3\n\n"
        "7\n"
    )
    found = notes(doc(text))
    assert found["2"] == "Harbours (Amendment) Act 1961, s. 2 (1961)."
    assert found["3"].startswith("62 Stat. 870, 872 (1964)")
    assert found["4"].startswith("Ports Review Board, Annual Survey 2019")
    assert found["5"] == "Ibid., p. 15."


def test_a_url_broken_inside_a_query_value_holding_a_colon_is_joined():
    """A query value holding a colon (`req=granule:ACT-1948`) broken across lines: the next
    line, no spaces and URL characters, goes on with the URL."""
    joined = join_note_lines(
        ["Harbours Act 1948, https://laws.example.gov/view.xhtml?req=gra", "nule:ACT-1948-section4&edition=prelim."]
    )
    assert "https://laws.example.gov/view.xhtml?req=granule:ACT-1948-section4&edition=prelim." in joined


def test_a_column_of_row_numbers_is_no_run_of_labels():
    """Plain pdftotext prints a table's `No.` column as lone numbers apart by blank lines. On a
    page whose notes LaTeX printed after the table, pages on, the numbers 2 to 7 run through
    the labels due (3, 4, 5) but start below them: they number rows, and notes 3 to 5 are read
    overleaf under their own labels. Overleaf, a second column of row numbers (8 to 11) runs
    past the labels that may come next (3 to 5), and one of its numbers stands alone again
    further down, over a note (8): those number rows too."""
    filler = "The survey of the harbours was made in the spring by the engineers of the board."
    body = "\n".join([filler] * 5)
    table_page = (
        "No.\n\nHarbour\n\nFinding\n\n"
        "2\n\n3\n\n4\n\n5\n\n6\n\n7\n\n"
        "Eastport\nWesthaven\nOld Mill\nNorthgate\nSaltness\nKirkby\n\n"
        "The quay wall was found cracked along its northern end.3\n"
        "Silt had narrowed the entrance channel by a third.4\n"
        "Nothing was found.\n"
        "The harbour wall was sound all round.5\n"
        "The slipway was rebuilt.\nNothing was found.\n"
    )
    notes_page = (
        "No.\n\nHarbour\n\n8\n\n9\n\n10\n\n11\n\n3\n\n"
        "Ferriby\nHessle\nGoole\nHowden\n\n"
        "The harbour master will repeat the survey in two years.6 The board approved it.7 The\n"
        "port users were told.8\n"
        f"{body}\n"
        "Eastport survey sheet, 2023, https://harbours.example.org/sheets/eastport.\n"
        "4\nWesthaven survey sheet, 2023, https://harbours.example.org/sheets/westhaven.\n"
        "5\nNorthgate survey sheet, 2023, https://harbours.example.org/sheets/northgate.\n"
        "6\nHarbour Office, survey calendar, https://harbours.example.org/calendar.\n"
        "7\nHarbour Board, minutes, 4 May 2023, https://harbours.example.org/minutes/2023-05.\n"
        "8\nHarbour Office, letter to port users, 2023.\n"
    )
    text = (
        f"The harbours were surveyed in the spring.1 The engineers used the old method.2\n{body}\n\n"
        "1\nHarbour Office, survey plan, 2023, https://harbours.example.org/plan.\n"
        "2\nHarbour Office, method note, 2013, https://harbours.example.org/method.\n"
        f"\f{table_page}\f{notes_page}"
    )
    parsed = doc(text)
    found = notes(parsed)
    assert found["3"] == "Eastport survey sheet, 2023, https://harbours.example.org/sheets/eastport."
    assert found["4"] == "Westhaven survey sheet, 2023, https://harbours.example.org/sheets/westhaven."
    assert found["5"] == "Northgate survey sheet, 2023, https://harbours.example.org/sheets/northgate."
    assert found["6"] == "Harbour Office, survey calendar, https://harbours.example.org/calendar."
    assert found["8"] == "Harbour Office, letter to port users, 2023."
    assert sorted(found, key=int) == [str(label) for label in range(1, 9)]
    assert links(parsed)["4"] == "Silt had narrowed the entrance channel by a third."


def test_a_url_broken_at_a_full_line_s_end_goes_on_over_a_blank_line():
    """Notes spaced apart (`footmisc`, pdfminer's text) may show a blank line between the two
    parts of a URL broken at a full note line's end: the part below, URL material, goes on with
    it. A note's next line that opens with a word, or a label, stays apart."""
    filler = "The tide gauges were read every hour by the harbour office and its volunteers."
    body = "\n".join([filler] * 6)
    text = (
        f"The gauges were read hourly.1 The readings were published.2 They were checked.3\n{body}\n\n"
        "1 Harbour Office, gauge manual, 2021, p. 4, https://tides.example.org/manuals/gauge-manual-2021-wat\n\n"
        "er-levels.pdf.\n"
        "2 Harbour Office, “Published readings”, https://tides.example.org/readings/published-hourly-readings/\n\n"
        "Readings were published weekly from 2020.\n"
        "3 Harbour Office, checks, 2022.\n"
    )
    found = notes(doc(text))
    assert found["1"].endswith("https://tides.example.org/manuals/gauge-manual-2021-water-levels.pdf.")
    assert "https://tides.example.org/readings/published-hourly-readings/ " in found["2"] + " "
    assert "published-hourly-readings/Readings" not in found["2"]


def test_a_word_of_its_own_in_a_full_note_line_gets_no_hyphen_between_two_words_of_the_text():
    """A full note line set smaller than the body runs past the body's width without any join:
    `setup` there is a word of its own, though the text writes `set` and `up` elsewhere."""
    filler = "The gauges were set up by the harbour office and read by the port users each month."
    lines = [filler] * 20 + [
        f"Harbour Office, monthly gauge note {n}, https://tides.example.org/notes/monthly-note-{n}.pdf, p. 4."
        for n in range(1, 4)
    ]
    lines.append("Harbour Office, gauge guide, https://support.tides.example.org/gauges/gauge-setup?model=t4.")
    assert _restore_url_hyphens(lines)[-1].endswith("/gauges/gauge-setup?model=t4.")


def test_a_body_paragraph_cut_mid_sentence_above_a_column_of_labels_is_no_note():
    """Labels printed as a column (xelatex's hanging notes in plain pdftotext) right under the
    body's last paragraph, which the page's end cut mid-sentence (`left no one to`): that
    paragraph is body, not the first note, and every note keeps its own label."""
    filler = "The lenders on the canal made small loans to the boaters who lived on the water."
    body = "\n".join([filler] * 5)
    text = (
        f"The lenders were small.1 Their losses were modest.2 One lender closed.3\n{body}\n\n"
        "Conclusion\n\n"
        "Community lenders on the canal made many small loans in nine years. Their losses\n"
        "were modest, except for the online platform, whose model left no one to\n"
        "1\n\n2\n3\n\n"
        "Canal Lenders Forum, Annual Survey 2020, https://lenders.example.org/survey/2020.pdf.\n"
        "Harbour Credit Union, Annual Report 2021, p. 9.\n"
        "Boaters Weekly, “Platform closes”, 3 March 2024, https://boaters.example.org/news/platform-closes.\n"
        "\f"
        "chase the arrears when a payment was missed.\n"
    )
    found = notes(doc(text))
    assert found["1"] == "Canal Lenders Forum, Annual Survey 2020, https://lenders.example.org/survey/2020.pdf."
    assert found["2"] == "Harbour Credit Union, Annual Report 2021, p. 9."
    assert found["3"].startswith("Boaters Weekly")


def test_a_table_s_column_of_markers_starting_at_the_label_due_stays_markers():
    """A table's `Note` column printed by plain pdftotext as lone numbers (2, 3, 4), the notes
    under their labels further down the same page: the run starts at the label due, so it is
    no column of row numbers, and each note keeps its marker."""
    filler = "The harbour trials measured how often each gauge failed in the winter months."
    body = "\n".join([filler] * 5)
    text = (
        f"Three harbours ran the trial.1\n{body}\n\n"
        "Harbour\n\nGauges\n\nNote\n\n"
        "Eastport\nWesthaven\nNorthgate\n\n"
        "12\n9\n14\n\n"
        "2\n3\n4\n\n"
        "The trial ended in the spring.\n"
        "1\n\nHarbour Board, trial plan, 2022, https://harbours.example.org/trial-plan.\n"
        "2\nEastport gauge log, 2023, https://harbours.example.org/logs/eastport.\n"
        "3\nWesthaven gauge log, 2023, https://harbours.example.org/logs/westhaven.\n"
        "4\nNorthgate gauge log, 2023, https://harbours.example.org/logs/northgate.\n"
    )
    parsed = doc(text)
    assert set(notes(parsed)) == {"1", "2", "3", "4"}
    assert {"2", "3", "4"} <= set(parsed.markers)


def test_a_host_another_url_writes_with_its_hyphen_gets_it_back_whatever_the_line_s_width():
    """A browser's text may set a whole note on one line, so where pdftotext joined a URL broken
    after a hyphen is not known from the width. A host written elsewhere in the text with more
    hyphens (`north-ridings-council`) is the same host with its hyphen dropped; a host cut at a
    line's end (`https://www.tides-`) is no evidence for another."""
    lines = [
        "1. North Ridings Council, budget, https://data.north-ridingscouncil.example.gov.uk/finance/budget-2025.pdf, "
        "with the tables of every service line and the notes the finance office added in the spring.",
        "2. North Ridings Council, accounts, https://data.north-ridings-council.example.gov.uk/finance/accounts.pdf.",
        "3. Harbour Office, notes, https://www.tides",
        "4. Harbour Office, https://www.tides-",
    ]
    restored = _restore_url_hyphens(lines)
    assert "https://data.north-ridings-council.example.gov.uk/finance/budget-2025.pdf," in restored[0]
    assert restored[2].endswith("https://www.tides")


def test_a_numbered_section_heading_s_number_is_no_marker_moved_back():
    """Notes cut out by their lone labels let markers that pdftotext set at a line's head be
    moved back after the word above; a numbered section heading (`1 Introduction`, with `2
    Data and sources` further on) is no such marker, so marker 1 stays where it is glued."""
    filler = "The canal lenders made small loans to the boaters who lived along the water."
    body = "\n".join([filler] * 5)
    text = (
        "Abstract\nThis paper sets out who the lenders were. It draws on 41 interviews.\n\n"
        "1 Introduction\n"
        f"The canal runs for 38 miles from the basin to the tidal lock.1 Most boaters borrow little.2\n{body}\n\n"
        "1\nCanal Trust, Boater Census 2023, p. 6, https://canal.example.org/census-2023.pdf.\n"
        "2\nCredit Forum, Survey of Boaters, 2022, https://forum.example.org/survey-2022.\n"
        "\f"
        "2 Data and sources\n"
        f"We used the lenders' accounts.3\n{body}\n\n"
        "3\nMutuals Register, returns 2016-2024, https://register.example.gov/returns.\n"
    )
    claims = links(doc(text))
    assert claims["1"].startswith("The canal runs for 38 miles")
    assert "41 interviews" not in " ".join(claims.values())


def test_a_word_processor_s_first_note_label_set_alone_is_glued_back_to_its_note():
    """Notes written `1 Text` (a word processor's label and a tab): pdftotext sets a page's first
    label alone on its line when the note's first line is full, the note's text after a blank
    line, and the next notes open with their labels (`2 The earlier…`). The first label joins
    its text again, so the page's notes keep their labels."""
    filler = "The drainage task group met nine times between January and October of that year."
    body = "\n".join([filler] * 5)
    text = (
        f"More than 60 mm of rain fell on the town in under three hours.1 It was the third flood.2\n{body}\n"
        "Residents said the culverts had not been cleared in years.3\n"
        "1\n\n"
        "Borough Council, Section 19 Flood Investigation Report, March 2024, p. 6, https://council.example.gov.uk/s19-2023.pdf\n"
        "(accessed 9 January 2025).\n"
        "2 The earlier events were in 2016 and 2020; see the council's flood history page.\n"
        "3 Notes of the public meeting, 3 October 2023, https://council.example.gov.uk/meetings/2023-10-03.\n"
    )
    found = notes(doc(text))
    assert found["1"].startswith("Borough Council, Section 19 Flood Investigation Report")
    assert found["2"].startswith("The earlier events")
    assert found["3"].endswith("https://council.example.gov.uk/meetings/2023-10-03.")


def test_labels_set_alone_then_opening_their_notes_lines_are_all_read():
    """A word processor's notes as pdftotext gives them: the page's first labels alone (`1`,
    `2`, `3`, printed as a column above the notes), the later ones opening their notes' lines
    (`4 Quality rules…`, after a line ending a note), and overleaf, notes opening with their
    labels only, the first right under the body's last line. A day and its month opening a
    note's line (`6 July 2019.`, when label 6 is next) is no label."""
    filler = "The river sensors sent their readings every fifteen minutes to the network's server."
    body = "\n".join([filler] * 5)
    page1 = (
        f"Issue 14.1 Written by the data coordinator.2 The network has 18 stations.3 Rules apply.4\n"
        f"Trout need cool water.5\n{body}\n"
        "1\n2\n3\n\n"
        "Previous issues are archived at https://rivers.example.org/bulletin/archive/.\n"
        "This article was written by the network's data coordinator.\n"
        "River Network. (2024). Station list and metadata [Data set].\n"
        "https://data.rivers.example.org/stations?format=csv\n"
        "4 Quality rules are described in the QC manual (2nd ed.).\n"
        "https://rivers.example.org/docs/qc-manual-v2.pdf\n"
        "5 Elliott, J. (2019). Thermal limits of brown trout. River Letters, 8(3), 112–127. Online.\n"
        "6 July 2019. https://doi.org/10.5555/rl.2019.8.3.112\n"
    )
    page2 = (
        f"The sprint ran for two days.6 Its costs were met by a grant.7 The board approved the\n{body}\n"
        "6 The sprint's notebooks are at https://rivers.example.org/events/sprint-2024/.\n"
        "7 Valley Community Fund. (2024). Grants awarded, round 6. https://fund.example.org.uk/grants/round-6/\n"
    )
    found = notes(doc(f"{page1}\f{page2}"))
    assert found["3"].endswith("https://data.rivers.example.org/stations?format=csv")
    assert found["4"].startswith("Quality rules")
    assert found["5"].endswith("https://doi.org/10.5555/rl.2019.8.3.112")
    assert found["6"].startswith("The sprint's notebooks")
    assert found["7"].endswith("https://fund.example.org.uk/grants/round-6/")


def test_end_notes_listed_under_a_column_of_labels_from_1_keep_their_labels_though_a_table_shows_small_figures():
    """A word processor's end notes in plain pdftotext: the last page opens with the labels as
    a column (`1`, `2`… alone on their lines), then the notes. A table on an earlier page shows
    small figures alone on their lines (`3`, `4`, `2`): they are no labels, so every end note
    keeps its own."""
    filler = "The salt pans on the marsh were leased by one family for most of the century."
    body = "\n".join([filler] * 5)
    page1 = (
        f"The ledgers were found in 2022.1 They cover 1784 to 1861.2\n{body}\n\n"
        "Years\n\nPans at work\n\n1784–1800\n\n3\n\n1801–1825\n\n4\n\n1826–1861\n\n2\n\n"
        "The pans lasted because of the fishery.3 The rent was low.4\n"
    )
    page2 = f"The last ledger ends in 1861.5\n{body}\n"
    page3 = (
        "1\n\n2\n3\n\n4\n\n5\n\n"
        "Local History Society, Newsletter 118 (June 2022), https://history.example.org.uk/newsletters/118.pdf.\n"
        "The volumes for 1791–93 are missing.\n"
        "Curers' accounts, 1790–1830, https://archives.example.org.uk/curers.\n"
        "Ibid., 214–15.\n"
        "Railway timetable of 1860, https://rail.example.org/1860.\n"
    )
    found = notes(doc(f"{page1}\f{page2}\f{page3}"))
    assert found["1"].startswith("Local History Society, Newsletter 118")
    assert found["4"] == "Ibid., 214–15."
    assert found["5"].startswith("Railway timetable of 1860")
