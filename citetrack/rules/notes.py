"""Note-numbering rules: markers without notes, notes without markers, two notes with one
label, and citation text that lost its number."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from citetrack.models import Citation, Flag, FlagKind, Note, Severity
from citetrack.rules.common import describe_source, note_text_key, text_digest


def missing_note_flags(markers: Sequence[str], notes: Sequence[Note]) -> list[Flag]:
    """One flag per marker label that no note carries, in body order."""
    labels = {note.label for note in notes if note.label is not None}
    counts = Counter(markers)
    flags, seen = [], set()
    for marker in markers:
        if marker in labels or marker in seen:
            continue
        seen.add(marker)
        flags.append(
            Flag(
                kind=FlagKind.MISSING_NOTE,
                severity=Severity.ERROR,
                message=f"Note {marker}: the text refers to note {marker}, but there is no such note.",
                subject=marker,
                evidence={"marker": marker, "occurrences": counts[marker]},
                footnote=marker,
            )
        )
    return flags


def unused_note_flags(markers: Sequence[str], notes: Sequence[Note]) -> list[Flag]:
    """One flag per note label that no marker in the body refers to."""
    used = set(markers)
    flags, seen = [], set()
    for note in notes:
        if note.label is None or note.label in used or note.label in seen:
            continue
        seen.add(note.label)
        flags.append(
            Flag(
                kind=FlagKind.UNUSED_NOTE,
                severity=Severity.WARNING,
                message=f"Note {note.label}: no marker in the text refers to this note.",
                subject=note.label,
                evidence={"label": note.label, "position": note.position},
                footnote=note.label,
            )
        )
    return flags


def duplicate_note_flags(notes: Sequence[Note]) -> list[Flag]:
    """One flag per label carried by notes of different text; a note repeated verbatim
    (a PDF extraction artefact) is not a duplicate."""
    texts: dict[str, dict[str, int]] = {}
    for note in notes:
        if note.label is None:
            continue
        texts.setdefault(note.label, {}).setdefault(note_text_key(note.text), note.position)
    flags = []
    for label, variants in texts.items():
        if len(variants) < 2:
            continue
        positions = sorted(variants.values())
        flags.append(
            Flag(
                kind=FlagKind.DUPLICATE_NOTE,
                severity=Severity.ERROR,
                message=f"Note {label}: {len(variants)} different notes carry the label {label}.",
                subject=label,
                evidence={"label": label, "count": len(variants), "positions": positions},
                footnote=label,
            )
        )
    return flags


def unnumbered_flag(citation: Citation) -> Flag | None:
    """Citation text outside any numbered note: its number was probably lost."""
    if citation.footnote is not None:
        return None
    source = citation.source
    identity = source.urls[0].normalized if source.urls else text_digest(source.text)
    return Flag(
        kind=FlagKind.UNNUMBERED_NOTE,
        severity=Severity.WARNING,
        message=(
            f"An unnumbered citation ({describe_source(citation)}) belongs to no numbered note: "
            "its number was probably lost."
        ),
        subject=f"~:{identity}",
        evidence={"text": source.text[:300], "source": describe_source(citation)},
        footnote=None,
        citation_key=citation.key,
        url=source.urls[0].normalized if source.urls else None,
    )
