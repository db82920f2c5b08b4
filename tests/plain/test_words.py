"""The child edition's word lists: common words, forms and lemmas, inflection, articles, the data files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from convert.plain.words import (
    article_for,
    common_words,
    glossary,
    help_note,
    inflect,
    inflect_phrase,
    is_common,
    is_real_word,
    lemmas,
    organisations,
    phrase_entry,
    verb_forms,
    word_forms,
    word_table,
)


def test_common_words_and_real_words() -> None:
    assert is_common("house") and is_common("children")  # an inflected form of a common word is common
    assert not is_common("jurisdiction")
    assert is_real_word("jurisdiction") and not is_real_word("xqzt")
    assert len(common_words()) > 1000


def test_forms_and_lemmas_go_both_ways() -> None:
    assert {"go", "goes", "going", "went", "gone"} <= verb_forms("go")
    assert word_forms("child") >= {"child", "children"}
    assert lemmas("children") >= {"child"} and "go" in lemmas("went")


@pytest.mark.parametrize(
    ("lemma", "tag", "form"),
    [("go", "VBD", "went"), ("child", "NNS", "children"), ("run", "VBZ", "runs"), ("make", "VBN", "made")],
)
def test_inflect(lemma: str, tag: str, form: str) -> None:
    assert inflect(lemma, tag) == form


def test_a_phrase_is_inflected_on_its_verb() -> None:
    assert inflect_phrase("look after", "VBD") == "looked after"
    assert inflect_phrase("take part", "VBZ") == "takes part"


@pytest.mark.parametrize(("word", "article"), [("apple", "an"), ("house", "a"), ("hour", "an"), ("university", "a")])
def test_article_follows_the_sound(word: str, article: str) -> None:
    assert article_for(word) == article


def test_the_word_table_holds_plain_words_for_hard_ones() -> None:
    table = word_table()
    assert table["phrase"]["prior to"].plain == "before"
    for kind in table.values():
        for hard, entry in kind.items():
            assert entry.hard == hard and entry.plain and entry.plain != hard, hard
    assert phrase_entry("nothing of the kind here") is None


def test_glossary_organisations_and_help_note_are_read_from_their_files() -> None:
    assert organisations()["UN"].names == ("United Nations",)
    note = help_note()
    assert note.paragraphs and "trafficking" in note.topics
    entries = glossary()
    assert entries.nouns or entries.adjectives or entries.phrases


def test_a_publishers_help_note_replaces_ours(tmp_path: Path) -> None:
    ours = help_note()
    path = tmp_path / "help.toml"
    path.write_text('paragraphs = ["Call 116 111."]\ntopics = ["abuse"]\n', encoding="utf-8")
    theirs = help_note(path)
    assert theirs.paragraphs == ("Call 116 111.",) and theirs.topics == ("abuse",)
    assert theirs != ours


UNSAFE = ("facility", "promote", "announce", "measure", "render", "input", "comprise", "exploit", "address")
"""Words whose swap changes the meaning in some sentences: never in the word table."""


def test_the_word_table_has_no_word_whose_swap_is_unsafe():
    table = word_table()
    for word in UNSAFE:
        assert all(word not in entries for entries in table.values()), word


def test_plain_words_are_common_words():
    words = {w for entries in word_table().values() for e in entries.values() for w in re.findall(r"[a-z]+", e.plain)}
    unknown = sorted(w for w in words if not is_common(w))
    assert len(unknown) <= 0.05 * len(words), unknown


def test_glossary_definitions_have_no_numbers_or_names():
    for term, definition in glossary().items():
        assert not re.search(r"\d", definition), term
        assert len(definition.split()) <= 40, term
        assert not re.search(r"(?<=[a-z] )[A-Z][a-z]+", definition), term
