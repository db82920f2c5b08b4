"""The Python API: read, write and convert, round trips and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.model import Document, Heading, Meta, Paragraph, Text
from tests.conftest import SEED


def test_read_path_and_text_give_the_same_document() -> None:
    assert convert.read(SEED) == convert.read(str(SEED)) == convert.read(SEED.read_text(encoding="utf-8"))


def test_documents_are_immutable_hashable_values() -> None:
    doc = convert.read(SEED)
    assert hash(doc) == hash(convert.read(SEED))
    with pytest.raises(AttributeError):
        doc.meta = Meta("other")  # type: ignore[misc]


def test_write_then_read_back_round_trip(tmp_path: Path) -> None:
    doc = convert.read(SEED)
    path = convert.write(doc, tmp_path / "seed.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert convert.write(doc, tmp_path / "other.page", to="html").is_file()


def test_convert_returns_the_paths_written(tmp_path: Path) -> None:
    written = convert.convert(SEED, to=["html"], out_dir=tmp_path)
    assert written == [tmp_path / SEED.stem / f"{SEED.stem}.html"]
    assert written[0].is_file()


def test_formats_come_from_the_registry() -> None:
    assert "html" in convert.formats()


def test_unknown_format_lists_known_ones(tmp_path: Path) -> None:
    with pytest.raises(convert.UsageError, match=r"unknown format 'braille'; known formats: .*html"):
        convert.convert(SEED, to=["braille"], out_dir=tmp_path)
    with pytest.raises(convert.UsageError, match="cannot tell the format"):
        convert.write(convert.read(SEED), tmp_path / "x.unknown")


def test_unknown_option_is_refused(tmp_path: Path) -> None:
    with pytest.raises(convert.UsageError, match="unknown option colour"):
        convert.write(convert.read(SEED), tmp_path / "x.html", colour="red")


def test_missing_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(convert.InputError) as caught:
        convert.read(tmp_path / "nothing.txt")
    assert str(caught.value) == f"{tmp_path / 'nothing.txt'}: no such file"
    assert caught.value.exit_code == 2


def test_model_refuses_invalid_values() -> None:
    with pytest.raises(convert.InputError, match="heading level must be between 1 and 6, not 7"):
        Heading(7, (Text("x"),))
    with pytest.raises(convert.InputError, match="needs a title"):
        Meta("  ")


def test_documents_built_by_hand_write_like_read_ones(tmp_path: Path) -> None:
    doc = Document(Meta("Hand made"), (Heading(2, (Text("Part"),), "part"), Paragraph((Text("Body."),))))
    text = convert.write(doc, tmp_path / "hand.html").read_text(encoding="utf-8")
    assert '<h2 id="part">Part</h2>' in text and "<p>Body.</p>" in text
