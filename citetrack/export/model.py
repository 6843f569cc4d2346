"""The read model the exporters consume: one `BibEntry` per cited source, with its annotations.

The entry types live in `citetrack.entries` (foundation layer; re-exported here). Built from the store by `citetrack.store.views.export_entries`, or by hand in tests: every
exporter is a pure function from a sequence of entries to text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

from citetrack import settings
from citetrack.entries import SAFE_SCHEMES, ArchivedCopy, BibEntry, FlagInfo, LinkInfo, safe_url  # noqa: F401


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
