"""WARC files: append one HTTP exchange (response + request records, gzip per record), read one back.

Files are `<prefix>-YYYYMMDD.warc.gz` in the store's `archive/` directory, one per UTC day,
each starting with a `warcinfo` record; any WARC reader (warcio, pywb, ReplayWeb.page) opens them.
The body is streamed from a file object: it is never held whole in memory here.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from citetrack import __version__, settings
from citetrack.errors import NotFoundError

# Headers that describe the transfer rather than the payload we store (a decoded body).
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its answer, as archived (the body travels separately)."""

    url: str  # the URL the response came from (the last hop)
    http_status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    request_headers: tuple[tuple[str, str], ...] = ()
    fetched_at: dt.datetime | None = None
    ip_address: str | None = None


@dataclass(frozen=True)
class RecordRef:
    """Where a response record lives: file name (relative to the archive dir), offset, length."""

    warc_file: str
    offset: int
    length: int


@dataclass(frozen=True)
class StoredResponse:
    url: str
    http_status: int | None
    headers: tuple[tuple[str, str], ...]
    date: str | None
    body: bytes


def warc_name(when: dt.datetime) -> str:
    """The day's WARC file name."""
    return f"{settings.ARCHIVE_WARC_PREFIX}-{when.astimezone(dt.timezone.utc):%Y%m%d}.warc.gz"


def _warc_date(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _payload_headers(exchange: Exchange, length: int) -> list[tuple[str, str]]:
    """Response headers for a decoded body: transfer encodings are kept under X-Archive-Orig-."""
    headers = []
    for name, value in exchange.response_headers:
        if name.lower() in _TRANSFER_HEADERS:
            headers.append((f"X-Archive-Orig-{name}", value))
        else:
            headers.append((name, value))
    headers.append(("Content-Length", str(length)))
    return headers


def append_exchange(archive_dir: Path, exchange: Exchange, body: BinaryIO, length: int) -> RecordRef:
    """Append the response (then its request) to the day's WARC file; return the response's place.

    The file is locked while writing so that two processes never interleave records.
    """
    when = exchange.fetched_at or dt.datetime.now(dt.timezone.utc)
    archive_dir.mkdir(parents=True, exist_ok=True)
    name = warc_name(when)
    path = archive_dir / name
    with path.open("ab") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            handle.seek(0, io.SEEK_END)
            writer = WARCWriter(handle, gzip=True)
            if handle.tell() == 0:
                info = writer.create_warcinfo_record(
                    name, {"software": f"citetrack/{__version__}", "format": "WARC File Format 1.1"}
                )
                writer.write_record(info)
            offset = handle.tell()
            response_id = f"<urn:uuid:{uuid.uuid4()}>"
            warc_headers = {"WARC-Date": _warc_date(when), "WARC-Record-ID": response_id}
            if exchange.ip_address:
                warc_headers["WARC-IP-Address"] = exchange.ip_address
            status_line = f"{exchange.http_status} {exchange.reason or ''}".strip()
            http_headers = StatusAndHeaders(status_line, _payload_headers(exchange, length), protocol="HTTP/1.1")
            response = writer.create_warc_record(
                exchange.url, "response", payload=body, length=length,
                http_headers=http_headers, warc_headers_dict=warc_headers,
            )
            writer.write_record(response)
            end = handle.tell()
            if exchange.request_headers:
                path_part = exchange.url.split("//", 1)[-1]
                path_part = "/" + path_part.split("/", 1)[1] if "/" in path_part else "/"
                request_headers = StatusAndHeaders(
                    f"GET {path_part} HTTP/1.1", list(exchange.request_headers), is_http_request=True
                )
                request = writer.create_warc_record(
                    exchange.url, "request", payload=io.BytesIO(b""), length=0,
                    http_headers=request_headers,
                    warc_headers_dict={"WARC-Date": _warc_date(when), "WARC-Concurrent-To": response_id},
                )
                writer.write_record(request)
            handle.flush()
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return RecordRef(name, offset, end - offset)


def read_response(archive_dir: Path, ref: RecordRef, max_bytes: int | None = None) -> StoredResponse:
    """The response record at `ref`, with its (decoded) body, read by warcio."""
    path = archive_dir / ref.warc_file
    if not path.is_file():
        raise NotFoundError(f"the WARC file {path} is missing")
    with path.open("rb") as handle:
        handle.seek(ref.offset)
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                break
            headers = tuple(record.http_headers.headers) if record.http_headers else ()
            status = int(record.http_headers.get_statuscode()) if record.http_headers else None
            stream = record.content_stream()
            body = stream.read(max_bytes) if max_bytes is not None else stream.read()
            return StoredResponse(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                http_status=status,
                headers=headers,
                date=record.rec_headers.get_header("WARC-Date"),
                body=body,
            )
    raise NotFoundError(f"no response record at {ref.warc_file}:{ref.offset}")


def iter_records(path: Path) -> Iterator[tuple[str, str | None, int]]:
    """(record type, target URI, offset) of every record of a WARC file: for checks and tools."""
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            yield record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), iterator.get_record_offset()
