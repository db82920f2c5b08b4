"""Loading source files: decoding, refusing what is not text, and cleaning what XML cannot hold."""

from __future__ import annotations

import os
import re
from pathlib import Path

from convert.errors import InputError
from convert.limits import MAX_INPUT_BYTES, size

# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF)
# and C1 controls, which are never intended text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Raw bytes that text files do not contain; binary files are full of them.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def clean_text(text: str) -> str:
    """Normalise line ends to \\n, drop a BOM, and remove characters XML cannot hold."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


# BOMs, longest first: the UTF-32 little-endian BOM begins with the UTF-16 one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A well-formed UTF-8 sequence of two to four bytes: its presence says a file was meant as UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# How much of a file the encoding guesses look at.
_SAMPLE = 1 << 16


def decode(data: bytes, path: Path | None = None) -> str:
    """Decode a source file's bytes: UTF-8, UTF-16 or UTF-32 (with a BOM, or UTF-16/32 told by its zero bytes),
    or a legacy encoding a detector is sure of. Damage and guesses are reported, naming the line."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, path)
    if b"\x00" in data:
        wide = _wide_encoding(data)
        if wide:
            return _strict(data, wide, path)
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("not a text file: it contains NUL bytes", path=path, line=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if len(_BINARY_BYTES.findall(data)) > max(2, len(data) // 1000):
        raise InputError("not a text file: it contains binary control bytes", path=path)
    bad_lines = _invalid_utf8_lines(data)
    if len(_UTF8_MULTIBYTE.findall(data)) >= len(bad_lines):
        # Written as UTF-8, with a few damaged bytes: keep the text, mark the damage, say where it is.
        _warn_lines("is not valid UTF-8; the damaged bytes are shown as \ufffd", bad_lines)
        return data.decode("utf-8", errors="replace")
    # Not UTF-8: accept a legacy encoding only when a detector is confident it is readable text.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is not None:
        # Short texts fit several code pages equally well; Windows-1252, the commonest, wins a tie.
        tied = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
    if best is None or best.encoding in {"utf_8", "ascii"} or best.chaos > 0.1:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 text (byte {utf8_error.start}) nor any other readable encoding", path=path, line=line
        )
    _warn_lines(f"is not UTF-8; it was read as {best.encoding}: check the text", bad_lines)
    return str(best)


def _strict(data: bytes, encoding: str, path: Path | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise InputError(f"not readable as {name} text: {error.reason} (byte {error.start})", path=path) from None


def _wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a BOM, told by where the zero bytes of mostly Latin text fall; else None."""
    sample = data[:_SAMPLE]
    for width, name, filled in ((4, "utf-32", 0.9), (2, "utf-16", 0.3)):
        count = len(sample) // width
        if len(data) % width or count == 0:
            continue
        zeros = [sample[offset : count * width : width].count(0) / count for offset in range(width)]
        for low, order in ((0, "le"), (width - 1, "be")):
            # The byte holding a Latin letter is almost never zero; the others mostly are.
            if zeros[low] < 0.02 and min(z for offset, z in enumerate(zeros) if offset != low) > filled:
                return f"{name}-{order}"
    return None


def _invalid_utf8_lines(data: bytes) -> list[int]:
    """The numbers of the lines holding bytes that are not UTF-8, in order."""
    lines: list[int] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            lines.append(number)
    return lines


def _warn_lines(problem: str, lines: list[int]) -> None:
    import warnings

    from convert.errors import ConvertWarning

    where = f"line {lines[0]}" + (f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else "")
    warnings.warn(f"{where}: the text {problem}", ConvertWarning, stacklevel=3)


def load_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """A source file's bytes; a missing, empty, oversized or directory path, or one unreadable, is an InputError."""
    path = Path(path)
    try:
        if not path.exists():
            raise InputError("no such file", path=path)
        if path.is_dir():
            raise InputError("is a directory, not a document", path=path)
        data = read_limited(path, limit, "source")
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror or error}", path=path) from None
    except ValueError as error:  # a NUL byte in the name
        raise InputError(f"cannot be read: {error}", path=path) from None
    if not data:
        raise InputError("is empty: there is nothing to convert", path=path)
    return data


def load(path: Path) -> str:
    """Read a source file as clean text; a missing, empty, binary, oversized or directory path is an InputError."""
    text = clean_text(decode(load_bytes(path), path))
    if not text.strip():
        raise InputError("is empty: there is nothing to convert", path=path)
    return text


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a file, refused (InputError) when it holds more than limit: never more is read or kept."""
    with open(path, "rb") as handle:
        # A regular file says its size; devices and pipes (/dev/zero) are read up to the limit.
        if os.fstat(handle.fileno()).st_size > limit:
            raise InputError(f"is larger than {size(limit)}, the largest {what} read", path=path)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"is larger than {size(limit)}, the largest {what} read", path=path)
    return data
