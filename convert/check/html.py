"""The HTML validator: axe-core's WCAG 2.1 A/AA rules, run in headless Chromium on each page."""

from __future__ import annotations

import concurrent.futures
import time
from pathlib import Path

from convert.check import Finding, Run, Validator, failed_run, node_package, node_package_version, run_from
from convert.check.browser import WCAG_TAGS, BrowserError, axe_results, browser, chromium_version, find_chromium

AXE_IMPACT = {"critical", "serious", "moderate", "minor"}


def locate_axe() -> tuple[Path, str] | None:
    """(axe.min.js of the npm package axe-core, Chromium), or None if either is missing."""
    script = node_package("axe-core", "axe.min.js")
    chromium = find_chromium()
    return (script, chromium) if script is not None and chromium is not None else None


def axe_version(tool: object) -> str:
    """axe-core's version, and the browser it runs in."""
    script, chromium = tool  # type: ignore[misc]
    return f"{node_package_version('axe-core', script)} in {chromium_version(chromium)}"


def axe_findings(violations: list[dict]) -> list[Finding]:
    """One finding per violated rule, located at its first element (and how many more)."""
    findings = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = [" ".join(map(str, node.get("target", []))) for node in nodes]
        where = targets[0] if targets else ""
        if len(targets) > 1:
            where += f" (and {len(targets) - 1} more)"
        summary = nodes[0].get("failureSummary", "") if nodes else ""
        findings.append(
            Finding(
                "axe-core",
                str(violation.get("id", "")),
                "error",
                f"[{violation.get('impact', '')}] {violation.get('help', '')}",
                where,
                " ".join(part for part in (summary.replace("\n", " ").strip(), violation.get("helpUrl", "")) if part),
            )
        )
    return findings


def run_axe(tool: object, pages: list[Path], jobs: int) -> dict[Path, Run]:
    """axe-core on every page: up to jobs browsers, each checking its share of the pages one after another."""
    script, chromium = tool  # type: ignore[misc]
    source = Path(script).read_text(encoding="utf-8")
    shares = [pages[start :: max(1, jobs)] for start in range(min(max(1, jobs), len(pages)))]

    def share(assigned: list[Path]) -> dict[Path, Run]:
        runs: dict[Path, Run] = {}
        with browser(chromium) as running:
            for page in assigned:
                started = time.monotonic()
                try:
                    result = axe_results(running, page, source)
                except BrowserError as error:
                    runs[page] = failed_run(AXE, f"axe-core could not check the page: {error}")
                    continue
                findings = axe_findings(result.get("violations", []))
                runs[page] = run_from(AXE, findings, seconds=time.monotonic() - started)
        return runs

    found: dict[Path, Run] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(shares) or 1) as pool:
        for runs in pool.map(share, shares):
            found.update(runs)
    return {page: found[page] for page in pages}


AXE = Validator(
    name="axe-core",
    kind="html",
    checks=f"WCAG 2.1 level A and AA rules ({', '.join(WCAG_TAGS)}) on the page as headless Chromium renders it",
    install="npm install --global axe-core@4.14.1, and Chromium (Debian: apt-get install chromium)",
    locate=locate_axe,
    version=axe_version,
    run=run_axe,
)

VALIDATORS = (AXE,)
