from citetrack.models import FlagKind, Severity, UrlRef
from citetrack.rules.references import (
    malformed_url_flags,
    no_url_flag,
    outlet_mismatch_flag,
    repeated_url_flags,
)


def test_a_source_without_a_link_is_flagged_with_its_named_site(cite):
    flag = no_url_flag(cite("6", 0, title="Army retakes the town", named_site="france24.com"))
    assert flag is not None and flag.kind is FlagKind.NO_URL and flag.severity is Severity.WARNING
    assert flag.evidence["domain"] == "france24.com" and flag.subject == "6#0"
    assert "france24.com" in flag.message and flag.message.startswith("Note 6:")


def test_no_url_needs_something_cited(cite):
    assert no_url_flag(cite("6", 0, outlet="Monitoring Group")) is not None
    assert no_url_flag(cite("6", 0, authors=("A. Writer",))) is not None
    assert "domain" not in no_url_flag(cite("6", 0, outlet="Monitoring Group")).evidence
    assert no_url_flag(cite("6", 0, text="See above.")) is None
    assert no_url_flag(cite("6", 0, title="A report", urls=("https://example.org/a",))) is None


def test_a_malformed_url_is_flagged_with_its_repair(cite):
    bad = UrlRef(
        written="htps://example.org/a",
        normalized="https://example.org/a",
        malformed="broken scheme",
        suggestion="https://example.org/a",
    )
    [flag] = malformed_url_flags(cite("8", 0, title="x", urls=(bad, "https://example.org/b")))
    assert flag.kind is FlagKind.MALFORMED_URL and flag.severity is Severity.ERROR
    assert flag.evidence == {
        "written": "htps://example.org/a",
        "reason": "broken scheme",
        "suggestion": "https://example.org/a",
    }
    assert flag.subject == "8#0:htps://example.org/a"
    assert "https://example.org/a" in flag.message
    assert no_url_flag(cite("8", 0, title="x", urls=(bad,))) is None


def test_repeated_url_gives_one_flag_per_url_listing_every_note(cite):
    url = "https://twitter.com/acct/status/1734951822782058853"
    citations = [
        cite("5", 0, urls=(url,)),
        cite("5", 1, urls=(url, "https://example.org/other")),
        cite("7", 0, urls=("https://example.org/other",)),
        cite("9", 0, urls=(url,)),
    ]
    flags = repeated_url_flags(citations)
    assert [(f.subject, f.footnote, f.evidence["footnotes"]) for f in flags] == [
        (url, "5", ["5", "9"]),
        ("https://example.org/other", "5", ["5", "7"]),
    ]
    assert all(f.kind is FlagKind.REPEATED_URL and f.severity is Severity.INFO for f in flags)


def test_the_same_url_twice_in_one_note_is_not_repeated(cite):
    url = "https://example.org/a"
    assert repeated_url_flags([cite("1", 0, urls=(url,)), cite("1", 1, urls=(url,))]) == []


def test_outlet_named_against_another_site(cite):
    flag = outlet_mismatch_flag(cite("3", 0, title="x", outlet="Reuters", urls=("https://www.bbc.co.uk/news/world-1",)))
    assert flag is not None and flag.kind is FlagKind.OUTLET_MISMATCH and flag.severity is Severity.WARNING
    assert flag.evidence["outlet"] == "Reuters" and flag.evidence["domain"] == "bbc.co.uk"
    assert outlet_mismatch_flag(cite("3", 0, outlet="Reuters", urls=("https://www.reuters.com/world/x",))) is None


def test_outlet_mismatch_skips_posts_shorteners_archives_and_unknown_outlets(cite):
    for url in (
        "https://twitter.com/acct/status/1734951822782058853",
        "https://bit.ly/3abcdef",
        "https://web.archive.org/web/2023/https://www.reuters.com/x",
    ):
        assert outlet_mismatch_flag(cite("3", 0, outlet="Reuters", urls=(url,))) is None, url
    assert outlet_mismatch_flag(cite("3", 0, outlet="Zyx Quarterly Bulletin", urls=("https://www.harbour-ledger.org/a",))) is None
    both = ("https://www.bbc.co.uk/a", "https://www.reuters.com/a")
    assert outlet_mismatch_flag(cite("3", 0, outlet="Reuters", urls=both)) is None
