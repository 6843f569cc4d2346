"""Faults: `citetrack check` and `citetrack archive` killed with SIGKILL at random moments, then
run again. The store stays sound (`PRAGMA integrity_check`), no recorded result and no reviewer
decision is lost, no URL stays leased, every WARC record stays readable.

The processes run against a slow loopback site so that a run lasts a second or two and the kill
lands anywhere: during start-up, migrations, leasing, checking, writing a batch, or finishing.
The quick part kills each command 3 times; the long part (CITETRACK_SLOW=1) 20 times.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from hardening_kit import REPO, citetrack_argv, integrity, query, run_cli, subprocess_env
from hostile_site import HostileSite
from test_check_hostile import document_citing

KILLS = [3, pytest.param(20, marks=pytest.mark.slow, id="20")]  # the quick part kills 3 times, the long 20


@pytest.fixture(scope="module")
def slow_site():
    with HostileSite("127.0.0.5") as site:
        yield site


def seed_store(tmp_path: Path, site: HostileSite, count: int, delay_ms: int) -> tuple[Path, int]:
    """A store citing `count` slow pages, with one flag dismissed by a reviewer; (db, flag id)."""
    urls = [site.url(f"/slow/{delay_ms}/2024/01/0{1 + i % 9}/page-{i}") for i in range(count)]
    doc = tmp_path / "slow.md"
    doc.write_text(document_citing(urls), encoding="utf-8")
    db = tmp_path / "store" / "citetrack.db"
    assert run_cli(db, "ingest", str(doc), "--json").exit_code == 0
    flags = json.loads(run_cli(db, "flags", "--json").stdout)
    assert flags, "the seeded document should carry misdated flags"
    decided = flags[0]["id"]
    outcome = run_cli(db, "dismiss", str(decided), "--note", "checked by hand: the URL date is the draft's")
    assert outcome.exit_code == 0, outcome.stderr
    return db, decided


def start(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(citetrack_argv("--db", str(db), *args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=subprocess_env(), cwd=str(REPO))


def kill_at_random(db: Path, args: tuple[str, ...], rng: random.Random, longest: float) -> bool:
    """Start the command, SIGKILL it after a random delay; True when it was still running."""
    process = start(db, *args)
    try:
        time.sleep(rng.uniform(0.05, longest))
        alive = process.poll() is None
        if alive:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if not alive:
            assert process.returncode in (0, 1), process.stderr.read() if process.stderr else ""
        return alive
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def run_to_the_end(db: Path, *args: str) -> dict:
    done = subprocess.run(citetrack_argv("--db", str(db), *args, "--json"), capture_output=True, text=True,
                          env=subprocess_env(), cwd=str(REPO), timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert "locked" not in done.stderr.lower() and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def decision_kept(db: Path, flag_id: int) -> None:
    rows = query(db, "SELECT status, note FROM flags WHERE id = ?", (flag_id,))
    assert rows == [("dismissed", "checked by hand: the URL date is the draft's")], rows
    events = query(db, "SELECT action FROM flag_events WHERE flag_id = ? AND action = 'dismissed'", (flag_id,))
    assert events, "the decision's history was lost"


def live_leases(db: Path) -> int:
    current = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    return query(db, "SELECT count(*) FROM urls WHERE lease_until IS NOT NULL AND lease_until >= ?", (current,))[0][0]


# ------------------------------------------------------------------ check


@pytest.mark.parametrize("kills", KILLS)
def test_check_survives_sigkill(tmp_path, slow_site, kills, figures):
    db, decided = seed_store(tmp_path, slow_site, count=40, delay_ms=150)
    rng = random.Random(7 if kills < 10 else time.time())  # CI repeats its moments; the long run explores
    args = ("check", "--allow-private", "--timeout", "5", "--dead-after", "1")
    kept: set[int] = set()
    killed = 0
    for _ in range(kills):
        killed += kill_at_random(db, args, rng, longest=2.5)
        assert integrity(db) == "ok"
        checks = {row[0] for row in query(db, "SELECT id FROM checks")}
        assert kept <= checks, "a recorded check result was lost"
        kept = checks
        decision_kept(db, decided)
    run_to_the_end(db, *args)
    assert integrity(db) == "ok"
    assert kept <= {row[0] for row in query(db, "SELECT id FROM checks")}
    decision_kept(db, decided)
    assert live_leases(db) == 0, "a killed run's lease outlived the next run"
    unchecked = query(db, "SELECT url FROM urls WHERE last_checked_at IS NULL")
    assert unchecked == [], f"URLs never checked after the runs: {unchecked[:3]}"
    # within one run, each URL is checked once
    doubles = query(db, "SELECT url_id, run_id, count(*) FROM checks GROUP BY url_id, run_id HAVING count(*) > 1")
    assert doubles == [], doubles
    figures.add("kills_survived_check", killed)


# ------------------------------------------------------------------ archive


def warc_problems(archive_dir: Path, db: Path) -> list[str]:
    """Read every WARC file with warcio from start to end. A torn LAST record (a run killed in
    the middle of writing it) is tolerated; anything the store points to beyond it is not."""
    from warcio.archiveiterator import ArchiveIterator

    problems = []
    for path in sorted(archive_dir.glob("*.warc*")):
        good_end = 0
        responses: set[tuple[str, str]] = set()
        with path.open("rb") as handle:
            iterator = ArchiveIterator(handle)
            try:
                for record in iterator:
                    key = (record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers.get_header("WARC-Payload-Digest"))
                    if record.rec_type == "response":  # a record a killed run left is reused, never written twice
                        if key in responses:
                            problems.append(f"{path.name}: {key[0]} recorded twice with the same body")
                        responses.add(key)
                    iterator.read_to_end(record)
                    good_end = iterator.get_record_offset() + iterator.get_record_length()
                continue
            except Exception:  # noqa: BLE001 - a tear: see what lies beyond it
                pass
        beyond = query(db, "SELECT count(*) FROM snapshots WHERE warc_file = ? AND warc_offset >= ?",
                       (path.name, good_end))[0][0]
        if beyond:
            problems.append(f"{path.name}: {beyond} stored snapshot(s) written after a torn record at {good_end}")
    return problems


def snapshots_readable(db: Path) -> int:
    """Every snapshot the store points to reads back through the product's own reader."""
    from citetrack.archive.warc import RecordRef, read_response

    rows = query(db, "SELECT warc_file, warc_offset, warc_length FROM snapshots WHERE warc_file IS NOT NULL")
    for name, offset, length in rows:
        read_response(db.parent / "archive", RecordRef(name, offset, length))
    return len(rows)


@pytest.mark.parametrize("kills", KILLS)
def test_archive_survives_sigkill(tmp_path, slow_site, kills, figures):
    db, decided = seed_store(tmp_path, slow_site, count=30, delay_ms=60)
    rng = random.Random(8 if kills < 10 else time.time())
    args = ("archive", "--allow-private", "--no-wayback", "--timeout", "5")
    kept: set[int] = set()
    killed = 0
    for _ in range(kills):
        killed += kill_at_random(db, args, rng, longest=2.0)
        assert integrity(db) == "ok"
        snaps = {row[0] for row in query(db, "SELECT id FROM snapshots")}
        assert kept <= snaps, "a recorded snapshot was lost"
        kept = snaps
        decision_kept(db, decided)
        snapshots_readable(db)
    run_to_the_end(db, *args)
    assert integrity(db) == "ok"
    decision_kept(db, decided)
    assert snapshots_readable(db) >= 30
    assert live_leases(db) == 0
    assert warc_problems(db.parent / "archive", db) == []
    figures.add("kills_survived_archive", killed)


def test_a_torn_warc_tail_is_skipped_and_repaired(tmp_path, slow_site):
    """A run killed in the middle of a record leaves a torn tail; the next run must not build on it."""
    db, _ = seed_store(tmp_path, slow_site, count=3, delay_ms=1)
    args = ("archive", "--allow-private", "--no-wayback", "--timeout", "5")
    run_to_the_end(db, *args)
    [warc] = sorted((db.parent / "archive").glob("*.warc*"))
    data = warc.read_bytes()
    # a record cut in the middle, as a SIGKILL during write() leaves it
    warc.write_bytes(data + data[len(data) // 2 : len(data) // 2 + 700])
    torn_size = warc.stat().st_size
    extra = tmp_path / "more.md"
    extra.write_text(document_citing([slow_site.url("/slow/1/2024/02/02/late")]), encoding="utf-8")
    assert run_cli(db, "ingest", str(extra), "--json").exit_code == 0
    run_to_the_end(db, *args)
    assert warc.stat().st_size == torn_size, "the next run wrote after a torn record"
    assert snapshots_readable(db) >= 4
    assert warc_problems(db.parent / "archive", db) == []
    assert len(list((db.parent / "archive").glob("*.warc*"))) == 2  # the new record went to a sound file
