"""Never below the floor: a model section worse than the template's gives way to it, and the run says so.

Driven through the real openai client against tests/fake_openai.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from fake_openai import FakeOpenAI, text
from test_draft_model import client_for, request_for

from assistant.checks import check
from assistant.drafting.pipeline import draft
from assistant.drafting.required import context_for, missing
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIANBAO = Path(sys.executable).parent / "nianbao"
VAGUE = "本单位认真做好政府信息公开工作。"
CONTENT_WARNINGS = {"C-SUBPARTS", "C-FEES-MISSING", "C-LAST-PROBLEMS", "C-PREAMBLE"}


def test_a_vague_model_never_drafts_below_the_template(fake_server: FakeOpenAI) -> None:
    fake_server.default = text(VAGUE)
    req = request_for("qingshiling-2024-clean.txt", last="qingshiling-2023.txt")
    result = draft(req, client=client_for(fake_server))
    ctx = context_for(req)
    assert {n: missing(n, result.report.text_of(n), ctx) for n in (0, 1, 5, 6)} == {0: [], 1: [], 5: [], 6: []}
    assert VAGUE not in "\n".join(s.text for s in result.report.sections)
    assert result.fallbacks[0] == "引言采用模板稿：模型稿缺少编制依据、六部分内容、统计期限、发布位置、联系方式"
    assert result.fallbacks[1] == (
        "第一部分采用模板稿：模型稿缺少（一）主动公开、（二）依申请公开、（三）政府信息管理、"
        "（四）政府信息公开平台建设、（五）监督保障"
    )
    assert result.fallbacks[2].startswith("第五部分采用模板稿：模型稿缺少上年问题“")
    assert result.fallbacks[3] == (
        "第六部分采用模板稿：模型稿缺少（一）信息处理费、（二）人大代表建议和政协提案、（三）年度政务公开工作要点"
    )
    # Each section was asked once and sent back once with what it lacks.
    repairs = [
        r.messages[-1]["content"] for r in fake_server.chat_requests if "经系统核对" in r.messages[-1]["content"]
    ]
    assert len(repairs) == 4 and all("缺少以下必备内容" in r for r in repairs)
    stats = {s.number: s for s in result.sections}
    assert [s.source for s in result.sections] == ["template"] * 4 and all(s.repaired for s in result.sections)
    assert stats[1].required_missing[:1] == ["（一）主动公开"] and stats[6].fallback_reason == result.fallbacks[3]
    assert result.corrections == []
    content = {f.code for f in check(result.report, req.last)} & CONTENT_WARNINGS
    assert content == set()


def test_missing_subparts_are_taken_from_the_template_in_order(fake_server: FakeOpenAI) -> None:
    one = (
        "本年度街道政务公开工作稳步推进。\n（一）主动公开\n通过街道专栏发布信息，作出行政处罚决定37件，实施行政强制2件。\n"
        "（二）依申请公开\n共收到申请12件，上年结转1件，结转下年度2件。\n（三）监督保障\n开展业务培训，加强考核。"
    )

    def model(body: dict[str, Any]) -> str:
        prompt = body["messages"][-1]["content"]
        asked = "一、总体情况”的正文" in prompt or prompt.startswith("你起草的“一、总体情况”")
        return one if asked else VAGUE

    fake_server.default = model
    req = request_for("songhe-2024.md")
    result = draft(req, client=client_for(fake_server))
    assert "第一部分补入模板稿的（三）政府信息管理、（四）政府信息公开平台建设" in result.fallbacks
    merged = result.report.text_of(1)
    headings = [line for line in merged.split("\n") if line.startswith("（")]
    assert headings[0] == "（一）主动公开" and headings[1] == "（二）依申请公开" and headings[4] == "（五）监督保障"
    assert headings[2].startswith("（三）政府信息管理") and headings[3].startswith("（四）政府信息公开平台建设")
    assert merged.startswith("本年度街道政务公开工作稳步推进。") and "开展业务培训，加强考核。" in merged
    stats = {s.number: s for s in result.sections}
    assert stats[1].source == "merged" and stats[0].source == "template"
    assert missing(1, merged, context_for(req)) == []


def test_the_cli_names_each_fallback_and_the_written_draft_checks_clean(
    tmp_path: Path, fake_server: FakeOpenAI
) -> None:
    fake_server.default = text(VAGUE)
    out = tmp_path / "draft.md"
    env = dict(os.environ)
    env.update(OPENAI_BASE_URL=fake_server.base_url, OPENAI_API_KEY="sk-test", NIANBAO_MODEL="fake-model")
    args = ["draft", "--figures", str(FIXTURES / "songhe-2024.md"), "--out", str(out)]
    proc = subprocess.run([str(NIANBAO), *args], capture_output=True, text=True, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    saved = json.loads((tmp_path / "draft.flags.json").read_text(encoding="utf-8"))
    assert len(saved["fallbacks"]) == 4 and all("采用模板稿" in line for line in saved["fallbacks"])
    assert all(line in proc.stderr for line in saved["fallbacks"])
    written = read_report(out)
    assert VAGUE not in out.read_text(encoding="utf-8")
    assert {f.code for f in check(written, None)} & CONTENT_WARNINGS == set()


def test_an_error_the_template_shares_still_exits_one(fake_server: FakeOpenAI) -> None:
    fake_server.default = text(VAGUE)
    result = draft(request_for("tables-worded-cell-2023.md"), client=client_for(fake_server))
    assert [f.code for f in result.errors] == ["T-VALUE"]  # the figures' own error: no draft can remove it
    assert all("采用模板稿" in line for line in result.fallbacks)


def test_redrafting_one_section_asks_the_model_for_that_section_only() -> None:
    from fake_openai import FakeOpenAI
    from test_draft_model import request_for

    from assistant.drafting.client import ModelClient
    from assistant.drafting.offline import draft_offline
    from assistant.drafting.pipeline import draft
    from assistant.drafting.settings import ModelSettings

    req = request_for("songhe-2024.md")
    with FakeOpenAI(behaviour="good") as server:
        settings = ModelSettings(base_url=server.base_url, api_key="sk-test", model="fake-model")
        with ModelClient(settings) as client:
            result = draft(req, client=client, sections=(5,))
        asked = [r.messages[-1]["content"] for r in server.chat_requests]
    assert len(asked) == 1 and "五、存在的主要问题及改进情况" in asked[0]
    assert [s.number for s in result.sections] == [5]
    offline = draft_offline(req)
    assert result.report.text_of(1) == offline.text_of(1)
