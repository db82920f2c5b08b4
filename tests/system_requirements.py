"""The system packages that PyPI cannot give: check them, install the missing ones as root, else say how.

`make all` runs it for what the converter itself loads (Pango for WeasyPrint, fonts), `make test` (and .ci/run)
for that and what the tests run (a browser, Java, LibreOffice, npm), before anything else, with the system's
python3 and only the standard library. Tests that need one of these programs call `require(name)`, which fails the
test with the same install line when it is missing: a green run means everything was checked, nothing skipped.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass


def _on_path(command: str) -> Callable[[], bool]:
    return lambda: shutil.which(command) is not None


def _java_17() -> bool:
    if shutil.which("java") is None:
        return False
    done = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)', done.stderr + done.stdout)
    return found is not None and int(found[1]) >= 17


NOTO_ARABIC = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"


def _font(path: str) -> Callable[[], bool]:
    return lambda: os.path.isfile(path)


def _library(name: str) -> Callable[[], bool]:
    return lambda: ctypes.util.find_library(name) is not None


@dataclass(frozen=True)
class Requirement:
    """One system program the tests use, the Debian package that provides it, and why it is needed."""

    name: str
    """What tests ask for in require()."""
    packages: tuple[str, ...]
    """The Debian packages that install it."""
    purpose: str
    """Why the tests need it: which independent check runs on it."""
    present: Callable[[], bool]
    """True when it is installed and usable."""
    target: str = "test"
    """The make target that needs it: "all" (the converter itself, so tests too) or "test"."""


REQUIREMENTS = (
    Requirement(
        "pango",
        ("libpango-1.0-0", "libpangoft2-1.0-0"),
        "WeasyPrint lays out PDFs with it",
        _library("pango-1.0"),
        "all",
    ),
    Requirement(
        "harfbuzz-subset",
        ("libharfbuzz-subset0",),
        "WeasyPrint subsets embedded fonts with it (its fontTools fallback is slower and deprecated)",
        _library("harfbuzz-subset"),
        "all",
    ),
    Requirement("noto-fonts", ("fonts-noto-core",), "Arabic and Hebrew glyphs in PDFs", _font(NOTO_ARABIC), "all"),
    Requirement("chromium", ("chromium",), "axe-core and Ace check pages in it", _on_path("chromium")),
    Requirement("chromedriver", ("chromium-driver",), "drives Chromium for axe-core", _on_path("chromedriver")),
    Requirement("java", ("default-jre-headless",), "EPUBCheck runs on Java 17 or newer", _java_17),
    Requirement("soffice", ("libreoffice-writer-nogui",), "LibreOffice opens every .docx", _on_path("soffice")),
    Requirement("npm", ("npm",), "installs axe-core and Ace for the browser checks", _on_path("npm")),
)
"""Everything outside PyPI that `make all` and `make test` need beyond Python, git and make."""


def missing(target: str = "test") -> list[Requirement]:
    """The requirements of a make target ("all" or "test") that are not installed."""
    wanted = {"all"} if target == "all" else {"all", "test"}
    return [r for r in REQUIREMENTS if r.target in wanted and not r.present()]


def _packages(absent: list[Requirement]) -> list[str]:
    return list(dict.fromkeys(package for requirement in absent for package in requirement.packages))


def install_line(absent: list[Requirement]) -> str:
    """The one command that installs what is absent."""
    return f"sudo apt-get install -y --no-install-recommends {' '.join(_packages(absent))}"


def message(absent: list[Requirement]) -> str:
    """What to tell a user who lacks some requirements: what each is for, and the install line."""
    needs = "; ".join(f"{r.name} ({r.purpose})" for r in absent)
    return (
        f"the tests need system packages that are not installed: {needs}. Install them with:\n  {install_line(absent)}"
    )


def require(name: str) -> str:
    """Inside a test: the path of a required program, or fail the test with the install line."""
    (requirement,) = (r for r in REQUIREMENTS if r.name == name)
    if not requirement.present():
        import pytest

        pytest.fail(message([requirement]), pytrace=False)
    return shutil.which(name) or name


def install(absent: list[Requirement]) -> None:
    """Install what is absent with apt-get: one update, one install."""
    packages = _packages(absent)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"installing with apt-get: {' '.join(packages)}", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=environment)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env=environment,
        stdout=subprocess.DEVNULL,
    )


def main(argv: list[str] | None = None) -> int:
    """Check the requirements; as root install the missing ones, otherwise stop with the install line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--for", dest="target", choices=["all", "test"], default="test", help="the make target")
    parser.add_argument("--check", action="store_true", help="only check; never install")
    args = parser.parse_args(argv)
    absent = missing(args.target)
    if not absent:
        return 0
    can_install = not args.check and os.geteuid() == 0 and shutil.which("apt-get") is not None
    if not can_install:
        print(f"make {args.target} needs {message(absent)}", file=sys.stderr)
        return 1
    try:
        install(absent)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"make {args.target}: apt-get failed ({error}); install by hand: {install_line(absent)}", file=sys.stderr)
        return 1
    still = missing(args.target)
    if still:
        print(f"make {args.target}: installed, but still missing: {', '.join(r.name for r in still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
