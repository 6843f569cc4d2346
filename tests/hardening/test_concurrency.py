"""Several processes on one store at once: two `check` runs, an `archive` run, and reviewers
resolving and dismissing flags meanwhile. No lock error reaches the user, no URL is checked
twice within one run, no write is lost."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from hardening_kit import REPO, citetrack_argv, integrity, query, run_cli, subprocess_env
from hostile_site import HostileSite
from test_check_hostile import document_citing

# (rounds, reviewer processes at once): the quick part once with 4 reviewers, the long part 5 x 12
SIZES = [(1, 4), pytest.param(5, 12, marks=pytest.mark.slow, id="5x12")]


@pytest.fixture(scope="module")
def busy_site():
    with HostileSite("127.0.0.6") as site:
        yield site


def spawn(db, *args: str) -> subprocess.Popen:
    return subprocess.Popen(citetrack_argv("--db", str(db), *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=subprocess_env(), cwd=str(REPO))


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


@pytest.mark.parametrize(("rounds", "reviewers"), SIZES)
def test_check_archive_and_review_at_once(tmp_path, busy_site, rounds, reviewers, figures):
    for round_ in range(rounds):
        one_round(tmp_path / f"round-{round_}", busy_site, round_, reviewers, figures)


def one_round(tmp_path, busy_site, round_: int, decisions_wanted: int, figures) -> None:
    urls = [busy_site.url(f"/slow/60/2024/01/0{1 + i % 9}/r{round_}-{i}") for i in range(30)]
    tmp_path.mkdir(parents=True)
    doc = tmp_path / "busy.md"
    doc.write_text(document_citing(urls), encoding="utf-8")
    db = tmp_path / "store" / "citetrack.db"
    assert run_cli(db, "ingest", str(doc), "--json").exit_code == 0
    flags = [flag["id"] for flag in json.loads(run_cli(db, "flags", "--json").stdout)]
    assert len(flags) >= 6

    workers = [
        spawn(db, "check", "--allow-private", "--timeout", "5", "--per-host", "2", "--json"),
        spawn(db, "check", "--allow-private", "--timeout", "5", "--per-host", "2", "--json"),
        spawn(db, "archive", "--allow-private", "--no-wayback", "--timeout", "5", "--json"),
    ]
    decisions: dict[int, str] = {}
    reviewers = []
    time.sleep(0.8)  # the runs are under way (past start-up) when the reviewers write
    for index, flag_id in enumerate(flags[:decisions_wanted]):  # reviewers decide while the runs write
        action = "dismiss" if index % 2 else "resolve"
        reviewers.append(spawn(db, action, str(flag_id), "--note", f"decided {action} #{index}"))
        decisions[flag_id] = action
    for reviewer in reviewers:
        code, _, err = finish(reviewer)
        assert code == 0, err
        assert "locked" not in err.lower()
    outcomes = [finish(worker) for worker in workers]
    for code, out, err in outcomes:
        assert code in (0, 1), err
        assert "locked" not in err.lower() and "Traceback" not in err, err
        json.loads(out)

    assert integrity(db) == "ok"
    # no lost writes: every decision is there, with its history
    for flag_id, action in decisions.items():
        expected = "dismissed" if action == "dismiss" else "resolved"
        assert query(db, "SELECT status FROM flags WHERE id = ?", (flag_id,)) == [(expected,)]
        assert query(db, "SELECT count(*) FROM flag_events WHERE flag_id = ? AND action = ?", (flag_id, expected))[0][0] >= 1
    # no double work: within a run, each URL is checked once; every URL was checked
    doubles = query(db, "SELECT url_id, run_id, count(*) FROM checks GROUP BY url_id, run_id HAVING count(*) > 1")
    assert doubles == []
    assert query(db, "SELECT count(*) FROM urls WHERE last_checked_at IS NULL")[0][0] == 0
    assert query(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL")[0][0] == 0
    assert query(db, "SELECT count(DISTINCT url_id) FROM snapshots")[0][0] == len(urls)
    assert query(db, "SELECT count(*) FROM urls WHERE lease_owner IS NOT NULL")[0][0] == 0
    figures.add("concurrent_writers", len(workers) + len(reviewers), "max")
    figures.add("concurrent_rounds", 1)
