"""Builders for hand-made sources and citations, so the rules are tested without the readers."""

from __future__ import annotations

import datetime as dt

import pytest

from citetrack.models import Citation, Source, StatedDate, UrlRef


def make_url(written: str, malformed: str | None = None, suggestion: str | None = None) -> UrlRef:
    return UrlRef(written=written, normalized=written if not malformed else "", malformed=malformed, suggestion=suggestion)


def make_citation(
    footnote: str | None = "1",
    index: int = 0,
    *,
    text: str = "",
    title: str | None = None,
    outlet: str | None = None,
    authors: tuple[str, ...] = (),
    date: StatedDate | str | None = None,
    urls: tuple[str | UrlRef, ...] = (),
    named_site: str | None = None,
) -> Citation:
    if isinstance(date, str):
        date = StatedDate(raw=date, value=dt.date.fromisoformat(date))
    refs = tuple(make_url(u) if isinstance(u, str) else u for u in urls)
    source = Source(
        text=text or " ".join(filter(None, [title, outlet, *[r.written for r in refs]])) or "x",
        authors=authors,
        title=title,
        outlet=outlet,
        date=date,
        urls=refs,
        named_site=named_site,
    )
    return Citation(footnote=footnote, index=index, source=source)


@pytest.fixture
def cite():
    """`cite(footnote, index, title=..., date="2023-12-13", urls=(...))` -> Citation."""
    return make_citation
