"""Figures .json: the schema of :class:`model.Figures` (a full :class:`model.Report` is also accepted)."""

from __future__ import annotations

import json

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.model import Figures, Report

_REPORT_KEYS = frozenset({"meta", "sections", "figures", "notices", "old_format_markers"})


def _no_constant(name: str) -> float:
    """NaN and ±Infinity are no JSON and no count: refused while parsing."""
    raise ValueError(f"{name} is not a number a report can hold")


def read_figures_json(data: bytes, source: str) -> Report:
    """A figures-only report (or a whole report) from JSON bytes; InputError when it does not fit the schema."""
    try:
        obj = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: too many digits, NaN too
        raise InputError("JSON 文件格式错误，无法读取。", hint_en=f"invalid JSON: {exc}", path=source) from exc
    if not isinstance(obj, dict):
        raise InputError(
            "JSON 文件应为一个对象（表二、表三、表四的数字）。",
            hint_en="the JSON must be an object holding table2/table3/table4",
            path=source,
        )
    try:
        if _REPORT_KEYS & obj.keys():
            report = Report.model_validate(obj)
        else:
            report = Report(figures=Figures.model_validate(obj))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(x) for x in first.get("loc", ()))
        raise InputError(
            f"JSON 中的表格数字不符合格式（{where}：{first.get('msg', '')}）。",
            hint_en=f"figures JSON does not match the schema at {where}",
            path=source,
        ) from exc
    report.meta.source = source
    report.meta.format = "json"
    return report
