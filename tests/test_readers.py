"""Readers: the real seed, every table layout, .docx with merged cells, .html inside page chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import standard as std
from assistant.model import CellKind
from assistant.readers import SUPPORTED_SUFFIXES, read_report, read_report_bytes, read_report_text
from tests import layouts as L


# ---------------------------------------------------------------------------------------------------
# The real seed
# ---------------------------------------------------------------------------------------------------
def test_seed_meta(seed_path: Path) -> None:
    r = read_report(seed_path)
    assert r.meta.title == "白石山镇政府信息公开工作年度报告"
    assert r.meta.unit == "白石山镇"
    assert r.meta.year == 2024
    assert r.meta.level == "township"
    assert r.meta.period == "2024年1月1日起至2024年12月31日止"
    assert r.meta.format == "text"
    assert r.meta.source == str(seed_path)
    assert r.notices == []
    assert r.old_format_markers == []


def test_seed_sections(seed_path: Path) -> None:
    r = read_report(seed_path)
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert [s.numbering for s in r.sections] == ["", "一、", "二、", "3、", "4、", "五、", "六、"]
    assert r.section(3).heading == "3、 收到和处理政府信息公开申请情况"  # type: ignore[union-attr]
    assert r.section(3).line == 57  # type: ignore[union-attr]
    assert r.text_of(6) == "无"
    assert r.text_of(5).startswith("（一）存在的主要问题")
    assert "[bookmark" not in r.text_of(1)
    assert r.text_of(1).startswith("白石山镇一直以来")
    assert "统计时限为2024年1月1日" in r.text_of(0)
    # table cells never reach the narrative
    for n in (2, 3, 4):
        assert r.text_of(n) == ""


def test_seed_every_cell_is_a_number(seed_path: Path) -> None:
    r = read_report(seed_path)
    cells = list(r.figures.iter_cells())
    assert len(cells) == 10 + 175 + 15
    for table, row, col, cell in cells:
        assert cell.kind is CellKind.NUMBER, (table, row, col, cell)
        expected = 3 if (table, row) == ("table2", "penalty") else 0
        assert cell.value == expected, (table, row, col)


def test_seed_provenance(seed_path: Path) -> None:
    r = read_report(seed_path)
    c = r.figures.cell("table3", "other_other", "total")
    assert c.source is not None
    assert c.source.table == "表三"
    assert c.source.row == "3.其他"
    assert c.source.column == "总计"
    assert c.source.line is not None and 300 < c.source.line < 360
    p = r.figures.cell("table2", "penalty", "decisions")
    assert p.source is not None and p.source.line == 43


# ---------------------------------------------------------------------------------------------------
# Text layouts
# ---------------------------------------------------------------------------------------------------
def _figures_for(layout: str) -> L.Figures:
    if layout == "E":
        return L.single_digit_figures()
    if layout in ("C", "D1", "D2", "TAB"):
        return L.placeholder_figures()  # these layouts keep empty cells, so blanks and "/" survive
    return L.base_figures()


@pytest.mark.parametrize("layout", L.TEXT_LAYOUTS)
def test_text_layout_reads_back_exactly(layout: str) -> None:
    figures = _figures_for(layout)
    r = read_report_text(L.render_text(layout, figures), source=f"{layout}.txt")
    assert L.mismatches(r, figures) == []
    assert r.notices == []
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert r.meta.unit == L.UNIT and r.meta.year == L.YEAR and r.meta.title == L.TITLE
    assert r.text_of(6) == L.NARRATIVE[6][0]
    assert r.text_of(1).split("\n") == L.NARRATIVE[1]
    for n in (2, 3, 4):
        assert r.text_of(n) == "", layout


@pytest.mark.parametrize("layout", ["C", "D1", "D2", "TAB"])
def test_placeholders_stay_distinct(layout: str) -> None:
    r = read_report_text(L.render_text(layout, L.placeholder_figures()))
    assert r.figures.cell("table2", "rules", "issued").kind is CellKind.SLASH
    assert r.figures.cell("table2", "enforcement", "decisions").kind is CellKind.BLANK
    assert r.figures.cell("table2", "licensing", "decisions").kind is CellKind.NA
    assert r.figures.cell("table3", "rejected_mass", "research").kind is CellKind.BLANK
    assert r.figures.cell("table3", "other_other", "legal_service").kind is CellKind.DASH
    assert r.figures.cell("table2", "fees", "amount").value == 1.25


def test_layout_a_short_row_fills_only_the_total() -> None:
    """Layout A loses empty cells: a 表三 row with one number is its 总计, the rest stays blank."""
    text = L.render_text("A", L.base_figures())
    text = text.replace(
        "二、上年结转政府信息公开申请数量\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n",
        "二、上年结转政府信息公开申请数量\n\n1\n",
    )
    r = read_report_text(text)
    row = r.figures.table3.carried_in  # type: ignore[union-attr]
    assert row.total.value == 1
    assert row.natural_person.kind is CellKind.BLANK
    assert r.figures.value("table3", "received", "total") == 12


def test_words_in_a_cell_are_kept() -> None:
    figures = L.base_figures()
    figures["table2"]["penalty"] = {"decisions": "减4"}
    r = read_report_text(L.render_text("D1", figures))
    cell = r.figures.cell("table2", "penalty", "decisions")
    assert cell.kind is CellKind.WORDS and cell.raw == "减4"


def test_glued_digits_that_cannot_be_split_stay_missing() -> None:
    figures = L.base_figures()  # 行政规范性文件 3/1/12 glued: "3112" cannot be split into 3 columns
    r = read_report_text(L.render_text("E", figures))
    assert r.figures.cell("table2", "normative_docs", "in_force").kind is CellKind.MISSING
    assert any("行政规范性文件" in n for n in r.notices)
    assert r.figures.value("table2", "licensing", "decisions") == 45


def test_missing_row_stays_missing() -> None:
    figures = L.base_figures()
    text = L.render_text("D1", figures)
    text = "\n".join(line for line in text.split("\n") if not line.startswith("2.重复申请"))
    r = read_report_text(text)
    assert r.figures.cell("table3", "rejected_repeat", "total").kind is CellKind.MISSING
    assert r.figures.value("table3", "rejected_publication", "total") == 0
    assert r.figures.value("table3", "handled_total", "total") == 12


def test_table_as_image_gives_none_and_a_notice() -> None:
    text = "\n".join([L.TITLE, L.PREAMBLE, *(L.HEADINGS[n] for n in range(1, 7))])
    r = read_report_text(text)
    assert r.figures.table2 is None and r.figures.table3 is None and r.figures.table4 is None
    assert "第三部分未读到表格（可能以图片形式发布），表格数字无法核对。" in r.notices
    assert len(r.notices) == 3
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]


def test_narrative_before_a_table_stays_in_its_section() -> None:
    text = L.render_text("D1", L.base_figures())
    text = text.replace(L.HEADINGS[3] + "\n", L.HEADINGS[3] + "\n本年度共收到申请12件，详见下表。\n")
    r = read_report_text(text)
    assert r.text_of(3) == "本年度共收到申请12件，详见下表。"
    assert r.figures.value("table3", "received", "total") == 12


# ---------------------------------------------------------------------------------------------------
# Old format markers
# ---------------------------------------------------------------------------------------------------
def test_old_format_markers() -> None:
    figures = L.base_figures()
    text = L.render_text("D1", figures)
    text = text.replace(
        "本年制发件数 | 本年废止件数 | 现行有效件数", "本年新制作数量 | 本年新公开数量 | 对外公开总数量"
    )
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("（六）其他处理"))
    end = next(i for i, line in enumerate(lines) if line.startswith("（七）总计"))
    lines[start:end] = ["（六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"]
    r = read_report_text("\n".join(lines))
    assert "本年新制作数量" in r.old_format_markers
    assert "对外公开总数量" in r.old_format_markers
    assert "（六）其他处理（单行）" in r.old_format_markers
    # 2019's 对外公开总数量 is not 2021's 现行有效件数: nothing is read into the wrong column, and it says so.
    assert r.figures.cell("table2", "normative_docs", "in_force").kind is CellKind.MISSING
    assert any("2019年试行格式" in n for n in r.notices)
    from assistant.checks import check

    blank = [f for f in check(r) if f.code == "T-BLANK" and f.section == 2]
    assert len(blank) == 1 and "未能按2021年格式读到" in blank[0].message


# ---------------------------------------------------------------------------------------------------
# Headings
# ---------------------------------------------------------------------------------------------------
def test_heading_variants() -> None:
    heads = dict(L.HEADINGS)
    heads[1] = "一.总体情况"
    heads[2] = "二 、主动公开政府信息情况"
    heads[4] = "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"
    heads[5] = "存在的主要问题及改进措施"
    r = read_report_text(L.render_text("D2", L.base_figures(), headings=heads))
    assert [(s.number, s.numbering) for s in r.sections] == [
        (0, ""),
        (1, "一."),
        (2, "二 、"),
        (3, "三、"),
        (4, "四、"),
        (5, ""),
        (6, "六、"),
    ]
    assert L.mismatches(r, L.base_figures()) == []


def test_subheadings_are_not_sections() -> None:
    text = "\n".join(
        [
            L.TITLE,
            "一、总体情况",
            "（一）主动公开",
            "1.主动公开政府信息情况",
            "（二）存在的主要问题",
            "一是更新慢。",
            "二、主动公开政府信息情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
            "无",
        ]
    )
    r = read_report_text(text)
    assert [s.number for s in r.sections] == [0, 1, 2, 5, 6]


def test_order_and_duplicates_are_kept_as_found() -> None:
    text = "\n".join([L.TITLE, "二、主动公开政府信息情况", "一、总体情况", "概况。", "一、总体情况", "重复。"])
    r = read_report_text(text)
    assert [s.number for s in r.sections] == [0, 2, 1, 1]


def test_whole_body_on_one_line() -> None:
    text = L.render_text("D1", L.base_figures())
    lines = [line for line in text.split("\n") if line.strip()]
    one_line = lines[0] + "\n" + " ".join(lines[1:])
    r = read_report_text(one_line)
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert r.section(2).heading == "二、主动公开政府信息情况"  # type: ignore[union-attr]
    assert L.mismatches(r, L.base_figures()) == []
    assert r.text_of(6) == L.NARRATIVE[6][0]
    assert r.text_of(5) == L.NARRATIVE[5][0]


def test_heading_glued_to_text() -> None:
    r = read_report_text(L.TITLE + "\n六、其他需要报告的事项本年度未收取信息处理费。")
    s = r.section(6)
    assert s is not None and s.heading == "六、其他需要报告的事项"
    assert s.text == "本年度未收取信息处理费。"


# ---------------------------------------------------------------------------------------------------
# Meta
# ---------------------------------------------------------------------------------------------------
def test_title_split_over_two_lines_and_year_from_period() -> None:
    text = L.render_text("D1", L.base_figures()).replace(L.TITLE, "青禾镇人民政府\n政府信息公开工作年度报告")
    r = read_report_text(text)
    assert r.meta.title == "青禾镇人民政府政府信息公开工作年度报告"
    assert r.meta.unit == "青禾镇"
    assert r.meta.year == 2023
    assert r.meta.period == "2023年1月1日至2023年12月31日"


@pytest.mark.parametrize(
    ("title", "unit", "level"),
    [
        ("某某县教育局2023年政府信息公开工作年度报告", "某某县教育局", "county"),
        ("某某市统计局2023年政府信息公开工作年度报告", "某某市统计局", "city"),
        ("某某街道办事处2023年政府信息公开工作年度报告", "某某街道", "street"),
        ("某某乡人民政府2023年政府信息公开工作年度报告", "某某乡", "township"),
    ],
)
def test_unit_and_level(title: str, unit: str, level: str) -> None:
    r = read_report_text(f"{title}\n一、总体情况\n正文。")
    assert (r.meta.unit, r.meta.level, r.meta.year) == (unit, level, 2023)


def test_unit_from_preamble_when_title_has_none() -> None:
    r = read_report_text("2023年政府信息公开工作年度报告\n如有疑问请联系青禾镇人民政府。\n一、总体情况\n正文。")
    assert r.meta.unit == "青禾镇"


# ---------------------------------------------------------------------------------------------------
# .docx and .html
# ---------------------------------------------------------------------------------------------------
def test_docx_with_merged_cells(tmp_path: Path) -> None:
    figures = L.placeholder_figures()
    path = tmp_path / "report.docx"
    path.write_bytes(L.render_docx(figures))
    r = read_report(path)
    assert L.mismatches(r, figures) == []
    assert r.meta.format == "docx" and r.meta.title == L.TITLE and r.meta.unit == L.UNIT
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert r.notices == []
    src = r.figures.cell("table3", "received", "total").source
    assert src is not None and src.docx_table == 1 and src.docx_row == 3 and src.docx_col == 9
    assert r.section(2).line is not None  # type: ignore[union-attr]


def test_docx_merges_are_real() -> None:
    import io
    import zipfile

    data = L.render_docx(L.base_figures())
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "w:gridSpan" in xml and "w:vMerge" in xml


def test_html_with_spans_inside_chrome() -> None:
    figures = L.placeholder_figures()
    r = read_report_bytes(L.render_html(figures).encode("utf-8"), "page.html")
    assert L.mismatches(r, figures) == []
    assert r.meta.format == "html" and r.meta.title == L.TITLE
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert "首页" not in r.text_of(0) and "索引号" not in r.text_of(0)
    assert r.text_of(6) == L.NARRATIVE[6][0]


def test_html_in_gb18030() -> None:
    figures = L.base_figures()
    page = L.render_html(figures, charset="gbk").encode("gb18030")
    r = read_report_bytes(page, "page.htm")
    assert L.mismatches(r, figures) == []


def test_html_image_tables() -> None:
    r = read_report_bytes(L.render_html(None).encode("utf-8"), "page.html")
    assert r.figures.table2 is None and r.figures.table3 is None and r.figures.table4 is None
    assert any(n.startswith("第二部分未读到表格") for n in r.notices)
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]


# ---------------------------------------------------------------------------------------------------
# Figures JSON
# ---------------------------------------------------------------------------------------------------
def test_figures_json(tmp_path: Path) -> None:
    import json

    figures = L.placeholder_figures()
    path = tmp_path / "figures.json"
    path.write_text(json.dumps(figures, ensure_ascii=False), encoding="utf-8")
    r = read_report(path)
    assert L.mismatches(r, figures) == []
    assert r.meta.format == "json"


def test_full_report_json(tmp_path: Path, seed_path: Path) -> None:
    report = read_report(seed_path)
    path = tmp_path / "report.json"
    path.write_text(report.model_dump_json(), encoding="utf-8")
    again = read_report(path)
    assert again.figures == report.figures
    assert again.meta.unit == "白石山镇"


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) >= {".txt", ".md", ".text", ".docx", ".html", ".htm", ".json"}
    assert all(t.section in (2, 3, 4) for t in std.TABLES)


def test_count_in_words_is_a_words_cell(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8").replace("行政处罚\n\t3", "行政处罚\n\t三件")
    cell = read_report_text(text).figures.cell("table2", "penalty", "decisions")
    assert cell.kind is CellKind.WORDS and cell.raw == "三件"


def test_markdown_title_and_headings() -> None:
    text = L.render_text("D2", L.base_figures())
    text = text.replace(L.TITLE, "# " + L.TITLE).replace(L.HEADINGS[1], "## **" + L.HEADINGS[1] + "**")
    r = read_report_bytes(text.encode("utf-8"), "r.md")
    assert r.meta.title == L.TITLE and r.meta.unit == L.UNIT
    assert r.section(1).heading == L.HEADINGS[1]  # type: ignore[union-attr]


def test_pipe_rows_with_label_span_or_padding_keep_blank_cells_in_place(fixtures_dir: Path) -> None:
    # A blank cell in a pipe row whose label spans two empty label columns, and one with trailing padding:
    # the blank stays where it was, the zeros stay zeros.
    from assistant.model import CellKind

    text = (fixtures_dir / "baiyun-2024.md").read_text(encoding="utf-8")
    row = next(line for line in text.split("\n") if "本年新收" in line and "|" in line)
    assert row.startswith("| 一、本年新收政府信息公开申请数量 |  |  | 0 |")
    text = text.replace(row, row.replace("|  |  | 0 |", "|  |  |  |", 1))
    rules = next(line for line in text.split("\n") if line.lstrip("| ").startswith("规章"))
    text = text.replace(rules, "| 规章 |  | 0 | 0 | | | |")
    report = read_report_text(text, "baiyun.md")
    received = {c: report.figures.cell("table3", "received", c) for c in ("natural_person", "commercial", "total")}
    assert received["natural_person"].kind is CellKind.BLANK
    assert received["commercial"].value == 0 and received["total"].value == 0
    issued = report.figures.cell("table2", "rules", "issued")
    assert issued.kind is CellKind.BLANK and report.figures.value("table2", "rules", "in_force") == 0


def test_a_note_beside_the_appeals_header_does_not_blank_the_table(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    header_end = "\t尚未审结\n\t总计\n\n\t0\n\t0\n\t0\n\t0\n\t0\n"
    assert header_end in text
    note = (
        "\t备注：本表按本年度实际发生的因政府信息公开引起的复议和诉讼案件统计，含截至12月31日尚未审结的案件，"
        "已审结案件按裁判文书载明的结果分别计入维持、纠正和其他结果各栏。\n"
    )
    # A long note after the header, then a review upheld (1) with its total (1).
    text = text.replace(header_end, "\t尚未审结\n\t总计\n" + note + "\n\t1\n\t0\n\t0\n\t0\n\t1\n")
    report = read_report_text(text, "seed-with-note.txt")
    assert report.figures.value("table4", "review", "upheld") == 1
    assert report.figures.value("table4", "review", "total") == 1
    assert report.figures.value("table4", "suit_after_review", "total") == 0
    assert not any("表四" in n for n in report.notices)


def test_an_appeals_table_with_only_its_header_says_so() -> None:
    text = (
        "某镇2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n"
        "五、存在的主要问题及改进情况\n一是更新不及时。\n"
    )
    report = read_report_text(text, "header-only.txt")
    assert any("表四只读到表头" in n for n in report.notices)
