"""A speech cache that cannot be written or cleaned: the narration goes on, and nothing blames the output (M10)."""

from __future__ import annotations

import errno
from pathlib import Path

import numpy as np
import pytest

from convert.errors import ConvertWarning
from convert.speech import cache
from tests.adversarial.hostile import run


def test_a_damaged_entry_that_cannot_be_removed_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.store("k", "Text.", 16000, np.ones(100, dtype=np.int16))
    path = cache.entry_path("k", "Text.")
    path.write_bytes(b"damaged")
    original = Path.unlink

    def read_only(self: Path, missing_ok: bool = False) -> None:
        # The cache folder is on a read-only file system (as root, permissions cannot show it).
        if self == path:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        original(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only)
    with pytest.warns(ConvertWarning, match="damaged and cannot be removed.*Read-only file system"):
        assert cache.load("k", "Text.") is None


def test_a_cache_that_cannot_be_written_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    with pytest.warns(ConvertWarning, match="cannot write to the speech cache"):
        cache.store("k", "Text.", 16000, np.ones(100, dtype=np.int16))


def test_narration_with_an_unwritable_cache_succeeds_and_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    source = tmp_path / "short.txt"
    source.write_text("Short\n\nThree words here.\n", encoding="utf-8")
    done = run(source, "--to", "mp3", "--out", tmp_path / "out", env={**_environment(), "XDG_CACHE_HOME": str(blocker)})
    assert done.returncode == 0, done.stderr
    assert "cannot write to the speech cache" in done.stderr and "cannot write the output" not in done.stderr
    assert done.stderr.count("speech cache") == 1  # said once, not once per sentence
    assert (tmp_path / "out" / "short" / "short.mp3").stat().st_size > 1000


def _environment() -> dict[str, str]:
    import os

    return dict(os.environ)
