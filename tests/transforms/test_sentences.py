"""The sentence splitter and the sentence marks: ids, cut quotations, exact removal, and the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convert
from convert.model import (
    Abbr,
    Code,
    CodeBlock,
    Document,
    Emph,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Quoted,
    Sentence,
    Table,
    Text,
)
from convert.transforms import sentences as marks
from convert.transforms.sentences import header_ids, is_marked, mark, sentences, unmark, words
from convert.walk import plain_text, query
from tests.conftest import ROOT

SPLITS = [
    ("Ms. Albert spoke. Dr. Smith answered.", ["Ms. Albert spoke.", "Dr. Smith answered."]),
    ("It grew in the U.S. last year. Then it fell.", ["It grew in the U.S. last year.", "Then it fell."]),
    ("Some, e.g. Austria, agreed. Others did not.", ["Some, e.g. Austria, agreed.", "Others did not."]),
    ("It rose 3.5 percent. Prices fell.", ["It rose 3.5 percent.", "Prices fell."]),
    ("J. K. Rowling wrote it. She is famous.", ["J. K. Rowling wrote it.", "She is famous."]),
    ("Really? Yes! It is… Done.", ["Really?", "Yes!", "It is…", "Done."]),
    ("“Why?” she asked. “Because.”", ["“Why?” she asked.", "“Because.”"]),
    ("“It is. It was,” he said.", ["“It is.", "It was,” he said."]),
    ("See No. 5 and Fig. 2 now.", ["See No. 5 and Fig. 2 now."]),
    ("Held at 9 a.m. on Monday.", ["Held at 9 a.m. on Monday."]),
    ("one line\nanother line", ["one line", "another line"]),
    # Citation markers stay with the sentence they follow; nothing inside square brackets ends a sentence.
    ("It grew.[12] Then it fell.", ["It grew.[12]", "Then it fell."]),
    ("It grew. [12] Then it fell.", ["It grew. [12]", "Then it fell."]),
    ("It grew.[citation needed] Then it fell.", ["It grew.[citation needed]", "Then it fell."]),
    ("It grew.[1][2] Then it fell.", ["It grew.[1][2]", "Then it fell."]),
    ("As shown [1. Smith, 2003] it grew. Then it fell.", ["As shown [1. Smith, 2003] it grew.", "Then it fell."]),
    ("They listed [First. Second,] and more. It ended.", ["They listed [First. Second,] and more.", "It ended."]),
    ("1. Developers want it now. They said so.", ["1. Developers want it now.", "They said so."]),
    ("It was 2024. Then it was 2025.", ["It was 2024.", "Then it was 2025."]),
    # An unclosed bracket is not an aside: the sentences go on being split.
    ("It was noted in 1992[1. This held. Then more.", ["It was noted in 1992[1.", "This held.", "Then more."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS, ids=[s[0] for s in SPLITS])
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_words_are_what_timings_count() -> None:
    text = "ICAT’s co-chairs met on 17 October 2024 (3.5% more), in the U.S."
    assert [text[a:b] for a, b in words(text)] == [
        "ICAT’s",
        "co-chairs",
        "met",
        "on",
        "17",
        "October",
        "2024",
        "3.5",
        "more",
        "in",
        "the",
        "U.S",
    ]


RAIN = Paragraph(
    (
        Text("Rain falls on the hills. "),
        Quoted((Text("Water finds a way. It always does,"),)),
        Text(" said Dr. Lee of the "),
        Abbr("WMO", "World Meteorological Organization"),
        Text("."),
    )
)


def test_a_quotation_cut_by_sentences_keeps_one_mark_on_each_side() -> None:
    doc = mark(Document(Meta("Rain"), (RAIN,)))
    found = query(doc, Sentence)
    assert [(s.id, plain_text(s)) for s in found] == [
        ("s0-1", "Rain falls on the hills."),
        ("s0-2", "“Water finds a way. "),  # the space inside the quotation stays in it: two pieces, not three
        ("s0-3", "It always does,” said Dr. Lee of the WMO."),
    ]
    pieces = query(doc, Quoted)
    assert [(q.opens, q.closes) for q in pieces] == [(True, False), (False, True)]
    assert plain_text(doc) == plain_text(RAIN)
    assert unmark(doc) == Document(Meta("Rain"), (RAIN,))


def test_ids_follow_the_narration_and_avoid_heading_ids() -> None:
    doc = Document(
        Meta("Title", dateline="Lyon"),
        (
            Heading(2, (Text("Title"),), "title"),
            Paragraph((Text("One. Two."),)),
            Heading(2, (Text("S1 1"),), "s1-1"),
            Quote((Paragraph((Text("We act."),)),), (Text("Dr. Lee. Of WMO"),)),
            Figure("a.png", "A drop. Of water."),
            Figure("b.png", "", decorative=True),
            Table((), (((Text("Rhône"),), (Text("813 km"),)), ((), ())), ()),
            CodeBlock("print(1)"),
        ),
    )
    marked = mark(doc)
    assert header_ids(marked) == ("title-2", "dateline")
    assert [s.id for s in query(marked, Sentence)] == ["s0-1", "s1-1-2", "s1-2", "s2-1", "s3-1", "s3-2"]
    # The attribution is one sentence, whatever its full stops; an image without caption and a table row are one.
    assert plain_text(query(marked, Sentence)[-1]) == "Dr. Lee. Of WMO"
    assert [f.sentence_id for f in query(marked, Figure)] == ["s4-1", ""]
    assert query(marked, Table)[0].row_sentence_ids == ("s6-1", "")
    assert query(marked, CodeBlock)[0].sentence_id == "s7-1"
    assert is_marked(marked) and not is_marked(doc)
    assert unmark(marked) == doc
    assert mark(marked) == marked


def test_a_boundary_inside_an_abbreviation_or_code_joins_the_two_sentences() -> None:
    paragraph = Paragraph((Text("Run "), Code("make. Then"), Text(" wait. Done.")))
    marked = mark(Document(Meta("T"), (paragraph,)))
    assert [plain_text(s) for s in query(marked, Sentence)] == ["Run make. Then wait.", "Done."]
    assert unmark(marked).blocks[0] == paragraph


def test_links_and_emphasis_cut_by_sentences_come_back_whole() -> None:
    paragraph = Paragraph(
        (
            Text("See "),
            Link((Text("the guide. It helps"),), "https://example.org"),
            Text(" a lot. "),
            Emph((Text("Yes."),)),
        )
    )
    marked = mark(Document(Meta("T"), (paragraph,)))
    assert len(query(marked, Link)) == 2 and {link.url for link in query(marked, Link)} == {"https://example.org"}
    assert unmark(marked).blocks[0] == paragraph
    # Two links that meet at a sentence's edge were two links in the source: the marks never merge them.
    twins = Paragraph((Link((Text("One."),), "u"), Link((Text(" Two."),), "u")))
    assert unmark(mark(Document(Meta("T"), (twins,)))).blocks[0] == twins


# Documents the marks never change -------------------------------------------------

TEXT = st.text(alphabet="ab .,?!“”[]1AB\n", min_size=0, max_size=30)
INLINE = st.recursive(
    st.builds(Text, TEXT) | st.builds(Abbr, st.sampled_from(["U.S.", "UN", "WMO"]), st.just("x")),
    lambda inner: (
        st.builds(lambda c: Emph(tuple(c)), st.lists(inner, min_size=1, max_size=3))
        | st.builds(lambda c: Quoted(tuple(c)), st.lists(inner, min_size=1, max_size=3))
        | st.builds(lambda c: Link(tuple(c), "u"), st.lists(inner, min_size=1, max_size=3))
    ),
    max_leaves=8,
)


def _as_a_reader_makes_it(content: tuple) -> tuple:
    """Adjacent texts merged and empty ones dropped, at every level, as every reader does."""
    result: list = []
    for node in content:
        if isinstance(node, Emph | Quoted | Link):
            node = type(node)(_as_a_reader_makes_it(node.content), *([node.url] if isinstance(node, Link) else []))
        if isinstance(node, Text) and not node.text:
            continue
        if isinstance(node, Text) and result and isinstance(result[-1], Text):
            result[-1] = Text(result[-1].text + node.text)
        else:
            result.append(node)
    return tuple(result)


@settings(max_examples=300, deadline=None)
@given(st.lists(INLINE, max_size=6))
def test_marks_come_off_exactly_and_keep_the_text(content: list) -> None:
    paragraph = Paragraph(_as_a_reader_makes_it(tuple(content)))
    doc = Document(Meta("T"), (paragraph,))
    marked = mark(doc)
    assert unmark(marked) == doc
    assert plain_text(marked) == plain_text(doc)
    found = query(marked, Sentence)
    assert len({s.id for s in found}) == len(found)
    # Each mark is one sentence of the splitter, or (where a leaf stood in the way) several joined.
    joined = " ".join(plain_text(s) for s in found).split()
    assert joined == " ".join(sentences(plain_text(doc))).split()


def _corpus() -> list[Path]:
    folders = (ROOT / "seeds", ROOT / "tests" / "articles")
    return sorted(p for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html"))


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_real_documents_are_marked_as_the_splitter_splits_them(path: Path) -> None:
    doc = convert.read(path)
    assert is_marked(doc)
    plain = unmark(doc)
    assert mark(plain) == doc
    assert plain_text(plain) == plain_text(doc)
    for block in doc.blocks:
        for node in query(block, Paragraph):
            texts = [plain_text(s).rstrip() for s in node.content if isinstance(s, Sentence)]
            assert texts == sentences(plain_text(node)), plain_text(node)[:60]


def test_edition_transforms_never_see_sentence_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Document] = []

    def shout(doc: Document) -> Document:
        seen.append(doc)
        return Document(doc.meta, (*doc.blocks, Paragraph((Text("Added here. And here."),))))

    monkeypatch.setitem(convert.EDITIONS, "loud", f"{__name__}:_shout")
    monkeypatch.setattr(f"{__name__}._shout", shout, raising=False)
    doc = convert.read(ROOT / "seeds" / "icat-child-trafficking-briefing.txt")
    loud = convert.edition(doc, "loud")
    assert seen == [unmark(doc)] and not is_marked(seen[0])
    assert [plain_text(s) for s in query(loud.blocks[-1], Sentence)] == ["Added here.", "And here."]
    assert loud.blocks[-1].content[0].id == f"s{len(doc.blocks)}-1"


def _shout(doc: Document) -> Document:  # replaced in the test above
    return doc


def test_list_items_and_nested_blocks_count_in_their_top_level_block() -> None:
    doc = mark(
        Document(
            Meta("T"),
            (
                List(
                    (
                        ListItem((Paragraph((Text("One. Two."),)),)),
                        ListItem((Paragraph((Text("Three."),)), List((ListItem((Paragraph((Text("Four."),)),)),)))),
                    )
                ),
            ),
        )
    )
    assert [s.id for s in query(doc, Sentence)] == ["s0-1", "s0-2", "s0-3", "s0-4"]
    assert marks.TITLE_ID == "title" and marks.DATELINE_ID == "dateline"
