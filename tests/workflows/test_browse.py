"""Look-ups for the read-only commands: which snapshot a day picks, how a URL is found."""

import datetime as dt
from types import SimpleNamespace

import pytest

from citetrack.errors import ConfigError
from citetrack.workflows.browse import as_cited_then_normalized, parse_day, pick_snapshot

SNAPSHOTS = [  # only what the choice reads of a StoredSnapshot
    SimpleNamespace(id=1, fetched_at="2024-03-01T10:00:00"),
    SimpleNamespace(id=2, fetched_at="2024-05-20T09:30:00"),
    SimpleNamespace(id=3, fetched_at="2024-08-02T18:45:00"),
]


def test_without_a_day_the_latest_snapshot_is_chosen():
    assert pick_snapshot(SNAPSHOTS, None).id == 3


def test_a_day_picks_the_last_snapshot_taken_on_or_before_it():
    assert pick_snapshot(SNAPSHOTS, dt.date(2024, 5, 20)).id == 2
    assert pick_snapshot(SNAPSHOTS, dt.date(2024, 7, 1)).id == 2


def test_a_day_before_every_snapshot_picks_the_first():
    assert pick_snapshot(SNAPSHOTS, dt.date(2023, 1, 1)).id == 1


def test_days_are_read_as_iso_dates_and_anything_else_is_refused():
    assert parse_day("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_day(None) is None
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_day("29/02/2024")


def test_a_url_is_looked_up_as_cited_first_then_normalized():
    asked = []

    def lookup(url):
        asked.append(url)
        return {"found": url} if url == "https://example.org/a" else None

    assert as_cited_then_normalized(lookup, "https://example.org/a") == {"found": "https://example.org/a"}
    assert asked == ["https://example.org/a"]
    asked.clear()
    assert as_cited_then_normalized(lookup, "HTTPS://EXAMPLE.ORG/a") == {"found": "https://example.org/a"}
    assert asked == ["HTTPS://EXAMPLE.ORG/a", "https://example.org/a"]


def test_link_status_before_any_check_has_no_run_and_no_changes(store):
    from citetrack.errors import NotFoundError
    from citetrack.workflows.browse import link_status

    assert link_status(store).to_json() == {"documents": [], "last_run": None, "changes": []}
    with pytest.raises(NotFoundError, match="no document with id 4"):
        link_status(store, 4)
