"""The annotated bibliography: `export(entries_or_store, fmt)` renders entries in one format.

Each format is a pure function from a sequence of `BibEntry` to text; `citetrack.store.views.
export_entries` builds the entries from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from citetrack import settings
from citetrack.entries import BibEntry
from citetrack.errors import UnsupportedFormatError
from citetrack.export.bibtex import to_bibtex
from citetrack.export.csl import to_csl_json
from citetrack.export.pages import to_html, to_markdown
from citetrack.export.ris import to_ris
from citetrack.export.tabular import to_csv
from citetrack.store import Store
from citetrack.store.views import export_entries

RENDERERS: dict[str, Callable[[Sequence[BibEntry]], str]] = {
    "markdown": to_markdown, "html": to_html, "csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris,
    "csv": to_csv,
}
FORMATS = settings.EXPORT_FORMATS
assert set(FORMATS) == set(RENDERERS), "settings.EXPORT_FORMATS and the renderers disagree"


def export(entries_or_store: Store | Iterable[BibEntry], fmt: str, document_id: int | None = None) -> str:
    """The bibliography in `fmt` (one of FORMATS), from entries or from a store (one document or all)."""
    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if isinstance(entries_or_store, Store):
        entries = export_entries(entries_or_store, document_id)
    else:
        entries = list(entries_or_store)
    return RENDERERS[fmt](entries)


__all__ = ["export", "FORMATS", "BibEntry"]
