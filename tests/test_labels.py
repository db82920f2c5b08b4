"""User-facing words in every language labels.py knows, English when a language lacks one."""

from __future__ import annotations

import pytest

from convert.labels import LABELS, has_label, label


def test_every_language_has_only_keys_english_has() -> None:
    english = set(LABELS["en"])
    for lang, words in LABELS.items():
        assert set(words) <= english, lang
        assert all(value.strip() for value in words.values()), lang


@pytest.mark.parametrize("lang", ["fr", "fr-CA", "fr_BE", "FR"])
def test_the_primary_language_decides(lang: str) -> None:
    key = next(iter(LABELS["fr"]))
    assert label(key, lang) == LABELS["fr"][key] and has_label(key, lang)


def test_an_unknown_language_or_missing_label_falls_back_to_english() -> None:
    key = next(iter(LABELS["en"]))
    assert label(key, "tlh") == LABELS["en"][key] and not has_label(key, "tlh")
    missing = next((k for k in LABELS["en"] if any(k not in words for words in LABELS.values())), None)
    if missing is not None:
        lang = next(lang for lang, words in LABELS.items() if missing not in words)
        assert label(missing, lang) == LABELS["en"][missing] and not has_label(missing, lang)


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        label("no-such-label", "en")
