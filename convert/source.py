"""Loading source files: decoding, refusing what is not text, and cleaning what XML cannot hold."""

from __future__ import annotations

import re
from pathlib import Path

from convert.errors import InputError

# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF)
# and C1 controls, which are never intended text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Raw bytes that text files do not contain; binary files are full of them.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def clean_text(text: str) -> str:
    """Normalise line ends to \\n, drop a BOM, and remove characters XML cannot hold."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


def decode(data: bytes, path: Path | None = None) -> str:
    """Decode a source file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"not readable as UTF-16 text: {error.reason}", path=path) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("not a text file: it contains NUL bytes", path=path, line=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    if len(_BINARY_BYTES.findall(data)) > max(2, len(data) // 1000):
        raise InputError("not a text file: it contains binary control bytes", path=path)
    # Not UTF-8: accept a legacy encoding only when a detector is confident it is readable text.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in {"utf_8", "ascii"} or best.chaos > 0.1:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 text (byte {utf8_error.start}) nor any other readable encoding", path=path, line=line
        )
    return str(best)


def load_bytes(path: Path) -> bytes:
    """A source file's bytes; a missing, empty or directory path, or one that cannot be read, is an InputError."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a directory, not a document", path=path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}", path=path) from None
    if not data:
        raise InputError("is empty: there is nothing to convert", path=path)
    return data


def load(path: Path) -> str:
    """Read a source file as clean text; a missing, empty, binary or directory path is an InputError."""
    path = Path(path)
    text = clean_text(decode(load_bytes(path), path))
    if not text.strip():
        raise InputError("is empty: there is nothing to convert", path=path)
    return text
