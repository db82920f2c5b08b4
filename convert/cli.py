"""The accessconvert command line: convert sources to formats, with progress, warnings and exit codes."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import convert
from convert.errors import ConvertError, UsageError
from convert.registry import readers, writers

PROG = "accessconvert"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_MISSING, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 3, 130, 143

# Further commands ("accessconvert NAME ...") by name: (one-line help, main(argv) -> exit code).
COMMANDS: dict[str, tuple[str, str]] = {
    "bundle": ("make offline zip bundles of every edition and format", "convert.cli:main_bundle"),
    "verify": ("check a bundle's files against its SHA256SUMS", "convert.cli:main_verify"),
    "readability": ("readability and facts of sources and their child editions", "convert.readability_command:main"),
    "check": ("check .epub, .pdf, .html, .docx files with independent validators", "convert.check.command:main"),
}
"""name -> (help, "module:function"); the function takes argv and returns an exit code."""


def error(message: str) -> None:
    """Print one error line on stderr."""
    print(f"{PROG}: error: {message}", file=sys.stderr)


def warn(message: str) -> None:
    """Print one warning line on stderr."""
    print(f"{PROG}: warning: {message}", file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one error line and exit code 2, as every error of ours."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print the usage and one error line, then exit with EXIT_USAGE."""
        self.print_usage(sys.stderr)
        error(message)
        raise SystemExit(EXIT_USAGE)


def comma_list(value: str) -> list[str]:
    """The names of a comma-separated option value ("html, pdf" -> ["html", "pdf"]), empty parts dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for converting sources."""
    commands = "".join(f"\n  {PROG} {name} ...    {help_}" for name, (help_, _) in COMMANDS.items())
    parser = Parser(
        prog=PROG,
        description="Convert articles (plain text, Markdown, HTML) into accessible HTML, PDF, Word, EPUB and audio.",
        epilog=(
            "Outputs go to OUT/<stem>/<stem>.<ext>; the child edition to <stem>.child.<ext>.\n"
            "Exit codes: 0 done, 1 failure, 2 bad usage or bad input, 3 a format's engine or dependency missing."
            + (f"\n\nOther commands:{commands}" if commands else "")
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE", type=Path, help="documents to convert")
    parser.add_argument(
        "-t",
        "--to",
        type=comma_list,
        default=["html"],
        metavar="FORMATS",
        help="comma-separated formats, or 'all' (default: html)",
    )
    parser.add_argument(
        "-o", "--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out)"
    )
    parser.add_argument(
        "-f", "--from", dest="reader", metavar="NAME", help="input format, instead of guessing from the extension"
    )
    parser.add_argument(
        "--edition",
        type=comma_list,
        default=["full"],
        metavar="NAMES",
        help="full, child, or both as full,child (default: full)",
    )
    parser.add_argument(
        "--theme", default="default", help="CSS theme: default, large-print, high-contrast, dyslexia, child"
    )
    parser.add_argument(
        "--css", type=Path, metavar="FILE", help="a style sheet of your own, after the theme (local images only)"
    )
    parser.add_argument(
        "--lang", default="", metavar="TAG", help="the document's language (BCP 47), overriding detection"
    )
    parser.add_argument("--paper", default="a4", choices=["a4", "letter"], help="paper size for PDF (default: a4)")
    parser.add_argument("--engine", default="piper", help="speech engine for audio: piper (offline) or gtts (online)")
    parser.add_argument("--voice", type=Path, metavar="PATH", help="a Piper .onnx voice instead of the bundled one")
    parser.add_argument("--rate", type=float, default=1.0, help="speaking rate, 1.0 natural, below 1 slower")
    parser.add_argument(
        "--lexicon", type=Path, metavar="FILE", help="a TOML pronunciation lexicon adding to the built-in one"
    )
    parser.add_argument("--no-cache", dest="cache", action="store_false", help="synthesise all speech again")
    parser.add_argument("--review", action="store_true", help="with the child edition, also write its review page")
    parser.add_argument(
        "--read-aloud",
        action="store_true",
        help="also write <stem>.read-aloud.epub (narrated, synchronised EPUB) and <stem>.read-along.html",
    )
    parser.add_argument(
        "--overlay-granularity",
        choices=["sentence", "word"],
        default="sentence",
        help="what the read-aloud EPUB highlights as the voice reads: each sentence (default) or each word",
    )
    parser.add_argument(
        "--vtt-words", action="store_true", help="time each word in the WebVTT transcript (one cue per sentence)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="check what was written with the independent validators installed (as accessconvert check does)",
    )
    parser.add_argument("--list-formats", action="store_true", help="list input and output formats and exit")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but warnings and errors")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    parser.add_argument("--version", action="version", version=f"{PROG} {convert.__version__}")
    return parser


def list_formats() -> None:
    """Print the input and output formats."""
    print("Input formats:")
    for item in readers().values():
        print(f"  {item.name:<10} {' '.join(item.extensions):<22} {item.description}")
    print("Output formats:")
    for item in writers().values():
        print(f"  {item.name:<10} {item.extension:<22} {item.description}")


@contextmanager
def _reported_warnings(source: Path) -> Iterator[None]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            # Each writer meets the same refused image: the user hears of it once. Readers name the file
            # themselves (with the line, or the part of a package): it is said once.
            for message in dict.fromkeys(str(item.message) for item in caught):
                warn(message if message.startswith(f"{source}:") else f"{source}: {message}")


class Progress:
    """Progress on stderr: a rich bar on a terminal, plain lines otherwise, nothing when quiet."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import (
                Progress as RichProgress,
            )

            self.bar = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )  # fmt: skip
            self.bar.start()
            self.overall = self.bar.add_task("converting", total=total)
            self.detail = self.bar.add_task("", total=1, visible=False)

    def step(self, description: str) -> None:
        """A new output starts."""
        if self.bar is not None:
            self.bar.update(self.overall, description=description)

    def done(self, path: Path) -> None:
        """An output is written."""
        if self.bar is not None:
            self.bar.advance(self.overall)
            self.bar.update(self.detail, visible=False)
            self.bar.console.print(f"wrote {path}")
        elif not self.quiet:
            print(f"wrote {path}", flush=True)

    def detailed(self, what: str, done: float, total: float) -> None:
        """A long-running writer reports its own progress."""
        if self.bar is not None:
            self.bar.update(self.detail, description=f"  {what}", completed=done, total=total or 1, visible=True)

    def stop(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.stop()


def _convert_one(source: Path, args: argparse.Namespace, progress: Progress) -> list[Path]:
    def on_output(stage: str, target: Path) -> None:
        if stage == "start":
            progress.step(f"{source.name} → {target.name}")
        else:
            progress.done(target)

    return convert.convert(
        source, args.to, args.out, editions=args.edition, format=args.reader, on_output=on_output,
        theme=args.theme, css=args.css, paper=args.paper, lang=args.lang, engine=args.engine, voice=args.voice,
        rate=args.rate, lexicon=args.lexicon, cache=args.cache, progress=progress.detailed, review=args.review,
        read_aloud=args.read_aloud, overlay_granularity=args.overlay_granularity, vtt_words=args.vtt_words,
    )  # fmt: skip


# Bundles -----------------------------------------------------------------------


def bundle_parser() -> argparse.ArgumentParser:
    """The argument parser of accessconvert bundle."""
    parser = Parser(
        prog=f"{PROG} bundle",
        description="Make an offline zip bundle of every edition and format of each SOURCE: "
        "DIST/<stem>.zip with index.html, SHA256SUMS and CREDITS.txt.",
        epilog="Outputs already in OUT/<stem>/ are reused when newer than the source and the converter.\n"
        "Exit codes: 0 done, 1 a format failed (with --keep-going: bundled without it), 2 bad usage or input, "
        "3 a format's engine or dependency missing.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", type=Path, help="documents to bundle")
    parser.add_argument(
        "-d", "--dist", type=Path, default=Path("dist"), metavar="DIR", help="where zips go (default: dist)"
    )
    parser.add_argument(
        "-o", "--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out)"
    )
    parser.add_argument(
        "-t", "--to", type=comma_list, default=["all"], metavar="FORMATS", help="formats (default: all)"
    )
    parser.add_argument("--edition", type=comma_list, default=list(convert.EDITIONS), metavar="NAMES",
                        help=f"editions (default: {','.join(convert.EDITIONS)})")  # fmt: skip
    parser.add_argument("--combined", metavar="NAME", help="also DIST/NAME.zip with every bundle (default: all, "
                        "when there is more than one source)")  # fmt: skip
    parser.add_argument("--no-combined", action="store_true", help="make no combined zip")
    parser.add_argument("-k", "--keep-going", action="store_true", help="bundle without a format that fails")
    parser.add_argument("--rebuild", action="store_true", help="build every output again, even when up to date")
    parser.add_argument("--no-check", dest="check", action="store_false", default=None,
                        help="leave out conformance.html, the validators' report")  # fmt: skip
    parser.add_argument("-f", "--from", dest="reader", metavar="NAME", help="input format, instead of the extension")
    parser.add_argument("--theme", help="CSS theme for html, pdf and epub")
    parser.add_argument("--css", type=Path, metavar="FILE", help="a style sheet of your own, after the theme")
    parser.add_argument("--paper", choices=["a4", "letter"], help="paper size for PDF")
    parser.add_argument("--engine", help="speech engine: piper (offline) or gtts (online)")
    parser.add_argument("--voice", type=Path, metavar="PATH", help="a Piper .onnx voice instead of the bundled one")
    parser.add_argument("--rate", type=float, help="speaking rate, 1.0 natural")
    parser.add_argument("--lexicon", type=Path, metavar="FILE", help="a TOML pronunciation lexicon")
    parser.add_argument("--no-cache", dest="cache", action="store_false", help="synthesise all speech again")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but warnings and errors")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    return parser


def main_bundle(argv: list[str]) -> int:
    """accessconvert bundle SOURCE...: make the zips; return the exit code."""
    from convert.bundles import bundle

    args = bundle_parser().parse_args(argv)
    settings = {
        key: value
        for key in ("theme", "css", "paper", "engine", "voice", "rate", "lexicon")
        if (value := getattr(args, key)) is not None
    }
    if not args.cache:
        settings["cache"] = False
    combined = None if args.no_combined else args.combined or ("all" if len(args.sources) > 1 else None)

    def on_output(stage: str, target: Path) -> None:
        if stage == "done" and not args.quiet:
            print(f"wrote {target}", flush=True)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            made = bundle(
                args.sources, args.dist, out_dir=args.out, to=args.to, editions=args.edition, combined=combined,
                keep_going=args.keep_going, rebuild=args.rebuild, format=args.reader, on_output=on_output,
                check=args.check, **settings,
            )  # fmt: skip
        finally:
            for item in caught:
                warn(str(item.message))
    for result in made:
        if not args.quiet:
            print(f"bundled {result.path} ({len(result.names)} files)")
    return 1 if any(result.missing for result in made) else 0


def verify_parser() -> argparse.ArgumentParser:
    """The argument parser of accessconvert verify."""
    parser = Parser(
        prog=f"{PROG} verify",
        description="Check that every file of a bundle (a zip, or the folder it was unpacked to) matches SHA256SUMS.",
        epilog="Exit codes: 0 every file intact, 1 damage found, 2 not a bundle or not found.",
    )
    parser.add_argument("bundles", nargs="+", metavar="BUNDLE", type=Path, help="zip files or unpacked folders")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    return parser


def main_verify(argv: list[str]) -> int:
    """accessconvert verify BUNDLE...: check each bundle's checksums; return the exit code."""
    from convert.bundles import verify

    args = verify_parser().parse_args(argv)
    status = 0
    for path in args.bundles:
        try:
            result = verify(path)
        except ConvertError as failure:
            error(str(failure))
            status = status or failure.exit_code
            continue
        for problem in result.problems:
            error(f"{path}: {problem}")
        if not result.ok:
            status = status or 1
            error(f"{path}: damaged: {len(result.problems)} problem(s), {result.checked} file(s) intact")
        elif not args.quiet:
            print(f"{path}: OK, {result.checked} files match their checksums")
    return status


def run_command(name: str, argv: list[str]) -> int:
    """Run one of the further commands by name."""
    import importlib

    module_name, _, function = COMMANDS[name][1].partition(":")
    return getattr(importlib.import_module(module_name), function)(argv)


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the run stops as for Ctrl-C, unwinding (and removing its temporary files) on the way."""


@contextmanager
def _terminated_cleanly() -> Iterator[None]:
    """SIGTERM ends the run as Ctrl-C does, so every temporary file is removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    with _terminated_cleanly():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return _guarded(lambda: run_command(argv[0], argv[1:]), debug="--debug" in argv)
    args = build_parser().parse_args(argv)
    if args.list_formats:
        list_formats()
        return EXIT_OK
    if not args.sources:
        build_parser().print_usage(sys.stderr)
        error("no SOURCE given; try --help")
        return EXIT_USAGE
    return _guarded(lambda: _convert_all(args), debug=args.debug)


def _convert_all(args: argparse.Namespace) -> int:
    # Check formats, editions and settings once, before any source is read.
    args.to, args.edition = convert.names(args.to, "format"), convert.names(args.edition, "edition")
    targets = convert.resolve_formats([*args.to, "read-aloud"] if args.read_aloud else args.to)
    convert.make_options(theme=args.theme, css=args.css, lang=args.lang, rate=args.rate, paper=args.paper)
    for name in args.edition:
        if name not in convert.EDITIONS:
            raise UsageError(f"unknown edition {name!r}; editions: {', '.join(convert.EDITIONS)}")
    progress = Progress(len(args.sources) * len(targets) * len(args.edition), args.quiet)
    status = EXIT_OK
    written: list[Path] = []
    try:
        for source in args.sources:
            try:
                with _reported_warnings(source):
                    written += _convert_one(source, args, progress)
            except ConvertError as failure:
                error(str(failure) if failure.path else f"{source}: {failure}")
                status = status or failure.exit_code
            except OSError as failure:
                where = f" ({failure.filename})" if failure.filename else ""
                error(f"{source}: {failure.strerror or failure}{where}")
                status = status or EXIT_FAILURE
            except Exception as failure:
                if args.debug:
                    traceback.print_exc()
                error(f"{source}: unexpected {type(failure).__name__}: {failure} (run with --debug for the traceback)")
                status = status or EXIT_FAILURE
    finally:
        progress.stop()
    if args.check:
        checked = _check_written(written, quiet=args.quiet)
        status = status or checked
    return status


def _check_written(written: list[Path], *, quiet: bool) -> int:
    """Run accessconvert check on the files just written that a validator reads; returns its exit code."""
    from convert.check import check
    from convert.check.command import report

    paths = checkable(written)
    if not paths:
        warn("--check: nothing written that a validator reads (.epub, .pdf, .html, .docx)")
        return EXIT_OK
    return report(check(paths), warnings=not quiet)


def checkable(written: list[Path]) -> list[Path]:
    """The files a validator reads among those written and the companions their writers wrote beside them."""
    from convert.check import KINDS

    paths = [path for path in written if path.suffix.lower() in KINDS and path.is_file()]
    # Companions a validator reads (the read-along page beside the read-aloud book) are checked too; a
    # transcript is not. Each writer declares its companions, named after its main file.
    for path in written:
        for chosen in writers().values():
            if not path.name.endswith(chosen.extension):
                continue
            stem = path.name[: -len(chosen.extension)]
            for companion in (path.with_name(stem + suffix) for suffix in chosen.companions):
                if companion.suffix.lower() in KINDS and companion.is_file() and companion not in paths:
                    paths.append(companion)
    return paths


def _guarded(action: Callable[[], int], *, debug: bool) -> int:
    try:
        return action()
    except ConvertError as failure:
        error(str(failure))
        return failure.exit_code
    except Terminated:
        error("terminated")
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        error("interrupted")
        return EXIT_INTERRUPTED
    except Exception as failure:
        if debug:
            traceback.print_exc()
        error(f"unexpected {type(failure).__name__}: {failure} (run with --debug for the traceback)")
        return EXIT_FAILURE


def entry() -> None:
    """Console-script entry point."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of our output went away (`accessconvert --list-formats | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_FAILURE
    raise SystemExit(status)
