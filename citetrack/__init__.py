"""citetrack: link every claim of a document to its sources, check and archive them, flag what is wrong.

The library works without the command line::

    from citetrack import open_store, ingest, check_links, CheckOptions
    store = open_store("db/citetrack.db")
    ingest(store, "paper.txt")
    check_links(store, CheckOptions())

Every name loads on first use, so `import citetrack` (and the command line's start-up) stays light.
"""

__version__ = "0.1.0"

_LAZY = {
    "Store": "citetrack.store",
    "open_store": "citetrack.store",
    "IngestOptions": "citetrack.workflows.ingest",
    "IngestReport": "citetrack.workflows.ingest",
    "ingest": "citetrack.workflows.ingest",
    "ingest_files": "citetrack.workflows.ingest",
    "CheckOptions": "citetrack.workflows.check",
    "CheckReport": "citetrack.workflows.check",
    "check_links": "citetrack.workflows.check",
    "ArchiveOptions": "citetrack.workflows.archive",
    "ArchiveReport": "citetrack.workflows.archive",
    "archive_sources": "citetrack.workflows.archive",
}

__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'citetrack' has no attribute {name!r}")
