"""Hostile files through `citetrack ingest`: nothing raises past the CLI, every failure is exit 2
with one line on stderr, and a refused file leaves the store exactly as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardening_kit import ANY_CHAR, EXAMPLE, PROPERTY, Outcome, documents, run_cli, store_fingerprint

EXTENSIONS = (".txt", ".md", ".html")


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory) -> Path:
    """A store that already holds the example brief, so 'unchanged' means something."""
    db = tmp_path_factory.mktemp("seed") / "citetrack.db"
    outcome = run_cli(db, "ingest", str(EXAMPLE), "--json")
    assert outcome.exit_code == 0, outcome.stderr
    return db


def ingest_and_judge(seeded_store: Path, workdir: Path, name: str, data: bytes, *extra: str) -> Outcome:
    """Ingest one file into a copy of the seeded store; check the CLI's contract either way."""
    db = workdir / "store" / "citetrack.db"
    if db.parent.exists():
        shutil.rmtree(db.parent)
    db.parent.mkdir(parents=True)
    shutil.copy(seeded_store, db)
    before = store_fingerprint(db)
    doc = workdir / name
    doc.write_bytes(data)
    outcome = run_cli(db, "ingest", str(doc), "--json", *extra)
    if outcome.exit_code == 0:
        reports = json.loads(outcome.stdout)["documents"]
        assert len(reports) == 1 and reports[0]["document_id"] >= 1
        assert all(isinstance(reports[0][key], int) for key in ("claims", "footnotes", "citations", "urls", "flags"))
    else:
        outcome.assert_clean_failure()
        assert outcome.stdout == ""
        assert store_fingerprint(db) == before, "a refused file changed the store"
    return outcome


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])


@PROPERTY
@given(text=documents, extension=st.sampled_from(EXTENSIONS), encoding=encodings)
def test_hostile_documents_through_the_cli(seeded_store, tmp_path_factory, text, extension, encoding, figures):
    workdir = tmp_path_factory.mktemp("doc")
    data = text.encode(encoding, errors="replace")
    ingest_and_judge(seeded_store, workdir, f"doc{extension}", data)
    figures.add("inputs_tried", 1)


@PROPERTY
@given(data=st.binary(max_size=3000), extension=st.sampled_from(EXTENSIONS + (".pdf", ".docx", ".odt")))
def test_arbitrary_bytes_through_the_cli(seeded_store, tmp_path_factory, data, extension, figures):
    workdir = tmp_path_factory.mktemp("bytes")
    ingest_and_judge(seeded_store, workdir, f"doc{extension}", data)
    figures.add("inputs_tried", 1)


@PROPERTY
@given(title=st.text(ANY_CHAR, max_size=300), published=st.text(ANY_CHAR, max_size=20))
def test_hostile_options(seeded_store, tmp_path_factory, title, published, figures):
    workdir = tmp_path_factory.mktemp("opts")
    data = EXAMPLE.read_bytes()
    outcome = ingest_and_judge(seeded_store, workdir, "brief.txt", data, "--title", title, "--published", published)
    if outcome.exit_code == 0:
        assert published.strip() and published.isascii()
    figures.add("inputs_tried", 1)


BIG_DOCUMENTS = {
    "5000-nested-divs.html": "<html><body>" + "<div>" * 5000 + "A claim.<sup><a href='#fn1'>1</a></sup>" + "</div>" * 5000
    + '<ol><li id="fn1">Outlet, "Title", 12.06.2024. <a href="http://a.example/">link</a></li></ol></body></html>',
    "markers-without-notes.txt": " ".join(f"Claim {i} is stated here.¹ And here.[{i % 999}]" for i in range(2000)),
    "markers-without-notes.md": " ".join(f"Claim {i} is stated here.[^{i}]" for i in range(2000)),
    "notes-without-markers.md": "A body.\n\n" + "\n".join(f"[^{i}]: Outlet, \"T{i}\", 2024. http://h{i}.example/{i}"
                                                            for i in range(1000)),
    "notes-without-markers.txt": "A body.\n\n" + "\n\n".join(f"{i} Outlet, \"Title {i}\", 12.06.2024. http://h{i}.example/"
                                                             for i in range(1, 1000)),
    "url-of-100-KB.txt": "A claim.¹\n\n1 Outlet, \"A title\", 12.06.2024. http://example.com/" + "a/" * 50_000 + "\n",
    "url-of-100-KB.md": "A claim.[^1]\n\n[^1]: Outlet, \"A title\". <https://example.com/" + "b" * 100_000 + ">\n",
    "1-MB-line.txt": "A claim.¹ " + "word " * 200_000 + "\n\n1 A note. http://a.example/\n",
    # Runs of openings never closed, on one 500 KB line: each once took time quadratic in the line.
    "open-note-markers.md": "A claim.[^1] " + "[^" * 250_000 + "\n\n[^1]: A note. http://a.example/\n",
    "open-inline-notes.md": "A claim.^[A note. http://a.example/] " + "^[" * 250_000 + "\n",
    "open-links.md": "A claim.[^1] " + "[x](<" * 100_000 + "\n\n[^1]: A note. http://a.example/\n",
    "5000-note-series.txt": 'A claim here.¹\n\n1 Outlet, "T", 2 May 2020. http://a.example/\n\n' * 5_000,
    "one-backtick-run.md": "A claim.[^1] " + "`" * 500_000 + "\n\n[^1]: A note. http://a.example/\n",
    "open-tags-and-autolinks.md": "A claim.[^1] " + "<a" * 125_000 + "<http:x" * 40_000 + "\n\n[^1]: A note.\n",
    "control-characters.txt": "Claim.¹ \x1b[31m red \x1b[0m \x7f\x85\n\n1 Source \u202e http://a.example/\u200b\n",
}


@pytest.mark.parametrize("name", sorted(BIG_DOCUMENTS))
def test_named_hostile_documents(seeded_store, tmp_path, name, figures):
    ingest_and_judge(seeded_store, tmp_path, name, BIG_DOCUMENTS[name].encode("utf-8"))
    figures.add("inputs_tried", 1)


def test_many_notes_store_every_url_once(seeded_store, tmp_path):
    outcome = ingest_and_judge(seeded_store, tmp_path, "notes.txt", BIG_DOCUMENTS["notes-without-markers.txt"].encode())
    assert outcome.exit_code == 0
    assert json.loads(outcome.stdout)["documents"][0]["urls"] >= 900


BAD_PATHS = {
    "missing": "does-not-exist.txt",
    "newline-in-name": "line\nbreak.txt",
    "directory": "adir.txt",
    "fifo": "pipe.txt",
    "unknown-extension": "doc.exe",
    "empty": "empty.txt",
    "whitespace": "blank.md",
    "nul-bytes": "nul.txt",
    "not-utf8": "latin.txt",
}


@pytest.mark.parametrize("case", sorted(BAD_PATHS))
def test_bad_paths_are_one_line_and_write_nothing(seeded_store, tmp_path, case, figures):
    import os

    db = tmp_path / "store" / "citetrack.db"
    db.parent.mkdir()
    shutil.copy(seeded_store, db)
    before = store_fingerprint(db)
    path = tmp_path / BAD_PATHS[case]
    if case == "directory":
        path.mkdir()
    elif case == "fifo":
        os.mkfifo(path)
    elif case == "unknown-extension":
        path.write_text("A claim.¹\n\n1 http://a.example/\n")
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "whitespace":
        path.write_text(" \n\t\n" * 100)
    elif case == "nul-bytes":
        path.write_bytes(b"A claim.\x00\x00\x00" * 100)
    elif case == "not-utf8":
        path.write_bytes("Caf\u00e9 claim.\u00b9\n\n1 Source\n".encode("latin-1", "replace"))
    outcome = run_cli(db, "ingest", str(path), "--json")
    outcome.assert_clean_failure()
    assert store_fingerprint(db) == before
    figures.add("inputs_tried", 1)


def test_one_bad_file_among_good_ones_writes_nothing(seeded_store, tmp_path):
    db = tmp_path / "store" / "citetrack.db"
    db.parent.mkdir()
    shutil.copy(seeded_store, db)
    before = store_fingerprint(db)
    good = tmp_path / "good.md"
    good.write_text("A claim.[^1]\n\n[^1]: Outlet, \"A title\", 2024. https://a.example/x\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    run_cli(db, "ingest", str(good), str(bad), "--json").assert_clean_failure()
    assert store_fingerprint(db) == before


@pytest.mark.parametrize("kind", ["directory", "not-a-database", "truncated-database", "read-only-dir"])
def test_a_bad_store_is_one_line(tmp_path, kind, figures):
    import os

    if kind == "directory":
        db = tmp_path / "adir.db"
        db.mkdir()
    elif kind == "not-a-database":
        db = tmp_path / "text.db"
        db.write_text("this is not sqlite\n" * 100)
    elif kind == "truncated-database":
        db = tmp_path / "cut.db"
        run_cli(db, "ingest", str(EXAMPLE), "--json")
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 3])
    else:
        if os.geteuid() == 0:
            pytest.skip("root ignores directory permissions")
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        db = ro / "citetrack.db"
    for args in (("ingest", str(EXAMPLE), "--json"), ("documents", "--json"), ("flags", "--json")):
        outcome = run_cli(db, *args)
        if kind == "truncated-database" and outcome.exit_code == 0:
            continue  # the pages that survived may still be readable
        outcome.assert_clean_failure()
    figures.add("inputs_tried", 3)
