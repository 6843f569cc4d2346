"""A note → its sources: splitting, fields, explanatory notes, hidden links; and the shared sample."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from citetrack.cite.dates import find_dates, url_date
from citetrack.models import Note
from citetrack.read.notes import parse_note
from citetrack.read import read

D = dt.date


def parse(text: str, hrefs: tuple[str, ...] = ()):
    return parse_note(Note(label="1", text=text, position=0, hrefs=hrefs))


# ------------------------------------------------------------------ the shared sample (read, never copied)


def _sample_note(sample: Path, label: str) -> str:
    """The text of a numbered note, taken from the sample's lines at test time."""
    lines = sample.read_text(encoding="utf-8").splitlines()
    for line in lines:
        match = re.match(rf"^\s*-?\s*{label}\s+(\S.*)$", line)
        if match:
            return match.group(1)
    pytest.skip(f"note {label} not found in the sample")


def test_sample_note_2_splits_into_its_sources(shared_sample: Path) -> None:
    sources = parse(_sample_note(shared_sample, "2"))
    assert len(sources) >= 4
    reuters = sources[0]
    assert reuters.outlet == "Reuters"
    assert reuters.date.value == D(2023, 1, 13)
    assert url_date(reuters.urls[0].normalized) == D(2023, 12, 13)
    site = [s for s in sources if s.outlet == "SITE Intelligence Group"]
    assert [s.date.value for s in site] == [D(2023, 12, 22), D(2023, 12, 26)]
    assert not site[-1].urls  # the last statement has no link
    assert any("twitter.com" in ref.normalized for s in sources for ref in s.urls)
    voa = [s for s in sources if s.outlet == "VOA"]
    assert len(voa) == 1 and voa[0].date.value == D(2023, 12, 31)
    assert voa[0].urls[0].normalized.startswith("https://www.voanews.com/")


def test_sample_note_4_title_date_apart_from_the_stated_date(shared_sample: Path) -> None:
    [source] = parse(_sample_note(shared_sample, "4"))
    assert source.authors and source.outlet
    assert source.date.value == D(2023, 12, 15)
    assert [s.value for _, s in find_dates(source.title)] == [D(2023, 12, 13)]
    assert url_date(source.urls[0].normalized) == D(2023, 12, 13)


def test_sample_note_7(shared_sample: Path) -> None:
    [source] = parse(_sample_note(shared_sample, "7"))
    assert source.date.value == D(2023, 12, 25)
    assert [s.value for _, s in find_dates(source.title)] == [D(2023, 10, 25)]
    assert url_date(source.urls[0].normalized) == D(2023, 10, 25)


@pytest.mark.parametrize(("label", "site"), [("6", "france24.com"), ("11", "aa.com.tr")])
def test_sample_named_sites_without_url(shared_sample: Path, label: str, site: str) -> None:
    note = next(n for n in read(shared_sample).notes if n.label == label)
    [source] = parse_note(note)
    assert source.named_site == site
    assert source.urls == ()
    assert source.title


def test_sample_explanatory_notes_name_no_source(shared_sample: Path) -> None:
    notes = {n.label: n for n in read(shared_sample).notes}
    assert parse_note(notes["1"]) == ()
    assert parse_note(notes["3"]) == ()


def test_sample_unnumbered_citation(shared_sample: Path) -> None:
    line = next(
        line for line in shared_sample.read_text(encoding="utf-8").splitlines() if "apnews.com" in line
    )
    [source] = parse_note(Note(label=None, text=line, position=0))
    assert len(source.authors) == 1
    assert source.outlet == "AP"
    assert source.date.value == D(2023, 11, 28)
    assert source.title and len(source.title.split()) > 5
    assert source.urls[0].normalized.startswith("https://apnews.com/article/")


def test_sample_link_only_notes(shared_sample: Path) -> None:
    sources = parse(_sample_note(shared_sample, "5"))
    assert len(sources) == 3
    assert all(len(s.urls) == 1 and s.title is None for s in sources)


def test_sample_has_twelve_distinct_urls(shared_sample: Path) -> None:
    document = read(shared_sample)
    urls = [ref.normalized for note in document.notes for s in parse_note(note) for ref in s.urls]
    assert len(set(urls)) == 12
    assert len(urls) == 13  # note 5's first link is cited again in note 9


# ------------------------------------------------------------------ behaviour on our own notes


def test_semicolons_inside_quotes_do_not_split() -> None:
    [source] = parse('Jo Roe, "War; peace and the rest of it," Gazette Weekly (3.4.2022). https://g.example/a')
    assert source.title == "War; peace and the rest of it"


def test_a_url_followed_by_a_new_citation_is_cut() -> None:
    sources = parse(
        'First headline about rain. (1.2.2021) Reuters. <https://www.reuters.com/a> '
        'Second headline about wind VOA (2.2.2021). <https://www.voanews.com/b>'
    )
    assert [s.outlet for s in sources] == ["Reuters", "VOA"]
    assert [s.title for s in sources] == ["First headline about rain", "Second headline about wind"]


def test_access_date_does_not_start_a_source_nor_date_it() -> None:
    [source] = parse('"A report on wells," Water Watch, 4 April 2023, https://w.example/r, accessed 10 May 2023.')
    assert source.date.value == D(2023, 4, 4)


def test_see_the_link_is_no_title() -> None:
    [source] = parse("See the link: https://t.example/page")
    assert source.title is None
    [source] = parse("See how the river rose in the link: <https://t.example/page>")
    assert source.title is None


def test_short_title_before_see_the_link() -> None:
    [source] = parse("Harvest season opens early. See the link: <https://h.example/x>")
    assert source.title == "Harvest season opens early"


def test_explanation_before_a_named_site_is_not_the_title() -> None:
    [source] = parse(
        "The body was set up in 2021. It later split into two wings. "
        "See the link: Council splits in two (news.example.org)."
    )
    assert source.title == "Council splits in two"
    assert source.named_site == "news.example.org"
    assert source.date is None


def test_quotation_inside_a_sentence_is_not_a_title() -> None:
    assert parse('The leaders called it a "new beginning for the region" in 2019.') == ()


def test_hidden_links_join_their_source() -> None:
    sources = parse(
        'Reuters, "Alpha story here," 1 May 2022; AP, "Beta story here," 2 May 2022.',
        hrefs=("https://apnews.com/article/beta", "https://www.reuters.com/alpha"),
    )
    assert [[u.normalized for u in s.urls] for s in sources] == [
        ["https://www.reuters.com/alpha"],
        ["https://apnews.com/article/beta"],
    ]


def test_hidden_link_behind_see_the_link_gets_no_title() -> None:
    [source] = parse("See the link.", hrefs=("https://a.example/x",))
    assert source.title is None and [u.normalized for u in source.urls] == ["https://a.example/x"]
    [source] = parse("Harvest festival returns.", hrefs=("https://a.example/x",))
    assert source.title == "Harvest festival returns"


def test_hidden_link_already_in_text_is_not_repeated() -> None:
    [source] = parse("See: https://a.example/x", hrefs=("https://a.example/x#top",))
    assert len(source.urls) == 1


def test_malformed_url_is_kept_with_its_reason() -> None:
    [source] = parse("Storm passes. (3.3.2021) BBC. www.bbc .co.uk/news/storm-1")
    [ref] = source.urls
    assert ref.malformed and ref.suggestion == "https://www.bbc.co.uk/news/storm-1"


def test_invalid_stated_date_is_kept() -> None:
    [source] = parse('"Market reopens downtown," Daily Herald (31.02.2023). <https://h.example/m>')
    assert source.date.raw == "31.02.2023" and source.date.value is None


def test_empty_note() -> None:
    assert parse("") == ()
    assert parse("   ") == ()


# ---------------------------------------------------------------- third round (issue 13)


@pytest.mark.parametrize(
    ("text", "title", "outlet"),
    [
        ('"Drought," Coastal Courier, 2 March 2023, https://courier.example/drought', "Drought", "Coastal Courier"),
        ('Okafor, Ada. "Kernkraft." Rheinische Post, 5. Mai 2021, https://rp.example/k', "Kernkraft", "Rheinische Post"),
        ('"Salinity", Delta Weekly, 9 June 2020, https://delta.example/s', "Salinity", "Delta Weekly"),
    ],
)
def test_a_one_word_quoted_title_closed_by_the_citation_is_a_title(text, title, outlet) -> None:
    [source] = parse(text)
    assert (source.title, source.outlet) == (title, outlet)


def test_a_word_quoted_inside_a_sentence_is_no_title() -> None:
    assert parse('Officials spoke of a "pause", not an end, in talks.') == ()


@pytest.mark.parametrize(
    ("text", "issuer", "date"),
    [
        ("Harbour Authority of Lisbon, statement, 8 August 2022.", "Harbour Authority of Lisbon", dt.date(2022, 8, 8)),
        ("Regional Water Board press release, 3 May 2021.", "Regional Water Board", dt.date(2021, 5, 3)),
        ("Mairie de Lyon, communiqué de presse, 12 janvier 2023.", "Mairie de Lyon", dt.date(2023, 1, 12)),
        ("WFP, News Release (4 April 2024).", "WFP", dt.date(2024, 4, 4)),
    ],
)
def test_a_web_document_named_by_issuer_and_kind_is_a_source(text, issuer, date) -> None:
    [source] = parse(text)
    assert source.outlet == issuer and source.date.value == date and source.title is None


@pytest.mark.parametrize(
    "text",
    [
        "The statement was issued on 4 June 2023, after the floods.",
        "The council's statement, 4 June 2023, changed nothing.",
        "Officials gave a statement, 4 June 2023.",
    ],
)
def test_a_sentence_about_a_statement_is_no_source(text) -> None:
    assert parse(text) == ()


@pytest.mark.parametrize("when", ["Spring 2023", "Q3 2023", "Winter 2023/24"])
def test_a_season_or_quarter_after_the_title_is_no_outlet(when) -> None:
    [source] = parse(f'Delta Water Board, "Reservoir levels," {when}, https://delta.example/levels')
    assert source.outlet != when and source.title == "Reservoir levels"


# ------------------------------------------------------------------ citations without quotes or links


@pytest.mark.parametrize("text", [
    "Harbour cranes go electric, Reuters, 3 May 2020.",
    "Harbour cranes go electric. The Guardian. 3 May 2020.",
])
def test_an_unquoted_title_a_known_outlet_and_a_closing_date_cite_a_source(text: str) -> None:
    """Without a link, a title in plain type is still a citation when a known outlet and the
    date closing the note follow it: the web source it names has no link (`no-url`)."""
    [source] = parse(text)
    assert source.title == "Harbour cranes go electric"
    assert source.outlet in {"Reuters", "The Guardian"}
    assert source.date.value == D(2020, 5, 3) and source.urls == ()


def test_a_lead_in_before_the_outlet_gives_no_title() -> None:
    [source] = parse("See the ministry's statement, Reuters, 3 May 2020.")
    assert source.title is None and source.outlet == "Reuters"


@pytest.mark.parametrize("text", [
    "Notes on method, Part two, May 2020.",  # no known outlet
    "The authors thank the reviewers, 3 May 2020.",
    "Interview with the mayor, 3 May 2020.",
])
def test_plain_words_and_a_date_name_no_source(text: str) -> None:
    assert parse(text) == ()


def test_a_stray_doubled_quote_before_a_title_keeps_the_title() -> None:
    [source] = parse('Jane Roe, ""Harbour cranes go electric," Reuters, 3 May 2020, https://reuters.com/a.')
    assert source.title == "Harbour cranes go electric" and source.outlet == "Reuters"


@pytest.mark.parametrize("clause", ["accessed 5 May 2020", "last accessed on 5 May 2020", "retrieved 5 May 2020"])
def test_an_access_clause_cut_off_by_a_semicolon_belongs_to_the_source_before(clause: str) -> None:
    sources = parse(f'"Harbour cranes go electric", Reuters, 3 May 2020, https://reuters.com/a; {clause}; '
                    '"Dockers return", AP, 4 May 2020, https://apnews.com/b.')
    assert [s.title for s in sources] == ["Harbour cranes go electric", "Dockers return"]
    assert sources[0].accessed.value == D(2020, 5, 5) and sources[1].accessed is None
    assert sources[0].date.value == D(2020, 5, 3)


@pytest.mark.parametrize(("text", "outlet"), [
    ('heise online. "Firefox mit neuer Oberfläche". https://www.heise.de/newsticker/meldung/a-1.html Retrieved 2017-03-18.', "heise online"),
    ('Reuters. "Port strike ends". 3 May 2020. https://www.reuters.com/a', "Reuters"),
])
def test_a_known_outlet_as_the_sentence_before_a_title_is_its_publisher(text: str, outlet: str) -> None:
    """Wikipedia's `Publisher. "Title". <url>`: the outlet stands alone before the title, even
    written in lower case as its owners write it."""
    [source] = parse(text)
    assert source.outlet == outlet


# ------------------------------------------------------------------ a web source whose link is not in the text


@pytest.mark.parametrize(("text", "title", "outlet"), [
    ("Harbour dredging schedule, Port Authority of Exampleton (2011). Retrieved 2012-03-04.",
     "Harbour dredging schedule", "Port Authority of Exampleton"),
    ("Ferry timetable changes (Winter), Island Transport Board (2009); retrieved June 2, 2010.",
     "Ferry timetable changes (Winter)", "Island Transport Board"),
    ("Tram depot closure consultation (2008). Retrieved 2009-01-15.", "Tram depot closure consultation", None),
])
def test_a_note_with_an_access_date_cites_a_work_though_no_link_is_in_its_text(
    text: str, title: str, outlet: str | None
) -> None:
    """Text copied out of a PDF keeps `Title, Publisher (2011). Retrieved …` and loses the link
    behind the title: the access date still says a work was seen online, so the note is a source
    (and the bracketed year its date), not an explanation."""
    [source] = parse(text)
    assert (source.title, source.outlet, source.urls) == (title, outlet, ())
    assert source.date is not None and source.date.precision == "year"
    assert source.accessed is not None and source.accessed.value.year in {2009, 2010, 2012}


def test_a_publisher_and_bracketed_year_after_a_link_stay_with_that_link() -> None:
    """`[Title](url), Publisher (2011). Retrieved …`: the tail is the linked work's publisher,
    no second source without a link."""
    [source] = parse("Harbour dredging schedule https://port.example/dredging, "
                     "Port Authority of Exampleton (2011). Retrieved 2012-03-04.")
    assert source.urls[0].normalized == "https://port.example/dredging"
    assert source.accessed is not None and source.accessed.value == D(2012, 3, 4)


def test_an_explanation_without_an_access_date_still_names_no_source() -> None:
    assert parse("Harbour dredging figures are rounded, Port Authority of Exampleton (2011).") == ()
