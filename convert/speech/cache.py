"""The speech cache: audio of each utterance by (engine, voice, rate, spoken text), under the user's cache folder."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import struct
import tempfile
import warnings
from pathlib import Path
from typing import IO

import numpy as np

from convert.errors import ConvertWarning, OutputError
from convert.fileio import write_bytes_atomic

MAGIC = b"ACSPCH1\n"
HEADER = struct.Struct("<8sIQ32s")  # magic, sample rate, sample count, sha256 of the samples
FILE_MAGIC = b"ACFILE1\n"
FILE_HEADER = struct.Struct("<8sQ32s")  # magic, length, sha256 of the content
BLOCK = 1 << 20


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/accessconvert (or ~/.cache/accessconvert)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "accessconvert"


def entry_path(engine_key: str, spoken: str) -> Path:
    """Where the audio of spoken text by this engine is kept."""
    digest = hashlib.sha256(f"{engine_key}\n{spoken}".encode()).hexdigest()
    return cache_dir() / "speech" / digest[:2] / f"{digest}.pcm"


def load(engine_key: str, spoken: str) -> tuple[int, np.ndarray] | None:
    """The cached (sample rate, int16 samples), or None when absent; a damaged entry is removed and None returned."""
    path = entry_path(engine_key, spoken)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) >= HEADER.size:
        magic, rate, count, digest = HEADER.unpack_from(data)
        payload = data[HEADER.size :]
        if magic == MAGIC and len(payload) == 2 * count and hashlib.sha256(payload).digest() == digest:
            return rate, np.frombuffer(payload, dtype="<i2").copy()
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        # A read-only cache is still a cache: the entry is made again in memory, the output is not at fault.
        warnings.warn(
            f"the speech cache entry {path} was damaged and cannot be removed ({error.strerror or error}); "
            "it is made again without the cache",
            ConvertWarning,
            stacklevel=2,
        )
        return None
    warnings.warn(f"the speech cache entry {path} was damaged; it is made again", ConvertWarning, stacklevel=2)
    return None


def store(engine_key: str, spoken: str, sample_rate: int, samples: np.ndarray) -> None:
    """Keep samples for later runs; written atomically, so a crash never leaves a half entry."""
    payload = np.ascontiguousarray(samples, dtype="<i2").tobytes()
    header = HEADER.pack(MAGIC, sample_rate, len(payload) // 2, hashlib.sha256(payload).digest())
    try:
        write_bytes_atomic(entry_path(engine_key, spoken), header + payload)
    except OutputError as error:
        warnings.warn(
            f"cannot write to the speech cache ({error.reason}); continuing without it", ConvertWarning, stacklevel=2
        )


def file_path(key: str, name: str) -> Path:
    """Where a whole file made from speech (an encoded narration) is kept, beside the speech it was made from."""
    digest = hashlib.sha256(f"{key}\n{name}".encode()).hexdigest()
    return cache_dir() / "speech" / digest[:2] / f"{digest}.file"


def copy_file(key: str, name: str, out: IO[bytes]) -> bool:
    """Copy a kept file into out and return True; False, with out untouched, when it is absent or damaged.

    The checksum is verified before anything is copied, in blocks: a damaged entry never reaches an output,
    and a long book's file is never held in memory.
    """
    path = file_path(key, name)
    try:
        kept = path.open("rb")
    except OSError:
        return False
    with kept:
        if _intact(kept):
            # Past the check, a failure belongs to the output being written, and is raised as such.
            kept.seek(FILE_HEADER.size)
            shutil.copyfileobj(kept, out, BLOCK)
            return True
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    warnings.warn(f"the speech cache entry {path} was damaged; it is made again", ConvertWarning, stacklevel=2)
    return False


def _intact(kept: IO[bytes]) -> bool:
    try:
        header = kept.read(FILE_HEADER.size)
        if len(header) != FILE_HEADER.size:
            return False
        magic, length, digest = FILE_HEADER.unpack(header)
        checked, seen = hashlib.sha256(), 0
        for block in iter(lambda: kept.read(BLOCK), b""):
            checked.update(block)
            seen += len(block)
    except OSError:
        return False
    return magic == FILE_MAGIC and seen == length and checked.digest() == digest


class KeptFile:
    """A file being kept in the cache as it is written: checksummed, and put in place only when complete.

    A cache that cannot be written is warned about once and then ignored: the output never depends on it.
    """

    def __init__(self, key: str, name: str) -> None:
        self.path = file_path(key, name)
        self._digest = hashlib.sha256()
        self._length = 0
        self._file: IO[bytes] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by commit or discard)
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".part", delete=False
            )
            self._file.write(bytes(FILE_HEADER.size))
        except OSError as error:
            self._give_up(error)

    def write(self, data: bytes) -> None:
        """Add data to the file."""
        if self._file is None:
            return
        try:
            self._file.write(data)
        except OSError as error:
            self._give_up(error)
            return
        self._digest.update(data)
        self._length += len(data)

    def commit(self) -> None:
        """Put the complete file in place."""
        if self._file is None:
            return
        try:
            self._file.seek(0)
            self._file.write(FILE_HEADER.pack(FILE_MAGIC, self._length, self._digest.digest()))
            self._file.close()
            os.replace(self._file.name, self.path)
        except OSError as error:
            self._give_up(error)
        self._file = None

    def discard(self) -> None:
        """Forget the file (the output it copies was not finished)."""
        if self._file is not None:
            self._file.close()
            with contextlib.suppress(OSError):
                os.unlink(self._file.name)
            self._file = None

    def _give_up(self, error: OSError) -> None:
        self.discard()
        warnings.warn(
            f"cannot write to the speech cache ({error.strerror or error}); continuing without it",
            ConvertWarning,
            stacklevel=3,
        )
