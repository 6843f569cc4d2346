"""The archive run end to end against a loopback site: snapshots, WARC, dedup, failures, flags."""

from __future__ import annotations

import json

from citetrack.archive.warc import RecordRef, read_response
from citetrack.store.archive import search_snapshots, snapshots_of
from citetrack.workflows.archive import ArchiveOptions, archive_sources

LOCAL = ArchiveOptions(allow_private=True, wayback=False)
TEXT = ("Gunmen attacked the market of Dori on Sunday and killed 14 traders, the regional governor said.\n"
        "Residents described a slow response by the security forces, who arrived three hours later.")


def test_archives_pages_and_reads_them_back(store, site, kit):
    site.pages["/a"] = kit.Page(kit.article("Market attack in Dori", TEXT, published="2024-03-03"))
    site.pages["/pdf"] = kit.Page(b"%PDF-1.4 broken", content_type="application/pdf")
    kit.add_document(store, [
        {"title": "Market attack in Dori", "outlet": "Sahel Monitor", "date": "2024-03-03", "urls": [site.url("/a")]},
        {"title": "A report", "urls": [site.url("/pdf")]},
    ])
    report = archive_sources(store, LOCAL)
    assert [s.status for s in report.snapshots] == ["archived", "archived"]
    snap = snapshots_of(store, site.url("/a"))[0]
    assert snap.title == "Market attack in Dori" and snap.site_name == "Sahel Monitor"
    assert snap.published == "2024-03-03" and snap.http_status == 200
    back = read_response(store.archive_dir, RecordRef(snap.warc_file, snap.warc_offset, snap.warc_length))
    assert back.url == site.url("/a") and b"Market attack in Dori" in back.body
    assert report.flags == 0
    assert json.dumps(report.to_json())  # serialisable as the CLI prints it


def test_identical_bodies_are_stored_once(store, site, kit):
    site.pages["/a"] = kit.Page(kit.article("Same page", TEXT))
    site.pages["/b"] = kit.Page(kit.article("Same page", TEXT))
    kit.add_document(store, [{"urls": [site.url("/a")]}, {"urls": [site.url("/b")]}])
    archive_sources(store, LOCAL)
    second = archive_sources(store, LOCAL)
    assert [s.status for s in second.snapshots] == ["unchanged", "unchanged"]
    rows = store.query("SELECT warc_file, warc_offset, seen_count FROM snapshots ORDER BY id")
    assert len(rows) == 2 and rows[0]["warc_offset"] == rows[1]["warc_offset"]
    assert [r["seen_count"] for r in rows] == [2, 2]
    warcs = list(store.archive_dir.glob("*.warc.gz"))
    from citetrack.archive.warc import iter_records

    responses = [r for w in warcs for r in iter_records(w) if r[0] == "response"]
    assert len(responses) == 1


def test_which_urls_are_archived(store, site, kit):
    for path in ("/ok", "/never", "/dead", "/blocked"):
        site.pages[path] = kit.Page(kit.article(path, TEXT))
    kit.add_document(store, [{"urls": [(site.url("/ok"), "ok"), (site.url("/never"), None),
                                   (site.url("/dead"), "dead"), (site.url("/blocked"), "blocked")]}])
    report = archive_sources(store, LOCAL)
    assert sorted(s.url.rsplit("/", 1)[1] for s in report.snapshots) == ["blocked", "never", "ok"]
    assert store.query("SELECT count(*) n FROM checks")[0]["n"] == 0  # archive never writes checks


def test_failures_are_recorded_and_do_not_stop_the_run(store, site, kit):
    site.pages["/a"] = kit.Page(kit.article("Fine", TEXT))
    kit.add_document(store, [{"urls": ["http://127.0.0.1:9/refused", site.url("/a")]}])
    report = archive_sources(store, LOCAL)
    assert [s.status for s in report.snapshots] == ["failed", "archived"]
    assert store.query("SELECT count(*) n FROM archive_failures")[0]["n"] == 1


def test_private_addresses_are_refused_without_the_option(store, site, kit):
    site.pages["/a"] = kit.Page(kit.article("Fine", TEXT))
    kit.add_document(store, [{"urls": [site.url("/a")]}])
    report = archive_sources(store, ArchiveOptions(wayback=False))
    assert report.snapshots[0].status == "failed"
    assert report.snapshots[0].error
    assert site.hits == []


def test_size_cap_truncates_the_body(store, site, kit):
    site.pages["/big"] = kit.Page("<html><body><p>" + "word " * 50_000 + "</p></body></html>")
    kit.add_document(store, [{"urls": [site.url("/big")]}])
    archive_sources(store, ArchiveOptions(allow_private=True, wayback=False, max_bytes=10_000))
    row = store.query("SELECT size, truncated FROM snapshots")[0]
    assert row == {"size": 10_000, "truncated": 1}


def test_full_text_search_finds_the_source_and_its_claims(store, site, kit):
    site.pages["/a"] = kit.Page(kit.article("Market attack", TEXT + "\nThe village of Farabougou was also besieged."))
    kit.add_document(store, [{"footnote": "4", "urls": [site.url("/a")]}],
                 claims=[{"text": "Traders were killed in Dori.", "labels": ["4"]}])
    archive_sources(store, LOCAL)
    hits = search_snapshots(store, "farabougou")
    assert [h.url for h in hits] == [site.url("/a")]
    assert "[Farabougou]" in hits[0].snippet
    assert [c.text for c in hits[0].claims] == ["Traders were killed in Dori."]
    assert search_snapshots(store, "Timbuktu") == []
    assert search_snapshots(store, '"unbalanced AND (') == []  # user text never breaks FTS syntax


def test_an_error_page_later_does_not_replace_the_source(store, site, kit):
    site.pages["/a"] = kit.Page(kit.article("Market attack in Dori", TEXT, published="2024-03-03"))
    add = kit.add_document(store, [{"footnote": "1", "title": "Market attack in Dori", "outlet": "Sahel Monitor",
                                    "date": "2024-03-03", "urls": [site.url("/a")]}])
    assert add
    archive_sources(store, LOCAL)
    site.pages["/a"] = kit.Page("<html><title>Page not found</title><p>Sorry.</p></html>", status=404)
    report = archive_sources(store, LOCAL)
    assert report.snapshots[0].http_status == 404
    assert store.query("SELECT count(*) n FROM snapshots")[0]["n"] == 2
    assert store.query("SELECT kind FROM flags WHERE status = 'open'") == []  # judged on the page, not the 404


def test_flags_resolve_when_the_citation_is_right_again(store, site, kit):
    site.pages["/a"] = kit.Page(kit.article("Teachers strike over unpaid salaries", TEXT, published="2024-03-03"))
    kit.add_document(store, [{"footnote": "1", "title": "Government announces new fuel subsidies",
                              "outlet": "Sahel Monitor", "date": "2024-03-03", "urls": [site.url("/a")]}])
    archive_sources(store, LOCAL)
    assert [r["kind"] for r in store.query("SELECT kind FROM flags WHERE status = 'open'")] == ["title-mismatch"]
    store.db.execute("UPDATE citations SET title = 'Teachers strike over unpaid salaries'")
    archive_sources(store, LOCAL)
    assert store.query("SELECT kind, status, decided_by FROM flags") == [
        {"kind": "title-mismatch", "status": "resolved", "decided_by": "citetrack"}]


def test_a_kill_between_the_warc_and_the_store_leaves_one_record(store, site, kit, monkeypatch):
    from citetrack.archive.warc import iter_records
    from citetrack.store import archive as queries

    site.pages["/a"] = kit.Page(kit.article("Market attack in Dori", TEXT))
    kit.add_document(store, [{"urls": [site.url("/a")]}])
    real_save = queries.save_snapshot

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as a SIGKILL would: after the WARC append, before the commit

    monkeypatch.setattr(queries, "save_snapshot", killed)
    try:
        archive_sources(store, LOCAL)
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(queries, "save_snapshot", real_save)
    report = archive_sources(store, LOCAL)
    assert [s.status for s in report.snapshots] == ["archived"]
    responses = [r for w in store.archive_dir.glob("*.warc.gz") for r in iter_records(w) if r[0] == "response"]
    assert len(responses) == 1
    snap = snapshots_of(store, site.url("/a"))[0]
    assert snap.warc_offset == responses[0][2]


def test_redirects_and_identical_bodies_are_recorded_for_replay(store, site, kit):
    from citetrack.archive.warc import iter_records

    site.pages["/new"] = kit.Page(kit.article("Moved page", TEXT))
    site.pages["/old"] = kit.Page("", status=301, headers={"Location": site.url("/new")})
    site.pages["/copy"] = kit.Page(kit.article("Moved page", TEXT))
    kit.add_document(store, [{"urls": [site.url("/old")]}, {"urls": [site.url("/copy")]}])
    archive_sources(store, LOCAL)
    records = {(kind, uri) for w in store.archive_dir.glob("*.warc.gz") for kind, uri, _ in iter_records(w)}
    assert ("response", site.url("/old")) in records  # the redirect itself
    kinds = sorted(kind for kind, uri in records if uri in (site.url("/new"), site.url("/copy")) and kind != "request")
    assert kinds == ["response", "revisit"]  # one copy of the body; the other URL a revisit of it


def test_a_page_over_its_extraction_budget_is_noted_and_the_run_goes_on(store, site, kit):
    attributes = " ".join(f"a{i}=1" for i in range(400_000))
    site.pages["/bomb"] = kit.Page(f"<html><head><title>Bomb</title></head><body><div {attributes}></div></body></html>")
    site.pages["/a"] = kit.Page(kit.article("Market attack in Dori", TEXT))
    kit.add_document(store, [{"urls": [site.url("/bomb")]}, {"urls": [site.url("/a")]}])
    report = archive_sources(store, ArchiveOptions(allow_private=True, wayback=False, extract_seconds=1.0))
    bomb, fine = report.snapshots
    assert bomb.status == "archived" and bomb.note.startswith("extraction timeout")
    assert fine.status == "archived" and fine.note is None and fine.title == "Market attack in Dori"
    assert snapshots_of(store, site.url("/bomb"))[0].note == bomb.note
