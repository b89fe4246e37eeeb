"""Start ``streamlit run app.py`` on a free port with its own database, for the browser tests and the benchmark.

The server gets the tests' isolated environment (tests/envkit.py): offline, and no database but its own,
whatever the shell has set.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from envkit import isolated_environ

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AppServer:
    """One streamlit server process; ``start()`` returns once its health endpoint answers."""

    def __init__(
        self, db: Path, port: int | None = None, log: Path | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.db = db
        self.env = env or {}  # product settings for this server (e.g. NIANBAO_ACCOUNTS=1)
        self.port = port or free_port()
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self._out: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> float:
        """Start the server; returns the seconds until it answered its health check."""
        env = isolated_environ(os.environ, self.db.parent / "env")
        env["NIANBAO_DB"] = str(self.db)
        env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
        env.update(self.env)
        self._out = self.log.open("ab") if self.log else None
        out = self._out if self._out is not None else subprocess.DEVNULL
        started = time.monotonic()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.fileWatcherType",
                "none",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise TimeoutError("streamlit did not answer in time")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if self._out is not None:
            self._out.close()
            self._out = None
