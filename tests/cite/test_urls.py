"""URL extraction, repair of evident slips, identity, domains and social posts."""

from __future__ import annotations

import pytest

from citetrack.cite import urls as url_module
from citetrack.cite.urls import extract_urls, is_social_post, normalize_url, registered_domain


def written(text: str) -> list[str]:
    return [ref.written for _, ref in extract_urls(text)]


def test_spans_point_at_the_written_url() -> None:
    text = "Someone. (1.2.2023) Outlet. <https://news.example/a/b-2023/> ; next"
    [((start, end), ref)] = extract_urls(text)
    assert text[start:end] == ref.written == "https://news.example/a/b-2023/"
    assert ref.malformed is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://news.example/a.", ["https://news.example/a"]),
        ("see https://news.example/a, and", ["https://news.example/a"]),
        ("see https://news.example/a;", ["https://news.example/a"]),
        ("(see https://news.example/a)", ["https://news.example/a"]),
        ("(https://en.example.org/wiki/Foo_(bar))", ["https://en.example.org/wiki/Foo_(bar)"]),
        ('"https://news.example/a",', ["https://news.example/a"]),
        ("“https://news.example/a”", ["https://news.example/a"]),
        ("<https://news.example/a>.", ["https://news.example/a"]),
        ("https://a.example/xhttps://b.example/y", ["https://a.example/x", "https://b.example/y"]),
        ("https://a.example/x.https://b.example/y", ["https://a.example/x", "https://b.example/y"]),
        ("https://a.example/x ; https://b.example/y", ["https://a.example/x", "https://b.example/y"]),
        ("https://web.archive.org/web/2023/https://news.example/a", ["https://web.archive.org/web/2023/https://news.example/a"]),
        ("https://r.example/?u=https://news.example/a", ["https://r.example/?u=https://news.example/a"]),
        ("bare www.bbc.co.uk/news/x-1).", ["www.bbc.co.uk/news/x-1"]),
        ("no url here, only e.g. a.b and mail@www.example.com", []),
        ("a lone https:// and more words", []),
        ("http://127.0.0.1:8000/page", ["http://127.0.0.1:8000/page"]),
    ],
)
def test_extraction_cleans_and_splits(text: str, expected: list[str]) -> None:
    assert written(text) == expected


def test_bare_www_gets_https() -> None:
    [(_, ref)] = extract_urls("www.bbc.co.uk/news/x")
    assert ref.normalized == "https://www.bbc.co.uk/news/x"
    assert ref.malformed is None


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("htps://www.reuters.com/a", "https://www.reuters.com/a"),
        ("http//news.example/a", "http://news.example/a"),
        ("https//news.example/a", "https://news.example/a"),
        ("https:/news.example/a", "https://news.example/a"),
        ("hxxps://news.example/a", "https://news.example/a"),
        ("www.reuters .com/world/x", "https://www.reuters.com/world/x"),
        ("https://www.reuters .com/world/x", "https://www.reuters.com/world/x"),
        ("https://www.reuters. com/world/x", "https://www.reuters.com/world/x"),
        ("https://www .reuters.com/world/x", "https://www.reuters.com/world/x"),
        ("https:// www.reuters.com/world/x", "https://www.reuters.com/world/x"),
        ("htps:// news.example/a", "https://news.example/a"),
        ("ttps://news.example/a", "https://news.example/a"),  # the scheme's first letter lost
        ("https:://news.example/a", "https://news.example/a"),  # a colon typed twice
    ],
)
def test_malformed_with_an_evident_repair(text: str, suggestion: str) -> None:
    [((start, end), ref)] = extract_urls(text)
    assert ref.malformed
    assert ref.suggestion == suggestion
    assert ref.normalized == normalize_url(suggestion)
    assert (start, end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "https://www.lemonde.fr/afrique/article/2023/…",
        "https://www.lemonde.fr/afrique/article...",
        "https://www.reuters/world/africa",
        "https://www.lemonde.fr/…/article-123.html",
        "https://www.lemonde.fr/afrique/.../article-123.html",
    ],
)
def test_truncated_urls_are_malformed_without_suggestion(text: str) -> None:
    [(_, ref)] = extract_urls(text)
    assert ref.malformed
    assert ref.suggestion is None
    assert ref.written == text


def test_a_good_url_next_to_a_word_is_not_joined() -> None:
    assert written("www.reuters.com. Then the army") == ["www.reuters.com"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.News.Example:443/World/A?utm_source=x&id=3&fbclid=1#frag", "https://www.news.example/World/A?id=3"),
        ("http://news.example:80/a", "http://news.example/a"),
        ("http://news.example:8080/a", "http://news.example:8080/a"),
        ("https://news.example/a?", "https://news.example/a"),
        ("https://news.example", "https://news.example/"),
        ("https://news.example/a?b=2&a=1", "https://news.example/a?b=2&a=1"),
        ("https://news.example/a?s=20", "https://news.example/a?s=20"),  # s is tracking only on X
        ("https://x.com/Someone/status/123?s=20", "https://twitter.com/Someone/status/123"),
        ("https://twitter.com/Someone/status/123?s=20&t=abc", "https://twitter.com/Someone/status/123"),
        ("https://mobile.twitter.com/Someone/status/123/photo/1", "https://twitter.com/Someone/status/123"),
        ("https://twitter.com/#!/someone/status/1234", "https://twitter.com/someone/status/1234"),
        ("https://www.youtube.com/watch?v=abc&si=xyz&feature=share", "https://www.youtube.com/watch?v=abc"),
        ("https://news.example/a?mc_cid=1&mc_eid=2&igshid=3&gclid=4&ref_src=5", "https://news.example/a"),
        ("www.bbc.co.uk/x", "https://www.bbc.co.uk/x"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


def test_normalize_is_idempotent() -> None:
    for url in ("https://x.com/A/status/1?s=1", "HTTP://A.example:80/B?utm_x=1&c=2#d"):
        once = normalize_url(url)
        assert normalize_url(once) == once


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("https://www.bbc.co.uk/news", "bbc.co.uk"),
        ("https://fr.al-ain.com/article/x", "al-ain.com"),
        ("aa.com.tr", "aa.com.tr"),
        ("HTTPS://WWW.REUTERS.COM/a", "reuters.com"),
        ("http://127.0.0.1:8000/", "127.0.0.1"),
        ("localhost", "localhost"),
        ("www.reuters", None),
        ("", None),
    ],
)
def test_registered_domain(value: str, expected: str | None) -> None:
    assert registered_domain(value) == expected


def test_registered_domain_never_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    import requests

    def refuse(*args, **kwargs):
        raise AssertionError("tldextract tried the network")

    monkeypatch.setattr(requests.Session, "request", refuse)
    url_module._extractor.cache_clear()
    assert registered_domain("news.bbc.co.uk") == "bbc.co.uk"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://twitter.com/a/status/1739564501798629818", True),
        ("https://x.com/a/status/1", True),
        ("https://www.facebook.com/page/posts/123", True),
        ("https://m.facebook.com/story.php?story_fbid=1", True),
        ("https://t.me/channel/123", True),
        ("https://www.instagram.com/p/abc/", True),
        ("https://www.youtube.com/watch?v=x", True),
        ("https://youtu.be/abcdefg", True),
        ("https://twitter.com/someone", False),
        ("https://t.me/channel", False),
        ("https://www.reuters.com/world/x", False),
    ],
)
def test_is_social_post(url: str, expected: bool) -> None:
    assert is_social_post(url) is expected
