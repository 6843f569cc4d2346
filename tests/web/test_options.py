"""`citetrack serve` options: loopback by default; any other host refuses to start without --token."""

from __future__ import annotations

from pathlib import Path

import pytest

from citetrack.errors import BadInputError
from citetrack.web.options import ServeOptions, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "10.0.0.1", "example.org", "::", "citetrack.local"])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def test_default_is_loopback_with_a_random_token_and_the_archive_on_the_next_port():
    one, two = ServeOptions(Path("x.db")), ServeOptions(Path("x.db"))
    assert one.host == "127.0.0.1" and one.port == 8750 and one.sandbox_port == 8751
    assert len(one.session_token) >= 24 and one.session_token != two.session_token


def test_a_non_loopback_host_needs_a_token():
    with pytest.raises(BadInputError, match="--token"):
        ServeOptions(Path("x.db"), host="0.0.0.0")
    assert ServeOptions(Path("x.db"), host="0.0.0.0", token="s3cret").session_token == "s3cret"


def test_bad_ports_and_empty_tokens_are_refused():
    for kwargs in ({"port": 70000}, {"token": " "}, {"port": 9000, "sandbox_port": 9000}):
        with pytest.raises(BadInputError):
            ServeOptions(Path("x.db"), **kwargs)


def test_cli_refuses_to_serve_on_the_network_without_a_token(cli, tmp_db):
    result = cli("serve", "--host", "0.0.0.0", "--port", "8799")
    assert result.exit_code == 2
    assert "--token" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not tmp_db.exists()  # nothing was opened or written


def test_a_taken_port_is_one_clear_error_before_anything_starts():
    import socket

    from citetrack.web.server import bind

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(BadInputError, match="cannot listen on 127.0.0.1 port"):
            bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()


def test_serve_options_come_from_defaults_then_the_serve_table_then_the_command_line():
    from citetrack.config import serve_section

    section = serve_section({"serve": {"port": 9100, "archive_port": 9200, "open": True}}, "citetrack.toml")
    opts = ServeOptions.from_sources(Path("x.db"), section, {"host": None, "port": 9300, "open_browser": None})
    assert (opts.host, opts.port, opts.sandbox_port, opts.open_browser) == ("127.0.0.1", 9300, 9200, True)


@pytest.mark.parametrize("table, message", [
    ({"token": "s3cret"}, "unknown key serve.token"),
    ({"port": 70000}, "serve.port 70000 is not a port number"),
    ({"open": "yes"}, "serve.open must be bool"),
])
def test_a_bad_serve_table_is_refused_with_its_key(table, message):
    from citetrack.config import serve_section
    from citetrack.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        serve_section({"serve": table}, "citetrack.toml")


def test_the_serve_table_reaches_the_command(cli, tmp_db, tmp_path):
    config = tmp_path / "serve.toml"
    config.write_text('[serve]\nhost = "0.0.0.0"\n')
    result = cli("serve", "--config", str(config))
    assert result.exit_code == 2 and "--host 0.0.0.0 is reachable from other machines" in result.stderr
    assert not tmp_db.exists()
