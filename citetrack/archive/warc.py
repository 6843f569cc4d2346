"""WARC files: append one HTTP exchange (response + request records, gzip per record), read one back.

Files are `<prefix>-YYYYMMDD.warc.gz` in the store's `archive/` directory, one per UTC day,
each starting with a `warcinfo` record; any WARC reader (warcio, pywb, ReplayWeb.page) opens them.
The body is streamed from a file object: it is never held whole in memory here.

A capture is written as one run of records: a `response` record per redirect hop (status,
Location, no body), so that a replay tool asked for the cited URL finds it and follows the chain,
then the final response (with `WARC-Truncated: length|time|disconnect` when its body is cut) and
its request. Appends are serialized across processes by a lock file beside the WARC files
(`filelock`: the same on POSIX and Windows).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock
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
    truncated: str | None = None  # why the body is incomplete: length, time, disconnect (WARC-Truncated)


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


# Per process: how far each WARC file was read back intact, and the files found torn. A file is
# verified once (from where this process last knew it sound) before anything is appended to it.
_verified: dict[str, int] = {}
_torn: set[str] = set()


class _WholeWrites:
    """An unbuffered file whose `write` writes everything or raises (no silent short write)."""

    def __init__(self, raw):
        self.raw = raw

    def write(self, data) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            written = self.raw.write(view[done:])
            if not written:
                raise OSError("short write to the WARC file")
            done += written
        return done

    def __getattr__(self, name):
        return getattr(self.raw, name)


def _members_sound(handle: BinaryIO, start: int) -> bool:
    """True when the file, from `start`, is whole gzip members each holding a WARC record.

    Stricter than reading with a WARC reader, which may take a torn last member for a record:
    every member must end (gzip end of stream) and begin with `WARC/`; no byte may trail.
    """
    handle.seek(start)
    buf, inflater, head = b"", None, b""
    while True:
        if not buf:
            buf = handle.read(1 << 16)
            if not buf:
                return inflater is None
        if inflater is None:
            if len(buf) < 2:
                more = handle.read(1 << 16)
                if not more:
                    return False
                buf += more
                continue
            if buf[:2] != b"\x1f\x8b":
                return False
            inflater, head = zlib.decompressobj(31), b""
        try:
            out = inflater.decompress(buf, 1 << 16)
        except zlib.error:
            return False
        if len(head) < 5:
            head += out[: 5 - len(head)]
            if len(head) >= 5 and head != b"WARC/":
                return False
        if inflater.eof:
            if head != b"WARC/":
                return False
            buf, inflater = inflater.unused_data, None
        else:
            buf = inflater.unconsumed_tail


def _open_sound(archive_dir: Path, when: dt.datetime) -> tuple[BinaryIO, str]:
    """The day's WARC file, opened for appending (the caller holds the lock); when its tail is torn (a run killed while
    writing), the next file of the day (`-2`, `-3`...): nothing is ever written after a tear."""
    base = warc_name(when)
    for number in range(1, 10_000):
        name = base if number == 1 else base.replace(".warc.gz", f"-{number}.warc.gz")
        path = archive_dir / name
        key = str(path.resolve())
        if key in _torn:
            continue
        handle = _WholeWrites(path.open("a+b", buffering=0))  # unbuffered: a failed write leaves nothing pending
        size = os.fstat(handle.fileno()).st_size
        known = _verified.get(key, 0)
        if size != known:
            if not _members_sound(handle, known if known < size else 0):
                _torn.add(key)
                handle.close()
                continue
            _verified[key] = size
        handle.seek(0, io.SEEK_END)
        return handle, name
    raise OSError("too many torn WARC files today")  # pragma: no cover - 10,000 tears in a day


def payload_digest(sha1_hex: str) -> str:
    """A SHA-1 (hex) as WARC-Payload-Digest writes it (`sha1:` + base32), to find a record again."""
    import base64

    return "sha1:" + base64.b32encode(bytes.fromhex(sha1_hex)).decode("ascii")


def _lock(archive_dir: Path) -> FileLock:
    return FileLock(str(archive_dir / ".citetrack-append.lock"))


# Per process and WARC file: the whole, untruncated responses found past the store's known end
# the first time a body was to be appended there, by (target URI, payload digest).
_unrecorded: dict[str, dict[tuple[str, str], RecordRef]] = {}


def _index_unrecorded(path: Path, start: int) -> dict[tuple[str, str], RecordRef]:
    """(URI, payload digest) -> place of every whole response record at or after `start`."""
    found: dict[tuple[str, str], RecordRef] = {}
    if start >= path.stat().st_size:
        return found
    with path.open("rb") as handle:
        handle.seek(start)
        iterator = ArchiveIterator(handle)
        try:
            for record in iterator:
                headers = record.rec_headers
                key = (headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Payload-Digest"))
                whole = record.rec_type == "response" and not headers.get_header("WARC-Truncated")
                iterator.read_to_end(record)
                if whole and all(key):
                    found.setdefault(key, RecordRef(path.name, start + iterator.get_record_offset(),
                                                    iterator.get_record_length()))
        except Exception:  # noqa: BLE001 - a torn tail: what came before it is indexed
            pass
    return found


def _find_response(path: Path, known_end: Callable[[str], int], url: str, digest: str) -> RecordRef | None:
    """A response for `url` with this payload digest that a killed run wrote but never recorded:
    looked up in an index of the file past `known_end(name)`, built once per process and file."""
    key = str(path.resolve())
    if key not in _unrecorded:
        _unrecorded[key] = _index_unrecorded(path, known_end(path.name))
    return _unrecorded[key].pop((url, digest), None)


def _response_record(writer: WARCWriter, exchange: Exchange, when: dt.datetime, body: BinaryIO, length: int, record_id: str):
    warc_headers = {"WARC-Date": _warc_date(when), "WARC-Record-ID": record_id}
    if exchange.ip_address:
        warc_headers["WARC-IP-Address"] = exchange.ip_address
    if exchange.truncated:
        warc_headers["WARC-Truncated"] = exchange.truncated
    status_line = f"{exchange.http_status} {exchange.reason or ''}".strip()
    http_headers = StatusAndHeaders(status_line, _payload_headers(exchange, length), protocol="HTTP/1.1")
    return writer.create_warc_record(exchange.url, "response", payload=body, length=length,
                                     http_headers=http_headers, warc_headers_dict=warc_headers)


def append_exchange(archive_dir: Path, exchange: Exchange, body: BinaryIO, length: int, *,
                    redirects: tuple[Exchange, ...] = (), known_end: Callable[[str], int] | None = None,
                    digest: str | None = None, revisit_of: tuple[str, dt.datetime] | None = None) -> RecordRef:
    """Append the redirect hops, the response, then its request to the day's WARC file; return
    the final response's place.

    With `known_end` (how far into a file the store accounts for every record: the end of the last
    finished run's) and the body's `digest` (see `payload_digest`), a whole response for the same
    URL and body found past that offset (a run killed after writing it, before recording it) is
    returned instead of writing it again: one record per snapshot, even across kills.

    With `revisit_of` (the URL and date of a response record already holding this body, and
    `digest`), a `revisit` record (identical-payload-digest profile, no body) is written instead of
    the response: replay tools find the cited URL and serve the stored body.

    The lock file is held while writing so that two processes never interleave records; a write
    that fails (a full disk) is cut back off the file, which stays sound, and the error raised.
    """
    when = exchange.fetched_at or dt.datetime.now(dt.timezone.utc)
    archive_dir.mkdir(parents=True, exist_ok=True)
    with _lock(archive_dir):
        handle, name = _open_sound(archive_dir, when)
        key = str((archive_dir / name).resolve())
        start = handle.tell()
        try:
            if known_end is not None and digest is not None and not exchange.truncated:
                found = _find_response(archive_dir / name, known_end, exchange.url, digest)
                if found is not None:
                    return found
            writer = WARCWriter(handle, gzip=True)
            if start == 0:
                writer.write_record(writer.create_warcinfo_record(
                    name, {"software": f"citetrack/{__version__}", "format": "WARC File Format 1.1"}
                ))
            for hop in redirects:
                writer.write_record(_response_record(writer, hop, when, io.BytesIO(b""), 0, f"<urn:uuid:{uuid.uuid4()}>"))
            offset = handle.tell()
            response_id = f"<urn:uuid:{uuid.uuid4()}>"
            if revisit_of is not None:
                status_line = f"{exchange.http_status} {exchange.reason or ''}".strip()
                http_headers = StatusAndHeaders(status_line, _payload_headers(exchange, length), protocol="HTTP/1.1")
                writer.write_record(writer.create_revisit_record(
                    exchange.url, digest, revisit_of[0], _warc_date(revisit_of[1]), http_headers=http_headers,
                    warc_headers_dict={"WARC-Date": _warc_date(when), "WARC-Record-ID": response_id}))
            else:
                writer.write_record(_response_record(writer, exchange, when, body, length, response_id))
            end = handle.tell()
            if exchange.request_headers and revisit_of is None:
                path_part = exchange.url.split("//", 1)[-1]
                path_part = "/" + path_part.split("/", 1)[1] if "/" in path_part else "/"
                request_headers = StatusAndHeaders(
                    f"GET {path_part} HTTP/1.1", list(exchange.request_headers), is_http_request=True
                )
                writer.write_record(writer.create_warc_record(
                    exchange.url, "request", payload=io.BytesIO(b""), length=0,
                    http_headers=request_headers,
                    warc_headers_dict={"WARC-Date": _warc_date(when), "WARC-Concurrent-To": response_id},
                ))
            _verified[key] = handle.tell()
            if digest is not None and revisit_of is None and not exchange.truncated and key in _unrecorded:
                # until the store records it (then its body is found there first), it is one of
                # the file's unrecorded records: an interrupted caller finds it on its next try
                _unrecorded[key][(exchange.url, digest)] = RecordRef(name, offset, end - offset)
        except BaseException:
            try:  # cut the partial record off: the file stays sound for the next write
                handle.truncate(start)
                _verified[key] = start
            except OSError:
                _torn.add(key)
            raise
        finally:
            handle.close()
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
