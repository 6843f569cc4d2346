"""Bounded work on hostile pages and files (issue 15): each ends within its budget, costs only its
own snapshot or file, and the rest of the run goes on. The bounds themselves (seconds, peak MB)
are recorded as figures and asserted by scripts/hardening.py, not here: these tests assert what
happened (notes, exit codes, records), never how long it took."""

from __future__ import annotations

import json
import re

import pytest
from warcio.archiveiterator import ArchiveIterator

from hardening_kit import citetrack_argv, run_cli, run_measured
from hostile_files import (
    ESCAPES,
    attribute_bomb_page,
    backlinks_html,
    docx_paragraph_bomb,
    docx_parts_bomb,
    odt_paragraph_bomb,
    shared_stream_pdf,
)
from hostile_site import HostileSite

EXTRACT_SECONDS = 5  # the budget given to the run below (the default is settings.ARCHIVE_EXTRACT_SECONDS)
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 but tab, newline, CR; DEL; C1
BIDI_OVERRIDE = re.compile("[\u202a-\u202e\u2066-\u2069]")  # a terminal line shown reversed


def _page(title: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{'Growers reported losses of about 40 percent this season. ' * 20}</p></article></body></html>").encode()


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    """One `citetrack archive` process over a document citing a fine page, an attribute bomb, a
    shared-stream PDF, a body cut by the server, and a page whose title holds terminal escapes."""
    tmp = tmp_path_factory.mktemp("bounded")
    db = tmp / "citetrack.db"
    with HostileSite("127.0.0.9") as site:
        site.pages["/fine"] = (_page("A fine page"), "text/html; charset=utf-8")
        site.pages["/attributes"] = (attribute_bomb_page(), "text/html; charset=utf-8")
        site.pages["/pages.pdf"] = (shared_stream_pdf(), "application/pdf")
        site.pages["/escapes"] = (_page(f"Escapes {ESCAPES} here"), "text/html; charset=utf-8")
        urls = {name: site.url(path) for name, path in
                [("fine", "/fine"), ("attributes", "/attributes"), ("pdf", "/pages.pdf"), ("cut", "/cut/5000"),
                 ("escapes", "/escapes")]}
        document = tmp / "doc.md"
        document.write_text(  # padded: a file with over 1% control bytes is refused as binary
            "A long introduction to the season. " * 200 + "\n\n"
            + "".join(f"Claim {i} about growers.[^{i}] " for i in range(1, 6)) + f"A last claim {ESCAPES}.[^6]\n\n"
            + "".join(f'[^{i}]: Gazette, "Title {i}", 12 June 2024. <{url}>\n' for i, url in enumerate(urls.values(), 1))
            + f'[^6]: Gazette {ESCAPES}, "Escaped {ESCAPES} title", 12 June 2024.\n',
            encoding="utf-8",
        )
        assert run_cli(db, "ingest", str(document), "--json").exit_code == 0
        measured = run_measured(citetrack_argv("--db", str(db), "archive", "--allow-private", "--no-wayback",
                                               "--timeout", "10", "--extract-timeout", str(EXTRACT_SECONDS), "--json"))
    return db, urls, measured


def test_a_hostile_page_costs_only_its_own_snapshot(archived, figures):
    db, urls, measured = archived
    assert measured.exit_code == 0, measured.stderr[-2000:]
    assert measured.stderr == ""  # no library warning on a successful run
    snapshots = {s["url"]: s for s in json.loads(measured.stdout)["snapshots"]}
    assert {url: s["error"] for url, s in snapshots.items() if s["status"] != "archived"} == {}  # every page kept
    assert snapshots[urls["fine"]]["note"] is None and snapshots[urls["fine"]]["title"] == "A fine page"
    assert "extraction timeout" in snapshots[urls["attributes"]]["note"]
    assert re.search(r"extraction (timeout|memory)|text cut", snapshots[urls["pdf"]]["note"])
    assert snapshots[urls["cut"]]["note"] == "body cut (disconnect)"
    figures.add("bounded_pages", len(snapshots))
    figures.add("bounded_archive_seconds", round(measured.seconds, 1), "max")
    figures.add("bounded_archive_peak_mb", round(max(measured.peak_mb, measured.child_peak_mb)), "max")


def test_a_body_cut_by_the_server_is_kept_and_marked(archived):
    db, urls, _ = archived
    warc = next((db.parent / "archive").glob("*.warc.gz"))
    with warc.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == urls["cut"]:
                assert record.rec_headers.get_header("WARC-Truncated") == "disconnect"
                assert len(record.content_stream().read()) == 5000
                break
        else:
            pytest.fail("no record of the cut page")


def test_no_control_character_reaches_a_terminal_or_an_export(archived, tmp_path, figures):
    db, urls, _ = archived
    claim = json.loads(run_cli(db, "claims", "--json").stdout)[-1]
    outputs = {
        "show": run_cli(db, "show", str(claim["id"])).stdout,
        "show --json": run_cli(db, "show", str(claim["id"]), "--json").stdout,
        "claims": run_cli(db, "claims").stdout,
        "citations": run_cli(db, "citations").stdout,
        "flags": run_cli(db, "flags", "--status", "all").stdout,
        "search": run_cli(db, "search", "Escapes").stdout,
        "snapshot --text": run_cli(db, "snapshot", urls["escapes"], "--text").stdout,
        "review": run_cli(db, "review", input="q\n").stdout,
    }
    for fmt in ("markdown", "html", "csl-json", "bibtex", "ris", "csv"):
        outputs[f"export {fmt}"] = run_cli(db, "export", "--format", fmt).stdout
        target = tmp_path / f"out.{fmt}"
        assert run_cli(db, "export", "--format", fmt, "-o", str(target)).exit_code == 0
        outputs[f"export {fmt} -o"] = target.read_text(encoding="utf-8")
    outputs["report"] = run_cli(db, "report").stdout
    assert "Escaped" in outputs["export markdown"] and "Escapes" in outputs["search"]
    for name, text in outputs.items():
        assert not RAW_CONTROL.search(text), (name, RAW_CONTROL.findall(text))
        if not name.startswith(("export", "report")):  # exports keep bidi marks (right-to-left titles)
            assert not BIDI_OVERRIDE.search(text), name
    assert "\\x1b[2J" in outputs["show"]  # shown escaped where a reader looks at it
    stored = run_cli(db, "claims", "--json").stdout
    assert json.loads(stored)[-1]["text"].count("\x1b") == ESCAPES.count("\x1b")  # the store keeps the text as read
    figures.add("outputs_sanitized", len(outputs))


@pytest.mark.parametrize("name, make, suffix", [
    ("docx-10M-paragraphs", docx_paragraph_bomb, ".docx"),
    ("docx-4-parts-of-60MB", docx_parts_bomb, ".docx"),
    ("odt-6M-paragraphs", odt_paragraph_bomb, ".odt"),
    ("html-100k-backlinks", lambda: backlinks_html().encode(), ".html"),
])
def test_office_bombs_and_backlinks_are_refused_within_budget(tmp_path, figures, name, make, suffix):
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(make())
    db = tmp_path / "citetrack.db"
    measured = run_measured(citetrack_argv("--db", str(db), "ingest", str(path)))
    assert measured.exit_code == 2 and len(measured.stderr.strip().splitlines()) == 1, measured.stderr[-2000:]
    assert "over the limit" in measured.stderr
    figures.add("bounded_files", 1)
    figures.add("bounded_file_seconds", round(measured.seconds, 1), "max")
    figures.add("bounded_file_peak_mb", round(measured.peak_mb), "max")

