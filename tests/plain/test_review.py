"""The child edition's review page: its rows and flags, the shares, and the page built through the HTML surface."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from lxml import html as lxml_html

import convert
from convert.errors import ConvertWarning
from convert.plain.review import review_html, review_rows, shares
from convert.themes import page_file
from tests.axe import chromium, describe, violations_in
from tests.conftest import SEED

ENGLISH = (
    "Rain and rivers\n\n"
    'The committee, which met in Geneva on 3 May 2024, said that rain <falls> on the hills & "runs" into rivers.\n\n'
    "It is short.\n"
)
FRENCH = "Pluie et rivières\n\nLa pluie tombe sur les collines. Elle coule dans les rivières.\n"


@pytest.fixture(scope="module")
def english() -> tuple[convert.Document, lxml_html.HtmlElement]:
    doc = convert.read(ENGLISH)
    return doc, lxml_html.fromstring(review_html(doc))


def test_one_row_per_source_sentence_in_order(english: tuple[convert.Document, lxml_html.HtmlElement]) -> None:
    doc, page = english
    rows = review_rows(doc)
    table = page.xpath("//table")[1]
    body = table.xpath("tbody/tr")
    assert [tr.get("id") for tr in body] == [f"s{n}" for n in range(1, len(rows) + 1)]
    assert [tr.xpath("td[1]")[0].text for tr in body] == [row.source for row in rows]
    for tr, row in zip(body, rows, strict=True):
        assert [li.text for li in tr.xpath("td[2]/ol/li")] == list(row.plain)
        assert tr.get("class") == ("flag" if row.flags else ("kept" if not row.reason else None))
    assert table.xpath("thead/tr/th/@scope") == ["col"] * 4


def test_markup_characters_in_the_text_stay_text(english: tuple[convert.Document, lxml_html.HtmlElement]) -> None:
    _, page = english
    sources = [td.text for td in page.xpath("//table[2]/tbody/tr/td[1]")]
    assert any("<falls> on the hills & " in source for source in sources), sources
    assert not page.xpath("//falls")


def test_the_figures_agree_with_the_shares(english: tuple[convert.Document, lxml_html.HtmlElement]) -> None:
    doc, page = english
    counts = shares(doc)
    figures = {tr.xpath("th")[0].text: [td.text for td in tr.xpath("td")] for tr in page.xpath("//table[1]/tbody/tr")}
    assert figures["Sentences rewritten"][0] == str(counts.sentences)
    assert figures["Sentences rewritten"][1].startswith(f"{counts.rewritten} (")
    assert figures["Sentences left as written"][1].startswith(f"{counts.as_written} (")
    assert counts.sentences == counts.rewritten + counts.as_written == len(review_rows(doc))
    assert sum(number for _, number in counts.reasons) == counts.as_written


def test_the_page_is_english_with_the_theme_file(english: tuple[convert.Document, lxml_html.HtmlElement]) -> None:
    doc, page = english
    assert page.get("lang") == "en" and page.get("dir") == "ltr"
    assert page.findtext(".//title") == f"Review of the child edition: {doc.meta.title}"
    assert page.findtext(".//style").strip() == page_file("review.css").strip()
    assert not page.xpath("//*[@lang][not(self::html)]")


def test_a_document_in_another_language_is_marked_and_not_simplified() -> None:
    with pytest.warns(ConvertWarning, match="simplifies English only"):
        page = lxml_html.fromstring(review_html(convert.read(FRENCH)))
    assert page.get("lang") == "en"
    assert "Not simplified:" in page.text_content() and "the document is in fr" in page.text_content()
    cells = page.xpath("//table[2]/tbody/tr/td[position() < 3]")
    assert cells and all(cell.get("lang") == "fr" for cell in cells)
    assert page.xpath("//main/p[1]/@lang") == ["fr"]


def test_review_flags_a_missing_fact() -> None:
    from convert.transforms.child import SentenceTrace, Simplified

    doc = convert.read("Title\n\nThe report was not published on 3 May 2024 by UNICEF.\n")
    rows = review_rows(doc)
    assert all(not r.flags for r in rows)
    lossy = Simplified(doc, (0,), (SentenceTrace(0, rows[0].source, ("The report was published.",)),))
    import convert.transforms.child as child

    original = child.simplify_with_trace
    child.simplify_with_trace = lambda _doc: lossy
    try:
        flags = review_rows(doc)[0].flags
    finally:
        child.simplify_with_trace = original
    assert "negation missing" in flags and any("2024" in f for f in flags) and any("UNICEF" in f for f in flags)


def test_text_in_a_right_to_left_language_has_its_direction() -> None:
    with pytest.warns(ConvertWarning, match="simplifies English only"):
        page = lxml_html.fromstring(review_html(convert.read("عنوان\n\nهذه جملة قصيرة.\n", lang="ar")))
    assert page.get("dir") == "ltr"
    cells = page.xpath("//table[2]/tbody/tr/td[position() < 3]")
    assert cells and all(cell.get("lang") == "ar" and cell.get("dir") == "rtl" for cell in cells)


def test_the_review_pages_have_no_axe_violations(tmp_path: Path) -> None:
    pages = {"en": convert.read(ENGLISH), "ar": convert.read("عنوان\n\nهذه جملة قصيرة.\n", lang="ar")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvertWarning)  # the Arabic one is not simplified, as tested above
        for name, doc in pages.items():
            (tmp_path / f"{name}.html").write_text(review_html(doc), encoding="utf-8")
    with chromium() as driver:
        for name in pages:
            violations = violations_in(driver, (tmp_path / f"{name}.html").as_uri())
            assert violations == [], f"{name}: {describe(violations)}"


def test_the_review_page_shows_operations_verification_and_reasons(tmp_path):
    paths = convert.convert(SEED, ["html"], tmp_path, editions=["child"], review=True)
    names = sorted(p.name for p in paths)
    assert names == [f"{SEED.stem}.child-review.html", f"{SEED.stem}.child.html"]
    review = (tmp_path / SEED.stem / f"{SEED.stem}.child-review.html").read_text(encoding="utf-8")
    assert review.count("<tr") > 30 and "Flesch-Kincaid" in review
    assert "shorten_appositive" in review and "the verification passed" in review
    assert "Left as written: long, but no operation" in review and "Sentences left as written" in review


def test_shares_count_every_sentence_once() -> None:
    counts = shares(convert.read(SEED))
    assert counts.sentences > 10 and 0 < counts.rewritten < counts.sentences
    assert counts.as_written == counts.sentences - counts.rewritten
    assert sum(number for _, number in counts.reasons) == counts.as_written
    assert [number for _, number in counts.reasons] == sorted((n for _, n in counts.reasons), reverse=True)
