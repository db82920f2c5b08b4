"""Verify a bundle: every file of a zip (or of the folder it was unpacked to) against its SHA256SUMS."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from convert.bundles.archive import SUMS
from convert.errors import InputError, printable
from convert.limits import MAX_SUMS_BYTES, MAX_ZIP_MEMBER_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_TOTAL_BYTES, size


@dataclass(frozen=True, slots=True)
class Verification:
    """What verify found in a bundle."""

    path: Path
    """The bundle checked."""
    checked: int
    """How many files matched their checksum."""
    problems: tuple[str, ...] = field(default=())
    """One line per damaged, missing or unlisted file."""

    @property
    def ok(self) -> bool:
        """True when every file is listed and matches its checksum."""
        return not self.problems and self.checked > 0


def _parse_sums(text: str, where: str) -> tuple[list[tuple[str, str]], list[str]]:
    listed: list[tuple[str, str]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = re.fullmatch(r"([0-9a-fA-F]{64}) [ *](.+)", line)
        if found is None:
            problems.append(f"{where}:{number}: not a checksum line")
        else:
            listed.append((found.group(1).lower(), found.group(2)))
    return listed, problems


@dataclass
class Contents:
    """What verify read from a bundle: the checksum of each file, the SHA256SUMS texts, and what was wrong."""

    digests: dict[str, str] = field(default_factory=dict)
    """Each file's name -> the SHA-256 of its bytes."""
    sums: dict[str, str] = field(default_factory=dict)
    """Each SHA256SUMS file's name -> its text."""
    problems: dict[str, str] = field(default_factory=dict)
    """Each file that could not be checked, or must not be there -> why."""

    def names(self) -> set[str]:
        """Every name found, checked or not."""
        return set(self.digests) | set(self.problems)


def member_name_problem(name: str) -> str | None:
    """Why a bundle must not hold a file of this name (one that unpacks outside its folder...), or None."""
    if not name or name in (".", "/"):
        return "an empty name"
    if any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in name):
        return "control characters in its name"
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "an absolute path"
    if "\\" in name:
        return "a backslash in its name (a path on Windows)"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "a path that leads out of the bundle's folder (..)"
    if any(part in ("", ".") for part in parts):
        return "a path with empty or '.' parts"
    return None


def _hash_stream(stream: IO[bytes], name: str, contents: Contents, budget: list[int]) -> None:
    """Read stream in chunks into the checksum of name (and its text, for SHA256SUMS); never keep the rest."""
    digest = hashlib.sha256()
    kept: list[bytes] = []
    read = 0
    is_sums = PurePosixPath(name).name == SUMS
    while chunk := stream.read(1 << 20):
        read += len(chunk)
        budget[0] -= len(chunk)
        if read > MAX_ZIP_MEMBER_BYTES or budget[0] < 0:
            contents.problems[name] = f"too large to check (verify reads at most {size(MAX_ZIP_MEMBER_BYTES)} a file)"
            return
        digest.update(chunk)
        if is_sums:
            if read > MAX_SUMS_BYTES:
                contents.problems[name] = f"too large for a checksum list (more than {size(MAX_SUMS_BYTES)})"
                return
            kept.append(chunk)
    contents.digests[name] = digest.hexdigest()
    if is_sums:
        contents.sums[name] = b"".join(kept).decode("utf-8", errors="replace")


def read_zip(path: Path) -> Contents:
    """The checksums of every file of a zip, streamed (memory stays small however the members expand).

    Refused before anything is read: more than MAX_ZIP_MEMBERS files, or more than MAX_ZIP_TOTAL_BYTES
    in all. Reported for each file: a name that would unpack outside the folder, a link, a second file
    of the same name, encryption, damage, a file larger than MAX_ZIP_MEMBER_BYTES.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as failure:
        raise InputError(f"not a readable zip file: {failure}", path=path) from None
    contents = Contents()
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise InputError(
                f"holds {len(infos):,} files; verify checks bundles of at most {MAX_ZIP_MEMBERS:,}", path=path
            )
        declared = sum(info.file_size for info in infos)
        if declared > MAX_ZIP_TOTAL_BYTES:
            raise InputError(
                f"would unpack to {size(declared)}; verify checks bundles of at most {size(MAX_ZIP_TOTAL_BYTES)}",
                path=path,
            )
        budget = [MAX_ZIP_TOTAL_BYTES]
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            if name in seen:
                contents.problems[name] = "in the zip more than once (unpacking keeps only one of them)"
                contents.digests.pop(name, None)
                continue
            seen.add(name)
            unsafe = member_name_problem(name)
            if unsafe:
                contents.problems[name] = f"{unsafe}: a bundle never holds such a file"
            elif stat.S_ISLNK(info.external_attr >> 16):
                contents.problems[name] = "a symbolic link: a bundle never holds one"
            elif info.is_dir():
                continue
            elif info.flag_bits & 0x1:
                contents.problems[name] = "encrypted: a bundle is never encrypted, so it cannot be checked"
            elif info.file_size > MAX_ZIP_MEMBER_BYTES:
                contents.problems[name] = (
                    f"too large to check ({size(info.file_size)}; verify reads at most {size(MAX_ZIP_MEMBER_BYTES)})"
                )
            else:
                try:
                    with archive.open(info) as member:
                        _hash_stream(member, name, contents, budget)
                except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError,
                        OSError) as failure:  # fmt: skip
                    contents.problems[name] = f"damaged ({failure or type(failure).__name__})"
    return contents


def read_folder(path: Path) -> Contents:
    """The checksums of every file under an unpacked bundle's folder; links are reported, never followed."""
    contents = Contents()
    budget = [MAX_ZIP_TOTAL_BYTES]
    count = 0
    for folder, directories, files in os.walk(path, followlinks=False):
        base = Path(folder)
        for entry in sorted(directories):
            if (base / entry).is_symlink():
                name = (base / entry).relative_to(path).as_posix()
                contents.problems[name] = "a symbolic link: not followed, a bundle never holds one"
        for entry in sorted(files):
            item = base / entry
            name = item.relative_to(path).as_posix()
            count += 1
            if count > MAX_ZIP_MEMBERS:
                raise InputError(f"holds more than {MAX_ZIP_MEMBERS:,} files, the most verify checks", path=path)
            if item.is_symlink():
                contents.problems[name] = "a symbolic link: not followed, a bundle never holds one"
            elif not item.is_file():
                contents.problems[name] = "not a regular file"
            else:
                try:
                    with item.open("rb") as stream:
                        _hash_stream(stream, name, contents, budget)
                except OSError as failure:
                    contents.problems[name] = f"cannot be read ({failure.strerror or failure})"
    return contents


def verify(path: Path | str) -> Verification:
    """Check a bundle (a zip, or the folder it was unpacked to) against its SHA256SUMS; report every problem."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such bundle", path=path)
    contents = read_folder(path) if path.is_dir() else read_zip(path)
    return check_sums(path, contents)


def check_sums(path: Path, contents: Contents) -> Verification:
    """Compare what was read with every SHA256SUMS in it; each problem is one line naming its file."""
    problems = [f"{printable(name)}: {reason}" for name, reason in sorted(contents.problems.items())]
    names = contents.names()
    sum_files = sorted(n for n in names if PurePosixPath(n).name == SUMS)
    if not sum_files:
        return Verification(path, 0, (*problems, f"no {SUMS} file: nothing to check against"))
    covered: set[str] = set(sum_files)
    matched: set[str] = set()
    for sums in sum_files:
        if sums not in contents.sums:
            continue
        base = PurePosixPath(sums).parent
        listed, bad_lines = _parse_sums(contents.sums[sums], printable(sums))
        problems += bad_lines
        for digest, name in listed:
            full = (base / name).as_posix() if str(base) != "." else name
            unsafe = member_name_problem(name)
            if unsafe:
                problems.append(f"{printable(sums)}: lists {printable(name)}, {unsafe}: never a file of a bundle")
                continue
            covered.add(full)
            if full in contents.problems:
                continue
            if full not in contents.digests:
                problems.append(f"{printable(full)}: missing")
            elif contents.digests[full] != digest:
                problems.append(f"{printable(full)}: changed (its checksum does not match)")
            else:
                matched.add(full)
    problems += [f"{printable(name)}: not listed in any {SUMS}" for name in sorted(names - covered)]
    return Verification(path, len(matched - set(contents.problems)), tuple(dict.fromkeys(problems)))
