"""Independent validators over any output: EPUBCheck and Ace for EPUB, axe-core for HTML, PDF/UA checkers, Word.

`check(paths)` runs every validator that is installed for each file's type and returns one `FileResult` per
file: each validator's run (name, version, what it checks, status) with its findings. Nothing here trusts
the converter: the same checks run on any .epub, .pdf, .html or .docx, ours or not.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import os
import re
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from convert.errors import InputError

KINDS = {".epub": "epub", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx"}
"""File extension -> the kind of file the validators know."""
ALLOW_LIST = Path(__file__).with_name("allowed.toml")
DEFAULT_JOBS = min(4, os.cpu_count() or 1)


# Results ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a validator reports about a file."""

    validator: str
    """The validator's name, for example "EPUBCheck"."""
    rule: str
    """The validator's own rule or message id, for example "RSC-007" or "image-alt"."""
    severity: str
    """"error" (the file fails), "warning" (to review) or "info"."""
    message: str
    """What the validator says, in its own words."""
    location: str = ""
    """Where in the file: a part and line, a page, an element selector."""
    advice: str = ""
    """What to do about it, when the validator or this module knows."""
    allowed: str = ""
    """When the allow-list judges the finding a false positive of the checker: the reason; it then never fails."""

    @property
    def failing(self) -> bool:
        """True when this finding makes the file fail."""
        return self.severity == "error" and not self.allowed


@dataclass(frozen=True, slots=True)
class Run:
    """One validator's run on one file."""

    validator: str
    """Its name."""
    version: str
    """Its version, as it reports it."""
    checks: str
    """What it checks, in one sentence."""
    status: str
    """"pass", "fail", "error" (it could not run on this file) or "missing" (not installed)."""
    findings: tuple[Finding, ...] = ()
    """Everything it reported."""
    detail: str = ""
    """Why it could not run, or how to install it when missing."""
    seconds: float = 0.0
    """How long it took on this file (a share of a batch when it checks many files at once)."""


@dataclass(frozen=True, slots=True)
class FileResult:
    """Every validator's run on one file."""

    path: Path
    """The file checked."""
    kind: str
    """"epub", "pdf", "html" or "docx"."""
    runs: tuple[Run, ...] = ()
    """One per validator for this kind, installed or not."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of every run."""
        return tuple(finding for run in self.runs for finding in run.findings)

    @property
    def status(self) -> str:
        """fail when a finding fails or a validator could not run; unchecked when none is installed; else pass."""
        ran = [run for run in self.runs if run.status != "missing"]
        if any(run.status in ("fail", "error") for run in ran):
            return "fail"
        return "pass" if ran else "unchecked"


# Validators -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Validator:
    """An independent validator: what it checks, how to find it, and how to run it on many files at once."""

    name: str
    """Its name, for example "Ace by DAISY"."""
    kind: str
    """The kind of file it checks."""
    checks: str
    """What it checks, in one sentence."""
    install: str
    """How a user installs it."""
    locate: Callable[[], object | None]
    """Finds the installed tool (a path, a module...) or returns None."""
    version: Callable[[object], str]
    """The version of the located tool."""
    run: Callable[[object, list[Path], int], dict[Path, Run]]
    """run(tool, paths, jobs) -> a Run per path."""


VALIDATOR_MODULES = ("convert.check.epub", "convert.check.html", "convert.check.pdf", "convert.check.docx")
"""The modules whose VALIDATORS this package runs, in the order reports list them. Named as text: each of them
imports Finding, Run and Validator from here, and this package does not import them back."""


def validators() -> list[Validator]:
    """Every validator this package knows, in the order reports list them."""
    return [validator for name in VALIDATOR_MODULES for validator in importlib.import_module(name).VALIDATORS]


@dataclass(frozen=True, slots=True)
class Availability:
    """Whether a validator is installed here, and its version when it is."""

    validator: Validator
    """The validator."""
    tool: object | None
    """What locate() found, or None."""
    version: str = ""
    """Its version; "" when missing."""

    @property
    def installed(self) -> bool:
        """True when the validator can run."""
        return self.tool is not None


def available(kinds: Iterable[str] | None = None) -> list[Availability]:
    """Which validators are installed (for the given kinds of file, default all), with their versions."""
    wanted = set(kinds) if kinds is not None else None
    found = []
    for validator in validators():
        if wanted is not None and validator.kind not in wanted:
            continue
        tool = validator.locate()
        found.append(Availability(validator, tool, validator.version(tool) if tool is not None else ""))
    return found


def kind_of(path: Path) -> str:
    """The kind of file, by extension; an InputError for anything the validators do not read."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"cannot check files of kind {path.suffix or '(no extension)'!r}; checkable: {', '.join(KINDS)}", path=path
        )
    return kind


def check(
    paths: Sequence[Path | str], *, jobs: int = DEFAULT_JOBS, allow_list: Path | None = ALLOW_LIST
) -> list[FileResult]:
    """Run every installed validator on every file; returns one FileResult per path, in the order given.

    Each validator checks all its files in one batch (one Java run for EPUBCheck, one browser for axe-core,
    one LibreOffice), the batches of different validators side by side; jobs bounds the parallel work inside
    a batch (Ace books, PDF files).
    """
    files = [Path(p) for p in paths]
    for path in files:
        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "is not a file", path=path)
    kinds = {path: kind_of(path) for path in files}
    runs: dict[Path, list[Run]] = {path: [] for path in files}
    allowed = load_allow_list(allow_list) if allow_list else []
    batches: list[tuple[Availability, list[Path]]] = []
    for availability in available(set(kinds.values())):
        validator = availability.validator
        targets = [path for path in files if kinds[path] == validator.kind]
        if not targets:
            continue
        if not availability.installed:
            missing = Run(validator.name, "", validator.checks, "missing", detail=f"not installed: {validator.install}")
            for path in targets:
                runs[path].append(missing)
            continue
        batches.append((availability, targets))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(batches))) as pool:
        futures = {pool.submit(_run_batch, tool, targets, jobs): tool for tool, targets in batches}
        results = {futures[future].validator.name: future.result() for future in futures}
    for availability, _ in batches:
        for path, run in results[availability.validator.name].items():
            runs[path].append(_apply_allow_list(run, allowed, path))
    order = {validator.name: index for index, validator in enumerate(validators())}
    return [
        FileResult(path, kinds[path], tuple(sorted(runs[path], key=lambda run: order.get(run.validator, 99))))
        for path in files
    ]


def _run_batch(availability: Availability, targets: list[Path], jobs: int) -> dict[Path, Run]:
    validator = availability.validator
    started = time.monotonic()
    try:
        done = validator.run(availability.tool, targets, jobs)
    except Exception as error:  # a validator that crashes must not hide the others' results
        reason = f"{type(error).__name__}: {error}"
        done = {path: failed_run(validator, reason, version=availability.version) for path in targets}
    share = (time.monotonic() - started) / max(1, len(targets))
    return {
        path: replace(run, version=run.version or availability.version, seconds=run.seconds or share)
        for path, run in done.items()
    }


def status_of(findings: Iterable[Finding]) -> str:
    """ "fail" when any finding fails, else "pass"."""
    return "fail" if any(finding.failing for finding in findings) else "pass"


def exit_code(results: Iterable[FileResult]) -> int:
    """0 when every file passed, 1 when one failed, 3 when nothing failed but a file had no validator installed."""
    statuses = {result.status for result in results}
    if "fail" in statuses:
        return 1
    return 3 if "unchecked" in statuses else 0


# The allow-list of checkers' false positives ------------------------------------


@dataclass(frozen=True, slots=True)
class Allowance:
    """A finding judged to be a checker's false positive, and why."""

    validator: str
    """The validator's name."""
    rule: str
    """Its rule id."""
    reason: str
    """Why the finding is wrong for these files."""
    matching: str = ""
    """A regular expression the finding's message or location must contain; empty matches any."""
    files: str = ""
    """A regular expression the file's name must contain; empty matches any file."""
    ours: bool = True
    """Only for files accessconvert made (the reason is about our layout), as their metadata says."""


def load_allow_list(path: Path) -> list[Allowance]:
    """The allow-list entries of a TOML file ([[allowed]] tables: validator, rule, reason, matching, files)."""
    if not path.is_file():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("allowed", [])
    loaded = []
    for entry in entries:
        if not entry.get("reason", "").strip():
            raise InputError(f"every allow-list entry needs a reason; {entry.get('rule')!r} has none", path=path)
        loaded.append(
            Allowance(
                entry["validator"],
                entry["rule"],
                entry["reason"],
                entry.get("matching", ""),
                entry.get("files", ""),
                bool(entry.get("ours", True)),
            )
        )
    return loaded


def _apply_allow_list(run: Run, allowed: list[Allowance], path: Path) -> Run:
    if not allowed or not run.findings:
        return run
    findings = []
    ours = made_by_us(path)
    for finding in run.findings:
        reason = next((a.reason for a in allowed if (ours or not a.ours) and _allows(a, finding, path)), "")
        findings.append(replace(finding, allowed=reason) if reason else finding)
    status = run.status if run.status in ("error", "missing") else status_of(findings)
    return replace(run, findings=tuple(findings), status=status)


def made_by_us(path: Path) -> bool:
    """Whether accessconvert made the file, as its metadata says (a PDF's Creator)."""
    if path.suffix.lower() != ".pdf":
        return False
    try:
        import pikepdf

        with pikepdf.open(path) as pdf:
            return str(pdf.docinfo.get("/Creator", "")).startswith("accessconvert ")
    except Exception:  # an unreadable file is not ours to excuse
        return False


def _allows(allowance: Allowance, finding: Finding, path: Path) -> bool:
    if allowance.validator != finding.validator or allowance.rule != finding.rule:
        return False
    if allowance.files and not re.search(allowance.files, path.name):
        return False
    return not allowance.matching or re.search(allowance.matching, f"{finding.location} {finding.message}") is not None


# Helpers the validator modules share ------------------------------------------------


def run_from(validator: Validator, findings: Iterable[Finding], *, version: str = "", seconds: float = 0.0) -> Run:
    """A finished run: "fail" when a finding fails, else "pass"."""
    kept = tuple(findings)
    return Run(validator.name, version, validator.checks, status_of(kept), kept, seconds=seconds)


def failed_run(validator: Validator, reason: str, *, version: str = "") -> Run:
    """A run that could not check the file, and why."""
    return Run(validator.name, version, validator.checks, "error", detail=reason)


def node_modules() -> list[Path]:
    """Where npm packages may be installed: $ACCESSCONVERT_NODE_MODULES, this checkout, the current folder, npm -g."""
    places = [Path(p) for p in os.environ.get("ACCESSCONVERT_NODE_MODULES", "").split(os.pathsep) if p]
    checkout = Path(__file__).resolve().parent.parent.parent
    places += [checkout / "tests" / "browser" / "node_modules", Path.cwd() / "node_modules"]
    places.append(_global_node_modules())
    return [place for place in dict.fromkeys(places) if place.is_dir()]


_GLOBAL: list[Path] = []


def _global_node_modules() -> Path:
    if not _GLOBAL:
        import shutil
        import subprocess

        found = Path("/nonexistent")
        npm = shutil.which("npm")
        if npm:
            done = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60, check=False)
            if done.returncode == 0 and done.stdout.strip():
                found = Path(done.stdout.strip())
        _GLOBAL.append(found)
    return _GLOBAL[0]


def node_package(name: str, file: str) -> Path | None:
    """A file of an installed npm package (for example "axe-core", "axe.min.js"), or None."""
    for place in node_modules():
        candidate = place / name / file
        if candidate.is_file():
            return candidate
    return None


def node_package_version(name: str, file: Path) -> str:
    """The version in the package.json of the npm package holding file."""
    import json

    for folder in file.parents:
        manifest = folder / "package.json"
        if manifest.is_file() and folder.name == name.split("/")[-1]:
            return str(json.loads(manifest.read_text(encoding="utf-8")).get("version", "unknown"))
    return "unknown"
