"""Re-drafting without losing a clerk's work: which sections were edited by hand, what to confirm before
overwriting them, one section taken from a fresh draft, and "只更新数字" (the figures re-filled, prose kept).

A version's ``kind`` (shown in the version list) records who wrote it: the drafter wrote every section of a
full draft and one section of a re-draft; a clerk's edit names its section. Hand edits are found by
comparing each section with what the drafter last wrote for it, so they are found after reloads too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant import standard as std
from assistant.drafting.pinning import Correction, refill_figures
from assistant.model import Figures, Flag, Report
from assistant.store import DraftVersion, Store

KIND_MODEL = "模型起草"
KIND_TEMPLATE = "模板起草"
KIND_REFILL = "只更新数字"
FULL_DRAFT_KINDS = (KIND_MODEL, KIND_TEMPLATE)


def _tag(number: int) -> str:
    # The short form version labels have always used: 标题 for the preamble, 一、 … 六、 for the parts.
    return std.section_name(number)[:2]


def edit_kind(number: int) -> str:
    """The kind of a version saved from a clerk's edit of one section."""
    return f"修改{_tag(number)}"


def redraft_kind(number: int) -> str:
    """The kind of a version in which the drafter re-wrote one section."""
    return f"重新起草{_tag(number)}"


def draft_kind(used_model: bool) -> str:
    """The kind of a version in which the drafter wrote every section."""
    return KIND_MODEL if used_model else KIND_TEMPLATE


def drafter_wrote(kind: str, number: int) -> bool:
    """Whether a version of this kind has section ``number`` as the drafter wrote it."""
    return kind in FULL_DRAFT_KINDS or kind == redraft_kind(number)


def part_name(number: int) -> str:
    """How a confirmation names a section: 标题与前言, 第一部分 … 第六部分."""
    if number == std.PREAMBLE:
        return "标题与前言"
    return f"第{std.CN_NUMERALS[number]}部分"


def refill_text(text: str, section: int, figures: Figures, year: int | None) -> tuple[str, list[Correction]]:
    """The section's prose with its figures put right from the tables (placeholders filled), nothing else touched."""
    return refill_figures(text, section, figures, year)


def refill(report: Report, figures: Figures, year: int | None) -> tuple[Report, list[Correction]]:
    """ "只更新数字": the report with this year's tables and each section's figures re-filled from them."""
    out = report.model_copy(deep=True)
    out.figures = figures.model_copy(deep=True)
    corrections: list[Correction] = []
    for section in out.sections:
        if section.text.strip():
            section.text, fixed = refill_text(section.text, section.number, out.figures, year)
            corrections.extend(fixed)
    return out, corrections


def with_section_from(current: Report, fresh: Report, number: int) -> Report:
    """The current report with one section re-drafted: its text from ``fresh``, the tables from ``fresh``.

    The tables follow the figures the fresh section was written from; the other sections keep their prose.
    """
    out = current.model_copy(deep=True)
    out.figures = fresh.figures.model_copy(deep=True)
    new = fresh.section(number)
    old = out.section(number)
    if new is not None and old is not None:
        old.text = new.text
    elif new is not None:
        out.sections = sorted([*out.sections, new.model_copy(deep=True)], key=lambda s: s.number)
    return out


def hand_edited(store: Store, current: DraftVersion) -> list[int]:
    """Sections of ``current`` whose text differs from what the drafter last wrote for them.

    A section whose only change is its figures re-filled ("只更新数字") is not counted as edited.
    """
    versions = [(v, kind) for v, kind, _ in store.draft_versions(current.unit_id, current.year) if v <= current.version]
    loaded: dict[int, Report | None] = {}
    edited: list[int] = []
    for section in current.report.sections:
        base_version = next((v for v, kind in versions if drafter_wrote(kind, section.number)), None)
        if base_version is None:
            continue  # never drafted here (e.g. an old database): nothing known to compare with
        if base_version not in loaded:
            found = store.draft(current.unit_id, current.year, base_version)
            loaded[base_version] = found.report if found else None
        base = loaded[base_version]
        if base is None or not _differs(section.text, base.text_of(section.number), section.number, current):
            continue
        edited.append(section.number)
    return edited


def _differs(text: str, drafted: str, number: int, current: DraftVersion) -> bool:
    if text == drafted:
        return False
    refilled, _ = refill_text(drafted, number, current.report.figures, current.year)
    return text != refilled


@dataclass(frozen=True)
class Confirmation:
    """What the clerk is asked before drafting: hand-edited sections that would be overwritten, table errors."""

    overwritten: list[int]
    table_errors: list[Flag]

    @property
    def needed(self) -> bool:
        """Whether anything must be confirmed before the drafter acts."""
        return bool(self.overwritten or self.table_errors)

    def overwrite_line(self) -> str | None:
        """第一部分、第五部分已手工修改，重新起草将覆盖这些修改 — or None when nothing would be lost."""
        if not self.overwritten:
            return None
        names = "、".join(part_name(n) for n in self.overwritten)
        return f"{names}已手工修改，重新起草将覆盖这些修改。"

    def errors_line(self) -> str | None:
        """The table errors' headline, or None when the tables have none."""
        if not self.table_errors:
            return None
        return (
            f"本年数字有 {len(self.table_errors)} 个错误，起草的正文会照这些数字写，可能前后矛盾。"
            "建议先在第②步改正；也可以继续起草。"
        )


def table_errors(flags: Iterable[Flag]) -> list[Flag]:
    """The table errors (T-* codes of severity error) drafting should warn about first."""
    return [f for f in flags if f.severity == "error" and f.code.startswith("T-")]


def confirmation(scope: int | None, edited: Iterable[int], flags: Iterable[Flag]) -> Confirmation:
    """What to confirm before drafting ``scope`` (None: every section) over a draft with ``edited`` sections."""
    overwritten = [n for n in edited if scope is None or n == scope]
    return Confirmation(overwritten, table_errors(flags))


def fallbacks_by_section(lines: Iterable[str]) -> dict[int | None, list[str]]:
    """The drafter's fallback notes, each under the section it names at its start (None: names none)."""
    out: dict[int | None, list[str]] = {}
    for line in lines:
        out.setdefault(_named_section(line), []).append(line)
    return out


def _named_section(line: str) -> int | None:
    for number in (std.PREAMBLE, *(s.number for s in std.SECTIONS)):
        names = {std.section_name(number), part_name(number)}
        if number == std.PREAMBLE:
            names |= {"前言", "标题"}
        if any(line.startswith(name) for name in names):
            return number
    return None
