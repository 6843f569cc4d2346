"""read(): file checks and dispatch, each bad input refused with a one-line message."""

from pathlib import Path

import pytest

from citetrack import settings
from citetrack.errors import BadInputError, UnsupportedFormatError
from citetrack.models import DocumentFormat
from citetrack.read import read


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def one_line_error(exc_info) -> str:
    message = str(exc_info.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    with pytest.raises(BadInputError) as exc_info:
        read(tmp_path / "absent.txt")
    assert "no such file" in one_line_error(exc_info)


def test_directory(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(BadInputError) as exc_info:
        read(folder)
    assert "directory" in one_line_error(exc_info)


def test_unknown_extension(tmp_path):
    path = write(tmp_path, "paper.xyz", b"hello")
    with pytest.raises(UnsupportedFormatError) as exc_info:
        read(path)
    assert ".xyz" in one_line_error(exc_info)


def test_unknown_format_option(tmp_path):
    path = write(tmp_path, "paper.txt", b"hello")
    with pytest.raises(UnsupportedFormatError) as exc_info:
        read(path, format="rtf")
    assert "rtf" in one_line_error(exc_info)


@pytest.mark.parametrize("data", [b"", b"  \n\t\n  "])
def test_empty_or_blank_file(tmp_path, data):
    path = write(tmp_path, "blank.md", data)
    with pytest.raises(BadInputError) as exc_info:
        read(path)
    assert "empty" in one_line_error(exc_info) or "whitespace" in one_line_error(exc_info)


def test_too_large_is_refused_from_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_DOCUMENT_BYTES", 10)
    path = write(tmp_path, "big.txt", b"x" * 11)
    with pytest.raises(BadInputError) as exc_info:
        read(path)
    assert "larger than" in one_line_error(exc_info)


@pytest.mark.parametrize("name", ["image.txt", "image.md", "image.html"])
def test_binary_file_with_a_text_name(tmp_path, name):
    path = write(tmp_path, name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(BadInputError) as exc_info:
        read(path)
    assert "binary" in one_line_error(exc_info)


def test_control_characters_without_nul_are_binary(tmp_path):
    path = write(tmp_path, "ctl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20)
    with pytest.raises(BadInputError, match="binary"):
        read(path)


def test_latin1_text_names_the_offset_and_iconv(tmp_path):
    path = write(tmp_path, "latin.txt", "Title\n\nCaf\u00e9 au lait.".encode("latin-1"))
    with pytest.raises(BadInputError) as exc_info:
        read(path)
    message = one_line_error(exc_info)
    assert "UTF-8" in message and "offset 10" in message and "iconv -f latin1 -t utf-8" in message


def test_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path, "bom.txt", "\ufeffTitle\n\nIt rained.¹\n\n1 Note.".encode())
    parsed = read(path)
    assert parsed.title == "Title"
    assert parsed.markers == ("1",)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", "Title\n\nFact.¹\n\n1 Note.", DocumentFormat.TEXT),
        ("a.md", "# Title\n\nFact.[^1]\n\n[^1]: Note.", DocumentFormat.MARKDOWN),
        ("a.markdown", "# Title\n\nFact.[^1]\n\n[^1]: Note.", DocumentFormat.MARKDOWN),
        (
            "a.htm",
            '<p>Fact.<sup><a href="#fn1">1</a></sup></p><ol><li id="fn1">Note.</li></ol>',
            DocumentFormat.HTML,
        ),
    ],
)
def test_dispatch_by_extension(tmp_path, name, content, expected):
    parsed = read(write(tmp_path, name, content.encode()))
    assert parsed.format == expected
    assert parsed.markers == ("1",)
    assert parsed.path == str(tmp_path / name)


def test_format_overrides_the_extension(tmp_path):
    path = write(tmp_path, "notes.txt", b"# Title\n\nFact.[^a]\n\n[^a]: Note.")
    parsed = read(path, format="md")
    assert parsed.format == DocumentFormat.MARKDOWN
    assert parsed.markers == ("a",)
    assert read(path, format=DocumentFormat.MARKDOWN).markers == ("a",)


def test_pdf_dispatches_to_the_pdf_reader(tmp_path, monkeypatch):
    import sys
    import types

    calls = []
    fake = types.ModuleType("citetrack.read.pdf")
    fake.read_pdf = lambda path: calls.append(path) or "parsed"
    monkeypatch.setitem(sys.modules, "citetrack.read.pdf", fake)
    path = write(tmp_path, "paper.pdf", b"%PDF-1.4 not really")
    assert read(path) == "parsed"
    assert calls == [path]


def test_pdf_missing_file_is_refused_before_the_reader(tmp_path):
    with pytest.raises(BadInputError, match="no such file"):
        read(tmp_path / "absent.pdf")


def test_utf16_text_is_refused_with_iconv_hint(tmp_path):
    path = write(tmp_path, "wide.txt", "Title\n\nText.".encode("utf-16"))
    with pytest.raises(BadInputError) as exc_info:
        read(path)
    assert "iconv -f utf-16 -t utf-8" in one_line_error(exc_info)


def test_missing_binary_reader_is_an_unsupported_format(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "citetrack.read.docx", None)  # import fails
    path = write(tmp_path, "paper.docx", b"PK\x03\x04 not really")
    with pytest.raises(UnsupportedFormatError) as exc_info:
        read(path)
    assert ".docx" in one_line_error(exc_info)
