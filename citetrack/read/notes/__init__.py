"""A note → the sources it cites, each with its authors, title, outlet, date, URLs and named site.

A note is cut into sources at top-level `;`, after a URL when a new citation follows it, and at
a full stop where a new `Name, "Title"` begins. A note that names no source (no URL, no named
site, no quoted title with an author/outlet/date, no `Title. (date) Outlet.` pattern) is purely
explanatory and gives an empty tuple.
"""

from __future__ import annotations

from dataclasses import replace

from citetrack.cite.outlets import outlet_matches
from citetrack.cite.urls import extract_urls, normalize_url
from citetrack.models import Note, Source, StatedDate, UrlRef
from citetrack.read.notes.fields import quoted_title, read_fields, set_access_dates_apart
from citetrack.read.notes.patterns import SEE_LINK, has_words, is_lead_in, title_like
from citetrack.read.notes.segments import segments

__all__ = ["parse_note"]


def parse_note(note: Note) -> tuple[Source, ...]:
    """Split a note into the sources it cites; empty when the note only explains."""
    text = note.text
    urls = extract_urls(text)
    sources: list[Source] = []
    spans = segments(text, urls)
    clauses = [_only_an_access_clause(text[start:end]) for start, end in spans]
    for index, (start, end) in enumerate(spans):
        inside = [(span, ref) for span, ref in urls if start <= span[0] < end]
        accessed = None if inside else clauses[index]
        if accessed is not None and index > 0 and (sources or clauses[index - 1] is None):
            # `…, https://…; accessed 5 May 2020.`: the access clause cut off by `;` is the
            # previous source's, not a source of its own.
            if sources:
                sources[-1] = replace(sources[-1], accessed=sources[-1].accessed or accessed)
            continue
        # `Title, Publisher (2005); retrieved December 5, 2006.`: the clause after the `;` is
        # this source's access date, the sign that it cites a work seen online.
        following = clauses[index + 1] if index + 1 < len(spans) else None
        sources.extend(_sources_of(text, start, end, inside, following))
    return tuple(_attach_hrefs(sources, note))


# ------------------------------------------------------------------ reading one source


def _sources_of(
    text: str,
    start: int,
    end: int,
    urls: list[tuple[tuple[int, int], UrlRef]],
    accessed_after: StatedDate | None = None,
) -> list[Source]:
    """The source(s) in one segment: one per URL when the segment holds nothing but links."""
    segment = text[start:end]
    blanked = _blank_urls(segment, [((a - start, b - start), ref) for (a, b), ref in urls])
    # `Retrieved from <url> on 4 May 2023`: the access clause goes before `retrieved from` is
    # read as the words that introduce a link.
    blanked, accessed = set_access_dates_apart(blanked)
    accessed = accessed or accessed_after
    body_start = 0
    see = None
    for match in SEE_LINK.finditer(blanked):
        see = match
    prefix = ""
    if see is not None:
        prefix = blanked[: see.start()]
        body_start = see.end()
    body = blanked[body_start:]
    if urls and not has_words(body) and not title_like(prefix):
        if len(urls) > 1 or not prefix.strip():
            return [Source(text=ref.written, urls=(ref,)) for _, ref in urls]
    if see is not None and not has_words(body) and title_like(prefix):
        body = blanked[: see.start()]  # "Title. See the link: <url>"
    source = read_fields(segment.strip(" ;\t\n"), body, tuple(ref for _, ref in urls), accessed)
    return [source] if source is not None else []


def _only_an_access_clause(segment: str) -> StatedDate | None:
    """The access date of a segment that says nothing else (`accessed 5 May 2020.`)."""
    rest, accessed = set_access_dates_apart(segment)
    return accessed if accessed is not None and not has_words(rest) else None


def _blank_urls(segment: str, urls: list[tuple[tuple[int, int], UrlRef]]) -> str:
    chars = list(segment)
    for (a, b), _ in urls:
        lo, hi = a, b
        if lo > 0 and chars[lo - 1] == "<":
            lo -= 1
        if hi < len(chars) and chars[hi] == ">":
            hi += 1
        for i in range(lo, hi):
            chars[i] = " "
    return "".join(chars)


# ------------------------------------------------------------------ links not in the text


def _attach_hrefs(sources: list[Source], note: Note) -> list[Source]:
    """Give each hidden link (HTML/PDF/DOCX) to the source it belongs to, else the first."""
    known = {ref.normalized for source in sources for ref in source.urls}
    extra = []
    for href in note.hrefs:
        refs = extract_urls(href)
        ref = refs[0][1] if refs else UrlRef(href, normalize_url(href))
        if ref.normalized not in known:
            known.add(ref.normalized)
            extra.append(ref)
    if not extra:
        return sources
    if not sources:
        # The note's text is the citation of its hidden links: read its fields with them.
        read = read_fields(note.text.strip(), note.text, tuple(extra))
        title = _title_or_none(note.text)
        if read is None:
            return [Source(text=note.text.strip(), title=title, urls=tuple(extra))]
        return [replace(read, title=read.title or title)]
    for ref in extra:
        target = next(
            (i for i, s in enumerate(sources) if s.outlet and outlet_matches(s.outlet, ref.normalized)),
            next((i for i, s in enumerate(sources) if not s.urls), 0),
        )
        sources[target] = replace(sources[target], urls=sources[target].urls + (ref,))
    return sources


def _title_or_none(text: str) -> str | None:
    title, _ = quoted_title(text)
    if title:
        return title
    stripped = SEE_LINK.split(text)[0].strip().rstrip(".")
    if is_lead_in(stripped) or not title_like(stripped) or len(stripped) > 200:
        return None
    return stripped
