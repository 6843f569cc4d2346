"""Markdown with Pandoc footnotes: `[^label]` markers and `[^label]:` definitions, and inline
notes `^[text]`.

Definitions may run over several indented paragraphs. An inline note is labelled with the
number Pandoc prints for it (its place among the notes in order of first reference). Markers
inside code spans and code blocks are text, not markers. Link syntax is flattened so that URLs
stay visible in notes: `[Title](https://x)` becomes `Title (https://x)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citetrack.cite.dates import iso_date
from citetrack.models import DocumentFormat, Note, ParsedDocument
from citetrack.read.body import BodyBuilder
from citetrack.read.claims import normalize_space

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*<?(\S+?)>?(?:[ \t]+[\"'(].*)?$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BLOCK_PREFIX = re.compile(r"^ {0,3}(?:>[ \t]?)*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")

# Inline syntax, in priority order; text between matches is copied as is. No part may run
# past the next opening bracket, `<` or `(` it cannot contain, and a code span opens and closes
# only on whole backtick runs of one length: a line of ten thousand `[^`, `<a`, `[x](<` or
# backticks then costs a linear scan, not a quadratic (or worse) one.
_INLINE = re.compile(
    r"(?P<code>(?<!`)(?P<ticks>`++)(?P<code_text>.+?)(?<!`)(?P=ticks)(?!`))"
    r"|(?P<marker>\[\^(?P<label>[^\[\]\s]+)\])"
    r"|(?P<image>!\[(?P<alt>[^\[\]]*)\]\((?P<image_url>(?:[^()\s]|\([^()\s]*\))*)(?:\s+[\"'][^()]*[\"'])?\))"
    r"|(?P<link>\[(?P<link_text>[^\[\]]*)\]\((?P<url><[^<>]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+[\"'][^()]*[\"'])?\))"
    r"|(?P<ref_link>\[(?P<ref_text>[^\[\]]+)\]\[(?P<ref>[^\[\]]*)\])"
    r"|(?P<autolink><(?P<auto_url>(?:https?|ftp|mailto):[^<>\s]+)>)"
    r"|(?P<html></?[A-Za-z][^<>]*>)"
    r"|(?P<bare_url>(?<![\w/])(?:https?|ftp)://[^\s<>\[\]\"“”]+)"
    r"|(?P<escape>\\(?P<escaped>[!-/:-@\[-`{-~]))"
    r"|(?P<emphasis>\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|~~)"
)
# Emphasis closing right after a bare URL (`*see https://x.org/a*`) is no part of it.
_URL_TRAILING_EMPHASIS = re.compile(r"(?:\*{1,3}|~~)+$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_URL_IN_TEXT = re.compile(r"(?:https?|ftp)://[^\s<>\[\]\"“”]+")


@dataclass
class _NoteDraft:
    label: str
    paragraphs: list[list[str]] = field(default_factory=list)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Simple `key: value` pairs of a leading YAML block, and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    values: dict[str, str] = {}
    for index in range(1, len(lines)):
        stripped = lines[index].strip()
        if stripped in ("---", "..."):
            return values, index + 1
        match = _FRONT_MATTER_KEY.match(lines[index])
        if match:
            values[match.group(1).lower()] = match.group(2).strip().strip("\"'")
    return {}, 0


def _strip_emphasis(text: str) -> str:
    """Text without emphasis marks; URLs inside it are kept whole (`Mercury_(planet)`, `a_b`)."""
    pieces, cursor = [], 0
    for match in _URL_IN_TEXT.finditer(text):
        pieces.append(_strip_marks(text[cursor : match.start()]))
        url, trailing = _bare_url(match.group(0))
        pieces.append(url + _strip_marks(trailing))
        cursor = match.end()
    pieces.append(_strip_marks(text[cursor:]))
    return "".join(pieces)


def _strip_marks(text: str) -> str:
    return re.sub(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|~~|`+", "", text)


def _bare_url(written: str) -> tuple[str, str]:
    """A URL written in running text, unescaped (`\\_` → `_`), and the emphasis closing after it."""
    trailing = _URL_TRAILING_EMPHASIS.search(written)
    cut = trailing.start() if trailing else len(written)
    return _ESCAPED.sub(r"\1", written[:cut]), written[cut:]


def render_inline(
    text: str,
    builder: BodyBuilder | None,
    links: dict[str, str],
    show_urls: bool,
) -> str:
    """Flatten inline Markdown; footnote markers go to `builder` (body) or vanish (notes).

    With `show_urls`, links keep their target visible: `[T](u)` -> `T (u)`.
    """
    pieces: list[str] = []

    def emit(piece: str) -> None:
        if not piece:
            return
        if builder is not None:
            builder.add(piece)
        else:
            pieces.append(piece)

    cursor = 0
    for match in _INLINE.finditer(text):
        emit(text[cursor : match.start()])
        cursor = match.end()
        kind = match.lastgroup
        if match.group("code") is not None:
            emit(match.group("code_text").strip() or match.group("code_text"))
        elif match.group("marker") is not None:
            if builder is not None:
                builder.mark(match.group("label"))
        elif match.group("image") is not None:
            emit(_strip_emphasis(match.group("alt")))
        elif match.group("link") is not None:
            url = match.group("url").strip("<>")
            written = match.group("link_text").strip()
            label = written if written == url else _ESCAPED.sub(r"\1", _strip_emphasis(match.group("link_text")))
            if show_urls and url and not url.startswith("#") and url not in label:
                closing = re.match(r"[\"”’»]", text[cursor:])
                if label and closing:  # `"[Title](url)" Outlet`: the quotation closes before the link
                    emit(f"{label}{closing.group(0)} ({url})")
                    cursor += 1
                else:
                    emit(f"{label} ({url})" if label else url)
            else:
                emit(label)
        elif match.group("ref_link") is not None:
            label = _strip_emphasis(match.group("ref_text"))
            url = links.get((match.group("ref") or match.group("ref_text")).strip().lower())
            if show_urls and url and url not in label:
                emit(f"{label} ({url})")
            else:
                emit(label if url else match.group(0))
        elif match.group("autolink") is not None:
            emit(match.group("auto_url"))
        elif match.group("bare_url") is not None:
            url, _emphasis = _bare_url(match.group("bare_url"))
            emit(url)
        elif match.group("escape") is not None:
            emit(match.group("escaped"))
        elif kind in ("html", "emphasis"):
            pass
    emit(text[cursor:])
    return "".join(pieces)


_MARKER_AT = re.compile(r"\[\^([^\[\]\s]+)\]")
_BACKTICKS = re.compile(r"`+")


def _code_spans(text: str) -> dict[int, int]:
    """Start -> end of each code span: a backtick run closed by the next run of the same
    length; a run never closed is text. Linear, whatever the text."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    closer: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closer[index] = last_of_length.get(length)
        last_of_length[length] = index
    spans: dict[int, int] = {}
    index = 0
    while index < len(runs):
        close = closer[index]
        if close is None:
            index += 1
            continue
        spans[runs[index][0]] = runs[close][1]
        index = close + 1
    return spans


def _bracket_pairs(text: str, spans: dict[int, int]) -> dict[int, int]:
    """Index of each `[` -> index of the `]` closing it, outside code spans and escapes (one pass)."""
    pairs: dict[int, int] = {}
    open_brackets: list[int] = []
    index = 0
    while index < len(text):
        if index in spans:
            index = spans[index]
            continue
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            open_brackets.append(index)
        elif char == "]" and open_brackets:
            pairs[open_brackets.pop()] = index
        index += 1
    return pairs


class _InlineNotes:
    """Turns `^[text]` into `[^label]` markers, numbering notes in order of first reference."""

    def __init__(self, written: set[str]):
        self.written = written  # labels of the `[^label]:` definitions
        self.referenced: dict[str, None] = {}
        self.notes: list[tuple[str, str]] = []  # (label, raw Markdown text)

    def rewrite(self, text: str) -> str:
        """The text with each inline note replaced by its marker (the notes kept aside)."""
        spans = _code_spans(text)
        pairs = _bracket_pairs(text, spans) if "^[" in text else {}
        out: list[str] = []
        index = 0
        while index < len(text):
            if index in spans:
                out.append(text[index : spans[index]])
                index = spans[index]
                continue
            char = text[index]
            if char == "\\":
                out.append(text[index : index + 2])
                index += 2
                continue
            marker = _MARKER_AT.match(text, index) if char == "[" else None
            if marker:
                self.referenced.setdefault(marker.group(1))
                out.append(marker.group(0))
                index = marker.end()
                continue
            end = pairs.get(index + 1) if char == "^" else None
            if end is None:
                out.append(char)
                index += 1
                continue
            label = str(len(self.referenced) + 1)
            if label in self.written or label in self.referenced:
                label = f"inline-{label}"
            self.referenced.setdefault(label)
            self.notes.append((label, " ".join(text[index + 2 : end].split())))
            out.append(f"[^{label}]")
            index = end + 1
        return "".join(out)


def _block_text(line: str) -> str:
    """A body line without its block syntax (heading hashes, quote marks, list bullets)."""
    heading = _ATX_HEADING.match(line)
    if heading:
        return heading.group(2) or ""
    return _BLOCK_PREFIX.sub("", line, count=1).strip()


def _split_blocks(
    lines: list[str],
) -> tuple[list[list[str]], list[_NoteDraft], dict[str, str], str | None]:
    """Separate body paragraphs, note definitions and link definitions; find the first H1."""
    splitter = _BlockSplitter()
    for line in lines:
        splitter.feed(line)
    splitter.end_paragraph()
    return splitter.paragraphs, splitter.notes, splitter.links, splitter.heading


class _BlockSplitter:
    """`_split_blocks`, line by line. State: the paragraph being read, the note definition
    being read (and whether a blank line was seen inside it), the open code fence, whether
    the line before was blank and whether we are inside a list."""

    def __init__(self) -> None:
        self.paragraphs: list[list[str]] = []
        self.notes: list[_NoteDraft] = []
        self.links: dict[str, str] = {}
        self.heading: str | None = None
        self.current: list[str] = []
        self.note: _NoteDraft | None = None
        self.note_blank = False  # a blank line was seen inside the current note
        self.fence: str | None = None
        self.previous_blank = True
        self.in_list = False

    def end_paragraph(self) -> None:
        if self.current:
            self.paragraphs.append(self.current)
            self.current = []

    def feed(self, line: str) -> None:
        if self.fence is not None:  # inside a fenced code block: skipped, never markers
            if line.strip().startswith(self.fence):
                self.fence = None
            self.previous_blank = False
            return
        if self.note is not None and self._note_goes_on(line):
            return
        fence_match = _FENCE.match(line)
        if fence_match:
            self.end_paragraph()
            self.fence = fence_match.group(1)[0] * 3
            return
        definition = _NOTE_DEFINITION.match(line)
        if definition:
            self.end_paragraph()
            self.note = _NoteDraft(definition.group(1))
            if definition.group(2).strip():
                self.note.paragraphs.append([definition.group(2).strip()])
            self.notes.append(self.note)
            self.note_blank = False
            return
        if not line.strip():
            self.end_paragraph()
            self.previous_blank = True
            return
        if self.previous_blank and _INDENTED.match(line) and not self.in_list:
            self.previous_blank = False
            return  # an indented code block
        self._body_line(line)

    def _note_goes_on(self, line: str) -> bool:
        """Whether `line` belongs to the note being read (else the note ends before it)."""
        note = self.note
        if not line.strip():
            self.note_blank = True
            return True
        if _INDENTED.match(line) or not self.note_blank and not _NOTE_DEFINITION.match(line):
            if self.note_blank or not note.paragraphs:
                note.paragraphs.append([])
            note.paragraphs[-1].append(line.strip())
            self.note_blank = False
            return True
        self.note = None
        self.previous_blank = self.note_blank
        return False

    def _body_line(self, line: str) -> None:
        """A non-blank line outside notes and code: a link definition, a break, a heading or text."""
        link = _LINK_DEFINITION.match(line)
        if link and not self.current:
            self.links[link.group(1).strip().lower()] = link.group(2)
            return
        if _THEMATIC_BREAK.match(line):
            self.end_paragraph()
            return
        if self.current and _SETEXT_UNDERLINE.match(line):
            if self.heading is None and line.strip().startswith("="):
                self.heading = " ".join(self.current)
            self.end_paragraph()
            return
        atx = _ATX_HEADING.match(line)
        if atx:
            self.end_paragraph()
            if self.heading is None and len(atx.group(1)) == 1 and atx.group(2):
                self.heading = atx.group(2)
            self.paragraphs.append([line])
            self.previous_blank = False
            return
        if _LIST_ITEM.match(line):
            self.in_list = True
            self.end_paragraph()  # each list item reads as its own paragraph
        elif self.previous_blank and not _INDENTED.match(line):
            self.in_list = False
        self.current.append(line)
        self.previous_blank = False


def parse_markdown(text: str, path: str = "<string>") -> ParsedDocument:
    """Parse Markdown with Pandoc footnotes into claims, notes and markers (pure, no I/O)."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, first_line = _front_matter(lines)
    paragraphs, drafts, links, heading = _split_blocks(lines[first_line:])
    inline = _InlineNotes({draft.label for draft in drafts})
    builder = BodyBuilder()
    for paragraph in paragraphs:
        builder.break_paragraph()
        # Every paragraph, in order: markers count for the numbering; an inline note may run over lines.
        paragraph = inline.rewrite("\n".join(paragraph)).split("\n")
        for number, line in enumerate(paragraph):
            if number:
                builder.add("\n")
            render_inline(_block_text(line), builder, links, show_urls=False)
    notes = []
    for draft in drafts:
        rendered = [
            render_inline(" ".join(lines_), None, links, show_urls=True)
            for lines_ in draft.paragraphs
        ]
        notes.append(Note(draft.label, normalize_space(" ".join(rendered)), len(notes)))
    for label, raw in inline.notes:
        notes.append(Note(label, normalize_space(render_inline(raw, None, links, show_urls=True)), len(notes)))
    raw_title = meta.get("title") or heading
    title = normalize_space(render_inline(raw_title, None, links, False)) if raw_title else None
    return builder.document(
        path, DocumentFormat.MARKDOWN, title=title or None, published=iso_date(meta.get("date")), notes=notes
    )
