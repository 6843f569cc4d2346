import datetime as dt

import pytest
from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from citetrack.models import Citation, Claim, DocumentFormat, FlagKind, Note, ParsedDocument, Severity, Source, StatedDate, UrlRef
from citetrack import settings
from citetrack.analyse import analyse
from citetrack.rules.dates import (
    days_off,
    future_date_flag,
    invalid_date_flag,
    misdated_flags,
    misdated_severity,
)

NEWS = "https://news.example.org/world/2023-12-13/army-camp-attack"


def test_url_date_far_from_stated_date_is_an_error(cite):
    citation = cite("2", 0, title="Army camp attacked", date="2023-01-13", urls=(NEWS,))
    [flag] = misdated_flags(citation)
    assert flag.kind is FlagKind.MISDATED and flag.severity is Severity.ERROR
    assert flag.evidence == {
        "stated": "2023-01-13",
        "stated_raw": "2023-01-13",
        "evidence": "url",
        "evidence_date": "2023-12-13",
        "days": 334,
        "source": NEWS,
    }
    assert flag.subject == "2#0:url" and flag.citation_key == "2#0" and flag.footnote == "2"
    assert flag.url == NEWS
    assert "13 January 2023" in flag.message and "13 December 2023" in flag.message
    assert "334 days apart" in flag.message and flag.message.startswith("Note 2:")


def test_dates_within_three_days_agree(cite):
    assert misdated_flags(cite(date="2023-12-16", urls=(NEWS,))) == []
    assert misdated_flags(cite(date="2023-12-10", urls=(NEWS,))) == []
    assert len(misdated_flags(cite(date="2023-12-17", urls=(NEWS,)))) == 1


def test_small_gap_in_the_same_month_is_a_warning(cite):
    [flag] = misdated_flags(cite(date="2023-12-20", urls=(NEWS,)))
    assert flag.severity is Severity.WARNING and flag.evidence["days"] == 7


def test_small_gap_across_a_month_is_an_error():
    stated = StatedDate("30.11.2023", dt.date(2023, 11, 30))
    assert misdated_severity(stated, dt.date(2023, 12, 5), 5) is Severity.ERROR


def test_month_precision_agrees_with_any_day_of_the_month(cite):
    month = StatedDate("December 2023", dt.date(2023, 12, 1), "month")
    assert misdated_flags(cite(date=month, urls=(NEWS,))) == []
    assert days_off(month, dt.date(2024, 1, 2)) == 2
    [flag] = misdated_flags(cite(date=StatedDate("October 2023", dt.date(2023, 10, 1), "month"), urls=(NEWS,)))
    assert flag.evidence["stated"] == "2023-10" and flag.evidence["days"] == 43
    assert "October 2023" in flag.message


def test_title_and_url_each_give_one_flag(cite):
    url = "https://think.example.org/analysis/weekly-update-october-25-2023"
    citation = cite("7", 0, title="Weekly Update, October 25, 2023: Allies", date="2023-12-25", urls=(url,))
    flags = misdated_flags(citation)
    assert sorted(f.subject for f in flags) == ["7#0:title", "7#0:url"]
    assert all(f.severity is Severity.ERROR for f in flags)


def test_only_a_title_date_that_dates_the_item_is_evidence(cite):
    period = cite("8", 0, title="Airtime on the state broadcaster, 1–26 May 2024", date="2024-06-03")
    assert misdated_flags(period) == []
    event = cite("8", 0, title="What we know about the attack of 14 June 2024", date="2024-06-03")
    assert misdated_flags(event) == []
    issue = cite("8", 0, title="Daily Brief – 14 June 2024", date="2024-06-03")
    assert [f.subject for f in misdated_flags(issue)] == ["8#0:title"]
    opening = cite("8", 0, title="14 June 2024: the day in review", date="2024-06-03")
    assert [f.subject for f in misdated_flags(opening)] == ["8#0:title"]


def test_title_date_far_away_names_the_subject_not_the_source(cite):
    citation = cite(title="Ten years after the attack of September 11, 2001", date="2011-09-09")
    assert misdated_flags(citation) == []


def test_any_agreeing_url_clears_the_url_evidence(cite):
    other = "https://mirror.example.net/2023/01/12/story"
    assert misdated_flags(cite(date="2023-01-13", urls=(NEWS, other))) == []


def test_malformed_urls_are_not_evidence(cite):
    broken = UrlRef(written="htps://news.example.org/2023-12-13/x", normalized="", malformed="broken scheme")
    assert misdated_flags(cite(date="2023-01-13", urls=(broken,))) == []


def test_an_archive_copy_is_dated_by_the_original_it_embeds(cite):
    copy = "https://web.archive.org/web/20220615/https://news.example.org/2020/03/02/story"
    assert misdated_flags(cite(date="2020-03-02", urls=(copy,))) == []
    [flag] = misdated_flags(cite(date="2020-05-02", urls=(copy,)))
    assert flag.evidence["evidence_date"] == "2020-03-02"
    assert misdated_flags(cite(date="2020-05-02", urls=("https://archive.ph/AbCdE",))) == []


def test_no_stated_date_no_misdated(cite):
    assert misdated_flags(cite(urls=(NEWS,))) == []


TWEET = "https://twitter.com/some_account/status/1734951822782058853"  # 2023-12-13 15:02 UTC


def test_a_cited_post_is_dated_by_its_status_id(cite):
    [flag] = misdated_flags(cite("5", 0, date="2023-11-01", urls=(TWEET,)))
    assert flag.evidence["evidence"] == "tweet" and flag.evidence["evidence_date"] == "2023-12-13"
    assert flag.subject == "5#0:tweet"
    assert misdated_flags(cite("5", 0, date="2023-12-14", urls=(TWEET,))) == []


def test_posts_attached_to_another_outlets_report_are_not_its_date(cite):
    other = "https://twitter.com/another_account/status/1739750114577551802"
    citation = cite(title="Statement on a raid", outlet="Monitoring Group", date="2023-12-22", urls=(TWEET, other))
    assert misdated_flags(citation) == []


def test_future_date_compares_at_the_stated_precision(cite):
    published = dt.date(2024, 1, 16)
    flag = future_date_flag(cite("3", 0, date="2024-01-20"), published)
    assert flag is not None and flag.kind is FlagKind.FUTURE_DATE and flag.severity is Severity.ERROR
    assert flag.evidence["published"] == "2024-01-16" and flag.subject == "3#0"
    assert future_date_flag(cite(date="2024-01-16"), published) is None
    this_month = StatedDate("January 2024", dt.date(2024, 1, 1), "month")
    assert future_date_flag(cite(date=this_month), published) is None
    next_month = StatedDate("February 2024", dt.date(2024, 2, 1), "month")
    assert future_date_flag(cite(date=next_month), published) is not None
    assert future_date_flag(cite(date="2030-01-01"), None) is None


@pytest.mark.parametrize("raw", ["31.02.2023", "2023-13-01"])
def test_a_date_that_cannot_exist_is_invalid(cite, raw):
    flag = invalid_date_flag(cite("4", 1, date=StatedDate(raw, None)))
    assert flag is not None and flag.kind is FlagKind.INVALID_DATE and flag.severity is Severity.ERROR
    assert raw in flag.message and flag.evidence["stated_raw"] == raw and flag.subject == "4#1"
    assert invalid_date_flag(cite(date="2023-02-28")) is None
    assert misdated_flags(cite(date=StatedDate(raw, None), urls=(NEWS,))) == []


days = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2090, 12, 31))


@hypothesis_settings(deadline=None)  # the first example loads lazy tables: no timing
@given(stated=days, evidence=days)
def test_day_precision_verdict_follows_the_interface(stated, evidence):
    value = StatedDate(stated.isoformat(), stated)
    gap = abs((stated - evidence).days)
    assert days_off(value, evidence) == gap
    severity = misdated_severity(value, evidence, gap)
    far = gap > settings.MISDATED_ERROR_DAYS or (stated.year, stated.month) != (evidence.year, evidence.month)
    assert (severity is Severity.ERROR) == far


@hypothesis_settings(deadline=None)  # the first example loads lazy tables: no timing
@given(stated=days, evidence=days)
def test_a_url_date_flags_exactly_beyond_the_agreement_window(stated, evidence):
    url = f"https://news.example.org/{evidence:%Y/%m/%d}/story"
    source = Source(text="x", title="x", date=StatedDate(stated.isoformat(), stated), urls=(UrlRef(url, url),))
    flags = misdated_flags(Citation("1", 0, source))
    assert bool(flags) == (abs((stated - evidence).days) > settings.DATE_AGREEMENT_DAYS)


# ---------------------------------------------------------------- access dates (issue 13)


def _accessed(citation, raw: str, value: str, precision: str = "day"):
    import dataclasses

    accessed = StatedDate(raw=raw, value=dt.date.fromisoformat(value), precision=precision)
    return dataclasses.replace(citation, source=dataclasses.replace(citation.source, accessed=accessed))


def test_an_access_date_before_the_stated_date_is_misdated(cite):
    citation = _accessed(cite("4", date="2011-02-08", urls=("https://stats.example/table",)), "February 8, 2007", "2007-02-08")
    [flag] = misdated_flags(citation)
    assert flag.kind is FlagKind.MISDATED and flag.severity is Severity.ERROR
    assert flag.subject == "4#0:accessed" and flag.evidence["evidence"] == "accessed"
    assert flag.evidence["evidence_date"] == "2007-02-08" and "accessed 8 February 2007" in flag.message


def test_an_access_date_after_or_near_the_stated_date_is_no_flag(cite):
    later = _accessed(cite("4", date="2011-02-08"), "2014-11-09", "2014-11-09")
    assert misdated_flags(later) == []
    near = _accessed(cite("4", date="2011-02-08"), "2011-02-06", "2011-02-06")  # within the agreement window
    assert misdated_flags(near) == []
    month = _accessed(cite("4", date="2011-02-08"), "February 2011", "2011-02-01", "month")  # any day of February
    assert misdated_flags(month) == []


# ---------------------------------------------------------------- third round (issue 13)


def _analysed(*notes: str, published: dt.date) -> dict[str, set[str]]:
    """Error and warning flags per note label of a document whose notes are read (a claim cites each)."""
    labels = [str(n) for n in range(1, len(notes) + 1)]
    doc = ParsedDocument(
        path="brief.txt",
        format=DocumentFormat.TEXT,
        title=None,
        published=None,
        claims=tuple(Claim(f"Claim {label}.", (label,), i) for i, label in enumerate(labels)),
        notes=tuple(Note(label, text, i) for i, (label, text) in enumerate(zip(labels, notes, strict=True))),
        markers=tuple(labels),
    )
    flags: dict[str, set[str]] = {}
    for flag in analyse(doc, published).flags:
        if flag.severity is not Severity.INFO:
            flags.setdefault(flag.footnote, set()).add(flag.kind.value)
    return flags


def test_a_post_date_broken_across_lines_is_checked_against_the_status_id():
    # the status ID encodes 13 September 2023; the note says 14 October, with the year on the next line
    flags = _analysed(
        "Harbour Police (@harbourpolice), post on X, 14 October\n2023,\nhttps://twitter.com/harbourpolice/status/1701999197680689728.",
        "Harbour Police (@harbourpolice), post on X, 13 September\n2023, https://twitter.com/harbourpolice/status/1701999197680689728.",
        'Harbour Board, "Cargo volumes for October," press release, December 4,\n2023, https://harbour.example/news/october-volumes.',
        published=dt.date(2023, 11, 30),
    )
    assert flags.get("1") == {"misdated"}
    assert "2" not in flags
    assert flags.get("3") == {"future-date"}


def test_a_url_repeating_the_date_its_title_is_about_is_no_evidence():
    flags = _analysed(
        '"Minutes of the board meeting of 9 January 2024," Harbour Board, 30 January 2024, https://harbour.example/minutes/2024-01-09.',
        '"Report on the storm of 9 January 2024," Harbour Board, 30 January 2024, https://harbour.example/2024/01/09/storm-report.',
        # the same URL date with a title about something else still disagrees
        '"Minutes of the board meeting," Harbour Board, 30 January 2024, https://harbour.example/minutes/2024-01-09.',
        published=dt.date(2024, 6, 1),
    )
    assert "1" not in flags and "2" not in flags
    assert flags.get("3") == {"misdated"}
