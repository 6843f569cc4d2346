"""A hostile web site on a loopback address, for the hardening tests: markup in titles,
`javascript:` links, a 2 GB Content-Length that never arrives, a gzip bomb, a slow drip, redirect
loops and redirects to other schemes and to forbidden addresses in every spelling.

    with HostileSite() as site:             # 127.0.0.2 on a free port
        site.url("/gzip-bomb")
        site.redirect_url("http://[::1]/")  # a page that redirects there
        site.hits                           # Counter of (method, path)

Slow pages (`/slow/<ms>`) serve the fault and concurrency tests. Nothing leaves the machine.
"""

from __future__ import annotations

import collections
import functools
import gzip
import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote

SCRIPT_TITLE = "<script>alert('title')</script>Hostile <img src=x onerror=alert(1)> page"
HOSTILE_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'>"
    f"<title>{SCRIPT_TITLE}</title>"
    "<meta property='og:site_name' content='&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'>"
    "<meta property='og:title' content='<svg onload=alert(3)>'>"
    "<meta name='author' content='javascript:alert(4)'>"
    "<meta property='article:published_time' content='2024-06-12T09:00:00Z'>"
    "<link rel='canonical' href='javascript:alert(5)'>"
    "</head><body onload='alert(6)'><article><h1>A headline <script>alert(7)</script></h1>"
    "<p>Growers reported losses of about 40 percent. <a href='javascript:alert(8)'>more</a>"
    "<a href='JaVaScRiPt:alert(9)' onclick='alert(10)'>x</a> <iframe src='javascript:alert(11)'></iframe></p>"
    "<p>" + "Padding text for the extractor. " * 40 + "</p></article></body></html>"
)


def _gzip_bomb(decoded_bytes: int) -> bytes:
    """Zeros that inflate to `decoded_bytes` (about 1000:1)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as zipped:
        block = b"\0" * (1 << 20)
        for _ in range(decoded_bytes >> 20):
            zipped.write(block)
    return out.getvalue()


@functools.cache
def gzip_bomb() -> bytes:
    return _gzip_bomb(256 << 20)  # 256 MB of zeros in ~250 KB


@functools.cache
def html_gzip_bomb() -> bytes:
    return gzip.compress(b"<html><head><title>bomb</title></head><body>" + b"<p>" * (32 << 20), 9)


@functools.cache
def double_gzip_bomb() -> bytes:
    return gzip.compress(gzip_bomb(), 9)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Hostile/1"

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        headers = headers or {}
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _hang(self, seconds: float) -> None:
        """Keep the connection open, sending nothing, until the client gives up (or time passes)."""
        site: HostileSite = self.server.site  # type: ignore[attr-defined]
        site.stop_event.wait(seconds)
        self.close_connection = True

    def _answer(self) -> None:
        site: HostileSite = self.server.site  # type: ignore[attr-defined]
        path = self.path
        with site.lock:
            site.hits[(self.command, path.split("?", 1)[0])] += 1
            site.active += 1
            site.max_active = max(site.max_active, site.active)
        try:
            self._route(site, path)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        finally:
            with site.lock:
                site.active -= 1

    def _route(self, site: HostileSite, path: str) -> None:
        if path in site.pages:  # bodies a test generated: site.pages[path] = (body, content type)
            body, content_type = site.pages[path]
            return self._send(200, body, content_type=content_type)
        if path.startswith("/cut/"):  # promises twice the bytes it sends, then hangs up
            sent = int(path.split("/")[2])
            self._send(200, b"", {"Content-Length": str(2 * sent)})
            if self.command != "HEAD":
                head = b"<html><head><title>Cut short</title></head><body><p>"
                self.wfile.write(head + b"x" * (sent - len(head)))
                self.wfile.flush()
            self.close_connection = True
            return None
        if path.startswith("/to/"):  # a redirect to whatever follows, percent-encoded
            return self._send(302, b"", {"Location": unquote(path[4:])})
        if path.startswith("/slow/"):  # a normal page after a delay: keeps a run busy
            time.sleep(int(path.split("/")[2]) / 1000)
            title = f"Slow page {path}"
            return self._send(200, f"<html><head><title>{title}</title></head><body><p>{title} "
                                   f"{'text ' * 60}</p></body></html>".encode())
        if path == "/hostile":
            return self._send(200, HOSTILE_PAGE.encode())
        if path == "/huge-length":  # promises 2 GB, sends a few bytes, then nothing
            self._send(200, b"", {"Content-Length": str(2 << 30)})
            if self.command != "HEAD":
                self.wfile.write(b"<html><head><title>never ends")
                self.wfile.flush()
                self._hang(30)
            return None
        if path == "/gzip-bomb":
            return self._send(200, gzip_bomb(), {"Content-Encoding": "gzip"}, "text/html")
        if path == "/html-gzip-bomb":
            return self._send(200, html_gzip_bomb(), {"Content-Encoding": "gzip"})
        if path == "/double-gzip-bomb":
            return self._send(200, double_gzip_bomb(), {"Content-Encoding": "gzip, gzip"})
        if path == "/drip":  # one byte every 200 ms, forever
            self._send(200, b"", {"Content-Length": str(10 << 20)})
            if self.command != "HEAD":
                for _ in range(300):
                    if site.stop_event.is_set():
                        break
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.2)
            self.close_connection = True
            return None
        if path == "/endless-chunks":  # chunked, never ends
            self._send(200, b"", {"Transfer-Encoding": "chunked"})
            if self.command != "HEAD":
                chunk = b"<p>" + b"x" * 65533
                for _ in range(100_000):
                    if site.stop_event.is_set():
                        break
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.close_connection = True
            return None
        if path == "/loop-a":
            return self._send(302, b"", {"Location": "/loop-b"})
        if path == "/loop-b":
            return self._send(302, b"", {"Location": "/loop-a"})
        if path == "/self":
            return self._send(301, b"", {"Location": "/self"})
        if path == "/many-headers":
            self.send_response(200)
            for i in range(5000):
                self.send_header(f"X-H{i}", "v")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path == "/garbage-status":
            self.wfile.write(b"HELLO THERE\r\n\r\n")
            self.close_connection = True
            return None
        if path == "/no-answer":
            return self._hang(30)
        return self._send(404, b"<title>404 Not Found</title>")

    do_GET = do_HEAD = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address) -> None:  # clients that hang up are normal here
        pass


class HostileSite:
    """The hostile site on `address` (default 127.0.0.2), port chosen by the system."""

    def __init__(self, address: str = "127.0.0.2"):
        self.address = address
        self.lock = threading.Lock()
        self.hits: collections.Counter[tuple[str, str]] = collections.Counter()
        self.active = 0
        self.max_active = 0
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.stop_event = threading.Event()
        self.server = _Server((address, 0), _Handler)
        self.server.site = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://{self.address}:{self.port}{path}"

    def redirect_url(self, target: str) -> str:
        """A URL of this site that redirects (302) to `target`."""
        return self.url("/to/" + quote(target, safe=""))

    def start(self) -> HostileSite:
        gzip_bomb(), html_gzip_bomb(), double_gzip_bomb()  # built before any client waits on them
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> HostileSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":  # a standalone slow site for the scripts: prints its base URL
    import sys

    site = HostileSite(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.2").start()
    print(site.url(""), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        site.stop()
