"""A minimal SOCKS5 proxy on 127.0.0.1 for tests: no authentication, CONNECT only.

Every destination asked for is recorded (a name when the client lets the proxy resolve, as
with `socks5h://`) and sent to the address `route` gives for it, so a test can stand any host
name or address in for a fixture server on loopback.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from collections.abc import Callable


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        client: socket.socket = self.request
        proxy: SocksProxy = self.server.proxy  # type: ignore[attr-defined]
        try:
            destination = _handshake(client)
        except (OSError, ValueError):
            return
        proxy.destinations.append(destination)
        try:
            upstream = socket.create_connection(proxy.route(destination), timeout=5)
        except OSError:
            client.sendall(b"\x05\x05\x00\x01" + bytes(6))  # connection refused
            return
        client.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", 0))
        with upstream:
            pump = threading.Thread(target=_relay, args=(upstream, client), daemon=True)
            pump.start()
            _relay(client, upstream)
            pump.join(timeout=5)


def _read(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ValueError("client went away")
        data += chunk
    return data


def _handshake(client: socket.socket) -> tuple[str, int]:
    """Greeting, then CONNECT: the (host, port) the client asks for."""
    version, methods = _read(client, 2)
    _read(client, methods)
    if version != 5:
        raise ValueError("not SOCKS5")
    client.sendall(b"\x05\x00")  # no authentication
    _version, command, _reserved, kind = _read(client, 4)
    if kind == 1:
        host = socket.inet_ntoa(_read(client, 4))
    elif kind == 3:
        host = _read(client, _read(client, 1)[0]).decode("idna")
    elif kind == 4:
        host = socket.inet_ntop(socket.AF_INET6, _read(client, 16))
    else:
        raise ValueError("unknown address type")
    (port,) = struct.unpack("!H", _read(client, 2))
    if command != 1:
        raise ValueError("only CONNECT")
    return host, port


def _relay(source: socket.socket, target: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SocksProxy:
    """`with SocksProxy(route) as proxy:` then `proxy.url` (socks5h://127.0.0.1:PORT)."""

    def __init__(self, route: Callable[[tuple[str, int]], tuple[str, int]] = lambda destination: destination):
        self.route = route
        self.destinations: list[tuple[str, int]] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.proxy = self  # type: ignore[attr-defined]
        self.url = f"socks5h://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> SocksProxy:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
