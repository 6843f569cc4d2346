"""The archive origin: archived pages come back cleaned of active content, under a policy that
sandboxes them and forbids scripts; the app's own origin never serves them."""

from __future__ import annotations

import re

from citetrack.web.sandbox import SANDBOX_CSP, clean_archived_html

ACTIVE = ("<script", "onload", "onerror", "javascript:", "<iframe", "<object", "<form", "http-equiv", "<base", "PWNED")


def test_cleaning_keeps_the_text_and_removes_scripts(filled, sandbox):
    answer = sandbox.get(f"/snapshots/{filled['hostile_snapshot']}")
    assert answer.status_code == 200
    page = answer.text
    assert "Surveyors counted forty wells" in page
    for marker in ACTIVE:
        assert marker.lower() not in page.lower(), marker


def test_archived_pages_are_served_under_a_sandboxing_policy_without_scripts(filled, sandbox):
    answer = sandbox.get(f"/snapshots/{filled['hostile_snapshot']}")
    policy = answer.headers["content-security-policy"]
    directives = {part.strip().split(" ")[0]: part.strip() for part in policy.split(";")}
    assert "sandbox" in directives and directives["sandbox"] == "sandbox"  # no allow-scripts
    assert directives["default-src"] == "default-src 'none'"
    assert "script-src" not in directives  # falls back to default-src 'none'
    assert directives["frame-ancestors"] == "frame-ancestors http://127.0.0.1:8750"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert SANDBOX_CSP in policy


def test_the_archive_origin_serves_nothing_else(filled, sandbox):
    assert sandbox.get("/").status_code == 404
    assert sandbox.get("/api/flags").status_code == 404
    assert sandbox.get("/snapshots/9999").status_code == 404
    assert sandbox.get(f"/snapshots/{filled['hostile_snapshot']}", headers={"Host": "evil.example"}).status_code == 400


def test_clean_archived_html_on_its_own():
    dirty = (b"<html><head><script>x()</script><meta http-equiv='refresh' content='0;url=http://e/'></head>"
             b"<body onload='x()'><p onclick='x()'>text</p><a href='javascript:x()'>a</a>"
             b"<embed src='x'><iframe src='http://e/'></iframe><style>p{color:red}</style></body></html>")
    clean = clean_archived_html(dirty)
    assert "text" in clean and "p{color:red}" in clean
    for marker in ("<script", "onload", "onclick", "javascript:", "<embed", "<iframe", "refresh"):
        assert marker not in clean, marker
    assert re.search(r"<body>", clean)
    assert clean_archived_html(b"") .startswith("<!doctype html>")
