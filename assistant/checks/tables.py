"""Table family: the 勾稽关系 of 表三/表四, cell values, blank cells, level plausibility, absent tables.

Identities come from :data:`assistant.standard.IDENTITIES`; an identity is checked only when all its
cells hold numbers, because a blank or a word is reported once (T-BLANK / T-VALUE) and must never be
read as 0.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant import standard as std
from assistant.checks.codes import make_flag
from assistant.model import Cell, CellKind, Flag, Report, is_cn_numeral_cell
from assistant.unitname import level_from_self_names

_BLANK_KINDS = frozenset((CellKind.BLANK, CellKind.SLASH, CellKind.DASH, CellKind.NA, CellKind.MISSING))
_EPS = 1e-6
# A township or street collecting more than this (万元) in 行政事业性收费 is far more likely a 元/万元
# mix-up than a real figure; below it we stay silent, since some townships do collect fees.
_LOCAL_FEES_LIMIT = 500.0


def run(report: Report) -> list[Flag]:
    """Absent tables, bad or blank cells, broken identities and figures implausible for the unit's level."""
    flags: list[Flag] = []
    numbers: dict[std.CellRef, float] = {}  # every number cell of the tables present, read once
    for table in std.TABLES:
        if report.figures.table(table.key) is None:
            flags.extend(_missing_table(report, table))
            continue
        flags.extend(_cells(report, table, numbers))
    flags.extend(_identities(numbers))
    flags.extend(_level(report))
    return flags


# ---------------------------------------------------------------------------------------------------
# Absent tables
# ---------------------------------------------------------------------------------------------------
def _missing_table(report: Report, table: std.Table) -> list[Flag]:
    has_section = report.section(table.section) is not None
    read_from_file = not report.sections and (report.meta.source is not None or report.meta.format is not None)
    if not (has_section or read_from_file) or report.meta.format == "json":
        return []
    heading = std.SECTIONS_BY_NUMBER[table.section].heading
    return [
        make_flag(
            "S-TABLE-MISSING",
            f"“{heading}”中未读到{table.name}（{table.title}）。如表格以图片形式发布，请改为文字表格；"
            f"否则无法核对其数据。",
            section=table.section,
            evidence=table.name,
        )
    ]


# ---------------------------------------------------------------------------------------------------
# Cell values and blanks
# ---------------------------------------------------------------------------------------------------
def _cells(report: Report, table: std.Table, numbers: dict[std.CellRef, float]) -> list[Flag]:
    flags: list[Flag] = []
    blank_rows: list[tuple[std.Row, list[std.Column]]] = []
    filled = 0
    model = report.figures.table(table.key)
    for row in table.rows:
        blanks: list[std.Column] = []
        cells = getattr(model, row.key)
        for col in row.columns:
            cell: Cell = getattr(cells, col.key)
            kind, value = cell.kind, cell.value
            if kind in _BLANK_KINDS:
                blanks.append(col)
                continue
            filled += 1
            if kind is CellKind.NUMBER and value is not None:
                numbers[(table.key, row.key, col.key)] = value
                if type(value) is int and value >= 0 and cell.raw.isascii():
                    continue  # whole, not negative, in digits: nothing wrong (the common case, kept cheap)
            in_words = is_cn_numeral_cell(cell)
            problem = f"按“{cell.raw}”读作 {value}" if in_words else _bad_value(cell, col)
            if problem:
                flags.append(
                    make_flag(
                        "T-VALUE",
                        f"{table.name}“{_row_label(table, row)}”（{col.label}）{problem}，请填写非负"
                        f"{'数值' if col.value_type == 'amount' else '整数'}。",
                        section=table.section,
                        cell=(table.key, row.key, col.key),
                        evidence=cell.raw or str(cell),
                    )
                )
        if blanks:
            blank_rows.append((row, blanks))
    if filled == 0:
        # One flag for a table with no figure at all, not one per row.
        unread = all(cell.kind is CellKind.MISSING for *_, cell in _cells_of(report, table))
        message = (
            f"{table.name}（{table.title}）未能按2021年格式读到任何数字，请按国办公开办函〔2021〕30号的表格填写。"
            if unread
            else f"{table.name}（{table.title}）整表未填写数字。没有发生的事项应填 0，不要留空或填“/”。"
        )
        evidence = "整表未读到" if unread else "整表空白"
        return [make_flag("T-BLANK", message, section=table.section, cell=(table.key,), evidence=evidence)]
    for row, blanks in blank_rows:
        first = blanks[0]
        cell = report.figures.cell(table.key, row.key, first.key)
        names = "、".join(c.label for c in blanks)
        what = (
            "未读到"
            if all(report.figures.cell(table.key, row.key, c.key).kind is CellKind.MISSING for c in blanks)
            else "为空白或“/”“—”“不适用”"
        )
        flags.append(
            make_flag(
                "T-BLANK",
                f"{table.name}“{_row_label(table, row)}”有 {len(blanks)} 个单元格{what}（{names}）。"
                f"没有发生的事项应填 0，不能留空。",
                section=table.section,
                cell=(table.key, row.key, first.key),
                evidence=str(cell),
            )
        )
    return flags


def _bad_value(cell: Cell, col: std.Column) -> str | None:
    if cell.kind is CellKind.WORDS:
        return f"填写的是文字“{cell.raw}”而不是数字"
    if not cell.is_number:
        return None
    value = cell.value
    assert value is not None
    if value < 0:
        return f"为负数 {cell}"
    if col.value_type == "count" and abs(value - round(value)) > _EPS:
        return f"为小数 {cell}，件数应为整数"
    return None


def _row_label(table: std.Table, row: std.Row) -> str:
    if table.key == "table4" and row.group:
        return f"{row.group}·{row.label}"
    return row.label


# ---------------------------------------------------------------------------------------------------
# Identities
# ---------------------------------------------------------------------------------------------------
def _identities(numbers: dict[std.CellRef, float]) -> list[Flag]:
    flags: list[Flag] = []
    for ident in std.IDENTITIES:
        try:
            left = [numbers[ref] for ref in ident.left]
            right = [numbers[ref] for ref in ident.right]
        except KeyError:
            continue  # a cell that is not a number (or a table that is absent): not checkable
        if abs(sum(left) - sum(right)) <= _EPS:
            continue
        flags.append(_identity_flag(ident, left, right))
    return flags


def _identity_flag(ident: std.Identity, left: list[float], right: list[float]) -> Flag:
    table_key, row_key, col_key = ident.left[0]
    table = std.TABLES_BY_KEY[table_key]
    row = table.row(row_key)
    col = next(c for c in row.columns if c.key == col_key)
    cell = ident.left[0]
    total, expected = _n(sum(left)), _n(sum(right))
    if ident.code == "T-BALANCE":
        received, carried_in = (_n(v) for v in left)
        handled, carried_out = (_n(v) for v in right)
        message = (
            f"{table.name}（{col.label}列）本年新收 {received} ＋ 上年结转 {carried_in} ＝ {_n(sum(left))}，"
            f"而办理结果总计 {handled} ＋ 结转下年度 {carried_out} ＝ {expected}，收支不平衡。"
        )
        evidence = f"{received}+{carried_in}≠{handled}+{carried_out}"
    elif ident.code == "T-ROW-TOTAL":
        message = (
            f"{table.name}“{row.label}”的总计应为 {expected}（六类申请人之和 "
            f"{'＋'.join(_n(v) for v in right)}），现为 {total}。"
        )
        evidence = total
    elif ident.code == "T-RESULT-TOTAL":
        message = f"{table.name}“（七）总计”（{col.label}列）应为 {expected}（各办理结果之和），现为 {total}。"
        evidence = total
    else:  # T-APPEAL-TOTAL
        message = (
            f"{table.name}“{_row_label(table, row)}”的总计应为 {expected}（维持、纠正、其他、尚未审结之和 "
            f"{'＋'.join(_n(v) for v in right)}），现为 {total}。"
        )
        evidence = total
    return make_flag(ident.code, message, section=table.section, cell=cell, evidence=evidence)


def _n(value: float) -> str:
    if abs(value - round(value)) <= _EPS:
        return str(round(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------------
# Level plausibility
# ---------------------------------------------------------------------------------------------------
def _unit_level(report: Report) -> str | None:
    if report.meta.level:
        return report.meta.level
    unit = (report.meta.unit or "").strip()
    for suffix, level in std.UNIT_LEVEL_SUFFIXES:
        if unit.endswith(suffix):
            return level
    # No name read: the text tells the level when it always calls itself the same (我镇, 本街道, 我县).
    return level_from_self_names("\n".join(s.text for s in report.sections))


def _level(report: Report) -> list[Flag]:
    level = _unit_level(report)
    if level is None or report.figures.table2 is None:
        return []
    flags: list[Flag] = []
    fig = report.figures
    level_name = {"township": "乡镇", "street": "街道", "county": "县级"}.get(level, "")
    if level in std.NO_RULES_LEVELS:
        for col in std.TABLE2.row("rules").columns:
            value = fig.value("table2", "rules", col.key)
            if value is not None and value > 0:
                flags.append(
                    make_flag(
                        "T-LEVEL",
                        f"表二“规章”（{col.label}）为 {_n(value)}，但{level_name}单位没有规章制定权"
                        f"（只有设区的市及以上人民政府制定规章），应为 0；本单位制发的文件请填入“行政规范性文件”行。",
                        section=2,
                        cell=("table2", "rules", col.key),
                        evidence=_n(value),
                    )
                )
                break  # one flag for the row: the fix is the same for all three cells
    if level in ("township", "street"):
        fees = fig.value("table2", "fees", "amount")
        if fees is not None and fees > _LOCAL_FEES_LIMIT:
            flags.append(
                make_flag(
                    "T-LEVEL",
                    f"表二“行政事业性收费”为 {_n(fees)} 万元，对{level_name}单位而言异常偏大，"
                    f"请核实是否把“元”误填为“万元”。",
                    section=2,
                    cell=("table2", "fees", "amount"),
                    evidence=_n(fees),
                )
            )
    return flags


def _cells_of(report: Report, table: std.Table) -> Iterator[tuple[str, str, Cell]]:
    for row in table.rows:
        for col in row.columns:
            yield row.key, col.key, report.figures.cell(table.key, row.key, col.key)
