"""起草 — last year's report → this year's figures → notes → draft → flags → export. Wiring only."""

from __future__ import annotations

import io
from functools import partial

import streamlit as st
from pydantic import ValidationError

from assistant import standard as std
from assistant.accounts import may_edit_unit
from assistant.appkit import editor, figuresave, redraft, reviewloop, sectionsave, workspace
from assistant.appkit.plain import md
from assistant.appkit.review import flag_line, items
from assistant.checks import check
from assistant.codes import SEVERITY_CN
from assistant.drafting.pipeline import MODEL_SECTIONS, draft
from assistant.drafting.settings import SettingsError
from assistant.errors import AssistantError
from assistant.model import Figures, Report
from assistant.readers import FIGURES_SUFFIXES, REPORT_SUFFIXES, suffix_list
from assistant.store import DraftVersion
from assistant.writers.workbook import write_figures_template
from ui.common import new_upload, report_downloads, saving, selected, store
from ui.common import settings as run_settings
from ui.login import current_user
from ui.profile import drafted_with_profile, profile_form

s = store()
unit, year = selected(s)

st.title("年报助手 · 起草")
if unit is None:
    st.info("还没有单位。请在左侧「＋ 新建单位」中创建。")
    st.stop()

st.caption(f"{md(unit.name)} · {year}年度　｜　① 上年报告 → ② 本年数字 → ③ 工作备注 → ④ 起草 → ⑤ 修改与检查 → ⑥ 导出")

# A reviewer sees a unit's page as it is; only its clerk (or an administrator) changes it. The store refuses too.
read_only = not may_edit_unit(current_user(), unit.id)
if read_only:
    st.info("本页只供查看：数字和草稿由本单位的起草人修改。")
ws = f"{unit.id}-{year}"  # widget keys are per unit-year: switching unit never shows another unit's edits
gen_key = f"gen-{ws}"
st.session_state.setdefault(gen_key, 0)


def bump() -> None:
    """Figures changed from outside the grids (upload, prefill, fill 0, another session): rebuild the grids."""
    for kept in ("base", "seen"):  # the old generation's snapshots are never used again
        st.session_state.pop(f"{kept}-{ws}-{st.session_state[gen_key]}", None)
    st.session_state[gen_key] += 1


# ① 上年报告 -------------------------------------------------------------------------------------------
st.header("① 上年报告")
saved_last = s.last_year(unit.id, year)
upload = st.file_uploader(
    f"上传 {year - 1} 年度报告（{suffix_list(REPORT_SUFFIXES)}），用于衔接上年结转、整改情况和对照",
    type=list(REPORT_SUFFIXES),
    key=f"last-upload-{ws}",
    disabled=read_only,
)
if upload is not None and (last_report := new_upload(upload, f"last-done-{ws}", "这份上年报告")) is not None:
    filled = workspace.keep_last_year(s, unit.id, year, upload.name, last_report)
    if filled:
        bump()
        st.session_state[f"prefilled-{ws}"] = filled
    saved_last = (upload.name, last_report)

own_last = s.draft(unit.id, year - 1) if saved_last is None else None
if own_last is not None and st.button(
    f"使用本系统保存的 {year - 1} 年度报告（第 {own_last.version} 版）作为上年报告", key=f"own-last-{ws}"
):
    own_name = f"本系统{year - 1}年度报告（第{own_last.version}版）"
    if filled := workspace.keep_last_year(s, unit.id, year, own_name, own_last.report):
        bump()
        st.session_state[f"prefilled-{ws}"] = filled
    saved_last = (own_name, own_last.report)

last = saved_last[1] if saved_last else None
if saved_last is None:
    st.caption("尚未上传上年报告。没有上年报告也可以起草，但无法核对上年结转和上年问题整改情况。")
else:
    summary = workspace.summarize_last_year(saved_last[1])
    with st.container(border=True):
        st.markdown(summary.headline(saved_last[0]))
        for mismatch in summary.mismatches(unit.name, year):
            st.warning(mismatch)
        if carried := summary.carried_line():
            st.markdown(carried)
        if summary.problems:
            st.markdown("上年报告第五部分列出的问题（本年需说明整改情况）：")
            for i, p in enumerate(summary.problems, 1):
                st.text(f"{i}. {p}")
        else:
            st.caption("上年报告第五部分未读到具体问题。")
        for notice in summary.notices:
            st.caption(f"注意：{md(notice)}")
        if st.button("移除这份上年报告", key=f"drop-last-{ws}", help="传错了文件：移除后可重新上传或改用本系统的报告"):
            s.delete_last_year(unit.id, year)
            st.rerun()
filled_cols = st.session_state.pop(f"prefilled-{ws}", None)
if filled_cols:
    st.success(f"已按上年“结转下年度继续办理”预填本年“上年结转”：{'、'.join(filled_cols)}。")

# ② 本年数字 -------------------------------------------------------------------------------------------
st.header("② 本年数字")
figures = s.figures(unit.id, year) or Figures.empty()
tools = st.columns([2, 2, 2])
fig_upload = tools[0].file_uploader(
    f"或上传数字表（填表模板 {suffix_list(FIGURES_SUFFIXES)}）",
    type=list(FIGURES_SUFFIXES),
    key=f"fig-upload-{ws}",
    disabled=read_only,
)
if (read := new_upload(fig_upload, f"fig-done-{ws}", "数字表")) is not None:
    figures = workspace.keep_figures(s, unit.id, year, read.figures, last)
    bump()
    st.success("已从数字表读入三张表格。")


def grid_columns(block: editor.Block) -> dict[str, object]:
    """Pixel widths chosen so every column of every grid shows without sideways scrolling at 1280 px."""
    label_width = {"table3": 232, "table4": 210}.get(block.key, 160)
    number_width = 72 if block.key == "table3" else 100
    config: dict[str, object] = {
        editor.LABEL: st.column_config.TextColumn("项目", disabled=True, width=label_width, pinned=True),
        editor.MARK: st.column_config.TextColumn(
            "提示", disabled=True, width=80, help="错：有错误的格子；警：有警告的格子。说明见表格下方"
        ),
    }
    for c in block.columns:
        amount = c.value_type == "amount"
        config[c.key] = st.column_config.NumberColumn(
            editor.short_label(c),
            min_value=0,
            step=0.0001 if amount else 1,
            format="plain" if amount else "%d",
            help=editor.column_help(c),
            width=120 if amount else number_width,
        )
    return config


def template_bytes() -> bytes:
    # Built only when clicked (Streamlit calls it then): a workbook costs ~80 ms, too much for every rerun.
    buffer = io.BytesIO()
    write_figures_template(buffer, s.figures(unit.id, year) or Figures.empty(), unit=unit.name, year=year)
    return buffer.getvalue()


tools[1].download_button(
    "下载填表模板（.xlsx，含已填数字）",
    template_bytes,
    file_name=f"{unit.name}{year}年报表格.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
if tools[2].button(
    "把未填的格子全部填 0", disabled=read_only, help="只在确实没有发生这些事项时使用（如零申请）。空白不会自动当作 0。"
):
    figures, n = editor.fill_empty_with_zero(figures)
    s.save_figures(unit.id, year, figures)
    bump()
    st.toast(f"已把 {n} 个未填的格子填为 0")

gen = st.session_state[gen_key]
# The grids' edit state is relative to the data they were first given, so that data must stay the same for
# the life of their keys: a snapshot per generation, with its version. Edits are saved against the figures
# last seen (that snapshot, then what this session saved), so another session's save is merged, never lost.
base_key, seen_key = f"base-{ws}-{gen}", f"seen-{ws}-{gen}"
if base_key not in st.session_state:
    fresh, fresh_version = s.figures_at(unit.id, year)
    figures = fresh or Figures.empty()
    st.session_state[base_key] = figures.model_copy(deep=True)
    st.session_state[seen_key] = (fresh_version, figures.model_copy(deep=True))
base: Figures = st.session_state[base_key]
seen_version, seen = st.session_state[seen_key]
figures = seen.model_copy(deep=True)  # what this session's grids hold, before this run's edit
# Marks come from the flags as the run starts; an edit that changes them reruns once (below) to show them.
shown_flags = workspace.table_flags(unit.name, year, unit.level, figures, last)
areas: dict[str, object] = {}
edits: list[str] = []
for block in editor.BLOCKS:
    st.subheader(block.title)
    if len(block.columns) > 1:
        # Grids of several columns need the full width for them; their flags go right below.
        left, right = st.container(), st.container()
    else:
        left, right = st.columns([3, 2])
    with left:
        edited = st.data_editor(
            editor.grid_frame(block, base, shown_flags),
            key=f"ed-{ws}-{gen}-{block.key}",
            hide_index=True,
            num_rows="fixed",
            column_config=grid_columns(block),  # type: ignore[arg-type]
            width="content",  # the columns' own widths, never stretched: the header stays where it was sized
            height=(len(block.rows) + 1) * 35 + 3,  # every row shown: no scrolling inside the grid
            placeholder="",  # a cleared cell shows empty, not "None"
            disabled=read_only,
        )
        figures, changed = editor.apply_frame(block, edited, figures)  # saved below, once for every grid
        edits += changed
        blanks = editor.unfilled(block, figures)
        if blanks:
            st.caption(f"还有 {len(blanks)} 个格子未填（空白不算 0）。")
        for path, raw in editor.odd_cells(block, figures):
            st.caption(f"“{md(path)}”原文为“{md(raw)}”，不是数字，请填写数字。")
    areas[block.key] = right

if edits:  # unsaved, the edit stays in the grid and is tried again on the next run
    done = saving(partial(figuresave.save_figures_edit, s, unit.id, year, seen, seen_version, figures))
    if done is not None:
        st.session_state[seen_key] = (done.version, done.figures)
        figures = done.figures
        if note := done.notice():
            st.session_state[f"figures-note-{ws}"] = note
            bump()
            st.rerun()  # the grids show the merged figures
elif s.figures_version(unit.id, year) != seen_version:
    bump()  # another session saved figures since: the grids show theirs
    st.rerun()
if figures_note := st.session_state.pop(f"figures-note-{ws}", None):
    st.warning(figures_note)
tflags = workspace.table_flags(unit.name, year, unit.level, figures, last)
if any(editor.row_marks(b, tflags) != editor.row_marks(b, shown_flags) for b in editor.BLOCKS):
    st.rerun()  # the grids' marks are from before this edit
for block in editor.BLOCKS:
    with areas[block.key]:  # type: ignore[attr-defined]
        mine = editor.block_flags(block, tflags)
        if mine:
            for f in mine:
                (st.error if f.severity == "error" else st.warning)(flag_line(f))
        else:
            st.success("本表未发现勾稽问题。")

# ③ 工作备注 -------------------------------------------------------------------------------------------
st.header("③ 本年度工作备注（可选）")
notes_key = f"notes-{ws}"
if notes_key not in st.session_state:
    st.session_state[notes_key] = s.notes(unit.id, year)
st.text_area(
    "今年做了哪些工作、有哪些亮点（如新开设的栏目、培训次数、办理的建议提案），起草时会写进正文",
    key=notes_key,
    height=120,
    disabled=read_only,
    on_change=lambda: saving(lambda: s.save_notes(unit.id, year, st.session_state[notes_key]), in_callback=True),
)

# ④ 起草 -----------------------------------------------------------------------------------------------
st.header("④ 起草")
profile_form(s, unit, read_only)
try:
    settings = run_settings().model_settings()
except SettingsError as exc:
    settings = None
    st.warning(f"模型设置有误，将用模板起草：{md(exc.message)}")
st.caption(settings.describe() if settings else "离线模式（模板起草）")
version_key = f"version-{ws}"
versions = s.draft_versions(unit.id, year)
latest = s.draft(unit.id, year, st.session_state.get(version_key)) if versions else None
pending_key = f"pending-{ws}"
fallbacks_key = f"fallbacks-{ws}"
errors = redraft.table_errors(tflags)
if errors:
    st.warning(f"本年数字有 {len(errors)} 个错误（见第②步），起草前请先看一看：")
    for f in errors:
        st.markdown(flag_line(f))

scope: int | None = None
request: str | None = None
if latest is None:
    if st.button("起草", type="primary", key=f"draft-{ws}", disabled=read_only):
        request = "draft"
else:
    redraftable = [sec.number for sec in latest.report.sections if sec.number in MODEL_SECTIONS]
    row = st.columns([2, 1, 1])
    scope = row[0].selectbox(
        "重新起草哪些部分",
        [None, *redraftable],
        key=f"scope-{ws}",
        format_func=lambda n: "全部" if n is None else redraft.part_name(n),
        label_visibility="collapsed",
    )
    if row[1].button("重新起草", type="primary", key=f"draft-{ws}", disabled=read_only):
        request = "draft"
    if row[2].button(
        "只更新数字",
        key=f"refill-{ws}",
        disabled=read_only,
        help="保留正文的文字，只把其中的数字按第②步的表格改正，表格也换成本年数字",
    ):
        request = "refill"
if request is not None:
    edited = redraft.hand_edited(s, latest) if latest is not None and request == "draft" else []
    ask = redraft.confirmation(scope, edited, tflags)
    st.session_state[pending_key] = (request, scope, ask.overwrite_line(), ask.errors_line())
    if ask.needed:
        request = None  # the clerk confirms first (below)
    else:
        st.session_state.pop(pending_key)

if (pending := st.session_state.get(pending_key)) is not None:
    with st.container(border=True):
        for line in pending[2:]:
            if line:
                st.warning(line)
        go, stop, _ = st.columns([1, 1, 2])
        if go.button("继续", type="primary", key=f"confirm-{ws}"):
            st.session_state.pop(pending_key)
            request, scope = pending[0], pending[1]
        if stop.button("取消", key=f"cancel-{ws}"):
            st.session_state.pop(pending_key)
            st.rerun()


review_key = workspace.draft_key(unit.id, year)


def answer_requests(before: Report, saved: DraftVersion) -> None:
    """The reviewer's 需修改 about what this version changed are re-checked and put back to the reviewer."""
    after = saved.report
    saving(
        lambda: reviewloop.after_save(s, review_key, before, after, saved.version, check(after, last)),
        in_callback=True,
    )


def run_draft(number: int | None) -> None:
    """Draft (all, or one section) and save it as a new version; fallbacks kept for ⑤ to show."""
    try:
        req = workspace.draft_request(unit, year, figures, last, st.session_state.get(notes_key, ""))
    except ValidationError:
        st.error("起草需要单位名称和 2021 年以后的年度。")
        st.stop()
    req = drafted_with_profile(req, s, unit)
    client = None
    if settings is not None and settings.configured:
        from assistant.drafting.client import ModelClient

        client = ModelClient(settings)
    from assistant.appkit.preview import StreamPreview

    live: dict[int, object] = {}
    preview = StreamPreview()  # only text that has passed the personal-number scrubber; tails at each section's end

    def show(changed: dict[int, str]) -> None:
        for section, text in changed.items():
            if section not in live:
                st.markdown(f"**{std.section_name(section)}**")
                live[section] = st.empty()
            live[section].text(text)  # type: ignore[attr-defined]

    def on_delta(section: int, delta: str) -> None:
        if number is None or section == number:
            show(preview.feed(section, delta))

    from assistant.drafting.summary import draft_summary

    with st.spinner("正在起草…"):
        try:
            result = draft(
                req,
                client=client,
                on_delta=on_delta if client else None,
                prompts=run_settings().prompts_dir,
                sections=None if number is None else (number,),  # one section re-drafted: one model call
            )
        except AssistantError as exc:
            st.error(f"起草失败：{md(exc.message)}")
            st.stop()
    show(preview.finish())
    fallbacks = redraft.fallbacks_by_section(result.fallbacks)
    if number is None or latest is None:
        saved = s.save_draft(unit.id, year, result.report, redraft.draft_kind(result.used_model))
    else:
        merged = redraft.with_section_from(latest.report, result.report, number)
        saved = s.save_draft(unit.id, year, merged, redraft.redraft_kind(number))
        fallbacks = {number: fallbacks.get(number, [])}
    if latest is not None:
        answer_requests(latest.report, saved)
    st.session_state.setdefault(fallbacks_key, {})[saved.version] = fallbacks
    st.session_state[version_key] = saved.version
    st.session_state[f"draft-note-{ws}"] = draft_summary(req, result, last_year_hint="（见第①步）")
    st.rerun()


if request == "draft":
    run_draft(scope)
elif request == "refill" and latest is not None:
    refilled, corrections = redraft.refill(latest.report, figures, year)
    saved = s.save_draft(unit.id, year, refilled, redraft.KIND_REFILL)
    answer_requests(latest.report, saved)
    st.session_state[version_key] = saved.version
    st.session_state[f"draft-note-{ws}"] = [f"已按本年数字更新正文中的 {len(corrections)} 处数字，文字未改动。"] + [
        f"{c.before} → {c.after}" for c in corrections
    ]
    st.rerun()

# ⑤ 修改与检查 -------------------------------------------------------------------------------------------
versions = s.draft_versions(unit.id, year)
if not versions:
    st.info("还没有草稿。填好数字后按「起草」。")
    st.stop()
st.header("⑤ 草稿：逐段修改，修改后自动重新检查")
st.caption("改完一段后，点击文本框以外的地方（或按 Ctrl+Enter）即保存为新版本并重新检查。")
for line in st.session_state.pop(f"draft-note-{ws}", []):
    st.caption(md(line))
if edit_note := st.session_state.pop(f"edit-note-{ws}", None):
    st.warning(edit_note)
numbers = [v for v, _, _ in versions]
labels = workspace.version_labels(versions)
if st.session_state.get(version_key) not in numbers:
    st.session_state[version_key] = numbers[0]
st.selectbox("版本（可查看以前的版本；在旧版本上修改会另存为新版本）", numbers, key=version_key, format_func=labels.get)
current = s.draft(unit.id, year, st.session_state[version_key])
assert current is not None
report = current.report
flags = check(report, last)
st.markdown(workspace.check_line(flags))
if report.figures != figures:
    st.warning("本年数字在起草后有改动，草稿里的表格仍是起草时的数字。请重新起草，或按「只更新数字」。")
fallbacks = st.session_state.get(fallbacks_key, {}).get(current.version, {})
for note in fallbacks.get(None, []):
    st.info(md(note), icon=":material/swap_horiz:")
for f in (f for f in flags if f.section is None):
    (st.error if f.severity == "error" else st.warning)(flag_line(f))
asked = reviewloop.requests(s.decisions(review_key), s.revisions(review_key))


def show_requests(number: int | None) -> None:
    """The reviewer's 需修改 with comment, where the clerk fixes it; an answered one says it waits for re-review."""
    for request in reviewloop.at_section(asked, number):
        if request.revision is None:
            st.error(request.line(), icon=":material/rate_review:")
        else:
            st.info(request.line(), icon=":material/published_with_changes:")


if asked:
    owed = sum(1 for r in asked if r.revision is None)
    st.warning(f"审核人提出 {len(asked)} 条需修改意见（{owed} 条待修改），已列在相应部分的右侧。")
show_requests(None)


def save_edit(base: DraftVersion, number: int, key: str, merge: bool) -> None:
    # Every committed edit is a new version, saved against the version the clerk started from: nothing a
    # clerk (or a colleague in another session) typed is ever overwritten.
    done = saving(
        lambda: sectionsave.save_section(s, base, number, st.session_state[key], redraft.edit_kind(number), merge),
        in_callback=True,
    )
    if done is None:  # not saved: the text stays in its box; the next edit tries again
        return
    answer_requests(base.report, done.saved)
    st.session_state[version_key] = done.saved.version
    if note := done.notice(redraft.part_name(number)):
        st.session_state[f"edit-note-{ws}"] = note


for section in report.sections:
    name = md(section.heading or std.section_name(section.number))  # a heading is report text
    st.subheader(name if section.number else "标题与前言")
    left, right = st.columns([3, 2])
    key = f"sec-{ws}-{current.version}-{section.number}"
    left.text_area(
        name,
        value=section.text,
        key=key,
        height=workspace.box_height(section.text),
        label_visibility="collapsed",
        disabled=read_only,
        on_change=save_edit,
        args=(current, section.number, key, current.version == numbers[0]),
    )
    if section.number in (2, 3, 4):
        left.caption("本部分表格按第②步的数字生成。")
    mine = [f for f in flags if f.section == section.number]
    with right:
        show_requests(section.number)
        for note in fallbacks.get(section.number, []):
            st.info(md(note), icon=":material/swap_horiz:")
        for f in mine:
            (st.error if f.severity == "error" else st.warning)(flag_line(f))
        if not mine:
            st.success("未发现问题。")

# ⑥ 导出 -----------------------------------------------------------------------------------------------
st.header("⑥ 导出")
decisions = s.decisions(workspace.draft_key(unit.id, year))
report_downloads(report, items(flags, decisions), st.columns(3), key=str(ws))
st.caption(f"严重程度：{'、'.join(SEVERITY_CN.values())}。审核人可在「审核」页逐条处理本草稿的问题。")
