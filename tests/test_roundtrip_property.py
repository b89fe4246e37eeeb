"""Across the whole product: any consistent set of figures drafts clean and survives every format.

Random tables that satisfy every identity → the offline drafter writes a report → the checker finds
nothing to flag → written as .md, .txt and .docx and read back, the figures are cell-for-cell the same
and the checker still finds nothing.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import standard as std
from assistant.checks import check
from assistant.drafting.offline import draft_offline
from assistant.drafting.request import DraftRequest
from assistant.model import Cell, Figures
from assistant.readers import read_report_bytes
from assistant.writers.docx import write_docx
from assistant.writers.markdown import render_markdown, render_text

# A drafted report carries no error and no S-/C- warning; warnings about the data itself (T-LEVEL) may stand.
FORBIDDEN_WARNINGS = ("S-", "C-")


@st.composite
def consistent_figures(draw: st.DrawFn) -> Figures:
    figures = Figures.zeros()
    small = st.integers(min_value=0, max_value=6)
    for col in std.APPLICANT_SUM_COLUMNS:
        # Outcome leaves first, then the rows that must balance with them.
        results = {row: draw(st.integers(0, 3)) if draw(st.booleans()) else 0 for row in std.RESULT_ROWS}
        handled = sum(results.values())
        carried_out = draw(small)
        carried_in = draw(st.integers(0, handled + carried_out))
        received = handled + carried_out - carried_in
        values = {
            **results,
            "handled_total": handled,
            "carried_out": carried_out,
            "carried_in": carried_in,
            "received": received,
        }
        for row, value in values.items():
            figures.set("table3", row, col, Cell.parse(value))
    for row in std.TABLE3.rows:
        total = sum(figures.value("table3", row.key, c) or 0 for c in std.APPLICANT_SUM_COLUMNS)
        figures.set("table3", row.key, "total", Cell.parse(total))
    for row in std.TABLE4.rows:
        parts = {c: draw(st.integers(0, 2)) for c in std.APPEAL_SUM_COLUMNS}
        for c, v in parts.items():
            figures.set("table4", row.key, c, Cell.parse(v))
        figures.set("table4", row.key, "total", Cell.parse(sum(parts.values())))
    for row in ("licensing", "penalty", "enforcement"):
        figures.set("table2", row, "decisions", Cell.parse(draw(st.integers(0, 300))))
    issued, repealed = draw(small), draw(small)
    figures.set("table2", "normative_docs", "issued", Cell.parse(issued))
    figures.set("table2", "normative_docs", "repealed", Cell.parse(repealed))
    figures.set("table2", "normative_docs", "in_force", Cell.parse(issued + draw(st.integers(0, 30))))
    cents = draw(st.integers(0, 50000))
    figures.set("table2", "fees", "amount", Cell.parse(f"{cents // 100}.{cents % 100:02d}"))
    return figures


def _shippable(report, last=None) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{f.code}: {f.message}"
        for f in check(report, last)
        if f.severity == "error" or (f.code.startswith(FORBIDDEN_WARNINGS) and not _contact_blank(f))
    ]


def _contact_blank(flag) -> bool:  # type: ignore[no-untyped-def]
    # No last year's report here, so the contact line is left blank for the clerk, and said so.
    return flag.code == "C-UNFILLED" and flag.section == 0


def _cells(figures: Figures) -> list[tuple[str, float | None]]:
    return [(c.kind.value, c.value) for *_, c in figures.iter_cells()]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures=consistent_figures(), unit=st.sampled_from(["石门镇", "东湖街道", "云岫县教育局", "白鹭乡"]))
def test_any_consistent_figures_draft_clean_and_survive_every_format(figures: Figures, unit: str) -> None:
    level = "county" if unit.endswith("局") else "street" if unit.endswith("街道") else "township"
    draft = draft_offline(DraftRequest(figures=figures, year=2024, unit=unit, level=level))
    assert _shippable(draft) == []
    writers = {
        "r.md": lambda r: render_markdown(r).encode("utf-8"),
        "r.txt": lambda r: render_text(r).encode("utf-8"),
    }
    for name, write in writers.items():
        again = read_report_bytes(write(draft), name)
        assert _cells(again.figures) == _cells(figures), name
        assert _shippable(again) == [], name


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures=consistent_figures())
def test_any_consistent_figures_survive_docx(figures: Figures) -> None:
    draft = draft_offline(DraftRequest(figures=figures, year=2024, unit="石门镇", level="township"))
    buffer = io.BytesIO()
    write_docx(draft, buffer)
    again = read_report_bytes(buffer.getvalue(), "r.docx")
    assert _cells(again.figures) == _cells(figures)
    assert _shippable(again) == []
