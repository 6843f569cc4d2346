"""Link targets stored beside a note's text (PDF annotations, Word/ODT hyperlinks)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_LINKABLE = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)


def _core(url: str) -> str:
    """The part of a URL a reader would see written: no scheme, no www., no trailing slash."""
    return _SCHEME.sub("", url.strip()).rstrip("/").lower()


def _shown(core: str, flat: str) -> bool:
    """True when the text writes the target out: a path, or a bare host written as a link
    (`www.x.org`, `https://x.org`). A host named as a site (`Collectionscanada.gc.ca (2012)`)
    is the publisher's name beside a linked title, and the link stays hidden."""
    if "/" in core:
        return core in flat
    return any(f"{prefix}{core}" in flat for prefix in ("www.", "://"))


def hidden_hrefs(text: str, targets: Iterable[str]) -> tuple[str, ...]:
    """The web targets the note's text does not show in full (none, or a shortened form).

    Order is kept, duplicates and non-web targets (mailto:, internal anchors) dropped.
    """
    flat = _SPACES.sub("", text).lower()
    hidden: list[str] = []
    for target in targets:
        target = target.strip()
        if not _LINKABLE.match(target) or target in hidden:
            continue
        core = _core(target)
        if core and _shown(core, flat):
            continue
        hidden.append(target)
    return tuple(hidden)
