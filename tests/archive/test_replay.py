"""The WARC files replay in pywb: every archived cited URL of the bundled example, redirected ones
included, is served from the archive (as README's "Replaying the archive" shows).

pywb is not a dependency of citetrack: it is installed here into a virtual environment kept
between runs (CITETRACK_PYWB_VENV, default <tmp>/citetrack-pywb-venv); the test skips when it
cannot be installed (no registry reachable)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]


def _pywb_bin() -> Path:
    home = Path(os.environ.get("CITETRACK_PYWB_VENV") or Path(tempfile.gettempdir()) / "citetrack-pywb-venv")
    scripts = home / ("Scripts" if sys.platform == "win32" else "bin")
    if not (scripts / "wayback").exists():
        try:
            venv.create(home, with_pip=True)
            done = subprocess.run([str(scripts / "python"), "-m", "pip", "install", "-q", "pywb"],
                                  capture_output=True, text=True, timeout=1200)
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"pywb cannot be installed: {exc}")
        if done.returncode != 0 or not (scripts / "wayback").exists():
            pytest.skip(f"pywb cannot be installed: {done.stderr.strip()[-300:]}")
    return scripts


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory):
    """The bundled example ingested, checked and archived through the demo site (as `make demo`)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from demo_site import DemoSite
    finally:
        sys.path.remove(str(REPO / "scripts"))
    from typer.testing import CliRunner

    from citetrack.cli import app

    db = tmp_path_factory.mktemp("replay") / "citetrack.db"
    site = DemoSite().start()
    runner = CliRunner()
    env = {"HTTP_PROXY": site.proxy_url, "http_proxy": site.proxy_url, "NO_PROXY": "", "no_proxy": ""}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        try:
            for args in (["ingest", str(REPO / "examples" / "river-delta-brief.txt")], ["check", "--dead-after", "1"],
                         ["archive", "--no-wayback", "--json"]):
                result = runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)
                assert result.exit_code in (0, 1), result.output
        finally:
            site.stop()
    import json

    snapshots = json.loads(result.stdout)["snapshots"]
    return db, [s for s in snapshots if s["status"] == "archived"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_listening(server: subprocess.Popen, port: int, log: Path) -> None:
    """Until pywb accepts connections (each try waits on the process for 0.1 s: it may exit)."""
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            try:
                server.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"pywb exited: {log.read_text()[-2000:]}")
    pytest.fail(f"pywb never listened: {log.read_text()[-2000:]}")


@pytest.mark.timeout(1800)  # the first run installs pywb (a few minutes)
def test_pywb_replays_every_archived_cited_url(demo_archive, tmp_path):
    db, snapshots = demo_archive
    assert len(snapshots) >= 4 and any(s["http_status"] == 200 for s in snapshots)
    scripts = _pywb_bin()
    collections = tmp_path / "pywb"
    collections.mkdir()
    run = {"cwd": collections, "capture_output": True, "text": True, "timeout": 300}
    assert subprocess.run([str(scripts / "wb-manager"), "init", "citations"], **run).returncode == 0
    warcs = sorted(str(p) for p in (db.parent / "archive").glob("*.warc.gz"))
    added = subprocess.run([str(scripts / "wb-manager"), "add", "citations", *warcs], **run)
    assert added.returncode == 0, added.stderr
    port = _free_port()
    log = tmp_path / "wayback.log"
    with log.open("w") as sink:
        server = subprocess.Popen([str(scripts / "wayback"), "-b", "127.0.0.1", "-p", str(port)], cwd=collections,
                                  stdout=sink, stderr=subprocess.STDOUT)
    try:
        _wait_listening(server, port, log)
        session = requests.Session()
        session.trust_env = False  # no proxy between us and the local pywb
        replayed = {}
        for snap in snapshots:
            answer = session.get(f"http://127.0.0.1:{port}/citations/2030mp_/{snap['url']}", timeout=60)
            replayed[snap["url"]] = answer.status_code
            if answer.status_code == 200 and snap["title"]:
                assert snap["title"].split(" - ")[0][:20] in answer.text
        assert replayed == {s["url"]: 200 for s in snapshots}
    finally:
        server.kill()
        server.wait()
