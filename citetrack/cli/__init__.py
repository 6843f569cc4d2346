"""The command line: a thin typer app. Each command opens the store, calls one library function, renders.

Command groups live in sibling modules that register on `app`; `main()` is the console script.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from citetrack import __version__
from citetrack.errors import CitetrackError


class CitetrackGroup(TyperGroup):
    """Turns every CitetrackError into one line on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CitetrackError as exc:
            typer.echo(f"citetrack: error: {exc}", err=True)
            raise typer.Exit(2) from None
        except sqlite3.DatabaseError as exc:
            typer.echo(f"citetrack: error: database: {exc}", err=True)
            raise typer.Exit(2) from None
        except OSError as exc:
            typer.echo(f"citetrack: error: {exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=CitetrackGroup,
    help="Track the citations of a document: claims, sources, links, archives and flags.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"citetrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(
        None, "--db", help="The store (default db/citetrack.db, or $CITETRACK_DB).", show_default=False
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    from citetrack.cli.context import CliState

    ctx.obj = CliState(db_path=db)
    ctx.call_on_close(ctx.obj.close)


# Command modules register themselves on `app` when imported.
from citetrack.cli import documents, links, archive, review, output  # noqa: E402,F401


def main() -> None:
    app()
