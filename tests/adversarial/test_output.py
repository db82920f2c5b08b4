"""Outputs when writing fails or is cut short: a full disk, a folder in the way, SIGTERM, SIGKILL (M11, m1, m2).

Every case: one error line naming the target (never a temporary file, never a traceback), exit code 1, the
earlier output untouched, and no temporary file left behind, now or after the next run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from convert.fileio import atomic_path, remove_stale_parts
from tests.adversarial.hostile import run
from tests.conftest import SEED

FORMATS = ["html", "docx", "epub", "pdf"]


def parts(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.part"))


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed written in every format once, as a previous run would have left it."""
    out = tmp_path_factory.mktemp("earlier")
    done = run(SEED, "--to", ",".join(FORMATS), "--out", out, "--quiet")
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_is_one_line_naming_the_target_and_the_old_file_stays(
    fmt: str, earlier: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    stem = SEED.stem
    (out / stem).mkdir(parents=True)
    target = out / stem / f"{stem}.{fmt}"
    previous = (earlier / stem / f"{stem}.{fmt}").read_bytes()
    target.write_bytes(previous)
    # Files may grow to half the output's size, then writing fails as on a full disk (EFBIG, not ENOSPC).
    done = run(SEED, "--to", fmt, "--out", out, file_size=len(previous) // 2)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    if fmt == "pdf":
        # WeasyPrint writes the fonts it embeds to temporary files first, and meets the full disk there.
        assert f"{target}: the PDF cannot be laid out: File too large" in done.stderr
    else:
        assert f"cannot write {target}: File too large" in done.stderr
    for noise in ("Traceback", "Exception ignored", "In the future", ".part", "unexpected"):
        assert noise not in done.stderr
    assert target.read_bytes() == previous and parts(out) == []


def test_a_folder_in_the_way_is_named_not_the_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / SEED.stem / f"{SEED.stem}.html").mkdir(parents=True)
    done = run(SEED, "--out", out)
    assert done.returncode == 1 and f"cannot write {out / SEED.stem / SEED.stem}.html" in done.stderr
    assert ".part" not in done.stderr and parts(out) == []


SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    import convert.cli, convert.fileio
    from convert.writers import html

    def slow(target, text):
        # The real temporary file is made; then the writer stays busy, as a long conversion does.
        with convert.fileio.atomic_path(target) as temporary:
            temporary.write_text(text[:1000], encoding="utf-8")
            print("writing", flush=True)
            time.sleep(60)

    html.write_text_atomic = slow
    sys.exit(convert.cli.main(sys.argv[1:]))
    """
)


def slow_run(out: Path) -> subprocess.Popen[str]:
    """A conversion stopped in the middle of writing its output, its temporary file made."""
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(SEED), "--out", str(out), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "writing"
    return process


def test_sigterm_removes_the_temporary_file_and_exits_143(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = slow_run(out)
    assert len(parts(out)) == 1
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143 and "terminated" in stderr and "Traceback" not in stderr
    assert parts(out) == []


def test_the_next_run_removes_what_a_killed_run_left_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = slow_run(out)
    process.kill()  # SIGKILL: nothing can clean up
    process.communicate(timeout=60)
    left = parts(out)
    assert len(left) == 1 and f".{os.getpid()}." not in left[0].name
    folder = left[0].parent
    # Files that only look like ours, and a live writer's file, must stay.
    alive = folder / f".other.html.{os.getpid()}.abcd1234.part"
    lookalikes = [folder / ".notes.part", folder / "visible.html.12.abcd1234.part", folder / ".x.12.toolongname.part"]
    for path in (alive, *lookalikes):
        path.write_text("keep", encoding="utf-8")
    old = folder / ".older.html.abcd_123.part"  # before names carried a process id: removed once clearly stale
    old.write_text("stale", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    done = run(SEED, "--out", out, "--quiet")
    assert done.returncode == 0, done.stderr
    assert not left[0].exists() and not old.exists()
    assert alive.exists() and all(path.exists() for path in lookalikes)


def test_remove_stale_parts_spares_files_of_writers_still_running(tmp_path: Path) -> None:
    with atomic_path(tmp_path / "a.txt") as temporary:
        temporary.write_text("in progress", encoding="utf-8")
        assert remove_stale_parts(tmp_path) == [] and temporary.exists()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "in progress" and parts(tmp_path) == []
