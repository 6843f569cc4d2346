"""Commands about links: check, status, history."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from citetrack.cli import app
from citetrack.cli.context import state
from citetrack.cli.render import emit_json, note, stderr, table
from citetrack.config import command_config, parse_duration
from citetrack.errors import ConfigError, NotFoundError
from citetrack.models import LinkStatus

if TYPE_CHECKING:  # the checker (requests and all) loads when `check` runs, not for every command
    from citetrack.workflows.check import CheckOptions, CheckReport

STATUS_ORDER = tuple(status.value for status in LinkStatus)  # as the enum lists them
SUCCESS_STATUSES = (LinkStatus.OK.value, LinkStatus.REDIRECTED.value)
HUMAN_ROWS = 100  # rows of the human-readable table of failing links (all of them with --json)


def _duration(value: Optional[str], flag: str):
    """A duration with its unit (`7d`, `12h`): a bare number other than 0 is refused, since
    `--stale-after 7` could mean days as well as seconds."""
    if value is None:
        return None
    if re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", value) and float(value) != 0:
        raise typer.BadParameter(f"{value.strip()!r} needs a unit: {value.strip()}s, {value.strip()}m, {value.strip()}h, {value.strip()}d or {value.strip()}w", param_hint=flag)
    try:
        return parse_duration(value)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc), param_hint=flag) from None


@contextlib.contextmanager
def _progress_bar(enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr with counts by status, or a no-op callback."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[counts]}"), console=stderr(), transient=False,
    ) as bar:
        task = bar.add_task("check", total=None, counts="")

        def update(report: CheckReport) -> None:
            counts = " ".join(f"{s} {report.counts[s]}" for s in STATUS_ORDER if report.counts.get(s))
            bar.update(task, total=report.total or None, completed=report.checked, counts=counts)

        yield update


@app.command()
def check(
    ctx: typer.Context,
    stale_after: Optional[str] = typer.Option(None, "--stale-after", help="Only links not checked within this long (12h, 7d); failing links every run."),
    concurrency: Optional[int] = typer.Option(None, "--concurrency", min=1, help="Requests in flight at once (default 32)."),
    per_host: Optional[int] = typer.Option(None, "--per-host", min=1, help="Requests in flight per host (default 4)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.001, help="Connect and read timeout, seconds (default 20)."),
    dead_after: Optional[int] = typer.Option(None, "--dead-after", min=1, help="Failing checks before a link is dead (default 3; 1 = at once)."),
    dead_spacing: Optional[str] = typer.Option(None, "--dead-spacing", help="Least time between counted failures (default 3d)."),
    allow_private: Optional[bool] = typer.Option(None, "--allow-private", help="Allow loopback, private and link-local addresses.", show_default=False),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 on: dead (a link became dead), flags (a flag opened), never. Exit 3 (whatever this says, when nothing gave 1): the network was down during the run."),
    user_agent: Optional[str] = typer.Option(None, "--user-agent", help="User-Agent header (default names citetrack and its version)."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help="Read at most this much of a body (default 2 MB)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Config file (default citetrack.toml beside the store or in the working directory, or a [tool.citetrack] table in pyproject.toml)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Check the cited links; record every result; flag links confirmed dead, moved or blocked."""
    from citetrack.workflows.check import CheckOptions, check_links

    cli_values = {
        "stale_after": _duration(stale_after, "--stale-after"), "concurrency": concurrency, "per_host": per_host,
        "timeout": timeout, "dead_after": dead_after, "dead_spacing": _duration(dead_spacing, "--dead-spacing"),
        "allow_private": allow_private, "fail_on": fail_on, "user_agent": user_agent, "max_bytes": max_bytes,
    }
    cli_state = state(ctx)
    opts = CheckOptions.from_sources(command_config("check", config, cli_state.path), cli_values, keep_results=as_json)
    store = cli_state.store()
    show_bar = cli_state.shows_progress(as_json)
    with _progress_bar(show_bar) as progress:
        report = check_links(store, opts, progress)
    if as_json:
        emit_json(report.to_json())
    else:
        _render_report(report)
    code = report.exit_code(opts.fail_on)
    if code:
        raise typer.Exit(code)


def _render_report(report: CheckReport) -> None:
    counts = ", ".join(f"{report.counts[s]} {s}" for s in STATUS_ORDER if report.counts.get(s)) or "nothing due"
    note(f"Checked {report.checked} link(s): {counts}." + (f" Excluded by config: {report.excluded}." if report.excluded else ""))
    shown = [line for line in report.results if line.status not in SUCCESS_STATUSES]
    if shown:
        table("Links needing attention", ["status", "HTTP", "URL", "why"],
              [(line.status, line.http_status, line.url, line.error or line.reason) for line in shown[:HUMAN_ROWS]])
        failing = sum(n for s, n in report.counts.items() if s not in SUCCESS_STATUSES)
        if failing > HUMAN_ROWS:
            note(f"... and {failing - HUMAN_ROWS} more: see `citetrack check --json` or `citetrack status`.")
    for label, urls in (("Confirmed dead:", report.became_dead), ("Answers again:", report.revived)):
        for url in urls[:HUMAN_ROWS]:
            note(f"{label} {url}")
        if len(urls) > HUMAN_ROWS:
            note(f"{label} ... and {len(urls) - HUMAN_ROWS} more.")
    if report.flags_opened or report.flags_resolved:
        note(f"Flags: {report.flags_opened} opened, {report.flags_resolved} resolved.")
    if report.network_down:
        note(f"The network itself seemed down during this run (most hosts failed at once with DNS or connection "
             f"errors): {report.not_counted} failing check(s) were not counted towards any link's dead tally. "
             f"Run `citetrack check` again once online (exit status 3).")


@app.command()
def status(
    ctx: typer.Context,
    document: Optional[int] = typer.Option(None, "--document", help="Only this document."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Link health per document (counts and shares by status) and what changed in the last run."""
    from citetrack.workflows.browse import link_status  # start-up: loaded when the command runs

    found = link_status(state(ctx).store(), document)
    if as_json:
        emit_json(found.to_json())
        return
    health, last, changes = found.documents, found.last_run, found.changes
    table("Link health", ["id", "document", "URLs", "ok", "redir.", "dead", "soft 404", "blocked", "error", "new", "dead %"],
          [(d.document_id, d.title or d.path, d.urls, *(d.counts[s] for s in STATUS_ORDER),
            d.counts["unchecked"], f"{100 * (d.share['dead'] + d.share['soft-404']):.0f}")
           for d in health])
    if last is None:
        note("No check run yet: run `citetrack check`.")
        return
    note(f"Last check run #{last.id} started {last.started_at}" + ("" if last.finished_at else " (unfinished)") + ".")
    table("Changed since the previous check", ["URL", "from", "to", "HTTP", "checked at"],
          [(c.url, c.from_ or "(new)", c.to, c.http_status, c.checked_at[:19]) for c in changes])


@app.command()
def history(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The URL (as cited; it is normalized)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the last N checks."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One link's timeline: every check with its status, HTTP status, redirects and timing."""
    from citetrack.workflows.browse import link_history  # start-up: loaded when the command runs

    found = link_history(state(ctx).store(), url, limit)
    if as_json:
        emit_json(found.to_json())
        return
    st = found.state
    note(f"{found.url}: {st.last_status or 'never checked'}"
         + (f", failing {st.fail_count}x since {st.first_failed_at}" if st.fail_count else "")
         + (f", confirmed dead {st.confirmed_dead_at}" if st.confirmed_dead_at else ""))
    table("History", ["checked at", "status", "HTTP", "final URL", "ms", "why"],
          [(c.checked_at[:19], c.status, c.http_status, c.final_url if c.final_url != found.url else "",
            c.elapsed_ms, c.error or c.reason) for c in found.checks])
