"""Hostile inputs made on the spot, and a way to run the command line under resource limits.

Nothing hostile is checked in: each test builds its bomb, and a limit test runs the converter in a
subprocess with a memory, CPU and file-size ceiling, so it proves the limit trips early (the work that
would follow never happens) instead of letting the bomb go off.
"""

from __future__ import annotations

import base64
import io
import resource
import struct
import subprocess
import sys
import zlib
from pathlib import Path

MB = 1024 * 1024


def run(
    *args: object,
    memory: int | None = None,
    cpu: int = 120,
    file_size: int | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """accessconvert ARGS in a subprocess, its address space, CPU seconds and file sizes capped as asked."""

    def limits() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        if file_size is not None:
            # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG, as a full disk fails with ENOSPC.
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run(
        [sys.executable, "-m", "convert", *map(str, args)],
        capture_output=True,
        text=True,
        preexec_fn=limits,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


def png(width: int = 4, height: int = 3, color: str = "navy") -> bytes:
    """A real PNG picture."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG of a few hundred bytes whose header declares width x height pixels (a pixel bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # A few rows of zeros compressed: decoding all the declared rows would take width * height * 3 bytes.
    pixels = zlib.compress(bytes(min(width * 3 + 1, 1 << 16) * 4), 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def data_url(data: bytes, kind: str = "image/png") -> str:
    """data bytes as a base64 data: URL of the given type."""
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """YAML whose last anchor stands for width**levels strings, in a few hundred bytes."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def markdown(front_matter: str, body: str = "Some text.\n") -> str:
    """A Markdown document with the given YAML front matter."""
    return f"---\n{front_matter}---\n\n{body}"
