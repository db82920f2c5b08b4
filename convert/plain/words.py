"""Word knowledge for plain language: the data tables, common words, lemmas and inflection."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from convert.errors import InputError, MissingDependency

COMMON_WORD_COUNT = 3000
"""A word is common when it is among this many most frequent English words (wordfreq)."""
HELP_NOTE_VARIABLE = "ACCESSCONVERT_HELP_NOTE"
"""Environment variable naming a publisher's help-note TOML file, or "off"."""
# spaCy tags -> the table section that holds words of that part of speech.
IRREGULAR_PLURALS = {"person": "people", "child": "children"}
SECTIONS = {"VERB": "verb", "NOUN": "noun", "ADJ": "adj", "ADV": "adv"}


def _load_toml(name: str) -> dict[str, Any]:
    with resources.files("convert.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def plain_words() -> dict[str, dict[str, str]]:
    """The plain-words table: section ("phrase", "verb", "noun", "adj", "adv") -> hard -> simple."""
    return _load_toml("plain_words.toml")


@functools.cache
def glossary() -> dict[str, str]:
    """The child glossary: lower-case term -> a definition a 9-year-old understands."""
    return dict(_load_toml("child_glossary.toml")["terms"])


@functools.cache
def abbreviation_notes() -> dict[str, str]:
    """Plain explanations of common abbreviations, for their first use."""
    return dict(_load_toml("child_glossary.toml").get("abbreviations", {}))


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


def is_common(word: str) -> bool:
    """True when a word or one of its dictionary forms is among the most common English words."""
    common = common_words()
    lower = word.lower().replace("’", "'")
    if lower in common:
        return True
    if "-" in lower:
        return all(is_common(part) for part in lower.split("-") if part)
    return any(form in common for form in lemmas(lower))


def inflect(lemma: str, tag: str) -> str:
    """The lemma in the form a Penn tag asks for ("show", "VBD" -> "showed"); the lemma when unknown."""
    from lemminflect import getInflection

    if tag in {"VB", "VBP", "NN", "NNP", "JJ", "RB", ""}:
        return lemma
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else lemma


def inflect_phrase(phrase: str, tag: str) -> str:
    """Inflect a replacement phrase: a verb phrase on its first word, a noun phrase on its last."""
    words = phrase.split(" ")
    if tag.startswith("VB"):
        words[0] = inflect(words[0], tag)
    elif tag in {"NNS", "NNPS"}:
        # The head noun is the last word, or the word before "who", "of" or "that" ("area of work").
        marks = [i for i, w in enumerate(words) if w in {"who", "of", "that"}]
        head = marks[0] - 1 if marks and marks[0] > 0 else len(words) - 1
        words[head] = IRREGULAR_PLURALS.get(words[head]) or inflect(words[head], "NNS")
        if marks and words[marks[0]] in {"who", "that"} and len(words) > marks[0] + 1:
            words[marks[0] + 1] = _plural_verb(words[marks[0] + 1])
    return " ".join(words)


def _plural_verb(word: str) -> str:
    from lemminflect import getLemma

    lemma = getLemma(word, upos="VERB")
    return lemma[0] if lemma else word


def article_for(word: str) -> str:
    """ "an" before a vowel sound, else "a" (by spelling, with the common exceptions)."""
    lower = word.lower()
    if re.match(r"(?:eu|uni|use|usu|one|once|u[bcfklrst][aeiou])", lower):
        return "a"
    if re.match(r"(?:hour|honest|honou?r|heir)", lower):
        return "an"
    return "an" if lower[:1] in set("aeiou") else "a"
