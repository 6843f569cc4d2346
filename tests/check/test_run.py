import datetime as dt

from fixture_site import Page, Sequence

from citetrack.check.http import HttpOptions
from citetrack.check.run import CheckEngine, Checker, CheckJob, parse_retry_after
from citetrack.models import LinkStatus as S


def run_all(opts, urls):
    engine = CheckEngine(opts)
    return {job.url: result for job, result in filter(None, engine.run(CheckJob(u) for u in urls))}


def test_one_get_per_url_by_default_and_the_body_left_unread(site, fast):
    """GET first: one request answers what HEAD-then-GET needed two for (a 404, a HEAD refused)."""
    site.route(0, "/p", Page(200, "<title>Story</title>", head_status=405))
    checker = Checker(fast())
    ok = checker.check(CheckJob(site.url(0, "/p")))
    dead = checker.check(CheckJob(site.url(0, "/missing")))
    assert (ok.status, ok.evidence["method"]) == (S.OK, "GET") and ok.title is None  # honest host: page not read
    assert (dead.status, dead.reason) == (S.DEAD, "not-found")
    assert site.hits[(0, "HEAD", "/p")] + site.hits[(0, "HEAD", "/missing")] == 0
    assert site.hits[(0, "GET", "/p")] == 1 and site.hits[(0, "GET", "/missing")] == 1


def test_get_first_is_right_where_head_lies(site, fast):
    """A server that answers HEAD 200 for anything (GET 404) or HEAD 404 for a live page."""
    site.route(0, "/gone", Page(404, head_status=200))
    site.route(0, "/live", Page(200, "<title>Live</title>", head_status=404))
    got = {path: Checker(fast()).check(CheckJob(site.url(0, path))).status for path in ("/gone", "/live")}
    assert got == {"/gone": S.DEAD, "/live": S.OK}
    head_first = Checker(fast(head_first=True)).check(CheckJob(site.url(0, "/gone")))
    assert head_first.status == S.OK  # what HEAD-then-GET believes: the reason GET goes first


def test_long_body_is_left_early_and_the_connection_dropped(site, fast):
    site.route(0, "/big", Page(200, "<title>Big</title>", filler=50_000_000))
    result = Checker(fast()).check(CheckJob(site.url(0, "/big")))
    assert result.status == S.OK and result.elapsed_ms < 2000  # 50 MB were not read


def test_head_refused_falls_back_to_get(site, fast):
    site.route(0, "/p", Page(200, "<title>Story</title>", head_status=405))
    result = Checker(fast(head_first=True)).check(CheckJob(site.url(0, "/p")))
    assert result.status == S.OK and result.title == "Story"
    assert site.hits[(0, "HEAD", "/p")] == 1 and site.hits[(0, "GET", "/p")] == 1


def test_head_404_is_confirmed_with_get(site, fast):
    result = Checker(fast(head_first=True)).check(CheckJob(site.url(0, "/missing")))
    assert (result.status, result.reason, result.http_status) == (S.DEAD, "not-found", 404)
    assert site.hits[(0, "GET", "/missing")] == 1


def test_head_ok_on_an_honest_host_needs_no_get(site, fast):
    site.route(0, "/p", Page(200, "<title>Story</title>"))
    assert Checker(fast(head_first=True)).check(CheckJob(site.url(0, "/p"))).status == S.OK
    assert site.hits[(0, "GET", "/p")] == 0


def test_503_then_200_is_retried_to_ok(site, fast):
    site.route(0, "/busy", Sequence(Page(503), Page(503), Page(200)))
    result = Checker(fast()).check(CheckJob(site.url(0, "/busy")))
    assert result.status == S.OK and result.evidence["attempts"] == 3


def test_persistent_429_is_blocked_after_retries_honouring_retry_after(site, fast):
    site.route(0, "/slow", Page(429, headers={"Retry-After": "30"}))
    checker = Checker(fast(retries=2))
    result = checker.check(CheckJob(site.url(0, "/slow")))
    assert (result.status, result.reason) == (S.BLOCKED, "rate-limited")
    assert site.hits[(0, "GET", "/slow")] == 3
    assert checker.host(site.url(0)).spacing > 0  # the host slowed down


def test_host_backoff_relaxes_on_success(site, fast):
    site.route(0, "/busy", Sequence(Page(503), Page(200)))
    checker = Checker(fast(host_backoff_max=10.0, backoff_base=0.01))
    checker.check(CheckJob(site.url(0, "/busy")))
    host = checker.host(site.url(0))
    assert host.spacing == 0.0 or host.spacing < 0.01


def test_persistent_500_is_an_error(site, fast):
    site.route(0, "/err", Page(500))
    result = Checker(fast(retries=1)).check(CheckJob(site.url(0, "/err")))
    assert (result.status, result.reason) == (S.ERROR, "server-error")


def test_slow_drip_becomes_a_timeout_error(site, fast):
    site.route(0, "/drip", Page(200, "x" * 500, drip=0.05, head_status=405))
    opts = fast(http=HttpOptions(allow_private=True, timeout=1.0, total_timeout=0.4), retries=0)
    result = Checker(opts).check(CheckJob(site.url(0, "/drip")))
    assert (result.status, result.reason) == (S.ERROR, "timeout")


def test_soft_404_site_is_detected_with_one_probe_per_host(site, fast):
    site.fallback(1, Page(200, "<title>Harbour Gazette</title><p>Welcome! Nothing to see at this address.</p>"))
    site.route(1, "/real", Page(200, "<title>Grain</title><p>" + "Shipments grew through the delta this spring. " * 40 + "</p>"))
    results = run_all(fast(), [site.url(1, "/gone-1"), site.url(1, "/gone-2"), site.url(1, "/real")])
    assert results[site.url(1, "/gone-1")].status == S.SOFT_404
    assert results[site.url(1, "/gone-2")].reason == "same-as-missing-page"
    assert results[site.url(1, "/real")].status == S.OK
    probes = [r for r in site.requests if r.host == 1 and "citetrack-no-such-page" in r.path]
    assert len(probes) == 1


def test_engine_sends_a_hosts_probe_beside_its_first_check(site, fast):
    """No check waits for the probe: it goes out with the host's first check, in a slot of its own."""
    site.fallback(0, Page(404, "<title>Not here</title>", delay=0.3))
    site.route(0, "/a", Page(200, "<title>A</title><p>A page.</p>", delay=0.3))
    results = run_all(fast(per_host=2), [site.url(0, "/a")])
    assert results[site.url(0, "/a")].status == S.OK
    assert site.peak[0] == 2  # the probe and the check were answered at the same time
    assert sum("citetrack-no-such-page" in r.path for r in site.requests) == 1


def test_engine_probe_counts_against_the_per_host_limit(site, fast):
    site.route(0, "/a", Page(200, "<title>A</title>", delay=0.05))
    site.route(0, "/b", Page(200, "<title>B</title>", delay=0.05))
    run_all(fast(per_host=1), [site.url(0, "/a"), site.url(0, "/b")])
    assert site.peak[0] == 1
    assert "citetrack-no-such-page" in site.requests[0].path  # with one slot, the probe goes first


def test_conditional_request_and_not_modified(site, fast):
    def answer(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Page(304)
        return Page(200, "<title>x</title>", headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})

    site.route(0, "/c", answer)
    checker = Checker(fast())
    first = checker.check(CheckJob(site.url(0, "/c")))
    assert first.etag == '"v1"' and first.last_modified
    second = checker.check(CheckJob(site.url(0, "/c"), etag=first.etag, last_modified=first.last_modified))
    assert second.status == S.OK and second.not_modified
    assert site.requests[-1].headers["if-modified-since"] == first.last_modified


def test_loopback_refused_without_allow_private(site, fast):
    site.route(0, "/p", Page(200))
    result = Checker(fast(http=HttpOptions(allow_private=False))).check(CheckJob(site.url(0, "/p")))
    assert result.status == S.ERROR and result.reason == "private-address"
    assert "loopback" in result.error


def test_engine_respects_per_host_and_global_limits(site, fast):
    for host in range(3):
        for i in range(8):
            site.route(host, f"/p{i}", Page(200, delay=0.05))
    urls = [site.url(h, f"/p{i}") for i in range(8) for h in range(3)]
    results = run_all(fast(per_host=2, concurrency=4), urls)
    assert len(results) == 24 and all(r.status == S.OK for r in results.values())
    assert max(site.peak) <= 2
    assert sum(site.peak) >= 3  # hosts were worked on in parallel


def test_domain_rule_per_host_limit(site, fast):
    from citetrack.check.classify import DomainRule

    for i in range(6):
        site.route(0, f"/p{i}", Page(200, delay=0.05))
    run_all(fast(per_host=4, domains={"127.0.0.2": DomainRule(per_host=1)}), [site.url(0, f"/p{i}") for i in range(6)])
    assert site.peak[0] == 1


def test_engine_buffer_is_bounded(site, fast):
    pulled = []

    def jobs():
        for i in range(30):
            pulled.append(i)
            yield CheckJob(site.url(0, f"/n{i}"))

    engine = CheckEngine(fast(max_pending=5, per_host=1, concurrency=1))
    stream = filter(None, engine.run(jobs()))
    next(stream)
    assert len(pulled) <= 8
    assert len(list(stream)) == 29


def test_one_site_first_in_the_store_does_not_leave_the_other_slots_empty(site, fast):
    """The buffer is small, and one host's links come first: the engine reads ahead to the other
    hosts instead of letting their slots sit empty until the first host is done."""
    for i in range(12):
        site.route(0, f"/a{i}", Page(200, delay=0.05))
    for host in (1, 2):
        site.route(host, "/b", Page(200))
    urls = [site.url(0, f"/a{i}") for i in range(12)] + [site.url(1, "/b"), site.url(2, "/b")]
    results = run_all(fast(max_pending=3, per_host=1, concurrency=3, soft404_probe=False), urls)
    assert len(results) == 14
    order = [(r.host, r.path) for r in site.requests]
    assert order.index((1, "/b")) < order.index((0, "/a6")) and order.index((2, "/b")) < order.index((0, "/a6"))


def test_parse_retry_after():
    assert parse_retry_after("120") == 120
    later = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    assert parse_retry_after("Tue, 01 Jan 2030 00:00:00 GMT", now=later.timestamp() - 5) == 5
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None

