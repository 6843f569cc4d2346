"""Hostile pages and forbidden addresses against the link checker, through the library and
through `citetrack check`: every forbidden address is refused (status error, with a reason),
no request reaches it, bombs and drips stay within bounded memory and time.

The hostile site runs on 127.0.0.2, which these tests treat as a public host (the address policy
is patched for that one address only), so the policy can be seen on every later hop. A tripwire
on `socket.connect` and `getaddrinfo` keeps everything on this machine even if the policy failed:
no name is ever looked up outside /etc/hosts, no connection leaves 127.0.0.0/8 or ::1.
"""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest

from hardening_kit import confine_network, run_cli
from hostile_site import HostileSite

def forbidden_targets(port: int) -> list[str]:
    """Every spelling of a place a check must not go without --allow-private."""
    return [
        # loopback, IPv4 spellings
        f"http://127.0.0.1:{port}/", f"http://127.1:{port}/", f"http://2130706433:{port}/",
        f"http://0x7f000001:{port}/", f"http://0177.0.0.1:{port}/", f"http://017700000001:{port}/",
        f"http://0x7f.0.0.1:{port}/", f"http://127.0.0.3:{port}/", f"https://127.0.0.1:{port}/",
        # loopback, IPv6 spellings
        f"http://[::1]:{port}/", f"http://[::ffff:127.0.0.1]:{port}/", f"http://[::ffff:7f00:1]:{port}/",
        f"http://[0:0:0:0:0:ffff:127.0.0.1]:{port}/", "http://[64:ff9b::127.0.0.1]/", "http://[2002:7f00:1::]/",
        # link-local: the cloud metadata address in every form, and IPv6 link-local
        "http://169.254.169.254/latest/meta-data/", "http://2852039166/", "http://0xa9fea9fe/",
        "http://0251.0376.0251.0376/", "http://[::ffff:169.254.169.254]/", "http://[fe80::1]/",
        # private, shared, unspecified, multicast, reserved
        "http://10.0.0.1/", "http://192.168.0.1/", "http://172.16.0.1/", "http://100.64.0.1/",
        f"http://0.0.0.0:{port}/", f"http://0:{port}/", "http://[::]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
        "http://224.0.0.1/", "http://255.255.255.255/", "http://240.0.0.1/",
        # names that resolve to forbidden addresses
        f"http://localhost:{port}/", f"http://LOCALHOST:{port}/", f"http://localhost.:{port}/",
        f"http://runsc:{port}/", f"http://vm:{port}/", "http://rebind.hardening.test/",
        "http://metadata.hardening.test/latest", "http://v6loop.hardening.test/", "http://mixed.hardening.test/",
        "http://private.hardening.test/",
        # credentials that hide the real host
        f"http://public.example@127.0.0.1:{port}/", f"http://user:pass@[::1]:{port}/",
        # other schemes
        "file:///etc/passwd", "file://localhost/etc/hostname", "gopher://127.0.0.1:70/_GET%20/",
        "ftp://127.0.0.1/", "dict://127.0.0.1:11211/stats", "ldap://127.0.0.1/", "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
    ]


@pytest.fixture(scope="module")
def hostile():
    with HostileSite("127.0.0.2") as site:
        yield site


@pytest.fixture
def tripwire(monkeypatch, hostile):
    """Pretend 127.0.0.2 is public; resolve only local names; record and confine every connect."""
    from citetrack.check import guard

    real_reason = guard.forbidden_reason

    def pretend(address):
        return None if str(address) == hostile.address else real_reason(address)

    monkeypatch.setattr(guard, "forbidden_reason", pretend)
    return confine_network(monkeypatch)


def allowed_connects(connects: list[tuple], hostile: HostileSite) -> bool:
    return all(str(address[0]) == hostile.address for address in connects)


# ------------------------------------------------------------------ two ways to check


def check_with_library(urls: list[str], timeout: float = 1.0) -> dict[str, dict]:
    from citetrack.check.http import HttpOptions
    from citetrack.check.run import Checker, CheckerOptions, CheckJob

    opts = CheckerOptions(http=HttpOptions(allow_private=False, timeout=timeout, total_timeout=3 * timeout),
                          retries=0, backoff_base=0.01, retry_after_cap=0.05, host_backoff_max=0.05)
    checker = Checker(opts)
    results = {}
    for url in urls:
        result = checker.check(CheckJob(url))
        results[url] = {"url": result.url, "status": str(result.status), "error": result.error,
                        "reason": result.reason, "http_status": result.http_status, "title": result.title}
    return results


def cli_has(command: str) -> bool:
    from citetrack.cli import app
    import typer.main

    return command in typer.main.get_command(app).commands  # type: ignore[attr-defined]


def document_citing(urls: list[str]) -> str:
    """A Markdown document with one claim and one note per URL."""
    body = " ".join(f"Claim number {i} stands here.[^{i}]" for i in range(1, len(urls) + 1))
    notes = "\n".join(f'[^{i}]: Hostile Outlet, "Page number {i}", 12 June 2024. <{url}>'
                      for i, url in enumerate(urls, 1))
    return f"# Hostile\n\n{body}\n\n{notes}\n"


def check_with_cli(tmp_path, urls: list[str], *extra: str) -> list[dict]:
    if not cli_has("check"):
        pytest.skip("`citetrack check` has not landed yet")
    db = tmp_path / "store" / "citetrack.db"
    doc = tmp_path / "hostile.md"
    doc.write_text(document_citing(urls), encoding="utf-8")
    ingested = run_cli(db, "ingest", str(doc), "--json")
    assert ingested.exit_code == 0, ingested.stderr
    outcome = run_cli(db, "check", "--json", "--timeout", "1", "--dead-after", "1", *extra)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return json.loads(outcome.stdout)["results"]


# ------------------------------------------------------------------ forbidden addresses


def test_forbidden_addresses_are_refused_directly(hostile, tripwire, figures):
    targets = forbidden_targets(hostile.port)
    results = check_with_library(targets)
    for url, result in results.items():
        assert result["status"] == "error", (url, result)
        assert result["error"] and result["reason"], (url, result)
    assert allowed_connects(tripwire, hostile), tripwire
    figures.add("forbidden_refused", len(targets))


def test_forbidden_addresses_are_refused_after_a_redirect(hostile, tripwire, figures):
    targets = forbidden_targets(hostile.port)
    targets += [f"//127.0.0.1:{hostile.port}/", f"//[::1]:{hostile.port}/"]  # scheme-relative
    urls = [hostile.redirect_url(target) for target in targets]
    results = check_with_library(urls)
    for target, url in zip(targets, urls):
        result = results[url]
        assert result["status"] == "error", (target, result)
        assert result["error"] and result["reason"], (target, result)
    assert allowed_connects(tripwire, hostile), tripwire
    figures.add("forbidden_refused", len(targets))


def test_the_cli_refuses_forbidden_redirects(hostile, tripwire, tmp_path, figures):
    targets = forbidden_targets(hostile.port)
    urls = [hostile.redirect_url(target) for target in targets]
    results = check_with_cli(tmp_path, urls, "--concurrency", "8")
    assert len(results) == len(urls)
    for result in results:
        assert result["status"] == "error", result
        assert result["error"], result
    assert allowed_connects(tripwire, hostile), tripwire
    figures.add("forbidden_refused", len(targets))


def test_allow_private_lets_loopback_through(hostile, tripwire, tmp_path):
    """The control: the same loopback page is reachable when the user asks for it."""
    results = check_with_cli(tmp_path, [f"http://127.0.0.2:{hostile.port}/slow/1"], "--allow-private")
    assert results[0]["status"] == "ok", results


# ------------------------------------------------------------------ hostile pages

PAGES = ["/huge-length", "/gzip-bomb", "/html-gzip-bomb", "/double-gzip-bomb", "/drip", "/endless-chunks",
         "/loop-a", "/self", "/many-headers", "/garbage-status", "/no-answer", "/hostile"]


def test_hostile_pages_end_as_data_in_bounded_memory(hostile, tripwire, figures):
    urls = [hostile.url(path) for path in PAGES]
    tracemalloc.start()
    started = time.monotonic()
    try:
        results = check_with_library(urls)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    by_path = {path: results[hostile.url(path)] for path in PAGES}
    for path in ("/loop-a", "/self", "/garbage-status", "/no-answer"):
        assert by_path[path]["status"] == "error", (path, by_path[path])
    for path in PAGES:  # the rest answered 200 with headers: ok or error, never a crash
        assert by_path[path]["status"] in ("ok", "error", "soft-404"), (path, by_path[path])
    print(json.dumps(by_path, indent=1))
    assert by_path["/hostile"]["status"] == "ok"
    assert hostile.hits[("GET", "/loop-a")] + hostile.hits[("HEAD", "/loop-a")] <= 2 * 11
    # every deadline held: 12 pages at 3 s each at most, whatever the server does
    assert elapsed < 12 * 3 + 10, elapsed
    assert peak < 64 << 20, f"peak traced memory {peak >> 20} MB"
    figures.add("hostile_pages", len(PAGES))
    figures.add("hostile_peak_mb", round(peak / (1 << 20), 1), "max")


QUICK_ARCHIVE_PAGES = ["/gzip-bomb", "/double-gzip-bomb", "/endless-chunks", "/loop-a", "/hostile"]


@pytest.mark.parametrize("archived", [QUICK_ARCHIVE_PAGES, pytest.param(PAGES, marks=pytest.mark.slow, id="all")])
def test_hostile_pages_through_check_and_archive_processes(hostile, tmp_path, archived, figures):
    """The real commands as processes against the hostile pages: results as data, bounded memory
    (the process's own peak RSS) and time. --allow-private: the site is on loopback; the address
    policy is tested above."""
    from hardening_kit import citetrack_argv, run_measured

    db = tmp_path / "store" / "citetrack.db"
    doc = tmp_path / "hostile.md"
    doc.write_text(document_citing([hostile.url(path) for path in archived]), encoding="utf-8")
    assert run_cli(db, "ingest", str(doc), "--json").exit_code == 0
    peaks = {}
    for command in (("check", "--allow-private", "--timeout", "1", "--dead-after", "1", "--json"),
                    ("archive", "--allow-private", "--no-wayback", "--timeout", "1", "--json")):
        run = run_measured(citetrack_argv("--db", str(db), *command), timeout=600)
        assert run.exit_code in (0, 1), run.stderr[-3000:]
        assert "Traceback" not in run.stderr
        report = json.loads(run.stdout)
        peaks[command[0]] = run.peak_mb
        if command[0] == "check":
            assert report["checked"] == len(archived)
    # the check reads 2 MB of a body at most; the archive keeps 20 MB and parses a bounded part
    assert peaks["check"] < 150, peaks
    assert peaks["archive"] < 300, peaks
    figures.add("hostile_check_peak_mb", round(peaks["check"]), "max")
    figures.add("hostile_archive_peak_mb", round(peaks["archive"]), "max")
