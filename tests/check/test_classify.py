import pytest

from citetrack.check.classify import DomainRule, Fetch, Probe, classify, is_error_path, is_home_page, same_resource
from citetrack.check.pages import PageFacts
from citetrack.models import LinkStatus as S

U = "https://news.example.org/2024/05/story.html"


def fetch(*hops, **kwargs):
    return Fetch(url=hops[0][0] if hops else U, hops=tuple(hops), **kwargs)


@pytest.mark.parametrize(
    ("code", "status", "reason"),
    [(200, S.OK, None), (404, S.DEAD, "not-found"), (410, S.DEAD, "gone"), (401, S.BLOCKED, "unauthorized"),
     (402, S.BLOCKED, "payment-required"), (403, S.BLOCKED, "forbidden"), (429, S.BLOCKED, "rate-limited"),
     (451, S.BLOCKED, "unavailable-for-legal-reasons"), (500, S.ERROR, "server-error"), (503, S.ERROR, "server-error"),
     (400, S.ERROR, "client-error"), (304, S.OK, "not-modified")],
)
def test_final_status_codes(code, status, reason):
    verdict = classify(fetch((U, code)))
    assert (verdict.status, verdict.reason) == (status, reason)


@pytest.mark.parametrize(
    ("reason", "status"),
    [("no-such-host", S.DEAD), ("connection-refused", S.DEAD), ("timeout", S.ERROR), ("tls", S.ERROR),
     ("redirect-loop", S.ERROR), ("private-address", S.ERROR), ("connection-dropped", S.ERROR)],
)
def test_network_outcomes(reason, status):
    assert classify(Fetch(url=U, error_reason=reason, error="x")).status == status


def test_redirect_to_home_page_is_dead():
    verdict = classify(fetch((U, 301), ("https://news.example.org/", 200), permanent=True))
    assert (verdict.status, verdict.reason) == (S.DEAD, "home-page")


def test_redirect_to_404_like_path_is_dead():
    verdict = classify(fetch((U, 302), ("https://www.news.example.org/errors/404.html", 200)))
    assert (verdict.status, verdict.reason) == (S.DEAD, "error-page")


def test_redirect_to_live_page_is_redirected():
    verdict = classify(fetch((U, 301), ("https://news.example.org/story-2024", 200), permanent=True))
    assert verdict.status == S.REDIRECTED and verdict.evidence["permanent"]


def test_home_page_redirecting_to_itself_with_slash_is_not_dead():
    verdict = classify(fetch(("http://example.org", 301), ("https://example.org/", 200), permanent=True))
    assert verdict.status == S.REDIRECTED


def test_bot_wall_is_blocked_never_dead():
    verdict = classify(fetch((U, 403), headers={"cf-mitigated": "challenge"}))
    assert (verdict.status, verdict.reason) == (S.BLOCKED, "bot-wall")


def test_domain_rules_override():
    assert classify(fetch((U, 404)), rule=DomainRule(blocked_statuses=frozenset({404}))).status == S.BLOCKED
    assert classify(fetch((U, 999)), rule=DomainRule(ok_statuses=frozenset({999}))).status == S.OK


def test_error_title_makes_a_soft_404():
    page = PageFacts(title="Page introuvable - Le Site", heading=None, text="x")
    assert classify(fetch((U, 200)), page=page).status == S.SOFT_404


def test_page_same_as_random_path_is_soft_404():
    missing = PageFacts("Welcome", None, "Welcome to our site. Nothing at /abc-random here.")
    probe = Probe(status=200, final_url="https://news.example.org/abc-random", page=missing, path="/abc-random")
    page = PageFacts("Welcome", None, "Welcome to our site. Nothing at /2024/05/story.html here.")
    assert classify(fetch((U, 200)), page=page, probe=probe).reason == "same-as-missing-page"
    other = PageFacts("Story", None, "A long story about grain exports and shipping through the delta. " * 20)
    assert classify(fetch((U, 200)), page=other, probe=probe).status == S.OK


def test_honest_probe_changes_nothing():
    probe = Probe(status=404, final_url=None)
    assert classify(fetch((U, 200)), page=PageFacts("Story", None, "text"), probe=probe).status == S.OK


def test_url_helpers():
    assert is_home_page("https://a.org/") and is_home_page("https://a.org/en/") and not is_home_page("https://a.org/ok")
    assert is_error_path("https://a.org/404") and is_error_path("https://a.org/x?aspxerrorpath=/y")
    assert not is_error_path("https://a.org/report-2024")
    assert same_resource("http://www.a.org/x/", "https://a.org/x")
    assert not same_resource("https://a.org/x", "https://a.org/y")
