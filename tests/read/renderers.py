"""Real renderers for the reader tests: LibreOffice (DOCX -> PDF), pdflatex, pdftotext.

Each helper returns None when its tool is not installed, so a test can skip cleanly. The
documents are written here in our own words; nothing is copied from other authors.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docgen

TIMEOUT_S = 180  # a cold LibreOffice start on a busy machine


def soffice_pdf(docx: Path, out_dir: Path) -> Path | None:
    """`soffice --headless --convert-to pdf` of a .docx (own profile folder: runs in parallel)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (out_dir / "lo-profile").resolve()
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(docx)],
        check=True, capture_output=True, timeout=TIMEOUT_S,
    )
    pdf = out_dir / (docx.stem + ".pdf")
    return pdf if pdf.exists() else None


def pdflatex_pdf(source: str, out_dir: Path, name: str = "paper", engine: str = "pdflatex") -> Path | None:
    """A LaTeX source run through pdflatex, or `engine` (xelatex), twice so footnote marks settle."""
    pdflatex = shutil.which(engine)
    if pdflatex is None:
        return None
    tex = out_dir / f"{name}.tex"
    tex.write_text(source, encoding="utf-8")
    for _ in range(2):
        subprocess.run(
            [pdflatex, "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=out_dir, check=True, capture_output=True, timeout=TIMEOUT_S,
        )
    return out_dir / f"{name}.pdf"


def chromium_pdf(html: str, out_dir: Path, name: str = "page") -> Path | None:
    """A web page printed to PDF by headless Chromium (notes gathered at the end)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    page = out_dir / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = out_dir / f"{name}.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={out_dir / 'chromium-profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=TIMEOUT_S,
    )
    return pdf if pdf.exists() else None


def pdftotext(pdf: Path, layout: bool = False) -> str | None:
    """What a user copying text out of the PDF gets: poppler's pdftotext (optionally -layout)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    args = [tool, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, timeout=TIMEOUT_S, text=True).stdout


# ---------------------------------------------------------------- a paper in our own words

FERRY_NOTES = [
    ("Harbour Board, “Annual ferry count,” Lakeside Gazette, 3 March 2021, "
     "https://gazette.example.org/harbour/annual-ferry-count-2021."),
    "ibid.",
    ("Transit Review, “Winter timetable,” 12 January 2022, "
     "https://transit.example.net/reviews/2022/winter-timetable-for-the-northern-lake-crossings/index.html."),
    "County Archive, “The old pier,” 1998, https://archive.example.com/pier.",
    ("Mira Okafor and Jon Bell, “Fares after the pandemic,” Ferry Economics 4 (2022): 18, "
     "https://journal.example.org/fares-after-the-pandemic."),
    "Port Survey, “Shore erosion,” 7 May 2020, https://survey.example.org/erosion.",
    "Regional Council, “Minutes of the budget session,” 2 June 2021, https://council.example.org/minutes/0602.",
    "Weather Bureau, “Storm log,” 2019, https://weather.example.org/storms/2019.",
]

_FILLER = (
    "The crossing links the two market towns across the lake, and most of its passengers are "
    "workers, pupils and traders who make the trip twice a day in every season. "
)


def ferry_spec() -> docgen.DocSpec:
    """A four-page report with eight footnotes; its body is full of numbers that are no
    markers (years, 40 km2, COVID-19, the G7, 1,200 riders, version 2.4), two markers glued
    on one claim, and long URLs that must break across lines."""
    paragraphs = [
        docgen.para("Ferries on the Northern Lake", heading=True),
        docgen.para(
            "In 2019 the three ferries carried 1,200 riders a day over a lake of 40 km2."
            "[[1]] " + _FILLER * 3 + "The same count held in 2020.[[2]] " + _FILLER * 2
        ),
        docgen.para(
            "After COVID-19 the winter timetable dropped the early boat.[[3]] " + _FILLER * 3
            + "The old pier was built in 1911 and closed in 1987.[[4]] " + _FILLER * 2
        ),
        docgen.para("Fares and money", heading=True),
        docgen.para(
            "Fares rose by a third once the G7 fuel accord ended.[[5]][[6]] " + _FILLER * 4
            + "The council kept version 2.4 of its budget model for the boats.[[7]] " + _FILLER * 3
        ),
        docgen.para("Storms closed the crossing on nine days in 2019.[[8]] " + _FILLER * 2),
    ]
    notes = [docgen.NoteSpec(str(number), text) for number, text in enumerate(FERRY_NOTES, 1)]
    return docgen.DocSpec("Ferries on the Northern Lake", paragraphs, notes)


FERRY_CLAIMS = {
    "1": "In 2019 the three ferries carried 1,200 riders a day over a lake of 40 km2.",
    "2": "The same count held in 2020.",
    "3": "After COVID-19 the winter timetable dropped the early boat.",
    "4": "The old pier was built in 1911 and closed in 1987.",
    "5": "Fares rose by a third once the G7 fuel accord ended.",
    "6": "Fares rose by a third once the G7 fuel accord ended.",
    "7": "The council kept version 2.4 of its budget model for the boats.",
    "8": "Storms closed the crossing on nine days in 2019.",
}


def html_source() -> str:
    """The same report as a web page with Pandoc-style notes: raised linked markers, and the
    notes in a list after a rule at the end, each with a back-link."""
    from html import escape

    body = []
    for paragraph in ferry_spec().paragraphs:
        parts = []
        for segment in paragraph.segments:
            if isinstance(segment, docgen.Mark):
                label = segment.label
                parts.append(f'<a href="#fn{label}" class="footnote-ref" id="fnref{label}"><sup>{label}</sup></a>')
            elif isinstance(segment, str):
                parts.append(escape(segment))
        tag = "h2" if paragraph.heading else "p"
        body.append(f"<{tag}>{''.join(parts)}</{tag}>")
    notes = "".join(
        f'<li id="fn{number}"><p>{escape(text)}<a href="#fnref{number}" class="footnote-back">↩︎</a></p></li>'
        for number, text in enumerate(FERRY_NOTES, 1)
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferries</title></head><body>'
        + "".join(body) + f'<section class="footnotes"><hr><ol>{notes}</ol></section></body></html>'
    )


def latex_source(twocolumn: bool = False, hyperref: bool = False, xelatex: bool = False) -> str:
    """The same report as a LaTeX article: footnotes smaller than the body, a rule above
    them, URLs set with \\url (broken without a hyphen); optionally two columns, and URLs
    from hyperref (links, as most papers set them)."""
    body = []
    for paragraph in ferry_spec().paragraphs:
        parts = []
        for segment in paragraph.segments:
            if isinstance(segment, docgen.Mark):
                text = FERRY_NOTES[int(segment.label) - 1]
                url_at = text.rfind("https://")
                note = _latex_escape(text[:url_at]) + "\\url{" + text[url_at:].rstrip(".") + "}."
                parts.append("\\footnote{" + note + "}")
            elif isinstance(segment, str):
                parts.append(_latex_escape(segment))
        text = "".join(parts)
        body.append(f"\\section*{{{text}}}" if paragraph.heading else text)
    return (
        "\\documentclass[11pt" + (",twocolumn" if twocolumn else "") + "]{article}\n"
        + ("" if xelatex else "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n")
        + ("\\usepackage{hyperref}\n" if hyperref else "\\usepackage{url}\n")
        + "\\pagestyle{plain}\n\\begin{document}\n"
        + "\n\n".join(body) + "\n\\end{document}\n"
    )


def _latex_escape(text: str) -> str:
    return (
        text.replace("&", "\\&").replace("%", "\\%").replace("_", "\\_").replace("#", "\\#")
        .replace("“", "").replace("”", "")  # curly quotes: T1 fonts map them to no Unicode
    )


def pandoc_docx(markdown: str, out_dir: Path, name: str = "table", ruled: bool = False) -> Path | None:
    """A Markdown source made a .docx by Pandoc (its tables mark the header row to repeat);
    `ruled`: its tables get a single border around every cell, as Word's "Table Grid" has."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    source = out_dir / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    docx = out_dir / f"{name}.docx"
    extra = ["--reference-doc", str(_ruled_reference(pandoc, out_dir))] if ruled else []
    subprocess.run([pandoc, str(source), "-o", str(docx), *extra], check=True, capture_output=True, timeout=TIMEOUT_S)
    return docx


def _ruled_reference(pandoc: str, out_dir: Path) -> Path:
    """Pandoc's own reference .docx with borders added to its table style."""
    import zipfile

    default = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], check=True, capture_output=True, timeout=TIMEOUT_S
    ).stdout
    plain = out_dir / "reference-plain.docx"
    plain.write_bytes(default)
    borders = "<w:tblBorders>" + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    ) + "</w:tblBorders>"
    ruled = out_dir / "reference-ruled.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(ruled, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                text = data.decode("utf-8")
                start = text.index('w:styleId="Table"')
                at = text.index("<w:tblPr>", start) + len("<w:tblPr>")
                data = (text[:at] + borders + text[at:]).encode("utf-8")
            target.writestr(item, data)
    return ruled


# ------------------------------------------- a table that runs over pages, in our own words

_SHIP_CHANGES = [
    "New hull paint and a second lifeboat, and the galley now serves hot meals on the long crossing.",
    "Engines replaced by quieter diesel units, a wider car deck and ramps for wheelchairs.",
    "Radar upgraded and the bridge rebuilt, with the crew cabins moved below the waterline.",
    "Solar panels on the upper deck, charging points for bicycles and a heated waiting room.",
    "The ship was lengthened by eleven metres, which added forty seats and a quiet cabin.",
    "Timetable screens in every lounge and a new public address system for announcements.",
    "A bow thruster for the narrow harbour mouth and stronger mooring winches at both ends.",
    "Lounge windows enlarged, benches replaced by seats with tables and a new corner for children.",
    "The car deck was strengthened for lorries and its lighting replaced with brighter lamps.",
    "A sheltered walkway to the pier and a ramp that meets the quay at any water level.",
    "Toilets rebuilt with changing tables for babies, and drinking water taps on every deck.",
    "Hull plates renewed below the waterline after the survey found thin steel near the bow.",
]
SHIP_CLAIMS = {str(number): text for number, text in enumerate(_SHIP_CHANGES, 1)}
SHIP_NOTES = [
    f"Harbour Board, “Refit report {number},” Lakeside Gazette, {number} May 2019, "
    f"https://gazette.example.org/refits/{number}."
    for number in range(1, len(_SHIP_CHANGES) + 1)
]


def ship_table_markdown() -> str:
    """Twelve refits in a table whose narrow last column makes every row tall, so that rows
    are cut by page breaks (a cell's sentence going on at the top of the next page) and the
    header row is printed again on each page. Each cell has a change with its footnote
    between sentences of filler."""
    rows = [
        f"| Vessel {number} | 19{80 + number} | Yard {number} | {_FILLER * (1 + number % 2)}{change}[^{number}] {_FILLER.strip()} |"
        for number, change in enumerate(_SHIP_CHANGES, 1)
    ]
    table = "\n".join(
        ["| Ship name | Year built | Shipyard | Changes made at the refit |", "|--|--|--|------|", *rows]
    )
    notes = "\n".join(f"[^{number}]: {text}" for number, text in enumerate(SHIP_NOTES, 1))
    return "# Refits of the lake fleet\n\n" + _FILLER * 2 + "\n\n" + table + "\n\n" + notes + "\n"


def pandoc_standalone(markdown: str, to: str, title: str = "Routes") -> str | None:
    """A Markdown source made a standalone page by Pandoc: `to` is "html" or "latex"."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    return subprocess.run(
        [pandoc, "-s", "-f", "markdown", "-t", to, "--metadata", f"title={title}"],
        input=markdown, check=True, capture_output=True, timeout=TIMEOUT_S, text=True,
    ).stdout


# ------------------------------------ a table whose cells are sentences, in our own words

_ROUTES = [
    ("North crossing", "Two small ferries",
     "The evening sailing was moved an hour earlier to meet the last train.",
     "Passenger numbers rose by a fifth in the first winter."),
    ("Island loop", "One older vessel",
     "Stops at the two smallest islands became request stops only.",
     "Residents complained that the notice given was far too short."),
    ("Lake express", "A new catamaran",
     "Fares were frozen for season ticket holders.",
     "Journey times fell by twelve minutes on average."),
    ("Harbour shuttle", "Three launches",
     "Nothing changed on this route during the trial year.",
     "The service stayed full at peak hours, as before."),
]
# Markers in the third column of the first row and the fourth of the others: each claim is
# its cell's sentence, read whole although the printed lines run across every column.
ROUTE_CLAIMS = {"1": _ROUTES[0][2], "2": _ROUTES[1][3], "3": _ROUTES[2][3], "4": _ROUTES[3][3]}
ROUTE_NOTES = [
    f"Harbour Board, “Route review {number}”, 2021, https://board.example.org/routes/review-{number}."
    for number in range(1, 5)
]


def routes_table_markdown() -> str:
    """Four ferry routes in a four-column table whose two last columns are narrow, so that
    their sentences wrap over three to five lines beside one-line cells."""
    rows = []
    for number, (route, boats, change, outcome) in enumerate(_ROUTES, 1):
        if number == 1:
            change += f"[^{number}]"
        else:
            outcome += f"[^{number}]"
        rows.append(f"| {route} | {boats} | {change} | {outcome} |")
    table = "\n".join(["| Route | Boats | What changed | Outcome |", "|---|---|---|---|", *rows])
    notes = "\n".join(f"[^{number}]: {text}" for number, text in enumerate(ROUTE_NOTES, 1))
    return (
        "# Ferry routes compared\n\nThe harbour board compared four routes before the winter "
        "timetable was set, and the table below gives one finding for each.\n\n"
        f"{table}\n\nThe board will compare the routes again next year.\n\n{notes}\n"
    )


# ------------------ a short table of sentence cells amid prose, in our own words

_HARBOUR_PROSE = (
    "The harbour board spent the summer reviewing how its smaller piers are used, which of them "
    "need repair before the winter storms, and what the ferry crews and the fishing families "
    "think of the berthing rules that came into force two years ago. "
)
_PIERS = [
    ("East pier", "Repairs to the deck were finished in June.", "Two berths were kept free for lifeboats."),
    ("Old quay", "The crane was removed after its last inspection.", "Fishing boats now unload at the slipway."),
    ("Sand jetty", "Nothing was changed during the year.", "Visitors asked for a shelter at the end."),
]
# Markers after the second cell of the first row, the third of the second and the first (a
# label) of the third: each claim is its own cell's words, not the row's.
PIER_CLAIMS = {"1": _PIERS[0][1], "2": _PIERS[1][2], "3": _PIERS[2][0]}
PIER_NOTES = [
    f"Harbour Board, “Pier report {number}”, 2022, https://board.example.org/piers/report-{number}."
    for number in range(1, 4)
]


def piers_table_markdown() -> str:
    """A short three-column table of sentence cells (wrapping over two lines) between long
    paragraphs, so that it is far too short for its columns to be taken for the page's."""
    cells = [[*row] for row in _PIERS]
    cells[0][1] += "[^1]"
    cells[1][2] += "[^2]"
    cells[2][0] += "[^3]"
    rows = [f"| {label} | {work} | {finding} |" for label, work, finding in cells]
    table = "\n".join(["| Pier | Work done | What users said |", "|---|------|------|", *rows])
    notes = "\n".join(f"[^{number}]: {text}" for number, text in enumerate(PIER_NOTES, 1))
    return (
        "# Harbour piers\n\n" + _HARBOUR_PROSE * 5 + "\n\n" + table + "\n\n" + _HARBOUR_PROSE * 5
        + "\n\n" + notes + "\n"
    )
