"""`-o` of export and report: `-` is stdout, regular files atomically with the user's umask,
symlinks written through, FIFOs written in place; only printable text is written."""

from __future__ import annotations

import os
import stat
import sys
import threading

import pytest

from citetrack.store import open_store


@pytest.fixture
def ids(tmp_db, fill):
    with open_store(tmp_db) as store:
        return fill.populate(store)


def test_dash_is_standard_output(cli, ids, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("export", "--format", "csv", "-o", "-")
    assert result.exit_code == 0 and "note" in result.stdout.splitlines()[0] and len(result.stdout.splitlines()) == 5
    assert not (tmp_path / "-").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_new_files_get_the_users_umask_and_existing_ones_keep_their_mode(cli, ids, tmp_path):
    previous = os.umask(0o022)
    try:
        target = tmp_path / "bib.md"
        assert cli("export", "--format", "markdown", "-o", str(target)).exit_code == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)
        assert cli("report", "-o", str(target)).exit_code == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text().startswith("<!DOCTYPE html>")
    finally:
        os.umask(previous)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symlink_is_written_through_to_its_target(cli, ids, tmp_path):
    real = tmp_path / "real" / "bib.ris"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.ris"
    link.symlink_to(real)
    assert cli("export", "--format", "ris", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "TY  -" in real.read_text()
    assert not [p for p in real.parent.iterdir() if p.name != "bib.ris"]  # no temporary left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_is_written_in_place_never_replaced(cli, ids, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    assert cli("export", "--format", "bibtex", "-o", str(fifo)).exit_code == 0
    reader.join()
    assert stat.S_ISFIFO(fifo.stat().st_mode) and "@" in received[0]


def test_a_directory_is_refused_with_one_line(cli, ids, tmp_path):
    result = cli("export", "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code == 2 and "directory" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_exports_write_only_printable_text(cli, ids, tmp_db, tmp_path):
    with open_store(tmp_db) as store, store.transaction() as db:
        db.execute("UPDATE citations SET title = ? WHERE id = ?", ["Wells\x1b]0;pwned\x07 of\x9b2J the valley", ids["citations"][0]])
    for fmt in ("markdown", "html", "csl-json", "bibtex", "ris", "csv"):
        target = tmp_path / f"out.{fmt}"
        assert cli("export", "--format", fmt, "-o", str(target)).exit_code == 0
        for text in (target.read_text(encoding="utf-8"), cli("export", "--format", fmt).stdout):
            assert not [ch for ch in text if ord(ch) < 32 and ch not in "\t\n\r" or 0x7F <= ord(ch) <= 0x9F], fmt
            assert "pwned" in text
