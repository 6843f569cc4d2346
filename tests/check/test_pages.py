import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from soft404_corpus import PAGES

from citetrack.check.pages import error_page_reason, is_html, page_facts, same_page


def test_error_page_heuristic_precision_and_recall_on_the_corpus():
    truth = [flag for _, flag in PAGES]
    found = [error_page_reason(page_facts(html.encode())) is not None for html, _ in PAGES]
    true_pos = sum(1 for t, f in zip(truth, found, strict=True) if t and f)
    precision = true_pos / max(1, sum(found))
    recall = true_pos / sum(truth)
    assert precision >= 0.95, precision
    assert recall >= 0.9, recall


def test_page_facts_reads_title_heading_and_visible_text():
    facts = page_facts("<html><head><title> A &amp; B </title><script>var x=1</script></head><body><h1>Head</h1><p>Body</p></body></html>".encode())
    assert facts.title == "A & B" and facts.heading == "Head" and "var x" not in facts.text and "Body" in facts.text


def test_page_facts_honours_meta_charset():
    body = '<meta charset="iso-8859-1"><title>Caf\xe9</title>'.encode("latin-1")
    assert page_facts(body).title == "Café"


def test_same_page_ignores_echoed_paths():
    a = page_facts(b"<p>Nothing at /one-path here, sorry friend.</p>")
    b = page_facts(b"<p>Nothing at /another/longer/path here, sorry friend.</p>")
    assert same_page(a, b, ignore=("/one-path", "/another/longer/path"))


def test_is_html():
    assert is_html("text/html; charset=utf-8") and not is_html("application/pdf")
