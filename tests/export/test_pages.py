"""Markdown and HTML bibliographies: grouped by document and note, escaped, Robust Links."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given, settings as hsettings, strategies as st
from markdown_it import MarkdownIt

from citetrack.export import export
from citetrack.export.model import BibEntry, LinkInfo
from citetrack.export.pages import group_entries


def _soup(entries) -> BeautifulSoup:
    return BeautifulSoup(export(entries, "html"), "lxml")


def test_grouping_by_document_then_note(entries):
    groups = group_entries(entries)
    assert [g.title for g in groups] == ["A paper on <wells>", "/docs/other.md"]
    assert [n.heading for n in groups[0].notes] == ["Note 1", "Note 2", "Note 3"]
    assert [n.heading for n in groups[1].notes] == ["Unnumbered citations"]


def test_html_is_self_contained_and_runs_nothing(entries):
    soup = _soup(entries)
    assert not soup.find_all("script") and not soup.find_all(src=True)
    assert not soup.find_all("link", rel="stylesheet") and soup.find("style")
    assert "default-src 'none'" in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert all(not a["href"].lower().startswith("javascript") for a in soup.find_all("a", href=True))
    assert "javascript:alert(1)" in soup.get_text()  # shown as text, not a link
    assert soup.find("h2").get_text() == "A paper on <wells>"  # escaped, so it reads as written
    assert '<script>alert("x")</script>' in soup.find("blockquote", class_="claim", string=lambda s: "Pumps" in s).get_text()


def test_html_links_are_robust_links(entries):
    soup = _soup(entries)
    first = soup.find("a", attrs={"data-originalurl": "https://valley.example/2023/01/12/wells?a=1&b=2"})
    assert first["href"] == first["data-originalurl"]
    assert first["data-versionurl"].startswith("https://web.archive.org/web/20240303100000/")
    assert first["data-versiondate"] == "2024-03-03"
    for a in soup.select("a.url[data-originalurl]"):
        assert a["href"].startswith(("http://", "https://", "ftp://"))


def test_html_carries_annotations_and_claims(entries):
    text = _soup(entries).get_text(" ")
    for expected in ("Note 1", "The valley has forty wells.", "Link dead (HTTP 404), last checked 2024-03-10",
                     "Local snapshot 2024-03-03", "dismissed by rev on 2024-03-11: Checked by phone", "No link given"):
        assert expected in text


def test_earlier_decisions_are_kept_in_both_pages():
    from citetrack.export.model import FlagInfo

    entry = BibEntry(1, "x", flags=(FlagInfo(1, "misdated", "error", "m", "open", earlier=("dismissed by eve on 2024-01-01: <why>",)),))
    assert "earlier: dismissed by eve on 2024-01-01: <why>" in _soup([entry]).get_text()
    assert "earlier: dismissed by eve on 2024-01-01: \\<why\\>" in export([entry], "markdown")


def test_html_reads_well_printed(entries):
    assert "@media print" in export(entries, "html")


def test_markdown_structure_and_escaping(entries):
    text = export(entries, "markdown")
    assert text.startswith("# Annotated bibliography")
    assert "## A paper on \\<wells\\>" in text and "### Note 1" in text and "> The valley has forty wells." in text
    rendered = MarkdownIt("commonmark").render(text)
    soup = BeautifulSoup(rendered, "lxml")
    assert not soup.find_all("script")
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "https://valley.example/2023/01/12/wells?a=1&b=2" in hrefs
    assert any(h.startswith("https://web.archive.org/") for h in hrefs)
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert "Checked by phone" in soup.get_text()


hostile = st.lists(
    st.sampled_from(list("<>&\"'`[]()*_#!/ \n\\abc:=jJ") + ["javascript:", "<script>", "](", "\u2028", "<a href=x>"]), max_size=12
).map("".join)


@hsettings(max_examples=60, deadline=None)
@given(title=hostile, text=hostile, url=hostile)
def test_no_document_text_becomes_markup(title, text, url):
    entry = BibEntry(1, text or "x", footnote="1", title=title or None, claims=(text,), links=(LinkInfo(url or "x"),))
    soup = _soup([entry])
    assert not soup.find_all("script")
    assert all(a["href"].lower().startswith(("http", "ftp")) for a in soup.find_all("a", href=True))
    md = BeautifulSoup(MarkdownIt("commonmark").render(export([entry], "markdown")), "lxml")
    assert not md.find_all("script")
    assert all(not a["href"].lower().lstrip().startswith("javascript") for a in md.find_all("a", href=True))
