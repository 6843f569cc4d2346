#!/usr/bin/env python3
"""Build blind-reading-12: four ordinary footnoted documents on the theme LONG TABLES, NOTES THAT
BEGIN WITH A NUMBER, AND LONG URLS FROM THE SAME FEW SITES: a report whose long table (31 rows,
six narrow columns, markers in cells) runs over several pages with its header row repeated, a US
law-review article whose notes often open with a number (statute sections, volume-first
citations, years) and use Id., Ibid. and supra, a web-style brief whose URLs come from a few
hyphenated hosts with long paths and query strings, and a short news bulletin as a control.
Rendered by real tools to PDF and copied out of the PDFs as text by pdftotext, with truth.
Adapted from blind-reading-11's build.py (same structure, helpers and checks; new layouts; no
figures, no ODT route and no second extractor).

    python3 build.py                    # from this folder or anywhere (about 1-2 minutes)
    python3 build.py > build.log 2>&1

Sources: src/<name>.md (Pandoc Markdown with [^n] footnotes).  Truth (truth.json) is computed
from the Pandoc AST exactly as ../../../shared/real-docs/build.py does (its clean_ast and truth_of
are imported, not copied); table_notes lists the labels whose marker stands in a table cell.
Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s --self-contained -t html5 (Pandoc's own stylesheet; endnotes)
  docx           pandoc -t docx with the document's reference doc (LAYOUT[name]["docx"], see
                 REFDOCS: page, margins, font, sizes, line spacing, header/footer parts); Pandoc
                 marks a table's header row as a repeating header (w:tblHeader)
  lo-pdf         soffice --headless --convert-to pdf of the docx (notes at the foot of each page)
  tex-pdf        pandoc -s -t latex with the document's settings (LAYOUT[name]["tex"]: variables,
                 -H header, -A after-body), pdflatex twice (tables are longtables: head repeated)
  xetex-pdf      the same with LAYOUT[name]["xetex"], xelatex twice
  chrome-pdf     chromium --headless --print-to-pdf of a copy of the html with the document's
                 print stylesheet (LAYOUT[name]["chrome"]); skipped without chromium
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

Checks (exit 1 when one fails): every block of every note is a paragraph (Pandoc did not read a
note's opening, such as "15 U.S.C. ..." or "2023 Annual Report ...", as a list); html and docx
carry exactly the truth's notes, in order, with the truth's texts; each LaTeX source holds one
\\footnote or \\footnotetext per truth note; the docx of every document whose reference doc
has a header or footer carries them; the docx marks each table's first row as a repeating
header; in the -layout text of every PDF, each note's first two words follow its own label; no
date written in a note or found in a URL is later than the document's publication date.  Logged
for information: page counts, overfull lines, running heads and feet, tables (pages they span
and pages on which the header row is repeated), the block each marker stands in, note openings
in each extracted text, notes over page breaks, how the texts carry the URLs, URL shapes, URL
dates against written dates, and how the numbers that are not markers come out.
"""
import collections
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
# the sources write their own "Table 1." into the captions, as in the html and docx: LaTeX's own
# label ("Table 1:") is dropped
CAPTION = r"\usepackage{caption}\captionsetup{labelformat=empty}"
XURL_LINE = r"\IfFileExists{xurl.sty}{\usepackage{xurl}}{} % add URL line breaks if available"

# the report, pdflatex: a running head with the short title and the page number (fancyhdr); the
# long table in small type, its header row repeated on each page (Pandoc's longtable \endhead)
REPORT_TEX_HEAD = r"""\usepackage{fancyhdr}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\footnotesize\itshape Holding the Line}
\fancyhead[R]{\footnotesize \thepage}
\renewcommand{\headrulewidth}{0.3pt}
\fancypagestyle{plain}{\pagestyle{fancy}}
\setlength{\headheight}{13pt}
\AtBeginEnvironment{longtable}{\small}"""
# the report, xelatex: plain page numbers, notes with a hanging label
REPORT_XETEX_HEAD = r"""\usepackage[hang]{footmisc}
\setlength{\footnotemargin}{1.2em}"""
# the law article, pdflatex: one-and-a-half spacing (notes single)
LAW_TEX_HEAD = ONEHALF
# the law article, xelatex: nothing special (ordinary LaTeX footnotes)
# the brief, pdflatex: Helvetica (sans body)
BRIEF_TEX_HEAD = r"""\renewcommand{\familydefault}{\sfdefault}"""

# reference docs: page (w, h twips), margins (top, right, bottom, left twips), font, body and
# note sizes (half-points), line spacing (240ths, None = single), header and footer: (parts,
# alignment), a part being text or the field PAGE / NUMPAGES
REFDOCS = {
    "a4-report-sans": {"page": (11906, 16838), "margins": (1418, 1418, 1418, 1418), "font": "DejaVu Sans",
                       "body": 21, "note": 16, "line": None,
                       "header": (["Lenmouth Estuary Partnership · Scrutiny Panel on Flood Resilience · October 2025"], "right"),
                       "footer": (["Page ", "PAGE"], "center")},
    "letter-law": {"page": (12240, 15840), "margins": (1440, 1440, 1440, 1440), "font": "Liberation Serif",
                   "body": 24, "note": 20, "line": 360,
                   "header": (["Harbour Law Review · Vol. 93"], "left"),
                   "footer": (["PAGE"], "center")},
    "a4-brief-sans": {"page": (11906, 16838), "margins": (1134, 1247, 1134, 1247), "font": "Liberation Sans",
                      "body": 21, "note": 16, "line": None,
                      "header": (["Coastal Towns Trust | Policy Briefing No. 18"], "left"),
                      "footer": (["Page ", "PAGE", " of ", "NUMPAGES"], "right")},
    "a4-bulletin": {"page": (11906, 16838), "margins": (1440, 1440, 1440, 1440), "font": "Liberation Serif",
                    "body": 22, "note": 18, "line": None, "header": None, "footer": None},
}

PRINT_CSS = {
    "report-sans": """<style>
@page { size: A4; margin: 18mm 17mm;
  @bottom-center { content: "Page " counter(page); font: 8.5pt 'DejaVu Sans', sans-serif; } }
body { max-width: none; padding: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.35; }
table { font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
section.footnotes { font-size: 8.5pt; }
</style>""",
    "law-letter": """<style>
@page { size: letter; margin: 1in;
  @bottom-center { content: counter(page); font: 11pt 'Bitstream Charter', serif; } }
body { max-width: none; padding: 0; font-family: 'Bitstream Charter', serif; font-size: 12pt; line-height: 1.6; }
section.footnotes { font-size: 10pt; line-height: 1.25; }
</style>""",
    "brief-sans": """<style>
@page { size: A4; margin: 20mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 8.5pt 'Liberation Sans', sans-serif; } }
body { max-width: none; padding: 0; font-family: 'Liberation Sans', sans-serif; font-size: 10pt; }
section.footnotes { font-size: 8.5pt; }
</style>""",
    "bulletin-serif": """<style>
@page { size: A4; margin: 22mm 24mm; }
body { max-width: none; padding: 0; font-family: 'Liberation Serif', serif; font-size: 11.5pt; }
section.footnotes { font-size: 9.5pt; }
</style>""",
}

# name -> published, reference doc, pdflatex and xelatex settings, chrome print stylesheet
LAYOUT = {
    "report-lenmouth-defences": {
        "published": "2025-10-02", "docx": "a4-report-sans", "lo": "docx",
        "tex": {"desc": "article 11pt, A4, 2.5 cm, Latin Modern (lmodern); fancyhdr head 'Holding the Line' (italic, left) and the page number (right) over a rule; the long table in \\small; xurl",
                "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2.5cm"],
                "header": [CAPTION, r"\usepackage{etoolbox}", REPORT_TEX_HEAD], "after": [], "xurl": True, "args": []},
        "xetex": {"desc": "article 11pt, A4, 2.2 cm, DejaVu Serif, footmisc [hang]; url without xurl",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2.2cm",
                           "mainfont=DejaVu Serif"],
                  "header": [CAPTION, REPORT_XETEX_HEAD], "after": [], "xurl": False, "args": []},
        "chrome": {"css": "report-sans", "browser_hf": False},
    },
    "article-furnisher-duties": {
        "published": "2026-01-15", "docx": "letter-law", "lo": "docx",
        "tex": {"desc": "article 12pt, US Letter, 1 in, Latin Modern, one-and-a-half spacing (setspace; notes single), ordinary LaTeX footnotes; xurl",
                "vars": ["documentclass=article", "papersize=letter", "fontsize=12pt", "geometry:margin=1in"],
                "header": [LAW_TEX_HEAD], "after": [], "xurl": True, "args": []},
        "xetex": {"desc": "article 11pt, US Letter, 1.1 in, Liberation Serif, ordinary LaTeX footnotes; url without xurl",
                  "vars": ["documentclass=article", "papersize=letter", "fontsize=11pt", "geometry:margin=1.1in",
                           "mainfont=Liberation Serif"],
                  "header": [], "after": [], "xurl": False, "args": []},
        "chrome": {"css": "law-letter", "browser_hf": False},
    },
    "brief-harbour-walls": {
        "published": "2025-11-17", "docx": "a4-brief-sans", "lo": "docx",
        "tex": {"desc": "article 11pt, A4, 2.2 cm, Helvetica (helvet) as the main font; xurl",
                "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2.2cm",
                         "fontfamily=helvet"],
                "header": [BRIEF_TEX_HEAD], "after": [], "xurl": True, "args": []},
        "xetex": {"desc": "article 10pt, A4, 2.5 cm, TeX Gyre Heros; url without xurl (URLs break only at slashes, hyphens and the like)",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=10pt", "geometry:margin=2.5cm",
                           "mainfont=TeX Gyre Heros"],
                  "header": [], "after": [], "xurl": False, "args": []},
        "chrome": {"css": "brief-sans", "browser_hf": False},
    },
    "bulletin-tramway": {
        "published": "2025-06-24", "docx": "a4-bulletin", "lo": "docx",
        "tex": {"desc": "article 11pt, A4, 3 cm, Latin Modern; plain page numbers; xurl",
                "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=3cm"],
                "header": [], "after": [], "xurl": True, "args": []},
        "xetex": {"desc": "article 11pt, A4, 2.8 cm, TeX Gyre Termes; url without xurl",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2.8cm",
                           "mainfont=TeX Gyre Termes"],
                  "header": [], "after": [], "xurl": False, "args": []},
        "chrome": {"css": "bulletin-serif", "browser_hf": False},
    },
}
DOCUMENTS = {k: v["published"] for k, v in LAYOUT.items()}

HAVE_CHROME = shutil.which("chromium") is not None
HAVE_SOFFICE = shutil.which("soffice") is not None
HAVE = {"lo-pdf": HAVE_SOFFICE, "tex-pdf": shutil.which("pdflatex") is not None,
        "xetex-pdf": shutil.which("xelatex") is not None, "chrome-pdf": HAVE_CHROME}
HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None
PDFS = [p for p in ["lo-pdf", "tex-pdf", "xetex-pdf", "chrome-pdf"] if HAVE[p] and HAVE_PDFTOTEXT]


RENDERINGS = {"html": ("html", "html"), "docx": ("docx", "docx")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")

# Numbers in the bodies and notes that are not note markers (NFKC: NBSP and narrow NBSP -> space).
DISTRACTORS = ["£186.4 million", "11,240", "31 August 2025", "38.5", "1.9 million", "48 hectares", "£1.3 million",
               "2,870", "61%", "§ 1681s-2(b)", "118 F.4th 902", "87 Harbour L. Rev. 412", "512 F.3d 77",
               "42 U.S.C. § 1983", "2023 Annual Report", "55,712", "$100 to $1,000", "71 million",
               "£58.3 million", "2025–26", "1,480", "140%", "v1.2", "£173 million", "4.6 km", "7½", "£2.20", "1,900"]

def sh(cmd, **kw):
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _hf_xml(tag, parts, align, size):
    """A header (w:hdr) or footer (w:ftr) part: one paragraph of text runs and PAGE / NUMPAGES
    fields."""
    rpr = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    runs = ""
    for p in parts:
        if p in ("PAGE", "NUMPAGES"):
            runs += f'<w:fldSimple w:instr=" {p} "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'
        else:
            runs += f'<w:r>{rpr}<w:t xml:space="preserve">{htmlmod.escape(p, quote=False)}</w:t></w:r>'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{tag} {W_NS}><w:p><w:pPr>'
            f'<w:jc w:val="{align}"/></w:pPr>{runs}</w:p></w:{tag}>')


def reference_docx(path, spec):
    """Pandoc's default reference.docx with the page size, margins, font, body and footnote
    sizes and line spacing of spec, and a header and footer (default for every page) when spec
    has them: Pandoc keeps the reference doc's section properties and header/footer parts."""
    w, h = spec["page"]
    top, right, bottom, left = spec["margins"]
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                               check=True, capture_output=True).stdout)
    refs, rels, types, parts = "", "", "", {}
    for kind, tag, rtype in (("header", "hdr", "header"), ("footer", "ftr", "footer")):
        if spec.get(kind):
            texts, align = spec[kind]
            parts[f"word/{kind}1.xml"] = _hf_xml(tag, texts, align, spec["note"])
            refs += f'<w:{kind}Reference w:type="default" r:id="rIdBR10{kind}"/>'
            rels += (f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{rtype}" '
                     f'Id="rIdBR10{kind}" Target="{kind}1.xml" />')
            types += (f'<Override PartName="/word/{kind}1.xml" '
                      f'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml" />')
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                s = data.decode()
                assert "<w:sectPr />" in s
                s = s.replace("<w:sectPr />",
                              f'<w:sectPr>{refs}<w:pgSz w:w="{w}" w:h="{h}"/><w:pgMar w:top="{top}" '
                              f'w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="709" '
                              'w:footer="709" w:gutter="0"/></w:sectPr>')
                data = s.encode()
            elif item.filename == "word/_rels/document.xml.rels" and rels:
                s = data.decode()
                assert "</Relationships>" in s
                data = s.replace("</Relationships>", rels + "</Relationships>").encode()
            elif item.filename == "[Content_Types].xml" and types:
                s = data.decode()
                assert "</Types>" in s
                data = s.replace("</Types>", types + "</Types>").encode()
            elif item.filename == "word/styles.xml":
                s = data.decode()
                font, body, note = spec["font"], spec["body"], spec["note"]
                old = ('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" '
                       'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />\n'
                       '        <w:sz w:val="24" />\n        <w:szCs w:val="24" />')
                assert old in s
                s = s.replace(old, f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" '
                                   f'w:hAnsi="{font}" w:cs="{font}" />\n'
                                   f'        <w:sz w:val="{body}" />\n        <w:szCs w:val="{body}" />', 1)
                if spec["line"]:
                    old = '<w:spacing w:before="180" w:after="180" />'
                    assert old in s
                    s = s.replace(old, f'<w:spacing w:before="120" w:after="120" w:line="{spec["line"]}" w:lineRule="auto" />', 1)
                old = ('<w:style w:type="paragraph" w:styleId="FootnoteText">\n'
                       '    <w:name w:val="Footnote Text" />')
                assert old in s
                s = s.replace(old, old + '\n    <w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto" /></w:pPr>\n'
                                         f'    <w:rPr><w:sz w:val="{note}" /><w:szCs w:val="{note}" /></w:rPr>', 1)
                data = s.encode()
            zout.writestr(item, data)
        for name, xml in parts.items():
            zout.writestr(name, xml)
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
    """pandoc -s -t latex with the spec's variables, extra arguments, header lines (-H) and
    after-body lines (-A); the template's xurl line removed when spec['xurl'] is False.
    Returns the .tex path."""
    suffix = "" if engine == "pdflatex" else ".xetex"
    tex = os.path.join(NORM, f"{name}{suffix}.tex")
    cmd = ["pandoc", "-f", "json", ast_path, "-s", "-t", "latex"] + spec["args"]
    for v in spec["vars"]:
        cmd += ["-V", v]
    for key, opt in (("header", "-H"), ("after", "-A")):
        if spec[key]:
            part = os.path.join(NORM, f"{name}{suffix}.{key}.tex")
            with open(part, "w", encoding="utf-8") as f:
                f.write("\n".join(spec[key]) + "\n")
            cmd += [opt, part]
    sh(cmd + ["-o", tex])
    if not spec["xurl"]:
        with open(tex, encoding="utf-8") as f:
            t = f.read()
        if XURL_LINE not in t:
            raise SystemExit("pandoc's LaTeX template has no xurl line to remove")
        print(f"  (removed from {os.path.basename(tex)}: {XURL_LINE})")
        with open(tex, "w", encoding="utf-8") as f:
            f.write(t.replace(XURL_LINE, "% xurl not loaded (blind-reading-12): url breaks at slashes and hyphens"))
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
            if t == "Table":
                visit(n["c"][1], "table caption")
                visit(n["c"][2:], "table cell")
                return
            k = {"BlockQuote": "blockquote", "BulletList": "bullet item", "OrderedList": "ordered item",
                 "Header": "header", "Image": "figure caption"}.get(t, kind)
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
    k2 = len(re.findall(r"\\footnotetext\{", t))
    return k + k2 == n, f"{os.path.basename(tex)}: {k} \\footnote, {k2} \\footnotetext (captions)"


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def squash(s):
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s).lower())


def table_pages(tab, layout_text):
    pgs = [squash(p) for p in layout_text.split("\f")]
    whole = "".join(pgs)
    keys = [squash(tab["caption"])[:30]] if tab["caption"] else []
    keys += [squash(max(row, key=len))[:24] for row in tab["rows"] if row]
    found = []
    for key in keys:
        if len(key) < 6 or whole.count(key) != 1:
            continue
        found += [i + 1 for i, p in enumerate(pgs) if key in p]
    if not found:
        return "?"
    return str(found[0]) if min(found) == max(found) else f"{min(found)}-{max(found)}"


def check_docx_table_heads(name, n_tables):
    """Every table of the docx has its first row marked as a repeating header (w:tblHeader), so
    that LibreOffice repeats it at the top of each page the table runs over."""
    with zipfile.ZipFile(os.path.join(DOCS, "docx", f"{name}.docx")) as z:
        dx = z.read("word/document.xml").decode()
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", dx, re.S)
    heads = [bool(re.search(r"<w:tr>\s*<w:trPr>\s*<w:tblHeader", t[:t.find("</w:tr>")] if "</w:tr>" in t else t)) for t in tables]
    ok = len(tables) == n_tables and all(heads)
    return ok, f"docx: {len(tables)} table(s), first row a repeating header: {heads or '-'}"


def header_pages(tab, layout_text):
    """Pages of a -layout text on which the table's header row's last cell (squashed) appears:
    the pages the header row was printed on (repeated by the renderer)."""
    key = squash(tab["rows"][0][-1]) if tab["rows"] else ""
    if len(key) < 6:
        return "?"
    return ",".join(str(i + 1) for i, p in enumerate(layout_text.split("\f")) if key in squash(p)) or "none"


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
        # a note that is only a URL (the brief's) may be broken anywhere: compared squashed
        if re.search(pat, flat) or squash(" ".join(ws))[:24] in squash(text):
            found += 1
        else:
            missing.append(x["label"])
        if (re.search(r"(?<![\d.,])" + x["label"] + r"\.? ?" + re.escape(ws[0]), flat)
                or re.search(r"(?<!\d)" + x["label"] + re.escape(squash(ws[0])[:20]), squash(text))):
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

# ---------------------------------------------------------------- set 10's checks and measures (kept)


def note_shapes(ast):
    """label -> the block types of each note, in order (a note that Pandoc read as a list, e.g.
    one opening with 'a. a. O.', shows up here)."""
    out, count = {}, [0]

    def visit(n):
        if isinstance(n, dict):
            if n.get("t") == "Note":
                count[0] += 1
                out[str(count[0])] = [b.get("t") for b in n["c"]]
                return
            for v in n.values():
                visit(v)
        elif isinstance(n, list):
            for x in n:
                visit(x)
    visit(ast["blocks"])
    return out


def check_docx_furniture(name, spec):
    """The docx keeps the reference doc's header and footer: their parts exist, the final
    section refers to them, and the footer holds the PAGE / NUMPAGES fields asked for."""
    want = [k for k in ("header", "footer") if spec.get(k)]
    if not want:
        return True, "docx: no header or footer asked for"
    with zipfile.ZipFile(os.path.join(DOCS, "docx", f"{name}.docx")) as z:
        names = z.namelist()
        dx = z.read("word/document.xml").decode()
        got, ok = [], True
        for k in want:
            refs = re.findall(rf'<w:{k}Reference [^>]*r:id="([^"]+)"', dx)
            part = [n for n in names if re.fullmatch(rf"word/{k}\d*\.xml", n)]
            text = "".join(z.read(p).decode() for p in part)
            fields = re.findall(r'w:instr=" (\w+) "', text)
            expect = [p for p in spec[k][0] if p in ("PAGE", "NUMPAGES")]
            ok &= bool(refs) and bool(part) and fields == expect
            got.append(f"{k} {len(part)} part(s), {len(refs)} reference(s), fields {fields or 'none'}")
    return ok, "docx: " + "; ".join(got)


def furniture(layout_text):
    """Per PDF: pages, blank pages, and the commonest first and last lines of the pages (digits
    written as #, spaces squeezed): the running heads and feet as pdftotext -layout gives them."""
    pgs = layout_text.split("\f")
    if pgs and not pgs[-1].strip():
        pgs = pgs[:-1]
    firsts, lasts, blank = collections.Counter(), collections.Counter(), []
    for i, p in enumerate(pgs, 1):
        lines = [re.sub(r"\s+", " ", ln).strip() for ln in p.splitlines() if ln.strip()]
        if not lines:
            blank.append(i)
            continue
        firsts[re.sub(r"\d", "#", lines[0])[:70]] += 1
        lasts[re.sub(r"\d", "#", lines[-1])[:70]] += 1
    return len(pgs), blank, firsts, lasts


# ---------------------------------------------------------------- build


MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({m: i for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                           "septembre", "octobre", "novembre", "décembre"], 1)})
MONTHS.update({"jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "aug.": 8, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12})


def note_dates(text):
    """Full dates written in a note ('3 March 2025', 'March 19, 2024', 'Mar. 19, 2024', '3 mars 2025',
    '1er janvier 2022'), as YYYY-MM-DD."""
    out = []
    t = unicodedata.normalize("NFKC", text)
    for d, mo, y in re.findall(r"\b(\d{1,2})(?:er)? ([A-Za-zéû]+\.?) (\d{4})\b", t):
        if mo.lower() in MONTHS:
            out.append(f"{y}-{MONTHS[mo.lower()]:02d}-{int(d):02d}")
    for mo, d, y in re.findall(r"\b([A-Z][a-z]+\.?) (\d{1,2}), (\d{4})\b", t):
        if mo.lower() in MONTHS:
            out.append(f"{y}-{MONTHS[mo.lower()]:02d}-{int(d):02d}")
    return out


def url_dates(url):
    """Dates in a URL: 2024/01/22, 2024-01-22, 20240122 (also a web.archive.org timestamp)."""
    out = []
    for y, mo, d in re.findall(r"(?<!\d)(20\d\d)[/-](\d\d)[/-](\d\d)(?!\d)", url):
        out.append(f"{y}-{mo}-{d}")
    for y, mo, d in re.findall(r"/web/(20\d\d)(\d\d)(\d\d)\d{6}/", url):
        out.append(f"{y}-{mo}-{d}")
    return [d for d in out if 1 <= int(d[5:7]) <= 12 and 1 <= int(d[8:10]) <= 31]


def days(iso):
    import datetime
    return datetime.date.fromisoformat(iso).toordinal()


def main():
    for p in ("lo-pdf", "tex-pdf", "xetex-pdf", "chrome-pdf"):
        if p not in PDFS:
            b = p[:-4]
            why = "pdftotext/pdfinfo not found" if not HAVE_PDFTOTEXT else "its tool was not found"
            print(f"{p}, {b}-txt and {b}-layout are skipped: {why}")
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    for ref, spec in REFDOCS.items():
        reference_docx(os.path.join(NORM, f"reference-{ref}.docx"), spec)
    truth = {"documents": {}}
    tables, kinds, multi, shapes_ok, tex_ok, boxes = {}, {}, {}, True, True, {}
    for name, lay in LAYOUT.items():
        published = lay["published"]
        print(f"\n== {name}", flush=True)
        src = os.path.join(SRC, f"{name}.md")
        ast = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json", src],
                                        check=True, capture_output=True).stdout)
        orig = json.loads(json.dumps(ast))
        rd.clean_ast(ast)
        ast_path = os.path.join(NORM, f"{name}.json")
        with open(ast_path, "w", encoding="utf-8") as f:
            json.dump(ast, f)
        # real-docs' clean_ast turns images into their alt text; a document with figures is
        # rendered from its uncleaned AST (the only difference: the figures; checked below)
        render_path = ast_path
        if '"t": "Image"' in json.dumps(orig):
            strip = json.loads(json.dumps(orig))
            rd.clean_ast(strip)
            same = strip == ast
            render_path = os.path.join(NORM, f"{name}.figures.json")
            with open(render_path, "w", encoding="utf-8") as f:
                json.dump(orig, f)
            print(f"  figures: rendered from {os.path.basename(render_path)} (the AST before clean_ast, which keeps the"
                  f" images); cleaning it gives the truth's AST: {'yes [ok]' if same else 'NO [BAD]'}")
            shapes_ok &= same
        notes = rd.truth_of(ast)
        shapes = note_shapes(ast)
        bad_shape = {lab: s for lab, s in shapes.items() if any(b != "Para" for b in s)}
        print(f"  notes with a block that is not a paragraph: {bad_shape or 'none'} [{'ok' if not bad_shape else 'BAD'}];"
              f" notes of 2+ paragraphs: {', '.join(lab for lab, s in shapes.items() if len(s) > 1) or 'none'}")
        shapes_ok &= not bad_shape
        tables[name] = tables_of(ast)
        kinds[name], multi[name] = block_kinds(ast)
        cell_labels = [lab for t in tables[name] for lab in t["notes"]]
        truth["documents"][name] = {"source": f"src/{name}.md", "published": published,
                                    "table_notes": sorted(cell_labels, key=int), "notes": notes}
        base = ["pandoc", "-f", "json", render_path, f"--resource-path={SRC}"]
        html = f"{DOCS}/html/{name}.html"
        # --self-contained: the brief's figures are embedded (data: URIs), so the html stands alone
        sh(base + ["-s", "--self-contained", "-t", "html5", "-o", html])
        sh(base + ["-t", "docx", "--reference-doc", os.path.join(NORM, f"reference-{lay['docx']}.docx"),
                   "-o", f"{DOCS}/docx/{name}.docx"])
        if lay["lo"] == "odt":
            print("  lo: the ODT route (pandoc -t odt with Pandoc's default ODT styles, then soffice)")
            sh(base + ["-t", "odt", "-o", os.path.join(NORM, f"{name}.odt")])
        else:
            print(f"  lo: soffice converts the docx (reference doc {lay['docx']})")
        for engine, key, folder in (("pdflatex", "tex", "tex-pdf"), ("xelatex", "xetex", "xetex-pdf")):
            print(f"  {key}: {lay[key]['desc']}")
            tex = make_tex(name, render_path, engine, lay[key])
            ok, msg = check_tex(tex, len(notes))
            print(f"  {msg} [{'ok' if ok else 'BAD'}]")
            tex_ok &= ok
            if folder in PDFS:
                boxes[(name, folder)] = latex_twice(engine, tex, f"{DOCS}/{folder}/{name}.pdf")
        if "chrome-pdf" in PDFS:
            ch = lay["chrome"]
            page = os.path.join(NORM, f"{name}.chrome.html")
            hdr = os.path.join(NORM, f"{ch['css']}.css.html")
            with open(hdr, "w", encoding="utf-8") as f:
                f.write(PRINT_CSS[ch["css"]] + "\n")
            print(f"  chrome: print stylesheet {ch['css']}"
                  + ("; the browser's own header (date, title) and footer (file:// address, n/m)" if ch["browser_hf"] else ""))
            sh(base + ["-s", "--self-contained", "-t", "html5", "-H", hdr, "-o", page])
            prof = tempfile.mkdtemp(prefix="chrome-profile-")
            try:
                sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", f"--user-data-dir={prof}"]
                   + ([] if ch["browser_hf"] else ["--no-pdf-header-footer"])
                   + [f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{page}"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            finally:
                shutil.rmtree(prof, ignore_errors=True)
    if "lo-pdf" in PDFS:
        prof = tempfile.mkdtemp(prefix="lo-profile-")
        try:
            sh(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
                "--outdir", f"{DOCS}/lo-pdf"] + [os.path.join(NORM, f"{n}.odt") if LAYOUT[n]["lo"] == "odt"
                                                  else f"{DOCS}/docx/{n}.docx" for n in LAYOUT],
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
    structural = not (tex_ok and shapes_ok)
    labels_ok = True
    for name, lay in LAYOUT.items():
        notes = truth["documents"][name]["notes"]
        words = len(subprocess.run(["pandoc", os.path.join(SRC, f"{name}.md"), "-t", "plain"],
                                   capture_output=True, text=True, check=True).stdout.split())
        ok_h, msg_h = check_html(name, len(notes))
        ok_d, msg_d = check_docx(name, notes)
        ok_f, msg_f = check_docx_furniture(name, REFDOCS[lay["docx"]])
        ok_t, msg_t = check_docx_table_heads(name, len(tables[name]))
        structural |= not (ok_h and ok_d and ok_f and ok_t)
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
        print(f"  {msg_h} [{'ok' if ok_h else 'BAD'}]; {msg_d} [{'ok' if ok_d else 'BAD'}]; {msg_f} [{'ok' if ok_f else 'BAD'}]")
        print(f"  {msg_t} [{'ok' if ok_t else 'BAD'}]")
        print(f"  reference doc {lay['docx']}; chrome stylesheet {lay['chrome']['css']}"
              + (" with the browser's header and footer" if lay["chrome"]["browser_hf"] else "")
              + "; LaTeX overfull/underfull hboxes: "
              + (", ".join(f"{f} {o}/{u}" for (n, f), (o, u) in boxes.items() if n == name) or "-"))
        special = {k: [lab for lab, v in kinds[name].items() if v == k] for k in ("blockquote", "bullet item", "ordered item", "table cell", "table caption", "figure caption", "header")}
        print("  markers by block: " + ", ".join(f"{k} {', '.join(v)}" for k, v in special.items() if v)
              + "; notes of 2+ paragraphs: " + (", ".join(multi[name]) or "none"))
        for k, t in enumerate(tables[name], 1):
            ncols = max(len(r) for r in t["rows"])
            where, heads = {}, {}
            for p in PDFS:
                with open(os.path.join(DOCS, p[:-4] + "-layout", f"{name}.txt"), encoding="utf-8") as f:
                    lt = f.read()
                where[p] = table_pages(t, lt)
                heads[p] = header_pages(t, lt)
            print(f"  table {k} ({t['caption'][:60]!r}): {len(t['rows'])} rows x {ncols} columns; "
                  f"markers {', '.join(f'{l} ({w})' for l, w in t['notes'].items()) or 'none'}; pages "
                  + ", ".join(f"{p} {v}" for p, v in where.items()))
            print("    header row printed on pages: " + ", ".join(f"{p} {v}" for p, v in heads.items()))
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(LAYOUT)} documents, {total} notes, "
          f"{sum(1 for d in truth['documents'].values() for x in d['notes'] if x['urls'])} with URL, "
          f"{sum(len(x['urls']) for d in truth['documents'].values() for x in d['notes'])} URLs, "
          f"{sum(len(d['table_notes']) for d in truth['documents'].values())} markers in table cells")

    print("\nrunning heads and feet: per PDF, pages, blank pages, and the commonest first and last lines"
          " of the pages in the -layout text (digits as #; count of pages)")
    for name in LAYOUT:
        for p in PDFS:
            with open(os.path.join(DOCS, p[:-4] + "-layout", f"{name}.txt"), encoding="utf-8") as f:
                n, blank, firsts, lasts = furniture(f.read())
            print(f"  {name} {p}: {n} pages" + (f", blank {blank}" if blank else ""))
            print("    first: " + " | ".join(f"{k!r} x{v}" for k, v in firsts.most_common(3)))
            print("    last:  " + " | ".join(f"{k!r} x{v}" for k, v in lasts.most_common(3)))

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

    print("\nnote labels in the PDFs: every note's opening preceded by its own label in the -layout text"
          " (a check: a renderer that numbered notes otherwise, e.g. per chapter, fails it)")
    print("  (a note that is only a URL is compared squashed; where the -layout text interleaves two columns'"
          " lines, the plain -txt text is used instead, and the notes so found are listed; last, a label standing alone"
          " shortly before the opening)")
    for p in PDFS:
        miss, via_txt, via_near = [], [], []
        for name, doc in truth["documents"].items():
            texts = []
            for kind in ("-layout", "-txt"):
                with open(os.path.join(DOCS, p[:-4] + kind, f"{name}.txt"), encoding="utf-8") as f:
                    raw = unicodedata.normalize("NFKC", f.read())
                texts.append((re.sub(r"\s+", " ", raw), squash(raw)))
            for x in doc["notes"]:
                ws = re.findall(r"\S+", unicodedata.normalize("NFKC", x["text"]))[:2]
                pat = r"(?<![\d.,])" + x["label"] + r"\.? ?" + r"\s*".join(re.escape(w) for w in ws)
                sq = r"(?<!\d)" + x["label"] + re.escape(squash(" ".join(ws))[:20])
                # a note whose first or second word is a long URL (broken anywhere by the renderer) is
                # compared squashed, without the look-behind (the previous note may end in a digit)
                sq_loose = x["label"] + re.escape(squash(" ".join(ws))[:20])
                hits = [bool(re.search(pat, flat) or (max(len(w) for w in ws) > 25 and re.search(sq_loose, sqt)))
                        for flat, sqt in texts]
                near = r"(?<![\d.,])" + x["label"] + r"(?![\d,])\.? .{0,120}?" + r"\s*".join(re.escape(w) for w in ws)
                if not hits[0]:
                    if hits[1]:
                        via_txt.append(f"{name} {x['label']}")
                    elif any(re.search(near, flat) for flat, _ in texts):
                        via_near.append(f"{name} {x['label']}")
                    else:
                        miss.append(f"{name} {x['label']}")
        labels_ok &= not miss
        print(f"  {p:<10} " + (f"BAD, not found: {', '.join(miss)}" if miss else "ok")
              + (f"; found in -txt only: {', '.join(via_txt)}" if via_txt else "")
              + (f"; label alone within 120 characters before the opening: {', '.join(via_near)}" if via_near else ""))

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
        "query string of 4+ parameters": lambda u: u.split("?", 1)[-1].count("&") >= 3 if "?" in u else False,
        "fragment (#)": lambda u: "#" in u,
        "percent-escape": lambda u: re.search(r"%[0-9A-Fa-f]{2}", u) is not None,
        "underscore": lambda u: "_" in u,
        "3+ hyphens in one path segment": lambda u: any(seg.count("-") >= 3 for seg in u.split("/")[3:]),
        "date in path or query": lambda u: re.search(r"(19|20)\d\d([/-])\d\d\2\d\d", u) is not None,
        "date glued in a slug (_YYYYMMDD)": lambda u: re.search(r"_(19|20)\d{6}\b", u) is not None,
        ".pdf / .xlsx / .csv / .aspx / .asp / .py / .md / .html": lambda u: re.search(r"\.(pdf|xlsx|csv|aspx|asp|py|md|html)(\?|#|$)", u) is not None,
        "doi.org": lambda u: "doi.org/" in u,
        "web.archive.org copy": lambda u: "web.archive.org/" in u,
        "hyphen in host": lambda u: "-" in u.split("/")[2],
        "example.de / example.es host": lambda u: re.search(r"\.example\.(de|es)$", u.split("/")[2]) is not None,
        "longer than 100 characters": lambda u: len(u) > 100,
    }
    for label, test in shapes.items():
        print(f"  {label:<55} {sum(1 for u in allu if test(u))} of {len(allu)}")

    print("\nnumbers that are not markers: occurrences in the sources (pandoc -t plain, body and notes,"
          " NBSP read as space, km² as km2, m³ as m3) and in each text (whitespace runs as one space)")

    def norm_num(s):
        s = unicodedata.normalize("NFKC", s)  # km² -> km2, m³ -> m3, ligatures
        return re.sub(r"\s+", " ", s)
    srcs = {}
    for name in LAYOUT:
        plain = subprocess.run(["pandoc", os.path.join(SRC, f"{name}.md"), "-t", "plain", "--wrap=none", "-s"],
                               capture_output=True, text=True, check=True).stdout
        srcs[name] = norm_num(plain)
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
    print("\ndates: every date written in a note and every date in a URL's path, against the document's"
          " publication date (none may be later), and each URL's path date against the dates written in its note")
    for name, doc in truth["documents"].items():
        late, unmatched, n_dates = [], [], 0
        for x in doc["notes"]:
            written = note_dates(x["text"])
            n_dates += len(written)
            late += [f"{x['label']} {d}" for d in written if d > doc["published"]]
            for u in x["urls"]:
                for d in url_dates(u):
                    n_dates += 1
                    if d > doc["published"]:
                        late.append(f"{x['label']} {d} (URL)")
                    if "web.archive.org/web/" in u and u.index("web.archive.org/web/") < 12:
                        continue
                    if not any(abs(days(d) - days(w)) <= 3 for w in written):
                        unmatched.append(f"{x['label']} {d}")
        print(f"  {name}: {n_dates} dates; later than {doc['published']}: {', '.join(late) or 'none'}"
              f" [{'ok' if not late else 'BAD'}]; URL dates with no written date within 3 days: {', '.join(unmatched) or 'none'}")
        structural |= bool(late)
    if structural or not labels_ok:
        print("STRUCTURAL CHECK FAILED (note shapes, html, docx, docx header/footer, LaTeX, note labels in the PDFs or dates)")
        return 1
    print("\nall structural checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
