"""Building bundles: outputs made or reused, failures, the conformance report, combined zips, the seed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

import pytest

import convert
from convert import registry
from convert.bundles import SUMS, Bundle, safe_name, verify
from tests.bundles.zips import CHEAP, NOTE, check_links, read, unpack


def test_the_conformance_report_names_each_file_validator_and_result(short: Bundle) -> None:
    report = read(short.path, "river-note/conformance.html")
    for name in ("river-note.html", "river-note.docx", "axe-core", "LibreOffice", "OOXML package check"):
        assert name in report
    assert "checked 2 files: 2 passed" in report
    assert 'href="conformance.html"' in read(short.path, "river-note/index.html")


def test_no_check_leaves_the_report_out(note: Path, tmp_path: Path, epoch: None) -> None:
    (made,) = convert.bundle(
        note, tmp_path / "dist", out_dir=tmp_path / "out", to=["html"], editions=["full"], check=False
    )
    assert "river-note/conformance.html" not in made.names
    assert "conformance.html" not in read(made.path, "river-note/index.html")


def test_rebuilding_gives_the_same_bytes(note: Path, short: Bundle, tmp_path: Path, epoch: None) -> None:
    (again,) = convert.bundle(
        note, tmp_path / "dist", out_dir=tmp_path / "out", to=CHEAP, editions=["full"], rebuild=True
    )
    assert again.path.read_bytes() == short.path.read_bytes()


def test_up_to_date_outputs_are_reused(note: Path, tmp_path: Path, epoch: None) -> None:
    note = Path(shutil.copy2(note, tmp_path / note.name))
    out = tmp_path / "out"
    (first,) = convert.bundle(note, tmp_path / "dist", out_dir=out, to=["html"], editions=["full"])
    page = out / "river note" / "river note.html"
    os.utime(page, (page.stat().st_atime, page.stat().st_mtime + 60))
    before = page.stat().st_mtime_ns
    written: list[Path] = []
    convert.bundle(
        note, tmp_path / "dist", out_dir=out, to=["html"], editions=["full"], on_output=lambda s, p: written.append(p)
    )
    assert written == [] and page.stat().st_mtime_ns == before
    os.utime(note, (note.stat().st_atime, before / 1e9 + 60))
    convert.bundle(
        note, tmp_path / "dist", out_dir=out, to=["html"], editions=["full"], on_output=lambda s, p: written.append(p)
    )
    assert page in written
    assert first.path.is_file()


def test_a_failed_format_makes_no_bundle(note: Path, tmp_path: Path, epoch: None) -> None:
    dist = tmp_path / "dist"
    with pytest.raises(convert.ConvertError, match=r"mp3 of the full edition failed.*nowhere\.onnx"):
        convert.bundle(
            note, dist, out_dir=tmp_path / "out", to=["html", "mp3"], editions=["full"], voice=tmp_path / "nowhere.onnx"
        )
    assert not dist.exists() or list(dist.iterdir()) == []


def test_keep_going_bundles_without_the_failed_format(note: Path, tmp_path: Path, epoch: None) -> None:
    out = tmp_path / "out"
    # A stale MP3 from an earlier run must not slip into the bundle when the format fails now.
    (out / "river note").mkdir(parents=True)
    (out / "river note" / "river note.mp3").write_bytes(b"old")
    with pytest.warns(convert.ConvertWarning, match="mp3 of the full edition failed"):
        (made,) = convert.bundle(
            note, tmp_path / "dist", out_dir=out, to=["html", "mp3"], editions=["full"], keep_going=True,
            voice=tmp_path / "nowhere.onnx",
        )  # fmt: skip
    assert [m.format for m in made.missing] == ["mp3"]
    assert not any(n.endswith((".mp3", ".vtt")) for n in made.names)
    page = read(made.path, "river-note/index.html")
    assert "Not included" in page and "Audio narration (MP3) (mp3)" in page and "nowhere.onnx" in page
    assert verify(made.path).ok


def test_combined_zip_holds_every_bundle(note: Path, tmp_path: Path, epoch: None) -> None:
    other = tmp_path / "Été: lakes?.txt"
    other.write_text(NOTE.replace("rivers", "lakes"), encoding="utf-8")
    made = convert.bundle(
        [note, other], tmp_path / "dist", out_dir=tmp_path / "out", to=["html"], editions=["full"], combined="all"
    )
    assert [m.path.name for m in made] == ["river-note.zip", "Ete-lakes.zip", "all.zip"]
    names = set(made[-1].names)
    assert {"all/index.html", "all/SHA256SUMS", "all/river-note/index.html", "all/Ete-lakes/Ete-lakes.html"} <= names
    folder = unpack(made[-1].path, tmp_path / "unpacked") / "all"
    result = verify(made[-1].path)
    assert result.ok and result.checked == len(names) - 1
    check_links(folder, {n.removeprefix("all/") for n in names})
    for sub in ("river-note", "Ete-lakes"):
        check_links(folder / sub, {n.removeprefix(f"all/{sub}/") for n in names if n.startswith(f"all/{sub}/")})


def test_seed_bundle_holds_every_format_of_every_edition(seed_bundle: Bundle) -> None:
    stem = "icat-child-trafficking-briefing"
    names = set(seed_bundle.names)
    for edition in convert.EDITIONS:
        infix = "" if edition == "full" else f".{edition}"
        for chosen in registry.writers().values():
            for suffix in (chosen.extension, *chosen.companions):
                assert f"{stem}/{stem}{infix}{suffix}" in names
    assert {f"{stem}/index.html", f"{stem}/{SUMS}", f"{stem}/CREDITS.txt"} <= names
    assert seed_bundle.missing == ()
    for name in names:
        assert safe_name(PurePosixPath(name).name) == PurePosixPath(name).name


def test_seed_bundle_rebuilds_byte_for_byte(seed_bundle: Bundle, tmp_path: Path, epoch: None) -> None:
    from tests.conftest import SEED

    copy = tmp_path / "copy"
    shutil.copytree(seed_bundle.path.parent.parent / "out", copy)
    (again,) = convert.bundle(SEED, tmp_path / "dist", out_dir=copy)
    assert again.path.read_bytes() == seed_bundle.path.read_bytes()
