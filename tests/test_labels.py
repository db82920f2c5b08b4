"""The words the writers and the bundle's index page add: every language labels.py knows has every one."""

from __future__ import annotations

import re

import pytest

from convert.labels import LABELS, has_label, label


@pytest.mark.parametrize("lang", sorted(set(LABELS) - {"en"}))
def test_every_language_has_every_word_with_the_same_placeholders(lang: str) -> None:
    assert set(LABELS[lang]) == set(LABELS["en"])
    for key, english in LABELS["en"].items():
        assert re.findall(r"\{\w+\}", LABELS[lang][key]) == re.findall(r"\{\w+\}", english), key
        assert LABELS[lang][key].strip(), key


def test_a_language_without_words_falls_back_to_english() -> None:
    assert label("listen", "fr-CA") == "Écouter" and label("listen", "sw") == "Listen"
    assert has_label("edition-child", "de") and not has_label("edition-child", "sw")
    assert label("how-to-open-a", "en").format(title="PDF document") == "How to open a PDF document"


@pytest.mark.parametrize("lang", ["fr", "fr-CA", "fr_BE", "FR"])
def test_the_primary_language_decides(lang: str) -> None:
    key = next(iter(LABELS["fr"]))
    assert label(key, lang) == LABELS["fr"][key] and has_label(key, lang)


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        label("no-such-label", "en")
