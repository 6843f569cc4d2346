"""`citetrack serve`: review the store in the browser (see `citetrack.web`)."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from citetrack import settings
from citetrack.cli import app
from citetrack.cli.context import state
from citetrack.cli.render import note


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option(settings.WEB_DEFAULT_HOST, "--host", help="Address to listen on (other than loopback needs --token)."),
    port: int = typer.Option(settings.WEB_DEFAULT_PORT, "--port", help="Port of the app."),
    token: Optional[str] = typer.Option(None, "--token", help="The session token every change must carry (default: a random one)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the app in the browser, with the token set."),
    archive_port: Optional[int] = typer.Option(None, "--archive-port", help="Port of the separate origin that serves archived pages (default: --port + 1)."),
) -> None:
    """Review in the browser: documents, the flag queue, claims with their sources, snapshots."""
    from citetrack.web.options import ServeOptions
    from citetrack.web.server import address, serve as run

    cli = state(ctx)
    options = ServeOptions(db_path=cli.path, host=host, port=port, token=token, open_browser=open_browser,
                           sandbox_port=archive_port)
    store = cli.store()

    def announce(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        note(f"Open {address(options)}#token={options.session_token} to review with the token set; Ctrl-C stops.")

    try:
        run(store, options, announce)
    except KeyboardInterrupt:
        pass
