"""Language detection: offline, deterministic, and quick for plain English."""

from __future__ import annotations

import pytest

from convert import language
from convert.language import detect_language
from tests.conftest import SEED


def test_plain_english_is_recognised_without_loading_langdetect() -> None:
    language._factory.cache_clear()
    assert detect_language(SEED.read_text(encoding="utf-8")) == "en"
    assert language._factory.cache_info().currsize == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les délégués ont discuté des problèmes économiques et de la sécurité des enfants dans le monde.", "fr"),
        (
            "Die Delegierten sprachen über die wirtschaftlichen Probleme und die Sicherheit der Kinder in der Welt.",
            "de",
        ),
        ("Los delegados hablaron de los problemas económicos y de la seguridad de los niños en el mundo entero.", "es"),
        ("המשלחות דנו בבעיות הכלכליות ובביטחון הילדים בעולם כולו.", "he"),
        ("ناقش المندوبون المشاكل الاقتصادية وأمن الأطفال في العالم كله.", "ar"),
        ("Short text.", "en"),
    ],
)
def test_other_languages_are_detected(text: str, expected: str) -> None:
    assert detect_language(text) == expected
    assert detect_language(text) == detect_language(text)
