"""The HTML writer: golden output for the seed, structure, offline self-containment, and axe-core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

import convert
from convert.model import Document, Figure, Heading, Link, List, ListItem, Meta, Paragraph, Span, Table, Text
from convert.options import Options
from convert.writers import html as html_writer
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


# The HTML surface ----------------------------------------------------------------


def html_names_used(source: str) -> set[str]:
    """The names a module takes from convert.writers.html: imported from it, or read as attributes of it."""
    tree = ast.parse(source)
    bound: set[str] = set()
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "convert.writers":
            bound |= {alias.asname or alias.name for alias in node.names if alias.name == "html"}
        elif isinstance(node, ast.ImportFrom) and node.module == "convert.writers.html":
            used |= {alias.name for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound:
            used.add(node.attr)
    return used


def test_html_surface_finds_the_names_a_module_uses() -> None:
    source = "from convert.writers import epub, html as h\nfrom convert.writers.html import page\nh.blocks(x)\n"
    assert html_names_used(source) == {"page", "blocks"}
    assert html_names_used("import lxml.html\nlxml.html.fromstring(x)\n") == set()


def test_other_modules_use_only_the_html_surface() -> None:
    root = Path(html_writer.__file__).resolve().parents[1]
    users: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        if path.name == "html.py" and path.parent.name == "writers":
            continue
        for name in html_names_used(path.read_text(encoding="utf-8")):
            users.setdefault(name, set()).add(str(path.relative_to(root)))
    outside = {name: sorted(paths) for name, paths in users.items() if name not in html_writer.__all__}
    assert not outside, f"names of convert.writers.html used outside its __all__: {outside}"
    # The surface stays small: each name is there because another module uses it, or it is the writer itself
    # (WRITER, the entry point; render, the page as text for callers of the library).
    unused = set(html_writer.__all__) - set(users) - {"WRITER", "render"}
    assert not unused, f"names in convert.writers.html.__all__ that no other module uses: {sorted(unused)}"
    assert all(hasattr(html_writer, name) for name in html_writer.__all__)
    assert {"Context", "page", "blocks", "contents_list", "render"} <= set(html_writer.__all__)


def test_quote_css_names_the_classes_the_writer_puts_on_cut_quotations() -> None:
    css = html_writer.quote_css()
    assert f"q.{html_writer.CONTINUED}::before" in css and "no-open-quote" in css
    assert f"q.{html_writer.CONTINUES}::after" in css and "no-close-quote" in css


def test_simple_page_is_a_whole_page_with_title_language_and_style() -> None:
    root = html_writer.simple_page("A list", "ar", "p { color: red; }", [html_writer.element("p", None, "نص")])
    page = lxml_html.fromstring(html_writer.page_text(root))
    assert page.get("lang") == "ar" and page.get("dir") == "rtl"
    assert page.findtext(".//title") == "A list" and "color: red" in page.findtext(".//style")
    assert page.xpath("//meta[@charset='utf-8']") and page.xpath("//meta[@name='viewport']")
    assert page.findtext(".//body/p") == "نص"
    assert html_writer.page_text(root).startswith("<!DOCTYPE html>\n<html")


def test_element_leaves_out_attributes_without_a_value() -> None:
    made = html_writer.element("td", {"class": None, "id": "x"}, "a", html_writer.element("br"), "b")
    assert dict(made.attrib) == {"id": "x"} and made.text == "a" and made[0].tail == "b"
