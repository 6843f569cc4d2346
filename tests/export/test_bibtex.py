"""BibTeX parses back with bibtexparser 2 and keeps LaTeX specials escaped."""

from __future__ import annotations

import bibtexparser

from citetrack.export import export
from citetrack.export.bibtex import latex_escape


def test_latex_escape():
    assert latex_escape("50% of $5 & #1 {x} a_b ~ ^ \\") == (
        r"50\% of \$5 \& \#1 \{x\} a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )


def test_bibtex_parses_back(entries):
    text = export(entries, "bibtex")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert [entry.entry_type for entry in library.entries] == ["article", "online", "report", "online"]
    first = library.entries[0]
    assert first.fields_dict["author"].value == "Smith, Ann"
    assert first.fields_dict["urldate"].value == "2024-03-10"
    assert first.fields_dict["date"].value == "2023-01-12"
    assert first.fields_dict["url"].value == "https://valley.example/2023/01/12/wells?a=1&b=2"
    assert "Checked by phone" in first.fields_dict["note"].value


def test_bibtex_escapes_hostile_titles_and_drops_unsafe_urls(entries):
    library = bibtexparser.parse_string(export(entries, "bibtex"))
    report = library.entries[2]
    title = report.fields_dict["title"].value
    assert r"\{50\%\} \$5 \#1 \textasciitilde{} \textasciicircum{}\_" in title
    assert "url" not in report.fields_dict
    assert report.fields_dict["date"].value == "2022"
