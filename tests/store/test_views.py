"""Read queries behind review, export and the report, on a store filled row by row."""

from __future__ import annotations


import pytest

from citetrack.errors import NotFoundError
from citetrack.store.views import document_health, export_entries, link_health


@pytest.fixture
def filled(store, fill):
    return store, fill.populate(store)


def test_export_entries_in_note_order_with_claims_links_and_flags(filled):
    store, ids = filled
    entries = export_entries(store)
    assert [(e.footnote, e.id) for e in entries] == [("1", ids["citations"][0]), ("2", ids["citations"][1]),
                                                     ("3", ids["citations"][2]), ("3", ids["citations"][3])]
    first = entries[0]
    assert first.authors == ("Ann Smith",) and first.date == "2023-01-12"
    assert first.claims[0] == "The valley has forty wells." and len(first.claims) == 2  # note 1 is cited twice
    assert first.link.status == "dead" and first.link.http_status == 404 and first.link.checked_at.startswith("2024-03-10")
    # the dead-link flag has no citation id: it reaches the entry through its URL
    assert sorted(flag.kind for flag in first.flags) == ["dead-link", "misdated"]
    assert entries[3].links == () and [f.kind for f in entries[3].flags] == ["no-url"]
    snapshot, public = first.link.snapshot, first.link.public_archive
    assert snapshot.location == "2024-03-03.warc.gz" and snapshot.archived_at.startswith("2024-03-03") and "forty wells" in snapshot.text
    assert public.location.startswith("https://web.archive.org/web/20240303100000/") and public.archived_at.startswith("2024-03-03")
    assert entries[1].link.archives == ()


def test_export_entries_of_one_document_and_unknown_document(filled, fill):
    store, ids = filled
    other = fill.populate(store, path="/docs/other.txt", title="Other")
    assert {e.document_id for e in export_entries(store, other["document"])} == {other["document"]}
    assert len(export_entries(store)) == 8
    with pytest.raises(NotFoundError):
        export_entries(store, 999)


def test_link_health_counts_statuses_per_run(filled):
    store, _ = filled
    runs = link_health(store)
    assert [(run.label, run.counts) for run in runs] == [("run 1", {"ok": 1, "blocked": 1}), ("run 2", {"dead": 1, "blocked": 1})]


def test_link_health_keeps_the_last_status_of_links_a_run_did_not_check(filled):
    """`check --stale-after` rechecks some links: the chart still shows every cited link, the
    others with the status of their last check (not a bar shrinking to the rechecked ones)."""
    store, ids = filled
    valley = ids["urls"]["https://valley.example/2023/01/12/wells"]
    with store.transaction() as db:
        run = db["runs"].insert({"kind": "check", "started_at": "2024-03-20T10:00:00+00:00"}).last_pk
        db["checks"].insert({"url_id": valley, "run_id": run, "checked_at": "2024-03-20T10:00:00+00:00", "status": "ok"})
    runs = link_health(store)
    assert [(run.label, run.counts) for run in runs][-1] == (f"run {run}", {"ok": 1, "blocked": 1})
    assert sum(runs[-1].counts.values()) == sum(runs[0].counts.values()) == 2


def test_document_health_shares(filled):
    store, ids = filled
    [doc] = document_health(store)
    assert (doc.sources, doc.dead, doc.flagged, doc.open_flags) == (4, 1, 3, 4)
    assert doc.dead_share == 0.25


def test_a_citation_gets_the_public_copy_looked_up_for_it(filled):
    store, ids = filled
    valley = ids["urls"]["https://valley.example/2023/01/12/wells"]
    with store.transaction() as db:
        db["public_archives"].insert(
            {"url_id": valley, "citation_id": ids["citations"][0], "archive_url": "https://web.archive.org/web/20230112000000/x",
             "archived_at": "2023-01-12T00:00:00+00:00", "looked_up_at": "2024-03-04T00:00:00+00:00"}
        )
    first = export_entries(store)[0]
    assert first.link.public_archive.location == "https://web.archive.org/web/20230112000000/x"
    assert [copy.kind for copy in first.link.archives].count("public") == 1
