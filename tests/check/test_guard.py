import socket

import pytest

from citetrack.check.guard import AddressRefused, forbidden_reason, literal_address, precheck_url, resolve_allowed


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
     "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "2002:7f00:1::", "64:ff9b::a9fe:a9fe"],
)
def test_forbidden_addresses(address):
    assert forbidden_reason(address) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses(address):
    assert forbidden_reason(address) is None


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.1"])
def test_literal_forms_of_loopback(host):
    assert literal_address(host) == "127.0.0.1"


@pytest.mark.parametrize("host", ["example.com", "cafe", "abc.de", "2130706433.example.com"])
def test_names_are_not_literals(host):
    assert literal_address(host) is None


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://2130706433/", "http://0x7f000001/x", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
     "http://169.254.169.254/latest/meta-data"],
)
def test_precheck_refuses_literal_private_urls(url):
    with pytest.raises(AddressRefused) as caught:
        precheck_url(url, allow_private=False)
    assert caught.value.reason == "private-address"
    assert "--allow-private" in str(caught.value)
    precheck_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/"])
def test_precheck_refuses_other_schemes(url):
    with pytest.raises(AddressRefused) as caught:
        precheck_url(url, allow_private=True)
    assert caught.value.reason in {"unsupported-scheme", "invalid-url"}


def test_resolve_refuses_a_name_with_any_private_address(monkeypatch):
    infos = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
             (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: infos)
    with pytest.raises(AddressRefused, match="10.0.0.5"):
        resolve_allowed("mixed.test", 80, allow_private=False)
    assert resolve_allowed("mixed.test", 80, allow_private=True) == infos
