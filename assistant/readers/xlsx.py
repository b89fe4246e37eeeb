""".xlsx: the figures of a workbook laid out like the standard's tables (the template, or a clerk's copy).

Each sheet's rows become the same cell tokens the .docx and .html readers produce, and the project's one
label-anchored table parser reads them, so extra rows, extra columns and shifted tables are handled the
same way as in any other format. A merged range is read once, where it starts. Formulas are read by
their cached values; a formula saved without one (e.g. written by a script) is blank, with a notice.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from typing import Any

from assistant import standard as std
from assistant.errors import InputError
from assistant.model import Figures, Meta, Report
from assistant.numfmt import plain_number
from assistant.readers.build import Builder
from assistant.readers.meta import find_year
from assistant.readers.sniff import MAX_INPUT_BYTES, check_size, check_zip
from assistant.unitname import unit_from_title

NOTES_SHEET = std.WORKBOOK_NOTES_SHEET  # skipped: instructions about the tables, not a table
# Closes each sheet's tokens. The parser reads a row's values up to the next label or sentence; without a
# boundary a blank last row of one sheet would take the next sheet's first cells as its values.
SHEET_END = "（工作表结束。）"
MAX_CELLS = 200_000  # a figures workbook has a few hundred cells; bound the work on hostile files


def read_figures_xlsx(path_or_bytes: str | os.PathLike[str] | bytes, name: str | None = None) -> Figures:
    """The three tables from a workbook (a path, or the bytes of an upload named ``name``)."""
    return read_xlsx_bytes(*_load(path_or_bytes, name)).figures


def _load(path_or_bytes: str | os.PathLike[str] | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(path_or_bytes, bytes):
        return path_or_bytes, name or "<xlsx>"
    p = Path(path_or_bytes)
    source = name or str(path_or_bytes)
    try:
        check_size(p.stat().st_size, source, MAX_INPUT_BYTES)
        return p.read_bytes(), source
    except OSError as exc:
        raise InputError("文件无法读取。", hint_en=f"cannot read the file: {exc}", path=source) from exc


def read_xlsx_bytes(data: bytes, source: str) -> Report:
    """A report holding the workbook's figures (and the unit and year of a template), no sections."""
    check_size(len(data), source, MAX_INPUT_BYTES)
    check_zip(data, source, "xlsx")  # before openpyxl unpacks anything
    values, formulas = _open(data, source)
    builder = Builder()
    notices: list[str] = []
    cells = 0
    for sheet in values.worksheets:
        if sheet.title == NOTES_SHEET:
            continue
        cells = _read_sheet(sheet, formulas[sheet.title], builder, notices, cells, source)
        builder.add_cell(SHEET_END, None)
    if not any(t.text and t.text != SHEET_END for t in builder.doc.tokens):
        raise InputError("工作簿是空的，没有找到表格。", hint_en="the workbook holds no cells", path=source)
    try:
        parsed = builder.report(source, "xlsx")
    except InputError as exc:
        raise _no_tables(source) from exc
    if all(parsed.figures.table(t.key) is None for t in std.TABLES):
        raise _no_tables(source)
    title = values.properties.title or None
    unit = unit_from_title(title) if title else None
    year, _ = find_year(title, "", "") if title else (None, None)
    meta = Meta(title=title, unit=unit, year=year, source=source, format="xlsx")
    return Report(
        meta=meta,
        figures=parsed.figures,
        notices=notices + parsed.notices,
        old_format_markers=parsed.old_format_markers,
    )


def _read_sheet(sheet: Any, formula_sheet: Any, builder: Builder, notices: list[str], cells: int, source: str) -> int:
    """Feed one sheet's non-empty rows to ``builder``; the running cell count (bounded by MAX_CELLS)."""
    for row in sheet.iter_rows():
        texts: list[str] = []
        for cell in row:
            if type(cell).__name__ == "MergedCell":
                continue  # covered by a merged range: its text stands in the range's first cell
            cells += 1
            if cells > MAX_CELLS:
                raise InputError(
                    "工作簿过大，不像年度报告的统计表。",
                    hint_en=f"more than {MAX_CELLS} cells",
                    path=source,
                )
            text = _text(cell.value)
            if cell.value is None and _is_formula(formula_sheet[cell.coordinate].value):
                notices.append(
                    f"工作表“{sheet.title}”的 {cell.coordinate} 是公式但没有保存计算结果，已按空白处理；"
                    "请在 Excel 中打开并保存后重新上传。"
                )
            texts.append(text)
        if any(texts):  # an empty row adds nothing but empty tokens
            for text in texts:
                builder.add_cell(text, _cell_row(row))
    return cells


def _cell_row(row: tuple[Any, ...]) -> int | None:
    return row[0].row if row else None


def _no_tables(source: str) -> InputError:
    return InputError(
        "工作簿中没有找到表二、表三或表四（请按年度报告格式的行列标签填写，可先下载模板）。",
        hint_en="no standard table found in the workbook",
        path=source,
    )


def _open(data: bytes, source: str) -> tuple[Any, Any]:
    """The workbook twice: cached values for the figures, formulas to tell an unsaved formula from a blank."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about every Excel extension it drops
            values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises KeyError, ValueError, lxml errors … for broken files
        raise InputError(
            "Excel 工作簿已损坏或不是标准的 .xlsx 文件，无法读取。",
            hint_en=f"corrupt or non-standard .xlsx: {type(exc).__name__}",
            path=source,
        ) from exc
    return values, formulas


def _is_formula(value: Any) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__ == "ArrayFormula"


def _text(value: Any) -> str:
    """A cell's value as the text a reader of a printed table would see."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return plain_number(value)
    return str(value).strip()
