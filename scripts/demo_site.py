"""The demo's loopback fixture site: the pages the example brief cites, served on 127.0.0.1.

It answers as an HTTP proxy (clients set HTTP_PROXY to `proxy_url`), so the brief can cite
realistic addresses (`http://www.harbour-gazette.example/...`) while nothing leaves this
machine. Each page plays one part: live and right, dead, moved, soft-404, wrong page.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Page:
    status: int = 200
    title: str = ""
    site: str = ""
    published: str = ""
    text: str = ""
    location: str = ""  # for redirects

    def body(self) -> bytes:
        if not self.title:
            return b""
        meta = f'<meta property="og:site_name" content="{html.escape(self.site)}">' if self.site else ""
        if self.published:
            meta += f'<meta property="article:published_time" content="{self.published}T09:00:00Z">'
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in self.text.split("\n") if p)
        return (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(self.title)}"
            f"{' - ' + html.escape(self.site) if self.site else ''}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{html.escape(self.title)}</h1>"
            f"{paragraphs}</article><footer>Copyright the fictional {html.escape(self.site)}</footer></body></html>"
        ).encode()


NOT_FOUND_PAGE = Page(404, "Page not found", "", "", "Sorry, the page you are looking for does not exist.")

PAGES: dict[str, Page] = {
    "http://www.harbour-gazette.example/": Page(200, "Harbour Gazette", "Harbour Gazette", "", "Latest news from the delta."),
    "http://www.harbour-gazette.example/news/2024/06/12/water-board-emergency-drawdown": Page(
        200, "Water board approves emergency drawdown in under an hour", "Harbour Gazette", "2024-06-12",
        "The regional water board approved an emergency drawdown of the upstream reservoir on Wednesday.\n"
        "The session, chaired by Dr. Ilse Varga, lasted less than an hour, according to minutes released later.\n"
        "Farmers' cooperatives said they had not been consulted."),
    "http://www.harbour-gazette.example/news/2024/10/19/neutral-growers-quota": Page(
        301, location="http://www.harbour-gazette.example/"),
    "http://www.harbour-gazette.example/news/2024/12/05/governor-mediation-draft-deal": Page(
        200, "Ferry timetable changes for the winter season", "Harbour Gazette", "2024-12-05",
        "The delta ferry will run every two hours from December.\nThe operator cited lower winter demand."),
    "http://vessapost.example/2024/09/02/rice-growers-count-the-cost/": Page(
        200, "Delta rice growers count the cost of a dry summer", "Vessa Daily Post", "2024-09-02",
        "Growers in Kessel and Ormund reported losses of about 40 percent on their rice paddies.\n"
        "Several cooperatives have stopped paying water fees in protest."),
    "http://www.deltaradio.example/stories/20241017-board-suspends-quota": NOT_FOUND_PAGE,
    "http://www.deltaradio.example/stories/20250121-outlook-explained": Page(
        301, location="http://www.deltaradio.example/stories/2025/01/21/outlook-explained"),
    "http://www.deltaradio.example/stories/2025/01/21/outlook-explained": Page(
        200, "What the reservoir outlook means for farmers", "Delta Radio", "2025-01-21",
        "The hydrology office expects the reservoir to fall below its declared shortage level again this year."),
    "http://hydrology.vessa-province.example/reports/2025-outlook": Page(
        200, "Oops! That page can't be found", "Provincial Hydrology Office", "",
        "It looks like nothing was found at this location."),
}
# hosts that answer every unknown path with a 200 error page (soft 404s)
SOFT_404_HOSTS = {"hydrology.vessa-province.example"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _page(self) -> Page:
        url = self.path if self.path.startswith("http") else f"http://{self.headers.get('Host', '')}{self.path}"
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}{parts.path or '/'}"
        if key in PAGES:
            return PAGES[key]
        if parts.hostname in SOFT_404_HOSTS:
            return PAGES["http://hydrology.vessa-province.example/reports/2025-outlook"]
        return NOT_FOUND_PAGE

    def _answer(self, with_body: bool) -> None:
        page = self._page()
        body = page.body()
        self.send_response(page.status)
        if page.location:
            self.send_header("Location", page.location)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)


class DemoSite:
    """Start with `.start()`, point HTTP_PROXY at `.proxy_url`, stop with `.stop()`."""

    def __init__(self, host: str = "127.0.0.1"):
        self.server = ThreadingHTTPServer((host, 0), _Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def proxy_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> DemoSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    site = DemoSite().start()
    print(f"Demo site running; export HTTP_PROXY={site.proxy_url}  (Ctrl-C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        site.stop()
