"""`make demo`: the whole pipeline on the bundled example, end to end, on this machine only.

The example brief cites pages of fictional sites (`*.example`); a loopback fixture site serves
them, reached as an HTTP proxy (HTTP_PROXY), so the demo never leaves 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "demo-out"
DOCUMENT = REPO / "examples" / "river-delta-brief.txt"
sys.path.insert(0, str(REPO / "scripts"))


def run(*args: str, env: dict[str, str], check: bool = True) -> int:
    """Run one citetrack command, echoing it as a user would type it."""
    print(f"\n$ citetrack {' '.join(args)}", flush=True)
    done = subprocess.run([sys.executable, "-m", "citetrack", *args], env=env)
    if check and done.returncode not in (0, 1):
        sys.exit(f"demo: `citetrack {' '.join(args)}` failed with exit code {done.returncode}")
    return done.returncode


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    env = {**os.environ, "CITETRACK_DB": str(OUT / "citetrack.db"), "COLUMNS": "140"}
    run("ingest", str(DOCUMENT), "--published", "2025-03-12", env=env)
    run("claims", env=env)
    run("citations", env=env)
    run("flags", env=env)
    site = None
    try:
        from demo_site import DemoSite  # the loopback fixture site (scripts/demo_site.py)
    except ImportError:
        DemoSite = None
    if DemoSite is not None:
        site = DemoSite().start()
        env.update(HTTP_PROXY=site.proxy_url, http_proxy=site.proxy_url, NO_PROXY="", no_proxy="")
        try:
            run("check", "--dead-after", "1", env=env)
            run("status", env=env, check=False)
            run("archive", "--no-wayback", env=env, check=False)
            run("flags", env=env)
        finally:
            site.stop()
    run("export", "--format", "markdown", "-o", str(OUT / "bibliography.md"), env=env, check=False)
    run("export", "--format", "html", "-o", str(OUT / "bibliography.html"), env=env, check=False)
    run("report", "-o", str(OUT / "report.html"), env=env, check=False)
    print(f"\nDemo outputs in {OUT}: citetrack.db, archive/, bibliography.md, bibliography.html, report.html")
    print(f"\nReview them in the browser (or `make serve`):\n  {Path(sys.executable).parent / 'citetrack'} --db {OUT / 'citetrack.db'} serve")


if __name__ == "__main__":
    main()
