"""`citetrack flags`, `resolve`, `dismiss` and `review` on a store filled with an invented document."""

from __future__ import annotations

import json

import pytest

from citetrack.store import open_store


@pytest.fixture
def ids(tmp_db, fill):
    with open_store(tmp_db) as store:
        return fill.populate(store)


INTERFACE_KEYS = {"id", "document_id", "kind", "severity", "footnote", "citation_id", "url", "message", "evidence", "status"}


def _flags(cli, *args):
    result = cli("flags", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_flags_json_is_a_list_in_the_interface_shape(cli, ids):
    rows = _flags(cli)
    assert isinstance(rows, list) and len(rows) == 4
    assert all(INTERFACE_KEYS <= row.keys() for row in rows)
    assert {row["status"] for row in rows} == {"open"}


def test_flags_filters(cli, ids):
    assert {r["kind"] for r in _flags(cli, "--severity", "warning")} == {"no-url"}
    assert {r["kind"] for r in _flags(cli, "--kind", "dead-link")} == {"dead-link"}
    assert {r["kind"] for r in _flags(cli, "--claim", str(ids["claims"][1]))} == set()
    assert {r["kind"] for r in _flags(cli, "--claim", str(ids["claims"][0]))} == {"misdated", "dead-link"}
    assert _flags(cli, "--document", "999") == []
    assert _flags(cli, "--status", "dismissed") == []


def test_flags_summary_counts_per_kind(cli, ids):
    assert _flags(cli, "--summary") == {"misdated": 1, "malformed-url": 1, "no-url": 1, "dead-link": 1}
    table = cli("flags")
    assert table.exit_code == 0 and "Flags per kind" in table.stdout and "dead-link" in table.stdout


def test_bad_filter_values_exit_2_with_one_line(cli, ids):
    for args in (("--kind", "nonsense"), ("--status", "maybe"), ("--severity", "fatal")):
        result = cli("flags", *args)
        assert result.exit_code == 2
        assert result.stderr.strip().count("\n") == 0 and "error" in result.stderr


def test_resolve_and_dismiss_record_the_decision(cli, ids):
    misdated, no_url = ids["flags"]["misdated"], ids["flags"]["no-url"]
    assert cli("dismiss", str(misdated), "--note", "URL date is an update", "--by", "carol").exit_code == 0
    result = cli("resolve", str(no_url), "--note", "link added", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["status"] == "resolved" and json.loads(result.stdout)["decided_by"]
    dismissed = _flags(cli, "--status", "dismissed")
    assert [(r["id"], r["note"], r["decided_by"]) for r in dismissed] == [(misdated, "URL date is an update", "carol")]
    assert len(_flags(cli, "--status", "all")) == 4 and len(_flags(cli)) == 2


def test_decision_on_unknown_flag_or_without_note_exits_2(cli, ids):
    result = cli("resolve", "9999", "--note", "x")
    assert result.exit_code == 2 and "9999" in result.stderr
    assert cli("dismiss", str(ids["flags"]["misdated"]), "--note", "  ").exit_code == 2
    assert cli("resolve", str(ids["flags"]["misdated"])).exit_code == 2  # --note is required


def test_review_walk_driven_by_input(cli, ids):
    # first panel: misdated then dead-link; second panel: malformed-url then no-url
    result = cli("review", "--by", "dora", input="d\nthe URL date is an update\ns\nr\nremoved the bad link\nq\n")
    assert result.exit_code == 0, result.output
    assert "Claim: The valley has forty wells." in result.stdout
    assert "public archive 2024-03-03: https://web.archive.org/web/20240303100000/" in result.stdout
    assert "passage:" in result.stdout and "Surveyors counted forty wells" in result.stdout
    assert "Resolved 1, dismissed 1, skipped 1." in result.stdout
    statuses = {r["kind"]: (r["status"], r["decided_by"]) for r in _flags(cli, "--status", "all")}
    assert statuses["misdated"] == ("dismissed", "dora")
    assert statuses["malformed-url"] == ("resolved", "dora")
    assert statuses["dead-link"][0] == statuses["no-url"][0] == "open"


def test_review_filters_and_escapes_nothing_into_markup(cli, ids):
    result = cli("review", "--kind", "malformed-url", input="q\n")
    assert result.exit_code == 0
    assert "malformed-url" in result.stdout and "misdated" not in result.stdout
    assert '<script>alert("x")</script>' in result.stdout  # printed as text, not eaten as markup
    assert cli("review", "--severity", "info", input="").stdout.count("No open flags") == 1


DOCUMENT = """# Wells paper

The valley has forty wells.[^1] The board confirmed it.[^2]

[^1]: Ann Smith, "Wells of the valley", Valley Times, 12 January 2023, https://valley.example/{url_date}/wells
[^2]: Water Board, "Annual count", Board Gazette, 4 April 2023.
"""


def test_decisions_survive_reingest_reopen_on_new_evidence_and_auto_resolve(cli, tmp_path):
    """With the real ingest: dismissed stays dismissed, reopens when its evidence changes, resolves when fixed."""
    doc = tmp_path / "wells.md"
    doc.write_text(DOCUMENT.format(url_date="2023/03/15"))
    assert cli("ingest", str(doc)).exit_code == 0
    flags = {f["kind"]: f for f in _flags(cli)}
    assert set(flags) >= {"misdated", "no-url"}
    misdated = flags["misdated"]["id"]
    assert cli("dismiss", str(misdated), "--note", "the URL date is the update", "--by", "eve").exit_code == 0
    assert cli("ingest", str(doc)).exit_code == 0  # same evidence: the decision holds
    assert {f["id"]: f["status"] for f in _flags(cli, "--status", "all")}[misdated] == "dismissed"
    doc.write_text(DOCUMENT.format(url_date="2023/05/20"))  # a different date in the URL: new evidence
    assert cli("ingest", str(doc)).exit_code == 0
    reopened = {f["id"]: f for f in _flags(cli, "--status", "all")}[misdated]
    assert reopened["status"] == "open"
    doc.write_text(DOCUMENT.format(url_date="2023/01/12"))  # the document is corrected
    assert cli("ingest", str(doc)).exit_code == 0
    fixed = {f["id"]: f for f in _flags(cli, "--status", "all")}[misdated]
    assert fixed["status"] == "resolved" and fixed["decided_by"] == "citetrack"
    exported = json.loads(cli("export", "--format", "csl-json").stdout)
    assert [item["title"] for item in exported] == ["Wells of the valley", "Annual count"]
    assert "resolved by citetrack" in exported[0]["note"]
    assert "earlier: dismissed by eve on " in exported[0]["note"] and "the URL date is the update" in exported[0]["note"]
