"""Structure family: sections, order, numbering, the announced part count, old format, title."""

from __future__ import annotations

import pytest
from reportkit import OVERVIEW, PREAMBLE, clean_report, only, with_text

from assistant.checks import structure
from assistant.model import Report


def _numbering(report: Report, number: int, numbering: str) -> Report:
    out = report.model_copy(deep=True)
    section = out.section(number)
    assert section is not None
    section.numbering = numbering
    return out


def test_clean_report_gives_no_structure_flag() -> None:
    assert structure.run(clean_report()) == []


def test_missing_section() -> None:
    report = clean_report()
    report.sections = [s for s in report.sections if s.number != 6]
    flag = only(structure.run(report), "S-SECTION-MISSING")
    assert flag.section == 6 and "六、其他需要报告的事项" in flag.message


def test_section_order() -> None:
    report = clean_report()
    five, six = report.sections[5], report.sections[6]
    report.sections[5], report.sections[6] = six, five
    flag = only(structure.run(report), "S-SECTION-ORDER")
    assert flag.section == 5


# A bare heading among numbered ones is S-NUMBERING now (tests/test_missed_real.py); all bare is accepted there.
@pytest.mark.parametrize("numbering", ["三、", "三.", "三．", "三 、"])
def test_accepted_top_numbering(numbering: str) -> None:
    assert structure.run(_numbering(clean_report(), 3, numbering)) == []


@pytest.mark.parametrize("numbering", ["3、", "四、", "（三）", "3."])
def test_wrong_top_numbering(numbering: str) -> None:
    flag = only(structure.run(_numbering(clean_report(), 3, numbering)), "S-NUMBERING")
    assert flag.section == 3 and flag.evidence == numbering and "三、" in flag.message


def test_arabic_among_chinese_second_level() -> None:
    text = OVERVIEW.replace("（一）主动公开", "（1）主动公开")
    flag = only(structure.run(with_text(clean_report(), 1, text)), "S-NUMBERING")
    assert flag.section == 1 and flag.span == (0, 3) and flag.evidence == "（1）"


def test_gap_and_repeat_in_second_level() -> None:
    text = OVERVIEW.replace("（五）监督保障", "（六）监督保障")
    text = text.replace("（四）政府信息公开平台", "（五）政府信息公开平台")
    text = text.replace("（三）政府信息管理", "（四）政府信息管理")
    flag = only(structure.run(with_text(clean_report(), 1, text)), "S-NUMBERING")
    at = text.index("（四）政府信息管理")
    assert flag.span == (at, at + 3) and "缺少（三）" in flag.message
    text = OVERVIEW.replace("（三）政府信息管理", "（二）政府信息管理")
    flag = only(structure.run(with_text(clean_report(), 1, text)), "S-NUMBERING")
    assert "重复" in flag.message


def test_nested_arabic_lists_and_restarts_are_fine() -> None:
    text = (
        "（一）存在的主要问题\n（1）更新不及时。\n（2）形式单一。\n（二）改进情况\n1.加强培训。\n2.拓宽渠道。\n"
        "一是建立台账；二是按月通报。\n（一）近期措施\n（二）长期措施"
    )
    assert structure.run(with_text(clean_report(), 5, text)) == []


@pytest.mark.parametrize(
    "said,flagged",
    [("共七部分", True), ("由五个部分组成", True), ("分为6个部分", False), ("等六部分组成", False)],
)
def test_parts_count(said: str, flagged: bool) -> None:
    report = with_text(clean_report(), 0, PREAMBLE.replace("共六部分", said))
    flags = structure.run(report)
    if not flagged:
        assert flags == []
        return
    flag = only(flags, "S-PARTS-COUNT")
    text = report.text_of(0)
    assert flag.section == 0 and flag.span is not None
    assert said.startswith(text[flag.span[0] : flag.span[1]])


def test_six_parts_over_five_sections_is_only_the_missing_section() -> None:
    report = clean_report()
    report.sections = [s for s in report.sections if s.number != 4]
    assert [f.code for f in structure.run(report)] == ["S-SECTION-MISSING"]


def test_old_format_for_2021_and_later_only() -> None:
    report = clean_report()
    report.old_format_markers = ["本年新制作数量", "政府集中采购"]
    flag = only(structure.run(report), "S-OLD-FORMAT")
    assert flag.section == 2 and "本年新制作数量" in flag.message
    report.meta.year = 2020
    report.meta.title = "柳塘镇2020年政府信息公开工作年度报告"
    assert structure.run(report) == []


def test_title_without_year_points_at_it() -> None:
    report = clean_report()
    report.meta.title = "柳塘镇政府信息公开工作年度报告"
    report = with_text(report, 0, PREAMBLE.replace("柳塘镇2024年政府", "柳塘镇政府"))
    flag = only(structure.run(report), "S-TITLE")
    assert flag.section == 0 and flag.span == (0, len("柳塘镇政府信息公开工作年度报告"))
    assert "年份" in flag.message and "柳塘镇2024年政府信息公开工作年度报告" in flag.message


def test_title_without_unit_or_missing() -> None:
    report = clean_report()
    report.meta.title = "2024年政府信息公开工作年度报告"
    assert "单位名称" in only(structure.run(report), "S-TITLE").message
    report.meta.title = None
    assert only(structure.run(report), "S-TITLE").evidence is None
    report.meta.title = "清溪县柳塘镇人民政府2024年度政府信息公开工作年度报告"
    assert structure.run(report) == []


def test_title_suggestion_keeps_a_streets_own_name() -> None:
    """A street office's name is 松禾街道: the suggested title never shortens it to the bare place name."""
    report = clean_report()
    report.meta.unit = "云岫县松禾街道办事处"
    report.meta.title = "2024年政府信息公开工作年度报告"
    flag = only(structure.run(report), "S-TITLE")
    assert "建议写作“松禾街道2024年政府信息公开工作年度报告”" in flag.message
    report.meta.title = "松禾街道2024年政府信息公开工作年度报告"
    assert structure.run(report) == []
