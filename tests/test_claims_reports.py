"""Whole narratives: clean realistic reports give no N-MISMATCH; other business is never read as ours."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from claimkit import mismatches, report, spanned
from test_claims_fixtures import EXPECTED as FIXTURE_FLAGS

from assistant.checks import claims
from assistant.checks.claim_extract import Claim, extract

# A county bureau: many figures, all agreeing with COUNTY_CELLS below.
COUNTY = {
    0: (
        "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
        "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。如对本报告有疑问，"
        "请与县自然资源局办公室联系（电话：0571-88881234）。"
    ),
    1: (
        "2024年，县自然资源局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》，"
        "围绕“十四五”规划目标，推进政务公开标准化规范化建设。\n"
        "（一）主动公开\n"
        "全年在县政府门户网站主动公开政府信息1260余条，其中工作动态320条、通知公告85条、政策解读12篇。"
        "本年度制定并公开行政规范性文件2件，废止规范性文件1件，截至年底现行有效的规范性文件15件。"
        "全年办理行政许可486件，实施行政处罚23件，行政强制0宗，行政事业性收费共约12.36万元。"
        "在“双公示”专栏公示行政许可信息486条、行政处罚信息23条。\n"
        "（二）依申请公开\n"
        "全年共收到政府信息公开申请十二件，上年结转2件。从申请主体看，其中自然人申请10件，法人或其他组织"
        "申请2件；从申请方式看，其中网上申请8件、信函申请3件、当面申请1件。本年度共办结13件（含上年结转"
        "2件），其中予以公开6件，占46.15%；部分公开2件；因属于四类过程性信息不予公开1件；本机关不掌握"
        "相关政府信息3件；申请人主动撤回申请1件。1件因在法定答复期限内，结转下年度继续办理。"
        "全年未收取任何信息处理费。\n"
        "（三）政府信息管理\n"
        "严格落实保密审查制度，全年审核拟公开信息1300余条，清理规范性文件35件，未发现泄密情况。\n"
        "（四）政府信息公开平台建设\n"
        "优化网站栏目设置，全年更新栏目42个，政务新媒体发布信息580条。\n"
        "（五）监督保障\n"
        "组织政务公开培训3次，参训人员120余人次。全年因政府信息公开被申请行政复议2件，其中结果维持1件，"
        "尚未审结1件；被提起行政诉讼1件，结果维持。没有因本单位自身原因引起的行政复议被纠错和行政败诉案件。"
    ),
    2: "",
    3: "本年度新收申请12件，办结13件，结转下年度继续办理1件。",
    5: (
        "一是公开内容不够全面，部分栏目更新不及时；二是工作人员多为兼职。下一步，一是加强培训，每年组织"
        "培训不少于2次；二是完善制度。"
    ),
    6: (
        "本机关2024年度未发出收费通知，未收取信息处理费。全年办理人大代表建议18件、政协提案12件，"
        "办结率100%，均已公开答复全文。12345热线转办工单860件，按时办结860件。"
    ),
}
COUNTY_CELLS: dict[str, int | float | str | None] = {
    "table2.normative_docs.issued": 2,
    "table2.normative_docs.repealed": 1,
    "table2.normative_docs.in_force": 15,
    "table2.licensing.decisions": 486,
    "table2.penalty.decisions": 23,
    "table2.fees.amount": "12.36",
    "table3.received.natural_person": 10,
    "table3.received.commercial": 1,
    "table3.received.legal_service": 1,
    "table3.received.total": 12,
    "table3.carried_in.natural_person": 2,
    "table3.carried_in.total": 2,
    "table3.disclosed.total": 6,
    "table3.partly_disclosed.total": 2,
    "table3.withheld_process.total": 1,
    "table3.unavailable_not_held.total": 3,
    "table3.other_other.total": 1,
    "table3.handled_total.total": 13,
    "table3.carried_out.total": 1,
    "table4.review.upheld": 1,
    "table4.review.pending": 1,
    "table4.review.total": 2,
    "table4.suit_direct.upheld": 1,
    "table4.suit_direct.total": 1,
}

# A township: almost nothing happened, said in many ways.
TOWNSHIP = {
    1: (
        "2024年，我镇认真贯彻落实《条例》，成立以镇长为组长的政务公开工作领导小组，形成一级抓一级的工作"
        "格局。\n"
        "（一）主动公开情况。通过镇政务公开栏、县政府网站乡镇专栏主动公开政府信息186条，其中财政预决算"
        "信息6条、惠民补贴信息42条。本年度未制定、废止行政规范性文件，行政许可、行政强制0宗，行政处罚3件，"
        "无行政事业性收费。\n"
        "（二）依申请公开情况。截至2024年12月31日，我镇未收到政府信息公开申请，无上年结转，"
        "无下年度结转。\n"
        "（三）政府信息管理。落实“三审三校”制度，全年审核信息186条。\n"
        "（四）平台建设。更新公开栏12次。\n"
        "（五）监督保障。未发生因政府信息公开引起的行政复议、行政诉讼，没有发生被纠错的情况。"
        "全年开展培训两次，接受群众咨询30余次，收到意见建议5条，均已办结。"
    ),
    6: "本年度未收取信息处理费。",
}
TOWNSHIP_CELLS: dict[str, int | float | str | None] = {"table2.penalty.decisions": 3}


def test_county_report_with_many_consistent_claims_is_clean() -> None:
    assert [f.message for f in mismatches(COUNTY, COUNTY_CELLS)] == []


# Every figure the county narrative states, as the reader must read it: (section, the words, the cells of
# the main reading, the value stated). The clean run above means something only if these were all read.
ORGS = [f"table3.received.{c}" for c in ("commercial", "research", "public_interest", "legal_service", "other_org")]
SUITS = ["table4.suit_direct.total", "table4.suit_after_review.total"]
CORRECTED = ["table4.review.corrected", "table4.suit_direct.corrected", "table4.suit_after_review.corrected"]
COUNTY_READ: list[tuple[int, str, list[str], float]] = [
    (1, "本年度制定并公开行政规范性文件2件", ["table2.normative_docs.issued"], 2),
    (1, "废止规范性文件1件", ["table2.normative_docs.repealed"], 1),
    (1, "截至年底现行有效的规范性文件15件", ["table2.normative_docs.in_force"], 15),
    (1, "全年办理行政许可486件", ["table2.licensing.decisions"], 486),
    (1, "实施行政处罚23件", ["table2.penalty.decisions"], 23),
    (1, "行政强制0宗", ["table2.enforcement.decisions"], 0),
    (1, "行政事业性收费共约12.36万元", ["table2.fees.amount"], 12.36),
    (1, "全年共收到政府信息公开申请十二件", ["table3.received.total"], 12),
    (1, "上年结转2件", ["table3.carried_in.total"], 2),
    (1, "其中自然人申请10件", ["table3.received.natural_person"], 10),
    (1, "法人或其他组织申请2件", ORGS, 2),
    (1, "本年度共办结13件", ["table3.handled_total.total"], 13),
    (1, "含上年结转2件", ["table3.carried_in.total"], 2),
    (1, "其中予以公开6件", ["table3.disclosed.total"], 6),
    (1, "其中予以公开6件，占46.15%", ["table3.handled_total.total"], 46.15),  # a rate: 6 of the 13 handled
    (1, "部分公开2件", ["table3.partly_disclosed.total"], 2),
    (1, "因属于四类过程性信息不予公开1件", ["table3.withheld_process.total"], 1),
    (1, "本机关不掌握相关政府信息3件", ["table3.unavailable_not_held.total"], 3),
    (1, "申请人主动撤回申请1件", ["table3.other_other.total"], 1),
    (1, "1件因在法定答复期限内", ["table3.carried_out.total"], 1),
    (1, "全年因政府信息公开被申请行政复议2件", ["table4.review.total"], 2),
    (1, "其中结果维持1件", ["table4.review.upheld"], 1),
    (1, "尚未审结1件", ["table4.review.pending"], 1),
    (1, "被提起行政诉讼1件", SUITS, 1),
    (1, "结果维持", SUITS, 0),  # all of the suits upheld: compared with the upheld cells, not a number
    (1, "没有因本单位自身原因引起的行政复议被纠错和行政败诉案件", CORRECTED, 0),
    (3, "本年度新收申请12件", ["table3.received.total"], 12),
    (3, "办结13件", ["table3.handled_total.total"], 13),
    (3, "结转下年度继续办理1件", ["table3.carried_out.total"], 1),
]


def _county_claims() -> list[Claim]:
    return [c for n, t in COUNTY.items() for c in extract(n, t, 2024)]


def _county_sum(cells: Iterable[tuple[str, str, str]]) -> float:
    return sum(float(COUNTY_CELLS.get(".".join(cell)) or 0) for cell in cells)


def test_county_report_reads_every_figure_it_states() -> None:
    found = [(c.section, c.text, [".".join(cell) for cell in c.alternatives[0]], c.value) for c in _county_claims()]
    assert found == COUNTY_READ


def test_what_the_county_report_states_is_what_its_tables_hold() -> None:
    # Independent of the checker: the main reading of every claim, summed over COUNTY_CELLS, is what is said.
    for claim in _county_claims():
        held = _county_sum(claim.alternatives[0])
        if claim.equals:  # "结果维持": the suits and the upheld suits are the same cases
            assert held == _county_sum(claim.equals[0]) == 1, claim.text
        elif claim.kind == "rate":
            disclosed = _county_sum([("table3", "disclosed", "total")])
            assert claim.count == disclosed and round(disclosed / held * 100, 2) == claim.value, claim.text
        else:
            assert held == claim.value, claim.text


def test_county_report_catches_a_single_wrong_figure() -> None:
    cells = {**COUNTY_CELLS, "table3.disclosed.total": 5, "table3.other_other.total": 2}
    flags = mismatches(COUNTY, cells)
    # 予以公开6件 and its 占46.15% (6/13) stay true to the text; the table moved one case: the count is
    # flagged, the withdrawn count too.
    cells_flagged = sorted(f.cell or "" for f in flags)
    assert cells_flagged == sorted(["表三/（一）予以公开/总计", "表三/3.其他/总计"]), [f.message for f in flags]


def test_township_report_with_zeros_said_many_ways_is_clean() -> None:
    assert [f.message for f in mismatches(TOWNSHIP, TOWNSHIP_CELLS)] == []


def test_township_report_negations_catch_non_zero_cells() -> None:
    cells = {
        **TOWNSHIP_CELLS,
        "table3.received.total": 2,
        "table3.received.natural_person": 2,
        "table4.review.total": 1,
        "table2.fees.amount": 0.3,
    }
    flags = mismatches(TOWNSHIP, cells)
    assert sorted(spanned(f, TOWNSHIP[1]) for f in flags) == sorted(
        ["未收到政府信息公开申请", "无行政事业性收费", "未发生因政府信息公开引起的行政复议、行政诉讼"]
    )


@pytest.mark.parametrize(
    "text",
    [
        "全年受理12345热线工单300件，办结298件，按时办结率99.3%。",
        "全年办理人大代表建议12件、政协提案8件，办结12件。",
        "收到群众信访件15件，已全部答复，答复15件。",
        "主动公开政府信息1520条。",
        "在网站公示行政处罚信息45条，公开行政许可事项清单86项。",
        "收到意见建议7条，办结7件。",
        "开展培训3次，参训人员80余人次。",
        "全市各部门共收到政府信息公开申请2300件。",
        "与上年相比，收到申请增加3件，同比增长20%。",
        "2023年共收到政府信息公开申请9件。",
        "其中通过网络平台收到申请3件，通过信函收到2件。",
        "全年未收取信息处理费，未发出收费通知。",
        "答复率100%，胜诉率100%。",
        "全县办理行政复议案件56件。",
        "推进“一件事一次办”改革，办理一件事12件。",
    ],
)
def test_other_business_is_never_read_as_table_figures(text: str) -> None:
    cells = {"table3.received.total": 5, "table3.handled_total.total": 5, "table2.penalty.decisions": 1}
    assert [f.message for f in mismatches(text, cells)] == []


def test_a_claim_about_a_blank_or_word_cell_says_nothing() -> None:
    text = "共收到政府信息公开申请5件，予以公开3件。"
    assert mismatches(text, {"table3.received.total": None, "table3.disclosed.total": "/"}) == []
    assert mismatches(text, {"table3.received.total": "无", "table3.disclosed.total": "—"}) == []


def test_missing_tables_say_nothing() -> None:
    r = report("共收到政府信息公开申请5件。办理行政许可3件。因政府信息公开引发行政复议1件。")
    r.figures.table2 = None
    r.figures.table3 = None
    r.figures.table4 = None
    assert claims.run(r) == []


def test_seed_township_report_gives_no_mismatch(seed_path: Path) -> None:
    from assistant.readers import read_report

    r = read_report(seed_path)
    assert r.figures.value("table2", "penalty", "decisions") == 3
    assert [f.message for f in claims.run(r)] == []


def test_seed_narrative_sentence_alone_gives_no_mismatch() -> None:
    # The seed's only application sentence, over its all-zero tables (行政处罚 3).
    text = (
        "（三）认真规范处理依申请公开。完善依申请公开制度、优化内部办理流程，明确职责、程序、公开方式和"
        "时限要求等，确保依申请公开工作依法依规进行，截止2024年年末，我镇未接到公开信息的申请。"
    )
    assert mismatches(text, {"table2.penalty.decisions": 3}) == []
    flags = mismatches(text, {"table3.received.total": 1})
    assert [spanned(f, text) for f in flags] == ["未接到公开信息的申请"]


@pytest.mark.parametrize(
    "text",
    [
        "2024年，共主动公开政府信息2356条，其中通过政府网站公开1800条，政务微信公众号发布556条。",
        "全年共召开新闻发布会5场，发布政策解读文章12篇。",
        "对12件规范性文件进行了合法性审查。",
        "组织开展规范性文件清理，共清理规范性文件45件，废止3件，宣布失效2件。",
        "我局严格执行《条例》规定，公开申请答复期限平均7个工作日。",
        "每一件申请都认真答复。",
        "设置依申请公开受理点3个。",
        "受理群众来访10次。",
        "本机关为行政复议机关，全年共收到行政复议申请86件。",
        "全年没有收到申请人提出的异议。",
        "共公开规范性文件8件。",
        "依申请公开答复时限压缩至10个工作日。",
        "与兄弟单位一起做好依申请公开工作。",
        "申请人需在15个工作日内补正，逾期视为放弃。",
        "1件因不属于本机关公开职责范围，已告知申请人向有关机关申请。",
    ],
)
def test_sentences_that_state_no_table_figure(text: str) -> None:
    assert [c.text for c in extract(1, text, 2024)] == []


def test_seed_with_a_non_zero_table_is_caught(seed_path: Path) -> None:
    from assistant.model import Cell
    from assistant.readers import read_report

    r = read_report(seed_path)
    r.figures.set("table3", "received", "total", Cell.parse(1))
    flags = claims.run(r)
    assert [(f.section, f.evidence) for f in flags] == [(1, "未接到公开信息的申请")]


def _fixture_cases() -> list[str]:
    import json

    expected = Path(__file__).resolve().parents[1] / "fixtures" / "expected.json"
    return sorted(json.loads(expected.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", _fixture_cases())
def test_fixtures_give_n_mismatch_exactly_where_expected(name: str, fixtures_dir: Path) -> None:
    import json

    from assistant.readers import read_report

    expected = json.loads((fixtures_dir / "expected.json").read_text(encoding="utf-8"))[name]
    flags = claims.run(read_report(fixtures_dir / name))
    assert bool(flags) is ("N-MISMATCH" in expected["codes"]), [f.message for f in flags]
    if flags:
        assert len(flags) == 1
        assert flags[0].cell == _FIXTURE_CELLS[name]


# The claims-* fixtures' flags are pinned down in test_claims_fixtures.py.
_FIXTURE_CELLS = {
    "qingshiling-2024.txt": "表三/一、本年新收政府信息公开申请数量/总计",
    # the demo's 5-vs-6 claim, after the text went through a PDF and back
    "pdf-shiqiao-2024-defects.txt": "表三/一、本年新收政府信息公开申请数量/总计",
    "unwrap-taoyuan-2024-wide.txt": "表三/一、本年新收政府信息公开申请数量/总计",
    **{name: cells[0][0] for name, cells in FIXTURE_FLAGS.items() if cells},
}
