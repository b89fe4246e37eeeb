"""总览 — every unit of the county with this year's state; filter, open a unit's 起草 or 审核, re-check or redraft
many units, create units from a CSV. Wiring only: the logic is assistant.appkit.overview."""

from __future__ import annotations

import streamlit as st

from assistant.appkit import overview, workspace
from assistant.appkit.plain import md
from assistant.errors import AssistantError
from assistant.store import Store
from ui.common import saving, selected, store

s = store()
_, year = selected(s)
st.title("年报助手 · 总览")

_GO = "ov-go"  # (page, unit id) chosen by a button's callback; the page switches once the script runs


def go(page: str) -> None:
    """A callback (before the sidebar's pickers exist): point them at the picked unit, then switch page.

    The unit is read from its picker at click time: a click right after picking may come before the rerun.
    """
    unit_id = st.session_state["ov-unit"]
    st.session_state["unit_id"] = unit_id
    if page == "review":
        st.session_state["review_key"] = workspace.draft_key(unit_id, year)
    st.session_state[_GO] = page


if (target := st.session_state.pop(_GO, None)) is not None:
    st.switch_page("ui/review_page.py" if target == "review" else "ui/draft_page.py")


def progress_bar(label: str) -> overview.Progress:
    """A progress bar that says which unit is being worked on and how many are done."""
    bar = st.progress(0.0, text=label)

    def step(done: int, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=f"{label}：{done}/{total}（{md(name)}）")

    return step


lines = overview.rows(s, year)
if not lines:
    st.info("还没有单位。请在左侧「＋ 新建单位」中创建，或在下方「从单位清单（CSV）创建」。")
tally = overview.counts(lines)
st.caption(f"{year}年度，共 {len(lines)} 个单位：" + "，".join(f"{k} {v}" for k, v in tally.items()))

# Filters and the list ------------------------------------------------------------------------------------
states = st.pills("状态", overview.STATES, selection_mode="multi", key="ov-states")
row = st.columns(3)
levels = row[0].multiselect("层级", list(workspace.LEVEL_CN.values()), key="ov-levels", placeholder="全部")
text = row[1].text_input("单位名称", key="ov-text", placeholder="输入名称中的字")
how = row[2].selectbox("排序", overview.SORTS, key="ov-sort")
shown = overview.sort_rows(overview.filter_rows(lines, states, levels, text), how)
st.caption(f"显示 {len(shown)} 个单位。点表头可再排序；选中一行或在下方选择单位后打开。")
grid = st.dataframe(
    overview.table(shown),
    hide_index=True,
    key="ov-grid",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "单位": st.column_config.TextColumn("单位", width="medium", pinned=True),
        "状态": st.column_config.TextColumn("状态", width="small"),
        "错误": st.column_config.NumberColumn("错误", format="%d", help="未处理的错误（需修改的仍算在内）"),
        "警告": st.column_config.NumberColumn("警告", format="%d"),
        "最近修改": st.column_config.TextColumn("最近修改", width="medium"),
    },
)

# Open one ------------------------------------------------------------------------------------------------
by_id = {r.unit.id: r for r in shown}
picked = grid.selection.rows if hasattr(grid, "selection") else []
if picked and picked[0] < len(shown):
    st.session_state["ov-unit"] = shown[picked[0]].unit.id
if by_id:
    if st.session_state.get("ov-unit") not in by_id:
        st.session_state["ov-unit"] = next(iter(by_id))
    cols = st.columns([3, 1, 1])
    unit_id = cols[0].selectbox(
        "打开单位",
        list(by_id),
        key="ov-unit",
        format_func=lambda i: f"{by_id[i].unit.name}（{by_id[i].state}）",
    )
    cols[1].button("去起草", key="ov-draft", on_click=go, args=("draft",), width="stretch")
    cols[2].button(
        "去审核",
        key="ov-review",
        on_click=go,
        args=("review",),
        disabled=by_id[unit_id].state in (overview.NOT_STARTED, overview.FIGURES),
        help="已起草的单位才能审核",
        width="stretch",
    )


# Many units at once --------------------------------------------------------------------------------------
def redraft(s: Store) -> None:
    units = [r.unit for r in shown]
    skipped = saving(lambda: overview.redraft_offline(s, year, units, progress_bar("正在批量起草")))
    if skipped is None:
        return
    st.session_state["ov-note"] = f"已用模板起草 {len(units) - len(skipped)} 个单位（每个单位另存为新版本）。" + (
        f"未填数字、未起草：{'、'.join(skipped)}。" if skipped else ""
    )
    st.rerun()


with st.expander("批量：重新检查、离线起草"):
    st.caption("重新检查会按当前规则检查全部单位的最新草稿；批量起草只对上方筛选出的、已填数字的单位，用模板起草。")
    act = st.columns(2)
    if act[0].button("重新检查全部单位", key="ov-recheck"):
        overview.rows(s, year, progress_bar("正在检查"))
        st.session_state["ov-note"] = f"已重新检查 {len(lines)} 个单位。"
        st.rerun()
    if act[1].button(f"批量起草筛选出的 {len(shown)} 个单位（模板）", key="ov-redraft", disabled=not shown):
        redraft(s)
if note := st.session_state.pop("ov-note", None):
    st.success(note)


# Units from a CSV ----------------------------------------------------------------------------------------
with st.expander("从单位清单（CSV）创建单位"):
    st.caption(
        f"第一行为表头：{'、'.join(overview.CSV_COLUMNS)}。只有“单位简称”必填；填了地址和办公电话的，"
        "同时保存单位信息。已有的单位不会重复创建。"
    )
    st.download_button("下载单位清单模板（.csv）", overview.units_template, file_name="单位清单.csv", mime="text/csv")
    upload = st.file_uploader("上传单位清单（.csv）", type=["csv"], key="ov-csv")
    if upload is not None:
        try:
            parsed = overview.read_units_csv(upload.getvalue(), upload.name)
        except AssistantError as exc:
            st.error(md(exc.message))
        else:
            for line in parsed.errors:
                st.warning(md(line))
            names = "、".join(md(u.name) for u in parsed.units)
            st.markdown(f"可创建 {len(parsed.units)} 个单位：{names}")
            if st.button("创建这些单位", key="ov-create", disabled=not parsed.units):
                made = saving(lambda: overview.create_units(s, parsed.units))
                if made is not None:
                    st.session_state["ov-note"] = f"已创建或更新 {len(made)} 个单位。"
                    st.rerun()
