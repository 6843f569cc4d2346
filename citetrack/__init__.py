"""citetrack: link every claim of a document to its sources, check and archive them, flag what is wrong."""

__version__ = "0.1.0"

from citetrack.store import Store, open_store  # noqa: E402
from citetrack.workflows.ingest import IngestOptions, IngestReport, ingest, ingest_files  # noqa: E402

__all__ = ["Store", "open_store", "IngestOptions", "IngestReport", "ingest", "ingest_files", "__version__"]
