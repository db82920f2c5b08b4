"""verify: checksums of a zip or an unpacked folder, and every kind of damage found."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

import convert
from convert import registry
from convert.bundles import SUMS, Bundle, verify
from convert.cli import main
from tests.axe import axe_violations, describe
from tests.bundles.zips import check_links, unpack


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
