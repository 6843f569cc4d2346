"""`citetrack check`, `status` and `history` through the CLI: JSON shapes, exit codes, config."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "check"))

from fixture_site import FixtureSite, Page  # noqa: E402
from seeding import seed_urls  # noqa: E402

from citetrack.store import open_store  # noqa: E402

FAST = ["--allow-private", "--timeout", "2"]


@pytest.fixture
def site():
    with FixtureSite(hosts=2) as running:
        running.route(0, "/ok", Page(200, "<title>Fine</title>"))
        running.route(0, "/", Page(200))
        running.route(0, "/home-redirect", Page.redirect("/", 301))
        yield running


@pytest.fixture
def seeded(tmp_db, site):
    urls = [site.url(0, "/ok"), site.url(0, "/missing"), site.url(0, "/home-redirect"), site.url(1, "/x")]
    with open_store(tmp_db) as store:
        seed_urls(store, urls)
    return urls


def test_check_json_shape_and_exit_1_when_a_link_becomes_dead(cli, seeded):
    result = cli("check", *FAST, "--dead-after", "1", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["checked"] == 4
    for item in data["results"]:
        assert {"url", "status", "http_status", "final_url", "error"} <= set(item)
        assert item["status"] in {"ok", "redirected", "dead", "soft-404", "blocked", "error"}
    by_url = {r["url"]: r for r in data["results"]}
    assert by_url[seeded[0]]["status"] == "ok" and by_url[seeded[0]]["http_status"] == 200
    assert by_url[seeded[1]]["status"] == "dead" and by_url[seeded[1]]["http_status"] == 404
    assert by_url[seeded[2]]["status"] == "dead" and by_url[seeded[2]]["final_url"].endswith("/")
    assert by_url[seeded[1]]["error"]
    # Already dead: nothing *became* dead, exit 0.
    assert cli("check", *FAST, "--dead-after", "1", "--json").exit_code == 0


def test_fail_on_never_and_flags(cli, seeded):
    assert cli("check", *FAST, "--dead-after", "1", "--fail-on", "never", "--json").exit_code == 0
    assert cli("check", *FAST, "--dead-after", "1", "--fail-on", "flags", "--json").exit_code == 0  # nothing new


def test_default_policy_does_not_fail_on_one_bad_day(cli, seeded):
    result = cli("check", *FAST, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["became_dead"] == []


def test_without_allow_private_loopback_is_refused_with_a_clear_reason(cli, seeded, site):
    data = json.loads(cli("check", "--json").stdout)
    assert {r["status"] for r in data["results"]} == {"error"}
    assert all("loopback" in r["error"] and "--allow-private" in r["error"] for r in data["results"])
    assert site.requests == []


@pytest.mark.parametrize(
    "args",
    [["--stale-after", "soon"], ["--fail-on", "always"], ["--concurrency", "0"], ["--dead-spacing", "x"],
     ["--config", "/nonexistent/citetrack.toml"]],
)
def test_bad_usage_exits_2_with_one_line(cli, args, tmp_db):
    result = cli("check", *args, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert not tmp_db.exists()  # nothing half-written


def test_bad_config_exits_2(cli, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[check]\nconcurency = 3\n')
    result = cli("check", "--config", str(config), "--json")
    assert result.exit_code == 2 and "unknown key check.concurency" in result.stderr


def test_config_file_beside_the_store_with_command_line_winning(cli, seeded, site, tmp_db):
    (tmp_db.parent / "citetrack.toml").write_text(
        '[check]\ndead_after = 1\nallow_private = true\nuser_agent = "from-config/1"\n'
        f'[check.domains."{site.url(1).split("//")[1].split(":")[0]}"]\nexclude = true\n'
    )
    result = cli("check", "--timeout", "2", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["checked"] == 3 and data["excluded"] == 1
    assert site.requests[-1].headers["user-agent"] == "from-config/1"
    cli("check", "--user-agent", "from-cli/2", "--json")
    assert site.requests[-1].headers["user-agent"] == "from-cli/2"


def test_pyproject_tool_table(cli, seeded, site, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.citetrack.check]\nallow_private = true\ndead_after = 1\n')
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["counts"]["ok"] == 1


def test_domain_rule_turns_a_status_into_blocked(cli, seeded, site, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text(f'[check.domains."127.0.0.2"]\nblocked_statuses = [404]\n')
    data = json.loads(cli("check", *FAST, "--dead-after", "1", "--config", str(config), "--json").stdout)
    assert {r["url"]: r["status"] for r in data["results"]}[seeded[1]] == "blocked"


def test_status_and_history(cli, seeded):
    cli("check", *FAST, "--dead-after", "1", "--json")
    status = json.loads(cli("status", "--json").stdout)
    (doc,) = status["documents"]
    assert doc["urls"] == 4 and doc["counts"]["ok"] == 1 and doc["counts"]["dead"] == 3
    assert doc["share"]["dead"] == 0.75
    assert status["last_run"]["counts"]["checked"] == 4
    assert {c["to"] for c in status["changes"]} == {"ok", "dead"}
    history = json.loads(cli("history", seeded[1], "--json").stdout)
    assert history["url"] == seeded[1]
    assert [c["status"] for c in history["checks"]] == ["dead"]
    assert history["state"]["confirmed_dead_at"]
    assert cli("status").exit_code == 0 and cli("history", seeded[1]).exit_code == 0


def test_history_of_an_unknown_url_exits_2(cli, seeded):
    result = cli("history", "https://unknown.example.org/", "--json")
    assert result.exit_code == 2 and "no such URL" in result.stderr


def test_status_of_unknown_document_exits_2(cli, seeded):
    assert cli("status", "--document", "99", "--json").exit_code == 2


def test_human_output_goes_to_stderr_and_tables_to_stdout(cli, seeded):
    result = cli("check", *FAST, "--dead-after", "1")
    assert result.exit_code == 1
    assert "Checked 4 link(s)" in result.stderr


def test_progress_bar_renders_counts_without_error(capsys):
    from citetrack.cli.links import _progress_bar
    from citetrack.workflows.check import CheckReport

    report = CheckReport(run_id=1, total=3)
    with _progress_bar(True) as update:
        update(report)
        report.checked = 2
        report.counts["ok"] += 1
        report.counts["dead"] += 1
        update(report)
    with _progress_bar(False) as update:
        assert update is None
