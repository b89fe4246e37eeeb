"""Two sessions on one draft: an edit is saved against the version its clerk started from, and nobody's
edit silently disappears (sections only one side changed are merged; both changed: both versions kept)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.appkit.sectionsave import save_section
from assistant.readers import read_report
from assistant.store import DraftVersion, Store


@pytest.fixture()
def v1(tmp_path: Path, fixtures_dir: Path) -> tuple[Store, DraftVersion]:
    store = Store(tmp_path / "nianbao.db")
    unit = store.add_unit("青石岭镇")
    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    return store, store.save_draft(unit.id, 2024, report, "模板起草")


def test_save_over_is_refused_once_someone_saved_since(v1: tuple[Store, DraftVersion]) -> None:
    store, base = v1
    assert store.save_draft_over(base.unit_id, 2024, base.report, "A", base.version) is not None
    assert store.save_draft_over(base.unit_id, 2024, base.report, "B", base.version) is None  # B is stale
    assert [k for _, k, _ in store.draft_versions(base.unit_id, 2024)] == ["A", "模板起草"]


def test_edits_of_different_sections_from_one_version_are_both_kept(v1: tuple[Store, DraftVersion]) -> None:
    store, base = v1
    a_text, b_text = base.report.text_of(1) + "（甲补充）", base.report.text_of(6) + "（乙补充）"
    a = save_section(store, base, 1, a_text, "修改一、", merge=True)
    b = save_section(store, base, 6, b_text, "修改六、", merge=True)  # B still has version 1 open
    assert (a.saved.version, a.other) == (2, None) and a.notice("一、总体情况") is None
    assert (b.saved.version, b.other, b.both_changed) == (3, 2, False)
    latest = store.draft(base.unit_id, 2024)
    assert latest is not None and latest.report.text_of(1) == a_text and latest.report.text_of(6) == b_text
    notice = b.notice("六、其他需要报告的事项")
    assert notice is not None and "第 2 版" in notice and "合并" in notice


def test_both_editing_one_section_keeps_both_texts_and_says_so(v1: tuple[Store, DraftVersion]) -> None:
    store, base = v1
    a_text, b_text = base.report.text_of(1) + "（甲）", base.report.text_of(1) + "（乙）"
    save_section(store, base, 1, a_text, "修改一、", merge=True)
    save_section(store, base, 6, base.report.text_of(6) + "（甲又改六）", "修改六、", merge=True)
    b = save_section(store, base, 1, b_text, "修改一、", merge=True)
    assert (b.saved.version, b.other, b.both_changed) == (4, 3, True)
    theirs, mine = store.draft(base.unit_id, 2024, 3), store.draft(base.unit_id, 2024, 4)
    assert theirs is not None and mine is not None
    assert theirs.report.text_of(1) == a_text and mine.report.text_of(1) == b_text
    assert mine.report.text_of(6).endswith("（甲又改六）")  # the section only A changed is kept
    notice = b.notice("一、总体情况")
    assert notice is not None and "第 3 版" in notice and "对照" in notice


def test_an_old_version_opened_on_purpose_is_saved_on_top_of_itself(v1: tuple[Store, DraftVersion]) -> None:
    store, base = v1
    save_section(store, base, 6, base.report.text_of(6) + "（后来改的）", "修改六、", merge=True)
    old = save_section(store, base, 1, base.report.text_of(1) + "（旧版上改）", "修改一、", merge=False)
    assert old.other is None and old.saved.report.text_of(6) == base.report.text_of(6)
