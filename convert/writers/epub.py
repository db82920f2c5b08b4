"""EPUB 3: a reflowable ebook from the HTML writer's markup, with navigation and accessibility metadata."""

from __future__ import annotations

import io
import re
import uuid
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from convert.errors import ConvertWarning
from convert.fileio import write_bytes_atomic
from convert.ids import unique
from convert.images import Loader
from convert.labels import label
from convert.model import Block, Document, Figure, Heading, text_direction
from convert.options import Options
from convert.registry import FileKind, Steps, Writer
from convert.reproducible import build_time, normalised_zip, write_zip
from convert.themes import document_css, font_face_css, theme_fonts
from convert.transforms.sentences import unmark
from convert.walk import blocks_within, plain_text
from convert.writers import html

Element = etree._Element

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{OPS_NS}}}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

SPLIT_WORDS = 3000
"""Documents longer than this get one content document per top-level section, so reading systems page quickly."""
TEXT_DIR = "text"
STYLESHEET = "styles/theme.css"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
# The image types every EPUB reading system must support (EPUB 3.3 core media types).
CORE_IMAGE_TYPES = frozenset({"image/gif", "image/jpeg", "image/png", "image/svg+xml", "image/webp"})
FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
# The identifier namespace: the same content always gives the same dc:identifier.
IDENTIFIER_NAMESPACE = uuid.UUID("5b0d7f1e-8a43-4a2e-9c1d-3f6e2a7c4b10")
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y-%m", "%Y")


# Facts and the book ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccessibilityFacts:
    """What is true of a book's content, from which its accessibility metadata is computed."""

    images: int = 0
    """Images in the book, decorative ones included."""
    decorative: int = 0
    """Images marked decorative (empty alt, hidden from assistive technology)."""
    undescribed: int = 0
    """Informative images without a text alternative."""
    headings: int = 0
    """Headings in the content documents, the document title included."""
    synchronized_audio: bool = False
    """True once narration is in the book as Media Overlays."""

    @property
    def described(self) -> int:
        """Informative images that have a text alternative."""
        return self.images - self.decorative - self.undescribed


@dataclass(frozen=True, slots=True)
class Chapter:
    """One XHTML content document: its place in the book and its element tree, serialised when saved."""

    name: str
    """The file name inside the publication folder, for example "text/part-001.xhtml"."""
    title: str
    """The document's <title>."""
    root: Element
    """The <html> element; a later step (Media Overlays) may still change it before saving."""
    item: Any
    """The ebooklib item that carries the serialised bytes."""


@dataclass(frozen=True, slots=True)
class Book:
    """A built EPUB not yet written: extra steps may add items, metadata and audio before save()."""

    epub: Any
    """The ebooklib EpubBook with every item, the spine, the toc and the metadata."""
    chapters: tuple[Chapter, ...]
    """The content documents in reading order."""
    nav: Chapter
    """The navigation document."""
    facts: AccessibilityFacts
    """What the accessibility metadata was computed from."""
    modified: datetime
    """dcterms:modified: SOURCE_DATE_EPOCH when set, else now."""
    direction: str = "ltr"
    """The page progression: "rtl" for right-to-left languages."""
    ids: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each element id of the source markup -> (chapter file, id in the book)."""


# Content documents -----------------------------------------------------------


def content_document(title: str, lang: str, stylesheet: str, children: list[Element]) -> Element:
    """An XHTML content document: lang and xml:lang, direction, title, the theme's stylesheet, a bodymatter body."""
    # The node functions build un-namespaced HTML elements; the XHTML namespace, declared once as the default on
    # <html>, puts them all in XHTML when the document is read, while the tree keeps its plain tag names.
    namespaces = {None: XHTML_NS, "epub": OPS_NS}
    root = etree.Element("html", {"lang": lang, XML_LANG: lang, "dir": text_direction(lang)}, nsmap=namespaces)
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet})
    body = etree.SubElement(root, "body")
    body.set(EPUB_TYPE, "bodymatter")
    html.append(body, children)
    return root


def chapter_section(heading: Heading, content: tuple[Block, ...], context: html.Context) -> Element:
    """A top-level section as <section epub:type="chapter" role="doc-chapter">, named by its heading."""
    section = etree.Element("section", {"role": "doc-chapter"}, nsmap={"epub": OPS_NS})
    section.set(EPUB_TYPE, "chapter")
    if heading.id:
        section.set("aria-labelledby", heading.id)
    else:
        section.set("aria-label", plain_text(heading))
    html.append(section, html.blocks((heading, *content), context))
    return section


def parts(doc: Document) -> tuple[tuple[Block, ...], list[tuple[Heading, tuple[Block, ...]]]]:
    """The blocks before the first top-level heading, and each top-level section (heading, following blocks)."""
    levels = [b.level for b in doc.blocks if isinstance(b, Heading)]
    if not levels:
        return doc.blocks, []
    top = min(levels)
    intro: list[Block] = []
    sections: list[tuple[Heading, list[Block]]] = []
    for node in doc.blocks:
        if isinstance(node, Heading) and node.level == top:
            sections.append((node, []))
        elif sections:
            sections[-1][1].append(node)
        else:
            intro.append(node)
    return tuple(intro), [(h, tuple(content)) for h, content in sections]


def semantic_roles(root: Element) -> None:
    """epub:type and DPUB-ARIA roles on the boxes the HTML writer marks by class: glossaries and other asides."""
    for box in root.iter("aside"):
        if box.get("class") == "glossary":
            box.set(EPUB_TYPE, "glossary")
            box.set("role", "doc-glossary")
        else:
            box.set(EPUB_TYPE, "aside")


def xml_id(value: str) -> str:
    """value as an XML name (ids in XHTML may not start with a digit or hold spaces)."""
    cleaned = "".join(c if c.isalnum() or c in "-._" else "-" for c in value)
    return cleaned if cleaned[:1].isalpha() or cleaned[:1] == "_" else f"id-{cleaned}"


def serialise(root: Element) -> bytes:
    """An XHTML document as bytes: the XML declaration, the doctype, and the XHTML namespace on <html>."""
    # The declaration as the books have always had it (lxml would write it with single quotes).
    text = etree.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return (XML_DECLARATION + text + "\n").encode("utf-8")


# Images, styles and fonts ----------------------------------------------------


@dataclass
class BookImages:
    """The book's images: each distinct picture one file under images/, counted for the accessibility metadata."""

    epub_book: Any
    """The ebooklib book the image files go into."""
    loader: Loader
    """The one image path, accepting the core media types every reading system must show."""
    added: dict[str, str] = field(default_factory=dict)
    """Digest of each picture -> its file in the book."""
    images: int = 0
    decorative: int = 0
    undescribed: int = 0

    def __call__(self, node: Figure) -> html.ImageRef | None:
        """The book path of node's image, added on first use; None when the image cannot be used."""
        from ebooklib import epub

        image = self.loader.load(node.src)
        if image is None:
            return None
        if image.digest not in self.added:
            stem = re.sub(r"[^A-Za-z0-9._-]", "-", Path(image.name).stem)
            taken = {Path(href).stem for href in self.added.values()}
            href = f"images/{unique(stem or 'image', taken)}{image.extension}"
            item = epub.EpubImage(
                uid=f"image-{len(self.added) + 1}", file_name=href, media_type=image.media_type, content=image.data
            )
            self.epub_book.add_item(item)
            self.added[image.digest] = href
        self.images += 1
        self.decorative += node.decorative
        self.undescribed += not node.decorative and not node.alt.strip()
        return html.ImageRef(src=f"../{self.added[image.digest]}")

    def facts(self) -> AccessibilityFacts:
        """What the accessibility metadata needs to know of the images placed."""
        return AccessibilityFacts(self.images, self.decorative, self.undescribed)


def stylesheet(theme: str, user_css: Path | None = None) -> tuple[bytes, list[tuple[str, bytes, str]]]:
    """The theme's CSS (then the user's, --css) with @font-face rules, and its fonts as (name, bytes, type)."""
    faces = theme_fonts(theme)
    names = {face.path: "fonts/" + re.sub(r"[^A-Za-z0-9._-]", "-", face.path.name) for face in faces}
    fonts = [
        (names[face.path], face.path.read_bytes(), FONT_TYPES.get(face.path.suffix.lower(), "font/ttf"))
        for face in faces
    ]
    css = font_face_css(faces, lambda face: "../" + names[face.path]) + "\n" + document_css(theme, user_css)
    return css.encode("utf-8"), fonts


# Navigation ------------------------------------------------------------------


def navigation(
    doc: Document, headings: list[Heading], title_target: str, ids: dict[str, tuple[str, str]], context: html.Context
) -> Element:
    """nav.xhtml: the table of contents (the title, then every heading nested by level) and the landmarks."""
    headings = [h for h in headings if h.id in ids]
    contents = (
        html.contents_list(headings, context, lambda h: "{}#{}".format(*ids[h.id])) if headings else etree.Element("ol")
    )
    first = etree.Element("li")
    etree.SubElement(first, "a", {"href": title_target}).text = doc.meta.title
    contents.insert(0, first)
    heading = etree.Element("h1", {"id": "toc-title"})
    heading.text = label("contents", context.lang)
    root = content_document(label("contents", context.lang), context.lang, STYLESHEET, [])
    body = root.find("body")
    del body.attrib[EPUB_TYPE]
    toc = etree.SubElement(body, "nav", {"id": "toc", "role": "doc-toc", "aria-labelledby": "toc-title"})
    toc.set(EPUB_TYPE, "toc")
    html.append(toc, [heading, contents])
    landmarks = etree.SubElement(body, "nav", {"hidden": "hidden"})
    landmarks.set(EPUB_TYPE, "landmarks")
    items = etree.SubElement(landmarks, "ol")
    for kind, href, text in (
        ("toc", "#toc", label("contents", context.lang)),
        ("bodymatter", title_target.split("#")[0], doc.meta.title),
    ):
        link = etree.SubElement(etree.SubElement(items, "li"), "a", {"href": href})
        link.set(EPUB_TYPE, kind)
        link.text = text
    return root


def ncx_entries(contents: Element) -> list[Any]:
    """The NCX table of contents for ebooklib, read from the nav's nested list so both say the same."""
    from ebooklib import epub

    entries: list[Any] = []
    for item in contents.iterchildren("li"):
        anchor = item.find("a")
        link = epub.Link(anchor.get("href"), "".join(anchor.itertext()), "")
        sub = item.find("ol")
        entries.append((link, ncx_entries(sub)) if sub is not None else link)
    return entries


def _number_navpoints(entries: list[Any], counter: list[int]) -> None:
    # NCX ids must be unique and stable between runs, so they are numbered in reading order.
    for entry in entries:
        link = entry[0] if isinstance(entry, tuple) else entry
        counter[0] += 1
        link.uid = f"navpoint-{counter[0]}"
        if isinstance(entry, tuple):
            _number_navpoints(entry[1], counter)


# Metadata --------------------------------------------------------------------


def identifier(doc: Document) -> str:
    """A UUID URN derived from the content: the same document always gets the same identifier.

    Sentence marks do not count: the read-aloud book of a document has the identifier of its plain EPUB.
    """
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, repr(unmark(doc)))}"


def w3c_date(written: str) -> str:
    """A date as written ("3 March 2025") in the W3CDTF form dc:date needs, or "" when it cannot be read."""
    for pattern in DATE_FORMATS:
        try:
            parsed = datetime.strptime(written.strip(), pattern)
        except ValueError:
            continue
        return parsed.strftime({"%Y-%m": "%Y-%m", "%Y": "%Y"}.get(pattern, "%Y-%m-%d"))
    return ""


def accessibility_metadata(facts: AccessibilityFacts) -> list[tuple[str, str]]:
    """The EPUB Accessibility 1.1 properties (schema:..., dcterms:conformsTo) that facts make true, in order."""
    modes = ["textual"] + (["visual"] if facts.images else []) + (["auditory"] if facts.synchronized_audio else [])
    sufficient = ["textual,visual"] if facts.images else []
    if facts.undescribed == 0:
        sufficient.insert(0, "textual")
        if facts.synchronized_audio:
            # The narration reads every sentence and every image's description, so listening alone suffices.
            sufficient.append("auditory")
    features = ["displayTransformability", "readingOrder", "tableOfContents"]
    if facts.headings:
        features.append("structuralNavigation")
    if facts.described and not facts.undescribed:
        features.append("alternativeText")
    if facts.synchronized_audio:
        features.append("synchronizedAudioText")
    entries = [("schema:accessMode", mode) for mode in modes]
    entries += [("schema:accessModeSufficient", s) for s in sufficient]
    entries += [("schema:accessibilityFeature", f) for f in features]
    entries += [("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", accessibility_summary(facts))]
    entries.append(("dcterms:conformsTo", CONFORMANCE))
    return entries


def accessibility_summary(facts: AccessibilityFacts) -> str:
    """One paragraph saying what a reader can rely on, generated from the facts only."""
    sentences = [
        "This publication has a table of contents"
        + (" and headings for every section" if facts.headings else "")
        + ", follows the reading order of the original, and reflows to the reader's own font, size and colours."
    ]
    if not facts.images:
        sentences.append("It contains no images; all content is text.")
    elif facts.undescribed:
        sentences.append(f"Some images have no text description ({facts.undescribed} of {facts.images}).")
    elif facts.described:
        sentences.append("Every informative image has a text description.")
    else:
        sentences.append("Its images are decorative only.")
    if facts.synchronized_audio:
        sentences.append("Recorded narration is synchronised with the text.")
    sentences.append("It has no flashing, motion or sound hazards.")
    return " ".join(sentences)


def set_accessibility(book: Book, facts: AccessibilityFacts) -> Book:
    """Replace the book's accessibility metadata with what facts make true; returns the book with the new facts."""
    properties = {name for name, _ in accessibility_metadata(AccessibilityFacts(images=1, synchronized_audio=True))}
    meta = book.epub.metadata.setdefault(None, {}).setdefault("meta", [])
    meta[:] = [entry for entry in meta if entry[1].get("property") not in properties]
    summary_lang = {} if book.epub.language.split("-")[0].lower() == "en" else {XML_LANG: "en"}
    for name, value in accessibility_metadata(facts):
        book.epub.add_metadata(
            None, "meta", value, {"property": name, **(summary_lang if name.endswith("Summary") else {})}
        )
    return replace(book, facts=facts)


def package_metadata(epub_book: Any, doc: Document, lang: str) -> None:
    """dc:identifier, title, language, creators, source, date and description, as far as they are known."""
    meta = doc.meta
    epub_book.set_identifier(identifier(doc))
    epub_book.set_title(meta.title)
    epub_book.set_language(lang)
    for number, author in enumerate(meta.authors, start=1):
        epub_book.add_author(author, uid=f"creator-{number}")
    if meta.source:
        epub_book.add_metadata("DC", "source", meta.source)
    if meta.date and (date := w3c_date(meta.date)):
        epub_book.add_metadata("DC", "date", date)
    if meta.description:
        epub_book.add_metadata("DC", "description", meta.description)


# Building and writing ----------------------------------------------------------


def build(
    doc: Document, options: Options, *, split_words: int = SPLIT_WORDS, sentences: bool = False, words: bool = False
) -> Book:
    """The whole book in memory: content documents, nav, NCX, styles, fonts, images and metadata.

    doc is prepared (convert.read, convert.edition): the book links to the ids its headings have.
    With sentences, each sentence the model marks is a span with its id (with words, each word too), for
    Media Overlays (convert.writers.read_aloud); without, the book is the document as written.
    """
    from ebooklib import epub

    doc = doc if sentences else unmark(doc)
    lang = options.lang or doc.meta.lang
    direction = text_direction(lang)
    epub_book = epub.EpubBook()
    images = BookImages(epub_book, Loader(options.resource_dir, CORE_IMAGE_TYPES, "EPUB readers need not show"))
    context = html.Context(lang, images, sentences=sentences, words=words)
    package_metadata(epub_book, doc, lang)
    if direction == "rtl":
        epub_book.set_direction("rtl")
    css, fonts = stylesheet(options.theme, options.css)
    epub_book.add_item(epub.EpubItem(uid="style", file_name=STYLESHEET, media_type="text/css", content=css))
    for number, (name, data, kind) in enumerate(fonts, start=1):
        epub_book.add_item(epub.EpubItem(uid=f"font-{number}", file_name=name, media_type=kind, content=data))

    headings = [node for node in blocks_within(doc.blocks) if isinstance(node, Heading)]
    chapters = content_documents(epub_book, doc, context, headings, split_words)
    facts = replace(images.facts(), headings=len(headings) + 1)
    ids = book_ids(chapters)
    for chapter in chapters:
        link_targets(chapter, ids)

    title_id = chapters[0].root.find("body/header/h1").get("id")
    nav_root = navigation(doc, headings, f"{chapters[0].name}#{title_id}", ids, context)
    nav_item = epub.EpubItem(uid="nav", file_name="nav.xhtml", media_type="application/xhtml+xml")
    nav_item.properties = ["nav"]
    epub_book.add_item(nav_item)
    epub_book.add_item(epub.EpubNcx())
    epub_book.toc = ncx_entries(nav_root.find("body/nav/ol"))
    _number_navpoints(epub_book.toc, [0])
    # The contents list is in the spine (its landmark must point into it) but outside the linear reading order.
    epub_book.spine = [chapter.item for chapter in chapters] + [(nav_item, "no")]
    nav = Chapter("nav.xhtml", label("contents", lang), nav_root, nav_item)
    book = Book(epub_book, tuple(chapters), nav, facts, build_time(), direction, ids)
    return set_accessibility(book, facts)


def content_documents(
    epub_book: Any, doc: Document, context: html.Context, headings: list[Heading], split_words: int
) -> list[Chapter]:
    """The XHTML content documents: one, or one per top-level section when the text is longer than split_words."""
    from ebooklib import epub

    header = html.header(doc, context)
    header.find("h1").set("id", unique("book-title", {h.id for h in headings}))
    intro, sections = parts(doc)
    loose = html.blocks(intro, context)
    chapter_elements = [chapter_section(h, content, context) for h, content in sections]
    words = sum(len("".join(e.itertext()).split()) for e in (*loose, *chapter_elements))
    # Each file: its title and its elements; the title page (header and intro) opens the first.
    files: list[tuple[str, list[Element]]]
    if len(sections) < 2 or words <= split_words:
        files = [(doc.meta.title, [header, *loose, *chapter_elements])]
    else:
        titled = [(plain_text(h), e) for (h, _), e in zip(sections, chapter_elements, strict=True)]
        if loose:
            files = [(doc.meta.title, [header, *loose])] + [(t, [e]) for t, e in titled]
        else:
            files = [(doc.meta.title, [header, titled[0][1]])] + [(t, [e]) for t, e in titled[1:]]
    chapters = []
    for number, (title, children) in enumerate(files, start=1):
        name = f"{TEXT_DIR}/part-{number:03d}.xhtml"
        root = content_document(title, context.lang, f"../{STYLESHEET}", children)
        semantic_roles(root)
        html.name_boxes(root, context.lang)
        item = epub_book.add_item(
            epub.EpubItem(uid=f"part-{number:03d}", file_name=name, media_type="application/xhtml+xml")
        )
        chapters.append(Chapter(name, title, root, item))
    return chapters


def book_ids(chapters: list[Chapter]) -> dict[str, tuple[str, str]]:
    """Make every id in the book a unique XML name; returns each original id -> (chapter file, new id)."""
    ids: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    for chapter in chapters:
        for element in chapter.root.iterfind(".//*[@id]"):
            original = element.get("id")
            new = unique(xml_id(original), taken)
            taken.add(new)
            ids.setdefault(original, (chapter.name, new))
            element.set("id", new)
    for chapter in chapters:
        for element in chapter.root.iterfind(".//*[@aria-labelledby]"):
            target = ids.get(element.get("aria-labelledby"))
            if target is not None:
                element.set("aria-labelledby", target[1])
    return ids


def link_targets(chapter: Chapter, ids: dict[str, tuple[str, str]]) -> None:
    """Point links to anchors at the file and id they have in the book; a link to no anchor loses its href."""
    for anchor in chapter.root.iterfind(".//a[@href]"):
        href = anchor.get("href")
        if not href.startswith("#"):
            if not urlsplit(href).scheme:
                # A relative link would point into the container, at a file the book does not hold.
                warnings.warn(
                    f"relative link {href!r} is not part of the book; the link was removed",
                    ConvertWarning,
                    stacklevel=2,
                )
                del anchor.attrib["href"]
            continue
        target = ids.get(href[1:])
        if target is None:
            warnings.warn(
                f"link to {href!r}, which is not in the document; the link was removed", ConvertWarning, stacklevel=2
            )
            del anchor.attrib["href"]
            continue
        file, new = target
        anchor.set("href", f"#{new}" if file == chapter.name else f"{Path(file).name}#{new}")


def save(book: Book, path: Path) -> None:
    """Serialise the chapters and write the book to path atomically, as a reproducible zip (mimetype first, stored)."""
    from ebooklib import epub

    for chapter in (*book.chapters, book.nav):
        chapter.item.content = serialise(chapter.root)
    options = {
        "mtime": book.modified,
        "epub2_guide": False,
        "epub3_landmark": False,
        "epub3_pages": False,
        "package_direction": book.direction == "rtl",
        "raise_exceptions": True,
        # normalised_zip compresses again, so the first pass only stores.
        "compresslevel": 0,
    }
    # Built in memory: the one write to disk is the finished file, so a full disk fails cleanly, naming it.
    package = io.BytesIO()
    epub.write_epub(package, book.epub, options)
    data = package_language(package.getvalue(), book.epub.language)
    write_bytes_atomic(path, normalised_zip(data, first=["mimetype"], stored=["mimetype"]))


def package_language(data: bytes, lang: str) -> bytes:
    """The EPUB with xml:lang on the package element, the language of its metadata."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    container = etree.fromstring(contents["META-INF/container.xml"])
    opf = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    root = etree.fromstring(contents[opf])
    root.set(XML_LANG, lang)
    contents[opf] = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    out = io.BytesIO()
    write_zip(out, contents.items())
    return out.getvalue()


def write(doc: Document, path: Path, options: Options) -> None:
    """Write doc as an EPUB 3 ebook to path, atomically and reproducibly."""
    save(build(doc, options), path)


EPUB_APPS: Steps = (
    ("Windows, Mac or Linux", "Thorium Reader (free, made for accessibility) or Calibre."),
    ("iPhone, iPad or Mac", "Apple Books: tap the file, then Share, then Books."),
    ("Android", "an EPUB reading app such as Librera or ReadEra, or the reader app of your phone."),
    ("E-reader (Kobo, PocketBook, Tolino)", "connect it with a USB cable and copy the file onto it."),
)
"""How to open an EPUB book, on each kind of device."""

WRITER = Writer(
    name="epub",
    write=write,
    description="EPUB 3 ebook for reading apps and e-readers; reflows, contents navigation, accessibility metadata, "
    "passes EPUBCheck",
    files=(
        FileKind(
            ".epub",
            "EPUB ebook",
            "for e-readers and reading apps; choose your own text size, font and colours",
            EPUB_APPS,
            embeds_fonts=True,
        ),
    ),
)
