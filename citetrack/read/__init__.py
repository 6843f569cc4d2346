"""Readers: a document file in, a `ParsedDocument` (claims, notes, markers) out.

`read(path)` checks the file, picks the reader by extension (or `format`) and parses it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from citetrack.errors import UnsupportedFormatError
from citetrack.models import DocumentFormat, ParsedDocument
from citetrack.read.files import check_file, read_text_file, resolve_format

__all__ = ["read", "parse_text", "parse_markdown", "parse_html"]


def read(
    path: str | Path, format: str | DocumentFormat | None = None, markers: str = "auto"
) -> ParsedDocument:
    """Read one document; raises BadInputError/UnsupportedFormatError with a one-line reason.

    `markers` is the marker style of text copied out of a PDF (`citetrack.read.text`): `auto`
    picks it from the text; the other formats mark their notes themselves."""
    path = Path(path)
    document_format = resolve_format(path, format)
    if document_format == DocumentFormat.TEXT:
        return parse_text(read_text_file(path), str(path), markers)
    if document_format == DocumentFormat.MARKDOWN:
        return parse_markdown(read_text_file(path), str(path))
    if document_format == DocumentFormat.HTML:
        return parse_html(read_text_file(path), str(path))
    check_file(path)
    if document_format == DocumentFormat.PDF:
        return _binary_reader("citetrack.read.pdf", "read_pdf", document_format)(path)
    if document_format == DocumentFormat.DOCX:
        return _binary_reader("citetrack.read.docx", "read_docx", document_format)(path)
    try:
        reader = _binary_reader("citetrack.read.odt", "read_odt", document_format)
    except UnsupportedFormatError:
        reader = _binary_reader("citetrack.read.docx", "read_odt", document_format)
    return reader(path)


def _binary_reader(module_name: str, function: str, document_format: DocumentFormat):
    """The reader function of another module, imported only when such a file is read."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise UnsupportedFormatError(
            f"reading .{document_format.value} files is not available in this version"
        ) from None
    reader = getattr(module, function, None)
    if reader is None:
        raise UnsupportedFormatError(
            f"reading .{document_format.value} files is not available in this version"
        )
    return reader


def parse_text(text: str, path: str = "<string>", markers: str = "auto") -> ParsedDocument:
    """Parse text extracted from a PDF (see `citetrack.read.text`)."""
    from citetrack.read.text import parse_text as parse

    return parse(text, path, markers)


def parse_markdown(text: str, path: str = "<string>") -> ParsedDocument:
    """Parse Markdown with Pandoc footnotes (see `citetrack.read.markdown`)."""
    from citetrack.read.markdown import parse_markdown as parse

    return parse(text, path)


def parse_html(text: str, path: str = "<string>") -> ParsedDocument:
    """Parse HTML with footnote links (see `citetrack.read.html`)."""
    from citetrack.read.html import parse_html as parse

    return parse(text, path)
