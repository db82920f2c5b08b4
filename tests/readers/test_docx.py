"""The Word reader: structure from Word's styles and numbering, what the model cannot hold, and hostile packages.

Packages here are python-docx's template (styles and numbering Word itself wrote) with bodies made by each test;
the round trip, LibreOffice and pandoc tests live in test_docx_producers.py.
"""

from __future__ import annotations

import base64
import io
import warnings
import zipfile
from pathlib import Path

import pytest

import convert
from convert.errors import InputError
from convert.model import (
    Aside,
    Break,
    Code,
    CodeBlock,
    Document,
    Emph,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Paragraph,
    Quote,
    Quoted,
    Rule,
    Span,
    Strong,
    Table,
    Text,
)
from convert.transforms.sentences import unmark
from convert.walk import plain_text, query
from tests.readers.wordfiles import (
    PNG,
    External,
    Part,
    image_part,
    inline_picture,
    notes_part,
    numbered,
    p,
    r,
    word_file,
    xml,
)

ENGLISH = "This paragraph is written in plain English so that the language of the text is clear to anyone."


def read(path: Path) -> tuple[Document, list[str]]:
    """The document and the warnings reading it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = unmark(convert.read(path))  # the reader's document, without the sentence marks read() adds
    return doc, [str(item.message) for item in caught]


def body_of(tmp_path: Path, body: str, **options: object) -> tuple[Document, list[str]]:
    return read(word_file(tmp_path / "test.docx", body, **options))  # type: ignore[arg-type]


def texts(doc: Document) -> list[str]:
    return [plain_text(block) for block in doc.blocks]


# Title and metadata ---------------------------------------------------------------------


def test_title_subtitle_from_styles_and_the_core_properties(tmp_path: Path) -> None:
    doc, _ = body_of(
        tmp_path,
        p("Annual report", style="Title") + p("Twenty twenty-four", style="Subtitle") + p(ENGLISH),
        core={
            "title": "Old template title",
            "creator": "Ann Lee; Bo Ma",
            "description": "In short.",
            "identifier": "https://example.org/r",
        },
    )
    meta = doc.meta
    assert (meta.title, meta.subtitle, meta.authors) == ("Annual report", "Twenty twenty-four", ("Ann Lee", "Bo Ma"))
    assert (meta.description, meta.source) == ("In short.", "https://example.org/r")
    assert texts(doc) == [ENGLISH]


def test_title_from_core_properties_then_first_heading_then_file_name(tmp_path: Path) -> None:
    doc, _ = body_of(tmp_path, p("Intro", style="Heading1") + p(ENGLISH), core={"title": "From the properties"})
    assert doc.meta.title == "From the properties"
    assert texts(doc) == ["Intro", ENGLISH]
    doc, _ = body_of(tmp_path, p("The real title", style="Heading1") + p(ENGLISH))
    assert doc.meta.title == "The real title"
    assert texts(doc) == [ENGLISH]
    doc, _ = body_of(tmp_path, p(ENGLISH))
    assert doc.meta.title == "test"


def test_pandoc_metadata_styles_and_the_byline_the_core_properties_confirm(tmp_path: Path) -> None:
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{name}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/></w:style>'
        for name in ("Author", "Date", "Abstract")
    )
    doc, _ = body_of(
        tmp_path,
        p("T", style="Title") + p("Ann Lee", style="Author") + p("3 March 2025", style="Date")
        + p("What it is about.", style="Abstract") + p(ENGLISH),
        styles=styles,
    )  # fmt: skip
    assert (doc.meta.authors, doc.meta.date, doc.meta.description) == (
        ("Ann Lee",),
        "3 March 2025",
        "What it is about.",
    )
    doc, _ = body_of(
        tmp_path, p("T", style="Title") + p("Ann Lee, Bo Ma") + p(ENGLISH), core={"creator": "Ann Lee;Bo Ma"}
    )
    assert texts(doc) == [ENGLISH]


# Headings ---------------------------------------------------------------------------------


def test_headings_from_styles_styles_based_on_them_and_outline_levels(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="Chapter"/>'
        '<w:basedOn w:val="Heading2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Big"><w:name w:val="Big"/><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:b/><w:sz w:val="48"/></w:rPr></w:style>'
    )
    doc, _ = body_of(
        tmp_path,
        p("T", style="Title")
        + p("One", style="Heading1")
        + p("Two", style="Chapter")
        + p("Three", props='<w:outlineLvl w:val="2"/>')
        + p("Four", style="Heading4")
        + p("Five", style="Heading5")
        + p("Seven", style="Heading7")
        + p("Looks big", style="Big")
        + p("Bold words", runs="")
        + p("", runs=r("Only bold", "<w:b/>"))
        + p("Contents", style="TOCHeading")
        + p("Not a heading", style="Heading1", props='<w:outlineLvl w:val="9"/>'),
        styles=styles,
    )
    headings = [(b.level, plain_text(b)) for b in doc.blocks if isinstance(b, Heading)]
    # Heading 7 counts as 6; the levels run without a skip, so the prepare step's repair does not change them.
    assert headings == [(1, "One"), (2, "Two"), (3, "Three"), (4, "Four"), (5, "Five"), (6, "Seven")]
    assert Paragraph((Strong((Text("Only bold"),)),)) in doc.blocks
    assert Paragraph((Text("Looks big"),)) in doc.blocks  # a big bold style is not a heading
    assert "Contents" not in texts(doc)  # the table of contents' heading goes with the contents


# Lists ------------------------------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>'
    + "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/><w:lvlText w:val="{text}"/>'
        f'<w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for level, (kind, text) in enumerate([("decimal", "%1."), ("bullet", "•"), ("lowerLetter", "%3)")])
    )
    + '</w:abstractNum><w:abstractNum w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '</w:abstractNum><w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
    '<w:num w:numId="92"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
    "</w:lvlOverride></w:num>"
)


def test_lists_kinds_nesting_continuation_and_restarts(tmp_path: Path) -> None:
    doc, _ = body_of(
        tmp_path,
        numbered("one", 90)
        + numbered("a bullet inside", 90, 1)
        + numbered("deeper", 90, 2)
        + numbered("two", 90)
        + p("more of two", style="ListParagraph", props='<w:ind w:left="720"/>')
        + p("An interruption.")
        + numbered("three, continuing", 90)
        + numbered("again from one", 92)
        + p("")  # an empty paragraph between items does not end a list
        + numbered("second", 92)
        + numbered("plain bullet", 91),
        numbering=NUMBERING,
    )
    deeper = List((ListItem((Paragraph((Text("deeper"),)),)),), ordered=True)
    inside = List((ListItem((Paragraph((Text("a bullet inside"),)), deeper)),))
    assert doc.blocks[0] == List(
        (
            ListItem((Paragraph((Text("one"),)), inside)),
            ListItem((Paragraph((Text("two"),)), Paragraph((Text("more of two"),)))),
        ),
        ordered=True,
    )
    assert doc.blocks[1] == Paragraph((Text("An interruption."),))
    assert doc.blocks[2] == List((ListItem((Paragraph((Text("three, continuing"),)),)),), ordered=True, start=3)
    again = doc.blocks[3]
    assert isinstance(again, List) and (again.ordered, again.start, len(again.items)) == (True, 1, 2)
    assert doc.blocks[4] == List((ListItem((Paragraph((Text("plain bullet"),)),)),))


def test_list_styles_number_their_paragraphs(tmp_path: Path) -> None:
    doc, _ = body_of(tmp_path, p("first", style="ListBullet") + p("second", style="ListBullet") + p(ENGLISH))
    assert doc.blocks[0] == List((ListItem((Paragraph((Text("first"),)),)), ListItem((Paragraph((Text("second"),)),))))
    numbers = [b for b in body_of(tmp_path, p("a", style="ListNumber") + p("b", style="ListNumber"))[0].blocks]
    assert isinstance(numbers[0], List) and numbers[0].ordered


# Tables -----------------------------------------------------------------------------------


def cell(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or p()}</w:tc>"


def row(*cells: str, header: bool = False) -> str:
    return f"<w:tr>{'<w:trPr><w:tblHeader/></w:trPr>' if header else ''}{''.join(cells)}</w:tr>"


def test_tables_header_rows_merged_cells_and_captions(tmp_path: Path) -> None:
    table = (
        '<w:tbl><w:tblPr><w:tblCaption w:val="Alt title"/></w:tblPr>'
        + row(cell(p("Region")), cell(p("Cases"), '<w:gridSpan w:val="2"/>'), header=True)
        + row(cell(p("North"), '<w:vMerge w:val="restart"/>'), cell(p("10")), cell(p("rising")))
        + row(cell("", "<w:vMerge/>"), cell(p("12") + p("second line")), cell(p("")))
        + "</w:tbl>"
    )
    doc, warned = body_of(tmp_path, p("Cases by region", style="Caption") + table + p(ENGLISH))
    assert doc.blocks[0] == Table(
        head=(((Text("Region"),), (Text("Cases"),), ()),),
        rows=(
            ((Text("North"),), (Text("10"),), (Text("rising"),)),
            ((), (Text("12"), Break(), Text("second line")), ()),
        ),
        caption=(Text("Cases by region"),),
    )
    assert not any("header row" in w for w in warned)
    doc, warned = body_of(tmp_path, "<w:tbl>" + row(cell(p("a")), cell(p("b"))) + "</w:tbl>" + p(ENGLISH))
    assert doc.blocks[0] == Table((), (((Text("a"),), (Text("b"),)),))
    assert any("1 of 1 tables have no header row" in w for w in warned)


def test_a_one_cell_table_is_a_layout_box_read_in_place(tmp_path: Path) -> None:
    inner = p("Inside", style="Heading2") + numbered("item", 91)
    doc, _ = body_of(tmp_path, p(ENGLISH) + "<w:tbl>" + row(cell(inner)) + "</w:tbl>", numbering=NUMBERING)
    assert doc.blocks[1:] == (
        Heading(2, (Text("Inside"),), "inside"),
        List((ListItem((Paragraph((Text("item"),)),)),)),
    )


# Inlines: emphasis, code, links, languages ---------------------------------------------------


def test_emphasis_strong_and_code_from_direct_formatting_and_character_styles(tmp_path: Path) -> None:
    runs = (
        r("Plain, ")
        + r("stressed", "<w:i/>")
        + r(", ")
        + r("bold ", "<w:b/>")
        + r("and both", "<w:b/><w:i/>")
        + r(", not bold, ", '<w:b w:val="0"/>')
        + r("styled", '<w:rStyle w:val="Emphasis"/>')
        + r(" and ")
        + r("strong", '<w:rStyle w:val="Strong"/>')
        + r(" and ")
        + r("x = 1", '<w:rStyle w:val="VerbatimChar"/>')
        + r(".")
    )
    styles = '<w:style w:type="character" w:styleId="VerbatimChar"><w:name w:val="Verbatim Char"/></w:style>'
    doc, _ = body_of(tmp_path, p(runs=runs), styles=styles)
    assert doc.blocks[0] == Paragraph(
        (
            Text("Plain, "),
            Emph((Text("stressed"),)),
            Text(", "),
            Strong((Text("bold "), Emph((Text("and both"),)))),
            Text(", not bold, "),
            Emph((Text("styled"),)),
            Text(" and "),
            Strong((Text("strong"),)),
            Text(" and "),
            Code("x = 1"),
            Text("."),
        )
    )


def test_links_external_internal_fields_and_unsafe(tmp_path: Path) -> None:
    body = (
        p("Links", style="Title")
        + p("Intro", style="Heading1")
        + p(
            runs='<w:hyperlink r:id="rIdLink">' + r("the site") + "</w:hyperlink>"
            + r(", ")
            + '<w:hyperlink w:anchor="_Toc1">' + r("methods") + "</w:hyperlink>"
            + r(", ")
            + '<w:hyperlink w:anchor="figure_3">' + r("the figure") + "</w:hyperlink>"
            + r(", ")
            + '<w:hyperlink r:id="rIdBad">' + r("bad") + "</w:hyperlink>"
            + r(", ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
            '"https://example.org/field" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + r("a field link")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + r(", ")
            + '<w:hyperlink w:anchor="nowhere">' + r("lost") + "</w:hyperlink>"
        )
        + '<w:bookmarkStart w:id="1" w:name="_Toc1"/>'
        + p("Methods", style="Heading1")
        + p(ENGLISH, runs='<w:bookmarkStart w:id="2" w:name="figure_3"/><w:bookmarkEnd w:id="2"/>')
    )  # fmt: skip
    external = (
        External("rIdLink", "hyperlink", "https://example.org/"),
        External("rIdBad", "hyperlink", "javascript:alert(1)"),
    )
    doc, _ = body_of(tmp_path, body, external=external)
    assert doc.blocks[1] == Paragraph(
        (
            Link((Text("the site"),), "https://example.org/"),
            Text(", "),
            Link((Text("methods"),), "#methods"),
            Text(", "),
            Link((Text("the figure"),), "#methods"),
            Text(", bad, "),
            Link((Text("a field link"),), "https://example.org/field"),
            Text(", lost"),
        )
    )


def test_languages_of_runs_and_right_to_left_paragraphs(tmp_path: Path) -> None:
    arabic = "مرحبا بالعالم، هذه جملة باللغة العربية"
    body = p(
        runs=r(ENGLISH + " ")
        + r("Bonjour à tous", '<w:lang w:val="fr-FR"/>')
        + r(", ")
        + r("colour", '<w:lang w:val="en-GB"/>')
        + r(", ")
        + r(arabic, "<w:rtl/>")
        + r(".")
    ) + p(props="<w:bidi/>", runs=r("שלום עולם", "<w:rtl/>"))
    doc, _ = body_of(tmp_path, body)
    assert doc.meta.lang == "en-US"
    assert doc.blocks[0] == Paragraph(
        (
            Text(ENGLISH + " "),
            Span((Text("Bonjour à tous"),), "fr-FR"),
            Text(", colour, "),  # a regional variant is not a change of language
            Span((Text(arabic),), "ar-SA"),  # the template's complex-script language, which fits the script
            Text("."),
        )
    )
    assert doc.blocks[1] == Paragraph((Span((Text("שלום עולם"),), "he"),))  # Hebrew letters are not ar-SA's
    hindi_default = word_file(tmp_path / "hi.docx", p(ENGLISH) + p(runs=r(arabic, "<w:rtl/>")))
    with zipfile.ZipFile(hindi_default) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["word/styles.xml"] = members["word/styles.xml"].replace(b'w:bidi="ar-SA"', b'w:bidi="hi-IN"')
    doc, _ = read(zip_of(tmp_path / "hi.docx", members))
    assert doc.blocks[1] == Paragraph((Span((Text(arabic),), "ar"),))  # LibreOffice's default, on Arabic letters


def test_a_default_language_nobody_chose_gives_way_to_the_text(tmp_path: Path) -> None:
    french = "Ceci est un texte écrit en français, pour que la langue du document soit claire pour tout le monde."
    doc, warned = body_of(tmp_path, p(french) + p(runs=r("This is English.", '<w:lang w:val="en-US"/>')))
    assert doc.meta.lang == "fr"
    assert doc.blocks[1] == Paragraph((Span((Text("This is English."),), "en-US"),))
    assert any("says its language is en-US, but its text is in fr" in w for w in warned)
    marked = r(french, '<w:lang w:val="fr-CA"/>')
    doc, warned = body_of(tmp_path, p(runs=marked) + p(runs=marked))
    assert doc.meta.lang == "fr-CA" and not any("language" in w for w in warned)
    doc, _ = body_of(tmp_path, p(french), core={"language": "fr-BE"})
    assert doc.meta.lang == "fr-BE"


# Pictures ---------------------------------------------------------------------------------


def test_pictures_alt_text_decorative_and_captions(tmp_path: Path) -> None:
    body = (
        p(runs=inline_picture("rIdImg", descr="A map of the region"))
        + p("Figure 1: The region", style="Caption")
        + p(runs=inline_picture("rIdImg", descr="", title="Old-style title"))
        + p(runs=inline_picture("rIdImg", decorative=True))
        + p(ENGLISH, runs=inline_picture("rIdImg"))
    )
    doc, warned = body_of(tmp_path, body, parts=(image_part("rIdImg"),))
    src = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert doc.blocks == (
        Figure(src, "A map of the region", (Text("Figure 1: The region"),)),
        Figure(src, "Old-style title"),
        Figure(src, "", decorative=True),
        Paragraph((Text(ENGLISH),)),
        Figure(src, ""),
    )
    assert sum("word/media/image1.png: image without a text alternative" in w for w in warned) == 1


def test_linked_images_are_never_fetched_and_unshowable_formats_keep_their_description(
    tmp_path: Path, no_network: None
) -> None:
    linked = inline_picture("rIdEmbed").replace('r:embed="rIdEmbed"', 'r:link="rIdRemote"')
    emf = b"\x01\x00\x00\x00" + b"\x00" * 36 + b" EMF" + b"\x00" * 40
    body = p(runs=linked) + p(runs=inline_picture("rIdEmf", descr="A diagram")) + p(ENGLISH)
    parts = (image_part("rIdEmf", "image2.bin", emf, "image/x-emf"),)
    doc, warned = body_of(
        tmp_path, body, parts=parts, external=(External("rIdRemote", "image", "http://127.0.0.1:9/x.png"),)
    )
    assert doc.blocks == (Figure("", "A diagram"), Paragraph((Text(ENGLISH),)))
    assert any("linked image 'http://127.0.0.1:9/x.png' is left out" in w for w in warned)
    assert any("word/media/image2.bin: the image is in EMF" in w for w in warned)


def test_bmp_pictures_become_png(tmp_path: Path) -> None:
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (3, 2), (10, 200, 10)).save(data, "BMP")
    doc, _ = body_of(
        tmp_path,
        p(runs=inline_picture("rIdBmp", descr="Green")),
        parts=(image_part("rIdBmp", "image1.bmp", data.getvalue(), "image/bmp"),),
    )
    figure = doc.blocks[0]
    assert isinstance(figure, Figure) and figure.src.startswith("data:image/png;base64,")
    with Image.open(io.BytesIO(base64.b64decode(figure.src.partition(",")[2]))) as image:
        assert image.size == (3, 2)


# Notes, quotes, code, rules ------------------------------------------------------------------


def note_run(kind: str, number: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference w:id="{number}"/></w:r>'


def test_footnotes_and_endnotes_become_the_notes_section_the_markdown_reader_makes(tmp_path: Path) -> None:
    note = lambda text: p(runs="<w:r><w:footnoteRef/></w:r>" + r(" " + text))  # noqa: E731
    body = (
        p("T", style="Title")
        + p("Intro", style="Heading1")
        + p(runs=r("A claim") + note_run("footnote", 1) + r(" and another") + note_run("endnote", 1) + r("."))
        + p("Two", style="Heading1")
        + p(runs=r("More") + note_run("footnote", 2) + r("."))
    )
    parts = (
        notes_part("footnote", {1: note("The first note."), 2: note("Bee.")}),
        notes_part("endnote", {1: note("The end note.")}),
    )
    doc, _ = body_of(tmp_path, body, parts=parts)
    markdown = unmark(
        convert.read(
            "# T\n\n# Intro\n\nA claim[^1] and another[^2].\n\n# Two\n\nMore[^3].\n\n"
            "[^1]: The first note.\n[^2]: The end note.\n[^3]: Bee.\n",
            format="markdown",
        )
    )
    assert doc.blocks == markdown.blocks


def test_quotes_with_attribution_code_blocks_and_rules(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="SourceCode"><w:name w:val="Source Code"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="QuoteAttribution"><w:name w:val="Quote Attribution"/>'
        '<w:basedOn w:val="Quote"/></w:style>'
    )
    body = (
        p("To be or not to be.", style="Quote")
        + p("That is the question.", style="IntenseQuote")
        + p("— Hamlet", style="QuoteAttribution")
        + p("def f():", style="SourceCode")
        + p("", style="SourceCode")
        + p(style="SourceCode", runs=r("    return 1") + "<w:r><w:br/></w:r>" + r("# done"))
        + p(props='<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>')
        + p(ENGLISH)
    )
    doc, _ = body_of(tmp_path, body, styles=styles)
    assert doc.blocks == (
        Quote(
            (Paragraph((Text("To be or not to be."),)), Paragraph((Text("That is the question."),))),
            (Text("Hamlet"),),
        ),
        CodeBlock("def f():\n\n    return 1\n# done"),
        Rule(),
        Paragraph((Text(ENGLISH),)),
    )


def test_quotes_and_code_in_boxes_and_numbered_oddly_are_read_once(tmp_path: Path) -> None:
    sides = "".join(f'<w:{side} w:val="single"/>' for side in ("top", "left", "bottom", "right"))
    box = f"<w:pBdr>{sides}</w:pBdr>"
    styles = '<w:style w:type="paragraph" w:styleId="SourceCode"><w:name w:val="Source Code"/></w:style>'
    odd = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>'  # a list that does not exist
    body = (
        p("T", style="Title")
        + p("Quoted in a box.", style="Quote", props=box)
        + p("x = 1", style="SourceCode", props=box)
        + p("Quoted, numbered nowhere.", style="Quote", props=odd)
        + p(ENGLISH)
    )
    doc, _ = body_of(tmp_path, body, styles=styles)
    assert doc.blocks == (
        Aside("note", (Quote((Paragraph((Text("Quoted in a box."),)),)), CodeBlock("x = 1"))),
        Quote((Paragraph((Text("Quoted, numbered nowhere."),)),)),
        Paragraph((Text(ENGLISH),)),
    )


def test_boxed_paragraphs_are_an_aside(tmp_path: Path) -> None:
    box = (
        '<w:pBdr><w:top w:val="single" w:sz="12" w:space="4" w:color="0B4F9C"/><w:left w:val="single" w:sz="12"'
        ' w:space="4" w:color="0B4F9C"/><w:bottom w:val="single" w:sz="12" w:space="4" w:color="0B4F9C"/>'
        '<w:right w:val="single" w:sz="12" w:space="4" w:color="0B4F9C"/></w:pBdr>'
    )
    body = (
        p("Boxes", style="Title") + p("Key points", style="Heading2", props=box) + p("Boxed.", props=box) + p(ENGLISH)
    )
    doc, _ = body_of(tmp_path, body)
    assert doc.blocks == (
        Aside("key-points", (Heading(2, (Text("Key points"),), "key-points"), Paragraph((Text("Boxed."),)))),
        Paragraph((Text(ENGLISH),)),
    )


# What the model cannot hold --------------------------------------------------------------------


def test_text_boxes_charts_and_smartart_each_reported_once(tmp_path: Path) -> None:
    text_box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="5" name="Text Box 5"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx><w:txbxContent>{p('Inside the box.')}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
        "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        f"{p('Inside the box.')}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    chart = (
        '<w:r><w:drawing><wp:inline><wp:docPr id="6" name="Chart 6" descr="Cases rose from 10 to 12"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdChart"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
    smartart = (
        '<w:r><w:drawing><wp:inline><wp:docPr id="7" name="Diagram 7"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        '<dgm:relIds r:dm="rIdData" r:lo="rIdData" r:qs="rIdData" r:cs="rIdData"/></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
    )
    parts = (
        Part("word/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
             xml("c:chartSpace", ""), "rIdChart", "chart"),
        Part("word/diagrams/data1.xml", "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
             xml("dgm:dataModel", ""), "rIdData", "diagramData"),
    )  # fmt: skip
    body = p("Before the box.", runs=text_box) + p(runs=text_box) + p(runs=chart) + p(runs=smartart) + p(ENGLISH)
    doc, warned = body_of(tmp_path, body, parts=parts)
    assert doc.blocks == (
        Paragraph((Text("Before the box."),)),
        Paragraph((Text("Inside the box."),)),
        Paragraph((Text("Inside the box."),)),
        Figure("", "Cases rose from 10 to 12"),
        Figure("", ""),
        Paragraph((Text(ENGLISH),)),
    )
    assert sum("text boxes are read where they are anchored" in w for w in warned) == 1
    assert any(w.endswith("word/charts/chart1.xml: a chart is read as a figure with its description; the graphic"
                          " itself is left out") for w in warned)  # fmt: skip
    assert any("word/diagrams/data1.xml: a SmartArt graphic has no description" in w for w in warned)


def test_tracked_changes_read_as_accepted_and_comments_dropped(tmp_path: Path) -> None:
    body = (
        p(runs=r("Kept ") + '<w:ins w:id="1" w:author="A">' + r("inserted ") + "</w:ins>"
          + '<w:del w:id="2" w:author="A"><w:r><w:delText>deleted </w:delText></w:r></w:del>'
          + '<w:commentRangeStart w:id="0"/>' + r("text.") + '<w:commentRangeEnd w:id="0"/>'
          + '<w:r><w:commentReference w:id="0"/></w:r>')
        + p("Joined", props='<w:rPr><w:del w:id="3" w:author="A"/></w:rPr>')
        + p("with the next.")
        + '<w:del w:id="4" w:author="A">' + p("Gone.") + "</w:del>"
    )  # fmt: skip
    doc, warned = body_of(tmp_path, body)
    assert texts(doc) == ["Kept inserted text.", "Joined with the next."]
    assert sum("tracked changes are read as if accepted" in w for w in warned) == 1
    assert sum("comments are left out" in w for w in warned) == 1


def test_fields_contents_and_equations(tmp_path: Path) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("7") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    contents = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        f"<w:sdtContent>{p('Contents', style='TOCHeading')}{p('Intro 1', style='TOC1')}</w:sdtContent></w:sdt>"
    )
    equation = (
        "<m:oMath><m:f><m:num><m:r><m:t>a</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f>"
        "<m:r><m:t>+</m:t></m:r><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup>"
        "</m:sSup></m:oMath>"
    )
    doc, warned = body_of(tmp_path, contents + p("On page ", runs=field) + p("So ", runs=equation) + p(ENGLISH))
    assert texts(doc) == ["On page 7", "So (a)/(b)+x^(2)", ENGLISH]
    assert any("fields (PAGE) are read as the text Word last showed" in w for w in warned)
    assert any("the table of contents is left out" in w for w in warned)
    assert any("equations are read as linear text" in w for w in warned)


def test_quoted_speech_and_abbreviations_as_in_every_reader(tmp_path: Path) -> None:
    doc, _ = body_of(
        tmp_path,
        p("The World Health Organization (WHO) said “we are ready”. The WHO agreed."),
    )
    assert doc.meta.abbreviations == (("WHO", "World Health Organization"),)
    assert query(doc, Quoted) == [Quoted((Text("we are ready"),))]


# Hostile and broken packages --------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        convert.read(path)
    assert caught.value.exit_code == 2 and caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")
    return str(caught.value)


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def valid_members(tmp_path: Path) -> dict[str, bytes]:
    source = word_file(tmp_path / "valid.docx", p(ENGLISH))
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_not_a_package(tmp_path: Path) -> None:
    (tmp_path / "text.docx").write_text("just text", encoding="utf-8")
    assert "not a zip package" in refused(tmp_path / "text.docx")
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "Word 97-2003 document (.doc)" in refused(tmp_path / "old.docx")
    (tmp_path / "locked.docx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le")
    )
    assert "password-protected" in refused(tmp_path / "locked.docx")
    (tmp_path / "empty.docx").write_bytes(b"")
    assert "is empty" in refused(tmp_path / "empty.docx")
    members = valid_members(tmp_path)
    whole = (tmp_path / "valid.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(whole[: len(whole) // 2])
    refused(tmp_path / "cut.docx")
    assert "[Content_Types].xml" in refused(zip_of(tmp_path / "bare.docx", {"word/document.xml": b"<x/>"}))
    sheet = dict(members)
    sheet["[Content_Types].xml"] = sheet["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )
    assert "not a Word document: its main part is" in refused(zip_of(tmp_path / "sheet.docx", sheet))
    broken = dict(members)
    broken["word/document.xml"] = b"<w:document><w:body><w:p></w:body>"
    assert "not a readable Word package" in refused(zip_of(tmp_path / "broken.docx", broken))


def test_zip_bombs_and_path_tricks_are_refused(tmp_path: Path) -> None:
    members = valid_members(tmp_path)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open("word/media/huge.png", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(bytes(1024 * 1024))
    assert "unpacks to" in refused(bomb)
    many = dict(members) | {f"word/media/m{n}.png": b"" for n in range(10_001)}
    assert "members" in refused(zip_of(tmp_path / "many.docx", many))
    for name in ("../../evil.xml", "/etc/passwd", "word\\..\\x.xml", "C:/x.xml", "word/../../x.xml"):
        assert "unsafe name" in refused(zip_of(tmp_path / "trick.docx", members | {name: b"x"}))
    with zipfile.ZipFile(tmp_path / "twice.docx", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            archive.writestr("word/document.xml", b"<x/>")
    assert "appears twice" in refused(tmp_path / "twice.docx")


def test_a_member_lying_about_its_size_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    members = valid_members(tmp_path)
    padding = b"<w:p/>" * (10 * 1024 * 1024)  # 60 MB of paragraphs, declared as 1,000 bytes
    document = members["word/document.xml"].replace(b"<w:body>", b"<w:body>" + padding)
    path = zip_of(tmp_path / "liar.docx", members | {"word/document.xml": document})
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    name_at = data.find(b"word/document.xml", central)
    header = name_at - 46  # the central directory entry's fixed part is 46 bytes, its name follows
    assert data[header : header + 4] == b"PK\x01\x02"
    data[header + 24 : header + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert "not a readable Word package" in refused(path)


def test_entities_are_never_expanded_and_nothing_is_fetched(tmp_path: Path, no_network: None) -> None:
    members = valid_members(tmp_path)
    external = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">'
        '<!ENTITY remote SYSTEM "http://127.0.0.1:9/x"><!ENTITY inner "expanded">]>'
        f'<w:document xmlns:w="{NS_W}"><w:body><w:p><w:r><w:t>{ENGLISH} &secret;&remote;&inner;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    rels = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="http://127.0.0.1:9/template.dotx" TargetMode="External"/></Relationships>',
    )
    path = zip_of(
        tmp_path / "hostile.docx", members | {"word/document.xml": external, "word/_rels/document.xml.rels": rels}
    )
    doc, _ = read(path)
    text = plain_text(doc)
    assert ENGLISH in text and "root:" not in text and "expanded" not in text
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    bomb = external.replace(b'<!ENTITY inner "expanded">', f'<!ENTITY l0 "ha">{laughs}'.encode())
    bomb = bomb.replace(b"&inner;", b"&l9;")
    assert "not a readable Word package" in refused(
        zip_of(tmp_path / "laughs.docx", members | {"word/document.xml": bomb})
    )


NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_the_command_line_reads_word_files_and_refuses_broken_ones(tmp_path: Path) -> None:
    from convert.cli import main

    source = word_file(tmp_path / "report.docx", p("Report", style="Title") + p(ENGLISH))
    assert main([str(source), "--to", "html", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    page = (tmp_path / "out" / "report" / "report.html").read_text(encoding="utf-8")
    assert "<h1" in page and ENGLISH in page
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main([str(bad), "--to", "html", "--out", str(tmp_path / "out"), "--quiet"]) == 2


def test_text_is_not_a_word_document() -> None:
    with pytest.raises(convert.UsageError, match="reads files, not text"):
        convert.read("Some text.\nMore text.", format="docx")


# Fuzzing: odd but well-formed WordprocessingML, and damaged packages --------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
VALUES = st.sampled_from(["0", "1", "-1", "2", "9", "99999999999", "x", "", "true", "off", "0.5"])
RUN_PROPERTIES = st.lists(
    st.sampled_from(
        [
            "<w:b/>",
            '<w:b w:val="0"/>',
            "<w:i/>",
            "<w:rtl/>",
            "<w:vanish/>",
            '<w:rStyle w:val="Emphasis"/>',
            '<w:rStyle w:val="Nowhere"/>',
            '<w:lang w:val="fr-FR"/>',
            '<w:lang w:bidi="he-IL" w:val="x-none"/>',
            '<w:lang w:val="&quot;&lt;"/>',
        ]
    ),
    max_size=3,
).map(lambda parts: f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else "")
TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12).map(
    lambda text: text.replace("&", "&amp;").replace("<", "&lt;")
)


@st.composite
def runs(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 11))
    props = draw(RUN_PROPERTIES)
    value = draw(VALUES)
    match kind:
        case 0 | 1 | 2:
            return f'<w:r>{props}<w:t xml:space="preserve">{draw(TEXTS)}</w:t></w:r>'
        case 3:
            return f'<w:r>{props}<w:br/><w:tab/><w:sym w:char="{value}"/></w:r>'
        case 4:
            return f'<w:r><w:fldChar w:fldCharType="{draw(st.sampled_from(["begin", "separate", "end"]))}"/></w:r>'
        case 5:
            instruction = draw(st.sampled_from(["HYPERLINK", "TOC", "PAGE", "HYPERLINK x"]))
            return f"<w:r><w:instrText> {instruction} </w:instrText></w:r>"
        case 6:
            return f'<w:hyperlink w:anchor="{value}" r:id="rId{value}">{draw(runs())}</w:hyperlink>'
        case 7:
            return f'<w:r><w:footnoteReference w:id="{value}"/></w:r>'
        case 8:
            return f'<w:bookmarkStart w:id="{value}" w:name="b{value}"/>'
        case 9:
            return inline_picture(f"rId{value}", descr=draw(TEXTS))
        case 10:
            return f"<w:ins>{draw(runs())}</w:ins><w:del>{draw(runs())}</w:del>"
    return f"<w:sdt><w:sdtContent>{draw(runs())}</w:sdtContent></w:sdt>"


@st.composite
def blocks(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 6 if depth < 2 else 3))
    value = draw(VALUES)
    style = draw(st.sampled_from(["", "Heading1", "Title", "Quote", "Caption", "ListBullet", "TOC1", "Nowhere"]))
    props = draw(
        st.sampled_from(
            [
                "",
                f'<w:numPr><w:ilvl w:val="{value}"/><w:numId w:val="{value}"/></w:numPr>',
                f'<w:outlineLvl w:val="{value}"/>',
                '<w:pBdr><w:top w:val="single"/><w:left w:val="single"/><w:bottom w:val="single"/>'
                '<w:right w:val="single"/></w:pBdr>',
                "<w:rPr><w:del/></w:rPr>",
                f'<w:ind w:left="{value}"/>',
            ]
        )
    )
    if kind <= 3:
        return p(style=style, props=props, runs="".join(draw(st.lists(runs(), max_size=4))))
    if kind == 4:
        cell = f'<w:tcPr><w:gridSpan w:val="{value}"/><w:vMerge/></w:tcPr>'
        inner = "".join(draw(st.lists(blocks(depth + 1), min_size=1, max_size=2)))
        rows = draw(st.integers(1, 3))
        return f"<w:tbl>{f'<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>{cell}{inner}</w:tc></w:tr>' * rows}</w:tbl>"
    if kind == 5:
        inner = "".join(draw(st.lists(blocks(depth + 1), max_size=2)))
        return f"<w:sdt><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    inner = "".join(draw(st.lists(blocks(depth + 1), max_size=2)))
    return p(runs=f"<w:r><w:drawing><wp:inline><wp:docPr id='1' name='x'/><a:graphic><a:graphicData "
             f"uri='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'><wps:wsp><wps:txbx>"
             f"<w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
             "</wp:inline></w:drawing></w:r>")  # fmt: skip


def read_fully(path: Path) -> Document | None:
    """Read and render: any input gives a Document or our InputError, nothing else."""
    from convert.writers.html import render

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = convert.read(path)
        except InputError as error:
            assert str(error).startswith(str(path))
            return None
        render(doc)
    return doc


@FUZZ
@given(st.lists(blocks(), max_size=8))
def test_fuzzed_bodies_read_or_are_refused(tmp_path_factory: pytest.TempPathFactory, body: list[str]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    parts = (image_part("rId1"), notes_part("footnote", {1: p("A note.")}))
    read_fully(word_file(folder / "fuzz.docx", "".join(body), parts=parts, numbering=NUMBERING))


@FUZZ
@given(st.data())
def test_damaged_packages_read_or_are_refused(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("damage")
    source = word_file(folder / "source.docx", p("Title", style="Title") + p(ENGLISH) + numbered("one", 91))
    raw = bytearray(source.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    damaged = folder / "damaged.docx"
    damaged.write_bytes(bytes(raw))
    read_fully(damaged)
