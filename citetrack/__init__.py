"""citetrack: link every claim of a document to its sources, check and archive them, flag what is wrong.

The library works without the command line::

    from citetrack import open_store, ingest, check_links, CheckOptions
    store = open_store("db/citetrack.db")
    ingest(store, "paper.txt")
    check_links(store, CheckOptions())

Names other than the store and ingest load on first use, so `import citetrack` stays light.
"""

__version__ = "0.1.0"

from citetrack.store import Store, open_store  # noqa: E402
from citetrack.workflows.ingest import IngestOptions, IngestReport, ingest, ingest_files  # noqa: E402

_LAZY = {
    "CheckOptions": "citetrack.workflows.check",
    "CheckReport": "citetrack.workflows.check",
    "check_links": "citetrack.workflows.check",
    "ArchiveOptions": "citetrack.workflows.archive",
    "ArchiveReport": "citetrack.workflows.archive",
    "archive_sources": "citetrack.workflows.archive",
}

__all__ = ["Store", "open_store", "IngestOptions", "IngestReport", "ingest", "ingest_files", *_LAZY, "__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'citetrack' has no attribute {name!r}")
