"""State the CLI carries from the global options to each command: where the store is."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from citetrack.errors import BadInputError

if TYPE_CHECKING:  # the store loads when a command first needs it
    from citetrack.store import Store  # start-up: typing only


@dataclass
class CliState:
    db_path: Path | None = None
    quiet: bool = False  # -q: results and errors only
    progress: bool = True  # False with --no-progress or -q
    _store: Store | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        from citetrack.store import default_db_path  # start-up: the store loads when a command needs it

        return self.db_path or default_db_path()

    def store(self, create: bool = False) -> Store:
        """Open the store on first use, so a command that fails on its input never creates one.
        Only `ingest` creates a missing store (`create`); any other command on a path with no
        store is bad usage (exit 2) and leaves nothing behind."""
        if self._store is None:
            from citetrack.store import open_store  # start-up: the store loads when a command needs it

            if not create and not self.path.exists():
                raise BadInputError(f"no store at {self.path} (citetrack ingest creates one)")

            self._store = open_store(self.path, create=create)
            logging.getLogger(__name__).info("store %s opened", self.path)
        return self._store

    def shows_progress(self, as_json: bool = False) -> bool:
        """A progress display goes to stderr only for a person at a terminal who wants one."""
        import sys

        return self.progress and not as_json and sys.stderr.isatty()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def state(ctx: typer.Context) -> CliState:
    return ctx.find_root().obj
