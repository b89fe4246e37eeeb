"""Copying family: sections or passages of 一/五 carried over from last year's report."""

from __future__ import annotations

from reportkit import LAST_OVERVIEW, OVERVIEW, clean_report, last_report, only, with_text

from assistant.checks import copying

PASSAGE = (
    "本镇坚持把政务公开作为转变作风、密切联系群众的重要抓手，由党政办统筹、各办站所分工负责，"
    "形成了信息采集、审核、发布、归档四个环节闭环运行的工作机制，做到件件有登记、条条有审核。"
)


def test_clean_pair_and_no_last_year_give_nothing() -> None:
    assert copying.run(clean_report(), last_report()) == []
    assert copying.run(clean_report(), None) == []


def test_whole_section_copied_with_years_and_numbers_changed() -> None:
    copied = LAST_OVERVIEW.replace("152条", "171条").replace("5件", "8件")
    flag = only(copying.run(with_text(clean_report(), 1, copied), last_report()), "C-COPIED")
    assert flag.section == 1 and flag.span is not None
    assert flag.span[1] - flag.span[0] >= 0.7 * len(copied)
    assert "%" in flag.message and "2023年" in flag.message


def test_one_copied_passage_is_pointed_at() -> None:
    last = with_text(last_report(), 5, last_report().text_of(5) + PASSAGE.replace("四个", "4个"))
    text = OVERVIEW + "\n" + PASSAGE
    flag = only(copying.run(with_text(clean_report(), 1, text), last), "C-COPIED")
    start = text.index(PASSAGE)
    assert flag.span is not None
    assert abs(flag.span[0] - start) <= 2 and abs(flag.span[1] - (start + len(PASSAGE))) <= 2


def test_short_shared_phrases_are_not_copying() -> None:
    last = with_text(last_report(), 1, LAST_OVERVIEW + "\n坚持“上网信息不涉密、涉密信息不上网”原则。")
    report = with_text(clean_report(), 1, OVERVIEW + "\n继续坚持“上网信息不涉密、涉密信息不上网”原则。")
    assert copying.run(report, last) == []


def test_figures_restated_in_last_years_words_are_not_copying() -> None:
    sentence = (
        "本年度制发行政规范性文件{a}件，废止{b}件，现行有效{c}件；办理行政许可{d}件，行政处罚决定{e}件，行政强制{f}件。"
    )
    last = with_text(last_report(), 1, LAST_OVERVIEW + "\n" + sentence.format(a=3, b=1, c=10, d=250, e=6, f=2))
    report = with_text(clean_report(), 1, OVERVIEW + "\n" + sentence.format(a=2, b=0, c=12, d=256, e=4, f=1))
    assert copying.run(report, last) == []
