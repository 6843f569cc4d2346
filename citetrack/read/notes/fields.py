"""The fields of one citation: authors, title, outlet, date and a site named without a link."""

from __future__ import annotations

import re

from citetrack.cite.dates import access_dates, find_dates, parse_date
from citetrack.cite.outlets import known_outlet
from citetrack.cite.urls import registered_domain
from citetrack.models import Source, StatedDate, UrlRef
from citetrack.read.notes.patterns import (
    ACCESS_WORDS,
    APA,
    APA_AUTHOR,
    APA_ORG,
    NAMED_SITE,
    ORG_WORDS,
    PAREN_ATTRIBUTION,
    QUOTED_DOUBLE,
    QUOTED_SINGLE,
    WEB_DOCUMENT,
    SOCIAL_POST,
    TRAILING_DATE_PARENS,
    MAX_TITLE_CHARS,
    after_lead_in,
    has_words,
    is_lead_in,
    last_sentence,
    title_like,
)


def read_fields(
    source_text: str, body: str, urls: tuple[UrlRef, ...], accessed: StatedDate | None = None
) -> Source | None:
    """Authors, title, outlet, date and named site of one citation (URLs already known);
    `accessed` when the caller already set the access dates apart."""
    body, found = set_access_dates_apart(body)
    accessed = found or accessed
    named_site = None
    site_span = None
    for match in NAMED_SITE.finditer(body):
        if registered_domain(match["d"]):
            named_site, site_span = match["d"].lower(), (match.start(), match.end())
    work = body if site_span is None else body[: site_span[0]] + " " * (site_span[1] - site_span[0]) + body[site_span[1] :]

    authors: tuple[str, ...] = ()
    outlet: str | None = None
    date: StatedDate | None = None
    title, title_span = quoted_title(work)
    apa = (APA.match(work.strip()) or APA_ORG.match(work.strip())) if title is None else None
    if title is not None:
        authors, outlet = _around_quoted_title(work, title_span)
    if apa is not None:
        authors, outlet = _apa_authors(apa)
        title = apa["title"].strip().rstrip(".")
        written = apa["date"].strip()  # `2023, February 29` as written; `2023, March` reordered
        date = parse_date(written) or parse_date(re.sub(r"^(\d{4}),\s*(.+)$", r"\2, \1", written))
        offset = len(work) - len(work.lstrip())
        title_span = (offset + apa.start("title"), offset + apa.end("title"))
    post = SOCIAL_POST.match(work) if title is None and apa is None else None
    if post is not None:
        # `Agency (@handle), post on X, July 19, 2023.`: a post, cited by its account and platform
        authors, outlet = (post["who"].strip(),), (post["p1"] or post["p2"])
        title_span = (0, post.end())
    elif title is None and apa is None and (issued := WEB_DOCUMENT.match(work)) is not None:
        # `Ministry of Health, statement, 4 June 2023.`: a web document named by issuer and kind
        outlet, title_span = issued["who"].strip(), (0, issued.end())
    elif title is None and apa is None:
        # An access date says the citing author saw the work online: a source as surely as a link.
        title, title_span, outlet = _unquoted_title(work, bool(urls) or named_site is not None or accessed is not None)
    date = date or _citation_date(work, title_span)
    if title is not None:
        title = re.sub(r"\s*[(<]\s*[)>]", "", title).strip() or None  # `Title (<url>)`: the link was blanked
    if outlet is None:
        attribution = PAREN_ATTRIBUTION.search(work)
        if attribution and (known_outlet(attribution["o"]) or len(attribution["o"].split()) >= 2):
            outlet, date = attribution["o"].strip(), parse_date(attribution["d"])
    if not urls and named_site is None:
        has_citation = (
            (title is not None and (outlet or date or authors or accessed))
            or (outlet and date)
            or post is not None
        )
        if not has_citation:
            return None
    return Source(
        text=source_text,
        authors=authors,
        title=title,
        outlet=outlet,
        date=date,
        urls=urls,
        named_site=named_site,
        accessed=accessed,
    )


def set_access_dates_apart(body: str) -> tuple[str, StatedDate | None]:
    """The body with its access and archive clauses blanked, and the access date they give.

    `Retrieved April 18, 2014`, `accessed September 14, 2018`, `Archived from the original on
    …`: the date the citing author saw the source is never the source's own date, so no later
    step (title, outlet, stated date) may read it. A retrieval or access date wins over an
    archive date when a note gives both.
    """
    found = access_dates(body)
    if not found:
        return body, None
    for (a, b), _stated, _kind in found:
        body = body[:a] + " " * (b - a) + body[b:]
    ranked = sorted(found, key=lambda item: item[2] != "accessed")  # stable: reading order
    return body, ranked[0][1]


def _apa_authors(apa: re.Match[str]) -> tuple[tuple[str, ...], str | None]:
    """Persons (`Smith, J., & Roe, M.`) or an organisation as author, and the publisher after."""
    publisher = (apa["outlet"] or "").strip() or None
    if "org" in apa.groupdict():
        return (), publisher if publisher and known_outlet(apa["org"]) is None else apa["org"].strip()
    persons = tuple(a.strip(" ,") for a in APA_AUTHOR.findall(apa["authors"]))
    return persons or _split_authors(apa["authors"]), publisher


def quoted_title(work: str) -> tuple[str | None, tuple[int, int] | None]:
    """The first quotation that stands as a title: at the start, or after `Name,` / `In:`."""
    for pattern in (QUOTED_DOUBLE, QUOTED_SINGLE):
        for match in pattern.finditer(work):
            title = match["t"].strip().rstrip(",.;:").strip()
            if len(title) > MAX_TITLE_CHARS or not (len(title.split()) >= 2 or _one_word_title(match, work)):
                continue
            if _opens_a_title(work[: match.start()]):
                return title, (match.start(), match.end())
    markdown = re.search(r"\[(?P<t>[^\[\]]{3,})\]\(\s*\)?", work)
    if markdown and len(markdown["t"].split()) >= 2:
        return markdown["t"].strip(), (markdown.start(), markdown.end())
    return None, None


def _one_word_title(match: re.Match[str], work: str) -> bool:
    """A one-word quotation is a title (`"Heatwave," The Guardian`, `„Energiewende.“ Die Zeit`)
    when it is double-quoted, capitalised and closed by the citation's own comma or full stop;
    a word quoted inside a sentence (`the so-called "reset"`) is not."""
    if match.re is not QUOTED_DOUBLE:
        return False
    word = match["t"].strip()
    closed = word[-1:] in ",." or work[match.end() :].lstrip()[:1] in ",."
    return closed and (word[:1].isupper() or word[:1].isdigit()) and len(word.rstrip(",.")) >= 3


def _opens_a_title(before: str) -> bool:
    """A quotation is a title when nothing but `Author,` / `Outlet,` / a full stop precedes it;
    a quotation inside a sentence (`... créent le "Cadre"`) is part of that sentence."""
    pre = last_sentence(before).rstrip("\"“”„«» ")  # a stray doubled quote: `""Title,"`
    if not pre or pre[-1] in ",.:;([—–-":
        return True
    if after_lead_in(pre) is not None:
        return True  # `see the portal summary “Title”`, `cited in Reuters “Title”`
    return bool(TRAILING_DATE_PARENS.search(pre))  # `Reuters (2023) 'Title'` (Harvard)


def _around_quoted_title(work: str, span: tuple[int, int]) -> tuple[tuple[str, ...], str | None]:
    """`Author, "Title," Outlet (date)` / `Outlet, "Title," date`: who wrote it, who published it."""
    pre = last_sentence(work[: span[0]]).strip(" ,.:;-–—").strip()  # `Reuters. "Title"`: the outlet
    pre = TRAILING_DATE_PARENS.sub("", pre).strip(" ,")
    pre = re.sub(r"(?i)^.*?\baccording\s+to\s+", "", pre).strip()
    introduced = after_lead_in(pre)
    if introduced is not None:
        # `see the portal summary “Title”`: a description in lower case names nobody;
        # `cited in Human Rights Watch, “Title”`: the name after the lead-in does.
        pre = introduced
    if pre[:1].islower() and known_outlet(pre) is None:  # `heise online` is a name in lower case
        pre = ""  # `the portal summary “Title”`, `the ministry's site: “Title”`: a description, no name
    post = work[span[1] :]
    outlet_after = _leading_outlet(post)
    authors: tuple[str, ...] = ()
    outlet: str | None = outlet_after
    if pre and len(pre) <= 120 and not find_dates(pre):
        if known_outlet(pre) is not None:
            if outlet_after is None or known_outlet(outlet_after) is None:
                outlet = pre  # `Crisis Group, "Title," Report No. 12`: the named publisher wins
        elif ORG_WORDS.search(pre) and not outlet_after:
            outlet = pre
        else:
            authors = _split_authors(pre)
            if not outlet_after and len(authors) == 1 and _not_a_person(authors[0]):
                authors, outlet = (), pre  # `Lloyd's List, "Title," date`: a publisher
    return authors, outlet


def _not_a_person(name: str) -> bool:
    """A single name that reads as a publication, not a person: one word, a possessive, long."""
    if name.startswith("@"):
        return False
    words = name.split()
    return len(words) == 1 or len(words) >= 5 or bool(re.search(r"['’]s\b", name))


# A season or a quarter with its year: a date of issue, never a publisher's name.
_SEASON_OR_QUARTER = re.compile(
    r"(?i)(?:spring|summer|autumn|fall|winter|printemps|été|automne|hiver|primavera|verano|otoño|invierno"
    r"|frühjahr|frühling|sommer|herbst|q[1-4]|h[12])\s*(?:(?:19|20)\d\d(?:\s*[-/–]\s*\d{2,4})?)"
)


def _leading_outlet(post: str) -> str | None:
    """The publisher named right after a title: `," Critical Threats Project (15.12.2023).`"""
    rest = post.lstrip(" \t\n,.:;)—–-")
    # What sits between a linked title and its outlet: the rest of a Markdown link whose URL was
    # blanked (`](   )`), a language note (`(in Spanish)`), and the outlet's italics
    # (`*El País*`, `_Nature_`), as Wikipedia's citations render.
    rest = re.sub(r"^(?:[\]\s]*\(\s*\))?", "", rest)
    rest = re.sub(r"^[\s,.:;)\]]*(?:\((?:in\s+)?[A-Za-z][a-z]+(?:\s+and\s+[A-Za-z][a-z]+)?\)[\s,.:;]*)?", "", rest)
    rest = re.sub(r"^([*_]{1,2})(?=\S)([^*_\n]{1,80}?)\1(?![*_\w])", r"\2", rest)
    rest = re.sub(r"(?i)^(?:in|on|published\s+(?:by|in)|by)\s+", "", rest)
    host = re.match(r"(?i)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w.-]*[\w-])", rest)
    if host and registered_domain(host.group(0).lower()):
        return host.group(0)  # `Toronto.ctv.ca.`: a site named by its host, dots and all
    match = re.match(r"(?P<o>[^(),.<;\n\"“]{1,80})", rest)
    if not match:
        return None
    candidate = match["o"]
    dates = find_dates(rest)
    if dates and dates[0][0][0] < len(candidate):
        candidate = candidate[: dates[0][0][0]]
    candidate = candidate.strip(" ,")
    if not candidate or not (candidate[0].isupper() or candidate[0].isdigit()) or not has_words(candidate):
        return None
    if re.match(r"(?i)^(?:see|accessed|retrieved|available|p\.|pp\.|vol\.|no\.)", candidate):
        return None
    if _SEASON_OR_QUARTER.fullmatch(candidate):
        return None  # `Spring 2023`, `Q3 2023`, `Winter 2023/24`: when, not who
    if len(candidate.split()) > 8:
        return None
    return candidate


def _split_authors(pre: str) -> tuple[str, ...]:
    """`Jane Roe and John Doe` → two persons; `@handle` is an author too."""
    parts = [p.strip(" ,.") for p in re.split(r"\s*(?:,|;|\band\b|&|\bet\b|\by\b|\bund\b)\s*", pre) if p.strip(" ,.")]
    person = r"(?:@\w{1,30}|[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|van|von|de|da|del|der|di|le|la|al|bin|ibn)){0,4})"
    if parts and all(re.fullmatch(person, p) for p in parts):
        return tuple(parts)
    return ()


def _unquoted_title(work: str, has_target: bool) -> tuple[str | None, tuple[int, int] | None, str | None]:
    """`Title. (date) Outlet.` / `Title Outlet (date).` / a lone title before a link or a site."""
    stripped_end = len(work.rstrip(" .,;\t\n"))
    dates = [(span, stated) for span, stated in find_dates(work) if stated.precision in {"day", "month"}]
    for (a, b), _stated in dates:
        opening = work.rfind("(", 0, a)
        closing = work.find(")", b)
        if opening == -1 or closing == -1 or work[opening + 1 : a].strip() or work[b:closing].strip():
            continue
        before, after = work[:opening], work[closing + 1 : stripped_end]
        # Title. (date) Outlet.
        outlet_after = after.strip(" .,;")
        if before.strip() and outlet_after and len(outlet_after.split()) <= 6 and not _has_sentence_break(outlet_after):
            title = before.strip().rstrip(".,").strip()
            if title_like(title):
                return title, (0, opening), outlet_after
        # Title Outlet (date).  -- the outlet must be a known name, or set off by a stop or comma
        if not outlet_after and before.strip():
            found = _trailing_outlet(before)
            if found is not None:
                cut, outlet = found
                title = before[:cut].strip().rstrip(".,").strip()
                if title_like(title):
                    return title, (0, cut), outlet
    if dates:
        found = _title_outlet_date(work, dates[-1][0], stripped_end)
        if found is not None:
            return found
    if has_target and (closing_year := _CLOSING_YEAR.search(work[:stripped_end])) is not None:
        # `Title, Publisher (2006).` (Wikipedia's older web citations): a year in brackets closes
        # it; only a link, a named site or an access date shows the words cite a work.
        found = _trailing_outlet(work[: closing_year.start()])
        if found is not None:
            cut, outlet = found
            title = work[:cut].strip().rstrip(".,").strip()
            if title_like(title) and not is_lead_in(title):
                return title, (0, cut), outlet
    if has_target:
        # A lead-in that introduces a link ("an archived copy: <url>", "see also the annex, <url>",
        # "Same report as in note 2: <url>") describes the link; it is no title.
        if is_lead_in(work):
            return None, None, None
        lone = re.sub(r"\s*\([^()]*\)\s*$", "", work[:stripped_end].strip()).strip().rstrip(".,;:")
        lone, outlet = _peel_outlet_and_date(lone)
        if lone and title_like(lone) and lone[0] not in "([":
            start = work.find(lone)
            return lone, (start, start + len(lone)), outlet
    return None, None, None


# A bare year in brackets closing a citation: `…, Statistics Canada (2001)`.
_CLOSING_YEAR = re.compile(r"\s\(\s*(?:1[89]|20)\d\d\s*\)$")


def _title_outlet_date(
    work: str, last_date: tuple[int, int], stripped_end: int
) -> tuple[str | None, tuple[int, int] | None, str | None] | None:
    """`Title, Reuters, 3 May 2020.` / `Title. The Guardian. 3 May 2020.` / `Title (<link>) New
    York Times, October 3, 2008.`: an unquoted title, a known outlet and the date closing the
    note cite a work as surely as a quoted title does, with or without a link. Only a known
    outlet counts here (`Notes on method, Part two, May 2020` names none), and a lead-in (`see
    the statement, Reuters, …`) gives the outlet and no title."""
    a, b = last_date
    if b < stripped_end - 1 or work[b:stripped_end].strip(" .,;)"):
        return None  # the date must close the note
    before = work[:a].rstrip(" ,.;:(")
    found = _trailing_outlet(before, known_only=True)
    if found is None:
        return None
    cut, outlet = found
    title = before[:cut].strip().rstrip(".,;:").strip()
    if not title or is_lead_in(title) or after_lead_in(title) is not None:
        return None, None, outlet
    if not (title_like(title) and title[0].isalnum()) or re.search(r"[\"“”«»„]", title):
        return None
    return title, (0, cut), outlet


def _peel_outlet_and_date(lone: str) -> tuple[str, str | None]:
    """`Title, Reuters, 4 May 2023` → (`Title`, `Reuters`): trailing date and known outlet parts."""
    parts = lone.split(", ")
    outlet = None
    peeled_date = False
    while len(parts) > 1:
        last = parts[-1].strip()
        dates = find_dates(last)
        if not peeled_date and dates and dates[0][0] == (0, len(last)):
            peeled_date = True
        elif outlet is None and known_outlet(last) is not None and _case_fits(last):
            outlet = last
        else:
            break
        parts.pop()
    if not peeled_date and outlet is None:
        return lone, None
    return ", ".join(parts).strip(), outlet


def _has_sentence_break(text: str) -> bool:
    return bool(re.search(r"[.!?]\s+\S", text))


def _trailing_outlet(before: str, known_only: bool = False) -> tuple[int, str] | None:
    """The outlet at the end of `Title Outlet`: the longest known name, else (unless
    `known_only`) the words after the last `.` or `,`."""
    words = list(re.finditer(r"\S+", before))
    for count in range(min(6, len(words) - 1), 0, -1):
        start = words[-count].start()
        candidate = before[start:].strip().strip(",.")
        if known_outlet(candidate) is not None and _case_fits(candidate):
            return start, candidate
    if known_only:
        return None
    stop = max(before.rstrip().rfind(". "), before.rstrip().rfind(", "))
    if stop != -1:
        candidate = before[stop + 2 :].strip()
        if candidate and candidate[0].isupper() and len(candidate.split()) <= 5:
            return stop + 1, candidate
    return None


def _case_fits(candidate: str) -> bool:
    """Short acronyms count only in capitals: `AP`, not the word `ap`."""
    letters = re.sub(r"[^A-Za-z]", "", candidate)
    return len(letters) > 4 or letters.isupper() or candidate[0].isupper()


def _citation_date(work: str, title_span: tuple[int, int] | None) -> StatedDate | None:
    """The citation's own date: outside its title, preferring one that is no access date."""
    candidates: list[tuple[int, StatedDate]] = []
    for (a, b), stated in find_dates(work):
        if title_span and title_span[0] <= a < title_span[1]:
            continue
        access = bool(ACCESS_WORDS.search(work[max(0, a - 30) : a]))
        candidates.append((1 if access else 0, stated))
    if not candidates:
        return _year_after_title(work, title_span)
    candidates.sort(key=lambda c: c[0])  # stable: reading order among equals
    return candidates[0][1]


# How far after a title a lone year is looked for. Unbounded, the pattern below backtracks
# quadratically over a long blank run (a 100 KB URL blanked out took minutes).
_YEAR_WINDOW = 200


def _year_after_title(work: str, title_span: tuple[int, int] | None) -> StatedDate | None:
    """`"Title," 2023,`, `"Title" (2023)` or `"Title". Publisher. 2004.` (a book as Wikipedia
    cites it): a year standing alone as the citation's date."""
    if title_span is None:
        return None
    after = work[title_span[1] : title_span[1] + _YEAR_WINDOW]  # bounded: blanked URLs are long blank runs
    match = re.match(r"[\s,.;:]*(?:[^\d(),.;]{0,60}(?:[,.]\s|\s)\s*)?\(?(?P<y>(?:19|20)\d\d)\)?(?=[\s,.;]|$)", after)
    return parse_date(match["y"]) if match else None
