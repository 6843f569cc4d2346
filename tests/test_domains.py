"""One registry of archive, shortener and social domains: every user reads the same sets."""

import json
from importlib import resources

from citetrack import domains, settings
from citetrack.cite.outlets import is_archive
from citetrack.textfold import fold


def test_every_archive_of_the_outlet_table_is_in_the_registry():
    table = json.loads(resources.files("citetrack").joinpath("data", "outlets.json").read_text(encoding="utf-8"))
    assert set(table["archives"]) <= domains.ARCHIVE_DOMAINS


def test_archives_are_recognised_through_the_registry_with_their_subdomains():
    assert is_archive("https://web.archive.org/web/2020/https://example.org/")
    assert is_archive("ghostarchive.org")
    assert not is_archive("https://example.org/archive/2020")


def test_settings_read_the_registry_rather_than_lists_of_their_own():
    assert settings.OUTLET_NEUTRAL_DOMAINS >= domains.ARCHIVE_DOMAINS | domains.SHORTENER_DOMAINS
    assert "doi.org" in settings.OUTLET_NEUTRAL_DOMAINS
    assert settings.EXPORT_SOCIAL_DOMAINS is domains.SOCIAL_DOMAINS
    assert not domains.SOCIAL_DOMAINS & domains.ARCHIVE_DOMAINS


def test_folding_ignores_case_accents_apostrophes_and_punctuation():
    assert fold("L’Humanité — Édition: spéciale!") == "lhumanite edition speciale"
    assert fold("Reuters's report", drop_possessive=True, padded=True) == " reuters report "
    assert fold("snake_case-and  spaces") == "snake case and spaces"
