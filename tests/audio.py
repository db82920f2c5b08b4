"""Decoding MP3 in the tests with miniaudio (its own decoder, from PyPI), independent of the encoder we use."""

from __future__ import annotations

import miniaudio
import numpy as np


def decode_mp3(data: bytes) -> np.ndarray:
    """16-bit mono samples of an MP3 at its own rate, encoder delay and padding removed as players do."""
    sound = miniaudio.mp3_read_s16(data)
    samples = np.asarray(sound.samples, dtype=np.int16)
    return samples if sound.nchannels == 1 else samples.reshape(-1, sound.nchannels).mean(axis=1).astype(np.int16)
