"""PDF validators: page-validation's PDF/UA-1 rules and outloud's ISO 14289-1 / Matterhorn Protocol checks."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import time
from pathlib import Path

from convert.check import Finding, Run, Validator, failed_run, run_from

# What to do about a page-validation rule, by a word of its id (its messages say what is wrong, not what to do).
PAGE_ADVICE = (
    ("FIGURE", "give every informative image a text alternative (/Alt), or make a decorative one an artifact"),
    ("HEADING", "number headings without skipping a level (H1, then H2, then H3)"),
    ("FONT", "embed every font the text uses"),
    ("LINK", "put every link annotation in a Link structure element and give it a description (/Contents)"),
    ("TABLE", "give tables a header row (THead), header cells TH with a /Scope, and body rows in TBody"),
    ("LI-", "give each list item (LI) a label (Lbl) and a body (LBody)"),
    ("LANG", "set the document's language (/Lang) and mark passages in other languages"),
    ("METADATA", "set the title and the PDF/UA identifier in the XMP metadata"),
    ("STRUCT", "tag the document: every content item in the structure tree, or marked as an artifact"),
    ("CONTENT", "tag every piece of content, or mark it as an artifact"),
    ("ANNOT", "put every annotation in the structure tree, with a description"),
)


# page-validation ---------------------------------------------------------------


def _module(name: str, entry: str) -> object | None:
    """The installed module called name if it has the function entry, else None."""
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    return module if hasattr(module, entry) else None


def locate_page() -> object | None:
    """The page-validation module (import name page), or None."""
    return _module("page", "validate_pdf")


def page_version(tool: object) -> str:
    """page-validation's version and the profile it applies."""
    return f"{getattr(tool, '__version__', 'unknown')} (PDF/UA-1 profile)"


def page_findings(path: Path) -> tuple[list[Finding], str]:
    """page-validation's failures on one PDF, and its summary of the rules that ran."""
    import page

    report = page.validate_pdf(str(path), profile="ua1")
    findings = []
    for failure in report.failures:
        advice = next((text for word, text in PAGE_ADVICE if word in failure.rule_id), "")
        obj = failure.object_id
        where = f"object {obj.object_number} {obj.generation} R" if obj is not None else ""
        findings.append(Finding("page-validation", failure.rule_id, "error", failure.message, where, advice))
    return findings, f"{report.rules.passed} of {report.rules.total} rules passed"


# outloud ---------------------------------------------------------------------------


def locate_outloud() -> object | None:
    """The outloud module, or None."""
    return _module("outloud", "check")


def outloud_version(tool: object) -> str:
    """outloud's version."""
    return str(getattr(tool, "__version__", "unknown"))


def outloud_findings(path: Path) -> list[Finding]:
    """outloud's findings on one PDF, each with its ISO 14289-1 clause and Matterhorn checkpoint."""
    import outloud
    from outloud.registry import load_catalogue

    catalogue = load_catalogue()
    result = outloud.check(str(path))
    if result.error:
        raise RuntimeError(result.error)
    findings = []
    for found in result.sorted_findings():
        meta = catalogue.get(found.rule)
        references = []
        if meta is not None and meta.clause:
            references.append(f"ISO 14289-1 {meta.clause}")
        if meta is not None and meta.matterhorn:
            references.append(f"Matterhorn {meta.matterhorn}")
        where = ", ".join(
            [*([f"page {found.page}"] if found.page else []), *(str(v) for v in (found.location or {}).values())]
        )
        severity = str(getattr(found.severity, "value", found.severity)).lower()
        evidence = f" ({found.evidence})" if isinstance(found.evidence, str) and found.evidence else ""
        message = found.message + evidence + (f" [{'; '.join(references)}]" if references else "")
        advice = meta.fix if meta is not None and meta.fix else ""
        findings.append(Finding("outloud", found.rule, severity, message, where, advice))
    return findings


# Running both, in worker processes ---------------------------------------------------


def _check_one(path: str, names: tuple[str, ...]) -> dict[str, tuple[list[Finding] | None, str, float]]:
    """In a worker: each named checker's findings on one PDF (None and the reason when it failed), and its time."""
    done: dict[str, tuple[list[Finding] | None, str, float]] = {}
    for name in names:
        started = time.monotonic()
        try:
            if name == PAGE.name:
                findings, _ = page_findings(Path(path))
            else:
                findings = outloud_findings(Path(path))
            done[name] = (findings, "", time.monotonic() - started)
        except Exception as error:  # a PDF that crashes a checker is a result, not a reason to stop
            done[name] = (None, f"{type(error).__name__}: {error}", time.monotonic() - started)
    return done


def _runs(validator: Validator, files: list[Path], results: object) -> dict[Path, Run]:
    """Runs from _check_one's results, one per file, in order."""
    runs: dict[Path, Run] = {}
    for path, result in zip(files, results, strict=True):  # type: ignore[call-overload]
        findings, reason, seconds = result[validator.name]
        if findings is None:
            runs[path] = failed_run(validator, f"{validator.name} could not read the file: {reason}")
        else:
            runs[path] = run_from(validator, findings, seconds=seconds)
    return runs


def run_page(tool: object, files: list[Path], jobs: int) -> dict[Path, Run]:
    """page-validation on every PDF, here: it takes milliseconds a file."""
    return _runs(PAGE, files, [_check_one(str(path), (PAGE.name,)) for path in files])


def run_outloud(tool: object, files: list[Path], jobs: int) -> dict[Path, Run]:
    """outloud on every PDF, in jobs worker processes (about a second a file; it holds the GIL in places)."""
    context = multiprocessing.get_context("spawn")
    workers = max(1, min(jobs, len(files)))
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return _runs(OUTLOUD, files, list(pool.map(_check_one, map(str, files), [(OUTLOUD.name,)] * len(files))))


PAGE = Validator(
    name="page-validation",
    kind="pdf",
    checks="PDF/UA-1 (ISO 14289-1): the 104 machine-checkable rules of its PDF/UA-1 profile, "
    "from tagging and structure to fonts, metadata and annotations",
    install="pip install page-validation (in the same environment as accessconvert)",
    locate=locate_page,
    version=page_version,
    run=run_page,
)

OUTLOUD = Validator(
    name="outloud",
    kind="pdf",
    checks="PDF/UA-1 by ISO 14289-1 clause and Matterhorn Protocol checkpoint: structure, headings, tables, "
    "lists, links, figures, fonts, language; its semantic heuristics are warnings to review",
    install="pip install outloud (in the same environment as accessconvert)",
    locate=locate_outloud,
    version=outloud_version,
    run=run_outloud,
)

VALIDATORS = (PAGE, OUTLOUD)
