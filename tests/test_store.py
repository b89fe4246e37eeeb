"""assistant.store: the app's SQLite persistence — schema, round trips, versions, decisions, two writers."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from assistant.model import Cell, Figures, Report
from assistant.readers import read_report
from assistant.store import SCHEMA_VERSION, DraftKey, Store, StoreError, UploadKey


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "sub" / "nianbao.db")


def test_schema_is_versioned_and_wal(store: Store) -> None:
    assert store.schema_version() == SCHEMA_VERSION
    assert store.journal_mode() == "wal"
    again = Store(store.path)  # reopening migrates nothing and loses nothing
    assert again.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="更新版本") as err:
        Store(path)
    assert "newer" in err.value.hint_en and err.value.path == str(path)


def test_units_are_unique_by_name(store: Store) -> None:
    a = store.add_unit("青石岭镇", "云岫县青石岭镇人民政府", "township")
    b = store.add_unit(" 青石岭镇 ")
    assert a == b
    assert [u.name for u in store.units()] == ["青石岭镇"]
    with pytest.raises(StoreError, match="单位名称不能为空"):
        store.add_unit("  ")


def test_figures_round_trip_keeps_blank_distinct_from_zero(store: Store) -> None:
    unit = store.add_unit("白云乡")
    figures = Figures.empty()
    figures.set("table3", "received", "total", Cell.parse(0))
    figures.set("table3", "received", "natural_person", Cell.parse("/"))
    store.save_figures(unit.id, 2024, figures)
    back = store.figures(unit.id, 2024)
    assert back == figures
    assert back is not None and back.value("table3", "received", "total") == 0
    assert back.cell("table3", "received", "commercial").kind == "missing"
    assert back.cell("table3", "received", "natural_person").raw == "/"
    assert store.figures(unit.id, 2023) is None
    assert store.years(unit.id) == [2024]


def test_notes_and_last_year(store: Store, fixtures_dir: Path) -> None:
    unit = store.add_unit("青石岭镇")
    store.save_notes(unit.id, 2024, "新开设政策解读栏目")
    store.save_notes(unit.id, 2024, "新开设政策解读栏目；培训2次")
    assert store.notes(unit.id, 2024) == "新开设政策解读栏目；培训2次"
    last = read_report(fixtures_dir / "qingshiling-2023.txt")
    store.save_last_year(unit.id, 2024, "qingshiling-2023.txt", last)
    name, back = store.last_year(unit.id, 2024) or ("", Report())
    assert name == "qingshiling-2023.txt" and back == last


def test_draft_versions_accumulate(store: Store, fixtures_dir: Path) -> None:
    unit = store.add_unit("青石岭镇")
    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    v1 = store.save_draft(unit.id, 2024, report, "模板起草")
    edited = report.model_copy(deep=True)
    edited.sections[1].text = "改过的总体情况"
    v2 = store.save_draft(unit.id, 2024, edited, "修改一、")
    assert (v1.version, v2.version) == (1, 2)
    assert [v for v, _, _ in store.draft_versions(unit.id, 2024)] == [2, 1]
    latest = store.draft(unit.id, 2024)
    assert latest is not None and latest.report.sections[1].text == "改过的总体情况"
    first = store.draft(unit.id, 2024, 1)
    assert first is not None and first.report == report
    assert store.draft(unit.id, 2024, 9) is None
    ((u, year, version, _),) = store.latest_drafts()
    assert (u.name, year, version) == ("青石岭镇", 2024, 2)


def test_uploads_and_decisions(store: Store, fixtures_dir: Path) -> None:
    report = read_report(fixtures_dir / "qingshiling-2024.txt")
    abc = UploadKey("abc")
    store.save_upload(abc, "a.txt", report)
    store.save_upload(abc, "a.txt", report)  # the same file again: one entry
    assert [k for k, _, _ in store.uploads()] == [abc]
    up = store.upload(abc)
    assert up is not None and up.report == report and up.last is None
    store.decide(abc, "S-TITLE|0||", "S-TITLE", "dismiss", "标题可接受", "王审核")
    store.decide(abc, "P-MOBILE|0|5-16|", "P-MOBILE", "accept", "", "王审核")
    store.decide(abc, "S-TITLE|0||", "S-TITLE", "open", "", "李审核")
    decisions = store.decisions(abc)
    assert decisions["S-TITLE|0||"].decision == "open"
    assert decisions["S-TITLE|0||"].reviewer == "李审核"
    assert decisions["P-MOBILE|0|5-16|"].decision == "accept"
    assert [d.decision for d in store.history(abc, "S-TITLE|0||")] == ["dismiss", "open"]
    assert store.decisions(UploadKey("other")) == {}
    with pytest.raises(StoreError, match="未知的审核决定"):
        store.decide(abc, "x", "X", "maybe")


def test_claim_once_is_once(store: Store) -> None:
    assert store.claim_once("demo") is True
    assert Store(store.path).claim_once("demo") is False


def test_two_sessions_write_at_once(tmp_path: Path, fixtures_dir: Path) -> None:
    # Two Streamlit sessions are two threads, each with its own Store handle on one file.
    path = tmp_path / "shared.db"
    report = read_report(fixtures_dir / "baiyun-2024.md")
    unit = Store(path).add_unit("白云乡")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            s = Store(path)
            for i in range(15):
                s.save_draft(unit.id, 2024, report, f"w{n}-{i}")
                s.decide(DraftKey(unit.id, 2024), f"f{n}-{i}", "T-BLANK", "dismiss", reviewer=f"r{n}")
        except BaseException as exc:  # surfaced below: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    s = Store(path)
    assert sorted(v for v, _, _ in s.draft_versions(unit.id, 2024)) == list(range(1, 46))
    assert len(s.decisions(DraftKey(unit.id, 2024))) == 45
