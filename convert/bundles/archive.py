"""A bundle's zip: the names of its entries, safe file names, SHA256SUMS, and the zip written atomically."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from convert.errors import UsageError
from convert.fileio import atomic_path
from convert.reproducible import write_zip

INDEX = "index.html"
SUMS = "SHA256SUMS"
CREDITS = "CREDITS.txt"
CONFORMANCE = "conformance.html"
LICENCES = "licences"
# Formats already compressed: stored as they are, so the zip is quicker to make and open.
STORED_SUFFIXES = (".pdf", ".epub", ".docx", ".mp3", ".zip")
# Names Windows refuses for a file whatever the extension.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)})
MAX_NAME = 120

Entries = list[tuple[str, bytes]]
"""(name in the zip, bytes) pairs, in the zip's order."""


def safe_name(name: str) -> str:
    """A file name that Windows, macOS and Linux all accept: ASCII letters, digits, dot, dash and underscore."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip(" .-") or "document"
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:MAX_NAME].rstrip(" .-") or "document"
    if cleaned.split(".")[0].lower() in WINDOWS_RESERVED:
        cleaned = f"{cleaned}-file"
    return cleaned


def checksums(entries: Iterable[tuple[str, bytes]]) -> str:
    """SHA256SUMS text for (name, bytes) entries, in the format sha256sum -c reads."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in entries)


def check_names(names: Iterable[str]) -> None:
    """Refuse two names that differ only in case: they would be one file on Windows and macOS."""
    seen: dict[str, str] = {}
    for name in names:
        folded = name.lower()
        if folded in seen:
            raise UsageError(
                f"two files would share the name {name!r} in the bundle (names ignore case on Windows and macOS)"
            )
        seen[folded] = name


def in_folder(folder: str, files: Entries) -> Entries:
    """Prefix every entry with the folder and add SHA256SUMS covering them all."""
    check_names(name for name, _ in files)
    listed = [*files, (SUMS, checksums(files).encode("utf-8"))]
    return [(f"{folder}/{name}", data) for name, data in listed]


def write(target: Path, entries: Entries) -> None:
    """Write the zip atomically, with fixed times; files already compressed are stored as they are."""
    stored = [name for name, _ in entries if name.lower().endswith(STORED_SUFFIXES)]
    with atomic_path(target) as temporary:
        write_zip(temporary, entries, stored=stored)
