"""Usage as people get it wrong: one line and exit 2, with a hint, and nothing written."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("command", [["flags"], ["documents"], ["citations", "--json"], ["export", "--format", "ris"],
                                     ["report"], ["check"], ["status"]])
def test_a_read_on_a_missing_store_is_exit_2_and_creates_nothing(cli, tmp_path, monkeypatch, command):
    missing = tmp_path / "nowhere" / "citetrack.db"
    monkeypatch.setenv("CITETRACK_DB", str(missing))
    result = cli(*command)
    assert result.exit_code == 2
    assert f"no store at {missing} (citetrack ingest creates one)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists() and not missing.parent.exists()


def test_ingest_creates_the_store(cli, tmp_path, monkeypatch):
    doc = tmp_path / "paper.md"
    doc.write_text("# P\n\nA claim.[^1]\n\n[^1]: Ann Smith, \"Title,\" 2024. <http://a.example/x>\n", encoding="utf-8")
    store = tmp_path / "new" / "citetrack.db"
    monkeypatch.setenv("CITETRACK_DB", str(store))
    assert cli("ingest", str(doc)).exit_code == 0 and store.exists()
    assert cli("flags").exit_code == 0


def test_a_root_option_after_the_command_gets_a_hint(cli):
    result = cli("ingest", "paper.txt", "--db", "x.db")
    assert result.exit_code == 2
    assert "--db goes before the command: citetrack --db ... ingest ..." in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["--bogus"], ["--db"]])
def test_root_usage_errors_are_one_line(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("citetrack: error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "╭" not in result.output + result.stderr


def test_durations_need_a_unit(cli, store):
    result = cli("check", "--stale-after", "7")
    assert result.exit_code == 2 and "'7' needs a unit" in result.stderr and "7d" in result.stderr
    assert cli("check", "--stale-after", "7d", "--json").exit_code in (0, 1)


MARKDOWN = '# P\n\nA claim.[^1]\n\n[^1]: Ann Smith, "Title," 2024. <http://a.example/x>\n'


def test_ingest_reads_standard_input_with_its_format(cli, tmp_db):
    result = cli("ingest", "-", "--format", "md", "--json", input=MARKDOWN)
    assert result.exit_code == 0, result.stderr
    import json

    [doc] = json.loads(result.stdout)["documents"]
    assert doc["path"] == "<stdin>" and doc["citations"] == 1
    again = json.loads(cli("ingest", "-", "--format", "md", "--json", input=MARKDOWN).stdout)["documents"][0]
    assert again["document_id"] == doc["document_id"]  # piping a new version updates it in place


@pytest.mark.parametrize("args,stdin,message", [
    (["ingest", "-"], MARKDOWN, "needs --format"),
    (["ingest", "-", "--format", "md"], "", "standard input (-) is empty"),
])
def test_standard_input_misuse_is_exit_2_and_writes_nothing(cli, tmp_db, args, stdin, message):
    result = cli(*args, input=stdin)
    assert result.exit_code == 2 and message in result.stderr
    assert not tmp_db.exists()


def test_every_command_help_shows_a_working_example_and_flags_as_flags(cli):
    """Each example parses (options and arguments exist); boolean flags show no `<bool>`."""
    import shlex

    from typer.main import get_command

    from citetrack.cli import EXAMPLES, app

    group = get_command(app)
    assert set(EXAMPLES) == set(group.commands)
    for name, command in group.commands.items():
        help_text = cli(name, "--help").stdout
        assert "Examples:" in help_text and "<bool>" not in help_text, name
        for example in EXAMPLES[name]:
            argv = shlex.split(example.split("|")[-1])
            assert argv[:2] == ["citetrack", name], example
            command.make_context(name, argv[2:], resilient_parsing=False)  # raises on an unknown option
