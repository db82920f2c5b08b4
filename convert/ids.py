"""Ids: the one way readers, transforms and writers make an anchor from text and keep ids unique."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container


def slug(text: str) -> str:
    """A readable anchor from heading text: lower case, letters and digits joined by hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-_") or "section"


def unique(
    base: str,
    taken: Container[str],
    *,
    numbered: bool = False,
    counters: dict[str, int] | None = None,
) -> str:
    """The first id not in taken: base, base-2, base-3 ... or, when numbered, base-1, base-2 ...

    taken is not changed: the caller adds the id when it uses it. counters, when given, remembers for each
    base the next number to try, so that a thousand equal bases cost linear time; it is right as long as
    taken only grows while the same counters are used.
    """
    if not numbered and base not in taken:
        return base
    number = (counters or {}).get(base, 1 if numbered else 2)
    while f"{base}-{number}" in taken:
        number += 1
    if counters is not None:
        counters[base] = number + 1
    return f"{base}-{number}"
