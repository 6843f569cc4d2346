"""Raised text that is no marker: the powers of units."""

import pytest

from citetrack.read.labels import is_power


@pytest.mark.parametrize(
    ("raw", "before"),
    [("²", "800 m"), ("³", "31 µg/m"), ("³", "capacidad de 412 hm"), ("³", "6.000\nm"), ("²", "40 km"), ("³", "2 dam")],
)
def test_a_raised_two_or_three_after_a_unit_of_length_is_its_power(raw, before):
    assert is_power(raw, before)


@pytest.mark.parametrize(("raw", "before"), [("²", "the harbour"), ("³", "in 2023"), ("⁴", "800 m"), ("²", "the term")])
def test_a_raised_number_after_a_word_or_a_year_is_no_power(raw, before):
    assert not is_power(raw, before)
