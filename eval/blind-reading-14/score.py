#!/usr/bin/env python3
"""Score citetrack on blind-reading-14 (four documents on the theme DOCUMENTS MADE IN A WORD
PROCESSOR, NOT BY PANDOC: a borough council's scrutiny report, a housing coalition's policy brief,
a local-history essay with endnotes and a river network's bulletin with a two-column section, each
a LibreOffice Writer document saved as .odt, exported by Writer to .docx and to PDF) with
real-docs' scorer logic.  This file is blind-reading-14's score.py, renamed and adapted: the
names, the budget variable (BLIND14_BUDGET_S), this text, and the RENDERINGS list (odt, docx and
the two PDFs with their texts); nothing else changed.

    python3 eval/blind-reading-14/score.py --tool PATH --tag NAME [--detail] [--keep]
    python3 eval/blind-reading-14/score.py --selftest

For every rendering in docs/<rendering>/ (see build.py), into a fresh store per rendering:

    citetrack --db <rendering>.db ingest <doc> --published <date> --json    # each document
    citetrack --db <rendering>.db claims --json
    citetrack --db <rendering>.db citations --json
    citetrack --db <rendering>.db flags --status all --json

exactly as ../../../shared/real-docs/score.py `run` does (its Runner, evaluate and metrics are
imported, not copied), then scores against truth.json.  Writes result-NAME.json (per rendering:
summed counts, P/R/F1 of notes, urls, claims, recall over all notes, the table-cell counts,
missing-note count, flags by kind, problems, and per document counts, F1, table-cell counts,
missing-note flags and flags by kind) and keeps the raw outputs and misses.json in runs/NAME/
(the stores and the copy of docs/ are removed unless --keep).  Prints one row per rendering:
notes / urls / claims F1 and P/R, recall over all notes, "cells" (the URL-carrying notes whose
marker stands in a table cell: found / all), "cellcl" (the claims of the table-cell notes that
have a scorable sentence: matched / all), missing-note flags and the other flags by kind.  A
rendering whose folder is missing from docs/ is skipped.  Budget: BLIND14_BUDGET_S seconds
(default 1800).

--selftest runs no tool: it feeds answers made from truth.json itself (perfect, empty, every
even-numbered note dropped, every label shifted by one) through the same evaluate and metrics
and prints their F1, so that the scorer is seen to both pass and fail on this truth.
"""
import concurrent.futures
import glob
import importlib.util
import json
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


rs = _load("rd_score", os.path.join(HERE, "..", "..", "..", "shared", "real-docs", "score.py"))

# rendering -> (folder, extension); same list as build.py (kept here so scoring needs no build)
RENDERINGS = {"odt": ("odt", "odt"), "docx": ("docx", "docx")}
for _b in ["lo", "docx"]:
    RENDERINGS[_b + "-pdf"] = (_b + "-pdf", "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")


def run_rendering(runner, truth, rendering, docs_dir):
    folder, ext = RENDERINGS[rendering]
    db = os.path.join(runner.work, f"{rendering}.db")
    res = {"problems": [], "docmap": {}, "times": {}}
    for name, info in truth["documents"].items():
        path = os.path.join(docs_dir, folder, f"{name}.{ext}")
        data, prob, took = runner.call(db, ["ingest", path, "--published", info["published"], "--json"], cap=120)
        res["times"][name] = took
        if prob:
            res["problems"].append(f"{rendering} ingest {name}: {prob}")
        ids = [d.get("document_id") for d in (data or {}).get("documents", []) if isinstance(d, dict)]
        if ids and ids[0] is not None:
            res["docmap"][str(ids[0])] = name
        elif not prob:
            res["problems"].append(f"{rendering} ingest {name}: no document_id")
    for what, args in (("claims", ["claims", "--json"]), ("citations", ["citations", "--json"]),
                       ("flags", ["flags", "--status", "all", "--json"])):
        data, prob, _ = runner.call(db, args, cap=120)
        if prob:
            res["problems"].append(f"{rendering} {what}: {prob}")
        res[what] = data if isinstance(data, list) else []
        with open(os.path.join(runner.work, f"{rendering}.{what}.json"), "w", encoding="utf-8") as f:
            json.dump(res[what], f, ensure_ascii=False, indent=1)
    return res


def table_counts(info, miss):
    """The notes whose marker stands in a table cell (truth's table_notes): how many the tool made
    a citation of (all of them, and those with a URL), and how many of their claims (cell
    sentence, label) it matched, over those whose sentence is scored at all."""
    cells = set(info.get("table_notes", []))
    url_cells = cells & {n["label"] for n in info["notes"] if n["urls"]}
    missed = set(miss["missed_notes"]) | set(miss["missed_notes_without_url"])
    missed_claims = {m["label"] for m in miss["missed_claims"]}
    with_sentence = {n["label"] for n in info["notes"] if rs.words(n["sentence"])}
    return {"table_notes": len(cells), "table_notes_found": len(cells - missed),
            "table_url_notes": len(url_cells), "table_url_notes_found": len(url_cells - missed),
            "table_claims": len(cells & with_sentence),
            "table_claims_found": len((cells & with_sentence) - missed_claims)}


def truth_answer(truth, case):
    """What a tool would answer if it read truth.json, in run_rendering's shape: 'perfect',
    'empty', 'half' (even-numbered notes dropped) or 'shifted' (every label plus one)."""
    res = {"problems": [], "docmap": {}, "times": {}, "claims": [], "citations": [], "flags": []}
    if case == "empty":
        for i, name in enumerate(truth["documents"], 1):
            res["docmap"][str(i)] = name
            res["times"][name] = 0.0
        return res
    cid = 0
    for i, (name, info) in enumerate(truth["documents"].items(), 1):
        res["docmap"][str(i)] = name
        res["times"][name] = 0.0
        by_sentence = {}
        for n in info["notes"]:
            if case == "half" and int(n["label"]) % 2 == 0:
                continue
            label = str(int(n["label"]) + 1) if case == "shifted" else n["label"]
            cid += 1
            res["citations"].append({"id": cid, "document_id": i, "footnote": label, "text": n["text"],
                                     "title": None, "outlet": None, "date": None, "urls": list(n["urls"])})
            if n["sentence"]:
                by_sentence.setdefault(n["sentence"], []).append(label)
        for k, (sentence, labels) in enumerate(by_sentence.items(), 1):
            res["claims"].append({"id": i * 1000 + k, "document_id": i, "footnotes": labels, "text": sentence})
    return res


def selftest():
    with open(os.path.join(HERE, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    cases = ["perfect", "empty", "half", "shifted"]
    report = rs.evaluate(truth, {c: truth_answer(truth, c) for c in cases})
    print("blind-reading-14 selftest: answers made from truth.json, scored by real-docs' evaluate")
    print(f"  {'answer':<10} {'notes':>6} {'urls':>6} {'claims':>7}  {'cells':>7} {'cellcl':>7}")
    ok = True
    for c in cases:
        total, tables = {}, {}
        for name, d in report[c].items():
            rs.add(total, d["counts"])
            rs.add(tables, table_counts(truth["documents"][name], d["miss"]))
        m = rs.metrics(total)
        f1 = [m[k][2] for k in ("notes", "urls", "claims")]
        print(f"  {c:<10} {f1[0]:>6.2f} {f1[1]:>6.2f} {f1[2]:>7.2f}  "
              f"{tables['table_url_notes_found']:>3}/{tables['table_url_notes']:<3} "
              f"{tables['table_claims_found']:>3}/{tables['table_claims']:<3}")
        if c == "perfect":
            ok &= all(x > 0.999 for x in f1)
        elif c == "empty":
            ok &= all(x < 0.001 for x in f1)
        elif c == "shifted":
            ok &= f1[1] < 0.2 and f1[2] < 0.2
    print("selftest " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def main(argv):
    if "--selftest" in argv:
        return selftest()
    if "--tool" not in argv or "--tag" not in argv:
        print(__doc__)
        return 2
    tool = argv[argv.index("--tool") + 1]
    tag = argv[argv.index("--tag") + 1]
    if os.sep in tool:
        tool = os.path.abspath(tool)
    with open(os.path.join(HERE, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    work = os.path.join(HERE, "runs", tag)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    docs = os.path.join(work, "docs")
    shutil.copytree(os.path.join(HERE, "docs"), docs)
    renderings = [r for r, (folder, _) in RENDERINGS.items() if os.path.isdir(os.path.join(docs, folder))]
    t0 = time.monotonic()
    runner = rs.Runner([tool], work, t0 + float(os.environ.get("BLIND14_BUDGET_S", "1800")))
    outputs = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
            futs = {r: ex.submit(run_rendering, runner, truth, r, docs) for r in renderings}
            for r in renderings:
                outputs[r] = futs[r].result()
    finally:
        runner.kill_all()
    report = rs.evaluate(truth, outputs)
    if "--detail" in argv:
        rs.print_tables(report)
    result = {"tag": tag, "tool": tool, "seconds": round(time.monotonic() - t0, 1), "renderings": {}}
    misses = {}
    for r, by_doc in report.items():
        total, kinds, tables = {}, {}, {}
        per_doc = {}
        for name, d in by_doc.items():
            rs.add(total, d["counts"])
            for fl in d["flags"]:
                kinds[fl.get("kind")] = kinds.get(fl.get("kind"), 0) + 1
            tc = table_counts(truth["documents"][name], d["miss"])
            rs.add(tables, tc)
            m = rs.metrics(d["counts"])
            per_doc[name] = {"counts": d["counts"], "f1": {k: round(v[2], 4) for k, v in m.items()},
                             "table_cells": tc,
                             "missing_note": [{"footnote": fl.get("footnote"), "message": fl.get("message")}
                                              for fl in d["flags"] if fl.get("kind") == "missing-note"],
                             "flags_by_kind": {k: sum(1 for fl in d["flags"] if fl.get("kind") == k)
                                               for k in sorted({fl.get("kind") for fl in d["flags"]}, key=str)},
                             "time": round(d["time"] or 0.0, 2)}
            misses.setdefault(r, {})[name] = d["miss"]
        m = rs.metrics(total)
        result["renderings"][r] = {
            "counts": total,
            "notes": {"P": m["notes"][0], "R": m["notes"][1], "F1": m["notes"][2]},
            "urls": {"P": m["urls"][0], "R": m["urls"][1], "F1": m["urls"][2]},
            "claims": {"P": m["claims"][0], "R": m["claims"][1], "F1": m["claims"][2]},
            "all_notes_recall": total["allnotes_found"] / total["allnotes_truth"] if total["allnotes_truth"] else 1.0,
            "table_cells": tables,
            "missing_note": kinds.get("missing-note", 0),
            "flags_by_kind": kinds,
            "problems": outputs[r]["problems"],
            "documents": per_doc,
        }
    with open(os.path.join(HERE, f"result-{tag}.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    with open(os.path.join(work, "misses.json"), "w", encoding="utf-8") as f:
        json.dump(misses, f, ensure_ascii=False, indent=1)
    if "--keep" not in argv:
        shutil.rmtree(docs, ignore_errors=True)
        for p in glob.glob(os.path.join(work, "*.db*")):
            os.remove(p)
    n_notes = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"blind-reading-14 [{tag}]: {len(truth['documents'])} documents, {n_notes} notes, {len(renderings)} renderings "
          f"({result['seconds']:.0f} s); F1 (P/R in result-{tag}.json)")
    print(f"  {'rendering':<14} {'notes':>6} {'urls':>6} {'claims':>7}  {'notes P/R':>9} {'urls P/R':>9} "
          f"{'claims P/R':>10} {'allR':>5} {'cells':>7} {'cellcl':>7} {'missing-note':>13}  other flags")
    for r, v in result["renderings"].items():
        other = ", ".join(f"{k} {n}" for k, n in sorted(v["flags_by_kind"].items(), key=lambda kv: -kv[1])
                          if k != "missing-note")
        pr = "  ".join(f"{v[k]['P']:.2f}/{v[k]['R']:.2f}" for k in ("notes", "urls", "claims"))
        t = v["table_cells"]
        print(f"  {r:<14} {v['notes']['F1']:>6.2f} {v['urls']['F1']:>6.2f} {v['claims']['F1']:>7.2f}  {pr} "
              f"{v['all_notes_recall']:>5.2f} {t['table_url_notes_found']:>3}/{t['table_url_notes']:<3} "
              f"{t['table_claims_found']:>3}/{t['table_claims']:<3} {v['missing_note']:>13}  {other}")
    probs = [p for v in result["renderings"].values() for p in v["problems"]]
    if probs:
        print("problems:")
        for p in probs[:40]:
            print("  " + p)
    worst = min(min(v[k]["F1"] for k in ("notes", "urls", "claims")) for v in result["renderings"].values())
    print(f"blind-reading-14: worst rendering F1 {worst:.2f}; details: runs/{tag}/misses.json, runs/{tag}/*.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
