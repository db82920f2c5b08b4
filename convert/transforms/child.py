"""The child edition: the article in plain language for readers aged 8 to 12, keeping every fact and adding none.

Sentences are simplified with spaCy's parse (convert.plain.sentences); quotations are kept word for word or
made reported speech (convert.plain.quotes). The edition opens with "Key points" taken from the article and
ends with "Words to know" and a note on where to find help. Every block records the source block it came from.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from convert.labels import label
from convert.model import (
    Abbr,
    Aside,
    Block,
    Document,
    Heading,
    Inline,
    List,
    ListItem,
    Paragraph,
    Quote,
    Quoted,
    Strong,
    Text,
)
from convert.plain.quotes import QUOTE, report
from convert.plain.sentences import ITEM_TARGET_WORDS, TARGET_WORDS, Piece, nlp, plain_sentence, tidy
from convert.plain.words import abbreviation_notes, common_words, glossary, help_note
from convert.readability import syllables
from convert.readability import words_of as sentence_words
from convert.walk import plain_text

SENTENCES_PER_PARAGRAPH = 3
"""Short paragraphs: a new one after this many sentences."""
KEY_POINTS = (3, 5)
"""The fewest and most key points."""
KEY_POINT_WORDS = (5, 15)
"""A key point has between this many words."""
KEY_POINT_SYLLABLES = 1.8
"""A key point has at most this many syllables a word: the box is read first, so it must read easily."""
KEY_POINT_SHARE = 0.2
"""A candidate scoring under this share of the best one is left out: fewer points rather than weak ones."""
MAX_GLOSSARY_TERMS = 12
"""The most words the "Words to know" box explains, in order of first use."""
SUBTITLE = "An easy-to-read version for young readers"
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "these",
        "that",
        "those",
        "they",
        "them",
        "their",
        "she",
        "he",
        "her",
        "his",
        "we",
        "our",
        "you",
        "your",
        "i",
        "not",
        "no",
        "also",
        "so",
        "very",
        "more",
        "most",
        "can",
        "will",
        "would",
        "said",
        "says",
        "say",
    ]
)
NAME_WITH_ABBREVIATION = re.compile(
    r"(?:the )?(?P<name>[A-Z][\w-]*(?: (?:(?:of|for|on|and|the|against|in|to) )*[A-Z][\w-]*)+)"
    r" \((?P<short>[A-Z][A-Za-z]*[A-Z])\)"
)
"""A name followed by its abbreviation in brackets, in running text."""
LONG_NAME_WORDS = 8
"""A name of at least this many words is said once, in a sentence of its own, and called by its head noun."""
LONG_NAME = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][\w’'-]*(?: (?:(?:of|the|to|for|against|on|and|in) )*[A-Z][\w’'-]*)+)(?! ?\()"
)
"""A run of capitalised words joined by small words: a candidate long name ("Conference of the Parties to ...")."""
JOB_TITLE = re.compile(
    r"\b(?:Representative|Coordinator|Founder|Leader|Director|Specialist|Chair|President|Minister|Officer|Secretary"
    r"|Head|Manager|Advisor|Adviser|Ambassador|Commissioner|Envoy|Survivor|Spokesperson)\b"
)
"""Words of a job title: a title is shortened by the appositive rules, not said as a long name."""
STARTS_OUT_OF_CONTEXT = re.compile(
    r"^(?:She|He|It|They|These|This|There(?=,)|That|Those|Her|His|Their|Also|So|But|Then|However|Yet|And|Still"
    r"|For example|In fact|Of course|Even more|Most of all)\b|\b(?:it|them|this|that|also)\.$"
)
"""A sentence that leans on the one before it ("So ...", "... ask for it."): no key point."""
LEANS_ON_CONTEXT = re.compile(r"\b(?:also|these|those|they|them|their)\b", re.IGNORECASE)
"""Words that point back ("has also been published", "add to their risk"): a key point must stand alone."""


@dataclass(frozen=True, slots=True)
class SentenceTrace:
    """One source sentence and the plain sentences made from it, for the review page."""

    block: int
    """Index of the source block (in Document.blocks) the sentence is in."""
    source: str
    """The sentence as written."""
    plain: tuple[str, ...]
    """The sentences (and list items) of the edition made from it."""


@dataclass(frozen=True, slots=True)
class Simplified:
    """The child edition with what it came from."""

    doc: Document
    """The edition."""
    provenance: tuple[int | None, ...]
    """For each block of doc.blocks, the index of its source block; None for the boxes the edition adds."""
    trace: tuple[SentenceTrace, ...]
    """Every source sentence with its plain sentences, in order."""


def simplify(doc: Document) -> Document:
    """The child edition of a document: plain language, key points, words to know and a help note."""
    return simplify_with_trace(doc).doc


def simplify_with_provenance(doc: Document) -> tuple[Document, tuple[int | None, ...]]:
    """The child edition and, for each of its blocks, the index of the source block it came from (None if added)."""
    result = simplify_with_trace(doc)
    return result.doc, result.provenance


def simplify_text(text: str) -> str:
    """One paragraph in, its plain version out (a list as "- " lines after its lead-in)."""
    expansions = {m["short"]: m["name"] for m in NAME_WITH_ABBREVIATION.finditer(text)}
    state = _State(expansions=expansions, notes={}, names=tuple(f"{v} ({k})" for k, v in expansions.items()))
    pieces = [piece for _, pieces in _paragraph(text, state.names) for piece in pieces]
    lines: list[str] = []
    for piece in pieces:
        first, *notes = _explain(piece.text, state)
        lines.append(first)
        lines.extend(f"- {item}" for item in piece.items)
        lines.extend(notes)
    return "\n".join(lines) if any(p.items for p in pieces) else " ".join(lines)


@functools.lru_cache(maxsize=8)
def simplify_with_trace(doc: Document) -> Simplified:
    """The child edition, its provenance and the sentence-by-sentence trace (cached: a Document is hashable)."""
    expansions = dict(doc.meta.abbreviations)
    names = tuple(sorted({*expansions.values(), *(f"{v} ({k})" for k, v in expansions.items())}, key=len, reverse=True))
    state = _State(expansions=expansions, notes=abbreviation_notes(), names=names)
    blocks: list[Block] = []
    provenance: list[int | None] = []
    for index, block in enumerate(doc.blocks):
        for new in _block(block, index, state):
            blocks.append(new)
            provenance.append(index)
    body = tuple(blocks)
    boxes_before = _key_points(state.sentences, doc.meta.lang)
    boxes_after = tuple(b for b in (_words_to_know(body, doc.meta.lang), _help(doc, doc.meta.lang)) if b is not None)
    all_blocks = (*boxes_before, *body, *boxes_after)
    meta = replace(doc.meta, subtitle=doc.meta.subtitle or SUBTITLE, description="")
    edition = Document(meta=meta, blocks=_abbreviate(all_blocks, {**state.notes_used, **expansions}))
    provenance_all = (None,) * len(boxes_before) + tuple(provenance) + (None,) * len(boxes_after)
    return Simplified(edition, provenance_all, tuple(state.trace))


# Blocks ----------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    """What the transform has seen so far, in reading order."""

    expansions: dict[str, str]
    notes: dict[str, str]
    names: tuple[str, ...] = ()
    explained: set[str] = None  # type: ignore[assignment]
    notes_used: dict[str, str] = None  # type: ignore[assignment]
    sentences: list[tuple[str, int, bool]] = None  # type: ignore[assignment]
    trace: list[SentenceTrace] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.explained, self.notes_used, self.sentences, self.trace = set(), {}, [], []


def _block(block: Block, index: int, state: _State) -> list[Block]:
    match block:
        case Heading(content=content):
            text = _heading_text(plain_text(content))
            return [replace(block, content=(Text(text),))]
        case Paragraph(content=content):
            return _paragraph_blocks(plain_text(content), index, state)
        case List(items=items):
            new_items = []
            for item in items:
                inner: list[Block] = []
                for sub in item.blocks:
                    inner.extend(
                        _block(sub, index, state) if not isinstance(sub, Paragraph) else _item(sub, index, state)
                    )
                new_items.append(ListItem(tuple(inner)))
            return [replace(block, items=tuple(new_items))]
        case Aside(blocks=inner):
            return [replace(block, blocks=tuple(b for sub in inner for b in _block(sub, index, state)))]
        case Quote():
            # A block quotation is someone's words: kept exactly.
            return [block]
    return [block]


def _heading_text(text: str) -> str:
    pieces = plain_sentence(nlp()(text), split_it=False)
    plain = " ".join(p.text for p in pieces) or text
    return plain[:-1] if plain.endswith(".") and not text.endswith(".") else plain


def _item(paragraph: Paragraph, index: int, state: _State) -> list[Block]:
    """A list item's paragraph: its sentences stay in one paragraph."""
    source = plain_text(paragraph.content)
    blocks: list[Block] = []
    texts: list[str] = []
    for sentence, pieces in _paragraph(source, state.names, item=True):
        state.trace.append(SentenceTrace(index, sentence, _flatten(pieces)))
        for piece in pieces:
            texts.extend(_explain(piece.text, state))
            if piece.items:
                blocks.append(Paragraph(_inlines(" ".join(texts))))
                blocks.append(List(tuple(ListItem((Paragraph(_inlines(i)),)) for i in piece.items)))
                texts = []
    if texts:
        # An item is a fragment of a series; it keeps its own end rather than gaining a full stop.
        joined = " ".join(texts)
        if not re.search(r"[.!?:]$", source.strip()) and joined.endswith("."):
            joined = joined[:-1]
        blocks.append(Paragraph(_inlines(joined)))
    return blocks


def _paragraph_blocks(source: str, index: int, state: _State) -> list[Block]:
    blocks: list[Block] = []
    sentences: list[str] = []

    def flush() -> None:
        if sentences:
            blocks.append(Paragraph(_inlines(" ".join(sentences))))
            sentences.clear()

    for sentence, pieces in _paragraph(source, state.names):
        state.trace.append(SentenceTrace(index, sentence, _flatten(pieces)))
        for position, piece in enumerate(pieces):
            first, *notes = _explain(piece.text, state)
            state.sentences.append((first, index, position == 0))
            sentences.append(first)
            if notes and len(sentences) + len(notes) > SENTENCES_PER_PARAGRAPH + 1:
                flush()
            if piece.items:
                flush()
                blocks.append(List(tuple(ListItem((Paragraph(_inlines(item)),)) for item in piece.items)))
            sentences.extend(notes)
            if len(sentences) >= SENTENCES_PER_PARAGRAPH:
                flush()
    if source.rstrip().endswith(":") and sentences and sentences[-1].endswith("."):
        sentences[-1] = sentences[-1][:-1] + ":"
        if state.sentences and state.sentences[-1][1] == index:
            # A lead-in to a list is no key point: it ends in the middle of a thought.
            state.sentences[-1] = (state.sentences[-1][0], index, False)
    flush()
    return blocks


def _flatten(pieces: list[Piece]) -> tuple[str, ...]:
    return tuple(text for p in pieces for text in (p.text, *p.items))


def _paragraph(text: str, names: tuple[str, ...] = (), *, item: bool = False) -> list[tuple[str, list[Piece]]]:
    """Each source sentence of a paragraph with its plain pieces; names are never reworded or split.

    A list item is a fragment that reads on from its lead-in: it is split only when it is long.
    """
    doc = nlp()(text)
    result: list[tuple[str, list[Piece]]] = []
    for sentence in _sentences(doc):
        source = sentence.text.strip()
        if not source:
            continue
        reported = report(source)
        working = reported if reported is not None else source
        shortened, long_names = _shorten_long_names(working)
        single = nlp()(shortened if long_names else working)
        pieces = plain_sentence(single, names, target=ITEM_TARGET_WORDS if item else TARGET_WORDS)
        result.append((source, _with_full_names(pieces, long_names)))
    return result


def _shorten_long_names(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """The sentence with each long name outside quotations called by its head noun ("the conference").

    Returns the sentence and (short reference, full name) pairs; the full name is said in its own sentence.
    """
    quoted = [(m.start(), m.end()) for m in QUOTE.finditer(sentence)]
    found: list[tuple[str, str]] = []

    def shorten(match: re.Match[str]) -> str:
        name = match["name"]
        words = name.split()
        if len(words) < LONG_NAME_WORDS or match.start() == 0 or any(a <= match.start() < b for a, b in quoted):
            return name
        if JOB_TITLE.search(name) or re.search(r",\s*(?:the\s+)?$", sentence[: match.start()]):
            return name
        small = next((i for i, w in enumerate(words) if w[:1].islower()), len(words))
        head = words[max(small - 1, 0)].lower()
        if not head.isalpha():
            return name
        before = sentence[: match.start()]
        found.append((f"the {head}", name))
        return head if re.search(r"\b[Tt]he $", before) else f"the {head}"

    return LONG_NAME.sub(shorten, sentence), found


def _with_full_names(pieces: list[Piece], long_names: list[tuple[str, str]]) -> list[Piece]:
    """The pieces with "The conference's full name is ..." after the first piece that uses the short reference."""
    result = list(pieces)
    for short, name in long_names:
        position = next(
            (i for i, p in enumerate(result) if short in (p.text + " " + " ".join(p.items)).lower()), len(result) - 1
        )
        sentence = tidy(f"{short}’s full name is the {name}")
        result.insert(position + 1, Piece(sentence))
    return result


def _sentences(doc):
    """spaCy's sentences, joined where a quotation runs over a sentence boundary."""
    quotes = [(m.start(), m.end()) for m in QUOTE.finditer(doc.text)]
    merged = []
    start = None
    for sentence in doc.sents:
        begin = sentence.start if start is None else start
        end_char = sentence.end_char
        inside = any(q0 < end_char < q1 for q0, q1 in quotes)
        if inside:
            start = begin
            continue
        merged.append(doc[begin : sentence.end])
        start = None
    if start is not None:
        merged.append(doc[start:])
    return merged


# Abbreviations ----------------------------------------------------------------


def _explain(sentence: str, state: _State) -> list[str]:
    """The sentence, followed by a plain explanation of each abbreviation used for the first time."""
    result = [sentence]
    outside = QUOTE.sub("", sentence)
    for short in re.findall(r"(?<![\w-])[A-Z][A-Za-z0-9-]*[A-Z0-9](?![\w-])", outside):
        if short in state.explained:
            continue
        expansion = state.expansions.get(short, "")
        note = state.notes.get(short, "")
        if not expansion and not note:
            continue
        state.explained.add(short)
        if expansion and expansion not in sentence:
            result.append(tidy(f"{short} stands for {expansion}"))
        if note and note.lower().removeprefix("the ") != expansion.lower():
            state.notes_used[short] = expansion or note.split(". ")[0]
            # A note may be two short sentences ("OSCE is a group of countries. They work together ...").
            result.extend(tidy(part) for part in f"{short} is {note}".split(". "))
    return result


def _inlines(text: str) -> tuple[Inline, ...]:
    """Text with its quotations as Quoted nodes."""
    result: list[Inline] = []
    cursor = 0
    for match in QUOTE.finditer(text):
        if match.start() > cursor:
            result.append(Text(text[cursor : match.start()]))
        result.append(Quoted((Text(match[0][1:-1]),)))
        cursor = match.end()
    if cursor < len(text):
        result.append(Text(text[cursor:]))
    return tuple(result)


def _abbreviate(blocks: tuple[Block, ...], table: dict[str, str]) -> tuple[Block, ...]:
    """Mark known abbreviations as Abbr again, so writers can expand them."""
    if not table:
        return blocks
    from convert.walk import map_blocks, map_inlines

    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")(?![\w-])"
    )

    def inline(node: Inline) -> Inline | tuple[Inline, ...]:
        if not isinstance(node, Text):
            return node
        parts: list[Inline] = []
        cursor = 0
        for match in pattern.finditer(node.text):
            if match.start() > cursor:
                parts.append(Text(node.text[cursor : match.start()]))
            parts.append(Abbr(match[1], table[match[1]]))
            cursor = match.end()
        if cursor < len(node.text):
            parts.append(Text(node.text[cursor:]))
        return tuple(parts) if parts else node

    def block(node: Block) -> Block:
        match node:
            case Heading(content=content) | Paragraph(content=content):
                return replace(node, content=map_inlines(content, inline))
        return node

    return map_blocks(blocks, block)


# Boxes -----------------------------------------------------------------------


def _key_points(sentences: list[tuple[str, int, bool]], lang: str) -> tuple[Block, ...]:
    """3 to 5 short sentences of the edition that carry most of its content words, in reading order.

    Only the main sentence of each source sentence is a candidate: the others lean on it ("She said...").
    """
    words_of = [set(_content_words(s)) for s, _, _ in sentences]
    weight = Counter(w for words in words_of for w in words)
    candidates = []
    for position, ((sentence, _, main), words) in enumerate(zip(sentences, words_of, strict=True)):
        count = len(sentence.split())
        if not main or sentence.count("(") != sentence.count(")"):
            continue
        if not KEY_POINT_WORDS[0] <= count <= KEY_POINT_WORDS[1] or STARTS_OUT_OF_CONTEXT.search(sentence):
            continue
        if QUOTE.search(sentence) or " stands for " in sentence or sentence.endswith(":") or " is a " in sentence[:30]:
            continue
        if sentence.startswith("(") or sentence.count('"') % 2 or sentence.count("“") != sentence.count("”"):
            # An aside in brackets, or a sentence holding a stray quotation mark, is no point of its own.
            continue
        if LEANS_ON_CONTEXT.search(sentence):
            continue
        # A point a child reads easily is worth more: the score falls with the syllables a word.
        ease = count / max(sum(syllables(w) for w in sentence_words(sentence)), 1)
        if ease < 1 / KEY_POINT_SYLLABLES:
            continue
        score = sum(weight[w] for w in words) / (count**0.5) * ease + (2 if re.search(r"\d", sentence) else 0)
        candidates.append((score, position, sentence))
    if len(candidates) < KEY_POINTS[0]:
        return ()
    chosen: list[tuple[int, str]] = []
    best = max(c[0] for c in candidates)
    for score, position, sentence in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if len(chosen) == KEY_POINTS[1] or (len(chosen) >= KEY_POINTS[0] and score < KEY_POINT_SHARE * best):
            break
        # Skip a sentence that says much the same as one already chosen.
        if any(len(words_of[position] & words_of[p]) > 0.6 * len(words_of[position]) for p, _ in chosen):
            continue
        chosen.append((position, sentence))
    chosen.sort()
    items = tuple(ListItem((Paragraph(_inlines(s)),)) for _, s in chosen)
    return (Aside("key-points", (Heading(2, (Text(label("key-points", lang)),)), List(items))),)


def _content_words(sentence: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", QUOTE.sub("", sentence).lower()) if w not in STOP_WORDS and len(w) > 2]


def _words_to_know(blocks: tuple[Block, ...], lang: str) -> Aside | None:
    """Definitions of the glossary's words that the edition still uses and that are not everyday words."""
    text = plain_text(blocks).lower()
    found: list[tuple[int, str, str]] = []
    seen_definitions: set[str] = set()
    common = common_words()
    for term, definition in glossary().items():
        match = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text)
        if not match or all(w in common for w in term.split()) or definition in seen_definitions:
            continue
        seen_definitions.add(definition)
        found.append((match.start(), term, definition))
    # One entry a word: "survivors" is left out when "survivor" is explained.
    terms = {term for _, term, _ in found}
    found = [f for f in found if not (f[1].endswith("s") and f[1][:-1] in terms)]
    # Keep the longest of overlapping terms only when it has its own definition ("child trafficking").
    found.sort()
    chosen = sorted(found[:MAX_GLOSSARY_TERMS], key=lambda f: f[1])
    if not chosen:
        return None
    items = tuple(
        ListItem((Paragraph((Strong((Text(term),)), Text(f": {definition}"))),)) for _, term, definition in chosen
    )
    return Aside("glossary", (Heading(2, (Text(label("glossary", lang)),)), List(items)))


def _help(doc: Document, lang: str) -> Aside | None:
    """The help note, when the publisher keeps it and the article touches one of its topics."""
    note = help_note()
    if not note.paragraphs:
        return None
    text = plain_text(doc).lower()
    if note.topics and not any(re.search(rf"\b{re.escape(t.lower())}", text) for t in note.topics):
        return None
    heading = Heading(2, (Text(label("help", lang)),))
    return Aside("help", (heading, *(Paragraph((Text(p),)) for p in note.paragraphs)))
