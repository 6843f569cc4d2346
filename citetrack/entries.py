"""The bibliography's read model: one `BibEntry` per cited source, with its links, archived copies
and flags.

Foundation layer: the store builds these (`citetrack.store.views.export_entries`), review, export
and the report read them; tests build them by hand. Plain frozen dataclasses, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citetrack import settings
from citetrack.models import REASON_TEXT, LinkStatus, iso_date
from citetrack.printable import live_link

SAFE_SCHEMES = ("http", "https", "ftp")


def safe_url(url: str | None) -> str | None:
    """The URL when it may become a live link (http, https, ftp), else None (javascript:, data:...)."""
    return live_link(url, SAFE_SCHEMES)




@dataclass(frozen=True)
class ArchivedCopy:
    """A copy of a source kept somewhere: our own WARC snapshot or a public web archive."""

    kind: str  # "snapshot" (local WARC) or "public" (a web archive's URL)
    location: str  # the WARC file path (snapshot) or the archive URL (public)
    archived_at: str | None = None  # ISO timestamp of the capture
    title: str | None = None  # the page title as captured (snapshots)
    text: str | None = None  # the page's main text as captured, when the snapshot holds it
    citation_id: int | None = None  # a public copy looked up for one citation (near its stated date)

    @property
    def is_public(self) -> bool:
        return self.kind == "public"


@dataclass(frozen=True)
class LinkInfo:
    """One URL of a source, with the outcome of its last check and its archived copies."""

    url: str  # as written in the note
    normalized: str | None = None
    status: str | None = None  # a LinkStatus value, None when never checked
    checked_at: str | None = None  # ISO timestamp of the last check
    http_status: int | None = None
    final_url: str | None = None
    confirmed_dead_at: str | None = None
    malformed: str | None = None
    archives: tuple[ArchivedCopy, ...] = ()
    reason: str | None = None  # the last check's reason key ("home-page", "not-found"...)
    url_id: int | None = None  # the store's row for the URL: given at first sight, it never changes

    @property
    def public_archive(self) -> ArchivedCopy | None:
        """The most recent public archive copy, the one a Robust Link points to."""
        public = [copy for copy in self.archives if copy.is_public]
        return max(public, key=lambda copy: copy.archived_at or "") if public else None

    @property
    def snapshot(self) -> ArchivedCopy | None:
        local = [copy for copy in self.archives if not copy.is_public]
        return max(local, key=lambda copy: copy.archived_at or "") if local else None

    @property
    def status_label(self) -> str:
        return self.status or "unchecked"

    @property
    def detail(self) -> str:
        """What the last check saw, for people: " (redirects to the site's home page)" or " (HTTP 404)"."""
        if self.status not in (None, LinkStatus.OK, LinkStatus.REDIRECTED) and self.reason in REASON_TEXT:
            return f" ({REASON_TEXT[self.reason]})"
        return f" (HTTP {self.http_status})" if self.http_status else ""


@dataclass(frozen=True)
class FlagInfo:
    """A flag as a bibliography shows it: what is wrong, and what the reviewer decided."""

    id: int
    kind: str
    severity: str
    message: str
    status: str = "open"
    note: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    earlier: tuple[str, ...] = ()  # reviewers' earlier decisions ("dismissed by eve on 2024-03-11: why")

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class BibEntry:
    """One cited source in its document and note, with everything known about it."""

    id: int  # citation id (or any unique number in hand-built entries)
    text: str  # the citation as written in the note
    footnote: str | None = None
    document_id: int | None = None
    document_title: str | None = None
    document_path: str | None = None
    position: int = 0  # order in the document
    authors: tuple[str, ...] = ()
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # YYYY-MM-DD as stated (valid dates only)
    date_precision: str | None = None  # "day", "month", "year"
    date_raw: str | None = None
    named_site: str | None = None
    claims: tuple[str, ...] = ()  # the sentences that cite this note
    links: tuple[LinkInfo, ...] = ()
    flags: tuple[FlagInfo, ...] = field(default_factory=tuple)
    accessed: str | None = None  # YYYY-MM-DD the citing author says the source was retrieved

    @property
    def link(self) -> LinkInfo | None:
        """The source's main URL: the first one its note gives."""
        return self.links[0] if self.links else None

    @property
    def url(self) -> str | None:
        return self.link.url if self.link else None

    @property
    def issued(self) -> dt.date | None:
        return iso_date(self.date)

    def accessed_on(self) -> dt.date | None:
        """When the source was accessed: the date the citing author gives, else the day
        citetrack last checked the link (the day a reader could see it)."""
        return iso_date(self.accessed) or (iso_date(self.link.checked_at) if self.link else None)

    @property
    def open_flags(self) -> tuple[FlagInfo, ...]:
        return tuple(flag for flag in self.flags if flag.is_open)

    @property
    def domain(self) -> str | None:
        url = safe_url(self.url) if self.url else None
        if not url:
            return self.named_site
        host = (urlsplit(url).hostname or "").lower()
        return host.removeprefix("www.") or None

    @property
    def is_social(self) -> bool:
        """A post on a social network (an X status, a Telegram message...)."""
        domain = self.domain or ""
        return any(domain == host or domain.endswith("." + host) for host in settings.EXPORT_SOCIAL_DOMAINS)

    @property
    def kind(self) -> str:
        """What sort of source: "post", "report", "article" or "webpage" (CSL types map from it)."""
        if self.is_social:
            return "post"
        url = (self.url or "").lower().split("?")[0]
        words = f"{self.title or ''} {self.text}".lower()
        if url.endswith(".pdf") or any(word in words for word in settings.EXPORT_REPORT_WORDS):
            return "report"
        if self.outlet:
            return "article"
        return "webpage"

    @property
    def label(self) -> str:
        """A short human name for the source: its title, else outlet, else its text."""
        return self.title or self.outlet or self.text
