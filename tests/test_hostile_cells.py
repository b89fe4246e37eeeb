"""Table cells in Chinese numerals and with units (issue 10), in two layouts of one fixture
(fixtures/tables-cn-cells-2024.md pipe tables, .txt tab-separated): a 五 is read as 5 and said so, its row
still summed; "5件", "5%" and a 23-digit number are T-VALUE words; no row is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import standard as std
from assistant.checks import check
from assistant.model import CellKind, Report
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LAYOUTS = ["tables-cn-cells-2024.md", "tables-cn-cells-2024.txt"]
EXPECTED = [
    ("表二/行政规范性文件/本年废止件数", "填写的是文字“12345678901234567890123”而不是数字"),
    ("表二/规章/本年废止件数", "填写的是文字“5件”而不是数字"),
    ("表二/规章/现行有效件数", "填写的是文字“5%”而不是数字"),
    ("表三/（一）予以公开/自然人", "按“五”读作 5"),
]


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_worded_cell_is_one_t_value_saying_what_was_read(name: str) -> None:
    flags = check(read_report(FIXTURES / name))
    assert [f.code for f in flags] == ["T-VALUE"] * len(EXPECTED)
    assert [f.cell for f in flags] == [cell for cell, _ in EXPECTED]
    assert all(said in f.message for f, (_, said) in zip(flags, EXPECTED, strict=True)), [f.message for f in flags]


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_five_is_summed_and_no_row_is_dropped(name: str) -> None:
    report = read_report(FIXTURES / name)
    figures = report.figures
    assert figures.value("table3", "disclosed", "natural_person") == 5
    assert figures.value("table3", "disclosed", "total") == 6  # 5 + 1: no T-ROW-TOTAL above
    for table in ("table2", "table3", "table4"):
        for row in std.TABLES_BY_KEY[table].rows:
            for column in row.columns:
                cell = figures.cell(table, row.key, column.key)
                assert cell.kind in (CellKind.NUMBER, CellKind.WORDS), (table, row.key, column.key)


def test_a_wrong_chinese_numeral_shows_the_sum_error_its_digit_would(tmp_path: Path) -> None:
    for name in LAYOUTS:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert "五\t1\t" in text or "| 五 | 1 |" in text
        six = tmp_path / name
        six.write_text(text.replace("| 五 | 1 |", "| 六 | 1 |").replace("五\t1\t", "六\t1\t"), encoding="utf-8")
        codes = {f.code for f in check(read_report(six))}
        assert {"T-ROW-TOTAL", "T-RESULT-TOTAL"} <= codes, (name, codes)


def test_both_layouts_read_the_same() -> None:
    md, txt = (read_report(FIXTURES / name) for name in LAYOUTS)

    def cells(r: Report) -> list[tuple[str, str, str, CellKind, float | None]]:
        return [(t, row, col, c.kind, c.value) for t, row, col, c in r.figures.iter_cells()]

    assert cells(md) == cells(txt)
    assert [(f.code, f.cell, f.message) for f in check(md)] == [(f.code, f.cell, f.message) for f in check(txt)]
