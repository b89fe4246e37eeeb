"""The figures workbook: the template round-trips, a clerk's own layout still reads, bad files are refused."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from assistant import standard as std
from assistant.errors import InputError
from assistant.model import Cell, Figures
from assistant.readers import SUPPORTED_SUFFIXES, read_report, read_report_bytes
from assistant.readers.xlsx import read_figures_xlsx
from assistant.writers.layout import grids
from assistant.writers.workbook import write_figures_template
from tests.conftest import FIXTURES
from tests.writerkit import cells


def _figures(name: str = "songhe-2024.md") -> Figures:
    return read_report(FIXTURES / name).figures


@pytest.mark.parametrize("name", ["songhe-2024.md", "yunxiu-edu-2024.txt", "baiyun-2024.md"])
def test_template_with_figures_round_trips(name: str, tmp_path: Path) -> None:
    figures = _figures(name)
    path = tmp_path / "figures.xlsx"
    write_figures_template(path, figures, unit="松禾街道", year=2024)
    assert cells(read_figures_xlsx(path)) == cells(figures)


def test_template_layout(tmp_path: Path) -> None:
    figures = _figures("yunxiu-edu-2024.txt")
    path = tmp_path / "t.xlsx"
    write_figures_template(path, figures, unit="云岫县教育局", year=2024)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [*std.WORKBOOK_SHEETS.values(), std.WORKBOOK_NOTES_SHEET]
    t3 = wb[std.WORKBOOK_SHEETS["table3"]]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A3:C5", "D3:J3", "E4:I4", "A8:A29"} <= merged  # caption, 申请人情况 ×7, 法人 ×5, 三、… ×22
    assert t3["D3"].value == "申请人情况"
    labels = [t3.cell(row=r, column=c).value for r in range(6, 31) for c in (1, 2, 3)]
    assert [x for x in labels if x and x not in (std.RESULTS_HEADER, *std.RESULT_GROUPS)] == [
        r.label for r in std.TABLE3.rows
    ]
    assert t3["D6"].value == 5 and t3["D6"].number_format == "0"
    t2 = wb[std.WORKBOOK_SHEETS["table2"]]
    fees = next(row for row in t2.iter_rows() if row[0].value == "行政事业性收费")
    assert fees[1].value == 1.25 and fees[1].number_format == "0.00"
    t4 = wb[std.WORKBOOK_SHEETS["table4"]]
    assert {"A3:E3", "F3:O3", "F4:J4", "K4:O4"} <= {str(r) for r in t4.merged_cells.ranges}
    notes = "\n".join(str(c.value) for c in wb[std.WORKBOOK_NOTES_SHEET]["A"] if c.value)
    assert "填 0" in notes and "不要留空" in notes and "勾稽" in notes


def test_blank_template_reads_as_blank_not_zero(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    write_figures_template(path)
    figures = read_figures_xlsx(path)
    kinds = {cell.kind for *_, cell in figures.iter_cells()}
    assert kinds == {"blank"}
    assert sum(1 for _ in figures.iter_cells()) == 200  # 9 + 175 + 15: every cell of the three tables


def test_read_report_on_a_workbook(tmp_path: Path) -> None:
    assert ".xlsx" in SUPPORTED_SUFFIXES
    path = tmp_path / "松禾.xlsx"
    write_figures_template(path, _figures(), unit="松禾街道", year=2024)
    report = read_report(path)
    assert report.sections == []
    assert (report.meta.unit, report.meta.year, report.meta.format) == ("松禾街道", 2024, "xlsx")
    assert report.figures.value("table3", "received", "total") == 12
    same = read_report_bytes(path.read_bytes(), "upload.xlsx")
    assert cells(same.figures) == cells(report.figures)


def _clerk_workbook(figures: Figures, path: Path) -> None:
    """A clerk's own copy: all three tables on one sheet, two rows lower, a notes column on the right."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "松禾街道2024年政务公开统计表（自制）"
    ws["A2"] = "填表人：张三"
    top = 3 + 2  # two rows lower than the template's table
    for grid in grids(figures).values():
        for g in grid.cells:
            cell = ws.cell(row=top + g.row, column=1 + g.col)
            if g.role == "value":
                value = figures.cell(*g.ref).value if g.ref else None  # type: ignore[misc]
                cell.value = value
            else:
                cell.value = g.text
            if g.rowspan > 1 or g.colspan > 1:
                ws.merge_cells(
                    start_row=top + g.row,
                    start_column=1 + g.col,
                    end_row=top + g.row + g.rowspan - 1,
                    end_column=1 + g.col + g.colspan - 1,
                )
        notes = ws.cell(row=top, column=grid.n_cols + 2, value="备注")
        notes.value = "备注"
        ws.cell(row=top + grid.n_rows - 1, column=grid.n_cols + 2, value="数据经分管领导审核")
        top += grid.n_rows + 3  # blank rows between the tables
    wb.save(path)


def test_a_clerks_own_layout_still_reads(tmp_path: Path) -> None:
    figures = _figures()
    path = tmp_path / "clerk.xlsx"
    _clerk_workbook(figures, path)
    assert cells(read_figures_xlsx(path)) == cells(figures)


def test_clerks_sheet_with_shifted_rows_and_extra_column_in_the_template(tmp_path: Path) -> None:
    """The template itself moved: two rows inserted above each table and a notes column added after it."""
    figures = _figures("yunxiu-edu-2024.txt")
    path = tmp_path / "t.xlsx"
    write_figures_template(path, figures)
    wb = openpyxl.load_workbook(path)
    for title in std.WORKBOOK_SHEETS.values():
        ws = wb[title]
        ranges = [str(r) for r in ws.merged_cells.ranges]
        for r in ranges:
            ws.unmerge_cells(r)
        ws.insert_rows(1, amount=2)  # openpyxl does not move merged ranges: merge them again, shifted
        for r in ranges:
            a, b = r.split(":")
            ws.merge_cells(f"{_down(a, 2)}:{_down(b, 2)}")
        notes = ws.max_column + 1
        ws.cell(row=5, column=notes, value="备注")  # beside the first header row
        ws.cell(row=ws.max_row, column=notes, value="本表数据与台账一致，经分管领导审核。")  # beside the last row
    wb.save(path)
    assert cells(read_figures_xlsx(path)) == cells(figures)


def _down(coordinate: str, rows: int) -> str:
    m = re.match(r"([A-Z]+)(\d+)", coordinate)
    assert m
    return f"{m.group(1)}{int(m.group(2)) + rows}"


def test_formula_without_a_saved_result_is_blank_with_a_notice(tmp_path: Path) -> None:
    figures = _figures()
    path = tmp_path / "f.xlsx"
    write_figures_template(path, figures)
    wb = openpyxl.load_workbook(path)
    ws = wb[std.WORKBOOK_SHEETS["table3"]]
    ws["J6"] = "=SUM(D6:I6)"  # openpyxl stores the formula without computing it
    wb.save(path)
    report = read_report(path)
    assert report.figures.cell("table3", "received", "total").kind == "blank"
    assert report.figures.value("table3", "received", "natural_person") == 9
    assert any("J6" in n and "公式" in n for n in report.notices)


def test_formula_with_a_saved_result_reads_the_result(tmp_path: Path) -> None:
    figures = _figures()
    path = tmp_path / "f.xlsx"
    write_figures_template(path, figures)
    wb = openpyxl.load_workbook(path)
    wb[std.WORKBOOK_SHEETS["table3"]]["J6"] = "=SUM(D6:I6)"
    wb.save(path)
    _add_cached_value(path, "J6", "12")  # what Excel does when it saves
    report = read_report(path)
    assert report.figures.value("table3", "received", "total") == 12
    assert report.notices == []


def _add_cached_value(path: Path, coordinate: str, value: str) -> None:
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                text = data.decode()
                text = re.sub(
                    rf'(<c r="{coordinate}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?',
                    rf"\1<f>\2</f><v>{value}</v>",
                    text,
                )
                assert f"<v>{value}</v>" in text
                data = text.encode()
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


def test_placeholders_in_the_workbook_stay_what_they_are(tmp_path: Path) -> None:
    figures = _figures()
    figures.set("table2", "rules", "issued", Cell.parse("/"))
    figures.set("table3", "received", "natural_person", Cell.parse(""))
    path = tmp_path / "p.xlsx"
    write_figures_template(path, figures)
    back = read_figures_xlsx(path)
    assert back.cell("table2", "rules", "issued").kind == "slash"
    assert back.cell("table3", "received", "natural_person").kind == "blank"
    assert cells(back) == cells(figures)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (os.urandom(4096), "不是有效的 .xlsx"),
        (b"", "空"),
    ],
)
def test_bad_bytes_are_refused(content: bytes, words: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_report(path)
    assert words in info.value.message


def test_an_empty_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match="空"):
        read_figures_xlsx(path)


def test_a_workbook_without_the_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "金额"])
    wb.active.append(["张三", 12])
    wb.save(path)
    with pytest.raises(InputError, match="没有找到表二"):
        read_figures_xlsx(path)


def test_a_word_file_named_xlsx_is_refused() -> None:
    from assistant.writers.docx import write_docx

    buffer = io.BytesIO()
    write_docx(read_report(FIXTURES / "baiyun-2024.md"), buffer)
    with pytest.raises(InputError, match="不是 Excel 工作簿"):
        read_report_bytes(buffer.getvalue(), "renamed.xlsx")


def test_a_corrupt_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/workbook.xml", "<not xml")
    with pytest.raises(InputError, match="已损坏"):
        read_report_bytes(out.getvalue(), "broken.xlsx")
