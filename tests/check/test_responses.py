"""Unit tests of the HTTP layer with `responses` (no socket at all)."""

import responses

from citetrack.check.http import HttpOptions, guarded_get, make_session
from citetrack.check.run import Checker, CheckerOptions, CheckJob
from citetrack.models import LinkStatus as S

OPTS = HttpOptions(allow_private=False, timeout=2)


@responses.activate
def test_public_redirect_to_metadata_literal_is_refused_before_any_request():
    responses.add(responses.GET, "https://public.example.org/a", status=302, headers={"Location": "http://169.254.169.254/latest"})
    result = guarded_get(make_session(OPTS), "https://public.example.org/a", OPTS)
    assert result.reason == "private-address" and "link-local" in result.error
    assert len(responses.calls) == 1


@responses.activate
def test_redirect_to_decimal_loopback_is_refused():
    responses.add(responses.GET, "https://public.example.org/a", status=301, headers={"Location": "http://2130706433/admin"})
    assert guarded_get(make_session(OPTS), "https://public.example.org/a", OPTS).reason == "private-address"


@responses.activate
def test_head_405_then_get_and_title():
    responses.add(responses.HEAD, "https://news.example.org/a", status=405)
    responses.add(responses.GET, "https://news.example.org/a", status=200, body="<title>Story</title>", content_type="text/html")
    checker = Checker(CheckerOptions(http=OPTS, soft404_probe=False, head_first=True))
    result = checker.check(CheckJob("https://news.example.org/a"))
    assert (result.status, result.title) == (S.OK, "Story")
    assert [c.request.method for c in responses.calls] == ["HEAD", "GET"]


@responses.activate
def test_gone_and_relative_redirect_chain():
    responses.add(responses.HEAD, "https://news.example.org/old", status=308, headers={"Location": "/new"})
    responses.add(responses.HEAD, "https://news.example.org/new", status=410)
    responses.add(responses.GET, "https://news.example.org/old", status=308, headers={"Location": "/new"})
    responses.add(responses.GET, "https://news.example.org/new", status=410)
    result = Checker(CheckerOptions(http=OPTS, soft404_probe=False, retries=0)).check(CheckJob("https://news.example.org/old"))
    assert (result.status, result.reason) == (S.DEAD, "gone")
    assert result.redirects == ("https://news.example.org/new",) and result.permanent_redirect
