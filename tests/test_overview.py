"""The county's overview (appkit.overview) and the review loop (appkit.reviewloop) on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.appkit import overview, reviewloop, workspace
from assistant.appkit.overview import DRAFTED, FIGURES, IN_REVIEW, NEEDS_CHANGE, NOT_STARTED, PASSED
from assistant.checks import check
from assistant.errors import InputError
from assistant.model import Report, flag_key
from assistant.readers import read_report
from assistant.store import SCHEMA_VERSION, Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "nianbao.db")


@pytest.fixture(scope="module")
def defective(fixtures_dir: Path) -> Report:
    """The demo's 2024 report with five defects, standing in for a clerk's draft."""
    return read_report(fixtures_dir / "qingshiling-2024.txt")


def _state(store: Store, name: str, year: int = 2024) -> str:
    return next(r.state for r in overview.rows(store, year) if r.unit.name == name)


def test_a_unit_goes_through_every_state(store: Store, defective: Report) -> None:
    unit = store.add_unit("青石岭镇", level="township")
    assert _state(store, "青石岭镇") == NOT_STARTED
    store.save_figures(unit.id, 2024, defective.figures)
    assert _state(store, "青石岭镇") == FIGURES
    first = store.save_draft(unit.id, 2024, defective, "模板起草")
    assert _state(store, "青石岭镇") == DRAFTED
    key = workspace.draft_key(unit.id, 2024)
    flags = check(defective)
    wrong = next(f for f in flags if f.section is not None and f.section > 0)
    store.decide(key, flag_key(wrong), wrong.code, "accept", "请改正", "王审核")
    row = overview.rows(store, 2024)[0]
    assert (row.state, row.changed_by, row.change) == (NEEDS_CHANGE, "王审核", "审核")
    assert row.errors + row.warnings == len(flags)  # a 需修改 is still open
    # the clerk edits that section: the request is answered and the reviewer has it back
    assert wrong.section is not None
    edited = workspace.with_section_text(defective, wrong.section, defective.text_of(wrong.section) + "（已改）")
    second = store.save_draft(unit.id, 2024, edited, "修改")
    assert reviewloop.after_save(store, key, first.report, edited, second.version, check(edited)) == 1
    assert _state(store, "青石岭镇") == IN_REVIEW
    store.approve(unit.id, 2024, second.version, "王审核")
    assert _state(store, "青石岭镇") == PASSED
    store.save_draft(unit.id, 2024, edited, "修改")  # a later version is not what was passed
    assert _state(store, "青石岭镇") == IN_REVIEW


def test_an_edit_answers_only_the_requests_of_its_section(store: Store, defective: Report) -> None:
    unit = store.add_unit("白云乡")
    first = store.save_draft(unit.id, 2024, defective, "模板起草")
    key = workspace.draft_key(unit.id, 2024)
    by_section = {f.section: f for f in check(defective) if f.section is not None}
    assert len(by_section) >= 2, "the defective report should have flags in two sections"
    (a, fa), (b, fb) = list(by_section.items())[:2]
    for f in (fa, fb):
        store.decide(key, flag_key(f), f.code, "accept", "", "王审核")
    assert a is not None
    edited = workspace.with_section_text(defective, a, "改写后的正文。")
    second = store.save_draft(unit.id, 2024, edited, "修改")
    reviewloop.after_save(store, key, first.report, edited, second.version, check(edited))
    revisions = store.revisions(key)
    assert set(revisions) == {flag_key(fa)}
    asked = reviewloop.requests(store.decisions(key), revisions)
    assert [r.revision is not None for r in reviewloop.at_section(asked, a)] == [True]
    assert reviewloop.REVISED in reviewloop.at_section(asked, a)[0].line()
    assert [r.revision for r in reviewloop.at_section(asked, b)] == [None]
    # the reviewer decides again: the answer is closed, the request is the new one
    store.decide(key, flag_key(fa), fa.code, "dismiss", reviewloop.CONFIRMED, "王审核")
    assert store.revisions(key) == {}
    assert reviewloop.awaiting(store.decisions(key), store.revisions(key)) == []


def test_filters_and_sorts(store: Store, defective: Report) -> None:
    for name, level in (("甲镇", "township"), ("乙街道", "street"), ("丙局", "department")):
        store.add_unit(name, level=level)
    store.save_figures(2, 2024, defective.figures)
    store.save_draft(3, 2024, defective, "模板起草")
    lines = overview.rows(store, 2024)
    assert [r.state for r in lines] == [NOT_STARTED, FIGURES, DRAFTED]
    assert [r.unit.name for r in overview.filter_rows(lines, states={FIGURES, DRAFTED})] == ["乙街道", "丙局"]
    assert [r.unit.name for r in overview.filter_rows(lines, levels={"乡镇"})] == ["甲镇"]
    assert [r.unit.name for r in overview.filter_rows(lines, text="街道")] == ["乙街道"]
    assert overview.sort_rows(lines, "按错误数")[0].unit.name == "丙局"
    assert [r.state for r in overview.sort_rows(lines, "按状态")] == [DRAFTED, FIGURES, NOT_STARTED]
    assert overview.counts(lines)[NOT_STARTED] == 1
    assert overview.table(lines)["层级"] == ["乡镇", "街道", "县级部门"]
    seen: list[tuple[int, int, str]] = []
    overview.rows(store, 2024, progress=lambda i, n, name: seen.append((i, n, name)))
    assert seen == [(1, 3, "甲镇"), (2, 3, "乙街道"), (3, 3, "丙局")]


CSV = (
    "单位简称,层级,单位全称,地址,邮编,办公电话\n"
    "松河镇,乡镇,云岫县松河镇人民政府,云岫县松河镇政府路1号,650000,0871-1234567\n"
    "白云乡,乡,,,,\n"
    "石桥街道,街道,,,,13912345678\n"
    "教育局,县级部门,云岫县教育局,,,\n"
    "松河镇,乡镇,,,,\n"
    ",,,,,\n"
)


def test_units_from_a_csv_of_names_and_profiles(store: Store) -> None:
    read = overview.read_units_csv(CSV.encode("gb18030"))  # as Excel on a Chinese Windows saves it
    assert [u.name for u in read.units] == ["松河镇", "教育局"]
    assert read.errors[0].startswith("第 3 行：层级“乡”")
    assert read.errors[1].startswith("第 4 行：单位信息有误") and "个人手机号码" in read.errors[1]
    assert read.errors[2] == "第 6 行：单位“松河镇”重复，已跳过。"
    created = overview.create_units(store, read.units)
    assert [(u.name, u.level, u.full_name) for u in created] == [
        ("松河镇", "township", "云岫县松河镇人民政府"),
        ("教育局", "department", "云岫县教育局"),
    ]
    profile = store.profile(created[0].id)
    assert profile is not None and profile.phone == "0871-1234567" and profile.short_name == "松河镇"
    assert store.profile(created[1].id) is None
    template = overview.read_units_csv(overview.units_template())  # the offered template reads back
    assert [u.name for u in template.units] == ["青石岭镇"] and not template.errors
    with pytest.raises(InputError, match="单位简称"):
        overview.read_units_csv("名称\n甲镇\n".encode())


def test_offline_redraft_of_many_units_skips_those_without_figures(store: Store, defective: Report) -> None:
    units = [store.add_unit(n, level="township") for n in ("甲镇", "乙镇", "丙镇")]
    for u in units[:2]:
        store.save_figures(u.id, 2024, defective.figures)
    done: list[str] = []
    skipped = overview.redraft_offline(store, 2024, units, lambda _i, _n, name: done.append(name))
    assert skipped == ["丙镇"] and done == ["甲镇", "乙镇", "丙镇"]
    assert store.draft_versions(units[0].id, 2024)[0][1] == overview.BATCH_KIND
    draft = store.draft(units[1].id, 2024)
    assert draft is not None and "乙镇" in draft.report.text_of(1)
    assert store.draft(units[2].id, 2024) is None


def test_prefs_and_last_year_removal(store: Store, defective: Report) -> None:
    assert store.pref("reviewer") == ""
    store.set_pref("reviewer", "王审核")
    assert Store(store.path).pref("reviewer") == "王审核"  # kept across reloads
    unit = store.add_unit("甲镇")
    store.save_last_year(unit.id, 2025, "错的.txt", defective)
    store.delete_last_year(unit.id, 2025)
    assert store.last_year(unit.id, 2025) is None
    assert store.schema_version() == SCHEMA_VERSION


def test_a_v3_database_gains_the_review_loop_tables_and_keeps_its_decisions(tmp_path: Path) -> None:
    """Schema 4: a file schema 3 wrote opens with its units and decisions intact, and revisions can follow."""
    import sqlite3

    from assistant.store import _MIGRATIONS, DraftKey

    path = tmp_path / "v3.db"
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for version in (1, 3):
            for statement in str(_MIGRATIONS[version]).split(";"):
                if statement.strip():
                    con.execute(statement)
        con.execute("PRAGMA user_version = 3")
        con.execute("INSERT INTO units (name, full_name, level, created_at) VALUES ('柏溪镇', NULL, NULL, 'x')")
        con.execute(
            "INSERT INTO reviews (report_key, flag_id, code, decision, comment, reviewer, decided_at) "
            "VALUES ('draft:1:2024', 'C-FEES-MISSING|6||', 'C-FEES-MISSING', 'accept', '补写', '王审核', 'x')"
        )
    finally:
        con.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    key = DraftKey(1, 2024)
    assert store.decisions(key)["C-FEES-MISSING|6||"].comment == "补写"
    assert store.revise(key, "C-FEES-MISSING|6||", 2, still_flagged=False)
    assert not store.revise(key, "S-TITLE|0||", 2, still_flagged=False)  # nothing asked of it
    assert store.revisions(key)["C-FEES-MISSING|6||"].version == 2
