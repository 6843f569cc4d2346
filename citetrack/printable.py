"""Text from documents and pages made safe for where it goes: a terminal, an export, JSON.

Titles, notes, claims and page text come from outside: an archived page's `<title>` may hold
`ESC [2J` (clear the screen), `ESC ] 0;...BEL` (set the window title) or a disguised OSC 8 link.
Layer 1 (like models and settings): every surface uses these, never its own variant.

- `terminal_safe`: C0 controls (but tab and newline), DEL, C1 controls and the bidirectional
  overrides shown escaped (`\\x1b`, `\\x9b`, `\\u202e`): a reader sees that they were there.
- `export_safe`: the same controls dropped (a bibliography has no use for them); tab, newline and
  carriage return kept (CSV and RIS end lines with CRLF).
- `live_link`: a URL that may become a link (href, export), or None (`javascript:`, `data:`).
- `json_safe`: a JSON text whose strings hold raw DEL or C1 characters (json.dumps escapes only
  C0) with those written as `\\u` escapes: the same JSON value, nothing raw on the terminal.

The store keeps the text as read: evidence offsets into it do not move.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0 but tab and newline; DEL; C1; bidi embeddings/overrides and isolates (a line shown reversed).
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_EXPORT_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: object, *, newline: bool = True) -> str:
    """`text` (None: empty) with every control character but tab and newline escaped;
    `newline=False` escapes newlines and tabs too (one-line messages)."""
    value = "" if text is None else str(text)
    value = _TERMINAL_UNSAFE.sub(_escape, value)
    if not newline:
        value = value.replace("\t", "\\t").replace("\n", "\\n")
    return value


def export_safe(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return kept)."""
    return _EXPORT_UNSAFE.sub("", text)


def json_safe(text: str) -> str:
    """A JSON document with raw DEL, C1 and bidi-override characters written as `\\uXXXX` escapes."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def live_link(url: str | None, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
    """`url` fit to become a live link (href, export) when its scheme is one of `schemes`,
    control characters dropped; None for anything else (`javascript:`, `data:`, unparsable)."""
    if not url:
        return None
    cleaned = "".join(ch for ch in url.strip() if ch >= " " and ch != "\x7f")
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return None
    return cleaned if scheme in schemes else None
