"""CI: the whole job with citetrack as a user installed it (a wheel, no extras, a fresh venv).

    python scripts/smoke_install.py --citetrack /tmp/venv/bin/citetrack

Runs ingest, check, archive, every export format and report on the bundled example against
the demo's loopback site (scripts/demo_site.py, reached as an HTTP proxy), in a scratch folder
outside the checkout, and fails (exit 1, saying which step) when a command crashes or an output
is missing or unreadable. Only the standard library here: the installed citetrack is under test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
DOCUMENT = SCRIPTS.parent / "examples" / "river-delta-brief.txt"
FORMATS = {"markdown": "md", "html": "html", "csl-json": "json", "bibtex": "bib", "ris": "ris", "csv": "csv"}
sys.path.insert(0, str(SCRIPTS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citetrack", required=True, help="the installed console script")
    args = parser.parse_args()
    from demo_site import DemoSite

    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="citetrack-smoke-") as scratch:
        work = Path(scratch)
        db = work / "store" / "citetrack.db"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CITETRACK_")}

        def run(*argv: str, ok: tuple[int, ...] = (0, 1)) -> subprocess.CompletedProcess[str]:
            done = subprocess.run([args.citetrack, *argv], cwd=work, env=env, capture_output=True, text=True)
            print(f"$ citetrack {' '.join(argv)}  -> exit {done.returncode}", flush=True)
            if done.returncode not in ok or "Traceback" in done.stderr:
                failures.append(f"`citetrack {' '.join(argv)}` exit {done.returncode}: {done.stderr.strip()[-400:]}")
            return done

        run("--version", ok=(0,))
        run("--db", str(work / "missing.db"), "flags", ok=(2,))
        if (work / "missing.db").exists():
            failures.append("a read on a missing store created it")
        run("--db", str(db), "ingest", str(DOCUMENT), "--published", "2025-03-12", ok=(0,))
        site = DemoSite().start()
        env.update(HTTP_PROXY=site.proxy_url, http_proxy=site.proxy_url, NO_PROXY="", no_proxy="")
        try:
            run("--db", str(db), "check", "--dead-after", "1")
            run("--db", str(db), "archive", "--no-wayback")
        finally:
            site.stop()
        run("--db", str(db), "flags", "--json", ok=(0,))
        for fmt, suffix in FORMATS.items():
            out = work / f"bibliography.{suffix}"
            run("--db", str(db), "export", "--format", fmt, "-o", str(out), ok=(0,))
            if not out.is_file() or out.stat().st_size == 0:
                failures.append(f"export --format {fmt} wrote nothing")
        try:
            items = json.loads((work / "bibliography.json").read_text(encoding="utf-8"))
            if not items or not all(item.get("id") and item.get("title") for item in items):
                failures.append("csl-json items without id or title")
        except (OSError, ValueError) as exc:
            failures.append(f"csl-json unreadable: {exc}")
        if shutil.which("pandoc"):  # the references as pandoc --citeproc prints them (Chicago author-date)
            for suffix in ("json", "bib"):
                done = subprocess.run(
                    ["pandoc", "--citeproc", "--bibliography", str(work / f"bibliography.{suffix}"), "-t", "plain", "--wrap=none"],
                    input='---\nnocite: "@*"\n---\n', capture_output=True, text=True, timeout=120)
                references = [ref for ref in done.stdout.split("\n\n") if ref.strip()]
                print(f"$ pandoc --citeproc bibliography.{suffix}  -> {len(references)} references", flush=True)
                if done.returncode or not references or ".warc" in done.stdout:
                    failures.append(f"pandoc --citeproc on bibliography.{suffix}: exit {done.returncode}, "
                                    f"{len(references)} references, local file named: {'.warc' in done.stdout}")
        run("--db", str(db), "report", "-o", str(work / "report.html"), ok=(0,))
        report = work / "report.html"
        if not report.is_file() or "<svg" not in report.read_text(encoding="utf-8"):
            failures.append("report.html missing or without its chart")
    for failure in failures:
        print(f"smoke: FAILED: {failure}", file=sys.stderr)
    print("smoke: the installed wheel did the whole job" if not failures else f"smoke: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
