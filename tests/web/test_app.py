"""The review app in-process: pages, the JSON API as the interface gives it, decisions, security."""

from __future__ import annotations

import json
import re

import pytest
from pathlib import Path

from citetrack.models import FlagStatus

EVIL = '<script>alert("x")</script>'
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "river-delta-brief.txt"
TOKEN = "test-token-1234"  # as tests/web/conftest.py makes the app
SANDBOX_PORT = 8751


# ---------------------------------------------------------------- pages


def test_every_page_answers_and_escapes_hostile_text(web, filled):
    claim = filled["claims"][2]  # "Pumps fail <script>..."
    pages = ["/", f"/documents/{filled['document']}", "/flags", "/flags?status=all", f"/claims/{claim}",
             f"/snapshots/{filled['hostile_snapshot']}", f"/snapshots/{filled['later_snapshot']}"]
    for path in pages:
        answer = web.get(path)
        assert answer.status_code == 200, path
        assert EVIL not in answer.text, path  # never raw
        assert "<script>alert" not in answer.text, path
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in web.get(f"/claims/{claim}").text
    assert "&lt;wells&gt; &amp; pumps" in web.get("/").text  # the document's title


def test_only_http_links_become_hrefs(web, filled):
    """A cited `javascript:` URL is shown as text, never as a link."""
    text = web.get("/flags?status=all").text + web.get(f"/claims/{filled['claims'][2]}").text
    assert "javascript:alert(1)" in text
    assert not re.search(r'href="\s*javascript:', text, re.I)


def test_pages_carry_a_policy_that_allows_only_own_scripts_and_frames_from_the_archive_origin(web, filled):
    answer = web.get(f"/snapshots/{filled['hostile_snapshot']}")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert f"frame-src http://127.0.0.1:{SANDBOX_PORT}" in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-frame-options"] == "DENY"


def test_snapshot_page_frames_the_archive_origin_sandboxed_and_never_serves_the_page_itself(web, filled):
    snap = filled["hostile_snapshot"]
    text = web.get(f"/snapshots/{snap}").text
    frame = re.search(r"<iframe[^>]*>", text).group(0)
    assert 'sandbox=""' in frame  # no allow-scripts, no allow-same-origin
    assert f'src="http://127.0.0.1:{SANDBOX_PORT}/snapshots/{snap}"' in frame
    assert "Surveyors counted forty wells" not in text.split("<iframe")[0]  # the page is not inlined
    assert "PWNED" not in text


def test_snapshot_page_shows_the_drift_from_the_previous_snapshot(web, filled, store):
    text = web.get(f"/snapshots/{filled['later_snapshot']}").text
    assert "<del>Surveyors counted forty wells across the valley this winter.</del>" in text
    assert "<ins>A new paragraph was added.</ins>" in text
    oldest = store.query("SELECT min(id) AS id FROM snapshots")[0]["id"]
    first = web.get(f"/snapshots/{oldest}").text
    assert "nothing to compare yet" in first


def test_document_page_has_health_chart_kinds_exports_and_runs(web, filled):
    text = web.get(f"/documents/{filled['document']}").text
    assert 'id="link-health-chart"' in text
    assert "misdated 1" in text
    for fmt in ("markdown", "html", "csl-json", "bibtex", "ris", "csv"):
        assert f"/documents/{filled['document']}/export/{fmt}" in text
    assert 'id="run-check"' in text and "run #2" in text
    export = web.get(f"/documents/{filled['document']}/export/bibtex")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    assert "@" in export.text


def test_claim_page_shows_sources_history_copies_passage_and_flags(web, filled):
    text = web.get(f"/claims/{filled['claims'][0]}").text
    assert "Wells of the valley" in text
    assert "03-10 dead" in text and "03-03 ok" in text  # the link's timeline
    assert f"/snapshots/{filled['later_snapshot']}" in text  # archived snapshots
    assert "https://web.archive.org/web/20240303100000/" in text  # the public copy
    assert re.search(r'<blockquote class="passage">[^<]*Surveyors counted', text)  # the best passage
    assert f'data-flag-id="{filled["flags"]["misdated"]}"' in text  # decidable in place


def test_unknown_ids_give_404_and_bad_filters_400(web, filled):
    assert web.get("/claims/9999").status_code == 404
    assert web.get("/documents/9999").status_code == 404
    assert web.get("/snapshots/9999").status_code == 404
    assert web.get("/api/claims/9999").status_code == 404
    assert web.get("/flags?kind=nonsense").status_code == 400
    assert web.get("/api/flags?status=maybe").status_code == 400
    assert web.get("/flags?page=zero").status_code == 400
    assert EVIL not in web.get("/flags?kind=" + EVIL).text


def test_a_foreign_host_header_is_refused(web, filled):
    """DNS rebinding: a page of evil.example resolved to 127.0.0.1 cannot read the app."""
    assert web.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert web.get("/", headers={"Host": "localhost:8750"}).status_code == 200


# ---------------------------------------------------------------- JSON API


def test_api_answers_as_the_command_line_does(web, filled, cli):
    assert web.get("/api/documents").json() == json.loads(cli("documents", "--json").stdout)
    assert web.get("/api/flags").json() == json.loads(cli("flags", "--json").stdout)
    assert web.get("/api/flags?status=all&kind=misdated").json() == json.loads(
        cli("flags", "--status", "all", "--kind", "misdated", "--json").stdout)
    claim = filled["claims"][0]
    assert web.get(f"/api/claims/{claim}").json() == json.loads(cli("show", str(claim), "--json").stdout)


def test_decision_through_the_api_is_the_command_lines_decision(web, filled, auth, cli):
    flag = filled["flags"]["misdated"]
    answer = web.post(f"/api/flags/{flag}/dismiss", json={"note": "the URL date is the update", "by": "ana"}, headers=auth)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "dismissed" and body["note"] == "the URL date is the update" and body["decided_by"] == "ana"
    listed = {row["id"]: row for row in json.loads(cli("flags", "--status", "all", "--json").stdout)}
    assert listed[flag] == body
    assert web.post(f"/api/flags/{flag}/resolve", json={"note": "fixed", "by": "ana"}, headers=auth).json()["status"] == "resolved"


def test_decision_needs_a_note_and_a_known_flag(web, filled, auth):
    flag = filled["flags"]["misdated"]
    assert web.post(f"/api/flags/{flag}/resolve", json={"by": "ana"}, headers=auth).status_code == 400
    assert web.post(f"/api/flags/{flag}/resolve", json={"note": "  "}, headers=auth).status_code == 400
    assert web.post(f"/api/flags/{flag}/resolve", content=b"not json", headers=auth).status_code == 400
    assert web.post("/api/flags/9999/resolve", json={"note": "x"}, headers=auth).status_code == 404
    assert web.get("/api/flags").json()[0]["status"] == "open"


@pytest.mark.parametrize("headers", [{}, {"X-Citetrack-Token": "wrong"}, {"X-Citetrack-Token": ""}])
def test_every_change_without_the_token_is_refused_and_changes_nothing(web, filled, headers):
    flag = filled["flags"]["misdated"]
    before = web.get("/api/flags?status=all").json()
    posts = [
        (f"/api/flags/{flag}/resolve", {"note": "x", "by": "eve"}),
        (f"/api/flags/{flag}/dismiss", {"note": "x", "by": "eve"}),
        (f"/api/flags/{flag}/reopen", {"note": "x", "by": "eve"}),
        ("/api/flags/bulk", {"action": "dismiss", "note": "x", "filter": {"status": "open"}}),
    ]
    for path, body in posts:
        answer = web.post(path, json=body, headers=headers)
        assert answer.status_code == 403, path
    for method in ("put", "delete", "patch"):
        assert getattr(web, method)(f"/api/flags/{flag}/resolve", headers=headers).status_code == 403
    # a cross-site form post carries no custom header
    form = web.post(f"/api/flags/{flag}/dismiss", data={"note": "x"}, headers={"Origin": "http://evil.example", **headers})
    assert form.status_code == 403
    assert web.get("/api/flags?status=all").json() == before


def test_every_write_route_is_behind_the_token(store, make_client):
    """Whatever routes are added later: each one that accepts a change answers 403 without the token."""
    from citetrack.web.app import AppConfig, create_app

    app = create_app(store, AppConfig(token=TOKEN, sandbox_port=SANDBOX_PORT))
    client = make_client(app)
    writes = [route for route in app.routes if getattr(route, "methods", None) and "POST" in route.methods]
    assert writes
    for route in writes:
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        assert client.post(path, json={"note": "x"}).status_code == 403, route.path


def test_bulk_decision_with_one_note_and_undo(web, filled, auth):
    open_ids = [row["id"] for row in web.get("/api/flags").json()]
    answer = web.post("/api/flags/bulk", json={"action": "dismiss", "ids": open_ids[:2], "note": "batch", "by": "ana"},
                      headers=auth).json()
    assert answer["decided"] == 2 and {f["status"] for f in answer["flags"]} == {"dismissed"}
    counts = web.get("/api/flags/counts?status=open").json()["counts"]
    assert counts["status"]["dismissed"] == 2 and counts["status"]["open"] == len(open_ids) - 2
    back = web.post("/api/flags/bulk", json={"action": "reopen", "ids": open_ids[:2], "note": "undo", "by": "ana"},
                    headers=auth).json()
    assert {f["status"] for f in back["flags"]} == {"open"}
    # all matching a filter, in one transaction: an unknown id in a list rolls every decision back
    assert web.post("/api/flags/bulk", json={"action": "resolve", "ids": [open_ids[0], 9999], "note": "x"},
                    headers=auth).status_code == 404
    assert web.get("/api/flags").json()[0]["status"] == "open"
    everything = web.post("/api/flags/bulk", json={"action": "resolve", "filter": {"kind": "no-url"}, "note": "seen"},
                          headers=auth).json()
    assert everything["decided"] == 1 and everything["flags"][0]["kind"] == "no-url"


def test_a_dismissal_in_the_browser_sticks_across_a_reingest(store, auth, make_client):
    """The same code as `dismiss`: the decision survives ingesting the document again."""
    from citetrack.web.app import AppConfig, create_app
    from citetrack.workflows.ingest import IngestOptions, ingest_files

    ingest_files(lambda: store, [EXAMPLE], IngestOptions())
    client = make_client(create_app(store, AppConfig(token=TOKEN, sandbox_port=SANDBOX_PORT)))
    flag = client.get("/api/flags").json()[0]
    client.post(f"/api/flags/{flag['id']}/dismiss", json={"note": "checked by phone", "by": "ana"}, headers=auth)
    ingest_files(lambda: store, [EXAMPLE], IngestOptions())
    again = {row["id"]: row for row in client.get("/api/flags?status=all").json()}[flag["id"]]
    assert again["status"] == FlagStatus.DISMISSED.value and again["note"] == "checked by phone"


def test_highlight_marks_facts_and_escapes_the_rest():
    from citetrack.web.app import highlight

    marked = str(highlight("Forty <b>wells</b> in 2023.", ["forty", "2023"]))
    assert marked == "<mark>Forty</mark> &lt;b&gt;wells&lt;/b&gt; in <mark>2023</mark>."


def test_an_app_on_another_loopback_address_answers_under_that_name(store, make_client):
    from citetrack.web.app import AppConfig, create_app

    app = create_app(store, AppConfig(token=TOKEN, sandbox_port=SANDBOX_PORT, bind_host="127.0.0.2"))
    client = make_client(app)
    assert client.get("/", headers={"Host": "127.0.0.2:8750"}).status_code == 200
    assert client.get("/", headers={"Host": "127.0.0.3:8750"}).status_code == 400
