"""Source rules: what a citation says against what its archived page says about itself.

`misdated` (stated date vs the page's own publication date), `title-mismatch` (cited title vs
page title, fuzzy), `outlet-mismatch` (named outlet vs the page's site name), `content-changed`
(main text vs the first snapshot's), and `not-archived` (a dead link with no copy anywhere).
Pure: facts in, flags out; the workflow loads the facts from the store.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from citetrack import settings
from citetrack.models import Citation, Flag, FlagKind, Severity
from citetrack.rules.common import human_date, iso_at, where
from citetrack.textfold import fold
from citetrack.rules.dates import days_off, misdated_severity, stated_span
from citetrack.cite.dates import url_date
from citetrack.cite.outlets import outlet_matches
from citetrack.cite.urls import is_social_post, registered_domain


@dataclass(frozen=True)
class PageSummary:
    """What the rules need of one archived page (the latest snapshot of a cited URL)."""

    url: str
    title: str | None = None
    titles: tuple[str, ...] = ()
    site_name: str | None = None
    published: dt.date | None = None
    published_field: str | None = None
    fetched_at: str | None = None

    @property
    def all_titles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for t in (self.title, *self.titles) if t))


# ------------------------------------------------------------------ misdated (page date)


def page_date_flag(citation: Citation, pages: Sequence[PageSummary]) -> Flag | None:
    """The stated date disagrees with the nearest publication date of the cited pages; without
    a stated date, the pages are all dated after the day the note says they were accessed."""
    stated = citation.source.date
    if stated is None or stated.value is None:
        return page_after_access_flag(citation, pages)
    dated = [p for p in pages if p.published is not None]
    if not dated:
        return None
    nearest = min(dated, key=lambda p: days_off(stated, p.published))
    days = days_off(stated, nearest.published)
    if days <= settings.DATE_AGREEMENT_DAYS:
        return None
    if url_date(nearest.url) == nearest.published:
        return None  # the page repeats its URL's date: ingest has flagged that already
    gap = f"{days} day{'s' if days != 1 else ''} apart"
    return Flag(
        kind=FlagKind.MISDATED,
        severity=misdated_severity(stated, nearest.published, days),
        message=(
            f"{where(citation.footnote)}: the citation is dated {human_date(stated.value, stated.precision)} "
            f"but the page says it was published {human_date(nearest.published)} ({gap})."
        ),
        subject=f"{citation.key}:page-date",
        evidence={
            "stated": iso_at(stated),
            "stated_raw": stated.raw,
            "evidence": "page",
            "evidence_date": nearest.published.isoformat(),
            "field": nearest.published_field,
            "days": days,
            "source": nearest.url,
        },
        footnote=citation.footnote,
        citation_key=citation.key,
        url=nearest.url,
    )


def page_after_access_flag(citation: Citation, pages: Sequence[PageSummary]) -> Flag | None:
    """Every cited page says it was published after the day the citing author accessed it: the
    page is not the one they read (it was replaced, or the link now points elsewhere), or the
    access date is wrong. Raised only for citations without a stated date, which `misdated`
    against the page covers otherwise. Kind `misdated`: the note's own date, the access date,
    disagrees with independent evidence of the source's date."""
    accessed = citation.source.accessed
    if accessed is None or accessed.value is None:
        return None
    dated = [p for p in pages if p.published is not None]
    if not dated:
        return None
    earliest = min(dated, key=lambda p: p.published)
    _first, last_accessed = stated_span(accessed)
    days = (earliest.published - last_accessed).days
    if days <= settings.DATE_AGREEMENT_DAYS:
        return None
    return Flag(
        kind=FlagKind.MISDATED,
        severity=misdated_severity(accessed, earliest.published, days),
        message=(
            f"{where(citation.footnote)}: the note says the source was accessed "
            f"{human_date(accessed.value, accessed.precision)} but the page says it was published "
            f"{human_date(earliest.published)} ({days} days later)."
        ),
        subject=f"{citation.key}:page-after-access",
        evidence={
            "stated": None,
            "stated_raw": None,
            "accessed": iso_at(accessed),
            "accessed_raw": accessed.raw,
            "evidence": "page",
            "evidence_date": earliest.published.isoformat(),
            "field": earliest.published_field,
            "days": days,
            "source": earliest.url,
        },
        footnote=citation.footnote,
        citation_key=citation.key,
        url=earliest.url,
    )


# ------------------------------------------------------------------ title-mismatch

_STOP = frozenset(
    "a an the of in on at to for and or but with by from as is are was were be after over into "
    "le la les de des du un une et en au aux sur pour par el los las del y".split()
)
_SEPARATOR = re.compile(r"\s+(?:[-|–—•·]{1,2}|::)\s+")


def _title_forms(title: str) -> list[str]:
    """The folded title, and the title without a leading/trailing site part, without an ellipsis."""
    title = title.strip().strip("\"'“”‘’«» ")
    title = re.sub(r"(\.\.\.|…)\s*$", "", title).strip()
    forms = [title]
    parts = _SEPARATOR.split(title)
    if len(parts) > 1:
        forms.append(" ".join(parts[:-1]))
        forms.append(" ".join(parts[1:]))
    return list(dict.fromkeys(f for f in (fold(x) for x in forms) if f))


def _content_words(text: str) -> list[str]:
    return [w for w in text.split() if w not in _STOP]


def _substituted(a: str, b: str) -> bool:
    """True when each title has a content word the other lacks: another headline, not a cut."""
    words_a, words_b = _content_words(a), _content_words(b)

    def unmatched(xs, ys):
        return [x for x in xs if not any(x == y or (len(x) > 3 and fuzz.ratio(x, y) >= 80) for y in ys)]

    return bool(unmatched(words_a, words_b)) and bool(unmatched(words_b, words_a))


def title_score(cited: str, page: str) -> float:
    """0-100: how well a cited title names a page title, tolerant of site suffixes, case,
    punctuation, quotes and truncation; a substituted word costs the truncation allowance."""
    best = 0.0
    for a in _title_forms(cited):
        for b in _title_forms(page):
            if a == b:
                return 100.0
            shorter, longer = sorted((a, b), key=len)
            if len(shorter) >= settings.TITLE_PREFIX_MIN_CHARS and longer.startswith(shorter):
                return 99.0  # one is a truncation of the other
            score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
            if score < 100 and _substituted(a, b):
                score = min(score, settings.TITLE_MATCH_MIN_SCORE - 1)
            best = max(best, score)
    return best


def title_mismatch_flag(citation: Citation, pages: Sequence[PageSummary]) -> Flag | None:
    """The cited title matches none of the titles of the cited pages."""
    cited = citation.source.title
    titled = [p for p in pages if p.all_titles]
    if not cited or not titled or len(fold(cited)) < 8:
        return None
    scored = [(title_score(cited, t), t, p) for p in titled for t in p.all_titles]
    score, best_title, page = max(scored, key=lambda item: item[0])
    if score >= settings.TITLE_MATCH_MIN_SCORE:
        return None
    return Flag(
        kind=FlagKind.TITLE_MISMATCH,
        severity=Severity.WARNING,
        message=f"{where(citation.footnote)}: the citation's title “{cited}” does not match the page's title “{page.title or best_title}”.",
        subject=citation.key,
        evidence={"cited_title": cited, "page_title": page.title or best_title, "closest_title": best_title,
                  "score": round(score, 1), "url": page.url},
        footnote=citation.footnote,
        citation_key=citation.key,
        url=page.url,
    )


# ------------------------------------------------------------------ outlet-mismatch (site name)


def _initials(text: str) -> set[str]:
    """Acronyms a name may go by: with and without its small words (VOA, BBC, AFP)."""
    words = fold(text).split()
    return {"".join(w[0] for w in words), "".join(w[0] for w in _content_words(" ".join(words)))} - {""}


def names_match(outlet: str, site_name: str) -> bool:
    """An outlet as cited and a site's own name: equal, contained, an acronym, or near-equal."""
    a, b = fold(outlet), fold(site_name)
    if not a or not b:
        return False
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    if a.replace(" ", "") in _initials(site_name) or b.replace(" ", "") in _initials(outlet):
        return True
    return fuzz.token_set_ratio(a, b) >= 90 and min(len(a), len(b)) >= 4


def _domain_names_outlet(outlet: str, url: str) -> bool:
    domain = registered_domain(url)
    if not domain:
        return False
    if outlet_matches(outlet, domain) is True:
        return True
    label = domain.split(".")[0]
    folded = fold(outlet).replace(" ", "")
    return len(label) >= 3 and (label == folded or label in _initials(outlet) or label in folded)


def site_name_flag(citation: Citation, pages: Sequence[PageSummary]) -> Flag | None:
    """The named outlet is neither the site name nor the domain of any cited page."""
    outlet = citation.source.outlet
    if not outlet:
        return None
    named = [
        p for p in pages
        if p.site_name and not is_social_post(p.url)
        and (registered_domain(p.url) or "") not in settings.OUTLET_NEUTRAL_DOMAINS
        and fold(p.site_name) not in settings.ARCHIVE_NEUTRAL_SITE_NAMES
    ]
    if not named:
        return None
    for page in named:
        verdict = outlet_matches(outlet, page.site_name)
        if verdict is True or (verdict is None and names_match(outlet, page.site_name)):
            return None
        if _domain_names_outlet(outlet, page.url):
            return None
    page = named[0]
    return Flag(
        kind=FlagKind.OUTLET_MISMATCH,
        severity=Severity.WARNING,
        message=f"{where(citation.footnote)}: the citation names {outlet} but the page calls itself {page.site_name}.",
        subject=f"{citation.key}:page-site",
        evidence={"outlet": outlet, "site_name": page.site_name, "evidence": "page", "url": page.url},
        footnote=citation.footnote,
        citation_key=citation.key,
        url=page.url,
    )


# ------------------------------------------------------------------ content-changed


def text_change(first: str, latest: str) -> float:
    """Share of words changed between two texts (0 same, 1 nothing in common), case-blind."""
    return Indel.normalized_distance(fold(first).split(), fold(latest).split())


def short_diff(first: str, latest: str, max_lines: int = 8, width: int = 160) -> list[str]:
    """The changed paragraphs, `-` removed and `+` added, a few lines at most."""
    lines = []
    for line in difflib.unified_diff(first.splitlines(), latest.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
        if len(lines) >= max_lines:
            break
    return lines


@dataclass(frozen=True)
class TextChange:
    """The verdict on one URL's drift, reused by every document that cites it."""

    url: str
    change: float
    first_at: str
    latest_at: str
    diff: tuple[str, ...]


def content_change(url: str, first: str | None, first_at: str, latest: str | None, latest_at: str) -> TextChange | None:
    """A substantial change of the main text since the first snapshot (CONTENT_CHANGE_THRESHOLD)."""
    if not first or not latest or first == latest:
        return None
    if max(len(first), len(latest)) < settings.CONTENT_MIN_CHARS:
        return None
    change = text_change(first, latest)
    if change < settings.CONTENT_CHANGE_THRESHOLD:
        return None
    return TextChange(url, change, first_at, latest_at, tuple(short_diff(first, latest)))


def content_changed_flag(change: TextChange, footnote: str | None, citation_key: str | None) -> Flag:
    return Flag(
        kind=FlagKind.CONTENT_CHANGED,
        severity=Severity.WARNING,
        message=(
            f"{where(footnote)}: the page's text changed by {change.change:.0%} since it was first archived "
            f"({change.first_at[:10]}): {change.url}"
        ),
        subject=change.url,
        evidence={"change": round(change.change, 3), "first_snapshot": change.first_at,
                  "latest_snapshot": change.latest_at, "diff": list(change.diff)},
        footnote=footnote,
        citation_key=citation_key,
        url=change.url,
    )


# ------------------------------------------------------------------ not-archived


def not_archived_flag(url: str, footnote: str | None, citation_key: str | None) -> Flag:
    """A dead link of which no copy was kept, here or in a public archive."""
    return Flag(
        kind=FlagKind.NOT_ARCHIVED,
        severity=Severity.INFO,
        message=f"{where(footnote)}: the link is dead and no archived copy of it was found: {url}",
        subject=url,
        evidence={"url": url},
        footnote=footnote,
        citation_key=citation_key,
        url=url,
    )
