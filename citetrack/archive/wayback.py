"""The Wayback Machine: find the public copy closest to a date, ask Save Page Now for a new one.

Lookup: the availability API (`/wayback/available?url=…&timestamp=YYYYMMDD`, answer
`archived_snapshots.closest`), then, when it answers empty, the redirect that
`web.archive.org/web/<timestamp>/<url>` gives to its closest capture. The copy from before the
stated date is preferred: when the closest is later, the CDX index is asked for the last
capture on or before the date, and the later copy kept only when there is none. Save Page Now: POST
`/save` with `url=`, poll `/save/status/<job_id>`, with S3-style keys from the environment,
a few captures per minute at most, transient `status_ext` errors retried. Every outcome is a
`WaybackCopy` (a copy, nothing, or an error), never an exception.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import requests

from citetrack import settings

_WEB_TIMESTAMP = re.compile(r"/web/(\d{14})(?:[a-z_]{0,4})/")
# Save Page Now errors worth another try (the others, e.g. not-found or blocked-url, are final).
TRANSIENT_SAVE_ERRORS = frozenset({
    "error:bad-gateway", "error:bandwidth-limit-exceeded", "error:browsing-timeout",
    "error:capture-location-error", "error:celery", "error:gateway-timeout",
    "error:internal-server-error", "error:proxy-error", "error:read-timeout",
    "error:service-unavailable", "error:soft-time-limit-exceeded", "error:too-many-requests",
    "error:user-session-limit", "error:job-failed",
})


@dataclass(frozen=True)
class WaybackCopy:
    """The outcome of a lookup or a capture: `archive_url` None means no copy (or an `error`)."""

    url: str
    archive_url: str | None = None
    archived_at: str | None = None  # ISO time of the capture
    source: str | None = None  # wayback-api, wayback-redirect, save-page-now
    error: str | None = None


def _iso(timestamp: str) -> str | None:
    try:
        return dt.datetime.strptime(timestamp[:14].ljust(14, "0"), "%Y%m%d%H%M%S").replace(
            tzinfo=dt.timezone.utc).isoformat(timespec="seconds")
    except ValueError:
        return None


def _https(url: str) -> str:
    return re.sub(r"^http://", "https://", url)


def lookup(session: requests.Session, url: str, date: dt.date | None, timeout: float = settings.WAYBACK_TIMEOUT) -> WaybackCopy:
    """The public copy of `url` closest to `date` (the latest when no date is known)."""
    params = {"url": url}
    if date is not None:
        params["timestamp"] = f"{date:%Y%m%d}"
    try:
        response = session.get(settings.WAYBACK_AVAILABLE_URL, params=params, timeout=timeout)
    except requests.RequestException as exc:
        return WaybackCopy(url, error=f"availability API unreachable: {type(exc).__name__}")
    if response.status_code == 429:
        return WaybackCopy(url, error="availability API: rate limited (429)")
    if response.status_code >= 400:
        return WaybackCopy(url, error=f"availability API: HTTP {response.status_code}")
    try:
        answer = response.json()
        closest = (answer.get("archived_snapshots") or {}).get("closest") or {}
        if not isinstance(closest, dict):
            raise ValueError("closest is not an object")
    except (ValueError, AttributeError) as exc:
        return WaybackCopy(url, error=f"availability API: malformed answer ({str(exc)[:80]})")
    if closest.get("url") and closest.get("available", True) and str(closest.get("status", "200")).startswith(("2", "3")):
        copy = WaybackCopy(url, _https(closest["url"]), _iso(str(closest.get("timestamp", ""))), "wayback-api")
    else:
        copy = _redirect_lookup(session, url, date, timeout)
    if date is not None and copy.archived_at and copy.archived_at[:10] > date.isoformat():
        return _copy_before(session, url, date, timeout) or copy  # a copy from before the date first
    return copy


def _copy_before(session: requests.Session, url: str, date: dt.date, timeout: float) -> WaybackCopy | None:
    """The last capture (status 200) on or before `date`, from the CDX index; None if none or failing."""
    params = {"url": url, "to": f"{date:%Y%m%d}", "filter": "statuscode:200", "limit": "-1",
              "output": "json", "fl": "timestamp,original"}
    try:
        response = session.get(settings.WAYBACK_CDX_URL, params=params, timeout=timeout)
        rows = response.json() if response.status_code == 200 else []
        stamp, original = rows[-1][0], rows[-1][1]
        if not re.fullmatch(r"\d{14}", str(stamp)):  # the header row alone: no capture
            return None
    except (requests.RequestException, ValueError, IndexError, TypeError, KeyError):
        return None
    return WaybackCopy(url, f"https://web.archive.org/web/{stamp}/{original}", _iso(stamp), "wayback-cdx")


def _redirect_lookup(session: requests.Session, url: str, date: dt.date | None, timeout: float) -> WaybackCopy:
    """`web.archive.org/web/<timestamp>/<url>` redirects to the closest capture, if any."""
    stamp = f"{date:%Y%m%d}" if date is not None else "2"
    probe = f"{settings.WAYBACK_WEB_URL}/{stamp}/{url}"
    try:
        response = session.head(probe, allow_redirects=False, timeout=timeout)
    except requests.RequestException as exc:
        return WaybackCopy(url, error=f"wayback unreachable: {type(exc).__name__}")
    if response.status_code == 429:
        return WaybackCopy(url, error="wayback: rate limited (429)")
    location = response.headers.get("Location", "")
    if response.is_redirect and location:
        match = _WEB_TIMESTAMP.search(location)
        if match:
            if location.startswith("/"):
                location = "https://web.archive.org" + location
            return WaybackCopy(url, _https(location), _iso(match.group(1)), "wayback-redirect")
    if response.status_code == 200:
        match = _WEB_TIMESTAMP.search(response.url or "")
        if match:
            return WaybackCopy(url, _https(response.url), _iso(match.group(1)), "wayback-redirect")
    return WaybackCopy(url)  # no copy: not an error


# ------------------------------------------------------------------ Save Page Now


@dataclass(frozen=True)
class SaveCredentials:
    access_key: str
    secret_key: str

    @classmethod
    def from_env(cls) -> SaveCredentials | None:
        access = os.environ.get(settings.WAYBACK_ACCESS_KEY_ENV)
        secret = os.environ.get(settings.WAYBACK_SECRET_KEY_ENV)
        return cls(access, secret) if access and secret else None


class Throttle:
    """At most `per_minute` calls a minute: waits (with the given clock) before the next one."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 60.0 / max(per_minute, 1)
        self.clock, self.sleep = clock, sleep
        self.last: float | None = None

    def wait(self) -> None:
        if self.last is not None:
            delay = self.interval - (self.clock() - self.last)
            if delay > 0:
                self.sleep(delay)
        self.last = self.clock()


def save_page(
    session: requests.Session,
    url: str,
    credentials: SaveCredentials | None,
    throttle: Throttle,
    *,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = settings.WAYBACK_TIMEOUT,
) -> WaybackCopy:
    """Ask Save Page Now to capture `url` and wait for the capture; transient errors are retried."""
    if credentials is None:
        return WaybackCopy(url, error=(
            f"Save Page Now needs {settings.WAYBACK_ACCESS_KEY_ENV} and {settings.WAYBACK_SECRET_KEY_ENV}"
        ))
    headers = {"Accept": "application/json", "Authorization": f"LOW {credentials.access_key}:{credentials.secret_key}"}
    outcome = WaybackCopy(url, error="not attempted")
    for _attempt in range(settings.WAYBACK_SAVE_RETRIES + 1):
        throttle.wait()
        outcome, transient = _save_once(session, url, headers, sleep, timeout)
        if not transient:
            return outcome
    return outcome


def _save_once(session, url, headers, sleep, timeout) -> tuple[WaybackCopy, bool]:
    try:
        response = session.post(settings.WAYBACK_SAVE_URL, data={"url": url}, headers=headers, timeout=timeout)
    except requests.RequestException as exc:
        return WaybackCopy(url, error=f"Save Page Now unreachable: {type(exc).__name__}"), True
    if response.status_code == 429:
        return WaybackCopy(url, error="Save Page Now: rate limited (429)"), True
    try:
        answer = response.json()
    except ValueError:
        return WaybackCopy(url, error=f"Save Page Now: malformed answer (HTTP {response.status_code})"), response.status_code >= 500
    if not isinstance(answer, dict):
        return WaybackCopy(url, error="Save Page Now: malformed answer"), False
    job = answer.get("job_id")
    if not job:
        ext = str(answer.get("status_ext") or answer.get("message") or f"HTTP {response.status_code}")
        return WaybackCopy(url, error=f"Save Page Now: {ext}"), ext in TRANSIENT_SAVE_ERRORS
    status_url = f"{settings.WAYBACK_SAVE_URL}/status/{quote(str(job), safe='')}"
    for _poll in range(settings.WAYBACK_SAVE_MAX_POLLS):
        sleep(settings.WAYBACK_SAVE_POLL_SECONDS)
        try:
            state = session.get(status_url, headers=headers, timeout=timeout).json()
        except (requests.RequestException, ValueError):
            continue
        if not isinstance(state, dict):
            continue
        status = state.get("status")
        if status == "success" and state.get("timestamp"):
            original = state.get("original_url") or url
            stamp = str(state["timestamp"])
            return WaybackCopy(url, f"https://web.archive.org/web/{stamp}/{original}", _iso(stamp), "save-page-now"), False
        if status == "error":
            ext = str(state.get("status_ext") or "error")
            return WaybackCopy(url, error=f"Save Page Now: {ext}"), ext in TRANSIENT_SAVE_ERRORS
    return WaybackCopy(url, error="Save Page Now: capture still pending"), False
