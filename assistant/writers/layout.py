"""The three tables as grids of (possibly merged) cells, built from :mod:`assistant.standard`.

Every writer (markdown, text, .docx, the .xlsx template) lays a table out from the same grid, so the
merged header layout of 国办公开办函〔2021〕30号 is defined here once: 表二 in four blocks each with its own
header row, 表三 with the 勾稽 caption, 申请人情况 over seven columns and 三、本年度办理结果 over 22 rows,
表四 with 行政复议 over five columns and 行政诉讼 over ten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant import standard as std
from assistant.model import Cell, CellKind, Figures
from assistant.numfmt import plain_number

# Header words of the template that standard.py does not hold (it holds what identifies rows and columns).
CONTENT_HEADER = "信息内容"
APPLICANT_HEADER = "申请人情况"

Role = Literal["header", "label", "value"]


@dataclass(frozen=True)
class GridCell:
    """One cell of a laid-out table: its place and span, its text, and for a value cell the figure it shows."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    role: Role = "header"
    ref: tuple[str, str, str] | None = None  # (table, row, column) of a value cell
    amount: bool = False  # 收费金额 (万元, decimals) rather than a count


@dataclass(frozen=True)
class Grid:
    """A standard table laid out as the paper form prints it, merged header cells included."""

    table: std.Table
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]
    label_cols: int  # columns on the left that hold row labels (value columns follow)

    def rows(self) -> list[list[GridCell]]:
        """Cells grouped by the row they start in, left to right."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out


def cell_text(cell: Cell, amount: bool = False) -> str:
    """What a writer prints for a cell: counts as integers, 收费 as written, placeholders as found."""
    if cell.is_number:
        if amount and cell.raw and Cell.parse(cell.raw).value == cell.value:
            return cell.raw.replace(",", "")  # "1.50" stays "1.50": the clerk's precision is kept
        return plain_number(cell.value)
    if cell.kind in (CellKind.BLANK, CellKind.MISSING):
        return ""
    return cell.raw


class _Builder:
    def __init__(self, table: std.Table, figures: Figures | None) -> None:
        self.table = table
        self.figures = figures
        self.cells: list[GridCell] = []

    def add(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1, role: Role = "header") -> None:
        self.cells.append(GridCell(row, col, text, rowspan, colspan, role))

    def value(self, row: int, col: int, r: std.Row, c: std.Column, colspan: int = 1) -> None:
        amount = c.value_type == "amount"
        text = ""
        if self.figures is not None:
            text = cell_text(self.figures.cell(self.table.key, r.key, c.key), amount)
        ref = (self.table.key, r.key, c.key)
        self.cells.append(GridCell(row, col, text, 1, colspan, "value", ref, amount))

    def grid(self, n_rows: int, n_cols: int, label_cols: int) -> Grid:
        return Grid(self.table, n_rows, n_cols, tuple(self.cells), label_cols)


def grid_table2(figures: Figures | None) -> Grid:
    """表二: per block a block header row, a header row (信息内容 + columns), then its rows."""
    t = std.TABLE2
    width = 1 + max(len(r.columns) for r in t.rows)
    b = _Builder(t, figures)
    y = 0
    blocks: list[str] = []
    for r in t.rows:
        if r.block not in blocks:
            blocks.append(r.block or "")
    for block in blocks:
        rows = [r for r in t.rows if r.block == block]
        cols = rows[0].columns
        span = (width - 1) // len(cols)  # one column spans all three value columns
        b.add(y, 0, block, colspan=width)
        y += 1
        b.add(y, 0, CONTENT_HEADER)
        for k, c in enumerate(cols):
            b.add(y, 1 + k * span, c.label, colspan=span)
        y += 1
        for r in rows:
            b.add(y, 0, r.label, role="label")
            for k, c in enumerate(r.columns):
                b.value(y, 1 + k * span, r, c, colspan=span)
            y += 1
    return b.grid(y, width, 1)


def grid_table3(figures: Figures | None) -> Grid:
    """表三: three header rows under the caption, then 25 data rows with their spanning group labels."""
    t = std.TABLE3
    cols = std.APPLICANT_COLUMNS
    labels = 3  # 一级 / 二级 / 三级 label columns
    b = _Builder(t, figures)
    b.add(0, 0, std.TABLE3_CAPTION, rowspan=3, colspan=labels)
    b.add(0, labels, APPLICANT_HEADER, colspan=len(cols))
    k = 0
    while k < len(cols):
        c = cols[k]
        if c.group is None:
            b.add(1, labels + k, c.label, rowspan=2)
            k += 1
            continue
        members = [m for m in cols[k:] if m.group == c.group]
        b.add(1, labels + k, c.group, colspan=len(members))
        for j, m in enumerate(members):
            b.add(2, labels + k + j, m.label)
        k += len(members)
    y = 3
    results = [r for r in t.rows if r.group is not None]  # every row under 三、本年度办理结果
    seen_groups: set[str] = set()
    for r in t.rows:
        if r.group is None:
            b.add(y, 0, r.label, colspan=labels, role="label")
        else:
            if r is results[0]:
                b.add(y, 0, std.RESULTS_HEADER, rowspan=len(results))
            if r.group == std.RESULTS_HEADER:
                b.add(y, 1, r.label, colspan=labels - 1, role="label")
            else:
                if r.group not in seen_groups:
                    seen_groups.add(r.group)
                    span = sum(1 for m in t.rows if m.group == r.group)
                    b.add(y, 1, r.group, rowspan=span)
                b.add(y, 2, r.label, role="label")
        for j, c in enumerate(r.columns):
            b.value(y, labels + j, r, c)
        y += 1
    return b.grid(y, labels + len(cols), labels)


def grid_table4(figures: Figures | None) -> Grid:
    """表四: 行政复议 (5) | 行政诉讼 (10) over 未经复议直接起诉 (5) | 复议后起诉 (5), then one row of 15."""
    t = std.TABLE4
    b = _Builder(t, figures)
    x = 0
    groups_done: set[str] = set()
    for r in t.rows:
        n = len(r.columns)
        if r.group is None:
            b.add(0, x, r.label, colspan=n)
            for j, c in enumerate(r.columns):
                b.add(1, x + j, c.label, rowspan=2)
        else:
            if r.group not in groups_done:
                groups_done.add(r.group)
                width = sum(len(m.columns) for m in t.rows if m.group == r.group)
                b.add(0, x, r.group, colspan=width)
            b.add(1, x, r.label, colspan=n)
            for j, c in enumerate(r.columns):
                b.add(2, x + j, c.label)
        for j, c in enumerate(r.columns):
            b.value(3, x + j, r, c)
        x += n
    return b.grid(4, x, 0)


def grids(figures: Figures | None) -> dict[str, Grid]:
    """The grid of each table, by table key (table2/table3/table4)."""
    return {"table2": grid_table2(figures), "table3": grid_table3(figures), "table4": grid_table4(figures)}


def flat_rows(grid: Grid) -> list[list[str]]:
    """The grid as full-width rows of text, merged positions empty (for pipe tables).

    A row label that spans several label columns is printed in the last of them, right before the
    values: a reader that sees a label followed by empty cells could not tell a merged label cell from
    a blank figure, so the empties go before the label, where they are harmless.
    """
    out = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    for c in grid.cells:
        col = c.col + c.colspan - 1 if c.role == "label" else c.col
        out[c.row][col] = c.text
    return out
