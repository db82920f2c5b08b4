"""Reader for loose plain-text articles: structure is found by the shape of the lines, not by markup."""

from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from convert.errors import ConvertWarning
from convert.language import detect_language
from convert.limits import MAX_TITLE_CHARS
from convert.model import Abbr, Block, Document, Heading, Inline, List, ListItem, Meta, Paragraph, Quoted, Text
from convert.registry import Reader
from convert.source import clean_text
from convert.transforms.prepare import short_title

BULLET = re.compile(r"^(?P<indent> *)(?P<marker>[-*•–—‣◦▪]|\d{1,3}[.)])[ \t]+(?P<text>\S.*)$")
UNDERLINE = re.compile(r"^ *(?P<char>[=-])(?P=char){2,} *$")
SENTENCE_END = ".!?:;,…\"”’'"
# A list item of an unmarked series ends like this: "...; and", "...,", "...; or".
SERIES_ITEM_END = re.compile(r"(?:[;,]|[;,] (?:and|or|and/or))$")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
DAY_MONTH_YEAR = rf"\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS})\.?,? \d{{4}}"
MONTH_DAY_YEAR = rf"(?:{MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
DATE = rf"(?:{DAY_MONTH_YEAR}|{MONTH_DAY_YEAR}|\d{{4}}-\d{{2}}-\d{{2}})"
PLACE = r"[A-ZÀ-Þ][\w.'’-]*(?:[ /][A-ZÀ-Þ(][\w.'’()-]*){0,3}"
DATELINE = re.compile(rf"^(?P<place>{PLACE})(?:,? (?P<date>{DATE}))?(?: *[-–—] *(?P<rest>.*))?$")
# Section names that can follow a title but are never a place.
SECTION_WORDS = frozenset(
    "abstract background contents conclusion conclusions foreword introduction overview preface summary".split()
)
ACRONYM_DEFINITION = re.compile(r"\((?P<short>[A-Z][A-Za-z0-9&]*[A-Z0-9](?:-[A-Z0-9]+)?)\)")
HEADING_MAX_WORDS = 15
HEADING_MAX_CHARS = 120


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank source line with its number (1-based) and the blank lines around it."""

    text: str
    number: int
    blank_before: bool


def read(text: str, *, origin: Path | None = None) -> Document:
    """Read a loose plain-text article into a Document."""
    lines = _lines(clean_text(text))
    if not lines:
        from convert.errors import InputError

        raise InputError("is empty: there is nothing to convert", path=origin)
    title, lines = _title(lines)
    dateline, date, lines = _dateline(lines)
    wrapped = _is_hard_wrapped(lines)
    state = InlineState()
    blocks = _blocks(lines, wrapped, state)
    lang = detect_language(text)
    meta = Meta(title=title, lang=lang, dateline=dateline, date=date, abbreviations=tuple(state.abbreviations.items()))
    return Document(meta=meta, blocks=tuple(blocks))


def _lines(text: str) -> list[Line]:
    result: list[Line] = []
    blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.expandtabs(4).rstrip()
        if not line.strip():
            blank = True
            continue
        result.append(Line(line, number, blank))
        blank = False
    return result


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _title(lines: list[Line]) -> tuple[str, list[Line]]:
    title = _collapse(lines[0].text)
    if len(title) > MAX_TITLE_CHARS:
        # A first line this long is text, not a title: it stays in the body, and the title is its first words.
        warnings.warn(
            f"line 1 is {len(title):,} characters long, too long for a title: the title is its first words, "
            "and the line is read as text",
            ConvertWarning,
            stacklevel=3,
        )
        return short_title(title), lines
    rest = lines[1:]
    if rest and not rest[0].blank_before and UNDERLINE.match(rest[0].text):
        rest = rest[1:]
    return title.lstrip("# ").strip() or title, rest


def _dateline(lines: list[Line]) -> tuple[str, str, list[Line]]:
    """Find "Vienna", "GENEVA, 3 March 2025 –" or "GENEVA, 3 March 2025 – The text..." after the title."""
    if not lines:
        return "", "", lines
    first = lines[0]
    match = DATELINE.match(first.text.strip())
    if not match:
        return "", "", lines
    place, date, rest = match["place"], match["date"] or "", match["rest"]
    dashed = match["rest"] is not None
    words = place.split()
    next_is_text = len(lines) > 1 and not BULLET.match(lines[1].text) and not _heading_shaped(lines[1].text)
    looks_like_place = (
        date
        or dashed
        or place.isupper()
        or (len(words) <= 3 and place.lower() not in SECTION_WORDS and next_is_text and not place.endswith("."))
    )
    if not looks_like_place:
        return "", "", lines
    remaining = lines[1:]
    if rest:
        remaining = [Line(rest, first.number, first.blank_before), *remaining]
    return place.rstrip(","), date, remaining


def _heading_shaped(text: str) -> bool:
    """A short line that does not end like a sentence and starts like a title."""
    text = text.strip()
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(text) <= HEADING_MAX_CHARS
        and text[-1] not in SENTENCE_END
        and (text[0].isupper() or text[0].isdigit())
        and any(c.isalpha() for c in text)
        and not BULLET.match(text)
    )


def _is_hard_wrapped(lines: list[Line]) -> bool:
    """True when paragraphs run over several lines: a line ending mid-sentence followed by a lower-case one."""
    for line, following in itertools.pairwise(lines):
        if following.blank_before or BULLET.match(line.text) or BULLET.match(following.text):
            continue
        if line.text.rstrip()[-1] not in SENTENCE_END and following.text.lstrip()[:1].islower():
            return True
    return False


def _blocks(lines: list[Line], wrapped: bool, state: InlineState) -> list[Block]:
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following and not following.blank_before and UNDERLINE.match(following.text):
            level = 2 if following.text.strip()[0] == "=" else 3
            blocks.append(Heading(level, state.inlines(_collapse(text))))
            index += 2
            continue
        if BULLET.match(line.text):
            items, index = _bullet_run(lines, index, wrapped)
            blocks.append(_nested_list(items, state))
            continue
        if text.endswith(":") and following and not BULLET.match(following.text):
            series, after = _unmarked_series(lines, index + 1)
            if series:
                blocks.append(Paragraph(state.inlines(_collapse(text))))
                blocks.append(List(tuple(ListItem((Paragraph(state.inlines(item)),)) for item in series)))
                index = after
                continue
        if _is_heading(lines, index, wrapped):
            blocks.append(Heading(2, state.inlines(_collapse(text))))
            index += 1
            continue
        paragraph, index = _paragraph(lines, index, wrapped)
        blocks.append(Paragraph(state.inlines(paragraph)))
    return blocks


def _is_heading(lines: list[Line], index: int, wrapped: bool) -> bool:
    line = lines[index]
    if not _heading_shaped(line.text) or index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    if not wrapped:
        return True
    # In hard-wrapped text a heading stands alone, or is clearly shorter than the capitalised line after it.
    if following.blank_before:
        return line.blank_before or index == 0
    return following.text.lstrip()[:1].isupper() and len(line.text.strip()) < 0.6 * len(following.text.strip())


def _paragraph(lines: list[Line], index: int, wrapped: bool) -> tuple[str, int]:
    parts = [lines[index].text.strip()]
    index += 1
    if wrapped:
        while index < len(lines) and not lines[index].blank_before and not BULLET.match(lines[index].text):
            if UNDERLINE.match(lines[index].text) or (
                index + 1 < len(lines) and UNDERLINE.match(lines[index + 1].text) and not lines[index + 1].blank_before
            ):
                break
            parts.append(lines[index].text.strip())
            index += 1
    return _collapse(" ".join(parts)), index


@dataclass(frozen=True, slots=True)
class _Item:
    indent: int
    ordered: bool
    start: int
    text: str


def _bullet_run(lines: list[Line], index: int, wrapped: bool) -> tuple[list[_Item], int]:
    """Consecutive bullet lines (blank lines between items allowed), with wrapped continuation lines."""
    items: list[_Item] = []
    while index < len(lines):
        match = BULLET.match(lines[index].text)
        if not match:
            break
        marker = match["marker"]
        parts = [match["text"].strip()]
        index += 1
        while (
            wrapped
            and index < len(lines)
            and not lines[index].blank_before
            and not BULLET.match(lines[index].text)
            and lines[index].text.startswith(" ")
        ):
            parts.append(lines[index].text.strip())
            index += 1
        ordered = marker[0].isdigit()
        items.append(
            _Item(len(match["indent"]), ordered, int(marker[:-1]) if ordered else 1, _collapse(" ".join(parts)))
        )
    return items, index


def _nested_list(items: list[_Item], state: InlineState) -> List:
    """Build a list tree from items, deeper indentation nesting under the item before it."""
    built, _ = _list_at(items, 0, state)
    return built


def _list_at(items: list[_Item], index: int, state: InlineState) -> tuple[List, int]:
    level = items[index].indent
    first = items[index]
    entries: list[ListItem] = []
    while index < len(items) and items[index].indent >= level:
        item = items[index]
        index += 1
        content: list[Block] = [Paragraph(state.inlines(item.text))]
        if index < len(items) and items[index].indent > level:
            sub, index = _list_at(items, index, state)
            content.append(sub)
        entries.append(ListItem(tuple(content)))
    return List(tuple(entries), ordered=first.ordered, start=first.start), index


def _unmarked_series(lines: list[Line], index: int) -> tuple[list[str], int]:
    """Lines after "...:" that form a series ("a;", "b; and", "c.") even without bullets."""
    series: list[str] = []
    while index < len(lines) and (not lines[index].blank_before or not series):
        text = lines[index].text.strip()
        if SERIES_ITEM_END.search(text):
            series.append(_collapse(text))
            index += 1
            continue
        if series and text.endswith("."):
            series.append(_collapse(text))
            index += 1
        break
    return (series, index) if len(series) >= 2 else ([], index)


# Inlines: quoted speech and abbreviations --------------------------------------------


class InlineState:
    """Abbreviations defined so far while reading the document in order."""

    def __init__(self) -> None:
        self.abbreviations: dict[str, str] = {}
        self._uses: re.Pattern[str] | None = None

    def inlines(self, text: str) -> tuple[Inline, ...]:
        """The inlines of a text run: quoted speech as Quoted, defined abbreviations as Abbr."""
        result: list[Inline] = []
        for quoted, segment in _split_quotes(text):
            parts = self._abbreviate(segment)
            if quoted:
                result.append(Quoted(_merge_text(parts)))
            else:
                result.extend(parts)
        return _merge_text(result)

    def define(self, short: str, expansion: str) -> None:
        """Learn an abbreviation, so its later uses become Abbr."""
        self.abbreviations.setdefault(short, expansion)
        names = sorted(self.abbreviations, key=len, reverse=True)
        self._uses = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")

    def _abbreviate(self, text: str) -> list[Inline]:
        """Text with later uses of defined abbreviations as Abbr; definitions "Long Name (ACR)" are learnt."""
        result: list[Inline] = []
        cursor = 0
        while cursor < len(text):
            definition = ACRONYM_DEFINITION.search(text, cursor)
            use = self._uses.search(text, cursor) if self._uses else None
            if definition and (use is None or definition.start() < use.start()):
                short = definition["short"]
                expansion = long_form(short, text[: definition.start()])
                if expansion and short not in self.abbreviations:
                    self.define(short, expansion)
                    result.append(Text(text[cursor : definition.end()]))
                    cursor = definition.end()
                    continue
                if use is None or use.start() > definition.end():
                    result.append(Text(text[cursor : definition.end()]))
                    cursor = definition.end()
                    continue
            if use is None:
                break
            result.append(Text(text[cursor : use.start()]))
            result.append(Abbr(use[1], self.abbreviations[use[1]]))
            cursor = use.end()
        result.append(Text(text[cursor:]))
        return result


def long_form(short: str, before: str) -> str:
    """The words before "(ACR)" that ACR abbreviates (Schwartz & Hearst, 2003), or "" if none match."""
    letters = [c.lower() for c in short if c.isalnum()]
    words = before.rstrip().split()
    window = min(len(letters) + 5, len(letters) * 2)
    candidate = " ".join(words[-window:])
    position = len(candidate) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0 and (
            candidate[position].lower() != letter or (index == 0 and position > 0 and candidate[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return ""
        position -= 1
    start = candidate.rfind(" ", 0, position + 2) + 1
    expansion = candidate[start:].strip(" ,;:“”\"'(")
    # "the Chief Medical Officer's (CMO) report": the possessive belongs to the sentence, not to the name.
    expansion = re.sub(r"(?<=\w)['’]s?$", "", expansion)
    # A long form is longer than the abbreviation and is not itself all capitals.
    if len(expansion) <= len(short) or expansion.isupper():
        return ""
    return expansion


def _split_quotes(text: str) -> list[tuple[bool, str]]:
    """Split text into (quoted, segment) pairs at curly or paired straight double quotes."""
    segments: list[tuple[bool, str]] = []
    pattern = re.compile(r"“([^“”]+)”" + (r'|"([^"]+)"' if text.count('"') % 2 == 0 else ""))
    cursor = 0
    for match in pattern.finditer(text):
        if match.start() > cursor:
            segments.append((False, text[cursor : match.start()]))
        segments.append((True, match[1] if match[1] is not None else match[2]))
        cursor = match.end()
    if cursor < len(text):
        segments.append((False, text[cursor:]))
    return segments


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if merged and isinstance(merged[-1], Text):
                merged[-1] = Text(merged[-1].text + node.text)
                continue
        merged.append(node)
    return tuple(merged)


READER = Reader(
    name="text",
    extensions=(".txt", ".text"),
    read=read,
    description="loose plain-text article: title line, dateline, one paragraph per line",
)
