"""Frozen dataclasses and string enums shared by every layer of citetrack.

Readers produce a `ParsedDocument`; `read.notes` turns each `Note` into `Source`s;
rules produce `Flag`s; the checker produces `CheckResult`s. None of them touch the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FlagKind(StrEnum):
    """The vocabulary of problems, as `../shared/interface.md` names them."""

    MISDATED = "misdated"
    FUTURE_DATE = "future-date"
    INVALID_DATE = "invalid-date"
    NO_URL = "no-url"
    MALFORMED_URL = "malformed-url"
    UNNUMBERED_NOTE = "unnumbered-note"
    MISSING_NOTE = "missing-note"
    UNUSED_NOTE = "unused-note"
    DUPLICATE_NOTE = "duplicate-note"
    OUTLET_MISMATCH = "outlet-mismatch"
    REPEATED_URL = "repeated-url"
    DEAD_LINK = "dead-link"
    SOFT_404 = "soft-404"
    MOVED = "moved"
    BLOCKED = "blocked"
    TITLE_MISMATCH = "title-mismatch"
    CONTENT_CHANGED = "content-changed"
    UNSUPPORTED_CLAIM = "unsupported-claim"
    NOT_ARCHIVED = "not-archived"  # ours: a dead link with no archived copy anywhere
    LINK_NOT_IN_TEXT = "link-not-in-text"  # ours: `no-url` where copied text may have lost the link


class FlagStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class DomainRule:
    """Per-domain settings from the config file (`[check.domains."example.org"]`), used by the checker."""

    exclude: bool = False
    ok_statuses: frozenset[int] = frozenset()
    blocked_statuses: frozenset[int] = frozenset()
    per_host: int | None = None


class LinkStatus(StrEnum):
    """Outcome of one link check, as the interface names it."""

    OK = "ok"
    REDIRECTED = "redirected"
    DEAD = "dead"
    SOFT_404 = "soft-404"
    BLOCKED = "blocked"
    ERROR = "error"


class DocumentFormat(StrEnum):
    TEXT = "txt"
    MARKDOWN = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"


# ---------------------------------------------------------------- documents (readers)


@dataclass(frozen=True)
class Claim:
    """A sentence of the body that carries one or more note markers, in reading order."""

    text: str
    labels: tuple[str, ...]  # note labels as written, in marker order ("2", "a")
    position: int  # 0-based order of the claim in the document


@dataclass(frozen=True)
class Note:
    """A footnote or endnote as written. `label` is None for citation text that lost its number."""

    label: str | None
    text: str
    position: int  # 0-based order of the note in the document
    hrefs: tuple[str, ...] = ()  # link targets not visible in the text (HTML <a>, PDF/DOCX links)


@dataclass(frozen=True)
class ParsedDocument:
    """What a reader extracts from one file: the body's claims and the notes, nothing inferred."""

    path: str
    format: DocumentFormat
    title: str | None
    published: dt.date | None  # found in the text or metadata; `--published` overrides
    claims: tuple[Claim, ...]
    notes: tuple[Note, ...]
    markers: tuple[str, ...]  # every marker label in body order (may repeat), for note checks
    body: str = ""  # the rejoined body text, notes cut out
    # The text was copied out of a richer document (its raised markers flattened into plain
    # digits): links set behind titles were lost, so a note's missing link proves nothing.
    links_hidden: bool = False


# ---------------------------------------------------------------- citations (cite/, read/notes)


@dataclass(frozen=True)
class UrlRef:
    """One URL as written in a note, with its identity form and what is wrong with it."""

    written: str  # as it stands in the text, cleaned of <> and trailing punctuation
    normalized: str  # identity: lower-case scheme/host, no tracking params, no fragment
    malformed: str | None = None  # why it cannot be right as written, or None
    suggestion: str | None = None  # an evident repair of a malformed URL


@dataclass(frozen=True)
class StatedDate:
    """A date as a citation states it. `value` is None when the date cannot exist."""

    raw: str
    value: dt.date | None
    precision: str = "day"  # "day", "month" or "year"


@dataclass(frozen=True)
class Source:
    """One cited source inside a note: a note may cite several."""

    text: str
    authors: tuple[str, ...] = ()
    title: str | None = None
    outlet: str | None = None
    date: StatedDate | None = None
    urls: tuple[UrlRef, ...] = ()
    named_site: str | None = None  # a domain named without a link, e.g. "france24.com"
    accessed: StatedDate | None = None  # when the citing author retrieved/accessed/archived it


@dataclass(frozen=True)
class Citation:
    """A source placed in its document: the note it belongs to and its order there."""

    footnote: str | None  # the note's label, None for an unnumbered citation
    index: int  # 0-based position of the source inside its note
    source: Source
    note_position: int | None = None  # Note.position of the note it comes from

    @property
    def key(self) -> str:
        """Stable identity inside a document: survives re-ingesting the same file."""
        return f"{self.footnote if self.footnote is not None else '~'}#{self.index}"


# ---------------------------------------------------------------- flags (rules/)


@dataclass(frozen=True)
class Flag:
    """A problem found by a rule, with the evidence a reviewer needs to judge it.

    `subject` makes the flag's identity stable across runs: together with the document and
    the kind it names the same flag again (a citation key, a note label, a URL).
    """

    kind: FlagKind
    severity: Severity
    message: str
    subject: str
    evidence: dict[str, Any] = field(default_factory=dict)
    footnote: str | None = None
    citation_key: str | None = None
    url: str | None = None

    @property
    def evidence_hash(self) -> str:
        """Digest of the evidence: a dismissed flag reopens only when this changes."""
        blob = json.dumps(self.evidence, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


# ---------------------------------------------------------------- links (check/)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one URL: data, never an exception."""

    url: str  # the normalized URL that was checked
    status: LinkStatus
    checked_at: dt.datetime
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()  # every hop after the first request, in order
    permanent_redirect: bool = False  # every hop was 301/308
    elapsed_ms: int | None = None
    error: str | None = None  # a human-readable reason for dead/error/blocked
    reason: str | None = None  # machine key: "not-found", "gone", "no-such-host", "home-page" ...
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    content_length: int | None = None
    title: str | None = None
    not_modified: bool = False  # answered 304 to a conditional request
    evidence: dict[str, Any] = field(default_factory=dict)


_ISO_PREFIX = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def iso_date(text: str | None) -> dt.date | None:
    """The date an ISO date or timestamp holds (`2024-01-15`, `2024-01-15T09:00:00Z`, `2024/1/15`),
    as metadata and the store write it; None when there is none or it cannot exist."""
    match = _ISO_PREFIX.search(text or "")
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# What a failing check's reason key means, for people (dead-link messages, bibliography notes).
REASON_TEXT = {
    "not-found": "not found (HTTP 404)", "gone": "gone (HTTP 410)", "no-such-host": "no such host",
    "connection-refused": "connection refused", "home-page": "redirects to the site's home page",
    "error-page": "redirects to an error page", "timeout": "times out", "tls": "TLS failure",
    "server-error": "server error", "redirect-loop": "redirect loop", "too-many-redirects": "too many redirects",
    "client-error": "client error", "connection-dropped": "connection dropped",
}


@dataclass(frozen=True)
class LinkState:
    """What the store remembers of a URL's failures between checks."""

    fail_count: int = 0
    fail_counted_at: dt.datetime | None = None
    first_failed_at: dt.datetime | None = None
    confirmed_dead_at: dt.datetime | None = None
    fail_status: str | None = None
    fail_reason: str | None = None
    fail_http_status: int | None = None
    fail_final_url: str | None = None

    @property
    def dead(self) -> bool:
        return self.confirmed_dead_at is not None


@dataclass(frozen=True)
class StoredCitation(Citation):
    """A citation read back from the store: its stored key (which may carry a `~2`) is its identity."""

    stored_key: str = ""

    @property
    def key(self) -> str:  # type: ignore[override]
        return self.stored_key
