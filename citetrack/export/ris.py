"""RIS, written with rispy: ELEC for web pages and posts, NEWS for articles, RPRT for reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import rispy

from citetrack.export.model import BibEntry, annotations, cite_keys, person_name, safe_url

RIS_TYPES = {"post": "ELEC", "webpage": "ELEC", "article": "NEWS", "report": "RPRT"}


class _Writer(rispy.RisWriter):
    """rispy's writer without its "1." line before each record, as RIS readers expect."""

    def set_header(self, count: int) -> str:
        return ""


def _flat(text: str) -> str:
    return " ".join(text.split())


def ris_record(entry: BibEntry, key: str) -> dict[str, Any]:
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES[entry.kind], "id": key, "title": _flat(entry.label)}
    if entry.authors:
        record["authors"] = [f"{p[1]}, {p[0]}" if (p := person_name(name)) else _flat(name) for name in entry.authors]
    if entry.outlet:
        record["secondary_title" if entry.kind != "report" else "publisher"] = _flat(entry.outlet)
    issued = entry.issued
    if issued:
        record["year"] = str(issued.year)
        precision = entry.date_precision
        record["date"] = f"{issued.year}///" if precision == "year" else f"{issued:%Y/%m}//" if precision == "month" else f"{issued:%Y/%m/%d}/"
    link = entry.link
    url = safe_url(link.url) if link else None
    if url:
        record["urls"] = [url]
    accessed = entry.accessed_on()
    if accessed:
        record["access_date"] = f"{accessed:%Y/%m/%d}"
    notes = [f"Note {entry.footnote}"] if entry.footnote is not None else []
    record["notes"] = [_flat(line) for line in notes + annotations(entry)]
    return record


def to_ris(entries: Sequence[BibEntry]) -> str:
    keys = cite_keys(list(entries))
    return rispy.dumps([ris_record(entry, keys[entry.id]) for entry in entries], implementation=_Writer)
