"""The shared export model: safe links, source kinds, names, keys, annotations."""

from __future__ import annotations

from citetrack.export.model import BibEntry, FlagInfo, LinkInfo, annotations, cite_keys, person_name, safe_url


def test_safe_url_allows_only_web_schemes():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x", "", None):
        assert safe_url(bad) is None


def test_kinds_of_source():
    assert BibEntry(1, "x", links=(LinkInfo("https://x.com/a/status/1"),)).kind == "post"
    assert BibEntry(1, "x", links=(LinkInfo("https://t.me/channel/5"),)).kind == "post"
    assert BibEntry(1, "x", links=(LinkInfo("https://a.example/file.PDF"),)).kind == "report"
    assert BibEntry(1, "Annual report 2020").kind == "report"
    assert BibEntry(1, "x", outlet="Valley Times").kind == "article"
    assert BibEntry(1, "x", links=(LinkInfo("https://a.example/page"),)).kind == "webpage"


def test_person_names_and_organisations():
    assert person_name("Ann Smith") == ("Ann", "Smith")
    assert person_name("Smith, Ann") == ("Ann", "Smith")
    assert person_name("Ministry of Water") is None
    assert person_name("UNICEF") is None


def test_cite_keys_are_unique_and_readable(entries):
    twins = [BibEntry(i, "x", authors=("Ann Smith",), date="2023-01-01") for i in (1, 2, 3)]
    assert list(cite_keys(twins).values()) == ["smith2023", "smith2023a", "smith2023b"]
    keys = cite_keys(entries)
    assert len(set(keys.values())) == len(entries)
    assert all(key.isascii() and key.replace("_", "").isalnum() for key in keys.values())


def test_annotations_carry_status_archives_flags_and_decisions(entries):
    lines = annotations(entries[0])
    assert lines[0] == "Link dead (HTTP 404), last checked 2024-03-10"
    assert any(line.startswith("Archived copy https://web.archive.org/") and "(2024-03-03)" in line for line in lines)
    assert any("Local snapshot 2024-03-03" in line for line in lines)
    assert "Flag misdated (warning, dismissed): Note 1: dates differ [dismissed by rev on 2024-03-11: Checked by phone]" in lines
    assert annotations(BibEntry(9, "x")) == ["No link given"]
    assert annotations(BibEntry(9, "x", links=(LinkInfo("https://a.example"),), flags=(FlagInfo(1, "moved", "warning", "m"),))) == [
        "Link not checked yet", "Flag moved (warning, open): m"]


def test_link_detail_says_why_a_link_is_dead_rather_than_the_final_status():
    from citetrack.export.model import LinkInfo, link_annotation

    home = LinkInfo(url="http://a.example/x", status="dead", http_status=200, reason="home-page", checked_at="2024-03-10T00:00:00+00:00")
    assert "redirects to the site's home page" in link_annotation(home) and "HTTP 200" not in link_annotation(home)
    live = LinkInfo(url="http://a.example/y", status="ok", http_status=200, reason=None, checked_at="2024-03-10T00:00:00+00:00")
    assert "(HTTP 200)" in link_annotation(live)
