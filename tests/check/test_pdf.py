"""The PDF/UA-1 checkers (convert/check/pdf.py): page-validation and outloud."""

from __future__ import annotations

from convert.check import FileResult
from tests.check.samples import rules


def test_pdf_checkers_find_an_untagged_pdf(samples: dict[str, FileResult]) -> None:
    result = samples["untagged.pdf"]
    assert "PDFUA1-STRUCT-TREE-ROOT-001" in rules(result, "page-validation")
    assert rules(result, "outloud")
    assert result.status == "fail"
