"""Small helpers every document rule shares: where a citation stands, how a date reads."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from citetrack.models import Citation, StatedDate

_SPACE = re.compile(r"\s+")


def where(footnote: str | None) -> str:
    """The place a reviewer looks: "Note 7" or "An unnumbered citation"."""
    return f"Note {footnote}" if footnote is not None else "An unnumbered citation"


def describe_source(citation: Citation, limit: int = 80) -> str:
    """The source as a reviewer recognises it: its first URL, else its title, else its text."""
    source = citation.source
    if source.urls:
        return source.urls[0].written
    text = source.title or source.outlet or source.text
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def human_date(value: dt.date, precision: str = "day") -> str:
    """13 January 2023, January 2023 or 2023, as the precision allows."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{value:%B} {value.year}"
    return f"{value.day} {value:%B} {value.year}"


def iso_at(stated: StatedDate) -> str:
    """The ISO form of a stated date at its own precision (2023-12, 2023) for evidence."""
    assert stated.value is not None
    if stated.precision == "year":
        return f"{stated.value.year:04d}"
    if stated.precision == "month":
        return f"{stated.value.year:04d}-{stated.value.month:02d}"
    return stated.value.isoformat()


def text_digest(text: str) -> str:
    """A short digest of whitespace-normalised, case-folded text: identity that ignores layout."""
    norm = _SPACE.sub(" ", text).strip().casefold()
    return hashlib.sha1(norm.encode()).hexdigest()[:12]


def note_text_key(text: str) -> str:
    """Text compared for "the same note repeated": whitespace and case do not count."""
    return _SPACE.sub(" ", text).strip().casefold()
