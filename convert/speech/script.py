"""Document -> utterances: one per sentence the model marks, each with its id, the text to show and the text to say.

This is a public API. The sentences and their ids come from the sentences transform
(convert.transforms.sentences), so the narration, the HTML writer's sentence spans, the Media Overlays and
the transcript always agree: "title" and "dateline" for the metadata lines, and "s<block>-<n>" for the
n-th sentence (from 1) of doc.blocks[block], counting through nested lists, quotes and boxes in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from convert.model import (
    Aside,
    Block,
    CodeBlock,
    Document,
    Figure,
    Heading,
    Inline,
    List,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Sentence,
    Table,
)
from convert.speech.lexicon import Lexicon, builtin
from convert.speech.normalise import cardinal, normalise
from convert.transforms.sentences import header_ids, row_text, with_marks
from convert.walk import plain_text

KINDS = ("title", "dateline", "heading", "paragraph", "item", "quote", "attribution", "caption", "table", "code")
"""Every Utterance.kind, the structure its sentence belongs to."""


@dataclass(frozen=True, slots=True)
class Utterance:
    """One sentence to narrate."""

    id: str
    """Stable id: "title", "dateline" or "s<block>-<n>"; unique in the script, usable as an XML id."""
    text: str
    """The sentence as displayed (quotation marks included), for transcripts and highlighting."""
    spoken: str
    """The sentence as said: numbers, dates, abbreviations and symbols written out for the ear."""
    kind: str
    """The structure it belongs to, one of KINDS."""
    block: int
    """Index in doc.blocks of the top-level block it comes from; -1 for the title and dateline."""
    first: bool = True
    """True for the first sentence of its paragraph, heading, item or other block (a longer pause before it)."""
    level: int = 0
    """The heading level for headings, the list depth (from 1) for items, 0 otherwise."""


def script(doc: Document, lexicon: Lexicon | None = None) -> tuple[Utterance, ...]:
    """Every utterance of the document in reading order: title, dateline, then the sentences the model marks."""
    lexicon = lexicon or builtin()
    doc = with_marks(doc)
    title_id, dateline_id = header_ids(doc)
    meta = doc.meta
    result = [Utterance(title_id, meta.title, _say(meta.title, lexicon), "title", -1)]
    dateline = ", ".join(part for part in (meta.dateline, meta.date) if part)
    if dateline:
        result.append(Utterance(dateline_id, dateline, _say(dateline, lexicon), "dateline", -1))
    for index, block in enumerate(doc.blocks):
        for uid, text, spoken, kind, first, level in _block(block, lexicon, 0):
            result.append(Utterance(uid, text, spoken, kind, index, first, level))
    return tuple(result)


Piece = tuple[str, str, str, str, bool, int]
"""(id, text, spoken, kind, first, level) of one utterance of a block."""


def _say(text: str, lexicon: Lexicon) -> str:
    spoken = normalise(text, lexicon)
    # An item of a series ("...; and") leads on to the next one, as a reader's voice does.
    spoken = re.sub(r"[;,]\s*(and|or)$", r", \1", spoken)
    if not spoken or spoken[-1] in ".!?:" or re.search(r", (?:and|or)$", spoken):
        return spoken
    # A sentence without final punctuation (a heading, a list item) still ends with a fall in pitch.
    return spoken.rstrip(",;") + "."


def _sentences(
    content: tuple[Inline, ...], kind: str, lexicon: Lexicon, level: int = 0, prefix: str = ""
) -> Iterator[Piece]:
    marks = [node for node in content if isinstance(node, Sentence)]
    for position, sentence in enumerate(marks):
        # A sentence that ends inside a quotation holds the space after it too (see the sentences transform).
        text = plain_text(sentence).rstrip()
        spoken = _say(text, lexicon)
        if position == 0 and prefix:
            spoken = f"{prefix} {spoken}"
        yield sentence.id, text, spoken, kind, position == 0, level


def _block(block: Block, lexicon: Lexicon, depth: int, kind: str = "paragraph", prefix: str = "") -> Iterator[Piece]:
    match block:
        case Heading(level=level, content=content):
            yield from _sentences(content, "heading", lexicon, level)
        case Paragraph(content=content):
            yield from _sentences(content, kind, lexicon, depth, prefix)
        case List(items=items, ordered=ordered, start=start):
            for offset, item in enumerate(items):
                label = f"{cardinal(start + offset).capitalize()}." if ordered else ""
                yield from _block(item, lexicon, depth + 1, "item", label)
        case ListItem(blocks=blocks):
            for position, inner in enumerate(blocks):
                yield from _block(inner, lexicon, depth, kind, prefix if position == 0 else "")
        case Quote(blocks=blocks, attribution=attribution):
            for inner in blocks:
                yield from _block(inner, lexicon, depth, "quote")
            for sentence in (node for node in attribution if isinstance(node, Sentence)):
                who = plain_text(sentence)
                yield sentence.id, f"— {who}", _say(who, lexicon), "attribution", True, depth
        case Aside(blocks=blocks):
            for inner in blocks:
                yield from _block(inner, lexicon, depth, kind)
        case Figure(alt=alt, caption=caption, sentence_id=sentence_id):
            yield from _sentences(caption, "caption", lexicon, 0, "Picture:")
            if sentence_id:
                yield sentence_id, alt, f"Picture: {_say(alt, lexicon)}", "caption", True, 0
        case Table(caption=caption, head=head, rows=rows, row_sentence_ids=ids):
            yield from _sentences(caption, "caption", lexicon, 0, "Table:")
            for row, uid in zip(rows, ids, strict=False):
                if uid:
                    line = row_text(head, row)
                    yield uid, line, _say(line, lexicon), "table", True, 0
        case CodeBlock(text=text, sentence_id=sentence_id):
            if sentence_id:
                yield sentence_id, text, "A code example follows in the text.", "code", True, 0
        case Rule():
            return
