"""Language tags from every place they enter: one BCP 47 check, a clear error or warning, escaping everywhere (M6, m7).

A tag goes into attributes and XML parts of every format (lang, xml:lang, Word's styles.xml and settings.xml,
the EPUB package), so a hostile one could break a file or inject attributes; a careless one (a list, a word)
would be written out as if it were a language.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import convert
from convert import langtag
from convert.errors import ModelError, UsageError
from convert.model import Document, Meta, Paragraph, Span, Text
from convert.writers.docx import settings_xml, styles_xml
from tests.adversarial.hostile import run

WELL_FORMED = [
    "en", "EN", "en-US", "en-us", "fr-CA", "zh-Hant", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1996",
    "sl-rozaj-biske", "hy-Latn-IT-arevela", "zh-yue-HK", "ar-arb", "en-a-bbb-x-a-ccc", "x-private",
    "qaa-Qaaa-QM-x-southern", "i-klingon", "en-GB-oed", "sgn-BE-FR", "zh-min-nan", "und", "mis",
]  # fmt: skip
HOSTILE = [
    "", " ", "a<b", 'en" injected="yes', "en'x", "en\x01", "en\x00", "en\nfr", "en&amp;", "en fr", "en,fr",
    "['en', 'fr']", "english", "Français", "e", "1234", "en-", "-en", "en--US", "en-US-", "en_", "x", "x-",
    "en-abcdefghi", "a" * 200, "en-US-" + "a" * 200, "\u202een", "ｅｎ", "en\u200b",
]  # fmt: skip


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed_tags_enter(tag: str) -> None:
    assert langtag.normalise(tag) == tag and langtag.is_valid(tag)
    assert Meta("T", lang=tag).lang == tag


def test_locale_spellings_become_tags() -> None:
    assert langtag.normalise(" en_US ") == "en-US" and langtag.normalise("pt_BR") == "pt-BR"


@pytest.mark.parametrize("tag", HOSTILE)
def test_hostile_tags_never_enter_the_model(tag: str) -> None:
    assert langtag.normalise(tag) is None
    with pytest.raises(ModelError):
        Meta("T", lang=tag)
    with pytest.raises(ModelError):
        Span((Text("x"),), tag)


@pytest.mark.parametrize("tag", [t for t in HOSTILE if t.strip()])
def test_hostile_tags_are_a_usage_error_from_the_api(tag: str, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("A title\n\nSome text here.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is not a language tag"):
        convert.convert(source, ["html"], tmp_path / "out", lang=tag)
    with pytest.raises(UsageError):
        convert.read(source, lang=tag)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("tag", ["a<b", 'en" injected="yes', "en\x01", "en fr"])
def test_hostile_tags_are_exit_2_from_the_command_line_before_any_output(tag: str, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("A title\n\nSome text here.\n", encoding="utf-8")
    result = run(source, "--to", "html,pdf,docx,epub", "--lang", tag, "--out", tmp_path / "out")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "is not a language tag" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_word_parts_escape_the_tag_whatever_reaches_them() -> None:
    # The model refuses such tags; the XML parts still escape, so no other path can break them.
    from convert.writers.docx import look_for

    for tag in ('en" injected="yes', "a<b&c"):
        for xml in (styles_xml(look_for("default"), 'Font "X"', tag), settings_xml(tag, look_for("default"))):
            root = etree.fromstring(xml.encode("utf-8"))
            values = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("}val")]
            assert tag in values and not any("injected" in str(k) for e in root.iter() for k in e.attrib)


HTML_LANGS = (
    '<html lang="{page}"><body><h1>T</h1><p>One <span lang="{span}">deux</span> <q xml:lang="{span}">x</q>.</p>'
    "</body></html>"
)


@pytest.mark.parametrize("bad", ['en" injected="yes', "a<b", "['en', 'fr']", "english", "zh_Hant_"])
def test_document_lang_attributes_that_are_not_tags_are_ignored_with_a_warning(bad: str, tmp_path: Path) -> None:
    escaped = bad.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace("\x01", "&#1;")
    source = tmp_path / "page.html"
    source.write_text(HTML_LANGS.format(page=escaped, span=escaped), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = convert.convert(source, ["html", "docx", "epub"], tmp_path / "out")
    messages = [str(w.message) for w in caught if "is not a language tag" in str(w.message)]
    assert len(messages) == 1 and "page.html:1:" in messages[0], messages  # said once, with the line
    page = etree.HTML(written[0].read_bytes())
    assert page.get("lang") == "en" and all(langtag.is_valid(v) for v in page.xpath("//@lang"))
    with zipfile.ZipFile(written[1]) as docx:
        for part in ("word/styles.xml", "word/settings.xml", "word/document.xml"):
            etree.fromstring(docx.read(part))  # well-formed
            assert b"injected" not in docx.read(part)
    with zipfile.ZipFile(written[2]) as book:
        assert all(b"injected" not in book.read(name) for name in book.namelist())


def test_valid_span_languages_survive_every_format(tmp_path: Path) -> None:
    doc = Document(Meta("T", lang="en"), (Paragraph((Text("Say "), Span((Text("bonjour"),), "fr-CA"), Text("."))),))
    for fmt in ("html", "docx", "epub"):
        convert.write(doc, tmp_path / f"t.{fmt}")
    assert 'lang="fr-CA"' in (tmp_path / "t.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "t.docx") as docx:
        assert b'w:val="fr-CA"' in docx.read("word/document.xml")
