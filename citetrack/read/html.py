"""HTML with footnote links: `<sup>`/`<a href="#fn…">` markers and a list of notes.

Handles the common shapes: Pandoc (`a.footnote-ref` + `section.footnotes`), WordPress
(`<sup><a href="#footnote-1">`), Wikipedia (`sup.reference` + `ol.references`), `<aside>`
notes and plain `<sup>` numbers over an `ol.footnotes`. Back-reference links are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from urllib.parse import unquote

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning

from citetrack import settings
from citetrack.cite.dates import iso_date
from citetrack.errors import BadInputError
from citetrack.models import DocumentFormat, Note, ParsedDocument
from citetrack.read.body import BodyBuilder
from citetrack.read.claims import normalize_space
from citetrack.read.labels import written_label

SKIPPED_TAGS = frozenset({"script", "style", "nav", "noscript", "template", "head", "svg"})
BLOCK_TAGS = frozenset(
    """p div li ul ol h1 h2 h3 h4 h5 h6 blockquote section article header footer aside
    table thead tbody tr td th dl dt dd pre figure figcaption hr main address details
    summary form fieldset body""".split()
)
# Containers whose items are notes, wherever a marker points or not.
NOTE_CONTAINER_SELECTORS = (
    "section.footnotes, div.footnotes, ol.footnotes, ul.footnotes, aside.footnotes, "
    "[role=doc-endnotes], ol.references, div.endnotes, section.endnotes, ol.endnotes"
)
NOTE_SELECTORS = "[role=doc-footnote], [role=doc-endnote]"
# Publication date metadata, most specific first.
DATE_META = (
    ("name", "citation_publication_date"),
    ("name", "citation_date"),
    ("property", "article:published_time"),
    ("name", "dcterms.date"),
    ("name", "dc.date"),
    ("name", "dc.date.issued"),
    ("name", "date"),
    ("itemprop", "datePublished"),
)
_NOTE_HREF = re.compile(
    r"^#(?:(?:fn|footnote|note|endnote|ftn|_ftn|en|edn)[-_:.]?\d|cite_note)", re.IGNORECASE
)
_BACKREF_HREF = re.compile(r"^#(?:fnref|cite_ref|footnote-ref|ref-|_ftnref|ftnref)|^#.*-ref\b", re.I)
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_NOTE_ITEM_TAGS = frozenset({"li", "aside", "p", "div", "dd", "section"})
_BACKLINK_TEXT = re.compile(r"^[\s↩︎↑^⤴⮐]*$|^[\s↩︎↑^]+\s*[a-z]?$")
_BACKLINK_CLASSES = frozenset(
    {"footnote-back", "footnote-backref", "footnote-return", "mw-cite-backlink", "reversefootnote"}
)
_LABEL_TEXT = re.compile(r"^\[?\(?([0-9]{1,4}|[A-Za-z]{1,3}|[ivxlc]{1,6})\)?\]?\.?$")
_BARE_MARKER = re.compile(r"^\[?\d{1,3}\]?$")
_SPACES = re.compile(r"\s+")


class _Emitter:
    """Writes flowing text into a BodyBuilder, collapsing whitespace like a browser."""

    def __init__(self, builder: BodyBuilder) -> None:
        self.builder = builder
        self.pending_space = False
        self.at_block_start = True

    def text(self, raw: str) -> None:
        text = _SPACES.sub(" ", raw)
        if not text:
            return
        if text[0] == " ":
            self.pending_space = True
            text = text[1:]
        if not text:
            return
        if self.pending_space and not self.at_block_start:
            self.builder.add(" ")
        self.pending_space = text.endswith(" ")
        self.builder.add(text.rstrip(" "))
        self.at_block_start = False

    def line_break(self) -> None:
        if not self.at_block_start:
            self.builder.add("\n")
            self.at_block_start = True
            self.pending_space = False

    def block(self) -> None:
        if not self.at_block_start or self.builder.length:
            self.builder.break_paragraph()
        self.at_block_start = True
        self.pending_space = False


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class") or []
    return set(value if isinstance(value, list) else str(value).split())


def _is_backlink(tag: Tag, note_ids: set[str], marker_anchors: set[str]) -> bool:
    """A link from a note back to its marker ("↩", "^", "back"), never note text."""
    if tag.name not in ("a", "span", "sup"):
        return False
    if tag.get("role") == "doc-backlink" or _classes(tag) & _BACKLINK_CLASSES:
        return True
    if tag.name == "a":
        href = str(tag.get("href") or "")
        target = unquote(href[1:])
        if href.startswith("#") and target not in note_ids:
            text = tag.get_text()
            if target in marker_anchors or _BACKLINK_TEXT.match(text) or "ref" in href.lower():
                return True
    return False


def _walk(node: Tag, emitter: _Emitter, on_tag) -> None:
    """Depth-first text walk; `on_tag(tag)` returns True when it handled (skipped) a tag."""
    stack: list[tuple[object, bool]] = [(node, False)]
    while stack:
        current, closing = stack.pop()
        if closing:
            if current.name in BLOCK_TAGS:  # type: ignore[union-attr]
                emitter.block()
            continue
        if isinstance(current, Comment):
            continue
        if isinstance(current, NavigableString):
            emitter.text(str(current))
            continue
        if not isinstance(current, Tag):
            continue
        if current is not node and on_tag(current):
            continue
        if current.name == "br":
            emitter.line_break()
            continue
        if current.name in BLOCK_TAGS:
            emitter.block()
        stack.append((current, True))
        stack.extend((child, False) for child in reversed(current.contents))


def _marker_label(tag: Tag) -> str:
    return written_label(normalize_space(tag.get_text()))


def _find_notes(
    soup: BeautifulSoup,
) -> tuple[list[Tag], dict[int, Tag], dict[int, str], list[Tag], dict[int, str]]:
    """The note elements in document order; body marker -> its note; marker labels; markers;
    and the markers that point at a note that does not exist (with their labels)."""
    candidates, note_ids, sections = _candidate_notes(soup)
    containers = {id(tag) for tag in soup.select(NOTE_CONTAINER_SELECTORS)} | note_ids
    markers, marker_tags, dangling = _link_markers(soup, candidates, note_ids, sections, containers)
    # an element holding body markers is a section, not a note (e.g. a "#notes" heading link)
    note_ids -= {id(parent) for marker in marker_tags.values() for parent in marker.parents}
    notes = _outermost_notes(soup, candidates, note_ids)
    kept_markers, labels = _kept_markers(markers, marker_tags, {id(tag) for tag in notes})
    kept_tags = [marker for key, marker in marker_tags.items() if key in kept_markers]
    return notes, kept_markers, labels, kept_tags, dangling


def _candidate_notes(soup: BeautifulSoup) -> tuple[list[Tag], set[int], set[int]]:
    """The elements that look like notes by their markup (list items of a notes container,
    asides, note classes), their ids, and the ids of elements that are sections around notes
    or headings (never a single note)."""
    candidates: list[Tag] = []
    for container in soup.select(NOTE_CONTAINER_SELECTORS):
        items = container.find_all("li")
        candidates.extend(items if items else [container] if container.name == "aside" else [])
    candidates.extend(soup.select(NOTE_SELECTORS))
    note_ids = {id(tag) for tag in candidates}
    # an element around listed notes or headings is a section, never a single note
    sections = {id(parent) for tag in candidates for parent in tag.parents}
    sections |= {id(parent) for tag in soup.find_all(_HEADINGS) for parent in tag.parents}
    sections |= {id(tag) for tag in soup.find_all(_HEADINGS)}
    return candidates, note_ids, sections


def _is_note_ref(link: Tag, href: str) -> bool:
    """Whether an in-page link is a note reference by its role, class, a `sup` or its target."""
    return (
        link.get("role") == "doc-noteref"
        or "footnote-ref" in _classes(link)
        or link.find_parent("sup") is not None
        or link.find("sup") is not None
        or bool(_NOTE_HREF.match(href))
    )


def _link_markers(
    soup: BeautifulSoup, candidates: list[Tag], note_ids: set[int], sections: set[int], containers: set[int]
) -> tuple[dict[int, Tag], dict[int, Tag], dict[int, str]]:
    """The body's note references: marker -> its note, marker id -> marker tag, and the
    markers whose note is missing (with their labels). A note found only through a marker
    joins `candidates` and `note_ids`."""
    ids = {str(tag["id"]): tag for tag in soup.find_all(id=True)}
    ids.update({str(tag["name"]): tag for tag in soup.find_all("a", attrs={"name": True})})
    markers: dict[int, Tag] = {}  # id(marker tag) -> note element
    marker_tags: dict[int, Tag] = {}
    dangling: dict[int, str] = {}  # id(marker tag) -> label, for markers whose note is missing
    for link in soup.find_all("a", href=re.compile(r"^#.")):
        href = str(link["href"])
        if _BACKREF_HREF.search(href):
            continue
        if link.get("role") == "doc-backlink" or _classes(link) & _BACKLINK_CLASSES:
            continue
        if any(id(parent) in containers for parent in link.parents):
            continue  # inside the notes: a back-reference or a cross-reference
        if not _is_note_ref(link, href):
            continue
        sup = link.find_parent("sup")
        marker = sup if sup is not None and len(sup.find_all("a")) == 1 else link
        target = ids.get(unquote(href[1:]))
        if target is None:
            # a note marker whose note is missing: keep the marker so `missing-note` can fire
            if _marker_label(marker) and (sup is not None or link.find("sup") is not None
                                          or link.get("role") == "doc-noteref" or "footnote-ref" in _classes(link)):
                dangling[id(marker)] = _marker_label(marker)
            continue
        note = target
        while note is not None and note.name not in _NOTE_ITEM_TAGS:
            note = note.parent
        if note is None or note.name == "body" or id(note) in sections:
            continue
        if any(parent is note for parent in link.parents):
            continue  # a link inside the note itself (a back-reference or cross-reference)
        if id(note) not in note_ids:
            note_ids.add(id(note))
            candidates.append(note)
        markers[id(marker)] = note
        marker_tags[id(marker)] = marker
    return markers, marker_tags, dangling


def _outermost_notes(soup: BeautifulSoup, candidates: list[Tag], note_ids: set[int]) -> list[Tag]:
    """The outermost notes (a note inside another is part of it), in document order."""
    order = {id(tag): index for index, tag in enumerate(soup.find_all(True))}
    chosen = [
        tag
        for tag in candidates
        if id(tag) in note_ids and not any(id(p) in note_ids for p in tag.parents)
    ]
    unique: dict[int, Tag] = {}
    for tag in sorted(chosen, key=lambda tag: order.get(id(tag), 0)):
        unique.setdefault(id(tag), tag)
    return list(unique.values())


def _kept_markers(
    markers: dict[int, Tag], marker_tags: dict[int, Tag], kept: set[int]
) -> tuple[dict[int, Tag], dict[int, str]]:
    """Each marker's kept note (a marker pointing at a note nested in a kept one points at the
    kept one; one whose target is no note after all stays body text) and the markers' labels."""
    labels = {}
    kept_markers: dict[int, Tag] = {}
    for key, marker in marker_tags.items():
        note = markers[key]
        if id(note) not in kept:
            note = next((p for p in note.parents if id(p) in kept), None)
            if note is None:
                continue
        kept_markers[key] = note
        if _marker_label(marker):
            labels[key] = _marker_label(marker)
    return kept_markers, labels


def _note_label(note: Tag, position_in_list: dict[int, int], marker_label: str | None) -> str | None:
    if marker_label:
        return marker_label
    if id(note) in position_in_list:
        return str(position_in_list[id(note)])
    digits = re.search(r"(\d+)$", str(note.get("id") or ""))
    return digits.group(1) if digits else None


def _list_positions(notes: list[Tag]) -> dict[int, int]:
    """The number a browser would show for each `li` note (ol start + index)."""
    positions: dict[int, int] = {}
    counters: dict[int, int] = {}
    for note in notes:
        parent = note.parent
        if note.name != "li" or parent is None or parent.name != "ol":
            continue
        if id(parent) not in counters:
            try:
                counters[id(parent)] = int(parent.get("start", 1))
            except (TypeError, ValueError):
                counters[id(parent)] = 1
            index = 0
            for item in parent.find_all("li", recursive=False):
                if item.get("value"):
                    try:
                        index = int(item["value"]) - counters[id(parent)]
                    except ValueError:
                        pass
                positions[id(item)] = counters[id(parent)] + index
                index += 1
    return positions


def _note_text_and_hrefs(
    note: Tag, note_ids: set[str], marker_anchors: set[str], label: str | None
) -> tuple[str, tuple[str, ...]]:
    """The note's text (backlinks and its own leading number dropped) and its hidden links."""
    builder = BodyBuilder()
    emitter = _Emitter(builder)
    hrefs: list[str] = []

    def on_tag(tag: Tag) -> bool:
        if tag.name in SKIPPED_TAGS or _is_backlink(tag, note_ids, marker_anchors):
            return True
        if tag.name == "sup" and not builder.length and label and _marker_label(tag) == label:
            return True  # the note's own number written at its start
        if tag.name == "a" and tag.get("href"):
            href = str(tag["href"]).strip()
            if href and not href.startswith(("#", "javascript:", "mailto:")):
                hrefs.append(href)
        return False

    _walk(note, emitter, on_tag)
    text = normalize_space(builder.text())
    if label:
        text = re.sub(rf"^[\[(]?{re.escape(label)}[\])]?[.:]?\s+", "", text, count=1)
    hidden = tuple(dict.fromkeys(href for href in hrefs if href not in text))
    return text, hidden


def _published(soup: BeautifulSoup) -> dt.date | None:
    for attribute, name in DATE_META:
        for meta in soup.find_all("meta", attrs={attribute: True}):
            if str(meta.get(attribute)).lower() != name.lower():
                continue
            found = iso_date(str(meta.get("content") or ""))
            if found:
                return found
    return None


def _title(soup: BeautifulSoup) -> str | None:
    if soup.title and soup.title.get_text(strip=True):
        return normalize_space(soup.title.get_text())
    heading = soup.find("h1")
    if heading and heading.get_text(strip=True):
        return normalize_space(heading.get_text())
    return None


def parse_html(text: str, path: str = "<string>") -> ParsedDocument:
    """Parse HTML into claims, notes and markers (pure, no I/O)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)  # a page that is one URL
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # XHTML read as HTML: what we want
        soup = BeautifulSoup(text, "lxml")
    title = _title(soup)
    published = _published(soup)
    for tag in soup.find_all(SKIPPED_TAGS - {"head"}):
        tag.decompose()
    in_page = len(soup.find_all("a", href=re.compile(r"^#.")))
    if in_page > settings.HTML_MAX_IN_PAGE_LINKS:
        raise BadInputError(f"{path}: {in_page:,} in-page links (#...), over the limit of "
                            f"{settings.HTML_MAX_IN_PAGE_LINKS:,}: not a document's notes")
    notes, marker_notes, marker_labels, marker_tags, dangling = _find_notes(soup)
    note_set = {id(tag) for tag in notes}
    note_ids = {str(tag["id"]) for tag in notes if tag.get("id")}
    containers = {id(tag) for tag in soup.select(NOTE_CONTAINER_SELECTORS)}
    linked_markers = bool(marker_notes)
    first_label: dict[int, str] = {}
    for key, note in marker_notes.items():
        if key in marker_labels:
            first_label.setdefault(id(note), marker_labels[key])

    marker_anchors = {
        str(tag["id"])
        for marker in marker_tags
        for tag in (marker, marker.parent, *marker.find_all(id=True))
        if tag is not None and tag.get("id")
    }
    positions = _list_positions(notes)
    note_labels = {
        id(note): _note_label(note, positions, first_label.get(id(note))) for note in notes
    }

    builder = BodyBuilder()
    emitter = _Emitter(builder)
    root = soup.body or soup

    def on_tag(tag: Tag) -> bool:
        if tag.name in SKIPPED_TAGS or id(tag) in note_set or id(tag) in containers:
            return True
        if id(tag) in dangling:
            builder.mark(dangling[id(tag)])
            return True
        if id(tag) in marker_notes:
            label = marker_labels.get(id(tag)) or note_labels.get(id(marker_notes[id(tag)]))
            if label:
                builder.mark(label)
            return True
        if tag.name == "sup" and not linked_markers and notes:
            label = normalize_space(tag.get_text())
            if _BARE_MARKER.match(label):
                builder.mark(label.strip("[]"))
                return True
        return False

    _walk(root, emitter, on_tag)
    parsed_notes = []
    for note in notes:
        label = note_labels[id(note)]
        note_text, hrefs = _note_text_and_hrefs(note, note_ids, marker_anchors, label)
        parsed_notes.append(Note(label, note_text, len(parsed_notes), hrefs))
    return builder.document(
        path, DocumentFormat.HTML, title=title, published=published, notes=parsed_notes
    )
