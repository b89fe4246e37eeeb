"""Cross-year family: carry-over chain (X-1), stock of valid documents (X-2), implausible jumps.

Only runs with last year's report, and only when that report is for the year before (a report two years
back, or one for the same year, would make every comparison wrong).
"""

from __future__ import annotations

from assistant import standard as std
from assistant.checks.codes import make_flag
from assistant.model import Flag, Report
from assistant.numfmt import plain_number as _n

# Key figures compared for Y-JUMP: (table, row, column, name).
_KEY_FIGURES: tuple[tuple[str, str, str, str], ...] = (
    ("table3", "received", "total", "本年新收政府信息公开申请总计"),
    ("table2", "licensing", "decisions", "行政许可处理决定数量"),
    ("table2", "penalty", "decisions", "行政处罚处理决定数量"),
    ("table2", "enforcement", "decisions", "行政强制处理决定数量"),
    ("table4", "review", "total", "行政复议总计"),
)
_JUMP_FACTOR = 5
# Below this size a five-fold change (1 → 6 applications) is ordinary noise for a small unit.
_JUMP_MIN = 20


def run(report: Report, last: Report | None) -> list[Flag]:
    """The cross-year flags against ``last``; none without it or when it is not the year before's report."""
    if last is None:
        return []
    year, last_year = report.meta.year, last.meta.year
    if year is not None and last_year is not None and last_year != year - 1:
        return []
    this_name = f"{year}年" if year else "本年"
    last_name = f"{last_year}年" if last_year else (f"{year - 1}年" if year else "上年")
    flags: list[Flag] = []
    flags.extend(_carry_over(report, last, this_name, last_name))
    flags.extend(_valid_docs(report, last, last_name))
    flags.extend(_jumps(report, last, this_name, last_name))
    return flags


def _carry_over(report: Report, last: Report, this_name: str, last_name: str) -> list[Flag]:
    diffs: list[tuple[str, float, float]] = []
    for col in std.APPLICANT_COLUMNS:
        now = report.figures.value("table3", "carried_in", col.key)
        before = last.figures.value("table3", "carried_out", col.key)
        if now is not None and before is not None and now != before:
            diffs.append((col.key, now, before))
    if not diffs:
        return []
    labels = {c.key: c.label for c in std.APPLICANT_COLUMNS}
    # Point at the 总计 column when it differs: that is the figure readers compare first.
    key = next((d[0] for d in diffs if d[0] == "total"), diffs[0][0])
    detail = "；".join(f"{labels[k]}：{this_name} {_n(a)}，{last_name} {_n(b)}" for k, a, b in diffs)
    return [
        make_flag(
            "Y-CARRY-OVER",
            f"{this_name}表三“二、上年结转政府信息公开申请数量”与{last_name}报告“四、结转下年度继续办理”"
            f"不衔接（{detail}）。请核对；如因机构改革等原因不一致，请在正文中说明。",
            section=3,
            cell=("table3", "carried_in", key),
            evidence=detail,
        )
    ]


def _valid_docs(report: Report, last: Report, last_name: str) -> list[Flag]:
    flags: list[Flag] = []
    for row_key, name in (("rules", "规章"), ("normative_docs", "行政规范性文件")):
        in_force = report.figures.value("table2", row_key, "in_force")
        issued = report.figures.value("table2", row_key, "issued")
        repealed = report.figures.value("table2", row_key, "repealed")
        before = last.figures.value("table2", row_key, "in_force")
        if in_force is None or issued is None or repealed is None or before is None:
            continue
        expected = before + issued - repealed
        if expected == in_force:
            continue
        flags.append(
            make_flag(
                "Y-VALID-DOCS",
                f"表二“{name}”现行有效件数为 {_n(in_force)}，但按{last_name}现行有效 {_n(before)} ＋ "
                f"本年制发 {_n(issued)} － 本年废止 {_n(repealed)} 应为 {_n(expected)}。"
                f"如经文件清理重新统计，请在正文中说明。",
                section=2,
                cell=("table2", row_key, "in_force"),
                evidence=f"{_n(in_force)}≠{_n(before)}+{_n(issued)}-{_n(repealed)}",
            )
        )
    return flags


def _jumps(report: Report, last: Report, this_name: str, last_name: str) -> list[Flag]:
    flags: list[Flag] = []
    for table, row, col, name in _KEY_FIGURES:
        now = report.figures.value(table, row, col)
        before = last.figures.value(table, row, col)
        if now is None or before is None:
            continue
        small, large = sorted((now, before))
        if large < _JUMP_MIN or large <= _JUMP_FACTOR * small:
            continue
        direction = "增至" if now > before else "降至"
        flags.append(
            make_flag(
                "Y-JUMP",
                f"{name}由{last_name}的 {_n(before)} {direction}{this_name}的 {_n(now)}，变化超过{_JUMP_FACTOR}倍。"
                f"请核实数据；如属实，建议在正文中说明原因。",
                section=std.TABLES_BY_KEY[table].section,
                cell=(table, row, col),
                evidence=f"{_n(before)}→{_n(now)}",
            )
        )
    return flags
