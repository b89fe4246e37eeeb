"""What each drafted section must hold, defined once and checked in code: the floor a model draft is held to.

A section's required content is a list of :class:`Part`. Parts of 一 and 六 are sub-parts: each opens with
its own heading line ("（三）政府信息管理"), and what it must state is looked for under that heading only, so
the missing ones can be taken from the template and put in their place (:func:`complete`). The preamble's
and 五's parts may stand anywhere in the section. Figures a part must state are the table's non-zero cells,
written as numbers (the way a filled placeholder writes them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant import standard as std
from assistant.drafting.lastyear import digest_last_year
from assistant.drafting.request import DraftRequest
from assistant.model import Figures
from assistant.numfmt import plain_number

Cell = tuple[str, str, str]


@dataclass(frozen=True)
class RequiredContext:
    """What a section's requirements depend on: this year's figures and year, last year's problems."""

    figures: Figures
    year: int
    last_problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """One thing a section must hold: its Chinese name, the heading that opens it (sub-parts), what it says."""

    name: str
    says: str = ""  # a regex the part's text must match; ``{year}`` stands for the report year
    heading: str = ""  # sub-parts: a regex the heading line matches
    cells: tuple[Cell, ...] = ()  # cells whose non-zero figure the part must state
    words: tuple[str, ...] = ()  # words of which the part's text must hold ``at_least``
    at_least: int = 1


_DOCS = tuple(("table2", row, col) for row in ("rules", "normative_docs") for col in ("issued", "repealed", "in_force"))
_DECISIONS = tuple(("table2", row, "decisions") for row in ("licensing", "penalty", "enforcement"))
_REQUESTS = tuple(("table3", row, "total") for row in ("received", "carried_in", "carried_out"))


def _subpart(key: str, heading: str, cells: tuple[Cell, ...] = ()) -> Part:
    number, spec = next((i, p) for i, p in enumerate(std.OVERVIEW_SUBPARTS, 1) if p.key == key)
    return Part(f"（{std.CN_NUMERALS[number]}）{spec.title}", heading=heading, cells=cells)


# The parts of every section, in the order the section gives them.
PARTS: dict[int, tuple[Part, ...]] = {
    0: (
        Part("编制依据", says=r"条例"),
        Part("六部分内容", says=r"六个?部分"),
        Part("统计期限", says=r"{year}年1月1日[^。\n]{0,12}12月31日"),
        Part("发布位置", says=r"网站|网址|专栏|门户|https?://|www\."),
        Part("联系方式", says=r"联系|电话|咨询"),
    ),
    1: (
        _subpart("proactive", r"主动公开", (*_DOCS, *_DECISIONS, ("table2", "fees", "amount"))),
        _subpart("on_request", r"依申请|申请公开", _REQUESTS),
        _subpart("management", r"信息管理"),
        _subpart("platforms", r"平台"),
        _subpart("oversight", r"监督|保障"),
    ),
    5: (
        Part("本年度存在的问题", says=r"存在的(?:主要)?问题|不足|不够|有待|薄弱|滞后|欠缺"),
        Part("改进措施", says=r"改进|下一步|措施|今后"),
    ),
    6: (
        Part("（一）信息处理费", heading=r"处理费|收费", says=r"处理费|收取[^。；\n]{0,15}?费|收费"),
        Part("（二）人大代表建议和政协提案", heading=r"人大|政协|建议|提案"),
        Part("（三）年度政务公开工作要点", heading=r"要点"),
    ),
}

# A sub-part's heading: a line that opens with （一）, (一), 一、 or 1.
_MARKER = re.compile(r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十][）)]|[一二三四五六七八九十]、|\d{1,2}[.．、](?!\d))")
_HEADING_END = re.compile(r"[。；;：:]")
# Bigrams too common in 五 to tell one problem from another.
_COMMON = frozenset(("工作", "信息", "公开", "政府", "问题", "存在", "部分", "不够", "有待", "加强", "提高", "不足"))
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass
class _Segments:
    """A section's text cut at its sub-part headings: the lead, then (heading line, whole segment) pairs."""

    lead: str
    parts: list[tuple[str, str]] = field(default_factory=list)


def _segments(text: str) -> _Segments:
    out = _Segments("")
    lead: list[str] = []
    for line in text.split("\n"):
        if _MARKER.match(line):
            heading = _HEADING_END.split(line, maxsplit=1)[0]
            out.parts.append((heading, line))
        elif out.parts:
            heading, body = out.parts[-1]
            out.parts[-1] = (heading, f"{body}\n{line}")
        else:
            lead.append(line)
    out.lead = "\n".join(lead).strip("\n")
    return out


def _states(figures: Figures, cell: Cell, text: str) -> bool:
    value = figures.value(*cell)
    if not value:
        return True  # nothing to state: a zero is said in words, a missing cell not at all
    return re.search(rf"(?<![\d.]){re.escape(plain_number(value))}(?![\d.])", text) is not None


def _holds(part: Part, text: str, ctx: RequiredContext) -> bool:
    if part.says and not re.search(part.says.replace("{year}", str(ctx.year)), text):
        return False
    if part.words and sum(w in text for w in part.words) < min(part.at_least, len(part.words)):
        return False
    return all(_states(ctx.figures, cell, text) for cell in part.cells)


def _problem_part(problem: str) -> Part:
    """Last year's problem answered: two of its telling bigrams are spoken of again (or its only one)."""
    grams = {run[i : i + 2] for run in _CJK_RUN.findall(problem) for i in range(len(run) - 1)} - _COMMON
    label = problem[:12].rstrip("，,。；;：:")
    return Part(f"上年问题“{label}”的整改情况", words=tuple(sorted(grams)), at_least=2)


def parts_of(number: int, ctx: RequiredContext) -> tuple[Part, ...]:
    """The required parts of section ``number`` for this context (五 gains one per last year's problem)."""
    parts = PARTS.get(number, ())
    if number == 5:
        parts = tuple(_problem_part(p) for p in ctx.last_problems) + parts
    return parts


def _segment_for(part: Part, segments: _Segments) -> str | None:
    return next((body for heading, body in segments.parts if re.search(part.heading, heading)), None)


def missing(number: int, text: str, ctx: RequiredContext) -> list[str]:
    """The Chinese names of what section ``number``'s ``text`` lacks ("（三）政府信息管理", "统计期限"…)."""
    segments = _segments(text)
    out: list[str] = []
    for part in parts_of(number, ctx):
        where = _segment_for(part, segments) if part.heading else text
        if where is None or not _holds(part, where, ctx):
            out.append(part.name)
    return out


def _renumber(segment: str, i: int) -> str:
    return _MARKER.sub(f"（{std.CN_NUMERALS[i]}）", segment, count=1)


def complete(number: int, text: str, template: str, ctx: RequiredContext) -> tuple[str, list[str]]:
    """``text`` with each sub-part it lacks taken from ``template`` and put in its place, numbered in order.

    Returns the text and the names of the sub-parts taken. Sections without sub-parts come back unchanged.
    """
    subparts = [p for p in parts_of(number, ctx) if p.heading]
    ours, theirs = _segments(text), _segments(template)
    used: set[str] = set()
    kept: list[str] = []
    taken: list[str] = []
    for part in subparts:
        own = _segment_for(part, ours)
        if own is not None and _holds(part, own, ctx):
            kept.append(own)
        elif (fill := _segment_for(part, theirs)) is not None:
            kept.append(fill)
            taken.append(part.name)
        elif own is not None:
            kept.append(own)
        if own is not None:
            used.add(own)
    kept.extend(body for _, body in ours.parts if body not in used)
    lines = [ours.lead] if ours.lead else []
    lines.extend(_renumber(segment, i) for i, segment in enumerate(kept, 1))
    return "\n".join(lines), taken


def context_for(req: DraftRequest) -> RequiredContext:
    """The requirements' context of a draft request (last year's problems read as the checker reads them)."""
    problems = digest_last_year(req.last).problems if req.last is not None else []
    return RequiredContext(req.figures, req.year, tuple(problems))
