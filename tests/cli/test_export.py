"""`citetrack export` and `citetrack report` on a store filled with an invented document."""

from __future__ import annotations

import csv
import io
import json

import pytest

from citetrack.store import open_store


@pytest.fixture
def ids(tmp_db, fill):
    with open_store(tmp_db) as store:
        return fill.populate(store)


def test_export_csl_json_to_stdout(cli, ids):
    result = cli("export", "--format", "csl-json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 4


def test_export_to_a_file(cli, ids, tmp_path):
    target = tmp_path / "bib.csv"
    result = cli("export", "--format", "csv", "--document", str(ids["document"]), "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [row["note"] for row in rows] == ["1", "2", "3", "3"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".bib.csv.")]  # no temporary left behind


def test_export_bad_input_exits_2_and_writes_nothing(cli, ids, tmp_path):
    target = tmp_path / "out.txt"
    result = cli("export", "--format", "docx", "-o", str(target))
    assert result.exit_code == 2 and "unknown export format" in result.stderr and not target.exists()
    result = cli("export", "--format", "ris", "--document", "999", "-o", str(target))
    assert result.exit_code == 2 and "999" in result.stderr and not target.exists()
    assert cli("export").exit_code == 2  # --format is required


def test_export_without_a_store_does_not_create_one_on_bad_format(cli, tmp_db):
    assert cli("export", "--format", "nope").exit_code == 2
    assert not tmp_db.exists()


def test_export_markdown_and_html(cli, ids, tmp_path):
    md = cli("export", "--format", "markdown")
    assert md.exit_code == 0 and "### Note 1" in md.stdout and "Link dead (HTTP 404)" in md.stdout
    target = tmp_path / "bib.html"
    assert cli("export", "--format", "html", "-o", str(target)).exit_code == 0
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and "data-originalurl=" in page and "<script" not in page.replace("&lt;script", "")


def test_every_format_reads_back_on_the_shared_sample(cli, shared_sample):
    """The real policy paper (read from ../shared, never copied): every export parses back whole."""
    import warnings

    import bibtexparser
    import rispy
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    assert cli("ingest", str(shared_sample)).exit_code == 0
    count = len(json.loads(cli("citations", "--json").stdout))
    assert count > 0
    items = json.loads(cli("export", "--format", "csl-json").stdout)
    assert len(items) == count
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            CitationStylesStyle("harvard-cite-them-right", validate=False), CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        assert len(bibliography.bibliography()) == count
    library = bibtexparser.parse_string(cli("export", "--format", "bibtex").stdout)
    assert len(library.entries) == count and not library.failed_blocks
    assert len(rispy.loads(cli("export", "--format", "ris").stdout)) == count
    assert len(list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))) == count
    assert cli("export", "--format", "html").stdout.count('class="source"') == count
