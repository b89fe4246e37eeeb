"""The batch's summary for a reviewer: ``summary.csv`` (UTF-8 with BOM, for Excel and WPS) and ``summary.html``.

The page is static and opens from disk: no script, every value HTML-escaped (unit names and messages come from
files a clerk made), links relative to OUT.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from assistant.appkit.export import _safe
from assistant.batch.jobs import DONE, FAILED, WAITING

STATUS_CN = {DONE: "已完成", FAILED: "失败", WAITING: "待导入结果"}
# ``nianbao check --summary``: published reports are checked, or could not be read
CHECKED_CN = {DONE: "已核对", FAILED: "无法读取"}
HEADER = (
    "单位",
    "状态",
    "错误",
    "警告",
    "错误代码",
    "警告代码",
    "模板回退",
    "模型调用",
    "复用答案",
    "提示tokens",
    "生成tokens",
    "文件",
    "说明",
    "离群提示",
)


@dataclass(frozen=True)
class Line:
    """One unit's line of the summary."""

    unit: str
    state: str
    row: Mapping[str, Any]
    hints: list[str] = field(default_factory=list)
    skipped: bool = False  # finished in an earlier run of the batch


def _codes(row: Mapping[str, Any], severity: str) -> tuple[int, str]:
    """How many flags of ``severity`` and which codes: ``S-TITLE×1、C-FEES-MISSING×2``."""
    found = {k.split(":", 1)[1]: n for k, n in dict(row.get("codes") or {}).items() if k.startswith(f"{severity}:")}
    return sum(found.values()), "、".join(f"{code}×{n}" for code, n in sorted(found.items()))


def _cells(line: Line, statuses: Mapping[str, str]) -> list[str]:
    row = line.row
    errors, error_codes = _codes(row, "error")
    warnings, warning_codes = _codes(row, "warning")
    done = line.state == DONE
    return [
        line.unit,
        statuses.get(line.state, line.state),
        str(errors) if done else "",
        str(warnings) if done else "",
        error_codes,
        warning_codes,
        str(row.get("fallbacks", "")),
        str(row.get("calls", "")),
        str(row.get("cached", "")),
        str(row.get("prompt_tokens", "")),
        str(row.get("completion_tokens", "")),
        str(row.get("draft", "")),
        str(row.get("message", "")),
        "；".join(line.hints),
    ]


def summary_csv(lines: Sequence[Line], statuses: Mapping[str, str] = STATUS_CN) -> bytes:
    """The summary as CSV, UTF-8 with BOM, one row per unit (cells that would run as formulas quoted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([_safe(c) for c in _cells(line, statuses)] for line in lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_STYLE = (
    "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
    "td,th{border:1px solid #999;padding:.25em .5em;text-align:left}"
    f".{FAILED}{{background:#fdd}}.{WAITING}{{background:#ffd}}"
)


def summary_html(lines: Sequence[Line], title: str, statuses: Mapping[str, str] = STATUS_CN) -> bytes:
    """The summary as a static HTML page: counts, a table with a link to each draft, and the outlier hints."""
    esc = html.escape
    counts = "，".join(
        f"{label} {sum(1 for line in lines if line.state == state)}" for state, label in statuses.items()
    )
    head = "".join(f"<th>{esc(h)}</th>" for h in HEADER)
    skipped = sum(line.skipped for line in lines)
    if skipped:
        counts += f"（其中 {skipped} 个上次已完成，本次跳过）"
    body = [_html_row(line, statuses) for line in lines]
    hints = [f"<li>{esc(line.unit)}：{esc(h)}</li>" for line in lines for h in line.hints]
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{esc(title)}</h1><p>共 {len(lines)} 个单位：{esc(counts)}</p>",
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>",
        "<h2>离群提示</h2>",
        f"<ul>{''.join(hints)}</ul>" if hints else "<p>无</p>",
        "</body></html>\n",
    ]
    return "".join(parts).encode("utf-8")


def _html_row(line: Line, statuses: Mapping[str, str]) -> str:
    cells = _cells(line, statuses)
    out = []
    for index, text in enumerate(cells):
        if HEADER[index] == "文件" and text:
            href = html.escape(quote(text), quote=True)
            out.append(f'<td><a href="{href}">{html.escape(text)}</a></td>')
        else:
            out.append(f"<td>{html.escape(text)}</td>")
    return f'<tr class="{html.escape(line.state, quote=True)}">{"".join(out)}</tr>'
