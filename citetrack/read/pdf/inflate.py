"""Bounded stream decoding for pdfminer: a PDF may not inflate past a budget (decompression bombs).

pdfminer decodes Flate, LZW and RunLength streams in one call, with no limit: a 50 MB file could
ask for tens of gigabytes. `inflate_budget(...)` swaps in decoders that stop at the limits, for
the current thread only; pdfminer used anywhere else behaves as before.
"""

from __future__ import annotations

import contextlib
import io
import threading
import zlib
from collections.abc import Iterator
from typing import Any

_local = threading.local()


class InflateLimitExceeded(Exception):
    """A stream (or the whole document) decoded past its budget."""


class InflateBudget:
    """Bytes a document may still decode: per stream and in total."""

    def __init__(self, per_stream: int, total: int):
        self.per_stream = per_stream
        self.total_left = total
        self.exceeded = False

    def stream(self) -> _StreamAllowance:
        return _StreamAllowance(self)


class _StreamAllowance:
    """One stream's share of the budget; `take` raises once the stream or the document is over."""

    def __init__(self, budget: InflateBudget):
        self.budget = budget
        self.left = budget.per_stream

    def allowance(self) -> int:
        return max(0, min(self.left, self.budget.total_left))

    def take(self, size: int) -> None:
        if size > self.allowance():
            self.budget.exceeded = True
            raise InflateLimitExceeded("a stream decodes past the limit")
        self.left -= size
        self.budget.total_left -= size


def _current() -> InflateBudget | None:
    return getattr(_local, "budget", None)


class _Decompressor:
    """A zlib decompressor that counts what it gives out against one stream's allowance."""

    def __init__(self, inner: Any, allowance: _StreamAllowance):
        self._inner = inner
        self._allowance = allowance

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        limit = self._allowance.allowance() + 1
        out = self._inner.decompress(data, min(max_length, limit) if max_length else limit)
        self._allowance.take(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """Stands for the `zlib` module inside pdfminer: the same calls, bounded while a budget is set."""

    error = zlib.error

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        budget = _current()
        if budget is None:
            return zlib.decompress(data, *args, **kwargs)
        inner = zlib.decompressobj(*args[:1], **{k: v for k, v in kwargs.items() if k == "wbits"})
        out = _Decompressor(inner, budget.stream()).decompress(data)
        if not inner.eof:  # as zlib.decompress says of a stream cut short
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        budget = _current()
        inner = zlib.decompressobj(*args, **kwargs)
        return inner if budget is None else _Decompressor(inner, budget.stream())

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    budget = _current()
    allowance = budget.stream() if budget is not None else None
    chunks = []
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        if allowance is not None:
            allowance.take(len(chunk))
        chunks.append(chunk)
    return b"".join(chunks)


def _runlength_size(data: bytes) -> int:
    """How long RunLengthDecode output would be, without making it."""
    size = index = 0
    while index < len(data):
        length = data[index]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            index += length + 2
        else:
            size += 257 - length
            index += 2
    return size


def _install() -> None:
    """Put the bounded decoders in pdfminer's stream module (once; a no-op without a budget)."""
    from pdfminer import pdftypes, runlength

    if isinstance(pdftypes.zlib, _BoundedZlib):
        return
    original_rldecode = runlength.rldecode

    def bounded_rldecode(data: bytes) -> bytes:
        budget = _current()
        if budget is not None:
            budget.stream().take(_runlength_size(data))
        return original_rldecode(data)

    pdftypes.zlib = _BoundedZlib()
    pdftypes.lzwdecode = _bounded_lzwdecode
    pdftypes.rldecode = bounded_rldecode


@contextlib.contextmanager
def inflate_budget(per_stream: int, total: int) -> Iterator[InflateBudget]:
    """While inside, pdfminer in this thread decodes at most `per_stream` bytes from any one
    stream and `total` bytes in all; past that, decoding raises InflateLimitExceeded (and
    `budget.exceeded` is set, in case pdfminer swallowed the exception)."""
    _install()
    budget = InflateBudget(per_stream, total)
    previous = _current()
    _local.budget = budget
    try:
        yield budget
    finally:
        _local.budget = previous
