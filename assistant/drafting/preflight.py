"""Before drafting: the errors in the figures themselves, which the clerk is warned about first."""

from __future__ import annotations

from assistant.checks import check
from assistant.drafting.request import DraftRequest
from assistant.model import Flag, Meta, Report


def table_errors(req: DraftRequest) -> list[Flag]:
    """The table errors (T-* of severity error) of the request's figures, checked without any prose."""
    tables_only = Report(meta=Meta(unit=req.unit, year=req.year, level=req.level, format="draft"), figures=req.figures)
    return [f for f in check(tables_only, req.last) if f.severity == "error" and f.code.startswith("T-")]


def table_warning(flags: list[Flag]) -> list[str]:
    """The warning lines shown before drafting from figures with errors (none when there are none)."""
    if not flags:
        return []
    head = f"注意：表格数字有 {len(flags)} 个错误，草稿将略去相互矛盾的分项，请核对表格后重新起草："
    return [head, *(f"  {f.code}：{f.message}" for f in flags)]
