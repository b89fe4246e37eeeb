"""What a finished draft tells the clerk: corrections, removed numbers, fallbacks, what is still flagged."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pipeline loads the model client; a summary needs only its result's shape
    from assistant.drafting.pipeline import DraftResult
    from assistant.drafting.request import DraftRequest
    from assistant.model import Flag


def draft_summary(req: DraftRequest, result: DraftResult, *, last_year_hint: str = "") -> list[str]:
    """The lines shown after drafting, the same in the CLI and the app (``last_year_hint``: where to give it)."""
    lines: list[str] = []
    if result.used_model:
        lines.append(f"{result.usage_line or '模型调用情况未知'}；共用时 {result.seconds:.1f} 秒")
    lines.extend(f"已按表格更正数字：“{c.before}”→“{c.after}”（{c.cell}）" for c in result.corrections)
    lines.extend(f"已删去无出处的数字（{'、'.join(r.numbers)}）：“{r.clause}”" for r in result.ungrounded)
    if result.scrubbed:
        lines.append(f"已删除个人号码 {result.scrubbed} 处")
    lines.extend(result.fallbacks)
    if result.unused_notes:
        lines.append("备注未采用：" + "；".join(result.unused_notes))
    if req.last is None:
        lines.append(f"提示：未提供上年报告{last_year_hint}，第五部分“上年度问题整改情况”需对照上年报告补充。")
    warnings = [f for f in result.flags if f.severity == "warning"]
    if warnings:
        lines.append(f"提示 {len(warnings)} 项：{_codes(warnings)}")
    if result.errors:
        lines.append(f"草稿仍有 {len(result.errors)} 个错误，请修改后再发布：{_codes(result.errors)}")
    return lines


def _codes(flags: list[Flag]) -> str:
    return "、".join(sorted({f.code for f in flags}))
