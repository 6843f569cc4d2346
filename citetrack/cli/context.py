"""State the CLI carries from the global options to each command: where the store is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # the store loads when a command first needs it
    from citetrack.store import Store


# Commands that write a store and may create one; the others only read (an empty file given as
# --db is refused, never turned into a store).
CREATING_COMMANDS = frozenset({"ingest", "check", "archive"})


@dataclass
class CliState:
    db_path: Path | None = None
    command: str | None = None  # the subcommand being run
    _store: Store | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        from citetrack.store import default_db_path

        return self.db_path or default_db_path()

    def store(self) -> Store:
        """Open the store on first use, so a command that fails on its input never creates one."""
        if self._store is None:
            from citetrack.store import open_store

            self._store = open_store(self.path, create=self.command in CREATING_COMMANDS)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def state(ctx: typer.Context) -> CliState:
    return ctx.find_root().obj
