"""The second origin that serves archived pages, and only them.

An archived page is hostile HTML. It is read back from its WARC record, stripped of active
content (scripts, event handlers, `javascript:` links, frames, forms, embeds, meta refresh),
and sent with a Content-Security-Policy that sandboxes it and forbids every script and every
request to the network. It is served from a different port than the app, so even a page that
slipped through could not reach the app's origin, its storage or its token; the app shows it in
an `<iframe sandbox>` without `allow-scripts` or `allow-same-origin`.
"""

from __future__ import annotations

import html

import lxml.html
from lxml.etree import ParserError
from lxml_html_clean import Cleaner
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from citetrack.archive.warc import RecordRef, read_response
from citetrack.errors import CitetrackError, NotFoundError
from citetrack.store import Store
from citetrack.store.browse import get_snapshot

# No script of any kind, nothing fetched from anywhere; the page's own <style> may apply.
SANDBOX_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "form-action 'none'; base-uri 'none'"
)

_CLEANER = Cleaner(
    scripts=True, javascript=True, comments=True, style=False, inline_style=False, links=True, meta=True,
    page_structure=False, processing_instructions=True, embedded=True, frames=True, forms=True,
    annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=True, kill_tags={"base", "noscript"},
)


def clean_archived_html(body: bytes) -> str:
    """The page with every active part removed (a page lxml cannot parse becomes an empty one)."""
    try:
        document = lxml.html.document_fromstring(body)
    except (ParserError, ValueError):
        return "<!doctype html><html><body></body></html>"
    cleaned = _CLEANER.clean_html(document)
    return "<!doctype html>\n" + lxml.html.tostring(cleaned, encoding="unicode", method="html")


def text_page(text: str) -> str:
    """Text (a PDF's, or a page that is not HTML) as a page of escaped, preformatted text."""
    return f"<!doctype html><html><body><pre>{html.escape(text)}</pre></body></html>"


def sandbox_headers(frame_ancestors: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": f"{SANDBOX_CSP}; frame-ancestors {frame_ancestors}",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def create_sandbox_app(store: Store, frame_ancestors: str, allowed_hosts: list[str] | None = None) -> Starlette:
    """The archive origin: `GET /snapshots/{id}` answers one archived page, cleaned and sandboxed."""

    async def snapshot_body(request: Request) -> Response:
        headers = sandbox_headers(frame_ancestors)
        try:
            snapshot_id = int(request.path_params["snapshot_id"])
            snap = get_snapshot(store, snapshot_id, with_text=True)
        except (ValueError, NotFoundError):
            return PlainTextResponse("no such snapshot", status_code=404, headers=headers)
        body = b""
        if snap.warc_file and snap.warc_offset is not None:
            try:
                stored = read_response(
                    store.archive_dir, RecordRef(snap.warc_file, snap.warc_offset, snap.warc_length)
                )
                body = stored.body
            except (CitetrackError, OSError):
                body = b""
        is_html = (snap.kind == "html" or "html" in (snap.content_type or "")) and body
        page = clean_archived_html(body) if is_html else text_page(snap.text or "(no text was kept)")
        return HTMLResponse(page, headers=headers)

    app = Starlette(routes=[Route("/snapshots/{snapshot_id}", snapshot_body)])
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    return app
