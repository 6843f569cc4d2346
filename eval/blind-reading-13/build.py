#!/usr/bin/env python3
"""Build blind-reading-13: five documents on the theme PAPERS AS THEIR AUTHORS TYPESET THEM BY
HAND IN LATEX: a think-tank working paper (article, footmisc hang, fancyhdr, hyperref with
colorlinks, a note in a section heading and one in a table caption via \\footnotemark /
\\footnotetext, a note split over a page break), a US law-review article (12pt Letter, double
spacing, footmisc multiple, url.sty breaking anywhere, Id. and supra), a monitoring report
(report class 10pt, chapters with continuous note numbers, footmisc bottom, \\footnotesep, xurl,
notes in a table cell and a figure caption, maths), a record society's essay (KOMA scrartcl with
\\deffootnote: labels on the line, wide left margin) and a policy memo (memoir, one-and-a-half
spacing, memoir's own note layout, \\href with the URL as its text).  The LaTeX sources in src/
are the only hand-written text; everything else is made from them.  Adapted from
blind-reading-12's build.py (its measuring helpers are copied below; the sources, the truth route
and the renderings are new).

    python3 build.py > build.log 2>&1      # from this folder or anywhere (about a minute)

Truth (truth.json): each source is turned into a "Pandoc view" (norm/<name>.pandoc.tex: the
source with each \\footnotemark replaced by \\footnote{text of its \\footnotetext} and the
\\footnotetext removed, because Pandoc's LaTeX reader drops both; nothing else changes), read by
`pandoc -f latex -t json`, cleaned and read into notes by ../../../shared/real-docs/build.py's
clean_ast and truth_of (imported, not copied).  The title's \\thanks, which Pandoc puts in the
metadata, is not a numbered note and is not in the truth.  table_notes lists the labels whose
marker stands in a table cell.

Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s -t html5 of the cleaned AST (the metadata's \\thanks note removed):
                 a control that the truth is right
  tex-pdf        pdflatex twice on the hand-written source (src/<name>.tex)
  xetex-pdf      xelatex twice on the same source (the sources choose fonts with iftex/fontspec)
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

Checks (exit 1 when one fails): the number of notes in the source (\\footnote plus
\\footnotemark), in Pandoc's AST (the truth) and in each PDF (the footnote counter at the end of
the document, written to the log by an \\AtEndDocument given on the engine's command line) agree;
every URL written in the source (\\url, \\nolinkurl, \\href targets; LaTeX escapes undone) is
among the truth's URLs and the other way round, and every truth URL stands in its note's text;
every block of every note is a paragraph; the html carries exactly the truth's notes, in order;
in the -layout text of every PDF, each note's first two words follow its own label; no date
written in a note or found in a URL is later than the document's publication date.  Logged for
information: page counts, overfull lines, running heads and feet, the block each marker stands
in, note openings in each extracted text, notes over page breaks, how the texts carry the URLs,
URL shapes, URL dates against written dates, and how the numbers that are not markers come out.
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

# ---------------------------------------------------------------- documents

LAYOUT = {
    "wp-towpath-lending": {
        "published": "2025-03-12",
        "desc": "article 11pt A4, geometry 2.4 cm; pdflatex lmodern, xelatex TeX Gyre Pagella (iftex); footmisc [hang] "
                "with \\footnotemargin 1.4em; fancyhdr head 'Harrowgate Institute Working Paper No. 27' / page number "
                "over a rule; hyperref colorlinks; \\thanks on the author; a note in a \\section with a short title "
                "(\\protect\\footnote); a note in a table caption (\\footnotemark / \\footnotetext)"},
    "article-deposit-escrow": {
        "published": "2025-06-30",
        "desc": "article 12pt Letter, 1 in / 1.25 in; mathptmx (Times); setspace \\doublespacing, notes single "
                "(\\footnotelayout); footmisc [multiple] (adjacent markers as '5,6'); \\footnotesep 11pt; url.sty "
                "with \\Urlmuskip and every letter and digit added to \\UrlBreaks (URLs break anywhere), \\urlstyle{same}; "
                "no hyperref; \\thanks on the author; \\Id and \\supra macros"},
    "report-varrow-estuary": {
        "published": "2024-11-20",
        "desc": "report 10pt A4, 3 cm sides; pdflatex Charter, xelatex DejaVu Serif; chapters with "
                "\\counterwithout{footnote}{chapter} (one sequence); footmisc [bottom]; \\footnotesep 9pt; xurl; "
                "hyperref hidelinks; amsmath display equation and inline maths; markers in a bullet list, a table "
                "cell and a figure caption (both \\footnotemark / \\footnotetext); TikZ figure (src/fig-spills.tex)"},
    "essay-thornbeck-registers": {
        "published": "2025-09-01",
        "desc": "KOMA scrartcl 11pt A4, parskip; geometry left 4.6 cm right 2.2 cm; pdflatex TeX Gyre Bonum, xelatex "
                "TeX Gyre Schola; \\deffootnote: labels on the line as '3. ' (not raised), hanging 1.8em; url + "
                "hyperref colorlinks (teal), \\urlstyle{rm}; Chicago notes, Ibid.; \\href with the URL as its text"},
    "memo-fenwick-ferry": {
        "published": "2025-07-08",
        "desc": "memoir 11pt A4 (article option, sections numbered 1, 2, ...); tgschola; \\OnehalfSpacing; memoir "
                "page style with head 'Tollmere Policy Unit' / page number; \\footmarkstyle bold label, "
                "\\footmarkwidth 1.6em; url [hyphens] + hyperref hidelinks; \\href{url}{url} (text hyphenated by "
                "LaTeX) and \\href{url}{\\nolinkurl{url}}; a note that is only a \\url"},
}
FIGURES = {"report-varrow-estuary": ["fig-spills"]}
ENGINES = [("pdflatex", "tex-pdf"), ("xelatex", "xetex-pdf")]

HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None
PDFS = [p for e, p in ENGINES if shutil.which(e) and HAVE_PDFTOTEXT]
RENDERINGS = {"html": ("html", "html")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")

# Numbers in the bodies and notes that are not note markers (NFKC: NBSP -> space).
DISTRACTORS = ["COVID-19", "Section 2.2", "Section 3.2", "Table 1", "Table 3.1", "41%", "45%", "2016–2024",
               "£2.9 million", "1,150", "$45 billion", "93.3%", "2017–2020", "402 P.3d 1180", "1,180 km2",
               "6,412", "2028–2030", "48,117", "31,902", "1779–1806", "£5.10", "1 in 4", "61–73%", "2,332"]

def sh(cmd, **kw):
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


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



def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def squash(s):
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s).lower())



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




# ---------------------------------------------------------------- blind-reading-13: sources, truth, LaTeX


def braced(s, i):
    """s[i] == '{': the index just after its matching brace (backslash escapes skipped)."""
    assert s[i] == "{"
    depth, j = 0, i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise ValueError("unbalanced braces")


def pandoc_view(tex):
    """The source as Pandoc is given it: the n-th \\footnotemark (without an optional number)
    becomes \\footnote{text of the n-th \\footnotetext}, and the \\footnotetext is removed."""
    texts, out = [], tex
    while True:
        m = re.search(r"\\footnotetext\s*\{", out)
        if not m:
            break
        end = braced(out, m.end() - 1)
        texts.append(out[m.end():end - 1])
        out = out[:m.start()] + out[end:]
    marks = list(re.finditer(r"\\footnotemark(?![\[a-zA-Z])", out))
    if len(marks) != len(texts):
        raise SystemExit(f"{len(marks)} \\footnotemark but {len(texts)} \\footnotetext")
    for m, t in reversed(list(zip(marks, texts))):
        out = out[:m.start()] + "\\footnote{" + t + "}" + out[m.end():]
    return out


def body_of(tex):
    """The source without comments, from \\begin{document} on."""
    t = re.sub(r"(?<!\\)%.*", "", tex)
    return t[t.index("\\begin{document}"):]


def source_notes(tex):
    body = body_of(tex)
    return len(re.findall(r"\\footnote\s*\{", body)) + len(re.findall(r"\\footnotemark(?![\[a-zA-Z])", body))


def unescape_url(u):
    for a, b in (("\\%", "%"), ("\\#", "#"), ("\\&", "&"), ("\\_", "_"), ("\\~{}", "~"), ("\\textasciitilde{}", "~")):
        u = u.replace(a, b)
    return u


def source_urls(tex):
    body = body_of(tex)
    urls = re.findall(r"\\(?:url|nolinkurl)\{([^}]*)\}", body) + re.findall(r"\\href\{([^}]*)\}", body)
    return {unescape_url(u) for u in urls if not u.startswith("mailto:")}


def strip_meta_notes(ast):
    """Remove Note inlines from the metadata (the title's \\thanks), so the html numbers its notes
    as the PDF does."""
    def walk(n):
        if isinstance(n, dict):
            for k, v in list(n.items()):
                if isinstance(v, list):
                    n[k] = [walk(x) for x in v if not (isinstance(x, dict) and x.get("t") == "Note")]
                else:
                    n[k] = walk(v)
            return n
        if isinstance(n, list):
            return [walk(x) for x in n if not (isinstance(x, dict) and x.get("t") == "Note")]
        return n
    ast["meta"] = walk(ast["meta"])
    return ast


def compile_latex(engine, name, pdf):
    """Run the engine twice on src/<name>.tex (with its figures) in a scratch folder, with an
    \\AtEndDocument on the command line that writes the final footnote counter to the log.
    Returns (notes counted by LaTeX, overfull hboxes, underfull hboxes)."""
    work = tempfile.mkdtemp(prefix=f"{engine}-")
    try:
        shutil.copy(os.path.join(SRC, f"{name}.tex"), work)
        for fig in FIGURES.get(name, []):
            shutil.copy(os.path.join(NORM, f"{fig}.pdf"), work)
        hook = r"\AtEndDocument{\typeout{CT13-NOTES=\arabic{footnote}}}\input{" + name + ".tex}"
        for _ in range(2):
            print(f"$ {engine} -interaction=nonstopmode -halt-on-error -jobname={name} "
                  f"'{hook}'  (in a scratch folder)", flush=True)
            r = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", f"-jobname={name}", hook],
                               capture_output=True, text=True, errors="replace", cwd=work)
            if r.returncode:
                print(r.stdout[-3000:])
                raise SystemExit(f"{engine} failed on {name}")
        shutil.copy(os.path.join(work, name + ".pdf"), pdf)
        with open(os.path.join(work, name + ".log"), encoding="utf-8", errors="replace") as f:
            log = f.read()
        m = re.search(r"CT13-NOTES=(\d+)", log)
        return (int(m.group(1)) if m else -1), log.count("Overfull \\hbox"), log.count("Underfull \\hbox")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make_figure(fig):
    work = tempfile.mkdtemp(prefix="fig-")
    try:
        sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-output-directory", work,
            os.path.join(SRC, f"{fig}.tex")], stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(work, f"{fig}.pdf"), os.path.join(NORM, f"{fig}.pdf"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    for p in ("tex-pdf", "xetex-pdf"):
        if p not in PDFS:
            print(f"{p}, {p[:-4]}-txt and {p[:-4]}-layout are skipped: its tool or pdftotext was not found")
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    for figs in FIGURES.values():
        for fig in figs:
            make_figure(fig)
    truth = {"documents": {}}
    kinds, multi, ok_all, boxes, counts = {}, {}, True, {}, {}
    for name, lay in LAYOUT.items():
        print(f"\n== {name}\n  {lay['desc']}", flush=True)
        with open(os.path.join(SRC, f"{name}.tex"), encoding="utf-8") as f:
            tex = f.read()
        view = os.path.join(NORM, f"{name}.pandoc.tex")
        with open(view, "w", encoding="utf-8") as f:
            f.write(pandoc_view(tex))
        print(f"$ pandoc -f latex -t json {os.path.relpath(view, HERE)}")
        ast = json.loads(subprocess.run(["pandoc", "-f", "latex", "-t", "json", view],
                                        check=True, capture_output=True).stdout)
        rd.clean_ast(ast)
        strip_meta_notes(ast)
        ast_path = os.path.join(NORM, f"{name}.json")
        with open(ast_path, "w", encoding="utf-8") as f:
            json.dump(ast, f)
        notes = rd.truth_of(ast)
        shapes = note_shapes(ast)
        bad_shape = {lab: s for lab, s in shapes.items() if any(b != "Para" for b in s)}
        print(f"  notes with a block that is not a paragraph: {bad_shape or 'none'} [{'ok' if not bad_shape else 'BAD'}]")
        ok_all &= not bad_shape
        tabs = tables_of(ast)
        kinds[name], multi[name] = block_kinds(ast)
        cell_labels = [lab for t in tabs for lab in t["notes"]]
        truth["documents"][name] = {"source": f"src/{name}.tex", "published": lay["published"],
                                    "table_notes": sorted(cell_labels, key=int), "notes": notes}
        # counts: source, truth (Pandoc), labels 1..n
        n_src = source_notes(tex)
        labels_ok = [x["label"] for x in notes] == [str(i) for i in range(1, len(notes) + 1)]
        ok = n_src == len(notes) and labels_ok
        print(f"  notes: source {n_src}, Pandoc (truth) {len(notes)}, labels 1..n {labels_ok} [{'ok' if ok else 'BAD'}]")
        ok_all &= ok
        # URLs: source against truth
        su = source_urls(tex)
        tu = {u for x in notes for u in x["urls"]}
        not_in_text = [f"{x['label']} {u}" for x in notes for u in x["urls"] if u not in x["text"]]
        ok = su == tu and not not_in_text
        print(f"  URLs: source {len(su)}, truth {len(tu)} (in {sum(1 for x in notes if x['urls'])} notes); "
              f"source only {sorted(su - tu) or 'none'}; truth only {sorted(tu - su) or 'none'}; "
              f"not in the note's text {not_in_text or 'none'} [{'ok' if ok else 'BAD'}]")
        ok_all &= ok
        html = f"{DOCS}/html/{name}.html"
        sh(["pandoc", "-f", "json", ast_path, "-s", "-t", "html5", "-o", html])
        ok, msg = check_html(name, len(notes))
        print(f"  {msg} [{'ok' if ok else 'BAD'}]")
        ok_all &= ok
        for engine, p in ENGINES:
            if p not in PDFS:
                continue
            n_pdf, over, under = compile_latex(engine, name, f"{DOCS}/{p}/{name}.pdf")
            boxes[(name, p)] = (over, under)
            ok = n_pdf == len(notes)
            print(f"  {engine}: LaTeX's footnote counter at the end {n_pdf} [{'ok' if ok else 'BAD'}]; "
                  f"overfull/underfull hboxes {over}/{under}")
            ok_all &= ok
            b = p[:-4]
            sh(["pdftotext", f"{DOCS}/{p}/{name}.pdf", f"{DOCS}/{b}-txt/{name}.txt"])
            sh(["pdftotext", "-layout", f"{DOCS}/{p}/{name}.pdf", f"{DOCS}/{b}-layout/{name}.txt"])
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")

    print("\ndocuments")
    for name, lay in LAYOUT.items():
        notes = truth["documents"][name]["notes"]
        words = len(subprocess.run(["pandoc", os.path.join(NORM, f"{name}.pandoc.tex"), "-f", "latex", "-t", "plain"],
                                   capture_output=True, text=True, check=True).stdout.split())
        nurls = sum(len(x["urls"]) for x in notes)
        pg = {p: pages(f"{DOCS}/{p}/{name}.pdf") for p in PDFS}
        print(f"{name}: {words} words (pandoc -t plain, notes included), {len(notes)} notes, {nurls} URLs, "
              f"{sum(1 for x in notes if x['urls'])} with URL, {sum(1 for x in notes if len(x['urls']) > 1)} with 2+ URLs, "
              f"{sum(1 for x in notes if not x['urls'])} without URL "
              f"({', '.join(x['label'] for x in notes if not x['urls'])}), "
              f"table cells {truth['documents'][name]['table_notes'] or 'none'}, "
              f"{sum(1 for x in notes if not rd_words(x['sentence']))} without a scorable sentence "
              f"({', '.join(x['label'] for x in notes if not rd_words(x['sentence'])) or 'none'}); pages "
              + ", ".join(f"{p} {v}" for p, v in pg.items()))
        special = {k: [lab for lab, v in kinds[name].items() if v == k]
                   for k in ("blockquote", "bullet item", "ordered item", "table cell", "table caption", "figure caption", "header")}
        shared = collections.Counter(x["sentence"] for x in notes)
        print("  markers by block: " + (", ".join(f"{k} {', '.join(v)}" for k, v in special.items() if v) or "all in paragraphs")
              + "; sentences carrying 2+ markers: "
              + (", ".join("+".join(x["label"] for x in notes if x["sentence"] == s) for s, c in shared.items() if c > 1) or "none"))
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
          " (else in the -txt text, else a label alone within 120 characters before the opening)")
    labels_ok = True
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

    print("\nadjacent markers (footmisc multiple, article-deposit-escrow): 'N,M' glued after a word in each text")
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        with open(os.path.join(DOCS, folder, "article-deposit-escrow.txt"), encoding="utf-8") as f:
            t = f.read()
        print(f"  {r:<14} " + ", ".join(sorted(set(re.findall(r"[a-z.;]((?:5,6|11,12|22,23))\b", t)))))

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
        "tilde (~)": lambda u: "~" in u,
        "underscore": lambda u: "_" in u,
        "date in path or query": lambda u: re.search(r"(19|20)\d\d([/-])\d\d\2\d\d", u) is not None,
        ".pdf / .xlsx / .csv / .aspx / .html / .txt": lambda u: re.search(r"\.(pdf|xlsx|csv|aspx|html|txt)(\?|#|$)", u) is not None,
        "doi.org": lambda u: "doi.org/" in u,
        "hyphen in host": lambda u: "-" in u.split("/")[2],
        "longer than 80 characters": lambda u: len(u) > 80,
    }
    for label, test in shapes.items():
        print(f"  {label:<45} {sum(1 for u in allu if test(u))} of {len(allu)}")

    print("\nnumbers that are not markers: occurrences in the sources (pandoc -t plain of the Pandoc view,"
          " body and notes) and in each text (whitespace runs as one space)")

    def norm_num(s):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s))
    srcs = {}
    for name in LAYOUT:
        plain = subprocess.run(["pandoc", os.path.join(NORM, f"{name}.pandoc.tex"), "-f", "latex", "-t", "plain",
                                "--wrap=none"], capture_output=True, text=True, check=True).stdout
        srcs[name] = norm_num(plain)
    print(f"  {'source':<14} " + ", ".join(f"{k!r} {sum(s.count(k) for s in srcs.values())}" for k in DISTRACTORS))
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        cnt = dict.fromkeys(DISTRACTORS, 0)
        for name in LAYOUT:
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                flat = norm_num(f.read())
            for k in DISTRACTORS:
                cnt[k] += flat.count(k)
        print(f"  {r:<14} " + ", ".join(f"{k!r} {v}" for k, v in cnt.items()))

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
                    if not any(abs(days(d) - days(w)) <= 3 for w in written):
                        unmatched.append(f"{x['label']} {d}")
        print(f"  {name}: {n_dates} dates; later than {doc['published']}: {', '.join(late) or 'none'}"
              f" [{'ok' if not late else 'BAD'}]; URL dates with no written date within 3 days: {', '.join(unmatched) or 'none'}")
        ok_all &= not late
    if not (ok_all and labels_ok):
        print("STRUCTURAL CHECK FAILED (note counts, URLs, note shapes, html, note labels in the PDFs or dates)")
        return 1
    print("\nall structural checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
