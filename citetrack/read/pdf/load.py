"""Opening a PDF with pdfminer.six page by page: glyphs, rules, link annotations, metadata.

Every library failure (damaged file, password needed) becomes a one-line BadInputError.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from citetrack import settings
from citetrack.errors import BadInputError
from citetrack.read.claims import LIGATURES
from citetrack.read.pdf.columns import page_blocks
from citetrack.read.pdf.inflate import InflateLimitExceeded, inflate_budget
from citetrack.read.pdf.lines import Glyph, Page, page_lines

_PDF_DATE = re.compile(r"(?:D:)?((?:19|20)\d\d)(\d\d)?(\d\d)?")
_RULE_MAX_THICKNESS = 2.0  # a drawn horizontal line this thin is a note separator rule


def _layout_objects(container):
    """Every object of a page, form XObjects (LTFigure) opened up."""
    from pdfminer.layout import LTFigure

    for obj in container:
        if isinstance(obj, LTFigure):
            yield from _layout_objects(obj)
        else:
            yield obj


def _glyphs(layout, top_edge: float) -> tuple[list[Glyph], list[tuple[float, float, float]], int, list, list]:
    """The page's characters (top-down coordinates), its short horizontal rules (top, x0, x1), the
    number of undecodable glyphs, and its vertical and horizontal rules as segments (x, top,
    bottom) and (y, x0, x1), a stroked box giving its four sides (a table's ruled cells)."""
    from pdfminer.layout import LTChar, LTCurve

    glyphs: list[Glyph] = []
    rules: list[tuple[float, float, float]] = []
    verticals: list[tuple[float, float, float]] = []
    horizontals: list[tuple[float, float, float]] = []
    undecodable = 0
    for obj in _layout_objects(layout):
        if isinstance(obj, LTChar):
            if not obj.upright or obj.size <= 0:
                continue
            text = obj.get_text()
            if text.startswith("(cid:"):
                undecodable += 1
                continue
            glyphs.append(
                Glyph(
                    text.translate(LIGATURES),
                    obj.x0,
                    obj.x1,
                    top_edge - obj.y1,
                    top_edge - obj.y0,
                    obj.size,
                    "bold" in obj.fontname.lower(),
                )
            )
        elif isinstance(obj, LTCurve):  # LTLine and LTRect are curves too
            top, bottom = top_edge - obj.y1, top_edge - obj.y0
            if obj.height <= _RULE_MAX_THICKNESS and obj.width > 20:
                rules.append((top, obj.x0, obj.x1))
            if obj.height <= _RULE_MAX_THICKNESS and obj.width > _RULE_MAX_THICKNESS:
                horizontals.append(((top + bottom) / 2, obj.x0, obj.x1))
            elif obj.width <= _RULE_MAX_THICKNESS and obj.height > _RULE_MAX_THICKNESS:
                verticals.append(((obj.x0 + obj.x1) / 2, top, bottom))
            elif getattr(obj, "stroke", False) and len(getattr(obj, "pts", ())) in (4, 5):  # a stroked box
                verticals += [(obj.x0, top, bottom), (obj.x1, top, bottom)]
                horizontals += [(top, obj.x0, obj.x1), (bottom, obj.x0, obj.x1)]
    return glyphs, rules, undecodable, verticals, horizontals


def _hyperlinks(page, top_edge: float) -> list[tuple[str, float, float, float, float]]:
    """(uri, x0, top, x1, bottom) of the page's link annotations that open a URI."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    links = []
    for annot in resolve1(page.annots) or ():
        annot = resolve1(annot)
        if not isinstance(annot, dict):
            continue
        action = resolve1(annot.get("A"))
        rect = resolve1(annot.get("Rect"))
        if not isinstance(action, dict) or not isinstance(rect, list) or len(rect) != 4:
            continue
        uri = resolve1(action.get("URI"))
        if isinstance(uri, bytes):
            uri = decode_text(uri) if uri.startswith(b"\xfe\xff") else uri.decode("latin-1")
        if not isinstance(uri, str) or not uri:
            continue
        try:
            x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
        except (TypeError, ValueError):
            continue
        links.append((uri, min(x0, x1), top_edge - max(y0, y1), max(x0, x1), top_edge - min(y0, y1)))
    return links


def load(path: Path) -> tuple[list[Page], dict, dt.date | None, int]:
    """Open the PDF and read it page by page; every library failure becomes BadInputError.

    Returns the pages, the document information dictionary, the XMP creation date and the
    number of glyphs that had no Unicode mapping.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    bomb = (f"{path}: the PDF's compressed streams decode to more than "
            f"{settings.PDF_MAX_STREAM_BYTES >> 20} MB each or {settings.PDF_MAX_INFLATED_BYTES >> 20} MB in all; "
            "refused as a decompression bomb")
    with handle, inflate_budget(settings.PDF_MAX_STREAM_BYTES, settings.PDF_MAX_INFLATED_BYTES) as budget:
        if b"%PDF-" not in handle.read(1024):
            raise BadInputError(f"{path}: not a PDF file (no %PDF header)")
        handle.seek(0)
        pages: list[Page] = []
        undecodable = 0
        try:
            document = PDFDocument(PDFParser(handle), password="")
            metadata = _info(document)
            xmp_date = _xmp_date(document)
            resources = PDFResourceManager(caching=True)
            device = PDFPageAggregator(resources, laparams=None)
            interpreter = PDFPageInterpreter(resources, device)
            for number, page in enumerate(PDFPage.create_pages(document)):
                interpreter.process_page(page)
                layout = device.get_result()  # this page only; dropped after the next one
                glyphs, rules, missing, verticals, horizontals = _glyphs(layout, layout.y1)
                undecodable += missing
                blocks = page_blocks(glyphs, layout.height, verticals, horizontals)
                pages.append(page_lines(blocks, _hyperlinks(page, layout.y1), rules, number, layout.height))
        except BadInputError:
            raise
        except Exception as exc:  # pdfminer raises many types for damaged files
            if budget.exceeded or isinstance(exc, InflateLimitExceeded):
                raise BadInputError(bomb) from None
            raise BadInputError(f"{path}: {_failure_reason(exc)}") from None
        if budget.exceeded:  # pdfminer caught the limit's exception somewhere: still refused
            raise BadInputError(bomb)
    return pages, metadata, xmp_date, undecodable


def _info(document) -> dict:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    info: dict = {}
    for entry in document.info or ():
        for key, value in (resolve1(entry) or {}).items():
            value = resolve1(value)
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str):
                info[key] = value
    return info


def _failure_reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
        return "the PDF is encrypted and needs a password; save an unprotected copy first"
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else name
    return f"damaged or unreadable PDF ({detail})"


def _xmp_date(document) -> dt.date | None:
    """xmp:CreateDate from the document's XMP packet, if any."""
    try:
        from pdfminer.pdftypes import resolve1

        stream = resolve1(document.catalog.get("Metadata"))
        data = stream.get_data() if stream is not None else b""
    except Exception:
        return None
    match = re.search(rb"CreateDate(?:>|=\")\s*((?:19|20)\d\d-\d\d-\d\d)", data or b"")
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1).decode())
    except ValueError:
        return None


def metadata_date(metadata: dict, xmp_date: dt.date | None) -> dt.date | None:
    raw = metadata.get("CreationDate")
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1", "replace")
    if isinstance(raw, str):
        match = _PDF_DATE.search(raw)
        if match:
            year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                pass
    return xmp_date


