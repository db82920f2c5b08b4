"""Word validators: a check of the OOXML package, and LibreOffice opening it with its Word import filter.

There is no independent offline accessibility checker for .docx. The package check reads what ECMA-376
requires of the package (parts, content types, relationships, well-formed XML) and the accessibility facts
a screen reader depends on (a title, a language, text alternatives on images); LibreOffice is a second,
independent implementation of OOXML that must open the file and lay it out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote

from lxml import etree

from convert import __version__
from convert.check import Finding, Run, Validator, failed_run, run_from
from convert.check.processes import run_tool

PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/"
CONTENT_TYPES = f"{{{PACKAGE_NS}content-types}}"
RELATIONSHIPS = f"{{{PACKAGE_NS}relationships}}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
DC = "{http://purl.org/dc/elements/1.1/}"
LIBREOFFICE_NAMES = ("soffice", "libreoffice")
LIBREOFFICE_TIMEOUT = 1800


# The OOXML package ----------------------------------------------------------------


def _finding(rule: str, severity: str, message: str, where: str = "", advice: str = "") -> Finding:
    return Finding("OOXML package check", rule, severity, message, where, advice)


def _relationships_part(part: str) -> str:
    folder, name = dirname(part), part.rsplit("/", 1)[-1]
    return join(folder, "_rels", f"{name}.rels")


def package_findings(path: Path) -> list[Finding]:
    """What is wrong with a .docx as an OOXML package, and with the accessibility facts it carries."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        return [_finding("PKG-ZIP", "error", f"not a ZIP package: {error}", advice="save the document again as .docx")]
    with archive:
        names = {name for name in archive.namelist() if not name.endswith("/")}
        broken = archive.testzip()
        if broken:
            return [_finding("PKG-ZIP", "error", f"damaged ZIP member {broken}", broken)]
        findings: list[Finding] = []
        trees: dict[str, etree._Element] = {}
        for name in sorted(names):
            if name.endswith((".xml", ".rels")):
                try:
                    trees[name] = etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False))
                except etree.XMLSyntaxError as error:
                    findings.append(_finding("PKG-XML", "error", f"not well-formed XML: {error}", name))
        types = trees.get("[Content_Types].xml")
        if types is None:
            return [*findings, _finding("PKG-TYPES", "error", "no [Content_Types].xml", advice="save it again")]
        defaults = {e.get("Extension", "").lower() for e in types.iter(f"{CONTENT_TYPES}Default")}
        overrides = {e.get("PartName", "").lstrip("/") for e in types.iter(f"{CONTENT_TYPES}Override")}
        for name in sorted(names - {"[Content_Types].xml"}):
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                findings.append(_finding("PKG-TYPE", "error", "part without a content type", name))
        main = ""
        for rels_name in sorted(n for n in trees if n.endswith(".rels")):
            source = re.sub(r"(^|/)_rels/([^/]+)\.rels$", r"\1\2", rels_name)
            base = dirname(source) if rels_name != "_rels/.rels" else ""
            for relationship in trees[rels_name].iter(f"{RELATIONSHIPS}Relationship"):
                if relationship.get("TargetMode") == "External":
                    continue
                target = unquote(relationship.get("Target", ""))
                resolved = normpath(target.lstrip("/") if target.startswith("/") else join(base, target))
                if relationship.get("Type") == OFFICE_DOCUMENT and rels_name == "_rels/.rels":
                    main = resolved
                if resolved not in names:
                    message = f"relationship {relationship.get('Id')} to a missing part {target}"
                    findings.append(_finding("PKG-REL", "error", message, rels_name))
        if not main or main not in trees:
            return [*findings, _finding("PKG-MAIN", "error", "no main document part (officeDocument relationship)")]
        findings += accessibility_findings(trees, main)
    return findings


def accessibility_findings(trees: dict[str, etree._Element], main: str) -> list[Finding]:
    """A title, a language, and a text alternative (or a decorative mark) on every image."""
    findings = []
    core = trees.get("docProps/core.xml")
    title = core.findtext(f"{DC}title") if core is not None else None
    if not (title or "").strip():
        findings.append(
            _finding(
                "A11Y-TITLE",
                "error",
                "the document has no title (core properties dc:title)",
                "docProps/core.xml",
                "set the title: File, Properties, Title",
            )
        )
    styles = trees.get(_sibling(main, "styles.xml"))
    languages = [] if styles is None else [e.get(f"{W}val") for e in styles.iter(f"{W}lang") if e.get(f"{W}val")]
    core_language = core.findtext(f"{DC}language") if core is not None else None
    if not languages and not (core_language or "").strip():
        findings.append(
            _finding(
                "A11Y-LANG",
                "error",
                "no document language (default run properties or dc:language)",
                main,
                "set the language of the document's default style",
            )
        )
    for number, picture in enumerate(trees[main].iter(f"{WP}docPr"), start=1):
        described = (picture.get("descr") or "").strip()
        decorative = any(e.get("val") in ("1", "true") for e in picture.iter(DECORATIVE))
        if not described and not decorative:
            findings.append(
                _finding(
                    "A11Y-ALT",
                    "error",
                    f"image {number} ({picture.get('name', '')}) has no alternative text",
                    main,
                    "describe the image (Alt Text), or mark it as decorative",
                )
            )
    return findings


def _sibling(part: str, name: str) -> str:
    return join(dirname(part), name) if dirname(part) else name


def locate_package_check() -> object:
    """Always available: it is part of accessconvert."""
    return True


def run_package_check(tool: object, files: list[Path], jobs: int) -> dict[Path, Run]:
    """The package check on every .docx."""
    runs = {}
    for path in files:
        started = time.monotonic()
        runs[path] = run_from(PACKAGE, package_findings(path), seconds=time.monotonic() - started)
    return runs


PACKAGE = Validator(
    name="OOXML package check",
    kind="docx",
    checks="the .docx package (ECMA-376 Part 2): ZIP, content types, relationships, well-formed XML; "
    "and a title, a language and text alternatives on images",
    install="part of accessconvert",
    locate=locate_package_check,
    version=lambda tool: f"accessconvert {__version__}",
    run=run_package_check,
)


# LibreOffice ----------------------------------------------------------------------


def locate_libreoffice() -> str | None:
    """The LibreOffice program, or None."""
    return next((found for name in LIBREOFFICE_NAMES if (found := shutil.which(name))), None)


def libreoffice_version(tool: object) -> str:
    """LibreOffice's version, for example "7.4.7.2"."""
    done = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=120, check=False)
    words = done.stdout.split()
    return words[1] if len(words) > 1 else "unknown"


def _pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as opened:
        return len(opened.pages)


def run_libreoffice(tool: object, files: list[Path], jobs: int) -> dict[Path, Run]:
    """LibreOffice opens every .docx with the Word import filter and lays it out as PDF, all in one run."""
    runs: dict[Path, Run] = {}
    with tempfile.TemporaryDirectory(prefix="accessconvert-libreoffice-") as folder:
        work = Path(folder)
        # Each file gets its own name in the batch, as two files may share one.
        inputs = []
        for number, path in enumerate(files):
            linked = work / "in" / f"{number}.docx"
            linked.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, linked)
            inputs.append(linked)
        started = time.monotonic()
        command = [
            str(tool),
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            # Pinned, or a file that is not a .docx would still "open" as plain text.
            "--infilter=MS Word 2007 XML",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            *map(str, inputs),
        ]
        if run_tool(command, timeout=LIBREOFFICE_TIMEOUT, cwd=work) is None:
            return {path: failed_run(LIBREOFFICE, "LibreOffice did not finish in time") for path in files}
        share = (time.monotonic() - started) / max(1, len(files))
        for number, path in enumerate(files):
            pdf = work / "out" / f"{number}.pdf"
            pages = _pages(pdf) if pdf.is_file() and pdf.stat().st_size else 0
            findings = []
            if not pages:
                findings.append(
                    Finding(
                        "LibreOffice",
                        "LO-OPEN",
                        "error",
                        "LibreOffice cannot open it as a Word document",
                        "",
                        "save the document again from Word, or check it is a .docx",
                    )
                )
            runs[path] = run_from(LIBREOFFICE, findings, seconds=share)
    return runs


LIBREOFFICE = Validator(
    name="LibreOffice",
    kind="docx",
    checks="opens the .docx with its Word 2007-365 import filter and lays it out (an independent OOXML reader)",
    install="Debian: apt-get install libreoffice-writer-nogui (or any LibreOffice)",
    locate=locate_libreoffice,
    version=libreoffice_version,
    run=run_libreoffice,
)

VALIDATORS = (PACKAGE, LIBREOFFICE)
