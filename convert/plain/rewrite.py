"""One sentence of the child edition: the operations tried on it, each result verified, the record of what happened.

A long sentence is cut by the structural operations (convert.plain.operations) while a part is longer than
TARGET_WORDS and an operation applies; then every sentence gets the word operations. After each operation
the whole rewrite is verified against the source sentence (convert.plain.verify); a rewrite that fails is
dropped and the next operation is tried, so what is kept has always passed. A sentence ending with a colon
leads in to what follows it: a rewrite must keep that sentence last. A sentence that no operation
changes, or whose every change failed, stays exactly as written, and the record says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from convert.plain.inlines import MARKER, QUOTED, Draft, Flat
from convert.plain.operations import FINISHING, STRUCTURAL, Context, Unit
from convert.plain.parse import is_complete, view
from convert.plain.verify import Licence, parts, verify
from convert.plain.words import word_forms

TARGET_WORDS = 12
"""A sentence longer than this is cut when an operation applies and the result verifies."""
MAX_STEPS = 10
"""The most cuts made in one sentence: the work per sentence stays bounded, the transform linear."""
WORDS = re.compile(r"[\w’'-]+")

AS_WRITTEN_OTHER_LANGUAGE = "another language: English rules are not applied"
AS_WRITTEN_PLAIN = "short, and no word to replace"
AS_WRITTEN_NO_OPERATION = "long, but no operation's preconditions hold"
AS_WRITTEN_FRAGMENT = "not a full sentence (a heading or a fragment), and no word to replace"
AS_WRITTEN_FAILED = "every rewrite failed the verification"
AS_WRITTEN_EXAMPLE = "an example shown as written (a before-and-after example, a flattened table)"
REASONS = (
    AS_WRITTEN_OTHER_LANGUAGE,
    AS_WRITTEN_EXAMPLE,
    AS_WRITTEN_PLAIN,
    AS_WRITTEN_NO_OPERATION,
    AS_WRITTEN_FRAGMENT,
    AS_WRITTEN_FAILED,
)
"""Why a sentence is left as written, in the words the review page and `readability` use."""


@dataclass(frozen=True, slots=True)
class Step:
    """One operation tried on a sentence, and whether its result passed the verification."""

    operation: str
    """The operation's name."""
    note: str
    """What it did."""
    kept: bool
    """True when the result passed the verification and was kept."""
    reason: str = ""
    """Why the verification refused it."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A source sentence, what the edition writes for it, and how."""

    source: Draft
    """The sentence as written."""
    units: tuple[Unit, ...]
    """The edition's sentences (or lead-ins with list items) for it."""
    steps: tuple[Step, ...]
    """Every operation tried, in order."""
    reason: str
    """Why it is left as written (one of REASONS); "" when it was rewritten."""
    complete: bool
    """True when the source is a complete sentence by the parser."""
    swapped: frozenset[str] = frozenset()
    """The hard words (dictionary forms) a kept word swap replaced."""

    @property
    def rewritten(self) -> bool:
        """True when the edition says the sentence differently."""
        return not self.reason


def word_count(text: str) -> int:
    """Words in a text, numbers included."""
    return len(WORDS.findall(text))


def rewrite(
    flat: Flat, start: int, end: int, context: Context, *, split: bool = True, foreign: bool = False
) -> Outcome:
    """The sentence at flat[start:end] for the child edition; split=False allows word operations only."""
    draft = Draft.of(flat, start, end).strip()
    if foreign or not any(c.isalpha() for c in draft.text):
        return Outcome(draft, (Unit(draft),), (), AS_WRITTEN_OTHER_LANGUAGE if foreign else AS_WRITTEN_PLAIN, False)
    source = view(flat, draft)
    complete = is_complete(source.doc)
    units: list[Unit] = [Unit(draft)]
    licence = Licence()
    steps: list[Step] = []
    finished: set[Unit] = set()
    if split and complete:
        for _ in range(MAX_STEPS):
            index = next(
                (
                    i
                    for i, u in enumerate(units)
                    if not u.items and u not in finished and word_count(u.text.text) > TARGET_WORDS
                ),
                None,
            )
            if index is None:
                break
            current = view(flat, units[index].text)
            for operation in STRUCTURAL:
                candidate = operation(current, context)
                if candidate is None or _lead_in_moved(current.text, candidate.units):
                    continue
                trial = [*units[:index], *_with_markers(flat, units[index].text, candidate.units), *units[index + 1 :]]
                trial_licence = licence.with_candidate(candidate)
                problem = verify(source, trial, trial_licence, complete=True)
                steps.append(Step(candidate.operation, candidate.note, not problem, problem))
                if not problem:
                    units, licence = trial, trial_licence
                    break
            else:
                finished.add(units[index])
    structural = (units, licence, len(steps))
    for _ in range(2):
        units, licence, swapped = _finish(source, structural[0], structural[1], context, steps, complete)
        # A hard word replaced in one part of the sentence and kept in another is kept in both.
        still = _still_said(units, swapped)
        if not still:
            break
        del steps[structural[2] :]
        context = replace(context, kept=context.kept | still)
    rewritten = any(step.kept for step in steps)
    if rewritten:
        reason = ""
    elif steps:
        reason = AS_WRITTEN_FAILED
    elif not complete:
        reason = AS_WRITTEN_FRAGMENT
    elif split and word_count(draft.text) > TARGET_WORDS:
        reason = AS_WRITTEN_NO_OPERATION
    else:
        reason = AS_WRITTEN_PLAIN
    return Outcome(
        draft,
        tuple(units) if rewritten else (Unit(draft),),
        tuple(steps),
        reason,
        complete,
        swapped if rewritten else frozenset(),
    )


def _finish(source, units, licence, context: Context, steps: list[Step], complete: bool):
    """The word operations on every part of the units; the kept steps are added to steps."""
    flat = source.flat
    swapped: frozenset[str] = frozenset()
    for operation in FINISHING:
        for index in range(len(units)):
            for position, part in enumerate(parts(units[index])):
                candidate = operation(view(flat, part), context)
                if candidate is None:
                    continue
                changed = candidate.units[0].text
                unit = units[index]
                new = (
                    Unit(changed, unit.items)
                    if position == 0
                    else Unit(unit.text, _swap(unit.items, position, changed))
                )
                trial = [*units[:index], new, *units[index + 1 :]]
                trial_licence = licence.with_candidate(candidate)
                problem = verify(source, trial, trial_licence, complete=complete)
                steps.append(Step(candidate.operation, candidate.note, not problem, problem))
                if not problem:
                    units, licence = trial, trial_licence
                    swapped |= candidate.hard
    return units, licence, swapped


def _still_said(units, swapped: frozenset[str]) -> frozenset[str]:
    """The replaced hard words that a part of the units still says, in any form."""
    if not swapped:
        return frozenset()
    written = {w.lower() for unit in units for d in parts(unit) for w in WORDS.findall(d.text)}
    return frozenset(lemma for lemma in swapped if word_forms(lemma) & written)


def _lead_in_moved(before: str, units: tuple[Unit, ...]) -> bool:
    """True when a sentence that leads in to what follows (it ends with a colon) would no longer come last."""
    return before.rstrip().endswith(":") and not units[-1].text.text.rstrip().endswith(":")


def _with_markers(flat: Flat, before: Draft, units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """The units, with every citation marker of the sentence they replace that they lost put back after the
    word before it: a marker is never dropped with the comma it followed."""
    said = {o for unit in units for d in parts(unit) for o in d.origin}
    result = list(units)
    position = 0
    while position < len(before):
        origin = before.origin[position]
        if origin < 0 or origin in said or not flat.flags[origin] & MARKER:
            position += 1
            continue
        run = position
        while run < len(before) and before.origin[run] >= 0 and flat.flags[before.origin[run]] & MARKER:
            run += 1
        marker = before[position:run]
        anchor = next((o for o in reversed(before.origin[:position]) if o >= 0 and o in said), None)
        for number, unit in enumerate(result):
            if anchor is None or anchor not in unit.text.origin:
                continue
            text = unit.text
            at = text.origin.index(anchor) + 1
            # After the full stop a split added ("year.[3]"), else right after the word.
            cut = len(text) if re.fullmatch(r"\s*[.!?]", text.text[at:]) else at
            result[number] = Unit(text[:cut] + marker + text[cut:], unit.items)
            said.update(marker.origin)
            break
        position = run
    return tuple(result)


def _swap(items: tuple[Draft, ...], position: int, changed: Draft) -> tuple[Draft, ...]:
    return (*items[: position - 1], changed, *items[position:])


# Sentences of a paragraph -----------------------------------------------------------


def sentence_spans(flat: Flat) -> list[tuple[int, int]]:
    """Where each sentence of a paragraph starts and ends in its flat string.

    Citation markers are taken out before the one sentence splitter runs, so "end.[1] Next" splits after the
    marker and "[1." never ends a sentence; each marker stays with the sentence before it. A sentence that ends
    inside a quotation is joined to the next: a quotation is never cut.
    """
    from convert.transforms.sentences import sentences

    kept = [i for i in range(len(flat.text)) if not flat.flags[i] & MARKER]
    clean = "".join(flat.text[i] for i in kept)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences(clean):
        found = clean.find(sentence, cursor)
        if found < 0:
            continue
        begin, stop = kept[found], kept[found + len(sentence) - 1] + 1
        while stop < len(flat.text) and flat.flags[stop] & MARKER:
            stop += 1
        spans.append((begin, stop))
        cursor = found + len(sentence)
    quotes = _quote_ranges(flat)
    merged: list[tuple[int, int]] = []
    for begin, stop in spans:
        if merged and any(a < begin < b or a < merged[-1][1] < b for a, b in quotes):
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((begin, stop))
    return merged


def _quote_ranges(flat: Flat) -> list[tuple[int, int]]:
    from convert.plain.quotes import QUOTE

    ranges = [(m.start(), m.end()) for m in QUOTE.finditer(flat.text)]
    start = None
    for index, flag in enumerate((*flat.flags, 0)):
        if flag & QUOTED and start is None:
            start = index
        elif not flag & QUOTED and start is not None:
            ranges.append((start, index))
            start = None
    return ranges
