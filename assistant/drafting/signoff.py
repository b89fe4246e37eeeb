"""The 落款 a published report ends with: the unit's full name and the date, under the last section."""

from __future__ import annotations

import datetime as dt
import re

from assistant.drafting.lastyear import digest_last_year
from assistant.drafting.offline_templates import Templates
from assistant.drafting.request import DraftRequest
from assistant.model import Report

# A closing date line as a model or a clerk writes it: 2025年1月20日, 二〇二五年一月二十日.
_DIGITS = r"[\d〇零一二三四五六七八九十]"
_DATE_LINE = re.compile(rf"^{_DIGITS}{{4}}\s*年\s*{_DIGITS}{{1,3}}\s*月\s*{_DIGITS}{{1,3}}\s*日$")


def chinese_date(date: dt.date) -> str:
    """2025年1月20日: the date as a 落款 writes it."""
    return f"{date.year}年{date.month}月{date.day}日"


def signature_text(templates: Templates, unit: str, full_name: str, date: dt.date) -> str:
    """The 落款 lines: the unit's full name over the date."""
    return templates.render("other.signature", (unit,), full_name=full_name, date=chinese_date(date))


def sign_off(report: Report, req: DraftRequest, templates: Templates) -> None:
    """End the report's last section with the 落款 of ``req.date`` (none without a date), replacing any
    closing lines a model wrote itself."""
    if req.date is None or not report.sections:
        return
    digest = digest_last_year(req.last) if req.last is not None and not req.full_name else None
    full_name = req.full_name or (digest.full_name if digest else None) or req.unit
    section = report.sections[-1]
    lines = section.text.rstrip().split("\n")
    names = {full_name, req.unit}
    while lines and (not lines[-1].strip() or lines[-1].strip() in names or _DATE_LINE.match(lines[-1].strip())):
        lines.pop()
    section.text = "\n".join([*lines, signature_text(templates, req.unit, full_name, req.date)])
