"""Run the review app and the archive origin together: two uvicorn servers, one process, one store."""

from __future__ import annotations

import asyncio
import webbrowser

from citetrack.store import Store
from citetrack.web.app import LOOPBACK_HOSTS, AppConfig, create_app
from citetrack.web.options import ServeOptions
from citetrack.web.sandbox import create_sandbox_app


def address(options: ServeOptions) -> str:
    host = f"[{options.host}]" if ":" in options.host else options.host
    return f"http://{host}:{options.port}/"


def build_apps(store: Store, options: ServeOptions):
    """The app and its archive origin, configured from the options."""
    config = AppConfig(
        token=options.session_token, sandbox_port=options.sandbox_port, bind_host=options.host, loopback=options.loopback
    )
    app = create_app(store, config)
    if options.loopback:
        ancestors = " ".join(f"http://{h}:{options.port}" for h in ("127.0.0.1", "localhost", "[::1]"))
        sandbox = create_sandbox_app(store, ancestors, LOOPBACK_HOSTS)
    else:
        sandbox = create_sandbox_app(store, "*")
    return app, sandbox


def serve(store: Store, options: ServeOptions, announce) -> None:
    """Serve until interrupted; `announce(line)` is called once both servers listen."""
    import uvicorn

    app, sandbox = build_apps(store, options)
    servers = [
        uvicorn.Server(uvicorn.Config(app, host=options.host, port=options.port, log_level="warning", access_log=False,
                                      lifespan="off")),
        uvicorn.Server(uvicorn.Config(sandbox, host=options.host, port=options.sandbox_port, log_level="warning",
                                      access_log=False, lifespan="off")),
    ]

    async def run() -> None:
        tasks = [asyncio.create_task(server.serve()) for server in servers]
        while not all(server.started for server in servers):
            if any(task.done() for task in tasks):
                for server in servers:
                    server.should_exit = True
                await asyncio.gather(*tasks, return_exceptions=True)
                raise OSError(f"cannot listen on {options.host} ports {options.port} and {options.sandbox_port}")
            await asyncio.sleep(0.05)
        announce(f"{address(options)} token={options.session_token}")
        if options.open_browser:
            webbrowser.open(f"{address(options)}#token={options.session_token}")
        await asyncio.gather(*tasks)

    asyncio.run(run())
