"""Precision and recall of the archive rules on an evaluation corpus of our own pages.

Each case of corpus/cases.json is a page served by the loopback site, the citation that cites
it, an optional claim, and the archive flags expected; each rule must reach 0.9 precision and
0.9 recall. The `changes` cases archive a page twice and expect content-changed or not.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from citetrack.workflows.archive import ArchiveOptions, archive_sources

CORPUS = Path(__file__).resolve().parent / "corpus"
RULES = ("misdated", "title-mismatch", "outlet-mismatch", "unsupported-claim")
FLOOR = 0.9
LOCAL = ArchiveOptions(allow_private=True, wayback=False)


def _page_body(page: dict, kit) -> str:
    if "file" in page:
        return (CORPUS / page["file"]).read_text(encoding="utf-8")
    extra = {"published": page.get("published")}
    if "site_name" in page:
        extra["site_name"] = page["site_name"]
    if "title_suffix" in page:
        extra["title_suffix"] = page["title_suffix"]
    return kit.article(page["title"], page["text"], **extra)


def _scores(expected: dict[str, set[str]], found: dict[str, set[str]]) -> dict[str, tuple[float, float, Counter]]:
    out = {}
    for rule in RULES:
        tally = Counter()
        for case, kinds in expected.items():
            want, got = rule in kinds, rule in found.get(case, set())
            tally["tp" if want and got else "fp" if got else "fn" if want else "tn"] += 1
        precision = tally["tp"] / (tally["tp"] + tally["fp"]) if tally["tp"] + tally["fp"] else 1.0
        recall = tally["tp"] / (tally["tp"] + tally["fn"]) if tally["tp"] + tally["fn"] else 1.0
        out[rule] = (precision, recall, tally)
    return out


def test_source_rules_precision_recall(store, site, kit):
    cases = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))["cases"]
    citations, claims, expected = [], [], {}
    for number, case in enumerate(cases, 1):
        path = f"/case/{case['id']}"
        site.pages[path] = kit.Page(_page_body(case["page"], kit))
        citations.append({**case["citation"], "footnote": str(number), "urls": [site.url(path)]})
        if case.get("claim"):
            claims.append({"text": case["claim"], "labels": [str(number)]})
        expected[str(number)] = set(case["expect"])
    kit.add_document(store, citations, claims)
    archive_sources(store, LOCAL)
    found: dict[str, set[str]] = {}
    for row in store.query("SELECT footnote, kind FROM flags WHERE origin = 'archive' AND status = 'open'"):
        found.setdefault(row["footnote"], set()).add(row["kind"])
    scores = _scores(expected, found)
    names = {str(n): c["id"] for n, c in enumerate(cases, 1)}
    wrong = {names[k]: (sorted(expected[k]), sorted(found.get(k, set()))) for k in expected
             if expected[k] != found.get(k, set())}
    for rule, (precision, recall, tally) in scores.items():
        assert precision >= FLOOR and recall >= FLOOR, (rule, precision, recall, dict(tally), wrong)
        assert tally["tp"] >= 3, (rule, "too few positive cases to measure")


def test_content_changed_precision_recall(store, site, kit):
    changes = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))["changes"]
    citations = []
    for number, case in enumerate(changes, 1):
        site.pages[f"/change/{case['id']}"] = kit.Page(kit.article(f"Story {case['id']}", case["before"]))
        citations.append({"footnote": str(number), "urls": [site.url(f"/change/{case['id']}")]})
    kit.add_document(store, citations)
    archive_sources(store, LOCAL)
    for case in changes:
        site.pages[f"/change/{case['id']}"] = kit.Page(kit.article(f"Story {case['id']}", case["after"]))
    archive_sources(store, LOCAL)
    flagged = {row["url"].rsplit("/", 1)[1] for row in store.query(
        "SELECT url FROM flags WHERE kind = 'content-changed' AND status = 'open'")}
    expected = {case["id"] for case in changes if case["expect"]}
    tp = len(flagged & expected)
    assert tp / max(len(flagged), 1) >= FLOOR and tp / len(expected) >= FLOOR, (flagged, expected)
    evidence = json.loads(store.query(
        "SELECT evidence FROM flags WHERE kind = 'content-changed' AND url LIKE '%rewritten'")[0]["evidence"])
    assert evidence["change"] >= 0.3 and any(line.startswith("+") for line in evidence["diff"])
