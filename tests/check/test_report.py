"""The check's report: one line per finding, missing validators with their install line, a summary, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from convert.check import FileResult, Finding, Run
from convert.check.report import finding_line, missing_lines, summary, text_lines

ERROR = Finding("EPUBCheck", "RSC-007", "error", "a link points nowhere", location="ch1.xhtml:12", advice="fix it")
WARNING = Finding("Ace by DAISY", "color-contrast", "warning", "low contrast")
ALLOWED = Finding("Ace by DAISY", "landmark", "error", "no main landmark", allowed="false positive (issue 14)")


def results() -> list[FileResult]:
    epub = FileResult(
        Path("a.epub"),
        "epub",
        (
            Run("EPUBCheck", "5.1", "the EPUB rules", "fail", (ERROR,)),
            Run("Ace by DAISY", "1.4", "accessibility", "pass", (WARNING, ALLOWED)),
        ),
    )
    pdf = FileResult(Path("b.pdf"), "pdf", (Run("veraPDF", "", "PDF/UA", "missing", detail="install: apt-get x"),))
    return [epub, pdf]


def test_a_finding_line_says_where_what_and_what_to_do() -> None:
    line = finding_line(Path("a.epub"), ERROR)
    assert line == "a.epub: ch1.xhtml:12: RSC-007 (EPUBCheck, error): a link points nowhere -- fix it"
    assert finding_line(Path("a.epub"), ALLOWED).endswith("[allowed: false positive (issue 14)]")
    assert not ALLOWED.failing and ERROR.failing and not WARNING.failing


def test_the_text_report_and_its_summary() -> None:
    lines = text_lines(results())
    assert any("RSC-007" in line for line in lines) and any("color-contrast" in line for line in lines)
    quiet = text_lines(results(), warnings=False)
    assert not any("color-contrast" in line for line in quiet), "warnings only when asked"
    assert any("landmark" in line for line in quiet), "an allowed finding is always listed"
    assert missing_lines(results()) == ["missing: veraPDF (install: apt-get x)"]
    assert lines[-1] == summary(results())
    assert summary(results()).startswith("checked 2 files: ")
    assert "EPUBCheck 1 error" in summary(results()) and "Ace by DAISY 0 errors" in summary(results())
    assert "veraPDF" not in summary(results()), "a validator that did not run counts no errors"


def test_file_status() -> None:
    epub, pdf = results()
    assert epub.status == "fail" and pdf.status == "unchecked"
    assert FileResult(Path("c.html"), "html", (Run("axe-core", "4", "WCAG", "pass"),)).status == "pass"
    assert json.dumps([f.rule for f in epub.findings]) == '["RSC-007", "color-contrast", "landmark"]'
