"""Precision and recall of the no-network analysis over the evaluation corpus (tests/corpus/)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"

# Floors set just under what the corpus reaches (flags 1.00/0.95, every citation field
# 1.00/1.00 when they were set; see tests/corpus/README.md); never below 0.9.
FLOORS = {
    "flags": (0.95, 0.95),
    "date": (0.95, 0.95),
    "url": (0.95, 0.95),
    "title": (0.95, 0.95),
}


def _scoring():
    spec = importlib.util.spec_from_file_location("corpus_scoring", CORPUS / "scoring.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


scoring = _scoring()


@pytest.fixture(scope="module")
def tallies():
    return scoring.score_corpus()


def test_corpus_has_every_format_and_clean_controls():
    docs = scoring.documents()
    assert len(docs) >= 6
    assert {path.suffix for path, _ in docs} == {".txt", ".md", ".html"}
    clean = [path for path, truth in docs if not json.loads(truth.read_text())["flags"]]
    assert len(clean) >= 3
    kinds = {f["kind"] for _, truth in docs for f in json.loads(truth.read_text())["flags"]}
    assert kinds == {
        "misdated", "future-date", "invalid-date", "no-url", "malformed-url", "unnumbered-note",
        "missing-note", "unused-note", "duplicate-note", "outlet-mismatch", "repeated-url",
    }


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_precision_and_recall_reach_their_floors(tallies, measure):
    print("\n" + scoring.report(tallies))
    tally = tallies[measure]
    precision_floor, recall_floor = FLOORS[measure]
    misses = "\n".join(tally.misses)
    assert tally.precision >= precision_floor, f"{measure} precision {tally.precision:.3f}\n{misses}"
    assert tally.recall >= recall_floor, f"{measure} recall {tally.recall:.3f}\n{misses}"


@pytest.mark.parametrize(
    "name", [p.name for p, t in scoring.documents() if not json.loads(t.read_text())["flags"]]
)
def test_a_clean_document_raises_no_flag(name):
    path = CORPUS / name
    truth = json.loads((CORPUS / (path.stem + ".expected.json")).read_text())
    analysis = scoring.analyse_document(path, truth)
    assert [f.message for f in analysis.flags] == []
