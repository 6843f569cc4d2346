"""Patterns and small predicates shared by the note parser's steps."""

from __future__ import annotations

import re

from citetrack.settings import NOTE_MAX_TITLE_CHARS


SEE_LINK = re.compile(
    r"(?i)(?:\bsee\b[^.:;<>\"“”]{0,80}?\blinks?\b|\bvoir\b[^.:;<>]{0,40}?\blien\b|\bavailable\s+(?:at|from|online)"
    r"|\bretrieved\s+from|\bsource\s*:|\bonline\s*:|\bsee\s*:)\s*:?\s*"
)
ACCESS_WORDS = re.compile(
    r"(?i)(?:accessed|retrieved|consulted|consulté|last\s+visited|archived|viewed|visited|abgerufen|consultado)\W{0,3}(?:on\s+|le\s+|am\s+)?$"
)
CONTINUATION = re.compile(
    r"(?i)^\W*(?:accessed|retrieved|consulted|consulté|last\s+visited|archived|archive|viewed|in\s+\w+\)|pdf|p\.|pp\.|page|video|en\s+\w+\)|\[)"
)
# Words that introduce a work rather than name it: what follows them (after an optional short
# description, `see the UNHCR portal summary “…”`) is the cited work's title or its publisher.
# Not `according to`: a quotation after it (`according to the mayor, the “situation…”`) is
# usually someone's words, not a title.
LEAD_IN = re.compile(
    r"(?i)(?<![\w-])(?:see(?:\s+also)?|cf\.?|cited\s+(?:in|by)|quoted\s+(?:in|by)|as\s+reported\s+(?:by|in)"
    r"|available\s+(?:at|from|on|in)|via|voir(?:\s+aussi)?|siehe(?:\s+auch)?|zitiert\s+(?:in|nach))(?![\w-])"
)
# How long the description between a lead-in and the title may be (`the UNHCR operational data
# portal summary`): longer, the quotation is part of a sentence, not a cited title.
LEAD_IN_MAX_WORDS = 10
QUOTED_DOUBLE = re.compile(r"[\"“„«]\s*(?P<t>[^\"“”„«»]{3,}?)\s*[\"”»“]")  # „German“ closes on “
QUOTED_SINGLE = re.compile(r"(?<![\w])[‘'](?P<t>[^'‘’]{3,}?)[’'](?![\w])")
NAMED_SITE = re.compile(r"\(\s*(?:source\s*:\s*)?(?P<d>(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})\s*\)", re.I)
ORG_WORDS = re.compile(
    r"(?i)\b(?:group|institute|institution|agency|news|ministry|center|centre|project|council|office|"
    r"foundation|university|organi[sz]ation|committee|commission|press|times|post|journal|radio|tv|"
    r"television|network|media|watch|service|intelligence|forum|bank|nations|department|government|"
    r"association|reporters|monitor|review|magazine|herald|tribune|gazette|daily|weekly|blog|company|"
    r"corporation|authority|regulator|federation|union|party|bureau|board|league|society|fund|"
    r"programme|program|initiative|alliance|coalition|trust|consortium|inc|ltd|llc|plc|ngo|embassy|"
    r"army|police|forces|command|parliament|assembly|court|tribunal|secretariat|observatory|"
    r"laboratory|lab|studies|research|world|international|national|global|agence|ministère|journal)\b"
)
NEW_CITATION_AFTER_STOP = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=(?:[A-Z][\w'’.\-]*(?:\s+[A-Z&][\w'’.\-]*){0,6},\s*)?[\"“«])"
)
MAX_TITLE_CHARS = NOTE_MAX_TITLE_CHARS
# `Jeune Afrique (12.05.2023),` / `Reuters (2023)`: a date in parentheses closing a name.
TRAILING_DATE_PARENS = re.compile(r"\s*\((?:\d{4}[a-z]?|[^()]*\d{4}[^()]*)\)\s*,?\s*$")
# APA: `Smith, J., & Roe, M. (2021). Title of the work. Journal Name, 12(3), 45-67.`
APA = re.compile(
    r"^(?P<authors>(?>[A-Z][\w'’\-]+,\s*(?>[A-Z]\.\s*)+,?\s*(?:&\s*|and\s+)?)+)\((?P<date>\d{4}[^()]{0,20})\)\.\s*"
    r"(?P<title>[^.?!]{3,300}[.?!])\s*(?P<outlet>[^.,(<]{2,100})"
)
# APA with an organisation as author: `Al Jazeera. (2022, March 3). Title. <url>`
APA_ORG = re.compile(
    r"^(?P<org>[A-Z][^().]{1,80}?)\.\s*\((?P<date>\d{4}(?:,\s*[^()]{3,20})?)\)\.\s*"
    r"(?P<title>[^.?!]{3,300}[.?!])\s*(?P<outlet>[^.,(<]{2,100})?"
)
# A social-media post named by its account and platform, without a quoted title:
# `Agency name (@handle), post on X, July 19, 2023.`, `Regional Police, Facebook post, 3 March
# 2024.`: the account is the author, the platform the outlet.
_PLATFORMS = r"X|Twitter|Facebook|Instagram|Telegram|TikTok|LinkedIn|YouTube|Threads|Bluesky|Mastodon|Truth\s+Social|VKontakte|VK|Weibo"
_POST_WORDS = r"(?:post|tweet|video|reel|story|thread|status(?:\s+update)?|message|live\s*stream)s?"
SOCIAL_POST = re.compile(
    rf"^\s*(?P<who>[^,;\"“”«»]{{2,100}}?)\s*,\s*(?:an?\s+|the\s+)?"
    rf"(?:(?P<p1>{_PLATFORMS})\s+{_POST_WORDS}|{_POST_WORDS}\s+(?:on|to|via)\s+(?P<p2>{_PLATFORMS}))(?![\w-])"
)
# A document only the web publishes, named by its issuer and kind without a quoted title:
# `Ministry of Health, statement, 4 June 2023.`, `UNICEF press release, 3 May 2023.`,
# `Préfecture du Nord, communiqué de presse, 2 mars 2024.`: the issuer is the outlet.
_ISSUER = r"[A-Z][\w'’.&\-]*(?:\s+(?:of|for|and|on|de|du|des|del|la|le|el|the|und|für|&|[A-Z][\w'’.&\-]*)){0,8}"
_WEB_DOCUMENT_KINDS = (
    r"(?:joint\s+|official\s+)?(?:press|news|media)\s+(?:release|statement|briefing)|statement|communiqu[ée](?:\s+de\s+presse)?"
    r"|comunicado(?:\s+de\s+prensa)?|nota\s+de\s+prensa|pressemitteilung|presseerklärung|press\s+notice"
)
WEB_DOCUMENT = re.compile(
    rf"^\s*(?!(?:This|That|These|Its|Their|His|Her|Our|An?|In|On)\b)(?P<who>{_ISSUER}?)(?<!['’]s)\s*,?\s*(?i:an?\s+|the\s+)?"
    rf"(?i:{_WEB_DOCUMENT_KINDS})(?![\w-])\s*[,.:;(]"
)
APA_AUTHOR = re.compile(r"[A-Z][\w'’\-]+,\s*(?:[A-Z]\.\s*)+")
# `(Studio Tamani, 4.6.2022)`: an outlet and a date given in parentheses after a statement.
PAREN_ATTRIBUTION = re.compile(r"\((?P<o>[A-Z][^(),;]{1,60}?),\s*(?P<d>[^()]{6,30})\)")


def has_words(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 1


def title_like(text: str) -> bool:
    """One short sentence that can stand as an unquoted title (not a paragraph of explanation)."""
    stripped = text.strip().rstrip(".")
    if not stripped or len(stripped) > MAX_TITLE_CHARS or not has_words(stripped):
        return False
    return not re.search(r"[.!?]\s+[A-Z]", stripped) and len(stripped.split()) >= 2


def is_lead_in(text: str) -> bool:
    """Words that introduce a link rather than name a work: `an archived copy:`, `See here`."""
    lead = text.strip()
    return (
        not lead
        or lead.endswith(":")
        or lead[:1].islower()
        or bool(re.match(r"(?i)(?:see|cf\.|same\b|also\b|here\b|click\b|link\b)", lead))
    )


def after_lead_in(text: str) -> str | None:
    """The words after the last lead-in of `text` (`for the figures, see the portal summary` →
    `the portal summary`), or None when no lead-in introduces what ends the text."""
    found = None
    for match in LEAD_IN.finditer(text):
        found = match
    if found is None:
        return None
    rest = text[found.end() :]
    if re.search(r"[\"“”«»]", rest) or len(rest.split()) > LEAD_IN_MAX_WORDS:
        return None
    return rest.strip(" ,:;")


def last_sentence(text: str) -> str:
    """The text after the last full stop that ends a word (not an initial such as `A.`)."""
    stripped = text.strip()
    cut = 0
    for match in re.finditer(r"[.!?]\s+", stripped):
        word = re.search(r"(\S+)$", stripped[: match.start()])
        if word and len(word.group(1).strip("([\"“'")) > 1:
            cut = match.end()
    return stripped[cut:].strip()
