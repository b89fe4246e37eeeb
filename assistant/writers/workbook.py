"""The figures workbook: an .xlsx a clerk fills in, one sheet per table, laid out like the standard.

The same grids as the report writers (merged headers, the standard's row labels in order), number cells
typed as numbers, and a 说明 sheet. A blank template leaves every figure cell empty — never 0 — so a
figure nobody entered stays visibly missing when the workbook is read back.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from assistant import standard as std
from assistant.model import Figures
from assistant.numfmt import whole
from assistant.writers.layout import Grid, grids

TABLE_TOP = 3  # the table starts on this row: a title above it, then a spacer row
COUNT_FORMAT = "0"
AMOUNT_FORMAT = "0.00"
# Excel column widths (characters) of the label columns; value columns get VALUE_WIDTH.
LABEL_WIDTHS: dict[str, tuple[float, ...]] = {"table2": (22,), "table3": (8, 16, 44), "table4": ()}
VALUE_WIDTH = {"table2": 18, "table3": 11, "table4": 10}


def write_figures_template(
    target: str | Path | IO[bytes],
    figures: Figures | None = None,
    *,
    unit: str | None = None,
    year: int | None = None,
) -> None:
    """Write the figures workbook; with ``figures`` its cells are filled in, without it they are empty."""
    from openpyxl import Workbook

    wb = Workbook()
    if wb.active is not None:  # a new workbook has one empty sheet; the sheets below replace it
        wb.remove(wb.active)
    title = std.standard_title(unit, year) if unit and year else None
    if title:
        wb.properties.title = title  # read back as the report's unit and year
    for key, grid in grids(figures).items():
        _sheet(wb.create_sheet(std.WORKBOOK_SHEETS[key]), grid, figures, unit, year)
    _notes(wb.create_sheet(std.WORKBOOK_NOTES_SHEET))
    wb.save(target if not isinstance(target, Path) else str(target))


def _value(figures: Figures | None, ref: tuple[str, str, str] | None) -> int | float | str | None:
    """What goes into a figure cell: a number as a number, a placeholder ("/") as text, else nothing."""
    if figures is None or ref is None:
        return None
    cell = figures.cell(*ref)
    if cell.is_number and cell.value is not None:
        return whole(cell.value)
    return cell.raw or None


def _sheet(ws: Any, grid: Grid, figures: Figures | None, unit: str | None, year: int | None) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    table = grid.table
    head = f"{unit}{year}年　" if unit and year else ""
    ws.cell(row=1, column=1, value=f"{head}{table.name}　{table.title}").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.n_cols)

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    labels = Alignment(horizontal="left", vertical="center", wrap_text=True)
    counts = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        errorStyle="warning",  # a warning, not a block: a clerk may need to type "/" and explain it
        errorTitle="请填写非负整数",
        error="件数应为 0 或正整数；没有发生的请填 0，不要留空。",
    )
    amounts = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        errorStyle="warning",
        errorTitle="请填写金额",
        error="收费金额以万元为单位，可保留两位小数；没有收费的请填 0。",
    )
    ws.add_data_validation(counts)
    ws.add_data_validation(amounts)

    # borders first, on every position: a merged range shows the borders of the cells it covers
    for r in range(grid.n_rows):
        for c in range(grid.n_cols):
            ws.cell(row=TABLE_TOP + r, column=1 + c).border = border
    for g in grid.cells:
        row, col = TABLE_TOP + g.row, 1 + g.col
        cell = ws.cell(row=row, column=col)
        if g.role == "value":
            cell.value = _value(figures, g.ref)
            cell.number_format = AMOUNT_FORMAT if g.amount else COUNT_FORMAT
            cell.alignment = centred
            (amounts if g.amount else counts).add(cell.coordinate)
        else:
            cell.value = g.text
            cell.alignment = labels if g.role == "label" else centred
            cell.font = Font(bold=g.role == "header")
        if g.rowspan > 1 or g.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + g.rowspan - 1, end_column=col + g.colspan - 1)
    widths = LABEL_WIDTHS[table.key]
    for c in range(grid.n_cols):
        width = widths[c] if c < len(widths) else VALUE_WIDTH[table.key]
        ws.column_dimensions[get_column_letter(1 + c)].width = width
    first_value = min(g.row for g in grid.cells if g.role == "value")
    if table.key != "table2":  # 表二's header rows repeat per block; freezing one would hide the rest
        ws.freeze_panes = ws.cell(row=TABLE_TOP + first_value, column=1 + grid.label_cols)


def _notes(ws: Any) -> None:
    from openpyxl.styles import Alignment, Font

    t3 = std.TABLE3
    received, carried_in = t3.row("received").label, t3.row("carried_in").label
    handled, carried_out = t3.row("handled_total").label, t3.row("carried_out").label
    applicants = "＋".join(c.label for c in std.APPLICANT_COLUMNS if c.key != "total")
    appeal = "＋".join(c.label for c in std.APPEAL_COLUMNS if c.key in std.APPEAL_SUM_COLUMNS)
    lines = [
        "填表说明",
        "1. 本工作簿按国办公开办函〔2021〕30号年度报告格式设置"
        f"{'、'.join(std.WORKBOOK_SHEETS.values())}三张表，请在各表的数字格中填写本年度数字。",
        "2. 没有发生的事项请填 0，不要留空：留空的格子按“未填写”处理，核对时会提示补填。",
        "3. 件数一律填非负整数；行政事业性收费金额以万元为单位，可保留两位小数。",
        f"4. 表三每一列：“{received}”＋“{carried_in}”＝“{handled}”＋“{carried_out}”（表头所注勾稽关系）。",
        f"5. 表三每一列：“{handled}”＝（一）至（六）各项办理结果之和。",
        f"6. 表三每一行：总计＝{applicants}。",
        f"7. 表四每组（行政复议、未经复议直接起诉、复议后起诉）：总计＝{appeal}。",
        f"8. 本年“{carried_in}”应等于上年报告的“{carried_out}”。",
        "9. 请勿增删、合并或改写行列标签；可在表格右侧或下方加备注。",
        "10. 使用公式的，请在 Excel 中保存后再上传，以便保存计算结果。",
    ]
    for k, line in enumerate(lines, start=1):
        cell = ws.cell(row=k, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if k == 1:
            cell.font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110
