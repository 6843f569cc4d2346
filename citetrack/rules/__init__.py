"""Rules: facts in, `Flag` records out; no database, no network.

`document.document_flags` runs every check a parsed document allows on its own; the
per-topic modules (`dates`, `notes`, `references`) hold one function per rule.

The two entry points load on first use, so that `import citetrack.rules.links` (all that
`citetrack check` needs before its first request) does not compile every note and date
pattern first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citetrack.rules.document import citation_flags, document_flags  # start-up: for the type checker only

__all__ = ["citation_flags", "document_flags"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from citetrack.rules import document  # start-up: `check` needs only rules.links

        return getattr(document, name)
    raise AttributeError(f"module 'citetrack.rules' has no attribute {name!r}")
