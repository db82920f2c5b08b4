"""Sentences in the model: the one sentence splitter, and the transform that marks every sentence with a stable id.

mark() wraps each sentence of the text in a Sentence node; the narration script, the HTML writer's sentence
spans, the read-aloud EPUB's Media Overlays, the read-along page and the WebVTT transcript all take their
sentences and ids from those nodes, so no two parts can split a document differently. convert.read() returns
documents already marked; unmark() gives the document back without the marks (convert.edition() runs the
edition transforms on that), so mark and unmark are exact inverses on what the readers make.

Ids are stable: "s<block>-<n>" for the n-th sentence (from 1) of doc.blocks[block], counting through nested
lists, quotes and boxes in reading order, the way the narration reads them (a table row and an image read
by its text alternative are one sentence each); header_ids() gives the ids of the title and dateline.

A sentence may start or end inside inline markup: a quotation that holds the end of one sentence and the
start of the next is cut into pieces (Quoted.opens and Quoted.closes say which piece has which mark), and so
is an emphasis or a link. A boundary that would cut through an abbreviation or a piece of code is not made:
the two sentences are marked as one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from convert.ids import unique
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
    Row,
    Rule,
    Sentence,
    Span,
    Strong,
    Table,
    Text,
)
from convert.walk import plain_text, query, walk

TITLE_ID = "title"
"""The id of the document title's sentence (another one when a heading already has it: see header_ids)."""
DATELINE_ID = "dateline"
"""The id of the dateline's sentence (place and date)."""

# The splitter ------------------------------------------------------------------

# Words after which a full stop does not end a sentence.
NO_BREAK_AFTER = frozenset(
    "mr ms mrs mx dr prof st sr jr rev gen col capt lt sgt gov sen rep hon mt no nos vs cf fig figs approx ca vol"
    " pp p ed eds dept est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec art para etc".split()
)
NUMBERED = frozenset(
    "war part chapter phase volume book act title section article stage level grade type class king queen pope "
    "henry george edward elizabeth charles".split()
)
"""Words a Roman numeral follows ("World War I", "Part V"): a single capital after them is a number, not an
initial, so its full stop ends the sentence."""
CITATION = r"(?:\s?\[[^\[\]\n]{1,40}\])"
"""A citation marker such as "[12]" or "[citation needed]": it belongs to the sentence before it."""
BREAK = re.compile(
    rf"(?P<end>[.!?…]+)(?P<close>[”’\"')\]]*)(?P<cite>{CITATION}*)(?P<space>\s+)(?=[“‘\"'(\[]?[A-Z0-9À-Þ])"
)
TOKEN_BEFORE = re.compile(r"(?P<token>[\w.]+)$")
BRACKETED = re.compile(r"\[[^\[\]\n]*\]")
WORD = re.compile(r"\w+(?:[’'.,\-]\w+)*")
"""A word of displayed or spoken text: letters and digits, with inner apostrophes, hyphens, dots and commas."""


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, without the white space around it; see sentences()."""
    result: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        # Never inside square brackets: "[1. Smith]" or "[First. Second,]" are one aside, not two sentences.
        brackets = [m.span() for m in BRACKETED.finditer(line)]
        for match in BREAK.finditer(line):
            if match["end"] == "." and not _ends_sentence(line[start : match.start()]):
                continue
            # "1. Developers want ..." is a numbered point, not the sentence "1." and another.
            if match["end"] == "." and re.fullmatch(r"\s*(?:\d{1,3}|[A-Za-z])", line[start : match.start()]):
                continue
            if any(low < match.start() < high for low, high in brackets):
                continue
            result.append(_stripped(line, start, match.start("space"), offset))
            start = match.end()
        result.append(_stripped(line, start, len(line), offset))
        offset += len(line) + 1
    return [(a, b) for a, b in result if b > a]


def _stripped(line: str, start: int, end: int, offset: int) -> tuple[int, int]:
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    return offset + start + lead, offset + start + len(piece.rstrip())


def sentences(text: str) -> list[str]:
    """Split text into sentences, not at titles ("Ms."), abbreviations ("U.S.", "e.g."), initials, decimals or
    citation markers ("[12]" stays with the sentence before it; nothing inside square brackets ends one)."""
    return [text[start:end] for start, end in spans(text)]


def _ends_sentence(before: str) -> bool:
    token_match = TOKEN_BEFORE.search(before)
    if not token_match:
        return True
    token = token_match["token"]
    if token.lower() in NO_BREAK_AFTER:
        return False
    if re.fullmatch(r"[A-Z]", token):  # an initial ("J. K. Rowling"), unless a numeral ("World War I.")
        words = before.split()
        return token in "IVX" and len(words) > 1 and words[-2].lower() in NUMBERED
    # Dotted abbreviations: "U.S", "e.g", "i.e", "a.m" (the final dot is the match).
    return not re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token)


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of text, in order: the units word timings and word highlighting count in."""
    return [match.span() for match in WORD.finditer(text)]


def row_text(head: tuple[Row, ...], row: Row) -> str:
    """A table row as the narration reads it and the transcript shows it: "River: Rhône; Length: 813 km"."""
    names = [plain_text(cell) for cell in head[-1]] if head else []
    cells = [plain_text(cell) for cell in row]
    pairs = [f"{n}: {c}" if n else c for n, c in zip(names or [""] * len(cells), cells, strict=False)]
    return "; ".join(p for p in pairs if p.strip(": "))


# Cutting inline content at text offsets ------------------------------------------


class Uncuttable(ValueError):
    """An offset falls inside an abbreviation or a piece of code, which cannot be cut."""


def length(node: Inline | tuple[Inline, ...]) -> int:
    """How many characters node has in plain_text(), quotation marks and line breaks included."""
    if isinstance(node, tuple):
        return sum(length(n) for n in node)
    match node:
        case Text(text=text) | Code(text=text) | Abbr(text=text):
            return len(text)
        case Break():
            return 1
        case Quoted(content=content, opens=opens, closes=closes):
            return opens + length(content) + closes
        case Emph(content=c) | Strong(content=c) | Link(content=c) | Span(content=c) | Sentence(content=c):
            return length(c)
    raise TypeError(f"not an inline node: {node!r}")


def leaves(content: tuple[Inline, ...], *, containers: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every abbreviation and piece of code in content's text: no cut may fall inside one.

    With containers, the extents of emphases, links, language spans and quotations instead.
    """
    found: list[tuple[int, int]] = []

    def visit(nodes: tuple[Inline, ...], position: int) -> int:
        for node in nodes:
            if containers and isinstance(node, Emph | Strong | Link | Span | Quoted):
                found.append((position, position + length(node)))
            match node:
                case Code() | Abbr() if not containers:
                    found.append((position, position + length(node)))
                case Quoted(content=inner, opens=opens):
                    visit(inner, position + opens)
                case Emph(content=inner) | Strong(content=inner) | Link(content=inner) | Span(content=inner):
                    visit(inner, position)
                case Sentence(content=inner):
                    visit(inner, position)
            position += length(node)
        return position

    visit(content, 0)
    return found


def cut(content: tuple[Inline, ...], offsets: list[int]) -> list[tuple[Inline, ...]]:
    """content cut at each offset of its text (sorted, from 0 to its length): len(offsets) + 1 pieces.

    Containers that an offset falls inside are cut into pieces of the same kind; a cut quotation keeps
    its opening mark on its first piece and its closing mark on its last (Quoted.opens, Quoted.closes).
    Raises Uncuttable for an offset inside an abbreviation or a piece of code.
    """
    pieces: list[list[Inline]] = [[]]
    position = 0
    pending = list(offsets)
    index = 0
    for node in content:
        size = length(node)
        while index < len(pending) and pending[index] <= position:
            pieces.append([])
            index += 1
        inside: list[int] = []
        while index < len(pending) and pending[index] < position + size:
            inside.append(pending[index] - position)
            index += 1
        if inside:
            parts = _cut_node(node, inside)
            pieces[-1].extend(parts[0])
            pieces.extend(list(part) for part in parts[1:])
        else:
            pieces[-1].append(node)
        position += size
    pieces.extend([] for _ in pending[index:])
    return [tuple(piece) for piece in pieces]


def _cut_node(node: Inline, offsets: list[int]) -> list[tuple[Inline, ...]]:
    """node cut at offsets strictly inside it: len(offsets) + 1 pieces, each a tuple (empty where nothing is left)."""
    match node:
        case Text(text=text):
            bounds = [0, *offsets, len(text)]
            return [(Text(text[a:b]),) if b > a else () for a, b in itertools.pairwise(bounds)]
        case Quoted(content=content, opens=opens, closes=closes):
            inner = cut(content, [offset - opens for offset in offsets])
            last = len(inner) - 1
            result: list[tuple[Inline, ...]] = []
            for number, part in enumerate(inner):
                first_mark, last_mark = opens and number == 0, closes and number == last
                keep = part or first_mark or last_mark
                result.append((Quoted(part, first_mark, last_mark),) if keep else ())
            return result
        case Emph(content=c) | Strong(content=c) | Link(content=c) | Span(content=c) | Sentence(content=c):
            return [(replace(node, content=part),) if part else () for part in cut(c, offsets)]
    raise Uncuttable(f"cannot cut {type(node).__name__} {plain_text(node)!r}")


# Taking the marks off ----------------------------------------------------------


def without_marks(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """content without its Sentence nodes, the pieces that marking cut apart at a sentence's edges joined again."""
    result: list[Inline] = []
    joint = False  # whether the next node meets the edge of a sentence, where marking may have cut a node in two
    for node in content:
        match node:
            case Sentence(content=inner):
                pieces: tuple[Inline, ...] = without_marks(inner)
                edge = True
            case Emph() | Strong() | Link() | Span() | Quoted():
                pieces, edge = (replace(node, content=without_marks(node.content)),), False
            case _:
                pieces, edge = (node,), False
        for position, piece in enumerate(pieces):
            joined = _joined(result[-1], piece) if result and position == 0 and (joint or edge) else None
            if joined is None:
                result.append(piece)
            else:
                result[-1] = joined
        joint = edge
    return tuple(result)


def _join(first: tuple[Inline, ...], second: tuple[Inline, ...]) -> tuple[Inline, ...]:
    if first and second and (joined := _joined(first[-1], second[0])) is not None:
        return (*first[:-1], joined, *second[1:])
    return first + second


def _joined(first: Inline, second: Inline) -> Inline | None:
    """The one node that first and second were cut from, or None when they are two nodes."""
    match first, second:
        case Text(text=a), Text(text=b):
            return Text(a + b)
        case Quoted(closes=False), Quoted(opens=False):
            return Quoted(_join(first.content, second.content), first.opens, second.closes)
        case (Emph(), Emph()) | (Strong(), Strong()):
            return replace(first, content=_join(first.content, second.content))
        case Link(url=a), Link(url=b) if a == b:
            return replace(first, content=_join(first.content, second.content))
        case Span(lang=a), Span(lang=b) if a == b:
            return replace(first, content=_join(first.content, second.content))
    return None


# The transform -----------------------------------------------------------------


def unmark(doc: Document) -> Document:
    """doc without sentence marks: the document as the reader made it (edition transforms work on this)."""
    return replace(doc, blocks=tuple(_unmarked(block) for block in doc.blocks))


def _unmarked(block: Block) -> Block:
    match block:
        case Heading(content=content) | Paragraph(content=content):
            return replace(block, content=without_marks(content))
        case List(items=items):
            return replace(block, items=tuple(replace(i, blocks=tuple(map(_unmarked, i.blocks))) for i in items))
        case ListItem(blocks=inner) | Aside(blocks=inner):
            return replace(block, blocks=tuple(map(_unmarked, inner)))
        case Quote(blocks=inner, attribution=attribution):
            return replace(block, blocks=tuple(map(_unmarked, inner)), attribution=without_marks(attribution))
        case Figure(caption=caption):
            return replace(block, caption=without_marks(caption), sentence_id="")
        case Table(head=head, rows=rows, caption=caption):
            return replace(
                block, head=_cells(head), rows=_cells(rows), caption=without_marks(caption), row_sentence_ids=()
            )
        case CodeBlock():
            return replace(block, sentence_id="")
    return block


def _cells(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    return tuple(tuple(without_marks(cell) for cell in row) for row in rows)


def header_ids(doc: Document) -> tuple[str, str]:
    """The ids of the title's and the dateline's sentences: "title" and "dateline" unless a heading took them."""
    taken = {heading.id for heading in query(doc, Heading)}
    title = unique(TITLE_ID, taken)
    return title, unique(DATELINE_ID, taken | {title})


def mark(doc: Document) -> Document:
    """doc with every sentence in a Sentence node with its id, and the ids of table rows, images and code read
    as one sentence each; marking a marked document marks it afresh."""
    doc = unmark(doc)
    taken = {heading.id for heading in query(doc, Heading)}
    blocks: list[Block] = []
    for index, block in enumerate(doc.blocks):
        numbers = itertools.count(1)

        def new_id(index: int = index, numbers: Iterator[int] = numbers) -> str:
            chosen = unique(f"s{index}-{next(numbers)}", taken)
            taken.add(chosen)
            return chosen

        blocks.append(_marked_block(block, new_id))
    return replace(doc, blocks=tuple(blocks))


def is_marked(doc: Document) -> bool:
    """True when doc went through mark(): a sentence, a table row or an image has an id from it."""
    for node in walk(doc):
        match node:
            case Sentence():
                return True
            case Figure(sentence_id=uid) | CodeBlock(sentence_id=uid) if uid:
                return True
            case Table(row_sentence_ids=ids) if any(ids):
                return True
    return False


def with_marks(doc: Document) -> Document:
    """doc itself when its sentences are marked (convert.read() marks them), else doc with them marked."""
    return doc if is_marked(doc) else mark(doc)


def _marked_block(block: Block, new_id: Callable[[], str]) -> Block:
    """The block with its sentences marked, ids given in the order the narration reads them."""
    match block:
        case Heading(content=content) | Paragraph(content=content):
            return replace(block, content=marked(content, new_id))
        case List(items=items):
            return replace(block, items=tuple(_marked_block(item, new_id) for item in items))
        case ListItem(blocks=inner) | Aside(blocks=inner):
            return replace(block, blocks=tuple(_marked_block(b, new_id) for b in inner))
        case Quote(blocks=inner, attribution=attribution):
            marked_blocks = tuple(_marked_block(b, new_id) for b in inner)
            # The attribution is read as one sentence ("— Ms. Albert"), however many full stops it has.
            if plain_text(attribution).strip():
                attribution = (Sentence(attribution, new_id()),)
            return replace(block, blocks=marked_blocks, attribution=attribution)
        case Figure(caption=caption, alt=alt, decorative=decorative):
            if plain_text(caption).strip():
                return replace(block, caption=marked(caption, new_id))
            if not decorative and alt.strip():
                return replace(block, sentence_id=new_id())
            return block
        case Table(head=head, rows=rows, caption=caption):
            if plain_text(caption).strip():
                block = replace(block, caption=marked(caption, new_id))
            return replace(block, row_sentence_ids=tuple(new_id() if row_text(head, row) else "" for row in rows))
        case CodeBlock(text=text):
            return replace(block, sentence_id=new_id()) if text.strip() else block
        case Rule():
            return block
    raise TypeError(f"not a block node: {block!r}")


def marked(content: tuple[Inline, ...], new_id: Callable[[], str]) -> tuple[Inline, ...]:
    """content with each of its sentences in a Sentence node; new_id() gives the ids, in order."""
    found = _boundaries(content)
    if not found:
        return content
    offsets = sorted({offset for span in found for offset in span})
    pieces = cut(content, offsets)
    wanted = set(found)
    bounds = [0, *offsets, length(content)]
    result: list[Inline] = []
    ids: list[str] = []
    for (start, end), piece in zip(itertools.pairwise(bounds), pieces, strict=True):
        if (start, end) in wanted:
            ids.append(new_id())
            result.append(Sentence(piece, ids[-1]))
        else:
            result.extend(piece)
    # The marks must come off again without a trace; where they would not, the text is one sentence, as written.
    if without_marks(tuple(result)) != content:
        return (Sentence(content, ids[0]),)
    return tuple(result)


def _boundaries(content: tuple[Inline, ...]) -> list[tuple[int, int]]:
    """The sentences' spans, two sentences joined wherever the boundary between them would cut a leaf."""
    found = spans(plain_text(content))
    uncuttable = leaves(content)

    def inside(offset: int) -> bool:
        return any(start < offset < end for start, end in uncuttable)

    result: list[tuple[int, int]] = []
    for start, end in found:
        if result and (inside(start) or inside(result[-1][1])):
            result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    if result and (inside(result[0][0]) or inside(result[-1][1])):
        return [(0, length(content))]
    # The space between two sentences inside one quotation or link goes with the first: a cut, not a third piece.
    around = leaves(content, containers=True)
    for number in range(len(result) - 1):
        end, following = result[number][1], result[number + 1][0]
        if any(low < end and following < high for low, high in around):
            result[number] = (result[number][0], following)
    return result
