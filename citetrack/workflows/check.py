"""`check_links`: check the cited URLs that are due, record every result, keep link flags in step.

The main thread leases due URLs from the store a batch at a time, hands them to the
`CheckEngine`, and writes results back in small transactions (every `batch_size` results or
`batch_seconds`); worker threads never touch the database. A run killed at any moment keeps
what it wrote, and the next run carries on from there.
"""

from __future__ import annotations

import collections
import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from citetrack import settings
from citetrack.check.classify import DomainRule
from citetrack.check.http import HttpOptions, default_user_agent
from citetrack.check.run import CheckEngine, CheckerOptions, CheckJob
from citetrack.errors import ConfigError
from citetrack.models import CheckResult
from citetrack.check.outage import OutageWatch, held_back
from citetrack.rules.links import FAILING, DeadPolicy, advance, is_neutral, link_flags, should_sync_flags
from citetrack.store import Store
from citetrack.store.links import (
    DueUrl, Outcome, count_due, finish_run, lease_due, mark_network_down, record_results, release_leases,
    renew_leases, start_run, stamp,
)


@dataclass(frozen=True)
class CheckOptions:
    """Every option of `citetrack check` (defaults from settings, then config file, then CLI)."""

    stale_after: dt.timedelta | None = None  # None: every URL (once per run)
    concurrency: int = settings.CHECK_CONCURRENCY
    per_host: int = settings.CHECK_PER_HOST
    timeout: float = settings.CHECK_TIMEOUT_S
    dead_after: int = settings.CHECK_DEAD_AFTER
    dead_spacing: dt.timedelta = dt.timedelta(seconds=settings.CHECK_DEAD_SPACING_S)
    allow_private: bool = False
    fail_on: str = settings.CHECK_FAIL_ON
    user_agent: str | None = None
    max_bytes: int = settings.CHECK_MAX_BYTES
    retries: int = settings.CHECK_RETRIES
    head_first: bool = settings.CHECK_HEAD_FIRST
    domains: dict[str, DomainRule] = field(default_factory=dict)
    # tuning (tests and benchmarks)
    backoff_base: float = settings.CHECK_BACKOFF_BASE_S
    retry_after_cap: float = settings.CHECK_RETRY_AFTER_CAP_S
    total_timeout: float | None = None
    batch_size: int = settings.CHECK_BATCH_SIZE
    batch_seconds: float = settings.CHECK_BATCH_SECONDS
    lease_batch: int = settings.CHECK_LEASE_BATCH
    lease_seconds: float = settings.CHECK_LEASE_SECONDS
    max_pending: int = settings.CHECK_MAX_PENDING
    keep_results: bool = True  # keep a slim line per result for the report (JSON output)
    # without keep_results: the lines of the first failing links only, for a human-readable report
    kept_failing: int = settings.CHECK_REPORT_FAILING

    def __post_init__(self) -> None:
        for name in ("concurrency", "per_host", "dead_after", "max_bytes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"--{name.replace('_', '-')} must be at least 1")
        if self.timeout <= 0:
            raise ConfigError("--timeout must be positive")
        if self.retries < 0:
            raise ConfigError("retries must be 0 or more")
        if self.fail_on not in ("dead", "flags", "never"):
            raise ConfigError("--fail-on must be dead, flags or never")

    def checker_options(self) -> CheckerOptions:
        http = HttpOptions(
            timeout=self.timeout, total_timeout=self.total_timeout, max_bytes=self.max_bytes,
            allow_private=self.allow_private, user_agent=self.user_agent or default_user_agent(),
            pool_size=max([self.per_host, *(r.per_host or 0 for r in self.domains.values())]),
        )
        return CheckerOptions(
            http=http, concurrency=self.concurrency, per_host=self.per_host, retries=self.retries,
            backoff_base=self.backoff_base, retry_after_cap=self.retry_after_cap, head_first=self.head_first,
            max_pending=self.max_pending, domains=dict(self.domains),
        )

    def summary(self) -> dict[str, Any]:
        """The options as recorded with the run."""
        return {
            "stale_after": self.stale_after.total_seconds() if self.stale_after else None,
            "concurrency": self.concurrency, "per_host": self.per_host, "timeout": self.timeout,
            "dead_after": self.dead_after, "dead_spacing": self.dead_spacing.total_seconds(),
            "allow_private": self.allow_private, "fail_on": self.fail_on,
        }


@dataclass
class CheckReport:
    run_id: int
    checked: int = 0
    counts: collections.Counter = field(default_factory=collections.Counter)
    results: list[tuple] = field(default_factory=list)  # (url, status, http_status, final_url, error, reason)
    became_dead: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)
    flags_opened: int = 0
    flags_resolved: int = 0
    excluded: int = 0
    resumed_from: int | None = None
    total: int = 0
    elapsed_ms: int = 0  # the run itself, without the program's start-up
    network_down: bool = False  # the network itself was down during (part of) the run
    not_counted: int = 0  # failures made while it was down: counted towards no link's dead tally

    def exit_code(self, fail_on: str) -> int:
        """0; 1 when the run found what `fail_on` asks to fail on; else 3 when the network was
        down during the run (its failures were not counted: run again once online)."""
        if fail_on == "dead" and self.became_dead:
            return 1
        if fail_on == "flags" and self.flags_opened:
            return 1
        if self.network_down:
            return 3
        return 0

    def to_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "results": [
                {"url": u, "status": s, "http_status": h, "final_url": f, "error": e, "reason": r}
                for u, s, h, f, e, r in self.results
            ],
            "run_id": self.run_id,
            "counts": dict(self.counts),
            "became_dead": self.became_dead,
            "revived": self.revived,
            "flags_opened": self.flags_opened,
            "flags_resolved": self.flags_resolved,
            "excluded": self.excluded,
            "resumed_from": self.resumed_from,
            "elapsed_ms": self.elapsed_ms,
            "network_down": self.network_down,
            "not_counted": self.not_counted,
        }


Progress = Callable[[CheckReport], None]


def check_links(store: Store, opts: CheckOptions, progress: Progress | None = None) -> CheckReport:
    """Check every due URL (see `CheckOptions.stale_after`), record results, sync link flags."""
    began = time.monotonic()
    run = start_run(store, opts.summary())
    report = CheckReport(run_id=run.id, resumed_from=run.resumed_from)
    stale_before = stamp(-opts.stale_after.total_seconds()) if opts.stale_after is not None else None
    if progress:  # the total is for a progress bar only: a scan of every URL put off no first request
        report.total = count_due(store, run, stale_before)
        progress(report)
    checker_opts = opts.checker_options()
    engine = CheckEngine(checker_opts)
    policy = DeadPolicy(dead_after=opts.dead_after, spacing=opts.dead_spacing)
    pending: list[Outcome] = []
    last_flush = last_renew = time.monotonic()
    watch = OutageWatch(dt.datetime.now(dt.timezone.utc))
    held: dict[int, list[_Held]] = {}  # stretch -> failures whose count waits for its verdict

    def jobs() -> Iterator[CheckJob]:
        after = 0
        while True:
            batch = lease_due(store, run, stale_before=stale_before, after_id=after, limit=opts.lease_batch,
                              lease_seconds=opts.lease_seconds)
            if not batch:
                return
            for due in batch:
                after = due.id
                rule = checker_opts.rule_for(due.url)
                if rule is not None and rule.exclude:
                    report.excluded += 1
                    continue
                yield CheckJob(due.url, due.etag, due.last_modified, key=due)

    def flush() -> None:
        nonlocal last_flush
        if pending:
            summary = record_results(store, run, pending)
            report.flags_opened += summary.opened + summary.reopened
            report.flags_resolved += summary.auto_resolved
            pending.clear()
        last_flush = time.monotonic()
        settle_before = watch.settled(dt.datetime.now(dt.timezone.utc))
        for index in sorted(i for i in held if i < settle_before):
            settle(index)

    def settle(index: int) -> None:
        """Count the held failures of a stretch where the network was up; mark the others."""
        items = held.pop(index)
        if watch.is_down(index):
            report.network_down = True
            report.not_counted += len(items)
            errors = [f"the network was down during this check run (not counted): {h.result.error or 'no answer'}" for h in items]
            mark_network_down(store, run, [(h.due.id, h.result.checked_at, error) for h, error in zip(items, errors)])
            for h, error in zip(items, errors):
                report.counts[str(h.result.status)] -= 1
                report.counts["error"] += 1
                if not report.counts[str(h.result.status)]:
                    del report.counts[str(h.result.status)]
                if h.row is not None:
                    url, _status, http_status, final_url, _error, _reason = report.results[h.row]
                    report.results[h.row] = (url, "error", http_status, final_url, error, "network-down")
            return
        outcomes = [_counted(h.due, h.result, policy, report) for h in items]
        summary = record_results(store, run, outcomes, history=False)
        report.flags_opened += summary.opened + summary.reopened
        report.flags_resolved += summary.auto_resolved

    def keep_leases() -> None:
        nonlocal last_renew
        if time.monotonic() - last_renew > opts.lease_seconds / 3:
            renew_leases(store, run, opts.lease_seconds)
            last_renew = time.monotonic()

    def keep(result: CheckResult) -> bool:
        """Whether the report keeps this result's line: all of them for JSON, else the first failing ones."""
        return opts.keep_results or (str(result.status) not in ("ok", "redirected") and len(report.results) < opts.kept_failing)

    finished = False
    try:
        for item in engine.run(jobs()):
            if item is not None:
                job, result = item
                stretch = watch.see(job.key.url, result.http_status, result.reason, result.checked_at)
                if held_back(result.status in FAILING, result.reason, is_neutral(result)):
                    before = len(report.results)
                    pending.append(_outcome(job.key, result, policy, report, keep(result), hold=True))
                    row = before if len(report.results) > before else None
                    held.setdefault(stretch, []).append(_Held(job.key, _slim(result), row))
                else:
                    pending.append(_outcome(job.key, result, policy, report, keep(result)))
                if progress:
                    progress(report)
            if len(pending) >= opts.batch_size or (pending and time.monotonic() - last_flush >= opts.batch_seconds):
                flush()
            keep_leases()
        flush()
        for index in sorted(held):
            settle(index)
        finished = True
    finally:
        try:
            if not finished and pending:
                flush()  # results already in hand survive an interruption (SIGINT)
        finally:
            release_leases(store, run)
            engine.close()
    report.elapsed_ms = int((time.monotonic() - began) * 1000)
    counts = {**report.counts, "checked": report.checked, "became_dead": len(report.became_dead),
              "excluded": report.excluded, "flags_opened": report.flags_opened,
              "network_down": report.network_down, "not_counted": report.not_counted}
    finish_run(store, run, counts)
    return report


@dataclass(frozen=True)
class _Held:
    """A failure whose count waits for the verdict on its stretch of the run (network up or down)."""

    due: DueUrl
    result: CheckResult  # slim: what the dead-link policy and the flags read
    row: int | None  # its line in `report.results`


def _slim(result: CheckResult) -> CheckResult:
    return CheckResult(
        url=result.url, status=result.status, checked_at=result.checked_at, http_status=result.http_status,
        final_url=result.final_url, error=result.error, reason=result.reason,
    )


def _counted(due: DueUrl, result: CheckResult, policy: DeadPolicy, report: CheckReport) -> Outcome:
    """A held failure counted after all (the network was up): new state, flags, dead or not."""
    transition = advance(due.state, result, policy)
    if transition.became_dead:
        report.became_dead.append(due.url)
    flags = link_flags(due.url, transition.state, result) if should_sync_flags(result, transition.state) else None
    return Outcome(due, result, transition.state, flags, lambda: _resolve_note(result, False))


def _outcome(due: DueUrl, result: CheckResult, policy: DeadPolicy, report: CheckReport, keep: bool, hold: bool = False) -> Outcome:
    """A result ready to be written; `hold`: written to the history, its count left for later."""
    report.checked += 1
    report.counts[str(result.status)] += 1
    if keep:
        report.results.append(
            (due.url, str(result.status), result.http_status, result.final_url, result.error, result.reason)
        )
    if hold:
        return Outcome(due, result, due.state, None)
    transition = advance(due.state, result, policy)
    if transition.became_dead:
        report.became_dead.append(due.url)
    if transition.revived:
        report.revived.append(due.url)
    flags = link_flags(due.url, transition.state, result) if should_sync_flags(result, transition.state) else None
    return Outcome(due, result, transition.state, flags, lambda: _resolve_note(result, transition.revived))


def _resolve_note(result: CheckResult, revived: bool) -> str:
    """Why a link flag resolved itself (made only when one does)."""
    when = result.checked_at.isoformat(timespec="seconds")
    if revived:
        return f"The link answers again (checked {when})."
    return f"No longer found by the link check of {when}: the link answers {result.status}"


__all__ = ["CheckOptions", "CheckReport", "check_links"]
