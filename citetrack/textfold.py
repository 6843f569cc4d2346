"""One way to compare words written differently: case, accents, apostrophes and punctuation folded.

Layer 1 (like models and settings): rules (titles, outlets, claim facts) and the archive's
title cleaning compare text through this helper, never a variant of their own, so that two
places that decide "the same words" decide it alike.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")


def strip_accents(text: str) -> str:
    """`text` decomposed (NFKD) with its combining marks dropped: "Café" -> "Cafe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str, *, drop_possessive: bool = False, padded: bool = False) -> str:
    """Case and accents removed, apostrophes dropped, every run of punctuation one space.

    `drop_possessive` removes a trailing "'s" first ("Reuters's" -> "reuters"); `padded` puts
    one space at each end, so that `" word "` can be searched for as a whole word.
    """
    text = strip_accents(text).casefold()
    if drop_possessive:
        text = _POSSESSIVE.sub("", text)
    text = text.replace("'", "").replace("’", "")
    folded = _NOT_WORD.sub(" ", text).strip()
    return f" {folded} " if padded else folded
