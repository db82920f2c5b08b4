"""Every format of every edition of every corpus document passes the independent validators, with no finding.

EPUBCheck (no message at all), Ace by DAISY (no violation), axe-core (no WCAG 2.1 A/AA violation),
page-validation (PDF/UA-1 compliant), outloud (no error), the OOXML package check and LibreOffice (opens,
no error) run on the outputs of tests/check/conformance.py. A finding judged a checker's false positive
is in convert/check/allowed.toml with its reason; no file is ever left out.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest

from convert.check import FileResult, available, check
from convert.check.report import as_json, finding_line, html_report
from tests.check.conformance import EDITIONS, FORMATS, Built, build_all, sources
from tests.system_requirements import require

OUTPUTS = (*FORMATS, "read-aloud", "read-along")
REPORT_ENV = "ACCESSCONVERT_CONFORMANCE_REPORT"
"""A folder to keep the conformance report (report.html, report.json, timings.json) in."""


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Every document built once, and every output checked once by every validator."""
    for program in ("java", "chromium", "soffice"):
        require(program)
    tools = available()
    missing = [tool.validator.name for tool in tools if not tool.installed]
    assert not missing, f"validators missing: {missing}; make test installs them (pyproject dev, tests/browser)"
    work = tmp_path_factory.mktemp("conformance")
    started = time.monotonic()
    built = build_all(work)
    build_seconds = time.monotonic() - started
    files = [path for b in built.values() for path in b.outputs.values()]
    started = time.monotonic()
    results = {result.path: result for result in check(files, jobs=2)}
    check_seconds = time.monotonic() - started
    keep = os.environ.get(REPORT_ENV)
    if keep:
        folder = Path(keep)
        folder.mkdir(parents=True, exist_ok=True)
        ordered = [results[path] for path in files]
        (folder / "report.html").write_text(html_report(ordered, tools, title="Conformance of the corpus"))
        (folder / "report.json").write_text(as_json(ordered, tools))
        per_document = {name: b.seconds for name, b in built.items()}
        timings = {"build": build_seconds, "check": check_seconds, "documents": per_document}
        (folder / "timings.json").write_text(json.dumps(timings, indent=2))
    print(f"\nconformance: built {len(built)} documents in {build_seconds:.0f} s, checked {len(files)} files in "
          f"{check_seconds:.0f} s; {counts(results.values())}")  # fmt: skip
    return {"built": built, "results": results}


def counts(results: object) -> str:
    """Failing findings per validator, for the summary line."""
    found: Counter[str] = Counter()
    for result in results:  # type: ignore[attr-defined]
        for run in result.runs:
            found[run.validator] += sum(f.failing for f in run.findings) + (run.status == "error")
    return ", ".join(f"{name} {number}" for name, number in found.items())


CASES = [
    pytest.param(source.name, edition, output, id=f"{source.name}:{edition}:{output}")
    for source in sources()
    for edition in EDITIONS
    for output in OUTPUTS
    if output in FORMATS or source.read_aloud
]


@pytest.mark.parametrize(("name", "edition", "output"), CASES)
def test_output_passes_every_validator(corpus: dict[str, object], name: str, edition: str, output: str) -> None:
    built: Built = corpus["built"][name]  # type: ignore[index]
    assert not built.error, f"{name} could not be converted: {built.error}"
    path = built.outputs[(edition, output)]
    result: FileResult = corpus["results"][path]  # type: ignore[index]
    assert result.status != "unchecked"
    problems = [run for run in result.runs if run.status == "error"]
    assert not problems, "; ".join(f"{run.validator} could not run: {run.detail}" for run in problems)
    failing = [finding_line(path, f) for f in result.findings if f.failing]
    # EPUBCheck's warnings and notes count too: the bar is no message at all.
    failing += [finding_line(path, f) for f in result.findings if f.validator == "EPUBCheck" and not f.failing]
    assert not failing, "\n".join(failing)


def test_the_read_aloud_sample_covers_each_structure_it_names() -> None:
    from tests.check.conformance import READ_ALOUD_SAMPLE

    narrated = {source.name for source in sources() if source.read_aloud}
    # A sample entry that names no document (renamed, removed) would silently narrate less than the README says.
    assert narrated >= READ_ALOUD_SAMPLE
