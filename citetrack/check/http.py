"""HTTP for link checks and page fetches: sessions, guarded redirects, capped bodies, deadlines.

Stable API (the archiver reuses it):

- `HttpOptions`: timeout, total deadline, body cap, address policy, User-Agent, redirects.
- `make_session(opts)`: a `requests.Session` with a keep-alive pool per host, proxies from the
  environment, no cookie kept across requests, and connections that apply the address policy
  to the address they really connect to (resolved once, checked, then connected: no DNS
  rebinding window). Requests through a configured proxy leave the policy to the proxy.
- `guarded_get(session, url, opts, method=..., headers=...)`: one attempt at a URL, following
  redirects by hand (policy on every hop, loops and excess hops reported, chain recorded), under
  a total deadline that also cuts a slow-drip server. Returns a `GuardedResponse`; never raises
  for network trouble.
- `read_capped(response, opts)`: the body, decoded, cut at `max_bytes` (gzip bombs included).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import urllib.request
import time
from dataclasses import dataclass, field
from http.cookiejar import DefaultCookiePolicy
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar
from requests.structures import CaseInsensitiveDict
from requests.utils import check_header_validity, get_encoding_from_headers, select_proxy, unquote_unreserved
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3 import exceptions as urllib3_exceptions
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import Timeout as Urllib3Timeout

from citetrack import __version__, settings
from citetrack.check.deadline import Deadline, _local, _track_current
from citetrack.check.guard import AddressRefused, check_address, precheck_url, resolve_allowed

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUSES = frozenset({301, 308})
# Response headers kept for each hop (evidence and classification).
KEPT_HEADERS = (
    "location", "content-type", "content-length", "etag", "last-modified", "retry-after",
    "cf-mitigated", "server", "content-encoding",
)


def default_user_agent() -> str:
    return settings.CHECK_USER_AGENT.format(version=__version__)


@dataclass(frozen=True)
class HttpOptions:
    """How to talk HTTP: every knob of a fetch in one value."""

    timeout: float = settings.CHECK_TIMEOUT_S  # connect and read, each socket operation
    total_timeout: float | None = None  # whole attempt (all hops + body); None: timeout x factor
    max_bytes: int = settings.CHECK_MAX_BYTES
    allow_private: bool = False
    user_agent: str = field(default_factory=default_user_agent)
    max_redirects: int = settings.CHECK_MAX_REDIRECTS
    pool_size: int = settings.CHECK_PER_HOST  # keep-alive connections kept per host
    pool_hosts: int = 256  # host pools kept alive at once (least recently used dropped)

    @property
    def deadline_seconds(self) -> float:
        return self.total_timeout if self.total_timeout is not None else self.timeout * settings.CHECK_TOTAL_TIMEOUT_FACTOR


# ------------------------------------------------------------------ guarded connections


class _TrackedMixin:
    """Registers every request with the thread's deadline; optionally pins a checked address."""

    guard_addresses = False
    allow_private = True

    def _new_conn(self) -> socket.socket:  # type: ignore[override]
        if not self.guard_addresses:
            return super()._new_conn()  # type: ignore[misc]
        host = self._dns_host  # type: ignore[attr-defined]
        try:
            infos = resolve_allowed(host, self.port, self.allow_private)  # type: ignore[attr-defined]
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[attr-defined]
        last: OSError | None = None
        for family, kind, proto, _name, address in infos:
            sock = socket.socket(family, kind, proto)
            try:
                for option in self.socket_options or ():  # type: ignore[attr-defined]
                    sock.setsockopt(*option)
                if self.timeout is not None:  # type: ignore[attr-defined]
                    sock.settimeout(self.timeout)  # type: ignore[attr-defined]
                sock.connect(address)
                check_address(host, sock.getpeername()[0], self.allow_private)
                return sock
            except AddressRefused:
                sock.close()
                raise
            except socket.timeout as exc:
                sock.close()
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from exc  # type: ignore[attr-defined]
            except OSError as exc:
                sock.close()
                last = exc
        raise NewConnectionError(self, f"Failed to establish a new connection: {last}")  # type: ignore[arg-type]

    def request(self, *args: Any, **kwargs: Any) -> Any:
        _track_current(self)
        return super().request(*args, **kwargs)  # type: ignore[misc]


def _pool_classes(guard: bool, allow_private: bool, socks: bool = False) -> dict[str, type]:
    """Pool classes whose connections register with the thread's deadline; SOCKS ones connect
    through the proxy (which then decides about addresses), so a slow drip is cut there too."""
    if socks:
        from urllib3.contrib import socks as urllib3_socks  # needs PySocks (requests[socks])

        bases = {
            "http": (urllib3_socks.SOCKSConnection, urllib3_socks.SOCKSHTTPConnectionPool),
            "https": (urllib3_socks.SOCKSHTTPSConnection, urllib3_socks.SOCKSHTTPSConnectionPool),
        }
    else:
        bases = {"http": (HTTPConnection, HTTPConnectionPool), "https": (HTTPSConnection, HTTPSConnectionPool)}
    attrs = {"guard_addresses": guard, "allow_private": allow_private}
    classes = {}
    for scheme, (connection, pool) in bases.items():
        tracked = type(f"Checked{connection.__name__}", (_TrackedMixin, connection), attrs)
        classes[scheme] = type(f"Checked{pool.__name__}", (pool,), {"ConnectionCls": tracked})
    return classes


# Direct pools remembered by the adapter: more than the hosts a check has in flight at once.
DIRECT_POOLS_REMEMBERED = 64


class GuardedAdapter(HTTPAdapter):
    """Direct connections apply the address policy; proxied ones only track deadlines."""

    def __init__(self, allow_private: bool, **kwargs: Any):
        self.allow_private = allow_private
        self._direct_pools: dict[tuple[Any, ...], Any] = {}
        super().__init__(**kwargs)

    def get_connection_with_tls_context(self, request: Any, verify: Any, proxies: Any = None, cert: Any = None) -> Any:
        """The host's connection pool, remembered per origin for direct requests: requests
        rebuilds the pool key (a score of TLS and host fields) on every request, a sixth of the
        client's CPU per check. Only the hosts at work are remembered (the pool manager keeps the
        others, least recently used dropped); a closed pool is looked up afresh; proxied requests
        always take requests' own path."""
        if proxies:
            return super().get_connection_with_tls_context(request, verify, proxies, cert)
        parts = urlsplit(request.url)
        key = (parts.scheme, parts.hostname, parts.port, verify if isinstance(verify, (bool, str)) else id(verify), str(cert))
        pool = self._direct_pools.get(key)
        if pool is not None and pool.pool is not None:
            return pool
        pool = super().get_connection_with_tls_context(request, verify, proxies, cert)
        if len(self._direct_pools) >= DIRECT_POOLS_REMEMBERED:
            self._direct_pools.clear()
        self._direct_pools[key] = pool
        return pool

    def send_direct(
        self, method: str, url: str, headers: dict[str, str], timeout: tuple[float, float], verify: Any, cert: Any,
    ) -> requests.Response:
        """A direct request for a plain URL (`_PLAIN_URL`), sent by the host's urllib3 pool with
        what `HTTPAdapter.send` would give it, without requests' per-request rebuilding of the
        URL, the pool's TLS settings, the proxy choice and the response: about a third of the
        client's CPU per check (0.52 to 0.35 ms against a loopback server), which is what
        keeps a large check near the politeness limit. Errors are those `HTTPAdapter.send`
        raises, so `describe_error` reads them alike."""
        split = urlsplit(url)
        key = (split.scheme, split.hostname, split.port, verify if isinstance(verify, (bool, str)) else id(verify), str(cert))
        pool = self._direct_pools.get(key)
        if pool is None or pool.pool is None:
            request = requests.PreparedRequest()
            request.prepare(method=method, url=url, headers=headers)
            pool = self.get_connection_with_tls_context(request, verify, None, cert)
            self.cert_verify(pool, url, verify, cert)  # once per pool: its TLS settings stay
        target = (split.path or "/") + (f"?{split.query}" if split.query else "")
        sent = _SentRequest(method, url, headers)
        try:
            raw = pool.urlopen(
                method=method, url=target, body=None, headers=headers, redirect=False, assert_same_host=False,
                preload_content=False, decode_content=False, retries=self.max_retries,
                timeout=Urllib3Timeout(connect=timeout[0], read=timeout[1]), chunked=False,
            )
        except Exception as exc:
            mapped = _as_requests_error(exc)
            if mapped is exc:
                raise
            raise mapped from exc
        return _response(raw, sent, self)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pool_classes(not self.allow_private, self.allow_private)
        self.poolmanager.key_fn_by_scheme = dict(self.poolmanager.key_fn_by_scheme)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _pool_classes(False, True, socks=proxy.lower().startswith("socks"))
        return manager

    def close(self) -> None:
        self._direct_pools.clear()
        super().close()

    def __setstate__(self, state: dict[str, Any]) -> None:  # pragma: no cover - pickling
        self.allow_private = state.pop("allow_private", False)
        self._direct_pools = {}
        super().__setstate__(state)


# A URL sent as it is: http(s), a plain host name or address, an optional port, and a path and
# query of characters that need no quoting (a fragment, credentials, non-ASCII, a space or an
# upper-case scheme go through requests' own preparation).
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]{1,5})?(?:[/?](?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?\Z"
)


def _plain(url: str) -> bool:
    """Whether requests would send `url` as it is (`_PLAIN_URL`, and no escaped character that
    it would unescape: `%41` goes as `A`)."""
    return bool(_PLAIN_URL.match(url)) and ("%" not in url or unquote_unreserved(url) == url)


@dataclass
class _SentRequest:
    """What a direct request sent, as `Response.request` shows it (method, URL, headers)."""

    method: str
    url: str
    headers: dict[str, str]


def _sends_itself(adapter: HTTPAdapter) -> bool:
    """Whether the adapter's `send` is requests' own: a mock library that patches it (as the
    `responses` package does in tests) must see every request."""
    return getattr(type(adapter).send, "__module__", None) == "requests.adapters"


def _response(raw: Any, sent: _SentRequest, adapter: HTTPAdapter) -> requests.Response:
    """A requests Response over a urllib3 one, as `HTTPAdapter.build_response` makes it; the
    cookie jar is filled only when the answer sets a cookie."""
    response = requests.Response()
    response.status_code = raw.status
    response.headers = CaseInsensitiveDict(raw.headers)
    response.encoding = get_encoding_from_headers(response.headers)
    response.raw = raw
    response.reason = raw.reason
    response.url = sent.url
    response.request = sent  # type: ignore[assignment]
    response.connection = adapter
    if "set-cookie" in response.headers or "set-cookie2" in response.headers:
        extract_cookies_to_jar(response.cookies, sent, raw)
    return response


def _as_requests_error(exc: Exception) -> Exception:
    """The requests exception `HTTPAdapter.send` raises for a urllib3 or socket error."""
    errors = requests.exceptions
    if isinstance(exc, urllib3_exceptions.MaxRetryError):
        reason = exc.reason
        if isinstance(reason, ConnectTimeoutError) and not isinstance(reason, NewConnectionError):
            return errors.ConnectTimeout(exc)
        if isinstance(reason, urllib3_exceptions.ResponseError):
            return errors.RetryError(exc)
        if isinstance(reason, urllib3_exceptions.ProxyError):
            return errors.ProxyError(exc)
        if isinstance(reason, urllib3_exceptions.SSLError):
            return errors.SSLError(exc)
        return errors.ConnectionError(exc)
    if isinstance(exc, (urllib3_exceptions.ProtocolError, OSError, urllib3_exceptions.ClosedPoolError)):
        return errors.ConnectionError(exc)
    if isinstance(exc, urllib3_exceptions.ProxyError):
        return errors.ProxyError(exc)
    if isinstance(exc, urllib3_exceptions.SSLError):
        return errors.SSLError(exc)
    if isinstance(exc, urllib3_exceptions.ReadTimeoutError):
        return errors.ReadTimeout(exc)
    if isinstance(exc, urllib3_exceptions.InvalidHeader):
        return errors.InvalidHeader(exc)
    if isinstance(exc, urllib3_exceptions.LocationValueError):
        return errors.InvalidURL(exc)
    return exc


class CheckSession(requests.Session):
    """A Session that reads the proxy variables once (not on every request) and skips .netrc."""

    def __init__(self) -> None:
        super().__init__()
        self.env_proxies = {k.lower(): v for k, v in urllib.request.getproxies_environment().items()}
        self.trust_env = False
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            self.verify = bundle


def make_session(opts: HttpOptions) -> requests.Session:
    """A session for many threads: pools per host, env proxies, no cookies kept, policy applied."""
    session = CheckSession()
    session.headers["User-Agent"] = opts.user_agent
    session.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))  # keep no cookie
    session.max_redirects = opts.max_redirects
    adapter = GuardedAdapter(
        opts.allow_private, pool_connections=opts.pool_hosts, pool_maxsize=max(1, opts.pool_size), max_retries=0
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def proxy_for(session: requests.Session, url: str) -> str | None:
    """The proxy requests would use for this URL (HTTP(S)_PROXY / NO_PROXY honoured), or None."""
    env = getattr(session, "env_proxies", None)
    if env is None:  # a plain requests.Session
        settings_ = session.merge_environment_settings(url, {}, None, None, None)
        return select_proxy(url, settings_.get("proxies") or {})
    if not env or (set(env) <= {"no"}):
        return None
    host = urlsplit(url).hostname or ""
    if "no" in env and urllib.request.proxy_bypass_environment(host, env):
        return None
    return select_proxy(url, {k: v for k, v in env.items() if k != "no"})


# ------------------------------------------------------------------ one guarded attempt


@dataclass
class Hop:
    """One response in a redirect chain."""

    url: str
    status: int
    headers: dict[str, str]
    reason: str = ""
    raw_headers: tuple[tuple[str, str], ...] = ()  # every header as sent (the archive records redirect hops)

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


@dataclass
class GuardedResponse:
    """The outcome of one attempt: every hop, the final response (open, body unread), or an error."""

    url: str
    method: str
    hops: list[Hop] = field(default_factory=list)
    response: requests.Response | None = None
    error: str | None = None  # human-readable
    reason: str | None = None  # machine key: timeout, tls, no-such-host, connection-refused, ...
    elapsed_ms: int = 0
    proxied: bool = False

    @property
    def status(self) -> int | None:
        """The last HTTP status received (of the final response when there is no error)."""
        return self.hops[-1].status if self.hops else None

    @property
    def final_url(self) -> str | None:
        return self.hops[-1].url if self.hops else None

    @property
    def redirects(self) -> list[str]:
        """Every URL requested after the first, in order."""
        return [hop.url for hop in self.hops[1:]]

    @property
    def permanent(self) -> bool:
        redirects = [hop for hop in self.hops if hop.status in REDIRECT_STATUSES]
        return bool(redirects) and all(hop.status in PERMANENT_STATUSES for hop in redirects)

    @property
    def headers(self) -> dict[str, str]:
        return self.hops[-1].headers if self.hops else {}

    def close(self) -> None:
        """Done with the response: its connection goes back to the pool when the body is small."""
        if self.response is not None:
            finish(self.response)


def _kept_headers(response: requests.Response) -> dict[str, str]:
    return {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}


def finish(response: requests.Response) -> None:
    """Give a response's connection back to the keep-alive pool when what is left of its body is
    known to be small (HEAD, 204/304, a short Content-Length); otherwise drop the connection."""
    raw = response.raw
    try:
        if response.request is not None and response.request.method == "HEAD" or response.status_code in (204, 304):
            raw.read(decode_content=False)  # no body: ends the exchange so the connection is reusable
            raw.release_conn()
            return
        remaining = getattr(raw, "length_remaining", None)
        if remaining is not None and remaining <= 65536:
            raw.read(remaining + 1, decode_content=False)
            raw.release_conn()
            return
    except Exception:  # noqa: BLE001 - a connection we cannot reuse is simply closed
        pass
    response.close()


_release = finish


def _unwrap(exc: BaseException) -> list[BaseException]:
    """The chain of causes behind a requests/urllib3 exception."""
    seen: list[BaseException] = []
    stack = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or any(item is s for s in seen):
            continue
        seen.append(item)
        stack.extend([getattr(item, "reason", None), item.__cause__, item.__context__])
        stack.extend(arg for arg in getattr(item, "args", ()) if isinstance(arg, BaseException))
    return seen


def describe_error(exc: BaseException, deadline: Deadline | None = None) -> tuple[str, str]:
    """(reason key, message) for a network exception."""
    chain = _unwrap(exc)
    for item in chain:
        if isinstance(item, AddressRefused):
            return item.reason, str(item)
    if deadline is not None and deadline.expired:
        return "timeout", f"no complete answer within the {deadline.seconds:g} s deadline"
    for item in chain:
        if isinstance(item, (requests.exceptions.ProxyError, urllib3_exceptions.ProxyError)) or type(item).__name__ in SOCKS_ERRORS:
            return "proxy-error", f"the proxy failed or refused the connection: {_short(exc)}"
    for item in chain:
        if isinstance(item, socket.gaierror):
            if item.errno in NO_SUCH_NAME:
                return "no-such-host", "no such host (DNS lookup failed)"
            return "dns-failure", f"the name could not be looked up (DNS unavailable: {item.strerror or item})"
    for item in chain:
        if isinstance(item, NameResolutionError):
            return "no-such-host", "no such host (DNS lookup failed)"
    for item in chain:
        if isinstance(item, ConnectionRefusedError):
            return "connection-refused", "connection refused"
    for item in chain:
        if isinstance(item, OSError) and item.errno in LOCAL_NETWORK_ERRNOS:
            return "network-unreachable", f"network unreachable from here: {item.strerror or item}"
    for item in chain:
        if isinstance(item, requests.exceptions.SSLError) or type(item).__name__ in ("SSLError", "SSLCertVerificationError", "CertificateError"):
            return "tls", f"TLS failure: {_short(exc)}"
    for item in chain:
        if isinstance(item, (requests.exceptions.Timeout, socket.timeout, TimeoutError)) or "Timeout" in type(item).__name__:
            return "timeout", f"timed out: {_short(exc)}"
    for item in chain:
        if isinstance(item, (ConnectionResetError, BrokenPipeError)) or type(item).__name__ in ("RemoteDisconnected", "ProtocolError", "IncompleteRead", "ChunkedEncodingError"):
            return "connection-dropped", f"connection dropped: {_short(exc)}"
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema | requests.exceptions.MissingSchema):
        return "invalid-url", f"invalid URL: {_short(exc)}"
    return "connection-error", f"connection failed: {_short(exc)}"


# getaddrinfo's answers that the name does not exist (the DNS answered); any other failure
# (EAI_AGAIN: no resolver reachable, EAI_FAIL...) says nothing about the name.
NO_SUCH_NAME = frozenset(code for code in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None)) if code is not None)
# The local network cannot reach the address at all (no route, interface down): not the origin's answer.
LOCAL_NETWORK_ERRNOS = frozenset({errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL})
# PySocks' errors: the SOCKS proxy itself failed or relayed a failure.
SOCKS_ERRORS = frozenset({"ProxyConnectionError", "GeneralProxyError", "SOCKS5Error", "SOCKS4Error", "SOCKS5AuthError"})
# Failures of an attempt made through a proxy that are not an HTTP answer: the proxy's word, or
# the proxy's own trouble, never the origin's; reported as `proxy-error`.
PROXIED_NETWORK_REASONS = frozenset({"no-such-host", "dns-failure", "connection-refused", "connection-error", "network-unreachable"})


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def guarded_get(
    session: requests.Session,
    url: str,
    opts: HttpOptions,
    *,
    stream: bool = True,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    deadline: Deadline | None = None,
) -> GuardedResponse:
    """Request `url`, following redirects by hand with the address policy on every hop.

    The final response is left open (stream) for `read_capped`; close it with `.close()`.
    With `stream=False` the body is read (capped) into `response._content` before returning.
    A `deadline` given by the caller (already entered: `with Deadline(s) as d:`) also covers
    reading the body afterwards with `read_capped(response, opts, d)`.
    """
    own_deadline = deadline is None
    deadline = deadline or Deadline(opts.deadline_seconds)
    result = GuardedResponse(url=url, method=method)
    started = time.monotonic()
    try:
        if own_deadline:
            deadline.__enter__()
        _follow(session, result, opts, headers, deadline, stream)
    finally:
        if own_deadline:
            deadline.__exit__(None, None, None)
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
    return result


def _follow(
    session: requests.Session, result: GuardedResponse, opts: HttpOptions, headers: dict[str, str] | None,
    deadline: Deadline, stream: bool,
) -> None:
    """Follow `result.url`'s redirect chain hop by hop, recording every hop, the final response
    (left open unless `stream` is False) or the error in `result`."""
    jar = RequestsCookieJar()  # cookies live for this chain only, matched by domain
    seen: set[tuple[str, str]] = set()
    current, verb = result.url, result.method.upper()
    while True:
        if (verb, current) in seen:
            result.error, result.reason = f"redirect loop back to {current}", "redirect-loop"
            return
        seen.add((verb, current))
        response = _request_hop(session, result, opts, verb, current, headers, jar, deadline)
        if response is None:
            return
        jar.update(response.cookies)
        raw = getattr(response.raw, "headers", None)
        result.hops.append(Hop(url=current, status=response.status_code, headers=_kept_headers(response),
                               reason=response.reason or "", raw_headers=tuple(raw.items()) if raw is not None else ()))
        location = response.headers.get("location")
        if response.status_code in REDIRECT_STATUSES and location:
            _release(response)
            if len(result.hops) > opts.max_redirects:
                result.error, result.reason = f"more than {opts.max_redirects} redirects", "too-many-redirects"
                return
            try:
                current = urljoin(current, location.strip())
            except ValueError:
                result.error, result.reason = f"invalid redirect target {location!r}", "invalid-url"
                return
            if response.status_code == 303 and verb != "HEAD":
                verb = "GET"
            continue
        result.response = response
        if not stream:
            body, _ = read_capped(response, opts, deadline)
            response._content = body  # noqa: SLF001 - requests' own cache of the body
        return


def _request_hop(
    session: requests.Session, result: GuardedResponse, opts: HttpOptions, verb: str, current: str,
    headers: dict[str, str] | None, jar: RequestsCookieJar, deadline: Deadline,
) -> requests.Response | None:
    """One hop's request, with the address policy applied (directly, or left to a configured
    proxy) and the deadline's remaining time; None with the error recorded in `result`."""
    proxy = proxy_for(session, current)
    result.proxied = result.proxied or proxy is not None
    try:
        if proxy is None:
            precheck_url(current, opts.allow_private)
        elif urlsplit(current).scheme.lower() not in ("http", "https"):
            precheck_url(current, True)
        remaining = deadline.remaining()
        if remaining <= 0:
            raise requests.exceptions.Timeout("deadline passed")
        timeout = (min(opts.timeout, remaining), min(opts.timeout, remaining))
        response = _send(session, verb, current, headers, jar, timeout, proxy)
        if deadline.expired:  # headers cut short by the deadline parse as a whole answer
            _release(response)
            raise requests.exceptions.Timeout("deadline passed while reading the headers")
        return response
    except AddressRefused as exc:
        result.error, result.reason = str(exc), exc.reason
    except (requests.exceptions.RequestException, OSError, ValueError) as exc:
        result.reason, result.error = describe_error(exc, deadline)
        if proxy is not None and result.reason in PROXIED_NETWORK_REASONS:
            result.error = f"through the configured proxy: {result.error}"
            result.reason = "proxy-error"
    return None


def _send(
    session: requests.Session, method: str, url: str, headers: dict[str, str] | None, jar: RequestsCookieJar,
    timeout: tuple[float, float], proxy: str | None,
) -> requests.Response:
    """One request through the session's adapter, redirects left to the caller.

    `Session.request` would merge settings, environment and hooks on every call; a checking
    session has none of them to merge (its headers, CA bundle and proxies are fixed when it is
    made), and skipping that work takes about a sixth off the CPU time of a check.
    """
    sent = {k: v for k, v in {**session.headers, **(headers or {})}.items() if v is not None}
    adapter = session.get_adapter(url)
    if proxy is None and not len(jar) and isinstance(adapter, GuardedAdapter) and _sends_itself(adapter) and _plain(url):
        for item in (headers or {}).items():  # the session's own headers were checked when it was made
            if item[1] is not None:
                check_header_validity(item)
        return adapter.send_direct(method, url, sent, timeout, session.verify, session.cert)
    prepared = _prepare(method, url, sent, jar)
    return adapter.send(
        prepared, stream=True, timeout=timeout, verify=session.verify, cert=session.cert,
        proxies={"http": proxy, "https": proxy} if proxy else {},
    )


def _prepare(method: str, url: str, headers: dict[str, str], jar: RequestsCookieJar) -> requests.PreparedRequest:
    """`PreparedRequest.prepare` for what a check sends (GET or HEAD, no body, no hooks), doing
    the cookie and URL-credential steps only when there is something to do: with an empty jar,
    requests still built a jar and a cookie header for every request, a tenth of a check's CPU."""
    prepared = requests.PreparedRequest()
    prepared.prepare_method(method)
    prepared.prepare_url(url, None)
    prepared.prepare_headers(headers)  # validated: a stored ETag goes back as If-None-Match
    prepared.prepare_body(None, None)
    if len(jar):
        prepared.prepare_cookies(jar)
    if "@" in url:  # credentials in the URL (user:password@host) become a Basic header, as in requests
        prepared.prepare_auth(None, url)
    return prepared


def read_capped(response: requests.Response, opts: HttpOptions, deadline: Deadline | None = None) -> tuple[bytes, bool]:
    """(decoded body up to `opts.max_bytes`, truncated?). Never holds more than the cap (+ one chunk).

    Stops at the deadline; a compressed body that inflates past the cap is cut as well.
    """
    chunks: list[bytes] = []
    size, truncated = 0, False
    previous = getattr(_local, "deadline", None)
    if deadline is not None:
        _local.deadline = deadline
        conn = getattr(response.raw, "_connection", None)
        if conn is not None:
            deadline.track(conn)
    try:
        for chunk in response.raw.stream(16384, decode_content=True):
            if deadline is not None and deadline.expired:
                truncated = True
                break
            chunks.append(chunk)
            size += len(chunk)
            if size >= opts.max_bytes:
                truncated = size > opts.max_bytes or bool(response.raw.read(1, decode_content=True))
                break
    except Exception:  # noqa: BLE001 - a body cut short is still data
        truncated = True
    finally:
        _local.deadline = previous
        if truncated or (deadline is not None and deadline.expired):
            response.close()
        else:
            with contextlib.suppress(Exception):
                response.raw.release_conn()
    body = b"".join(chunks)[: opts.max_bytes]
    return body, truncated
