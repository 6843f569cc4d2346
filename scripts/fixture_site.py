"""Run the loopback fixture site (tests/fixture_site.py) as a process, for demos and benchmarks.

    python scripts/fixture_site.py --hosts 10 --latency-ms 50 --dead-every 10

Serves `/page/<n>` on 127.0.0.2, 127.0.0.3, ... : 200 with a small HTML page, or 404 when
n is a multiple of --dead-every; `/` is a home page. With --at-once K each host answers at most
K requests at a time (the others wait their turn), which holds any client to that politeness.
Prints one JSON line `{"hosts": ["127.0.0.2:PORT", ...]}` on stdout once listening, then serves
until stdin closes or it is terminated. A line `stats` on stdin prints `{"requests": N, "peak":
[...]}` (requests answered, and the most a host had received and not yet answered at once, since
the previous `stats`) and starts counting afresh: benchmarks use it to show how hard each
checker hit the hosts. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fixture_site import FixtureSite, Page, Request  # noqa: E402

PAGE = re.compile(r"^/page/(\d+)")


def page_answer(dead_every: int):
    def answer(request: Request) -> Page:
        match = PAGE.match(request.path)
        if request.path == "/":
            return Page(200, "<title>Home</title><p>Fixture site home.</p>")
        if match and (dead_every <= 0 or int(match.group(1)) % dead_every):
            n = match.group(1)
            return Page(200, f"<title>Page {n}</title><p>Fixture page number {n} with some text.</p>")
        return Page(404, "<title>404 Not Found</title>")

    return answer


def serve_commands(site: FixtureSite, stop: threading.Event) -> None:
    """Answer `stats` lines from stdin until it closes, then stop the site."""
    for line in sys.stdin:
        if line.strip() == "stats":
            with site.lock:
                stats = {"requests": sum(site.hits.values()), "peak": list(site.peak)}
                site.hits.clear()
                site.requests.clear()
                site.peak[:] = [0] * len(site.peak)
            print(json.dumps(stats), flush=True)
    stop.set()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--first-ip", type=int, default=2)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--dead-every", type=int, default=10)
    parser.add_argument("--at-once", type=int, default=None, help="Each host answers at most this many requests at a time.")
    args = parser.parse_args(argv)
    site = FixtureSite(hosts=args.hosts, first_ip=args.first_ip, latency_ms=args.latency_ms, at_once=args.at_once)
    for host in range(args.hosts):
        site.fallback(host, page_answer(args.dead_every))
    site.start()
    print(json.dumps({"hosts": [site.netloc(i) for i in range(args.hosts)]}), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=serve_commands, args=(site, stop), daemon=True).start()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    site.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
