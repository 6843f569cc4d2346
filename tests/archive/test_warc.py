"""WARC files written by citetrack read back with warcio, offsets and all."""

from __future__ import annotations

import datetime as dt
import io

from warcio.archiveiterator import ArchiveIterator

from citetrack.archive.warc import Exchange, RecordRef, append_exchange, iter_records, read_response, warc_name

WHEN = dt.datetime(2024, 3, 5, 12, 0, tzinfo=dt.timezone.utc)


def _exchange(url: str, **kw) -> Exchange:
    return Exchange(
        url=url, http_status=200, reason="OK",
        response_headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")),
        request_headers=(("Host", "example.org"), ("User-Agent", "citetrack-test")),
        fetched_at=WHEN, **kw,
    )


def test_append_and_read_back(tmp_path):
    first = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(b"<p>first</p>"), 12)
    second = append_exchange(tmp_path, _exchange("http://example.org/b"), io.BytesIO(b"<p>second!</p>"), 14)
    assert first.warc_file == second.warc_file == warc_name(WHEN) == "citetrack-20240305.warc.gz"
    assert second.offset > first.offset
    back = read_response(tmp_path, second)
    assert back.url == "http://example.org/b"
    assert back.http_status == 200
    assert back.body == b"<p>second!</p>"
    assert back.date == "2024-03-05T12:00:00Z"
    headers = dict(back.headers)
    # the stored body is decoded: its transfer encoding is kept under another name
    assert "Content-Encoding" not in headers and headers["X-Archive-Orig-Content-Encoding"] == "gzip"
    assert read_response(tmp_path, first).body == b"<p>first</p>"


def test_standard_reader_sees_every_record(tmp_path):
    ref = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(b"hello"), 5)
    with (tmp_path / ref.warc_file).open("rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(handle)]
    assert records == [
        ("warcinfo", None),
        ("response", "http://example.org/a"),
        ("request", "http://example.org/a"),
    ]
    offsets = [off for kind, _uri, off in iter_records(tmp_path / ref.warc_file) if kind == "response"]
    assert offsets == [ref.offset]


def test_payload_digest_is_written(tmp_path):
    ref = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(b"hello"), 5)
    with (tmp_path / ref.warc_file).open("rb") as handle:
        handle.seek(ref.offset)
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")


def test_missing_record_is_a_clear_error(tmp_path):
    import pytest

    from citetrack.errors import NotFoundError

    with pytest.raises(NotFoundError):
        read_response(tmp_path, RecordRef("nope.warc.gz", 0, 10))


def test_a_failed_write_is_cut_off_and_a_torn_file_is_left_alone(tmp_path, monkeypatch):
    import errno

    import pytest
    from warcio.warcwriter import WARCWriter

    first = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(b"one"), 3)
    path = tmp_path / first.warc_file
    sound_size = path.stat().st_size
    real = WARCWriter.write_record

    def half_then_full(self, record, *args, **kwargs):
        self.out.write(b"\x1f\x8b partial gzip member")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(WARCWriter, "write_record", half_then_full)
    with pytest.raises(OSError, match="No space"):
        append_exchange(tmp_path, _exchange("http://example.org/b"), io.BytesIO(b"two"), 3)
    assert path.stat().st_size == sound_size  # the partial record was cut off
    monkeypatch.setattr(WARCWriter, "write_record", real)

    # another process tears the tail: nothing is appended after the tear, a new file is used
    with path.open("ab") as handle:
        handle.write(path.read_bytes()[100:400])
    torn_size = path.stat().st_size
    second = append_exchange(tmp_path, _exchange("http://example.org/c"), io.BytesIO(b"three"), 5)
    assert path.stat().st_size == torn_size
    assert second.warc_file == "citetrack-20240305-2.warc.gz"
    assert read_response(tmp_path, second).body == b"three"
    assert read_response(tmp_path, first).body == b"one"


def test_a_cut_body_is_marked_truncated(tmp_path):
    ref = append_exchange(tmp_path, _exchange("http://example.org/a", truncated="disconnect"), io.BytesIO(b"x" * 5000), 5000)
    with (tmp_path / ref.warc_file).open("rb") as handle:
        handle.seek(ref.offset)
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Truncated") == "disconnect"
        assert len(record.content_stream().read()) == 5000


def test_redirect_hops_come_before_the_answer(tmp_path):
    hop = Exchange(url="http://example.org/old", http_status=301, reason="Moved Permanently",
                   response_headers=(("Location", "http://example.org/new"), ("Content-Length", "0")), fetched_at=WHEN)
    ref = append_exchange(tmp_path, _exchange("http://example.org/new"), io.BytesIO(b"page"), 4, redirects=(hop,))
    with (tmp_path / ref.warc_file).open("rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.http_headers.get_statuscode() if r.rec_type == "response" else None,
                    r.http_headers.get_header("Location") if r.rec_type == "response" else None)
                   for r in ArchiveIterator(handle)]
    assert records[1:] == [
        ("response", "http://example.org/old", "301", "http://example.org/new"),
        ("response", "http://example.org/new", "200", None),
        ("request", "http://example.org/new", None, None),
    ]
    assert read_response(tmp_path, ref).body == b"page"


def test_a_record_the_store_never_recorded_is_found_not_written_again(tmp_path):
    """A run killed between the WARC append and the store's commit left a whole record: the next
    run finds it by URL and payload digest past what the store knows, and writes nothing."""
    import hashlib

    from citetrack.archive import warc

    body = b"<p>the same page</p>"
    digest = warc.payload_digest(hashlib.sha1(body).hexdigest())
    orphan = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(body), len(body))
    other = append_exchange(tmp_path, _exchange("http://example.org/b"), io.BytesIO(b"other"), 5)
    size = (tmp_path / orphan.warc_file).stat().st_size
    again = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(body), len(body),
                            known_end=lambda name: 0, digest=digest)
    assert again == orphan and (tmp_path / orphan.warc_file).stat().st_size == size
    twice = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(body), len(body),
                            known_end=lambda name: 0, digest=digest)
    assert twice.offset > other.offset  # a found record is reused once: a second snapshot gets its own
    warc._unrecorded.clear()
    recorded = append_exchange(tmp_path, _exchange("http://example.org/a"), io.BytesIO(body), len(body),
                               known_end=lambda name: twice.offset + twice.length + 10_000, digest=digest)
    assert recorded.offset > twice.offset  # past what the store knows there is nothing: written
