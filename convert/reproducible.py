"""Reproducible output: the build time from SOURCE_DATE_EPOCH and zip files with fixed order and timestamps."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

# Zip cannot store dates before 1980; this is also the fallback build time.
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def build_time() -> datetime:
    """Return SOURCE_DATE_EPOCH as a UTC datetime when set, else the current time (UTC, whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            pass
    return datetime.now(UTC).replace(microsecond=0)


def is_reproducible() -> bool:
    """True when SOURCE_DATE_EPOCH is set, so outputs must not depend on the clock."""
    return bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())


def zip_date_time() -> tuple[int, int, int, int, int, int]:
    """The timestamp for every zip entry: the build time, never earlier than 1980."""
    moment = max(build_time(), ZIP_EPOCH) if is_reproducible() else ZIP_EPOCH
    return moment.timetuple()[:6]


def write_zip(target: Path | BinaryIO, entries: Iterable[tuple[str, bytes]], *, stored: Iterable[str] = ()) -> None:
    """Write entries to a zip at target (a path or a binary file) in the given order, with fixed timestamps."""
    stored_names = set(stored)
    date_time = zip_date_time()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            info.compress_type = zipfile.ZIP_STORED if name in stored_names else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9 if name not in stored_names else None)


def normalised_zip(data: bytes, *, first: Iterable[str] = (), stored: Iterable[str] = ()) -> bytes:
    """The zip in data rewritten: `first` entries first, the rest sorted, fixed timestamps.

    Zips are normalised in memory, so the one write to disk is the final file: a full disk then fails
    that write, cleanly, rather than a half-closed zip.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    leading = [name for name in first if name in contents]
    order = leading + sorted(name for name in contents if name not in leading)
    out = io.BytesIO()
    write_zip(out, ((name, contents[name]) for name in order), stored=stored)
    return out.getvalue()
