"""The registry: every writer describes itself and the files it writes, honestly; readers and writers by name."""

from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.errors import InputError, UsageError
from convert.registry import (
    PREFERRED_ORDER,
    WEB_BROWSER,
    FileKind,
    Reader,
    Writer,
    file_kinds,
    reader,
    reader_for,
    readers,
    writer,
    writers,
)


def noop(doc: object, path: Path, options: object) -> None:
    """A writer that writes nothing, for records built in the tests."""


@pytest.mark.parametrize("name", list(writers()))
def test_every_registered_writer_describes_itself_and_its_files(name: str) -> None:
    chosen = writers()[name]
    assert chosen.name == name and chosen.description.strip() and chosen.files
    assert chosen.title == chosen.files[0].title and chosen.extension == chosen.files[0].suffix
    for kind in chosen.files:
        assert kind.suffix.startswith((".", "-")) and kind.title.strip() and kind.good_for.strip()
        assert kind.how_to_open and all(device.strip() and how.strip() for device, how in kind.how_to_open)
    # A file with our fonts or the voice takes their licences along: the bundle's credits read these flags.
    assert any(kind.embeds_fonts for kind in chosen.files) == (name in ("pdf", "docx", "epub", "read-aloud"))
    assert any(kind.spoken for kind in chosen.files) == (name in ("mp3", "read-aloud"))


def test_every_file_has_one_writer_and_follows_a_known_file() -> None:
    suffixes = [kind.suffix for chosen in writers().values() for kind in chosen.files]
    assert len(suffixes) == len(set(suffixes))
    assert all(kind.follows in suffixes for c in writers().values() for kind in c.files if kind.follows)


def test_descriptions_claim_what_the_tests_check() -> None:
    # Nothing here runs Word's accessibility checker; what is checked is named instead (tests/writers/test_docx.py).
    described = {name: chosen.description for name, chosen in writers().items()}
    assert "accessibility checker" not in described["docx"]
    assert all(word in described["docx"] for word in ("headings", "lists", "alt text", "language", "LibreOffice"))
    assert "EPUBCheck" in described["epub"] and "axe-core" in described["html"]


def test_each_writer_writes_exactly_the_files_it_declares(tmp_path: Path, fixed_epoch: int) -> None:
    source = tmp_path / "tiny.txt"
    source.write_text("A tiny note\nRivers carry water to the sea.\n", encoding="utf-8")
    convert.convert(source, ["all"], tmp_path / "out", read_aloud=True)
    written = sorted(p.name for p in (tmp_path / "out" / "tiny").iterdir())
    declared = sorted(f"tiny{kind.suffix}" for chosen in writers().values() for kind in chosen.files)
    assert written == declared


def test_variants_are_listed_right_after_the_file_they_follow() -> None:
    def kind(suffix: str, follows: str = "") -> FileKind:
        return FileKind(suffix, suffix, "for tests", WEB_BROWSER, follows=follows)

    first = Writer("a", noop, "a", (kind(".html"), kind(".css")))
    second = Writer("b", noop, "b", (kind(".pdf"),))
    third = Writer("c", noop, "c", (kind(".big.pdf", follows=".pdf"), kind(".big.html", follows=".html")))
    listed = [k.suffix for k in file_kinds([first, second, third, first])]
    assert listed == [".html", ".big.html", ".css", ".pdf", ".big.pdf"]
    order = [k.suffix for k in file_kinds(writers().values())]
    assert order.index(".read-along.html") == order.index(".html") + 1
    assert order.index(".read-aloud.epub") == order.index(".epub") + 1


def test_a_writer_without_a_description_or_files_is_refused() -> None:
    with pytest.raises(TypeError, match="needs a description"):
        Writer("x", noop, "", (FileKind(".x", "X file", "for tests", WEB_BROWSER),))
    with pytest.raises(TypeError, match="needs a description"):
        Writer("x", noop, "an x file", ())
    with pytest.raises(TypeError, match="how to open it"):
        FileKind(".x", "X file", "for tests", ())


def test_unknown_names_and_extensions_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="known formats: html"):
        writer("braille")
    with pytest.raises(UsageError, match="known input formats"):
        reader("braille")
    with pytest.raises(InputError, match=r"unknown kind of file '\.brf'"):
        reader_for(tmp_path / "book.brf")
    assert reader_for(tmp_path / "a.MD").name == "markdown"


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


def test_a_reader_needs_a_way_to_read() -> None:
    with pytest.raises(TypeError, match="needs read or read_path"):
        Reader("nothing", (".x",), None, "reads nothing")
    assert reader("docx").read is None and reader("docx").read_path is not None
