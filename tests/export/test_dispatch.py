"""`export()` dispatches by format, from entries or straight from a store."""

from __future__ import annotations

import json

import pytest

from citetrack.errors import CitetrackError
from citetrack.export import FORMATS, export


def test_unknown_format_is_a_citetrack_error(entries):
    with pytest.raises(CitetrackError, match="unknown export format"):
        export(entries, "docx")


def test_every_format_renders_from_a_store(filled):
    store, ids = filled
    for fmt in FORMATS:
        assert export(store, fmt, ids["document"]).strip()
    items = json.loads(export(store, "csl-json"))
    assert len(items) == 4
