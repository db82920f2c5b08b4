"""The index page: each format described, its links inside the zip, the audio and transcript, axe."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

import convert
from convert.bundles import Bundle, transcript
from tests.axe import axe_violations, describe
from tests.bundles.zips import check_links, links, read, unpack


def test_index_links_resolve_inside_the_zip(short: Bundle, tmp_path: Path) -> None:
    folder = unpack(short.path, tmp_path) / "river-note"
    names = {n.removeprefix("river-note/") for n in short.names}
    check_links(folder, names)
    assert {"river-note.html", "river-note.docx", "river-note.mp3", "SHA256SUMS", "CREDITS.txt"} <= set(
        links(folder / "index.html")
    )


def test_index_describes_each_format_and_plays_the_audio(short: Bundle, tmp_path: Path) -> None:
    folder = unpack(short.path, tmp_path) / "river-note"
    tree = lxml_html.parse(str(folder / "index.html"))
    text = tree.getroot().text_content()
    assert tree.getroot().get("lang") == "en"
    assert "A short note about rivers" in tree.findtext(".//h1")
    assert "Rivers carry water to the sea" in text
    rows = tree.findall(".//tbody/tr")
    assert [row.findtext("th") for row in rows] == [
        "Web page",
        "Word document",
        "Audio narration (MP3)",
        "Transcript (WebVTT)",
    ]
    for row in rows:
        cells = [cell.text_content() for cell in row.findall("td")]
        size = (folder / cells[0]).stat().st_size
        assert cells[1] == (
            f"{size} bytes" if size < 1000 else f"{size / 1000:.0f} kB" if size < 1e6 else f"{size / 1e6:.1f} MB"
        )
        assert cells[2] == "English (en)"
    assert "to listen to" in text and "to edit" in text
    assert "Microsoft Word" in text and "web browser" in text
    audio = tree.find(".//audio")
    assert audio.get("src") == "river-note.mp3" and audio.get("controls") is not None
    track = audio.find("track")
    assert (track.get("src"), track.get("kind"), track.get("srclang")) == ("river-note.vtt", "captions", "en")
    cues = transcript((folder / "river-note.vtt").read_text(encoding="utf-8"))
    assert cues and "".join(cues).startswith("A short note about rivers")
    shown = [p.text_content() for p in tree.findall(".//details//p")]
    assert shown == cues


def test_index_passes_axe(short: Bundle, tmp_path: Path) -> None:
    folder = unpack(short.path, tmp_path) / "river-note"
    violations = axe_violations(folder / "index.html")
    assert violations == [], describe(violations)


def test_the_index_style_sheet_is_a_file_of_styles_and_not_a_theme(short: Bundle) -> None:
    from convert.errors import UsageError
    from convert.themes import check_theme, page_file, styles_dir, theme_names

    assert (styles_dir() / "index.css").is_file() and "index" not in theme_names()
    with pytest.raises(UsageError, match="unknown theme 'index'"):
        check_theme("index")
    style = lxml_html.fromstring(read(short.path, "river-note/index.html").encode()).findtext(".//style")
    assert style.rstrip().endswith(page_file("index.css").rstrip()) and ".table-wrap" in style


def test_the_index_speaks_english_and_marks_a_document_in_another_language(tmp_path: Path, epoch: None) -> None:
    source = tmp_path / "rivieres.md"
    source.write_text("---\nlang: fr\n---\n# Les rivières\n\nLes rivières portent l'eau à la mer.\n", encoding="utf-8")
    (made,) = convert.bundle(source, tmp_path / "dist", out_dir=tmp_path / "out", to=["html"], editions=["full"])
    tree = lxml_html.fromstring(read(made.path, "rivieres/index.html").encode())
    assert tree.get("lang") == "en" and tree.find(".//h1").get("lang") == "fr"
    assert tree.findtext(".//tbody/tr/td[3]") == "French (fr)"
    assert tree.findtext(".//h2") == "About this document"
