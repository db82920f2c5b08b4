"""One exception tree for the converter; every message says what went wrong and where."""

from __future__ import annotations

from pathlib import Path


class ConvertError(Exception):
    """Base of every error the converter reports; exit code 1 unless a subclass says otherwise."""

    exit_code = 1

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(ConvertError):
    """The input cannot be read: missing, not text, empty, or of an unknown kind (exit code 2)."""

    exit_code = 2


class UsageError(ConvertError):
    """The command or API was called wrongly, for example with an unknown format (exit code 2)."""

    exit_code = 2


class OutputError(ConvertError, OSError):
    """An output cannot be written: no space left, no permission, a folder in the way (exit code 1).

    Also an OSError, so code that treats a failed write as a failed write (a cache) still does.
    """

    def __init__(self, message: str, *, reason: str = "", path: Path | str | None = None) -> None:
        super().__init__(message, path=path)
        self.reason = reason or message
        """Why, in the system's words ("No space left on device"), without the file's name."""


class ModelError(InputError):
    """A document model node was built with an invalid value."""


class MissingDependency(ConvertError):
    """A format's engine, voice or library is not installed (exit code 3)."""

    exit_code = 3


class ConvertWarning(UserWarning):
    """A problem that did not stop the conversion (a refused resource, an image without alt text)."""


def shown(value: str, limit: int = 80) -> str:
    """value quoted for a one-line message: control and invisible characters escaped, a long value shortened."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value):,} characters)"


def printable(value: str, limit: int = 200) -> str:
    """value as it is when it prints safely on one line, else shown(value): a name from outside, for a message."""
    return value if len(value) <= limit and value.isprintable() and value == value.strip() else shown(value, limit)
