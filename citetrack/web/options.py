"""The options of `citetrack serve`, validated in one place: where to listen, the session token."""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citetrack import settings
from citetrack.errors import BadInputError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """True for a name or address that only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(settings.WEB_TOKEN_BYTES)


@dataclass(frozen=True)
class ServeOptions:
    """Where the app listens and the token that every change must carry.

    A host other than loopback needs an explicit token: the app would otherwise be open to the
    network with a token nobody chose. The archived pages are served on `sandbox_port`.
    """

    db_path: Path
    host: str = settings.WEB_DEFAULT_HOST
    port: int = settings.WEB_DEFAULT_PORT
    token: str | None = None
    open_browser: bool = False
    sandbox_port: int | None = None
    session_token: str = field(init=False, default="")

    def __post_init__(self) -> None:
        if not self.host.strip():
            raise BadInputError("--host must not be empty")
        if not 0 <= self.port <= 65535:
            raise BadInputError(f"--port {self.port} is not a port number (0-65535)")
        if self.token is not None and not self.token.strip():
            raise BadInputError("--token must not be empty")
        if not is_loopback(self.host) and self.token is None:
            raise BadInputError(
                f"--host {self.host} is reachable from other machines: give a --token that reviewers will type"
            )
        sandbox = self.sandbox_port
        if sandbox is None:
            sandbox = self.port + settings.WEB_SANDBOX_PORT_OFFSET if self.port else 0
        if sandbox == self.port and self.port:
            raise BadInputError("the archive port must differ from --port")
        object.__setattr__(self, "sandbox_port", sandbox)
        object.__setattr__(self, "session_token", self.token.strip() if self.token else new_token())

    @classmethod
    def from_sources(cls, db_path: Path, config: dict[str, Any], cli: dict[str, Any]) -> ServeOptions:
        """Defaults, then the config file's validated [serve] table (`config.serve_section`), then
        the command line's values (None: not given); validated once, here, whatever their source."""
        given = {key: value for key, value in cli.items() if value is not None}
        return cls(db_path=db_path, **{**config, **given})

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)
