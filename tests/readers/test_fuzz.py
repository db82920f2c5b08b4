"""Fuzzing the Markdown and HTML readers: any input gives a Document or our InputError, in linear work."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.errors import InputError
from convert.model import Document
from convert.readers import html, markdown
from convert.transforms.prepare import prepare
from convert.walk import plain_text
from convert.writers.html import render

READERS = {"markdown": markdown.read, "html": html.read}
# No example database: runs stay independent and leave no .hypothesis folder in the work tree.
FUZZ = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
TAGS = str.split(
    "p div b i em a span ul ol li table tr td th blockquote q abbr h1 h2 figure figcaption img pre code script style"
    " br section aside"
)
MARKS = [
    "*",
    "_",
    "**",
    "`",
    "[",
    "](",
    ")",
    "> ",
    "- ",
    "1. ",
    "#",
    "|",
    "---",
    "\n",
    "\n\n",
    "![",
    "[^1]",
    "<b>",
    "</b>",
]


def read_fully(name: str, source: str) -> Document | None:
    """Read, prepare and render: the whole path a source takes; None when it is refused with InputError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = prepare(READERS[name](source))
        except InputError as error:
            assert str(error)
            return None
        plain_text(doc)
        render(doc)
    return doc


@pytest.mark.parametrize("name", READERS)
@FUZZ
@given(source=st.text())
def test_random_unicode(name: str, source: str) -> None:
    read_fully(name, source)


markup = st.lists(
    st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.tuples(
            st.sampled_from(TAGS),
            st.sampled_from(["lang", "dir", "href", "src", "alt", "title", "onclick"]),
            st.text(max_size=8),
        ).map(lambda t: f'<{t[0]} {t[1]}="{t[2]}">'),
        st.text(max_size=20),
        st.sampled_from(["&amp;", "&#0;", "&bogus", "<!--", "-->", "<![CDATA[", "<?x", "<", ">", '"']),
    ),
    max_size=60,
).map("".join)


@FUZZ
@given(source=markup)
def test_random_tag_soup(source: str) -> None:
    read_fully("html", source)


@FUZZ
@given(source=st.lists(st.one_of(st.sampled_from(MARKS), st.text(max_size=10)), max_size=80).map("".join))
def test_random_markdown_syntax(source: str) -> None:
    read_fully("markdown", source)


DEEP = {
    "html": [f"<{t}>" * 1000 + "deep" for t in ("div", "blockquote", "b", "span", "q", "a href='#x'", "section")]
    + ["<ul><li>" * 1000 + "deep", "<table><tr><td>" * 1000 + "deep", "<p lang='fr'><span lang='de'>" * 500 + "x"],
    "markdown": ["> " * 1000 + "deep", "- " * 1000 + "deep", "*" * 1000 + "deep" + "*" * 1000,
                 "[" * 1000 + "x" + "](y)" * 1000, "".join("  " * i + "- item\n" for i in range(1000)),
                 "<div>" * 1000 + "deep"],
}  # fmt: skip


@pytest.mark.parametrize(("name", "source"), [(n, s) for n, sources in DEEP.items() for s in sources])
def test_nesting_a_thousand_levels_deep(name: str, source: str) -> None:
    limit = sys.getrecursionlimit()
    doc = read_fully(name, "# T\n\n" + source if name == "markdown" else "<h1>T</h1>" + source)
    assert sys.getrecursionlimit() == limit
    assert doc is not None and doc.meta.title == "T"


HUGE = {
    "html": ["<p>" + "word " * 200_000, "<p>" + "x" * 1_000_000, "<b>" * 20_000 + "unclosed", "<p>a" * 20_000],
    "markdown": ["word " * 200_000, "x" * 1_000_000, "*a " * 50_000, "[a](b) " * 20_000,
                 "| a |\n|---|\n" + "| b |\n" * 20_000],
}  # fmt: skip


@pytest.mark.parametrize(("name", "source"), [(n, s) for n, sources in HUGE.items() for s in sources])
def test_huge_lines_and_unclosed_tags(name: str, source: str) -> None:
    doc = read_fully(name, source)
    assert doc is not None and plain_text(doc)


def work(function: Callable[[], object]) -> int:
    """Python calls made by function (C functions included): a measure of work that does not depend on the machine."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        function()
    finally:
        sys.setprofile(None)
    return count


GROWING = {
    "html-one-paragraph": lambda n: "<h1>T</h1><p>" + "<a href='x'>l</a> <abbr title='United Nations'>UN</abbr> " * n,
    "markdown-one-paragraph": lambda n: "# T\n\n" + "[a](b) *c* `d` " * n,
    "html": lambda n: "<h1>T</h1>" + "<p>Text <b>bold <i>more</b> (UN) “q” <a href='#x'>l</a>" * n,
    "markdown": lambda n: (
        "# T\n\n" + "Text *em* **strong** `c` [l](u) (UN) “q”[^1]\n\n- a\n  - b\n\n> q\n\n" * n + "[^1]: n\n"
    ),
}


@pytest.mark.parametrize("name", GROWING)
def test_work_grows_linearly(name: str) -> None:
    reader = name.split("-")[0]
    small, large = (work(lambda n=n: read_fully(reader, GROWING[name](n))) for n in (200, 800))
    # Four times the input may cost a little more than four times the work (fixed costs are shared), never sixteen.
    assert large / small < 5.5, f"{large / small:.1f} times the work for 4 times the input"


# Front matter: any YAML an author (or an attacker) might write gives a Document or one InputError with its line.

SCALARS = st.one_of(
    st.text(max_size=12).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(["2024-02-30", "2024-02-29", "2024-13-01", "1e400", "-.inf", ".nan", "~", "null", "yes", "0x1F"]),
    st.sampled_from(["!!binary aGVsbG8=", "!!timestamp 2024-00-01", "!!int 12", "!!python/object:os.system ls"]),
    st.integers().map(str),
    st.sampled_from(["en", "fr-CA", "english", "en_US", "a<b", "[en, fr]", "{a: 1}", "'\\x01'", '"\\x01"']),
)
KEYS = st.sampled_from([*markdown.FRONT_MATTER, "other", "<<", "Title", "LANG"])


def yaml_value(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return SCALARS
    inner = yaml_value(depth - 1)
    return st.one_of(
        SCALARS,
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(KEYS, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
    )


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines, anchors = [], []
    for number in range(draw(st.integers(0, 6))):
        key = draw(KEYS)
        if anchors and draw(st.booleans()):
            value = "*" + draw(st.sampled_from(anchors))  # an alias, perhaps of a growing structure
        else:
            value = draw(yaml_value(2))
            if draw(st.booleans()):
                anchors.append(f"a{number}")
                value = f"&a{number} {value}"
        lines.append(f"{key}: {value}")
    junk = draw(st.sampled_from(["", "\t", "- x", ": :", "&", "*undefined", "%YAML 1.1", "? complex"]))
    return "---\n" + "\n".join([*lines, junk]) + "\n---\n\n# Heading\n\nText.\n"


@FUZZ
@given(source=front_matter())
def test_random_front_matter(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = prepare(markdown.read(source))
        except InputError as error:
            assert str(error) and error.line is not None and error.line >= 1
            return
    from convert import langtag

    assert langtag.is_valid(doc.meta.lang) and isinstance(doc.meta.title, str) and "{'" not in doc.meta.title
    render(doc)


# HTML character references and attributes: whatever they hold, the model holds text XML can carry.

REFERENCES = st.one_of(
    st.integers(0, 0x11FFFF).map(lambda c: f"&#{c};"),
    st.integers(0, 0x11FFFF).map(lambda c: f"&#x{c:x}"),
    st.integers(0, 0x40).map(lambda c: f"&#X{c:04X};"),
    st.sampled_from(["&amp;", "&lt;", "&quot;", "&nbsp;", "&bogus;", "&", "&#", "&#x;", "&#;", "&#99999999999;"]),
)
ATTRIBUTES = [
    "lang",
    "xml:lang",
    "dir",
    "alt",
    "title",
    "href",
    "src",
    "class",
    "style",
    "start",
    "colspan",
    "id",
    "role",
]
ATTRIBUTE_TAGS = ["p", "span", "a", "img", "abbr", "ol", "td", "q", "h2", "section", "html", "figure"]
XML_UNSAFE = __import__("re").compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@st.composite
def attributed_markup(draw: st.DrawFn) -> str:
    parts = ["<h1>T</h1>"]
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(st.sampled_from(ATTRIBUTE_TAGS))
        values = st.lists(st.one_of(REFERENCES, st.text(max_size=4)), max_size=4).map("".join)
        attributes = "".join(
            f' {name}="{draw(values).replace(chr(34), "")}"'
            for name in draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3, unique=True))
        )
        text = draw(st.lists(st.one_of(REFERENCES, st.text(max_size=6)), max_size=6).map("".join))
        parts.append(f"<{tag}{attributes}>{text}</{tag}>")
    return "".join(parts)


@FUZZ
@given(source=attributed_markup())
def test_random_character_references_and_attributes(source: str) -> None:
    from convert import langtag
    from convert.model import Span
    from convert.walk import query

    doc = read_fully("html", source)
    if doc is None:
        return
    assert langtag.is_valid(doc.meta.lang) and all(langtag.is_valid(span.lang) for span in query(doc, Span))
    assert not XML_UNSAFE.search(plain_text(doc)) and not XML_UNSAFE.search(repr(doc.meta))
