"""The verification every rewrite must pass: the new sentences say what the source sentence said, and are English.

It compares the rewrite with the source sentence word by word, following each word by its identity (the
source character it comes from), and parses every new sentence again. A rewrite passes when:

- every sentence is complete (a finite verb with its own subject, or an imperative) if the source was, every
  list item completes its lead-in, and brackets and quotation marks are balanced;
- no word of the source is missing, except commas, the "and" of a split, a relative pronoun and the brackets
  of an abbreviation, as the operation declares them; so every negation, condition ("if", "unless",
  "before"), modal verb ("must", "may"), number and quantity is still there;
- no word is new, except the few words the operation declares ("is", "was", "stands for", "She") and the
  plain words of the word table, whose conditions were checked when they were chosen;
- every link of the source's parse joins two words that are still in one sentence, except the links the
  operation declares it cuts (two full clauses, each with its own subject): so a condition stays with what it
  conditions, a restrictive relative clause with its noun, a purpose clause with its verb;
- every verb keeps its subject (its agent), its negation and its voice;
- every name is whole in one sentence, and every quotation is in exactly one sentence, word for word;
- every word a replacement wrote is a real English word in that form ("spending", never "spendings");
- no sentence ends with a preposition or a conjunction ("... which they rely on.", "... such as.") unless the
  source sentence ends with that word, and no split falls at a conjunction before a comma aside ("and, as she
  said, ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from convert.plain.inlines import INSERTED, MARKER, STAND_IN, Draft, identity
from convert.plain.operations import Candidate, Unit
from convert.plain.parse import NAME_ENTITIES, View, is_complete, is_negated, is_passive, subject, view
from convert.plain.quotes import QUOTE
from convert.plain.words import is_real_word

PRONOUNS = frozenset({"she", "he", "they", "it"})
"""Words an operation may insert to stand for a name."""
FUNCTION_DEPS = frozenset({"punct", "cc", "preconj", "det", "case", "mark"})
"""Links whose dependent is a function word: where it ends up is checked by the sentence's grammar instead."""


@dataclass(frozen=True, slots=True)
class Licence:
    """What the operations applied so far declare: the links they cut, the words they leave out or add."""

    cuts: frozenset[tuple[int, int]] = frozenset()
    """Links (dependent, head) of the source parse that may join words of different sentences."""
    drops: frozenset[int] = frozenset()
    """Source words (by identity) that may be missing."""
    aliases: frozenset[tuple[int, int]] = frozenset()
    """(a, b): where a stands, b counts as said."""
    words: frozenset[str] = frozenset()
    """Words that may be inserted."""
    replaced: frozenset[int] = frozenset()
    """Source words replaced together by a phrase of the word table ("was able to" -> "could"): they may be
    missing, and their verbs' subjects are checked through the sentence's grammar instead."""

    def with_candidate(self, candidate: Candidate) -> Licence:
        """This licence and what a candidate declares."""
        return Licence(
            self.cuts | candidate.cuts,
            self.drops | candidate.drops,
            self.aliases | candidate.aliases,
            self.words | candidate.words,
            self.replaced | candidate.replaced,
        )


def parts(unit: Unit) -> list[Draft]:
    """The drafts of a unit: its sentence or lead-in, then its items."""
    return [unit.text, *unit.items]


def readings(unit: Unit) -> list[Draft]:
    """What a reader reads as sentences: the sentence, or the lead-in followed by each item in turn."""
    if not unit.items:
        return [unit.text]
    lead = unit.text.strip()
    if lead.text.endswith(":"):
        lead = lead[:-1]
    return [lead + Draft.new(" ") + item.strip() + Draft.new(".") for item in unit.items]


def verify(source: View, units: Sequence[Unit], licence: Licence, *, complete: bool) -> str:
    """ "" when the units say what the source sentence says; else the first reason they do not."""
    flat = source.flat
    for unit in units:
        for draft in parts(unit):
            problem = _balanced(draft.text)
            if problem:
                return problem
    views = [view(flat, d) for unit in units for d in readings(unit)]
    if complete:
        for reading in views:
            if not is_complete(reading.doc):
                return f"not a complete sentence: “{reading.text}”"
    present = _presence(units, licence)
    problem = (
        _nothing_missing(source, present, licence)
        or _nothing_new(units, licence)
        or _real_words(units)
        or _links_kept(source, present, licence)
        or _names_whole(source, units)
        or _quotations_once(source, units)
        or _agents_kept(source, views, present, licence.replaced)
        or _no_dangling_end(source, views)
        or _no_split_at_aside(source, present)
    )
    return problem


DANGLING_POS = frozenset({"ADP", "SCONJ", "CCONJ"})
"""Parts of speech of a word that cannot end a sentence unless the source sentence ends with it: a preposition
("... which they rely on."), a subordinating or a coordinating conjunction."""


def _dangles(token) -> bool:
    """True for a word that leaves a sentence hanging when it ends it (a verb's particle, "set up", does not)."""
    if token.tag_ == "RP" and token.dep_ == "prt":
        return False
    return token.pos_ in DANGLING_POS or token.tag_ == "TO" or token.lower_ == "as"


def _last_token(doc):
    """The last word of a parse that is not punctuation or space, or None."""
    return next((t for t in reversed(doc) if not t.is_punct and not t.is_space), None)


def _no_dangling_end(source: View, views: list[View]) -> str:
    # A split that leaves "... which they rely on." or "... such as." reads as broken, unless the source sentence
    # itself ends that way.
    written = _last_token(source.doc)
    for reading in views:
        last = _last_token(reading.doc)
        if last is None or not _dangles(last):
            continue
        if written is not None and written.lower_ == last.lower_:
            continue
        return f"“{reading.text}” ends with “{last.text}”"
    return ""


def _no_split_at_aside(source: View, present: dict[int, set[int]]) -> str:
    # "..., and, I quote, ..." or "..., but, as she said, ...": the aside after the conjunction belongs to the
    # sentence as a whole; a split there leaves it hanging at the start of the second part.
    doc = source.doc
    for token in doc:
        if token.pos_ != "CCONJ" or token.i + 1 >= len(doc) or doc[token.i + 1].text != ",":
            continue
        before = _last_token(doc[: token.i])
        if before is None:
            continue
        mine, theirs = source.ident(token), source.ident(before)
        if theirs not in present:
            continue
        if mine not in present or not present[mine] & present[theirs]:
            return f"split at “{token.text}” before a comma aside"
    return ""


def _balanced(text: str) -> str:
    for opening, closing in (("(", ")"), ("[", "]"), ("“", "”")):
        depth = 0
        for char in text:
            depth += char == opening
            depth -= char == closing
            if depth < 0:
                return f"unbalanced {opening}{closing} in “{text}”"
        if depth:
            return f"unbalanced {opening}{closing} in “{text}”"
    if text.count('"') % 2:
        return f"unbalanced quotation marks in “{text}”"
    return ""


def _presence(units: Sequence[Unit], licence: Licence) -> dict[int, set[int]]:
    """Identity -> the units in which that source character is said."""
    present: dict[int, set[int]] = {}
    for number, unit in enumerate(units):
        for draft in parts(unit):
            for origin in draft.origin:
                found = identity(origin)
                if found >= 0:
                    present.setdefault(found, set()).add(number)
    for alias, meant in licence.aliases:
        if alias in present:
            present.setdefault(meant, set()).update(present[alias])
    return present


def _nothing_missing(source: View, present: dict[int, set[int]], licence: Licence) -> str:
    for position, origin in enumerate(source.draft.origin):
        if origin >= 0 and source.flag(position) & MARKER and origin not in present:
            return f"the citation marker at “{source.text[max(position - 12, 0) : position + 4]}” is missing"
    for token in source.doc:
        if token.is_space:
            continue
        found = source.ident(token)
        if found < 0 or found in present or found in licence.replaced:
            continue
        if token.is_punct and token.text not in {"(", ")", "[", "]", "“", "”", '"'}:
            continue
        if found in licence.drops and (
            token.is_punct or token.lower_ in {"and", "who", "which"} or token.text in {"(", ")"}
        ):
            continue
        return f"“{token.text}” is missing"
    return ""


WORD = re.compile(r"[\w’'-]+")


def _nothing_new(units: Sequence[Unit], licence: Licence) -> str:
    for unit in units:
        for draft in parts(unit):
            inserted = "".join(c if o == INSERTED else " " for c, o in zip(draft.text, draft.origin, strict=True))
            for word in WORD.findall(inserted):
                if word.lower() not in licence.words:
                    return f"“{word}” is new"
            standing = "".join(
                c if o < -2 - STAND_IN + 1 else " " for c, o in zip(draft.text, draft.origin, strict=True)
            )
            for word in WORD.findall(standing):
                if word.lower() not in PRONOUNS:
                    return f"“{word}” stands for a name but is no pronoun"
    return ""


def _real_words(units: Sequence[Unit]) -> str:
    for unit in units:
        for draft in parts(unit):
            for match in WORD.finditer(draft.text):
                origins = draft.origin[match.start() : match.end()]
                written = all(o < 0 for o in origins) and any(o != INSERTED for o in origins)
                if written and not is_real_word(match[0]):
                    return f"“{match[0]}” is not an English word in that form"
    return ""


def _links_kept(source: View, present: dict[int, set[int]], licence: Licence) -> str:
    for token in source.doc:
        head = token.head
        if head.i == token.i or token.is_punct or head.is_punct or token.dep_ in FUNCTION_DEPS:
            continue
        mine, theirs = source.ident(token), source.ident(head)
        if (mine, theirs) in licence.cuts or mine not in present or theirs not in present:
            continue
        if not present[mine] & present[theirs]:
            return f"“{token.text}” is no longer with “{head.text}”"
    return ""


def _full_text(unit: Unit) -> str:
    return " ".join(d.text for d in parts(unit))


def _names_whole(source: View, units: Sequence[Unit]) -> str:
    texts = [_full_text(u) for u in units]
    for entity in source.doc.ents:
        if entity.label_ not in NAME_ENTITIES or len(entity) < 2:
            continue
        name = re.sub(r"^(?:the|The) ", "", entity.text)
        if not any(name in text for text in texts):
            return f"the name “{entity.text}” is not whole"
    return ""


def _quotations_once(source: View, units: Sequence[Unit]) -> str:
    texts = [_full_text(u) for u in units]
    wanted = [m[0] for m in QUOTE.finditer(source.text)]
    for quote in wanted:
        if sum(text.count(quote) for text in texts) != wanted.count(quote):
            return f"the quotation {quote} is not said once, word for word"
    said = [m[0] for text in texts for m in QUOTE.finditer(text)]
    if len(said) != len(wanted):
        return "a quotation was cut or added"
    return ""


def _agents(reading: View) -> dict[int, tuple[int, bool, bool]]:
    """Verb identity -> (subject identity, negated, passive) for each verb whose subject can be found."""
    found: dict[int, tuple[int, bool, bool]] = {}
    for token in reading.doc:
        if token.pos_ not in {"VERB", "AUX"} or token.dep_ in {"aux", "auxpass"}:
            continue
        agent = _subject_of(token)
        if agent is None:
            continue
        verb, who = reading.ident(token), reading.ident(agent)
        if verb >= 0 and who >= 0:
            found[verb] = (who, is_negated(token), is_passive(token) or _shares_passive(token))
    return found


def _shares_passive(verb) -> bool:
    """True for a participle joined to a passive verb without auxiliaries of its own ("was built and opened":
    "opened" is passive too)."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
        and is_passive(verb.head)
    )


def _subject_of(verb):
    """A verb's subject: its own, the noun a relative pronoun stands for, or that of the verb it is joined to."""
    node = verb
    for _ in range(8):
        own = subject(node)
        if own is not None:
            if own.tag_ in {"WDT", "WP"} and node.dep_ == "relcl":
                own = node.head
            return own
        if node.dep_ == "conj" and node.head.pos_ in {"VERB", "AUX"} and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


def _agents_kept(source: View, readings_: list[View], present: dict[int, set[int]], replaced: frozenset[int]) -> str:
    # A noun and its appositive are one agent ("Ms. Schmitt, the Coordinator, who said"): "She said" is the same.
    same = {source.ident(t): source.ident(t.head) for t in source.doc if t.dep_ == "appos"}

    def canonical(agent: tuple[int, bool, bool]) -> tuple[int, bool, bool]:
        who = agent[0]
        for _ in range(4):
            who = same.get(who, who)
        return (who, *agent[1:])

    before = {verb: canonical(agent) for verb, agent in _agents(source).items()}
    after: dict[int, set[tuple[int, bool, bool]]] = {}
    for reading in readings_:
        for verb, agent in _agents(reading).items():
            after.setdefault(verb, set()).add(canonical(agent))
    for verb, agent in before.items():
        if verb not in present or verb in replaced:
            continue
        if agent not in after.get(verb, set()):
            token = next(t for t in source.doc if source.ident(t) == verb)
            return f"the subject, negation or voice of “{token.text}” changed"
    return ""
