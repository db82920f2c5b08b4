"""The pronunciation lexicon: built-in table, the user's file, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.errors import InputError, UsageError
from convert.speech.lexicon import builtin, load
from convert.speech.normalise import normalise


def test_builtin_decides_words_and_letters() -> None:
    lexicon = builtin()
    assert lexicon.say["ICAT"] == "eye-kat"
    assert "UNODC" in lexicon.letters


def test_user_lexicon_extends_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "words.toml"
    user.write_text('[say]\nKomenda = "ko-menda"\nICAT = "I CAT"\n[words]\nlist = ["OSCE"]\n', encoding="utf-8")
    lexicon = load(user)
    assert normalise("Ms. Komenda of ICAT and OSCE and IOM", lexicon) == "Miz ko-menda of I CAT and OSCE and I O M"


def test_missing_lexicon_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        load(tmp_path / "nope.toml")


def test_bad_lexicon_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[say\nICAT = 1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(bad)
    assert str(bad) in str(caught.value)
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("[sounds]\nA = 'b'\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown lexicon table"):
        load(wrong)
