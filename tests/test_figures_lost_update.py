"""Two sessions on one unit-year's figures: a grid edit is saved against the figures its clerk's grids were
filled from, so another session's save is merged, never lost; a cell both changed is named with both values."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.appkit.figuresave import save_figures_edit
from assistant.model import Cell, Figures
from assistant.readers import read_report
from assistant.store import Store

EDITED = {"added_rows": [], "deleted_rows": []}
RECEIVED = ("table3", "received")


@pytest.fixture()
def v1(tmp_path: Path, fixtures_dir: Path) -> tuple[Store, Figures]:
    store = Store(tmp_path / "nianbao.db")
    store.add_unit("青石岭镇")
    figures = read_report(fixtures_dir / "qingshiling-2024-clean.txt").figures
    assert store.save_figures(1, 2024, figures) == 1
    return store, figures


def _with(figures: Figures, column: str, value: int) -> Figures:
    out = figures.model_copy(deep=True)
    out.set(*RECEIVED, column, Cell.parse(value))
    return out


def test_save_over_is_refused_once_someone_saved_since(v1: tuple[Store, Figures]) -> None:
    store, figures = v1
    assert store.save_figures_over(1, 2024, _with(figures, "total", 7), 1) == 2
    assert store.save_figures_over(1, 2024, _with(figures, "total", 8), 1) is None  # version 1 is gone
    assert store.figures_at(1, 2024) == (_with(figures, "total", 7), 2)
    assert store.figures_at(1, 2025) == (None, 0) and store.save_figures_over(1, 2025, figures, 0) == 1
    assert store.figures_version(1, 2024) == 2 and store.figures_version(1, 2023) == 0  # the page's cheap look


def test_edits_of_different_cells_from_one_version_are_both_kept(v1: tuple[Store, Figures]) -> None:
    store, seen = v1
    theirs = save_figures_edit(store, 1, 2024, seen, 1, _with(seen, "commercial", 5))
    assert (theirs.version, theirs.notice()) == (2, None)
    mine = save_figures_edit(store, 1, 2024, seen, 1, _with(seen, "research", 6))
    saved = store.figures(1, 2024)
    assert saved is not None and saved.value(*RECEIVED, "commercial") == 5 and saved.value(*RECEIVED, "research") == 6
    assert mine.version == 3 and mine.figures == saved and mine.clashes == ()
    assert mine.notice() is not None and "双方的修改已合并" in mine.notice()  # type: ignore[operator]


def test_both_changing_one_cell_names_the_others_value(v1: tuple[Store, Figures]) -> None:
    store, seen = v1
    save_figures_edit(store, 1, 2024, seen, 1, _with(seen, "total", 70))
    mine = save_figures_edit(store, 1, 2024, seen, 1, _with(seen, "total", 71))
    assert store.figures(1, 2024).value(*RECEIVED, "total") == 71  # type: ignore[union-attr]
    assert "“表三/一、本年新收政府信息公开申请数量/总计”他人填的是 70" in (mine.notice() or "")
    # The same number typed by both is no clash.
    same = save_figures_edit(store, 1, 2024, seen, 1, _with(seen, "total", 71))
    assert same.clashes == () and same.notice() is not None


def test_the_page_merges_another_sessions_figures_and_says_so(at: AppTest, db: Path) -> None:
    store = Store(db)
    seen = store.figures(1, 2024)
    assert seen is not None
    # Another session saves a cell while this page is open; this page then edits another cell of the grid.
    store.save_figures(1, 2024, _with(seen, "commercial", 5))
    at.session_state["ed-1-2024-0-table3"] = {"edited_rows": {0: {"total": 99}}, **EDITED}
    at.run()
    assert not at.exception, at.exception
    saved = Store(db).figures(1, 2024)
    assert saved is not None and saved.value(*RECEIVED, "total") == 99 and saved.value(*RECEIVED, "commercial") == 5
    assert any("他人也修改了本年数字" in str(w.value) for w in at.warning)
    # The grids are filled again from the merged figures: the other's cell shows, this session's edit too.
    assert at.session_state["gen-1-2024"] == 1
    table3 = at.dataframe[4].value  # the grids in editor.BLOCKS order: 表二's four, then 表三
    assert list(table3.iloc[0][["commercial", "total"]]) == [5, 99]


def test_the_page_shows_figures_another_session_saved(at: AppTest, db: Path) -> None:
    store = Store(db)
    seen = store.figures(1, 2024)
    assert seen is not None
    store.save_figures(1, 2024, _with(seen, "research", 6))
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["gen-1-2024"] == 1  # the grids were rebuilt from the store
    at.session_state["ed-1-2024-1-table3"] = {"edited_rows": {0: {"total": 99}}, **EDITED}
    at.run()
    saved = Store(db).figures(1, 2024)
    assert saved is not None and saved.value(*RECEIVED, "research") == 6 and saved.value(*RECEIVED, "total") == 99
    assert not any("他人也修改了本年数字" in str(w.value) for w in at.warning)  # nothing met: nothing to say


class _Colleague(Store):
    """A store where a colleague saves figures between this session's read and its save, once."""

    def __init__(self, path: Path, theirs: Figures) -> None:
        super().__init__(path)
        self.theirs: Figures | None = theirs

    def save_figures_over(self, unit_id: int, year: int, figures: Figures, seen: int) -> int | None:
        if self.theirs is not None:
            self.save_figures(unit_id, year, self.theirs)
            self.theirs = None
        return super().save_figures_over(unit_id, year, figures, seen)


def test_the_carry_over_prefill_keeps_a_colleagues_save_in_between(
    v1: tuple[Store, Figures], fixtures_dir: Path
) -> None:
    from assistant.appkit import workspace

    store, seen = v1
    blank = seen.model_copy(deep=True)
    blank.set("table3", "carried_in", "total", Cell.missing())
    store.save_figures(1, 2024, blank)
    racing = _Colleague(store.path, _with(blank, "total", 42))
    last = read_report(fixtures_dir / "qingshiling-2023.txt")
    assert "总计" in workspace.keep_last_year(racing, 1, 2024, "2023.txt", last)
    saved = store.figures(1, 2024)
    assert saved is not None and saved.value(*RECEIVED, "total") == 42  # the colleague's cell
    assert saved.value("table3", "carried_in", "total") == 1  # and the prefill
