"""Prepare a read document for writers: heading levels without gaps, unique ids, abbreviations, the language."""

from __future__ import annotations

import warnings
from dataclasses import replace

from convert.errors import ConvertWarning
from convert.ids import slug, unique
from convert.limits import MAX_TITLE_CHARS
from convert.model import Abbr, Block, Document, Heading
from convert.walk import map_blocks, plain_text, query


def heading_ids(doc: Document) -> Document:
    """Give every heading a unique id, keeping ids that are already set and unique."""
    taken: set[str] = set()
    # The next number to try for each base, so a thousand equal headings cost linear time.
    next_number: dict[str, int] = {}

    def assign(block: Block) -> Block:
        if not isinstance(block, Heading):
            return block
        candidate = unique(block.id or slug(plain_text(block)), taken, counters=next_number)
        taken.add(candidate)
        return block if candidate == block.id else replace(block, id=candidate)

    return replace(doc, blocks=map_blocks(doc.blocks, assign))


def heading_levels(doc: Document) -> Document:
    """Renumber headings that skip levels (a level 2 followed by a level 4) so that none does.

    The outline as written is kept: a heading's section is inside the nearest earlier heading of a lower level,
    and each heading becomes exactly one level below that one (the title, level 1, holds them all). Only the
    numbers change. The same outline then reaches every format, and no reader or checker meets a hole in it.
    """
    # (level as written, level given) of the headings whose sections are open at this point.
    open_sections: list[tuple[int, int]] = []

    def renumber(block: Block) -> Block:
        if not isinstance(block, Heading):
            return block
        while open_sections and open_sections[-1][0] >= block.level:
            open_sections.pop()
        parent = open_sections[-1][1] if open_sections else 1
        level = min(block.level, parent + 1)
        open_sections.append((block.level, level))
        return block if level == block.level else replace(block, level=level)

    return replace(doc, blocks=map_blocks(doc.blocks, renumber))


def abbreviation_table(doc: Document) -> Document:
    """Add to Meta.abbreviations every Abbr of the text that it lacks, in order of first use."""
    table = dict(doc.meta.abbreviations)
    for node in query(doc, Abbr):
        table.setdefault(node.text, node.expansion)
    if tuple(table.items()) == doc.meta.abbreviations:
        return doc
    return replace(doc, meta=replace(doc.meta, abbreviations=tuple(table.items())))


def language(doc: Document, lang: str = "") -> Document:
    """Set the document's language when the user names one."""
    if not lang or lang == doc.meta.lang:
        return doc
    return replace(doc, meta=replace(doc.meta, lang=lang))


def short_title(text: str) -> str:
    """text if it fits a title (MAX_TITLE_CHARS), else its first words, cut at a space, with an ellipsis."""
    if len(text) <= MAX_TITLE_CHARS:
        return text
    cut = text[: MAX_TITLE_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_TITLE_CHARS // 2 else cut).rstrip(" ,;:.-") + "…"


def title_length(doc: Document) -> Document:
    """Cut a title longer than MAX_TITLE_CHARS to its first words (with a warning): it names the document everywhere."""
    if len(doc.meta.title) <= MAX_TITLE_CHARS:
        return doc
    warnings.warn(
        f"the title is {len(doc.meta.title):,} characters long; it is cut to its first {MAX_TITLE_CHARS}",
        ConvertWarning,
        stacklevel=3,
    )
    return replace(doc, meta=replace(doc.meta, title=short_title(doc.meta.title)))


def prepare(doc: Document, *, lang: str = "") -> Document:
    """Everything writers rely on: heading levels in order, ids, the abbreviation table, the language, a title."""
    return title_length(language(abbreviation_table(heading_ids(heading_levels(doc))), lang))
