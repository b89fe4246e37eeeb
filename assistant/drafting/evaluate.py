"""Measure a model: draft a set of units with it and score each section against the template's floor.

A section scores 100 when the model's own text stood as written: no fallback, nothing missing, every
figure a placeholder, no flag left. Points go for what code had to do to make it shippable (a template
fallback, sub-parts merged in, required content missing, wrong figures corrected, ungrounded numbers
removed, personal numbers scrubbed, flags before the repair round) and for what is still flagged. The
same numbers, per section and in total, compare models and prompt versions side by side (``--format json``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant import standard as std
from assistant.drafting.client import ModelClient, ModelError
from assistant.drafting.pipeline import MODEL_SECTIONS, SectionStats, draft
from assistant.drafting.prompts import read_template, template_root
from assistant.drafting.request import DraftRequest
from assistant.model import Flag

# Points taken per event; a section never goes below 0.
PENALTY = {
    "template": 40,  # the model's section gave way to the template's
    "merged": 15,  # sub-parts taken from the template
    "required_missing": 5,
    "corrections": 5,
    "ungrounded": 5,
    "scrubbed": 10,
    "flags_before_repair": 3,
    "error": 20,  # still flagged in the written draft
    "warning": 5,
}
COUNTERS = (
    "flags_before_repair",
    "flags_after_repair",
    "required_missing",
    "placeholders",
    "corrections",
    "ungrounded",
    "scrubbed",
    "calls",
    "prompt_tokens",
    "completion_tokens",
)


@dataclass
class SectionScore:
    """One section of one unit's draft: what drafting did to it, what is still flagged, and its score."""

    number: int
    source: str
    counts: dict[str, int]
    errors: int
    warnings: int
    seconds: float
    fallback: str
    score: float


@dataclass
class UnitScore:
    """One unit's draft: its sections, or why the model could not draft it."""

    unit: str
    sections: list[SectionScore] = field(default_factory=list)
    failed: str = ""
    seconds: float = 0.0

    @property
    def score(self) -> float:
        """The mean of its sections' scores (0 when the model could not draft it)."""
        return sum(s.score for s in self.sections) / len(self.sections) if self.sections else 0.0


def section_score(stats: SectionStats, flags: Sequence[Flag]) -> SectionScore:
    """Score one section from its drafting record and the flags left in it."""
    counts = {name: _count(getattr(stats, name)) for name in COUNTERS}
    errors = sum(f.severity == "error" for f in flags)
    warnings = sum(f.severity == "warning" for f in flags)
    lost = PENALTY.get(stats.source, 0) + PENALTY["error"] * errors + PENALTY["warning"] * warnings
    lost += sum(PENALTY.get(name, 0) * counts[name] for name in COUNTERS)
    return SectionScore(
        number=stats.number,
        source=stats.source,
        counts=counts,
        errors=errors,
        warnings=warnings,
        seconds=round(stats.seconds, 3),
        fallback=stats.fallback_reason,
        score=float(max(0, 100 - lost)),
    )


def _count(value: object) -> int:
    if isinstance(value, list):
        return len(value)
    return int(value) if isinstance(value, int) else 0


def evaluate_unit(name: str, req: DraftRequest, client: ModelClient, prompts: Path | None = None) -> UnitScore:
    """Draft one unit with ``client`` and score each model section; a model error is recorded, not raised."""
    started = time.monotonic()
    try:
        result = draft(req, client=client, prompts=prompts)
    except ModelError as exc:
        return UnitScore(name, failed=exc.message, seconds=time.monotonic() - started)
    sections = [section_score(s, [f for f in result.flags if f.section == s.number]) for s in result.sections]
    return UnitScore(name, sections, seconds=time.monotonic() - started)


def evaluate(
    cases: Iterable[tuple[str, DraftRequest]],
    client: ModelClient,
    *,
    prompts: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[UnitScore]:
    """Score every unit in turn (one client: its usage adds up over the run)."""
    scores: list[UnitScore] = []
    for name, req in cases:
        if progress is not None:
            progress(name)
        scores.append(evaluate_unit(name, req, client, prompts))
    return scores


def prompts_version(folder: Path | None = None) -> str:
    """A short hash of the prompts in use, so two runs with different prompt versions tell themselves apart."""
    digest = hashlib.sha256()
    root = template_root(folder)
    for file in sorted((f for f in root.iterdir() if f.name.endswith(".md")), key=lambda f: f.name):
        digest.update(file.name.encode() + b"\0" + read_template(file).encode() + b"\0")
    return digest.hexdigest()[:12]


def section_totals(units: Sequence[UnitScore]) -> dict[str, dict[str, object]]:
    """Per model section (by its Chinese name): summed counters, fallbacks, flags left, mean score."""
    every = [s for u in units for s in u.sections]
    own = {number: [s for s in every if s.number == number] for number in MODEL_SECTIONS}
    return {_name(number): _sum(sections) for number, sections in own.items() if sections}


def overall(units: Sequence[UnitScore]) -> dict[str, object]:
    """The same over every section of every unit, with how many units the model could not draft."""
    every = [s for u in units for s in u.sections]
    return _sum(every) | {"units": len(units), "failed_units": sum(1 for u in units if u.failed)}


def _sum(sections: Sequence[SectionScore]) -> dict[str, object]:
    counts = {name: sum(s.counts[name] for s in sections) for name in COUNTERS}
    return counts | {
        "sections": len(sections),
        "template_fallbacks": sum(s.source == "template" for s in sections),
        "merged": sum(s.source == "merged" for s in sections),
        "errors": sum(s.errors for s in sections),
        "warnings": sum(s.warnings for s in sections),
        "seconds": round(sum(s.seconds for s in sections), 2),
        "score": round(sum(s.score for s in sections) / len(sections), 1) if sections else 0.0,
    }


def _name(number: int) -> str:
    return "引言" if number == std.PREAMBLE else std.section_name(number)


def as_json(units: Sequence[UnitScore], *, model: str, endpoint: str, prompts: str) -> dict[str, object]:
    """The whole evaluation as plain data (no key: only the endpoint's display address)."""
    return {
        "model": model,
        "endpoint": endpoint,
        "prompts_version": prompts,
        "units": [asdict(u) | {"score": round(u.score, 1)} for u in units],
        "sections": section_totals(units),
        "total": overall(units),
    }


COLUMNS = (
    ("score", "评分"),
    ("template_fallbacks", "采用模板"),
    ("merged", "补入模板"),
    ("required_missing", "缺必备内容"),
    ("flags_before_repair", "修改前问题"),
    ("flags_after_repair", "修改后问题"),
    ("errors", "终稿错误"),
    ("warnings", "终稿提示"),
    ("placeholders", "占位符"),
    ("corrections", "更正数字"),
    ("ungrounded", "删去无出处数字"),
    ("scrubbed", "删除个人号码"),
    ("calls", "调用"),
    ("prompt_tokens", "提示tokens"),
    ("completion_tokens", "生成tokens"),
    ("seconds", "用时(秒)"),
)


def as_text(units: Sequence[UnitScore], *, model: str, endpoint: str, prompts: str) -> str:
    """The evaluation as a table for a terminal: one row per section and a total row, then each unit."""
    rows = [*section_totals(units).items(), ("合计", overall(units))]
    lines = [f"模型 {model}（{endpoint}），提示词版本 {prompts}，单位 {len(units)} 个"]
    header = ["部分", *(label for _, label in COLUMNS)]
    table = [header, *([name, *(str(values.get(key, "")) for key, _ in COLUMNS)] for name, values in rows)]
    widths = [max(_width(r[i]) for r in table) for i in range(len(header))]
    lines.extend("  ".join(_pad(cell, w) for cell, w in zip(r, widths, strict=True)) for r in table)
    for u in units:
        state = f"未能起草：{u.failed}" if u.failed else f"评分 {u.score:.1f}"
        lines.append(f"- {u.unit}：{state}")
        lines.extend(f"    {s.fallback}" for s in u.sections if s.fallback)
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)  # CJK takes two columns on a terminal


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
