"""Hostile and broken input straight into the readers: they return a document or refuse it with
a CitetrackError, never anything else (no RecursionError, no IndexError, no runaway time)."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citetrack.errors import CitetrackError
from citetrack.models import ParsedDocument
from hardening_kit import ANY_CHAR, PROPERTY, documents

READERS = ("parse_text", "parse_markdown", "parse_html")
READER_MODULES = {"parse_text": "citetrack.read.text", "parse_markdown": "citetrack.read.markdown",
                  "parse_html": "citetrack.read.html"}


def reader(name: str):
    """The reader function, or a skip while its module has not landed."""
    try:
        importlib.import_module(READER_MODULES[name])
    except ModuleNotFoundError:
        pytest.skip(f"{READER_MODULES[name]} does not exist yet")
    return getattr(importlib.import_module("citetrack.read"), name)


def parse_or_refuse(parse, text: str) -> ParsedDocument | None:
    """The reader's document, or None when it refused the text with a CitetrackError."""
    try:
        parsed = parse(text, "hostile")
    except CitetrackError as exc:
        assert str(exc) and "\n" not in str(exc), f"a refusal must be one line: {exc!r}"
        return None
    assert isinstance(parsed, ParsedDocument)
    for claim in parsed.claims:
        assert isinstance(claim.text, str) and all(isinstance(label, str) for label in claim.labels)
    assert all(isinstance(marker, str) for marker in parsed.markers)
    assert len({claim.position for claim in parsed.claims}) == len(parsed.claims)
    return parsed


@pytest.mark.parametrize("name", READERS)
@PROPERTY
@given(text=st.text(ANY_CHAR, max_size=2000))
def test_any_unicode_is_read_or_refused(name, text, figures):
    parse_or_refuse(reader(name), text)
    figures.add("inputs_tried", 1)


@pytest.mark.parametrize("name", READERS)
@PROPERTY
@given(text=documents)
def test_hostile_documents_are_read_or_refused(name, text, figures):
    parse_or_refuse(reader(name), text)
    figures.add("inputs_tried", 1)


def _many_markers(n: int) -> str:
    return " ".join(f"Claim number {i} is stated here.[^{i}] And {i}¹ <sup>{i}</sup>" for i in range(1, n))


def _many_notes(n: int) -> str:
    lines = ["A body without a single marker.", ""]
    for i in range(1, n):
        lines += [f"{i} Outlet, \"Title {i}\", 12.06.2024. http://host{i}.example/{i}", "",
                  f"[^{i}]: note {i} http://md{i}.example/", f'<p id="fn{i}">{i}. http://h{i}.example/</p>']
    return "\n".join(lines)


HOSTILE = {
    "5000-nested-divs": "<html><body>" + "<div>" * 5000 + "A claim.<sup>1</sup>" + "</div>" * 5000
    + '<ol><li id="fn1">Source http://a.example/</li></ol></body></html>',
    "5000-nested-sup-a": "<p>Claim." + "<sup><a href='#f'>" * 2500 + "1" + "</a></sup>" * 2500 + "</p>",
    "5000-unclosed-tags": "<p>Claim.<sup>1</sup>" + "<b><i><span>" * 5000,
    "5000-nested-quotes": "> " * 5000 + "A claim.[^1]\n\n[^1]: A note.",
    "5000-nested-lists": "".join("  " * i + "- item\n" for i in range(0, 5000, 7)) + "Claim.[^1]\n\n[^1]: n",
    "1-MB-line": "A claim.¹ " + "word " * 200_000 + "\n\n1 A note. http://a.example/\n",
    "1-MB-no-spaces": "A claim.¹ " + "x" * 1_000_000 + "\n\n1 A note.\n",
    "markers-without-notes": _many_markers(2000),
    "notes-without-markers": _many_notes(2000),
    "url-of-100-KB": "A claim.¹ [^1] <sup>1</sup>\n\n1 Source, \"T\", 12.06.2024. http://example.com/" + "a/" * 50_000
    + "\n\n[^1]: <https://example.com/" + "b" * 100_000 + ">\n",
    "url-of-100-KB-of-dots": "Claim.¹\n\n1 http://" + "a." * 50_000 + "example/\n",
    "control-characters": "".join(chr(i) for i in range(32)) * 200 + "Claim.¹\n\n1 x \x00 http://a.example/\x07\n",
    "bidi-and-zero-width": "Claim\u202e.\u200b¹\u2066\n\n1\u00a0\u2028Source http://a\u200b.example/\ufeff\n",
    "only-markers": "¹²³⁴⁵⁶⁷⁸⁹⁰" * 10_000,
    "only-brackets": "[^" * 50_000 + "]" * 50_000,
    "only-angles": "<" * 100_000,
    "regex-bait": "[" + "a" * 50_000 + "](" + "(" * 50_000,
    "html-entities": "&#x110000; &#0; &#xD800; &#99999999999; &amp" * 10_000,
}


@pytest.mark.parametrize("name", READERS)
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_named_hostile_inputs(name, case, figures):
    parse_or_refuse(reader(name), HOSTILE[case])
    figures.add("inputs_tried", 1)


RUN_LENGTH = 100_000 if __import__("hardening_kit").SLOW else 20_000
RUNS = {"spaces": " ", "commas": ", ", "dots": ". ", "parens": "(", "quotes": '"', "slashes": "/",
        "dates": "12.06.2024 ", "initials": "A. ", "urls": "http://a.example/ ", "dashes": "-"}


@pytest.mark.parametrize("kind", ["txt", "md"])
@pytest.mark.parametrize("run", sorted(RUNS))
def test_long_runs_inside_a_note_are_analysed(kind, run, figures):
    """Regex backtracking bait: a long run of one pattern between a note's title and its date.
    (A 100 KB URL, blanked to spaces inside the note parser, once took minutes here.)"""
    from citetrack.analyse import analyse

    fill = RUNS[run] * (RUN_LENGTH // len(RUNS[run]))
    if kind == "txt":
        text = f'A claim.¹\n\n1 Outlet, "A title here", {fill} 2023. http://a.example/x\n'
    else:
        text = f'A claim.[^1]\n\n[^1]: Outlet, "A title here", {fill} 2023. <http://a.example/x>\n'
    parsed = parse_or_refuse(reader("parse_text" if kind == "txt" else "parse_markdown"), text)
    if parsed is not None:
        analyse(parsed, None)
    figures.add("inputs_tried", 1)
