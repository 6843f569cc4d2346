"""The OpenDocument reader: text:note citations and bodies, superscript spans, bad input."""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docgen  # noqa: E402

from citetrack.errors import BadInputError  # noqa: E402
from citetrack.read import read  # noqa: E402


def test_sample_reads_like_its_docx(tmp_path):
    spec = docgen.sample_spec()
    odt = read(docgen.render_odt(spec, tmp_path / "paper.odt"))
    docx = read(docgen.render_docx(spec, tmp_path / "paper.docx"))
    assert odt.claims == docx.claims
    assert [(n.label, n.text, n.hrefs) for n in odt.notes] == [(n.label, n.text, n.hrefs) for n in docx.notes]
    assert odt.title == "Water Supply in the Northern Region"
    assert odt.published == dt.date(2024, 1, 15)


def test_superscript_span_without_note_is_a_marker(tmp_path):
    spec = docgen.DocSpec("Odd", [docgen.para("A claim.[[1]] A typed marker.[[4]]")], [docgen.NoteSpec("1", "Source.")])
    doc = read(docgen.render_odt(spec, tmp_path / "odd.odt"))
    assert doc.markers == ("1", "4")
    assert [n.label for n in doc.notes] == ["1"]


def test_odt_without_content_is_refused(tmp_path):
    path = tmp_path / "empty.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(BadInputError, match="content.xml is missing"):
        read(path)


def test_a_squared_unit_is_no_marker_and_a_site_name_does_not_hide_the_link(tmp_path):
    """Issue 13: `1000 km²` beside a real note is an exponent; a linked title followed by its
    host written as a site name (`Harbourarchives.example (2012-08-30)`) keeps its link."""
    note = docgen.NoteSpec(
        "1",
        "Welcome to the Harbour Archives website. Harbourarchives.example (2012-08-30). Retrieved on 2013-08-17.",
        links=(("Welcome to the Harbour Archives website", "http://www.harbourarchives.example/"),),
    )
    spec = docgen.DocSpec("Land", [docgen.para("The town bought land (1000 km[[2]]) near the river.[[1]]")], [note])
    doc = read(docgen.render_odt(spec, tmp_path / "land.odt"))
    assert [(c.text, c.labels) for c in doc.claims] == [("The town bought land (1000 km2) near the river.", ("1",))]
    assert doc.notes[0].hrefs == ("http://www.harbourarchives.example/",)


def test_a_century_s_raised_ending_is_no_lettered_marker(tmp_path):
    """`XIXᵉ siècle`: a raised `e` after a Roman numeral ends the ordinal, it marks no note."""
    spec = docgen.DocSpec("Siècle", [docgen.para("Au XIX[[e]] siècle, les écoles servaient une soupe.[[1]]")], [docgen.NoteSpec("1", "Archives.")])
    doc = read(docgen.render_odt(spec, tmp_path / "siecle.odt"))
    assert doc.markers == ("1",)
