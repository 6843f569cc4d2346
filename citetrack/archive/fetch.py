"""Fetch one page for the archive: a guarded, size-capped GET whose body is spooled, not kept.

The request is `check`'s own guarded GET (`citetrack.check.http`): redirects followed by hand,
the address policy (no loopback, private, link-local or reserved address unless
`allow_private`) applied to the address really connected to on every hop, proxies from the
environment, a total deadline. The body is streamed
into a spool (memory up to ARCHIVE_SPOOL_BYTES, then a temporary file) and hashed on the way;
past `max_bytes` it is cut and marked truncated. The outcome is data, never an exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass, field
from typing import BinaryIO

import requests

from citetrack import settings
from citetrack.check import http as check_http
from citetrack.check.http import Deadline, HttpOptions, guarded_get


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched for the archive (the same politeness and safety as `check`)."""

    timeout: float = settings.ARCHIVE_TIMEOUT
    max_bytes: int = settings.ARCHIVE_MAX_BYTES
    allow_private: bool = False
    user_agent: str | None = None  # None: the check's User-Agent
    max_redirects: int = settings.ARCHIVE_MAX_REDIRECTS


@dataclass
class Fetched:
    """One fetch: the last hop's answer with its body spooled (`body`), or an `error`."""

    url: str
    fetched_at: dt.datetime
    final_url: str | None = None
    http_status: int | None = None
    reason: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    request_headers: tuple[tuple[str, str], ...] = ()
    redirects: tuple[str, ...] = ()
    hops: tuple = ()  # the redirect hops before the answer: check.http.Hop (url, status, reason, raw_headers)
    ip_address: str | None = None
    body: BinaryIO | None = field(default=None, repr=False)
    size: int = 0
    sha256: str | None = None
    sha1: str | None = None  # of the body too: what a WARC record's payload digest holds
    truncated: bool = False
    truncated_reason: str | None = None  # WARC-Truncated: length, time, disconnect
    error: str | None = None

    @property
    def content_type(self) -> str | None:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return None

    def read_body(self, limit: int | None = None) -> bytes:
        """The spooled body (from the start), up to `limit` bytes."""
        if self.body is None:
            return b""
        self.body.seek(0)
        data = self.body.read() if limit is None else self.body.read(limit)
        self.body.seek(0)
        return data

    def close(self) -> None:
        if self.body is not None:
            self.body.close()
            self.body = None


def http_options(opts: FetchOptions) -> HttpOptions:
    """The check's HTTP options for an archive fetch (its own size cap and timeout)."""
    extra = {"user_agent": opts.user_agent} if opts.user_agent else {}
    return HttpOptions(timeout=opts.timeout, max_bytes=opts.max_bytes, allow_private=opts.allow_private,
                       max_redirects=opts.max_redirects, **extra)


def make_session(opts: FetchOptions) -> requests.Session:
    """The check's session: keep-alive pools, proxies from the environment, the address policy."""
    return check_http.make_session(http_options(opts))


def _chunks(raw, size: int):
    """The decoded body chunk by chunk as it arrives (`read1`), so that what arrived before a
    dropped connection is kept (`stream` reads whole blocks and loses the last partial one)."""
    read1 = getattr(raw, "read1", None)
    if read1 is None:  # pragma: no cover - urllib3 < 2
        yield from raw.stream(size, decode_content=True)
        return
    while True:
        chunk = read1(size, decode_content=True)
        if not chunk:  # read1 returns nothing only at the end of the body
            return
        yield chunk


def _spool(response: requests.Response, max_bytes: int, deadline: Deadline) -> tuple[BinaryIO, int, str, str, str | None]:
    """Stream the decoded body into a spool, hashing it; stop at the cap or the deadline.

    The digests are SHA-256 (the store's) and SHA-1 (the WARC's); the last item says why the body is incomplete, in WARC-Truncated's words: "length" (the
    cap), "time" (the deadline), "disconnect" (the connection dropped mid-way); None when whole."""
    spool = tempfile.SpooledTemporaryFile(max_size=settings.ARCHIVE_SPOOL_BYTES)
    digest, sha1 = hashlib.sha256(), hashlib.sha1(usedforsecurity=False)  # SHA-1: the WARC's payload digest
    size = 0
    truncated = None
    try:
        for chunk in _chunks(response.raw, 64 * 1024):
            if deadline.expired:
                truncated = "time"
                break
            if not chunk:
                continue
            if size + len(chunk) > max_bytes:
                chunk = chunk[: max_bytes - size]
                truncated = "length"
            spool.write(chunk)
            digest.update(chunk)
            sha1.update(chunk)
            size += len(chunk)
            if truncated:
                break
    except Exception:  # noqa: BLE001 - a body cut short is still data
        truncated = "time" if deadline.expired else "disconnect"
    spool.seek(0)
    return spool, size, digest.hexdigest(), sha1.hexdigest(), truncated


def fetch(session: requests.Session, url: str, opts: FetchOptions) -> Fetched:
    """GET `url` through the check's guarded request; the outcome is data, never an exception."""
    result = Fetched(url=url, fetched_at=dt.datetime.now(dt.timezone.utc))
    http = http_options(opts)
    with Deadline(http.deadline_seconds) as deadline:
        answer = guarded_get(session, url, http, deadline=deadline)
        try:
            if answer.error or answer.response is None:
                result.error = answer.error or "no answer"
                return result
            response = answer.response
            result.final_url = answer.final_url
            result.http_status = response.status_code
            result.reason = response.reason or ""
            raw_headers = getattr(response.raw, "headers", None)
            result.headers = tuple(raw_headers.items()) if raw_headers is not None else tuple(response.headers.items())
            result.request_headers = tuple(response.request.headers.items()) if response.request is not None else ()
            result.redirects = tuple(answer.redirects)
            result.hops = tuple(answer.hops[:-1])
            result.body, result.size, result.sha256, result.sha1, result.truncated_reason = _spool(response, opts.max_bytes, deadline)
            result.truncated = result.truncated_reason is not None
        finally:
            answer.close()
    return result
