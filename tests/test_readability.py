"""Readability metrics: offline syllables, sentence splitting, grade and the fact checks."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

import convert
from convert.model import Paragraph, Text
from convert.readability import (
    check_facts,
    contains,
    document_metrics,
    metrics,
    split_sentences,
    syllables,
    syllables_by_rule,
)
from tests.conftest import SEED


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network unreachable (test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_syllables_work_offline(no_network):
    assert syllables("organization") == 5
    assert syllables("children") == 2
    assert syllables("trafficking") == 3
    assert metrics(["The cat sat on the mat."]).words == 6


@pytest.mark.parametrize(
    ("word", "count"), [("cat", 1), ("table", 2), ("wanted", 2), ("jumped", 1), ("radio", 3), ("zzkx", 1)]
)
def test_syllables_by_rule_for_unknown_words(word, count):
    assert syllables_by_rule(word) == count


def test_sentences_are_not_cut_after_titles():
    text = "Ms. Albert spoke. She said 35 percent. Dr. Smith agreed!"
    assert split_sentences(text) == ["Ms. Albert spoke.", "She said 35 percent.", "Dr. Smith agreed!"]


def test_a_roman_numeral_ends_a_sentence_but_an_initial_does_not():
    text = "Belgium took Rwanda in 1916 during World War I. Both nations ruled. John F. Kennedy spoke. Part V. Ends."
    assert split_sentences(text) == [
        "Belgium took Rwanda in 1916 during World War I.",
        "Both nations ruled.",
        "John F. Kennedy spoke.",
        "Part V.",
        "Ends.",
    ]


def test_syllables_use_the_shortest_pronunciation():
    # The CMU dictionary lists "every" and "different" with three and with two syllables; speech uses two.
    assert syllables("every") == 2 and syllables("different") == 2 and syllables("family") == 2
    assert syllables("trafficking") == 3 and syllables("organization") == 5


def test_grade_of_known_texts():
    easy = metrics(["The cat sat on the mat.", "It was a good day."])
    assert easy.grade < 1
    assert easy.longest_sentence == 6 and easy.average_sentence == 5.5


def test_seed_is_at_university_level():
    figures = document_metrics(convert.read(SEED))
    assert 15 <= figures.grade <= 19
    assert 22 <= figures.average_sentence <= 28
    assert figures.longest_sentence >= 55


def test_fact_check_finds_missing_and_invented_facts():
    source = convert.read("Title\n\nMs. Silke Albert of UNICEF said 35 percent of 120 children were found in Vienna.\n")
    assert check_facts(source, source).missing == () and check_facts(source, source).invented == ()
    edition = replace(
        source, blocks=(Paragraph((Text("Silke Albert said most children were found in Paris by Bob Stone."),)),)
    )
    check = check_facts(source, edition)
    assert {"35", "120", "Vienna", "UNICEF"} <= set(check.missing)
    assert "Paris" in check.invented and "Bob Stone" in check.invented
    assert check.kept_share < 1


def test_a_number_is_one_word_of_one_syllable():
    # As textstat counts it: the grade measures words, and "1994" is one of them.
    assert syllables("1994") == 1 and syllables("800,000") == 1 and syllables("18th") == 1
    figures = metrics(["In 1994, 800,000 men died."])
    assert figures.words == 5 and figures.syllables == 5


def test_an_address_is_one_name():
    figures = metrics(["Visit fbopen.gsa.gov or http://docs.fbopen.apiary.io today."])
    assert figures.words == 5 and figures.hard_share == 0


def test_a_name_that_starts_a_sentence_is_not_a_hard_word():
    # "Rwanda" is a name wherever it stands; the text shows it by writing it with a capital mid-sentence.
    figures = metrics(["Rwanda joined in 2009.", "Then Belgium ruled Rwanda."])
    assert figures.hard_share == 0


def test_facts_are_found_block_by_block():
    # A name never runs from one list item into the next ("Budget" + "The Office of ...").
    source = convert.read("Title\n\nThey met:\n\n- the Office of Management and Budget\n- the Office of Science\n")
    check = check_facts(source, source)
    assert check.invented == () and not any("\n" in f or "Budget The" in f for f in check.facts)


def test_a_name_the_parser_ends_with_a_bracket_is_still_found():
    # The parser may take a name with the bracket of its abbreviation; the bracket is not a word boundary.
    text = "the Canada-EU Comprehensive Economic and Trade Agreement (CETA) was signed"
    assert contains(text, "Canada-EU Comprehensive Economic and Trade Agreement (")
    assert not contains("the Trade Agreement was signed", "Trade Agreement (")
    assert contains(text, "Trade Agreement") and not contains(text, "Trade Agree")
