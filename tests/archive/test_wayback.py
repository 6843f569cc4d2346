"""The Wayback Machine client, mocked with `responses`: lookups, fallbacks, errors, Save Page Now."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests
import responses
from responses import matchers

from citetrack.archive import wayback
from citetrack.workflows.archive import ArchiveOptions, archive_sources

API = "https://archive.org/wayback/available"
PAGE = "https://news.example.org/2023/story"
DAY = dt.date(2023, 12, 13)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def closest(url="http://web.archive.org/web/20231212093000/https://news.example.org/2023/story", ts="20231212093000"):
    return {"url": PAGE, "archived_snapshots": {"closest": {"available": True, "url": url, "timestamp": ts, "status": "200"}}}


def test_lookup_asks_for_the_stated_date(mocked):
    mocked.get(API, json=closest(), match=[matchers.query_param_matcher({"url": PAGE, "timestamp": "20231213"})])
    copy = wayback.lookup(requests.Session(), PAGE, DAY)
    assert copy.archive_url == "https://web.archive.org/web/20231212093000/https://news.example.org/2023/story"
    assert copy.archived_at == "2023-12-12T09:30:00+00:00" and copy.source == "wayback-api" and copy.error is None


def test_empty_answer_falls_back_to_the_redirect(mocked):
    mocked.get(API, json={"url": PAGE, "archived_snapshots": {}})
    target = f"https://web.archive.org/web/20231215000000/{PAGE}"
    mocked.head(f"https://web.archive.org/web/20231213/{PAGE}", status=302, headers={"Location": target})
    copy = wayback.lookup(requests.Session(), PAGE, DAY)
    assert copy.archive_url == target and copy.source == "wayback-redirect"
    assert copy.archived_at == "2023-12-15T00:00:00+00:00"


def test_no_copy_anywhere_is_not_an_error(mocked):
    mocked.get(API, json={"archived_snapshots": {}})
    mocked.head(f"https://web.archive.org/web/2/{PAGE}", status=404)
    copy = wayback.lookup(requests.Session(), PAGE, None)
    assert copy.archive_url is None and copy.error is None


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"status": 429, "json": {}}, "rate limited (429)"),
        ({"body": "<html>not json</html>", "content_type": "text/html"}, "malformed answer"),
        ({"json": {"archived_snapshots": {"closest": "yes"}}}, "malformed answer"),
        ({"status": 503, "body": "down"}, "HTTP 503"),
        ({"body": requests.ConnectionError("offline")}, "unreachable"),
    ],
)
def test_failures_are_data(mocked, kwargs, error):
    mocked.get(API, **kwargs)
    copy = wayback.lookup(requests.Session(), PAGE, DAY)
    assert copy.archive_url is None and error in copy.error


def test_unavailable_closest_is_no_copy(mocked):
    answer = closest()
    answer["archived_snapshots"]["closest"]["status"] = "404"
    mocked.get(API, json=answer)
    mocked.head(f"https://web.archive.org/web/20231213/{PAGE}", status=404)
    assert wayback.lookup(requests.Session(), PAGE, DAY).archive_url is None


# ------------------------------------------------------------------ Save Page Now

KEYS = wayback.SaveCredentials("access", "secret")


class FakeClock:
    def __init__(self):
        self.now, self.slept = 0.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_save_polls_until_success(mocked):
    mocked.post("https://web.archive.org/save", json={"url": PAGE, "job_id": "spn2-abc"},
                match=[matchers.header_matcher({"Authorization": "LOW access:secret"}),
                       matchers.urlencoded_params_matcher({"url": PAGE})])
    mocked.get("https://web.archive.org/save/status/spn2-abc", json={"status": "pending"})
    mocked.get("https://web.archive.org/save/status/spn2-abc",
               json={"status": "success", "timestamp": "20240101120000", "original_url": PAGE})
    clock = FakeClock()
    copy = wayback.save_page(requests.Session(), PAGE, KEYS, wayback.Throttle(4, clock, clock.sleep), sleep=clock.sleep)
    assert copy.archive_url == f"https://web.archive.org/web/20240101120000/{PAGE}" and copy.source == "save-page-now"


def test_save_retries_transient_errors_and_stops_on_final_ones(mocked):
    mocked.post("https://web.archive.org/save", json={"job_id": "j1"})
    mocked.get("https://web.archive.org/save/status/j1", json={"status": "error", "status_ext": "error:gateway-timeout"})
    mocked.get("https://web.archive.org/save/status/j1",
               json={"status": "success", "timestamp": "20240101120000", "original_url": PAGE})
    clock = FakeClock()
    throttle = wayback.Throttle(4, clock, clock.sleep)
    copy = wayback.save_page(requests.Session(), PAGE, KEYS, throttle, sleep=clock.sleep)
    assert copy.archive_url is not None
    assert clock.slept[:2] == [5.0, 10.0]  # one poll, then the rest of the 15 s a capture may take (4 a minute)

    mocked.replace(responses.GET, "https://web.archive.org/save/status/j1",
                   json={"status": "error", "status_ext": "error:blocked-url"})
    posts_before = len([c for c in mocked.calls if c.request.method == "POST"])
    copy = wayback.save_page(requests.Session(), PAGE, KEYS, throttle, sleep=clock.sleep)
    assert copy.error == "Save Page Now: error:blocked-url"
    assert len([c for c in mocked.calls if c.request.method == "POST"]) == posts_before + 1


def test_save_without_keys_or_with_bad_answers(mocked):
    clock = FakeClock()
    throttle = wayback.Throttle(4, clock, clock.sleep)
    assert "CITETRACK_IA_ACCESS_KEY" in wayback.save_page(requests.Session(), PAGE, None, throttle).error
    mocked.post("https://web.archive.org/save", body="<html>oops</html>", status=200)
    assert "malformed" in wayback.save_page(requests.Session(), PAGE, KEYS, throttle, sleep=clock.sleep).error
    mocked.replace(responses.POST, "https://web.archive.org/save", status=429, json={})
    assert "429" in wayback.save_page(requests.Session(), PAGE, KEYS, throttle, sleep=clock.sleep).error


def test_credentials_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("CITETRACK_IA_ACCESS_KEY", raising=False)
    assert wayback.SaveCredentials.from_env() is None
    monkeypatch.setenv("CITETRACK_IA_ACCESS_KEY", "a")
    monkeypatch.setenv("CITETRACK_IA_SECRET_KEY", "b")
    assert wayback.SaveCredentials.from_env() == wayback.SaveCredentials("a", "b")


# ------------------------------------------------------------------ in the archive run


def test_run_stores_copies_and_flags_dead_links_without_any(store, site, kit, mocked):
    mocked.add_passthru("http://127.0.0.1")
    site.pages["/live"] = kit.Page(kit.article("Live page", "Some text about Kaya."))
    dead_kept, dead_lost = "https://gone.example.org/kept", "https://gone.example.org/lost"
    kit.add_document(store, [
        {"footnote": "1", "date": "2023-12-13", "urls": [site.url("/live")]},
        {"footnote": "2", "date": "2023-12-13", "urls": [(dead_kept, "dead")]},
        {"footnote": "3", "urls": [(dead_lost, "dead")]},
    ])
    mocked.get(API, json=closest(f"http://web.archive.org/web/20231212093000/{dead_kept}"),
               match=[matchers.query_param_matcher({"url": dead_kept, "timestamp": "20231213"})])
    mocked.get(API, json={"archived_snapshots": {}}, match=[matchers.query_param_matcher({"url": dead_lost})])
    mocked.head(f"https://web.archive.org/web/2/{dead_lost}", status=404)
    mocked.get(API, status=429, json={}, match=[matchers.query_param_matcher(
        {"url": site.url("/live"), "timestamp": "20231213"})])
    report = archive_sources(store, ArchiveOptions(allow_private=True))
    assert report.lookups == 3 and report.lookup_errors == 1
    rows = {r["url"]: r for r in store.query(
        "SELECT u.url, p.archive_url, p.error FROM public_archives p JOIN urls u ON u.id = p.url_id")}
    assert rows[dead_kept]["archive_url"].startswith("https://web.archive.org/web/20231212093000/")
    assert rows[dead_lost]["archive_url"] is None and rows[dead_lost]["error"] is None
    assert "429" in rows[site.url("/live")]["error"]
    flags = store.query("SELECT kind, url, severity FROM flags WHERE origin = 'archive'")
    assert flags == [{"kind": "not-archived", "url": dead_lost, "severity": "info"}]

    # offline next time: the failure is recorded, the copy found before is kept, no new flag
    for call in list(mocked.registered()):
        if call.method == "GET" and call.url.startswith(API):
            mocked.remove(call)
    mocked.get(API, body=requests.ConnectionError("offline"))
    again = archive_sources(store, ArchiveOptions(allow_private=True))
    assert again.lookup_errors == again.lookups == 2  # the copy found before is not asked for again
    kept = store.query("SELECT archive_url FROM public_archives p JOIN urls u ON u.id = p.url_id WHERE u.url = ?", [dead_kept])
    assert kept[0]["archive_url"] is not None
    # the archive's earlier answer "no copy" stands: the not-archived flag stays open
    assert store.query("SELECT status FROM flags WHERE kind = 'not-archived'") == [{"status": "open"}]
    errors = store.query("SELECT error FROM public_archives p JOIN urls u ON u.id = p.url_id WHERE u.url = ?", [dead_lost])
    assert "unreachable" in errors[0]["error"]
    assert json.loads(json.dumps(again.to_json()))["lookups"] == 2


def test_no_wayback_contacts_nothing(store, site, kit, mocked):
    mocked.add_passthru("http://127.0.0.1")
    site.pages["/live"] = kit.Page(kit.article("Live page", "Some text."))
    kit.add_document(store, [{"urls": [site.url("/live"), ("https://gone.example.org/x", "dead")]}])
    report = archive_sources(store, ArchiveOptions(allow_private=True, wayback=False))
    assert report.lookups == 0 and len(mocked.calls) == 0
    assert store.query("SELECT count(*) n FROM flags WHERE kind = 'not-archived'")[0]["n"] == 0


def test_save_flag_captures_pages_without_a_public_copy(store, site, kit, mocked, monkeypatch):
    from citetrack import settings

    monkeypatch.setattr(settings, "WAYBACK_SAVE_POLL_SECONDS", 0)
    monkeypatch.setenv("CITETRACK_IA_ACCESS_KEY", "k")
    monkeypatch.setenv("CITETRACK_IA_SECRET_KEY", "s")
    mocked.add_passthru("http://127.0.0.1")
    site.pages["/live"] = kit.Page(kit.article("Live page", "Some text."))
    live = site.url("/live")
    kit.add_document(store, [{"urls": [live]}])
    mocked.get(API, json={"archived_snapshots": {}})
    mocked.head(f"https://web.archive.org/web/2/{live}", status=404)
    mocked.post("https://web.archive.org/save", json={"job_id": "j9"})
    mocked.get("https://web.archive.org/save/status/j9",
               json={"status": "success", "timestamp": "20240102030405", "original_url": live})
    report = archive_sources(store, ArchiveOptions(allow_private=True, save=True))
    assert report.snapshots[0].archive_url == f"https://web.archive.org/web/20240102030405/{live}"
    rows = store.query("SELECT source, archive_url FROM public_archives WHERE archive_url IS NOT NULL")
    assert rows == [{"source": "save-page-now", "archive_url": f"https://web.archive.org/web/20240102030405/{live}"}]


CDX = "https://web.archive.org/cdx/search/cdx"


def test_a_copy_from_before_the_date_is_preferred(mocked):
    mocked.get(API, json=closest(f"http://web.archive.org/web/20231220000000/{PAGE}", "20231220000000"))
    mocked.get(CDX, json=[["timestamp", "original"], ["20231201101010", PAGE]],
               match=[matchers.query_param_matcher({"url": PAGE, "to": "20231213", "filter": "statuscode:200",
                                                    "limit": "-1", "output": "json", "fl": "timestamp,original"})])
    copy = wayback.lookup(requests.Session(), PAGE, DAY)
    assert copy.archive_url == f"https://web.archive.org/web/20231201101010/{PAGE}" and copy.source == "wayback-cdx"


@pytest.mark.parametrize("cdx", [{"json": [["timestamp", "original"]]}, {"json": []}, {"status": 429, "json": {}},
                                 {"body": "garbage"}, {"body": requests.ConnectionError("offline")}])
def test_the_later_copy_stands_when_there_is_none_before(mocked, cdx):
    later = f"http://web.archive.org/web/20231220000000/{PAGE}"
    mocked.get(API, json=closest(later, "20231220000000"))
    mocked.get(CDX, **cdx)
    copy = wayback.lookup(requests.Session(), PAGE, DAY)
    assert copy.archive_url == _later(later) and copy.source == "wayback-api"


def _later(url):
    return url.replace("http://", "https://", 1)
