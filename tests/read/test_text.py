"""PDF-extracted text: markers, interleaved note blocks, continuations and rejoining."""

import textwrap

import pytest

from citetrack.models import DocumentFormat
from citetrack.read import parse_text, read
from citetrack.read.text import choose_marker_style, looks_like_citation


def doc(text: str):
    return parse_text(textwrap.dedent(text).strip("\n"), "t.txt")


def claim_for(parsed, label):
    (claim,) = [claim for claim in parsed.claims if label in claim.labels]
    return claim


# ------------------------------------------------------------------ the shared sample


def test_shared_sample_claims_notes_and_markers(shared_sample):
    parsed = read(shared_sample)
    labels = [str(number) for number in range(1, 12)]
    assert parsed.format == DocumentFormat.TEXT
    assert list(parsed.markers) == labels
    assert sorted({label for claim in parsed.claims for label in claim.labels}, key=int) == labels
    numbered = [note.label for note in parsed.notes if note.label is not None]
    assert numbered == labels
    unnumbered = [note for note in parsed.notes if note.label is None]
    assert len(unnumbered) == 1
    assert "apnews.com" in unnumbered[0].text
    # the unnumbered citation sits between note 8 and note 9
    order = [note.label for note in parsed.notes]
    assert order.index(None) == order.index("9") - 1


def test_shared_sample_rejoins_claim_across_interleaved_note(shared_sample):
    parsed = read(shared_sample)
    claim = claim_for(parsed, "2")
    assert "(suicide vehicle-borne improvised" in claim.text
    assert "Katiba" not in claim.text.split("(suicide")[1]  # note 1 was cut out
    note_one = next(note for note in parsed.notes if note.label == "1")
    assert "Amadou Kouffa" in note_one.text  # its third paragraph stayed with it


def test_shared_sample_rejoins_claim_across_page_break(shared_sample):
    parsed = read(shared_sample)
    claim = claim_for(parsed, "9")
    assert claim.text.startswith("However, the attacks allow")


def test_shared_sample_body_has_no_notes_or_markers(shared_sample):
    parsed = read(shared_sample)
    assert "¹" not in parsed.body and "⁴" not in parsed.body
    assert "apnews.com" not in parsed.body
    assert "criticalthreats.org" not in parsed.body
    last = next(note for note in parsed.notes if note.label == "11")
    assert last.text.endswith("(aa.com.tr).")  # its last paragraph continues the note


# ------------------------------------------------------------------ our own documents

INTERLEAVED = """
    A Report On Rivers

    The river rose quickly in spring.¹ Engineers built a levee near the
    old mill, which held until the flood of

    1 Water board, "Annual levels," 2021. https://water.example.org/levels

    The board later revised its figures.

    May washed it away completely.² The town rebuilt the levee in one year.

    2 Smith, J. "Levee collapse," Daily River (3.4.2022). <https://news.example.com/levee>
"""


def test_interleaved_note_mid_sentence_is_cut_out_and_sentence_rejoined():
    parsed = doc(INTERLEAVED.replace("May washed", "may washed"))
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert "revised its figures" in parsed.notes[0].text  # second paragraph of note 1
    claim = claim_for(parsed, "2")
    assert claim.text == (
        "Engineers built a levee near the old mill, which held until the flood of "
        "may washed it away completely."
    )
    assert parsed.title == "A Report On Rivers"


def test_body_rejoined_after_comma_even_with_capital():
    parsed = doc(INTERLEAVED.replace("until the flood of", "until,"))
    claim = claim_for(parsed, "2")
    assert claim.text.startswith("Engineers built") and "until, May washed" in claim.text


PAGE_BREAK = """
    Field notes

    Crops failed in the north.¹ However,

    1 Ministry of Farming, "Harvest report," 2022.
    2 Agency note on grain prices, 2022. https://grain.example.net/prices

    the south had record yields.² Prices fell.
"""


def test_page_break_continuation_and_consecutive_note_lines():
    parsed = doc(PAGE_BREAK)
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert claim_for(parsed, "2").text == "However, the south had record yields."
    assert claim_for(parsed, "1").text == "Crops failed in the north."
    assert "Harvest report" not in parsed.body


def test_marker_after_full_stop_goes_to_sentence_before():
    parsed = doc(
        """
        Title

        Prices rose sharply.³ The bank reacted.⁴ Nobody expected it.

        3 Bank bulletin, 2020. https://bank.example.com/b
        4 Press release, 2020. https://bank.example.com/p
        """
    )
    assert [(claim.labels, claim.text) for claim in parsed.claims] == [
        (("3",), "Prices rose sharply."),
        (("4",), "The bank reacted."),
    ]
    # markers 3 and 4 come first, so note 3 is accepted as the first expected note
    assert [note.label for note in parsed.notes] == ["3", "4"]


def test_several_markers_in_one_sentence():
    parsed = doc(
        """
        Title

        Both agencies¹ and the court² agreed on the figures.¹⁰

        1 Agency A, https://a.example.com
        2 Court B, https://b.example.com
        """
    )
    (claim,) = parsed.claims
    assert claim.labels == ("1", "2", "10")
    assert claim.text == "Both agencies and the court agreed on the figures."
    assert parsed.markers == ("1", "2", "10")


def test_bracket_style_document():
    parsed = doc(
        """
        Bracket paper

        The dam opened in 1961 [1]. Output doubled by 2001.[2] A list [3, 4] ends here.

        [1] Dam history, https://dams.example.org/1
        [2] Output data, https://dams.example.org/2
        [3] First source.
        [4] Second source.
        """
    )
    assert parsed.markers == ("1", "2", "3", "4")
    assert [claim.labels for claim in parsed.claims] == [("1",), ("2",), ("3", "4")]
    assert parsed.claims[0].text == "The dam opened in 1961."
    assert [note.label for note in parsed.notes] == ["1", "2", "3", "4"]


def test_caret_style_document():
    parsed = doc(
        """
        Caret paper

        Rainfall dropped by half.^1 Wells ran dry.^2

        1. Weather service, https://wx.example.org
        2. Well survey, https://wells.example.org
        """
    )
    assert parsed.markers == ("1", "2")
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert parsed.claims[1].text == "Wells ran dry."


def test_brackets_are_not_markers_in_a_superscript_document():
    parsed = doc(
        """
        Mixed

        The law [2023] changed the rules.¹ Area grew to 40 km² overall.

        1 Gazette, https://gazette.example.org
        """
    )
    assert parsed.markers == ("1",)
    assert "[2023]" in parsed.body and "40 km²" in parsed.body


def test_years_and_counts_at_line_start_are_not_notes():
    parsed = doc(
        """
        Title

        The war began.¹

        1 Archive record, https://archive.example.org/r

        2023 was the worst year on record.

        2 soldiers were wounded in the raid, officials said.

        90 soldiers died.² The army withdrew.

        2 Army statement, https://army.example.org/s
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert "2023 was the worst" in parsed.body
    assert "2 soldiers were wounded" in parsed.body
    assert claim_for(parsed, "2").text == "90 soldiers died."


def test_bulleted_note_lines_and_lone_bullet():
    parsed = doc(
        """
        Title

        One thing happened.¹ Another happened.² A third.³

        -
        - 1 First, https://one.example.org
         - 2 Second, https://two.example.org
        • 3 Third, https://three.example.org
        """
    )
    assert [(note.label, note.text) for note in parsed.notes] == [
        ("1", "First, https://one.example.org"),
        ("2", "Second, https://two.example.org"),
        ("3", "Third, https://three.example.org"),
    ]
    assert "-" not in parsed.body


def test_unnumbered_citation_before_a_note_block():
    parsed = doc(
        """
        Title

        The mayor resigned in March.¹ The council met.²

        Jane Roe, "Mayor steps down after vote," City Post (2.3.2023). https://post.example.com/m

        1 Council minutes, https://council.example.org/min
        2 Agenda, https://council.example.org/agenda

        Later the council chose a successor.

        It voted twice.³
        """
    )
    assert [note.label for note in parsed.notes] == [None, "1", "2"]
    assert "Later the council chose a successor." in parsed.body
    assert "post.example.com" not in parsed.body


def test_unnumbered_citation_without_url_needs_quoted_title_and_date():
    assert looks_like_citation('Jane Roe, "Mayor steps down after vote," City Post, 2023.')
    assert not looks_like_citation("The mayor resigned in 2023 after a vote.")
    assert looks_like_citation("See https://example.org/page")


def test_notes_heading_before_endnotes_is_dropped_and_endnotes_have_paragraphs():
    parsed = doc(
        """
        Title

        First claim here.¹ Second claim here.²

        Notes

        1 A long note that starts here.

        It goes on in a second paragraph.

        2 Short note, https://short.example.org
        """
    )
    assert [note.text for note in parsed.notes] == [
        "A long note that starts here. It goes on in a second paragraph.",
        "Short note, https://short.example.org",
    ]
    assert "Notes" not in parsed.body


def test_body_after_a_note_block_with_terminated_sentence_stays_body():
    parsed = doc(
        """
        Title

        Rain fell.¹

        1 Met office, https://met.example.org

        A new section starts with a plain paragraph.

        Then another claim.²

        2 Second source, https://two.example.org
        """
    )
    assert [note.text for note in parsed.notes][0] == "Met office, https://met.example.org"
    assert "A new section starts" in parsed.body


def test_choose_marker_style():
    assert choose_marker_style("Fact.¹ Fact.² Also [3].") == "superscript"
    assert choose_marker_style("Fact [1]. Fact [2]. x^2") == "bracket"
    assert choose_marker_style("Fact.^1 Fact.^2") == "caret"
    assert choose_marker_style("No markers at all.") == "superscript"


def test_crlf_and_form_feed_are_handled():
    parsed = parse_text("Title\r\n\r\nIt rained.¹\f1 Met office, https://met.example.org\r\n")
    assert [note.label for note in parsed.notes] == ["1"]
    assert parsed.claims[0].text == "It rained."


def test_no_markers_no_claims():
    parsed = parse_text("Just a title\n\nA body without notes.")
    assert parsed.claims == () and parsed.notes == () and parsed.markers == ()


def test_hard_wrapped_body_line_starting_with_the_expected_number_stays_body():
    parsed = doc(
        """
        Title

        The raid was reported.¹ Officials said there were
        2 soldiers wounded and the convoy turned back.²

        1 Army statement, https://army.example.org/s
        2 Local radio, https://radio.example.org/r
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert parsed.claims[1].text == (
        "Officials said there were 2 soldiers wounded and the convoy turned back."
    )


def test_thousands_of_notes_keep_their_numbers():
    superscript = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    parts = ["Title"]
    for number in range(1, 1201):
        parts.append(f"Fact {number} holds, as Dr. Roe wrote.{str(number).translate(superscript)}")
        parts.append(f"{number} Source {number}, https://example.org/{number}")
    parsed = parse_text("\n\n".join(parts))
    assert len(parsed.claims) == 1200
    assert [note.label for note in parsed.notes] == [str(n) for n in range(1, 1201)]
    assert parsed.claims[-1].labels == ("1200",)


def test_citation_without_number_inside_a_block_is_unnumbered_but_see_also_continues():
    parsed = doc(
        """
        Title

        The port closed.¹ Trade fell sharply.² Then,

        1 Port notice, 2 May 2022.

        See also https://port.example.org/archive for older notices.

        Jane Roe, "Trade falls after port closure," Harbour News (4.5.2022). https://hn.example.com/t
        2 Customs data, https://customs.example.gov/d

        prices rose.
        """
    )
    assert [note.label for note in parsed.notes] == ["1", None, "2"]
    assert parsed.notes[0].text.endswith("for older notices.")
    assert claim_for(parsed, "2").text == "Trade fell sharply."
    assert "Then, prices rose." in parsed.body


def test_numbered_section_titles_are_not_notes():
    parsed = doc(
        """
        Title

        1. Introduction

        The lake shrank.¹

        1 Lake survey, https://lake.example.org

        2. Results and Discussion

        It dried out.²

        2 Satellite images, https://sat.example.org
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert "Results and Discussion" in parsed.body


def test_a_note_opening_with_a_title_cased_issuer_in_a_notes_list_is_a_note():
    """Endnotes printed in a narrow column, not set off as a page's foot: a note's first line
    may hold only a title-cased issuer and title (`2. Carrow Borough Council, Library
    Service`), which reads like a numbered section title but for the comma after the issuer."""
    from citetrack.read.text import _paragraphs, _segments

    text = textwrap.dedent(
        """
        The fines were dropped in 2019.¹ The council had reviewed them.² The handbook
        had praised them.³
        1. “Library scraps late fees,” Carrow Evening
        Echo, 11 April 2019, 7.
        2. Carrow Borough Council, Library Service
        Review 2018–19, appendix C, https://www.carrow.example.gov/review.pdf.
        3. Harold Pym, The Lending Library: A Manual
        of Practice (London: Grafton, 1934), 211.
        """
    ).strip()
    notes = [segment for segment in _segments(_paragraphs(text), "superscript") if segment.kind == "note"]
    assert [note.label for note in notes] == ["1", "2", "3"]
    assert notes[1].lines[0] == "Carrow Borough Council, Library Service"


def test_power_of_ten_is_not_a_marker():
    parsed = doc(
        """
        Title

        About 10⁵ people left.¹

        1 Census, https://census.example.org
        """
    )
    assert parsed.markers == ("1",)
    assert "10⁵" in parsed.body


def test_note_cut_by_a_page_break_continues_in_the_next_block():
    parsed = doc(
        """
        Title

        The mine reopened in June.¹ Output rose fast.

        1 Mining ministry, press release of 4 June, which also lists the

        Exports followed within a month.²

        names of the new owners.
        2 Port statistics, https://port.example.org/stats
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert parsed.notes[0].text.endswith("lists the names of the new owners.")
    assert "names of the new owners" not in parsed.body
    assert "Exports followed within a month." in parsed.body


# ------------------------------------------------------------------ notes numbered per chapter


def test_numbering_that_starts_again_opens_a_new_series():
    parsed = doc(
        """
        The dam was finished in 1961.¹ It was raised in 1990.²

        1 River Board, "Completion", 4 May 1961. https://board.example.org/1961
        2 River Board, "Raising the crest", 1 June 1990.

        Chapter two

        The reservoir flooded three villages.¹ Their people were moved in 1962.²

        1 Valley Herald, "Villages under water", 3 March 1962. https://herald.example.org/villages
        2 County archive, resettlement files, 1962.
        """
    )
    assert parsed.markers == ("1", "2", "2.1", "2.2")
    assert claim_for(parsed, "2.1").text == "The reservoir flooded three villages."
    notes = {note.label: note.text for note in parsed.notes}
    assert notes["1"].startswith("River Board") and notes["2.1"].startswith("Valley Herald")
    assert len(parsed.notes) == 4


def test_a_line_starting_with_1_after_a_new_marker_is_body_unless_it_cites():
    parsed = doc(
        """
        Wells ran dry in 2019.¹ Farmers drilled deeper.²

        1 Water Agency, "Drought", 2 July 2019. https://water.example.org/drought
        2 Farm Journal, "Deeper wells", 9 August 2019.

        In the next valley, tankers came weekly.¹
        1 in 5 households had no tap at all.
        """
    )
    assert len(parsed.notes) == 2
    assert "1 in 5 households had no tap at all." in parsed.body
    assert [claim.text for claim in parsed.claims if "1" in claim.labels] == [
        "Wells ran dry in 2019.", "In the next valley, tankers came weekly."
    ]


def test_continuous_numbering_keeps_one_series():
    parsed = doc(
        """
        First claim.¹ Second claim.²

        1 Outlet A, "One", 2020. https://a.example.org/1
        2 Outlet B, "Two", 2021. https://b.example.org/2

        Third claim.³

        3 Outlet C, "Three", 2022. https://c.example.org/3
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2", "3"]


def test_two_different_notes_under_one_number_are_both_kept():
    parsed = doc(
        """
        Rents rose by a third.¹ Evictions doubled.²

        1 Housing Office, "Rents 2022", 3 March 2023. https://housing.example.org/rents
        1 Tenants' Union, "Eviction count", 9 April 2023. https://tenants.example.org/count
        2 City Court, "Case statistics", 2023.
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "1", "2"]
    assert parsed.notes[1].text.startswith("Tenants' Union")
    from citetrack.analyse import analyse

    kinds = [(flag.kind.value, flag.footnote) for flag in analyse(parsed).flags]
    assert ("duplicate-note", "1") in kinds


@pytest.mark.parametrize(
    "second_line",
    [
        "1 May 2023 edition, https://housing.example.org/may",  # a date continuing the note
        "1 in 3 tenants answered the survey.",  # prose, not a reference
    ],
)
def test_a_note_line_starting_with_its_own_number_continues_it_unless_it_cites(second_line):
    parsed = doc(
        f"""
        Rents rose by a third.¹ Evictions doubled.²

        1 Housing Office, "Rents 2022", updated.
        {second_line}
        2 City Court, "Case statistics", 2023.
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert second_line in parsed.notes[0].text


def test_a_note_cut_mid_sentence_continues_on_a_line_starting_with_its_number():
    parsed = doc(
        """
        Rents rose by a third.¹ Evictions doubled.²

        1 Housing Office, "Rents 2022", see table
        1 "Rents by district", 3 March 2023. https://housing.example.org/rents
        2 City Court, "Case statistics", 2023.
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]


def test_notes_gathered_at_the_end_by_chapter_follow_the_runs_of_markers():
    parsed = doc(
        """
        Part I

        The mill closed in 1931.¹ Its wheel went to the museum.²

        Part II

        The flood came in 1968.¹ The embankment was raised in 1985.² It has held since.³

        Notes

        Part I: Mills
        1 Valley Gazette, "Last mill closes," 3 March 1931.
        2 County Museum, "The wheel," 2015. https://museum.example.org/wheel

        Part II: Floods
        1 Valley Gazette, "Water at the church," 17 September 1968. https://gazette.example.org/1968
        2 River Authority, "Embankment works," 1 June 1985.
        3 Environment Office, "Flood records," 2023. https://environment.example.org/floods
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2", "2.1", "2.2", "2.3"]
    assert claim_for(parsed, "2.1").text == "The flood came in 1968."
    assert claim_for(parsed, "2").text == "Its wheel went to the museum."
    assert parsed.notes[1].text.endswith("/wheel")  # "Part II: Floods" is a heading, not note text
    assert "Part II: Floods" not in parsed.body and "Part I: Mills" not in parsed.body


def test_a_repeated_reference_to_note_1_keeps_one_series():
    parsed = doc(
        """
        Wells ran dry in 2019.¹ Farmers drilled deeper.² As the survey showed,¹ tankers came weekly.³

        1 Water Agency, "Drought," 2 July 2019. https://water.example.org/drought
        2 Farm Journal, "Deeper wells," 9 August 2019.
        3 County Council, "Tanker rota," 2019. https://county.example.org/tankers
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2", "3"]
    assert [claim.labels for claim in parsed.claims] == [("1",), ("2",), ("1", "3")]


def test_a_missing_note_does_not_swallow_the_notes_after_it():
    parsed = doc(
        """
        Rents rose.¹ Evictions doubled.² Courts were slow.³ Tenants organised.⁴

        1 Housing Office, "Rents 2022", 3 March 2023. https://housing.example.org/rents
        2 City Court, "Case statistics", 2023. https://court.example.org/stats
        4 Tenants' Union, "Founding", 9 April 2023. https://tenants.example.org/founding
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2", "4"]
    assert parsed.notes[1].text.endswith("/stats")
    from citetrack.analyse import analyse

    assert ("missing-note", "3") in [(flag.kind.value, flag.footnote) for flag in analyse(parsed).flags]


def test_notes_heading_with_the_first_note_on_the_next_line_opens_the_notes():
    """Text pasted from a PDF often has no blank line between the notes heading and note 1."""
    parsed = doc(
        """
        Harbour dues rose twice last year.¹ The council kept the ferry subsidy.²

        NOTES
        1 Northern Isles Harbour Board and the Ferry Users' Trust, "Schedule of harbour
        dues for 2024," March 2024, https://harbour.example.org/dues-2024.pdf.
        2 Minutes of the council meeting, 12 June 2024, item 7.
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert parsed.notes[0].text.startswith("Northern Isles Harbour Board")
    assert parsed.notes[0].text.endswith("https://harbour.example.org/dues-2024.pdf.")
    assert "NOTES" not in parsed.body
    assert [claim.labels for claim in parsed.claims] == [("1",), ("2",)]


def test_notes_after_a_missing_one_keep_their_own_labels():
    """Marker 9 has no note 9, and note 8 does not end like a reference: notes 10 to 13 are
    still notes of their own, not lines of note 8."""
    words = "one two three four five six seven eight nine ten eleven twelve thirteen".split()
    body = [f"Step {word} of the survey was done by the wardens.{number}" for number, word in enumerate(words, 1)]
    notes = [
        f"{number} The wardens' own tally, kept in the office and never printed" if number == 8
        else f"{number} Lake Office, “Survey step {number},” https://lake.example.org/step/{number}."
        for number in range(1, 14) if number != 9
    ]
    parsed = parse_text("\n".join([*body, *notes, "", "1", ""]), "t.txt", "plain")
    got = {note.label: note.text for note in parsed.notes}
    assert list(got) == [str(number) for number in range(1, 14) if number != 9]
    assert got["8"].endswith("never printed")
    assert got["10"].startswith("Lake Office")


def test_a_numbered_list_in_the_body_citing_notes_is_not_taken_for_the_notes():
    """A brief lists its points "1. … 2. …" before any note, each point citing one on its
    next line; the real notes, numbered from 1 too, come under the notes heading."""
    parsed = doc(
        """
        The ferry timetable changed in spring.¹
        Two problems followed:
        1. Fewer sailings. The winter service dropped from six crossings to
        four a day.²
        2. Later arrivals. The first boat now lands after the schools open
        at nine.³

        Notes

        1. Island council, "Timetable 2024," https://council.example.org/ferry.
        2. Ferry operator, winter schedule, https://ferry.example.org/winter.
        3. Parents' association, letter to the council, 4 March 2024.
        """
    )
    assert [note.label for note in parsed.notes] == ["1", "2", "3"]
    assert parsed.notes[0].text.startswith("Island council")
    assert "Fewer sailings" in parsed.body
    assert [claim.labels for claim in parsed.claims] == [("1",), ("2",), ("3",)]


_BRIEF_WITH_A_LOST_NUMBER = """Harbour dredging

The port dredged its channel twice in 2023.¹ Ferries ran late on nine days that winter.²

Notes
¹ Lakeside Gazette, "Channel dredged again," 4 May 2023, https://gazette.example.org/dredging.
² Port Authority, "Winter delays," 2 February 2024, https://port.example.org/delays.

Mira Okafor, "Why the lake silts up," Shore Weekly, 9 March 2024, https://shore.example.net/silt.
"""


def test_a_citation_set_apart_after_the_last_note_is_its_own_unnumbered_note():
    """A whole citation set off by a blank line after the notes, without a number, is a note
    that lost its label, not the end of the last note."""
    parsed = parse_text(_BRIEF_WITH_A_LOST_NUMBER, "brief.txt")
    assert [note.label for note in parsed.notes] == ["1", "2", None]
    assert parsed.notes[1].text.endswith("https://port.example.org/delays.")
    assert parsed.notes[2].text.startswith("Mira Okafor")


def test_a_note_going_on_after_a_blank_line_stays_one_note():
    """A note that goes on after a blank line in its own words (no citation of its own) keeps it."""
    text = _BRIEF_WITH_A_LOST_NUMBER.replace(
        'Mira Okafor, "Why the lake silts up," Shore Weekly, 9 March 2024, https://shore.example.net/silt.',
        "The delays were worst in the week of the storm.",
    )
    parsed = parse_text(text, "brief.txt")
    assert [note.label for note in parsed.notes] == ["1", "2"]
    assert parsed.notes[1].text.endswith("worst in the week of the storm.")


def test_plain_digit_markers_say_the_text_lost_links_behind_titles_and_bracket_markers_do_not():
    """Plain digits glued to words are raised markers flattened by a copy out of a PDF or a web
    page, which also drops links set behind titles; `[1]` is how a plain-text author writes."""
    plain = textwrap.dedent("""\
        Ferry fares rose by a third over the winter.1 The operator blamed fuel costs.2

        1 "Fares review", Island Transport Board, 3 May 2021.
        2 "Fuel and ferries", Harbour Gazette, 4 May 2021.
        """)
    bracketed = plain.replace(".1 ", ".[1] ").replace("costs.2", "costs.[2]").replace("\n1 ", "\n[1] ").replace("\n2 ", "\n[2] ")
    plain_doc, bracketed_doc = parse_text(plain), parse_text(bracketed)
    assert plain_doc.markers == bracketed_doc.markers == ("1", "2")
    assert plain_doc.links_hidden and not bracketed_doc.links_hidden


def test_ligatures_copied_out_of_a_pdf_are_spelled_out():
    """A PDF font's ligature glyphs survive a copy (`Traﬀic`, `Oﬃce`): read as the letters."""
    parsed = parse_text("The Road Traﬀic Act was amended.1\n\n1. Oﬃce of the Clerk, https://clerk.example.org/ﬁles.\n")
    assert parsed.claims[0].text == "The Road Traffic Act was amended."
    assert parsed.notes[0].text == "Office of the Clerk, https://clerk.example.org/files."


def test_note_labels_glued_to_their_notes_are_read():
    """Another extractor than pdftotext glues a note's label to its first word, an initial,
    a quote or a URL (`1Institute`, `2H. Mbeki`, `3https://…`): each is still its note."""
    parsed = doc(
        """\
        Wild bees pollinate most crops in the region.1 Their numbers fell by a third.2
        Solitary bees fell the most.3

        1Institute for Rural Ecology, Crop dependence (2022), https://ecology.example.org/crops.
        2H. Mbeki and R. Albescu, "Margin width and wild bees", Field Ecology 61 (2024).
        3https://pollinators.example.org/data/trends?group=solitary
        """
    )
    assert {note.label: note.text for note in parsed.notes} == {
        "1": "Institute for Rural Ecology, Crop dependence (2022), https://ecology.example.org/crops.",
        "2": 'H. Mbeki and R. Albescu, "Margin width and wild bees", Field Ecology 61 (2024).',
        "3": "https://pollinators.example.org/data/trends?group=solitary",
    }


def _latex_page(body: str, notes: str, number: int) -> str:
    """A page as pdftotext gives a LaTeX PDF: the body, its notes under a blank line, the
    page number."""
    filler = "The consortium compared what its libraries paid for each loan in every year.\n" * 5
    return f"{body}\n{filler}\n{notes}\n\n{number}\n"


def test_a_note_opening_with_a_number_glued_to_its_label_keeps_its_label():
    """pdftotext glues a raised label to a number opening its note (`317 U.S.C. § 109` is note
    3 citing `17 U.S.C.`): the next label due, at the head of a reference, opens the note, and
    the notes after it keep theirs. Below another note, a note's glued label needs no URL
    (`515 U.S.C. § 1681e(b).`: note 5). A body paragraph opening with a number (`35 boats…`)
    under a blank line is no note."""
    page1 = _latex_page(
        "Libraries license e-books.1 Digital lending is a third of loans.2",
        "1 Jane Doe, “The e-book problem,” Weekly, 2019, https://weekly.example.org/ebooks.\n"
        "2 Consortium statistics, fiscal year 2023.",
        1,
    )
    page2 = _latex_page(
        "A print book may be lent for ever.3 A licence is a contract.4 Reports must be accurate.5\n\n"
        "35 boats were counted at the pier that spring.",
        "317 U.S.C. § 109, https://law.example.org/uscode/17/109.\n"
        "4 Ann Lee, “Licence models,” Library Journal, 2020, https://lj.example.org/models.\n"
        "515 U.S.C. § 1681e(b) (requiring accuracy).",
        2,
    )
    parsed = doc(page1 + "\f" + page2)
    found = {note.label: note.text for note in parsed.notes}
    assert found["3"] == "17 U.S.C. § 109, https://law.example.org/uscode/17/109."
    assert found["4"].startswith("Ann Lee")
    assert found["5"] == "15 U.S.C. § 1681e(b) (requiring accuracy)."
    assert all("35 boats" not in text for text in found.values())
    assert [claim.labels for claim in parsed.claims] == [("1",), ("2",), ("3",), ("4",), ("5",)]


def test_a_year_in_brackets_in_a_note_holds_no_markers_due_next():
    """`(1920)` in note 18 while markers 19 and 20 are due: a number filling a bracket is the
    bracket's content (a year), not markers 19 and 20 glued together, so the notes after it
    stay apart and markers 19 and 20 are found in the body."""
    sentences = " ".join(f"The tram ran on route {chr(64 + n)} that year.{n}" for n in range(1, 19))
    notes = "\n".join(f"{n} City Office, Route report {n}, https://city.example.org/routes/{n}." for n in range(1, 18))
    notes += "\n18 City Archive, “Tram timetable” (1920), https://archive.example.org/trams."
    page2 = _latex_page(
        "The trams stopped in the spring.19 The buses came in the autumn.20",
        "19 Transit Board, Annual report, https://board.example.org/report.\n20 Bus Company, History, https://bus.example.org/history.",
        2,
    )
    parsed = doc(_latex_page(sentences, notes, 1) + "\f" + page2)
    found = {note.label: note.text for note in parsed.notes}
    assert found["18"] == "City Archive, “Tram timetable” (1920), https://archive.example.org/trams."
    assert found["20"] == "Bus Company, History, https://bus.example.org/history."
    assert list(parsed.markers) == [str(n) for n in range(1, 21)]


def test_end_notes_numbered_with_a_point_past_ten_keep_their_labels_on_a_later_page():
    """End notes listed `12. Department…` on a page of their own: a number written with a point
    is a list's label, never one glued to a number opening a note (`1` then `2. Department`)."""
    body = " ".join(f"The ferry ran to pier {n} that spring.{n}" for n in range(1, 14))
    first = "\n".join(f"{n}. Harbour Office, Pier report {n}, https://harbour.example.org/piers/{n}." for n in range(1, 12))
    later = (
        "12. Department for Transport, Ferry Survey 2023 to 2024, https://transport.example.gov.uk/ferry-survey.\n"
        "13. Pier Trust, Annual accounts, https://piertrust.example.org/accounts."
    )
    parsed = doc(f"{body}\n\nNotes\n\n{first}\n\f{later}\n")
    found = {note.label: note.text for note in parsed.notes}
    assert found["12"].startswith("Department for Transport")
    assert found["13"] == "Pier Trust, Annual accounts, https://piertrust.example.org/accounts."
