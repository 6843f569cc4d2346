"""Every command's JSON and every export on the demo store is byte-for-byte as recorded.

The recorded files are in tests/golden/; after an intended change of output, regenerate them with
`python scripts/golden.py --write` and review the diff.
"""

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _golden_module():
    spec = importlib.util.spec_from_file_location("golden_script", REPO / "scripts" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    golden = _golden_module()
    return golden, golden.produce(tmp_path_factory.mktemp("golden"))


def test_every_command_has_a_golden_file(outputs):
    golden, produced = outputs
    missing = [name for name in produced if not (golden.GOLDEN / name).exists()]
    assert not missing, f"missing golden files (run python scripts/golden.py --write): {missing}"


@pytest.mark.parametrize("name", sorted([*_golden_module().COMMANDS, "schema.sql"]))
def test_output_matches_its_golden_file(outputs, name):
    golden, produced = outputs
    assert produced[name] == (golden.GOLDEN / name).read_text(encoding="utf-8"), (
        f"{name} changed; if intended, run python scripts/golden.py --write")


def test_normalise_keeps_what_a_run_repeats_and_hides_what_it_cannot():
    golden = _golden_module()
    text = golden.normalise('{"checked_at": "2024-06-12T09:00:00+00:00", "elapsed_ms": 41, "date": "2024-06-12"}',
                            "/tmp/x")
    assert text == '{"checked_at": "<time>", "elapsed_ms": <duration>, "date": "2024-06-12"}'
