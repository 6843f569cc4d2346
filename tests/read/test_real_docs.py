"""Reading real documents by other authors: the real-docs scorer in ../shared (skipped when absent).

`../shared/real-docs` holds ten documents in six renderings with ground truth; its scorer
ingests each rendering with this checkout's `citetrack` and prints notes/URLs/claims F1 per
format. Their text is never copied here. The floors below are what the readers hold today
(the issue's goal is 0.95 everywhere): a change that reads real documents worse fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REAL_DOCS = Path(__file__).resolve().parents[2].parent / "shared" / "real-docs"
SCORER = REAL_DOCS / "score.py"

# Per format: the lowest F1 of notes, URLs and claims held. The text (pdftotext) rendering
# cannot reach 0.95 for notes and URLs: 76 of its 425 notes with URLs show no URL in their
# text (linked titles), and pdftotext drops the hyphen of URLs broken after one.
FLOORS = {
    "md": (0.99, 0.99, 0.99),
    "html": (0.99, 0.99, 0.99),
    "docx": (0.99, 0.99, 0.99),
    "odt": (0.99, 0.99, 0.99),
    "pdf": (0.99, 0.99, 0.95),
    "txt": (0.93, 0.82, 0.93),
}


@pytest.fixture(scope="module")
def scored() -> str:
    if not SCORER.exists():
        pytest.skip("../shared/real-docs is not available here")
    tool = Path(sys.executable).parent / "citetrack"
    if not tool.exists():
        pytest.skip("citetrack is not installed next to this Python")
    result = subprocess.run(
        [sys.executable, str(SCORER), "run", "--tool", str(tool)],
        capture_output=True, text=True, timeout=900,
    )
    assert "real-docs:" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def _f1_by_format(output: str) -> dict[str, tuple[float, float, float]]:
    last = output.strip().splitlines()[-1]
    pairs = re.findall(r"(\w+) ([\d.]+)/([\d.]+)/([\d.]+)", last.split("per format:", 1)[1])
    return {fmt: (float(a), float(b), float(c)) for fmt, a, b, c in pairs}


def test_every_format_holds_its_floor(scored):
    found = _f1_by_format(scored)
    assert set(found) == set(FLOORS)
    for fmt, floors in FLOORS.items():
        for what, value, floor in zip(("notes", "urls", "claims"), found[fmt], floors):
            assert value >= floor, f"{fmt} {what} F1 {value} < {floor}"


def test_no_missing_note_flag_on_real_documents(scored):
    """Every marker of a real document finds its note, in every format."""
    flag_lines = [line for line in scored.splitlines() if line.strip().startswith("flags by kind:")]
    assert len(flag_lines) == len(FLOORS)
    assert not any("missing-note" in line for line in flag_lines), flag_lines
