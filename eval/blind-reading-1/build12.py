#!/usr/bin/env python3
"""Build eval12: six documents written for this set, rendered by real tools, with truth.

    python3 eval/blind-reading-1/build12.py

Sources: src/<name>.md (Pandoc Markdown with footnotes).  Truth (truth.json) is computed from
the Pandoc AST exactly as ../shared/real-docs/build.py does (its clean_ast and Truth classes
are imported, not copied).  Renderings, in docs/<rendering>/<name>.<ext>:

  md            pandoc -s -t markdown (tables holding notes flattened, as real-docs does)
  html          pandoc -s -t html5
  latex-pdf     pandoc -s --pdf-engine=pdflatex -V papersize=a4 (footnotes at the page foot)
  twocol-pdf    the same with -V classoption=twocolumn (\\documentclass[twocolumn]{article})
  chrome-pdf    the html printed by headless chromium (endnotes), no browser header/footer
  docx          pandoc -t docx with a reference doc: A5 page, 10.5 pt body, 8 pt footnotes
  lo-pdf        soffice --headless --convert-to pdf of that docx
  <x>-txt       pdftotext <x>-pdf (not for twocol: plain pdftotext interleaves its columns' notes)
  <x>-layout    pdftotext -layout <x>-pdf
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

_spec = importlib.util.spec_from_file_location("rd_build", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "real-docs", "build.py"))
rd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rd)

# name -> published date
DOCUMENTS = {
    "essay-shade": "2024-07-09",
    "brief-broadband": "2023-11-20",
    "report-water": "2024-03-18",
    "essay-linkrot": "2024-05-02",
    "brief-meals": "2024-01-30",
    "essay-ferries": "2024-09-15",
}

PDFS = ["latex-pdf", "twocol-pdf", "chrome-pdf", "lo-pdf"]
# rendering -> (folder, extension)
RENDERINGS = {"md": ("md", "md"), "html": ("html", "html"), "docx": ("docx", "docx")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    if _p != "twocol-pdf":  # plain pdftotext interleaves the two columns' notes: not a fair rendering
        RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")


def sh(cmd, **kw):
    print("  $ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def reference_docx(path):
    """Pandoc's default reference.docx with an A5 page, 10.5 pt body text and 8 pt notes."""
    tmp = path + ".orig"
    with open(tmp, "wb") as f:
        f.write(subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                               check=True, capture_output=True).stdout)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                s = data.decode()
                s = s.replace("<w:sectPr />",
                              '<w:sectPr><w:pgSz w:w="8391" w:h="11906"/><w:pgMar w:top="1134" '
                              'w:right="1021" w:bottom="1134" w:left="1021" w:header="567" '
                              'w:footer="567" w:gutter="0"/></w:sectPr>')
                assert "w:pgSz" in s
                data = s.encode()
            elif item.filename == "word/styles.xml":
                s = data.decode()
                s = s.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />',
                              '<w:sz w:val="21" />\n        <w:szCs w:val="21" />', 1)
                s = s.replace('<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                              '    <w:name w:val="Footnote Text" />',
                              '<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                              '    <w:name w:val="Footnote Text" />\n'
                              '    <w:pPr><w:spacing w:after="40" /></w:pPr>\n'
                              '    <w:rPr><w:sz w:val="16" /><w:szCs w:val="16" /></w:rPr>', 1)
                assert 'w:val="21"' in s and 'w:val="16"' in s
                data = s.encode()
            zout.writestr(item, data)
    os.remove(tmp)


def tokens(text):
    return re.findall(r"[a-z]+|[0-9]+", text.lower().replace("\u00ad", ""))


def notes_in_text(notes, text):
    """How many notes' openings (first three words) are found, in order, in extracted text."""
    toks = tokens(re.sub(r"-\n", "", text))
    joined = " " + " ".join(toks) + " "
    pos, found = 0, 0
    for n in notes:
        head = " " + " ".join(tokens(n["text"])[:3]) + " "
        i = joined.find(head, pos)
        if i < 0:
            i = joined.find(head)  # out of order (a column, a float): still present
            if i < 0:
                continue
        else:
            pos = i + 1
        found += 1
    return found


def check_counts(name, notes):
    n = len(notes)
    counts = {}
    with open(os.path.join(DOCS, "html", f"{name}.html"), encoding="utf-8") as f:
        counts["html"] = f.read().count('role="doc-noteref"')
    with open(os.path.join(DOCS, "md", f"{name}.md"), encoding="utf-8") as f:
        counts["md"] = len(re.findall(r"(?m)^\[\^\d+\]:", f.read()))
    with zipfile.ZipFile(os.path.join(DOCS, "docx", f"{name}.docx")) as z:
        counts["docx"] = len(re.findall(r'<w:footnote (?:(?!w:type=)[^>])*w:id="\d+"',
                                        z.read("word/footnotes.xml").decode()))
    for r, (folder, ext) in RENDERINGS.items():
        if ext == "txt":
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                counts[r] = notes_in_text(notes, f.read())
    bad = {k: v for k, v in counts.items() if v != n}
    print(f"  note counts {name}: truth {n}; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return bad


def twocol_tex(tex):
    """longtable cannot be set in two-column mode: a table becomes its caption as a paragraph and
    a tabular inside savenotes (footnotehyper), so its notes still go to the page foot."""
    def table(m):
        body = m.group(2)
        cap = re.search(r"\\caption\{(.*?)\}\\tabularnewline\n", body, re.S)
        if cap:
            body = body.replace(cap.group(0), "")
        body = re.sub(r"\\endfirsthead.*?\\endhead\n", "", body, flags=re.S)
        body = body.replace("\\endhead\n", "")
        head = f"\\par\\noindent {cap.group(1)}\\par\\smallskip\n" if cap else ""
        return (head + "\\noindent\\begin{savenotes}\\begin{tabular}" + m.group(1) + body +
                "\\end{tabular}\\end{savenotes}\\par\\medskip\n")
    return re.sub(r"\\begin\{longtable\}\[\](\{.*?@\{\}\}\n)(.*?)\\end\{longtable\}\n", table, tex,
                  flags=re.S)


def twocol(base, name):
    """pandoc -s -t latex with classoption=twocolumn, then pdflatex (twice) -> twocol-pdf."""
    tex_path = os.path.join(NORM, f"{name}.twocol.tex")
    sh(base + ["-s", "-t", "latex", "-V", "papersize=a4", "-V", "classoption=twocolumn",
               "-V", "geometry:margin=2cm", "-o", tex_path])
    with open(tex_path, encoding="utf-8") as f:
        tex = twocol_tex(f.read())
    assert "longtable}[]" not in tex.split("\\begin{document}")[1]
    with open(tex_path, "w", encoding="utf-8") as f:
        f.write(tex)
    out = tempfile.mkdtemp(prefix="twocol-")
    try:
        for _ in range(2):
            sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={out}", tex_path],
               stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(out, f"{name}.twocol.pdf"), f"{DOCS}/twocol-pdf/{name}.pdf")
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    ref = os.path.join(NORM, "reference-a5.docx")
    reference_docx(ref)
    truth = {"documents": {}}
    problems = []
    for name, published in DOCUMENTS.items():
        print(name, flush=True)
        src = os.path.join(SRC, f"{name}.md")
        ast = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json", src],
                                        check=True, capture_output=True).stdout)
        rd.clean_ast(ast)
        ast_path = os.path.join(NORM, f"{name}.json")
        with open(ast_path, "w", encoding="utf-8") as f:
            json.dump(ast, f)
        notes = rd.truth_of(ast)
        truth["documents"][name] = {"source": f"src/{name}.md", "published": published, "notes": notes}
        md_ast = json.loads(json.dumps(ast))
        rd.flatten_note_tables(md_ast["blocks"])
        md_ast_path = os.path.join(NORM, f"{name}.md.json")
        with open(md_ast_path, "w", encoding="utf-8") as f:
            json.dump(md_ast, f)
        base = ["pandoc", "-f", "json", ast_path]
        sh(["pandoc", "-f", "json", md_ast_path, "-s", "-t", "markdown", "-o", f"{DOCS}/md/{name}.md"])
        sh(base + ["-s", "-t", "html5", "-o", f"{DOCS}/html/{name}.html"])
        sh(base + ["-s", "--pdf-engine=pdflatex", "-V", "papersize=a4",
                   "-o", f"{DOCS}/latex-pdf/{name}.pdf"])
        twocol(base, name)
        sh(base + ["-t", "docx", "--reference-doc", ref, "-o", f"{DOCS}/docx/{name}.docx"])
        prof = tempfile.mkdtemp(prefix="chrome-profile-")
        try:
            sh(["chromium", "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", f"--user-data-dir={prof}", "--no-pdf-header-footer",
                f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{DOCS}/html/{name}.html"],
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
            if b + "-txt" in RENDERINGS:
                sh(["pdftotext", pdf, f"{DOCS}/{b}-txt/{name}.txt"])
            sh(["pdftotext", "-layout", pdf, f"{DOCS}/{b}-layout/{name}.txt"])
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for name in DOCUMENTS:
        notes = truth["documents"][name]["notes"]
        bad = check_counts(name, notes)
        if bad:
            problems.append(f"{name}: truth {len(notes)}, {bad}")
        print(f"{name}: {len(notes)} notes, {sum(len(n['urls']) for n in notes)} URLs, "
              f"{sum(1 for n in notes if not n['urls'])} without URL, "
              f"{sum(1 for n in notes if not n['sentence'])} without a sentence")
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(DOCUMENTS)} documents, {total} notes")
    if problems:
        print("COUNT MISMATCHES:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
