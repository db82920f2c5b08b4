"""The user's style sheet: its images and fonts embedded from beside it, nothing else fetched, @import left out."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from convert.errors import UsageError
from convert.user_css import MAX_CSS_BYTES, load, safe
from tests.adversarial.hostile import png


def made_safe(css: str, base: Path) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = safe(css, base)
    return result, [str(w.message) for w in caught]


def test_an_image_beside_the_sheet_is_embedded_and_the_network_is_not(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(png())
    css, said = made_safe(
        "h1 { background: url(logo.png) } p { background: url(https://tracker.example/x.png) }", tmp_path
    )
    assert 'url("data:image/png;base64,' in css and "tracker" not in css
    assert "background: none" in css
    assert any("never the network" in message for message in said)


def test_import_and_outside_files_are_left_out(tmp_path: Path) -> None:
    (tmp_path.parent / "secret.png").write_bytes(png())
    css, said = made_safe('@import "other.css";\nh1 { background: url(../secret.png) }', tmp_path)
    assert "@import" not in css and "secret" not in css
    assert any("@import left out" in m for m in said) and any("outside" in m for m in said)


def test_a_font_is_embedded_only_when_it_is_a_font(tmp_path: Path) -> None:
    (tmp_path / "face.woff2").write_bytes(b"wOF2" + b"\x00" * 60)
    (tmp_path / "fake.ttf").write_bytes(b"<html>not a font</html>")
    css, said = made_safe(
        '@font-face { font-family: A; src: url(face.woff2) } @font-face { font-family: B; src: url("fake.ttf") }',
        tmp_path,
    )
    assert "data:font/woff2;base64," in css and "fake.ttf" not in css
    assert any("not a font file" in m for m in said)


def test_an_escaped_url_cannot_hide_and_a_style_element_cannot_be_closed(tmp_path: Path) -> None:
    css, _ = made_safe("p { background: \\75 rl(http://x.example/a.png) } p::after { content: '</style>' }", tmp_path)
    assert "x.example" not in css and "</style" not in css and "<\\/style" in css


def test_load_refuses_what_is_not_a_style_sheet(tmp_path: Path) -> None:
    big = tmp_path / "big.css"
    big.write_bytes(b" " * (MAX_CSS_BYTES + 1))
    with pytest.raises(UsageError, match=r"--css .*larger than"):
        load(big)
    latin = tmp_path / "latin.css"
    latin.write_bytes("p { content: 'é' }".encode("latin-1"))
    with pytest.raises(UsageError, match="not UTF-8"):
        load(latin)
    fine = tmp_path / "fine.css"
    fine.write_text("\ufeffp { color: navy }", encoding="utf-8")
    assert load(fine).strip() == "p { color: navy }"
