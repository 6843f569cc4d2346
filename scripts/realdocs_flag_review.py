"""Wrong flags per 100 notes on ../shared/real-docs, per format, from a kept scorer run.

    REALDOCS_KEEP=1 python3 ../shared/real-docs/score.py run --tool .venv/bin/citetrack
    python3 scripts/realdocs_flag_review.py /tmp/citetrack-realdocs-XXXX/flags.json

Each error and warning flag of the run is looked up in tests/realdocs/judged_flags.json (the
verdicts of a reviewer who read every flag): right, wrong, or not judged yet (listed, to judge).
Prints one line per format: flags, right, wrong, unjudged, and wrong per 100 notes.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "realdocs" / "judged_flags.json"
TRUTH = ROOT.parent / "shared" / "real-docs" / "truth.json"


def main(flags_path: str) -> int:
    flags = json.loads(Path(flags_path).read_text(encoding="utf-8"))
    verdicts = {
        (entry["document"], entry["kind"], entry["footnote"]): entry["verdict"]
        for entry in json.loads(TABLE.read_text(encoding="utf-8"))["flags"]
    }
    notes = sum(len(doc["notes"]) for doc in json.loads(TRUTH.read_text(encoding="utf-8"))["documents"].values())
    tally: dict[str, Counter] = {}
    unjudged = []
    for flag in flags:
        if flag["severity"] == "info":
            continue
        verdict = verdicts.get((flag["document"], flag["kind"], flag["footnote"]), "unjudged")
        tally.setdefault(flag["format"], Counter())[verdict] += 1
        if verdict == "unjudged":
            unjudged.append(f"  {flag['format']} {flag['document']} {flag['kind']} note {flag['footnote']}: {flag['message']}")
    print(f"{'format':7} {'flags':>6} {'right':>6} {'wrong':>6} {'unjudged':>9} {'wrong/100 notes':>16}  ({notes} notes)")
    for fmt, count in tally.items():
        total = sum(count.values())
        print(f"{fmt:7} {total:6} {count['right']:6} {count['wrong']:6} {count['unjudged']:9} {count['wrong'] * 100 / notes:16.2f}")
    if unjudged:
        print("not judged yet:")
        print("\n".join(unjudged[:50]))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
