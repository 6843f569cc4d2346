"""The web app's read models: the flag queue pages, filters, search, sort and facet counts."""

from __future__ import annotations

from citetrack.models import Flag, FlagKind, FlagStatus, Severity
from citetrack.store.browse import QueueQuery, flag_queue, queue_counts, queue_ids
from citetrack.store.flags import FoundFlag, decide_flag, sync_flags

KINDS = [FlagKind.DEAD_LINK, FlagKind.MISDATED, FlagKind.NO_URL]


def seed(store, count: int) -> int:
    """One document with `count` flags of three kinds, severities cycling; its id."""
    with store.transaction() as db:
        doc = db["documents"].insert({"path": "/q.txt", "format": "txt", "title": "Queue", "sha256": "0" * 64,
                                      "ingested_at": "2024-01-01", "updated_at": "2024-01-01"}).last_pk
        found = [
            FoundFlag(doc, Flag(KINDS[i % 3], list(Severity)[i % 3], f"Problem number {i} at http://site{i}.example/",
                                f"subject-{i}", {}, str(i)))
            for i in range(count)
        ]
        sync_flags(store, "ingest", found, scope_sql="document_id = ?", scope_params=[doc], resolve_note="gone")
    return doc


def test_pages_cover_every_flag_once(store):
    seed(store, 120)
    seen = []
    for page in (1, 2, 3):
        result = flag_queue(store, QueueQuery(page=page, per_page=50))
        assert result.total == 120 and result.pages == 3
        seen += [flag.id for flag in result.flags]
    assert len(seen) == len(set(seen)) == 120
    assert flag_queue(store, QueueQuery(page=99, per_page=50)).query.page == 3  # clamped to the last page


def test_filters_search_and_facet_counts(store):
    seed(store, 30)
    dead = flag_queue(store, QueueQuery(kind="dead-link"))
    assert dead.total == 10 and {f.kind for f in dead.flags} == {"dead-link"}
    assert dead.counts["kind"] == {"dead-link": 10, "misdated": 10, "no-url": 10}  # other kinds still counted
    found = flag_queue(store, QueueQuery(text="NUMBER 7 at"))
    assert [f.message for f in found.flags] == ["Problem number 7 at http://site7.example/"]
    assert flag_queue(store, QueueQuery(text="site12.example")).total == 1
    errors = flag_queue(store, QueueQuery(severity="error"))
    assert errors.total == 10 and {f.severity for f in errors.flags} == {"error"}


def test_status_counts_follow_decisions(store):
    seed(store, 6)
    first = flag_queue(store, QueueQuery()).flags[0].id
    decide_flag(store, first, FlagStatus.DISMISSED, "fine", "ana")
    counts = queue_counts(store, QueueQuery())
    assert counts["status"] == {"open": 5, "dismissed": 1}
    assert first not in queue_ids(store, QueueQuery())
    assert first in queue_ids(store, QueueQuery(status="dismissed"))


def test_sorts(store):
    seed(store, 9)
    by_severity = flag_queue(store, QueueQuery(sort="severity")).flags
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[f.severity] for f in by_severity] == sorted(order[f.severity] for f in by_severity)
    newest = flag_queue(store, QueueQuery(sort="newest")).flags
    assert newest[0].id > newest[-1].id
    assert flag_queue(store, QueueQuery(sort="nonsense")).query.sort == "document"
