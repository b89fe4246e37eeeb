"""Table family: identities, values, blanks, level plausibility, absent tables — and properties."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportkit import APPLICANTS, clean_report, only, table3_from, table4_from, with_cell, with_text

from assistant import standard as std
from assistant.checks import tables
from assistant.model import Cell, Figures, Meta, Report, Section


def test_clean_report_gives_no_table_flag() -> None:
    assert tables.run(clean_report()) == []


def test_appeal_total() -> None:
    report = with_cell(clean_report(), "table4", "review", "total", 2)
    flag = only(tables.run(report), "T-APPEAL-TOTAL")
    assert flag.cell == std.cell_path("table4", "review", "total") == "表四/行政复议/总计"
    assert flag.section == 4 and flag.severity == "error"
    assert "应为 1" in flag.message and "现为 2" in flag.message


def _shift(report: Report, cells: list[tuple[str, str, int]]) -> Report:
    for row, col, delta in cells:
        value = report.figures.value("table3", row, col)
        assert value is not None
        report = with_cell(report, "table3", row, col, value + delta)
    return report


def test_result_total() -> None:
    report = _shift(
        clean_report(),
        [
            ("handled_total", "natural_person", 1),
            ("handled_total", "total", 1),
            ("carried_out", "natural_person", -1),
            ("carried_out", "total", -1),
        ],
    )
    flags = tables.run(report)
    assert {f.code for f in flags} == {"T-RESULT-TOTAL"}
    assert {f.cell for f in flags} == {
        "表三/（七）总计/自然人",
        "表三/（七）总计/总计",
    }
    total = next(f for f in flags if f.cell == "表三/（七）总计/总计")
    assert total.message == "表三“（七）总计”（总计列）应为 8（各办理结果之和），现为 9。"


def test_balance() -> None:
    report = _shift(clean_report(), [("received", "natural_person", 1), ("received", "total", 1)])
    flags = tables.run(report)
    assert [f.code for f in flags] == ["T-BALANCE", "T-BALANCE"]
    total = next(f for f in flags if f.cell == "表三/一、本年新收政府信息公开申请数量/总计")
    assert total.message == (
        "表三（总计列）本年新收 9 ＋ 上年结转 1 ＝ 10，而办理结果总计 8 ＋ 结转下年度 1 ＝ 9，收支不平衡。"
    )
    assert total.section == 3


def test_row_total() -> None:
    report = _shift(
        clean_report(), [("disclosed", "total", 1), ("handled_total", "total", 1), ("received", "total", 1)]
    )
    flags = tables.run(report)
    assert {f.code for f in flags} == {"T-ROW-TOTAL"}
    assert len(flags) == 3
    disclosed = next(f for f in flags if f.cell == "表三/（一）予以公开/总计")
    assert "应为 4" in disclosed.message and "现为 5" in disclosed.message


def test_negative_fractional_and_words_are_values() -> None:
    report = with_cell(clean_report(), "table2", "licensing", "decisions", -1)
    flag = only(tables.run(report), "T-VALUE")
    assert flag.cell == "表二/行政许可/本年处理决定数量" and "负数" in flag.message
    report = with_cell(clean_report(), "table2", "penalty", "decisions", 2.5)
    assert "小数" in only(tables.run(report), "T-VALUE").message
    report = with_cell(clean_report(), "table2", "fees", "amount", 0.35)
    assert tables.run(report) == []  # 万元 may have decimals


def test_words_in_table3_skip_the_identities() -> None:
    report = with_cell(clean_report(), "table3", "received", "natural_person", "减4")
    flag = only(tables.run(report), "T-VALUE")
    assert flag.evidence == "减4" and flag.cell == "表三/一、本年新收政府信息公开申请数量/自然人"


def test_blank_cells_one_flag_per_row() -> None:
    report = clean_report()
    for col in ("commercial", "research"):
        report = with_cell(report, "table3", "withheld_state_secret", col, "/")
    flag = only(tables.run(report), "T-BLANK")
    assert flag.cell == "表三/1.属于国家秘密/商业企业"
    assert "2 个单元格" in flag.message and "商业企业、科研机构" in flag.message
    assert flag.severity == "warning"


def test_whole_blank_table_is_one_flag() -> None:
    report = clean_report()
    for r in std.TABLE4.rows:
        for c in r.columns:
            report = with_cell(report, "table4", r.key, c.key, "")
    flag = only(tables.run(report), "T-BLANK")
    assert flag.section == 4 and flag.cell == "表四" and "整表" in flag.message


def test_an_empty_form_gives_three_blank_tables() -> None:
    report = clean_report()
    report.figures = Figures.empty()
    assert [f.code for f in tables.run(report)] == ["T-BLANK"] * 3


def test_rules_for_a_township() -> None:
    report = with_cell(clean_report(), "table2", "rules", "in_force", 6)
    flag = only(tables.run(report), "T-LEVEL")
    assert flag.cell == "表二/规章/现行有效件数" and "乡镇" in flag.message
    # Level read from the unit name when the reader did not set it.
    report.meta = Meta(unit="清溪县", year=2024)
    assert [f.code for f in tables.run(report)] == ["T-LEVEL"]
    report.meta = Meta(unit="某市人民政府办公室", year=2024, level="city")
    assert tables.run(report) == []


def test_large_township_fees_warn_small_do_not() -> None:
    report = with_cell(clean_report(), "table2", "fees", "amount", 8000)
    assert only(tables.run(report), "T-LEVEL").cell == "表二/行政事业性收费/本年收费金额（单位：万元）"
    report = with_cell(clean_report(), "table2", "fees", "amount", 3.5)
    assert tables.run(report) == []


def test_missing_table_with_its_section() -> None:
    report = clean_report()
    report.figures.table3 = None
    flag = only(tables.run(report), "S-TABLE-MISSING")
    assert flag.section == 3 and "表三" in flag.message


def test_missing_table_without_its_section_is_structures_business() -> None:
    report = clean_report()
    report.figures.table4 = None
    report.sections = [s for s in report.sections if s.number != 4]
    assert tables.run(report) == []


def test_no_sections_read_from_a_file_flags_every_absent_table() -> None:
    report = Report(meta=Meta(source="x.txt", format="text"), sections=[])
    assert [f.code for f in tables.run(report)] == ["S-TABLE-MISSING"] * 3
    assert tables.run(Report(sections=[Section(number=0, text="x")])) == []


# ---------------------------------------------------------------------------------------------------
# Properties: consistent tables give nothing; one perturbed cell gives exactly what the identities imply.
# ---------------------------------------------------------------------------------------------------
_SMALL = st.integers(min_value=0, max_value=12)


@st.composite
def consistent_figures(draw: st.DrawFn) -> Figures:
    results = {row: {col: draw(_SMALL) for col in APPLICANTS} for row in std.RESULT_ROWS}
    carried_out = {col: draw(_SMALL) for col in APPLICANTS}
    carried_in = {}
    for col in APPLICANTS:
        ceiling = sum(results[row][col] for row in std.RESULT_ROWS) + carried_out[col]
        carried_in[col] = draw(st.integers(min_value=0, max_value=ceiling))
    appeals = {r.key: {c: draw(_SMALL) for c in std.APPEAL_SUM_COLUMNS} for r in std.TABLE4.rows}
    data = {
        "table2": clean_report().figures.table2.model_dump(),
        "table3": table3_from(results, carried_out, carried_in),
        "table4": table4_from(appeals),
    }
    return Figures.model_validate(data)


_IDENTITY_CELLS = sorted({ref for ident in std.IDENTITIES for ref in ident.left + ident.right})


def _report_with(fig: Figures) -> Report:
    report = clean_report()
    report.figures = fig
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_figures())
def test_consistent_tables_give_no_table_flag(fig: Figures) -> None:
    assert tables.run(_report_with(fig)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    consistent_figures(),
    st.sampled_from(_IDENTITY_CELLS),
    st.integers(min_value=-6, max_value=6).filter(lambda d: d != 0),
)
def test_one_perturbed_cell_gives_exactly_the_implied_flags(
    fig: Figures, ref: tuple[str, str, str], delta: int
) -> None:
    old = fig.value(*ref)
    assert old is not None
    new = old + delta
    fig.set(*ref, Cell.parse(new))
    expected = Counter(
        (ident.code, std.cell_path(*ident.left[0])) for ident in std.IDENTITIES if ref in ident.left + ident.right
    )
    if new < 0:
        expected[("T-VALUE", std.cell_path(*ref))] += 1
    got = Counter((f.code, f.cell) for f in tables.run(_report_with(fig)))
    assert got == expected


@pytest.mark.parametrize(
    ("words", "flagged"),
    [
        (("我镇", "本镇"), True),
        (("本街道", "我街道"), True),
        (("我县", "本县"), True),
        (("我乡", "我乡"), True),
        (("我县", "我镇"), False),  # a county report quoting a township: no single level
        (("我镇",), False),  # once is too little to go on
        (("我市", "本市"), False),  # a city makes 规章
    ],
)
def test_level_from_how_the_text_names_itself(words: tuple[str, ...], flagged: bool) -> None:
    report = with_cell(clean_report(), "table2", "rules", "in_force", 6)
    report.meta = Meta(year=2024)
    text = "。".join(f"{w}认真落实政务公开要求" for w in words) + "。"
    for number in range(7):
        report = with_text(report, number, text if number == 1 else "无。")
    assert [f.code for f in tables.run(report)] == (["T-LEVEL"] if flagged else [])
