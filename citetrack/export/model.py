"""The read model the exporters consume: one `BibEntry` per cited source, with its annotations.

Built from the store by `citetrack.store.views.export_entries`, or by hand in tests: every
exporter is a pure function from a sequence of entries to text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citetrack import settings
from citetrack.cite.dates import iso_date
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
        from citetrack.rules.links import REASON_TEXT

        if self.status not in (None, "ok", "redirected") and self.reason in REASON_TEXT:
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


# ---------------------------------------------------------------- annotations as text


def day(stamp: str | None) -> str | None:
    """The YYYY-MM-DD day of an ISO timestamp."""
    return stamp[:10] if stamp else None


def link_annotation(link: LinkInfo) -> str:
    """"Link dead (HTTP 404), last checked 2024-03-10" or "Link not checked yet"."""
    if link.malformed:
        return f"Link malformed ({link.malformed})"
    if not link.status:
        return "Link not checked yet"
    return f"Link {link.status}{link.detail}, last checked {day(link.checked_at)}"


def archive_annotation(copy: ArchivedCopy) -> str:
    if copy.is_public:
        return f"Archived copy {copy.location}" + (f" ({day(copy.archived_at)})" if copy.archived_at else "")
    return f"Local snapshot {day(copy.archived_at) or ''} ({copy.location})".replace("  ", " ")


def flag_annotation(flag: FlagInfo) -> str:
    """"Flag dead-link (error, open): ..." with the reviewer's decision when there is one."""
    text = f"Flag {flag.kind} ({flag.severity}, {flag.status}): {flag.message}"
    if flag.status != "open" and (flag.decided_by or flag.note):
        when = f" on {day(flag.decided_at)}" if flag.decided_at else ""
        text += f" [{flag.status} by {flag.decided_by or 'unknown'}{when}: {flag.note or 'no note'}]"
    if flag.earlier:
        text += f" (earlier: {'; '.join(flag.earlier)})"
    return text


def annotations(entry: BibEntry) -> list[str]:
    """Every annotation of an entry as a line: links, archived copies, flags with decisions."""
    lines = []
    for link in entry.links:
        lines.append(link_annotation(link) + ("" if len(entry.links) == 1 else f": {link.url}"))
        lines.extend(archive_annotation(copy) for copy in link.archives)
    if not entry.links:
        lines.append("No link given")
    lines.extend(flag_annotation(flag) for flag in entry.flags)
    return lines


# ---------------------------------------------------------------- names and keys


def person_name(name: str) -> tuple[str, str] | None:
    """(given, family) for a person's name such as "Ann Smith"; None for an organisation."""
    tokens = name.replace(",", " ").split()
    if not 2 <= len(tokens) <= 4:
        return None
    if any(token.lower().strip(".") in settings.EXPORT_ORGANISATION_WORDS for token in tokens):
        return None
    if not all(token[0].isupper() or token.lower() in settings.EXPORT_NAME_PARTICLES for token in tokens):
        return None
    if "," in name:  # "Smith, Ann"
        family, _, given = name.partition(",")
        return given.strip(), family.strip()
    return " ".join(tokens[:-1]), tokens[-1]


def source_identity(entry: BibEntry) -> str:
    """What makes a source itself, whatever its place in the document: its URL, else its text."""
    link = entry.link
    if link and (link.normalized or link.url):
        return (link.normalized or link.url).strip()
    return " ".join(entry.text.lower().split())


def _key_stem(entry: BibEntry) -> str:
    """`harbour2024water`: the first author's family name (or organisation, outlet, site), the year
    (`_nd_` when the source gives none), and the first word of the title that is not a small word."""
    name = None
    if entry.authors:
        person = person_name(entry.authors[0])
        name = person[1] if person else entry.authors[0]
    name = name or entry.outlet or entry.domain or "source"
    stem = _ascii_word(name.split()[0] if name.split() else "") or "source"
    issued = entry.issued
    words = [_ascii_word(word) for word in (entry.title or "").split()]
    title_word = next((word for word in words if word and word not in settings.EXPORT_KEY_SKIP_WORDS), "")
    if not issued:  # `vessa_nd_rice`: "no date" kept apart from the name
        return f"{stem}_nd" + (f"_{title_word}" if title_word else "")
    return f"{stem}{issued.year}{title_word}"


def _ascii_word(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word).lower() if ch.isascii() and ch.isalnum())


def cite_keys(entries: list[BibEntry]) -> dict[int, str]:
    """A readable citation key per entry, derived from the source itself so it survives re-ingests
    and edits elsewhere in the document: `harbour2024water`. When different sources still share
    that stem, the one whose URL the store saw first (its URL row, which never changes) keeps it
    and the others get a short hash of their URL (or text): `harbour2024water-3fa9`. The same
    source cited again in a later note gets `-2`, `-3`... in document order."""

    def seniority(entry: BibEntry) -> tuple[float, str]:
        url_id = entry.link.url_id if entry.link else None
        return (url_id if url_id is not None else float("inf"), source_identity(entry))

    keys: dict[int, str] = {}
    stems: dict[str, list[BibEntry]] = {}
    for entry in entries:
        stems.setdefault(_key_stem(entry), []).append(entry)
    for stem, group in stems.items():
        holder = min(group, key=seniority)
        repeats: dict[str, int] = {}
        for entry in group:  # document order
            identity = source_identity(entry)
            key = stem if identity == source_identity(holder) else f"{stem}-{hashlib.sha1(identity.encode()).hexdigest()[:4]}"
            repeats[key] = repeats.get(key, 0) + 1
            keys[entry.id] = key if repeats[key] == 1 else f"{key}-{repeats[key]}"
    return keys


def date_parts(value: dt.date, precision: str | None) -> list[int]:
    """[year], [year, month] or [year, month, day], as the stated precision allows."""
    if precision == "year":
        return [value.year]
    if precision == "month":
        return [value.year, value.month]
    return [value.year, value.month, value.day]
