"""Model prose is plain text: no markup, no formula, no part heading, no sentence left without its figure.

Unit tests of :func:`plain_text` and :func:`pin`, then the markup model (tests/fake_models.py) drafting through
the command line: the written draft holds none of what it slipped in, and ``check`` of that file agrees with
what ``draft`` said.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fake_models import MARKUP_TRACES
from fake_openai import FakeOpenAI
from test_draft_model import FIXTURES, NIANBAO, client_for, request_for, run_cli, section_of

from assistant.drafting.pinning import pin
from assistant.drafting.pipeline import draft
from assistant.drafting.plaintext import plain_text
from assistant.model import Figures
from assistant.readers import read_report

# -- markup -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("本年度<script>alert(1)</script>公开<b>信息</b>。", "本年度公开信息。"),
        ('见<img src=x onerror="alert(1)">附图。', "见附图。"),
        ("<style>p{}</style><!-- 注释 -->正文<iframe src='http://e.test/'>框</iframe>。", "正文。"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;正文。", "正文。"),  # escaped markup is parsed again, not kept
        ("&amp;lt;img src=x onerror=alert(1)&amp;gt;正文。", "正文。"),
        ("详见[门户网站](javascript:alert(1))。", "详见门户网站。"),
        ('详见[门户网站](http://www.x.gov.cn/ "首页")。', "详见门户网站。"),
        ("![标志](http://e.test/logo.png)图示。", "图示。"),
        ("图示见 http://e.test/chart.JPG?x=1 。", "图示见  。"),
        ("点此 javascript:alert(1) 查看。", "点此  查看。"),
        ("网址：<http://www.x.gov.cn>。", "网址：http://www.x.gov.cn。"),  # an address the clerk wants stays
        ("| 项目 | 数量 |\n|---|:---:|\n| 公开 | 12 |", "项目，数量\n公开，12"),
        ('=HYPERLINK("http://e.test/","点击")', 'HYPERLINK("http://e.test/","点击")'),
        ("  +SUM(A1:A2)\n@cmd\n－1", "  SUM(A1:A2)\ncmd\n1"),
        ("| 公开 | =1+1 |", "公开，1+1"),
        ("a < b，5 > 3，《条例》。", "a < b，5 > 3，《条例》。"),  # not markup: left as written
    ],
)
def test_markup_becomes_plain_text(raw: str, plain: str) -> None:
    assert plain_text(raw) == plain


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("二、主动公开政府信息情况\n本年度主动公开信息。", "本年度主动公开信息。"),
        ("## 三、收到和处理政府信息公开申请情况\n正文。", "正文。"),
        ("**四、政府信息公开行政复议、行政诉讼情况**\n正文。", "正文。"),
        ("其他需要报告的事项\n正文。", "正文。"),  # a part's title without numbering
        ("6. 其他需要报告的事项\n正文。", "正文。"),
        ("二、主动公开政府信息情况：本年度主动公开信息12条。", "本年度主动公开信息12条。"),
        ("工作如下。二、主动公开政府信息情况：本年度主动公开信息12条。", "工作如下。本年度主动公开信息12条。"),
        ("（二）主动公开政府信息情况\n正文。", "（二）主动公开政府信息情况\n正文。"),  # a sub-part stays
        (
            "本报告由总体情况、主动公开政府信息情况等六部分组成。",
            "本报告由总体情况、主动公开政府信息情况等六部分组成。",
        ),
    ],
)
def test_a_part_heading_never_stands_in_model_prose(raw: str, plain: str) -> None:
    assert plain_text(raw) == plain


# -- placeholders -------------------------------------------------------------------------------------------


@pytest.fixture
def songhe() -> Figures:
    return read_report(FIXTURES / "songhe-2024.md").figures


def test_an_unfilled_placeholder_takes_its_clause_and_is_named(songhe: Figures) -> None:
    raw = "共收到政府信息公开申请{{received.total}}件，其中当面申请{{bogus.total}}件。培训开展顺利。"
    pinned = pin(raw, 1, songhe, 2024)
    assert pinned.text == "共收到政府信息公开申请12件。培训开展顺利。"
    assert [(r.clause, r.numbers) for r in pinned.unfilled] == [("其中当面申请{{bogus.total}}件", ("{{bogus.total}}",))]
    assert pinned.unknown_placeholders == ["bogus.total"] and not pinned.too_many_ungrounded


def test_a_section_mostly_of_unfilled_placeholders_gives_way(songhe: Figures) -> None:
    pinned = pin("收到申请{{a.b}}件。办结{{c.d}}件。培训顺利。", 1, songhe, 2024)
    assert pinned.too_many_ungrounded and len(pinned.unfilled) == 2


def _faithful(req_offline: Any, extra: dict[int, str]) -> Any:
    """A model that sends the template's section back, with ``extra`` added after its first line."""

    def reply(body: dict[str, Any]) -> str:
        number = {"preamble": 0, "overview": 1, "problems": 5, "other": 6}.get(section_of(body), 1)
        first, _, rest = req_offline.text_of(number).partition("\n")
        return "\n".join(p for p in (first + extra.get(number, ""), rest) if p)

    return reply


def test_the_draft_names_the_sentence_it_dropped(fake_server: FakeOpenAI) -> None:
    req = request_for("songhe-2024.md")
    fake_server.default = _faithful(draft(req).report, {1: "本年度共收到申请{{bogus.total}}件。"})
    result = draft(req, client=client_for(fake_server))
    overview = result.report.text_of(1)
    assert "本年度共收到申请件" not in overview and "bogus" not in overview
    assert "第一部分：删去含无法填写的占位符（{{bogus.total}}）的句子：“本年度共收到申请{{bogus.total}}件”" in (
        result.fallbacks
    )
    assert [s.unfilled for s in result.sections if s.number == 1] == [1]


# -- the markup model, end to end ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_the_markup_model_leaves_plain_text_and_a_draft_check_agrees_with(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"draft{suffix}"
    with FakeOpenAI(behaviour="markup") as server:
        proc = run_cli(server, "draft", "--figures", str(FIXTURES / "songhe-2024.md"), "--out", str(out))
        asked = len(server.chat_requests)
    assert "Traceback" not in proc.stderr and asked >= 4
    saved = out.read_text(encoding="utf-8")
    assert [t for t in MARKUP_TRACES if t in saved] == []
    flags = json.loads(out.with_name("draft.flags.json").read_text(encoding="utf-8"))
    assert {s["source"] for s in flags["sections"]} != {"template"}, "the model's text must be on the page"
    checked = subprocess.run(
        [str(NIANBAO), "check", "--format", "json", str(out)], capture_output=True, text=True, timeout=120
    )
    codes = {f["code"] for f in json.loads(checked.stdout)["flags"]}
    assert not codes & {"S-SECTION-ORDER", "S-NUMBERING", "S-SECTION-MISSING", "S-PARTS-COUNT"}
    written_errors = sorted(f["code"] for f in json.loads(checked.stdout)["flags"] if f["severity"] == "error")
    drafted_errors = sorted(f["code"] for f in flags["flags"] if f["severity"] == "error")
    assert written_errors == drafted_errors
    assert proc.returncode == (1 if drafted_errors else 0) == checked.returncode
