"""The link checker: one URL at a time (`check_url`) and many at once (`CheckEngine`).

`check_url` does HEAD first (GET when HEAD is refused or inconclusive), reads a capped body
when the page must be judged, retries 429/5xx/timeouts/dropped connections with backoff and
Retry-After, and classifies. `CheckEngine.run(jobs)` pulls jobs lazily, keeps a bounded buffer,
and starts a job only when its host has a free slot and its spacing has elapsed, under a
global limit; results come back on the calling thread. A host's soft-404 probe is sent with its
first check, in a slot of its own, so no check waits for it. Nothing here touches the store.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import email.utils
import heapq
import queue
import secrets
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

from citetrack import settings
from citetrack.check.classify import DomainRule, Fetch, Probe, classify
from citetrack.check.hosts import HostState, backoff_delay, host_key
from citetrack.check.http import Deadline, GuardedResponse, HttpOptions, guarded_get, make_session, read_capped
from citetrack.check.pages import PageFacts, is_html, page_facts
from citetrack.models import CheckResult, LinkStatus

HEAD_INCONCLUSIVE = frozenset({400, 403, 404, 405, 406, 501})
RETRY_REASONS = frozenset({"timeout", "connection-dropped"})
GET_AFTER_HEAD_REASONS = frozenset({"connection-dropped", "connection-error", "no-status"})


@dataclass(frozen=True)
class CheckerOptions:
    """Everything the checker needs, in one value (the workflow builds it from the config and CLI)."""

    http: HttpOptions = field(default_factory=HttpOptions)
    concurrency: int = settings.CHECK_CONCURRENCY
    per_host: int = settings.CHECK_PER_HOST
    retries: int = settings.CHECK_RETRIES
    backoff_base: float = settings.CHECK_BACKOFF_BASE_S
    retry_after_cap: float = settings.CHECK_RETRY_AFTER_CAP_S
    host_backoff_max: float = settings.CHECK_HOST_BACKOFF_MAX_S
    head_first: bool = settings.CHECK_HEAD_FIRST
    soft404_probe: bool = True
    max_pending: int = settings.CHECK_MAX_PENDING
    max_pending_skewed: int = settings.CHECK_MAX_PENDING_SKEWED
    domains: dict[str, DomainRule] = field(default_factory=dict)

    def rule_for(self, url_or_host: str) -> DomainRule | None:
        """The rule of the host or of its closest parent domain (`x.com` covers `mobile.x.com`)."""
        if not self.domains:
            return None
        host = url_or_host
        if "/" in host:
            try:
                host = urlsplit(host).hostname or ""
            except ValueError:
                return None
        host = host.lower().rstrip(".")
        while host:
            rule = self.domains.get(host)
            if rule is not None:
                return rule
            host = host.partition(".")[2]
        return None


@dataclass(frozen=True)
class CheckJob:
    """One URL to check, with the validators of its last check (for conditional requests)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    key: Any = None  # the caller's handle (e.g. the store's url id)


@dataclass(frozen=True)
class _ProbeTask:
    """The soft-404 probe of a URL's origin, run by the engine as a task of its host."""

    url: str


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    current = dt.datetime.now(dt.timezone.utc).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


class Checker:
    """Checks single URLs with a shared session, per-host state and soft-404 probes (thread-safe)."""

    def __init__(self, opts: CheckerOptions, session: requests.Session | None = None):
        self.opts = opts
        self.session = session or make_session(opts.http)
        self._hosts: dict[str, HostState] = {}
        self._hosts_lock = threading.Lock()

    def host(self, url: str) -> HostState:
        key = host_key(url)
        state = self._hosts.get(key)
        if state is None:
            with self._hosts_lock:
                state = self._hosts.get(key)
                if state is None:
                    rule = self.opts.rule_for(url)
                    limit = rule.per_host if rule and rule.per_host else self.opts.per_host
                    state = HostState(key, max(1, limit), backoff_max=self.opts.host_backoff_max, backoff_base=self.opts.backoff_base)
                    self._hosts[key] = state
        return state

    # ---------------------------------------------------------------- one URL

    def check(self, job: CheckJob, host: HostState | None = None) -> CheckResult:
        """Check one URL: never raises for anything the network does (`host`: its state, when
        the caller already has it)."""
        started = time.monotonic()
        host = host or self.host(job.url)
        conditional = {}
        if job.etag:
            conditional["If-None-Match"] = job.etag
        if job.last_modified:
            conditional["If-Modified-Since"] = job.last_modified
        attempt = 0
        while True:
            fetch, page, info = self._attempt(job.url, conditional)
            code = fetch.status
            retryable = fetch.error_reason in RETRY_REASONS or (
                fetch.error_reason is None and code is not None and (code == 429 or code >= 500)
            )
            if not retryable:
                if fetch.error_reason is None and code is not None and code < 400:
                    host.relax()
                break
            retry_after = parse_retry_after(fetch.headers.get("retry-after"))
            if retry_after is not None:
                retry_after = min(retry_after, self.opts.retry_after_cap)
            if fetch.error_reason is None:
                host.penalize(retry_after)
            if attempt >= self.opts.retries:
                break
            delay = backoff_delay(attempt, self.opts.backoff_base, self.opts.retry_after_cap, retry_after)
            time.sleep(max(delay, host.wait_time()))
            attempt += 1
        probe = None
        if (
            self.opts.soft404_probe and fetch.error_reason is None and code is not None and 200 <= code < 300
            and is_html(fetch.headers.get("content-type"))
        ):
            probe = self.probe(fetch.final_url or job.url)
            if probe.soft and page is None:
                fetch, page, info = self._attempt(job.url, {}, force_get=True)
        verdict = classify(fetch, page, probe, self.opts.rule_for(job.url))
        evidence = dict(verdict.evidence)
        evidence["attempts"] = attempt + 1
        evidence["method"] = info.get("method")
        if info.get("truncated"):
            evidence["truncated"] = True
        if len(fetch.hops) > 1:
            evidence["hops"] = [{"url": u, "status": s} for u, s in fetch.hops]
        if probe is not None and probe.soft:
            evidence["probe"] = {"status": probe.status, "final_url": probe.final_url}
        headers = fetch.headers
        length = headers.get("content-length")
        return CheckResult(
            url=job.url,
            status=verdict.status,
            checked_at=dt.datetime.now(dt.timezone.utc),
            http_status=code,
            final_url=fetch.final_url,
            redirects=tuple(u for u, _ in fetch.hops[1:]),
            permanent_redirect=fetch.permanent,
            elapsed_ms=int((time.monotonic() - started) * 1000),
            error=verdict.error,
            reason=verdict.reason,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            content_type=headers.get("content-type"),
            content_length=int(length) if length and length.isdigit() else info.get("body_length"),
            title=page.title if page else None,
            not_modified=code == 304,
            evidence=evidence,
        )

    def _attempt(self, url: str, conditional: dict[str, str], force_get: bool = False) -> tuple[Fetch, PageFacts | None, dict[str, Any]]:
        """One request under one total deadline: a GET whose body is read only when the page must
        be judged (its site serves soft 404s), else left early (drained when short, so the
        connection is reused; the connection closed when long). With `head_first`, HEAD first and
        a GET when HEAD is refused or inconclusive (the body of that GET is always read)."""
        http = self.opts.http
        info: dict[str, Any] = {}
        page = None
        with Deadline(http.deadline_seconds) as deadline:
            method = "HEAD" if self.opts.head_first and not force_get else "GET"
            response = guarded_get(self.session, url, http, method=method, headers=conditional or None, deadline=deadline)
            read_page = force_get
            if method == "HEAD" and _head_inconclusive(response):
                response.close()
                method, read_page = "GET", True
                response = guarded_get(self.session, url, http, method=method, headers=conditional or None, deadline=deadline)
            info["method"] = method
            if response.response is not None:
                content_type = response.response.headers.get("content-type")
                code = response.response.status_code
                if (
                    method == "GET" and 200 <= code < 300 and is_html(content_type)
                    and (read_page or self._page_needed(response.final_url or url))
                ):
                    body, truncated = read_capped(response.response, http, deadline)
                    page = page_facts(body, response.response.encoding if "charset" in (content_type or "") else None)
                    info["truncated"], info["body_length"] = truncated, len(body)
                response.close()
            fetch = _fetch_of(response)
            if deadline.expired and fetch.error_reason is None:
                page = None
                fetch = Fetch(url, fetch.hops, fetch.headers, "timeout", f"no complete answer within the {deadline.seconds:g} s deadline", fetch.permanent)
        return fetch, page, info

    def _page_needed(self, url: str) -> bool:
        """Whether a 2xx HTML page must be read to be judged: only where its site answers 200
        for paths that do not exist (the host's probe, made once, usually already in hand)."""
        return self.opts.soft404_probe and self.probe(url).soft

    # ---------------------------------------------------------------- soft-404 probe

    def probe(self, url: str) -> Probe:
        """What the URL's site answers for a random path (once per origin and run)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        host = self.host(url)
        with host.probe_lock:
            cached = host.probes.get(origin)
            if cached is not None:
                return cached
            path = f"/{secrets.token_hex(8)}-citetrack-no-such-page"
            http = self.opts.http
            page = None
            with Deadline(http.deadline_seconds) as deadline:
                response = guarded_get(self.session, origin + path, http, method="GET", deadline=deadline)
                if response.response is not None:
                    code = response.response.status_code
                    if 200 <= code < 300 and is_html(response.response.headers.get("content-type")):
                        body, _ = read_capped(response.response, http, deadline)
                        page = page_facts(body)
                    response.close()
            probe = Probe(status=response.status if response.error is None else None, final_url=response.final_url, page=page, path=path)
            host.probes[origin] = probe
            return probe


def _head_inconclusive(response: GuardedResponse) -> bool:
    if response.error is not None:
        return response.reason in GET_AFTER_HEAD_REASONS
    return response.status is None or response.status in HEAD_INCONCLUSIVE


def _fetch_of(response: GuardedResponse) -> Fetch:
    return Fetch(
        url=response.url,
        hops=tuple((hop.url, hop.status) for hop in response.hops),
        headers=dict(response.headers),
        error_reason=response.reason,
        error=response.error,
        permanent=response.permanent,
    )


class _Slots:
    """The engine's schedule: queued jobs per host, and which host may start a request now.

    No thread of its own: a worker that finishes a check asks for its next job here, under one
    lock, and takes it at once (another job of the same host first, so the slot and its warm
    connection stay with that host). A dispatcher thread between the workers would add two
    thread hand-offs per request, and under the GIL each costs up to a switch interval (5 ms):
    at 50 ms per answer, a tenth of every slot's time. The global limit is the number of workers.
    """

    def __init__(self, checker: Checker, probe: bool):
        self.checker = checker
        self.probe = probe
        self.cond = threading.Condition(threading.Lock())
        self.ready: collections.deque[HostState] = collections.deque()  # hosts that may start one more
        self.delayed: list[tuple[float, int, HostState]] = []  # hosts waiting for their spacing
        self.sequence = 0
        self.idle = 0  # workers waiting for work
        self.stopped = False
        self.active_hosts = 0  # hosts with jobs queued or in flight (read without the lock by the feeder: a hint)

    def _mark_ready(self, host: HostState) -> None:
        if host.queued_flag or not host.queue or host.inflight >= host.limit:
            return
        host.queued_flag = True
        wait = host.wait_time()
        if wait > 0:
            self.sequence += 1
            heapq.heappush(self.delayed, (time.monotonic() + wait, self.sequence, host))
        else:
            self.ready.append(host)

    def add(self, job: CheckJob) -> None:
        """Queue a job (the calling thread); wakes one idle worker when its host can start it."""
        host = self.checker.host(job.url)
        with self.cond:
            if not host.queue and not host.inflight:
                self.active_hosts += 1
            if self.probe and not host.probe_queued:
                host.probe_queued = True  # probe first, beside the first check: nobody waits for it
                host.queue.append(_ProbeTask(job.url))
            host.queue.append(job)
            self._mark_ready(host)
            if self.idle and (self.ready or self.delayed):
                self.cond.notify()

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify_all()

    def _start(self, host: HostState) -> Any:
        job = host.queue.popleft()
        host.inflight += 1
        if host.spacing:
            host.not_before = max(host.not_before, time.monotonic() + host.spacing)
        return job

    def next(self, finished: HostState | None) -> tuple[Any, HostState] | None:
        """Release the slot of the job just finished and take the next one (None: stop)."""
        with self.cond:
            if finished is not None:
                finished.inflight -= 1
                if not finished.inflight and not finished.queue:
                    self.active_hosts -= 1
                if finished.queue and not finished.queued_flag and finished.wait_time() <= 0:
                    return self._start(finished), finished  # same host, same connection
                self._mark_ready(finished)
            while not self.stopped:
                now = time.monotonic()
                while self.delayed and self.delayed[0][0] <= now:
                    self.ready.append(heapq.heappop(self.delayed)[2])
                while self.ready:
                    host = self.ready.popleft()
                    host.queued_flag = False
                    if not host.queue or host.inflight >= host.limit:
                        continue
                    if host.wait_time() > 0:
                        self._mark_ready(host)
                        continue
                    job = self._start(host)
                    self._mark_ready(host)  # still room on this host: another worker may take it
                    if self.idle and self.ready:
                        self.cond.notify()
                    return job, host
                self.idle += 1
                try:
                    self.cond.wait(max(0.0, self.delayed[0][0] - now) if self.delayed else None)
                finally:
                    self.idle -= 1
            return None


class CheckEngine:
    """Runs many checks at once: a global limit, a per-host limit and spacing, a bounded buffer."""

    TICK_SECONDS = 0.25  # `run` yields None this often when idle, so the caller can flush

    def __init__(self, opts: CheckerOptions, checker: Checker | None = None):
        self.opts = opts
        self.checker = checker or Checker(opts)

    def run(self, jobs: Iterable[CheckJob]) -> Iterator[tuple[CheckJob, CheckResult] | None]:
        """Yield (job, result) as checks finish, and None on idle ticks; pulls `jobs` lazily.

        `jobs` is consumed on the calling thread (it may read the store) and results come back
        there; workers schedule themselves (`_Slots`), so the caller's own work between results
        (store writes) never stalls the network.
        """
        slots = _Slots(self.checker, self.opts.soft404_probe)
        out: queue.SimpleQueue = queue.SimpleQueue()  # to the caller: finished checks

        def worker() -> None:
            host = None
            while True:
                item = slots.next(host)
                if item is None:
                    return
                job, host = item
                if isinstance(job, _ProbeTask):
                    with contextlib.suppress(Exception):  # a failed probe is simply made again by the check
                        self.checker.probe(job.url)
                    continue
                try:
                    result = self.checker.check(job, host)
                except Exception as exc:  # noqa: BLE001 - a bug must not lose the run
                    result = CheckResult(
                        url=job.url, status=LinkStatus.ERROR, checked_at=dt.datetime.now(dt.timezone.utc),
                        error=f"internal error: {type(exc).__name__}: {exc}", reason="internal-error",
                    )
                out.put((job, result))

        # Daemon threads: an interrupted run does not wait for them at exit. Started as work
        # arrives (a run of three URLs starts a few threads, not `concurrency` of them).
        threads: list[threading.Thread] = []

        def more_workers(wanted: int) -> None:
            while len(threads) < min(wanted, max(1, self.opts.concurrency)):
                thread = threading.Thread(target=worker, name=f"citetrack-check-{len(threads)}", daemon=True)
                threads.append(thread)
                thread.start()

        source = iter(jobs)
        exhausted = False
        outstanding = 0
        # Read ahead while the buffer is small, or while too few hosts have work to fill every slot
        # (the store lists URLs in id order: one site's thousands of links may come first, and a
        # buffer full of them would leave every other slot empty), up to a hard bound.
        slots_per_host = max(1, min(self.opts.per_host, self.opts.concurrency))
        few_hosts = lambda: slots.active_hosts * slots_per_host < self.opts.concurrency  # noqa: E731
        try:
            while True:
                while not exhausted and (
                    outstanding < self.opts.max_pending or (outstanding < self.opts.max_pending_skewed and few_hosts())
                ):
                    try:
                        job = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    slots.add(job)
                    outstanding += 1
                    more_workers(outstanding + len(self.checker._hosts))  # noqa: SLF001 - room for the probes
                if exhausted and outstanding == 0:
                    return
                try:
                    item = out.get(timeout=self.TICK_SECONDS)
                except queue.Empty:
                    yield None
                    continue
                outstanding -= 1
                yield item
        finally:
            slots.stop()

    def close(self) -> None:
        self.checker.session.close()
