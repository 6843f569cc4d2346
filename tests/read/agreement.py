"""Agreement of the PDF/DOCX/ODT readers with the text form of the same document.

Each corpus document is read from its text form, rendered to PDF/DOCX/ODT with `docgen`,
read back, and compared: claims (labels + text), citations (footnote, title, date, URLs, via
`analyse`) and flags (kind + footnote). Run by hand: `.venv/bin/python tests/read/agreement.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
sys.path.insert(0, str(HERE))

import docgen  # noqa: E402

# Other PDF layouts measured besides the default (one text object per word, raised labels).
PDF_VARIANTS = {
    "pdf-plain-labels": {"note_label_raised": False},
    "pdf-whole-lines": {"whole_lines": True},
    "pdf-small-zone": {"max_note_zone": 0.12},  # more notes carried over to the next page
    "pdf-2col": {"columns": 2},  # two columns, notes at the foot of each column
    "pdf-2col-across": {"columns": 2, "column_notes": False},  # notes across the page, under both
}
RENDERERS = {"pdf": docgen.render_pdf, "docx": docgen.render_docx, "odt": docgen.render_odt}


@dataclass
class Agreement:
    """Matches against the text form, per format."""

    claims: int = 0
    claims_total: int = 0
    citations: int = 0
    citations_total: int = 0
    extra_flags: list[str] = field(default_factory=list)
    missing_flags: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def claim_rate(self) -> float:
        return self.claims / self.claims_total if self.claims_total else 1.0

    @property
    def citation_rate(self) -> float:
        return self.citations / self.citations_total if self.citations_total else 1.0


def corpus_documents() -> list[tuple[Path, dt.date | None]]:
    found = []
    for truth in sorted(CORPUS.glob("*.expected.json")):
        stem = truth.name.removesuffix(".expected.json")
        for ext in (".txt", ".md", ".html"):
            if (CORPUS / f"{stem}{ext}").is_file():
                published = json.loads(truth.read_text(encoding="utf-8")).get("published")
                found.append((CORPUS / f"{stem}{ext}", dt.date.fromisoformat(published) if published else None))
    return found


def _citation_keys(analysis) -> Counter:
    keys = Counter()
    for citation in analysis.citations:
        source = citation.source
        date = source.date.value.isoformat() if source.date and source.date.value else None
        urls = tuple(sorted(ref.normalized for ref in source.urls))
        keys[(citation.footnote, source.title, date, urls)] += 1
    return keys


def compare(name: str, original, derived, published, tally: Agreement) -> None:
    from citetrack.analyse import analyse

    want = Counter((claim.labels, claim.text) for claim in original.claims)
    got = Counter((claim.labels, claim.text) for claim in derived.claims)
    tally.claims += sum((want & got).values())
    tally.claims_total += sum(want.values())
    tally.misses += [f"{name}: claim {c!r} not found" for c in (want - got).elements()]
    first, second = analyse(original, published), analyse(derived, published)
    want_c, got_c = _citation_keys(first), _citation_keys(second)
    tally.citations += sum((want_c & got_c).values())
    tally.citations_total += sum(want_c.values())
    tally.misses += [f"{name}: citation {c!r} not found" for c in (want_c - got_c).elements()]
    want_f = Counter((f.kind.value, f.footnote) for f in first.flags)
    got_f = Counter((f.kind.value, f.footnote) for f in second.flags)
    tally.extra_flags += [f"{name}: {k} on {n}" for k, n in (got_f - want_f).elements()]
    tally.missing_flags += [f"{name}: {k} on {n}" for k, n in (want_f - got_f).elements()]


def measure(documents, workdir: Path, formats=("pdf", "docx", "odt"), **knobs) -> dict[str, Agreement]:
    """Render every (name, ParsedDocument, published) in each format and compare it back.

    `knobs` set DocSpec layout options (e.g. `note_label_raised=False` for plain PDF labels).
    """
    from citetrack.read import read

    results = {fmt: Agreement() for fmt in formats}
    for name, original, published in documents:
        spec = docgen.spec_from_parsed(original, title=name)
        for key, value in knobs.items():
            setattr(spec, key, value)
        for fmt in formats:
            target = workdir / f"{name}.{fmt}"
            RENDERERS[fmt](spec, target)
            compare(name, original, read(target), published, results[fmt])
    return results


def corpus_measure(workdir: Path, formats=("pdf", "docx", "odt"), **knobs) -> dict[str, Agreement]:
    from citetrack.read import read

    documents = [(path.stem, read(path), published) for path, published in corpus_documents()]
    return measure(documents, workdir, formats, **knobs)


def report(results: dict[str, Agreement]) -> str:
    lines = [f"{'format':<16} {'claims':>14} {'citations':>14} {'extra flags':>12} {'missed flags':>13}"]
    for fmt, t in results.items():
        lines.append(
            f"{fmt:<16} {t.claim_rate:>7.1%} {t.claims:>3}/{t.claims_total:<3} "
            f"{t.citation_rate:>7.1%} {t.citations:>3}/{t.citations_total:<3} "
            f"{len(t.extra_flags):>12} {len(t.missing_flags):>13}"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    import tempfile

    sys.path.insert(0, str(HERE.parents[1]))
    with tempfile.TemporaryDirectory() as tmp:
        outcome = corpus_measure(Path(tmp))
        for name, knobs in PDF_VARIANTS.items():
            outcome[name] = corpus_measure(Path(tmp), ("pdf",), **knobs)["pdf"]
    print(report(outcome))
    for fmt, t in outcome.items():
        for line in t.misses + [f"extra flag {x}" for x in t.extra_flags] + [f"missed flag {x}" for x in t.missing_flags]:
            print(f"  [{fmt}] {line}")
