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
from dataclasses import dataclass, field, fields, replace
from typing import Any

from citetrack import settings
from citetrack.check.classify import DomainRule
from citetrack.check.http import HttpOptions, default_user_agent
from citetrack.check.run import CheckEngine, CheckerOptions, CheckJob
from citetrack.check.outage import OutageWatch, held_back
from citetrack.config import validate_fail_on
from citetrack.errors import ConfigError
from citetrack.models import CheckResult, LinkStatus
from citetrack.rules.links import FAILING, SUCCESS, DeadPolicy, advance, is_neutral, link_flags, should_sync_flags
from citetrack.store import Store
from citetrack.store.links import (
    DueUrl, Outcome, count_due, finish_run, lease_due, mark_network_down, record_results, release_leases,
    renew_leases, start_run, stamp,
)


@dataclass(frozen=True)
class CheckTuning:
    """How a run is carried out, not what it checks: retry timing, write batches, leases, the
    read-ahead buffer and how many result lines the report keeps. No config key and no flag sets
    these (the command sets `keep_results` from `--json`); tests and benchmarks do."""

    backoff_base: float = settings.CHECK_BACKOFF_BASE_S
    retry_after_cap: float = settings.CHECK_RETRY_AFTER_CAP_S
    total_timeout: float | None = None  # one attempt, all hops and body; None: timeout x factor
    batch_size: int = settings.CHECK_BATCH_SIZE
    batch_seconds: float = settings.CHECK_BATCH_SECONDS
    lease_batch: int = settings.CHECK_LEASE_BATCH
    lease_seconds: float = settings.CHECK_LEASE_SECONDS
    max_pending: int = settings.CHECK_MAX_PENDING
    keep_results: bool = True  # keep a slim line per result for the report (JSON output)
    # without keep_results: the lines of the first failing links only, for a human-readable report
    kept_failing: int = settings.CHECK_REPORT_FAILING


TUNING_FIELDS = frozenset(f.name for f in fields(CheckTuning))


@dataclass(frozen=True)
class CheckOptions:
    """Every user-facing option of `citetrack check`, validated here and only here.

    Built once by `from_sources`: defaults (settings), then the config file's `[check]` table,
    then the command line. `tuning` holds what users never set (see `CheckTuning`)."""

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
    tuning: CheckTuning = field(default_factory=CheckTuning)

    def __post_init__(self) -> None:
        for name in ("concurrency", "per_host", "dead_after", "max_bytes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"--{name.replace('_', '-')} must be at least 1")
        if self.timeout <= 0:
            raise ConfigError("--timeout must be positive")
        if self.retries < 0:
            raise ConfigError("retries must be 0 or more")
        validate_fail_on(self.fail_on, "--fail-on")

    @classmethod
    def from_sources(cls, config: dict[str, Any], cli: dict[str, Any], **tuning: Any) -> CheckOptions:
        """Defaults, then the config file's validated [check] table, then the options given on
        the command line (None: not given). Unknown names are ignored; tuning goes by name."""
        known = {f.name for f in fields(cls)} - {"tuning"}
        values = {key: value for key, value in config.items() if key in known}
        values.update({key: value for key, value in cli.items() if key in known and value is not None})
        return cls(**values, tuning=CheckTuning(**tuning))

    @classmethod
    def quick(cls, **values: Any) -> CheckOptions:
        """Options from one flat set of names, user-facing and tuning alike (tests, scripts)."""
        tuning = {key: values.pop(key) for key in list(values) if key in TUNING_FIELDS}
        return cls(**values, tuning=CheckTuning(**tuning))

    def checker_options(self) -> CheckerOptions:
        """The checker's view of these options (HTTP, politeness, retries, domain rules)."""
        tuning = self.tuning
        http = HttpOptions(
            timeout=self.timeout, total_timeout=tuning.total_timeout, max_bytes=self.max_bytes,
            allow_private=self.allow_private, user_agent=self.user_agent or default_user_agent(),
            pool_size=max([self.per_host, *(r.per_host or 0 for r in self.domains.values())]),
        )
        return CheckerOptions(
            http=http, concurrency=self.concurrency, per_host=self.per_host, retries=self.retries,
            backoff_base=tuning.backoff_base, retry_after_cap=tuning.retry_after_cap, head_first=self.head_first,
            max_pending=tuning.max_pending, domains=dict(self.domains),
        )

    def policy(self) -> DeadPolicy:
        return DeadPolicy(dead_after=self.dead_after, spacing=self.dead_spacing)

    def summary(self) -> dict[str, Any]:
        """The options as recorded with the run."""
        return {
            "stale_after": self.stale_after.total_seconds() if self.stale_after else None,
            "concurrency": self.concurrency, "per_host": self.per_host, "timeout": self.timeout,
            "dead_after": self.dead_after, "dead_spacing": self.dead_spacing.total_seconds(),
            "allow_private": self.allow_private, "fail_on": self.fail_on,
        }


@dataclass(frozen=True)
class ResultLine:
    """One checked link as the report lists it (and as `--json` prints it).

    Reads like the 6-tuple it replaces (`url, status, ... = line`, `line[1]`), so callers that
    unpack it keep working while new code uses the names."""

    url: str
    status: str
    http_status: int | None
    final_url: str | None
    error: str | None
    reason: str | None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.url, self.status, self.http_status, self.final_url, self.error, self.reason))

    def __getitem__(self, index: int | slice) -> Any:
        return tuple(self)[index]

    def __len__(self) -> int:
        return 6

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "http_status": self.http_status,
                "final_url": self.final_url, "error": self.error, "reason": self.reason}


@dataclass
class CheckReport:
    run_id: int
    checked: int = 0
    counts: collections.Counter = field(default_factory=collections.Counter)
    results: list[ResultLine] = field(default_factory=list)
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

    def count(self, status: str, change: int) -> None:
        """Add `change` to a status's count, dropping the status when it reaches zero."""
        self.counts[status] += change
        if not self.counts[status]:
            del self.counts[status]

    def to_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "results": [line.to_json() for line in self.results],
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

    def run_counts(self) -> dict[str, Any]:
        """The counts recorded with the finished run."""
        return {**self.counts, "checked": self.checked, "became_dead": len(self.became_dead),
                "excluded": self.excluded, "flags_opened": self.flags_opened,
                "network_down": self.network_down, "not_counted": self.not_counted}


Progress = Callable[[CheckReport], None]
SUCCESS_STATUSES = frozenset(str(status) for status in SUCCESS)


def check_links(store: Store, opts: CheckOptions, progress: Progress | None = None) -> CheckReport:
    """Check every due URL (see `CheckOptions.stale_after`), record results, sync link flags."""
    began = time.monotonic()
    run = _CheckRun(store, opts, progress)
    run.run()
    run.report.elapsed_ms = int((time.monotonic() - began) * 1000)
    finish_run(store, run.info, run.report.run_counts())
    return run.report


class _CheckRun:
    """One run of `check_links`: leases due URLs, feeds the engine, writes results in batches,
    holds failures back while the network may be down, and settles them once it knows."""

    def __init__(self, store: Store, opts: CheckOptions, progress: Progress | None):
        self.store, self.opts, self.tuning, self.progress = store, opts, opts.tuning, progress
        self.info = start_run(store, opts.summary())
        self.report = CheckReport(run_id=self.info.id, resumed_from=self.info.resumed_from)
        self.stale_before = stamp(-opts.stale_after.total_seconds()) if opts.stale_after is not None else None
        self.checker_opts = opts.checker_options()
        self.policy = opts.policy()
        self.pending: list[Outcome] = []
        self.last_flush = self.last_renew = time.monotonic()
        self.watch = OutageWatch(dt.datetime.now(dt.timezone.utc))
        self.held: dict[int, list[_Held]] = {}  # stretch -> failures whose count waits for its verdict

    def run(self) -> None:
        """Check every due URL; results already in hand survive an interruption (SIGINT)."""
        if self.progress:  # the total is for a progress bar only: a scan of every URL put off no first request
            self.report.total = count_due(self.store, self.info, self.stale_before)
            self.progress(self.report)
        engine = CheckEngine(self.checker_opts)
        finished = False
        try:
            for item in engine.run(self.jobs()):
                if item is not None:
                    self.take(*item)
                if len(self.pending) >= self.tuning.batch_size or (
                    self.pending and time.monotonic() - self.last_flush >= self.tuning.batch_seconds
                ):
                    self.flush()
                self.keep_leases()
            self.flush()
            for index in sorted(self.held):
                self.settle(index)
            finished = True
        finally:
            try:
                if not finished and self.pending:
                    self.flush()
            finally:
                release_leases(self.store, self.info)
                engine.close()

    def jobs(self) -> Iterator[CheckJob]:
        """Due URLs, leased a batch at a time (excluded domains counted and skipped)."""
        after = 0
        while True:
            batch = lease_due(self.store, self.info, stale_before=self.stale_before, after_id=after,
                              limit=self.tuning.lease_batch, lease_seconds=self.tuning.lease_seconds)
            if not batch:
                return
            for due in batch:
                after = due.id
                rule = self.checker_opts.rule_for(due.url)
                if rule is not None and rule.exclude:
                    self.report.excluded += 1
                    continue
                yield CheckJob(due.url, due.etag, due.last_modified, key=due)

    def take(self, job: CheckJob, result: CheckResult) -> None:
        """One finished check: counted now, or written to the history and held back when its
        failure may be the network's own (see `check.outage`)."""
        report = self.report
        stretch = self.watch.see(job.key.url, result.http_status, result.reason, result.checked_at)
        keep = self.tuning.keep_results or (
            str(result.status) not in SUCCESS_STATUSES and len(report.results) < self.tuning.kept_failing
        )
        if held_back(result.status in FAILING, result.reason, is_neutral(result)):
            row = len(report.results) if keep else None
            self.pending.append(_outcome(job.key, result, self.policy, report, keep, hold=True))
            self.held.setdefault(stretch, []).append(_Held(job.key, _slim(result), row))
        else:
            self.pending.append(_outcome(job.key, result, self.policy, report, keep))
        if self.progress:
            self.progress(report)

    def flush(self) -> None:
        """Write the pending results in one transaction; settle the stretches now judged."""
        if self.pending:
            summary = record_results(self.store, self.info, self.pending)
            self.report.flags_opened += summary.opened + summary.reopened
            self.report.flags_resolved += summary.auto_resolved
            self.pending.clear()
        self.last_flush = time.monotonic()
        settle_before = self.watch.settled(dt.datetime.now(dt.timezone.utc))
        for index in sorted(i for i in self.held if i < settle_before):
            self.settle(index)

    def settle(self, index: int) -> None:
        """Count the held failures of a stretch where the network was up; mark the others."""
        items = self.held.pop(index)
        report = self.report
        if self.watch.is_down(index):
            self._not_counted(items)
            return
        outcomes = [_counted(h.due, h.result, self.policy, report) for h in items]
        summary = record_results(self.store, self.info, outcomes, history=False)
        report.flags_opened += summary.opened + summary.reopened
        report.flags_resolved += summary.auto_resolved

    def _not_counted(self, items: list[_Held]) -> None:
        """Failures made while the network was down: rewritten as `error` / `network-down`."""
        report = self.report
        report.network_down = True
        report.not_counted += len(items)
        errors = [f"the network was down during this check run (not counted): {h.result.error or 'no answer'}" for h in items]
        mark_network_down(self.store, self.info, [(h.due.id, h.result.checked_at, error) for h, error in zip(items, errors)])
        for h, error in zip(items, errors):
            report.count(str(h.result.status), -1)
            report.count(str(LinkStatus.ERROR), 1)
            if h.row is not None:
                line = report.results[h.row]
                report.results[h.row] = replace(line, status=str(LinkStatus.ERROR), error=error, reason="network-down")

    def keep_leases(self) -> None:
        if time.monotonic() - self.last_renew > self.tuning.lease_seconds / 3:
            renew_leases(self.store, self.info, self.tuning.lease_seconds)
            self.last_renew = time.monotonic()


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
            ResultLine(due.url, str(result.status), result.http_status, result.final_url, result.error, result.reason)
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


__all__ = ["CheckOptions", "CheckReport", "CheckTuning", "ResultLine", "check_links"]
