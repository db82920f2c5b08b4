"""Sentence by sentence: word counts and where each sentence of a paragraph lies in its flat text."""

from __future__ import annotations

from convert.model import Emph, Text
from convert.plain.inlines import flatten
from convert.plain.rewrite import sentence_spans, word_count


def test_word_count_counts_numbers_as_words() -> None:
    assert word_count("In 2024, 35 children were found.") == 6
    assert word_count("") == 0


def test_a_citation_marker_stays_with_its_sentence_and_a_quotation_is_never_cut() -> None:
    flat = flatten((Text("It rose.[1] Then it fell. He said “Stop. Now.” and left."),))
    assert [flat.text[a:b] for a, b in sentence_spans(flat)] == [
        "It rose.[1]",
        "Then it fell.",
        "He said “Stop. Now.” and left.",
    ]


def test_spans_cover_formatting_inside_a_sentence() -> None:
    flat = flatten((Text("One "), Emph((Text("two"),)), Text(". Three.")))
    spans = sentence_spans(flat)
    assert [flat.text[a:b] for a, b in spans] == ["One two.", "Three."]
    assert all(a < b for a, b in spans) and spans == sorted(spans)
