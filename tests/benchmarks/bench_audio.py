"""Benchmark of the mp3 writer on the seed: real-time factor with a cold and a warm cache, and peak memory.

Each run is `accessconvert SEED --to mp3` as a fresh process with its own XDG_CACHE_HOME, so the
figures include start-up, as a user sees them. Goals (issue 6): cold at least 20x real time, peak
memory under 800 MB, warm cache under 2 s for the whole seed.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "icat-child-trafficking-briefing.txt"
COLD_RUNS = 3
WARM_RUNS = 5


def _run(out: Path, cache: Path) -> float:
    """One whole process; returns its wall-clock seconds."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SOURCE_DATE_EPOCH": "1729123200"}
    start = time.perf_counter()
    command = [sys.executable, "-m", "convert", str(SEED), "--to", "mp3", "--out", str(out), "-q"]
    subprocess.run(command, env=env, check=True)
    return time.perf_counter() - start


def _audio_seconds(mp3: Path) -> float:
    from mutagen.mp3 import MP3

    return float(MP3(mp3).info.length)


def main() -> None:
    """Print cold and warm real-time factors (median of several runs) and the peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        cache = base / "cache"
        out = base / "out"
        # The voice graph is prepared once per machine and kept in the cache folder; warm that up first.
        _run(out, cache)
        colds: list[float] = []
        for _ in range(COLD_RUNS):
            shutil.rmtree(cache / "accessconvert" / "speech", ignore_errors=True)
            colds.append(_run(out, cache))
        warms = [_run(out, cache) for _ in range(WARM_RUNS)]
        # The largest resident set of any child: every run is the same command, so this is a run's peak.
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        audio = _audio_seconds(out / SEED.stem / f"{SEED.stem}.mp3")
    cold, warm = statistics.median(colds), statistics.median(warms)
    print(f"audio narration of the seed: {audio:.1f} s of audio")
    print(f"  cold cache: {cold:.2f} s wall, {audio / cold:.1f}x real time (goal >= 20x), runs {colds}")
    print(f"  warm cache: {warm:.2f} s wall, {audio / warm:.1f}x real time (goal < 2 s), runs {warms}")
    print(f"  peak memory of one run: {peak:.0f} MiB (goal < 800 MB)")
    print(f"  cores: {os.cpu_count()}, load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
