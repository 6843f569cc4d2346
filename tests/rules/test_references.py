import dataclasses
import datetime as dt

import pytest

from citetrack.models import FlagKind, Note, Severity, StatedDate, UrlRef
from citetrack.rules.references import (
    malformed_url_flags,
    no_url_flag,
    outlet_mismatch_flag,
    repeated_url_flags,
)


def test_a_source_without_a_link_is_flagged_with_its_named_site(cite):
    flag = no_url_flag(cite("6", 0, title="Army retakes the town", named_site="france24.com"))
    assert flag is not None and flag.kind is FlagKind.NO_URL and flag.severity is Severity.WARNING
    assert flag.evidence["domain"] == "france24.com" and flag.subject == "6#0"
    assert "france24.com" in flag.message and flag.message.startswith("Note 6:")


def test_no_url_needs_something_cited(cite):
    assert no_url_flag(cite("6", 0, outlet="Monitoring Group")) is not None
    assert no_url_flag(cite("6", 0, authors=("A. Writer",))) is not None
    assert "domain" not in no_url_flag(cite("6", 0, outlet="Monitoring Group")).evidence
    assert no_url_flag(cite("6", 0, text="See above.")) is None
    assert no_url_flag(cite("6", 0, title="A report", urls=("https://example.org/a",))) is None


def test_a_source_without_a_link_in_copied_text_is_only_an_info_pointing_to_the_original(cite):
    """Text copied out of a PDF or a web page loses links set behind titles: the rule cannot
    tell a lost link from a missing one, so it says so at info level instead of warning."""
    flag = no_url_flag(cite("6", 0, title="Army retakes the town", named_site="france24.com"), links_hidden=True)
    assert flag is not None and flag.kind is FlagKind.LINK_NOT_IN_TEXT and flag.severity is Severity.INFO
    assert flag.evidence["domain"] == "france24.com" and "ingest the original" in flag.message
    assert no_url_flag(cite("6", 0, title="A report", urls=("https://example.org/a",)), links_hidden=True) is None
    assert no_url_flag(cite("6", 0, text="See above."), links_hidden=True) is None


def test_a_malformed_url_is_flagged_with_its_repair(cite):
    bad = UrlRef(
        written="htps://example.org/a",
        normalized="https://example.org/a",
        malformed="broken scheme",
        suggestion="https://example.org/a",
    )
    [flag] = malformed_url_flags(cite("8", 0, title="x", urls=(bad, "https://example.org/b")))
    assert flag.kind is FlagKind.MALFORMED_URL and flag.severity is Severity.ERROR
    assert flag.evidence == {
        "written": "htps://example.org/a",
        "reason": "broken scheme",
        "suggestion": "https://example.org/a",
    }
    assert flag.subject == "8#0:htps://example.org/a"
    assert "https://example.org/a" in flag.message
    assert no_url_flag(cite("8", 0, title="x", urls=(bad,))) is None


def test_repeated_url_gives_one_flag_per_url_listing_every_note(cite):
    url = "https://twitter.com/acct/status/1734951822782058853"
    citations = [
        cite("5", 0, urls=(url,)),
        cite("5", 1, urls=(url, "https://example.org/other")),
        cite("7", 0, urls=("https://example.org/other",)),
        cite("9", 0, urls=(url,)),
    ]
    flags = repeated_url_flags(citations)
    assert [(f.subject, f.footnote, f.evidence["footnotes"]) for f in flags] == [
        (url, "5", ["5", "9"]),
        ("https://example.org/other", "5", ["5", "7"]),
    ]
    assert all(f.kind is FlagKind.REPEATED_URL and f.severity is Severity.INFO for f in flags)


def test_the_same_url_twice_in_one_note_is_not_repeated(cite):
    url = "https://example.org/a"
    assert repeated_url_flags([cite("1", 0, urls=(url,)), cite("1", 1, urls=(url,))]) == []


def test_outlet_named_against_another_site(cite):
    flag = outlet_mismatch_flag(cite("3", 0, title="x", outlet="Reuters", urls=("https://www.bbc.co.uk/news/world-1",)))
    assert flag is not None and flag.kind is FlagKind.OUTLET_MISMATCH and flag.severity is Severity.WARNING
    assert flag.evidence["outlet"] == "Reuters" and flag.evidence["domain"] == "bbc.co.uk"
    assert outlet_mismatch_flag(cite("3", 0, outlet="Reuters", urls=("https://www.reuters.com/world/x",))) is None


def test_outlet_mismatch_skips_posts_shorteners_archives_and_unknown_outlets(cite):
    for url in (
        "https://twitter.com/acct/status/1734951822782058853",
        "https://bit.ly/3abcdef",
        "https://web.archive.org/web/2023/https://www.reuters.com/x",
    ):
        assert outlet_mismatch_flag(cite("3", 0, outlet="Reuters", urls=(url,))) is None, url
    assert outlet_mismatch_flag(cite("3", 0, outlet="Zyx Quarterly Bulletin", urls=("https://www.harbour-ledger.org/a",))) is None
    both = ("https://www.bbc.co.uk/a", "https://www.reuters.com/a")
    assert outlet_mismatch_flag(cite("3", 0, outlet="Reuters", urls=both)) is None


# ---------------------------------------------------------------- print sources (issue 13)


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "What Is Ajax?", "outlet": "Professional Ajax", "text": "Doe, J. “What Is Ajax?” Professional Ajax, 2nd ed., Wiley, 2007."},
        {"title": "Illiterate Recruits", "outlet": "The Times", "date": "1947-08-23"},
        {"title": "The Harbour Atlas", "outlet": "Bay Press", "text": 'Roe, Jane. "The Harbour Atlas". Bay Press. 2004.', "date": StatedDate("2004", dt.date(2004, 1, 1), "year")},
        {"title": "The people of Harbourtown", "outlet": "Harbourtown Library Board", "text": 'Roe, Jane. "The people of Harbourtown". Harbourtown Library Board. 1997.', "date": StatedDate("1997", dt.date(1997, 1, 1), "year")},
        {"title": "Port towns of the north", "outlet": "Harbour Studies", "text": "Roe, J. Port towns of the north. Harbour Studies 12(3): 45-67."},
        {"title": "A history", "outlet": "Northern University Press", "text": "Roe, J. A history. Oxford University Press, 1991. ISBN 978-0-19-000000-0"},
    ],
)
def test_print_sources_need_no_link(cite, fields):
    assert no_url_flag(cite("3", 0, **fields)) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Army retakes the town", "outlet": "Reuters", "date": "2023-05-04"},
        {"title": "Statement on the ceasefire", "outlet": "Ministry of Defence", "text": "Ministry of Defence, press release, “Statement on the ceasefire”, 2023."},
        {"title": "Old report", "named_site": "france24.com", "date": "1990-01-01"},  # a named site is the web
        {"outlet": "Monitoring Group"},
        {"title": "Wire story", "outlet": "Associated Press", "text": 'Roe, Jane. "Wire story". Associated Press. 2004.', "date": StatedDate("2004", dt.date(2004, 1, 1), "year")},
        {"title": "Floods reach the valley", "outlet": "Sahel Monitor", "authors": ("Jane Roe",), "text": 'Jane Roe, "Floods reach the valley," Sahel Monitor, 2023.', "date": StatedDate("2023", dt.date(2023, 1, 1), "year")},
    ],
)
def test_web_sources_still_need_a_link(cite, fields):
    assert no_url_flag(cite("3", 0, **fields)) is not None


def test_one_note_cited_again_is_no_repeated_url(cite):
    """A named note reused reaches the renderings as notes of identical text: one source."""
    url = "https://example.org/report"
    text = '"Report". Example Org. https://example.org/report Retrieved 2014-11-09.'
    notes = [Note("10", text, 0), Note("11", "  " + text.upper(), 1), Note("14", f"See the report: {url}", 2)]
    citations = [
        dataclasses.replace(cite("10", 0, urls=(url,)), note_position=0),
        dataclasses.replace(cite("11", 0, urls=(url,)), note_position=1),
    ]
    assert repeated_url_flags(citations, notes) == []
    third = dataclasses.replace(cite("14", 0, urls=(url,)), note_position=2)
    [flag] = repeated_url_flags([*citations, third], notes)
    assert flag.evidence["footnotes"] == ["10", "14"]


# ---------------------------------------------------------------- second round (issue 13)


@pytest.mark.parametrize(
    "text",
    [
        'Amadi et al., "Sediment transport in braided rivers," Earth Surface Dynamics 31, no. 4 (2016): ES2041.',
        'Amadi, "Sediment transport," Foreign Affairs 95, no. 2 (2016): 45–60.',  # known outlet, cited as a journal
        'Amadi, "Sediment transport," River Studies 12(3): 45–67 (2016).',
        'Amadi, "Sediment transport," River Studies, vol. 9, pp. 1–20, 2011.',
        'Amadi, N., "Sediment transport," Open River Letters 15(2), e0123456.',
    ],
)
def test_journal_articles_placed_by_volume_and_pages_need_no_link(cite, text):
    assert no_url_flag(cite("2", 0, text=text, title="Sediment transport", outlet="River Studies 31")) is None


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Northvale Fire Rescue (@northvalefire), post on X, August 2, 2023.", "X"),
        ("Riverside Parks Department, Facebook post, 14 May 2024.", "Facebook"),
    ],
)
def test_a_post_named_without_a_link_needs_one(cite, text, outlet):
    flag = no_url_flag(cite("5", 0, text=text, authors=(text.split(",")[0],), outlet=outlet, date="2023-08-02"))
    assert flag is not None and flag.kind is FlagKind.NO_URL


def test_a_linked_site_named_as_the_title_is_no_outlet_mismatch(cite):
    # `[Citymayors.com](url), *Toronto Star* (2004)`: the note says the link is that site
    site = cite("14", 0, title="Citymayors.com", outlet="Toronto Star", urls=("http://www.citymayors.com/economics/a.html",))
    assert outlet_mismatch_flag(site) is None
    other = cite("14", 0, title="Financial cities", outlet="Toronto Star", urls=("https://www.cbc.ca/news/a",))
    assert outlet_mismatch_flag(other) is not None


# ---------------------------------------------------------------- third round (issue 13)


def _year(year: int) -> StatedDate:
    return StatedDate(str(year), dt.date(year, 1, 1), "year")


@pytest.mark.parametrize(
    "fields",
    [
        # a journal named without volume: pages after the year, or its name with a year alone
        {"title": "Tidal marsh loss", "outlet": "Estuary Science", "text": 'Ng, "Tidal marsh loss," Estuary Science, 2019, 301–317.', "date": _year(2019)},
        {"title": "Tidal marsh loss", "outlet": "Journal of Wetland Ecology", "text": 'Ng, "Tidal marsh loss," Journal of Wetland Ecology (2019).', "date": _year(2019)},
        {"title": "Tidal marsh loss", "outlet": "Revue des zones humides", "text": "Ng, « Tidal marsh loss », Revue des zones humides, 2019.", "date": _year(2019)},
        {"title": "Tidal marsh loss", "outlet": "Estuary Science 41", "text": 'Ng, Ada. "Tidal marsh loss." Estuary Science 41 (2019).'},
        # a newspaper read in print, even one that also publishes online
        {"title": "Dock strike ends", "outlet": "The Guardian", "text": '"Dock strike ends," The Guardian, 4 May 2011, p. 7.', "date": "2011-05-04"},
        {"title": "Dock strike ends", "outlet": "New York Times", "text": '"Dock strike ends," New York Times, May 4, 2011, A12.', "date": "2011-05-04"},
        {"title": "Dock strike ends", "outlet": "New York Times", "text": "Roe, A. (2011). Dock strike ends. New York Times, B4.", "date": _year(2011)},
        {"title": "Hafenstreik", "outlet": "Die Welt", "text": "„Hafenstreik“, Die Welt, 4. Mai 2011, S. 3.", "date": "2011-05-04"},
        # a book's imprint in parentheses
        {"title": "Coastal towns", "outlet": None, "authors": ("Ada Ng",), "text": "Ada Ng, Coastal towns (Lisbon: Tejo Editora, 2008), 41."},
        {"title": "Annual survey", "outlet": "Harbour Board", "text": "Harbour Board, Annual survey (Porto: Harbour Board, 2012)."},
    ],
)
def test_print_sources_placed_by_page_name_or_imprint_need_no_link(cite, fields):
    assert no_url_flag(cite("4", 0, **fields)) is None


@pytest.mark.parametrize(
    "fields",
    [
        # a journal-like name with a day date is a news item; a year range is no page range
        {"title": "Rates fall", "outlet": "Journal of Commerce", "text": 'Journal of Commerce, "Rates fall," September 12, 2023.', "date": "2023-09-12"},
        {"title": "Survey 2019–2021", "outlet": "Harbour News", "text": '"Survey 2019–2021," Harbour News, 3 May 2022.', "date": "2022-05-03"},
        {"title": None, "outlet": "Harbour Board", "text": "Harbour Board, statement, 3 May 2022.", "date": "2022-05-03"},
        {"title": "Rates fall", "outlet": "Harbour News", "text": '"Rates fall," Harbour News, 4.12.2023.', "date": "2023-12-04"},
    ],
)
def test_web_sources_without_pages_still_need_a_link(cite, fields):
    assert no_url_flag(cite("4", 0, **fields)) is not None


@pytest.mark.parametrize(
    "text",
    [
        'Okafor, "Drought," 12.', 'Okafor, "Drought in the delta."', 'Okafor and Lee, "Drought."', "Okafor, Delta Towns, 41–42.",
        'Okafor-Baptiste and Lee, "Drought," 1680.',  # a page of a long volume (or a year centuries before the web)
    ],
)
def test_a_shortened_note_pointing_back_to_a_full_citation_needs_no_link(cite, text):
    assert no_url_flag(cite("9", 0, text=text, title="Drought", outlet="Okafor")) is None


def test_a_short_note_with_a_year_of_the_web_era_is_dated_and_still_needs_a_link(cite):
    assert no_url_flag(cite("9", 0, text='Okafor, "Drought," 2019.', title="Drought", outlet="Okafor")) is not None


def test_a_known_outlet_with_a_title_alone_still_needs_a_link(cite):
    assert no_url_flag(cite("9", 0, text='Reuters, "Drought."', title="Drought", outlet="Reuters")) is not None


@pytest.mark.parametrize(
    "text",
    ['Okafor, "Delta soils," Soil Letters (forthcoming, 2025).', 'Okafor, "Delta soils," in press, Soil Letters, 2025.'],
)
def test_a_work_still_in_press_needs_no_link(cite, text):
    assert no_url_flag(cite("9", 0, text=text, title="Delta soils", outlet="Soil Letters", authors=("Okafor",))) is None


def test_a_journal_article_on_an_index_or_repository_is_no_outlet_mismatch(cite):
    """PubMed, ScienceDirect, arXiv and the like hold records or copies of any journal's
    articles: The Lancet on sciencedirect.com is the journal's own article."""
    for url in (
        "https://www.sciencedirect.com/science/article/pii/S0140673623000000",
        "https://pubmed.ncbi.nlm.nih.gov/12345678/",
        "https://arxiv.org/abs/2401.00001",
        "https://hdl.handle.net/10419/12345",
    ):
        assert outlet_mismatch_flag(cite("3", 0, title="x", outlet="The Lancet", urls=(url,))) is None, url
    assert outlet_mismatch_flag(cite("3", 0, title="x", outlet="The Lancet", urls=("https://www.bmj.com/content/1",))) is not None


def test_a_copy_whose_path_names_the_outlet_is_no_outlet_mismatch(cite):
    """A course page's PDF of a magazine article: the link's path spells out the magazine."""
    copy = "https://www-sop.example.fr/cours/Scientific%20American_%20Feature%20Article_%20May%202001.pdf"
    assert outlet_mismatch_flag(cite("1", 0, title="x", outlet="Scientific American", urls=(copy,))) is None
    other = "https://www-sop.example.fr/cours/feature-article-may-2001.pdf"
    assert outlet_mismatch_flag(cite("1", 0, title="x", outlet="Scientific American", urls=(other,))) is not None
