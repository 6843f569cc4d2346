"""CLI commands that write for people: `export` (the annotated bibliography) and `report`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from citetrack.cli import app
from citetrack.cli.context import state
from citetrack.cli.render import note
from citetrack.errors import UnsupportedFormatError
from citetrack.export import FORMATS


def write_output(text: str, output: Path | None) -> None:
    """Text to stdout, or to a file written whole (temporary file, then rename): never half-written."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, prefix=f".{target.name}.", delete=False)
    try:
        with handle:
            handle.write(text)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    note(f"Wrote {target}")


@app.command()
def export(
    ctx: typer.Context,
    fmt: str = typer.Option(..., "--format", "-f", help=f"One of: {', '.join(FORMATS)}."),
    document: Optional[int] = typer.Option(None, "--document", help="Only this document's sources."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default: stdout)."),
) -> None:
    """Export the annotated bibliography: one entry per cited source, with link status, archives and flags."""
    from citetrack.export import export as render_export

    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    write_output(render_export(state(ctx).store(), fmt, document), output)


@app.command()
def report(
    ctx: typer.Context,
    document: Optional[int] = typer.Option(None, "--document", help="Only this document (default: the whole store)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default: stdout)."),
) -> None:
    """Write the HTML report: link health over time, documents with their dead and flagged shares, open flags."""
    from citetrack.report import render_report, report_data

    write_output(render_report(report_data(state(ctx).store(), document)), output)
