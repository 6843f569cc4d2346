"""Hostile titles, outlets, URLs, file names and reviewer notes fed into a store (through ingest,
check, archive of a hostile page, and review) come out of every export and the report as text:
no executable markup survives in HTML or Markdown, no spreadsheet formula in CSV, and the
machine formats still parse."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from bs4 import BeautifulSoup

from hardening_kit import confine_network, run_cli
from hostile_site import HostileSite

FORMATS = ("markdown", "html", "csl-json", "bibtex", "ris", "csv")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background", "data")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """A store whose every text field an attacker could write holds markup."""
    tmp = tmp_path_factory.mktemp("escaping")
    db = tmp / "store" / "citetrack.db"
    with HostileSite("127.0.0.8") as site, pytest.MonkeyPatch.context() as monkeypatch:
        confine_network(monkeypatch)  # hosts in the notes are never looked up or contacted
        page = site.url("/hostile")
        doc = tmp / '<img src=x onerror=alert("path")>.md'
        doc.write_text(
            "# <script>alert('heading')</script>\n\n"
            "Growers reported losses of about 40 percent.[^1] The board <b onmouseover=alert(1)>met</b>.[^2]"
            " A third claim.[^3] A fourth.[^4]\n\n"
            f'[^1]: <script>alert("outlet")</script> Gazette, "<img src=x onerror=alert(1)> Water board title",'
            f" 12 June 2024. <{page}>\n"
            '[^2]: Evil Post, "=HYPERLINK(""http://evil.example/"",""click"")", 2 March 2024.'
            " [click me](javascript:alert(document.cookie))\n"
            '[^3]: "+cmd|\' /C calc\'!A0", @SUM(1+1), -2+3, 5 May 2024. javascript:alert(3)\n'
            '[^4]: Outlet <svg onload=alert(4)>, "Title </textarea><script>alert(5)</script>", 2024.'
            " <http://example.com/\"><script>alert(6)</script>>\n",
            encoding="utf-8",
        )
        ingested = run_cli(db, "ingest", str(doc), "--title", "<script>alert('title')</script>", "--json")
        assert ingested.exit_code == 0, ingested.stderr
        text_doc = tmp / "hostile-notes.txt"
        text_doc.write_text(
            "<script>alert('body')</script> Farmers lost a third of their water.¹ The board met twice.²\n\n"
            f'1 <script>alert("t1")</script> Gazette, "<img src=x onerror=alert(8)> Drawdown approved", 12.06.2024.'
            f" {page}\n\n"
            '2 =HYPERLINK("http://evil.example/","x") Post, "@SUM(A1:A9) <a href=javascript:alert(9)>x</a>",'
            " 02.09.2024. javascript:alert(10)\n",
            encoding="utf-8",
        )
        assert run_cli(db, "ingest", str(text_doc), "--json").exit_code == 0
        html_doc = tmp / "hostile.html"
        html_doc.write_text(
            "<html><head><title>&lt;script&gt;alert('html title')&lt;/script&gt;</title></head><body>"
            "<p>A claim made in HTML.<sup><a href='#fn1' onclick='alert(11)'>1</a></sup></p>"
            "<ol><li id='fn1'>&lt;script&gt;alert(12)&lt;/script&gt; Outlet, "
            "\"&lt;img src=x onerror=alert(13)&gt; Title\", 12 June 2024. "
            f"<a href='javascript:alert(14)'>link</a> <a href='{page}'>{page}</a></li></ol></body></html>",
            encoding="utf-8",
        )
        assert run_cli(db, "ingest", str(html_doc), "--json").exit_code == 0
        run_cli(db, "check", "--allow-private", "--timeout", "3", "--json")
        run_cli(db, "archive", "--allow-private", "--no-wayback", "--timeout", "3", "--json")
    flags = json.loads(run_cli(db, "flags", "--status", "all", "--json").stdout)
    for flag in flags[:2]:
        run_cli(db, "dismiss", str(flag["id"]), "--note", "<script>alert('note')</script> javascript:alert(7)")
    return db, tmp


def render(db, tmp, *args: str) -> str:
    target = tmp / ("out-" + "-".join(a.strip("-") for a in args))
    outcome = run_cli(db, *args, "-o", str(target))
    assert outcome.exit_code == 0, outcome.stderr
    return target.read_text(encoding="utf-8")


def executable_markup(html: str) -> list[str]:
    """Every piece of markup in `html` that a browser would run."""
    found = []
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(True):
        if tag.name in ("script", "iframe", "object", "embed") and "alert" in (tag.string or "") + str(tag.attrs):
            found.append(str(tag)[:120])
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={value[:60]!r}>")
            squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name.lower() in URL_ATTRIBUTES and squeezed.startswith(DANGEROUS_SCHEMES):
                found.append(f"<{tag.name} {name}={value[:60]!r}>")
    return found


def test_hostile_data_is_in_the_store(hostile_store):
    db, _ = hostile_store
    citations = json.loads(run_cli(db, "citations", "--json").stdout)
    assert any("<script" in c["text"] or "<img" in (c["title"] or "") for c in citations), citations


@pytest.mark.parametrize("fmt", ["html"])
def test_html_export_runs_nothing(hostile_store, fmt, figures):
    db, tmp = hostile_store
    html = render(db, tmp, "export", "--format", fmt)
    assert executable_markup(html) == []
    assert "alert(" in html  # the hostile text is there, as text
    figures.add("outputs_escaped", 1)


def test_report_runs_nothing(hostile_store, figures):
    db, tmp = hostile_store
    html = render(db, tmp, "report")
    assert executable_markup(html) == []
    assert "alert(" in html  # the hostile titles are shown, as text
    figures.add("outputs_escaped", 1)


def test_markdown_export_carries_no_raw_html_or_script_links(hostile_store, figures):
    db, tmp = hostile_store
    markdown = render(db, tmp, "export", "--format", "markdown")
    from markdown_it import MarkdownIt

    prose = re.sub(r"`[^`\n]*`", "", markdown)  # code spans are literal text in Markdown
    assert not re.search(r"(?<!\\)<\s*(script|img|svg|iframe|a|b)[\s>]", prose, re.I), "raw HTML in Markdown"
    assert not re.search(r"\]\(\s*<?\s*(javascript|vbscript|data):", markdown, re.I), "a script link in Markdown"
    # and what a CommonMark renderer (raw HTML allowed) makes of it runs nothing either
    rendered = MarkdownIt("commonmark", {"html": True}).render(markdown)
    assert executable_markup(rendered) == []
    figures.add("outputs_escaped", 1)


def test_csv_export_holds_no_spreadsheet_formula(hostile_store, figures):
    db, tmp = hostile_store
    text = render(db, tmp, "export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 1
    formulas = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert formulas == [], formulas[:5]
    figures.add("outputs_escaped", 1)


def test_machine_formats_still_parse(hostile_store, figures):
    import bibtexparser
    import rispy

    db, tmp = hostile_store
    assert isinstance(json.loads(render(db, tmp, "export", "--format", "csl-json")), list)
    library = bibtexparser.parse_string(render(db, tmp, "export", "--format", "bibtex"))
    assert library.entries and not library.failed_blocks
    assert rispy.loads(render(db, tmp, "export", "--format", "ris"))
    figures.add("outputs_escaped", 3)
