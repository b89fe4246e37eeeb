"""Text copied from a PDF: hard-wrapped paragraphs, titles and table labels joined back, page numbers dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.checks import check
from assistant.readers import read_report, read_report_text
from assistant.readers.unwrap import unwrap, width

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILLER = "街道办事处围绕群众关心的房屋征收补偿老旧小区改造社区养老服务等事项做好信息公开工作"


def wrapped(paragraph: str, chars: int = 24) -> list[str]:
    """A paragraph broken every ``chars`` characters, as a PDF's text layer gives it."""
    return [paragraph[i : i + chars] for i in range(0, len(paragraph), chars)]


def page(*blocks: list[str]) -> list[str]:
    """Enough hard-wrapped filler that the text reads as wrapped, then the lines under test."""
    filler = wrapped(FILLER * 12 + "。")
    return filler + [line for block in blocks for line in block]


def texts(lines: list[str]) -> list[str]:
    return [text for _, text in unwrap("\n".join(lines))]


def tail(lines: list[str], n: int) -> list[str]:
    return texts(lines)[-n:]


def test_width_counts_a_cjk_character_twice() -> None:
    assert width("柳溪 2024") == 9


def test_a_wrapped_paragraph_joins_without_spaces() -> None:
    para = wrapped(
        "本年度共收到政府信息公开申请十二件，上年结转一件，新收申请中自然人申请九件，法人或其他组织申请三件。"
    )
    assert tail(page(para), 1) == [
        "本年度共收到政府信息公开申请十二件，上年结转一件，新收申请中自然人申请九件，法人或其他组织申请三件。"
    ]


def test_a_number_broken_by_the_wrap_joins_and_the_layout_gap_closes() -> None:
    lines = page(["柳溪街道位于云岫县城区，辖 8 个社区，常住人口约 4600", "0 人，城市更新任务较重。"])
    assert tail(lines, 1) == ["柳溪街道位于云岫县城区，辖8个社区，常住人口约46000人，城市更新任务较重。"]


def test_a_claim_split_mid_phrase_reads_whole() -> None:
    lines = page(["新收申请中，自然人申请五件，商业企业申请一件；当", "面提交 3 件，信函提交 1 件。"])
    assert tail(lines, 1) == ["新收申请中，自然人申请五件，商业企业申请一件；当面提交3件，信函提交1件。"]


def test_a_line_after_a_finished_sentence_starts_a_paragraph() -> None:
    lines = page(
        ["规范化水平有所提高，全年未发生因政府信息公开被追责。", "本年度街道办事处围绕群众关心的事项做好信息公开"]
    )
    assert tail(lines, 2) == lines[-2:]


@pytest.mark.parametrize(
    "opener",
    [
        "二、主动公开政府信息情况",
        "（一）主动公开",
        "1.本年度新增公开目录",
        "3、收到和处理政府信息公开申请情况",
        "规章 0 0 0",
    ],
)
def test_never_joined_onto_a_heading_item_or_table_row(opener: str) -> None:
    lines = page(["本年度，街道办事处围绕群众关心的房屋征收补偿、老旧", opener])
    assert tail(lines, 2) == ["本年度，街道办事处围绕群众关心的房屋征收补偿、老旧", opener]


def test_never_joined_across_a_blank_line() -> None:
    lines = page(["本年度，街道办事处围绕群众关心的房屋征收补偿、老旧", "", "小区改造做好信息公开"])
    assert tail(lines, 3) == ["本年度，街道办事处围绕群众关心的房屋征收补偿、老旧", "", "小区改造做好信息公开"]


def test_a_heading_takes_no_continuation() -> None:
    heading = "四、政府信息公开行政复议、行政诉讼情况及其他有关事项"
    lines = page([heading, "行政复议 行政诉讼"])
    assert tail(lines, 2) == [heading, "行政复议 行政诉讼"]


def test_an_unnumbered_heading_look_alike_at_full_width_is_a_wrapped_sentence() -> None:
    lines = page(["针对依申请公开办理力量不足的问题，明确 1 名工作人员", "专门负责申请登记和归档。"])
    assert tail(lines, 1) == ["针对依申请公开办理力量不足的问题，明确1名工作人员专门负责申请登记和归档。"]


@pytest.mark.parametrize("footer", ["第 3 页 共 7 页", "共7页 第3页", "- 3 -", "— 12 —"])
def test_page_numbers_are_dropped_and_the_paragraph_runs_on(footer: str) -> None:
    lines = page(["本年度，街道办事处围绕群众关心的房屋征收补偿、老旧", footer, "小区改造做好信息公开。"])
    assert tail(lines, 1) == ["本年度，街道办事处围绕群众关心的房屋征收补偿、老旧小区改造做好信息公开。"]


def test_page_numbers_go_from_unwrapped_text_too_but_a_bare_number_stays() -> None:
    lines = ["一、总体情况", "- 1 -", "第 2 页 共 7 页", "1", "本年度无变化。"]
    assert texts(lines) == ["一、总体情况", "1", "本年度无变化。"]


def test_a_wrapped_table_label_joins_up_to_its_values() -> None:
    lines = page(["5.要求行政机关确认或重", "新出具已获取信息 0 0 0 0 0 0 0"])
    assert tail(lines, 1) == ["5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0"]


def test_a_label_over_several_lines_with_values_on_their_own_line() -> None:
    label = ["1.申请人无正当理由逾期", "不补正、行政机关不再", "处理其政府信息公开申", "请"]
    lines = page([*label, "0 0 0 0 0 0 0"])
    assert tail(lines, 1) == ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0"]


def test_label_pieces_without_values_before_the_next_item_stay_apart() -> None:
    lines = page(["（四）无", "法提供", "1.本机关不掌握相关政府", "信息 2 0 0 0 0 0 2"])
    assert tail(lines, 3) == ["（四）无", "法提供", "1.本机关不掌握相关政府信息 2 0 0 0 0 0 2"]


def test_a_title_over_two_lines_joins() -> None:
    lines = ["石桥镇 2024 年政府信息公开工作年", "度报告", *page([])]  # large type: far short of the width
    assert texts(lines)[0] == "石桥镇2024年政府信息公开工作年度报告"


def test_table_rows_keep_the_spaces_between_cells() -> None:
    lines = page(["行政许可 21", "一、本年新收政府信息公开申请数量 9 2 0 1 0 0 12"])
    assert tail(lines, 2) == lines[-2:]


@pytest.mark.parametrize(
    "name",
    [
        p.name
        for p in sorted(FIXTURES.glob("*"))
        if p.suffix in (".txt", ".md") and not p.name.startswith(("pdf-", "unwrap-"))
    ],
)
def test_text_that_is_not_hard_wrapped_passes_through(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert unwrap(text) == list(enumerate(text.split("\n"), start=1))


def test_one_line_paragraphs_of_similar_length_are_not_taken_for_wrapping() -> None:
    lines = [f"第 {i} 项工作已经按照年度计划全部完成并通过了验收，群众满意。" for i in range(10, 50)]
    assert texts(lines) == lines


def test_a_hard_wrapped_report_reads_its_parts_title_and_tables() -> None:
    report = read_report(FIXTURES / "pdf-liuxi-2024-pages.txt")
    assert [s.number for s in report.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert report.meta.title == "柳溪街道办事处2024年政府信息公开工作年度报告"
    assert report.figures.cell("table3", "received", "total").value == 12
    assert "第 2 页" not in report.text_of(1) and "46000人" in report.text_of(1)
    assert not report.notices


def test_a_claim_broken_by_the_wrap_is_read_whole() -> None:
    report = read_report(FIXTURES / "pdf-shiqiao-2024-labels.txt")
    assert "当面提交3件" in report.text_of(1) and "因需另行制作无法提供1件" in report.text_of(1)


def test_a_malformed_date_with_layout_gaps_is_still_flagged() -> None:
    lines = page(["本报告统计期限为 20241 月 1 日至 2024 年 12 月 31 日。"])
    report = read_report_text("\n".join(["一、总体情况", *lines]), source="x.txt")
    assert "D-MALFORMED" in {f.code for f in check(report, None)}
