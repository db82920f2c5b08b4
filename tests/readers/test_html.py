"""The HTML reader: the article into the model, metadata, languages, quotes, figures, tables, broken markup."""

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
    Quoted,
    Rule,
    Span,
    Strong,
    Table,
    Text,
)
from convert.readers.html import read
from convert.transforms.prepare import prepare
from convert.transforms.sentences import mark
from convert.walk import query
from convert.writers.html import render

DATA = Path(__file__).parent / "data"


def html(markup: str) -> convert.Document:
    return prepare(read(markup))


def test_seed_written_as_html_reads_like_the_seed(seed_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert convert.read(DATA / "icat-child-trafficking-briefing.html") == convert.read(seed_path)


def test_our_html_output_reads_back_to_the_same_document(seed_path: Path) -> None:
    doc = convert.read(seed_path)
    assert mark(prepare(read(render(doc)))) == doc


def test_registered_extensions() -> None:
    for suffix in (".html", ".htm", ".xhtml"):
        assert convert.registry.reader_for(Path(f"page{suffix}")).name == "html"


def test_article_is_preferred_to_main_and_body() -> None:
    page = "<body><nav>Menu</nav><p>Site intro.</p><main><p>Main.</p><article><h1>T</h1><p>Story.</p></article></main>"
    assert html(page).blocks == (Paragraph((Text("Story."),)),)
    assert html("<body><p>Intro.</p><main><h1>T</h1><p>Main.</p></main><footer>(c)</footer>").blocks == (
        Paragraph((Text("Main."),)),
    )
    assert html("<p>Only body.</p>").blocks == (Paragraph((Text("Only body."),)),)


def test_metadata_from_head_and_header() -> None:
    doc = html(
        '<html lang="en-GB"><head><title>Site | Story</title><meta name="description" content="In short.">'
        '<meta name="author" content="Ann Lee, Bo Ma"><link rel="canonical" href="https://example.org/story">'
        '</head><body><article><header><h1>The Story</h1><p class="subtitle">And more</p>'
        '<p class="dateline">Geneva, <span class="date">3 March 2025</span></p></header><p>Text.</p></article>'
    )
    meta = doc.meta
    assert (meta.title, meta.subtitle, meta.lang, meta.dateline, meta.date) == (
        "The Story",
        "And more",
        "en-GB",
        "Geneva",
        "3 March 2025",
    )
    assert (meta.authors, meta.description, meta.source) == (
        ("Ann Lee", "Bo Ma"),
        "In short.",
        "https://example.org/story",
    )
    assert doc.blocks == (Paragraph((Text("Text."),)),)


def test_title_element_when_there_is_no_h1() -> None:
    assert html("<title>Page title</title><p>Text.</p>").meta.title == "Page title"


def test_inlines_and_whitespace_as_browsers_show_it() -> None:
    doc = html(
        "<h1>T</h1><p>\n  A <em>b</em>  <b>c</b> <code>d()</code>\n<a href='https://e.org'>e</a><br>f <i>g </i> h </p>"
    )
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
                Link((Text("e"),), "https://e.org"),
                Break(),
                Text("f "),
                Emph((Text("g "),)),
                Text("h"),
            )
        ),
    )


def test_language_of_page_passages_and_direction() -> None:
    doc = html('<html lang="en"><h1>T</h1><p>He said <span lang="fr">bonjour</span>.</p><p lang="de">Guten Tag.</p>')
    assert doc.meta.lang == "en"
    assert doc.blocks == (
        Paragraph((Text("He said "), Span((Text("bonjour"),), "fr"), Text("."))),
        Paragraph((Span((Text("Guten Tag."),), "de"),)),
    )
    assert html('<html lang="he"><h1>כותרת</h1><p>שלום עולם</p>').meta.lang == "he"
    # dir="rtl" without lang: the script says which right-to-left language it is.
    assert html('<html dir="rtl"><h1>عنوان</h1><p>مرحبا بالعالم، هذا نص عربي.</p>').meta.lang == "ar"
    mixed = html('<html lang="en"><h1>T</h1><p>Name: <bdi dir="rtl">שלום עולם</bdi></p>')
    assert mixed.blocks[0].content[1] == Span((Text("שלום עולם"),), "he")


def test_abbreviations_and_quotations() -> None:
    doc = html(
        '<h1>T</h1><p>The <abbr title="World Health Organization">WHO</abbr> said <q>stay home</q>; WHO again.</p>'
    )
    assert doc.blocks == (
        Paragraph(
            (
                Text("The "),
                Abbr("WHO", "World Health Organization"),
                Text(" said "),
                Quoted((Text("stay home"),)),
                Text("; "),
                Abbr("WHO", "World Health Organization"),
                Text(" again."),
            )
        ),
    )
    assert doc.meta.abbreviations == (("WHO", "World Health Organization"),)


@pytest.mark.parametrize(
    "markup",
    [
        "<figure><blockquote><p>Words.</p></blockquote><figcaption>— Ann Lee</figcaption></figure>",
        "<blockquote><p>Words.</p><footer>— <cite>Ann Lee</cite></footer></blockquote>",
        "<blockquote><p>Words.</p><p>— <cite>Ann Lee</cite></p></blockquote>",
    ],
)
def test_block_quotes_with_attribution(markup: str) -> None:
    (quote,) = html("<h1>T</h1>" + markup).blocks
    assert quote.blocks == (Paragraph((Text("Words."),)),)
    assert "Ann Lee" in convert.walk.plain_text(quote.attribution)


def test_block_quote_without_attribution() -> None:
    assert html("<h1>T</h1><blockquote>Loose <p>para</p></blockquote>").blocks == (
        Quote((Paragraph((Text("Loose"),)), Paragraph((Text("para"),)))),
    )


def test_figures_images_and_reports() -> None:
    with pytest.warns(ConvertWarning) as caught:
        doc = html(
            '<h1>T</h1><figure><img src="kite.png" alt="A red kite"><figcaption>The kite</figcaption></figure>'
            '<p>Before <img src="inline.png" alt="Inline"> after</p><img src="deco.png" alt="">'
            '<img src="undescribed.png">'
        )
    assert doc.blocks == (
        Figure("kite.png", "A red kite", (Text("The kite"),)),
        Paragraph((Text("Before after"),)),
        Figure("inline.png", "Inline"),
        Figure("deco.png", "", decorative=True),
        Figure("undescribed.png", ""),
    )
    messages = [str(w.message) for w in caught]
    assert any("'undescribed.png' has no text alternative" in m and ":1:" in m for m in messages)


def test_table_with_caption_header_cells_and_spans() -> None:
    doc = html(
        "<h1>T</h1><table><caption>Ages</caption><tr><th>Name<th>Age<tr><td>Ann<td>7"
        "<tr><td colspan=2><p>Both</p><p>cells</p></table>"
    )
    assert doc.blocks == (
        Table(
            head=(((Text("Name"),), (Text("Age"),)),),
            rows=(((Text("Ann"),), (Text("7"),)), ((Text("Both cells"),), ())),
            caption=(Text("Ages"),),
        ),
    )


def test_lists_code_rules_and_asides() -> None:
    doc = html(
        '<h1>T</h1><ol start="4"><li>four<ul><li>sub</li></ul></li></ol><pre class="language-sh"><code>ls -l\n'
        'cd /</code></pre><hr><aside class="key-points"><h2>Key points</h2><p>One.</p></aside>'
    )
    assert doc.blocks == (
        List(
            (ListItem((Paragraph((Text("four"),)), List((ListItem((Paragraph((Text("sub"),)),)),)))),),
            ordered=True,
            start=4,
        ),
        CodeBlock("ls -l\ncd /", "sh"),
        Rule(),
        Aside("key-points", (Heading(2, (Text("Key points"),), "key-points"), Paragraph((Text("One."),)))),
    )


def test_in_page_links_point_to_the_heading_of_their_section() -> None:
    doc = html(
        '<h1>T</h1><p><a href="#fig">see the figure</a>, <a href="#nowhere">lost</a>.</p>'
        '<h2 id="results">Results</h2><p id="fig">Here.</p>'
    )
    assert doc.blocks[0] == Paragraph((Link((Text("see the figure"),), "#results"), Text(", lost.")))


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("<p>one<p>two", (Paragraph((Text("one"),)), Paragraph((Text("two"),)))),
        (
            "<p>a <b>bold <i>both</b> rest",
            (Paragraph((Text("a "), Strong((Text("bold "), Emph((Text("both"),)))), Text(" rest"))),),
        ),
        ("<ul><li>x<li>y</ul>", (List((ListItem((Paragraph((Text("x"),)),)), ListItem((Paragraph((Text("y"),)),)))),)),
        ("<p>5 &lt; 6 &amp tags </span></div>", (Paragraph((Text("5 < 6 & tags"),)),)),
    ],
)
def test_broken_html_reads_without_error(broken: str, expected: tuple) -> None:
    assert html("<h1>T</h1>" + broken).blocks == expected


def test_a_page_with_nothing_readable_is_an_input_error(tmp_path: Path) -> None:
    source = tmp_path / "empty.html"
    source.write_text("<html><head><script>x()</script></head><body><form><input></form></body></html>")
    with pytest.raises(InputError, match="no readable text") as caught:
        convert.read(source)
    assert caught.value.path == source


def test_nesting_deeper_than_the_parser_allows_is_flattened_as_browsers_do() -> None:
    doc = html("<h1>T</h1>" + "<div><p>x</p>" * 3000 + "<p>deepest</p>" + "</div>" * 3000 + "<p>after</p>")
    text = convert.walk.plain_text(doc)
    assert text.count("x") == 3000 and "deepest" in text and text.endswith("after")


def test_a_column_of_row_headers_is_kept_and_written_back() -> None:
    doc = html(
        "<table><tr><th>District</th><th>Primary</th></tr>"
        "<tr><th scope=row>North</th><td>91%</td></tr><tr><th>South</th><td>88%</td></tr></table>"
    )
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert (len(table.head), table.header_columns) == (1, 1)
    page = render(doc)
    assert page.count('<th scope="row">') == 2 and page.count('<th scope="col">') == 2


def test_links_resolve_against_the_base_href_and_relative_ones_without_it_become_text() -> None:
    doc = html(
        '<head><base href="https://example.org/wiki/Page"></head><body><h2 id="a">A</h2>'
        '<p><a href="/wiki/Other">other</a> <a href="Next">next</a> <a href="Page#a">here</a></p></body>'
    )
    assert [link.url for link in query(doc, Link)] == [
        "https://example.org/wiki/Other",
        "https://example.org/wiki/Next",
        "#a",
    ]
    with pytest.warns(ConvertWarning, match=r"relative link kept as text \('CHANGELOG.md' on line 1\)"):
        plain = html('<p>See the <a href="CHANGELOG.md">changes</a>.</p>')
    assert not query(plain, Link)
