"""The archive commands through the CLI: archive --json, search, snapshot, show."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "archive_fixtures", Path(__file__).resolve().parents[1] / "archive" / "conftest.py"
)
fixtures = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = fixtures  # dataclasses look their module up
_SPEC.loader.exec_module(fixtures)

TEXT = ("On 13 December 2023 armed men attacked Farabougou and killed 12 villagers, the mayor said.\n"
        "The army sent reinforcements from Niono two days later.")


@pytest.fixture
def site():
    served = fixtures.Site()
    yield served
    served.close()


@pytest.fixture
def filled(store, site):
    site.pages["/story"] = fixtures.Page(fixtures.article("Attack on Farabougou", TEXT, published="2023-12-13"))
    site.pages["/other"] = fixtures.Page(fixtures.article("Election results announced", "Turnout was 40 percent.",
                                                          published="2023-06-01"))
    fixtures.add_document(store, [
        {"footnote": "1", "title": "Attack on Farabougou", "outlet": "Sahel Monitor", "date": "2023-12-13",
         "urls": [site.url("/story")]},
        {"footnote": "2", "title": "Troops retake Kidal after long siege", "outlet": "Sahel Monitor", "date": "2023-12-20",
         "urls": [site.url("/other")]},
    ], claims=[
        {"text": "Armed men killed 12 villagers in Farabougou on 13 December 2023.", "labels": ["1"]},
        {"text": "Troops retook Kidal with 300 soldiers.", "labels": ["2"]},
    ])
    return site


def test_archive_json(cli, filled):
    result = cli("archive", "--allow-private", "--no-wayback", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["archived"] == 2
    assert {s["url"] for s in out["snapshots"]} == {filled.url("/story"), filled.url("/other")}
    first = next(s for s in out["snapshots"] if s["url"].endswith("/story"))
    assert first["status"] == "archived" and len(first["sha256"]) == 64
    assert first["title"] == "Attack on Farabougou" and first["published"] == "2023-12-13"
    assert first["warc_file"].endswith(".warc.gz") and first["archive_url"] is None
    assert out["flags"] == 3  # note 2: misdated, title-mismatch, unsupported claim
    flags = json.loads(cli("flags", "--json").stdout)
    kinds = sorted(f["kind"] for f in flags if f["footnote"] == "2")
    assert kinds == ["misdated", "title-mismatch", "unsupported-claim"]


def test_archive_refuses_loopback_without_the_option(cli, filled):
    out = json.loads(cli("archive", "--no-wayback", "--json").stdout)
    assert out["archived"] == 0 and all(s["status"] == "failed" for s in out["snapshots"])


def test_bad_option_is_one_line_and_exit_2(cli, filled):
    result = cli("archive", "--timeout", "-1")
    assert result.exit_code == 2 and "citetrack: error" in result.stderr


def test_search_snapshot_and_show(cli, filled):
    cli("archive", "--allow-private", "--no-wayback", "--json")
    found = json.loads(cli("search", "Farabougou", "--json").stdout)
    assert [f["url"] for f in found] == [filled.url("/story")]
    assert found[0]["claims"][0]["text"].startswith("Armed men killed")
    assert json.loads(cli("search", "nowhere-to-be-found", "--json").stdout) == []

    body = cli("snapshot", filled.url("/story"))
    assert body.exit_code == 0 and "<title>Attack on Farabougou - Sahel Monitor</title>" in body.stdout
    text = cli("snapshot", filled.url("/story"), "--text")
    assert "killed 12 villagers" in text.stdout and "Newsletter" not in text.stdout
    missing = cli("snapshot", "http://nowhere.example/")
    assert missing.exit_code == 2 and "no snapshot" in missing.stderr

    claims = json.loads(cli("claims", "--json").stdout)
    claim_id = next(c["id"] for c in claims if "Farabougou" in c["text"])
    shown = json.loads(cli("show", str(claim_id), "--json").stdout)
    url = shown["citations"][0]["urls"][0]
    assert url["snapshots"] and "killed 12 villagers" in url["passage"]["text"]
    assert set(url["passage"]["facts_found"]) >= {"12", "Farabougou", "13 December 2023"}
    human = cli("show", str(claim_id))
    assert human.exit_code == 0 and "best passage" in human.stdout and "local copy" in human.stdout
    assert cli("show", "9999").exit_code == 2


def test_snapshot_by_date(cli, filled, store):
    cli("archive", "--allow-private", "--no-wayback", "--json")
    filled.pages["/story"] = fixtures.Page(fixtures.article("Attack on Farabougou", TEXT + "\nUpdated later."))
    cli("archive", "--allow-private", "--no-wayback", "--json")
    first = store.query("SELECT min(s.id) id FROM snapshots s JOIN urls u ON u.id = s.url_id WHERE u.url = ?",
                        [filled.url("/story")])[0]["id"]
    store.db.execute("UPDATE snapshots SET fetched_at = '2024-01-01T10:00:00+00:00' WHERE id = ?", [first])
    store.db.conn.commit()
    listed = json.loads(cli("snapshot", filled.url("/story"), "--json").stdout)
    assert len(listed["snapshots"]) == 2 and listed["id"] != first
    old = json.loads(cli("snapshot", filled.url("/story"), "--date", "2024-06-01", "--json").stdout)
    assert old["id"] == first
    assert "Updated later" not in cli("snapshot", filled.url("/story"), "--date", "2024-06-01", "--text").stdout
    assert cli("snapshot", filled.url("/story"), "--date", "June").exit_code == 2
