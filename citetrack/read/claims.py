"""Claims: the sentences of a body that carry note markers, shared by every reader."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from citetrack.models import Claim
from citetrack.read.sentences import split_sentences

_SPACES = re.compile(r"\s+")
# Typographic ligatures that PDF fonts draw as one glyph, and text copied out of a PDF keeps
# (`Traﬀic`, `oﬀicer`): spelled out, so words and URLs read as typed.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space, and trim."""
    return _SPACES.sub(" ", text).strip()


def _sentence_index(
    body: str, starts: list[int], ends: list[int], offset: int
) -> int:
    """The sentence a marker at `offset` belongs to: the one around it, else the one before."""
    index = bisect_right(starts, offset) - 1
    if index < 0:
        return 0
    if (
        offset == starts[index]
        and index > 0
        and not body[ends[index - 1] : offset].strip()
    ):
        return index - 1  # "sentence. ⁴Next" — the marker closes the sentence before
    return index


def build_claims(body: str, marks: Sequence[tuple[int, str]]) -> tuple[Claim, ...]:
    """One Claim per sentence of `body` carrying at least one marker.

    `body` has its markers removed; `marks` gives each marker's (offset in body, label).
    Labels keep marker order, deduplicated within a sentence; `position` is 0-based.
    """
    if not marks:
        return ()
    spans = split_sentences(body)
    if not spans:
        spans = [(0, len(body))]
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    labels_by_sentence: dict[int, list[str]] = {}
    for offset, label in sorted(marks, key=lambda mark: mark[0]):
        labels = labels_by_sentence.setdefault(
            _sentence_index(body, starts, ends, offset), []
        )
        if label not in labels:
            labels.append(label)
    claims = []
    for position, index in enumerate(sorted(labels_by_sentence)):
        start, end = spans[index]
        claims.append(
            Claim(
                text=normalize_space(body[start:end]),
                labels=tuple(labels_by_sentence[index]),
                position=position,
            )
        )
    return tuple(claims)
