"""Table shapes of real published reports that once gave false alarms (issue 8, kinds 6 and 7).

Each test starts from a layout of tests/layouts.py and bends one table the way a saved web page or a
PDF conversion does; the cells must read back as published, and what cannot be placed stays unread.
"""

from __future__ import annotations

import layouts as L

from assistant.checks import check
from assistant.model import CellKind, Report
from assistant.readers import read_report_text

HEADER_OF_ROWS = "| 项目 | 本年新收 | 上年结转 | 予以公开 | 部分公开 | 结转下年度 | 总计 |"
APPEAL_HEADS = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"


def _d2() -> str:
    return L.render_text("D2", L.base_figures())


def _table_codes(report: Report) -> list[str]:
    return sorted({f.code for f in check(report, None) if f.code.startswith(("T-", "S-TABLE"))})


def test_a_header_row_of_row_names_repeated_mid_table_is_no_row() -> None:
    text = _d2().replace("| （三）不予公开 |", HEADER_OF_ROWS + "\n| （三）不予公开 |", 1)
    r = read_report_text(text, "repeat.md")
    assert L.mismatches(r, L.base_figures()) == []
    assert _table_codes(r) == []


def test_generic_column_headers_are_never_values() -> None:
    generic = "| " + " | ".join(f"数据{i}" for i in range(1, 8)) + " |"
    text = _d2().replace("| 一、本年新收", generic + "\n| 一、本年新收", 1)
    # the converter's header repeated under a row whose cells the page lost: no words in those cells
    carried = "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
    text = text.replace(carried, "| 二、上年结转政府信息公开申请数量 |\n" + generic)
    r = read_report_text(text, "generic.md")
    assert r.figures.value("table3", "received", "total") == 12
    assert r.figures.cell("table3", "carried_in", "natural_person").kind is CellKind.BLANK
    assert "T-VALUE" not in _table_codes(r)


def test_appeals_as_three_labelled_tables_read_cell_for_cell() -> None:
    figures = L.base_figures()
    r = read_report_text(L.render_text("D2B", figures), "blocks.md")
    assert L.mismatches(r, figures) == [] and r.notices == []


def test_appeals_blocks_in_another_order_go_by_their_labels() -> None:
    blocks = {
        "行政复议": "| 1 | 0 | 0 | 1 | 2 |",
        "行政诉讼（未经复议直接起诉）": "| 0 | 0 | 0 | 0 | 0 |",
        "行政诉讼（复议后起诉）": "| 0 | 1 | 0 | 0 | 1 |",
    }
    order = ["行政诉讼（复议后起诉）", "行政复议", "行政诉讼（未经复议直接起诉）"]
    table = "\n".join(f"{name}\n{APPEAL_HEADS}\n{blocks[name]}" for name in order)
    text = L.render_text("D2B", L.base_figures())
    start, end = text.index(L.HEADINGS[4]), text.index(L.HEADINGS[5])
    text = text[:start] + L.HEADINGS[4] + "\n" + table + "\n" + text[end:]
    r = read_report_text(text, "order.md")
    assert L.mismatches(r, L.base_figures()) == []


def test_a_row_whose_label_was_lost_is_read_by_position() -> None:
    for lost in ("|  | 0 | 0 | 0 |", "0 0 0"):
        text = _d2().replace("| 规章 | 0 | 0 | 0 |", lost)
        r = read_report_text(text, "lost.md")
        assert L.mismatches(r, L.base_figures()) == [], lost
        assert _table_codes(r) == []
        assert any("“规章”一行的标签未读到" in n for n in r.notices)
    text = L.render_text("A", L.base_figures()).replace("规章\n\n0\n\n0\n\n0\n", "0\n\n0\n\n0\n")
    assert L.mismatches(read_report_text(text, "lost-a.txt"), L.base_figures()) == []


def test_values_before_a_label_without_a_header_are_not_taken() -> None:
    # two values between 规章 and 行政规范性文件 are no row: nothing is placed by guess
    text = _d2().replace("| 规章 | 0 | 0 | 0 |", "| 0 | 0 |")
    r = read_report_text(text, "two.md")
    assert r.figures.cell("table2", "rules", "issued").kind is CellKind.MISSING


def test_a_row_cut_short_stays_unread_never_shifted() -> None:
    text = _d2().replace("| 2.重复申请 | 0 | 1 | 0 | 0 | 0 | 0 | 1 |", "| 2.重复申请 | 0 | 1 | 0 | 0 | 0 | 1 |")
    r = read_report_text(text, "short.md")
    row = r.figures.table3.rejected_repeat  # type: ignore[union-attr]
    assert row.total.kind is CellKind.MISSING and row.natural_person.kind is CellKind.MISSING
    blank = [f for f in check(r, None) if f.code == "T-BLANK"]
    assert len(blank) == 1 and "未读到" in blank[0].message
    assert not any(f.code == "T-ROW-TOTAL" for f in check(r, None))


def test_a_worded_cell_before_padding_is_words() -> None:
    text = _d2().replace("| 行政许可 | 45 |", "| 行政许可 | 四十五件左右 | | |")
    r = read_report_text(text, "words.md")
    cell = r.figures.cell("table2", "licensing", "decisions")
    assert cell.kind is CellKind.WORDS and cell.raw == "四十五件左右"
    assert _table_codes(r) == ["T-VALUE"]


def test_pipe_rows_that_open_with_numbering_are_rows() -> None:
    text = L.render_text("D1", L.base_figures())
    assert "6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |" in text
    r = read_report_text(text, "rows.md")
    assert r.figures.value("table3", "withheld_process", "total") == 1
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]


def test_a_stray_wrapped_line_before_a_full_row_is_dropped() -> None:
    row = "| 一、本年新收政府信息公开申请数量 | 9 | 2 | 0 | 0 | 0 | 1 | 12 |"
    text = _d2().replace(row, "| 一、本年新收政府\n信息公开申请\n1\n| 9 | 2 | 0 | 0 | 0 | 1 | 12 |")
    r = read_report_text(text, "stray.md")
    assert L.mismatches(r, L.base_figures()) == []
    assert _table_codes(r) == []
    # the same value on its own line that completes the row is no stray: it is the row's first cell
    text = _d2().replace(row, "| 一、本年新收政府信息公开申请数量\n9\n| 2 | 0 | 0 | 0 | 1 | 12 |")
    assert L.mismatches(read_report_text(text, "wrapped.md"), L.base_figures()) == []


def test_appeals_as_three_labelled_rows_read_cell_for_cell() -> None:
    rows = (
        "| 项目 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 行政复议 | 1 | 0 | 0 | 1 | 2 |\n"
        "| 行政诉讼（未经复议直接起诉） | 0 | 0 | 0 | 0 | 0 |\n| 行政诉讼（复议后起诉） | 0 | 1 | 0 | 0 | 1 |\n"
    )
    text = _d2()
    start, end = text.index(L.HEADINGS[4]), text.index(L.HEADINGS[5])
    r = read_report_text(text[:start] + L.HEADINGS[4] + "\n" + rows + text[end:], "rows.md")
    assert L.mismatches(r, L.base_figures()) == [] and r.notices == []


def test_a_row_label_with_a_not_applicable_note_is_read() -> None:
    """ "规章(县级无此项) | 0 | 0 | 0 |": the note says the row does not apply; its values are still the row's."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "fixtures" / "qingshiling-2024-clean.txt").read_text(encoding="utf-8")
    at = text.index("规章\n")
    report = read_report_text(text[:at] + "规章(县级无此项)" + text[at + len("规章") :], "note.txt")
    assert [report.figures.value("table2", "rules", c) for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
