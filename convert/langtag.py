"""BCP 47 language tags: the one check every tag passes where it enters (options, sources, the model).

A tag goes into attributes and XML parts of every format (lang, xml:lang, w:lang, dc:language), so only a
well-formed tag (RFC 5646) may enter. Primary language subtags of four or five to eight letters are
well-formed but reserved, and none is registered: a value such as "english" is refused rather than
written out as if it were a language.
"""

from __future__ import annotations

import re

MAX_CHARS = 100
"""Longer values are never tags people write; refused before the pattern is tried."""

_ALNUM = "[a-z0-9]"
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3})"  # language, with up to three extended language subtags
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu"
    "|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang"
)
_TAG = re.compile(rf"(?:{_LANGTAG}|{_PRIVATE}|{_GRANDFATHERED})", re.IGNORECASE | re.ASCII)
EXAMPLES = "such as en, fr-CA or zh-Hant"
"""Shown in messages about a refused tag."""


def normalise(value: object) -> str | None:
    """The tag value stands for, or None when it is not a well-formed BCP 47 tag.

    Surrounding space is dropped and underscores become hyphens ("en_US", as locales write it, is en-US);
    the case is kept, as tags are compared without it.
    """
    if not isinstance(value, str):
        return None
    tag = value.strip().replace("_", "-")
    if not tag or len(tag) > MAX_CHARS or _TAG.fullmatch(tag) is None:
        return None
    return tag


def is_valid(value: object) -> bool:
    """True when value is a well-formed BCP 47 tag as written (no normalising)."""
    return isinstance(value, str) and len(value) <= MAX_CHARS and _TAG.fullmatch(value) is not None
