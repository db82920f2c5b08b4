"""The gtts engine: Google's online text-to-speech through gTTS, used only when the user asks for it."""

from __future__ import annotations

import io

import numpy as np

from convert.errors import ConvertError, MissingDependency
from convert.options import Options
from convert.speech.engines import Engine, Speech

SAMPLE_RATE = 24000
"""gTTS returns 24 kHz mono MP3; it is decoded to PCM at this rate."""
SLOW_BELOW = 0.8
"""gTTS has two speeds: rates below this use its slow one."""


def engine(options: Options, lang: str, rate: float) -> Engine:
    """The "gtts" engine of convert.speech.engines.ENGINES, in the document's language."""
    return gtts_engine(lang, rate)


def gtts_engine(lang: str, rate: float) -> Engine:
    """An Engine speaking through Google's service in the document's language; never used without being asked."""
    try:
        import gtts  # noqa: F401
    except ImportError:
        raise MissingDependency("the gtts engine needs gTTS, which is not installed; run: pip install gTTS") from None
    primary = (lang or "en").split("-")[0].lower()
    slow = rate < SLOW_BELOW

    def synthesize(text: str) -> Speech:
        # Google's service says nothing about when each word is spoken.
        return Speech(decode_mp3(fetch(text, primary, slow), SAMPLE_RATE))

    return Engine("gtts", f"gtts/1/{primary}/slow={slow}", SAMPLE_RATE, synthesize, workers=1)


def fetch(text: str, lang: str, slow: bool) -> bytes:
    """The MP3 audio of text from Google's service; a clear ConvertError naming the offline engine when it fails."""
    from gtts import gTTS, gTTSError

    buffer = io.BytesIO()
    try:
        gTTS(text, lang=lang, slow=slow, lang_check=False, timeout=30).write_to_fp(buffer)
    except gTTSError as error:
        raise ConvertError(
            f"the gtts engine could not get speech from Google's online service ({error}). "
            "It needs an internet connection; for narration without one, use the offline engine: --engine piper"
        ) from None
    if not buffer.getvalue():
        raise ConvertError("the gtts engine received no audio from Google's online service; try --engine piper")
    return buffer.getvalue()


def decode_mp3(data: bytes, sample_rate: int) -> np.ndarray:
    """MP3 bytes as mono int16 samples at sample_rate, decoded by miniaudio (its own MP3 decoder, from PyPI)."""
    import miniaudio

    try:
        sound = miniaudio.decode(
            data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=sample_rate
        )
    except miniaudio.DecodeError as error:
        raise ConvertError(f"cannot decode the MP3 audio from the gtts engine: {error}") from None
    return np.asarray(sound.samples, dtype=np.int16)
