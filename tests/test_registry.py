"""Readers and writers found through their entry points, by name and by extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.errors import InputError, UsageError
from convert.registry import PREFERRED_ORDER, Reader, reader, reader_for, readers, writer, writers


def test_writers_come_in_the_preferred_order_then_by_name() -> None:
    names = list(writers())
    assert names[: len(PREFERRED_ORDER)] == list(PREFERRED_ORDER)
    assert names[len(PREFERRED_ORDER) :] == sorted(names[len(PREFERRED_ORDER) :])
    assert "read-aloud" in names


def test_every_writer_and_reader_is_what_its_entry_point_names() -> None:
    for name, found in writers().items():
        assert found.name == name and found.extension.startswith(".") and found.description
        assert all(required in writers() for required in found.requires)
    for name, found in readers().items():
        assert found.name == name and all(ext.startswith(".") and ext == ext.lower() for ext in found.extensions)


def test_readers_by_extension_any_case() -> None:
    assert reader_for(Path("a.TXT")).name == "text"
    assert reader_for(Path("notes.markdown")).name == "markdown"
    assert reader_for(Path("page.xhtml")).name == "html"
    assert reader_for(Path("report.docx")).name == "docx"
    with pytest.raises(InputError, match=r"unknown kind of file '\.odt'.*\.docx"):
        reader_for(Path("x.odt"))
    with pytest.raises(InputError, match="no extension"):
        reader_for(Path("README"))


def test_unknown_names_list_the_known_ones() -> None:
    assert writer("pdf").extension == ".pdf" and reader("markdown").name == "markdown"
    with pytest.raises(UsageError, match="known formats: html, pdf"):
        writer("braille")
    with pytest.raises(UsageError, match="known input formats: "):
        reader("odt")


def test_a_reader_needs_a_way_to_read() -> None:
    with pytest.raises(TypeError, match="needs read or read_path"):
        Reader("nothing", (".x",), None, "reads nothing")
    assert reader("docx").read is None and reader("docx").read_path is not None
