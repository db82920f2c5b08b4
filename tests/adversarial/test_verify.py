"""accessconvert verify on hostile zips and folders: bombs, escaping names, links, encryption, duplicates (M1-M3, m5).

A bundle is checked by streaming each file through SHA-256, so memory stays small whatever a member expands
to; every name a bundle must never hold is reported, even when SHA256SUMS lists it; what cannot be read is
one line naming the bundle.
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from convert.bundles import SUMS, member_name_problem, verify
from convert.limits import MAX_ZIP_MEMBER_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_TOTAL_BYTES
from tests.adversarial.hostile import MB, run


def sums(entries: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in entries.items()).encode()


def bundle(path: Path, entries: dict[str, bytes], *, listed: dict[str, bytes] | None = None) -> Path:
    """A zip holding entries and a SHA256SUMS listing `listed` (by default: every entry)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data)
        archive.writestr(SUMS, sums(entries if listed is None else listed))
    return path


def test_members_that_expand_enormously_are_streamed_in_little_memory(tmp_path: Path) -> None:
    # Three members of 40 MB of zeros: a zip of well under 1 MB. Reading them whole would need 120 MB and more.
    path = tmp_path / "zeros.zip"
    chunk = bytes(MB)
    digest = hashlib.sha256()
    for _ in range(40):
        digest.update(chunk)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number in range(3):
            with archive.open(f"b/zeros-{number}.bin", "w") as member:
                for _ in range(40):
                    member.write(chunk)
        archive.writestr("b/" + SUMS, "".join(f"{digest.hexdigest()}  zeros-{n}.bin\n" for n in range(3)))
    assert path.stat().st_size < MB
    result = run("verify", path, memory=100 * MB, cpu=60)
    assert result.returncode == 0, result.stderr
    assert "OK, 3 files match" in result.stdout


ESCAPING = [
    "../../tmp/x",
    "a/../../../x",
    "/tmp/x",
    "C:\\x",
    "C:/x",
    "\\\\server\\share\\x",
    "a\\..\\..\\x",
    "a/./b",
    "a//b",
    "..",
    "dir/..",
    "new\nline",
    "esc\x1b[31mred",
    "bell\x07",
    "c1\x9bcontrol",
]


@pytest.mark.parametrize("name", ESCAPING)
def test_names_a_bundle_never_holds_are_reported_even_when_listed(name: str, tmp_path: Path) -> None:
    assert member_name_problem(name)
    path = bundle(tmp_path / "b.zip", {"ok.txt": b"fine", name: b"payload"})
    result = verify(path)
    assert not result.ok
    assert any("a bundle never holds" in problem for problem in result.problems), result.problems
    # Names are shown escaped: nothing from the zip reaches the terminal raw.
    assert all("\n" not in p and "\x1b" not in p and "\x07" not in p and "\x9b" not in p for p in result.problems)
    done = run("verify", path)
    assert done.returncode == 1 and "\x1b" not in done.stderr and "\x9b" not in done.stderr
    assert all(line.startswith("accessconvert: error: ") for line in done.stderr.splitlines())


def test_a_listed_name_that_leaves_the_folder_is_reported_in_folder_mode_too(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_bytes(b"secret")
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "ok.txt").write_bytes(b"fine")
    (folder / SUMS).write_bytes(sums({"ok.txt": b"fine", "../outside.txt": b"secret"}))
    result = verify(folder)
    assert not result.ok and any("../outside.txt" in p and "leads out" in p for p in result.problems)


def test_symbolic_link_members_are_reported_and_never_followed(tmp_path: Path) -> None:
    path = tmp_path / "link.zip"
    target = b"/etc/passwd"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("b/passwd")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, target)
        archive.writestr("b/" + SUMS, sums({"passwd": target}))
    result = verify(path)
    assert not result.ok and any("symbolic link" in p for p in result.problems)


def test_folder_mode_reports_links_instead_of_following_them(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "ok.txt").write_bytes(b"fine")
    os.symlink("/etc/passwd", folder / "passwd")
    os.symlink("/etc", folder / "etc")
    passwd = Path("/etc/passwd").read_bytes()
    (folder / SUMS).write_bytes(sums({"ok.txt": b"fine", "passwd": passwd}))
    result = verify(folder)
    assert not result.ok
    problems = "\n".join(result.problems)
    assert "passwd: a symbolic link" in problems and "etc: a symbolic link" in problems
    assert "hosts" not in problems  # nothing inside the linked folder was read


def _encrypt_flag(path: Path) -> None:
    """Set the "encrypted" bit on every member, in the local headers and the central directory."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            flags = struct.unpack_from("<H", data, start + offset)[0]
            struct.pack_into("<H", data, start + offset, flags | 0x1)
            start += 4
    path.write_bytes(bytes(data))


def test_encrypted_members_are_reported_naming_the_bundle(tmp_path: Path) -> None:
    path = bundle(tmp_path / "locked.zip", {"a.txt": b"secret text"})
    _encrypt_flag(path)
    result = verify(path)
    assert not result.ok and any(p.startswith("a.txt: encrypted") for p in result.problems), result.problems
    done = run("verify", path)
    assert done.returncode == 1 and "RuntimeError" not in done.stderr and "unexpected" not in done.stderr
    assert str(path) in done.stderr


def test_a_second_member_of_the_same_name_is_reported_not_silently_preferred(tmp_path: Path) -> None:
    path = tmp_path / "twice.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", b"first")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("a.txt", b"second")
        archive.writestr(SUMS, sums({"a.txt": b"second"}))
    result = verify(path)
    assert not result.ok and any("more than once" in p for p in result.problems)


def _declared_size(path: Path, size: int) -> None:
    """Make the central directory declare size bytes for the first member (the data stay as they are)."""
    data = bytearray(path.read_bytes())
    start = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, start + 24, size)
    path.write_bytes(bytes(data))


def test_a_member_larger_than_the_limit_is_reported_without_reading_it(tmp_path: Path) -> None:
    path = bundle(tmp_path / "big.zip", {"big.bin": b"x" * 100, "ok.txt": b"fine"})
    _declared_size(path, MAX_ZIP_MEMBER_BYTES + 1)
    result = verify(path)
    assert any(p.startswith("big.bin: too large to check") for p in result.problems), result.problems
    assert any(p.startswith("ok.txt") for p in result.problems) is False


def test_a_bundle_declaring_more_than_the_total_limit_is_refused_up_front(tmp_path: Path) -> None:
    entries = {f"part-{n}.bin": b"x" for n in range(MAX_ZIP_TOTAL_BYTES // 0xFFFFFFFF + 2)}
    path = bundle(tmp_path / "total.zip", entries)
    data = bytearray(path.read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        struct.pack_into("<I", data, start + 24, 0xFFFFFFFE)
        start += 4
    path.write_bytes(bytes(data))
    done = run("verify", path)
    assert done.returncode == 2 and "would unpack to" in done.stderr and done.stderr.count("\n") == 1


def test_a_bundle_of_too_many_files_is_refused_up_front(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(MAX_ZIP_MEMBERS + 1):
            archive.writestr(f"f{number}", b"")
    done = run("verify", path)
    assert done.returncode == 2 and f"{MAX_ZIP_MEMBERS:,}" in done.stderr and str(path) in done.stderr


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04" + bytes(100), b"PK\x05\x06" + bytes(18), b"PK\x05\x06" + b"\xff" * 18, b"", b"not a zip at all"],
)
def test_broken_zips_are_one_line_naming_the_bundle(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(data)
    done = run("verify", path)
    assert done.returncode in (1, 2) and done.stderr.count("\n") <= 2 and str(path) in done.stderr
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
