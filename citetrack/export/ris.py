"""RIS: ELEC for web pages and posts, NEWS for articles, RPRT for reports.

Written here rather than with a library: RIS is one `TAG  - value` line per field, and the
export must work with the runtime dependencies alone (rispy reads it back in the tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from citetrack.export.model import BibEntry, annotations, cite_keys, person_name, safe_url

RIS_TYPES = {"post": "ELEC", "webpage": "ELEC", "article": "NEWS", "report": "RPRT"}


# Record fields (rispy's names, so tests can read the output back with rispy) as RIS tags, in order.
RIS_TAGS = {
    "type_of_reference": "TY", "id": "ID", "title": "TI", "authors": "AU", "secondary_title": "T2",
    "publisher": "PB", "year": "PY", "date": "DA", "urls": "UR", "access_date": "Y2", "notes": "N1",
}


def dumps(records: Sequence[dict[str, Any]]) -> str:
    """Records as RIS text: `TY` first, one line per value (lists repeat their tag), `ER` last."""
    out = []
    for record in records:
        for name, tag in RIS_TAGS.items():
            value = record.get(name)
            for item in value if isinstance(value, list) else [value] if value is not None else []:
                out.append(f"{tag}  - {_flat(str(item))}")
        out.append("ER  - \n")
    return "\n".join(out)


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
        precision = entry.date_precision
        # DA is YYYY/MM/DD (or YYYY/MM). PY carries the same precision in RIS's long-standing
        # YYYY/MM/DD/ form: readers that take the date from PY alone (citation-js for NEWS) keep the day.
        if precision == "year":
            record["year"] = str(issued.year)
        else:
            record["year"] = f"{issued:%Y/%m}//" if precision == "month" else f"{issued:%Y/%m/%d}/"
            record["date"] = f"{issued:%Y/%m}" if precision == "month" else f"{issued:%Y/%m/%d}"
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
    return dumps([ris_record(entry, keys[entry.id]) for entry in entries])
