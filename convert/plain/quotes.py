"""Quotations in the child edition: found here, and never rewritten (they are someone's words)."""

from __future__ import annotations

import re

QUOTE = re.compile(r"“[^“”]+”|\"[^\"]+\"")
"""A quotation with its marks, curly or straight."""


def quotations(text: str) -> list[str]:
    """The words of every quotation in text, without the marks."""
    return [match[0][1:-1] for match in QUOTE.finditer(text)]
