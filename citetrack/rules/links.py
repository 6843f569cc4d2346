"""The dead-link policy and the link flags: pure functions over a URL's state and its latest check.

A link is confirmed dead only after `dead_after` failing checks, each at least `spacing` after
the previous counted one (like the bots that keep Wikipedia's citations alive); any success
resets the count. Blocked answers and checks our own policy refused neither count nor reset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from citetrack import settings
from citetrack.check.classify import NOT_COUNTED_ERRORS, same_resource
from citetrack.models import REASON_TEXT, CheckResult, Flag, FlagKind, LinkState, LinkStatus, Severity

FAILING = frozenset({LinkStatus.DEAD, LinkStatus.ERROR, LinkStatus.SOFT_404})
SUCCESS = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED})
NEUTRAL_REASONS = frozenset(NOT_COUNTED_ERRORS | {"internal-error"})


@dataclass(frozen=True)
class DeadPolicy:
    dead_after: int = settings.CHECK_DEAD_AFTER
    spacing: dt.timedelta = dt.timedelta(seconds=settings.CHECK_DEAD_SPACING_S)


_CLEAN = LinkState()  # no failure on record (frozen: shared by every link that answers)


@dataclass(frozen=True)
class Transition:
    state: LinkState
    counted: bool = False  # this check counted as a failure
    became_dead: bool = False  # confirmed dead by this check
    revived: bool = False  # was confirmed dead, answers again


def is_neutral(result: CheckResult) -> bool:
    """A check that says nothing about the link: our address policy refused it, or a bug."""
    return result.status == LinkStatus.ERROR and result.reason in NEUTRAL_REASONS


def advance(state: LinkState, result: CheckResult, policy: DeadPolicy) -> Transition:
    """The URL's state after one more check."""
    when = result.checked_at
    if result.status in SUCCESS:
        return Transition(_CLEAN, revived=state.dead)
    if result.status not in FAILING or is_neutral(result):
        return Transition(state)
    spaced = state.fail_counted_at is None or when - state.fail_counted_at >= policy.spacing
    count = state.fail_count + 1 if spaced else state.fail_count
    new = replace(
        state,
        fail_count=count,
        fail_counted_at=when if spaced else state.fail_counted_at,
        first_failed_at=state.first_failed_at or when,
    )
    if not state.dead:  # the facts of the failure stay those that confirmed it
        new = replace(
            new, fail_status=str(result.status), fail_reason=result.reason, fail_http_status=result.http_status,
            fail_final_url=result.final_url if result.final_url != result.url else None,
        )
    became_dead = not state.dead and count >= max(1, policy.dead_after)
    if became_dead:
        new = replace(new, confirmed_dead_at=when)
    return Transition(new, counted=spaced, became_dead=became_dead)


def should_sync_flags(result: CheckResult, state: LinkState) -> bool:
    """Flags are reconciled after a conclusive check; a transient error keeps them as they are."""
    if is_neutral(result):
        return False
    return not (result.status in FAILING and not state.dead)


def link_flags(url: str, state: LinkState, result: CheckResult) -> list[Flag]:
    """The link flags a URL deserves now (one set, later placed in every document citing it)."""
    flags: list[Flag] = []
    if state.dead:
        confirmed = state.confirmed_dead_at.isoformat() if state.confirmed_dead_at else None
        evidence = {"reason": state.fail_reason, "http_status": state.fail_http_status, "confirmed_at": confirmed}
        if state.fail_final_url:
            evidence["final_url"] = state.fail_final_url
        if state.fail_status == LinkStatus.SOFT_404.value:
            flags.append(Flag(
                kind=FlagKind.SOFT_404, severity=Severity.ERROR, subject=url, url=url, evidence=evidence,
                message=f"The page answers {state.fail_http_status or 200} but is an error page (confirmed {confirmed[:10] if confirmed else ''}).",
            ))
        else:
            why = REASON_TEXT.get(state.fail_reason or "", state.fail_reason or "failing")
            flags.append(Flag(
                kind=FlagKind.DEAD_LINK, severity=Severity.ERROR, subject=url, url=url, evidence=evidence,
                message=f"Dead link: {why} (confirmed {confirmed[:10] if confirmed else ''}).",
            ))
    if (
        result.status == LinkStatus.REDIRECTED and result.permanent_redirect and result.final_url
        and not same_resource(url, result.final_url)
    ):
        flags.append(Flag(
            kind=FlagKind.MOVED, severity=Severity.WARNING, subject=url, url=url,
            evidence={"final_url": result.final_url},
            message=f"The link permanently redirects to {result.final_url}.",
        ))
    if result.status == LinkStatus.BLOCKED:
        flags.append(Flag(
            kind=FlagKind.BLOCKED, severity=Severity.INFO, subject=url, url=url,
            evidence={"reason": result.reason, "http_status": result.http_status},
            message=f"The site refuses automated checks ({result.error or result.reason}): reachable but not verifiable.",
        ))
    return flags
