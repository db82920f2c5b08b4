"""Run axe-core in headless Chromium on a page and return its WCAG 2.1 A/AA violations."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.system_requirements import require

AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--allow-file-access-from-files",
    "--autoplay-policy=no-user-gesture-required",
]


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A Selenium driver for Debian's headless Chromium with its own empty profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = require("chromium")
    service = Service(executable_path=require("chromedriver"))
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def violations_in(driver: object, url: str) -> list[dict]:
    """Load url in driver, inject axe-core, and return WCAG 2.1 A/AA violations."""
    driver.get(url)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        WCAG_TAGS,
    )
    return result


def axe_violations(page: Path) -> list[dict]:
    """WCAG 2.1 A/AA violations axe-core finds on a local page, each with its rule id and nodes."""
    with chromium() as driver:
        return violations_in(driver, page.resolve().as_uri())


def describe(violations: list[dict]) -> str:
    """A readable summary of violations for assertion messages."""
    return "\n".join(
        f"{v['id']}: {v.get('help', '')} at {[n.get('target') for n in v.get('nodes', [])][:5]}" for v in violations
    )
