"""Defects real published reports showed and the checker once missed (issue 8, "real defects missed").

Each shape is tested on its own (a lost-character date or document number, a bare part heading among
numbered ones, last year's notice on writing the report cited as the basis) and beside its honest
neighbours, which must stay unflagged.
"""

from __future__ import annotations

import pytest
from reportkit import OVERVIEW, PREAMBLE, clean_report, only, with_text

from assistant import standard as std
from assistant.checks import dates, structure
from assistant.model import Report


# --- D-MALFORMED: characters lost by a text layer -------------------------------------------------
@pytest.mark.parametrize(
    ("token", "fix"),
    [
        ("2024 1 1 日", "2024年1月1日"),
        ("2024 12 31 日", "2024年12月31日"),
        ("2024 12 月 31 日", "2024年12月31日"),
        ("2024\u30001\u30001日", "2024年1月1日"),
    ],
)
def test_spaced_date_without_year_and_month(token: str, fix: str) -> None:
    text = f"{OVERVIEW}\n本镇于{token}召开专题会议。"
    flag = only(dates.run(with_text(clean_report(), 1, text)), "D-MALFORMED")
    assert flag.span is not None and text[flag.span[0] : flag.span[1]] == token == flag.evidence
    assert f"应为“{fix}”" in flag.message


def test_spaced_statistics_period_gives_one_flag_per_date() -> None:
    text = PREAMBLE.replace("2024年1月1日至2024年12月31日", "2024 1 1 日至 2024 12 31 日")
    flags = [f for f in dates.run(with_text(clean_report(), 0, text)) if f.code == "D-MALFORMED"]
    assert [f.evidence for f in flags] == ["2024 1 1 日", "2024 12 31 日"]
    assert all(f.section == 0 for f in flags)


@pytest.mark.parametrize("number", ["国办公开办函〔202130 号", "国办公开办函〔2021 30 号", "国办公开办函〔202130号"])
def test_document_number_that_lost_its_bracket(number: str) -> None:
    text = PREAMBLE.replace(
        "根据《中华人民共和国政府信息公开条例》", f"根据《中华人民共和国政府信息公开条例》和{number}"
    )
    flag = only(dates.run(with_text(clean_report(), 0, text)), "D-MALFORMED")
    assert flag.evidence == number.removeprefix("国办公开办函")
    assert "缺“〕”" in flag.message and "应为“〔2021〕30号”" in flag.message


@pytest.mark.parametrize(
    "honest",
    [
        "国办公开办函〔2021〕30号",
        "云政办发[2024]12号",
        "联系电话 0873 6512 308",
        "2024年1月1日至2024年12月31日",
        "全年发布信息 2024 条，12 个村 31 日内完成公示",
    ],
)
def test_honest_numbers_and_dates_are_not_malformed(honest: str) -> None:
    text = f"{OVERVIEW}\n{honest}。"
    assert dates.run(with_text(clean_report(), 1, text)) == []


# --- S-NUMBERING: a part heading that lost its numbering ------------------------------------------
def _bare(report: Report, *numbers: int) -> Report:
    out = report.model_copy(deep=True)
    for number in numbers:
        section = out.section(number)
        assert section is not None
        section.numbering = ""
        section.heading = std.SECTIONS_BY_NUMBER[number].heading[2:]
    return out


def test_bare_heading_among_numbered_ones() -> None:
    flag = only(structure.run(_bare(clean_report(), 2)), "S-NUMBERING")
    assert flag.section == 2 and flag.evidence == "主动公开政府信息情况"
    assert "“二、主动公开政府信息情况”" in flag.message


def test_bare_heading_in_a_report_cut_after_part_two() -> None:
    report = _bare(clean_report(), 2)
    report.sections = [s for s in report.sections if s.number <= 2]
    flags = [f for f in structure.run(report) if f.code == "S-NUMBERING"]
    assert [f.section for f in flags] == [2]


@pytest.mark.parametrize("bare", [(1, 2, 3, 4, 5, 6), (2, 3, 4, 5, 6), (1, 3, 4, 5)])
def test_reports_mostly_without_numbering_are_an_accepted_variant(bare: tuple[int, ...]) -> None:
    assert [f for f in structure.run(_bare(clean_report(), *bare)) if f.code == "S-NUMBERING"] == []


def test_two_bare_headings_among_four_numbered_each_get_a_flag() -> None:
    flags = [f for f in structure.run(_bare(clean_report(), 3, 5)) if f.code == "S-NUMBERING"]
    assert [(f.section, f.evidence) for f in flags] == [
        (3, "收到和处理政府信息公开申请情况"),
        (5, "存在的主要问题及改进情况"),
    ]


# --- D-YEAR: last year's notice on writing the report cited as the basis --------------------------
_NOTICE = "《关于做好{y}年政府信息公开年度报告及政府网站年度报表编制和发布工作的工作提示》"


def _basis(notice: str) -> Report:
    text = PREAMBLE.replace("和上级关于年度报告编制工作的通知要求", f"和{notice}要求")
    assert text != PREAMBLE
    return with_text(clean_report(), 0, text)


def test_last_years_notice_on_writing_the_report() -> None:
    notice = _NOTICE.format(y=2023)
    flag = only(dates.run(_basis(notice)), "D-YEAR")
    assert flag.evidence == notice and flag.section == 0
    assert "2024年度报告的编制通知" in flag.message


def test_the_same_stale_notice_cited_twice_is_one_flag() -> None:
    notice = _NOTICE.format(y=2023)
    report = _basis(notice)
    report = with_text(report, 1, f"{OVERVIEW}\n按照{notice}，本镇按时完成年报编制。")
    assert len([f for f in dates.run(report) if f.code == "D-YEAR"]) == 1


@pytest.mark.parametrize(
    "notice",
    [
        _NOTICE.format(y=2024),
        "《关于做好2024年度政府信息公开工作年度报告编制发布工作的通知》",
        "《2023年政务公开工作要点》",
        "《关于印发2023年度绩效考核办法的通知》",
        "《中华人民共和国政府信息公开工作年度报告格式》",
        "《柳塘镇2023年政府信息公开工作年度报告》",
    ],
)
def test_other_cited_documents_keep_their_years(notice: str) -> None:
    assert [f for f in dates.run(_basis(notice)) if f.code == "D-YEAR"] == []


def test_last_years_notice_cited_for_another_task_is_left_alone() -> None:
    text = f"{OVERVIEW}\n按照{_NOTICE.format(y=2023)}，本镇对上年报告开展了自查。"
    assert dates.run(with_text(clean_report(), 1, text)) == []
