"""EPUBCheck and Ace on books (convert/check/epub.py)."""

from __future__ import annotations

from convert.check import FileResult
from tests.check.samples import rules


def test_epubcheck_finds_a_link_that_leaves_the_book(samples: dict[str, FileResult]) -> None:
    assert rules(samples["leaky.epub"], "EPUBCheck") & {"RSC-007", "RSC-007b"}
