"""Word knowledge for plain language: the word table with its conditions, the glossary, well-known
organisations, common words, lemmas and inflection."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convert.errors import InputError, MissingDependency

if TYPE_CHECKING:
    from spacy.tokens import Token

COMMON_WORD_COUNT = 3000
"""A word is common when it is among this many most frequent English words (wordfreq)."""
REAL_WORD_ZIPF = 3.0
"""A word a rewrite writes is a real English word in that form when its Zipf frequency (wordfreq: 3 is once in a
million words) is at least this: "spending" (4.7) is, "spendings" (1.6) is not."""
HELP_NOTE_VARIABLE = "ACCESSCONVERT_HELP_NOTE"
"""Environment variable naming a publisher's help-note TOML file, or "off"."""
SECTIONS = {"VERB": "verb", "NOUN": "noun", "ADJ": "adj", "ADV": "adv"}
"""spaCy's coarse part of speech -> the table section that holds words of that part of speech."""
IRREGULAR_PLURALS = {"person": "people", "child": "children"}
CONDITIONS = frozenset(
    {
        "plain",
        "tags",
        "not_tags",
        "next",
        "not_next",
        "previous",
        "not_previous",
        "object",
        "clause",
        "first",
        "alone",
        "bare",
        "mass",
        "not_perfect",
        "number",
    }
)
"""The keys an entry of the word table may have (see convert/data/plain_words.toml)."""


def _load_toml(name: str) -> dict[str, Any]:
    with resources.files("convert.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the word table: the plain word and the conditions under which it may replace the hard one."""

    hard: str
    """The hard word (dictionary form) or phrase."""
    plain: str
    """The plain word or phrase, uninflected."""
    pos: str
    """The table section: "verb", "noun", "adj", "adv" or "phrase"."""
    tags: frozenset[str] = frozenset()
    """Penn tags the word must have (empty: any)."""
    not_tags: frozenset[str] = frozenset()
    """Penn tags the word must not have."""
    next: frozenset[str] = frozenset()
    """The next word must be one of these (empty: any)."""
    not_next: frozenset[str] = frozenset()
    """The next word must not be one of these."""
    previous: frozenset[str] = frozenset()
    """The word before must be one of these (empty: any)."""
    not_previous: frozenset[str] = frozenset()
    """The word before must not be one of these."""
    object: bool = False
    """The verb must have a direct object (a noun phrase)."""
    clause: bool = False
    """The verb must have a clause as its object ("that ...")."""
    first: bool = False
    """Only as the first word of a sentence."""
    alone: bool = False
    """The word must have no adverb of degree on it ("more legally sufficient" is not "more legally enough")."""
    bare: bool = False
    """The verb must have no clause or "to ..." after it ("requires you to apply" is not "needs you to apply")."""
    number: bool = False
    """The next word must be a number ("approximately 35")."""
    mass: bool = False
    """The plain noun is a mass noun: only the singular is replaced ("expenditures" is never "spendings")."""
    not_perfect: bool = False
    """The verb the adverb modifies must not be in a perfect tense ("have subsequently joined" is not "have later
    joined")."""

    def holds(self, token: Token, last: Token | None = None) -> bool:
        """True when the entry's conditions hold for a token (the first of a phrase, whose last word is last)."""
        doc = token.doc
        end = last if last is not None else token
        following = doc[end.i + 1].lower_ if end.i + 1 < len(doc) else ""
        previous = doc[token.i - 1].lower_ if token.i > 0 else ""
        if self.tags and token.tag_ not in self.tags:
            return False
        if token.tag_ in self.not_tags:
            return False
        if (self.next and following not in self.next) or following in self.not_next:
            return False
        if previous in self.not_previous or (self.previous and previous not in self.previous):
            return False
        if self.number and not (end.i + 1 < len(doc) and doc[end.i + 1].like_num):
            return False
        if self.mass and token.tag_ in {"NNS", "NNPS"}:
            return False
        if self.not_perfect and any(c.lemma_ == "have" and c.dep_ == "aux" for c in token.head.children):
            return False
        if self.first and any(not t.is_punct for t in doc[token.sent.start : token.i]):
            return False
        if last is not None and _clause_on_phrase(token, last):
            return False
        if self.pos == "noun" and any(c.dep_ == "prep" and c.lower_ != "of" for c in token.children):
            # The noun chose its preposition; the plain noun may take another.
            return False
        if self.clause and not any(c.dep_ == "ccomp" for c in token.children):
            return False
        if self.bare and any(c.dep_ in {"xcomp", "ccomp", "advcl"} for c in token.children):
            return False
        if self.alone and any(c.dep_ in {"advmod", "npadvmod"} for c in token.children):
            return False
        if self.alone and previous in {"more", "most", "less", "least", "very", "so", "too", "quite"}:
            return False
        return not (self.object and not any(c.dep_ == "dobj" for c in token.children))


def _clause_on_phrase(first: Token, last: Token) -> bool:
    """True when a relative clause outside a phrase depends on a noun inside it ("the majority of pupils who
    walk": the parser hangs "who walk" on "majority"): the phrase replaced, the clause would lose the noun it is
    about. (A phrase's own "to ..." is no relative clause: "in order to gain" has "gain" on "order".)"""
    inside = range(first.i, last.i + 1)
    return any(
        t.dep_ == "relcl" and t.i not in inside and t.head.i in inside and t.head.pos_ in {"NOUN", "PROPN", "PRON"}
        for t in first.doc
    )


def _entry(section: str, hard: str, value: str | dict[str, Any]) -> Entry:
    if isinstance(value, str):
        return Entry(hard.lower(), value, section)
    unknown = set(value) - CONDITIONS
    if unknown or "plain" not in value:
        raise ValueError(f"plain_words.toml: [{section}] {hard}: unknown keys {sorted(unknown)} or no plain word")
    sets = {k: frozenset(w.lower() if k != "tags" and k != "not_tags" else w for w in value[k])
            for k in ("tags", "not_tags", "next", "not_next", "previous", "not_previous") if k in value}  # fmt: skip
    flags = {
        k: bool(value[k])
        for k in ("object", "clause", "first", "alone", "bare", "mass", "not_perfect", "number")
        if k in value
    }
    return Entry(hard.lower(), value["plain"], section, **sets, **flags)


@functools.cache
def word_table() -> dict[str, dict[str, Entry]]:
    """The word table: section ("verb", "noun", "adj", "adv", "phrase") -> hard word -> entry."""
    data = _load_toml("plain_words.toml")
    return {
        section: {k.lower(): _entry(section, k, v) for k, v in entries.items()} for section, entries in data.items()
    }


@functools.cache
def phrase_pattern() -> re.Pattern[str] | None:
    """One pattern for every phrase of the table; a first word that is a verb matches its inflections too."""
    entries = word_table().get("phrase", {})
    if not entries:
        return None
    alternatives = []
    for hard in sorted(entries, key=len, reverse=True):
        first, _, rest = hard.partition(" ")
        forms = sorted(verb_forms(first), key=len, reverse=True)
        head = "(?:" + "|".join(re.escape(f) for f in forms) + ")"
        alternatives.append(head + (r"\s+" + r"\s+".join(re.escape(w) for w in rest.split()) if rest else ""))
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(alternatives) + r")(?![\w’'-])", re.IGNORECASE)


def phrase_entry(text: str) -> Entry | None:
    """The table's phrase entry for a matched run of words."""
    entries = word_table().get("phrase", {})
    words = text.lower().split()
    direct = entries.get(" ".join(words))
    if direct is not None:
        return direct
    for hard, entry in entries.items():
        first, *rest = hard.split()
        if rest == words[1:] and words[0] in verb_forms(first):
            return entry
    return None


@functools.cache
def verb_forms(word: str) -> frozenset[str]:
    """A word and, when it is a verb's dictionary form, every inflection of it ("take", "took", "taking")."""
    from lemminflect import getAllInflections

    forms = {word}
    for inflections in getAllInflections(word, upos="VERB").values():
        forms.update(inflections)
    return frozenset(forms)


@functools.cache
def word_forms(word: str) -> frozenset[str]:
    """A word and every inflection of it in any part of speech ("require", "requires", "required"...)."""
    from lemminflect import getAllInflections

    forms = {word}
    for inflections in getAllInflections(word).values():
        forms.update(inflections)
    return frozenset(f.lower() for f in forms)


# The glossary and the organisations ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Glossary:
    """The "Words to know" definitions by kind of term."""

    nouns: dict[str, str]
    """Noun (dictionary form) -> definition."""
    adjectives: dict[str, str]
    """Adjective -> definition."""
    phrases: dict[str, str]
    """Term of several words, lower case -> definition."""

    def items(self) -> list[tuple[str, str]]:
        """Every term and its definition."""
        return [*self.phrases.items(), *self.nouns.items(), *self.adjectives.items()]


@functools.cache
def glossary() -> Glossary:
    """The child glossary: terms and definitions a 9-year-old understands."""
    data = _load_toml("child_glossary.toml")
    return Glossary(dict(data.get("noun", {})), dict(data.get("adj", {})), dict(data.get("phrase", {})))


@dataclass(frozen=True, slots=True)
class Organisation:
    """A well-known organisation: its abbreviation, its names and what a child should know about it."""

    short: str
    """The abbreviation, for example "UNODC"."""
    names: tuple[str, ...]
    """Its full name and other ways of writing it."""
    about: str
    """What it is, said after "UNODC is ..."."""

    def named(self, expansion: str) -> bool:
        """True when a source's expansion of the abbreviation is this organisation's name."""
        wanted = _normal_name(expansion)
        return any(_normal_name(n) == wanted for n in self.names)


def _normal_name(name: str) -> str:
    name = re.sub(r"^the\s+", "", " ".join(name.replace("’", "'").split()), flags=re.IGNORECASE)
    return name.lower().replace("-", " ")


@functools.cache
def organisations() -> dict[str, Organisation]:
    """Well-known organisations by abbreviation."""
    data = _load_toml("organisations.toml")
    return {
        short: Organisation(short, (entry["name"], *entry.get("also", ())), entry["about"])
        for short, entry in data.items()
    }


@dataclass(frozen=True, slots=True)
class HelpNote:
    """Where a child can find help: the note's paragraphs and the subjects that call for it."""

    paragraphs: tuple[str, ...]
    """The note's text, one paragraph each; empty when the publisher turned the note off."""
    topics: tuple[str, ...] = ()
    """Words of the article that call for the note; empty means every article gets it."""


def help_note(path: Path | str | None = None) -> HelpNote:
    """The help note from path, the ACCESSCONVERT_HELP_NOTE file, or the packaged default."""
    chosen = path if path is not None else os.environ.get(HELP_NOTE_VARIABLE, "")
    if str(chosen).strip().lower() in {"off", "none", "0", "false"}:
        return HelpNote(())
    if chosen:
        location = Path(chosen)
        try:
            data = tomllib.loads(location.read_text(encoding="utf-8"))
        except OSError as error:
            raise InputError(f"cannot read the help note: {error.strerror}", path=location) from None
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"the help note is not valid TOML: {error}", path=location) from None
    else:
        data = _load_toml("help_note.toml")
    if not data.get("enabled", True):
        return HelpNote(())
    paragraphs = data.get("paragraphs", [])
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        raise InputError('the help note needs paragraphs = ["...", ...]', path=chosen or None)
    return HelpNote(tuple(paragraphs), tuple(data.get("topics", ())))


# Common words and inflection ----------------------------------------------------------


@functools.cache
def common_words() -> frozenset[str]:
    """The most common English words, lower case."""
    try:
        import wordfreq
    except ImportError:
        raise MissingDependency("the child edition needs wordfreq: pip install wordfreq") from None
    return frozenset(wordfreq.top_n_list("en", COMMON_WORD_COUNT))


@functools.cache
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form of a word (lemminflect), the word itself included."""
    from lemminflect import getAllLemmas, getAllLemmasOOV

    lower = word.lower()
    found = {lower}
    for forms in getAllLemmas(lower).values():
        found.update(forms)
    if len(found) == 1 and lower.endswith("s"):
        found.update(getAllLemmasOOV(lower, "NOUN").get("NOUN", ()))
    return frozenset(found)


WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
"""A word of letters, with its apostrophes."""


def is_common(word: str) -> bool:
    """True when a word or one of its dictionary forms is among the most common English words."""
    common = common_words()
    lower = word.lower().replace("’", "'")
    if lower in common:
        return True
    if "-" in lower:
        return all(is_common(part) for part in lower.split("-") if part)
    return any(form in common for form in lemmas(lower))


@functools.cache
def is_real_word(word: str) -> bool:
    """True when a word, in exactly this form, is in common English use (see REAL_WORD_ZIPF); a hyphenated
    word when each of its parts is."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        raise MissingDependency("the child edition needs wordfreq: pip install wordfreq") from None
    lower = word.lower().replace("’", "'")
    if "-" in lower:
        return all(is_real_word(part) for part in lower.split("-") if part)
    return zipf_frequency(lower, "en") >= REAL_WORD_ZIPF


def inflect(lemma: str, tag: str) -> str:
    """The lemma in the form a Penn tag asks for ("show", "VBD" -> "showed"); the lemma when unknown."""
    from lemminflect import getInflection

    if tag in {"VB", "VBP", "NN", "NNP", "JJ", "RB", ""}:
        return lemma
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else lemma


def inflect_phrase(phrase: str, tag: str) -> str:
    """Inflect a plain phrase like the word it replaces: a verb phrase on its first word, a noun phrase on its
    head (the last word, or the word before "who", "of" or "that")."""
    words = phrase.split(" ")
    if tag.startswith("VB"):
        words[0] = inflect(words[0], tag)
    elif tag in {"NNS", "NNPS"}:
        marks = [i for i, w in enumerate(words) if w in {"who", "of", "that"}]
        head = marks[0] - 1 if marks and marks[0] > 0 else len(words) - 1
        words[head] = IRREGULAR_PLURALS.get(words[head]) or inflect(words[head], "NNS")
    return " ".join(words)


def article_for(word: str) -> str:
    """ "an" before a vowel sound, else "a" (by spelling, with the common exceptions)."""
    lower = word.lower()
    if re.match(r"(?:eu|uni|use|usu|one|once|u[bcfklrst][aeiou])", lower):
        return "a"
    if re.match(r"(?:hour|honest|honou?r|heir)", lower):
        return "an"
    return "an" if lower[:1] in set("aeiou") else "a"
