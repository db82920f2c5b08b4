"""The verification: rewrites that lose or change something are refused, whatever operation made them."""

from __future__ import annotations

from convert.model import Quoted, Text
from convert.plain.inlines import Draft, flatten
from convert.plain.operations import Unit
from convert.plain.parse import is_complete, view
from convert.plain.verify import Licence, verify


def source(*inlines):
    flat = flatten(tuple(Text(i) if isinstance(i, str) else i for i in inlines))
    return flat, view(flat, Draft.of(flat, 0, len(flat.text)))


def piece(flat, text: str, occurrence: int = 0) -> Draft:
    """The source characters of text (its occurrence-th appearance), kept."""
    start = -1
    for _ in range(occurrence + 1):
        start = flat.text.index(text, start + 1)
    return Draft.of(flat, start, start + len(text))


def check(before, units, licence: Licence | None = None, complete=True) -> str:
    units = [Unit(u) if isinstance(u, Draft) else u for u in units]
    return verify(before, units, licence or Licence(), complete=complete)


def test_the_sentence_itself_passes():
    _flat, before = source("The board met on Monday and the plan was approved.")
    assert check(before, [before.draft]) == ""


def test_a_dropped_negation_is_refused():
    flat, before = source("You do not need a permit for a small shed.")
    rewrite = piece(flat, "You do ") + piece(flat, "need a permit for a small shed.")
    assert check(before, [rewrite]) == "“not” is missing"


def test_a_dropped_condition_is_refused():
    flat, before = source("You do not need a permit if the shed is small.")
    rewrite = piece(flat, "You do not need a permit") + Draft.new(".")
    assert "missing" in check(before, [rewrite])


def test_a_new_word_is_refused_unless_the_operation_declares_it():
    flat, before = source("The school opened in May.")
    rewrite = piece(flat, "The school opened in May") + Draft.new(" again.")
    assert check(before, [rewrite]) == "“again” is new"
    assert check(before, [rewrite], Licence(words=frozenset({"again"}))) == ""


def test_a_restrictive_relative_clause_cut_off_is_refused():
    # "that you built before that date" says which sheds: as its own sentence the rule becomes false.
    flat, before = source("You do not need a permit for sheds that you built before that date.")
    one = piece(flat, "You do not need a permit for sheds") + Draft.new(".")
    two = piece(flat, "you built before that date.")
    problem = check(before, [one, two])
    assert problem, problem


def test_a_cut_between_full_clauses_passes_only_with_its_licence():
    flat, before = source("The school opened in May, and the library closed in June.")
    one = piece(flat, "The school opened in May") + Draft.new(".")
    two = piece(flat, "the library closed in June.").replace(0, 1, "T")
    drops = frozenset({before.ident(i) for i, t in enumerate(before.doc) if t.lower_ == "and"})
    assert "no longer with" in check(before, [one, two], Licence(drops=drops))
    opened = next(t for t in before.doc if t.lower_ == "opened")
    closed = next(t for t in before.doc if t.lower_ == "closed")
    licence = Licence(cuts=frozenset({(before.ident(closed), before.ident(opened))}), drops=drops)
    assert check(before, [one, two], licence) == ""


def test_a_changed_agent_is_refused():
    flat, before = source("The board promoted Ana Ruiz.")
    swapped = piece(flat, "Ana Ruiz") + Draft.new(" ") + piece(flat, "promoted") + Draft.new(" ")
    swapped = swapped + piece(flat, "The board").replace(0, 1, "t") + Draft.new(".")
    assert "subject" in check(before, [swapped])


def test_an_incomplete_sentence_is_refused():
    flat, before = source("The council, which met on Monday, approved the plan.")
    rewrite = [piece(flat, "The council") + Draft.new("."), piece(flat, "which met on Monday, approved the plan.")]
    assert "not a complete sentence" in check(before, rewrite)
    assert not is_complete(view(flat, rewrite[0]).doc)


def test_a_name_cut_in_two_is_refused():
    flat, before = source("Dr Jane Roe of the Safe Homes Trust spoke at the meeting in London.")
    rewrite = [
        piece(flat, "Dr Jane Roe of the Safe ") + piece(flat, "spoke at the meeting in London."),
        piece(flat, "Homes Trust"),
    ]
    assert check(before, rewrite)


def test_a_quotation_must_be_said_once_word_for_word():
    flat, before = source(Quoted((Text("We will help every family"),)), " said Ms. Ruiz.")
    twice = piece(flat, "“We will help every family”") + piece(flat, " said Ms. Ruiz.")
    assert check(before, [twice, piece(flat, "“We will help every family”") + Draft.new(" said Ms. Ruiz.")])
    cut = piece(flat, "“We will help") + Draft.new(".")
    assert check(before, [cut])


def test_unbalanced_brackets_are_refused():
    flat, before = source("The fee (paid in May) covers the whole year.")
    rewrite = piece(flat, "The fee (paid in May") + Draft.new(" covers the whole year.")
    assert "unbalanced" in check(before, [rewrite], Licence(words=frozenset({"covers", "the", "whole", "year"})))


def test_a_list_must_continue_its_lead_in():
    flat, before = source("The club needs help from parents, teachers and shops.")
    lead = piece(flat, "The club needs help from") + Draft.new(":")
    items = (piece(flat, "parents"), piece(flat, "teachers"), piece(flat, "shops"))
    drops = frozenset(before.ident(i) for i, t in enumerate(before.doc) if t.lower_ == "and")
    assert check(before, [Unit(lead, items)], Licence(drops=drops)) == ""
    # A lead-in that no item can finish is refused.
    broken = piece(flat, "The club") + Draft.new(":")
    assert check(before, [Unit(broken, (piece(flat, "needs help from parents"), items[1], items[2]))])
