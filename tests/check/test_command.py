"""accessconvert check and --check (convert/check/command.py): outputs, missing validators, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convert.cli import main
from tests.check.samples import NOTE, PAGE


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
