"""CSS themes from styles/ and the font files each theme embeds, shared by html, pdf and epub."""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from convert.errors import MissingDependency, UsageError

BASE_THEME = "default"
# The font package each theme's face comes from; themes not listed use Atkinson Hyperlegible.
THEME_FONT_PACKAGES = {"dyslexia": "fontpkg_lexend"}
DEFAULT_FONT_PACKAGE = "fontpkg_atkinson_hyperlegible"
PAGE_FILES = frozenset({"index.css", "quotes.css", "read-along.css", "read-along.js", "review.css"})
"""The files of styles/ that belong to one kind of page (the read-along player, the review page), not themes."""


@functools.cache
def styles_dir() -> Path:
    """The folder holding the CSS themes: styles/ in a source checkout, convert/_styles when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "styles", here / "_styles"):
        if (candidate / f"{BASE_THEME}.css").is_file():
            return candidate
    raise MissingDependency("the styles folder is missing from this installation; reinstall accessconvert")


@functools.cache
def theme_names() -> tuple[str, ...]:
    """Every theme available, default first: the names of styles/*.css, without our own sheets (_print, PAGE_FILES)."""
    names = sorted(
        p.stem
        for p in styles_dir().glob("*.css")
        if re.fullmatch(r"[a-z][a-z0-9-]*", p.stem) and p.name not in PAGE_FILES
    )
    return (BASE_THEME, *(n for n in names if n != BASE_THEME))


def check_theme(name: str) -> str:
    """name if it is a theme from the list, else a UsageError: a theme is never a path nor one of our own sheets."""
    if name not in theme_names():
        raise UsageError(f"unknown theme {name!r}; themes: {', '.join(theme_names())}")
    return name


def _theme_file(name: str) -> Path:
    return styles_dir() / f"{check_theme(name)}.css"


@functools.cache
def theme_css(name: str) -> str:
    """The CSS for a theme: the default theme, then the theme's own rules that override it."""
    css = _theme_file(BASE_THEME).read_text(encoding="utf-8")
    if name != BASE_THEME:
        css += "\n" + _theme_file(name).read_text(encoding="utf-8")
    return css


@functools.cache
def theme_rules(name: str) -> tuple[tuple[str, str, str], ...]:
    """The theme's top-level declarations in cascade order, as (selector, property, value); @-rules are left out.

    Each selector of a list ("h4, h5, h6") is given on its own, so a writer that must restate the theme in
    another form (Word's styles) finds a value by its selector; a later declaration overrides an earlier one.
    """
    css = re.sub(r"/\*.*?\*/", "", theme_css(name), flags=re.DOTALL)
    rules: list[tuple[str, str, str]] = []
    depth, start, selector = 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selector, start = css[start:index].strip(), index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                if not selector.startswith("@"):
                    for declaration in css[start:index].split(";"):
                        prop, colon, value = declaration.partition(":")
                        if colon:
                            for one in selector.split(","):
                                rules.append((" ".join(one.split()), prop.strip().lower(), value.strip()))
                start = index + 1
    return tuple(rules)


def theme_value(name: str, selector: str, prop: str) -> str:
    """The last value the theme gives prop for exactly selector ("html", "h2", ":root" for a custom property), or ""."""
    values = [value for sel, key, value in theme_rules(name) if sel == selector and key == prop]
    return values[-1] if values else ""


def document_css(theme: str, css: Path | None = None) -> str:
    """The CSS a document is shown with: the theme's, then the user's own style sheet (--css FILE), made safe."""
    if css is None:
        return theme_css(theme)
    path = Path(css).resolve()
    try:
        stamp = path.stat()
    except OSError as error:
        raise UsageError(f"--css {css}: cannot be read ({error.strerror or error})") from None
    return theme_css(theme) + "\n" + _user_css(path, stamp.st_mtime_ns, stamp.st_size)


@functools.cache
def _user_css(path: Path, mtime: int, size: int) -> str:
    # Made safe once per run (and per version of the file), however many formats use it.
    from convert.user_css import load

    return load(path)


@functools.cache
def print_css() -> str:
    """The paged-media rules (page size, running header, page numbers) that pdf adds to any theme."""
    path = styles_dir() / "_print.css"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@functools.cache
def page_file(name: str) -> str:
    """The text of one of the PAGE_FILES ("read-along.js"): the CSS or JavaScript of one kind of page."""
    if name not in PAGE_FILES:
        raise ValueError(f"{name!r} is not one of the page files in styles/: {', '.join(sorted(PAGE_FILES))}")
    path = styles_dir() / name
    if not path.is_file():
        raise MissingDependency(f"styles/{name} is missing from this installation; reinstall accessconvert")
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class FontFace:
    """One font file of a family, with the weight and style it provides."""

    family: str
    """The CSS font-family name."""
    path: Path
    """The installed font file."""
    weight: str
    """CSS font-weight: "400", "700", or a range "100 900" for a variable font."""
    style: str
    """CSS font-style: "normal" or "italic"."""
    licence: str
    """The font's licence identifier, for credits."""


@functools.cache
def font_package(package: str) -> tuple[FontFace, ...]:
    """The faces a fontpkg-* package ships, read from its metadata."""
    try:
        module = importlib.import_module(package)
    except ImportError:
        dist = package.replace("_", "-")
        raise MissingDependency(
            f"the font package {dist} is not installed; install it with: pip install {dist}"
        ) from None
    root = Path(module.__file__).resolve().parent
    metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    faces = []
    for entry in metadata["files"]:
        if entry.get("variable"):
            axes = {a["tag"]: a for a in metadata.get("axes", [])}
            weight = f"{axes['wght']['min']:g} {axes['wght']['max']:g}" if "wght" in axes else "400"
        else:
            weight = str(entry["weight"])
        faces.append(FontFace(metadata["family"], root / entry["path"], weight, entry["style"], metadata["license"]))
    return tuple(faces)


def theme_fonts(name: str) -> tuple[FontFace, ...]:
    """The font faces a theme uses."""
    return font_package(THEME_FONT_PACKAGES.get(name, DEFAULT_FONT_PACKAGE))


def font_face_css(faces: tuple[FontFace, ...], url_for: Callable[[FontFace], str]) -> str:
    """@font-face rules for faces, each src given by url_for (a file URL for pdf, a book path for epub)."""
    rules = []
    for face in faces:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{face.family}";\n'
            f'  src: url("{url_for(face)}");\n'
            f"  font-weight: {face.weight};\n"
            f"  font-style: {face.style};\n"
            "}"
        )
    return "\n".join(rules) + "\n"
