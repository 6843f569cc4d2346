"""Archive commands: `archive` (snapshot, look up, compare), `search` (full text), `snapshot`
(read a stored page back), `show` (one claim with its sources, copies, flags and best passages)."""

from __future__ import annotations

import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from citetrack.cli import app
from citetrack.cli.context import state
from citetrack.cli.render import emit_json, note, stderr, stdout, table
from citetrack.config import command_config
from citetrack.errors import BadInputError
from citetrack.printable import terminal_safe

if TYPE_CHECKING:  # the store loads when a command runs
    from citetrack.store.archive import SourceLink  # start-up: for the type only


def escape(value: object) -> str:
    """A value for a rich markup string: control characters shown escaped, markup not read."""
    from rich.markup import escape as escape_markup

    return escape_markup(terminal_safe(value))


@app.command()
def archive(
    ctx: typer.Context,
    allow_private: Optional[bool] = typer.Option(None, "--allow-private", help="Allow loopback and private addresses.", show_default=False),
    no_wayback: Optional[bool] = typer.Option(None, "--no-wayback", help="Do not look up or request public archive copies.", show_default=False),
    save: Optional[bool] = typer.Option(None, "--save", help="Ask Save Page Now to capture pages with no public copy.", show_default=False),
    concurrency: Optional[int] = typer.Option(None, "--concurrency", help="Pages fetched at once (default 8)."),
    per_host: Optional[int] = typer.Option(None, "--per-host", help="Pages fetched at once from one host (default 4)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Seconds per request (default 20)."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Largest body kept per page (default 20 MB)."),
    extract_timeout: Optional[float] = typer.Option(
        None, "--extract-timeout", help="Seconds one page's extraction may take (default 30); then it is noted and skipped."),
    config: Optional[Path] = typer.Option(None, "--config", help="Config file with an [archive] table (found as for `check`)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Snapshot every reachable cited page (WARC), extract what it says, and check citations against it."""
    from citetrack.workflows.archive import ArchiveOptions, archive_sources  # start-up: loaded when the command runs

    cli_values = {
        "allow_private": allow_private, "wayback": None if no_wayback is None else not no_wayback, "save": save,
        "concurrency": concurrency, "per_host": per_host, "timeout": timeout, "max_bytes": max_bytes,
        "extract_timeout": extract_timeout,
    }
    opts = ArchiveOptions.from_sources(command_config("archive", config, state(ctx).path), cli_values)
    store = state(ctx).store()
    progress = None
    if state(ctx).shows_progress(as_json):
        def progress(done: int, total: int, url: str) -> None:  # noqa: ANN001
            stderr().print(f"[dim]{done}/{total}[/dim] {escape(terminal_safe(url, newline=False))}", highlight=False)
    report = archive_sources(store, opts, progress)
    if as_json:
        emit_json(report.to_json())
        return
    table("Snapshots", ["URL", "status", "HTTP", "title", "published", "public copy", "error"],
          [(s.url, s.status, s.http_status, s.title, s.published, s.archive_url,
            "; ".join(filter(None, [s.error, s.note])) or None) for s in report.snapshots])
    failed = sum(1 for s in report.snapshots if s.status == "failed")
    note(f"{report.archived} page(s) archived, {failed} failed, {report.lookups} public lookup(s), "
         f"{report.flags} open archive flag(s).")


@app.command()
def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="Words to find in the archived texts."),
    limit: int = typer.Option(50, "--limit", help="At most this many sources."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Full-text search of the archived sources: which sources mention it, and the claims citing them."""
    from citetrack.store.archive import search_snapshots  # start-up: loaded when the command runs

    if not text.strip():
        raise BadInputError("give some words to search for")
    rows = search_snapshots(state(ctx).store(), text, limit)
    if as_json:
        emit_json([{"url": r.url, "title": r.title, "fetched_at": r.fetched_at, "snippet": r.snippet,
                    "claims": [asdict(c) for c in r.claims]} for r in rows])
        return
    table(f"Sources mentioning {text!r}", ["URL", "title", "passage", "claims"],
          [(r.url, r.title, r.snippet, ", ".join(f"#{c.id} (note {c.footnote})" for c in r.claims)) for r in rows])


@app.command()
def snapshot(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="A cited URL (as cited or normalized)."),
    date: Optional[str] = typer.Option(None, "--date", help="The snapshot taken on or before this day (YYYY-MM-DD)."),
    text: bool = typer.Option(False, "--text", help="Print the extracted main text instead of the stored body."),
    as_json: bool = typer.Option(False, "--json", help="Print the snapshot's metadata as JSON."),
) -> None:
    """Print a stored snapshot of a URL, read back from its WARC file."""
    from citetrack.workflows.browse import find_snapshot, parse_day, snapshot_main_text, snapshot_response  # start-up: on run

    store = state(ctx).store()
    choice = find_snapshot(store, url, parse_day(date))
    if as_json:
        emit_json(choice.to_json())
        return
    if text:
        sys.stdout.write(terminal_safe(snapshot_main_text(store, choice)) + "\n")
        return
    stored = snapshot_response(store, choice)
    chosen = choice.chosen
    note(f"{chosen.url} — fetched {chosen.fetched_at}, HTTP {stored.http_status}, {chosen.warc_file}")
    if sys.stdout.isatty():  # raw bytes only into a pipe or a file: a terminal sees escapes
        sys.stdout.write(terminal_safe(stored.body.decode("utf-8", "replace")))
    else:
        sys.stdout.buffer.write(stored.body)
    sys.stdout.flush()


def _highlight(passage: str, facts: list[str]) -> str:
    """The passage with the facts found in it in bold (rich markup; the rest escaped)."""
    if not facts:
        return escape(passage)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(facts, key=len, reverse=True)), re.I)
    out, last = [], 0
    for match in pattern.finditer(passage):
        out.append(escape(passage[last:match.start()]))
        out.append(f"[bold yellow]{escape(match.group(0))}[/bold yellow]")
        last = match.end()
    out.append(escape(passage[last:]))
    return "".join(out)


@app.command()
def show(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="CLAIM_ID"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One claim: its notes, each source's link status, archived copies, flags, and best passage."""
    from citetrack.workflows.review import show_claim  # start-up: loaded when the command runs

    view = show_claim(state(ctx).store(), claim_id)
    claim = view.claim
    if as_json:
        emit_json(view.to_json())
        return
    stdout().print(f"[bold]Claim {claim.id}[/bold] (document {claim.document_id}): {escape(claim.text)}")
    for n in view.notes:
        stdout().print(f"  [dim]note {n.label}:[/dim] {escape(n.text)}")
    for citation in view.citations:
        stdout().print(f"\n[bold]Source[/bold] (note {citation.footnote}): {escape(citation.title or citation.text)}")
        stdout().print(f"  outlet: {escape(citation.outlet or '-')}   date: {escape(citation.date or '-')}")
        if not citation.urls:
            stdout().print("  [dim]no link[/dim]")
        for url in citation.urls:
            _print_link(url)
    if view.flags:
        stdout().print("\n[bold]Flags[/bold]")
        for flag in view.flags:
            stdout().print(f"  #{flag.id} {escape('[' + flag.severity + ']')} {escape(flag.kind)} ({escape(flag.status)}): "
                         f"{escape(flag.message)}")


def _print_link(url: SourceLink) -> None:
    """One link of a source in `show`: its status, local and public copies, and the best passage."""
    check = url.last_check
    status = f"{check.status} (HTTP {check.http_status}, {check.checked_at})" if check else (url.last_status or "never checked")
    stdout().print(f"  {escape(url.url or url.written)}  [cyan]{escape(status)}[/cyan]")
    for snap in url.snapshots:
        stdout().print(f"    local copy {snap.fetched_at}: {escape(snap.title or '')} "
                     f"[dim]({escape(snap.warc_file)}, published {escape(snap.published or '?')})[/dim]")
    for copy in url.public_archives:
        stdout().print(f"    public copy {copy.archived_at}: {escape(copy.archive_url)}")
    if not url.snapshots and not url.public_archives:
        stdout().print("    [dim]no archived copy[/dim]")
    if url.passage:
        stdout().print(f"    best passage: “{_highlight(url.passage.text, url.passage.facts_found)}”")
