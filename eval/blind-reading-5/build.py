#!/usr/bin/env python3
"""Build blind-reading-5: five long-ish footnoted prose documents written for this set, whose
sentences and notes cross page breaks, rendered by real tools, with truth.

    python3 build.py            # from this folder or anywhere (about 2 minutes)
    python3 build.py > build.log

Sources: src/<name>.md (Pandoc Markdown with [^n] footnotes, no tables).  Truth (truth.json) is
computed from the Pandoc AST exactly as ../../../shared/real-docs/build.py does (its clean_ast and
truth_of are imported, not copied).  Renderings, in docs/<rendering>/<name>.<ext>:

  html           pandoc -s -t html5
  docx           pandoc -t docx, reference doc: A4, 2.5 cm margins, Liberation Serif 11 pt, notes 9 pt
  lo-pdf         soffice --headless --convert-to pdf of the docx (A4, notes at each page foot, some
                 running on to the next page)
  tex-pdf        pandoc --pdf-engine=pdflatex, default article class, a4paper, 11pt (hyperref, \\url
                 with xurl: URLs broken anywhere), notes at each page foot
  xetex-pdf      pandoc --pdf-engine=xelatex, scrartcl, letter paper, 11pt, DejaVu Serif
  chrome-pdf     the html printed by chromium --headless --no-pdf-header-footer --print-to-pdf
                 (Pandoc's own stylesheet; endnotes at the end); skipped when chromium is missing
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf

Checks: html and docx must carry exactly the truth's notes, in order, with the truth's texts
(blind-reading-4's check_counts, imported; exit 1 otherwise).  For information it logs, per
extracted text, how the truth's URLs are carried (blind-reading-4's url_carriage: verbatim,
wrapped, hyphen-lost, split), and, per PDF, how many body sentences that carry a marker, and how
many notes, are cut by a page break.
"""
import html
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
br2 = _load("br2_build", os.path.join(HERE, "..", "blind-reading-2", "build.py"))
br4 = _load("br4_build", os.path.join(HERE, "..", "blind-reading-4", "build.py"))

# name -> published date
DOCUMENTS = {
    "brief-island-ferries": "2025-02-11",
    "report-street-trees": "2024-10-03",
    "essay-night-trains": "2025-01-08",
    "explainer-grid-batteries": "2024-12-03",
    "wiki-brennock-canal": "2024-03-12",
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

sh = br2.sh

# blind-reading-4's checks read their folders from module globals: point them at this set
br4.DOCS = DOCS
br4.RENDERINGS = RENDERINGS


def reference_docx_a4(path):
    """Pandoc's default reference.docx with an A4 page (2.5 cm margins), Liberation Serif 11 pt
    body text and 9 pt footnotes."""
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
                              '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" '
                              'w:right="1418" w:bottom="1418" w:left="1418" w:header="709" '
                              'w:footer="709" w:gutter="0"/></w:sectPr>')
                assert "w:pgSz" in s
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


def docx_texts_unescaped(name, notes):
    """blind-reading-4's docx text check compares the raw XML of the notes, where `&` is `&amp;`
    (APA's `Mbeki, S., & Harlow, J.`): the labels of notes whose first four words differ from the
    truth's once XML entities are decoded."""
    with zipfile.ZipFile(os.path.join(DOCS, "docx", f"{name}.docx")) as z:
        fx = z.read("word/footnotes.xml").decode()
        dx = z.read("word/document.xml").decode()
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"', dx)
    bodies = {}
    for m in re.finditer(r'<w:footnote (?:(?!w:type=)[^>])*w:id="(\d+)"[^>]*>(.*?)</w:footnote>', fx, re.S):
        bodies[m.group(1)] = html.unescape(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m.group(2))))
    return [x["label"] for x, r in zip(notes, refs)
            if br2.tokens(x["text"])[:4] != br2.tokens(bodies.get(r, ""))[:4]]


def check_counts(name, notes):
    """blind-reading-4's check_counts (html and docx carry exactly the truth's notes, in order, with
    the truth's texts; note openings in the texts), with the docx texts compared after decoding
    XML entities."""
    bad, labelled = br4.check_counts(name, notes)
    if "docx-texts" in bad:
        still = docx_texts_unescaped(name, notes)
        print(f"  docx texts compared with XML entities decoded: {'notes ' + str(still) + ' differ' if still else 'all equal'}")
        if still:
            bad["docx-texts"] = f"notes {still} differ"
        else:
            del bad["docx-texts"]
    return bad, labelled


def letters(s):
    """Lower-case ASCII letters only: hyphens, line breaks, markers, page numbers and punctuation
    gone, so hyphenated line ends and glued markers do not matter."""
    s = unicodedata.normalize("NFKC", s).lower()
    return re.sub(r"[^a-z]+", "", s)


def paged_letters(text):
    """The letters of an extracted text and, for each, its page (pdftotext ends pages with \\f)."""
    out, pages = [], []
    for i, page in enumerate(text.split("\f")):
        ls = letters(page)
        out.append(ls)
        pages += [i + 1] * len(ls)
    return "".join(out), pages


def page_span(stream, pages, text, window=6000, max_pieces=4):
    """(first page, last page) of a passage in the text.  Found whole, or else as up to
    max_pieces consecutive pieces, each the longest run of the passage's letters found within
    `window` letters after the previous one (the notes that plain pdftotext sets in the middle of
    a sentence cut by a page break stand between the pieces); None if not found."""
    ls = letters(text)
    if not ls:
        return None
    i = stream.find(ls)
    if i >= 0:
        return pages[i], pages[i + len(ls) - 1]
    cur, at, first, end = 0, 0, None, None
    for piece in range(max_pieces):
        limit = len(stream) if piece == 0 else min(len(stream), at + window)
        lo, hi, best = 1, len(ls) - cur, None
        while lo <= hi:  # the longest prefix of ls[cur:] found in stream[at:limit]
            m = (lo + hi) // 2
            j = stream.find(ls[cur:cur + m], at, limit)
            if j >= 0:
                best, lo = (m, j), m + 1
            else:
                hi = m - 1
        if best is None or best[0] < (12 if piece == 0 else 6):
            return None
        m, j = best
        if first is None:
            first = j
        cur, at, end = cur + m, j + m, j + m - 1
        if cur >= len(ls):
            return pages[first], pages[end]
    return None


def page_cuts(notes, text):
    """Marker sentences (distinct) and notes whose text runs over a page break in a plain
    pdftotext text; and those not found at all."""
    stream, pages = paged_letters(text)
    sent_cut, sent_lost, seen = [], [], {}
    for n in notes:
        s = n["sentence"]
        if not s:
            continue
        if s in seen:
            continue
        seen[s] = n["label"]
        span = page_span(stream, pages, s)
        if span is None:
            sent_lost.append(n["label"])
        elif span[0] != span[1]:
            sent_cut.append(n["label"])
    note_cut, note_lost = [], []
    for n in notes:
        span = page_span(stream, pages, n["text"])
        if span is None:
            note_lost.append(n["label"])
        elif span[0] != span[1]:
            note_cut.append(n["label"])
    return {"sentences": len(seen), "sentences_cut": sent_cut, "sentences_not_found": sent_lost,
            "notes_cut": note_cut, "notes_not_found": note_lost}


def main():
    if not HAVE_CHROME:
        print("chromium not found: chrome-pdf, chrome-txt and chrome-layout are skipped")
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    ref = os.path.join(NORM, "reference-a4.docx")
    reference_docx_a4(ref)
    truth = {"documents": {}}
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
        base = ["pandoc", "-f", "json", ast_path]
        html = f"{DOCS}/html/{name}.html"
        sh(base + ["-s", "-t", "html5", "-o", html])
        sh(base + ["-t", "docx", "--reference-doc", ref, "-o", f"{DOCS}/docx/{name}.docx"])
        sh(base + ["-s", "--pdf-engine=pdflatex", "-V", "papersize=a4", "-V", "fontsize=11pt",
                   "-o", f"{DOCS}/tex-pdf/{name}.pdf"])
        sh(base + ["-s", "--pdf-engine=xelatex", "-V", "documentclass=scrartcl", "-V", "papersize=letter",
                   "-V", "fontsize=11pt", "-V", "mainfont=DejaVu Serif", "-o", f"{DOCS}/xetex-pdf/{name}.pdf"])
        if HAVE_CHROME:
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
    words = {}
    for name in DOCUMENTS:
        with open(os.path.join(SRC, f"{name}.md"), encoding="utf-8") as f:
            words[name] = len(f.read().split())
    print("\nchecks")
    for name in DOCUMENTS:
        doc = truth["documents"][name]
        notes = doc["notes"]
        bad, _ = check_counts(name, notes)
        if bad:
            problems.append((name, len(notes), bad))
            structural |= any(k.startswith(("html", "docx")) for k in bad)
        s = br4.stats(notes)
        pages = {}
        for p in PDFS:
            info = subprocess.run(["pdfinfo", f"{DOCS}/{p}/{name}.pdf"], capture_output=True, text=True).stdout
            pages[p] = re.search(r"Pages:\s+(\d+)", info).group(1)
        print(f"{name}: {words[name]} words (src), {s['notes']} notes, {s['urls']} URLs, {s['with_url']} with URL, "
              f"{s['with_2plus_urls']} with 2+ URLs, {s['without_url']} without URL, "
              f"{sum(1 for x in notes if not x['sentence'])} without a sentence; pages "
              + ", ".join(f"{p} {v}" for p, v in pages.items()))
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(DOCUMENTS)} documents, {total} notes")
    print("\nmarker sentences and notes cut by a page break (plain pdftotext of each PDF; labels):")
    for p in PDFS:
        b = p[:-4]
        tot = {"sentences": 0, "cut": 0, "notes_cut": 0}
        lines = []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, f"{b}-txt", f"{name}.txt"), encoding="utf-8") as f:
                c = page_cuts(doc["notes"], f.read())
            tot["sentences"] += c["sentences"]
            tot["cut"] += len(c["sentences_cut"])
            tot["notes_cut"] += len(c["notes_cut"])
            extra = ""
            if c["sentences_not_found"] or c["notes_not_found"]:
                extra = (f"; not found: sentences of {c['sentences_not_found']}, notes {c['notes_not_found']}")
            lines.append(f"    {name}: sentences cut {len(c['sentences_cut'])} of {c['sentences']} "
                         f"(notes {c['sentences_cut']}); notes cut {len(c['notes_cut'])} {c['notes_cut']}{extra}")
        print(f"  {p}: {tot['cut']} of {tot['sentences']} marker sentences cut, {tot['notes_cut']} notes cut")
        print("\n".join(lines))
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
                    k = br4.url_carriage(text, u)
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
