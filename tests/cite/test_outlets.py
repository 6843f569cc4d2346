"""Outlet names against domains: the table, the name heuristic, platforms and archives."""

from __future__ import annotations

import pytest

from citetrack.cite.outlets import (
    is_archive,
    is_platform,
    known_outlet,
    outlet_domains,
    outlet_for_domain,
    outlet_matches,
)


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("Reuters", "reuters.com"),
        ("AP", "apnews.com"),
        ("Associated Press", "apnews.com"),
        ("VOA", "voanews.com"),
        ("Voice of America", "voanews.com"),
        ("RFI", "rfi.fr"),
        ("France 24", "france24.com"),
        ("Al-Ain", "al-ain.com"),
        ("AA", "aa.com.tr"),
        ("Anadolu Agency", "aa.com.tr"),
        ("BBC", "bbc.co.uk"),
        ("BBC News", "bbc.com"),
        ("Critical Threats Project", "criticalthreats.org"),
        ("SITE Intelligence Group", "siteintelgroup.com"),
        ("Burkina24", "burkina24.com"),
        ("the Guardian", "theguardian.com"),
        ("AFP", "afp.com"),
    ],
)
def test_table_knows_common_outlets(name: str, domain: str) -> None:
    assert domain in outlet_domains(name)


def test_unknown_outlet_has_no_domains() -> None:
    assert outlet_domains("The Quarterly Nowhere") == frozenset()
    assert known_outlet("") is None


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("Reuters", "https://www.reuters.com/world/x", True),
        ("Reuters", "https://reut.rs/3xYz", True),  # the outlet's own link shortener
        ("BBC", "https://bbc.in/abc", True),
        ("Voice of America", "https://www.voanews.com/a/x.html", True),
        ("Critical Threats Project (15.12.2023)", "https://www.criticalthreats.org/analysis/x", True),
        ("Reuters", "https://apnews.com/article/x", False),
        ("AP", "https://www.reuters.com/x", False),
        ("Le Monde Afrique", "https://www.lemonde.fr/afrique/x", True),
        # unknown names: the heuristic
        ("Daily Maverick", "https://www.dailymaverick.co.za/x", True),
        ("Sahel Watch", "https://sahelwatch.net/x", True),
        ("Institute for Quiet Studies", "https://iqs.org/x", True),  # initials
        ("Foo Bar Weekly", "https://www.reuters.com/x", False),  # a known outlet's domain
        ("Foo Bar Weekly", "https://unrelated.example/x", None),  # cannot tell
        # platforms and archives never contradict the named outlet
        ("SITE Intelligence Group", "https://twitter.com/someone/status/1", None),
        ("Reuters", "https://x.com/Reuters/status/1", None),
        ("Jane Doe", "https://www.facebook.com/jane/posts/1", None),
        ("Twitter", "https://x.com/a/status/1", True),
        ("Reuters", "https://web.archive.org/web/2023/https://www.reuters.com/x", None),
        ("", "https://www.reuters.com/x", None),
        ("Reuters", "not a url", None),
    ],
)
def test_outlet_matches(outlet: str, url: str, expected: bool | None) -> None:
    assert outlet_matches(outlet, url) is expected


def test_domain_lookups() -> None:
    assert outlet_for_domain("https://fr.al-ain.com/article/x") == "Al-Ain"
    assert outlet_for_domain("https://unknown.example/") is None
    assert is_platform("https://t.me/channel/1")
    assert not is_platform("https://www.reuters.com/")
    assert is_archive("https://web.archive.org/web/1/x")
    assert not is_archive("https://www.reuters.com/")


# ---------------------------------------------------------------- outlets that go unnamed (issue 13)


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("CBC News", "https://www.ctvnews.ca/canada/a-1.6432", False),  # two broadcasters of one country
        ("CBC", "https://www.cbc.ca/news/a", True),
        ("Kent Herald", "https://www.surreyherald.com/a", False),  # neither known: the same news word
        ("Kent Herald", "https://www.kentherald.co.uk/a", True),
        ("Dockside Times", "https://www.gov.uk/government/news/a", None),  # an organisation on gov.uk
        ("Dockside Times", "https://doi.org/10.1000/182", None),
        ("The Canadian Press", "https://www.ctvnews.ca/a", None),  # an agency republished elsewhere
        ("Global Toronto", "https://globalnews.ca/news/1/a", None),  # a local edition
        ("The Star", "https://www.thestar.com/a", True),
        ("Ottawa.ctvnews.ca", "https://ottawa.ctvnews.ca/a", True),  # an outlet named by its host
        ("Riverside Parks Department", "https://www.facebook.com/riversideparks/posts/1", None),
    ],
)
def test_outlets_the_table_misses_or_names_by_their_host(outlet: str, url: str, expected: bool | None) -> None:
    assert outlet_matches(outlet, url) is expected


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("Le Temps", "https://www.letemps.ch/economie/a", True),
        ("Le Temps", "https://www.tdg.ch/a-123", False),
        ("NRC", "https://www.volkskrant.nl/economie/a~b1/", False),
        ("Euractiv", "https://www.euractiv.fr/section/a/", True),
        ("Carbon Brief", "https://www.theguardian.com/environment/a", False),
        ("ESPN", "https://espn.go.com/a", None),  # an unknown name on an unknown domain stays undecided
    ],
)
def test_european_and_specialist_outlets_of_the_table(outlet: str, url: str, expected: bool | None) -> None:
    assert outlet_matches(outlet, url) is expected


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("Wired", "https://www.wired.com/story/a/", True),
        ("Wired", "https://arstechnica.com/gadgets/2023/09/a/", False),  # both Condé Nast, two titles
        ("Ars Technica", "https://arstechnica.com/science/a/", True),
        ("heise online", "https://www.heise.de/news/a-123.html", True),
        ("Nature", "https://www.nature.com/articles/d41586-024-0", True),
        ("Science", "https://www.nature.com/articles/d41586-024-0", False),
        ("Science", "https://www.science.org/content/article/a", True),
        ("NEJM", "https://www.nejm.org/doi/full/10.1056/a", True),
        ("STAT", "https://www.statnews.com/2024/05/02/a/", True),
        ("Insider", "https://www.businessinsider.com/a", True),
    ],
)
def test_technology_science_and_business_press_of_the_table(outlet: str, url: str, expected: bool | None) -> None:
    assert outlet_matches(outlet, url) is expected
