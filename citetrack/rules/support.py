"""Support: are a claim's checkable facts (numbers, dates, proper names) in the sources it cites?

Numbers are compared as values (`1,200` = `1 200` = `1200`, `ninety` = `90`), vague counts by
range (`dozens` is met by "dozens" or any count from 24 to 199), dates as days or months, names
accent- and case-blind. A claim is supported when the union of its archived sources holds all of
its numbers and dates and at least SUPPORT_NAME_SHARE of its names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from citetrack import settings
from citetrack.cite.dates import find_dates
from citetrack.models import Flag, FlagKind, Severity
from citetrack.read.sentences import split_sentences
from citetrack.rules.common import where
from citetrack.textfold import fold as fold_text

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:(?:,|\.|\s|\u00a0|\u202f)\d{3})+|\d+(?:[.,]\d+)?)(?![\w]|[.,]\d)")
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "thousand": 1000, "million": 1_000_000,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10, "vingt": 20, "cent": 100, "mille": 1000,
}
# A vague count and the exact counts that bear it out.
VAGUE_COUNTS = {
    "dozens": (24, 199), "dozen": (12, 12), "scores": (40, 199), "hundreds": (200, 1999),
    "thousands": (2000, 999_999), "millions": (2_000_000, 999_999_999),
    "dizaines": (20, 199), "centaines": (200, 1999), "milliers": (2000, 999_999),
}
_MULTIPLIERS = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "mille": 1000}
_NAME_STOP = frozenset(
    """the a an in on at of for to and or but by from with as this that these those it its their his her
    according however meanwhile since after before during while when where also although despite yet
    some many most several both all each other another such one two three there here they he she we
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr
    le la les un une des du de en et dans selon depuis a à au aux apres après lors il elle ils elles on
    nous ce cette ces son sa ses leur leurs mais pour par sur avec sans chez el los las del y en por
    der die das ein eine und im am""".split()
)
# Relative expressions of time (`two days later`, `a week after`, `the next year`, `deux jours
# plus tard`): they place an event against another one, and a source rarely repeats them in the
# same words; their numbers are no checkable facts.
_COUNT_WORD = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a\s+few|"
    r"several|some|many|\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques)"
)
_UNIT = r"(?:hours?|days?|nights?|weeks?|months?|years?|decades?|heures?|jours?|nuits?|semaines?|mois|ans|années?)"
_RELATIVE_TIME = re.compile(
    rf"(?i)\b{_COUNT_WORD}(?:\s+|-){_UNIT}\s+(?:later|earlier|after(?:wards)?|before|ago|on|prior|previously"
    rf"|plus\s+tard|plus\s+tôt|après|avant|auparavant)\b"
    r"|\b(?:the\s+)?(?:next|following|previous|preceding|same|prior)\s+(?:morning|evening|night|day|week|month|year|decade)\b"
    r"|\b(?:le\s+lendemain|la\s+veille|l['’]année\s+(?:suivante|précédente)|le\s+mois\s+(?:suivant|précédent)"
    r"|la\s+semaine\s+(?:suivante|précédente))\b"
)
_DAY_OF_MONTH_MAX = 31
_CONNECTORS = frozenset({"de", "du", "des", "al", "el", "of", "la", "le", "bin", "ibn", "ag", "ould", "van", "von"})
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)


def fold(text: str) -> str:
    """Case and accents removed, apostrophes dropped, punctuation to single spaces, one space at each end."""
    return fold_text(text, drop_possessive=True, padded=True)


def _number_value(raw: str) -> float | None:
    compact = re.sub(r"[\s\u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", compact):
        return float(re.sub(r"[,.]", "", compact))
    try:
        return float(compact.replace(",", "."))
    except ValueError:
        return None


def numbers_in(text: str) -> set[float]:
    """Every number written in the text, in digits or (English/French) words, with multipliers."""
    values: set[float] = set()
    for match in _NUMBER.finditer(text):
        value = _number_value(match.group(1))
        if value is None:
            continue
        values.add(value)
        after = text[match.end(): match.end() + 12].lower().split()
        if after and after[0] in _MULTIPLIERS:
            values.add(value * _MULTIPLIERS[after[0]])
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if word in _NUMBER_WORDS:
            values.add(float(_NUMBER_WORDS[word]))
    return values


@dataclass(frozen=True)
class Fact:
    kind: str  # number, vague, date, name
    text: str  # as the claim writes it
    value: object = None  # float for numbers, (low, high) for vague counts, date for dates


@dataclass
class SourceText:
    """A source's text prepared once for many claims: folded text, its numbers and dates."""

    url: str
    text: str
    folded: str = ""
    numbers: set[float] = field(default_factory=set)
    counts: set[float] = field(default_factory=set)  # numbers outside dates (years are no counts)
    days: set[dt.date] = field(default_factory=set)
    months: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def of(cls, url: str, text: str) -> SourceText:
        prepared = cls(url, text, fold(text), numbers_in(text))
        masked = text
        for (start, end), stated in find_dates(text):
            if stated.value is None:
                continue
            masked = masked[:start] + " " * (end - start) + masked[end:]
            prepared.months.add((stated.value.year, stated.value.month))
            if stated.precision == "day":
                prepared.days.add(stated.value)
        prepared.counts = numbers_in(masked)
        return prepared

    def has(self, fact: Fact) -> bool:
        if fact.kind == "number":
            # a small count is not borne out by the day of a date (`four vehicles`, `4 March`)
            return fact.value in (self.counts if fact.value <= _DAY_OF_MONTH_MAX else self.numbers)
        if fact.kind == "vague":
            low, high = fact.value
            word = fold(fact.text).strip()
            return f" {word} " in self.folded or any(low <= n <= high for n in self.counts)
        if fact.kind == "date":
            value, precision = fact.value
            if precision == "day":
                return value in self.days
            return (value.year, value.month) in self.months
        return _name_in(fact.text, self.folded)


def _name_in(name: str, folded_text: str) -> bool:
    phrase = fold(name)
    if phrase in folded_text:
        return True
    words = [w for w in phrase.split() if len(w) >= 3 and w not in _CONNECTORS]
    if len(words) < 2:
        return False
    found = sum(1 for w in words if f" {w} " in folded_text)
    return found * 2 > len(words)


def claim_facts(text: str) -> list[Fact]:
    """The checkable facts of a claim: dates, numbers (not those inside dates), names."""
    facts: list[Fact] = []
    text = _RELATIVE_TIME.sub(lambda m: " " * len(m.group(0)), text)
    masked = text
    for (start, end), stated in find_dates(text):
        if stated.value is None:
            continue
        facts.append(Fact("date", stated.raw, (stated.value, stated.precision)))
        masked = masked[:start] + " " * (end - start) + masked[end:]
    for match in _NUMBER.finditer(masked):
        value = _number_value(match.group(1))
        if value is not None:
            facts.append(Fact("number", match.group(1), value))
    for word in re.findall(r"[^\W\d_]+", masked.lower()):
        if word in VAGUE_COUNTS:
            facts.append(Fact("vague", word, VAGUE_COUNTS[word]))
        elif word in _NUMBER_WORDS and word not in {"hundred", "thousand", "million", "cent", "mille"}:
            facts.append(Fact("number", word, float(_NUMBER_WORDS[word])))
    facts.extend(Fact("name", name) for name in proper_names(masked))
    unique: dict[tuple[str, str], Fact] = {}
    for fact in facts:
        unique.setdefault((fact.kind, str(fact.value) if fact.kind != "name" else fold(fact.text)), fact)
    return list(unique.values())


def proper_names(text: str) -> list[str]:
    """Capitalised word sequences (`Burkina Faso`, `JNIM`); a sentence's first word only when
    it starts a longer name or is an acronym."""
    names: list[str] = []
    current: list[str] = []
    sentence_start = True
    current_start_is_sentence = False

    def close():
        nonlocal current
        while current and current[-1].lower() in _CONNECTORS:
            current.pop()
        stripped = False
        while current and current[0].lower().strip("'’") in _NAME_STOP:
            current.pop(0)
            stripped = True
        if current:
            at_start = current_start_is_sentence and not stripped
            acronym = len(current) == 1 and current[0].isupper() and len(current[0]) >= 2
            if not (at_start and len(current) == 1 and not acronym):
                names.append(" ".join(current))
        current = []

    position = 0
    for match in _WORD.finditer(text):
        between = text[position: match.start()]
        position = match.end()
        word = match.group(0).rstrip("'’-")
        if re.search(r"[.!?:;]\s*$", between) or re.search(r"[.!?]", between):
            close()
            sentence_start = True
        elif re.search(r"[,()\"“”]", between):
            close()
        capital = word[:1].isupper()
        if capital:
            if not current:
                current_start_is_sentence = sentence_start
            current.append(word)
        elif current and word.lower() in _CONNECTORS:
            current.append(word)
        else:
            close()
        sentence_start = False
    close()
    return list(dict.fromkeys(n for n in names if len(n) >= 2))


@dataclass(frozen=True)
class SupportVerdict:
    facts: tuple[Fact, ...]
    found: tuple[Fact, ...]
    missing: tuple[Fact, ...]
    supported: bool


def judge(facts: Sequence[Fact], sources: Sequence[SourceText]) -> SupportVerdict:
    """Which facts the sources hold together, and whether that is enough to support the claim."""
    found = tuple(f for f in facts if any(s.has(f) for s in sources))
    missing = tuple(f for f in facts if f not in found)
    hard_missing = [f for f in missing if f.kind != "name"]
    names = [f for f in facts if f.kind == "name"]
    names_found = [f for f in found if f.kind == "name"]
    names_ok = not names or len(names_found) >= settings.SUPPORT_NAME_SHARE * len(names)
    return SupportVerdict(tuple(facts), found, missing, names_ok and (not hard_missing or _slack(hard_missing, found)))


def _slack(hard_missing: Sequence[Fact], found: Sequence[Fact]) -> bool:
    """One small number missing among facts that were otherwise all found is no evidence against
    the claim: a count paraphrased (`the two ministers` for `the ministers of defence and of
    foreign affairs`). A larger figure, a date, a vague count or a second miss always counts."""
    if len(hard_missing) != 1 or len(found) < settings.SUPPORT_SLACK_MIN_FOUND:
        return False
    [fact] = hard_missing
    return fact.kind == "number" and isinstance(fact.value, float) and fact.value <= settings.SUPPORT_SMALL_NUMBER


def unsupported_claim_flag(
    claim_key: str, claim_text: str, labels: Sequence[str], sources: Sequence[SourceText], unarchived: int = 0
) -> Flag | None:
    """A claim none of whose archived sources holds its facts. Silent when no source has text."""
    sources = [s for s in sources if s.text.strip()]
    if not sources:
        return None
    facts = claim_facts(claim_text)
    if not facts:
        return None
    verdict = judge(facts, sources)
    if verdict.supported:
        return None
    shown = ", ".join(f.text for f in verdict.missing[:8])
    label = labels[0] if labels else None
    notes = ", ".join(labels) if labels else "?"
    return Flag(
        kind=FlagKind.UNSUPPORTED_CLAIM,
        severity=Severity.WARNING,
        message=f"{where(label)}: the claim's facts are not in its archived sources (not found: {shown}).",
        subject=f"claim:{claim_key}",
        evidence={
            "claim": claim_text[:300],
            "notes": notes,
            "missing": [{"kind": f.kind, "text": f.text} for f in verdict.missing],
            "found": [{"kind": f.kind, "text": f.text} for f in verdict.found],
            "sources": [s.url for s in sources],
            "sources_without_text": unarchived,
        },
        footnote=label,
    )


def best_passage(claim_text: str, source: SourceText, window: int = settings.PASSAGE_WINDOW_SENTENCES) -> tuple[str, list[str]]:
    """The few sentences of the source that hold most of the claim's facts (ties: closest wording),
    and the facts found there."""
    from rapidfuzz import fuzz

    text = source.text
    spans = split_sentences(text) or [(0, len(text))]
    facts = claim_facts(claim_text)
    best: tuple[float, str, list[str]] = (-1.0, "", [])
    for i in range(len(spans)):
        start, end = spans[i][0], spans[min(i + window, len(spans)) - 1][1]
        passage = text[start:end]
        local = SourceText.of(source.url, passage)
        hits = [f.text for f in facts if local.has(f)]
        score = len(hits) + fuzz.token_set_ratio(claim_text, passage) / 1000
        if score > best[0]:
            best = (score, passage.strip(), hits)
    return best[1], best[2]
