"""Telling the network's failure from the sites': pure bookkeeping over a run's results.

Only the origin's own answer is evidence that a link is dead. When the machine running the check
is offline (a laptop on a train, a resolver down), every host fails at once with DNS or
connection errors, and none of those failures says anything about the links. `OutageWatch`
cuts a run into stretches of `window` seconds (by the time each result came back) and calls a
stretch *down* when at least `min_hosts` hosts, and at least `share` of the hosts tried in it,
failed that way without a single answer, while a host that answered anything (any HTTP status)
shows the network was up. The workflow holds back the counting of such failures until their
stretch is judged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from citetrack import settings

# Failures that a network outage produces: no DNS, no connection, no answer in time. Through a
# proxy, or without a route, they are already not counted (`classify.NOT_COUNTED_ERRORS`); the
# others (no such host, refused, timeout) are the origin's evidence only while the network is up.
NETWORK_REASONS = frozenset({
    "no-such-host", "dns-failure", "connection-refused", "connection-error", "network-unreachable", "proxy-error",
    "timeout",
})


@dataclass
class _Stretch:
    answered: set[str] = field(default_factory=set)  # hosts that gave any HTTP answer
    failed: set[str] = field(default_factory=set)  # hosts that failed with a network reason


@dataclass
class OutageWatch:
    """Which stretches of a run the network itself was down in."""

    started: dt.datetime
    window: float = settings.CHECK_OUTAGE_WINDOW_S
    min_hosts: int = settings.CHECK_OUTAGE_MIN_HOSTS
    share: float = settings.CHECK_OUTAGE_SHARE
    stretches: dict[int, _Stretch] = field(default_factory=dict)

    def stretch_of(self, moment: dt.datetime) -> int:
        return max(0, int((moment - self.started).total_seconds() // self.window))

    def see(self, url: str, http_status: int | None, reason: str | None, checked_at: dt.datetime) -> int:
        """Record one result; returns the stretch it belongs to."""
        index = self.stretch_of(checked_at)
        stretch = self.stretches.get(index)
        if stretch is None:
            stretch = self.stretches[index] = _Stretch()
        if http_status is not None:
            stretch.answered.add(_site(url))
        elif reason in NETWORK_REASONS:
            stretch.failed.add(_site(url))
        return index

    def is_down(self, index: int) -> bool:
        stretch = self.stretches.get(index)
        if stretch is None:
            return False
        failing = stretch.failed - stretch.answered
        tried = len(stretch.failed | stretch.answered)
        return len(failing) >= self.min_hosts and len(failing) >= self.share * tried

    def settled(self, now: dt.datetime) -> int:
        """Stretches before this index are complete (one whole stretch of grace for late results)."""
        return self.stretch_of(now) - 1


def _site(url: str) -> str:
    """The URL's scheme and host[:port] (cheaper than parsing it: one per result)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme.lower()}://{rest.partition('/')[0].partition('?')[0].partition('#')[0].lower()}"


def held_back(status_failing: bool, reason: str | None, neutral: bool) -> bool:
    """Whether a result's count waits for its stretch to be judged: a failure a network outage
    could have caused, that would otherwise count towards the link's dead tally."""
    return status_failing and not neutral and reason in NETWORK_REASONS
