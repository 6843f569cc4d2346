"""Scoring of the evaluation corpus: flags matched on kind+footnote, citation fields by value.

Kept apart from the test so that a developer can run it by hand:
`.venv/bin/python tests/corpus/scoring.py` prints the figures and every miss.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
FORMATS = (".txt", ".md", ".html")
FIELDS = ("flags", "date", "url", "title")


@dataclass
class Tally:
    """True positives, predictions and expectations of one measure."""

    tp: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0


def documents() -> list[tuple[Path, Path]]:
    """(document, truth) pairs of the corpus, by name."""
    pairs = []
    for truth in sorted(CORPUS.glob("*.expected.json")):
        stem = truth.name.removesuffix(".expected.json")
        found = [CORPUS / f"{stem}{ext}" for ext in FORMATS if (CORPUS / f"{stem}{ext}").is_file()]
        if len(found) != 1:
            raise FileNotFoundError(f"{truth.name}: expected exactly one document named {stem}.txt/.md/.html")
        pairs.append((found[0], truth))
    return pairs


def analyse_document(path: Path, truth: dict):
    from citetrack.analyse import analyse
    from citetrack.read import read

    published = dt.date.fromisoformat(truth["published"]) if truth.get("published") else None
    return analyse(read(path), published)


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def norm_title(title: str | None) -> str | None:
    if not title:
        return None
    text = re.sub(r"\s+", " ", title.translate(_QUOTES)).strip().strip("\"'").strip()
    return text.rstrip(".,;:").strip("\"'").casefold() or None


def _citation_values(citation) -> dict:
    source = citation.source
    date = source.date.value.isoformat() if source.date and source.date.value else None
    return {
        "footnote": citation.footnote,
        "title": source.title,
        "date": date,
        "urls": [ref.normalized for ref in source.urls],
    }


def _pair(expected: list[dict], predicted: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pair expected and predicted citations of the same note: shared URL first, then order."""
    pairs: list[tuple[dict | None, dict | None]] = []
    by_note: dict[str | None, list[dict]] = {}
    for item in predicted:
        by_note.setdefault(item["footnote"], []).append(item)
    for exp in expected:
        pool = by_note.get(exp["footnote"], [])
        if not pool:
            pairs.append((exp, None))
            continue

        def score(item: dict, exp: dict = exp) -> int:
            shared = len(set(item["urls"]) & set(exp["urls"]))
            return 4 * shared + 2 * (norm_title(item["title"]) == norm_title(exp["title"]) is not None)

        best = max(pool, key=score) if any(score(p) for p in pool) else pool[0]
        pool.remove(best)
        pairs.append((exp, best))
    for pool in by_note.values():
        pairs.extend((None, item) for item in pool)
    return pairs


def score_document(name: str, analysis, truth: dict, tallies: dict[str, Tally]) -> None:
    """Add one document's flags and citation fields to the running tallies."""
    got = Counter((f.kind.value, f.footnote) for f in analysis.flags)
    want = Counter((f["kind"], f["footnote"]) for f in truth["flags"])
    flags = tallies["flags"]
    flags.tp += sum((got & want).values())
    flags.predicted += sum(got.values())
    flags.expected += sum(want.values())
    flags.misses += [f"{name}: spurious {k} on note {n}" for (k, n) in (got - want).elements()]
    flags.misses += [f"{name}: missed {k} on note {n}" for (k, n) in (want - got).elements()]

    predicted = [_citation_values(c) for c in analysis.citations]
    for exp, pred in _pair(truth["citations"], predicted):
        note = (exp or pred)["footnote"]
        for key, measure in (("date", "date"), ("title", "title")):
            e = exp.get(key) if exp else None
            p = pred.get(key) if pred else None
            same = (norm_title(e) == norm_title(p)) if key == "title" else e == p
            tally = tallies[measure]
            tally.expected += e is not None
            tally.predicted += p is not None
            if e is not None and p is not None and same:
                tally.tp += 1
            elif e is not None or p is not None:
                tally.misses.append(f"{name} note {note}: {key} expected {e!r}, got {p!r}")
        e_urls = set(exp["urls"]) if exp else set()
        p_urls = set(pred["urls"]) if pred else set()
        urls = tallies["url"]
        urls.tp += len(e_urls & p_urls)
        urls.expected += len(e_urls)
        urls.predicted += len(p_urls)
        for missing in sorted(e_urls - p_urls):
            urls.misses.append(f"{name} note {note}: missed URL {missing}")
        for extra in sorted(p_urls - e_urls):
            urls.misses.append(f"{name} note {note}: unexpected URL {extra}")


def score_corpus() -> dict[str, Tally]:
    tallies = {name: Tally() for name in FIELDS}
    for path, truth_path in documents():
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        score_document(path.name, analyse_document(path, truth), truth, tallies)
    return tallies


def report(tallies: dict[str, Tally]) -> str:
    lines = [f"{'measure':<8} {'precision':>9} {'recall':>7}   (tp/predicted/expected)"]
    for name, t in tallies.items():
        lines.append(f"{name:<8} {t.precision:>9.3f} {t.recall:>7.3f}   ({t.tp}/{t.predicted}/{t.expected})")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    sys.path.insert(0, str(CORPUS.parents[1]))
    result = score_corpus()
    print(report(result))
    for t in result.values():
        for miss in t.misses:
            print("  ", miss)
