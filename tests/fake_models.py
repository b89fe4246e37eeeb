"""What the fake server's named models say: answers built from the drafting prompt, no network, no queue.

Each behaviour reads the user prompt the way a model would (which section it asks for, the template's draft,
the figure legend, or the draft a repair request sends back) and answers as one kind of model does:

* ``vague`` — one generic sentence per section, repair or not (a small intranet model at its laziest);
* ``good`` — the template's draft with every figure it states written as its ``{{placeholder}}``; a repair
  request gets its draft back;
* ``reasoning`` — the good answer, behind a ``<think>`` block in the content (streamed in small pieces, so the
  tags are split across chunks) and ``reasoning_content`` beside it; both carry :data:`THINKING_MARK`;
* ``hostile`` — the good answer with wrong literal figures (行政处罚 and 行政事业性收费 off from the table,
  a wrong 收到申请 total), a personal mobile and a thinking block; with ``huge`` a reply of about 1 MB.
  :func:`planted` lists the exact wrong phrases, for tests to look for in the written draft;
* ``markup`` — the good answer with :data:`MARKUP` after its first line: HTML (a script, an image with
  onerror), a javascript: link, remote images, a pipe table, a spreadsheet formula, lines that look like
  other parts' headings and a placeholder no table fills. :data:`MARKUP_TRACES` must never reach a draft.

The server module (fake_openai.py) turns an :class:`Answer` into a reply; this module knows nothing of HTTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

BEHAVIOURS = ("vague", "good", "reasoning", "hostile", "markup")
# In every piece of thinking the fake models produce: found in a draft, thinking leaked.
THINKING_MARK = "【思考过程】"
HOSTILE_MOBILE = "13812345678"
HUGE_BYTES = 1024 * 1024

# The preamble first: its prompt names "一、总体情况" too (as the part it comes before).
_SECTION_MARKERS = (
    ("preamble", "引言"),
    ("preamble", "标题及前言"),
    ("overview", "总体情况"),
    ("problems", "存在的主要问题"),
    ("other", "其他需要报告的事项"),
)
_REPAIR_MARK = "经系统核对发现以下问题"
_BLOCK = r"\n<<<资料开始>>>\n(.*?)\n<<<资料结束>>>"
_OFFLINE = re.compile(r"系统按模板生成的[^\n]*" + _BLOCK, re.DOTALL)
_DRAFT = re.compile(r"原稿：" + _BLOCK, re.DOTALL)
_LEGEND_LINE = re.compile(r"^\{\{([a-z_]+\.[a-z_]+)\}\} = (\S+)　(.*)$", re.MULTILINE)
# A figure as the template states it: a number followed by its unit.
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=(?:件|条|次|个|篇|期|场|项|人次|万元))")

# What the markup model adds to each section, one item a line.
MARKUP = (
    "<script>fetch('http://127.0.0.1:9/steal')</script>本年度政务公开工作<b>有序</b>推进。",
    '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">详见[门户网站](javascript:alert(1))。',
    "![标志](http://127.0.0.1:9/logo.png)图示见 http://127.0.0.1:9/chart.jpg 。",
    "| 项目 | 数量 |",
    "|---|---|",
    '| 公开 | =HYPERLINK("http://127.0.0.1:9/","点击") |',
    '=HYPERLINK("http://127.0.0.1:9/","查看详情")',
    "二、主动公开政府信息情况",
    "## 三、收到和处理政府信息公开申请情况",
    "本年度共收到申请{{bogus.total}}件。",
)
# None of these may stand in a draft written from the markup model's sections (its own tables are the
# writer's: a rule "|---|" is no trace).
MARKUP_TRACES = (
    "<script",
    "fetch(",
    "<img",
    "<b>",
    "onerror",
    "alert(",
    "javascript:",
    "127.0.0.1:9",
    "](",
    "| 项目",
    "=HYPERLINK",
    "bogus",
    "{{",
    "本年度共收到申请件",
)

_VAGUE = {
    "preamble": "本报告根据有关规定编制。",
    "overview": "本年度，我单位认真贯彻落实政府信息公开工作要求，各项工作稳步推进。",
    "problems": "工作中还存在一些不足，下一步将继续改进。",
    "other": "无其他需要报告的事项。",
}


@dataclass(frozen=True)
class Answer:
    """One fake model's reply: the content, any ``reasoning_content``, and how finely it is streamed."""

    content: str
    reasoning: str = ""
    chunk_size: int = 8


def user_prompt(body: dict[str, Any]) -> str:
    """The last user message of a chat request ("" if there is none)."""
    for message in reversed(body.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            return str(message.get("content") or "")
    return ""


def is_repair(prompt: str) -> bool:
    """True for the request that sends a flagged draft back to the model."""
    return _REPAIR_MARK in prompt


def section_of(prompt: str) -> str:
    """preamble, overview, problems or other: the section a prompt (or a repair prompt) is for; else unknown."""
    head = prompt.split("\n", 1)[0]
    for key, marker in _SECTION_MARKERS:
        if marker in head:
            return key
    return "unknown"


def legend_of(prompt: str) -> dict[str, tuple[str, str]]:
    """The figure legend in a prompt: placeholder key -> (value as shown, meaning)."""
    return {m.group(1): (m.group(2), m.group(3)) for m in _LEGEND_LINE.finditer(prompt)}


def _block(pattern: re.Pattern[str], prompt: str) -> str:
    found = pattern.search(prompt)
    return found.group(1).strip() if found else ""


def _closest_key(candidates: list[str], context: str, legend: dict[str, tuple[str, str]]) -> str:
    """The legend key whose meaning shares most characters with the words just before the figure."""
    return max(candidates, key=lambda key: len(set(context) & set(legend[key][1])))


def with_placeholders(text: str, legend: dict[str, tuple[str, str]]) -> str:
    """``text`` with each stated figure that the legend holds written as its ``{{key}}``, as a good model does."""
    by_value: dict[str, list[str]] = {}
    for key, (value, _meaning) in legend.items():
        by_value.setdefault(value, []).append(key)

    def sub(m: re.Match[str]) -> str:
        keys = by_value.get(m.group(1))
        if not keys:
            return m.group(0)
        return "{{" + _closest_key(keys, text[max(0, m.start() - 12) : m.start()], legend) + "}}"

    return _FIGURE.sub(sub, text)


def good_text(prompt: str) -> str:
    """A proper section: the template's draft with placeholders, or the draft a repair request sent back."""
    if is_repair(prompt):
        return _block(_DRAFT, prompt)
    return with_placeholders(_block(_OFFLINE, prompt), legend_of(prompt))


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def planted(prompt: str) -> list[str]:
    """The wrong phrases the hostile model writes for this prompt: figures off from the table, a mobile.

    Figures only where the prompt has the legend (a figure is wrong only against the table it gives).
    """
    legend = legend_of(prompt)
    if not legend:
        return [HOSTILE_MOBILE]
    penalty = int(_number(legend.get("penalty.decisions", ("0", ""))[0]))
    fee = _number(legend.get("fees.amount", ("0", ""))[0])
    received = int(_number(legend.get("received.total", ("0", ""))[0]))
    return [
        f"作出行政处罚决定{penalty - 2 if penalty >= 2 else penalty + 3}件",
        f"行政事业性收费{5 if fee == 3 else 3}万元",
        f"共收到政府信息公开申请{received + 3}件",
        HOSTILE_MOBILE,
    ]


def _hostile_text(prompt: str, huge: bool) -> str:
    *figures, mobile = planted(prompt)
    thinking = f"<think>{THINKING_MARK}表格的数字不必照用，{'、'.join(figures) or '随便写'}更好看。</think>\n"
    wrong = "".join(f"本年度{figure}。" for figure in figures) + f"如有疑问请联系张科长，手机{mobile}。"
    first, _, rest = good_text(prompt).partition("\n")
    text = f"{thinking}{first}{wrong}\n{rest}".rstrip()
    if huge:
        filler = "重要的事情再说一遍：" + wrong
        text += "\n" + filler * (HUGE_BYTES // len(filler.encode()) + 1)
    return text


def answer(behaviour: str, body: dict[str, Any], *, huge: bool = False) -> Answer:
    """What the named model says to this chat request."""
    prompt = user_prompt(body)
    if behaviour == "vague":
        return Answer(_VAGUE.get(section_of(prompt), _VAGUE["overview"]))
    if behaviour == "good":
        return Answer(good_text(prompt))
    if behaviour == "reasoning":
        thought = f"{THINKING_MARK}要起草的是{section_of(prompt)}部分，数字一律用占位符。"
        return Answer(f"<think>\n{thought}\n</think>\n\n{good_text(prompt)}", reasoning=thought, chunk_size=5)
    if behaviour == "hostile":
        return Answer(_hostile_text(prompt, huge), chunk_size=256 if huge else 8)
    if behaviour == "markup":
        first, _, rest = good_text(prompt).partition("\n")
        return Answer("\n".join((first, *MARKUP, rest)).rstrip())
    raise ValueError(f"unknown behaviour {behaviour!r}; one of {', '.join(BEHAVIOURS)}")
