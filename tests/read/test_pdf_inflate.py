"""Decompression bombs in PDFs: streams decode within a budget, or the file is refused."""

from __future__ import annotations

import hashlib
import zlib

import pytest

from citetrack import settings
from citetrack.errors import BadInputError
from citetrack.read.pdf.inflate import InflateLimitExceeded, inflate_budget
from citetrack.read.pdf.load import load


def stream(raw: bytes, filter_name: str):
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    return PDFStream({"Filter": LIT(filter_name), "Length": len(raw)}, raw)


def pdf_with_content(content: bytes) -> bytes:
    """A one-page PDF whose content stream is `content`, Flate-compressed."""
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
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


TEXT = b"BT /F1 12 Tf 72 720 Td (A claim stands here.) Tj ET\n"


def test_flate_within_the_budget_decodes_as_zlib_would():
    data = b"x" * 5000
    with inflate_budget(per_stream=10_000, total=10_000):
        assert stream(zlib.compress(data), "FlateDecode").get_data() == data


def test_flate_past_a_streams_budget_is_cut_short():
    with inflate_budget(per_stream=4000, total=10**9) as budget, pytest.raises(InflateLimitExceeded):
        stream(zlib.compress(b"x" * 5000), "FlateDecode").get_data()
    assert budget.exceeded


def test_the_total_budget_counts_every_stream():
    with inflate_budget(per_stream=4000, total=7000), pytest.raises(InflateLimitExceeded):
        for _ in range(3):
            stream(zlib.compress(b"x" * 3000), "FlateDecode").get_data()


def test_a_truncated_flate_stream_still_gives_what_it_holds():
    """pdfminer's own fallback for damaged streams keeps working (and is bounded too)."""
    raw = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(150))  # 4,800 bytes, incompressible
    packed = zlib.compress(raw)[:-4]  # the checksum lost: zlib.decompress refuses it, pdfminer recovers
    assert stream(packed, "FlateDecode").get_data() == raw
    with inflate_budget(per_stream=10_000, total=10_000):
        assert stream(packed, "FlateDecode").get_data() == raw
    with inflate_budget(per_stream=100, total=10_000), pytest.raises(InflateLimitExceeded):
        stream(packed, "FlateDecode").get_data()


def test_runlength_is_measured_before_it_is_made():
    runs = bytes([129, ord("z")]) * 100  # 128 bytes each, 200 bytes in
    with inflate_budget(per_stream=20_000, total=20_000):
        assert stream(runs, "RunLengthDecode").get_data() == b"z" * 12_800
    with inflate_budget(per_stream=1000, total=10**9), pytest.raises(InflateLimitExceeded):
        stream(runs, "RunLengthDecode").get_data()


def test_lzw_counts_as_it_decodes():
    spec_example = bytes.fromhex("800B6050220C0C8501")  # PDF Reference 3.3.3: "-----A---B"
    with inflate_budget(per_stream=100, total=100):
        assert stream(spec_example, "LZWDecode").get_data() == b"-----A---B"
    with inflate_budget(per_stream=5, total=100), pytest.raises(InflateLimitExceeded):
        stream(spec_example, "LZWDecode").get_data()


def test_without_a_budget_pdfminer_is_unchanged():
    with inflate_budget(per_stream=10, total=10):
        pass
    assert stream(zlib.compress(b"y" * 100_000), "FlateDecode").get_data() == b"y" * 100_000


def test_a_pdf_within_the_limits_reads(tmp_path):
    path = tmp_path / "ok.pdf"
    path.write_bytes(pdf_with_content(TEXT))
    pages, *_ = load(path)
    assert "A claim stands here." in " ".join(line.text for page in pages for line in page.lines)


def test_a_pdf_bomb_is_refused_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "PDF_MAX_STREAM_BYTES", 100_000)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_with_content(TEXT + b" " * 1_000_000))  # 1 MB of spaces in about 1 KB
    with pytest.raises(BadInputError, match="decompression bomb") as caught:
        load(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
