"""Note labels shared by every reader: superscript digits, marker runs, series of numbering.

One table of superscript digits (`SUPERSCRIPT_DIGITS`) serves the readers of text, PDF, DOCX
and ODT and the sentence splitter; `marker_labels`, `is_power` and `is_ordinal` tell a raised
marker from other raised text; `split_label` cuts a glued run of digits into known labels
("56" -> 5, 6); `series_label` names the notes of a second run of numbering (notes per
chapter) `2.1`, `2.2`.
"""

from __future__ import annotations

import re

__all__ = [
    "SUPERSCRIPT_DIGITS",
    "from_superscript",
    "to_superscript",
    "is_power",
    "is_ordinal",
    "marker_labels",
    "split_label",
    "series_label",
    "written_label",
]

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_TO_SUPERSCRIPTS = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)

# Superscript text that reads as note markers: "3", "4,5", "*", "†", "a".
_MARKER_TOKEN = re.compile(r"^(?:\d{1,4}|[*†‡§¶]{1,3}|[a-z])$")

# A superscript 2 or 3 right after a unit of length is a square or a cube (`1000 km²`), not a
# note marker, even beside a real note reference.
_UNIT_BEFORE = re.compile(r"(?:\d\s?|/)(?:(?:da|[kKhdcmµn])?m|ft|mi|in|yd|sq\.?\s?(?:k?m|ft|mi)?)\s*$")  # "40 km", "412 hm", "µg/m"


def from_superscript(raw: str) -> str:
    """Superscript digits as plain ones ("¹²" -> "12"); other characters unchanged."""
    return raw.translate(_TO_DIGITS)


def to_superscript(label: str) -> str:
    """Plain digits as superscript ones ("12" -> "¹²"); other characters unchanged."""
    return label.translate(_TO_SUPERSCRIPTS)


def is_power(raw: str, before: str) -> bool:
    """True when superscript `raw` is an exponent of the unit that `before` ends with."""
    return from_superscript(raw).strip() in {"2", "3"} and bool(_UNIT_BEFORE.search(before))


# A raised letter right after a number or a Roman numeral is an ordinal's ending (`2ᵉ`, `XIXᵉ`
# siècle, `1ᵒ`), not a note lettered "e".
_ORDINAL_BEFORE = re.compile(r"(?:\d|(?<![A-Za-z])(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))$")


def is_ordinal(raw: str, before: str) -> bool:
    """True when raised `raw` is the ending of the ordinal that `before` ends with."""
    raw = raw.strip()
    return len(raw) == 1 and raw.isalpha() and bool(_ORDINAL_BEFORE.search(before))


def marker_labels(raw: str) -> list[str] | None:
    """The labels in a superscript run, or None when the run is other text ("th", "2")."""
    tokens = [token for token in re.split(r"[,;\s]+", raw) if token]
    if tokens and all(_MARKER_TOKEN.match(token) for token in tokens):
        return tokens
    return None


def split_label(label: str, labels: set[str]) -> list[str] | None:
    """A run of digits cut into known labels, shortest first ("56" -> ["5", "6"]); None if none fits."""
    if not label:
        return []
    for cut in range(1, len(label) + 1):
        head = label[:cut]
        if head in labels:
            rest = split_label(label[cut:], labels)
            if rest is not None:
                return [head, *rest]
    return None


def written_label(text: str) -> str:
    """A marker's label as written around it: "[3]", "(3)", "3." -> "3"."""
    return text.strip("[]() ").rstrip(".")


def series_label(label: str, series: int) -> str:
    """The first series keeps its labels; the second is `2.1`, `2.2`... (`2.c`, `2.ii` for letters
    and roman numerals); symbols (`*`, `†`) stay as written."""
    return label if series == 1 or not label.isalnum() else f"{series}.{label}"
