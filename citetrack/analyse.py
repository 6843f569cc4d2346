"""The pure analysis of a parsed document: its notes become citations, the rules flag them.

No I/O, no network, linear in the number of notes; `workflows.ingest` stores what it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from citetrack.models import Citation, Flag, ParsedDocument
from citetrack.rules.common import note_text_key
from citetrack.rules.document import document_flags
from citetrack.read.notes import parse_note


@dataclass(frozen=True)
class Analysis:
    """What a document says about its sources and what is wrong with them."""

    citations: tuple[Citation, ...]  # every source of every note, in note order
    flags: tuple[Flag, ...]
    explanatory: frozenset[int]  # positions of notes that cite nothing
    published: dt.date | None  # the publication date the date rules used


def collect_citations(doc: ParsedDocument) -> tuple[tuple[Citation, ...], frozenset[int]]:
    """Split every note into its sources and place them; return them with the explanatory notes.

    A note repeated verbatim under its label (a PDF extraction artefact) is read once; notes
    sharing a label with different text continue that label's numbering, so keys stay unique.
    Unnumbered notes share the key space `~#0`, `~#1`... in document order.
    """
    citations: list[Citation] = []
    explanatory: set[int] = set()
    next_index: dict[str | None, int] = {}
    seen_text: dict[tuple[str, str], bool] = {}  # (label, text) -> the note cites nothing
    for note in doc.notes:
        identity = (note.label, note_text_key(note.text)) if note.label is not None else None
        if identity in seen_text:
            if seen_text[identity]:
                explanatory.add(note.position)
            continue
        sources = parse_note(note)
        if identity is not None:
            seen_text[identity] = not sources
        if not sources:
            explanatory.add(note.position)
            continue
        start = next_index.get(note.label, 0)
        for offset, source in enumerate(sources):
            citations.append(
                Citation(footnote=note.label, index=start + offset, source=source, note_position=note.position)
            )
        next_index[note.label] = start + len(sources)
    return tuple(citations), frozenset(explanatory)


def analyse(doc: ParsedDocument, published: dt.date | None = None) -> Analysis:
    """Citations and no-network flags of `doc`; `published` overrides the document's own date."""
    used = published if published is not None else doc.published
    citations, explanatory = collect_citations(doc)
    flags = document_flags(doc, citations, used)
    return Analysis(
        citations=citations,
        flags=tuple(flags),
        explanatory=explanatory,
        published=used,
    )
