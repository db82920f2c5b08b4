"""The inline tree as one string and back: the child edition rewrites text runs, and links, emphasis, code,
abbreviations and language spans survive.

A paragraph's inlines are flattened into one string (`Flat`): each character knows the containers it sits in
(link, emphasis, quotation, language span) and whether it belongs to an atomic node (code, abbreviation, line
break) or to a citation marker. A rewrite is a `Draft`: text whose every character records where it came from
(a character of the flat string, a replacement inheriting a character's formatting, or inserted text). `rebuild`
turns a draft back into inlines, so a sentence cut out of a link is still a link.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from convert.model import Abbr, Break, Code, Emph, Inline, Link, Quoted, Span, Strong, Text
from convert.plain.quotes import QUOTE
from convert.walk import plain_text

INSERTED = -1
"""Origin of a character that no source character stands behind (a verb added for an appositive, a full stop)."""
STAND_IN = 1 << 40
"""Origins below -2 - STAND_IN are inserted words that stand for a source word ("She" for "Ms. Komenda")."""

OPEN, CLOSE = "“", "”"
"""The marks a Quoted node shows in the flat string; rebuild drops them again (writers supply their own)."""

CITATION = re.compile(
    r"\[(?:\d+(?:\s*[-–,]\s*\d+)*|[a-z]|(?:note|nb|n) ?\d+|citation needed|clarification needed|dubious|"
    r"better source needed|verification needed|page needed|who\?|when\?|which\?|by whom\?|according to whom\?)\]",
    re.IGNORECASE,
)
"""A citation or editorial marker written in the text: "[12]", "[3–5]", "[a]", "[citation needed]"."""
NOTE_LINK_TEXT = re.compile(r"\[?\d+\]?|\[[a-z]\]|[*†‡]")
"""The text of a link that is a note reference ("[1]", "2", "*")."""

# Flags of a flat character.
FIXED = 1
"""No word is replaced here and no cut falls inside: a quotation, code, an abbreviation, a link, emphasis,
text in another language."""
MARKER = 2
"""A citation marker: left out of the parse, kept with the word before it, never split on."""
QUOTED = 4
"""Inside a quotation (marks included)."""
FOREIGN = 8
"""Inside a passage marked as another language."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """A run of the flat string with one formatting: its containers and, for atomic nodes, the node."""

    start: int
    """First character, in the flat string."""
    end: int
    """One past the last character."""
    path: tuple[tuple[Inline, int], ...]
    """The containers around it, outermost first, each as an empty shell and a number unique in the paragraph."""
    node: Inline | None = None
    """The atomic node (Code, Abbr, Break) the run shows; None for text; Quoted() for a quotation mark."""


@dataclass(frozen=True, slots=True)
class Flat:
    """A paragraph's inlines as one string, with where each character comes from."""

    text: str
    """The characters a reader sees, quotation marks included."""
    leaves: tuple[Leaf, ...]
    """The runs of the string, in order, covering it."""
    flags: bytes
    """One byte of FIXED, MARKER, QUOTED, FOREIGN flags per character."""
    starts: tuple[int, ...] = ()
    """The start of each leaf, for finding the leaf of a character."""

    def leaf_at(self, index: int) -> Leaf:
        """The run holding a character."""
        position = bisect.bisect_right(self.starts, index) - 1
        return self.leaves[max(position, 0)]


def flatten(inlines: tuple[Inline, ...], lang: str = "en") -> Flat:
    """The flat string of some inlines; lang is the language around them (a Span of another marks FOREIGN)."""
    parts: list[str] = []
    leaves: list[Leaf] = []
    flags: list[int] = []
    counter = [0]
    length = [0]

    def add(text: str, path: tuple[tuple[Inline, int], ...], node: Inline | None, flag: int) -> None:
        if not text:
            return
        start = length[0]
        length[0] += len(text)
        parts.append(text)
        leaves.append(Leaf(start, start + len(text), path, node))
        flags.extend([flag] * len(text))

    def visit(nodes: tuple[Inline, ...], path: tuple[tuple[Inline, int], ...], flag: int, language: str) -> None:
        for node in nodes:
            counter[0] += 1
            number = counter[0]
            match node:
                case Text(text=text):
                    add(text, path, None, flag)
                case Code(text=text):
                    add(text, path, node, flag | FIXED)
                case Abbr(text=text):
                    add(text, path, node, flag | FIXED)
                case Break():
                    add("\n", path, node, flag | FIXED)
                case Quoted(content=content):
                    shell = ((Quoted(()), number),)
                    add(OPEN, path + shell, Quoted(()), flag | FIXED | QUOTED)
                    visit(content, path + shell, flag | FIXED | QUOTED, language)
                    add(CLOSE, path + shell, Quoted(()), flag | FIXED | QUOTED)
                case Link(content=content, url=url):
                    marker = MARKER if url.startswith("#") and NOTE_LINK_TEXT.fullmatch(_text(content)) else 0
                    visit(content, (*path, (Link((), url), number)), flag | FIXED | marker, language)
                case Emph(content=content):
                    visit(content, (*path, (Emph(()), number)), flag | FIXED, language)
                case Strong(content=content):
                    visit(content, (*path, (Strong(()), number)), flag | FIXED, language)
                case Span(content=content, lang=inner):
                    foreign = FOREIGN | FIXED if _primary(inner) != _primary(lang) else 0
                    visit(content, (*path, (Span((), inner), number)), flag | foreign, inner)

    visit(inlines, (), 0, lang)
    text = "".join(parts)
    for match in CITATION.finditer(text):
        for index in range(match.start(), match.end()):
            flags[index] |= MARKER | FIXED
    # Quotation marks typed in the text quote someone as much as a Quoted node does.
    for match in QUOTE.finditer(text):
        for index in range(match.start(), match.end()):
            flags[index] |= QUOTED | FIXED
    return Flat(text, tuple(leaves), bytes(flags), tuple(leaf.start for leaf in leaves))


def _text(inlines: tuple[Inline, ...]) -> str:
    return plain_text(inlines)


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True, slots=True)
class Draft:
    """Text being written for the edition, with the origin of every character.

    An origin >= 0 is a character of the flat string kept as it is; INSERTED is new text; -2 - i is a
    replacement for text that stood at flat character i, and inherits its formatting; -2 - STAND_IN - i is an
    inserted word standing for the word at flat character i (a pronoun for a name), without its formatting.
    """

    text: str
    """The characters."""
    origin: tuple[int, ...]
    """One origin per character."""

    @staticmethod
    def of(flat: Flat, start: int, end: int) -> Draft:
        """Characters start..end of a flat string, kept."""
        return Draft(flat.text[start:end], tuple(range(start, end)))

    @staticmethod
    def new(text: str) -> Draft:
        """Inserted text."""
        return Draft(text, (INSERTED,) * len(text))

    @staticmethod
    def standing_for(text: str, source: int) -> Draft:
        """Inserted text that stands for the word at flat character source ("She" for a name)."""
        return Draft(text, (-2 - STAND_IN - source,) * len(text))

    def __add__(self, other: Draft) -> Draft:
        return Draft(self.text + other.text, self.origin + other.origin)

    def __getitem__(self, key: slice) -> Draft:
        return Draft(self.text[key], self.origin[key])

    def __len__(self) -> int:
        return len(self.text)

    def replace(self, start: int, end: int, text: str) -> Draft:
        """The draft with characters start..end replaced by text, which takes the formatting of the first."""
        anchor = next((formatting(o) for o in self.origin[start:end] if formatting(o) >= 0), INSERTED)
        mark = INSERTED if anchor < 0 else -2 - anchor
        return Draft(
            self.text[:start] + text + self.text[end:],
            self.origin[:start] + (mark,) * len(text) + self.origin[end:],
        )

    def strip(self) -> Draft:
        """The draft without spaces at either end."""
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self[start:end]


def formatting(origin: int) -> int:
    """The flat character whose formatting a draft character takes (kept or replaced), or INSERTED."""
    if origin >= 0:
        return origin
    return -2 - origin if -2 - STAND_IN < origin <= -2 else INSERTED


def identity(origin: int) -> int:
    """The flat character a draft character stands for (kept, replaced or standing in), or INSERTED."""
    if origin >= 0:
        return origin
    if origin == INSERTED:
        return INSERTED
    return -2 - origin if origin > -2 - STAND_IN else -2 - STAND_IN - origin


def is_kept(origin: int) -> bool:
    """True for a character kept from the source as it is."""
    return origin >= 0


def join(*drafts: Draft) -> Draft:
    """Drafts joined by single spaces, with no space before closing punctuation or after an opening bracket."""
    result = Draft("", ())
    for draft in drafts:
        draft = draft.strip()
        if not draft.text:
            continue
        if result.text and not re.match(r"[,.;:!?)\]”’]", draft.text) and not re.search(r"[(\[“‘]$", result.text):
            result = result + Draft.new(" ")
        result = result + draft
    return result


def rebuild(flat: Flat, draft: Draft) -> tuple[Inline, ...]:
    """The inlines of a draft: kept text in its containers, atomic nodes whole, quotation marks as Quoted."""
    items: list[tuple[tuple[tuple[Inline, int], ...], Inline]] = []
    emitted: set[int] = set()
    for char, origin in zip(draft.text, draft.origin, strict=True):
        source = formatting(origin)
        if source < 0:
            items.append(((), Text(char)))
            continue
        leaf = flat.leaf_at(source)
        if isinstance(leaf.node, Quoted):
            # A quotation mark: the Quoted container shows it.
            items.append((leaf.path, Text("")))
            continue
        if leaf.node is not None and origin >= 0:
            if leaf.start not in emitted:
                emitted.add(leaf.start)
                items.append((leaf.path, leaf.node))
            continue
        items.append((leaf.path, Text(char)))
    return _tree(items)


def _tree(items: list[tuple[tuple[tuple[Inline, int], ...], Inline]]) -> tuple[Inline, ...]:
    """Nest (path, inline) items into containers, merging neighbouring text."""
    result: list[Inline] = []
    index = 0
    while index < len(items):
        path, node = items[index]
        if not path:
            if isinstance(node, Text):
                if node.text:
                    if result and isinstance(result[-1], Text):
                        result[-1] = Text(result[-1].text + node.text)
                    else:
                        result.append(node)
            else:
                result.append(node)
            index += 1
            continue
        head = path[0]
        group: list[tuple[tuple[tuple[Inline, int], ...], Inline]] = []
        while index < len(items) and items[index][0][:1] == (head,):
            group.append((items[index][0][1:], items[index][1]))
            index += 1
        content = _tree(group)
        shell = head[0]
        match shell:
            case Quoted():
                result.append(Quoted(content))
            case Link(url=url):
                if content:
                    result.append(Link(content, url))
            case Emph():
                if content:
                    result.append(Emph(content))
            case Strong():
                if content:
                    result.append(Strong(content))
            case Span(lang=lang):
                if content:
                    result.append(Span(content, lang))
    return tuple(result)
