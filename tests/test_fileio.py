"""Atomic writes: a finished file or the old one, never half a file; a dead writer's temporary files go."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convert.errors import OutputError
from convert.fileio import atomic_path, remove_stale_parts, write_bytes_atomic, write_text_atomic


def test_a_write_replaces_the_target_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_text_atomic(target, "one")
    write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise RuntimeError("stopped")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_an_unwritable_target_is_an_output_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / "file" / "out.txt"  # a file where a folder should be
    with pytest.raises(OutputError, match=f"cannot write {target}"):
        write_bytes_atomic(target, b"x")


def test_only_dead_writers_parts_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".out.txt.{dead_pid}.abcdefgh.part"
    mine = tmp_path / f".out.txt.{os.getpid()}.abcdefgh.part"
    other = tmp_path / ".notes.part"
    for path in (stale, mine, other):
        path.write_text("x", encoding="utf-8")
    assert remove_stale_parts(tmp_path) == [stale]
    assert mine.exists() and other.exists() and not stale.exists()
    assert remove_stale_parts(tmp_path / "missing") == []
