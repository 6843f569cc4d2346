"""State the CLI carries from the global options to each command: where the store is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # the store loads when a command first needs it
    from citetrack.store import Store


@dataclass
class CliState:
    db_path: Path | None = None
    _store: Store | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        from citetrack.store import default_db_path

        return self.db_path or default_db_path()

    def store(self, create: bool = False) -> Store:
        """Open the store on first use, so a command that fails on its input never creates one.
        Only `ingest` creates a missing store (`create`); any other command on a path with no
        store is bad usage (exit 2) and leaves nothing behind."""
        if self._store is None:
            from citetrack.errors import BadInputError
            from citetrack.store import open_store

            if not create and not self.path.exists():
                raise BadInputError(f"no store at {self.path} (citetrack ingest creates one)")

            self._store = open_store(self.path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def state(ctx: typer.Context) -> CliState:
    return ctx.find_root().obj
