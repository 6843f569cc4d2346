"""Fixtures for link checks: the loopback fixture site, fast checker options, a seeded store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for fixture_site
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/check for seeding

from fixture_site import FixtureSite, Page, Sequence  # noqa: E402

from citetrack.check.http import HttpOptions  # noqa: E402
from citetrack.check.run import CheckerOptions  # noqa: E402

__all__ = ["FixtureSite", "Page", "Sequence"]


@pytest.fixture
def site():
    """Three loopback hosts: 127.0.0.2, 127.0.0.3, 127.0.0.4 (ports chosen by the system)."""
    with FixtureSite(hosts=3) as running:
        yield running


def fast_options(**overrides) -> CheckerOptions:
    """Checker options with tiny delays and timeouts, private addresses allowed (loopback site)."""
    http = overrides.pop("http", None) or HttpOptions(allow_private=True, timeout=2.0, total_timeout=2.0)
    values = dict(http=http, backoff_base=0.01, retry_after_cap=0.05, host_backoff_max=0.05)
    values.update(overrides)
    return CheckerOptions(**values)


@pytest.fixture
def fast():
    return fast_options


from seeding import quick_check_options, seed_urls  # noqa: E402,F401
