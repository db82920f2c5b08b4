"""Check results for people and machines: one line per finding, a JSON document, an accessible HTML report."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from lxml import etree

from convert import __version__
from convert.check import Availability, FileResult, Finding, Run
from convert.reproducible import build_time

STATUS_WORDS = {"pass": "passed", "fail": "failed", "error": "could not run", "missing": "not installed"}
FILE_WORDS = {"pass": "passed", "fail": "failed", "unchecked": "not checked (no validator installed)"}
REPORT_CSS = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1rem;
       color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #767676; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
.fail { color: #a50000; } .pass { color: #05640a; }
code { overflow-wrap: anywhere; }
"""


def finding_line(path: Path, finding: Finding) -> str:
    """One line: file, location, rule (validator), what it says, and what to do."""
    where = f"{path}: {finding.location}: " if finding.location else f"{path}: "
    line = f"{where}{finding.rule} ({finding.validator}, {finding.severity}): {finding.message}"
    if finding.advice:
        line += f" -- {finding.advice}"
    if finding.allowed:
        line += f" [allowed: {finding.allowed}]"
    return line


def text_lines(results: Sequence[FileResult], *, warnings: bool = True) -> list[str]:
    """Every finding as a line (warnings too unless told not to), then missing validators, then a summary."""
    lines = []
    for result in results:
        for run in result.runs:
            if run.status == "error":
                lines.append(f"{result.path}: {run.validator} could not run: {run.detail}")
            for finding in run.findings:
                if finding.failing or warnings or finding.allowed:
                    lines.append(finding_line(result.path, finding))
    lines += missing_lines(results)
    lines.append(summary(results))
    return lines


def missing_lines(results: Iterable[FileResult]) -> list[str]:
    """One line per validator that is not installed but would have checked a file, with how to install it."""
    missing: dict[str, str] = {}
    for result in results:
        for run in result.runs:
            if run.status == "missing":
                missing[run.validator] = run.detail
    return [f"missing: {name} ({detail})" for name, detail in missing.items()]


def summary(results: Sequence[FileResult]) -> str:
    """ "checked 3 files: 2 passed, 1 failed; EPUBCheck 0 errors, Ace by DAISY 2 errors"."""
    statuses = Counter(result.status for result in results)
    counts = ", ".join(f"{statuses[s]} {FILE_WORDS[s].split(' (')[0]}" for s in FILE_WORDS if statuses[s])
    errors: Counter[str] = Counter()
    ran: dict[str, None] = {}
    for result in results:
        for run in result.runs:
            if run.status != "missing":
                ran[run.validator] = None
                errors[run.validator] += sum(finding.failing for finding in run.findings)
    per_validator = ", ".join(f"{name} {errors[name]} error{'s' if errors[name] != 1 else ''}" for name in ran)
    noun = "file" if len(results) == 1 else "files"
    return f"checked {len(results)} {noun}: {counts or 'nothing'}" + (f"; {per_validator}" if per_validator else "")


def as_json(results: Sequence[FileResult], tools: Sequence[Availability]) -> str:
    """The results as one JSON document: validators (installed or not), then each file's runs and findings."""
    document = {
        "checker": f"accessconvert {__version__}",
        "validators": [
            {
                "name": tool.validator.name,
                "kind": tool.validator.kind,
                "installed": tool.installed,
                "version": tool.version,
                "checks": tool.validator.checks,
                **({} if tool.installed else {"install": tool.validator.install}),
            }
            for tool in tools
        ],
        "files": [
            {
                "path": str(result.path),
                "kind": result.kind,
                "status": result.status,
                "runs": [
                    {
                        "validator": run.validator,
                        "version": run.version,
                        "status": run.status,
                        "detail": run.detail,
                        "seconds": round(run.seconds, 3),
                        "findings": [
                            {
                                "rule": f.rule,
                                "severity": f.severity,
                                "message": f.message,
                                "location": f.location,
                                "advice": f.advice,
                                "failing": f.failing,
                                **({"allowed": f.allowed} if f.allowed else {}),
                            }
                            for f in run.findings
                        ],
                    }
                    for run in result.runs
                ],
            }
            for result in results
        ],
        "summary": summary(results),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# The HTML report -----------------------------------------------------------------


def _e(tag: str, attributes: dict[str, str] | None = None, *children: etree._Element | str) -> etree._Element:
    element = etree.Element(tag, attributes or {})
    for child in children:
        if isinstance(child, str):
            if len(element):
                element[-1].tail = (element[-1].tail or "") + child
            else:
                element.text = (element.text or "") + child
        else:
            element.append(child)
    return element


def _table(caption: str, header: Sequence[str], rows: Iterable[Sequence[etree._Element | str]]) -> etree._Element:
    table = _e("table", None, _e("caption", None, caption))
    table.append(_e("thead", None, _e("tr", None, *(_e("th", {"scope": "col"}, h) for h in header))))
    body = _e("tbody")
    for row in rows:
        cells = [_e("th", {"scope": "row"}, row[0])] + [_e("td", None, cell) for cell in row[1:]]
        body.append(_e("tr", None, *cells))
    table.append(body)
    return table


def _run_result(run: Run) -> str:
    return STATUS_WORDS[run.status] + (f": {run.detail}" if run.detail else "")


def html_report(results: Sequence[FileResult], tools: Sequence[Availability], *, title: str = "") -> str:
    """An accessible, self-contained conformance report: the validators, then each file's result and findings."""
    heading = title or "Conformance report"
    when = build_time().strftime("%d %B %Y, %H:%M UTC")
    kinds = {result.kind for result in results}
    used = [tool for tool in tools if tool.validator.kind in kinds]
    body = _e(
        "main",
        None,
        _e("h1", None, heading),
        _e("p", None, f"Made by accessconvert {__version__} on {when}. {summary(results)}."),
        _e(
            "p",
            None,
            "Each file was checked by every independent validator installed for its type. A file passes when no "
            "validator reports an error; warnings are for a person to review. Findings judged to be a "
            "validator's false positive are listed with the reason and do not fail the file.",
        ),
        _e("h2", None, "Validators"),
        _table(
            "The validators, their versions and what each checks",
            ("Validator", "Version", "What it checks"),
            (
                (tool.validator.name, tool.version or f"not installed: {tool.validator.install}", tool.validator.checks)
                for tool in used
            ),
        ),
        _e("h2", None, "Results"),
        _table(
            "The result of each file",
            ("File", "Result", "Errors", "Warnings"),
            (
                (
                    result.path.name,
                    _e("span", {"class": "pass" if result.status == "pass" else "fail"}, FILE_WORDS[result.status]),
                    str(sum(f.failing for f in result.findings)),
                    str(sum(f.severity == "warning" for f in result.findings)),
                )
                for result in results
            ),
        ),
    )
    for result in results:
        body.append(_e("h2", None, result.path.name))
        body.append(
            _table(
                f"Validators run on {result.path.name}",
                ("Validator", "Version", "Result", "Findings"),
                ((run.validator, run.version or "-", _run_result(run), str(len(run.findings))) for run in result.runs),
            )
        )
        if result.findings:
            body.append(
                _table(
                    f"Findings on {result.path.name}",
                    ("Rule", "Validator", "Severity", "Where", "What it says", "What to do"),
                    (
                        (
                            f.rule,
                            f.validator,
                            f.severity + (f" (allowed: {f.allowed})" if f.allowed else ""),
                            _e("code", None, f.location) if f.location else "-",
                            f.message,
                            f.advice or "-",
                        )
                        for f in result.findings
                    ),
                )
            )
    html = _e(
        "html",
        {"lang": "en"},
        _e(
            "head",
            None,
            _e("meta", {"charset": "utf-8"}),
            _e("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            _e("title", None, heading),
            _e("style", None, REPORT_CSS),
        ),
        _e("body", None, body),
    )
    return "<!DOCTYPE html>\n" + etree.tostring(html, encoding="unicode", method="html") + "\n"
