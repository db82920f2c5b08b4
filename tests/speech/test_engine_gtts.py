"""The online gtts engine with only its network layer simulated: success, and no connection."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import lameenc
import numpy as np
import pytest
import requests

from convert.errors import ConvertError, ConvertWarning
from convert.model import Document, Meta, Paragraph, Text
from convert.options import Options
from convert.speech.narration import narrate


def _mp3_of_tone(seconds: float, rate: int = 24000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * np.pi * 220 * t) * 12000).astype(np.int16)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    return bytes(encoder.encode(samples.tobytes()) + encoder.flush())


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def test_gtts_success_through_the_simulated_service(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    audio = base64.b64encode(_mp3_of_tone(1.0)).decode()

    def send(self: requests.Session, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        sent.append(requests.utils.unquote(request.body))
        response = requests.Response()
        response.status_code = 200
        response.url = request.url
        response.request = request
        body = ')]}\'\n\n[["wrb.fr","jQ1olc","[\\"' + audio + '\\"]",null,null,null,"generic"]]'
        response.raw = io.BytesIO(body.encode())  # the bytes as they would come off the socket
        return response

    monkeypatch.setattr(requests.Session, "send", send)
    doc = Document(Meta(title="Hello", lang="fr"), (Paragraph((Text("Bonjour à tous. Merci."),)),))
    with pytest.warns(ConvertWarning, match="word timing is not available"):
        narration = narrate(doc, Options(engine="gtts", overlay_granularity="word"))
    assert narration.sample_rate == 24000 and narration.synthesised == 3
    assert not narration.word_timing and all(cue.words == () for cue in narration.cues)
    assert len(sent) == 3 and '\\"fr\\"' in sent[0] and "Hello" in sent[0]
    # every cue holds about a second of decoded speech from the service
    for cue in narration.cues:
        assert 0.9 < cue.end_seconds - cue.start_seconds < 1.3
        assert np.abs(narration.read(cue.start, cue.end)).max() > 1000


def test_gtts_without_a_connection_names_the_offline_engine(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def send(self: requests.Session, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        raise requests.exceptions.ConnectionError("Name or service not known")

    monkeypatch.setattr(requests.Session, "send", send)
    doc = Document(Meta(title="Hello"), (Paragraph((Text("Hi."),)),))
    with pytest.raises(ConvertError) as caught:
        narrate(doc, Options(engine="gtts")).finish()
    message = str(caught.value)
    assert "internet connection" in message and "--engine piper" in message
    assert caught.value.exit_code == 1
