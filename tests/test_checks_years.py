"""Cross-year family: carry-over, valid-document stock, jumps; silent without a usable last year."""

from __future__ import annotations

from reportkit import clean_report, figures, last_report, only, with_cell

from assistant.checks import years


def test_clean_pair_gives_nothing_and_no_last_year_gives_nothing() -> None:
    assert years.run(clean_report(), last_report()) == []
    assert years.run(clean_report(), None) == []


def test_carry_over_names_both_years_and_values() -> None:
    last = last_report()
    last.figures = figures(
        in_force=6, carried_in_np=0, carried_out_np=3, licensing=30, penalty=10, enforcement=2, review=0
    )
    flag = only(years.run(clean_report(), last), "Y-CARRY-OVER")
    assert flag.cell == "表三/二、上年结转政府信息公开申请数量/总计"
    assert flag.section == 3 and flag.severity == "error"
    assert "2024年 1" in flag.message and "2023年 3" in flag.message
    assert "自然人" in flag.message and "总计" in flag.message


def test_carry_over_in_one_column_points_at_it() -> None:
    last = with_cell(last_report(), "table3", "carried_out", "commercial", 1)  # total left as it was
    flag = only(years.run(clean_report(), last), "Y-CARRY-OVER")
    assert flag.cell == "表三/二、上年结转政府信息公开申请数量/商业企业"


def test_valid_docs_stock() -> None:
    report = with_cell(clean_report(), "table2", "normative_docs", "in_force", 9)
    flag = only(years.run(report, last_report()), "Y-VALID-DOCS")
    assert flag.cell == "表二/行政规范性文件/现行有效件数" and flag.severity == "warning"
    assert "应为 7" in flag.message and "6" in flag.message


def test_jump_needs_size() -> None:
    report = with_cell(clean_report(), "table2", "licensing", "decisions", 200)
    flag = only(years.run(report, last_report()), "Y-JUMP")
    assert flag.cell == "表二/行政许可/本年处理决定数量" and "30" in flag.message and "200" in flag.message
    # 1 → 6 is six-fold but too small to matter.
    report = with_cell(clean_report(), "table4", "review", "upheld", 6)
    report = with_cell(report, "table4", "review", "total", 6)
    last = with_cell(last_report(), "table4", "review", "upheld", 1)
    last = with_cell(last, "table4", "review", "total", 1)
    assert years.run(report, last) == []
    # A fall below a fifth at size is a jump too.
    report = with_cell(clean_report(), "table2", "penalty", "decisions", 0)
    last = with_cell(last_report(), "table2", "penalty", "decisions", 25)
    assert only(years.run(report, last), "Y-JUMP").evidence == "25→0"


def test_a_report_that_is_not_last_years_is_not_compared() -> None:
    last = with_cell(last_report(), "table3", "carried_out", "total", 40)
    last.meta.year = 2021
    assert years.run(clean_report(), last) == []
