"""Accessible HTML5: one self-contained, offline page with landmarks, a contents list and real semantics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from convert.fileio import write_text_atomic
from convert.images import Loader, missing_image_text
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
    Meta,
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
from convert.registry import WEB_BROWSER, FileKind, Writer
from convert.themes import document_css, page_file
from convert.transforms.sentences import header_ids, unmark, words
from convert.walk import blocks_within, plain_text

__all__ = [
    "WORD_CLASS",
    "WRITER",
    "Context",
    "ImageRef",
    "append",
    "blocks",
    "contents_list",
    "element",
    "head",
    "header",
    "name_boxes",
    "page",
    "page_text",
    "quote_css",
    "render",
    "simple_page",
]
"""The HTML surface the other writers build on (EPUB, read-along, PDF, the review and index pages)."""

Element = etree._Element
# Elements whose children go on lines of their own in the output, so the file reads well in diffs.
_LINE_CONTAINERS = frozenset(
    {
        "html",
        "head",
        "body",
        "header",
        "main",
        "nav",
        "ol",
        "ul",
        "table",
        "thead",
        "tbody",
        "tr",
        "figure",
        "blockquote",
        "aside",
        "section",
    }
)
TOC_MINIMUM_HEADINGS = 3
SENTENCE_CLASS = "sentence"
"""The class of the element that holds a sentence (with the sentence's id) in spoken formats."""
WORD_CLASS = "word"
"""The class of the element that holds a word of a sentence, when words are marked."""
CONTINUED = "q-continued"
"""Class of a piece of a <q> that sentence marks cut and that does not open the quotation."""
CONTINUES = "q-continues"
"""Class of a piece of a <q> that sentence marks cut and that does not close the quotation."""


@dataclass(slots=True)
class Words:
    """Where the words of one sentence are, as rendering goes through its text (plain_text offsets)."""

    sentence_id: str
    """The sentence's id; a word's element is "<sentence id>.<n>", n from 1."""
    spans: list[tuple[int, int]]
    """(start, end) of each word in the sentence's text."""
    position: int = 0
    """How much of the sentence's text has been rendered."""

    def text(self, text: str) -> list[Element | str]:
        """text, the next part of the sentence, with each word (or the part of it that is here) in a span."""
        start, end = self.position, self.position + len(text)
        result: list[Element | str] = []
        cursor = start
        for number, (low, high) in enumerate(self.spans, start=1):
            if high <= start or low >= end:
                continue
            a, b = max(low, start), min(high, end)
            if a > cursor:
                result.append(text[cursor - start : a - start])
            word = f"{self.sentence_id}.{number}"
            # A word cut by markup ("ICAT" in <abbr> and its "’s") has its id on the first piece only.
            attributes = {"id": word} if a == low else {"data-word": word}
            result.append(element("span", {**attributes, "class": WORD_CLASS}, text[a - start : b - start]))
            cursor = b
        if cursor < end:
            result.append(text[cursor - start :])
        self.position = end
        return result

    def skip(self, count: int) -> None:
        """Pass over characters of the text that the markup does not show (quotation marks, line breaks)."""
        self.position += count


@dataclass(frozen=True, slots=True)
class ImageRef:
    """Where an <img> takes its picture from: its src, or a class whose style rule holds the picture."""

    src: str = ""
    """The URL for the src attribute."""
    css_class: str = ""
    """A class naming the picture in the page's style sheet (an image the page uses more than once)."""


ImagePlacer = Callable[[Figure], ImageRef | None]
"""Puts a figure's image where the format keeps images; None when the image cannot be used (already reported)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What node functions need to know beyond the node itself."""

    lang: str
    """The language of the surrounding text."""
    place_image: ImagePlacer
    """Where each figure's image goes: embedded in the page, packaged in a book, served to the PDF renderer."""
    sentences: bool = False
    """Write each Sentence as a span with its id (spoken formats); otherwise Sentence marks are transparent."""
    words: bool = False
    """With sentences, also each word of a sentence in a span of its own ("<sentence id>.<n>")."""
    cursor: Words | None = field(default=None, compare=False)
    """The words of the sentence being written, when words are marked."""


@dataclass
class EmbeddedImages:
    """The page's images, embedded: each a data: URL, or, when used more than once, one style rule for them all.

    A page that showed one picture a hundred times would otherwise carry its data a hundred times.
    """

    loader: Loader
    """The one image path: every image checked (SVG sanitised) before it is embedded."""
    shared: dict[str, str] = field(default_factory=dict)
    """Digest of each picture used more than once -> the class naming it."""
    rules: dict[str, str] = field(default_factory=dict)
    """Class -> its style rule, for the pictures met so far."""

    @classmethod
    def for_document(cls, doc: Document, resource_dir: Path | None) -> EmbeddedImages:
        """The images of doc, loaded in reading order (so refusals are reported in order) and counted."""
        placer = cls(Loader(resource_dir))
        sources = [node.src for node in blocks_within(doc.blocks) if isinstance(node, Figure)]
        uses = Counter(image.digest for src in sources if (image := placer.loader.load(src)) is not None)
        repeated = [digest for digest, count in uses.items() if count > 1]
        placer.shared = {digest: f"image-{number}" for number, digest in enumerate(repeated, start=1)}
        return placer

    def __call__(self, node: Figure) -> ImageRef | None:
        """The data: URL of node's image, or the class of its shared style rule."""
        image = self.loader.load(node.src)
        if image is None:
            return None
        name = self.shared.get(image.digest)
        if name is None:
            return ImageRef(src=image.data_url())
        if name not in self.rules:
            self.rules[name] = f'img.{name} {{ content: url("{image.data_url()}"); }}\n'
        return ImageRef(css_class=name)

    def css(self) -> str:
        """The style rules of the pictures used more than once."""
        return "".join(self.rules.values())


def element(tag: str, attributes: dict[str, str | None] | None = None, *children: Element | str) -> Element:
    """An element with its attributes (None values left out) and children (strings becoming text or tails)."""
    made = etree.Element(tag, {k: v for k, v in (attributes or {}).items() if v is not None})
    append(made, children)
    return made


def append(parent: Element, children: Iterable[Element | str]) -> None:
    """Append elements and strings to parent, strings becoming text or tails as lxml requires."""
    # len() of an lxml element counts its children, so asking it once per child would be quadratic.
    last = parent[-1] if len(parent) else None
    for child in children:
        if isinstance(child, str):
            if last is not None:
                last.tail = (last.tail or "") + child
            else:
                parent.text = (parent.text or "") + child
        else:
            parent.append(child)
            last = child


# Inlines ---------------------------------------------------------------------


def inlines(nodes: tuple[Inline, ...], context: Context) -> list[Element | str]:
    """The HTML for a sequence of inlines: strings and elements to append."""
    result: list[Element | str] = []
    for node in nodes:
        result.extend(inline(node, context))
    return result


def inline(node: Inline, context: Context) -> list[Element | str]:
    """The HTML for one inline node."""
    match node:
        case Text(text=text):
            return text_of(text, context)
        case Emph(content=content):
            return [element("em", None, *inlines(content, context))]
        case Strong(content=content):
            return [element("strong", None, *inlines(content, context))]
        case Code(text=text):
            return [element("code", None, *text_of(text, context))]
        case Link():
            return [link(node, context)]
        case Abbr(text=text, expansion=expansion):
            return [element("abbr", {"title": expansion}, *text_of(text, context))]
        case Span():
            return [span(node, context)]
        case Quoted():
            return [quoted(node, context)]
        case Break():
            if context.cursor is not None:
                context.cursor.skip(1)
            return [element("br")]
        case Sentence():
            return sentence(node, context)
    raise TypeError(f"not an inline node: {node!r}")


def text_of(text: str, context: Context) -> list[Element | str]:
    """Text as it is, or with its words in spans when the sentence's words are marked."""
    return context.cursor.text(text) if context.cursor is not None else [text]


def quoted(node: Quoted, context: Context) -> Element:
    """A quotation; a piece of one that sentence marks cut in two says which of its marks it lacks."""
    classes = ([] if node.opens else [CONTINUED]) + ([] if node.closes else [CONTINUES])
    if context.cursor is not None:
        context.cursor.skip(node.opens)
    made = element("q", {"class": " ".join(classes) or None}, *inlines(node.content, context))
    if context.cursor is not None:
        context.cursor.skip(node.closes)
    return made


def sentence(node: Sentence, context: Context) -> list[Element | str]:
    """A sentence: in spoken formats a span with its id (and its words in spans), elsewhere just its content."""
    if not context.sentences:
        return inlines(node.content, context)
    inner = replace(context, cursor=Words(node.id, words(plain_text(node.content)))) if context.words else context
    return [element("span", {"id": node.id, "class": SENTENCE_CLASS}, *inlines(node.content, inner))]


def marked_text(text: str, sentence_id: str, context: Context) -> Element:
    """A sentence the model holds as a string (the title) in its span, with its words when they are marked."""
    cursor = Words(sentence_id, words(text)) if context.words else None
    return element("span", {"id": sentence_id, "class": SENTENCE_CLASS}, *(cursor.text(text) if cursor else [text]))


def link(node: Link, context: Context) -> Element:
    """A hyperlink; the link text is what screen readers announce."""
    return element("a", {"href": node.url}, *inlines(node.content, context))


def span(node: Span, context: Context) -> Element:
    """A passage in another language, with its direction when that differs."""
    attributes = {"lang": node.lang}
    if text_direction(node.lang) != text_direction(context.lang):
        attributes["dir"] = text_direction(node.lang)
    return element("span", attributes, *inlines(node.content, replace(context, lang=node.lang)))


# Blocks ----------------------------------------------------------------------


def blocks(nodes: tuple[Block, ...], context: Context) -> list[Element]:
    """The HTML elements for a sequence of blocks."""
    return [block(node, context) for node in nodes]


def block(node: Block, context: Context) -> Element:
    """The HTML element for one block node."""
    match node:
        case Heading():
            return heading(node, context)
        case Paragraph(content=content):
            return element("p", None, *inlines(content, context))
        case List():
            return list_(node, context)
        case ListItem():
            return list_item(node, context)
        case Quote():
            return quote(node, context)
        case Figure():
            return figure(node, context)
        case Table():
            return table(node, context)
        case CodeBlock(text=text, language=language, sentence_id=sentence_id):
            code = element("code", {"class": f"language-{language}" if language else None}, text)
            if context.sentences and sentence_id:
                code = element("span", {"id": sentence_id, "class": SENTENCE_CLASS}, code)
            return element("pre", None, code)
        case Rule():
            return element("hr")
        case Aside():
            return aside(node, context)
    raise TypeError(f"not a block node: {node!r}")


def heading(node: Heading, context: Context) -> Element:
    """A heading h1..h6 with its anchor id."""
    return element(f"h{node.level}", {"id": node.id or None}, *inlines(node.content, context))


def list_(node: List, context: Context) -> Element:
    """A real ul or ol, so screen readers announce the number of items."""
    attributes = {"start": str(node.start)} if node.ordered and node.start != 1 else None
    return element("ol" if node.ordered else "ul", attributes, *(list_item(item, context) for item in node.items))


def list_item(node: ListItem, context: Context) -> Element:
    """A list item; a lone first paragraph is written without <p>, as a tight list."""
    item = element("li")
    rest = node.blocks
    if rest and isinstance(rest[0], Paragraph) and not any(isinstance(b, Paragraph) for b in rest[1:]):
        append(item, inlines(rest[0].content, context))
        rest = rest[1:]
    append(item, blocks(rest, context))
    return item


def quote(node: Quote, context: Context) -> Element:
    """A block quote; with an attribution, a figure whose caption names the speaker."""
    quoted = element("blockquote", None, *blocks(node.blocks, context))
    if not node.attribution:
        return quoted
    caption = element("figcaption", None, "— ", *inlines(node.attribution, context))
    return element("figure", {"class": "quote"}, quoted, caption)


def figure(node: Figure, context: Context) -> Element:
    """An image with its text alternative (empty only when decorative) and caption."""
    placed = context.place_image(node)
    if placed is None:
        return missing_image(node, context)
    alt = "" if node.decorative else (node.alt or label("no-description", context.lang))
    image = element("img", {"src": placed.src or None, "class": placed.css_class or None, "alt": alt})
    if context.sentences and node.sentence_id:
        image.set("id", node.sentence_id)
    if node.decorative and not node.caption:
        image.set("role", "presentation")
        return element("figure", {"class": "decorative"}, image)
    parts: list[Element] = [image]
    if node.caption:
        parts.append(element("figcaption", None, *inlines(node.caption, context)))
    return element("figure", None, *parts)


def missing_image(node: Figure, context: Context) -> Element:
    """An image that could not be used: its description as text, marked as a missing image, then its caption."""
    parts: list[Element] = []
    if not node.decorative:
        # An image read aloud by its description keeps its sentence id on the text that stands in for it.
        uid = node.sentence_id if context.sentences and node.sentence_id else None
        parts.append(element("p", {"class": "missing-image", "id": uid}, missing_image_text(node, context.lang)))
    if node.caption:
        parts.append(element("figcaption", None, *inlines(node.caption, context)))
    return element("figure", {"class": "missing-image"}, *parts)


def table(node: Table, context: Context) -> Element:
    """A data table: caption, header cells with scope (of their column, or of their row), body rows."""
    made = element("table")
    if node.caption:
        made.append(element("caption", None, *inlines(node.caption, context)))
    if node.head:
        head = element("thead")
        for row in node.head:
            # An empty cell heads nothing (the corner above a column of row headers): it is a data cell.
            cells = (element("th", {"scope": "col"}, *inlines(c, context)) if c else element("td") for c in row)
            head.append(element("tr", None, *cells))
        made.append(head)
    body = element("tbody")
    ids = node.row_sentence_ids if context.sentences else ()
    for number, row in enumerate(node.rows):
        cells = [
            element("th", {"scope": "row"}, *inlines(c, context))
            if index < node.header_columns and c
            else element("td", None, *inlines(c, context))
            for index, c in enumerate(row)
        ]
        # A row is read as one sentence ("River: Rhône; Length: 813 km"), from its <tr>.
        uid = ids[number] if number < len(ids) and ids[number] else None
        body.append(element("tr", {"id": uid}, *cells))
    made.append(body)
    return made


def aside(node: Aside, context: Context) -> Element:
    """A box beside the main text, named by its first heading for screen readers."""
    attributes = {"class": node.kind}
    first = node.blocks[0] if node.blocks else None
    if isinstance(first, Heading) and first.id:
        attributes["aria-labelledby"] = first.id
    elif isinstance(first, Heading):
        attributes["aria-label"] = plain_text(first)
    return element("aside", attributes, *blocks(node.blocks, context))


# The page --------------------------------------------------------------------


def table_of_contents(doc: Document, context: Context) -> Element | None:
    """A nested, numbered contents list of the document's section headings; None below three headings."""
    headings = [b for b in doc.blocks if isinstance(b, Heading) and b.id]
    if len(headings) < TOC_MINIMUM_HEADINGS:
        return None
    title = element("h2", {"id": "toc-title"}, label("contents", context.lang))
    return element("nav", {"class": "toc", "aria-labelledby": "toc-title"}, title, contents_list(headings, context))


def contents_list(headings: list[Heading], context: Context, href: Callable[[Heading], str] | None = None) -> Element:
    """A numbered list of links to headings, nested by level; href gives each link's target (default #id)."""
    # The headings themselves hold the sentence marks; the contents list only repeats their text.
    context = replace(context, sentences=False, cursor=None)
    root = element("ol")
    stack: list[tuple[int, Element]] = [(min(h.level for h in headings), root)]
    for node in headings:
        while len(stack) > 1 and node.level < stack[-1][0]:
            stack.pop()
        level, current = stack[-1]
        if node.level > level and len(current):
            # A deeper heading opens a sub-list inside the previous item (one list per item, as EPUB's nav requires).
            previous = current[-1]
            sub = previous[-1] if len(previous) and previous[-1].tag == "ol" else element("ol")
            previous.append(sub)
            stack.append((node.level, sub))
            current = sub
        target = href(node) if href is not None else f"#{node.id}"
        current.append(element("li", None, element("a", {"href": target}, *inlines(node.content, context))))
    return root


def header(doc: Document, context: Context) -> Element:
    """The page header: title, subtitle, dateline and date (the title and dateline as sentences in spoken formats)."""
    meta = doc.meta
    title_id, dateline_id = header_ids(doc) if context.sentences else ("", "")
    title = marked_text(meta.title, title_id, context) if title_id else meta.title
    made = element("header", None, element("h1", None, title))
    if meta.subtitle:
        made.append(element("p", {"class": "subtitle"}, meta.subtitle))
    if meta.dateline or meta.date:
        line = element("p", {"class": "dateline"})
        holder, cursor = line, None
        if dateline_id:
            holder = etree.SubElement(line, "span", {"id": dateline_id, "class": SENTENCE_CLASS})
            spoken = ", ".join(part for part in (meta.dateline, meta.date) if part)
            cursor = Words(dateline_id, words(spoken)) if context.words else None

        def text(value: str) -> list[Element | str]:
            return cursor.text(value) if cursor is not None else [value]

        append(holder, text(meta.dateline))
        if meta.date:
            append(holder, [*text(", " if meta.dateline else ""), element("span", {"class": "date"}, *text(meta.date))])
        made.append(line)
    if meta.authors:
        made.append(element("p", {"class": "byline"}, ", ".join(meta.authors)))
    return made


def head(doc: Document, options: Options, css: str) -> Element:
    """The <head>: charset, viewport, title, description and the inlined theme."""
    meta = doc.meta
    made = element(
        "head",
        None,
        element("meta", {"charset": "utf-8"}),
        element("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        element("title", None, meta.title),
    )
    if meta.description:
        made.append(element("meta", {"name": "description", "content": meta.description}))
    if meta.authors:
        made.append(element("meta", {"name": "author", "content": ", ".join(meta.authors)}))
    made.append(element("style", None, "\n" + css))
    return made


def page(
    doc: Document,
    options: Options,
    *,
    css: str | None = None,
    place_image: ImagePlacer | None = None,
    sentences: bool = False,
    words: bool = False,
) -> Element:
    """The whole <html> element for doc; css defaults to the options' theme, images are embedded by default.

    With sentences, every sentence the model marks is a span with its id (and, with words, each of its
    words too), for spoken formats; without, the page is the document as written, marks taken off.
    """
    lang = options.lang or doc.meta.lang
    if not sentences:
        doc = unmark(doc)
    embedded = EmbeddedImages.for_document(doc, options.resource_dir) if place_image is None else None
    context = Context(lang, place_image or embedded, sentences=sentences, words=sentences and words)  # type: ignore[arg-type]
    body = element(
        "body", None, element("a", {"class": "skip-link", "href": "#main"}, label("skip", lang)), header(doc, context)
    )
    contents = table_of_contents(doc, context)
    if contents is not None:
        body.append(contents)
    body.append(element("main", {"id": "main", "tabindex": "-1"}, *blocks(doc.blocks, context)))
    name_boxes(body, lang)
    root = element("html", {"lang": lang, "dir": text_direction(lang)})
    style = document_css(options.theme, options.css) if css is None else css
    root.append(head(doc, options, style + (embedded.css() if embedded is not None else "")))
    root.append(body)
    _break_lines(root)
    return root


def name_boxes(root: Element, lang: str) -> None:
    """Give boxes without a heading a name ("Note 2"), so each landmark of a page can be told from the others."""
    unnamed = [box for box in root.iter("aside") if not (box.get("aria-label") or box.get("aria-labelledby"))]
    if not unnamed:
        return
    for number, box in enumerate(unnamed, start=1):
        kind = box.get("class") or "note"
        word = label(kind if kind in ("key-points", "glossary", "help", "notes") else "note", lang)
        box.set("aria-label", word if len(unnamed) == 1 else f"{word} {number}")


def _break_lines(root: Element) -> None:
    if root.tag in _LINE_CONTAINERS and len(root):
        if not (root.text or "").strip():
            root.text = "\n"
        for child in root:
            if not (child.tail or "").strip():
                child.tail = "\n"
    for child in root:
        _break_lines(child)


def simple_page(title: str, lang: str, css: str, children: Iterable[Element | str]) -> Element:
    """The <html> element of a page that is not a document (a review, an index): its title, style and body."""
    root = element(
        "html",
        {"lang": lang, "dir": text_direction(lang)},
        head(Document(Meta(title=title, lang=lang)), Options(), css),
        element("body", None, *children),
    )
    _break_lines(root)
    return root


def page_text(root: Element) -> str:
    """A page as text: the doctype, then the <html> element serialised as HTML, then a newline."""
    return etree.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>") + "\n"


def quote_css() -> str:
    """The CSS that pages with sentence marks need for quotations cut between two sentences (styles/quotes.css)."""
    return page_file("quotes.css")


def render(doc: Document, options: Options | None = None) -> str:
    """The complete HTML5 page for doc as a string."""
    return page_text(page(doc, options or Options()))


def write(doc: Document, path: Path, options: Options) -> None:
    """Write doc as a self-contained HTML5 page to path, atomically."""
    write_text_atomic(path, render(doc, options))


WRITER = Writer(
    name="html",
    write=write,
    description="web page for browsers and screen readers; self-contained (no scripts, nothing fetched), no axe-core "
    "violations",
    files=(
        FileKind(
            ".html",
            "Web page",
            "for screen readers and any web browser; the text reflows and can be enlarged",
            WEB_BROWSER,
        ),
    ),
)
