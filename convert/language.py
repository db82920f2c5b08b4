"""Offline, deterministic detection of a document's main language (langdetect, with a fixed seed)."""

from __future__ import annotations

import functools
import unicodedata

DEFAULT = "en"
# Detection reads at most this much text: enough to be sure, and detection stays fast on huge inputs.
SAMPLE_CHARS = 5000
# Below this many letters statistics are guesswork ("Hello world" can come out as Dutch), so keep the default;
# alphabets shared by many languages need more letters than scripts such as Chinese or Korean.
MIN_LETTERS = 40
MIN_LETTERS_OTHER_SCRIPTS = 10
_SHARED_ALPHABETS = frozenset({"LATIN", "CYRILLIC"})
MIN_PROBABILITY = 0.9
# langdetect's codes that are not BCP 47 tags as written.
_TAGS = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}
# Scripts used by one main language: the script alone says which language it is.
_SCRIPT_LANGUAGES = {"HEBREW": "he", "GREEK": "el", "ARMENIAN": "hy", "GEORGIAN": "ka", "THAI": "th"}
# langdetect answers for Arabic-script text; anything else it says about such text is noise.
_ARABIC_SCRIPT = ("ar", "fa", "ur")
# The commonest words of English and of the languages most often mistaken for it. Plain English text
# is recognised from these at once, sparing every run the second it takes to load langdetect's profiles.
_FUNCTION_WORDS = {
    "en": frozenset("the and of to in is that for it with as on are was by this be from at or which".split()),
    "fr": frozenset("le la les des et est un une du que dans pour qui sur pas au avec ce il elle".split()),
    "es": frozenset("el la los las y que un una es por con para del se al lo como su".split()),
    "de": frozenset("der die das und ist nicht ein eine zu den mit von sich auf für des im dem".split()),
    "nl": frozenset("de het een en van is dat op te voor niet met zijn er aan ook".split()),
    "it": frozenset("il di che è un una per non con del della sono le gli nel".split()),
    "pt": frozenset("o os as que do da em um uma para com não no na por".split()),
}
_ENGLISH_SHARE = 0.2
_ENGLISH_LEAD = 2.0


@functools.cache
def _factory() -> object:
    """The langdetect profiles, loaded once, with the seed fixed so the same text always gives the same answer."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


def _main_script(text: str) -> tuple[str, int]:
    """The script most letters of text are written in (the first word of their Unicode name) and the letter count."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            script = unicodedata.name(char, "UNKNOWN").split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "", 0
    return max(counts, key=lambda name: counts[name]), letters


def detect_language(text: str, *, default: str = DEFAULT) -> str:
    """The BCP 47 tag of the language text is written in, or default when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    script, letters = _main_script(sample)
    if script in _SCRIPT_LANGUAGES:
        return _SCRIPT_LANGUAGES[script]
    if script == "ARABIC":
        # Arabic, Persian and Urdu share a script; langdetect tells them apart, Arabic when it cannot.
        found = _statistical(sample, minimum=0.0)
        return found if found in _ARABIC_SCRIPT else "ar"
    if letters < (MIN_LETTERS if script in _SHARED_ALPHABETS else MIN_LETTERS_OTHER_SCRIPTS):
        return default
    if script == "LATIN" and _plainly_english(sample):
        return "en"
    return _statistical(sample, minimum=MIN_PROBABILITY) or default


def _plainly_english(sample: str) -> bool:
    """True when English function words make up a fifth of the words and twice any other language's share."""
    words = [word.strip(".,;:!?()[]\"'“”‘’«»").lower() for word in sample.split()]
    if not words:
        return False
    shares = {lang: sum(word in common for word in words) / len(words) for lang, common in _FUNCTION_WORDS.items()}
    english = shares.pop("en")
    return english >= _ENGLISH_SHARE and all(english >= _ENGLISH_LEAD * other for other in shares.values())


def _statistical(sample: str, *, minimum: float) -> str:
    """langdetect's best guess when its probability reaches minimum, else ""."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()  # type: ignore[attr-defined]
    detector.append(sample)
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return ""
    if not best or best[0].prob < minimum:
        return ""
    return _TAGS.get(best[0].lang, best[0].lang)
