#!/usr/bin/env python3
"""Build blind-reading-8: five ordinary one-column documents with footnotes (two essays, a
Wikipedia-style article, a council policy report and a think-tank brief) whose notes mostly cite
long, varied URLs, rendered by real tools to PDF and copied out of the PDFs as text, with truth.

    python3 build.py                    # from this folder or anywhere (about 1 minute)
    python3 build.py > build.log 2>&1

Sources: src/<name>.md (Pandoc Markdown with [^n] footnotes; three of them hold one pipe table
whose cells carry markers).  Truth (truth.json) is computed from the Pandoc AST exactly as
../../../shared/real-docs/build.py does (its clean_ast and truth_of are imported, not copied), as
blind-reading-5 and blind-reading-7 do; table_notes lists the labels whose marker stands in a
table cell.  Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s -t html5 (Pandoc's own stylesheet; endnotes)
  docx           pandoc -t docx with Pandoc's default reference doc, changed only in page and
                 fonts: A4, 2.5 cm margins, Liberation Serif 11 pt, notes 9 pt
  lo-pdf         soffice --headless --convert-to pdf of the docx (notes at each page foot)
  tex-pdf        pandoc -s -t latex (article class, A4, 11 pt, default margins and footnotes),
                 with the template's xurl line removed, so hyperref's url package breaks URLs only
                 at slashes and other URL punctuation and, by the template's [hyphens] option, at
                 hyphens; then pdflatex twice
  xetex-pdf      pandoc -s -t latex (article, US Letter, 11 pt, 1 in margins, TeX Gyre Termes,
                 the template's xurl kept: URLs break anywhere), then xelatex twice
  chrome-pdf     the html printed by chromium --headless --no-sandbox --no-pdf-header-footer
                 --print-to-pdf (endnotes at the end); skipped when chromium is missing
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

Checks: html and docx must carry exactly the truth's notes, in order, with the truth's texts
(exit 1 otherwise).  For information it logs: which notes stand in table cells, page counts, on
which pages each table lies in each PDF, which note openings each extracted text holds (and with
their label in front), how the extracted texts carry the truth's URLs, and which of the numbers
that are not markers (years, 1,200, km2, COVID-19, G7, version 2.4, 3.5 per cent) each text shows.
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
    "essay-last-bus-home": "2024-11-19",
    "essay-repair-and-return": "2025-03-04",
    "wiki-fellgate-lido": "2024-08-21",
    "report-flood-grants": "2025-01-28",
    "brief-offline-renters": "2024-06-12",
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

# pdflatex: Pandoc's template loads xurl when it exists (URLs broken anywhere); this set wants
# the plain url package that hyperref loads, which breaks at slashes and (the template passes
# [hyphens] to url) at hyphens.
XURL_LINE = r"\IfFileExists{xurl.sty}{\usepackage{xurl}}{} % add URL line breaks if available"

# Numbers in the bodies that are not note markers: how each extracted text shows them.
DISTRACTORS = ["COVID-19", "G7", "1,200", "version 2.4", "3.5 per cent", "km2", "N14", "2024-25"]


def sh(cmd, **kw):
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def reference_docx(path):
    """Pandoc's default reference.docx with an A4 page (2.5 cm margins), Liberation Serif 11 pt
    for the body and 9 pt for footnotes.  The table style is left as it is."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                               check=True, capture_output=True).stdout)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                s = data.decode()
                assert "<w:sectPr />" in s
                s = s.replace("<w:sectPr />",
                              '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" '
                              'w:right="1418" w:bottom="1418" w:left="1418" w:header="709" '
                              'w:footer="709" w:gutter="0"/></w:sectPr>')
                data = s.encode()
            elif item.filename == "word/styles.xml":
                s = data.decode()
                old = ('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" '
                       'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />\n'
                       '        <w:sz w:val="24" />\n        <w:szCs w:val="24" />')
                assert old in s
                s = s.replace(old, '<w:rFonts w:ascii="Liberation Serif" w:eastAsia="Liberation Serif" '
                                   'w:hAnsi="Liberation Serif" w:cs="Liberation Serif" />\n'
                                   '        <w:sz w:val="22" />\n        <w:szCs w:val="22" />', 1)
                old = ('<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                       '    <w:name w:val="Footnote Text" />')
                assert old in s
                s = s.replace(old, old + '\n    <w:pPr><w:spacing w:after="40" /></w:pPr>\n'
                                         '    <w:rPr><w:sz w:val="18" /><w:szCs w:val="18" /></w:rPr>', 1)
                data = s.encode()
            zout.writestr(item, data)
    os.remove(tmp)


def latex_twice(engine, tex, pdf):
    """Run a LaTeX engine twice on tex in a scratch folder; copy the PDF to pdf."""
    work = tempfile.mkdtemp(prefix=f"{engine}-")
    try:
        for _ in range(2):
            print(f"$ {engine} -interaction=nonstopmode -halt-on-error {os.path.basename(tex)}  (in a scratch folder)", flush=True)
            r = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "-output-directory", work, tex],
                               capture_output=True, text=True, errors="replace", cwd=work)
            if r.returncode:
                print(r.stdout[-3000:])
                raise SystemExit(f"{engine} failed on {tex}")
        shutil.copy(os.path.join(work, os.path.splitext(os.path.basename(tex))[0] + ".pdf"), pdf)
    finally:
        shutil.rmtree(work, ignore_errors=True)

# ---------------------------------------------------------------- truth helpers


def cell_text(cell_blocks):
    return re.sub(r"\ue000\d+\ue001", "", " ".join(
        rd.Truth().inl(b["c"]) for b in cell_blocks if b.get("t") in ("Plain", "Para"))).strip()


def tables_of(ast):
    """Per table, in order: caption, its rows as lists of cell texts (markers removed), and the
    labels of the notes in its cells with where they stand ('text' or 'alone', head or body)."""
    out, count = [], [0]

    def visit(n, where):
        if isinstance(n, dict):
            t = n.get("t")
            if t == "Note":
                count[0] += 1
                if where is not None:
                    where.append(str(count[0]))
                return
            if t == "Table":
                _, caption, _, head, bodies, foot = n["c"]
                visit(caption, None)
                cap = " ".join(rd.Truth().inl(b["c"]) for b in caption[1] if b.get("t") in ("Plain", "Para"))
                tab = {"caption": re.sub(r"\ue000\d+\ue001", "", cap).strip(), "rows": [], "notes": {}}
                rows = [("head", r) for r in head[1]]
                for b in bodies:
                    rows += [("body", r) for r in b[2] + b[3]]
                rows += [("foot", r) for r in foot[1]]
                for part, row in rows:
                    tab["rows"].append([cell_text(c[4]) for c in row[1]])
                    for c in row[1]:
                        labels = []
                        visit(c[4], labels)
                        for lab in labels:
                            tab["notes"][lab] = ("alone" if not cell_text(c[4]) else "text") + ("" if part == "body" else f", {part}")
                out.append(tab)
                return
            for v in n.values():
                visit(v, where)
        elif isinstance(n, list):
            for x in n:
                visit(x, where)
    visit(ast["blocks"], None)
    return out

# ---------------------------------------------------------------- checks


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

    def words(s):
        return re.findall(r"\w+", s.lower())[:4]
    differ = [x["label"] for x, r in zip(notes, refs) if words(x["text"]) != words(bodies.get(r, ""))]
    vertical = len(re.findall(r"<w:(?:left|right|insideV|start|end) w:val=\"(?!nil|none)", dx))
    ok = len(refs) == len(notes) == len(bodies) and len(set(refs)) == len(refs) and not differ
    return ok, (f"docx: {len(refs)} references, {len(bodies)} footnotes, first words differ: {differ or 'none'}, "
                f"vertical cell borders set in document.xml: {vertical}")


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def squash(s):
    return re.sub(r"[^\w]+", "", s.lower())


def table_pages(tab, layout_text):
    """Pages (1-based) of a -layout text on which a table lies: the page of its caption (when
    given) and of every cell of its first column whose words (squashed, 6+ characters) occur
    exactly once in the whole text; 'a-b' when it runs over a page break."""
    pgs = [squash(p) for p in layout_text.split("\f")]
    whole = "".join(pgs)
    keys = [squash(tab["caption"])[:30]] if tab["caption"] else []
    keys += [squash(row[0])[:24] for row in tab["rows"] if row]
    found = []
    for key in keys:
        if len(key) < 6 or whole.count(key) != 1:
            continue
        found += [i + 1 for i, p in enumerate(pgs) if key in p]
    if not found:
        return "?"
    return str(found[0]) if min(found) == max(found) else f"{min(found)}-{max(found)}"


def note_openings(notes, text):
    """Notes whose first three words are found in the text (whitespace normalised), and those
    found with their label right in front (label, optional '.' and space, first word)."""
    flat = re.sub(r"\s+", " ", text)
    found, labelled = 0, 0
    for x in notes:
        ws = re.findall(r"\S+", x["text"])[:3]
        if not ws:
            continue
        pat = r"\s*".join(re.escape(w) for w in ws)
        if re.search(pat, flat):
            found += 1
        if re.search(r"(?<![\d.,])" + x["label"] + r"\.? ?" + re.escape(ws[0]), flat):
            labelled += 1
    return found, labelled


def url_carriage(text, url):
    """How an extracted text carries a URL: verbatim (on one line), wrapped (whole once line
    breaks and spaces are removed), hyphen-lost (whole only once hyphens are removed as well),
    split (none of these)."""
    u = url.split("#")[0]
    if u in text:
        return "verbatim"
    flat = re.sub(r"\s+", "", text)
    if u in flat:
        return "wrapped"
    if u.replace("-", "") in flat.replace("-", ""):
        return "hyphen-lost"
    return "split"

# ---------------------------------------------------------------- build


def main():
    if not HAVE_CHROME:
        print("chromium not found: chrome-pdf, chrome-txt and chrome-layout are skipped")
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    ref = os.path.join(NORM, "reference-a4.docx")
    reference_docx(ref)
    truth = {"documents": {}}
    tables = {}
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
        tables[name] = tables_of(ast)
        cell_labels = [lab for t in tables[name] for lab in t["notes"]]
        truth["documents"][name] = {"source": f"src/{name}.md", "published": published,
                                    "table_notes": sorted(cell_labels, key=int), "notes": notes}
        base = ["pandoc", "-f", "json", ast_path]
        html = f"{DOCS}/html/{name}.html"
        sh(base + ["-s", "-t", "html5", "-o", html])
        sh(base + ["-t", "docx", "--reference-doc", ref, "-o", f"{DOCS}/docx/{name}.docx"])
        tex = os.path.join(NORM, f"{name}.tex")
        sh(base + ["-s", "-t", "latex", "-V", "documentclass=article", "-V", "papersize=a4",
                   "-V", "fontsize=11pt", "-o", tex])
        with open(tex, encoding="utf-8") as f:
            t = f.read()
        if XURL_LINE not in t:
            raise SystemExit("pandoc's LaTeX template has no xurl line to remove")
        print(f"  (removed from {os.path.basename(tex)}: {XURL_LINE})")
        with open(tex, "w", encoding="utf-8") as f:
            f.write(t.replace(XURL_LINE, "% xurl not loaded (blind-reading-8): url breaks at slashes and hyphens"))
        latex_twice("pdflatex", tex, f"{DOCS}/tex-pdf/{name}.pdf")
        xtex = os.path.join(NORM, f"{name}.xetex.tex")
        sh(base + ["-s", "-t", "latex", "-V", "documentclass=article", "-V", "papersize=letter",
                   "-V", "fontsize=11pt", "-V", "geometry:margin=1in", "-V", "mainfont=TeX Gyre Termes",
                   "-V", "colorlinks=true", "-o", xtex])
        latex_twice("xelatex", xtex, f"{DOCS}/xetex-pdf/{name}.pdf")
        if HAVE_CHROME:
            prof = tempfile.mkdtemp(prefix="chrome-profile-")
            try:
                sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", f"--user-data-dir={prof}", "--no-pdf-header-footer",
                    f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{html}"],
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
        words = len(subprocess.run(["pandoc", os.path.join(SRC, f"{name}.md"), "-t", "plain"],
                                   capture_output=True, text=True, check=True).stdout.split())
        ok_h, msg_h = check_html(name, len(notes))
        ok_d, msg_d = check_docx(name, notes)
        structural |= not (ok_h and ok_d)
        nurls = sum(len(x["urls"]) for x in notes)
        pg = {p: pages(f"{DOCS}/{p}/{name}.pdf") for p in PDFS}
        tn = truth["documents"][name]["table_notes"]
        print(f"{name}: {words} words (pandoc -t plain), {len(notes)} notes, {nurls} URLs, "
              f"{sum(1 for x in notes if x['urls'])} with URL, {sum(1 for x in notes if len(x['urls']) > 1)} with 2+ URLs, "
              f"{sum(1 for x in notes if not x['urls'])} without URL, {len(tn)} in table cells, "
              f"{sum(1 for x in notes if not rd_words(x['sentence']))} without a scorable sentence "
              f"({', '.join(x['label'] for x in notes if not rd_words(x['sentence'])) or 'none'}); pages "
              + ", ".join(f"{p} {v}" for p, v in pg.items()))
        print(f"  {msg_h} [{'ok' if ok_h else 'BAD'}]; {msg_d} [{'ok' if ok_d else 'BAD'}]")
        for k, t in enumerate(tables[name], 1):
            ncols = max(len(r) for r in t["rows"])
            where = {}
            for p in PDFS:
                with open(os.path.join(DOCS, p[:-4] + "-layout", f"{name}.txt"), encoding="utf-8") as f:
                    where[p] = table_pages(t, f.read())
            print(f"  table {k} ({t['caption'][:60]!r}): {len(t['rows'])} rows x {ncols} columns; "
                  f"markers {', '.join(f'{l} ({w})' for l, w in t['notes'].items()) or 'none'}; pages "
                  + ", ".join(f"{p} {v}" for p, v in where.items()))
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(DOCUMENTS)} documents, {total} notes, "
          f"{sum(len(d['table_notes']) for d in truth['documents'].values())} markers in table cells")

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
        print(f"  {r:<14} " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in ("verbatim", "wrapped", "hyphen-lost", "split")))
        if odd:
            print("    " + "; ".join(odd))

    print("\nthe truth's URLs by shape (a URL may count in several rows):")
    allu = [u for d in truth["documents"].values() for x in d["notes"] for u in x["urls"]]
    shapes = {
        "query string (?)": lambda u: "?" in u,
        "fragment (#)": lambda u: "#" in u,
        "percent-escape": lambda u: re.search(r"%[0-9A-Fa-f]{2}", u) is not None,
        "underscore": lambda u: "_" in u,
        "3+ hyphens in one path segment": lambda u: any(seg.count("-") >= 3 for seg in u.split("/")[3:]),
        "date in path (yyyy/mm/dd, yyyy-mm-dd)": lambda u: re.search(r"(19|20)\d\d([/-])\d\d\2\d\d", u) is not None,
        "year span (2024-25, 2016-17)": lambda u: re.search(r"(19|20)\d\d-\d\d(?!\d)", u) is not None,
        ".pdf / .xlsx / .csv / .aspx": lambda u: re.search(r"\.(pdf|xlsx|csv|aspx)(\?|#|$)", u) is not None,
        "doi.org": lambda u: "doi.org/" in u,
        "web.archive.org copy": lambda u: "web.archive.org/" in u,
        "hyphen in host": lambda u: "-" in u.split("/")[2],
        "http:// (not https)": lambda u: u.startswith("http://"),
        "CamelCase path segment": lambda u: re.search(r"/[A-Z][a-z]+[A-Z]", u) is not None,
    }
    for label, test in shapes.items():
        print(f"  {label:<40} {sum(1 for u in allu if test(u))} of {len(allu)}")

    print("\nnumbers that are not markers: occurrences in the sources (pandoc -t plain, body and notes,"
          " with km² as km2) and in each text (whitespace runs read as one space)")
    def src_count(k):
        n = 0
        for name in DOCUMENTS:
            plain = subprocess.run(["pandoc", os.path.join(SRC, f"{name}.md"), "-t", "plain", "--wrap=none"],
                                   capture_output=True, text=True, check=True).stdout
            n += re.sub(r"\s+", " ", plain.replace("km²", "km2")).count(k)
        return n
    print(f"  {'source':<14} " + ", ".join(f"{k!r} {src_count(k)}" for k in DISTRACTORS))
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        counts = dict.fromkeys(DISTRACTORS, 0)
        for name in DOCUMENTS:
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                flat = re.sub(r"\s+", " ", f.read())
            for k in DISTRACTORS:
                counts[k] += flat.count(k)
        print(f"  {r:<14} " + ", ".join(f"{k!r} {v}" for k, v in counts.items()))
    if structural:
        print("STRUCTURAL CHECK FAILED (html or docx)")
        return 1
    return 0


def rd_words(text):
    """real-docs' scorer's word set (lower-case \\w+, 1-3-digit tokens dropped): a truth sentence
    with none is not scored for claims."""
    return {w for w in re.findall(r"\w+", (text or "").lower()) if not (w.isdigit() and len(w) <= 3)}


if __name__ == "__main__":
    sys.exit(main())
