"""The child edition's operations: a few general rewrites on spaCy's parse, each with its preconditions.

An operation looks at one sentence (a `View`) and proposes a `Candidate`: the sentences (or lead-in and
list items) to write instead, built only from the sentence's own characters plus the few words the
operation names, and a licence saying which links of the parse it separates and which words it leaves out.
It proposes nothing when a precondition fails. The proposal is then checked by convert.plain.verify against
the source sentence and kept only if it passes; an operation never has the last word.

The operations, in the order they are tried on a long sentence:

- split_semicolon: "A; B" -> "A." "B." when both sides are full clauses;
- split_clauses: "A did X, and B did Y" -> "A did X." "B did Y." (also "but", "so", "yet");
- split_instructions: "Print the form and send it to us." -> "Print the form." "Send it to us.";
- detach_reason: "A, because B." -> "A." "This is because B.";
- detach_relative: "FBOpen, which launched in 2014, helps ..." -> "FBOpen helps ..." "FBOpen launched in 2014.";
- shorten_appositive: "Dr Roe, Chief Adviser for X, said ..." -> "Dr Roe said ..." "Dr Roe is Chief Adviser for X.";
- series_to_list: "... including A, B and C." -> "... including:" and a bulleted list of A, B, C;

and, on every sentence, long or short:

- swap_words: a hard word or phrase -> the plain one of convert/data/plain_words.toml, where the entry's part
  of speech and conditions hold;
- compare_percentage: "35 percent" -> "35 percent (about 1 in 3)".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from convert.plain.inlines import QUOTED, Draft, join
from convert.plain.numbers import PERCENT, comparison
from convert.plain.parse import (
    NAME_ENTITIES,
    SUBJECTS,
    SUBORDINATE,
    View,
    clause_complete,
    in_main_clause,
    in_name,
    is_finite,
    is_past,
    is_plural,
    last_word,
    roots,
    subject,
    subtree_range,
)
from convert.plain.words import (
    SECTIONS,
    article_for,
    inflect_phrase,
    is_real_word,
    lemmas,
    phrase_entry,
    phrase_pattern,
    word_table,
)

MIN_PART_WORDS = 4
"""No operation leaves a sentence shorter than this many words."""
MAX_COMPARED_WORDS = 20
"""A percentage gains a child's comparison only in a sentence of at most this many words."""
MAX_ITEM_WORDS = 10
"""A list item has at most this many words."""
COORDINATORS = frozenset({"and", "but", "so", "yet"})
"""Conjunctions a sentence may be split at: each part stays true on its own ("or" and "nor" do not)."""
FEMALE_TITLES = frozenset({"Ms", "Ms.", "Mrs", "Mrs.", "Miss", "Madam", "Dame", "Lady"})
MALE_TITLES = frozenset({"Mr", "Mr.", "Sir", "Lord"})
TITLES = FEMALE_TITLES | MALE_TITLES | frozenset({"Dr", "Dr.", "Prof", "Prof.", "Professor", "Mx", "Mx."})
"""Titles before a person's name, as written: matched case and all ("MS Word" is no "Ms")."""
TEMPORAL = frozenset({"then", "late", "now", "future", "soon", "later", "until", "since", "once", "incoming"})
"""Words that tie an appositive to a time ("then president", "the late ..."): it is not said as a fact of its own."""
SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*(?:\[[^\]\s]*(?: [^\]\s]+)*\])*$")
"""The end of a sentence: its mark, closing quotation marks or brackets, and citation markers after them."""


@dataclass(frozen=True, slots=True)
class Context:
    """What an operation may know about the document around the sentence."""

    abbreviations: tuple[tuple[str, str], ...] = ()
    """The document's abbreviations and their expansions, as the source defines them."""
    kept: frozenset[str] = frozenset()
    """Hard words (dictionary forms) the word swap leaves as written in this document, because they stay as
    written somewhere in it: a document says one thing one way."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of the edition, or a lead-in (ending in a colon) with the items of a bulleted list."""

    text: Draft
    """The sentence, or the lead-in."""
    items: tuple[Draft, ...] = ()
    """The list items after a lead-in; empty for a sentence."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An operation's proposal for one sentence, with what the verification must allow for it."""

    operation: str
    """The operation's name."""
    units: tuple[Unit, ...]
    """What to write instead of the sentence."""
    note: str = ""
    """What the operation did, in a few words, for the review page."""
    cuts: frozenset[tuple[int, int]] = frozenset()
    """Links of the parse (dependent, head; by identity) the operation puts in different sentences."""
    drops: frozenset[int] = frozenset()
    """Words (by identity) it leaves out: a conjunction, a relative pronoun."""
    replaced: frozenset[int] = frozenset()
    """Words (by identity) that a phrase of the word table replaces together with the phrase's first word."""
    aliases: frozenset[tuple[int, int]] = frozenset()
    """(a, b) pairs: where the word a stands, the word b counts as said (an abbreviation for its name)."""
    words: frozenset[str] = frozenset()
    """The words it inserts ("is", "stands", "for"...), lower case."""
    hard: frozenset[str] = frozenset()
    """The hard words (dictionary forms) a word swap replaces."""


Operation = Callable[[View, Context], Candidate | None]


# Helpers -------------------------------------------------------------------------


def capitalise(draft: Draft) -> Draft:
    """The draft with its first letter in capitals."""
    for position, char in enumerate(draft.text):
        if char.isalpha():
            return draft if char.isupper() else draft.replace(position, position + 1, char.upper())
        if char.isdigit():
            return draft
    return draft


def finish(draft: Draft) -> Draft:
    """The draft closed as a sentence: no dangling comma, a full stop unless it ends one already (a colon that
    leads in to a list stays)."""
    draft = draft.strip()
    while draft.text and draft.text[-1] in ",;–—-":
        draft = draft[:-1].strip()
    if draft.text and not SENTENCE_END.search(draft.text):
        draft = draft + Draft.new(".")
    return draft


def ending(view: View) -> Draft:
    """The sentence's closing punctuation (after its last word), as written."""
    last = last_word(view.doc)
    if last + 1 >= len(view.doc):
        return Draft("", ())
    return view.draft[view.end(last) :].strip()


CONNECTIVES = frozenset(
    "however also additionally moreover furthermore besides still yet meanwhile instead otherwise nevertheless "
    "nonetheless indeed first firstly second secondly third thirdly finally lastly so but and".split()
)
"""Words that link a sentence to the one before ("However, ..."): they say nothing about when or whether the
sentence holds, so they may stand before a subject that begins both parts of a split."""


def first_word(view: View) -> int:
    """The index of the sentence's first word."""
    return next((t.i for t in view.doc if not t.is_punct and not t.is_space), 0)


def clause_start(view: View) -> int:
    """The index of the first word after a linking word and its comma ("However, the plan ..." -> "the")."""
    start = first_word(view)
    doc = view.doc
    if start + 1 < len(doc) and doc[start].lower_ in CONNECTIVES and doc[start].dep_ in {"advmod", "cc"}:
        after = start + 1
        while after < len(doc) and doc[after].is_punct and doc[after].text in {","}:
            after += 1
        return after
    return start


def name_range(token) -> tuple[int, int]:
    """The words of the name a token heads: the entity it is part of, with "the" and a title before it."""
    doc = token.doc
    first, last = token.i, token.i
    for entity in doc.ents:
        if entity.start <= token.i < entity.end:
            first, last = entity.start, entity.end - 1
    for child in token.lefts:
        if child.dep_ in {"compound", "det", "amod", "nmod", "poss", "flat", "nummod"} or in_name(child):
            first = min(first, child.left_edge.i)
    return first, last


def pronoun_for(token) -> str:
    """ "She" or "He" for a person named with a courtesy title ("Ms.", "Mr."), else ""."""
    if token.ent_type_ != "PERSON":
        return ""
    first, _ = name_range(token)
    title = token.doc[first].text
    if title in FEMALE_TITLES:
        return "She"
    if title in MALE_TITLES:
        return "He"
    return ""


def word_range(token) -> tuple[int, int]:
    """The first and last word of a token's subtree, punctuation at the end (a full stop the parser hangs on the
    last verb) left out."""
    begin, stop = subtree_range(token)
    doc = token.doc
    while stop > begin and doc[stop].is_punct and doc[stop].text not in CLOSING:
        stop -= 1
    # "the Organization for Security and Cooperation in Europe (OSCE)": the parser may hang the closing bracket
    # on another word; it closes what the phrase opened.
    while stop + 1 < len(doc) and doc[stop + 1].text in CLOSING and _opened(doc[begin : stop + 1], doc[stop + 1].text):
        stop += 1
    return begin, stop


CLOSING = {")": "(", "]": "[", "”": "“", "’": "‘"}
"""Closing marks and the marks they close."""


def _opened(tokens, closing: str) -> bool:
    """True when tokens open more of a bracket or quotation mark than they close."""
    opening = CLOSING[closing]
    return sum(t.text == opening for t in tokens) > sum(t.text == closing for t in tokens)


def _as_inside(draft: Draft, first) -> Draft:
    """A subject that began the sentence, written as inside one: "The volunteer" -> "the volunteer" (a name,
    "I" or a word in capitals keeps its capital)."""
    if in_name(first) or first.lower_ == "i" or not draft.text[:1].isupper():
        return draft
    return draft.replace(0, 1, draft.text[0].lower())


def _in_series(token) -> bool:
    """True for a word joined to others by "and"/"or" (a member of a series)."""
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


def _listed(token) -> bool:
    """True when a noun heads a list of things ("the Office of A, the Office of B, and others"), each with its
    own determiner, rather than one description with joined roles ("the Representative and Coordinator")."""
    members = [c for c in token.subtree if c.dep_ == "conj" and c.head.i in {t.i for t in token.subtree}]
    return any(m.lower_ in {"others", "other"} or any(c.dep_ == "det" for c in m.children) for m in members)


def _continues(view: View, head, after) -> bool:
    """True when the token after a removed aside continues the clause the aside's noun belongs to: the
    noun's verb or one of its auxiliaries ("FBOpen, which ..., helps" -> "FBOpen helps")."""
    verb = head.head
    return after.i == verb.i or (after.head.i == verb.i and after.dep_ in {"aux", "auxpass", "neg", "advmod"})


def ends_with_stop(view: View) -> bool:
    """True when the sentence ends with a full stop (not a question, an exclamation or an ellipsis)."""
    text = view.doc.text.rstrip()
    return bool(re.search(r"\.[”’\"')\]]*$", text)) and not text.endswith("...")


def main_clause(view: View):
    """The root verb and its subject when the sentence is one main clause that begins with its subject (after at
    most a linking word) and ends with a full stop; else None."""
    found = roots(view.doc)
    if len(found) != 1 or not ends_with_stop(view):
        return None
    root = found[0]
    own = subject(root)
    if own is None or not is_finite(root) or own.i > root.i:
        return None
    if own.left_edge.i != clause_start(view):
        return None
    return root, own


LEADING_MARKS = frozenset({"if", "when", "whenever", "where", "after", "before", "once", "since", "until"})
"""Words that open a clause before the main one which may be said again with each part of a split: a condition or
a time ("If your application is approved, ...")."""
MAX_LEADING_WORDS = 6
"""A phrase said again with each part of a split has at most this many words."""
TIME_WORDS = frozenset(
    "then later now since soon afterwards afterward today tomorrow yesterday still already again next finally "
    "once meanwhile previously recently formerly earlier until before after".split()
)
"""Words that give a clause a time of its own: a leading time or condition is then not said again for it."""


def leading_phrase(view: View, root, subject_start: int) -> tuple[int, int] | None:
    """The first and last word of a phrase that stands before the subject and may be said again with each part of
    a split ("In 2020,", "After 6 months", "If your application is approved,"), or None; subject_start is the
    first word of the subject (or of the verb of an instruction).

    It is one phrase that hangs on the root verb: a prepositional phrase, a time noun ("Last year") or a clause
    opened by "if", "when", "after", "before", "once", "since", "until" or "where"; it has at most six words, no
    negation, nothing in quotation marks, and ends right before the subject or the comma before it.
    """
    doc = view.doc
    start = clause_start(view)
    stop = subject_start - 1
    if stop >= 0 and doc[stop].text == ",":
        stop -= 1
    if stop < start or doc[start : stop + 1].text.count(",") or view.words(start, stop) > MAX_LEADING_WORDS:
        return None
    tops = [t for t in doc[start : stop + 1] if not (start <= t.head.i <= stop) or t.head.i == t.i]
    if len(tops) != 1 or tops[0].head.i != root.i or tops[0].left_edge.i != start or tops[0].right_edge.i != stop:
        return None
    top = tops[0]
    if top.dep_ == "advcl":
        marks = [c.lower_ for c in top.children if c.dep_ in {"mark", "advmod"} and c.i == start]
        if not marks or marks[0] not in LEADING_MARKS:
            return None
    elif top.dep_ not in {"prep", "npadvmod"}:
        return None
    if any(t.dep_ == "neg" or t.lower_ in {"not", "never", "no", "n't"} for t in doc[start : stop + 1]):
        return None
    if any(view.quoted(i) for i in range(start, stop + 1)):
        return None
    return start, stop


def _own_time(view: View, conj, lead: tuple[int, int]) -> bool:
    """True when the second part of a split, headed by conj, has a time, a condition or a leading phrase of its
    own, or a phrase with the leading phrase's preposition ("In many cases ... and in all cases ..."): the
    leading phrase is then not said again for it."""
    doc = view.doc
    begin, end = word_range(conj)
    opening = subject(conj) or conj
    if any(
        c.i < opening.i and not c.is_punct and c.dep_ not in {"cc", "mark", "aux", "auxpass", "neg"} and c != opening
        for c in conj.children
    ):
        return True
    preposition = doc[lead[0]].lower_ if doc[lead[0]].dep_ == "prep" else ""
    return _timed(doc[begin : end + 1]) or any(
        (t.dep_ == "advcl" and t.i > begin) or (preposition and t.dep_ == "prep" and t.lower_ == preposition)
        for t in doc[begin : end + 1]
    )


def _timed(tokens) -> bool:
    """True when the words say a time: a date or time the parser names, or a word such as "then", "today"."""
    return any(t.ent_type_ in {"DATE", "TIME"} or t.lower_ in TIME_WORDS for t in tokens)


def _said_again(view: View, lead: tuple[int, int]) -> Draft:
    """A leading phrase as it begins a second sentence: capitalised, with its comma when it had one."""
    first, last = lead
    after = view.doc[last + 1] if last + 1 < len(view.doc) else None
    if after is not None and after.text == ",":
        last += 1
    return capitalise(view.span(first, last, markers=False))


def coordinator_before(view: View, root, begin: int):
    """The last word of the first part and the conjunction between it and the part starting at begin."""
    doc = view.doc
    position, coordinator = begin - 1, None
    while position > root.i and (doc[position].is_punct or doc[position].dep_ == "cc"):
        if doc[position].text in CLOSING and _opened(doc[:position], doc[position].text):
            break
        if doc[position].dep_ == "cc":
            coordinator = doc[position]
        position -= 1
    return position, coordinator


def _be(past: bool, plural: bool) -> str:
    return ("were" if plural else "was") if past else ("are" if plural else "is")


def _touches_fixed_gap(view: View, first: int, last: int) -> bool:
    """True when a cut between tokens first..last (the gap an operation removes) falls inside a fixed run."""
    return any(view.fixed(i) for i in range(first, last + 1))


def _ends_inside_dependent(view: View, root, position: int, *, finite: bool = False) -> bool:
    """True when the last word before a conjunction lies in a phrase or clause that depends on the root ("to
    review the draft", "that you moved", "who use it"): the verb after the conjunction may then be joined to that
    phrase's verb ("ask the team to review the draft and sign it"), whatever the parser says, and is no head of a
    main clause. finite=True: only a finite clause counts (a clause with its own subject can be joined to that,
    never to a "to ..." phrase). A clause inside an aside that dashes or brackets close before the conjunction
    ("customers—developers who use APIs—and ask ...") does not count: the conjunction is outside it."""
    doc = view.doc
    opening = _aside_closed_after(view, position)
    node = doc[position]
    while node.i != root.i and node.head.i != node.i:
        verbal = node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"prep", "agent", "aux", "auxpass", "amod"}
        aside = opening is not None and node.left_edge.i > opening and node.right_edge.i <= position
        if (node.dep_ in SUBORDINATE or verbal) and (not finite or is_finite(node)) and not aside:
            return True
        node = node.head
    return False


def _aside_closed_after(view: View, position: int) -> int | None:
    """The index of the dash or bracket that opens an aside which a dash or bracket right after position closes."""
    doc = view.doc
    after = position + 1
    while after < len(doc) and doc[after].is_punct:
        mark = doc[after].text
        if mark in {"—", "–", ")"}:
            opening = {"—": "—", "–": "–", ")": "("}[mark]
            return next((t.i for t in reversed(doc[:position]) if t.text == opening), None)
        after += 1
    return None


# Structural operations ----------------------------------------------------------


REFERRING_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
"""Pronouns that point back to someone named before."""


def split_clauses(view: View, context: Context) -> Candidate | None:
    """Two full clauses joined by "and", "but", "so" or "yet" become two sentences.

    Preconditions: the parse reads one sentence; its root verb is finite and has its own subject, and that
    subject begins the sentence; a verb joined to the root as its conjunct is finite and has its own subject;
    the second clause runs to the end of the sentence; the first does not end inside a finite clause of its own
    ("They said that A, and B": B may be part of what was said); the sentence ends with a full stop; the
    conjunction is not
    inside a quotation; each part has at least four words. Nothing in the first clause may hold for the second
    too: a phrase before the subject ("Today,", "If it rains,"), a future or modal auxiliary, or a time when the
    second has none of its own (see _scope_over_second); said again or left out, each can make one of the two
    sentences false. The first part does not end with a series without its own conjunction. A personal
    pronoun before the second clause's subject ("..., and if they have prepared it, the team will ...") is not
    split off: opening a sentence, it would seem to mean the nouns just before it.
    """
    doc = view.doc
    clause = main_clause(view)
    if clause is None or _correlative(doc):
        return None
    root, _ = clause
    end = last_word(doc)
    for conj in root.children:
        if conj.dep_ != "conj" or conj.pos_ not in {"VERB", "AUX"} or conj.i < root.i:
            continue
        second = subject(conj)
        if second is None or not is_finite(conj) or second.i < conj.left_edge.i:
            continue
        begin, stop = word_range(conj)
        if any(t.lower_ in REFERRING_PRONOUNS for t in doc[begin : second.i]):
            continue
        if stop != end or any(conj not in t.ancestors and t != conj for t in doc[begin : stop + 1]):
            continue
        position, coordinator = coordinator_before(view, root, begin)
        if coordinator is None or coordinator.lower_ not in COORDINATORS:
            continue
        if _ends_inside_dependent(view, root, position, finite=True) or _unfinished_series(view, root, position):
            continue
        if _touches_fixed_gap(view, position + 1, begin) or view.quoted(conj):
            continue
        if view.words(0, position) < MIN_PART_WORDS or view.words(begin, end) < MIN_PART_WORDS:
            continue
        if _scope_over_second(view, root, position, conj):
            continue
        one = finish(view.span(0, position))
        rest = view.span(begin, len(doc) - 1)
        if coordinator.lower_ == "and":
            two = capitalise(rest)
            drops = {view.ident(coordinator)}
        else:
            two = join(capitalise(view.span(coordinator.i, coordinator.i)), rest)
            drops = set()
        return Candidate(
            "split_clauses",
            (Unit(one), Unit(finish(two))),
            f"split at “{coordinator.text}”",
            cuts=frozenset({(view.ident(conj), view.ident(root))}),
            drops=frozenset(drops),
        )
    return None


SCOPING_AUXILIARIES = frozenset("will would shall should must may might can could 'll 'd".split())
"""Auxiliaries of the future and of modality: in the first of two joined clauses they may hold for the second."""


def _scope_over_second(view: View, root, position: int, conj) -> bool:
    """True when something in the first clause may hold for the second too, and would be lost or moved by a
    split: a future or modal auxiliary ("They will raise X and that officer must ...": both are the plan), or a
    time ("X came into force on 1 December 2009 and the EU replaced Y": then, and so) when the second clause has
    none of its own."""
    doc = view.doc
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in SCOPING_AUXILIARIES for c in root.children):
        return True
    begin, stop = word_range(conj)
    return _timed(doc[0 : position + 1]) and not _timed(doc[begin : stop + 1])


def _unfinished_series(view: View, root, position: int) -> bool:
    """True when the first part ends with a series that has no conjunction of its own ("with A, B, C, and were
    able to ..."): the conjunction serves the series too, and the part cut there would end "A, B, C." Joined
    clauses before it ("A did X, B did Y, and C did Z") are the same case: cut there, a comma splice is left."""
    doc = view.doc
    if position + 1 >= len(doc) or doc[position + 1].text != ",":
        return False
    commas = [t.i for t in doc[root.i : position + 1] if t.text == ","]
    return bool(commas) and not any(t.dep_ == "cc" for t in doc[commas[-1] : position + 1])


SHARED_PREPOSITIONS = frozenset({"before", "after", "until", "by", "within", "without", "during", "unless", "except"})
"""Prepositions of a time, a deadline, a means or an exception: at the end of a second verb phrase ("print the
form and sign it before Friday") they may be meant for both verbs."""


def _joined_verb(view: View, root, *, bare: bool):
    """The one verb joined to the root without a subject of its own, whose phrase runs to the end of the
    sentence, as (verb, its phrase's first word, the sentence's last word); bare=True: in the bare form only."""
    doc = view.doc
    joined = [c for c in root.children if c.dep_ == "conj"]
    if len(joined) != 1 or subject(joined[0]) is not None:
        return None
    conj = joined[0]
    if (conj.tag_ != "VB") if bare else (conj.pos_ not in {"VERB", "AUX"}):
        return None
    end = last_word(doc)
    begin, stop = word_range(conj)
    if stop != end or any(conj not in t.ancestors and t != conj for t in doc[begin : stop + 1]):
        return None
    return conj, begin, end


def _shared_modifier(conj) -> bool:
    """True when a second verb phrase ends with what may be meant for both verbs: a clause ("if ...", "when
    ...") or a phrase of time, deadline, means or exception."""
    doc = conj.doc
    return any(
        c.dep_ == "advcl"
        or (c.dep_ == "prep" and c.lower_ in SHARED_PREPOSITIONS)
        # ", all in one morning": a phrase set off by a comma at the end may be said of both.
        or (c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "," and not c.is_punct)
        or (c.ent_type_ in {"DATE", "TIME"} and c.dep_ in {"npadvmod", "advmod"})
        for c in conj.children
        if c.i > conj.i
    )


MAX_REPEATED_SUBJECT = 5
"""A subject said again in a second sentence has at most this many words; a longer one is not repeated."""


def split_instructions(view: View, context: Context) -> Candidate | None:
    """Two instructions joined by "and" become two sentences: "Print the form and send it to us." -> "Print the
    form." and "Send it to us."

    Preconditions: the sentence is one imperative (its root verb in the bare form, without a subject) that begins
    the sentence (after at most a linking word or a leading phrase that is said again, see leading_phrase), is
    not negated and has no adverb before it ("Always check X and sign Y": "always" is for both); exactly one verb
    is joined to it, by "and", without a subject of its own, in the bare form, with its own object or complement
    (two verbs sharing one object stay together); the second instruction runs to the end of the sentence and does
    not end with what may be meant for both (a clause, a time, a deadline: "... and sign it before Friday"); the
    first instruction does not end inside a phrase or clause of its own ("Ask the team to review X and sign it":
    "sign" may be for the team); the sentence ends with a full stop; each part has at least four words; nothing is
    inside a quotation.
    """
    doc = view.doc
    found = roots(doc)
    if len(found) != 1 or not ends_with_stop(view) or _correlative(doc):
        return None
    root = found[0]
    if root.tag_ != "VB" or subject(root) is not None or view.quoted(root) or not clause_complete(root):
        return None
    lead = None
    before = [c for c in root.children if c.i < root.i and not c.is_punct]
    if before:
        # "Please", "Always", "Do not" are for both instructions; only a leading phrase is said again.
        if len(before) != 1 or before[0].left_edge.i != clause_start(view):
            return None
        lead = _instruction_lead(view, root, before[0])
        if lead is None:
            return None
    found = _joined_verb(view, root, bare=True)
    if found is None:
        return None
    conj, begin, end = found
    if not any(c.dep_ in {"dobj", "prep", "dative", "attr", "acomp", "xcomp", "ccomp", "prt"} for c in conj.children):
        return None
    if not any(c.dep_ in {"dobj", "prep", "dative", "attr", "acomp", "xcomp", "ccomp", "prt"} for c in root.children):
        return None
    if _shared_modifier(conj) or (lead is not None and _own_time(view, conj, lead)):
        return None
    position, coordinator = coordinator_before(view, root, begin)
    if coordinator is None or coordinator.lower_ != "and" or _touches_fixed_gap(view, position + 1, begin):
        return None
    if _ends_inside_dependent(view, root, position) or _unfinished_series(view, root, position):
        return None
    if view.words(0, position) < MIN_PART_WORDS or view.words(begin, end) < MIN_PART_WORDS:
        return None
    second = view.span(begin, len(doc) - 1)
    two = join(_said_again(view, lead), second) if lead is not None else capitalise(second)
    again = f", “{view.span(*lead).text}” said again" if lead is not None else ""
    return Candidate(
        "split_instructions",
        (Unit(finish(view.span(0, position))), Unit(finish(two))),
        f"split at “{coordinator.text}”{again}",
        cuts=frozenset({(view.ident(conj), view.ident(root))}),
        drops=frozenset({view.ident(coordinator)}),
    )


def _instruction_lead(view: View, root, phrase) -> tuple[int, int] | None:
    """The leading phrase of an instruction ("If you move, tell us ...") when it may be said again (as
    leading_phrase, with the imperative's verb in place of a subject)."""
    doc = view.doc
    start, stop = phrase.left_edge.i, phrase.right_edge.i
    after = stop + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    if after != root.i:
        return None
    return leading_phrase(view, root, root.i) if start == clause_start(view) else None


LIMITING = frozenset({"only", "just", "mainly", "partly", "simply", "largely", "mostly", "solely", "even", "not"})
"""Words that narrow a "because" ("only because"): the reason is then part of the claim, and stays with it."""


def detach_reason(view: View, context: Context) -> Candidate | None:
    """A reason or purpose at the end of a sentence becomes a sentence of its own.

    "You must wear a helmet because the road is busy." -> "You must wear a helmet." and "This is because the road
    is busy." ("was" when the sentence is in the past). Never "so that": it says a purpose or a result, and
    "This is so that ..." would always say a purpose.

    Preconditions: the main clause begins the sentence with its own subject and finite verb, and is not negated
    (in "He did not leave because it rained" the reason is what is denied); the clause starts with "because",
    hangs on the main verb, has its own subject and finite verb, and runs to the end; no word narrows it ("only
    because"); the sentence ends with a full stop; neither part is in a quotation; each part has at least four
    words; the main part does not begin with "This" and the reason's subject is not "this" or "that" ("This is a
    game. This is because this ..." echoes). "Because A, B." is read the same way, the reason coming first and
    closed by a comma right before the main clause's subject; it becomes "B." and "This is because A."
    """
    doc = view.doc
    found = roots(doc)
    if len(found) != 1:
        return None
    root = found[0]
    own = subject(root)
    if own is None or not is_finite(root) or own.i > root.i:
        return None
    if any(c.dep_ == "neg" for c in root.children) or not ends_with_stop(view):
        return None
    if own.left_edge.i != clause_start(view):
        return _fronted_reason(view, root, own)
    end = last_word(doc)
    for clause in root.children:
        if clause.dep_ != "advcl" or clause.i < root.i or not is_finite(clause) or subject(clause) is None:
            continue
        marks = [c for c in clause.children if c.dep_ == "mark" and c.i < clause.i]
        words = [m.lower_ for m in marks]
        if words != ["because"] or marks[0].i != clause.left_edge.i or _echoes_this(view, clause):
            continue
        begin, stop = word_range(clause)
        if stop != end or view.quoted(clause) or view.quoted(root):
            continue
        if doc[begin - 1].lower_ in LIMITING or any(c.lower_ in LIMITING for c in clause.children if c.i < begin):
            continue
        if view.words(0, begin - 1) < MIN_PART_WORDS or view.words(begin, end) < MIN_PART_WORDS:
            continue
        be = "was" if is_past(root) else "is"
        one = finish(view.span(0, begin - 1))
        two = finish(join(Draft.new(f"This {be}"), view.span(begin, len(doc) - 1)))
        return Candidate(
            "detach_reason",
            (Unit(one), Unit(two)),
            f"“{' '.join(words)} …” made a sentence",
            cuts=frozenset({(view.ident(clause), view.ident(root))}),
            words=frozenset({"this", be}),
        )
    return None


def _fronted_reason(view: View, root, own) -> Candidate | None:
    """ "Because A, B." -> "B." and "This is because A." (the preconditions of detach_reason, the reason first)."""
    doc = view.doc
    start = first_word(view)
    clause = doc[start].head
    if doc[start].lower_ != "because" or doc[start].dep_ != "mark" or clause.dep_ != "advcl" or clause.head != root:
        return None
    begin, stop = word_range(clause)
    if begin != start or stop + 1 >= len(doc) or doc[stop + 1].text != "," or own.left_edge.i != stop + 2:
        return None
    if not is_finite(clause) or subject(clause) is None or view.quoted(clause) or view.quoted(root):
        return None
    if _echoes_this(view, clause, doc[stop + 2]):
        return None
    if view.words(begin, stop) < MIN_PART_WORDS or view.words(stop + 2) < MIN_PART_WORDS:
        return None
    be = "was" if is_past(root) else "is"
    main = finish(capitalise(view.span(stop + 2, len(doc) - 1)))
    mark = view.span(start, start)
    reason = finish(join(Draft.new(f"This {be}"), mark.replace(0, 1, mark.text[0].lower()), view.span(start + 1, stop)))
    return Candidate(
        "detach_reason",
        (Unit(main), Unit(reason)),
        "“because …” at the start made a sentence after the main one",
        cuts=frozenset({(view.ident(clause), view.ident(root))}),
        drops=frozenset({view.ident(stop + 1)}),
        words=frozenset({"this", be}),
    )


def _echoes_this(view: View, clause, first=None) -> bool:
    """True when "This is because ..." would echo a "this" (the main part begins with "This", or the reason's
    subject is "this" or "that", which would then seem to point at the first sentence)."""
    first = first if first is not None else view.doc[clause_start(view)]
    own = subject(clause)
    return first.lower_ == "this" or (own is not None and own.lower_ in {"this", "that"})


def split_semicolon(view: View, context: Context) -> Candidate | None:
    """ "A; B" (or "A — B", the dash between spaces) becomes "A." and "B." when both sides are full clauses.

    Preconditions: the mark is outside quotations and brackets; each side has a finite verb with its own
    subject; the only link of the parse that crosses the mark joins the two sides' verbs; each side has at
    least four words.
    """
    doc = view.doc
    for mark in doc:
        dash = mark.text in {"—", "–"} and bool(mark.whitespace_) and mark.i > 0 and bool(doc[mark.i - 1].whitespace_)
        if (mark.text != ";" and not dash) or view.fixed(mark) or _inside_brackets(view, mark.i):
            continue
        left = [t for t in doc[: mark.i] if not t.is_punct]
        right = [t for t in doc[mark.i + 1 :] if not t.is_punct]
        if len(left) < MIN_PART_WORDS or len(right) < MIN_PART_WORDS:
            continue
        crossing = [t for t in doc if t.i != mark.i and t.head.i != mark.i and (t.i < mark.i) != (t.head.i < mark.i)]
        words = [t for t in crossing if not t.is_punct]
        if len(words) != 1:
            continue
        link = words[0]
        verbs = (link, link.head)
        if not all(v.pos_ in {"VERB", "AUX"} and is_finite(v) and subject(v) is not None for v in verbs):
            continue
        # "If X, do A; do B": a condition before the first clause may be meant for both, so it must not be there.
        left_verb = min(verbs, key=lambda v: v.i)
        if subject(left_verb).left_edge.i != clause_start(view) or _correlative(doc):
            continue
        begin = mark.i + 1
        coordinator = doc[begin] if doc[begin].dep_ == "cc" else None
        if coordinator is not None and coordinator.lower_ not in COORDINATORS:
            continue
        one = finish(view.span(0, mark.i - 1))
        drops = {view.ident(mark)}
        if coordinator is not None and coordinator.lower_ == "and":
            drops.add(view.ident(coordinator))
            begin += 1
        two = finish(capitalise(view.span(begin, len(doc) - 1)))
        return Candidate(
            "split_semicolon",
            (Unit(one), Unit(two)),
            f"split at “{mark.text}”",
            cuts=frozenset({(view.ident(link), view.ident(link.head))}),
            drops=frozenset(drops),
        )
    return None


def _correlative(doc) -> bool:
    """True for a sentence with a two-part conjunction ("not only ... but", "both ... and", "either ... or"):
    cutting it leaves the first part hanging."""
    words = [t.lower_ for t in doc]
    return any(t.dep_ == "preconj" for t in doc) or any(
        a == "not" and b == "only" for a, b in itertools.pairwise(words)
    )


def _inside_brackets(view: View, index: int) -> bool:
    depth = 0
    for token in view.doc[:index]:
        depth += token.text in {"(", "["}
        depth -= token.text in {")", "]"}
    return depth > 0


def detach_relative(view: View, context: Context) -> Candidate | None:
    """A non-restrictive relative clause on a name or a noun becomes a sentence of its own, with the name or the
    noun said again as its subject.

    "FBOpen, which launched in 2014, helps small businesses." -> "FBOpen helps small businesses." and
    "FBOpen launched in 2014."; "The party lost the elections of 1992 and 1997, which were marred by fraud." ->
    "... of 1992 and 1997." and "These elections were marred by fraud."

    Preconditions: the clause starts with "who" or "which" right after a comma (a restrictive clause, without
    the comma, narrows its noun and is never split); the relative pronoun is the clause's subject; its verb is
    finite; the noun it describes stands in the main clause, not in reported speech or another subordinate
    clause, and is not one of a series; a "who" clause ends the sentence or is closed by a comma before the
    noun's verb, a "which" clause is closed so, or ends the sentence with a plural verb after a plural noun (at
    the end, "which" may be about the whole sentence: "He joined Google, which surprised everyone"); no
    quotation is inside it. A name is said again whole (or "She"/"He" after "Ms."/"Mr."); a common noun as
    _noun_said_again says.
    """
    doc = view.doc
    end = last_word(doc)
    for verb in doc:
        if verb.dep_ != "relcl" or not is_finite(verb):
            continue
        head = verb.head
        relative = next(
            (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"who", "which"}), None
        )
        if relative is None or relative.i != verb.left_edge.i or relative.i < 2 or doc[relative.i - 1].text != ",":
            continue
        if head.i > relative.i or not in_main_clause(head) or view.fixed(relative.i - 1):
            continue
        if any(view.quoted(t) for t in verb.subtree):
            continue
        named_head = head.pos_ == "PROPN" or head.ent_type_ in NAME_ENTITIES
        if not named_head and head.pos_ != "NOUN":
            continue
        stop = word_range(verb)[1]
        closes = stop + 1 < len(doc) and doc[stop + 1].text == "," and stop + 1 < end
        if stop != end and not (closes and _continues(view, head, doc[stop + 2])):
            continue
        if stop == end and relative.lower_ == "which" and not _agrees_plural(head, verb):
            # "He joined Google, which surprised everyone": at the end, "which" may be about the whole sentence;
            # only a plural verb after a plural noun ("elections in 1997, which were marred by ...") says which.
            continue
        if _in_series(head):
            continue
        words: frozenset[str] = frozenset()
        pronoun = ""
        if named_head:
            first, last = name_range(head)
            if last >= relative.i - 1 or any(t.text == "," for t in doc[first : last + 1]):
                continue
            named = view.span(first, last)
            person = head
            while person.dep_ == "appos" and person.head.i < person.i:
                person = person.head
            pronoun = pronoun_for(person)
            who = (
                Draft.standing_for(pronoun, view.ident(person))
                if pronoun
                else capitalise(view.span(first, last, markers=False))
            )
            words = frozenset({pronoun.lower()} - {""})
        else:
            found = _noun_said_again(view, head, relative.i - 2)
            if found is None:
                continue
            who, words = found
            first = head.left_edge.i
            named = view.span(first, relative.i - 2)
        if any(view.quoted(i) for i in range(first, relative.i - 1)):
            continue
        new = finish(join(who, view.span(relative.i + 1, stop)))
        if closes:
            main = join(view.span(0, relative.i - 2), view.span(stop + 2, len(doc) - 1))
        else:
            main = join(view.span(0, relative.i - 2), ending(view))
        if view.words(0, relative.i - 2) + (view.words(stop + 2) if closes else 0) < MIN_PART_WORDS - 1:
            continue
        drops = {view.ident(relative), view.ident(relative.i - 1)} | ({view.ident(stop + 1)} if closes else set())
        return Candidate(
            "detach_relative",
            (Unit(finish(main)), Unit(new)),
            f"“{relative.text} …” about {named.text} made a sentence",
            drops=frozenset(drops),
            aliases=frozenset({(view.ident(person), view.ident(head))}) if pronoun else frozenset(),
            words=words,
        )
    return None


DEFINITE = frozenset({"the", "this", "that", "these", "those"})
NEGATIVE = frozenset({"no", "neither", "few", "little", "any", "every", "each", "either"})
"""Determiners with which a clause about the noun cannot be said of "this" noun ("no agency, which ...")."""


def _noun_said_again(view: View, head, last: int) -> tuple[Draft, frozenset[str]] | None:
    """The subject for a sentence made of a relative clause on a common noun: its noun phrase said again when it
    is definite ("the FRANK website" -> "The FRANK website"), else "This"/"These" and the noun with the words
    before it ("a new helpline" -> "This new helpline", "young people" -> "These young people"); None when the
    phrase is not one run of words of its own before the comma, is longer than six words, hangs on "of" ("hundreds
    of thousands") or has a determiner that cannot be said again ("no", "few", "every")."""
    doc = view.doc
    first = head.left_edge.i
    if head.dep_ in {"compound", "appos"} or (head.dep_ == "pobj" and head.head.lower_ == "of"):
        return None
    phrase = doc[first : last + 1]
    if any(head not in t.ancestors and t != head for t in phrase) or any(t.text in {",", ";"} for t in phrase):
        return None
    if view.words(first, last) > MAX_REPEATED_SUBJECT + 1 or any(t.dep_ == "conj" for t in phrase):
        return None
    det = next((c for c in head.children if c.dep_ in {"det", "poss", "predet"} and c.i < head.i), None)
    if det is not None and det.lower_ in NEGATIVE:
        return None
    if det is not None and (det.lower_ in DEFINITE or det.dep_ == "poss") and det.i == first:
        return capitalise(view.span(first, last, markers=False)), frozenset()
    word = "These" if head.tag_ in {"NNS", "NNPS"} else "This"
    start = det.i + 1 if det is not None and det.i == first else first
    if start > head.i:
        return None
    rest = _as_inside(view.span(start, last, markers=False), doc[start])
    return join(Draft.new(word), rest), frozenset({word.lower()})


def _agrees_plural(head, verb) -> bool:
    """True when a plural noun and the relative clause's verb (or its auxiliary) are both plural."""
    if head.tag_ not in {"NNS", "NNPS"}:
        return False
    forms = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    finite = next((f for f in forms if f.tag_ in {"VBP", "VBD", "VBZ", "MD"}), None)
    return finite is not None and (finite.tag_ == "VBP" or finite.lower_ in {"were", "are", "have"})


def shorten_appositive(view: View, context: Context) -> Candidate | None:
    """A description set off by commas after a name becomes a sentence of its own.

    "Dr Jane Roe, Chief Adviser for the Safe Homes programme, said ..." -> "Dr Jane Roe said ..." and
    "Dr Jane Roe is Chief Adviser for the Safe Homes programme." ("was" when the sentence is in the past; "She"
    or "He" when the name has "Ms." or "Mr.").

    Preconditions: the name is a person's (the parser's PERSON entity), perhaps after a title written as titles
    are ("Dr", "Ms."; "MS Word" has none), and nothing else; the description is a noun phrase the parser
    attaches to the name as an appositive, without a digit (a date or a term of office would be said as if it
    held now), a finite verb, a dash, or a bracket other than one around an abbreviation ("(IOM)"); the name
    ends right before the comma (so a description is never given to the wrong name) and stands in the main
    clause; the description is set off by commas only: closed by a comma or the end of the sentence, and what
    follows the closing comma is the name's verb or a clause ("speaking for ..."), never another noun phrase
    that would then describe the name; no word ties it to a time ("then", "late", "now"); no quotation is
    inside it.
    """
    doc = view.doc
    found = roots(doc)
    if len(found) != 1:
        return None
    root = found[0]
    end = last_word(doc)
    for description in doc:
        if description.dep_ != "appos" or description.pos_ not in {"NOUN", "PROPN"}:
            continue
        head = description.head
        if head.i > description.i or not (head.pos_ == "PROPN" or head.ent_type_ in NAME_ENTITIES):
            continue
        begin, stop = word_range(description)
        if begin < 2 or doc[begin - 1].text != "," or view.fixed(begin - 1):
            continue
        first, last = name_range(head)
        if last != begin - 2 or not in_main_clause(head) or not _person_named(head, first, last):
            continue
        if any(view.quoted(i) for i in range(first, stop + 1)) or any(t.lower_ in TEMPORAL for t in doc[begin:stop]):
            continue
        if not _plain_description(doc[begin : stop + 1]):
            continue
        if any(c.dep_ in SUBJECTS for c in description.children):
            continue
        # A series after a name ("X, the A, the B and others") is a list, not a description of X; a name in a
        # series ("A, B, the C") has no description of its own.
        if _listed(description) or _in_series(head):
            continue
        if any(t.text in {",", ";"} for t in doc[first : last + 1]):
            continue
        if stop == end:
            main = join(view.span(0, begin - 2), ending(view))
            drops = {view.ident(begin - 1)}
        elif doc[stop + 1].text == "," and stop + 2 <= end and not view.fixed(stop + 1):
            after = doc[stop + 2]
            if _continues(view, head, after):
                main = join(view.span(0, begin - 2), view.span(stop + 2, len(doc) - 1))
                drops = {view.ident(begin - 1), view.ident(stop + 1)}
            elif after.tag_ in {"VBG", "VBN"} or after.dep_ in {"advcl", "acl", "relcl"}:
                main = join(view.span(0, begin - 2), view.span(stop + 1, len(doc) - 1))
                drops = {view.ident(begin - 1)}
            else:
                continue
        else:
            continue
        if view.words(0, begin - 2) + (view.words(stop + 1) if stop < end else 0) < MIN_PART_WORDS - 1:
            continue
        pronoun = pronoun_for(head)
        who = (
            Draft.standing_for(pronoun, view.ident(head))
            if pronoun
            else capitalise(view.span(first, last, markers=False))
        )
        be = _be(is_past(root), is_plural(head))
        new = finish(join(who, Draft.new(be), view.span(begin, stop)))
        return Candidate(
            "shorten_appositive",
            (Unit(finish(main)), Unit(new)),
            f"“{view.span(begin, stop).text}” said of {view.span(first, last).text} in a sentence of its own",
            drops=frozenset(drops),
            words=frozenset({be, pronoun.lower()} - {""}),
        )
    return None


def _person_named(head, first: int, last: int) -> bool:
    """True when the words first..last are a person's name (the parser's PERSON entity), perhaps after a title."""
    doc = head.doc
    if head.ent_type_ != "PERSON":
        return False
    start = first + 1 if doc[first].text in TITLES else first
    entity = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    return entity is not None and start <= last and entity.start <= start and last < entity.end


BRACKETED_ABBREVIATION = re.compile(r"\(\s*[A-Z][A-Za-z0-9&-]*[A-Z0-9]\s*\)")
"""A bracket that only holds an abbreviation ("(IOM)"): the rest of a description may hold it."""
DASHES = frozenset({"-", "–", "—", "--", "―"})


def _plain_description(span) -> bool:
    """True when an appositive is a plain noun phrase: no digit, no finite verb, no dash on its own, no bracket
    but one around an abbreviation."""
    text = BRACKETED_ABBREVIATION.sub("", span.text)
    if any(char.isdigit() or char in "()[]{}–—―" for char in text):
        return False
    if any(t.text in DASHES for t in span):
        return False
    return not any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in span)


def series_to_list(view: View, context: Context) -> Candidate | None:
    """A series of three or more things joined by "and" that ends the sentence becomes a bulleted list.

    "The crime requires the cooperation of many groups, including governments, charities and businesses." ->
    "The crime requires the cooperation of many groups, including:" and the items "governments", "charities",
    "businesses".

    Preconditions: the parser joins three or more words of the same kind (nouns, or "-ing" verbs; all names or
    none) as conjuncts, with "and" and never "or" or "nor"; between the items stand only commas and the "and"; the last
    item ends the sentence, so every condition of the sentence is in the lead-in; each item has at most ten
    words and no comma of its own; the lead-in has at least three words; nothing is inside a quotation; when the
    first item has a determiner ("the"), every singular item has its own (else the determiner is shared, and
    "the higher wage, lower tax and lower welfare society" is one society); not every item is one word (a list of
    single words is no simpler); the lead-in does not end in an adjective, a determiner, a possessive, a number or
    a participle (the items would complete its noun phrase); the first item has no possessive, number or
    determiner other than an article that the others lack, and no more words before its noun than some other item
    ("our patients, schools and shops", "new laws, courts and prisons": "our", "new" may be meant for all three).
    """
    doc = view.doc
    end = last_word(doc)
    for first in doc:
        if first.dep_ not in SERIES_ROLES or first.pos_ not in {"NOUN", "PROPN", "VERB"}:
            continue
        members = [first]
        while True:
            following = [c for c in members[-1].children if c.dep_ == "conj" and c.i > members[-1].i]
            if len(following) != 1:
                break
            members.append(following[0])
        fanned = [c for c in first.children if c.dep_ == "conj"]
        if len(fanned) > 1:
            members = [first, *sorted(fanned, key=lambda t: t.i)]
        if len(members) < 3 or len({_kind(m) for m in members}) != 1 or _kind(first) == "":
            continue
        # All names or no names: in "Ann, the coach, and Bob" the coach may be Ann, not a third person.
        if len({m.ent_type_ == "PERSON" for m in members}) != 1 or len({in_name(m) for m in members}) != 1:
            continue
        # "the higher wage, lower tax and lower welfare society": a determiner that only the first item has is
        # shared, and the items may be stacked modifiers of one noun; each item must stand as a phrase of its own.
        determined = [any(c.dep_ in {"det", "poss"} for c in m.children) for m in members]
        if determined[0] and any(not d and m.tag_ == "NN" for m, d in zip(members[1:], determined[1:], strict=True)):
            continue
        coordinators = [t for m in members for t in m.children if t.dep_ in {"cc", "preconj"}]
        if not coordinators or any(t.lower_ != "and" for t in coordinators):
            continue
        items: list[tuple[int, int]] = []
        gaps: list[list[str]] = []
        begin = first.left_edge.i
        valid = True
        for position in range(len(members)):
            if position + 1 < len(members):
                next_begin = members[position + 1].left_edge.i
                stop = next_begin - 1
                while stop >= begin and doc[stop].text in {",", "and"}:
                    stop -= 1
                gaps.append([t.lower_ for t in doc[stop + 1 : next_begin]])
            else:
                stop, next_begin = members[-1].right_edge.i, end + 1
                while stop > begin and doc[stop].is_punct:
                    stop -= 1
            if stop < begin:
                valid = False
                break
            items.append((begin, stop))
            begin = next_begin
        # "A, B and C" or "A, B, and C": commas, and "and" before the last item only. "A, B and C and D" is
        # not one series ("Ms. X, Survivor and Founder and CEO of Y" is one person).
        if not valid or any(g != [","] for g in gaps[:-1]) or gaps[-1] not in (["and"], [",", "and"]):
            continue
        if not valid or items[-1][1] != end:
            continue
        if any(any(t.text == "," for t in doc[a : b + 1]) or view.words(a, b) > MAX_ITEM_WORDS for a, b in items):
            continue
        # "tells donors, funders and volunteers about your charity": a phrase after the last item may be meant
        # for the whole series (or for the verb), so the series does not end the sentence.
        modifiers = [any(c.dep_ in POST_MODIFIERS and c.i > m.i for c in m.children) for m in members]
        if modifiers[-1] and not all(modifiers[:-1]):
            continue
        lead_end = items[0][0] - 1
        if view.words(0, lead_end) < 3 or any(view.quoted(i) for i in range(0, end + 1)):
            continue
        # "apples, pears and plums": a list of single words is no simpler than the series.
        if all(view.words(a, b) == 1 for a, b in items):
            continue
        if _lead_in_unfinished(view, lead_end) or _first_modifier_shared(members, items):
            continue
        if any(view.fixed(t) for a, b in items[1:] for t in (a - 1,)):
            continue
        lead = view.span(0, lead_end).strip()
        while lead.text and lead.text[-1] in ",;:":
            lead = lead[:-1].strip()
        lead = lead + Draft.new(":")
        drafts = tuple(view.span(a, b) for a, b in items)
        drops = {view.ident(t) for a, b in itertools.pairwise(items) for t in doc[a[1] + 1 : b[0]]}
        return Candidate(
            "series_to_list",
            (Unit(lead, drafts),),
            f"a series of {len(items)} made a list",
            drops=frozenset(drops),
        )
    return None


NOUN_PHRASE_DEPS = frozenset({"amod", "det", "predet", "poss", "case", "compound", "nmod", "nummod", "quantmod"})
"""Links of a word inside a noun phrase, before its noun."""
UNFINISHED_TAGS = frozenset({"JJ", "JJR", "JJS", "DT", "PDT", "PRP$", "WP$", "POS", "CD", "VBN", "VBG"})
"""Penn tags of a word that leaves a noun phrase open: an adjective, a determiner, a possessive, a number, a
participle."""
ARTICLES = frozenset({"the", "a", "an"})
"""Articles: before the first item only, they are no modifier a list would misplace."""


def _lead_in_unfinished(view: View, lead_end: int) -> bool:
    """True when a lead-in ends inside the noun phrase the items complete ("We support modern," "the agency's"):
    an adjective, a determiner, a possessive, a number or a participle before a colon reads wrongly (a
    preposition such as "including" is no participle here)."""
    doc = view.doc
    last = lead_end
    while last >= 0 and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < 0:
        return True
    word = doc[last]
    if word.tag_ in {"VBN", "VBG"} and word.dep_ == "prep":
        return False
    return word.tag_ in UNFINISHED_TAGS or word.pos_ in {"ADJ", "DET", "NUM"} or word.dep_ in NOUN_PHRASE_DEPS


def _first_modifier_shared(members, items: list[tuple[int, int]]) -> bool:
    """True when the first item has a possessive, a number or a determiner (not an article) that another item
    lacks, or more words before its noun than any other item ("our patients, schools and shops", "new laws,
    courts and prisons"): those words may be meant for every item, and a list would give them to the first alone
    (a word of a name does not count)."""

    def modifiers(member, item: tuple[int, int]) -> int:
        doc = member.doc
        return sum(
            not t.is_punct and t.lower_ not in ARTICLES and not (in_name(t) and in_name(member))
            for t in doc[item[0] : member.i]
        )

    def determined(member, item: tuple[int, int]) -> bool:
        return any(t.dep_ in DISTRIBUTING and t.lower_ not in ARTICLES for t in member.doc[item[0] : member.i]) or any(
            c.dep_ == "poss" for c in member.children
        )

    # "our patients, schools and shops": a possessive, a number or "these" on the first item alone may be meant
    # for every item, whatever the counts of other words.
    if determined(members[0], items[0]) and not all(
        determined(m, item) for m, item in zip(members[1:], items[1:], strict=True)
    ):
        return True
    counts = [modifiers(m, item) for m, item in zip(members, items, strict=True)]
    return counts[0] > max(counts[1:])


DISTRIBUTING = frozenset({"poss", "det", "predet", "nummod"})
"""Links of the words before a noun that may be meant for every item of a series."""


POST_MODIFIERS = frozenset({"prep", "acl", "relcl", "advmod", "npadvmod"})
"""Links of a phrase that follows a noun ("about your charity", "that we know")."""
SERIES_ROLES = frozenset({"dobj", "pobj", "attr", "oprd", "dative", "xcomp", "pcomp"})
"""What the first item of a series may be to the lead-in: its object, or the object of its last preposition."""


def _kind(token) -> str:
    if token.pos_ in {"NOUN", "PROPN"}:
        return "noun"
    if token.tag_ == "VBG":
        return "gerund"
    return ""


STRUCTURAL: tuple[Operation, ...] = (
    split_semicolon,
    split_clauses,
    split_instructions,
    detach_reason,
    detach_relative,
    shorten_appositive,
    series_to_list,
)
"""Operations that cut a long sentence, in the order they are tried."""


# Word operations -----------------------------------------------------------------


def swap_words(view: View, context: Context) -> Candidate | None:
    """Hard words and phrases replaced by the plain ones of the word table, where the entry holds.

    Preconditions, for each word: the table has an entry for its dictionary form in its part of speech (as the
    parser tags it) and the entry's conditions hold (its tags, the words around it, a direct object, the start
    of the sentence); the word is not part of a name, a quotation, a link, emphasis, code or another language;
    a noun is not part of a compound ("water shortage"), a verb is not used as an adjective ("a targeted group");
    the word is not all the part says (a word list names its words); the plain word in its new form is a real
    word, is not already in the sentence, and is no phrasal verb before a pronoun object; the same hard word is
    not also left elsewhere in the sentence. "a"/"an" before a replaced word follows the new word.
    """
    doc = view.doc
    table = word_table()
    changes: dict[int, tuple[int, str]] = {}
    pattern = phrase_pattern()
    if pattern is not None:
        for match in pattern.finditer(doc.text):
            span = doc.char_span(match.start(), match.end())
            entry = phrase_entry(match[0]) if span is not None else None
            if span is None or entry is None or any(view.fixed(t) or t.i in changes for t in span):
                continue
            if sum(1 for t in span if t.text[:1].isupper()) > 1 or any(t.ent_type_ in NAME_ENTITIES for t in span):
                continue
            if not entry.holds(span[0], span[-1]):
                continue
            plain = entry.plain
            if span[0].pos_ in {"VERB", "AUX"} and span[0].lower_ != entry.hard.split()[0]:
                plain = inflect_phrase(plain, span[0].tag_)
            changes[span[0].i] = (span[-1].i, plain)
            for token in span[1:]:
                changes[token.i] = (token.i, "")
    words_here = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc}
    singles: set[int] = set()
    for token in doc:
        if token.i in changes or view.fixed(token) or in_name(token):
            continue
        section = SECTIONS.get(token.pos_)
        if section is None:
            continue
        entry = table.get(section, {}).get(token.lemma_.lower())
        if entry is None or token.lemma_.lower() in context.kept or not entry.holds(token):
            continue
        if section == "noun" and (token.dep_ == "compound" or any(c.dep_ == "compound" for c in token.children)):
            continue
        if section == "verb" and token.dep_ in {"amod", "compound"}:
            continue
        plain = inflect_phrase(entry.plain, token.tag_) if section in {"verb", "noun"} else entry.plain
        if not all(is_real_word(w) for w in plain.split(" ")):
            continue
        # "modify software and change it" must not become "change software and change it", nor "although there
        # were some modifications" after "change" become "some changes".
        if any(lemmas(w) & words_here for w in plain.split(" ") if len(w) > 3):
            continue
        # "reimburse them" is "pay them back", never "pay back them": a phrasal verb keeps a pronoun object.
        if (
            section == "verb"
            and " " in entry.plain
            and any(c.dep_ == "dobj" and c.pos_ == "PRON" for c in token.children)
        ):
            continue
        changes[token.i] = (token.i, plain)
        singles.add(token.i)
    # A sentence says one thing one way: a hard word that stays somewhere in the sentence (in a quotation, or
    # where its entry does not hold) is not replaced elsewhere in it.
    for lemma in {doc[i].lemma_.lower() for i in singles}:
        same = [t for t in doc if t.lemma_.lower() == lemma or t.lower_ == lemma]
        if any(t.i not in singles for t in same):
            for t in same:
                if t.i in singles:
                    changes.pop(t.i, None)
    starts = sorted(i for i, (_, plain) in changes.items() if plain)
    # A part that is only the hard word ("henceforth" in a list of words to avoid) names the word: it stays.
    if len(starts) == 1 and view.words() == view.words(starts[0], changes[starts[0]][0]):
        return None
    if not starts:
        return None
    draft = view.draft
    said: list[str] = []
    replaced = {view.ident(j) for i in starts if changes[i][0] > i for j in range(i, changes[i][0] + 1)}
    for index in reversed(starts):
        last, plain = changes[index]
        token = doc[index]
        if token.text[:1].isupper():
            plain = plain[:1].upper() + plain[1:]
        begin = view.start(index)
        stop = view.chars[doc[last].idx + len(doc[last].text) - 1] + 1
        said.append(f"{doc[index : last + 1].text} → {plain}")
        draft = draft.replace(begin, stop, plain)
        if index > 0 and doc[index - 1].lower_ in {"a", "an"} and not view.fixed(index - 1):
            article = article_for(plain)
            before = doc[index - 1]
            if article != before.lower_:
                article = article.capitalize() if before.text[:1].isupper() else article
                draft = draft.replace(view.start(before), view.start(before) + len(before.text), article)
    hard = frozenset(doc[i].lemma_.lower() for i in singles if i in changes)
    return Candidate("swap_words", (Unit(draft),), "; ".join(reversed(said)), replaced=frozenset(replaced), hard=hard)


def compare_percentage(view: View, context: Context) -> Candidate | None:
    """ "35 percent" gains a child's comparison: "35 percent (about 1 in 3)".

    Preconditions: the sentence has at most twenty words (in a longer one a comparison adds to the load); the
    percentage is a share of things that can be counted, "35 percent of the victims" (of a plural noun or
    "them"), never a rate, a sum of money or a modifier ("grew by 7%", "a 90% pass rate"); it is not inside a
    quotation or brackets, and no comparison follows it already; a fraction is close to the exact share
    (convert.plain.numbers.comparison) or none is given.
    """
    draft = view.draft
    found = False
    if view.words() > MAX_COMPARED_WORDS:
        return None
    for match in reversed(list(PERCENT.finditer(view.text))):
        words = comparison(float(match["number"]))
        following = view.text[match.end() : match.end() + 24]
        if not words or re.match(r",? \(?(?:about|almost|or|that is|half|nearly|roughly|very|one|\d+ in)", following):
            continue
        if any(view.flag(i) & QUOTED for i in range(match.start(), match.end())) or not _share_of_things(
            view, match.end()
        ):
            continue
        before = view.text[: match.start()]
        if before.count("(") > before.count(")"):
            # "(76 per cent)" would become "(76 per cent (about 3 in 4))".
            continue
        if words.startswith("about ") and re.search(
            r"\b(?:about|approximately|around|nearly|roughly|some)\s*$", before, re.I
        ):
            # "about 35 percent (about 1 in 3)" says "about" twice.
            words = "roughly " + words.removeprefix("about ")
        draft = draft[: match.end()] + Draft.new(f" ({words})") + draft[match.end() :]
        found = True
    if not found:
        return None
    return Candidate(
        "compare_percentage",
        (Unit(draft),),
        "a percentage compared",
        words=frozenset({"about", "roughly", "half", "in", *map(str, range(1, 11))}),
    )


COUNTED_PRONOUNS = frozenset({"them", "us", "you", "these", "those"})


def _share_of_things(view: View, end: int) -> bool:
    """True when the percentage ending at draft position end is followed by "of" and a plural noun phrase."""
    after = next((t for t in view.doc if view.start(t) >= end), None)
    if after is None or after.lower_ != "of":
        return False
    # The noun phrase's head is the last of the nouns after its determiners and adjectives (read by the words'
    # tags, which the small model gets right more often than the links).
    head = None
    for token in view.doc[after.i + 1 :]:
        if token.lower_ in COUNTED_PRONOUNS and head is None:
            return True
        if token.pos_ in {"NOUN", "PROPN"}:
            head = token
        elif head is not None or not (token.pos_ in {"DET", "ADJ", "NUM"} or token.dep_ in {"amod", "det", "poss"}):
            break
    return head is not None and head.tag_ in {"NNS", "NNPS"}


FINISHING: tuple[Operation, ...] = (swap_words, compare_percentage)
"""Operations tried on every sentence, long or short, after the structural ones."""
