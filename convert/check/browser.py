"""Headless Chromium driven over the DevTools protocol on a pipe, and axe-core run inside it on pages.

No WebDriver and no websocket: Chromium's --remote-debugging-pipe speaks the DevTools protocol on file
descriptors 3 (commands in) and 4 (replies and events out), one JSON message per NUL-terminated chunk.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from convert.check.processes import end_group

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--allow-file-access-from-files",
)
"""Offline, headless, and usable as root (as in CI)."""
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
PAGE_TIMEOUT = 120.0
_TRAMPOLINE = (
    "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); os.execv(sys.argv[3], sys.argv[3:])"
)


class BrowserError(RuntimeError):
    """Chromium did not start, crashed, or did not answer in time."""


def find_chromium() -> str | None:
    """The Chromium (or Chrome) to run: $ACCESSCONVERT_CHROMIUM, else the first of the usual names on PATH."""
    chosen = os.environ.get("ACCESSCONVERT_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def chromium_version(binary: str) -> str:
    """The browser's version line, for example "Chromium 156.0.8078.108"."""
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60, check=False)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "unknown"


def _high_pipe() -> tuple[int, int]:
    """A pipe whose ends are numbered 10 or more, so moving them to 3 and 4 in the child cannot clash."""
    import fcntl

    ends = []
    for end in os.pipe():
        ends.append(fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(end)
    return ends[0], ends[1]


class Browser:
    """One headless Chromium process; pages are opened, evaluated and closed one after another."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="accessconvert-chromium-")
        commands_read, self._commands = _high_pipe()
        self._replies, replies_write = _high_pipe()
        # The child's fd 3 reads our commands and fd 4 writes its replies. A small Python trampoline moves the
        # pipe ends there, which avoids a preexec_fn (unsafe while other threads run, as the Ace workers do).
        command = [binary, *CHROMIUM_FLAGS, "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank"]
        self.process = subprocess.Popen(
            [sys.executable, "-c", _TRAMPOLINE, str(commands_read), str(replies_write), *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(commands_read, replies_write),
            start_new_session=True,  # its renderers and helpers are ended with it in close()
        )
        os.close(commands_read)
        os.close(replies_write)
        self._reader = os.fdopen(self._replies, "rb", buffering=0)
        self._buffer = b""
        self._next_id = 0
        self._lock = threading.Lock()

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        with contextlib.suppress(OSError):
            self.send("Browser.close")
        with contextlib.suppress(OSError):
            os.close(self._commands)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        end_group(self.process.pid)
        self._reader.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _message(self, timeout: float) -> dict:
        import select

        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._reader], [], [], timeout)
            if not ready:
                raise BrowserError(f"Chromium did not answer within {timeout:.0f} s")
            chunk = self._reader.read(1 << 16)
            if not chunk:
                raise BrowserError("Chromium stopped unexpectedly")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        """Send one command; returns its id."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        return self._next_id

    def call(self, method: str, params: dict | None = None, session: str | None = None, *, wait_for: str = "",
             timeout: float = PAGE_TIMEOUT) -> dict:  # fmt: skip
        """Send a command and return its result; with wait_for, also wait for that event of the session."""
        number = self.send(method, params, session)
        result: dict | None = None
        seen_event = not wait_for
        while result is None or not seen_event:
            message = self._message(timeout)
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message', message['error'])}")
                result = message.get("result", {})
            elif wait_for and message.get("method") == wait_for and message.get("sessionId") == session:
                seen_event = True
        return result

    def evaluate_on(self, url: str, script: str, timeout: float = PAGE_TIMEOUT) -> object:
        """Load url in a new tab, wait for it to load, evaluate script (awaiting a promise) and close the tab."""
        with self._lock:
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            try:
                self.call("Page.enable", session=session)
                self.call("Page.navigate", {"url": url}, session, wait_for="Page.loadEventFired", timeout=timeout)
                reply = self.call(
                    "Runtime.evaluate",
                    {"expression": script, "awaitPromise": True, "returnByValue": True},
                    session,
                    timeout=timeout,
                )
            finally:
                self.call("Target.closeTarget", {"targetId": target})
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise BrowserError(str(details.get("exception", {}).get("description") or details.get("text")))
        return reply["result"].get("value")


@contextlib.contextmanager
def browser(binary: str) -> Iterator[Browser]:
    """A running headless Chromium, stopped at the end."""
    running = Browser(binary)
    try:
        yield running
    finally:
        running.close()


def axe_script(axe_source: str, tags: tuple[str, ...] = WCAG_TAGS) -> str:
    """The script that runs axe-core on the loaded page and returns its results as JSON-able data."""
    options = json.dumps({"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]})
    return (
        f"{axe_source}\n;(async () => {{ const r = await axe.run(document, {options});"
        " return {violations: r.violations, engine: r.testEngine, incomplete: r.incomplete.length}; })()"
    )


def axe_results(running: Browser, page: Path, axe_source: str) -> dict:
    """axe-core's results on a local page: {"violations": [...], "engine": {...}}."""
    return running.evaluate_on(page.resolve().as_uri(), axe_script(axe_source))  # type: ignore[return-value]
