"""Where a cited source lives: in print (a book, a journal issue, a newspaper of the pre-web era)
or on the web (a site, a press release, a post, an online outlet's article).

A note that cites a print source owes the reader no link; one that cites a web source does.
These are the cues a note gives, as pure functions of its text; `rules.references` decides.
"""

from __future__ import annotations

import re

# A book or a journal: an ISBN or ISSN, an edition, a work still in press (`forthcoming`),
# page or volume references, a journal's `12(3): 45-67`, a publisher that prints books.
_PRINT_CUES = re.compile(
    r"(?ix)"
    r"\bIS[BS]N(?:-1[03])?\b"
    r"|\b\d+(?:st|nd|rd|th)\s+(?:ed\b\.?|edn\b\.?|edition\b)|\b(?:revised|reprint(?:ed)?)\s+(?:ed\b|edition\b)"
    r"|\b(?:Aufl\.|Auflage\b|éd\.)"
    r"|\b(?:forthcoming|in\s+press|im\s+Druck|à\s+paraître|en\s+prensa|in\s+corso\s+di\s+stampa)\b"
    r"|(?<![\w/])pp?\.\s*\d|\bpages?\s+\d+\s*[-–]\s*\d+"
    r"|\bvol(?:\.|ume\b)\s*\d|\bno\.\s*\d+\s*,\s*pp?\."
    r"|\b\d{1,4}\s*\(\d{1,4}\)\s*[:,]\s*\d"
)
# A journal article cited by its volume, issue and pages or article number (Chicago's
# `45, no. 7 (2009): W00A16`, `12(3): 45–67`, `vol. 9, pp. 1–20`, an e-locator `e0123456`, a
# volume and its year after the journal's name, `Water Research 55 (2019)`):
# the citation locates the article in the journal's issue, so it needs no link, whatever the
# journal's name.
_JOURNAL_LOCATORS = re.compile(
    r"(?ix)"
    r"\b\d{1,4}\s*,\s*(?:no|nr|issue)\.?\s*\d+"
    r"|\b(?:vol(?:\.|ume\b)\s*\d{1,4}|\d{1,4})\s*(?:,\s*(?:no|issue)\.?\s*\d+\s*)?\((?:19|20)\d\d\)\s*:\s*[A-Z]{0,3}\d"
    r"|\b\d{1,4}\s*\(\d{1,4}\)\s*[:,]\s*[A-Z]{0,3}\d"
    r"|\bvol(?:\.|ume\b)\s*\d{1,4}\s*,\s*(?:(?:no|issue)\.?\s*\d+\s*,\s*)?pp?\.\s*\d"
    r"|[:,]\s*e\d{4,}\b"
    r"|(?<=[^\W\d_])\s+\d{1,3}\s*(?:,\s*(?:no|issue)\.?\s*\d+\s*)?\((?:19|20)\d\d\)"
)
# A page locator: the page a print edition carries the text on (`p. 2`, `pp. 4–5`, German
# `S. 5`, Spanish `pág. 14`), a bare page or page range right after the year that closes the
# note (Chicago's `March 5, 2010, A12.`, `Nature Sustainability, 2021, 112–118.`,
# `(Princeton: Princeton University Press, 2016), 211.`), or a newspaper's section page closing
# it (APA's `The New York Times, A1.`). Web pages have no pages.
_PAGE_LOCATOR = re.compile(
    r"(?x)"
    r"(?<![\w/])(?:pp?|S|págs?|Bd|Jg)\.\s*[A-Z]?\d"
    r"|\b(?:19|20)\d\d\)?\s*[,:]\s*(?:pages?\s+)?[A-Z]?\d{1,4}(?:\s*[-–]\s*[A-Z]?\d{1,4})?\s*\.?\s*$"
    r"|,\s*[A-Z]\d{1,3}(?:\s*[-–]\s*[A-Z]?\d{1,3})?\s*\.?\s*$"
)
# A shortened note pointing back to a full citation (`Roe, "Floods," 3.`, `Roe, Coastal Towns,
# 41–42.`): a name, a short title and a page, with no other number (no date, no year of the web
# era: `Roe, "Floods," 2019.` is dated; `1680` is a page, or a year long before any link).
# Or a family name and a quoted short title alone (`Roe and Lee, "Floods."`).
_SHORT_REFERENCE = re.compile(
    r"^[^\d]*[,\"”’»]\s*(?:pp?\.\s*)?(?!(?:19|20)\d\d\b)\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*\.?\s*$"
    r"|^[A-Z][\w'’\-]+(?:\s+(?:and|&)\s+[A-Z][\w'’\-]+)?,\s*[\"“„«‘][^\"“”„«»‘’]+[\"”»’“]\s*[,.]?\s*$"
)
# A journal named without volume or pages (`Journal of Hydrology (2020)`): the name says it is
# a journal; with a year or a month alone (a news article gives its day) it is cited from print.
_JOURNAL_NAME = re.compile(
    r"(?i)\b(?:journal|zeitschrift|revue|revista|rivista|quarterly|annals|annales|proceedings"
    r"|transactions|bulletin|letters|lancet|bmj|jama|plos|pnas)\b"
)
# A book's imprint in parentheses, Chicago style: `(Geneva: United Nations, 2023)`,
# `(Paris : Gallimard, 2019)`.
_IMPRINT = re.compile(r"\(\s*[A-Z][^():]{1,40}\s?:\s*[^():]{2,80},\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)")
# Publishers of books: a press (not the news agencies or newspapers called `Press`), a
# publishing house, a named book publisher.
_BOOK_PUBLISHER = re.compile(
    r"(?x)"
    r"\b(?:University|College|Academic|Oxford|Cambridge|MIT|Yale|Harvard|Princeton)\s+Press\b"
    r"|\bUniversity\s+of\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+Press\b"
    r"|\b(?:Publishing|Publishers|Publications|Verlag|Éditions|Editions|Books)\b"
    r"|\b(?:Wiley|Routledge|Springer|Elsevier|Penguin|Macmillan|HarperCollins|Random\s+House|Doubleday"
    r"|Knopf|Norton|Hachette|Pearson|McGraw[-\s]Hill|O'Reilly|Addison[-\s]Wesley|Prentice\s+Hall|Bloomsbury"
    r"|Simon\s*&\s*Schuster|Scribner|Viking|Vintage|Gallimard|Suhrkamp|Rowohlt|Fischer|Heyne)\b"
)
# What only the web publishes: a site or page, a press release or statement, a post.
_WEB_CUES = re.compile(
    r"(?i)\b(?:press\s+release|statement|communiqué|communique|news\s+release|media\s+release"
    r"|tweet(?:ed)?|posted|post\s+on|blog|website|web\s*site|web\s*page|webpage|homepage|online"
    r"|podcast|video|youtube|telegram|facebook|instagram|tiktok|dashboard|portal"
    r"|pressemitteilung|mitteilung)\b"
)


def print_cues(text: str) -> list[str]:
    """The cues of a print source in a citation's text (outside its title), as written."""
    return [m.group(0) for m in _PRINT_CUES.finditer(text)] + [m.group(0) for m in _BOOK_PUBLISHER.finditer(text)]


def web_cues(text: str) -> list[str]:
    """The cues of a source that lives on the web (a press release, a post, a site), as written."""
    return [m.group(0) for m in _WEB_CUES.finditer(text)]


def journal_locators(text: str) -> list[str]:
    """The volume, issue and page or article-number references that place a journal article
    (`45, no. 7 (2009): W00A16`, `12(3): 45–67`), as written."""
    return [m.group(0) for m in _JOURNAL_LOCATORS.finditer(text)]


def page_locators(text: str) -> list[str]:
    """The page references of a print edition in a citation's text (`p. 2`, `2021, 112–118.`),
    as written: a source with pages was read in print, whatever its publisher."""
    return [m.group(0) for m in _PAGE_LOCATOR.finditer(text)]


def names_a_journal(outlet: str) -> bool:
    """The outlet's name says it is a journal (`Journal of …`, `… Letters`, `Revue …`)."""
    return bool(_JOURNAL_NAME.search(outlet))


def book_imprint(text: str) -> list[str]:
    """A book's place and publisher with its year, in parentheses (`(Geneva: UN, 2023)`)."""
    return [m.group(0) for m in _IMPRINT.finditer(text)]


def short_reference(text: str) -> bool:
    """The note is a shortened reference to a source cited in full elsewhere: a name, a short
    title and a page (`Roe, "Floods," 3.`); it owes no link of its own."""
    return bool(_SHORT_REFERENCE.match(text.strip()))
