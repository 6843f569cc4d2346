"""Total deadlines for HTTP attempts: one watchdog thread shuts down the sockets of an attempt
that runs past its limit (a slow-drip server cannot hold a worker). Connections made by
`check.http.make_session` register with the deadline of their thread."""

from __future__ import annotations

import contextlib
import heapq
import socket
import threading
import time
from typing import Any


_local = threading.local()


class _Watchdog:
    """One thread that fires every pending deadline on time (cheaper than a Timer per attempt)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._sequence = 0
        self._thread: threading.Thread | None = None

    def schedule(self, deadline: Deadline) -> None:
        with self._cond:
            self._sequence += 1
            heapq.heappush(self._heap, (deadline.expires, self._sequence, deadline))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="citetrack-deadlines", daemon=True)
                self._thread.start()
            if self._heap[0][2] is deadline:
                self._cond.notify()

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                delay = self._heap[0][0] - time.monotonic()
                if delay > 0:
                    self._cond.wait(delay)
                    continue
                deadline = heapq.heappop(self._heap)[2]
                deadline._fire()  # noqa: SLF001


_watchdog = _Watchdog()


class Deadline:
    """A total time limit for one attempt: when it passes, the sockets in use are shut down.

    Connections made by `make_session` register with the deadline of their thread, so a
    server that drips one byte a second cannot hold a worker past the limit.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expires = time.monotonic() + seconds
        self.expired = False
        self.done = False
        self._connections: list[Any] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return max(0.0, self.expires - time.monotonic())

    def track(self, conn: Any) -> None:
        with self._lock:
            self._connections.append(conn)
            if self.expired:
                self._shutdown(conn)

    @staticmethod
    def _shutdown(conn: Any) -> None:
        sock = getattr(conn, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _fire(self) -> None:
        with self._lock:
            if self.done:
                return
            self.expired = True
            for conn in self._connections:
                self._shutdown(conn)

    def __enter__(self) -> Deadline:
        self._previous = getattr(_local, "deadline", None)
        _local.deadline = self
        self.expires = time.monotonic() + self.seconds
        _watchdog.schedule(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _local.deadline = self._previous
        with self._lock:
            self.done = True
            self._connections.clear()


def _track_current(conn: Any) -> None:
    deadline = getattr(_local, "deadline", None)
    if deadline is not None:
        deadline.track(conn)
