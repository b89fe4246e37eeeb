"""The store's records of who may sign in: accounts, their units, sessions, failed sign-ins and the audit log.

A mixin of :class:`~assistant.store.Store` (its own schema step, so it merges beside other schema steps). Plain
SQL only; what the records mean (hashing, expiry, lock-out, who may do what) lives in :mod:`assistant.accounts`.
Times of sessions and failures are epoch seconds (compared, never shown); the audit log keeps local time text.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass

CLERK = "起草人"
REVIEWER = "审核人"
ADMIN = "管理员"
ROLES = (CLERK, REVIEWER, ADMIN)

# The schema step for accounts. Roles are the Chinese names the pages show; a session is stored by the hash of
# its token, so a copy of the database file signs nobody in.
ACCOUNTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('起草人', '审核人', '管理员')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS user_units (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, unit_id)
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_by_name ON login_failures (name, at);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    unit_id INTEGER,
    year INTEGER,
    detail TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class UserRecord:
    """An account as stored: name, role, password hash, whether it may sign in, and the units it is bound to."""

    id: int
    name: str
    role: str
    password_hash: str
    active: bool
    unit_ids: frozenset[int]


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log: when, who, what kind of change, on which unit-year, and what."""

    at: str
    actor: str
    action: str
    unit_id: int | None
    year: int | None
    detail: str


class AccountRecords:
    """Account, session and audit SQL; :class:`~assistant.store.Store` supplies the connections."""

    def _conn(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    # -- accounts ---------------------------------------------------------------------------------
    def insert_user(self, name: str, role: str, password_hash: str, unit_ids: frozenset[int], at: str) -> int:
        """Create an account with its units; its id. A taken name raises :class:`sqlite3.IntegrityError`."""
        with self._tx() as con:
            cur = con.execute(
                "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (name, role, password_hash, at),
            )
            user_id = int(cur.lastrowid or 0)
            con.executemany("INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)", [(user_id, u) for u in unit_ids])
        return user_id

    def update_user(
        self, user_id: int, *, role: str, active: bool, unit_ids: frozenset[int], password_hash: str | None
    ) -> None:
        """Replace an account's role, state and units (and its password when a new hash is given)."""
        with self._tx() as con:
            con.execute("UPDATE users SET role = ?, active = ? WHERE id = ?", (role, int(active), user_id))
            if password_hash is not None:
                con.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))
            con.execute("DELETE FROM user_units WHERE user_id = ?", (user_id,))
            con.executemany("INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)", [(user_id, u) for u in unit_ids])
            if not active:  # a disabled account is signed out everywhere at once
                con.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))

    def user_records(self) -> list[UserRecord]:
        """Every account, in the order they were created."""
        with self._conn() as con:
            rows = con.execute("SELECT id, name, role, password_hash, active FROM users ORDER BY id").fetchall()
            links = con.execute("SELECT user_id, unit_id FROM user_units").fetchall()
        units: dict[int, set[int]] = {}
        for user_id, unit_id in links:
            units.setdefault(int(user_id), set()).add(int(unit_id))
        return [
            UserRecord(int(i), str(n), str(r), str(h), bool(a), frozenset(units.get(int(i), ())))
            for i, n, r, h, a in rows
        ]

    def user_record(self, *, name: str | None = None, user_id: int | None = None) -> UserRecord | None:
        """One account by name or id; None when there is none."""
        return next((u for u in self.user_records() if u.name == name or u.id == user_id), None)

    # -- sessions ---------------------------------------------------------------------------------
    def insert_session(self, token_hash: str, user_id: int, expires_at: float) -> None:
        """Record a signed-in session."""
        with self._tx() as con:
            con.execute(
                "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                (token_hash, user_id, expires_at),
            )

    def session_record(self, token_hash: str) -> tuple[int, float] | None:
        """(user id, expires at) of a session; None when there is none."""
        with self._conn() as con:
            row = con.execute("SELECT user_id, expires_at FROM sessions WHERE token_hash = ?", (token_hash,)).fetchone()
        return (int(row[0]), float(row[1])) if row else None

    def extend_session(self, token_hash: str, expires_at: float) -> None:
        """Move a session's expiry (each request of an active session pushes it on)."""
        with self._tx() as con:
            con.execute("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", (expires_at, token_hash))

    def delete_session(self, token_hash: str, *, expired_before: float | None = None) -> None:
        """End a session; with ``expired_before``, also clear every session that expired before then."""
        with self._tx() as con:
            con.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))
            if expired_before is not None:
                con.execute("DELETE FROM sessions WHERE expires_at < ?", (expired_before,))

    # -- failed sign-ins --------------------------------------------------------------------------
    def add_login_failure(self, name: str, at: float) -> None:
        """Record a failed sign-in under the name typed (known or not)."""
        with self._tx() as con:
            con.execute("INSERT INTO login_failures (name, at) VALUES (?, ?)", (name, at))

    def login_failures(self, name: str, since: float) -> list[float]:
        """Times of the failed sign-ins under a name since a moment, oldest first."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT at FROM login_failures WHERE name = ? AND at >= ? ORDER BY at", (name, since)
            ).fetchall()
        return [float(r[0]) for r in rows]

    def clear_login_failures(self, name: str) -> None:
        """Forget a name's failed sign-ins (after a good one)."""
        with self._tx() as con:
            con.execute("DELETE FROM login_failures WHERE name = ?", (name,))

    # -- audit log --------------------------------------------------------------------------------
    def add_audit(self, entry: AuditEntry) -> None:
        """Append one line to the audit log."""
        with self._tx() as con:
            con.execute(
                "INSERT INTO audit (at, actor, action, unit_id, year, detail) VALUES (?, ?, ?, ?, ?, ?)",
                (entry.at, entry.actor, entry.action, entry.unit_id, entry.year, entry.detail),
            )

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        """The latest lines of the audit log, newest first."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT at, actor, action, unit_id, year, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [AuditEntry(str(a), str(b), str(c), d, e, str(f)) for a, b, c, d, e, f in rows]
