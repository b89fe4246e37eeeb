"""Claims read in context (issue 8, kinds 7 and 8): a topic carried from one clause never outlives the
clause that set it, and a line wrapped mid-phrase is read as one line."""

from __future__ import annotations

from claimkit import mismatches, spanned

from assistant.standard import cell_path

_APPEAL = "因政府信息公开被申请行政复议1件，被提起行政诉讼1件。"
CELLS: dict[str, int | float | str | None] = {
    "table4.review.total": 1,
    "table4.suit_direct.total": 1,
    "table2.penalty.decisions": 14,
    "table3.partly_disclosed.total": 2,
    "table3.unavailable_not_held.total": 2,
    "table3.received.total": 16,
    "table3.handled_total.total": 15,
    "table3.other_no_correction.total": 14,
    "table3.carried_out.total": 1,
}


def _one(text: str, cell: tuple[str, str, str], evidence: str) -> None:
    flags = mismatches(text, CELLS)
    assert [(f.cell, spanned(f, text)) for f in flags] == [(cell_path(*cell), evidence)]


def test_decision_count_after_an_appeal_sentence_is_checked() -> None:
    _one(_APPEAL + "作出行政处罚决定12件。", ("table2", "penalty", "decisions"), "作出行政处罚决定12件")


def test_outcome_after_an_appeal_sentence_is_checked() -> None:
    _one(_APPEAL + "部分公开3件。", ("table3", "partly_disclosed", "total"), "部分公开3件")


def test_outcome_after_an_appeal_clause_is_not_read_as_appeal() -> None:
    assert mismatches(_APPEAL + "因本机关不掌握相关政府信息而无法提供的2件。", CELLS) == []
    assert mismatches("被提起行政诉讼1件，因本机关不掌握相关政府信息而无法提供的2件。", CELLS) == []


def test_clauses_naming_their_own_topic_in_one_sentence() -> None:
    text = "因政府信息公开被申请行政复议1件，被提起行政诉讼1件，作出行政处罚决定12件，部分公开3件。"
    flags = mismatches(text, CELLS)
    assert [(f.cell, spanned(f, text)) for f in flags] == [
        (cell_path("table2", "penalty", "decisions"), "作出行政处罚决定12件"),
        (cell_path("table3", "partly_disclosed", "total"), "部分公开3件"),
    ]


def test_appeal_rows_do_not_outlive_a_clause_with_its_own_topic() -> None:
    # "其中维持1件" right after 复议 is 复议's; after a 表二 clause it is nobody's.
    text = "被申请行政复议2件，作出行政处罚决定14件，其中维持1件。"
    assert mismatches(text, {**CELLS, "table4.review.total": 2}) == []


def test_claim_wrapped_mid_phrase_is_read_whole() -> None:
    # The line break cuts "转下一年度": the 1 is the carried-out figure, not 办结 (which is 15).
    text = "全年共收到政府信息公开申请16件，其中逾期未补正等其他处理14件，转下一\n年度办理答复的有1件。"
    assert mismatches(text, CELLS) == []
    wrong = text.replace("有1件", "有2件")
    flags = mismatches(wrong, CELLS)
    assert [(f.cell, f.evidence) for f in flags] == [
        (cell_path("table3", "carried_out", "total"), "转下一\n年度办理答复的有2件")
    ]


def test_heading_line_is_not_joined_to_the_next() -> None:
    text = "（二）依申请公开情况：收到和处理申请\n办结15件。"
    assert mismatches(text, CELLS) == []  # 办结 is under no application topic once the heading resets it


def test_fee_against_a_zero_cell_is_no_rounding() -> None:
    # A zero cell holds no 元 to round away, and a stated zero is exact (found by the composed paragraphs).
    assert [f.evidence for f in mismatches("行政事业性收费3000元。", {"table2.fees.amount": "0"})] == [
        "行政事业性收费3000元"
    ]
    assert [f.evidence for f in mismatches("行政事业性收费为0。", {"table2.fees.amount": "0.05"})] == [
        "行政事业性收费为0"
    ]
    assert mismatches("行政事业性收费0.003万元。", {"table2.fees.amount": "0.00"}) == []
    assert mismatches("行政事业性收费4.043万元。", {"table2.fees.amount": "4.04"}) == []
