"""The document model: what it refuses, how a quotation piece shows itself, text direction."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from convert.errors import ModelError
from convert.model import Document, Heading, Meta, Paragraph, Quoted, Span, Text, text_direction


def test_meta_needs_a_title_and_a_well_formed_language() -> None:
    with pytest.raises(ModelError, match="needs a title"):
        Meta("  ")
    with pytest.raises(ModelError, match="needs a language tag"):
        Meta("T", lang=" ")
    with pytest.raises(ModelError, match="not a BCP 47"):
        Meta("T", lang="english please")
    assert Meta("T", lang="pt-BR").lang == "pt-BR"


def test_a_span_language_is_checked_too() -> None:
    with pytest.raises(ModelError, match="a passage"):
        Span((Text("x"),), "not a tag")


@pytest.mark.parametrize("level", [0, 7])
def test_heading_levels_are_1_to_6(level: int) -> None:
    with pytest.raises(ModelError, match="between 1 and 6"):
        Heading(level, (Text("x"),))


def test_nodes_are_frozen_and_compare_by_value() -> None:
    doc = Document(Meta("T"), (Paragraph((Text("a"),)),))
    assert doc == Document(Meta("T"), (Paragraph((Text("a"),)),))
    assert hash(doc) == hash(Document(Meta("T"), (Paragraph((Text("a"),)),)))
    field = "title"
    with pytest.raises(FrozenInstanceError):
        setattr(doc.meta, field, "other")


def test_a_whole_quotation_reads_as_it_always_has_and_a_piece_says_what_it_lacks() -> None:
    assert repr(Quoted((Text("hi"),))) == "Quoted(content=(Text(text='hi'),))"
    assert repr(Quoted((Text("hi"),), opens=False)) == "Quoted(content=(Text(text='hi'),), opens=False)"
    assert Quoted((Text("hi"),), closes=False) != Quoted((Text("hi"),))


@pytest.mark.parametrize(
    ("lang", "direction"), [("ar", "rtl"), ("ur-PK", "rtl"), ("he_IL", "rtl"), ("en", "ltr"), ("fr-CA", "ltr")]
)
def test_text_direction(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction
