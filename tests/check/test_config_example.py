"""The example configuration shipped in examples/ is valid: every key it documents is accepted."""

from pathlib import Path

from citetrack.config import check_section, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "citetrack.toml"


def test_example_config_loads_and_validates():
    section = check_section(load_config(EXAMPLE), str(EXAMPLE))
    assert section["per_host"] == 4 and section["dead_after"] == 3
    assert section["domains"]["intranet.example.org"].exclude is True
    assert 404 in section["domains"]["twitter.com"].blocked_statuses
    assert section["domains"]["slow.example.net"].per_host == 1
