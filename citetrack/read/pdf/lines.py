"""A PDF page's characters grouped into printed lines, with raised small runs as note markers.

Glyphs sharing a baseline form a line; a run that sits above a line's baseline in a smaller
font is folded into that line as a marker ("12", "3,4", "*", "†"), or kept as text when it
reads as none ("1st", "m²"). A page cut into blocks (columns, see `columns`) is read block
after block.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from citetrack import settings
from citetrack.read.labels import is_ordinal

MARKER_TOKEN = re.compile(rf"^(?:\d{{1,{settings.MARKER_MAX_GLUED_DIGITS}}}|[*†‡§¶]{{1,3}}|[a-z])$")  # long digit runs: glued markers ("282930"), split by the note sequence

# A raised 2 or 3 glued to a unit of length is its power (`km²`, `m³`), not a note's marker.
_POWERS = {"2": "²", "3": "³"}
_UNIT_END = re.compile(r"(?<![^\W\d_])(?:[kcmd]?m|ft|mi|yd|in)$")


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    raised: bool = False

    @property
    def space(self) -> bool:
        return not self.text.strip()


@dataclass
class Line:
    """One printed line: its text with markers cut out, the markers' offsets, its geometry."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    marks: list[tuple[int, str]]
    uris: list[str] = field(default_factory=list)
    bold: bool = False
    first_word: float = 0.0  # width of the line's first word
    frame: tuple[float, float] | None = None  # left and right edge of its column, if in one of several, or of its page's own text block (fit_page_edges)
    cell: tuple[float, float, float, int] | None = None  # the table cell it is in (`Block.cell`): each cell is a paragraph


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line]
    rule_spans: list[tuple[float, float, float]]  # short horizontal rules (note separators): top, left end, right end

    @property
    def rules(self) -> list[float]:
        """The tops of the page's short horizontal rules."""
        return [top for top, _, _ in self.rule_spans]


@dataclass
class Block:
    """Glyphs read as one piece of a page: all of it, or a column, or what lies above or below columns."""

    glyphs: list[Glyph]
    column: bool = False  # one column of several
    rows: list[_Cluster] | None = None  # its glyphs already grouped into lines, if they were
    cell: tuple[float, float, float, int] | None = None  # a table's cell: its left and right rules (or strips' middles), its grid's top, its row
    text_end: float | None = None  # an unruled table's cell: where its column's widest line ends (the edge its lines are set to)


@dataclass
class _Cluster:
    glyphs: list[Glyph]
    size: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0

    def measure(self) -> None:
        visible = [g for g in self.glyphs if not g.space] or self.glyphs
        sizes = Counter(round(g.size, 1) for g in visible)
        self.size = sizes.most_common(1)[0][0]
        main = [g for g in visible if round(g.size, 1) == self.size]
        self.top = min(g.top for g in main)
        bottoms = sorted(g.bottom for g in main)
        self.bottom = bottoms[len(bottoms) // 2]
        self.x0 = min(g.x0 for g in visible)
        self.x1 = max(g.x1 for g in visible)


def _clusters(glyphs: list[Glyph]) -> list[_Cluster]:
    """Group glyphs that share a baseline (within a fraction of their size)."""
    clusters: list[_Cluster] = []
    reference = None
    for glyph in sorted(glyphs, key=lambda g: g.bottom):
        tolerance = max(1.0, 0.2 * glyph.size)
        if clusters and reference is not None and glyph.bottom - reference <= tolerance:
            clusters[-1].glyphs.append(glyph)
        else:
            clusters.append(_Cluster([glyph]))
            reference = glyph.bottom
    for cluster in clusters:
        cluster.measure()
    return clusters


def _attach_raised(clusters: list[_Cluster]) -> list[_Cluster]:
    """Fold each smaller run that sits on a bigger line into it: raised runs become `raised`
    (marker candidates), lowered ones (subscripts, "CO₂") plain text of the line."""
    ratio = settings.PDF_MARKER_MAX_SIZE_RATIO
    rise = settings.PDF_MARKER_MIN_RISE
    targets: dict[int, tuple[int, bool]] = {}
    for index, small in enumerate(clusters):
        best, best_overlap, best_raised = None, 0.0, False
        for other_index, line in enumerate(clusters):
            if other_index == index or small.size > ratio * line.size:
                continue
            if small.x1 < line.x0 - 2 * line.size or small.x0 > line.x1 + 2 * line.size:
                continue
            overlap = min(small.bottom, line.bottom) - max(small.top, line.top)
            raised = line.bottom - small.bottom >= rise * line.size
            lowered = small.bottom - line.bottom >= rise * line.size
            if overlap <= 0 or not (raised or lowered):
                continue
            if lowered and overlap < 0.5 * (small.bottom - small.top):
                continue  # a small line just below a big one: its own line
            if overlap > best_overlap:
                best, best_overlap, best_raised = other_index, overlap, raised
        if best is not None:
            targets[index] = (best, best_raised)
    lines = {target for target, _ in targets.values()}  # a run that carries others is a line of its own
    targets = {index: target for index, target in targets.items() if index not in lines}
    absorbed: dict[int, list[int]] = {}
    for small_index, (target, _) in targets.items():
        absorbed.setdefault(target, []).append(small_index)
    kept = []
    for index, cluster in enumerate(clusters):
        if index in targets:
            continue
        for small_index in absorbed.get(index, ()):
            for glyph in clusters[small_index].glyphs:
                glyph.raised = targets[small_index][1]
            cluster.glyphs.extend(clusters[small_index].glyphs)
            # the line reaches as far as its markers do (a line's end tells a paragraph's end)
            cluster.x0 = min(cluster.x0, clusters[small_index].x0)
            cluster.x1 = max(cluster.x1, clusters[small_index].x1)
        kept.append(cluster)
    return kept


def glyph_rows(glyphs: list[Glyph]) -> list[_Cluster]:
    """The glyphs grouped into printed lines, each with the small raised or lowered runs on it."""
    for glyph in glyphs:
        glyph.raised = False  # the page may have been grouped before, whole, to find its columns
    return _attach_raised(_clusters(glyphs))


def _without_doubles(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop glyphs drawn twice at (nearly) the same place, as "fake bold" and shadows do."""
    kept: list[Glyph] = []
    for glyph in glyphs:
        if kept and glyph.text == kept[-1].text and not glyph.space:
            twin = kept[-1]
            if abs(glyph.x0 - twin.x0) < 0.3 * (twin.x1 - twin.x0 or 1.0) and abs(glyph.top - twin.top) < 1.0:
                continue
        kept.append(glyph)
    return kept


def _line_text(cluster: _Cluster) -> tuple[str, list[tuple[int, str]], float]:
    """The line's text with marker runs cut out, each marker's (offset, label), and the width
    of its first word (to tell a paragraph's last line from one cut short by a long word)."""
    glyphs = _without_doubles(sorted(cluster.glyphs, key=lambda g: (g.x0, g.top)))
    size = cluster.size
    word_gap = settings.PDF_WORD_GAP * size
    parts: list[str] = []
    length = 0
    marks: list[tuple[int, str]] = []
    previous: Glyph | None = None
    pending_space = False
    index = 0
    first_word = 0.0
    start_x = glyphs[0].x0 if glyphs else 0.0

    def add(text: str) -> None:
        nonlocal length, first_word
        if text == " " and not first_word and previous is not None:
            first_word = previous.x1 - start_x
        parts.append(text)
        length += len(text)

    while index < len(glyphs):
        glyph = glyphs[index]
        if glyph.space:
            pending_space = bool(parts)
            index += 1
            continue
        gap = glyph.x0 - previous.x1 if previous else 0.0
        if glyph.raised:
            run = [glyph]
            index += 1
            while (
                index < len(glyphs)
                and glyphs[index].raised
                and glyphs[index].x0 - run[-1].x1 < 2 * word_gap
            ):
                run.append(glyphs[index])
                index += 1
            raw = "".join(g.text for g in run if not g.space)
            tokens = [t for t in re.split(r"[,;\s]+", raw) if t]
            if raw in _POWERS and not pending_space and gap <= word_gap and _UNIT_END.search("".join(parts[-4:])):
                add(_POWERS[raw])  # "km²", "m³": a power of the unit glued before it
            elif tokens and all(MARKER_TOKEN.match(t) for t in tokens) and not is_ordinal(raw, "".join(parts[-12:])):
                marks.extend((length, token) for token in tokens)
            else:  # raised text that is no marker: "1st", "m²", "®"
                if parts and (pending_space or gap > word_gap):
                    add(" ")
                add(raw)
            previous = run[-1]
            pending_space = False
            continue
        if parts and (pending_space or gap > word_gap):
            add(" ")
        elif not parts and marks and gap > word_gap:
            pass  # a raised label opens the line: no leading space
        add(glyph.text)
        previous = glyph
        pending_space = False
        index += 1
    if not first_word and previous is not None:
        first_word = previous.x1 - start_x
    return "".join(parts), marks, first_word


def page_lines(
    blocks: list[Block], links, rules: list[tuple[float, float, float]], number: int, height: float
) -> Page:
    """The page's lines in reading order: block after block, each one top to bottom."""
    lines = []
    for block in blocks:
        block_lines = _block_lines(block.rows if block.rows is not None else glyph_rows(block.glyphs), number)
        if block.column and block_lines:
            frame = (min(line.x0 for line in block_lines), max(line.x1 for line in block_lines))
            if block.text_end is not None:  # a cell's lines are set to its column's width, not its own widest line
                frame = (frame[0], max(frame[1], block.text_end))
            for line in block_lines:
                line.frame = frame
                line.cell = block.cell
        lines.extend(block_lines)
    for uri, x0, top, x1, bottom in links:
        for line in lines:
            height_ = max(line.bottom - line.top, 1.0)
            overlap = min(line.bottom, bottom) - max(line.top, top)
            if overlap >= 0.4 * height_ and x0 < line.x1 and x1 > line.x0 and uri not in line.uris:
                line.uris.append(uri)
    return Page(number, height, lines, [rule for rule in rules if not _underlines(rule, lines)])


def _underlines(rule: tuple[float, float, float], lines: list[Line]) -> bool:
    """Whether a drawn rule underlines a line's text (a browser underlines its links): it lies
    in the lower half of the line's box, within its ends. A note separator lies in the blank
    space between body and notes."""
    top, x0, x1 = rule
    return any(
        (line.top + line.bottom) / 2 <= top <= line.bottom + 0.25 * line.size
        and x0 >= line.x0 - 1.0 and x1 <= line.x1 + 1.0
        for line in lines
    )


def _block_lines(rows: list[_Cluster], number: int) -> list[Line]:
    lines = []
    for cluster in rows:
        text, marks, first_word = _line_text(cluster)
        if not text and not marks:
            continue
        visible = [g for g in cluster.glyphs if not g.space and not g.raised]
        bold = bool(visible) and sum(g.bold for g in visible) > len(visible) / 2
        lines.append(
            Line(
                number, cluster.top, cluster.bottom, cluster.x0, cluster.x1, cluster.size, text, marks,
                bold=bold, first_word=first_word,
            )
        )
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


