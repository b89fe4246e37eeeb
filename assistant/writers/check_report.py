"""Render check results for people (linter-style text) and for programs (the JSON contract, shared/spec/checks.md).

Flags are named with the code vocabulary of :mod:`assistant.codes`; the checker itself is not loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant.codes import SEVERITY_CN, short_name
from assistant.model import Flag, Report
from assistant.standard import section_name


def report_summary(report: Report) -> dict[str, Any]:
    """The "report" object of the JSON output: what was read, not the whole text."""
    return {
        "file": report.meta.source,
        "meta": report.meta.model_dump(mode="json"),
        "sections": [
            {"number": s.number, "heading": s.heading, "numbering": s.numbering, "line": s.line}
            for s in report.sections
        ],
        "tables": {key: getattr(report.figures, key) is not None for key in ("table2", "table3", "table4")},
        "notices": list(report.notices),
    }


def result_json(report: Report, flags: Iterable[Flag]) -> dict[str, Any]:
    """One report's JSON object: what was read and every flag (each with ``cell`` and ``cell_ref``)."""
    return {"report": report_summary(report), "flags": [f.model_dump(mode="json") for f in flags]}


def counts(flags: Iterable[Flag]) -> tuple[int, int]:
    """(errors, warnings) among ``flags``."""
    flags = list(flags)
    errors = sum(1 for f in flags if f.severity == "error")
    return errors, len(flags) - errors


def _where(flag: Flag) -> str:
    parts = []
    if flag.span is not None:
        parts.append(f"第{flag.span[0] + 1}字起")
    if flag.cell:
        parts.append(flag.cell)
    return f"  〔{'；'.join(parts)}〕" if parts else ""


def format_text(report: Report, flags: list[Flag]) -> str:
    """One line a flag, grouped by section, then a summary — the way a linter reads."""
    meta = report.meta
    who = " ".join(x for x in (meta.unit, f"{meta.year}年度" if meta.year else None) if x) or "（未识别单位）"
    lines = [f"{meta.source or '<报告>'} — {who}"]
    for notice in report.notices:
        lines.append(f"  注意：{notice}")
    current: object = object()
    for flag in flags:
        if flag.section != current:
            current = flag.section
            lines.append(f"【{section_name(flag.section)}】")
        label = short_name(flag.code)
        lines.append(f"  {SEVERITY_CN[flag.severity]} {flag.code:<17} {label}：{flag.message}{_where(flag)}")
    errors, warnings = counts(flags)
    if not flags:
        lines.append("未发现问题。")
    else:
        lines.append(f"共 {errors} 个错误、{warnings} 个警告。")
    return "\n".join(lines)
