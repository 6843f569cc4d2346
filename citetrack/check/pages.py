"""What a fetched page says about itself: title, visible text, and whether it reads as an error page.

Pure functions over bytes and strings. Error pages are recognised by their title and by
phrases in English, French, Spanish, German, Italian and Portuguese; a page is also a soft 404
when it is (nearly) the same page the site serves for a random path that cannot exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citetrack import settings

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1\s*>", re.I | re.S)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_DROP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")

# A title segment (between | - : separators) that is an error message by itself.
_TITLE_PHRASE = r"""(?:
    (?:error|erreur|err|fehler|errore|erro)?\s*404(?:\s*(?:error|erreur))? | not\s+found | introuvable
    | (?:the\s+)?(?:page|file|article|content|resource|document|story)s?\s+(?:was\s+|is\s+|could\s+not\s+be\s+)?(?:not\s+)?found
    | (?:this\s+)?page\s+(?:does\s+not|doesn'?t|no\s+longer)\s+exists?
    | page\s+(?:introuvable|non\s+trouv[ée]e|inexistante|non\s+disponible)
    | p[áa]gina\s+no\s+(?:encontrada|existe|disponible) | no\s+se\s+(?:encontr[óo]|encuentra)(?:\s+la\s+p[áa]gina)?
    | seite\s+nicht\s+gefunden | pagina\s+non\s+trovata | p[áa]gina\s+n[ãa]o\s+encontrada
)"""
ERROR_TITLE_SEGMENT = re.compile(
    rf"(?ix)^\W*(?:(?:oops|sorry|error|erreur|d[ée]sol[ée]|lo\s+sentimos|ups|whoops)\W+)*{_TITLE_PHRASE}(?:\W+{_TITLE_PHRASE})?\W*$"
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»]\s+|\s*[|·»]\s*")


class _TitleMatcher:
    """`search(title)`: some segment of the title is an error message."""

    @staticmethod
    def search(title: str) -> bool:
        return any(ERROR_TITLE_SEGMENT.match(part) for part in _TITLE_SEPARATORS.split(title) if part.strip())


ERROR_TITLE = _TitleMatcher()
# Sentences error pages write in their body.
ERROR_PHRASE = re.compile(
    r"""(?ix)
    \b(?:the\s+)?(?:page|article|content|url|file|resource)s?\s+(?:that\s+)?you\s+(?:are|were|'re)?\s*
        (?:looking\s+for|requested|tried\s+to\s+(?:reach|access)|want)\s+(?:could\s+not|couldn'?t|cannot|can'?t|does\s+not|doesn'?t|no\s+longer|is\s+not|isn'?t|was\s+not|wasn'?t|may\s+have)
    | \bsorry,?\s+(?:but\s+)?(?:we\s+)?(?:couldn'?t|could\s+not|can'?t|cannot)\s+find\s+(?:that|this|the)\s+page
    | \bthis\s+page\s+(?:does\s+not|doesn'?t|no\s+longer)\s+exists?\b | \bpage\s+not\s+found\b | \berror\s+404\b
    | \bla\s+page\s+(?:que\s+vous\s+(?:recherchez|cherchez|demandez|avez\s+demand[ée]e)\s+)?(?:n'existe\s+(?:pas|plus)|est\s+introuvable|n'est\s+(?:pas|plus)\s+disponible|a\s+[ée]t[ée]\s+supprim[ée]e)
    | \bpage\s+introuvable\b | \berreur\s+404\b
    | \bla\s+p[áa]gina\s+(?:que\s+(?:buscas|busca|est[áa]s?\s+buscando|solicitaste|ha\s+solicitado)\s+)?no\s+(?:existe|se\s+(?:encuentra|encontr[óo]|pudo\s+encontrar)|est[áa]\s+disponible)
    | \bp[áa]gina\s+no\s+encontrada\b | \bno\s+(?:hemos\s+podido|pudimos)\s+encontrar\s+la\s+p[áa]gina
    | \bseite\s+(?:wurde\s+)?nicht\s+gefunden\b | \bpagina\s+non\s+trovata\b | \bp[áa]gina\s+n[ãa]o\s+encontrada\b
    """
)
SHORT_PAGE_CHARS = 3000  # an error phrase counts only on a page this short (an article may quote one)
HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@dataclass(frozen=True)
class PageFacts:
    """What a page body tells: its title, first heading and visible text (cut)."""

    title: str | None
    heading: str | None
    text: str


def decode(body: bytes, declared: str | None = None) -> str:
    """Text of an HTML body: the declared charset, else a <meta charset>, else UTF-8 (lenient)."""
    encoding = declared
    if not encoding:
        match = _CHARSET.search(body[:4096])
        encoding = match.group(1).decode("ascii", "ignore") if match else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _clean(fragment: str) -> str:
    import html

    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def page_facts(body: bytes, charset: str | None = None, max_text: int = 20000) -> PageFacts:
    """Title, first <h1> and visible text of an HTML body."""
    if not charset:
        found = _CHARSET.search(body[:4096])
        charset = found.group(1).decode("ascii", "ignore") if found else None
    match = _TITLE.search(body)
    title = _clean(decode(match.group(1), charset)) if match else None
    text = decode(body, charset)
    heading_match = _H1.search(text)
    heading = _clean(heading_match.group(1)) if heading_match else None
    visible = _clean(_DROP.sub(" ", text))
    return PageFacts(title=title or None, heading=heading or None, text=visible[:max_text])


def error_page_reason(facts: PageFacts) -> str | None:
    """Why a 200 page reads as an error page ("title", "heading", "text"), or None."""
    if facts.title and ERROR_TITLE.search(facts.title):
        return "error-title"
    if facts.heading and (ERROR_TITLE.search(facts.heading) or ERROR_PHRASE.search(facts.heading)):
        return "error-heading"
    if len(facts.text) <= SHORT_PAGE_CHARS and ERROR_PHRASE.search(facts.text):
        return "error-text"
    return None


def same_page(a: PageFacts, b: PageFacts, *, ignore: tuple[str, ...] = ()) -> bool:
    """True when two pages are (nearly) the same, once the requested paths they echo are removed."""
    from rapidfuzz import fuzz

    def strip(text: str) -> str:
        for token in ignore:
            if token:
                text = text.replace(token, " ")
        return text[:5000]

    left, right = strip(a.text), strip(b.text)
    if not left and not right:
        return (a.title or "") == (b.title or "")
    return fuzz.ratio(left, right) >= settings.CHECK_SOFT404_SIMILARITY


def is_html(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() in HTML_TYPES
