"""Embedding fonts in a .docx: obfuscated font parts and their fontTable.xml entries (ECMA-376 Part 1 §17.8)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from convert.themes import FontFace

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
"""The content type of an obfuscated embedded font part (.odttf)."""
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
"""The relationship type from fontTable.xml to an embedded font part."""
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
# Fonts the styles name besides the theme's own, listed so Word can substitute sensibly when they are absent.
SLOTS = ("Regular", "Bold", "Italic", "BoldItalic")
OTHER_FONTS = (("Arial", "swiss", "variable"), ("Courier New", "modern", "fixed"))


@dataclass(frozen=True, slots=True)
class EmbeddedFont:
    """One embedded face: which slot of the font entry it fills, its relationship id and its key."""

    slot: str
    """"Regular", "Bold", "Italic" or "BoldItalic", as in w:embedRegular..."""
    rel_id: str
    """The relationship id from fontTable.xml to the font part."""
    key: str
    """The GUID, with braces, that the part is obfuscated with."""


def font_key(data: bytes) -> str:
    """A GUID key derived from the font's bytes, so the same font always gives the same package."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes of a font with the key's 16 bytes in reverse order (§17.8.1); it is its own inverse."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytearray(data[:32])
    for index in range(len(head)):
        head[index] ^= key_bytes[index % 16]
    return bytes(head) + data[32:]


def slot(face: FontFace) -> str:
    """Which embed slot a face fills: a variable font serves as the regular face."""
    bold = face.weight.isdigit() and int(face.weight) >= 600
    italic = face.style == "italic"
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}[
        (bold, italic)
    ]


def embed_fonts(document: object, faces: tuple[FontFace, ...]) -> None:
    """Add each face as an obfuscated part related from fontTable.xml, and rewrite the font table to name them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document_part = document.part  # type: ignore[attr-defined]
    table_part = next(rel.target_part for rel in document_part.rels.values() if rel.reltype == RT.FONT_TABLE)
    embedded: list[EmbeddedFont] = []
    taken: set[str] = set()
    for number, face in enumerate(faces, start=1):
        kind = slot(face)
        if kind in taken:
            continue
        taken.add(kind)
        data = face.path.read_bytes()
        key = font_key(data)
        part = Part(
            PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT, obfuscate(data, key), document_part.package
        )
        embedded.append(EmbeddedFont(kind, table_part.relate_to(part, FONT_RELATIONSHIP), key))
    family = faces[0].family if faces else ""
    # fontTable.xml is a plain Part to python-docx: its bytes are replaced wholesale.
    table_part._blob = font_table_xml(family, embedded).encode("utf-8")


def font_table_xml(family: str, embedded: list[EmbeddedFont]) -> str:
    """fontTable.xml naming the theme's family with its embedded faces, then the fallback fonts."""
    entries = []
    if family:
        in_order = sorted(embedded, key=lambda e: SLOTS.index(e.slot))  # the schema fixes the order of the slots
        embeds = "".join(f'<w:embed{e.slot} r:id="{e.rel_id}" w:fontKey="{e.key}"/>' for e in in_order)
        entries.append(
            f'<w:font w:name={quoteattr(family)}><w:charset w:val="00"/><w:family w:val="swiss"/>'
            f'<w:pitch w:val="variable"/>{embeds}</w:font>'
        )
    for name, kind, pitch in OTHER_FONTS:
        entries.append(
            f'<w:font w:name="{name}"><w:charset w:val="00"/><w:family w:val="{kind}"/>'
            f'<w:pitch w:val="{pitch}"/></w:font>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {NAMESPACES}>{"".join(entries)}</w:fonts>'
    )
