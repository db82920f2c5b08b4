"""The Markdown reader: every construct into the model, front matter, footnotes, raw HTML sanitised."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import convert
from convert.errors import ConvertWarning, InputError
from convert.model import (
    Abbr,
    Aside,
    Break,
    Code,
    CodeBlock,
    Emph,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Span,
    Strong,
    Table,
    Text,
)
from convert.readers.markdown import read
from convert.transforms.prepare import prepare
from convert.transforms.sentences import unmark
from convert.walk import plain_text, query

DATA = Path(__file__).parent / "data"


def md(text: str) -> convert.Document:
    return prepare(read(text))


def test_seed_written_as_markdown_reads_like_the_seed(seed_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert convert.read(DATA / "icat-child-trafficking-briefing.md") == convert.read(seed_path)


def test_registered_by_extension_and_by_name(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("# Title\n\nSome *emphasis* here.\n", encoding="utf-8")
    doc = unmark(convert.read(source, format="markdown"))
    assert doc.meta.title == "Title"
    assert doc.blocks == (Paragraph((Text("Some "), Emph((Text("emphasis"),)), Text(" here."))),)
    for suffix in (".md", ".markdown"):
        assert convert.registry.reader_for(Path(f"a{suffix}")).name == "markdown"


def test_front_matter_fills_meta() -> None:
    doc = md(
        "---\ntitle: The Report\nlang: fr\nauthor: [Ann Lee, Bo Ma]\ndate: 2024-10-17\n"
        "description: A short summary.\n---\n\n# The Report\n\nTexte.\n"
    )
    meta = doc.meta
    assert (meta.title, meta.lang, meta.authors, meta.date, meta.description) == (
        "The Report",
        "fr",
        ("Ann Lee", "Bo Ma"),
        "2024-10-17",
        "A short summary.",
    )
    # The heading repeating the title is the title, not a section.
    assert doc.blocks == (Paragraph((Text("Texte."),)),)


def test_front_matter_title_differing_from_first_heading_keeps_the_heading() -> None:
    doc = md("---\ntitle: Given\n---\n# Chapter one\n\nText.\n")
    assert doc.meta.title == "Given"
    assert doc.blocks[0] == Heading(1, (Text("Chapter one"),), "chapter-one")


def test_first_level_one_heading_is_the_title_without_front_matter() -> None:
    doc = md("Intro.\n\n# The Title\n\n## Part\n\nText.\n")
    assert doc.meta.title == "The Title"
    assert [type(b) for b in doc.blocks] == [Paragraph, Heading, Paragraph]


def test_bad_front_matter_is_an_input_error_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text("---\ntitle: ok\nauthor: [unclosed\n---\n# T\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        convert.read(source)
    assert caught.value.path == source and caught.value.line is not None and caught.value.line >= 3
    assert "front matter" in str(caught.value)


def test_inlines() -> None:
    doc = md("# T\n\nA *b* **c** `d()` [e](https://example.org/x) f  \ng\n")
    assert doc.blocks == (
        Paragraph(
            (
                Text("A "),
                Emph((Text("b"),)),
                Text(" "),
                Strong((Text("c"),)),
                Text(" "),
                Code("d()"),
                Text(" "),
                Link((Text("e"),), "https://example.org/x"),
                Text(" f"),
                Break(),
                Text("g"),
            )
        ),
    )


def test_soft_line_breaks_join_lines_with_a_space() -> None:
    doc = md("# T\n\none\ntwo\nthree\n")
    assert doc.blocks == (Paragraph((Text("one two three"),)),)


def test_code_block_keeps_text_and_language() -> None:
    doc = md("# T\n\n```python\nif x:\n    y()\n```\n\n    indented\n")
    assert doc.blocks == (CodeBlock("if x:\n    y()", "python"), CodeBlock("indented"))


def test_lists_nested_ordered_with_start() -> None:
    doc = md("# T\n\n3. three\n4. four\n   - sub a\n   - sub b\n\n- x\n")
    first, second = doc.blocks
    assert first.ordered and first.start == 3
    assert first.items[1] == ListItem(
        (
            Paragraph((Text("four"),)),
            List((ListItem((Paragraph((Text("sub a"),)),)), ListItem((Paragraph((Text("sub b"),)),)))),
        )
    )
    assert second == List((ListItem((Paragraph((Text("x"),)),)),))


def test_block_quote_rule_and_headings() -> None:
    doc = md("# T\n\n## Part\n\n> quoted\n> text\n\n---\n\n### Sub\n")
    assert doc.blocks == (
        Heading(2, (Text("Part"),), "part"),
        Quote((Paragraph((Text("quoted text"),)),)),
        Rule(),
        Heading(3, (Text("Sub"),), "sub"),
    )


def test_table_with_header_row() -> None:
    doc = md("# T\n\n| Name | Age |\n|------|----:|\n| *Ann* | 7 |\n| Bo | 9 |\n")
    assert doc.blocks == (
        Table(
            head=(((Text("Name"),), (Text("Age"),)),),
            rows=(((Emph((Text("Ann"),)),), (Text("7"),)), ((Text("Bo"),), (Text("9"),))),
        ),
    )


def test_images_keep_alt_and_title_caption_and_missing_alt_is_reported() -> None:
    with pytest.warns(ConvertWarning, match="'nodesc.png' has no text alternative"):
        doc = md('# T\n\n![A red kite](kite.png "The kite in flight")\n\n![](nodesc.png)\n')
    assert doc.blocks == (
        Figure("kite.png", "A red kite", (Text("The kite in flight"),)),
        Figure("nodesc.png", ""),
    )
    assert not doc.blocks[1].decorative


def test_footnotes_become_a_notes_section_with_links_back() -> None:
    doc = md(
        "# T\n\n## Part one\n\nClaim[^a] and again[^a].\n\n## Part two\n\nOther[^b].\n\n"
        "[^a]: Source A.\n[^b]: Source B.\n"
    )
    *body, notes = doc.blocks
    assert body[1] == Paragraph(
        (
            Text("Claim"),
            Link((Text("[1]"),), "#notes"),
            Text(" and again"),
            Link((Text("[1]"),), "#notes"),
            Text("."),
        )
    )
    assert isinstance(notes, Aside) and notes.kind == "notes"
    heading, items = notes.blocks
    assert heading == Heading(2, (Text("Notes"),), "notes")
    assert items.ordered and len(items.items) == 2
    note_a = items.items[0].blocks[0].content
    assert note_a[0] == Text("Source A. ")
    assert [n.url for n in note_a if isinstance(n, Link)] == ["#part-one", "#part-one"]
    assert plain_text(items.items[1]) == "Source B. Back to the text"
    assert query(items.items[1], Link)[0].url == "#part-two"


def test_notes_heading_in_the_document_language() -> None:
    doc = md("---\nlang: fr\n---\n# T\n\n## Partie\n\nTexte[^1].\n\n[^1]: Une note.\n")
    assert doc.blocks[-1].blocks[0].content == (Text("Notes"),)
    assert "Retour au texte" in plain_text(doc.blocks[-1])


def test_raw_html_goes_through_the_html_sanitiser() -> None:
    doc = md(
        '# T\n\nSay <span lang="fr">bonjour</span> to <abbr title="World Health Organization">WHO</abbr>'
        '<script>alert(1)</script> <a href="javascript:alert(2)">now</a>.\n\n'
        '<div onclick="x()"><iframe src="https://example.org"></iframe><p>Kept.</p></div>\n'
    )
    assert doc.blocks == (
        Paragraph(
            (
                Text("Say "),
                Span((Text("bonjour"),), "fr"),
                Text(" to "),
                Abbr("WHO", "World Health Organization"),
                Text(" now."),
            )
        ),
        Paragraph((Text("Kept."),)),
    )


def test_language_detected_when_not_given_and_overridden_by_lang(tmp_path: Path) -> None:
    source = tmp_path / "fr.md"
    source.write_text(
        "# Le rapport\n\nLe gouvernement a annoncé hier une nouvelle réforme des retraites qui suscite la colère.\n",
        encoding="utf-8",
    )
    assert convert.read(source).meta.lang == "fr"
    assert convert.read(source, lang="de").meta.lang == "de"


def test_deep_nesting_beyond_the_limit_is_reported_not_a_crash() -> None:
    with pytest.warns(ConvertWarning, match="nested more than"):
        doc = md("# T\n\n" + "> " * 1000 + "deep\n\nafter\n")
    assert doc.blocks[-1] == Paragraph((Text("after"),))


def test_empty_markdown_is_an_input_error(tmp_path: Path) -> None:
    source = tmp_path / "empty.md"
    source.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty") as caught:
        convert.read(source)
    assert caught.value.path == source
    with pytest.raises(InputError):
        read("   \n\n")
