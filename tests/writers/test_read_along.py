"""The read-along page: the player's words in every language, its CSS and script from styles/, and the timings
it takes from a real narration (the Piper voice)."""

from __future__ import annotations

import pytest
from lxml import etree

import convert
from convert.labels import LABELS, label
from convert.options import Options
from convert.speech.narration import Narration, narrate
from convert.themes import page_file
from convert.writers import html, read_along

PLAYER_WORDS = (
    "listen",
    "audio",
    "controls",
    "play",
    "pause",
    "previous",
    "next",
    "status",
    "hint",
    "words",
    "download",
)
TEXT = "Rain and rivers\n\nRain falls on the hills. It runs into the “rivers”.\n"


@pytest.fixture(scope="module")
def narrated() -> tuple[convert.Document, Narration]:
    doc = convert.read(TEXT)
    return doc, narrate(doc, Options())


@pytest.fixture(scope="module")
def page(narrated: tuple[convert.Document, Narration]) -> etree._Element:
    doc, narration = narrated
    return etree.fromstring(read_along.render(doc, Options(), narration, "rain.mp3"), etree.HTMLParser())


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_every_language_has_every_player_word(lang: str) -> None:
    for key in PLAYER_WORDS:
        assert f"read-along-{key}" in LABELS[lang], f"{lang} lacks read-along-{key}"
    # The script fills in the sentence's number and the count: both places must survive translation.
    status = LABELS[lang]["read-along-status"]
    assert "{n}" in status and "{total}" in status and status.index("{n}") < status.index("{total}")


@pytest.mark.parametrize("lang", ["fr", "ar", "de-CH", "xx"])
def test_the_player_speaks_the_page_language(lang: str) -> None:
    section = read_along.player("Le titre", "t.mp3", lang, word_switch=True)
    buttons = [b.text for b in section.iter("button")]
    assert buttons == [label(f"read-along-{k}", lang) for k in ("previous", "play", "next")]
    assert section.get("data-pause") == label("read-along-pause", lang)
    assert section.find(".//audio").get("aria-label") == f"{label('read-along-audio', lang)}: Le titre"
    assert section.findtext(".//label/span") == label("read-along-words", lang)
    if lang == "xx":
        assert buttons == ["Previous sentence", "Play", "Next sentence"]  # an unknown language falls back to English
    else:
        assert buttons != ["Previous sentence", "Play", "Next sentence"]


def test_without_word_timing_there_is_no_word_switch() -> None:
    section = read_along.player("T", "t.mp3", "en")
    assert section.find(".//input") is None
    assert [e.get("hidden") for e in section.iterfind(".//*[@hidden]")] == ["", "", ""]


def test_the_page_carries_the_styles_files(page: etree._Element) -> None:
    style = page.findtext(".//head/style")
    assert page_file("read-along.css") in style and html.quote_css() in style
    assert style.index(html.quote_css()) < style.index(page_file("read-along.css"))
    assert page.findtext(".//body/script") == "\n" + page_file("read-along.js")
    assert page.find(".//body")[-1].tag == "script"


def test_every_sentence_and_word_has_the_narration_times(
    page: etree._Element, narrated: tuple[convert.Document, Narration]
) -> None:
    _, narration = narrated
    assert narration.word_timing
    for cue in narration.cues:
        element = page.find(f".//*[@id='{cue.id}']")
        assert element.get("data-begin") == f"{cue.start_seconds:.6f}"
        assert element.get("data-end") == f"{cue.end_seconds:.6f}"
        pieces = element.xpath(".//span[@data-word-begin]")
        assert pieces, f"sentence {cue.id} has no timed word"
        for piece in pieces:
            number = int((piece.get("id") or piece.get("data-word")).rpartition(".")[2])
            start, end = cue.words[number - 1]
            assert piece.get("data-word-begin") == f"{start / cue.sample_rate:.6f}"
            assert piece.get("data-word-end") == f"{end / cue.sample_rate:.6f}"
    begins = [float(e.get("data-begin")) for e in page.iterfind(".//*[@data-begin]")]
    assert begins == sorted(begins) and len(begins) == len(narration.cues)


def test_the_player_comes_after_the_header_and_plays_the_given_file(page: etree._Element) -> None:
    header = page.find(".//body/header")
    section = header.getnext()
    assert section.get("id") == read_along.PLAYER_ID
    audio = section.find("audio")
    assert audio.get("src") == "rain.mp3" and audio.find("a").get("href") == "rain.mp3"
