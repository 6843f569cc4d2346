"""check_links end to end against the loopback fixture site, and two real processes at once."""

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time

from fixture_site import Page
from seeding import quick_check_options, seed_urls

from citetrack.check.classify import DomainRule
from citetrack.store.flags import FlagFilter, list_flags
from citetrack.workflows.check import check_links

NO_SPACING = dt.timedelta(0)


def flags(store, status="open"):
    return sorted((f.document_id, f.kind, f.url) for f in list_flags(store, FlagFilter(status=status)))


def test_dead_only_when_confirmed_then_resolved_when_it_answers_again(store, site):
    url = site.url(0, "/story")
    seed_urls(store, [url])
    opts = quick_check_options(dead_after=2, dead_spacing=NO_SPACING)
    first = check_links(store, opts)
    assert first.counts["dead"] == 1 and first.became_dead == [] and first.exit_code("dead") == 0
    assert flags(store) == []
    second = check_links(store, opts)
    assert second.became_dead == [url] and second.exit_code("dead") == 1
    assert flags(store) == [(1, "dead-link", url)]
    site.route(0, "/story", Page(200, "<title>Back</title>"))
    third = check_links(store, opts)
    assert third.revived == [url] and third.exit_code("dead") == 0
    assert flags(store) == []
    (resolved,) = list_flags(store, FlagFilter(status="resolved"))
    assert "answers again" in resolved.note


def test_spacing_keeps_a_bad_day_from_killing_a_link(store, site):
    url = site.url(0, "/flaky")
    seed_urls(store, [url])
    opts = quick_check_options(dead_after=2, dead_spacing=dt.timedelta(days=3))
    for _ in range(3):
        assert check_links(store, opts).became_dead == []
    assert store.query("SELECT fail_count FROM urls")[0]["fail_count"] == 1


def test_identical_urls_are_requested_once_and_flagged_in_every_document(store, site):
    url = site.url(0, "/gone")
    seed_urls(store, [url], path="/tmp/a.md")
    seed_urls(store, [url], path="/tmp/b.md")
    report = check_links(store, quick_check_options())
    assert report.checked == 1
    assert site.hits[(0, "GET", "/gone")] == 1 and site.hits[(0, "HEAD", "/gone")] == 0
    assert flags(store) == [(1, "dead-link", url), (2, "dead-link", url)]


def test_moved_and_blocked_flags(store, site):
    site.route(0, "/new", Page(200))
    site.route(0, "/old", Page.redirect("/new", 301))
    site.route(1, "/wall", Page(403, headers={"cf-mitigated": "challenge"}))
    seed_urls(store, [site.url(0, "/old"), site.url(1, "/wall")])
    report = check_links(store, quick_check_options())
    assert report.counts == {"redirected": 1, "blocked": 1}
    assert flags(store) == [(1, "blocked", site.url(1, "/wall")), (1, "moved", site.url(0, "/old"))]
    assert report.exit_code("dead") == 0 and report.exit_code("flags") == 1 and report.exit_code("never") == 0


def test_stale_after_skips_fresh_ok_links_but_rechecks_failing_ones(store, site):
    site.route(0, "/ok", Page(200))
    seed_urls(store, [site.url(0, "/ok"), site.url(0, "/bad")])
    opts = quick_check_options(dead_after=3)
    assert check_links(store, opts).checked == 2
    again = check_links(store, quick_check_options(dead_after=3, stale_after=dt.timedelta(days=7)))
    assert [r[0] for r in again.results] == [site.url(0, "/bad")]
    assert check_links(store, opts).checked == 2  # without --stale-after: everything


def test_excluded_domains_are_not_requested(store, site):
    seed_urls(store, [site.url(0, "/x"), site.url(1, "/y")])
    report = check_links(store, quick_check_options(domains={"127.0.0.3": DomainRule(exclude=True)}))
    assert report.checked == 1 and report.excluded == 1
    assert not any(r.host == 1 for r in site.requests)


def test_every_check_is_kept_with_validators_and_sent_back(store, site):
    def answer(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Page(304)
        return Page(200, headers={"ETag": '"v1"'})

    site.route(0, "/c", answer)
    seed_urls(store, [site.url(0, "/c")])
    check_links(store, quick_check_options())
    second = check_links(store, quick_check_options())
    assert second.counts == {"ok": 1}
    rows = store.query("SELECT status, http_status, etag, run_id FROM checks ORDER BY id")
    assert [(r["status"], r["http_status"]) for r in rows] == [("ok", 200), ("ok", 304)]
    assert store.query("SELECT etag FROM urls")[0]["etag"] == '"v1"'


def test_loopback_refused_without_allow_private_is_an_error_not_a_crash(store, site):
    seed_urls(store, [site.url(0, "/x")])
    report = check_links(store, quick_check_options(allow_private=False))
    (url, status, http_status, final_url, error, reason) = report.results[0]
    assert (status, reason, http_status) == ("error", "private-address", None)
    assert "loopback" in error
    assert site.requests == []
    assert report.became_dead == []


def _check_process(db, *args):
    """`citetrack check` in a process of its own, with SIGINT's default action back: a suite run
    in the background (`cmd &`, `nohup`) has SIGINT ignored, and a child inherits that."""
    env = {**os.environ, "CITETRACK_DB": str(db)}
    return subprocess.Popen(
        [sys.executable, "-m", "citetrack", "check", "--allow-private", "--json", "--per-host", "1", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def test_two_processes_at_once_check_each_url_once(tmp_db, site):
    from citetrack.store import open_store

    paths = [f"/p{i}" for i in range(24)]
    for path in paths:
        site.route(0 if path < "/p12" else 1, path, Page(200, delay=0.03))
    with open_store(tmp_db) as store:
        seed_urls(store, [site.url(0 if p < "/p12" else 1, p) for p in paths])
    # --stale-after: whether the second run overlaps the first or starts after it, nothing
    # checked by one is due for the other (without it, a later run rightly checks everything again)
    first, second = _check_process(tmp_db, "--stale-after", "1h"), _check_process(tmp_db, "--stale-after", "1h")
    out = [p.communicate(timeout=60) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, out
    with open_store(tmp_db) as store:
        per_url = store.query("SELECT url_id, count(*) n FROM checks GROUP BY url_id")
        assert len(per_url) == 24 and {r["n"] for r in per_url} == {1}
        assert store.query("SELECT count(*) n FROM urls WHERE lease_owner IS NOT NULL")[0]["n"] == 0
    assert sum(n for (h, m, p), n in site.hits.items() if m == "GET" and p.startswith("/p")) == 24


def _slow_run_under_way(tmp_db, site, prefix: str, recorded: int):
    """30 pages seeded and a one-at-a-time check started; return it, and the gate holding back
    every page after the first `recorded`, once those results are in. The run cannot finish
    before the test acts on it, however loaded the machine: it waits on the gate, not on time."""
    from citetrack.store import open_store

    gate = threading.Event()

    def held(request):
        gate.wait(timeout=60)
        return Page(200)

    paths = [f"/{prefix}{i:02d}" for i in range(30)]
    for index, path in enumerate(paths):
        site.route(0, path, Page(200) if index < recorded else held)
    with open_store(tmp_db) as store:
        seed_urls(store, [site.url(0, p) for p in paths])
    process = _check_process(tmp_db, "--concurrency", "1")
    deadline = time.monotonic() + 120  # a safety net only: the pages before the gate answer at once
    with open_store(tmp_db) as store:
        while time.monotonic() < deadline and store.query("SELECT count(*) n FROM checks")[0]["n"] < recorded:
            time.sleep(0.05)
    return process, gate


def test_a_killed_run_keeps_its_results_and_the_next_carries_on(tmp_db, site):
    from citetrack.store import open_store

    process, gate = _slow_run_under_way(tmp_db, site, "slow", recorded=3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    gate.set()
    with open_store(tmp_db) as store:
        kept = store.query("SELECT count(*) n FROM checks")[0]["n"]
    assert 3 <= kept < 30
    resumed = _check_process(tmp_db, "--per-host", "4")
    stdout, stderr = resumed.communicate(timeout=60)
    assert resumed.returncode == 0, stderr
    with open_store(tmp_db) as store:
        per_url = store.query("SELECT url_id, count(*) n FROM checks GROUP BY url_id")
        assert len(per_url) == 30 and {r["n"] for r in per_url} == {1}


def test_sigint_keeps_results_and_frees_leases(tmp_db, site):
    from citetrack.store import open_store

    process, gate = _slow_run_under_way(tmp_db, site, "int", recorded=2)
    process.send_signal(signal.SIGINT)
    gate.set()  # the request in flight may finish; the run stops after it
    process.communicate(timeout=60)
    assert process.returncode != 0
    with open_store(tmp_db) as store:
        assert 2 <= store.query("SELECT count(*) n FROM checks")[0]["n"] < 30
        assert store.query("SELECT count(*) n FROM urls WHERE lease_owner IS NOT NULL")[0]["n"] == 0


def test_without_json_the_report_keeps_only_the_first_failing_lines(store, site):
    """Memory stays flat at any size: the human report lists the first failing links, counts the rest."""
    for i in range(3):
        site.route(0, f"/ok{i}", Page(200, "<title>Fine</title>"))
    urls = [site.url(0, f"/ok{i}") for i in range(3)] + [site.url(0, f"/gone{i}") for i in range(5)]
    seed_urls(store, urls)
    report = check_links(store, quick_check_options(keep_results=False, kept_failing=2))
    assert report.counts["dead"] == 5 and report.counts["ok"] == 3 and report.checked == 8
    assert len(report.results) == 2 and {r[1] for r in report.results} == {"dead"}
