"""Rules: facts in, `Flag` records out; no database, no network.

`document.document_flags` runs every check a parsed document allows on its own; the
per-topic modules (`dates`, `notes`, `references`) hold one function per rule.
"""

from citetrack.rules.document import citation_flags, document_flags

__all__ = ["citation_flags", "document_flags"]
