"""RIS parses back with rispy."""

from __future__ import annotations

import rispy

from citetrack.export import export


def test_ris_parses_back(entries):
    text = export(entries, "ris")
    assert text.startswith("TY  - ")
    records = rispy.loads(text)
    assert [record["type_of_reference"] for record in records] == ["NEWS", "ELEC", "RPRT", "ELEC"]
    first = records[0]
    assert first["authors"] == ["Smith, Ann"] and first["secondary_title"] == "Valley Times"
    assert first["urls"] == ["https://valley.example/2023/01/12/wells?a=1&b=2"]
    assert first["access_date"] == "2024/03/10" and first["date"] == "2023/01/12" and first["year"] == "2023/01/12/"
    assert any("Checked by phone" in note for note in first["notes"])
    assert "urls" not in records[2]  # javascript: dropped
    assert all("\n" not in note for record in records for note in record.get("notes", []))
    assert records[2]["year"] == "2022" and "date" not in records[2]  # a year alone is PY only


def test_ris_is_written_without_rispy(entries, monkeypatch):
    """The export works with the runtime dependencies alone: rispy is only a test tool."""
    import sys

    monkeypatch.setitem(sys.modules, "rispy", None)  # importing it now fails
    monkeypatch.delitem(sys.modules, "citetrack.export.ris", raising=False)  # and the writer loads anew
    text = export(entries, "ris")
    assert text.count("ER  - ") == len(entries) and "AU  - Smith, Ann" in text
