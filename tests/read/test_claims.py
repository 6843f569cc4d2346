"""build_claims: one claim per sentence carrying markers, the contract other readers rely on."""

from citetrack.models import Claim
from citetrack.read.claims import build_claims, normalize_space


def test_one_claim_per_marked_sentence_in_order():
    body = "First fact. Unmarked. Second fact here."
    marks = [(len("First fact."), "1"), (body.index(" here") + 5 + 1, "2")]
    assert build_claims(body, marks) == (
        Claim("First fact.", ("1",), 0),
        Claim("Second fact here.", ("2",), 1),
    )


def test_several_markers_in_one_sentence_keep_order_and_dedupe():
    body = "Alpha, beta and gamma. Next."
    marks = [(5, "3"), (11, "a"), (5, "3"), (22, "4")]
    (claim,) = build_claims(body, marks)
    assert claim.labels == ("3", "a", "4")
    assert claim.text == "Alpha, beta and gamma."


def test_marker_just_after_full_stop_belongs_to_sentence_before():
    body = "It ended. Then more."
    (claim,) = build_claims(body, [(len("It ended."), "9")])
    assert claim.text == "It ended."


def test_marker_at_start_of_next_sentence_after_space_goes_before():
    body = "It ended. Then more."
    (claim,) = build_claims(body, [(len("It ended. "), "9")])
    assert claim.text == "It ended."


def test_claim_text_is_whitespace_normalised():
    body = "A claim\nthat wraps   over\tlines. Other."
    (claim,) = build_claims(body, [(5, "1")])
    assert claim.text == "A claim that wraps over lines."


def test_no_marks_no_claims():
    assert build_claims("Some text.", []) == ()


def test_normalize_space():
    assert normalize_space("  a\n\n b\tc ") == "a b c"
