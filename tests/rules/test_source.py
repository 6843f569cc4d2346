"""Source rules: a citation against its archived page (date, title, site name), text drift."""

from __future__ import annotations

import datetime as dt

import pytest

from citetrack.models import FlagKind, Severity, StatedDate
from citetrack.rules.source import (
    PageSummary,
    content_change,
    content_changed_flag,
    names_match,
    not_archived_flag,
    page_date_flag,
    site_name_flag,
    title_mismatch_flag,
    title_score,
)

URL = "https://news.example.org/story"


def page(**kw) -> PageSummary:
    published = kw.pop("published", None)
    return PageSummary(url=kw.pop("url", URL), published=dt.date.fromisoformat(published) if published else None, **kw)


# ------------------------------------------------------------------ misdated


def test_page_date_far_off_is_an_error_with_the_field(cite):
    flag = page_date_flag(cite("3", date="2022-11-02"), [page(published="2023-11-02", published_field="json-ld:datePublished")])
    assert flag.kind is FlagKind.MISDATED and flag.severity is Severity.ERROR
    assert flag.subject == "3#0:page-date"
    assert flag.evidence["field"] == "json-ld:datePublished" and flag.evidence["evidence_date"] == "2023-11-02"
    assert flag.evidence["days"] == 365 and "published 2 November 2023" in flag.message


def test_page_date_close_is_a_warning_and_within_three_days_agrees(cite):
    assert page_date_flag(cite("3", date="2024-02-10"), [page(published="2024-02-16")]).severity is Severity.WARNING
    assert page_date_flag(cite("3", date="2024-02-13"), [page(published="2024-02-16")]) is None
    assert page_date_flag(cite("3", date="2024-02-13"), [page()]) is None
    assert page_date_flag(cite("3"), [page(published="2024-02-16")]) is None


def test_month_precision_covers_the_month(cite):
    stated = StatedDate("February 2024", dt.date(2024, 2, 1), "month")
    assert page_date_flag(cite("3", date=stated), [page(published="2024-02-27")]) is None
    assert page_date_flag(cite("3", date=stated), [page(published="2024-04-27")]) is not None


def test_the_nearest_of_several_pages_decides(cite):
    pages = [page(published="2020-01-01"), page(url="https://x.example/b", published="2024-02-15")]
    assert page_date_flag(cite("3", date="2024-02-14"), pages) is None


# ------------------------------------------------------------------ title


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        ("Army retakes Boni - Sahel Monitor", "Army retakes Boni"),
        ("“Farmers Fear For The Harvest”", "Farmers fear for the harvest"),
        ("Mali junta extends transition to 2026", "Mali: junta extends transition to 2026"),
        ("Regional leaders agree on a joint plan to protect...", "Regional leaders agree on a joint plan to protect the corridor"),
        ("Le maire de Segou appelle au calme", "Le maire de Ségou appelle au calme"),
        ("Mali's army retakes Kidal", "Mali army retakes Kidal"),
    ],
)
def test_titles_that_match(cite, cited, page_title):
    assert title_score(cited, page_title) >= 80
    assert title_mismatch_flag(cite("1", title=cited), [page(title=page_title)]) is None


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        ("Army retakes control of the town of Boni", "Army loses control of the town of Boni"),
        ("Government announces new fuel subsidies", "Teachers strike over unpaid salaries"),
        ("Drought threatens cattle herds in the north", "Floods destroy crops in the south"),
    ],
)
def test_titles_that_differ(cite, cited, page_title):
    flag = title_mismatch_flag(cite("1", title=cited), [page(title=page_title)])
    assert flag is not None and flag.kind is FlagKind.TITLE_MISMATCH and flag.severity is Severity.WARNING
    assert flag.subject == "1#0" and flag.evidence["cited_title"] == cited and flag.evidence["score"] < 80


def test_any_title_candidate_of_the_page_may_match(cite):
    candidates = page(title="Home", titles=("Home", "Army retakes the town of Boni"))
    assert title_mismatch_flag(cite("1", title="Army retakes the town of Boni"), [candidates]) is None
    assert title_mismatch_flag(cite("1", title="Short"), [page(title="Other")]) is None  # too short to judge
    assert title_mismatch_flag(cite("1"), [page(title="Other")]) is None


# ------------------------------------------------------------------ site name


@pytest.mark.parametrize(
    ("outlet", "site", "same"),
    [
        ("VOA", "Voice of America", True),
        ("Agence France-Presse", "AFP", True),
        ("the Guardian", "The Guardian", True),
        ("BBC", "BBC News", True),
        ("Le Monde", "Le Monde.fr", True),
        ("Reuters", "Desert Herald", False),
        ("Le Monde", "Jeune Afrique", False),
        ("Al Jazeera", "Sahel Monitor", False),
    ],
)
def test_names_match(outlet, site, same):
    assert names_match(outlet, site) is same


def test_site_name_flag(cite):
    flag = site_name_flag(cite("2", outlet="Reuters"), [page(site_name="Desert Herald")])
    assert flag.kind is FlagKind.OUTLET_MISMATCH and flag.subject == "2#0:page-site"
    assert flag.evidence == {"outlet": "Reuters", "site_name": "Desert Herald", "evidence": "page", "url": URL}
    assert site_name_flag(cite("2", outlet="Reuters"), [page()]) is None  # no site name: cannot tell
    # the domain names the outlet although the site name is a brand variant
    assert site_name_flag(cite("2", outlet="Reuters"), [page(url="https://www.reuters.com/x", site_name="RTRS Wire")]) is None
    # social posts say nothing about the outlet
    assert site_name_flag(cite("2", outlet="Reuters"), [page(url="https://twitter.com/a/status/1", site_name="X")]) is None


# ------------------------------------------------------------------ content drift and copies

LONG = "The governor announced a curfew in the city after two nights of unrest and banned public gatherings. " * 3


def test_content_change_threshold():
    assert content_change(URL, LONG, "2024-01-01", LONG, "2024-02-01") is None
    small = LONG.replace("two nights", "three nights")
    assert content_change(URL, LONG, "2024-01-01", small, "2024-02-01") is None
    other = "Negotiations between the union and the ministry broke down on Tuesday over pay and pensions. " * 3
    change = content_change(URL, LONG, "2024-01-01", other, "2024-02-01")
    assert change is not None and change.change > 0.3
    flag = content_changed_flag(change, "4", "4#0")
    assert flag.kind is FlagKind.CONTENT_CHANGED and flag.subject == URL and flag.evidence["diff"]
    assert content_change(URL, "short", "a", "other", "b") is None  # too little text to judge


def test_not_archived_is_info():
    flag = not_archived_flag(URL, "5", "5#0")
    assert flag.kind is FlagKind.NOT_ARCHIVED and flag.severity is Severity.INFO and flag.subject == URL


def test_platform_site_names_say_nothing_about_the_outlet(cite):
    assert site_name_flag(cite("2", outlet="UNHCR"), [page(site_name="ReliefWeb")]) is None
    assert site_name_flag(cite("2", outlet="Ministry of Defence"), [page(site_name="YouTube")]) is None


def test_a_page_date_that_repeats_the_url_date_is_not_flagged_twice(cite):
    dated_url = "https://news.example.org/2024/12/05/story"
    assert page_date_flag(cite("6", date="2024-11-05"), [page(url=dated_url, published="2024-12-05")]) is None
    assert page_date_flag(cite("6", date="2024-11-05"), [page(url=dated_url, published="2024-12-20")]) is not None


def test_a_page_dated_after_the_access_date_is_misdated_when_no_date_is_stated(cite):
    """Issue 13: the note says it was accessed on 18 April 2014, the page says it was published
    in 2016: not the page the author read (or a wrong access date)."""
    import dataclasses

    bare = cite("2", urls=(URL,))
    citation = dataclasses.replace(bare, source=dataclasses.replace(
        bare.source, accessed=StatedDate("April 18, 2014", dt.date(2014, 4, 18))))
    flag = page_date_flag(citation, [page(published="2016-05-03", published_field="meta:article:published_time")])
    assert flag.kind is FlagKind.MISDATED and flag.severity is Severity.ERROR
    assert flag.subject == "2#0:page-after-access" and flag.evidence["accessed"] == "2014-04-18"
    assert flag.evidence["evidence_date"] == "2016-05-03" and "accessed 18 April 2014" in flag.message
    assert page_date_flag(citation, [page(published="2014-04-10")]) is None  # published before access
    assert page_date_flag(bare, [page(published="2016-05-03")]) is None  # no access date, no stated date
