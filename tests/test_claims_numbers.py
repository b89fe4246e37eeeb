"""Numerals, hedged figures, rates, 元/万元, "含上年结转", negation and hedge sentences, messages."""

from __future__ import annotations

import pytest
from claimkit import mismatches, spanned

from assistant.checks.numerals import find_tokens


# ---------------------------------------------------------------------------------------------------
# numerals.py
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "unit", "relation"),
    [
        ("三件", 3, "件", "eq"),
        ("两起", 2, "起", "eq"),
        ("十二条", 12, "条", "eq"),
        ("一百零五件", 105, "件", "eq"),
        ("二十余件", 20, "件", "ge"),
        ("1,234件", 1234, "件", "eq"),
        ("100余条", 100, "条", "ge"),
        ("500多条", 500, "条", "ge"),
        ("近5000条", 5000, "条", "le"),
        ("约47.10万元", 47.1, "万元", "approx"),
        ("12500元", 12500, "元", "eq"),
        ("46.15%", 46.15, "%", "eq"),
        ("５件", 5, "件", "eq"),
        ("20件以上", 20, "件", "ge"),
        ("3件次", 3, "件次", "eq"),
    ],
)
def test_a_figure_is_read_with_its_unit_and_hedge(text: str, value: float, unit: str, relation: str) -> None:
    from assistant.checks.numerals import FULLWIDTH

    (tok,) = find_tokens(text.translate(FULLWIDTH))
    assert (tok.value, tok.unit, tok.relation) == (value, unit, relation)


@pytest.mark.parametrize(
    "text",
    [
        "第二十条第（一）项",
        "一是加强培训",
        "2024年1月1日",
        "电话0432-67051348",
        "推进一件事一次办",
        "一次性告知",
        "《条例》第三条",
        "12345热线",
    ],
)
def test_prose_numbers_are_not_figures(text: str) -> None:
    assert find_tokens(text) == []


def test_decimal_places_are_kept() -> None:
    (tok,) = find_tokens("4.043万元")
    assert tok.decimals == 3


def test_a_one_character_numeral_reads_as_cn2an_reads_it() -> None:
    import cn2an

    from assistant.checks.numerals import parse_number
    from assistant.model import cn_numeral_value
    from assistant.numfmt import CN_DIGITS

    for char, value in CN_DIGITS.items():
        assert value == cn2an.cn2an(char, "smart"), char
        try:
            strict: int | None = int(cn2an.cn2an(char, "strict"))
        except ValueError:
            strict = None
        assert cn_numeral_value(char) == strict, char
        number = parse_number(char)
        assert number == (value, 0) and isinstance(number[0], float)


# ---------------------------------------------------------------------------------------------------
# Chinese numerals in claims
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "cell", "value"),
    [
        ("共收到政府信息公开申请三件。", "table3.received.total", 3),
        ("因政府信息公开引发行政复议两起。", "table4.review.total", 2),
        ("全年办理行政许可一百零五件。", "table2.licensing.decisions", 105),
        ("共收到政府信息公开申请十二条。", "table3.received.total", 12),
    ],
)
def test_chinese_numerals(text: str, cell: str, value: int) -> None:
    assert mismatches(text, {cell: value}) == []
    flags = mismatches(text, {cell: value + 1})
    assert len(flags) == 1
    assert str(value) in flags[0].message and str(value + 1) in flags[0].message


# ---------------------------------------------------------------------------------------------------
# Approximations: a bound, never an equality
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "cell", "ok", "bad"),
    [
        ("共收到政府信息公开申请二十余件。", "table3.received.total", (20, 25, 29), (15, 19)),
        ("共收到政府信息公开申请100余件。", "table3.received.total", (100, 130), (90,)),
        ("全年办理行政许可近500件。", "table2.licensing.decisions", (480, 500), (520,)),
        ("全年办理行政许可不足50件。", "table2.licensing.decisions", (40,), (60,)),
        ("实施行政处罚超过30件。", "table2.penalty.decisions", (31, 45), (20,)),
        ("行政事业性收费约2万元。", "table2.fees.amount", (1.8, 2.0, 2.2), (3.0, 1.0)),
        ("行政事业性收费共约47.10万元。", "table2.fees.amount", (47.1, 45.0, 50.0), (40.0, 55.0)),
    ],
)
def test_approximations_are_bounds(text: str, cell: str, ok: tuple[float, ...], bad: tuple[float, ...]) -> None:
    for value in ok:
        assert mismatches(text, {cell: value}) == [], value
    for value in bad:
        assert len(mismatches(text, {cell: value})) == 1, value


def test_bound_is_named_in_the_message() -> None:
    (flag,) = mismatches("共收到政府信息公开申请二十余件。", {"table3.received.total": 15})
    assert "不少于20" in flag.message and "为15" in flag.message


# ---------------------------------------------------------------------------------------------------
# 元 vs 万元
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ok", "bad"),
    [
        ("行政事业性收费0元。", ("0", "0.00"), ("0.5",)),
        ("行政事业性收费12500元。", ("1.25", "1.2500", "1.3"), ("12500", "1.4", "1.24")),
        ("行政事业性收费12534元。", ("1.25", "1.2534"), ("1.26",)),
        ("行政事业性收费4.043万元。", ("4.04", "4.043"), ("4.05",)),
        ("行政事业性收费1.2万元。", ("1.2", "1.24"), ("1.3",)),
    ],
)
def test_fees_in_yuan_and_wanyuan(text: str, ok: tuple[str, ...], bad: tuple[str, ...]) -> None:
    for value in ok:
        assert mismatches(text, {"table2.fees.amount": value}) == [], value
    for value in bad:
        assert len(mismatches(text, {"table2.fees.amount": value})) == 1, value


def test_fee_entered_in_yuan_gets_a_unit_hint() -> None:
    (flag,) = mismatches("行政事业性收费12500元。", {"table2.fees.amount": 12500})
    assert "万元" in flag.message and "元" in flag.message and "12500" in flag.message
    assert flag.cell == "表二/行政事业性收费/本年收费金额（单位：万元）"


def test_information_processing_fee_has_no_cell() -> None:
    text = "全年收取信息处理费0元，未发出收费通知。"
    assert mismatches(text, {"table2.fees.amount": 3.5}) == []


# ---------------------------------------------------------------------------------------------------
# Rates
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "cells", "flagged"),
    [
        ("共收到申请5件，予以公开3件，占60%。", {"received": 5, "disclosed": 3, "handled_total": 5}, False),
        ("共收到申请5件，予以公开3件，占比50%。", {"received": 5, "disclosed": 3, "handled_total": 5}, True),
        ("予以公开1件，占申请总数的33.33%。", {"received": 3, "disclosed": 1, "handled_total": 3}, False),
        ("予以公开1件，占申请总数的33.3%。", {"received": 3, "disclosed": 1, "handled_total": 3}, False),
        ("予以公开1件，占申请总数的33.4%。", {"received": 3, "disclosed": 1, "handled_total": 3}, True),
        # Base new + carried: 42 of 98 (长春 2024 style).
        ("予以公开42件，占42.86%。", {"received": 90, "carried_in": 8, "disclosed": 42, "handled_total": 95}, False),
        # Base 办结 total.
        ("部分公开2件（占20%）。", {"received": 12, "partly_disclosed": 2, "handled_total": 10}, False),
    ],
)
def test_rates_match_count_over_a_plausible_base(text: str, cells: dict[str, int], flagged: bool) -> None:
    table = {f"table3.{row}.total": v for row, v in cells.items()}
    flags = [f for f in mismatches(text, table) if "%" in (f.evidence or "")]
    assert bool(flags) is flagged, [f.message for f in flags]
    if flagged:
        assert "应为" in flags[0].message


@pytest.mark.parametrize(
    "text", ["办结5件，办结率100%。", "答复率100%。", "行政诉讼胜诉率100%。", "按时办结率达到95%。"]
)
def test_derived_rates_are_not_mapped(text: str) -> None:
    assert mismatches(text, {"table3.received.total": 3, "table3.handled_total.total": 5}) == []


# ---------------------------------------------------------------------------------------------------
# "含上年结转" and the ambiguous 办理/处理
# ---------------------------------------------------------------------------------------------------
def test_count_with_carried_in_is_new_plus_carried() -> None:
    text = "全年共处理政府信息公开申请1261件（含上年度结转74件）。"
    ok = {"table3.received.total": 1187, "table3.carried_in.total": 74, "table3.handled_total.total": 1200}
    assert mismatches(text, ok) == []
    bad = {"table3.received.total": 1261, "table3.carried_in.total": 74, "table3.handled_total.total": 1300}
    flags = mismatches(text, bad)
    assert [spanned(f, text) for f in flags] == ["全年共处理政府信息公开申请1261件"]


def test_received_with_carried_in() -> None:
    text = "共受理政府信息公开申请6件（含上年结转1件）。"
    assert mismatches(text, {"table3.received.total": 5, "table3.carried_in.total": 1}) == []
    flags = mismatches(text, {"table3.received.total": 6, "table3.carried_in.total": 1})
    assert len(flags) == 1 and "5" not in (flags[0].evidence or "")


def test_handled_with_carried_in_is_the_handled_total() -> None:
    text = "受理申请5件，办结6件（含上年结转1件）。"
    cells = {"table3.received.total": 5, "table3.carried_in.total": 1, "table3.handled_total.total": 6}
    assert mismatches(text, cells) == []
    flags = mismatches(text, {**cells, "table3.carried_in.total": 2, "table3.handled_total.total": 7})
    assert sorted(spanned(f, text) for f in flags) == ["办结6件", "含上年结转1件"]


def test_on_time_handled_is_a_lower_bound() -> None:
    text = "共收到申请5件，均在法定期限内办结，按时办结4件。"
    assert mismatches(text, {"table3.received.total": 5, "table3.handled_total.total": 5}) == []
    assert len(mismatches(text, {"table3.received.total": 5, "table3.handled_total.total": 3})) == 1
    (flag,) = mismatches(text, {"table3.received.total": 5, "table3.handled_total.total": 3})
    assert "不少于4" in flag.message


# ---------------------------------------------------------------------------------------------------
# Negations over non-zero cells, hedges
# ---------------------------------------------------------------------------------------------------
def test_negation_over_a_non_zero_cell() -> None:
    text = "本年度未收到政府信息公开申请。"
    (flag,) = mismatches(text, {"table3.received.total": 2})
    assert flag.cell == "表三/一、本年新收政府信息公开申请数量/总计"
    assert "为2" in flag.message and "未收到政府信息公开申请" in flag.message
    assert "三、收到和处理政府信息公开申请情况" in flag.message and "一、总体情况" in flag.message


def test_no_new_applications_is_fine_with_carried_in() -> None:
    text = "本年度未收到新的政府信息公开申请，办结上年结转申请1件。"
    cells = {"table3.carried_in.total": 1, "table3.handled_total.total": 1}
    assert mismatches(text, cells) == []


@pytest.mark.parametrize(
    "text",
    [
        "没有因本单位自身原因引起的行政复议被纠错和行政败诉案件。",
        "未发生因政府信息公开工作引起的行政复议被纠错的情况。",
        "全年因信息公开被申请行政复议3件，无被纠错和败诉。",
    ],
)
def test_hedge_says_only_corrected_is_zero(text: str) -> None:
    cells = {
        "table4.review.total": 3,
        "table4.review.upheld": 3,
        "table4.suit_direct.total": 2,
        "table4.suit_direct.upheld": 2,
    }
    assert mismatches(text, cells) == []
    flags = mismatches(text, {**cells, "table4.review.upheld": 2, "table4.review.corrected": 1})
    assert [f.cell for f in flags] == ["表四/行政复议/结果纠正"]


def test_plain_negation_says_the_totals_are_zero() -> None:
    text = "全年未收到因依申请公开答复而引起的行政复议和诉讼。"
    assert mismatches(text, {}) == []
    (flag,) = mismatches(text, {"table4.suit_after_review.total": 1})
    assert "为1" in flag.message


def test_appeals_in_the_reviewing_bodys_own_work_are_not_ours() -> None:
    # A justice bureau reporting the reviews it decided: nothing ties them to disclosure.
    text = "全年办理行政复议案件120件，行政应诉案件35件。"
    assert mismatches(text, {"table4.review.total": 0}) == []


def test_two_cells_in_one_clause() -> None:
    text = "予以公开3件、部分公开1件。"
    assert mismatches(text, {"table3.disclosed.total": 3, "table3.partly_disclosed.total": 1}) == []
    flags = mismatches(text, {"table3.disclosed.total": 2, "table3.partly_disclosed.total": 2})
    assert [spanned(f, text) for f in flags] == ["予以公开3件", "部分公开1件"]


def test_list_of_outcomes_is_a_sum() -> None:
    text = "予以公开和部分公开共4件。"
    assert mismatches(text, {"table3.disclosed.total": 3, "table3.partly_disclosed.total": 1}) == []
    (flag,) = mismatches(text, {"table3.disclosed.total": 3})
    assert "部分公开" in flag.message


def test_each_appeal_kind_with_ge() -> None:
    text = "因政府信息公开引发行政复议、行政诉讼各0件。"
    assert mismatches(text, {}) == []
    assert len(mismatches(text, {"table4.review.total": 1, "table4.suit_direct.total": 1})) == 2


def test_message_example_wording() -> None:
    text = "共收到政府信息公开申请2件。"
    (flag,) = mismatches(text, {"table3.received.total": 0})
    assert flag.message.startswith(
        "“三、收到和处理政府信息公开申请情况”表格中表三“一、本年新收政府信息公开申请数量”总计为0"
    )
    assert "“共收到政府信息公开申请2件”" in flag.message
    assert flag.section == 1 and flag.span == (0, 13)


def test_channels_cannot_add_up_to_more_than_the_table() -> None:
    text = "全年收到申请5件，其中网络平台3件、信函1件、当面1件。"
    assert mismatches(text, {"table3.received.total": 5}) == []
    # A list may leave a channel out: fewer is fine.
    assert mismatches("全年收到申请5件，其中网上申请3件、信函1件。", {"table3.received.total": 5}) == []
    bad = "全年收到申请5件，其中网上申请3件、信函3件。"
    (flag,) = mismatches(bad, {"table3.received.total": 5})
    assert spanned(flag, bad) == "其中网上申请3件、信函3件"
    assert "合计6件" in flag.message and "只有5件" in flag.message


def test_carried_in_in_brackets_without_han_is_either_reading() -> None:
    text = "本年度共收到政府信息公开申请5件（上年度结转1件）。"
    assert mismatches(text, {"table3.received.total": 5, "table3.carried_in.total": 1}) == []
    assert mismatches(text, {"table3.received.total": 4, "table3.carried_in.total": 1}) == []
    flags = mismatches(text, {"table3.received.total": 3, "table3.carried_in.total": 1})
    assert [spanned(f, text) for f in flags] == ["本年度共收到政府信息公开申请5件"]


def test_chinese_numeral_with_bound_reads_once() -> None:
    (flag,) = mismatches("共收到政府信息公开申请二十余件。", {"table3.received.total": 15})
    assert "（即不少于20）" in flag.message and "（即20）" not in flag.message


def test_approximate_amount_message() -> None:
    (flag,) = mismatches("行政事业性收费约2万元。", {"table2.fees.amount": 3})
    assert "约2万元" in flag.message and "为3万元" in flag.message


def test_restated_row_names_with_colons() -> None:
    text = "一、本年新收政府信息公开申请数量：5件；二、上年结转政府信息公开申请数量：0件；四、结转下年度继续办理：0件。"
    assert mismatches(text, {"table3.received.total": 5}) == []
    flags = mismatches(text, {"table3.received.total": 5, "table3.carried_out.total": 1})
    assert [spanned(f, text) for f in flags] == ["四、结转下年度继续办理：0件"]


def test_a_consulted_third_party_is_not_a_withheld_reason_without_withholding() -> None:
    text = "1件申请因涉及第三方合法权益，征求第三方意见后予以公开。"
    assert mismatches(text, {"table3.disclosed.total": 1}) == []
    text = "因保护第三方合法权益不予公开1件。"
    assert len(mismatches(text, {"table3.withheld_law.total": 1})) == 1


def test_review_and_suits_together_are_one_sum() -> None:
    text = "因政府信息公开引发行政复议和行政诉讼共2件。"
    assert mismatches(text, {"table4.review.total": 1, "table4.suit_after_review.total": 1}) == []
    (flag,) = mismatches(text, {"table4.review.total": 1})
    assert flag.cell == "表四/行政复议/总计"


def test_a_rule_about_missing_applications_is_no_statement() -> None:
    text = "对于未收到书面申请的情况，工作人员耐心解释。"
    assert mismatches(text, {"table3.received.total": 4}) == []


@pytest.mark.parametrize(
    "text", ["因政府信息公开被申请行政复议2件，结果均为维持。", "因政府信息公开被申请行政复议2件，均维持结果。"]
)
def test_all_upheld(text: str) -> None:
    assert mismatches(text, {"table4.review.total": 2, "table4.review.upheld": 2}) == []
    flags = mismatches(text, {"table4.review.total": 2, "table4.review.upheld": 1, "table4.review.pending": 1})
    assert [f.cell for f in flags] == ["表四/行政复议/总计"]
    assert "结果维持为1" in flags[0].message
