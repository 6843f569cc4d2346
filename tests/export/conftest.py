"""Fixtures for the export tests: a filled store and hand-built entries (see fill.py)."""

from __future__ import annotations

from typing import Any

import pytest

from citetrack.export.model import BibEntry
from citetrack.store import Store


@pytest.fixture
def filled(store: Store, fill) -> tuple[Store, dict[str, Any]]:
    return store, fill.populate(store)


@pytest.fixture
def entries(fill) -> list[BibEntry]:
    return fill.sample_entries()
