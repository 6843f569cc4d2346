"""Link rules that need no network: no link at all, a link that cannot be right as written,
a link to another outlet than the one named, and one link cited from several notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote

from citetrack import settings
from citetrack.models import Citation, Flag, FlagKind, Note, Severity, Source
from citetrack.rules.common import describe_source, note_text_key, where
from citetrack.cite.media import book_imprint, journal_locators, names_a_journal, page_locators, print_cues, short_reference, web_cues
from citetrack.cite.outlets import known_outlet, name_resembles_domain, outlet_matches, squash
from citetrack.cite.urls import is_social_post, registered_domain


def no_url_flag(citation: Citation, links_hidden: bool = False) -> Flag | None:
    """A source that lives on the web, identified by title, outlet, author or site name, with no
    link to it. Print sources (books, journal issues, pre-web newspapers) need no link.

    In text copied out of a PDF or a web page (`links_hidden`) a link set behind the title is
    gone, so the missing link is only worth an info flag, `link-not-in-text`, pointing to the
    original; a warning on every such note would be wrong about the document its author wrote."""
    source = citation.source
    if source.urls:
        return None
    if not (source.title or source.outlet or source.authors or source.named_site):
        return None
    if lives_in_print(source):
        return None
    evidence: dict = {"source": describe_source(citation)}
    if source.named_site:
        evidence["domain"] = source.named_site
        hint = f" (it names {source.named_site})"
    else:
        hint = ""
    cited = f"{where(citation.footnote)}: “{describe_source(citation, 60)}”"
    if links_hidden:
        kind, severity = FlagKind.LINK_NOT_IN_TEXT, Severity.INFO
        message = (
            f"{cited} shows no link in this text{hint}; text copied from a PDF or a web page loses"
            " links set behind titles: ingest the original to check it."
        )
    else:
        kind, severity, message = FlagKind.NO_URL, Severity.WARNING, f"{cited} is cited without a link{hint}."
    return Flag(
        kind=kind,
        severity=severity,
        message=message,
        subject=citation.key,
        evidence=evidence,
        footnote=citation.footnote,
        citation_key=citation.key,
    )


def lives_in_print(source: Source) -> bool:
    """True when the note cites a print source, which owes the reader no link.

    A source dated before the web era (NO_URL_WEB_ERA_YEAR) is in print, unless the note names a
    site, a press release, a statement or a post, which only the web publishes. After it, the web
    wins: those cues, or an outlet of the outlet table, unless the note places a journal article
    by volume, issue and pages (`45, no. 7 (2009): W00A16`). Otherwise the note gives an edition,
    ISBN, volume or pages, or a book publisher, or cites the way books are cited: the author's
    family name first, a publisher that is no known news outlet, a year alone.
    """
    outside = source.text.replace(source.title, " ") if source.title else source.text
    if source.named_site or web_cues(outside):
        return False
    stated = source.date
    if stated is not None and stated.value is not None and stated.value.year < settings.NO_URL_WEB_ERA_YEAR:
        return True
    if stated is None and short_reference(source.text) and not (source.outlet and known_outlet(source.outlet)):
        return True  # `Roe, "Floods," 3.`: points back to a full citation, in print or not
    if journal_locators(outside) or page_locators(outside) or book_imprint(outside):
        return True  # placed by volume, issue or page, or by a book's imprint: read in print
    if source.outlet and names_a_journal(source.outlet) and (stated is None or stated.precision != "day"):
        return True  # `Journal of Hydrology (2020)`: a journal cited by year, not a news item
    if source.outlet and known_outlet(source.outlet) is not None:
        return False  # a news outlet or site we know publishes on the web (pages or not)
    if print_cues(outside):
        return True
    return bool(
        _INVERTED_AUTHOR.match(source.text.strip())
        and source.outlet
        and known_outlet(source.outlet) is None
        and stated is not None
        and stated.precision == "year"
    )


# A bibliography's author, family name first (`Flew, Janine.`, `Schmalz, Peter S..`): with a
# publisher and a year alone, the way a book is cited (a web article gives its day).
_INVERTED_AUTHOR = re.compile(r"^[A-Z][\w'’\-]+,\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*\.?){0,2}\.")


def malformed_url_flags(citation: Citation) -> list[Flag]:
    """One flag per URL that cannot be right as written."""
    flags = []
    for ref in citation.source.urls:
        if not ref.malformed:
            continue
        fix = f" Did you mean {ref.suggestion}?" if ref.suggestion else ""
        flags.append(
            Flag(
                kind=FlagKind.MALFORMED_URL,
                severity=Severity.ERROR,
                message=f"{where(citation.footnote)}: the URL “{ref.written}” cannot be right: {ref.malformed}.{fix}",
                subject=f"{citation.key}:{ref.written}",
                evidence={"written": ref.written, "reason": ref.malformed, "suggestion": ref.suggestion},
                footnote=citation.footnote,
                citation_key=citation.key,
                url=ref.normalized or None,
            )
        )
    return flags


# The least length of a squashed outlet name looked for in a URL's path: shorter names ("AP",
# "BBC") turn up inside ordinary words.
_MIN_NAME_IN_PATH = 6


def _path_names_the_outlet(url: str, outlet: str) -> bool:
    """Whether the link's path spells the outlet's name out (a copy of its piece kept on another
    site: a course page's PDF of a magazine article), so the link is no other outlet's page."""
    name = squash(outlet)
    if len(name) < _MIN_NAME_IN_PATH:
        return False
    path = url.split("://", 1)[-1].partition("/")[2]
    return name in squash(unquote(path))


def outlet_mismatch_flag(citation: Citation) -> Flag | None:
    """The named outlet is decidably not the site the links point to (no link matches it)."""
    source = citation.source
    if not source.outlet:
        return None
    mismatched = []
    for ref in source.urls:
        url = ref.normalized or ref.written
        if ref.malformed or is_social_post(url):
            continue
        domain = registered_domain(url)
        if not domain or domain in settings.OUTLET_NEUTRAL_DOMAINS:
            continue
        if source.title and name_resembles_domain(source.title, domain):
            continue  # `[Citymayors.com](url), *Toronto Star*`: the note names the linked site itself
        if _path_names_the_outlet(url, source.outlet):
            continue  # `…/Scientific%20American_%20Feature%20Article.pdf`: a copy, named as the outlet's
        verdict = outlet_matches(source.outlet, domain)
        if verdict is True:
            return None
        if verdict is False:
            mismatched.append((ref, domain))
    if not mismatched:
        return None
    ref, domain = mismatched[0]
    return Flag(
        kind=FlagKind.OUTLET_MISMATCH,
        severity=Severity.WARNING,
        message=f"{where(citation.footnote)}: the citation names {source.outlet} but its link points to {domain}.",
        subject=citation.key,
        evidence={"outlet": source.outlet, "domain": domain, "written": ref.written},
        footnote=citation.footnote,
        citation_key=citation.key,
        url=ref.normalized,
    )


def repeated_url_flags(citations: Sequence[Citation], notes: Sequence[Note] = ()) -> list[Flag]:
    """One info flag per normalized URL cited from several different notes.

    A note cited again is one note, not a repeat: Markdown's same `[^x]` twice reads as one
    note, and a named note reused (`<ref name="x"/>` in Wikipedia) reaches every rendering as
    notes of identical text under new numbers. Notes of identical text count once.
    """
    text_at = {note.position: note_text_key(note.text) for note in notes}
    # a note is its text when known, else its position (two unnumbered notes are two notes),
    # else its label
    notes_by_url: dict[str, dict[object, str | None]] = {}
    for citation in citations:
        note = citation.note_position if citation.note_position is not None else citation.footnote
        note = text_at.get(note, note) if citation.note_position is not None else note
        for ref in citation.source.urls:
            if ref.malformed or not ref.normalized:
                continue
            notes_by_url.setdefault(ref.normalized, {}).setdefault(note, citation.footnote)
    flags = []
    for url, notes in notes_by_url.items():
        if len(notes) < 2:
            continue
        labels = list(notes.values())
        shown = ", ".join(label if label is not None else "(unnumbered)" for label in labels)
        flags.append(
            Flag(
                kind=FlagKind.REPEATED_URL,
                severity=Severity.INFO,
                message=f"The same URL is cited in {len(labels)} notes ({shown}): {url}",
                subject=url,
                evidence={"footnotes": labels, "count": len(labels)},
                footnote=labels[0],
                url=url,
            )
        )
    return flags
