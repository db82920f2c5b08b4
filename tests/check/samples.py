"""Good and bad files of every kind for the validator tests, and what a check found in them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import convert
from convert.check import FileResult, check
from tests.system_requirements import require

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><main><h1>A page</h1><p>Some text.</p>{image}</main></body></html>
"""
DOT = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="  # a 1x1 PNG
NOTE = "Rivers and rain\nRain falls on the hills and runs into the rivers.\nWhere the water goes\nInto the sea.\n"


def leaky_epub(good: Path, target: Path) -> None:
    """Our EPUB with one link changed to a relative file the book does not hold."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("part-001.xhtml"):
                data = data.replace(b"</body>", b'<p><a href="CHANGELOG.md">changes</a></p></body>', 1)
            out.writestr(info, data)


def checked_samples(folder: Path) -> dict[str, FileResult]:
    """Good and bad files of every kind, checked in one batch."""
    for program in ("java", "chromium", "soffice"):
        require(program)
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    good = convert.convert(folder / "note.txt", ["html", "pdf", "docx", "epub"], folder / "out")
    (folder / "no-alt.html").write_text(PAGE.format(image=f'<img src="data:image/png;base64,{DOT}">'))
    leaky_epub(next(p for p in good if p.suffix == ".epub"), folder / "leaky.epub")
    import weasyprint

    weasyprint.HTML(string=PAGE.format(image="")).write_pdf(folder / "untagged.pdf")
    import docx

    untitled = docx.Document()
    untitled.add_paragraph("No title, no language.")
    untitled.save(folder / "untitled.docx")
    (folder / "random.docx").write_bytes(b"not a zip at all\n" * 10)
    files = {path.name: path for path in [*good, *(folder / n for n in ("no-alt.html", "leaky.epub"))]}
    files |= {name: folder / name for name in ("untagged.pdf", "untitled.docx", "random.docx")}
    return {result.path.name: result for result in check(list(files.values()), jobs=2)}


def rules(result: FileResult, validator: str) -> set[str]:
    """The rules a validator failed the file on."""
    return {f.rule for f in result.findings if f.validator == validator and f.failing}
