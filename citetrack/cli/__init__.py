"""The command line: a thin typer app. Each command opens the store, calls one library function, renders.

Command groups live in sibling modules that register on `app`; `main()` is the console script.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from citetrack import __version__
from citetrack.cli.context import CliState
from citetrack.cli.render import set_quiet
from citetrack.errors import CitetrackError
from citetrack.printable import terminal_safe

from typer._click.exceptions import UsageError as _UsageError  # typer >= 0.26 ships its own click

USAGE_ERRORS: tuple[type[Exception], ...] = (_UsageError,)
# Options of `citetrack` itself, given before the command name.
ROOT_OPTIONS = ("--db", "--version", "--quiet", "-q", "--verbose", "-v", "--no-progress")


class CitetrackGroup(TyperGroup):
    """The one edge where errors become `citetrack: error: <one line>` and exit code 2 (see
    `error_message`): bad usage, ConfigError, BadInputError, NotFoundError, OSError, a broken store.
    Commands and the library raise; nothing below this catches to print."""

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[override]
        try:  # the root's own options (`citetrack --bogus`): one line, not a box
            return super().make_context(info_name, args, parent=parent, **extra)
        except Exception as exc:
            _fail_with(exc)

    def invoke(self, ctx):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except Exception as exc:
            _fail_with(exc)


def _fail_with(exc: Exception) -> None:
    """Exit 2 with `exc` in one line when it is bad input or bad usage; re-raise anything else."""
    message = error_message(exc)
    if message is None:
        raise exc
    _fail(message)


def error_message(exc: Exception) -> str | None:
    """What to tell the user about `exc` when it is their input, usage or environment that is
    wrong (None: a defect, left to raise). Every validation error the command line meets:
    `typer.BadParameter` and other usage errors (with a pointer to `--help`), any
    `CitetrackError` (ConfigError, BadInputError, NotFoundError, StoreError), an OSError, and
    SQLite's DatabaseError (a file that is not a store)."""
    if isinstance(exc, USAGE_ERRORS):
        return _usage_message(exc)
    if isinstance(exc, CitetrackError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}"
    if "citetrack.store" in sys.modules:  # a command opened the store; else no DatabaseError can come
        from citetrack.store import DatabaseError  # start-up: only once a command opened the store

        if isinstance(exc, DatabaseError):
            return f"database: {exc}"
    return None


def _usage_message(exc: Exception) -> str:
    """`<what> (see `citetrack CMD --help`)`, with a hint for a global option given after the
    command (`ingest f --db x.db`)."""
    ctx = getattr(exc, "ctx", None)
    where = f"citetrack {ctx.info_name} --help" if ctx and ctx.parent else "citetrack --help"
    message = exc.format_message()  # type: ignore[attr-defined]
    option = getattr(exc, "option_name", None)
    if ctx and ctx.parent and option in ROOT_OPTIONS:
        message += f"; {option} goes before the command: citetrack {option} ... {ctx.info_name} ..."
    return f"{message} (see `{where}`)"


def one_line(message: str) -> str:
    """The message on one line, control characters (newlines, terminal escapes) made visible."""
    return terminal_safe(message, newline=False)


def _fail(message: str) -> None:
    typer.echo(f"citetrack: error: {one_line(message)}", err=True)
    raise typer.Exit(2) from None


app = typer.Typer(
    cls=CitetrackGroup,
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags shown as flags (`--json`), not `--json <bool>`
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
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only results and errors: no progress, no notes."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, show_default=False, help="Log what happens on stderr (-vv: with HTTP)."),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress display (it shows only on a terminal)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Track the citations of a document: claims, sources, links, archives and flags.

    \b
    Examples:
      citetrack ingest paper.pdf && citetrack check && citetrack archive
      citetrack --db ~/briefs/delta.db flags --kind dead-link
    """
    set_quiet(quiet)
    if verbose:
        configure_logging(verbose)
    ctx.obj = CliState(db_path=db, quiet=quiet, progress=not no_progress and not quiet)
    ctx.call_on_close(ctx.obj.close)


# Command modules register themselves on `app` when imported.
from citetrack.cli import documents, links, archive, review, output, serve  # noqa: E402,F401


def configure_logging(verbosity: int = 0) -> None:
    """Library warnings (bs4's XMLParsedAsHTMLWarning, pdfminer's FontBBox...) and our own log go
    to the logging system: shown on stderr at `verbosity` >= 1 (-v), silent otherwise, so that a
    successful run prints only its result."""
    import logging

    logging.captureWarnings(True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if verbosity > 0:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("citetrack: %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.DEBUG if verbosity > 1 else logging.INFO)
    else:
        root.addHandler(logging.NullHandler())  # not logging's last resort, which prints warnings

# One example per command, shown at the end of its --help.
EXAMPLES = {
    "ingest": ["citetrack ingest paper.pdf --published 2024-01-16", "pandoc -t plain paper.docx | citetrack ingest - --format txt --title Paper"],
    "documents": ["citetrack documents --json"],
    "remove": ["citetrack remove 3"],
    "claims": ["citetrack claims --document 1"],
    "citations": ["citetrack citations --document 1 --json"],
    "check": ["citetrack check --stale-after 7d --fail-on dead"],
    "status": ["citetrack status --document 1"],
    "history": ["citetrack history http://www.harbour-gazette.example/news/2024/06/12/water-board-emergency-drawdown"],
    "archive": ["citetrack archive --no-wayback"],
    "search": ["citetrack search \"emergency drawdown\""],
    "snapshot": ["citetrack snapshot http://vessapost.example/2024/09/02/rice-growers-count-the-cost/ --text"],
    "show": ["citetrack show 12"],
    "flags": ["citetrack flags --kind dead-link --status open --json"],
    "resolve": ["citetrack resolve 7 --note \"Fixed the date in the draft\""],
    "dismiss": ["citetrack dismiss 7 --note \"The outlet changed its name\""],
    "review": ["citetrack review --document 1"],
    "export": ["citetrack export --format bibtex -o references.bib"],
    "report": ["citetrack report -o report.html"],
    "serve": ["citetrack serve --open", "citetrack serve --host 0.0.0.0 --token s3cret-for-the-team"],
}
for _command in app.registered_commands:
    _name = _command.name or _command.callback.__name__.replace("_", "-")
    if _name in EXAMPLES and not _command.epilog:
        _command.epilog = "\b\nExamples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[_name])


def main() -> None:
    configure_logging(0)
    try:
        app()
    finally:
        gc.freeze()  # the collection at exit then skips every object alive now: some 30 ms less per command
