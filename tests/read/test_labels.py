"""Raised text that is no marker: the powers of units, the endings of ordinals."""

import pytest

from citetrack.read.labels import is_ordinal, is_power


@pytest.mark.parametrize(
    ("raw", "before"),
    [("²", "800 m"), ("³", "31 µg/m"), ("³", "capacidad de 412 hm"), ("³", "6.000\nm"), ("²", "40 km"), ("³", "2 dam")],
)
def test_a_raised_two_or_three_after_a_unit_of_length_is_its_power(raw, before):
    assert is_power(raw, before)


@pytest.mark.parametrize(("raw", "before"), [("²", "the harbour"), ("³", "in 2023"), ("⁴", "800 m"), ("²", "the term")])
def test_a_raised_number_after_a_word_or_a_year_is_no_power(raw, before):
    assert not is_power(raw, before)


@pytest.mark.parametrize(("raw", "before"), [("e", "Au XIX"), ("e", "le 2"), ("o", "el 1"), ("e", "la V")])
def test_a_raised_letter_after_a_number_or_a_roman_numeral_ends_an_ordinal(raw, before):
    assert is_ordinal(raw, before)


@pytest.mark.parametrize(("raw", "before"), [("a", "the harbour"), ("b", "Table 1 (continued),"), ("12", "in 2019"), ("e", "VIVID")])
def test_a_raised_letter_after_a_word_or_a_number_after_a_year_is_no_ordinal(raw, before):
    assert not is_ordinal(raw, before)
