#!/usr/bin/env python3
"""Build blind-reading-3: five documents whose footnote markers sit inside tables (tables that
run over several pages, header rows repeated, rows cut by page breaks, one table of six narrow
columns), rendered by real tools, with the ground truth computed from the sources.

    python3 build.py            # from this folder or anywhere; about a minute

Sources (src/): four Pandoc Markdown files with `[^n]` footnotes (pipe tables holding markers)
and one LaTeX file (report-grid-storage.tex: a longtable with \\endfirsthead/\\endhead/\\endfoot
and \\footnote in its cells, and a tabular whose notes are set with \\footnotemark/\\footnotetext).

Truth (truth.json, in ../shared/real-docs' shape): for every note, in document order, its label
(the number every renderer prints), its text, its URLs (the targets of the links inside it) and
the sentence carrying its marker (for a marker in a table cell: the sentence of that cell).  It is
read from Pandoc's JSON AST of each source by this file's own walker (no citetrack code); the
LaTeX source is first rewritten for Pandoc's LaTeX reader, which does not read longtable: the
longtable becomes a tabular without its repeated header, and each \\footnotemark takes the text
of its \\footnotetext.

Renderings, in docs/<rendering>/<name>.<ext> (Markdown sources: all; the LaTeX source: tex-*):

  html           pandoc -s -t html5 with a print style sheet (A4, DejaVu Serif 11 pt, ruled table
                 cells, long words broken in cells, thead repeated on each printed page)
  docx           pandoc -t docx, reference doc: A4, 2 cm margins, Liberation Serif 11 pt,
                 notes 9 pt, tables with single borders, header row repeated (Pandoc's tblHeader)
  lo-pdf         soffice --headless --convert-to pdf of the docx (notes at each page's foot)
  chrome-pdf     the html printed by headless chromium --no-pdf-header-footer (endnotes)
  tex-pdf        Markdown: pandoc -s -t latex (article, 11 pt, A4, 2.5 cm margins; longtable with
                 \\endhead, footnotehyper's savenotes), then pdflatex twice; LaTeX: pdflatex twice
  <x>-txt        pdftotext <x>-pdf
  <x>-layout     pdftotext -layout <x>-pdf
"""
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
DOCS = os.path.join(HERE, "docs")

# name -> (source file, published date)
DOCUMENTS = {
    "brief-cold-chain": ("brief-cold-chain.md", "2024-09-11"),
    "report-bridge-inspections": ("report-bridge-inspections.md", "2024-05-20"),
    "brief-school-meals": ("brief-school-meals.md", "2024-03-18"),
    "essay-river-commons": ("essay-river-commons.md", "2024-07-02"),
    "report-grid-storage": ("report-grid-storage.tex", "2024-10-15"),
}
PDFS = ["lo-pdf", "chrome-pdf", "tex-pdf"]
# rendering -> (folder, extension, which sources: "md" or "all")
RENDERINGS = {"html": ("html", "html", "md"), "docx": ("docx", "docx", "md")}
for _p in PDFS:
    _b = _p[:-4]
    _which = "all" if _b == "tex" else "md"
    RENDERINGS[_p] = (_p, "pdf", _which)
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt", _which)
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt", _which)


def docs_for(rendering):
    which = RENDERINGS[rendering][2]
    return [n for n, (f, _) in DOCUMENTS.items() if which == "all" or f.endswith(".md")]


def sh(cmd, **kw):
    print("  $ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)

# ---------------------------------------------------------------- truth from the Pandoc AST


MARK = "\x00{}\x00"


class Walker:
    """Collects notes (text, urls) and, for each, the sentence that carries its marker."""

    def __init__(self):
        self.notes = []  # dicts: label, text, urls, sentence

    # inline text; notes become placeholders in body text
    def inl(self, xs, in_note=False, urls=None, skip_links=False):
        out = []
        for x in xs:
            t, c = x["t"], x.get("c")
            if t == "Str":
                out.append(c)
            elif t in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
                out.append(self.inl(c, in_note, urls, skip_links))
            elif t == "Quoted":
                q = ("\u201c", "\u201d") if c[0]["t"] == "DoubleQuote" else ("\u2018", "\u2019")
                out.append(q[0] + self.inl(c[1], in_note, urls, skip_links) + q[1])
            elif t == "Cite":
                out.append(self.inl(c[1], in_note, urls, skip_links))
            elif t in ("Code", "Math"):
                out.append(c[1])
            elif t == "RawInline":
                pass
            elif t == "Link":
                if urls is not None and c[2][0] not in urls:
                    urls.append(c[2][0])
                out.append("" if skip_links else self.inl(c[1], in_note, urls, skip_links))
            elif t == "Image":
                out.append(self.inl(c[1], in_note, urls, skip_links))
            elif t == "Span":
                out.append(self.inl(c[1], in_note, urls, skip_links))
            elif t == "Note":
                assert not in_note, "note inside a note"
                idx = len(self.notes)
                urls_n = []
                text = " ".join(self.inl_blocks(c, urls_n))
                bare = " ".join(self.inl_blocks(c, None, skip_links=True))
                for u in re.findall(r"(?:https?://|www\.)[^\s<>\"]+", bare):
                    u = u.rstrip(".,;:)]}'\u201d\u2019")
                    if u not in urls_n:
                        urls_n.append(u)
                self.notes.append({"label": str(idx + 1), "text": clean(text), "urls": urls_n, "sentence": None})
                out.append(MARK.format(idx))
            else:
                raise ValueError(f"unexpected inline {t}")
        return "".join(out)

    def inl_blocks(self, blocks, urls, skip_links=False):
        """Text of a note's blocks (no markers inside notes)."""
        out = []
        for b in blocks:
            t, c = b["t"], b.get("c")
            if t in ("Para", "Plain"):
                out.append(self.inl(c, True, urls, skip_links))
            elif t == "BlockQuote":
                out.extend(self.inl_blocks(c, urls, skip_links))
            elif t == "BulletList":
                for item in c:
                    out.extend(self.inl_blocks(item, urls, skip_links))
            elif t == "OrderedList":
                for item in c[1]:
                    out.extend(self.inl_blocks(item, urls, skip_links))
            elif t == "Div":
                out.extend(self.inl_blocks(c[1], urls, skip_links))
            else:
                raise ValueError(f"unexpected block in a note: {t}")
        return out

    # body blocks
    def text_block(self, inlines):
        text = self.inl(inlines)
        for sent in split_sentences(text):
            for m in re.finditer(r"\x00(\d+)\x00", sent):
                n = self.notes[int(m.group(1))]
                assert n["sentence"] is None
                n["sentence"] = clean(re.sub(r"\x00\d+\x00", "", sent))

    def blocks(self, bs):
        for b in bs:
            t, c = b["t"], b.get("c")
            if t in ("Para", "Plain"):
                self.text_block(c)
            elif t == "Header":
                self.text_block(c[2])
            elif t in ("BlockQuote",):
                self.blocks(c)
            elif t == "Div":
                self.blocks(c[1])
            elif t == "BulletList":
                for item in c:
                    self.blocks(item)
            elif t == "OrderedList":
                for item in c[1]:
                    self.blocks(item)
            elif t == "Table":
                _attr, caption, _specs, thead, tbodies, tfoot = c
                self.blocks(caption[1])
                for row in thead[1]:
                    self.row(row)
                for body in tbodies:
                    for row in body[2] + body[3]:
                        self.row(row)
                for row in tfoot[1]:
                    self.row(row)
            elif t in ("HorizontalRule", "RawBlock", "Null", "CodeBlock"):
                pass
            else:
                raise ValueError(f"unexpected block {t}")

    def row(self, row):
        for cell in row[1]:
            self.blocks(cell[4])


def clean(s):
    s = unicodedata.normalize("NFC", s).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


# a sentence ends at . ! ? (closing quotes and brackets and note markers after it stay with it)
# when a capitalised word (or an opening quote or bracket) follows
_END = re.compile(r"[.!?][\u201d\u2019\"')\]]*(?:\x00\d+\x00)*(?=\s+[\u201c\u2018\"(\[]?[A-Z])")


def split_sentences(text):
    out, start = [], 0
    for m in _END.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return [s for s in (x.strip() for x in out) if s]


AMP = "AMPERSANDINURL"


def latex_for_pandoc(tex):
    """Pandoc's LaTeX reader reads tabular but not longtable, nor \\footnotemark/\\footnotetext:
    rewrite the source's body into what it reads, keeping every cell and note in order."""
    body = tex.split("\\begin{document}", 1)[1].split("\\end{document}", 1)[0]
    body = body.replace("\\maketitle", "").replace("\\thispagestyle{fancy}", "")
    # an & inside \url{} (a query string) would end a cell for Pandoc's tabular reader
    body = re.sub(r"\\url\{[^}]*\}", lambda m: m.group(0).replace("&", AMP), body)

    def longtable(m):
        spec, inner = m.group(1), m.group(2)
        ncol = len(re.findall(r"p\{", spec))
        rows = inner.split("\\endlastfoot", 1)[1]
        return "\\begin{tabular}{" + "l" * ncol + "}\n" + rows + "\\end{tabular}"
    body, k = re.subn(r"\\begin\{longtable\}\{(.*?)\}\n(.*?)\\end\{longtable\}", longtable, body, flags=re.S)
    assert k == 1
    texts = []

    def take(m):
        start = m.end()
        depth, i = 1, start
        while depth:
            depth += {"{": 1, "}": -1}.get(body[i], 0)
            i += 1
        texts.append(body[start:i - 1])
        return i
    out, pos = [], 0
    for m in re.finditer(r"\\footnotetext\{", body):
        if m.start() < pos:
            continue
        out.append(body[pos:m.start()])
        pos = take(m)
    body = "".join(out) + body[pos:]
    body = re.sub(r"\\(addtocounter|stepcounter)\{footnote\}(\{-?\d+\})?", "", body)
    marks = body.split("\\footnotemark")
    assert len(marks) == len(texts) + 1, (len(marks), len(texts))
    body = marks[0] + "".join("\\footnote{" + t + "}" + rest for t, rest in zip(texts, marks[1:]))
    return "\\documentclass{article}\n\\begin{document}\n" + body + "\\end{document}\n"


def truth_of(name, src_file):
    path = os.path.join(SRC, src_file)
    if src_file.endswith(".md"):
        ast = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json", path],
                                        check=True, capture_output=True).stdout)
    else:
        with open(path, encoding="utf-8") as f:
            tex = latex_for_pandoc(f.read())
        ast = json.loads(subprocess.run(["pandoc", "-f", "latex", "-t", "json"], input=tex.encode(),
                                        check=True, capture_output=True).stdout)
    w = Walker()
    w.blocks(ast["blocks"])
    for n in w.notes:
        n["text"] = n["text"].replace(AMP, "&")
        n["urls"] = [u.replace(AMP, "&") for u in n["urls"]]
        assert AMP not in n["sentence"]
    for n in w.notes:
        assert n["sentence"], (name, n)
    return w.notes

# ---------------------------------------------------------------- renderings


def reference_docx(path):
    """Pandoc's default reference.docx with an A4 page (2 cm margins), Liberation Serif 11 pt,
    9 pt footnotes, and single borders on every table."""
    data0 = subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                           check=True, capture_output=True).stdout
    tmp = path + ".orig"
    with open(tmp, "wb") as f:
        f.write(data0)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                s = data.decode()
                s = s.replace("<w:sectPr />",
                              '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" '
                              'w:right="1134" w:bottom="1134" w:left="1134" w:header="567" '
                              'w:footer="567" w:gutter="0"/></w:sectPr>')
                assert "w:pgSz" in s
                data = s.encode()
            elif item.filename == "word/styles.xml":
                s = data.decode()
                old = ('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" '
                       'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />\n        <w:sz w:val="24" />\n'
                       '        <w:szCs w:val="24" />')
                assert old in s
                s = s.replace(old, '<w:rFonts w:ascii="Liberation Serif" w:eastAsia="Liberation Serif" '
                                   'w:hAnsi="Liberation Serif" w:cs="Liberation Serif" />\n        <w:sz w:val="22" />\n'
                                   '        <w:szCs w:val="22" />', 1)
                old = '<w:style w:type="paragraph" w:styleId="FootnoteText">\n    <w:name w:val="Footnote Text" />'
                assert old in s
                s = s.replace(old, old + '\n    <w:pPr><w:spacing w:after="40" /></w:pPr>\n'
                                         '    <w:rPr><w:sz w:val="18" /><w:szCs w:val="18" /></w:rPr>', 1)
                old = ('<w:tblInd w:w="0" w:type="dxa" />\n      <w:tblCellMar>')
                assert old in s
                borders = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                                  for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
                s = s.replace(old, '<w:tblInd w:w="0" w:type="dxa" />\n      <w:tblBorders>' + borders
                              + '</w:tblBorders>\n      <w:tblCellMar>', 1)
                data = s.encode()
            zout.writestr(item, data)
    os.remove(tmp)


PRINT_CSS = """<style>
@page { size: A4; margin: 2cm 2cm 2.2cm 2cm; }
html { font-size: 11pt; }
body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.4; max-width: none; margin: 0; padding: 0; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 1em 0; }
thead { display: table-header-group; }
tr { break-inside: auto; page-break-inside: auto; }
th, td { border: 1px solid #444; padding: 4px 6px; vertical-align: top; overflow-wrap: anywhere; }
section.footnotes { font-size: 9.5pt; }
</style>
"""


def latex_twice(tex_path, out_pdf):
    out = tempfile.mkdtemp(prefix="br3-tex-")
    try:
        for _ in range(2):
            sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={out}", tex_path],
               stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(out, os.path.basename(tex_path)[:-4] + ".pdf"), out_pdf)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def tokens(text):
    return re.findall(r"[a-z]+|[0-9]+", unicodedata.normalize("NFKC", text).lower().replace("\u00ad", ""))


def notes_in_text(notes, text):
    """How many notes' openings (first three words) appear in extracted text."""
    joined = " " + " ".join(tokens(re.sub(r"-\n", "", text))) + " "
    return sum(1 for n in notes if (" " + " ".join(tokens(n["text"])[:3]) + " ") in joined)


def main():
    for folder, _, _ in RENDERINGS.values():
        shutil.rmtree(os.path.join(DOCS, folder), ignore_errors=True)
        os.makedirs(os.path.join(DOCS, folder))
    work = tempfile.mkdtemp(prefix="br3-build-")
    try:
        ref = os.path.join(work, "reference-a4.docx")
        reference_docx(ref)
        css = os.path.join(work, "print.html")
        with open(css, "w", encoding="utf-8") as f:
            f.write(PRINT_CSS)
        truth = {"documents": {}}
        for name, (src_file, published) in DOCUMENTS.items():
            print(name, flush=True)
            notes = truth_of(name, src_file)
            truth["documents"][name] = {"source": f"src/{src_file}", "published": published, "notes": notes}
            src = os.path.join(SRC, src_file)
            if src_file.endswith(".tex"):
                latex_twice(src, f"{DOCS}/tex-pdf/{name}.pdf")
                continue
            sh(["pandoc", src, "-s", "-t", "html5", "-H", css, "-o", f"{DOCS}/html/{name}.html"])
            sh(["pandoc", src, "-t", "docx", "--reference-doc", ref, "-o", f"{DOCS}/docx/{name}.docx"])
            tex = os.path.join(work, f"{name}.tex")
            sh(["pandoc", src, "-s", "-t", "latex", "-V", "documentclass=article", "-V", "fontsize=11pt",
                "-V", "papersize=a4", "-V", "geometry:margin=2.5cm", "-V", "colorlinks=true", "-o", tex])
            latex_twice(tex, f"{DOCS}/tex-pdf/{name}.pdf")
            prof = tempfile.mkdtemp(prefix="br3-chrome-")
            try:
                sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--disable-background-networking", "--no-first-run", f"--user-data-dir={prof}",
                    f"--print-to-pdf={DOCS}/chrome-pdf/{name}.pdf", f"file://{DOCS}/html/{name}.html"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            finally:
                shutil.rmtree(prof, ignore_errors=True)
        md_docs = [n for n, (f, _) in DOCUMENTS.items() if f.endswith(".md")]
        sh(["soffice", "-env:UserInstallation=file:///tmp/lo-profile-br3", "--headless", "--convert-to", "pdf",
            "--outdir", f"{DOCS}/lo-pdf"] + [f"{DOCS}/docx/{n}.docx" for n in md_docs], stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for p in PDFS:
        b = p[:-4]
        for name in docs_for(p):
            pdf = f"{DOCS}/{p}/{name}.pdf"
            sh(["pdftotext", pdf, f"{DOCS}/{b}-txt/{name}.txt"])
            sh(["pdftotext", "-layout", pdf, f"{DOCS}/{b}-layout/{name}.txt"])
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    # checks: structural renderings carry exactly the truth's notes; extracted texts show every note's opening
    bad = []
    for name, info in truth["documents"].items():
        notes = info["notes"]
        counts = {}
        if info["source"].endswith(".md"):
            with open(f"{DOCS}/html/{name}.html", encoding="utf-8") as f:
                counts["html"] = f.read().count('role="doc-noteref"')
            with zipfile.ZipFile(f"{DOCS}/docx/{name}.docx") as z:
                counts["docx"] = len(re.findall(r'<w:footnote (?:(?!w:type=)[^>])*w:id="\d+"',
                                                z.read("word/footnotes.xml").decode()))
        for r, (folder, ext, _) in RENDERINGS.items():
            if ext == "txt" and name in docs_for(r):
                with open(f"{DOCS}/{folder}/{name}.txt", encoding="utf-8") as f:
                    counts[r] = notes_in_text(notes, f.read())
        print(f"  {name}: {len(notes)} notes, {sum(len(n['urls']) for n in notes)} URLs, "
              f"{sum(1 for n in notes if n['urls'])} with a URL; found " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        bad += [(name, k, v, len(notes)) for k, v in counts.items() if v != len(notes)]
    total = sum(len(d["notes"]) for d in truth["documents"].values())
    print(f"{len(DOCUMENTS)} documents, {total} notes")
    if bad:
        print("COUNT DIFFERENCES: " + "; ".join(f"{n} {k}: {v} of {t}" for n, k, v, t in bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
