"""The app against a broken database and against a colleague on the same draft: Chinese messages, never
Streamlit's English error page, and nothing anyone typed is lost."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from faultkit import read_only
from streamlit.testing.v1 import AppTest

from assistant.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _app() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def _errors(app: AppTest) -> list[str]:
    return [str(e.value) for e in app.error]


def test_two_sessions_editing_different_sections_keep_both_edits(db: Path) -> None:
    a = _app()
    a.button(key="draft-1-2024").click().run()
    b = _app()  # a colleague opens the same draft (version 1)
    one = a.text_area(key="sec-1-2024-1-1")
    one.set_value(one.value + "（甲补充）").run()
    six = b.text_area(key="sec-1-2024-1-6")  # B's page still shows version 1
    six.set_value(six.value + "（乙补充）").run()
    assert not a.exception and not b.exception
    latest = Store(db).draft(1, 2024)
    assert latest is not None and latest.version == 3
    assert latest.report.text_of(1).endswith("（甲补充）") and latest.report.text_of(6).endswith("（乙补充）")
    assert any("第 2 版" in w and "合并" in w for w in (str(e.value) for e in b.warning))
    assert b.selectbox(key="version-1-2024").value == 3


def _corrupt(db: Path) -> None:
    db.write_bytes(b"\x00not a database" * 2048)


def _truncate(db: Path) -> None:
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _newer(db: Path) -> None:
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA user_version = 99")


@pytest.mark.parametrize(
    "damage,said",
    [(_corrupt, "不是年报助手的数据库"), (_truncate, "已损坏"), (_newer, "更新版本")],
)
def test_a_broken_database_is_said_in_chinese(db: Path, damage: object, said: str) -> None:
    Store(db)  # a database the app used, then damaged before the next start
    damage(db)  # type: ignore[operator]
    app = _app()
    errors = _errors(app)
    assert any(said in e and str(db) in e for e in errors), errors


def test_a_read_only_database_is_said_in_chinese(db: Path) -> None:
    Store(db)
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with read_only(db):
        app = _app()
    assert any("只读" in e for e in _errors(app)), _errors(app)


def test_a_locked_database_keeps_the_edit_on_screen_and_says_so(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.store.BUSY_TIMEOUT_MS", 200)  # the app's store waits 0.2 s, not 5
    app = _app()
    app.button(key="draft-1-2024").click().run()
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        con = sqlite3.connect(db, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        holding.set()
        release.wait(30)
        con.execute("ROLLBACK")
        con.close()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    try:
        six = app.text_area(key="sec-1-2024-1-6")
        typed = six.value + "（锁住时写的）"
        six.set_value(typed).run()
    finally:
        release.set()
        holder.join()
    assert not app.exception, app.exception
    assert any("占用" in e and "0.2 秒" in e and "不会丢失" in e for e in _errors(app)), _errors(app)
    assert app.text_area(key="sec-1-2024-1-6").value == typed  # still in its box
    assert [v for v, _, _ in Store(db).draft_versions(1, 2024)] == [1]
