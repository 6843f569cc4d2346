"""A proxy's or the network's failure is not the page's death (real servers on 127.0.0.x)."""

import datetime as dt
import errno
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from seeding import quick_check_options, seed_urls

from citetrack.check.http import describe_error
from citetrack.check.outage import OutageWatch
from citetrack.workflows.check import check_links

PROXY_VARIABLES = ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


class _RefuseTunnel(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_CONNECT(self) -> None:  # noqa: N802
        self.server.tunnels.append(self.path)  # type: ignore[attr-defined]
        self.send_response(403, "Forbidden")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def refusing_proxy():
    """An HTTP proxy on 127.0.0.9 that answers every CONNECT with 403 (a corporate proxy's refusal)."""
    server = ThreadingHTTPServer(("127.0.0.9", 0), _RefuseTunnel)
    server.tunnels = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def closed_port(host: str) -> int:
    """A port on `host` that nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def url_state(store, url):
    return store.query("SELECT fail_count, confirmed_dead_at, last_status, last_reason FROM urls WHERE url = ?", [url])[0]


def test_an_https_link_behind_a_proxy_that_refuses_the_tunnel_is_an_error_never_dead(store, refusing_proxy, monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.9:{refusing_proxy.server_address[1]}")
    url = "https://127.0.0.2:9/report"
    seed_urls(store, [url])
    for _ in range(3):  # confirmed at once if it counted (--dead-after 1)
        report = check_links(store, quick_check_options(dead_after=1))
        assert report.results[0][1] == "error" and report.results[0][5] == "proxy-error"
        assert report.became_dead == [] and report.exit_code("dead") == 0
    assert set(refusing_proxy.tunnels) == {"127.0.0.2:9"} and len(refusing_proxy.tunnels) >= 3  # the proxy was asked
    assert url_state(store, url)["fail_count"] == 0 and url_state(store, url)["confirmed_dead_at"] is None
    assert store.query("SELECT count(*) AS n FROM flags WHERE kind = 'dead-link'")[0]["n"] == 0


def test_a_proxy_that_is_down_is_not_a_refusal_by_the_origin(store, monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.9:{closed_port('127.0.0.9')}")
    url = "http://127.0.0.2:9/report"
    seed_urls(store, [url])
    report = check_links(store, quick_check_options(dead_after=1))
    assert report.results[0][1:] == ("error", None, None, report.results[0][4], "proxy-error")
    assert "proxy" in report.results[0][4] and report.became_dead == []


def test_a_run_where_every_host_fails_counts_towards_no_dead_tally(store, cli):
    urls = [f"http://127.0.0.{i}:{closed_port(f'127.0.0.{i}')}/page" for i in range(2, 7)]
    seed_urls(store, urls)
    result = cli("check", "--allow-private", "--dead-after", "1", "--json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["network_down"] is True and report["not_counted"] == 5 and report["became_dead"] == []
    assert {(r["status"], r["reason"]) for r in report["results"]} == {("error", "network-down")}
    assert all("network was down" in r["error"] for r in report["results"])
    for url in urls:
        assert url_state(store, url) == {"fail_count": 0, "confirmed_dead_at": None, "last_status": "error", "last_reason": "network-down"}
    assert {r["status"] for r in store.query("SELECT status FROM checks")} == {"error"}
    human = cli("check", "--allow-private", "--dead-after", "1")
    assert human.exit_code == 3 and "network" in human.output.lower()


def test_one_refusing_host_among_answering_ones_is_dead(store, site):
    """The network is up (other hosts answer): the origin's refusal is evidence, counted at the run's end."""
    refusing = f"http://127.0.0.8:{closed_port('127.0.0.8')}/page"
    live = [site.url(h, f"/p{i}") for h in range(3) for i in range(2)]
    for h in range(3):
        for i in range(2):
            site.route(h, f"/p{i}", site_page())
    seed_urls(store, [refusing, *live])
    report = check_links(store, quick_check_options(dead_after=1))
    assert report.network_down is False and report.became_dead == [refusing] and report.exit_code("dead") == 1
    assert url_state(store, refusing)["fail_count"] == 1
    assert store.query("SELECT url FROM flags WHERE kind = 'dead-link'") == [{"url": refusing}]


def site_page():
    from fixture_site import Page

    return Page(200, "<title>Live</title>")


def test_outage_watch_needs_enough_hosts_failing_without_an_answer():
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    watch = OutageWatch(start, window=60, min_hosts=3, share=0.8)
    at = start + dt.timedelta(seconds=5)
    for host in ("a", "b", "c"):
        watch.see(f"http://{host}.example/x", None, "no-such-host", at)
    assert watch.is_down(0)
    for host in ("d", "e", "f"):
        watch.see(f"http://{host}.example/x", 200, None, at)
    assert not watch.is_down(0)  # half the hosts answered: those three are the sites' trouble
    later = start + dt.timedelta(seconds=70)
    watch.see("http://a.example/y", None, "timeout", later)
    watch.see("http://b.example/y", None, "connection-refused", later)
    assert not watch.is_down(1)  # two hosts are too few to blame the network
    watch.see("http://c.example/y", None, "connection-error", later)
    assert watch.is_down(1) and watch.settled(later + dt.timedelta(seconds=60)) == 1


def _wrapped(inner: BaseException) -> BaseException:
    outer = requests.exceptions.ConnectionError("failed")
    outer.__cause__ = inner
    return outer


@pytest.mark.parametrize(
    ("inner", "reason"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "no-such-host"),
        (socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"), "dns-failure"),
        (OSError(errno.ENETUNREACH, "Network is unreachable"), "network-unreachable"),
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "connection-refused"),
        (requests.exceptions.ProxyError("Tunnel connection failed: 403 Forbidden"), "proxy-error"),
    ],
)
def test_network_errors_say_whose_failure_they_are(inner, reason):
    assert describe_error(_wrapped(inner))[0] == reason


def test_exit_status_three_says_retry_later_unless_links_died():
    from citetrack.workflows.check import CheckReport

    down = CheckReport(run_id=1, network_down=True)
    assert [down.exit_code(f) for f in ("dead", "flags", "never")] == [3, 3, 3]
    down.became_dead.append("http://gone.example/")
    assert down.exit_code("dead") == 1 and down.exit_code("never") == 3
    assert CheckReport(run_id=2).exit_code("dead") == 0
