"""accessconvert check (convert/check/__init__.py): our outputs pass, the report, the allow-list, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import convert
from convert.check import FileResult, Finding, Run, available, check, exit_code, load_allow_list
from convert.check.report import html_report, text_lines
from tests.check.samples import DOT, PAGE


def test_every_validator_is_installed_for_the_tests() -> None:
    missing = [tool.validator.name for tool in available() if not tool.installed]
    assert not missing, f"make test installs every validator; missing: {missing}"


def test_our_outputs_pass_every_validator(samples: dict[str, FileResult]) -> None:
    for name in ("note.html", "note.pdf", "note.docx", "note.epub"):
        result = samples[name]
        assert result.status == "pass", text_lines([result])
        expected = {"html": 1, "pdf": 2, "docx": 2, "epub": 2}[result.kind]
        assert [run.status for run in result.runs] == ["pass"] * expected


def test_the_html_report_names_each_validator_and_passes_axe(samples: dict[str, FileResult], tmp_path: Path) -> None:
    results = list(samples.values())
    page = tmp_path / "report.html"
    page.write_text(html_report(results, available()), encoding="utf-8")
    tree = etree.parse(str(page), etree.HTMLParser())
    text = " ".join(tree.getroot().itertext())
    for tool in available():
        assert tool.validator.name in text and tool.version in text
    assert "PDFUA1-STRUCT-TREE-ROOT-001" in text
    (checked,) = check([page])
    assert checked.status == "pass", text_lines([checked])


def test_allow_list_entries_need_a_reason_and_keep_the_finding_visible(tmp_path: Path) -> None:
    listed = tmp_path / "allowed.toml"
    entry = '[[allowed]]\nvalidator = "axe-core"\nrule = "image-alt"\nreason = "a test"\n'
    page = tmp_path / "no-alt.html"
    page.write_text(PAGE.format(image=f'<img src="data:image/png;base64,{DOT}">'))
    # By default an entry is about our own files only; this page is not one.
    listed.write_text(entry)
    (result,) = check([page], allow_list=listed)
    assert result.status == "fail"
    listed.write_text(entry + "ours = false\n")
    (result,) = check([page], allow_list=listed)
    (finding,) = [f for f in result.findings if f.rule == "image-alt"]
    assert finding.allowed == "a test" and not finding.failing and result.status == "pass"
    listed.write_text('[[allowed]]\nvalidator = "axe-core"\nrule = "image-alt"\nreason = ""\n')
    with pytest.raises(convert.InputError, match="needs a reason"):
        load_allow_list(listed)


def test_the_project_allow_list_gives_a_reason_for_every_entry() -> None:
    from convert.check import ALLOW_LIST

    for entry in load_allow_list(ALLOW_LIST):
        assert len(entry.reason.split()) >= 5, entry


def test_exit_codes_follow_the_worst_result() -> None:
    passed = FileResult(Path("a.html"), "html", (Run("axe-core", "1", "", "pass"),))
    failed = FileResult(
        Path("b.html"), "html", (Run("axe-core", "1", "", "fail", (Finding("axe-core", "x", "error", "m"),)),)
    )
    unchecked = FileResult(Path("c.html"), "html", (Run("axe-core", "", "", "missing"),))
    assert exit_code([passed]) == 0
    assert exit_code([passed, unchecked]) == 3
    assert exit_code([failed, unchecked]) == 1
