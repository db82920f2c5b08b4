"""The pronunciation lexicon: the built-in TOML table, extended by the user's --lexicon file."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

from convert.errors import InputError, UsageError


@dataclass(frozen=True, slots=True)
class Lexicon:
    """How words the voice would misread are said."""

    say: MappingProxyType[str, str]
    """Written form (matched whole, case-sensitive) -> the words to speak."""
    letters: frozenset[str]
    """Abbreviations always spelled letter by letter."""
    words: frozenset[str]
    """Short all-capital abbreviations said as a word."""

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with other's entries added; other wins where both have an entry."""
        say = {key: value for key, value in self.say.items() if key not in other.letters | other.words}
        say.update(other.say)
        return Lexicon(
            say=MappingProxyType(say),
            letters=(self.letters - other.words - other.say.keys()) | other.letters,
            words=(self.words - other.letters - other.say.keys()) | other.words,
        )


def parse(text: str, *, path: Path | None = None) -> Lexicon:
    """A Lexicon from TOML text with the tables [say], [letters] list and [words] list."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not a valid TOML lexicon: {error}", path=path) from None
    unknown = sorted(set(data) - {"say", "letters", "words"})
    if unknown:
        raise InputError(f"unknown lexicon table(s) {', '.join(unknown)}; use [say], [letters], [words]", path=path)
    say = data.get("say", {})
    if not isinstance(say, dict) or not all(isinstance(v, str) for v in say.values()):
        raise InputError("[say] must map words to the text to speak, as strings", path=path)
    sets: list[frozenset[str]] = []
    for table in ("letters", "words"):
        entries = data.get(table, {}).get("list", [])
        if not isinstance(entries, list) or not all(isinstance(v, str) for v in entries):
            raise InputError(f"[{table}] list must be a list of strings", path=path)
        sets.append(frozenset(entries))
    return Lexicon(say=MappingProxyType(dict(say)), letters=sets[0], words=sets[1])


@functools.cache
def builtin() -> Lexicon:
    """The lexicon shipped in the package (convert/speech/lexicon.toml)."""
    return parse(files("convert.speech").joinpath("lexicon.toml").read_text(encoding="utf-8"))


def load(path: Path | None) -> Lexicon:
    """The built-in lexicon, extended by the user's TOML file when one is given."""
    if path is None:
        return builtin()
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"the lexicon file {path} does not exist")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the lexicon: {error}", path=path) from None
    return builtin().merged(parse(text, path=path))
