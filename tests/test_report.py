"""The HTML report: pure rendering, the store's data, and a real headless browser (chromium)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from citetrack import settings
from citetrack.models import LinkStatus
from citetrack.report import STATUS_COLOURS, ReportData, axis_ticks, health_chart, render_report, report_data
from citetrack.store.views import RunHealth

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
]


def _fill():
    spec = importlib.util.spec_from_file_location("citetrack_tests_fill", Path(__file__).parent / "export" / "fill.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def page(store) -> str:
    _fill().populate(store)
    return render_report(report_data(store))


def test_axis_ticks_are_whole_and_cover_the_tallest_bar():
    assert axis_ticks(3) == [0, 1, 2, 3]
    assert axis_ticks(13) == [0, 5, 10, 15]
    assert axis_ticks(0) == [0, 1]


def test_chart_stacks_status_counts_per_run():
    runs = [RunHealth("run 1", "2024-01-01T00:00:00", {"ok": 3, "dead": 1}), RunHealth("run 2", "2024-01-08T00:00:00", {"ok": 2, "<b>": 1})]
    soup = BeautifulSoup(health_chart(runs), "lxml")
    bars = soup.select("g.bar")
    assert [bar["data-run"] for bar in bars] == ["run 1", "run 2"]
    assert {r["data-status"]: int(r["data-count"]) for r in bars[0].select("rect.segment")} == {"ok": 3, "dead": 1}
    ok, dead = bars[0].select("rect.segment")
    assert float(ok["height"]) == pytest.approx(3 * float(dead["height"]))  # heights are proportional
    assert "<b>" in soup.get_text() and not soup.find("b")  # an odd status name is text
    assert "No link checks yet" in health_chart([])


@pytest.mark.parametrize("count", [1, 5, 10, 30, 200])
def test_axis_labels_never_overlap(count):
    """However many runs, the x-axis labels (run and date) keep apart: with many, every k-th run is
    labelled, the latest always; every bar keeps its tooltip."""
    from citetrack.report import LABEL_WIDTH

    runs = [RunHealth(f"run {i}", f"2024-01-{1 + i % 28:02d}T00:00:00", {"ok": 1}) for i in range(1, count + 1)]
    soup = BeautifulSoup(health_chart(runs), "lxml")
    xs = [float(text["x"]) for text in soup.select("text.date")]
    assert xs and all(b - a >= LABEL_WIDTH for a, b in zip(xs, xs[1:]))
    assert soup.select("text.label:not(.date)")[-1].get_text() == f"run {count}"
    assert len(soup.select("g.bar title")) == count
    if count <= 5:
        assert len(xs) == count


def test_report_from_the_store(page):
    soup = BeautifulSoup(page, "lxml")
    assert soup.find("svg", id="link-health-chart") and len(soup.select("g.bar")) == 2
    rows = soup.select("#documents-table tbody tr")
    assert len(rows) == 1
    assert [td.get_text() for td in rows[0].find_all("td")] == ["1", "A paper on <wells> & pumps", "4", "1 (25%)", "3 (75%)", "4"]
    kinds = [h.get_text() for h in soup.select("section.flag-kind h3")]
    assert sorted(kinds) == ["dead-link (1)", "malformed-url (1)", "misdated (1)", "no-url (1)"]
    assert not soup.find_all("script") and not soup.find_all(src=True)


def test_report_of_an_empty_store():
    soup = BeautifulSoup(render_report(ReportData("r")), "lxml")
    assert soup.find(id="link-health-empty") and soup.find(id="no-open-flags")


def test_report_command_writes_a_file(cli, tmp_db, tmp_path):
    from citetrack.store import open_store

    with open_store(tmp_db) as store:
        ids = _fill().populate(store)
    target = tmp_path / "report.html"
    result = cli("report", "--document", str(ids["document"]), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "link-health-chart" in target.read_text()
    assert cli("report", "--document", "999").exit_code == 2


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_in_a_real_headless_browser(page, tmp_path):
    """Chromium loads the page offline; its DOM holds the chart and the tables; a screenshot renders."""
    target = tmp_path / "report.html"
    target.write_text(page, encoding="utf-8")
    dumped = _chromium(tmp_path, "--dump-dom", target.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = BeautifulSoup(dumped.stdout, "lxml")
    chart = dom.find("svg", id="link-health-chart")
    assert chart is not None and len(chart.select("rect.segment")) == 4
    assert dom.find("table", id="documents-table") and len(dom.select("table.flags-table")) == 4
    shot = tmp_path / "report.png"  # in pytest's tmp dir: never in the repository
    taken = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1100,1400", target.as_uri())
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_every_link_status_has_a_chart_colour_and_status_sets_come_from_the_enum():
    assert set(STATUS_COLOURS) == set(LinkStatus)
    assert all(isinstance(status, LinkStatus) for status in settings.ARCHIVE_STATUSES)
    assert all(isinstance(status, LinkStatus) for status in settings.REPORT_DEAD_STATUSES)
