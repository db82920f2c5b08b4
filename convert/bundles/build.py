"""Build a bundle: make (or reuse) every format of every edition, gather the files, and write the zip."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import convert
from convert.bundles import archive
from convert.bundles.archive import CONFORMANCE, CREDITS, INDEX, Entries, safe_name
from convert.bundles.credits import credits
from convert.bundles.index import combined_index, index_page
from convert.bundles.parts import Bundle, Member, Missing
from convert.errors import ConvertError, ConvertWarning, MissingDependency, UsageError
from convert.model import Meta
from convert.plain.review import PAGE as REVIEW_PAGE
from convert.registry import FileKind, Writer, file_kinds
from convert.themes import styles_dir


def bundle_kinds() -> list[FileKind]:
    """Every kind of file a bundle can hold, in the order its index lists them: each installed writer's, then
    the child edition's review page."""
    return [*file_kinds(convert.registry.writers().values()), REVIEW_PAGE]


def _newest_code_time() -> float:
    """When the converter itself (package and styles) last changed: outputs older than this are stale."""
    roots = (Path(convert.__file__).resolve().parent, styles_dir())
    files = (p for root in roots for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return max((p.stat().st_mtime for p in files), default=0.0)


def _reason(failure: BaseException) -> str:
    text = str(failure).strip().splitlines()[0] if str(failure).strip() else type(failure).__name__
    return text if isinstance(failure, ConvertError) else f"{type(failure).__name__}: {text}"


def _produce(
    source: Path,
    out_dir: Path,
    writers: list[Writer],
    editions: list[str],
    *,
    keep_going: bool,
    reuse_after: float | None,
    format: str | None,
    on_output: Callable[[str, Path], None] | None,
    settings: dict[str, object],
) -> list[Missing]:
    """Build (or keep, when up to date) every format of every edition; return the formats that failed."""
    stem = source.stem
    missing: list[Missing] = []
    started: list[Path] = []

    def track(stage: str, target: Path) -> None:
        if stage == "start":
            started.append(target)
        if on_output is not None:
            on_output(stage, target)

    for edition in editions:

        def fresh(chosen: Writer, edition: str = edition) -> bool:
            paths = [convert.output_path(out_dir, stem, edition, kind.suffix) for kind in chosen.files]
            return reuse_after is not None and all(p.is_file() and p.stat().st_mtime >= reuse_after for p in paths)

        todo = [chosen for chosen in writers if not fresh(chosen)]
        while todo:
            started.clear()
            try:
                convert.convert(
                    source, [c.name for c in todo], out_dir, editions=[edition], format=format, on_output=track,
                    **settings,
                )  # fmt: skip
                todo = []
            except (KeyboardInterrupt, UsageError):
                raise
            except Exception as failure:  # a failed format is reported, whatever broke it
                targets = [convert.output_path(out_dir, stem, edition, c) for c in todo]
                at = targets.index(started[-1]) if started and started[-1] in targets else None
                failed = todo if at is None else todo[at : at + 1]
                reason = _reason(failure)
                if not keep_going:
                    names = ", ".join(c.name for c in failed)
                    kind = type(failure) if isinstance(failure, ConvertError) else ConvertError
                    raise kind(
                        f"{names} of the {edition} edition failed, so no bundle was made: {reason}", path=source
                    ) from None
                warnings.warn(
                    f"{source}: {', '.join(c.name for c in failed)} of the {edition} edition failed and is left out "
                    f"of the bundle: {reason}",
                    ConvertWarning,
                    stacklevel=2,
                )
                missing += [Missing(edition, c.name, reason) for c in failed]
                todo = [] if at is None else todo[at + 1 :]
    return missing


def _members(
    source: Path, out_dir: Path, writers: list[Writer], editions: list[str], missing: list[Missing], fresh_after: float
) -> list[Member]:
    """The files in out/<stem>/ that belong in the bundle, in edition then kind order."""
    stem = source.stem
    safe_stem = safe_name(stem)
    owner = {kind.suffix: c for c in convert.registry.writers().values() for kind in c.files}
    requested = {c.name for c in writers}
    members: list[Member] = []
    for edition in editions:
        failed = {m.format for m in missing if m.edition == edition}
        for kind in bundle_kinds():
            chosen = owner.get(kind.suffix)
            if chosen is not None and (chosen.name not in requested or chosen.name in failed):
                continue
            path = convert.output_path(out_dir, stem, edition, kind.suffix)
            if not path.is_file():
                continue
            if chosen is None and path.stat().st_mtime < fresh_after:
                warnings.warn(
                    f"{path} is older than its source or the converter; left out", ConvertWarning, stacklevel=2
                )
                continue
            name = safe_name(convert.output_path(Path(), safe_stem, edition, kind.suffix).name)
            members.append(Member(edition, kind, path, name))
    return members


def _bundle_one(
    source: Path,
    dist_dir: Path,
    out_dir: Path,
    writers: list[Writer],
    editions: list[str],
    *,
    keep_going: bool,
    rebuild: bool,
    format: str | None,
    on_output: Callable[[str, Path], None] | None,
    settings: dict[str, object],
    check: bool | None = None,
) -> tuple[Bundle, Entries, Meta]:
    doc = convert.read(source, format=format, lang=str(settings.get("lang", "")))
    fresh_after = max(source.stat().st_mtime, _newest_code_time())
    # Outputs made with other settings cannot be told apart from ours, so any setting but the cache means rebuild.
    reuse = not rebuild and not (set(settings) - {"cache", "progress"})
    missing = _produce(
        source, out_dir, writers, editions, keep_going=keep_going, reuse_after=fresh_after if reuse else None,
        format=format, on_output=on_output, settings=settings,
    )  # fmt: skip
    members = _members(source, out_dir, writers, editions, missing, fresh_after)
    theme = str(settings.get("theme", "default"))
    files = [(m.name, m.path.read_bytes()) for m in members]
    credit_text, licence_files = credits(doc, source, members, editions, settings)
    report = conformance_report(members, check, source)
    page = index_page(doc, members, missing, editions, theme, conformance=report is not None)
    entries = [(INDEX, page.encode("utf-8")), *files, (CREDITS, credit_text.encode("utf-8")), *licence_files]
    if report is not None:
        entries.append((CONFORMANCE, report.encode("utf-8")))
    folder = safe_name(source.stem)
    target = dist_dir / f"{folder}.zip"
    finished = archive.in_folder(folder, entries)
    archive.write(target, finished)
    return Bundle(target, tuple(n for n, _ in finished), tuple(missing)), finished, doc.meta


def conformance_report(members: list[Member], check: bool | None, source: Path) -> str | None:
    """The conformance report of the bundle's files, by every validator installed; None when none is (or check=False).

    check=True requires one: with none installed it is a MissingDependency.
    """
    from convert.check import KINDS, available
    from convert.check import check as run_checks
    from convert.check.report import html_report

    checked = [m for m in members if m.path.suffix.lower() in KINDS]
    if check is False or not checked:
        return None
    kinds = {KINDS[m.path.suffix.lower()] for m in checked}
    tools = available(kinds)
    if not any(tool.installed for tool in tools):
        if check:
            raise MissingDependency("no validator is installed for the conformance report; see accessconvert check")
        return None
    results = run_checks([m.path for m in checked])
    # The report names the files as the bundle does.
    named = [replace(result, path=Path(m.name)) for result, m in zip(results, checked, strict=True)]
    failed = [result.path.name for result in named if result.status == "fail"]
    if failed:
        warnings.warn(
            f"{source}: the conformance report lists problems in {', '.join(failed)}", ConvertWarning, stacklevel=2
        )
    return html_report(named, tools, title="Conformance report")


def bundle(
    sources: Iterable[Path | str] | Path | str,
    dist_dir: Path | str = "dist",
    *,
    out_dir: Path | str = "out",
    to: str | Iterable[str] = ("all",),
    editions: str | Iterable[str] = tuple(convert.EDITIONS),
    combined: str | None = None,
    keep_going: bool = False,
    rebuild: bool = False,
    format: str | None = None,
    on_output: Callable[[str, Path], None] | None = None,
    check: bool | None = None,
    **settings: object,
) -> list[Bundle]:
    """Bundle each source as dist_dir/<stem>.zip (every format of every edition, index.html, SHA256SUMS, CREDITS).

    Outputs in out_dir/<stem>/ are reused when newer than the source and the converter (and no setting asks for
    something else), otherwise built. A failed format raises, and no zip is made for that source; with keep_going
    the zip is made without it and its index says why. `combined`, when given, names one more zip holding every
    bundle in its own folder. on_output is passed to convert.convert for progress. `check` adds conformance.html,
    what the independent validators found in the bundle's files: None (the default) when any is installed,
    True always (a MissingDependency when none is), False never.
    """
    sources = [Path(sources)] if isinstance(sources, (str, Path)) else [Path(s) for s in sources]
    if not sources:
        raise UsageError("no source to bundle")
    to, editions = convert.names(to, "format"), convert.names(editions, "edition")
    writers = convert.resolve_formats(to)
    for name in editions:
        if name not in convert.EDITIONS:
            raise UsageError(f"unknown edition {name!r}; editions: {', '.join(convert.EDITIONS)}")
    convert.make_options(**settings)
    dist_dir, out_dir = Path(dist_dir), Path(out_dir)
    chosen: dict[str, Path] = {}
    for source in sources:
        folder = safe_name(source.stem).lower()
        if folder in chosen:
            warnings.warn(
                f"{source} has the same name as {chosen[folder]} (both would be {safe_name(source.stem)}.zip); "
                f"only {chosen[folder]} is bundled",
                ConvertWarning,
                stacklevel=2,
            )
            continue
        chosen[folder] = source
    if combined is not None and safe_name(combined).lower() in chosen:
        raise UsageError(
            f"the combined bundle {combined!r} would replace the bundle of {chosen[safe_name(combined).lower()]}"
        )
    results: list[Bundle] = []
    contents: list[tuple[str, str, str, Entries]] = []
    for source in chosen.values():
        made, entries, meta = _bundle_one(
            source, dist_dir, out_dir, writers, editions, keep_going=keep_going, rebuild=rebuild, format=format,
            on_output=on_output, settings=settings, check=check,
        )  # fmt: skip
        results.append(made)
        if combined is not None:
            contents.append((safe_name(source.stem), meta.title, meta.lang, entries))
    if combined is not None:
        name = safe_name(combined)
        page = combined_index([(folder, title, lang) for folder, title, lang, _ in contents])
        files = [(INDEX, page.encode("utf-8"))] + [(n, d) for *_, entries in contents for n, d in entries]
        finished = archive.in_folder(name, files)
        target = dist_dir / f"{name}.zip"
        archive.write(target, finished)
        results.append(Bundle(target, tuple(n for n, _ in finished), tuple(m for r in results for m in r.missing)))
    return results
