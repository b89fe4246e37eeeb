"""The readers' fast path builds cells, rows and tables without validating them again: what it builds must be
exactly what validation builds (same values, same JSON, same fields set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.model import Cell, Figures, Report, Source, found_cell
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RAWS = ["0", "12", "1,234", "3.50", "-2", "", "/", "—", "不适用", "无", "减4", "三件", " 7 "]


@pytest.mark.parametrize("raw", RAWS)
def test_parsed_cell_is_the_validated_cell(raw: str) -> None:
    src = Source.of_cell("a.txt", "表三", "自然人", "总计", 12, None)
    fast, slow = Cell.parsed(raw, src), Cell.parse(raw, src)
    assert fast == slow
    assert fast.model_dump_json() == slow.model_dump_json()
    assert fast.model_fields_set == slow.model_fields_set


def test_source_of_a_cell_is_the_validated_source() -> None:
    by_line = Source(file="a.txt", table="表三", row="r", column="c", line=3)
    by_grid = Source(file=None, table="表二", row="r", column="c", docx_table=1, docx_row=2, docx_col=3)
    for fast, slow in (
        (Source.of_cell("a.txt", "表三", "r", "c", 3, None), by_line),
        (Source.of_cell(None, "表二", "r", "c", 9, (1, 2, 3)), by_grid),
    ):
        assert fast == slow
        assert fast.model_dump_json() == slow.model_dump_json()
        assert fast.model_fields_set == slow.model_fields_set


def test_missing_cell_is_the_validated_missing_cell() -> None:
    fast, slow = Cell.missing(), Cell.model_validate({"kind": "missing"})
    assert fast == slow and fast.model_fields_set == slow.model_fields_set


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt"))[:12])
def test_read_figures_survive_validation_unchanged(name: str) -> None:
    report = read_report(FIXTURES / name)
    again = Report.model_validate_json(report.model_dump_json())
    assert again == report
    assert again.model_dump_json() == report.model_dump_json()
    assert Figures.model_validate(report.figures.model_dump()) == report.figures


def test_assembled_figures_fill_unread_cells_as_missing() -> None:
    cell = Cell.parse(5)
    figures = Figures.assembled({"table3": {"received": {"total": cell}}, "table4": {}})
    assert figures.table2 is None
    assert figures.cell("table3", "received", "total") == cell
    assert figures.cell("table3", "received", "commercial") == Cell.missing()
    assert all(c == Cell.missing() for t, *_, c in figures.iter_cells() if t == "table4")
    expected = Figures()
    expected.set("table3", "received", "total", cell)
    expected.set("table4", "review", "total", Cell.missing())
    assert figures.model_dump_json() == expected.model_dump_json()


def test_assembled_report_is_the_validated_report() -> None:
    read = read_report(FIXTURES / "claims-qingshiling-2024-draft.txt")
    parts = (read.meta, read.sections, read.figures, read.notices, read.old_format_markers)
    fast = Report.assembled(*parts)
    slow = Report(meta=parts[0], sections=parts[1], figures=parts[2], notices=parts[3], old_format_markers=parts[4])
    assert fast == slow
    assert fast.model_dump_json() == slow.model_dump_json()
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.sections is not read.sections  # its own lists, as validation makes them


@pytest.mark.parametrize("grid", [None, (1, 2, 3)])
@pytest.mark.parametrize("line", [None, 7])
def test_found_cell_is_the_validated_cell(line: int | None, grid: tuple[int, int, int] | None) -> None:
    for raw in RAWS:
        fast = found_cell(raw, "a.txt", "表三", "自然人", "总计", line, grid)
        slow = Cell.parse(raw, Source.of_cell("a.txt", "表三", "自然人", "总计", line, grid))
        assert fast == slow and repr(fast) == repr(slow)
        assert fast.model_fields_set == slow.model_fields_set
        assert fast.source is not None and slow.source is not None
        assert fast.source.model_fields_set == slow.source.model_fields_set
