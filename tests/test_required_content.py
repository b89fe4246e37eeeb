"""Required content per drafted section: the template meets it for every fixture; vague text does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_draft_model import request_for

from assistant.drafting.offline import draft_offline
from assistant.drafting.request import DraftRequest
from assistant.drafting.required import RequiredContext, complete, context_for, missing
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
VAGUE = "本单位认真做好政府信息公开工作。"


def _request(name: str) -> DraftRequest:
    return request_for(name, last=EXPECTED.get(name, {}).get("last_year"))


WITH_TABLES = sorted(
    name for name in EXPECTED if (FIXTURES / name).exists() and read_report(FIXTURES / name).figures.table3 is not None
)


@pytest.mark.parametrize("name", WITH_TABLES)
def test_the_template_meets_every_requirement(name: str) -> None:
    req = _request(name)
    report = draft_offline(req)
    ctx = context_for(req)
    assert {n: missing(n, report.text_of(n), ctx) for n in (0, 1, 5, 6)} == {0: [], 1: [], 5: [], 6: []}


def test_vague_text_misses_everything_by_name() -> None:
    req = _request("qingshiling-2024-clean.txt")
    ctx = context_for(req)
    assert missing(0, VAGUE, ctx) == ["编制依据", "六部分内容", "统计期限", "发布位置", "联系方式"]
    assert missing(1, VAGUE, ctx) == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]
    five = missing(5, VAGUE, ctx)
    assert len(ctx.last_problems) == 3 and len(five) == 5 and five[-2:] == ["本年度存在的问题", "改进措施"]
    assert all(name.startswith("上年问题“") for name in five[:3])
    assert missing(6, VAGUE, ctx) == ["（一）信息处理费", "（二）人大代表建议和政协提案", "（三）年度政务公开工作要点"]


def test_a_period_of_another_year_is_missing() -> None:
    ctx = context_for(_request("songhe-2024.md"))
    text = draft_offline(_request("songhe-2024.md")).text_of(0)
    assert missing(0, text.replace("2024年1月1日", "2023年1月1日"), ctx) == ["统计期限"]


def test_a_subpart_without_its_figures_is_missing() -> None:
    req = _request("songhe-2024.md")  # 新收12, 上年结转1, 结转2; 处罚37, 强制2
    ctx = context_for(req)
    one = draft_offline(req).text_of(1)
    assert missing(1, one.replace("37", "若干"), ctx) == ["（一）主动公开"]
    assert missing(1, one.replace("12件", "多件"), ctx) == ["（二）依申请公开"]


def test_zero_figures_need_no_number() -> None:
    req = _request("baiyun-2024.md")  # every cell 0
    ctx = RequiredContext(req.figures, req.year)
    text = (
        "（一）主动公开\n按目录发布信息。\n（二）依申请公开\n本年度未收到申请。\n"
        "（三）政府信息管理\n审核。\n（四）平台建设\n网站。\n（五）监督保障\n培训。"
    )
    assert missing(1, text, ctx) == []


def _completed(number: int, model: str) -> tuple[str, list[str], list[str]]:
    """Songhe's section ``number`` completed from its template: the text, what was taken, what is still missing."""
    req = _request("songhe-2024.md")
    ctx = context_for(req)
    merged, taken = complete(number, model, draft_offline(req).text_of(number), ctx)
    return merged, taken, missing(number, merged, ctx)


def test_complete_puts_the_templates_subparts_in_place() -> None:
    model = "本年度工作平稳。\n（一）主动公开\n作出行政处罚决定37件，实施行政强制2件。\n（二）监督保障\n加强考核。"
    merged, taken, left = _completed(1, model)
    assert taken == ["（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设"] and left == []
    lines = merged.split("\n")
    assert lines[0] == "本年度工作平稳。" and lines[1] == "（一）主动公开"
    headings = [ln for ln in lines if ln.startswith("（")]
    assert [h[:3] for h in headings] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert headings[-1] == "（五）监督保障" and "加强考核。" in merged


def test_complete_keeps_the_models_extra_items_after_the_required_ones() -> None:
    model = "（一）信息处理费收取情况。本年度未收取信息处理费。\n（二）政务公开工作创新情况。开通政务公开微信专栏。"
    merged, taken, left = _completed(6, model)
    assert taken == ["（二）人大代表建议和政协提案", "（三）年度政务公开工作要点"] and left == []
    assert merged.split("\n")[-1] == "（四）政务公开工作创新情况。开通政务公开微信专栏。"
