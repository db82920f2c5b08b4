"""Document -> utterances: one per sentence, each with a stable id, the text to show and the text to say.

This is a public API. The audio writer speaks the utterances; the EPUB writer can wrap each sentence
in an element whose id is the utterance's id and point its Media Overlay at the narration's timings
(see convert.writers.audio.narrate).

Ids are stable: "title" and "dateline" for the metadata lines, and "s<block>-<n>" for the n-th
sentence (from 1) of doc.blocks[block], counting through nested lists, quotes and boxes in reading order.
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
    List,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
)
from convert.speech.lexicon import Lexicon, builtin
from convert.speech.normalise import cardinal, normalise
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


# Words after which a full stop does not end a sentence.
NO_BREAK_AFTER = frozenset(
    [
        "mr",
        "ms",
        "mrs",
        "mx",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "rev",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "hon",
        "mt",
        "no",
        "nos",
        "vs",
        "cf",
        "fig",
        "figs",
        "approx",
        "ca",
        "vol",
        "pp",
        "p",
        "ed",
        "eds",
        "dept",
        "est",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "art",
        "para",
        "etc",
    ]
)
NUMBERED = frozenset(
    "war part chapter phase volume book act title section article stage level grade type class king queen pope "
    "henry george edward elizabeth charles".split()
)
"""Words a Roman numeral follows ("World War I", "Part V"): a single capital after them is a number, not an
initial, so its full stop ends the sentence."""
BREAK = re.compile(r"(?P<end>[.!?…]+)(?P<close>[”’\"')\]]*)(?P<space>\s+)(?=[“‘\"'(\[]?[A-Z0-9À-Þ])")
TOKEN_BEFORE = re.compile(r"(?P<token>[\w.]+)$")


def sentences(text: str) -> list[str]:
    """Split text into sentences, not at titles ("Ms."), abbreviations ("U.S.", "e.g."), initials or decimals."""
    result: list[str] = []
    start = 0
    for line in text.split("\n"):
        start = 0
        for match in BREAK.finditer(line):
            if match["end"] == "." and not _ends_sentence(line[start : match.start()]):
                continue
            result.append(line[start : match.end("close")].strip())
            start = match.end()
        result.append(line[start:].strip())
    return [s for s in result if s]


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


def script(doc: Document, lexicon: Lexicon | None = None) -> tuple[Utterance, ...]:
    """Every utterance of the document in reading order: title, dateline, then the blocks."""
    lexicon = lexicon or builtin()
    result: list[Utterance] = []
    meta = doc.meta
    result.append(Utterance("title", meta.title, _say(meta.title, lexicon), "title", -1))
    dateline = ", ".join(part for part in (meta.dateline, meta.date) if part)
    if dateline:
        result.append(Utterance("dateline", dateline, _say(dateline, lexicon), "dateline", -1))
    for index, block in enumerate(doc.blocks):
        for number, (text, spoken, kind, first, level) in enumerate(_block(block, lexicon, 0), start=1):
            result.append(Utterance(f"s{index}-{number}", text, spoken, kind, index, first, level))
    return tuple(result)


Piece = tuple[str, str, str, bool, int]


def _say(text: str, lexicon: Lexicon) -> str:
    spoken = normalise(text, lexicon)
    # An item of a series ("...; and") leads on to the next one, as a reader's voice does.
    spoken = re.sub(r"[;,]\s*(and|or)$", r", \1", spoken)
    if not spoken or spoken[-1] in ".!?:" or re.search(r", (?:and|or)$", spoken):
        return spoken
    # A sentence without final punctuation (a heading, a list item) still ends with a fall in pitch.
    return spoken.rstrip(",;") + "."


def _split(text: str, kind: str, lexicon: Lexicon, level: int = 0, prefix: str = "") -> Iterator[Piece]:
    for position, sentence in enumerate(sentences(text)):
        spoken = _say(sentence, lexicon)
        if position == 0 and prefix:
            spoken = f"{prefix} {spoken}"
        yield sentence, spoken, kind, position == 0, level


def _block(block: Block, lexicon: Lexicon, depth: int, kind: str = "paragraph", prefix: str = "") -> Iterator[Piece]:
    match block:
        case Heading(level=level):
            yield from _split(plain_text(block), "heading", lexicon, level)
        case Paragraph():
            yield from _split(plain_text(block), kind, lexicon, depth, prefix)
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
            who = plain_text(attribution)
            if who:
                yield f"— {who}", _say(who, lexicon), "attribution", True, depth
        case Aside(blocks=blocks):
            for inner in blocks:
                yield from _block(inner, lexicon, depth, kind)
        case Figure(alt=alt, caption=caption, decorative=decorative):
            shown = plain_text(caption) or ("" if decorative else alt)
            yield from _split(shown, "caption", lexicon, 0, "Picture:")
        case Table(caption=caption, head=head, rows=rows):
            if caption:
                yield from _split(plain_text(caption), "caption", lexicon, 0, "Table:")
            names = [plain_text(cell) for cell in head[-1]] if head else []
            for row in rows:
                cells = [plain_text(cell) for cell in row]
                pairs = [f"{n}: {c}" if n else c for n, c in zip(names or [""] * len(cells), cells, strict=False)]
                line = "; ".join(p for p in pairs if p.strip(": "))
                if line:
                    yield line, _say(line, lexicon), "table", True, 0
        case CodeBlock(text=text):
            if text.strip():
                yield text, "A code example follows in the text.", "code", True, 0
        case Rule():
            return
