"""Per-host politeness: a slot limit, an adaptive spacing that grows on 429/5xx, a soft-404 probe.

The dispatcher (`check.run`) starts a request on a host only when the host has a free slot and
its spacing has elapsed; workers report how the host answered. One struggling host slows down
while the others go on.
"""

from __future__ import annotations

import collections
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from citetrack import settings


_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_key(url: str) -> str:
    """Scheme-less host:port identity used for per-host limits (`example.org:443`).

    Called for every check: a plain `scheme://host[:port]/...` is read by hand; anything else
    (credentials, IPv6 brackets, an odd port) goes through `urlsplit`."""
    scheme, sep, rest = url.partition("://")
    default = _DEFAULT_PORTS.get(scheme.lower())
    if sep and default:
        netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        if netloc and not any(c in netloc for c in "@[]\\\t\n\r"):
            host, colon, port = netloc.partition(":")
            if not colon:
                return f"{host.lower()}:{default}"
            if port.isascii() and port.isdigit() and 0 < int(port) < 65536:
                return f"{host.lower()}:{int(port)}"
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return f"{(parts.hostname or '').lower()}:{port}"
    except ValueError:
        return url


@dataclass
class HostState:
    """One host's limits and health, shared by the dispatcher and the workers."""

    key: str
    limit: int
    backoff_max: float = settings.CHECK_HOST_BACKOFF_MAX_S
    backoff_base: float = settings.CHECK_BACKOFF_BASE_S
    spacing: float = 0.0  # seconds between request starts while the host struggles
    not_before: float = 0.0  # monotonic time before which no new request starts
    inflight: int = 0
    queue: collections.deque = field(default_factory=collections.deque)
    queued_flag: bool = False  # already in the dispatcher's ready list
    lock: threading.Lock = field(default_factory=threading.Lock)
    probes: dict[str, Any] = field(default_factory=dict)  # origin -> Probe, computed once per run
    probe_lock: threading.Lock = field(default_factory=threading.Lock)
    probe_queued: bool = False  # the engine has scheduled this host's probe

    def penalize(self, retry_after: float | None = None) -> float:
        """The host answered 429/5xx: widen its spacing; returns the wait before its next request."""
        with self.lock:
            grown = self.spacing * 2 if self.spacing else self.backoff_base
            self.spacing = min(self.backoff_max, max(grown, retry_after or 0.0))
            self.not_before = max(self.not_before, time.monotonic() + self.spacing)
            return self.spacing

    def relax(self) -> None:
        """The host answered well: halve its spacing (to zero once small)."""
        if not self.spacing:
            return
        with self.lock:
            self.spacing = self.spacing / 2 if self.spacing / 2 >= self.backoff_base / 4 else 0.0

    def wait_time(self) -> float:
        return max(0.0, self.not_before - time.monotonic())


def backoff_delay(attempt: int, base: float, cap: float, retry_after: float | None = None) -> float:
    """Exponential backoff with full jitter for attempt 0, 1, 2...; a Retry-After wins when longer."""
    exponential = base * (2**attempt)
    delay = exponential / 2 + random.uniform(0, exponential / 2)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, cap)
