"""Reading a source file: clean text in any common encoding, or one clear error naming the file."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from convert.errors import InputError
from convert.source import clean_text, decode, load, load_bytes, read_limited


def test_clean_text_normalises_line_ends_and_drops_what_xml_cannot_hold() -> None:
    assert clean_text("\ufeffa\r\nb\rc\x00d\x0be") == "a\nb\ncde"
    assert clean_text("tab\tstays\n") == "tab\tstays\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_unicode_encodings_with_a_bom(encoding: str) -> None:
    text = "Réfugiés – حقوق الطفل\n" * 20
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_unicode_encodings_of_mostly_latin_text_without_a_bom(encoding: str) -> None:
    text = "Refugees and displaced children need help, say the réfugiés.\n" * 20
    assert decode(text.encode(encoding)) == text


def test_a_legacy_code_page_is_read_with_a_warning() -> None:
    data = ("Les réfugiés et les enfants déplacés ont besoin d'aide. " * 20).encode("cp1252")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert "réfugiés" in decode(data)
    assert caught, "a guessed encoding is reported"


def test_binary_data_is_not_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="NUL bytes") as error:
        decode(b"line one\nline two\x00\x01\x02\x03", tmp_path / "x.txt")
    assert error.value.line == 2


def test_load_refuses_missing_empty_and_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_bytes(tmp_path)
    (tmp_path / "blank.txt").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="is empty"):
        load(tmp_path / "blank.txt")
    (tmp_path / "a.txt").write_bytes(b"Title\r\n\r\nText.")
    assert load(tmp_path / "a.txt") == "Title\n\nText."


def test_read_limited_never_reads_past_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match="larger than"):
        read_limited(path, 100, "image")
    assert read_limited(path, 101, "image") == b"x" * 101
    with pytest.raises(InputError, match="largest source"):
        read_limited(Path("/dev/zero"), 1000, "source")
