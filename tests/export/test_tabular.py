"""CSV: one row per source, columns a spreadsheet can use, formulas defused."""

from __future__ import annotations

import csv
import io

from citetrack.export import export
from citetrack.export.model import BibEntry


def test_csv_one_row_per_source(entries):
    rows = list(csv.DictReader(io.StringIO(export(entries, "csv"))))
    assert len(rows) == len(entries)
    first = rows[0]
    assert first["note"] == "1" and first["claim"] == "The valley has forty wells."
    assert first["status"] == "dead" and first["last_checked"] == "2024-03-10"
    assert first["archive_url"].startswith("https://web.archive.org/") and first["archived_at"] == "2024-03-03"
    assert first["open_flags"] == "dead-link: Note 1: the link is dead"
    assert "Checked by phone" in first["decided_flags"]
    assert rows[3]["status"] == "no link"


def test_csv_defuses_formulas():
    rows = list(csv.reader(io.StringIO(export([BibEntry(1, "=HYPERLINK(\"http://evil\")", title="+1")], "csv"))))
    assert rows[1][3].startswith("'=") and rows[1][4] == "'+1"
