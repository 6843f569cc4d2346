#!/usr/bin/env python3
"""Build blind-reading-2: six documents written for this set, rendered by real tools, with truth.

    python3 build.py            # from this folder or anywhere

Sources: src/<name>.md (Pandoc Markdown with footnotes).  Truth (truth.json) is computed from
the Pandoc AST exactly as ../shared/real-docs/build.py does (its clean_ast, flatten_note_tables
and truth_of are imported, not copied).  Renderings, in docs/<rendering>/<name>.<ext>:

  md             pandoc -s -t markdown (tables holding notes flattened, as real-docs does)
  html           pandoc -s -t html5
  docx           pandoc -t docx, reference doc: US Letter, 1in margins, Liberation Serif 12 pt, notes 10 pt
  xe-pdf         pandoc --pdf-engine=xelatex, scrartcl, 12pt, letter paper, TeX Gyre Pagella
  xe2col-pdf     pandoc -t latex --top-level-division=section, report class (title page), classoption=twocolumn,
                 10pt, letter, TeX Gyre Termes, then xelatex twice (longtables become tabulars in savenotes, see twocol_tex)
  memoir-pdf     pandoc --pdf-engine=pdflatex, memoir (openany), --top-level-division=chapter,
                 ruled running heads with page numbers, footnotes numbered through the document
  lo-pdf         soffice --headless --convert-to pdf of the docx (Letter, notes at each page foot)
  chrome-pdf     a variant of the html (Letter @page, serif, endnotes under a "Notes" heading) printed by
                 headless chromium with its default header/footer (date, title, file URL, page x/y)
  <x>-txt        pdftotext <x>-pdf            (for every PDF, two-column ones included)
  <x>-layout     pdftotext -layout <x>-pdf
"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
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
    "essay-heatpumps": "2024-10-14",
    "brief-floodmaps": "2024-02-27",
    "report-transit-fares": "2024-06-05",
    "essay-archives": "2024-08-21",
    "brief-wildfire-smoke": "2023-12-11",
    "report-library-ebooks": "2024-04-09",
}

PDFS = ["xe-pdf", "xe2col-pdf", "memoir-pdf", "lo-pdf", "chrome-pdf"]
# rendering -> (folder, extension)
RENDERINGS = {"md": ("md", "md"), "html": ("html", "html"), "docx": ("docx", "docx")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")


def sh(cmd, **kw):
    print("  $ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def reference_docx(path):
    """Pandoc's default reference.docx with a US Letter page (1in margins), Liberation Serif
    12 pt body text and 10 pt footnotes."""
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
                              '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" '
                              'w:right="1440" w:bottom="1440" w:left="1440" w:header="720" '
                              'w:footer="720" w:gutter="0"/></w:sectPr>')
                assert "w:pgSz" in s
                data = s.encode()
            elif item.filename == "word/styles.xml":
                s = data.decode()
                old = ('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" '
                       'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />')
                assert old in s
                s = s.replace(old, '<w:rFonts w:ascii="Liberation Serif" w:eastAsia="Liberation Serif" '
                                   'w:hAnsi="Liberation Serif" w:cs="Liberation Serif" />', 1)
                s = s.replace('<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                              '    <w:name w:val="Footnote Text" />',
                              '<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                              '    <w:name w:val="Footnote Text" />\n'
                              '    <w:pPr><w:spacing w:after="60" /></w:pPr>\n'
                              '    <w:rPr><w:sz w:val="20" /><w:szCs w:val="20" /></w:rPr>', 1)
                assert 'w:ascii="Liberation Serif"' in s and '<w:sz w:val="20" />' in s
                data = s.encode()
            zout.writestr(item, data)
    os.remove(tmp)


def tokens(text):
    return re.findall(r"[a-z]+|[0-9]+", unicodedata.normalize("NFKC", text).lower().replace("\u00ad", ""))


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
    """Structural renderings (html, md, docx) must carry exactly the truth's notes; in the
    extracted texts, every note's opening words must be present."""
    n = len(notes)
    counts = {}
    with open(os.path.join(DOCS, "html", f"{name}.html"), encoding="utf-8") as f:
        counts["html"] = f.read().count('role="doc-noteref"')
    with open(os.path.join(NORM, f"{name}.notes.html"), encoding="utf-8") as f:
        counts["chrome-html"] = f.read().count('role="doc-noteref"')
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
        body = body.replace("\\endlastfoot\n", "")
        head = f"\\par\\noindent {cap.group(1)}\\par\\smallskip\n" if cap else ""
        return (head + "\\noindent\\begin{savenotes}\\resizebox{\\columnwidth}{!}{\\begin{tabular}" + m.group(1)
                + body + "\\end{tabular}}\\end{savenotes}\\par\\medskip\n")
    return re.sub(r"\\begin\{longtable\}\[\](\{.*?@\{\}\}\n)(.*?)\\end\{longtable\}\n", table, tex,
                  flags=re.S)


def latex_twice(engine, tex_path, out_pdf):
    out = tempfile.mkdtemp(prefix="tex-")
    try:
        for _ in range(2):
            sh([engine, "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={out}", tex_path],
               stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(out, os.path.basename(tex_path)[:-4] + ".pdf"), out_pdf)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def xe2col(base, name):
    """report class, two columns, 10pt, letter paper, TeX Gyre Termes, xelatex."""
    tex_path = os.path.join(NORM, f"{name}.xe2col.tex")
    sh(base + ["-s", "-t", "latex", "--top-level-division=section", "-V", "documentclass=report", "-V", "classoption=twocolumn",
               "-V", "fontsize=10pt", "-V", "papersize=letter", "-V", "geometry:margin=0.75in",
               "-V", "mainfont=TeX Gyre Termes", "-V", "colorlinks=true", "-o", tex_path])
    with open(tex_path, encoding="utf-8") as f:
        tex = twocol_tex(f.read())
    assert "longtable}[]" not in tex.split("\\begin{document}")[1]
    tex = tex.replace("\\begin{document}", "\\usepackage{graphicx}\n\\begin{document}", 1)
    with open(tex_path, "w", encoding="utf-8") as f:
        f.write(tex)
    latex_twice("xelatex", tex_path, f"{DOCS}/xe2col-pdf/{name}.pdf")


MEMOIR_HEADER = r"""\pagestyle{ruled}
\aliaspagestyle{chapter}{ruled}
\counterwithout{footnote}{chapter}
"""

CHROME_CSS = """<style>
@page { size: letter; margin: 0.9in 0.8in; }
body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.45; max-width: none; margin: 0; padding: 0; }
table { border-collapse: collapse; } td, th { border-bottom: 1px solid #999; padding: 3px 8px; }
section.footnotes { font-size: 10pt; }
</style>
"""


def notes_html(name, base):
    """The html with a print stylesheet and a "Notes" heading over the endnotes."""
    css = os.path.join(NORM, "chrome-print.html")
    with open(css, "w", encoding="utf-8") as f:
        f.write(CHROME_CSS)
    path = os.path.join(NORM, f"{name}.notes.html")
    sh(base + ["-s", "-t", "html5", "-H", css, "-o", path])
    with open(path, encoding="utf-8") as f:
        html = f.read()
    html2, k = re.subn(r'(<section[^>]*\bclass="footnotes[^"]*"\s+role="doc-endnotes">)\s*<hr />',
                       r'\1\n<h2 class="notes-heading">Notes</h2>', html)
    assert k == 1, "footnotes section not found"
    with open(path, "w", encoding="utf-8") as f:
        f.write(html2)
    return path


def main():
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    ref = os.path.join(NORM, "reference-letter.docx")
    reference_docx(ref)
    memoir_h = os.path.join(NORM, "memoir-header.tex")
    with open(memoir_h, "w", encoding="utf-8") as f:
        f.write(MEMOIR_HEADER)
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
        sh(base + ["-t", "docx", "--reference-doc", ref, "-o", f"{DOCS}/docx/{name}.docx"])
        sh(base + ["-s", "--pdf-engine=xelatex", "-V", "documentclass=scrartcl", "-V", "fontsize=12pt",
                   "-V", "papersize=letter", "-V", "geometry:margin=1in", "-V", "mainfont=TeX Gyre Pagella",
                   "-o", f"{DOCS}/xe-pdf/{name}.pdf"])
        xe2col(base, name)
        sh(base + ["-s", "--pdf-engine=pdflatex", "--top-level-division=chapter", "-V", "documentclass=memoir",
                   "-V", "classoption=openany", "-V", "papersize=a4", "-H", memoir_h,
                   "-o", f"{DOCS}/memoir-pdf/{name}.pdf"])
        page = notes_html(name, base)
        prof = tempfile.mkdtemp(prefix="chrome-profile-")
        try:
            sh(["chromium", "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", f"--user-data-dir={prof}",
                f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{page}"],
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
    structural = {"html", "chrome-html", "md", "docx"}
    for name in DOCUMENTS:
        notes = truth["documents"][name]["notes"]
        bad = check_counts(name, notes)
        if bad:
            problems.append((name, len(notes), bad))
        print(f"{name}: {len(notes)} notes, {sum(len(n['urls']) for n in notes)} URLs, "
              f"{sum(1 for n in notes if n['urls'])} with URL, "
              f"{sum(1 for n in notes if len(n['urls']) > 1)} with 2+ URLs, "
              f"{sum(1 for n in notes if not n['urls'])} without URL, "
              f"{sum(1 for n in notes if not n['sentence'])} without a sentence")
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(DOCUMENTS)} documents, {total} notes")
    if problems:
        print("COUNT DIFFERENCES:\n  " + "\n  ".join(f"{n}: truth {t}, {b}" for n, t, b in problems))
        if any(set(b) & structural for _, _, b in problems):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
