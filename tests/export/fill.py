"""Test data for review and export: a store filled row by row (an invented document), hand-built entries.

`populate(store)` writes one document with three notes, three claims, four citations, their
URLs, two check runs and a few flags (through `sync_flags`, as the real steps do).
"""

from __future__ import annotations

from typing import Any

from citetrack.export.model import ArchivedCopy, BibEntry, FlagInfo, LinkInfo
from citetrack.models import Flag, FlagKind, Severity
from citetrack.store import Store, dumps
from citetrack.store.flags import FoundFlag, sync_flags

EVIL = '<script>alert("x")</script> & "quotes"'


def populate(store: Store, path: str = "/docs/paper.txt", title: str = "A paper on <wells> & pumps") -> dict[str, Any]:
    """Insert an invented document with claims, notes, sources, links, checks and flags; return ids."""
    ids: dict[str, Any] = {}
    with store.transaction() as db:
        doc = db["documents"].insert(
            {"path": path, "format": "txt", "title": title, "published": "2024-03-01", "sha256": "x" * 64,
             "ingested_at": "2024-03-02T00:00:00+00:00", "updated_at": "2024-03-02T00:00:00+00:00"}
        ).last_pk
        ids["document"] = doc
        notes = [
            ("1", 'Ann Smith, "Wells of the valley", Valley Times, 12 January 2023, https://valley.example/2023/01/12/wells'),
            ("2", "Water board, @board on X, 3 March 2023, https://x.com/board/status/1631000000000000000"),
            ("3", f"Pump survey {EVIL}, Rural Review, 2022, javascript:alert(1)"),
        ]
        note_ids = {}
        for pos, (label, text) in enumerate(notes):
            note_ids[label] = db["notes"].insert(
                {"document_id": doc, "key": label, "label": label, "position": pos, "text": text}
            ).last_pk
        claims = [("1", "The valley has forty wells."), ("2", "The board confirmed the count."), ("1,3", f"Pumps fail {EVIL}.")]
        ids["claims"] = []
        for pos, (labels, text) in enumerate(claims):
            claim = db["claims"].insert({"document_id": doc, "key": labels, "position": pos, "text": text}).last_pk
            ids["claims"].append(claim)
            for lpos, label in enumerate(labels.split(",")):
                db["claim_notes"].insert({"claim_id": claim, "label": label, "position": lpos})
        citations = [
            ("1", 0, notes[0][1], ["Ann Smith"], "Wells of the valley", "Valley Times", "2023-01-12", "12 January 2023",
             ["https://valley.example/2023/01/12/wells"]),
            ("2", 0, notes[1][1], [], None, None, "2023-03-03", "3 March 2023",
             ["https://x.com/board/status/1631000000000000000"]),
            ("3", 0, notes[2][1], [], f"Pump survey {EVIL}", "Rural Review", None, "2022", ["javascript:alert(1)"]),
            ("3", 1, "Rural Review annual report, 2021", [], None, "Rural Review", None, None, []),
        ]
        ids["citations"] = []
        for pos, (label, index, text, authors, ctitle, outlet, date, raw, urls) in enumerate(citations):
            cid = db["citations"].insert(
                {"document_id": doc, "note_id": note_ids[label], "key": f"{label}#{index}", "footnote": label,
                 "position": pos, "text": text, "authors": dumps(authors), "title": ctitle, "outlet": outlet,
                 "date": date, "date_raw": raw, "date_precision": "year" if raw == "2022" else "day"}
            ).last_pk
            ids["citations"].append(cid)
            for upos, url in enumerate(urls):
                existing = list(db.query("SELECT id FROM urls WHERE url = ?", [url]))
                uid = existing[0]["id"] if existing else db["urls"].insert(
                    {"url": url, "domain": None, "first_seen": "2024-03-02T00:00:00+00:00"}
                ).last_pk
                db["citation_urls"].insert({"citation_id": cid, "position": upos, "url_id": uid, "written": url})
        # two check runs: the valley page dies between them
        url_ids = {row["url"]: row["id"] for row in db.query("SELECT id, url FROM urls")}
        valley, post = url_ids["https://valley.example/2023/01/12/wells"], url_ids["https://x.com/board/status/1631000000000000000"]
        for at, valley_status in (("2024-03-03T10:00:00+00:00", "ok"), ("2024-03-10T10:00:00+00:00", "dead")):
            run = db["runs"].insert({"kind": "check", "started_at": at, "finished_at": at}).last_pk
            db["checks"].insert({"url_id": valley, "run_id": run, "checked_at": at, "status": valley_status})
            db["checks"].insert({"url_id": post, "run_id": run, "checked_at": at, "status": "blocked"})
        db["urls"].update(valley, {"last_status": "dead", "last_checked_at": "2024-03-10T10:00:00+00:00",
                                   "last_http_status": 404, "confirmed_dead_at": "2024-03-10T10:00:00+00:00"})
        db["urls"].update(post, {"last_status": "blocked", "last_checked_at": "2024-03-10T10:00:00+00:00",
                                 "last_http_status": 403})
        ids["urls"] = url_ids
        if db["snapshots"].exists():  # the archive step's tables (issue 4)
            db["snapshots"].insert(
                {"url_id": valley, "fetched_at": "2024-03-03T10:05:00+00:00", "last_seen_at": "2024-03-03T10:05:00+00:00",
                 "warc_file": "2024-03-03.warc.gz", "title": "Wells of the valley",
                 "text": "Local news. Surveyors counted forty wells across the valley this winter. More news follows."}
            )
            db["public_archives"].insert(
                {"url_id": valley, "archive_url": "https://web.archive.org/web/20240303100000/https://valley.example/2023/01/12/wells",
                 "archived_at": "2024-03-03T10:00:00+00:00", "looked_up_at": "2024-03-03T10:06:00+00:00"}
            )
        c1, c2, c3, c4 = ids["citations"]
        found = [
            FoundFlag(doc, Flag(FlagKind.MISDATED, Severity.ERROR, "Note 1: stated 12 January 2023, URL says otherwise",
                                "1#0", {"stated": "2023-01-12", "evidence": "2023-02-12"}, "1", "1#0"), c1),
            FoundFlag(doc, Flag(FlagKind.MALFORMED_URL, Severity.ERROR, f"Note 3: bad URL {EVIL}", "3#0",
                                {"url": "javascript:alert(1)"}, "3", "3#0", "javascript:alert(1)"), c3),
            FoundFlag(doc, Flag(FlagKind.NO_URL, Severity.WARNING, "Note 3: no link", "3#1", {}, "3", "3#1"), c4),
        ]
        sync_flags(store, "ingest", found, scope_sql="document_id = ?", scope_params=[doc], resolve_note="gone")
        sync_flags(
            store, "check",
            [FoundFlag(doc, Flag(FlagKind.DEAD_LINK, Severity.ERROR, "Note 1: the link is dead", "https://valley.example/2023/01/12/wells",
                                 {"reason": "not-found"}, "1", None, "https://valley.example/2023/01/12/wells"))],
            scope_sql="document_id = ?", scope_params=[doc], resolve_note="alive again",
        )
        ids["flags"] = {row["kind"]: row["id"] for row in db.query("SELECT id, kind FROM flags")}
    return ids


def sample_entries() -> list[BibEntry]:
    """Hand-built entries covering every source kind, an archive, a decision and hostile text."""
    return [
        BibEntry(
            id=1, text='Ann Smith, "Wells of the valley", Valley Times, 12 January 2023', footnote="1", document_id=1,
            document_title="A paper on <wells>", position=0, authors=("Ann Smith",), title="Wells of the valley",
            outlet="Valley Times", date="2023-01-12", date_precision="day", claims=("The valley has forty wells.",),
            links=(
                LinkInfo(
                    "https://valley.example/2023/01/12/wells?a=1&b=2", status="dead", checked_at="2024-03-10T10:00:00+00:00",
                    http_status=404,
                    archives=(
                        ArchivedCopy("snapshot", "archive/valley.warc.gz", "2024-03-03T10:00:00+00:00", "Wells"),
                        ArchivedCopy("public", "https://web.archive.org/web/20240303100000/https://valley.example/2023/01/12/wells",
                                     "2024-03-03T10:00:00+00:00"),
                    ),
                ),
            ),
            flags=(
                FlagInfo(11, "dead-link", "error", "Note 1: the link is dead"),
                FlagInfo(12, "misdated", "warning", "Note 1: dates differ", "dismissed", "Checked by phone", "rev", "2024-03-11T00:00:00+00:00"),
            ),
        ),
        BibEntry(
            id=2, text="Water board, @board on X, 3 March 2023", footnote="2", document_id=1, document_title="A paper on <wells>",
            position=1, date="2023-03-03", claims=("The board confirmed the count.",),
            links=(LinkInfo("https://x.com/board/status/1631000000000000000", status="blocked", checked_at="2024-03-10T10:00:00+00:00"),),
        ),
        BibEntry(
            id=3, text=f"Pump survey {EVIL} annual report", footnote="3", document_id=1, document_title="A paper on <wells>",
            position=2, title=f"Pump survey {EVIL} {{50%}} $5 #1 ~ ^_", outlet="Rural Review", date="2022-01-01",
            date_precision="year", claims=(f"Pumps fail {EVIL}.",),
            links=(LinkInfo("javascript:alert(1)"),),
            flags=(FlagInfo(13, "malformed-url", "error", f"bad URL {EVIL}"),),
        ),
        BibEntry(id=4, text="An unnumbered source without a link", footnote=None, document_id=2, document_title=None,
                 document_path="/docs/other.md", position=0),
    ]
