"""Date rules: a stated date against independent evidence (misdated), the document's own
publication date (future-date), and the calendar (invalid-date)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from citetrack import settings
from citetrack.models import Citation, Flag, FlagKind, Severity, Source, StatedDate, UrlRef
from citetrack.rules.common import describe_source, human_date, iso_at, where
from citetrack.cite.outlets import is_archive, outlet_matches
from citetrack.cite.dates import find_dates, tweet_date, url_date
from citetrack.cite.urls import is_social_post, registered_domain

EVIDENCE_LABELS = {
    "url": "its URL says",
    "title": "its title says",
    "tweet": "the post's ID dates it",
    "accessed": "the note says it was accessed",
}


@dataclass(frozen=True)
class DateEvidence:
    """One independent witness of a source's date: where it comes from and what it says."""

    kind: str  # "url", "title" or "tweet"
    value: dt.date
    source: str  # the URL or the title that carries it


def stated_span(stated: StatedDate) -> tuple[dt.date, dt.date]:
    """The first and last day a stated date covers at its precision."""
    value = stated.value
    assert value is not None
    if stated.precision == "year":
        return dt.date(value.year, 1, 1), dt.date(value.year, 12, 31)
    if stated.precision == "month":
        last = calendar.monthrange(value.year, value.month)[1]
        return dt.date(value.year, value.month, 1), dt.date(value.year, value.month, last)
    return value, value


def days_off(stated: StatedDate, evidence: dt.date) -> int:
    """Days between the evidence and the nearest day the stated date covers (0 = inside)."""
    first, last = stated_span(stated)
    if evidence < first:
        return (first - evidence).days
    if evidence > last:
        return (evidence - last).days
    return 0


def misdated_severity(stated: StatedDate, evidence: dt.date, days: int) -> Severity:
    """Error past MISDATED_ERROR_DAYS or across a year or month the stated date names."""
    value = stated.value
    assert value is not None
    if days > settings.MISDATED_ERROR_DAYS or evidence.year != value.year:
        return Severity.ERROR
    if stated.precision != "year" and evidence.month != value.month:
        return Severity.ERROR
    return Severity.WARNING


# ---------------------------------------------------------------- evidence


def _usable(urls: Iterable[UrlRef]) -> list[UrlRef]:
    return [u for u in urls if not u.malformed]


def archived_original(url: str) -> str | None:
    """The URL itself, or for an archive copy the original URL it embeds (None without one):
    an archive's snapshot timestamp dates the copy, not the source."""
    if not is_archive(url):
        return url
    inner = url.find("http", url.find("//") + 2)
    return url[inner:] if inner > 0 else None


def url_evidence(source: Source) -> list[DateEvidence]:
    """Dates written in the path of the source's URLs (2023-12-13, 2023/12/13, 20231213)."""
    found = []
    for ref in _usable(source.urls):
        url = archived_original(ref.normalized or ref.written)
        value = url_date(url) if url else None
        if value is not None:
            found.append(DateEvidence("url", value, ref.written))
    return found


def subject_dates(title: str | None) -> set[dt.date]:
    """Full dates in a title that name what the item is about (`Minutes of the meeting of
    14 February 2024`, `1–26 May 2023`), not the item itself."""
    if not title:
        return set()
    return {
        date.value
        for (start, _end), date in find_dates(title)
        if date.value is not None and date.precision == "day" and not names_the_issue(title, start)
    }


def url_evidence_of_the_item(source: Source) -> list[DateEvidence]:
    """URL dates that may date the cited item: a URL that repeats the date of the title's
    subject (`…/minutes/2024-02-14` for `Minutes of the meeting of 14 February 2024`) dates the
    subject, as the title does, not the publication."""
    about = subject_dates(source.title)
    return [ev for ev in url_evidence(source) if ev.value not in about]


def names_the_issue(title: str, start: int) -> bool:
    """True when the date at `start` dates the cited item itself: it opens the title or follows
    a separator ("Weekly Update, December 13, 2023:", "Brief – 7 May"); a date after a word
    ("the attack of 14 June") or ending a range ("1–26 May") names what the item is about."""
    before = title[:start].rstrip()
    if not before:
        return True
    last = before[-1]
    if last in ",:;(|[":
        return True
    if last in "-–—" and title[:start] != before:  # a spaced dash, not the dash of a range
        return True
    return False


def title_evidence(source: Source, stated: StatedDate) -> list[DateEvidence]:
    """Full dates that date the cited item in its title (an issue date), not its subject;
    a date so far off that it must name the subject is no evidence either."""
    if not source.title:
        return []
    found = []
    for (start, _end), date in find_dates(source.title):
        if date.value is None or date.precision != "day":
            continue
        if not names_the_issue(source.title, start):
            continue
        if days_off(stated, date.value) > settings.TITLE_DATE_MAX_GAP_DAYS:
            continue
        found.append(DateEvidence("title", date.value, source.title))
    return found


def _account(url: str) -> str:
    path = urlsplit(url).path.strip("/")
    return path.split("/", 1)[0].casefold()


def tweet_evidence(source: Source) -> list[DateEvidence]:
    """The timestamp in an X/Twitter status ID, when the post itself is the cited source.

    Posts attached to a report by another outlet, or from several accounts, are supporting
    links, not the source: their timestamps say nothing about the stated date.
    """
    urls = _usable(source.urls)
    stamps = [(ref, tweet_date(ref.normalized or ref.written)) for ref in urls]
    if not urls or any(stamp is None for _ref, stamp in stamps):
        return []
    if not all(is_social_post(ref.normalized or ref.written) for ref in urls):
        return []
    accounts = {_account(ref.normalized or ref.written) for ref in urls}
    if len(accounts) != 1:
        return []
    if source.outlet:
        outlet = source.outlet.casefold().lstrip("@")
        domain = registered_domain(urls[0].normalized or urls[0].written)
        if outlet not in accounts and outlet_matches(source.outlet, domain) is not True:
            return []
    return [DateEvidence("tweet", stamp.date(), ref.written) for ref, stamp in stamps if stamp]


# ---------------------------------------------------------------- rules


def misdated_flags(citation: Citation) -> list[Flag]:
    """One flag per evidence type whose every witness disagrees with the stated date."""
    stated = citation.source.date
    if stated is None or stated.value is None:
        return []
    groups = (
        url_evidence_of_the_item(citation.source),
        title_evidence(citation.source, stated),
        tweet_evidence(citation.source),
    )
    flags = []
    for group in groups:
        if not group:
            continue
        ranked = sorted(group, key=lambda ev: days_off(stated, ev.value))
        nearest = ranked[0]
        days = days_off(stated, nearest.value)
        if days <= settings.DATE_AGREEMENT_DAYS:
            continue
        flags.append(_misdated(citation, stated, nearest, days))
    accessed = accessed_before_stated(citation.source)
    if accessed is not None:
        flags.append(_misdated(citation, stated, accessed, days_off(stated, accessed.value)))
    return flags


def accessed_before_stated(source: Source) -> DateEvidence | None:
    """The access date, when it is earlier than every day the stated date covers: nobody reads a
    source before it exists, so one of the two dates is wrong. An access date is no witness of
    the source's own date otherwise (it is always later), and never the stated date itself."""
    stated, accessed = source.date, source.accessed
    if stated is None or stated.value is None or accessed is None or accessed.value is None:
        return None
    _first, last_accessed = stated_span(accessed)
    first_stated, _last = stated_span(stated)
    if (first_stated - last_accessed).days <= settings.DATE_AGREEMENT_DAYS:
        return None
    return DateEvidence("accessed", accessed.value, accessed.raw)


def _misdated(citation: Citation, stated: StatedDate, ev: DateEvidence, days: int) -> Flag:
    assert stated.value is not None
    gap = f"{days} day{'s' if days != 1 else ''} apart"
    message = (
        f"{where(citation.footnote)}: the citation is dated "
        f"{human_date(stated.value, stated.precision)} but {EVIDENCE_LABELS[ev.kind]} "
        f"{human_date(ev.value)} ({gap})."
    )
    first_url = citation.source.urls[0].normalized if citation.source.urls else None
    return Flag(
        kind=FlagKind.MISDATED,
        severity=misdated_severity(stated, ev.value, days),
        message=message,
        subject=f"{citation.key}:{ev.kind}",
        evidence={
            "stated": iso_at(stated),
            "stated_raw": stated.raw,
            "evidence": ev.kind,
            "evidence_date": ev.value.isoformat(),
            "days": days,
            "source": ev.source,
        },
        footnote=citation.footnote,
        citation_key=citation.key,
        url=_url_for(citation, ev) or first_url,
    )


def _url_for(citation: Citation, ev: DateEvidence) -> str | None:
    for ref in citation.source.urls:
        if ref.written == ev.source:
            return ref.normalized
    return None


def is_after(stated: StatedDate, published: dt.date) -> bool:
    """True when the stated date is later than `published` at the stated precision."""
    first, _last = stated_span(stated)
    return first > published


def future_date_flag(citation: Citation, published: dt.date | None) -> Flag | None:
    """A source dated after the document that cites it was published."""
    stated = citation.source.date
    if published is None or stated is None or stated.value is None:
        return None
    if not is_after(stated, published):
        return None
    return Flag(
        kind=FlagKind.FUTURE_DATE,
        severity=Severity.ERROR,
        message=(
            f"{where(citation.footnote)}: the citation is dated "
            f"{human_date(stated.value, stated.precision)}, after the document was published "
            f"({human_date(published)})."
        ),
        subject=citation.key,
        evidence={
            "stated": iso_at(stated),
            "stated_raw": stated.raw,
            "published": published.isoformat(),
            "source": describe_source(citation),
        },
        footnote=citation.footnote,
        citation_key=citation.key,
        url=citation.source.urls[0].normalized if citation.source.urls else None,
    )


def invalid_date_flag(citation: Citation) -> Flag | None:
    """A stated date that names no real day (31.02.2023, month 13)."""
    stated = citation.source.date
    if stated is None or stated.value is not None:
        return None
    return Flag(
        kind=FlagKind.INVALID_DATE,
        severity=Severity.ERROR,
        message=f"{where(citation.footnote)}: the date “{stated.raw}” does not exist.",
        subject=citation.key,
        evidence={"stated_raw": stated.raw, "source": describe_source(citation)},
        footnote=citation.footnote,
        citation_key=citation.key,
        url=citation.source.urls[0].normalized if citation.source.urls else None,
    )
