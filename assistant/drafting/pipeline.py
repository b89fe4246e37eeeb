"""A whole draft: the offline draft is the floor, a model (when configured) rewrites the narrative.

For each narrative section (the preamble, 一, 五, 六) the model gets the figures by name and writes
placeholders; code fills them, removes personal numbers and corrects wrong literal figures
(:mod:`assistant.drafting.pinning`); the checker runs, and what it still flags in that section goes back
to the model once, as instructions. Whatever remains is reported: a draft never hides an error.
Every model reply is handed to ``journal`` as it arrives, so nothing the model produced is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant import standard as std
from assistant.checks import check
from assistant.drafting import placeholders
from assistant.drafting.client import ModelClient, ModelError
from assistant.drafting.lastyear import digest_last_year, relevant_passages
from assistant.drafting.offline import draft_offline
from assistant.drafting.offline_notes import unused_note_lines
from assistant.drafting.offline_templates import Templates
from assistant.drafting.pinning import Correction, pin
from assistant.drafting.prompts import load_prompt
from assistant.drafting.request import DraftRequest
from assistant.drafting.signoff import sign_off
from assistant.model import Flag, Report

MODEL_SECTIONS: tuple[int, ...] = (0, 1, 5, 6)
PASSAGE_BUDGET = 2400  # characters of last year's report per prompt, however long that report is
NOTES_BUDGET = 3000
# Flags worth a repair round: errors, and the warnings a drafted section must never carry.
REPAIR_WARNINGS = frozenset({"S-NUMBERING", "C-FEES-MISSING", "C-SUBPARTS", "C-LAST-PROBLEMS", "C-COPIED", "D-YEAR"})

_PROMPT_FOR = {0: "section_preamble", 1: "section_overview", 5: "section_problems", 6: "section_other"}
_QUERY_FOR = {
    0: "报告 编制 依据 统计期限 网址 联系 电话 地址",
    1: "总体情况 主动公开 依申请公开 政府信息管理 平台建设 监督保障",
    5: "存在的主要问题 不足 改进 措施 整改",
    6: "其他需要报告的事项 信息处理费 人大代表建议 政协提案 工作要点",
}

Journal = Callable[[dict[str, object]], None]
OnDelta = Callable[[int, str], None]


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
    }
    prompt = load_prompt(_PROMPT_FOR[number], prompts)
    return prompt.render(**{k: v for k, v in values.items() if k in prompt.variables})


def _ask(client: ModelClient, messages: list[dict[str, str]], number: int, on_delta: OnDelta | None) -> str:
    if on_delta is None:
        return client.complete(messages)
    parts: list[str] = []
    for delta in client.stream(messages):
        parts.append(delta)
        on_delta(number, delta)
    return "".join(parts)


def _record(journal: Journal | None, number: int, kind: str, text: str) -> None:
    if journal is not None:
        journal({"section": number, "kind": kind, "text": text})


def draft(
    req: DraftRequest,
    *,
    client: ModelClient | None = None,
    on_delta: OnDelta | None = None,
    journal: Journal | None = None,
    prompts: Path | None = None,
) -> DraftResult:
    """Draft this year's report. ``client`` is a :class:`ModelClient`; None drafts offline.

    ``prompts`` is settings' folder replacing the packaged prompts and templates (None: the packaged ones).
    """
    started = time.monotonic()
    templates = Templates.load(prompts)
    offline = draft_offline(req, templates=templates)
    if client is None:
        flags = check(offline, req.last)
        unused = unused_note_lines(req.notes, offline, req.year)
        return DraftResult(offline, flags, seconds=time.monotonic() - started, unused_notes=unused)

    report = offline.model_copy(deep=True)
    result = DraftResult(report, [], used_model=True)
    problems = digest_last_year(req.last).problems if req.last else []
    system = load_prompt("system", prompts).render(unit=req.unit, year=req.year, next_year=req.year + 1)
    for number in MODEL_SECTIONS:
        section = report.section(number)
        if section is None:
            continue
        name = std.section_name(number)
        messages = _messages(system, _section_prompt(req, number, offline, problems, prompts))
        try:
            raw = _ask(client, messages, number, on_delta)
        except ModelError as exc:
            if not exc.retryable:
                raise  # a wrong key, model or endpoint: every section would fail the same way
            result.fallbacks.append(f"{name}：模型未能作答（{exc.message}），保留模板稿")
            continue
        _record(journal, number, "draft", raw)
        pinned = pin(raw, number, req.figures, req.year)
        section.text = pinned.text
        left = [f for f in check(report, req.last) if _needs_repair(f, number)]
        if left or pinned.unknown_placeholders:
            problems_text = "\n".join(f"- {f.code}：{f.message}" for f in left)
            if pinned.unknown_placeholders:
                problems_text += "\n- 使用了数字清单以外的占位符：" + "、".join(pinned.unknown_placeholders)
            repair = load_prompt("repair", prompts).render(
                section_title=name,
                problems=problems_text,
                legend_block=load_prompt("figures_legend", prompts).render(legend=placeholders.legend(req.figures)),
                draft=raw,
            )
            result.repairs += 1
            try:
                raw = _ask(client, _messages(system, repair), number, on_delta)
            except ModelError as exc:
                if not exc.retryable:
                    raise
                result.fallbacks.append(f"{name}：修改请求未成功（{exc.message}），保留模型初稿")
            else:
                _record(journal, number, "repair", raw)
                pinned = pin(raw, number, req.figures, req.year)
                section.text = pinned.text
        result.corrections.extend(pinned.corrections)
        result.scrubbed += pinned.scrubbed
    sign_off(report, req, templates)  # the model wrote 六 without the 落款 (or with its own)
    result.unused_notes = unused_note_lines(req.notes, report, req.year)
    result.flags = check(report, req.last)
    result.seconds = time.monotonic() - started
    result.usage_line = client.usage.describe()
    return result
