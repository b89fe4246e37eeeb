"""Downloads: the report as .docx/.md, the flag list as CSV for Excel/WPS, the reviewer's annotated .docx."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from assistant.codes import SEVERITY_CN, short_name
from assistant.errors import InputError
from assistant.model import Flag, Report
from assistant.standard import section_name, standard_title
from assistant.writers.annotate import annotate_docx, refuse_if_too_long

from .review import DECISION_CN, Item

CSV_HEADER = (
    "代码",
    "级别",
    "问题",
    "部分",
    "位置",
    "单元格",
    "说明",
    "原文",
    "审核结论",
    "审核意见",
    "审核人",
    "审核时间",
)
# A cell starting with one of these is run as a formula by Excel/WPS: report text is untrusted.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def flags_csv(entries: Iterable[Item]) -> bytes:
    """UTF-8 with BOM (so Excel and WPS open it as Chinese, not mojibake), one row per flag."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for e in entries:
        f, d = e.flag, e.decision
        where = f"第{f.span[0] + 1}字起" if f.span else ""
        writer.writerow(
            [
                _safe(x)
                for x in (
                    f.code,
                    SEVERITY_CN.get(f.severity, f.severity),
                    short_name(f.code),
                    section_name(f.section) if f.section is not None else "全文",
                    where,
                    f.cell or "",
                    f.message,
                    f.evidence or "",
                    DECISION_CN.get(d.decision, "") if d else "待处理",
                    d.comment if d else "",
                    d.reviewer if d else "",
                    d.decided_at if d else "",
                )
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def docx_bytes(report: Report) -> bytes:
    """The report as a .docx file's bytes, for a download button."""
    from assistant.writers.docx import write_docx

    buffer = io.BytesIO()
    write_docx(report, buffer)
    return buffer.getvalue()


def markdown_bytes(report: Report) -> bytes:
    """The report as UTF-8 Markdown, for a download button."""
    from assistant.writers.markdown import render_markdown

    return render_markdown(report).encode("utf-8")


def annotated_docx_bytes(report: Report, flags: list[Flag], author: str = "") -> bytes:
    """The report as .docx with each flag as a Word comment anchored at its words, by ``author`` (the reviewer)."""
    buffer = io.BytesIO()
    annotate_docx(report, flags, buffer, author=author)
    return buffer.getvalue()


def annotation_refusal(report: Report) -> str | None:
    """Why ``report`` can have no annotated copy (too many paragraphs), in Chinese; None when it can."""
    try:
        refuse_if_too_long(report)
    except InputError as exc:
        return exc.message
    return None


def file_stem(report: Report, fallback: str = "年报") -> str:
    """青石岭镇2024年政府信息公开工作年度报告 — from the meta, safe as a file name on Windows too."""
    meta = report.meta
    stem = standard_title(meta.unit, meta.year) if meta.unit and meta.year else meta.title or fallback
    return _UNSAFE_NAME.sub("_", stem).strip(" ._") or fallback
