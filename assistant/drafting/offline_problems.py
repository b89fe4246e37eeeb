"""The offline draft's 五、存在的主要问题及改进情况: last year's problems and their rectification, this year's
problems chosen from the figures, and the steps to take."""

from __future__ import annotations

import re

from assistant import standard as std
from assistant.drafting.offline_context import DraftContext, DraftText
from assistant.numfmt import plain_number as num


def _ordinal(ctx: DraftContext, i: int) -> str:
    """The i-th item's numbering in last year's style ("一是" or "1.")."""
    style = ctx.digest.problems_numbering if ctx.digest else "一是"
    if style == "1.":
        return f"{i + 1}."
    return f"{std.CN_NUMERALS[i + 1] if i < 10 else i + 1}是"


def _items(ctx: DraftContext, out: DraftText, items: list[tuple[str, int | None]]) -> None:
    """A list of items in last year's house style: "1." items on their own lines, else 一是… inline."""
    on_lines = ctx.digest is not None and ctx.digest.problems_numbering == "1."
    for text, note in items:
        if on_lines:
            out.line()
        out.add(text, note)


def problems(ctx: DraftContext) -> DraftText:
    """五: last year's problems and how they were fixed, this year's problems, and the steps to take."""
    out = DraftText()
    out.add(ctx.w("problems.head_last"))
    out.line()
    if ctx.digest is None:
        out.add(ctx.w("problems.last_missing"))
    elif not ctx.digest.problems:
        out.add(ctx.w("problems.last_none"))
    else:
        out.add(ctx.w("problems.last_intro"))
        seen: dict[str, int] = {}
        rectified: list[tuple[str, int | None]] = []
        for i, problem in enumerate(ctx.digest.problems):
            theme = _theme(problem)
            k = seen.get(theme, 0)
            seen[theme] = k + 1
            fix = ctx.w(f"problems.fix_{theme}", k)
            rectified.append(
                (ctx.w("problems.last_item", i, ordinal=_ordinal(ctx, i), label=_label(problem), fix=fix), None)
            )
        _items(ctx, out, rectified)
    out.line(ctx.w("problems.head_now"))
    out.line(ctx.w("problems.now_intro"))
    chosen = _current_problems(ctx)
    noted = ctx.bucket("problem")
    now: list[tuple[str, int | None]] = []
    for i, (key, values) in enumerate(chosen):
        now.append((_ordinal(ctx, i) + ctx.w(f"problems.now_{key}", **values), None))
    for j, note in enumerate(noted):
        now.append((_ordinal(ctx, len(chosen) + j) + note.text, note.index))
    _items(ctx, out, now)
    out.line(ctx.w("problems.head_steps"))
    out.line(ctx.w("problems.steps_intro"))
    steps: list[tuple[str, int | None]] = []
    for i, (key, _values) in enumerate(chosen):
        steps.append((_ordinal(ctx, i) + ctx.w(f"problems.step_{key}"), None))
    if noted:
        steps.append((_ordinal(ctx, len(chosen)) + ctx.w("problems.step_notes"), None))
    _items(ctx, out, steps)
    return out


def _current_problems(ctx: DraftContext) -> list[tuple[str, dict[str, str]]]:
    """This year's problems, chosen from the figures in priority order, three at most."""
    received = ctx.v("table3", "received")
    carried_in = ctx.v("table3", "carried_in")
    handled = ctx.v("table3", "handled_total") or 0
    not_held = ctx.v("table3", "unavailable_not_held") or 0
    review = ctx.appeal(("review",), "total") or 0
    suits = ctx.appeal(std.SUIT_ROWS, "total") or 0
    pending = (ctx.appeal(("review",), "pending") or 0) + (ctx.appeal(std.SUIT_ROWS, "pending") or 0)
    withheld = ctx.group_sum((*std.RESULT_GROUPS[std.GROUP_WITHHELD], "partly_disclosed")) or 0
    rejected = ctx.group_sum(std.RESULT_GROUPS[std.GROUP_NOT_PROCESSED]) or 0
    enforcement = sum(ctx.v("table2", r, "decisions") or 0 for r in ("penalty", "enforcement"))
    found: list[tuple[str, dict[str, str]]] = []
    if review or suits:
        found.append(("appeals_pending" if pending else "appeals", {}))
    if not_held and (not_held >= 2 or not_held * 4 >= handled):
        found.append(("not_held", {"n": num(not_held)}))
    if received == 0 and carried_in == 0:
        found.append(("zero_requests", {}))
    if ctx.v("table3", "carried_out"):
        found.append(("carried_out", {}))
    if withheld:
        found.append(("withheld", {}))
    if rejected:
        found.append(("rejected", {}))
    if ctx.v("table2", "normative_docs", "issued"):
        found.append(("docs", {}))
    if enforcement >= 10:
        found.append(("enforcement", {}))
    found = found[:2]
    found.append(("depth", {}))
    if len(found) < 3:
        found.append(("staff", {}))
    return found[:3]


# ---------------------------------------------------------------------------------------------------
# Last year's problems: a theme (which rectification to report) and a short label to name it by
# ---------------------------------------------------------------------------------------------------
_THEMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("interpretation", re.compile(r"解读")),
    ("archive", re.compile(r"档案|数字化|检索")),
    ("coordination", re.compile(r"衔接|共享|协同|会商|跨部门")),
    ("requests", re.compile(r"依申请|答复|说理|申请")),
    ("staff", re.compile(r"人员|力量|兼职|能力|业务水平|专业")),
    ("review", re.compile(r"审核|保密|错别字|隐私|个人信息|数据错误|把关")),
    ("grassroots", re.compile(r"村|社区|学校|校务|居务|基层|不均衡")),
    ("timeliness", re.compile(r"更新|及时|滞后|时效|时限|机制")),
    ("channels", re.compile(r"渠道|新媒体|平台|网站|公众号|整合|同步|公告栏|公开栏")),
    ("awareness", re.compile(r"意识|重视|认识")),
    ("content", re.compile(r"内容|重点|全面|单一|零散|不突出|分散|深度")),
)


def _theme(problem: str) -> str:
    head = _label(problem)
    for text in (head, problem):
        for theme, pattern in _THEMES:
            if pattern.search(text):
                return theme
    return "general"


def _label(problem: str) -> str:
    """A short name for last year's problem: its heading (without 问题) and first clause, in ≤ 24 chars."""
    head, colon, rest = problem.partition("：")
    if colon and len(head) <= 12:
        first = re.split(r"[，,。；;：:]", rest, maxsplit=1)[0]
        label = head.removesuffix("问题") + ("：" if first else "") + first
    else:
        label = re.split(r"[，,。；;]", problem, maxsplit=1)[0]
    label = label.strip("“”\"' ")
    return label if len(label) <= 24 else label[:24]
