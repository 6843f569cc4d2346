"""Benchmark: the flag queue page of `citetrack serve` over a store with 10,000 flags.

Seeds a fresh store with 10 documents of 1,000 claims, notes, citations and flags each (kinds,
severities and statuses mixed), then asks the app in-process (Starlette's TestClient, so the
time is the server's: no network, no browser) for queue pages: the first page, a page deep in,
a filtered and sorted page, a text search, and the counts the page refreshes after a decision.
Prints the median of each over the runs and its ratio to the 300 ms budget (issue 18).

    .venv/bin/python scripts/bench_web.py [--flags 10000] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

BUDGET_MS = 300.0


def seed(store, flags: int, documents: int = 10) -> None:
    from citetrack.models import Flag, FlagKind, FlagStatus, Severity
    from citetrack.store.flags import FoundFlag, decide_flag, sync_flags

    kinds = [FlagKind.DEAD_LINK, FlagKind.MISDATED, FlagKind.NO_URL, FlagKind.MOVED, FlagKind.TITLE_MISMATCH]
    per_doc = flags // documents
    for number in range(documents):
        with store.transaction() as db:
            doc = db["documents"].insert({
                "path": f"/bench/doc-{number}.txt", "format": "txt", "title": f"Bench document {number}",
                "sha256": "0" * 64, "ingested_at": "2025-01-01T00:00:00+00:00", "updated_at": "2025-01-01T00:00:00+00:00",
            }).last_pk
            db["claims"].insert_all(
                {"document_id": doc, "key": str(i), "position": i, "text": f"Claim {i} of document {number} says {i * 7} wells."}
                for i in range(per_doc)
            )
            claim_ids = {row["key"]: row["id"] for row in db.query("SELECT id, key FROM claims WHERE document_id = ?", [doc])}
            db["claim_notes"].insert_all({"claim_id": claim_ids[str(i)], "label": str(i), "position": 0} for i in range(per_doc))
            db["citations"].insert_all(
                {"document_id": doc, "key": f"{i}#0", "footnote": str(i), "position": i,
                 "text": f"Outlet {i % 37}, \"Story {i}\", 2024, https://site{i % 97}.example/story/{i}"}
                for i in range(per_doc)
            )
            citation_ids = {row["footnote"]: row["id"] for row in db.query(
                "SELECT id, footnote FROM citations WHERE document_id = ?", [doc])}
            found = [
                FoundFlag(doc, Flag(kinds[i % len(kinds)], list(Severity)[i % 3],
                                    f"Note {i}: problem with https://site{i % 97}.example/story/{i}", f"s{i}", {"n": i}, str(i)),
                          citation_ids[str(i)])
                for i in range(per_doc)
            ]
            sync_flags(store, "ingest", found, scope_sql="document_id = ?", scope_params=[doc], resolve_note="gone")
    ids = [row["id"] for row in store.query("SELECT id FROM flags ORDER BY id")]
    for flag_id in ids[::4]:
        decide_flag(store, flag_id, FlagStatus.DISMISSED if flag_id % 2 else FlagStatus.RESOLVED, "bench", "bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flags", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from citetrack.store import open_store
    from citetrack.web.app import AppConfig, create_app

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        seed(store, args.flags)
        total = store.query("SELECT count(*) AS n FROM flags")[0]["n"]
        print(f"seeded {total} flags in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        client = TestClient(create_app(store, AppConfig(token="bench", sandbox_port=8751)), base_url="http://127.0.0.1:8750")
        cases = {
            "queue, first page (open)": "/flags",
            "queue, every status, page 100": "/flags?status=all&page=100",
            "queue, kind + severity, by severity": "/flags?kind=dead-link&severity=error&sort=severity&status=all",
            "queue, text search": "/flags?q=site42.example&status=all",
            "queue, one document, newest": "/flags?document=5&sort=newest",
            "counts after a decision (API)": "/api/flags/counts?status=open",
        }
        print(f"{'request':40} {'median ms':>10} {'max ms':>8} {'of budget':>10}")
        worst = 0.0
        for name, path in cases.items():
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                answer = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                assert answer.status_code == 200, (path, answer.status_code)
            median = statistics.median(times)
            worst = max(worst, median)
            print(f"{name:40} {median:10.1f} {max(times):8.1f} {median / BUDGET_MS:9.0%}")
        print(f"slowest median {worst:.1f} ms = {worst / BUDGET_MS:.2f} x the {BUDGET_MS:.0f} ms budget "
              f"({total} flags, {args.runs} runs each, in-process)")
        store.close()


if __name__ == "__main__":
    main()
