"""审核 — open any report (uploaded or a saved draft), go through its flags, decide each, export. Wiring only."""

from __future__ import annotations

import html

import streamlit as st

from assistant import standard as std
from assistant.accounts import may_decide
from assistant.appkit import export, review, reviewloop, workspace
from assistant.appkit.highlight import cell_marks, grid_html, section_html, title_html
from assistant.appkit.plain import md
from assistant.checks import check
from assistant.errors import AssistantError
from assistant.readers import REPORT_SUFFIXES, read_report_bytes, suffix_list
from assistant.store import DraftKey, ReportKey
from assistant.writers.layout import grids
from ui.common import DOCX_MIME, report_downloads, saving, store
from ui.login import current_user

s = store()
st.title("年报助手 · 审核")
# A clerk sees the flags on their own units' drafts here; uploading and deciding are for reviewers.
deciding = may_decide(current_user())

# Which report ------------------------------------------------------------------------------------------
up_cols = st.columns(2)
REPORT_TYPES = list(REPORT_SUFFIXES)
upload = up_cols[0].file_uploader(
    f"上传要审核的报告（{suffix_list(REPORT_SUFFIXES)}）", type=REPORT_TYPES, disabled=not deciding
)
upload_last = up_cols[1].file_uploader(
    "上年度报告（可选：用于跨年核对和左右对照）", type=REPORT_TYPES, disabled=not deciding
)
if upload is not None:
    marker = (upload.file_id, upload_last.file_id if upload_last else None)
    if st.session_state.get("review-upload-done") != marker:
        st.session_state.pop("review-upload-error", None)
        try:
            report_in = read_report_bytes(upload.getvalue(), upload.name)
            last_in = read_report_bytes(upload_last.getvalue(), upload_last.name) if upload_last else None
        except AssistantError as exc:
            st.session_state["review-upload-error"] = f"无法读取：{md(exc.message)}"
        else:
            key = workspace.upload_key(upload.getvalue())
            s.save_upload(key, upload.name, report_in, last_in)
            st.session_state["review_key"] = key
        st.session_state["review-upload-done"] = marker
    if refused := st.session_state.get("review-upload-error"):
        # While the refused file sits in the uploader, no other report is shown as if it were that one.
        st.error(refused)
        st.caption("请换一个文件，或移除这个文件后从「打开」中选择已有的报告。")
        st.stop()

choices = review.report_choices(s)
if not choices:
    st.info("上传一份年报，或先在「起草」页生成草稿。")
    st.stop()
st.session_state["review_key"] = review.chosen_key(
    choices, st.session_state.get("review_key"), st.query_params.get("report")
)
st.selectbox("打开", list(choices), key="review_key", format_func=choices.__getitem__)
report_key: ReportKey = st.session_state["review_key"]
st.query_params["report"] = report_key.text


# A section that holds only its table has no prose to show; say so rather than show an empty box.
_NO_PROSE = {n: "本部分只有表格，没有正文（数字见下方表格）。" for n in (2, 3, 4)}

loaded = review.open_report(s, report_key)
if loaded is None:
    st.error("找不到这份报告。")
    st.stop()
report, last = loaded
flags = check(report, last)
decisions = s.decisions(report_key)
entries = review.items(flags, decisions)
revisions = s.revisions(report_key)
settled = [e for e in entries if e.settled]
meta = report.meta
n_err, n_warn, n_settled = review.tally(entries)
st.markdown(
    f"### {html.escape(md(meta.unit or '（未识别单位）'))} {meta.year or ''}年度　"
    f"<small>错误 {n_err} · 警告 {n_warn} · 已处理 {n_settled}</small>",
    unsafe_allow_html=True,
)
for notice in report.notices:
    st.warning(md(notice))
reviewer = (st.session_state.get("reviewer") or "").strip() if deciding else ""
if not deciding:
    st.info("问题由审核人处理；您可以在这里查看本单位草稿的问题和处理意见。")
elif not reviewer:
    st.info("请先在左侧填写「审核人」姓名，再处理问题（处理记录会写明审核人和时间）。")


def fid_key(prefix: str, e: review.Item) -> str:
    return review.widget_key(prefix, report_key, e)


def decide(e: review.Item, decision: str) -> None:
    comment = st.session_state.get(fid_key("cmt", e), "")
    reviewer = st.session_state.get("reviewer", "").strip()
    # Not saved (a database fault, said above the page): the comment stays in its box for another try.
    saving(lambda: s.decide(report_key, e.id, e.flag.code, decision, comment, reviewer), in_callback=True)


def locate(e: review.Item) -> None:
    if e.flag.section is not None:
        st.session_state[f"view-{report_key.text}"] = e.flag.section
    st.session_state[f"focus-{report_key.text}"] = e.id
    st.session_state[f"scroll-{report_key.text}"] = True


# Our own constant script (no report text in it): brings the located span or cell into view, once per click.
SCROLL_TO_FOCUS = (
    "<script>setTimeout(() => { const el = window.parent.document.getElementById('nb-focus') "
    "|| document.getElementById('nb-focus'); if (el) el.scrollIntoView({block: 'center'}); }, 400);</script>"
)


# The clerk's answers to 需修改, and 通过 (drafts only) --------------------------------------------------------
def re_key(prefix: str, request: reviewloop.Request) -> str:
    return f"{prefix}-{report_key.text}-{request.decision.flag_id}"


def rereview(request: reviewloop.Request, decision: str) -> None:
    comment = reviewloop.CONFIRMED if decision == "dismiss" else st.session_state.get(re_key("re", request), "")
    saving(
        lambda: s.decide(report_key, request.decision.flag_id, request.decision.code, decision, comment, reviewer),
        in_callback=True,
    )


if awaiting := reviewloop.awaiting(decisions, revisions):
    with st.container(border=True):
        st.markdown(f"#### :blue[:material/published_with_changes:] {reviewloop.REVISED}（{len(awaiting)}）")
        for request in awaiting:
            st.markdown(request.line())
            cols = st.columns([3, 1, 1])
            cols[0].text_input(
                "意见", key=re_key("re", request), placeholder="仍需修改时的意见", label_visibility="collapsed"
            )
            for col, (label, prefix, decision) in zip(
                cols[1:], (("复核通过", "re-ok", "dismiss"), ("仍需修改", "re-no", "accept")), strict=True
            ):
                key = re_key(prefix, request)
                col.button(label, key=key, on_click=rereview, args=(request, decision), disabled=not reviewer)
if isinstance(report_key, DraftKey):
    draft_now = s.draft_versions(report_key.unit_id, report_key.year)[0][0]
    approval = s.approval(report_key.unit_id, report_key.year)
    if approval is not None and approval.version == draft_now:
        st.success(
            f"已通过：{md(approval.reviewer or '（未署名）')} 于 {approval.approved_at} "
            f"审核通过第 {approval.version} 版。"
        )
    else:
        raised = {e.id for e in entries}
        owed = any(reviewloop.owed(d, revisions, raised) for d in decisions.values())
        st.button(
            f"审核通过（第 {draft_now} 版）",
            key=f"approve-{report_key.text}",
            on_click=lambda: saving(
                lambda: s.approve(report_key.unit_id, report_key.year, draft_now, reviewer), in_callback=True
            ),
            disabled=not reviewer or bool(awaiting) or owed,
            help="通过后，总览中本单位显示为“已通过”；起草人再改动会生成新版本，需要重新审核。"
            "有待起草人修改或待复核的问题时不能通过。",
        )


# Two panes: the report (this year | last year) and the flag list ------------------------------------------
left, right = st.columns([3, 2], gap="medium")
with left:
    numbers = [sec.number for sec in report.sections] or [0]
    counts = {n: sum(1 for e in entries if e.flag.section == n and not e.settled) for n in numbers}
    view_key = f"view-{report_key.text}"
    if st.session_state.get(view_key) not in numbers:
        st.session_state[view_key] = next((n for n in numbers if counts[n]), numbers[0])
    st.radio(
        "查看部分",
        numbers,
        key=view_key,
        horizontal=True,
        format_func=lambda n: review.section_tab(n, counts.get(n, 0)),
    )
    number: int = st.session_state[view_key]
    focus_id = st.session_state.get(f"focus-{report_key.text}")
    focus = next((e.flag for e in entries if e.id == focus_id), None)
    section = report.section(number)
    shown = [e.flag for e in entries if e.flag.section == number and not e.settled]
    this_col, last_col = st.columns(2)
    with this_col:
        heading = section.heading if section and section.heading else std.section_name(number)
        st.markdown(f"**本年：{html.escape(md(heading))}**")
        with st.container(height=520):
            if number == 0 and meta.title:
                st.html(title_html(meta.title, shown))
            if section is None:
                st.caption("本报告没有这一部分。")
            elif section.text.strip():
                st.html(section_html(section.text, shown, focus if focus in shown else None))
            else:
                st.caption(_NO_PROSE.get(number, "本部分没有正文。"))
    with last_col:
        st.markdown("**上年同一部分**")
        with st.container(height=520):
            if last is None:
                st.caption("未提供上年报告。")
            elif last.section(number) is None:
                st.caption("上年报告没有这一部分。")
            elif not last.text_of(number).strip():
                st.caption("上年报告这一部分没有正文。")
            else:
                st.html(f'<div class="nb-text">{html.escape(last.text_of(number))}</div>')
    table_key = {2: "table2", 3: "table3", 4: "table4"}.get(number)
    if table_key:
        open_flags = [e.flag for e in entries if not e.settled]
        focus_ref = focus.cell_ref.cell if focus is not None and focus.cell_ref else None
        if report.figures.table(table_key) is None:
            st.caption("未读到本部分的表格。")
        else:
            st.html(grid_html(grids(report.figures)[table_key], cell_marks(open_flags), focus_ref))

if st.session_state.pop(f"scroll-{report_key.text}", False):
    st.html(SCROLL_TO_FOCUS, unsafe_allow_javascript=True)

with right, st.container(height=820, border=False):  # scrolls on its own: the report stays in view
    groups = review.by_severity(e for e in entries if not e.settled)
    if not entries:
        st.success("未发现问题。")
    for severity, title in (("error", "错误"), ("warning", "警告")):
        group = groups.get(severity, [])
        if not group:
            continue
        icon = ":red[:material/error:]" if severity == "error" else ":orange[:material/warning:]"
        st.markdown(f"#### {icon} {title}（{len(group)}）")
        for e in group:
            f = e.flag
            with st.container(border=True):
                st.markdown(review.flag_title(f))
                st.text(f.message)
                if f.cell:
                    st.caption(f"单元格：{md(f.cell)}")
                if f.evidence:
                    st.caption(f"原文：{md(f.evidence)}")
                if e.decision is not None and e.decision.decision == "open":
                    st.caption(f"已由 {md(e.decision.reviewer or '（未署名）')} 于 {e.decision.decided_at} 重新打开")
                st.text_input(
                    "意见", key=fid_key("cmt", e), placeholder="审核意见（可不填）", label_visibility="collapsed"
                )
                b = st.columns(3)
                b[0].button("定位", key=fid_key("loc", e), on_click=locate, args=(e,))
                b[1].button("需修改", key=fid_key("acc", e), on_click=decide, args=(e, "accept"), disabled=not reviewer)
                b[2].button("忽略", key=fid_key("dis", e), on_click=decide, args=(e, "dismiss"), disabled=not reviewer)
    if settled:
        with st.expander(f"已处理（{len(settled)}）"):
            for e in settled:
                d = e.decision
                assert d is not None
                label = review.DECISION_CN[d.decision]
                st.markdown(f"`{e.flag.code}` **{label}** · {md(d.reviewer or '（未署名）')} · {d.decided_at}")
                st.text(e.flag.message)
                if d.comment:
                    st.caption(f"意见：{md(d.comment)}")
                if e.id in revisions:
                    st.caption(f":blue[{reviewloop.REVISED}]（第 {revisions[e.id].version} 版）")
                st.button("撤销", key=fid_key("undo", e), on_click=decide, args=(e, "open"), disabled=not reviewer)

# Export --------------------------------------------------------------------------------------------------
st.divider()
st.subheader("导出")
cols = st.columns(4)
report_downloads(report, entries, cols, key="review")
if refusal := export.annotation_refusal(report):  # too long for comments: said, not failed on the click
    cols[3].caption(refusal)
else:
    cols[3].download_button(
        "下载审核稿（.docx，问题为批注）",
        lambda: export.annotated_docx_bytes(report, review.flags_for_comments(entries), author=reviewer),
        file_name=f"{export.file_stem(report)}-审核稿.docx",
        mime=DOCX_MIME,
    )
