"""Schema 2 of the store: review decisions stored under the old Chinese-path flag ids are found again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.appkit import review
from assistant.checks import check
from assistant.model import Cell, Figures, Flag, flag_key
from assistant.profile import UnitProfile
from assistant.readers import read_report
from assistant.store import _MIGRATIONS, SCHEMA_VERSION, Store, UploadKey

REPORT = UploadKey("abc")
OLD_PATH = "表三/一、本年新收政府信息公开申请数量/总计"
UNMAPPABLE = "N-MISMATCH|1|3-9|表三/不存在/总计"


def _v1_database(path: Path, decisions: list[tuple[str, str, str]]) -> None:
    """A file as schema 1 wrote it: its SQL, WAL, user_version 1, and (flag_id, code, decision) rows
    inserted the way Store.decide did."""
    v1 = _MIGRATIONS[1]
    assert isinstance(v1, str)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("BEGIN IMMEDIATE")
        for statement in v1.split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute("PRAGMA user_version = 1")
        for flag_id, code, decision in decisions:
            con.execute(
                "INSERT INTO reviews (report_key, flag_id, code, decision, comment, reviewer, decided_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (REPORT.text, flag_id, code, decision, "", "王审核", "2025-01-10 09:00:00"),
            )
        con.execute("COMMIT")
    finally:
        con.close()


def _reviews(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT * FROM reviews ORDER BY id").fetchall()
    finally:
        con.close()


def _row_total_flag(fixtures_dir: Path) -> Flag:
    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    report.figures.set("table3", "received", "total", Cell.parse(99))
    return next(f for f in check(report) if f.code == "T-ROW-TOTAL" and f.cell == OLD_PATH)


def test_v1_decisions_are_found_for_the_same_flag_checked_again(tmp_path: Path, fixtures_dir: Path) -> None:
    flag = _row_total_flag(fixtures_dir)
    old_id = f"T-ROW-TOTAL|3||{OLD_PATH}"  # flag_key as schema 1's program wrote it
    path = tmp_path / "v1.db"
    _v1_database(
        path,
        [
            (old_id, "T-ROW-TOTAL", "accept"),
            ("S-TITLE|0||", "S-TITLE", "dismiss"),  # no cell: nothing to rewrite
            (UNMAPPABLE, "N-MISMATCH", "dismiss"),  # names no cell of the standard: left as it is
            (old_id, "T-ROW-TOTAL", "dismiss"),
        ],
    )
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION == 6
    assert flag_key(flag) == "T-ROW-TOTAL|3||table3/received/total"
    decisions = store.decisions(REPORT)
    assert set(decisions) == {flag_key(flag), "S-TITLE|0||", UNMAPPABLE}
    assert [d.decision for d in store.history(REPORT, flag_key(flag))] == ["accept", "dismiss"]
    (item,) = review.items([flag], decisions)
    assert item.settled and item.decision is not None and item.decision.decision == "dismiss"


def test_a_current_database_opens_unchanged(tmp_path: Path, fixtures_dir: Path) -> None:
    flag = _row_total_flag(fixtures_dir)
    path = tmp_path / "v3.db"
    store = Store(path)
    store.decide(REPORT, flag_key(flag), flag.code, "dismiss", "可以", "王审核")
    # An id that looks like schema 1's: a current file is not migrated again, so it must stay as it is.
    store.decide(REPORT, f"T-ROW-TOTAL|3||{OLD_PATH}", "T-ROW-TOTAL", "accept")
    before = _reviews(path)
    again = Store(path)
    assert again.schema_version() == SCHEMA_VERSION
    assert _reviews(path) == before
    assert again.decisions(REPORT)[flag_key(flag)].comment == "可以"


def test_v1_whole_table_blank_decision_follows_its_table(tmp_path: Path, fixtures_dir: Path) -> None:
    """Schema 1 stored a whole-table T-BLANK with no cell; it now names its table, found from the section."""
    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    for row, column, _cell in [c[1:] for c in report.figures.iter_cells() if c[0] == "table4"]:
        report.figures.set("table4", row, column, Cell.parse(""))
    flag = next(f for f in check(report) if f.code == "T-BLANK" and f.section == 4)
    assert flag.cell_ref is not None and flag.cell_ref.row is None and flag.cell == "表四"
    path = tmp_path / "v1.db"
    _v1_database(path, [("T-BLANK|4||", "T-BLANK", "dismiss"), ("T-BLANK|4|0-2|", "T-BLANK", "accept")])
    decisions = Store(path).decisions(REPORT)
    assert set(decisions) == {"T-BLANK|4||table4", "T-BLANK|4|0-2|"}  # with a span it was never a table flag
    (item,) = review.items([flag], decisions)
    assert item.settled


def test_a_v2_database_gains_the_profile_table_and_keeps_its_units(tmp_path: Path) -> None:
    """Schema 3: a file schema 2 wrote opens with its units intact and an empty profile per unit."""
    path = tmp_path / "v2.db"
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in str(_MIGRATIONS[1]).split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute("PRAGMA user_version = 2")
        con.execute("INSERT INTO units (name, full_name, level, created_at) VALUES ('柏溪镇', NULL, NULL, 'x')")
    finally:
        con.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    (unit,) = store.units()
    assert unit.name == "柏溪镇" and store.profile(unit.id) is None
    profile = UnitProfile(full_name="云岫县柏溪镇人民政府", address="云岫县柏溪镇政府路1号", phone="0871-6612345")
    store.save_profile(unit.id, profile)
    assert Store(path).profile(unit.id) == profile


def test_a_v5_database_gives_its_figures_version_1(tmp_path: Path, fixtures_dir: Path) -> None:
    """Schema 6: figures saved before versions existed open as version 1, so a save over them is checked."""
    path = tmp_path / "v5.db"
    figures = read_report(fixtures_dir / "qingshiling-2024-clean.txt").figures
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for version in range(1, 6):
            migration = _MIGRATIONS[version]
            if callable(migration):
                migration(con)
            else:
                for statement in migration.split(";"):
                    if statement.strip():
                        con.execute(statement)
        con.execute("PRAGMA user_version = 5")
        con.execute("INSERT INTO units (name, full_name, level, created_at) VALUES ('柏溪镇', NULL, NULL, 'x')")
        con.execute(
            "INSERT INTO figures (unit_id, year, json, updated_at) VALUES (1, 2024, ?, 'x')",
            (figures.model_dump_json(),),
        )
    finally:
        con.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.figures_at(1, 2024) == (figures, 1)
    assert store.save_figures_over(1, 2024, Figures.empty(), 0) is None  # saved since "none": refused
    assert store.save_figures_over(1, 2024, Figures.empty(), 1) == 2
