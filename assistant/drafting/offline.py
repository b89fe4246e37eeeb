"""The embedded default drafter: a complete report from figures, last year's digest and notes, no model.

Deterministic: the same request gives the same text (no clock, no randomness; a signature date is passed
in). Every number in the text comes from the figures, or from a staff note the checker found consistent
with them; every sentence comes from ``prompts/offline/*.toml``. The draft is checked before it is
returned: a note sentence the checker objects to is dropped and the draft rebuilt.

Each section has its writer: :mod:`~assistant.drafting.offline_preamble`, ``offline_overview`` (一),
``offline_problems`` (五) and ``offline_other`` (六), sharing :class:`~assistant.drafting.offline_context.DraftContext`;
二 to 四 are one lead-in sentence before their tables. This module assembles the report and runs the loops.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assistant import standard as std
from assistant.checks import check
from assistant.drafting.offline_context import DraftContext, DraftText
from assistant.drafting.offline_notes import unused_note_lines
from assistant.drafting.offline_other import other
from assistant.drafting.offline_overview import overview
from assistant.drafting.offline_preamble import preamble
from assistant.drafting.offline_problems import problems
from assistant.drafting.offline_templates import Templates
from assistant.drafting.request import DraftRequest
from assistant.model import Flag, Meta, Report, Section

_MAX_REBUILDS = 6
_TURNS = 3


# ---------------------------------------------------------------------------------------------------
def _lead_in(ctx: DraftContext, key: str) -> DraftText:
    """二 to 四: one sentence introducing the section's table."""
    out = DraftText()
    out.add(ctx.w(f"tables.{key}", year=ctx.req.year))
    return out


def _report(ctx: DraftContext) -> tuple[Report, dict[int, list[tuple[int, int, int]]]]:
    """The report, and the spans of note sentences in each section."""
    texts = {
        0: preamble(ctx),
        1: overview(ctx),
        2: _lead_in(ctx, "proactive"),
        3: _lead_in(ctx, "requests"),
        4: _lead_in(ctx, "appeals"),
        5: problems(ctx),
        6: other(ctx),
    }
    sections: list[Section] = []
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for number, body in texts.items():
        text, note_spans = body.build()
        spans[number] = note_spans
        if number == 0:
            sections.append(Section(number=0, text=text))
            continue
        spec = std.SECTIONS_BY_NUMBER[number]
        sections.append(
            Section(number=number, heading=spec.heading, numbering=f"{std.CN_NUMERALS[number]}、", text=text)
        )
    year = ctx.req.year
    meta = Meta(
        title=std.standard_title(ctx.unit.name, year),
        unit=ctx.unit.name,
        year=year,
        level=ctx.req.level,
        period=f"{year}年1月1日至{year}年12月31日",
        format="draft",
    )
    # the request's figures, shared while the draft is checked and rebuilt; draft_offline copies them once
    report = Report(meta=meta, sections=sections, figures=ctx.fig)
    return report, spans


def _draft(
    req: DraftRequest, t: Templates, dropped: frozenset[int], date: dt.date | None, turn: int = 0
) -> tuple[Report, dict[int, list[tuple[int, int, int]]]]:
    return _report(DraftContext(req, dropped, date, t, turn))


def _note_flags(flags: list[Flag], spans: dict[int, list[tuple[int, int, int]]]) -> set[int]:
    """Notes whose sentences the checker flags (a number against the tables, a year, a mobile…)."""
    bad: set[int] = set()
    for flag in flags:
        if flag.section is None or flag.span is None:
            continue
        a, b = flag.span
        for start, end, note in spans.get(flag.section, []):
            if a < end and start < b:
                bad.add(note)
    return bad


@dataclass(frozen=True)
class OfflineDraft:
    """The offline draft and what it could not use: the notes lines that stand nowhere in it."""

    report: Report
    unused_notes: list[str]


def draft_offline_result(
    req: DraftRequest, *, date: dt.date | None = None, templates: Templates | None = None
) -> OfflineDraft:
    """:func:`draft_offline`, with the notes lines it left out (the clerk is told which)."""
    report = draft_offline(req, date=date, templates=templates)
    return OfflineDraft(report, unused_note_lines(req.notes, report, req.year))


def draft_offline(req: DraftRequest, *, date: dt.date | None = None, templates: Templates | None = None) -> Report:
    """The whole report for ``req``, written from templates, signed off with ``date`` (default ``req.date``).

    ``templates`` defaults to the packaged ones (callers with a prompts folder in settings load their own).

    Note sentences the checker objects to are dropped; if the draft still reads like last year's report
    (C-COPIED — e.g. last year's report was itself an offline draft), the variants are turned and the
    draft written again. Both loops are bounded and deterministic.
    """
    t = templates or Templates.load()
    date = date or req.date
    dropped: set[int] = set()
    first: Report | None = None
    for turn in range(_TURNS):
        for _ in range(_MAX_REBUILDS):
            report, spans = _draft(req, t, frozenset(dropped), date, turn)
            flags = check(report, req.last)
            bad = _note_flags(flags, spans) - dropped
            if not bad:
                break
            dropped |= bad
        first = first or report
        if not any(f.code == "C-COPIED" for f in flags):
            return _own(report)
    return _own(first if first is not None else _draft(req, t, frozenset(dropped), date)[0])


def _own(report: Report) -> Report:
    """``report`` with its own copy of the figures: a clerk's edits to the draft never reach the request."""
    return report.model_copy(update={"figures": report.figures.model_copy(deep=True)})
