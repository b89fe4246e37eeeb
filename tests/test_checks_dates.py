"""Date family: malformed dates and report-year references, without false D-YEAR on honest text."""

from __future__ import annotations

import pytest
from reportkit import OVERVIEW, PREAMBLE, PROBLEMS, clean_report, only, with_text

from assistant.checks import dates


def test_clean_report_gives_no_date_flag() -> None:
    assert dates.run(clean_report()) == []


@pytest.mark.parametrize(
    "token",
    [
        "20241月1日",
        "202311日",
        "20251231日",
        "2025111231日",
        "202020年",
        "2024年13月",
        "2月30日",
        "4月31日",
        "2023年2月29日",
    ],
)
def test_malformed(token: str) -> None:
    text = f"{OVERVIEW}\n本镇于{token}召开专题会议。"
    flag = only(dates.run(with_text(clean_report(), 1, text)), "D-MALFORMED")
    assert flag.section == 1 and flag.span is not None
    assert text[flag.span[0] : flag.span[1]] == token == flag.evidence


@pytest.mark.parametrize("token", ["2024年2月29日", "12月31日", "2024年1月1日", "全年开展100余次"])
def test_valid_dates(token: str) -> None:
    text = f"{OVERVIEW}\n本镇于{token}召开专题会议。"
    assert dates.run(with_text(clean_report(), 1, text)) == []


def test_wrong_period_in_preamble() -> None:
    text = PREAMBLE.replace("2024年1月1日至2024年12月31日", "2023年1月1日至2023年12月31日")
    flag = only(dates.run(with_text(clean_report(), 0, text)), "D-YEAR")
    assert flag.section == 0 and text[flag.span[0] : flag.span[1]] == "2023年1月1日至2023年12月31日"
    assert "2024年1月1日至2024年12月31日" in flag.message


def test_wrong_title_year() -> None:
    report = clean_report()
    report.meta.title = "柳塘镇2023年政府信息公开工作年度报告"
    report = with_text(report, 0, PREAMBLE.replace("柳塘镇2024年政府", "柳塘镇2023年政府"))
    flag = only(dates.run(report), "D-YEAR")
    assert flag.section == 0 and flag.span == (3, 7)


def test_stale_as_of_and_paragraph_years() -> None:
    text = OVERVIEW + "\n截至2023年底，全镇现行有效行政规范性文件7件。"
    flag = only(dates.run(with_text(clean_report(), 1, text)), "D-YEAR")
    assert text[flag.span[0] : flag.span[1]] == "截至2023年底"
    text = OVERVIEW.replace("建立信息发布前", "2023年，建立信息发布前")
    flag = only(dates.run(with_text(clean_report(), 1, text)), "D-YEAR")
    assert text[flag.span[0] : flag.span[1]] == "2023年，"
    text = OVERVIEW.replace("（五）监督保障\n", "（五）监督保障\n2022年度，")
    assert only(dates.run(with_text(clean_report(), 1, text)), "D-YEAR").evidence == "2022年度，"


def test_report_naming_itself_with_another_year() -> None:
    text = PREAMBLE.replace("柳塘镇人民政府编制本年度报告", "柳塘镇人民政府编制了2023年政府信息公开工作年度报告")
    flag = only(dates.run(with_text(clean_report(), 0, text)), "D-YEAR")
    assert text[flag.span[0] : flag.span[1]] == "2023年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "sentence",
    [
        "2025年，我镇将继续深化政务公开。",
        "2025年以来将加强培训。",
        "与2023年相比，发布数量有所增加。",
        "对照2023年度报告中提出的问题逐项整改。",
        "根据《清溪县关于做好2023年政府信息公开工作年度报告编制工作的通知》要求开展自查。",
        "2019年以来，我镇持续推进基层政务公开标准化。",
        "2024年，我镇共发布信息186条。",
        "截至2024年底，现行有效文件7件。",
    ],
)
def test_honest_year_mentions(sentence: str) -> None:
    text = PROBLEMS + "\n" + sentence
    assert dates.run(with_text(clean_report(), 5, text)) == []


def test_no_year_no_year_flags() -> None:
    report = with_text(clean_report(), 1, OVERVIEW + "\n2022年，本镇完成了栏目调整。")
    report.meta.year = None
    assert dates.run(report) == []


def test_report_naming_itself_inside_book_title_marks() -> None:
    text = PREAMBLE.replace("柳塘镇人民政府编制本年度报告", "编制了《柳塘镇2023年政府信息公开工作年度报告》")
    flag = only(dates.run(with_text(clean_report(), 0, text)), "D-YEAR")
    assert text[flag.span[0] : flag.span[1]] == "2023年政府信息公开工作年度报告"


def test_sub_part_lead_in_run_into_the_text() -> None:
    for joint in (" ", "。", "："):
        text = OVERVIEW + f"\n（三）政府信息管理情况{joint}2023年，本镇共制定规范性文件2件。"
        flag = only(dates.run(with_text(clean_report(), 1, text)), "D-YEAR")
        assert text[flag.span[0] : flag.span[1]] == "2023年，"


@pytest.mark.parametrize(
    ("section", "sentence"),
    [
        (1, "（三）政府信息管理情况 2023年，本镇制定规范性文件2件，2024年制定3件。"),
        (5, "（一）上年度问题整改情况 2023年，本镇信息更新不够及时。"),
        (5, "（二）改进措施：2025年，我镇将加强培训。"),
        (0, "对照上年发布的《柳塘镇2023年政府信息公开工作年度报告》逐项整改。"),
        (0, "根据《清溪县关于做好2023年政府信息公开工作年度报告》要求开展自查。"),
    ],
)
def test_lead_ins_and_book_titles_that_are_honest(section: int, sentence: str) -> None:
    base = {0: PREAMBLE, 1: OVERVIEW, 5: PROBLEMS}[section]
    assert dates.run(with_text(clean_report(), section, base + "\n" + sentence)) == []
