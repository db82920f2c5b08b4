"""Accessible Word (.docx): built-in styles, real lists, links, language, alt text and the theme's embedded font."""

from __future__ import annotations

import functools
import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from convert.errors import ConvertError, ConvertWarning, UsageError
from convert.fileio import write_bytes_atomic
from convert.images import Loader, describe, missing_image_text
from convert.labels import label
from convert.model import (
    Abbr,
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
    Paragraph,
    Quote,
    Quoted,
    Rule,
    Sentence,
    Span,
    Strong,
    Table,
    Text,
    text_direction,
)
from convert.options import Options
from convert.registry import FileKind, Writer
from convert.reproducible import build_time, normalised_zip
from convert.source import clean_text
from convert.themes import check_theme, theme_fonts, theme_rules, theme_value
from convert.transforms.sentences import unmark
from convert.walk import plain_text

Element = etree._Element
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "{" + W_NS + "}"
W_P, W_R, W_T = W + "p", W + "r", W + "t"
PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
R_ID = "{" + R_NS + "}id"
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
TWIPS_PER_POINT = 20
EMU_PER_TWIP = 635
MARGIN = 1440  # one inch on every side
PAGE_SIZES = {"a4": (11906, 16838), "letter": (12240, 15840)}
LIST_INDENT = 720
HANGING = 360
# Quotation marks by nesting depth: double outside, single inside.
QUOTES = (("“", "”"), ("‘", "’"))
BULLETS = ("•", "–", "•", "–", "•", "–", "•", "–", "•")
NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman") * 3
# Word refuses bookmark names that are longer, or that hold anything but letters, digits and underscores.
BOOKMARK_LENGTH = 40
BOOKMARK_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
# Word keeps a document property (title, subject, comments...) to 255 characters, and so does python-docx.
CORE_PROPERTY_LENGTH = 255
PACKAGE_FIRST = ("[Content_Types].xml", "_rels/.rels")
# Parts of python-docx's template that would only add noise: a sample thumbnail, custom XML, legacy styles.
UNWANTED_RELATIONSHIPS = ("thumbnail", "customXml", "stylesWithEffects", "webSettings")


# The look: sizes and colours per theme, read from styles/*.css -----------------

BODY_POINTS = 12
"""The CSS themes' 1rem at 100% (16 px) is 12 pt."""
EIGHTHS_PER_PX = 6
"""A CSS px is 0.75 pt; Word counts border widths in eighths of a point."""


@dataclass(frozen=True, slots=True)
class Look:
    """The sizes and colours a theme gives Word's styles."""

    body: float = BODY_POINTS
    """Body text size in points: the theme's html font-size."""
    line: float = 1.6
    """Line height as a multiple of single spacing: the theme's html line-height."""
    headings: tuple[float, ...] = (2.0, 1.75, 1.5, 1.25, 1.1, 1.1, 1.1)
    """Title, then Heading 1..6 sizes as multiples of the body size (h1; between h1 and h2; h2..h6)."""
    text: str = "1A1A1A"
    """Text colour (--text)."""
    link: str = "0B4F9C"
    """Link colour (--link)."""
    accent: str = "0B4F9C"
    """Colour of quote bars and box borders (--accent)."""
    box: str = "EEF3F9"
    """Background of boxes (asides) and table headers (--box)."""
    page: str = ""
    """Page colour (--background); empty for white."""
    border: int = 12
    """Border width of boxes, in eighths of a point (quote bars are twice as wide): the theme's aside border."""
    italics: bool = True
    """False when emphasis must be bold rather than slanted (the theme sets em to font-style: normal)."""
    letter_spacing: float = 0
    """Extra space between letters, in points: the theme's html letter-spacing."""


@functools.cache
def look_for(theme: str) -> Look:
    """The look of a theme, read from its CSS (its own sheet over default.css), so a change of theme reaches Word."""
    name = check_theme(theme)
    body = BODY_POINTS * _scale(theme_value(name, "html", "font-size"), name, "html font-size")
    sizes = [_scale(theme_value(name, f"h{n}", "font-size"), name, f"h{n} font-size") for n in range(1, 7)]
    # Word's Heading 1 has no CSS counterpart (the title is the page's h1, the first heading is Heading 2): it
    # sits between the two, so a document whose outline starts one level higher still looks ordered.
    headings = (sizes[0], (sizes[0] + sizes[1]) / 2, *sizes[1:])
    borders = [value for selector, prop, value in theme_rules(name) if selector == "aside" and prop in _BORDER]
    border_px = re.search(r"([\d.]+)px", borders[-1]) if borders else None
    background = _colour(name, "--background")
    return Look(
        body=body,
        line=float(theme_value(name, "html", "line-height") or 1.2),
        headings=headings,
        text=_colour(name, "--text"),
        link=_colour(name, "--link"),
        accent=_colour(name, "--accent"),
        box=_colour(name, "--box"),
        page="" if background == "FFFFFF" else background,
        border=round(float(border_px.group(1)) * EIGHTHS_PER_PX) if border_px else Look.border,
        italics=theme_value(name, "em", "font-style") != "normal",
        letter_spacing=body * _scale(theme_value(name, "html", "letter-spacing") or "0em", name, "letter-spacing"),
    )


_BORDER = ("border", "border-width")


def _scale(value: str, theme: str, what: str) -> float:
    """A relative CSS size as a factor: "125%" -> 1.25, "1.4em" -> 1.4; "" (not set) -> 1."""
    match = re.fullmatch(r"([\d.]+)(%|em|rem)", value.strip()) if value else None
    if not value:
        return 1.0
    if match is None:
        raise ValueError(f"styles/{theme}.css: {what} {value!r} is not a relative size (%, em) Word can follow")
    number = float(match.group(1))
    return number / 100 if match.group(2) == "%" else number


def _colour(theme: str, prop: str) -> str:
    """A custom property's colour as Word writes it: "#0b4f9c" -> "0B4F9C"."""
    value = theme_value(theme, ":root", prop)
    if re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return value[1:].upper()
    if re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        return "".join(c * 2 for c in value[1:]).upper()
    raise ValueError(f"styles/{theme}.css: {prop} {value!r} is not a #rrggbb colour Word can use")


WORD_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})
"""The image types python-docx can place (SVG needs a raster fallback Word does not make itself)."""


# What the writer accumulates while it goes through the document ---------------


@dataclass(slots=True)
class Build:
    """Mutable state of one run of the writer: numbering instances, ids, abbreviations already introduced."""

    document: object
    """The python-docx Document being filled."""
    look: Look
    """The theme's sizes and colours."""
    text_width: int
    """Width of the text column, in twips."""
    images: Loader
    """The one image path: where the document's images come from, checked."""
    expansions: dict[str, list[str]]
    """Each expansion, to the abbreviations it introduces when the text spells it out."""
    numbering: list[tuple[bool, int, int]] = field(default_factory=list)
    """One (ordered, start, level) per list: each becomes a w:num instance, so every list numbers from its start."""
    introduced: set[str] = field(default_factory=set)
    """Abbreviations whose expansion the reader has already met."""
    heading_shift: int | None = None
    """How many levels the headings move so the first one is Heading 2 (the title is the outline's level 1)."""
    last_level: int = 1
    """The level of the previous heading, so no level is skipped."""
    next_id: int = 1
    """The next free drawing and bookmark id."""
    rule_pending: bool = False
    """A thematic break was met: the next paragraph gets a top border instead of an empty paragraph."""


@dataclass(frozen=True, slots=True)
class Context:
    """How the surroundings format a node: language, run formatting, list depth, boxes."""

    build: Build
    """The writer's state."""
    lang: str
    """The language of the surrounding text."""
    doc_lang: str
    """The document's main language."""
    rtl: bool = False
    """The surrounding language is written right to left."""
    bold: bool = False
    """Inside Strong."""
    italic: bool = False
    """Inside Emph."""
    char_style: str = ""
    """A character style for every run (Hyperlink)."""
    quote_depth: int = 0
    """How many Quoted nodes surround the text."""
    list_depth: int = -1
    """The ilvl of the enclosing list item; -1 outside lists."""
    paragraph_style: str = "Normal"
    """The style of paragraphs written here (Quote inside block quotes)."""
    boxed: bool = False
    """Inside an Aside: paragraphs get the box border and shading."""
    keep_next: bool = False
    """Paragraphs here stay on the page of the next one (a quote with its attribution)."""


# Element helpers ---------------------------------------------------------------


def _w(parent: Element, tag: str, **attributes: str) -> Element:
    element = etree.SubElement(parent, W + tag)
    for name, value in attributes.items():
        element.set(W + name, value)
    return element


def _new(tag: str, **attributes: str) -> Element:
    # No nsmap here: it costs a declaration per element, and lxml maps the namespace to w: once appended.
    element = etree.Element(W + tag)
    for name, value in attributes.items():
        element.set(W + name, value)
    return element


def safe(text: str) -> str:
    """Text XML can hold: control characters and lone surrogates removed (the model's API accepts any str)."""
    return clean_text(text)


# Inlines -----------------------------------------------------------------------
# Each function appends to its parent (a w:p or w:hyperlink): building inside one tree is several times
# faster in lxml than making loose elements and moving them, and the seed x100 must beat pandoc.


def inlines(parent: Element, nodes: tuple[Inline, ...], context: Context) -> None:
    """Append the runs and hyperlinks for a sequence of inlines."""
    for node in nodes:
        inline(parent, node, context)


def inline(parent: Element, node: Inline, context: Context) -> None:
    """Append the runs for one inline node."""
    match node:
        case Text(text=text):
            text_run(parent, text, context)
        case Emph(content=content):
            emphasis = {"italic": True} if context.build.look.italics else {"bold": True}
            inlines(parent, content, replace(context, **emphasis))
        case Strong(content=content):
            inlines(parent, content, replace(context, bold=True))
        case Code(text=text):
            run(parent, text, context, style="VerbatimChar")
        case Link():
            link(parent, node, context)
        case Abbr():
            abbreviation(parent, node, context)
        case Span():
            span(parent, node, context)
        case Quoted():
            quoted(parent, node, context)
        case Break():
            _w(run(parent, "", context), "br")
        case Sentence(content=content):
            # Word has no use for sentence marks: a sentence is its content.
            inlines(parent, content, context)
        case _:
            raise TypeError(f"not an inline node: {node!r}")


def run_properties(parent: Element, context: Context, style: str = "") -> None:
    """w:rPr for a run, in the order the schema requires; omitted when nothing differs from the paragraph."""
    style = style or context.char_style
    rtl = context.rtl
    other_lang = context.lang != context.doc_lang
    if not (style or context.bold or context.italic or rtl or other_lang):
        return
    properties = _w(parent, "rPr")
    if style:
        _w(properties, "rStyle", val=style)
    if context.bold:
        _w(properties, "b")
        _w(properties, "bCs")
    if context.italic:
        _w(properties, "i")
        _w(properties, "iCs")
    if rtl:
        _w(properties, "rtl")
    if other_lang:
        if rtl:
            _w(properties, "lang", val=context.lang, bidi=context.lang)
        else:
            _w(properties, "lang", val=context.lang)


def run(parent: Element, text: str, context: Context, style: str = "") -> Element:
    """Append a w:r with its properties and text; line breaks and tabs become w:br and w:tab."""
    element = etree.SubElement(parent, W_R)
    run_properties(element, context, style)
    text = safe(text)
    if "\n" not in text and "\t" not in text:
        if text:
            etree.SubElement(element, W_T, PRESERVE).text = text
        return element
    for number, line in enumerate(text.split("\n")):
        if number:
            _w(element, "br")
        for index, piece in enumerate(line.split("\t")):
            if index:
                _w(element, "tab")
            if piece:
                etree.SubElement(element, W_T, PRESERVE).text = piece
    return element


def text_run(parent: Element, text: str, context: Context) -> None:
    """Append a run of plain text; an abbreviation's expansion written out here counts as its introduction."""
    build = context.build
    for expansion, shorts in build.expansions.items():
        if expansion in text and not build.introduced.issuperset(shorts):
            build.introduced.update(shorts)
    run(parent, text, context)


def link(parent: Element, node: Link, context: Context) -> None:
    """A real w:hyperlink: the link text in the Hyperlink style, an internal anchor or an external relationship."""
    element = _w(parent, "hyperlink")
    url = safe(node.url).strip()
    if url.startswith("#"):
        if len(url) > 1:
            element.set(W + "anchor", bookmark_name(url[1:]))
    elif url:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = context.build.document.part  # type: ignore[attr-defined]
        element.set(R_ID, part.relate_to(url, RT.HYPERLINK, is_external=True))
    element.set(W + "history", "1")
    inlines(element, node.content or (Text(url),), replace(context, char_style="Hyperlink"))


def abbreviation(parent: Element, node: Abbr, context: Context) -> None:
    """An abbreviation; on its first use, when the source has not spelled it out, "Expansion (ABBR)"."""
    build = context.build
    if node.text in build.introduced or not node.expansion:
        run(parent, node.text, context)
        return
    build.introduced.add(node.text)
    run(parent, f"{node.expansion} ({node.text})", context)


def span(parent: Element, node: Span, context: Context) -> None:
    """A passage in another language: w:lang on its runs, and w:rtl for right-to-left scripts."""
    lang = node.lang or context.lang
    inlines(parent, node.content, replace(context, lang=lang, rtl=text_direction(lang) == "rtl"))


def quoted(parent: Element, node: Quoted, context: Context) -> None:
    """Quoted speech between curly quotes, single ones when nested; a piece of a cut quotation has only its own."""
    opening, closing = QUOTES[context.quote_depth % 2]
    if node.opens:
        run(parent, opening, context)
    inlines(parent, node.content, replace(context, quote_depth=context.quote_depth + 1))
    if node.closes:
        run(parent, closing, context)


# Blocks ------------------------------------------------------------------------


def paragraph_properties(
    parent: Element,
    context: Context,
    style: str,
    *,
    numbered: int | None = None,
    indent: int | None = None,
    bidi: bool = False,
    keep_next: bool = False,
) -> None:
    """w:pPr in schema order: style, keep, numbering, borders, shading, direction, indentation."""
    build = context.build
    properties = _w(parent, "pPr")
    if style != "Normal":
        _w(properties, "pStyle", val=style)
    if keep_next or context.keep_next:
        _w(properties, "keepNext")
    if numbered is not None:
        numbering = _w(properties, "numPr")
        _w(numbering, "ilvl", val=str(context.list_depth))
        _w(numbering, "numId", val=str(numbered))
    if build.rule_pending or context.boxed:
        borders = _w(properties, "pBdr")
        sides = ("top", "left", "bottom", "right") if context.boxed else ("top",)
        for side in sides:
            _w(borders, side, val="single", sz=str(build.look.border), space="4", color=build.look.accent)
        build.rule_pending = False
        if context.boxed:
            _w(properties, "shd", val="clear", color="auto", fill=build.look.box)
    if bidi:
        _w(properties, "bidi")
    if indent is not None:
        _w(properties, "ind", left=str(indent))
    if not len(properties):
        parent.remove(properties)


def is_rtl(content: tuple[Inline, ...], context: Context) -> bool:
    """True when a paragraph reads right to left: its language does, or all its text is in right-to-left spans."""
    if context.rtl:
        return True
    if not any(isinstance(node, Span) for node in content):
        return False
    spans = [node for node in content if not (isinstance(node, Text) and not node.text.strip())]
    return all(isinstance(n, Span) and text_direction(n.lang) == "rtl" for n in spans)


def paragraph(
    parent: Element,
    content: tuple[Inline, ...],
    context: Context,
    style: str | None = None,
    *,
    numbered: int | None = None,
    indent: int | None = None,
    keep_next: bool = False,
) -> Element:
    """Append a w:p with its properties and runs."""
    element = etree.SubElement(parent, W_P)
    chosen = style or context.paragraph_style
    bidi = is_rtl(content, context)
    paragraph_properties(element, context, chosen, numbered=numbered, indent=indent, bidi=bidi, keep_next=keep_next)
    inlines(element, content, context)
    return element


def blocks(parent: Element, nodes: tuple[Block, ...], context: Context) -> None:
    """Append the paragraphs and tables for a sequence of blocks."""
    for node in nodes:
        block(parent, node, context)


def block(parent: Element, node: Block, context: Context) -> None:
    """Append the paragraphs and tables for one block node."""
    match node:
        case Heading():
            heading(parent, node, context)
        case Paragraph(content=content):
            # An empty paragraph would only make space, which the styles already do.
            if content:
                paragraph(parent, content, context)
        case List():
            list_(parent, node, context)
        case ListItem():
            list_item(parent, node, context, None)
        case Quote():
            quote(parent, node, context)
        case Figure():
            figure(parent, node, context)
        case Table():
            table(parent, node, context)
        case CodeBlock():
            code_block(parent, node, context)
        case Rule():
            context.build.rule_pending = True
        case Aside():
            aside(parent, node, context)
        case _:
            raise TypeError(f"not a block node: {node!r}")


def heading_level(level: int, build: Build) -> int:
    """The Word heading level: shifted so the first heading is Heading 2 under the title, never skipping a level."""
    if build.heading_shift is None:
        build.heading_shift = level - 2
    shifted = max(2, min(6, level - build.heading_shift, build.last_level + 1))
    build.last_level = shifted
    return shifted


def heading(parent: Element, node: Heading, context: Context) -> None:
    """A heading in the built-in Heading n style, with a bookmark so internal links can reach it."""
    level = heading_level(node.level, context.build)
    element = paragraph(parent, node.content, replace(context, keep_next=False), f"Heading{level}")
    if node.id:
        number = str(context.build.next_id)
        context.build.next_id += 1
        start = element.makeelement(W + "bookmarkStart", {W + "id": number, W + "name": bookmark_name(node.id)})
        element.insert(1, start)  # after the w:pPr, which a heading always has
        _w(element, "bookmarkEnd", id=number)


def new_numbering(ordered: bool, start: int, level: int, build: Build) -> int:
    """A fresh w:num for one list, so it numbers from its own start rather than continuing another list."""
    build.numbering.append((ordered, start, level))
    return len(build.numbering)


def list_(parent: Element, node: List, context: Context) -> None:
    """A real Word list: every item's first paragraph carries w:numPr, nested lists one level deeper."""
    depth = min(context.list_depth + 1, 8)
    inner = replace(context, list_depth=depth)
    number = new_numbering(node.ordered, node.start, depth, context.build)
    for item in node.items:
        list_item(parent, item, inner, number)


def list_item(parent: Element, node: ListItem, context: Context, number: int | None) -> None:
    """A list item: the first paragraph numbered or bulleted, the rest indented to line up with it."""
    depth = max(context.list_depth, 0)
    inner = replace(context, list_depth=depth)
    indent = LIST_INDENT * (depth + 1)
    # Inside a block quote the items keep the Quote style: it is what says, in Word, that they are quoted.
    style = "Quote" if context.paragraph_style == "Quote" else "ListParagraph"
    first = True
    for child in node.blocks:
        if isinstance(child, Paragraph):
            numbered = number if first else None
            paragraph(parent, child.content, inner, style, numbered=numbered, indent=None if first else indent)
        else:
            if first and number is not None:
                # An item that opens with something other than text still needs its number or bullet.
                paragraph(parent, (), inner, style, numbered=number)
            block(parent, child, inner)
        first = False
    if first and number is not None:
        paragraph(parent, (), inner, style, numbered=number)


def quote(parent: Element, node: Quote, context: Context) -> None:
    """A block quote in the built-in Quote style; kept on the page of its attribution, which follows it."""
    inner = replace(context, paragraph_style="Quote", keep_next=bool(node.attribution) or context.keep_next)
    blocks(parent, node.blocks, inner)
    if node.attribution:
        who = (Text("— "), *node.attribution)
        paragraph(parent, who, replace(context, keep_next=context.keep_next), "QuoteAttribution")


def figure(parent: Element, node: Figure, context: Context) -> None:
    """An image with its alternative text in wp:docPr descr (or marked decorative), then its caption."""
    build = context.build
    alt = "" if node.decorative else safe(node.alt or label("no-description", context.lang))
    picture = image_inline(node.src, alt, node.decorative, build)
    if picture is None:
        # The image could not be used (a warning says why): as in every format, its description stands in.
        if not node.decorative:
            paragraph(parent, (Text(missing_image_text(node, context.lang)),), context)
    else:
        element = paragraph(parent, (), context, keep_next=bool(node.caption))
        _w(_w(element, "r"), "drawing").append(picture)
    if node.caption:
        paragraph(parent, node.caption, context, "Caption")


def image_inline(src: str, alt: str, decorative: bool, build: Build) -> Element | None:
    """A wp:inline picture scaled to the text width, or None (with a warning) when the image cannot be used."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.oxml.shape import CT_Inline

    found = build.images.load(src)
    if found is None:
        return None
    part = build.document.part  # type: ignore[attr-defined]
    try:
        # python-docx keeps one part per distinct picture, however often it is used.
        rel_id, image = part.get_or_add_image(io.BytesIO(found.data))
    except (UnrecognizedImageError, ValueError) as error:
        warnings.warn(
            f"image {describe(src)} cannot go into Word ({error or 'unrecognised format'}); its description is used",
            ConvertWarning,
            stacklevel=2,
        )
        return None
    width, height = image.width, image.height
    widest = build.text_width * EMU_PER_TWIP
    if width > widest:
        width, height = widest, int(height * widest / width)
    number = build.next_id
    build.next_id += 1
    picture = CT_Inline.new_pic_inline(number, rel_id, image.filename, width, height)
    properties = picture.docPr
    properties.set("descr", alt)
    picture.graphic.graphicData.pic.nvPicPr.cNvPr.set("descr", alt)
    if decorative:
        extensions = etree.SubElement(properties, f"{{{DRAWING_NS}}}extLst")
        extension = etree.SubElement(extensions, f"{{{DRAWING_NS}}}ext", uri=DECORATIVE_EXTENSION)
        etree.SubElement(extension, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")
    return picture


def table(parent: Element, node: Table, context: Context) -> None:
    """A data table: caption above, header rows repeated on every page, no merged cells."""
    build = context.build
    columns = max((len(row) for row in (*node.head, *node.rows)), default=0)
    if columns == 0:
        return
    caption = safe(plain_text(node.caption))
    if node.caption:
        paragraph(parent, node.caption, replace(context, keep_next=False), "Caption", keep_next=True)
    element = _w(parent, "tbl")
    properties = _w(element, "tblPr")
    _w(properties, "tblStyle", val="DataTable")
    if context.rtl:
        _w(properties, "bidiVisual")
    _w(properties, "tblW", w="5000", type="pct")
    _w(
        properties,
        "tblLook",
        val="0420",
        firstRow="1",
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand="1",
        noVBand="1",
    )
    if caption:
        _w(properties, "tblCaption", val=caption)
    grid = _w(element, "tblGrid")
    width = str(build.text_width // columns)
    for _ in range(columns):
        _w(grid, "gridCol", w=width)
    cell_context = replace(context, paragraph_style="Normal", keep_next=False, list_depth=-1, boxed=False)
    for header, row in [(True, r) for r in node.head] + [(False, r) for r in node.rows]:
        table_row = _w(element, "tr")
        row_properties = _w(table_row, "trPr")
        _w(row_properties, "cantSplit")
        if header:
            _w(row_properties, "tblHeader")
        # Short rows are padded with empty cells: a merged cell would confuse the reading of the columns.
        for cell in (*row, *((),) * (columns - len(row))):
            table_cell = _w(table_row, "tc")
            _w(_w(table_cell, "tcPr"), "tcW", w=width, type="dxa")
            paragraph(table_cell, cell, cell_context)


def code_block(parent: Element, node: CodeBlock, context: Context) -> None:
    """Preformatted code in the Source Code style, its lines kept; inside a block quote, indented as the quote is."""
    # Word cannot nest a code paragraph in a quote: the quote's indent is what says it belongs there.
    indent = LIST_INDENT if context.paragraph_style == "Quote" else None
    element = paragraph(parent, (), context, "SourceCode", indent=indent)
    run(element, node.text.rstrip("\n"), context, style="VerbatimChar")


def aside(parent: Element, node: Aside, context: Context) -> None:
    """A box beside the main text: its paragraphs bordered and shaded together, its heading a real heading."""
    blocks(parent, node.blocks, replace(context, boxed=True))


def front_matter(parent: Element, doc: Document, context: Context) -> None:
    """The title in the Title style, then subtitle, dateline and authors."""
    meta = doc.meta
    paragraph(parent, (Text(meta.title),), context, "Title")
    if meta.subtitle:
        paragraph(parent, (Text(meta.subtitle),), context, "Subtitle")
    if meta.dateline or meta.date:
        line = ", ".join(part for part in (meta.dateline, meta.date) if part)
        paragraph(parent, (Strong((Text(line),)),), context)
    if meta.authors:
        paragraph(parent, (Text(", ".join(meta.authors)),), context)


# The parts besides the body ----------------------------------------------------


def _half_points(points: float) -> str:
    return str(round(points * 2))


def styles_xml(look: Look, family: str, lang: str) -> str:
    """styles.xml: Word's built-in styles (Normal, Title, Heading 1..6, Quote...) sized and coloured by the theme."""
    body = look.body
    family_attr, lang_attr = quoteattr(family), quoteattr(lang)
    bidi_lang = f" w:bidi={lang_attr}" if text_direction(lang) == "rtl" else ""
    after = round(body * TWIPS_PER_POINT)
    line = round(240 * look.line)
    title_size = _half_points(body * look.headings[0])
    spacing = f'<w:spacing w:val="{round(look.letter_spacing * TWIPS_PER_POINT)}"/>' if look.letter_spacing else ""

    def style(
        kind: str, style_id: str, name: str, inner: str, *, based: str = "Normal", following: str = "", extra: str = ""
    ) -> str:
        based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
        next_style = f'<w:next w:val="{following}"/>' if following else ""
        opening = f'<w:style w:type="{kind}" w:styleId="{style_id}"{extra}><w:name w:val="{name}"/>'
        return f"{opening}{based_on}{next_style}{inner}</w:style>"

    parts = [
        "<w:docDefaults><w:rPrDefault><w:rPr>",
        f'<w:rFonts w:ascii={family_attr} w:hAnsi={family_attr} w:eastAsia={family_attr} w:cs="Arial"/>',
        f'<w:color w:val="{look.text}"/>{spacing}',
        f'<w:sz w:val="{_half_points(body)}"/><w:szCs w:val="{_half_points(body)}"/>',
        f"<w:lang w:val={lang_attr} w:eastAsia={lang_attr}{bidi_lang}/>",
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
        f'<w:spacing w:after="{after}" w:line="{line}" w:lineRule="auto"/>',
        "</w:pPr></w:pPrDefault></w:docDefaults>",
        style("paragraph", "Normal", "Normal", "<w:qFormat/>", based="", extra=' w:default="1"'),
        style(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>',
            based="",
            extra=' w:default="1"',
        ),
        style(
            "table",
            "TableNormal",
            "Normal Table",
            '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
            based="",
            extra=' w:default="1"',
        ),
        style("numbering", "NoList", "No List", "<w:semiHidden/><w:unhideWhenUsed/>", based="", extra=' w:default="1"'),
        style(
            "paragraph",
            "Title",
            "Title",
            f"<w:qFormat/><w:pPr><w:keepNext/>"
            f'<w:spacing w:before="0" w:after="{after}" w:line="{round(240 * 1.2)}" w:lineRule="auto"/>'
            f'<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:kern w:val="28"/>'
            f'<w:sz w:val="{title_size}"/><w:szCs w:val="{title_size}"/></w:rPr>',
            following="Normal",
        ),
        style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            f'<w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:sz w:val="{_half_points(body * 1.25)}"/>'
            f'<w:szCs w:val="{_half_points(body * 1.25)}"/></w:rPr>',
            following="Normal",
        ),
    ]
    for level in range(1, 7):
        size = _half_points(body * look.headings[level])
        parts.append(
            style(
                "paragraph",
                f"Heading{level}",
                f"heading {level}",
                f'<w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
                f'<w:spacing w:before="{round(body * 28)}" w:after="{round(body * 10)}"'
                f' w:line="{round(240 * 1.25)}" w:lineRule="auto"/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
                f'<w:rPr><w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>',
                following="Normal",
            )
        )
    bar = f'<w:pBdr><w:left w:val="single" w:sz="{look.border * 2}" w:space="12" w:color="{look.accent}"/></w:pBdr>'
    parts += [
        style(
            "paragraph",
            "Quote",
            "Quote",
            f'<w:uiPriority w:val="29"/><w:qFormat/><w:pPr>{bar}'
            f'<w:ind w:left="{LIST_INDENT}" w:right="{LIST_INDENT}"/></w:pPr>',
            following="Normal",
        ),
        style(
            "paragraph",
            "QuoteAttribution",
            "Quote Attribution",
            '<w:qFormat/><w:pPr><w:jc w:val="right"/></w:pPr>',
            based="Quote",
            following="Normal",
        ),
        style(
            "paragraph",
            "ListParagraph",
            "List Paragraph",
            f'<w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="{after // 3}"/>'
            f'<w:ind w:left="{LIST_INDENT}"/></w:pPr>',
        ),
        style(
            "paragraph",
            "Caption",
            "caption",
            '<w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr>',
            following="Normal",
        ),
        style(
            "paragraph",
            "SourceCode",
            "Source Code",
            f'<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="{look.box}"/>'
            '<w:spacing w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/></w:rPr>',
        ),
        style(
            "character",
            "Hyperlink",
            "Hyperlink",
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            f'<w:rPr><w:color w:val="{look.link}"/><w:u w:val="single"/></w:rPr>',
            based="DefaultParagraphFont",
        ),
        style(
            "character",
            "VerbatimChar",
            "Verbatim Char",
            '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/></w:rPr>',
            based="DefaultParagraphFont",
        ),
        style(
            "table",
            "DataTable",
            "Data Table",
            "<w:tblPr><w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="{look.border // 2 or 4}" w:space="0" w:color="{look.text}"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{look.box}"/></w:tcPr></w:tblStylePr>',
            based="TableNormal",
        ),
    ]
    return f'<w:styles xmlns:w="{W_NS}">{"".join(parts)}</w:styles>'


def numbering_xml(instances: list[tuple[bool, int, int]], family: str) -> str:
    """numbering.xml: one bulleted and one numbered definition, and a w:num per list restarting at its start."""
    definitions = []
    for number, ordered in enumerate((False, True)):
        levels = []
        for level in range(9):
            if ordered:
                kind, text = NUMBER_FORMATS[level], f"%{level + 1}."
            else:
                kind, text = "bullet", BULLETS[level]
            font = (
                "" if ordered else f"<w:rPr><w:rFonts w:ascii={quoteattr(family)} w:hAnsi={quoteattr(family)}/></w:rPr>"
            )
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{LIST_INDENT * (level + 1)}" w:hanging="{HANGING}"/>'
                "</w:pPr>"
                f"{font}</w:lvl>"
            )
        definitions.append(
            f'<w:abstractNum w:abstractNumId="{number}"><w:multiLevelType w:val="hybridMultilevel"/>'
            f"{''.join(levels)}</w:abstractNum>"
        )
    nums = []
    for number, (ordered, start, level) in enumerate(instances, start=1):
        override = (
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>' if ordered else ""
        )
        nums.append(f'<w:num w:numId="{number}"><w:abstractNumId w:val="{int(ordered)}"/>{override}</w:num>')
    return f'<w:numbering xmlns:w="{W_NS}">{"".join(definitions)}{"".join(nums)}</w:numbering>'


def settings_xml(lang: str, look: Look) -> str:
    """settings.xml: embed the fonts, the document's language for themes, the page colour when the theme has one."""
    background = "<w:displayBackgroundShape/>" if look.page else ""
    return (
        f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/>{background}<w:embedTrueTypeFonts/>'
        '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat>'
        f"<w:themeFontLang w:val={quoteattr(lang)}/>"
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>accessconvert</Application><DocSecurity>0</DocSecurity></Properties>"
)


def bookmark_name(heading_id: str) -> str:
    """A Word-safe bookmark name for a heading id: letters, digits and underscores, at most 40 characters."""
    name = BOOKMARK_UNSAFE.sub("_", heading_id)
    name = name if name[:1].isalpha() else f"h_{name}"
    if len(name) > BOOKMARK_LENGTH:
        # Long ids differ often only at their end ("-2", "-3"): a digest of the whole id keeps them apart.
        name = f"{name[: BOOKMARK_LENGTH - 9]}_{hashlib.sha1(heading_id.encode()).hexdigest()[:8]}"
    return name


def expansion_table(doc: Document) -> dict[str, list[str]]:
    """Each abbreviation's expansion, mapped to the abbreviations it introduces when the text spells it out."""
    table: dict[str, list[str]] = {}
    for short, long in doc.meta.abbreviations:
        if long:
            table.setdefault(long, []).append(short)
    return table


def property_text(text: str) -> str:
    """Text for a document property: at most 255 characters, Word's limit, cut at a word with an ellipsis."""
    text = safe(text)
    if len(text) <= CORE_PROPERTY_LENGTH:
        return text
    cut = text[: CORE_PROPERTY_LENGTH - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def core_properties(document: object, doc: Document, lang: str) -> None:
    """Title, subject, author, language, keywords and dates (from SOURCE_DATE_EPOCH when set)."""
    meta = doc.meta
    properties = document.core_properties  # type: ignore[attr-defined]
    moment = build_time().replace(tzinfo=None)
    properties.title = property_text(meta.title)
    properties.subject = property_text(meta.description or meta.subtitle or meta.title)
    properties.author = property_text("; ".join(meta.authors))
    properties.last_modified_by = property_text("; ".join(meta.authors))
    properties.language = property_text(lang)
    properties.keywords = property_text(", ".join(short for short, _ in meta.abbreviations))
    properties.comments = property_text(meta.description)
    properties.identifier = property_text(meta.source)
    properties.created = moment
    properties.modified = moment
    properties.revision = 1


def prune_template(document: object) -> None:
    """Drop the parts of python-docx's template that say nothing about this document."""
    package = document.part.package  # type: ignore[attr-defined]
    for owner in (package, document.part):  # type: ignore[attr-defined]
        rels = owner.rels
        for rel_id in [rel_id for rel_id, rel in rels.items() if rel.reltype.endswith(UNWANTED_RELATIONSHIPS)]:
            rels.pop(rel_id)


def replace_xml(part: object, xml: str) -> None:
    """Swap an XML part's content for our own (python-docx keeps it as the parsed _element)."""
    from docx.oxml.parser import parse_xml

    part._element = parse_xml(xml.encode("utf-8"))  # type: ignore[attr-defined]


def section(paper: str) -> tuple[Element, int]:
    """The w:sectPr for the paper size with one-inch margins, and the width of the text column."""
    if paper not in PAGE_SIZES:
        raise UsageError(f"unknown paper size {paper!r}; sizes: {', '.join(PAGE_SIZES)}")
    width, height = PAGE_SIZES[paper]
    element = _new("sectPr")
    _w(element, "pgSz", w=str(width), h=str(height))
    margin = str(MARGIN)
    _w(element, "pgMar", top=margin, right=margin, bottom=margin, left=margin, header="720", footer="720", gutter="0")
    return element, width - 2 * MARGIN


def build(doc: Document, options: Options) -> object:
    """The python-docx Document for doc, ready to save."""
    import docx

    doc = unmark(doc)
    look = look_for(options.theme)
    faces = theme_fonts(options.theme)
    family = faces[0].family if faces else "Arial"
    lang = safe(options.lang or doc.meta.lang)
    document = docx.Document()
    prune_template(document)
    sect, text_width = section(options.paper)
    images = Loader(options.resource_dir, WORD_IMAGE_TYPES, "Word cannot show")
    state = Build(document, look, text_width, images, expansion_table(doc))
    context = Context(state, lang, lang, text_direction(lang) == "rtl")
    body = etree.Element(W + "body", nsmap={"w": W_NS, "r": R_NS})
    front_matter(body, doc, context)
    blocks(body, doc.blocks, context)
    body.append(sect)

    root = document.element
    if look.page:
        root.insert(0, _new("background", color=look.page))
    root.replace(root.body, body)

    part = document.part
    replace_xml(part._styles_part, styles_xml(look, family, lang))
    replace_xml(part.numbering_part, numbering_xml(state.numbering, family))
    replace_xml(part._settings_part, settings_xml(lang, look))
    app = next(rel.target_part for rel in part.package.rels.values() if rel.reltype.endswith("extended-properties"))
    app._blob = APP_XML.encode("utf-8")
    from convert.writers.docx_fonts import embed_fonts

    embed_fonts(document, faces)
    core_properties(document, doc, lang)
    return document


def write(doc: Document, path: Path, options: Options) -> None:
    """Write doc as an accessible .docx to path, atomically and reproducibly."""
    document = build(doc, options)
    package = io.BytesIO()
    try:
        document.save(package)  # type: ignore[attr-defined]
    except ValueError as error:
        raise ConvertError(f"cannot write the Word document: {error}", path=path) from None
    write_bytes_atomic(path, normalised_zip(package.getvalue(), first=PACKAGE_FIRST))


WRITER = Writer(
    name="docx",
    write=write,
    description="Word document to edit: real headings, lists, alt text and the language marked; LibreOffice opens it",
    files=(
        FileKind(
            ".docx",
            "Word document",
            "to edit, adapt or translate the text, and to print it",
            (
                ("Windows or Mac", "Microsoft Word, or LibreOffice Writer (free)."),
                ("Linux", "LibreOffice Writer."),
                ("iPhone, iPad or Mac", "Pages, or the Word app."),
                ("Android", "the Word app or another office app."),
            ),
            embeds_fonts=True,
        ),
    ),
)
