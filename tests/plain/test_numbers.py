"""A child's comparison for a percentage: a fraction a child knows, only when it is close."""

from __future__ import annotations

import pytest

from convert.plain.numbers import comparison, derived_numbers


@pytest.mark.parametrize(
    ("percent", "words"),
    [
        (50, "half"),
        (49, "about half"),
        (25, "1 in 4"),
        (35, "about 1 in 3"),
        (75, "3 in 4"),
        (11.8, "about 1 in 8"),
        (20, "1 in 5"),
    ],
)
def test_close_fractions_are_said(percent: float, words: str) -> None:
    assert comparison(percent) == words


@pytest.mark.parametrize("percent", [0, 100, 150, -3, 1, 97.5])
def test_no_comparison_when_none_is_close_or_the_share_is_whole(percent: float) -> None:
    assert comparison(percent) == ""


def test_derived_numbers_are_the_comparisons_numbers() -> None:
    assert derived_numbers("35 percent of children and 25% of adults") == {"1", "3", "4"}
    assert derived_numbers("12.5 per cent") == {"1", "8"}
    assert derived_numbers("No share here, 35 children") == set()
