"""Helpers of the hardening suite: hypothesis settings, hostile-document strategies, the CLI
in-process and as a subprocess, a logical fingerprint of a store, and the figures recorder."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "river-delta-brief.txt"
SLOW = os.environ.get("CITETRACK_SLOW", "") not in ("", "0")

# Property tests: ~50 examples in CI, many more on demand (CITETRACK_SLOW=1).
EXAMPLES = int(os.environ.get("CITETRACK_HYPOTHESIS_EXAMPLES") or (400 if SLOW else 40))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not SLOW,  # CI runs the same examples every time; the long run explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


# ------------------------------------------------------------------ figures


class FiguresRecorder:
    """Appends measured figures to a JSON-lines file that scripts/hardening.py reads."""

    def __init__(self, path: str | None):
        self.path = path

    def add(self, name: str, value: float, how: str = "sum") -> None:
        """`how`: sum (counts add up over tests), max (peaks), min."""
        if not self.path:
            return
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"name": name, "value": value, "how": how}) + "\n")


# ------------------------------------------------------------------ the store


def store_fingerprint(db: Path) -> str | None:
    """A hash of the store's logical content (schema and rows), or None when there is no file.

    Logical, not the file's bytes: a WAL checkpoint may rewrite the file without changing data.
    """
    if not db.exists():
        return None
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(str(db), timeout=30)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(str(db), timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# ------------------------------------------------------------------ the command line


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    def assert_clean_failure(self) -> None:
        """Exit 2 with exactly one non-empty line on stderr, and no traceback."""
        assert self.exit_code == 2, (self.exit_code, self.stderr[-2000:])
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one line on stderr, got: {self.stderr[:2000]!r}"
        assert "Traceback" not in self.stderr


def run_cli(db: Path, *args: str, input: str | None = None) -> Outcome:
    """The CLI in this process (fast); an exception escaping it fails the test."""
    from typer.testing import CliRunner

    from citetrack.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), *args], input=input, catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)


def citetrack_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "citetrack", *args]


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    env.update({"NO_PROXY": "*", "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update(extra)
    return env


def run_cli_process(db: Path, *args: str, timeout: float = 120, env: dict | None = None) -> Outcome:
    """The CLI as a real process, the way a user runs it."""
    done = subprocess.run(
        citetrack_argv("--db", str(db), *args), capture_output=True, text=True, timeout=timeout,
        env=env or subprocess_env(), cwd=str(REPO),
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


# ------------------------------------------------------------------ hostile documents

CONTROL = st.characters(min_codepoint=0, max_codepoint=31)
ANY_CHAR = st.characters(exclude_categories=("Cs",))  # every code point UTF-8 can carry
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def _superscript(n: int) -> str:
    return "".join(SUPERSCRIPTS[int(d)] for d in str(n))


labels = st.one_of(st.integers(0, 10**6).map(str), st.text("abcxyz*†‡", min_size=1, max_size=3), st.text(ANY_CHAR, min_size=1, max_size=4))

markers = st.one_of(
    labels.map(lambda s: f"[^{s}]"),
    st.integers(0, 99999).map(_superscript),
    labels.map(lambda s: f"<sup>{s}</sup>"),
    labels.map(lambda s: f'<sup><a href="#fn{s}">{s}</a></sup>'),
    st.integers(0, 500).map(str),
)

hosts = st.one_of(
    st.from_regex(r"[a-z0-9-]{1,20}(\.[a-z0-9-]{1,12}){0,3}\.[a-z]{2,6}", fullmatch=True),
    st.sampled_from(["127.0.0.1", "[::1]", "2130706433", "0x7f000001", "[::ffff:127.0.0.1]", "169.254.169.254",
                     "xn--bcher-kva.example", "bücher.example", "localhost", "a..b", "-x-.example", ""]),
)
url_paths = st.one_of(
    st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF, exclude_characters="<>"), max_size=60),
    st.integers(1000, 100_000).map(lambda n: "a/" * (n // 2)),  # up to 100 KB
)
urls = st.builds(
    lambda scheme, host, path: f"{scheme}{host}/{path}",
    st.sampled_from(["http://", "https://", "htps://", "javascript:", "file://", "gopher://", "ftp://", "http:/", "HTTP://", "//"]),
    hosts,
    url_paths,
)

notes = st.one_of(
    st.builds(lambda label, text, url, date: f"{label} {text}, \"{text}\", {date}. {url}",
              labels, st.text(ANY_CHAR, max_size=40), urls,
              st.sampled_from(["12.06.2024", "31.02.2023", "2024-13-45", "June 12, 2024", "99999999", ""])),
    st.builds(lambda label, text: f"[^{label}]: {text}", labels, st.text(ANY_CHAR, max_size=80)),
    st.builds(lambda label, url: f'<li id="fn{label}"><a href="{url}">{label}</a></li>', labels, urls),
)

sentences = st.builds(
    lambda words, mark: f"{words}.{mark}",
    st.text(ANY_CHAR, min_size=0, max_size=80),
    st.one_of(st.just(""), markers),
)

junk = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.text(CONTROL, min_size=1, max_size=20),
    st.sampled_from(["<div>", "</div>", "<sup>", "</sup>", "<script>alert(1)</script>", "<!--", "-->", "<![CDATA[",
                     "&#0;", "&#xD800;", "&bogus;", "\u202e", "\ufeff", "\x00", "\r", "\f", "\v", "\u2028", "```", "    ",
                     "[^", "]:", "<a href='javascript:alert(1)'>", "<?xml version='1.0'?>", "<!DOCTYPE html>"]),
)

documents = st.lists(st.one_of(sentences, notes, junk, urls), min_size=0, max_size=40).map("\n".join)


# ------------------------------------------------------------------ the network: this machine only

HOSTS_FILE_NAMES = {"localhost", "runsc", "vm"}  # names /etc/hosts maps to loopback here
FAKE_DNS = {  # names the tests resolve themselves: never asked of a real resolver
    "rebind.hardening.test": ["127.0.0.1"],
    "metadata.hardening.test": ["169.254.169.254"],
    "v6loop.hardening.test": ["::1"],
    "mixed.hardening.test": ["203.0.113.7", "127.0.0.1"],  # a public address and a private one
    "private.hardening.test": ["10.1.2.3"],
}


def confine_network(monkeypatch, connects: list | None = None) -> list:
    """In this process: resolve only FAKE_DNS, /etc/hosts names and numeric hosts (no DNS query
    ever leaves the machine), refuse any connection outside loopback, record every connect."""
    import ipaddress
    import socket

    from citetrack.check import guard

    connects = [] if connects is None else connects
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def local_dns(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else (host or "")
        try:
            ipaddress.ip_address(name.strip("[]").split("%", 1)[0])
            return real_getaddrinfo(host, port, *args, **kwargs)
        except ValueError:
            pass
        key = name.lower().rstrip(".")
        if key in FAKE_DNS:
            out = []
            for address in FAKE_DNS[key]:
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                sockaddr = (address, port or 80, 0, 0) if family == socket.AF_INET6 else (address, port or 80)
                out.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
            return out
        if key in HOSTS_FILE_NAMES:
            return real_getaddrinfo(key, port, *args, **kwargs)  # answered from /etc/hosts: no DNS
        if guard.literal_address(name) is not None:
            return real_getaddrinfo(host, port, *args, **kwargs)  # a numeric form (2130706433): no DNS
        raise socket.gaierror(socket.EAI_NONAME, f"tripwire: {name!r} is not looked up in tests")

    def confined_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            connects.append(address)
            ip = ipaddress.ip_address(str(address[0]).split("%", 1)[0])
            if not ip.is_loopback:
                raise ConnectionRefusedError(f"tripwire: no connection leaves this machine ({address[0]})")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", local_dns)
    monkeypatch.setattr(socket.socket, "connect", confined_connect)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    return connects


# ------------------------------------------------------------------ a process's own peak memory


@dataclass
class Measured:
    exit_code: int
    stdout: str
    stderr: str
    peak_mb: float  # the process's own high-water RSS (VmHWM), not inherited from the parent
    seconds: float
    child_peak_mb: float = 0.0  # the largest VmHWM of its child processes (the parser worker)


def run_measured(argv: list[str], timeout: float = 1800) -> Measured:
    """Run a command, polling /proc/<pid>/status for VmHWM until it exits.

    Not getrusage: on Linux a child's ru_maxrss keeps the RSS it had when forked from this
    (large) pytest process, so it would report pytest's size, not the command's.
    """
    import tempfile
    import threading
    import time

    peak_kb = 0
    child_kb = 0

    def hwm(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def children(pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as listed:
                return [int(x) for x in listed.read().split()]
        except (OSError, ValueError):
            return []

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        process = subprocess.Popen(argv, stdout=out, stderr=err, text=True, env=subprocess_env(), cwd=str(REPO))
        status_path = f"/proc/{process.pid}/status"
        stop = threading.Event()

        def poll() -> None:
            nonlocal peak_kb, child_kb
            while not stop.is_set():
                for child in children(process.pid):
                    child_kb = max(child_kb, hwm(child))
                try:
                    with open(status_path) as status:
                        for line in status:
                            if line.startswith("VmHWM:"):
                                peak_kb = max(peak_kb, int(line.split()[1]))
                except (OSError, ValueError):
                    pass
                stop.wait(0.02)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            process.wait(timeout=timeout)
        finally:
            stop.set()
            poller.join()
            if process.poll() is None:
                process.kill()
                process.wait()
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Measured(process.returncode, out.read(), err.read(), peak_kb / 1024, seconds, child_kb / 1024)
