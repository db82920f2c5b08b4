"""Quotations in the child edition: a short, easy quote stays as it is; a long or hard one becomes reported speech."""

from __future__ import annotations

import re

from convert.plain.words import WORD, is_common

QUOTE = re.compile(r"“[^“”]+”|\"[^\"]+\"")
"""A quotation with its marks, curly or straight."""
SHORT_QUOTE_WORDS = 12
"""A quotation of at most this many words, all of them common, is kept as it is."""
MAX_SENTENCE_WORDS = 20
SPEECH_VERBS = (
    "said|says|added|adds|explained|explains|noted|notes|stressed|stresses|emphasized|emphasised|told|underlined"
    "|warned|warns|argued|argues|stated|states|remarked|observed|continued|concluded|insisted|highlighted"
)
TITLE = r"(?:Ms|Mrs|Miss|Mr|Dr|Prof|Sir|Dame)\.?"
# "..., said Ms. Albert." / "..., said Ms. Silke Albert, Team Leader at UNODC."
VERB_FIRST = re.compile(rf"^\s*[,.]?\s*(?P<verb>{SPEECH_VERBS})\s+(?P<who>(?:the |a |an )?[A-Z][^“”]*?)\s*[.!]?\s*$")
# "..., Ms. Johnstone said." / "..., she added."
WHO_FIRST = re.compile(
    rf"^\s*[,.]?\s*(?P<who>(?:she|he|they|[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){{0,4}}))\s+(?P<verb>{SPEECH_VERBS})"
    rf"(?P<rest>,[^“”]*?)?\s*[.!]?\s*$"
)
# "Ms. Albert said: " before a quotation that ends the sentence.
SAID_BEFORE = re.compile(rf"^\s*(?P<who>[A-Z][^“”]*?)\s+(?P<verb>{SPEECH_VERBS})(?: that)?\s*[:,]?\s*$")
FEMALE = re.compile(r"^(?:Ms|Mrs|Miss|Dame|she)\b\.?", re.IGNORECASE)
MALE = re.compile(r"^(?:Mr|Sir|he)\b\.?", re.IGNORECASE)


def quotations(text: str) -> list[str]:
    """The words of every quotation in text, without the marks."""
    return [match[0][1:-1] for match in QUOTE.finditer(text)]


def word_count(text: str) -> int:
    """Words in text, numbers included."""
    return len(re.findall(r"[\w’'-]+", text))


def is_short_and_easy(quote: str) -> bool:
    """A quotation a child reads as it is: short, and every word common (names aside)."""
    words = WORD.findall(quote)
    if len(words) > SHORT_QUOTE_WORDS or "[" in quote:
        return False
    return all(is_common(w) or (w[:1].isupper() and index > 0) or w.isupper() for index, w in enumerate(words))


def report(sentence: str) -> str | None:
    """The sentence with its quotation turned into reported speech, or None to keep it as it is.

    A short, easy quotation in a short sentence is kept; so is one whose speaker cannot be found, because
    removing the marks would put someone's words in the article's mouth.
    """
    found = list(QUOTE.finditer(sentence))
    if len(found) != 1:
        return None
    match = found[0]
    quote = match[0][1:-1]
    if is_short_and_easy(quote) and word_count(sentence) <= MAX_SENTENCE_WORDS:
        return None
    before, after = sentence[: match.start()], sentence[match.end() :]
    who = verb = ""
    if not before.strip():
        attribution = WHO_FIRST.match(after) or VERB_FIRST.match(after)
        if attribution:
            who, verb = attribution["who"], attribution["verb"]
            if "rest" in attribution.groupdict() and attribution["rest"]:
                who += attribution["rest"]
    elif re.fullmatch(r"\s*[.!]?\s*", after) and (said := SAID_BEFORE.match(before)):
        who, verb, before = said["who"], said["verb"], ""
    else:
        attribution = WHO_FIRST.match(after) or VERB_FIRST.match(after)
        if attribution:
            who, verb = attribution["who"], attribution["verb"]
            if "rest" in attribution.groupdict() and attribution["rest"]:
                who += attribution["rest"]
    if not who:
        return None
    who = who.strip().rstrip(",")
    said = "also said that" if verb.startswith("add") else "said that"
    speech = _lower_first(before.strip() + " " + _indirect(quote, who)) if before.strip() else _indirect(quote, who)
    speech = _lower_first(speech.strip().rstrip(",.;:!"))
    if who[0].islower():
        who = who[0].upper() + who[1:]
    # "Ms. Schmitt, the Coordinator, said that ...": an appositive after the name is closed by a comma.
    comma = "," if "," in who else ""
    return f"{who}{comma} {said} {speech}."


def _lower_first(text: str) -> str:
    """Lower-case the first word when it is an ordinary word starting a sentence, not a name or an acronym."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and (is_common(first) or first.lower().endswith("ing")):
        return first.lower() + text[len(first) :]
    return text


def _indirect(quote: str, who: str) -> str:
    """The quotation's words as reported speech: editorial brackets dropped, first person shifted to the speaker."""
    text = re.sub(r"\[([^\]]*)\]", r"\1", quote).strip()
    subject, object_, possessive = ("she", "her", "her") if FEMALE.match(who) else ("he", "him", "his")
    if not FEMALE.match(who) and not MALE.match(who):
        subject, object_, possessive = "they", "them", "their"
    be = {"she": "is", "he": "is", "they": "are"}[subject]
    shifts = [
        (r"\bI am\b", f"{subject} {be}"), (r"\bI'm\b|\bI’m\b", f"{subject} {be}"),
        (r"\bI have\b", f"{subject} {'have' if subject == 'they' else 'has'}"),
        (r"\bI\b", subject), (r"\bme\b", object_), (r"\bmy\b", possessive), (r"\bMy\b", possessive.capitalize()),
        (r"\bwe\b", "people"), (r"\bWe\b", "People"), (r"\bus\b", "everyone"), (r"\bour\b", "the"), (r"\bOur\b", "The"),
    ]  # fmt: skip
    for pattern, replacement in shifts:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())
