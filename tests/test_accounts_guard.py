"""assistant.guard: the store as one signed-in user sees it — other units are not there, refused writes, audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import accounts as acc
from assistant.guard import GuardedStore
from assistant.model import Figures
from assistant.profile import UnitProfile
from assistant.store import DraftKey, Store, StoreError, UploadKey


@pytest.fixture()
def base(tmp_path: Path) -> Store:
    return Store(tmp_path / "g.db")


def _two_towns(base: Store, fixtures_dir: Path) -> tuple[int, int, Figures]:
    from assistant.readers import read_report

    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    mine, other = base.add_unit("青石岭镇").id, base.add_unit("白沙乡").id
    for unit_id in (mine, other):
        base.save_figures(unit_id, 2024, report.figures)
        base.save_notes(unit_id, 2024, "备注")
        base.save_draft(unit_id, 2024, report, "起草")
    base.save_upload(UploadKey("abc"), "上传.txt", report)
    return mine, other, report.figures


def test_a_clerk_sees_only_their_unit(base: Store, fixtures_dir: Path) -> None:
    mine, other, figures = _two_towns(base, fixtures_dir)
    s = GuardedStore(base, acc.User(1, "张三", acc.CLERK, frozenset({mine})))
    assert [u.id for u in s.units()] == [mine]
    assert s.unit(other) is None and s.figures(other, 2024) is None and s.notes(other, 2024) == ""
    assert s.draft(other, 2024) is None and s.draft_versions(other, 2024) == [] and s.years(other) == []
    assert s.last_year(other, 2024) is None and s.profile(other) is None and s.figures_at(other, 2024) == (None, 0)
    assert [row[0].id for row in s.latest_drafts()] == [mine] and s.uploads() == []
    assert s.upload(UploadKey("abc")) is None and s.decisions(DraftKey(other, 2024)) == {}
    assert s.figures(mine, 2024) == figures and s.draft(mine, 2024) is not None


def test_a_clerk_cannot_change_another_unit_and_their_own_changes_are_logged(base: Store, fixtures_dir: Path) -> None:
    mine, other, figures = _two_towns(base, fixtures_dir)
    s = GuardedStore(base, acc.User(1, "张三", acc.CLERK, frozenset({mine})))
    before = base.figures(other, 2024)
    for write in (
        lambda: s.save_figures(other, 2024, Figures.empty()),
        lambda: s.save_figures_over(other, 2024, Figures.empty(), 1),
        lambda: s.save_notes(other, 2024, "改"),
        lambda: s.save_draft(other, 2024, base.draft(other, 2024).report, "修改"),  # type: ignore[union-attr]
        lambda: s.add_unit("新乡"),
        lambda: s.decide(DraftKey(mine, 2024), "X|0||", "X", "dismiss"),
        lambda: s.save_upload(UploadKey("def"), "x.txt", base.draft(mine, 2024).report),  # type: ignore[union-attr]
    ):
        with pytest.raises(StoreError, match="无权"):
            write()
    assert base.figures(other, 2024) == before and base.draft_versions(other, 2024)[0][0] == 1
    assert [u.name for u in base.units()] == ["青石岭镇", "白沙乡"]
    s.save_figures(mine, 2024, figures)
    saved = s.save_draft_over(mine, 2024, base.draft(mine, 2024).report, "修改第一部分", 1)  # type: ignore[union-attr]
    assert saved is not None
    log = base.audit_log()
    assert [(e.actor, e.action, e.unit_id) for e in log[:2]] == [("张三", "draft", mine), ("张三", "figures", mine)]
    assert "修改第一部分" in log[0].detail


def test_a_reviewer_decides_by_name_but_cannot_edit(base: Store, fixtures_dir: Path) -> None:
    mine, other, figures = _two_towns(base, fixtures_dir)
    s = GuardedStore(base, acc.User(2, "李四", acc.REVIEWER, frozenset()))
    assert len(s.units()) == 2 and s.upload(UploadKey("abc")) is not None
    done = s.decide(DraftKey(other, 2024), "X|0||", "X", "accept", "请改", reviewer="冒名")
    assert done.reviewer == "李四" and base.decisions(DraftKey(other, 2024))["X|0||"].reviewer == "李四"
    for write in (
        lambda: s.save_figures(mine, 2024, figures),
        lambda: s.save_figures_over(mine, 2024, figures, base.figures_at(mine, 2024)[1]),
        lambda: s.save_profile(
            mine,
            UnitProfile(full_name="云岫县青石岭镇人民政府", address="云岫县青石岭镇人民路8号", phone="0871-6612345"),
        ),
    ):
        with pytest.raises(StoreError, match="无权"):
            write()
    assert base.profile(mine) is None and base.figures_at(mine, 2024)[1] == 1
    assert base.audit_log()[0].action == "decision"


def test_a_v3_database_gains_the_account_tables(tmp_path: Path) -> None:
    from assistant.store import SCHEMA_VERSION

    path = tmp_path / "v3.db"
    Store(path)  # then pretend it was written by schema 3
    import sqlite3

    con = sqlite3.connect(path, isolation_level=None)
    try:
        for table in ("users", "user_units", "sessions", "login_failures", "audit"):
            con.execute(f"DROP TABLE {table}")
        con.execute("PRAGMA user_version = 3")
    finally:
        con.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION and store.user_records() == [] and store.audit_log() == []


def test_a_clerk_sees_and_changes_only_their_units_in_the_county_view(tmp_path: Path) -> None:
    """The overview's rows, last-year removal and approvals follow the same rules as the pages."""
    base = Store(tmp_path / "county.db")
    mine, other = base.add_unit("青石岭镇"), base.add_unit("白云乡")
    clerk = acc.User(1, "clerk", acc.CLERK, frozenset({mine.id}))
    store = GuardedStore(base, clerk)
    assert [row.unit.id for row in store.unit_years(2024)] == [mine.id]
    with pytest.raises(StoreError):
        store.delete_last_year(other.id, 2024)
    with pytest.raises(StoreError):
        store.approve(mine.id, 2024, 1, "clerk")
