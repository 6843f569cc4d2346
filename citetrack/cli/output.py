"""CLI commands that write for people: `export` (the annotated bibliography) and `report`."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from citetrack.cli import app
from citetrack import settings
from citetrack.cli.context import state
from citetrack.cli.render import note
from citetrack.errors import BadInputError, UnsupportedFormatError
from citetrack.printable import export_safe


def _umask() -> int:
    """The process's umask (read by setting it, then set back: there is no other way to read it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(text: str, output: Path | None) -> None:
    """An export or report, with only printable text (citetrack.printable.export_safe), written to:

    - standard output when `output` is None or `-`;
    - a regular file (or a new one) atomically: a temporary file beside it, then renamed over it,
      with the mode a new file gets under the user's umask (0644 under umask 022), or the mode
      the file already had; never half-written;
    - through a symbolic link: the link stays, its target is replaced (atomically, beside it);
    - a FIFO, a character device or another special file: written to in place, never replaced
      (`-o /dev/stdout`, a named pipe); a directory or a socket is refused.
    """
    text = export_safe(text)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.expanduser()
    resolved = Path(os.path.realpath(target))  # a symlink (even a chain, or dangling) is written through
    try:
        status = resolved.stat()
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise BadInputError(f"cannot write to {target}: it is a directory")
    if status is not None and stat.S_ISSOCK(status.st_mode):
        raise BadInputError(f"cannot write to {target}: it is a socket")
    if status is not None and not stat.S_ISREG(status.st_mode):  # FIFO, device: in place
        with open(resolved, "w", encoding="utf-8") as handle:
            handle.write(text)
        note(f"Wrote {target}")
        return
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask()
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=resolved.parent, prefix=f".{resolved.name}.",
                                         delete=False)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode)
        os.replace(handle.name, resolved)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    note(f"Wrote {target}")


@app.command()
def export(
    ctx: typer.Context,
    fmt: str = typer.Option(..., "--format", "-f", help=f"One of: {', '.join(settings.EXPORT_FORMATS)}."),
    document: Optional[int] = typer.Option(None, "--document", help="Only this document's sources."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default, or -: stdout)."),
) -> None:
    """Export the annotated bibliography: one entry per cited source, with link status, archives and flags."""
    from citetrack.export import export as render_export  # start-up: the exporters and the store load only when this command runs

    if fmt not in settings.EXPORT_FORMATS:
        raise UnsupportedFormatError(f"unknown export format {fmt!r}: use one of {', '.join(settings.EXPORT_FORMATS)}")
    write_output(render_export(state(ctx).store(), fmt, document), output)


@app.command()
def report(
    ctx: typer.Context,
    document: Optional[int] = typer.Option(None, "--document", help="Only this document (default: the whole store)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default, or -: stdout)."),
) -> None:
    """Write the HTML report: link health over time, documents with their dead and flagged shares, open flags."""
    from citetrack.report import render_report, report_data  # start-up: the exporters and the store load only when this command runs

    write_output(render_report(report_data(state(ctx).store(), document)), output)
