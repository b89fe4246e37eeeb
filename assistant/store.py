"""Persistence for the app: units, figures, last year's reports, draft versions and review decisions.

One SQLite file (stdlib ``sqlite3``). Every call opens its own short-lived connection: Streamlit runs each
browser session in its own thread, and a connection per call is the simplest way to be safe with two or
more sessions (and two server processes) on one file. WAL mode lets readers go on while one writer
writes; ``busy_timeout`` makes a second writer wait instead of failing.

Reports and figures are stored as the pydantic models' JSON, so what is saved is exactly what the rest of
``assistant`` reads and writes. The schema is versioned with ``PRAGMA user_version``; migrations run once,
in order, inside a transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant import standard as std
from assistant.accountstore import ACCOUNTS_SCHEMA, AccountRecords
from assistant.errors import AssistantError
from assistant.model import Figures, Report, TableRef
from assistant.profile import UnitProfile

SCHEMA_VERSION = 6
BUSY_TIMEOUT_MS = 5000

# A migration is SQL, or a function for what SQL alone cannot do; it runs inside the migration transaction.
Migration = str | Callable[[sqlite3.Connection], None]


def _flag_ids_by_key(con: sqlite3.Connection) -> None:
    """Schema 2: review decisions stored under flag ids ending in a cell's Chinese path end in its keys.

    A whole-table T-BLANK carried no cell before; it now names its table, found from the flag's section.
    """
    refs = [TableRef.of(t.key, r.key, c.key) for t in std.TABLES for r in t.rows for c in r.columns]
    key_of = {ref.path: ref.key for ref in refs}
    table_of_section = {str(t.section): TableRef.of(t.key).key for t in std.TABLES}
    for (old,) in con.execute("SELECT DISTINCT flag_id FROM reviews").fetchall():
        parts = str(old).split("|", 3)
        if len(parts) != 4:
            continue
        code, section, span, path = parts
        new = None
        if path in key_of:
            new = key_of[path]
        elif code == "T-BLANK" and not span and not path and section in table_of_section:
            new = table_of_section[section]
        if new is not None:  # an id it cannot map stays as it is
            con.execute("UPDATE reviews SET flag_id = ? WHERE flag_id = ?", ("|".join((code, section, span, new)), old))


def _figures_versions(con: sqlite3.Connection) -> None:
    """Schema 6: figures carry a version (1 for those saved before), so a save over newer figures is seen.

    Like the other migrations it may meet a file that already has what it adds (CREATE … IF NOT EXISTS).
    """
    columns = {row[1] for row in con.execute("PRAGMA table_info(figures)")}
    if "version" not in columns:
        con.execute("ALTER TABLE figures ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


def _run(con: sqlite3.Connection, migration: Migration) -> None:
    if callable(migration):
        migration(con)
        return
    # Split on ";" (no comment in a migration may hold one): executescript would commit early.
    for statement in migration.split(";"):
        if statement.strip():
            con.execute(statement)


_MIGRATIONS: dict[int, Migration] = {
    1: """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS units (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        full_name TEXT,
        level TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS figures (
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (unit_id, year)
    );
    CREATE TABLE IF NOT EXISTS notes (
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (unit_id, year)
    );
    -- Last year's report as read, kept against the year being drafted (unit, year = report year - 0).
    CREATE TABLE IF NOT EXISTS last_year (
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        filename TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (unit_id, year)
    );
    CREATE TABLE IF NOT EXISTS drafts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (unit_id, year, version)
    );
    -- Reports a reviewer uploaded (key "upload:<sha>"), with the last-year report given beside them.
    CREATE TABLE IF NOT EXISTS uploads (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        json TEXT NOT NULL,
        last_json TEXT,
        created_at TEXT NOT NULL
    );
    -- Append-only: the latest row per (report_key, flag_id) is the decision in force, earlier rows are history.
    CREATE TABLE IF NOT EXISTS reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_key TEXT NOT NULL,
        flag_id TEXT NOT NULL,
        code TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'dismiss', 'open')),
        comment TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS reviews_by_report ON reviews (report_key, flag_id, id);
    """,
    2: _flag_ids_by_key,
    # Schema 3: the unit profile (address, office phone, publication place), entered once per unit.
    3: """
    CREATE TABLE IF NOT EXISTS unit_profiles (
        unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    # Schema 4: accounts, their units, sessions, failed sign-ins and the audit log (assistant/accountstore.py).
    4: ACCOUNTS_SCHEMA,
    # Schema 5: the county's view and the review loop (new tables only).
    5: """
    CREATE TABLE IF NOT EXISTS prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
    -- A clerk's edit of the section a reviewer marked 需修改: it answers that decision (review_id) only.
    CREATE TABLE IF NOT EXISTS revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_key TEXT NOT NULL,
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        flag_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        still_flagged INTEGER NOT NULL,
        revised_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS revisions_by_report ON revisions (report_key, review_id);
    -- A reviewer's 通过 of one draft version (a later version of the draft is not passed by it).
    CREATE TABLE IF NOT EXISTS approvals (
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        version INTEGER NOT NULL,
        reviewer TEXT NOT NULL DEFAULT '',
        approved_at TEXT NOT NULL,
        PRIMARY KEY (unit_id, year)
    )
    """,
    6: _figures_versions,
}


class StoreError(AssistantError):
    """The database file cannot be used: not creatable, or written by a newer program; or a bad value to save."""


_FILE_ELSEWHERE = "或用环境变量 NIANBAO_DB 指定另一个文件。"
_BUSY = "数据库正被另一个程序或同事占用，等了 {wait} 秒仍未释放。请稍后再试；已填写的内容仍在页面上，不会丢失。"
# SQLite's error names (the part before any "_" detail) → what is wrong and what to do, in Chinese.
_FAULTS = {
    "SQLITE_BUSY": _BUSY,
    "SQLITE_LOCKED": _BUSY,
    "SQLITE_READONLY": "数据库文件是只读的，无法保存。请给该文件及其所在文件夹写权限，" + _FILE_ELSEWHERE,
    "SQLITE_CORRUPT": "数据库文件已损坏（可能被截断或改写）。请从备份恢复该文件（损坏的文件请先留存，不要删除），"
    + _FILE_ELSEWHERE,
    "SQLITE_NOTADB": "这个文件不是年报助手的数据库（或已损坏）。请检查 NIANBAO_DB 指向的文件，从备份恢复，"
    + _FILE_ELSEWHERE,
    "SQLITE_FULL": "磁盘已满，数据库无法保存。请清理磁盘空间后再试；已填写的内容仍在页面上，不会丢失。",
}
_CANNOT_OPEN = "无法打开数据库文件。请检查该位置可写，" + _FILE_ELSEWHERE


def store_error(exc: sqlite3.Error | OSError, path: Path, wait_s: float = 0) -> StoreError:
    """A database fault as the user's error: what is wrong with the file and what to do, in Chinese."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    family = "_".join(name.split("_")[:2])  # SQLITE_BUSY_SNAPSHOT → SQLITE_BUSY
    message = _FAULTS.get(family, _CANNOT_OPEN).format(wait=f"{wait_s:g}")
    return StoreError(message, hint_en=f"database fault ({type(exc).__name__}: {exc})", path=str(path))


def now() -> str:
    """Local time to the second, ISO format: what a reviewer reads back as 'when'."""
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


@dataclass(frozen=True)
class Unit:
    """A unit that drafts reports (a township, a street, a department), as stored."""

    id: int
    name: str
    full_name: str | None
    level: str | None


@dataclass(frozen=True)
class DraftVersion:
    """One saved version of a unit-year's draft, with its report."""

    id: int
    unit_id: int
    year: int
    version: int
    kind: str  # 起草 / 修改 …, shown in the version list
    created_at: str
    report: Report


@dataclass(frozen=True)
class UploadKey:
    """A report a reviewer uploaded, by its content hash: the same file twice is the same report."""

    sha: str

    @property
    def text(self) -> str:
        """The stored (and URL) form."""
        return f"upload:{self.sha}"


@dataclass(frozen=True)
class DraftKey:
    """A unit-year's draft: review decisions outlive re-drafting."""

    unit_id: int
    year: int

    @property
    def text(self) -> str:
        """The stored (and URL) form."""
        return f"draft:{self.unit_id}:{self.year}"


ReportKey = UploadKey | DraftKey


def parse_report_key(text: str) -> ReportKey | None:
    """A key back from its stored or URL form (``upload:<sha>``, ``draft:<unit>:<year>``); None if neither."""
    kind, _, rest = text.partition(":")
    if kind == "upload" and rest:
        return UploadKey(rest)
    unit_id, _, year = rest.partition(":")
    if kind == "draft" and unit_id.isdigit() and year.isdigit():
        return DraftKey(int(unit_id), int(year))
    return None


@dataclass(frozen=True)
class Upload:
    """A report a reviewer uploaded, with last year's report when one came along."""

    key: UploadKey
    name: str
    report: Report
    last: Report | None
    created_at: str


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one flag of a stored report, with comment, reviewer and time."""

    flag_id: str
    code: str
    decision: str  # accept (需修改) / dismiss (忽略) / open (reopened)
    comment: str
    reviewer: str
    decided_at: str


@dataclass(frozen=True)
class Revision:
    """A clerk's edit answering a reviewer's 需修改: the draft version it made and whether the flag is still raised."""

    flag_id: str
    version: int
    still_flagged: bool
    revised_at: str


@dataclass(frozen=True)
class Approval:
    """A reviewer's 通过 of one version of a unit-year's draft."""

    version: int
    reviewer: str
    approved_at: str


@dataclass(frozen=True)
class UnitYear:
    """What the store knows of one unit's year at a glance: the raw facts the overview derives a state from."""

    unit: Unit
    figures_at: str | None  # when the figures were last saved; None when never
    draft_version: int | None  # the latest draft version; None when not drafted
    draft_kind: str | None
    draft_at: str | None
    decided_at: str | None  # the latest review decision on the draft, and by whom
    decided_by: str | None


class Store(AccountRecords):
    """All persistence of the app. Cheap to build; the schema is brought up to date once per instance."""

    def __init__(self, path: str | Path, busy_timeout_ms: int | None = None) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error(exc, self.path) from exc
        self._migrate()

    # -- plumbing ---------------------------------------------------------------------------------
    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        """A connection for one call. Every SQLite fault (corrupt, read-only, locked past the wait) leaves as
        a :class:`StoreError` saying in Chinese what is wrong and what to do."""
        wait_s = self.busy_timeout_ms / 1000
        try:
            # A writer waits for another's lock (SQLite's busy handler retries) before giving up.
            con = sqlite3.connect(self.path, timeout=wait_s, isolation_level=None)
            try:
                con.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
                con.execute("PRAGMA foreign_keys = ON")
                yield con
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, wait_s) from exc

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction. BEGIN IMMEDIATE takes the write lock up front, so read-then-write steps
        (the next version number) cannot interleave with another session's."""
        with self._conn() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _migrate(self) -> None:
        with self._conn() as con:
            con.execute("PRAGMA journal_mode = WAL")
        with self._tx() as con:
            current = con.execute("PRAGMA user_version").fetchone()[0]
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"数据库文件由更新版本的年报助手写入（结构版本 {current}，本程序为 {SCHEMA_VERSION}）。"
                    "请升级年报助手，或用环境变量 NIANBAO_DB 指定另一个文件。",
                    hint_en=f"database schema {current} is newer than this program's ({SCHEMA_VERSION})",
                    path=str(self.path),
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                _run(con, _MIGRATIONS[version])
                con.execute(f"PRAGMA user_version = {version}")

    def schema_version(self) -> int:
        """The database's schema version (SQLite user_version), after any migration."""
        with self._conn() as con:
            return int(con.execute("PRAGMA user_version").fetchone()[0])

    def journal_mode(self) -> str:
        """SQLite's journal mode for this database (WAL, so readers never block the writer)."""
        with self._conn() as con:
            return str(con.execute("PRAGMA journal_mode").fetchone()[0])

    # -- meta -------------------------------------------------------------------------------------
    def claim_once(self, key: str) -> bool:
        """True for exactly one caller ever (across sessions and processes): e.g. who seeds the demo."""
        with self._tx() as con:
            cur = con.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, now()))
            return cur.rowcount == 1

    # -- units ------------------------------------------------------------------------------------
    def add_unit(self, name: str, full_name: str | None = None, level: str | None = None) -> Unit:
        """Create a unit, or return the one of that name (two clerks creating it at once get one unit)."""
        name = name.strip()
        if not name:
            raise StoreError("单位名称不能为空。", hint_en="unit name is empty")
        with self._tx() as con:
            con.execute(
                "INSERT OR IGNORE INTO units (name, full_name, level, created_at) VALUES (?, ?, ?, ?)",
                (name, full_name or None, level or None, now()),
            )
            row = con.execute("SELECT id, name, full_name, level FROM units WHERE name = ?", (name,)).fetchone()
        return Unit(*row)

    def units(self) -> list[Unit]:
        """Every unit, in the order they were created."""
        with self._conn() as con:
            rows = con.execute("SELECT id, name, full_name, level FROM units ORDER BY id").fetchall()
        return [Unit(*r) for r in rows]

    def unit(self, unit_id: int) -> Unit | None:
        """One unit by id; None when there is no such unit."""
        with self._conn() as con:
            row = con.execute("SELECT id, name, full_name, level FROM units WHERE id = ?", (unit_id,)).fetchone()
        return Unit(*row) if row else None

    def years(self, unit_id: int) -> list[int]:
        """Years with anything saved for the unit, newest first."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT year FROM figures WHERE unit_id = ? UNION SELECT year FROM drafts WHERE unit_id = ? "
                "UNION SELECT year FROM last_year WHERE unit_id = ? ORDER BY year DESC",
                (unit_id, unit_id, unit_id),
            ).fetchall()
        return [int(r[0]) for r in rows]

    # -- unit profile -----------------------------------------------------------------------------
    def save_profile(self, unit_id: int, profile: UnitProfile) -> None:
        """Store the unit's profile, replacing what was there."""
        with self._tx() as con:
            con.execute(
                "INSERT INTO unit_profiles (unit_id, json, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (unit_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at",
                (unit_id, profile.model_dump_json(), now()),
            )

    def profile(self, unit_id: int) -> UnitProfile | None:
        """The unit's saved profile; None when none was saved."""
        with self._conn() as con:
            row = con.execute("SELECT json FROM unit_profiles WHERE unit_id = ?", (unit_id,)).fetchone()
        return UnitProfile.model_validate_json(row[0]) if row else None

    # -- figures and notes ------------------------------------------------------------------------
    def save_figures(self, unit_id: int, year: int, figures: Figures) -> int:
        """Store a unit-year's figures, replacing what was there; their new version."""
        saved = self._save_figures(unit_id, year, figures, None)
        assert saved is not None  # no expected version: never refused
        return saved

    def save_figures_over(self, unit_id: int, year: int, figures: Figures, seen: int) -> int | None:
        """Store figures only if version ``seen`` is still the one saved (0: none yet); the new version, or
        None when another session saved figures since. Check and write are one transaction."""
        return self._save_figures(unit_id, year, figures, seen)

    def _save_figures(self, unit_id: int, year: int, figures: Figures, expected: int | None) -> int | None:
        with self._tx() as con:
            current = _figures_version(con, unit_id, year)
            if expected is not None and current != expected:
                return None
            con.execute(
                "INSERT INTO figures (unit_id, year, json, updated_at, version) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (unit_id, year) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at, "
                "version = excluded.version",
                (unit_id, year, figures.model_dump_json(), now(), current + 1),
            )
        return current + 1

    def figures(self, unit_id: int, year: int) -> Figures | None:
        """A unit-year's saved figures; None when none were saved."""
        return self.figures_at(unit_id, year)[0]

    def figures_at(self, unit_id: int, year: int) -> tuple[Figures | None, int]:
        """A unit-year's saved figures with their version (None and 0 when none were saved)."""
        with self._conn() as con:
            row = con.execute(
                "SELECT json, version FROM figures WHERE unit_id = ? AND year = ?", (unit_id, year)
            ).fetchone()
        return (Figures.model_validate_json(row[0]), int(row[1])) if row else (None, 0)

    def figures_version(self, unit_id: int, year: int) -> int:
        """The version of a unit-year's saved figures (0 when none were saved), without reading them."""
        with self._conn() as con:
            return _figures_version(con, unit_id, year)

    def save_notes(self, unit_id: int, year: int, text: str) -> None:
        """Store a unit-year's staff notes, replacing what was there."""
        with self._tx() as con:
            con.execute(
                "INSERT INTO notes (unit_id, year, text, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (unit_id, year) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (unit_id, year, text, now()),
            )

    def notes(self, unit_id: int, year: int) -> str:
        """A unit-year's staff notes; empty when none were saved."""
        with self._conn() as con:
            row = con.execute("SELECT text FROM notes WHERE unit_id = ? AND year = ?", (unit_id, year)).fetchone()
        return str(row[0]) if row else ""

    # -- last year's report -----------------------------------------------------------------------
    def save_last_year(self, unit_id: int, year: int, filename: str, report: Report) -> None:
        """Last year's report for drafting ``year`` (its own meta.year is normally ``year - 1``)."""
        with self._tx() as con:
            con.execute(
                "INSERT INTO last_year (unit_id, year, filename, json, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (unit_id, year) DO UPDATE SET filename = excluded.filename, json = excluded.json, "
                "updated_at = excluded.updated_at",
                (unit_id, year, filename, report.model_dump_json(), now()),
            )

    def last_year(self, unit_id: int, year: int) -> tuple[str, Report] | None:
        """The file name and report saved as last year's for drafting ``year``; None when none was."""
        with self._conn() as con:
            row = con.execute(
                "SELECT filename, json FROM last_year WHERE unit_id = ? AND year = ?", (unit_id, year)
            ).fetchone()
        return (str(row[0]), Report.model_validate_json(row[1])) if row else None

    # -- drafts -----------------------------------------------------------------------------------
    def save_draft(self, unit_id: int, year: int, report: Report, kind: str) -> DraftVersion:
        """A new version (1, 2, …) of the unit-year's draft; earlier versions stay."""
        saved = self._save_draft(unit_id, year, report, kind, None)
        assert saved is not None  # no expected version: never refused
        return saved

    def save_draft_over(self, unit_id: int, year: int, report: Report, kind: str, latest: int) -> DraftVersion | None:
        """A new version only if ``latest`` is still the newest; None when another session saved one since.

        The check and the write are one transaction: two sessions saving over the same version never both win.
        """
        return self._save_draft(unit_id, year, report, kind, latest)

    def _save_draft(
        self, unit_id: int, year: int, report: Report, kind: str, expected: int | None
    ) -> DraftVersion | None:
        stamp = now()
        with self._tx() as con:
            (latest,) = con.execute(
                "SELECT COALESCE(MAX(version), 0) FROM drafts WHERE unit_id = ? AND year = ?", (unit_id, year)
            ).fetchone()
            if expected is not None and latest != expected:
                return None
            cur = con.execute(
                "INSERT INTO drafts (unit_id, year, version, kind, json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (unit_id, year, latest + 1, kind, report.model_dump_json(), stamp),
            )
            draft_id = int(cur.lastrowid or 0)
        return DraftVersion(draft_id, unit_id, year, latest + 1, kind, stamp, report)

    def draft_versions(self, unit_id: int, year: int) -> list[tuple[int, str, str]]:
        """(version, kind, created_at), newest first — the list, without loading every report."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT version, kind, created_at FROM drafts WHERE unit_id = ? AND year = ? ORDER BY version DESC",
                (unit_id, year),
            ).fetchall()
        return [(int(v), str(k), str(t)) for v, k, t in rows]

    def draft(self, unit_id: int, year: int, version: int | None = None) -> DraftVersion | None:
        """One version, or the latest when ``version`` is None."""
        sql = "SELECT id, unit_id, year, version, kind, created_at, json FROM drafts WHERE unit_id = ? AND year = ?"
        params: tuple[int, ...] = (unit_id, year)
        if version is None:
            sql += " ORDER BY version DESC LIMIT 1"
        else:
            sql += " AND version = ?"
            params = (unit_id, year, version)
        with self._conn() as con:
            row = con.execute(sql, params).fetchone()
        if not row:
            return None
        draft_id, row_unit, row_year, number, kind, created_at, data = row
        return DraftVersion(draft_id, row_unit, row_year, number, kind, created_at, Report.model_validate_json(data))

    def latest_drafts(self) -> list[tuple[Unit, int, int, str]]:
        """(unit, year, latest version, created_at) of every unit-year with a draft: the reviewer's list."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT u.id, u.name, u.full_name, u.level, d.year, MAX(d.version), MAX(d.created_at) "
                "FROM drafts d JOIN units u ON u.id = d.unit_id GROUP BY d.unit_id, d.year ORDER BY u.id, d.year DESC"
            ).fetchall()
        return [(Unit(*r[:4]), int(r[4]), int(r[5]), str(r[6])) for r in rows]

    # -- uploaded reports (review) ----------------------------------------------------------------
    def save_upload(self, key: UploadKey, name: str, report: Report, last: Report | None = None) -> None:
        """Store an uploaded report under its key; a later upload without last year's keeps the earlier one."""
        with self._tx() as con:
            con.execute(
                "INSERT INTO uploads (key, name, json, last_json, created_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET name = excluded.name, json = excluded.json, "
                "last_json = COALESCE(excluded.last_json, uploads.last_json)",
                (key.text, name, report.model_dump_json(), last.model_dump_json() if last else None, now()),
            )

    def uploads(self) -> list[tuple[UploadKey, str, str]]:
        """(key, name, created_at), newest first."""
        with self._conn() as con:
            rows = con.execute("SELECT key, name, created_at FROM uploads ORDER BY created_at DESC, key").fetchall()
        keys = [parse_report_key(str(k)) for k, _, _ in rows]
        return [(k, str(n), str(t)) for k, (_, n, t) in zip(keys, rows, strict=True) if isinstance(k, UploadKey)]

    def upload(self, key: UploadKey) -> Upload | None:
        """One uploaded report by key; None when there is no such upload."""
        with self._conn() as con:
            row = con.execute(
                "SELECT name, json, last_json, created_at FROM uploads WHERE key = ?", (key.text,)
            ).fetchone()
        if not row:
            return None
        last = Report.model_validate_json(row[2]) if row[2] else None
        return Upload(key, str(row[0]), Report.model_validate_json(row[1]), last, str(row[3]))

    # -- review decisions -------------------------------------------------------------------------
    def decide(
        self, report_key: ReportKey, flag_id: str, code: str, decision: str, comment: str = "", reviewer: str = ""
    ) -> Decision:
        """Record a decision on one flag (accept, dismiss or open); earlier ones stay as its history."""
        if decision not in ("accept", "dismiss", "open"):
            raise StoreError(
                f"未知的审核决定 {decision[:20]!r}（应为 accept、dismiss 或 open）。",
                hint_en=f"unknown decision {decision!r}",
            )
        stamp = now()
        with self._tx() as con:
            con.execute(
                "INSERT INTO reviews (report_key, flag_id, code, decision, comment, reviewer, decided_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (report_key.text, flag_id, code, decision, comment, reviewer, stamp),
            )
        return Decision(flag_id, code, decision, comment, reviewer, stamp)

    def decisions(self, report_key: ReportKey) -> dict[str, Decision]:
        """The decision in force per flag id (the latest); a reopened flag has decision 'open'."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT flag_id, code, decision, comment, reviewer, decided_at FROM reviews "
                "WHERE report_key = ? ORDER BY id",
                (report_key.text,),
            ).fetchall()
        return {r[0]: Decision(*r) for r in rows}

    def history(self, report_key: ReportKey, flag_id: str) -> list[Decision]:
        """Every decision ever taken on one flag, oldest first."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT flag_id, code, decision, comment, reviewer, decided_at FROM reviews "
                "WHERE report_key = ? AND flag_id = ? ORDER BY id",
                (report_key.text, flag_id),
            ).fetchall()
        return [Decision(*r) for r in rows]

    # -- the county's view and the review loop --------------------------------------------------
    def set_pref(self, key: str, value: str) -> None:
        """Keep a setting of the app across reloads and restarts (e.g. the reviewer's name)."""
        with self._tx() as con:
            con.execute(
                "INSERT INTO prefs (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (key, value, now()),
            )

    def pref(self, key: str) -> str:
        """A kept setting; empty when never set."""
        with self._conn() as con:
            row = con.execute("SELECT value FROM prefs WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else ""

    def delete_last_year(self, unit_id: int, year: int) -> None:
        """Forget the report kept as last year's for drafting ``year`` (a wrong file)."""
        with self._tx() as con:
            con.execute("DELETE FROM last_year WHERE unit_id = ? AND year = ?", (unit_id, year))

    def revise(self, report_key: ReportKey, flag_id: str, version: int, still_flagged: bool) -> bool:
        """Record that the clerk edited what a 需修改 decision is about; False when no such decision is in force."""
        with self._tx() as con:
            row = con.execute(
                "SELECT id, decision FROM reviews WHERE report_key = ? AND flag_id = ? ORDER BY id DESC LIMIT 1",
                (report_key.text, flag_id),
            ).fetchone()
            if row is None or row[1] != "accept":
                return False
            con.execute(
                "INSERT INTO revisions (report_key, review_id, flag_id, version, still_flagged, revised_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (report_key.text, row[0], flag_id, version, int(still_flagged), now()),
            )
        return True

    def revisions(self, report_key: ReportKey) -> dict[str, Revision]:
        """The latest revision per flag id that answers the decision in force (a new decision closes it)."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT v.flag_id, v.version, v.still_flagged, v.revised_at FROM revisions v "
                "WHERE v.report_key = ? AND v.review_id = (SELECT MAX(r.id) FROM reviews r "
                "WHERE r.report_key = v.report_key AND r.flag_id = v.flag_id) ORDER BY v.id",
                (report_key.text,),
            ).fetchall()
        return {r[0]: Revision(str(r[0]), int(r[1]), bool(r[2]), str(r[3])) for r in rows}

    def approve(self, unit_id: int, year: int, version: int, reviewer: str) -> Approval:
        """Record a reviewer's 通过 of one draft version, replacing an earlier one."""
        stamp = now()
        with self._tx() as con:
            con.execute(
                "INSERT INTO approvals (unit_id, year, version, reviewer, approved_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (unit_id, year) DO UPDATE SET version = excluded.version, "
                "reviewer = excluded.reviewer, approved_at = excluded.approved_at",
                (unit_id, year, version, reviewer, stamp),
            )
        return Approval(version, reviewer, stamp)

    def withdraw_approval(self, unit_id: int, year: int) -> None:
        """Take a 通过 back."""
        with self._tx() as con:
            con.execute("DELETE FROM approvals WHERE unit_id = ? AND year = ?", (unit_id, year))

    def approval(self, unit_id: int, year: int) -> Approval | None:
        """The unit-year's 通过, if any (of whichever version it was given to)."""
        with self._conn() as con:
            row = con.execute(
                "SELECT version, reviewer, approved_at FROM approvals WHERE unit_id = ? AND year = ?", (unit_id, year)
            ).fetchone()
        return Approval(int(row[0]), str(row[1]), str(row[2])) if row else None

    def unit_years(self, year: int) -> list[UnitYear]:
        """Every unit with what is saved for ``year``: one query for the county's overview."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT u.id, u.name, u.full_name, u.level, f.updated_at, d.version, d.kind, d.created_at, "
                "r.decided_at, r.reviewer FROM units u "
                "LEFT JOIN figures f ON f.unit_id = u.id AND f.year = :year "
                "LEFT JOIN drafts d ON d.unit_id = u.id AND d.year = :year AND d.version = "
                "(SELECT MAX(version) FROM drafts WHERE unit_id = u.id AND year = :year) "
                "LEFT JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE report_key = "
                "'draft:' || u.id || ':' || :year) ORDER BY u.id",
                {"year": year},
            ).fetchall()
        return [UnitYear(Unit(*r[:4]), *r[4:]) for r in rows]


def _figures_version(con: sqlite3.Connection, unit_id: int, year: int) -> int:
    row = con.execute("SELECT version FROM figures WHERE unit_id = ? AND year = ?", (unit_id, year)).fetchone()
    return int(row[0]) if row else 0
