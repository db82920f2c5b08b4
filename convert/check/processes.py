"""Running a validator as a process group, so a timeout or an early exit leaves no browser or office suite behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def run_tool(
    command: Sequence[str], *, timeout: float, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes] | None:
    """Run command with its output captured; None when it did not finish in time. Its whole group is ended after.

    Validators start helpers of their own (Ace a Chromium, LibreOffice its soffice.bin): killing only the direct
    child on a timeout would leave those running, so each run gets its own session and the group goes with it.
    """
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        end_group(process.pid)
        process.communicate()
        return None
    finally:
        end_group(process.pid)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def end_group(group: int) -> None:
    """Kill every process left in a process group started with start_new_session (gone already is fine)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)
