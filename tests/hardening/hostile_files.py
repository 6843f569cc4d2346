"""Hostile pages and files generated on demand (nothing large is kept on disk): each costs a naive
parser minutes or gigabytes though it is small on the wire or in a zip.

- `attribute_bomb_page`: one tag with hundreds of thousands of attributes, under the 5 MB and
  100,000-tag extraction caps (lxml inside htmldate: 8.7 s at 100,000, > 590 s at 500,000).
- `shared_stream_pdf`: thousands of pages sharing one content stream that inflates to tens of MB
  (pypdf parses it again for every page).
- `docx_paragraph_bomb`, `docx_parts_bomb`, `odt_paragraph_bomb`: office files whose XML parts
  inflate to millions of elements or to several parts each near the per-part cap.
- `backlinks_html`: a note with 100,000 in-page links pointing at it.
- `ESCAPES`: terminal escapes (clear screen, window title, OSC 8 link, 8-bit CSI, bidi override).
"""

from __future__ import annotations

import functools
import io
import zipfile
import zlib

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b]8;;evil\x1b\\click\x1b]8;;\x1b\\\x9b31m\u202e"

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def attribute_bomb_page(attributes: int = 450_000) -> bytes:
    head = b"<!doctype html><html><head><title>Attribute bomb</title></head><body><p>Some text.</p><div "
    return head + b" ".join(b"a%d=1" % i for i in range(attributes)) + b"></div></body></html>"


@functools.cache
def shared_stream_pdf(pages: int = 20_000, inflated: int = 70 << 20) -> bytes:
    operations = b"BT /F1 1 Tf 0 0 Td (x) Tj ET\n"
    stream = zlib.compress(operations * (inflated // len(operations)), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)) + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_paragraph_bomb(paragraphs: int = 10_000_000) -> bytes:
    """About 88 KB zipped: 10 million empty paragraphs (1.3 GB parsed before the budget)."""
    body = (b"<w:document " + _W.encode() + b"><w:body><w:p><w:r><w:t>A claim.</w:t></w:r></w:p>"
            + b"<w:p/>" * paragraphs + b"</w:body></w:document>")
    return _zip({"[Content_Types].xml": _DOCX_TYPES.encode(), "word/document.xml": body})


def docx_parts_bomb(part_bytes: int = 60 << 20) -> bytes:
    """Four parts read by the reader each just under the per-part cap, their text in 1 MB runs
    (2.3 GB and 45 s before the total budget)."""
    runs = b"".join(b"<w:r><w:t>" + b"a" * (1 << 20) + b"</w:t></w:r>" for _ in range(part_bytes >> 20))

    def part(root: str, child: str) -> bytes:
        return (f"<w:{root} {_W}><w:{child} w:id=\"1\"><w:p>".encode() + runs + f"</w:p></w:{child}></w:{root}>".encode())

    document = b"<w:document " + _W.encode() + b"><w:body><w:p>" + runs + b"</w:p></w:body></w:document>"
    styles = f"<w:styles {_W}><w:style w:styleId=\"a\"><w:name w:val=\"".encode() + b"a" * (part_bytes - 200) + b"\"/></w:style></w:styles>"
    return _zip({"[Content_Types].xml": _DOCX_TYPES.encode(), "word/document.xml": document, "word/styles.xml": styles,
                 "word/footnotes.xml": part("footnotes", "footnote"), "word/endnotes.xml": part("endnotes", "endnote")})


def odt_paragraph_bomb(paragraphs: int = 6_000_000) -> bytes:
    """About 100 KB zipped: millions of empty paragraphs in content.xml (824 MB before the budget)."""
    content = (b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               b"<text:p>A claim.</text:p>" + b"<text:p/>" * paragraphs + b"</office:text></office:body></office:document-content>")
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content})


def backlinks_html(links: int = 100_000) -> str:
    return ("<html><body><p>A claim.<sup><a href='#fn1' id='r1'>1</a></sup></p>"
            "<ol><li id='fn1'>Outlet, \"Title\", 12 June 2024. https://example.com/a</li></ol>"
            + "<a href='#fn1'>back</a>" * links + "</body></html>")
