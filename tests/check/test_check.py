"""accessconvert check: each validator tells good files from bad ones, and the command's outputs and exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import convert
from convert.check import FileResult, Finding, Run, available, check, exit_code, load_allow_list
from convert.check.report import html_report, text_lines
from convert.cli import main
from tests.system_requirements import require

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><main><h1>A page</h1><p>Some text.</p>{image}</main></body></html>
"""
DOT = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="  # a 1x1 PNG
NOTE = "Rivers and rain\nRain falls on the hills and runs into the rivers.\nWhere the water goes\nInto the sea.\n"


def leaky_epub(good: Path, target: Path) -> None:
    """Our EPUB with one link changed to a relative file the book does not hold."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("part-001.xhtml"):
                data = data.replace(b"</body>", b'<p><a href="CHANGELOG.md">changes</a></p></body>', 1)
            out.writestr(info, data)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileResult]:
    """Good and bad files of every kind, checked in one batch."""
    for program in ("java", "chromium", "soffice"):
        require(program)
    folder = tmp_path_factory.mktemp("samples")
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    good = convert.convert(folder / "note.txt", ["html", "pdf", "docx", "epub"], folder / "out")
    (folder / "no-alt.html").write_text(PAGE.format(image=f'<img src="data:image/png;base64,{DOT}">'))
    leaky_epub(next(p for p in good if p.suffix == ".epub"), folder / "leaky.epub")
    import weasyprint

    weasyprint.HTML(string=PAGE.format(image="")).write_pdf(folder / "untagged.pdf")
    import docx

    untitled = docx.Document()
    untitled.add_paragraph("No title, no language.")
    untitled.save(folder / "untitled.docx")
    (folder / "random.docx").write_bytes(b"not a zip at all\n" * 10)
    files = {path.name: path for path in [*good, *(folder / n for n in ("no-alt.html", "leaky.epub"))]}
    files |= {name: folder / name for name in ("untagged.pdf", "untitled.docx", "random.docx")}
    return {result.path.name: result for result in check(list(files.values()), jobs=2)}


def rules(result: FileResult, validator: str) -> set[str]:
    return {f.rule for f in result.findings if f.validator == validator and f.failing}


def test_every_validator_is_installed_for_the_tests() -> None:
    missing = [tool.validator.name for tool in available() if not tool.installed]
    assert not missing, f"make test installs every validator; missing: {missing}"


def test_our_outputs_pass_every_validator(samples: dict[str, FileResult]) -> None:
    for name in ("note.html", "note.pdf", "note.docx", "note.epub"):
        result = samples[name]
        assert result.status == "pass", text_lines([result])
        expected = {"html": 1, "pdf": 2, "docx": 2, "epub": 2}[result.kind]
        assert [run.status for run in result.runs] == ["pass"] * expected


def test_axe_finds_an_image_without_alt(samples: dict[str, FileResult]) -> None:
    assert "image-alt" in rules(samples["no-alt.html"], "axe-core")


def test_epubcheck_finds_a_link_that_leaves_the_book(samples: dict[str, FileResult]) -> None:
    assert rules(samples["leaky.epub"], "EPUBCheck") & {"RSC-007", "RSC-007b"}


def test_pdf_checkers_find_an_untagged_pdf(samples: dict[str, FileResult]) -> None:
    result = samples["untagged.pdf"]
    assert "PDFUA1-STRUCT-TREE-ROOT-001" in rules(result, "page-validation")
    assert rules(result, "outloud")
    assert result.status == "fail"


def test_docx_without_title_and_language_fails_the_package_check(samples: dict[str, FileResult]) -> None:
    assert rules(samples["untitled.docx"], "OOXML package check") >= {"A11Y-TITLE"}
    assert samples["untitled.docx"].runs[1].status == "pass"  # LibreOffice opens it all the same


def test_random_bytes_are_not_a_docx_for_either_check(samples: dict[str, FileResult]) -> None:
    result = samples["random.docx"]
    assert rules(result, "OOXML package check") == {"PKG-ZIP"}
    assert rules(result, "LibreOffice") == {"LO-OPEN"}


def test_findings_name_file_location_rule_and_what_to_do(samples: dict[str, FileResult]) -> None:
    lines = text_lines([samples["no-alt.html"]])
    line = next(line for line in lines if "image-alt" in line)
    assert line.startswith(f"{samples['no-alt.html'].path}: ") and "img" in line and " -- " in line
    assert lines[-1].startswith("checked 1 file: 1 failed; axe-core 1 error")


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


def test_cli_json_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(image=""))
    report = tmp_path / "report.html"
    assert main(["check", "--json", "--report", str(report), str(page)]) == 0
    document = json.loads(capsys.readouterr().out)
    (file,) = document["files"]
    assert file["status"] == "pass" and file["runs"][0]["validator"] == "axe-core"
    assert [v["name"] for v in document["validators"]] == ["axe-core"]  # the validators for the kinds checked
    assert "axe-core" in report.read_text(encoding="utf-8")


def test_cli_says_what_is_missing_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(image=""))
    monkeypatch.setenv("ACCESSCONVERT_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert main(["check", str(page)]) == 3
    out = capsys.readouterr().out
    assert "missing: axe-core (not installed: npm install --global axe-core" in out
    assert "1 not checked" in out


def test_cli_refuses_unknown_kinds_and_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("text")
    assert main(["check", str(tmp_path / "notes.txt")]) == 2
    assert main(["check", str(tmp_path / "absent.pdf")]) == 2
    assert main(["check", "--report", str(tmp_path / "r.txt"), str(tmp_path / "notes.txt")]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and all(line.startswith("accessconvert: error: ") for line in errors)


def test_check_after_a_conversion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "note.txt"
    source.write_text(NOTE, encoding="utf-8")
    assert main([str(source), "--to", "html", "--out", str(tmp_path / "out"), "--check"]) == 0
    out = capsys.readouterr().out
    assert "wrote " in out and "checked 1 file: 1 passed; axe-core 0 errors" in out
