"""Reader for HTML articles (lxml): the article's content into the model; nothing is executed or fetched.

Only the content survives: the model has no place for scripts, styles, event handlers or frames, so they are
removed before reading, and remote images are dropped with a warning. In-page links point to headings, the
only anchors the model keeps: a link to any other element goes to the heading of the section holding it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from convert import langtag
from convert.errors import ConvertWarning, InputError, shown
from convert.ids import slug, unique
from convert.images import IMAGE_TYPES, describe, is_data_url
from convert.labels import label
from convert.language import detect_language
from convert.limits import MAX_DEPTH, MAX_TITLE_CHARS, PARSER_DEPTH
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
    Span,
    Strong,
    Table,
    Text,
    text_direction,
)
from convert.readers.text import InlineState
from convert.registry import Reader
from convert.source import clean_text
from convert.transforms.prepare import short_title

if TYPE_CHECKING:
    # lxml is imported when a page is read, not when the reader is registered; the annotations need only its name.
    import lxml.html
    from lxml import etree

# Removed with everything inside them: active content, things fetched, forms, site navigation, hidden parts.
DROPPED = frozenset(
    str.split(
        "script style link meta base head title iframe frame frameset object embed applet param form input button"
        " select textarea option optgroup datalist noscript template svg math canvas audio video source track map"
        " area dialog nav portal slot"
    )
)
VOID = frozenset(str.split("area base br col embed hr img input keygen link meta param source track wbr"))
CONTAINERS = frozenset(
    str.split("html body article main section div header footer hgroup address center search fieldset details dl")
)
HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Images are not among them: an image inside running text is placed after its paragraph.
BLOCKS = frozenset(
    {*CONTAINERS, *HEADINGS, "p", "ul", "ol", "li", "blockquote", "figure", "figcaption", "table", "pre", "hr"}
    | {"aside", "dt", "dd", "summary", "legend", "caption", "menu"}
)
EMPHASIS = frozenset({"em", "i", "cite", "dfn", "var"})
STRONG = frozenset({"strong", "b"})
CODE = frozenset({"code", "kbd", "samp", "tt"})
# Deeper structure than MAX_DEPTH (convert.limits) is read as plain text: a document's meaning is never 64 levels
# deep, and the model must stay shallow enough for every writer's recursion.
ASIDE_KINDS = frozenset({"key-points", "glossary", "help", "note", "notes", "warning", "tip", "summary"})
LINK_SCHEMES = frozenset({"", "http", "https", "mailto", "tel", "ftp"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# A DOCTYPE with an internal subset ("<!DOCTYPE html [ <!ENTITY ...> ]>"): HTML parsers end it at the first ">".
# Quoted strings inside it may hold "]" and ">" (an entity's value): the subset ends at a "]" outside them.
INTERNAL_SUBSET = re.compile(r"""^\s*<!DOCTYPE\s[^\[>]{0,1000}\[(?:[^\]"']|"[^"]*"|'[^']*')*\]\s*>""", re.I)
# An XHTML file's XML declaration names the encoding its bytes had; the text is decoded already.
XML_DECLARATION = re.compile(r"^\s*<\?xml\s[^>]{0,200}\?>")
SPACES = re.compile(r"[ \t\n\f\r]+")
# Browsers ignore these anywhere in a URL's scheme ("java\tscript:"), so they are removed before checking it.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
DASHES = "—–―-~ "


@dataclass(slots=True)
class Context:
    """What reading needs beyond the element at hand; mutable because reading goes through the text in order."""

    doc_lang: str
    """The document's language: passages in any other become Span(lang)."""
    origin: Path | None = None
    """The source file, for messages."""
    anchors: dict[str, str] = field(default_factory=dict)
    """Every id in the source -> the id of the heading whose section holds it ("" before the first heading)."""
    state: InlineState = field(default_factory=InlineState)
    """Abbreviations defined so far, shared with the plain-text reader's rules for quotes and "Name (ACR)"."""
    hoisted: list[Block] = field(default_factory=list)
    """Images met inside running text, placed after the paragraph they stand in (the model's images are blocks)."""
    html_lines: bool = True
    """Whether line numbers in the markup are the source's (not when the HTML was made from Markdown)."""
    base_url: str = ""
    """The absolute web address relative links resolve against (<base href>, else the page's own), or ""."""
    page_url: str = ""
    """The document's own web address, without fragment, when known: links to it are links within it."""
    unresolved: list[str] = field(default_factory=list)
    """Relative links kept as text because the document's web address is unknown, for one warning."""
    reported: set[str] = field(default_factory=set)
    """Language values already reported as not being tags, so each is said once."""

    def where(self, element: etree._Element) -> str:
        """ "file:line: " for messages about element."""
        line = getattr(element, "sourceline", None) if self.html_lines else None
        name = str(self.origin) if self.origin else "the HTML"
        return f"{name}:{line}: " if line else f"{name}: "


def read(text: str, *, origin: Path | None = None) -> Document:
    """Read an HTML page into a Document: its article, or main, or body."""
    return read_markup(text, origin=origin)


def read_markup(
    markup: str, *, origin: Path | None = None, known: dict[str, object] | None = None, html_lines: bool = True
) -> Document:
    """Read HTML into a Document; known holds metadata given outside the markup (Markdown front matter).

    html_lines says whether the markup's line numbers are worth reporting (not when it was made from Markdown).
    """
    known = {key: value for key, value in (known or {}).items() if value}
    root = parse(markup, origin=origin)
    base = _base_href(root)
    meta = _head_meta(root)
    _drop_unsafe(root)
    article = _article(root)
    title_element = _title_element(article, str(known.get("title", "")))
    if title_element is None and not known.get("title"):
        # A page header before <main> (as the HTML writer makes) names the document.
        title_element = next((h for h in root.iterfind(".//header/h1")), None)
    if title_element is not None and len(_collapse(_text_content(title_element))) > MAX_TITLE_CHARS:
        # Too long to be a title: the heading stays in the text, and the title is its first words.
        meta["title"] = short_title(_collapse(_text_content(title_element)))
        title_element = None
    if title_element is not None:
        meta.update(_header_meta(title_element))
    meta.update(known)
    context = Context(doc_lang="", origin=origin, html_lines=html_lines)
    lang = str(meta.get("lang") or _declared_lang(article, context))
    if not lang:
        lang = detect_language(" ".join(_texts(article)))
        if _declared_dir(article) == "rtl" and text_direction(lang) != "rtl":
            lang = "ar"
    page_url = _web_address(str(meta.get("source", "")))
    base_url = _web_address(urljoin(page_url, base)) if base else page_url
    # Without a canonical address, a saved page's <base href> is usually its own address; a link to it and one of
    # its anchors is then a link within the document (only when that anchor is in it).
    page_url = page_url or base_url
    context.doc_lang = lang
    context.base_url, context.page_url = base_url, page_url
    _add_missing_note_headings(article, lang)
    context.anchors = _anchors(article)
    blocks = tuple(_blocks(article, context, lang, 0))
    _warn_unresolved(context, origin)
    if not blocks and not meta.get("title"):
        raise InputError("has no readable text (scripts, styles, forms and remote content are not read)", path=origin)
    title = str(meta.get("title") or "") or _fallback_title(blocks, origin)
    authors = meta.get("authors", ())
    return Document(
        Meta(
            title=title,
            lang=lang,
            subtitle=str(meta.get("subtitle", "")),
            dateline=str(meta.get("dateline", "")),
            date=str(meta.get("date", "")),
            authors=tuple(authors) if isinstance(authors, Iterable) else (),
            source=str(meta.get("source", "")),
            description=str(meta.get("description", "")),
            abbreviations=tuple(context.state.abbreviations.items()),
        ),
        blocks,
    )


def parse(markup: str, *, origin: Path | None = None) -> etree._Element:
    """The lxml tree of markup, read as leniently as a browser; nothing is fetched, comments are dropped."""
    import lxml.html
    from lxml import etree

    # huge_tree lifts libxml2's limits on text size and depth (256 levels) to what real documents can reach.
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=True)
    text = clean_text(markup)
    if not text.strip():
        raise InputError("is empty: there is nothing to convert", path=origin)
    # An internal DTD subset is never read (its entities are never expanded): the DOCTYPE goes whole.
    text = INTERNAL_SUBSET.sub("", XML_DECLARATION.sub("", text, count=1), count=1)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"cannot be read as HTML: {error}", path=origin) from None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # libxml2 stops at 2,048 levels and loses the rest; browsers flatten what is deeper, and so do we.
        root = lxml.html.document_fromstring(_cap_depth(text), parser=parser)
        if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
            raise InputError("is nested too deeply to read", path=origin)
    if "&#" in text:
        _clean_references(root)
    return root


def _clean_references(root: etree._Element) -> None:
    """Remove what character references ("&#1;", "&#xFFFF;") brought in that XML cannot hold, as clean_text does
    for the same characters written literally: in text and in attribute values alike."""
    for element in root.iter():
        for part in ("text", "tail"):
            value = getattr(element, part)
            if value and clean_text(value) != value:
                setattr(element, part, clean_text(value))
        if isinstance(element.tag, str):
            for key, value in element.attrib.items():
                if isinstance(value, str) and clean_text(value) != value:
                    element.set(key, clean_text(value))


class _DepthCap(HTMLParser):
    """Re-writes markup with elements deeper than a limit left out (their content kept), in one linear pass."""

    AUTO_CLOSED = frozenset(str.split("p li dt dd tr td th option thead tbody tfoot"))

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.open: list[str] = []
        self.skipped: dict[str, int] = {}
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        if tag in self.AUTO_CLOSED and self.open and self.open[-1] == tag:
            self.open.pop()
        if len(self.open) >= self.limit:
            self.skipped[tag] = self.skipped.get(tag, 0) + 1
            return
        self.open.append(tag)
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.skipped.get(tag):
            self.skipped[tag] -= 1
            return
        # Close up to the nearest open element of that name; the search is bounded by the limit.
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index] == tag:
                del self.open[index:]
                break
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def _cap_depth(markup: str, limit: int = PARSER_DEPTH) -> str:
    """markup with no element nested deeper than limit, as browsers build their trees."""
    capper = _DepthCap(limit)
    capper.feed(markup)
    capper.close()
    return "".join(capper.out)


def _html(element: etree._Element) -> lxml.html.HtmlMixin:
    """element as lxml.html made it (every element of a page read by parse), with lxml.html's methods."""
    import lxml.html

    assert isinstance(element, lxml.html.HtmlMixin), "the reader's elements come from lxml.html"
    return element


def _text_content(element: etree._Element) -> str:
    """All the text inside element, without its tail."""
    return str(_html(element).text_content())


def _drop_tree(element: etree._Element) -> None:
    """Remove element and everything inside it; its tail stays."""
    _html(element).drop_tree()


def _drop_tag(element: etree._Element) -> None:
    """Remove element's tag; its content and tail stay where it was."""
    _html(element).drop_tag()


def _texts(element: etree._Element) -> Iterator[str]:
    """The texts inside element, in order (lxml.html gives str, never bytes)."""
    for text in element.itertext():
        yield text if isinstance(text, str) else text.decode()


def _tag(element: etree._Element) -> str:
    tag = getattr(element, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


def _article(root: etree._Element) -> etree._Element:
    """The element holding the document's content: the first <article>, else <main>, else <body>."""
    for tag in ("article", "main"):
        found = root.find(f".//{tag}")
        if found is not None:
            return found
    body = root.find("body")
    return body if body is not None else root


def _drop_unsafe(root: etree._Element) -> None:
    """Remove active, fetched and hidden content; what is left is only read, never rendered."""
    doomed = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and (_tag(element) in DROPPED or element.get("hidden") is not None)
        and element.getparent() is not None
    ]
    for element in doomed:
        # An element inside one already removed has gone with it.
        if element.getparent() is None:
            continue
        if _tag(element) in VOID and element.get("hidden") is None:
            # libxml2 lets some elements browsers know as empty (<embed>, <source>) swallow what follows them.
            _drop_tag(element)
        else:
            _drop_tree(element)


def _head_meta(root: etree._Element) -> dict[str, object]:
    """Title, description, authors, date and source from <head>."""
    meta: dict[str, object] = {}
    head = root.find("head")
    if head is None:
        return meta
    title = head.find("title")
    if title is not None and _collapse(_text_content(title)):
        meta["title"] = _collapse(_text_content(title))
    for element in head.iter("meta"):
        name = (element.get("name") or element.get("property") or "").lower()
        content = _collapse(element.get("content") or "")
        if not content:
            continue
        if name in ("description", "og:description"):
            meta.setdefault("description", content)
        elif name in ("author", "dc.creator", "dcterms.creator"):
            meta.setdefault("authors", tuple(part.strip() for part in content.split(",") if part.strip()))
        elif name in ("date", "dc.date", "dcterms.date", "article:published_time"):
            meta.setdefault("date", content)
    for element in head.iter("link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            meta.setdefault("source", (element.get("href") or "").strip())
    _drop_tree(head)
    return meta


def _base_href(root: etree._Element) -> str:
    """The page's <base href>, as written ("" when there is none)."""
    base = root.find(".//base[@href]")
    return (base.get("href") or "").strip() if base is not None else ""


def _web_address(url: str) -> str:
    """url without its fragment when it is an absolute http(s) address, else ""."""
    parts = urlsplit(URL_NOISE.sub("", url))
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return urlunsplit(parts._replace(fragment=""))


def _title_element(article: etree._Element, known_title: str) -> etree._Element | None:
    """The first <h1> when it is the title: always without a known title, else only when it repeats it."""
    first = next(article.iter("h1"), None)
    if first is None:
        return None
    if known_title and _collapse(_text_content(first)) != known_title:
        return None
    return first


def _header_meta(title: etree._Element) -> dict[str, object]:
    """The title and, in the <header> around it, subtitle, dateline, date and byline (as our HTML writer puts them)."""
    meta: dict[str, object] = {"title": _collapse(_text_content(title))}
    header = title.getparent()
    while header is not None and _tag(header) == "hgroup":
        header = header.getparent()
    done = [title]
    if header is not None and _tag(header) == "header":
        for element in header.iter():
            classes = (element.get("class") or "").split()
            if "subtitle" in classes:
                meta["subtitle"] = _collapse(_text_content(element))
                done.append(element)
            elif "dateline" in classes:
                date = element.find(".//*[@class='date']")
                if date is not None:
                    meta["date"] = _collapse(_text_content(date))
                    _drop_tree(date)
                meta["dateline"] = _collapse(_text_content(element)).rstrip(", ")
                done.append(element)
            elif "byline" in classes:
                meta["authors"] = tuple(p.strip() for p in _text_content(element).split(",") if p.strip())
                done.append(element)
    for element in done:
        if element.getparent() is not None:
            _drop_tree(element)
    return meta


def _declared_lang(element: etree._Element, context: Context) -> str:
    """The lang in force at element: its own or its nearest ancestor's (values that are not tags are skipped)."""
    current: etree._Element | None = element
    while current is not None:
        value = own_lang(current, context)
        if value:
            return value
        current = current.getparent()
    return ""


def own_lang(element: etree._Element, context: Context) -> str:
    """The element's lang (or xml:lang) as a BCP 47 tag; "" when it has none or one that is not a tag (reported)."""
    for key in ("lang", XML_LANG):
        value = (element.get(key) or "").strip()
        if not value:
            continue
        tag = langtag.normalise(value)
        if tag is not None:
            return tag
        if value not in context.reported:
            context.reported.add(value)
            warnings.warn(
                f"{context.where(element)}lang {shown(value, 40)} is not a language tag (BCP 47, {langtag.EXAMPLES});"
                " it is ignored",
                ConvertWarning,
                stacklevel=3,
            )
    return ""


def _declared_dir(element: etree._Element) -> str:
    current: etree._Element | None = element
    while current is not None:
        value = (current.get("dir") or "").strip().lower()
        if value in ("rtl", "ltr"):
            return value
        current = current.getparent()
    return ""


def _is_notes(element: etree._Element) -> bool:
    """A footnotes or endnotes section (DPUB-ARIA roles, or the usual class names)."""
    role = (element.get("role") or "").lower()
    classes = (element.get("class") or "").lower().split()
    return role in ("doc-endnotes", "doc-footnotes") or "footnotes" in classes or "endnotes" in classes


def _add_missing_note_headings(article: etree._Element, lang: str) -> None:
    """Give a notes section without a heading one, so it is named and links can point to it."""
    import lxml.html

    for element in list(article.iter("section", "aside", "div", "footer", "ol")):
        if not _is_notes(element) or any(_tag(child) in HEADINGS for child in element):
            continue
        heading = lxml.html.Element("h2")
        heading.text = label("notes", lang)
        element.insert(0, heading)


def _anchors(article: etree._Element) -> dict[str, str]:
    """Give every heading an id (as prepare would) and map every id to its section's heading id."""
    headings = [e for e in article.iter() if _tag(e) in HEADINGS]
    taken = {uid for e in headings if (uid := e.get("id"))}
    for element in headings:
        if not element.get("id"):
            candidate = unique(slug(_text_content(element)), taken)
            taken.add(candidate)
            element.set("id", candidate)
    anchors: dict[str, str] = {}
    current = ""
    for element in article.iter():
        if not isinstance(element.tag, str):
            continue
        if _tag(element) in HEADINGS:
            current = element.get("id") or ""
        for key in ("id", "name"):
            value = element.get(key)
            if value and value not in anchors:
                anchors[value] = current
    return anchors


def _fallback_title(blocks: tuple[Block, ...], origin: Path | None) -> str:
    if origin is not None and origin.stem.strip():
        return origin.stem
    from convert.walk import plain_text

    words = plain_text(blocks).split()
    if not words:
        raise InputError("has no readable text (scripts, styles and forms are not read)", path=origin)
    return " ".join(words[:10])


# Blocks ----------------------------------------------------------------------


def _blocks(element: etree._Element, context: Context, lang: str, depth: int) -> list[Block]:
    """The blocks inside element; loose text and inline elements between blocks become paragraphs."""
    result: list[Block] = []
    run: list[Inline] = []

    def flush() -> None:
        if run:
            content = _finish(run, context, lang)
            if content:
                result.append(Paragraph(content))
            run.clear()
        result.extend(context.hoisted)
        context.hoisted.clear()

    if depth > MAX_DEPTH:
        text = _collapse(" ".join(_texts(element)))
        return [Paragraph(_finish([Text(text)], context, lang))] if text else []
    if element.text:
        run.append(Text(element.text))
    for child in element:
        tag = _tag(child)
        if tag in BLOCKS or _is_notes(child):
            flush()
            result.extend(_block(child, context, _lang_of(child, lang, context), depth + 1))
        elif tag:
            run.extend(_inline(child, context, lang, depth + 1))
        if child.tail:
            run.append(Text(child.tail))
    flush()
    return result


def _lang_of(element: etree._Element, lang: str, context: Context) -> str:
    return own_lang(element, context) or lang


def _block(element: etree._Element, context: Context, lang: str, depth: int) -> list[Block]:
    """The blocks one block-level element becomes."""
    tag = _tag(element)
    if _is_notes(element) and tag != "ol":
        return [Aside("notes", tuple(_blocks(element, context, lang, depth)))]
    match tag:
        case "p" | "dt" | "summary" | "legend" | "caption" | "figcaption":
            blocks = _blocks(element, context, lang, depth)
            if tag in ("dt", "summary", "legend"):
                return [Paragraph((Strong(b.content),)) if isinstance(b, Paragraph) else b for b in blocks]
            return blocks
        case _ if tag in HEADINGS:
            content = _finish(_inline_children(element, context, lang, depth), context, lang)
            hoisted = _take_hoisted(context)
            if not content:
                return hoisted
            return [Heading(HEADINGS[tag], content, element.get("id") or ""), *hoisted]
        case "ul" | "ol" | "menu":
            return _list(element, context, lang, depth)
        case "li":
            return [List((ListItem(tuple(_blocks(element, context, lang, depth))),))]
        case "blockquote":
            return [_quote(element, None, context, lang, depth)]
        case "figure":
            return _figure(element, context, lang, depth)
        case "img":
            figure = _image(element, context, ())
            return [figure] if figure else []
        case "table":
            return _table_or_layout(_table(element, context, lang, depth))
        case "pre":
            return [_code_block(element)]
        case "hr":
            return [Rule()]
        case "aside":
            classes = (element.get("class") or "").split()
            kind = next((c for c in classes if c in ASIDE_KINDS), "note")
            return [Aside(kind, tuple(_blocks(element, context, lang, depth)))]
    return _blocks(element, context, lang, depth)


def _take_hoisted(context: Context) -> list[Block]:
    taken = list(context.hoisted)
    context.hoisted.clear()
    return taken


def _list(element: etree._Element, context: Context, lang: str, depth: int) -> list[Block]:
    items: list[ListItem] = []
    for child in element:
        if not _tag(child):
            continue
        if _tag(child) == "li":
            content = tuple(_blocks(child, context, _lang_of(child, lang, context), depth + 1))
        elif _tag(child) in BLOCKS:
            content = tuple(_block(child, context, lang, depth + 1))
        else:
            content = tuple(_inline_paragraph(child, context, lang, depth))
        if content:
            items.append(ListItem(content))
    if not items:
        return []
    ordered = _tag(element) == "ol"
    try:
        start = int(element.get("start") or 1)
    except ValueError:
        start = 1
    return [List(tuple(items), ordered=ordered, start=start if ordered else 1)]


def _inline_paragraph(element: etree._Element, context: Context, lang: str, depth: int) -> list[Block]:
    content = _finish(_inline(element, context, lang, depth + 1), context, lang)
    return [Paragraph(content), *_take_hoisted(context)] if content else _take_hoisted(context)


def _quote(element: etree._Element, caption: etree._Element | None, context: Context, lang: str, depth: int) -> Quote:
    """A block quote; its attribution from a <figcaption>, or a <footer> or <cite> closing the quote."""
    attribution: tuple[Inline, ...] = ()
    source = caption
    if source is None:
        last = next((child for child in reversed(list(element)) if _tag(child)), None)
        if last is not None and (_tag(last) in ("footer", "cite") or _is_cite_paragraph(last)):
            source = last
    if source is not None:
        attribution = strip_dash(_finish(_inline_children(source, context, lang, depth), context, lang))
        if source is not caption:
            _drop_tree(source)
    return Quote(tuple(_blocks(element, context, lang, depth)), attribution)


def _is_cite_paragraph(element: etree._Element) -> bool:
    """A paragraph holding only a <cite> (after a dash, perhaps): the quote's attribution."""
    return (
        _tag(element) == "p"
        and len(element) == 1
        and _tag(element[0]) == "cite"
        and not (element.text or "").strip(DASHES)
        and not (element[0].tail or "").strip()
    )


def strip_dash(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The attribution without the dash the page put before it; writers add their own."""
    if content and isinstance(content[0], Text):
        rest = content[0].text.lstrip(DASHES)
        return ((Text(rest),) if rest else ()) + content[1:]
    return content


def _figure(element: etree._Element, context: Context, lang: str, depth: int) -> list[Block]:
    """An image with its caption, a quote with its attribution, or a table with its caption."""
    captions = [child for child in element if _tag(child) == "figcaption"]
    caption = captions[0] if captions else None
    content = [child for child in element if _tag(child) and child is not caption]
    if len(content) == 1 and _tag(content[0]) == "blockquote":
        return [_quote(content[0], caption, context, lang, depth + 1)]
    caption_inlines = (
        _finish(_inline_children(caption, context, lang, depth), context, lang) if caption is not None else ()
    )
    images = [child for child in element.iter("img")]
    if len(images) == 1 and all(_tag(c) in ("img", "picture", "a", "span", "p", "div") for c in content):
        figure = _image(images[0], context, caption_inlines)
        return [figure] if figure else ([Paragraph(caption_inlines)] if caption_inlines else [])
    if len(content) == 1 and _tag(content[0]) == "table":
        table = _table(content[0], context, lang, depth + 1)
        return [table if table.caption else replace(table, caption=caption_inlines)]
    if caption is not None:
        _drop_tree(caption)
    blocks = _blocks(element, context, lang, depth)
    return blocks + ([Paragraph(caption_inlines)] if caption_inlines else [])


def _image(element: etree._Element, context: Context, caption: tuple[Inline, ...]) -> Figure | None:
    """A Figure for a local or embedded image; remote images are dropped and reported, never fetched."""
    src = (element.get("src") or "").strip()
    alt = element.get("alt")
    where = context.where(element)
    if not src:
        warnings.warn(f"{where}image without a source dropped", ConvertWarning, stacklevel=2)
        return None
    if is_data_url(src):
        # Only the kind is judged here; every writer decodes and checks the image itself (convert.images).
        kind = src.lstrip()[5:].split(",", 1)[0].split(";")[0].strip().lower()
        if kind not in IMAGE_TYPES:
            warnings.warn(f"{where}image {describe(src)} dropped: not a kind of image", ConvertWarning, stacklevel=2)
            return None
    elif not _is_local(src):
        warnings.warn(
            f"{where}remote image {describe(src)} dropped: images are never fetched from the network",
            ConvertWarning,
            stacklevel=2,
        )
        return None
    if not caption and element.get("title"):
        caption = (Text(_collapse(element.get("title") or "")),)
    role = (element.get("role") or "").lower()
    decorative = (alt is not None and not alt.strip() and not caption) or role in ("presentation", "none")
    if alt is None:
        warnings.warn(
            f"{where}image {describe(src)} has no text alternative (alt); it will be marked as undescribed",
            ConvertWarning,
            stacklevel=2,
        )
    return Figure(src, _collapse(alt or ""), caption, decorative=decorative)


def _is_local(src: str) -> bool:
    parts = urlsplit(URL_NOISE.sub("", src))
    return parts.scheme in ("", "file") and not parts.netloc and not src.startswith("//")


def _table(element: etree._Element, context: Context, lang: str, depth: int) -> Table:
    """A table: caption, header rows (in <thead>, or leading rows of <th> only) and body rows."""
    caption: tuple[Inline, ...] = ()
    head: list[tuple[tuple[Inline, ...], ...]] = []
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    in_body = False
    row_headed: list[bool] = []
    spanned: dict[int, int] = {}  # column -> how many more rows a cell from above covers it
    for row, section in _rows(element):
        cells = [cell for cell in row if _tag(cell) in ("th", "td")]
        if not cells:
            continue
        converted = _row(cells, context, lang, depth, spanned)
        all_header = all(_tag(cell) == "th" for cell in cells)
        if section == "thead" or (not in_body and section != "tfoot" and all_header and not rows):
            head.append(converted)
        else:
            in_body = True
            rows.append(converted)
            row_headed.append(_tag(cells[0]) == "th" and not all_header)
    found = element.find("caption")
    if found is not None:
        caption = _finish(_inline_children(found, context, lang, depth), context, lang)
    width = max((len(r) for r in (*head, *rows)), default=0)
    pad = lambda r: r + ((),) * (width - len(r))  # noqa: E731
    # A first column of header cells in every body row heads its row (th scope="row").
    header_columns = 1 if row_headed and all(row_headed) else 0
    return Table(tuple(map(pad, head)), tuple(map(pad, rows)), caption, header_columns=header_columns)


def _table_or_layout(table: Table) -> list[Block]:
    """A data table, or the paragraphs of a layout table: one row with no header cell heads and lists nothing."""
    if table.head or table.header_columns or len(table.rows) != 1:
        return [table]
    cells = [cell for cell in table.rows[0] if cell]
    return [*([Paragraph(table.caption)] if table.caption else []), *(Paragraph(cell) for cell in cells)]


def _rows(table: etree._Element) -> list[tuple[etree._Element, str]]:
    found: list[tuple[etree._Element, str]] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            found.append((child, "tbody"))
        elif tag in ("thead", "tbody", "tfoot"):
            found.extend((row, tag) for row in child if _tag(row) == "tr")
    return found


def _row(
    cells: list[etree._Element], context: Context, lang: str, depth: int, spanned: dict[int, int] | None = None
) -> tuple[tuple[Inline, ...], ...]:
    """A row's cells; spanned (column -> rows still covered) places them beside the cells spanning from above."""
    spanned = {} if spanned is None else spanned
    result: list[tuple[Inline, ...]] = []

    def covered() -> None:
        # The model has no spanning cells: a cell spanning down leaves empty cells below it, so columns line up.
        while spanned.get(len(result), 0) > 0:
            spanned[len(result)] -= 1
            result.append(())

    for cell in cells:
        covered()
        column = len(result)
        result.append(_finish(_inline_children(cell, context, lang, depth), context, lang))
        context.hoisted.clear()
        columns, rows = _span(cell, "colspan"), _span(cell, "rowspan")
        # The cells a span covers stay empty, so columns line up.
        result.extend(() for _ in range(columns - 1))
        for offset in range(columns):
            if rows > 1:
                spanned[column + offset] = rows - 1
    covered()
    return tuple(result)


def _span(cell: etree._Element, attribute: str) -> int:
    try:
        return min(max(int(cell.get(attribute) or 1), 1), 100)
    except ValueError:
        return 1


def _code_block(element: etree._Element) -> CodeBlock:
    code = element.find("code")
    language = ""
    for candidate in (element, code):
        if candidate is None:
            continue
        for name in (candidate.get("class") or "").split():
            if name.startswith(("language-", "lang-")):
                language = name.split("-", 1)[1]
                break
        language = language or ""
    text = "".join(_texts(element))
    return CodeBlock(text.removeprefix("\n").removesuffix("\n"), language)


# Inlines ---------------------------------------------------------------------


def _inline_children(element: etree._Element, context: Context, lang: str, depth: int) -> list[Inline]:
    """The inlines of element's content (its text and children), without the element itself."""
    result: list[Inline] = []
    if depth > MAX_DEPTH:
        return [Text(" ".join(_texts(element)))]
    if element.text:
        result.append(Text(element.text))
    for child in element:
        if _tag(child):
            result.extend(_inline(child, context, lang, depth + 1))
        if child.tail:
            result.append(Text(child.tail))
    return result


def _inline(element: etree._Element, context: Context, lang: str, depth: int) -> list[Inline]:
    """The inlines one element becomes inside running text."""
    tag = _tag(element)
    if depth > MAX_DEPTH:
        return [Text(" ".join(_texts(element)))]
    marked = own_lang(element, context)
    if not marked and _own_dir(element) == "rtl" and text_direction(lang) != "rtl":
        marked = detect_language(_text_content(element), default="ar")
    inner_lang = marked or lang
    content = _inline_content(element, tag, context, inner_lang, depth)
    if marked and marked.lower() != lang.lower() and content:
        return [Span(tuple(content), marked)]
    return content


def _own_dir(element: etree._Element) -> str:
    return (element.get("dir") or "").strip().lower()


def _inline_content(element: etree._Element, tag: str, context: Context, lang: str, depth: int) -> list[Inline]:
    match tag:
        case "br":
            return [Break()]
        case "img":
            figure = _image(element, context, ())
            if figure:
                context.hoisted.append(figure)
            return []
        case "wbr" | "rp":
            return []
        case _ if tag in EMPHASIS:
            return [Emph(tuple(_inline_children(element, context, lang, depth)))]
        case _ if tag in STRONG:
            return [Strong(tuple(_inline_children(element, context, lang, depth)))]
        case _ if tag in CODE:
            return [Code(_collapse(_text_content(element)))]
        case "q":
            return [Quoted(tuple(_inline_children(element, context, lang, depth)))]
        case "abbr" | "acronym":
            text = _collapse(_text_content(element))
            expansion = _collapse(element.get("title") or "")
            if text and expansion:
                if text not in context.state.abbreviations:
                    context.state.define(text, expansion)
                return [Abbr(text, expansion)]
            return [Text(text)]
        case "a":
            inner = _inline_children(element, context, lang, depth)
            url = _safe_link(element.get("href") or "", context, element)
            if not url and (element.get("role") or "").lower() == "doc-backlink":
                return []  # a way back to a place the model cannot point to is no use as words
            return [Link(tuple(inner), url)] if url else inner
    inner = _inline_children(element, context, lang, depth)
    if tag in BLOCKS:
        # A block inside running text (a paragraph in a table cell) keeps its words apart from its neighbours'.
        return [Text(" "), *inner, Text(" ")]
    return inner


def _safe_link(href: str, context: Context, element: etree._Element | None = None) -> str:
    """The link target to keep: "#heading" inside the document, an absolute URL, or "" (the words stay, unlinked).

    A relative link resolves against the document's web address (its <base href>, canonical link or front
    matter `source`); without one it cannot be followed from an e-book, a PDF or a page written elsewhere,
    so it is dropped with a warning. Links back to the document itself point within it. javascript:, data:
    and other unsafe schemes are dropped.
    """
    href = href.strip()
    if not href:
        return ""
    if href.startswith("#"):
        return _anchor_link(href[1:], context)
    parts = urlsplit(URL_NOISE.sub("", href))
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return ""
    href = _encoded(href)
    if scheme:
        url = href
    elif context.base_url:
        url = urljoin(context.base_url, href)
    elif href.startswith("//"):
        url = "https:" + href
    elif parts.path and context.origin is not None and _same_file(parts.path, context.origin):
        return _anchor_link(parts.fragment, context) if parts.fragment else ""
    else:
        line = getattr(element, "sourceline", None) if context.html_lines else None
        context.unresolved.append(f"{href!r} on line {line}" if line else repr(href))
        return ""
    target = urlsplit(url)
    if context.page_url and urlunsplit(target._replace(fragment="")) == context.page_url:
        return (_anchor_link(target.fragment, context) or url) if target.fragment else url
    return url


def _encoded(url: str) -> str:
    """url with the characters a URL cannot hold (spaces, quotes, non-ASCII) percent-encoded, as browsers send it."""
    return quote(url.strip(), safe="!#$%&'()*+,-./:;=?@[]_~")


def _warn_unresolved(context: Context, origin: Path | None) -> None:
    """One warning for the relative links kept as text, naming the first few."""
    found = context.unresolved
    if not found:
        return
    named = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    what = "relative link" if len(found) == 1 else f"{len(found)} relative links"
    warnings.warn(
        f"{origin or 'the HTML'}: {what} kept as text ({named}): the document's web address is unknown "
        "(give it with <base href>, a canonical link or `source` in the front matter)",
        ConvertWarning,
        stacklevel=3,
    )


def _anchor_link(fragment: str, context: Context) -> str:
    target = context.anchors.get(unquote(fragment))
    return f"#{target}" if target else ""


def _same_file(path: str, origin: Path) -> bool:
    """Whether a relative link's path names the source file itself."""
    resolved = (origin.resolve().parent / unquote(path)).resolve()
    return resolved == origin.resolve()


# Tidying running text --------------------------------------------------------


def _collapse(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def _finish(run: list[Inline], context: Context, lang: str) -> tuple[Inline, ...]:
    """Running text as browsers show it (white space collapsed and trimmed), quotes and abbreviations found."""
    content = tidy(run, context.state)
    if lang.lower() != context.doc_lang.lower() and content:
        return (Span(content, lang),)
    return content


def tidy(run: Iterable[Inline], state: InlineState) -> tuple[Inline, ...]:
    """Running text as browsers show it (white space collapsed and trimmed), quoted speech and "Name (ACR)" found.

    The Word reader tidies its runs with this too: one set of rules for every reader of running text.
    """
    return _rules(_strip_end(_trim(tuple(run), [True])), state)


def _trim(nodes: tuple[Inline, ...], after_space: list[bool]) -> tuple[Inline, ...]:
    """Collapse white space across inline boundaries; after_space says whether the text so far ends in a space."""
    result: list[Inline] = []
    for node in nodes:
        match node:
            case Text(text=text):
                text = SPACES.sub(" ", text)
                if after_space[0]:
                    text = text.lstrip(" ")
                if text:
                    after_space[0] = text.endswith(" ")
                    if result and isinstance(result[-1], Text):
                        result[-1] = Text(result[-1].text + text)
                    else:
                        result.append(Text(text))
            case Break():
                if result and isinstance(result[-1], Text):
                    result[-1] = Text(result[-1].text.rstrip(" "))
                result.append(node)
                after_space[0] = True
            case Emph() | Strong() | Link() | Span() | Quoted():
                inner = _trim(node.content, after_space)
                if inner:
                    result.append(_with_content(node, inner))
            case Code(text=text) | Abbr(text=text):
                if text:
                    result.append(node)
                    after_space[0] = False
    return tuple(result)


def _with_content(node: Emph | Strong | Link | Span | Quoted, content: tuple[Inline, ...]) -> Inline:
    """node with other content; a quotation is made anew, both its marks shown, as the reader always made it."""
    match node:
        case Link(url=url):
            return Link(content, url)
        case Span(lang=lang):
            return Span(content, lang)
        case Emph():
            return Emph(content)
        case Strong():
            return Strong(content)
    return Quoted(content)


def _strip_end(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Remove the trailing space of the last text, however deep it is, and breaks at the very end."""
    nodes = tuple(nodes)
    while nodes and isinstance(nodes[-1], Break):
        nodes = nodes[:-1]
    if not nodes:
        return nodes
    last = nodes[-1]
    match last:
        case Text(text=text):
            text = text.rstrip(" ")
            return nodes[:-1] + ((Text(text),) if text else ())
        case Emph() | Strong() | Link() | Span() | Quoted():
            inner = _strip_end(last.content)
            return nodes[:-1] + ((_with_content(last, inner),) if inner else ())
    return nodes


def _rules(nodes: tuple[Inline, ...], state: InlineState) -> tuple[Inline, ...]:
    """Apply the plain-text reader's rules (quoted speech, "Long Name (ACR)") to text outside code and quotes."""
    result: list[Inline] = []
    for node in nodes:
        match node:
            case Text(text=text):
                result.extend(state.inlines(text))
            case Emph() | Strong() | Link() | Span():
                result.append(_with_content(node, _rules(node.content, state)))
            case _:
                result.append(node)
    merged: list[Inline] = []
    for node in result:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


READER = Reader(
    name="html",
    extensions=(".html", ".htm", ".xhtml"),
    read=read,
    description="web page or article: its <article>, <main> or <body>; scripts and remote content dropped",
)
