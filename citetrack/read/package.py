"""Zipped XML documents (.docx, .odt), opened safely: size caps, no entities, no network."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from citetrack import settings
from citetrack.errors import BadInputError


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


class Package:
    """An opened zip document; parts are parsed on demand."""

    def __init__(self, path: Path, kind: str):
        self.path = path
        self.kind = kind
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise BadInputError(f"{path}: not a {kind} file (damaged or not a zip: {exc})") from None
        self.names = {info.filename: info for info in self.archive.infolist()}
        self.bytes_read = 0  # decompressed bytes of the parts read so far (OFFICE_MAX_TOTAL_BYTES)
        self.tags_read = 0  # and their tags (OFFICE_MAX_TOTAL_TAGS): what the parsed trees cost

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.archive.close()

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        info = self.names[name]
        if info.file_size > settings.OFFICE_MAX_PART_BYTES:
            raise BadInputError(
                f"{self.path}: part {name} holds {info.file_size} bytes, over the limit of "
                f"{settings.OFFICE_MAX_PART_BYTES}"
            )
        try:
            with self.archive.open(info) as handle:
                data = handle.read(settings.OFFICE_MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise BadInputError(f"{self.path}: damaged {self.kind} file ({exc})") from None
        if len(data) > settings.OFFICE_MAX_PART_BYTES:
            raise BadInputError(f"{self.path}: part {name} is over the size limit")
        self.bytes_read += len(data)
        self.tags_read += data.count(b"<")  # every element starts with one: a bound counted before parsing
        if self.bytes_read > settings.OFFICE_MAX_TOTAL_BYTES:
            raise BadInputError(f"{self.path}: its parts hold over {settings.OFFICE_MAX_TOTAL_BYTES // (1024 * 1024)} MB "
                                "of XML, over the limit (a decompression bomb?)")
        if self.tags_read > settings.OFFICE_MAX_TOTAL_TAGS:
            raise BadInputError(f"{self.path}: its parts hold over {settings.OFFICE_MAX_TOTAL_TAGS:,} XML tags, "
                                "over the limit (a decompression bomb?)")
        return data

    def xml(self, name: str, required: bool = False):
        """The part's root element, or None when the part is absent and not required."""
        if name not in self.names:
            if required:
                raise BadInputError(f"{self.path}: not a {self.kind} file ({name} is missing)")
            return None
        try:
            return etree.fromstring(self.read(name), _parser())
        except etree.XMLSyntaxError as exc:
            raise BadInputError(f"{self.path}: damaged {self.kind} file ({name}: {exc})") from None

