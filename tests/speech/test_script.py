"""Document -> utterances: stable ids from the sentence marks, structure, and the spoken text."""

from __future__ import annotations

from pathlib import Path

import convert
from convert.model import Document, Heading, List, ListItem, Meta, Paragraph, Quote, Text
from convert.speech.script import KINDS, script


def _doc() -> Document:
    return Document(
        Meta(title="Report 2024", dateline="Vienna", date="17 October 2024"),
        (
            Paragraph((Text("First sentence. Second sentence."),)),
            Heading(2, (Text("Key facts"),), "key-facts"),
            List(
                (ListItem((Paragraph((Text("one item;"),)),)), ListItem((Paragraph((Text("another item"),)),))),
                ordered=True,
            ),
            Quote((Paragraph((Text("We must act."),)),), (Text("Ms. Albert"),)),
        ),
    )


def test_title_then_dateline_then_blocks_with_stable_ids() -> None:
    utterances = script(_doc())
    assert [u.id for u in utterances] == ["title", "dateline", "s0-1", "s0-2", "s1-1", "s2-1", "s2-2", "s3-1", "s3-2"]
    assert [u.kind for u in utterances] == [
        "title",
        "dateline",
        "paragraph",
        "paragraph",
        "heading",
        "item",
        "item",
        "quote",
        "attribution",
    ]
    assert all(u.kind in KINDS for u in utterances)
    assert utterances[0].spoken == "Report twenty twenty-four."
    assert utterances[1].text == "Vienna, 17 October 2024"
    assert utterances[1].spoken == "Vienna, the seventeenth of October twenty twenty-four."
    assert [u.first for u in utterances[2:4]] == [True, False]
    assert [u.block for u in utterances] == [-1, -1, 0, 0, 1, 2, 2, 3, 3]


def test_structure_is_read_as_a_person_would() -> None:
    by_id = {u.id: u for u in script(_doc())}
    assert by_id["s1-1"].level == 2 and by_id["s1-1"].spoken == "Key facts."
    # numbered items are announced by their number; a series item leads on
    assert by_id["s2-1"].spoken == "One. one item."
    assert by_id["s2-2"].spoken == "Two. another item."
    assert by_id["s3-2"].text == "— Ms. Albert" and by_id["s3-2"].spoken == "Miz Albert."


def test_ids_do_not_move_when_a_sentence_changes() -> None:
    before = script(_doc())
    changed = _doc()
    blocks = (Paragraph((Text("First sentence, now longer. Second sentence."),)), *changed.blocks[1:])
    after = script(Document(changed.meta, blocks))
    assert [u.id for u in before] == [u.id for u in after]
    assert [u.spoken for u in before] != [u.spoken for u in after]


def test_seed_sentences_cover_the_text_and_speak_no_digits(seed_path: Path) -> None:
    doc = convert.read(seed_path)
    utterances = script(doc)
    assert len({u.id for u in utterances}) == len(utterances)
    assert utterances[0].kind == "title" and utterances[1].text == "Vienna"
    joined = " ".join(u.text for u in utterances)
    for phrase in ("Ms. Heather Komenda", "(UNODC)", "17 October 2024", "35 percent"):
        assert phrase in joined
    # no sentence starts at a title: "Ms." never ends one
    assert not any(u.text.rstrip().endswith(("Ms.", "Dr.")) for u in utterances)
    spoken = " ".join(u.spoken for u in utterances)
    assert not any(c.isdigit() for c in spoken)
    assert "U N O D C" in spoken and "eye-kat" in spoken and "the seventeenth of October twenty twenty-four" in spoken
    assert "“" not in spoken and "[" not in spoken
