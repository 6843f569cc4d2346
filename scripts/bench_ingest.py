"""Benchmark: ingest generated documents of 1,000 / 2,000 / 4,000 notes; time and peak memory.

Each size runs in a fresh subprocess (so peak RSS is its own) and is ingested into a fresh
store in one transaction. Prints a table and the scaling ratios: doubling the notes should at
most multiply the time by 2.3 (linear ingest).

    .venv/bin/python scripts/bench_ingest.py [--sizes 1000,2000,4000] [--pdf]

`--pdf` adds the PDF case: a generated 100-page PDF with 500 notes (scripts/bench_pdf.py),
pages per second and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUTLETS = ["Harbour Gazette", "Delta Radio", "Vessa Daily Post", "Provincial Hydrology Office"]


def generate(notes: int) -> str:
    """A PDF-extracted-style brief with `notes` superscript markers and interleaved note blocks."""
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    lines = ["Generated Brief for Benchmarking", "", "Bench Author", "March 2025", ""]
    for start in range(1, notes + 1, 10):
        block = range(start, min(start + 10, notes + 1))
        body = " ".join(
            f"Paragraph sentence {n} says the board met on day {n % 28 + 1} and decided {n} things.{str(n).translate(sup)}"
            for n in block
        )
        lines += [body, ""]
        for n in block:
            outlet = OUTLETS[n % len(OUTLETS)]
            day, month = n % 28 + 1, n % 12 + 1
            lines += [
                f"{n} Author {n}, \"Report number {n} on the delta,\" {outlet} ({day}.{month}.2024). "
                f"<https://news{n % 50}.example/2024/{month:02d}/{day:02d}/report-{n}>",
                "",
            ]
    return "\n".join(lines)


def measure(notes: int) -> dict:
    from citetrack import IngestOptions, ingest, open_store

    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / f"brief-{notes}.txt"
        doc.write_text(generate(notes), encoding="utf-8")
        store = open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        report = ingest(store, doc, IngestOptions())
        elapsed = time.perf_counter() - started
        store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"notes": notes, "claims": report.claims, "citations": report.citations, "seconds": elapsed,
            "peak_rss_mb": peak_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000")
    parser.add_argument("--pdf", action="store_true", help="also read a 100-page PDF with 500 notes")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'notes':>6} {'claims':>6} {'citations':>9} {'seconds':>8} {'peak RSS MB':>11}")
    for row in rows:
        print(f"{row['notes']:>6} {row['claims']:>6} {row['citations']:>9} {row['seconds']:>8.2f} {row['peak_rss_mb']:>11.1f}")
    for small, big in zip(rows, rows[1:]):
        ratio = big["seconds"] / small["seconds"]
        verdict = "linear" if ratio <= 2.3 else "NOT linear"
        print(f"{small['notes']} -> {big['notes']} notes: time x{ratio:.2f} ({verdict}; goal <= 2.3)")
    if args.pdf:
        print("\nPDF case (scripts/bench_pdf.py):", flush=True)
        subprocess.run([sys.executable, str(Path(__file__).with_name("bench_pdf.py"))], check=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
