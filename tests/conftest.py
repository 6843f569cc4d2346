"""Fixtures shared by the whole suite: the shared sample, a fresh store, the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

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
