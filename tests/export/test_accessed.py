"""The citing author's access date (issue 13) in every bibliography format that has a field for
it: CSL-JSON `accessed`, BibTeX `urldate`, RIS `Y2`; the last check's day only without one."""

from __future__ import annotations

import json

import bibtexparser
import rispy

from citetrack.export import export
from citetrack.export.model import BibEntry, LinkInfo

LINK = LinkInfo(url="https://news.example/2013/03/05/city", status="ok", checked_at="2024-03-10T09:00:00+00:00")


def _entries(accessed: str | None) -> list[BibEntry]:
    return [BibEntry(id=1, text="Roe. City grows.", title="City grows", outlet="Daily News", date="2013-03-05",
                     date_precision="day", accessed=accessed, footnote="2", links=(LINK,))]


def test_the_authors_access_date_is_exported():
    entries = _entries("2014-04-18")
    [item] = json.loads(export(entries, "csl-json"))
    assert item["accessed"] == {"date-parts": [[2014, 4, 18]]} and item["issued"] == {"date-parts": [[2013, 3, 5]]}
    [record] = rispy.loads(export(entries, "ris"))
    assert record["access_date"] == "2014/04/18"
    assert "Y2  - 2014/04/18" in export(entries, "ris")
    [entry] = bibtexparser.parse_string(export(entries, "bibtex")).entries
    assert entry.fields_dict["urldate"].value == "2014-04-18"


def test_without_one_the_last_check_is_the_access_date():
    [item] = json.loads(export(_entries(None), "csl-json"))
    assert item["accessed"] == {"date-parts": [[2024, 3, 10]]}
