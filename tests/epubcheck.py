"""EPUBCheck 5 for the tests: several books checked in one Java run (convert.check's), each report as JSON."""

from __future__ import annotations

from pathlib import Path

from convert.check.epub import epubcheck_reports, locate_epubcheck
from tests.system_requirements import require


def epubcheck_many(books: dict[str, Path], folder: Path) -> dict[str, dict]:
    """Run EPUBCheck (the epubcheck package's jar) on every book, once; returns each name's JSON report."""
    require("java")
    tool = locate_epubcheck()
    assert tool is not None, "EPUBCheck is not installed: make test installs the epubcheck package (pyproject dev)"
    folder.mkdir(parents=True, exist_ok=True)
    reports = epubcheck_reports(tool, list(books.values()), folder)
    missing = [name for name, book in books.items() if reports[book] is None]
    assert not missing, f"EPUBCheck wrote no report for {missing}"
    return {name: reports[book] for name, book in books.items()}  # type: ignore[misc]


def messages(report: dict) -> list[str]:
    """Every message of a report, one line each, for assertion messages."""
    return [f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}" for m in report["messages"]]
