"""Preamble family: a report whose preamble lacks the 统计期限 or the contact line (C-PREAMBLE).

Only a whole report is judged: one with a preamble that speaks of the 《条例》 and all six parts with text.
Real pages are often cut short, and a report that states these things elsewhere (the place of publication
at the end of 六, the period in 一) is not flagged: a false warning costs more trust than a missed one.
A period of another year is D-YEAR's business (an error), not this family's. Where the report is published
is required of a draft (:mod:`assistant.drafting.required`) but not flagged here: reports the project holds
clean (fixtures, held-out pages) often leave it out.
"""

from __future__ import annotations

import re

from assistant import standard as std
from assistant.checks.codes import make_flag
from assistant.model import Flag, Report

# What the preamble must state, and the words that show it is stated (anywhere in the report).
_PERIOD = re.compile(r"1月1日[^。\n]{0,16}12月31日|统计(?:期限|时限|时间|区间|周期)")
_CONTACT = re.compile(r"联系|电话|咨询|邮编|邮箱")
_MIN_SIX = 20  # characters: a 六 shorter than this may be a page cut short


def _whole(report: Report) -> bool:
    """A preamble about the 《条例》, all six parts, 一 and 六 with text (二 to 四 may be tables only)."""
    preamble = report.section(std.PREAMBLE)
    if preamble is None or "条例" not in preamble.text:
        return False
    six = report.section(6)
    if six is None or len(six.text.strip()) < _MIN_SIX:
        return False
    one = report.section(1)
    return one is not None and bool(one.text.strip()) and all(report.section(n) is not None for n in range(2, 6))


def run(report: Report) -> list[Flag]:
    """One C-PREAMBLE flag naming what the preamble (and the rest of a whole report) never states."""
    if report.meta.format == "json" or not _whole(report):
        return []
    everywhere = "\n".join(s.text for s in report.sections)
    lacking = [
        name for name, pattern in (("统计期限", _PERIOD), ("联系方式", _CONTACT)) if not pattern.search(everywhere)
    ]
    if not lacking:
        return []
    names = "、".join(lacking)
    return [
        make_flag(
            "C-PREAMBLE",
            f"报告前言未写明{names}。年度报告应在前言说明数据的统计期限（本年1月1日至12月31日）"
            f"和对报告有疑问时的联系方式。",
            section=std.PREAMBLE,
            evidence=names,
        )
    ]
