"""Reader for Word documents (.docx): python-docx opens the package, and its oxml layer is read into the model.

The package is checked before python-docx touches it (member count and sizes, names, encryption), and nothing
outside it is ever fetched: linked images, attached templates, OLE links and frames stay unread, and XML
entities are never expanded. Structure comes from what Word records, never from looks: headings from the
Heading styles (and styles based on them) and outline levels, lists from numbering, quotes, code and captions
from their styles, header rows from "Repeat as header row".

The model has no footnotes, text boxes, comments or tracked changes: notes become a "Notes" section as the
Markdown reader makes it, text boxes are read where they are anchored, comments are dropped and tracked changes
read as accepted; charts and SmartArt become figures with their description. Each of these is reported once,
naming the part of the package. Reading goes in two steps: the XML into a flat list of items (paragraphs with
their runs, tables), then the items into blocks, where lists, quotes, captions and boxes are put together.
"""

from __future__ import annotations

import functools
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from convert import langtag
from convert.errors import ConvertWarning, InputError
from convert.ids import slug, unique
from convert.images import check as check_image
from convert.labels import LABELS, label
from convert.language import detect_language
from convert.limits import (
    MAX_DEPTH,
    MAX_DOCUMENT_IMAGE_BYTES,
    MAX_DOCX_BYTES,
    MAX_DOCX_MEMBER_BYTES,
    MAX_DOCX_MEMBERS,
    MAX_DOCX_TOTAL_BYTES,
    MAX_DOCX_XML_BYTES,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    size,
)
from convert.local_files import Refused
from convert.model import (
    Aside,
    Block,
    Break,
    Code,
    CodeBlock,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    Link,
    List,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Quoted,
    Rule,
    Span,
    Strong,
    Table,
    Text,
    text_direction,
)
from convert.readers.html import LINK_SCHEMES, URL_NOISE, strip_dash, tidy
from convert.readers.text import InlineState
from convert.registry import Reader
from convert.source import clean_text, load_bytes
from convert.walk import plain_text

# The package's limits (convert/limits.py) are checked before anything is decompressed: a 300-page report with
# its photographs is far below them; a zip bomb or a package of a million members is refused at once.
MAX_NAME_LENGTH = 1024
# A paragraph indented to within this many twips of a list level's text lines up with that level's items.
INDENT_TOLERANCE = 60
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
STRICT_NAMESPACE = b"purl.oclc.org/ooxml"
UNSAFE_NAME = re.compile(r"(^/|\\|\x00|^[A-Za-z]:|(^|/)\.\.(/|$))")
SAMPLE_CHARS = 5000
# Language detection: paragraphs this long vote on the document's language, up to this many, and at least
# this many must have voted for the vote to count.
VOTER_CHARS, VOTERS, MIN_VOTES = 120, 15, 3

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
WPC_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
DGM_NS = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHARTEX_NS = "http://schemas.microsoft.com/office/drawing/2014/chartex"
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# mc:Choice branches we can read; any other falls back to mc:Fallback.
UNDERSTOOD = frozenset(
    {
        WPS_NS,
        WPG_NS,
        WPC_NS,
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/drawing/2010/main",
        V_NS,
        O_NS,
    }
)
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_STYLES = RELATIONSHIP + "styles"
REL_NUMBERING = RELATIONSHIP + "numbering"
REL_FOOTNOTES = RELATIONSHIP + "footnotes"
REL_ENDNOTES = RELATIONSHIP + "endnotes"
REL_COMMENTS = RELATIONSHIP + "comments"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_OTHER_MAIN = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": "a macro-enabled Word document (.docm)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "a Word template (.dotx)",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled Word template (.dotm)",
}


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


@functools.cache
def _w(name: str) -> str:
    return _q(W_NS, name)


W_P, W_R, W_T, W_TBL, W_TR, W_TC = map(_w, ("p", "r", "t", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_VAL = _w("pPr"), _w("rPr"), _w("val")
W_HYPERLINK, W_SDT, W_SDTCONTENT, W_SDTPR = _w("hyperlink"), _w("sdt"), _w("sdtContent"), _w("sdtPr")
W_INS, W_DEL, W_MOVETO, W_MOVEFROM = _w("ins"), _w("del"), _w("moveTo"), _w("moveFrom")
W_BOOKMARK, W_FLDSIMPLE, W_FLDCHAR, W_INSTR = _w("bookmarkStart"), _w("fldSimple"), _w("fldChar"), _w("instrText")
W_TXBX = _w("txbxContent")
R_ID, R_EMBED, R_LINK = _q(R_NS, "id"), _q(R_NS, "embed"), _q(R_NS, "link")
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = _q(MC_NS, "AlternateContent"), _q(MC_NS, "Choice"), _q(MC_NS, "Fallback")
M_MATH, M_MATHPARA = _q(M_NS, "oMath"), _q(M_NS, "oMathPara")
# Containers whose content is read as if they were not there.
TRANSPARENT = frozenset(map(_w, ("smartTag", "customXml", "dir", "bdo", "ins", "moveTo")))
FALSE = frozenset({"0", "false", "off", "none"})

# What a style's name means. Word writes the English names of its built-in styles whatever the language of its
# menus; LibreOffice and pandoc use these names too. Names are compared in lower case without spaces.
PARAGRAPH_ROLES = {
    "title": "title",
    "subtitle": "subtitle",
    "author": "author",
    "date": "date",
    "abstract": "abstract",
    "quote": "quote",
    "intensequote": "quote",
    "blocktext": "quote",
    "blockquote": "quote",
    "blockquotation": "quote",
    "quotations": "quote",
    "quoteattribution": "attribution",
    "sourcecode": "code",
    "htmlpreformatted": "code",
    "preformattedtext": "code",
    "code": "code",
    "codeblock": "code",
    "caption": "caption",
    "imagecaption": "caption",
    "tablecaption": "caption",
    "figurecaption": "caption",
    "tocheading": "toc",
    "tableoffigures": "toc",
    "listparagraph": "list",
    "listcontinue": "list",
    "horizontalline": "rule",
    **{f"toc{level}": "toc" for level in range(1, 10)},
    **{f"listcontinue{level}": "list" for level in range(2, 6)},
}
HEADING_NAME = re.compile(r"^heading([1-9])$")
CODE_CHARACTER_STYLES = frozenset(
    {"verbatimchar", "htmlcode", "htmltypewriter", "htmlkeyboard", "htmlsample", "sourcetext", "code", "inlinecode"}
)
# Fields whose shown text is the right reading; any other field's text is reported as frozen.
PLAIN_FIELDS = frozenset({"HYPERLINK", "SEQ", "REF", "NOTEREF", "TOC", "STYLEREF"})
RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
HEBREW_SCRIPT = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")
KANA_SCRIPT = re.compile("[\u3040-\u30ff]")
HANGUL_SCRIPT = re.compile("[\uac00-\ud7af]")
CJK_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
TEXT, BREAK, CODE = 0, 1, 2
NOTES_ANCHOR = "-notes-"


def read_path(path: Path) -> Document:
    """Read a .docx file into a Document; a file that is not a sound Word package is an InputError naming it."""
    path = Path(path)
    document = open_package(load_bytes(path, MAX_DOCX_BYTES), path)
    return Reading(document, path).read()


# The package -------------------------------------------------------------------


def open_package(data: bytes, origin: Path) -> Any:
    """The python-docx Document of a .docx package, after checking the zip; anything unsound is an InputError."""
    if data.startswith(OLE_SIGNATURE):
        if ENCRYPTED_STREAM in data:
            raise InputError("is password-protected: remove the password in Word and save it again", path=origin)
        raise InputError("is a Word 97-2003 document (.doc), not a .docx: save it as a Word Document", path=origin)
    stream = io.BytesIO(data)
    if not zipfile.is_zipfile(stream):
        raise InputError("is not a Word document (.docx): it is not a zip package", path=origin)
    try:
        with zipfile.ZipFile(stream) as archive:
            check_members(archive.infolist(), origin)
            if b"[content_types].xml" not in {info.filename.lower().encode() for info in archive.infolist()}:
                raise InputError("is not a Word document: the package has no [Content_Types].xml", path=origin)
            rels = next((i for i in archive.infolist() if i.filename.lower() == "_rels/.rels"), None)
            if rels is not None and STRICT_NAMESPACE in archive.read(rels):
                raise InputError(
                    "is saved as Strict Open XML, which is not read: save it as a Word Document (.docx)", path=origin
                )
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise InputError(f"is a damaged zip package: {_reason(error)}", path=origin) from None
    except NotImplementedError as error:
        raise InputError(f"uses a zip compression that cannot be read: {error}", path=origin) from None
    return _python_docx(stream, origin)


def check_members(infos: list[zipfile.ZipInfo], origin: Path) -> None:
    """Refuse packages too large, too many-membered, encrypted, or with names that try to leave the package."""
    if len(infos) > MAX_DOCX_MEMBERS:
        raise InputError(f"refused: the package has {len(infos):,} members (at most {MAX_DOCX_MEMBERS:,})", path=origin)
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        shown = repr(name[:100])
        if len(name) > MAX_NAME_LENGTH or UNSAFE_NAME.search(name):
            raise InputError(f"refused: the package member {shown} has an unsafe name", path=origin)
        if name.lower() in seen:
            raise InputError(f"refused: the package member {shown} appears twice", path=origin)
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            raise InputError(f"is encrypted (member {shown}): remove the password and save it again", path=origin)
        limit = MAX_DOCX_XML_BYTES if name.lower().endswith((".xml", ".rels")) else MAX_DOCX_MEMBER_BYTES
        if info.file_size > limit:
            raise InputError(
                f"refused: the package member {shown} unpacks to {size(info.file_size)} (at most {size(limit)})",
                path=origin,
            )
        total += info.file_size
        if total > MAX_DOCX_TOTAL_BYTES:
            raise InputError(f"refused: the package unpacks to more than {size(MAX_DOCX_TOTAL_BYTES)}", path=origin)


def _python_docx(stream: io.BytesIO, origin: Path) -> Any:
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package

    stream.seek(0)
    try:
        part = Package.open(stream).main_document_part
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise InputError(f"is not a readable Word package: {_reason(error)}", path=origin) from None
    except NotImplementedError as error:
        raise InputError(f"uses a zip compression that cannot be read: {error}", path=origin) from None
    if part.content_type != WORD_MAIN:
        kind = WORD_OTHER_MAIN.get(part.content_type)
        if kind:
            raise InputError(f"is {kind}: save it as a Word Document (.docx)", path=origin)
        raise InputError(f"is not a Word document: its main part is {part.content_type!r}", path=origin)
    try:
        return part.document
    except (KeyError, ValueError, SyntaxError) as error:
        raise InputError(f"is not a readable Word package: {_reason(error)}", path=origin) from None


def _reason(error: BaseException) -> str:
    text = str(error).strip("'\"") or type(error).__name__
    return text if len(text) < 200 else text[:200] + "…"


def _safe_parse(blob: bytes, origin: Path, name: str) -> Any:
    """Parse a part python-docx keeps as bytes: no entities expanded, no DTD loaded, nothing fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_pis=True)
    try:
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"its part {name} is not well-formed XML: {error}", path=origin) from None


def _on(element: Any | None, default: bool = True) -> bool:
    """The value of an on/off property element (<w:b/>, <w:b w:val="0"/>); default when it has no value."""
    if element is None:
        return False
    value = element.get(W_VAL)
    return default if value is None else value.lower() not in FALSE


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        try:
            return int(float(value))  # type: ignore[arg-type]
        except ValueError:
            return default


def _name_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).lower()


def _lang_tag(value: str | None) -> str:
    """A BCP 47 language tag, or "" for anything else ("x-none", "zxx", an empty or malformed value)."""
    tag = langtag.normalise(value)
    if tag is None or tag.lower().startswith(("x-", "zxx", "und")):
        return ""
    return tag


def _primary(tag: str) -> str:
    return tag.split("-")[0].lower()


# Styles and numbering ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Style:
    """What a paragraph or character style means, with everything it inherits resolved."""

    role: str = ""
    """The block it makes: "heading", "title", "quote", "code", "caption", "list", "toc"...; "" for body text."""
    level: int = 0
    """The heading level, 1 to 6."""
    numbering: tuple[str, int | None] | None = None
    """(numId, ilvl) when the style numbers its paragraphs."""
    lang: tuple[str, str, str] = ("", "", "")
    """The languages it sets: (Latin, East Asian, complex script), "" where it sets none."""
    bold: bool | None = None
    """A character style's bold, None when it does not say."""
    italic: bool | None = None
    """A character style's italics, None when it does not say."""
    code: bool = False
    """A character style for code."""


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a numbering definition."""

    ordered: bool
    """False for bullets."""
    start: int
    """The first number."""
    indent: int
    """Where the level's text starts, in twips from the margin."""
    marker: bool = True
    """False when the level shows no number or bullet: its paragraphs only line up with the list's text."""


class Numbering:
    """The numbering part: which list each paragraph belongs to, its kind, and the number each item shows."""

    def __init__(self, root: Any | None, style_numbering: dict[str, str]) -> None:
        self.nums: dict[str, tuple[str, dict[int, Any]]] = {}
        self.abstracts: dict[str, Any] = {}
        self.style_numbering = style_numbering
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        self.levels: dict[tuple[str, int], Level | None] = {}
        if root is None:
            return
        for element in root.iterchildren(_w("abstractNum")):
            self.abstracts[element.get(_w("abstractNumId"), "")] = element
        for element in root.iterchildren(_w("num")):
            abstract = element.find(_w("abstractNumId"))
            overrides = {
                _int(override.get(_w("ilvl"))): override for override in element.iterchildren(_w("lvlOverride"))
            }
            self.nums[element.get(_w("numId"), "")] = (
                abstract.get(W_VAL, "") if abstract is not None else "",
                overrides,
            )

    def _abstract(self, num_id: str, seen: int = 0) -> Any | None:
        if num_id not in self.nums or seen > 5:
            return None
        element = self.abstracts.get(self.nums[num_id][0])
        if element is None:
            return None
        link = element.find(_w("numStyleLink"))
        if link is not None and element.find(_w("lvl")) is None:
            # A list style: its levels are in the abstract numbering the style's own numbering points to.
            linked = self.style_numbering.get(link.get(W_VAL, ""))
            return self._abstract(linked, seen + 1) if linked else None
        return element

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The level's kind and indent; None when the paragraph is not in a list (no such list, or no number)."""
        key = (num_id, ilvl)
        if key not in self.levels:
            self.levels[key] = self._level(num_id, ilvl)
        return self.levels[key]

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        abstract = self._abstract(num_id)
        if abstract is None:
            return None
        element = next((lvl for lvl in abstract.iterchildren(_w("lvl")) if _int(lvl.get(_w("ilvl"))) == ilvl), None)
        override = self.nums[num_id][1].get(ilvl)
        if override is not None and override.find(_w("lvl")) is not None:
            element = override.find(_w("lvl"))
        if element is None:
            return None
        kind = element.find(_w("numFmt"))
        kind_value = kind.get(W_VAL, "decimal") if kind is not None else "decimal"
        text = element.find(_w("lvlText"))
        marker = kind_value != "none" and (text is None or bool(text.get(W_VAL, "x").strip()))
        start = element.find(_w("start"))
        indent = element.find(f"{W_PPR}/{_w('ind')}")
        left = 0
        if indent is not None:
            left = _int(indent.get(_w("left"), indent.get(_w("start"))))
        ordered = kind_value != "bullet"
        return Level(ordered, _int(start.get(W_VAL) if start is not None else None, 1), left, marker)

    def number(self, num_id: str, ilvl: int, level: Level) -> int:
        """The number the next item of this list at this level shows, as Word counts it."""
        overrides = self.nums[num_id][1] if num_id in self.nums else {}
        # Lists that restart (a start override) count on their own; the others share their definition's count.
        key = num_id if overrides else f"abstract:{self.nums.get(num_id, ('',))[0]}"
        counters = self.counters.setdefault(key, [None] * 10)
        if num_id not in self.used:
            self.used.add(num_id)
            for index, override in overrides.items():
                start = override.find(_w("startOverride"))
                if start is not None and 0 <= index < 10:
                    counters[index] = _int(start.get(W_VAL), 1) - 1
        ilvl = min(max(ilvl, 0), 9)
        value = counters[ilvl]
        counters[ilvl] = level.start if value is None else value + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        return counters[ilvl]  # type: ignore[return-value]


# The items of the first pass ----------------------------------------------------


@dataclass(slots=True)
class Piece:
    """A stretch of text with its formatting, before the inline tree is built."""

    text: str
    kind: int
    link: int
    lang: str
    strong: bool
    emph: bool


@dataclass(slots=True)
class Para:
    """One paragraph as Word has it: its role, its runs, and what stands after it (images, text boxes)."""

    role: str
    pieces: list[Piece]
    level: int = 0
    numbering: tuple[str, int] | None = None
    indent: int | None = None
    box: str = ""
    rule_before: bool = False
    bookmarks: list[str] = field(default_factory=list)
    after: list[Figure | list[Any]] = field(default_factory=list)
    list_style: bool = False


@dataclass(slots=True)
class TableItem:
    """A table as Word has it: rows of cells, each cell a list of items; None for a merged-over cell."""

    rows: list[tuple[bool, list[list[Any] | None]]]
    caption: str
    bookmarks: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Note:
    """A footnote or endnote, numbered in the order the text refers to them."""

    number: int
    element: Any
    part: str
    items: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class Field:
    """A complex field being read: its instruction so far, and whether its shown text has started."""

    instruction: list[str] = field(default_factory=list)
    showing: bool = False
    link: int = 0
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Scope:
    """Where runs are being read: the part (for relationships), the link around them, a code paragraph."""

    part: Any
    name: str
    link: int = 0
    code: bool = False
    depth: int = 0


# Reading ----------------------------------------------------------------------


class Reading:
    """One reading of a package: its styles, numbering and notes, and what has been met so far."""

    def __init__(self, document: Any, origin: Path) -> None:
        self.document = document
        self.origin = origin
        self.part = document.part
        self.reported: set[str] = set()
        self.links: list[str] = [""]
        self.fields: list[Field] = []
        self.field_kinds: set[str] = set()
        self.pending_bookmarks: list[str] = []
        self.carry: list[Piece] = []
        self.notes: list[Note] = []
        self.note_numbers: dict[tuple[str, str], int] = {}
        self.note_parts: dict[str, dict[str, Any]] = {}
        self.images: dict[str, str] = {}
        self.image_bytes = 0
        self.sample: list[str] = []
        self.sample_length = 0
        self.lang_counts: dict[str, int] = {}
        self.paragraph_samples: list[str] = []
        self.carry_after: list[Figure | list[Any]] = []
        self._core_cache: dict[str, Any] | None = None
        self.tables = 0
        self.headless_tables = 0
        self.styles: dict[str, Any] = {}
        self.paragraph_styles: dict[str, Style] = {}
        self.character_styles: dict[str, Style] = {}
        self.default_paragraph = ""
        self.default_lang = ("", "", "")
        self._load_styles()
        style_numbering = {
            style_id: numbering[0]
            for style_id in self.styles
            if (numbering := self._paragraph_style(style_id).numbering) is not None
        }
        self.declared_lang = self._core().get("lang", "") or _lang_tag(self.default_lang[0])
        numbering_part = self._related(self.part, REL_NUMBERING)
        self.numbering = Numbering(self._xml(numbering_part) if numbering_part is not None else None, style_numbering)

    # Parts and messages ---------------------------------------------------

    def report(self, key: str, message: str) -> None:
        """Warn once for each kind of thing the model cannot hold, naming the part."""
        if key in self.reported:
            return
        self.reported.add(key)
        warnings.warn(f"{self.origin}: {message}", ConvertWarning, stacklevel=2)

    @staticmethod
    def _related(part: Any, reltype: str) -> Any | None:
        for rel in part.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                return rel.target_part
        return None

    def _xml(self, part: Any) -> Any:
        element = getattr(part, "_element", None)
        if element is not None:
            return element
        return _safe_parse(part.blob, self.origin, str(part.partname).lstrip("/"))

    # Styles ---------------------------------------------------------------

    def _load_styles(self) -> None:
        part = self._related(self.part, REL_STYLES)
        if part is None:
            return
        root = self._xml(part)
        for element in root.iterchildren(_w("style")):
            style_id = element.get(_w("styleId"), "")
            self.styles.setdefault(style_id, element)
            is_default = (element.get(_w("default")) or "").lower() in ("1", "true", "on")
            if element.get(_w("type")) == "paragraph" and is_default and not self.default_paragraph:
                self.default_paragraph = style_id
        if not self.default_paragraph and "Normal" in self.styles:
            self.default_paragraph = "Normal"
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{W_RPR}")
        lang = _lang_attributes(defaults)
        default = self.styles.get(self.default_paragraph)
        if default is not None:
            own = _lang_attributes(default.find(W_RPR))
            lang = tuple(mine or theirs for mine, theirs in zip(own, lang, strict=True))  # type: ignore[assignment]
        self.default_lang = lang

    def _chain(self, style_id: str) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles and len(seen) < 50:
            seen.add(style_id)
            element = self.styles[style_id]
            yield element
            based = element.find(_w("basedOn"))
            style_id = based.get(W_VAL, "") if based is not None else ""

    def _paragraph_style(self, style_id: str) -> Style:
        if style_id in self.paragraph_styles:
            return self.paragraph_styles[style_id]
        role, level = "", 0
        numbering: tuple[str, int | None] | None = None
        lang = ["", "", ""]
        decided = False
        for element in self._chain(style_id):
            name = element.find(_w("name"))
            key = _name_key(name.get(W_VAL, "") if name is not None else "")
            properties = element.find(W_PPR)
            if not decided:
                heading = HEADING_NAME.match(key)
                outline = properties.find(_w("outlineLvl")) if properties is not None else None
                if heading:
                    role, level, decided = "heading", min(int(heading[1]), 6), True
                elif key in PARAGRAPH_ROLES:
                    role, decided = PARAGRAPH_ROLES[key], True
                elif outline is not None:
                    value = _int(outline.get(W_VAL), 9)
                    role, level = ("heading", min(value + 1, 6)) if value < 9 else ("", 0)
                    decided = True
            if numbering is None and properties is not None:
                found = properties.find(_w("numPr"))
                if found is not None:
                    num = found.find(_w("numId"))
                    ilvl = found.find(_w("ilvl"))
                    if num is not None:
                        numbering = (num.get(W_VAL, ""), _int(ilvl.get(W_VAL)) if ilvl is not None else None)
            if element.get(_w("styleId")) != self.default_paragraph:
                self._style_lang(element.find(W_RPR), lang)
        style = Style(role, level, numbering, (lang[0], lang[1], lang[2]))
        self.paragraph_styles[style_id] = style
        return style

    def _style_lang(self, properties: Any | None, lang: list[str]) -> None:
        """Add the languages a style sets to lang; a style repeating the default language sets none."""
        for index, value in enumerate(_lang_attributes(properties)):
            if value != self.default_lang[index]:
                lang[index] = lang[index] or value

    def _character_style(self, style_id: str) -> Style:
        if style_id in self.character_styles:
            return self.character_styles[style_id]
        bold = italic = None
        code = False
        lang = ["", "", ""]
        for element in self._chain(style_id):
            name = element.find(_w("name"))
            if _name_key(name.get(W_VAL, "") if name is not None else "") in CODE_CHARACTER_STYLES:
                code = True
            properties = element.find(W_RPR)
            if properties is None:
                continue
            if bold is None and properties.find(_w("b")) is not None:
                bold = _on(properties.find(_w("b")))
            if italic is None and properties.find(_w("i")) is not None:
                italic = _on(properties.find(_w("i")))
            self._style_lang(properties, lang)
        style = Style(bold=bold, italic=italic, code=code, lang=(lang[0], lang[1], lang[2]))
        self.character_styles[style_id] = style
        return style

    # The whole document ---------------------------------------------------

    def read(self) -> Document:
        """The Document: body items, notes, then blocks, metadata and language."""
        body = self.document.element.body
        if body is None:
            raise InputError("is not a Word document: its main part has no body", path=self.origin)
        scope = Scope(self.part, "word/document.xml")
        items = self.items(body, scope)
        self._read_notes()
        frozen = self.field_kinds - PLAIN_FIELDS - {""}
        if frozen:
            kinds = ", ".join(sorted(frozen))
            self.report("fields", f"word/document.xml: fields ({kinds}) are read as the text Word last showed")
        if self.headless_tables:
            self.report(
                "headless",
                f"word/document.xml: {self.headless_tables} of {self.tables} tables have no header row marked"
                " (Table Properties > Row > Repeat as header row); they are read without headers",
            )
        lang = self._language()
        core = self._core()
        meta, items = self._front_matter(items, core)
        assembler = Assembler(self, lang)
        blocks = assembler.document(items)
        title = meta.pop("title", "") or core.get("title", "")
        if not blocks and not title:
            raise InputError("has no readable text (headers, footers and comments are not read)", path=self.origin)
        if not title:
            first = next((b for b in blocks if isinstance(b, Heading)), None)
            title = " ".join(plain_text(first).split()) if first is not None else ""
        title = title or self.origin.stem.strip() or " ".join(plain_text(tuple(blocks)).split()[:10]) or "Untitled"
        return Document(
            Meta(
                title=" ".join(title.split()),
                lang=lang,
                subtitle=meta.get("subtitle", ""),
                date=meta.get("date", ""),
                authors=tuple(meta.get("authors", ())) or core.get("authors", ()),
                source=core.get("source", ""),
                description=meta.get("description", "") or core.get("description", ""),
                abbreviations=tuple(assembler.state.abbreviations.items()),
            ),
            tuple(blocks),
        )

    def _core(self) -> dict[str, Any]:
        """Title, authors, description, source and language from the core properties, when the package has them."""
        if self._core_cache is None:
            self._core_cache = self._read_core()
        return self._core_cache

    def _read_core(self) -> dict[str, Any]:
        package = self.part.package
        if not any(rel.reltype == REL_CORE for rel in package.rels.values()):
            return {}
        try:
            properties = package.core_properties
        except (KeyError, ValueError, SyntaxError):
            self.report("core", "docProps/core.xml: the core properties cannot be read; they are left out")
            return {}
        core: dict[str, Any] = {}
        title = " ".join(clean_text(properties.title or "").split())
        if title:
            core["title"] = title
        authors = tuple(a.strip() for a in clean_text(properties.author or "").split(";") if a.strip())
        if authors:
            core["authors"] = authors
        description = " ".join(clean_text(properties.comments or "").split())
        if description:
            core["description"] = description
        source = clean_text(properties.identifier or "").strip()
        if source:
            core["source"] = source
        lang = _lang_tag(properties.language)
        if lang:
            core["lang"] = lang
        return core

    def _language(self) -> str:
        """The document's language.

        The core properties or the default language say it, unless most of the text is explicitly marked as
        another. A default nobody chose (the language of the application that made the file) is checked against
        the text: when the text is clearly in another language, that one is taken, with a warning.
        """
        core = self._core().get("lang", "")
        default = core or _lang_tag(self.default_lang[0])
        counts: dict[str, int] = {}
        for lang, count in self.lang_counts.items():
            counts[lang or default] = counts.get(lang or default, 0) + count
        by_primary: dict[str, int] = {}
        for lang, count in counts.items():
            if lang:
                by_primary[_primary(lang)] = by_primary.get(_primary(lang), 0) + count
        if by_primary:
            best = max(by_primary, key=lambda p: by_primary[p])
            if (not default or best != _primary(default)) and by_primary[best] > sum(by_primary.values()) / 2:
                return max((t for t in counts if t and _primary(t) == best), key=lambda t: counts[t])
        detected = self._detected()
        if not default:
            return detected or "en"
        if detected and _primary(detected) != _primary(default):
            self.report(
                "language",
                f"word/styles.xml: the document says its language is {default}, but its text is in {detected};"
                f" it is read as {detected} (--lang overrides this)",
            )
            return detected
        return default

    def _detected(self) -> str:
        """The language the text is written in, or "" when detection is not sure.

        Paragraphs vote, each detected on its own, so that English link texts and names in a Spanish document do
        not blur the answer; the whole sample decides when too few paragraphs are long enough to vote.
        """
        votes: dict[str, list[str]] = {}
        declared = _primary(self.declared_lang)
        for text in self.paragraph_samples:
            found = detect_language(text, default="")
            if found:
                votes.setdefault(_primary(found), []).append(found)
            if 2 * len(votes.get(declared, ())) > len(self.paragraph_samples):
                break  # the declared language has won already: no need to load statistics for the rest
        if len(self.paragraph_samples) >= MIN_VOTES and votes:
            best = max(votes, key=lambda primary: len(votes[primary]))
            if 2 * len(votes[best]) > len(self.paragraph_samples):
                return max(set(votes[best]), key=votes[best].count)
            return ""
        return detect_language("".join(self.sample), default="")

    def _front_matter(self, items: list[Any], core: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
        """Title, subtitle, authors, date and abstract from their styles at the top (as Word and pandoc set them)."""
        meta: dict[str, Any] = {}
        index = next((i for i, item in enumerate(items) if isinstance(item, Para) and item.role == "title"), None)
        if index is None:
            first = items[0] if items else None
            if isinstance(first, Para) and first.role == "heading":
                text = _plain(first.pieces)
                if text and (not core.get("title") or text == core["title"]):
                    meta["title"] = text
                    return meta, items[1:]
            return meta, items
        taken = {index}
        meta["title"] = _plain(items[index].pieces)
        position = index + 1
        authors: list[str] = []
        while position < len(items) and isinstance(items[position], Para):
            item = items[position]
            text = _plain(item.pieces)
            if item.role == "title" and "subtitle" not in meta:
                meta["title"] = f"{meta['title']} {text}".strip()
            elif item.role == "subtitle" and "subtitle" not in meta:
                meta["subtitle"] = text
            elif item.role == "author":
                authors.append(text)
            elif item.role == "date" and "date" not in meta:
                meta["date"] = text
            elif item.role == "abstract":
                meta["description"] = f"{meta.get('description', '')} {text}".strip()
            else:
                break
            taken.add(position)
            position += 1
        if authors:
            meta["authors"] = tuple(authors)
        byline = ", ".join(core.get("authors", ()))
        # The authors written under the title, as the core properties name them: already in the metadata.
        for candidate in (position, position + 1):
            item = items[candidate] if candidate < len(items) else None
            if byline and isinstance(item, Para) and item.role == "" and _plain(item.pieces) == byline:
                taken.add(candidate)
                break
        return meta, [item for i, item in enumerate(items) if i not in taken]

    # Body: the first pass -------------------------------------------------

    def items(self, container: Any, scope: Scope) -> list[Any]:
        """The items (paragraphs and tables) of a body, cell, text box or note, in reading order."""
        items: list[Any] = []
        for child in container.iterchildren():
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, scope, items)
            elif tag == W_TBL:
                items.extend(self.table(child, scope))
            elif tag == W_SDT:
                content = self._sdt_content(child, scope)
                if content is not None:
                    items.extend(self.items(content, scope))
            elif tag in TRANSPARENT:
                items.extend(self.items(child, scope))
            elif tag in (W_DEL, W_MOVEFROM):
                self._tracked(scope)
            elif tag == W_BOOKMARK:
                self.pending_bookmarks.append(child.get(_w("name"), ""))
            elif tag == MC_ALTERNATE:
                chosen = _choose(child)
                if chosen is not None:
                    items.extend(self.items(chosen, scope))
            elif tag == _w("altChunk"):
                self.report("altChunk", f"{scope.name}: a part in another format (altChunk) is not read")
            elif tag == _w("subDoc"):
                self.report("subDoc", f"{scope.name}: a linked subdocument is not read: links are never followed")
        if self.carry or self.carry_after:
            items.append(Para("", self.carry, after=self.carry_after))
            self.carry, self.carry_after = [], []
        return items

    def _sdt_content(self, sdt: Any, scope: Scope) -> Any | None:
        """The content of a content control; None for a table of contents or placeholder text."""
        properties = sdt.find(W_SDTPR)
        if properties is not None:
            gallery = properties.find(f"{_w('docPartObj')}/{_w('docPartGallery')}")
            if gallery is not None and "contents" in gallery.get(W_VAL, "").lower():
                self._contents(scope)
                return None
            if properties.find(_w("showingPlcHdr")) is not None:
                return None
        return sdt.find(W_SDTCONTENT)

    def _contents(self, scope: Scope) -> None:
        self.report("toc", f"{scope.name}: the table of contents is left out: every format makes its own")

    def _tracked(self, scope: Scope) -> None:
        self.report("tracked", f"{scope.name}: tracked changes are read as if accepted")

    def paragraph(self, p: Any, scope: Scope, items: list[Any]) -> None:
        """Read one w:p into items: a Para (when it has anything to show), then what its text boxes hold."""
        properties = p[0] if len(p) and p[0].tag == W_PPR else None
        style_id = self.default_paragraph
        direct: dict[str, Any] = {}
        if properties is not None:
            for child in properties:
                direct[child.tag] = child
            if _w("pStyle") in direct:
                style_id = direct[_w("pStyle")].get(W_VAL, "") or self.default_paragraph
        if style_id not in self.styles:
            style_id = self.default_paragraph
        style = self._paragraph_style(style_id) if style_id in self.styles else Style()
        if style.role == "toc":
            self._contents(scope)
            return
        role, level = style.role, style.level
        outline = direct.get(_w("outlineLvl"))
        if outline is not None and role not in ("title", "subtitle", "toc"):
            value = _int(outline.get(W_VAL), 9)
            if value < 9:
                role, level = "heading", min(value + 1, 6)
            elif role == "heading":
                role = ""
        numbering = _numbering(direct.get(_w("numPr")), style.numbering, self.numbering, style_id)
        para = Para(role, self.carry, level, numbering, after=self.carry_after)
        self.carry, self.carry_after = [], []
        para.list_style = style.role == "list"
        para.bookmarks, self.pending_bookmarks = self.pending_bookmarks, []
        indent = direct.get(_w("ind"))
        if indent is not None:
            para.indent = _int(indent.get(_w("left"), indent.get(_w("start"))))
        para.box, para.rule_before, only_border = _borders(direct.get(_w("pBdr")))
        code = role == "code"
        self.runs(p, scope if scope.code == code else replace(scope, code=code), style, para)
        mark = direct.get(W_RPR)
        if mark is not None and (mark.find(W_DEL) is not None or mark.find(W_MOVEFROM) is not None):
            # The paragraph mark itself was deleted: accepted, this paragraph runs on into the next one.
            self._tracked(scope)
            self.carry = [*para.pieces, Piece(" ", TEXT, 0, "", False, False)]
            self.carry_after = para.after
            self.pending_bookmarks = para.bookmarks + self.pending_bookmarks
            return
        visible = any(piece.kind != TEXT or piece.text.strip() for piece in para.pieces)
        if not visible and numbering is not None:
            # An empty list item still shows its number: deeper items nest in it.
            level_info = self.numbering.level(*numbering)
            visible = level_info is not None and level_info.marker and role == ""
        if not visible and not para.after:
            if para.rule_before or only_border or role == "rule":
                para.role, para.rule_before = "rule", False
            elif not code:
                self.pending_bookmarks = para.bookmarks + self.pending_bookmarks
                return
        self._sample(para.pieces, voter=scope.depth == 0)
        items.append(para)

    def _sample(self, pieces: list[Piece], voter: bool) -> None:
        """Count the languages the text declares, and keep text to detect the language from.

        Only paragraphs of the running text vote (not table cells or text boxes, where data and names are).
        """
        for piece in pieces:
            if piece.kind != BREAK and piece.lang != "?":
                self.lang_counts[piece.lang] = self.lang_counts.get(piece.lang, 0) + len(piece.text)
        if self.sample_length < SAMPLE_CHARS or len(self.paragraph_samples) < VOTERS:
            text = " ".join(piece.text for piece in pieces if piece.kind == TEXT)
            if self.sample_length < SAMPLE_CHARS:
                self.sample.append(text + " ")
                self.sample_length += len(text) + 1
            if voter and len(text) >= VOTER_CHARS and len(self.paragraph_samples) < VOTERS:
                self.paragraph_samples.append(text)

    def runs(self, element: Any, scope: Scope, style: Style, para: Para) -> None:
        """Read the runs and everything else inside a paragraph (links, fields, content controls) into para."""
        for child in element.iterchildren():
            tag = child.tag
            if tag == W_R:
                self.run(child, scope, style, para)
            elif tag == W_HYPERLINK:
                link = self._hyperlink(child, scope)
                self.runs(child, replace(scope, link=link or scope.link), style, para)
            elif tag in TRANSPARENT:
                self.runs(child, scope, style, para)
            elif tag == W_SDT:
                content = self._sdt_content(child, scope)
                if content is not None:
                    self.runs(content, scope, style, para)
            elif tag == W_FLDSIMPLE:
                instruction = child.get(_w("instr"), "")
                kind = instruction.split()[0].upper() if instruction.split() else ""
                self.field_kinds.add(kind)
                if kind == "TOC":
                    self._contents(scope)
                    continue
                link = self._field_link(instruction) if kind == "HYPERLINK" else 0
                self.runs(child, replace(scope, link=link or scope.link), style, para)
            elif tag in (W_DEL, W_MOVEFROM):
                self._tracked(scope)
            elif tag == W_BOOKMARK:
                para.bookmarks.append(child.get(_w("name"), ""))
            elif tag in (M_MATH, M_MATHPARA):
                self.report("math", f"{scope.name}: equations are read as linear text (a/b, x^2)")
                self._add(para, _math_text(child), scope, self._format(None, style, ""))
            elif tag == MC_ALTERNATE:
                chosen = _choose(child)
                if chosen is not None:
                    self.runs(chosen, scope, style, para)
            elif tag == _w("commentRangeStart"):
                self._comments(scope)
            elif tag == _w("ruby"):
                base = child.find(_w("rubyBase"))
                if base is not None:
                    self.runs(base, scope, style, para)

    def _comments(self, scope: Scope) -> None:
        self.report("comments", f"{scope.name}: comments are left out (word/comments.xml)")

    def _hyperlink(self, element: Any, scope: Scope) -> int:
        """A link id for a w:hyperlink: its external target, or "#bookmark" for one inside the document."""
        anchor = element.get(_w("anchor"), "")
        rel_id = element.get(R_ID)
        url = ""
        if rel_id:
            rel = scope.part.rels.get(rel_id)
            if rel is not None and rel.is_external:
                url = rel.target_ref
        if anchor:
            url = f"{url}#{anchor}"
        return self._new_link(url)

    def _new_link(self, url: str) -> int:
        url = clean_text(url).strip()
        if not url:
            return 0
        if not url.startswith("#"):
            scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", URL_NOISE.sub("", url))
            if scheme and scheme[1].lower() not in LINK_SCHEMES:
                return 0
        self.links.append(url)
        return len(self.links) - 1

    def _field_link(self, instruction: str) -> int:
        """The link of a HYPERLINK field: its quoted target, and \\l "bookmark" for a place in the document."""
        target = re.search(r'HYPERLINK\s+"([^"]*)"', instruction) or re.search(r"HYPERLINK\s+(\S+)", instruction)
        anchor = re.search(r'\\l\s+"([^"]*)"', instruction)
        url = (target[1] if target and not target[1].startswith("\\") else "") + (f"#{anchor[1]}" if anchor else "")
        return self._new_link(url)

    def _format(self, properties: Any | None, style: Style, text: str) -> tuple[bool, bool, bool, str, bool]:
        """(strong, emph, code, lang, hidden) of a run: direct formatting over its character style."""
        character = Style()
        direct: dict[str, Any] = {}
        if properties is not None:
            for child in properties:
                direct[child.tag] = child
            style_ref = direct.get(_w("rStyle"))
            if style_ref is not None:
                character = self._character_style(style_ref.get(W_VAL, ""))
        complex_script = _w("rtl") in direct or _w("cs") in direct
        strong = self._toggle(direct, "b", "bCs", complex_script, character.bold)
        emph = self._toggle(direct, "i", "iCs", complex_script, character.italic)
        hidden = _on(direct.get(_w("vanish"))) and not _on(direct.get(_w("specVanish")))
        lang = self._run_lang(properties, character, style, text)
        return strong, emph, character.code, lang, hidden

    @staticmethod
    def _toggle(direct: dict[str, Any], name: str, cs_name: str, complex_script: bool, inherited: bool | None) -> bool:
        element = direct.get(_w(name))
        if element is None and complex_script:
            element = direct.get(_w(cs_name))
        if element is not None:
            return _on(element)
        return bool(inherited)

    def _run_lang(self, properties: Any | None, character: Style, style: Style, text: str) -> str:
        """The language a run declares ("" when it only inherits the document's default for Latin text).

        Which of w:lang's three languages applies depends on the script: right-to-left text takes the complex
        script one, Chinese, Japanese and Korean the East Asian one; for these the document's default counts as
        declared, as long as it is written in that script. Text in a script its language is not written in
        ("hi-IN" on Arabic letters, a default nobody chose) gets "?": its language is found from the text later.
        """
        own = _lang_attributes(properties)
        if RTL_SCRIPT.search(text):
            index = 2
        elif CJK_SCRIPT.search(text):
            index = 1
        else:
            return own[0] or character.lang[0] or style.lang[0]
        tag = own[index] or character.lang[index] or style.lang[index]
        if tag:
            return tag if _fits(tag, text) else "?"
        # Nothing on the run: the document's own language if it is written in this script, else the default
        # for the script (Word's "ar-SA" for complex scripts) if that one is.
        for candidate in (self.declared_lang, self.default_lang[index]):
            if candidate and _fits(candidate, text):
                return candidate
        return "?"

    def run(self, r: Any, scope: Scope, style: Style, para: Para) -> None:
        """Read one w:r: its text, breaks, notes, pictures and field characters."""
        properties = r[0] if len(r) and r[0].tag == W_RPR else None
        text_parts: list[str] = []

        def flush() -> None:
            if not text_parts:
                return
            text = "".join(text_parts)
            text_parts.clear()
            if self._field_hidden():
                return
            fmt = self._format(properties, style, text)
            if not fmt[4]:
                self._add(para, text, scope, fmt)

        for child in r.iterchildren():
            tag = child.tag
            if tag == W_T:
                text_parts.append(child.text or "")
            elif tag == W_RPR:
                continue
            elif tag in (_w("tab"), _w("ptab")):
                text_parts.append("\t" if scope.code else " ")
            elif tag in (_w("br"), _w("cr")):
                flush()
                if child.get(_w("type"), "textWrapping") == "textWrapping" and not self._field_hidden():
                    if scope.code:
                        text_parts.append("\n")
                    else:
                        strong, emph, _, lang, hidden = self._format(properties, style, "")
                        if not hidden:
                            link = scope.link or self._field_link_id()
                            para.pieces.append(Piece("", BREAK, link, lang, strong, emph))
            elif tag == _w("noBreakHyphen"):
                text_parts.append("\u2011")
            elif tag == _w("sym"):
                try:
                    code = int(child.get(_w("char"), "0") or "0", 16)
                except ValueError:
                    code = 0
                # Symbol fonts put their glyphs in the private use area: no character says what they show.
                if 0x20 <= code < 0xE000 or 0xF8FF < code <= 0x10FFFF:
                    text_parts.append(chr(code))
            elif tag == W_FLDCHAR:
                flush()
                self._field_char(child)
            elif tag == W_INSTR:
                if self.fields and not self.fields[-1].showing:
                    self.fields[-1].instruction.append(child.text or "")
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                flush()
                if not self._field_hidden():
                    self._note_reference(child, scope, para)
            elif tag in (_w("drawing"), _w("pict"), _w("object"), MC_ALTERNATE):
                flush()
                if not self._field_hidden():
                    self.graphics(child, scope, para)
            elif tag == _w("commentReference"):
                self._comments(scope)
            elif tag == _w("ruby"):
                # Ruby (furigana): the base text is the text; the reading above it is left out.
                flush()
                base = child.find(_w("rubyBase"))
                if base is not None:
                    self.runs(base, scope, style, para)
            elif tag in (_w("delText"), _w("delInstrText")):
                self._tracked(scope)
        flush()

    def _field_hidden(self) -> bool:
        """True inside a field's instruction, or inside a table of contents field."""
        return any(not f.showing or f.hidden for f in self.fields)

    def _field_link_id(self) -> int:
        return next((f.link for f in reversed(self.fields) if f.link), 0)

    def _field_char(self, element: Any) -> None:
        kind = element.get(_w("fldCharType"), "")
        if kind == "begin":
            self.fields.append(Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.showing = True
            instruction = " ".join("".join(current.instruction).split())
            name = instruction.split()[0].upper() if instruction else ""
            self.field_kinds.add(name)
            if name == "HYPERLINK":
                current.link = self._field_link(instruction)
            elif name == "TOC":
                current.hidden = True
                self._contents(Scope(self.part, "word/document.xml"))
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _add(self, para: Para, text: str, scope: Scope, fmt: tuple[bool, bool, bool, str, bool]) -> None:
        """Append text to the paragraph's pieces, merged with the previous piece when nothing differs."""
        if not text:
            return
        strong, emph, code, lang, _ = fmt
        link = scope.link or self._field_link_id()
        kind = CODE if code and not scope.code else TEXT
        if not scope.code:
            text = text.replace("\n", " ")
        pieces = para.pieces
        if pieces:
            last = pieces[-1]
            if (last.kind, last.link, last.lang, last.strong, last.emph) == (kind, link, lang, strong, emph):
                last.text += text
                return
        pieces.append(Piece(text, kind, link, lang, strong, emph))

    def _note_reference(self, element: Any, scope: Scope, para: Para) -> None:
        """A footnote or endnote reference: "[n]", a link to the Notes heading; the note is read later."""
        kind = "endnote" if element.tag == _w("endnoteReference") else "footnote"
        note_id = element.get(_w("id"), "")
        key = (kind, note_id)
        if key not in self.note_numbers:
            notes = self._note_elements(kind)
            if note_id not in notes:
                self.report(f"missing-{kind}", f"{scope.name}: a {kind} reference points to no {kind}; left out")
                return
            self.note_numbers[key] = len(self.notes) + 1
            self.notes.append(Note(len(self.notes) + 1, notes[note_id], f"word/{kind}s.xml"))
        number = self.note_numbers[key]
        link = self._new_link(f"#{NOTES_ANCHOR}")
        para.pieces.append(Piece(f"[{number}]", TEXT, link, "", False, False))
        para.bookmarks.append(f"-ref-{number}-")

    def _note_elements(self, kind: str) -> dict[str, Any]:
        if kind not in self.note_parts:
            part = self._related(self.part, REL_FOOTNOTES if kind == "footnote" else REL_ENDNOTES)
            found: dict[str, Any] = {}
            if part is not None:
                root = self._xml(part)
                for note in root.iterchildren(_w(kind)):
                    if note.get(_w("type"), "normal") == "normal":
                        found[note.get(_w("id"), "")] = note
            self.note_parts[kind] = found
        return self.note_parts[kind]

    def _read_notes(self) -> None:
        index = 0
        while index < len(self.notes):
            note = self.notes[index]
            self.fields = []
            note.items = self.items(note.element, Scope(self.part, note.part))
            index += 1

    # Tables -----------------------------------------------------------------

    def table(self, tbl: Any, scope: Scope) -> list[Any]:
        """A table item; a table of one cell is a box for layout, so its content is read in its place."""
        if scope.depth >= MAX_DEPTH:
            return [Para("", [Piece(" ".join(tbl.itertext(W_T)), TEXT, 0, "", False, False)])]
        inner = replace(scope, depth=scope.depth + 1)
        rows: list[tuple[bool, list[list[Any] | None]]] = []
        caption = ""
        properties = tbl.find(_w("tblPr"))
        if properties is not None:
            found = properties.find(_w("tblCaption"))
            caption = " ".join((found.get(W_VAL, "") if found is not None else "").split())
        bookmarks, self.pending_bookmarks = self.pending_bookmarks, []
        in_head = True
        for tr in _children(tbl, W_TR):
            row_properties = tr.find(_w("trPr"))
            header = False
            before = after = 0
            if row_properties is not None:
                if row_properties.find(W_DEL) is not None:
                    self._tracked(scope)
                    continue
                header = _on(row_properties.find(_w("tblHeader")))
                before = _int(_attr(row_properties.find(_w("gridBefore"))), 0)
                after = _int(_attr(row_properties.find(_w("gridAfter"))), 0)
            in_head = in_head and header
            cells: list[list[Any] | None] = [None] * min(before, 100)
            for tc in _children(tr, W_TC):
                cell_properties = tc.find(_w("tcPr"))
                span = 1
                merged = False
                if cell_properties is not None:
                    span = min(max(_int(_attr(cell_properties.find(_w("gridSpan"))), 1), 1), 100)
                    vmerge = cell_properties.find(_w("vMerge"))
                    hmerge = cell_properties.find(_w("hMerge"))
                    merged = (vmerge is not None and vmerge.get(W_VAL, "continue") == "continue") or (
                        hmerge is not None and hmerge.get(W_VAL, "continue") == "continue"
                    )
                cells.append(None if merged else self.items(tc, inner))
                cells.extend([None] * (span - 1))
            cells.extend([None] * min(after, 100))
            rows.append((in_head, cells))
        if len(rows) == 1 and len(rows[0][1]) == 1 and rows[0][1][0] is not None:
            self.pending_bookmarks = bookmarks + self.pending_bookmarks
            return rows[0][1][0]
        if not rows:
            return []
        self.tables += 1
        if not rows[0][0]:
            self.headless_tables += 1
        return [TableItem(rows, caption, bookmarks)]

    # Pictures, charts, text boxes -------------------------------------------

    def graphics(self, element: Any, scope: Scope, para: Para) -> None:
        """Pictures become figures after the paragraph; text boxes are read after it; charts and SmartArt are
        figures with their description."""
        tag = element.tag
        if tag == MC_ALTERNATE:
            chosen = _choose(element)
            if chosen is not None:
                for child in chosen:
                    self.graphics(child, scope, para)
            return
        if tag == _w("drawing"):
            for frame in element:
                properties = frame.find(_q(WP_NS, "docPr"))
                data = frame.find(f"{_q(A_NS, 'graphic')}/{_q(A_NS, 'graphicData')}")
                if data is not None:
                    self._graphic_data(data, _describe(properties), scope, para)
            return
        if tag in (_w("pict"), _w("object")):
            self._vml(element, scope, para, tag == _w("object"))

    def _graphic_data(self, data: Any, described: tuple[str, bool], scope: Scope, para: Para) -> None:
        uri = data.get("uri", "")
        if uri.endswith("/picture"):
            for picture in data.iterchildren(_q(PIC_NS, "pic")):
                self._picture(picture, described, scope, para)
        elif uri.endswith("/chart") or uri == CHARTEX_NS:
            reference = next(data.iterchildren(), None)
            name = self._target_name(reference.get(R_ID) if reference is not None else None, scope) or "a chart"
            self._undrawable(para, described, f"{name}: a chart", "chart:" + name)
        elif uri.endswith("/diagram"):
            reference = data.find(_q(DGM_NS, "relIds"))
            name = self._target_name(reference.get(_q(R_NS, "dm")) if reference is not None else None, scope)
            self._undrawable(para, described, f"{name or 'SmartArt'}: a SmartArt graphic", "smartart:" + name)
        elif uri == WPS_NS:
            for shape in data.iterchildren(_q(WPS_NS, "wsp")):
                self._shape(shape, scope, para)
        elif uri in (WPG_NS, WPC_NS):
            for group in data:
                self._group(group, described, scope, para)

    def _group(self, group: Any, described: tuple[str, bool], scope: Scope, para: Para) -> None:
        """The pictures and text boxes of a group or drawing canvas, in order."""
        for child in group:
            name = etree.QName(child).localname
            if name == "pic":
                own = child.find(f"{_q(PIC_NS, 'nvPicPr')}/{_q(PIC_NS, 'cNvPr')}")
                self._picture(child, _describe(own) if own is not None else described, scope, para)
            elif name == "wsp":
                self._shape(child, scope, para)
            elif name in ("grpSp", "wgp"):
                self._group(child, described, scope, para)
            elif name == "graphicFrame":
                data = child.find(f"{_q(A_NS, 'graphic')}/{_q(A_NS, 'graphicData')}")
                if data is not None:
                    self._graphic_data(data, described, scope, para)

    def _shape(self, shape: Any, scope: Scope, para: Para) -> None:
        content = shape.find(f"{_q(WPS_NS, 'txbx')}/{W_TXBX}")
        if content is not None:
            self._text_box(content, scope, para)

    def _text_box(self, content: Any, scope: Scope, para: Para) -> None:
        self.report("textbox", f"{scope.name}: text boxes are read where they are anchored")
        if scope.depth >= MAX_DEPTH:
            return
        saved = self.pending_bookmarks
        self.pending_bookmarks = []
        items = self.items(content, replace(scope, depth=scope.depth + 1, link=0, code=False))
        self.pending_bookmarks = saved + self.pending_bookmarks
        if items:
            para.after.append(items)

    def _target_name(self, rel_id: str | None, scope: Scope) -> str:
        rel = scope.part.rels.get(rel_id) if rel_id else None
        if rel is None or rel.is_external:
            return ""
        return str(rel.target_part.partname).lstrip("/")

    def _undrawable(self, para: Para, described: tuple[str, bool], what: str, key: str) -> None:
        """A chart or SmartArt: a figure with no image, carrying its description (or saying it has none)."""
        alt, decorative = described
        if decorative:
            return
        if alt:
            self.report(key, f"{what} is read as a figure with its description; the graphic itself is left out")
        else:
            self.report(key, f"{what} has no description (alt text): it is read as an undescribed figure")
        para.after.append(Figure("", alt))

    def _picture(self, picture: Any, described: tuple[str, bool], scope: Scope, para: Para) -> None:
        blip = picture.find(f"{_q(PIC_NS, 'blipFill')}/{_q(A_NS, 'blip')}")
        if blip is None:
            return
        self._figure(blip.get(R_EMBED), blip.get(R_LINK), described, scope, para)

    def _figure(
        self, embed: str | None, linked: str | None, described: tuple[str, bool], scope: Scope, para: Para
    ) -> None:
        alt, decorative = described
        if not embed:
            if linked:
                rel = scope.part.rels.get(linked)
                target = rel.target_ref if rel is not None else linked
                self.report(
                    f"linked:{target}",
                    f"{scope.name}: the linked image {target[:200]!r} is left out: linked images are never fetched",
                )
            return
        src, name = self._image(embed, scope)
        if src is None:
            return
        if not alt and not decorative:
            self.report(
                f"alt:{name}",
                f"{name}: image without a text alternative (alt text); it will be marked as undescribed",
            )
        para.after.append(Figure(src, "" if decorative else alt, decorative=decorative))

    def _image(self, rel_id: str, scope: Scope) -> tuple[str | None, str]:
        """The image of a relationship as a data: URL, "" when no format can show it; None when it is missing."""
        rel = scope.part.rels.get(rel_id)
        if rel is None or rel.is_external:
            self.report(f"noimage:{rel_id}", f"{scope.name}: a picture points to an image the package lacks")
            return None, ""
        part = rel.target_part
        name = str(part.partname).lstrip("/")
        if name not in self.images:
            self.images[name] = self._data_url(part.blob, name)
        return self.images[name], name

    def _data_url(self, blob: bytes, name: str) -> str:
        """The picture checked as every writer checks images (convert/images.py), as a data: URL; "" if refused."""
        kind = _legacy_format(blob)
        if kind in ("BMP", "TIFF"):
            blob = _to_png(blob) or blob
        elif kind:
            self.report(
                f"format:{name}",
                f"{name}: the image is in {kind}, which no output format shows; its description stands in for it",
            )
            return ""
        try:
            if len(blob) > MAX_IMAGE_BYTES:
                raise Refused(f"it is larger than {size(MAX_IMAGE_BYTES)}, the largest image used")
            image = check_image(blob, name)
            if self.image_bytes + len(image.data) > MAX_DOCUMENT_IMAGE_BYTES:
                raise Refused(f"the document's images would pass {size(MAX_DOCUMENT_IMAGE_BYTES)} in all")
        except Refused as refusal:
            self.report(f"format:{name}", f"{name}: the image is left out, {refusal}; its description stands in")
            return ""
        self.image_bytes += len(image.data)
        return image.data_url()

    def _vml(self, element: Any, scope: Scope, para: Para, embedded_object: bool) -> None:
        """Legacy VML: pictures (v:imagedata), text boxes (v:textbox), horizontal lines, OLE objects' pictures."""
        if embedded_object:
            ole = element.find(_q(O_NS, "OLEObject"))
            program = ole.get("ProgID", "an object") if ole is not None else "an object"
            where = self._target_name(ole.get(R_ID) if ole is not None else None, scope) or scope.name
            self.report(f"ole:{where}", f"{where}: an embedded object ({program}) is read as its picture")
        for node in element:
            name = etree.QName(node).localname if isinstance(node.tag, str) else ""
            if node.tag == _q(V_NS, "textbox"):
                content = node.find(W_TXBX)
                if content is not None:
                    self._text_box(content, scope, para)
            elif name in ("shape", "rect", "roundrect", "image", "group", "oval"):
                if node.get(_q(O_NS, "hr")) in ("t", "true"):
                    para.rule_before = True
                    continue
                data = node.find(_q(V_NS, "imagedata"))
                if data is not None:
                    alt = (node.get("alt") or data.get(_q(O_NS, "title")) or "").strip()
                    self._figure(data.get(R_ID), data.get(_q(R_NS, "href")), (alt, False), scope, para)
                self._vml(node, scope, para, False)


# Helpers of the first pass ---------------------------------------------------------


def _lang_attributes(properties: Any | None) -> tuple[str, str, str]:
    """(Latin, East Asian, complex script) languages of a w:rPr's w:lang, "" where unset or not a language."""
    if properties is None:
        return ("", "", "")
    element = properties.find(_w("lang"))
    if element is None:
        return ("", "", "")
    return (_lang_tag(element.get(W_VAL)), _lang_tag(element.get(_w("eastAsia"))), _lang_tag(element.get(_w("bidi"))))


def _fits(tag: str, text: str) -> bool:
    """Whether a language is written in the script of text: Hebrew letters are not Arabic's, kana are Japanese."""
    primary = _primary(tag)
    if HEBREW_SCRIPT.search(text):
        return primary in ("he", "iw", "yi")
    if RTL_SCRIPT.search(text):
        return text_direction(tag) == "rtl" and primary not in ("he", "iw", "yi")
    if KANA_SCRIPT.search(text):
        return primary == "ja"
    if HANGUL_SCRIPT.search(text):
        return primary == "ko"
    return primary in ("zh", "ja", "ko")


def _numbering(
    direct: Any | None, inherited: tuple[str, int | None] | None, numbering: Numbering, style_id: str
) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph: its own w:numPr over its style's; None outside lists (numId 0)."""
    num_id, ilvl = inherited if inherited is not None else ("", None)
    if direct is not None:
        own_num = direct.find(_w("numId"))
        own_level = direct.find(_w("ilvl"))
        if own_num is not None:
            num_id = own_num.get(W_VAL, "")
        if own_level is not None:
            ilvl = _int(own_level.get(W_VAL))
    if not num_id or num_id == "0":
        return None
    if ilvl is None:
        ilvl = 0
        abstract = numbering._abstract(num_id)
        if abstract is not None:
            for lvl in abstract.iterchildren(_w("lvl")):
                linked = lvl.find(_w("pStyle"))
                if linked is not None and linked.get(W_VAL) == style_id:
                    ilvl = _int(lvl.get(_w("ilvl")))
                    break
    return num_id, min(max(ilvl, 0), 8)


def _borders(element: Any | None) -> tuple[str, bool, bool]:
    """(box key, rule before, only a top or bottom border) from a paragraph's own w:pBdr.

    Four sides make a box: paragraphs with the same box belong together, as Word draws them. A top border
    alone is a thematic break before the paragraph.
    """
    if element is None:
        return "", False, False
    sides = {etree.QName(side).localname: side for side in element if _attr(side) not in (None, "nil", "none")}
    if {"top", "left", "bottom", "right"} <= sides.keys():
        key = "|".join(f"{name}:{sides[name].get(W_VAL)}:{sides[name].get(_w('color'))}" for name in sorted(sides))
        return key, False, False
    only = set(sides) in ({"top"}, {"bottom"})
    return "", set(sides) == {"top"}, only


def _attr(element: Any | None) -> str | None:
    return element.get(W_VAL) if element is not None else None


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Children with this tag, looking through content controls, custom XML and inserted-row wrappers."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in TRANSPARENT:
            yield from _children(child, tag)


def _choose(alternate: Any) -> Any | None:
    """The branch of mc:AlternateContent to read: the first mc:Choice whose namespaces we know, else mc:Fallback."""
    for choice in alternate.iterchildren(MC_CHOICE):
        required = choice.get("Requires", "").split()
        if all(choice.nsmap.get(prefix) in UNDERSTOOD for prefix in required):
            return choice
    return alternate.find(MC_FALLBACK)


def _describe(properties: Any | None) -> tuple[str, bool]:
    """(alt text, decorative) of a drawing from its wp:docPr: descr, else title; Word's "Mark as decorative"."""
    if properties is None:
        return "", False
    alt = " ".join(clean_text(properties.get("descr") or properties.get("title") or "").split())
    decorative = any(
        mark.get("val") in ("1", "true")
        for extension in properties.iter(_q(A_NS, "ext"))
        if extension.get("uri") == DECORATIVE_EXTENSION
        for mark in extension.iterchildren(_q(ADEC_NS, "decorative"))
    )
    return alt, decorative


def _math_text(element: Any) -> str:
    """An equation (OMML) as linear text: fractions as (a)/(b), powers as x^(2), roots as √(x)."""

    def linear(node: Any) -> str:
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
        parts = {etree.QName(child).localname: child for child in node if isinstance(child.tag, str)}
        match name:
            case "t":
                return node.text or ""
            case "f":
                return f"({inner(parts.get('num'))})/({inner(parts.get('den'))})"
            case "sSup":
                return f"{inner(parts.get('e'))}^({inner(parts.get('sup'))})"
            case "sSub":
                return f"{inner(parts.get('e'))}_({inner(parts.get('sub'))})"
            case "sSubSup":
                return f"{inner(parts.get('e'))}_({inner(parts.get('sub'))})^({inner(parts.get('sup'))})"
            case "rad":
                degree = inner(parts.get("deg"))
                return f"{'(' + degree + ')' if degree else ''}√({inner(parts.get('e'))})"
            case "d":
                properties = parts.get("dPr")
                begin, end = "(", ")"
                if properties is not None:
                    for child in properties:
                        local = etree.QName(child).localname
                        if local == "begChr":
                            begin = child.get(_q(M_NS, "val"), "(")
                        elif local == "endChr":
                            end = child.get(_q(M_NS, "val"), ")")
                return begin + ", ".join(inner(e) for e in node.iterchildren(_q(M_NS, "e"))) + end
            case "rPr" | "ctrlPr" | "fPr" | "sSupPr" | "sSubPr" | "radPr" | "naryPr" | "dPr" | "oMathParaPr":
                return ""
            case "nary":
                properties = parts.get("naryPr")
                symbol = "∫"
                if properties is not None:
                    found = properties.find(_q(M_NS, "chr"))
                    symbol = found.get(_q(M_NS, "val"), "∫") if found is not None else "∫"
                limits = "".join(
                    f"{mark}({inner(parts[key])})"
                    for key, mark in (("sub", "_"), ("sup", "^"))
                    if inner(parts.get(key))
                )
                return f"{symbol}{limits} {inner(parts.get('e'))}"
        return inner(node)

    def inner(node: Any | None) -> str:
        return "".join(linear(child) for child in node if isinstance(child.tag, str)) if node is not None else ""

    return " ".join(linear(element).split())


def _legacy_format(blob: bytes) -> str:
    """The picture formats Word keeps that the web's do not include, from their first bytes; "" for others."""
    if blob.startswith(b"BM"):
        return "BMP"
    if blob.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if blob[:4] == b"\x01\x00\x00\x00" and blob[40:44] == b" EMF":
        return "EMF"
    if blob.startswith((b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")):
        return "WMF"
    return ""


def _to_png(blob: bytes) -> bytes | None:
    """A BMP or TIFF image as PNG, which every output format shows; None when Pillow cannot read it."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob), formats=["BMP", "TIFF"]) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None  # left as it is, the image check refuses it with the reason
            out = io.BytesIO()
            image.save(out, "PNG")
            return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def _plain(pieces: list[Piece]) -> str:
    return " ".join("".join(p.text if p.kind != BREAK else " " for p in pieces).split())


# The second pass: items into blocks ------------------------------------------------


@dataclass(slots=True)
class OpenList:
    """A list being put together: its level, identity, kind, first number and items so far."""

    ilvl: int
    num: str
    ordered: bool
    start: int
    items: list[list[Block]]
    indent: int


class Lists:
    """The lists open at a point of the text, outermost first; closing one puts it in its parent's last item."""

    def __init__(self, out: list[Block]) -> None:
        self.out = out
        self.stack: list[OpenList] = []

    def item(self, num: str, ilvl: int, level: Level, number: int, blocks: list[Block]) -> None:
        """Add an item, opening or closing lists so it sits at its level.

        An item without content stays, so that deeper items can nest in it (Word shows its number or bullet).
        Bullets at the same level are one list whatever their numbering says, as Word shows them; numbered items
        belong to one list only when they share its numbering, which is what keeps their count.
        """
        while self.stack and self.stack[-1].ilvl > ilvl:
            self._pop()
        if self.stack and self.stack[-1].ilvl == ilvl:
            top = self.stack[-1]
            if top.ordered == level.ordered and (top.num == num or not level.ordered):
                top.items.append(blocks)
                return
            self._pop()
        self.stack.append(OpenList(ilvl, num, level.ordered, number if level.ordered else 1, [blocks], level.indent))

    def continuation(self, para: Para) -> OpenList | None:
        """The open list whose last item a paragraph without a number continues, if it lines up with one."""
        if not self.stack:
            return None
        if para.indent is not None and para.indent > 0:
            fitting = [o for o in self.stack if o.indent and o.indent <= para.indent + INDENT_TOLERANCE]
            return fitting[-1] if fitting else None
        return self.stack[-1] if para.list_style and para.indent is None else None

    def _pop(self) -> None:
        done = self.stack.pop()
        items = tuple(ListItem(tuple(blocks)) for blocks in done.items if blocks)
        if not items:
            return
        node = List(items, done.ordered, done.start)
        if self.stack:
            self.stack[-1].items[-1].append(node)
        else:
            self.out.append(node)

    def close(self) -> None:
        """Close every open list."""
        while self.stack:
            self._pop()


class Assembler:
    """Puts the items of the first pass together into blocks, in document order."""

    def __init__(self, reading: Reading, lang: str) -> None:
        self.reading = reading
        self.lang = lang
        self.primary = _primary(lang)
        self.state = InlineState()
        self.anchors: dict[str, str] = {}
        self.current = ""
        self.taken: set[str] = set()
        self.next_number: dict[str, int] = {}
        self.internal_links = False
        self.cell_figures = False

    def document(self, items: list[Any]) -> list[Block]:
        """Every block of the body, then the Notes section, with in-document links pointing to headings."""
        blocks = self.blocks(items)
        if self.reading.notes:
            blocks.append(self.notes())
        if self.internal_links:
            blocks = [self._resolve_block(block) for block in blocks]
        return blocks

    def new_id(self, content: tuple[Inline, ...]) -> str:
        """A heading id as the prepare transform would give it, so links can point to it now."""
        candidate = unique(slug(plain_text(content)), self.taken, counters=self.next_number)
        self.taken.add(candidate)
        return candidate

    def register(self, bookmarks: list[str]) -> None:
        """Bookmarks point to the heading of the section holding them ("" before the first heading)."""
        for name in bookmarks:
            self.anchors.setdefault(name, self.current)

    # Inlines ---------------------------------------------------------------

    def content(self, pieces: list[Piece]) -> tuple[Inline, ...]:
        """The tidied inline tree of a paragraph's pieces."""
        if not pieces:
            return ()
        self._languages(pieces)
        content = tidy(self._tree(pieces, ("link", "lang", "strong", "emph")), self.state)
        # Line breaks and spaces alone are nothing to read.
        return content if plain_text(content).strip() else ()

    def _languages(self, pieces: list[Piece]) -> None:
        """Settle each piece's language: "" for the document's, a tag where it changes; "?" found from the text."""
        unknown = [p for p in pieces if p.lang == "?"]
        if unknown:
            guess = detect_language(" ".join(p.text for p in unknown), default="")
            for piece in unknown:
                script_default = "ar" if RTL_SCRIPT.search(piece.text) else "zh"
                piece.lang = guess or script_default
        for piece in pieces:
            # Regional variants are not a change of language; Word marks them on pasted text all the time.
            if piece.lang and _primary(piece.lang) == self.primary:
                piece.lang = ""

    def _tree(self, pieces: list[Piece], attributes: tuple[str, ...]) -> list[Inline]:
        """Nest formatting so the longest stretch is outermost; on a tie links, then languages, importance, emphasis."""
        result: list[Inline] = []
        index, count = 0, len(pieces)
        while index < count:
            best, best_end, best_value = "", index, None
            for attribute in attributes:
                value = getattr(pieces[index], attribute)
                if not value:
                    continue
                end = index + 1
                while end < count and getattr(pieces[end], attribute) == value:
                    end += 1
                if end > best_end:
                    best, best_end, best_value = attribute, end, value
            if not best:
                result.append(_leaf(pieces[index]))
                index += 1
                continue
            inner = tuple(self._tree(pieces[index:best_end], tuple(a for a in attributes if a != best)))
            match best:
                case "link":
                    url = self.reading.links[best_value]  # type: ignore[index]
                    if url.startswith("#"):
                        self.internal_links = True
                    result.append(Link(inner, url))
                case "lang":
                    result.append(Span(inner, best_value))  # type: ignore[arg-type]
                case "emph":
                    result.append(Emph(inner))
                case "strong":
                    result.append(Strong(inner))
            index = best_end
        return result

    # Blocks ---------------------------------------------------------------

    def blocks(self, items: list[Any], box: str = "") -> list[Block]:
        """The blocks of a run of items: lists, quotes, code, captions and boxes put together."""
        out: list[Block] = []
        lists = Lists(out)
        index, count = 0, len(items)
        caption: tuple[Inline, ...] = ()
        last_figure = last_table = -2
        while index < count:
            item = items[index]
            if isinstance(item, TableItem):
                lists.close()
                self.register(item.bookmarks)
                table, hoisted = self.table(item)
                if caption:
                    # The visible caption names the table for everyone; the alt-text title only for some.
                    table = replace(table, caption=caption)
                caption = ()
                out.append(table)
                out.extend(hoisted)
                last_table = index
                index += 1
                continue
            para: Para = item
            if para.box and para.box != box:
                end = index
                while end < count and isinstance(items[end], Para) and items[end].box == para.box:
                    end += 1
                lists.close()
                inner = self.blocks(items[index:end], para.box)
                if inner:
                    out.append(Aside(self._aside_kind(inner), tuple(inner)))
                index = end
                continue
            if para.rule_before:
                lists.close()
                out.append(Rule())
            role = para.role
            if role == "heading" or role == "title":
                lists.close()
                content = self.content(para.pieces)
                if content:
                    heading = Heading(para.level or 1, content, self.new_id(content))
                    out.append(heading)
                    self.current = heading.id
                self.register(para.bookmarks)
                self.after(para, out)
                index += 1
                continue
            level = self.reading.numbering.level(*para.numbering) if para.numbering else None
            if level is not None and not level.marker:
                # Numbered without a number: it lines up with an open list's text, or is a plain paragraph.
                para.indent = para.indent or level.indent
                level = None
            if level is not None and role == "quote":
                # A numbered paragraph in the Quote style: a list inside a block quote.
                lists.close()
                index = self._quote(items, index, out, box)
                continue
            if level is not None and para.numbering is not None and role not in ("code", "rule"):
                self.register(para.bookmarks)
                number = self.reading.numbering.number(para.numbering[0], para.numbering[1], level)
                blocks = self._paragraph_blocks(para)
                lists.item(para.numbering[0], para.numbering[1], level, number, blocks)
                index += 1
                continue
            if role in ("", "list", "caption") and (target := lists.continuation(para)) is not None:
                self.register(para.bookmarks)
                target.items[-1].extend(self._paragraph_blocks(para))
                # Deeper lists than the one continued are finished.
                while lists.stack and lists.stack[-1] is not target:
                    lists._pop()
                index += 1
                continue
            lists.close()
            self.register(para.bookmarks)
            if role == "rule":
                out.append(Rule())
                content = self.content(para.pieces)
                if content:
                    out.append(Paragraph(content))
                self.after(para, out)
            elif role in ("quote", "attribution"):
                index = self._quote(items, index, out, box)
                continue
            elif role == "code":
                index = self._code(items, index, out, box)
                continue
            elif role == "caption":
                content = self.content(para.pieces)
                next_item = items[index + 1] if index + 1 < count else None
                previous = out[-1] if out else None
                named_table = isinstance(next_item, TableItem) and next_item.caption == plain_text(content)
                if (
                    content
                    and isinstance(previous, Figure)
                    and not (previous.caption or previous.decorative or named_table)
                    and last_figure == index - 1
                ):
                    out[-1] = replace(previous, caption=content)
                elif content and isinstance(next_item, TableItem):
                    caption = content
                elif content and isinstance(previous, Table) and not previous.caption and last_table == index - 1:
                    out[-1] = replace(previous, caption=content)
                elif content and isinstance(next_item, Para) and not next_item.pieces and next_item.after:
                    first = next_item.after[0]
                    if isinstance(first, Figure):
                        next_item.after[0] = replace(first, caption=content)
                    else:
                        out.append(Paragraph(content))
                elif content:
                    out.append(Paragraph(content))
                self.after(para, out)
            else:
                content = self.content(para.pieces)
                if content:
                    out.append(Paragraph(content))
                if self.after(para, out):
                    last_figure = index
            index += 1
        lists.close()
        return out

    def _paragraph_blocks(self, para: Para) -> list[Block]:
        content = self.content(para.pieces)
        blocks: list[Block] = [Paragraph(content)] if content else []
        self.after(para, blocks)
        return blocks

    def after(self, para: Para, out: list[Block]) -> bool:
        """Place what stands after a paragraph: its images, then its text boxes' content; True if it ends in a
        figure."""
        ends_in_figure = False
        for thing in para.after:
            if isinstance(thing, Figure):
                out.append(thing)
                ends_in_figure = True
            else:
                out.extend(self.blocks(thing))
                ends_in_figure = False
        return ends_in_figure

    def _aside_kind(self, blocks: list[Block]) -> str:
        """A box's kind from its heading when that is one of the boxes the converter itself writes, else "note"."""
        first = blocks[0]
        if isinstance(first, Heading):
            text = plain_text(first)
            names = LABELS.get(self.primary, LABELS["en"])
            for kind in ("key-points", "glossary", "help", "notes"):
                if names.get(kind) == text:
                    return kind
        return "note"

    def _listed(self, para: Para) -> bool:
        """Whether a paragraph is a list item: numbered with a level that shows a number or bullet."""
        level = self.reading.numbering.level(*para.numbering) if para.numbering else None
        return level is not None and level.marker

    def _joins(self, item: Any, roles: tuple[str, ...], box: str) -> bool:
        """Whether the next item continues a run of quote or code paragraphs in the same box."""
        return (
            isinstance(item, Para)
            and item.role in roles
            and item.box == box
            and not item.rule_before
            and not self._listed(item)
        )

    def _continues_quote(self, item: Any, box: str) -> bool:
        """Whether the next item is in the quote: a quote or attribution paragraph (a list item too, in the Quote
        style), or code indented as a quote is."""
        if not isinstance(item, Para) or item.box != box or item.rule_before:
            return False
        if item.role == "code":
            return bool(item.indent and item.indent > 0) and not self._listed(item)
        return item.role in ("quote", "attribution")

    def _quoted_list(self, items: list[Any], index: int, box: str) -> int:
        """The end of a list inside a quote: its numbered items and the paragraphs indented under them."""
        end = index + 1
        while end < len(items) and self._continues_quote(items[end], box) and items[end].role != "attribution":
            if not (self._listed(items[end]) or (items[end].indent or 0) > 0):
                break
            end += 1
        return end

    def _quote(self, items: list[Any], index: int, out: list[Block], box: str) -> int:
        """Consecutive quote paragraphs into one Quote; an attribution paragraph after them is its attribution.

        The first item is always taken, so reading always moves on.
        """
        blocks: list[Block] = []
        attribution: tuple[Inline, ...] = ()
        start = index
        while index < len(items):
            item = items[index]
            if index > start and not self._continues_quote(item, box):
                break
            if item.role == "code":
                index = self._code(items, index, blocks, box)
                continue
            if item.role == "quote" and self._listed(item):
                end = self._quoted_list(items, index, box)
                inside = items[index:end]
                for listed in inside:
                    if listed.role == "quote":
                        listed.role = ""  # inside the quote, they are the list's own paragraphs
                blocks.extend(self.blocks(inside, box))
                index = end
                continue
            content = self.content(item.pieces)
            self.register(item.bookmarks)
            index += 1
            if item.role == "attribution":
                attribution = strip_dash(content)
                break
            if content:
                blocks.append(Paragraph(content))
            self.after(item, blocks)
        if blocks or attribution:
            out.append(Quote(tuple(blocks), attribution))
        return index

    def _code(self, items: list[Any], index: int, out: list[Block], box: str) -> int:
        """Consecutive code paragraphs into one code block, line by line, blank lines kept; the first always."""
        lines: list[str] = []
        start = index
        while index < len(items):
            item = items[index]
            if index > start and not self._joins(item, ("code",), box):
                break
            self.register(item.bookmarks)
            lines.append("".join(p.text if p.kind != BREAK else "\n" for p in item.pieces))
            index += 1
            if item.after:
                break
        text = "\n".join(lines).strip("\n")
        if text.strip():
            out.append(CodeBlock(text))
        self.after(items[index - 1], out)
        return index

    def table(self, item: TableItem) -> tuple[Table, list[Block]]:
        """A Table, and the images its cells held (the model's cells hold text), to be placed after it."""
        hoisted: list[Block] = []
        head: list[tuple[tuple[Inline, ...], ...]] = []
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        width = max(len(cells) for _, cells in item.rows)
        for header, cells in item.rows:
            row = []
            for cell in (*cells, *([None] * (width - len(cells)))):
                row.append(self._cell(cell, hoisted) if cell is not None else ())
            (head if header else rows).append(tuple(row))
        caption: tuple[Inline, ...] = (Text(item.caption),) if item.caption else ()
        if hoisted and not self.cell_figures:
            self.cell_figures = True
            self.reading.report("cellfigures", "word/document.xml: images in table cells are placed after the table")
        return Table(tuple(head), tuple(rows), caption), hoisted

    def _cell(self, items: list[Any], hoisted: list[Block]) -> tuple[Inline, ...]:
        """A cell's blocks as inlines: paragraphs and list items on lines of their own."""
        lines: list[tuple[Inline, ...]] = []
        for block in self.blocks(items):
            lines.extend(self._lines(block, hoisted))
        result: list[Inline] = []
        for line in lines:
            if result:
                result.append(Break())
            result.extend(line)
        return tuple(result)

    def _lines(self, block: Block, hoisted: list[Block]) -> list[tuple[Inline, ...]]:
        match block:
            case Paragraph(content=content) | Heading(content=content):
                return [content]
            case List(items=items):
                return [line for item in items for child in item.blocks for line in self._lines(child, hoisted)]
            case Quote(blocks=blocks) | Aside(blocks=blocks):
                return [line for child in blocks for line in self._lines(child, hoisted)]
            case CodeBlock(text=text):
                return [(Code(text),)]
            case Table(head=head, rows=rows):
                self.reading.report("nested", "word/document.xml: tables inside table cells are read as text")
                return [tuple(_join(cell for cell in row if cell)) for row in (*head, *rows)]
            case Figure():
                hoisted.append(block)
        return []

    def notes(self) -> Aside:
        """The Notes section: a heading and a numbered list, each note ending with a link back to the text."""
        heading = Heading(2, (Text(label("notes", self.lang)),), self.new_id((Text(label("notes", self.lang)),)))
        self.anchors[NOTES_ANCHOR] = heading.id
        self.current = heading.id
        entries: list[ListItem] = []
        for note in self.reading.notes:
            blocks = self.blocks(note.items)
            back = f"-ref-{note.number}-"
            if self.anchors.get(back):
                # Resolved with every other in-document link, to the heading of the section citing the note.
                link = Link((Text(label("back-to-text", self.lang)),), f"#{back}")
                self.internal_links = True
                if blocks and isinstance(blocks[-1], Paragraph):
                    blocks[-1] = Paragraph((*blocks[-1].content, Text(" "), link))
                else:
                    blocks.append(Paragraph((link,)))
            entries.append(ListItem(tuple(blocks)))
        return Aside("notes", (heading, List(tuple(entries), ordered=True)))

    # In-document links ------------------------------------------------------

    def _resolve_block(self, block: Block) -> Block:
        """The block with links to bookmarks pointing to the headings of their sections, or unlinked."""
        match block:
            case Paragraph(content=content):
                return Paragraph(self._resolve(content))
            case Heading(content=content):
                return replace(block, content=self._resolve(content))
            case List(items=items):
                return replace(block, items=tuple(ListItem(self._resolve_all(i.blocks)) for i in items))
            case Quote(blocks=blocks, attribution=attribution):
                return Quote(self._resolve_all(blocks), self._resolve(attribution))
            case Aside(blocks=blocks):
                return replace(block, blocks=self._resolve_all(blocks))
            case Figure(caption=caption):
                return replace(block, caption=self._resolve(caption))
            case Table(head=head, rows=rows, caption=caption):
                fix = lambda r: tuple(tuple(self._resolve(cell) for cell in row) for row in r)  # noqa: E731
                return Table(fix(head), fix(rows), self._resolve(caption))
        return block

    def _resolve_all(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(self._resolve_block(b) for b in blocks)

    def _resolve(self, nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for node in nodes:
            match node:
                case Link(content=content, url=url) if url.startswith("#"):
                    target = self.anchors.get(url[1:], "")
                    inner = self._resolve(content)
                    if target:
                        result.append(Link(inner, f"#{target}"))
                    else:
                        result.extend(inner)
                case Emph() | Strong() | Quoted():
                    result.append(type(node)(self._resolve(node.content)))
                case Link(content=content, url=url):
                    result.append(Link(self._resolve(content), url))
                case Span(content=content, lang=lang):
                    result.append(Span(self._resolve(content), lang))
                case _:
                    result.append(node)
        return _merge(result)


def _leaf(piece: Piece) -> Inline:
    if piece.kind == BREAK:
        return Break()
    if piece.kind == CODE:
        return Code(piece.text)
    return Text(piece.text)


def _join(cells: Iterable[tuple[Inline, ...]]) -> list[Inline]:
    joined: list[Inline] = []
    for cell in cells:
        if joined:
            joined.append(Text(" "))
        joined.extend(cell)
    return joined


def _merge(nodes: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


READER = Reader(
    name="docx",
    extensions=(".docx",),
    read=None,
    read_path=read_path,
    description="Word document: styles, lists, tables, images with alt text, notes, languages; nothing fetched",
)
