"""Fixtures of the archive tests: a loopback site whose pages the test writes, and a store
filled directly with documents, claims, citations and URLs (no reader involved)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from citetrack.store import Store, dumps, now


@dataclass
class Page:
    body: bytes | str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """A tiny web site on 127.0.0.1: `site.pages["/a"] = Page(...)`, `site.url("/a")`."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.hits.append(self.path)
                page = site.pages.get(self.path)
                if page is None:
                    page = Page("<html><title>Not found</title><p>No such page.</p></html>", status=404)
                body = page.body.encode() if isinstance(page.body, str) else page.body
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    served = Site()
    yield served
    served.close()


def add_url(store: Store, url: str, status: str | None = None) -> int:
    with store.transaction() as db:
        rows = list(db.query("SELECT id FROM urls WHERE url = ?", [url]))
        if rows:
            db["urls"].update(rows[0]["id"], {"last_status": status})
            return rows[0]["id"]
        return db["urls"].insert({"url": url, "first_seen": now(), "last_status": status,
                                  "domain": None}).last_pk


def add_document(store: Store, citations: list[dict], claims: list[dict] = (), path: str = "/doc.md") -> int:
    """A document with citations ({footnote, title, outlet, date, urls: [url or (url, status)]})
    and claims ({text, labels}); returns the document id."""
    with store.transaction() as db:
        doc = db["documents"].insert({"path": path, "format": "md", "sha256": "x", "ingested_at": now(),
                                      "updated_at": now()}).last_pk
    for position, cit in enumerate(citations):
        footnote = cit.get("footnote", str(position + 1))
        with store.transaction() as db:
            cid = db["citations"].insert({
                "document_id": doc, "key": cit.get("key", f"{footnote}#0"), "footnote": footnote,
                "position": position, "text": cit.get("text", cit.get("title") or "source"),
                "authors": dumps(cit.get("authors", [])), "title": cit.get("title"), "outlet": cit.get("outlet"),
                "date": cit.get("date"), "date_raw": cit.get("date"), "date_precision": "day" if cit.get("date") else None,
            }).last_pk
        for i, entry in enumerate(cit.get("urls", [])):
            url, status = (entry, None) if isinstance(entry, str) else entry
            url_id = add_url(store, url, status)
            with store.transaction() as db:
                db["citation_urls"].insert({"citation_id": cid, "position": i, "url_id": url_id, "written": url})
    for position, claim in enumerate(claims):
        with store.transaction() as db:
            claim_id = db["claims"].insert({"document_id": doc, "key": claim.get("key", "/".join(claim["labels"])),
                                            "position": position, "text": claim["text"]}).last_pk
            for i, label in enumerate(claim["labels"]):
                db["claim_notes"].insert({"claim_id": claim_id, "label": label, "position": i})
    return doc


def article(title: str, text: str, *, site_name: str | None = "Sahel Monitor", published: str | None = None,
            title_suffix: str | None = " - Sahel Monitor") -> str:
    """An article page of our own writing, with navigation and footer to be dropped."""
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    if published:
        meta += f'<meta property="article:published_time" content="{published}T09:00:00Z">'
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    return (
        f"<!doctype html><html lang='en'><head><title>{title}{title_suffix or ''}</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/region'>Region</a> <a href='/about'>About us</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Sahel Monitor, all rights reserved. Newsletter sign-up.</footer></body></html>"
    )


@pytest.fixture
def kit():
    """The helpers above, for test modules (conftest cannot be imported under importlib mode)."""
    from types import SimpleNamespace

    return SimpleNamespace(Page=Page, add_document=add_document, add_url=add_url, article=article)
