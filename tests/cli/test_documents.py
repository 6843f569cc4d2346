"""The document commands end to end through the CLI: ingest, documents, claims, citations, remove."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "river-delta-brief.txt"


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_json_shape_and_reingest_in_place(cli, tmp_path):
    doc = tmp_path / "brief.txt"
    shutil.copy(EXAMPLE, doc)
    first = _json(cli("ingest", str(doc), "--published", "2025-03-12", "--json"))["documents"]
    assert len(first) == 1
    entry = first[0]
    assert set(entry) == {"document_id", "path", "claims", "footnotes", "citations", "urls", "flags"}
    assert (entry["claims"], entry["footnotes"]) == (8, 8)
    assert (entry["citations"], entry["urls"]) == (9, 7) and entry["flags"] >= 4
    flags_before = _json(cli("flags", "--json"))
    again = _json(cli("ingest", str(doc), "--published", "2025-03-12", "--json"))["documents"][0]
    assert again == entry
    assert _json(cli("flags", "--json")) == flags_before
    docs = _json(cli("documents", "--json"))
    assert [d["id"] for d in docs] == [entry["document_id"]]
    assert set(docs[0]) >= {"id", "path", "title", "published", "claims", "citations", "urls", "open_flags"}
    assert docs[0]["published"] == "2025-03-12"


def test_claims_and_citations_json(cli, tmp_path):
    _json(cli("ingest", str(EXAMPLE), "--json"))
    claims = _json(cli("claims", "--json"))
    assert [c["footnotes"] for c in claims] == [[str(n)] for n in range(1, 9)]
    assert all(set(c) >= {"id", "document_id", "footnotes", "text"} for c in claims)
    # the claim of note 4 is rejoined across the note block that interrupts it
    assert "so-called neutral growers" in claims[3]["text"]
    cites = _json(cli("citations", "--json"))
    assert all(set(c) >= {"id", "document_id", "footnote", "text", "title", "outlet", "date", "urls"} for c in cites)
    by_note = {}
    for c in cites:
        by_note.setdefault(c["footnote"], []).append(c)
    assert len(by_note["4"]) == 2 and len(by_note["8"]) == 2
    assert by_note["3"][0]["date"] == "2024-09-02"
    assert by_note["3"][0]["urls"] == ["http://vessapost.example/2024/09/02/rice-growers-count-the-cost/"]
    assert "1" not in by_note  # an explanatory note cites nothing


def test_flags_of_the_example(cli):
    _json(cli("ingest", str(EXAMPLE), "--published", "2025-03-12", "--json"))
    flags = _json(cli("flags", "--json"))
    found = {(f["kind"], f["footnote"]) for f in flags}
    assert ("misdated", "6") in found
    assert ("invalid-date", "5") in found
    assert ("no-url", "5") in found
    assert ("malformed-url", "7") in found
    assert not any(f["footnote"] == "1" for f in flags)
    no_url = next(f for f in flags if f["kind"] == "no-url")
    assert no_url["evidence"].get("domain") == "vessaunion.example"
    for flag in flags:
        assert set(flag) >= {"id", "document_id", "kind", "severity", "footnote", "citation_id", "url", "message",
                             "evidence", "status"}


def test_remove_document(cli, tmp_path):
    doc_id = _json(cli("ingest", str(EXAMPLE), "--json"))["documents"][0]["document_id"]
    result = cli("remove", str(doc_id))
    assert result.exit_code == 0
    assert _json(cli("documents", "--json")) == []
    assert _json(cli("flags", "--json", "--status", "all")) == []
    assert cli("remove", str(doc_id)).exit_code == 2


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.mark.parametrize(
    "name, make",
    [
        ("missing.txt", None),
        ("folder.txt", lambda p: p.mkdir()),
        ("binary.txt", lambda p: p.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)),
        ("empty.txt", lambda p: p.write_bytes(b"")),
        ("latin1.txt", lambda p: p.write_bytes("Caf\xe9 cr\xe8me, r\xe9sum\xe9.\xb9\n".encode("latin-1"))),
        ("huge.txt", lambda p: p.open("wb").truncate(100 * 1024 * 1024)),
        ("notes.xyz", lambda p: p.write_text("Some text.\u00b9\n\n1 A note.\n")),
    ],
)
def test_bad_input_is_one_line_exit_2_and_store_untouched(cli, tmp_path, tmp_db, name, make):
    good = _json(cli("ingest", str(EXAMPLE), "--json"))
    before = _digest(tmp_db)
    bad = tmp_path / name
    if make:
        make(bad)
    result = cli("ingest", str(bad))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("citetrack: error:"), result.stderr
    assert "Traceback" not in result.output
    assert _digest(tmp_db) == before
    assert _json(cli("documents", "--json"))[0]["id"] == good["documents"][0]["document_id"]


def test_bad_input_creates_no_database(cli, tmp_path, tmp_db):
    result = cli("ingest", str(tmp_path / "absent.md"))
    assert result.exit_code == 2
    assert not tmp_db.exists()


def test_one_bad_file_among_good_ones_writes_nothing(cli, tmp_path, tmp_db):
    result = cli("ingest", str(EXAMPLE), str(tmp_path / "absent.txt"))
    assert result.exit_code == 2
    assert not tmp_db.exists()


def test_bad_published_date_is_usage_error(cli):
    result = cli("ingest", str(EXAMPLE), "--published", "16/01/2024")
    assert result.exit_code == 2


def test_malformed_link_still_shows_in_the_bibliography(cli):
    _json(cli("ingest", str(EXAMPLE), "--json"))
    result = cli("export", "--format", "markdown")
    assert result.exit_code == 0
    assert "htps://vessapost.example/2024/12/18/union-sets-conditions/" in result.stdout
    assert "malformed" in result.stdout.lower()


def test_inline_notes_become_citations_with_their_urls(cli, tmp_path):
    doc = tmp_path / "ferry.md"
    doc.write_text(
        "The ferry stopped in 2019.^[Port Authority, *Annual report 2019*, 3 March 2020, "
        "<https://port.example.org/annual-2019>.] Fares doubled.^[Transit Weekly, \"Fares double on the river\", 2 May 2020.]\n",
        encoding="utf-8",
    )
    _json(cli("ingest", str(doc), "--json"))
    citations = {c["footnote"]: c for c in _json(cli("citations", "--json"))}
    assert citations["1"]["urls"] == ["https://port.example.org/annual-2019"]
    assert citations["2"]["urls"] == []
    claims = _json(cli("claims", "--json"))
    assert [(c["footnotes"], c["text"]) for c in claims] == [(["1"], "The ferry stopped in 2019."), (["2"], "Fares doubled.")]


def test_a_read_command_never_turns_an_empty_file_into_a_store(cli, tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for args in (["flags"], ["documents"], ["export", "--format", "csv"], ["report"], ["status"]):
        result = cli("--db", str(empty), *args)
        assert result.exit_code == 2 and "empty file, not a store" in result.stderr, args
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_citations_json_carries_the_access_date_apart_from_the_stated_date(cli, tmp_path):
    """Issue 13: `Retrieved April 18, 2014` is the citation's `accessed`, never its `date`."""
    doc = tmp_path / "city.md"
    doc.write_text(
        "The city grew fast.[^1] The port closed.[^2]\n\n"
        '[^1]: Roe, Jane. "City now fourth largest". Daily News. '
        "http://www.dailynews.example/2013/03/05/city-fourth Retrieved April 18, 2014.\n"
        '[^2]: "Port closes", Harbour Post, 2 May 2014, accessed 3 May 2014, https://harbourpost.example/port\n',
        encoding="utf-8",
    )
    _json(cli("ingest", str(doc), "--published", "2015-01-01", "--json"))
    cites = {c["footnote"]: c for c in _json(cli("citations", "--json"))}
    assert (cites["1"]["date"], cites["1"]["accessed"]) == (None, "2014-04-18")
    assert (cites["2"]["date"], cites["2"]["accessed"]) == ("2014-05-02", "2014-05-03")
    assert _json(cli("flags", "--json")) == []  # the URL's 2013-03-05 is no disagreement with an access date


def test_ingest_markers_option(cli, tmp_path):
    """`--markers` picks the marker style of text copied out of a PDF; a bad one exits 2."""
    doc = tmp_path / "copied.txt"
    doc.write_text(
        "The quay was rebuilt in 2004.1 Its crane dates from 1961.2\n\n"
        "1\n\nPort Office, https://port.example.org/quay.\n\n"
        "2\n\nCrane Society, https://cranes.example.org/1961.\n",
        encoding="utf-8",
    )
    found = _json(cli("ingest", str(doc), "--json"))["documents"][0]
    assert (found["claims"], found["footnotes"]) == (2, 2)
    forced = _json(cli("ingest", str(doc), "--markers", "caret", "--json"))["documents"][0]
    assert forced["claims"] == 0
    bad = cli("ingest", str(doc), "--markers", "roman")
    assert bad.exit_code == 2 and "--markers" in bad.output
