"""`archive` options: defaults, then the [archive] table of the config file, then the command line."""

import pytest

from citetrack import settings
from citetrack.config import archive_section, command_config
from citetrack.errors import ConfigError
from citetrack.workflows.archive import ArchiveOptions

NOTHING_GIVEN = {"allow_private": None, "wayback": None, "save": None, "concurrency": None, "per_host": None,
                 "timeout": None, "max_bytes": None, "extract_timeout": None}


def test_without_file_or_options_the_defaults_hold():
    opts = ArchiveOptions.from_sources({}, NOTHING_GIVEN)
    assert (opts.concurrency, opts.per_host, opts.timeout) == (settings.ARCHIVE_CONCURRENCY, settings.ARCHIVE_PER_HOST, settings.ARCHIVE_TIMEOUT)
    assert opts.wayback is True and opts.save is False and opts.allow_private is False


def test_the_file_overrides_defaults_and_the_command_line_overrides_the_file():
    section = archive_section({"archive": {"concurrency": 2, "timeout": 5, "extract_timeout": 7, "wayback": False}})
    opts = ArchiveOptions.from_sources(section, {**NOTHING_GIVEN, "timeout": 9.5})
    assert (opts.concurrency, opts.timeout, opts.extract_seconds, opts.wayback) == (2, 9.5, 7, False)
    assert ArchiveOptions.from_sources(section, {**NOTHING_GIVEN, "wayback": True}).wayback is True


@pytest.mark.parametrize("table, message", [
    ({"concurency": 3}, "unknown key archive.concurency"),
    ({"concurrency": 0}, "archive.concurrency must be at least 1"),
    ({"timeout": -2}, "archive.timeout must be positive"),
    ({"wayback": "no"}, "archive.wayback must be bool"),
    ({"per_host": True}, "archive.per_host must be int, not a boolean"),
])
def test_a_bad_archive_table_is_refused_with_its_key(table, message):
    with pytest.raises(ConfigError, match=message):
        archive_section({"archive": table}, "citetrack.toml")


def test_a_bad_command_line_value_names_its_option():
    with pytest.raises(ConfigError, match="--per-host must be at least 1"):
        ArchiveOptions.from_sources({}, {**NOTHING_GIVEN, "per_host": 0})


def test_the_config_file_reaches_the_command(cli, tmp_path):
    config = tmp_path / "archive.toml"
    config.write_text("[archive]\nconcurrency = 0\n")
    cli("ingest", "-", "--format", "txt", "--title", "Doc", input="A claim.[1]\n\n1. Source, https://example.org/a\n")
    result = cli("archive", "--config", str(config), "--json")
    assert result.exit_code == 2 and "archive.concurrency must be at least 1" in result.stderr


def test_command_config_finds_reads_and_validates_one_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no citetrack.toml in the working directory
    store_dir = tmp_path / "db"
    store_dir.mkdir()
    (store_dir / "citetrack.toml").write_text("[archive]\nper_host = 2\n[check]\nper_host = 3\n")
    assert command_config("archive", None, store_dir / "citetrack.db") == {"per_host": 2}
    assert command_config("check", None, store_dir / "citetrack.db") == {"per_host": 3}
    assert command_config("archive", None, tmp_path / "elsewhere" / "citetrack.db") == {}
    (store_dir / "citetrack.toml").write_text("[archive]\nper_host = 0\n")
    with pytest.raises(ConfigError, match="archive.per_host must be at least 1"):
        command_config("archive", None, store_dir / "citetrack.db")
