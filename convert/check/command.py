"""`accessconvert check FILE...`: the independent validators on any .epub, .pdf, .html or .docx."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from convert.check import DEFAULT_JOBS, FileResult, available, check, exit_code, kind_of
from convert.check.report import as_json, html_report, text_lines
from convert.errors import UsageError
from convert.fileio import write_text_atomic

EXIT_CODES = "0 every file passed, 1 a file failed (or a validator could not run), 2 bad usage or a missing file, " \
    "3 no validator installed for a file's type"  # fmt: skip


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def parser() -> argparse.ArgumentParser:
    """The arguments of `accessconvert check`."""
    made = _Parser(
        prog="accessconvert check",
        description="Check files with every independent validator installed: EPUBCheck and Ace by DAISY (.epub), "
        "axe-core in Chromium (.html), page-validation and outloud for PDF/UA-1 (.pdf), an OOXML package check "
        "and LibreOffice (.docx).",
        epilog=f"Exit codes: {EXIT_CODES}. `accessconvert check --list` shows which validators are installed.",
    )
    made.add_argument("files", nargs="*", type=Path, metavar="FILE", help=".epub, .pdf, .html or .docx files")
    made.add_argument("--json", action="store_true", help="print the results as JSON on stdout")
    made.add_argument("--report", type=Path, metavar="FILE.html", help="also write an accessible HTML report")
    made.add_argument("--list", action="store_true", help="list the validators, installed or not, and exit")
    made.add_argument("--no-warnings", action="store_true", help="print only findings that fail a file")
    made.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"parallel work (default {DEFAULT_JOBS})")
    made.add_argument("-q", "--quiet", action="store_true", help="print only the summary and what fails")
    return made


def report(results: Sequence[FileResult], *, as_machine: bool = False, report_path: Path | None = None,
           warnings: bool = True) -> int:  # fmt: skip
    """Print results (lines, or JSON), write the HTML report if asked; returns the exit code."""
    tools = available({result.kind for result in results})
    if as_machine:
        sys.stdout.write(as_json(results, tools))
    else:
        for line in text_lines(results, warnings=warnings):
            print(line)
    if report_path is not None:
        write_text_atomic(report_path, html_report(results, tools))
        if not as_machine:
            print(f"wrote {report_path}")
    return exit_code(results)


def main(argv: list[str]) -> int:
    """Run the command; returns the exit code."""
    args = parser().parse_args(argv)
    if args.list:
        for tool in available():
            state = tool.version if tool.installed else f"not installed: {tool.validator.install}"
            print(f"{tool.validator.kind:<5} {tool.validator.name:<20} {state}")
        return 0
    if not args.files:
        raise UsageError("no FILE given; try accessconvert check --help")
    if args.report is not None and args.report.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"the report is an HTML page; name it FILE.html, not {args.report.name!r}")
    for path in args.files:
        kind_of(path)
    results = check(args.files, jobs=max(1, args.jobs))
    return report(results, as_machine=args.json, report_path=args.report, warnings=not (args.no_warnings or args.quiet))
