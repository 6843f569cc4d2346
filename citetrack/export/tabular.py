"""CSV: one row per cited source, for spreadsheets; cells that would run as formulas are defused."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from citetrack.export.model import BibEntry, day, flag_annotation

COLUMNS = [
    "document", "note", "claim", "source", "title", "outlet", "date", "url", "status", "last_checked",
    "archive_url", "archived_at", "snapshot", "open_flags", "decided_flags",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A cell as text; a leading = + - @ gets a quote so spreadsheets do not run it."""
    text = "" if value is None else " ".join(str(value).split())
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(entry: BibEntry) -> list[str]:
    link = entry.link
    public = link.public_archive if link else None
    snapshot = link.snapshot if link else None
    return [
        _cell(value)
        for value in (
            entry.document_title or entry.document_path, entry.footnote, " | ".join(entry.claims), entry.text, entry.title,
            entry.outlet, entry.date, entry.url, link.status_label if link else "no link", day(link.checked_at) if link else None,
            public.location if public else None, day(public.archived_at) if public else None,
            snapshot.location if snapshot else None,
            "; ".join(f"{flag.kind}: {flag.message}" for flag in entry.open_flags),
            "; ".join(flag_annotation(flag) for flag in entry.flags if not flag.is_open),
        )
    ]


def to_csv(entries: Sequence[BibEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_row(entry) for entry in entries)
    return out.getvalue()
