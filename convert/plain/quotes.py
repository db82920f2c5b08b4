"""Quotations in the child edition: found here, and never rewritten (they are someone's words)."""

from __future__ import annotations

import re

QUOTE = re.compile(r"“[^“”]+”|\"[^\"]+\"|‘[^‘’]+(?:’[A-Za-z][^‘’]*)*’(?![A-Za-z])")
"""A quotation with its marks: curly double, straight double, or curly single (‘...’, where a ’ inside a word is
an apostrophe, not the closing mark)."""


def quotations(text: str) -> list[str]:
    """The words of every quotation in text, without the marks."""
    return [match[0][1:-1] for match in QUOTE.finditer(text)]
