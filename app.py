"""年报助手 — the browser face. Thin: reading and checking live in ``assistant``; this only wires widgets.

Run with ``streamlit run app.py``.
"""

from __future__ import annotations

import streamlit as st

from assistant.checks import check
from assistant.checks.codes import CODES
from assistant.errors import AssistantError
from assistant.readers import read_report_bytes
from assistant.report_output import SEVERITY_CN
from assistant.standard import section_name

st.set_page_config(page_title="年报助手", layout="wide")
st.title("年报助手 · 政府信息公开工作年度报告核对")
st.caption("离线模式：所有核对在本机完成，不调用模型。")

col_this, col_last = st.columns(2)
upload = col_this.file_uploader("本年度报告", type=["docx", "html", "htm", "txt", "md"])
upload_last = col_last.file_uploader("上年度报告（可选，用于跨年核对）", type=["docx", "html", "htm", "txt", "md"])

if upload is None:
    st.info("上传一份年报（.docx / .html / .txt / .md），即可看到表格勾稽、正文与表格、年份、结构等问题。")
    st.stop()

try:
    report = read_report_bytes(upload.getvalue(), upload.name)
    last = read_report_bytes(upload_last.getvalue(), upload_last.name) if upload_last else None
except AssistantError as exc:
    st.error(exc.message)
    st.stop()

flags = check(report, last)
meta = report.meta
st.subheader(f"{meta.unit or '（未识别单位）'} {meta.year or ''}年度")
for notice in report.notices:
    st.warning(notice)

errors = [f for f in flags if f.severity == "error"]
warnings = [f for f in flags if f.severity == "warning"]
st.metric("问题", f"{len(errors)} 个错误 · {len(warnings)} 个警告")
if not flags:
    st.success("未发现问题。")

for group, title in ((errors, "错误"), (warnings, "警告")):
    if not group:
        continue
    st.markdown(f"### {title}")
    for flag in group:
        with st.container(border=True):
            st.markdown(f"**`{flag.code}`** {CODES[flag.code][1]} · {SEVERITY_CN[flag.severity]} · "
                        f"{section_name(flag.section)}")
            st.write(flag.message)
            if flag.cell:
                st.caption(f"单元格：{flag.cell}")
            if flag.evidence:
                st.caption(f"原文：{flag.evidence}")
