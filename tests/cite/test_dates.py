"""Stated dates, URL dates, status-ID timestamps and the citing document's own date."""

from __future__ import annotations

import datetime as dt

import pytest

from citetrack.cite.dates import (
    access_dates,
    days_apart,
    find_dates,
    find_document_date,
    iso_date,
    parse_date,
    tweet_date,
    url_date,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("13.1.2023", D(2023, 1, 13), "day"),
        ("(25.12.2023)", D(2023, 12, 25), "day"),
        ("December 22, 2023", D(2023, 12, 22), "day"),
        ("December 22nd 2023", D(2023, 12, 22), "day"),
        ("16 January 2024", D(2024, 1, 16), "day"),
        ("2023-12-13", D(2023, 12, 13), "day"),
        ("2023-02-01", D(2023, 2, 1), "day"),  # ISO is never read day-first
        ("2023/02/01", D(2023, 2, 1), "day"),
        ("13 décembre 2023", D(2023, 12, 13), "day"),
        ("1er janvier 2024", D(2024, 1, 1), "day"),
        ("3 févr. 2022", D(2022, 2, 3), "day"),
        ("Dec. 5, 2023", D(2023, 12, 5), "day"),
        ("Sept. 3, 2022", D(2022, 9, 3), "day"),
        ("January 2024", D(2024, 1, 1), "month"),
        ("diciembre de 2023", D(2023, 12, 1), "month"),
        ("13 de diciembre de 2023", D(2023, 12, 13), "day"),
        ("13. Dezember 2023", D(2023, 12, 13), "day"),
        ("5. März 2021", D(2021, 3, 5), "day"),
        ("12/13/2023", D(2023, 12, 13), "day"),  # only readable month first
        ("05/04/2023", D(2023, 4, 5), "day"),  # ambiguous: day first
        ("16-01-2024", D(2024, 1, 16), "day"),
        ("16-Jan-2024", D(2024, 1, 16), "day"),
        ("Tuesday, 12 December 2023", D(2023, 12, 12), "day"),
        ("2023", D(2023, 1, 1), "year"),
        ("2023-12-13T10:00:00Z", D(2023, 12, 13), "day"),  # bug: a time made ISO unreadable
        ("5th December 2023", D(2023, 12, 5), "day"),
        ("December 5th, 2023", D(2023, 12, 5), "day"),
        ("Dec 5 2023", D(2023, 12, 5), "day"),
        ("le 3 mai 2022", D(2022, 5, 3), "day"),
    ],
)
def test_parse_date_reads_each_written_form(text: str, value: dt.date, precision: str) -> None:
    stated = parse_date(text)
    assert stated is not None
    assert (stated.value, stated.precision) == (value, precision)


@pytest.mark.parametrize("text", ["31.02.2023", "12.13.2023", "29.02.2023", "February 30, 2023", "45.12.2023"])
def test_impossible_dates_keep_their_text_and_no_value(text: str) -> None:
    stated = parse_date(text)
    assert stated is not None
    assert stated.value is None
    assert stated.raw == text


@pytest.mark.parametrize("text", ["", "foo", "page 12", "1739564501798629818", "v1.2.3"])
def test_parse_date_refuses_what_is_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_leap_day() -> None:
    assert parse_date("29.02.2024").value == D(2024, 2, 29)


def test_a_titles_year_before_a_day_month_year_date_is_not_read_year_first() -> None:
    """`Statistics of Tourism 2022, 31 June 2023`: not the APA reading `2022, 31 June` (which
    would lose the real, impossible, date inside the title), but the date that has its own year."""
    found = find_dates("INE, Statistics of Tourism 2022, 31 June 2023, https://ine.example/x")
    assert [(s.raw, s.value) for _, s in found] == [("31 June 2023", None)]
    assert [s.raw for _, s in find_dates("Harbour Survey 2022, June 30, 2023.")] == ["June 30, 2023"]
    assert [s.value for _, s in find_dates("Roe, J. (2023, 4 May). Title.")] == [D(2023, 5, 4)]


def test_find_dates_spans_and_order() -> None:
    text = "Weekly Update, December 13, 2023: something (15.12.2023)"
    found = find_dates(text)
    assert [text[a:b] for (a, b), _ in found] == ["December 13, 2023", "15.12.2023"]
    assert [s.value for _, s in found] == [D(2023, 12, 13), D(2023, 12, 15)]


@pytest.mark.parametrize(
    "text",
    [
        "https://twitter.com/someone/status/1739564501798629818?s=20",
        "founded in 2023 and active since",
        "see p. 45 and pp. 12-14, table 3.2",
        "the December 12 attack",
        "version 10.15.7 of the app",
        "https://example.org/news/village-2023-12-13/",
        "https://example.org/2022/12/16/story",
    ],
)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_prefers_the_full_date_over_month_year() -> None:
    found = find_dates("published 16 January 2024 in print")
    assert len(found) == 1
    assert found[0][1].precision == "day"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/africa/two-villages-attacked-2023-12-13/", D(2023, 12, 13)),
        ("https://news.example/2022/12/16/some-story/", D(2022, 12, 16)),
        ("https://news.example/2023/12/13", D(2023, 12, 13)),
        ("https://news.example/fr/afrique/20231213-village-story", D(2023, 12, 13)),
        ("https://think.example/analysis/weekly-update-october-25-2023", D(2023, 10, 25)),
        ("https://think.example/analysis/update-13-december-2023", D(2023, 12, 13)),
        ("https://news.example/a/b_2021_03_04_c", D(2021, 3, 4)),
        ("https://paper.example/cities/2022/may/02/city-story", D(2022, 5, 2)),
        ("https://paper.example/world/2022/sep/1", D(2022, 9, 1)),
        ("https://news.example/news/2022/6/14/story", D(2022, 6, 14)),
    ],
)
def test_url_date_reads_the_path(url: str, expected: dt.date) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/article/story-a6dd07b6d587156a8ba48b352c3ae238",
        "https://news.example/story?id=20231213",
        "https://news.example/story#2023-12-13",
        "https://twitter.com/someone/status/1739564501798629818",
        "https://news.example/a/7419473.html",
        "https://news.example/a/19231213-story",  # year out of range
        "https://news.example/a/20231313-story",  # month 13
        "https://news.example/a/may-2023-review",  # no day
        "https://paper.example/world/2022/may/story",  # no day
        "https://news.example/a/202312131-x",  # nine digits
        "not a url at all",
    ],
)
def test_url_date_ignores_ids_and_queries(url: str) -> None:
    assert url_date(url) is None


def test_tweet_date_decodes_snowflake() -> None:
    when = tweet_date("https://twitter.com/someone/status/1739564501798629818?s=20")
    assert when == dt.datetime(2023, 12, 26, 8, 31, 11, 431000, tzinfo=dt.UTC)
    assert tweet_date("https://x.com/someone/status/1739564501798629818") == when
    assert tweet_date("https://mobile.twitter.com/someone/status/1739564501798629818/photo/1") == when


@pytest.mark.parametrize(
    "url",
    [
        "https://twitter.com/someone/status/20",  # sequential, pre-Snowflake
        "https://twitter.com/someone",
        "https://example.com/someone/status/1739564501798629818",
    ],
)
def test_tweet_date_none_without_a_snowflake_status(url: str) -> None:
    assert tweet_date(url) is None


def test_document_date_prefers_explicit_lines_and_takes_the_latest() -> None:
    text = "A Title\n\nMarch 2023\n\nReceived: 2 January 2024 • Accepted: 16 January 2024.\nbody"
    assert find_document_date(text) == D(2024, 1, 16)


def test_document_date_month_line_is_the_last_day_of_the_month() -> None:
    assert find_document_date("A Title\n\nBy Someone\nJanuary 2024\n\nText 12.1.2024 here") == D(2024, 1, 31)
    assert find_document_date("Title\nFebruary 2024\n") == D(2024, 2, 29)


def test_document_date_published_line() -> None:
    assert find_document_date("Title\nPublished on 3 March 2022\n") == D(2022, 3, 3)


def test_document_date_none_when_only_sentences_carry_dates() -> None:
    text = "Title\nOn 3 March 2022 the group attacked a town that had held out since 2019.\n"
    assert find_document_date(text) is None


def test_document_date_of_the_shared_sample(shared_sample) -> None:
    text = shared_sample.read_text(encoding="utf-8")
    assert find_document_date(text) == D(2024, 1, 16)


def test_days_apart_is_symmetric() -> None:
    assert days_apart(D(2023, 1, 13), D(2023, 12, 13)) == 334
    assert days_apart(D(2023, 12, 13), D(2023, 1, 13)) == 334
    assert days_apart(dt.datetime(2023, 1, 2, 23, 0), D(2023, 1, 1)) == 1


def test_iso_date_reads_the_date_of_iso_dates_and_timestamps_and_refuses_impossible_ones():
    import datetime as dt

    assert iso_date("2024-01-15") == dt.date(2024, 1, 15)
    assert iso_date("2024-01-15T09:00:00Z") == dt.date(2024, 1, 15)
    assert iso_date("D:2024/1/5") == dt.date(2024, 1, 5)
    assert iso_date("2024-02-30") is None
    assert iso_date("") is None and iso_date(None) is None


def test_access_dates_are_told_apart_with_their_cue():
    """Issue 13: retrieval, access and archive dates, in the languages the notes use."""
    def read(text):
        return [(text[a:b], stated.value.isoformat(), kind) for (a, b), stated, kind in access_dates(text)]

    assert read("Toronto Sun. Retrieved April 18, 2014.") == [("Retrieved April 18, 2014", "2014-04-18", "accessed")]
    assert read("The Times, 2004, accessed September 14, 2018, https://x.example/") == [
        ("accessed September 14, 2018", "2018-09-14", "accessed")]
    assert read("Archived from the original (PDF) on 2012-08-30.") == [
        ("Archived from the original (PDF) on 2012-08-30", "2012-08-30", "archived")]
    assert read("Tabellen, abgerufen am 24. Januar 2015.") == [("abgerufen am 24. Januar 2015", "2015-01-24", "accessed")]
    assert read("Reuters, 12 May 2023.") == []  # a stated date has no cue
    assert read("The minister visited Gao on 3 May 2020.") == []  # visiting a place is no access
    blanks = "Retrieved from" + " " * 400 + " on 4 May 2023"  # a link blanked out between cue and date
    assert [kind for _span, _stated, kind in access_dates(blanks)] == ["accessed"]
    assert access_dates("Retrieved " + " " * 500 + "x9 on 4 May 2023") == []  # a digit between: not the cue's date


# ---------------------------------------------------------------- author-date form (issue 13)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Lakeside Water Board. (2023, February 29). Plan.", "2023, February 29"),  # no leap year
        ("Harbour Authority (2022, April 31). Schedule.", "2022, April 31"),  # April has 30 days
        ("Board (2021, 30 Feb.). Notice.", "2021, 30 Feb."),
    ],
)
def test_year_first_dates_are_validated_like_every_other_form(text: str, raw: str) -> None:
    found = find_dates(text)
    assert [stated.raw for _span, stated in found] == [raw]
    assert found[0][1].value is None and found[0][1].precision == "day"


def test_year_first_dates_read_their_day() -> None:
    assert parse_date("(2024, February 29)").value == dt.date(2024, 2, 29)
    assert parse_date("2023, 5 March").value == dt.date(2023, 3, 5)
    assert parse_date("2023, Dec. 1").value == dt.date(2023, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 settembre 2022", D(2022, 9, 7)),
        ("7 de setembro de 2022", D(2022, 9, 7)),
        ("7 maart 2022", D(2022, 3, 7)),
        ("il 1º maggio 2021", D(2021, 5, 1)),
    ],
)
def test_italian_portuguese_and_dutch_month_names(text, expected):
    [(_span, stated)] = find_dates(text)
    assert stated.value == expected and stated.precision == "day"


def test_an_impossible_italian_date_is_kept_as_written():
    [(_span, stated)] = find_dates("31 aprile 2023")
    assert stated.raw == "31 aprile 2023" and stated.value is None
