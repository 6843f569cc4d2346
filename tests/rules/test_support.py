"""Support: the claim's numbers, dates and names looked for in its sources' texts."""

from __future__ import annotations

import pytest

from citetrack.models import FlagKind
from citetrack.rules.support import (
    SourceText,
    best_passage,
    claim_facts,
    numbers_in,
    proper_names,
    unsupported_claim_flag,
)


def facts(text):
    return {(f.kind, f.text) for f in claim_facts(text)}


def test_claim_facts():
    got = facts("On 13 December 2023, JNIM fighters killed 90 civilians and 1,200 fled Farabougou, said Human Rights Watch.")
    assert got == {("date", "13 December 2023"), ("number", "90"), ("number", "1,200"), ("name", "JNIM"),
                   ("name", "Farabougou"), ("name", "Human Rights Watch")}
    assert ("vague", "dozens") in facts("Dozens of trucks were stranded.")
    assert facts("The army withdrew.") == set()


def test_numbers_in_every_format():
    assert {1200.0, 90.0, 9000.0, 3.5, 2_000_000.0} <= numbers_in(
        "1,200 people; ninety others; 9 000 residents; 3.5 tonnes; 2 million dollars")
    assert 1200.0 in numbers_in("1.200 personnes")


def test_proper_names_skip_sentence_starts_and_small_words():
    assert proper_names("Militants attacked Djibo in Burkina Faso. The Malian army came.") == [
        "Djibo", "Burkina Faso", "Malian"]
    assert proper_names("À Ségou, le maire a parlé.") == ["Ségou"]


SOURCE = SourceText.of(
    "https://example.org/a",
    "Local officials said at least 90 civilians were killed in Farabougou on 13 Dec. 2023.\n"
    "Some 1 200 residents fled towards Ségou. Human Rights Watch documented the attack, blamed on "
    "Jama'at Nusrat al-Islam wal-Muslimin (JNIM).",
)


@pytest.mark.parametrize(
    "claim",
    [
        "Ninety civilians were killed in Farabougou on 13 December 2023.",
        "JNIM forced 1,200 residents to flee to Segou, according to Human Rights Watch.",
        "Dozens of civilians were killed in Farabougou in December 2023.",
    ],
)
def test_supported_claims(claim):
    assert unsupported_claim_flag("k", claim, ["7"], [SOURCE]) is None


@pytest.mark.parametrize(
    ("claim", "missing"),
    [
        ("At least 190 civilians were killed in Farabougou.", "190"),
        ("Civilians were killed in Farabougou on 13 January 2024.", "13 January 2024"),
        ("Fighting spread from Gao to Menaka and Kidal.", "Gao"),
        ("Thousands of residents fled Farabougou.", "thousands"),
    ],
)
def test_unsupported_claims(claim, missing):
    flag = unsupported_claim_flag("c1", claim, ["7"], [SOURCE], unarchived=1)
    assert flag is not None and flag.kind is FlagKind.UNSUPPORTED_CLAIM and flag.subject == "claim:c1"
    assert missing in [m["text"] for m in flag.evidence["missing"]]
    assert flag.footnote == "7" and flag.evidence["sources_without_text"] == 1 and missing in flag.message


def test_no_archived_text_no_verdict():
    assert unsupported_claim_flag("c", "At least 190 were killed in Gao.", ["1"], []) is None
    assert unsupported_claim_flag("c", "At least 190 were killed in Gao.", ["1"], [SourceText.of("u", "  ")]) is None
    assert unsupported_claim_flag("c", "The army withdrew.", ["1"], [SOURCE]) is None  # nothing checkable


def test_facts_in_any_of_several_sources():
    other = SourceText.of("https://example.org/b", "The governor of Mopti confirmed 190 deaths.")
    assert unsupported_claim_flag("c", "At least 190 civilians were killed in Farabougou.", ["1"], [SOURCE, other]) is None


def test_best_passage_holds_the_facts():
    passage, found = best_passage("Some 1,200 residents fled towards Ségou.", SOURCE)
    assert "1 200 residents fled" in passage
    assert set(found) == {"1,200", "Ségou"}
