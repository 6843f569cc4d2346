#!/usr/bin/env python3
"""Build blind-reading-9: five ordinary footnoted documents (an essay, a Wikipedia-style article,
a council scrutiny report, a think-tank brief and a French policy note), each LAID OUT
DIFFERENTLY: every document gets its own LaTeX class, type size, paper, margins, spacing and
footnote settings for pdflatex and for xelatex, some get their own reference .docx (so their
LibreOffice PDF differs) and some their own print stylesheet for Chromium.  Rendered by real
tools to PDF, copied out of the PDFs as text, with truth.

    python3 build.py                    # from this folder or anywhere (about 1 minute)
    python3 build.py > build.log 2>&1

Sources: src/<name>.md (Pandoc Markdown with [^n] footnotes).  Truth (truth.json) is computed
from the Pandoc AST exactly as ../../../shared/real-docs/build.py does (its clean_ast and truth_of
are imported, not copied), as blind-reading-5 and -8 do; table_notes lists the labels whose
marker stands in a table cell.  Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s -t html5 (Pandoc's own stylesheet; endnotes; lang=fr for the French note)
  docx           pandoc -t docx with the document's reference doc (LAYOUT[name]["docx"], see REFDOCS)
  lo-pdf         soffice --headless --convert-to pdf of the docx (notes at each page foot)
  tex-pdf        pandoc -s -t latex with the document's settings (LAYOUT[name]["tex"]), pdflatex twice
  xetex-pdf      pandoc -s -t latex with the document's settings (LAYOUT[name]["xetex"]), xelatex twice
  chrome-pdf     chromium --headless --print-to-pdf of the html, or of a copy of it with the
                 document's print stylesheet (LAYOUT[name]["chrome"]); skipped without chromium
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

Checks (exit 1 when one fails): html and docx carry exactly the truth's notes, in order, with the
truth's texts; each LaTeX source holds one \\footnote per truth note.  Logged for information:
page counts, overfull lines reported by LaTeX, where the tables fall, which note openings each
extracted text holds, which notes run over a page break in each PDF, how the texts carry the
truth's URLs, and how the numbers that are not markers come out.
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
import unicodedata
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

# ---------------------------------------------------------------- layouts

# LaTeX header snippets (passed with -H, so they come after the template's packages)
ONEHALF = r"\usepackage{setspace}\onehalfspacing"
FULL_RULE = r"\renewcommand{\footnoterule}{\kern-3pt\hrule width\textwidth height 0.4pt\kern2.6pt}"
NO_RULE = r"\renewcommand{\footnoterule}{}"
THICK_SHORT_RULE = r"\renewcommand{\footnoterule}{\kern-3pt\hrule width 0.25\textwidth height 1pt\kern2.2pt}"
HANG = r"\usepackage[hang,flushmargin]{footmisc}"
KOMA_NOTES = r"\deffootnote[2em]{2em}{1em}{\thefootnotemark.\ }"  # label in body size, "1. ", hanging
XURL_LINE = r"\IfFileExists{xurl.sty}{\usepackage{xurl}}{} % add URL line breaks if available"

# reference docs: name -> (page w, h, margin in twips, body half-points, note half-points)
REFDOCS = {
    "a4-11pt": (11906, 16838, 1418, 22, 18),          # blind-reading-8's: A4, 2.5 cm, 11 pt / 9 pt
    "letter-12pt": (12240, 15840, 1440, 24, 20),      # US Letter, 1 in margins, 12 pt / 10 pt
    "a4-13pt-wide": (11906, 16838, 1928, 26, 20),     # A4, 3.4 cm margins, 13 pt / 10 pt
}

PRINT_CSS = {
    "notes-small-a4": "<style>@page { size: A4; margin: 18mm 16mm; } "
                      "section.footnotes { font-size: 72%; line-height: 1.25; } "
                      "section.footnotes li { margin-bottom: 0.2em; }</style>",
    "wide-sans-a4": "<style>@page { size: A4; margin: 14mm; } "
                    "body { max-width: 48em; font-family: 'Liberation Sans', sans-serif; font-size: 10.5pt; } "
                    "table { font-size: 95%; }</style>",
}

# name -> published, reference doc, pdflatex and xelatex settings, chrome print stylesheet
LAYOUT = {
    "essay-harbour-wall": {
        "published": "2025-02-18", "docx": "a4-11pt",
        "tex": {"desc": "article 12pt, US Letter, wide 1.5 in margins, \\onehalfspacing, full-width footnote rule, url without xurl",
                "vars": ["documentclass=article", "papersize=letter", "fontsize=12pt", "geometry:margin=1.5in"],
                "header": [ONEHALF, FULL_RULE], "xurl": False, "args": []},
        "xetex": {"desc": "scrartcl 10pt, A4, KOMA defaults, TeX Gyre Pagella, xurl",
                  "vars": ["documentclass=scrartcl", "papersize=a4", "fontsize=10pt", "mainfont=TeX Gyre Pagella"],
                  "header": [], "xurl": True, "args": []},
        "chrome": None, "lang": None,
    },
    "wiki-tollmere-observatory": {
        "published": "2024-09-30", "docx": "a4-11pt",
        "tex": {"desc": "TWO-COLUMN article 10pt, A4, narrow 1.5 cm margins, xurl",
                "vars": ["documentclass=article", "classoption=twocolumn", "papersize=a4", "fontsize=10pt",
                         "geometry:margin=1.5cm"],
                "header": [], "xurl": True, "args": []},
        "xetex": {"desc": "article 11pt, US Letter, 1 in margins, TeX Gyre Termes, colour links, xurl",
                  "vars": ["documentclass=article", "papersize=letter", "fontsize=11pt", "geometry:margin=1in",
                           "mainfont=TeX Gyre Termes", "colorlinks=true"],
                  "header": [], "xurl": True, "args": []},
        "chrome": "notes-small-a4", "lang": None,
    },
    "report-library-hours": {
        "published": "2025-03-25", "docx": "letter-12pt",
        "tex": {"desc": "report class 11pt (title page), A4, footmisc [hang,flushmargin], url without xurl",
                "vars": ["documentclass=report", "papersize=a4", "fontsize=11pt"],
                "header": [HANG], "xurl": False, "args": ["--top-level-division=section"]},
        "xetex": {"desc": "report class 12pt (title page), US Letter, 1 in margins, \\onehalfspacing, NO footnote rule, Termes, xurl",
                  "vars": ["documentclass=report", "papersize=letter", "fontsize=12pt", "geometry:margin=1in",
                           "mainfont=TeX Gyre Termes"],
                  "header": [ONEHALF, NO_RULE], "xurl": True, "args": ["--top-level-division=section"]},
        "chrome": None, "lang": None,
    },
    "brief-school-heat": {
        "published": "2024-10-08", "docx": "a4-11pt",
        "tex": {"desc": "scrartcl 11pt, A4, 2 cm margins, KOMA \\deffootnote (label '1.' in body size, hanging), xurl",
                "vars": ["documentclass=scrartcl", "papersize=a4", "fontsize=11pt", "geometry:margin=2cm"],
                "header": [KOMA_NOTES], "xurl": True, "args": []},
        "xetex": {"desc": "article 10pt, A4, narrow 2 cm margins, DejaVu Serif, short thick footnote rule, xurl",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=10pt", "geometry:margin=2cm",
                           "mainfont=DejaVu Serif"],
                  "header": [THICK_SHORT_RULE], "xurl": True, "args": []},
        "chrome": "wide-sans-a4", "lang": None,
    },
    "note-velos-cargos": {
        "published": "2024-05-14", "docx": "a4-13pt-wide",
        "tex": {"desc": "article 11pt, A4, 2.5 cm margins, no babel (T1 fonts; NBSP as ~), url without xurl",
                "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2.5cm"],
                "header": [], "xurl": False, "args": []},
        "xetex": {"desc": "article 12pt, A4, polyglossia French (lang=fr), TeX Gyre Pagella, xurl",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=12pt", "geometry:margin=2.2cm",
                           "mainfont=TeX Gyre Pagella", "lang=fr"],
                  "header": [], "xurl": True, "args": []},
        "chrome": None, "lang": "fr",
    },
}
DOCUMENTS = {k: v["published"] for k, v in LAYOUT.items()}

HAVE_CHROME = shutil.which("chromium") is not None
PDFS = ["lo-pdf", "tex-pdf", "xetex-pdf"] + (["chrome-pdf"] if HAVE_CHROME else [])
RENDERINGS = {"html": ("html", "html"), "docx": ("docx", "docx")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")

# Numbers in the bodies and notes that are not note markers.
DISTRACTORS = ["COVID-19", "1,200", "3.5%", "2.4.1", "3.2.1", "km2", "2023-24", "30 °C", "2009",
               "1er", "3,5 %", "8,4 %", "1 200 000", "12 mars 2021", "NO2", "CO2"]


def sh(cmd, **kw):
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def reference_docx(path, spec):
    """Pandoc's default reference.docx with the page size, margins and Liberation Serif sizes of
    spec (w, h, margin in twips; body and footnote sizes in half-points).  Tables as they are."""
    w, h, m, body, note = spec
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
                              f'<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"/><w:pgMar w:top="{m}" '
                              f'w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="709" '
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
                                   f'        <w:sz w:val="{body}" />\n        <w:szCs w:val="{body}" />', 1)
                old = ('<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                       '    <w:name w:val="Footnote Text" />')
                assert old in s
                s = s.replace(old, old + '\n    <w:pPr><w:spacing w:after="40" /></w:pPr>\n'
                                         f'    <w:rPr><w:sz w:val="{note}" /><w:szCs w:val="{note}" /></w:rPr>', 1)
                data = s.encode()
            zout.writestr(item, data)
    os.remove(tmp)


def latex_twice(engine, tex, pdf):
    """Run a LaTeX engine twice on tex in a scratch folder; copy the PDF to pdf.  Returns the
    number of overfull and underfull boxes reported in the last run's log."""
    work = tempfile.mkdtemp(prefix=f"{engine}-")
    try:
        for _ in range(2):
            print(f"$ {engine} -interaction=nonstopmode -halt-on-error {os.path.basename(tex)}  (in a scratch folder)", flush=True)
            r = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "-output-directory", work, tex],
                               capture_output=True, text=True, errors="replace", cwd=work)
            if r.returncode:
                print(r.stdout[-3000:])
                raise SystemExit(f"{engine} failed on {tex}")
        base = os.path.splitext(os.path.basename(tex))[0]
        shutil.copy(os.path.join(work, base + ".pdf"), pdf)
        with open(os.path.join(work, base + ".log"), encoding="utf-8", errors="replace") as f:
            log = f.read()
        return log.count("Overfull \\hbox"), log.count("Underfull \\hbox")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make_tex(name, ast_path, engine, spec):
    """pandoc -s -t latex with the spec's variables, extra arguments and header lines; the
    template's xurl line removed when spec['xurl'] is False.  Returns the .tex path."""
    suffix = "" if engine == "pdflatex" else ".xetex"
    tex = os.path.join(NORM, f"{name}{suffix}.tex")
    cmd = ["pandoc", "-f", "json", ast_path, "-s", "-t", "latex"] + spec["args"]
    for v in spec["vars"]:
        cmd += ["-V", v]
    if spec["header"]:
        hdr = os.path.join(NORM, f"{name}{suffix}.header.tex")
        with open(hdr, "w", encoding="utf-8") as f:
            f.write("\n".join(spec["header"]) + "\n")
        cmd += ["-H", hdr]
    sh(cmd + ["-o", tex])
    if not spec["xurl"]:
        with open(tex, encoding="utf-8") as f:
            t = f.read()
        if XURL_LINE not in t:
            raise SystemExit("pandoc's LaTeX template has no xurl line to remove")
        print(f"  (removed from {os.path.basename(tex)}: {XURL_LINE})")
        with open(tex, "w", encoding="utf-8") as f:
            f.write(t.replace(XURL_LINE, "% xurl not loaded (blind-reading-9): url breaks at slashes and hyphens"))
    return tex

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


def block_kinds(ast):
    """label -> the kind of block its marker stands in (para, blockquote, bullet item,
    ordered item, table cell, header); and the labels of notes of two or more blocks."""
    out, count, paras = {}, [0], []

    def visit(n, kind):
        if isinstance(n, dict):
            t = n.get("t")
            if t == "Note":
                count[0] += 1
                out[str(count[0])] = kind
                if len(n["c"]) > 1:
                    paras.append(str(count[0]))
                return
            k = {"BlockQuote": "blockquote", "BulletList": "bullet item", "OrderedList": "ordered item",
                 "Table": "table cell", "Header": "header"}.get(t, kind)
            for v in n.values():
                visit(v, k)
        elif isinstance(n, list):
            for x in n:
                visit(x, kind)
    visit(ast["blocks"], "para")
    return out, paras

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
    ok = len(refs) == len(notes) == len(bodies) and len(set(refs)) == len(refs) and not differ
    return ok, f"docx: {len(refs)} references, {len(bodies)} footnotes, first words differ: {differ or 'none'}"


def check_tex(tex, n):
    with open(tex, encoding="utf-8") as f:
        t = f.read()
    k = len(re.findall(r"\\footnote\{", t))
    return k == n, f"{os.path.basename(tex)}: {k} \\footnote"


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def squash(s):
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s).lower())


def table_pages(tab, layout_text):
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
    """Notes whose first three words are found in the text (NFKC, whitespace normalised), and
    those found with their label right in front (label, optional '.' and space, first word)."""
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    found, labelled, missing = 0, 0, []
    for x in notes:
        ws = re.findall(r"\S+", unicodedata.normalize("NFKC", x["text"]))[:3]
        if not ws:
            continue
        pat = r"\s*".join(re.escape(w) for w in ws)
        if re.search(pat, flat):
            found += 1
        else:
            missing.append(x["label"])
        if re.search(r"(?<![\d.,])" + x["label"] + r"\.? ?" + re.escape(ws[0]), flat):
            labelled += 1
    return found, labelled, missing


def notes_over_pages(notes, layout_text):
    """Labels of notes whose opening and closing (squashed, 24 characters each, unique in the
    text) lie on different pages of a -layout text."""
    pgs = [squash(p) for p in layout_text.split("\f")]
    whole = "".join(pgs)
    out = []
    for x in notes:
        s = squash(x["text"])
        if len(s) < 60:
            continue
        head, tail = s[:24], s[-24:]
        if whole.count(head) != 1 or whole.count(tail) != 1:
            continue
        ph = [i for i, p in enumerate(pgs) if head in p]
        pt = [i for i, p in enumerate(pgs) if tail in p]
        if ph and pt and ph[0] != pt[0]:
            out.append(f"{x['label']} (p. {ph[0] + 1}-{pt[0] + 1})")
    return out


def url_carriage(text, url):
    """verbatim (on one line), wrapped (whole once line breaks and spaces are removed),
    hyphen-lost (whole only once hyphens are removed as well), split (none of these)."""
    u = url.split("#")[0]
    if u in text:
        return "verbatim"
    flat = re.sub(r"\s+", "", text)
    if u in flat:
        return "wrapped"
    if u.replace("-", "") in flat.replace("-", ""):
        return "hyphen-lost"
    return "split"


def rd_words(text):
    """real-docs' scorer's word set (lower-case \\w+, 1-3-digit tokens dropped): a truth sentence
    with none is not scored for claims."""
    return {w for w in re.findall(r"\w+", (text or "").lower()) if not (w.isdigit() and len(w) <= 3)}

# ---------------------------------------------------------------- build


def main():
    if not HAVE_CHROME:
        print("chromium not found: chrome-pdf, chrome-txt and chrome-layout are skipped")
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    for ref, spec in REFDOCS.items():
        reference_docx(os.path.join(NORM, f"reference-{ref}.docx"), spec)
    truth = {"documents": {}}
    tables, kinds, multi, tex_ok, boxes = {}, {}, {}, True, {}
    for name, lay in LAYOUT.items():
        published = lay["published"]
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
        kinds[name], multi[name] = block_kinds(ast)
        cell_labels = [lab for t in tables[name] for lab in t["notes"]]
        truth["documents"][name] = {"source": f"src/{name}.md", "published": published,
                                    "table_notes": sorted(cell_labels, key=int), "notes": notes}
        base = ["pandoc", "-f", "json", ast_path]
        lang = ["-V", f"lang={lay['lang']}"] if lay["lang"] else []
        html = f"{DOCS}/html/{name}.html"
        sh(base + ["-s", "-t", "html5"] + lang + ["-o", html])
        sh(base + ["-t", "docx", "--reference-doc", os.path.join(NORM, f"reference-{lay['docx']}.docx"),
                   "-o", f"{DOCS}/docx/{name}.docx"])
        for engine, key, folder in (("pdflatex", "tex", "tex-pdf"), ("xelatex", "xetex", "xetex-pdf")):
            print(f"  {key}: {lay[key]['desc']}")
            tex = make_tex(name, ast_path, engine, lay[key])
            ok, msg = check_tex(tex, len(notes))
            print(f"  {msg} [{'ok' if ok else 'BAD'}]")
            tex_ok &= ok
            boxes[(name, folder)] = latex_twice(engine, tex, f"{DOCS}/{folder}/{name}.pdf")
        if HAVE_CHROME:
            page = html
            if lay["chrome"]:
                page = os.path.join(NORM, f"{name}.chrome.html")
                hdr = os.path.join(NORM, f"{lay['chrome']}.css.html")
                with open(hdr, "w", encoding="utf-8") as f:
                    f.write(PRINT_CSS[lay["chrome"]] + "\n")
                print(f"  chrome: print stylesheet {lay['chrome']}: {PRINT_CSS[lay['chrome']]}")
                sh(base + ["-s", "-t", "html5"] + lang + ["-H", hdr, "-o", page])
            else:
                print("  chrome: the html as it is (Pandoc's stylesheet, Chromium's default Letter page)")
            prof = tempfile.mkdtemp(prefix="chrome-profile-")
            try:
                sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", f"--user-data-dir={prof}", "--no-pdf-header-footer",
                    f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{page}"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            finally:
                shutil.rmtree(prof, ignore_errors=True)
    prof = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        sh(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
            "--outdir", f"{DOCS}/lo-pdf"] + [f"{DOCS}/docx/{n}.docx" for n in LAYOUT],
           stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    for name in LAYOUT:
        for p in PDFS:
            b = p[:-4]
            pdf = f"{DOCS}/{p}/{name}.pdf"
            if not os.path.exists(pdf):
                raise SystemExit(f"missing {pdf}")
            sh(["pdftotext", pdf, f"{DOCS}/{b}-txt/{name}.txt"])
            sh(["pdftotext", "-layout", pdf, f"{DOCS}/{b}-layout/{name}.txt"])
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")

    print("\nchecks")
    structural = not tex_ok
    for name, lay in LAYOUT.items():
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
              f"{sum(1 for x in notes if not x['urls'])} without URL "
              f"({', '.join(x['label'] for x in notes if not x['urls'])}), {len(tn)} in table cells, "
              f"{sum(1 for x in notes if not rd_words(x['sentence']))} without a scorable sentence "
              f"({', '.join(x['label'] for x in notes if not rd_words(x['sentence'])) or 'none'}); pages "
              + ", ".join(f"{p} {v}" for p, v in pg.items()))
        print(f"  {msg_h} [{'ok' if ok_h else 'BAD'}]; {msg_d} [{'ok' if ok_d else 'BAD'}]")
        print(f"  reference doc {lay['docx']}; chrome stylesheet {lay['chrome'] or 'none (Letter)'}; LaTeX overfull/underfull hboxes: "
              + ", ".join(f"{f} {o}/{u}" for (n, f), (o, u) in boxes.items() if n == name))
        special = {k: [lab for lab, v in kinds[name].items() if v == k] for k in ("blockquote", "bullet item", "ordered item", "table cell", "header")}
        print("  markers by block: " + ", ".join(f"{k} {', '.join(v)}" for k, v in special.items() if v)
              + "; notes of 2+ paragraphs: " + (", ".join(multi[name]) or "none"))
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
    print(f"{len(LAYOUT)} documents, {total} notes, "
          f"{sum(len(d['table_notes']) for d in truth['documents'].values())} markers in table cells")

    print("\nnote openings found in the extracted texts (first three words; with the label in front; missing)")
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        f3, lab, tot, miss = 0, 0, 0, []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                a, b2, m = note_openings(doc["notes"], f.read())
            f3, lab, tot = f3 + a, lab + b2, tot + len(doc["notes"])
            miss += [f"{name} {x}" for x in m]
        print(f"  {r:<14} {f3} of {tot}; labelled {lab}" + (f"; not found: {', '.join(miss)}" if miss else ""))

    print("\nnotes that run over a page break (opening and closing on different pages of the -layout text)")
    for p in PDFS:
        over = []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, p[:-4] + "-layout", f"{name}.txt"), encoding="utf-8") as f:
                over += [f"{name} {x}" for x in notes_over_pages(doc["notes"], f.read())]
        print(f"  {p:<10} {len(over)}: {'; '.join(over) or '-'}")

    print("\nhow the extracted texts carry the truth's URLs (all documents):")
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        kinds_u, odd = {}, []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                text = f.read()
            for x in doc["notes"]:
                for u in x["urls"]:
                    k = url_carriage(text, u)
                    kinds_u[k] = kinds_u.get(k, 0) + 1
                    if k in ("hyphen-lost", "split"):
                        odd.append(f"{name} {x['label']} ({k})")
        print(f"  {r:<14} " + ", ".join(f"{k} {kinds_u.get(k, 0)}" for k in ("verbatim", "wrapped", "hyphen-lost", "split")))
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
        "date in path": lambda u: re.search(r"(19|20)\d\d([/-])\d\d\2\d\d", u) is not None,
        ".pdf / .xlsx / .csv / .aspx / .md": lambda u: re.search(r"\.(pdf|xlsx|csv|aspx|md)(\?|#|$)", u) is not None,
        "doi.org": lambda u: "doi.org/" in u,
        "web.archive.org copy": lambda u: "web.archive.org/" in u,
        "hyphen in host": lambda u: "-" in u.split("/")[2],
        "http:// inside (archive of an http page)": lambda u: "http://" in u,
    }
    for label, test in shapes.items():
        print(f"  {label:<42} {sum(1 for u in allu if test(u))} of {len(allu)}")

    print("\nnumbers that are not markers: occurrences in the sources (pandoc -t plain, body and notes,"
          " NBSP read as space, km² as km2, sub/superscripts flattened) and in each text (whitespace runs as one space)")

    def norm_num(s):
        s = unicodedata.normalize("NFKC", s)  # km² -> km2, NO₂ -> NO2, ligatures
        return re.sub(r"\s+", " ", s)
    srcs = {}
    for name in LAYOUT:
        plain = subprocess.run(["pandoc", os.path.join(SRC, f"{name}.md"), "-t", "plain", "--wrap=none"],
                               capture_output=True, text=True, check=True).stdout
        srcs[name] = norm_num(plain.replace("^(er)", "er"))
    print(f"  {'source':<14} " + ", ".join(f"{k!r} {sum(s.count(k) for s in srcs.values())}" for k in DISTRACTORS))
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        counts = dict.fromkeys(DISTRACTORS, 0)
        for name in LAYOUT:
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                flat = norm_num(f.read())
            for k in DISTRACTORS:
                counts[k] += flat.count(k)
        print(f"  {r:<14} " + ", ".join(f"{k!r} {v}" for k, v in counts.items()))
    if structural:
        print("STRUCTURAL CHECK FAILED (html, docx or LaTeX)")
        return 1
    print("\nall structural checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
