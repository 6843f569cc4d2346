"""Address policy: which URLs and resolved addresses a check may connect to directly.

Without `allow_private`, loopback, private, link-local, shared, reserved, multicast and
unspecified addresses are refused (IPv4 and IPv6, IPv4-mapped/-compatible and 6to4/NAT64
forms included). The policy is applied to the address a socket actually connects to (see
`check.http`, which resolves, checks and connects to the same address: no DNS rebinding gap),
and `precheck_url` gives an early, clear refusal for schemes and literal addresses.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https")

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SIXTOFOUR = ipaddress.ip_network("2002::/16")


class AddressRefused(OSError):
    """A connection the address policy forbids; `reason` is a machine key for the result."""

    def __init__(self, message: str, reason: str = "private-address"):
        super().__init__(message)
        self.reason = reason


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, compatible, 6to4, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    packed = int(ip)
    if packed >> 32 == 0 and packed > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(packed)
    return None


def forbidden_reason(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a direct connection to this IP is refused ("loopback", "private"...), or None if public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            why = forbidden_reason(inner)
            return f"{why} (embedded in {ip})" if why else None
    for attribute, why in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_unspecified", "unspecified"),
        ("is_private", "private"),
        ("is_reserved", "reserved"),
    ):
        if getattr(ip, attribute):
            return why
    if not ip.is_global:
        return "not globally routable"
    return None


def check_address(host: str, address: str, allow_private: bool) -> None:
    """Raise AddressRefused when `host` resolved to `address` must not be connected to."""
    if allow_private:
        return
    why = forbidden_reason(address)
    if why:
        shown = address if host == address else f"{host} resolves to {address}"
        raise AddressRefused(f"refused: {shown}, a {why} address (use --allow-private to check it)")


def literal_address(host: str) -> str | None:
    """The IP a host name spells literally, in any form the C resolver accepts (decimal, hex, octal)."""
    host = host.strip("[]")
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        pass
    if host and all(part.isalnum() for part in host.split(".")) and not any(c.isalpha() and c not in "xXabcdefABCDEF" for c in host):
        try:
            return socket.inet_ntoa(socket.inet_aton(host))  # 2130706433, 0x7f000001, 0177.0.0.1
        except OSError:
            return None
    return None


def precheck_url(url: str, allow_private: bool) -> None:
    """Refuse a URL before any network use: scheme, missing host, literal forbidden address."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        raise AddressRefused(f"invalid URL: {exc}", "invalid-url") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise AddressRefused(f"unsupported scheme {parts.scheme or '(none)'!r}: only http and https are checked", "unsupported-scheme")
    host = parts.hostname
    if not host:
        raise AddressRefused("invalid URL: no host", "invalid-url")
    if allow_private:
        return  # every address may be checked: no need to read the host as one
    literal = literal_address(host)
    if literal is not None:
        check_address(host, literal, allow_private)


def resolve_allowed(host: str, port: int, allow_private: bool, family: int = socket.AF_UNSPEC) -> list[tuple]:
    """getaddrinfo results for host:port, refusing the host if ANY address is forbidden.

    Refusing on any (not only the first) closes the trick of a name that resolves to both a
    public and a private address. Raises socket.gaierror when the name does not resolve.
    """
    infos = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
    for info in infos:
        check_address(host, info[4][0], allow_private)
    return infos
