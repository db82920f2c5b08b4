"""The exception tree: exit codes, messages naming the file and line, values shown safely."""

from __future__ import annotations

import pytest

from convert.errors import (
    ConvertError,
    InputError,
    MissingDependency,
    ModelError,
    OutputError,
    UsageError,
    printable,
    shown,
)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ConvertError("x"), 1),
        (InputError("x"), 2),
        (UsageError("x"), 2),
        (ModelError("x"), 2),
        (MissingDependency("x"), 3),
    ],
)
def test_exit_codes(error: ConvertError, code: int) -> None:
    assert error.exit_code == code


def test_the_message_names_the_file_and_the_line() -> None:
    assert str(InputError("is empty", path="a.txt")) == "a.txt: is empty"
    assert str(InputError("bad tag", path="a.md", line=3)) == "a.md:3: bad tag"
    assert str(UsageError("unknown format")) == "unknown format"


def test_an_output_error_is_an_os_error_with_the_systems_reason() -> None:
    error = OutputError("cannot write out/a.pdf: No space left on device", reason="No space left on device")
    assert isinstance(error, OSError) and error.reason == "No space left on device"
    assert OutputError("cannot write x").reason == "cannot write x"


def test_values_from_outside_are_shown_on_one_line() -> None:
    assert shown("a\nb") == "'a\\nb'"
    long = shown("x" * 100, 10)
    assert long.startswith("'xxxxxxxxxx'…") and "100 characters" in long
    assert printable("report.txt") == "report.txt"
    assert printable("bad\u202ename.txt") == shown("bad\u202ename.txt", 200)
    assert printable(" padded ") == "' padded '"
