#!/usr/bin/env python3
"""Build blind-reading-14: four documents on the theme DOCUMENTS MADE IN A WORD PROCESSOR, NOT BY
PANDOC: a borough council's scrutiny report, a US housing coalition's policy brief, a local-history
society's essay with endnotes, and a river-monitoring network's bulletin with a two-column
section.  Each is a LibreOffice Writer document: src/<name>.txt (the only hand-written text, in
the small markup fodt.py describes) is written out as a Writer flat ODF file (norm/<name>.fodt:
text:note footnotes or endnotes, text:a hyperlinks, paragraph, page, list, table and section
styles), which LibreOffice itself then saves as .odt, exports to .docx and to PDF.  Adapted from
blind-reading-13's build.py (some of its measuring helpers are copied below; the sources, the
truth route and the renderings are new).

    python3 build.py > build.log 2>&1      # from this folder or anywhere (about two minutes)

Renderings, in docs/<rendering>/<name>.<ext>:

  odt           soffice --convert-to odt of norm/<name>.fodt (the Writer file)
  docx          soffice --convert-to docx:"MS Word 2007 XML" of the .odt (Writer's own DOCX export)
  lo-pdf        soffice --convert-to pdf:writer_pdf_Export of the .odt
  docx-pdf      soffice --convert-to pdf:writer_pdf_Export of the .docx (the DOCX opened again)
  <x>-txt       pdftotext <x>-pdf
  <x>-layout    pdftotext -layout <x>-pdf

Truth (truth.json): `pandoc -f docx -t json` of the Writer-made .docx, cleaned and read into notes
by ../../../shared/real-docs/build.py's clean_ast and truth_of (imported, not copied).  Pandoc's
ODT reader drops notes inside a Writer section, so the DOCX is the one read; the ODT reading is
compared for the documents without a section.  Writer's DOCX export writes a hyperlink's target
with its %-escapes decoded (`%20` as a space, `%2F` as `/`); a truth URL that differs from a URL
written in the source only by that decoding is given as written in the source (logged).

Checks (exit 1 when one fails): the number of notes written in the source, in the .odt
(text:note), in the .docx (w:footnote / w:endnote with text) and in the truth agree, of the class
the document asks for; labels run 1..n; the URLs written in each note of the source (link targets
and bare URLs) equal that truth note's URLs; every note is one paragraph; no date written in a
note or found in a URL is later than the document's publication date.  Logged: pages, running
heads and feet, the block each marker stands in, note openings and labels in each text, how the
texts carry the URLs, which URLs are hidden behind a title, and the numbers that are not markers.
"""
import collections
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import urllib.parse
import zipfile
from xml.dom import minidom

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
NORM = os.path.join(HERE, "norm")
DOCS = os.path.join(HERE, "docs")
SHARED = os.path.join(HERE, "..", "..", "..", "shared", "real-docs")
sys.path.insert(0, HERE)
import fodt  # noqa: E402


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


rd = _load("rd_build", os.path.join(SHARED, "build.py"))

LAYOUT = {
    "council-culvert-scrutiny": {
        "published": "2025-02-18",
        "opts": dict(title="Surface Water Flooding in Brackenford", author="Brackenford Borough Council", date="2025-02-18",
                     paper="A4", margin="2.2cm", font="Liberation Serif", size=11, note_size=9, notes="footnote",
                     header="Brackenford Borough Council", header_right="Scrutiny Review: Drainage", footer="page-of",
                     country="GB", table_width="16.6cm"),
        "desc": "A4, Liberation Serif 11 pt, footnotes 9 pt; header 'Brackenford Borough Council … Scrutiny Review: "
                "Drainage', footer 'Page N of M'; headings numbered by hand; a note on a heading; markers in table "
                "cells and in bulleted list items; links hidden behind titles; news-style 'accessed' dates; Ibid."},
    "brief-tenant-broadband": {
        "published": "2024-10-07",
        "opts": dict(title="Wired at Home", author="Kessler Valley Housing Coalition", date="2024-10-07",
                     paper="Letter", margin="2.54cm", font="Liberation Serif", size=12, note_size=12, notes="footnote",
                     tab_after_number=True, footer="page", country="US", note_indent="0.6cm", table_width="16.5cm"),
        "desc": "US Letter, 1 in margins, Liberation Serif 12 pt with footnotes also 12 pt; a tab after each note "
                "number (the note text starts with a tab, Word's habit); page number in the footer; Bluebook-like "
                "notes with Id., supra, Cf.; markers glued to numbers (2019, 2,417, 61%)"},
    "essay-saltmarsh-ledgers": {
        "published": "2025-05-22",
        "opts": dict(title="The Salt Ledgers of Hollin Marsh, 1784–1861", author="Imogen Fairweather-Nakamura",
                     date="2025-05-22", paper="A4", margin="2.5cm", font="Liberation Serif", size=11, note_size=10,
                     notes="endnote", footer="page", country="GB", align="justify", table_width="12cm"),
        "desc": "A4, Liberation Serif 11 pt justified; ENDNOTES (Writer endnotes, Arabic 1, 2, 3, printed after the "
                "text); page number in the footer; Chicago notes with Ibid. and DOIs; a table with notes in cells"},
    "bulletin-river-sensors": {
        "published": "2024-12-09",
        "opts": dict(title="Riverwatch Bulletin, Issue 14", author="Riverwatch Network", date="2024-12-09",
                     paper="A4", margin="1.8cm", font="Liberation Sans", size=10, note_size=8, notes="footnote",
                     header="Riverwatch Bulletin · Issue 14 · Winter 2024", footer="page", country="GB", line_height="110%"),
        "desc": "A4, Liberation Sans 10 pt, footnotes 8 pt; running header 'Riverwatch Bulletin · Issue 14 · Winter "
                "2024' and page number in the footer; two articles in a Writer section with two columns (the rest in one column); APA-like "
                "notes with the URL as the link's text; a note with two URLs; COVID-19, G7, 1,200"},
}

PDFS = ["lo-pdf", "docx-pdf"]
RENDERINGS = {"odt": ("odt", "odt"), "docx": ("docx", "docx")}
for _p in PDFS:
    _b = _p[:-4]
    RENDERINGS[_p] = (_p, "pdf")
    RENDERINGS[_b + "-txt"] = (_b + "-txt", "txt")
    RENDERINGS[_b + "-layout"] = (_b + "-layout", "txt")

DISTRACTORS = ["COVID-19", "G7", "1,200", "2.1", "3.3%", "35%", "63.4 mm", "£2.6 million", "2,417", "61%", "$84.2 million",
               "117-58", "§ 17.4(c)", "1784", "4,300", "24 per cent", "2,950", "1,120", "21.5 °C", "96.4%", "4,812", "14%",
               "CC BY 4.0"]


def sh(cmd, **kw):
    print("$ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------- helpers copied from set 13


def cell_text(cell_blocks):
    return re.sub(r"\ue000\d+\ue001", "", " ".join(
        rd.Truth().inl(b["c"]) for b in cell_blocks if b.get("t") in ("Plain", "Para"))).strip()


def tables_of(ast):
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
                tab = {"rows": [], "notes": {}}
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
                            tab["notes"][lab] = part
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
    out, count = {}, [0]

    def visit(n, kind):
        if isinstance(n, dict):
            t = n.get("t")
            if t == "Note":
                count[0] += 1
                out[str(count[0])] = kind
                return
            if t == "Table":
                visit(n["c"][2:], "table cell")
                return
            k = {"BlockQuote": "blockquote", "BulletList": "bullet item", "OrderedList": "ordered item",
                 "Header": "header"}.get(t, kind)
            for v in n.values():
                visit(v, k)
        elif isinstance(n, list):
            for x in n:
                visit(x, kind)
    visit(ast["blocks"], "para")
    return out


def note_shapes(ast):
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


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def squash(s):
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s).lower())


def furniture(layout_text):
    pgs = layout_text.split("\f")
    if pgs and not pgs[-1].strip():
        pgs = pgs[:-1]
    firsts, lasts = collections.Counter(), collections.Counter()
    for p in pgs:
        lines = [re.sub(r"\s+", " ", ln).strip() for ln in p.splitlines() if ln.strip()]
        if lines:
            firsts[re.sub(r"\d", "#", lines[0])[:70]] += 1
            lasts[re.sub(r"\d", "#", lines[-1])[:70]] += 1
    return len(pgs), firsts, lasts


def url_carriage(text, url):
    u = url.split("#")[0]
    if u in text:
        return "verbatim"
    flat = re.sub(r"\s+", "", text)
    if u in flat:
        return "wrapped"
    if u.replace("-", "") in flat.replace("-", ""):
        return "hyphen-lost"
    return "absent"


def rd_words(text):
    return {w for w in re.findall(r"\w+", (text or "").lower()) if not (w.isdigit() and len(w) <= 3)}


MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({"jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "aug.": 8, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12})


def note_dates(text):
    out = []
    t = unicodedata.normalize("NFKC", text)
    for d, mo, y in re.findall(r"\b(\d{1,2}) ([A-Za-z]+\.?) (\d{4})\b", t):
        if mo.lower() in MONTHS:
            out.append(f"{y}-{MONTHS[mo.lower()]:02d}-{int(d):02d}")
    for mo, d, y in re.findall(r"\b([A-Z][a-z]+\.?) (\d{1,2}), (\d{4})\b", t):
        if mo.lower() in MONTHS:
            out.append(f"{y}-{MONTHS[mo.lower()]:02d}-{int(d):02d}")
    for y, mo, d in re.findall(r"\((\d{4}), ([A-Z][a-z]+) (\d{1,2})\)", t):
        if mo.lower() in MONTHS:
            out.append(f"{y}-{MONTHS[mo.lower()]:02d}-{int(d):02d}")
    return out


def url_dates(url):
    out = []
    for y, mo, d in re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)[/-](\d\d)[/-](\d\d)(?!\d)", url):
        out.append(f"{y}-{mo}-{d}")
    return [d for d in out if 1 <= int(d[5:7]) <= 12 and 1 <= int(d[8:10]) <= 31]


def days(iso):
    import datetime
    return datetime.date.fromisoformat(iso).toordinal()


# ---------------------------------------------------------------- blind-reading-14: Writer


def soffice(profile, target, src, outdir):
    """One conversion at a time, with a private LibreOffice profile."""
    sh(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
        "--outdir", outdir, src], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def odt_notes(path):
    with zipfile.ZipFile(path) as z:
        x = z.read("content.xml").decode("utf-8")
    return re.findall(r'<text:note [^>]*text:note-class="(\w+)"', x)


def docx_notes(path):
    out = {}
    with zipfile.ZipFile(path) as z:
        for kind in ("footnote", "endnote"):
            name = f"word/{kind}s.xml"
            if name in z.namelist():
                x = z.read(name).decode("utf-8")
                # separator notes have w:type; real ones have none
                out[kind] = len(re.findall(rf"<w:{kind} (?![^>]*w:type=)[^>]*>", x))
            else:
                out[kind] = 0
    return out


def fix_urls(notes, src_urls):
    """Give each truth URL as written in the source when it differs only by %-decoding (Writer's
    DOCX export writes link targets decoded); return the replacements made."""
    made = []
    for x in notes:
        want = src_urls.get(x["label"], [])
        new = []
        for u in x["urls"]:
            if u not in want:
                same = [w for w in want if urllib.parse.unquote(w) == urllib.parse.unquote(u)]
                if same:
                    made.append(f"{x['label']}: {u!r} -> {same[0]!r}")
                    u = same[0]
            if u not in new:
                new.append(u)
        x["urls"] = new
    return made


def main():
    for d in [NORM] + [os.path.join(DOCS, f) for f, _ in RENDERINGS.values()]:
        os.makedirs(d, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    scratch = tempfile.mkdtemp(prefix="lo-out-")
    truth = {"documents": {}}
    ok_all = True
    kinds, hidden = {}, {}
    try:
        for name, lay in LAYOUT.items():
            print(f"\n== {name}\n  {lay['desc']}", flush=True)
            with open(os.path.join(SRC, f"{name}.txt"), encoding="utf-8") as f:
                src = f.read()
            flat_xml, doc = fodt.fodt(src, lay["opts"])
            xml_ok = True
            try:
                minidom.parseString(flat_xml.encode("utf-8"))
            except Exception as e:  # noqa: BLE001
                xml_ok = False
                print(f"  fodt not well-formed: {e}")
            ok_all &= xml_ok
            fpath = os.path.join(NORM, f"{name}.fodt")
            with open(fpath, "w", encoding="utf-8") as f:
                f.write(flat_xml)
            odt = os.path.join(DOCS, "odt", f"{name}.odt")
            docx = os.path.join(DOCS, "docx", f"{name}.docx")
            soffice(profile, "odt", fpath, os.path.join(DOCS, "odt"))
            soffice(profile, 'docx:MS Word 2007 XML', odt, os.path.join(DOCS, "docx"))
            soffice(profile, "pdf:writer_pdf_Export", odt, os.path.join(DOCS, "lo-pdf"))
            soffice(profile, "pdf:writer_pdf_Export", docx, scratch)
            shutil.move(os.path.join(scratch, f"{name}.pdf"), os.path.join(DOCS, "docx-pdf", f"{name}.pdf"))
            for p in PDFS:
                b = p[:-4]
                sh(["pdftotext", f"{DOCS}/{p}/{name}.pdf", f"{DOCS}/{b}-txt/{name}.txt"])
                sh(["pdftotext", "-layout", f"{DOCS}/{p}/{name}.pdf", f"{DOCS}/{b}-layout/{name}.txt"])
            # truth from the DOCX
            print(f"$ pandoc -f docx -t json docs/docx/{name}.docx")
            ast = json.loads(subprocess.run(["pandoc", "-f", "docx", "-t", "json", docx],
                                            check=True, capture_output=True).stdout)
            rd.clean_ast(ast)
            with open(os.path.join(NORM, f"{name}.json"), "w", encoding="utf-8") as f:
                json.dump(ast, f)
            notes = rd.truth_of(ast)
            src_urls = collections.defaultdict(list)
            for n, u, how in doc.urls:
                if n is not None and u not in src_urls[str(n)]:
                    src_urls[str(n)].append(u)
            hidden[name] = [(str(n), u) for n, u, how in doc.urls if n is not None and how == "hidden"]
            made = fix_urls(notes, src_urls)
            print(f"  truth URLs given as written in the source (the DOCX had them %-decoded): {made or 'none'}")
            tabs = tables_of(ast)
            cell_labels = sorted({lab for t in tabs for lab in t["notes"]}, key=int)
            kinds[name] = block_kinds(ast)
            truth["documents"][name] = {"source": f"src/{name}.txt", "published": lay["published"],
                                        "table_notes": cell_labels, "notes": notes}
            cls = lay["opts"]["notes"]
            on = odt_notes(odt)
            dn = docx_notes(docx)
            labels_ok = [x["label"] for x in notes] == [str(i) for i in range(1, len(notes) + 1)]
            ok = (doc.n == len(notes) == len(on) == dn[cls] and set(on) == {cls} and labels_ok
                  and dn["footnote" if cls == "endnote" else "endnote"] == 0)
            print(f"  notes ({cls}s): source {doc.n}, odt {len(on)} ({', '.join(sorted(set(on)))}), docx {dn}, "
                  f"Pandoc (truth) {len(notes)}, labels 1..n {labels_ok} [{'ok' if ok else 'BAD'}]")
            ok_all &= ok
            bad = [f"{x['label']}: source {src_urls.get(x['label'], [])} truth {x['urls']}"
                   for x in notes if sorted(src_urls.get(x["label"], [])) != sorted(x["urls"])]
            print(f"  URLs per note, source against truth: {sum(len(v) for v in src_urls.values())} in the source, "
                  f"{sum(len(x['urls']) for x in notes)} in the truth; differing notes: {bad or 'none'} [{'ok' if not bad else 'BAD'}]")
            ok_all &= not bad
            shapes = note_shapes(ast)
            bad_shape = {lab: s for lab, s in shapes.items() if s != ["Para"]}
            print(f"  notes that are not one paragraph: {bad_shape or 'none'} [{'ok' if not bad_shape else 'BAD'}]")
            ok_all &= not bad_shape
            # the ODT as Pandoc reads it (it drops notes inside a Writer section)
            oast = json.loads(subprocess.run(["pandoc", "-f", "odt", "-t", "json", odt], check=True,
                                             capture_output=True).stdout)
            rd.clean_ast(oast)
            onotes = rd.truth_of(oast)
            same = sum(1 for a, b in zip(onotes, notes) if a["text"] == b["text"] and a["sentence"] == b["sentence"])
            print(f"  pandoc -f odt: {len(onotes)} notes, {same} with the same text and sentence as the truth's"
                  + (" (this document has a two-column section, whose notes the ODT reader drops)" if ">>cols" in src else ""))
            print(f"  hidden links (visible text is a title, the URL only in the target): "
                  f"{', '.join(f'{lab} {u}' for lab, u in hidden[name]) or 'none'}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")

    print("\ndocuments")
    for name, lay in LAYOUT.items():
        notes = truth["documents"][name]["notes"]
        words = len(subprocess.run(["pandoc", os.path.join(NORM, f"{name}.json"), "-f", "json", "-t", "plain"],
                                   capture_output=True, text=True, check=True).stdout.split())
        pg = {p: pages(f"{DOCS}/{p}/{name}.pdf") for p in PDFS}
        print(f"{name}: {words} words (notes included), {len(notes)} notes, {sum(len(x['urls']) for x in notes)} URLs, "
              f"{sum(1 for x in notes if x['urls'])} with URL, {sum(1 for x in notes if len(x['urls']) > 1)} with 2+ URLs, "
              f"{sum(1 for x in notes if not x['urls'])} without URL ({', '.join(x['label'] for x in notes if not x['urls'])}), "
              f"table cells {truth['documents'][name]['table_notes'] or 'none'}, hidden links {len(hidden[name])}, "
              f"{sum(1 for x in notes if not rd_words(x['sentence']))} without a scorable sentence; pages "
              + ", ".join(f"{p} {v}" for p, v in pg.items()))
        special = {k: [lab for lab, v in kinds[name].items() if v == k] for k in ("bullet item", "table cell", "header")}
        shared = collections.Counter(x["sentence"] for x in notes)
        print("  markers by block: " + (", ".join(f"{k} {', '.join(v)}" for k, v in special.items() if v) or "all in paragraphs")
              + "; sentences carrying 2+ markers: "
              + (", ".join("+".join(x["label"] for x in notes if x["sentence"] == s) for s, c in shared.items() if c > 1) or "none"))
    alln = [x for d in truth["documents"].values() for x in d["notes"]]
    print(f"{len(LAYOUT)} documents, {len(alln)} notes, {sum(1 for x in alln if x['urls'])} with URL, "
          f"{sum(len(x['urls']) for x in alln)} URLs, {sum(len(d['table_notes']) for d in truth['documents'].values())} markers in table cells, "
          f"{sum(len(v) for v in hidden.values())} hidden links")

    print("\nrunning heads and feet (-layout text; digits as #)")
    for name in LAYOUT:
        for p in PDFS:
            with open(os.path.join(DOCS, p[:-4] + "-layout", f"{name}.txt"), encoding="utf-8") as f:
                n, firsts, lasts = furniture(f.read())
            print(f"  {name} {p}: {n} pages; first: " + " | ".join(f"{k!r} x{v}" for k, v in firsts.most_common(2))
                  + "; last: " + " | ".join(f"{k!r} x{v}" for k, v in lasts.most_common(2)))

    print("\nnote labels: each note's first two words with its own label right before them (label, optional"
          " space or tab), else the label alone on the line before the note, else neither")
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        glued, above, neither = 0, 0, []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                raw = unicodedata.normalize("NFKC", f.read())
            for x in doc["notes"]:
                ws = re.findall(r"\S+", unicodedata.normalize("NFKC", x["text"]))[:2]
                body = r"\s+".join(re.escape(w) for w in ws)
                if re.search(r"(?m)^[ \t\f]*" + x["label"] + r"[ \t]+" + body, raw):
                    glued += 1
                elif re.search(r"(?m)^[ \t\f]*" + x["label"] + r"[ \t]*\n\s*" + body, raw):
                    above += 1
                else:
                    neither.append(f"{name} {x['label']}")
        print(f"  {r:<12} label then note on one line {glued}, label on the line above {above}, "
              f"neither {len(neither)}" + (f" ({', '.join(neither[:12])}{' …' if len(neither) > 12 else ''})" if neither else ""))

    print("\nhow the extracted texts carry the truth's URLs (absent: a link hidden behind a title, or split)")
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        cnt, odd = collections.Counter(), []
        for name, doc in truth["documents"].items():
            with open(os.path.join(DOCS, folder, f"{name}.txt"), encoding="utf-8") as f:
                text = f.read()
            hid = set(hidden[name])
            for x in doc["notes"]:
                for u in x["urls"]:
                    k = url_carriage(text, u)
                    if k == "absent" and (x["label"], u) in hid:
                        k = "absent (hidden)"
                    cnt[k] += 1
                    if k in ("hyphen-lost", "absent"):
                        odd.append(f"{name} {x['label']}")
        print(f"  {r:<12} " + ", ".join(f"{k} {cnt.get(k, 0)}" for k in ("verbatim", "wrapped", "hyphen-lost", "absent (hidden)", "absent")))
        if odd:
            print("    " + "; ".join(odd))

    print("\nnumbers that are not markers: occurrences in the truth (body and notes, pandoc -t plain) and in each text")

    def norm_num(s):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s))
    plain = "".join(norm_num(subprocess.run(["pandoc", os.path.join(NORM, f"{n}.json"), "-f", "json", "-t", "plain",
                                              "--wrap=none"], capture_output=True, text=True, check=True).stdout)
                    for n in LAYOUT)
    print(f"  {'source':<12} " + ", ".join(f"{k!r} {plain.count(k)}" for k in DISTRACTORS))
    for r, (folder, ext) in RENDERINGS.items():
        if ext != "txt":
            continue
        flat = "".join(norm_num(open(os.path.join(DOCS, folder, f"{n}.txt"), encoding="utf-8").read()) for n in LAYOUT)
        print(f"  {r:<12} " + ", ".join(f"{k!r} {flat.count(k)}" for k in DISTRACTORS))

    print("\ndates: every date written in a note and every date in a URL, against the publication date (none may be"
          " later), and each URL date against the dates written in its note")
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
    if not ok_all:
        print("STRUCTURAL CHECK FAILED")
        return 1
    print("\nall structural checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
