"""Safe file output: write beside the target, then rename, so no half-written file ever remains.

The temporary file is named `.NAME.PID.XXXXXXXX.part`. A run that is killed outright (SIGKILL, a power cut)
cannot remove it, so every later write into that folder removes the ones whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from convert.errors import OutputError

# Our own temporary names, and only ours: mkstemp's eight characters after the writer's process id.
_PART = re.compile(r"\..+\.(?P<pid>\d+)\.[a-z0-9_]{8}\.part")
# Written before the process id was part of the name: removed once clearly abandoned.
_OLD_PART = re.compile(r"\..+\.[a-z0-9_]{8}\.part")
_OLD_PART_AGE = 3600.0


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, on failure it is removed.

    Any OSError while writing (no space left, no permission, a folder in the way) becomes an OutputError
    naming target.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(target.parent)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
        os.close(fd)
    except OSError as error:
        raise _cannot_write(target, error) from None
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        raise _cannot_write(target, error) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _cannot_write(target: Path, error: OSError) -> OutputError:
    # The message names the target, never the temporary file, which the user has never heard of.
    reason = error.strerror or str(error)
    return OutputError(f"cannot write {target}: {reason}", reason=reason)


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files of writers that died in folder (their process is gone); return them."""
    removed: list[Path] = []
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.startswith(".") and entry.name.endswith(".part")]
    except OSError:
        return removed
    for entry in entries:
        found = _PART.fullmatch(entry.name)
        if found is not None:
            stale = not _alive(int(found["pid"]))
        else:
            stale = _OLD_PART.fullmatch(entry.name) is not None and _age(entry) > _OLD_PART_AGE
        if stale and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or not a pid we can ask about: leave its file alone
    return True


def _age(entry: os.DirEntry[str]) -> float:
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write data to target atomically."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 text to target atomically."""
    write_bytes_atomic(target, text.encode("utf-8"))
