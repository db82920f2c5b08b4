"""The prepare transform: heading levels without gaps, unique heading ids, the abbreviation table, a title."""

from __future__ import annotations

import warnings

import pytest

from convert.errors import ConvertWarning
from convert.limits import MAX_TITLE_CHARS
from convert.model import Abbr, Aside, Document, Heading, Meta, Paragraph, Quote, Text
from convert.transforms.prepare import (
    abbreviation_table,
    heading_ids,
    heading_levels,
    language,
    prepare,
    short_title,
    title_length,
)
from convert.walk import query


def heading(level: int, text: str, uid: str = "") -> Heading:
    return Heading(level, (Text(text),), uid)


def test_heading_ids_are_unique_slugs_and_keep_given_ids() -> None:
    doc = Document(
        Meta("T"),
        (
            heading(2, "Intro"),
            heading(2, "Intro"),
            heading(2, "Set by hand", "mine"),
            heading(2, "Again", "mine"),
            Quote((heading(3, "Intro"),)),
        ),
    )
    ids = [h.id for h in query(heading_ids(doc), Heading)]
    assert ids == ["intro", "intro-2", "mine", "mine-2", "intro-3"]


def test_heading_ids_leave_a_document_with_good_ids_equal() -> None:
    doc = Document(Meta("T"), (heading(2, "A", "a"), heading(2, "B", "b")))
    assert heading_ids(doc) == doc


def test_heading_levels_close_gaps_and_keep_the_outline() -> None:
    doc = Document(
        Meta("T"),
        (
            heading(2, "a"),
            heading(4, "a.1"),
            heading(6, "a.1.1"),
            heading(3, "a.2"),
            heading(2, "b"),
            heading(5, "b.1"),
        ),
    )
    levels = [h.level for h in query(heading_levels(doc), Heading)]
    assert levels == [2, 3, 4, 3, 2, 3]


def test_heading_levels_reach_headings_inside_asides() -> None:
    doc = Document(Meta("T"), (heading(2, "a"), Aside("note", (heading(5, "inside"),))))
    assert [h.level for h in query(heading_levels(doc), Heading)] == [2, 3]


def test_abbreviation_table_adds_what_the_text_uses_in_order_and_keeps_the_given() -> None:
    doc = Document(
        Meta("T", abbreviations=(("UN", "United Nations"),)),
        (Paragraph((Abbr("IOM", "International Organization for Migration"), Abbr("UN", "Other"), Abbr("ILO", "x"))),),
    )
    table = abbreviation_table(doc).meta.abbreviations
    assert table == (("UN", "United Nations"), ("IOM", "International Organization for Migration"), ("ILO", "x"))
    assert abbreviation_table(abbreviation_table(doc)) == abbreviation_table(doc)


def test_language_is_set_only_when_named() -> None:
    doc = Document(Meta("T", lang="fr"))
    assert language(doc) is doc
    assert language(doc, "es").meta.lang == "es"


def test_short_title_cuts_at_a_word_with_an_ellipsis() -> None:
    assert short_title("A short title") == "A short title"
    long = ("word " * 100).strip()
    cut = short_title(long)
    assert len(cut) <= MAX_TITLE_CHARS and cut.endswith("word…")
    # One long word cannot be cut at a space: it is cut where the limit falls.
    assert short_title("x" * 500) == "x" * (MAX_TITLE_CHARS - 1) + "…"


def test_title_length_warns_when_it_cuts() -> None:
    doc = Document(Meta("t " * 200))
    with pytest.warns(ConvertWarning, match="cut to its first"):
        assert len(title_length(doc).meta.title) <= MAX_TITLE_CHARS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert title_length(Document(Meta("fine"))).meta.title == "fine"


def test_prepare_does_every_step() -> None:
    doc = Document(Meta("T"), (heading(2, "One"), heading(5, "One"), Paragraph((Abbr("UN", "United Nations"),))))
    prepared = prepare(doc, lang="en-GB")
    assert [(h.level, h.id) for h in query(prepared, Heading)] == [(2, "one"), (3, "one-2")]
    assert prepared.meta.abbreviations == (("UN", "United Nations"),)
    assert prepared.meta.lang == "en-GB"
