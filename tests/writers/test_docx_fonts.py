"""Fonts embedded in Word files: obfuscated as ECMA-376 §17.8.1 says, each face in its slot, named in the table."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from convert.themes import FontFace, theme_fonts
from convert.writers.docx_fonts import SLOTS, EmbeddedFont, font_key, font_table_xml, obfuscate, slot

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_the_key_is_a_guid_from_the_bytes() -> None:
    key = font_key(b"font data")
    assert key == font_key(b"font data") != font_key(b"other data")
    assert key.startswith("{") and key.endswith("}") and len(key) == 38 and key == key.upper()


def test_obfuscation_xors_the_first_32_bytes_with_the_reversed_key_and_undoes_itself() -> None:
    data = bytes(range(64))
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    hidden = obfuscate(data, key)
    reversed_key = bytes.fromhex("00112233445566778899AABBCCDDEEFF")[::-1]
    assert hidden[0] == data[0] ^ reversed_key[0] == 0xFF
    assert hidden[16] == data[16] ^ reversed_key[0]
    assert hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data
    assert obfuscate(obfuscate(b"short", key), key) == b"short", "a file shorter than 32 bytes too"


def test_each_face_fills_its_slot() -> None:
    def face(weight: str, style: str) -> FontFace:
        return FontFace("F", Path("f.ttf"), weight, style, "OFL-1.1")

    assert [
        slot(face(w, s)) for w, s in [("400", "normal"), ("700", "normal"), ("400", "italic"), ("700", "italic")]
    ] == [
        "Regular",
        "Bold",
        "Italic",
        "BoldItalic",
    ]
    assert slot(face("100 900", "normal")) == "Regular", "a variable font serves as the regular face"
    assert {slot(f) for f in theme_fonts("default")} <= set(SLOTS)


def test_the_font_table_names_the_family_with_its_embeds_in_schema_order() -> None:
    embedded = [EmbeddedFont("Bold", "rId2", "{B}"), EmbeddedFont("Regular", "rId1", "{A}")]
    root = etree.fromstring(font_table_xml('Atkinson "Hyperlegible"', embedded).encode("utf-8"))
    first = root.find(f"{{{W}}}font")
    assert first.get(f"{{{W}}}name") == 'Atkinson "Hyperlegible"'
    assert [etree.QName(child).localname for child in first][-2:] == ["embedRegular", "embedBold"]
    assert len(root.findall(f"{{{W}}}font")) > 1, "the fallback fonts follow"
