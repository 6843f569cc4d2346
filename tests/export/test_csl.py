"""CSL-JSON is valid: citeproc-py renders a bibliography from it."""

from __future__ import annotations

import json
import warnings

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from citetrack.export import export


def _render(items: list[dict]) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py does not know the (valid) citation-key variable
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return [str(line) for line in bibliography.bibliography()]


def test_csl_json_types_dates_urls_archives_and_notes(entries):
    items = json.loads(export(entries, "csl-json"))
    assert [item["type"] for item in items] == ["article-newspaper", "post", "report", "webpage"]
    first = items[0]
    assert first["issued"] == {"date-parts": [[2023, 1, 12]]} and first["accessed"] == {"date-parts": [[2024, 3, 10]]}
    assert first["URL"].startswith("https://valley.example/")
    assert first["archive"].startswith("https://web.archive.org/web/2024")  # the public copy
    assert "archive_location" not in first and ".warc" not in first["archive"]  # never our local file
    assert first["author"] == [{"given": "Ann", "family": "Smith"}] and first["container-title"] == "Valley Times"
    assert "Link dead (HTTP 404)" in first["note"] and "Checked by phone" in first["note"]
    assert items[2]["issued"] == {"date-parts": [[2022]]}  # year precision stays a year
    assert "URL" not in items[2]  # javascript: never becomes a link
    assert len({item["id"] for item in items}) == len(items)


def test_citeproc_renders_a_bibliography(entries):
    lines = _render(json.loads(export(entries, "csl-json")))
    assert len(lines) == len(entries)
    assert any("Smith, A. (2023)" in line and "Valley Times" in line and "Accessed" in line for line in lines)


def test_empty_export_is_an_empty_list():
    assert json.loads(export([], "csl-json")) == []
