"""A database file that is corrupt, truncated, newer, read-only or locked: a Chinese StoreError saying what is
wrong and what to do, never a raw sqlite3 error; a lock is waited for."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from faultkit import read_only

from assistant.appkit.workspace import seed_demo
from assistant.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[1]


def _filled(path: Path) -> Path:
    """A real database with the demo unit in it, everything checkpointed into the one file."""
    seed_demo(Store(path), ROOT / "fixtures")
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _fault(action: object) -> StoreError:
    with pytest.raises(StoreError) as info:
        action()  # type: ignore[operator]
    return info.value


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    path.write_bytes(b"\x00garbage" * 4096)
    exc = _fault(lambda: Store(path))
    assert "不是年报助手的数据库" in exc.message and "NIANBAO_DB" in exc.message
    assert exc.path == str(path)


def test_a_truncated_database_is_called_damaged(tmp_path: Path) -> None:
    path = _filled(tmp_path / "nianbao.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    exc = _fault(lambda: Store(path))
    assert "已损坏" in exc.message and "备份" in exc.message


def test_a_database_damaged_while_open_fails_in_chinese_on_the_next_call(tmp_path: Path) -> None:
    path = _filled(tmp_path / "nianbao.db")
    store = Store(path)
    assert store.units()
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))  # header kept, every page after it overwritten
    exc = _fault(store.units)
    assert "已损坏" in exc.message or "不是年报助手的数据库" in exc.message


def test_a_newer_schema_is_refused_in_chinese(tmp_path: Path) -> None:
    path = _filled(tmp_path / "nianbao.db")
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA user_version = 99")
    exc = _fault(lambda: Store(path))
    assert "更新版本" in exc.message and "升级" in exc.message


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another writer (as another session or process would) holding the write lock for ``seconds``."""
    ready = threading.Event()

    def hold() -> None:
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO meta (key, value) VALUES ('holder', 'x')")
        ready.set()
        time.sleep(seconds)
        con.execute("COMMIT")
        con.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(5)
    return thread


def test_a_short_lock_is_waited_for_and_the_save_goes_through(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    store = Store(path)
    unit = store.add_unit("青石岭镇")
    holder = _hold_write_lock(path, 0.6)
    started = time.monotonic()
    store.save_notes(unit.id, 2024, "培训2次")
    waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.4 and store.notes(unit.id, 2024) == "培训2次"


def test_a_lock_held_past_the_wait_is_said_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    store = Store(path, busy_timeout_ms=300)
    unit = store.add_unit("青石岭镇")
    holder = _hold_write_lock(path, 1.5)
    try:
        exc = _fault(lambda: store.save_notes(unit.id, 2024, "培训2次"))
    finally:
        holder.join()
    assert "占用" in exc.message and "0.3 秒" in exc.message and "不会丢失" in exc.message
    assert store.notes(unit.id, 2024) == ""  # nothing half-written
    assert store.units()  # reading goes on (WAL) while another writes


def test_a_read_only_database_is_said_in_chinese(tmp_path: Path) -> None:
    path = _filled(tmp_path / "nianbao.db")
    with read_only(path):
        exc = _fault(lambda: Store(path).add_unit("松河街道"))
    assert "只读" in exc.message and "写权限" in exc.message
