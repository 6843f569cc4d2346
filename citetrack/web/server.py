"""Run the review app and the archive origin together: two uvicorn servers, one process, one store."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import threading
import webbrowser

from citetrack.errors import BadInputError
from citetrack.store import Store
from citetrack.web.app import AppConfig, allowed_hosts, create_app
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
        names = dict.fromkeys(("127.0.0.1", "localhost", "[::1]", f"[{options.host}]" if ":" in options.host else options.host))
        ancestors = " ".join(f"http://{name}:{options.port}" for name in names)
        sandbox = create_sandbox_app(store, ancestors, allowed_hosts(options.host))
    else:
        sandbox = create_sandbox_app(store, "*")
    return app, sandbox


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or one clear error (port taken, address not here) before anything starts."""
    name = host.strip("[]")
    family = socket.AF_INET6 if ":" in name else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((name, port))
    except OSError as exc:
        sock.close()
        raise BadInputError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def serve(store: Store, options: ServeOptions, announce) -> None:
    """Serve until interrupted; `announce(line)` is called once both servers listen."""
    import uvicorn

    class QuietServer(uvicorn.Server):
        """A server that leaves signals to `serve`, which stops both servers on SIGINT or SIGTERM
        (each uvicorn server would otherwise take the handlers from the other)."""

        @contextlib.contextmanager
        def capture_signals(self):
            yield

    app, sandbox = build_apps(store, options)
    sockets = [bind(options.host, options.port)]
    try:
        sockets.append(bind(options.host, options.sandbox_port))
    except BadInputError:
        sockets[0].close()
        raise
    servers = [
        QuietServer(uvicorn.Config(app, host=options.host, port=options.port, log_level="warning", access_log=False,
                                      lifespan="off")),
        QuietServer(uvicorn.Config(sandbox, host=options.host, port=options.sandbox_port, log_level="warning",
                                      access_log=False, lifespan="off")),
    ]

    def stop(*_: object) -> None:
        for server in servers:
            server.force_exit = server.should_exit  # a second Ctrl-C stops at once
            server.should_exit = True

    async def run() -> None:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, stop)
        tasks = [asyncio.create_task(server.serve(sockets=[sock])) for server, sock in zip(servers, sockets)]
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
