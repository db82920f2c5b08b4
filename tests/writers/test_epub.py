"""The EPUB writer: EPUBCheck, navigation, accessibility metadata from the content, axe-core, reproducible bytes."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

import convert
from convert.model import (
    Abbr,
    Aside,
    CodeBlock,
    Document,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
    Text,
)
from convert.options import Options
from convert.registry import writer
from convert.themes import theme_names
from convert.transforms.prepare import prepare
from convert.writers import epub
from tests.axe import chromium, describe, violations_in
from tests.conftest import SEED
from tests.epubcheck import epubcheck_many

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPOCH = "1729123200"


def paragraph(*parts: object) -> Paragraph:
    return Paragraph(tuple(Text(p) if isinstance(p, str) else p for p in parts))


def rich_document() -> Document:
    """Images (described, decorative, refused), a table, nested lists, boxes, links and languages."""
    return Document(
        Meta(
            "A rich test book",
            subtitle="With everything",
            dateline="Geneva",
            date="3 March 2025",
            authors=("Ada Writer", "The Team"),
            source="https://example.org/article",
            description="A book for tests.",
        ),
        (
            paragraph("An introduction before any section, about the ", Abbr("UN", "United Nations"), "."),
            Heading(2, (Text("Pictures and tables"),), "pictures"),
            Figure("chart.png", "A bar chart of cases by year", (Text("Cases by year"),)),
            Figure("photo.jpg", "", (), decorative=True),
            Figure("https://example.org/remote.png", "A remote picture"),
            Table(
                (((Text("Year"),), (Text("Cases"),)),),
                (((Text("2023"),), (Text("10"),)), ((Text("2024"),), (Text("12"),))),
                (Text("Cases per year"),),
            ),
            Heading(3, (Text("A subsection"),), "sub"),
            paragraph(
                "See ", Link((Text("the lists"),), "#lists"), " and ", Link((Text("a site"),), "https://example.org/")
            ),
            Heading(2, (Text("Lists"),), "lists"),
            List(
                (
                    ListItem(
                        (
                            paragraph("one"),
                            List((ListItem((paragraph("one a"),)), ListItem((paragraph("one b"),))), True),
                        )
                    ),
                    ListItem((paragraph("two"),)),
                )
            ),
            Quote((paragraph("Words of wisdom."),), (Text("A Speaker"),)),
            CodeBlock("print('hi')", "python"),
            Rule(),
            Aside(
                "glossary",
                (Heading(3, (Text("Words to know"),), "words"), paragraph("Trafficking: exploiting people.")),
            ),
            Aside("key-points", (Heading(3, (Text("Key points"),), "key"), List((ListItem((paragraph("Point."),)),)))),
            Heading(2, (Text("2024 in numbers"),), "2024-in-numbers"),
            paragraph("Le texte ", Span((Text("en français"),), "fr"), " et ", Span((Text("بالعربية"),), "ar"), "."),
        ),
    )


def rtl_document() -> Document:
    # Writers take prepared documents (convert.read prepares them): the headings get their ids here.
    return prepare(
        Document(
            Meta("تقرير عن الاتجار بالأطفال", lang="ar"),
            (
                paragraph("مقدمة قصيرة عن الموضوع."),
                Heading(2, (Text("الأرقام"),)),
                paragraph("نص عربي مع ", Span((Text("an English phrase"),), "en"), " في الوسط."),
                Heading(2, (Text("الخاتمة"),)),
                paragraph("نهاية التقرير."),
            ),
        )
    )


def write_images(folder: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 20), "navy").save(folder / "chart.png")
    Image.new("RGB", (20, 20), "red").save(folder / "photo.jpg")


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The seed, a rich split book, a book with an undescribed image, and a right-to-left book, built once."""
    folder = tmp_path_factory.mktemp("epub")
    write_images(folder)
    options = Options(resource_dir=folder)
    undescribed = Document(Meta("One picture"), (paragraph("Text."), Figure("chart.png", "")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        writer("epub").write(convert.read(SEED), folder / "seed.epub", Options())
        with pytest.warns(convert.ConvertWarning, match="remote.png"):
            epub.save(epub.build(rich_document(), options, split_words=10), folder / "rich.epub")
        epub.save(epub.build(undescribed, options), folder / "undescribed.epub")
        epub.write(rtl_document(), folder / "rtl.epub", Options())
    yield {path.stem: path for path in folder.glob("*.epub")}


@pytest.fixture(scope="module")
def epubcheck_reports(books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    names = ["seed", "rich", "undescribed", "rtl"]
    return epubcheck_many({name: books[name] for name in names}, tmp_path_factory.mktemp("epubcheck"))


def read_xml(book: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(book) as archive:
        return etree.fromstring(archive.read(name))


def opf(book: Path) -> etree._Element:
    return read_xml(book, "EPUB/content.opf")


def meta_values(package: etree._Element, prop: str) -> list[str]:
    return package.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)


def spine_documents(book: Path) -> list[str]:
    package = opf(book)
    hrefs = {item.get("id"): item.get("href") for item in package.iterfind(".//opf:item", NS)}
    return [hrefs[ref.get("idref")] for ref in package.iterfind(".//opf:itemref", NS) if ref.get("linear") != "no"]


# EPUBCheck ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["seed", "rich", "undescribed", "rtl"])
def test_epubcheck_reports_no_message_at_all(epubcheck_reports: dict[str, dict], name: str) -> None:
    report = epubcheck_reports[name]
    messages = [f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}" for m in report["messages"]]
    assert messages == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == report["checker"]["nWarning"] == 0
    assert report["publication"]["isScripted"] is False


# Package ---------------------------------------------------------------------


def test_zip_has_mimetype_first_and_stored_with_fixed_times(books: dict[str, Path]) -> None:
    with zipfile.ZipFile(books["rich"]) as archive:
        entries = archive.infolist()
        assert entries[0].filename == "mimetype" and entries[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        assert len({e.date_time for e in entries}) == 1
        names = [e.filename for e in entries[1:]]
        assert names == sorted(names)


def test_two_runs_give_identical_bytes(tmp_path: Path, fixed_epoch: int) -> None:
    doc = convert.read(SEED)
    epub.write(doc, tmp_path / "one.epub", Options())
    epub.write(doc, tmp_path / "two.epub", Options())
    assert (tmp_path / "one.epub").read_bytes() == (tmp_path / "two.epub").read_bytes()
    assert not list(tmp_path.glob(".*.part")), "no temporary file left behind"


def test_identifier_is_derived_from_the_content() -> None:
    doc = convert.read(SEED)
    assert epub.identifier(doc) == epub.identifier(convert.read(SEED))
    assert epub.identifier(doc).startswith("urn:uuid:")
    assert epub.identifier(doc) != epub.identifier(rich_document())


def test_package_metadata(books: dict[str, Path]) -> None:
    package = opf(books["rich"])
    assert package.findtext(".//dc:title", namespaces=NS) == "A rich test book"
    assert package.findtext(".//dc:language", namespaces=NS) == "en"
    assert package.findtext(".//dc:identifier", namespaces=NS) == epub.identifier(rich_document())
    assert package.xpath("//dc:creator/text()", namespaces=NS) == ["Ada Writer", "The Team"]
    assert package.findtext(".//dc:source", namespaces=NS) == "https://example.org/article"
    assert package.findtext(".//dc:date", namespaces=NS) == "2025-03-03"
    assert package.findtext(".//dc:description", namespaces=NS) == "A book for tests."
    assert meta_values(package, "dcterms:modified") == ["2024-10-17T00:00:00Z"]
    seed = opf(books["seed"])
    assert not seed.xpath("//dc:creator | //dc:date | //dc:source", namespaces=NS), "nothing claimed that is not known"


def test_dates_are_written_in_w3c_form_or_left_out() -> None:
    assert epub.w3c_date("3 March 2025") == "2025-03-03"
    assert epub.w3c_date("March 3, 2025") == "2025-03-03"
    assert epub.w3c_date("2025-03") == "2025-03"
    assert epub.w3c_date("last spring") == ""


# Accessibility metadata ------------------------------------------------------


def test_accessibility_metadata_without_images(books: dict[str, Path]) -> None:
    package = opf(books["seed"])
    assert meta_values(package, "schema:accessMode") == ["textual"]
    assert meta_values(package, "schema:accessModeSufficient") == ["textual"]
    features = meta_values(package, "schema:accessibilityFeature")
    assert set(features) == {"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"}
    assert meta_values(package, "schema:accessibilityHazard") == ["none"]
    assert "no images" in meta_values(package, "schema:accessibilitySummary")[0]
    assert meta_values(package, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert not package.xpath("//opf:meta[@property='a11y:certifiedBy']", namespaces=NS)


def test_accessibility_metadata_with_described_images(books: dict[str, Path]) -> None:
    package = opf(books["rich"])
    assert meta_values(package, "schema:accessMode") == ["textual", "visual"]
    assert meta_values(package, "schema:accessModeSufficient") == ["textual", "textual,visual"]
    assert "alternativeText" in meta_values(package, "schema:accessibilityFeature")
    assert "Every informative image has a text description" in meta_values(package, "schema:accessibilitySummary")[0]


def test_accessibility_metadata_with_an_undescribed_image(books: dict[str, Path]) -> None:
    package = opf(books["undescribed"])
    assert meta_values(package, "schema:accessMode") == ["textual", "visual"]
    assert meta_values(package, "schema:accessModeSufficient") == ["textual,visual"]
    assert "alternativeText" not in meta_values(package, "schema:accessibilityFeature")
    assert "(1 of 1)" in meta_values(package, "schema:accessibilitySummary")[0]


def test_accessibility_metadata_follows_the_facts() -> None:
    narrated = dict(epub.accessibility_metadata(epub.AccessibilityFacts(headings=3, synchronized_audio=True)))
    assert ("schema:accessibilityFeature", "synchronizedAudioText") in epub.accessibility_metadata(
        epub.AccessibilityFacts(headings=3, synchronized_audio=True)
    )
    assert "narration" in narrated["schema:accessibilitySummary"]
    plain = epub.accessibility_metadata(epub.AccessibilityFacts())
    assert ("schema:accessibilityFeature", "structuralNavigation") not in plain
    assert ("schema:accessMode", "auditory") not in plain


def test_set_accessibility_replaces_the_earlier_claims() -> None:
    book = epub.build(convert.read(SEED), Options())
    narrated = epub.set_accessibility(book, epub.AccessibilityFacts(headings=6, synchronized_audio=True))
    entries = [(v[1]["property"], v[0]) for v in narrated.epub.metadata[None]["meta"] if "property" in v[1]]
    assert entries.count(("schema:accessibilityHazard", "none")) == 1
    assert ("schema:accessibilityFeature", "synchronizedAudioText") in entries
    assert narrated.facts.synchronized_audio


# Navigation ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["seed", "rich", "rtl"])
def test_nav_and_ncx_list_every_heading_in_order(books: dict[str, Path], name: str) -> None:
    book = books[name]
    expected = []
    for document in spine_documents(book):
        root = read_xml(book, f"EPUB/{document}")
        expected += [
            f"{document}#{h.get('id')}" for h in root.xpath("//x:h1|//x:h2|//x:h3|//x:h4|//x:h5|//x:h6", namespaces=NS)
        ]
    nav = read_xml(book, "EPUB/nav.xhtml")
    toc = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)[0]
    assert toc.xpath(".//x:a/@href", namespaces=NS) == expected
    ncx = read_xml(book, "EPUB/toc.ncx")
    assert ncx.xpath("//ncx:content/@src", namespaces=NS) == expected
    assert len(expected) >= 3


def test_nav_nests_headings_by_level_and_has_landmarks(books: dict[str, Path]) -> None:
    nav = read_xml(books["rich"], "EPUB/nav.xhtml")
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    top = [a.text for a in toc.xpath("x:li/x:a", namespaces=NS)]
    assert top == ["A rich test book", "Pictures and tables", "Lists", "2024 in numbers"]
    assert toc.xpath("x:li[2]/x:ol/x:li/x:a/text()", namespaces=NS) == ["A subsection"]
    assert toc.xpath("x:li[3]/x:ol/x:li/x:a/text()", namespaces=NS) == ["Words to know", "Key points"]
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    assert [(a.get(f"{{{NS['epub']}}}type"), a.get("href")) for a in landmarks] == [
        ("toc", "#toc"),
        ("bodymatter", "text/part-001.xhtml"),
    ]
    assert not nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS), "digital only: no print page list"
    assert nav.get("lang") == nav.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


# Content documents -------------------------------------------------------------


def test_long_documents_are_split_per_top_level_section(books: dict[str, Path]) -> None:
    assert spine_documents(books["seed"]) == ["text/part-001.xhtml"]
    assert spine_documents(books["rich"]) == [f"text/part-00{n}.xhtml" for n in range(1, 5)]
    second = read_xml(books["rich"], "EPUB/text/part-002.xhtml")
    assert second.findtext(".//x:title", namespaces=NS) == "Pictures and tables"
    assert second.xpath("//x:body/x:section/x:h2/text()", namespaces=NS) == ["Pictures and tables"]


def test_content_document_semantics(books: dict[str, Path]) -> None:
    book = books["rich"]
    for document in spine_documents(book):
        root = read_xml(book, f"EPUB/{document}")
        assert root.get("lang") == root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        assert root.xpath("//x:body/@epub:type", namespaces=NS) == ["bodymatter"]
        assert root.xpath("//x:link[@rel='stylesheet']/@href", namespaces=NS) == ["../styles/theme.css"]
    first = read_xml(book, "EPUB/text/part-001.xhtml")
    assert first.xpath("//x:abbr/@title", namespaces=NS) == ["United Nations"]
    pictures = read_xml(book, "EPUB/text/part-002.xhtml")
    chapter = pictures.xpath("//x:section", namespaces=NS)[0]
    assert chapter.get(f"{{{NS['epub']}}}type") == "chapter" and chapter.get("role") == "doc-chapter"
    assert chapter.get("aria-labelledby") == "pictures"
    assert pictures.xpath("//x:a[text()='the lists']/@href", namespaces=NS) == ["part-003.xhtml#lists"]
    assert pictures.xpath("//x:img/@src", namespaces=NS) == ["../images/chart.png", "../images/photo.jpg"]
    missing = pictures.xpath("//x:p[@class='missing-image']/text()", namespaces=NS)
    assert missing == ["Image not available: A remote picture"]
    assert pictures.xpath("//x:th/@scope", namespaces=NS) == ["col", "col"]
    lists = read_xml(book, "EPUB/text/part-003.xhtml")
    glossary = lists.xpath("//x:aside[@class='glossary']", namespaces=NS)[0]
    assert (glossary.get(f"{{{NS['epub']}}}type"), glossary.get("role")) == ("glossary", "doc-glossary")
    assert lists.xpath("//x:aside[@class='key-points']/@epub:type", namespaces=NS) == ["aside"]
    assert lists.xpath("//x:ul/x:li/x:ol/x:li/text()", namespaces=NS) == ["one a", "one b"]
    numbers = read_xml(book, "EPUB/text/part-004.xhtml")
    assert numbers.xpath("//x:h2/@id", namespaces=NS) == ["id-2024-in-numbers"], "ids are XML names"
    assert numbers.xpath("//x:span[@lang='ar']/@dir", namespaces=NS) == ["rtl"]
    with zipfile.ZipFile(book) as archive:
        assert archive.read("EPUB/images/chart.png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_right_to_left_book(books: dict[str, Path]) -> None:
    package = opf(books["rtl"])
    assert package.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    assert package.get("dir") == "rtl"
    summary = package.xpath("//opf:meta[@property='schema:accessibilitySummary']", namespaces=NS)[0]
    assert summary.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    for document in [*spine_documents(books["rtl"]), "nav.xhtml"]:
        root = read_xml(books["rtl"], f"EPUB/{document}")
        assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    text = read_xml(books["rtl"], "EPUB/text/part-001.xhtml")
    assert text.xpath("//x:span[@lang='en']/@dir", namespaces=NS) == ["ltr"]


def test_theme_styles_and_fonts_are_embedded(books: dict[str, Path]) -> None:
    with zipfile.ZipFile(books["seed"]) as archive:
        css = archive.read("EPUB/styles/theme.css").decode("utf-8")
        names = set(archive.namelist())
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls and all(f"EPUB/{u.removeprefix('../')}" in names for u in urls)
    assert css.count("@font-face") == len(urls) == 4
    assert 'font-family: "Atkinson Hyperlegible"' in css
    assert not re.search(r"font(-size)?:[^;]*\d+px", css), "text sizes must stay relative so readers can change them"
    package = opf(books["seed"])
    assert package.xpath("//opf:item[starts-with(@href, 'fonts/')]/@media-type", namespaces=NS) == ["font/ttf"] * 4


@pytest.mark.parametrize("theme", theme_names())
def test_every_theme_embeds_its_fonts_with_relative_text_sizes(theme: str) -> None:
    css, fonts = epub.stylesheet(theme)
    text = css.decode("utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', text)
    assert sorted(u.removeprefix("../") for u in urls) == sorted(name for name, _, _ in fonts)
    assert all(
        re.fullmatch(r"fonts/[A-Za-z0-9._-]+", name) and data[:4] in (b"\x00\x01\x00\x00", b"OTTO")
        for name, data, _ in fonts
    )
    assert not re.search(r"font(-size)?:[^;]*\d+px", text)


def test_unusable_image_and_dangling_link_are_reported(tmp_path: Path) -> None:
    (tmp_path / "picture.bmp").write_bytes(b"BM" + bytes(60))
    doc = Document(Meta("T"), (Figure("picture.bmp", "A drawing"), paragraph(Link((Text("nowhere"),), "#missing"))))
    with pytest.warns(convert.ConvertWarning) as caught:
        book = epub.build(doc, Options(resource_dir=tmp_path))
    assert any("'picture.bmp' left out" in str(w.message) for w in caught)
    assert any("#missing" in str(w.message) for w in caught)
    root = book.chapters[0].root
    assert not list(root.iter("img"))
    assert root.find(".//p[@class='missing-image']").text == "Image not available: A drawing"
    assert root.find(".//a").get("href") is None
    assert book.facts.images == 0


def test_epub_is_a_registered_format() -> None:
    assert "epub" in convert.formats()
    assert writer("epub").extension == ".epub"


# axe-core --------------------------------------------------------------------


def test_content_documents_pass_axe_in_chromium(books: dict[str, Path], tmp_path: Path) -> None:
    pages = []
    for name in ("seed", "rich", "rtl"):
        folder = tmp_path / name
        with zipfile.ZipFile(books[name]) as archive:
            archive.extractall(folder)
        pages += [folder / "EPUB" / d for d in [*spine_documents(books[name]), "nav.xhtml"]]
    found = {}
    with chromium() as driver:
        for page in pages:
            violations = violations_in(driver, page.as_uri())
            if violations:
                found[str(page.relative_to(tmp_path))] = describe(violations)
    assert found == {}
    assert len(pages) == 2 + 5 + 2


def test_the_book_takes_the_heading_ids_of_the_prepared_document() -> None:
    # The writer does not prepare again: an id the document gives a heading is the id the book links to.
    doc = Document(Meta("T"), (Heading(2, (Text("Alpha"),), "chosen-one"), Heading(2, (Text("Alpha"),), "chosen-two")))
    book = epub.build(doc, Options())
    ids = [h.get("id") for chapter in book.chapters for h in chapter.root.iter("h2")]
    assert ids == ["chosen-one", "chosen-two"]
    assert [a.get("href") for a in book.nav.root.iterfind(".//nav[@id='toc']//a")][1:] == [
        "text/part-001.xhtml#chosen-one",
        "text/part-001.xhtml#chosen-two",
    ]
