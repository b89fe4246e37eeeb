"""Helpers for the writer and workbook tests: what "reads back the same" means."""

from __future__ import annotations

import re

from assistant.model import Figures, Report


def cells(figures: Figures) -> dict[tuple[str, str, str], tuple[str, int | float | None, str]]:
    """Every cell's kind and value (and raw text for non-numbers) — provenance left out."""
    return {
        (t, r, c): (cell.kind.value, cell.value, "" if cell.is_number else cell.raw)
        for t, r, c, cell in figures.iter_cells()
    }


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sections(report: Report) -> list[tuple[int, str]]:
    return [(s.number, squeeze(s.text)) for s in report.sections]
