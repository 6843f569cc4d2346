#!/usr/bin/env python3
"""Build blind-reading-4: five documents written for this set, whose tables carry note markers in
their cells, rendered by real tools, with truth.

    python3 build.py            # from this folder or anywhere (about 1 minute)

Sources: src/<name>.md (Pandoc Markdown with [^n] footnotes; an empty `::: pagebreak` div marks a
page break).  Truth (truth.json) is computed from the Pandoc AST exactly as
../../../shared/real-docs/build.py does (its clean_ast and truth_of are imported, not copied): for
a marker in a table cell the sentence is that cell's sentence, or the cell's words when the cell
is not a sentence.  Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s -t html5
  docx           pandoc -t docx, reference doc: US Letter, 1in margins, Liberation Serif 12 pt, notes 10 pt
                 (blind-reading-2's reference_docx, imported)
  lo-pdf         soffice --headless --convert-to pdf of the docx (Letter, 12 pt, notes at each page foot)
  chrome-pdf     the html printed by chromium --headless --no-sandbox --no-pdf-header-footer --print-to-pdf
                 (Pandoc's own stylesheet; endnotes at the end)
  tex-pdf        pandoc -s -t latex (A4, 11 pt, 2.5 cm margins, table captions without "Table n:"), then
                 pdflatex twice (longtables; notes in table cells at the page foot)
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

The page-break div becomes a raw block for each writer (\\clearpage, a Word page break, a CSS
break-before) in the AST the renderings are made from; the truth's AST drops it (it holds no text).
"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
NORM = os.path.join(HERE, "norm")
DOCS = os.path.join(HERE, "docs")
SHARED = os.path.join(HERE, "..", "..", "..", "shared", "real-docs")


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


rd = _load("rd_build", os.path.join(SHARED, "build.py"))
br2 = _load("br2_build", os.path.join(HERE, "..", "blind-reading-2", "build.py"))

# name -> published date
DOCUMENTS = {
    "brief-cooling-centres": "2024-09-18",
    "report-bus-electrification": "2025-03-04",
    "essay-river-commons": "2024-11-02",
    "report-rental-registry": "2024-06-25",
    "brief-wetland-monitoring": "2024-04-15",
}

PDFS = ["lo-pdf", "chrome-pdf", "tex-pdf"]
# rendering -> (folder, extension)
RENDERINGS = {"html": ("html", "html"), "docx": ("docx", "docx")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")

PAGEBREAK = [
    {"t": "RawBlock", "c": ["latex", "\\clearpage"]},
    {"t": "RawBlock", "c": ["openxml", '<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" '
                                       'w:line="20" w:lineRule="exact"/></w:pPr></w:p>']},
    {"t": "RawBlock", "c": ["html", '<div style="break-before: page; page-break-before: always;"></div>']},
]

TEX_HEADER = r"""\usepackage{caption}
\captionsetup[table]{labelformat=empty}
"""

sh = br2.sh


def with_pagebreaks(node):
    """In place: every Div of class pagebreak becomes the three raw page-break blocks."""
    if isinstance(node, list):
        out = []
        for x in node:
            if isinstance(x, dict) and x.get("t") == "Div" and "pagebreak" in x["c"][0][1]:
                out += json.loads(json.dumps(PAGEBREAK))
            else:
                with_pagebreaks(x)
                out.append(x)
        node[:] = out
    elif isinstance(node, dict):
        for v in node.values():
            with_pagebreaks(v)


def labelled_notes(notes, text):
    """How many notes appear with their own label in front of their opening words in an extracted
    text (`3 Kessler Engineering`, `3. Kessler Engineering`): a check that the renderer numbered
    the notes as the truth does (notes in table cells included)."""
    toks = br2.tokens(re.sub(r"-\n", "", text))
    joined = " " + " ".join(toks) + " "
    found = 0
    for n in notes:
        head = " " + " ".join([n["label"]] + br2.tokens(n["text"])[:2]) + " "
        if head in joined:
            found += 1
    return found


def check_counts(name, notes):
    """html and docx must carry exactly the truth's notes, in order, with the truth's texts; in the
    extracted texts, every note's opening words must be present (and, for information, with its
    label in front)."""
    n = len(notes)
    counts, labelled = {}, {}
    with open(os.path.join(DOCS, "html", f"{name}.html"), encoding="utf-8") as f:
        html = f.read()
    refs = re.findall(r'<a\s+href="#fn(\d+)"\s+class="footnote-ref"\s+id="fnref\d+"\s+role="doc-noteref"><sup>(\d+)</sup></a>', html)
    counts["html"] = html.count('role="doc-noteref"')
    if [r[1] for r in refs] != [x["label"] for x in notes] or [r[0] for r in refs] != [x["label"] for x in notes]:
        counts["html"] = f"labels differ: {[r[1] for r in refs]}"
    items = re.findall(r'<li\s+id="fn(\d+)"\s+role="doc-endnote">', html)
    if items != [x["label"] for x in notes]:
        counts["html-notes"] = f"endnote ids {items}"
    with zipfile.ZipFile(os.path.join(DOCS, "docx", f"{name}.docx")) as z:
        fx = z.read("word/footnotes.xml").decode()
        dx = z.read("word/document.xml").decode()
    ids = re.findall(r'<w:footnote (?:(?!w:type=)[^>])*w:id="(\d+)"', fx)
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"', dx)
    counts["docx"] = len(ids)
    if len(refs) != n or len(set(refs)) != n or set(refs) != set(ids):
        counts["docx-refs"] = f"{len(refs)} references to {len(set(refs))} notes"
    # the docx notes' texts, in reference order, must open with the truth's texts
    bodies = {}
    for m in re.finditer(r'<w:footnote (?:(?!w:type=)[^>])*w:id="(\d+)"[^>]*>(.*?)</w:footnote>', fx, re.S):
        bodies[m.group(1)] = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m.group(2)))
    bad_text = [x["label"] for x, r in zip(notes, refs)
                if br2.tokens(x["text"])[:4] != br2.tokens(bodies.get(r, ""))[:4]]
    if bad_text:
        counts["docx-texts"] = f"notes {bad_text} differ"
    for r, (folder, ext) in RENDERINGS.items():
        if ext == "txt":
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                text = f.read()
            counts[r] = br2.notes_in_text(notes, text)
            labelled[r] = labelled_notes(notes, text)
    bad = {k: v for k, v in counts.items() if v != n}
    print(f"  note counts {name}: truth {n}; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"  notes found with their label in front: " + ", ".join(f"{k} {v}" for k, v in labelled.items()))
    return bad, labelled


def url_carriage(text, url):
    """How an extracted text carries a truth URL: `verbatim` (on one line), `wrapped` (over
    lines: found once line breaks and the spaces around them are removed), `hyphen-lost` (found
    only if the URL's own hyphens are ignored: pdftotext joined a line that ended in a hyphen of
    the URL and dropped it), or `split` (not found even so: the note ran over a page, or table
    columns interleave with it)."""
    if url in text:
        return "verbatim"
    joined = re.sub(r"[ \t]*\n\s*", "", text)
    if url in joined:
        return "wrapped"
    if url.replace("-", "") in joined.replace("-", ""):
        return "hyphen-lost"
    return "split"


def stats(notes):
    return {
        "notes": len(notes),
        "with_url": sum(1 for x in notes if x["urls"]),
        "with_2plus_urls": sum(1 for x in notes if len(x["urls"]) > 1),
        "urls": sum(len(x["urls"]) for x in notes),
        "without_url": sum(1 for x in notes if not x["urls"]),
    }


def table_notes(ast):
    """Labels of the notes whose marker stands in a table cell (AST order = label order)."""
    out, count = [], [0]

    def walk(n, in_table):
        if isinstance(n, dict):
            if n.get("t") == "Note":
                count[0] += 1
                if in_table:
                    out.append(str(count[0]))
                return  # notes hold no notes
            walk(n.get("c"), in_table or n.get("t") == "Table")
        elif isinstance(n, list):
            for x in n:
                walk(x, in_table)
    walk(ast["blocks"], False)
    return out


def main():
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    ref = os.path.join(NORM, "reference-letter.docx")
    br2.reference_docx(ref)
    tex_h = os.path.join(NORM, "tex-header.tex")
    with open(tex_h, "w", encoding="utf-8") as f:
        f.write(TEX_HEADER)
    truth = {"documents": {}}
    for name, published in DOCUMENTS.items():
        print(name, flush=True)
        src = os.path.join(SRC, f"{name}.md")
        ast = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json", src],
                                        check=True, capture_output=True).stdout)
        rd.clean_ast(ast)
        with open(os.path.join(NORM, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(ast, f)
        notes = rd.truth_of(ast)
        truth["documents"][name] = {"source": f"src/{name}.md", "published": published,
                                    "table_notes": table_notes(ast), "notes": notes}
        render = json.loads(json.dumps(ast))
        with_pagebreaks(render["blocks"])
        render_path = os.path.join(NORM, f"{name}.render.json")
        with open(render_path, "w", encoding="utf-8") as f:
            json.dump(render, f)
        base = ["pandoc", "-f", "json", render_path]
        html = f"{DOCS}/html/{name}.html"
        sh(base + ["-s", "-t", "html5", "-o", html])
        sh(base + ["-t", "docx", "--reference-doc", ref, "-o", f"{DOCS}/docx/{name}.docx"])
        tex = os.path.join(NORM, f"{name}.tex")
        sh(base + ["-s", "-t", "latex", "-V", "papersize=a4", "-V", "fontsize=11pt",
                   "-V", "geometry:margin=2.5cm", "-V", "colorlinks=true", "-H", tex_h, "-o", tex])
        br2.latex_twice("pdflatex", tex, f"{DOCS}/tex-pdf/{name}.pdf")
        prof = tempfile.mkdtemp(prefix="chrome-profile-")
        try:
            sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", f"--user-data-dir={prof}", "--no-pdf-header-footer",
                f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{html}"],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            shutil.rmtree(prof, ignore_errors=True)
    prof = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        sh(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
            "--outdir", f"{DOCS}/lo-pdf"] + [f"{DOCS}/docx/{n}.docx" for n in DOCUMENTS],
           stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    for name in DOCUMENTS:
        for p in PDFS:
            b = p[:-4]
            pdf = f"{DOCS}/{p}/{name}.pdf"
            sh(["pdftotext", pdf, f"{DOCS}/{b}-txt/{name}.txt"])
            sh(["pdftotext", "-layout", pdf, f"{DOCS}/{b}-layout/{name}.txt"])
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    problems, structural = [], False
    for name in DOCUMENTS:
        doc = truth["documents"][name]
        notes = doc["notes"]
        bad, _ = check_counts(name, notes)
        if bad:
            problems.append((name, len(notes), bad))
            structural |= any(k.startswith(("html", "docx")) for k in bad)
        s = stats(notes)
        pages = {p: subprocess.run(["pdfinfo", f"{DOCS}/{p}/{name}.pdf"], capture_output=True, text=True).stdout
                 for p in PDFS}
        pages = {p: re.search(r"Pages:\s+(\d+)", v).group(1) for p, v in pages.items()}
        print(f"{name}: {s['notes']} notes ({len(doc['table_notes'])} in table cells), {s['urls']} URLs, "
              f"{s['with_url']} with URL, {s['with_2plus_urls']} with 2+ URLs, {s['without_url']} without URL, "
              f"{sum(1 for x in notes if not x['sentence'])} without a sentence; pages "
              + ", ".join(f"{p} {v}" for p, v in pages.items()))
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(DOCUMENTS)} documents, {total} notes")
    print("how the extracted texts carry the truth's URLs (all documents):")
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        kinds, odd = {}, []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                text = f.read()
            for x in doc["notes"]:
                for u in x["urls"]:
                    k = url_carriage(text, u)
                    kinds[k] = kinds.get(k, 0) + 1
                    if k in ("hyphen-lost", "split"):
                        odd.append(f"{name} {x['label']} ({k})")
        print(f"  {r:<14} " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in ("verbatim", "wrapped", "hyphen-lost", "split")))
        if odd:
            print("    " + "; ".join(odd))
    if problems:
        print("COUNT DIFFERENCES:\n  " + "\n  ".join(f"{n}: truth {t}, {b}" for n, t, b in problems))
        if structural:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
