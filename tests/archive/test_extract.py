"""Page metadata and main text, from pages written for these tests."""

from __future__ import annotations

import io

import pytest

from citetrack.archive.extract import extract, page_kind, split_title

ARTICLE = """<!doctype html><html lang="fr-FR"><head>
<title>Floods cut the road to Kaya - The Daily Sahel</title>
<meta property="og:site_name" content="The Daily Sahel">
<meta property="article:published_time" content="2023-11-02T08:30:00+00:00">
<meta property="article:modified_time" content="2023-11-20T10:00:00+00:00">
<meta name="author" content="Awa Traoré">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<header>Subscribe to our newsletter for more</header>
<article><h1>Floods cut the road to Kaya</h1>
<p>Heavy rain on Tuesday washed away a bridge north of Kaya, leaving 1,200 families without access to the market.</p>
<p>Local officials said repairs would take at least three weeks, and that dozens of trucks were stranded.</p>
</article>
<footer>© The Daily Sahel. All rights reserved. Cookie policy.</footer>
</body></html>"""

JSON_LD = """<html><head><title>Truce report from the field | Observatory</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","datePublished":"2020-01-01"},
 {"@type":"NewsArticle","headline":"Herders and farmers sign a truce","datePublished":"2024-02-14T09:00:00Z",
  "dateModified":"2024-02-15","author":{"@type":"Person","name":"K. Diallo"},
  "publisher":{"@type":"Organization","name":"Sahel Observatory"}}]}</script>
</head><body><main><p>The truce was signed in the presence of 40 elders.</p></main></body></html>"""


def test_article_metadata_and_text():
    facts = extract(ARTICLE.encode(), "text/html; charset=utf-8", "http://news.test/2023/kaya")
    assert facts.title == "Floods cut the road to Kaya"
    assert facts.site_name == "The Daily Sahel"
    assert facts.authors == ("Awa Traoré",)
    assert (facts.published, facts.published_field) == ("2023-11-02", "meta:article:published_time")
    assert facts.modified == "2023-11-20"
    assert facts.language == "fr"
    assert "1,200 families" in facts.text and "dozens of trucks" in facts.text
    for boiler in ("Subscribe", "Cookie policy", "Sport"):
        assert boiler not in facts.text


def test_json_ld_article_beats_the_web_page():
    facts = extract(JSON_LD.encode(), "text/html", None)
    assert (facts.published, facts.published_field) == ("2024-02-14", "json-ld:datePublished")
    assert facts.modified == "2024-02-15"
    assert facts.site_name == "Sahel Observatory"
    assert facts.authors == ("K. Diallo",)
    assert "Herders and farmers sign a truce" in facts.titles
    assert facts.title == "Truce report from the field"  # the <title> without its site suffix
    assert "40 elders" in facts.text


def test_htmldate_prefers_the_original_date():
    html = """<html><head><title>Old news</title>
    <meta name="dc.date.modified" content="2024-05-01"></head><body>
    <p class="byline">Published <time datetime="2019-06-03">3 June 2019</time></p>
    <article><p>Something happened long ago and was updated later on.</p></article></body></html>"""
    facts = extract(html.encode(), "text/html")
    assert (facts.published, facts.published_field) == ("2019-06-03", "htmldate")


@pytest.mark.parametrize(
    ("raw", "site", "expected"),
    [
        ("Mali army retakes town - Reuters", None, ("Mali army retakes town", "Reuters")),
        ("Mali army retakes town | VOA", "Voice of America", ("Mali army retakes town", "VOA")),
        ("Al Jazeera – Mali army retakes town", "Al Jazeera", ("Mali army retakes town", "Al Jazeera")),
        ("Mali: army retakes town", None, ("Mali: army retakes town", None)),
        ("One - two", None, ("One - two", None)),  # too short to tell a site from a headline
    ],
)
def test_split_title(raw, site, expected):
    assert split_title(raw, site) == expected


def test_fallback_text_without_trafilatura(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    facts = extract(ARTICLE.encode(), "text/html")
    assert "1,200 families" in facts.text
    assert "Cookie policy" not in facts.text and "Subscribe" not in facts.text


def test_pdf_text_and_metadata():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Annual report: 75 incidents were recorded in Dori.")
    pdf.set_title("Annual security report")
    pdf.set_author("Relief Network")
    body = bytes(pdf.output())
    facts = extract(body, "application/pdf")
    assert facts.kind == "pdf"
    assert facts.title == "Annual security report"
    assert facts.authors == ("Relief Network",)
    assert "75 incidents" in facts.text
    assert facts.published and facts.published_field == "pdf:CreationDate"


def test_other_types_and_broken_pages_give_what_they_can():
    assert extract(b"\x89PNG....", "image/png").kind == "other"
    assert page_kind(None, b"%PDF-1.7") == "pdf"
    assert page_kind("application/octet-stream", b"<!DOCTYPE html><html>") == "html"
    broken = extract(b"%PDF-1.4 not really a pdf", "application/pdf")
    assert broken.kind == "pdf" and broken.text == ""
    assert extract(b"<html><p>\xff\xfe odd bytes</p>", "text/html").kind == "html"


def test_pdf_file_name_titles_give_way_to_the_first_lines():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(w=0, text="Security Outlook for the Liptako Region\nQuarterly update\nIncidents rose in the spring.")
    pdf.set_title("Microsoft Word - outlook_v3.docx")
    facts = extract(bytes(pdf.output()), "application/pdf")
    assert facts.title == "Security Outlook for the Liptako Region"
    assert "Microsoft Word - outlook_v3.docx" not in facts.titles
