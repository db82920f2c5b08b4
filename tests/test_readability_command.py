"""`accessconvert readability`: the table of each source beside its child edition."""

from __future__ import annotations

import re

import pytest

from convert.cli import main as cli_main
from convert.readability_command import main, report
from tests.conftest import SEED
from tests.corpus import documents


def test_the_grade_is_reported_for_english_only(capsys: pytest.CaptureFixture[str]) -> None:
    spanish = next(iter(documents(lang="es")))
    assert main([str(spanish.path), str(SEED)]) == 0
    out = capsys.readouterr().out
    other, english = out.split(str(SEED))
    assert "no grade and no hard words" in other and "'es'" in other
    grade = next(line for line in other.splitlines() if "Flesch-Kincaid grade" in line)
    assert grade.split()[-2:] == ["-", "-"]
    assert "no grade" not in english
    assert any(ch.isdigit() for ch in next(line for line in english.splitlines() if "Flesch-Kincaid" in line))


def test_the_child_edition_is_shorter_and_its_facts_are_counted() -> None:
    table = report(SEED)
    rows = {line[:28].strip(): line[28:].split() for line in table.splitlines()[2:] if line.startswith("  ")}
    before, after = (float(n) for n in rows["average sentence (words)"])
    assert after < before, "the child edition's sentences are shorter on average"
    kept, total = (int(n) for n in re.match(r"(\d+) of (\d+)", " ".join(rows["facts kept"])).groups())
    assert 0 < kept <= total
    assert rows["facts invented"] == ["0"]


def test_a_missing_file_is_an_error_naming_it(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from convert.errors import InputError

    with pytest.raises(InputError, match="missing"):
        main([str(tmp_path / "missing.txt")])


def test_readability_command_reports_the_shares(capsys):
    assert cli_main(["readability", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Flesch-Kincaid grade" in out and "facts invented" in out
    assert re.search(r"sentences rewritten\s+\d+ of \d+ \(\d+%\)", out) and "left as written" in out
