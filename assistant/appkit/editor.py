"""The standard's tables as frames for an editable grid, and edited frames back into :class:`Figures`.

Rows come in the standard's order with its labels (:mod:`assistant.standard`); 表二 is split into its four
blocks (第二十条第（一）（五）（六）（八）项) because each block has its own columns, as on the paper form.
A cell that holds no number is NaN in the frame — shown empty, never 0 — and an edit that leaves it empty
keeps what the cell held ("/", "无" …) so the checker can still name it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from assistant import standard as std
from assistant.model import Cell, CellKind, Figures, Flag, TableRef
from assistant.numfmt import whole

LABEL = "label"  # the frame's read-only first column: the row label as the standard prints it
MARK = "mark"  # the grid's read-only last column: which cells of the row are flagged
# Words, not emoji: a government PC or a headless browser may have no emoji font (they showed as boxes).
MARK_ICON = {"error": "【错】", "warning": "【警】"}
# Headers short enough for a narrow number column (表三's seven must fit beside its labels at 1280 px);
# the full label is the column's tooltip.
_SHORT = {
    "本年制发件数": "本年制发",
    "本年废止件数": "本年废止",
    "现行有效件数": "现行有效",
    "本年处理决定数量": "处理决定数",
    "本年收费金额（单位：万元）": "收费（万元）",
    "商业企业": "企业",
    "科研机构": "科研",
    "社会公益组织": "公益",
    "法律服务机构": "法律",
}


@dataclass(frozen=True)
class Block:
    """One editable grid: a whole table, or one block of 表二."""

    key: str  # stable, used in widget keys: table2-0 … table2-3, table3, table4
    table: str  # table2 / table3 / table4
    title: str
    rows: tuple[std.Row, ...]
    columns: tuple[std.Column, ...]

    def refs(self) -> set[tuple[str, str, str]]:
        """Every (table, row, column) this block edits."""
        return {(self.table, r.key, c.key) for r in self.rows for c in r.columns}

    @property
    def amount(self) -> bool:
        """Whether the block has an amount column (万元, which may take decimals; counts are whole)."""
        return any(c.value_type == "amount" for c in self.columns)


def _row_label(row: std.Row) -> str:
    """The label a clerk recognises: sub-items carry their group (（三）不予公开 · 1.属于国家秘密)."""
    if row.group and row.group != std.RESULTS_HEADER:
        return f"{row.group} · {row.label}"
    return row.label


def column_label(column: std.Column) -> str:
    """The column header of the grid: only 法人或其他组织 · 其他 needs its group, to be told from the other 其他."""
    if column.group and column.label == "其他":
        return f"{column.group} · 其他"
    return column.label


def short_label(column: std.Column) -> str:
    """The grid's header for a column: a few characters (the full label goes in its tooltip)."""
    return _SHORT.get(column.label, column.label)


def column_help(column: std.Column) -> str:
    """A column's tooltip: its full label, what it takes, and that a blank is not 0."""
    kind = "单位：万元，可有小数" if column.value_type == "amount" else "件数，填整数"
    return f"{column_label(column)}（{kind}）；空白表示未填，不会当作 0"


def _blocks() -> tuple[Block, ...]:
    out: list[Block] = []
    t2 = std.TABLE2
    seen: list[str] = []
    for r in t2.rows:
        if r.block and r.block not in seen:
            seen.append(r.block)
    for i, block in enumerate(seen):
        rows = tuple(r for r in t2.rows if r.block == block)
        out.append(Block(f"table2-{i}", "table2", f"{t2.name} · {block}", rows, rows[0].columns))
    for t in (std.TABLE3, std.TABLE4):
        out.append(Block(t.key, t.key, f"{t.name} {t.title}", t.rows, t.columns))
    return tuple(out)


BLOCKS = _blocks()


def frame(block: Block, figures: Figures) -> pd.DataFrame:
    """The block as a frame: a label column, then one float column per standard column (NaN = no number)."""
    data: dict[str, list[object]] = {LABEL: [_row_label(r) for r in block.rows]}
    for c in block.columns:
        values: list[object] = []
        for r in block.rows:
            value = figures.value(block.table, r.key, c.key)
            values.append(float(value) if value is not None else math.nan)
        data[c.key] = values
    return pd.DataFrame(data).astype({c.key: "float64" for c in block.columns})


def row_marks(block: Block, flags: Iterable[Flag]) -> list[tuple[str | None, list[str]]]:
    """Per row of the block: the strongest severity flagged in it and the short headers of its flagged cells.

    A flag about a whole row marks the row without naming a column.
    """
    rank = {"warning": 1, "error": 2}
    out: list[tuple[str | None, list[str]]] = []
    mine = block_flags(block, flags)
    for r in block.rows:
        severity: str | None = None
        columns: list[str] = []
        for f in mine:
            ref = f.cell_ref
            if ref is None or ref.row != r.key:
                continue
            if severity is None or rank[f.severity] > rank[severity]:
                severity = f.severity
            column = next((c for c in block.columns if c.key == ref.column), None)
            if column is not None and short_label(column) not in columns:
                columns.append(short_label(column))
        out.append((severity, columns))
    return out


def grid_frame(block: Block, figures: Figures, flags: Iterable[Flag] = ()) -> pd.DataFrame:
    """The frame the grid shows: :func:`frame`, flagged rows' labels led by 【错】/【警】, and a mark column
    naming the flagged cells (the grid can colour only read-only cells, so the marks are words)."""
    out = frame(block, figures)
    marks = row_marks(block, flags)
    out[LABEL] = [
        f"{MARK_ICON[sev]}{label}" if sev else label for label, (sev, _) in zip(out[LABEL], marks, strict=True)
    ]
    out[MARK] = [f"{MARK_ICON[sev][1]} {'、'.join(cols) or '本行'}" if sev else "" for sev, cols in marks]
    return out


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    try:
        # pandas-stubs list scalar types only; pd.isna takes any object (a list raises, caught below).
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def apply_frame(block: Block, edited: pd.DataFrame, figures: Figures) -> tuple[Figures, list[str]]:
    """Figures with the frame's values written in, and the paths of the cells that changed.

    An emptied cell that held a number becomes blank (not 0); an empty cell that held "/" or words keeps
    them; a number equal to the one held keeps its cell (raw text and source).
    """
    out = figures.model_copy(deep=True)
    changed: list[str] = []
    for i, r in enumerate(block.rows):
        for c in block.columns:
            if c.key not in edited.columns or i >= len(edited):
                continue
            new = edited[c.key].iloc[i]
            old = figures.cell(block.table, r.key, c.key)
            if _is_empty(new):
                if old.is_number:
                    out.set(block.table, r.key, c.key, Cell(kind=CellKind.BLANK))
                    changed.append(std.cell_path(block.table, r.key, c.key))
                continue
            number = float(new)
            if old.is_number and float(old.value or 0) == number:
                continue
            value: int | float = whole(number) if c.value_type == "count" else number
            out.set(block.table, r.key, c.key, Cell.parse(value))
            changed.append(std.cell_path(block.table, r.key, c.key))
    return out, changed


def unfilled(block: Block, figures: Figures) -> list[str]:
    """Paths of the block's cells that hold no number: blank, missing, "/", words."""
    return [
        std.cell_path(block.table, r.key, c.key)
        for r in block.rows
        for c in block.columns
        if not figures.cell(block.table, r.key, c.key).is_number
    ]


def odd_cells(block: Block, figures: Figures) -> list[tuple[str, str]]:
    """(path, text) of cells holding something other than a number or nothing — e.g. "/" read from a file."""
    out: list[tuple[str, str]] = []
    for r in block.rows:
        for c in block.columns:
            cell = figures.cell(block.table, r.key, c.key)
            if cell.kind not in (CellKind.NUMBER, CellKind.BLANK, CellKind.MISSING):
                out.append((std.cell_path(block.table, r.key, c.key), cell.raw))
    return out


def fill_empty_with_zero(figures: Figures) -> tuple[Figures, int]:
    """Every blank or missing cell set to 0 — only on the clerk's explicit request (a zero report)."""
    out = figures.model_copy(deep=True)
    filled = 0
    for t in std.TABLES:
        for r in t.rows:
            for c in r.columns:
                if out.cell(t.key, r.key, c.key).kind in (CellKind.BLANK, CellKind.MISSING):
                    out.set(t.key, r.key, c.key, Cell.parse(0))
                    filled += 1
    return out, filled


TABLE_CODE_PREFIXES = ("T-", "Y-")


def is_table_flag(flag: Flag) -> bool:
    """Whether the flag is about the tables' figures (and so belongs next to the grids, not the text)."""
    return flag.code.startswith(TABLE_CODE_PREFIXES)


def block_flags(block: Block, flags: Iterable[Flag]) -> list[Flag]:
    """Table flags about a cell or row of this block, or about its whole table."""
    refs = block.refs()
    return [f for f in flags if is_table_flag(f) and f.cell_ref is not None and _points_into(f.cell_ref, block, refs)]


def _points_into(ref: TableRef, block: Block, refs: set[tuple[str, str, str]]) -> bool:
    """Whether ``ref`` names a cell of the block (``refs``), one of its rows, or its whole table.

    A flag about a whole table is shown once, under the table's first block.
    """
    if ref.cell is not None:
        return ref.cell in refs
    if ref.row is None:
        return ref.table == block.table and block.key in (block.table, f"{block.table}-0")
    return ref.table == block.table and any(r.key == ref.row for r in block.rows)
