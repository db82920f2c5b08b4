"""The Word writer: read the .docx back with python-docx and LibreOffice and check structure, language, fonts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

import convert
from convert import themes
from convert.errors import ConvertWarning, UsageError
from convert.model import (
    Abbr,
    Aside,
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
    Rule,
    Span,
    Strong,
    Table,
    Text,
)
from convert.options import Options
from convert.themes import styles_dir, theme_css, theme_fonts, theme_names
from convert.walk import plain_text
from convert.writers.docx import Look, look_for, styles_xml, write
from convert.writers.docx_fonts import obfuscate
from tests.system_requirements import require

EPOCH = "1729123200"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
ICAT = "Inter-Agency Coordination Group against Trafficking in Persons"


def _write(doc: Document, path: Path, **settings: object) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        write(doc, path, Options(**settings))  # type: ignore[arg-type]
    return path


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    from tests.conftest import SEED

    return convert.read(SEED)


@pytest.fixture(scope="module")
def seed_docx(seed_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(seed_doc, tmp_path_factory.mktemp("seed") / "seed.docx")


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    """A document with every kind of node, images beside it, written once."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("rich")
    Image.new("RGB", (400, 200), (200, 30, 30)).save(folder / "chart.png")
    Image.new("RGB", (20, 20), (0, 0, 0)).save(folder / "flourish.png")
    doc = Document(
        Meta(title="Everything", lang="en", subtitle="A test", authors=("Ann Author", "Bo Writer")),
        (
            Heading(3, (Text("First"),), "first"),
            Paragraph(
                (
                    Text("See "),
                    Link((Text("the report"),), "https://example.org/report"),
                    Text(" and "),
                    Link((Text("the last part"),), "#last"),
                    Text(". The "),
                    Abbr("WHO", "World Health Organization"),
                    Text(" and the "),
                    Abbr("WHO", "World Health Organization"),
                    Text(" again; "),
                    Emph((Text("stress"),)),
                    Text(", "),
                    Strong((Text("bold"),)),
                    Text(", "),
                    Span((Text("bonjour"),), "fr"),
                    Text(", "),
                    Span((Text("مرحبا"),), "ar"),
                    Text("."),
                )
            ),
            List(
                (
                    ListItem((Paragraph((Text("outer one"),)),)),
                    ListItem(
                        (
                            Paragraph((Text("outer two"),)),
                            List(
                                (
                                    ListItem((Paragraph((Text("inner a"),)),)),
                                    ListItem((Paragraph((Text("inner b"),)),)),
                                ),
                                ordered=True,
                            ),
                        )
                    ),
                    ListItem((Paragraph((Text("outer three"),)), Paragraph((Text("more of three"),)))),
                )
            ),
            List((ListItem((Paragraph((Text("again one"),)),)),), ordered=True, start=4),
            Quote((Paragraph((Text("To be or not to be."),)),), (Text("Hamlet"),)),
            Paragraph(
                (
                    Quoted(
                        (Text("Outer "), Quoted((Text("inner"),)), Text(" end")),
                    ),
                    Text(" she said."),
                )
            ),
            Figure("chart.png", "A red bar chart of cases by year", (Text("Cases by year"),)),
            Figure("flourish.png", "", decorative=True),
            Table(
                ((((Text("Year"),), (Text("Cases"),), (Text("Notes"),))),),
                (((Text("2023"),), (Text("10"),)), ((Text("2024"),), (Text("12"),), (Text("rising"),))),
                (Text("Cases per year"),),
            ),
            Rule(),
            Heading(5, (Text("Deeper"),), "deeper"),
            CodeBlock("print('hi')\nprint('there')", "python"),
            Aside("key-points", (Heading(4, (Text("Key points"),), "key-points"), Paragraph((Text("Boxed."),)))),
            Heading(3, (Text("Last"),), "last"),
            Paragraph(()),
        ),
    )
    return doc, _write(doc, folder / "rich.docx", resource_dir=folder)


# The seed ------------------------------------------------------------------------


def test_seed_paragraph_styles_in_order(seed_doc: Document, seed_docx: Path) -> None:
    expected = ["Title", "Normal"]  # the title, then the dateline
    for block in seed_doc.blocks:
        match block:
            case Heading():
                expected.append("Heading 2")
            case Paragraph():
                expected.append("Normal")
            case List(items=items):
                expected += ["List Paragraph"] * len(items)
    paragraphs = docx.Document(str(seed_docx)).paragraphs
    assert [p.style.name for p in paragraphs] == expected
    headings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert headings == [plain_text(b) for b in seed_doc.blocks if isinstance(b, Heading)]
    assert len(headings) == 5
    assert all(p.text.strip() for p in paragraphs), "no empty paragraphs for spacing"
    assert paragraphs[0].text == seed_doc.meta.title


def test_seed_list_is_a_real_bulleted_list(seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    items = [p for p in document.paragraphs if p.style.name == "List Paragraph"]
    assert len(items) == 3
    ids = {p._p.pPr.numPr.numId.val for p in items}
    assert len(ids) == 1 and {p._p.pPr.numPr.ilvl.val for p in items} == {0}
    numbering = _part(seed_docx, "word/numbering.xml")
    (abstract_id,) = numbering.xpath(f"w:num[@w:numId='{ids.pop()}']/w:abstractNumId/@w:val", namespaces=NS)
    formats = numbering.xpath(
        f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val", namespaces=NS
    )
    assert formats == ["bullet"]


def test_seed_language_and_core_properties(seed_doc: Document, seed_docx: Path) -> None:
    styles = _part(seed_docx, "word/styles.xml")
    assert styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=NS) == ["en"]
    properties = docx.Document(str(seed_docx)).core_properties
    moment = datetime.fromtimestamp(int(EPOCH), UTC)
    assert properties.title == seed_doc.meta.title
    assert properties.language == "en"
    assert properties.created == moment and properties.modified == moment
    assert properties.subject
    assert properties.author != "python-docx" and properties.comments != "generated by python-docx"
    assert set(properties.keywords.split(", ")) == {short for short, _ in seed_doc.meta.abbreviations}


def test_seed_abbreviations_keep_the_sources_definition(seed_docx: Path) -> None:
    text = "\n".join(p.text for p in docx.Document(str(seed_docx)).paragraphs)
    assert text.count(f"{ICAT} (ICAT)") == 1  # written out once, where the source defines it
    assert text.index(f"{ICAT} (ICAT)") < text.index("ICAT’s work")


def test_quoted_speech_keeps_curly_quotes(seed_docx: Path) -> None:
    texts = [p.text for p in docx.Document(str(seed_docx)).paragraphs]
    assert any(
        t.startswith("“Child protection is a cross-cutting theme") and "vulnerable,” Ms. Komenda said." in t
        for t in texts
    )


def test_same_input_and_epoch_give_the_same_bytes(seed_doc: Document, seed_docx: Path, tmp_path: Path) -> None:
    again = _write(seed_doc, tmp_path / "again.docx")
    assert again.read_bytes() == seed_docx.read_bytes()
    with zipfile.ZipFile(again) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {datetime.fromtimestamp(int(EPOCH), UTC).timetuple()[:6]}
    names = [info.filename for info in infos]
    assert not any(name.startswith(("customXml", "docProps/thumbnail")) for name in names)


def test_theme_font_is_embedded_obfuscated(seed_docx: Path) -> None:
    faces = theme_fonts("default")
    table = _part(seed_docx, "word/fontTable.xml")
    (font,) = table.xpath("w:font[@w:name=$name]", namespaces=NS, name=faces[0].family)
    slots = [etree.QName(child).localname for child in font if etree.QName(child).localname.startswith("embed")]
    assert slots == ["embedRegular", "embedBold", "embedItalic", "embedBoldItalic"]
    with zipfile.ZipFile(seed_docx) as archive:
        rels = etree.fromstring(archive.read("word/_rels/fontTable.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        originals = {face.path.read_bytes() for face in faces}
        for embed in font[-4:]:
            stored = archive.read("word/" + targets[embed.get(qn("r:id"))])
            assert stored not in originals
            assert obfuscate(stored, embed.get(qn("w:fontKey"))) in originals
    settings = _part(seed_docx, "word/settings.xml")
    assert settings.find(qn("w:embedTrueTypeFonts")) is not None
    defaults = _part(seed_docx, "word/styles.xml").xpath("w:docDefaults/w:rPrDefault/w:rPr", namespaces=NS)[0]
    assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == faces[0].family


def test_libreoffice_renders_the_seed(seed_doc: Document, seed_docx: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"  # a private profile: other LibreOffice runs must not share or lock it
    result = subprocess.run(
        [
            require("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(seed_docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "seed.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    rendered = PdfReader(pdf)
    flat = " ".join(" ".join(page.extract_text() for page in rendered.pages).split())
    position = 0
    for heading in (plain_text(b) for b in seed_doc.blocks if isinstance(b, Heading)):
        position = flat.index(" ".join(heading.split()), position)
    fonts = {
        str(font.get_object().get("/BaseFont", ""))
        for page in rendered.pages
        for font in page.get("/Resources", {}).get_object().get("/Font", {}).get_object().values()
    }
    # the embedded font was used, though the system has none
    assert any("AtkinsonHyperlegible" in name for name in fonts), fonts


# Every kind of node ----------------------------------------------------------------


def test_links_are_hyperlinks_with_their_text(rich: tuple[Document, Path]) -> None:
    _, path = rich
    document = docx.Document(str(path))
    body = document.element.body
    links = body.findall(".//" + qn("w:hyperlink"))
    external = [h for h in links if h.get(qn("r:id"))]
    assert len(external) == 1
    relation = document.part.rels[external[0].get(qn("r:id"))]
    assert relation.is_external and relation.target_ref == "https://example.org/report"
    assert external[0].xpath("string(.)") == "the report"
    assert {s.get(qn("w:val")) for s in external[0].iter(qn("w:rStyle"))} == {"Hyperlink"}
    internal = [h for h in links if h.get(qn("w:anchor"))]
    names = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    assert internal[0].get(qn("w:anchor")) in names
    assert internal[0].xpath("string(.)") == "the last part"
    assert document.styles["Hyperlink"].type == 2  # a character style


def test_first_use_of_an_undefined_abbreviation_is_expanded(rich: tuple[Document, Path]) -> None:
    _, path = rich
    text = next(p.text for p in docx.Document(str(path)).paragraphs if p.text.startswith("See "))
    assert "The World Health Organization (WHO) and the WHO again" in text


def test_headings_shift_to_start_under_the_title_and_never_skip(rich: tuple[Document, Path]) -> None:
    _, path = rich
    headings = [
        (p.style.name, p.text) for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 2", "First"),
        ("Heading 3", "Deeper"),
        ("Heading 3", "Key points"),
        ("Heading 2", "Last"),
    ]
    title = _part(path, "word/styles.xml").xpath("w:style[@w:styleId='Title']//w:outlineLvl/@w:val", namespaces=NS)
    assert title == ["0"]


def test_nested_lists_get_levels_and_their_own_kind(rich: tuple[Document, Path]) -> None:
    _, path = rich
    document = docx.Document(str(path))
    numbering = _part(path, "word/numbering.xml")

    def kind(p: docx.text.paragraph.Paragraph) -> tuple[int, str, str]:
        num = p._p.pPr.numPr
        abstract = numbering.xpath(f"w:num[@w:numId='{num.numId.val}']/w:abstractNumId/@w:val", namespaces=NS)[0]
        fmt = numbering.xpath(
            f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{num.ilvl.val}']/w:numFmt/@w:val",
            namespaces=NS,
        )[0]
        return num.ilvl.val, fmt, str(num.numId.val)

    items = {p.text: p for p in document.paragraphs if p.style.name == "List Paragraph"}
    assert kind(items["outer one"])[:2] == (0, "bullet")
    assert kind(items["inner a"])[0] == 1 and kind(items["inner a"])[1] != "bullet"
    assert kind(items["inner a"])[2] == kind(items["inner b"])[2] != kind(items["outer one"])[2]
    assert items["more of three"]._p.pPr.numPr is None  # a continuation paragraph, not a new item
    start = numbering.xpath(f"w:num[@w:numId='{kind(items['again one'])[2]}']//w:startOverride/@w:val", namespaces=NS)
    assert start == ["4"]


def test_block_quote_keeps_its_attribution_and_nested_quotes(rich: tuple[Document, Path]) -> None:
    _, path = rich
    paragraphs = docx.Document(str(path)).paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "To be or not to be.")
    assert paragraphs[index].style.name == "Quote"
    assert paragraphs[index].paragraph_format.keep_with_next
    assert paragraphs[index + 1].text == "— Hamlet"
    assert paragraphs[index + 1].style.base_style.name == "Quote"
    assert paragraphs[index + 2].text == "“Outer ‘inner’ end” she said."


def test_images_have_alt_text_or_are_decorative(rich: tuple[Document, Path]) -> None:
    _, path = rich
    described, decorative = _part(path, "word/document.xml").xpath("//wp:docPr", namespaces=NS)
    assert described.get("descr") == "A red bar chart of cases by year"
    assert not described.xpath("a:extLst", namespaces=NS)
    assert decorative.get("descr") == ""
    assert decorative.xpath("a:extLst/a:ext/adec:decorative/@val", namespaces=NS) == ["1"]
    assert described.get("id") != decorative.get("id")
    caption = [p for p in docx.Document(str(path)).paragraphs if p.style.name == "Caption"]
    assert [p.text for p in caption] == ["Cases by year", "Cases per year"]


def test_table_has_a_repeating_header_a_caption_and_no_merged_cells(rich: tuple[Document, Path]) -> None:
    _, path = rich
    document = docx.Document(str(path))
    (table,) = document.tables
    rows = table._tbl.tr_lst
    assert [row.trPr is not None and row.trPr.find(qn("w:tblHeader")) is not None for row in rows] == [
        True,
        False,
        False,
    ]
    assert [len(row.tc_lst) for row in rows] == [3, 3, 3]
    assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge | .//w:hMerge")
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Cases per year"
    assert table.rows[0].cells[1].text == "Cases" and table.rows[2].cells[2].text == "rising"
    previous = table._tbl.getprevious()
    assert previous.xpath("string(.)") == "Cases per year" and previous.pPr.keepNext is not None


def test_other_languages_are_marked_on_their_runs(rich: tuple[Document, Path]) -> None:
    _, path = rich
    runs = {r.text: r._r for p in docx.Document(str(path)).paragraphs for r in p.runs}
    assert runs["bonjour"].xpath("w:rPr/w:lang/@w:val") == ["fr"]
    assert runs["مرحبا"].xpath("w:rPr/w:lang/@w:bidi") == ["ar"]
    assert runs["مرحبا"].xpath("w:rPr/w:rtl")
    assert not runs["bonjour"].xpath("w:rPr/w:rtl")
    assert runs["stress"].xpath("w:rPr/w:i") and runs["bold"].xpath("w:rPr/w:b")


def test_rule_code_and_aside_need_no_empty_paragraphs(rich: tuple[Document, Path]) -> None:
    _, path = rich
    paragraphs = docx.Document(str(path)).paragraphs
    deeper = next(p for p in paragraphs if p.text == "Deeper")
    assert deeper._p.xpath("w:pPr/w:pBdr/w:top")  # the rule is the heading's top border
    code = next(p for p in paragraphs if p.style.name == "Source Code")
    assert code.text == "print('hi')\nprint('there')"
    boxed = [p.text for p in paragraphs if p._p.xpath("w:pPr/w:shd")]
    assert boxed == ["Key points", "Boxed."]
    non_image = [p for p in paragraphs if not p._p.xpath(".//w:drawing")]
    assert all(p.text.strip() for p in non_image)


def test_right_to_left_document(tmp_path: Path) -> None:
    doc = Document(Meta(title="عنوان", lang="ar"), (Paragraph((Text("نص عربي "), Span((Text("English"),), "en"))),))
    path = _write(doc, tmp_path / "ar.docx")
    document = docx.Document(str(path))
    assert all(p._p.xpath("w:pPr/w:bidi") for p in document.paragraphs)
    arabic, english = document.paragraphs[1].runs
    assert arabic._r.xpath("w:rPr/w:rtl") and not english._r.xpath("w:rPr/w:rtl")
    assert english._r.xpath("w:rPr/w:lang/@w:val") == ["en"]
    lang = _part(path, "word/styles.xml").xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang", namespaces=NS)[0]
    assert lang.get(qn("w:val")) == "ar" and lang.get(qn("w:bidi")) == "ar"


def test_right_to_left_paragraph_in_a_left_to_right_document(tmp_path: Path) -> None:
    doc = Document(Meta(title="Mixed"), (Paragraph((Span((Text("שלום עולם"),), "he"),)), Paragraph((Text("Hello"),))))
    document = docx.Document(str(_write(doc, tmp_path / "he.docx")))
    hebrew, english = document.paragraphs[1:]
    assert hebrew._p.xpath("w:pPr/w:bidi") and not english._p.xpath("w:pPr/w:bidi")


def test_control_characters_and_lone_surrogates_give_a_valid_document(tmp_path: Path) -> None:
    doc = Document(
        Meta(title="Bad\x07 title\ud800", authors=("A\x00uthor",)),
        (Paragraph((Text("ok\x01 text\udc00 here\x1f"), Link((Text("li\x0bnk"),), "https://example.org/\x02"))),),
    )
    path = _write(doc, tmp_path / "bad.docx")
    document = docx.Document(str(path))
    assert [p.text for p in document.paragraphs] == ["Bad title", "Author", "ok text herelink"]
    assert document.core_properties.title == "Bad title"
    assert document.core_properties.author == "Author"


def test_large_print_theme_sizes_and_dyslexia_font(tmp_path: Path) -> None:
    doc = Document(Meta(title="Sizes"), (Heading(2, (Text("Part"),)), Paragraph((Text("Body"),))))
    large = docx.Document(str(_write(doc, tmp_path / "large.docx", theme="large-print")))
    assert large.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val") == ["36"]  # 18 pt
    assert large.styles["Heading 2"].font.size.pt > 18
    dyslexia = tmp_path / "dyslexia.docx"
    _write(doc, dyslexia, theme="dyslexia")
    family = theme_fonts("dyslexia")[0].family
    assert family == "Lexend"
    assert _part(dyslexia, "word/fontTable.xml").xpath("w:font[@w:name='Lexend']/w:embedRegular", namespaces=NS)
    with pytest.raises(UsageError, match="unknown theme"):
        write(doc, tmp_path / "x.docx", Options(theme="no-such-theme"))
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("theme", theme_names())
def test_every_themes_look_is_read_from_its_css(theme: str) -> None:
    look = look_for(theme)
    css = theme_css(theme)

    def last(pattern: str) -> str:
        return re.findall(pattern, css, re.MULTILINE)[-1]

    assert look.text == last(r"--text:\s*#(\w+)").upper()
    assert look.box == last(r"--box:\s*#(\w+)").upper()
    assert look.accent == last(r"--accent:\s*#(\w+)").upper()
    size = last(r"^html \{[^}]*?font-size:\s*([\d.]+)%")
    assert look.body == pytest.approx(12 * float(size) / 100)
    assert look.line == float(last(r"^html \{[^}]*?line-height:\s*([\d.]+)"))
    assert look.headings[2] == float(last(r"^h2 \{[^}]*?font-size:\s*([\d.]+)em"))


def test_the_looks_word_numbers() -> None:
    # The dataclass defaults are the default theme's, so reading Look() tells the truth.
    assert look_for("default") == Look()
    assert look_for("large-print").body == 18 and look_for("large-print").headings[0] == 1.75
    high = look_for("high-contrast")
    assert (high.text, high.link, high.box, high.border) == ("000000", "00307A", "FFFFFF", 18)  # 3 px = 2.25 pt
    dyslexia = look_for("dyslexia")
    assert dyslexia.page == "FDF8EC" and not dyslexia.italics
    assert dyslexia.letter_spacing == pytest.approx(0.6)  # 0.05em of 12 pt
    child = look_for("child")
    assert (child.body, child.line, child.box, child.accent) == (15, 1.8, "FFF7E0", "0B6B3A")


def test_a_theme_change_reaches_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "styles"
    shutil.copytree(styles_dir(), folder)
    child = folder / "child.css"
    child.write_text(
        child.read_text(encoding="utf-8").replace("font-size: 125%;", "font-size: 175%;"), encoding="utf-8"
    )
    caches = (themes.theme_css, themes.theme_rules, themes.theme_names, look_for)
    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(themes, "styles_dir", lambda: folder)
    try:
        assert look_for("child").body == 21
        xml = styles_xml(look_for("child"), "F", "en")
        assert '<w:sz w:val="42"/>' in xml
    finally:
        monkeypatch.undo()
        for cache in caches:
            cache.cache_clear()
    assert look_for("child").body == 15


def test_missing_image_warns_and_keeps_its_description(tmp_path: Path) -> None:
    doc = Document(Meta(title="Images"), (Figure("missing.png", "A map of the region"),))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = _write(doc, tmp_path / "img.docx", resource_dir=tmp_path)
    assert any(issubclass(w.category, ConvertWarning) and "missing.png" in str(w.message) for w in caught)
    assert [p.text for p in docx.Document(str(path)).paragraphs] == [
        "Images",
        "Image not available: A map of the region",
    ]


def test_registered_as_the_docx_format(seed_path: Path, tmp_path: Path, fixed_epoch: int) -> None:
    (written,) = convert.convert(seed_path, to=["docx"], out_dir=tmp_path)
    assert written == tmp_path / seed_path.stem / f"{seed_path.stem}.docx"
    assert docx.Document(str(written)).paragraphs[0].style.name == "Title"
    assert not [name for name in os.listdir(written.parent) if name.endswith(".part")]
