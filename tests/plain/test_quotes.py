"""Quotations in the child edition: found with their marks, an apostrophe inside a word is not a closing mark."""

from __future__ import annotations

from convert.plain.quotes import QUOTE, quotations


def test_each_kind_of_mark_is_found_without_the_marks() -> None:
    text = 'He said “stay here”, she said "go" and the sign read ‘no entry’.'
    assert quotations(text) == ["stay here", "go", "no entry"]


def test_an_apostrophe_inside_a_single_quotation_does_not_end_it() -> None:
    assert quotations("The note said ‘the children’s room is closed’ today.") == ["the children’s room is closed"]
    # A possessive with no quotation around it is no quotation.
    assert quotations("The children’s rights matter.") == []


def test_unclosed_marks_are_not_quotations() -> None:
    assert quotations("An “opening mark only.") == []
    assert QUOTE.search("no marks at all") is None
