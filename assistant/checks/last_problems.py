"""Part 五 of a report read as a clerk reads it: the problems it names, the measures it promises, its numbering.

The one reading of last year's 五, shared by the checker (C-LAST-PROBLEMS) and the drafter. A problem is an
item of the outermost list in the problems part (a "一是…" theme with its first detail), not a sub-item, a
measure, or any sentence that happens to contain a shortcoming word. A 五 that first reports last year's
rectification ("（一）上年度问题整改情况") and then this year's problems gives only the latter.

Pure text work: callers that pass the result to a model clean the text (injection lines, personal numbers)
before calling.
"""

from __future__ import annotations

import re
from typing import Literal

NumberingStyle = Literal["一是", "（一）", "1.", "none"]

MAX_PROBLEM_CHARS = 80

# A sub-part heading line of 五: "（一）存在的主要问题", "（二）改进情况" (short, no sentence end).
_SUBHEAD = re.compile(r"(?m)^[ \t\u3000]*[（(][一二三四五六七八九十][）)]([^\n。；;]{0,20}?)[ \t\u3000]*$")
_EARLIER_YEAR = re.compile(r"上年|上一年|去年|前一年")
# The title of the problems sub-part itself, not of one problem ("（一）栏目更新不及时的问题").
_PROBLEMS_TITLE = re.compile(r"存在|主要(?:问题|不足)|问题(?:和|与|及)不足|^[ \t\u3000]*(?:问题|不足)")
# Where 五 turns from problems to measures.
_MEASURES_HEAD = re.compile(
    r"(?m)^[ \t\u3000]*[（(][一二三四五六七八九十][）)][^\n]{0,12}(?:改进|整改|措施|举措|下一步)"
    r"|针对(?:以上|上述|前述|这些)|下一步|今后|改进措施|整改措施|改进举措|为此|下步工作"
)
_SHORTCOMING = re.compile(
    r"不足|不够|不及时|单一|滞后|薄弱|欠缺|缺乏|不强|不高|不到位|不均衡|不严格|有待|较少|偏少|不全面"
)
# List markers, from the outermost style real reports use.
_MARK_SHI = re.compile(r"[一二三四五六七八九十]是")
_MARK_PAREN = re.compile(r"(?m)^[ \t\u3000]*[（(][一二三四五六七八九十][）)]")
_MARK_ARABIC = re.compile(r"(?:(?<=^)|(?<=[\n。；;：:]))[ \t\u3000]*\d{1,2}[.．、](?!\d)", re.M)
_MARKERS = (_MARK_SHI, _MARK_PAREN, _MARK_ARABIC)
_LEAD_NUMBER = re.compile(
    r"^[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[.．、]|[一二三四五六七八九十]是)\s*"
)
_CLAUSE_END = re.compile(r"[。；;]")


def last_problems(five: str) -> list[str]:
    """The problems a 五 text names, each as one short statement (at most ``MAX_PROBLEM_CHARS``)."""
    return _items(split_five(five)[0], problems=True)


def promised_measures(five: str) -> list[str]:
    """The improvement measures a 五 text promises, each as one short statement."""
    return _items(split_five(five)[1], problems=False)


def numbering_style(text: str) -> NumberingStyle:
    """How a part numbers its items: 一是…, （一）…, 1.… or not at all."""
    if _MARK_SHI.search(text):
        return "一是"
    if len(_MARK_PAREN.findall(text)) >= 2:
        return "（一）"
    if len(_MARK_ARABIC.findall(text)) >= 2:
        return "1."
    return "none"


def split_five(text: str) -> tuple[str, str]:
    """(problems part, measures part) of a 五 text."""
    start, limit = _problems_bounds(text)
    # The bridge to measures comes after the first listed problem: an opening "上年度…已改进" sentence
    # must not end the problem list before it starts.
    first_item = _first_marker(text, start, limit)
    bridge = _MEASURES_HEAD.search(text, first_item if first_item is not None else start, limit)
    end = bridge.start() if bridge else limit
    return text[start:end], text[end:]


def _problems_bounds(text: str) -> tuple[int, int]:
    """Where the problems part starts and the latest it may end: under its own sub-part heading if any."""
    heads = list(_SUBHEAD.finditer(text))
    for i, head in enumerate(heads):
        title = head.group(1)
        if _PROBLEMS_TITLE.search(title) and not _EARLIER_YEAR.search(title):
            return head.end(), heads[i + 1].start() if i + 1 < len(heads) else len(text)
    return 0, len(text)


def _first_marker(text: str, start: int, limit: int) -> int | None:
    found = [m.end() for p in _MARKERS if (m := p.search(text, start, limit))]
    return min(found) if found else None


def _items(text: str, *, problems: bool) -> list[str]:
    segments: list[str] = []
    for marker in _MARKERS:
        marks = list(marker.finditer(text))
        if marks:
            for m, nxt in zip(marks, [*marks[1:], None], strict=True):
                segments.append(text[m.end() : nxt.start() if nxt else len(text)])
            break
    if not segments and problems:
        segments = [s for s in re.split(r"[。；;\n]", text) if _SHORTCOMING.search(s)]
    out: list[str] = []
    for seg in segments:
        item = _shorten(seg)
        if len(item) >= 4 and item not in out and not any(item in o or o in item for o in out):
            out.append(item)
    return out


def _shorten(segment: str) -> str:
    """One item as a short statement: a bare heading line ("信息公开渠道问题") gets its first detail."""
    lines = [_LEAD_NUMBER.sub("", ln).strip(" \t\u3000") for ln in segment.split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return ""
    first = lines[0].rstrip("。；;：:，,")
    if len(lines) > 1 and not _CLAUSE_END.search(lines[0]) and len(first) <= 20:
        first = f"{first}：{lines[1]}"
    else:
        first = lines[0]
    first = first.strip()
    # The first sentence names the problem; what follows is its illustration.
    stop = first.find("。")
    if stop >= 8:
        first = first[:stop]
    head, colon, rest = first.partition("：")
    if colon and "：" in rest:
        first = head + colon + rest.replace("：", "，", 1)
    if len(first) <= MAX_PROBLEM_CHARS:
        return first.rstrip("。；;，,")
    cut = first[:MAX_PROBLEM_CHARS]
    stop = max(cut.rfind(p) for p in "。；;，,")
    return (cut[:stop] if stop >= 20 else cut).rstrip("；;，,")
