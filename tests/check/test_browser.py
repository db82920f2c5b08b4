"""The headless Chromium that axe-core and the page checks run in (convert/check/browser.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convert.check.browser import BrowserError, axe_script, browser, chromium_version, find_chromium
from tests.system_requirements import require


def test_the_chosen_browser_is_the_environments_when_it_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCESSCONVERT_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert find_chromium() is None
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\necho 'Chromium 1.2.3 built for tests'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ACCESSCONVERT_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)
    assert chromium_version(str(fake)) == "Chromium 1.2.3 built for tests"


def test_the_axe_script_runs_only_the_wcag_rules_asked() -> None:
    script = axe_script("/* axe */", ("wcag2a",))
    assert script.startswith("/* axe */\n")
    options = json.loads(script.split("axe.run(document, ", 1)[1].split(");", 1)[0])
    assert options == {"runOnly": {"type": "tag", "values": ["wcag2a"]}, "resultTypes": ["violations"]}


def test_pages_are_evaluated_one_after_another_in_one_browser(tmp_path: Path) -> None:
    require("chromium")
    binary = find_chromium()
    assert binary, "make test installs chromium"
    pages = []
    for n in (1, 2):
        page = tmp_path / f"p{n}.html"
        page.write_text(f"<!DOCTYPE html><title>Page {n}</title><p>{'word ' * n}</p>", encoding="utf-8")
        pages.append(page)
    with browser(binary) as running:
        titles = [running.evaluate_on(p.as_uri(), "document.title") for p in pages]
        counts = [running.evaluate_on(p.as_uri(), "document.body.innerText.split(' ').length") for p in pages]
        with pytest.raises(BrowserError):
            running.evaluate_on(pages[0].as_uri(), "throw new Error('broken script')")
    assert titles == ["Page 1", "Page 2"] and counts[0] < counts[1]
