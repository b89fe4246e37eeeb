"""A whole draft: the offline draft is the floor, a model (when configured) rewrites the narrative.

For each narrative section (the preamble, 一, 五, 六) the model gets the figures by name and writes
placeholders; code fills them, removes personal numbers and corrects wrong literal figures
(:mod:`assistant.drafting.pinning`); the checker runs, and what it still flags in that section goes back
to the model once, as instructions. Whatever remains is reported: a draft never hides an error.
Every model reply is handed to ``journal`` as it arrives, so nothing the model produced is lost. A section whose
reply is cut short, or that runs past its deadline or the draft's (settings: ``section_deadline``,
``draft_deadline``), keeps the template's text, and the fallbacks say so.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant import standard as std
from assistant.checks import check
from assistant.drafting import placeholders
from assistant.drafting.client import DeadlineExceeded, ModelClient, ModelError
from assistant.drafting.grounding import Removal, material
from assistant.drafting.lastyear import digest_last_year, relevant_passages
from assistant.drafting.offline import draft_offline
from assistant.drafting.offline_notes import unused_note_lines
from assistant.drafting.offline_templates import Templates
from assistant.drafting.pinning import Correction, Pinned, pin
from assistant.drafting.prompts import load_prompt
from assistant.drafting.request import DraftRequest
from assistant.drafting.required import RequiredContext, complete, context_for, missing, parts_of
from assistant.drafting.signoff import sign_off
from assistant.model import Flag, Report

MODEL_SECTIONS: tuple[int, ...] = (0, 1, 5, 6)
PASSAGE_BUDGET = 2400  # characters of last year's report per prompt, however long that report is
NOTES_BUDGET = 3000
# Flags worth a repair round: errors, and the warnings a drafted section must never carry.
REPAIR_WARNINGS = frozenset(
    {"S-NUMBERING", "C-FEES-MISSING", "C-SUBPARTS", "C-LAST-PROBLEMS", "C-COPIED", "D-YEAR", "C-PREAMBLE"}
)
# Sections whose missing sub-parts can be taken from the template one by one.
MERGEABLE = frozenset({1, 6})

_PROMPT_FOR = {0: "section_preamble", 1: "section_overview", 5: "section_problems", 6: "section_other"}
_QUERY_FOR = {
    0: "报告 编制 依据 统计期限 网址 联系 电话 地址",
    1: "总体情况 主动公开 依申请公开 政府信息管理 平台建设 监督保障",
    5: "存在的主要问题 不足 改进 措施 整改",
    6: "其他需要报告的事项 信息处理费 人大代表建议 政协提案 工作要点",
}

Journal = Callable[[dict[str, object]], None]
OnDelta = Callable[[int, str], None]
Source = Literal["model", "template", "merged"]


@dataclass
class SectionStats:
    """What drafting did to one section, for measuring a model: flags, required misses, repair, fallback."""

    number: int
    source: Source = "model"
    flags_before_repair: int = 0
    flags_after_repair: int = 0
    required_missing: list[str] = field(default_factory=list)  # in the model's text after the repair round
    repaired: bool = False
    fallback_reason: str = ""
    placeholders: int = 0  # figures the model wrote as placeholders (filled from the tables by code)
    corrections: int = 0  # literal figures it wrote wrong, put right from the tables
    ungrounded: int = 0  # numbers it wrote that nothing given grounds (their clauses removed)
    unfilled: int = 0  # placeholders the tables cannot fill (their clauses removed)
    scrubbed: int = 0  # personal numbers it wrote, removed
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


@dataclass
class DraftResult:
    """A finished draft, its remaining flags, and what drafting did to get there (for the summary)."""

    report: Report
    flags: list[Flag]
    used_model: bool = False
    corrections: list[Correction] = field(default_factory=list)
    scrubbed: int = 0  # personal numbers removed from model text
    repairs: int = 0  # sections sent back to the model once
    fallbacks: list[str] = field(default_factory=list)  # sections kept from the offline draft, and why
    ungrounded: list[Removal] = field(default_factory=list)  # model clauses removed: their numbers had no source
    sections: list[SectionStats] = field(default_factory=list)  # one per section the model was asked for
    seconds: float = 0.0
    usage_line: str = ""
    unused_notes: list[str] = field(default_factory=list)  # notes lines that stand nowhere in the draft

    @property
    def errors(self) -> list[Flag]:
        """The flags of severity error: a draft with any is not ready to publish."""
        return [f for f in self.flags if f.severity == "error"]


def _needs_repair(flag: Flag, section: int) -> bool:
    return flag.section == section and (flag.severity == "error" or flag.code in REPAIR_WARNINGS)


def _messages(system: str, user: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _level_note(req: DraftRequest) -> str:
    if req.level in std.NO_RULES_LEVELS:
        return "本单位无规章制定权，不要写制定规章。"
    return ""


def _section_prompt(req: DraftRequest, number: int, offline: Report, problems: list[str], prompts: Path | None) -> str:
    legend_block = load_prompt("figures_legend", prompts).render(legend=placeholders.legend(req.figures))
    passages = relevant_passages(req.last, _QUERY_FOR[number], PASSAGE_BUDGET) if req.last else "（无上年报告）"
    values = {
        "unit": req.unit,
        "year": req.year,
        "full_name": req.full_name or req.unit,
        "legend_block": legend_block,
        "notes": req.notes.strip()[:NOTES_BUDGET] or "（无）",
        "last_year_passages": passages or "（无）",
        "last_problems": "\n".join(f"{i}. {p}" for i, p in enumerate(problems, 1)) or "（上年报告未列出问题）",
        "offline_text": offline.text_of(number),
        "level_note": _level_note(req),
        "profile": req.profile.profile_text() if req.profile else "（未填写，只用参考资料中的联系方式）",
    }
    prompt = load_prompt(_PROMPT_FOR[number], prompts)
    return prompt.render(**{k: v for k, v in values.items() if k in prompt.variables})


class _GiveUp(Exception):
    """The model's answer for a section cannot be had or used whole: the template's section stands, for ``why``."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


TIMED_OUT = "模型超时"
CUT = "模型回答被截断（超出长度上限）"


def _ask(run: _Run, messages: list[dict[str, str]], number: int, kind: str) -> str:
    """The model's reply, journalled as it is; :class:`_GiveUp` when time ran out or the reply was cut."""
    within = run.time_left()
    if within <= 0:
        raise _GiveUp(TIMED_OUT)
    try:
        if run.on_delta is None:
            raw = run.client.complete(messages, within=within)
        else:
            parts: list[str] = []
            for delta in run.client.stream(messages, within=within):
                parts.append(delta)
                run.on_delta(number, delta)
            raw = "".join(parts)
    except DeadlineExceeded:
        raise _GiveUp(TIMED_OUT) from None
    _record(run.journal, number, kind, raw)
    if run.client.last_finish_reason == "length":  # the endpoint's token limit, or the client's character cap
        raise _GiveUp(CUT)
    return raw


def _record(journal: Journal | None, number: int, kind: str, text: str) -> None:
    if journal is not None:
        journal({"section": number, "kind": kind, "text": text})


def _label(number: int) -> str:
    """How a fallback line names a section: 引言, 第一部分 …"""
    return "引言" if number == std.PREAMBLE else f"第{std.CN_NUMERALS[number]}部分"


@dataclass
class _Run:
    """One model draft in progress: the request, the model, the template it must not fall below."""

    req: DraftRequest
    client: ModelClient
    offline: Report
    report: Report
    result: DraftResult
    system: str
    problems: list[str]
    required: RequiredContext
    template_flags: dict[int, int]
    template_missing: dict[int, set[str]]
    on_delta: OnDelta | None
    journal: Journal | None
    prompts: Path | None
    draft_until: float = math.inf  # time.monotonic() by which the whole draft must be done
    section_until: float = math.inf  # and the section being drafted
    # The checker's flags for the report as it last stood: a section is checked again only when some text
    # changed (the tables never do), so the floor's check after an unrepaired section costs nothing.
    _checked: tuple[tuple[str, ...], list[Flag]] | None = field(default=None, init=False, repr=False)

    def time_left(self) -> float:
        """Seconds left for the section being drafted (the draft's deadline counts too)."""
        return min(self.section_until, self.draft_until) - time.monotonic()

    def flags(self, number: int) -> list[Flag]:
        """The flags of section ``number`` worth a repair, as the report now stands."""
        return [f for f in self.check() if _needs_repair(f, number)]

    def check(self) -> list[Flag]:
        """Every flag of the report as it now stands (checked again only when a section's text changed)."""
        texts = tuple(s.text for s in self.report.sections)
        if self._checked is None or self._checked[0] != texts:
            self._checked = (texts, check(self.report, self.req.last))
        return self._checked[1]

    def worse_missing(self, number: int, text: str) -> list[str]:
        """What ``text`` lacks that the template's section holds."""
        return [m for m in missing(number, text, self.required) if m not in self.template_missing[number]]


def _repair_problems(left: list[Flag], pinned: Pinned, misses: list[str]) -> str:
    lines = [f"- {f.code}：{f.message}" for f in left]
    if pinned.unknown_placeholders:
        lines.append("- 使用了数字清单以外的占位符：" + "、".join(pinned.unknown_placeholders))
    if misses:
        lines.append("- 缺少以下必备内容，请补写：" + "、".join(misses))
    return "\n".join(lines)


def _model_section(run: _Run, number: int, stats: SectionStats) -> Pinned:
    """Ask the model for one section, pin it, and send it back once with what is wrong or missing."""
    section = run.report.section(number)
    assert section is not None
    req = run.req
    prompt = _section_prompt(req, number, run.offline, run.problems, run.prompts)
    # What the model was given, table figures of the template taken out: the only source a literal number
    # may come from besides the tables. The repair prompt holds the model's own draft, so it grounds nothing.
    given = material(f"{run.system}\n{prompt}", run.offline.text_of(number), req.figures)
    raw = _ask(run, _messages(run.system, prompt), number, "draft")
    pinned = _pinned(raw, number, req, given)
    section.text = pinned.text
    left = run.flags(number)
    misses = run.worse_missing(number, section.text)
    stats.flags_before_repair = stats.flags_after_repair = len(left)
    if not (left or pinned.unknown_placeholders or misses):
        return pinned
    legend = load_prompt("figures_legend", run.prompts).render(legend=placeholders.legend(req.figures))
    repair = load_prompt("repair", run.prompts).render(
        section_title=std.section_name(number),
        problems=_repair_problems(left, pinned, misses),
        legend_block=legend,
        draft=raw,
    )
    run.result.repairs += 1
    stats.repaired = True
    try:
        raw = _ask(run, _messages(run.system, repair), number, "repair")
    except ModelError as exc:
        if not exc.retryable:
            raise
        run.result.fallbacks.append(f"{std.section_name(number)}：修改请求未成功（{exc.message}），保留模型初稿")
        return pinned
    pinned = _pinned(raw, number, req, given)
    section.text = pinned.text
    stats.flags_after_repair = len(run.flags(number))
    return pinned


def _pinned(raw: str, number: int, req: DraftRequest, given: str) -> Pinned:
    """The reply pinned (see :func:`pin`); :class:`_GiveUp` when it ran past the section's size cap."""
    pinned = pin(raw, number, req.figures, req.year, given=given)
    if pinned.cut:
        raise _GiveUp(CUT)
    return pinned


def _use_template(run: _Run, number: int, stats: SectionStats, line: str) -> None:
    """Put the template's section back and say why (``line`` goes to the fallbacks as it is)."""
    section = run.report.section(number)
    assert section is not None
    section.text = run.offline.text_of(number)
    stats.source = "template"
    stats.fallback_reason = line
    run.result.fallbacks.append(line)


def _merge(run: _Run, number: int, stats: SectionStats) -> bool:
    """Take the sub-parts the model left out from the template; False when that would not do."""
    section = run.report.section(number)
    assert section is not None
    subparts = sum(1 for p in parts_of(number, run.required) if p.heading)
    merged, taken = complete(number, section.text, run.offline.text_of(number), run.required)
    if not taken or len(taken) == subparts:
        return False  # nothing to take, or nothing of the model's own would be left
    model_text, section.text = section.text, merged
    if run.worse_missing(number, merged) or len(run.flags(number)) > run.template_flags[number]:
        section.text = model_text
        return False
    stats.source = "merged"
    stats.fallback_reason = f"{_label(number)}补入模板稿的{'、'.join(taken)}"
    run.result.fallbacks.append(stats.fallback_reason)
    return True


def _floor(run: _Run, number: int, stats: SectionStats) -> None:
    """Keep the model's section only when it is no worse than the template's; else take the template's."""
    section = run.report.section(number)
    assert section is not None
    stats.required_missing = missing(number, section.text, run.required)
    misses = run.worse_missing(number, section.text)
    if misses:
        if not (number in MERGEABLE and _merge(run, number, stats)):
            _use_template(run, number, stats, f"{_label(number)}采用模板稿：模型稿缺少{'、'.join(misses)}")
        return
    flags = run.flags(number)
    if len(flags) > run.template_flags[number]:
        codes = "、".join(sorted({f.code for f in flags}))
        _use_template(run, number, stats, f"{_label(number)}采用模板稿：模型稿有{codes}问题")


def _template_counts(
    offline: Report, req: DraftRequest, required: RequiredContext
) -> tuple[dict[int, int], dict[int, set[str]]]:
    """Per model section: the template's flags worth a repair, and what the template itself lacks."""
    flags = check(offline, req.last)
    counts = {n: sum(_needs_repair(f, n) for f in flags) for n in MODEL_SECTIONS}
    misses = {n: set(missing(n, offline.text_of(n), required)) for n in MODEL_SECTIONS}
    return counts, misses


def _draft_section(run: _Run, number: int) -> SectionStats:
    """One section from the model, pinned, repaired once, held to the template's floor; what it cost."""
    stats = SectionStats(number)
    usage = run.client.usage
    before = (usage.calls, usage.prompt_tokens, usage.completion_tokens, time.monotonic())
    run.section_until = before[3] + run.client.settings.section_deadline
    try:
        _take_model_section(run, number, stats)
    finally:
        stats.calls = usage.calls - before[0]
        stats.prompt_tokens = usage.prompt_tokens - before[1]
        stats.completion_tokens = usage.completion_tokens - before[2]
        stats.seconds = time.monotonic() - before[3]
    return stats


def _take_model_section(run: _Run, number: int, stats: SectionStats) -> None:
    result = run.result
    try:
        pinned = _model_section(run, number, stats)
    except _GiveUp as given_up:
        _use_template(run, number, stats, f"{_label(number)}：{given_up.why}，采用模板稿")
        return
    except ModelError as exc:
        if not exc.retryable:
            raise  # a wrong key, model or endpoint: every section would fail the same way
        _use_template(run, number, stats, f"{std.section_name(number)}：模型未能作答（{exc.message}），保留模板稿")
        return
    result.scrubbed += pinned.scrubbed
    stats.scrubbed = pinned.scrubbed
    stats.placeholders = pinned.filled
    stats.ungrounded = sum(len(r.numbers) for r in pinned.ungrounded)
    stats.unfilled = sum(len(r.numbers) for r in pinned.unfilled)
    if pinned.too_many_ungrounded:
        _use_template(run, number, stats, _too_many_line(number, stats))
        return
    result.ungrounded.extend(pinned.ungrounded)
    _floor(run, number, stats)
    section = run.report.section(number)
    assert section is not None
    # A correction stands only where the model's words stayed on the page; so does a removal worth naming.
    kept = [c for c in pinned.corrections if c.after in section.text]
    stats.corrections = len(kept)
    result.corrections.extend(kept)
    if stats.source != "template":
        result.fallbacks.extend(
            f"{_label(number)}：删去含无法填写的占位符（{'、'.join(r.numbers)}）的句子：“{r.clause}”"
            for r in pinned.unfilled
        )


def _too_many_line(number: int, stats: SectionStats) -> str:
    """Why a section with too many clauses removed gives way to the template's."""
    what = []
    if stats.ungrounded:
        what.append(f"{stats.ungrounded}处数字在表格和所给材料中找不到出处")
    if stats.unfilled:
        what.append(f"{stats.unfilled}处占位符无法用表格数字填写")
    return f"{_label(number)}采用模板稿：模型稿有{'，'.join(what)}"


def draft(
    req: DraftRequest,
    *,
    client: ModelClient | None = None,
    on_delta: OnDelta | None = None,
    journal: Journal | None = None,
    prompts: Path | None = None,
    sections: Collection[int] | None = None,
) -> DraftResult:
    """Draft this year's report. ``client`` is a :class:`ModelClient`; None drafts offline.

    ``sections`` limits the model to those sections (a clerk re-drafting one); the rest stay the template's.

    ``prompts`` is settings' folder replacing the packaged prompts and templates (None: the packaged ones).
    A model's section that ends up worse than the template's (flags, required content) gives way to it.
    """
    started = time.monotonic()
    templates = Templates.load(prompts)  # parsed once per set of file texts
    offline = draft_offline(req, templates=templates)
    if client is None:
        flags = check(offline, req.last)
        unused = unused_note_lines(req.notes, offline, req.year)
        return DraftResult(offline, flags, seconds=time.monotonic() - started, unused_notes=unused)

    # Drafting changes the sections' text alone: a copy of each section keeps the template's intact for the
    # floor, and the figures (already the draft's own copy) are shared rather than deep-copied again.
    report = offline.model_copy(update={"sections": [s.model_copy() for s in offline.sections]})
    result = DraftResult(report, [], used_model=True)
    required = context_for(req)
    template_flags, template_missing = _template_counts(offline, req, required)
    run = _Run(
        req=req,
        client=client,
        offline=offline,
        report=report,
        result=result,
        system=load_prompt("system", prompts).render(unit=req.unit, year=req.year, next_year=req.year + 1),
        problems=digest_last_year(req.last).problems if req.last else [],
        required=required,
        template_flags=template_flags,
        template_missing=template_missing,
        on_delta=on_delta,
        journal=journal,
        prompts=prompts,
        draft_until=started + client.settings.draft_deadline,
    )
    for number in MODEL_SECTIONS:
        if report.section(number) is None or (sections is not None and number not in sections):
            continue
        result.sections.append(_draft_section(run, number))
    sign_off(report, req, templates)  # the model wrote 六 without the 落款 (or with its own)
    result.unused_notes = unused_note_lines(req.notes, report, req.year)
    result.flags = run.check()
    result.seconds = time.monotonic() - started
    result.usage_line = client.usage.describe()
    return result
