"""Dates as citations state them, and the independent evidence of a source's date.

The written form is classified before anything is parsed, so that nothing is ever guessed:
ISO `2023-02-01` is year-month-day, dotted `13.1.2023` is day-month-year, month names are read
in English, French, Spanish and German by our own patterns (dateparser is only a last resort
for `parse_date`, told never to fill a missing part from today's date).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from citetrack.models import StatedDate, iso_date  # noqa: F401  (iso_date: re-exported, defined below the layers)
from citetrack.settings import DOCUMENT_DATE_HEAD_LINES, URL_DATE_YEARS

# ------------------------------------------------------------------ month names

# English, French, Spanish, German, Italian, Portuguese and Dutch names and common abbreviations.
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "janvier", "janv", "enero", "ene", "januar", "jänner", "jaenner", "gennaio", "janeiro", "januari"),
    2: ("february", "feb", "février", "fevrier", "févr", "fevr", "fév", "fev", "febrero", "februar", "febbraio", "fevereiro", "februari"),
    3: ("march", "mar", "mars", "marzo", "märz", "maerz", "marz", "março", "maart"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "maio", "mei"),
    6: ("june", "jun", "juin", "junio", "juni", "giugno", "junho"),
    7: ("july", "jul", "juillet", "juil", "julio", "juli", "luglio", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus"),
    9: ("september", "sept", "sep", "septembre", "septiembre", "setiembre", "settembre", "setembro"),
    10: ("october", "oct", "octobre", "octubre", "oktober", "okt", "ottobre", "outubro"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: ("december", "dec", "décembre", "decembre", "déc", "diciembre", "dic", "dezember", "dez", "dicembre", "dezembro"),
}
MONTH_NUMBER: dict[str, int] = {name: num for num, names in _MONTHS.items() for name in names}
# Full names only: slugs in URLs are long enough that abbreviations would misfire ("mar", "may").
_FULL_MONTH_NAMES = {
    name: num for name, num in MONTH_NUMBER.items() if len(name) > 4 or name in {"mai", "juin", "june", "july", "may"}
}

_MONTH_ALT = "|".join(sorted((re.escape(n) for n in MONTH_NUMBER), key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MONTH_ALT})\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|re|e|º|°|\.)?"
_YEAR = r"(?P<y>(?:1[89]|2[01])\d\d)"

# Each pattern names its groups d (day), m or mon (month), y (year); order = priority on ties.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # December 22, 2023 / Dec. 5, 2023 / December 22nd 2023
    ("name-mdy", re.compile(rf"(?<![\w-]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?![\w-])", re.I)),
    # 16 January 2024 / 1er janvier 2024 / 13 de diciembre de 2023 / 13. Dezember 2023 / 16-Jan-2024
    (
        "name-dmy",
        re.compile(
            rf"(?<![\w-]){_DAY}(?:\s+de|\s*-|\s)\s*{_MONTH}(?:\s*,|\s+de|\s+del|\s*-)?\s*{_YEAR}(?![\w-])",
            re.I,
        ),
    ),
    # 2023-12-13 / 2023/12/13 / 2023.12.13 (always year-month-day)
    (
        "iso",
        re.compile(
            r"(?<![\w./-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?:(?=T\d)|(?![\w/-]|\.\d))"
        ),
    ),
    # 13.1.2023 / 13/01/2023 / 13-01-2023 (day first; a slashed date is read month first only
    # when that is the only possible reading, e.g. 12/13/2023)
    (
        "dmy",
        re.compile(r"(?<![\w./-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/-]|\.\d)"),
    ),
    # 2023, February 29 / (2023, Feb. 5) / 2023, 29 February: APA's author-date form, year first
    # and set off by a comma, validated like every other form
    (
        "name-ymd",
        re.compile(
            rf"(?<![\w-]){_YEAR},\s*(?:{_MONTH}\s+{_DAY.replace('(?P<d>', '(?P<d2>')}|{_DAY}\s+{_MONTH.replace('(?P<mon>', '(?P<mon2>')})(?![\w-])"
            # never when a year follows: `… Tourism 2022, 31 June 2023` is a title's year, then a date
            r"(?!,?\s+(?:1[89]|2[01])\d\d(?!\d))",
            re.I,
        ),
    ),
    # January 2024 / diciembre de 2023 (month precision)
    ("name-my", re.compile(rf"(?<![\w-]){_MONTH}\s*,?\s+(?:de\s+)?{_YEAR}(?![\w-])", re.I)),
)


def _build(raw: str, year: int, month: int, day: int | None) -> StatedDate:
    """A StatedDate for the given parts; value None when such a date cannot exist."""
    if day is None:
        value = dt.date(year, month, 1) if 1 <= month <= 12 else None
        return StatedDate(raw=raw, value=value, precision="month")
    try:
        value = dt.date(year, month, day)
    except ValueError:
        value = None
    return StatedDate(raw=raw, value=value, precision="day")


def _from_match(kind: str, match: re.Match[str]) -> StatedDate:
    raw = match.group(0).strip()
    year = int(match.group("y"))
    if kind == "name-ymd":
        day = int(match.group("d2") or match.group("d"))
        month = MONTH_NUMBER[(match.group("mon") or match.group("mon2")).lower()]
        return _build(raw, year, month, day)
    if kind.startswith("name"):
        month = MONTH_NUMBER[match.group("mon").lower()]
        day = int(match.group("d")) if kind != "name-my" else None
        return _build(raw, year, month, day)
    day, month = int(match.group("d")), int(match.group("m"))
    if kind == "dmy" and match.group("sep") == "/" and month > 12 and day <= 12:
        day, month = month, day  # 12/13/2023 can only be month-first
    return _build(raw, year, month, day)


def find_dates(text: str) -> list[tuple[tuple[int, int], StatedDate]]:
    """Every date written in free text, with its span, in reading order.

    A year alone, a page number or a long number (a status ID) is never taken for a date.
    Overlapping readings keep the longest (`16 January 2024` beats `January 2024`).
    """
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for priority, (kind, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            candidates.append((match.start(), -(match.end() - match.start()), priority, kind, match))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    found: list[tuple[tuple[int, int], StatedDate]] = []
    last_end = -1
    for start, _neg_len, _prio, kind, match in candidates:
        if start < last_end:
            continue
        found.append(((match.start(), match.end()), _from_match(kind, match)))
        last_end = match.end()
    return found


# ------------------------------------------------------------------ access dates

# The words that say when the citing author retrieved, accessed or archived a source, in the
# languages the notes use: `Retrieved April 18, 2014`, `accessed September 14, 2018`,
# `Archived from the original on 3 May 2012`, `abgerufen am 24. Januar 2015`, `consulté le`.
# Between the cue and its date only a few words without a sentence stop may stand
# (`from the original (PDF) on`), never a digit: the date must be the cue's own.
_ACCESS_CUE = re.compile(
    r"(?i)\b(?:accessed|retrieved|consulted|consultée?|consultado|last\s+(?:visited|viewed|accessed|checked)|(?:visited|viewed)(?=\s+on\b|\s*:)"
    r"|archived|archiviert|abgerufen|zugegriffen|recuperado|accedido|archivé)\b"
    r"(?P<between>(?:[^\d.;:!?\s]|\s+(?!\s)){0,40}?(?:\([^()\d]{0,12}\))?(?:[^\d.;!?\s]|\s+(?!\s)){0,12}?)\s*:?\s*$"
)
# How far before a date its cue is looked for: a run of spaces counts as one character in the
# pattern, so a link blanked out between cue and date (`Retrieved from <url> on 4 May 2023`) fits.
# Each run is taken whole (`\s+(?!\s)`): split in every possible way, a long run of blanks before
# a failing match took time exponential in its length.
_ACCESS_WINDOW = 600
_ARCHIVE_CUE = re.compile(r"(?i)^(?:archived|archiviert|archivé)")


def access_dates(text: str) -> list[tuple[tuple[int, int], StatedDate, str]]:
    """The access, retrieval and archive dates of a note, each with the span of its cue and date
    and the kind of cue (`accessed` or `archived`), in reading order.

    Such a date says when the citing author saw the source, never when the source was written:
    the note grammar sets it apart before it looks for the citation's own date.
    """
    found = []
    for (start, end), stated in find_dates(text):
        window = text[max(0, start - _ACCESS_WINDOW) : start]
        cue = _ACCESS_CUE.search(window)
        if cue is None:
            continue
        cue_start = start - len(window) + cue.start()
        kind = "archived" if _ARCHIVE_CUE.match(cue.group(0)) else "accessed"
        found.append(((cue_start, end), stated, kind))
    return found


_YEAR_ONLY = re.compile(r"(?:1[89]|2[01])\d\d")
_WRAPPING = "()[]{}<>.,;: \t\n\"'“”‘’"
_DATEPARSER_LANGUAGES = ["en", "fr", "es", "de", "it", "pt"]


def parse_date(text: str) -> StatedDate | None:
    """One date string in any common written form; None when it is not a date at all."""
    cleaned = text.strip().strip(_WRAPPING)
    if not cleaned:
        return None
    found = find_dates(cleaned)
    if found:
        (start, end), stated = found[0]
        rest = cleaned[:start] + cleaned[end:]
        if not re.search(r"\d", rest) or re.fullmatch(r"[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?", rest):
            return stated
    if _YEAR_ONLY.fullmatch(cleaned):
        return StatedDate(raw=cleaned, value=dt.date(int(cleaned), 1, 1), precision="year")
    return _dateparser_fallback(cleaned)


def _dateparser_fallback(cleaned: str) -> StatedDate | None:
    """Other languages and forms: dateparser, never filling the year or month from today."""
    if len(cleaned) > 40 or not re.search(r"\d{4}", cleaned):
        return None
    parser = _date_data_parser()
    try:
        data = parser.get_date_data(cleaned)
    except (ValueError, OverflowError):  # pragma: no cover - dateparser internals
        return None
    if data is None or data.date_obj is None:
        return None
    precision = {"day": "day", "month": "month", "year": "year"}.get(data.period or "day", "day")
    value = data.date_obj.date()
    if precision != "day":
        value = value.replace(day=1)
    return StatedDate(raw=cleaned, value=value, precision=precision)


@lru_cache(maxsize=1)
def _date_data_parser():  # noqa: ANN202 - dateparser is imported lazily (slow import)
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=_DATEPARSER_LANGUAGES,
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["month", "year"],
            "DATE_ORDER": "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


# ------------------------------------------------------------------ dates in URLs

_URL_YEARS = range(URL_DATE_YEARS[0], URL_DATE_YEARS[1] + 1)
_URL_SEPARATED = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/_.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)")
_URL_COMPACT = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)(?!\d)")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


_SLUG_MONTH_NUMBER = {_ascii(n): m for n, m in _FULL_MONTH_NAMES.items()}
_SLUG_MONTH_ALT = "|".join(sorted(map(re.escape, _SLUG_MONTH_NUMBER), key=len, reverse=True))
# december-13-2023 / 13-december-2023 / december-13th-2023
_URL_SLUG_MDY = re.compile(
    rf"(?<![a-z])(?P<mon>{_SLUG_MONTH_ALT})[-_](?P<d>[0-3]?\d)(?:st|nd|rd|th)?[-_](?P<y>\d{{4}})(?!\d)"
)
_URL_SLUG_DMY = re.compile(
    rf"(?<![\d])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?[-_](?P<mon>{_SLUG_MONTH_ALT})[-_](?P<y>\d{{4}})(?!\d)"
)
# /2022/may/02/ (The Guardian and others): year, month abbreviation or name, day
_URL_YEAR_MON_DAY = re.compile(
    r"(?<!\d)(?P<y>\d{4})/(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    + _SLUG_MONTH_ALT
    + r")/(?P<d>[0-3]?\d)(?=/|$|[-_.])"
)
_URL_MONTH_ABBREVIATIONS = {"sept": 9, **{n: i for i, n in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}}
_HEXISH_TOKEN = re.compile(r"[0-9a-f]{12,}")


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if year not in _URL_YEARS:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def url_date(url: str) -> dt.date | None:
    """A publication date written in a URL's path (never its query string or fragment).

    Reads `2023-12-13`, `/2023/12/13/`, `20231213` (bounded by non-digits, year 1990..2100,
    outside long hexadecimal IDs) and month-name slugs such as `...-december-13-2023`.
    The first plausible date in path order wins.
    """
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    lowered = path.lower()
    found: list[tuple[int, dt.date]] = []
    for match in _URL_SEPARATED.finditer(lowered):
        value = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
        if value:
            found.append((match.start(), value))
    for match in _URL_COMPACT.finditer(lowered):
        if _inside_hex_token(lowered, match.start(), match.end()):
            continue
        value = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
        if value:
            found.append((match.start(), value))
    for match in _URL_YEAR_MON_DAY.finditer(lowered):
        month = _URL_MONTH_ABBREVIATIONS.get(match["mon"]) or _SLUG_MONTH_NUMBER[match["mon"]]
        value = _valid(int(match["y"]), month, int(match["d"]))
        if value:
            found.append((match.start(), value))
    for pattern in (_URL_SLUG_MDY, _URL_SLUG_DMY):
        for match in pattern.finditer(lowered):
            value = _valid(int(match["y"]), _SLUG_MONTH_NUMBER[match["mon"]], int(match["d"]))
            if value:
                found.append((match.start(), value))
    return min(found)[1] if found else None


def _inside_hex_token(text: str, start: int, end: int) -> bool:
    """True when digits sit inside a long hexadecimal ID (hashes, UUID parts), not a date."""
    left = start
    while left > 0 and text[left - 1].isalnum():
        left -= 1
    right = end
    while right < len(text) and text[right].isalnum():
        right += 1
    token = text[left:right]
    return len(token) > 8 and bool(_HEXISH_TOKEN.fullmatch(token))


# ------------------------------------------------------------------ X/Twitter status IDs

TWITTER_EPOCH_MS = 1288834974657  # Snowflake epoch: 2010-11-04T01:42:54.657Z
# Status IDs below this were sequential (pre-Snowflake, at most ~3e10): they carry no time.
SNOWFLAKE_MIN_ID = 2**22 * 3_600_000  # one hour after the Snowflake epoch
_TWITTER_HOSTS = {"twitter.com", "x.com", "mobile.twitter.com", "mobile.x.com", "www.twitter.com", "www.x.com"}
_STATUS_PATH = re.compile(r"^/(?:[^/]+/status(?:es)?|i/web/status|i/status)/(?P<id>\d{1,25})(?:/|$)")


def status_id(url: str) -> int | None:
    """The numeric ID of an X/Twitter status URL, or None when the URL is no status."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path
    if host not in _TWITTER_HOSTS:
        return None
    if not path.strip("/") and parts.fragment.startswith("!/"):
        path = parts.fragment[1:]  # old hashbang form: twitter.com/#!/user/status/1
    match = _STATUS_PATH.match(path)
    return int(match["id"]) if match else None


def tweet_date(url: str) -> dt.datetime | None:
    """The UTC time encoded in an X/Twitter status ID (Snowflake); None for older IDs."""
    ident = status_id(url)
    if ident is None or ident < SNOWFLAKE_MIN_ID:
        return None
    millis = (ident >> 22) + TWITTER_EPOCH_MS
    try:
        return dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


# ------------------------------------------------------------------ the citing document's date

_EXPLICIT_DATE_LINE = re.compile(
    r"\b(?:published(?:\s+on)?|publication\s+date|date\s+of\s+publication|received|accepted|revised"
    r"|publié\s+le|publicado|veröffentlicht)\b\s*[:\-–—]?\s*",
    re.I,
)


def _latest_day(stated: StatedDate) -> dt.date | None:
    """The last day a stated date can mean: month precision → last day of that month."""
    if stated.value is None:
        return None
    value = stated.value
    if stated.precision == "month":
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if stated.precision == "year":
        return value.replace(month=12, day=31)
    return value


def find_document_date(text: str) -> dt.date | None:
    """The citing document's own publication date, read from its text.

    Explicit `Published` / `Received` / `Accepted` dates win (the latest of them); else the
    first line near the top that is only a date. A month-precision date (`January 2024`) gives
    the LAST day of that month, so that a citation dated within that month is never taken
    for a future date.
    """
    explicit: list[dt.date] = []
    for match in _EXPLICIT_DATE_LINE.finditer(text):
        line_end = text.find("\n", match.end())
        segment = text[match.end() : line_end if line_end != -1 else len(text)]
        dates = find_dates(segment[:60])
        if dates and dates[0][0][0] == 0:
            value = _latest_day(dates[0][1])
            if value:
                explicit.append(value)
    if explicit:
        return max(explicit)
    for line in text.splitlines()[:DOCUMENT_DATE_HEAD_LINES]:
        stripped = line.strip().strip(_WRAPPING)
        if not stripped or len(stripped) > 40:
            continue
        dates = find_dates(stripped)
        if len(dates) == 1:
            (start, end), stated = dates[0]
            rest = (stripped[:start] + stripped[end:]).strip(_WRAPPING + "-–—")
            if not rest or re.fullmatch(r"(?i)(?:updated|date|dated|le|on)\s*:?", rest):
                value = _latest_day(stated)
                if value:
                    return value
    return None


def days_apart(a: dt.date, b: dt.date) -> int:
    """Absolute distance in days between two dates (datetimes count by their date)."""
    if isinstance(a, dt.datetime):
        a = a.date()
    if isinstance(b, dt.datetime):
        b = b.date()
    return abs((a - b).days)
