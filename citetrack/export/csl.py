"""CSL-JSON: the bibliography as Zotero, Pandoc and citeproc read it, annotations in `note`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from citetrack.export.model import BibEntry, annotations, cite_keys, date_parts, person_name, safe_url

# Our kinds of source, as CSL types.
CSL_TYPES = {"post": "post", "report": "report", "article": "article-newspaper", "webpage": "webpage"}


def _author(name: str) -> dict[str, str]:
    person = person_name(name)
    return {"given": person[0], "family": person[1]} if person else {"literal": name}


def csl_item(entry: BibEntry, key: str) -> dict[str, Any]:
    """One CSL-JSON item: type, title, authors, container, dates, URL, archived copy, annotations."""
    item: dict[str, Any] = {"id": key, "citation-key": key, "type": CSL_TYPES[entry.kind], "title": entry.label}
    if entry.authors:
        item["author"] = [_author(name) for name in entry.authors]
    if entry.outlet:
        item["container-title" if entry.kind != "report" else "publisher"] = entry.outlet
    issued = entry.issued
    if issued:
        item["issued"] = {"date-parts": [date_parts(issued, entry.date_precision)]}
    link = entry.link
    url = safe_url(link.url) if link else None
    if url:
        item["URL"] = url
    accessed = entry.accessed_on()
    if accessed:
        item["accessed"] = {"date-parts": [date_parts(accessed, "day")]}
    public = link.public_archive if link else None
    archived_url = safe_url(public.location) if public else None
    if archived_url:  # the public copy a reader can open; our local WARC file is never published
        item["archive"] = archived_url
    notes = []
    if entry.footnote is not None:
        notes.append(f"Note {entry.footnote}" + (f" of {entry.document_title}" if entry.document_title else ""))
    notes.extend(annotations(entry))
    item["note"] = "\n".join(notes)
    return item


def to_csl_json(entries: Sequence[BibEntry]) -> str:
    """A JSON array of CSL items, one per cited source."""
    keys = cite_keys(list(entries))
    return json.dumps([csl_item(entry, keys[entry.id]) for entry in entries], ensure_ascii=False, indent=2) + "\n"
