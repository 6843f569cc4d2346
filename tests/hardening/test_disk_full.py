"""A full disk: the store on a tiny tmpfs (when the tests run as root and may mount one), and a
simulated ENOSPC in the WARC writer otherwise. Every command fails with a clear one-line error
(exit 2) or records the failure as data; the store stays sound and usable once space is back."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hardening_kit import EXAMPLE, Outcome, integrity, query, run_cli, store_fingerprint
from hostile_site import HostileSite
from test_check_hostile import document_citing
from test_faults import snapshots_readable, warc_problems

DISK_WORDS = ("space", "full", "disk", "i/o")


@pytest.fixture(scope="module")
def disk_site():
    with HostileSite("127.0.0.7") as site:
        yield site


@pytest.fixture
def tiny_disk(tmp_path):
    """An 8 MB tmpfs mounted for this test (root only), unmounted after."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def fill(disk: Path) -> Path:
    """Take every free byte of the disk; returns the filler file (delete it to free the space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 4096, 512, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)
    return filler


def assert_clear_disk_error(outcome: Outcome) -> None:
    outcome.assert_clean_failure()
    assert any(word in outcome.stderr.lower() for word in DISK_WORDS), outcome.stderr


def big_document(tmp_path: Path, count: int = 600) -> Path:
    doc = tmp_path / "big.md"
    doc.write_text(document_citing([f"https://host{i}.example/2024/01/02/story-{i}" for i in range(count)]),
                   encoding="utf-8")
    return doc


def test_ingest_on_a_full_disk(tiny_disk, tmp_path, figures):
    db = tiny_disk / "store" / "citetrack.db"
    assert run_cli(db, "ingest", str(EXAMPLE), "--json").exit_code == 0
    before = store_fingerprint(db)
    filler = fill(tiny_disk)
    outcome = run_cli(db, "ingest", str(big_document(tmp_path)), "--json")
    listing = run_cli(db, "documents", "--json")  # reading on a full disk: works or says why
    filler.unlink()  # (SQLite cannot even open a WAL store read-only on a full disk)
    assert_clear_disk_error(outcome)
    if listing.exit_code:
        assert_clear_disk_error(listing)
    assert integrity(db) == "ok"
    assert store_fingerprint(db) == before
    again = run_cli(db, "ingest", str(big_document(tmp_path, 200)), "--json")
    assert again.exit_code == 0, again.stderr
    assert integrity(db) == "ok"
    figures.add("disk_full_cases", 1)


def test_check_and_archive_on_a_full_disk(tiny_disk, tmp_path, disk_site, figures):
    db = tiny_disk / "store" / "citetrack.db"
    doc = tmp_path / "pages.md"
    doc.write_text(document_citing([disk_site.url(f"/slow/1/2024/03/0{1 + i % 9}/d{i}") for i in range(40)]),
                   encoding="utf-8")
    assert run_cli(db, "ingest", str(doc), "--json").exit_code == 0
    checks_before = query(db, "SELECT count(*) FROM checks")[0][0]
    filler = fill(tiny_disk)
    outcomes = [run_cli(db, *args) for args in (
        ("check", "--allow-private", "--timeout", "5", "--json"),
        ("archive", "--allow-private", "--no-wayback", "--timeout", "5", "--json"),
    )]
    filler.unlink()
    for outcome in outcomes:
        if outcome.exit_code != 2:  # finished anyway (the disk had room in its last pages): data, not a crash
            json.loads(outcome.stdout)
        else:
            assert_clear_disk_error(outcome)
    assert integrity(db) == "ok"
    assert query(db, "SELECT count(*) FROM checks")[0][0] >= checks_before
    snapshots_readable(db)
    assert warc_problems(db.parent / "archive", db) == []
    # space is back: the runs complete and nothing is missing
    assert run_cli(db, "check", "--allow-private", "--timeout", "5", "--json").exit_code in (0, 1)
    assert run_cli(db, "archive", "--allow-private", "--no-wayback", "--timeout", "5", "--json").exit_code in (0, 1)
    assert integrity(db) == "ok"
    assert query(db, "SELECT count(*) FROM urls WHERE last_checked_at IS NULL")[0][0] == 0
    assert snapshots_readable(db) >= 40
    assert warc_problems(db.parent / "archive", db) == []
    figures.add("disk_full_cases", 2)


def test_simulated_enospc_while_writing_a_warc(tmp_path, disk_site, monkeypatch, figures):
    """Without root: the WARC writer fails with ENOSPC in the middle of a run."""
    from warcio.warcwriter import WARCWriter

    db = tmp_path / "store" / "citetrack.db"
    doc = tmp_path / "pages.md"
    doc.write_text(document_citing([disk_site.url(f"/slow/1/2024/04/0{1 + i % 9}/e{i}") for i in range(6)]),
                   encoding="utf-8")
    assert run_cli(db, "ingest", str(doc), "--json").exit_code == 0
    real_write = WARCWriter.write_record
    writes = {"n": 0}

    def full_after_three(self, record, *args, **kwargs):
        writes["n"] += 1
        if writes["n"] > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, record, *args, **kwargs)

    monkeypatch.setattr(WARCWriter, "write_record", full_after_three)
    outcome = run_cli(db, "archive", "--allow-private", "--no-wayback", "--timeout", "5", "--json")
    if outcome.exit_code == 2:
        assert_clear_disk_error(outcome)
    else:  # recorded as a per-page failure: then it must say so
        assert "space" in outcome.stdout.lower(), outcome.stdout[:2000]
    assert integrity(db) == "ok"
    snapshots_readable(db)
    monkeypatch.setattr(WARCWriter, "write_record", real_write)
    assert run_cli(db, "archive", "--allow-private", "--no-wayback", "--timeout", "5", "--json").exit_code in (0, 1)
    assert snapshots_readable(db) >= 6
    assert warc_problems(db.parent / "archive", db) == []
    figures.add("disk_full_cases", 1)
