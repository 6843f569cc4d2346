"""Benchmark: archive 1,000 pages from a loopback site; pages per second and peak memory.

A stdlib HTTP server on 127.0.0.1 serves generated article pages (about 12 KB each) and, with
`--big-mb`, one page far larger than the size cap, streamed in chunks (it shows that a page is
spooled to the WARC file, not held in memory). A fresh store gets one document citing every
page; `archive_sources` runs without the Wayback Machine. Runs in one process; peak RSS is
the process's own (ru_maxrss).

    .venv/bin/python scripts/bench_archive.py [--pages 1000] [--big-mb 60] [--max-mb 20]
"""

from __future__ import annotations

import argparse
import json
import resource
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PARAGRAPH = (
    "Residents of district {n} said the market reopened on day {d} after repairs to the road, and "
    "that {n} traders had returned. Officials from the regional office counted {m} families in the camps. "
)


def page(n: int) -> bytes:
    body = "".join(f"<p>{PARAGRAPH.format(n=n, d=n % 28 + 1, m=n * 3 + i)}</p>" for i in range(30))
    return (
        f"<!doctype html><html lang='en'><head><title>Report {n} on the district - Bench Gazette</title>"
        f"<meta property='og:site_name' content='Bench Gazette'>"
        f"<meta property='article:published_time' content='2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}T08:00:00Z'>"
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Report {n} on the district</h1>{body}"
        f"</article><footer>Bench Gazette</footer></body></html>"
    ).encode()


def serve(big_bytes: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # headers and body go in two writes: without this, Nagle + delayed ACK add 40 ms a page
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self):  # noqa: N802
            if self.path == "/big":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(big_bytes))
                self.end_headers()
                chunk = b"<p>" + b"filler text " * 5000 + b"</p>"
                sent = 0
                try:
                    while sent < big_bytes:
                        part = chunk[: big_bytes - sent]
                        self.wfile.write(part)
                        sent += len(part)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            n = int(self.path.rsplit("/", 1)[1])
            body = page(n)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fill(store, base: str, pages: int, big: bool) -> None:
    from citetrack.store import now

    urls = [f"{base}/page/{n}" for n in range(pages)] + ([f"{base}/big"] if big else [])
    with store.transaction() as db:
        doc = db["documents"].insert({"path": "/bench.md", "format": "md", "sha256": "bench",
                                      "ingested_at": now(), "updated_at": now()}).last_pk
        for position, url in enumerate(urls):
            cid = db["citations"].insert({"document_id": doc, "key": f"{position + 1}#0", "footnote": str(position + 1),
                                          "position": position, "text": url, "title": f"Report {position} on the district",
                                          "outlet": "Bench Gazette", "authors": "[]"}).last_pk
            uid = db["urls"].insert({"url": url, "first_seen": now()}).last_pk
            db["citation_urls"].insert({"citation_id": cid, "position": 0, "url_id": uid, "written": url})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--big-mb", type=int, default=60, help="one page of this size (0: none)")
    parser.add_argument("--max-mb", type=int, default=20, help="the size cap")
    args = parser.parse_args()

    from citetrack.store import open_store
    from citetrack.workflows.archive import ArchiveOptions, archive_sources

    server = serve(args.big_mb * 1024 * 1024)
    base = f"http://127.0.0.1:{server.server_port}"
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "db" / "citetrack.db")
        fill(store, base, args.pages, args.big_mb > 0)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        report = archive_sources(store, ArchiveOptions(allow_private=True, wayback=False,
                                                       max_bytes=args.max_mb * 1024 * 1024))
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        warc_bytes = sum(p.stat().st_size for p in store.archive_dir.glob("*.warc.gz"))
        truncated = store.query("SELECT count(*) n FROM snapshots WHERE truncated = 1")[0]["n"]
        store.close()
    server.shutdown()
    pages = len(report.snapshots)
    print(json.dumps({
        "pages": pages,
        "archived": report.archived,
        "seconds": round(elapsed, 2),
        "pages_per_second": round(pages / elapsed, 1),
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_before_run_mb": round(rss_before / 1024, 1),
        "big_page_mb": args.big_mb,
        "size_cap_mb": args.max_mb,
        "truncated_pages": truncated,
        "warc_mb": round(warc_bytes / 1024 / 1024, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
