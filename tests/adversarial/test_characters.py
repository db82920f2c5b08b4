"""Characters and encodings: references to what XML cannot hold, broken and unusual encodings, DTD subsets (M5, m8, m6).

The kind: any way a character that XML (and so every format) cannot hold reaches the model, in text or in an
attribute, and any way a source's bytes can be other than clean UTF-8.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import pytest

import convert
from convert.walk import plain_text

# Every code point XML 1.0 cannot hold (C0 but tab, LF and CR; surrogates; U+FFFE, U+FFFF), beyond Unicode, and NUL.
NOT_XML = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFE, 0xFFFF]
NOT_XML += [0x110000, 0x7FFFFFFF]
SPELLINGS = ["&#{d};", "&#x{x};", "&#X{X};", "&#x000{x};", "&#{d}", "&#x{x}"]
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def references() -> list[str]:
    """Every spelling of a reference to every code point XML cannot hold."""
    return [spelling.format(d=c, x=f"{c:x}", X=f"{c:X}") for c in NOT_XML for spelling in SPELLINGS]


def hostile_page() -> str:
    """A page with such references in text and in every attribute that reaches the model."""
    parts = []
    for number, ref in enumerate(references()):
        parts.append(
            f'<p title="t{ref}">Text {number} g{ref}z <abbr title="Exp{ref}ansion">AB{ref}C</abbr> '
            f'<a href="https://example.org/{ref}">link{ref}</a> <q>q{ref}</q> <code>c{ref}</code> '
            f'<span lang="fr{ref}">mot{ref}</span></p><figure><img src="x{ref}.png" alt="alt{ref}">'
            f"<figcaption>cap{ref}</figcaption></figure>"
        )
    return "<html lang='en'><head><title>T&#1;itle</title></head><body><h1>Ti&#x1b;tle</h1>" + "".join(parts)


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("references")
    source = folder / "page.html"
    source.write_text(hostile_page() + "\n<pre>&#0;&#1;</pre></body></html>", encoding="utf-8")
    markdown = folder / "notes.md"
    refs = references()
    markdown.write_text(
        '---\ntitle: "T\\x01"\n---\n\n# Head&#1;ing\n\n'
        + "\n\n".join(f'Para {r} [link{r}](https://x.org/{r} "ti{r}tle") ![alt{r}](p{r}.png) *em{r}*' for r in refs),
        encoding="utf-8",
    )
    outputs = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fmt in ("html", "docx", "epub", "pdf"):
            outputs[f"html-{fmt}"] = convert.convert(source, [fmt], folder / "out")[0]
        for fmt in ("html", "docx", "epub"):
            outputs[f"md-{fmt}"] = convert.convert(markdown, [fmt], folder / "out")[0]
    return outputs


def _texts(path: Path) -> list[str]:
    if path.suffix in (".docx", ".epub"):
        with zipfile.ZipFile(path) as archive:
            return [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xml", ".xhtml"))]
    return [path.read_text(encoding="utf-8")]


@pytest.mark.parametrize("name", ["html-html", "html-docx", "html-epub", "md-html", "md-docx", "md-epub"])
def test_references_xml_cannot_hold_are_cleaned_in_text_and_attributes(
    name: str, hostile_outputs: dict[str, Path]
) -> None:
    for text in _texts(hostile_outputs[name]):
        assert not XML_UNSAFE.search(text)
    joined = "".join(_texts(hostile_outputs[name]))
    # The rest of each passage is kept: the references go (NUL becomes U+FFFD, as in browsers), nothing else.
    if name.startswith("html"):
        assert "Text 0 g\ufffdz" in joined and "Text 6 gz" in joined and "Expansion" in joined


def test_the_pdf_is_made_too(hostile_outputs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    # pypdf reads the two-byte font codes of the replacement glyph's neighbours with NULs between: dropped here.
    text = "".join(page.extract_text() for page in PdfReader(hostile_outputs["html-pdf"]).pages[:2])
    assert "Text 6 gz" in text.replace("\x00", "")


def test_html_character_references_of_windows_1252_stay_what_browsers_show() -> None:
    doc = convert.read("<html><body><h1>T</h1><p>&#150; &#147;q&#148; &#128; &#x85;</p></body></html>", format="html")
    assert plain_text(doc.blocks) == "– “q” € …"


BROKEN_UTF8 = {
    "lone continuation byte": b"caf\x80 ok",
    "truncated sequence": b"caf\xc3 ok",
    "overlong slash": b"a \xc0\xaf b",
    "encoded surrogate": b"x \xed\xa0\x80 y",
    "beyond Unicode": b"x \xf5\x80\x80\x80 y",
    "bytes never in UTF-8": b"bad \xff\xfe\xc3(",
}


@pytest.mark.parametrize("name", BROKEN_UTF8)
def test_invalid_utf8_in_a_mostly_utf8_file_is_kept_marked_and_reported_by_line(name: str, tmp_path: Path) -> None:
    source = tmp_path / "broken.txt"
    # Real UTF-8 around the damage: the file was meant as UTF-8.
    source.write_bytes("Grüße aus Köln\n\nEin Absatz, schön.\n\n".encode() + BROKEN_UTF8[name] + b"\n\nEnd.\n")
    with pytest.warns(convert.ConvertWarning, match=r"line 5: the text is not valid UTF-8") as caught:
        doc = convert.read(source)
    assert len(caught) == 1
    text = plain_text(doc.blocks)
    assert "\ufffd" in text and "schön" in text and "End." in text


def test_a_mostly_ascii_file_in_a_legacy_encoding_is_read_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    source = tmp_path / "legacy.txt"
    source.write_bytes(b"A title\n\nPlain words first.\n\nCaf\xe9 cr\xe8me br\xfbl\xe9e, tr\xe8s bien.\n")
    with pytest.warns(convert.ConvertWarning, match=r"line 5: the text is not UTF-8; it was read as cp1252"):
        doc = convert.read(source)
    assert "Café crème brûlée, très bien." in plain_text(doc.blocks)


TEXT = "A title\n\nOne paragraph, with Grüße and “quotes”.\n\nAnother one.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("bom", [False, True])
def test_utf16_and_utf32_are_read_with_or_without_a_bom(encoding: str, bom: bool, tmp_path: Path) -> None:
    source = tmp_path / "wide.txt"
    source.write_bytes((("\ufeff" if bom else "") + TEXT).encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = convert.read(source)
    assert doc.meta.title == "A title" and "Grüße and “quotes”" in plain_text(doc.blocks)


def test_binary_files_with_nul_bytes_are_still_refused(tmp_path: Path) -> None:
    source = tmp_path / "binary.txt"
    source.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(convert.InputError, match="not a text file"):
        convert.read(source)


SUBSETS = [
    '<!DOCTYPE html [\n<!ENTITY % pe "x">\n%pe;]>',
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "x.dtd" [\n'
    '<!ENTITY copy "&#169;">\n<!ENTITY trap "]>">\n]>',
    "<!doctype html [ <!ENTITY e 'text'> ]  >",
    '<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
]


@pytest.mark.parametrize("subset", SUBSETS)
@pytest.mark.parametrize("suffix", [".xhtml", ".html"])
def test_internal_dtd_subsets_are_dropped_whole_and_never_expanded(subset: str, suffix: str, tmp_path: Path) -> None:
    source = tmp_path / f"page{suffix}"
    source.write_text(
        subset + '\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>'
        "<body><h1>Title</h1><p>First &lol2; paragraph.</p></body></html>",
        encoding="utf-8",
    )
    doc = convert.read(source)
    text = plain_text(doc.blocks)
    assert "]>" not in text and "%pe;" not in text and "ENTITY" not in text
    assert text.startswith("First") and "lollol" not in text


@pytest.mark.parametrize(
    "declaration",
    ['<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' encoding='iso-8859-1' standalone='yes'?>"],
)
def test_an_xml_declaration_naming_an_encoding_does_not_stop_the_reader(declaration: str, tmp_path: Path) -> None:
    source = tmp_path / "page.xhtml"
    source.write_text(
        declaration + '\n<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>T</h1><p>Körper.</p></body></html>'
    )
    assert plain_text(convert.read(source).blocks) == "Körper."
