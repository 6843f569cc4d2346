import datetime as dt

import pytest

from citetrack.check.classify import DomainRule
from citetrack.config import check_section, find_config, load_config, parse_duration
from citetrack.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("7d", 7 * 86400), ("12h", 43200), ("30m", 1800), ("90s", 90), ("2w", 14 * 86400), ("1d12h", 129600), ("45", 45), (60, 60)],
)
def test_durations(text, seconds):
    assert parse_duration(text) == dt.timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "7x", "d", "soon", "-3d", "3 days"])
def test_bad_durations(text):
    with pytest.raises(ConfigError):
        parse_duration(text)


def test_check_section_parses_every_key(tmp_path):
    path = tmp_path / "citetrack.toml"
    path.write_text(
        '[check]\nstale_after = "7d"\nconcurrency = 8\nper_host = 2\ntimeout = 5\ndead_after = 2\ndead_spacing = "1d"\n'
        'allow_private = true\nfail_on = "flags"\nuser_agent = "ua"\nmax_bytes = 1000\nretries = 1\nhead_first = false\n'
        '[check.domains."X.com"]\nblocked_statuses = [400, 403, 404]\n[check.domains."intranet.example.org"]\nexclude = true\n'
    )
    section = check_section(load_config(path))
    assert section["stale_after"] == dt.timedelta(days=7) and section["dead_spacing"] == dt.timedelta(days=1)
    assert section["domains"]["x.com"] == DomainRule(blocked_statuses=frozenset({400, 403, 404}))
    assert section["domains"]["intranet.example.org"].exclude
    assert section["concurrency"] == 8 and section["fail_on"] == "flags" and section["head_first"] is False


@pytest.mark.parametrize(
    "body",
    ['[check]\nconcurency = 3\n', '[check]\nconcurrency = "many"\n', '[check]\nfail_on = "always"\n',
     '[check]\nper_host = 0\n', '[check.domains."a.org"]\nblocked = [403]\n', '[check.domains."a.org"]\nok_statuses = ["x"]\n',
     '[check]\nallow_private = 1\n', 'not toml at all ==='],
)
def test_bad_config_is_a_one_line_error(tmp_path, body):
    path = tmp_path / "c.toml"
    path.write_text(body)
    with pytest.raises(ConfigError):
        check_section(load_config(path), str(path))


def test_find_config_order(tmp_path):
    store_dir = tmp_path / "db"
    store_dir.mkdir()
    cwd = tmp_path / "work"
    cwd.mkdir()
    assert find_config(None, store_dir / "citetrack.db", cwd) is None
    (cwd / "pyproject.toml").write_text("[tool.citetrack.check]\nper_host = 1\n")
    assert find_config(None, store_dir / "citetrack.db", cwd) == cwd / "pyproject.toml"
    assert check_section(load_config(cwd / "pyproject.toml")) == {"per_host": 1}
    (cwd / "citetrack.toml").write_text("")
    assert find_config(None, store_dir / "citetrack.db", cwd) == cwd / "citetrack.toml"
    (store_dir / "citetrack.toml").write_text("")
    assert find_config(None, store_dir / "citetrack.db", cwd) == store_dir / "citetrack.toml"
    with pytest.raises(ConfigError):
        find_config(tmp_path / "missing.toml")


def test_pyproject_without_our_table_is_ignored(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(None, None, tmp_path) is None
