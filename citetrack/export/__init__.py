"""The annotated bibliography: `export(entries_or_store, fmt)` renders entries in one format.

Each format is a pure function from a sequence of `BibEntry` to text; `citetrack.store.views.
export_entries` builds the entries from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from citetrack.errors import UnsupportedFormatError

if TYPE_CHECKING:  # formats and their model load when an export runs (the CLI only needs FORMATS)
    from citetrack.export.model import BibEntry


def _renderers() -> dict[str, Callable[[Sequence[BibEntry]], str]]:
    from citetrack.export.bibtex import to_bibtex
    from citetrack.export.csl import to_csl_json
    from citetrack.export.pages import to_html, to_markdown
    from citetrack.export.ris import to_ris
    from citetrack.export.tabular import to_csv

    return {"markdown": to_markdown, "html": to_html, "csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris, "csv": to_csv}


FORMATS = ("markdown", "html", "csl-json", "bibtex", "ris", "csv")


def export(entries_or_store, fmt: str, document_id: int | None = None) -> str:
    """The bibliography in `fmt` (one of FORMATS), from entries or from a store (one document or all)."""
    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if hasattr(entries_or_store, "db"):  # a Store
        from citetrack.store.views import export_entries

        entries = export_entries(entries_or_store, document_id)
    else:
        entries = list(entries_or_store)
    return _renderers()[fmt](entries)


__all__ = ["export", "FORMATS", "BibEntry"]
