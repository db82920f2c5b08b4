"""Sentences in markup: wrap each utterance of the narration script in an element that carries its id.

The read-aloud EPUB (Media Overlays) and the read-along page both need every sentence the voice reads as
one element of the HTML writer's markup. A sentence may start or end inside inline markup (<q>, <abbr>,
<em>, <a>), so wrap_sentences() splits the inline elements it crosses into pieces, one per side, keeping
their attributes; a split quotation keeps its marks where they were (see QUOTE_CSS).

The text is matched as convert.walk.plain_text writes it, which is how the script sees it: each <q>
counts as its quotation marks, each <br> as a line break, and every block element is closed off by line
breaks so that no sentence can match across two paragraphs.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from convert.errors import ConvertWarning
from convert.speech.script import Utterance
from convert.writers import html

Element = etree._Element

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6"
    " header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
"""Elements that hold sentences rather than sit inside one."""
OPAQUE_TAGS = frozenset({"nav", "script", "style", "template"})
"""Elements whose text is never narrated (a contents list repeats the headings)."""
QUOTE_MARKS = ("“", "”")
"""What plain_text writes around a Quoted, and so what the script's sentences hold where HTML has <q>."""
CONTINUED = "q-continued"
"""Class of a piece of a split <q> that does not open the quotation."""
CONTINUES = "q-continues"
"""Class of a piece of a split <q> that does not close the quotation."""
QUOTE_CSS = f"""
/* A quotation split between two sentences keeps one opening and one closing mark. */
q.{CONTINUED}::before {{ content: no-open-quote; }}
q.{CONTINUES}::after {{ content: no-close-quote; }}
"""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an utterance is in the markup."""

    utterance: str
    """The utterance's id (convert.speech.script.Utterance.id)."""
    element: Element
    """The element that holds the sentence: a span wrapped around it, or a table row or image that stands for it."""

    @property
    def id(self) -> str:
        """The element's id: the utterance's id, unless the document already used that id for something else."""
        return self.element.get("id")


@dataclass(slots=True)
class _Node:
    """A snapshot of an element and its content, taken before any change, with its length as text."""

    element: Element
    items: list[str | _Node]
    opening: str
    closing: str
    length: int


def wrap_sentences(
    roots: Sequence[Element], utterances: Sequence[Utterance], *, css_class: str = "sentence"
) -> list[Placement]:
    """Wrap each utterance's sentence, found in order in the text of roots, in <span id=... class=css_class>.

    Table rows (read as "heading: cell; ...") are placed on their <tr>, and an image read by its text
    alternative on its <img>. An utterance that cannot be found is reported and left out; the others
    are still placed. Returns the placements in reading order.
    """
    text, owners, extents = _layout(roots)
    taken = {element.get("id") for root in roots for element in root.iterfind(".//*[@id]")}
    taken |= {root.get("id") for root in roots if root.get("id")}
    ranges: dict[int, list[tuple[int, int, str]]] = {}
    containers: dict[int, Element] = {}
    targets: list[tuple[str, Element | int]] = []  # (utterance id, element or index into ranges' entries)
    cursor = 0
    for utterance in utterances:
        new_id = _unique(utterance.id, taken)
        if utterance.kind == "table":
            row = _next(extents, cursor, lambda e: e.tag == "tr" and e.getparent().tag in ("tbody", "table"))
            if row is not None:
                targets.append((utterance.id, _mark(row[0], new_id, taken)))
                cursor = row[2]
                continue
        else:
            limit = len(text)
            if utterance.kind == "caption":
                # A figure's caption, or its text alternative when it has none: only look inside the figure.
                figure = _next(extents, cursor, lambda e: e.tag in ("figure", "table"))
                limit = figure[2] if figure is not None else limit
            start = text.find(utterance.text, cursor, limit)
            if start >= 0:
                end = start + len(utterance.text)
                (first, offset), (last, final) = owners[start], owners[end - 1]
                if first is not None and first is last:
                    ranges.setdefault(id(first), []).append((offset, final + 1, new_id))
                    containers[id(first)] = first
                    targets.append((utterance.id, new_id))
                    cursor = end
                    continue
            if utterance.kind == "caption":
                image = _next(extents, cursor, lambda e: e.tag == "img")
                if image is not None and image[2] <= limit:
                    targets.append((utterance.id, _mark(image[0], new_id, taken)))
                    cursor = image[2]
                    continue
        taken.discard(new_id)
        warnings.warn(
            f"sentence {utterance.id} ({utterance.text[:40]!r}) was not found in the text; it is narrated "
            "but not highlighted",
            ConvertWarning,
            stacklevel=2,
        )
    spans: dict[str, Element] = {}
    for key, container in containers.items():
        spans.update(_wrap(container, ranges[key], css_class))
    return [Placement(uid, spans[target] if isinstance(target, str) else target) for uid, target in targets]


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _mark(element: Element, new_id: str, taken: set[str]) -> Element:
    """Give a row or image the utterance's id; one that has an id already keeps it."""
    if element.get("id"):
        taken.discard(new_id)
    else:
        element.set("id", new_id)
    return element


def _next(
    extents: list[tuple[Element, int, int]], cursor: int, wanted: Callable[[Element], bool]
) -> tuple[Element, int, int] | None:
    """The first element starting at or after cursor that wanted(element) accepts."""
    return next((extent for extent in extents if extent[1] >= cursor and wanted(extent[0])), None)


# Reading the markup as text ----------------------------------------------------


def _marks(element: Element) -> tuple[str, str]:
    """The text an element stands for before and after its content."""
    if element.tag == "q":
        classes = (element.get("class") or "").split()
        return ("" if CONTINUED in classes else QUOTE_MARKS[0], "" if CONTINUES in classes else QUOTE_MARKS[1])
    if element.tag == "br":
        return "\n", ""
    if element.tag in BLOCK_TAGS:
        return "\n", "\n"
    return "", ""


def _layout(
    roots: Sequence[Element],
) -> tuple[str, list[tuple[Element | None, int]], list[tuple[Element, int, int]]]:
    """The roots as one text; for each character its block container and offset there; each element's extent."""
    chars: list[str] = []
    owners: list[tuple[Element | None, int]] = []
    extents: list[tuple[Element, int, int]] = []

    def emit(value: str, container: Element | None, offset: int) -> None:
        chars.append(value)
        owners.extend((container, offset + i) for i in range(len(value)))

    def visit(element: Element, container: Element | None, offset: int) -> int:
        """Lay out element at offset in container's content; return the offset just after it."""
        if not isinstance(element.tag, str) or element.tag in OPAQUE_TAGS:
            return offset
        start = len(owners)
        opening, closing = _marks(element)
        emit(opening, container, offset)
        block = element.tag in BLOCK_TAGS
        inner_container, position = (element, 0) if block else (container, offset + len(opening))
        if element.text:
            emit(element.text, inner_container, position)
            position += len(element.text)
        for child in element:
            position = visit(child, inner_container, position)
            if child.tail:
                emit(child.tail, inner_container, position)
                position += len(child.tail)
        after = offset + len(opening) + position if block else position
        emit(closing, container, after)
        extents.append((element, start, len(owners)))
        return after + len(closing)

    for root in roots:
        visit(root, None, 0)
    extents.sort(key=lambda extent: extent[1])
    return "".join(chars), owners, extents


def _snapshot(element: Element) -> _Node:
    opening, closing = _marks(element)
    items: list[str | _Node] = [element.text] if element.text else []
    for child in element:
        if isinstance(child.tag, str) and child.tag not in OPAQUE_TAGS:
            items.append(_snapshot(child))
        else:
            items.append(_Node(child, [], "", "", 0))
        if child.tail:
            items.append(child.tail)
    length = len(opening) + sum(len(i) if isinstance(i, str) else i.length for i in items) + len(closing)
    return _Node(element, items, opening, closing, length)


# Splitting the markup ----------------------------------------------------------


def _wrap(container: Element, ranges: list[tuple[int, int, str]], css_class: str) -> dict[str, Element]:
    """Rebuild container's content with each (start, end, id) range of its text inside a span of its own."""
    node = _snapshot(container)
    total = node.length - len(node.opening) - len(node.closing)
    content: list[Element | str] = []
    spans: dict[str, Element] = {}
    cursor = 0
    for start, end, new_id in sorted(ranges):
        content += _slice(node.items, cursor, start, at_end=False)
        span = etree.Element("span", {"id": new_id, "class": css_class})
        html.append(span, _slice(node.items, start, end, at_end=False))
        content.append(span)
        spans[new_id] = span
        cursor = end
    content += _slice(node.items, cursor, total, at_end=True)
    container.text = None
    for child in list(container):
        container.remove(child)
    html.append(container, content)
    return spans


def _slice(items: list[str | _Node], start: int, end: int, *, at_end: bool) -> list[Element | str]:
    """The part of a content snapshot between two offsets; elements it cuts through are split."""
    result: list[Element | str] = []
    position = 0
    for item in items:
        if isinstance(item, str):
            low, high = max(start, position), min(end, position + len(item))
            if low < high:
                result.append(item[low - position : high - position])
            position += len(item)
            continue
        first, last = position, position + item.length
        if item.length == 0:
            # Empty elements (an image, a comment) go with the text after them; the last piece takes those at the end.
            if start <= first < end or (at_end and first == end):
                result.append(_whole(item))
        elif start <= first and last <= end:
            result.append(_whole(item))
        elif first < end and last > start:
            result.append(_piece(item, start - first, end - first))
        position = last
    return result


def _whole(node: _Node) -> Element:
    node.element.tail = None  # the snapshot holds the tail; appending elsewhere must not carry it along
    return node.element


def _piece(node: _Node, start: int, end: int) -> Element:
    """A copy of an inline element holding only its text between start and end (offsets from its own start)."""
    original = node.element
    # Namespaced attributes (epub:type) need their prefix declared; plain HTML elements need nothing.
    namespaced = any(key.startswith("{") for key in original.attrib)
    shell = etree.Element(original.tag, dict(original.attrib), nsmap=original.nsmap if namespaced else None)
    if start > 0:
        shell.attrib.pop("id", None)  # the first piece keeps the id, so links to it still work
    if original.tag == "q":
        classes = (original.get("class") or "").split()
        if start > 0 and CONTINUED not in classes:
            classes.append(CONTINUED)
        if end < node.length and CONTINUES not in classes:
            classes.append(CONTINUES)
        shell.set("class", " ".join(classes))
    inner_start = max(0, start - len(node.opening))
    inner_end = min(node.length - len(node.opening) - len(node.closing), end - len(node.opening))
    html.append(shell, _slice(node.items, inner_start, inner_end, at_end=end >= node.length))
    return shell
