"""Reproducible outputs: SOURCE_DATE_EPOCH decides every date; zips with fixed order and timestamps."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest

from convert.reproducible import ZIP_EPOCH, build_time, is_reproducible, normalised_zip, write_zip, zip_date_time


def test_build_time_is_the_epoch_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC) and is_reproducible()
    assert zip_date_time() == (2023, 11, 14, 22, 13, 20)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert zip_date_time() == ZIP_EPOCH.timetuple()[:6], "a zip cannot hold a date before 1980"


def test_without_the_epoch_the_clock_and_a_fixed_zip_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert not is_reproducible()
    assert build_time().microsecond == 0 and abs((datetime.now(UTC) - build_time()).total_seconds()) < 60
    assert zip_date_time() == ZIP_EPOCH.timetuple()[:6]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert abs((datetime.now(UTC) - build_time()).total_seconds()) < 60


def test_normalised_zip_orders_and_stores_as_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    messy = io.BytesIO()
    with zipfile.ZipFile(messy, "w") as archive:
        for name in ("b.txt", "mimetype", "a.txt"):
            archive.writestr(name, name * 10)
    data = normalised_zip(messy.getvalue(), first=["mimetype"], stored=["mimetype"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["mimetype", "a.txt", "b.txt"]
    assert infos[0].compress_type == zipfile.ZIP_STORED and infos[1].compress_type == zipfile.ZIP_DEFLATED
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert normalised_zip(data, first=["mimetype"], stored=["mimetype"]) == data


def test_write_zip_gives_the_same_bytes_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for _ in range(2):
        out = io.BytesIO()
        write_zip(out, [("x", b"1"), ("y", b"2")])
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
