"""Word packages for the Word reader's tests: python-docx's template (Word's own styles) with a body of our XML."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx

TEMPLATE = Path(docx.__file__).parent / "templates" / "default.docx"
NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
}
DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00"
    b"\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass(frozen=True)
class Part:
    """A part added to the package and related from the main document."""

    name: str
    """Its name in the zip, for example "word/footnotes.xml"."""
    content_type: str
    """Its content type, for [Content_Types].xml."""
    data: bytes
    """Its bytes."""
    rel_id: str
    """The relationship id the document uses for it."""
    reltype: str
    """The relationship type's last word ("footnotes", "image") or a full URI."""


@dataclass(frozen=True)
class External:
    """A relationship from the main document to something outside the package."""

    rel_id: str
    reltype: str
    target: str


def xml(root: str, inner: str) -> bytes:
    """A part's XML: root element with every namespace declared, around inner."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{root} {DECLARATIONS}>{inner}</{root}>'.encode()


def core_xml(**fields: str) -> bytes:
    """docProps/core.xml with the given Dublin Core fields (title, creator, description, language, identifier)."""
    inner = "".join(f"<dc:{name}>{escape(value)}</dc:{name}>" for name, value in fields.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        f' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{inner}</cp:coreProperties>'
    ).encode()


def word_file(
    path: Path,
    body: str,
    *,
    parts: tuple[Part, ...] = (),
    external: tuple[External, ...] = (),
    core: dict[str, str] | None = None,
    styles: str = "",
    numbering: str = "",
    document: bytes | None = None,
) -> Path:
    """Write a .docx: the template's styles and numbering (plus `styles`/`numbering` XML added), this body."""
    with zipfile.ZipFile(TEMPLATE) as template:
        members = {name: template.read(name) for name in template.namelist()}
    members["word/document.xml"] = document or xml("w:document", f"<w:body>{body}<w:sectPr/></w:body>")
    members["docProps/core.xml"] = core_xml(**(core or {}))
    if styles:
        members["word/styles.xml"] = members["word/styles.xml"].replace(
            b"</w:styles>", styles.encode() + b"</w:styles>"
        )
    if numbering:
        # New definitions go first: the schema wants every w:abstractNum before the first w:num.
        members["word/numbering.xml"] = members["word/numbering.xml"].replace(
            b"<w:abstractNum ", numbering.encode() + b"<w:abstractNum ", 1
        )
    relationships = []
    overrides = []
    for part in parts:
        members[part.name] = part.data
        reltype = part.reltype if "/" in part.reltype else RELATIONSHIP + part.reltype
        target = part.name.removeprefix("word/")
        relationships.append(f'<Relationship Id="{part.rel_id}" Type="{reltype}" Target="{target}"/>')
        overrides.append(f'<Override PartName="/{part.name}" ContentType="{part.content_type}"/>')
    for link in external:
        reltype = link.reltype if "/" in link.reltype else RELATIONSHIP + link.reltype
        relationships.append(
            f'<Relationship Id="{link.rel_id}" Type="{reltype}" Target="{escape(link.target)}" TargetMode="External"/>'
        )
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(b"</Relationships>", "".join(relationships).encode() + b"</Relationships>")
    types = "[Content_Types].xml"
    defaults = '<Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="image/x-emf"/>'
    members[types] = members[types].replace(b"</Types>", (defaults + "".join(overrides)).encode() + b"</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def p(text: str = "", *, style: str = "", props: str = "", runs: str = "") -> str:
    """A paragraph: an optional style and paragraph properties, then one run of text (escaped) and more runs."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties = f"<w:pPr>{style_xml}{props}</w:pPr>" if style or props else ""
    return f"<w:p>{properties}{r(text) if text else ''}{runs}</w:p>"


def r(text: str, props: str = "") -> str:
    """A run of text with optional run properties."""
    properties = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def numbered(text: str, num: int, level: int = 0, style: str = "ListParagraph") -> str:
    """A list paragraph of list num at level."""
    return p(text, style=style, props=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')


def inline_picture(rel_id: str, *, descr: str | None = None, title: str = "", decorative: bool = False) -> str:
    """A run holding an inline picture with its wp:docPr description, title and decorative mark."""
    attributes = (f' descr="{escape(descr)}"' if descr is not None else "") + (f' title="{title}"' if title else "")
    mark = (
        '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative val="1"/></a:ext></a:extLst>'
        if decorative
        else ""
    )
    return (
        f'<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Picture 1"{attributes}>'
        f'{mark}</wp:docPr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        f'<a:blip r:embed="{rel_id}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r>"
    )


def image_part(rel_id: str, name: str = "image1.png", data: bytes = PNG, content_type: str = "image/png") -> Part:
    """An image in word/media, related from the document."""
    return Part(f"word/media/{name}", content_type, data, rel_id, "image")


def notes_part(kind: str, notes: dict[int, str]) -> Part:
    """word/footnotes.xml or word/endnotes.xml with Word's two separator notes and these notes (id: body XML)."""
    separators = "".join(
        f'<w:{kind} w:type="{kind_}" w:id="{number}"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        for number, kind_ in ((-1, "separator"), (0, "continuationSeparator"))
    )
    body = "".join(f'<w:{kind} w:id="{number}">{inner}</w:{kind}>' for number, inner in notes.items())
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
    return Part(f"word/{kind}s.xml", content_type, xml(f"w:{kind}s", separators + body), f"rId{kind}", f"{kind}s")
