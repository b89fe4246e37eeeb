"""Hints about figures that stand out in a batch (pure: figures in, hints out).

A figure far from its peers' middle: per cell, with at least ``MIN_UNITS`` units giving a number, the robust
score 0.6745·|x − median| / MAD above ``THRESHOLD`` (Iglewicz and Hoaglin's rule; a cell where most units agree
exactly, MAD 0, gives no hint rather than flagging every other value). A copied table: units whose figures equal
another's cell for cell, when the tables hold enough non-zero figures for that to be no coincidence.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping

from assistant import standard as std
from assistant.model import Figures

MIN_UNITS = 5
THRESHOLD = 3.5
MAX_PER_UNIT = 5  # the strongest hints of a unit; a reviewer opens the unit for the rest
MIN_NONZERO_FOR_COPY = 5

Cell = tuple[std.Table, std.Row, std.Column]


def _cells() -> list[Cell]:
    return [(t, r, c) for t in std.TABLES for r in t.rows for c in r.columns]


def _label(cell: Cell) -> str:
    table, row, column = cell
    return f"{table.name}“{row.label}”{column.label}"


def far_from_peers(figures: Mapping[str, Figures]) -> dict[str, list[str]]:
    """Per unit, the cells whose figure is far above or below the batch's median (strongest first)."""
    found: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for cell in _cells():
        table, row, column = cell
        values = {u: v for u, f in figures.items() if (v := f.value(table.key, row.key, column.key)) is not None}
        if len(values) < MIN_UNITS:
            continue
        middle = statistics.median(values.values())
        mad = statistics.median(abs(v - middle) for v in values.values())
        if mad == 0:
            continue
        for unit, value in values.items():
            score = 0.6745 * abs(value - middle) / mad
            if score > THRESHOLD:
                side = "偏高" if value > middle else "偏低"
                found[unit].append((score, f"{_label(cell)}为{value:g}，{side}（同批中位数{middle:g}）"))
    return {u: [text for _, text in sorted(hints, reverse=True)[:MAX_PER_UNIT]] for u, hints in found.items()}


def copied_tables(figures: Mapping[str, Figures]) -> dict[str, list[str]]:
    """Units whose figures equal another unit's cell for cell (each names the others)."""
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    cells = _cells()
    for unit, f in figures.items():
        found = [f.cell(t.key, r.key, c.key) for t, r, c in cells]
        if sum(1 for cell in found if cell.is_number and cell.value) >= MIN_NONZERO_FOR_COPY:
            groups[tuple((cell.kind, cell.value) for cell in found)].append(unit)
    out: dict[str, list[str]] = {}
    for units in groups.values():
        for unit in units if len(units) > 1 else ():
            others = "、".join(u for u in units if u != unit)
            out[unit] = [f"表格数字与{others}逐格相同（是否照抄？）"]
    return out


def hints(figures: Mapping[str, Figures]) -> dict[str, list[str]]:
    """Both kinds of hint, per unit: copied tables first."""
    out: dict[str, list[str]] = defaultdict(list)
    for kind in (copied_tables, far_from_peers):
        for unit, found in kind(figures).items():
            out[unit].extend(found)
    return dict(out)
