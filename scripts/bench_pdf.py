"""Benchmark of the PDF reader: a generated 100-page paper with 500 notes.

Prints pages per second and peak memory of the read alone (run in a child process: its
maximum resident size; `--tracemalloc` adds Python's own peak, at a cost of a slower second
read), and poppler's `pdftotext` on the same file for scale (when installed): the ratio is
from one run. `--files a.pdf b.pdf ...` reads those PDFs instead (e.g. the real documents in
../shared/real-docs/docs/pdf). No network.
`.venv/bin/python scripts/bench_pdf.py [--pages 100] [--notes 500] [--files ...]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import time
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "read"))

import docgen  # noqa: E402  (the test suite's document generator)

from pdfminer.pdfpage import PDFPage  # noqa: E402

from citetrack.read.pdf import read_pdf  # noqa: E402

SENTENCE = (
    "The provincial council reviewed the harbour accounts for the {n}th time this decade, "
    "and its auditors found the same gaps in the records of the fuel depot."
)
NOTE = 'Audit Office, "Harbour accounts, part {n}," Coastal Gazette, 12 May 2023, https://gazette.example.org/audit/{n}.'


def bench_spec(pages: int, notes: int) -> docgen.DocSpec:
    """A paper of about `pages` pages whose `notes` notes are spread evenly through it."""
    per_page = max(1, notes // pages)
    paragraphs = []
    label = 0
    for page in range(pages):
        for _ in range(per_page):
            label += 1
            text = " ".join(SENTENCE.format(n=label + k) for k in range(2 + (label % 3 == 0) + (label % 12 == 0)))
            paragraphs.append(docgen.para(f"{text} A claim that needs a source.[[{label}]] {SENTENCE.format(n=label)}"))
    return docgen.DocSpec(
        title="Benchmark paper",
        paragraphs=paragraphs,
        notes=[docgen.NoteSpec(str(n), NOTE.format(n=n)) for n in range(1, label + 1)],
        max_note_zone=0.35,
    )


CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from citetrack.read.pdf import read_pdf
started, cpu = time.perf_counter(), time.process_time()
doc = read_pdf({path!r})
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({{"elapsed": elapsed, "cpu": cpu, "notes": len(doc.notes), "claims": len(doc.claims),
    "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python's peak allocation")
    parser.add_argument("--files", nargs="+", type=Path, help="read these PDFs instead of a generated one")
    args = parser.parse_args()
    if args.files:
        bench_files(args.files)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.pdf"
        docgen.render_pdf(bench_spec(args.pages, args.notes), path)
        page_count = count_pages(path)
        size = path.stat().st_size
        child = subprocess.run(
            [sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(child.stdout)
        poppler = pdftotext_seconds([path])
        pdftotext_rate = None if poppler is None else page_count / poppler
        peak = None
        if args.tracemalloc:
            tracemalloc.start()
            read_pdf(path)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    elapsed = figures["elapsed"]
    print(f"pdf: {page_count} pages, {size / 1024:.0f} KiB, {figures['notes']} notes, {figures['claims']} claims")
    cpu = figures["cpu"]
    print(
        f"read: {elapsed:.2f} s wall, {page_count / elapsed:.1f} pages/s; "
        f"{cpu:.2f} s CPU, {page_count / cpu:.1f} pages/s of CPU"
    )
    print(f"peak memory of the read: max RSS {figures['max_rss_kb'] / 1024:.0f} MiB (whole interpreter)")
    if peak is not None:
        print(f"peak Python allocation (tracemalloc): {peak / 2**20:.1f} MiB")
    if pdftotext_rate is not None:
        print(
            f"pdftotext on the same file: {pdftotext_rate:.1f} pages/s; "
            f"citetrack reads at {page_count / elapsed / pdftotext_rate:.2f}x its speed (one run)"
        )


def count_pages(path: Path) -> int:
    """The number of pages of a PDF (pdfminer, the reader's own library)."""
    with path.open("rb") as handle:
        return sum(1 for _ in PDFPage.get_pages(handle))


def pdftotext_seconds(paths: list[Path]) -> float | None:
    """Wall time of poppler's pdftotext over the files (None when it is not installed)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    started = time.perf_counter()
    for path in paths:
        subprocess.run([tool, str(path), "-"], check=True, capture_output=True)
    return time.perf_counter() - started


def bench_files(paths: list[Path]) -> None:
    """Pages per second over the given PDFs, beside pdftotext's on the same files."""
    pages = sum(count_pages(path) for path in paths)
    started = time.perf_counter()
    for path in paths:
        read_pdf(path)
    elapsed = time.perf_counter() - started
    print(f"{len(paths)} PDFs, {pages} pages: citetrack {elapsed:.2f} s, {pages / elapsed:.1f} pages/s")
    poppler = pdftotext_seconds(paths)
    if poppler is not None:
        print(
            f"pdftotext: {poppler:.2f} s, {pages / poppler:.1f} pages/s; "
            f"citetrack reads at {poppler / elapsed:.2f}x its speed (one run)"
        )


if __name__ == "__main__":
    main()
