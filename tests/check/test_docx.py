"""Word files (convert/check/docx.py): the package check and LibreOffice opening them."""

from __future__ import annotations

from convert.check import FileResult
from tests.check.samples import rules


def test_docx_without_title_and_language_fails_the_package_check(samples: dict[str, FileResult]) -> None:
    assert rules(samples["untitled.docx"], "OOXML package check") >= {"A11Y-TITLE"}
    assert samples["untitled.docx"].runs[1].status == "pass"  # LibreOffice opens it all the same


def test_random_bytes_are_not_a_docx_for_either_check(samples: dict[str, FileResult]) -> None:
    result = samples["random.docx"]
    assert rules(result, "OOXML package check") == {"PKG-ZIP"}
    assert rules(result, "LibreOffice") == {"LO-OPEN"}
