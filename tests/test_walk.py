"""Generic traversal of the model."""

from __future__ import annotations

from convert.model import Abbr, Document, Emph, Heading, List, ListItem, Meta, Paragraph, Quoted, Text
from convert.walk import map_blocks, map_inlines, plain_text, query, walk

DOC = Document(
    Meta("T"),
    (
        Heading(2, (Text("Intro"),)),
        Paragraph((Text("A "), Emph((Abbr("UN", "United Nations"),)), Text(" b "), Quoted((Text("hi"),)))),
        List((ListItem((Paragraph((Text("one"),)), List((ListItem((Paragraph((Text("deep"),)),)),)))),)),
        Heading(2, (Text("Intro"),)),
    ),
)


def test_walk_visits_in_reading_order() -> None:
    texts = [n.text for n in walk(DOC) if isinstance(n, Text)]
    assert texts == ["Intro", "A ", " b ", "hi", "one", "deep", "Intro"]


def test_query_and_plain_text() -> None:
    assert [a.expansion for a in query(DOC, Abbr)] == ["United Nations"]
    assert plain_text(DOC.blocks[1]) == "A UN b “hi”"
    assert plain_text(DOC).split("\n\n")[0] == "Intro"


def test_deep_nesting_does_not_overflow_the_walk() -> None:
    node = Paragraph((Text("x"),))
    for _ in range(5000):
        node = List((ListItem((node,)),))
    assert sum(1 for _ in walk(node)) == 5000 * 2 + 2


def test_map_blocks_and_inlines() -> None:
    upper = map_blocks(DOC.blocks, lambda b: b)
    assert upper == DOC.blocks
    shouted = map_inlines(DOC.blocks[1].content, lambda i: Text(i.text.upper()) if isinstance(i, Text) else i)
    assert plain_text(shouted) == "A UN B “HI”"
