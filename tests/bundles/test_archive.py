"""The bundle's zip: safe names, the entries in order, fixed times and permissions, what is stored."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from convert.bundles import SUMS, Bundle, safe_name
from convert.bundles.archive import checksums, in_folder, write
from convert.errors import UsageError
from tests.bundles.zips import read


def test_zip_lists_the_expected_files(short: Bundle) -> None:
    with zipfile.ZipFile(short.path) as archive:
        names = archive.namelist()
    assert short.path.name == "river-note.zip"
    assert names == list(short.names)
    # The validators are installed for the tests, so the bundle has its conformance report.
    expected = {f"river-note/{name}" for name in ("index.html", "CREDITS.txt", SUMS, "conformance.html")}
    expected |= {f"river-note/river-note{suffix}" for suffix in (".html", ".docx", ".mp3", ".vtt")}
    assert expected <= set(names)
    assert names[0] == "river-note/index.html" and names[-1] == f"river-note/{SUMS}"
    assert {n for n in names if "/licences/" not in n} == expected
    assert any(n.startswith("river-note/licences/") and "Open Font License" in read(short.path, n) for n in names)


def test_entries_have_fixed_timestamps_and_permissions(short: Bundle) -> None:
    with zipfile.ZipFile(short.path) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(2024, 10, 17, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o644}
    stored = {info.filename for info in infos if info.compress_type == zipfile.ZIP_STORED}
    assert stored == {"river-note/river-note.docx", "river-note/river-note.mp3"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("river note", "river-note"), ("CON", "CON-file"), ("aux.child", "aux.child-file"), ("Été: a/b*?", "Ete-a-b"),
     ("trailing. ", "trailing"), ("…", "document"), ("x" * 300, "x" * 120)],
)  # fmt: skip
def test_safe_names(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_in_folder_prefixes_every_entry_and_adds_the_checksums() -> None:
    entries = in_folder("doc", [("index.html", b"<p>hi</p>"), ("a.mp3", b"ID3")])
    assert [name for name, _ in entries] == ["doc/index.html", "doc/a.mp3", f"doc/{SUMS}"]
    sums = entries[-1][1].decode()
    assert sums == checksums([("index.html", b"<p>hi</p>"), ("a.mp3", b"ID3")])
    assert f"{hashlib.sha256(b'ID3').hexdigest()}  a.mp3\n" in sums


def test_names_that_differ_only_in_case_are_refused() -> None:
    with pytest.raises(UsageError, match="ignore case"):
        in_folder("doc", [("Doc.html", b"1"), ("doc.HTML", b"2")])


def test_written_zip_stores_what_is_compressed_and_deflates_the_rest(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    write(target, [("d/a.html", b"x" * 1000), ("d/b.pdf", b"%PDF" * 250)])
    with zipfile.ZipFile(target) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
    assert kinds == {"d/a.html": zipfile.ZIP_DEFLATED, "d/b.pdf": zipfile.ZIP_STORED}
    assert [p.name for p in tmp_path.iterdir()] == ["out.zip"]
