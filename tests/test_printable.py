"""citetrack.printable: what reaches a terminal, an export or JSON holds no raw control character."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from citetrack.printable import export_safe, json_safe, terminal_safe

HOSTILE = "Title\x1b[2J\x1b]0;pwned\x07 \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ \x9b31m \u202eevil\x7f"


def raw_controls(text: str, allowed: str = "\t\n") -> set[str]:
    return {ch for ch in text if (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E
                                  or 0x2066 <= ord(ch) <= 0x2069) and ch not in allowed}


def test_terminal_escapes_are_shown_not_sent():
    shown = terminal_safe(HOSTILE)
    assert not raw_controls(shown)
    assert "\\x1b[2J" in shown and "\\x07" in shown and "\\x9b" in shown and "\\u202e" in shown
    assert terminal_safe("tab\there\nnext line") == "tab\there\nnext line"
    assert terminal_safe("a\nb\tc", newline=False) == "a\\nb\\tc"
    assert terminal_safe(None) == ""


def test_text_in_other_scripts_is_untouched():
    text = "Ökonomie – الاقتصاد ‏(RLM) می‌خواهم 経済 \u200d"
    assert terminal_safe(text) == text and export_safe(text) == text


def test_exports_drop_controls_but_keep_line_ends():
    assert export_safe("a\x1b[2Jb\x9bc\r\n\td") == "a[2Jbc\r\n\td"


def test_json_stays_the_same_value_with_nothing_raw():
    value = {"title": HOSTILE}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not raw_controls(text)


@given(st.text())
def test_no_control_character_survives(text):
    assert not raw_controls(terminal_safe(text))
    assert not raw_controls(export_safe(text), "\t\n\r")
    assert not raw_controls(terminal_safe(text, newline=False), "")
    assert json.loads(json_safe(json.dumps(text, ensure_ascii=False))) == text
