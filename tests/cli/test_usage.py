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


def test_shell_completion_completes_commands_and_options(monkeypatch):
    from typer.testing import CliRunner

    from citetrack.cli import app

    runner = CliRunner()
    for words, cword, expected in (("citetrack fl", "1", "flags"), ("citetrack export --for", "2", "--format")):
        env = {"_CITETRACK_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
        result = runner.invoke(app, [], prog_name="citetrack", env=env)
        assert expected in result.stdout.split(), result.stdout
    assert "--show-completion" in runner.invoke(app, ["--help"], prog_name="citetrack").stdout


def test_quiet_keeps_results_and_drops_notes(cli, store, tmp_path):
    out = tmp_path / "refs.csv"
    loud = cli("export", "--format", "csv", "-o", str(out))
    assert loud.exit_code == 0 and "Wrote" in loud.stderr
    quiet = cli("-q", "export", "--format", "csv", "-o", str(out))
    assert quiet.exit_code == 0 and quiet.stderr == "" and out.is_file()
    assert cli("documents").exit_code == 0 and "Wrote" in cli("export", "--format", "csv", "-o", str(out)).stderr


def test_progress_shows_only_when_wanted_and_at_a_terminal(monkeypatch):
    import sys

    from citetrack.cli.context import CliState

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert CliState().shows_progress() and not CliState().shows_progress(as_json=True)
    assert not CliState(progress=False).shows_progress()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert not CliState().shows_progress()


@pytest.mark.parametrize("flags", [["--no-progress"], ["-q"]])
def test_root_output_flags_are_accepted_before_any_command(cli, store, flags):
    result = cli(*flags, "documents", "--json")
    assert result.exit_code == 0, result.stderr
    import json

    assert json.loads(result.stdout) == []  # stdout stays one JSON document


def test_verbose_logs_on_stderr_and_keeps_stdout_clean(tmp_path):
    """-v turns on citetrack's log, -vv every library's (a process of its own: logging is process-wide)."""
    import json
    import subprocess
    import sys

    db = tmp_path / "v.db"
    doc = tmp_path / "paper.md"
    doc.write_text(MARKDOWN, encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "citetrack", "--db", str(db), *args],  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    assert run("ingest", str(doc)).returncode == 0
    quiet = run("export", "--format", "csl-json")
    loud = run("-v", "export", "--format", "csl-json")
    assert loud.returncode == 0 and json.loads(loud.stdout) == json.loads(quiet.stdout)
    assert f"citetrack: INFO citetrack.cli.context: store {db} opened" in loud.stderr and quiet.stderr == ""
    assert run("-vv", "documents").returncode == 0
