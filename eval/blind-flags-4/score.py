#!/usr/bin/env python3
"""Score citetrack's no-network flags against expected.json (blind-flags-4).

Usage: python3 score.py --tool /path/to/citetrack --tag NAME

For each document listed in expected.json (files beside this script), a fresh
temporary store is made, then:
    citetrack --db <tmp>.db ingest <file> --published <date> --json
    citetrack --db <tmp>.db flags --status all --json
The tool's error and warning flags are matched against the expected error and
warning flags by (document, kind, footnote label), one to one. Info flags are
scored separately: an expected info flag matches a tool info flag of the same
kind whose footnote is the expected label or one of `also_footnotes`, or whose
footnote is null and whose url is the expected url.
Details go to result-<tag>.json beside this script.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def norm_label(x):
    return None if x is None else str(x)


def match_main(expected, got):
    """One-to-one match by (kind, footnote). Returns tp, fp, fn lists."""
    remaining = list(got)
    tp, fn = [], []
    for e in expected:
        key = (e["kind"], norm_label(e["footnote"]))
        hit = next((g for g in remaining if (g["kind"], norm_label(g.get("footnote"))) == key), None)
        if hit is not None:
            remaining.remove(hit)
            tp.append({"expected": e, "tool": hit, "severity_agrees": hit.get("severity") == e["severity"]})
        else:
            fn.append(e)
    return tp, remaining, fn


def match_info(expected, got):
    remaining = list(got)
    tp, fn = [], []
    for e in expected:
        labels = {norm_label(e["footnote"])} | {norm_label(x) for x in e.get("also_footnotes", [])}
        def ok(g):
            if g["kind"] != e["kind"]:
                return False
            lab = norm_label(g.get("footnote"))
            if lab is not None:
                return lab in labels
            return bool(e.get("url")) and g.get("url") == e.get("url")
        hit = next((g for g in remaining if ok(g)), None)
        if hit is not None:
            remaining.remove(hit)
            tp.append({"expected": e, "tool": hit})
        else:
            fn.append(e)
    return tp, remaining, fn


def slim(f):
    return {k: f.get(k) for k in ("kind", "severity", "footnote", "url", "message", "evidence")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--expected", default=os.path.join(HERE, "expected.json"))
    args = ap.parse_args()

    with open(args.expected, encoding="utf-8") as fh:
        expected = json.load(fh)

    details = {"tool": args.tool, "tag": args.tag, "documents": {}}
    tot = Counter()
    itot = Counter()
    rows = []
    with tempfile.TemporaryDirectory(prefix="blind-flags-4-") as tmp:
        for name, spec in expected.items():
            path = os.path.join(HERE, name)
            db = os.path.join(tmp, name + ".db")  # one store per file: a PDF and its text share a stem
            doc = {"published": spec["published"]}
            rc, out, err = run([args.tool, "--db", db, "ingest", path, "--published", spec["published"], "--json"])
            doc["ingest_rc"] = rc
            try:
                doc["ingest"] = json.loads(out) if out.strip() else None
            except json.JSONDecodeError:
                doc["ingest"] = None
                doc["ingest_stdout"] = out[-2000:]
            if rc != 0:
                doc["ingest_stderr"] = err[-2000:]
            flags = []
            if rc == 0:
                rc2, out2, err2 = run([args.tool, "--db", db, "flags", "--status", "all", "--json"])
                doc["flags_rc"] = rc2
                try:
                    flags = json.loads(out2)
                except json.JSONDecodeError:
                    doc["flags_stdout"] = out2[-2000:]
                    doc["flags_stderr"] = err2[-2000:]
                    flags = []
            exp_main = [f for f in spec["flags"] if f["severity"] in ("error", "warning")]
            exp_info = [f for f in spec["flags"] if f["severity"] == "info"]
            got_main = [f for f in flags if f.get("severity") in ("error", "warning")]
            got_info = [f for f in flags if f.get("severity") == "info"]
            tp, fp, fn = match_main(exp_main, got_main)
            itp, ifp, ifn = match_info(exp_info, got_info)
            p, r = prf(len(tp), len(fp), len(fn))
            ip, ir = prf(len(itp), len(ifp), len(ifn))
            doc.update({
                "tp": len(tp), "fp": len(fp), "fn": len(fn), "precision": round(p, 3), "recall": round(r, 3),
                "true_positives": [{"kind": t["expected"]["kind"], "footnote": t["expected"]["footnote"],
                                    "expected_severity": t["expected"]["severity"],
                                    "tool_severity": t["tool"].get("severity"),
                                    "severity_agrees": t["severity_agrees"]} for t in tp],
                "false_positives": [slim(f) for f in fp],
                "false_negatives": fn,
                "info": {"tp": len(itp), "fp": len(ifp), "fn": len(ifn), "precision": round(ip, 3), "recall": round(ir, 3),
                         "false_positives": [slim(f) for f in ifp], "false_negatives": ifn},
                "all_tool_flags": [slim(f) for f in flags],
            })
            details["documents"][name] = doc
            tot.update(tp=len(tp), fp=len(fp), fn=len(fn),
                       sev_mismatch=sum(1 for t in tp if not t["severity_agrees"]))
            itot.update(tp=len(itp), fp=len(ifp), fn=len(ifn))
            rows.append((name, len(tp), len(fp), len(fn), p, r, len(itp), len(ifp), len(ifn), rc))

    P, R = prf(tot["tp"], tot["fp"], tot["fn"])
    IP, IR = prf(itot["tp"], itot["fp"], itot["fn"])
    details["overall"] = {"tp": tot["tp"], "fp": tot["fp"], "fn": tot["fn"], "precision": round(P, 3),
                          "recall": round(R, 3), "severity_mismatches_among_tp": tot["sev_mismatch"],
                          "info": {"tp": itot["tp"], "fp": itot["fp"], "fn": itot["fn"],
                                   "precision": round(IP, 3), "recall": round(IR, 3)}}

    print(f"{'document':30} {'TP':>3} {'FP':>3} {'FN':>3} {'prec':>5} {'rec':>5} | info TP FP FN")
    for name, t, f, n, p, r, it, ifp, ifn, rc in rows:
        note = "" if rc == 0 else f"  (ingest exit {rc})"
        print(f"{name:30} {t:3} {f:3} {n:3} {p:5.2f} {r:5.2f} |      {it:2} {ifp:2} {ifn:2}{note}")
    print(f"{'OVERALL':30} {tot['tp']:3} {tot['fp']:3} {tot['fn']:3} {P:5.2f} {R:5.2f} |      {itot['tp']:2} {itot['fp']:2} {itot['fn']:2}")
    print(f"info flags: precision {IP:.2f} recall {IR:.2f}; severity disagreements among error+warning TPs: {tot['sev_mismatch']}")
    for name, doc in details["documents"].items():
        for f in doc["false_positives"]:
            print(f"  FP {name} [{f['footnote']}] {f['kind']} ({f['severity']}): {f['message']}")
        for f in doc["false_negatives"]:
            print(f"  FN {name} [{f['footnote']}] {f['kind']} ({f['severity']}): {f['why']}")
        for f in doc["info"]["false_positives"]:
            print(f"  info-FP {name} [{f['footnote']}] {f['kind']}: {f['message']}")
        for f in doc["info"]["false_negatives"]:
            print(f"  info-FN {name} [{f['footnote']}] {f['kind']}: {f['why']}")
        for t in doc["true_positives"]:
            if not t["severity_agrees"]:
                print(f"  severity {name} [{t['footnote']}] {t['kind']}: expected {t['expected_severity']}, tool {t['tool_severity']}")

    out = os.path.join(HERE, f"result-{args.tag}.json")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(details, fh, indent=2, ensure_ascii=False)
    print(f"details: {out}")


if __name__ == "__main__":
    sys.exit(main())
