"""Benchmark `citetrack check` against linkinator and LinkChecker on a loopback site, at every size.

    python scripts/bench_check.py                      # 600 and 6,000 URLs (LinkChecker at 600 only: it is slow)
    python scripts/bench_check.py --big                # and 100,000 URLs (citetrack: time vs the limit, peak RSS)
    python scripts/bench_check.py --sizes 600 --skip-linkchecker
    python scripts/bench_check.py --linkinator 6 7.6.1  # which linkinator versions (default 6 7)
    python scripts/bench_check.py --methods            # and GET vs HEAD-then-GET, here and on a HEAD-hostile site
    python scripts/bench_check.py --equal-politeness   # and both tools against hosts answering 4 at a time
    python scripts/bench_check.py --memory 100000      # only: peak RSS of checking N URLs that answer at once

A fixture site (scripts/fixture_site.py, one process per host) serves H hosts on 127.0.0.2,
127.0.0.3, ... each answer delayed by L ms; N URLs are spread over the hosts (ten consecutive
pages per host in turn), one in ten dead (404). The same site serves every size. citetrack checks
them (`--per-host 4 --concurrency 40 --json`, the whole command), then linkinator (npm; version 6,
the one issue 17 names, and 7; concurrency 40, no per-host limit) and LinkChecker 10.6 (PyPI, 40 threads) check a page linking
to the same URLs. For each it prints the wall time, the share of the politeness limit reached
(limit / time; the limit ceil(N / (H x 4)) x L is the least time any checker sending at most 4
requests at once to a host needs), the ratio to the first linkinator, the requests sent per URL and the
most one host had at once (counted by the site), the CPU time and peak RSS of the tool's process
(wait4), and how many URLs it got wrong. It also prints the start-up of `citetrack check`: the
time from launching the command to its first request reaching a server. Only the package indexes
are contacted (to install the two other tools once, cached in ~/.cache/citetrack-bench).

Timings depend on the machine: run it on an idle one (it prints the load average before and
after), and compare ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CACHE = Path(os.environ.get("CITETRACK_BENCH_CACHE", Path.home() / ".cache" / "citetrack-bench"))
PER_HOST = 4
CONCURRENCY = 40
LINKCHECKER_MAX = 600  # LinkChecker spaces its requests to a host by 0.1-0.6 s: 6,000 URLs take minutes


class Site:
    """The fixture site, one process per host (a single Python process would be the bottleneck)."""

    def __init__(self, hosts: int, latency_ms: float, at_once: int | None = None):
        limit = ["--at-once", str(at_once)] if at_once else []
        self.processes = [
            subprocess.Popen(
                [sys.executable, str(REPO / "scripts" / "fixture_site.py"), "--hosts", "1", "--first-ip", str(2 + i),
                 "--latency-ms", str(latency_ms), "--dead-every", "10", *limit],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )
            for i in range(hosts)
        ]
        self.hosts = [json.loads(p.stdout.readline())["hosts"][0] for p in self.processes]

    def stats(self) -> tuple[int, int]:
        """(requests answered, most requests one host answered at once) since the last call."""
        for process in self.processes:
            process.stdin.write("stats\n")
            process.stdin.flush()
        answers = [json.loads(process.stdout.readline()) for process in self.processes]
        return sum(a["requests"] for a in answers), max(max(a["peak"]) for a in answers)

    def stop(self) -> None:
        for process in self.processes:
            process.stdin.close()
        for process in self.processes:
            process.wait()


def start_site(hosts: int, latency_ms: float, at_once: int | None = None) -> tuple[Site, list[str]]:
    site = Site(hosts, latency_ms, at_once)
    return site, site.hosts


def bench_urls(hosts: list[str], count: int) -> list[tuple[str, bool]]:
    """(url, dead?) pairs: ten consecutive pages per host in turn, the first of every ten dead."""
    return [(f"http://{hosts[(i // 10) % len(hosts)]}/page/{i}", i % 10 == 0) for i in range(count)]


def seed(db: Path, urls: list[str]) -> None:
    """One document citing every URL (inserted directly: the benchmark measures checking only)."""
    from citetrack.store import now, open_store

    stamp = now()
    with open_store(db) as store, store.transaction() as tx:
        document_id = tx["documents"].insert(
            {"path": str(db.parent / "bench.md"), "format": "md", "title": "bench", "sha256": "-", "ingested_at": stamp,
             "updated_at": stamp}
        ).last_pk
        chunk = 5000
        for start in range(0, len(urls), chunk):
            part = urls[start : start + chunk]
            tx["citations"].insert_all(
                {"id": start + i + 1, "document_id": document_id, "key": f"{start + i + 1}#0", "footnote": str(start + i + 1),
                 "position": start + i, "text": url} for i, url in enumerate(part)
            )
            tx["urls"].insert_all({"id": start + i + 1, "url": url, "first_seen": stamp} for i, url in enumerate(part))
            tx["citation_urls"].insert_all(
                {"citation_id": start + i + 1, "position": 0, "url_id": start + i + 1, "written": url} for i, url in enumerate(part)
            )


def stack_startup(tries: int = 3) -> float:
    """Best wall time of a Python process that only loads this stack's libraries (typer brings
    pydantic to parse options): no Python checker on this stack can start faster."""
    code = "import requests, sqlite_utils, typer, pydantic"
    best = math.inf
    for _ in range(tries):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.monotonic() - started)
    return best


def ensure_linkchecker() -> Path | None:
    binary = CACHE / "linkchecker" / "bin" / "linkchecker"
    if not binary.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(CACHE / "linkchecker")], check=True)
        result = subprocess.run([str(CACHE / "linkchecker" / "bin" / "pip"), "install", "-q", "linkchecker==10.6.0"])
        if result.returncode:
            return None
    return binary


def ensure_linkinator(version: str = "latest") -> Path | None:
    """linkinator at `version` (an npm version or range: "6", "latest"), installed once in the cache."""
    folder = CACHE / ("linkinator" if version == "latest" else f"linkinator-{version}")
    binary = folder / "node_modules" / ".bin" / "linkinator"
    if not binary.exists():
        if not shutil.which("npm"):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, capture_output=True)
        if subprocess.run(["npm", "install", f"linkinator@{version}"], cwd=folder, capture_output=True).returncode:
            return None
    return binary


def linkinator_version(binary: Path) -> str:
    """The installed version, read from its package.json (the name printed beside its figures)."""
    package = binary.parent.parent / "linkinator" / "package.json"
    try:
        return json.loads(package.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def interleaved(urls: list[str]) -> list[str]:
    """The URLs taking the hosts in turn: LinkChecker spaces its requests to a host by 0.1-0.6 s
    while holding a lock shared by all hosts, so runs of one host's links would serialise it
    (190 s here instead of 35 s); the other tools do not depend on the order."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(url.split("/")[2], []).append(url)
    return [url for row in itertools.zip_longest(*by_host.values()) for url in row if url is not None]


def link_page(directory: Path, urls: list[str]) -> Path:
    """A world-readable page linking to every URL, hosts in turn (LinkChecker run as root
    drops to `nobody`)."""
    directory.chmod(0o755)
    page = directory / "links.html"
    items = "\n".join(f'<li><a href="{url}">source {i}</a></li>' for i, url in enumerate(interleaved(urls)))
    page.write_text(f"<!doctype html><html><head><title>links</title></head><body><ul>\n{items}\n</ul></body></html>\n")
    page.chmod(0o644)
    return page


@dataclass
class Run:
    """One tool's run: wall time, CPU time (user + system) and peak RSS of its process, its output."""

    seconds: float
    cpu: float
    rss_mb: float
    output: str
    code: int


def measure(command: list[str], cwd: Path) -> Run:
    """Run a command to its end; its own resource usage from wait4 (not the benchmark's)."""
    with tempfile.TemporaryFile() as out:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output, process.returncode)


def citetrack_command(db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "citetrack", "--db", str(db), "check", "--allow-private", "--dead-after", "1",
            "--per-host", str(PER_HOST), "--concurrency", str(CONCURRENCY), *extra]


def run_citetrack(db: Path, *extra: str, json_output: bool = True) -> tuple[Run, dict[str, str]]:
    """The whole `citetrack check --json` command (as linkinator prints JSON; without --json, as
    from cron), and each URL's status read back from the store."""
    run = measure(citetrack_command(db, *(["--json"] if json_output else []), *extra), db.parent)
    if run.code not in (0, 1):
        raise SystemExit(f"citetrack check failed ({run.code}): {run.output[-2000:]}")
    from citetrack.store import open_store

    with open_store(db) as store:
        statuses = {row["url"]: row["last_status"] for row in store.query("SELECT url, last_status FROM urls")}
    return run, statuses


def run_linkinator(linkinator: Path, page: Path, workdir: Path) -> tuple[Run, set[str]]:
    """linkinator over the page, and the URLs it called broken (None when its output is unreadable)."""
    run = measure([str(linkinator), str(page), "--concurrency", str(CONCURRENCY), "--format", "json"], workdir)
    try:
        links = json.loads(run.output[run.output.index("{"):])["links"]
        return run, {link["url"] for link in links if link.get("state") == "BROKEN"}
    except (ValueError, KeyError):
        return run, None


def run_linkchecker(checker: Path, page: Path, workdir: Path) -> tuple[Run, set[str]]:
    run = measure([str(checker), "--no-status", "--check-extern", "-r", "1", "-t", str(CONCURRENCY), "-o", "csv", str(page)], workdir)
    broken = set()
    lines = run.output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("urlname;")), len(lines))
    rows = [line for line in lines[start:] if line and not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        if (row.get("valid") or "").strip().lower() in ("false", "0") and row.get("urlname"):
            broken.add(row["urlname"])
    return run, broken


def first_request(workdir: Path, tries: int = 3) -> tuple[float, float]:
    """Best (time to first request, whole command) of `citetrack check` over one URL: from launch
    to a server on 127.0.0.2 accepting its first connection (imports, options, store, scheduling).
    The server answers every connection (the check and the site's soft-404 probe) with a 404."""
    best_first, best_whole = math.inf, math.inf
    for attempt in range(tries):
        with socket.socket() as listener:
            listener.bind(("127.0.0.2", 0))
            listener.listen()
            accepted: list[float] = []

            def serve() -> None:
                while True:
                    try:
                        connection, _ = listener.accept()
                    except OSError:
                        return
                    accepted.append(time.monotonic())
                    with connection:
                        connection.recv(65536)
                        connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

            threading.Thread(target=serve, daemon=True).start()
            db = workdir / f"startup-{attempt}.db"
            seed(db, [f"http://127.0.0.2:{listener.getsockname()[1]}/first"])
            started = time.monotonic()
            subprocess.run(citetrack_command(db), cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            whole = time.monotonic() - started
            if accepted:
                best_first, best_whole = min(best_first, accepted[0] - started), min(best_whole, whole)
    return best_first, best_whole


def load() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


ROW = "{:<38} {:>8} {:>9} {:>11} {:>10} {:>8} {:>7} {:>8} {:>6}"


def print_header() -> None:
    print(ROW.format("", "time s", "% limit", "x linkin.", "req/URL", "at once", "CPU s", "RSS MB", "wrong"))


def print_row(name: str, run: Run, limit: float, urls: int, sent: int, peak: int, wrong: int | None,
              linkinator: float | None) -> None:
    print(ROW.format(
        name, f"{run.seconds:.2f}", f"{100 * limit / run.seconds:.0f}%",
        f"{linkinator / run.seconds:.2f}x" if linkinator else "-", f"{sent / urls:.3f}", peak, f"{run.cpu:.2f}",
        f"{run.rss_mb:.0f}", "?" if wrong is None else wrong,
    ))


def bench_size(args: argparse.Namespace, site: Site, hosts: list[str], count: int, workdir: Path, others: bool,
               json_output: bool = True) -> bool:
    """One size: citetrack, then linkinator and LinkChecker over the same URLs. True when citetrack got every URL right."""
    pairs = bench_urls(hosts, count)
    urls = [url for url, _ in pairs]
    dead = {url for url, is_dead in pairs if is_dead}
    limit = math.ceil(count / (args.hosts * PER_HOST)) * args.latency_ms / 1000
    print(f"\n{count:,} URLs on {args.hosts} hosts, {args.latency_ms:g} ms per answer, {len(dead):,} dead; "
          f"politeness limit ceil(N/(H x {PER_HOST})) x L = {limit:.2f} s ({load()})")
    print_header()
    db = workdir / f"bench-{count}.db"
    seed(db, urls)
    site.stats()
    ours, statuses = run_citetrack(db, json_output=json_output)
    sent, peak = site.stats()
    wrong = sum(1 for url in urls if statuses.get(url) != ("dead" if url in dead else "ok"))
    rows = [("citetrack" + (" --json" if json_output else " (no --json)"), ours, sent, peak, wrong)]
    theirs = None
    if others:
        page = link_page(workdir, urls)
        for version in args.linkinator:
            linkinator = ensure_linkinator(version)
            if not linkinator:
                print(f"linkinator {version}: could not be installed (npm install linkinator@{version})")
                continue
            run, broken = run_linkinator(linkinator, page, workdir)
            sent, peak = site.stats()
            rows.append((f"linkinator {linkinator_version(linkinator)} (concurrency 40)", run, sent, peak,
                         None if broken is None else len(broken ^ dead)))
            theirs = theirs or run.seconds  # ratios against the first version asked for
        checker = None if args.skip_linkchecker or count > LINKCHECKER_MAX else ensure_linkchecker()
        if checker:
            run, broken = run_linkchecker(checker, page, workdir)
            sent, peak = site.stats()
            rows.append(("LinkChecker 10.6 (-t 40)", run, sent, peak, len(broken ^ dead) if run.output else None))
    for name, run, sent, peak, wrong_count in rows:
        print_row(name, run, limit, count, sent, peak, wrong_count, theirs)
    return wrong == 0


def bench_big(args: argparse.Namespace, site: Site, hosts: list[str], workdir: Path, count: int = 100_000) -> bool:
    return bench_size(args, site, hosts, count, workdir, others=False, json_output=False)


HOSTILE_KINDS = {  # path prefix: (page, what a right checker says)
    "honest-ok": ("ok", {}), "honest-dead": ("dead", {"status": 404}),
    "head-405": ("ok", {"head_status": 405}), "head-403": ("ok", {"head_status": 403}),
    "head-404": ("ok", {"head_status": 404}), "head-501": ("ok", {"head_status": 501}),
    "head-ok-get-404": ("dead", {"status": 404, "head_status": 200}),
    "head-ok-get-410": ("dead", {"status": 410, "head_status": 200}),
}


def bench_methods(args: argparse.Namespace, site: Site, hosts: list[str], workdir: Path) -> None:
    """GET (left early) vs HEAD-then-GET: requests, time and right answers, on the benchmark's
    largest size and on a site whose servers answer HEAD wrongly."""
    config = workdir / "head-first.toml"
    config.write_text("[check]\nhead_first = true\n")
    count = max(s for s in args.sizes if s <= 6000)
    pairs = bench_urls(hosts, count)
    urls, dead = [url for url, _ in pairs], {url for url, is_dead in pairs if is_dead}
    limit = math.ceil(count / (args.hosts * PER_HOST)) * args.latency_ms / 1000
    print(f"\nGET (body left early) vs HEAD then GET, {count:,} URLs of the benchmark ({load()})")
    print_header()
    for name, extra in (("citetrack, GET (default)", ()), ("citetrack, HEAD then GET (head_first)", ("--config", str(config)))):
        db = workdir / f"method-{len(extra)}.db"
        seed(db, urls)
        site.stats()
        run, statuses = run_citetrack(db, *extra)
        sent, peak = site.stats()
        wrong = sum(1 for url in urls if statuses.get(url) != ("dead" if url in dead else "ok"))
        print_row(name, run, limit, count, sent, peak, wrong, None)

    sys.path.insert(0, str(REPO / "tests"))
    from fixture_site import FixtureSite, Page

    per_kind = 20
    with FixtureSite(hosts=2, first_ip=20) as hostile:
        expected = {}
        for index, (kind, (status, page)) in enumerate(HOSTILE_KINDS.items()):
            for i in range(per_kind):
                path = f"/{kind}/{i}"
                hostile.route(index % 2, path, Page(page.get("status", 200), f"<title>{kind} {i}</title><p>Text.</p>",
                                                    head_status=page.get("head_status")))
                expected[hostile.url(index % 2, path)] = status
        urls = list(expected)
        print(f"\nHEAD-hostile site: {len(urls)} URLs, {per_kind} of each: " + ", ".join(HOSTILE_KINDS))
        print(f"{'':<38} {'time s':>8} {'req/URL':>10} {'wrong':>6}  wrong by kind")
        for name, extra in (("citetrack, GET (default)", ()), ("citetrack, HEAD then GET (head_first)", ("--config", str(config)))):
            db = workdir / f"hostile-{len(extra)}.db"
            seed(db, urls)
            before = sum(hostile.hits.values())
            run, statuses = run_citetrack(db, *extra)
            sent = sum(hostile.hits.values()) - before
            misses = [url for url in urls if statuses.get(url) != expected[url]]
            by_kind = sorted({url.split("/")[3] for url in misses})
            print(f"{name:<38} {run.seconds:>8.2f} {sent / len(urls):>10.3f} {len(misses):>6}  {', '.join(by_kind) or '-'}")
        linkinator = ensure_linkinator(args.linkinator[0])
        if linkinator:
            page = link_page(workdir, urls)
            before = sum(hostile.hits.values())
            run, broken = run_linkinator(linkinator, page, workdir)
            sent = sum(hostile.hits.values()) - before
            if broken is not None:
                misses = [url for url in urls if (url in broken) != (expected[url] == "dead")]
                by_kind = sorted({url.split("/")[3] for url in misses})
                print(f"{'linkinator (HEAD, GET when HEAD fails)':<38} {run.seconds:>8.2f} {sent / len(urls):>10.3f} {len(misses):>6}  {', '.join(by_kind) or '-'}")


def equal_politeness(args: argparse.Namespace, linkinator: Path, workdir: Path, count: int, tries: int = 3) -> None:
    """Both tools against hosts that answer at most PER_HOST requests at a time: the same
    politeness for both, whatever each sends (best of `tries` runs each)."""
    site, hosts = start_site(args.hosts, args.latency_ms, at_once=PER_HOST)
    try:
        urls = [url for url, _ in bench_urls(hosts, count)]
        page = link_page(workdir, urls)
        ours, theirs = math.inf, math.inf
        for attempt in range(tries):
            db = workdir / f"polite-{attempt}.db"
            seed(db, urls)
            ours = min(ours, run_citetrack(db)[0].seconds)
            theirs = min(theirs, run_linkinator(linkinator, page, workdir)[0].seconds)
        print(f"\nat equal politeness, {count:,} URLs (every host answers at most {PER_HOST} requests at a time; best of "
              f"{tries}): citetrack {ours:.2f} s, linkinator {theirs:.2f} s (citetrack {theirs / ours:.2f}x its speed)")
    finally:
        site.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[600, 6000], help="Numbers of URLs (default 600 6000).")
    parser.add_argument("--urls", type=int, help="One size only (same as --sizes N).")
    parser.add_argument("--big", action="store_true", help="Also 100,000 URLs (citetrack only; about 2.5 minutes).")
    parser.add_argument("--skip-others", action="store_true", help="Only citetrack (no LinkChecker, no linkinator).")
    parser.add_argument("--linkinator", nargs="+", default=["6", "7"], metavar="VERSION",
                        help="linkinator versions to run (npm versions; default 6 7). Ratios are against the first.")
    parser.add_argument("--skip-linkchecker", action="store_true", help="No LinkChecker (it takes about 35 s at 600).")
    parser.add_argument("--methods", action="store_true", help="Also GET vs HEAD-then-GET, here and on a HEAD-hostile site.")
    parser.add_argument("--equal-politeness", action="store_true", help="Also both tools against hosts answering 4 at a time.")
    parser.add_argument("--memory", type=int, metavar="N", help="Instead: check N URLs (no latency) and report peak RSS.")
    args = parser.parse_args(argv)
    if args.urls:
        args.sizes = [args.urls]
    if args.memory:
        return memory_bench(args.memory, args.hosts)

    site, hosts = start_site(args.hosts, args.latency_ms)
    workdir = Path(tempfile.mkdtemp(prefix="citetrack-bench-"))
    right = True
    try:
        print(f"machine: {os.cpu_count()} cores, {load()}")
        stack = stack_startup()
        first, whole = first_request(workdir)
        print(f"start-up of `citetrack check`: first request {first:.3f} s after launch, whole command over one "
              f"dead URL {whole:.3f} s (best of 3); Python loading requests, sqlite-utils, typer and pydantic alone: {stack:.3f} s")
        for count in args.sizes:
            right &= bench_size(args, site, hosts, count, workdir, others=not args.skip_others)
        if args.big:
            right &= bench_big(args, site, hosts, workdir)
        if args.methods:
            bench_methods(args, site, hosts, workdir)
        if args.equal_politeness and not args.skip_others:
            linkinator = ensure_linkinator(args.linkinator[0])
            if linkinator:
                equal_politeness(args, linkinator, workdir, min(args.sizes))
        print(f"\n{load()}")
        return 0 if right else 1
    finally:
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def memory_bench(count: int, hosts_count: int) -> int:
    site, hosts = start_site(hosts_count, 0)
    workdir = Path(tempfile.mkdtemp(prefix="citetrack-bench-"))
    try:
        urls = [url for url, _ in bench_urls(hosts, count)]
        db = workdir / "bench.db"
        seed(db, urls)
        run = measure(citetrack_command(db, "--fail-on", "never"), workdir)
        if run.code:
            print(run.output[-2000:], file=sys.stderr)
        from citetrack.store import open_store

        with open_store(db) as store:
            checked = store.query("SELECT count(*) AS n FROM checks")[0]["n"]
        print(f"checked {checked} of {count} URLs in {run.seconds:.1f} s; peak RSS of `citetrack check`: {run.rss_mb:.0f} MB")
        return 0
    finally:
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
