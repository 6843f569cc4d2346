"""Readers: a document file in, a `ParsedDocument` (claims, notes, markers) out.

`read(path)` checks the file, picks its reader from `READERS` by format (the extension, or
`format`) and parses it. The text formats are parsed here from their text; the binary ones
(PDF, DOCX, ODT) are loaded on first use, as their parsers pull in heavy libraries (pdfminer,
lxml) that a run reading only text need not pay for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from citetrack.errors import UnsupportedFormatError
from citetrack.models import DocumentFormat, ParsedDocument
from citetrack.read.files import check_file, read_text_file, resolve_format
from citetrack.read.html import parse_html
from citetrack.read.markdown import parse_markdown
from citetrack.read.text import parse_text

__all__ = ["READERS", "read", "parse_text", "parse_markdown", "parse_html"]

Reader = Callable[[Path, str], ParsedDocument]  # (path, marker style) -> the parsed document


def _read_text(path: Path, markers: str) -> ParsedDocument:
    return parse_text(read_text_file(path), str(path), markers)


def _read_markdown(path: Path, markers: str) -> ParsedDocument:
    return parse_markdown(read_text_file(path), str(path))


def _read_html(path: Path, markers: str) -> ParsedDocument:
    return parse_html(read_text_file(path), str(path))


@dataclass(frozen=True)
class BinaryReader:
    """The reader of a binary format: the file is checked, then `module.function` parses it."""

    module: str
    function: str
    document_format: DocumentFormat

    def __call__(self, path: Path, markers: str) -> ParsedDocument:
        check_file(path)
        return self._load()(path)

    def _load(self) -> Callable[[Path], ParsedDocument]:
        unavailable = UnsupportedFormatError(
            f"reading .{self.document_format.value} files is not available in this version"
        )
        try:
            module = importlib.import_module(self.module)
        except ModuleNotFoundError as exc:
            if exc.name != self.module:
                raise
            raise unavailable from None
        except ImportError:  # the module is blocked (set to None in sys.modules)
            raise unavailable from None
        reader = getattr(module, self.function, None)
        if reader is None:
            raise unavailable
        return reader


READERS: dict[DocumentFormat, Reader] = {
    DocumentFormat.TEXT: _read_text,
    DocumentFormat.MARKDOWN: _read_markdown,
    DocumentFormat.HTML: _read_html,
    DocumentFormat.PDF: BinaryReader("citetrack.read.pdf", "read_pdf", DocumentFormat.PDF),
    DocumentFormat.DOCX: BinaryReader("citetrack.read.docx", "read_docx", DocumentFormat.DOCX),
    DocumentFormat.ODT: BinaryReader("citetrack.read.odt", "read_odt", DocumentFormat.ODT),
}


def read(
    path: str | Path, format: str | DocumentFormat | None = None, markers: str = "auto"
) -> ParsedDocument:
    """Read one document; raises BadInputError/UnsupportedFormatError with a one-line reason.

    `markers` is the marker style of text copied out of a PDF (`citetrack.read.text`): `auto`
    picks it from the text; the other formats mark their notes themselves."""
    path = Path(path)
    return READERS[resolve_format(path, format)](path, markers)
