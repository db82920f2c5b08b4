"""The parse the child edition's operations read: spaCy's, with the few questions they ask of it."""

from __future__ import annotations

import pytest

from convert.plain.parse import (
    in_main_clause,
    in_name,
    is_complete,
    is_finite,
    is_negated,
    is_passive,
    is_past,
    is_plural,
    last_word,
    parse_text,
    roots,
    subject,
    subtree_range,
)


def test_a_passive_past_clause_with_its_subject() -> None:
    doc = parse_text("The report was published by UNICEF in May.")
    (root,) = roots(doc)
    assert root.text == "published"
    assert is_passive(root) and is_past(root) and is_finite(root) and not is_negated(root)
    assert subject(root).text == "report"
    assert subtree_range(root) == (0, len(doc) - 1)
    assert doc[last_word(doc)].text == "May"


def test_present_and_negated_clauses() -> None:
    (walks,) = roots(parse_text("She walks."))
    assert not is_past(walks) and not is_passive(walks)
    assert is_negated(roots(parse_text("They did not go."))[0])


@pytest.mark.parametrize(
    ("text", "complete"),
    [("In May.", False), ("Children in danger.", False), ("The children who were found were safe.", True)],
)
def test_a_sentence_is_complete_when_its_main_clause_is(text: str, complete: bool) -> None:
    assert is_complete(parse_text(text)) is complete


def test_relative_clauses_are_not_the_main_clause() -> None:
    doc = parse_text("The children who were found were safe.")
    assert [t.text for t in doc if not in_main_clause(t)] == ["who", "were", "found"]


def test_names_and_plurals() -> None:
    doc = parse_text("The United Nations Children Fund helps.")
    assert [t.text for t in doc if in_name(t)][-4:] == ["United", "Nations", "Children", "Fund"]
    assert not in_name(doc[-2])
    assert is_plural(parse_text("Children need help.")[0])
    assert not is_plural(parse_text("The child runs.")[1])


def test_parses_are_cached() -> None:
    assert parse_text("A cached sentence.") is parse_text("A cached sentence.")
