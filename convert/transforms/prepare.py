"""Prepare a read document for writers: unique heading ids, the abbreviation table, the language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from convert.model import Abbr, Block, Document, Heading
from convert.walk import map_blocks, plain_text, query


def slug(text: str) -> str:
    """A readable anchor from heading text: lower case, letters and digits joined by hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-_") or "section"


def heading_ids(doc: Document) -> Document:
    """Give every heading a unique id, keeping ids that are already set and unique."""
    taken: set[str] = set()
    # The next number to try for each base, so a thousand equal headings cost linear time.
    next_number: dict[str, int] = {}

    def assign(block: Block) -> Block:
        if not isinstance(block, Heading):
            return block
        base = block.id or slug(plain_text(block))
        candidate, number = base, next_number.get(base, 2)
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        next_number[base] = number
        taken.add(candidate)
        return block if candidate == block.id else replace(block, id=candidate)

    return replace(doc, blocks=map_blocks(doc.blocks, assign))


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


def prepare(doc: Document, *, lang: str = "") -> Document:
    """Everything writers rely on: ids, the abbreviation table and the language."""
    return language(abbreviation_table(heading_ids(doc)), lang)
