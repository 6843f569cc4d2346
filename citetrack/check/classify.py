"""From what the network answered to a link status with evidence: pure, no I/O.

`classify(fetch, page, probe, rule)` applies the interface's vocabulary: ok, redirected, dead,
soft-404, blocked, error. Dead means the site said so (404, 410), the host is gone or refuses
connections, or the link lands on the site's home page or an error path. Blocked is reachable
but not verifiable (401-403, 429 after retries, 451, a bot wall) and never dead. Error is
everything transient (timeouts, TLS, 5xx after retries, refused by the address policy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from citetrack.check.pages import PageFacts, error_page_reason, same_page
from citetrack.models import DomainRule, LinkStatus  # DomainRule: the config builds it, so it lives below

_LANGUAGES = "en|fr|es|de|it|pt|nl|ar|ru|zh|ja|ko|tr|pl|uk|fa|sv|da|no|fi|el|he|hi|id|ms|th|vi|cs|ro|hu"
HOME_PATHS = re.compile(
    rf"(?i)^/?(?:(?:index|default|home|accueil|inicio|start)(?:\.\w{{2,5}})?|(?:{_LANGUAGES})(?:[-_][a-z]{{2}})?(?:/(?:index\.\w{{2,5}})?)?)?/?$"
)
ERROR_PATHS = re.compile(
    r"(?i)(?:^|/)(?:404|410|not[-_]?found|page[-_]?not[-_]?found|error[-_]?404|erreur[-_]?404|error|errors|"
    r"pagenotfound|no[-_]?encontrad[ao]|introuvable)(?:\.\w{2,5})?/?$"
)
ERROR_QUERY = re.compile(r"(?i)(?:^|&)(?:aspxerrorpath|error|err|code|status)=(?:404|410|not[-_]?found)?|(?:^|&)404(?:=|;|&|$)")

BLOCKED_CODES = {
    401: "unauthorized", 402: "payment-required", 403: "forbidden", 407: "proxy-auth", 429: "rate-limited",
    451: "unavailable-for-legal-reasons", 999: "bot-refused",
}
DEAD_CODES = {404: "not-found", 410: "gone"}
# Network outcomes that are the site's own answer that the link is gone.
DEAD_ERRORS = {"no-such-host", "connection-refused"}
# Outcomes that say nothing about the link: our policy refused it, it is not a web URL, or the
# failure was a proxy's or the local network's (no route from here, no DNS resolver reachable),
# not the origin's answer.
NOT_COUNTED_ERRORS = {
    "private-address", "unsupported-scheme", "invalid-url", "proxy-error", "network-unreachable", "dns-failure",
}


@dataclass(frozen=True)
class Fetch:
    """The network facts of one check, as `check.http` observed them."""

    url: str
    hops: tuple[tuple[str, int], ...] = ()  # (url, status) of every response, in order
    headers: dict[str, str] = field(default_factory=dict)  # of the final response
    error_reason: str | None = None
    error: str | None = None
    permanent: bool = False  # every redirect was 301/308

    @property
    def status(self) -> int | None:
        return self.hops[-1][1] if self.hops else None

    @property
    def final_url(self) -> str | None:
        return self.hops[-1][0] if self.hops else None


@dataclass(frozen=True)
class Probe:
    """What a host answers for a random path that cannot exist (None status: no answer)."""

    status: int | None
    final_url: str | None
    page: PageFacts | None = None
    path: str = ""

    @property
    def soft(self) -> bool:
        """The host answers 200 for pages that do not exist: it serves soft 404s."""
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class Verdict:
    status: LinkStatus
    reason: str | None = None
    error: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)


def _path(url: str) -> str:
    try:
        return urlsplit(url).path or "/"
    except ValueError:
        return "/"


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def is_home_page(url: str) -> bool:
    parts = urlsplit(url)
    return bool(HOME_PATHS.match(parts.path or "/")) and not parts.query


def is_error_path(url: str) -> bool:
    parts = urlsplit(url)
    return bool(ERROR_PATHS.search(parts.path or "")) or bool(parts.query and ERROR_QUERY.search(parts.query))


def same_resource(a: str, b: str) -> bool:
    """True when two URLs differ only trivially: http/https, www., trailing slash, default port, case of host."""

    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port if parts.port not in (None, 80, 443) else None
        return (f"{host}:{port}", (parts.path or "/").rstrip("/") or "/", parts.query)

    try:
        return key(a) == key(b)
    except ValueError:
        return a == b


def classify(fetch: Fetch, page: PageFacts | None = None, probe: Probe | None = None, rule: DomainRule | None = None) -> Verdict:
    """The status of a link from its fetch, its page (if read), its host's probe and its domain rule."""
    if fetch.error_reason is not None:
        reason = fetch.error_reason
        status = LinkStatus.DEAD if reason in DEAD_ERRORS else LinkStatus.ERROR
        evidence = {"hops": [u for u, _ in fetch.hops]} if fetch.hops else {}
        return Verdict(status, reason, fetch.error, evidence)
    code = fetch.status
    final = fetch.final_url or fetch.url
    redirected = len(fetch.hops) > 1
    evidence: dict[str, Any] = {}
    if redirected:
        evidence = {"final_url": final, "permanent": fetch.permanent}
    if rule is not None and code in rule.ok_statuses:
        return Verdict(LinkStatus.OK, "domain-rule-ok", None, {**evidence, "http_status": code})
    if rule is not None and code in rule.blocked_statuses:
        return Verdict(LinkStatus.BLOCKED, "domain-rule-blocked", f"HTTP {code} (blocked on this domain by the config)", evidence)
    if "cf-mitigated" in fetch.headers:
        return Verdict(LinkStatus.BLOCKED, "bot-wall", f"bot challenge (cf-mitigated: {fetch.headers['cf-mitigated']})", evidence)
    if code in DEAD_CODES:
        return Verdict(LinkStatus.DEAD, DEAD_CODES[code], f"HTTP {code}", evidence)
    if code in BLOCKED_CODES:
        return Verdict(LinkStatus.BLOCKED, BLOCKED_CODES[code], f"HTTP {code}", evidence)
    if code is None:
        return Verdict(LinkStatus.ERROR, "no-status", "no HTTP status", evidence)
    if code >= 500:
        return Verdict(LinkStatus.ERROR, "server-error", f"HTTP {code}", evidence)
    if code >= 400:
        return Verdict(LinkStatus.ERROR, "client-error", f"HTTP {code}", evidence)
    if code == 304:
        return Verdict(LinkStatus.OK, "not-modified", None, evidence)
    if redirected and _site(final) == _site(fetch.url):
        if is_home_page(final) and not is_home_page(fetch.url):
            return Verdict(LinkStatus.DEAD, "home-page", f"redirects to the site's home page {final}", evidence)
        if is_error_path(final) and not is_error_path(fetch.url):
            return Verdict(LinkStatus.DEAD, "error-page", f"redirects to an error page {final}", evidence)
    if page is not None:
        why = error_page_reason(page)
        if why:
            shown = page.title or page.heading or "error text"
            return Verdict(LinkStatus.SOFT_404, why, f"answers {code} with an error page ({shown[:80]})", {**evidence, "title": page.title})
    if probe is not None and probe.soft and code is not None and 200 <= code < 300:
        if redirected and probe.final_url and probe.final_url == final and not same_resource(final, fetch.url):
            return Verdict(LinkStatus.SOFT_404, "catch-all-redirect", f"redirects where any missing page does ({final})", evidence)
        if page is not None and probe.page is not None:
            echoes = (_path(fetch.url), probe.path, fetch.url, probe.final_url or "")
            if same_page(page, probe.page, ignore=echoes):
                return Verdict(LinkStatus.SOFT_404, "same-as-missing-page", "the same page the site serves for a path that does not exist", {**evidence, "title": page.title})
    if redirected:
        return Verdict(LinkStatus.REDIRECTED, "permanent-redirect" if fetch.permanent else "temporary-redirect", None, evidence)
    return Verdict(LinkStatus.OK, None, None, evidence)
