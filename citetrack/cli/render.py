"""Rendering for the CLI: JSON on stdout, rich tables for people, messages on stderr."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from citetrack.printable import json_safe, terminal_safe

if TYPE_CHECKING:  # rich loads on first use: commands that print JSON never need it
    from rich.console import Console
    from rich.text import Text


def safe_text(value: Any) -> Text:
    """A cell or message as plain text: never read as rich markup (a title may hold "[/b]"),
    control characters (terminal escapes from a hostile page or document) shown, not sent."""
    from rich.text import Text

    return Text(terminal_safe(value))


@functools.cache
def stdout() -> Console:
    """The console for results on stdout."""
    from rich.console import Console

    return Console(soft_wrap=False)


@functools.cache
def stderr() -> Console:
    """The console for messages on stderr: a message stays one line, whatever the width."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def emit_json(value: Any) -> None:
    """Exactly one JSON document on stdout."""
    sys.stdout.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str)) + "\n")
    sys.stdout.flush()


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A readable table on stdout; None shows as an empty cell."""
    from rich.table import Table

    view = Table(title=title, show_lines=False, expand=False)
    for column in columns:
        view.add_column(column, overflow="fold")
    count = 0
    for row in rows:
        view.add_row(*(safe_text(cell) for cell in row))
        count += 1
    if count:
        stdout().print(view)
    else:
        stdout().print(f"[dim]No {title.lower() if title else 'rows'}.[/dim]")


_QUIET = {"on": False}  # -q, set by the root options of each invocation


def set_quiet(quiet: bool) -> None:
    _QUIET["on"] = quiet


def note(message: str) -> None:
    """A message for people, on stderr so that stdout stays parseable (none with -q)."""
    if not _QUIET["on"]:
        stderr().print(safe_text(message))
