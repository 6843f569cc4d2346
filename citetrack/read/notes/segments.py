"""Cutting a note into the stretches of text that each cite one source."""

from __future__ import annotations

import re

from citetrack.cite.dates import access_dates, find_dates
from citetrack.models import UrlRef
from citetrack.read.notes.patterns import CONTINUATION, NEW_CITATION_AFTER_STOP, QUOTED_DOUBLE


def _protected(text: str, urls: list[tuple[tuple[int, int], UrlRef]]) -> list[bool]:
    """True where a character sits inside a URL, a quotation or parentheses."""
    mask = [False] * len(text)
    for (a, b), _ in urls:
        for i in range(a, b):
            mask[i] = True
        if a > 0 and text[a - 1] == "<":
            mask[a - 1] = True
        if b < len(text) and text[b] == ">":
            mask[b] = True
    for pattern in (QUOTED_DOUBLE,):
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                mask[i] = True
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(" and not mask[i]:
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            mask[i] = True
        if depth:
            mask[i] = True
    return mask


def segments(text: str, urls: list[tuple[tuple[int, int], UrlRef]]) -> list[tuple[int, int]]:
    mask = _protected(text, urls)
    cuts = {0, len(text)}
    for i, ch in enumerate(text):
        if ch == ";" and not mask[i]:
            cuts.add(i)
    # A new citation begins after a URL when real text follows it.
    for index, ((_, b), _ref) in enumerate(urls):
        next_start = urls[index + 1][0][0] if index + 1 < len(urls) else len(text)
        following_cut = min((c for c in cuts if c >= b), default=len(text))
        gap_end = min(next_start, following_cut)
        gap = text[b:gap_end]
        if _starts_new_citation(gap, closes_note=gap_end == following_cut and gap_end < next_start or gap_end == len(text)):
            offset = len(gap) - len(gap.lstrip(" >.,)]\t\n"))
            cuts.add(b + offset)
    # A new `Name, "Title"` after a full stop, once the text before already cites something.
    for match in NEW_CITATION_AFTER_STOP.finditer(text):
        if mask[match.start()]:
            continue
        before_cut = max(c for c in cuts if c <= match.start())
        before = text[before_cut : match.start()]
        if QUOTED_DOUBLE.search(before) or find_dates(before):
            cuts.add(match.end())
    ordered = sorted(cuts)
    segments = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        while a < b and text[a] in " ;\t\n":
            a += 1  # a segment starts after the `;` that cut it
        if text[a:b].strip(" ;.,\t\n"):
            segments.append((a, b))
    return segments


# The most words a tail closing a note may have and still be the outlet of the citation
# before it (`(url) Washington Post. January 4, 2016`, `(url) The New York Times`).
_TAIL_OUTLET_WORDS = 3

# A tail that is a name and a dated bracket, closing the note (`City of Toronto website
# (2005).`): the publisher and date of the link before it, in up to _TAIL_PUBLISHER_WORDS words.
_TAIL_PUBLISHER_WORDS = 6
_OUTLET_AND_DATE = re.compile(
    r"(?P<name>[^\W\d_][^.!?;()\"“”«»]*?)\s*\([^()]*\b(?:1[89]|20)\d\d\b[^()]*\)[\s.,;]*"
)


def _starts_new_citation(gap: str, closes_note: bool = False) -> bool:
    """Text after a URL that starts another citation, not an access date, a language note,
    or (closing the note) the outlet and date of the linked work."""
    stripped = gap.lstrip(" >.,;)]\t\n")
    if not stripped or CONTINUATION.match(gap.lstrip(" >")):
        return False
    # What a link's own citation says after it, its outlet, date and access date (`OCLC
    # (2006-02-03). Retrieved 2007-07-08.`), does not begin another one.
    spoken = stripped
    for (a, b), _stated, _kind in reversed(access_dates(spoken)):
        spoken = spoken[:a] + " " * (b - a) + spoken[b:]
    tail = _OUTLET_AND_DATE.fullmatch(spoken) if closes_note else None
    if tail is not None and len(tail["name"].split()) <= _TAIL_PUBLISHER_WORDS:
        return False  # `(url), Journal of Canadian Studies (2002). Retrieved …`: the link's publisher
    for (a, b), _stated in reversed(find_dates(spoken)):
        spoken = spoken[:a] + " " * (b - a) + spoken[b:]
    spoken = re.sub(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", "site", spoken, flags=re.I)  # a host is one name
    words = re.findall(r"[^\W\d_]{2,}", spoken)
    if closes_note and len(words) <= _TAIL_OUTLET_WORDS and not re.search(r"[\"“”«»]", spoken):
        return False
    return len(words) >= 2 and (stripped[0].isupper() or stripped[0] in "\"“'‘«")
