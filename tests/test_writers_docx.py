"""The .docx writer: 公文 page and fonts, and tables merged exactly as the 30号 template lays them out."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from assistant import standard as std
from assistant.readers import read_report, read_report_bytes
from assistant.writers.docx import write_docx
from tests.conftest import FIXTURES
from tests.writerkit import cells


@pytest.fixture(scope="module")
def written() -> tuple[Any, bytes]:
    report = read_report(FIXTURES / "songhe-2024.md")
    buffer = io.BytesIO()
    write_docx(report, buffer)  # a stream works as well as a path
    data = buffer.getvalue()
    return docx.Document(io.BytesIO(data)), data


def _rows(table: Any) -> list[list[tuple[str, int, str | None]]]:
    """Each row's real cells as (text, gridSpan, vMerge)."""
    return [
        [("".join(t.text or "" for t in tc.iter(qn("w:t"))), tc.grid_span, tc.vMerge) for tc in tr.tc_lst]
        for tr in table._tbl.tr_lst
    ]


def _east_asia(run: Any) -> str | None:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_three_tables_in_their_sections(written: tuple[Any, bytes]) -> None:
    document, _ = written
    assert len(document.tables) == 3
    assert document.paragraphs[0].text == "松禾街道办事处2024年政府信息公开工作年度报告"
    body = [
        "tbl" if child.tag == qn("w:tbl") else "".join(t.text or "" for t in child.iter(qn("w:t")))
        for child in document.element.body
        if child.tag in (qn("w:p"), qn("w:tbl"))
    ]
    # each table directly follows the heading of its section (those sections have no narrative here)
    for number in (2, 3, 4):
        at = body.index(std.SECTIONS_BY_NUMBER[number].heading)
        assert body[at + 1] == "tbl"
    assert body.count("tbl") == 3


def test_table3_header_merges(written: tuple[Any, bytes]) -> None:
    rows = _rows(written[0].tables[1])
    assert rows[0][0] == (std.TABLE3_CAPTION, 3, "restart")
    assert rows[0][1] == ("申请人情况", 7, None)
    assert rows[1][0] == ("", 3, "continue")
    assert ("自然人", 1, "restart") in rows[1]
    assert (std.LEGAL_PERSONS, 5, None) in rows[1]
    assert [c[0] for c in rows[2][2:7]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert rows[3][0] == ("一、本年新收政府信息公开申请数量", 3, None)
    assert [c[0] for c in rows[3][1:]] == ["9", "2", "0", "1", "0", "0", "12"]


def test_table3_results_span_22_rows_and_groups_their_sub_rows(written: tuple[Any, bytes]) -> None:
    rows = _rows(written[0].tables[1])
    first_col = [r[0] for r in rows[5:27]]
    assert first_col[0] == (std.RESULTS_HEADER, 1, "restart")
    assert all(c == ("", 1, "continue") for c in first_col[1:])
    assert rows[27][0] == ("四、结转下年度继续办理", 3, None)
    groups = [r[1][0] for r in rows[5:27] if r[1][2] == "restart"]
    assert groups == [std.GROUP_WITHHELD, std.GROUP_UNAVAILABLE, std.GROUP_NOT_PROCESSED, std.GROUP_OTHER]
    withheld = next(i for i, r in enumerate(rows) if r[1][0] == std.GROUP_WITHHELD)
    assert [r[1][2] for r in rows[withheld : withheld + 9]] == ["restart"] + ["continue"] * 7 + ["restart"]


def test_table4_header_merges(written: tuple[Any, bytes]) -> None:
    rows = _rows(written[0].tables[2])
    assert rows[0] == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert rows[1][5:] == [("未经复议直接起诉", 5, None), ("复议后起诉", 5, None)]
    assert [c[2] for c in rows[1][:5]] == ["restart"] * 5
    assert len(rows[3]) == 15


def test_table2_blocks_have_their_own_header_rows(written: tuple[Any, bytes]) -> None:
    rows = _rows(written[0].tables[0])
    assert [r[0][0] for r in rows if r[0][1] == 4] == [
        std.BLOCK_RULES,
        std.BLOCK_LICENSING,
        std.BLOCK_PENALTY,
        std.BLOCK_FEES,
    ]
    assert sum(1 for r in rows if r[0][0] == "信息内容") == 4
    assert ("行政处罚", 1, None) in rows[9] and ("37", 3, None) in rows[9]


def test_page_is_a4_with_official_margins(written: tuple[Any, bytes]) -> None:
    section = written[0].sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    assert abs(section.top_margin - Cm(3.7)) < Cm(0.05)
    assert abs(section.left_margin - Cm(2.8)) < Cm(0.05)


def test_east_asia_fonts_on_title_body_and_headings(written: tuple[Any, bytes]) -> None:
    document, _ = written
    by_text = {p.text: p for p in document.paragraphs}
    title = document.paragraphs[0]
    assert _east_asia(title.runs[0]) == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _east_asia(by_text["一、总体情况"].runs[0]) == "黑体"
    assert _east_asia(by_text["（一）主动公开"].runs[0]) == "楷体_GB2312"
    body = next(p for p in document.paragraphs if p.text.startswith("松禾街道位于"))
    assert _east_asia(body.runs[0]) == "仿宋_GB2312"
    assert body.runs[0].font.size == Pt(16)
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.paragraph_format.first_line_indent == Pt(32)  # two characters of 三号


def test_title_font_has_a_fallback(written: tuple[Any, bytes]) -> None:
    import zipfile

    fonts = zipfile.ZipFile(io.BytesIO(written[1])).read("word/fontTable.xml").decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>' in fonts
    assert "黑体" in written[0].core_properties.comments


def test_table_cells_are_centred_and_headers_bold(written: tuple[Any, bytes]) -> None:
    table = written[0].tables[1]
    caption = table.cell(0, 0).paragraphs[0]
    assert caption.runs[0].font.bold is True
    assert table.style.name == "Table Grid"
    value = table.cell(3, 3).paragraphs[0]
    assert value.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert value.runs[0].font.size == Pt(10.5)
    assert _east_asia(value.runs[0]) == "仿宋_GB2312"


def test_written_docx_reads_back(written: tuple[Any, bytes]) -> None:
    original = read_report(FIXTURES / "songhe-2024.md")
    back = read_report_bytes(written[1], "out.docx")
    assert cells(back.figures) == cells(original.figures)


def _merged_by_python_docx(document: Any, grid: Any) -> Any:
    """The table as python-docx's own API builds it (a merge per span): what the writer's one-pass XML matches."""
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement

    from assistant.writers.docx import LABEL_WIDTHS_CM, STYLE_TABLE, TABLE_FONT, TABLE_PT, TEXT_WIDTH_CM, _run

    table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    labels = LABEL_WIDTHS_CM[grid.table.key]
    rest = (TEXT_WIDTH_CM - sum(labels)) / (grid.n_cols - len(labels))
    widths = [Cm(w) for w in labels] + [Cm(rest)] * (grid.n_cols - len(labels))
    for k, column in enumerate(table.columns):
        column.width = widths[k]
        for cell in column.cells:
            cell.width = widths[k]
    matrix = [list(row.cells) for row in table.rows]
    for g in grid.cells:
        cell = matrix[g.row][g.col]
        if g.rowspan > 1 or g.colspan > 1:
            cell = cell.merge(matrix[g.row + g.rowspan - 1][g.col + g.colspan - 1])
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.style = document.styles[STYLE_TABLE]
        if g.text:
            _run(paragraph, g.text, (TABLE_FONT, TABLE_PT, g.role == "header"))
    header_rows = min(g.row for g in grid.cells if g.role == "value")
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
    return table


@pytest.mark.parametrize("name", ["songhe-2024.md", "tables-worded-cell-2023.md", "qingshiling-2024.txt"])
def test_tables_are_the_xml_python_docx_merges_give(name: str) -> None:
    from lxml import etree

    from assistant.writers.docx import _prepared, _table, _Writer
    from assistant.writers.layout import grids

    report = read_report(FIXTURES / name)
    for grid in grids(report.figures).values():
        document = docx.Document(io.BytesIO(_prepared()))
        fast = _table(document, grid, _Writer(document))
        assert fast  # the value cells' paragraphs, for comments
        expected = _merged_by_python_docx(document, grid)
        tables = document.element.body.findall(qn("w:tbl"))
        assert etree.tostring(tables[0]) == etree.tostring(expected._tbl)
