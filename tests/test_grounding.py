"""Every number in model prose is grounded (tables, what the model was given, the year) or its clause goes."""

from __future__ import annotations

from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.checks.claim_extract import extract
from assistant.drafting import placeholders
from assistant.drafting.grounding import ground, material
from assistant.drafting.literals import find_literals
from assistant.drafting.offline import draft_offline
from assistant.drafting.offline_templates import Templates
from assistant.drafting.pinning import pin, refill_figures
from assistant.drafting.request import build_request
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SONGHE = read_report(FIXTURES / "songhe-2024.md").figures  # 新收 12, 办结 11, 行政处罚 37, 收费 0
BUREAU = read_report(FIXTURES / "yunxiu-edu-2024.txt").figures  # 收费 1.25 万元
PROFILE = "单位地址：松禾街道人民路12号，邮编650100，办公电话0873-6120476，网址 www.songhe.gov.cn"


def numbers(text: str) -> list[str]:
    return [lit.text for lit in find_literals(text)]


def keys(text: str) -> set[str]:
    return {lit.key for lit in find_literals(text)}


# ----------------------------------------------------------------------------------------------------
# What counts as a number
# ----------------------------------------------------------------------------------------------------
def test_numbers_in_every_spelling_are_found() -> None:
    text = "收到申请十二件，收费3万元、0.8万元，答复率１００％，占百分之三十，近5000条，1,234条，三十余万元"
    assert numbers(text) == ["十二件", "3万元", "0.8万元", "１００％", "百分之三十", "5000条", "1,234条", "三十余万元"]
    assert keys("收费3万元") == keys("收费30000元") != keys("收费3元")


def test_dates_ordinals_document_numbers_titles_and_set_words_are_no_numbers() -> None:
    text = (
        "根据《条例》第五十条和国办公开办函〔2021〕30号，统计期限为1月1日至12月31日，每月15日更新，9:00受理。\n"
        "（三）政府信息管理\n1.加强审核；一是推进一网通办，二是做好12345热线，落实《2023年工作要点》和“十四五”规划，"
        "一站式办理，一次性告知，建立一项制度，“三安全一稳定”，报告由六部分组成，在20个工作日内答复。"
    )
    assert numbers(text) == []


def test_years_are_marked_and_a_hotline_with_a_measure_word_is_a_number() -> None:
    assert [(lit.text, lit.year) for lit in find_literals("2024年、二〇二四年、2024—2025年、3年")] == [
        ("2024年", True),
        ("二〇二四年", True),
        ("2024", True),
        ("2025年", True),
        ("3年", False),
    ]
    assert numbers("受理12345热线工单12345件") == ["12345件"]


# ----------------------------------------------------------------------------------------------------
# The examples: the claim reader misses the sentence, grounding does not
# ----------------------------------------------------------------------------------------------------
def test_numbers_the_claim_reader_misses_are_removed_with_their_clause() -> None:
    raw = "本年度共收到申请{{received.total}}件，依法实施处罚12件，收取各类费用3万元，办结{{handled_total.total}}件。"
    assert extract(1, raw.replace("{{received.total}}", "12"), 2024)[1:] == []  # the reader sees neither
    pinned = pin(raw, 1, SONGHE, 2024)
    assert pinned.text == "本年度共收到申请12件，办结11件。"
    assert [(r.clause, r.numbers) for r in pinned.ungrounded] == [
        ("依法实施处罚12件", ("12件",)),
        ("收取各类费用3万元", ("3万元",)),
    ]
    assert all(r.section == 1 for r in pinned.ungrounded)


def test_wrong_figures_the_claim_reader_maps_are_still_corrected() -> None:
    pinned = pin("全年作出行政处罚决定12件，行政事业性收费3万元。", 1, BUREAU, 2024)
    assert "行政事业性收费1.25万元" in pinned.text and "3万元" not in pinned.text
    assert [c.before for c in pinned.corrections][-1] == "行政事业性收费3万元"


def test_right_literal_figures_the_tables_bear_out_stay() -> None:
    pinned = pin("全年作出行政处罚决定37件，本年度共收到政府信息公开申请12件。", 1, SONGHE, 2024)
    assert pinned.text == "全年作出行政处罚决定37件，本年度共收到政府信息公开申请12件。"
    assert pinned.ungrounded == [] and pinned.corrections == []


def test_numbers_given_to_the_model_stay_and_the_legend_grounds_nothing() -> None:
    raw = "开展政务公开培训15次，参训300余人次，更新公开栏二十四期。"
    assert pin(raw, 1, SONGHE, 2024, given="备注：培训15次，参训约300人次，公开栏全年更新24期。").text == raw
    legend = placeholders.legend(SONGHE)  # every table value, but as the placeholders' values only
    assert "= 37" in legend
    assert pin("依法实施处罚37件。", 1, SONGHE, 2024, given=legend).text == ""


def test_a_figure_from_the_clerks_notes_is_not_rewritten_by_the_claim_reader() -> None:
    # The reader takes this 培训 clause for a 复议 figure (the sentence's topic); the clerk's number stays.
    raw = "因政府信息公开工作被申请行政复议{{review.total}}件，开展政务公开培训2000次。"
    assert pin(raw, 1, SONGHE, 2024).corrections != []
    pinned = pin(raw, 1, SONGHE, 2024, given="备注：开展政务公开培训2000次")
    assert pinned.text == "因政府信息公开工作被申请行政复议1件，开展政务公开培训2000次。" and pinned.corrections == []


def test_the_prompts_template_draft_grounds_its_contact_line_but_not_its_table_figures() -> None:
    req = build_request(
        read_report(FIXTURES / "qingshiling-2024.txt").figures,
        year=2024,
        unit="青石岭镇",
        last=read_report(FIXTURES / "qingshiling-2023.txt"),
        notes="全年开展政务公开培训15次。",
    )
    offline = draft_offline(req)
    overview, preamble = offline.text_of(1), offline.text_of(0)
    assert "实施行政处罚5件" in overview and "电话：0873-6512308" in preamble
    given = material(f"备注：{req.notes}\n{overview}", overview, req.figures)
    assert "实施行政处罚，" in given and "培训15次" in given
    assert pin("依法实施处罚5件，开展培训15次。", 1, req.figures, 2024, given=given).text == "开展培训15次。"
    # A model that keeps the template's sentences loses none of them.
    assert pin(overview, 1, req.figures, 2024, given=given).text == overview
    assert pin(preamble, 0, req.figures, 2024, given=material(preamble, preamble, req.figures)).text == preamble


def test_the_profile_grounds_the_contact_line_and_an_invented_one_goes() -> None:
    raw = "本报告电子版可在www.songhe.gov.cn查阅，联系地址：人民路12号，邮编650100，联系电话：0873-6120476。"
    assert pin(raw, 0, SONGHE, 2024, given=PROFILE).text == raw
    invented = pin("如有疑问，请致电0873-6999999。", 0, SONGHE, 2024, given=PROFILE)
    assert invented.text == "如有疑问。" and invented.ungrounded[0].numbers == ("6999999",)


def test_the_report_year_and_the_next_are_grounded_other_years_only_when_given() -> None:
    raw = "2024年扎实推进政务公开，2025年将继续深化，2019年以来持续推进。"
    assert pin(raw, 5, SONGHE, 2024).text == "2024年扎实推进政务公开，2025年将继续深化。"
    assert pin(raw, 5, SONGHE, 2024, given="上年报告：2019年以来……").text == raw


def test_a_digit_glued_to_a_filled_figure_is_not_grounded_by_it() -> None:
    pinned = pin("依法实施处罚{{penalty.decisions}}0件，办结{{handled_total.total}}件。", 1, SONGHE, 2024)
    assert pinned.text == "办结11件。" and pinned.ungrounded[0].numbers == ("370件",)


# ----------------------------------------------------------------------------------------------------
# Removing a clause keeps the sentence whole
# ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("甲，培训99次，乙。", "甲，乙。"),  # in the middle
        ("甲，培训99次。乙。", "甲。乙。"),  # last of its sentence: the full stop moves up
        ("培训99次，甲。", "甲。"),  # first
        ("甲。培训99次。乙。", "甲。乙。"),  # a sentence left empty goes
        ("甲；培训99次；乙。", "甲；乙。"),
        ("（五）监督保障：培训99次。\n甲。", "（五）监督保障。\n甲。"),  # a sub-part's heading stays
        ("（五）监督保障：培训99次，甲。", "（五）监督保障：甲。"),
        ("甲。\n培训99次。\n乙。", "甲。\n乙。"),  # ... and a line left empty
        ("甲。\n\n培训99次\n乙。", "甲。\n\n乙。"),
    ],
)
def test_a_clause_goes_and_the_sentence_stays_grammatical(raw: str, expected: str) -> None:
    grounded = ground(raw, 1, SONGHE, 2024)
    assert grounded.text == expected
    assert [(r.clause, r.numbers) for r in grounded.removals] == [("培训99次", ("99次",))]


def test_a_section_losing_more_than_a_third_of_its_clauses_asks_for_the_template() -> None:
    assert ground("甲，乙，丙，培训99次。", 1, SONGHE, 2024).too_many is False
    assert ground("甲，乙，培训99次，会议88次。", 1, SONGHE, 2024).too_many is True
    assert pin("甲，乙，培训99次，会议88次。", 1, SONGHE, 2024).too_many_ungrounded is True


# ----------------------------------------------------------------------------------------------------
# A clerk's own prose: only the figures change
# ----------------------------------------------------------------------------------------------------
def test_refill_changes_the_figures_and_nothing_else() -> None:
    prose = "我街道本年度共收到政府信息公开申请15件，全年办结9件，开展培训99次，详见12345热线公告。"
    text, fixes = refill_figures(prose, 1, SONGHE, 2024)
    assert text == "我街道本年度共收到政府信息公开申请12件，全年办结11件，开展培训99次，详见12345热线公告。"
    assert len(fixes) == 2
    assert refill_figures("共收到申请{{received.total}}件", 1, SONGHE, 2024)[0] == "共收到申请12件"


# ----------------------------------------------------------------------------------------------------
# Property: model prose in the template's phrasing, with wrong numbers slipped in
# ----------------------------------------------------------------------------------------------------
TEMPLATES = Templates.load()
SEED = ("松禾街道", 2024)
FILLED = {  # template → the placeholder its figure comes from
    "overview.received": "received.total",
    "overview.carried_in_some": "carried_in.total",
    "overview.handled": "handled_total.total",
    "overview.carried_out_some": "carried_out.total",
    "overview.review_some": "review.total",
    "phrases.out_disclosed": "disclosed.total",
    "phrases.out_partly_disclosed": "partly_disclosed.total",
    "phrases.out_rejected_repeat": "rejected_repeat.total",
}
FREE = (
    "开展政务公开培训${n}次",
    "更新公开栏${n}期",
    "召开专题会议${n}次",
    "依法实施处罚${n}件",
    "收取各类费用${n}万元",
)
FIXED = (
    "根据国办公开办函〔2021〕30号的要求",
    "统计期限为2024年1月1日至2024年12月31日",
    "一是加强审核",
    "对照《2024年政务公开工作要点》逐项落实",
    "持续做好12345热线工单办理",
    "依照《条例》第三十三条规定的期限答复",
)
NOT_WRONG = {float(n) for n in (1, 12, 31, 30, 33, 2021, 2024, 2025, 12345)} | placeholders.table_values(SONGHE)


def spelled(n: int, how: str) -> str:
    if how == "chinese":
        return cn2an.an2cn(n)
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if how == "fullwidth" else str(n)


def render(name_or_text: str, n: str) -> str:
    if name_or_text in FILLED:
        return TEMPLATES.render(name_or_text, SEED, n=n)
    return name_or_text.replace("${n}", n)


piece = st.one_of(
    st.tuples(st.just("filled"), st.sampled_from(sorted(FILLED)), st.just(0), st.just("")),
    st.tuples(st.just("given"), st.sampled_from(FREE[:3]), st.integers(2000, 3000), st.sampled_from(["arabic"])),
    st.tuples(
        st.just("wrong"),
        st.sampled_from(sorted(FILLED) + list(FREE)),
        st.integers(1, 1999).filter(lambda n: float(n) not in NOT_WRONG),
        st.sampled_from(["arabic", "fullwidth", "chinese"]),
    ),
    st.tuples(st.just("fixed"), st.sampled_from(FIXED), st.just(0), st.just("")),
)


@settings(max_examples=150, deadline=None)
@given(sentences=st.lists(st.lists(piece, min_size=1, max_size=4), min_size=1, max_size=6))
def test_no_wrong_number_survives_and_every_given_one_does(sentences: list[list[tuple[str, str, int, str]]]) -> None:
    raw_sentences, notes, expect = [], [], []
    wrong: set[int] = set()
    for sentence in sentences:
        clauses = []
        for kind, template, n, how in sentence:
            if kind == "filled":
                clauses.append(render(template, "{{" + FILLED[template] + "}}"))
                expect.append(placeholders.fill(clauses[-1], SONGHE)[0])
            elif kind == "given":
                clauses.append(render(template, str(n)))
                notes.append(clauses[-1])
                expect.append(clauses[-1])
            elif kind == "wrong":
                clauses.append(render(template, spelled(n, how)))
                wrong.add(n)
            else:
                clauses.append(template)
                expect.append(template)
        raw_sentences.append("，".join(clauses) + "。")
    pinned = pin("".join(raw_sentences), 1, SONGHE, 2024, given="工作人员备注：" + "；".join(notes))
    left = keys(pinned.text)
    for n in wrong:
        assert f"v:{float(n)!r}" not in left and f"v:{float(n) * 1e4!r}" not in left, (n, pinned.text)
    for clause in expect:
        assert clause in pinned.text, (clause, pinned.text)
