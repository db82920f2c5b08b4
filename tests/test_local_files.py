"""The local-only policy: the one decision on which file a reference may be read from."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.local_files import Refused, local_file, reason
from tests.adversarial.hostile import png

PNG = png()


def test_local_files_only_under_the_folder(tmp_path: Path) -> None:
    (tmp_path / "in.png").write_bytes(PNG)
    assert local_file("in.png", tmp_path) == (tmp_path / "in.png").resolve()
    assert local_file("file:in.png", tmp_path) == (tmp_path / "in.png").resolve()
    assert local_file((tmp_path / "in.png").as_uri(), tmp_path) == (tmp_path / "in.png").resolve()
    for src, why in [
        ("../x.png", "outside"),
        ("/etc/passwd", "outside"),
        ("file:///etc/passwd", "outside"),
        ("http://x/y.png", "never the network"),
        ("//host/y.png", "never the network"),
        ("file://host/y.png", "never the network"),
        ("nope.png", "not found"),
        ("a%00b.png", "NUL"),
        ("http://[::1", "well-formed"),
    ]:
        with pytest.raises(Refused, match=why):
            local_file(src, tmp_path)
    with pytest.raises(Refused, match="no source folder"):
        local_file("in.png", None)


def test_a_link_out_of_the_folder_is_followed_and_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(PNG)
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    with pytest.raises(Refused, match="outside"):
        local_file("link.png", folder)
    (folder / "loop").symlink_to(folder / "loop")
    with pytest.raises(Refused, match="cannot be followed"):
        local_file("loop", folder)


def test_roots_allow_absolute_file_urls_under_any_of_them(tmp_path: Path) -> None:
    fonts, styles = tmp_path / "fonts", tmp_path / "styles"
    for folder in (fonts, styles):
        folder.mkdir()
        (folder / "f").write_bytes(b"x")
    assert local_file((fonts / "f").as_uri(), None, [fonts, styles]) == (fonts / "f").resolve()
    assert local_file(f"file://localhost{styles / 'f'}", None, [fonts, styles]) == (styles / "f").resolve()
    with pytest.raises(Refused, match="outside"):
        local_file((tmp_path / "other").as_uri(), None, [fonts])
    # Without a base a relative name is never read against the working folder.
    with pytest.raises(Refused, match="no source folder"):
        local_file("f", None, [fonts])
    with pytest.raises(Refused, match="no source folder"):
        local_file((fonts / "f").as_uri(), None, [])


def test_reason_names_the_error() -> None:
    assert reason(FileNotFoundError(2, "No such file or directory")) == "No such file or directory"
    assert reason(ValueError("bad")) == "bad"
    assert reason(RuntimeError()) == "RuntimeError"
