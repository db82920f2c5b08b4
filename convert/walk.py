"""Generic traversal of the model: walk every node, query by type, map blocks, extract plain text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

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
)

Node = Block | Inline
N = TypeVar("N")


def children(node: Node) -> Iterator[Node]:
    """Yield the direct children of a node, blocks before inlines, in reading order."""
    match node:
        case Heading(content=content) | Paragraph(content=content):
            yield from content
        case Emph(content=content) | Strong(content=content) | Link(content=content):
            yield from content
        case Span(content=content) | Quoted(content=content) | Sentence(content=content):
            yield from content
        case List(items=items):
            yield from items
        case ListItem(blocks=blocks) | Aside(blocks=blocks):
            yield from blocks
        case Quote(blocks=blocks, attribution=attribution):
            yield from blocks
            yield from attribution
        case Figure(caption=caption):
            yield from caption
        case Table(head=head, rows=rows, caption=caption):
            yield from caption
            for row in (*head, *rows):
                for cell in row:
                    yield from cell
        case _:
            return


def walk(root: Document | Node | tuple[Node, ...]) -> Iterator[Node]:
    """Yield every node under root, depth first, in reading order (root itself included if a node)."""
    match root:
        case Document(blocks=blocks):
            stack: list[Node] = list(reversed(blocks))
        case tuple():
            stack = list(reversed(root))
        case _:
            stack = [root]
    # An explicit stack: deeply nested input must not hit Python's recursion limit.
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(tuple(children(node))))


def blocks_within(nodes: tuple[Block, ...]) -> Iterator[Block]:
    """Every block in reading order, those inside lists, quotes and boxes too (inlines are not visited)."""
    # An explicit stack, as in walk(): deep nesting must not hit the recursion limit.
    stack: list[Block] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        match node:
            case List(items=items):
                stack.extend(reversed(items))
            case ListItem(blocks=inner) | Aside(blocks=inner) | Quote(blocks=inner):
                stack.extend(reversed(inner))


def query(root: Document | Node | tuple[Node, ...], kind: type[N]) -> list[N]:
    """Return every node of the given type under root, in reading order."""
    return [node for node in walk(root) if isinstance(node, kind)]


def plain_text(root: Document | Node | tuple[Node, ...], *, quotes: tuple[str, str] = ("“", "”")) -> str:
    """Return the text of inlines as a reader sees it; blocks are separated by blank lines."""
    match root:
        case Document(blocks=blocks):
            return "\n\n".join(filter(None, (plain_text(b, quotes=quotes) for b in blocks)))
        case tuple():
            if all(is_inline(n) for n in root):
                return "".join(plain_text(n, quotes=quotes) for n in root)
            return "\n\n".join(filter(None, (plain_text(n, quotes=quotes) for n in root)))
        case Text(text=text) | Code(text=text) | Abbr(text=text):
            return text
        case Break():
            return "\n"
        case Quoted(content=content, opens=opens, closes=closes):
            inner = plain_text(content, quotes=quotes)
            return (quotes[0] if opens else "") + inner + (quotes[1] if closes else "")
        case Emph(content=c) | Strong(content=c) | Link(content=c) | Span(content=c) | Sentence(content=c):
            return plain_text(c, quotes=quotes)
        case Heading(content=c) | Paragraph(content=c):
            return plain_text(c, quotes=quotes)
        case CodeBlock(text=text):
            return text
        case Figure(alt=alt, caption=caption):
            return plain_text(caption, quotes=quotes) or alt
        case Rule():
            return ""
        case Quote(blocks=blocks, attribution=attribution):
            body = plain_text(blocks, quotes=quotes)
            who = plain_text(attribution, quotes=quotes)
            return f"{body}\n\n— {who}" if who else body
        case List(items=items):
            return "\n".join(plain_text(item, quotes=quotes) for item in items)
        case ListItem(blocks=blocks) | Aside(blocks=blocks):
            return plain_text(blocks, quotes=quotes)
        case Table(head=head, rows=rows, caption=caption):
            lines = [plain_text(caption, quotes=quotes)] if caption else []
            lines += ["\t".join(plain_text(cell, quotes=quotes) for cell in row) for row in (*head, *rows)]
            return "\n".join(lines)
    raise TypeError(f"not a model node: {root!r}")


def is_inline(node: object) -> bool:
    """True for inline nodes (Text, Emph, Abbr...), False for blocks."""
    return isinstance(node, Text | Emph | Strong | Code | Link | Abbr | Span | Quoted | Break | Sentence)


def map_blocks(blocks: tuple[Block, ...], change: Callable[[Block], Block | tuple[Block, ...]]) -> tuple[Block, ...]:
    """Apply change to every block, outermost first, then to the blocks inside what it returns."""
    result: list[Block] = []
    for block in blocks:
        changed = change(block)
        for new in changed if isinstance(changed, tuple) else (changed,):
            result.append(_map_inner(new, change))
    return tuple(result)


def _map_inner(block: Block, change: Callable[[Block], Block | tuple[Block, ...]]) -> Block:
    match block:
        case List(items=items):
            return replace(block, items=tuple(replace(i, blocks=map_blocks(i.blocks, change)) for i in items))
        case ListItem(blocks=inner) | Aside(blocks=inner) | Quote(blocks=inner):
            return replace(block, blocks=map_blocks(inner, change))
    return block


def map_inlines(
    inlines: tuple[Inline, ...], change: Callable[[Inline], Inline | tuple[Inline, ...]]
) -> tuple[Inline, ...]:
    """Apply change to every inline, outermost first, recursing into containers."""
    result: list[Inline] = []
    for inline in inlines:
        changed = change(inline)
        for new in changed if isinstance(changed, tuple) else (changed,):
            match new:
                case Emph() | Strong() | Link() | Span() | Quoted() | Sentence():
                    new = replace(new, content=map_inlines(new.content, change))
            result.append(new)
    return tuple(result)
