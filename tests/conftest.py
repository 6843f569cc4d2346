"""Fixtures shared by the whole suite: the shared sample, a fresh store, the CLI runner."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests are derandomized unless HYPOTHESIS_FRESH=1: `make test` on a fresh machine is
# reproducible and never fails on a new random draw. Fresh draws, to look for reader limits, are
# asked for. In CI (CI=true) they keep no example database either.
hypothesis_settings.register_profile("fixed", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")
elif not os.environ.get("HYPOTHESIS_FRESH"):
    hypothesis_settings.load_profile("fixed")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "jnim-expansion-2024.txt"


@pytest.fixture
def shared_sample() -> Path:
    """The real policy paper from ../shared (never copied into the project); skip when absent."""
    if not SAMPLE.is_file():
        pytest.skip("../shared/samples is not available here")
    return SAMPLE


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    """A path for a fresh store (the file does not exist yet)."""
    return tmp_path / "db" / "citetrack.db"


@pytest.fixture
def store(tmp_db: Path):
    from citetrack.store import open_store

    with open_store(tmp_db) as opened:
        yield opened


@pytest.fixture
def cli(tmp_db: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the CLI against the temporary store: `cli("flags", "--json")` -> click Result."""
    from typer.testing import CliRunner

    from citetrack.cli import app

    monkeypatch.setenv("CITETRACK_DB", str(tmp_db))
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def fill():
    """tests/export/fill.py as a module: a store filled row by row with an invented document,
    and hand-built export entries (tests are not a package under --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location("citetrack_tests_fill", REPO / "tests" / "export" / "fill.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
