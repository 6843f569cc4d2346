import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "check"))

from seeding import seed_urls  # noqa: E402

from citetrack.store.links import (  # noqa: E402
    count_due, finish_run, lease_due, release_leases, start_run, url_history,
)

URLS = [f"https://site{i % 3}.example.org/page/{i}" for i in range(10)]


def lease_all(store, run, **kwargs):
    out, after = [], 0
    while batch := lease_due(store, run, stale_before=None, after_id=after, limit=3, lease_seconds=600, **kwargs):
        out.extend(batch)
        after = batch[-1].id
    return out


def test_due_urls_are_streamed_in_batches_and_leased(store):
    seed_urls(store, URLS)
    run = start_run(store, {})
    assert count_due(store, run, None) == 10
    leased = lease_all(store, run)
    assert [d.url for d in leased] == URLS
    owners = {r["lease_owner"] for r in store.query("SELECT lease_owner FROM urls")}
    assert owners == {run.owner}


def test_a_second_run_does_not_get_leased_urls(store):
    seed_urls(store, URLS)
    first = start_run(store, {})
    taken = lease_due(store, first, stale_before=None, after_id=0, limit=4, lease_seconds=600)
    second = start_run(store, {})
    others = lease_all(store, second)
    assert {d.id for d in taken}.isdisjoint(d.id for d in others)
    assert len(taken) + len(others) == 10


def test_expired_leases_are_ignored(store):
    seed_urls(store, URLS[:2])
    first = start_run(store, {})
    lease_due(store, first, stale_before=None, after_id=0, limit=10, lease_seconds=-10)
    second = start_run(store, {})
    assert len(lease_all(store, second)) == 2


def test_release_leases(store):
    seed_urls(store, URLS[:3])
    run = start_run(store, {})
    lease_all(store, run)
    release_leases(store, run)
    assert store.query("SELECT count(*) n FROM urls WHERE lease_owner IS NOT NULL")[0]["n"] == 0


def test_killed_run_is_resumed(store):
    seed_urls(store, URLS[:3])
    killed = start_run(store, {})
    lease_due(store, killed, stale_before=None, after_id=0, limit=1, lease_seconds=-1)  # its lease expired
    with store.transaction() as db:
        db.execute("UPDATE urls SET last_checked_at = ?, last_status = 'ok' WHERE id = 1", ["9999-01-01T00:00:00+00:00"])
        db.execute("UPDATE urls SET last_checked_at = ? WHERE id = 1", [killed.started_at])
    run = start_run(store, {})
    assert run.resumed_from == killed.id and run.cutoff == killed.cutoff
    assert [d.id for d in lease_all(store, run)] == [2, 3]


def test_finished_run_is_not_resumed(store):
    seed_urls(store, URLS[:1])
    done = start_run(store, {})
    finish_run(store, done, {})
    assert start_run(store, {}).resumed_from is None


def test_uncited_urls_are_not_due(store):
    seed_urls(store, URLS[:2])
    with store.transaction() as db:
        db["urls"].insert({"url": "https://orphan.example.org/", "first_seen": "2026-01-01"})
    assert count_due(store, start_run(store, {}), None) == 2


def test_history_of_unknown_url_is_none(store):
    assert url_history(store, "https://nowhere.example.org/") is None
