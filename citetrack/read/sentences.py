"""Sentence splitting that survives abbreviations, initials, decimals, quotes and note markers.

A claim is a sentence that carries a note marker, so every reader needs the same notion of a
sentence. Markers written right after the full stop (`future.⁴ The`, `future.[4] The`) stay
with the sentence before.
"""

from __future__ import annotations

import re

from citetrack.read.labels import SUPERSCRIPT_DIGITS

# Words that end with a full stop without ending the sentence (compared case-sensitively,
# without the dot). Kept short: a missed split joins two sentences, a wrong split cuts a claim.
ABBREVIATIONS = frozenset(
    """Dr Mr Mrs Ms Mx Prof St Jr Sr Rev Hon Gen Col Capt Cpt Lt Maj Sgt Adm Cmdr Gov Sen Rep
    Pres Amb Mt Ft vs cf al ed eds trans Dept dept""".split()
)
# Abbreviations that end the sentence unless a number follows ("Jan. 5", "p. 44", "No. 3").
NUMBER_ABBREVIATIONS = frozenset(
    """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec approx ca Fig Figs fig figs Vol Vols
    vol vols pp p ch Ch Art art sec Sec para No Nos no nos Op op Eq eq est""".split()
)

_CLOSERS = "\"'”’»)]"
# A candidate end: terminal punctuation, closing quotes/brackets, then any note markers.
_END = re.compile(
    r"(?:[.!?]+|…)"
    rf"[{re.escape(_CLOSERS)}]*"
    rf"(?:[{SUPERSCRIPT_DIGITS}]+|\[\d{{1,3}}(?:\s*[,–-]\s*\d{{1,3}})*\]|\^\d{{1,3}}|\[\^[^\]\s]+\])*"
    rf"[{re.escape(_CLOSERS)}]*"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A list run into one paragraph (a PDF keeps its items on lines of their own, their text
# rejoins them): a semicolon or colon before the next item's bullet or number ends a sentence,
# since each item is a claim of its own ("...forecast; • the hours...", "...that: 1. restore").
_ITEM_BREAK = re.compile(r"[;:](?=\s+(?:[•◦▪‣●○■\uf0a7\uf0b7]|\d{1,2}[.)](?!\d)|\([a-z]\))\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)$")
_ACRONYM_BEFORE = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


def _ends_sentence(text: str, dot: int, end: int, stop: int) -> bool:
    """Whether the punctuation at `dot` (its run ending at `end`) closes a sentence."""
    nxt = end
    n = stop
    if nxt < n and not text[nxt].isspace():
        return False  # "1.5", "example.com", "U.S" inside a token
    while nxt < n and text[nxt].isspace():
        nxt += 1
    if nxt >= n:
        return True
    following = text[nxt]
    if text[dot] != ".":
        return not following.islower()
    before = text[max(0, dot - 40) : dot + 1]  # ends with the full stop
    if text[dot : dot + 2] == "..":  # an ellipsis, or an abbreviation's dot then the sentence's ("U.S..")
        return not following.islower()
    if following.islower() or following in ",;:":
        return False
    if _ACRONYM_BEFORE.search(before):
        return False  # e.g. / i.e. / U.S. — rarely the end, usually an abbreviation
    match = _WORD_BEFORE.search(before[:-1])
    word = match.group(1) if match else ""
    if word and len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    if word in ABBREVIATIONS:
        return False
    if word in NUMBER_ABBREVIATIONS and following.isdigit():
        return False
    return True


def _split_paragraph(text: str, start: int, stop: int, out: list[tuple[int, int]]) -> None:
    """Append the sentence spans of text[start:stop] (one paragraph) to `out`."""
    sentence_start = start
    items = {match.end() for match in _ITEM_BREAK.finditer(text, start, stop)}
    ends = sorted(
        [(match.start(), match.end()) for match in _END.finditer(text, start, stop)]
        + [(end - 1, end) for end in items]
    )
    for dot, end in ends:
        if end <= sentence_start:
            continue
        if end in items or _ends_sentence(text, dot, end, stop):
            _append_trimmed(text, sentence_start, end, out)
            sentence_start = end
    _append_trimmed(text, sentence_start, stop, out)


def _append_trimmed(text: str, start: int, stop: int, out: list[tuple[int, int]]) -> None:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        out.append((start, stop))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of `text`, without surrounding space.

    Paragraph breaks (a blank line) always end a sentence.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        _split_paragraph(text, position, brk.start(), spans)
        position = brk.end()
    _split_paragraph(text, position, len(text), spans)
    return spans
