"""Outlet names and the domains they publish on, to tell when a citation's outlet and URL disagree.

Known outlets come from the bundled `citetrack/data/outlets.json`. For other names a heuristic
compares the squashed name (`Critical Threats Project` → `criticalthreatsproject`) or its
initials (`Voice of America` → `voa`) with the domain's label. Social platforms and web archives
host anyone's content, so they never contradict the outlet a citation names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from citetrack.cite.urls import registered_domain
from citetrack.domains import ARCHIVE_DOMAINS

# Words that say nothing of an outlet's identity when comparing a name with a domain.
_STOPWORDS = frozenset({"the", "of", "and", "for", "on", "in", "a", "an", "de", "la", "le", "les", "du", "des", "l", "el", "al"})
# Generic words a domain label adds to an outlet's initials or name (voa + news = voanews).
_GENERIC_LABEL_WORDS = ("news", "online", "info", "media", "today", "daily", "tv", "radio", "press", "net", "web", "live", "africa", "afrique", "ng", "intel", "group")
_MIN_CONTAINMENT = 5  # shortest squashed name that may match by containment
# A news agency not in the table (`The Canadian Press`, `Kyodo News Agency`): its stories appear on
# the sites of the outlets that republish them, so such a site does not contradict it.
_NEWS_AGENCY = re.compile(r"(?i)\b(?:press|presse|agency|agence|agencia|agenzia|agentur|wire)\b")


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: frozenset[str]
    platform: bool = False


def squash(text: str) -> str:
    """Lower-case letters and digits only, accents and a leading "the" dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"^the\s+", "", plain.strip())
    return re.sub(r"[^a-z0-9]", "", plain)


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Outlet, ...], frozenset[str]]:
    raw = json.loads(resources.files("citetrack").joinpath("data", "outlets.json").read_text(encoding="utf-8"))
    outlets = [
        Outlet(row["name"], tuple(row["aliases"]), frozenset(row["domains"]), platform=False) for row in raw["outlets"]
    ]
    outlets += [
        Outlet(row["name"], tuple(row["aliases"]), frozenset(row["domains"]), platform=True) for row in raw["platforms"]
    ]
    return tuple(outlets), frozenset(raw["archives"])


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Outlet]:
    index: dict[str, Outlet] = {}
    for outlet in _table()[0]:
        for name in (outlet.name, *outlet.aliases):
            index.setdefault(squash(name), outlet)
    return index


@lru_cache(maxsize=1)
def _by_domain() -> dict[str, Outlet]:
    return {domain: outlet for outlet in _table()[0] for domain in outlet.domains}


def known_outlet(name: str) -> Outlet | None:
    """The table's outlet for a name or alias (`AP`, `Voice of America`), or None."""
    cleaned = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip()).strip(" .,;:")
    return _by_key().get(squash(cleaned)) if cleaned else None


def outlet_domains(name: str) -> frozenset[str]:
    """The registrable domains a named outlet publishes on; empty when the name is unknown."""
    outlet = known_outlet(name)
    return outlet.domains if outlet else frozenset()


def outlet_for_domain(url_or_domain: str) -> str | None:
    """The canonical name of the outlet or platform behind a URL or domain, or None."""
    domain = registered_domain(url_or_domain)
    outlet = _by_domain().get(domain or "")
    return outlet.name if outlet else None


def is_platform(url_or_domain: str) -> bool:
    """True for social platforms and blog hosts: anyone can publish there."""
    outlet = _by_domain().get(registered_domain(url_or_domain) or "")
    return bool(outlet and outlet.platform)


def is_archive(url_or_domain: str) -> bool:
    """True for web archives (archive.org, archive.today...): copies of anyone's pages."""
    return (registered_domain(url_or_domain) or "") in ARCHIVE_DOMAINS


def outlet_matches(outlet: str, domain: str) -> bool | None:
    """Whether the outlet a citation names is the site a URL or domain belongs to.

    True or False when decidable; None when it cannot be told: a platform or archive URL, an
    unknown outlet on an unknown domain that the name heuristic does not recognise.
    """
    registered = registered_domain(domain)
    if not registered or not outlet.strip():
        return None
    named = known_outlet(outlet)
    if re.fullmatch(r"(?i)[a-z0-9][a-z0-9.-]*\.[a-z]{2,}", outlet.strip()):
        written = registered_domain(outlet.strip().lower())
        if written:  # `Toronto.ctv.ca`: an outlet named by its host is its site
            if written == registered:
                return True
    if is_archive(registered):
        return None
    if is_platform(registered):
        if named is not None and named.platform:
            return registered in named.domains
        return None  # a person's, organisation's or outlet's own account on a platform
    if named is not None and registered in named.domains:
        return True
    if name_resembles_domain(outlet, registered):
        return True
    if named is not None:
        return False
    if registered in _by_domain():
        if _NEWS_AGENCY.search(outlet):
            return None  # an agency's story on the site of an outlet that republished it
        if _shares_a_brand_word(outlet, registered):
            return None  # `Global Toronto` on globalnews.ca: a local edition of the same outlet
        return False  # the URL is a known outlet's, and the name is none of its names
    if other_news_brand(outlet, registered):
        return False
    return None


# The words that end a news outlet's name and often its domain too (`CBC News` / ctvnews.ca,
# `Kent Herald` / surreyherald.com): the same word on both sides, with different names before it,
# names two different outlets.
_BRAND_TAILS = (
    "news", "times", "post", "herald", "tribune", "journal", "gazette", "telegraph", "chronicle",
    "observer", "courier", "examiner", "inquirer", "express", "mirror", "star", "sun", "standard",
)


def other_news_brand(name: str, domain: str) -> bool:
    """True when an unknown outlet's name and a domain end in the same news word but name two
    different outlets before it (`CBC News` against ctvnews.ca). Silent for any other domain (an
    organisation on gov.uk, a journal on doi.org) and whenever one name contains the other."""
    label = squash((registered_domain(domain) or domain).split(".")[0])
    words = [w for w in _words(re.sub(r"\s*\([^)]*\)\s*$", "", name.strip())) if w not in _STOPWORDS]
    if len(words) < 2 or words[-1] not in _BRAND_TAILS:
        return False
    tail = words[-1]
    if not label.endswith(tail) or label == tail:
        return False
    name_core = "".join(words[:-1])
    label_core = label[: -len(tail)]
    label_core = label_core[3:] if label_core.startswith("the") and len(label_core) > 3 else label_core
    if len(name_core) < 2 or len(label_core) < 2:
        return False
    if name_core in label_core or label_core in name_core:
        return False
    initials = "".join(w[0] for w in words[:-1])
    return label_core != initials


def _shares_a_brand_word(name: str, domain: str) -> bool:
    """A distinctive word of the name (not a stop word or a generic news word) in the domain's
    label: an edition or programme of the outlet behind the domain (`CTV Toronto`, ctvnews.ca)."""
    label = squash((registered_domain(domain) or domain).split(".")[0])
    generic = set(_GENERIC_LABEL_WORDS) | set(_BRAND_TAILS)
    return any(
        len(word) >= 3 and word not in _STOPWORDS and word not in generic and word in label
        for word in _words(name)
    )


def name_resembles_domain(name: str, domain: str) -> bool:
    """The name heuristic: squashed name against the domain label, initials, containment."""
    label = squash((registered_domain(domain) or domain).split(".")[0])
    cleaned = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip())
    full = squash(cleaned)
    if not label or not full:
        return False
    words = _words(cleaned)
    if full == label or "".join(words) == label:  # `The Star` / thestar.com keeps its article
        return True
    if words and words[0] == "the":
        words = words[1:]
    significant = [w for w in words if w not in _STOPWORDS]
    core = "".join(significant)
    for candidate in {full, core}:
        if len(candidate) >= _MIN_CONTAINMENT and len(label) >= _MIN_CONTAINMENT:
            if candidate in label or label in candidate:
                return True
    initials = {"".join(w[0] for w in words), "".join(w[0] for w in significant)}
    for acronym in initials:
        if len(acronym) < 2 or len(words) < 2:
            continue
        if label == acronym or any(label == acronym + g or label == g + acronym for g in _GENERIC_LABEL_WORDS):
            return True
    if len(words) == 1 and len(full) <= 5 and full.isalpha():  # an acronym as the name itself
        return label == full or any(label == full + g for g in _GENERIC_LABEL_WORDS)
    return False
