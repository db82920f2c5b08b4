"""The child edition: the document in plain language for readers aged 9 to 12, where that can be done safely.

Each sentence of running text goes through a few general operations on its parse (convert.plain.operations),
and a rewrite is kept only when it passes the verification (convert.plain.verify); otherwise the sentence stays
exactly as written, its hard words explained in "Words to know". The rewriting works on the text runs of the
inline tree (convert.plain.inlines), so links, emphasis, code, abbreviations and language spans survive.
Quotations, names, code, tables and block quotations are never rewritten.

The rules are English. A document in another language gets the child layout with its text as written, a note
saying it was not simplified and a warning; a passage in another language inside an English document is left
as written. The edition opens with "Key points" chosen from verified sentences and ends with "Words to know"
and a note on where to find help. Every block records the source block it came from, and every sentence the
operations tried on it, for the review page.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field, replace

from convert.errors import ConvertWarning
from convert.labels import has_label, label
from convert.language import detect_language
from convert.model import (
    Abbr,
    Aside,
    Block,
    Break,
    Document,
    Heading,
    Inline,
    List,
    ListItem,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
)
from convert.plain.inlines import Draft, Flat, flatten, rebuild
from convert.plain.operations import Context, Unit
from convert.plain.parse import is_complete, view
from convert.plain.quotes import QUOTE
from convert.plain.rewrite import (
    AS_WRITTEN_EXAMPLE,
    AS_WRITTEN_OTHER_LANGUAGE,
    Outcome,
    Step,
    rewrite,
    sentence_spans,
)
from convert.plain.verify import parts
from convert.plain.words import common_words, glossary, help_note, organisations, word_forms
from convert.readability import syllables
from convert.readability import words_of as sentence_words
from convert.transforms.sentences import unmark
from convert.walk import plain_text

CONSISTENCY_PASSES = 3
"""The most times the edition is made, each time keeping the hard words it replaced somewhere and kept elsewhere."""
SENTENCES_PER_PARAGRAPH = 3
"""Short paragraphs: a new one after this many sentences."""
KEY_POINTS = (2, 5)
"""The fewest and most key points; with fewer candidates than the fewest, there is no box."""
KEY_POINT_WORDS = (5, 18)
"""A key point has between this many words."""
KEY_POINT_SYLLABLES = 2.0
"""A key point has at most this many syllables a word: the box is read first, so it must read easily."""
KEY_POINT_SHARE = 0.25
"""A candidate scoring under this share of the best one is left out: fewer points rather than weak ones."""
TOPIC_WORDS = 8
"""A key point shares a word with the title or with this many most frequent content words of the document."""
MAX_GLOSSARY_TERMS = 12
"""The most words the "Words to know" box explains, in order of first use."""
SUBTITLE = "An easy-to-read version for young readers"
"""The subtitle of an edition with simplified sentences (never given to text left as written)."""
MIN_FOREIGN_LETTERS = 60
"""A paragraph of an English document with at least this many letters is checked for being in another language."""
STOP_WORDS = frozenset(
    "a an the and or but of to in on at for by with from as is are was were be been has have had it its this these "
    "that those they them their she he her his we our you your i not no also so very more most can will would said "
    "says say".split()
)
STARTS_OUT_OF_CONTEXT = re.compile(
    r"^(?:She|He|It|They|These|This|There(?=,)|That|Those|Her|His|Their|Its|Also|So|But|Then|However|Yet|And|Or"
    r"|Still|Such|Both|Each|Either|Neither|Other|Another|Here|For example|In fact|Of course|Even|Instead|Likewise"
    r"|Similarly|Otherwise|Meanwhile|Later|Finally|First|Second|Third|Next|Last|Again|Too|Therefore|Thus|Hence"
    r"|In particular|In addition|As a result|For this reason|On the other hand|In this case|At the same time"
    r"|In other words|By contrast|In contrast|As well|Besides|Nevertheless|Nonetheless|Moreover|Furthermore)\b"
)
"""A sentence that leans on the one before it ("So ...", "It ..."): no key point."""
LEANS_ON_CONTEXT = re.compile(
    r"\b(?:also|these|those|they|them|their|it|its|this|that|he|she|him|her|his|such|same|other|another|too)\b",
    re.IGNORECASE,
)
"""Words that point back ("add to their risk"): a key point must stand alone."""


@dataclass(frozen=True, slots=True)
class SentenceTrace:
    """One source sentence, the sentences of the edition made from it and how, for the review page."""

    block: int
    """Index of the source block (in Document.blocks) the sentence is in."""
    source: str
    """The sentence as written."""
    plain: tuple[str, ...]
    """The sentences (and list items) of the edition made from it."""
    steps: tuple[Step, ...] = ()
    """Every operation tried on it, with the verification's verdict."""
    reason: str = ""
    """Why it is left as written; "" when it was rewritten."""

    @property
    def rewritten(self) -> bool:
        """True when the edition says the sentence differently."""
        return not self.reason


@dataclass(frozen=True, slots=True)
class Simplified:
    """The child edition with what it came from."""

    doc: Document
    """The edition."""
    provenance: tuple[int | None, ...]
    """For each block of doc.blocks, the index of its source block; None for the boxes the edition adds."""
    trace: tuple[SentenceTrace, ...]
    """Every source sentence with its plain sentences, in order."""
    simplified: bool = True
    """False when the document is not in English and its text is kept as written."""


def simplify(doc: Document) -> Document:
    """The child edition of a document: plain language where it is safe, key points, words to know, help."""
    return simplify_with_trace(doc).doc


def simplify_with_provenance(doc: Document) -> tuple[Document, tuple[int | None, ...]]:
    """The child edition and, for each of its blocks, the index of the source block it came from (None if added)."""
    result = simplify_with_trace(doc)
    return result.doc, result.provenance


def simplify_paragraphs(doc: Document) -> str:
    """The plain version of a read English text (a list as "- " lines after its lead-in): convert.simplify_text."""
    doc = unmark(doc)
    state = _State(Context(doc.meta.abbreviations), dict(doc.meta.abbreviations), "en")
    blocks = [new for index, block in enumerate(doc.blocks) for new in _block(block, index, state)]
    lines: list[str] = []
    for block in blocks:
        match block:
            case Paragraph(content=content):
                lines.append(plain_text(content))
            case List(items=items):
                lines.extend(f"- {plain_text(item)}" for item in items)
    return "\n".join(lines) if any(isinstance(b, List) for b in blocks) else " ".join(lines)


@functools.lru_cache(maxsize=8)
def simplify_with_trace(doc: Document) -> Simplified:
    """The child edition, its provenance and the sentence-by-sentence trace (cached: a Document is hashable).

    A hard word the edition replaces in one place and keeps in another (in a quotation, an example, or where its
    entry does not hold) is kept everywhere: the edition is made again with it kept, at most CONSISTENCY_PASSES
    times.
    """
    # The operations work on the text as the reader made it: sentence marks, if any, come off first.
    doc = unmark(doc)
    if _primary(doc.meta.lang) != "en":
        return _as_written(doc)
    context = Context(doc.meta.abbreviations)
    for _ in range(CONSISTENCY_PASSES):
        result, swapped = _edition(doc, context)
        still = _still_written(result, swapped)
        if not still:
            break
        context = replace(context, kept=context.kept | still)
    return result


def _still_written(result: Simplified, swapped: frozenset[str]) -> frozenset[str]:
    """The replaced hard words that the edition's body still has somewhere, in any form."""
    if not swapped:
        return frozenset()
    body = tuple(b for b, origin in zip(result.doc.blocks, result.provenance, strict=True) if origin is not None)
    written = {w.lower() for w in re.findall(r"[A-Za-z]+", plain_text(body))}
    return frozenset(lemma for lemma in swapped if word_forms(lemma) & written)


def _edition(doc: Document, context: Context) -> tuple[Simplified, frozenset[str]]:
    """The edition made with a context, and the hard words its word swaps replaced."""
    state = _State(context, dict(doc.meta.abbreviations), doc.meta.lang)
    blocks: list[Block] = []
    provenance: list[int | None] = []
    example: int | None = None
    after_table = False
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            labelled = _example_heading(block)
            if example is not None and block.level <= example and not labelled:
                example = None
            if example is None and labelled:
                example = block.level
        elif _example_box(block):
            # A one-column table that only labels what follows ("| Dense text |"): an example up to the next
            # heading of any level.
            example = MAX_HEADING_LEVEL + 1
        table = _flattened_table(block)
        shown = example is not None or table or (after_table and isinstance(block, List))
        after_table = table or (after_table and isinstance(block, List))
        for new in _as_example(block, index, state) if shown else _block(block, index, state):
            blocks.append(new)
            provenance.append(index)
    body = tuple(blocks)
    before = _key_points(state, doc)
    after = tuple(b for b in (_words_to_know(state), _help(doc)) if b is not None)
    rewritten = any(t.rewritten for t in state.trace)
    subtitle = doc.meta.subtitle or (SUBTITLE if rewritten else "")
    edition = Document(
        meta=replace(doc.meta, subtitle=subtitle, description=""),
        blocks=_abbreviate((*before, *body, *after), dict(doc.meta.abbreviations)),
    )
    provenance_all = (None,) * len(before) + tuple(provenance) + (None,) * len(after)
    return Simplified(edition, provenance_all, tuple(state.trace)), frozenset(state.swapped)


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _as_written(doc: Document) -> Simplified:
    """A document in another language: the child layout, its text as written, and a note saying so."""
    lang = doc.meta.lang
    warnings.warn(
        f"the child edition simplifies English only; this document is in {lang!r}, so its text is kept as written",
        ConvertWarning,
        stacklevel=3,
    )
    text: Inline = Text(label("not-simplified", lang))
    if not has_label("not-simplified", lang):
        text = Span((text,), "en")
    note = Aside("note", (Paragraph((text,)),))
    trace = []
    for index, block in enumerate(doc.blocks):
        for paragraph in _paragraphs(block):
            flat = flatten(paragraph.content, lang)
            for start, end in sentence_spans(flat):
                sentence = flat.text[start:end].strip()
                trace.append(SentenceTrace(index, sentence, (sentence,), (), AS_WRITTEN_OTHER_LANGUAGE))
    return Simplified(
        Document(meta=replace(doc.meta, description=""), blocks=(note, *doc.blocks)),
        (None, *range(len(doc.blocks))),
        tuple(trace),
        simplified=False,
    )


EXAMPLE_HEADINGS = frozenset(
    {
        "after", "after revision", "bad", "bad example", "before", "before and after", "before revision",
        "better", "dense text", "don't", "don't say", "do not say", "first draft", "good", "good example",
        "if-then table", "instead of", "not this", "original", "original text", "original version",
        "plain language version", "revised", "revised text", "revised version", "rewritten", "sample",
        "samples", "say", "say this", "this", "try", "worse", "wrong",
    }
)  # fmt: skip
"""Headings that label an example in a document about writing ("Before", "Don't say"): what they head is
someone's text shown as written, and rewriting it would misquote it."""
EXAMPLE_WORD = r"(?:examples?|drafts?|samples?|templates?)"
"""Words that name someone's text shown to be copied or judged: an example, a draft, a sample, a template."""
EXAMPLE_HEADING = re.compile(rf"(?:an? |for |the )?{EXAMPLE_WORD}\b.*|.*\b{EXAMPLE_WORD}$")
"""A heading that begins or ends with such a word: "Example", "Example 2: a letter", "Two examples", "Draft 1",
"Draft contract language", "Sample language", "Template", "Letter template"."""


MAX_HEADING_LEVEL = 6
"""The deepest heading level of the model."""


def _example_label(content: tuple[Inline, ...]) -> bool:
    """True when a heading's or a label's text names an example ("Before", "Don't say", "Example 2")."""
    text = " ".join(plain_text(content).replace("’", "'").split()).strip(" :.").lower()
    return text in EXAMPLE_HEADINGS or bool(EXAMPLE_HEADING.fullmatch(text))


def _example_heading(heading: Heading) -> bool:
    """True when a heading labels an example: what follows, up to the next heading as high, is shown as written."""
    return _example_label(heading.content)


def _example_box(block: Block) -> bool:
    """True for a one-column table whose header names an example: it labels what follows it."""
    if not isinstance(block, Table) or not block.head:
        return False
    rows = (*block.head, *block.rows)
    return all(len(row) == 1 for row in rows) and _example_label(block.head[0][0])


def _flattened_table(block: Block) -> bool:
    """True for a paragraph that is a table written as text ("| Dense text | --- |", "If ... | and ... | then"):
    it is not running text, and the list right after it belongs to it."""
    if not isinstance(block, Paragraph):
        return False
    text = plain_text(block.content).strip()
    return text.startswith("|") or text.count(" | ") >= 2


def _as_example(block: Block, index: int, state: _State) -> list[Block]:
    """A block of an example, kept as written; its sentences are recorded, with the reason, for the review."""
    for paragraph in _paragraphs(block, headings=True):
        flat = flatten(paragraph.content, state.lang)
        for start, end in sentence_spans(flat):
            sentence = flat.text[start:end].strip()
            if sentence:
                state.trace.append(SentenceTrace(index, sentence, (sentence,), (), AS_WRITTEN_EXAMPLE))
    return [block]


def _paragraphs(block: Block, *, headings: bool = False) -> list[Paragraph]:
    match block:
        case Paragraph():
            return [block]
        case Heading(content=content) if headings:
            return [Paragraph(content)]
        case List(items=items):
            return [p for item in items for b in item.blocks for p in _paragraphs(b, headings=headings)]
        case Aside(blocks=blocks) | ListItem(blocks=blocks):
            return [p for b in blocks for p in _paragraphs(b, headings=headings)]
    return []


# Blocks ----------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    """What the transform has seen so far, in reading order."""

    context: Context
    expansions: dict[str, str]
    lang: str
    explained: set[str] = field(default_factory=set)
    """Abbreviations already explained (spelled out, and said what they are when well known)."""
    spelled: set[str] = field(default_factory=set)
    """Abbreviations already spelled out ("IOM stands for ...")."""
    candidates: list[tuple[tuple[Inline, ...], str, int]] = field(default_factory=list)
    """Sentences that may become key points: inlines, text, source block."""
    trace: list[SentenceTrace] = field(default_factory=list)
    words: list[tuple[str, str, str]] = field(default_factory=list)
    """Every word of the edition's running text: (lower case, dictionary form, part of speech)."""
    text: list[str] = field(default_factory=list)
    """The edition's running text, sentence by sentence, for the glossary's phrases."""
    swapped: set[str] = field(default_factory=set)
    """The hard words the word swaps replaced."""


def _block(block: Block, index: int, state: _State) -> list[Block]:
    match block:
        case Heading(content=content):
            flat = flatten(content, state.lang)
            if not flat.text.strip() or _foreign(flat):
                return [block]
            outcome = rewrite(flat, 0, len(flat.text), state.context, split=False)
            state.trace.append(_trace(index, outcome))
            state.swapped.update(outcome.swapped)
            new = rebuild(flat, outcome.units[0].text)
            return [replace(block, content=new)]
        case Paragraph(content=content):
            return _paragraph_blocks(content, index, state)
        case List(items=items):
            new_items = []
            for item in items:
                inner: list[Block] = []
                for sub in item.blocks:
                    inner.extend(_item(sub, index, state) if isinstance(sub, Paragraph) else _block(sub, index, state))
                new_items.append(ListItem(tuple(inner)))
            return [replace(block, items=tuple(new_items))]
        case Aside(kind=kind, blocks=inner) if kind != "notes":
            return [replace(block, blocks=tuple(b for sub in inner for b in _block(sub, index, state)))]
    # Block quotations, tables, figures, code and notes are someone's words or exact data: kept as they are.
    return [block]


def _foreign(flat: Flat) -> bool:
    """True when a paragraph of an English document is written in another language."""
    letters = sum(c.isalpha() for c in flat.text)
    return letters >= MIN_FOREIGN_LETTERS and _primary(detect_language(flat.text)) != "en"


def _outcomes(content: tuple[Inline, ...], index: int, state: _State) -> tuple[Flat, list[Outcome], list[bool]]:
    """The paragraph's flat string, the outcome of each sentence, and for each whether a line break (an address,
    a poem) comes before it."""
    flat = flatten(content, state.lang)
    foreign = _foreign(flat)
    spans = sentence_spans(flat)
    outcomes = [rewrite(flat, a, b, state.context, foreign=foreign) for a, b in spans]
    breaks = [False] + ["\n" in flat.text[spans[i - 1][1] : spans[i][0]] for i in range(1, len(spans))]
    for outcome in outcomes:
        state.trace.append(_trace(index, outcome))
        state.swapped.update(outcome.swapped)
    return flat, outcomes, breaks


def _trace(index: int, outcome: Outcome) -> SentenceTrace:
    plain = tuple(d.text for unit in outcome.units for d in parts(unit))
    return SentenceTrace(index, outcome.source.text, plain, outcome.steps, outcome.reason)


def _item(paragraph: Paragraph, index: int, state: _State) -> list[Block]:
    """A list item's paragraph: its sentences stay in one paragraph; a list made of one follows it."""
    flat, outcomes, breaks = _outcomes(paragraph.content, index, state)
    blocks: list[Block] = []
    inlines: list[Inline] = []
    for outcome, broken in zip(outcomes, breaks, strict=True):
        for position, unit in enumerate(outcome.units):
            for number, sentence in enumerate((unit.text, *_notes(unit, state))):
                new = rebuild(flat, sentence) if isinstance(sentence, Draft) else sentence
                inlines.extend(_spaced(inlines, new, broken and position == number == 0))
            _remember(unit, flat, state, False)
            if unit.items:
                blocks.append(Paragraph(tuple(inlines)))
                blocks.append(List(tuple(ListItem((Paragraph(rebuild(flat, i)),)) for i in unit.items)))
                inlines = []
    if inlines:
        blocks.append(Paragraph(tuple(inlines)))
    return blocks


def _paragraph_blocks(content: tuple[Inline, ...], index: int, state: _State) -> list[Block]:
    flat, outcomes, breaks = _outcomes(content, index, state)
    blocks: list[Block] = []
    inlines: list[Inline] = []
    count = 0
    # Lines of an address or a poem stay one paragraph, line by line.
    lines = any(breaks)

    def flush() -> None:
        nonlocal inlines, count
        if inlines:
            blocks.append(Paragraph(tuple(inlines)))
        inlines, count = [], 0

    for outcome, broken in zip(outcomes, breaks, strict=True):
        for position, unit in enumerate(outcome.units):
            notes = _notes(unit, state)
            if count and count + 1 + len(notes) > SENTENCES_PER_PARAGRAPH + 1 and not lines:
                flush()
            inlines.extend(_spaced(inlines, rebuild(flat, unit.text), broken and position == 0))
            count += 1
            _remember(unit, flat, state, eligible=position == 0)
            if unit.items:
                flush()
                blocks.append(List(tuple(ListItem((Paragraph(rebuild(flat, i)),)) for i in unit.items)))
            for note in notes:
                inlines.extend(_spaced(inlines, note))
                count += 1
            if count >= SENTENCES_PER_PARAGRAPH and not lines:
                flush()
    flush()
    return blocks


def _spaced(before: list[Inline], new: tuple[Inline, ...], line: bool = False) -> tuple[Inline, ...]:
    """New inlines after others, with a space between two sentences, or the source's line break."""
    if not before or not new:
        return new
    return (Break() if line else Text(" "), *new)


def _remember(unit: Unit, flat: Flat, state: _State, eligible: bool) -> None:
    """Note the unit's words for the glossary, and the sentence as a possible key point."""
    for draft in parts(unit):
        parsed = view(flat, draft)
        state.words.extend((t.lower_, t.lemma_.lower(), t.pos_) for t in parsed.doc if not t.is_punct)
        state.text.append(draft.text)
    if eligible and not unit.items:
        parsed = view(flat, unit.text)
        if is_complete(parsed.doc):
            state.candidates.append((rebuild(flat, unit.text), unit.text.text, 0))


def _notes(unit: Unit, state: _State) -> list[tuple[Inline, ...]]:
    """Sentences explaining the abbreviations the unit uses for the first time: "IOM stands for ..." unless
    the source spells it out, then "IOM is the part of the United Nations that ..." (from
    convert/data/organisations.toml, only for an organisation the source names with that abbreviation)."""
    text = " ".join(d.text for d in parts(unit))
    outside = QUOTE.sub("", text)
    said: list[tuple[Inline, ...]] = []
    for short in dict.fromkeys(re.findall(r"(?<![\w-])[A-Z][A-Za-z0-9-]*[A-Z0-9](?![\w-])", outside)):
        expansion = state.expansions.get(short, "")
        if short in state.explained or not expansion:
            continue
        state.explained.add(short)
        if short not in state.spelled and not re.search(re.escape(expansion), text, re.I):
            said.append((Text(f"{short} stands for {expansion}."),))
        state.spelled.add(short)
        known = organisations().get(short)
        if known is not None and known.named(expansion):
            said.extend((Text(f"{part}."),) for part in f"{short} is {known.about}".split(". "))
    return said


# Abbreviations ----------------------------------------------------------------


def _abbreviate(blocks: tuple[Block, ...], table: dict[str, str]) -> tuple[Block, ...]:
    """Mark known abbreviations in plain text runs as Abbr, so writers can expand them."""
    if not table:
        return blocks
    from convert.walk import map_blocks, map_inlines

    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")(?![\w-])"
    )

    def inline(node: Inline) -> Inline | tuple[Inline, ...]:
        if not isinstance(node, Text):
            return node
        pieces: list[Inline] = []
        cursor = 0
        for match in pattern.finditer(node.text):
            if match.start() > cursor:
                pieces.append(Text(node.text[cursor : match.start()]))
            pieces.append(Abbr(match[1], table[match[1]]))
            cursor = match.end()
        if cursor < len(node.text):
            pieces.append(Text(node.text[cursor:]))
        return tuple(pieces) if pieces else node

    def block(node: Block) -> Block:
        match node:
            case Heading(content=content) | Paragraph(content=content):
                return replace(node, content=map_inlines(content, inline))
        return node

    return map_blocks(blocks, block)


# Boxes -----------------------------------------------------------------------


def _key_points(state: _State, doc: Document) -> tuple[Block, ...]:
    """Up to five short sentences of the edition that stand alone and carry most of its content words.

    Candidates are complete sentences that passed verification (or stand as written), outside quotations, that
    do not lean on the sentence before them; the title's words count double, so the points say what the
    document is about. With fewer than two candidates there is no box.
    """
    title = set(_content_words(doc.meta.title))
    words_of = [set(_content_words(text)) for _, text, _ in state.candidates]
    weight = Counter(w for words in words_of for w in words)
    # A main fact is about what the document is about: its title's words and its most frequent content words.
    topics = title | {w for w, _ in weight.most_common(TOPIC_WORDS)}
    chosen_from = []
    for position, ((inlines, sentence, _), words) in enumerate(zip(state.candidates, words_of, strict=True)):
        count = len(sentence_words(sentence))
        if not KEY_POINT_WORDS[0] <= count <= KEY_POINT_WORDS[1] or STARTS_OUT_OF_CONTEXT.search(sentence):
            continue
        if QUOTE.search(sentence) or "“" in sentence or " stands for " in sentence or LEANS_ON_CONTEXT.search(sentence):
            continue
        if sentence.count("(") != sentence.count(")") or not sentence.rstrip().endswith(".") or not words & topics:
            continue
        ease = count / max(sum(syllables(w) for w in sentence_words(sentence)), 1)
        if ease < 1 / KEY_POINT_SYLLABLES:
            continue
        score = (sum(weight[w] for w in words) + 2 * len(words & title)) / (count**0.5) * ease
        chosen_from.append((score, position, inlines, words))
    if len(chosen_from) < KEY_POINTS[0]:
        return ()
    best = max(c[0] for c in chosen_from)
    chosen: list[tuple[int, tuple[Inline, ...], set[str]]] = []
    for score, position, inlines, words in sorted(chosen_from, key=lambda c: (-c[0], c[1])):
        if len(chosen) == KEY_POINTS[1] or score < KEY_POINT_SHARE * best:
            break
        if any(len(words & other) > 0.5 * len(words) for _, _, other in chosen):
            continue
        chosen.append((position, inlines, words))
    if len(chosen) < KEY_POINTS[0]:
        return ()
    chosen.sort(key=lambda c: c[0])
    items = tuple(ListItem((Paragraph(inlines),)) for _, inlines, _ in chosen)
    return (Aside("key-points", (Heading(2, (Text(label("key-points", state.lang)),)), List(items))),)


def _content_words(sentence: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", QUOTE.sub("", sentence).lower()) if w not in STOP_WORDS and len(w) > 2]


def _words_to_know(state: _State) -> Aside | None:
    """Definitions of the glossary's terms that the edition uses and that are not everyday words, in the part
    of speech the glossary defines them in."""
    terms = glossary()
    common = common_words()
    found: dict[str, tuple[int, str]] = {}
    text = " \n".join(state.text).lower()
    for term, definition in terms.phrases.items():
        match = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text)
        if match:
            found[term] = (match.start(), definition)
    covered = {w for term in found for w in term.split()}
    for position, (lower, lemma, pos) in enumerate(state.words, start=1):
        table = terms.nouns if pos == "NOUN" else terms.adjectives if pos == "ADJ" else {}
        key = lemma if lemma in table else lower if lower in table else ""
        if key and key not in found and key not in covered and lower not in covered:
            found[key] = (len(text) + position, table[key])
    chosen: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for term, (where, definition) in sorted(found.items(), key=lambda item: item[1][0]):
        if all(w in common for w in term.split()) or definition in seen:
            continue
        seen.add(definition)
        chosen.append((where, term, definition))
    chosen = sorted(chosen[:MAX_GLOSSARY_TERMS], key=lambda c: c[1])
    if not chosen:
        return None
    items = tuple(
        ListItem((Paragraph((Strong((Text(term),)), Text(f": {definition}"))),)) for _, term, definition in chosen
    )
    return Aside("glossary", (Heading(2, (Text(label("glossary", state.lang)),)), List(items)))


def _help(doc: Document) -> Aside | None:
    """The help note, when the publisher keeps it and the document touches one of its topics."""
    note = help_note()
    if not note.paragraphs:
        return None
    text = plain_text(doc).lower()
    if note.topics and not any(re.search(rf"\b{re.escape(t.lower())}", text) for t in note.topics):
        return None
    heading = Heading(2, (Text(label("help", doc.meta.lang)),))
    return Aside("help", (heading, *(Paragraph((Text(p),)) for p in note.paragraphs)))
