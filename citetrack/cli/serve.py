"""`citetrack serve`: review the store in the browser (see `citetrack.web`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from citetrack import settings
from citetrack.cli import app
from citetrack.cli.context import state
from citetrack.cli.render import note
from citetrack.config import command_config
from citetrack.web.options import ServeOptions  # light: settings and errors only


@app.command()
def serve(
    ctx: typer.Context,
    host: Optional[str] = typer.Option(
        None, "--host", help=f"Address to listen on (default {settings.WEB_DEFAULT_HOST}; other than loopback needs --token)."),
    port: Optional[int] = typer.Option(None, "--port", help=f"Port of the app (default {settings.WEB_DEFAULT_PORT})."),
    token: Optional[str] = typer.Option(None, "--token", help="The session token every change must carry (default: a random one)."),
    open_browser: Optional[bool] = typer.Option(
        None, "--open", help="Open the app in the browser, with the token set.", show_default=False),
    archive_port: Optional[int] = typer.Option(None, "--archive-port", help="Port of the separate origin that serves archived pages (default: --port + 1)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Config file with a [serve] table (found as for `check`)."),
) -> None:
    """Review in the browser: documents, the flag queue, claims with their sources, snapshots."""
    from citetrack.web.server import address, serve as run  # start-up: the web stack (starlette, uvicorn) is heavy

    cli = state(ctx)
    given = {"host": host, "port": port, "token": token, "open_browser": open_browser, "sandbox_port": archive_port}
    options = ServeOptions.from_sources(cli.path, command_config("serve", config, cli.path), given)
    store = cli.store()

    def announce(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        note(f"Open {address(options)}#token={options.session_token} to review with the token set; Ctrl-C stops.")

    try:
        run(store, options, announce)
    except KeyboardInterrupt:
        pass
