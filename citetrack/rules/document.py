"""Every check of a parsed document that needs no network, composed in one call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from citetrack.models import Citation, Flag, ParsedDocument
from citetrack.rules.dates import future_date_flag, invalid_date_flag, misdated_flags
from citetrack.rules.notes import (
    duplicate_note_flags,
    missing_note_flags,
    unnumbered_flag,
    unused_note_flags,
)
from citetrack.rules.references import (
    malformed_url_flags,
    no_url_flag,
    outlet_mismatch_flag,
    repeated_url_flags,
)


def citation_flags(citation: Citation, published: dt.date | None, links_hidden: bool = False) -> list[Flag]:
    """The flags one citation raises on its own, in a stable order; `links_hidden` when the
    document's text lost the links set behind words (`ParsedDocument.links_hidden`)."""
    flags: list[Flag] = []
    flags.extend(misdated_flags(citation))
    for single in (
        future_date_flag(citation, published),
        invalid_date_flag(citation),
        no_url_flag(citation, links_hidden),
        outlet_mismatch_flag(citation),
        unnumbered_flag(citation),
    ):
        if single is not None:
            flags.append(single)
    flags.extend(malformed_url_flags(citation))
    return flags


def document_flags(
    doc: ParsedDocument, citations: Sequence[Citation], published: dt.date | None
) -> list[Flag]:
    """All no-network flags of a document: per citation, then note numbering, then repeats.

    Linear in the number of notes and citations: every rule is a single pass or a dict lookup.
    """
    flags: list[Flag] = []
    for citation in citations:
        flags.extend(citation_flags(citation, published, doc.links_hidden))
    flags.extend(missing_note_flags(doc.markers, doc.notes))
    flags.extend(unused_note_flags(doc.markers, doc.notes))
    flags.extend(duplicate_note_flags(doc.notes))
    flags.extend(repeated_url_flags(citations, doc.notes))
    return flags
