"""Read queries for review, export and the report: entries with their annotations, link health.

Nothing here writes. A URL never archived simply carries no archived copies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from citetrack import settings
from citetrack.entries import ArchivedCopy, BibEntry, FlagInfo, LinkInfo
from citetrack.store import Store, loads
from citetrack.store.documents import require_document
from citetrack.store.flags import AUTOMATIC, StoredFlag


def archived_copies(store: Store, url_ids: list[int]) -> dict[int, list[ArchivedCopy]]:
    """Every snapshot and public archive copy of these URLs, oldest first, by url id."""
    copies: dict[int, list[ArchivedCopy]] = defaultdict(list)
    if not url_ids:
        return copies
    marks = ",".join("?" * len(url_ids))
    for row in store.query(
        f"SELECT url_id, fetched_at AS at, warc_file AS location, title, text FROM snapshots "
        f"WHERE url_id IN ({marks}) ORDER BY at",
        url_ids,
    ):
        copies[row["url_id"]].append(
            ArchivedCopy("snapshot", str(row["location"] or ""), row["at"], row["title"], row["text"])
        )
    for row in store.query(
        f"SELECT DISTINCT url_id, archive_url, archived_at AS at, citation_id FROM public_archives "
        f"WHERE url_id IN ({marks}) AND archive_url IS NOT NULL ORDER BY at",
        url_ids,
    ):
        copies[row["url_id"]].append(ArchivedCopy("public", row["archive_url"], row["at"], citation_id=row["citation_id"]))
    return copies


def _copies_for(copies, citation_id: int) -> tuple[ArchivedCopy, ...]:
    """The copies of a URL that serve this citation: its own public copies when it has some."""
    public = [copy for copy in copies if copy.is_public]
    own = [copy for copy in public if copy.citation_id == citation_id]
    chosen = own or [copy for copy in public if copy.citation_id is None] or public
    return tuple(copy for copy in copies if not copy.is_public or copy in chosen)


def _flag_info(row: dict[str, Any], earlier: list[str]) -> FlagInfo:
    return FlagInfo(
        id=row["id"], kind=row["kind"], severity=row["severity"], message=row["message"], status=row["status"],
        note=row["note"], decided_by=row["decided_by"], decided_at=row["decided_at"], earlier=tuple(earlier),
    )


def earlier_decisions(store: Store, document_id: int | None = None) -> dict[int, list[str]]:
    """Reviewers' decisions that are no longer current (the flag reopened or was decided again), by flag."""
    scope, params = ("AND f.document_id = ?", [document_id]) if document_id is not None else ("", [])
    rows = store.query(
        f"""SELECT e.id, e.flag_id, e.action, e.by, e.at, e.note, f.status FROM flag_events e JOIN flags f ON f.id = e.flag_id
            WHERE e.action IN ('resolved', 'dismissed', 'auto-resolved') {scope} ORDER BY e.id""",
        params,
    )
    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        events[row["flag_id"]].append(row)
    earlier: dict[int, list[str]] = {}
    for flag_id, decisions in events.items():
        past = decisions[:-1] if decisions[-1]["status"] != "open" else decisions  # the last one is current
        lines = [
            f"{row['action']} by {row['by']} on {(row['at'] or '')[:10]}: {row['note'] or 'no note'}"
            for row in past if row["by"] != AUTOMATIC
        ]
        if lines:
            earlier[flag_id] = lines
    return earlier


def export_entries(store: Store, document_id: int | None = None) -> list[BibEntry]:
    """One entry per cited source, in document then note order, with links, archives, claims, flags."""
    require_document(store, document_id)
    scope, params = ("WHERE c.document_id = ?", [document_id]) if document_id is not None else ("", [])
    citations = store.query(
        f"""SELECT c.*, d.title AS document_title, d.path AS document_path FROM citations c
            JOIN documents d ON d.id = c.document_id {scope} ORDER BY c.document_id, c.position, c.id""",
        params,
    )
    link_rows = store.query(
        f"""SELECT cu.citation_id, cu.written, cu.malformed, u.id AS url_id, u.url, u.last_status,
               u.last_checked_at, u.last_http_status, u.last_final_url, u.confirmed_dead_at,
               u.last_reason
            FROM citation_urls cu LEFT JOIN urls u ON u.id = cu.url_id JOIN citations c ON c.id = cu.citation_id
            {scope} ORDER BY cu.citation_id, cu.position""",
        params,
    )
    copies = archived_copies(store, sorted({row["url_id"] for row in link_rows if row["url_id"] is not None}))
    links: dict[int, list[LinkInfo]] = defaultdict(list)
    for row in link_rows:
        links[row["citation_id"]].append(
            LinkInfo(
                url=row["written"], normalized=row["url"], status=row["last_status"], checked_at=row["last_checked_at"],
                http_status=row["last_http_status"], final_url=row["last_final_url"],
                confirmed_dead_at=row["confirmed_dead_at"], malformed=row["malformed"], reason=row["last_reason"],
                url_id=row["url_id"], archives=_copies_for(copies.get(row["url_id"], ()), row["citation_id"]),
            )
        )
    claims: dict[tuple[int, str], list[str]] = defaultdict(list)
    for row in store.query(
        f"""SELECT c.document_id, cn.label, c.text FROM claims c JOIN claim_notes cn ON cn.claim_id = c.id
            {scope} ORDER BY c.position, c.id""",
        params,
    ):
        claims[(row["document_id"], row["label"])].append(row["text"])
    by_citation: dict[int, list[FlagInfo]] = defaultdict(list)
    by_url: dict[tuple[int, str], list[FlagInfo]] = defaultdict(list)
    by_note: dict[tuple[int, str], list[FlagInfo]] = defaultdict(list)
    flag_scope = "WHERE f.document_id = ?" if document_id is not None else ""
    history = earlier_decisions(store, document_id)
    for row in store.query(f"SELECT f.* FROM flags f {flag_scope} ORDER BY f.id", params):
        info = _flag_info(row, history.get(row["id"], []))
        if row["citation_id"] is not None:
            by_citation[row["citation_id"]].append(info)
        elif row["url"]:
            by_url[(row["document_id"], row["url"])].append(info)
        elif row["footnote"] is not None:
            by_note[(row["document_id"], row["footnote"])].append(info)
    entries = []
    for row in citations:
        doc = row["document_id"]
        own_links = tuple(links.get(row["id"], ()))
        flags = list(by_citation.get(row["id"], ()))
        for link in own_links:
            flags.extend(by_url.get((doc, link.normalized or ""), ()))
            if link.url != link.normalized:
                flags.extend(by_url.get((doc, link.url), ()))
        if row["footnote"] is not None:
            flags.extend(by_note.get((doc, row["footnote"]), ()))
        unique = {flag.id: flag for flag in flags}
        entries.append(
            BibEntry(
                id=row["id"], text=row["text"], footnote=row["footnote"], document_id=doc,
                document_title=row["document_title"], document_path=row["document_path"], position=row["position"],
                authors=tuple(loads(row["authors"], [])), title=row["title"], outlet=row["outlet"], date=row["date"],
                date_precision=row["date_precision"], date_raw=row["date_raw"], named_site=row["named_site"],
                accessed=row.get("accessed"),
                claims=tuple(claims.get((doc, row["footnote"]), ())) if row["footnote"] is not None else (),
                links=own_links, flags=tuple(sorted(unique.values(), key=lambda flag: flag.id)),
            )
        )
    return entries


# ---------------------------------------------------------------- review panels


@dataclass(frozen=True)
class NoteView:
    label: str | None
    text: str


@dataclass
class ClaimPanel:
    """What the review walk shows at once: a claim (or a note no claim cites), its sources, its flags."""

    document_id: int
    document_title: str | None
    claim_id: int | None
    claim: str | None
    notes: list[NoteView] = field(default_factory=list)
    sources: list[BibEntry] = field(default_factory=list)
    flags: list[StoredFlag] = field(default_factory=list)  # the ones to decide


def review_panels(store: Store, flags: list[StoredFlag]) -> list[ClaimPanel]:
    """Group these flags by the first claim citing their note, in document and claim order.

    Flags no claim leads to (an unused or unnumbered note, a document-wide problem) come after
    the claims of their document, one panel per note.
    """
    if not flags:
        return []
    documents = sorted({flag.document_id for flag in flags})
    panels: list[ClaimPanel] = []
    for document_id in documents:
        doc_flags = [flag for flag in flags if flag.document_id == document_id]
        entries = export_entries(store, document_id)
        title = store.query("SELECT title, path FROM documents WHERE id = ?", [document_id])
        doc_title = (title[0]["title"] or title[0]["path"]) if title else None
        notes = {
            row["label"]: row["text"]
            for row in store.query("SELECT label, text FROM notes WHERE document_id = ? ORDER BY position", [document_id])
        }
        claim_rows = store.query(
            """SELECT c.id, c.text, cn.label FROM claims c JOIN claim_notes cn ON cn.claim_id = c.id
               WHERE c.document_id = ? ORDER BY c.position, c.id, cn.position""",
            [document_id],
        )
        first_claim: dict[str, int] = {}
        claim_text: dict[int, str] = {}
        claim_labels: dict[int, list[str]] = defaultdict(list)
        for row in claim_rows:
            first_claim.setdefault(row["label"], row["id"])
            claim_text[row["id"]] = row["text"]
            claim_labels[row["id"]].append(row["label"])
        claim_order = list(dict.fromkeys(row["id"] for row in claim_rows))
        grouped: dict[Any, list[StoredFlag]] = defaultdict(list)
        for flag in doc_flags:
            claim_id = first_claim.get(flag.footnote) if flag.footnote is not None else None
            grouped[claim_id if claim_id is not None else ("note", flag.footnote)].append(flag)
        for claim_id in claim_order:
            if claim_id not in grouped:
                continue
            labels = claim_labels[claim_id]
            panels.append(
                ClaimPanel(
                    document_id, doc_title, claim_id, claim_text[claim_id],
                    notes=[NoteView(label, notes.get(label, "")) for label in labels if label in notes],
                    sources=[entry for entry in entries if entry.footnote in labels],
                    flags=grouped[claim_id],
                )
            )
        for key, group in grouped.items():
            if not isinstance(key, tuple):
                continue
            label = key[1]
            panels.append(
                ClaimPanel(
                    document_id, doc_title, None, None,
                    notes=[NoteView(label, notes[label])] if label in notes else [],
                    sources=[entry for entry in entries if label is not None and entry.footnote == label],
                    flags=group,
                )
            )
    return panels


# ---------------------------------------------------------------- report


@dataclass(frozen=True)
class RunHealth:
    """Status counts of the link checks of one run (or one day of checks outside any run)."""

    label: str  # "run 3" or the day
    at: str  # when the run started (ISO)
    counts: dict[str, int]


def link_health(store: Store, document_id: int | None = None) -> list[RunHealth]:
    """Per check run, oldest first: the state of every cited link as of that run. A link the run
    did not check (`check --stale-after` rechecks only some) keeps the status of its last check;
    links never checked yet are not counted."""
    require_document(store, document_id)
    doc_scope, params = ("WHERE c.document_id = ?", [document_id]) if document_id is not None else ("", [])
    rows = store.query(
        f"""SELECT k.url_id, k.status, coalesce('run ' || k.run_id, substr(k.checked_at, 1, 10)) AS label,
               coalesce(r.started_at, k.checked_at) AS at
            FROM checks k LEFT JOIN runs r ON r.id = k.run_id
            WHERE k.url_id IN (SELECT cu.url_id FROM citation_urls cu JOIN citations c ON c.id = cu.citation_id {doc_scope})
            ORDER BY k.checked_at, k.id""",
        params,
    )
    runs: dict[str, dict[str, Any]] = {}
    for row in rows:
        run = runs.setdefault(row["label"], {"at": row["at"], "checks": []})
        run["at"] = min(run["at"], row["at"])
        run["checks"].append((row["url_id"], row["status"]))
    state: dict[int, str] = {}
    health = []
    for label, run in sorted(runs.items(), key=lambda item: (item[1]["at"], len(item[0]), item[0])):
        state.update(run["checks"])  # in check order: a run's last word on each link stands
        health.append(RunHealth(label, run["at"], dict(Counter(state.values()))))
    return health


@dataclass(frozen=True)
class DocumentHealth:
    id: int
    title: str | None
    path: str
    sources: int  # cited sources (citations)
    dead: int  # sources with a link whose last status is dead or soft-404
    flagged: int  # sources with at least one open flag
    open_flags: int

    @property
    def dead_share(self) -> float:
        return self.dead / self.sources if self.sources else 0.0

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.sources if self.sources else 0.0


def document_health(store: Store, document_id: int | None = None) -> list[DocumentHealth]:
    """Each document with its count and share of dead and flagged sources."""
    require_document(store, document_id)
    scope, params = ("WHERE d.id = ?", [document_id]) if document_id is not None else ("", [])
    dead = ",".join(f"'{status}'" for status in settings.REPORT_DEAD_STATUSES)
    rows = store.query(
        f"""SELECT d.id, d.title, d.path,
               (SELECT count(*) FROM citations c WHERE c.document_id = d.id) AS sources,
               (SELECT count(DISTINCT c.id) FROM citations c JOIN citation_urls cu ON cu.citation_id = c.id
                  JOIN urls u ON u.id = cu.url_id WHERE c.document_id = d.id AND u.last_status IN ({dead})) AS dead,
               (SELECT count(DISTINCT c.id) FROM citations c WHERE c.document_id = d.id AND (
                  EXISTS (SELECT 1 FROM flags f WHERE f.citation_id = c.id AND f.status = 'open')
                  OR EXISTS (SELECT 1 FROM flags f JOIN citation_urls cu ON cu.citation_id = c.id
                     JOIN urls u ON u.id = cu.url_id WHERE f.document_id = d.id AND f.citation_id IS NULL
                     AND f.url = u.url AND f.status = 'open'))) AS flagged,
               (SELECT count(*) FROM flags f WHERE f.document_id = d.id AND f.status = 'open') AS open_flags
            FROM documents d {scope} ORDER BY d.id""",
        params,
    )
    return [DocumentHealth(**row) for row in rows]
