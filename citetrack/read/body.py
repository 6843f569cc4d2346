"""Assembling a body text with its markers cut out, keeping each marker's offset (linear time)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from citetrack.models import Claim, DocumentFormat, Note, ParsedDocument
from citetrack.read.claims import build_claims

PARAGRAPH_BREAK = "\n\n"


class BodyBuilder:
    """Collects body text piece by piece; markers are recorded at the current offset."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.marks: list[tuple[int, str]] = []

    @property
    def length(self) -> int:
        return self._length

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def add(self, text: str) -> None:
        """Append text as is."""
        if text:
            self._parts.append(text)
            self._length += len(text)

    def mark(self, label: str) -> None:
        """Record a marker at the current end of the body."""
        self.marks.append((self._length, label))

    def break_paragraph(self) -> None:
        """End the current paragraph (no-op at the start or after a break)."""
        if self._length and not self.last_char() == "\n":
            self.add(PARAGRAPH_BREAK)

    def text(self) -> str:
        return "".join(self._parts)

    def tail(self, count: int) -> str:
        """The last `count` characters of the body so far (cheap: reads the last parts only)."""
        pieces, length = [], 0
        for part in reversed(self._parts):
            pieces.append(part)
            length += len(part)
            if length >= count:
                break
        return "".join(reversed(pieces))[-count:]

    def claims(self) -> tuple[Claim, ...]:
        return build_claims(self.text(), self.marks)

    def markers(self) -> tuple[str, ...]:
        return tuple(label for _, label in self.marks)

    def document(
        self, path: str, format: DocumentFormat, *, title: str | None, published: dt.date | None,
        notes: Iterable[Note], links_hidden: bool = False,
    ) -> ParsedDocument:
        """The finished reading: every reader ends here, so claims and markers are made one way."""
        body = self.text()
        return ParsedDocument(
            path=str(path), format=format, title=title, published=published,
            claims=build_claims(body, self.marks), notes=tuple(notes), markers=self.markers(),
            body=body.rstrip(), links_hidden=links_hidden,
        )
