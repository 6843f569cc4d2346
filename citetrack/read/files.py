"""Checking a document file before any reader sees it: exists, plain file, sane size, text."""

from __future__ import annotations

import os
from pathlib import Path

from citetrack import settings
from citetrack.errors import BadInputError, UnsupportedFormatError
from citetrack.models import DocumentFormat

EXTENSION_FORMATS = {
    ".txt": DocumentFormat.TEXT,
    ".text": DocumentFormat.TEXT,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".xhtml": DocumentFormat.HTML,
    ".pdf": DocumentFormat.PDF,
    ".docx": DocumentFormat.DOCX,
    ".odt": DocumentFormat.ODT,
}
TEXT_FORMATS = frozenset({DocumentFormat.TEXT, DocumentFormat.MARKDOWN, DocumentFormat.HTML})
_FORMAT_ALIASES = {"text": "txt", "markdown": "md", "htm": "html"}
# Control characters that never occur in text (tab, newline, CR, form feed are fine).
_BINARY_BYTES = frozenset(range(0, 9)) | {11} | frozenset(range(14, 32))
_UTF8_BOM = b"\xef\xbb\xbf"


def resolve_format(path: Path, format: str | DocumentFormat | None) -> DocumentFormat:
    """The format named by `format`, else by the file's extension; unknown ones are refused."""
    if format is not None:
        name = str(format).strip().lower().lstrip(".")
        name = _FORMAT_ALIASES.get(name, name)
        try:
            return DocumentFormat(name)
        except ValueError:
            known = ", ".join(fmt.value for fmt in DocumentFormat)
            raise UnsupportedFormatError(
                f"unknown format {format!r}: expected one of {known}"
            ) from None
    suffix = path.suffix.lower()
    if suffix not in EXTENSION_FORMATS:
        known = ", ".join(sorted(EXTENSION_FORMATS))
        what = f"extension {suffix!r}" if suffix else "no extension"
        raise UnsupportedFormatError(
            f"{path}: cannot read a file with {what} (known: {known}; or pass --format)"
        )
    return EXTENSION_FORMATS[suffix]


def check_file(path: Path) -> int:
    """Refuse a missing path, a directory, an empty or oversized file; return its size."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise BadInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise BadInputError(f"{path}: is a directory, not a document")
    if not path.is_file():
        raise BadInputError(f"{path}: not a regular file")
    if stat.st_size == 0:
        raise BadInputError(f"{path}: the file is empty")
    if stat.st_size > settings.MAX_DOCUMENT_BYTES:
        raise BadInputError(
            f"{path}: {stat.st_size} bytes is larger than the limit of "
            f"{settings.MAX_DOCUMENT_BYTES} bytes"
        )
    if not os.access(path, os.R_OK):
        raise BadInputError(f"{path}: permission denied")
    return stat.st_size


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _BINARY_BYTES)
    return controls > max(2, len(head) // 100)


def read_text_file(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is dropped); binary, non-UTF-8 or blank files are refused."""
    check_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInputError(
            f"{path}: UTF-16 text, not UTF-8; convert it first, e.g. "
            f"`iconv -f utf-16 -t utf-8 {path.name} > fixed{path.suffix}`"
        )
    if _looks_binary(data[: settings.BINARY_SNIFF_BYTES]):
        raise BadInputError(
            f"{path}: looks like a binary file, not text (NUL or control bytes near the start)"
        )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInputError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"convert it first, e.g. `iconv -f latin1 -t utf-8 {path.name} > fixed{path.suffix}`"
        ) from None
    if not text.strip():
        raise BadInputError(f"{path}: the file holds only whitespace")
    return text
