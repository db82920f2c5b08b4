"""Sources too large, endless or too deep: refused (or flattened) before they are consumed (limits, /dev/zero).

Each test proves the limit trips early: under an address-space ceiling far below what reading the input
would need, or by counting how much of an endless input was read before the refusal.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import convert
from convert.errors import InputError
from convert.limits import MAX_DEPTH, MAX_INPUT_BYTES
from tests.adversarial.hostile import MB, run


def test_an_endless_device_is_refused_at_the_limit(tmp_path: Path) -> None:
    # /dev/zero never ends: under 300 MB of address space, reading it whole would fail, not refuse.
    done = run("/dev/zero", "--from", "text", "--out", tmp_path / "out", memory=300 * MB, cpu=30)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "/dev/zero: is larger than" in done.stderr and not (tmp_path / "out").exists()


def test_an_endless_pipe_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    pipe = tmp_path / "endless.txt"
    os.mkfifo(pipe)
    written = [0]
    chunk = b"all work and no play makes a dull text\n" * 1000

    def feed() -> None:
        try:
            with open(pipe, "wb") as handle:
                while written[0] < 4 * MAX_INPUT_BYTES:
                    handle.write(chunk)
                    written[0] += len(chunk)
        except BrokenPipeError:
            pass  # the reader stopped: what we want

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    with pytest.raises(InputError, match="is larger than"):
        convert.read(pipe)
    feeder.join(timeout=30)
    # The reader stopped one limit (and a pipe's buffer or two) in: never the whole stream. The count lags by
    # the chunk whose write the closed pipe cut short, which the reader may have read in part.
    assert MAX_INPUT_BYTES - len(chunk) <= written[0] < MAX_INPUT_BYTES + 2 * MB


def test_a_file_larger_than_the_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    with open(source, "wb") as handle:  # sparse: 4 GB on paper, nothing on disk
        handle.write(b"A title\n\n")
        handle.truncate(4 * 1024 * MB)
    done = run(source, "--out", tmp_path / "out", memory=300 * MB, cpu=30)
    assert done.returncode == 2 and f"{source}: is larger than" in done.stderr


@pytest.mark.parametrize(
    "source",
    [
        "<h1>T</h1>" + "<div>" * 100_000 + "deep",
        "<h1>T</h1>" + "<ul><li>" * 50_000 + "deep",
        "<h1>T</h1>" + "<table><tr><td>" * 30_000 + "deep",
        "<h1>T</h1>" + "<b><i>" * 50_000 + "deep",
    ],
)
def test_structure_a_hundred_thousand_levels_deep_is_flattened_in_bounded_memory(source: str, tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(source, encoding="utf-8")
    done = run(path, "--to", "html,docx,epub", "--out", tmp_path / "out", memory=1500 * MB, cpu=120, timeout=300)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "deep" / "deep.html").read_text(encoding="utf-8")
    assert "deep" in page and page.count("<ul") <= MAX_DEPTH + 2
