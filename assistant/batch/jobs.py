"""The batch's job store: one SQLite file in OUT holding each unit's state and each model answer.

Every write commits at once, so a run killed at any moment (SIGKILL included) leaves the store as it was after
the last finished write; SQLite's journal keeps that write whole. A rerun reads it to skip finished units and to
answer repeated model requests without asking the model again.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STORE_NAME = ".nianbao-batch.sqlite"
DONE, FAILED, WAITING = "done", "failed", "waiting"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    name TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    row TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    finish TEXT,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass(frozen=True)
class Answer:
    """A model answer as stored: its text, why it ended, and what it cost."""

    text: str
    finish: str | None = "stop"
    prompt_tokens: int = 0
    completion_tokens: int = 0


class JobStore:
    """The job store of one OUT folder; thread-safe (one connection behind a lock), one store per process."""

    def __init__(self, out: Path) -> None:
        self.path = out / STORE_NAME
        # autocommit: each statement is its own transaction, on disk before the call returns
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._lock = threading.Lock()
        with self._lock:
            # WAL: readers in other processes of the batch never wait for a writer; synchronous=NORMAL drops
            # the sync on each commit (20 ms, serialising every answer) yet keeps each commit whole and on
            # disk once the process dies, SIGKILL included (only a power cut could lose the last answers).
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> JobStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def state(self, unit: str) -> str | None:
        """The unit's recorded state (done / failed / waiting), None when it was never run."""
        with self._lock:
            found = self._db.execute("SELECT state FROM units WHERE name = ?", (unit,)).fetchone()
        return None if found is None else str(found[0])

    def row(self, unit: str) -> dict[str, Any]:
        """The unit's summary row as last recorded (empty when none)."""
        with self._lock:
            found = self._db.execute("SELECT row FROM units WHERE name = ?", (unit,)).fetchone()
        return {} if found is None else dict(json.loads(found[0]))

    def record(self, unit: str, state: str, row: dict[str, Any]) -> None:
        """Record a unit's state and summary row (replacing what was there)."""
        data = json.dumps(row, ensure_ascii=False)
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO units (name, state, row) VALUES (?, ?, ?)", (unit, state, data))

    def answer(self, key: str) -> Answer | None:
        """The stored answer to the request with this key, if any."""
        with self._lock:
            found = self._db.execute(
                "SELECT text, finish, prompt_tokens, completion_tokens FROM answers WHERE key = ?", (key,)
            ).fetchone()
        return None if found is None else Answer(str(found[0]), found[1], int(found[2]), int(found[3]))

    def keep(self, key: str, answer: Answer) -> None:
        """Store the answer to the request with this key."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (key, text, finish, prompt_tokens, completion_tokens) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, answer.text, answer.finish, answer.prompt_tokens, answer.completion_tokens),
            )
