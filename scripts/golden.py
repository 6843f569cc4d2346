"""Golden files: every command's JSON (and every export) on the demo store, byte for byte.

The demo store is built as `make demo` builds it: the bundled example brief ingested, its links
checked and archived against the loopback demo site (scripts/demo_site.py), never the internet.
Each command's output, and the schema, is then written to (or, with `--check`, compared with) `tests/golden/`.
Only what a run cannot repeat is normalised: timestamps, today's date, durations and the checkout's path
(`normalise`).

    python scripts/golden.py --write    # regenerate tests/golden/ after an intended change
    python scripts/golden.py --check    # exit 1 and name the files that differ
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
DOCUMENT = REPO / "examples" / "river-delta-brief.txt"
sys.path.insert(0, str(REPO / "scripts"))

from demo_site import DemoSite  # noqa: E402  (the loopback site beside this script)

from citetrack.cli import app  # noqa: E402

# The commands whose output is compared, by golden file name: (arguments, whether to sort lists).
COMMANDS: dict[str, list[str]] = {
    "ingest.json": ["ingest", str(DOCUMENT), "--published", "2025-03-12", "--json"],
    # One link at a time, so flags are raised (and numbered) in the same order on every run.
    "check.json": ["check", "--dead-after", "1", "--concurrency", "1", "--json"],
    "archive.json": ["archive", "--no-wayback", "--json"],
    "documents.json": ["documents", "--json"],
    "claims.json": ["claims", "--json"],
    "citations.json": ["citations", "--json"],
    "flags.json": ["flags", "--json"],
    "flags-all.json": ["flags", "--status", "all", "--json"],
    "status.json": ["status", "--json"],
    "history.json": ["history", "http://www.harbour-gazette.example/news/2024/06/12/water-board-emergency-drawdown",
                     "--json"],
    "show.json": ["show", "1", "--json"],
    "export.csl.json": ["export", "--format", "csl-json"],
    "export.bib": ["export", "--format", "bibtex"],
    "export.ris": ["export", "--format", "ris"],
    "export.csv": ["export", "--format", "csv"],
    "export.md": ["export", "--format", "markdown"],
    "export.html": ["export", "--format", "html"],
}

# Run-dependent values: ISO timestamps, durations, the scratch directory, WARC record ids.
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?")
_DURATION = re.compile(r'("(?:elapsed|duration|seconds|elapsed_seconds|duration_ms|elapsed_ms)"\s*:\s*)[0-9.eE+-]+')
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalise(text: str, scratch: str) -> str:
    """Replace what differs between two runs of the same commands: times, durations, paths, ids."""
    text = text.replace(scratch, "<scratch>")
    text = text.replace(str(REPO), "<repo>")  # the checkout's own path differs between clones
    text = _TIMESTAMP.sub("<time>", text)
    today = dt.date.today()
    for form in (today.isoformat(), today.strftime("%Y%m%d"), today.strftime("%Y/%m/%d")):  # check, archive, RIS
        text = text.replace(form, "<today>")
    # CSL date-parts of today (`[2026, 12, 5]`, one number per line in indented JSON)
    text = re.sub(rf"\b{today.year},(\s*){today.month},(\s*){today.day}(?=\s*\])", r"<year>,\1<month>,\2<day>", text)
    text = re.sub(r"<today> \d\d:\d\d", "<today> <clock>", text)  # "Generated ... on DATE HH:MM UTC"
    text = _DURATION.sub(r"\1<duration>", text)
    return _UUID.sub("<uuid>", text)


def sorted_json(text: str) -> str:
    """`check` finishes links in any order: sort its results by URL so the file is stable."""
    data = json.loads(text)
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data["results"] = sorted(data["results"], key=lambda r: json.dumps(r, sort_keys=True))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def produce(scratch: Path) -> dict[str, str]:
    """Build the demo store in `scratch` and return every command's normalised output by file name."""
    runner = CliRunner()
    database = scratch / "citetrack.db"
    site = DemoSite().start()
    env = {"HTTP_PROXY": site.proxy_url, "http_proxy": site.proxy_url, "NO_PROXY": "", "no_proxy": "",
           "COLUMNS": "140", "CITETRACK_DB": str(database)}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    outputs: dict[str, str] = {}
    try:
        for name, arguments in COMMANDS.items():
            result = runner.invoke(app, ["--db", str(database), "--no-progress", *arguments], env=env)
            if result.exit_code not in (0, 1):
                raise SystemExit(f"golden: `citetrack {' '.join(arguments)}` exited {result.exit_code}: "
                                 f"{result.output[-500:]}")
            text = result.stdout
            if name == "check.json":
                text = sorted_json(text)
            outputs[name] = normalise(text, str(scratch))
        outputs["schema.sql"] = schema(database)
    finally:
        site.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return outputs


def schema(database: Path) -> str:
    """The schema the migrations leave, as SQLite stores it, table by table (a refactor keeps it)."""
    from citetrack.store import open_store

    with open_store(database) as store:
        rows = store.query("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
    return "".join(f"-- {row['type']} {row['name']}\n{row['sql']};\n\n" for row in rows)


def differences(outputs: dict[str, str]) -> list[str]:
    """The golden files whose stored text differs from `outputs` (or that are missing)."""
    return [name for name, text in outputs.items()
            if not (GOLDEN / name).exists() or (GOLDEN / name).read_text(encoding="utf-8") != text]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="regenerate tests/golden/")
    mode.add_argument("--check", action="store_true", help="compare with tests/golden/")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        outputs = produce(Path(scratch))
    if options.write:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, text in outputs.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"golden: wrote {len(outputs)} files to {GOLDEN}")
        return 0
    changed = differences(outputs)
    for name in changed:
        print(f"golden: {name} differs", file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
