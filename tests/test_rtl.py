"""Right-to-left documents (Arabic, Hebrew) through every registered writer, each checked in its real output."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import convert
from convert.model import Document, Paragraph, text_direction
from convert.registry import writers
from convert.walk import plain_text, query

# Short documents: slow engines (PDF, audio) stay quick. Each has a heading, paragraphs, a list and a number.
SOURCES = {
    "ar": """# تقرير قصير عن التعليم

## مقدمة

تعمل المدارس في المدينة على تحسين القراءة لدى الأطفال منذ عام 2024.

- القراءة كل يوم
- الكتابة مع المعلم

قال المدير إن النتائج جيدة جداً.
""",
    "he": """# דוח קצר על חינוך

## מבוא

בתי הספר בעיר משפרים את הקריאה של הילדים מאז שנת 2024.

- קריאה בכל יום
- כתיבה עם המורה

המנהל אמר שהתוצאות טובות מאוד.
""",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module", params=sorted(SOURCES))
def rtl_doc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Document:
    """The document read from Markdown that does not name its language: detection must find it."""
    path = tmp_path_factory.mktemp(request.param) / f"{request.param}.md"
    path.write_text(SOURCES[request.param], encoding="utf-8")
    doc = convert.read(path)
    assert doc.meta.lang == request.param
    return doc


@pytest.fixture(scope="module")
def outputs(rtl_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every registered writer's output for the document, written once for all the checks."""
    folder = tmp_path_factory.mktemp(f"out-{rtl_doc.meta.lang}")
    written = {}
    for name, spec in writers().items():
        written[name] = convert.write(rtl_doc, folder / f"doc{spec.extension}", to=name)
    return written


def test_language_is_right_to_left(rtl_doc: Document) -> None:
    assert text_direction(rtl_doc.meta.lang) == "rtl"


def test_every_writer_writes_a_file(outputs: dict[str, Path]) -> None:
    assert set(outputs) == set(writers())
    for path in outputs.values():
        assert path.stat().st_size > 0


# PDF ---------------------------------------------------------------------------------------------


def _letters(text: str) -> str:
    """Letters only, in order: where extractors put digits, punctuation and marks at a direction change is a guess."""
    return "".join(c for c in text if c.isalpha())


def _to_unicode(stream: bytes) -> dict[int, str]:
    """Glyph code -> text from a ToUnicode CMap (bfchar and bfrange entries)."""
    mapping: dict[int, str] = {}
    text = stream.decode("latin-1")

    def decode(hex_: str) -> str:
        raw = bytes.fromhex(hex_)
        return raw.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(code, 16)] = decode(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, rest in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[.*?\]|<[0-9A-Fa-f]*>)", block, re.S
        ):
            start, end = int(low, 16), int(high, 16)
            if rest.startswith("["):
                for offset, value in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    mapping[start + offset] = decode(value)
            else:
                first = int(rest.strip("<>"), 16)
                for offset in range(end - start + 1):
                    mapping[start + offset] = chr(first + offset)
    return mapping


def pdf_fonts(path: Path) -> list[tuple[str, bool, dict[int, str]]]:
    """Every font the PDF's pages use: (name, whether its program is embedded, its ToUnicode map)."""
    import pikepdf

    found = []
    with pikepdf.open(path) as pdf:
        seen = set()
        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for key in fonts.keys():  # noqa: SIM118 - pikepdf dictionaries iterate keys only this way
                font = fonts[key]
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                descendant = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
                descriptor = descendant.get("/FontDescriptor", {})
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                cmap = _to_unicode(font["/ToUnicode"].read_bytes()) if "/ToUnicode" in font else {}
                found.append((str(font.get("/BaseFont", "")), embedded, cmap))
    return found


def check_pdf_rtl(doc: Document, path: Path) -> None:
    """The text extracts in logical order, fonts are embedded, and every character has a glyph (no empty boxes)."""
    from pypdf import PdfReader

    extracted = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
    letters = _letters(extracted)
    for paragraph in query(doc, Paragraph):
        assert _letters(plain_text(paragraph)) in letters, f"{plain_text(paragraph)!r} not in logical order"
        for number in re.findall(r"\d+", plain_text(paragraph)):
            assert number in extracted, f"{number} missing or reversed"
    fonts = pdf_fonts(path)
    assert fonts, "the PDF uses no fonts"
    covered: set[str] = set()
    for name, embedded, cmap in fonts:
        assert embedded, f"font {name} is not embedded"
        # Glyph 0 is .notdef, the empty box drawn for a character the font lacks.
        assert 0 not in cmap, f"font {name} draws {cmap.get(0)!r} as .notdef (an empty box)"
        covered.update("".join(cmap.values()))
    needed = {c for c in plain_text(doc) + doc.meta.title if not c.isspace()}
    assert needed <= covered, f"characters without a glyph: {sorted(needed - covered)}"


# DOCX --------------------------------------------------------------------------------------------


def _styles(archive: zipfile.ZipFile) -> tuple[dict[str, etree._Element], etree._Element | None]:
    if "word/styles.xml" not in archive.namelist():
        return {}, None
    root = etree.fromstring(archive.read("word/styles.xml"))
    styles = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
    return styles, root.find(f"{W}docDefaults")


def _effective(
    element: etree._Element | None, props: str, flag: str, style_key: str, styles: dict, defaults: etree._Element | None
) -> bool:
    """Whether a paragraph or run has flag (w:bidi, w:rtl) directly, through its style chain, or by default."""
    own = element.find(f"{W}{props}") if element is not None else None
    if own is not None and own.find(f"{W}{flag}") is not None:
        return own.find(f"{W}{flag}").get(f"{W}val", "1") not in ("0", "false")
    style_ref = own.find(f"{W}{style_key}") if own is not None else None
    style_id = style_ref.get(f"{W}val") if style_ref is not None else ("Normal" if props == "pPr" else None)
    visited = set()
    while style_id and style_id in styles and style_id not in visited:
        visited.add(style_id)
        style = styles[style_id]
        found = style.find(f"{W}{props}/{W}{flag}")
        if found is not None:
            return found.get(f"{W}val", "1") not in ("0", "false")
        based = style.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None
    if defaults is not None:
        found = defaults.find(f".//{W}{props}/{W}{flag}")
        if found is not None:
            return found.get(f"{W}val", "1") not in ("0", "false")
    return False


def check_docx_rtl(doc: Document, path: Path) -> None:
    """Every paragraph with right-to-left text is bidi, and every run of it is rtl."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles, defaults = _styles(archive)
    rtl_letters = re.compile("[\u0590-\u08ff]")
    checked = 0
    for paragraph in body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        if not rtl_letters.search(text):
            continue
        checked += 1
        assert _effective(paragraph, "pPr", "bidi", "pStyle", styles, defaults), f"paragraph {text!r} is not bidi"
        for run in paragraph.iter(f"{W}r"):
            run_text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if rtl_letters.search(run_text):
                assert _effective(run, "rPr", "rtl", "rStyle", styles, defaults), f"run {run_text!r} is not rtl"
    assert checked, "no right-to-left paragraph found in the document"


# EPUB --------------------------------------------------------------------------------------------


def check_epub_rtl(doc: Document, path: Path) -> None:
    """The spine turns pages right to left and the package names the language."""
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
    assert opf.find("{*}spine").get("page-progression-direction") == "rtl"
    languages = [e.text for e in opf.iter("{http://purl.org/dc/elements/1.1/}language")]
    assert doc.meta.lang in languages


def check_html_rtl(doc: Document, path: Path) -> None:
    """The page says its language and direction, and holds the text in logical order."""
    page = etree.parse(str(path), etree.HTMLParser()).getroot()
    assert (page.get("lang"), page.get("dir")) == (doc.meta.lang, "rtl")
    body_text = "".join(page.find("body").itertext())
    for paragraph in query(doc, Paragraph):
        assert plain_text(paragraph) in body_text


CHECKS = {"html": check_html_rtl, "pdf": check_pdf_rtl, "docx": check_docx_rtl, "epub": check_epub_rtl}


@pytest.mark.parametrize("name", [name for name in CHECKS if name in writers()])
def test_writer_output_is_right_to_left(name: str, rtl_doc: Document, outputs: dict[str, Path]) -> None:
    CHECKS[name](rtl_doc, outputs[name])
