#!/usr/bin/env python3
"""Build blind-reading-10: five ordinary footnoted documents whose PAGE FURNITURE, NOTE
CONVENTIONS and LANGUAGES were not seen in earlier sets: a long report with running heads and
feet ("Page N of M"), a German policy paper, a working paper whose notes are ENDNOTES, an essay
set in book classes (memoir, scrbook) and a Spanish technical note.  Rendered by real tools to
PDF, copied out of the PDFs as text, with truth.

    python3 build.py                    # from this folder or anywhere (about 1-2 minutes)
    python3 build.py > build.log 2>&1

Sources: src/<name>.md (Pandoc Markdown with [^n] footnotes; the German and Spanish sources
set `lang` in their YAML, so every renderer gets it).  Truth (truth.json) is computed from the
Pandoc AST exactly as ../../../shared/real-docs/build.py does (its clean_ast and truth_of are
imported, not copied), as blind-reading-5, -8 and -9 do; table_notes lists the labels whose
marker stands in a table cell.  Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s -t html5 (Pandoc's own stylesheet; endnotes)
  docx           pandoc -t docx with the document's reference doc (LAYOUT[name]["docx"], see
                 REFDOCS: page, margins, font, sizes, line spacing, and header/footer parts with
                 PAGE / NUMPAGES fields, which Pandoc carries into the docx)
  lo-pdf         soffice --headless --convert-to pdf of the docx (notes at each page foot; the
                 endnote paper too: Pandoc's docx has footnotes only)
  tex-pdf        pandoc -s -t latex with the document's settings (LAYOUT[name]["tex"]: variables,
                 -H header, -A after-body), pdflatex twice
  xetex-pdf      the same with LAYOUT[name]["xetex"], xelatex twice
  chrome-pdf     chromium --headless --print-to-pdf of a copy of the html with the document's
                 print stylesheet (LAYOUT[name]["chrome"]); with the browser's own header and
                 footer where "browser_hf" is set; skipped without chromium
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

Checks (exit 1 when one fails): every note of every source is one paragraph (Pandoc did not
read a note's opening as a list marker); html and docx carry exactly the truth's notes, in
order, with the truth's texts; each LaTeX source holds one \\footnote per truth note; the docx
of every document whose reference doc has a header or footer carries them; in the -layout text
of every PDF, each note's first two words follow its own label (so no renderer numbered the
notes otherwise, as book classes do per chapter unless told not to).  Logged for
information: page counts, overfull lines reported by LaTeX, running heads and feet found on the
pages of each PDF, where the endnotes stand, where the tables fall, which note openings each
extracted text holds, which notes run over a page break in each PDF, how the texts carry the
truth's URLs, and how the numbers that are not markers come out.
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
FULL_RULE = r"\renewcommand{\footnoterule}{\kern-3pt\hrule width\textwidth height 0.4pt\kern2.6pt}"
# the sources write their own "Table 1." / "Tabelle 1:" / "Tabla 1." into the caption, as in
# the html and docx: LaTeX's own label ("Table 1:", babel's "Tabelle 1:" / "Cuadro 1:") is dropped
CAPTION = r"\usepackage{caption}\captionsetup[table]{labelformat=empty}"
XURL_LINE = r"\IfFileExists{xurl.sty}{\usepackage{xurl}}{} % add URL line breaks if available"

# the report, pdflatex: fancyhdr, short title left and the current section right in the head
# (rule under it), page number centred in the foot; page 1 keeps LaTeX's plain style
REPORT_TEX_HEAD = r"""\usepackage{fancyhdr}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small Brennick Valley Flood Recovery Review}
\fancyhead[R]{\small\nouppercase{\rightmark}}
\fancyfoot[C]{\thepage}
\renewcommand{\headrulewidth}{0.4pt}
\renewcommand{\sectionmark}[1]{\markright{#1}}
\renewcommand{\subsectionmark}[1]{}
\setlength{\headheight}{14pt}"""
# the report, xelatex: fancyhdr on every page (plain redefined too), title and date in the head,
# publisher left and "Page N of M" right in the foot (lastpage)
REPORT_XETEX_HEAD = r"""\usepackage{lastpage}
\usepackage{fancyhdr}
\fancypagestyle{report}{%
  \fancyhf{}%
  \fancyhead[L]{\footnotesize Brennick Valley Flood Recovery Review}%
  \fancyhead[R]{\footnotesize Final Report, June 2025}%
  \fancyfoot[L]{\footnotesize Marlshire County Council}%
  \fancyfoot[R]{\footnotesize Page \thepage\ of \pageref*{LastPage}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0.4pt}}
\fancypagestyle{plain}{\pagestyle{report}}
\pagestyle{report}
\setlength{\headheight}{15pt}"""
# the German paper, pdflatex: KOMA's scrlayer-scrpage, short title inside, page number outside
GERMAN_TEX_HEAD = r"""\usepackage[headsepline]{scrlayer-scrpage}
\clearpairofpagestyles
\ihead{\small Kommunale Wärmeplanung in Mittelstädten}
\ohead{\small\pagemark}
\cfoot[\pagemark]{}
\pagestyle{scrheadings}"""
# the German paper, xelatex: labels not raised in the note, hanging (footmisc)
GERMAN_XETEX_HEAD = r"""\usepackage[hang]{footmisc}
\setlength{\footnotemargin}{1.4em}"""
# the endnote paper: every \footnote becomes an endnote, printed under "Notes" at the end
ENDNOTES_HEAD = r"""\usepackage{endnotes}
\let\footnote=\endnote
\renewcommand{\notesname}{Notes}"""
ENDNOTES_AFTER = r"""\clearpage
\theendnotes"""
ENOTEZ_HEAD = r"""\usepackage{enotez}
\let\footnote=\endnote
\setenotez{list-name=Notes, backref=false}"""
ENOTEZ_AFTER = r"""\printendnotes"""
# book classes number footnotes per chapter; the truth (and every other rendering) numbers them
# through the document, so the count runs on over chapters here (LaTeX kernel's \counterwithout)
FOOTNOTES_THROUGH = r"\counterwithout{footnote}{chapter}"
# the essay in scrbook: running heads with the chapter, rule under the head
SCRBOOK_HEAD = r"""\KOMAoptions{headsepline=true}
\pagestyle{headings}"""

# reference docs: page (w, h twips), margins (top, right, bottom, left twips), font, body and
# note sizes (half-points), line spacing (240ths, None = single), header and footer: (parts,
# alignment), a part being text or the field PAGE / NUMPAGES
REFDOCS = {
    "a4-report-hf": {"page": (11906, 16838), "margins": (1418, 1418, 1418, 1418), "font": "Liberation Sans",
                     "body": 22, "note": 18, "line": None,
                     "header": (["Brennick Valley Flood Recovery Review: Final Report"], "left"),
                     "footer": (["Page ", "PAGE", " of ", "NUMPAGES"], "right")},
    "a4-de-onehalf": {"page": (11906, 16838), "margins": (1418, 1134, 1418, 1701), "font": "Liberation Sans",
                      "body": 22, "note": 18, "line": 360,
                      "header": (["Institut für Stadtenergie Hallbergen · Policy Paper 2/2024"], "right"),
                      "footer": (["Seite ", "PAGE", " von ", "NUMPAGES"], "center")},
    "letter-serif-12": {"page": (12240, 15840), "margins": (1440, 1440, 1440, 1440), "font": "Liberation Serif",
                        "body": 24, "note": 20, "line": None, "header": None, "footer": None},
    "a5-book": {"page": (8391, 11906), "margins": (1134, 964, 1247, 1134), "font": "Liberation Serif",
                "body": 21, "note": 17, "line": None,
                "header": (["What the Meter Knew"], "center"), "footer": (["PAGE"], "center")},
    "a4-es-sans": {"page": (11906, 16838), "margins": (1418, 1418, 1418, 1701), "font": "DejaVu Sans",
                   "body": 20, "note": 16, "line": 288,
                   "header": (["Observatorio del Agua de Valdeluna · Nota técnica 7/2024"], "right"),
                   "footer": (["PAGE"], "center")},
}

PRINT_CSS = {
    "report-margin-boxes": """<style>
@page { size: A4; margin: 24mm 20mm 22mm 20mm;
  @top-left { content: "Brennick Valley Flood Recovery Review: Final Report"; font: 9pt 'Liberation Sans', sans-serif; }
  @top-right { content: "12 June 2025"; font: 9pt 'Liberation Sans', sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt 'Liberation Sans', sans-serif; } }
body { max-width: none; padding: 0; font-family: 'Liberation Sans', sans-serif; font-size: 10.5pt; }
section.footnotes { font-size: 90%; }
</style>""",
    "german-a4-sans": """<style>
@page { size: A4; margin: 20mm 20mm 22mm 25mm;
  @top-left { content: "Institut für Stadtenergie Hallbergen"; font: 8.5pt 'DejaVu Sans', sans-serif; }
  @bottom-right { content: "Seite " counter(page) " von " counter(pages); font: 8.5pt 'DejaVu Sans', sans-serif; } }
body { max-width: none; padding: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.45; hyphens: manual; }
section.footnotes { font-size: 85%; }
</style>""",
    "endnotes-letter": """<style>
@page { size: letter; margin: 1in;
  @bottom-center { content: counter(page); font: 10pt 'Liberation Serif', serif; } }
body { max-width: 40em; padding: 0; font-family: 'Liberation Serif', serif; font-size: 12pt; }
section.footnotes { break-before: page; font-size: 10.5pt; }
section.footnotes hr { display: none; }
section.footnotes::before { content: "Notes"; display: block; font-size: 1.4em; font-weight: bold; margin-bottom: 0.6em; }
</style>""",
    "book-narrow-serif": """<style>
@page { size: A4; margin: 28mm 48mm 30mm 48mm;
  @top-center { content: "What the Meter Knew"; font: italic 9.5pt 'TeX Gyre Pagella', serif; }
  @bottom-center { content: counter(page); font: 9.5pt 'TeX Gyre Pagella', serif; } }
body { max-width: none; padding: 0; font-family: 'TeX Gyre Pagella', serif; font-size: 11.5pt; line-height: 1.5; }
h1:not(.title) { break-before: page; font-size: 1.5em; }
section.footnotes { break-before: page; font-size: 9.5pt; }
</style>""",
    "spanish-a4": """<style>
@page { size: A4; margin: 18mm 16mm; }
body { max-width: none; padding: 0; font-family: 'Liberation Serif', serif; font-size: 11pt; }
</style>""",
}

# name -> published, reference doc, pdflatex and xelatex settings, chrome print stylesheet
LAYOUT = {
    "report-brennick-floods": {
        "published": "2025-06-12", "docx": "a4-report-hf",
        "tex": {"desc": "article 11pt, A4, 2.5 cm, fancyhdr: running head 'Brennick Valley Flood Recovery Review' left and the current section ('2. Findings') right over a rule, page number centred in the foot (page 1: plain), xurl",
                "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2.5cm"],
                "header": [CAPTION, REPORT_TEX_HEAD], "after": [], "xurl": True, "args": []},
        "xetex": {"desc": "article 12pt, US Letter, 1 in, TeX Gyre Heros (sans), fancyhdr on every page: head 'Brennick Valley Flood Recovery Review' / 'Final Report, June 2025' over a rule, foot 'Marlshire County Council' / 'Page N of M' (lastpage) under a rule, url without xurl",
                  "vars": ["documentclass=article", "papersize=letter", "fontsize=12pt", "geometry:margin=1in",
                           "mainfont=TeX Gyre Heros"],
                  "header": [CAPTION, REPORT_XETEX_HEAD], "after": [], "xurl": False, "args": []},
        "chrome": {"css": "report-margin-boxes", "browser_hf": False},
    },
    "papier-waermeplanung": {
        "published": "2024-04-18", "docx": "a4-de-onehalf",
        "tex": {"desc": "scrartcl 11pt, A4, KOMA type area (no geometry), babel German (lang=de from the YAML), scrlayer-scrpage: short title inside and page number outside in the head over a rule, KOMA's default footnotes, url without xurl",
                "vars": ["documentclass=scrartcl", "papersize=a4", "fontsize=11pt"],
                "header": [CAPTION, GERMAN_TEX_HEAD], "after": [], "xurl": False, "args": []},
        "xetex": {"desc": "article 11pt, A4, 3 cm left / 2 cm right, TeX Gyre Heros, line stretch 1.25, babel German, footmisc [hang] (label hangs in a 1.4em margin), xurl",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt",
                           "geometry:left=3cm,right=2cm,top=2.5cm,bottom=2.5cm", "mainfont=TeX Gyre Heros",
                           "linestretch=1.25"],
                  "header": [CAPTION, GERMAN_XETEX_HEAD], "after": [], "xurl": True, "args": []},
        "chrome": {"css": "german-a4-sans", "browser_hf": False},
    },
    "paper-night-buses": {
        "published": "2024-11-05", "docx": "letter-serif-12",
        "tex": {"desc": "article 12pt, US Letter, 1 in, \\onehalfspacing, ENDNOTES package: every note printed at the end under 'Notes' (after \\clearpage), xurl",
                "vars": ["documentclass=article", "papersize=letter", "fontsize=12pt", "geometry:margin=1in"],
                "header": [CAPTION, ONEHALF, ENDNOTES_HEAD], "after": [ENDNOTES_AFTER], "xurl": True, "args": []},
        "xetex": {"desc": "article 11pt, A4, 2.5 cm, TeX Gyre Termes, ENOTEZ package: every note printed at the end under 'Notes' (right after the text), url without xurl",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2.5cm",
                           "mainfont=TeX Gyre Termes"],
                  "header": [CAPTION, ENOTEZ_HEAD], "after": [ENOTEZ_AFTER], "xurl": False, "args": []},
        "chrome": {"css": "endnotes-letter", "browser_hf": False},
    },
    "essay-meter-ledger": {
        "published": "2025-01-20", "docx": "a5-book",
        "tex": {"desc": "MEMOIR 10pt, A5, two-sided, chapters open on right-hand pages (blank pages between), memoir's 'headings' running heads, Palatino (mathpazo), \\footnotesize notes, xurl",
                "vars": ["documentclass=memoir", "papersize=a5", "fontsize=10pt", "fontfamily=mathpazo"],
                "header": [FOOTNOTES_THROUGH], "after": [], "xurl": True, "args": ["--top-level-division=chapter"]},
        "xetex": {"desc": "SCRBOOK 11pt, B5, two-sided, chapters open anywhere, KOMA 'headings' running heads over a rule, TeX Gyre Bonum, url without xurl",
                  "vars": ["documentclass=scrbook", "classoption=paper=b5", "classoption=open=any",
                           "fontsize=11pt", "mainfont=TeX Gyre Bonum"],
                  "header": [FOOTNOTES_THROUGH, SCRBOOK_HEAD], "after": [], "xurl": False, "args": ["--top-level-division=chapter"]},
        "chrome": {"css": "book-narrow-serif", "browser_hf": False},
    },
    "nota-riego-albarda": {
        "published": "2024-09-23", "docx": "a4-es-sans",
        "tex": {"desc": "article 11pt, A4, 2 cm, Utopia, babel Spanish (lang=es from the YAML), url without xurl",
                "vars": ["documentclass=article", "papersize=a4", "fontsize=11pt", "geometry:margin=2cm",
                         "fontfamily=utopia"],
                "header": [CAPTION], "after": [], "xurl": False, "args": []},
        "xetex": {"desc": "article 12pt, A4, 2.5 cm, DejaVu Serif, babel Spanish, full-width footnote rule, xurl",
                  "vars": ["documentclass=article", "papersize=a4", "fontsize=12pt", "geometry:margin=2.5cm",
                           "mainfont=DejaVu Serif"],
                  "header": [CAPTION, FULL_RULE], "after": [], "xurl": True, "args": []},
        "chrome": {"css": "spanish-a4", "browser_hf": True},
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

# Numbers in the bodies and notes that are not note markers (NFKC: km² -> km2, m³ -> m3).
DISTRACTORS = ["COVID-19", "1,214", "km2", "2023-24", "G20", "14A", "1,862", "1,204", "1,200", "2.7.1",
               "1.200", "3,5 %", "9,8 %", "5. Oktober 2023", "19. Jahrhundert", "§ 12", "Abs. 2",
               "41.200", "23,5 %", "hm3", "m3/s", "2022-2023"]


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
            f.write(t.replace(XURL_LINE, "% xurl not loaded (blind-reading-10): url breaks at slashes and hyphens"))
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

# ---------------------------------------------------------------- set 10's own checks and measures


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


def endnote_places(notes, layout_text, heading="Notes"):
    """For an endnote rendering: the page of the 'Notes' heading (a line of its own), and the
    pages holding the notes' openings (squashed, 24 characters, unique in the text)."""
    pgs = layout_text.split("\f")
    head = [i + 1 for i, p in enumerate(pgs) if any(ln.strip() == heading for ln in p.splitlines())]
    sq = [squash(p) for p in pgs]
    whole = "".join(sq)
    where = []
    for x in notes:
        s = squash(x["text"])[:24]
        if len(s) >= 12 and whole.count(s) == 1:
            where += [i + 1 for i, p in enumerate(sq) if s in p]
    return head, (min(where), max(where)) if where else None, len(where)

# ---------------------------------------------------------------- build


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
        rd.clean_ast(ast)
        ast_path = os.path.join(NORM, f"{name}.json")
        with open(ast_path, "w", encoding="utf-8") as f:
            json.dump(ast, f)
        notes = rd.truth_of(ast)
        bad_shape = {lab: s for lab, s in note_shapes(ast).items() if s != ["Para"]}
        print(f"  notes that are not one paragraph: {bad_shape or 'none'} [{'ok' if not bad_shape else 'BAD'}]")
        shapes_ok &= not bad_shape
        tables[name] = tables_of(ast)
        kinds[name], multi[name] = block_kinds(ast)
        cell_labels = [lab for t in tables[name] for lab in t["notes"]]
        truth["documents"][name] = {"source": f"src/{name}.md", "published": published,
                                    "table_notes": sorted(cell_labels, key=int), "notes": notes}
        base = ["pandoc", "-f", "json", ast_path]
        html = f"{DOCS}/html/{name}.html"
        sh(base + ["-s", "-t", "html5", "-o", html])
        sh(base + ["-t", "docx", "--reference-doc", os.path.join(NORM, f"reference-{lay['docx']}.docx"),
                   "-o", f"{DOCS}/docx/{name}.docx"])
        for engine, key, folder in (("pdflatex", "tex", "tex-pdf"), ("xelatex", "xetex", "xetex-pdf")):
            print(f"  {key}: {lay[key]['desc']}")
            tex = make_tex(name, ast_path, engine, lay[key])
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
            sh(base + ["-s", "-t", "html5", "-H", hdr, "-o", page])
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
    structural = not (tex_ok and shapes_ok)
    labels_ok = True
    for name, lay in LAYOUT.items():
        notes = truth["documents"][name]["notes"]
        words = len(subprocess.run(["pandoc", os.path.join(SRC, f"{name}.md"), "-t", "plain"],
                                   capture_output=True, text=True, check=True).stdout.split())
        ok_h, msg_h = check_html(name, len(notes))
        ok_d, msg_d = check_docx(name, notes)
        ok_f, msg_f = check_docx_furniture(name, REFDOCS[lay["docx"]])
        structural |= not (ok_h and ok_d and ok_f)
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
        print(f"  reference doc {lay['docx']}; chrome stylesheet {lay['chrome']['css']}"
              + (" with the browser's header and footer" if lay["chrome"]["browser_hf"] else "")
              + "; LaTeX overfull/underfull hboxes: "
              + (", ".join(f"{f} {o}/{u}" for (n, f), (o, u) in boxes.items() if n == name) or "-"))
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

    print("\nwhere the endnotes stand (paper-night-buses; the 'Notes' heading and the pages with the notes' openings)")
    en = truth["documents"].get("paper-night-buses")
    if en:
        for p in PDFS:
            with open(os.path.join(DOCS, p[:-4] + "-layout", "paper-night-buses.txt"), encoding="utf-8") as f:
                text = f.read()
            head, span, k = endnote_places(en["notes"], text)
            print(f"  {p:<10} {len(text.split(chr(12))) - 1} pages; 'Notes' heading on page(s) {head or '-'}; "
                  f"{k} openings located, on pages {span[0]}-{span[1]}" if span else f"  {p}: no opening located")

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
    for p in PDFS:
        miss = []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, p[:-4] + "-layout", f"{name}.txt"), encoding="utf-8") as f:
                flat = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", f.read()))
            for x in doc["notes"]:
                ws = re.findall(r"\S+", unicodedata.normalize("NFKC", x["text"]))[:2]
                pat = r"(?<![\d.,])" + x["label"] + r"\.? ?" + r"\s*".join(re.escape(w) for w in ws)
                if not re.search(pat, flat):
                    miss.append(f"{name} {x['label']}")
        labels_ok &= not miss
        print(f"  {p:<10} " + (f"BAD, not found: {', '.join(miss)}" if miss else "ok"))

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
    if structural or not labels_ok:
        print("STRUCTURAL CHECK FAILED (note shapes, html, docx, docx header/footer, LaTeX or note labels in the PDFs)")
        return 1
    print("\nall structural checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
