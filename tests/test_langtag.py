"""BCP 47 tags: well-formed ones pass, anything else is refused before it reaches an attribute."""

from __future__ import annotations

import pytest

from convert.langtag import MAX_CHARS, is_valid, normalise


@pytest.mark.parametrize(
    "tag", ["en", "fr-CA", "zh-Hant", "zh-Hant-TW", "es-419", "sl-rozaj", "en-US-x-twain", "i-klingon", "x-mine"]
)
def test_well_formed_tags(tag: str) -> None:
    assert is_valid(tag) and normalise(tag) == tag


@pytest.mark.parametrize("value", ["", "english", "en-", "e", "en--US", "fr CA", "zh-Hant-TW-", "12", None, 3])
def test_values_that_are_no_tags(value: object) -> None:
    assert not is_valid(value) and normalise(value) is None


def test_normalise_takes_locales_and_space_but_keeps_the_case() -> None:
    assert normalise(" en_US ") == "en-US"
    assert not is_valid("en_US")  # as written it is not a tag
    assert normalise("EN-gb") == "EN-gb"


def test_overlong_values_are_refused_before_the_pattern() -> None:
    long = "en" + "-abcdefgh" * (MAX_CHARS // 9 + 1)
    assert len(long) > MAX_CHARS and not is_valid(long) and normalise(long) is None
