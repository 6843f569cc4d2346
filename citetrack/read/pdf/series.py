"""Notes numbered per chapter in a PDF: each body marker given the series of its own note.

A foot note is printed at the foot of its marker's page, or of the next page when that page's
foot is full. Markers and notes come in the same order, so each marker is matched to the next
note with its label on its page (on the next page once its own page's notes are all passed);
a marker without one (a repeated reference, a missing note) stays in the current series,
which is at least that of the first note at its page's foot.
"""

from __future__ import annotations

from collections.abc import Sequence

from citetrack.read.labels import series_label, split_label
from citetrack.read.pdf.layout import NoteDraft

__all__ = ["label_series"]


def label_series(
    marks: list[tuple[int, str]], pages: Sequence[int], drafts: list[NoteDraft]
) -> list[tuple[int, str]]:
    """The markers (offset, label), each on page `pages[i]`, relabelled `2.1`, `2.2`... when
    they belong to a second series; unchanged when the notes are numbered in one series."""
    notes = [(draft.lines[0].page, draft.series, draft.label) for draft in drafts if draft.label]
    if len({series for _, series, _ in notes}) < 2:
        return marks
    first_series: dict[int, int] = {}
    for page, series, _ in notes:
        first_series.setdefault(page, series)
    all_labels = {label for _, _, label in notes}
    pointer, current = 0, 1
    out = []
    for (offset, raw), page in zip(marks, pages):
        while pointer < len(notes) and notes[pointer][0] < page:
            pointer += 1  # notes of earlier pages belong to earlier markers
        current = max(current, first_series.get(page, current))
        passed = pointer == len(notes) or notes[pointer][0] > page  # this page's notes are all matched
        last_page = page + 1 if passed else page
        found = _next_note(notes, pointer, last_page, raw)
        if found is None and raw.isdigit():  # glued markers "12": the note of the first one
            parts = split_label(raw, all_labels)
            if parts:
                found = _next_note(notes, pointer, last_page, parts[0])
        if found is not None:
            pointer, current = found + 1, notes[found][1]
        out.append((offset, series_label(raw, current)))
    return out


def _next_note(notes: list[tuple[int, int, str]], start: int, last_page: int, label: str) -> int | None:
    """The index of the first note from `start` labelled `label`, up to `last_page`."""
    for index in range(start, len(notes)):
        page, _, note_label = notes[index]
        if page > last_page:
            return None
        if note_label == label:
            return index
    return None
