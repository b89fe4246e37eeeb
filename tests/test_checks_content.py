"""Content family: fee statement, the five sub-parts of 一, last year's problems, another unit's name."""

from __future__ import annotations

import pytest
from reportkit import OVERVIEW, PROBLEMS, clean_report, last_report, only, with_text

from assistant.checks import content


def test_clean_report_gives_no_content_flag() -> None:
    assert content.run(clean_report(), last_report()) == []
    assert content.run(clean_report(), None) == []


def test_fees_missing_when_six_only_says_none() -> None:
    flag = only(content.run(with_text(clean_report(), 6, "无"), None), "C-FEES-MISSING")
    assert flag.section == 6 and flag.span == (0, 1) and flag.evidence == "无"
    assert "信息处理费" in flag.message


def test_fees_stated_elsewhere_is_accepted() -> None:
    report = with_text(clean_report(), 6, "无")
    report = with_text(report, 1, OVERVIEW + "\n全年未向申请人收取任何费用。")
    assert content.run(report, None) == []


def test_administrative_fees_are_not_the_information_fee() -> None:
    report = with_text(clean_report(), 6, "本年度行政事业性收费0万元。")
    assert only(content.run(report, None), "C-FEES-MISSING").span == (0, len("本年度行政事业性收费0万元。"))


def test_subparts_missing_platforms() -> None:
    text = (
        "（一）主动公开\n全年公开各类信息120条。\n（二）依申请公开\n本年收到公开申请8件，均按期答复。\n"
        "（三）政府信息管理\n对拟公开文件逐件审核。\n（四）监督保障\n将政务公开纳入年度考核。"
    )
    flag = only(content.run(with_text(clean_report(), 1, text), None), "C-SUBPARTS")
    assert flag.section == 1 and flag.evidence == "政府信息公开平台建设"


def test_subparts_covered_by_topic_words_without_subheadings() -> None:
    text = (
        "本镇高度重视政务公开，全年主动公开信息120条，依申请公开工作按程序办理；"
        "严格落实信息发布审批制度，明确公开属性；依托门户网站专栏发布信息；定期开展业务培训。"
    )
    assert content.run(with_text(clean_report(), 1, text), None) == []


def test_last_problems_not_addressed() -> None:
    text = "一是信息更新不够及时；二是解读形式单一。下一步，将加强培训，拓宽渠道。"
    flag = only(content.run(with_text(clean_report(), 5, text), last_report()), "C-LAST-PROBLEMS")
    assert flag.section == 5 and "专栏分类不清" in flag.message and "2023年" in flag.message


def test_last_problems_addressed_or_no_last_year() -> None:
    assert content.run(with_text(clean_report(), 5, PROBLEMS), last_report()) == []
    text = "一是信息更新不够及时。下一步将加强培训。"
    assert content.run(with_text(clean_report(), 5, text), None) == []


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("桃源镇高度重视政府信息公开工作，成立了领导小组。", "桃源镇"),
        ("如有疑问，请联系桃源镇人民政府。", "桃源镇"),
        ("全年通过清溪县桃源镇人民政府网站发布信息。", "桃源镇"),
        ("东门街道办事处始终把政务公开摆在重要位置。", "东门街道"),
        ("“白沙乡高度重视”一句沿用了模板。", "白沙乡"),
    ],
)
def test_other_unit(sentence: str, name: str) -> None:
    text = OVERVIEW + "\n" + sentence
    flag = only(content.run(with_text(clean_report(), 1, text), None), "C-OTHER-UNIT")
    assert flag.evidence == name and text[flag.span[0] : flag.span[1]] == name


@pytest.mark.parametrize(
    "sentence",
    [
        "清溪县柳塘镇人民政府高度重视政务公开。",
        "柳塘镇始终坚持公开为常态。",
        "督促各乡镇人民政府落实要求。",
        "推进乡镇政府网站集约化。",
        "市县两级政府高度重视。",
        "主要依赖公告栏和镇政府网站发布信息。",
        "组织对近年镇政府印发文件的公开属性进行复核。",
        "修订镇政府信息公开审核办法。",
        "修订镇人民政府信息公开审核办法。",
        "事项报请镇人民政府审定。",
        "落实东门街道办事处的工作部署。",
        "我镇高度重视，全镇积极推进。",
    ],
)
def test_own_or_generic_unit_names(sentence: str) -> None:
    assert content.run(with_text(clean_report(), 1, OVERVIEW + "\n" + sentence), None) == []


def test_county_reports_may_name_their_townships() -> None:
    report = with_text(clean_report(), 1, OVERVIEW + "\n桃源镇人民政府按期完成了年报编制。")
    report.meta.unit, report.meta.level = "清溪县人民政府办公室", "county"
    assert content.run(report, None) == []


def test_rectification_must_concern_last_years_problems() -> None:
    # "整改" about something else entirely does not answer last year's 栏目/文书 problems.
    text = "一是宣传力度不大。下一步将加大宣传力度，对发现的问题立行立改、及时整改。"
    flag = only(content.run(with_text(clean_report(), 5, text), last_report()), "C-LAST-PROBLEMS")
    assert flag.evidence is not None and "专栏分类不清" in flag.evidence
    text = "一是宣传力度不大。本年对专栏分类进行了调整，答复文书统一了模板，已整改完毕。"
    assert content.run(with_text(clean_report(), 5, text), last_report()) == []
    text = "一是宣传力度不大。对照2023年度报告所列问题，本年已逐项落实。"
    assert content.run(with_text(clean_report(), 5, text), last_report()) == []


def test_template_blanks_left_in_the_text_are_flagged() -> None:
    from assistant.checks import check
    from assistant.model import Meta, Report, Section

    report = Report(
        meta=Meta(title="石门镇2024年政府信息公开工作年度报告", unit="石门镇", year=2024, level="township"),
        sections=[
            Section(number=0, text="如对本报告有疑问，请联系石门镇人民政府（电话：＿＿＿＿）。"),
            Section(number=1, text="XX镇高度重视政府信息公开工作。本年度收到申请0件。"),
            Section(number=5, text="一是更新不及时。二是解读形式单一。"),
        ],
    )
    unfilled = [f for f in check(report) if f.code == "C-UNFILLED"]
    assert [(f.section, f.evidence) for f in unfilled] == [(0, "＿＿＿＿"), (1, "XX")]
    text = report.sections[0].text
    assert text[unfilled[0].span[0] : unfilled[0].span[1]] == "＿＿＿＿"
    # Latin words and codes are not blanks: "XXL", "ISO 9001", "Excel".
    clean = report.model_copy(deep=True)
    clean.sections[0].text = "表格可用Excel或WPS打开，型号XXL，代码AX01。"
    clean.sections[1].text = "本镇高度重视政府信息公开工作。"
    assert [f for f in check(clean) if f.code == "C-UNFILLED"] == []


@pytest.mark.parametrize(
    ("unit", "title", "sentence"),
    [
        ("云岫市青川区人民政府松禾街道办事处", None, "松禾街道高度重视政务公开。"),
        ("云岫市青川区人民政府松禾街道办事处", None, "松禾街道办事处始终坚持公开为常态。"),
        (None, "2024年柳塘镇政府信息公开工作年度报告", "柳塘镇高度重视政务公开。"),
        ("清溪县鲊溪回族乡", None, "鲊溪乡高度重视政务公开。"),
    ],
)
def test_own_unit_under_its_short_forms(unit: str | None, title: str | None, sentence: str) -> None:
    report = with_text(clean_report(), 1, OVERVIEW + "\n" + sentence)
    report.meta.unit, report.meta.title, report.meta.level = unit, title, "township"
    assert [f for f in content.run(report, None) if f.code == "C-OTHER-UNIT"] == []
    # Another unit in the same place is still named.
    report = with_text(report, 1, OVERVIEW + "\n桃源镇高度重视政务公开。")
    assert only(content.run(report, None), "C-OTHER-UNIT").evidence == "桃源镇"
