"""The configuration file: `citetrack.toml` (beside the store, or in the working directory), or
`[tool.citetrack]` in `pyproject.toml`. The command line wins over the file, the file over the
defaults. Each area reads its own table (`[check]` for link checks); unknown keys are errors.

Example `citetrack.toml`:

    [check]
    stale_after = "7d"        # recheck links not checked within a week (failing ones: every run)
    concurrency = 32
    per_host = 4
    timeout = 20              # seconds
    dead_after = 3            # failing checks before a link is confirmed dead...
    dead_spacing = "3d"       # ...each at least this long after the previous counted one
    fail_on = "dead"          # dead, flags or never
    allow_private = false
    user_agent = "citetrack (+mailto:me@example.org)"
    max_bytes = 2097152
    retries = 3

    [check.domains."twitter.com"]     # covers its subdomains too
    blocked_statuses = [400, 403, 404]  # X answers bots with 4xx: not verifiable, never dead
    [check.domains."linkedin.com"]
    blocked_statuses = [999]
    [check.domains."intranet.example.org"]
    exclude = true
    [check.domains."slow.example.net"]
    per_host = 1

    [archive]
    concurrency = 8           # pages fetched at once, all hosts together
    per_host = 4              # pages fetched at once from one host
    timeout = 20              # seconds to connect and between bytes of one page
    max_bytes = 20971520      # a larger body is cut (and the snapshot marked truncated)
    extract_timeout = 30      # seconds one page's extraction may take
    wayback = true            # look up (and with save = true, request) public archive copies
    save = false
    allow_private = false
    user_agent = "citetrack (+mailto:me@example.org)"

    [serve]
    host = "127.0.0.1"        # another address needs --token on the command line
    port = 8750
    archive_port = 8751       # the separate origin of archived pages (default: port + 1)
    open = false              # open the browser
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from citetrack.errors import ConfigError
from citetrack.models import DomainRule

CONFIG_NAME = "citetrack.toml"

CHECK_KEYS: dict[str, type | tuple[type, ...]] = {
    "stale_after": (str, int), "concurrency": int, "per_host": int, "timeout": (int, float), "dead_after": int,
    "dead_spacing": (str, int), "allow_private": bool, "fail_on": str, "user_agent": str, "max_bytes": int,
    "retries": int, "head_first": bool, "domains": dict,
}
DOMAIN_KEYS: dict[str, type | tuple[type, ...]] = {
    "exclude": bool, "ok_statuses": list, "blocked_statuses": list, "per_host": int,
}
FAIL_ON = ("dead", "flags", "never")
# The [archive] table: key -> accepted types. `extract_timeout` is ArchiveOptions.extract_seconds.
ARCHIVE_KEYS: dict[str, type | tuple[type, ...]] = {
    "concurrency": int, "per_host": int, "timeout": (int, float), "max_bytes": int,
    "extract_timeout": (int, float), "wayback": bool, "save": bool, "allow_private": bool, "user_agent": str,
}
ARCHIVE_RENAMED = {"extract_timeout": "extract_seconds"}  # config/option name -> ArchiveOptions field
# The [serve] table: where `citetrack serve` listens. No token here: a file is no place for a secret.
SERVE_KEYS: dict[str, type | tuple[type, ...]] = {"host": str, "port": int, "archive_port": int, "open": bool}
SERVE_RENAMED = {"archive_port": "sandbox_port", "open": "open_browser"}  # config/option name -> ServeOptions field
_AT_LEAST_ONE = ("concurrency", "per_host", "max_bytes")
_POSITIVE = ("timeout", "extract_timeout")


def validate_fail_on(value: str, where: str) -> str:
    """`value` when it is one of FAIL_ON; else a ConfigError naming where it was given (the one
    check of `fail_on`, whether it comes from the config file or the command line)."""
    if value not in FAIL_ON:
        raise ConfigError(f"{where} must be one of {', '.join(FAIL_ON)} (not {value!r})")
    return value

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(w|d|h|m|s)", re.I)
_UNIT = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text: str | int | float) -> timedelta:
    """`7d`, `12h`, `30m`, `90s`, `2w`, `1d12h` (a bare number is seconds)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text < 0:
            raise ConfigError(f"negative duration: {text}")
        return timedelta(seconds=text)
    value = str(text).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return timedelta(seconds=float(value))
    if not value or _DURATION.sub("", value).strip():
        raise ConfigError(f"invalid duration {text!r}: use e.g. 12h, 7d, 30m, 1d12h")
    return timedelta(seconds=sum(float(n) * _UNIT[u.lower()] for n, u in _DURATION.findall(value)))


def find_config(explicit: Path | None = None, store_path: Path | None = None, cwd: Path | None = None) -> Path | None:
    """The config file to use: `--config`, else citetrack.toml beside the store, else in the
    working directory, else a pyproject.toml there that has a [tool.citetrack] table."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return explicit
    cwd = cwd or Path.cwd()
    candidates = []
    if store_path is not None:
        candidates.append(Path(store_path).parent / CONFIG_NAME)
    candidates.append(cwd / CONFIG_NAME)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file() and "citetrack" in _read(pyproject).get("tool", {}):
        return pyproject
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def load_config(path: Path | None) -> dict[str, Any]:
    """The citetrack tables of a config file ({} without one)."""
    if path is None:
        return {}
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("citetrack", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.citetrack] must be a table")
    return data


def _check_type(where: str, key: str, value: Any, expected: type | tuple[type, ...]) -> None:
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in types:
        raise ConfigError(f"{where}: {key} must be {' or '.join(t.__name__ for t in types)}, not a boolean")
    if not isinstance(value, types):
        raise ConfigError(f"{where}: {key} must be {' or '.join(t.__name__ for t in types)}")


def _typed_items(config: dict[str, Any], table: str, known: dict[str, Any], source: str) -> list[tuple[str, Any]]:
    """The (key, value) pairs of the `[table]` table, each key known and its value of the right type."""
    section = config.get(table, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{source}: [{table}] must be a table")
    return list(_known_items(section, table, known, source))


def _known_items(section: dict[str, Any], name: str, known: dict[str, Any], source: str) -> Iterator[tuple[str, Any]]:
    """Each (key, value) of the table `name` in turn, once its key is known and its value of the
    right type (a ConfigError naming `name.key` otherwise); lazy, so a caller's own checks of one
    key run before the next key is looked at."""
    for key, value in section.items():
        if key not in known:
            raise ConfigError(f"{source}: unknown key {name}.{key} (known: {', '.join(sorted(known))})")
        _check_type(source, f"{name}.{key}", value, known[key])
        yield key, value


def check_section(config: dict[str, Any], source: str = "config") -> dict[str, Any]:
    """The validated `[check]` table: known keys, right types, durations parsed, domains checked."""
    out: dict[str, Any] = {}
    for key, value in _typed_items(config, "check", CHECK_KEYS, source):
        if key in ("stale_after", "dead_spacing"):
            value = parse_duration(value)
        elif key == "fail_on":
            validate_fail_on(value, f"{source}: check.fail_on")
        elif key in ("concurrency", "per_host", "max_bytes", "dead_after") and value < 1:
            raise ConfigError(f"{source}: check.{key} must be at least 1")
        elif key in ("timeout",) and value <= 0:
            raise ConfigError(f"{source}: check.timeout must be positive")
        elif key == "domains":
            value = {domain.lower().strip("."): _domain_rule(source, domain, rule) for domain, rule in value.items()}
        out[key] = value
    return out


def archive_section(config: dict[str, Any], source: str = "config") -> dict[str, Any]:
    """The validated `[archive]` table, keyed by ArchiveOptions field: known keys, right types,
    counts at least 1, durations positive."""
    out: dict[str, Any] = {}
    for key, value in _typed_items(config, "archive", ARCHIVE_KEYS, source):
        check_archive_value(f"{source}: archive.{key}", key, value)
        out[ARCHIVE_RENAMED.get(key, key)] = value
    return out


def serve_section(config: dict[str, Any], source: str = "config") -> dict[str, Any]:
    """The validated `[serve]` table, keyed by ServeOptions field: known keys, right types, ports
    in 0-65535 (ServeOptions checks the rest, for the file and the command line alike)."""
    out: dict[str, Any] = {}
    for key, value in _typed_items(config, "serve", SERVE_KEYS, source):
        if key.endswith("port") and not 0 <= value <= 65535:
            raise ConfigError(f"{source}: serve.{key} {value} is not a port number (0-65535)")
        out[SERVE_RENAMED.get(key, key)] = value
    return out


def check_archive_value(where: str, key: str, value: Any) -> None:
    """A ConfigError unless an [archive] count is at least 1 and a number of seconds positive;
    the same test for the file and for the command line (`where` names which)."""
    if key in _AT_LEAST_ONE and value < 1:
        raise ConfigError(f"{where} must be at least 1")
    if key in _POSITIVE and value <= 0:
        raise ConfigError(f"{where} must be positive")


def command_config(table: str, explicit: Path | None = None, store_path: Path | None = None) -> dict[str, Any]:
    """The validated `[table]` ("check", "archive" or "serve") of the config file a command uses
    (`find_config`: --config, beside the store, the working directory); {} without a file."""
    path = find_config(explicit, store_path)
    if path is None:
        return {}
    return _SECTIONS[table](load_config(path), str(path))


def _domain_rule(source: str, domain: str, rule: Any) -> dict[str, Any]:
    if not isinstance(rule, dict):
        raise ConfigError(f"{source}: check.domains.{domain} must be a table")
    for key, value in _known_items(rule, f"check.domains.{domain}", DOMAIN_KEYS, source):
        if isinstance(value, list) and not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ConfigError(f"{source}: check.domains.{domain}.{key} must list HTTP status numbers")
    return DomainRule(
        exclude=rule.get("exclude", False),
        ok_statuses=frozenset(rule.get("ok_statuses", ())),
        blocked_statuses=frozenset(rule.get("blocked_statuses", ())),
        per_host=rule.get("per_host"),
    )


# The tables a command reads with `command_config`, by name.
_SECTIONS = {"check": check_section, "archive": archive_section, "serve": serve_section}
