"""Every phrasing family of real-world.md §3: consistent → no flag; contradicted → one flag, right cell, span."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from claimkit import mismatches, spanned

from assistant.standard import cell_path

Cells = dict[str, int | float | str | None]


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    ok: Cells  # cells under which the sentence is true
    bad: Cells  # cells under which it is false
    cell: tuple[str, str, str]  # the flagged (main) cell
    evidence: str  # what the span covers
    section: int = 1


def _t3(row: str, value: int, col: str = "total") -> Cells:
    return {f"table3.{row}.{col}": value}


CASES: tuple[Case, ...] = (
    # 表二 §3 #1–#11
    Case(
        "#1 制定规范性文件",
        "本年度制定并公开规范性文件3件。",
        {"table2.normative_docs.issued": 3},
        {"table2.normative_docs.issued": 2},
        ("table2", "normative_docs", "issued"),
        "本年度制定并公开规范性文件3件",
    ),
    Case(
        "#1 发布规范性文件篇",
        "发布行政规范性文件2篇。",
        {"table2.normative_docs.issued": 2},
        {"table2.normative_docs.issued": 1, "table2.normative_docs.in_force": 5},
        ("table2", "normative_docs", "issued"),
        "发布行政规范性文件2篇",
    ),
    Case(
        "#2 废止",
        "废止规范性文件1件。",
        {"table2.normative_docs.repealed": 1},
        {},
        ("table2", "normative_docs", "repealed"),
        "废止规范性文件1件",
    ),
    Case(
        "#3 现行有效",
        "截至年底现行有效的规范性文件12件。",
        {"table2.normative_docs.in_force": 12},
        {"table2.normative_docs.in_force": 11},
        ("table2", "normative_docs", "in_force"),
        "截至年底现行有效的规范性文件12件",
    ),
    Case(
        "#4 未制定",
        "本年度未制定规章、行政规范性文件。",
        {"table2.normative_docs.in_force": 4},
        {"table2.normative_docs.issued": 1},
        ("table2", "rules", "issued"),
        "未制定规章、行政规范性文件",
    ),
    Case(
        "#5 办理行政许可",
        "全年办理行政许可56件。",
        {"table2.licensing.decisions": 56},
        {"table2.licensing.decisions": 65},
        ("table2", "licensing", "decisions"),
        "全年办理行政许可56件",
    ),
    Case(
        "#5 许可宗",
        "行政许可办件量5宗。",
        {"table2.licensing.decisions": 5},
        {},
        ("table2", "licensing", "decisions"),
        "行政许可办件量5宗",
    ),
    Case(
        "#6 未收到许可申请",
        "全年未收到行政许可申请。",
        {},
        {"table2.licensing.decisions": 2},
        ("table2", "licensing", "decisions"),
        "未收到行政许可",
    ),
    Case(
        "#7 行政处罚案件",
        "办理行政处罚案件3件。",
        {"table2.penalty.decisions": 3},
        {},
        ("table2", "penalty", "decisions"),
        "办理行政处罚案件3件",
    ),
    Case(
        "#9 许可强制共零",
        "行政许可、行政强制0宗。",
        {"table2.penalty.decisions": 7},
        {"table2.enforcement.decisions": 1},
        ("table2", "licensing", "decisions"),
        "行政许可、行政强制0宗",
    ),
    Case(
        "#10 无收费",
        "全年无行政事业性收费。",
        {},
        {"table2.fees.amount": 0.5},
        ("table2", "fees", "amount"),
        "无行政事业性收费",
    ),
    Case(
        "#10 收费0元",
        "行政事业性收费0元。",
        {"table2.fees.amount": "0.00"},
        {"table2.fees.amount": 1.2},
        ("table2", "fees", "amount"),
        "行政事业性收费0元",
    ),
    Case(
        "#10 收费为0",
        "行政事业性收费为0。",
        {},
        {"table2.fees.amount": 3},
        ("table2", "fees", "amount"),
        "行政事业性收费为0",
    ),
    Case(
        "#11 收费万元",
        "行政事业性收费4.043万元。",
        {"table2.fees.amount": "4.04"},
        {"table2.fees.amount": "4.06"},
        ("table2", "fees", "amount"),
        "行政事业性收费4.043万元",
    ),
    # 表三 received §3 #12–#19
    Case(
        "#12 共收到",
        "共收到政府信息公开申请2件。",
        _t3("received", 2),
        _t3("received", 0),
        ("table3", "received", "total"),
        "共收到政府信息公开申请2件",
    ),
    Case(
        "#12 收到依申请公开事项",
        "收到依申请公开事项5件。",
        _t3("received", 5),
        _t3("received", 4),
        ("table3", "received", "total"),
        "收到依申请公开事项5件",
    ),
    Case(
        "#12 收到N起",
        "全年收到3起依申请公开件。",
        _t3("received", 3),
        _t3("received", 1),
        ("table3", "received", "total"),
        "全年收到3起",
    ),
    Case(
        "#12 请求",
        "依申请公开请求4件。",
        _t3("received", 4),
        _t3("received", 2),
        ("table3", "received", "total"),
        "依申请公开请求4件",
    ),
    Case(
        "#12 共受理",
        "共受理政府信息公开申请7件。",
        {**_t3("received", 6), **_t3("carried_in", 1)},
        _t3("received", 5),
        ("table3", "received", "total"),
        "共受理政府信息公开申请7件",
    ),
    Case(
        "#13 新收",
        "全年新收政府信息公开申请数量8件。",
        _t3("received", 8),
        _t3("received", 9),
        ("table3", "received", "total"),
        "全年新收政府信息公开申请数量8件",
    ),
    Case(
        "#14 办理 ambiguous",
        "全年办理政府信息公开申请6件。",
        {**_t3("received", 5), **_t3("carried_in", 1), **_t3("handled_total", 5)},
        {**_t3("received", 3), **_t3("handled_total", 4)},
        ("table3", "received", "total"),
        "全年办理政府信息公开申请6件",
    ),
    Case(
        "#15 未收到",
        "本年度未收到政府信息公开申请。",
        {},
        _t3("received", 2),
        ("table3", "received", "total"),
        "未收到政府信息公开申请",
    ),
    Case(
        "#15 没有收到申请表",
        "没有收到个人和组织递交的申请表。",
        {},
        _t3("received", 1),
        ("table3", "received", "total"),
        "没有收到个人和组织递交的申请",
    ),
    Case(
        "#15 无依申请公开事项",
        "无依申请公开事项。",
        _t3("carried_in", 1),
        _t3("received", 1),
        ("table3", "received", "total"),
        "无依申请公开事项",
    ),
    Case(
        "#15 零报告",
        "未收到和处理政府信息公开申请，零报告。",
        {},
        _t3("received", 3),
        ("table3", "received", "total"),
        "未收到和处理政府信息公开申请",
    ),
    Case(
        "#16 均为自然人",
        "共收到申请3件，均为自然人申请。",
        {**_t3("received", 3), **_t3("received", 3, "natural_person")},
        {**_t3("received", 3), **_t3("received", 2, "natural_person"), **_t3("received", 1, "commercial")},
        ("table3", "received", "total"),
        "均为自然人",
    ),
    Case(
        "#17 公民个人",
        "共收到申请5件，其中公民个人申请3件。",
        {**_t3("received", 5), **_t3("received", 3, "natural_person")},
        {**_t3("received", 5), **_t3("received", 5, "natural_person")},
        ("table3", "received", "natural_person"),
        "其中公民个人申请3件",
    ),
    Case(
        "#18 属自然人",
        "共收到申请5件，4件属自然人申请，1件属商业企业申请。",
        {**_t3("received", 5), **_t3("received", 4, "natural_person"), **_t3("received", 1, "commercial")},
        {**_t3("received", 5), **_t3("received", 4, "natural_person"), **_t3("received", 1, "legal_service")},
        ("table3", "received", "commercial"),
        "1件属商业企业申请",
    ),
    Case(
        "#18 法人或其他组织",
        "法人或其他组织申请3件。",
        {**_t3("received", 1, "commercial"), **_t3("received", 2, "other_org")},
        _t3("received", 1, "research"),
        ("table3", "received", "commercial"),
        "法人或其他组织申请3件",
    ),
    Case(
        "#20 上年结转",
        "上年结转政府信息公开申请2件。",
        _t3("carried_in", 2),
        _t3("carried_in", 0),
        ("table3", "carried_in", "total"),
        "上年结转政府信息公开申请2件",
    ),
    # 表三 outcomes §3 #21–#35
    Case(
        "#21 予以公开",
        "共收到申请4件，予以公开3件。",
        {**_t3("received", 4), **_t3("disclosed", 3)},
        {**_t3("received", 4), **_t3("disclosed", 2)},
        ("table3", "disclosed", "total"),
        "予以公开3件",
    ),
    Case(
        "#22 部分公开",
        "部分公开1件。",
        _t3("partly_disclosed", 1),
        _t3("partly_disclosed", 2),
        ("table3", "partly_disclosed", "total"),
        "部分公开1件",
    ),
    Case(
        "#23 行政执法案卷",
        "因属于行政执法案卷信息不予公开1件。",
        _t3("withheld_enforcement", 1),
        _t3("withheld_process", 1),
        ("table3", "withheld_enforcement", "total"),
        "因属于行政执法案卷信息不予公开1件",
    ),
    Case(
        "#24 过程性信息",
        "因四类过程性信息不予公开2件。",
        _t3("withheld_process", 2),
        _t3("withheld_process", 1),
        ("table3", "withheld_process", "total"),
        "因四类过程性信息不予公开2件",
    ),
    Case(
        "#25 行政查询事项",
        "属于行政查询事项1件。",
        _t3("withheld_inquiry", 1),
        {},
        ("table3", "withheld_inquiry", "total"),
        "属于行政查询事项1件",
    ),
    Case(
        "#26 不予公开 subtotal",
        "不予公开2件。",
        {**_t3("withheld_law", 1), **_t3("withheld_third_party", 1)},
        _t3("withheld_law", 1),
        ("table3", "withheld_state_secret", "total"),
        "不予公开2件",
    ),
    Case(
        "#27 不掌握",
        "本机关不掌握相关政府信息1件。",
        _t3("unavailable_not_held", 1),
        _t3("unavailable_needs_creation", 2),
        ("table3", "unavailable_not_held", "total"),
        "本机关不掌握相关政府信息1件",
    ),
    Case(
        "#28 无法提供",
        "信息无法提供2件。",
        {**_t3("unavailable_not_held", 1), **_t3("unavailable_unclear", 1)},
        _t3("unavailable_not_held", 1),
        ("table3", "unavailable_not_held", "total"),
        "信息无法提供2件",
    ),
    Case(
        "#29 不予处理",
        "不予处理1件。",
        _t3("rejected_repeat", 1),
        {},
        ("table3", "rejected_petition", "total"),
        "不予处理1件",
    ),
    Case(
        "#30 逾期未补正",
        "申请人逾期未补正1件。",
        _t3("other_no_correction", 1),
        _t3("other_other", 1),
        ("table3", "other_no_correction", "total"),
        "申请人逾期未补正1件",
    ),
    Case(
        "#31 撤回",
        "申请人主动撤回申请1件。",
        _t3("other_other", 1),
        _t3("disclosed", 1),
        ("table3", "other_other", "total"),
        "申请人主动撤回申请1件",
    ),
    Case(
        "#32 办结",
        "共收到申请5件，已全部办结，办结5件。",
        {**_t3("received", 5), **_t3("handled_total", 5)},
        {**_t3("received", 5), **_t3("handled_total", 4)},
        ("table3", "handled_total", "total"),
        "办结5件",
    ),
    Case(
        "#32 已答复",
        "共收到申请3件，已答复3件。",
        {**_t3("received", 3), **_t3("handled_total", 3)},
        {**_t3("received", 3), **_t3("handled_total", 2)},
        ("table3", "handled_total", "total"),
        "已答复3件",
    ),
    Case(
        "#33 结转下年度",
        "结转下年度继续办理1件。",
        _t3("carried_out", 1),
        {},
        ("table3", "carried_out", "total"),
        "结转下年度继续办理1件",
    ),
    Case(
        "#33 N件结转",
        "共收到申请6件，其中1件结转下年度办理。",
        {**_t3("received", 6), **_t3("carried_out", 1)},
        {**_t3("received", 6), **_t3("carried_out", 2)},
        ("table3", "carried_out", "total"),
        "1件结转下年度办理",
    ),
    Case(
        "#33 正在答复",
        "共收到申请6件，办结5件，1件正在答复中。",
        {**_t3("received", 6), **_t3("handled_total", 5), **_t3("carried_out", 1)},
        {**_t3("received", 6), **_t3("handled_total", 5)},
        ("table3", "carried_out", "total"),
        "1件正在答复中",
    ),
    Case(
        "#34 无下年度结转",
        "无下年度结转。",
        {},
        _t3("carried_out", 1),
        ("table3", "carried_out", "total"),
        "无下年度结转",
    ),
    # 表四 §3 #36–#44
    Case(
        "#36 引发行政复议",
        "因政府信息公开引发行政复议2件。",
        {"table4.review.total": 2},
        {"table4.review.total": 1},
        ("table4", "review", "total"),
        "因政府信息公开引发行政复议2件",
    ),
    Case(
        "#36 被申请复议次",
        "本机关被申请行政复议1次。",
        {"table4.review.total": 1},
        {},
        ("table4", "review", "total"),
        "本机关被申请行政复议1次",
    ),
    Case(
        "#37 维持",
        "因政府信息公开被申请行政复议2件，其中结果维持1件。",
        {"table4.review.total": 2, "table4.review.upheld": 1, "table4.review.pending": 1},
        {"table4.review.total": 2, "table4.review.pending": 2},
        ("table4", "review", "upheld"),
        "其中结果维持1件",
    ),
    Case(
        "#38 纠正",
        "因信息公开被申请行政复议1件，被撤销、确认违法、责令履行共1件。",
        {"table4.review.total": 1, "table4.review.corrected": 1},
        {"table4.review.total": 1, "table4.review.upheld": 1},
        ("table4", "review", "corrected"),
        "被撤销、确认违法、责令履行共1件",
    ),
    Case(
        "#39 尚未审结",
        "因政府信息公开被申请行政复议1件，尚未审结1件。",
        {"table4.review.total": 1, "table4.review.pending": 1},
        {"table4.review.total": 1, "table4.review.upheld": 1},
        ("table4", "review", "pending"),
        "尚未审结1件",
    ),
    Case(
        "#41 行政诉讼",
        "因政府信息公开引发行政诉讼3件。",
        {"table4.suit_direct.total": 2, "table4.suit_after_review.total": 1},
        {"table4.suit_direct.total": 2},
        ("table4", "suit_direct", "total"),
        "因政府信息公开引发行政诉讼3件",
    ),
    Case(
        "#43 未发生",
        "未发生因政府信息公开申请行政复议、行政诉讼的情况。",
        {},
        {"table4.suit_after_review.total": 1},
        ("table4", "review", "total"),
        "未发生因政府信息公开申请行政复议、行政诉讼的情况",
    ),
    Case(
        "#43 复议0件诉讼0件",
        "涉及复议0件，诉讼0件。",
        {},
        {"table4.review.total": 1},
        ("table4", "review", "total"),
        "涉及复议0件",
    ),
    Case(
        "#44 hedge",
        "没有因本单位自身原因引起的行政复议被纠错和行政败诉案件。",
        {"table4.review.total": 3, "table4.review.upheld": 3, "table4.suit_direct.total": 1},
        {"table4.review.total": 1, "table4.review.corrected": 1},
        ("table4", "review", "corrected"),
        "没有因本单位自身原因引起的行政复议被纠错和行政败诉案件",
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_consistent_claim_gives_no_flag(case: Case) -> None:
    assert mismatches({case.section: case.text}, case.ok) == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_contradicted_claim_gives_one_flag(case: Case) -> None:
    flags = mismatches({case.section: case.text}, case.bad)
    assert len(flags) == 1, [f.message for f in flags]
    flag = flags[0]
    assert flag.cell == cell_path(*case.cell)
    assert flag.section == case.section
    assert spanned(flag, case.text) == case.evidence
    assert flag.evidence == case.evidence
    assert flag.severity == "error"
