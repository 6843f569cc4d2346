"""The review app: pages and a JSON API over one store, each answering from one store or workflow call.

Security, in the order a request meets it:
- the Host header must name this server when it listens on loopback (no DNS rebinding);
- every request that changes anything (any method but GET and HEAD) must carry the session
  token in the `X-Citetrack-Token` header, which only the app's own script sets: a form or a
  link on another site cannot, so it cannot make a reviewer's browser decide a flag (403);
- pages carry a Content-Security-Policy that allows only the app's own script and style, frames
  only from the archive origin, and no framing by anyone;
- every text from a document or a page goes through Jinja2's autoescape; only http(s) URLs
  become links.
Archived pages never come from this origin: see `citetrack.web.sandbox`.
"""

from __future__ import annotations

import difflib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from citetrack import __version__, settings
from citetrack.errors import BadInputError, CitetrackError, NotFoundError
from citetrack.models import FlagKind, FlagStatus, Severity
from citetrack.printable import live_link
from citetrack.export import export as render_export
from citetrack.report import STATUS_COLOURS, health_chart
from citetrack.review import decide
from citetrack.store import Store
from citetrack.store.browse import (
    QUEUE_SORTS,
    QueueQuery,
    document_page,
    documents_overview,
    flag_queue,
    queue_counts,
    queue_ids,
    snapshot_page,
)
from citetrack.store.documents import list_documents, require_document
from citetrack.store.flags import FlagFilter, list_flags
from citetrack.workflows.review import claim_review, decide_flags, show_claim

HERE = Path(__file__).parent
SAFE_METHODS = frozenset({"GET", "HEAD"})
STATUSES = ("open", "resolved", "dismissed", "all")
ACTIONS = {"resolve": FlagStatus.RESOLVED, "dismiss": FlagStatus.DISMISSED, "reopen": FlagStatus.OPEN}
EXPORT_TYPES = {
    "markdown": ("text/markdown; charset=utf-8", "md"), "html": ("text/html; charset=utf-8", "html"),
    "csl-json": ("application/json", "json"), "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"), "csv": ("text/csv; charset=utf-8", "csv"),
}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def allowed_hosts(bind_host: str) -> list[str]:
    """The names a request may give in its Host header when the app listens on loopback."""
    return list(dict.fromkeys([*LOOPBACK_HOSTS, bind_host, f"[{bind_host.strip('[]')}]" if ":" in bind_host else bind_host]))


_HOSTNAME = re.compile(r"^[A-Za-z0-9.\-:\[\]]{1,255}$")


@dataclass(frozen=True)
class AppConfig:
    """What the app needs besides the store: the token, and where the archive origin listens."""

    token: str
    sandbox_port: int
    bind_host: str = settings.WEB_DEFAULT_HOST
    loopback: bool = True


class TokenMiddleware:
    """403, and nothing done, for a change without the session token in its header."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            header = settings.WEB_TOKEN_HEADER.lower().encode()
            given = next((value for name, value in scope["headers"] if name == header), b"")
            if not hmac.compare_digest(given, self.token):
                response = JSONResponse(
                    {"error": f"this change needs the session token in the {settings.WEB_TOKEN_HEADER} header"},
                    status_code=403,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeadersMiddleware:
    """The Content-Security-Policy and friends on every answer of the app's origin."""

    def __init__(self, app: ASGIApp, config: AppConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        frame_src = sandbox_origin(scope, self.config)

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                own = dict(message.get("headers", []))
                csp = own.get(b"content-security-policy") or (
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    f"connect-src 'self'; frame-src {frame_src}; form-action 'self'; base-uri 'none'; "
                    "frame-ancestors 'none'"
                ).encode()
                headers += [
                    (b"content-security-policy", csp), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def sandbox_origin(scope: Scope, config: AppConfig) -> str:
    """The archive origin as the browser reaches it: the host it asked for, the archive port."""
    host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
    name = urlsplit(f"//{host}").hostname if host else None
    if not name or not _HOSTNAME.match(name):
        name = config.bind_host
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"
    return f"http://{name}:{config.sandbox_port}"


# ---------------------------------------------------------------- rendering helpers


def safe_href(url: str | None) -> str | None:
    """A URL fit for an href: http or https only (never `javascript:` or `data:`)."""
    return live_link(url, ("http", "https"))


def highlight(text: str | None, facts: list[str] | None) -> Markup:
    """The text escaped, with each fact found in it marked (<mark>)."""
    text = text or ""
    if not facts:
        return escape(text)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(set(facts), key=len, reverse=True) if f), re.I)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup("<mark>") + escape(match.group(0)) + Markup("</mark>"))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def drift_diff(old: str | None, new: str | None) -> list[dict[str, Any]]:
    """The changes between two archived texts, sentence by sentence: hunks of kept/removed/added lines."""
    def lines(text: str | None) -> list[str]:
        flat = " ".join((text or "")[: settings.WEB_DIFF_MAX_CHARS].split())
        return [part for part in re.split(r"(?<=[.!?])\s+", flat) if part]

    before, after = lines(old), lines(new)
    hunks = []
    for group in difflib.SequenceMatcher(None, before, after, autojunk=False).get_grouped_opcodes(1):
        rows = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [{"op": "same", "text": line} for line in before[i1:i2]]
                continue
            rows += [{"op": "removed", "text": line} for line in before[i1:i2]]
            rows += [{"op": "added", "text": line} for line in after[j1:j2]]
        hunks.append(rows)
    return hunks


def query_string(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def make_templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every {{ value }} is escaped, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["href"] = safe_href
    env.filters["highlight"] = highlight
    env.filters["day"] = lambda stamp: (stamp or "")[:10] or "never"
    env.filters["when"] = lambda stamp: (stamp or "").replace("T", " ")[:16] or "never"
    env.globals.update(colours={**STATUS_COLOURS, "unchecked": "#dddddd"}, version=__version__, query_string=query_string, kinds=[str(k) for k in FlagKind],
                       severities=[str(s) for s in Severity], statuses=STATUSES)
    return env


# ---------------------------------------------------------------- request parsing


def _int(value: str | None, name: str, *, minimum: int | None = None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise BadInputError(f"{name} must be a whole number, not {value!r}") from None
    if minimum is not None and number < minimum:
        raise BadInputError(f"{name} must be at least {minimum}")
    return number


def _choice(value: str | None, allowed, name: str) -> str | None:
    if value in (None, ""):
        return None
    choices = [str(item) for item in allowed]
    if value not in choices:
        raise BadInputError(f"unknown {name} {value!r}: use one of {', '.join(choices)}")
    return value


def flag_filter_params(params) -> dict[str, Any]:
    """The filters of `flags`, checked: document, kind, severity, status (default open)."""
    return {
        "document_id": _int(params.get("document"), "document"),
        "kind": _choice(params.get("kind"), FlagKind, "flag kind"),
        "severity": _choice(params.get("severity"), Severity, "severity"),
        "status": _choice(params.get("status"), STATUSES, "status") or "open",
    }


def queue_query(params):
    return QueueQuery(
        **flag_filter_params(params),
        text=(params.get("q") or "").strip() or None,
        sort=_choice(params.get("sort"), QUEUE_SORTS, "sort") or "document",
        page=_int(params.get("page"), "page", minimum=1) or 1,
    )


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise BadInputError("the body must be JSON") from None
    if not isinstance(body, dict):
        raise BadInputError("the body must be a JSON object")
    return body


def _text_field(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise BadInputError(f"{name!r} must be a string")
    return (value or "").strip()


# ---------------------------------------------------------------- the app


class ReviewViews:
    """The app's pages and JSON endpoints over one store: each parses its request, makes one
    store or workflow call and renders the result (HTML page or JSON)."""

    def __init__(self, store: Store, config: AppConfig) -> None:
        self.store = store
        self.config = config
        self.templates = make_templates()

    def page(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        text = self.templates.get_template(name).render(
            request=request, sandbox=sandbox_origin(request.scope, self.config), path=request.url.path,
            token_header=settings.WEB_TOKEN_HEADER, **context,
        )
        return HTMLResponse(text, status_code=status_code)

    async def on_error(self, request: Request, exc: Exception) -> Response:
        if isinstance(exc, NotFoundError):
            code = 404
        elif isinstance(exc, HTTPException):
            code = exc.status_code
        elif isinstance(exc, CitetrackError):
            code = 400
        else:
            code = 500
        message = str(exc.detail) if isinstance(exc, HTTPException) else str(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=code)
        return self.page(request, "error.html", status_code=code, code=code, message=message)

    # -- pages

    async def documents(self, request: Request) -> Response:
        return self.page(request, "documents.html", overview=documents_overview(self.store))

    async def document(self, request: Request) -> Response:
        found = document_page(self.store, _int(request.path_params["document_id"], "document"))
        return self.page(request, "document.html", view=found, chart=Markup(health_chart(found.runs_over_time)),
                         formats=list(EXPORT_TYPES))

    async def export(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in EXPORT_TYPES:
            raise NotFoundError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_TYPES)}")
        document_id = _int(request.path_params["document_id"], "document")
        text = render_export(self.store, fmt, document_id)
        media, suffix = EXPORT_TYPES[fmt]
        return Response(text, media_type=media, headers={
            "Content-Disposition": f'attachment; filename="citetrack-document-{document_id}.{suffix}"',
            "Content-Security-Policy": "sandbox; default-src 'none'",
        })

    async def queue(self, request: Request) -> Response:
        query = queue_query(request.query_params)
        params = {"document": query.document_id, "kind": query.kind, "severity": query.severity,
                  "status": query.status, "q": query.text, "sort": query.sort}
        return self.page(request, "queue.html", queue=flag_queue(self.store, query), params=params)

    async def claim(self, request: Request) -> Response:
        view = claim_review(self.store, _int(request.path_params["claim_id"], "claim"))
        return self.page(request, "claim.html", view=view)

    async def snapshot(self, request: Request) -> Response:
        view = snapshot_page(self.store, _int(request.path_params["snapshot_id"], "snapshot"))
        diff = drift_diff(view.previous.text, view.snapshot.text) if view.previous else None
        return self.page(request, "snapshot.html", view=view, diff=diff)

    # -- JSON API

    async def api_documents(self, request: Request) -> Response:
        return JSONResponse([doc.to_json() for doc in list_documents(self.store)])

    async def api_flags(self, request: Request) -> Response:
        where = flag_filter_params(request.query_params)
        require_document(self.store, where["document_id"])
        return JSONResponse([flag.to_json() for flag in list_flags(self.store, FlagFilter(**where))])

    async def api_counts(self, request: Request) -> Response:
        query = queue_query(request.query_params)
        return JSONResponse({"counts": queue_counts(self.store, query)})

    async def api_claim(self, request: Request) -> Response:
        return JSONResponse(show_claim(self.store, _int(request.path_params["claim_id"], "claim")).to_json())

    async def api_decide(self, request: Request) -> Response:
        action = request.path_params["action"]
        if action not in ACTIONS:
            raise NotFoundError(f"no such action {action!r}")
        flag_id = _int(request.path_params["flag_id"], "flag")
        body = await _json_body(request)
        note = _text_field(body, "note")
        if not note:
            raise BadInputError("a decision needs a note: {\"note\": \"...\"}")
        return JSONResponse(decide(self.store, flag_id, ACTIONS[action], note, _text_field(body, "by") or None).to_json())

    async def api_bulk(self, request: Request) -> Response:
        body = await _json_body(request)
        action = _text_field(body, "action")
        if action not in ACTIONS:
            raise BadInputError(f"action must be one of {', '.join(ACTIONS)}")
        note = _text_field(body, "note")
        if not note:
            raise BadInputError("a decision needs a note")
        ids = self._bulk_ids(body)
        decided = decide_flags(self.store, ids, ACTIONS[action], note, _text_field(body, "by") or None)
        return JSONResponse({"decided": len(decided), "flags": [flag.to_json() for flag in decided]})

    def _bulk_ids(self, body: dict[str, Any]) -> list[int]:
        """The flags a bulk decision names: a list of ids, or the queue's filter."""
        if isinstance(body.get("filter"), dict):
            return queue_ids(self.store, queue_query({k: str(v) for k, v in body["filter"].items() if v is not None}))
        if isinstance(body.get("ids"), list) and all(isinstance(i, int) for i in body["ids"]):
            return body["ids"]
        raise BadInputError("give the flags as \"ids\": [int] or \"filter\": {document, kind, severity, status, q}")

    def routes(self) -> list[Route | Mount]:
        return [
            Route("/", self.documents),
            Route("/documents/{document_id}", self.document),
            Route("/documents/{document_id}/export/{fmt}", self.export),
            Route("/flags", self.queue),
            Route("/claims/{claim_id}", self.claim),
            Route("/snapshots/{snapshot_id}", self.snapshot),
            Route("/api/documents", self.api_documents),
            Route("/api/flags", self.api_flags),
            Route("/api/flags/counts", self.api_counts),
            Route("/api/flags/bulk", self.api_bulk, methods=["POST"]),
            Route("/api/flags/{flag_id}/{action}", self.api_decide, methods=["POST"]),
            Route("/api/claims/{claim_id}", self.api_claim),
            Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
        ]


def create_app(store: Store, config: AppConfig) -> Starlette:
    """The review app over `store`; archived pages are linked to `config.sandbox_port`."""
    views = ReviewViews(store, config)
    middleware = [Middleware(SecurityHeadersMiddleware, config=config)]
    if config.loopback:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(config.bind_host)))
    middleware.append(Middleware(TokenMiddleware, token=config.token))
    handler = views.on_error
    return Starlette(
        routes=views.routes(), middleware=middleware,
        exception_handlers={CitetrackError: handler, HTTPException: handler, Exception: handler},
    )
