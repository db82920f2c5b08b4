"""The CSS themes: contrast of high-contrast, sizes of large-print, the dyslexia face, axe on every theme's HTML."""

from __future__ import annotations

import io
import logging
import re
import tomllib
from pathlib import Path

import pikepdf
import pypdf
import pytest

from convert.errors import UsageError
from convert.model import Document, Emph, Link, List, ListItem, Meta, Paragraph, Strong, Text
from convert.options import Options
from convert.themes import (
    PAGE_FILES,
    check_theme,
    page_file,
    print_css,
    styles_dir,
    theme_css,
    theme_names,
    theme_rules,
    theme_value,
)
from convert.writers import html as html_writer
from convert.writers import pdf as pdf_writer
from tests.axe import chromium, describe, violations_in

THEMES = ("default", "large-print", "high-contrast", "dyslexia")
SAMPLE = Document(
    Meta("Theme sample", lang="en", dateline="Vienna", date="17 October 2024"),
    (
        Paragraph(
            (Text("Plain text with "), Emph((Text("emphasis"),)), Text(", "), Strong((Text("strength"),)), Text("."))
        ),
        Paragraph((Text("A "), Link((Text("link to the source"),), "https://example.org/"), Text(" in a sentence."))),
        List(tuple(ListItem((Paragraph((Text(f"Point {n}"),)),)) for n in range(3))),
    ),
)


# Colour contrast -------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG relative luminance of #rgb or #rrggbb."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def custom_properties(css: str) -> dict[str, str]:
    """The custom properties the CSS sets, later declarations winning as in the cascade of :root rules."""
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\b", css))


# Which colour is text on which background, wherever the stylesheets put text.
TEXT_PAIRS = [
    ("--text", "--background"),
    ("--muted", "--background"),
    ("--link", "--background"),
    ("--link-visited", "--background"),
    ("--text", "--box"),
    ("--muted", "--box"),
    ("--link", "--box"),
    ("--link-visited", "--box"),
    ("--highlight-text", "--highlight"),
]


def test_contrast_helper_knows_the_extremes() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_high_contrast_reaches_7_to_1_for_all_text() -> None:
    css = theme_css("high-contrast")
    colours = custom_properties(css)
    for foreground, background in TEXT_PAIRS:
        ratio = contrast(colours[foreground], colours[background])
        assert ratio >= 7, f"{foreground} on {background}: {ratio:.2f}"
    # No text colour bypasses the checked properties; the page furniture is checked against white paper.
    for value in re.findall(r"(?<![-\w])color\s*:\s*([^;]+);", css):
        assert value.strip().startswith("var(--"), value
    for value in re.findall(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,6})", print_css()):
        assert contrast(value, colours["--background"]) >= 7, value


def test_every_theme_keeps_aa_contrast() -> None:
    for name in THEMES:
        colours = custom_properties(theme_css(name))
        for foreground, background in TEXT_PAIRS:
            assert contrast(colours[foreground], colours[background]) >= 4.5, (name, foreground, background)


# The themes in PDF -----------------------------------------------------------------


@pytest.fixture(scope="module")
def theme_pdfs() -> dict[str, tuple[bytes, list[str]]]:
    """Each theme's PDF of the sample, with WeasyPrint's remarks about the CSS."""
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    results = {}
    for name in THEMES:
        records.clear()
        keeper = Keep(logging.INFO)
        logger = logging.getLogger(pdf_writer.__name__)
        logger.addHandler(keeper)
        logger.setLevel(logging.INFO)
        try:
            data = pdf_writer.render(SAMPLE, Options(theme=name))
        finally:
            logger.removeHandler(keeper)
            logger.setLevel(logging.NOTSET)
        results[name] = (data, list(records))
    return results


def _text_runs(data: bytes) -> list[tuple[str, float, float]]:
    """(text, effective font size in pt, slant) of every text run on the first page."""
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), size * abs(tm[3]) * abs(cm[3] or 1), tm[2]))

    pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return runs


def _fonts(data: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()}


def test_theme_css_is_all_understood_by_weasyprint(theme_pdfs: dict) -> None:
    for name, (_, records) in theme_pdfs.items():
        # Screen-only media queries are the one thing WeasyPrint skips, on purpose.
        assert [r for r in records if "prefers-reduced-motion" not in r] == [], name


def test_large_print_body_is_at_least_18_point(theme_pdfs: dict) -> None:
    sizes = {
        name: min(size for text, size, _ in _text_runs(data) if "Plain text" in text)
        for name, (data, _) in theme_pdfs.items()
    }
    assert sizes["large-print"] >= 18 - 0.01
    assert sizes["default"] < 18
    runs = _text_runs(theme_pdfs["large-print"][0])
    assert min(size for text, size, _ in runs if not re.fullmatch(r"[\d /•]+", text)) >= 18 - 0.01


def test_dyslexia_uses_lexend_and_no_italics(theme_pdfs: dict) -> None:
    data = theme_pdfs["dyslexia"][0]
    fonts = _fonts(data)
    assert any("Lexend" in f for f in fonts), fonts
    assert not any("Italic" in f or "Oblique" in f for f in fonts), fonts
    emphasis = [slant for text, _, slant in _text_runs(data) if "emphasis" in text]
    assert emphasis and all(slant == 0 for slant in emphasis)
    # In the default theme emphasis is italic, so the check above can fail.
    assert any("Italic" in f for f in _fonts(theme_pdfs["default"][0]))


def test_dyslexia_spacing_and_no_justification() -> None:
    css = theme_css("dyslexia")
    own = (Path(__file__).parent.parent / "styles" / "dyslexia.css").read_text(encoding="utf-8")
    assert "justify" not in css
    assert re.search(r"letter-spacing:\s*0\.0[5-9]em", own) and re.search(r"word-spacing:\s*0\.1[6-9]em", own)
    assert float(re.search(r"line-height:\s*([\d.]+);", own).group(1)) >= 1.5


# Axe on the HTML of each theme ----------------------------------------------------


def test_every_theme_passes_axe(tmp_path: Path) -> None:
    assert set(THEMES) <= set(theme_names())
    with chromium() as driver:
        for name in THEMES:
            page = tmp_path / f"{name}.html"
            page.write_text(html_writer.render(SAMPLE, Options(theme=name)), encoding="utf-8")
            violations = violations_in(driver, page.resolve().as_uri())
            assert violations == [], f"{name}:\n{describe(violations)}"


def test_theme_rules_give_each_selector_its_declarations_in_cascade_order() -> None:
    rules = theme_rules("large-print")
    # "h4, h5, h6" is given per selector; the theme's h1 comes after default.css's and wins.
    assert ("h5", "font-size", "1.1em") in rules
    assert theme_value("large-print", "h1", "font-size") == "1.75em"
    assert theme_value("default", "h1", "font-size") == "2em"
    assert theme_value("child", ":root", "--box") == "#fff7e0"
    assert theme_value("child", ":root", "--text") == "#1a1a1a"  # from default.css
    # Comments and @-rules (@media) are not declarations of any selector.
    assert not any("/*" in part or part.startswith("@") for rule in rules for part in rule)
    assert not any(selector == "*" for selector, _, _ in rules)
    assert theme_value("default", "html", "no-such-property") == ""


def test_page_files_are_in_styles_read_by_name_and_never_themes() -> None:
    for name in PAGE_FILES:
        assert (styles_dir() / name).is_file(), name
        assert page_file(name) == (styles_dir() / name).read_text(encoding="utf-8")
        assert Path(name).stem not in theme_names()
        with pytest.raises(UsageError):
            check_theme(Path(name).stem)
    for name in ("default.css", "../pyproject.toml", "read-along"):
        with pytest.raises(ValueError, match="not one of the page files"):
            page_file(name)


def test_the_wheel_carries_the_styles_folder() -> None:
    # An installed copy finds styles/ as convert/_styles (themes.styles_dir), page files included.
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["styles"] == "convert/_styles"
