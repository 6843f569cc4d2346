"""Text copied out of a PDF (`pdftotext`, a viewer's copy): plain-digit markers and lone labels.

Such text has lost the raised type of markers and labels: a marker is a plain number glued to
the word or punctuation before it (`scope.”1`, `fencing.2 Just`, `Asylum242526`), and a
note's label may stand alone on its line, above or below the note's text, while the notes sit
at the end of each page (before its form feed), often in the middle of a body paragraph.
Numbers of the text itself (years, `km2`, `G7`, `1,200`, versions) are told apart by the note
sequence: markers run 1, 2, 3... in reading order and each has a note carrying its label.

`normalise_plain` rewrites such text into what `citetrack.read.text` reads: the notes found by
their lone labels cut out (and returned, a URL broken over lines made whole), and each marker
turned into an internal token (`PLAIN_OPEN` labels `PLAIN_CLOSE`) that cannot occur in text.
Notes written `N text` (as LaTeX and Word lay them out) are left to `citetrack.read.text`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from wordsegment import Segmenter

from citetrack import settings
from citetrack.cite.dates import MONTH_NUMBER
from citetrack.read.furniture import rising_page_numbers

PLAIN_OPEN = "\ue000"  # private-use characters: never in extracted text
PLAIN_CLOSE = "\ue001"
PLAIN_MARKER = re.compile(f"{PLAIN_OPEN}(\\d{{1,4}}(?:,\\d{{1,4}})*){PLAIN_CLOSE}")

_LONE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
# A number glued to what precedes it: a letter, closing punctuation or quote, a bracket.
_GLUED = re.compile(rf"(?<=[^\s\d\-–+/=#%&@^_~$€£])\d{{1,{settings.MARKER_MAX_GLUED_DIGITS}}}(?![\d.,]\d)(?!\w)")
# A number of one or two digits and a point, right before a candidate: decimals (`1.4`), unless they end the line;
# not a time's minutes (`06:00.7` is 06:00, then marker 7).
_DECIMALS = re.compile(r"(?<![\w.,:])\d{1,2}\.$")
_SPACED = re.compile(rf"(?:(?<=[.!?] )|(?<=[.!?][\"'”’)\]] ))\d{{1,{settings.MARKER_MAX_GLUED_DIGITS}}}(?=$|\s+[A-ZÀ-Þ\"“])")
# Markers printed as a list with commas, glued to what precedes them ("contractor.6,7 She",
# "2024.15,16,17"): LaTeX's classes separate notes set together so. Taken only when the
# numbers run on from one another (a decimal comma, "(2,5 %", does not).
_LISTED = re.compile(r"(?<=[^\s\d\-–+/=#%&@^_~$€£])\d{1,3}(?:,\d{1,3})+(?![\d.,]?\d)(?!\w)")
# A marker between an em dash and the next word, all glued ("in ink—2the pencil"): a browser
# prints a note set after a dash so; an ordinal's ending ("—2nd", "—1er") is no word after one.
_DASHED = re.compile(r"(?<=—)\d{1,3}(?=[^\W\d_])(?!(?:st|nd|rd|th|er|re|e|ème|[ºª])\b)")
# The second of two markers set apart by a space ("trees.3 4", "closed.4 5 The"): a number right
# after a number glued to a word, at the line's end or before the next word.
_CHAINED = re.compile(r"(?:(?<=[^\s\d]\d )|(?<=[^\s\d]\d\d ))\d{1,3}(?=$|\s)")
# A raised marker that pdftotext set at the head of the next line, before the rest of that line
# (LaTeX's raised marks: "…held in 2020." then "2 The crossing…"); taken only in the sequence.
_LINE_HEAD = re.compile(r"\d{1,8}(?=\s+\S)")
# A marker alone in a table's last cell, as `pdftotext -layout` sets a row: a number closing the
# line after a run of spaces (a column's gap); taken only in the sequence.
_CELL_END = re.compile(r"(?<=\S   )\s*(\d{1,3})\s*$")
# What follows a number inside its sentence: a space and a word in lower case.
_GOES_ON = re.compile(r"[ \t]+[a-zß-ÿ]")
# Before a number: a name's digits and point ("PM2."), a year and a full stop ("in 2022."); after
# it, the clause going on (a comma, a bracket, a word in lower case).
_NAME_POINT = re.compile(r"[^\W\d_]\d+\.$")
_YEAR_POINT = re.compile(r"(?<!\d)(?:1[89]|20)\d\d\.$")
_CLAUSE_GOES_ON = re.compile(r"[,;:)]|\s+[a-zß-ÿ]")
# A numbered heading: a number, then words opening with a capital, no sentence's end (`1 Introduction`).
_NUMBERED_HEADING = re.compile(r"^\s*(\d{1,2})\s+[A-ZÀ-Þ][^.!?:;]*[^\W\d]\s*$")
# A numbered paragraph's number opening its line: "1.1 In June…", "4.2.3 The panel…".
_SECTION_HEAD = re.compile(r"\s*((?:\d{1,3}\.)+)(\d{1,3})\s+\S")
_SHARE_AFTER = re.compile(r"\s?[%‰°]")
_COMPOUND_AFTER = re.compile(r"[-–][^\W\d_]")  # after a number: "-metre", "-inch" (no marker is followed so)
_URL_START = re.compile(r"^(?:<?https?://|www\.\w)", re.IGNORECASE)
_URL_TOKEN = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
# A line's continuation of a URL: no spaces and URL punctuation (a colon inside a query's value
# too: `anuleid:USC-prelim&num=0`; a backslash LaTeX printed before an escaped `#`: `ks\#custodial`),
# or a path ending ("o/browse/").
_URL_PIECE = re.compile(r"^\w*://\S+$|^(?:[\w\-~%.+]+[\w\-~%.+:]*)?\\?[/#?=&_%][\w\-./#?=&%~+:;,!*'()\\]*$|^[\w\-~%]+\.[a-z]{2,5}(?:[#?/]\S*)?[.,;]?$")
# A URL cut before or inside its host name (LaTeX breaks after "//" and at dots), and the rest.
_HOST_CUT = re.compile(r"(?:^|\s)https?://(?:[\w-]+\.)*$", re.IGNORECASE)
_HOST_REST = re.compile(
    r"^[\w-]+(?:\.[\w-]+)+(?:[/:?#]\S*)?$|^[\w-]+\.[a-z]{2,}[.,;]?$"
    r"|^[a-z]{2,6}[/:?#]\S*$"  # the top-level domain and path after a cut at its dot ("ghhin." + "org/heat")
)
# A URL cut inside its scheme ("ht" + "tps://host/path"): xelatex breaks anywhere.
_SCHEME_START_CUT = re.compile(r"(?:^|\s)h(?:t(?:t(?:ps?)?)?)?$", re.IGNORECASE)
# A DOI cut at one of its dots, and the digit groups that carry it on ("2021.8.1.1").
_DOI_DOT_CUT = re.compile(r"(?:https?://|www\.)\S*/10\.\d{4,}/\S*\.$", re.IGNORECASE)
_DIGIT_GROUPS = re.compile(r"^\d+(?:\.\d+)+[.,;]?$")
# A URL cut after its scheme's colon ("https:" + "//host/path"): LaTeX breaks there.
_SCHEME_CUT = re.compile(r"(?:^|\s)<?https?:$", re.IGNORECASE)
# A URL cut after a hyphen or an underscore of its path, which LaTeX keeps at the line's end
# ("…/the-" + "future-of-cooling"), and what carries it on: one token of URL characters.
_URL_HYPHEN_CUT = re.compile(r"(?:https?://|www\.)\S*[-_]$", re.IGNORECASE)
_URL_WORD_PIECE = re.compile(r"^[\w\-~%.]+(?:,[\w\-~%.]+)*(?:[/#?=&][\w\-./#?=&%~+:;,!*'()]*)?[.,;]?$")
# An author as a citation names one, surname first: `Gordon, Cameron.`, `Okafor, N. A.`
_SURNAME_FIRST = re.compile(
    r"^[A-ZÀ-Þ][\w'’-]+, (?:(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][\w'’-]+) ?){0,2}(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][\w'’-]+\.)(?=\s|$)"
)
# Words that open the tail of a note (when its source was retrieved or archived), never a note:
# `Retrieved February 8, 2007.` on its own line under a URL is no author's name and a comma.
_NOTE_TAIL_CUE = r"(?:Retrieved|Accessed|Archived|Abgerufen|Archiviert|Consulted|Consulté|Last (?:visited|viewed|accessed))\b"
_NAME_START = re.compile(
    rf"^(?!{_NOTE_TAIL_CUE})(?:[\"“„«'‘(]|(?i:ibid\b|ibíd\.|ibidem\b|ebd\.|id\.|see\b|vgl\.|siehe\b|voir\b|véase\b|cf\.)|"
    r"§§?\s?\d|"  # a statute's section ("§ 9 Abs. 3 KWPG; …")
    r"[A-ZÀ-Þ][\w.'’&-]*(?:\s+(?:[\w.'’&-]+|\((?:1[89]|20)\d\d[a-z]?\))){0,4},|"  # "Mbeki & Harlow (2020),"
    # longer names, capitalised but for their particles ("Herbert Van de Sompel et al.,")
    r"[A-ZÀ-Þ][\w.'’&-]*(?:\s+(?:[A-ZÀ-Þ][\w.'’&-]*|de|da|di|du|la|le|van|von|der|den|et|al\.)){5,7},|"
    # names, a full stop, then a quoted title ("Darin Fisher. \"Bug 315452 – …\"", an issuer
    # joining its words: "Citizenship and Immigration Canada. \"…\"", "Ministry of Health. \"…\"")
    r"[A-ZÀ-Þ][\w'’&-]*(?:\s+(?:[A-ZÀ-Þ][\w'’&-]*|and|of|for|the|&)){1,5}\.\s+[\"“„«]|"
    # an author, a full stop and the year in brackets (APA: "Census Working Group. (2024).")
    r"[A-ZÀ-Þ][\w'’&-]*(?:\s+[\w'’&-]+){0,5}\.\s+\((?:1[89]|20)\d\d[a-z]?\))"
)
# What carries on a URL cut after a full stop: a file ending with a query or anchor, or its own path.
_URL_TAIL_PIECE = re.compile(r"^(?:html?|php|aspx?|cfm|jsp|pdf)(?:[?#/]\S*)?[.,;]?$|^\w+[/?=&#]\S*$")
# What an issuer's name may be followed by before its quoted title: the kind of document
# (`International Seabed Authority, press release, “Council concludes…”`).
_KIND_THEN_TITLE = re.compile(r"[a-zà-ÿ][\w ]{0,30},\s*[\"“„«‘]")
# A single capital and its point right before a number: the number is a chapter's or part's
# (`c. C.8`, `Part B.2`), no marker. Not a unit in lower case ending a sentence (`0.15 m.5`).
_LETTER_POINT = re.compile(r"(?:^|[\s(])[A-Z]\.$")
# Lower-case words inside a name: particles, "and", and a company's form ("Dunmere Water plc,").
_NAME_JOINERS = frozenset({"de", "van", "von", "der", "al", "al.", "el", "and", "&", "et", "du", "la", "le", "plc", "ltd", "inc."})
_TERMINAL_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A citation that opens with a number: a volume, title or year, then a capitalised word
# (`110 Stat. 3009`, `15 U.S.C. § 1681`, `2024 Annual Report`); a weak note start, taken only
# where a page's labels ask for one more note than its blocks hold.
_NUMBER_THEN_TITLE = re.compile(r"^\d{1,4}\s+[A-ZÀ-Þ][\w.]")
_UNITS = re.compile(
    r"(?:^|[^\w])(?:k?m|cm|mm|ft|mi|in|sq|km|ha|CO|H|G|MP|B|O|N|S|x|v|No|Nr|Art|Sec|Fig|Tab|p|pp|S)$"
)


@dataclass
class _Note:
    label: int
    lines: list[str]
    zone: int = 0  # the line of its page where the page's notes begin (body lines above it)


def _pages(text: str) -> list[list[str]]:
    return [page.split("\n") for page in text.split("\f")]


def _drop_page_numbers(pages: list[list[str]]) -> None:
    """Blank out page numbers: a lone number as the first or last line of most pages, rising
    with the page (its value minus the page's index is the same). A book sets them at the
    head of most pages and at the foot of a chapter's first: both count."""
    found = []
    for index, lines in enumerate(pages):
        filled = [i for i, line in enumerate(lines) if line.strip()]
        for position in dict.fromkeys(filled[:1] + filled[-1:]):
            match = _LONE_NUMBER.match(lines[position])
            if match:
                found.append((index, int(match.group(1)), (index, position)))
    printed = sum(1 for lines in pages if any(line.strip() for line in lines))
    for index, position in rising_page_numbers(found, printed):
        pages[index][position] = ""


_LONE_SCHEME = re.compile(r"^\s*(https?://)\s*$", re.IGNORECASE)
_BARE_HOST = re.compile(r"^\s*(?:[\w-]+\.)+[a-z]{2,}/\S*", re.IGNORECASE)


def _rejoin_lone_schemes(pages: list[list[str]]) -> None:
    """Put a URL's scheme that pdftotext set on a line of its own ("https://", away from the
    rest of a hyperref link) back before the nearest line of its page that opens with a host
    name and a path and no scheme ("gazette.example.org/harbour/…")."""
    for lines in pages:
        for index, line in enumerate(lines):
            scheme = _LONE_SCHEME.match(line)
            if not scheme:
                continue
            hosts = [other for other, text in enumerate(lines) if _BARE_HOST.match(text)]
            if hosts:
                nearest = min(hosts, key=lambda other: abs(other - index))
                lines[nearest] = scheme.group(1) + lines[nearest].lstrip()
                lines[index] = ""


def _close_url_blank_lines(pages: list[list[str]], width: int) -> None:
    """Take out the blank line pdftotext set between the two parts of a URL broken at a line's
    end (notes spaced apart: `footmisc`, `\\footnotesep`): the line above ends in a URL and runs
    nearly the full width of a note's line (at least TEXT_URL_CUT_FULL_LINE of it), and the line
    below opens with URL material that `join_note_lines` would glue to it
    (`er/classifications?year=2023`, `ho.example.co.uk/news/`, `pdf.` after `newsletter-09.`),
    not a word or a label."""
    note_width = _note_width([line for lines in pages for line in lines], width)
    for lines in pages:
        for index in range(len(lines) - 2, 0, -1):
            before, after = lines[index - 1].rstrip(), lines[index + 1].strip()
            if lines[index].strip() or not before or not after or _LONE_NUMBER.match(after):
                continue
            if len(before) < settings.TEXT_URL_CUT_FULL_LINE * note_width or not _URL_TOKEN.search(before):
                continue
            head = after.split(None, 1)[0]
            if not re.search(r"[/.?=&#_%]", head.rstrip(".,;")) and not _URL_TAIL_PIECE.match(head):
                continue  # a word, not URL material
            if join_note_lines([before.strip(), after]).startswith(before.strip() + head):
                del lines[index]


def _is_url_end(line: str) -> bool:
    last = line.rstrip().rsplit(None, 1)[-1] if line.strip() else ""
    return bool(_URL_TOKEN.search(last)) or (" " not in line.strip() and bool(_URL_PIECE.match(line.strip())))


# A space that `pdftotext -layout` set after a hyphen inside a URL (xelatex stretches a URL's
# breakpoints on a justified line: "…/mission- areas/water- resources/…"); what follows is URL
# characters up to the next space. A URL does not end on a hyphen, so the gap closes before
# any word ("…/battery- storage- safety;").
_URL_HYPHEN_GAP = re.compile(r"((?:https?://|www\.)\S*-) (?=[\w~%./#?=&+-])", re.IGNORECASE)


def _close_url_gaps(line: str) -> str:
    """The line with the spaces after hyphens inside its URLs taken out (`_URL_HYPHEN_GAP`)."""
    while True:
        closed = _URL_HYPHEN_GAP.sub(r"\1", line)
        if closed == line:
            return line
        line = closed


def join_note_lines(lines: list[str]) -> str:
    """A note's lines as one line; a URL broken at a line end (with or without a hyphen or a
    slash, LaTeX and LibreOffice break them anywhere) is made whole when the next line goes on
    with URL material (no plain word, no space before its first path character)."""
    out = ""
    url_open = url_dot = False  # the line so far ends inside a URL; ends on one, maybe with a full stop
    for raw in lines:
        line = _close_url_gaps(raw.strip())
        if not line:
            continue
        head = line.split(None, 1)[0]
        if out and url_open and not _URL_START.match(head) and _URL_PIECE.match(head):
            out += line
        elif out and url_open and out.endswith("/") and (
            _ID_PIECE.match(head) or _SLUG_PIECE.match(head) or (line == head and _LOWER_WORD.match(head))
        ):
            out += line  # a path's last part after its slash: "…/move-west/" + "article771391", "original-intro.", "registers."
        elif out and url_open and _LONG_ID_END.search(out) and _DIGITS_REST.match(head):
            out += line  # a long number cut at the line's end: "…/SB1000142405274870355800" + "110766"
        elif out and url_open and out[-1:] in ("=", "&", "?") and re.match(r"[\w%~.-]", head):
            out += line  # a query cut after its `=`, `&` or `?`, which no URL ends on: "…&tab=" + "returns;"
        elif out and url_open and out[-1:].isdigit() and _ZERO_DIGITS_REST.match(head):
            out += line  # a number cut before a zero: "…/edm-returns/2" + "023."
        elif out and url_open and _extension_goes_on(out, head):
            out += line  # cut inside a file's ending: "…/1216133774.ht" + "ml", "…/report.pd" + "f Retrieved"
        elif out and _SCHEME_START_CUT.search(out) and re.match(r"https?://", out.rsplit(None, 1)[-1] + head):
            out += line  # cut inside the scheme: "… ht" + "tps://doi.org/…"
        elif out and url_dot and _DOI_DOT_CUT.search(out) and _DIGIT_GROUPS.match(head):
            out += line  # a DOI cut at a dot: "…/10.5555/asr." + "2021.8.1.1"
        elif out and url_dot and (_URL_TAIL_PIECE.match(head) or head[:1] in "./?#&="):
            out += line  # "…/bestpapernonfiction." + "html?_r=1", "…magakernow.org" + ".uk/pdf/"
        elif out and (_SCHEME_CUT.search(out) and head.startswith("//") or _URL_HYPHEN_CUT.search(out) and _URL_WORD_PIECE.match(head)):
            out += line  # "https:" + "//example.org/x", "…/the-" + "future-of-cooling"
        elif out and _HOST_CUT.search(out) and _HOST_REST.match(head):
            out += line  # cut in the host name: "https://" + "example.org/x", "https://news." + "example.org/x"
        elif out:
            out += " " + line
        else:
            out = line
        out = _close_url_gaps(out)  # the URL, made whole so far, stays the last token
        last = out.rsplit(None, 1)[-1]
        url_dot = bool(_URL_TOKEN.search(last) or (url_open and " " not in line))
        url_open = bool(_URL_TOKEN.search(last) or (url_open and " " not in line)) and not re.search(
            r"[.,;:)\]>\"”’]$", last
        )
    return _close_url_gaps(out)


# A URL ending in a long run of digits (an id), and digits that go on with it on the next line:
# not a year (`Retrieved … 2013`), which a note may set after its URL.
_LONG_ID_END = re.compile(r"\d{8,}$")
_DIGITS_REST = re.compile(r"^(?!(?:1[89]|20)\d\d\b)\d{2,}[.,;]?$")
# Digits opening with a zero (`023.` after `…/edm-returns/2`): no number of prose, a URL's rest.
_ZERO_DIGITS_REST = re.compile(r"^0\d*[.,;]?$")
# A word in lower case alone on a note's line (`registers.`): after a URL ending in a slash, its last part.
_LOWER_WORD = re.compile(r"^[a-z][a-z0-9]*[.,;]?$")
# A path's part of words in lower case joined by hyphens or underscores (`original-intro`): a slug.
_SLUG_PIECE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+[.,;]?$")
# A path's part mixing letters and digits (`article771391`, `evq.2020.15.4.377`): no word of prose.
_ID_PIECE = re.compile(r"^(?![A-Z]+-\d+\b)(?=[\w.~%+-]*[A-Za-z])(?=[\w.~%+-]*\d)[\w.~%+-]{5,}$")  # not `COVID-19`
# The endings of files that URLs name, and a URL's end cut inside one ("….ht" + "ml").
_FILE_ENDINGS = frozenset(
    "html htm shtml xhtml php asp aspx cfm jsp pdf xml json txt csv doc docx xls xlsx ppt pptx zip"
    " js css png jpg gif svg".split()
)
_SHORT_WORDS = frozenset("a i on in at as or of to it is".split())  # a word, not an ending's rest
_CUT_ENDING = re.compile(r"\.([a-z]{1,4})$", re.IGNORECASE)
_ENDING_REST = re.compile(r"^([a-z]{1,4})(?:[?#/]\S*)?[.,;]?$", re.IGNORECASE)


def _extension_goes_on(before: str, head: str) -> bool:
    """Whether `head`, the first word of a note's next line, is the rest of a file ending cut
    at the end of the URL that closes `before` (`….ht` + `ml`, `….pd` + `f`): the two halves
    make a known ending, and the rest is no short word."""
    cut, rest = _CUT_ENDING.search(before), _ENDING_REST.match(head)
    if not cut or not rest:
        return False
    start, end = cut.group(1).lower(), rest.group(1).lower()
    return start + end in _FILE_ENDINGS and end not in _SHORT_WORDS


# Words that follow an ordinal written as a number and a point in German and Scandinavian notes
# (`2. Aufl.`, `19. Jahrhundert`, `18. Wahlperiode`, `3. udgave`), as months do (`5. Oktober`).
_AFTER_ORDINAL = frozenset(
    "aufl auflage ausg ausgabe jahrhundert jh jahrgang jg wahlperiode sitzung kapitel kap "
    "udgave utgave upplagan upplaga".split()
)


def _date_goes_on(before: str, after: str) -> bool:
    """Whether a date or another ordinal broken across the lines goes on: a day and its point
    ("vom 12.") before its month ("Dezember 2023, …"), as German and Scandinavian notes write
    dates, or an ordinal before its noun ("Leitfaden, 2." / "Aufl., Hallbergen 2023")."""
    word = after.split(None, 1)[0].rstrip(".,").lower() if after else ""
    return bool(re.search(r"(?<![\d.])\d{1,2}\.$", before)) and (word in MONTH_NUMBER or word in _AFTER_ORDINAL)


def _break_strength(before: str, after: str) -> int:
    """How surely a new note starts at line `after` (0: it does not)."""
    before, after = before.strip(), after.strip()
    if not before:
        return 5
    if not after or _date_goes_on(before, after):
        return 0
    closed = bool(_TERMINAL_END.search(before)) or _is_url_end(before)
    if _URL_START.match(after):  # a URL opens a note after another URL, not after a title
        return 4 if _is_url_end(before) else 2 if closed else 0
    if closed and _NAME_START.match(after):
        return 3
    if closed and after[:1].isupper():
        return 2
    if _NAME_START.match(after) and not after[:1] in "(\"“„«'‘":
        return 1
    if closed and _NUMBER_THEN_TITLE.match(after):
        return 1
    return 0


def _start_strength(line: str, before: str) -> int:
    """How surely `line` opens a note, `before` being the line above it (0: it does not):
    3 a quote, "ibid.", several names then a comma and a title, an author surname first
    (`Gordon, Cameron.`), or a URL after a closed line;
    2 one name, a comma and a title, or a URL after body text cut off; 1 any name and a comma,
    or a URL after a title. A name carried on from a line that ends on a capitalised word
    ("The New / York Times,") is weaker."""
    line, before = line.strip(), before.strip()
    if _date_goes_on(before, line):
        return 0
    if _URL_START.match(line):  # a URL opens a note after another URL or cut-off body text, not after a title
        if not before or _is_url_end(before):
            return 3
        return 1 if _TERMINAL_END.search(before) else 0 if re.search(r"[,;:(–-][\"'”’]?$", before) else 2
    match = _NAME_START.match(line)
    if not match:
        return 0
    opener = match.group(0)
    if not opener.endswith(",") or _SURNAME_FIRST.match(line):  # a quote, "ibid.", "see", `Gordon, Cameron.`
        strength = 3
    else:
        words = opener.rstrip(",").split()
        names = all(word[:1].isupper() or word in _NAME_JOINERS for word in words)
        rest = line[match.end() :].lstrip()
        titled = rest[:1] in "\"“„«'‘" or rest[:1].isupper() or bool(_KIND_THEN_TITLE.match(rest))
        quoted = rest[:1] in "\"“„«'‘"  # an issuer's name in lower case before a quoted title: "System operator, “Storage…”"
        strength = (2 if quoted else 1) if not names else 3 if len(words) >= 2 and titled else 2 if titled else 1
    last = before.rsplit(None, 1)[-1] if before else ""
    closed = _TERMINAL_END.search(re.sub(r"(?<=[.!?…\"'”’)])\d{1,4}$", "", before))  # `Survey.15`: its marker after the stop
    if last[:1].isupper() and not closed:
        strength = max(strength - 1, 1)
    return strength


def _note_start_above(
    lines: list[str], end: int, markers: range, carried: bool = False, surely: bool = False, last: int | None = None
) -> int | None:
    """Where the note whose text ends at `end` (exclusive) starts: within the block of lines
    above it (up to a blank line or a body line carrying one of `markers`, at most
    TEXT_MAX_NOTE_LINES), the line that most surely opens a note (strength 2 at least), the
    nearest of equals; the whole block when it is set off by a blank line and none does, unless
    it opens in lower case after a note that the page's end cut (`carried`): that note goes on
    there, or it ends in a colon (the body, a list's lead-in) or, two lines or more, on a word
    (the body, cut mid-sentence by the page's end: `_ends_note`). None when no line does.
    `surely`: a note ends there (its label was printed after it), so a name opening weakly
    (strength 1) right after a closed sentence counts too, and when no line opens a note, the
    notes start right under the body line carrying the page's `last` marker or a later one
    (notes that open like body text: "Names have been changed."; a note's own smaller numbers,
    `(Accessed: 4`, may look like markers on the way up)."""
    best = None
    for index in range(end - 1, max(0, end - settings.TEXT_MAX_NOTE_LINES) - 1, -1):
        line = lines[index]
        if not line.strip():
            if best is not None:
                return best[1]
            if carried and lines[index + 1].lstrip()[:1].islower():  # the cut note goes on first
                return _next_note_start(lines, index + 2, end, None)
            last_line = lines[end - 1]
            if index + 1 < end and not last_line.rstrip().endswith(":") and (index + 2 == end or _ends_note(last_line)):
                return index + 1
            return None
        if _has_marker(line, markers):
            break  # a body line with a marker: the note starts below it
        before = lines[index - 1] if index > 0 else ""
        strength = _start_strength(line, before)
        if strength == 1 and surely and _TERMINAL_END.search(before.strip()) and not _URL_START.match(line.strip()):
            strength = 2
        if strength >= 2 and (best is None or strength > best[0]):
            best = (strength, index)
    if best is None and surely and last is not None:
        for index in range(end - 1, max(0, end - settings.TEXT_MAX_NOTE_LINES) - 1, -1):
            if _has_marker(lines[index], range(last, last + settings.TEXT_NEARBY_LABELS)):
                return index + 1 if index + 1 < end else None
    return None if best is None else best[1]


def _ends_note(line: str) -> bool:
    """Whether a line may end a note: a sentence ended (a point, a bracket), or a URL; not a
    body's line cut mid-sentence by the page's end (`whose model left no one to`)."""
    return bool(_TERMINAL_END.search(line.strip())) or _is_url_end(line) or not line.rstrip()[-1:].isalpha()


def _has_marker(line: str, markers: range) -> bool:
    """Whether `line` carries one of `markers` as a plain marker (a body line, not a note's);
    not the decimals of a number inside a sentence (a note's `table 1.4. Available at:`)."""
    for match in _candidates(line):
        digits = match.group(0)
        if len(digits) > 4:
            continue
        if not _DECIMALS.search(line, 0, match.start()) or match.end() == len(line.rstrip()):
            if int(digits) in markers:
                return True
            if any(_glued_run_after_stop(line, match, first) for first in markers if digits.startswith(str(first))):
                return True  # markers printed together: `away.56` (5 and 6)
        elif len(digits) >= 3 and any(int(digits[cut:]) in markers for cut in (1, 2)):
            return True  # a decimal's first digits, then a marker: `Version 10.917` (10.9, then 17)
    return False


def _next_note_start(lines: list[str], start: int, end: int, default: int | None) -> int | None:
    """The first line in lines[start:end] where a note surely opens after the line above it
    (`_break_strength` 2 or more); `default` when none does."""
    return next((row for row in range(start, end) if _break_strength(lines[row - 1], lines[row]) >= 2), default)


def _block_top(lines: list[str], start: int, markers: range) -> int:
    """The first line of the run of lines that holds line `start`, up to a blank one or a body
    line carrying one of `markers` (at most TEXT_MAX_NOTE_LINES above it); `start` when
    neither is that near."""
    for index in range(start - 1, max(-1, start - settings.TEXT_MAX_NOTE_LINES - 1), -1):
        line = lines[index]
        if not line.strip() or _has_marker(line, markers):
            return index + 1
    return start


def _blocks(lines: list[str], start: int, end: int, skip: set[int]) -> list[tuple[int, int]]:
    """The runs of text lines in lines[start:end] (as index ranges), cut at blank lines and at
    the lines in `skip`."""
    blocks, opened = [], None
    for index in range(start, end):
        text = index not in skip and lines[index].strip()
        if text and opened is None:
            opened = index
        elif not text and opened is not None:
            blocks.append((opened, index))
            opened = None
    if opened is not None:
        blocks.append((opened, end))
    return blocks


def _split_surest(lines: list[str], blocks: list[tuple[int, int]], least: int) -> bool:
    """Cut one block in two at the surest note start of all blocks (of strength `least` at
    least); False if there is none."""
    best = None
    for number, (start, end) in enumerate(blocks):
        for index in range(start + 1, end):
            strength = _break_strength(lines[index - 1], lines[index])
            if strength >= least and (best is None or strength > best[0]):
                best = (strength, number, index)
    if best is None:
        return False
    _, number, index = best
    start, end = blocks[number]
    blocks[number : number + 1] = [(start, index), (index, end)]
    return True


def _merge_weakest(lines: list[str], blocks: list[tuple[int, int]], keep: int, labels: set[int] = frozenset()) -> list[tuple[int, int]]:
    """The blocks joined down to `keep`: each block that least looks like a note's start joins
    the one before it (its label lost, or a note in several paragraphs). One pass. A block
    under a label's line (`labels`, blank lines between) is joined last: a label stands
    between two notes, whether above its own or below the one before (`-layout` sets blank
    lines inside a note, under its first line)."""

    def under_label(number: int) -> bool:
        row = blocks[number][0] - 1
        while row >= 0 and not lines[row].strip():
            row -= 1
        return row in labels

    strengths = sorted(
        range(1, len(blocks)),
        key=lambda number: (under_label(number), _break_strength(lines[blocks[number - 1][1] - 1], lines[blocks[number][0]]), -number),
    )
    joined = set(strengths[: len(blocks) - keep])
    merged: list[tuple[int, int]] = []
    for number, block in enumerate(blocks):
        if number in joined:
            merged[-1] = (merged[-1][0], block[1])
        else:
            merged.append(block)
    return merged


def _empty_note(lines: list[str], blocks: list[tuple[int, int]], pairs: list[tuple[int, int]]) -> bool:
    """Give a label an empty note where its note must be empty (a citation with no text): the
    label stands apart (a blank line above it), and the block below it is closed by the next
    label, set right under it. `pairs`: the lines of each two labels that follow each other
    (n, n + 1). False when no label is such."""
    for label_line, next_line in pairs:
        above = lines[label_line - 1].strip() if label_line > 0 else ""
        if above and not _LONE_NUMBER.match(above):
            continue
        following = [block for block in blocks if block[0] > label_line]
        if following and following[0][1] == next_line and following[0][0] < next_line:
            blocks.insert(blocks.index(following[0]), (label_line, label_line))
            return True
    return False


def _opens_cited_note(lines: list[str], index: int) -> bool:
    """Whether the lines from `index` to the next blank line are a note citing a source (it
    opens like one and names a URL) rather than the body going on: a label set between two
    notes (LaTeX with hyperref) both closes the note above and opens this one."""
    block = []
    for line in lines[index:]:
        if not line.strip():
            break
        block.append(line)
    return bool(block) and _start_strength(block[0], "") >= 2 and any(_URL_IN_LINE.search(line) for line in block)


def _ends_page_as_note(lines: list[str], top: int, last: int, ahead: range) -> bool:
    """Whether the lines after the last label (line `last`) are that label's note, labels
    standing above their notes: those lines are a short block with nothing but the page's
    number after it, and either the first label (line `top`) cuts the body mid-sentence (so it
    closes no note above it) or the block ends as a note does (a full stop, a URL) and carries
    none of the markers due next (`ahead`), as the body going on would."""
    block = 0
    for index in range(last + 1, len(lines)):
        if not lines[index].strip():
            break
        block += 1
    rest = [line for line in lines[last + 1 + block :] if line.strip()]
    if not 0 < block <= settings.TEXT_MAX_NOTE_LINES or not all(_LONE_NUMBER.match(line) for line in rest):
        return False
    above = lines[top - 1].strip() if top > 0 else ""
    if above and not _TERMINAL_END.search(above) and not _is_url_end(above):
        return True
    text = lines[last + 1 : last + 1 + block]
    closed = bool(_TERMINAL_END.search(text[-1].strip())) or _is_url_end(text[-1])
    return closed and not any(_has_marker(line, ahead) for line in text)


def _page_notes(
    lines: list[str], expected: int, carried: bool = False, labels_apart: bool = False
) -> tuple[list[str], list[_Note], int]:
    """A page's body lines and its notes labelled by lone numbers; the next expected label.

    The lone numbers taken are the run expected, expected + 1... found on the page; the notes
    are the blocks of text below the first of them (cut at lone numbers and blank lines), as
    many as there are labels, given the labels in order (labels pdftotext printed after all the
    page's notes, "1" then "2" at the end, still take the first blocks). Whether a label
    stands above or below its note varies even within a page, so the counts decide. Blocks
    short: the text right above the first label (no blank line between) is a note it closes,
    if it opens like one, and with the lines above it up to a blank line when one block is
    still short; else blocks are cut where a note surely starts; else a label standing apart
    whose block the next label closes has an empty note; else blocks are cut where a note may
    start. Too many blocks: the least note-like are joined to the block before. `carried`: the
    last page's last note was cut mid-sentence, so a block opening in lower case goes on it.
    `labels_apart`: earlier pages' notes were read by lone labels (see `_split_line_labels`).
    """
    lines = _split_line_labels(lines, expected, labels_apart)
    lone = {}  # the last line a number stands alone on (before it: a marker set on its own line)
    for index, line in enumerate(lines):
        match = _LONE_NUMBER.match(line)
        if match:
            lone[int(match.group(1))] = index
    labels: list[int] = []  # the run of labels, those lost on the way included
    placed: list[int] = []  # those standing alone on a line
    first = expected
    while True:
        # a label lost (glued to a note's last line by the extraction) is skipped
        ahead = [expected + skip for skip in range(settings.TEXT_MAX_SKIPPED_MARKERS + 1)]
        found = next((number for number in ahead if number in lone), None)
        if found is None:
            break
        if placed and found != expected and lone[found] < lone[placed[-1]]:
            break  # labels are skipped only down the page
        labels.extend(range(expected, found + 1))
        placed.append(found)
        expected = found + 1
    if (
        len(placed) > 1
        and lone[placed[-1]] < min(lone[label] for label in placed[:-1])
        and not _trails(lines, max(lone[label] for label in placed[:-1]))
    ):
        # The run's last number standing above all its other labels, with text after them, is a
        # marker set on its own line (beside a table's cell): labels printed out of order are
        # the first ones, set after the notes that follow theirs or at the page's end.
        expected = placed.pop()
        del labels[labels.index(placed[-1]) + 1 :]
    if not labels or len(labels) > settings.TEXT_MAX_LABELS_PER_PAGE:
        return lines, [], first if labels else expected
    moved = _move_stray_first_label(lines, lone, placed)
    if moved is None and labels == placed:
        moved = _move_detached_first_label(lines, lone, placed)
    if moved is not None:
        lines = moved
        lone = {number: index for index, line in enumerate(lines) if (match := _LONE_NUMBER.match(line)) for number in [int(match.group(1))]}
    positions = sorted(lone[label] for label in placed)
    label_lines = set(positions)
    top, last = positions[0], positions[-1]
    # Text after the last label when that label closes the text above it (no blank line between)
    # is no note: the page's body goes on there (pdftotext may set notes mid-page).
    # (Labels that pdftotext printed after all the notes, "1" then "2", close the text together.)
    above_last = last - 1
    while above_last > top and above_last in label_lines:
        above_last -= 1
    closes_last = above_last >= 0 and lines[above_last].strip() and not _LONE_NUMBER.match(lines[above_last])
    after_last = not _opens_cited_note(lines, last + 1) and not _ends_page_as_note(lines, top, last, range(expected, expected + settings.TEXT_NEARBY_LABELS))
    # The first label set apart from the text above it (a blank line) stands above its note, and
    # so do the others: the text after the last is its note (`-layout` of LibreOffice's notes).
    top_apart = top > 0 and not lines[top - 1].strip() and top + 1 < len(lines) and lines[top + 1].strip()
    end = last + 1 if closes_last and after_last and not top_apart else len(lines)
    blocks = _blocks(lines, top, end, label_lines)
    zone_start = top
    # Labels out of order (a group's first label printed after it): the text right above the
    # top label is the group's first note, whatever the counts.
    rotated = [lone[label] for label in placed] != positions
    if (len(blocks) < len(labels) or rotated) and top > 0 and lines[top - 1].strip():
        nearby = range(max(1, labels[0] - settings.TEXT_NEARBY_LABELS), labels[-1] + settings.TEXT_NEARBY_LABELS)
        first_after = lone[placed[0]] != top  # the first label printed after the notes: its note is above the top one
        start = _note_start_above(lines, top, nearby, carried, surely=rotated, last=labels[-1] if first_after else None)
        if start is not None:
            zone_start = start
            blocks.insert(0, (start, top))
            opening = _block_top(lines, start, nearby)
            if len(blocks) < len(labels) and opening < start:
                zone_start = opening  # notes set off from the body by a blank line, more than one
                blocks[0] = (opening, top)
    if len(blocks) < len(labels) and zone_start == top and end < len(lines):
        end = len(lines)  # the last label opens a note set after it after all
        blocks = _blocks(lines, top, end, label_lines)
    while len(blocks) < len(labels) and _split_surest(lines, blocks, 3):
        pass
    pairs = sorted((lone[label], lone[label + 1]) for label in placed if label + 1 in placed)
    while len(blocks) < len(labels) and _empty_note(lines, blocks, pairs):
        pass
    while len(blocks) < len(labels) and _split_surest(lines, blocks, 1):
        pass
    if len(blocks) > len(labels):
        blocks = _merge_weakest(lines, blocks, len(labels), label_lines)
    lost = [label for label in labels if label not in placed]
    while len(blocks) < len(labels) and lost:
        labels.remove(lost.pop())  # a lost label's note not found: it stays in the note above
    owners = _owners(labels, placed, lone, blocks)
    notes = [
        _Note(label, [line for row, line in enumerate(lines[start:stop], start) if row not in label_lines], zone_start)
        for label, (start, stop) in sorted(zip(owners, blocks))
    ]
    return lines[:zone_start] + lines[end:], notes, expected


def _split_line_labels(lines: list[str], expected: int, labels_apart: bool) -> list[str]:
    """The page's lines with the labels that open notes' lines (`4 Quality-control rules…`)
    set on lines of their own, as pdftotext sets a word processor's labels where the note's
    first line is full (`1`, `2`, `3`, then their notes): below the page's first labels
    standing alone, a line opening with the next label after a line that ends a note (a
    sentence's end, a URL); on a page with no label alone, when earlier pages' notes were read
    by lone labels (`labels_apart`; else notes written `1 Text` throughout are left to the
    reader of such notes), such lines from the label due on, when at least two of them run in
    order (the first may follow the body's last line)."""
    lone = {int(match.group(1)): index for index, line in enumerate(lines) if (match := _LONE_NUMBER.match(line))}
    opening = next((index for index, line in enumerate(lines) if _opens_labelled_note(line, expected)), len(lines))
    if expected in lone and lone[expected] < opening < len(lines):
        del lone[expected]  # a figure alone above (a table's cell) is no label where a note opens with it below
    if expected in lone:
        label = expected
        while label + 1 in lone and lone[label + 1] > lone[label]:
            label += 1
        start = lone[label] + 1
    elif not labels_apart:
        return lines
    else:
        label, start = expected - 1, opening
    out, above, first = lines[:start], "", label
    for line in lines[start:]:
        ends = not out[start:] or _TERMINAL_END.search(above.strip()) or _is_url_end(above)
        if _opens_labelled_note(line, label + 1) and ends:
            label += 1
            match = _LABEL_LINE.match(line)
            out += [str(label), line[match.end() - 1 :]]
        else:
            out.append(line)
        if line.strip():
            above = line
    if expected not in lone and label < first + 2:
        return lines  # a single line opening with the number due: no run of labels
    return out


def _opens_labelled_note(line: str, label: int) -> bool:
    """Whether the line opens with `label`, a space and a note's first word (`4 Quality…`), not
    a day and its month (`14 July 2016.`, a note's line going on)."""
    match = _LABEL_LINE.match(line)
    return (
        bool(match) and int(match.group(1)) == label and line[match.end() - 1] in _NOTE_OPENING
        and not _opens_date(line[match.end() - 2 :])
    )


def _end_notes_page(pages: list[list[str]]) -> int:
    """The page where a list of end notes starts, its labels printed as a column from 1 (`1`,
    `2`, `3`… alone on their lines, only blank lines between, at least
    TEXT_END_NOTES_COLUMN_MIN of them: a word processor's end notes in plain `pdftotext`), at
    the top of one of the last pages (TEXT_END_NOTES_PAGES_SHARE of them); 0 when there is none.
    Lone numbers on the pages before it (a table's figures) are no labels."""
    printed = [index for index, lines in enumerate(pages) if any(line.strip() for line in lines)]
    last = max(1, len(printed) - int(len(printed) * settings.TEXT_END_NOTES_PAGES_SHARE) - 1)
    for index in printed[last:]:
        run = 0
        for line in pages[index]:
            match = _LONE_NUMBER.match(line)
            if match and int(match.group(1)) == run + 1:
                run += 1
            elif line.strip():
                break
        if run >= settings.TEXT_END_NOTES_COLUMN_MIN:
            return index
    return 0


def _row_numbers(lines: list[str], expected: int) -> set[int]:
    """The lines of lone numbers that number a table's rows (its `No.` column, which plain
    `pdftotext` prints as a column of numbers): a run of at least TEXT_ROW_NUMBERS_MIN numbers
    each one more than the one above, with only blank lines between them, that cannot be the
    page's labels: it starts below the label expected (a label already used), or past the
    labels that may come next while one of its numbers stands alone again further down, with
    text after it (a note under its label; not the page's number at its foot). A table's
    column of markers (`5`, `6`, `7` in a `Note` column) starts at the label expected, and the
    labels of a list of end notes printed as a column start at 1."""
    numbers = [(index, int(match.group(1))) for index, line in enumerate(lines) if (match := _LONE_NUMBER.match(line))]
    rows: set[int] = set()
    run: list[tuple[int, int]] = []  # (line, number) of the run so far
    for index, line in enumerate([*lines, "end"]):
        if not line.strip():
            continue
        match = _LONE_NUMBER.match(line)
        number = int(match.group(1)) if match else None
        if number is not None and run and number == run[-1][1] + 1:
            run.append((index, number))
            continue
        if len(run) >= settings.TEXT_ROW_NUMBERS_MIN:
            taken = {value for _, value in run}
            again = any(value in taken and not _trails(lines, row) for row, value in numbers if row > run[-1][0])
            if 1 < run[0][1] < expected or (run[0][1] > expected + settings.TEXT_MAX_SKIPPED_MARKERS and again):
                rows.update(row for row, _ in run)
        run = [(index, number)] if number is not None else []
    return rows


def _next_zone(lines: list[str], expected: int) -> tuple[list[str], list[str] | None]:
    """A page whose columns each have their notes at their foot (LibreOffice's two columns as
    plain `pdftotext` gives them: the left column, its notes, the right column, its notes) cut
    in two where the second column's body starts, to be read as two pages; (the page, None)
    when there is no such cut. The body shows between two of the page's labels, under the
    notes of the first ones, by markers for the later ones glued to its words in order (the
    next two labels), and starts at the top of its paragraph."""
    lone = {int(match.group(1)): index for index, line in enumerate(lines) if (match := _LONE_NUMBER.match(line))}
    run = []
    while True:
        found = next((expected + skip for skip in range(settings.TEXT_MAX_SKIPPED_MARKERS + 1) if expected + skip in lone), None)
        if found is None:
            break
        run.append(found)
        expected = found + 1
    for label in run[2:]:  # a column's notes above: two of them at least
        above = max(lone[earlier] for earlier in run if earlier < label)
        if above > lone[label]:
            continue
        wanted, first = [label, label + 1], None
        for index in range(above + 1, lone[label]):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            for match in _candidates(lines[index], following=following):
                digits = match.group(0).strip()
                numbers = [int(digits)] if int(digits) == wanted[0] else _glued_run_after_stop(lines[index], match, wanted[0]) or []
                if numbers and not _LONE_NUMBER.match(lines[index]):  # `m.56`: 5 and 6
                    first = index if first is None else first
                    del wanted[: len(numbers)]
                    if not wanted:
                        break
            if not wanted:
                break
        if wanted or first is None:
            continue
        top = first
        while top > above + 1 and lines[top - 1].strip() and not _LONE_NUMBER.match(lines[top - 1]):
            top -= 1
        return lines[:top], lines[top:]
    return lines, None


def _move_stray_first_label(lines: list[str], lone: dict[int, int], placed: list[int]) -> list[str] | None:
    """The page's lines with its first label moved after the notes (before the labels printed
    after them, if any), where pdftotext printed it in the body well above them (xelatex's
    columns: `1` set between two paragraphs, its note and the other labels at the page's foot):
    the body text between them carries markers of the later labels (two lines at least), which
    no note does. None when the first label is not so."""
    if len(placed) < 3:
        return None
    first, others = lone[placed[0]], [lone[label] for label in placed[1:]]
    if first > min(others):
        return None
    later = range(placed[1], placed[-1] + 1)
    marked = sum(1 for line in lines[first + 1 : min(others)] if _has_marker(line, later))
    if marked < 2:
        return None
    at = max(others) + 1  # after the notes, before the labels printed there ("2" then "1" reads 1 then 2)
    while at - 1 > first and (_LONE_NUMBER.match(lines[at - 1]) or not lines[at - 1].strip()):
        at -= 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    return lines[:first] + lines[first + 1 : at] + [lines[first]] + lines[at:]


def _move_detached_first_label(lines: list[str], lone: dict[int, int], placed: list[int]) -> list[str] | None:
    """The page's lines with its first label moved after its other notes, where pdftotext set
    it apart from them (into the body above, beside a table's cells: `1`, a blank line, then
    cells and a blank line), while every other label stands right above its note and the first
    note right above the second label: the first label then closes the notes, as a label
    pdftotext printed after them does. None when the labels are not so."""
    if len(placed) < 2:
        return None
    rows = [lone[label] for label in placed]
    if rows != sorted(rows) or rows[-1] + 1 >= len(lines):
        return None
    first, second = rows[0], rows[1]
    if lines[first + 1].strip() or not lines[second - 1].strip() or second - 1 == first:
        return None
    if any(not lines[row + 1].strip() or _LONE_NUMBER.match(lines[row + 1]) for row in rows[1:]):
        return None
    after = first + 1
    while not lines[after].strip():
        after += 1
    while after < second and lines[after].strip():
        after += 1
    if after == second:
        return None  # the text after the first label runs into the second: the first note, set off by a blank line
    end = rows[-1] + 1
    while end < len(lines) and lines[end].strip() and not _LONE_NUMBER.match(lines[end]):
        end += 1
    return lines[:first] + lines[first + 1 : end] + [lines[first]] + lines[end:]


def _owners(labels: list[int], placed: list[int], lone: dict[int, int], blocks: list[tuple[int, int]]) -> list[int]:
    """The label of each block. Labels standing down the page in their order take the blocks in
    order (above or below their notes: the counts decided). Labels out of order (pdftotext
    printed each group's first label after the group, and groups apart: notes in two columns)
    stand above their notes: a block that starts right under a label is its note, and the
    blocks no label stands right above go to the labels left, in the order they stand."""
    lines_in_order = [lone[label] for label in placed]
    if lines_in_order == sorted(lines_in_order) or len(blocks) != len(labels) or len(placed) != len(labels):
        return labels
    under = {lone[label] + 1: label for label in placed}
    owners: list[int | None] = [under.get(start) for start, _ in blocks]
    left = iter(sorted((label for label in labels if label not in owners), key=lone.__getitem__))
    return [owner if owner is not None else next(left) for owner in owners]


def _trails(lines: list[str], index: int) -> bool:
    """Whether line `index` is among the lone numbers that end the page (only such numbers and
    blank lines after it): labels pdftotext printed after all the page's notes."""
    return all(not line.strip() or _LONE_NUMBER.match(line) for line in lines[index + 1 :])


def _keep(line: str, head: re.Match) -> bool:
    """A number at a line's head is a marker candidate unless a unit or a bullet follows it."""
    rest = line[head.end() :].lstrip()
    return not re.match(r"(?:k?m|cm|mm|%|per\b|[-–•])", rest)


def _cell_end(line: str) -> list[re.Match]:
    cell = _CELL_END.search(line)
    return [re.compile(r"\d+").search(line, cell.start(1))] if cell else []


def _candidates(line: str, line_heads: bool = False, following: str = "") -> list[re.Match]:
    """Plain numbers glued to what precedes them, minus units and names ("km2", "G7"), and
    numbers set apart after a sentence's end that close the line or precede a new sentence
    ("rebellion. 15"). `following` is the next line (a decimal may go on there)."""
    found = []
    lone = _LONE_NUMBER.match(line)
    if lone:  # a raised marker the extraction set on a line of its own
        return [re.match(r"\s*(\d+)", line).span(1) and re.compile(r"\d+").search(line)]
    listed = [match for match in _LISTED.finditer(line) if _runs_on(match.group(0))]
    single = (
        *_GLUED.finditer(line), *_SPACED.finditer(line), *_CHAINED.finditer(line), *_DASHED.finditer(line),
        *_cell_end(line),
    )
    matches = sorted(
        [*listed, *(match for match in single if not any(item.start() <= match.start() < item.end() for item in listed))],
        key=lambda match: match.start(),
    )
    head = _LINE_HEAD.match(line, len(line) - len(line.lstrip())) if line_heads else None
    if head and _keep(line, head):
        matches = [head, *(match for match in matches if match.start() >= head.end())]
    for match in matches:
        before = line[max(0, match.start() - 40) : match.start()]  # enough to see the word before
        if _UNITS.search(before):
            continue
        token = before.rsplit(None, 1)[-1] if before.strip() and not before[-1:].isspace() else ""
        if "=" in token or "@" in token or "/" in token and re.search(r"[.:]", token):
            continue  # inside a URL or an address ("rep=rep1"), not words set apart by slashes ("defunct/ignored1")
        digits = match.group(0).strip()
        if _opens_date(line[match.end() :]):
            continue  # a day before its month: "Gazette. 15 September 2019"
        if before.endswith("(") and line.startswith(")", match.end()):
            continue  # a bracket's whole content: "(2021)" is a year, not markers 20 and 21
        if _COMPOUND_AFTER.match(line, match.end()):
            continue  # a number in a compound: "a 0.3-metre telescope", "(12-inch)"
        if _SHARE_AFTER.match(line, match.end()):
            continue  # a share or a degree: "fell by 3.5% for each degree", "25°"
        if digits.startswith("0") or before[-2:-1].isdigit() and before[-1:] == "," and digits.isdigit() and len(digits) == 3:
            continue  # no label starts with 0; "96,073" is one number grouped by its comma
        if re.search(r"(?<!\d)\d{1,2}:$", before):
            continue  # a time or a ratio: "until 02:10 on", "3:1" (not a marker after "in 1965:")
        if "," not in digits and re.search(r"(?:^|[\s(])\d{1,3},$", before):
            continue  # a decimal comma's digits ("(2,5 hours"), not a marker after "in 1979,"
        decimal_point = before[-2:-1].isdigit() and before[-1:] == "."
        if decimal_point and _NAME_POINT.search(before) and _CLAUSE_GOES_ON.match(line, match.end()):
            continue  # a name's decimal going on in its sentence: "PM2.5, particles", not "km2.1 Its"
        goes_on = _GOES_ON.match(line, match.end()) or (  # on the next line, unless after a year ("in 2022.7")
            not line[match.end() :].strip() and _GOES_ON.match(" " + following.lstrip()) and not _YEAR_POINT.search(before)
        )
        if decimal_point and len(match.group(0).strip()) <= 2 and goes_on:
            continue  # a decimal going on in its sentence ("Suite 1.7 erhielt", "rose 3.5 per cent", "14.2" + "million")
        word = re.search(r"(\w+)$", before)
        if word and (len(word.group(1)) < 3 or word.group(1).isupper() and len(word.group(1)) <= 4):
            continue  # "CO2", "G7", "MP3", "B2B": part of a name
        if _LETTER_POINT.search(before):
            continue  # a chapter or part by its letter: "R.S.O. 1990, c. C.8"
        found.append(match)
    return found


def _runs_on(listed: str) -> bool:
    """Whether numbers listed with commas run on from one another ("15,16,17")."""
    numbers = [int(part) for part in listed.split(",")]
    return all(after == before + 1 for before, after in zip(numbers, numbers[1:]))


def _opens_date(rest: str) -> bool:
    """Whether the text after a number starts with a month's name (the number is a day)."""
    word = rest.split(None, 1)[0].rstrip(".,").lower() if rest[:1].isspace() and rest.strip() else ""
    return word in MONTH_NUMBER


def _glued_run(digits: str, start: int) -> list[int] | None:
    """`digits` read as the markers start, start + 1... printed together ("282930" from 28)."""
    parts, glued, number = [], "", start
    while len(glued) < len(digits):
        parts.append(number)
        glued += str(number)
        number += 1
    return parts if glued == digits else None


def _glued_run_after_stop(line: str, match: re.Match, start: int) -> list[int] | None:
    """The markers start, start + 1... printed together as `match` right after a sentence's or a
    quote's end (`away.56`, `common.”34`), not a year in brackets (`(2021)`: 20 and 21) nor a
    number's decimals (`arXiv:0911.1112`)."""
    if not re.search(r"(?<!\d)[.!?;:,\"'”’)\]]$", line[: match.start()]):  # not a decimal's point: `0911.1112`
        return None
    return _glued_run(match.group(0).strip(), start)


def _in_sequence(digits: str, expected: int, labels: set[int], reach: int) -> list[int] | None:
    """The marker numbers `digits` stands for where `expected` is due: itself or a glued run
    from it ("282930" -> 28, 29, 30), else one starting up to `reach` ahead (markers lost),
    every number a note's label; None if none fits (and always when there are no notes)."""
    if not labels:
        return None
    if "," in digits:  # markers listed with commas ("6,7"), known to run on
        numbers = [int(part) for part in digits.split(",")]
        fits = expected <= numbers[0] <= expected + reach and all(number in labels for number in numbers)
        return numbers if fits else None
    for start in range(expected, expected + reach + 1):
        if not digits:
            return None
        if int(digits) == start:
            parts = [start]
        elif len(digits) > 1 and len(digits) >= 2 * len(str(start)):
            parts = _glued_run(digits, start)
        else:
            parts = None
        if parts and all(part in labels for part in parts):
            return parts
    return None


def section_numbers(pages: list[list[str]]) -> set[tuple[str, int]]:
    """The numbers of numbered paragraphs opening lines ("1.1 In June…"), as (prefix, number),
    where they run in series (`1.1` and `1.2`, or `4.1` after section 3's): a version opening
    a line (`52.74 Die`, Firefox 52.7 and marker 4) stands alone."""
    heads = {
        (match.group(1), int(match.group(2)))
        for lines in pages for line in lines if (match := _SECTION_HEAD.match(line))
    }
    prefixes = {prefix for prefix, _ in heads}

    def previous_section(prefix: str) -> str:  # "4." -> "3.", "2.4." -> "2.3."
        *outer, last = prefix[:-1].split(".")
        return ".".join([*outer, str(int(last) - 1)]) + "."

    return {
        (prefix, number)
        for prefix, number in heads
        if (prefix, number - 1) in heads or (prefix, number + 1) in heads
        or (number == 1 and previous_section(prefix) in prefixes)  # a section's only paragraph
    }


def numbered_headings(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, row) of the numbered headings of a series (`1 Introduction`, `2 Data and method`):
    short lines (under TEXT_HEADING_MAX_SHARE of a full line) of a number, then words opening
    with a capital and no sentence's end, where the number before or after it heads another
    such line. Their numbers are no markers that pdftotext set at a line's head."""
    width = line_width([line for lines in pages for line in lines])
    heads: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for page, lines in enumerate(pages):
        for row, line in enumerate(lines):
            match = _NUMBERED_HEADING.match(line)
            if match and len(line.strip()) < settings.TEXT_HEADING_MAX_SHARE * width:
                heads[int(match.group(1))].append((page, row))
    return {place for number, places in heads.items() if number - 1 in heads or number + 1 in heads for place in places}


def opens_numbered_paragraph(line: str, sections: set[tuple[str, int]]) -> bool:
    """Whether the line opens a numbered paragraph of a series ("5.1 Since October…"): its
    sentence starts in capitals, as a figure going on from the line above does not ("2.93
    compares with…")."""
    head = _SECTION_HEAD.match(line)
    return bool(head) and (head.group(1), int(head.group(2))) in sections and line[head.end() - 1].isupper()


def _numbers_paragraph(line: str, match: re.Match, sections: set[tuple[str, int]]) -> bool:
    """Whether candidate `match` is the number of a numbered paragraph opening `line`."""
    head = _SECTION_HEAD.match(line)
    return bool(head) and head.start(2) == match.start() and (head.group(1), int(head.group(2))) in sections


def _mark_body(pages: list[list[str]], labels: set[int], line_heads: bool = False) -> tuple[list[list[str]], int]:
    """The pages' body lines with their plain markers turned into tokens, and how many markers
    were found. Markers run 1, 2, 3... and each has a note: a number is taken when it is the
    next one (or a run of the next ones); a little ahead, when a marker was lost; further
    ahead, when the next number after it goes on from it (the sequence picks up again after
    markers the extraction garbled)."""
    sections = section_numbers(pages)
    headings = numbered_headings(pages)
    found = [
        (page, row, match)
        for page, lines in enumerate(pages)
        for row, line in enumerate(lines)
        for match in _candidates(line, line_heads, lines[row + 1] if row + 1 < len(lines) else "")
        if not _numbers_paragraph(line, match, sections)
        and not ((page, row) in headings and not line[: match.start()].strip())
    ]
    chosen: dict[tuple[int, int], list[tuple[re.Match, list[int]]]] = {}
    expected, count = 1, 0
    for position, (page, row, match) in enumerate(found):
        digits = match.group(0)
        if not pages[page][row][: match.start()].strip():  # at a line's head: only the number due
            numbers = _in_sequence(digits, expected, labels, 0)
            if numbers is not None:
                chosen.setdefault((page, row), []).append((match, numbers))
                expected = numbers[-1] + 1
                count += len(numbers)
            continue
        numbers = _in_sequence(digits, expected, labels, settings.TEXT_MAX_SKIPPED_MARKERS)
        if numbers is None:
            numbers = _in_sequence(digits, expected, labels, settings.TEXT_MARKER_RESYNC)
            following = found[position + 1][2].group(0) if position + 1 < len(found) else ""
            if numbers is not None and _in_sequence(following, numbers[-1] + 1, labels, 0) is None:
                numbers = None
        if numbers is None:
            continue
        chosen.setdefault((page, row), []).append((match, numbers))
        expected = numbers[-1] + 1
        count += len(numbers)
    count += _fill_gaps(pages, labels, chosen, body_only=line_heads)
    if line_heads:
        count += _markers_out_of_order(pages, labels, chosen)
    out = []
    for page, lines in enumerate(pages):
        marked: list[str] = []
        above: int | None = None  # the last line with text so far
        for row, line in enumerate(lines):
            pieces, cursor = [], 0
            for match, numbers in chosen.get((page, row), []):
                pieces.append(line[cursor : match.start()])
                pieces.append(PLAIN_OPEN + ",".join(str(n) for n in numbers) + PLAIN_CLOSE)
                cursor = match.end()
            pieces.append(line[cursor:])
            text = "".join(pieces)
            if text.lstrip().startswith(PLAIN_OPEN) and above is not None and line.lstrip()[:1].isdigit():
                token, rest = text.lstrip().split(PLAIN_CLOSE, 1)
                marked[above] = marked[above].rstrip() + token + PLAIN_CLOSE  # back to the line it was raised on
                text = rest.lstrip()
            if text.strip():
                above = len(marked)
            marked.append(text)
        out.append(marked)
    return out, count


_DIGIT_RUN = re.compile(r"\d+")
# After a number: more digits of it ("1.200", "3,5"), a letter glued on ("5th", "3D"), or a unit.
_NUMBER_GOES_ON = re.compile(
    rf"[.,]\d|[^\W\d_]|{_COMPOUND_AFTER.pattern}|\s?(?:%|‰|°)|\s(?:k?m|cm|mm|kg|g|t|ha|[KMGT]B|Mbit|[MG]Hz|px|Prozent|per|percent|pour)\b"
)
_DATE_OR_RANGE = re.compile(r"\d\s?[-–/.:]$")  # before a number: "2014-11-09", "3–5", "Q3/2012", "10:30"


def _weak_marker(line: str, run: re.Match, label: int) -> re.Match | None:
    """The part of the digit run `run` that may be the lost marker `label`, looked for only
    where the sequence leaves a gap for it (`_fill_gaps`): the whole run, glued to any word
    ("JSON-LD5", a table cell's "StatCount" / "er107") or set apart ("movies: 9", "Texas 37"),
    or its tail after a year ("154940": 1549, then 40) or after a decimal's first digits
    ("10.917": 10.9, then 17); never a part of a larger number, a date, a range, a URL or a
    quantity with its unit."""
    digits, wanted = run.group(0), str(label)
    before = line[: run.start()]
    if _NUMBER_GOES_ON.match(line, run.end()):
        return None
    token = before.rsplit(None, 1)[-1] if before.strip() and not before[-1:].isspace() else ""
    if any(mark in token for mark in "/=@#&?") or _UNITS.search(before[-40:]):
        return None
    decimal = re.search(r"\d[.,]$", before)
    if digits == wanted and not decimal and not _DATE_OR_RANGE.search(before):
        return run
    host = digits[: len(digits) - len(wanted)]
    if not digits.endswith(wanted) or not host:
        return None
    year = len(host) == 4 and 1400 <= int(host) <= 2099 and not decimal
    grouped = len(host) == 3 and re.search(r"(?<![\d.,])\d{1,3}(?:([.,])\d{3}(?:\1\d{3})*)?[.,]$", before)  # "6.480" + 10, "212,400" + 11
    if year or grouped or decimal and len(host) <= 2:
        return _DIGIT_RUN.search(line, run.start() + len(host))
    return None


def _unmarked(labels: set[int], chosen: dict) -> set[int]:
    """The labels no marker chosen so far (`_mark_body`'s `chosen`) stands for."""
    taken = {number for entries in chosen.values() for _, numbers in entries for number in numbers}
    return labels - taken


def _fill_gaps(pages: list[list[str]], labels: set[int], chosen: dict, body_only: bool) -> int:
    """Markers the sequence misses, taken where it leaves a gap for them: a label with no marker
    between two markers found (its neighbours in the sequence) is looked for there among weaker
    candidates (`_weak_marker`), and taken when exactly one fits, after the gap's earlier
    labels. How many were taken.

    `body_only`: the notes were cut out by their lone labels, so the pages hold body text only
    and the labels before the first marker and after the last are looked for too, as are
    numbers at a line's head (a marker alone in a table's cell). Otherwise notes set as
    `N text` are still in the pages: neither is, as a line's head holds a label there."""
    taken = sorted(
        ((page, row, match.start(), match.end(), numbers) for (page, row), entries in chosen.items() for match, numbers in entries),
        key=lambda entry: entry[:3],
    )
    missing = sorted(_unmarked(labels, chosen))
    if not taken or not missing:
        return 0
    added = 0
    bounds = taken
    if body_only:  # sentinels: the pages' start and end
        bounds = [(0, 0, 0, 0, [0]), *taken, (len(pages) - 1, len(pages[-1]), 0, 0, [max(labels) + 1])]
    for before, after in zip(bounds, bounds[1:]):
        gap = [label for label in missing if max(before[4]) < label < min(after[4])]
        if not gap or len(gap) > settings.TEXT_GAP_FILL_MAX_LABELS:
            continue
        cursor = (before[0], before[1], before[3])  # (page, row, column) where the gap opens
        for label in gap:
            found = []
            for page in range(cursor[0], after[0] + 1):
                for row, line in enumerate(pages[page]):
                    if (page, row) < cursor[:2] or (page, row) > (after[0], after[1]):
                        continue
                    for run in _DIGIT_RUN.finditer(line):
                        if not body_only and not line[: run.start()].strip():
                            continue  # a line's head: a note's label or a list's number
                        if (page, row) == cursor[:2] and run.start() < cursor[2]:
                            continue
                        if (page, row) == (after[0], after[1]) and run.end() > after[2]:
                            continue
                        weak = _weak_marker(line, run, label)
                        if weak is not None:
                            found.append((page, row, weak))
            if len(found) != 1:
                continue
            page, row, weak = found[0]
            entries = chosen.setdefault((page, row), [])
            entries.append((weak, [label]))
            entries.sort(key=lambda entry: entry[0].start())
            cursor = (page, row, weak.end())
            added += 1
    return added


def _markers_out_of_order(pages: list[list[str]], labels: set[int], chosen: dict) -> int:
    """Markers the sequence passed over because the extraction printed their text out of order
    (a block of a column set after the next one's: `…docks.19` read after `…did.22`): a label
    still without a marker whose number, or a run of them printed together, stands glued right
    after a sentence's or a quote's end at exactly one place of the body. How many were taken.
    Only for pages whose notes were cut out by their labels (body text only)."""
    missing = _unmarked(labels, chosen)
    if not missing:
        return 0
    places: dict[tuple[int, ...], list[tuple[int, int, re.Match]]] = {}
    for page, lines in enumerate(pages):
        for row, line in enumerate(lines):
            if _LONE_NUMBER.match(line):
                continue
            spans = [match.span() for match, _ in chosen.get((page, row), [])]
            for match in _candidates(line):
                if any(start < match.end() and match.start() < end for start, end in spans):
                    continue
                digits = match.group(0).strip()
                for first in sorted(missing):
                    if not digits.startswith(str(first)):
                        continue
                    numbers = _glued_run_after_stop(line, match, first)
                    if numbers and set(numbers) <= missing:
                        places.setdefault(tuple(numbers), []).append((page, row, match))
    added = 0
    for numbers, found in places.items():
        if len(found) != 1 or not set(numbers) <= missing:
            continue
        page, row, match = found[0]
        entries = chosen.setdefault((page, row), [])
        entries.append((match, list(numbers)))
        entries.sort(key=lambda entry: entry[0].start())
        missing -= set(numbers)
        added += len(numbers)
    return added


_WORD = re.compile(r"[^\W\d_]+")
_URL_IN_LINE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SLUG_RUN = re.compile(r"[^\W_]+")
_TO_HYPHEN_OR_SPACE = re.compile(r"[^\s-]*")


def line_width(lines: list[str]) -> int:
    """The usual length of a full line, in characters (lines of prose, not table cells)."""
    lengths = sorted(len(line) for line in lines if len(line.strip()) >= 40)
    return lengths[int(len(lengths) * 0.75)] if lengths else 0


def _note_width(lines: list[str], width: int) -> int:
    """The usual length of a full line holding a URL (a note's line), which runs past the
    body's `width` when the notes are set in smaller type; lines far past it (two lines that
    the extraction joined) are left out."""
    lengths = sorted(
        len(line) for line in lines
        if _URL_IN_LINE.search(line) and len(line.strip()) <= width * settings.TEXT_NOTE_WIDTH_MAX
    )
    return lengths[int(len(lengths) * 0.75)] if lengths else 0


def is_layout_text(lines: list[str]) -> bool:
    """Whether the text is `pdftotext -layout` output: many lines indented or spaced out."""
    filled = [line for line in lines if line.strip()]
    spaced = sum(1 for line in filled if _LAYOUT_LINE.search(line))
    return bool(filled) and spaced >= settings.TEXT_LAYOUT_MIN_SHARE * len(filled)


_LAYOUT_LINE = re.compile(r"^ {2,}\S|\S {3,}\S")


def _restore_url_hyphens(lines: list[str]) -> list[str]:
    """Put back the hyphen `pdftotext` drops where a URL was broken after one: it joins the
    two lines ("…/elizabeth-gilbert-how-i-" + "write.html" -> "how-iwrite.html"), so the line
    runs past the usual width. Near where the first line ended, a run of letters that is no
    word of the document but two of them joined gets its hyphen back ("iwrite" -> "i-write").
    First, a host another URL writes with more hyphens is written so (`_restore_host_hyphens`):
    that is the line's first join."""
    width = line_width(lines)
    hosts_restored = _restore_host_hyphens(lines)
    if not width:
        return hosts_restored
    # A line whose host got its hyphen back from another URL: that was its first join, and the
    # rendered line after it starts there.
    restored = {
        row: next(at for at, (old, new) in enumerate(zip(line, host_restored)) if old != new) + 1
        for row, (line, host_restored) in enumerate(zip(lines, hosts_restored)) if line != host_restored
    }
    lines = [_close_url_gaps(line) for line in hosts_restored]  # `…/grid- operator/data/…`: the URL is one token
    vocabulary = {
        word for line in lines for token in line.split() if not _url_piece(token)
        for word in _slug_words(token)
    }
    vocabulary |= _hyphen_pairs(lines)
    host_pairs = _host_pairs(lines)
    usual = max(width, _note_width(lines, width)) + 3  # the widest full line, as far as it is known
    low, high = int(width * 0.7), int(usual * settings.TEXT_URL_CUT_REACH)
    out = []
    for row, line in enumerate(lines):
        start = restored.get(row, 0)  # where the rendered line being looked at began: one join per rendered line
        while len(line) - start > width:
            date = _date_cut(line, start + low, start + high)
            # A line no longer than the widest full line may be one (a note's, set smaller): no
            # change of case marks a cut there
            strict = len(line) - start <= usual
            near_end = (start + int(settings.TEXT_URL_HOST_CUT_FROM * usual), start + int(settings.TEXT_URL_HOST_CUT_TO * usual))
            cut = date if date is not None else _early_pair_cut(line, start, width, usual, vocabulary, host_pairs)
            if cut is None:
                cut = _url_cut(line, start + low, start + high, vocabulary, start + usual, strict, near_end)
            if cut is None:
                cut = _early_url_cut(line, start, width, vocabulary)
            if cut is None:
                start += width  # joined where nothing was dropped (a space): the next line, about
                continue
            line = line[:cut] + "-" + line[cut:]  # a date's (the URL is whole) or a URL's hyphen
            start = cut + 1
        out.append(line)
    return out


# An ISO date with one of its hyphens dropped where pdftotext joined two lines: `201007-25`
# (2010-07-25 cut after 2010-), `2016-1008` (2016-10-08 cut after 10-).
_CUT_DATE = re.compile(r"(?<![\w/.-])(?:1[89]|20)\d\d(?:(?P<month>\d\d)-\d\d|-\d\d(?P<day>\d\d))(?![\w/-])")

# The same inside a URL's path, between its separators (`…/housing/202103-17/minutes`), with a
# month that is one; and a span of years whose hyphen was dropped (`…/budget/202526/`: 2025-26).
_URL_CUT_DATE = re.compile(
    r"(?<=[/_-])(?:1[89]|20)\d\d(?:(?P<month>0[1-9]|1[0-2])-[0-3]\d|-(?:0[1-9]|1[0-2])(?P<day>[0-3]\d))(?=[/_.#?-]|$)"
)
_URL_CUT_YEARS = re.compile(r"(?<=[/_-])(?P<first>(?:1[89]|20)\d\d)(?P<next>\d\d)(?=[/_.#?-]|$)")


_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
# How a URL's slug spells letters it cannot hold (German umlauts, sharp s); other accents are
# dropped by `unicodedata`'s decomposition.
_SLUG_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _host_and_path(line: str, url: re.Match) -> tuple[int, int]:
    """Where a URL found in `line` has its host (after `//`, or the URL's start: `www.`) and its
    path (its first `/` after the host; -1 when the URL is a host alone)."""
    scheme = line.find("//", url.start(), url.end())
    host = url.start() if scheme < 0 else scheme + 2
    return host, line.find("/", host, url.end())


def _url_piece(token: str) -> bool:
    """Whether a token of the text is a URL or a piece of one (`ample.org/web/2019/https://…`
    after a URL cut in its host): its words are no words of the document."""
    return bool(_URL_IN_LINE.search(token)) or token.count("/") >= 2


def _slug_words(token: str) -> set[str]:
    """The words of a token of the text as a URL's slug may spell them: lower case, as they
    stand, without apostrophes (`Google's` -> `googles`), and with their accents spelled out
    (`läuft` -> `laeuft`, `café` -> `cafe`)."""
    lower = token.lower()
    words = set(_WORD.findall(lower)) | set(_WORD.findall(_APOSTROPHES.sub("", lower)))
    for word in list(words):
        if not word.isascii():
            spelled = unicodedata.normalize("NFKD", word.translate(_SLUG_SPELLING))
            words.add("".join(char for char in spelled if not unicodedata.combining(char)))
    return words


# A host's or slug's two words joined by a hyphen (`air-lise`, `caldmoor-ca`), each pair of a longer
# chain (`caldmoor-repairs`, `repairs-commission`): the matches overlap.
_URL_HYPHEN_PAIR = re.compile(r"(?<![^\W_])(?=([^\W_]{2,}-[^\W_]{2,})(?![^\W_]))")


def _hyphen_pairs(lines: list[str]) -> set[str]:
    """Each two neighbouring parts of the text's hyphenated words, hyphen kept (`foi-2023`,
    `2023-1187` from `FOI-2023-1187`): a URL naming the same report or case may be cut there.
    Also each two words joined by a hyphen in the text's URLs (`valmont-metropole`): another URL
    of the same site may be cut there. And the folders of web sites' files that many URLs
    name (`wp-content`, TEXT_URL_KNOWN_HYPHEN_PAIRS)."""
    pairs = set(settings.TEXT_URL_KNOWN_HYPHEN_PAIRS)
    for line in lines:
        for token in line.split():
            if "-" not in token:
                continue
            if _url_piece(token):  # another URL of the text, whole there: `valmont-metropole`
                pairs.update(match.group(1).lower() for match in _URL_HYPHEN_PAIR.finditer(token))
                continue
            parts = [part for part in token.lower().strip(".,;:()[]“”\"'‘’").split("-") if part]
            pairs.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]) if a.isalnum() and b.isalnum())
    return pairs


def _date_cut(line: str, low: int, high: int) -> int | None:
    """Where to put back the hyphen of a date cut at the line's usual end (`Retrieved
    201007-25.`, `Retrieved 2016-1008.`), outside any URL, or in a URL's path a date between its
    separators or a span of two years (`/202526/`); None when there is no such date."""
    urls = [(url.start(), url.end()) for url in _URL_IN_LINE.finditer(line)]
    for match in _CUT_DATE.finditer(line):
        cut = match.start("month") if match["month"] else match.start("day")
        if low <= cut <= high and not any(a <= match.start() < b for a, b in urls):
            return cut
    for start, end in urls:
        path = line.find("/", line.find("//", start, end) + 2, end)
        if path < 0:
            continue
        for match in _URL_CUT_DATE.finditer(line, path, end):
            cut = match.start("month") if match["month"] else match.start("day")
            if low <= cut <= high:
                return cut
        for match in _URL_CUT_YEARS.finditer(line, path, end):
            if low <= match.start("next") <= high and int(match["next"]) == (int(match["first"]) + 1) % 100:
                return match.start("next")
    return None


def _url_cut(
    line: str,
    low: int,
    high: int,
    vocabulary: set[str],
    usual: int | None = None,
    strict: bool = False,
    near_end: tuple[int, int] | None = None,
) -> int | None:
    """Where to put back one hyphen in a URL of `line`, between characters low and high, in
    its path (a host joins its owner's words: `haldenpolicy.example.org`, unless another URL
    of the text writes the same host with its hyphen: `valmont-metropole`, or the line surely
    was joined, no cut is found elsewhere and the host spans `near_end`, where a full line ends:
    then between two words of the document, `northline` + `infrastructure`): the cut that
    splits a run into two words of the document, a cut where the case changes first
    ("sBlog"), then the one with the longer shorter piece ("iwrite" -> "i-write", not
    "iw-rite"); None if none does. A cut the text itself writes with a hyphen (`FOI-2023-1187`
    for `FOI-20231187`) goes first. Else letters meeting digits are no sign: ids run them
    together (`col412`, `R44593`, `article771391`). Past `usual` (the widest full line known;
    the notes' may run longer) a cut is taken only when there is none before it. `strict`: the
    line may be a full one, not joined (`NightNetwork/PassengerCounts` in a note set smaller):
    a change of case is no sign there, nor two words of the document that make a word of its
    own (`dataset`)."""
    best = host_cut = None
    usual = high if usual is None else usual
    for url in _URL_IN_LINE.finditer(line):
        if url.end() <= low or url.start() >= high:
            continue
        host, path = _host_and_path(line, url)
        if path < 0:
            continue  # the host alone (the line ends in it): a host joins its owner's words
        for run in _SLUG_RUN.finditer(line, host, url.end()):
            word = run.group(0)
            if run.end() <= low or run.start() >= high or len(word) < 4 or word.lower() in vocabulary:
                continue
            if run.start() < path:  # in the host, only where another URL of the text writes the hyphen
                cuts = [cut for cut in range(1, len(word)) if f"{word[:cut]}-{word[cut:]}".lower() in vocabulary]
                cuts = [cut for cut in cuts if low <= run.start() + cut <= high]
                if cuts:
                    score = (True, True, run.start() + cuts[0] <= usual, True, min(cuts[0], len(word) - cuts[0]))
                    if best is None or score > best[0]:
                        best = (score, run.start() + cuts[0])
                elif not strict and near_end is not None:  # surely joined: two words of the document, as a last resort
                    cuts = [
                        cut for cut in range(settings.TEXT_URL_WORD_MIN, len(word) - settings.TEXT_URL_WORD_MIN + 1)
                        if near_end[0] <= run.start() + cut <= near_end[1]
                        and word[:cut].isalpha() and word[cut:].isalpha()
                        and _known(word[:cut].lower(), vocabulary) and _known(word[cut:].lower(), vocabulary)
                    ]
                    if cuts and host_cut is None:
                        host_cut = run.start() + max(cuts, key=lambda cut: min(cut, len(word) - cut))
                continue
            # Cut only into words of the document: a word of its own (`setup`, `howto`, `bitstream`),
            # and a run that ends the line (`…/glenmar` + `row-asks`: the line was not joined there)
            own_word = _english(word, settings.TEXT_URL_ENGLISH_WORD_COUNT)
            whole_word = own_word or not line[run.end() :].strip(" .,;:)")
            escaped = 3 if line[run.start() - 1] == "%" else 1  # `%20Road`: no cut inside or right after the escape
            for cut in range(max(escaped, low - run.start()), min(len(word), high - run.start() + 1)):
                head, tail = word[:cut], word[cut:]
                if f"{head}-{tail}".lower() in vocabulary:  # the text writes it so: `FOI-2023-1187`
                    score = (True, True, run.start() + cut <= usual, True, min(len(head), len(tail)))
                    if best is None or score > best[0]:
                        best = (score, run.start() + cut)
                    continue
                case_change = head[-1].islower() and tail[0].isupper()
                if (head + tail).isdigit():
                    continue
                if strict and own_word:
                    continue  # a full line, maybe not joined: a word of its own stays whole (`dataset`)
                tail_known = _known(tail.lower(), vocabulary)
                head_known = _known(head.lower(), vocabulary) or (case_change and head.isalpha() and not strict)
                if not (tail_known and head_known):  # else two words of English in lower case (no id's digits)
                    if whole_word or case_change or not (_english(head) or head_known and head.isalpha()):
                        continue
                    if not (_english(tail) or tail_known and tail.isalpha()):
                        continue
                    if min(len(head), len(tail)) < settings.TEXT_URL_WORD_MIN:
                        continue
                score = (False, tail_known and head_known, run.start() + cut <= usual, case_change, min(len(head), len(tail)))
                if best is None or score > best[0]:
                    best = (score, run.start() + cut)
    return host_cut if best is None else best[1]


def _restore_host_hyphens(lines: list[str]) -> list[str]:
    """The lines with each URL's host written as another URL of the text writes the same host
    with more hyphens (`harbour-repairscommission` -> `harbour-repairs-commission`): the two
    differ only by hyphens, and pdftotext drops a hyphen where it joins a line broken after one,
    never adds one. Where the line broke need not be known (a browser's text may set a whole
    paragraph on one line), so this comes before the width-based repairs."""
    fullest: dict[str, str] = {}  # a host without its hyphens -> the spelling with the most
    found: list[tuple[int, int, int, str]] = []  # (line, start, end, host)
    for row, line in enumerate(lines):
        for url in _URL_IN_LINE.finditer(line):
            host, path = _host_and_path(line, url)
            if path < 0:
                continue  # a host alone, maybe cut at the line's end (`https://www.caldmoor-`)
            name = line[host:path]
            if "." not in name or name.endswith(("-", ".")):
                continue
            key = name.lower().replace("-", "")
            if key not in fullest or name.count("-") > fullest[key].count("-"):
                fullest[key] = name.lower()
            found.append((row, host, host + len(name), name))
    out = list(lines)
    for row, start, end, name in reversed(found):  # right to left: earlier spans keep their place
        best = fullest[name.lower().replace("-", "")]
        if best.count("-") > name.count("-"):
            out[row] = out[row][:start] + best + out[row][end:]
    return out


def _host_pairs(lines: list[str]) -> set[str]:
    """Each two neighbouring words joined by a hyphen in the hosts of the text's URLs
    (`haute-varenne` from `https://archives.haute-varenne.example.fr/…`): the only evidence
    for a hyphen in another URL's host, which may join its owner's words (`dunmerewater`) where
    a path or the text writes them apart (`…/final-determinations/dunmere-water`)."""
    pairs = set()
    for line in lines:
        for url in _URL_IN_LINE.finditer(line):
            host, path = _host_and_path(line, url)
            name = line[host : url.end() if path < 0 else path]
            pairs.update(match.group(1).lower() for match in _URL_HYPHEN_PAIR.finditer(name))
    return pairs


def _runs_past(line: str, at: int, end: int) -> bool:
    """Whether the part of `line` from `at` up to the next hyphen or space runs past `end`: a
    renderer that breaks a URL only after a hyphen could not fit it on the line, so it broke
    early, at `at` (see `_early_url_cut`)."""
    return _TO_HYPHEN_OR_SPACE.match(line, at).end() > end


def _early_pair_cut(
    line: str, start: int, width: int, usual: int, vocabulary: set[str], host_pairs: set[str]
) -> int | None:
    """Where to put back a URL's hyphen that a renderer broke early, as `_early_url_cut` does
    (the part after the cut runs past the usual width; the cut is no further from the rendered
    line's start than the widest full line, `usual`), where the text writes the two parts with
    their hyphen elsewhere (`wp-content`, see `_hyphen_pairs`); in a host, only where another
    URL's host writes them so (`haute-varenne`, `_host_pairs`): a host may join its owner's
    words (`ashbyvale`). Such evidence goes before any cut between two words of the document
    near the line's end (`file-admin`)."""
    best = None
    for url in _URL_IN_LINE.finditer(line, start):
        if url.start() >= start + width:
            break
        host, path = _host_and_path(line, url)
        for run in _SLUG_RUN.finditer(line, host, url.end()):
            word = run.group(0)
            pairs = host_pairs if path < 0 or run.start() < path else vocabulary
            for cut in range(2, len(word) - 1):
                at = run.start() + cut
                if _runs_past(line, at, start + width) and start < at <= start + usual and f"{word[:cut]}-{word[cut:]}".lower() in pairs:
                    best = at if best is None else max(best, at)
    return best


def _early_url_cut(line: str, start: int, width: int, vocabulary: set[str]) -> int | None:
    """Where to put back a URL's hyphen well before the line's usual end: a renderer that
    breaks URLs only after their hyphens (Chromium) ends the line at the last hyphen before the
    part that would not fit (`…/island-household-` + `survey/2024/transport_module_tables.xlsx`).
    The cut lies between two words of the document (neither a number), and the part after it,
    up to the next hyphen or space, runs past the usual width; the latest such cut wins."""
    best = None
    for url in _URL_IN_LINE.finditer(line, start):
        if url.start() >= start + width:
            break
        _, path = _host_and_path(line, url)
        if path < 0:
            continue
        for run in _SLUG_RUN.finditer(line, path, url.end()):  # in the path: a host joins words (`firststreet.org`)
            word = run.group(0)
            if run.start() >= start + width or len(word) < 6 or word.lower() in vocabulary:
                continue
            for cut in range(settings.TEXT_URL_WORD_MIN, len(word) - settings.TEXT_URL_WORD_MIN + 1):
                at = run.start() + cut
                head, tail = word[:cut].lower(), word[cut:].lower()
                if at - start < settings.TEXT_URL_EARLY_CUT * width or not (head.isalpha() and tail.isalpha()):
                    continue
                if not (_known(head, vocabulary) and _known(tail, vocabulary)):
                    continue
                if _runs_past(line, at, start + width):
                    best = at if best is None else max(best, at)
    return best


@functools.cache
def _english_counts() -> dict[str, float]:
    """How often wordsegment's English web corpus (Google's n-gram counts) has each word:
    loaded once, when first needed (about a third of a second)."""
    return Segmenter.parse(Segmenter.UNIGRAMS_FILENAME)


def _english(piece: str, least: float = settings.TEXT_URL_ENGLISH_MIN_COUNT) -> bool:
    """Whether a piece of a URL is a common English word (`storage`, `connections`) of at least
    TEXT_URL_WORD_MIN letters."""
    return len(piece) >= settings.TEXT_URL_WORD_MIN and piece.isalpha() and _english_counts().get(piece.lower(), 0) >= least


def _known(piece: str, vocabulary: set[str]) -> bool:
    """Whether a piece of a URL is a word of the document (or its plural: `releases` where the
    text says `release`) or a number."""
    if piece.isdigit():
        return True
    if len(piece) > 3 and piece.endswith("s") and piece[:-1] in vocabulary:
        return True
    return piece in vocabulary and (len(piece) > 1 or piece in "ai")


# A note's number opening its line: apart from the text, or glued to it ("16Washington State…":
# pdftotext may leave out the space after LaTeX's raised label).
_NUMBERED_LINE = re.compile(r"^\s*(?:[-•*–·▪◦]\s*)?(\d{1,4})(?:[.)]?\s+\S|(?=[A-Z“\"][a-z]|[“\"‘][A-Z]))")


def _paragraph_ends(lines: list[str], width: int) -> list[str]:
    """A blank line after each line that ends a paragraph or is a heading: a line well short
    of the usual width, not ending inside a sentence, before a line that opens with a capital
    (the extraction sets paragraphs and headings without blank lines between them)."""
    if not width:
        return lines
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
        short = 0 < len(line.strip()) < settings.TEXT_SHORT_LINE * width
        if short and following[:1].isupper() and not re.search(r"[,;:(–-]$", line.rstrip()) and not _in_narrow_cell(lines, index, width):
            out.append("")
    return out


def _narrow(line: str, width: int) -> bool:
    """Whether a line holds text and is narrower than TEXT_NARROW_CELL of the usual width: a
    line of a narrow table column's cell."""
    return 0 < len(line.strip()) < settings.TEXT_NARROW_CELL * width


def in_narrow_column(lines: list[str], width: int) -> bool:
    """Whether a paragraph is a narrow table column's cell, printed line by line: most of its
    lines are narrow (`_narrow`). Its lines are short for want of room, not because they end
    a paragraph or an item of a list."""
    return bool(width) and sum(1 for line in lines if _narrow(line, width)) > len(lines) / 2


def _rejoin_cell_words(pages: list[list[str]], width: int) -> None:
    """Words that a narrow table column broke at its edge without a hyphen (`Unterstü` /
    `tzung`), joined back where the whole is a word the document writes outside such cells
    and not every piece is a word of it or of common English (`sail` / `or` stay apart): the
    pieces are no words for a reader or a claim. Three pieces at most (`Fehlerbe` / `hebunge` /
    `n`). A word the document writes nowhere else is joined by the shape of its pieces
    (`_broken_unknown_word`)."""
    if not width:
        return
    vocabulary = {
        word.lower() for lines in pages for line in lines if not _narrow(line, width) for word in _WORD.findall(line)
    }

    def is_word(piece: str) -> bool:  # of the document, or common English (`sail` / `or`)
        piece = piece.lower()
        if len(piece) < 2:
            return piece in "ai"
        return piece in vocabulary or _english_counts().get(piece, 0) >= settings.TEXT_URL_ENGLISH_MIN_COUNT

    for lines in pages:
        index = 0
        while index + 1 < len(lines):
            line, following = lines[index], lines[index + 1]
            head = re.search(r"(?<!\S)[^\W\d_]+$", line.rstrip())
            if not (_narrow(line, width) and _narrow(following, width) and head and following.lstrip()[:1].islower()):
                index += 1
                continue
            rows = [index + 1]
            if len(following.split()) == 1 and index + 2 < len(lines) and _narrow(lines[index + 2], width) and lines[index + 2].lstrip()[:1].islower():
                rows.append(index + 2)  # a piece alone on its line may be the middle one
            joined = None
            for count in range(1, len(rows) + 1):
                tokens = [lines[row].split()[0] for row in rows[:count]]
                tail = _WORD.match(tokens[-1])
                word = head.group(0) + "".join(tokens[:-1]) + (tail.group(0) if tail else "")
                pieces = [head.group(0), *tokens[:-1], tail.group(0) if tail else ""]
                whole = tail and all(token.isalpha() for token in tokens[:-1]) and word.lower() in vocabulary
                if whole and not all(is_word(piece) for piece in pieces):
                    joined = (count, tokens)
            unknown = joined is None
            if unknown:
                joined = _broken_unknown_word(lines, index, width, vocabulary, is_word)
            if joined is None:
                index += 1
                continue
            count, tokens = joined
            lines[index] = line.rstrip() + "".join(tokens)
            rows = list(range(index + 1, index + 1 + count))
            for row in rows:
                rest = lines[row].strip()[len(lines[row].split()[0]) :].strip()
                lines[row] = rest
            emptied = [row for row in rows if not lines[row]]
            for row in reversed(emptied):
                del lines[row]  # no blank line where a piece was: the cell goes on
            index += unknown  # a word joined whole: no piece of the next one


def _broken_unknown_word(
    lines: list[str], index: int, width: int, vocabulary: set[str], is_word: Callable[[str], bool]
) -> tuple[int, list[str]] | None:
    """The pieces to join to line `index` of a narrow cell when it holds a word the column's
    edge broke and the document writes nowhere else (`Neuerun` / `gen:`, `Fehlerbe` /
    `hebunge` / `n`): (how many lines give a piece, those pieces), or None. A cell breaks a
    word only when it fills a line by itself, so the line holds that one token, which is no
    word (`is_word`; three letters at least), and the next line opens in lower case with no
    word of the document (`nach`, `die`: the cell's next word) nor a longer one of common
    English (`criteria`; its list holds many short pieces: `gen`, `ter`). Later pieces are
    taken while they and the piece before them stand alone on their line and are no words
    (`itsaktual` / `isierung`), and the piece before filled its line as the head did
    (TEXT_CELL_PIECE_SLACK letters shorter at most): a shorter one ended its word (`Dokume` /
    `nte`, then `innerhal`). The page's end cuts no word: the next page is not looked at."""
    line = lines[index].strip()
    head = _WORD.fullmatch(line.lstrip("„“\"'‘(«"))
    if not head or len(head.group(0)) < settings.TEXT_CELL_PIECE_MIN or is_word(head.group(0)):
        return None
    tokens: list[str] = []
    row = index + 1
    while row < len(lines) and _narrow(lines[row], width) and lines[row].lstrip()[:1].islower():
        token = lines[row].split()[0]
        letters = _WORD.match(token)
        piece = letters.group(0) if letters else ""
        if tokens:  # after a piece, a word opens the next one, but a tail of one or two letters is none (`isierung` / `en;`)
            next_word = is_word(piece) and len(piece) > 2
        else:  # after the head, a word of the document or a longer one of common English
            next_word = _known(piece.lower(), vocabulary) or (
                len(piece) >= settings.TEXT_CELL_ENGLISH_MIN and _english(piece)
            )
        if not letters or next_word:
            break
        tokens.append(token)
        if letters.group(0) != token or len(lines[row].split()) > 1 or is_word(token):
            break  # the word ends here: punctuation after it, the cell's next word beside it, or a word
        if len(token) < len(head.group(0)) - settings.TEXT_CELL_PIECE_SLACK:
            break  # a piece short of the line's room ends its word (`Dokume` / `nte`)
        row += 1
    return (len(tokens), tokens) if tokens else None


def _in_narrow_cell(lines: list[str], index: int, width: int) -> bool:
    """Whether line `index` and the next go on in one cell of a narrow table column, which
    pdftotext prints line after line: both belong to a run of lines narrower than
    TEXT_NARROW_CELL of the usual width, and the run is prose: words in lower case open lines
    (`Ab` / `Version` / `40 warnt` / `Firefox` / `vor …`) and a sentence ends in it, or the
    page's end cuts it (the sentence goes on overleaf); not a column of labels or names
    (`Bottom Lock` / `Holly Lock`, `Share of licences` / `that expire` / `Average cost per` /
    `checkout (USD)`)."""
    def narrow(row: int) -> bool:
        return 0 <= row < len(lines) and _narrow(lines[row], width)

    if not (narrow(index) and narrow(index + 1)):
        return False
    top, bottom = index, index + 1
    while narrow(top - 1):
        top -= 1
    while narrow(bottom + 1):
        bottom += 1
    lower = sum(1 for row in range(top + 1, bottom + 1) if lines[row].lstrip()[:1].islower())
    sentence = any(_TERMINAL_END.search(re.sub(r"(?<=[.!?])\d{1,4}$", "", lines[row].rstrip())) for row in range(top, bottom + 1))
    cut_by_page_end = not any(line.strip() for line in lines[bottom + 1 :])  # its sentence goes on overleaf
    return (sentence or cut_by_page_end) and lower >= 2 and lower >= settings.TEXT_NARROW_PROSE_SHARE * (bottom - top)


def normalise_plain(text: str) -> tuple[str, int, list[tuple[str, str]]]:
    """The text rewritten for the reader (see the module's docstring), the number of plain
    markers found (0: the text has none; the caller keeps the text as it was), and the notes
    cut out of it by their lone labels, (label, text) in order."""
    lines = text.split("\n")
    width = line_width(lines)
    pages = _pages("\n".join(lines if is_layout_text(lines) else _restore_url_hyphens(lines)))
    _drop_page_numbers(pages)
    _rejoin_lone_schemes(pages)
    _close_url_blank_lines(pages, width)
    expected = 1
    split_pages = []
    labels_apart = False  # some page's notes were read by lone labels
    end_notes = _end_notes_page(pages)
    for number, page in enumerate(pages):
        if number < end_notes:  # the body of a document whose notes are all listed at its end
            split_pages.append((page, []))
            continue
        rows = _row_numbers(page, expected)  # no labels, no markers: blanked
        rest: list[str] | None = [("" if index in rows else line) for index, line in enumerate(page)]
        while rest is not None:
            lines, rest = _next_zone(rest, expected)
            carried = bool(split_pages and split_pages[-1][1]) and not _TERMINAL_END.search(
                join_note_lines(split_pages[-1][1][-1].lines)
            )  # the last page's last note was cut mid-sentence by the page's end
            body, notes, expected = _page_notes(lines, expected, carried, labels_apart)
            split_pages.append((body, notes))
            labels_apart = labels_apart or bool(notes)
    cut_count = sum(len(notes) for _, notes in split_pages)
    if cut_count and (
        _numbered_run(pages) >= settings.TEXT_NUMBERED_OVER_LONE * cut_count or _notes_listed_after(pages, cut_count)
    ):
        split_pages = [(lines, []) for lines in pages]  # the lone numbers were no labels
    _carry_note_ends(split_pages, width)
    labels = cut_labels = {note.label for _, notes in split_pages for note in notes}
    if not labels:  # notes written "1 Text" (LaTeX, Word): their numbers are the labels
        _glue_lone_labels([body for body, _ in split_pages])
        labels = _line_labels([body for body, _ in split_pages])
    # Markers at a line's head (raised marks pdftotext set before the rest of their line) only
    # where the notes were found by their lone labels: else "1 Text" lines are notes.
    bodies = [_paragraph_ends(body, width) for body, _ in split_pages]
    _rejoin_cell_words(bodies, width)
    marked, found = _mark_body(bodies, labels, line_heads=bool(cut_labels))
    cut = [(str(note.label), join_note_lines(note.lines)) for _, notes in split_pages for note in notes]
    return _join_pages(marked, width, joins=bool(cut_labels)), found, cut


# A note's line opening with its label, then a space (`2 The earlier…`; no point: not a list's `2.`).
_LABEL_LINE = re.compile(r"^\s*(\d{1,3})\s+\S")
# What a note's text may open with: a capital, a quote or bracket, a digit.
_NOTE_OPENING = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÄÇÉÈÊËÍÎÏÑÓÔÖÚÜ\"“„«'‘([0123456789§")
# A number opening a line, set apart from the next word by a space only (`317 U.S.C.`): where a
# note's label may be glued to a number opening its text; never a number with a point (`12. Dept`).
GLUED_NUMBER_LINE = re.compile(r"^\s*\d{2,}\s+\S")


def _line_labels(pages: list[list[str]]) -> set[int]:
    """The numbers opening lines (`_NUMBERED_LINE`: notes written `1 Text`), and the label a
    number opening a note's text hides where pdftotext glued them (`317 U.S.C.`: label 3, see
    `unglued_label`; never before a point: `12. Department`), in the sequence the numbers run
    down the text."""
    numbered = [(int(m.group(1)), line) for lines in pages for line in lines if (m := _NUMBERED_LINE.match(line))]
    labels = {number for number, _ in numbered}
    expected = 1
    for number, line in numbered:
        if expected <= number <= expected + settings.TEXT_GLUED_LABEL_REACH:
            expected = number + 1
        elif GLUED_NUMBER_LINE.match(line) and (label := unglued_label(number, expected, labels)) is not None:
            labels.add(label)
            expected = label + 1
    return labels


def _glue_lone_labels(pages: list[list[str]]) -> None:
    """Where notes are written `1 Text` (a word processor's label, a tab, the note), a label
    that pdftotext set alone on its line, the note's text on the next (a page's first note, its
    first line full), is glued back to that text: the text opens like a note (a capital, a
    quote, a digit) after at most one blank line, and the next note, within TEXT_MAX_NOTE_LINES
    lines, opens with the next number (`2 The earlier…`)."""
    for lines in pages:
        for index, line in enumerate(lines):
            lone = _LONE_NUMBER.match(line)
            if not lone:
                continue
            after = index + 1
            while after < min(len(lines), index + 3) and not lines[after].strip():
                after += 1
            text = lines[after].lstrip() if after < len(lines) else ""
            if not text or _LONE_NUMBER.match(text) or text[:1] not in _NOTE_OPENING:
                continue
            number = int(lone.group(1))
            following = lines[after + 1 : after + 1 + settings.TEXT_MAX_NOTE_LINES]
            if any((match := _LABEL_LINE.match(other)) and int(match.group(1)) == number + 1 for other in following):
                lines[after] = f"{number} {text}"
                lines[index] = ""


def unglued_label(number: int, expected: int, present: set[int]) -> int | None:
    """The label due (`expected` or up to TEXT_GLUED_LABEL_REACH after it, missing from
    `present`) that a number opening a line starts with, when the rest is a number too and
    does not start with 0: pdftotext glues a raised label to a number opening its note (`317
    U.S.C. § 109` is note 3 citing `17 U.S.C.`); `2024` and `20` stay whole. None otherwise."""
    digits = str(number)
    for label in range(expected, expected + settings.TEXT_GLUED_LABEL_REACH + 1):
        head = str(label)
        rest = digits[len(head) :]
        if digits.startswith(head) and rest and not rest.startswith("0") and label not in present:
            return label
    return None


def _notes_listed_after(pages: list[list[str]], count: int) -> bool:
    """Whether the notes are a list numbered 1, 2, 3... (`_NUMBERED_LINE`) after every number
    standing alone on a line, running to `count` at least: the lone numbers were markers set on
    lines of their own (a browser's raised markers in widely spaced lines), not labels."""
    flat = [line for lines in pages for line in lines]
    last_lone = max((index for index, line in enumerate(flat) if _LONE_NUMBER.match(line)), default=-1)
    expected = 1
    for line in flat[last_lone + 1 :]:
        match = _NUMBERED_LINE.match(line)
        if match and int(match.group(1)) == expected:
            expected += 1
    return expected - 1 >= count


def _numbered_run(pages: list[list[str]]) -> int:
    """How far the numbers opening lines (`_NUMBERED_LINE`: "1. Text", "1 Text") run 1, 2, 3...
    down the text: the number of notes they would label."""
    expected = 1
    for lines in pages:
        for line in lines:
            match = _NUMBERED_LINE.match(line)
            if match and int(match.group(1)) == expected:
                expected += 1
    return expected - 1


def _carry_note_ends(split_pages: list[tuple[list[str], list[_Note]]], width: int) -> None:
    """A note that the page's end cut goes on at the top of the next page's notes, above that
    page's first note, and is moved back to it: the rest of a URL (`…/2006_age_and_sex_
    backgrounder_` at a page's foot, `with_maps.pdf Retrieved April 17, 2010.` opening the
    next), taken for the next note's first line or for the body's last above the notes; or
    the rest of a sentence (a note ending `…cover four routes between 2021`, lines opening
    `and 2023 and include…` set off above the next page's notes)."""
    for (_, before), (body, after) in zip(split_pages, split_pages[1:]):
        if not before or not after or after[0].label != before[-1].label + 1:
            continue
        joined = join_note_lines(before[-1].lines)
        last = next((line.strip() for line in reversed(before[-1].lines) if line.strip()), "")
        above = after[0].zone - 1  # the body's line right above the notes
        if not _TERMINAL_END.search(joined) and not _URL_TOKEN.search(joined) and 0 <= above < len(body):
            start = _carried_url_start(body, above)  # `…, p. 6,` / `…published at`: its URL overleaf
            if start is not None:  # the note's URL, whole, set right above the next page's notes
                before[-1].lines.extend(line.strip() for line in body[start : above + 1])
                del body[start : above + 1]
                continue
        if len(last) < settings.TEXT_SHORT_LINE * width:
            continue  # the note ends before its line is full: not cut by the page's end
        run = above
        while run > 0 and body[run - 1].strip():
            run -= 1
        set_off = run > 0 and not body[run - 1].strip() and above - run < settings.TEXT_MAX_NOTE_LINES  # a block of its own
        if 0 <= above < len(body) and body[above].strip() and set_off and not _TERMINAL_END.search(joined) and body[run].lstrip()[:1].islower():
            stop = _next_note_start(body, run + 1, above + 1, above + 1)
            before[-1].lines.extend(line.strip() for line in body[run:stop])  # up to where a note opens
            del body[run:stop]
            continue
        if not _URL_TOKEN.search(joined):
            continue
        filled = [index for index, line in enumerate(after[0].lines) if line.strip()]
        if 0 <= above < len(body) and body[above].strip():
            lines, index = body, (run if set_off else above)  # a block set off above the notes: from its top
            if not _URL_PIECE.match(body[index].split()[0]) and _URL_PIECE.match(body[above].split()[0]):
                index = above  # the block is body text; the URL's rest is set right above the notes
            stop = _next_note_start(body, index + 1, above + 1, above + 1)
        elif len(filled) >= 2:
            lines, index = after[0].lines, filled[0]
            stop = index + 1
        else:
            continue
        line = lines[index].strip()
        if join_note_lines([*before[-1].lines, line]) == joined + line:  # the URL goes on, glued
            before[-1].lines.extend(piece.strip() for piece in lines[index:stop])
            del lines[index:stop]


def _carried_url_start(body: list[str], above: int) -> int | None:
    """The first line of a URL that ends at line `above` (the body's line right above a page's
    notes): a line opening with a URL, then the URL's pieces, ending like a URL or a sentence;
    None when the lines there are no such URL (at most TEXT_URL_MAX_LINES)."""
    end = body[above].strip()
    if not end or not (_is_url_end(end) or _TERMINAL_END.search(end)):
        return None
    for start in range(above, max(-1, above - settings.TEXT_URL_MAX_LINES), -1):
        line = body[start].strip()
        if _URL_START.match(line):
            return start
        if not line or not _URL_PIECE.match(line.split()[0]):
            return None
    return None


def _join_pages(pages: list[list[str]], width: int, joins: bool) -> str:
    """The pages as one text, form feeds between them, except where a page's body was cut
    off mid-sentence by its notes (which were taken out): its last line is full (or ends a
    narrow table cell, `_cell_goes_on`) and does not close a sentence, so the paragraph goes
    on at the next page's first line ("…, and Montreal" + "(235.3). Toronto has…"), and the
    two are set as one paragraph."""
    out = "\n".join(pages[0]) if pages else ""
    for before, after in zip(pages, pages[1:]):
        last = next((line for line in reversed(before) if line.strip()), "")
        first = next((line for line in after if line.strip()), "")
        goes_on = (
            joins and width and (len(last.strip()) >= settings.TEXT_SHORT_LINE * width or _cell_goes_on(before, first, width))
            and not _TERMINAL_END.search(PLAIN_MARKER.sub("", last).rstrip())
            and any(line.strip() for line in after)
        )
        if goes_on:
            out = out.rstrip("\n") + "\n" + "\n".join(after).lstrip("\n")
        else:
            out += "\f" + "\n".join(after)
    return out


def _cell_goes_on(before: list[str], first: str, width: int) -> bool:
    """Whether a narrow table cell that ends a page goes on at the next page's first line (a
    row cut by the page break, the table's head row repeated overleaf dropped): the page's
    last lines are a narrow cell's prose (`_in_narrow_cell`) and the next page opens narrow
    (or with one word, which may be the pieces of one rejoined: `Installationsprogramm`)."""
    filled = [line for line in before if line.strip()]
    opens_narrow = _narrow(first, width) or len(first.split()) == 1
    return len(filled) >= 2 and opens_narrow and _in_narrow_cell(filled, len(filled) - 2, width)


def _gutter(lines: list[str]) -> int | None:
    """The column of the gutter of a page set in two columns by `pdftotext -layout`: right
    before the column where the most lines' text starts after a run of spaces, in the middle
    of the page, when enough lines start there and almost none run through it (None: one
    column)."""
    filled = [line for line in lines if line.strip()]
    width = max((len(line) for line in filled), default=0)
    if width < settings.TEXT_COLUMNS_MIN_WIDTH:
        return None
    starts: dict[int, int] = {}
    for line in filled:
        for match in re.finditer(r"(?:^|  )\s*(?=\S)", line):
            if width * 0.3 <= match.end() <= width * 0.7:
                starts[match.end()] = starts.get(match.end(), 0) + 1
    if not starts:
        return None
    edge = max(starts, key=lambda column: (starts[column], -column))
    cross = sum(1 for line in filled if len(line) > edge - 1 and line[edge - 1] != " ")
    if starts[edge] < settings.TEXT_COLUMNS_MIN_SHARE * len(filled) or cross > settings.TEXT_COLUMNS_MAX_CROSSING * len(filled):
        return None
    return edge - 1


_GAP = re.compile(r" {2,}(?=\S)")
_WIDE_GAP = re.compile(r"\S {3,}(?=\S)")  # between a table's cells: wider than justified text's word gaps


def _column_starts(lines: list[str]) -> dict[int, int] | None:
    """Where the right column starts on each line of a page that `pdftotext -layout` set in two
    columns whose gutter moves down the page (its columns placed anew for each block of text):
    line index -> the column after a run of spaces in the middle of the line. None when too
    few lines have one (one column, or a table here and there), or when what follows the
    gaps is mostly short (a two-column table's figures)."""
    filled = [line for line in lines if line.strip()]
    width = max((len(line) for line in filled), default=0)
    if width < settings.TEXT_COLUMNS_MIN_WIDTH:
        return None
    starts = {}
    for index, line in enumerate(lines):
        for gap in _GAP.finditer(line):
            if settings.TEXT_RAGGED_GUTTER_ZONE[0] * width <= gap.end() <= settings.TEXT_RAGGED_GUTTER_ZONE[1] * width:
                starts[index] = gap.end()
                break
    if len(starts) < settings.TEXT_COLUMNS_MIN_SHARE * len(filled):
        return None
    rights = sorted(len(lines[index][start:].strip()) for index, start in starts.items())
    if rights[len(rights) // 2] < settings.TEXT_RAGGED_MIN_RIGHT * width:
        return None  # short pieces right of the gaps: a table's figures ("Total   2,791"), not a column of prose
    tabular = sum(1 for index in starts if _cells(lines[index], width) >= 3)
    if tabular >= settings.TEXT_TABLE_SHARE * len(starts):
        return None  # the gaps are a table's: three or more cells on many of those lines
    return starts


def _cells(line: str, width: int) -> int:
    """How many cells of a table the line shows: its pieces of text apart by wide gaps, and
    an empty first cell when the line starts well in (a later column's line going on)."""
    pieces = len(_WIDE_GAP.findall(line.strip())) + 1
    indent = len(line) - len(line.lstrip())
    return pieces + (1 if indent >= settings.TEXT_TABLE_EMPTY_CELL * width else 0)


def _ragged_cut(line: str, start: int, usual_end: int) -> int:
    """Where a line without a run of spaces at the gutter is cut: at the word that begins
    nearest before the right column's start (the columns are a single space apart there),
    not before the left column's usual end; the whole line is left when it is no longer."""
    if len(line.rstrip()) < start:
        return len(line)
    words = [match.start() for match in re.finditer(r"(?<= )\S", line) if match.start() <= start]
    words = [where for where in words if where >= usual_end * settings.TEXT_RAGGED_MIN_LEFT]
    return max(words, default=len(line))


def _split_ragged(lines: list[str], starts: dict[int, int]) -> tuple[list[str], list[str]]:
    """The left and right columns of a page whose gutter moves (`_column_starts`)."""
    ends = sorted(len(lines[index][:start].rstrip()) for index, start in starts.items() if lines[index][:start].strip())
    usual_end = ends[int(len(ends) * 0.9)] if ends else min(starts.values())
    known = sorted(starts)
    left, right = [], []
    for index, line in enumerate(lines):
        if index in starts:
            cut = starts[index]
        else:
            nearest = min(known, key=lambda other: abs(other - index))
            cut = _ragged_cut(line, starts[nearest], usual_end)
        for column, part in ((left, line[:cut].rstrip()), (right, line[cut:].strip())):
            if part or not line.strip():  # a blank only where both columns are blank
                column.append(part)
    return left, right


def split_columns(text: str) -> str:
    """Text from `pdftotext -layout` with each page set in columns rewritten as its left
    column, then the next one (a page with no gutter of spaces is left as it is). A line
    whose text crosses the gutter (the columns' notes are not aligned) is cut at the space
    nearest to where the left column's lines usually end. Three columns are two gutters: each
    side of the first is split again. Notes set across the page under the columns (no gutter
    on the whole page) stay whole after the last column."""
    pages = [page.split("\n") for page in text.split("\f")]
    unnumbered = [list(lines) for lines in pages]
    _drop_page_numbers(unnumbered)  # while the pages are whole: one column in three would end on one
    out = []
    for lines, without_number in zip(pages, unnumbered):
        columns = _page_columns(lines, top=True)
        if len(columns) > 2:
            columns = _page_columns(without_number, top=True)
        out.append("\f".join("\n".join(part) for part in columns))
    return "\f".join(out)


def _page_columns(lines: list[str], top: bool = False) -> list[list[str]]:
    """The page's columns, left to right, each a page of its own: its notes are under it, and
    a sentence runs on across."""
    gutter = _gutter(lines)
    if gutter is not None:
        left, right = _split_at_gutter(lines, gutter)
        if not top:
            return [left, right]
        return [*_page_columns(left), *_page_columns(right)]  # a third column
    if not top:
        return [lines]
    starts = _column_starts(lines)
    if starts is not None:
        return list(_split_ragged(lines, starts))
    region = _columns_region(lines)
    if region is None:
        river = _river(lines)
        return [lines] if river is None else list(_split_at_gutter(lines, river))
    start, end = region
    columns = [part for column in _page_columns(lines[start:end]) for part in _page_columns(column)]
    columns[0] = lines[:start] + columns[0]  # a title set across the page above the columns
    river = _river(lines[end:]) if len(columns) == 2 else None
    if river is not None:  # notes under each of the two columns
        left, right = _split_at_gutter(lines[end:], river)
        return [columns[0] + left, columns[1] + right]
    columns[-1] = columns[-1] + lines[end:]  # notes set across the page under them
    return columns


def _columns_region(lines: list[str]) -> tuple[int, int] | None:
    """The lines set in columns between lines set across the page (a title above, notes
    under three columns make too many lines cross every gutter for the page as a whole): the
    most lines from the top that show a gutter, when they are at least half the page's filled
    lines, from the first line to the last whose right column starts at the gutter; None if
    there is no such gutter."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    gapped = sum(1 for index in filled if _GAP.search(lines[index].strip()))
    if len(filled) < 2 or gapped < settings.TEXT_COLUMNS_MIN_SHARE * len(filled):
        return None  # (plain text: no runs of spaces between columns)
    for end in range(filled[-1], filled[len(filled) // 2], -1):
        gutter = _gutter(lines[:end]) if lines[end - 1].strip() else None
        if gutter is not None:
            break
    else:
        return None
    starts = [
        index for index, line in enumerate(lines[:end])
        if len(line) > gutter + 1 and line[gutter - 1 : gutter + 1] == "  " and line[gutter + 1] != " "
    ]
    if not starts:
        return None
    # Prose columns: most lines of the left one run nearly to the gutter, as one piece of text
    # (a table's cells are ragged, short, and several to a line).
    lefts = [line[:gutter].strip() for line in lines[starts[0] : starts[-1] + 1] if line[:gutter].strip()]
    longest = max(len(left) for left in lefts)
    full = sum(len(left) >= settings.TEXT_COLUMN_FULL_LINE * longest and not _WIDE_GAP.search(left) for left in lefts)
    if full < settings.TEXT_COLUMN_FULL_SHARE * len(lefts):
        return None
    return starts[0], starts[-1] + 1


def _river(lines: list[str]) -> int | None:
    """The gutter of a page in two columns whose right column starts nowhere in particular (a
    table in it, cells starting at several columns; notes indented by their labels): the
    spaces in the middle of the page that the fewest lines run through, when almost none do,
    many lines have text on both sides of it, and most lines left of it are prose running up
    to it (a one-column page's table has short cells there). None: no such gutter."""
    filled = [line for line in lines if line.strip()]
    width = max((len(line) for line in filled), default=0)
    if width < settings.TEXT_COLUMNS_MIN_WIDTH:
        return None
    low, high = (int(share * width) for share in settings.TEXT_RAGGED_GUTTER_ZONE)

    def crossing(column: int) -> int:  # lines with text in the two columns of spaces a gutter is at least
        return sum(1 for line in filled if line[column : column + 2].strip())

    river = min(range(low, high), key=lambda column: (crossing(column), -column))  # the right column nearest
    best = river + 1
    sides = [line[:best].strip() for line in filled if line[:best].strip() and line[best:].strip()]
    if crossing(river) > max(1, settings.TEXT_RIVER_MAX_CROSSING * len(filled)) or len(sides) < settings.TEXT_RIVER_MIN_SHARE * len(filled):
        return None
    lefts = [line[:best].strip() for line in filled if line[:best].strip()]
    longest = max(len(left) for left in lefts)
    full = sum(len(left) >= settings.TEXT_COLUMN_FULL_LINE * longest and not _WIDE_GAP.search(left) for left in lefts)
    if full < settings.TEXT_COLUMN_FULL_SHARE * len(lefts):
        return None
    return best


def _split_at_gutter(lines: list[str], gutter: int) -> tuple[list[str], list[str]]:
    """The lines cut at the gutter into the left column and the right one (dedented)."""
    ends = sorted(len(line.rstrip()) for line in lines if line.strip() and not line[gutter:].strip())
    usual_end = ends[int(len(ends) * 0.75)] if ends else gutter
    left, right = [], []
    for line in lines:
        cut = gutter
        if len(line) > gutter and line[gutter] != " ":
            # the columns apart by a run of spaces a little off the gutter (a note's line wider
            # than its column), else by one space: the one nearest where left lines end
            gaps = [match.start() for match in _GAP.finditer(line) if abs(match.end() - 1 - gutter) <= settings.TEXT_GUTTER_SLACK]
            spaces = gaps or [match.start() for match in re.finditer(r" +", line)]
            cut = min(spaces, key=lambda where: abs(where - usual_end), default=gutter)
        elif usual_end + 1 < len(line) - len(line.lstrip()) < gutter:
            cut = 0  # a line indented past where the left column ends: the right column's (a note label)
        left.append(line[:cut].rstrip())
        right.append(line[cut:].rstrip())
    indent = min((len(line) - len(line.lstrip()) for line in right if line.strip()), default=0)
    return left, [line[indent:] for line in right]
