"""Per-host identity and state."""

from urllib.parse import urlsplit

import pytest

from citetrack.check.hosts import host_key


@pytest.mark.parametrize("url", [
    "http://Example.org/a", "https://example.org:8443/x?y#z", "http://a.b:0/", "http://u:p@h.com/", "http://[::1]:80/",
    "HTTPS://EX.com", "http://h.com?q", "http://h.com#f", "http://h.com:/x", "http://h.com:99999/", "http://h.com:８０/",
    "http://h.com:80:80/", "http://h.com:0080/", "https://ex.com.:443/", "http:///path", "http://h\tx.com/",
])
def test_host_key_reads_a_url_as_urlsplit_does(url):
    """The hand-read fast path gives the same identity as the standard parser, odd URLs included."""
    try:
        parts = urlsplit(url)
        expected = f"{(parts.hostname or '').lower()}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    except ValueError:
        expected = url
    assert host_key(url) == expected
