"""Run one parser on outside input in a worker process held to a time and memory budget.

A hostile page can keep an HTML or PDF parser busy for minutes (one tag with 500,000
attributes, one 70 MB content stream shared by 20,000 pages) or make it take gigabytes. The
parsers have no such bounds of their own, so the work runs in a child process: the child's
address space is capped (where the platform allows, `resource.RLIMIT_AS`) and the parent stops
waiting, kills it and starts a fresh one when the time budget is spent. The caller gets the
answer or a `BudgetExceeded` naming which budget ran out; the run goes on with the next page.

The worker is a plain `python -m citetrack.archive.sandbox` talking pickles over its standard
input and output (the same on POSIX and Windows, and independent of how the parent was started);
it is started on first use and kept for the life of the process (`shared(max_bytes)`), so a run,
or a test suite, pays its start-up once and again only after a kill.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

_HEADER = struct.Struct(">Q")
log = logging.getLogger(__name__)


class BudgetExceeded(Exception):
    """The work ran out of its `budget`: "timeout" or "memory" (or "crash": the worker died)."""

    def __init__(self, budget: str, message: str):
        super().__init__(message)
        self.budget = budget


def _send(stream, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the worker closed its pipe")
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the worker closed its pipe")
    return pickle.loads(data)  # noqa: S301 - our own worker's answer, pickled by our code


def _limit_memory(max_bytes: int) -> None:
    if max_bytes <= 0:
        return
    try:
        import resource  # POSIX only: on Windows the time budget alone holds
    except ImportError:  # pragma: no cover - Windows
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ValueError, OSError):  # pragma: no cover - a hard limit already lower
        pass


def serve(max_bytes: int) -> None:
    """The worker's loop: (module, function, args) in, ("ok", value) or ("error"/"memory", text) out."""
    _limit_memory(max_bytes)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a library that prints must not corrupt the pipe
    for module in PRELOAD:  # loaded before the first job, so that the budget is the parser's alone
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001,S112 - the job itself will say what is missing
            continue
    _send(sink, ("ready", None))
    while True:
        try:
            job = _receive(source)
        except (EOFError, OSError):
            return
        if job is None:
            return
        module, name, args = job
        try:
            answer = ("ok", getattr(importlib.import_module(module), name)(*args))
        except MemoryError:
            answer = ("memory", "over the memory budget")
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which decides
            answer = ("error", f"{type(exc).__name__}: {exc}"[:500])
        try:
            _send(sink, answer)
        except MemoryError:
            _send(sink, ("memory", "over the memory budget"))


# Modules the worker imports before its first job (bs4, lxml, trafilatura and htmldate take about
# a second to load; that is start-up, not the page's time).
PRELOAD = ["citetrack.archive.extract", "bs4", "lxml.html", "trafilatura", "htmldate", "pypdf"]


class Sandbox:
    """A reusable worker process: `call("pkg.module", "function", *args, seconds=...)`.

    Arguments and results cross a pipe (pickled): pass bytes and plain data, get plain data.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._process: subprocess.Popen | None = None
        self._answers: queue.Queue = queue.Queue()
        self._lock = threading.Lock()

    def _start(self) -> None:
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "citetrack.archive.sandbox", str(self.max_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        answers: queue.Queue = queue.Queue()
        self._answers = answers
        stream = self._process.stdout

        def read() -> None:  # a thread per worker: waiting with a timeout works on every platform
            while True:
                try:
                    answers.put(_receive(stream))
                except Exception:  # noqa: BLE001 - the worker is gone
                    answers.put(None)
                    return

        def relay(errors=self._process.stderr) -> None:  # the parsers' warnings: logged (-v), not printed
            for line in errors:
                log.debug("parser: %s", line.decode("utf-8", "replace").rstrip())

        threading.Thread(target=read, name="citetrack-parser-pipe", daemon=True).start()
        threading.Thread(target=relay, name="citetrack-parser-log", daemon=True).start()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            try:
                stream.close()
            except OSError:  # pragma: no cover
                pass

    def call(self, module: str, function: str, *args: Any, seconds: float) -> Any:
        """`module.function(*args)` in the worker; BudgetExceeded when it takes longer than
        `seconds`, runs out of memory or dies (the worker is then replaced); other errors of
        the function come back as RuntimeError."""
        with self._lock:
            if self._process is None:
                self._start()
                ready = self._answers.get()  # start-up is not the page's time
                if ready is None:
                    self._stop()
                    raise BudgetExceeded("crash", "the parser process did not start")
            try:
                _send(self._process.stdin, (module, function, args))
                answer = self._answers.get(timeout=seconds)
            except queue.Empty:
                self._stop()
                raise BudgetExceeded("timeout", f"not parsed within the {seconds:g} s budget") from None
            except OSError:
                answer = None
            if answer is None:
                self._stop()
                raise BudgetExceeded("memory", "the parser process died (over its memory budget)")
            status, value = answer
            if status == "ok":
                return value
            if status == "memory":
                self._stop()  # a process that ran out of memory is not trusted with the next page
                raise BudgetExceeded("memory", f"over the {self.max_bytes // (1024 * 1024)} MB memory budget")
            raise RuntimeError(value)

    def close(self) -> None:
        with self._lock:
            process = self._process
            if process is not None and process.poll() is None:
                try:
                    _send(process.stdin, None)
                    process.wait(timeout=2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self._stop()


_shared: dict[int, Sandbox] = {}


def shared(max_bytes: int) -> Sandbox:
    """The process's worker with this memory budget (started on first call, stopped at exit)."""
    if max_bytes not in _shared:
        _shared[max_bytes] = Sandbox(max_bytes)
        atexit.register(_shared[max_bytes].close)
    return _shared[max_bytes]


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
