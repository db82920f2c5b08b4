"""The set-up step `make test` runs first: what it checks, what it tells a user who is not root."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests import system_requirements
from tests.system_requirements import REQUIREMENTS, Requirement, install_line, main, message, missing

SCRIPT = Path(system_requirements.__file__)


def test_every_requirement_is_present_here() -> None:
    assert missing() == [], message(missing())


def test_the_install_line_names_each_package_once() -> None:
    by_name = {r.name: r for r in REQUIREMENTS}
    absent = [by_name["pango"], by_name["chromium"], by_name["pango"]]
    line = "sudo apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 chromium"
    assert install_line(absent) == line
    assert "axe-core" in message(absent)


def test_make_all_asks_only_for_what_the_converter_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    absent = [replace(r, present=lambda: False) for r in REQUIREMENTS]
    monkeypatch.setattr(system_requirements, "REQUIREMENTS", tuple(absent))
    assert {r.name for r in missing("all")} == {"pango", "harfbuzz-subset", "noto-fonts"}
    assert len(missing("test")) == len(REQUIREMENTS)


def test_a_user_who_is_not_root_is_stopped_with_the_install_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = Requirement("chromium", ("chromium",), "axe-core checks pages in it", lambda: False)
    monkeypatch.setattr(system_requirements, "REQUIREMENTS", (absent, *REQUIREMENTS[1:]))
    monkeypatch.setattr(system_requirements.os, "geteuid", lambda: 1000)
    installs: list[object] = []
    monkeypatch.setattr(system_requirements, "install", installs.append)
    assert main([]) == 1
    assert installs == []  # never tries apt-get without root
    err = capsys.readouterr().err
    assert "make test needs" in err and "sudo apt-get install -y --no-install-recommends chromium" in err


def test_require_fails_a_test_rather_than_skipping_it(monkeypatch: pytest.MonkeyPatch) -> None:
    absent = Requirement("soffice", ("libreoffice-writer-nogui",), "LibreOffice opens every .docx", lambda: False)
    monkeypatch.setattr(system_requirements, "REQUIREMENTS", (absent,))
    with pytest.raises(pytest.fail.Exception, match="libreoffice-writer-nogui"):
        system_requirements.require("soffice")


def test_the_script_runs_with_the_standard_library_alone() -> None:
    # `make test` runs it with the system's python3, before the virtual environment exists.
    done = subprocess.run([sys.executable, "-I", "-S", str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
