"""Hostile PDF, DOCX and ODT files through `citetrack ingest`: entity bombs, external entities,
zip bombs, absurd nesting, truncation, encryption. Each is read or refused (exit 2, one line),
a refused file leaves the store unchanged, and nothing from outside the file gets in."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from hardening_kit import query
from test_ingest_hostile import ingest_and_judge, seeded_store  # noqa: F401 - the fixture

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx(document_xml: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def odt(content_xml: str | bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content_xml)
    return out.getvalue()


def body(paragraphs: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>'


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


LAUGHS = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{LAUGHS}]>'
    f"<w:document {W}><w:body>{para('&l9;')}</w:body></w:document>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
    '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
    f"<w:document {W}><w:body>{para('A claim with a secret: &xxe;')}</w:body></w:document>"
)
DEEP = f'<?xml version="1.0"?><w:document {W}><w:body>' + "<w:p>" * 100_000 + "</w:p>" * 100_000 + "</w:body></w:document>"
HUGE_PART = body(para("A claim.") + "<!--" + " " * (70 << 20) + "-->")
ODT_XXE = (
    '<?xml version="1.0"?><!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    "<text:p>A claim &xxe;.<text:note text:id='n1' text:note-class='footnote'><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>Source &xxe; http://a.example/</text:p></text:note-body></text:note></text:p>"
    "</office:text></office:body></office:document-content>"
)


def hostile_pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def flate_bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to `inflated` bytes of spaces (about 1,000:1)."""
    packer = zlib.compressobj(1)
    block = b" " * (16 << 20)
    packed = bytearray(packer.compress(b"BT /F1 12 Tf 72 720 Td (A claim.) Tj ET\n"))
    for _ in range(inflated // len(block)):
        packed += packer.compress(block)
    packed += packer.flush()
    return one_page_pdf(b"/Length %d /Filter /FlateDecode" % len(packed), bytes(packed))


def huge_page_pdf(width: int) -> bytes:
    """A page `width` points wide, a column of text at each edge (a gutter as wide as the page)."""
    lines = []
    for row in range(40):
        y = 760 - row * 14
        lines.append(b"BT /F1 12 Tf 20 %d Td (A claim on the left, line %d.) Tj ET" % (y, row))
        lines.append(b"BT /F1 12 Tf %d %d Td (Right %d.) Tj ET" % (width - 200, y, row))
    content = b"\n".join(lines)
    return one_page_pdf(b"/Length %d" % len(content), content, b"0 0 %d 792" % width)


def one_page_pdf(stream_dict: bytes, stream: bytes, media_box: bytes = b"0 0 612 792") -> bytes:
    """A one-page PDF with one content stream, Helvetica as /F1, and no xref table (pdfminer
    finds the objects by scanning)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
        % media_box,
        b"<< " + stream_dict + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\n%%EOF\n"
    return bytes(out)


def make(case: str) -> tuple[str, bytes]:
    if case == "docx-billion-laughs":
        return "doc.docx", docx(BILLION_LAUGHS)
    if case == "docx-external-entity":
        return "doc.docx", docx(XXE)
    if case == "docx-100000-deep":
        return "doc.docx", docx(DEEP)
    if case == "docx-zip-bomb-part":
        return "doc.docx", docx(HUGE_PART)
    if case == "docx-missing-document":
        return "doc.docx", docx(b"", {"word/other.xml": b"<x/>"})
    if case == "docx-not-xml":
        return "doc.docx", docx(b"\x00\xff<w:document" * 1000)
    if case == "docx-markup-in-text":
        return "doc.docx", docx(body(para("&lt;script&gt;alert(1)&lt;/script&gt; claim." * 100)
                                     + para("http://a.example/" + "x" * 100_000)))
    if case == "docx-truncated":
        data = docx(body(para("A claim.") * 200))
        return "doc.docx", data[: len(data) // 2]
    if case == "odt-external-entity":
        return "doc.odt", odt(ODT_XXE)
    if case == "odt-billion-laughs":
        return "doc.odt", odt(BILLION_LAUGHS.replace("w:document", "office:document-content"))
    if case == "pdf-hostile-text":
        text = ("<script>alert(1)</script> A claim.1 \u202e reversed " + "word " * 2000
                + "\n1 Outlet, \"Title\", 12.06.2024. http://a.example/" + "p/" * 2000)
        return "doc.pdf", hostile_pdf(text.encode("latin-1", "replace").decode("latin-1"))
    if case == "pdf-truncated":
        data = hostile_pdf("A claim.1\n1 A note. http://a.example/")
        return "doc.pdf", data[: len(data) // 2]
    if case == "pdf-header-then-garbage":
        return "doc.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 400
    if case == "pdf-flate-bomb":
        return "doc.pdf", flate_bomb_pdf(512 << 20)
    if case == "pdf-huge-page":  # a gutter search at 1-point steps would scan 10^9 positions a line
        return "doc.pdf", huge_page_pdf(1_000_000_000)
    if case == "pdf-encrypted":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_encryption(owner_password="owner", user_password="secret")
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, "A secret claim.1\n1 A note. http://a.example/")
        return "doc.pdf", bytes(pdf.output())
    raise KeyError(case)


CASES = ["docx-billion-laughs", "docx-external-entity", "docx-100000-deep", "docx-zip-bomb-part",
         "docx-missing-document", "docx-not-xml", "docx-markup-in-text", "docx-truncated", "odt-external-entity",
         "odt-billion-laughs", "pdf-hostile-text", "pdf-truncated", "pdf-header-then-garbage", "pdf-encrypted",
         "pdf-flate-bomb", "pdf-huge-page"]


@pytest.mark.parametrize("case", CASES)
def test_hostile_office_and_pdf_files(seeded_store, tmp_path, case, figures):  # noqa: F811
    name, data = make(case)
    outcome = ingest_and_judge(seeded_store, tmp_path, name, data)
    db = tmp_path / "store" / "citetrack.db"
    secret = Path("/etc/passwd").read_text(errors="replace").split(":", 1)[0] + ":x:0:0"
    for table, column in (("claims", "text"), ("notes", "text"), ("citations", "text")):
        leaked = query(db, f"SELECT count(*) FROM {table} WHERE {column} LIKE ?", (f"%{secret}%",))[0][0]
        assert leaked == 0, f"{case}: /etc/passwd leaked into {table}"
    if case == "pdf-flate-bomb":  # refused before 512 MB are inflated and parsed
        assert outcome.exit_code == 2 and "decompression bomb" in outcome.stderr
    if case == "pdf-huge-page":
        assert outcome.exit_code == 0
    if case.endswith("billion-laughs") and outcome.exit_code == 0:
        longest = query(db, "SELECT max(length(text)) FROM claims")[0][0] or 0
        assert longest < 1_000_000, "an entity bomb was expanded"
    figures.add("inputs_tried", 1)
