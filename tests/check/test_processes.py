"""Validators run as process groups: a timeout ends the helpers they started too."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from convert.check.processes import run_tool

# A tool that starts a long-lived helper of its own, as Ace starts Chromium, then hangs.
SPAWNER = """
import subprocess, sys, time
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
open(sys.argv[1], "w").write(str(helper.pid))
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has exited; only its parent has not reaped it
        return stat.read().split()[2] != "Z"


def test_a_timeout_ends_the_tool_and_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"
    started = time.monotonic()
    assert run_tool([sys.executable, "-c", SPAWNER, str(pid_file)], timeout=3) is None
    assert time.monotonic() - started < 60
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while alive(helper) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(helper)


def test_a_finished_tool_gives_its_output(tmp_path: Path) -> None:
    done = run_tool([sys.executable, "-c", "print('ok')"], timeout=60, cwd=tmp_path)
    assert done is not None and done.returncode == 0 and done.stdout.strip() == b"ok"
