"""The loose plain-text reader: the seed's exact structure, and variants of the format."""

from __future__ import annotations

import pprint

import pytest

import convert
from convert.model import Abbr, Document, Heading, List, ListItem, Paragraph, Quoted, Text
from convert.readers.text import long_form, read
from convert.transforms.sentences import unmark
from convert.walk import plain_text, query
from tests.conftest import check_golden

SEED_HEADINGS = [
    "Year 2024 in Focus",
    "Responses must match the multifaceted nature of trafficking",
    "Survivor engagement is smart",
    "Child trafficking: serious and widespread violation of children's rights",
    "Field outreach",
]
SEED_ABBREVIATIONS = (
    ("ICAT", "Inter-Agency Coordination Group against Trafficking in Persons"),
    ("IOM", "International Organization for Migration"),
    ("UNODC", "United Nations Office on Drugs and Crime"),
    ("OSCE", "Organization for Security and Cooperation in Europe"),
)


@pytest.fixture(scope="module")
def seed() -> Document:
    from tests.conftest import SEED

    return convert.read(SEED)


def test_seed_whole_document_matches_golden(seed: Document) -> None:
    # The reader's document, as read() gives it before the sentences transform marks it.
    check_golden("seed-document.txt", pprint.pformat(unmark(seed), width=120) + "\n")


def test_seed_meta(seed: Document) -> None:
    assert seed.meta.title.startswith("ICAT highlights child trafficking")
    assert seed.meta.dateline == "Vienna"
    assert seed.meta.lang == "en"
    assert seed.meta.abbreviations == SEED_ABBREVIATIONS


def test_seed_headings_in_order(seed: Document) -> None:
    headings = query(seed, Heading)
    assert [plain_text(h) for h in headings] == SEED_HEADINGS
    assert {h.level for h in headings} == {2}
    assert len({h.id for h in headings}) == 5


def test_seed_has_one_three_item_list_after_the_colon_line(seed: Document) -> None:
    lists = [b for b in seed.blocks if isinstance(b, List)]
    assert len(lists) == 1
    position = seed.blocks.index(lists[0])
    assert plain_text(seed.blocks[position - 1]).endswith("these being:")
    assert len(lists[0].items) == 3 and not lists[0].ordered
    assert plain_text(lists[0].items[0]).startswith("fostering multi-stakeholder partnerships")


def test_seed_paragraph_per_line(seed: Document) -> None:
    source_lines = [line for line in open_seed_lines() if line]
    # title and dateline are metadata; 5 headings, the list intro, 3 bullets and the rest are paragraphs.
    paragraphs = [b for b in seed.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == len(source_lines) - 2 - 5 - 3


def open_seed_lines() -> list[str]:
    from tests.conftest import SEED

    return SEED.read_text(encoding="utf-8").splitlines()


def test_seed_quotations_are_quoted_inlines(seed: Document) -> None:
    quotes = query(seed, Quoted)
    assert len(quotes) == 7
    assert plain_text(quotes[0]).startswith("“Child protection is a cross-cutting theme")
    for quote in quotes:
        assert "“" not in plain_text(quote.content) and "”" not in plain_text(quote.content)


def test_seed_later_uses_of_abbreviations_are_abbr(seed: Document) -> None:
    uses = query(seed, Abbr)
    assert {a.text for a in uses} == {"ICAT"}  # IOM, UNODC and OSCE are defined but never used again
    assert all(a.expansion == SEED_ABBREVIATIONS[0][1] for a in uses)
    first_paragraph = seed.blocks[0]
    assert isinstance(first_paragraph, Paragraph)
    assert not query(first_paragraph, Abbr), "the defining occurrence stays as written"


def test_seed_text_is_preserved_word_for_word(seed: Document) -> None:
    source = " ".join(line.removeprefix("- ") for line in open_seed_lines()[2:])
    assert " ".join(plain_text(seed).split()) == " ".join(source.split())


# Variants of the format ------------------------------------------------------------


def test_blank_line_paragraphs_and_hard_wrapping() -> None:
    doc = read(
        "A title\n\nFirst paragraph that runs on\nover two lines.\n\n"
        "Background\n\nSecond paragraph, also\nwrapped here.\n"
    )
    assert doc.blocks == (
        Paragraph((Text("First paragraph that runs on over two lines."),)),
        Heading(2, (Text("Background"),)),
        Paragraph((Text("Second paragraph, also wrapped here."),)),
    )


def test_blank_line_paragraphs_one_per_block_without_wrapping() -> None:
    doc = read("Title\n\nOne sentence here.\n\nAnother one.\n")
    assert [plain_text(b) for b in doc.blocks] == ["One sentence here.", "Another one."]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends(newline: str) -> None:
    text = newline.join(["Title", "Paris", "First paragraph.", "Section two", "Second paragraph."])
    doc = read(text)
    assert doc.meta.dateline == "Paris"
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Heading", "Paragraph"]


def test_bom_and_tabs() -> None:
    doc = read("\ufeffTitle\n\tIndented\tparagraph text here.\n")
    assert doc.meta.title == "Title"
    assert doc.blocks == (Paragraph((Text("Indented paragraph text here."),)),)


@pytest.mark.parametrize("marker", ["-", "*", "•", "–"])
def test_bullet_markers(marker: str) -> None:
    doc = read(f"Title\nIntro sentence.\n{marker} one\n{marker} two\n{marker} three\nAfter.\n")
    lists = query(doc, List)
    assert len(lists) == 1 and not lists[0].ordered
    assert [plain_text(i) for i in lists[0].items] == ["one", "two", "three"]


@pytest.mark.parametrize("style", ["{}.", "{})"])
def test_numbered_items(style: str) -> None:
    lines = [f"{style.format(n)} item {n}" for n in (3, 4, 5)]
    doc = read("Title\nIntro sentence.\n" + "\n".join(lines) + "\n")
    (numbered,) = query(doc, List)
    assert numbered.ordered and numbered.start == 3
    assert [plain_text(i) for i in numbered.items] == ["item 3", "item 4", "item 5"]


def test_nested_bullets() -> None:
    doc = read("Title\nIntro.\n- outer one\n  - inner a\n  - inner b\n- outer two\n")
    (outer,) = [b for b in doc.blocks if isinstance(b, List)]
    assert len(outer.items) == 2
    inner = outer.items[0].blocks[1]
    assert isinstance(inner, List) and [plain_text(i) for i in inner.items] == ["inner a", "inner b"]


def test_unmarked_series_after_colon_becomes_a_list() -> None:
    doc = read("Title\nThe plan has three parts:\nprevention;\nprotection; and\nprosecution.\nThen a paragraph.\n")
    assert isinstance(doc.blocks[1], List)
    assert [plain_text(i) for i in doc.blocks[1].items] == ["prevention;", "protection; and", "prosecution."]


@pytest.mark.parametrize("underline", ["=====", "-----"])
def test_underlined_title(underline: str) -> None:
    doc = read(f"The Title\n{underline}\n\nBody text here.\n")
    assert doc.meta.title == "The Title"
    assert doc.blocks == (Paragraph((Text("Body text here."),)),)


def test_dateline_with_date_on_its_own_line() -> None:
    doc = read("Title\nGENEVA, 3 March 2025 –\nThe agency said something today.\n")
    assert (doc.meta.dateline, doc.meta.date) == ("GENEVA", "3 March 2025")
    assert plain_text(doc.blocks[0]) == "The agency said something today."


def test_dateline_with_date_leading_the_first_paragraph() -> None:
    doc = read("Title\nGENEVA, 3 March 2025 – The agency said something today.\nMore.\n")
    assert (doc.meta.dateline, doc.meta.date) == ("GENEVA", "3 March 2025")
    assert plain_text(doc.blocks[0]) == "The agency said something today."


def test_section_word_after_title_is_a_heading_not_a_dateline() -> None:
    doc = read("Title\nIntroduction\nSome text follows here.\n")
    assert doc.meta.dateline == ""
    assert isinstance(doc.blocks[0], Heading)


def test_abbreviation_definition_and_later_use() -> None:
    doc = read("Title\nThe World Health Organization (WHO) met.\nThe WHO’s plan and WHOLE words.\n")
    assert doc.meta.abbreviations == (("WHO", "World Health Organization"),)
    second = doc.blocks[1]
    assert second.content == (
        Text("The "),
        Abbr("WHO", "World Health Organization"),
        Text("’s plan and WHOLE words."),
    )


def test_parenthesis_that_is_not_an_abbreviation_stays_text() -> None:
    doc = read("Title\nThe figure (ABC) was high.\n")
    assert doc.meta.abbreviations == ()
    assert plain_text(doc.blocks[0]) == "The figure (ABC) was high."


@pytest.mark.parametrize(
    ("short", "before", "expected"),
    [
        ("IOM", "the International Organization for Migration", "International Organization for Migration"),
        (
            "OSCE",
            "at the Organization for Security and Cooperation in Europe",
            "Organization for Security and Cooperation in Europe",
        ),
        ("XYZ", "nothing that matches here", ""),
    ],
)
def test_long_form(short: str, before: str, expected: str) -> None:
    assert long_form(short, before) == expected


def test_straight_quotes_are_quoted_speech() -> None:
    doc = read('Title\n"We will act," she said.\n')
    assert doc.blocks[0].content == (Quoted((Text("We will act,"),)), Text(" she said."))


def test_structure_is_found_by_shape_on_another_article() -> None:
    text = (
        "Agency warns of rising floods in the region\n"
        "NAIROBI, 12 May 2025 – The regional office said on Monday that rivers had risen sharply.\n"
        "Thousands displaced\n"
        "More than 20,000 people have left their homes, the office said.\n"
        "Aid priorities\n"
        "The response focuses on:\n"
        "• clean water\n"
        "• shelter\n"
        "• health care\n"
        "“We need funding now,” said Ms. Jane Doe, the coordinator.\n"
    )
    doc = read(text)
    assert doc.meta.dateline == "NAIROBI" and doc.meta.date == "12 May 2025"
    assert [plain_text(h) for h in query(doc, Heading)] == ["Thousands displaced", "Aid priorities"]
    (bullets,) = query(doc, List)
    assert len(bullets.items) == 3
    assert isinstance(bullets.items[0], ListItem)
    assert len(query(doc, Quoted)) == 1
