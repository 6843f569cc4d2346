#!/usr/bin/env python3
"""Build blind-reading-6: five footnoted documents set in columns, with tables whose cells carry
note markers, rendered by real tools, with truth.

    python3 build.py            # from this folder or anywhere (about 2 minutes)
    python3 build.py > build.log 2>&1

Sources: src/<name>.md (Pandoc Markdown with [^n] footnotes; four of them hold a table with
markers in its cells).  Truth (truth.json) is computed from the Pandoc AST exactly as
../../../shared/real-docs/build.py does (its clean_ast and truth_of are imported, not copied).
Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s -t html5 (one column: the structure is what is read)
  docx           pandoc -t docx with a reference doc whose section is set in TWO columns
                 (<w:cols w:num="2" w:space="708"/>), A4, 2 cm margins, Liberation Serif 10 pt,
                 notes 8 pt
  lo-pdf         soffice --headless --convert-to pdf of that docx (two columns, notes across
                 the page foot)
  tex-pdf        pandoc --pdf-engine=pdflatex -V classoption=twocolumn, A4, 10 pt, 2 cm margins
                 (notes at the foot of each column; Pandoc's longtable is let run inside a
                 column by a header include)
  xetex-pdf      pandoc --pdf-engine=xelatex, the body in three columns (multicol), A4, 10 pt,
                 Liberation Serif; tables set across the page between two multicols runs (a Lua
                 filter closes and reopens multicols around each table); notes across the page foot
  chrome-pdf     the html with CSS column-count: 2 on the body, printed by chromium --headless
                 (A4; endnotes at the end, in the two columns); skipped when chromium is missing
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

Checks: html and docx must carry exactly the truth's notes, in order (exit 1 otherwise).  For
information it logs: which notes have their marker in a table cell (alone or in cell text), page
counts, whether each PDF's -layout text really shows columns side by side, how the extracted
texts carry the truth's URLs (verbatim, wrapped, hyphen-lost, split), and which note openings
are found in each text.
"""
import html as htmlmod
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

# name -> published date
DOCUMENTS = {
    "survey-coastal-erosion": "2024-11-19",
    "bulletin-rural-clinics": "2025-03-04",
    "wiki-orlan-tramway": "2024-06-20",
    "essay-library-fines": "2025-01-22",
    "brief-water-tariffs": "2024-09-10",
}

HAVE_CHROME = shutil.which("chromium") is not None
PDFS = ["lo-pdf", "tex-pdf", "xetex-pdf"] + (["chrome-pdf"] if HAVE_CHROME else [])
# rendering -> (folder, extension)
RENDERINGS = {"html": ("html", "html"), "docx": ("docx", "docx")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")


def sh(cmd, **kw):
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------- rendering aids

def _braced(s, i):
    """s[i] == '{': the index just after its matching '}'."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{" and (j == 0 or s[j - 1] != "\\"):
            depth += 1
        elif s[j] == "}" and s[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError("unbalanced braces")


def tabular_in_column(m):
    """One longtable of Pandoc's LaTeX as a tabular set in the running column: longtable refuses
    two-column mode.  The caption becomes a centred line above it (numbered as a table), the
    repeated head is dropped, and each \\footnote in a cell becomes \\footnotemark, its text given
    by \\footnotetext right after the table (so the notes keep their numbers and land at the foot
    of the column)."""
    body = m.group(0)
    spec_at = body.index("{", len("\\begin{longtable}[]"))
    spec = body[spec_at:_braced(body, spec_at)]
    rest = body[_braced(body, spec_at):]
    caption = ""
    c = rest.find("\\caption{")
    if c >= 0:
        e = _braced(rest, c + len("\\caption"))
        caption = rest[c + len("\\caption{"):e - 1]
        rest = rest[:c] + rest[e:].replace("\\tabularnewline", "", 1)
    if "\\endfirsthead" in rest:
        a = rest.index("\\endfirsthead")
        rest = rest[:a] + rest[rest.index("\\endhead") + len("\\endhead"):]
    rest = rest.replace("\\endhead", "").replace("\\endlastfoot", "")
    rest = rest[:rest.rindex("\\end{longtable}")]
    notes, out, i = [], [], 0
    while True:
        j = rest.find("\\footnote{", i)
        if j < 0:
            out.append(rest[i:])
            break
        e = _braced(rest, j + len("\\footnote"))
        out.append(rest[i:j] + "\\footnotemark{}")
        notes.append(rest[j + len("\\footnote{"):e - 1])
        i = e
    tex = "\n\\par\\medskip\n"
    if caption:
        tex += ("{\\centering\\small\\refstepcounter{table}Table~\\thetable: " + caption + "\\par}\\nopagebreak\\smallskip\\nopagebreak\n")
    tex += "\\noindent\\begin{tabular}" + spec + "".join(out) + "\\end{tabular}\\par\\medskip\n"
    if notes:
        tex += "\\addtocounter{footnote}{-%d}\n" % len(notes)
        for n in notes:
            tex += "\\stepcounter{footnote}\\footnotetext{" + n + "}\n"
    return tex


def tex_twocolumn(ast_path, pdf):
    """pdflatex, two columns: Pandoc writes the LaTeX (classoption=twocolumn), each longtable is
    set as an in-column tabular (tabular_in_column), pdflatex runs twice in a scratch folder."""
    tex = subprocess.run(["pandoc", "-f", "json", ast_path, "-s", "-t", "latex", "-V", "classoption=twocolumn",
                          "-V", "papersize=a4", "-V", "fontsize=10pt", "-V", "geometry=margin=2cm",
                          "-V", "hyperrefoptions=hyperfootnotes=false"],
                         check=True, capture_output=True, text=True).stdout
    tex, n = re.subn(r"\\begin\{longtable\}.*?\\end\{longtable\}", tabular_in_column, tex, flags=re.S)
    work = tempfile.mkdtemp(prefix="br6-tex-")
    try:
        with open(os.path.join(work, "doc.tex"), "w", encoding="utf-8") as f:
            f.write(tex)
        for _ in range(2):
            r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                               cwd=work, capture_output=True, text=True)
            if r.returncode:
                print(r.stdout[-3000:])
                raise SystemExit(f"pdflatex failed on {ast_path}")
        shutil.copy(os.path.join(work, "doc.pdf"), pdf)
        shutil.copy(os.path.join(work, "doc.tex"), os.path.join(NORM, os.path.basename(pdf)[:-4] + ".twocol.tex"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"  tex-pdf: pdflatex, twocolumn, {n} table(s) set in the column")

XETEX_HEAD = "\\usepackage{multicol}\n\\setlength{\\columnsep}{1.4em}\n"
XETEX_BEFORE = "\\begin{multicols}{3}\n"
XETEX_AFTER = "\\end{multicols}\n"
XETEX_FILTER = """-- tables are set across the page: close the three columns before a table, reopen after
function Table(t)
  return {pandoc.RawBlock('latex', '\\\\end{multicols}'), t,
          pandoc.RawBlock('latex', '\\\\begin{multicols}{3}')}
end
"""

CHROME_CSS = """<style>
@page { size: A4; margin: 18mm 16mm; }
html { font-size: 10.5pt; }
html body { max-width: none; margin: 0; padding: 0; column-count: 2; column-gap: 2em; hyphens: manual; }
header#title-block-header { column-span: all; }
table { width: 100%; font-size: 9.5pt; }
a { word-break: break-all; }
</style>
"""


def reference_docx_twocol(path):
    """Pandoc's default reference.docx with an A4 page (2 cm margins) in two columns
    (w:cols num 2, space 708), Liberation Serif 10 pt body text and 8 pt footnotes."""
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
                              '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" '
                              'w:right="1134" w:bottom="1134" w:left="1134" w:header="709" '
                              'w:footer="709" w:gutter="0"/><w:cols w:num="2" w:space="708"/></w:sectPr>')
                assert '<w:cols w:num="2"' in s
                data = s.encode()
            elif item.filename == "word/styles.xml":
                s = data.decode()
                old = ('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" '
                       'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />\n'
                       '        <w:sz w:val="24" />\n        <w:szCs w:val="24" />')
                assert old in s
                s = s.replace(old, '<w:rFonts w:ascii="Liberation Serif" w:eastAsia="Liberation Serif" '
                                   'w:hAnsi="Liberation Serif" w:cs="Liberation Serif" />\n'
                                   '        <w:sz w:val="20" />\n        <w:szCs w:val="20" />', 1)
                old = ('<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                       '    <w:name w:val="Footnote Text" />')
                assert old in s
                s = s.replace(old, old + '\n    <w:pPr><w:spacing w:after="40" /></w:pPr>\n'
                                         '    <w:rPr><w:sz w:val="16" /><w:szCs w:val="16" /></w:rPr>', 1)
                data = s.encode()
            zout.writestr(item, data)
    os.remove(tmp)

# ---------------------------------------------------------------- checks


def table_cell_notes(ast):
    """Labels (in truth order) of the notes whose marker stands in a table cell; 'alone' when the
    cell holds nothing but the marker."""
    out, count = {}, [0]

    def visit(n, cell):
        if isinstance(n, dict):
            t = n.get("t")
            if t == "Note":
                count[0] += 1
                if cell is not None:
                    out[str(count[0])] = cell
                return
            if t == "Table":
                _, caption, _, head, bodies, foot = n["c"]
                visit(caption, None)
                rows = list(head[1])
                for b in bodies:
                    rows += b[2] + b[3]
                rows += foot[1]
                for row in rows:
                    for c in row[1]:
                        text = re.sub(r"\ue000\d+\ue001", "", " ".join(
                            rd.Truth().inl(b["c"]) for b in c[4] if b.get("t") in ("Plain", "Para"))).strip()
                        visit(c[4], "alone" if not text else "text")
                return
            for v in n.values():
                visit(v, cell)
        elif isinstance(n, list):
            for x in n:
                visit(x, cell)
    visit(ast["blocks"], None)
    return out


def check_html(name, n):
    with open(os.path.join(DOCS, "html", f"{name}.html"), encoding="utf-8") as f:
        s = f.read()
    refs = re.findall(r'<a\s+href="#fn(\d+)"\s+class="footnote-ref"\s+id="fnref\d+"\s+role="doc-noteref"><sup>(\d+)</sup>', s)
    ids = re.findall(r'<li id="fn(\d+)"', s)
    want = [str(i) for i in range(1, n + 1)]
    ok = [a for a, _ in refs] == want and [b for _, b in refs] == want and ids == want
    return ok, f"html: {len(refs)} note links, {len(ids)} endnotes"


def check_docx(name, notes):
    with zipfile.ZipFile(os.path.join(DOCS, "docx", f"{name}.docx")) as z:
        fx = z.read("word/footnotes.xml").decode()
        dx = z.read("word/document.xml").decode()
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"', dx)
    bodies = {}
    for m in re.finditer(r'<w:footnote (?:(?!w:type=)[^>])*w:id="(\d+)"[^>]*>(.*?)</w:footnote>', fx, re.S):
        bodies[m.group(1)] = htmlmod.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m.group(2))))
    cols = re.search(r'<w:cols w:num="2"', dx) is not None

    def words(s):
        return re.findall(r"\w+", s.lower())[:4]
    differ = [x["label"] for x, r in zip(notes, refs) if words(x["text"]) != words(bodies.get(r, ""))]
    ok = len(refs) == len(notes) == len(bodies) and len(set(refs)) == len(refs) and not differ and cols
    return ok, (f"docx: {len(refs)} references, {len(bodies)} footnotes, two-column section {cols}, "
                f"first words differ: {differ or 'none'}")


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def column_lines(layout_text):
    """Share of non-empty lines of a -layout text that show two blocks side by side: a run of 3+
    spaces starting between 25 and 75 per cent of the page's widest line, text on both sides."""
    lines = [l for l in layout_text.replace("\f", "\n").split("\n") if l.strip()]
    if not lines:
        return 0.0, 0
    width = max(len(l) for l in lines)
    side = 0
    for l in lines:
        for m in re.finditer(r"\S( {3,})\S", l):
            if 0.25 * width <= m.start(1) <= 0.75 * width and l[:m.start(1)].strip():
                side += 1
                break
    return side / len(lines), len(lines)


def column_pieces(text, u, most=6):
    """The URL as at most `most` pieces (3+ characters each but the last), each found inside one
    column segment of a line (a line cut at runs of 3+ spaces): how a URL wrapped inside a column
    of a -layout text is carried, with the other column's words between its pieces."""
    segs = [seg.strip() for line in text.split("\n") for seg in re.split(r" {3,}", line) if seg.strip()]
    blob = "\n".join(segs)
    i, n = 0, 0
    while i < len(u):
        lo, hi, best = 1, len(u) - i, 0
        while lo <= hi:  # longest u[i:i+k] found in one segment
            m = (lo + hi) // 2
            if u[i:i + m] in blob:
                best, lo = m, m + 1
            else:
                hi = m - 1
        if best < 3 and i + best < len(u):
            return False
        i, n = i + best, n + 1
        if n > most:
            return False
    return True


def url_carriage(text, url):
    """How an extracted text carries a URL: verbatim (on one line), wrapped (whole once line
    breaks and spaces are removed), hyphen-lost (whole only once hyphens are removed as well),
    column-wrapped (in up to six pieces, each inside one column segment of a line, other text
    between them: a -layout text of a page in columns; a loose test), split (none of these)."""
    u = url.split("#")[0]
    if u in text:
        return "verbatim"
    flat = re.sub(r"\s+", "", text)
    if u in flat:
        return "wrapped"
    if u.replace("-", "") in flat.replace("-", ""):
        return "hyphen-lost"
    if column_pieces(text, u):
        return "column-wrapped"
    return "split"


def note_openings(notes, text):
    """Notes whose first three words are found in the text (whitespace normalised), and those
    found with their label right in front (label, optional space, first word)."""
    flat = re.sub(r"\s+", " ", text)
    found, labelled = 0, 0
    for x in notes:
        ws = re.findall(r"\S+", x["text"])[:3]
        if not ws:
            continue
        pat = r"\s*".join(re.escape(w) for w in ws)
        if re.search(pat, flat):
            found += 1
        if re.search(r"(?<![\d.,])" + x["label"] + r" ?" + re.escape(ws[0]), flat):
            labelled += 1
    return found, labelled

# ---------------------------------------------------------------- build


def main():
    if not HAVE_CHROME:
        print("chromium not found: chrome-pdf, chrome-txt and chrome-layout are skipped")
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    ref = os.path.join(NORM, "reference-a4-twocol.docx")
    reference_docx_twocol(ref)
    aids = {"multicol-head.tex": XETEX_HEAD, "multicol-before.tex": XETEX_BEFORE,
            "multicol-after.tex": XETEX_AFTER, "multicol-tables.lua": XETEX_FILTER, "columns-css.html": CHROME_CSS}
    for fn, text in aids.items():
        with open(os.path.join(NORM, fn), "w", encoding="utf-8") as f:
            f.write(text)
    truth = {"documents": {}}
    cells = {}
    for name, published in DOCUMENTS.items():
        print(f"\n== {name}", flush=True)
        src = os.path.join(SRC, f"{name}.md")
        ast = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json", src],
                                        check=True, capture_output=True).stdout)
        rd.clean_ast(ast)
        ast_path = os.path.join(NORM, f"{name}.json")
        with open(ast_path, "w", encoding="utf-8") as f:
            json.dump(ast, f)
        notes = rd.truth_of(ast)
        cells[name] = table_cell_notes(ast)
        truth["documents"][name] = {"source": f"src/{name}.md", "published": published, "notes": notes}
        base = ["pandoc", "-f", "json", ast_path]
        html = f"{DOCS}/html/{name}.html"
        sh(base + ["-s", "-t", "html5", "-o", html])
        sh(base + ["-t", "docx", "--reference-doc", ref, "-o", f"{DOCS}/docx/{name}.docx"])
        tex_twocolumn(ast_path, f"{DOCS}/tex-pdf/{name}.pdf")
        sh(base + ["-s", "--pdf-engine=xelatex", "--lua-filter", f"{NORM}/multicol-tables.lua",
                   "-V", "papersize=a4", "-V", "fontsize=10pt", "-V", "geometry=margin=1.8cm",
                   "-V", "mainfont=Liberation Serif", "-H", f"{NORM}/multicol-head.tex",
                   "-B", f"{NORM}/multicol-before.tex", "-A", f"{NORM}/multicol-after.tex",
                   "-o", f"{DOCS}/xetex-pdf/{name}.pdf"])
        if HAVE_CHROME:
            chtml = os.path.join(NORM, f"{name}.columns.html")
            sh(base + ["-s", "-t", "html5", "-H", f"{NORM}/columns-css.html", "-o", chtml])
            prof = tempfile.mkdtemp(prefix="chrome-profile-")
            try:
                sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", f"--user-data-dir={prof}", "--no-pdf-header-footer",
                    f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{chtml}"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
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

    print("\nchecks")
    structural = False
    for name in DOCUMENTS:
        notes = truth["documents"][name]["notes"]
        with open(os.path.join(SRC, f"{name}.md"), encoding="utf-8") as f:
            words = len(f.read().split())
        ok_h, msg_h = check_html(name, len(notes))
        ok_d, msg_d = check_docx(name, notes)
        structural |= not (ok_h and ok_d)
        nurls = sum(len(x["urls"]) for x in notes)
        pg = {p: pages(f"{DOCS}/{p}/{name}.pdf") for p in PDFS}
        print(f"{name}: {words} words (src), {len(notes)} notes, {nurls} URLs, "
              f"{sum(1 for x in notes if x['urls'])} with URL, {sum(1 for x in notes if len(x['urls']) > 1)} with 2+ URLs, "
              f"{sum(1 for x in notes if not x['urls'])} without URL, "
              f"{sum(1 for x in notes if not x['sentence'])} without a sentence; pages "
              + ", ".join(f"{p} {v}" for p, v in pg.items()))
        c = cells[name]
        print(f"  markers in table cells: {', '.join(f'{k} ({v})' for k, v in c.items()) or 'none'}")
        print(f"  {msg_h} [{'ok' if ok_h else 'BAD'}]; {msg_d} [{'ok' if ok_d else 'BAD'}]")
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(DOCUMENTS)} documents, {total} notes, "
          f"{sum(len(c) for c in cells.values())} markers in table cells "
          f"({sum(1 for c in cells.values() for v in c.values() if v == 'alone')} alone in their cell)")

    print("\ncolumns: share of -layout lines with two blocks side by side (per document), pages")
    for p in PDFS:
        b = p[:-4]
        row = []
        for name in DOCUMENTS:
            with open(os.path.join(DOCS, f"{b}-layout", f"{name}.txt"), encoding="utf-8") as f:
                share, n = column_lines(f.read())
            row.append(f"{name} {share:.2f} of {n}")
        print(f"  {p}: " + "; ".join(row))

    print("\nnote openings found in the extracted texts (first three words; with the label in front)")
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        f3, lab, tot = 0, 0, 0
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                a, b2 = note_openings(doc["notes"], f.read())
            f3, lab, tot = f3 + a, lab + b2, tot + len(doc["notes"])
        print(f"  {r:<14} {f3} of {tot}; labelled {lab}")

    print("\nhow the extracted texts carry the truth's URLs (all documents):")
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
        print(f"  {r:<14} " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in ("verbatim", "wrapped", "hyphen-lost", "column-wrapped", "split")))
        if odd:
            print("    " + "; ".join(odd))
    if structural:
        print("STRUCTURAL CHECK FAILED (html or docx)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
