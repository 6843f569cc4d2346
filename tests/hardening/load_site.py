"""A loopback load site: one asyncio server listening on many addresses 127.0.10.1, 127.0.10.2, ...
(one per simulated host, same port), counting requests in flight and open connections per host.

Linux routes all of 127.0.0.0/8 to the loopback interface, so binding a thousand addresses
needs no setup. Pages under /u/ answer 200 with a small HTML page; anything else is a 404 (the
checker's soft-404 probes land there).
"""

from __future__ import annotations

import asyncio
import collections
import socket
import threading


def host_address(index: int) -> str:
    return f"127.0.{10 + index // 250}.{1 + index % 250}"


class LoadSite:
    def __init__(self, hosts: int, latency_ms: float = 5.0):
        self.addresses = [host_address(i) for i in range(hosts)]
        self.latency = latency_ms / 1000
        self.port = 0
        self.requests = 0
        self.inflight: collections.Counter[str] = collections.Counter()
        self.max_inflight: collections.Counter[str] = collections.Counter()
        self.connections: collections.Counter[str] = collections.Counter()
        self.max_connections: collections.Counter[str] = collections.Counter()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.servers: list[asyncio.base_events.Server] = []
        self.ready = threading.Event()

    def url(self, host: int, path: str) -> str:
        return f"http://{self.addresses[host]}:{self.port}{path}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        local = writer.get_extra_info("sockname")[0]
        self.connections[local] += 1
        self.max_connections[local] = max(self.max_connections[local], self.connections[local])
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, path = head.split(b" ", 2)[:2]
                self.inflight[local] += 1
                self.max_inflight[local] = max(self.max_inflight[local], self.inflight[local])
                try:
                    await asyncio.sleep(self.latency)
                    if path.startswith(b"/u/"):
                        body = b"<html><head><title>Page " + path + b"</title></head><body><p>Load page " \
                            + path + b" with a little text to read.</p></body></html>"
                        status = b"200 OK"
                    else:
                        body, status = b"<title>Not found</title>", b"404 Not Found"
                    writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: text/html\r\nContent-Length: "
                                 + str(len(body)).encode() + b"\r\n\r\n" + (b"" if method == b"HEAD" else body))
                    await writer.drain()
                    self.requests += 1
                finally:
                    self.inflight[local] -= 1
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            self.connections[local] -= 1
            writer.close()

    async def _start(self) -> None:
        for attempt in range(20):
            probe = socket.socket()
            probe.bind((self.addresses[0], 0))
            self.port = probe.getsockname()[1]
            probe.close()
            try:
                for address in self.addresses:
                    self.servers.append(await asyncio.start_server(self._handle, address, self.port, backlog=512))
                return
            except OSError:
                for server in self.servers:
                    server.close()
                self.servers.clear()
        raise OSError("no common free port for the load site")

    def start(self) -> LoadSite:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=60)
        return self

    def stop(self) -> None:
        async def close() -> None:
            for server in self.servers:
                server.close()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    def __enter__(self) -> LoadSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
