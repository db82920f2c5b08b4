"""Readability metrics: offline syllables, sentence splitting, grade and the fact checks."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

import convert
from convert.model import Paragraph, Text
from convert.readability import (
    check_facts,
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
