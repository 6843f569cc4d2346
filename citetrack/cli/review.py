"""CLI commands for reviewers: `flags`, `resolve`, `dismiss` and the interactive `review`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import typer

from citetrack.cli import app
from citetrack.cli.context import state
from citetrack.cli.render import emit_json, note, stdout, table
from citetrack.errors import BadInputError
from citetrack.models import FlagKind, FlagStatus, Severity

if TYPE_CHECKING:  # the store and the review logic load when a command runs
    from citetrack.store.flags import FlagFilter  # start-up: loaded when the command runs

STATUSES = ("open", "resolved", "dismissed", "all")


def _check_choice(value: str | None, allowed, what: str) -> str | None:
    if value is None:
        return None
    choices = [str(item) for item in allowed]
    if value not in choices:
        raise BadInputError(f"unknown {what} {value!r}: use one of {', '.join(choices)}")
    return value


def _filter(document: int | None, kind: str | None, status: str | None, severity: str | None, claim: int | None) -> FlagFilter:
    from citetrack.store.flags import FlagFilter  # start-up: loaded when the command runs

    return FlagFilter(
        document_id=document,
        kind=_check_choice(kind, FlagKind, "flag kind"),
        status=_check_choice(status, STATUSES, "status"),
        severity=_check_choice(severity, Severity, "severity"),
        claim_id=claim,
    )


@app.command()
def flags(
    ctx: typer.Context,
    document: Optional[int] = typer.Option(None, "--document", help="Only this document's flags."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only flags of this kind (dead-link, misdated...)."),
    status: str = typer.Option("open", "--status", help="open, resolved, dismissed or all."),
    severity: Optional[str] = typer.Option(None, "--severity", help="Only error, warning or info."),
    claim: Optional[int] = typer.Option(None, "--claim", help="Only the flags of the notes this claim cites."),
    summary: bool = typer.Option(False, "--summary", help="Print the count per kind instead of the flags."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the flags, with a count per kind."""
    from citetrack.review import summary_by_kind  # start-up: loaded when the command runs
    from citetrack.store.flags import list_flags  # start-up: loaded when the command runs

    where = _filter(document, kind, status, severity, claim)
    rows = list_flags(state(ctx).store(), where)
    counts = summary_by_kind(rows)
    if as_json:
        emit_json({kind: count for kind, count in counts} if summary else [row.to_json() for row in rows])
        return
    if not summary:
        table(
            "Flags",
            ["id", "doc", "note", "severity", "kind", "status", "message", "decision"],
            (
                [row.id, row.document_id, row.footnote, row.severity, row.kind, row.status, row.message,
                 f"{row.decided_by}: {row.note}" if row.decided_by else None]
                for row in rows
            ),
        )
    table("Flags per kind", ["kind", "count"], counts)


def _decide(ctx: typer.Context, flag_id: int, status: FlagStatus, note_text: str, by: str | None, as_json: bool) -> None:
    from citetrack.review import decide  # start-up: loaded when the command runs

    row = decide(state(ctx).store(), flag_id, status, note_text, by)
    if as_json:
        emit_json(row.to_json())
    else:
        note(f"Flag {row.id} ({row.kind}) {row.status} by {row.decided_by}: {row.note}")


@app.command()
def resolve(
    ctx: typer.Context,
    flag_id: int = typer.Argument(..., metavar="ID", help="The flag's id (see `citetrack flags`)."),
    note_text: str = typer.Option(..., "--note", help="Why: what was corrected or verified."),
    by: Optional[str] = typer.Option(None, "--by", help="The reviewer (default: your login name)."),
    as_json: bool = typer.Option(False, "--json", help="Print the flag as JSON."),
) -> None:
    """Mark a flag resolved: the problem was fixed or verified."""
    _decide(ctx, flag_id, FlagStatus.RESOLVED, note_text, by, as_json)


@app.command()
def dismiss(
    ctx: typer.Context,
    flag_id: int = typer.Argument(..., metavar="ID", help="The flag's id (see `citetrack flags`)."),
    note_text: str = typer.Option(..., "--note", help="Why the flag is not a problem."),
    by: Optional[str] = typer.Option(None, "--by", help="The reviewer (default: your login name)."),
    as_json: bool = typer.Option(False, "--json", help="Print the flag as JSON."),
) -> None:
    """Mark a flag dismissed: not a problem. It reopens if its evidence changes."""
    _decide(ctx, flag_id, FlagStatus.DISMISSED, note_text, by, as_json)


def _ask(prompt: str) -> str:
    """One line from stdin (with line editing in a terminal); EOF ends the walk."""
    try:
        return input(prompt)
    except EOFError:
        sys.stdout.write("\n")
        raise


def _say(text: str) -> None:
    from citetrack.printable import terminal_safe  # start-up: loaded when the command runs

    stdout().print(terminal_safe(text), markup=False, highlight=False, emoji=False, soft_wrap=True)  # the terminal wraps: URLs stay whole


@app.command()
def review(
    ctx: typer.Context,
    document: Optional[int] = typer.Option(None, "--document", help="Only this document's flags."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only flags of this kind."),
    severity: Optional[str] = typer.Option(None, "--severity", help="Only error, warning or info."),
    by: Optional[str] = typer.Option(None, "--by", help="The reviewer (default: your login name)."),
) -> None:
    """Walk the open flags claim by claim: resolve, dismiss (with a note), skip, read the source, go back."""
    from citetrack.review import decide, review_walk  # start-up: loaded when the command runs
    from citetrack.store.flags import list_flags  # start-up: loaded when the command runs
    from citetrack.store.views import review_panels  # start-up: loaded when the command runs

    store = state(ctx).store()
    where = _filter(document, kind, "open", severity, None)
    panels = review_panels(store, list_flags(store, where))
    review_walk(panels, _ask, _say, lambda flag_id, status, text: decide(store, flag_id, status, text, by))
