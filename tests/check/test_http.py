import gzip
import socket

import pytest
from fixture_site import Page, Sequence
from socks_proxy import SocksProxy

from citetrack.check import guard
from citetrack.check.http import Deadline, HttpOptions, guarded_get, make_session, proxy_for, read_capped

PRIVATE_OK = HttpOptions(allow_private=True, timeout=2.0, total_timeout=2.0)
STRICT = HttpOptions(allow_private=False, timeout=2.0, total_timeout=2.0)


def get(url, opts=PRIVATE_OK, **kwargs):
    return guarded_get(make_session(opts), url, opts, **kwargs)


def test_redirect_chain_is_followed_by_hand_and_recorded(site):
    site.route(0, "/a", Page.redirect("/b", 301))
    site.route(0, "/b", Page.redirect(site.url(1, "/c"), 308))
    site.route(1, "/c", Page(200, "<title>C</title>"))
    result = get(site.url(0, "/a"))
    assert result.error is None
    assert [hop.status for hop in result.hops] == [301, 308, 200]
    assert result.final_url == site.url(1, "/c")
    assert result.redirects == [site.url(0, "/b"), site.url(1, "/c")]
    assert result.permanent
    result.close()


def test_temporary_redirect_is_not_permanent(site):
    site.route(0, "/t", Page.redirect("/u", 302))
    site.route(0, "/u", Page(200))
    assert not get(site.url(0, "/t")).permanent


def test_redirect_loop_is_classified_not_raised(site):
    site.route(0, "/x", Page.redirect("/y", 302))
    site.route(0, "/y", Page.redirect("/x", 302))
    result = get(site.url(0, "/x"))
    assert result.reason == "redirect-loop"
    assert result.response is None


def test_too_many_redirects(site):
    for i in range(15):
        site.route(0, f"/r{i}", Page.redirect(f"/r{i + 1}", 302))
    result = get(site.url(0, "/r0"), HttpOptions(allow_private=True, max_redirects=10))
    assert result.reason == "too-many-redirects"
    assert len(result.hops) == 11


def test_loopback_is_refused_without_allow_private(site):
    site.route(0, "/page", Page(200))
    result = get(site.url(0, "/page"), STRICT)
    assert result.reason == "private-address"
    assert "loopback" in result.error and "--allow-private" in result.error
    assert site.hits[(0, "HEAD", "/page")] + site.hits[(0, "GET", "/page")] == 0


@pytest.fixture
def public_fixture(monkeypatch):
    """Pretend the fixture hosts 127.0.0.2-4 are public, so the policy can be seen on later hops."""
    real = guard.forbidden_reason

    def pretend(address):
        return None if str(address) in {"127.0.0.2", "127.0.0.3", "127.0.0.4"} else real(address)

    monkeypatch.setattr(guard, "forbidden_reason", pretend)
    real_getaddrinfo = socket.getaddrinfo

    def fake_dns(host, *args, **kwargs):
        if host == "metadata.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", args[0] if args else 80))]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_dns)


def test_public_url_redirecting_to_metadata_address_is_refused(site, public_fixture):
    site.route(0, "/jump", Page.redirect("http://169.254.169.254/latest/meta-data/", 302))
    result = get(site.url(0, "/jump"), STRICT)
    assert result.reason == "private-address"
    assert "169.254.169.254" in result.error and "link-local" in result.error
    assert [hop.status for hop in result.hops] == [302]


def test_redirect_to_a_name_resolving_to_a_private_address_is_refused_at_connect(site, public_fixture):
    site.route(0, "/jump", Page.redirect("http://metadata.test/latest", 302))
    result = get(site.url(0, "/jump"), STRICT)
    assert result.reason == "private-address"
    assert "metadata.test resolves to 169.254.169.254" in result.error


def test_decimal_ip_redirect_is_refused(site, public_fixture):
    site.route(0, "/jump", Page.redirect("http://2852039166/latest", 302))  # 169.254.169.254
    assert get(site.url(0, "/jump"), STRICT).reason == "private-address"


def test_a_configured_proxy_decides(site, monkeypatch):
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", site.url(1))
    site.route(1, "http://169.254.169.254/latest", Page(200, "<title>via proxy</title>"))
    session = make_session(STRICT)
    assert proxy_for(session, "http://169.254.169.254/latest") == site.url(1)
    result = guarded_get(session, "http://169.254.169.254/latest", STRICT)
    assert result.error is None and result.status == 200
    assert result.proxied
    result.close()


def _only_proxy(monkeypatch, url: str) -> None:
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", url)


def test_a_socks_proxy_decides_and_resolves_names(site, monkeypatch):
    site.route(0, "/latest", Page(200, "<title>via socks</title>"))
    fixture_host = site.netloc(0).rsplit(":", 1)
    with SocksProxy(lambda _destination: (fixture_host[0], int(fixture_host[1]))) as proxy:
        _only_proxy(monkeypatch, proxy.url)
        result = guarded_get(make_session(STRICT), "http://169.254.169.254/latest", STRICT)
        assert result.error is None and result.status == 200 and result.proxied
        result.close()
        result = guarded_get(make_session(STRICT), "http://metadata.internal/latest", STRICT)
        assert result.status == 200
        result.close()
    assert proxy.destinations == [("169.254.169.254", 80), ("metadata.internal", 80)]


@pytest.mark.parametrize("through_socks", [False, True], ids=["direct", "socks"])
def test_headers_dripped_byte_by_byte_are_cut_by_the_total_deadline(site, monkeypatch, through_socks):
    site.route(0, "/drip", Page(200, "x", drip=0.02, header_drip=50))  # 13 s of headers
    opts = HttpOptions(allow_private=True, timeout=1.0, total_timeout=0.5)
    with SocksProxy() as proxy:
        if through_socks:
            _only_proxy(monkeypatch, proxy.url)
        result = get(site.url(0, "/drip"), opts)
    assert result.proxied == through_socks
    assert result.reason == "timeout" and result.elapsed_ms < 1500


def test_an_unreachable_socks_proxy_is_an_error_not_a_crash(monkeypatch):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    _only_proxy(monkeypatch, f"socks5h://127.0.0.1:{port}")
    result = get("http://example.org/page")
    assert result.status is None and result.reason == "proxy-error" and result.proxied  # not the origin's refusal


def test_huge_body_is_cut_at_the_cap(site):
    site.route(0, "/huge", Page(200, "<title>big</title>", filler=20_000_000))
    opts = HttpOptions(allow_private=True, max_bytes=100_000)
    result = get(site.url(0, "/huge"), opts)
    body, truncated = read_capped(result.response, opts)
    assert truncated and len(body) == 100_000


def test_gzip_bomb_is_cut_at_the_cap(site):
    bomb = gzip.compress(b"\0" * 30_000_000)
    site.route(0, "/bomb", Page(200, bomb, headers={"Content-Encoding": "gzip"}))
    opts = HttpOptions(allow_private=True, max_bytes=200_000)
    result = get(site.url(0, "/bomb"), opts)
    body, truncated = read_capped(result.response, opts)
    assert truncated and len(body) == 200_000 and set(body) == {0}


def test_small_body_is_read_whole(site):
    site.route(0, "/s", Page(200, "hello"))
    result = get(site.url(0, "/s"))
    assert read_capped(result.response, PRIVATE_OK) == (b"hello", False)


def test_slow_drip_is_cut_by_the_total_deadline(site):
    site.route(0, "/drip", Page(200, "x" * 200, drip=0.05))
    opts = HttpOptions(allow_private=True, timeout=1.0, total_timeout=0.5)
    with Deadline(opts.deadline_seconds) as deadline:
        result = guarded_get(make_session(opts), site.url(0, "/drip"), opts, deadline=deadline)
        body, truncated = read_capped(result.response, opts, deadline)
    assert deadline.expired and truncated and len(body) < 200


def test_slow_headers_are_cut_by_the_deadline(site):
    site.route(0, "/late", Page(200, "x", delay=1.5))
    opts = HttpOptions(allow_private=True, timeout=5.0, total_timeout=0.3)
    result = get(site.url(0, "/late"), opts)
    assert result.reason == "timeout"


def test_no_cookie_is_kept_or_carried_to_another_host(site):
    site.route(0, "/set", Page(302, "", {"Set-Cookie": "session=secret; Path=/", "Location": site.url(1, "/other")}))
    site.route(1, "/other", Page(200))
    session = make_session(PRIVATE_OK)
    result = guarded_get(session, site.url(0, "/set"), PRIVATE_OK)
    assert result.status == 200
    other = [r for r in site.requests if r.host == 1][-1]
    assert "cookie" not in other.headers
    assert len(session.cookies) == 0


def test_a_cookie_set_on_a_redirect_goes_with_the_next_hop_to_the_same_host(site):
    """Some sites set a cookie and redirect to themselves: the chain carries it, nothing more."""
    site.route(0, "/set", Page(302, "", {"Set-Cookie": "visited=1; Path=/", "Location": "/landing"}))
    site.route(0, "/landing", Page(200))
    session = make_session(PRIVATE_OK)
    result = guarded_get(session, site.url(0, "/set"), PRIVATE_OK, method="HEAD")
    assert result.status == 200
    assert site.requests[-1].path == "/landing" and site.requests[-1].headers.get("cookie") == "visited=1"
    assert len(session.cookies) == 0


def test_caller_headers_override_the_session_headers(site):
    site.route(0, "/h", Page(200))
    session = make_session(PRIVATE_OK)
    guarded_get(session, site.url(0, "/h"), PRIVATE_OK, headers={"accept": "text/plain", "If-None-Match": '"v1"'})
    sent = site.requests[-1].headers
    assert sent["accept"] == "text/plain" and sent["if-none-match"] == '"v1"'
    assert sent["user-agent"].startswith("citetrack/")


def test_user_agent_names_citetrack(site):
    site.route(0, "/ua", Page(200))
    get(site.url(0, "/ua"))
    assert site.requests[-1].headers["user-agent"].startswith("citetrack/")


def test_connection_refused_and_no_such_host():
    assert get("http://127.0.0.9:1/").reason == "connection-refused"
    assert get("http://no-such-host.invalid/").reason == "no-such-host"


def test_sequence_answers_in_turn(site):
    site.route(0, "/seq", Sequence(Page(503), Page(200)))
    assert get(site.url(0, "/seq")).status == 503
    assert get(site.url(0, "/seq")).status == 200


def test_a_remembered_pool_is_dropped_with_the_adapter_and_when_closed(site):
    """Direct requests reuse their host's pool without rebuilding its key; once the session's
    adapters are closed, pools are looked up (and made) afresh."""
    site.route(0, "/p", Page(200, "<title>P</title>"))
    session = make_session(PRIVATE_OK)
    adapter = session.get_adapter(site.url(0, "/p"))
    first = guarded_get(session, site.url(0, "/p"), PRIVATE_OK)
    assert first.status == 200
    first.close()
    (pool,) = adapter._direct_pools.values()
    again = guarded_get(session, site.url(0, "/p"), PRIVATE_OK)
    again.close()
    assert list(adapter._direct_pools.values()) == [pool]  # the same pool, found without the manager
    session.close()
    assert adapter._direct_pools == {}
    third = guarded_get(session, site.url(0, "/p"), PRIVATE_OK)  # a closed session still works, with new pools
    assert third.status == 200 and third.error is None
    third.close()
    (fresh,) = adapter._direct_pools.values()
    assert fresh is not pool and fresh.pool is not None


@pytest.mark.parametrize(
    ("url", "plain"),
    [
        ("http://127.0.0.1:8080/a/b?x=1&y=2", True),
        ("https://news.example.org/2024/story-1.html", True),
        ("https://news.example.org", True),
        ("https://news.example.org/caf%C3%A9", True),  # an escape requests leaves alone
        ("https://news.example.org/%41", False),  # requests sends it as /A
        ("https://news.example.org/a b", False),  # requests quotes the space
        ("https://news.example.org/a#part", False),  # the fragment is not sent
        ("https://user:pw@news.example.org/", False),  # credentials become a header
        ("https://café.example/", False),  # the host is IDNA-encoded
        ("HTTPS://news.example.org/", False),
        ("https://.example.org/", False),  # requests refuses the host
    ],
)
def test_only_urls_requests_would_send_unchanged_take_the_direct_path(url, plain):
    from citetrack.check.http import _plain

    assert _plain(url) is plain


def test_direct_and_prepared_requests_reach_the_server_alike(site):
    """A plain URL goes straight to the host's pool, others through requests' preparation: the
    server sees the same method, headers and path either way, and the response says what was
    sent."""
    site.route(0, "/plain", Page(200, "", {"Set-Cookie": "seen=1; Path=/"}))
    site.route(0, "/A", Page(200))
    session = make_session(PRIVATE_OK)
    direct = guarded_get(session, site.url(0, "/plain"), PRIVATE_OK, method="HEAD", headers={"If-None-Match": '"v1"'})
    prepared = guarded_get(session, site.url(0, "/%41"), PRIVATE_OK, method="HEAD", headers={"If-None-Match": '"v1"'})
    first, second = site.requests[-2:]
    assert (first.method, first.path, second.method, second.path) == ("HEAD", "/plain", "HEAD", "/A")
    assert first.headers == second.headers  # host, user agent, accept, validators
    assert direct.response.request.method == "HEAD" and direct.response.url == site.url(0, "/plain")
    assert direct.response.cookies.get("seen") == "1" and direct.response.reason == "OK"
    direct.close()
    prepared.close()


def test_a_header_that_could_split_the_request_is_refused_on_the_direct_path(site):
    site.route(0, "/plain", Page(200))
    result = get(site.url(0, "/plain"), headers={"If-None-Match": '"v1"\r\nX-Injected: 1'})
    assert result.response is None and result.error
    assert not site.requests
