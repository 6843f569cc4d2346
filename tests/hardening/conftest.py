"""Fixtures of the hardening suite: the slow-test gate, the figures recorder, the CLI helpers.

Long tests carry `@pytest.mark.slow` and run only with CITETRACK_SLOW=1 (or
`scripts/hardening.py --long`). Every test may record a figure (inputs tried, kills
survived...) with the `figures` fixture; `scripts/hardening.py` collects them into its table.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # the suite's helpers: hardening_kit, hostile_site

from hardening_kit import SLOW, FiguresRecorder  # noqa: E402


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SLOW:
        return
    skip = pytest.mark.skip(reason="long hardening test: run with CITETRACK_SLOW=1 or scripts/hardening.py --long")
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents and "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def figures() -> FiguresRecorder:
    """Record a measured figure: `figures.add("inputs_tried", 50)`; no-op outside the script."""
    return FiguresRecorder(os.environ.get("CITETRACK_HARDENING_FIGURES"))
