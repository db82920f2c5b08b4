"""The HTML writer: golden output for the seed, structure, offline self-containment, and axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

import convert
from convert.model import Document, Figure, Heading, Link, List, ListItem, Meta, Paragraph, Span, Table, Text
from convert.options import Options
from convert.writers.html import render
from tests.axe import axe_violations, describe
from tests.conftest import SEED, check_golden


@pytest.fixture(scope="module")
def seed_html() -> str:
    return render(convert.read(SEED), Options())


def test_seed_html_matches_golden(seed_html: str) -> None:
    check_golden("icat-child-trafficking-briefing.html", seed_html)


def test_seed_page_structure(seed_html: str) -> None:
    page = lxml_html.fromstring(seed_html)
    assert page.get("lang") == "en" and page.get("dir") == "ltr"
    assert page.findtext(".//title").startswith("ICAT highlights")
    assert page.xpath("//meta[@name='viewport']")
    skip = page.xpath("//body/*[1]")[0]
    assert skip.tag == "a" and skip.get("href") == "#main"
    assert page.xpath("//main[@id='main']")
    assert [h.text_content() for h in page.xpath("//header/h1")] == [convert.read(SEED).meta.title]
    assert page.xpath("//header/p[@class='dateline']")[0].text_content() == "Vienna"
    toc_links = page.xpath("//nav//a/@href")
    main_ids = page.xpath("//main//h2/@id")
    assert toc_links == [f"#{i}" for i in main_ids] and len(main_ids) == 5
    assert len(page.xpath("//main/ul/li")) == 3
    assert len(page.xpath("//q")) == 7
    assert page.xpath("//abbr/@title")[0] == "Inter-Agency Coordination Group against Trafficking in Persons"


def test_page_is_self_contained(seed_html: str) -> None:
    page = lxml_html.fromstring(seed_html)
    assert not page.xpath("//script | //link | //iframe | //@*[starts-with(name(), 'on')]")
    assert "http://" not in seed_html and "https://" not in seed_html
    assert "font-family" in page.findtext(".//style")


def test_no_contents_list_below_three_headings() -> None:
    doc = convert.read("Title\nText.\nOne heading\nMore text.\n")
    assert "<nav" not in render(doc)


def test_nested_headings_give_a_nested_contents_list() -> None:
    doc = Document(
        Meta("T"),
        tuple(Heading(level, (Text(f"h{n}"),), f"h{n}") for n, level in enumerate([2, 3, 3, 2, 4])),
    )
    page = lxml_html.fromstring(render(doc))
    assert page.xpath("//nav/ol/li/a/@href") == ["#h0", "#h3"]
    assert page.xpath("//nav/ol/li[1]/ol/li/a/@href") == ["#h1", "#h2"]
    assert page.xpath("//nav/ol/li[2]/ol/li/a/@href") == ["#h4"]


def test_language_change_direction_links_tables_and_images(tmp_path: Path) -> None:
    Image.new("RGB", (4, 3), "navy").save(tmp_path / "pic.png")
    doc = Document(
        Meta("T", lang="en"),
        (
            Paragraph(
                (Text("He said "), Span((Text("مرحبا"),), "ar"), Text(".")),
            ),
            Paragraph((Link((Text("our report"),), "https://example.org/r"),)),
            Table((((Text("Year"),), (Text("Count"),)),), (((Text("2024"),), (Text("35"),)),), (Text("Victims"),)),
            Figure("pic.png", "A chart"),
            Figure("missing-alt.png", ""),
            List((ListItem((Paragraph((Text("a"),)),)),), ordered=True, start=4),
        ),
    )
    with pytest.warns(convert.ConvertWarning, match="missing-alt.png"):
        out = render(doc, Options(resource_dir=tmp_path))
    page = lxml_html.fromstring(out)
    span = page.xpath("//span[@lang='ar']")[0]
    assert span.get("dir") == "rtl"
    assert page.xpath("//a/@href") == ["#main", "https://example.org/r"]
    assert page.xpath("//th/@scope") == ["col", "col"] and page.xpath("//caption")[0].text_content() == "Victims"
    images = page.xpath("//img")
    assert images[0].get("src").startswith("data:image/png;base64,") and images[0].get("alt") == "A chart"
    # The second image is missing: its place says so, as in every format.
    assert len(images) == 1
    missing = "Image not available: Image without a description"
    assert page.xpath("//figure[@class='missing-image']/p[@class='missing-image']/text()") == [missing]
    assert page.xpath("//ol/@start") == ["4"]


def test_image_outside_the_source_folder_is_refused(tmp_path: Path) -> None:
    doc = Document(Meta("T"), (Figure("../secret.png", "x"), Figure("http://127.0.0.1:9/x.png", "y")))
    with pytest.warns(convert.ConvertWarning) as caught:
        out = render(doc, Options(resource_dir=tmp_path))
    assert len(caught) == 2
    page = lxml_html.fromstring(out)
    assert "127.0.0.1" not in out and not page.xpath("//img")
    assert page.xpath("//p[@class='missing-image']/text()") == ["Image not available: x", "Image not available: y"]


def test_control_characters_never_reach_the_page(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_text("Title\x07 here\nA para\x0bgraph with \x1b escapes.\n", encoding="utf-8")
    written = convert.convert(source, ["html"], tmp_path / "out")
    text = written[0].read_text(encoding="utf-8")
    assert "\x07" not in text and "\x0b" not in text and "\x1b" not in text
    assert "A paragraph with escapes." in text


def test_rtl_document_page_direction() -> None:
    doc = Document(Meta("عنوان", lang="ar"), (Paragraph((Text("نص عربي."),)),))
    page = lxml_html.fromstring(render(doc))
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    assert page.xpath("//a[@class='skip-link']")[0].text == "انتقل إلى المحتوى الرئيسي"


def test_seed_page_passes_axe_in_chromium(tmp_path: Path, seed_html: str) -> None:
    page = tmp_path / "seed.html"
    page.write_text(seed_html, encoding="utf-8")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
