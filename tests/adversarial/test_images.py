"""Images from a hostile or broken source, through every writer: one path, one refusal, one rendering.

M4 (names that abort), M7 (Word dropped data: images), M8 (damaged base64), M12 (SVG with scripts and
external references), M14 (one picture embedded a hundred times), m3 (refused images shown differently by
each writer), m4 (PDF bytes depending on the source folder), m10 (warnings quoting whole data: URLs, and
uppercase DATA: taken for remote), m11 (data:image/png holding no image), and pixel bombs.
"""

from __future__ import annotations

import base64
import io
import os
import re
import warnings
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

import convert
from convert.images import describe
from convert.limits import MAX_IMAGE_BYTES
from convert.model import Document, Figure, Link, Meta, Paragraph, Text
from tests.adversarial.hostile import data_url, png, png_claiming

EVIL_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollollollol">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20"
     onload="alert('onload')">
  <script>alert('script')</script>
  <style>@import url(http://127.0.0.1:9/evil.css); rect { fill: url(http://127.0.0.1:9/fill) }</style>
  <a xlink:href="javascript:alert('link')"><rect width="10" height="10" onclick="alert('click')"/></a>
  <image href="http://127.0.0.1:9/tracker.png" width="1" height="1"/>
  <use xlink:href="http://127.0.0.1:9/sprite.svg#x"/>
  <foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://127.0.0.1:9/frame"/></foreignObject>
  <set attributeName="href" to="javascript:alert('set')"/>
  <text x="0" y="15">&xxe;&lol;</text>
</svg>"""
FORBIDDEN = (
    b"<script",
    b"onload",
    b"onclick",
    b"javascript",
    b"127.0.0.1",
    b"root:x",
    b"foreignObject",
    b"<set",
    b"lollol",
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A source folder full of traps, beside a secret."""
    root = tmp_path_factory.mktemp("images")
    (root / "secret.png").write_bytes(png(color="red"))
    source = root / "source"
    source.mkdir()
    (source / "ok.png").write_bytes(png())
    (source / "fake.png").write_text("<html>not a picture</html>", encoding="utf-8")
    (source / "truncated.png").write_bytes(png(64, 64)[:60])
    (source / "bomb.png").write_bytes(png_claiming(9000, 9000))
    (source / "evil.svg").write_bytes(EVIL_SVG)
    (source / "folder.png").mkdir()
    os.mkfifo(source / "pipe.png")  # reading it would wait for ever
    os.symlink("loop.png", source / "loop.png")
    os.symlink(root / "secret.png", source / "outside.png")
    with open(source / "huge.png", "wb") as handle:  # sparse: larger than the limit, nearly nothing on disk
        handle.write(png())
        handle.truncate(MAX_IMAGE_BYTES + 1)
    return source


REFUSED = {
    "x%00.png": "NUL",
    "y" * 300 + ".png": "too long",
    "loop.png": "symlink loop",
    "pipe.png": "a named pipe",
    "folder.png": "a folder",
    "outside.png": "symlink out",
    "../secret.png": "parent",
    "%2e%2e/secret.png": "encoded parent",
    "/etc/passwd": "absolute",
    "file:///etc/passwd": "file URL",
    "missing.png": "missing",
    "fake.png": "not an image",
    "truncated.png": "truncated",
    "bomb.png": "pixel bomb",
    "huge.png": "too large",
    "http://127.0.0.1:9/x.png": "remote",
    "//127.0.0.1:9/x.png": "protocol-relative",
    "HTTPS://127.0.0.1:9/x.png": "remote in capitals",
    "data:image/png;base64,AAA": "bad padding",
    "data:image/png;base64,A": "one character too many",
    "data:image/png;base64,!!!!": "not base64",
    "data:image/png;base64," + base64.b64encode(b"<html>not png</html>").decode(): "data not an image",
    data_url(png(), "text/html"): "not declared an image",
    "data:image/png;base64," + "A" * (MAX_IMAGE_BYTES * 4 // 3 + 100): "data too large",
    "data:image/png": "no comma",
}
KEPT = {
    "ok.png": "the picture",
    data_url(png()): "the same picture, embedded",
    "DATA:IMAGE/PNG;BASE64," + base64.b64encode(png()).decode(): "in capitals",
    "data:image/png," + quote(png()): "percent-encoded",
    "evil.svg": "an SVG, made safe",
    "data:image/svg+xml," + quote(EVIL_SVG): "an embedded SVG, made safe",
}


def document() -> Document:
    figures = [Figure(src, f"alt {alt}") for src, alt in {**REFUSED, **KEPT}.items()]
    return Document(Meta("Images"), (Paragraph((Text("Before."),)), *figures, Paragraph((Text("After."),))))


def texts_of(path: Path) -> bytes:
    if path.suffix in (".docx", ".epub"):
        with zipfile.ZipFile(path) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "epub"])
def test_every_writer_refuses_the_same_images_the_same_way(fmt: str, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / f"images.{fmt}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        convert.write(document(), target, resource_dir=folder)
    messages = [str(w.message) for w in caught]
    assert all(len(message) < 400 for message in messages), "a warning quotes a whole data: URL"
    described = [describe(src) for src in REFUSED]
    for src, name in zip(REFUSED, described, strict=True):
        said = [m for m in messages if name in m]
        assert len(said) == 1, (src[:80], said)
    assert not [m for m in messages if "remote" in m and "data:" in m.lower()]
    unexpected = [m for m in messages if not any(name in m for name in described)]
    # Word cannot show SVG: those two are its only other refusals.
    assert len(unexpected) == (2 if fmt == "docx" else 0), unexpected
    data = texts_of(target)
    if fmt == "pdf":
        from pypdf import PdfReader

        data = "".join(page.extract_text() for page in PdfReader(target).pages).replace("\x00", "").encode()
    else:
        for forbidden in FORBIDDEN:
            assert forbidden not in data.replace(b"\\u", b""), forbidden
    # Each refused image: its description as text, marked as missing, in every format.
    for alt in REFUSED.values():
        assert f"Image not available: alt {alt}".encode() in re.sub(rb"\s+", b" ", data), alt


def test_word_keeps_data_images_and_stores_one_copy_of_a_picture(folder: Path, tmp_path: Path) -> None:
    doc = Document(Meta("Word"), tuple(Figure(src, alt) for src, alt in KEPT.items() if "svg" not in src.lower()))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        convert.write(doc, tmp_path / "w.docx", resource_dir=folder)
    with zipfile.ZipFile(tmp_path / "w.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        document_xml = archive.read("word/document.xml").decode()
    assert len(media) == 1 and document_xml.count("<pic:pic") == 4
    assert "only files beside the source document" not in document_xml


def big_picture() -> bytes:
    """A PNG of about 2 MB of noise (it does not compress)."""
    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (820, 820), os.urandom(820 * 820 * 3)).save(out, format="PNG", compress_level=1)
    return out.getvalue()


@pytest.fixture(scope="module")
def repeated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document, int]:
    folder = tmp_path_factory.mktemp("repeated")
    picture = big_picture()
    (folder / "big.png").write_bytes(picture)
    (folder / "copy.png").write_bytes(picture)
    figures = [Figure("big.png" if n % 3 else "copy.png", f"Picture {n}") for n in range(100)]
    doc = Document(Meta("Repeated"), (*figures, Figure(data_url(picture), "As data")))
    return folder, doc, len(picture)


@pytest.mark.parametrize("fmt", ["html", "docx", "epub", "pdf"])
def test_a_picture_used_a_hundred_times_is_embedded_once(fmt: str, repeated: tuple, tmp_path: Path) -> None:
    folder, doc, size = repeated
    target = tmp_path / f"r.{fmt}"
    convert.write(doc, target, resource_dir=folder)
    # One copy (base64 adds a third for HTML), never a hundred.
    assert target.stat().st_size < 2 * size, f"{target.stat().st_size:,} bytes for a {size:,}-byte picture"
    if fmt == "html":
        page = target.read_text(encoding="utf-8")
        assert page.count("base64,") == 1 and page.count('class="image-1"') == 101


def test_repeated_pictures_show_in_a_browser_and_pass_axe(repeated: tuple, tmp_path: Path) -> None:
    from tests.axe import chromium, violations_in

    folder, doc, _ = repeated
    target = tmp_path / "r.html"
    convert.write(doc, target, resource_dir=folder)
    with chromium() as driver:
        assert violations_in(driver, target.resolve().as_uri()) == []
        sizes = driver.execute_script(
            "return [...document.images].map(i => [i.getBoundingClientRect().width, i.getBoundingClientRect().height])"
        )
    assert len(sizes) == 101 and all(width > 100 and height > 100 for width, height in sizes), sizes[:3]


def test_the_pdf_does_not_depend_on_where_the_source_folder_is(tmp_path: Path, fixed_epoch: int) -> None:
    made = []
    for place in ("one", "two/deeper"):
        folder = tmp_path / place
        folder.mkdir(parents=True)
        (folder / "pic.png").write_bytes(png())
        doc = Document(
            Meta("Moves"),
            (Figure("pic.png", "A picture"), Paragraph((Link((Text("the other page"),), "other.html"),))),
        )
        convert.write(doc, folder / "out.pdf", resource_dir=folder)
        made.append((folder / "out.pdf").read_bytes())
    assert made[0] == made[1]
    assert str(tmp_path).encode() not in made[0]
