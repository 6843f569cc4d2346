"""A reusable loopback fixture site: threaded HTTP servers on 127.0.0.x acting as separate hosts.

    from fixture_site import FixtureSite, Page, Sequence   # tests/ on sys.path
    with FixtureSite(hosts=2) as site:                      # 127.0.0.2, 127.0.0.3 (port chosen)
        site.route(0, "/a", Page(200, "<title>A</title>"))
        site.route(0, "/old", Page.redirect("/a", 301))
        site.route(1, "/busy", Sequence(Page(503), Page(200, "ok")))   # one per request, last repeats
        site.route(1, "/fn", lambda req: Page(200, req.path))          # any callable(Request) -> Page
        site.fallback(1, Page(200, "<title>Oops</title>"))             # unknown paths (default 404)
        url = site.url(0, "/a")          # "http://127.0.0.2:PORT/a"
        site.hits[(0, "GET", "/a")]      # requests received per (host, method, path)
        site.peak[0]                     # most requests host 0 answered at once

Pages can be delayed (`delay`), drip their body (`drip`: seconds between chunks of `drip_size`)
or their headers (`header_drip` lines, a byte at a time),
stream a large filler body without holding it (`filler` bytes), answer HEAD differently
(`head_status`) and carry any header (Retry-After, Content-Encoding...). `latency` delays every
answer of the site (the benchmark's L); `at_once` makes each host answer at most that many requests
at a time, the others waiting their turn. Only loopback addresses are used; nothing leaves the host.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Union


@dataclass
class Page:
    """One answer: status, body, headers, and optional misbehaviour."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between body chunks (slow-drip server)
    drip_size: int = 1
    header_drip: int = 0  # filler header lines sent first, a byte every `drip` seconds
    filler: int = 0  # extra bytes of filler streamed after the body (huge bodies)
    head_status: int | None = None  # status for HEAD when it differs (e.g. 405)

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Page:
        return cls(status, b"", {"Location": location})

    @property
    def data(self) -> bytes:
        return self.body.encode() if isinstance(self.body, str) else self.body


@dataclass
class Request:
    host: int
    method: str
    path: str
    headers: dict[str, str]


class Sequence:
    """Answers in turn, one per request to its path; the last answer then repeats."""

    def __init__(self, *pages: Page):
        self.pages = list(pages)
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Page:
        with self.lock:
            page = self.pages[min(self.count, len(self.pages) - 1)]
            self.count += 1
        return page


Answer = Union[Page, Callable[[Request], Page]]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FixtureSite/1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms stall

    def log_message(self, *args: object) -> None:  # silence
        pass

    def _answer(self) -> None:
        site: FixtureSite = self.server.site  # type: ignore[attr-defined]
        index: int = self.server.index  # type: ignore[attr-defined]
        path = self.path
        request = Request(index, self.command, path, {k.lower(): v for k, v in self.headers.items()})
        with site.lock:
            site.hits[(index, self.command, path)] += 1
            site.requests.append(request)
            site.active[index] += 1
            site.peak[index] = max(site.peak[index], site.active[index])
        turn = site.turns[index]
        try:
            if turn is None:
                self._respond(site, index, path, request)
            else:
                with turn:
                    self._respond(site, index, path, request)
        finally:
            with site.lock:
                site.active[index] -= 1

    def _respond(self, site: FixtureSite, index: int, path: str, request: Request) -> None:
        answer = site.routes[index].get(path) or site.routes[index].get(path.split("?", 1)[0]) or site.fallbacks[index]
        page = answer(request) if callable(answer) else answer
        if site.latency:
            time.sleep(site.latency)
        if page.delay:
            time.sleep(page.delay)
        status = page.head_status if (self.command == "HEAD" and page.head_status) else page.status
        data = page.data
        try:
            self.send_response(status)
            if page.header_drip:
                self.flush_headers()
                for byte in b"".join(b"X-Filler-%d: x\r\n" % i for i in range(page.header_drip)):
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(page.drip)
            self.send_header("Content-Type", page.content_type)
            headers = {k.lower(): v for k, v in page.headers.items()}
            for name, value in page.headers.items():
                self.send_header(name, value)
            if "content-length" not in headers:
                self.send_header("Content-Length", str(len(data) + page.filler))
            self.end_headers()
            if self.command == "HEAD":
                return
            if page.drip:
                for start in range(0, len(data), page.drip_size):
                    self.wfile.write(data[start : start + page.drip_size])
                    self.wfile.flush()
                    time.sleep(page.drip)
            else:
                self.wfile.write(data)
            remaining = page.filler
            block = b"x" * 65536
            while remaining > 0:
                self.wfile.write(block[: min(remaining, len(block))])
                remaining -= len(block)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_HEAD = do_POST = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        """Clients that hang up (deadlines, caps) are expected here: stay quiet."""


class FixtureSite:
    """`hosts` servers on 127.0.0.<first_ip>, 127.0.0.<first_ip+1>, ... (each its own port)."""

    def __init__(
        self, hosts: int = 1, *, first_ip: int = 2, latency_ms: float = 0.0, port: int = 0, at_once: int | None = None
    ):
        self.lock = threading.Lock()
        # A host that answers at most `at_once` requests at a time (the rest wait their turn)
        # holds any client to that politeness, whatever the client's own limits.
        self.turns = [threading.BoundedSemaphore(at_once) if at_once else None for _ in range(hosts)]
        self.hits: collections.Counter[tuple[int, str, str]] = collections.Counter()
        self.requests: list[Request] = []
        self.active = [0] * hosts  # requests received and not yet answered, per host
        self.peak = [0] * hosts  # the most received at once, per host (politeness checks)
        self.latency = latency_ms / 1000.0
        self.routes: list[dict[str, Answer]] = [{} for _ in range(hosts)]
        self.fallbacks: list[Answer] = [Page(404, "<title>404 Not Found</title><h1>Not Found</h1>") for _ in range(hosts)]
        self.servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self._addresses = [f"127.0.0.{first_ip + i}" for i in range(hosts)]
        self._port = port

    # ---------------------------------------------------------------- configuration

    def route(self, host: int, path: str, answer: Answer) -> str:
        """Serve `answer` at `path` on host number `host`; returns the URL."""
        self.routes[host][path] = answer
        return self.url(host, path)

    def fallback(self, host: int, answer: Answer) -> None:
        """What unknown paths of a host answer (default: a plain 404)."""
        self.fallbacks[host] = answer

    def netloc(self, host: int) -> str:
        server = self.servers[host]
        return f"{server.server_address[0]}:{server.server_address[1]}"

    def url(self, host: int, path: str = "/") -> str:
        return f"http://{self.netloc(host)}{path}"

    # ---------------------------------------------------------------- life cycle

    def start(self) -> FixtureSite:
        for index, address in enumerate(self._addresses):
            server = _Server((address, self._port), _Handler)
            server.site = self  # type: ignore[attr-defined]
            server.index = index  # type: ignore[attr-defined]
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            thread.start()
            self.servers.append(server)
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> FixtureSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
