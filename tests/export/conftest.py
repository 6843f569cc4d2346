"""Fixtures for the export tests: a filled store and hand-built entries (see fill.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from citetrack.export.model import BibEntry
from citetrack.store import Store


def load_fill():
    """tests/export/fill.py as a module (tests are not a package under --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location("citetrack_tests_fill", Path(__file__).with_name("fill.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fill = load_fill()


@pytest.fixture
def filled(store: Store) -> tuple[Store, dict[str, Any]]:
    return store, fill.populate(store)


@pytest.fixture
def entries() -> list[BibEntry]:
    return fill.sample_entries()
